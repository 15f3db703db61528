-- The local stand-in for what the state database «Е-лицензиялау» records against an applicant:
-- violations in their data, on which regulation 002 refuses the service at filing (p. 10 (12),
-- p. 11 (11)). Production asks the real database through the gateway behind the same trait
-- (backend/src/registry.rs).
CREATE TABLE licensing_violations (
    id_number TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
