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
        (name = "signatures", description = "Verifying electronic digital signatures (CMS)"),
        (name = "documents", description = "Result documents (PDF) and their public verification"),
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
    }
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
