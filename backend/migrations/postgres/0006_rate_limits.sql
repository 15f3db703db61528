-- Sign-in failures and public status look-ups share one table of events counted per key within
-- a window (the key says what and who: "account:…", "address:…", "status:…").
ALTER TABLE sign_in_failures RENAME TO rate_limit_events;
