-- A step's limit as an administrator set it, overriding the regulation's declaration (which stays
-- the default); a step with no row keeps the declared limit.
CREATE TABLE step_limits (
    service TEXT NOT NULL,
    status TEXT NOT NULL,
    unit TEXT NOT NULL CHECK (unit IN ('working_minutes', 'working_days', 'within_term')),
    amount BIGINT NOT NULL,
    PRIMARY KEY (service, status)
);
