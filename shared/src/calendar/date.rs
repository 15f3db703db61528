//! A civil date and Kazakhstan's clock, with no dependency: the calendar needs only day arithmetic.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Kazakhstan keeps one time zone, UTC+5, since 1 March 2024.
pub const KAZAKHSTAN_OFFSET_SECONDS: i64 = 5 * 3600;

const SECONDS_PER_DAY: i64 = 86_400;

/// A date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Date {
    /// A real date, or `None` (30 February, month 13 …).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let date = Date { year, month, day };
        (Date::from_days(date.days_since_epoch()) == date).then_some(date)
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        // Digits only, the year in four (so «27 3 07» typed is not the year 7), month and day in
        // one or two.
        fn digits(part: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<&str> {
            (lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then_some(part)
        }
        let mut parts = s.splitn(3, '-');
        let year = digits(parts.next()?, 4..=4)?.parse().ok()?;
        let month = digits(parts.next()?, 1..=2)?.parse().ok()?;
        let day = digits(parts.next()?, 1..=2)?.parse().ok()?;
        Date::new(year, month, day)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it); the "days from civil" algorithm.
    pub fn days_since_epoch(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    #[must_use]
    pub fn plus_days(self, days: i64) -> Date {
        Date::from_days(self.days_since_epoch() + days)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.days_since_epoch() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    pub fn is_weekend(self) -> bool {
        matches!(self.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    /// The date in Kazakhstan at a UTC instant (Unix seconds).
    pub fn in_kazakhstan(unix: i64) -> Date {
        Date::from_days((unix + KAZAKHSTAN_OFFSET_SECONDS).div_euclid(SECONDS_PER_DAY))
    }

    /// Kazakhstan's local time of day at an instant, in seconds after midnight.
    pub fn local_seconds_of_day(unix: i64) -> i64 {
        (unix + KAZAKHSTAN_OFFSET_SECONDS).rem_euclid(SECONDS_PER_DAY)
    }

    /// Midnight at the start of this day in Kazakhstan, as a UTC instant.
    pub fn start_in_kazakhstan(self) -> i64 {
        self.days_since_epoch() * SECONDS_PER_DAY - KAZAKHSTAN_OFFSET_SECONDS
    }

    /// The day as documents and people in Kazakhstan write it: `31.12.2026`.
    pub fn dotted(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// The last second of this day in Kazakhstan, as a UTC instant.
    pub fn end_in_kazakhstan(self) -> i64 {
        (self.days_since_epoch() + 1) * SECONDS_PER_DAY - KAZAKHSTAN_OFFSET_SECONDS - 1
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom("a date as YYYY-MM-DD"))
    }
}

/// In the OpenAPI document a date is what it is on the wire: a `YYYY-MM-DD` string.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .examples(["2026-03-21"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Date {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        let date = Date::new(2026, 3, 21).unwrap();
        assert_eq!(date.weekday(), Weekday::Saturday);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 2, 29).unwrap().plus_days(1), Date::new(2000, 3, 1).unwrap());
        assert_eq!(Date::new(2026, 2, 29), None);
        assert_eq!(Date::new(2026, 13, 1), None);
        assert_eq!(Date::parse("2027-01-04"), Date::new(2027, 1, 4));
        assert_eq!(Date::parse("2027-1"), None);
        // A year of two digits, a sign, a day that does not exist: not dates.
        assert_eq!(Date::parse("07-3-27"), None);
        assert_eq!(Date::parse("2007-+3-27"), None);
        assert_eq!(Date::parse("2026-02-31"), None);
        assert_eq!(Date::parse("2007-3-27"), Date::new(2007, 3, 27));
        assert_eq!(Date::new(2027, 1, 4).unwrap().to_string(), "2027-01-04");
    }

    #[test]
    fn kazakhstan_time_is_utc_plus_five() {
        // 2026-03-19T19:30:00Z is 00:30 on 20 March in Astana.
        let instant =
            Date::new(2026, 3, 19).unwrap().days_since_epoch() * 86_400 + 19 * 3600 + 1800;
        assert_eq!(Date::in_kazakhstan(instant), Date::new(2026, 3, 20).unwrap());
        assert_eq!(Date::local_seconds_of_day(instant), 1800);
        let end = Date::new(2026, 4, 6).unwrap().end_in_kazakhstan();
        assert_eq!(Date::in_kazakhstan(end), Date::new(2026, 4, 6).unwrap());
        assert_eq!(Date::in_kazakhstan(end + 1), Date::new(2026, 4, 7).unwrap());
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -1_000_000i64..1_000_000) {
            let date = Date::from_days(days);
            prop_assert_eq!(date.days_since_epoch(), days);
            prop_assert_eq!(Date::new(date.year(), date.month(), date.day()), Some(date));
            prop_assert_eq!(Date::parse(&date.to_string()), Some(date).filter(|d| d.year() >= 0));
        }
    }
}
