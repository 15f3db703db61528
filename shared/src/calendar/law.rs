//! The public holidays fixed by law, as rules that give any year's days off: the Law "On holidays
//! in the Republic of Kazakhstan" (13 December 2001 № 267-II, as amended in 2022) names the
//! dates, and the Labour Code (art. 85 p. 2) moves the rest of a holiday that falls on a weekend
//! to the next working day. Kurban ait follows the lunar calendar and decreed transfers are made
//! each year: those stay data an administrator enters (`seed.rs`, the `calendar_days` table).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::{Date, DayKind, Holiday};

/// The holidays with a fixed date: month, day, holiday.
const FIXED: [(u8, u8, Holiday); 14] = [
    (1, 1, Holiday::NewYear),
    (1, 2, Holiday::NewYear),
    (1, 7, Holiday::OrthodoxChristmas),
    (3, 8, Holiday::WomensDay),
    (3, 21, Holiday::Nauryz),
    (3, 22, Holiday::Nauryz),
    (3, 23, Holiday::Nauryz),
    (5, 1, Holiday::UnityDay),
    (5, 7, Holiday::DefendersDay),
    (5, 9, Holiday::VictoryDay),
    (7, 6, Holiday::CapitalDay),
    (8, 30, Holiday::ConstitutionDay),
    (10, 25, Holiday::RepublicDay),
    (12, 16, Holiday::IndependenceDay),
];

/// One day the law makes a day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LawDay {
    pub date: Date,
    /// `Holiday` on the holiday itself, `DayOff` on the weekday its weekend rest moved to.
    pub kind: DayKind,
    pub holiday: Holiday,
}

/// The year's holidays and moved days off, in date order. A holiday that moves and falls on a
/// Saturday or Sunday rests on the first weekday after it that is neither a holiday nor already a
/// moved day (Nauryz on Saturday–Monday rests on Tuesday and Wednesday too).
pub fn days_of(year: i32) -> Vec<LawDay> {
    let holidays: Vec<LawDay> = FIXED
        .iter()
        .filter_map(|&(month, day, holiday)| {
            Some(LawDay { date: Date::new(year, month, day)?, kind: DayKind::Holiday, holiday })
        })
        .collect();
    let mut days = holidays.clone();
    for holiday in holidays.iter().filter(|h| h.date.is_weekend() && h.holiday.moves_off_weekend())
    {
        let mut rest = holiday.date.plus_days(1);
        while rest.is_weekend() || days.iter().any(|d| d.date == rest) {
            rest = rest.plus_days(1);
        }
        days.push(LawDay { date: rest, kind: DayKind::DayOff, holiday: holiday.holiday });
    }
    days.sort_by_key(|d| d.date);
    days
}

/// What the law makes of a date, if anything.
pub fn day(date: Date) -> Option<LawDay> {
    if TABLED.contains(&date.year()) {
        table().get(&date).copied()
    } else {
        days_of(date.year()).into_iter().find(|d| d.date == date)
    }
}

/// The years whose law days are worked out once per process: deadline loops ask about every day
/// they pass.
const TABLED: std::ops::RangeInclusive<i32> = 2000..=2100;

fn table() -> &'static BTreeMap<Date, LawDay> {
    static TABLE: OnceLock<BTreeMap<Date, LawDay>> = OnceLock::new();
    TABLE.get_or_init(|| TABLED.flat_map(days_of).map(|day| (day.date, day)).collect())
}
