//! Scanned documents attached to a request: PDF, JPEG or PNG, told by their content (not by their
//! name), up to a size; the same rule in the browser, before uploading, and on the server.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::form::{FieldError, Kind};
use crate::lang::Text;

/// The largest file accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// What a file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
}

impl FileKind {
    /// The kind of a file by its content; `None` for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileKind::Png)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
        }
    }

    /// The media type it is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
        }
    }
}

/// Why a file is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    TooLarge,
    Unsupported,
}

/// The kind of a file that may be attached, or why it may not.
pub fn check(bytes: &[u8]) -> Result<FileKind, FileProblem> {
    if bytes.is_empty() {
        Err(FileProblem::Empty)
    } else if bytes.len() > MAX_BYTES {
        Err(FileProblem::TooLarge)
    } else {
        FileKind::sniff(bytes).ok_or(FileProblem::Unsupported)
    }
}

/// An attached file, as a request shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentView {
    pub id: i64,
    /// The document of the kind's list it stands for.
    pub document: String,
    /// The file's name as the person chose it.
    pub name: String,
    pub kind: FileKind,
    pub size: i64,
    /// SHA-256 of the content, hex: what the filing's signature covers.
    pub sha256: String,
}

/// The documents of `kind` the applicant (by IIN/BIN) must attach and has not: each a mistake on
/// the document's id, naming it. A package with any is incomplete and is not filed.
pub fn missing(kind: &Kind, applicant: &str, attached: &[AttachmentView]) -> Vec<FieldError> {
    kind.documents
        .iter()
        .filter(|d| d.need.applies_to(applicant) && !attached.iter().any(|a| a.document == d.id))
        .map(|d| FieldError {
            field: d.id.to_owned(),
            message: Text {
                kk: Cow::Owned(format!(
                    "Құжаттың сканерленген көшірмесін тіркеңіз: {}.",
                    d.label.kk
                )),
                ru: Cow::Owned(format!("Приложите скан документа: {}.", d.label.ru)),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_misses_the_documents_its_applicant_must_attach() {
        use crate::catalog::ServiceCode;
        use crate::form::kind;
        let media = kind(ServiceCode::ForeignMedia, "registration").unwrap();
        let person = "850315400124";
        let missing_ids = |applicant, attached: &[AttachmentView]| {
            missing(media, applicant, attached).into_iter().map(|m| m.field).collect::<Vec<_>>()
        };
        assert_eq!(missing_ids(person, &[]), ["business_right"]);
        assert!(missing_ids("150440002179", &[]).is_empty(), "a company needs no business right");
        let scan = AttachmentView {
            id: 1,
            document: "business_right".to_owned(),
            name: "scan.pdf".to_owned(),
            kind: FileKind::Pdf,
            size: 10,
            sha256: "aa".to_owned(),
        };
        assert!(missing_ids(person, &[scan]).is_empty());
        let work = kind(ServiceCode::ArchivalCertificate, "work-experience").unwrap();
        let named = missing(work, person, &[]);
        assert_eq!(named.len(), 1, "the work book only if the person has one");
        assert!(named[0].message.ru.contains("Документ, удостоверяющий личность"), "{named:?}");
    }

    #[test]
    fn files_are_told_by_their_content_not_their_name() {
        assert_eq!(check(b"%PDF-1.7 ..."), Ok(FileKind::Pdf));
        assert_eq!(check(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Ok(FileKind::Jpeg));
        assert_eq!(check(b"\x89PNG\r\n\x1a\n...."), Ok(FileKind::Png));
        assert_eq!(check(b"MZ\x90\x00 not a document"), Err(FileProblem::Unsupported));
        assert_eq!(check(b""), Err(FileProblem::Empty));
        let mut large = b"%PDF-".to_vec();
        large.resize(MAX_BYTES + 1, b' ');
        assert_eq!(check(&large), Err(FileProblem::TooLarge));
    }
}
