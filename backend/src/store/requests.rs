//! The `requests` and `request_events` tables.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use qyzmet_shared::attachment::AttachmentView;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::calendar::Intake;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::csc::Counter;
use qyzmet_shared::request::{Event, NewRequest, PublicStatus};
use qyzmet_shared::result::{Numbering, Outcome};
use qyzmet_shared::signature::SignerCertificate;
use qyzmet_shared::workflow::{Action, Status};
use qyzmet_shared::{ApiError, ErrorCode};
use sqlx::AnyConnection;
use sqlx::AnyPool;

use super::audit::{self, AuditEntry, AuditKey};
use super::notifications::Mail;
use super::{Account, Clock};
use crate::error::{AppError, AppResult};

/// A request as stored, with its applicant's number and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub id: i64,
    pub number: String,
    pub service: ServiceCode,
    pub kind: String,
    pub provider: String,
    pub applicant_id: i64,
    pub applicant_id_number: String,
    pub applicant_name: String,
    pub filed_by_id: i64,
    /// Whoever filed it: the applicant, or their representative.
    pub filer_id_number: String,
    pub filer_name: String,
    /// The power of attorney a representative filed it under.
    pub power_id: Option<i64>,
    pub intake: Intake,
    /// The citizen service centre whose operator (the filer) filed it at the counter.
    pub csc: Option<String>,
    /// What the operator recorded at the counter besides the form.
    pub counter: Option<Counter>,
    pub status: Status,
    pub form: BTreeMap<String, String>,
    pub submit_key: Option<String>,
    pub created_at: i64,
    pub submitted_at: Option<i64>,
    pub deadline_at: Option<i64>,
    pub step_deadline_at: Option<i64>,
    pub completeness_deadline_at: Option<i64>,
    pub department: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub result: Option<StoredResult>,
}

/// The drafted result, numbered once signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResult {
    pub outcome: Outcome,
    pub grounds: String,
    /// The certificate's appendix pages, where its form prints them (001).
    pub appendix_pages: Option<u16>,
    pub number: Option<String>,
    pub signed_at: Option<i64>,
}

/// A verified signature, as kept with the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSignature {
    pub cms: Vec<u8>,
    /// SHA-256 of the signed bytes, hex.
    pub signed_sha256: String,
    pub signer: SignerCertificate,
    pub signed_at: Option<i64>,
}

/// A move of the workflow, as the store records it.
#[derive(Debug, Clone)]
pub struct Move<'a> {
    pub actor: &'a Account,
    pub action: Action,
    pub to: Status,
    pub resolution: &'a str,
    pub step_deadline_at: Option<i64>,
    pub effect: Effect<'a>,
    /// The e-mails about it (the applicant's, their representative's), kept in the outbox with
    /// the move.
    pub mails: Vec<Mail>,
}

/// What a move changes besides the status.
#[derive(Debug, Clone, Copy)]
pub enum Effect<'a> {
    None,
    /// Filed: the idempotency key, the end of the term and of the completeness check, and the
    /// applicant's verified signature over this form and these documents.
    Submission {
        key: &'a str,
        deadline: i64,
        completeness_deadline: i64,
        signature: &'a StoredSignature,
        form: &'a BTreeMap<String, String>,
        attachments: &'a [AttachmentView],
    },
    /// Sent to a department (by the head, or straight to the ministry's only unit).
    Department(&'a str),
    /// Given to a specialist (an account id).
    Assignee(i64),
    /// The specialist's draft: a certificate (with its appendix pages, where its form prints
    /// them), or a refusal on these grounds.
    Draft {
        outcome: Outcome,
        grounds: &'a str,
        appendix_pages: Option<u16>,
    },
    /// Signed by the head, with this verified signature: the result takes the next number of its
    /// kind in the year.
    Signature {
        numbering: Numbering,
        signature: &'a StoredSignature,
    },
}

/// Where and by whom a draft is opened for its applicant.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    /// On the portal, by the applicant, or by their representative under the power of attorney
    /// `power`.
    Portal { power: Option<i64> },
    /// At the counter of the citizen service centre `csc`, by one of its operators.
    Counter { csc: &'a str, counter: &'a Counter },
    /// At the provider's own chancellery, by one of its employees.
    Office { counter: &'a Counter },
}

