-- Delivery that loses nothing and never sticks. A claim is a lease that runs out, so e-mails a
-- sender took and never finished (it died mid-batch) go to the next one; an e-mail is marked sent
-- only once delivered; a failed one is tried again later and later, and after a number of tries
-- it is given up, with its last error kept.
ALTER TABLE mail_outbox ADD COLUMN claimed_until BIGINT;
ALTER TABLE mail_outbox ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mail_outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mail_outbox ADD COLUMN failed_at BIGINT;
ALTER TABLE mail_outbox ADD COLUMN last_error TEXT;
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, failed_at, next_attempt_at);
