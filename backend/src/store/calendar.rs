//! The `calendar_days` table: the data behind working days and deadlines.

use qyzmet_shared::Text;
use qyzmet_shared::api::CalendarEntry;
use qyzmet_shared::calendar::{Calendar, Date, DayKind, ENTERED_2025_2027, law};
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use crate::error::{AppError, AppResult};

pub struct CalendarDays<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> CalendarDays<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        CalendarDays { pool, key, clock }
    }

    /// Fills an empty table with the seed; a table an administrator has edited is left alone.
    pub async fn seed_if_empty(&self) -> AppResult<()> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM calendar_days").fetch_one(self.pool).await?;
        if count > 0 {
            return Ok(());
        }
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: "system".to_owned(),
            action: "calendar.seed",
            subject: "calendar_days".to_owned(),
            details: format!("{{\"days\":{}}}", ENTERED_2025_2027.len()),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        for seed in ENTERED_2025_2027 {
            let note = seed.holiday.name();
            sqlx::query(
                "INSERT INTO calendar_days (day, kind, note_kk, note_ru) VALUES ($1, $2, $3, $4)",
            )
            .bind(seed.date().to_string())
            .bind(seed.kind.as_str())
            .bind(note.kk.as_ref())
            .bind(note.ru.as_ref())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Sets what a date is (an administrator entering a decree), recorded in the audit log.
    pub async fn set(&self, entry: &CalendarEntry, actor: &str) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let audit_entry = AuditEntry {
            actor: actor.to_owned(),
            action: "calendar.set",
            subject: entry.date.to_string(),
            details: format!("{{\"kind\":\"{}\"}}", entry.kind.as_str()),
        };
        audit::append(&mut tx, &audit_entry, self.key, self.clock.now()).await?;
        sqlx::query(
            "INSERT INTO calendar_days (day, kind, note_kk, note_ru) VALUES ($1, $2, $3, $4)
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note_kk = excluded.note_kk, note_ru = excluded.note_ru",
        )
        .bind(entry.date.to_string())
        .bind(entry.kind.as_str())
        .bind(entry.note.kk.as_ref())
        .bind(entry.note.ru.as_ref())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes a date ordinary again (a weekday works, a weekend rests); `false` if it was already.
    pub async fn remove(&self, date: Date, actor: &str) -> AppResult<bool> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: actor.to_owned(),
            action: "calendar.remove",
            subject: date.to_string(),
            details: String::new(),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        let removed = sqlx::query("DELETE FROM calendar_days WHERE day = $1")
            .bind(date.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if removed == 0 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The days of one year that are not plain weekdays and weekends, in date order: the law's
    /// holidays and moved days off, under what the table says.
    pub async fn year(&self, year: i32) -> AppResult<Vec<CalendarEntry>> {
        let mut days: std::collections::BTreeMap<Date, CalendarEntry> = law::days_of(year)
            .into_iter()
            .map(|d| (d.date, CalendarEntry { date: d.date, kind: d.kind, note: d.holiday.name() }))
            .collect();
        days.extend(self.entered(year).await?.into_iter().map(|e| (e.date, e)));
        Ok(days.into_values().collect())
    }

    /// The table's entries of one year, in date order.
    async fn entered(&self, year: i32) -> AppResult<Vec<CalendarEntry>> {
        // Dates are stored as YYYY-MM-DD, so a text range selects a year and sorts by date.
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT day, kind, note_kk, note_ru FROM calendar_days WHERE day >= $1 AND day < $2 ORDER BY day",
        )
        .bind(format!("{year:04}-01-01"))
        .bind(format!("{:04}-01-01", year + 1))
        .fetch_all(self.pool)
        .await?;
        rows.into_iter()
            .map(|(day, kind, kk, ru)| {
                let (date, kind) = parsed(&day, &kind)?;
                Ok(CalendarEntry { date, kind, note: Text { kk: kk.into(), ru: ru.into() } })
            })
            .collect()
    }

    /// The whole table as a calendar for counting deadlines.
    pub async fn calendar(&self) -> AppResult<Calendar> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT day, kind FROM calendar_days").fetch_all(self.pool).await?;
        let days =
            rows.iter().map(|(day, kind)| parsed(day, kind)).collect::<AppResult<Vec<_>>>()?;
        Ok(Calendar::new(days))
    }
}

/// A stored day and its kind, or the decode error naming the column that holds nonsense.
fn parsed(day: &str, kind: &str) -> AppResult<(Date, DayKind)> {
    Ok((
        Date::parse(day).ok_or_else(|| corrupt("day", day))?,
        DayKind::from_str_opt(kind).ok_or_else(|| corrupt("kind", kind))?,
    ))
}

fn corrupt(column: &str, value: &str) -> AppError {
    AppError::Database(sqlx::Error::Decode(
        format!("unknown {column} {value:?} in calendar_days").into(),
    ))
}
