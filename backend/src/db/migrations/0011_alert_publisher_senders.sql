-- The CAP senders an alert-publisher API client may publish for (backend/src/accounts/api-clients.ts): ingest
-- refuses a message whose `sender` is not bound to the calling client (alert.sender-not-allowed), so one
-- publisher's credential cannot speak for another. Set when the client is created; at least one for an
-- alert publisher (checked by the API: a client created before this migration has none and publishes nothing).
CREATE TABLE alert_publisher_senders (
  client_id uuid NOT NULL REFERENCES api_clients (id),
  -- A CAP sender: no whitespace, comma, < or & (CAP 1.2 §3.2.1).
  sender text NOT NULL CHECK (sender ~ '^[^[:space:],<&]{1,255}$'),
  PRIMARY KEY (client_id, sender)
);
