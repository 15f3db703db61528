-- Server-side sessions. The cookie carries a random token; only its SHA-256 is stored, so the
-- table alone cannot be used to sign in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed sign-ins, counted per IIN/BIN and per client address for the rate limit. Kept in the
-- database so that every backend instance sees the same count.
CREATE TABLE sign_in_failures (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    limit_key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_key_at ON sign_in_failures (limit_key, at);
