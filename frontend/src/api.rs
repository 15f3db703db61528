//! The typed client of `/api/v1`. Every failure arrives as the shared `ApiError`, so screens show
//! one kind of message whatever went wrong.

use gloo_net::http::{Request, RequestBuilder, Response};
use qyzmet_shared::account::{Me, PasswordChange, SignIn, StaffMember};
use qyzmet_shared::api::{API_PREFIX, DueDate, StepLimit};
use qyzmet_shared::attachment::AttachmentView;
use qyzmet_shared::catalog::{Catalog, ServiceCode};
use qyzmet_shared::csc::{Handover, NewRegistry, RefusalView, RegistryReceipt, RegistryView};
use qyzmet_shared::dashboard::Dashboard;
use qyzmet_shared::mobile_sign::{MobileSignFor, MobileSignStatus, MobileSigning};
use qyzmet_shared::notification::{Notifications, Preferences};
use qyzmet_shared::power::{NewPower, PowerView, Powers};
use qyzmet_shared::registry::RegistryRecord;
use qyzmet_shared::request::{
    Earlier, FormUpdate, NewRequest, Page, PublicStatus, RequestSummary, RequestView, StepAction,
    Submission,
};
use qyzmet_shared::result::DocumentCheck;
use qyzmet_shared::signature::{Challenge, DemoKeyFile, SignatureSignIn};
use qyzmet_shared::statistics::Statistics;
use qyzmet_shared::survey::SurveyAnswers;
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{ApiError, ErrorCode};
use serde::de::DeserializeOwned;
use std::pin::Pin;

fn url(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}

/// Sends a request and turns every failure (network, status, body) into an `ApiError`.
async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let response = request
        .map_err(|_| ApiError::new(ErrorCode::Internal))?
        .send()
        .await
        .map_err(|_| ApiError::new(ErrorCode::Unavailable))?;
    if response.ok() {
        return Ok(response);
    }
    // Each branch names its code, so that only these messages are compiled in (`message`).
    Err(response.json::<ApiError>().await.unwrap_or_else(|_| {
        if response.status() == 404 {
            ApiError::new(ErrorCode::NotFound)
        } else {
            ApiError::new(ErrorCode::Unavailable)
        }
    }))
}

/// The body of a successful answer. Every call awaits this one future behind a pointer, so the
/// waiting is compiled once rather than into each answer's type (issue 16: `json::<T>` was 3 to
/// 15 KB of WebAssembly per type).
fn body(
    request: Result<Request, gloo_net::Error>,
) -> Pin<Box<dyn Future<Output = Result<String, ApiError>>>> {
    Box::pin(async move {
        send(request).await?.text().await.map_err(|_| ApiError::new(ErrorCode::Internal))
    })
}

async fn json<T: DeserializeOwned>(
    request: Result<Request, gloo_net::Error>,
) -> Result<T, ApiError> {
    let body = body(request).await?;
    serde_json::from_str(&body).map_err(|_| ApiError::new(ErrorCode::Internal))
}

fn get(path: &str) -> Result<Request, gloo_net::Error> {
    RequestBuilder::new(&url(path)).build()
}

pub async fn catalog() -> Result<Catalog, ApiError> {
    json(get("/catalog")).await
}

/// When a request for `service` filed now on the portal must have its result.
pub async fn due_now(service: ServiceCode) -> Result<DueDate, ApiError> {
    let path = format!("/services/{}/deadline", service.as_str());
    json(RequestBuilder::new(&url(&path)).query([("intake", "portal")]).build()).await
}

/// The steps of a service's back office with their limits, declared and current.
pub async fn step_limits(service: ServiceCode) -> Result<Vec<StepLimit>, ApiError> {
    json(get(&format!("/services/{}/steps", service.as_str()))).await
}

/// The signed-in account, or `NotSignedIn`.
pub async fn me() -> Result<Me, ApiError> {
    json(get("/session")).await
}

