-- Alerts as received (CAP 1.2, L-Alert, JMA XML through POST /alerts, the feed poller or the compose form) and
-- the feed entries already taken. Thread resolution is persisted: `thread` groups an alert with its Updates and
-- Cancel, `state` is kept right for every member whatever the arrival order (backend/src/alerts/).
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  -- Arrival order, for replaying a thread in the order it was received.
  arrival bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  sender text NOT NULL,
  identifier text NOT NULL,
  sent timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('Actual', 'Exercise', 'System', 'Test', 'Draft')),
  msg_type text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel', 'Ack', 'Error')),
  -- The id of the thread's first stored alert.
  thread uuid NOT NULL,
  state text NOT NULL CHECK (
    state IN ('in-force', 'superseded', 'withdrawn', 'expired', 'not-for-viewers', 'ignored')
  ),
  -- What the alert did to its thread on arrival: new, updated, cancelled, cancel-unknown, superseded,
  -- withdrawn, ignored.
  outcome text NOT NULL,
  -- When every info has passed its expires (NULL: some info has none, or no info).
  expires_at timestamptz,
  level smallint CHECK (level BETWEEN 1 AND 5),
  headline text,
  source text NOT NULL CHECK (source IN ('api', 'feed', 'compose')),
  -- API client id, operator account id, or the feed URL.
  publisher text NOT NULL,
  -- Thread links (own key, referenced keys, series) as JSON texts: finds the stored threads a message joins.
  links text[] NOT NULL,
  -- The normalised JSON (AlertJson of the disaster library) for readers, and the whole model for replay
  -- and dispatch.
  alert jsonb NOT NULL,
  model jsonb NOT NULL,
  -- The message exactly as received.
  xml text NOT NULL,
  signature jsonb NOT NULL,
  -- The dispatcher's summary {outcome, targeted, pushSeq}, answered again for a duplicate; NULL: not dispatched.
  dispatch jsonb,
  received_at timestamptz NOT NULL,
  UNIQUE (sender, identifier, sent),
  -- An identifier is never reused by its sender (a reuse with another `sent` is refused).
  UNIQUE (sender, identifier)
);
CREATE INDEX alerts_thread ON alerts (thread);
CREATE INDEX alerts_links ON alerts USING gin (links);
CREATE INDEX alerts_received ON alerts (received_at DESC);
CREATE INDEX alerts_in_force_expiry ON alerts (expires_at) WHERE state = 'in-force';

-- Entries of the configured Atom feed: each taken once by one node (the row is the claim), fetched until it
-- was read (then `alert_id` or `error_code` tells what came of it) or the attempts ran out.
CREATE TABLE alert_feed_entries (
  feed_url text NOT NULL,
  -- Atom <id>, else the link.
  entry_id text NOT NULL,
  link text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  alert_id uuid REFERENCES alerts (id),
  -- Why the message was refused (an alert.* code) or the last fetch failure.
  error_code text,
  first_seen_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (feed_url, entry_id)
);
CREATE INDEX alert_feed_entries_due ON alert_feed_entries (next_attempt_at) WHERE state = 'pending';
