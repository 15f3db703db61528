//! The documents the portal prints: the application (`application`), the result and the CSC
//! receipts (`receipt`). The result is a
//! bilingual PDF with a QR code that leads to `/verify` and carries the digest of the document's
//! content; it is made once, when first asked for, and kept as made, so that a saved file
//! verifies byte for byte later.

mod application;
mod pdf;
mod qr;
mod receipt;
mod registry;

pub use application::Application;
pub use pdf::PdfError;
pub use qr::Qr;
pub use receipt::Receipt;
pub use registry::print_registry;

use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::catalog;
use qyzmet_shared::form::{self, FieldType};
use qyzmet_shared::result::{self, DocumentFacts, Outcome, mask_name};
use qyzmet_shared::signature::SignerCertificate;
use qyzmet_shared::{Lang, Text};
use serde::Serialize;

use crate::digest::sha256_hex;
use crate::store::{IssuedDocument, StoredRequest};

/// What a signed result says: everything the PDF shows, and what its content digest covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultDocument {
    pub request: String,
    pub number: String,
    pub signed_at: i64,
    pub issuer: Text,
    pub service: Text,
    pub title: Text,
    pub outcome: Outcome,
    pub holder: String,
    pub holder_id_number: String,
    /// The request's data, each under its field's label: what the certificate certifies.
    pub particulars: Vec<(Text, String)>,
    /// The grounds of a refusal.
    pub grounds: String,
    /// The pages of a certificate's appendix (001), in the digest where the form prints them:
    /// absent, the digest of every document issued before stays as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appendix_pages: Option<u16>,
    pub valid_until: Option<Date>,
    /// The head who signed, and their certificate's serial number.
    pub signed_by: Option<(String, String)>,
    /// What the regulation's form of the certificate states (001), and the day the request was
    /// filed («Жіберілген күні»): made from the request, so outside the content digest, which
    /// keeps verifying documents issued before they were printed.
    #[serde(skip)]
    pub statement: Option<Text>,
    /// The line the regulation's form prints under the title (001: the region), and the signer's
    /// position it prints under the document: from the request and the declaration, likewise
    /// outside the digest.
    #[serde(skip)]
    pub heading: Option<Text>,
    #[serde(skip)]
    pub signer_title: Option<Text>,
    #[serde(skip)]
    pub filed_on: Option<Date>,
}

impl ResultDocument {
    /// The document of a request whose result the head signed (with `signer`'s certificate);
    /// `None` before.
    pub fn of(
        request: &StoredRequest,
        signer: Option<&SignerCertificate>,
    ) -> Option<ResultDocument> {
        let drafted = request.result.as_ref()?;
        let (number, signed_at) = (drafted.number.clone()?, drafted.signed_at?);
        let template = result::template(request.service, &request.kind, drafted.outcome);
        let catalog = catalog();
        let issuer = catalog.body(&request.provider)?.name.clone();
        let service = catalog.service(request.service)?.title.clone();
        let kind = form::kind(request.service, &request.kind)?;
        let particulars = match drafted.outcome {
            Outcome::Refusal | Outcome::Incomplete => Vec::new(),
            Outcome::Certificate => kind
                .fields
                .iter()
                .filter_map(|field| {
                    let value = request.form.get(field.id)?;
                    Some((field.label.clone(), shown_value(&field.kind, value)))
                })
                .collect(),
        };
        let (heading, statement) = match drafted.outcome {
            Outcome::Certificate => (
                template.heading_for(kind, &request.form),
                template.statement_for(kind, &request.form),
            ),
            Outcome::Refusal | Outcome::Incomplete => (None, None),
        };
        Some(ResultDocument {
            request: request.number.clone(),
            number,
            signed_at,
            issuer,
            service,
            title: template.title,
            outcome: drafted.outcome,
            holder: request.applicant_name.clone(),
            holder_id_number: request.applicant_id_number.clone(),
            particulars,
            grounds: drafted.grounds.clone(),
            appendix_pages: drafted.appendix_pages,
            valid_until: template.validity.until(signed_at),
            signed_by: signer.map(|s| (s.name.clone(), s.serial_number.clone())),
            statement,
            heading,
            signer_title: request.service.def().signer.clone(),
            filed_on: request.submitted_at.map(Date::in_kazakhstan),
        })
    }

    /// SHA-256 (hex) of the content as canonical JSON: what the QR code carries, so that a
    /// scanned paper is checked against what the portal issued.
    pub fn content_sha256(&self) -> String {
        sha256_hex(serde_json::to_vec(self).unwrap_or_default())
    }

    /// The address the QR code leads to.
    pub fn verification_url(&self, origin: &str) -> String {
        let origin = origin.trim_end_matches('/');
        format!("{origin}/verify?request={}&hash={}", self.request, self.content_sha256())
    }

    /// What `/verify` tells anyone.
    pub fn facts(&self) -> DocumentFacts {
        DocumentFacts {
            request: self.request.clone(),
            number: self.number.clone(),
            signed_at: self.signed_at,
            issuer: self.issuer.clone(),
            service: self.service.clone(),
            title: self.title.clone(),
            outcome: self.outcome,
            holder: mask_name(&self.holder),
        }
    }

    /// Makes the PDF, to be kept as issued.
    pub fn issue(&self, request_id: i64, origin: &str) -> Result<IssuedDocument, PdfError> {
        let pdf = pdf::render(self, &self.verification_url(origin))?;
        Ok(IssuedDocument {
            request_id,
            pdf_sha256: pdf_sha256(&pdf),
            pdf,
            content_sha256: self.content_sha256(),
        })
    }
}

/// A value as a person reads it: a choice by its label (in both languages), a date dotted.
fn shown_value(kind: &FieldType, value: &str) -> String {
    match kind {
        FieldType::Choice(choices) => choices.iter().find(|c| c.value == value).map_or_else(
            || value.to_owned(),
            |c| format!("{} / {}", c.label.get(Lang::Kk), c.label.get(Lang::Ru)),
        ),
        FieldType::Date => Date::parse(value).map_or_else(|| value.to_owned(), Date::dotted),
        _ => value.to_owned(),
    }
}

/// SHA-256 of a PDF file (hex), to find it among those issued.
pub fn pdf_sha256(pdf: &[u8]) -> String {
    sha256_hex(pdf)
}
