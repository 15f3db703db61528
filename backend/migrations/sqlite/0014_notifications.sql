-- Notifications: the cabinet lists a person's request events, newer than the last one they saw;
-- e-mails wait in the outbox, written in the same transaction as the step, until delivered.
ALTER TABLE accounts ADD COLUMN email TEXT;
ALTER TABLE accounts ADD COLUMN lang TEXT NOT NULL DEFAULT 'kk';
ALTER TABLE accounts ADD COLUMN notifications_seen BIGINT NOT NULL DEFAULT 0;
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, id);
