//! A request for a service, as the API carries it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::attachment::AttachmentView;
use crate::calendar::Date;
use crate::catalog::ServiceCode;
use crate::lang::Text;
use crate::result::Outcome;
use crate::workflow::{Action, Status};

/// `POST /api/v1/requests`: a new draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRequest {
    pub service: ServiceCode,
    pub kind: String,
    /// The state body (by its catalog id) that provides the service to this applicant.
    pub provider: String,
    /// Field id → typed value; a draft may be incomplete.
    #[serde(default)]
    pub form: BTreeMap<String, String>,
    /// The IIN/BIN of the person or company the caller files for under their power of attorney;
    /// absent when filing for oneself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// At a desk (a centre's counter, the provider's chancellery): what the employee records
    /// besides the form. Required of an operator and of a chancellery taking a walk-in in (who
    /// name the applicant in `on_behalf_of`), refused from anyone else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter: Option<crate::csc::Counter>,
}

/// `POST /api/v1/requests/{number}/submit`: the applicant's signature of the filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Submission {
    /// CMS SignedData (base64 of its DER) over `Filing::signed_bytes`, detached or carrying them.
    pub cms: String,
}

/// What an applicant (or their representative) signs to file a request: its number, service,
/// kind, provider, the applicant's IIN/BIN, the representative's IIN, the form and the attached
/// files' digests. Browser and server derive the same bytes from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filing<'a> {
    pub number: &'a str,
    pub service: ServiceCode,
    pub kind: &'a str,
    pub provider: &'a str,
    pub applicant: &'a str,
    /// The representative filing under a power of attorney, who signs instead of the applicant.
    pub representative: Option<&'a str>,
    /// The employee filing at a desk (a centre's operator, the provider's chancellery), who
    /// signs instead of the applicant.
    pub operator: Option<&'a str>,
    pub form: &'a BTreeMap<String, String>,
    /// The attached files: the signature covers their digests.
    pub attachments: &'a [AttachmentView],
}

impl<'a> From<&'a RequestView> for Filing<'a> {
    fn from(request: &'a RequestView) -> Filing<'a> {
        Filing {
            number: &request.number,
            service: request.service,
            kind: &request.kind,
            provider: &request.provider,
            applicant: &request.applicant_id_number,
            representative: request.representative.as_ref().map(|r| r.iin.as_str()),
            operator: request.counter.as_ref().map(|c| c.operator_iin.as_str()),
            form: &request.form,
            attachments: &request.attachments,
        }
    }
}

impl Filing<'_> {
    /// Compact JSON, keys in a fixed order and the form's fields sorted: the canonical bytes the
    /// signature covers.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let mut out = String::from("{");
        fields(
            &mut out,
            &[
                ("number", self.number),
                ("service", self.service.as_str()),
                ("kind", self.kind),
                ("provider", self.provider),
                ("applicant", self.applicant),
            ],
        );
        for (role, signer) in [("representative", self.representative), ("operator", self.operator)]
        {
            if let Some(signer) = signer {
                out.push(',');
                fields(&mut out, &[(role, signer)]);
            }
        }
        out.push_str(",\"form\":{");
        let form: Vec<(&str, &str)> =
            self.form.iter().map(|(field, value)| (field.as_str(), value.as_str())).collect();
        fields(&mut out, &form);
        out.push_str("},\"attachments\":[");
        let mut files: Vec<(&str, &str)> =
            self.attachments.iter().map(|a| (a.document.as_str(), a.sha256.as_str())).collect();
        files.sort_unstable();
        let files: Vec<String> = files
            .into_iter()
            .map(|file| {
                let mut object = String::from("{");
                fields(&mut object, &[("document", file.0), ("sha256", file.1)]);
                object.push('}');
                object
            })
            .collect();
        out.push_str(&files.join(","));
        out.push_str("]}");
        out.into_bytes()
    }
}

