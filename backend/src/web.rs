//! Serving the built single-page app, and the security headers on every answer.

use std::fmt::Write as _;
use std::path::Path;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

/// Files from `dist/`; any other path gets `index.html`, so deep links such as
/// `/services/archival-certificate` load the app, which then routes (or shows "not found").
pub fn spa(dist: &Path) -> Router<AppState> {
    let index = ServeFile::new(dist.join("index.html"));
    Router::new().fallback_service(ServeDir::new(dist).fallback(index))
}

/// The Content-Security-Policy for this build: only our own origin, plus the hashes of the inline
/// bootstrap scripts Trunk writes into `index.html` (so no `'unsafe-inline'`).
pub fn content_security_policy(index_html: &str) -> String {
    let mut hashes = String::new();
    for script in inline_scripts(index_html) {
        let digest =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
        let _ = write!(hashes, " 'sha256-{digest}'");
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
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

/// Layers that set the security headers the portal answers with.
pub fn security_headers(csp: &str) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    let csp = HeaderValue::from_str(csp).unwrap_or(HeaderValue::from_static("default-src 'self'"));
    fixed
        .into_iter()
        .map(|(name, value)| (name, HeaderValue::from_static(value)))
        .chain([(header::CONTENT_SECURITY_POLICY, csp)])
        .map(|(name, value)| SetResponseHeaderLayer::if_not_present(name, value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_allows_exactly_the_inline_bootstrap() {
        let html =
            r#"<head><script src="/app.js"></script><script type="module">init();</script></head>"#;
        let csp = content_security_policy(html);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init();"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline"));
    }
}
