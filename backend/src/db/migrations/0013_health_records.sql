-- 母子健康情報 (backend/src/health): children's records sent by their municipality as FHIR R4, the parents
-- linked to them by a signed, approved application (利用申込み), and the vaccination reminders sent. Personal
-- data (name, birth date, values, free text) is sealed by the field cipher (columns *_sealed); what stays in
-- clear is what keys, orders and targets rows: the municipality, the sender's identifiers, kinds and dates.

-- An API client acting for a municipality (role 'municipality'), bound to its 全国地方公共団体コード.
ALTER TABLE api_clients DROP CONSTRAINT api_clients_role_check;
ALTER TABLE api_clients ADD CONSTRAINT api_clients_role_check
  CHECK (role IN ('insurer', 'alert-publisher', 'municipality'));
CREATE TABLE municipality_clients (
  client_id uuid PRIMARY KEY REFERENCES api_clients (id),
  local_government_code text NOT NULL CHECK (local_government_code ~ '^[0-9]{6}$')
);

-- A child as its municipality knows it: the Patient identifier (system + value) within the municipality.
CREATE TABLE health_children (
  id uuid PRIMARY KEY,
  local_government_code text NOT NULL CHECK (local_government_code ~ '^[0-9]{6}$'),
  identifier_system text NOT NULL,
  identifier_value text NOT NULL,
  -- { names, birthDate, sex }
  patient_sealed text NOT NULL,
  -- Who sent the latest version ('municipality-staff:<account id>' or 'municipality:<client id>') and when.
  source text NOT NULL,
  received_at timestamptz NOT NULL,
  UNIQUE (local_government_code, identifier_system, identifier_value)
);

-- Body measurements, checkup results and immunisations: one row per FHIR resource id of the sender; a later
-- send with the same id replaces the row (a correction), keeping who sent it.
CREATE TABLE health_entries (
  child_id uuid NOT NULL REFERENCES health_children (id),
  resource_type text NOT NULL CHECK (resource_type IN ('Observation', 'Immunization')),
  resource_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('weight', 'height', 'head', 'checkup', 'immunization')),
  effective_on date NOT NULL,
  -- Immunisations: the routine vaccine (schedule id) and dose number when known; drive due dates.
  vaccine text,
  dose_number integer,
  next_dose_on date,
  record_sealed text NOT NULL,
  source text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (child_id, resource_type, resource_id)
);

-- Every bundle accepted, by SHA-256 of its bytes: the same bundle sent again is answered from here.
CREATE TABLE health_bundles (
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  local_government_code text NOT NULL,
  source text NOT NULL,
  summary jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (local_government_code, sha256)
);

-- 利用申込み: the parent's signed application (CMS as received, sealed) and its review by the municipality.
CREATE TABLE health_link_applications (
  id uuid PRIMARY KEY,
  resident_id uuid NOT NULL REFERENCES residents (id),
  local_government_code text NOT NULL CHECK (local_government_code ~ '^[0-9]{6}$'),
  cms_sha256 text NOT NULL UNIQUE,
  -- { document, cms (base64), signer { issuer, serial } }
  application_sealed text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  submitted_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by text
);
CREATE INDEX health_link_applications_pending ON health_link_applications (local_government_code, state);

CREATE TABLE health_parent_links (
  resident_id uuid NOT NULL REFERENCES residents (id),
  child_id uuid NOT NULL REFERENCES health_children (id),
  application_id uuid NOT NULL REFERENCES health_link_applications (id),
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (resident_id, child_id)
);
CREATE INDEX health_parent_links_child ON health_parent_links (child_id);
