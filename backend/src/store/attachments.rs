//! The `attachments` table: scanned documents of a draft, one per document of its kind's list.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_shared::attachment::{AttachmentView, FileKind};
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use super::requests::{StoredRequest, parse};
use crate::digest::sha256_hex;
use crate::error::{AppError, AppResult};

/// A file to attach, checked.
#[derive(Debug, Clone, Copy)]
pub struct NewAttachment<'a> {
    pub document: &'a str,
    pub name: &'a str,
    pub kind: FileKind,
    pub content: &'a [u8],
}

pub struct Attachments<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> Attachments<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Attachments { pool, key, clock }
    }

    /// Attaches a file for a document of a draft, in place of the one attached before; `false`
    /// when the request is no longer a draft (nothing written).
    pub async fn attach(
        &self,
        request: &StoredRequest,
        file: &NewAttachment<'_>,
        actor: &str,
    ) -> AppResult<bool> {
        let mut tx = super::begin_write(self.pool).await?;
        let now = self.clock.now();
        let sha256 = sha256_hex(file.content);
        let entry = AuditEntry {
            actor: actor.to_owned(),
            action: "request.attach",
            subject: request.number.clone(),
            details: format!("{{\"document\":\"{}\",\"sha256\":\"{sha256}\"}}", file.document),
        };
        // The audit entry first: it serialises this change with a filing of the same draft, so
        // the draft check below sees that filing if it came first.
        audit::append(&mut tx, &entry, self.key, now).await?;
        let draft: Option<i64> =
            sqlx::query_scalar("SELECT id FROM requests WHERE id = $1 AND status = 'draft'")
                .bind(request.id)
                .fetch_optional(&mut *tx)
                .await?;
        if draft.is_none() {
            return Ok(false);
        }
        sqlx::query("DELETE FROM attachments WHERE request_id = $1 AND document = $2")
            .bind(request.id)
            .bind(file.document)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO attachments (request_id, document, name, kind, size, sha256, content, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(request.id)
        .bind(file.document)
        .bind(file.name)
        .bind(file.kind.as_str())
        .bind(i64::try_from(file.content.len()).unwrap_or(i64::MAX))
        .bind(&sha256)
        .bind(STANDARD.encode(file.content))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Removes the file of a document of a draft; `false` when there is none or it is no longer a
    /// draft.
    pub async fn remove(
        &self,
        request: &StoredRequest,
        document: &str,
        actor: &str,
    ) -> AppResult<bool> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: actor.to_owned(),
            action: "request.detach",
            subject: request.number.clone(),
            details: format!("{{\"document\":\"{document}\"}}"),
        };
        // First, as in `attach`: a filing of the same draft is either seen or waits.
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        let removed = sqlx::query(
            "DELETE FROM attachments WHERE document = $1 AND request_id = $2
               AND request_id IN (SELECT id FROM requests WHERE status = 'draft')",
        )
        .bind(document)
        .bind(request.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if removed == 0 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    /// A request's attachments, by document.
    pub async fn of_request(&self, request_id: i64) -> AppResult<Vec<AttachmentView>> {
        let rows = sqlx::query_as::<_, AttachmentRow>(
            "SELECT id, document, name, kind, size, sha256 FROM attachments
             WHERE request_id = $1 ORDER BY document",
        )
        .bind(request_id)
        .fetch_all(self.pool)
        .await?;
        rows.into_iter().map(AttachmentView::try_from).collect()
    }

    /// The file attached for a document of a request, with its content.
    pub async fn content(
        &self,
        request_id: i64,
        document: &str,
    ) -> AppResult<Option<(AttachmentView, Vec<u8>)>> {
        let row = sqlx::query_as::<_, AttachmentRow>(
            "SELECT id, document, name, kind, size, sha256, content FROM attachments
             WHERE document = $1 AND request_id = $2",
        )
        .bind(document)
        .bind(request_id)
        .fetch_optional(self.pool)
        .await?;
        row.map(|mut row| {
            let content = row.content.take().unwrap_or_default();
            let bytes = STANDARD.decode(content).map_err(|e| {
                AppError::Database(sqlx::Error::Decode(format!("attachment: {e}").into()))
            })?;
            Ok((AttachmentView::try_from(row)?, bytes))
        })
        .transpose()
    }
}

/// An attachment as its table keeps it; the content only where it is asked for.
#[derive(sqlx::FromRow)]
struct AttachmentRow {
    id: i64,
    document: String,
    name: String,
    kind: String,
    size: i64,
    sha256: String,
    #[sqlx(default)]
    content: Option<String>,
}

impl TryFrom<AttachmentRow> for AttachmentView {
    type Error = AppError;

    fn try_from(row: AttachmentRow) -> AppResult<AttachmentView> {
        Ok(AttachmentView {
            id: row.id,
            document: row.document,
            name: row.name,
            kind: parse(row.kind)?,
            size: row.size,
            sha256: row.sha256,
        })
    }
}
