-- A session ends after a while without use as well as at its absolute end: when it was last used.
-- Sessions open now count as used when they were opened.
ALTER TABLE sessions ADD COLUMN seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET seen_at = created_at;
