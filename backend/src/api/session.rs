//! Signing in and out: `POST`, `GET` and `DELETE /api/v1/session`.

use std::sync::OnceLock;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use qyzmet_shared::account::{Me, PasswordChange, SignIn, password_mistake};
use qyzmet_shared::form::{self, FieldError};
use qyzmet_shared::notification::{CONTACT_EMAIL, Preferences};
use qyzmet_shared::signature::{Challenge, CompanyRole, Purpose, SignatureSignIn, sign_in_bytes};
use qyzmet_shared::{ApiError, ErrorCode, IdNumber, Subject, Text};

use crate::AppState;
use crate::auth::{
    self, Client, FAILURE_WINDOW_SECONDS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS,
    SESSION_SECONDS, SignedIn,
};
use crate::error::{AppError, AppResult};
use crate::password;
use crate::signatures;
use crate::store::Account;

#[utoipa::path(post, path = "/session", tag = "session", request_body = SignIn,
    responses((status = 200, body = Me, description = "Signed in; the session cookie is set (HttpOnly, SameSite=Strict)"),
        (status = 401, body = ApiError, description = "invalid_credentials"),
        (status = 403, body = ApiError, description = "signature_required: the password is right, but staff sign in with their digital signature only"),
        (status = 422, body = ApiError, description = "invalid_iin / invalid_bin on `id_number`"),
        (status = 429, body = ApiError, description = "too_many_attempts")))]
pub async fn sign_in(
    State(state): State<AppState>,
    Client(client): Client,
    Json(form): Json<SignIn>,
) -> AppResult<Response> {
    let id_number = IdNumber::parse(&form.id_number)
        .map_err(|why| ApiError::invalid_id_number("id_number", why))?
        .to_string();
    let account_key = format!("account:{id_number}");
    let address_key = format!("address:{client}");
    let sessions = state.store.sessions();
    let limits = state.store.rate_limits();
    limits.check(&account_key, MAX_FAILURES_PER_ACCOUNT, FAILURE_WINDOW_SECONDS).await?;
    limits.check(&address_key, MAX_FAILURES_PER_ADDRESS, FAILURE_WINDOW_SECONDS).await?;

    let account = state.store.accounts().by_id_number(&id_number).await?;
    let Some(account) = check_password(account, form.password).await? else {
        sessions
            .record_failure(
                &id_number,
                &client.to_string(),
                &[&account_key, &address_key],
                FAILURE_WINDOW_SECONDS,
            )
            .await?;
        tracing::info!(%id_number, client = %client, "sign-in refused");
        return Err(ApiError::new(ErrorCode::InvalidCredentials).on_field("password").into());
    };
    limits.clear(&account_key).await?;
    // Told only to whoever knows the password: that this account is staff, and signs in by key.
    if account.role.signs_in_with_signature() {
        tracing::info!(%id_number, client = %client, "a staff password sign-in refused: signature only");
        return Err(ApiError::new(ErrorCode::SignatureRequired).into());
    }
    open_session(&state, &account, client).await
}

/// Opens a session for the account and sets its cookie.
async fn open_session(
    state: &AppState,
    account: &Account,
    client: std::net::IpAddr,
) -> AppResult<Response> {
    let (token, token_hash) = auth::new_token();
    state
        .store
        .sessions()
        .create(&token_hash, account, state.store.now() + SESSION_SECONDS, &client.to_string())
        .await?;
    tracing::info!(id_number = %account.id_number, role = account.role.as_str(), "signed in");
    let cookie =
        [(header::SET_COOKIE, auth::session_cookie(&token, SESSION_SECONDS, state.secure_cookies))];
    Ok((cookie, Json(me(account))).into_response())
}

/// How long a sign-in challenge may wait for its signature.
const CHALLENGE_SECONDS: i64 = 5 * 60;
/// Challenges handed out per address within the failure window.
const CHALLENGES_PER_ADDRESS: i64 = 60;

/// A fresh challenge to sign with a sign-in key.
#[utoipa::path(post, path = "/session/challenge", tag = "session",
    responses((status = 200, body = Challenge, description = "Sign `qyzmet-sign-in:{nonce}` within 5 minutes"),
        (status = 429, body = ApiError, description = "too_many_attempts")))]
pub async fn challenge(
    State(state): State<AppState>,
    Client(client): Client,
) -> AppResult<Json<Challenge>> {
    let key = format!("challenge:{client}");
    let limits = state.store.rate_limits();
    limits.admit(&key, CHALLENGES_PER_ADDRESS, FAILURE_WINDOW_SECONDS).await?;
    let (id, id_hash) = auth::new_token();
    let (nonce, _) = auth::new_token();
    let expires_at = state.store.now() + CHALLENGE_SECONDS;
    state.store.challenges().issue(&id_hash, &nonce, expires_at).await?;
    Ok(Json(Challenge { id, nonce, expires_at }))
}

