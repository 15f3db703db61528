-- The refusal of an incomplete package is a result of its own ('incomplete': a document the head
-- signs, numbered apart from the motivated refusals), and a request may be taken in at the
-- provider's own chancellery ('provider'). SQLite cannot change a CHECK constraint, so the table
-- is made anew: its rows are set aside, the table dropped and created again, and the rows put
-- back under the same ids. The tables that point at it keep pointing at `requests`: their foreign
-- keys are deferred to the commit, and putting the rows back settles them.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE requests_set_aside AS SELECT * FROM requests;
-- AUTOINCREMENT's high mark too: a deleted draft's id is never given again.
CREATE TABLE requests_sequence_set_aside AS SELECT seq FROM sqlite_sequence WHERE name = 'requests';
DROP TABLE requests;

CREATE TABLE requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL,
    kind TEXT NOT NULL,
    provider TEXT NOT NULL,
    applicant_id BIGINT NOT NULL REFERENCES accounts (id),
    filed_by_id BIGINT NOT NULL REFERENCES accounts (id),
    intake TEXT NOT NULL CHECK (intake IN ('portal', 'csc', 'provider')),
    status TEXT NOT NULL,
    form TEXT NOT NULL,
    submit_key TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    submitted_at BIGINT,
    deadline_at BIGINT,
    step_deadline_at BIGINT,
    department TEXT,
    assignee_id BIGINT REFERENCES accounts (id),
    completeness_deadline_at BIGINT,
    result_outcome TEXT CHECK (result_outcome IN ('certificate', 'refusal', 'incomplete')),
    result_grounds TEXT,
    result_year BIGINT,
    result_sequence BIGINT,
    result_number TEXT,
    result_signed_at BIGINT,
    power_id BIGINT REFERENCES powers_of_attorney (id),
    csc TEXT,
    counter TEXT
);

INSERT INTO requests (id, number, service, kind, provider, applicant_id, filed_by_id,
    intake, status, form, submit_key, created_at, submitted_at, deadline_at, step_deadline_at,
    department, assignee_id, completeness_deadline_at, result_outcome, result_grounds,
    result_year, result_sequence, result_number, result_signed_at, power_id, csc, counter)
SELECT id, number, service, kind, provider, applicant_id, filed_by_id,
    intake, status, form, submit_key, created_at, submitted_at, deadline_at, step_deadline_at,
    department, assignee_id, completeness_deadline_at, result_outcome, result_grounds,
    result_year, result_sequence, result_number, result_signed_at, power_id, csc, counter
FROM requests_set_aside;
DROP TABLE requests_set_aside;
DELETE FROM sqlite_sequence WHERE name = 'requests';
INSERT INTO sqlite_sequence (name, seq) SELECT 'requests', seq FROM requests_sequence_set_aside;
DROP TABLE requests_sequence_set_aside;

CREATE INDEX requests_applicant ON requests (applicant_id, created_at);
CREATE INDEX requests_filed_by ON requests (filed_by_id, created_at);
CREATE INDEX requests_queue ON requests (provider, status, step_deadline_at);
CREATE UNIQUE INDEX requests_result_number
    ON requests (provider, service, result_outcome, result_year, result_sequence);
CREATE INDEX requests_department_queue ON requests (provider, department, status, step_deadline_at);
CREATE INDEX requests_assignee_queue ON requests (assignee_id, status, step_deadline_at);
CREATE INDEX requests_csc ON requests (csc, created_at);
