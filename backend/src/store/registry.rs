//! The local registry tables (`registry_people`, `registry_companies`).

use sqlx::{AnyPool, Row};

use crate::error::AppResult;
use crate::registry::{Company, Person};

pub struct RegistryTables<'a> {
    pool: &'a AnyPool,
}

impl<'a> RegistryTables<'a> {
    pub(super) fn new(pool: &'a AnyPool) -> Self {
        RegistryTables { pool }
    }

    pub async fn person(&self, iin: &str) -> AppResult<Option<Person>> {
        let row = sqlx::query("SELECT iin, surname, given_name, patronymic, birth_date FROM registry_people WHERE iin = $1")
            .bind(iin)
            .fetch_optional(self.pool)
            .await?;
        row.map(|row| {
            Ok(Person {
                iin: row.try_get("iin")?,
                surname: row.try_get("surname")?,
                given_name: row.try_get("given_name")?,
                patronymic: row.try_get("patronymic")?,
                birth_date: row.try_get("birth_date")?,
            })
        })
        .transpose()
    }

    pub async fn company(&self, bin: &str) -> AppResult<Option<Company>> {
        let row = sqlx::query(
            "SELECT bin, name_kk, name_ru, head_iin FROM registry_companies WHERE bin = $1",
        )
        .bind(bin)
        .fetch_optional(self.pool)
        .await?;
        row.map(|row| {
            Ok(Company {
                bin: row.try_get("bin")?,
                name: qyzmet_shared::Text {
                    kk: row.try_get::<String, _>("name_kk")?.into(),
                    ru: row.try_get::<String, _>("name_ru")?.into(),
                },
                head_iin: row.try_get("head_iin")?,
            })
        })
        .transpose()
    }

    /// Adds a person unless already there.
    pub async fn add_person(&self, person: &Person) -> AppResult<()> {
        if self.person(&person.iin).await?.is_none() {
            sqlx::query(
                "INSERT INTO registry_people (iin, surname, given_name, patronymic, birth_date) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&person.iin)
            .bind(&person.surname)
            .bind(&person.given_name)
            .bind(&person.patronymic)
            .bind(&person.birth_date)
            .execute(self.pool)
            .await?;
        }
        Ok(())
    }

    /// Adds a company unless already there.
    pub async fn add_company(&self, company: &Company) -> AppResult<()> {
        if self.company(&company.bin).await?.is_none() {
            sqlx::query("INSERT INTO registry_companies (bin, name_kk, name_ru, head_iin) VALUES ($1, $2, $3, $4)")
                .bind(&company.bin)
                .bind(company.name.kk.as_ref())
                .bind(company.name.ru.as_ref())
                .bind(&company.head_iin)
                .execute(self.pool)
                .await?;
        }
        Ok(())
    }
}