/// Signs in with a signature of the challenge by a sign-in key (key usage client
/// authentication): a company employee's certificate opens the company's account, anyone
/// else's the person's.
#[utoipa::path(post, path = "/session/signature", tag = "session", request_body = SignatureSignIn,
    responses((status = 200, body = Me, description = "Signed in; the session cookie is set"),
        (status = 401, body = ApiError, description = "unknown_signer"),
        (status = 422, body = ApiError, description = "challenge_expired, or the signature refused (signature_*, certificate_*)"),
        (status = 429, body = ApiError, description = "too_many_attempts")))]
pub async fn sign_in_with_signature(
    State(state): State<AppState>,
    Client(client): Client,
    Json(form): Json<SignatureSignIn>,
) -> AppResult<Response> {
    use base64::Engine as _;
    let address_key = format!("address:{client}");
    let limits = state.store.rate_limits();
    limits.check(&address_key, MAX_FAILURES_PER_ADDRESS, FAILURE_WINDOW_SECONDS).await?;
    let attempt = async {
        let nonce = state
            .store
            .challenges()
            .take(&auth::token_hash(&form.challenge))
            .await?
            .ok_or_else(|| ApiError::new(ErrorCode::ChallengeExpired))?;
        let cms = base64::engine::general_purpose::STANDARD
            .decode(form.cms.trim())
            .map_err(|_| ApiError::new(ErrorCode::SignatureMalformed).on_field("cms"))?;
        let bytes = sign_in_bytes(&nonce);
        let verified = signatures::verify_now(
            state.ocsp.as_deref(),
            &state.trust.current(),
            (&cms, Some(&bytes)),
            state.store.now(),
            (Purpose::Authentication, None),
        )
        .await
        .map_err(|refusal| ApiError::new(refusal.code).on_field("cms"))?;
        let signer = verified.signer;
        // The company's first head or an employee with the right to sign signs in as the
        // company; anyone else as themselves.
        let for_company = signer.role.is_some_and(CompanyRole::acts_for_company);
        let company = signer.bin.clone().filter(|_| for_company);
        let holder = company.clone().or_else(|| signer.iin.clone()).unwrap_or_default();
        match state.store.accounts().by_id_number(&holder).await? {
            Some(account) => Ok(account),
            // A person signing in for the first time: their account opens from the certificate.
            None if company.is_none() => register(&state, &holder, &signer.name).await,
            None => Err(AppError::from(ApiError::new(ErrorCode::UnknownSigner))),
        }
    };
    match attempt.await {
        Ok(account) => open_session(&state, &account, client).await,
        Err(refused) => {
            limits.record(&address_key, FAILURE_WINDOW_SECONDS);
            tracing::info!(client = %client, "sign-in with a signature refused");
            Err(refused)
        }
    }
}

/// Opens the account of a citizen who signed in with a signature for the first time: named as
/// the state registry has them, or else as their certificate does. No password opens it until
/// they set one.
async fn register(state: &AppState, iin: &str, certificate_name: &str) -> AppResult<Account> {
    let unknown = || AppError::from(ApiError::new(ErrorCode::UnknownSigner));
    if !matches!(IdNumber::parse(iin), Ok(IdNumber::Iin(_))) {
        return Err(unknown());
    }
    let record = crate::registry::record(state.registry.as_ref(), iin).await?;
    let full_name = record
        .and_then(|record| record.person_name())
        .unwrap_or_else(|| title_case(certificate_name));
    state.store.accounts().open_applicant(iin, Subject::Individual, &full_name, iin).await
}

/// `НҰРЛАНОВА АЙГҮЛ` → `Нұрланова Айгүл`: certificates name people in capitals.
fn title_case(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut letters = word.chars();
            letters.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(letters.flat_map(char::to_lowercase)).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[utoipa::path(get, path = "/session", tag = "session", security(("session" = [])),
    responses((status = 200, body = Me), (status = 401, body = ApiError, description = "not_signed_in")))]
pub async fn current(SignedIn(account): SignedIn) -> Json<Me> {
    Json(me(&account))
}

#[utoipa::path(delete, path = "/session", tag = "session",
    responses((status = 204, description = "The session is ended and the cookie cleared")))]
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = auth::session_token(&headers, state.secure_cookies) {
        state.store.sessions().delete(&auth::token_hash(token)).await?;
    }
    let cookie = [(header::SET_COOKIE, auth::session_cookie("", 0, state.secure_cookies))];
    Ok((StatusCode::NO_CONTENT, cookie).into_response())
}

