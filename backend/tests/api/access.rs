//! The access matrix (issue 17): every operation of the OpenAPI document has a row saying who may
//! reach it, and is tried by everyone who should not reach a citizen's request or a role's desk —
//! anonymous, another citizen, another provider's chancellery, a centre's operator, the
//! administrator — with a well-formed body, so the answer is the access check's, not the body's.
//! A route added without a row fails the OpenAPI test, which compares the document with it.

use std::collections::BTreeSet;

use qyzmet_shared::{ApiError, ErrorCode, Role};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::Db;
use crate::office::archival;
use crate::requests::{CITIZEN, draft, ok, seeded, stranger, submission, submit};

/// Who may reach an operation.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in, about themselves.
    SignedIn,
    /// Only the request's parties (its applicant and representative, its provider's staff, the
    /// centre it came by): to anyone else it does not exist (404).
    Party,
    /// Only these roles' desks: anyone else is forbidden (403).
    Desk(&'static [Role]),
}

const STAFF: &[Role] = &[Role::Chancellery, Role::Head, Role::DepartmentHead, Role::Specialist];
const APPLICANTS: &[Role] = &[Role::Applicant];
const ADMINISTRATOR: &[Role] = &[Role::Administrator];
const REGISTRY_DESKS: &[Role] = &[Role::Chancellery, Role::CscOperator];
/// Who files: applicants for themselves, a centre's operator for a walk-in (a chancellery too,
/// for its own provider's services only: another provider's service is forbidden to it).
const FILERS: &[Role] = &[Role::Applicant, Role::CscOperator];

/// Every operation with who may reach it.
const MATRIX: [(&str, Access); 53] = [
    ("get /health", Access::Public),
    ("get /catalog", Access::Public),
    ("get /services/{code}/deadline", Access::Public),
    ("get /services/{code}/steps", Access::Public),
    ("put /services/{code}/steps/{status}", Access::Desk(ADMINISTRATOR)),
    ("delete /services/{code}/steps/{status}", Access::Desk(ADMINISTRATOR)),
    ("get /calendar/{year}", Access::Public),
    ("put /calendar/days/{date}", Access::Desk(ADMINISTRATOR)),
    ("delete /calendar/days/{date}", Access::Desk(ADMINISTRATOR)),
    ("get /session", Access::SignedIn),
    ("post /session", Access::Public),
    ("delete /session", Access::Public),
    ("post /session/challenge", Access::Public),
    ("post /session/signature", Access::Public),
    ("put /session/preferences", Access::SignedIn),
    ("put /session/password", Access::SignedIn),
    ("get /notifications", Access::SignedIn),
    ("post /notifications/seen", Access::SignedIn),
    ("get /requests", Access::SignedIn),
    ("post /requests", Access::Desk(FILERS)),
    ("get /requests/{number}", Access::Party),
    ("delete /requests/{number}", Access::Party),
    ("put /requests/{number}/form", Access::Party),
    ("post /requests/{number}/submit", Access::Party),
    ("post /requests/{number}/survey", Access::Party),
    ("put /requests/{number}/attachments/{document}", Access::Party),
    ("get /requests/{number}/attachments/{document}", Access::Party),
    ("delete /requests/{number}/attachments/{document}", Access::Party),
    ("post /requests/{number}/actions", Access::Party),
    ("get /queue", Access::Desk(STAFF)),
    ("get /status", Access::Public),
    ("get /registry/me", Access::SignedIn),
    ("get /powers", Access::Desk(APPLICANTS)),
    ("post /powers", Access::Desk(APPLICANTS)),
    ("delete /powers/{id}", Access::Desk(APPLICANTS)),
    ("get /office/specialists", Access::Desk(&[Role::DepartmentHead])),
    ("get /office/dashboard", Access::Desk(STAFF)),
    ("post /signatures/verify", Access::Public),
    ("get /requests/{number}/result.pdf", Access::Party),
    ("get /requests/{number}/application.pdf", Access::Party),
    ("get /requests/{number}/receipt.pdf", Access::Party),
    ("post /requests/{number}/refusal", Access::Party),
    ("get /csc/refusals/{number}/receipt.pdf", Access::Party),
    ("post /requests/{number}/handover", Access::Party),
    ("get /registries", Access::Desk(REGISTRY_DESKS)),
    ("post /registries", Access::Desk(REGISTRY_DESKS)),
    ("get /registries/{number}", Access::Desk(REGISTRY_DESKS)),
    ("get /registries/{number}/pdf", Access::Desk(REGISTRY_DESKS)),
    ("post /registries/{number}/receipt", Access::Desk(REGISTRY_DESKS)),
    ("get /documents/verify", Access::Public),
    ("post /documents/verify", Access::Public),
    ("get /demo/key-files", Access::Public),
    ("get /demo/key-files/{name}", Access::Public),
];

