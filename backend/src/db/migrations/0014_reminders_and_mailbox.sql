-- Vaccination reminders sent (backend/src/health) and the mailbox's retention (backend/src/mailbox).

-- 予防接種のおしらせ sent: one row per child, vaccine, dose and parent. The primary key is the once-only
-- guarantee across reruns and nodes, and it outlives the notice (the mailbox purges notices after
-- MAILBOX_RETENTION_DAYS; a dose still due then is not reminded again). No reference to the notice for that reason.
CREATE TABLE health_reminders_sent (
  child_id uuid NOT NULL REFERENCES health_children (id),
  vaccine text NOT NULL,
  dose integer NOT NULL,
  resident_id uuid NOT NULL REFERENCES residents (id),
  notice_id uuid NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (child_id, vaccine, dose, resident_id)
);

-- Reminders sent before this table, from their notices' dedupe keys `vaccination:<child>:<vaccine>:<dose>:<parent>`.
INSERT INTO health_reminders_sent (child_id, vaccine, dose, resident_id, notice_id, sent_at)
SELECT split_part(dedupe_key, ':', 2)::uuid, split_part(dedupe_key, ':', 3), split_part(dedupe_key, ':', 4)::int,
       resident_id, id, created_at
  FROM resident_notices WHERE kind = 'vaccination-reminder' AND dedupe_key LIKE 'vaccination:%'
ON CONFLICT DO NOTHING;

-- The retention purge deletes by age.
CREATE INDEX resident_notices_created ON resident_notices (created_at);
