//! The public status check for phones: request number and IIN/BIN, nothing else to load first.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use qyzmet_shared::request::PublicStatus;
use qyzmet_shared::{ApiError, IdError, IdNumber};

use crate::api;
use crate::components::field::TextField;
use crate::i18n::{Key, date_text, t, use_lang};
use crate::pages::{CatalogResource, set_title, title_of};

#[component]
pub fn CheckPage() -> impl IntoView {
    set_title(title_of(Key::CheckTitle));
    let number = RwSignal::new(String::new());
    let iin = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let number_error = Signal::derive(move || {
        (tried.get() && number.get().trim().is_empty()).then(|| Key::NumberRequired.text())
    });
    let iin_error = Signal::derive(move || {
        tried.get().then(|| IdNumber::parse(&iin.get()).err().map(IdError::message)).flatten()
    });
    let check = Action::new_local(|(number, iin): &(String, String)| {
        let (number, iin) = (number.clone(), iin.clone());
        async move { api::public_status(&number, &iin).await }
    });
    // Opened with its answer's address (a shared link, or the form the server rendered before the
    // app loaded): the same look-up, as if typed.
    let asked = use_query_map().with_untracked(|q| (q.get("number"), q.get("iin")));
    if let (Some(asked_number), Some(asked_iin)) = asked {
        number.set(asked_number.trim().to_owned());
        iin.set(asked_iin.trim().to_owned());
        tried.set(true);
        if number_error.get_untracked().is_none() && iin_error.get_untracked().is_none() {
            check.dispatch_local((number.get_untracked(), iin.get_untracked()));
        }
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if number_error.get_untracked().is_none() && iin_error.get_untracked().is_none() {
            check.dispatch_local((
                number.get_untracked().trim().to_owned(),
                iin.get_untracked().trim().to_owned(),
            ));
        }
    };
    let answer = move || {
        check.value().get().map(|result| match result {
            Ok(status) => view! { <Found status/> }.into_any(),
            Err(error) => view! { <NotFound error/> }.into_any(),
        })
    };
    view! {
        <section class="check">
            <h1>{t(Key::CheckTitle)}</h1>
            <p>{t(Key::CheckLead)}</p>
            <form on:submit=submit novalidate>
                <TextField id="number" label=Key::RequestNumber value=number error=number_error autocomplete="off"/>
                <TextField
                    id="iin"
                    label=Key::IdNumber
                    value=iin
                    error=iin_error
                    inputmode="numeric"
                    maxlength=12
                    autocomplete="off"
                />
                <button type="submit" disabled=move || check.pending().get()>
                    {move || if check.pending().get() { t(Key::Checking)() } else { t(Key::Check)() }}
                </button>
            </form>
            <div aria-live="polite">{answer}</div>
        </section>
    }
}

#[component]
fn Found(status: PublicStatus) -> impl IntoView {
    let lang = use_lang();
    let PublicStatus { number, service, status, deadline } = status;
    // From the catalog the app loads once (the portal's declarations stay out of this screen's
    // download).
    let catalog = expect_context::<CatalogResource>().0;
    let catalog_title = move || {
        let catalog = catalog.get().and_then(Result::ok);
        let service = catalog.as_ref().and_then(|catalog| catalog.service(service));
        service.map(|s| s.title.get(lang.get()).to_owned()).unwrap_or_default()
    };
    view! {
        <dl class="facts status-card">
            <dt>{t(Key::RequestNumber)}</dt>
            <dd>{number}</dd>
            <dt>{t(Key::Service)}</dt>
            <dd>{catalog_title}</dd>
            <dt>{t(Key::Status)}</dt>
            <dd class="status">{move || status.title().get(lang.get()).to_owned()}</dd>
            <dt>{t(Key::Deadline)}</dt>
            <dd>{deadline.map(date_text)}</dd>
        </dl>
        <p class="form-note what-next">{move || status.what_next(deadline).get(lang.get()).to_owned()}</p>
    }
}

#[component]
fn NotFound(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    let message = if error.code == qyzmet_shared::ErrorCode::NotFound {
        Key::CheckNotFound.text()
    } else {
        error.message
    };
    view! { <p class="form-error" role="alert">{move || message.get(lang.get()).to_owned()}</p> }
}
