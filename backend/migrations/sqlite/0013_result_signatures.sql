-- The head's signature of a result is kept beside the applicant's of the filing: the purpose
-- check widens (SQLite rebuilds the table to change a CHECK).
CREATE TABLE request_signatures_widened (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('submission', 'result')),
    cms TEXT NOT NULL,
    signed_sha256 TEXT NOT NULL,
    signer_iin TEXT,
    signer_bin TEXT,
    signer_name TEXT NOT NULL,
    certificate_serial TEXT NOT NULL,
    certificate_valid_from BIGINT NOT NULL,
    certificate_valid_until BIGINT NOT NULL,
    signed_at BIGINT,
    verified_at BIGINT NOT NULL
);
INSERT INTO request_signatures_widened SELECT * FROM request_signatures;
DROP TABLE request_signatures;
ALTER TABLE request_signatures_widened RENAME TO request_signatures;
CREATE INDEX request_signatures_request ON request_signatures (request_id, id);
