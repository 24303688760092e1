-- Training sessions (enrolment with a waiting list, attendance, completion), job offers,
-- applications with per-employer stages and comments, placements with follow-up check-ins, and
-- webhooks with their delivery log. Valid on PostgreSQL 15+ and PGlite. Owned by
-- src/modules/trainings, offers, placements and webhooks.

-- ---------------------------------------------------------------------------------------------
-- Training sessions (DOMAIN.md §4)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE training_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  training_body_id uuid NOT NULL REFERENCES training_bodies(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  -- the diploma or certificate it leads to, e.g. a DEUST by distance learning; '' when none
  diploma text NOT NULL DEFAULT '' CHECK (length(diploma) <= 200),
  mode text NOT NULL CHECK (mode IN ('on_site', 'distance')),
  site_id uuid REFERENCES sites(id),
  commune_code text REFERENCES communes(code),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  hours integer CHECK (hours BETWEEN 1 AND 2000),
  seats integer NOT NULL CHECK (seats BETWEEN 1 AND 500),
  -- prerequisites: minimum pillar scores {"telephone": 40, …} (0–100) and languages [{code, level}]
  min_scores jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(min_scores) = 'object'),
  languages jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
  -- what it raises: [{"pillar": "telephone", "languageCode": null, "points": 15}]
  raises jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(raises) = 'array'),
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'cancelled')),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CHECK (mode = 'distance' OR site_id IS NOT NULL OR commune_code IS NOT NULL)
);
CREATE INDEX training_sessions_territory_idx ON training_sessions (territory_id, starts_on);
CREATE INDEX training_sessions_body_idx ON training_sessions (training_body_id, starts_on);

-- One row per candidate and session. Seats are held by 'enrolled', 'completed' and 'not_completed';
-- 'waitlisted' rows wait in requested_at order and are promoted when a seat frees up (the service
-- locks the session row, so two enrolments never take the same last seat).
CREATE TABLE training_enrolments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES training_sessions(id),
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  status text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn', 'completed', 'not_completed')),
  requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  enrolled_at timestamptz,
  -- the seat came from the waiting list
  promoted boolean NOT NULL DEFAULT false,
  withdrawn_at timestamptz,
  completed_at timestamptz,
  -- final grade on the French 0–20 scale
  grade numeric(4,2) CHECK (grade BETWEEN 0 AND 20),
  enrolled_by uuid REFERENCES users(id),
  UNIQUE (session_id, candidate_id),
  CHECK (status IN ('waitlisted', 'withdrawn') OR enrolled_at IS NOT NULL),
  CHECK ((status IN ('completed', 'not_completed')) = (completed_at IS NOT NULL))
);
CREATE INDEX training_enrolments_queue_idx ON training_enrolments (session_id, status, requested_at);
CREATE INDEX training_enrolments_candidate_idx ON training_enrolments (candidate_id);

CREATE TABLE training_attendance (
  enrolment_id uuid NOT NULL REFERENCES training_enrolments(id),
  day date NOT NULL,
  present boolean NOT NULL,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enrolment_id, day)
);

-- ---------------------------------------------------------------------------------------------
-- Offers and applications
-- ---------------------------------------------------------------------------------------------
CREATE TABLE offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  employer_id uuid NOT NULL REFERENCES employers(id),
  site_id uuid NOT NULL REFERENCES sites(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 8000),
  -- ROME code; src/modules/offers/occupations.ts gives its label and ISCO-08 code
  occupation_code text NOT NULL CHECK (occupation_code IN ('D1408', 'M1704')),
  contract text NOT NULL CHECK (contract IN ('cdi', 'cdd', 'temp', 'work_study')),
  work_time text NOT NULL CHECK (work_time IN ('full_time', 'part_time')),
  hours_per_week numeric(4,1) CHECK (hours_per_week > 0 AND hours_per_week <= 60),
  seats integer NOT NULL CHECK (seats BETWEEN 1 AND 1000),
  start_date date NOT NULL,
  -- minimum CEFR level per language [{code, level}] and minimum pillar scores {"telephone": 50}
  languages jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
  min_scores jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(min_scores) = 'object'),
  shifts text[] NOT NULL DEFAULT '{}' CHECK (shifts <@ ARRAY['morning', 'afternoon', 'evening', 'night', 'weekend']::text[]),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('draft', 'open', 'closed')),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offers_territory_idx ON offers (territory_id, status, start_date);
CREATE INDEX offers_employer_idx ON offers (employer_id, created_at);

