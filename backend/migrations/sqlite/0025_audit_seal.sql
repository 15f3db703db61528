-- The audit chain sealed with a key kept outside the database (HMAC-SHA-256): `sealed` marks
-- the entries hashed with it. `sealed_from` is the first such entry's place in the log and
-- `sealed_from_mac` that place sealed with the key, so the unsealed history before it cannot be
-- stretched over sealed entries by someone without the key.
ALTER TABLE audit_log ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_head ADD COLUMN sealed_from BIGINT;
ALTER TABLE audit_head ADD COLUMN sealed_from_mac TEXT;
