//! The access matrix (issue 17): every operation of the OpenAPI document has a row saying who may
//! reach it, and is tried with a well-formed body (so the answer is the access check's, not the
//! body's) by everyone who should not reach a citizen's request or a role's desk — anonymous,
//! another citizen, each role of another provider, a centre's operator, the administrator, another
//! centre's operator, a representative whose power was revoked — and by the request's parties —
//! its applicant, each role of its provider, the centre's operator who filed it, a representative
//! with a power in force — for whom it must exist.
//! A route added without a row fails the OpenAPI test, which compares the document with it.

use std::collections::BTreeSet;

use qyzmet_shared::{ApiError, ErrorCode, Role};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::{Db, TestApp};
use crate::csc::{OPERATOR, OTHER_OPERATOR, filed_at_counter};
use crate::office::archival;
use crate::powers::{AGENT, filed_by_representative};
use crate::requests::{
    CHANCELLERY, CITIZEN, DEPARTMENT_HEAD, HEAD, MINISTRY_CHANCELLERY, MINISTRY_EXECUTOR,
    MINISTRY_HEAD, MINISTRY_UNIT_HEAD, SPECIALIST, draft, ok, seeded, stranger, submission, submit,
};

/// The demo administrator.
const ADMINISTRATOR_IIN: &str = "900606401572";

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
    /// Only whom the request is for and who filed it (a representative, a centre's operator): to
    /// anyone else, its provider's staff included, it does not exist (404).
    Own,
    /// Something of the request made later, or only while it is a draft (its result, a receipt, a
    /// counter's refusal, an attachment to remove): to anyone but its parties it does not exist
    /// (404); to them, not until it is made, so a party's 404 says nothing here.
    Made,
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
const MATRIX: [(&str, Access); 61] = [
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
    ("get /requests/earlier", Access::SignedIn),
    ("post /requests", Access::Desk(FILERS)),
    ("get /requests/{number}", Access::Party),
    ("delete /requests/{number}", Access::Own),
    ("put /requests/{number}/form", Access::Own),
    ("post /requests/{number}/submit", Access::Own),
    ("post /requests/{number}/survey", Access::Own),
    ("put /requests/{number}/attachments/{document}", Access::Own),
    ("get /requests/{number}/attachments/{document}", Access::Party),
    ("delete /requests/{number}/attachments/{document}", Access::Made),
    ("post /requests/{number}/actions", Access::Party),
    ("get /queue", Access::Desk(STAFF)),
    ("get /status", Access::Public),
    ("get /registry/me", Access::SignedIn),
    ("get /powers", Access::Desk(APPLICANTS)),
    ("post /powers", Access::Desk(APPLICANTS)),
    ("delete /powers/{id}", Access::Desk(APPLICANTS)),
    ("get /office/specialists", Access::Desk(&[Role::DepartmentHead])),
    ("get /office/dashboard", Access::Desk(STAFF)),
    ("get /statistics", Access::Public),
    ("post /signatures/verify", Access::Public),
    ("get /requests/{number}/result.pdf", Access::Made),
    ("get /requests/{number}/application.pdf", Access::Party),
    ("get /requests/{number}/receipt.pdf", Access::Made),
    ("post /requests/{number}/refusal", Access::Made),
    ("get /csc/refusals/{number}/receipt.pdf", Access::Made),
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
    // Signing with eGov Mobile: a session's id is its secret (and a signed-in one its starter's);
    // the phone's calls carry the QR code's secret and API 1's token.
    ("post /mobile-sign", Access::Public),
    ("get /mobile-sign/{id}", Access::Public),
    ("delete /mobile-sign/{id}", Access::Public),
    ("get /mgovSign/{link}", Access::Public),
    ("get /mgovSign/{link}/document", Access::Public),
    ("put /mgovSign/{link}/document", Access::Public),
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
        "post /mobile-sign" => json!({"purpose": "sign_in", "challenge": "x"}),
        "post /requests/{number}/handover" => {
            json!({"recipient": "applicant", "identity_document": "N 0123456"})
        }
        "post /registries" => json!({"to": "astana-esil"}),
        "post /registries/{number}/receipt" => json!({"present": [], "reason": ""}),
        _ => return None,
    })
}

/// Who a probe is to the request it tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// Nobody of the request's.
    Outsider,
    /// Its provider's staff.
    Party,
    /// Whom it is for, or who filed it.
    Own,
}

