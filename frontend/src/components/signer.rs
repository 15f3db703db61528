//! Signing a filing with a key file, inside the browser: the person picks their `.p12` file and
//! types its password; the file is opened here, the CMS signature is made here over the filing's
//! exact bytes, and only the signature goes to the server. The key and the password never leave.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use leptos::prelude::*;
use qyzmet_shared::ApiError;
use qyzmet_shared::account::Me;
use qyzmet_shared::eds::keyfile::{self, KeyFileError};
use qyzmet_shared::eds::{Content, sign};
use qyzmet_shared::request::{Filing, RequestView, Submission};
use qyzmet_shared::signature::{Purpose, SignatureSignIn, sign_in_bytes};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::demo_keys::DemoKeyFiles;
use crate::i18n::{Key, t, use_lang};
use crate::{api, clock};

/// Why signing did not go through: here in the browser, or refused by the server.
#[derive(Debug, Clone)]
enum Failure {
    Here(Key),
    Server(ApiError),
}

fn key_file_failure(error: KeyFileError) -> Key {
    match error {
        KeyFileError::NotAKeyFile => Key::SignatureFileInvalid,
        KeyFileError::WrongPassword => Key::SignatureWrongPassword,
        KeyFileError::Unsupported => Key::SignatureUnsupported,
        KeyFileError::NoKey => Key::SignatureFileEmpty,
    }
}

/// The bytes of the file chosen in the `<input type="file">` with this id.
async fn chosen_file(input_id: &str) -> Result<Vec<u8>, Failure> {
    let file = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(input_id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
        .ok_or(Failure::Here(Key::SignatureFileMissing))?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| Failure::Here(Key::SignatureFileInvalid))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Opens the chosen key file and signs `data` with it, here.
async fn sign_with_key_file(
    input_id: &str,
    password: &str,
    data: &[u8],
    content: Content,
) -> Result<String, Failure> {
    let file = chosen_file(input_id).await?;
    let opened = keyfile::open(&file, password).map_err(|e| Failure::Here(key_file_failure(e)))?;
    let cms = sign(data, &opened.certificate, &opened.key, clock::now(), content)
        .map_err(|_| Failure::Here(Key::SignatureUnsupported))?;
    Ok(STANDARD.encode(cms))
}

/// Signs the filing and files it.
async fn sign_and_file(request: RequestView, password: String) -> Result<RequestView, Failure> {
    let bytes = Filing::from(&request).signed_bytes();
    let cms = sign_with_key_file("key-file", &password, &bytes, Content::Detached).await?;
    // One key per draft: a retried or doubled click files it once.
    let key = format!("portal-{}", request.number);
    api::submit(&request.number, &key, &Submission { cms }).await.map_err(Failure::Server)
}

/// Signs a fresh challenge with the sign-in key and signs in.
async fn sign_in_with_key_file(password: String) -> Result<Me, Failure> {
    let challenge = api::challenge().await.map_err(Failure::Server)?;
    let bytes = sign_in_bytes(&challenge.nonce);
    let cms = sign_with_key_file("sign-in-key-file", &password, &bytes, Content::Attached).await?;
    api::sign_in_with_signature(&SignatureSignIn { challenge: challenge.id, cms })
        .await
        .map_err(Failure::Server)
}

/// The key file, its password and the button, with what went wrong; `id` prefixes the inputs.
#[component]
fn KeyFileForm(
    id: &'static str,
    heading: Key,
    button: Key,
    busy: Key,
    purpose: Purpose,
    pending: Signal<bool>,
    failure: RwSignal<Option<Failure>>,
    run: Callback<String>,
) -> impl IntoView {
    let lang = use_lang();
    let password = RwSignal::new(String::new());
    let message = move || {
        failure.get().map(|failure| match failure {
            Failure::Here(key) => key.get(lang.get()).to_owned(),
            Failure::Server(error) => error.message.get(lang.get()).to_owned(),
        })
    };
    let (file_id, password_id, heading_id) =
        (format!("{id}-file"), format!("{id}-password"), format!("{id}-heading"));
    let (file_label, password_label, labelled_by) =
        (file_id.clone(), password_id.clone(), heading_id.clone());
    view! {
        <section class="signer" aria-labelledby=labelled_by>
            <h2 id=heading_id>{t(heading)}</h2>
            <p class="field-hint">{t(Key::SignatureStaysHere)}</p>
            <DemoKeyFiles purpose/>
            {move || message().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="field">
                <label for=file_label>{t(Key::SignatureFile)}</label>
                <input id=file_id type="file" accept=".p12,.pfx,application/x-pkcs12"
                    on:change=move |_| failure.set(None)/>
            </div>
            <div class="field">
                <label for=password_label>{t(Key::SignaturePassword)}</label>
                <input id=password_id type="password" autocomplete="off" bind:value=password/>
            </div>
            <div class="action-buttons">
                <button type="button" disabled=move || pending.get()
                    on:click=move |_| { failure.set(None); run.run(password.get_untracked()); }>
                    {move || if pending.get() { t(busy)() } else { t(button)() }}
                </button>
            </div>
        </section>
    }
}

/// «Sign»: signs the filing with a key file and files it.
#[component]
pub fn KeyFileSigner(request: RequestView, filed: Callback<RequestView>) -> impl IntoView {
    let failure = RwSignal::new(None::<Failure>);
    let signing = Action::new_local(move |password: &String| {
        sign_and_file(request.clone(), password.clone())
    });
    Effect::new(move || match signing.value().get() {
        Some(Ok(request)) => filed.run(request),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    view! {
        <KeyFileForm id="key" heading=Key::SignTitle button=Key::Sign busy=Key::Signing
            purpose=Purpose::Signing pending=signing.pending().into() failure
            run=Callback::new(move |password| { signing.dispatch_local(password); })/>
    }
}

/// Sign-in with the sign-in key of a key file.
#[component]
pub fn KeyFileSignIn(signed_in: Callback<Me>) -> impl IntoView {
    let failure = RwSignal::new(None::<Failure>);
    let signing =
        Action::new_local(move |password: &String| sign_in_with_key_file(password.clone()));
    Effect::new(move || match signing.value().get() {
        Some(Ok(me)) => signed_in.run(me),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    view! {
        <KeyFileForm id="sign-in-key" heading=Key::SignInWithSignature button=Key::SignInWithKeyFile
            busy=Key::SigningIn purpose=Purpose::Authentication pending=signing.pending().into()
            failure run=Callback::new(move |password| { signing.dispatch_local(password); })/>
    }
}
