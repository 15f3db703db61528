//! The phone's side of signing with eGov Mobile, as eGov's «QR signing» protocol has relying
//! parties serve it. API 1 (`GET /mgovSign/{link}`, the address in the QR code) tells the phone
//! who asks and hands it a one-time token; API 2 (`/mgovSign/{link}/document`, with that token as
//! a Bearer) serves the document (`GET`) and takes its signature (`PUT`), which is verified as any
//! signature the portal accepts. Every refusal is `{"message"}` in the phone's `Accept-Language`
//! (kk, ru or en), which the app shows; the page learns the outcome from `mobile_sign`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_shared::api::API_PREFIX;
use qyzmet_shared::calendar::{Date, KAZAKHSTAN_OFFSET_SECONDS};
use qyzmet_shared::error::whole_minutes;
use qyzmet_shared::mobile_sign::MobileSignState;
use qyzmet_shared::signature::Purpose;
use qyzmet_shared::{ApiError, ErrorCode, Lang};
use serde::{Deserialize, Serialize};

use super::files;
use crate::AppState;
use crate::auth::{self, Client};
use crate::engine;
use crate::error::AppError;
use crate::signatures;
use crate::store::{MobileSign, MobileSignOutcome};

/// What API 1 answers.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SigningRequest {
    /// What the person is asked to sign, in the phone's language.
    pub description: String,
    /// `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, Kazakhstan time (`+0500`).
    pub expiry_date: String,
    pub organisation: Organisation,
    pub document: DocumentLink,
}

/// Who asks for the signature: the portal's operator.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Organisation {
    #[serde(rename = "nameRu")]
    pub name_ru: String,
    #[serde(rename = "nameKz")]
    pub name_kz: String,
    #[serde(rename = "nameEn")]
    pub name_en: String,
    pub bin: String,
}

/// Where the document is (API 2), and the token that opens it.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DocumentLink {
    pub uri: String,
    /// Always `Token`: the phone sends `Authorization: Bearer <auth_token>`.
    pub auth_type: String,
    pub auth_token: String,
}

/// What API 2 serves — the package of documents to sign — and what the phone sends back with
/// each `data` signed.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Package {
    /// Always `CMS_SIGN_ONLY`: a detached CMS over the served bytes.
    #[serde(rename = "signMethod")]
    pub sign_method: String,
    pub version: u32,
    #[serde(rename = "documentsToSign")]
    pub documents_to_sign: Vec<DocumentToSign>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DocumentToSign {
    pub id: u32,
    // What the phone sends back is read for `id` and `data` only: the names need not come back.
    #[serde(rename = "nameRu", default)]
    pub name_ru: String,
    #[serde(rename = "nameKz", default)]
    pub name_kz: String,
    #[serde(rename = "nameEn", default)]
    pub name_en: String,
    #[serde(default)]
    pub meta: Vec<Meta>,
    pub document: FileHolder,
}

/// A line the app shows beside the document's name.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Meta {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FileHolder {
    pub file: File,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct File {
    pub mime: String,
    /// Base64: the bytes to sign when served, the CMS when sent back.
    pub data: String,
}

/// A refusal the app shows.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PhoneMessage {
    pub message: String,
    /// The portal's stable error code, for programs.
    pub code: ErrorCode,
}

/// Addresses or tokens that lead nowhere, per address in 10 minutes, before the phone's calls
/// from that address are refused for a while.
const MISSES_PER_ADDRESS: i64 = 30;
const MISS_WINDOW_SECONDS: i64 = 10 * 60;

/// API 1: the phone read the QR code. Once only: the session is marked scanned and its one-time
/// token handed out.
#[utoipa::path(get, path = "/mgovSign/{link}", tag = "egov_mobile",
    params(("link" = String, Path, description = "The secret from the QR code"),
        ("Accept-Language" = Option<String>, Header, description = "kk, ru or en")),
    responses((status = 200, body = SigningRequest, description = "Who asks, until when, and where the document is"),
        (status = 403, body = PhoneMessage, description = "mobile_sign_expired or mobile_sign_used"),
        (status = 404, body = PhoneMessage, description = "No such QR code"),
        (status = 429, body = PhoneMessage, description = "Too many addresses that lead nowhere from this address")))]
