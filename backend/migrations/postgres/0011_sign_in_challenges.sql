-- Sign-in with a digital signature: the server hands out a random challenge, the person signs it
-- with their sign-in key; each challenge is good once and for a few minutes. The id is stored
-- hashed, as session tokens are.
CREATE TABLE sign_in_challenges (
    id_hash TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX sign_in_challenges_expiry ON sign_in_challenges (expires_at);
