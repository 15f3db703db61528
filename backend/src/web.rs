//! Serving the built single-page app, and the security headers on every answer.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use std::any::Any;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use qyzmet_shared::screens::{self, PORTAL_DIR};
use qyzmet_shared::signature::NCALAYER;
use qyzmet_shared::{ApiError, ErrorCode, Lang};
use sha2::{Digest, Sha256};
use tower::Layer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;
use crate::auth::Client;
use crate::status_page::{self, Asked};

/// The pages of the client's two apps (`qyzmet_shared::screens`), read once from `dist/`: the
/// public app's `index.html` and the whole portal's `portal/index.html`.
#[derive(Clone)]
pub struct Shells {
    public: Option<Arc<str>>,
    portal: Option<Arc<str>>,
}

impl Shells {
    pub fn read(dist: &Path) -> Shells {
        let read = |path: PathBuf| std::fs::read_to_string(path).ok().map(Arc::from);
        Shells {
            public: read(dist.join("index.html")),
            portal: read(dist.join(PORTAL_DIR).join("index.html")),
        }
    }

    /// The page that draws the screen at `path`: the public app's for a public screen, the
    /// portal's for any other.
    fn for_screen(&self, path: &str) -> Option<&str> {
        let public = path == "/index.html" || screens::is_public(path);
        if public { self.public.as_deref() } else { self.portal.as_deref() }
    }

    /// Both pages, whose inline scripts the CSP allows.
    pub fn pages(&self) -> impl Iterator<Item = &str> {
        [&self.public, &self.portal].into_iter().filter_map(|page| page.as_deref())
    }
}

/// The built app: files from `dist/` (those whose name carries a content hash kept by browsers for
/// good, the others — the pages, the signing worker, whose name its loader fixes — checked
/// again on every use; precompressed where the build left `.br`/`.gz` files), and for every other
/// path the page of the app that draws its screen, so deep links such as
/// `/services/archival-certificate` load the app, which then routes or shows "not found". A
/// missing file (a name with an extension) is a plain 404, so a stale tab never runs HTML as code.
pub fn spa(dist: &Path, shells: Shells) -> Router<AppState> {
    let shell = {
        let shells = shells.clone();
        move |uri: Uri| {
            let shells = shells.clone();
            async move { app_shell(&uri, shells.for_screen(uri.path())) }
        }
    };
    // `cargo xtask` writes `name.br` and `name.gz` beside each asset at build time, compressed
    // at the best levels once: sent as they are to browsers that take them.
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(get(shell.clone()));
    // The status check answers without JavaScript too: the public app's page with the status
    // check rendered in, in the address's language (`/kk/check`, `/ru/check`; `/check`, the older
    // address, in the one asked or the browser's).
    let check = move |in_address: Option<Lang>| {
        let shells = shells.clone();
        move |state: State<AppState>,
              client: Client,
              headers: HeaderMap,
              query: Result<Query<Asked>, QueryRejection>,
              uri: Uri| {
            let shells = shells.clone();
            async move {
                match shells.for_screen(uri.path()) {
                    Some(html) => {
                        status_page::answer(state, client, headers, query, in_address, html).await
                    }
                    None => app_shell(&uri, None),
                }
            }
        }
    };
    Router::new()
        .route("/index.html", get(shell.clone()))
        .route(&format!("/{PORTAL_DIR}/index.html"), get(shell))
        .route("/check", get(check(None)))
        .route("/kk/check", get(check(Some(Lang::Kk))))
        .route("/ru/check", get(check(Some(Lang::Ru))))
        .fallback_service(axum::middleware::from_fn(cache_by_name).layer(files))
}

/// Kept for good when the file's name carries its content's hash, checked again otherwise.
async fn cache_by_name(request: axum::extract::Request, next: Next) -> Response {
    let for_good = carries_content_hash(request.uri().path());
    let mut response = next.run(request).await;
    let cache = if for_good { "public, max-age=31536000, immutable" } else { "no-cache" };
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}

/// Whether the file name has Trunk's content hash in it: `-` and 16 hex digits before the
/// extension or the `_bg` of a WebAssembly file (`main-a270091f22ee54d6.css`).
fn carries_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.match_indices('-').any(|(at, _)| {
        let rest = &name[at + 1..];
        rest.len() > 16
            && rest.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
            && matches!(rest.as_bytes()[16], b'.' | b'_')
    })
}

