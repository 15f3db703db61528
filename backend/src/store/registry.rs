//! The local registry tables (`registry_people`, `registry_companies`, `licensing_violations`).

use qyzmet_shared::Text;
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use crate::error::AppResult;
use crate::registry::{Company, Person, Violation};

/// A company as its table keeps it.
#[derive(sqlx::FromRow)]
struct CompanyRow {
    bin: String,
    name_kk: String,
    name_ru: String,
    head_iin: String,
}

pub struct RegistryTables<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> RegistryTables<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        RegistryTables { pool, key, clock }
    }

    pub async fn person(&self, iin: &str) -> AppResult<Option<Person>> {
        Ok(sqlx::query_as(
            "SELECT iin, surname, given_name, patronymic, birth_date FROM registry_people WHERE iin = $1",
        )
        .bind(iin)
        .fetch_optional(self.pool)
        .await?)
    }

    pub async fn company(&self, bin: &str) -> AppResult<Option<Company>> {
        let row = sqlx::query_as::<_, CompanyRow>(
            "SELECT bin, name_kk, name_ru, head_iin FROM registry_companies WHERE bin = $1",
        )
        .bind(bin)
        .fetch_optional(self.pool)
        .await?;
        Ok(row.map(|row| Company {
            bin: row.bin,
            name: Text { kk: row.name_kk.into(), ru: row.name_ru.into() },
            head_iin: row.head_iin,
        }))
    }

    pub async fn violation(&self, id_number: &str) -> AppResult<Option<Violation>> {
        Ok(sqlx::query_as(
            "SELECT id_number, reason FROM licensing_violations WHERE id_number = $1",
        )
        .bind(id_number)
        .fetch_optional(self.pool)
        .await?)
    }

    /// Records what «Е-лицензиялау» holds against an applicant, in place of anything before,
    /// with an audit entry by `actor`.
    pub async fn record_violation(&self, violation: &Violation, actor: &str) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let now = self.clock.now();
        let entry = AuditEntry {
            actor: actor.to_owned(),
            action: "licensing_violation.record",
            subject: violation.id_number.clone(),
            details: serde_json::json!({"reason": violation.reason}).to_string(),
        };
        audit::append(&mut tx, &entry, self.key, now).await?;
        sqlx::query("DELETE FROM licensing_violations WHERE id_number = $1")
            .bind(&violation.id_number)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO licensing_violations (id_number, reason, recorded_at) VALUES ($1, $2, $3)",
        )
        .bind(&violation.id_number)
        .bind(&violation.reason)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a person unless already there.
    pub async fn add_person(&self, person: &Person) -> AppResult<()> {
        if self.person(&person.iin).await?.is_none() {
            super::write_alone(self.pool, sqlx::query(
                "INSERT INTO registry_people (iin, surname, given_name, patronymic, birth_date) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&person.iin)
            .bind(&person.surname)
            .bind(&person.given_name)
            .bind(&person.patronymic)
            .bind(&person.birth_date))
            .await?;
        }
        Ok(())
    }

    /// Adds a company unless already there.
    pub async fn add_company(&self, company: &Company) -> AppResult<()> {
        if self.company(&company.bin).await?.is_none() {
            super::write_alone(self.pool, sqlx::query("INSERT INTO registry_companies (bin, name_kk, name_ru, head_iin) VALUES ($1, $2, $3, $4)")
                .bind(&company.bin)
                .bind(company.name.kk.as_ref())
                .bind(company.name.ru.as_ref())
                .bind(&company.head_iin))
                .await?;
        }
        Ok(())
    }
}