pub async fn sign_in(form: &SignIn) -> Result<Me, ApiError> {
    json(Request::post(&url("/session")).json(form)).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send(Request::delete(&url("/session")).build()).await.map(drop)
}

/// The public status check by request number and IIN/BIN.
pub async fn public_status(number: &str, iin: &str) -> Result<PublicStatus, ApiError> {
    let query = [("number", number), ("iin", iin)];
    json(RequestBuilder::new(&url("/status")).query(query).build()).await
}

/// Attaches a scanned document to a draft, reporting the share uploaded (0–100) as it goes:
/// `fetch` cannot tell upload progress, `XMLHttpRequest` can.
pub async fn attach(
    number: &str,
    document: &str,
    name: &str,
    file: &[u8],
    progress: impl Fn(u32) + 'static,
) -> Result<AttachmentView, ApiError> {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast as _;
    use wasm_bindgen::closure::Closure;

    let unavailable = |_| ApiError::new(ErrorCode::Unavailable);
    let xhr = web_sys::XmlHttpRequest::new().map_err(unavailable)?;
    let name = String::from(js_sys::encode_uri_component(name));
    let address = url(&format!("/requests/{number}/attachments/{document}?name={name}"));
    xhr.open("PUT", &address).map_err(unavailable)?;
    xhr.set_request_header("content-type", "application/octet-stream").map_err(unavailable)?;
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                let share = (event.loaded() * 100.0 / event.total()).clamp(0.0, 100.0).round();
                // Exact: a whole number from 0 to 100. (Formatting the float instead would bring
                // the float printer, 5 KB, into the first load.)
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                progress(share as u32);
            }
        });
    xhr.upload().map_err(unavailable)?.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    let (done, finished) = futures::channel::oneshot::channel::<()>();
    let done = Rc::new(RefCell::new(Some(done)));
    let on_end = Closure::<dyn FnMut()>::new(move || {
        if let Some(done) = done.borrow_mut().take() {
            let _ = done.send(());
        }
    });
    xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    xhr.send_with_opt_u8_array(Some(file)).map_err(unavailable)?;
    let _ = finished.await;
    let status = xhr.status().unwrap_or_default();
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&status) {
        serde_json::from_str(&body).map_err(|_| ApiError::new(ErrorCode::Internal))
    } else {
        Err(serde_json::from_str(&body).unwrap_or_else(|_| ApiError::new(ErrorCode::Unavailable)))
    }
}

/// Where the file attached for a document of a request is.
pub fn attachment(number: &str, document: &str) -> String {
    url(&format!("/requests/{number}/attachments/{document}"))
}

/// Removes the file attached for a document of a draft.
pub async fn detach(number: &str, document: &str) -> Result<(), ApiError> {
    send(Request::delete(&attachment(number, document)).build()).await.map(drop)
}

/// The applicant's answers to the survey after the service.
pub async fn answer_survey(number: &str, answers: &SurveyAnswers) -> Result<RequestView, ApiError> {
    json(Request::post(&url(&format!("/requests/{number}/survey"))).json(answers)).await
}

/// The open figures of every provider, for anyone.
pub async fn statistics() -> Result<Statistics, ApiError> {
    json(get("/statistics")).await
}

/// The signed-in staff member's provider at a glance.
pub async fn dashboard() -> Result<Dashboard, ApiError> {
    json(get("/office/dashboard")).await
}

/// The latest changes of the signed-in person's requests.
pub async fn notifications() -> Result<Notifications, ApiError> {
    json(get("/notifications")).await
}

/// Counts everything listed now as seen.
pub async fn notifications_seen() -> Result<(), ApiError> {
    send(Request::post(&url("/notifications/seen")).build()).await.map(drop)
}

/// Saves the language and e-mail address of the person's notifications.
pub async fn save_preferences(preferences: &Preferences) -> Result<Me, ApiError> {
    json(Request::put(&url("/session/preferences")).json(preferences)).await
}