fn app_shell(uri: &Uri, index_html: Option<&str>) -> Response {
    let path = uri.path();
    let looks_like_a_file = !path.ends_with("/index.html")
        && path.rsplit('/').next().is_some_and(|name| name.contains('.'));
    let no_cache = [(header::CACHE_CONTROL, "no-cache")];
    match index_html {
        _ if looks_like_a_file => {
            (StatusCode::NOT_FOUND, no_cache, "Файл табылмады / Файл не найден").into_response()
        }
        Some(html) => (no_cache, Html(html.to_owned())).into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            no_cache,
            "Қосымша құрастырылмаған: cargo xtask run / Приложение не собрано: cargo xtask run",
        )
            .into_response(),
    }
}

/// The Content-Security-Policy for this build: only our own origin, plus the hashes of the inline
/// bootstrap scripts Trunk writes into the apps' pages (so no `'unsafe-inline'`), plus NCALayer's
/// local WebSocket, which signs for the person.
pub fn content_security_policy<'a>(pages: impl IntoIterator<Item = &'a str>) -> String {
    let mut hashes = String::new();
    for script in pages.into_iter().flat_map(inline_scripts) {
        let digest =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
        let _ = write!(hashes, " 'sha256-{digest}'");
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self' {NCALAYER}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, rest) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        rest.split_once("</script>").map(|(body, _)| body)
    })
}

/// Layers that set the security headers the portal answers with; with `https`, browsers are
/// told to come back over HTTPS only (HSTS) for a year.
pub fn security_headers(csp: &str, https: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let hsts =
        https.then_some((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains"));
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
    ];
    let csp = HeaderValue::from_str(csp).unwrap_or(HeaderValue::from_static("default-src 'self'"));
    fixed
        .into_iter()
        .chain(hsts)
        .map(|(name, value)| (name, HeaderValue::from_static(value)))
        .chain([(header::CONTENT_SECURITY_POLICY, csp)])
        .map(|(name, value)| SetResponseHeaderLayer::if_not_present(name, value))
        .collect()
}

/// What no cache may keep: every API answer, unless it says otherwise (the catalog is public,
/// but a request, a registry look-up or a power of attorney is someone's own).
pub fn not_stored() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    )
}

/// A second defence against cross-site request forgery, beside the `SameSite=Strict` cookie: a
/// request that changes something is refused when the browser says it comes from another site
/// (`Sec-Fetch-Site`), or, from a browser that does not say, when its `Origin` is not this site
/// (the address it was sent to, or the public URL). Programs that send neither (integrators,
/// scripts, a phone signing with eGov Mobile) pass: they carry no victim's cookie.
pub async fn same_origin(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let foreign = match (text(HeaderName::from_static("sec-fetch-site")), text(header::ORIGIN)) {
        _ if request.method().is_safe() => false,
        (Some(site), _) => !matches!(site, "same-origin" | "none"),
        (None, Some(origin)) => {
            let host = origin.split_once("://").map(|(_, host)| host);
            let public = state.public_url.as_deref().map(|url| url.trim_end_matches('/'));
            host.is_none_or(|host| text(header::HOST) != Some(host)) && public != Some(origin)
        }
        (None, None) => false,
    };
    if foreign {
        tracing::warn!(origin = ?text(header::ORIGIN), "a cross-site request to change something refused");
        return (StatusCode::FORBIDDEN, Json(ApiError::new(ErrorCode::Forbidden))).into_response();
    }
    next.run(request).await
}

