//! Who is asking: server-side sessions behind an HttpOnly, SameSite=Strict cookie, and the limit on
//! failed sign-ins.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use base64::Engine;
use qyzmet_shared::{ApiError, ErrorCode};

use crate::AppState;
use crate::digest::sha256_hex;
use crate::error::AppError;
use crate::store::Account;

pub const SESSION_COOKIE: &str = "qyzmet_session";
/// A session lasts one working day and a bit; then the person signs in again.
pub const SESSION_SECONDS: i64 = 12 * 3600;
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
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    );
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("qyzmet_session=; Max-Age=0"))
}

/// The session token the browser sent, if any.
pub fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && !value.is_empty())
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
        let token = session_token(&parts.headers).ok_or(ApiError::new(ErrorCode::NotSignedIn))?;
        let account = state.store.sessions().account(&token_hash(token)).await?;
        account.map(SignedIn).ok_or_else(|| ApiError::new(ErrorCode::NotSignedIn).into())
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
        assert!(cookie.contains("HttpOnly"));
        assert!(cookie.contains("SameSite=Strict"));
        assert!(cookie.contains("Secure"));
        assert!(!session_cookie("abc", 60, false).to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; qyzmet_session=tok; b=2"));
        assert_eq!(session_token(&headers), Some("tok"));
        headers.insert(header::COOKIE, HeaderValue::from_static("qyzmet_session="));
        assert_eq!(session_token(&headers), None);
    }
}