pub async fn signing_request(
    State(state): State<AppState>,
    Caller { client, lang, .. }: Caller,
    Path(link): Path<String>,
) -> Response {
    let answer = async {
        let signs = state.store.mobile_signs();
        let link_hash = auth::token_hash(&link);
        let Some(session) = signs.by_link(&link_hash).await? else {
            return Ok(missed(&state, client, lang, StatusCode::NOT_FOUND).await);
        };
        if let Some(refusal) = closed(&session, MobileSignState::Waiting, state.store.now()) {
            return Ok(refused(lang, refusal));
        }
        let (token, token_hash) = auth::new_token();
        if !signs.scan(&link_hash, &token_hash).await? {
            return Ok(refused(lang, ErrorCode::MobileSignUsed));
        }
        let request = SigningRequest {
            description: description(lang, &session),
            expiry_date: expiry_date(session.expires_at),
            organisation: Organisation {
                name_ru: "Портал государственных услуг «Qyzmet»".to_owned(),
                name_kz: "«Qyzmet» мемлекеттік қызметтер порталы".to_owned(),
                name_en: "Qyzmet state services portal".to_owned(),
                bin: state.operator_bin.clone().unwrap_or_default(),
            },
            document: DocumentLink {
                uri: format!("{}{API_PREFIX}/mgovSign/{link}/document", files::origin(&state)),
                auth_type: "Token".to_owned(),
                auth_token: token,
            },
        };
        Ok(Json(request).into_response())
    };
    answered(lang, answer.await)
}

/// API 2, `GET`: the document to sign, with the token API 1 gave.
#[utoipa::path(get, path = "/mgovSign/{link}/document", tag = "egov_mobile",
    params(("link" = String, Path), ("Accept-Language" = Option<String>, Header, description = "kk, ru or en")),
    security(("egov_mobile_token" = [])),
    responses((status = 200, body = Package, description = "The bytes to sign (`CMS_SIGN_ONLY`)"),
        (status = 401, body = PhoneMessage, description = "No token, or not this session's"),
        (status = 403, body = PhoneMessage, description = "mobile_sign_expired or mobile_sign_used"),
        (status = 429, body = PhoneMessage, description = "Too many wrong tokens from this address")))]
pub async fn document(
    State(state): State<AppState>,
    Caller { client, lang, token }: Caller,
    Path(link): Path<String>,
) -> Response {
    let answer = async {
        let Some(session) = by_token(&state, token.as_deref(), &link).await? else {
            return Ok(missed(&state, client, lang, StatusCode::UNAUTHORIZED).await);
        };
        if let Some(refusal) = closed(&session, MobileSignState::Scanned, state.store.now()) {
            return Ok(refused(lang, refusal));
        }
        Ok(Json(documents(&state, lang, &session)).into_response())
    };
    answered(lang, answer.await)
}

/// API 2, `PUT`: the phone's signature. Checked once — chain to a trusted CA, validity,
/// revocation, the signer the session was started for, over the bytes served — and the page is
/// told through the session either way.
#[utoipa::path(put, path = "/mgovSign/{link}/document", tag = "egov_mobile",
    params(("link" = String, Path), ("Accept-Language" = Option<String>, Header, description = "kk, ru or en")),
    security(("egov_mobile_token" = [])), request_body = Package,
    responses((status = 200, description = "Signed: the page goes on"),
        (status = 400, body = PhoneMessage, description = "Not the document JSON, or no signature in it"),
        (status = 401, body = PhoneMessage, description = "No token, or not this session's"),
        (status = 403, body = PhoneMessage, description = "The signature refused (signer_mismatch, certificate_revoked, signature_invalid, …), mobile_sign_expired or mobile_sign_used"),
        (status = 429, body = PhoneMessage, description = "Too many wrong tokens from this address")))]
