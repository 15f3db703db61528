//! The public verification of a result document: by the QR code printed on it (the address
//! carries the request number and the digest of the content), or by the PDF file itself.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use qyzmet_shared::ApiError;
use qyzmet_shared::result::{DocumentCheck, DocumentFacts};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::components::file_button::{FileButton, chosen_name};
use crate::i18n::{Key, date_text, t, use_lang};
use crate::pages::{set_title, title_of};

/// The bytes of the PDF chosen in the file input.
async fn chosen_pdf() -> Option<Vec<u8>> {
    let file = web_sys::window()?
        .document()?
        .get_element_by_id("verify-file")?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()?
        .get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[derive(Debug, Clone)]
enum Answer {
    Checked(DocumentCheck),
    Failed(ApiError),
    NoFile,
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    set_title(title_of(Key::VerifyTitle));
    let query = use_query_map();
    // From the QR code: checked as soon as the page opens.
    let scanned = LocalResource::new(move || {
        let (request, hash) = query.with(|q| (q.get("request"), q.get("hash")));
        async move {
            let (request, hash) = (request?, hash?);
            Some(match api::verify_scanned(&request, &hash).await {
                Ok(check) => Answer::Checked(check),
                Err(error) => Answer::Failed(error),
            })
        }
    });
    let upload = Action::new_local(|(): &()| async {
        match chosen_pdf().await {
            None => Answer::NoFile,
            Some(pdf) => match api::verify_file(pdf).await {
                Ok(check) => Answer::Checked(check),
                Err(error) => Answer::Failed(error),
            },
        }
    });
    let answer = move || {
        upload
            .value()
            .get()
            .or_else(|| scanned.get().flatten())
            .map(|answer| view! { <Verdict answer/> })
    };
    let chosen = RwSignal::new(None::<String>);
    view! {
        <section class="verify">
            <h1>{t(Key::VerifyTitle)}</h1>
            <p>{t(Key::VerifyLead)}</p>
            <div aria-live="polite">{answer}</div>
            <form on:submit=move |ev| { ev.prevent_default(); upload.dispatch_local(()); } novalidate>
                <div class="field">
                    <label for="verify-file">{t(Key::VerifyFile)}</label>
                    <div class="file-picker">
                        <input id="verify-file" class="file-input" type="file" accept="application/pdf,.pdf"
                            on:change=move |ev| chosen.set(chosen_name(&ev))/>
                        <FileButton input="verify-file".to_owned() chosen=chosen.into()/>
                    </div>
                </div>
                <button type="submit" disabled=move || upload.pending().get()>
                    {move || if upload.pending().get() { t(Key::Checking)() } else { t(Key::Check)() }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn Verdict(answer: Answer) -> impl IntoView {
    let lang = use_lang();
    match answer {
        Answer::Checked(DocumentCheck { authentic: true, document: Some(facts) }) => {
            view! { <Authentic facts/> }.into_any()
        }
        Answer::Checked(_) => {
            view! { <p class="form-error" role="alert">{t(Key::VerifyNotAuthentic)}</p> }.into_any()
        }
        Answer::NoFile => {
            view! { <p class="form-error" role="alert">{t(Key::VerifyNoFile)}</p> }.into_any()
        }
        Answer::Failed(error) => view! {
            <p class="form-error" role="alert">{move || error.message.get(lang.get()).to_owned()}</p>
        }
        .into_any(),
    }
}

#[component]
fn Authentic(facts: DocumentFacts) -> impl IntoView {
    let lang = use_lang();
    let DocumentFacts { request, number, signed_at, issuer, service, title, holder, .. } = facts;
    view! {
        <div class="status-card authentic">
            <p class="verdict" role="status">{t(Key::VerifyAuthentic)}</p>
            <dl class="facts">
                <dt>{t(Key::DocumentTitle)}</dt>
                <dd>{move || title.get(lang.get()).to_owned()}</dd>
                <dt>{t(Key::ResultNumber)}</dt>
                <dd>{number}</dd>
                <dt>{t(Key::DocumentDate)}</dt>
                <dd>{date_text(signed_at)}</dd>
                <dt>{t(Key::Issuer)}</dt>
                <dd>{move || issuer.get(lang.get()).to_owned()}</dd>
                <dt>{t(Key::Service)}</dt>
                <dd>{move || service.get(lang.get()).to_owned()}</dd>
                <dt>{t(Key::Holder)}</dt>
                <dd>{holder}</dd>
                <dt>{t(Key::RequestNumber)}</dt>
                <dd>{request}</dd>
            </dl>
        </div>
    }
}
