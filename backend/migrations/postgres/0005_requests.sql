-- Staff belong to a provider (a state body of the catalog); applicants do not.
ALTER TABLE accounts ADD COLUMN provider TEXT;

-- Requests for services. The form is the typed values as JSON (field id -> text); timestamps are
-- Unix seconds in UTC.
CREATE TABLE requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL,
    kind TEXT NOT NULL,
    provider TEXT NOT NULL,
    applicant_id BIGINT NOT NULL REFERENCES accounts (id),
    filed_by_id BIGINT NOT NULL REFERENCES accounts (id),
    intake TEXT NOT NULL CHECK (intake IN ('portal', 'csc')),
    status TEXT NOT NULL,
    form TEXT NOT NULL,
    submit_key TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    submitted_at BIGINT,
    deadline_at BIGINT,
    step_deadline_at BIGINT
);
CREATE INDEX requests_applicant ON requests (applicant_id, created_at);
CREATE INDEX requests_filed_by ON requests (filed_by_id, created_at);
CREATE INDEX requests_queue ON requests (provider, status, step_deadline_at);

-- Every transition, with who made it, the resolution and the next step's deadline.
CREATE TABLE request_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    at BIGINT NOT NULL,
    actor_id BIGINT NOT NULL REFERENCES accounts (id),
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    resolution TEXT NOT NULL,
    step_deadline_at BIGINT
);
CREATE INDEX request_events_request ON request_events (request_id, id);