pub async fn sign(
    State(state): State<AppState>,
    Caller { client, lang, token }: Caller,
    Path(link): Path<String>,
    body: Bytes,
) -> Response {
    let answer = async {
        let Some(session) = by_token(&state, token.as_deref(), &link).await? else {
            return Ok(missed(&state, client, lang, StatusCode::UNAUTHORIZED).await);
        };
        let Some(cms) = signature_in(&body) else {
            let message = message(lang, ErrorCode::SignatureMalformed);
            let body = PhoneMessage { message, code: ErrorCode::SignatureMalformed };
            return Ok((StatusCode::BAD_REQUEST, Json(body)).into_response());
        };
        if let Some(refusal) = closed(&session, MobileSignState::Scanned, state.store.now()) {
            return Ok(refused(lang, refusal));
        }
        let signs = state.store.mobile_signs();
        if !signs.take_for_signing(session.id).await? {
            return Ok(refused(lang, ErrorCode::MobileSignUsed));
        }
        match verified(&state, &session, &cms).await {
            Ok(signer) => {
                let outcome = MobileSignOutcome::Signed { cms: &cms, signer: &signer };
                signs.finish(&session, &outcome).await?;
                Ok(Json(serde_json::json!({})).into_response())
            }
            Err(code) => {
                signs.finish(&session, &MobileSignOutcome::Refused { code }).await?;
                tracing::info!(?code, purpose = %session.purpose, "a phone's signature refused");
                Ok(refused(lang, code))
            }
        }
    };
    answered(lang, answer.await)
}

/// A phone's call: its address (for the limit on misses), the language it asks in, and the
/// Bearer token it carries, if any.
pub struct Caller {
    client: std::net::IpAddr,
    lang: PhoneLang,
    token: Option<String>,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = PhoneLang::of(&parts.headers);
        let Client(client) =
            Client::from_request_parts(parts, state).await.map_err(|error| failed(lang, &error))?;
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .map(str::to_owned);
        Ok(Caller { client, lang, token })
    }
}

/// The answer to the phone, or — when the portal itself failed — a message it can show.
fn answered(lang: PhoneLang, answer: Result<Response, AppError>) -> Response {
    answer.unwrap_or_else(|error| failed(lang, &error))
}

/// The session a Bearer token opens, when it is the session of this address.
async fn by_token(
    state: &AppState,
    token: Option<&str>,
    link: &str,
) -> Result<Option<MobileSign>, AppError> {
    let Some(token) = token else { return Ok(None) };
    let session = state.store.mobile_signs().by_token(&auth::token_hash(token)).await?;
    Ok(session.filter(|session| session.link_hash == auth::token_hash(link)))
}

/// Why a session cannot go on, at `now`, from where `expected` would have it.
fn closed(session: &MobileSign, expected: MobileSignState, now: i64) -> Option<ErrorCode> {
    match session.state(now) {
        now if now == expected => None,
        MobileSignState::Expired => Some(ErrorCode::MobileSignExpired),
        _ => Some(ErrorCode::MobileSignUsed),
    }
}

/// The CMS (base64) in the document JSON the phone sent back.
fn signature_in(body: &[u8]) -> Option<String> {
    let sent: Package = serde_json::from_slice(body).ok()?;
    let [signed] = sent.documents_to_sign.as_slice() else { return None };
    let cms = signed.document.file.data.trim();
    (signed.id == 1 && !cms.is_empty()).then(|| cms.to_owned())
}

/// The phone's signature verified for the session: the signer's IIN (or BIN), or why not.
async fn verified(state: &AppState, session: &MobileSign, cms: &str) -> Result<String, ErrorCode> {
    let now = state.store.now();
    let Some(holder) = &session.signer else {
        // Signing in: any trusted sign-in key; the page's sign-in says whose account it opens.
        let der = STANDARD.decode(cms).map_err(|_| ErrorCode::SignatureMalformed)?;
        let trust = state.trust.current();
        let purpose = (Purpose::Authentication, None);
        let verified = signatures::verify_now(
            state.ocsp.as_deref(),
            &trust,
            (&der, Some(&session.document)),
            now,
            purpose,
        )
        .await
        .map_err(|refusal| refusal.code)?;
        return Ok(verified.signer.iin.or(verified.signer.bin).unwrap_or_default());
    };
    match engine::verified(state, Some(cms), &session.document, holder, now).await {
        Ok(signature) => Ok(signature.signer.iin.unwrap_or_else(|| holder.clone())),
        Err(AppError::Api(error)) => Err(error.code),
        Err(error) => {
            tracing::error!(%error, "a phone's signature could not be checked");
            Err(ErrorCode::Internal)
        }
    }
}