/// A well-formed body for each operation that takes one.
fn body(operation: &str) -> Option<Value> {
    Some(match operation {
        "put /services/{code}/steps/{status}" => json!({"unit": "working_days", "amount": 5}),
        "put /calendar/days/{date}" => {
            json!({"kind": "holiday", "note": {"kk": "Мереке", "ru": "Праздник"}})
        }
        "post /session" => json!({"id_number": CITIZEN, "password": "not the password"}),
        "post /session/signature" => json!({"challenge": "x", "cms": ""}),
        "put /session/preferences" => json!({"lang": "kk", "email": ""}),
        "put /session/password" => json!({"current": "x", "new": "a long enough passphrase"}),
        "post /notifications/seen" | "post /requests/{number}/refusal" => json!({}),
        "post /requests" => archival(),
        "put /requests/{number}/form" => json!({"form": {}}),
        "post /requests/{number}/survey" => {
            json!({"result": "satisfied", "information": "satisfied"})
        }
        "post /requests/{number}/actions" => json!({"action": "register"}),
        "post /powers" => {
            json!({"representative": "920711300344", "services": ["archival-certificate"],
            "valid_until": "2027-12-31", "cms": ""})
        }
        "post /signatures/verify" | "post /documents/verify" => json!({"cms": ""}),
        "post /requests/{number}/handover" => {
            json!({"recipient": "applicant", "identity_document": "N 0123456"})
        }
        "post /registries" => json!({"to": "astana-esil"}),
        "post /registries/{number}/receipt" => json!({"present": [], "reason": ""}),
        _ => return None,
    })
}

/// Someone who tries the operations: their name, session cookie and role (none: anonymous).
struct Probe {
    name: &'static str,
    cookie: String,
    role: Option<Role>,
}

/// How an operation answered: its status, and the error's code when it is one.
struct Answer {
    status: u16,
    code: Option<ErrorCode>,
}

impl Answer {
    /// Turned away for who the caller is (or is not), rather than for what they sent.
    fn turned_away(&self) -> bool {
        matches!(self.code, Some(ErrorCode::NotSignedIn | ErrorCode::Forbidden))
    }
}

/// What `probe` must be answered for an operation of `access`; `None` when the answer is right.
fn wrong(access: Access, probe: &Probe, answer: &Answer) -> Option<&'static str> {
    let allowed = |fine: bool, expected: &'static str| (!fine).then_some(expected);
    if answer.status >= 500 {
        return Some("no server error");
    }
    let code = answer.code;
    let reaches = match (access, probe.role) {
        (Access::Public, _) | (Access::SignedIn, Some(_)) => true,
        (_, None) => return allowed(code == Some(ErrorCode::NotSignedIn), "401 not_signed_in"),
        (Access::Party, Some(_)) => {
            return allowed(code == Some(ErrorCode::NotFound), "404 not_found");
        }
        (Access::Desk(roles), Some(role)) => roles.contains(&role),
    };
    if reaches {
        allowed(!answer.turned_away(), "not turned away")
    } else {
        allowed(code == Some(ErrorCode::Forbidden), "403 forbidden")
    }
}

/// Every operation the matrix has a row for, as `method path`: what the OpenAPI document must
/// list, exactly (`openapi::the_document_describes_every_route_and_resolves_every_schema`).
pub(crate) fn operations() -> BTreeSet<String> {
    MATRIX.iter().map(|(operation, _)| (*operation).to_owned()).collect()
}

async fn nobody_reaches_what_is_not_theirs(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let number = ok(submit(&app, &citizen, &number, "matrix-1").await).await.number;
    let probes = [
        Probe { name: "anonymous", cookie: String::new(), role: None },
        Probe {
            name: "another citizen",
            cookie: stranger(&app).await,
            role: Some(Role::Applicant),
        },
        Probe {
            name: "another provider's chancellery",
            cookie: app.session("790414300211").await,
            role: Some(Role::Chancellery),
        },
        Probe {
            name: "a centre's operator",
            cookie: app.session("781122300562").await,
            role: Some(Role::CscOperator),
        },
        Probe {
            name: "the administrator",
            cookie: app.session("900606401572").await,
            role: Some(Role::Administrator),
        },
    ];
    let mut failures = Vec::new();
    for (operation, access) in MATRIX {
        let (method, path) = operation.split_once(' ').unwrap();
        let path = path
            .replace("{number}", &number)
            .replace("{document}", "identity")
            .replace("{code}", "archival-certificate")
            .replace("{status}", "at_specialist")
            .replace("{date}", "2026-12-30")
            .replace("{year}", "2026")
            .replace("{id}", "1")
            .replace("{name}", "no-such-key.p12");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        for probe in &probes {
            // Signing out would end the probe's session for the rows after.
            if operation == "delete /session" && probe.role.is_some() {
                continue;
            }
            let response = if operation == "post /requests/{number}/submit" {
                submission(&app, &probe.cookie, &number, "matrix-key-1", "").await
            } else {
                app.call(method.clone(), &path, &probe.cookie, body(operation)).await
            };
            let status = response.status().as_u16();
            let code = response.json::<ApiError>().await.ok().map(|error| error.code);
            let answer = Answer { status, code };
            if let Some(expected) = wrong(access, probe, &answer) {
                failures.push(format!(
                    "{operation} by {}: {status} {code:?}, expected {expected}",
                    probe.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

crate::on_both_databases!(nobody_reaches_what_is_not_theirs);