/// Whose requests a history lists.
#[derive(Debug, Clone, Copy)]
pub enum Whose<'a> {
    /// Those a person applied for or filed.
    Person(i64),
    /// Those filed at a citizen service centre, and the drafts its `operator` opened there.
    Centre { csc: &'a str, operator: i64 },
}

/// Which requests a list shows.
#[derive(Debug, Clone)]
pub enum Filter<'a> {
    /// A history, optionally by status and by part of the number, newest first.
    History { whose: Whose<'a>, status: Option<Status>, number: Option<&'a str> },
    /// Those waiting at a provider in the given (service, status) pairs: a role's queue; for a
    /// department head only their department's, for a specialist only those given to them.
    Queue {
        provider: &'a str,
        waiting: Vec<(ServiceCode, Status)>,
        department: Option<&'a str>,
        assignee: Option<i64>,
    },
}

pub struct Requests<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

pub(super) const COLUMNS: &str = "r.id, r.number, r.service, r.kind, r.provider, r.applicant_id, a.id_number, a.full_name,
    r.filed_by_id, f.id_number AS filer_id_number, f.full_name AS filer_name, r.power_id, r.intake,
    r.csc, r.counter, r.status, r.form, r.submit_key, r.created_at, r.submitted_at, r.deadline_at,
    r.step_deadline_at, r.completeness_deadline_at, r.department, r.assignee_id,
    s.full_name AS assignee_name, r.result_outcome, r.result_grounds, r.result_appendix_pages, r.result_number,
    r.result_signed_at";

/// The requests with their applicant (`a`), whoever filed them (`f`) and the assigned specialist
/// (`s`).
pub(super) const FROM: &str = "FROM requests r JOIN accounts a ON a.id = r.applicant_id
    JOIN accounts f ON f.id = r.filed_by_id LEFT JOIN accounts s ON s.id = r.assignee_id";