/// What the head signs to sign a result: the request and the drafted answer (the document's
/// number is given after). It opens with `"signs":"result"`, so no filing's signature can pass
/// for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval<'a> {
    pub number: &'a str,
    pub service: ServiceCode,
    pub kind: &'a str,
    pub provider: &'a str,
    pub applicant: &'a str,
    pub outcome: Outcome,
    pub grounds: &'a str,
    /// The appendix's pages, where the result's form prints them (001).
    pub appendix_pages: Option<u16>,
}

impl<'a> Approval<'a> {
    /// The approval of a request's drafted result; none before the specialist drafts it.
    pub fn of(request: &'a RequestView) -> Option<Approval<'a>> {
        let result = request.result.as_ref()?;
        Some(Approval {
            number: &request.number,
            service: request.service,
            kind: &request.kind,
            provider: &request.provider,
            applicant: &request.applicant_id_number,
            outcome: result.outcome,
            grounds: &result.grounds,
            appendix_pages: result.appendix_pages,
        })
    }

    /// Compact JSON, keys in a fixed order: the canonical bytes the head's signature covers. The
    /// appendix's pages come last and only where the form prints them, so results signed before
    /// the count was kept still verify.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let mut out = String::from("{");
        let pages = self.appendix_pages.map(|pages| pages.to_string());
        let mut pairs = vec![
            ("signs", "result"),
            ("number", self.number),
            ("service", self.service.as_str()),
            ("kind", self.kind),
            ("provider", self.provider),
            ("applicant", self.applicant),
            ("outcome", self.outcome.as_str()),
            ("grounds", self.grounds),
        ];
        if let Some(pages) = &pages {
            pairs.push(("appendix_pages", pages));
        }
        fields(&mut out, &pairs);
        out.push('}');
        out.into_bytes()
    }
}

/// `"name":"value"` pairs, comma-separated, in the order given.
pub(crate) fn fields(out: &mut String, pairs: &[(&str, &str)]) {
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}:{}", json_string(name), json_string(value));
    }
}

/// A JSON string literal.
pub(crate) fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `PUT /api/v1/requests/{number}/form`: the draft's form as typed so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormUpdate {
    pub form: BTreeMap<String, String>,
}

/// `POST /api/v1/requests/{number}/actions`: a step of the workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepAction {
    pub action: Action,
    /// The resolution or comment that goes into the request's history.
    #[serde(default)]
    pub resolution: String,
    /// The head's choice of department (`assign_department`), by its id in `office`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The department head's choice of specialist (`assign_specialist`), by IIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specialist: Option<String>,
    /// The specialist's draft (`draft_result`): a certificate, or a refusal whose grounds are the
    /// resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The specialist's count of the certificate's appendix pages (`draft_result`), where its form
    /// prints «Қосымша: __ бет» (001).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appendix_pages: Option<u16>,
    /// The head's signature (`sign`): a CMS (base64) over `Approval::signed_bytes`, by the head's
    /// own signing key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cms: Option<String>,
}

impl StepAction {
    /// A step that needs nothing but an optional resolution.
    pub fn new(action: Action, resolution: impl Into<String>) -> StepAction {
        StepAction {
            action,
            resolution: resolution.into(),
            department: None,
            specialist: None,
            outcome: None,
            appendix_pages: None,
            cms: None,
        }
    }
}

/// The result the provider drafted, and once signed its number and dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultView {
    pub outcome: Outcome,
    /// The document's title, from the service's template.
    pub title: Text,
    /// The grounds of a refusal; empty for a certificate.
    pub grounds: String,
    /// The pages of the certificate's appendix, where its form prints them (001).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appendix_pages: Option<u16>,
    /// Given when the head signs: «N 0001-АЖ».
    pub number: Option<String>,
    pub signed_at: Option<i64>,
    /// The last day a certificate holds, when its template limits it.
    pub valid_until: Option<Date>,
    /// The head who signed it, as their signature was verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<crate::signature::SignerCertificate>,
}

