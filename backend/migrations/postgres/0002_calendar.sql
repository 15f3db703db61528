-- Kazakhstan's calendar: the dates that differ from "Monday to Friday work, the weekend rests".
-- Seeded at start-up when empty (from shared/src/calendar/seed.rs); an administrator edits it
-- when the government moves days off.
CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'day_off', 'working_day')),
    note_kk TEXT NOT NULL,
    note_ru TEXT NOT NULL
);