impl<'a> Requests<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Requests { pool, key, clock }
    }

    /// Opens a draft filed by `filed_by` for `applicant`, from `origin`; returns its number.
    pub async fn create_draft(
        &self,
        applicant: &Account,
        filed_by: &Account,
        origin: Origin<'_>,
        new: &NewRequest,
    ) -> AppResult<String> {
        let (power, intake, csc, counter) = match origin {
            Origin::Portal { power } => (power, Intake::Portal, None, None),
            Origin::Counter { csc, counter } => {
                (None, Intake::Csc, Some(csc), serde_json::to_string(counter).ok())
            }
            Origin::Office { counter } => {
                (None, Intake::Provider, None, serde_json::to_string(counter).ok())
            }
        };
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: filed_by.id_number.clone(),
            action: "request.create",
            subject: applicant.id_number.clone(),
            details: format!(
                "{{\"service\":\"{}\",\"kind\":\"{}\",\"intake\":\"{}\",\"power\":{},\"csc\":{}}}",
                new.service.as_str(),
                new.kind,
                intake.as_str(),
                power.map_or_else(|| "null".to_owned(), |id| id.to_string()),
                csc.map_or_else(|| "null".to_owned(), |csc| format!("\"{csc}\""))
            ),
        };
        let now = self.clock.now();
        audit::append(&mut tx, &entry, self.key, now).await?;
        // A placeholder number, unique until the row's id gives the real one below.
        let placeholder = format!("draft-{}-{now}", filed_by.id);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO requests (number, service, kind, provider, applicant_id, filed_by_id, power_id, intake, csc, counter, status, form, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(&placeholder)
        .bind(new.service.as_str())
        .bind(&new.kind)
        .bind(&new.provider)
        .bind(applicant.id)
        .bind(filed_by.id)
        .bind(power)
        .bind(intake.as_str())
        .bind(csc)
        .bind(counter)
        .bind(Status::Draft.as_str())
        .bind(form_json(&new.form))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let number = request_number(now, id);
        sqlx::query("UPDATE requests SET number = $1 WHERE id = $2")
            .bind(&number)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(number)
    }

    /// The last 20 filed requests of `applicant_id` of this service and kind, newest first.
    pub async fn earlier(
        &self,
        applicant_id: i64,
        service: ServiceCode,
        kind: &str,
    ) -> AppResult<Vec<StoredRequest>> {
        let rows = sqlx::query_as::<_, RequestRow>(&format!(
            "SELECT {COLUMNS} {FROM} WHERE r.applicant_id = $1 AND r.service = $2 AND r.kind = $3
             AND r.status <> 'draft' ORDER BY r.id DESC LIMIT 20"
        ))
        .bind(applicant_id)
        .bind(service.as_str())
        .bind(kind)
        .fetch_all(self.pool)
        .await?;
        rows.into_iter().map(StoredRequest::try_from).collect()
    }

    pub async fn by_number(&self, number: &str) -> AppResult<Option<StoredRequest>> {
        let row = sqlx::query_as::<_, RequestRow>(&format!(
            "SELECT {COLUMNS} {FROM} WHERE r.number = $1"
        ))
        .bind(number)
        .fetch_optional(self.pool)
        .await?;
        row.map(StoredRequest::try_from).transpose()
    }

    /// What the public status check shows of the request numbered `number` whose applicant's
    /// IIN/BIN is `id_number`: nothing of a draft, nor of another applicant's request. Four
    /// columns and one join, not a whole request: the check is what a deadline rush hammers.
    pub async fn public_status(
        &self,
        number: &str,
        id_number: &str,
    ) -> AppResult<Option<PublicStatus>> {
        let row: Option<(String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT r.number, r.service, r.status, r.deadline_at
             FROM requests r JOIN accounts a ON a.id = r.applicant_id
             WHERE r.number = $1 AND a.id_number = $2 AND r.status <> 'draft'",
        )
        .bind(number)
        .bind(id_number)
        .fetch_optional(self.pool)
        .await?;
        row.map(|(number, service, status, deadline)| {
            Ok(PublicStatus { number, service: parse(service)?, status: parse(status)?, deadline })
        })
        .transpose()
    }

    /// The signed results of `provider` for requests filed at the centre `csc`: what a
    /// registry back to the centre lists, oldest first.
    pub async fn signed_for_centre(
        &self,
        provider: &str,
        csc: &str,
    ) -> AppResult<Vec<StoredRequest>> {
        let rows = sqlx::query_as::<_, RequestRow>(&format!(
            "SELECT {COLUMNS} {FROM} WHERE r.provider = $1 AND r.csc = $2 AND r.status = $3 ORDER BY r.id"
        ))
        .bind(provider)
        .bind(csc)
        .bind(Status::Signed.as_str())
        .fetch_all(self.pool)
        .await?;
        rows.into_iter().map(StoredRequest::try_from).collect()
    }

    /// Replaces a draft's form; a request that is no longer a draft is left alone (`false`).
    pub async fn update_draft_form(
        &self,
        request: &StoredRequest,
        actor: &Account,
        form: &BTreeMap<String, String>,
    ) -> AppResult<bool> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: actor.id_number.clone(),
            action: "request.edit",
            subject: request.number.clone(),
            details: String::new(),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        let updated = sqlx::query("UPDATE requests SET form = $1 WHERE id = $2 AND status = $3")
            .bind(form_json(form))
            .bind(request.id)
            .bind(Status::Draft.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes a draft; a request that is no longer a draft stays (`false`).
    pub async fn delete_draft(&self, request: &StoredRequest, actor: &Account) -> AppResult<bool> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: actor.id_number.clone(),
            action: "request.delete",
            subject: request.number.clone(),
            details: String::new(),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        if !delete_draft_in(&mut tx, request.id).await? {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Moves a request on, if nobody moved it first (`false` then, and nothing is written).
    pub async fn apply(&self, request: &StoredRequest, step: &Move<'_>) -> AppResult<bool> {
        let mut tx = super::begin_write(self.pool).await?;
        if !apply_in(&mut tx, request, step, (self.key, self.clock.now())).await? {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    /// A page of requests and how many match in all: newest first for a person's own, most
    /// urgent first for a queue.
    pub async fn list(
        &self,
        filter: &Filter<'_>,
        limit: i64,
        offset: i64,
    ) -> AppResult<(Vec<StoredRequest>, i64)> {
        let today = Date::in_kazakhstan(self.clock.now());
        let listing = Listing::of(filter, today, limit, offset);
        let mut page = sqlx::query_as::<_, RequestRow>(&listing.page);
        let mut count = sqlx::query_scalar(&listing.count);
        for bind in &listing.binds {
            match bind {
                Bind::Int(v) => {
                    page = page.bind(*v);
                    count = count.bind(*v);
                }
                Bind::Text(v) => {
                    page = page.bind(v.as_str());
                    count = count.bind(v.as_str());
                }
            }
        }
        let rows = page.fetch_all(self.pool).await?;
        let total: i64 = count.fetch_one(self.pool).await?;
        Ok((rows.into_iter().map(StoredRequest::try_from).collect::<AppResult<_>>()?, total))
    }

    /// How many unfiled drafts `filer` (an account id) keeps.
    pub async fn drafts_of(&self, filer: i64) -> AppResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM requests WHERE filed_by_id = $1 AND status = 'draft'",
        )
        .bind(filer)
        .fetch_one(self.pool)
        .await?)
    }

    /// The CMS (DER) of the filing or the result, as kept.
    pub async fn signature_cms(
        &self,
        request_id: i64,
        purpose: SignedFor,
    ) -> AppResult<Option<Vec<u8>>> {
        use base64::Engine as _;
        let cms: Option<String> = sqlx::query_scalar(
            "SELECT cms FROM request_signatures
             WHERE request_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
        )
        .bind(request_id)
        .bind(purpose.as_str())
        .fetch_optional(self.pool)
        .await?;
        Ok(cms.and_then(|cms| base64::engine::general_purpose::STANDARD.decode(cms).ok()))
    }

    /// Who signed the filing or the result, as verified when it was accepted.
    pub async fn signer(
        &self,
        request_id: i64,
        purpose: SignedFor,
    ) -> AppResult<Option<SignerCertificate>> {
        let row: Option<SignerRow> = sqlx::query_as(
            "SELECT signer_iin, signer_bin, signer_name, certificate_serial, certificate_valid_from,
                 certificate_valid_until FROM request_signatures
             WHERE request_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
        )
        .bind(request_id)
        .bind(purpose.as_str())
        .fetch_optional(self.pool)
        .await?;
        Ok(row.map(SignerCertificate::from))
    }

    /// The request's history, oldest first.
    pub async fn events(&self, request_id: i64) -> AppResult<Vec<Event>> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT e.at, a.full_name, e.action, e.from_status, e.to_status, e.resolution, e.step_deadline_at
             FROM request_events e JOIN accounts a ON a.id = e.actor_id
             WHERE e.request_id = $1 ORDER BY e.id",
        )
        .bind(request_id)
        .fetch_all(self.pool)
        .await?;
        rows.into_iter().map(Event::try_from).collect()
    }
}

