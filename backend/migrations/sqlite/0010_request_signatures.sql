-- The applicant's signature of a filing, as verified when it was accepted: the CMS itself (base64
-- DER), the digest of the bytes it covers, and who the certificate named.
CREATE TABLE request_signatures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('submission')),
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
CREATE INDEX request_signatures_request ON request_signatures (request_id, id);
