-- Identity: operator accounts, API clients, households and their STBs, residents and their certificates,
-- sessions, login throttling, and the append-only audit log. Personal data (household address and members,
-- the four basic items) is stored only encrypted by the field cipher (columns *_sealed).

CREATE TABLE operator_accounts (
  id uuid PRIMARY KEY,
  login_name text NOT NULL UNIQUE CHECK (login_name ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('operator-admin', 'municipality-staff', 'shelter-staff')),
  -- Municipality staff see only their own municipality (全国地方公共団体コード, 6 digits).
  local_government_code text CHECK (local_government_code ~ '^[0-9]{6}$'),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  disabled_at timestamptz
);

CREATE TABLE api_clients (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('insurer', 'alert-publisher')),
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE households (
  id uuid PRIMARY KEY,
  local_government_code text NOT NULL CHECK (local_government_code ~ '^[0-9]{6}$'),
  -- 町字ID of the Address Base Registry (7 digits); with the 5-digit code it forms L-Alert's 12-digit area code.
  machiaza_id text CHECK (machiaza_id ~ '^[0-9]{7}$'),
  latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  address_sealed text NOT NULL,
  members_sealed text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX households_local_government_code ON households (local_government_code);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  household_id uuid NOT NULL REFERENCES households (id),
  label text NOT NULL,
  secret_hash text NOT NULL,
  enrolled_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX devices_household ON devices (household_id);

CREATE TABLE residents (
  id uuid PRIMARY KEY,
  -- Keyed hash of the four basic items: finds the same person again without storing them in clear.
  basic_info_index text NOT NULL UNIQUE,
  basic_info_sealed text NOT NULL,
  -- The signature certificate of the latest registration (issuer + serial only; the certificate holds
  -- personal data). A later revocation of it is a signal (address change, death) for status reports.
  sign_cert_issuer text NOT NULL,
  sign_cert_serial text NOT NULL,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- The user-authentication certificate(s) that log a resident in, by SHA-256 of the DER.
CREATE TABLE resident_auth_certificates (
  fingerprint text PRIMARY KEY CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  resident_id uuid NOT NULL REFERENCES residents (id),
  not_after timestamptz NOT NULL,
  linked_at timestamptz NOT NULL
);
CREATE INDEX resident_auth_certificates_resident ON resident_auth_certificates (resident_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  operator_account_id uuid REFERENCES operator_accounts (id),
  resident_id uuid REFERENCES residents (id),
  device_id uuid REFERENCES devices (id),
  created_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK ((operator_account_id IS NULL) <> (resident_id IS NULL)),
  CHECK ((resident_id IS NULL) = (device_id IS NULL))
);
CREATE INDEX sessions_device ON sessions (device_id);
CREATE INDEX sessions_operator_account ON sessions (operator_account_id);
CREATE INDEX sessions_idle_expires_at ON sessions (idle_expires_at);

-- One-time login challenges, shared by every backend node (residents/pg-challenge-store.ts).
CREATE TABLE login_challenges (
  challenge text PRIMARY KEY,
  device_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  used boolean NOT NULL DEFAULT false
);
CREATE INDEX login_challenges_expires_at ON login_challenges (expires_at);

CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  attempts integer NOT NULL
);
CREATE INDEX login_throttle_window ON login_throttle (window_started_at);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id text NOT NULL,
  actor_role text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  request_id text
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