/// The document as API 2 serves it, named in the three languages the app shows.
fn documents(state: &AppState, lang: PhoneLang, session: &MobileSign) -> Package {
    let [name_kz, name_ru, name_en] =
        [PhoneLang::Kk, PhoneLang::Ru, PhoneLang::En].map(|lang| title(lang, session));
    let mut meta = vec![Meta {
        name: lang.pick("Портал", "Портал", "Portal").to_owned(),
        value: files::origin(state).to_owned(),
    }];
    if let Some(number) = &session.request_number {
        let name = lang.pick("Өтініш нөмірі", "Номер заявки", "Application number");
        meta.push(Meta { name: name.to_owned(), value: number.clone() });
    }
    if let Some(signer) = &session.signer {
        let name = lang.pick("Қол қоюшының ЖСН/БСН", "ИИН/БИН подписанта", "Signer's IIN/BIN");
        meta.push(Meta { name: name.to_owned(), value: signer.clone() });
    }
    Package {
        sign_method: "CMS_SIGN_ONLY".to_owned(),
        version: 1,
        documents_to_sign: vec![DocumentToSign {
            id: 1,
            name_ru,
            name_kz,
            name_en,
            meta,
            document: FileHolder {
                file: File {
                    mime: "text/plain".to_owned(),
                    data: STANDARD.encode(&session.document),
                },
            },
        }],
    }
}

/// The document's name in `lang`.
fn title(lang: PhoneLang, session: &MobileSign) -> String {
    let number = session.request_number.as_deref().unwrap_or_default();
    match session.purpose.as_str() {
        "filing" => lang.pick("Өтініш № ", "Заявление № ", "Application No. ").to_owned() + number,
        "result" => {
            lang.pick(
                "Қызмет нәтижесі, өтініш № ",
                "Результат услуги по заявлению № ",
                "Result of application No. ",
            )
            .to_owned()
                + number
        }
        "power_of_attorney" => {
            lang.pick("Сенімхат", "Доверенность", "Power of attorney").to_owned()
        }
        _ => lang.pick("Порталға кіру", "Вход на портал", "Sign-in to the portal").to_owned(),
    }
}

/// What API 1 says is asked, in `lang`.
fn description(lang: PhoneLang, session: &MobileSign) -> String {
    let asked = lang.pick("Қол қойыңыз: ", "Подпишите: ", "Please sign: ");
    format!("{asked}{}", title(lang, session))
}

/// `2026-11-30T15:05:00.000+0500`: Java's `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, in Kazakhstan time.
fn expiry_date(unix: i64) -> String {
    let date = Date::in_kazakhstan(unix);
    let second = (unix + KAZAKHSTAN_OFFSET_SECONDS).rem_euclid(86_400);
    let (hours, minutes) =
        (KAZAKHSTAN_OFFSET_SECONDS / 3600, KAZAKHSTAN_OFFSET_SECONDS % 3600 / 60);
    format!(
        "{date}T{:02}:{:02}:{:02}.000+{hours:02}{minutes:02}",
        second / 3600,
        second % 3600 / 60,
        second % 60
    )
}

/// A call whose address or token leads nowhere: counted against the caller's address.
async fn missed(
    state: &AppState,
    client: std::net::IpAddr,
    lang: PhoneLang,
    status: StatusCode,
) -> Response {
    let key = format!("phone:{client}");
    let limits = state.store.rate_limits();
    match limits.admit(&key, MISSES_PER_ADDRESS, MISS_WINDOW_SECONDS).await {
        Err(AppError::Limited { wait_seconds }) => {
            let code = ErrorCode::TooManyAttempts;
            let retry_after = [(header::RETRY_AFTER, wait_seconds.to_string())];
            let told = ApiError::too_many_attempts(wait_seconds).message;
            let message = match lang {
                PhoneLang::Kk => told.kk.into_owned(),
                PhoneLang::Ru => told.ru.into_owned(),
                PhoneLang::En => {
                    let minutes = whole_minutes(wait_seconds);
                    format!("Too many attempts. Try again in {minutes} min.")
                }
            };
            let body = PhoneMessage { message, code };
            (StatusCode::TOO_MANY_REQUESTS, retry_after, Json(body)).into_response()
        }
        Ok(()) => {
            let code = ErrorCode::MobileSignExpired;
            (status, Json(PhoneMessage { message: message(lang, code), code })).into_response()
        }
        Err(error) => failed(lang, &error),
    }
}

/// A refusal the app shows: 403 with the message in `lang`.
fn refused(lang: PhoneLang, code: ErrorCode) -> Response {
    (StatusCode::FORBIDDEN, Json(PhoneMessage { message: message(lang, code), code }))
        .into_response()
}

