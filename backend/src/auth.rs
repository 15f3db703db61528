//! Who is asking: server-side sessions behind an HttpOnly, SameSite=Strict cookie, and the limit on
//! failed sign-ins.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use base64::Engine;
use qyzmet_shared::{ApiError, ErrorCode};

use crate::AppState;
use crate::digest::sha256_hex;
use crate::error::AppError;
use crate::store::Account;

pub const SESSION_COOKIE: &str = "qyzmet_session";
/// Its name over HTTPS: a browser accepts a `__Host-` cookie only from this very host, `Secure`,
/// for the whole site and without a `Domain`, so no other site or subdomain can plant one.
pub const SECURE_SESSION_COOKIE: &str = "__Host-qyzmet_session";

/// The session cookie's name: prefixed when it is sent over HTTPS only.
fn cookie_name(secure: bool) -> &'static str {
    if secure { SECURE_SESSION_COOKIE } else { SESSION_COOKIE }
}
/// A session lasts one working day and a bit; then the person signs in again.
pub const SESSION_SECONDS: i64 = 12 * 3600;
/// A session unused this long ends too, whatever its absolute end: a counter or an office
/// computer left signed in.
pub const IDLE_SECONDS: i64 = 30 * 60;
/// How often a session's last use is written down: not on every request.
pub const SEEN_EVERY_SECONDS: i64 = 60;
/// Failed sign-ins are counted over this window…
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;
/// …and refused beyond this many for one IIN/BIN…
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// …or this many from one address (guessing across many accounts).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;

/// A fresh session token (256 random bits) and the hash that is stored.
pub fn new_token() -> (String, String) {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    sha256_hex(token)
}

/// The `Set-Cookie` value that carries a session (or, with an empty token, ends it).
pub fn session_cookie(token: &str, max_age: i64, secure: bool) -> HeaderValue {
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    let value =
        format!("{name}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}");
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("qyzmet_session=; Max-Age=0"))
}

/// The session token the browser sent, if any, under the cookie's name for `secure`.
pub fn session_token(headers: &HeaderMap, secure: bool) -> Option<&str> {
    let name = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(sent, value)| *sent == name && !value.is_empty())
        .map(|(_, value)| value)
}

/// The signed-in account; a handler that takes it answers 401 `not_signed_in` to anyone else.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Account);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers, state.secure_cookies)
            .ok_or(ApiError::new(ErrorCode::NotSignedIn))?;
        let account = state.store.sessions().account(&token_hash(token)).await?;
        account.map(SignedIn).ok_or_else(|| ApiError::new(ErrorCode::NotSignedIn).into())
    }
}

/// `Option<SignedIn>`: the signed-in account if there is one, for a handler that also serves
/// people who are not signed in.
impl OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        let Some(token) = session_token(&parts.headers, state.secure_cookies) else {
            return Ok(None);
        };
        Ok(state.store.sessions().account(&token_hash(token)).await?.map(SignedIn))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_a, token_hash(&a));
        assert_eq!(hash_a.len(), 64);
        assert!(!hash_a.contains(&a));
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let cookie = session_cookie("abc", 60, true);
        let cookie = cookie.to_str().unwrap();
        assert!(cookie.starts_with("__Host-qyzmet_session=abc; Path=/;"), "{cookie}");
        assert!(cookie.contains("HttpOnly"));
        assert!(cookie.contains("SameSite=Strict"));
        assert!(cookie.contains("Secure"));
        assert!(!cookie.contains("Domain"));
        let plain = session_cookie("abc", 60, false);
        assert!(plain.to_str().unwrap().starts_with("qyzmet_session=abc;"));
        assert!(!plain.to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn only_a_trusted_proxy_names_the_client() {
        let proxy: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.7"));
        let client = "203.0.113.7".parse::<std::net::IpAddr>().unwrap();
        assert_eq!(client_address(proxy, &headers, &[proxy]), client);
        // From anyone else the header is the client's own say, and ignored.
        let stranger = "198.51.100.1".parse().unwrap();
        assert_eq!(client_address(stranger, &headers, &[proxy]), stranger);
        assert_eq!(client_address(proxy, &HeaderMap::new(), &[proxy]), proxy);
        headers.insert("x-forwarded-for", HeaderValue::from_static("not an address"));
        assert_eq!(client_address(proxy, &headers, &[proxy]), proxy);
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; qyzmet_session=tok; b=2"));
        assert_eq!(session_token(&headers, false), Some("tok"));
        // Over HTTPS only the prefixed cookie counts: a planted plain one is ignored.
        assert_eq!(session_token(&headers, true), None);
        let both = "qyzmet_session=planted; __Host-qyzmet_session=tok";
        headers.insert(header::COOKIE, HeaderValue::from_static(both));
        assert_eq!(session_token(&headers, true), Some("tok"));
        headers.insert(header::COOKIE, HeaderValue::from_static("qyzmet_session="));
        assert_eq!(session_token(&headers, false), None);
    }
}

/// The client's address, as the per-address limits count it: the connection's peer, or — when
/// the peer is a reverse proxy the configuration trusts (`QYZMET_TRUSTED_PROXY`) — the address
/// that proxy put last in `X-Forwarded-For`. A header from anyone else is ignored, so no client
/// can pick its own address; behind a proxy, each client (a whole centre behind one address
/// aside) is counted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client(pub std::net::IpAddr);

impl FromRequestParts<AppState> for Client {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
            .ok_or_else(|| AppError::from(ApiError::new(ErrorCode::Internal)))?;
        Ok(Client(client_address(peer, &parts.headers, &state.trusted_proxies)))
    }
}

/// `peer`, or the last `X-Forwarded-For` address when `peer` is a trusted proxy.
fn client_address(
    peer: std::net::IpAddr,
    headers: &HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|address| address.trim().parse().ok())
        .next_back()
        .unwrap_or(peer)
}
