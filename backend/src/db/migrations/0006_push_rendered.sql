-- Rendered push messages: one log entry (e.g. per alert) whose payload every node renders per household for its
-- own boxes. target_id holds the key the renderer is asked for (e.g. alerts.id), target_topic names the renderer
-- ('alert'); the stored payload is a summary that is never sent. A withdrawn message gets expires_at = now().
ALTER TABLE push_message ADD COLUMN target_topic text;
ALTER TABLE push_message DROP CONSTRAINT push_message_target_kind_check;
ALTER TABLE push_message DROP CONSTRAINT push_message_check;
ALTER TABLE push_message
  ADD CONSTRAINT push_message_target_kind_check
  CHECK (target_kind IN ('all', 'area', 'household', 'rendered'));
ALTER TABLE push_message
  ADD CONSTRAINT push_message_target_check
  CHECK ((target_kind = 'all') = (target_id IS NULL) AND (target_kind = 'rendered') = (target_topic IS NOT NULL));
