//! Signing a filing with a key file, inside the browser: the person picks their `.p12` file and
//! types its password; the file is opened here, the CMS signature is made here over the filing's
//! exact bytes, and only the signature goes to the server. The key and the password never leave.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use leptos::prelude::*;
use qyzmet_shared::ApiError;
use qyzmet_shared::eds::keyfile::{self, KeyFileError};
use qyzmet_shared::eds::{Content, sign};
use qyzmet_shared::request::{Filing, RequestView, Submission};
use qyzmet_shared::signature::Purpose;
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

/// Opens the key file, signs the filing and files it.
async fn sign_and_file(request: RequestView, password: String) -> Result<RequestView, Failure> {
    let file = chosen_file("key-file").await?;
    let opened = keyfile::open(&file, &password).map_err(|e| Failure::Here(key_file_failure(e)))?;
    let bytes = Filing::from(&request).signed_bytes();
    let cms = sign(&bytes, &opened.certificate, &opened.key, clock::now(), Content::Detached)
        .map_err(|_| Failure::Here(Key::SignatureUnsupported))?;
    let submission = Submission { cms: STANDARD.encode(cms) };
    // One key per draft: a retried or doubled click files it once.
    let key = format!("portal-{}", request.number);
    api::submit(&request.number, &key, &submission).await.map_err(Failure::Server)
}

/// «Sign»: the key file, its password, and the signature's fate.
#[component]
pub fn KeyFileSigner(request: RequestView, filed: Callback<RequestView>) -> impl IntoView {
    let lang = use_lang();
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Failure>);
    let signing =
        Action::new_local(move |(): &()| sign_and_file(request.clone(), password.get_untracked()));
    Effect::new(move || match signing.value().get() {
        Some(Ok(request)) => filed.run(request),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let message = move || {
        failure.get().map(|failure| match failure {
            Failure::Here(key) => key.get(lang.get()).to_owned(),
            Failure::Server(error) => error.message.get(lang.get()).to_owned(),
        })
    };
    view! {
        <section class="signer" aria-labelledby="signer-heading">
            <h2 id="signer-heading">{t(Key::SignTitle)}</h2>
            <p class="field-hint">{t(Key::SignatureStaysHere)}</p>
            <DemoKeyFiles purpose=Purpose::Signing/>
            {move || message().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="field">
                <label for="key-file">{t(Key::SignatureFile)}</label>
                <input id="key-file" type="file" accept=".p12,.pfx,application/x-pkcs12"
                    on:change=move |_| failure.set(None)/>
            </div>
            <div class="field">
                <label for="key-password">{t(Key::SignaturePassword)}</label>
                <input id="key-password" type="password" autocomplete="off" bind:value=password/>
            </div>
            <div class="action-buttons">
                <button type="button" disabled=move || signing.pending().get()
                    on:click=move |_| { failure.set(None); signing.dispatch_local(()); }>
                    {move || if signing.pending().get() { t(Key::Signing)() } else { t(Key::Sign)() }}
                </button>
            </div>
        </section>
    }
}
