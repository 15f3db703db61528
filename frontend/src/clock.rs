//! The browser's clock, in Unix seconds: for overdue marks and the signing time of a signature.

#[allow(clippy::cast_possible_truncation, reason = "seconds since 1970 fit an i64 for ages")]
pub fn now() -> i64 {
    let millis =
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.time_origin() + p.now());
    (millis / 1000.0) as i64
}

/// Waits `millis` milliseconds without blocking the page.
pub async fn sleep(millis: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
