//! The one way the portal talks to the national CA's services (OCSP, TSP): a DER body `POST`ed over
//! plain HTTP, as those services take it, with a timeout and a bound on the answer, and no
//! redirect followed: the configured address answers, or nobody does (ASVS 5.0 15.3.2).

use std::time::Duration;

/// How long a service has to answer.
const TIMEOUT: Duration = Duration::from_secs(5);
/// The largest answer read (NCA's are a few kilobytes).
const LARGEST_ANSWER: usize = 256 * 1024;

/// An HTTP client for the CA's services.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default()
}

/// POSTs `body` as `content_type` to `url`; the answer's body, or why there is none (for the log).
pub async fn post(
    http: &reqwest::Client,
    url: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Result<Vec<u8>, String> {
    let response = http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .map_err(|e| described(&e))?;
    if !response.status().is_success() {
        return Err(format!("{url} answered {}", response.status()));
    }
    let bytes = response.bytes().await.map_err(|e| described(&e))?;
    if bytes.len() > LARGEST_ANSWER {
        return Err(format!("{url} answered {} bytes", bytes.len()));
    }
    Ok(bytes.to_vec())
}

/// An HTTP error with its causes ("operation timed out", "connection refused").
fn described(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
