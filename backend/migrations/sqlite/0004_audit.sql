-- The audit log: append-only, each entry carrying the hash of the one before, so an edited,
-- removed or inserted row breaks the chain where it happened.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL
);

-- The newest hash. Every append updates this one row first, which serialises appends on both
-- databases (a row lock in PostgreSQL, the write lock in SQLite) so the chain never forks; it
-- also tells when entries were cut from the end.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hash TEXT NOT NULL,
    entries BIGINT NOT NULL
);
INSERT INTO audit_head (id, hash, entries) VALUES (1, 'genesis', 0);