/// Whether a scanned QR code's request and digest name a document the portal issued.
pub async fn verify_scanned(request: &str, hash: &str) -> Result<DocumentCheck, ApiError> {
    let query = [("request", request), ("hash", hash)];
    json(RequestBuilder::new(&url("/documents/verify")).query(query).build()).await
}

/// Whether a PDF file is one the portal issued, unchanged.
pub async fn verify_file(pdf: Vec<u8>) -> Result<DocumentCheck, ApiError> {
    let body = js_sys::Uint8Array::from(pdf.as_slice());
    json(
        Request::post(&url("/documents/verify"))
            .header("content-type", "application/pdf")
            .body(body),
    )
    .await
}

/// The application as filed and signed, as a PDF.
pub fn application_pdf(number: &str) -> String {
    url(&format!("/requests/{number}/application.pdf"))
}

/// The receipt of a request filed at a CSC counter, to print.
pub fn receipt_pdf(number: &str) -> String {
    url(&format!("/requests/{number}/receipt.pdf"))
}

/// A refusal receipt, to print.
pub fn refusal_receipt_pdf(number: &str) -> String {
    url(&format!("/csc/refusals/{number}/receipt.pdf"))
}

/// A page of the registries of the signed-in operator's centre or chancellery's provider.
pub async fn registries(page: i64) -> Result<Page<RegistryView>, ApiError> {
    let page = page.to_string();
    json(RequestBuilder::new(&url("/registries")).query([("page", page.as_str())]).build()).await
}

/// Forms a registry of everything waiting to go to `to` (a provider, or a centre).
pub async fn form_registry(to: &str) -> Result<RegistryView, ApiError> {
    json(Request::post(&url("/registries")).json(&NewRegistry { to: to.to_owned() })).await
}

/// The receiving side's marks on a registry.
pub async fn receive_registry(
    number: &str,
    receipt: &RegistryReceipt,
) -> Result<RegistryView, ApiError> {
    json(Request::post(&url(&format!("/registries/{number}/receipt"))).json(receipt)).await
}

/// A registry, to print in two copies.
pub fn registry_pdf(number: &str) -> String {
    url(&format!("/registries/{number}/pdf"))
}

/// Hands the result over at the counter.
pub async fn handover(number: &str, handover: &Handover) -> Result<RequestView, ApiError> {
    json(Request::post(&url(&format!("/requests/{number}/handover"))).json(handover)).await
}

/// Refuses a counter draft that lacks documents; the draft is deleted.
pub async fn refuse_at_counter(number: &str) -> Result<RefusalView, ApiError> {
    json(Request::post(&url(&format!("/requests/{number}/refusal"))).build()).await
}

/// Where a request's signed result is, as a PDF shown in the browser or saved.
pub fn result_pdf(number: &str, download: bool) -> String {
    let query = if download { "?download=true" } else { "" };
    url(&format!("/requests/{number}/result.pdf{query}"))
}

/// A page of the signed-in person's requests, by status and part of the number.
pub async fn history(
    status: Option<Status>,
    number: &str,
    page: i64,
) -> Result<Page<RequestSummary>, ApiError> {
    let page = page.to_string();
    let mut query = vec![("page", page.as_str())];
    if let Some(status) = status {
        query.push(("status", status.as_str()));
    }
    if !number.is_empty() {
        query.push(("number", number));
    }
    json(RequestBuilder::new(&url("/requests")).query(query).build()).await
}

/// One request, with its history, as the signed-in person may see it.
pub async fn request(number: &str) -> Result<RequestView, ApiError> {
    json(get(&format!("/requests/{number}"))).await
}

/// A page of what waits for the signed-in staff member, of one service and in one status when
/// given.
pub async fn queue(
    service: Option<ServiceCode>,
    status: Option<Status>,
    page: i64,
) -> Result<Page<RequestSummary>, ApiError> {
    let page = page.to_string();
    let mut query = vec![("page", page.as_str())];
    if let Some(service) = service {
        query.push(("service", service.as_str()));
    }
    if let Some(status) = status {
        query.push(("status", status.as_str()));
    }
    json(RequestBuilder::new(&url("/queue")).query(query).build()).await
}