/// The portal could not answer (its database): 503 or 500, with a message the app shows.
fn failed(lang: PhoneLang, error: &AppError) -> Response {
    tracing::error!(%error, "a phone's call failed");
    let code = ErrorCode::Unavailable;
    (StatusCode::SERVICE_UNAVAILABLE, Json(PhoneMessage { message: message(lang, code), code }))
        .into_response()
}

/// The language the phone asks in (`Accept-Language`): Kazakh, Russian, or English, as the app
/// offers; Kazakh when it says none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PhoneLang {
    Kk,
    Ru,
    En,
}

impl PhoneLang {
    fn of(headers: &HeaderMap) -> PhoneLang {
        let asked = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        let tags = asked.into_iter().flat_map(|v| v.split(','));
        let first = tags.filter_map(|tag| tag.split(';').next()).find_map(|tag| {
            match tag.trim().split(['-', '_']).next()?.to_ascii_lowercase().as_str() {
                "kk" | "kz" => Some(PhoneLang::Kk),
                "ru" => Some(PhoneLang::Ru),
                "en" => Some(PhoneLang::En),
                _ => None,
            }
        });
        first.unwrap_or(PhoneLang::Kk)
    }

    fn pick(self, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
        match self {
            PhoneLang::Kk => kk,
            PhoneLang::Ru => ru,
            PhoneLang::En => en,
        }
    }
}

/// The message of `code` in `lang`: the portal's own in Kazakh and Russian, and in English for
/// what a phone can be told.
fn message(lang: PhoneLang, code: ErrorCode) -> String {
    match lang {
        PhoneLang::Kk => code.message().get(Lang::Kk).to_owned(),
        PhoneLang::Ru => code.message().get(Lang::Ru).to_owned(),
        PhoneLang::En => english(code).to_owned(),
    }
}

/// What the app shows in English.
fn english(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::MobileSignExpired => {
            "This signing request has expired or is not valid. Start signing again on the portal's page and scan the new QR code."
        }
        ErrorCode::MobileSignUsed => {
            "This QR code has been signed already, or signing was cancelled. Get a new QR code on the portal to sign again."
        }
        ErrorCode::SignerMismatch => {
            "The certificate's IIN/BIN is not that of the person who must sign this document. Sign with your own key."
        }
        ErrorCode::NoCompanyAuthority => {
            "Only the first head or an employee with the right to sign may sign for the company."
        }
        ErrorCode::CertificateRevoked => {
            "This certificate has been revoked by the certification authority. Get a new key from NCA RK."
        }
        ErrorCode::CertificateExpired | ErrorCode::CertificateNotYetValid => {
            "This certificate is not valid today. Sign with a key that is in force."
        }
        ErrorCode::CertificateUntrusted => {
            "This certificate was not issued by a certification authority the portal trusts (NCA RK)."
        }
        ErrorCode::CertificateWrongUsage => {
            "This key may not be used for this: sign in with an authentication key, sign documents with a signing key."
        }
        ErrorCode::RevocationUnknown | ErrorCode::TimestampUnavailable | ErrorCode::Unavailable => {
            "The portal cannot check the signature right now. Try again in a few minutes."
        }
        _ => {
            "The portal did not accept the signature: it does not match the document. Start signing again on the portal's page."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expiry_date_is_javas_pattern_in_kazakhstan_time() {
        // 2026-11-30 10:05:07 UTC is 15:05:07 in Astana.
        assert_eq!(expiry_date(1_796_033_107), "2026-11-30T15:05:07.000+0500");
    }

    #[test]
    fn the_phone_is_answered_in_the_language_it_asks() {
        let asking = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_LANGUAGE, value.parse().unwrap());
            PhoneLang::of(&headers)
        };
        assert_eq!(asking("ru"), PhoneLang::Ru);
        assert_eq!(asking("en-US,en;q=0.9"), PhoneLang::En);
        assert_eq!(asking("de, ru;q=0.5"), PhoneLang::Ru);
        assert_eq!(asking("kk-KZ"), PhoneLang::Kk);
        assert_eq!(PhoneLang::of(&HeaderMap::new()), PhoneLang::Kk);
        for code in ErrorCode::ALL {
            assert!(!message(PhoneLang::En, code).is_empty());
        }
    }
}