/// The account when the password matches. Argon2 takes tens of milliseconds, so it runs off the
/// async workers; an unknown IIN/BIN is checked against a dummy hash so that the answer takes as
/// long and does not tell which numbers have accounts.
async fn check_password(account: Option<Account>, password: String) -> AppResult<Option<Account>> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let stored = match &account {
        Some(account) => account.password_hash.clone(),
        None => DUMMY
            .get_or_init(|| password::hash("no account has this password").unwrap_or_default())
            .clone(),
    };
    let matches = tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .map_err(|e| AppError::Password(e.to_string()))?;
    Ok(account.filter(|_| matches))
}

fn me(account: &Account) -> Me {
    Me {
        id_number: account.id_number.clone(),
        subject: account.subject,
        full_name: account.full_name.clone(),
        role: account.role,
        provider: account.provider.clone(),
        department: account.department.clone(),
        csc: account.csc.clone(),
        email: account.email.clone(),
        lang: account.lang,
        has_password: password::is_set(&account.password_hash),
    }
}

/// Sets a new password: the first for an account opened by a signature, or in place of the
/// current one, which must be given (wrong ones count towards the sign-in limit).
#[utoipa::path(put, path = "/session/password", tag = "session", security(("session" = [])),
    request_body = PasswordChange,
    responses((status = 200, body = Me, description = "Saved; the password opens the account from now on, and every other session of the account is ended"),
        (status = 401, body = ApiError, description = "not_signed_in, or invalid_credentials on `current`"),
        (status = 422, body = ApiError, description = "invalid_form: the new password, on field `new`"),
        (status = 429, body = ApiError, description = "too_many_attempts")))]
pub async fn set_password(
    State(state): State<AppState>,
    Client(client): Client,
    SignedIn(account): SignedIn,
    headers: HeaderMap,
    Json(change): Json<PasswordChange>,
) -> AppResult<Json<Me>> {
    if let Some(message) = password_mistake(&change.new) {
        let field = FieldError { field: "new".to_owned(), message };
        return Err(ApiError::invalid_form(vec![field]).into());
    }
    if password::is_set(&account.password_hash) {
        let account_key = format!("account:{}", account.id_number);
        let limits = state.store.rate_limits();
        limits.check(&account_key, MAX_FAILURES_PER_ACCOUNT, FAILURE_WINDOW_SECONDS).await?;
        if check_password(Some(account.clone()), change.current).await?.is_none() {
            limits.record(&account_key, FAILURE_WINDOW_SECONDS);
            tracing::info!(id_number = %account.id_number, client = %client, "password change refused");
            let wrong = ApiError {
                message: Text::new(
                    "Қазіргі құпиясөз қате. Оны қайта енгізіңіз.",
                    "Текущий пароль неверен. Введите его ещё раз.",
                ),
                ..ApiError::new(ErrorCode::InvalidCredentials)
            };
            return Err(wrong.on_field("current").into());
        }
    }
    let new = change.new;
    let hash = tokio::task::spawn_blocking(move || password::hash(&new))
        .await
        .map_err(|e| AppError::Password(e.to_string()))??;
    state.store.accounts().set_password(&account, &hash).await?;
    // Whoever knew the old password is signed out everywhere but here.
    let this = auth::session_token(&headers, state.secure_cookies).map(auth::token_hash);
    state.store.sessions().end_others(&account, this.as_deref().unwrap_or_default()).await?;
    let saved = state.store.accounts().by_id_number(&account.id_number).await?;
    Ok(Json(me(saved.as_ref().unwrap_or(&account))))
}

/// The language notifications come in (the one the person chose last) and the address they are
/// e-mailed to.
#[utoipa::path(put, path = "/session/preferences", tag = "session", security(("session" = [])),
    request_body = Preferences,
    responses((status = 200, body = Me, description = "Saved"),
        (status = 401, body = ApiError, description = "not_signed_in"),
        (status = 422, body = ApiError, description = "invalid_form: the e-mail address, on field `email`")))]
pub async fn preferences(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    Json(preferences): Json<Preferences>,
) -> AppResult<Json<Me>> {
    let email = preferences.email.trim();
    if let Some(message) = form::check(&CONTACT_EMAIL, email) {
        let field = FieldError { field: CONTACT_EMAIL.id.to_owned(), message };
        return Err(ApiError::invalid_form(vec![field]).into());
    }
    let email = (!email.is_empty()).then_some(email);
    state.store.accounts().set_preferences(&account, preferences.lang, email).await?;
    let saved = state.store.accounts().by_id_number(&account.id_number).await?;
    Ok(Json(me(saved.as_ref().unwrap_or(&account))))
}
