//! The browser's clock, in Unix seconds: for overdue marks and the signing time of a signature.

#[allow(clippy::cast_possible_truncation, reason = "seconds since 1970 fit an i64 for ages")]
pub fn now() -> i64 {
    let millis =
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.time_origin() + p.now());
    (millis / 1000.0) as i64
}
