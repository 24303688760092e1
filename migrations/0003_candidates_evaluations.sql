-- Candidates (profile, self-registration, GDPR, duplicates) and evaluations (item bank, attempts,
-- results). Valid on PostgreSQL 15+ and PGlite. Owned by src/modules/candidates and
-- src/modules/evaluations; other modules read evaluation_results and candidate_disclosures.

-- ---------------------------------------------------------------------------------------------
-- Candidate profile (DOMAIN.md §4)
-- ---------------------------------------------------------------------------------------------
ALTER TABLE candidates
  -- longest acceptable commute in minutes, beside the existing radius in km (either may be used)
  ADD COLUMN mobility_minutes integer CHECK (mobility_minutes BETWEEN 5 AND 240),
  -- highest level reached: none, vocational (CAP/BEP), secondary (baccalauréat), short_higher
  -- (bac+2), bachelor (bac+3), master (bac+5 or more)
  ADD COLUMN education_level text CHECK (education_level IN ('none', 'vocational', 'secondary', 'short_higher', 'bachelor', 'master')),
  ADD COLUMN education_detail text NOT NULL DEFAULT '' CHECK (length(education_detail) <= 2000),
  -- months of experience in customer contact (call centre, reception, sales)
  ADD COLUMN experience_months integer NOT NULL DEFAULT 0 CHECK (experience_months BETWEEN 0 AND 720),
  ADD COLUMN experience_detail text NOT NULL DEFAULT '' CHECK (length(experience_detail) <= 2000),
  ADD COLUMN shifts text[] NOT NULL DEFAULT '{}' CHECK (shifts <@ ARRAY['morning', 'afternoon', 'evening', 'night', 'weekend']::text[]),
  ADD COLUMN work_time text CHECK (work_time IN ('full_time', 'part_time', 'either')),
  ADD COLUMN contract_wishes text[] NOT NULL DEFAULT '{}' CHECK (contract_wishes <@ ARRAY['cdi', 'cdd', 'temp', 'work_study']::text[]),
  ADD COLUMN source text NOT NULL DEFAULT 'staff' CHECK (source IN ('self_registration', 'staff', 'import', 'demo')),
  ADD COLUMN created_by uuid REFERENCES users(id),
  -- the national significant number (last 9 digits: France and Morocco) so 06… and +33 6… compare equal
  ADD COLUMN phone_key text GENERATED ALWAYS AS (right(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), 9)) STORED,
  -- GDPR erasure: personal fields emptied, statistics (territory, commune, scores, dates) kept
  ADD COLUMN anonymised_at timestamptz,
  ADD COLUMN anonymised_by uuid REFERENCES users(id),
  -- a duplicate merged into another record (its history rows were moved there)
  ADD COLUMN merged_into_id uuid REFERENCES candidates(id),
  ADD CONSTRAINT candidates_email_lower CHECK (email = lower(email)),
  ADD CONSTRAINT candidates_not_merged_into_self CHECK (merged_into_id <> id);

CREATE INDEX candidates_territory_email_idx ON candidates (territory_id, email) WHERE email IS NOT NULL;
CREATE INDEX candidates_territory_phone_idx ON candidates (territory_id, phone_key) WHERE phone_key <> '';
CREATE INDEX candidates_territory_birth_idx ON candidates (territory_id, birth_date) WHERE birth_date IS NOT NULL;

-- One-time tokens of candidate accounts (email verification, invitation by a counsellor): only the
-- SHA-256 of the token is stored.
CREATE TABLE candidate_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'invitation')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX candidate_tokens_user_idx ON candidate_tokens (user_id);

-- Consent records: one row per consent given; withdrawing sets withdrawn_at (the history is kept).
CREATE TABLE candidate_consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  purpose text NOT NULL CHECK (purpose IN ('processing', 'job_alerts', 'training_contact')),
  -- which version of the privacy notice was shown
  notice_version text NOT NULL CHECK (length(notice_version) BETWEEN 1 AND 40),
  given_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  -- null when the candidate gave it; else the staff member who recorded it on their behalf
  recorded_by uuid REFERENCES users(id),
  CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
);
CREATE INDEX candidate_consents_candidate_idx ON candidate_consents (candidate_id, purpose);

-- Uploaded documents (CV): bytes in the database, so one backup holds everything; 5 MB at most.
CREATE TABLE candidate_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  kind text NOT NULL DEFAULT 'cv' CHECK (kind IN ('cv', 'other')),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  mime_type text NOT NULL CHECK (mime_type IN (
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text')),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (octet_length(content) = size_bytes)
);
CREATE INDEX candidate_documents_candidate_idx ON candidate_documents (candidate_id);

-- An employer sees a candidate's identity only once the candidate applied to, or accepted a
-- proposal for, one of its offers. The offers module inserts these rows
-- (INSERT … ON CONFLICT DO NOTHING); src/modules/candidates/visibility.ts reads them.
CREATE TABLE candidate_disclosures (
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  employer_id uuid NOT NULL REFERENCES employers(id),
  reason text NOT NULL CHECK (reason IN ('applied', 'accepted_proposal')),
  disclosed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (candidate_id, employer_id, reason)
);
CREATE INDEX candidate_disclosures_employer_idx ON candidate_disclosures (employer_id, candidate_id);

-- Suspected duplicates (same email, same phone, or same birth date and a close name). The pair is
-- stored ordered (a < b) so it is flagged once.
CREATE TABLE candidate_duplicates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  candidate_a_id uuid NOT NULL REFERENCES candidates(id),
  candidate_b_id uuid NOT NULL REFERENCES candidates(id),
  reasons text[] NOT NULL CHECK (cardinality(reasons) >= 1 AND reasons <@ ARRAY['email', 'phone', 'birth_date_name']::text[]),
  -- edit distance between the normalised full names (accents and case removed)
  name_distance integer CHECK (name_distance >= 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'dismissed')),
  detected_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users(id),
  CHECK (candidate_a_id < candidate_b_id),
  CHECK ((status = 'open') = (resolved_at IS NULL)),
  UNIQUE (candidate_a_id, candidate_b_id)
);
CREATE INDEX candidate_duplicates_territory_idx ON candidate_duplicates (territory_id, status, detected_at);
CREATE INDEX candidate_duplicates_b_idx ON candidate_duplicates (candidate_b_id);

