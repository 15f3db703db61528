-- Accounts of everyone who signs in. An IIN and a BIN never collide (the fifth digit of a BIN is
-- 4-6, of an IIN 0-3), so one unique column holds either.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    id_number TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL CHECK (subject IN ('individual', 'legal_entity')),
    full_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX accounts_role ON accounts (role);
