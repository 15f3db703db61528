-- The last result number given per provider, service, outcome and year (issue 16): the next is
-- taken by one upsert that locks this row alone. It was the maximum over the requests, stable
-- only while the audit log's one head row serialised every write.
CREATE TABLE result_sequences (
    provider TEXT NOT NULL,
    service TEXT NOT NULL,
    outcome TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (provider, service, outcome, year)
);
INSERT INTO result_sequences (provider, service, outcome, year, last)
    SELECT provider, service, result_outcome, result_year, MAX(result_sequence) FROM requests
    WHERE result_sequence IS NOT NULL
    GROUP BY provider, service, result_outcome, result_year;
