-- Citizen service centres (CSC / ХҚО / ЦОН). An operator works at one centre (its id in
-- `qyzmet_shared::csc::CENTRES`); everyone else has none.
ALTER TABLE accounts ADD COLUMN csc TEXT;

-- A request filed at a CSC counter names the centre and keeps what the operator recorded besides
-- the form (JSON `qyzmet_shared::csc::Counter`: the applicant's phone, a representative acting
-- under a notarised power of attorney). The centre's operators list its requests newest first.
ALTER TABLE requests ADD COLUMN csc TEXT;
ALTER TABLE requests ADD COLUMN counter TEXT;
CREATE INDEX requests_csc ON requests (csc, created_at);

-- Refusal receipts: a package brought to the counter without a document it must have is not
-- filed; the receipt names what was missing (JSON array of document ids) and nothing reaches the
-- provider.
CREATE TABLE csc_refusals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    csc TEXT NOT NULL,
    operator_id BIGINT NOT NULL REFERENCES accounts (id),
    applicant_id_number TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    service TEXT NOT NULL,
    kind TEXT NOT NULL,
    missing TEXT NOT NULL,
    counter TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX csc_refusals_csc ON csc_refusals (csc, created_at);
