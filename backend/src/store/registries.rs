//! The `csc_registries` and `csc_registry_items` tables: the registries that travel between a CSC
//! and a provider, and the marks the receiving side puts on each item. A registry moves its
//! requests on in the same transaction that records it (see `workflow::Action::by_registry`).

use qyzmet_shared::calendar::Date;
use qyzmet_shared::csc::{Direction, RegistryItem, RegistryState, RegistryView};
use sqlx::AnyPool;

use super::audit::{self, AuditEntry, AuditKey};
use super::requests::{Move, apply_in, parse};
use super::{Account, Clock, StoredRequest};
use crate::error::AppResult;

/// Where a new registry goes, and who forms it.
#[derive(Debug, Clone, Copy)]
pub struct Route<'a> {
    pub direction: Direction,
    pub csc: &'a str,
    pub provider: &'a str,
    pub formed_by: &'a Account,
}

/// The side of a registry: a centre's operators, or a provider's chancellery.
#[derive(Debug, Clone, Copy)]
pub enum Side<'a> {
    Centre(&'a str),
    Provider(&'a str),
}

pub struct Registries<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> Registries<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Registries { pool, key, clock }
    }

    /// The filed requests of the centre for the provider whose packages have not travelled yet
    /// (or travelled in a registry the provider refused): what a registry to the provider lists.
    pub async fn packages_to_send(&self, csc: &str, provider: &str) -> AppResult<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT r.id FROM requests r
             WHERE r.csc = $1 AND r.provider = $2 AND r.status <> 'draft'
               AND NOT EXISTS (SELECT 1 FROM csc_registry_items i
                   JOIN csc_registries g ON g.id = i.registry_id
                   WHERE i.request_id = r.id AND g.direction = 'to_provider' AND g.state <> 'refused')
             ORDER BY r.id",
        )
        .bind(csc)
        .bind(provider)
        .fetch_all(self.pool)
        .await?)
    }

    /// Forms a registry of `requests` (ids, in order), moving each on by its `moves` (the same
    /// length, or empty when nothing moves), in one transaction; `None` (and nothing written) if
    /// a request moved meanwhile.
    pub async fn form(
        &self,
        route: Route<'_>,
        requests: &[i64],
        moves: &[(StoredRequest, Move<'_>)],
    ) -> AppResult<Option<String>> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: route.formed_by.id_number.clone(),
            action: "registry.form",
            subject: format!("{}:{}", route.csc, route.provider),
            details:
                serde_json::json!({ "direction": route.direction.as_str(), "requests": requests })
                    .to_string(),
        };
        let now = self.clock.now();
        let requests_moved = moves.iter().map(|(request, _)| request.number.as_str());
        audit::take_lanes(&mut tx, requests_moved.chain([entry.subject.as_str()])).await?;
        audit::append(&mut tx, &entry, self.key, now).await?;
        for (request, step) in moves {
            if !apply_in(&mut tx, request, step, (self.key, now)).await? {
                return Ok(None);
            }
        }
        let placeholder = format!("registry-{}-{now}", route.formed_by.id);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO csc_registries (number, direction, csc, provider, state, formed_by, formed_at, reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, '') RETURNING id",
        )
        .bind(&placeholder)
        .bind(route.direction.as_str())
        .bind(route.csc)
        .bind(route.provider)
        .bind(RegistryState::Sent.as_str())
        .bind(route.formed_by.id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let number = format!("{}-T{id:06}", Date::in_kazakhstan(now).year());
        sqlx::query("UPDATE csc_registries SET number = $1 WHERE id = $2")
            .bind(&number)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (position, request) in (1_i64..).zip(requests) {
            sqlx::query(
                "INSERT INTO csc_registry_items (registry_id, request_id, position) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(request)
            .bind(position)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Some(number))
    }

    /// Records the receiving side's marks (`present`: the request numbers found) and accepts or
    /// refuses the registry with `reason`, moving its requests on by `moves`, in one transaction;
    /// `false` (and nothing written) if it was received meanwhile or a request moved.
    pub async fn receive(
        &self,
        registry: &RegistryView,
        present: &[String],
        reason: &str,
        receiver: &Account,
        moves: &[(StoredRequest, Move<'_>)],
    ) -> AppResult<bool> {
        let accepted = registry.items.iter().all(|item| present.contains(&item.request));
        let state = if accepted { RegistryState::Accepted } else { RegistryState::Refused };
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: receiver.id_number.clone(),
            action: "registry.receive",
            subject: registry.number.clone(),
            details: serde_json::json!({ "state": state.as_str(), "present": present }).to_string(),
        };
        let now = self.clock.now();
        let requests_moved = moves.iter().map(|(request, _)| request.number.as_str());
        audit::take_lanes(&mut tx, requests_moved.chain([entry.subject.as_str()])).await?;
        audit::append(&mut tx, &entry, self.key, now).await?;
        let marked = sqlx::query(
            "UPDATE csc_registries SET state = $1, received_by = $2, received_at = $3, reason = $4
             WHERE number = $5 AND state = $6",
        )
        .bind(state.as_str())
        .bind(receiver.id)
        .bind(now)
        .bind(reason)
        .bind(&registry.number)
        .bind(RegistryState::Sent.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if marked == 0 {
            return Ok(false);
        }
        for item in &registry.items {
            sqlx::query(
                "UPDATE csc_registry_items SET present = $1
                 WHERE registry_id = (SELECT id FROM csc_registries WHERE number = $2)
                   AND request_id = (SELECT id FROM requests WHERE number = $3)",
            )
            .bind(i64::from(present.contains(&item.request)))
            .bind(&registry.number)
            .bind(&item.request)
            .execute(&mut *tx)
            .await?;
        }
        for (request, step) in moves {
            if !apply_in(&mut tx, request, step, (self.key, now)).await? {
                return Ok(false);
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    pub async fn by_number(&self, number: &str) -> AppResult<Option<RegistryView>> {
        let row = sqlx::query_as::<_, RegistryRow>(&format!(
            "SELECT {COLUMNS} {FROM} WHERE g.number = $1"
        ))
        .bind(number)
        .fetch_optional(self.pool)
        .await?;
        match row {
            Some(row) => Ok(Some(self.with_items(row).await?)),
            None => Ok(None),
        }
    }

    /// A page of a centre's or a provider's registries, newest first, and how many there are.
    pub async fn list(
        &self,
        side: Side<'_>,
        limit: i64,
        offset: i64,
    ) -> AppResult<(Vec<RegistryView>, i64)> {
        let (column, value) = match side {
            Side::Centre(csc) => ("g.csc", csc),
            Side::Provider(provider) => ("g.provider", provider),
        };
        let rows = sqlx::query_as::<_, RegistryRow>(&format!(
            "SELECT {COLUMNS} {FROM} WHERE {column} = $1 ORDER BY g.formed_at DESC, g.id DESC
             LIMIT {limit} OFFSET {offset}"
        ))
        .bind(value)
        .fetch_all(self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM csc_registries g WHERE {column} = $1"
        ))
        .bind(value)
        .fetch_one(self.pool)
        .await?;
        let mut registries = Vec::with_capacity(rows.len());
        for row in rows {
            registries.push(self.with_items(row).await?);
        }
        Ok((registries, total))
    }

    async fn with_items(&self, row: RegistryRow) -> AppResult<RegistryView> {
        let direction = parse::<Direction>(row.direction)?;
        let items = sqlx::query_as::<_, ItemRow>(
            "SELECT r.number, a.full_name, r.service, i.present,
                 (SELECT COUNT(*) FROM attachments t WHERE t.request_id = r.id) AS scans
             FROM csc_registry_items i JOIN requests r ON r.id = i.request_id
             JOIN accounts a ON a.id = r.applicant_id
             WHERE i.registry_id = $1 ORDER BY i.position",
        )
        .bind(row.id)
        .fetch_all(self.pool)
        .await?;
        let items = items
            .into_iter()
            .map(|item| {
                Ok(RegistryItem {
                    request: item.number,
                    applicant_name: item.full_name,
                    service: parse(item.service)?,
                    // Results travel as the one signed document each.
                    documents: match direction {
                        Direction::ToProvider => usize::try_from(item.scans).unwrap_or_default(),
                        Direction::ToCsc => 1,
                    },
                    present: item.present.map(|p| p == 1),
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        Ok(RegistryView {
            number: row.number,
            direction,
            csc: row.csc,
            provider: row.provider,
            state: parse(row.state)?,
            formed_by: row.formed_by_name,
            formed_at: row.formed_at,
            received_by: row.received_by_name,
            received_at: row.received_at,
            reason: row.reason,
            items,
        })
    }
}

/// A registry as `COLUMNS` read it.
#[derive(sqlx::FromRow)]
struct RegistryRow {
    id: i64,
    number: String,
    direction: String,
    csc: String,
    provider: String,
    state: String,
    formed_by_name: String,
    formed_at: i64,
    received_by_name: Option<String>,
    received_at: Option<i64>,
    reason: String,
}

/// One request of a registry, with the scans it carries.
#[derive(sqlx::FromRow)]
struct ItemRow {
    number: String,
    full_name: String,
    service: String,
    present: Option<i64>,
    scans: i64,
}

const COLUMNS: &str = "g.id, g.number, g.direction, g.csc, g.provider, g.state,
    f.full_name AS formed_by_name, g.formed_at, v.full_name AS received_by_name, g.received_at,
    g.reason";

/// Registries (`g`) with who formed them (`f`) and who received them (`v`).
const FROM: &str = "FROM csc_registries g JOIN accounts f ON f.id = g.formed_by
    LEFT JOIN accounts v ON v.id = g.received_by";
