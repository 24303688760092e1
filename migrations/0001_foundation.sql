-- Foundation: territories, people who log in, their sessions, communes, hosting sites, call centres
-- in place, employment targets and the candidate population. Valid on PostgreSQL 15+ and PGlite.

CREATE TABLE territories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9-]{1,31}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  contract_hours_per_week numeric(4,1) NOT NULL CHECK (contract_hours_per_week > 0 AND contract_hours_per_week <= 60),
  languages text[] NOT NULL DEFAULT '{}',
  timezone text NOT NULL,
  -- catchment: communes within catchment_km of the centre make up the local labour pool
  centre_lat double precision NOT NULL CHECK (centre_lat BETWEEN -90 AND 90),
  centre_lon double precision NOT NULL CHECK (centre_lon BETWEEN -180 AND 180),
  catchment_km double precision NOT NULL DEFAULT 40 CHECK (catchment_km > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE employers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (territory_id, name)
);

CREATE TABLE training_bodies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (territory_id, name)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'advisor', 'counselor', 'employer', 'trainer', 'candidate')),
  territory_id uuid REFERENCES territories(id),
  employer_id uuid REFERENCES employers(id),
  training_body_id uuid REFERENCES training_bodies(id),
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  -- platform admins are not tied to a territory; everyone else is
  CHECK ((role = 'admin') = (territory_id IS NULL)),
  CHECK (role <> 'employer' OR employer_id IS NOT NULL),
  CHECK (role <> 'trainer' OR training_body_id IS NOT NULL)
);

-- Server-side sessions: the cookie carries a random token, the table only its SHA-256.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Communes (France: INSEE code; Morocco: a stable city code), with coordinates.
CREATE TABLE communes (
  code text PRIMARY KEY,
  country char(2) NOT NULL,
  name text NOT NULL,
  postcode text,
  population integer CHECK (population >= 0),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180)
);
CREATE INDEX communes_country_lat_idx ON communes (country, lat);

CREATE TABLE sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  name text NOT NULL,
  commune_code text REFERENCES communes(code),
  description text NOT NULL DEFAULT '',
  area_m2 integer NOT NULL CHECK (area_m2 > 0),
  available_m2 integer NOT NULL CHECK (available_m2 >= 0),
  incentives text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (available_m2 <= area_m2)
);
CREATE INDEX sites_territory_idx ON sites (territory_id);

-- Call centres already operating in a territory, and the jobs they hold.
CREATE TABLE call_centres (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  employer_id uuid REFERENCES employers(id),
  site_id uuid REFERENCES sites(id),
  name text NOT NULL,
  activity text NOT NULL CHECK (activity IN ('inbound_care', 'outbound_sales', 'help_desk', 'back_office')),
  jobs integer NOT NULL CHECK (jobs >= 0),
  opened_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_centres_territory_idx ON call_centres (territory_id);

CREATE TABLE employment_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  jobs integer NOT NULL CHECK (jobs > 0),
  label text NOT NULL DEFAULT '',
  UNIQUE (territory_id, year)
);

CREATE TABLE candidates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id uuid NOT NULL REFERENCES territories(id),
  user_id uuid UNIQUE REFERENCES users(id),
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text,
  phone text,
  birth_date date,
  commune_code text REFERENCES communes(code),
  mobility_km integer NOT NULL DEFAULT 20 CHECK (mobility_km BETWEEN 0 AND 500),
  -- [{ "code": "fr", "level": "C2" }, …] with CEFR levels A1..C2
  languages jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX candidates_territory_name_idx ON candidates (territory_id, last_name, first_name);
