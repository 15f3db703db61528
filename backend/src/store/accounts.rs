//! The `accounts` table.

use qyzmet_shared::{Lang, Role, Subject};
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    /// The IIN of an individual or the BIN of a legal entity.
    pub id_number: String,
    pub subject: Subject,
    pub full_name: String,
    pub role: Role,
    /// The state body a staff member works for; `None` for everyone else.
    pub provider: Option<String>,
    /// The department of the provider (for department heads and specialists).
    pub department: Option<String>,
    /// The citizen service centre an operator works at (its id in `csc::CENTRES`).
    pub csc: Option<String>,
    pub password_hash: String,
    pub created_at: i64,
    /// Where notifications are e-mailed, if anywhere.
    pub email: Option<String>,
    /// The language of their notifications: the one they last chose.
    pub lang: Lang,
}

#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    pub id_number: &'a str,
    pub subject: Subject,
    pub full_name: &'a str,
    pub role: Role,
    pub provider: Option<&'a str>,
    pub department: Option<&'a str>,
    pub csc: Option<&'a str>,
    pub password_hash: &'a str,
}

pub struct Accounts<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> Accounts<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Accounts { pool, key, clock }
    }

    /// Adds an account, recorded in the audit log as done by `actor`; an IIN/BIN already taken
    /// is a `Conflict` and writes nothing.
    pub async fn insert(&self, new: &NewAccount<'_>, actor: &str) -> AppResult<i64> {
        let mut tx = super::begin_write(self.pool).await?;
        let now = self.clock.now();
        let entry = AuditEntry {
            actor: actor.to_owned(),
            action: "account.create",
            subject: new.id_number.to_owned(),
            details: format!("{{\"role\":\"{}\"}}", new.role.as_str()),
        };
        audit::append(&mut tx, &entry, self.key, now).await?;
        let id = sqlx::query_scalar(
            "INSERT INTO accounts (id_number, subject, full_name, role, provider, department, csc, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(new.id_number)
        .bind(new.subject.as_str())
        .bind(new.full_name)
        .bind(new.role.as_str())
        .bind(new.provider)
        .bind(new.department)
        .bind(new.csc)
        .bind(new.password_hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Opens the account of an applicant the state registry knows, with no password until they
    /// set one (see `password::NONE`), recorded as done by `opened_by`.
    pub async fn open_applicant(
        &self,
        id_number: &str,
        subject: Subject,
        full_name: &str,
        opened_by: &str,
    ) -> AppResult<Account> {
        let account = NewAccount {
            id_number,
            subject,
            full_name,
            role: Role::Applicant,
            provider: None,
            department: None,
            csc: None,
            password_hash: crate::password::NONE,
        };
        self.insert(&account, opened_by).await?;
        self.by_id_number(id_number)
            .await?
            .ok_or_else(|| AppError::Database(sqlx::Error::RowNotFound))
    }

    pub async fn by_id_number(&self, id_number: &str) -> AppResult<Option<Account>> {
        let row = sqlx::query_as::<_, AccountRow>(&format!(
            "SELECT {COLUMNS} FROM accounts a WHERE a.id_number = $1"
        ))
        .bind(id_number)
        .fetch_optional(self.pool)
        .await?;
        row.map(Account::try_from).transpose()
    }

    /// The staff of a provider's department in a role, by name.
    pub async fn staff(
        &self,
        provider: &str,
        department: &str,
        role: Role,
    ) -> AppResult<Vec<Account>> {
        let rows = sqlx::query_as::<_, AccountRow>(&format!(
            "SELECT {COLUMNS} FROM accounts a
             WHERE a.provider = $1 AND a.department = $2 AND a.role = $3 ORDER BY a.full_name"
        ))
        .bind(provider)
        .bind(department)
        .bind(role.as_str())
        .fetch_all(self.pool)
        .await?;
        rows.into_iter().map(Account::try_from).collect()
    }

    /// Sets the language of a person's notifications and their e-mail address (`None`: none).
    pub async fn set_preferences(
        &self,
        account: &Account,
        lang: Lang,
        email: Option<&str>,
    ) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: account.id_number.clone(),
            action: "account.preferences",
            subject: account.id_number.clone(),
            details: format!("{{\"lang\":\"{}\",\"email\":{}}}", lang.code(), email.is_some()),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        sqlx::query("UPDATE accounts SET lang = $1, email = $2 WHERE id = $3")
            .bind(lang.code())
            .bind(email)
            .bind(account.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces the account's password hash.
    pub async fn set_password(&self, account: &Account, hash: &str) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: account.id_number.clone(),
            action: "account.password",
            subject: account.id_number.clone(),
            details: String::new(),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(account.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn count(&self) -> AppResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(self.pool).await?)
    }
}

/// The columns `AccountRow` holds, from a table aliased `a`.
pub(super) const COLUMNS: &str =
    "a.id, a.id_number, a.subject, a.full_name, a.role, a.provider, a.department, a.csc, a.password_hash,
    a.created_at, a.email, a.lang";

/// A row of `COLUMNS` as the database gives it; `Account` is made from it.
#[derive(sqlx::FromRow)]
pub(super) struct AccountRow {
    id: i64,
    id_number: String,
    subject: String,
    full_name: String,
    role: String,
    provider: Option<String>,
    department: Option<String>,
    csc: Option<String>,
    password_hash: String,
    created_at: i64,
    email: Option<String>,
    lang: String,
}

impl TryFrom<AccountRow> for Account {
    type Error = AppError;

    fn try_from(row: AccountRow) -> AppResult<Account> {
        Ok(Account {
            id: row.id,
            subject: Subject::from_str_opt(&row.subject)
                .ok_or_else(|| corrupt("subject", &row.subject))?,
            role: Role::from_str_opt(&row.role).ok_or_else(|| corrupt("role", &row.role))?,
            id_number: row.id_number,
            full_name: row.full_name,
            provider: row.provider,
            department: row.department,
            csc: row.csc,
            password_hash: row.password_hash,
            created_at: row.created_at,
            email: row.email,
            lang: Lang::from_code(&row.lang).unwrap_or_default(),
        })
    }
}

fn corrupt(column: &str, value: &str) -> AppError {
    AppError::Database(sqlx::Error::Decode(
        format!("unknown {column} {value:?} in accounts").into(),
    ))
}