/// One entry of the request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    pub at: i64,
    pub actor: String,
    pub action: Action,
    pub from: Status,
    pub to: Status,
    pub resolution: String,
    /// When the next step must be done, if one follows.
    pub step_deadline: Option<i64>,
}

/// A request as its applicant, their representative or the provider's staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestView {
    pub number: String,
    pub service: ServiceCode,
    pub kind: String,
    pub provider: String,
    pub applicant_id_number: String,
    pub applicant_name: String,
    /// Who filed it under a power of attorney, when the applicant did not file it themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<crate::power::Representative>,
    /// How it was taken in: online, at a centre's counter, or at the provider's chancellery.
    pub intake: crate::calendar::Intake,
    /// Taken in at a desk (a centre's counter, the provider's chancellery): where, by whom, and
    /// what they recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter: Option<crate::csc::CounterView>,
    pub status: Status,
    pub form: BTreeMap<String, String>,
    pub created_at: i64,
    pub submitted_at: Option<i64>,
    /// The end of the term (UTC), once submitted.
    pub deadline: Option<i64>,
    /// When the current step must be done.
    pub step_deadline: Option<i64>,
    /// The end of the 2 working days in which the provider may refuse an incomplete package.
    pub completeness_deadline: Option<i64>,
    /// Who signed the filing, as verified when it was accepted.
    pub signed_by: Option<crate::signature::SignerCertificate>,
    /// The department the head chose (its id in `office`).
    pub department: Option<String>,
    /// The specialist (executor) the department head chose, by name.
    pub assignee: Option<String>,
    pub result: Option<ResultView>,
    /// The scanned documents attached.
    #[serde(default)]
    pub attachments: Vec<AttachmentView>,
    /// The applicant's answers to the survey after the service, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<crate::survey::SurveyAnswers>,
    pub events: Vec<Event>,
}

/// One line of a list: the applicant's history or a staff queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestSummary {
    pub number: String,
    pub service: ServiceCode,
    pub kind: String,
    pub status: Status,
    pub applicant_name: String,
    pub created_at: i64,
    pub deadline: Option<i64>,
    pub step_deadline: Option<i64>,
    /// The current step or the whole term is past its deadline.
    pub overdue: bool,
}

/// A page of a list, with how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    /// Counted from 1.
    pub page: i64,
    pub per_page: i64,
}

/// `GET /api/v1/requests/earlier?service=…&kind=…`: the caller's own requests of a service and
/// kind that make a new one look like a duplicate — so the form can say so before filing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Earlier {
    /// The numbers of those filed and still in work, newest first.
    pub in_work: Vec<String>,
    /// Those issued whose certificate still holds, where its template limits how long (a
    /// foreign-media certificate holds to 31 December), newest first.
    pub still_valid: Vec<StillValid>,
}

impl Earlier {
    pub fn is_empty(&self) -> bool {
        self.in_work.is_empty() && self.still_valid.is_empty()
    }
}

/// An issued certificate that still holds, and its last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StillValid {
    pub number: String,
    pub valid_until: Date,
}

/// `GET /api/v1/status?number=…&iin=…`: what anyone with the number and the IIN may learn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicStatus {
    pub number: String,
    pub service: ServiceCode,
    pub status: Status,
    pub deadline: Option<i64>,
}

