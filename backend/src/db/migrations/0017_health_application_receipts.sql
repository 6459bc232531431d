-- 受付番号 of a parent's 利用申込み (backend/src/health/link-applications.ts): the number the TV shows and speaks
-- and the municipality quotes, `YYYY-MMDD-NNNNNN` as a status report's (Japan date of receipt, running number).
CREATE SEQUENCE health_link_application_receipt_seq;
ALTER TABLE health_link_applications ADD COLUMN receipt_number text UNIQUE;
UPDATE health_link_applications
   SET receipt_number = to_char(submitted_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MMDD') || '-' ||
       lpad(nextval('health_link_application_receipt_seq')::text, 6, '0');
ALTER TABLE health_link_applications ALTER COLUMN receipt_number SET NOT NULL;