-- An employer's recruitment stages, in order; each belongs to one open status of the pipeline.
-- Removed stages are deactivated, so applications keep pointing at them.
CREATE TABLE employer_stages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employer_id uuid NOT NULL REFERENCES employers(id),
  position integer NOT NULL CHECK (position >= 0),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  status text NOT NULL CHECK (status IN ('applied', 'interview', 'offer')),
  is_active boolean NOT NULL DEFAULT true
);
CREATE INDEX employer_stages_employer_idx ON employer_stages (employer_id, position);

CREATE TABLE applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  offer_id uuid NOT NULL REFERENCES offers(id),
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')),
  stage_id uuid REFERENCES employer_stages(id),
  rejection_reason text CHECK (rejection_reason IN ('skills', 'languages', 'availability', 'position_filled', 'candidate_declined', 'no_show', 'other')),
  rejection_note text NOT NULL DEFAULT '' CHECK (length(rejection_note) <= 2000),
  -- the candidate's note when applying
  message text NOT NULL DEFAULT '' CHECK (length(message) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (offer_id, candidate_id),
  CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
);
CREATE INDEX applications_candidate_idx ON applications (candidate_id, created_at);
CREATE INDEX applications_offer_idx ON applications (offer_id, status);

-- Status history of an application (who moved it, when, from what to what).
CREATE TABLE application_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES applications(id),
  from_status text,
  to_status text NOT NULL,
  stage_id uuid REFERENCES employer_stages(id),
  actor_id uuid REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX application_events_application_idx ON application_events (application_id, at);

CREATE TABLE application_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES applications(id),
  author_id uuid NOT NULL REFERENCES users(id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX application_comments_application_idx ON application_comments (application_id, created_at);

-- ---------------------------------------------------------------------------------------------
-- Placements and follow-up
-- ---------------------------------------------------------------------------------------------
-- A hire. Active while ended_on is null; a candidate holds at most one full-time or two part-time
-- active placements (checked by the service under a lock of the candidate row).
CREATE TABLE placements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  employer_id uuid NOT NULL REFERENCES employers(id),
  offer_id uuid NOT NULL REFERENCES offers(id),
  work_time text NOT NULL CHECK (work_time IN ('full_time', 'part_time')),
  contract text NOT NULL CHECK (contract IN ('cdi', 'cdd', 'temp', 'work_study')),
  started_on date NOT NULL,
  -- the employment counsellor following the person (set by the placements.schedule-checkins job)
  counselor_id uuid REFERENCES users(id),
  ended_on date,
  end_reason text CHECK (end_reason IN ('resigned', 'dismissed', 'contract_ended', 'trial_period', 'other')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX placements_active_candidate_idx ON placements (candidate_id) WHERE ended_on IS NULL;
CREATE INDEX placements_territory_idx ON placements (territory_id, started_on);

-- Follow-up at 1, 3, 6 and 12 months after the start.
CREATE TABLE placement_checkins (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placements(id),
  months integer NOT NULL CHECK (months IN (1, 3, 6, 12)),
  due_on date NOT NULL,
  counselor_id uuid REFERENCES users(id),
  done_at timestamptz,
  outcome text CHECK (outcome IN ('still_employed', 'left')),
  left_reason text CHECK (left_reason IN ('resigned', 'dismissed', 'contract_ended', 'trial_period', 'other')),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  recorded_by uuid REFERENCES users(id),
  -- when the checkin.due event went out
  due_notified_at timestamptz,
  UNIQUE (placement_id, months),
  CHECK ((done_at IS NULL) = (outcome IS NULL)),
  CHECK ((outcome = 'left') = (left_reason IS NOT NULL))
);
CREATE INDEX placement_checkins_open_idx ON placement_checkins (due_on) WHERE done_at IS NULL;
CREATE INDEX placement_checkins_counselor_idx ON placement_checkins (counselor_id, due_on);

-- ---------------------------------------------------------------------------------------------
-- Webhooks
-- ---------------------------------------------------------------------------------------------
-- employer_id set: the employer's subscription (events about its offers); null: a partner of the
-- territory subscribed by its staff (every event of the territory).
CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  employer_id uuid REFERENCES employers(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  -- HMAC-SHA256 key; kept in clear because signing needs it, shown once at creation
  secret text NOT NULL CHECK (length(secret) >= 32),
  events text[] NOT NULL CHECK (cardinality(events) >= 1 AND events <@ ARRAY['application.created', 'application.status_changed', 'placement.hired', 'checkin.due']::text[]),
  is_active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_territory_idx ON webhook_subscriptions (territory_id) WHERE is_active;

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at);

CREATE TABLE webhook_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id),
  attempt integer NOT NULL CHECK (attempt >= 1),
  attempted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  status_code integer,
  error text,
  duration_ms integer NOT NULL CHECK (duration_ms >= 0),
  UNIQUE (delivery_id, attempt)
);
