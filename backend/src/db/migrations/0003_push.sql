-- Push to the set-top boxes: an append-only message log with one global sequence (the order boxes replay in),
-- and one delivery row per device that acknowledged a message (written in batches by the gateway).
CREATE TABLE push_message (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_kind text NOT NULL CHECK (target_kind IN ('all', 'area', 'household')),
  -- area code or household id; none for 'all'
  target_id text,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK ((target_kind = 'all') = (target_id IS NULL))
);
-- Messages in force are found by expiry at start-up and by the periodic catch-up of every node.
CREATE INDEX push_message_expires_at ON push_message (expires_at);

-- No foreign key to devices: tallies outlive a device's records, and the gateway only records acks of
-- devices it has just authenticated.
CREATE TABLE push_delivery (
  device_id uuid NOT NULL,
  seq bigint NOT NULL REFERENCES push_message (seq) ON DELETE CASCADE,
  acked_at timestamptz NOT NULL,
  -- device first: the replay check asks "which of these seqs did this device ack"
  PRIMARY KEY (device_id, seq)
);
-- Per-message tallies (how many boxes acknowledged) and cascading deletes of old messages.
CREATE INDEX push_delivery_seq ON push_delivery (seq);
