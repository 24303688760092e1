-- Positioning runs (DOMAIN.md §4): an exact assignment of a territory's candidates (or every
-- territory's, for an admin) to job offers and training seats, stored as proposals that counsellors
-- review before candidates see them. Valid on PostgreSQL 15+ and PGlite. Owned by
-- src/modules/positioning.

CREATE TABLE positioning_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- null: a national run over every territory (admins only)
  territory_id uuid REFERENCES territories(id),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  -- also propose training sessions that open an offer (the training pathway)
  include_sessions boolean NOT NULL DEFAULT true,
  -- what the run is doing and how far it is, for the progress bar
  phase text NOT NULL DEFAULT 'queued' CHECK (phase IN ('queued', 'loading', 'scoring', 'solving', 'storing', 'done')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  cancel_requested boolean NOT NULL DEFAULT false,
  candidates_considered integer NOT NULL DEFAULT 0,
  offers_considered integer NOT NULL DEFAULT 0,
  sessions_considered integer NOT NULL DEFAULT 0,
  -- candidate → offer/session pairs left after the SQL pre-filters and the hard requirements
  arcs integer NOT NULL DEFAULT 0,
  proposals integer NOT NULL DEFAULT 0,
  total_score bigint NOT NULL DEFAULT 0,
  -- the optimality certificate (reduced costs) was checked on the solution
  certified boolean NOT NULL DEFAULT false,
  solve_ms integer,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz,
  CHECK ((status IN ('completed', 'failed', 'cancelled')) = (finished_at IS NOT NULL))
);
CREATE INDEX positioning_runs_territory_idx ON positioning_runs (territory_id, created_at DESC);
-- one queued or running run per scope at a time
CREATE UNIQUE INDEX positioning_runs_one_active_idx
  ON positioning_runs ((coalesce(territory_id, '00000000-0000-0000-0000-000000000000'::uuid)))
  WHERE status IN ('queued', 'running');

-- One proposal: a candidate for an offer, or for a training session that opens an offer.
-- Life: pending → approved → published → accepted | declined, or pending/approved → vetoed
-- (counsellor, with a reason); an unpublished proposal is superseded by the next completed run of
-- its scope. Vetoed and declined pairs are not proposed again.
CREATE TABLE proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL REFERENCES positioning_runs(id),
  -- territory of the offer or session (who reviews it)
  territory_id uuid NOT NULL REFERENCES territories(id),
  candidate_id uuid NOT NULL REFERENCES candidates(id),
  kind text NOT NULL CHECK (kind IN ('offer', 'session')),
  offer_id uuid REFERENCES offers(id),
  session_id uuid REFERENCES training_sessions(id),
  -- for a session: the offer the training opens
  target_offer_id uuid REFERENCES offers(id),
  -- fit 0–1000 for the offer (after the training, for a session)
  score integer NOT NULL CHECK (score BETWEEN 0 AND 1000),
  -- the value the assignment maximised: the fit for an offer, the fit gained for a session
  value integer NOT NULL CHECK (value BETWEEN 0 AND 1000),
  -- explained parts of the fit ({code, points, maxPoints, blocking, …data}); for a session also the gaps it closes
  parts jsonb NOT NULL CHECK (jsonb_typeof(parts) = 'array'),
  closes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(closes) = 'array'),
  distance_km double precision NOT NULL CHECK (distance_km >= 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'vetoed', 'published', 'accepted', 'declined', 'superseded')),
  veto_reason text CHECK (veto_reason IN ('not_available', 'not_ready', 'employer_fit', 'already_placed', 'other')),
  review_note text NOT NULL DEFAULT '' CHECK (length(review_note) <= 2000),
  reviewed_by uuid REFERENCES users(id),
  reviewed_at timestamptz,
  published_at timestamptz,
  answered_at timestamptz,
  decline_reason text NOT NULL DEFAULT '' CHECK (length(decline_reason) <= 2000),
  -- what accepting created: the application to the offer, or the enrolment on the session
  application_id uuid REFERENCES applications(id),
  enrolment_id uuid REFERENCES training_enrolments(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'offer') = (offer_id IS NOT NULL AND session_id IS NULL)),
  CHECK ((kind = 'session') = (session_id IS NOT NULL AND offer_id IS NULL AND target_offer_id IS NOT NULL)),
  CHECK ((status = 'vetoed') = (veto_reason IS NOT NULL)),
  CHECK (status NOT IN ('published', 'accepted', 'declined') OR published_at IS NOT NULL),
  CHECK ((status IN ('accepted', 'declined')) = (answered_at IS NOT NULL))
);
CREATE INDEX proposals_run_idx ON proposals (run_id, status, score DESC);
CREATE INDEX proposals_candidate_idx ON proposals (candidate_id, created_at DESC);
CREATE INDEX proposals_offer_idx ON proposals (offer_id, status) WHERE offer_id IS NOT NULL;
CREATE INDEX proposals_session_idx ON proposals (session_id, status) WHERE session_id IS NOT NULL;
CREATE INDEX proposals_territory_status_idx ON proposals (territory_id, status);
-- a candidate holds at most one live proposal (one proposal per candidate per round)
CREATE UNIQUE INDEX proposals_one_live_idx ON proposals (candidate_id) WHERE status IN ('pending', 'approved', 'published');
