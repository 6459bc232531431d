-- What the boxes report back on a disaster alert: when it was first shown and the household's answer (the
-- colour buttons: 無事 / 避難中 / 避難所にいる / 助けが必要). One row per alert thread and household: an Update
-- replaces the alert on screen, and the household's latest answer stands for the whole thread.
CREATE TABLE alert_responses (
  -- alerts.thread: not a key of alerts (an alert, its Updates and its Cancel share it), so no foreign key.
  thread uuid NOT NULL,
  household_id uuid NOT NULL REFERENCES households (id),
  -- The stored alert (alerts.id) and push message the box last reported on, and the box that did.
  alert_id uuid NOT NULL REFERENCES alerts (id),
  seq bigint NOT NULL,
  device_id uuid NOT NULL,
  -- The first time a box of the household showed the thread (answering implies it was shown).
  shown_at timestamptz NOT NULL,
  answer text CHECK (answer IN ('safe', 'evacuating', 'at-shelter', 'need-help')),
  -- As the box recorded it (never later than its arrival): the answer with the latest time wins.
  answered_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (thread, household_id),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
