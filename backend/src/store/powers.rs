//! The `powers_of_attorney` table: who may file for whom, for which services, until when.

use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::power::{PowerState, PowerView};
use sqlx::AnyPool;

use super::audit::{self, AuditEntry, AuditKey};
use super::requests::StoredSignature;
use super::{Account, Clock};
use crate::error::{AppError, AppResult};

/// A grant the principal signed and the server verified.
#[derive(Debug, Clone)]
pub struct VerifiedGrant<'a> {
    pub representative: &'a str,
    pub representative_name: &'a str,
    pub services: &'a [ServiceCode],
    pub valid_until: Date,
    pub signature: &'a StoredSignature,
}

pub struct Powers<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

/// The powers with their principal (`a`).
const SELECT: &str =
    "SELECT p.id, a.id_number, a.full_name, p.representative, p.representative_name,
    p.services, p.valid_until, p.granted_at, p.revoked_at
    FROM powers_of_attorney p JOIN accounts a ON a.id = p.principal_id";

impl<'a> Powers<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Powers { pool, key, clock }
    }

    /// Keeps a power `principal` granted; returns it.
    pub async fn grant(&self, principal: &Account, grant: &VerifiedGrant<'_>) -> AppResult<i64> {
        use base64::Engine as _;
        let services = serde_json::to_string(grant.services).unwrap_or_else(|_| "[]".to_owned());
        let mut tx = super::begin_write(self.pool).await?;
        let now = self.clock.now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO powers_of_attorney (principal_id, representative, representative_name, services,
                 valid_until, cms, signed_sha256, certificate_serial, granted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(principal.id)
        .bind(grant.representative)
        .bind(grant.representative_name)
        .bind(&services)
        .bind(grant.valid_until.to_string())
        .bind(base64::engine::general_purpose::STANDARD.encode(&grant.signature.cms))
        .bind(&grant.signature.signed_sha256)
        .bind(&grant.signature.signer.serial_number)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let entry = AuditEntry {
            actor: principal.id_number.clone(),
            action: "power.grant",
            subject: grant.representative.to_owned(),
            details: format!(
                "{{\"power\":{id},\"services\":{services},\"valid_until\":\"{}\"}}",
                grant.valid_until
            ),
        };
        audit::append(&mut tx, &entry, self.key, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Revokes a power `principal` granted and has not revoked yet; `false` when there is none.
    pub async fn revoke(&self, principal: &Account, id: i64) -> AppResult<bool> {
        let mut tx = super::begin_write(self.pool).await?;
        let now = self.clock.now();
        let revoked = sqlx::query(
            "UPDATE powers_of_attorney SET revoked_at = $1
             WHERE id = $2 AND principal_id = $3 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .bind(principal.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if revoked == 0 {
            return Ok(false);
        }
        let entry = AuditEntry {
            actor: principal.id_number.clone(),
            action: "power.revoke",
            subject: id.to_string(),
            details: String::new(),
        };
        audit::append(&mut tx, &entry, self.key, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    fn today(&self) -> Date {
        Date::in_kazakhstan(self.clock.now())
    }

    pub async fn by_id(&self, id: i64) -> AppResult<Option<PowerView>> {
        let row = sqlx::query_as::<_, PowerRow>(&format!("{SELECT} WHERE p.id = $1"))
            .bind(id)
            .fetch_optional(self.pool)
            .await?;
        let today = self.today();
        row.map(|row| row.view(today)).transpose()
    }

    /// The powers `principal_id` granted, newest first.
    pub async fn granted_by(&self, principal_id: i64) -> AppResult<Vec<PowerView>> {
        let rows = sqlx::query_as::<_, PowerRow>(&format!(
            "{SELECT} WHERE p.principal_id = $1 ORDER BY p.granted_at DESC, p.id DESC"
        ))
        .bind(principal_id)
        .fetch_all(self.pool)
        .await?;
        let today = self.today();
        rows.into_iter().map(|row| row.view(today)).collect()
    }

    /// The powers granted to the person with IIN `representative`, newest first.
    pub async fn granted_to(&self, representative: &str) -> AppResult<Vec<PowerView>> {
        let rows = sqlx::query_as::<_, PowerRow>(&format!(
            "{SELECT} WHERE p.representative = $1 ORDER BY p.granted_at DESC, p.id DESC"
        ))
        .bind(representative)
        .fetch_all(self.pool)
        .await?;
        let today = self.today();
        rows.into_iter().map(|row| row.view(today)).collect()
    }

    /// The power in force now under which `representative` may file for `principal` (an IIN or
    /// BIN) for `service`: the one that holds longest, if several do.
    pub async fn in_force(
        &self,
        principal: &str,
        representative: &str,
        service: ServiceCode,
    ) -> AppResult<Option<PowerView>> {
        let powers = self.granted_to(representative).await?;
        Ok(powers
            .into_iter()
            .filter(|p| p.principal_id_number == principal && p.covers(service))
            .max_by_key(|p| p.valid_until))
    }
}

/// A row of `SELECT` as the database gives it; `PowerView` is made from it.
#[derive(sqlx::FromRow)]
struct PowerRow {
    id: i64,
    id_number: String,
    full_name: String,
    representative: String,
    representative_name: String,
    services: String,
    valid_until: String,
    granted_at: i64,
    revoked_at: Option<i64>,
}

impl PowerRow {
    /// The power as it stands `today` (in Kazakhstan): revoked, expired or in force.
    fn view(self, today: Date) -> AppResult<PowerView> {
        let unreadable = |what: String| AppError::Database(sqlx::Error::Decode(what.into()));
        let valid_until = Date::parse(&self.valid_until)
            .ok_or_else(|| unreadable(format!("a power's date {:?}", self.valid_until)))?;
        let services = serde_json::from_str(&self.services)
            .map_err(|_| unreadable(format!("a power's services {:?}", self.services)))?;
        let state = if self.revoked_at.is_some() {
            PowerState::Revoked
        } else if valid_until < today {
            PowerState::Expired
        } else {
            PowerState::Active
        };
        Ok(PowerView {
            id: self.id,
            principal_id_number: self.id_number,
            principal_name: self.full_name,
            representative: self.representative,
            representative_name: self.representative_name,
            services,
            valid_until,
            granted_at: self.granted_at,
            revoked_at: self.revoked_at,
            state,
        })
    }
}
