//! The OpenAPI document of `/api/v1`: the paths come from the handlers' annotations as they are
//! routed, the schemas from the shared types the API sends, so the document cannot drift from
//! the code.

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{self, OpenApi};

use crate::auth::SESSION_COOKIE;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Qyzmet",
        description = "State services of Kazakhstan: the catalog, requests and their workflow, in Kazakh and Russian. \
            Every error is an `ApiError`: a stable `code`, a `message` in both languages, and the `field` or `fields` it concerns."
    ),
    servers((url = "/api/v1")),
    modifiers(&SessionCookie),
    tags(
        (name = "catalog", description = "State bodies, services, kinds and their forms"),
        (name = "session", description = "Signing in and out"),
        (name = "requests", description = "The applicant's drafts, submission, history and the public status check"),
        (name = "powers", description = "Powers of attorney: granted and revoked by the principal, used by the representative to file in its name"),
        (name = "office", description = "The provider's staff: queues and the workflow's steps"),
        (name = "signatures", description = "Verifying electronic digital signatures (CMS), and signing with eGov Mobile from a page"),
        (name = "egov_mobile", description = "The phone's side of signing with eGov Mobile or eGov Business (eGov's QR signing protocol): API 1 is the address in the QR code, API 2 serves the document and takes its signature. Refusals are `{\"message\", \"code\"}` in the phone's Accept-Language"),
        (name = "documents", description = "Result documents (PDF) and their public verification"),
        (name = "statistics", description = "Open figures: how fast each provider renders each service and how applicants rate it, with no personal data"),
        (name = "calendar", description = "Working days, holidays and moved days off"),
        (name = "service", description = "Health of the server")
    )
)]
pub struct ApiDoc;

/// Signed-in calls carry the session cookie set by `POST /session`.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, document: &mut OpenApi) {
        let components = document.components.get_or_insert_with(openapi::Components::new);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(SESSION_COOKIE))),
        );
        // eGov Mobile's API 2: the one-time token API 1 handed the phone.
        components.add_security_scheme(
            "egov_mobile_token",
            SecurityScheme::Http(openapi::security::Http::new(
                openapi::security::HttpAuthScheme::Bearer,
            )),
        );
    }
}

/// Declares on every operation the answers any of its kind can give, where its own annotation
/// does not: `401 not_signed_in` on each that needs a session, `400 bad_request` on each that reads
/// a path, a query or a body (a malformed one is refused before the handler runs), and `503
/// unavailable` on every one (`web::shed_load`).
pub fn declare_common_answers(document: &mut OpenApi) {
    for item in document.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete];
        for operation in operations.into_iter().flatten() {
            let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
            let reads_input = operation.parameters.as_ref().is_some_and(|p| !p.is_empty())
                || operation.request_body.is_some();
            let answers = &mut operation.responses.responses;
            if secured {
                answers
                    .entry("401".to_owned())
                    .or_insert_with(|| error("not_signed_in: no session, or it has ended"));
            }
            if reads_input {
                answers
                    .entry("400".to_owned())
                    .or_insert_with(|| error("bad_request: a malformed path, query or body"));
            }
            answers.entry("503".to_owned()).or_insert_with(|| {
                error("unavailable: overloaded (`Retry-After` says when to try again), or the database does not answer")
            });
        }
    }
}

/// An answer with the shared error body.
fn error(description: &str) -> openapi::RefOr<openapi::Response> {
    let body = openapi::Content::new(Some(openapi::Ref::from_schema_name("ApiError")));
    openapi::ResponseBuilder::new()
        .description(description)
        .content("application/json", body)
        .build()
        .into()
}

/// A handler that answers with the document, serialised once.
pub fn serve(
    document: &OpenApi,
) -> impl Fn() -> std::future::Ready<axum::response::Response> + Clone + Send + 'static {
    let json = document.to_json().unwrap_or_else(|_| "{}".to_owned());
    move || {
        std::future::ready(
            ([(header::CONTENT_TYPE, "application/json")], json.clone()).into_response(),
        )
    }
}
