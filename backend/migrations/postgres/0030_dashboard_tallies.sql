-- What the provider's dashboard shows, kept as requests move and surveys are answered, instead
-- of counted from every request, event and answer on each look: with a million requests that
-- was a scan of every one of the provider's rows (issue 16). Each request adds to one of eight
-- shards of a row (its id modulo 8), so moves at one provider do not queue on one row.
--
-- Per provider and status (never 'draft'): how many requests entered it and left it (in it now:
-- the difference), and of the steps finished there, how many ended past the step's deadline and
-- how many seconds they took in all.
CREATE TABLE status_tallies (
    provider TEXT NOT NULL,
    status TEXT NOT NULL,
    shard BIGINT NOT NULL,
    entered BIGINT NOT NULL,
    exited BIGINT NOT NULL,
    late BIGINT NOT NULL,
    seconds BIGINT NOT NULL,
    PRIMARY KEY (provider, status, shard)
);

-- Per provider, service and pair of answers: how many gave them.
CREATE TABLE survey_tallies (
    provider TEXT NOT NULL,
    service TEXT NOT NULL,
    result TEXT NOT NULL,
    information TEXT NOT NULL,
    shard BIGINT NOT NULL,
    answers BIGINT NOT NULL,
    PRIMARY KEY (provider, service, result, information, shard)
);