/// A value a list's query binds, in the order of its placeholders.
#[derive(Clone)]
pub(super) enum Bind {
    Int(i64),
    Text(String),
}

/// A list's two queries, built from its filter: the page, and the count of all that match.
pub(super) struct Listing {
    pub(super) page: String,
    pub(super) count: String,
    pub(super) binds: Vec<Bind>,
}

impl Listing {
    pub(super) fn of(filter: &Filter<'_>, today: Date, limit: i64, offset: i64) -> Listing {
        let mut binds = Vec::new();
        let mut next = |bind: Bind| {
            binds.push(bind);
            format!("${}", binds.len())
        };
        let (page, count) = match filter {
            Filter::History { whose, status, number } => {
                // A draft is its filer's alone until it is filed.
                let mut condition = match *whose {
                    Whose::Person(account) => {
                        let me = next(Bind::Int(account));
                        // A representative's filings only while their power is in force, as
                        // `api::requests::is_own` says.
                        let today = next(Bind::Text(today.to_string()));
                        let in_force = power_in_force(&today);
                        format!(
                            "((r.applicant_id = {me} AND r.status <> 'draft')
                              OR (r.filed_by_id = {me} AND (r.power_id IS NULL OR r.applicant_id = {me}
                                  OR r.status = 'draft' OR {in_force})))"
                        )
                    }
                    Whose::Centre { csc, operator } => {
                        let csc = next(Bind::Text(csc.to_owned()));
                        let me = next(Bind::Int(operator));
                        format!("r.csc = {csc} AND (r.status <> 'draft' OR r.filed_by_id = {me})")
                    }
                };
                if let Some(status) = status {
                    let status = next(Bind::Text(status.as_str().to_owned()));
                    let _ = write!(condition, " AND r.status = {status}");
                }
                if let Some(number) = number {
                    let pattern = format!("%{}%", number.replace(['%', '_'], ""));
                    let pattern = next(Bind::Text(pattern));
                    let _ = write!(condition, " AND r.number LIKE {pattern}");
                }
                let page = format!(
                    "SELECT {COLUMNS} {FROM} WHERE {condition}
                     ORDER BY r.created_at DESC, r.id DESC LIMIT {limit} OFFSET {offset}"
                );
                (page, format!("SELECT COUNT(*) FROM requests r WHERE {condition}"))
            }
            Filter::Queue { provider, waiting, department, assignee } => {
                let mut common =
                    format!("r.provider = {}", next(Bind::Text((*provider).to_owned())));
                if let Some(department) = department {
                    let department = next(Bind::Text((*department).to_owned()));
                    let _ = write!(common, " AND r.department = {department}");
                }
                if let Some(assignee) = assignee {
                    let _ = write!(common, " AND r.assignee_id = {}", next(Bind::Int(*assignee)));
                }
                let pairs: Vec<String> = waiting
                    .iter()
                    .map(|(service, status)| {
                        let service = next(Bind::Text(service.as_str().to_owned()));
                        let status = next(Bind::Text(status.as_str().to_owned()));
                        format!("{common} AND r.service = {service} AND r.status = {status}")
                    })
                    .collect();
                // Counted pair by pair, each a range of its index, not the provider's whole.
                let counts: Vec<String> = pairs
                    .iter()
                    .map(|pair| format!("(SELECT COUNT(*) FROM requests r WHERE {pair})"))
                    .collect();
                let count = if counts.is_empty() {
                    "SELECT 0".to_owned()
                } else {
                    format!("SELECT {}", counts.join(" + "))
                };
                // Each (service, status) pair's most urgent, read in order from its index, then
                // merged: the page never sorts the whole queue, however long it grows.
                let urgent: Vec<String> = pairs
                    .iter()
                    .map(|pair| {
                        format!(
                            "SELECT id, step_deadline_at FROM (SELECT r.id, r.step_deadline_at
                                 FROM requests r WHERE {pair}
                                 ORDER BY r.step_deadline_at ASC, r.id ASC LIMIT {}) AS pair",
                            limit + offset
                        )
                    })
                    .collect();
                let page = if urgent.is_empty() {
                    format!("SELECT {COLUMNS} {FROM} WHERE FALSE")
                } else {
                    format!(
                        "SELECT {COLUMNS} {FROM} WHERE r.id IN (SELECT id FROM ({}) AS urgent
                             ORDER BY step_deadline_at ASC, id ASC LIMIT {limit} OFFSET {offset})
                         ORDER BY r.step_deadline_at ASC, r.id ASC",
                        urgent.join(" UNION ALL ")
                    )
                };
                (page, count)
            }
        };
        Listing { page, count, binds }
    }
}

