//! The `result_documents` table: each signed result's PDF as issued.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use crate::error::{AppError, AppResult};

/// A result's PDF as issued, with its digests (SHA-256, hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedDocument {
    pub request_id: i64,
    pub pdf: Vec<u8>,
    pub pdf_sha256: String,
    pub content_sha256: String,
}

pub struct Documents<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> Documents<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Documents { pool, key, clock }
    }

    /// The document issued for a request, if one was.
    pub async fn of_request(&self, request_id: i64) -> AppResult<Option<IssuedDocument>> {
        let row = sqlx::query_as::<_, DocumentRow>(
            "SELECT request_id, pdf, pdf_sha256, content_sha256 FROM result_documents
             WHERE request_id = $1",
        )
        .bind(request_id)
        .fetch_optional(self.pool)
        .await?;
        row.map(IssuedDocument::try_from).transpose()
    }

    /// The request whose issued PDF has this digest: a file someone uploads is found only if
    /// unchanged.
    pub async fn request_of_pdf(&self, pdf_sha256: &str) -> AppResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT r.number FROM result_documents d JOIN requests r ON r.id = d.request_id
             WHERE d.pdf_sha256 = $1",
        )
        .bind(pdf_sha256)
        .fetch_optional(self.pool)
        .await?)
    }

    /// Keeps a newly made document, unless one was issued for the request meanwhile (two first
    /// downloads at once): the first stays, and is returned.
    pub async fn issue(
        &self,
        document: &IssuedDocument,
        number: &str,
    ) -> AppResult<IssuedDocument> {
        let mut tx = super::begin_write(self.pool).await?;
        let now = self.clock.now();
        let inserted = sqlx::query(
            "INSERT INTO result_documents (request_id, pdf, pdf_sha256, content_sha256, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING",
        )
        .bind(document.request_id)
        .bind(STANDARD.encode(&document.pdf))
        .bind(&document.pdf_sha256)
        .bind(&document.content_sha256)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            let entry = AuditEntry {
                actor: "system".to_owned(),
                action: "result.issue_document",
                subject: number.to_owned(),
                details: format!("{{\"pdf_sha256\":\"{}\"}}", document.pdf_sha256),
            };
            audit::append(&mut tx, &entry, self.key, now).await?;
        }
        tx.commit().await?;
        self.of_request(document.request_id)
            .await?
            .ok_or_else(|| AppError::Database(sqlx::Error::RowNotFound))
    }
}

/// An issued document as its table keeps it (the PDF in base64).
#[derive(sqlx::FromRow)]
struct DocumentRow {
    request_id: i64,
    pdf: String,
    pdf_sha256: String,
    content_sha256: String,
}

impl TryFrom<DocumentRow> for IssuedDocument {
    type Error = AppError;

    fn try_from(row: DocumentRow) -> AppResult<IssuedDocument> {
        let pdf = STANDARD.decode(row.pdf).map_err(|e| {
            AppError::Database(sqlx::Error::Decode(format!("result document: {e}").into()))
        })?;
        Ok(IssuedDocument {
            request_id: row.request_id,
            pdf,
            pdf_sha256: row.pdf_sha256,
            content_sha256: row.content_sha256,
        })
    }
}
