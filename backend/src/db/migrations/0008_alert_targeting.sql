-- Alert targeting and dispatch (backend/src/alert-delivery/): the households' care data, the shelters' state,
-- and what each stored alert was dispatched to.

-- Care data of a household for alerts (needs, whom it supports, language, consent to names): special-care
-- personal data, sealed by the field cipher like the members (NULL: none given, i.e. no needs, Japanese, no
-- names). `version` grows with every insert or change, so each node reloads only what changed since it looked
-- (households are never deleted: boxes are revoked). Versions are taken under a transaction-scoped advisory
-- lock, so they are committed in order: once a version is visible, every lower one is too, and a node that
-- has read up to its highest version has missed nothing (enrolments are rare; the lock costs them nothing).
ALTER TABLE households ADD COLUMN care_sealed text;
CREATE SEQUENCE household_versions;
ALTER TABLE households ADD COLUMN version bigint NOT NULL DEFAULT nextval('household_versions');
CREATE UNIQUE INDEX households_version ON households (version);
CREATE FUNCTION households_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- "hous" in ASCII: one lock for every writer of households.
  PERFORM pg_advisory_xact_lock(1752135027);
  NEW.version := nextval('household_versions');
  RETURN NEW;
END
$$;
CREATE TRIGGER households_version BEFORE INSERT OR UPDATE ON households
  FOR EACH ROW EXECUTE FUNCTION households_next_version();

-- Shelters from the 自治体標準オープンデータセット CSV too (IDs like CC0000000504 or NEW001, as the disaster
-- library's schema allows), with the published capacity and the state during a disaster.
ALTER TABLE shelters DROP CONSTRAINT shelters_id_check;
ALTER TABLE shelters ADD CONSTRAINT shelters_id_check CHECK (id ~ '^[0-9A-Za-z_-]{1,40}$');
-- 想定収容人数: the number read from the published text (NULL: none we trust, room not limited by it), and the
-- text as published (NULL: the source publishes none, as the 国土地理院 data).
ALTER TABLE shelters ADD COLUMN capacity integer CHECK (capacity >= 0);
ALTER TABLE shelters ADD COLUMN capacity_text text;
ALTER TABLE shelters ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed'));
-- People there now (checked in or counted).
ALTER TABLE shelters ADD COLUMN occupancy integer NOT NULL DEFAULT 0 CHECK (occupancy >= 0);
ALTER TABLE shelters ADD CONSTRAINT shelters_capacity_text CHECK (capacity IS NULL OR capacity_text IS NOT NULL);

-- One row per stored alert dispatched, written first: the row is the claim (INSERT … ON CONFLICT DO NOTHING),
-- so an alert is targeted and pushed once whatever the number of nodes. `published_at` NULL with an old
-- `dispatched_at`: the node died between the claim and the push; a node starting up finishes it.
CREATE TABLE alert_dispatches (
  alert_id uuid PRIMARY KEY REFERENCES alerts (id),
  -- The stored alerts this one supersedes (Update) or withdraws (Cancel): their push messages are withdrawn
  -- and their recipients no longer covered get a cancel payload.
  replaces uuid[] NOT NULL,
  -- Targeting outcome (composed, not-for-viewers, no-order, no-area) or 'withdrawn' for a Cancel.
  outcome text NOT NULL,
  -- Households the message is rendered for (alert payloads and cancel payloads).
  targeted integer NOT NULL CHECK (targeted >= 0),
  -- push_message.seq of the one rendered message (NULL: nothing to push, or not pushed yet).
  push_seq bigint,
  dispatched_at timestamptz NOT NULL,
  published_at timestamptz
);
CREATE INDEX alert_dispatches_unpublished ON alert_dispatches (dispatched_at) WHERE published_at IS NULL;
CREATE INDEX alert_dispatches_push_seq ON alert_dispatches (push_seq);

-- The households an alert's push message is for and how: written in one statement per alert. A node that did not target the
-- alert renders each household's payload from this row (the place is taken from here, never recomputed).
-- No foreign key to households: tens of thousands of rows per alert, and households are never deleted.
CREATE TABLE alert_recipients (
  alert_id uuid NOT NULL REFERENCES alerts (id),
  household_id uuid NOT NULL,
  -- resident: in the area; supporter: the 避難支援者 of a household in the area, living outside it.
  role text NOT NULL CHECK (role IN ('resident', 'supporter')),
  -- issue: the order (発令); lift: only in a lifted (解除) area; cancel: the household had an alert this one
  -- withdraws (a Cancel, or an Update whose area no longer covers it) and is told so.
  kind text NOT NULL CHECK (kind IN ('issue', 'lift', 'cancel')),
  -- Needs help to evacuate, or supports someone who does: reached first.
  priority boolean NOT NULL,
  -- The place assigned (shelters.id); NULL: none (a lift, a supporter, or no open place with room).
  shelter_id text,
  local_government_code text NOT NULL,
  machiaza_id text,
  PRIMARY KEY (alert_id, household_id)
);
CREATE INDEX alert_recipients_household ON alert_recipients (household_id);
CREATE INDEX alert_recipients_shelter ON alert_recipients (alert_id, shelter_id);
