-- The built-in test certification authority's files (certificates, CRL, the demo keys), issued
-- once and kept so that what it signed stays verifiable across restarts. Content is base64 DER.
CREATE TABLE test_ca_files (
    name TEXT PRIMARY KEY,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
