-- Shelter check-in (避難所受付): the terminals enrolled to a shelter and the events they journal offline and
-- send in order (backend/src/checkins). Events are stored once (by their terminal-made id) and never changed.
-- Personal data in an event (a hand-entered name, the text of a need) is sealed by the field cipher.

CREATE TABLE shelter_terminals (
  id uuid PRIMARY KEY,
  shelter_id text NOT NULL REFERENCES shelters (id),
  label text NOT NULL,
  secret_hash text NOT NULL,
  enrolled_at timestamptz NOT NULL,
  revoked_at timestamptz,
  -- Every event of this terminal with seq <= stored_through is stored: the terminal resumes after it.
  stored_through bigint NOT NULL DEFAULT 0 CHECK (stored_through >= 0)
);
CREATE INDEX shelter_terminals_shelter ON shelter_terminals (shelter_id);

CREATE TABLE shelter_checkin_events (
  id uuid PRIMARY KEY,
  terminal_id uuid NOT NULL REFERENCES shelter_terminals (id),
  seq bigint NOT NULL CHECK (seq >= 1),
  -- The terminal's shelter when the event arrived.
  shelter_id text NOT NULL REFERENCES shelters (id),
  type text NOT NULL CHECK (type IN ('check-in', 'check-out', 'move', 'household', 'manual-person', 'note')),
  -- The terminal's clock (may be wrong) and ours.
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  -- Who: 'card:<certificate fingerprint>' or 'manual:<person id>'.
  person_key text NOT NULL CHECK (person_key ~ '^(card:[0-9a-f]{64}|manual:[0-9a-f-]{36})$'),
  certificate_not_after timestamptz,
  -- The terminal's offline check of the card and the age of the CRL it used.
  card_check text CHECK (card_check IN ('valid', 'revoked', 'expired', 'untrusted')),
  crl_age_seconds integer,
  pin_verified boolean,
  -- The registered resident whose user-auth certificate this is, when known at arrival.
  resident_id uuid REFERENCES residents (id),
  -- Why staff must look at this event: the card was revoked, expired or untrusted.
  flag text CHECK (flag IN ('revoked', 'expired', 'untrusted')),
  group_id uuid,
  to_shelter_id text,
  -- manual-person: {name, ageGroup, needsAssistance}; note: {topic, text}. Sealed JSON.
  detail_sealed text,
  UNIQUE (terminal_id, seq),
  CHECK ((person_key LIKE 'card:%') = (card_check IS NOT NULL))
);
CREATE INDEX shelter_checkin_events_person ON shelter_checkin_events (person_key, occurred_at);
CREATE INDEX shelter_checkin_events_shelter ON shelter_checkin_events (shelter_id, occurred_at);
CREATE INDEX shelter_checkin_events_flag ON shelter_checkin_events (shelter_id) WHERE flag IS NOT NULL;