/// A kept signature's signer, as `request_signatures` holds it.
#[derive(sqlx::FromRow)]
struct SignerRow {
    signer_iin: Option<String>,
    signer_bin: Option<String>,
    signer_name: String,
    certificate_serial: String,
    certificate_valid_from: i64,
    certificate_valid_until: i64,
}

impl From<SignerRow> for SignerCertificate {
    fn from(row: SignerRow) -> SignerCertificate {
        SignerCertificate {
            iin: row.signer_iin,
            bin: row.signer_bin,
            name: row.signer_name,
            organisation: None,
            serial_number: row.certificate_serial,
            valid_from: row.certificate_valid_from,
            valid_until: row.certificate_valid_until,
            role: None,
            algorithm: None,
        }
    }
}

/// One step of a request's history, with the name of who took it.
#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    full_name: String,
    action: String,
    from_status: String,
    to_status: String,
    resolution: String,
    step_deadline_at: Option<i64>,
}

impl TryFrom<EventRow> for Event {
    type Error = AppError;

    fn try_from(row: EventRow) -> AppResult<Event> {
        Ok(Event {
            at: row.at,
            actor: row.full_name,
            action: parse(row.action)?,
            from: parse(row.from_status)?,
            to: parse(row.to_status)?,
            resolution: row.resolution,
            step_deadline: row.step_deadline_at,
        })
    }
}

