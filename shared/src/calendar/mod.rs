//! Working days and deadlines. Time is a calendar, not arithmetic: Saturdays and Sundays rest,
//! public holidays rest, a holiday that falls on a weekend moves its rest to the next working day
//! (Labour Code, art. 85), and the government may move days off by decree. The holidays with a
//! fixed date are rules for any year (`law.rs`); Kurban ait and decrees are data (`seed.rs`,
//! copied into the database where an administrator edits it), and data overrides the rules.

mod date;
pub mod law;
mod seed;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use date::{Date, KAZAKHSTAN_OFFSET_SECONDS, Weekday};
pub use seed::{ENTERED_2025_2027, Holiday, SeedDay};

use crate::catalog::Term;

/// What the calendar table says about a date; a date not in it is what the law makes it, and
/// otherwise a working day from Monday to Friday and a day off at the weekend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DayKind {
    /// A public holiday (a day off, whatever the weekday).
    Holiday,
    /// A weekday off: the rest of a holiday that fell on a weekend, or a decree's transfer.
    DayOff,
    /// A weekend day made working by decree.
    WorkingDay,
}

impl DayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::DayOff => "day_off",
            DayKind::WorkingDay => "working_day",
        }
    }

    pub fn from_str_opt(s: &str) -> Option<DayKind> {
        [DayKind::Holiday, DayKind::DayOff, DayKind::WorkingDay]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// How a request reached the provider, which decides the first day of its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Intake {
    /// Filed on the portal: for a term in working days the day of receipt counts when it is a
    /// working day and the request arrived within working hours; otherwise the term starts on the
    /// next working day.
    Portal,
    /// Accepted at a citizen service centre: the day of acceptance is not counted (003 p. 5).
    Csc,
    /// Registered at the provider's own chancellery, which counts like the portal.
    Provider,
}

impl Intake {
    pub const ALL: [Intake; 3] = [Intake::Portal, Intake::Csc, Intake::Provider];

    /// The name the API and the database use (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Intake::Portal => "portal",
            Intake::Csc => "csc",
            Intake::Provider => "provider",
        }
    }

    pub fn from_code(code: &str) -> Option<Intake> {
        Intake::ALL.into_iter().find(|i| i.as_str() == code)
    }
}

/// End of the working day (18:30 in Kazakhstan); a request received later counts from the next one.
pub const WORKDAY_END_SECONDS: i64 = 18 * 3600 + 30 * 60;

/// Working hours of a state body, in seconds after local midnight: 09:00–13:00 and 14:30–18:30
/// (lunch in between). Step limits in minutes are counted within them.
pub const WORKING_HOURS: [(i64, i64); 2] =
    [(9 * 3600, 13 * 3600), (14 * 3600 + 1800, WORKDAY_END_SECONDS)];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<Date, DayKind>,
}

impl Calendar {
    pub fn new(days: impl IntoIterator<Item = (Date, DayKind)>) -> Calendar {
        Calendar { days: days.into_iter().collect() }
    }

    /// The calendar of Kazakhstan as seeded: the law's holidays and the entered days.
    pub fn kazakhstan() -> Calendar {
        Calendar::new(ENTERED_2025_2027.iter().map(|d| (d.date(), d.kind)))
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        match self.days.get(&date).copied().or_else(|| law::day(date).map(|d| d.kind)) {
            Some(DayKind::Holiday | DayKind::DayOff) => false,
            Some(DayKind::WorkingDay) => true,
            None => !date.is_weekend(),
        }
    }

    /// Whether a holiday no rule gives (Kurban ait) has been entered for `year`: without it the
    /// year's deadlines would silently count that day as working.
    pub fn has_entered_holidays(&self, year: i32) -> bool {
        self.days.iter().any(|(date, kind)| {
            date.year() == year && *kind == DayKind::Holiday && law::day(*date).is_none()
        })
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: Date) -> Date {
        let mut day = date.plus_days(1);
        while !self.is_working_day(day) {
            day = day.plus_days(1);
        }
        day
    }

    /// The first day of a term for a request received at `received` (Unix seconds).
    ///
    /// A term in calendar days runs from the day after the filing, whatever that day is (Civil
    /// Code, art. 171: a period begins on the day after the date that starts it), so holidays
    /// and weekends count. A term in working days starts with the first working day the provider
    /// has the request: the day of receipt itself on the portal or at the chancellery within
    /// working hours, never the day of acceptance at a centre (003 p. 5).
    pub fn first_day(&self, received: i64, intake: Intake, term: Term) -> Date {
        let date = Date::in_kazakhstan(received);
        if let Term::CalendarDays(_) = term {
            return date.plus_days(1);
        }
        let counts_today = intake != Intake::Csc
            && self.is_working_day(date)
            && Date::local_seconds_of_day(received) < WORKDAY_END_SECONDS;
        if counts_today { date } else { self.next_working_day(date) }
    }

    /// The last day of a term that starts on `first`: the Nth working day, or the Nth calendar day
    /// moved to the next working day when it is a day off (Civil Code, art. 173).
    pub fn last_day(&self, first: Date, term: Term) -> Date {
        match term {
            Term::WorkingDays(days) => {
                let mut day = first;
                for _ in 1..days.max(1) {
                    day = self.next_working_day(day);
                }
                day
            }
            Term::CalendarDays(days) => {
                let last = first.plus_days(i64::from(days.max(1)) - 1);
                if self.is_working_day(last) { last } else { self.next_working_day(last) }
            }
        }
    }

    /// The instant `minutes` working minutes after `start` (Unix seconds), counting only working
    /// hours on working days.
    pub fn add_working_minutes(&self, start: i64, minutes: u32) -> i64 {
        let mut left = i64::from(minutes) * 60;
        let mut date = Date::in_kazakhstan(start);
        loop {
            if self.is_working_day(date) {
                let midnight = date.start_in_kazakhstan();
                for (open, close) in WORKING_HOURS {
                    let from = start.max(midnight + open);
                    let to = midnight + close;
                    if from < to {
                        if left <= to - from {
                            return from + left;
                        }
                        left -= to - from;
                    }
                }
            }
            date = date.plus_days(1);
        }
    }

    /// The deadline of a term, as a UTC instant: the end of its last day in Kazakhstan.
    pub fn deadline(&self, received: i64, intake: Intake, term: Term) -> i64 {
        self.last_day(self.first_day(received, intake, term), term).end_in_kazakhstan()
    }
}

#[cfg(test)]
mod tests;
