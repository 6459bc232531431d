-- Why the municipality rejected a parent's 利用申込み (backend/src/health/link-applications.ts), as its staff
-- wrote it; the parent sees it with the application's state. Free text staff type may name people: sealed.
ALTER TABLE health_link_applications ADD COLUMN reason_sealed text;