/// Writes what a move changes besides the status, in the move's transaction.
async fn record_effect(
    conn: &mut AnyConnection,
    request: &StoredRequest,
    effect: Effect<'_>,
    now: i64,
) -> AppResult<()> {
    let update = match effect {
        Effect::None => return Ok(()),
        Effect::Submission {
            key,
            deadline,
            completeness_deadline,
            signature,
            form,
            attachments,
        } => {
            unchanged_since_signed(conn, request.id, form, attachments).await?;
            keep_signature(conn, request.id, SignedFor::Submission, signature, now).await?;
            sqlx::query(
                "UPDATE requests SET submit_key = $1, submitted_at = $2, deadline_at = $3,
                 completeness_deadline_at = $4 WHERE id = $5",
            )
            .bind(key)
            .bind(now)
            .bind(deadline)
            .bind(completeness_deadline)
        }
        Effect::Department(department) => {
            sqlx::query("UPDATE requests SET department = $1 WHERE id = $2").bind(department)
        }
        Effect::Assignee(account_id) => {
            sqlx::query("UPDATE requests SET assignee_id = $1 WHERE id = $2").bind(account_id)
        }
        Effect::Draft { outcome, grounds, appendix_pages } => sqlx::query(
            "UPDATE requests SET result_outcome = $1, result_grounds = $2, result_appendix_pages = $3
             WHERE id = $4",
        )
        .bind(outcome.as_str())
        .bind(grounds)
        .bind(appendix_pages.map(i64::from)),
        Effect::Signature { numbering, signature } => {
            keep_signature(conn, request.id, SignedFor::Result, signature, now).await?;
            let year = i64::from(Date::in_kazakhstan(now).year());
            // The next number of its kind, from a counter row only results of that kind lock.
            let sequence: i64 = sqlx::query_scalar(
                "INSERT INTO result_sequences (provider, service, outcome, year, last)
                 SELECT provider, service, result_outcome, $1, 1 FROM requests WHERE id = $2
                 ON CONFLICT (provider, service, outcome, year)
                 DO UPDATE SET last = result_sequences.last + 1
                 RETURNING last",
            )
            .bind(year)
            .bind(request.id)
            .fetch_one(&mut *conn)
            .await?;
            let number = numbering.number(u32::try_from(sequence).unwrap_or(u32::MAX));
            sqlx::query(
                "UPDATE requests SET result_year = $1, result_sequence = $2, result_number = $3,
                     result_signed_at = $4 WHERE id = $5",
            )
            .bind(year)
            .bind(sequence)
            .bind(number)
            .bind(now)
        }
    };
    update.bind(request.id).execute(&mut *conn).await?;
    Ok(())
}

/// What a kept signature signs: the applicant's filing, or the head's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedFor {
    Submission,
    Result,
}

impl SignedFor {
    fn as_str(self) -> &'static str {
        match self {
            SignedFor::Submission => "submission",
            SignedFor::Result => "result",
        }
    }
}

