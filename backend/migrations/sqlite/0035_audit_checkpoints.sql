-- The audit log's checkpoints, newest first, without reading the whole log: what
-- `qyzmet verify-audit` prints to compare with the hash the server logged.
CREATE INDEX audit_log_checkpoints ON audit_log (seq) WHERE action = 'audit.checkpoint';
