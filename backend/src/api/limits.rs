//! The bounds every caller meets: pages within reach, and so many costly public calls per address
//! within a window.

use qyzmet_shared::{ApiError, ErrorCode};

use crate::AppState;
use crate::error::AppResult;

/// Items on a page of any list.
pub const PER_PAGE: i64 = 20;
/// The last page anyone may ask for (200 000 items in): beyond it a number is a mistake, and an
/// offset past it could overflow.
const LAST_PAGE: i64 = 10_000;

/// A page number (from 1; none is the first) and its offset, or `bad_request` on `page`.
pub fn page(asked: Option<i64>) -> Result<(i64, i64), ApiError> {
    match asked.unwrap_or(1) {
        page @ 1..=LAST_PAGE => Ok((page, (page - 1) * PER_PAGE)),
        _ => Err(ApiError::new(ErrorCode::BadRequest).on_field("page")),
    }
}

/// A limit on a kind of call per client address.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// The kind of call, part of the counter's key.
    pub name: &'static str,
    pub calls: i64,
    pub window_seconds: i64,
}

/// Public status look-ups: enough for a person, too few to guess IIN and number pairs.
pub const STATUS_CHECKS: Limit = Limit { name: "status", calls: 30, window_seconds: 10 * 60 };
/// Public verifications of signatures and documents: each costs a chain check (a GOST one takes
/// milliseconds of CPU), so a client cannot make the portal verify without end.
pub const VERIFICATIONS: Limit = Limit { name: "verify", calls: 60, window_seconds: 10 * 60 };

/// Counts one call of `limit`'s kind from `client`; `too_many_attempts`, saying when to call
/// again, when the window is full.
pub async fn count(state: &AppState, limit: Limit, client: std::net::IpAddr) -> AppResult<()> {
    let key = format!("{}:{client}", limit.name);
    state.store.rate_limits().admit(&key, limit.calls, limit.window_seconds).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_from_one_and_end_somewhere() {
        assert_eq!(page(None), Ok((1, 0)));
        assert_eq!(page(Some(3)), Ok((3, 40)));
        assert_eq!(page(Some(10_000)), Ok((10_000, 199_980)));
        for wrong in [0, -1, 10_001, i64::MAX, i64::MIN] {
            assert_eq!(page(Some(wrong)).unwrap_err().field.as_deref(), Some("page"), "{wrong}");
        }
    }
}