/// Whether the provider is late at `now` (Unix seconds): its people still hold the request and
/// its term or their step's limit has passed. A signed result waiting for the applicant is not.
pub fn is_overdue(
    status: Status,
    deadline: Option<i64>,
    step_deadline: Option<i64>,
    now: i64,
) -> bool {
    status.is_with_provider() && [deadline, step_deadline].into_iter().flatten().any(|d| d < now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signed_bytes_are_json_with_every_field_and_stable() {
        let form: BTreeMap<String, String> = [
            ("title".to_owned(), "«Дала» \"жаңалықтары\"\n\\ ҚӘҒҢӨҰҮҺІ".to_owned()),
            ("phone".to_owned(), "+7 701 234 56 78\u{1}".to_owned()),
        ]
        .into();
        let filing = Filing {
            number: "2026-0000001",
            service: ServiceCode::PeriodicalsRegistration,
            kind: "registration",
            provider: "information-committee",
            applicant: "150440002179",
            representative: None,
            operator: None,
            form: &form,
            attachments: &[],
        };
        let bytes = filing.signed_bytes();
        let parsed: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(parsed["service"], "periodicals-registration");
        assert_eq!(parsed["applicant"], "150440002179");
        assert_eq!(parsed["form"]["title"], form["title"].as_str());
        assert_eq!(parsed["form"]["phone"], form["phone"].as_str());
        // Fixed order, no spaces: the same bytes every time, in the browser and on the server.
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("{\"number\":\"2026-0000001\",\"service\":"), "{text}");
        assert!(text.find("\"phone\"").unwrap() < text.find("\"title\"").unwrap());
        assert!(text.ends_with(",\"attachments\":[]}"), "{text}");
        // The attached files' digests are signed too, in a fixed order.
        let scan = |document: &str, sha256: &str| AttachmentView {
            id: 1,
            document: document.to_owned(),
            name: "scan.pdf".to_owned(),
            kind: crate::attachment::FileKind::Pdf,
            size: 10,
            sha256: sha256.to_owned(),
        };
        let files = [scan("statute", "bb"), scan("application", "aa")];
        let with_files = Filing { attachments: &files, ..filing };
        let parsed: serde_json::Value = serde_json::from_slice(&with_files.signed_bytes()).unwrap();
        assert_eq!(parsed["attachments"][0]["document"], "application");
        assert_eq!(parsed["attachments"][1]["sha256"], "bb");
        // A representative's filing names them, so the applicant's own filing differs from it.
        let by_agent = Filing { representative: Some("920711300344"), ..filing };
        let text = String::from_utf8(by_agent.signed_bytes()).unwrap();
        assert!(
            text.contains(
                "\"applicant\":\"150440002179\",\"representative\":\"920711300344\",\"form\""
            ),
            "{text}"
        );
        // So does an operator's at a CSC counter.
        let at_counter = Filing { operator: Some("781122300562"), ..filing };
        let text = String::from_utf8(at_counter.signed_bytes()).unwrap();
        assert!(
            text.contains("\"applicant\":\"150440002179\",\"operator\":\"781122300562\",\"form\""),
            "{text}"
        );
    }

    #[test]
    fn a_result_approval_is_its_own_kind_of_signed_bytes() {
        let approval = Approval {
            number: "2026-0000001",
            service: ServiceCode::ArchivalCertificate,
            kind: "salary",
            provider: "astana",
            applicant: "850315400124",
            outcome: Outcome::Refusal,
            grounds: "Құжаттар \"сақталмаған\"",
            appendix_pages: None,
        };
        let bytes = approval.signed_bytes();
        let parsed: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(parsed["outcome"], "refusal");
        assert_eq!(parsed["grounds"], approval.grounds);
        // Never mistaken for a filing of the same request.
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("{\"signs\":\"result\",\"number\":\"2026-0000001\""), "{text}");
        // No appendix, no key: the bytes of results signed before the count was kept.
        assert!(text.ends_with("\"grounds\":\"Құжаттар \\\"сақталмаған\\\"\"}"), "{text}");
    }

    #[test]
    fn a_certificate_approval_covers_its_appendix_pages_001_appendix_5() {
        let approval = Approval {
            number: "2026-0000002",
            service: ServiceCode::ForeignMedia,
            kind: "registration",
            provider: "astana",
            applicant: "850315400124",
            outcome: Outcome::Certificate,
            grounds: "",
            appendix_pages: Some(3),
        };
        let text = String::from_utf8(approval.signed_bytes()).unwrap();
        assert!(text.ends_with(",\"grounds\":\"\",\"appendix_pages\":\"3\"}"), "{text}");
        let other = Approval { appendix_pages: Some(4), ..approval };
        assert_ne!(approval.signed_bytes(), other.signed_bytes());
    }
}