/// A fresh challenge to sign in with a signature.
pub async fn challenge() -> Result<Challenge, ApiError> {
    json(Request::post(&url("/session/challenge")).build()).await
}

/// Signs in with the challenge signed by a sign-in key.
pub async fn sign_in_with_signature(form: &SignatureSignIn) -> Result<Me, ApiError> {
    json(Request::post(&url("/session/signature")).json(form)).await
}

/// Starts signing with eGov Mobile: the QR code to show and the session to watch.
pub async fn start_mobile_sign(what: &MobileSignFor) -> Result<MobileSigning, ApiError> {
    json(Request::post(&url("/mobile-sign")).json(what)).await
}

/// Where the phone is with a signing session.
pub async fn mobile_sign_status(id: &str) -> Result<MobileSignStatus, ApiError> {
    json(get(&format!("/mobile-sign/{id}"))).await
}

/// Gives a signing session up: the phone is told it is closed.
pub async fn cancel_mobile_sign(id: &str) -> Result<(), ApiError> {
    send(Request::delete(&url(&format!("/mobile-sign/{id}"))).build()).await.map(drop)
}

/// The demo's key files, when the portal trusts its test CA.
pub async fn demo_key_files() -> Result<Vec<DemoKeyFile>, ApiError> {
    json(get("/demo/key-files")).await
}

/// The signed-in person's own requests of this service and kind that a new one would repeat.
pub async fn earlier(service: ServiceCode, kind: &str) -> Result<Earlier, ApiError> {
    let query = [("service", service.as_str()), ("kind", kind)];
    json(RequestBuilder::new(&url("/requests/earlier")).query(query).build()).await
}

/// The signed-in applicant, or the principal they file for, as the state registry knows them.
pub async fn registry_me(on_behalf_of: Option<&str>) -> Result<RegistryRecord, ApiError> {
    let query = on_behalf_of.map(|principal| ("on_behalf_of", principal));
    json(RequestBuilder::new(&url("/registry/me")).query(query).build()).await
}

/// Sets the signed-in account's password.
pub async fn set_password(change: &PasswordChange) -> Result<Me, ApiError> {
    json(Request::put(&url("/session/password")).json(change)).await
}

/// The powers of attorney the signed-in applicant granted, and those granted to them.
pub async fn powers() -> Result<Powers, ApiError> {
    json(get("/powers")).await
}

/// Grants a signed power of attorney.
pub async fn grant_power(new: &NewPower) -> Result<PowerView, ApiError> {
    json(Request::post(&url("/powers")).json(new)).await
}

/// Revokes a power of attorney the signed-in applicant granted.
pub async fn revoke_power(id: i64) -> Result<(), ApiError> {
    send(Request::delete(&url(&format!("/powers/{id}"))).build()).await.map(drop)
}

/// The specialists of the signed-in department head's department.
pub async fn specialists() -> Result<Vec<StaffMember>, ApiError> {
    json(get("/office/specialists")).await
}

/// A step of the workflow on a request.
pub async fn act(number: &str, step: &StepAction) -> Result<RequestView, ApiError> {
    json(Request::post(&url(&format!("/requests/{number}/actions"))).json(step)).await
}

pub async fn create_request(new: &NewRequest) -> Result<RequestView, ApiError> {
    json(Request::post(&url("/requests")).json(new)).await
}

pub async fn update_form(number: &str, update: &FormUpdate) -> Result<RequestView, ApiError> {
    json(Request::put(&url(&format!("/requests/{number}/form"))).json(update)).await
}

/// Files a signed draft; `key` makes a retry safe (the same key files nothing twice).
pub async fn submit(
    number: &str,
    key: &str,
    submission: &Submission,
) -> Result<RequestView, ApiError> {
    json(
        Request::post(&url(&format!("/requests/{number}/submit")))
            .header("idempotency-key", key)
            .json(submission),
    )
    .await
}
