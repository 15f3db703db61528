-- The audit log in lanes (issue 16). One head row made every write of the portal wait for the
-- one before it. Now an entry goes to the lane its subject hashes to and links to that lane's
-- entry before it: each lane is a chain as the log was, writes about different subjects no
-- longer wait for each other, and writes about the same subject (a request and its filing) still
-- do. A lane's genesis names the lane, so no entry can be moved to another. Lane 0 carries the
-- log as it was, its seal mark included. `audit.checkpoint` entries record every lane's head
-- together, as the one head did.
CREATE TABLE audit_lanes (
    lane INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    entries BIGINT NOT NULL,
    sealed_from BIGINT,
    sealed_from_mac TEXT
);
INSERT INTO audit_lanes (lane, hash, entries, sealed_from, sealed_from_mac)
    SELECT 0, hash, entries, sealed_from, sealed_from_mac FROM audit_head;
INSERT INTO audit_lanes (lane, hash, entries)
    WITH RECURSIVE lanes (lane) AS (SELECT 1 UNION ALL SELECT lane + 1 FROM lanes WHERE lane < 63)
    SELECT lane, 'genesis-' || lane, 0 FROM lanes;
DROP TABLE audit_head;
ALTER TABLE audit_log ADD COLUMN lane INTEGER NOT NULL DEFAULT 0;