/// Refuses the filing when the draft's form or documents are no longer those signed: a change
/// committed between the signature's check and this transaction. Edits append to the audit log
/// first, in the request's lane as this transaction did, so none can slip in between this read
/// and the commit.
async fn unchanged_since_signed(
    conn: &mut AnyConnection,
    request_id: i64,
    form: &BTreeMap<String, String>,
    attachments: &[AttachmentView],
) -> AppResult<()> {
    let stored: String = sqlx::query_scalar("SELECT form FROM requests WHERE id = $1")
        .bind(request_id)
        .fetch_one(&mut *conn)
        .await?;
    let stored: Option<BTreeMap<String, String>> = serde_json::from_str(&stored).ok();
    let attached: Vec<(String, String)> = sqlx::query_as(
        "SELECT document, sha256 FROM attachments WHERE request_id = $1 ORDER BY document",
    )
    .bind(request_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut signed: Vec<(String, String)> =
        attachments.iter().map(|a| (a.document.clone(), a.sha256.clone())).collect();
    signed.sort();
    if stored.as_ref() != Some(form) || attached != signed {
        return Err(ApiError::new(ErrorCode::ChangedWhileSigning).into());
    }
    Ok(())
}

async fn keep_signature(
    conn: &mut AnyConnection,
    request_id: i64,
    purpose: SignedFor,
    signature: &StoredSignature,
    now: i64,
) -> AppResult<()> {
    use base64::Engine as _;
    let signer = &signature.signer;
    sqlx::query(
        "INSERT INTO request_signatures (request_id, purpose, cms, signed_sha256, signer_iin, signer_bin,
             signer_name, certificate_serial, certificate_valid_from, certificate_valid_until, signed_at, verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(request_id)
    .bind(purpose.as_str())
    .bind(base64::engine::general_purpose::STANDARD.encode(&signature.cms))
    .bind(&signature.signed_sha256)
    .bind(signer.iin.as_deref())
    .bind(signer.bin.as_deref())
    .bind(&signer.name)
    .bind(&signer.serial_number)
    .bind(signer.valid_from)
    .bind(signer.valid_until)
    .bind(signature.signed_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Moves a request on within `conn`'s transaction, if nobody moved it first (`false` then, and
/// the caller writes nothing).
pub(super) async fn apply_in(
    conn: &mut AnyConnection,
    request: &StoredRequest,
    step: &Move<'_>,
    (key, now): (&AuditKey, i64),
) -> AppResult<bool> {
    let entry = AuditEntry {
        actor: step.actor.id_number.clone(),
        action: "request.transition",
        subject: request.number.clone(),
        details: format!(
            "{{\"from\":\"{}\",\"to\":\"{}\"}}",
            request.status.as_str(),
            step.to.as_str()
        ),
    };
    audit::append(conn, &entry, key, now).await?;
    let moved = sqlx::query(
        "UPDATE requests SET status = $1, step_deadline_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(step.to.as_str())
    .bind(step.step_deadline_at)
    .bind(request.id)
    .bind(request.status.as_str())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if moved == 0 {
        return Ok(false);
    }
    record_effect(conn, request, step.effect, now).await?;
    super::dashboard::count_move(conn, request, step.to, now).await?;
    sqlx::query(
        "INSERT INTO request_events (request_id, at, actor_id, action, from_status, to_status, resolution, step_deadline_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(request.id)
    .bind(now)
    .bind(step.actor.id)
    .bind(step.action.as_str())
    .bind(request.status.as_str())
    .bind(step.to.as_str())
    .bind(step.resolution)
    .bind(step.step_deadline_at)
    .execute(&mut *conn)
    .await?;
    for mail in &step.mails {
        sqlx::query(
            "INSERT INTO mail_outbox (request_id, to_address, subject, body, created_at, attach_result)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(request.id)
        .bind(&mail.to)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(now)
        .bind(i64::from(mail.attach_result))
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// The SQL condition that the request's power of attorney (`r.power_id`) is in force on `today`
/// (a bound date parameter): not revoked, not expired.
pub(super) fn power_in_force(today: &str) -> String {
    format!(
        "r.power_id IN (SELECT p.id FROM powers_of_attorney p
                        WHERE p.revoked_at IS NULL AND p.valid_until >= {today})"
    )
}

/// Deletes a draft with its files within `tx`; `false` (nothing deleted) if it is no longer a
/// draft.
pub(super) async fn delete_draft_in(conn: &mut AnyConnection, request_id: i64) -> AppResult<bool> {
    sqlx::query(
        "DELETE FROM attachments WHERE request_id IN
             (SELECT id FROM requests WHERE id = $1 AND status = $2)",
    )
    .bind(request_id)
    .bind(Status::Draft.as_str())
    .execute(&mut *conn)
    .await?;
    let deleted = sqlx::query("DELETE FROM requests WHERE id = $1 AND status = $2")
        .bind(request_id)
        .bind(Status::Draft.as_str())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(deleted > 0)
}

fn request_number(now: i64, id: i64) -> String {
    let year = Date::in_kazakhstan(now).year();
    format!("{year}-{id:07}")
}

fn form_json(form: &BTreeMap<String, String>) -> String {
    serde_json::to_string(form).unwrap_or_else(|_| "{}".to_owned())
}

/// Statuses, actions and codes are stored as their serde names, the same the API uses.
pub(super) fn parse<T: serde::de::DeserializeOwned>(stored: String) -> AppResult<T> {
    let decode_error = format!("unknown value {stored:?} in requests");
    serde_json::from_value(serde_json::Value::String(stored))
        .map_err(|_| AppError::Database(sqlx::Error::Decode(decode_error.into())))
}

/// A row of `COLUMNS` as the database gives it; `StoredRequest` is made from it.
#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    number: String,
    service: String,
    kind: String,
    provider: String,
    applicant_id: i64,
    id_number: String,
    full_name: String,
    filed_by_id: i64,
    filer_id_number: String,
    filer_name: String,
    power_id: Option<i64>,
    intake: String,
    csc: Option<String>,
    counter: Option<String>,
    status: String,
    form: String,
    submit_key: Option<String>,
    created_at: i64,
    submitted_at: Option<i64>,
    deadline_at: Option<i64>,
    step_deadline_at: Option<i64>,
    completeness_deadline_at: Option<i64>,
    department: Option<String>,
    assignee_id: Option<i64>,
    assignee_name: Option<String>,
    result_outcome: Option<String>,
    result_grounds: Option<String>,
    result_appendix_pages: Option<i64>,
    result_number: Option<String>,
    result_signed_at: Option<i64>,
}

/// JSON kept in a column, or the decode error naming it.
fn json_of<T: serde::de::DeserializeOwned>(stored: &str, column: &str) -> AppResult<T> {
    serde_json::from_str(stored).map_err(|e| {
        AppError::Database(sqlx::Error::Decode(format!("request {column}: {e}").into()))
    })
}

impl TryFrom<RequestRow> for StoredRequest {
    type Error = AppError;

    fn try_from(row: RequestRow) -> AppResult<StoredRequest> {
        let result = match row.result_outcome {
            None => None,
            Some(outcome) => Some(StoredResult {
                outcome: parse(outcome)?,
                grounds: row.result_grounds.unwrap_or_default(),
                appendix_pages: row.result_appendix_pages.and_then(|n| u16::try_from(n).ok()),
                number: row.result_number,
                signed_at: row.result_signed_at,
            }),
        };
        Ok(StoredRequest {
            id: row.id,
            number: row.number,
            service: parse(row.service)?,
            kind: row.kind,
            provider: row.provider,
            applicant_id: row.applicant_id,
            applicant_id_number: row.id_number,
            applicant_name: row.full_name,
            filed_by_id: row.filed_by_id,
            filer_id_number: row.filer_id_number,
            filer_name: row.filer_name,
            power_id: row.power_id,
            intake: parse(row.intake)?,
            csc: row.csc,
            counter: row.counter.as_deref().map(|c| json_of(c, "counter")).transpose()?,
            status: parse(row.status)?,
            form: json_of(&row.form, "form")?,
            submit_key: row.submit_key,
            created_at: row.created_at,
            submitted_at: row.submitted_at,
            deadline_at: row.deadline_at,
            step_deadline_at: row.step_deadline_at,
            completeness_deadline_at: row.completeness_deadline_at,
            department: row.department,
            assignee_id: row.assignee_id,
            assignee_name: row.assignee_name,
            result,
        })
    }
}
