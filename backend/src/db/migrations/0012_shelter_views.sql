-- Shelter views (backend/src/checkins/shelter-views.ts, supplies.ts): which household a resident belongs to,
-- staff matches of people the terminals could not resolve, and the per-person supply figures a municipality
-- can change.

-- A resident belongs to the household of the box they last logged in on (sessions of a resident carry the
-- box). Kept here because sessions are deleted when they expire; filled by a trigger on every resident
-- session, so no login path can forget it. The latest login wins: a resident who moved is linked to the new
-- household once they log in there (and, as a limit, a resident who logs in at a relative's box moves there).
CREATE TABLE resident_households (
  resident_id uuid PRIMARY KEY REFERENCES residents (id),
  household_id uuid NOT NULL REFERENCES households (id),
  linked_at timestamptz NOT NULL
);
CREATE INDEX resident_households_household ON resident_households (household_id);

CREATE FUNCTION resident_households_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO resident_households (resident_id, household_id, linked_at)
  SELECT NEW.resident_id, d.household_id, NEW.created_at FROM devices d WHERE d.id = NEW.device_id
  ON CONFLICT (resident_id) DO UPDATE SET household_id = EXCLUDED.household_id, linked_at = EXCLUDED.linked_at
   WHERE resident_households.linked_at <= EXCLUDED.linked_at;
  RETURN NULL;
END
$$;
CREATE TRIGGER sessions_link_resident_household AFTER INSERT ON sessions
  FOR EACH ROW WHEN (NEW.resident_id IS NOT NULL) EXECUTE FUNCTION resident_households_link();

-- The sessions open now link their residents too.
INSERT INTO resident_households (resident_id, household_id, linked_at)
SELECT DISTINCT ON (s.resident_id) s.resident_id, d.household_id, s.created_at
  FROM sessions s JOIN devices d ON d.id = s.device_id
 WHERE s.resident_id IS NOT NULL
 ORDER BY s.resident_id, s.created_at DESC;

-- Staff said who a person the terminal could not resolve is (a hand entry, or a card not registered yet).
-- One answer per person; a later match replaces it (audited each time).
CREATE TABLE shelter_person_matches (
  person_key text PRIMARY KEY CHECK (person_key ~ '^(card:[0-9a-f]{64}|manual:[0-9a-f-]{36})$'),
  resident_id uuid NOT NULL REFERENCES residents (id),
  matched_by text NOT NULL,
  matched_at timestamptz NOT NULL
);

-- Supplies per person and day, by whom they are for. local_government_code '000000' holds the defaults
-- (checkins/README.md gives their sources); a municipality's own row for an item replaces the default.
CREATE TABLE shelter_supply_rates (
  local_government_code text NOT NULL CHECK (local_government_code ~ '^[0-9]{6}$'),
  item text NOT NULL CHECK (item ~ '^[a-z][a-z-]{1,39}$'),
  label text NOT NULL,
  unit text NOT NULL,
  applies_to text NOT NULL CHECK (applies_to IN ('everyone', 'infant', 'elderly')),
  per_person_per_day numeric NOT NULL CHECK (per_person_per_day >= 0),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (local_government_code, item)
);
INSERT INTO shelter_supply_rates VALUES
  ('000000', 'water', '飲料水', 'L', 'everyone', 3, now(), 'default'),
  ('000000', 'meals', '食事', '食', 'everyone', 3, now(), 'default'),
  ('000000', 'blankets', '毛布', '枚', 'everyone', 2, now(), 'default'),
  ('000000', 'infant-formula', '乳児用ミルク', 'g', 'infant', 140, now(), 'default'),
  ('000000', 'diapers', '乳幼児用紙おむつ', '枚', 'infant', 8, now(), 'default'),
  ('000000', 'adult-diapers', '大人用紙おむつ', '枚', 'elderly', 4, now(), 'default');