/// Someone who tries the operations: their name, session cookie and role (none: anonymous), the
/// request they try them on, and who they are to it.
struct Probe {
    name: &'static str,
    cookie: String,
    role: Option<Role>,
    number: String,
    relation: Relation,
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
/// A party's calls are judged on the request's operations only, where it must exist for them (what
/// their role may do there is each role's own test); the rest is the outsiders' to judge.
fn wrong(access: Access, probe: &Probe, answer: &Answer) -> Option<&'static str> {
    let allowed = |fine: bool, expected: &'static str| (!fine).then_some(expected);
    if answer.status >= 500 {
        return Some("no server error");
    }
    let code = answer.code;
    let exists = !matches!(code, Some(ErrorCode::NotFound | ErrorCode::NotSignedIn));
    match (probe.relation, access) {
        (Relation::Outsider, _) => {}
        (_, Access::Party) | (Relation::Own, Access::Own) => {
            return allowed(exists, "the request to exist");
        }
        (Relation::Party, Access::Own) => return allowed(code == Some(ErrorCode::NotFound), "404"),
        (_, _) => return None,
    }
    let reaches = match (access, probe.role) {
        (Access::Public, _) | (Access::SignedIn, Some(_)) => true,
        (_, None) => return allowed(code == Some(ErrorCode::NotSignedIn), "401 not_signed_in"),
        (Access::Party | Access::Own | Access::Made, Some(_)) => {
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

/// A probe of `number` by the demo account `id_number` (its session opened as its holder would).
async fn probe(
    app: &TestApp,
    name: &'static str,
    id_number: &str,
    number: &str,
    relation: Relation,
) -> Probe {
    let role = app.store.accounts().by_id_number(id_number).await.unwrap().map(|a| a.role);
    let cookie = app.session(id_number).await;
    Probe { name, cookie, role, number: number.to_owned(), relation }
}

/// Everyone but its parties, and its parties, for a citizen's request filed on the portal.
async fn around_a_portal_request(app: &TestApp, number: &str) -> Vec<Probe> {
    let anonymous = Probe {
        name: "anonymous",
        cookie: String::new(),
        role: None,
        number: number.to_owned(),
        relation: Relation::Outsider,
    };
    let another_citizen = Probe {
        name: "another citizen",
        cookie: stranger(app).await,
        role: Some(Role::Applicant),
        number: number.to_owned(),
        relation: Relation::Outsider,
    };
    let mut probes = vec![anonymous, another_citizen];
    let outsiders = [
        ("another provider's chancellery", MINISTRY_CHANCELLERY),
        ("another provider's head", MINISTRY_HEAD),
        ("another provider's department head", MINISTRY_UNIT_HEAD),
        ("another provider's specialist", MINISTRY_EXECUTOR),
        ("a centre's operator", OPERATOR),
        ("the administrator", ADMINISTRATOR_IIN),
    ];
    let parties = [
        ("the applicant", CITIZEN, Relation::Own),
        ("this provider's chancellery", CHANCELLERY, Relation::Party),
        ("this provider's head", HEAD, Relation::Party),
        ("this provider's department head", DEPARTMENT_HEAD, Relation::Party),
        ("this provider's specialist", SPECIALIST, Relation::Party),
    ];
    for (name, id_number) in outsiders {
        probes.push(probe(app, name, id_number, number, Relation::Outsider).await);
    }
    for (name, id_number, relation) in parties {
        probes.push(probe(app, name, id_number, number, relation).await);
    }
    probes
}

/// Each operation tried by each probe on its request; what was answered wrongly, described.
async fn try_operations(app: &TestApp, probes: &[Probe]) -> Vec<String> {
    let mut failures = Vec::new();
    for (operation, access) in MATRIX {
        let (method, template) = operation.split_once(' ').unwrap();
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        for probe in probes {
            // Signing out would end the probe's session for the rows after.
            if operation == "delete /session" && probe.role.is_some() {
                continue;
            }
            let path = template
                .replace("{number}", &probe.number)
                .replace("{document}", "identity")
                .replace("{code}", "archival-certificate")
                .replace("{status}", "at_specialist")
                .replace("{date}", "2026-12-30")
                .replace("{year}", "2026")
                .replace("{id}", "1")
                .replace("{name}", "no-such-key.p12")
                .replace("{link}", "no-such-link");
            let response = if operation == "post /requests/{number}/submit" {
                submission(app, &probe.cookie, &probe.number, "matrix-key-1", "").await
            } else {
                app.call(method.clone(), &path, &probe.cookie, body(operation)).await
            };
            let status = response.status().as_u16();
            let code = response.json::<ApiError>().await.ok().map(|error| error.code);
            let answer = Answer { status, code };
            if let Some(expected) = wrong(access, probe, &answer) {
                failures.push(format!(
                    "{operation} by {} on {}: {status} {code:?}, expected {expected}",
                    probe.name, probe.number
                ));
            }
        }
    }
    failures
}

async fn nobody_reaches_what_is_not_theirs(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let number = ok(submit(&app, &citizen, &number, "matrix-1").await).await.number;
    let mut failures = try_operations(&app, &around_a_portal_request(&app, &number).await).await;

    // Filed at a centre: its operator is a party, another centre's is not.
    let operator = app.session(OPERATOR).await;
    let at_centre = filed_at_counter(&app, &operator, "matrix-2").await.number;
    let centres = [
        probe(&app, "this centre's operator", OPERATOR, &at_centre, Relation::Own).await,
        probe(&app, "another centre's operator", OTHER_OPERATOR, &at_centre, Relation::Outsider)
            .await,
    ];
    failures.extend(try_operations(&app, &centres).await);

    // Filed by a representative: theirs while the power is in force, not once it is revoked.
    let (power, by_agent) = filed_by_representative(&app, &citizen).await;
    let in_force = [probe(&app, "a representative", AGENT, &by_agent, Relation::Own).await];
    failures.extend(try_operations(&app, &in_force).await);
    let revoke = format!("/powers/{}", power.id);
    assert_eq!(app.call(Method::DELETE, &revoke, &citizen, None).await.status(), 204);
    let revoked =
        [probe(&app, "a revoked representative", AGENT, &by_agent, Relation::Outsider).await];
    failures.extend(try_operations(&app, &revoked).await);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

crate::on_both_databases!(nobody_reaches_what_is_not_theirs);
