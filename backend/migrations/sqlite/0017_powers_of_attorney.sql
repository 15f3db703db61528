-- Powers of attorney: the principal (a person or a company with an account) lets a representative
-- (by IIN, named as the registry of individuals has them; they may have no account yet) file and
-- sign requests for the listed services (a JSON array of service codes) until `valid_until`
-- (YYYY-MM-DD, inclusive, Kazakhstan time). The principal's signature of the grant is kept as
-- verified (base64 CMS).
CREATE TABLE powers_of_attorney (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    principal_id BIGINT NOT NULL REFERENCES accounts (id),
    representative TEXT NOT NULL,
    representative_name TEXT NOT NULL,
    services TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    cms TEXT NOT NULL,
    signed_sha256 TEXT NOT NULL,
    certificate_serial TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX powers_of_attorney_principal ON powers_of_attorney (principal_id, granted_at);
CREATE INDEX powers_of_attorney_representative ON powers_of_attorney (representative, granted_at);

-- A request filed by a representative names the power it was filed under.
ALTER TABLE requests ADD COLUMN power_id BIGINT REFERENCES powers_of_attorney (id);
