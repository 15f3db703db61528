-- Signing with eGov Mobile: a session per QR code. The page watches it by `watch_hash`, the phone
-- reads it by `link_hash` (API 1) and then by its one-time `token_hash` (API 2); only hashes of
-- the three secrets are kept. `document` is what the phone is served (base64), `cms` the verified
-- signature it sent back. Each session is scanned once and signed once.
CREATE TABLE mobile_signs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    watch_hash TEXT NOT NULL UNIQUE,
    link_hash TEXT NOT NULL UNIQUE,
    token_hash TEXT UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('filing', 'sign_in', 'power_of_attorney', 'result')),
    account_id BIGINT REFERENCES accounts (id),
    request_number TEXT,
    signer TEXT,
    document TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'scanned', 'signing', 'signed', 'refused', 'cancelled')),
    error TEXT,
    cms TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX mobile_signs_expiry ON mobile_signs (expires_at);
