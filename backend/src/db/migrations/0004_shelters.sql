-- Shelters: every 指定緊急避難場所 and 指定避難所 of the municipalities served, imported from open data (the
-- disaster library's shelter data sets). Public facts, not personal data. Keyed by the 共通ID of the 国土地理院
-- data, which check-ins and assignments will reference.
CREATE TABLE shelters (
  id text PRIMARY KEY CHECK (id ~ '^E[0-9]{13}$'),
  local_government_code text NOT NULL CHECK (local_government_code ~ '^[0-9]{6}$'),
  kind text NOT NULL CHECK (kind IN ('emergency-site', 'evacuation-shelter')),
  name text NOT NULL,
  -- Where to go inside, e.g. 津波時は２階以上に避難.
  note text,
  address text NOT NULL,
  latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  -- The hazards an emergency site is designated for (disaster/src/shelters/hazards.ts); empty for shelters.
  hazards text[] NOT NULL DEFAULT '{}',
  -- 受入対象者 as published ('要配慮者': for people needing care); shelters only.
  accepted_people text,
  -- The publisher to credit, e.g. 国土地理院.
  source text NOT NULL,
  imported_at timestamptz NOT NULL,
  CHECK (kind = 'emergency-site' OR hazards = '{}'),
  CHECK (kind = 'evacuation-shelter' OR accepted_people IS NULL)
);
CREATE INDEX shelters_local_government_code ON shelters (local_government_code);
