-- Watch-over (見守り, backend/src/watch-over/): households that agreed to it, the boxes' remote key presses per
-- hour (counts only, never which keys or channels), each household's latest activity, and the notices raised
-- when a household stays quiet for its quiet period (one per period).

-- The household's consent. Who agreed and the contacts (residents, or entries with a name and a phone number)
-- are personal data, sealed together in consent_sealed.
CREATE TABLE watch_over_enrolments (
  household_id uuid PRIMARY KEY REFERENCES households (id),
  consent_sealed text NOT NULL,
  quiet_hours integer NOT NULL CHECK (quiet_hours BETWEEN 1 AND 168),
  -- When the TV asks お変わりありませんか: a JSON array of 'HH:MM' in Japan time.
  ask_times jsonb NOT NULL,
  recorded_by text NOT NULL,
  agreed_at timestamptz NOT NULL,
  withdrawn_at timestamptz
);

-- Key presses per box and hour, as the bridge counted them; a later report of the same hour can only raise the
-- count (the bridge resends its running count), so reports are idempotent and order-free.
CREATE TABLE watch_over_activity (
  device_id uuid NOT NULL REFERENCES devices (id),
  hour timestamptz NOT NULL,
  presses integer NOT NULL CHECK (presses BETWEEN 0 AND 36000),
  answers integer NOT NULL CHECK (answers BETWEEN 0 AND 100),
  received_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, hour)
);
CREATE INDEX watch_over_activity_hour ON watch_over_activity (hour);

-- The end of the latest hour with any activity of any box of the household (kept on ingest: the job reads one
-- row per household). The end, not the start: a quiet period never starts before the activity it follows, so
-- a notice may come up to an hour late but never early.
CREATE TABLE watch_over_last_activity (
  household_id uuid PRIMARY KEY REFERENCES households (id),
  active_until timestamptz NOT NULL
);

-- A quiet period that raised a notice: the unique key makes it one per period however many nodes run the job.
-- quiet_since is the later of the last activity and the consent; activity after it resolves the notice.
CREATE TABLE watch_over_notices (
  id uuid PRIMARY KEY,
  household_id uuid NOT NULL REFERENCES households (id),
  quiet_since timestamptz NOT NULL,
  raised_at timestamptz NOT NULL,
  resolved_at timestamptz,
  UNIQUE (household_id, quiet_since)
);
CREATE INDEX watch_over_notices_open ON watch_over_notices (household_id) WHERE resolved_at IS NULL;