/// Axum's own refusals — a body that is not the JSON a route takes, a query or a path that does
/// not parse, a method a route does not serve — answer in plain text; the API answers every error
/// with the shared body instead, so a client reads one shape and one stable code. The status and
/// the other headers (`Allow`, `Retry-After`) stay.
pub async fn shared_error_body(request: axum::extract::Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|kind| kind.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let code = match status {
        StatusCode::UNAUTHORIZED => ErrorCode::NotSignedIn,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::FileTooLarge,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::TooManyAttempts,
        StatusCode::SERVICE_UNAVAILABLE => ErrorCode::Unavailable,
        _ if status.is_server_error() => ErrorCode::Internal,
        _ => ErrorCode::BadRequest,
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = Json(ApiError::new(code)).into_response();
    parts.headers.extend(body.headers().clone());
    Response::from_parts(parts, body.into_body())
}

/// How many API calls may be in flight at once, a permit for each, and the calls turned away
/// since the log last said so.
#[derive(Debug, Clone)]
pub struct InFlight {
    permits: Arc<tokio::sync::Semaphore>,
    turned_away: Arc<AtomicU64>,
    /// The second since `since` in which the log last told of calls turned away.
    logged: Arc<AtomicU64>,
    since: std::time::Instant,
}

impl InFlight {
    pub fn new(limit: usize) -> InFlight {
        InFlight {
            permits: Arc::new(tokio::sync::Semaphore::new(limit)),
            turned_away: Arc::new(AtomicU64::new(0)),
            logged: Arc::new(AtomicU64::new(u64::MAX)),
            since: std::time::Instant::now(),
        }
    }

    /// Counts a call turned away; the log tells of them at most once a second, so that a spike
    /// of thousands a second does not spend the portal's cores and disk on lines about itself.
    fn turn_away(&self, path: &str) {
        self.turned_away.fetch_add(1, Ordering::Relaxed);
        let second = self.since.elapsed().as_secs();
        if self.logged.swap(second, Ordering::Relaxed) != second {
            let calls = self.turned_away.swap(0, Ordering::Relaxed);
            tracing::warn!(calls, last_path = path, "overloaded: calls turned away");
        }
    }
}

/// Seconds an overloaded portal asks a caller to wait before trying again.
const RETRY_AFTER_OVERLOAD: &str = "1";

/// Overload: past the limit of calls in flight, one more is answered at once — 503 `unavailable`
/// with `Retry-After` — rather than queued until every caller's wait runs out and the server's
/// memory with it. The page shows the shared message (try again in a few minutes).
pub async fn shed_load(
    State(in_flight): State<InFlight>,
    request: axum::extract::Request,
    next: Next,
) -> Response {
    let Ok(_permit) = in_flight.permits.clone().try_acquire_owned() else {
        in_flight.turn_away(request.uri().path());
        let retry = [(header::RETRY_AFTER, RETRY_AFTER_OVERLOAD)];
        let busy = Json(ApiError::new(ErrorCode::Unavailable));
        return (StatusCode::SERVICE_UNAVAILABLE, retry, busy).into_response();
    };
    next.run(request).await
}

/// A handler that panics answers 500 with the shared error body, and the panic goes to the log;
/// the connection is not dropped.
pub fn catch_panics() -> CatchPanicLayer<fn(Box<dyn Any + Send + 'static>) -> Response> {
    CatchPanicLayer::custom(answer_panic)
}

#[expect(clippy::needless_pass_by_value, reason = "the signature `CatchPanicLayer` calls")]
fn answer_panic(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    tracing::error!(panic = message, "a handler panicked");
    (StatusCode::INTERNAL_SERVER_ERROR, Json(ApiError::new(ErrorCode::Internal))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_allows_exactly_the_inline_bootstrap() {
        let html =
            r#"<head><script src="/app.js"></script><script type="module">init();</script></head>"#;
        let csp = content_security_policy([html]);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init();"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("connect-src 'self' wss://127.0.0.1:13579;"), "{csp}");
    }

    async fn boom() -> &'static str {
        panic!("a bug")
    }

    #[tokio::test]
    async fn past_the_limit_a_call_is_turned_away_at_once_and_served_again_after() {
        use tower::ServiceExt;
        let release = Arc::new(tokio::sync::Notify::new());
        let held = release.clone();
        let slow = move || {
            let held = held.clone();
            async move {
                held.notified().await;
                "done"
            }
        };
        let limited = axum::middleware::from_fn_with_state(InFlight::new(1), shed_load);
        let app: Router = Router::new()
            .route("/slow", get(slow))
            .route("/quick", get(|| async { "quick" }))
            .layer(limited);
        let call =
            |path: &str| axum::http::Request::get(path).body(axum::body::Body::empty()).unwrap();
        let first = tokio::spawn(app.clone().oneshot(call("/slow")));
        // The first call holds the only permit until released.
        tokio::task::yield_now().await;
        let mut refused = app.clone().oneshot(call("/quick")).await.unwrap();
        for _ in 0..100 {
            if refused.status() == StatusCode::SERVICE_UNAVAILABLE {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            refused = app.clone().oneshot(call("/quick")).await.unwrap();
        }
        assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(refused.headers()[header::RETRY_AFTER], "1");
        let body = axum::body::to_bytes(refused.into_body(), 1 << 16).await.unwrap();
        assert_eq!(serde_json::from_slice::<ApiError>(&body).unwrap().code, ErrorCode::Unavailable);
        release.notify_one();
        assert_eq!(first.await.unwrap().unwrap().status(), StatusCode::OK);
        assert_eq!(app.oneshot(call("/quick")).await.unwrap().status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_the_shared_internal_error() {
        use tower::ServiceExt;
        let app: Router = Router::new().route("/boom", get(boom)).layer(catch_panics());
        let request = axum::http::Request::get("/boom").body(axum::body::Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        let error: ApiError = serde_json::from_slice(&body).unwrap();
        assert_eq!(error.code, ErrorCode::Internal);
        assert!(!error.message.is_incomplete());
    }
}