-- Merges of duplicates: which record was kept, which was merged into it and how many history rows
-- moved, per table.
CREATE TABLE candidate_merges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  kept_candidate_id uuid NOT NULL REFERENCES candidates(id),
  merged_candidate_id uuid NOT NULL UNIQUE REFERENCES candidates(id),
  duplicate_id uuid REFERENCES candidate_duplicates(id),
  moved jsonb NOT NULL DEFAULT '{}',
  merged_by uuid REFERENCES users(id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kept_candidate_id <> merged_candidate_id)
);
CREATE INDEX candidate_merges_kept_idx ON candidate_merges (kept_candidate_id);

-- ---------------------------------------------------------------------------------------------
-- Evaluations: the three training pillars (telephone, information search, IT tools) and languages
-- ---------------------------------------------------------------------------------------------

-- The item bank of a territory, edited by its advisors.
CREATE TABLE evaluation_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  pillar text NOT NULL CHECK (pillar IN ('telephone', 'information_search', 'it_tools', 'language')),
  kind text NOT NULL CHECK (kind IN ('multiple_choice', 'search_task', 'typing')),
  -- the language the item is written in; for the language pillar, the language it tests
  language_code text NOT NULL CHECK (language_code ~ '^[a-z]{2}$'),
  prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 4000),
  -- search_task: the document to search (a timetable, a price list, a customer file); typing: unused
  resource text NOT NULL DEFAULT '' CHECK (length(resource) <= 20000),
  -- multiple_choice: the choices (a JSON array of strings) and the index of the right one
  choices jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(choices) = 'array'),
  correct_choice integer,
  -- search_task: accepted answers, compared without case, accents or extra spaces
  accepted_answers text[] NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'multiple_choice' OR (jsonb_array_length(choices) BETWEEN 2 AND 8 AND correct_choice >= 0 AND correct_choice < jsonb_array_length(choices))),
  CHECK (kind <> 'search_task' OR cardinality(accepted_answers) >= 1),
  CHECK (kind <> 'typing' OR pillar = 'it_tools')
);
CREATE INDEX evaluation_items_bank_idx ON evaluation_items (territory_id, pillar, language_code) WHERE is_active;

-- One online test taken by a candidate: the items drawn (a snapshot, with their right answers, which
-- never leave the server), the answers sent, the time taken and the score computed by the server.
CREATE TABLE evaluation_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  territory_id uuid NOT NULL REFERENCES territories(id),
  -- the test: a pillar, and for the language pillar the language tested
  pillar text NOT NULL CHECK (pillar IN ('telephone', 'information_search', 'it_tools', 'language')),
  language_code text CHECK (language_code ~ '^[a-z]{2}$'),
  items jsonb NOT NULL,
  time_limit_seconds integer NOT NULL CHECK (time_limit_seconds BETWEEN 60 AND 7200),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  duration_seconds integer CHECK (duration_seconds >= 0),
  answers jsonb,
  -- per item: points earned out of 1, and the typing measures (words per minute, accuracy 0–1)
  item_scores jsonb,
  typing_wpm numeric(5,1) CHECK (typing_wpm >= 0),
  typing_accuracy numeric(4,3) CHECK (typing_accuracy BETWEEN 0 AND 1),
  score integer CHECK (score BETWEEN 0 AND 100),
  status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'scored', 'expired')),
  CHECK ((status = 'in_progress') = (finished_at IS NULL)),
  CHECK ((status = 'scored') = (score IS NOT NULL)),
  CHECK ((pillar = 'language') = (language_code IS NOT NULL))
);
CREATE INDEX evaluation_attempts_candidate_idx ON evaluation_attempts (candidate_id, started_at);

-- Scores per pillar, 0–100, from online tests, assessors or training. Read by the offers and
-- matching modules through findLatestScores (src/modules/evaluations/repository.ts).
CREATE TABLE evaluation_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  pillar text NOT NULL CHECK (pillar IN ('telephone', 'information_search', 'it_tools', 'language')),
  language_code text NULL CHECK (language_code ~ '^[a-z]{2}$'),
  score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  cefr_level text NULL CHECK (cefr_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  source text NOT NULL CHECK (source IN ('online_test', 'assessor', 'training')),
  attempt_id uuid NULL REFERENCES evaluation_attempts(id),
  assessed_by uuid NULL REFERENCES users(id),
  assessed_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((pillar = 'language') = (language_code IS NOT NULL)),
  CHECK (pillar = 'language' OR cefr_level IS NULL),
  CHECK (source <> 'online_test' OR attempt_id IS NOT NULL)
);
CREATE INDEX evaluation_results_latest_idx ON evaluation_results (candidate_id, pillar, language_code, assessed_at DESC);

-- The detail of an assessor's score: the rubric used and the level given on each criterion.
CREATE TABLE evaluation_assessments (
  result_id uuid PRIMARY KEY REFERENCES evaluation_results(id),
  rubric text NOT NULL CHECK (length(rubric) BETWEEN 1 AND 60),
  ratings jsonb NOT NULL CHECK (jsonb_typeof(ratings) = 'object'),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000)
);
