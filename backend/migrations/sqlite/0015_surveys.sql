-- The survey after the service: one set of answers per request, counted per provider and service.
CREATE TABLE survey_answers (
    request_id BIGINT PRIMARY KEY REFERENCES requests (id),
    provider TEXT NOT NULL,
    service TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('not_satisfied', 'partly_satisfied', 'satisfied')),
    information TEXT NOT NULL CHECK (information IN ('not_satisfied', 'partly_satisfied', 'satisfied')),
    answered_at BIGINT NOT NULL
);
CREATE INDEX survey_answers_provider ON survey_answers (provider, service);
