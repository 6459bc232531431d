-- One value per field key id, sealed with that key: lets a starting node prove its keys are the ones this
-- database's personal data was sealed with (see backend/src/crypto/field-key-check.ts).
CREATE TABLE field_key_checks (
  key_id text PRIMARY KEY,
  sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
