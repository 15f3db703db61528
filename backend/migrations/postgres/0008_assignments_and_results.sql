-- Staff of a provider work in one of its departments (`office` in the shared crate).
ALTER TABLE accounts ADD COLUMN department TEXT;
CREATE INDEX accounts_staff ON accounts (provider, department, role);

-- Who holds the request inside the provider, the completeness check's deadline, and the result:
-- drafted (outcome and a refusal's grounds), then numbered when signed. The number runs per
-- provider, service, outcome and year.
ALTER TABLE requests ADD COLUMN department TEXT;
ALTER TABLE requests ADD COLUMN assignee_id BIGINT REFERENCES accounts (id);
ALTER TABLE requests ADD COLUMN completeness_deadline_at BIGINT;
ALTER TABLE requests ADD COLUMN result_outcome TEXT CHECK (result_outcome IN ('certificate', 'refusal'));
ALTER TABLE requests ADD COLUMN result_grounds TEXT;
ALTER TABLE requests ADD COLUMN result_year BIGINT;
ALTER TABLE requests ADD COLUMN result_sequence BIGINT;
ALTER TABLE requests ADD COLUMN result_number TEXT;
ALTER TABLE requests ADD COLUMN result_signed_at BIGINT;
CREATE UNIQUE INDEX requests_result_number
    ON requests (provider, service, result_outcome, result_year, result_sequence);
CREATE INDEX requests_department_queue ON requests (provider, department, status, step_deadline_at);
CREATE INDEX requests_assignee_queue ON requests (assignee_id, status, step_deadline_at);
