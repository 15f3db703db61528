-- Each counted event carries the moment it may be forgotten, its own limit's window past it.
-- The sweep forgot every event older than the window of the limit that happened to count, so a
-- status check (ten minutes) cut short a sign-in lock (fifteen), and it read the whole table on
-- every call. Events counted before this change are kept for an hour, longer than any window.
ALTER TABLE rate_limit_events ADD COLUMN forget_at BIGINT NOT NULL DEFAULT 0;
UPDATE rate_limit_events SET forget_at = at + 3600;
CREATE INDEX rate_limit_events_forget_at ON rate_limit_events (forget_at);
