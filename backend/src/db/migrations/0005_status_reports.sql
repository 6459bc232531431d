-- Status reports (現況届): insurers' profiles and forms, contracts linking a resident to an insurer, the signed
-- reports as received, the outbox delivering reports and signals to insurers, the signature certificates the
-- daily 現況確認 re-checks, the signals it finds, and the residents' notices (お知らせ). Personal data (the four
-- items, the signed report, notice texts, the insurer's delivery token) is stored only sealed (*_sealed).

-- What an insurer (API client of role 'insurer') shows and where it wants its reports. Optional: without a
-- row the client's name and the default form are used and reports wait for the insurer to fetch them.
CREATE TABLE insurer_profiles (
  insurer_id uuid PRIMARY KEY REFERENCES api_clients (id),
  display_name text NOT NULL,
  -- Where reports and signals are POSTed; NULL: the insurer fetches them through the API.
  endpoint_url text,
  -- The bearer token we send to endpoint_url, sealed.
  endpoint_token_sealed text,
  declaration text NOT NULL,
  -- [{ "id": "alive", "text": "生存している" }, …] in the order shown.
  questions jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((endpoint_url IS NULL) = (endpoint_token_sealed IS NULL))
);

-- One policy / pension of a person at an insurer. Matched to a resident by the four items through the blind
-- index (the resident may register later: resident_id is set when the match is first found).
CREATE TABLE status_report_contracts (
  id uuid PRIMARY KEY,
  insurer_id uuid NOT NULL REFERENCES api_clients (id),
  reference_number text NOT NULL,
  due_month smallint NOT NULL CHECK (due_month BETWEEN 1 AND 12),
  basic_info_index text NOT NULL,
  -- The four items as the insurer gave them.
  basic_info_sealed text NOT NULL,
  resident_id uuid REFERENCES residents (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (insurer_id, reference_number)
);
CREATE INDEX status_report_contracts_resident ON status_report_contracts (resident_id);
CREATE INDEX status_report_contracts_unmatched ON status_report_contracts (basic_info_index)
  WHERE resident_id IS NULL;

CREATE SEQUENCE status_report_receipt_seq;

-- A received report: the CMS exactly as sent (sealed base64 of the DER), its parsed document (sealed), and
-- what the verification found. One per contract and period, one per submission id.
CREATE TABLE status_reports (
  id uuid PRIMARY KEY,
  receipt_number text NOT NULL UNIQUE,
  submission_id uuid NOT NULL UNIQUE,
  contract_id uuid NOT NULL REFERENCES status_report_contracts (id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  resident_id uuid NOT NULL REFERENCES residents (id),
  insurer_id uuid NOT NULL REFERENCES api_clients (id),
  -- The box that sent it (the credential of the POST).
  device_id uuid NOT NULL,
  cms_sealed text NOT NULL,
  cms_sha256 text NOT NULL UNIQUE CHECK (cms_sha256 ~ '^[0-9a-f]{64}$'),
  document_sealed text NOT NULL,
  -- Signer certificate (issuer, serial, validity), signing time, revocation status and when it was checked.
  verification jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  UNIQUE (contract_id, period)
);
CREATE INDEX status_reports_resident ON status_reports (resident_id, received_at);
CREATE INDEX status_reports_insurer ON status_reports (insurer_id, received_at);

-- Signature certificates of residents, kept (sealed: they hold the four items) so the daily 現況確認 can ask
-- for their revocation status again. The job checks the ones still named by residents.sign_cert_*.
CREATE TABLE sign_certificates (
  issuer text NOT NULL,
  serial text NOT NULL,
  resident_id uuid NOT NULL REFERENCES residents (id),
  der_sealed text NOT NULL,
  status text NOT NULL CHECK (status IN ('good', 'revoked', 'expired')),
  checked_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (issuer, serial)
);
CREATE INDEX sign_certificates_due ON sign_certificates (checked_at) WHERE status = 'good';

-- What the daily job tells an insurer: the signature certificate of a contract's resident was revoked (the
-- four items changed, or the card was lost or returned, or the holder died: never a confirmation of death).
CREATE TABLE insurer_signals (
  id uuid PRIMARY KEY,
  insurer_id uuid NOT NULL REFERENCES api_clients (id),
  contract_id uuid NOT NULL REFERENCES status_report_contracts (id),
  kind text NOT NULL CHECK (kind IN ('sign-certificate-revoked')),
  cert_issuer text NOT NULL,
  cert_serial text NOT NULL,
  revoked_at timestamptz,
  detected_at timestamptz NOT NULL,
  UNIQUE (contract_id, cert_issuer, cert_serial)
);
CREATE INDEX insurer_signals_insurer ON insurer_signals (insurer_id, detected_at);

-- The outbox: one row per report or signal to POST to an insurer's endpoint. `id` is the report or signal id
-- and the Idempotency-Key. A worker leases due rows (FOR UPDATE SKIP LOCKED), so nodes never send one twice
-- at the same time; a lease outliving its worker lets another node retry with the same key.
CREATE TABLE insurer_deliveries (
  id uuid PRIMARY KEY,
  insurer_id uuid NOT NULL REFERENCES api_clients (id),
  kind text NOT NULL CHECK (kind IN ('status-report', 'certificate-signal')),
  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'no-endpoint')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX insurer_deliveries_due ON insurer_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX insurer_deliveries_insurer ON insurer_deliveries (insurer_id, state);

-- お知らせ: notices to a resident, shown on TV. Title and body sealed together (an insurer's text may name the
-- person). dedupe_key makes "add this notice" idempotent (one receipt notice per report, …).
CREATE TABLE resident_notices (
  id uuid PRIMARY KEY,
  resident_id uuid NOT NULL REFERENCES residents (id),
  sender_kind text NOT NULL CHECK (sender_kind IN ('insurer', 'municipality', 'operator', 'system')),
  sender_id text,
  sender_name text NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
  content_sealed text NOT NULL,
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX resident_notices_resident ON resident_notices (resident_id, created_at);
