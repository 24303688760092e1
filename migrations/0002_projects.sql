-- Investor projects: a company's call-centre project in a territory, its pipeline stage and history,
-- its call forecast (a weekly volume with weekday/hourly profiles, or interval rows from a CSV file)
-- and the staffing parameters the sizing runs with (src/core/staffing/week-sizing.ts).

CREATE TABLE projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  -- the company once it is (or already was) an employer of the territory; its users see the project
  employer_id uuid REFERENCES employers(id),
  company_name text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 200),
  contact_name text NOT NULL DEFAULT '',
  contact_email text,
  contact_phone text,
  activity text NOT NULL CHECK (activity IN ('inbound_care', 'outbound_sales', 'help_desk', 'back_office')),
  languages text[] NOT NULL DEFAULT '{}',
  -- {"mon": {"opens": "08:00", "closes": "20:00"} | null, …, "sun": …}
  opening_hours jsonb NOT NULL,
  go_live_on date,
  jobs_announced integer CHECK (jobs_announced >= 0),
  stage text NOT NULL DEFAULT 'lead' CHECK (stage IN ('lead', 'proposal', 'decision', 'implanted', 'lost')),
  -- forecast: 'profile' uses weekly_calls and the profiles, 'intervals' the project_forecast_intervals rows
  forecast_mode text NOT NULL DEFAULT 'profile' CHECK (forecast_mode IN ('profile', 'intervals')),
  weekly_calls double precision CHECK (weekly_calls >= 0),
  weekday_profile double precision[] NOT NULL CHECK (cardinality(weekday_profile) = 7),
  hourly_profile double precision[] NOT NULL CHECK (cardinality(hourly_profile) = 24),
  -- staffing parameters
  interval_minutes integer NOT NULL DEFAULT 30 CHECK (interval_minutes IN (15, 30, 60)),
  aht_seconds double precision NOT NULL CHECK (aht_seconds > 0),
  target_answer_seconds double precision NOT NULL CHECK (target_answer_seconds >= 0),
  service_level double precision NOT NULL CHECK (service_level >= 0 AND service_level <= 1),
  max_occupancy double precision CHECK (max_occupancy > 0 AND max_occupancy <= 1),
  asa_seconds double precision CHECK (asa_seconds > 0),
  patience_seconds double precision CHECK (patience_seconds > 0),
  shrinkage double precision NOT NULL CHECK (shrinkage >= 0 AND shrinkage < 1),
  seat_sharing double precision NOT NULL CHECK (seat_sharing > 0),
  m2_per_seat double precision NOT NULL CHECK (m2_per_seat >= 0),
  annual_attrition_rate double precision NOT NULL CHECK (annual_attrition_rate >= 0),
  training_weeks integer NOT NULL CHECK (training_weeks BETWEEN 0 AND 52),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_territory_stage_idx ON projects (territory_id, stage, updated_at DESC);
CREATE INDEX projects_employer_idx ON projects (employer_id) WHERE employer_id IS NOT NULL;

-- Every stage a project went through: from_stage is null for its creation.
CREATE TABLE project_stage_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  from_stage text CHECK (from_stage IN ('lead', 'proposal', 'decision', 'implanted', 'lost')),
  to_stage text NOT NULL CHECK (to_stage IN ('lead', 'proposal', 'decision', 'implanted', 'lost')),
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000)
);
CREATE INDEX project_stage_changes_project_idx ON project_stage_changes (project_id, changed_at);

-- Calls per interval of a typical week, uploaded as CSV (weekday 1 = Monday, start in minutes).
CREATE TABLE project_forecast_intervals (
  project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minute smallint NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
  calls double precision NOT NULL CHECK (calls >= 0),
  PRIMARY KEY (project_id, weekday, start_minute)
);
