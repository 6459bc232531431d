-- An alert's dispatch is one transaction now (claim, push message, recipients: alert-delivery/README.md): no
-- claim waits for its push any more, so what told such a claim apart goes (it was always NULL or
-- dispatched_at since).
DROP INDEX alert_dispatches_unpublished;
ALTER TABLE alert_dispatches DROP COLUMN published_at;
-- Recipients are read by alert (the primary key's prefix); an answer's check finds its thread's alerts first
-- (alerts_thread) and probes the primary key. One index fewer to fill with 19,000 random keys per alert.
DROP INDEX alert_recipients_household;
