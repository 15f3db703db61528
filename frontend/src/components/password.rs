//! The cabinet's password: the first for an account opened by a signature, or a new one in
//! place of the current.

use leptos::prelude::*;
use qyzmet_shared::ApiError;
use qyzmet_shared::account::{PasswordChange, password_mistake};

use crate::components::error_summary::{ErrorSummary, problems_of};
use crate::components::field::TextField;
use crate::i18n::{Key, t, use_lang};
use crate::session::use_session;
use crate::{api, focus};

/// The form's error summary: the cabinet has other forms.
const SUMMARY: &str = "password-errors";

#[component]
pub fn PasswordSettings() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let has_password = move || session.me.with(|me| me.as_ref().is_some_and(|me| me.has_password));
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let server = RwSignal::new(None::<ApiError>);
    let on_field = move |field: &'static str| {
        server.get().and_then(|e| {
            let whole = (e.field.as_deref() == Some(field)).then(|| e.message.clone());
            whole.or_else(|| e.fields.into_iter().find(|f| f.field == field).map(|f| f.message))
        })
    };
    let new_error = Signal::derive(move || {
        tried.get().then(|| password_mistake(&new.get())).flatten().or_else(|| on_field("new"))
    });
    let current_error = Signal::derive(move || on_field("current"));
    // What to fix, at the top of the form after a failed send, each linked to its field.
    let problems = problems_of([
        ("current-password", Key::CurrentPassword, current_error),
        ("new-password", Key::NewPassword, new_error),
    ]);
    // Typing again clears the server's verdict on what was typed before.
    Effect::new(move || {
        current.track();
        new.track();
        server.set(None);
    });
    let save = Action::new_local(move |change: &PasswordChange| {
        let change = change.clone();
        async move { api::set_password(&change).await }
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(me)) => {
            server.set(None);
            current.set(String::new());
            new.set(String::new());
            tried.set(false);
            session.me.set(Some(me));
        }
        Some(Err(failure)) => {
            let on_a_field = failure.field.is_some() || !failure.fields.is_empty();
            server.set(Some(failure));
            if on_a_field {
                focus::soon(SUMMARY.to_owned());
            }
        }
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        server.set(None);
        if password_mistake(&new.get_untracked()).is_some() {
            focus::soon(SUMMARY.to_owned());
            return;
        }
        save.dispatch_local(PasswordChange {
            current: current.get_untracked(),
            new: new.get_untracked(),
        });
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    view! {
        <section class="preferences" aria-labelledby="password-heading">
            <h2 id="password-heading">{t(Key::PasswordTitle)}</h2>
            {move || (!has_password()).then(|| view! { <p class="field-hint">{t(Key::PasswordNoneYet)}</p> })}
            <form on:submit=submit novalidate>
                <ErrorSummary id=SUMMARY problems/>
                <Show when=has_password>
                    <TextField id="current-password" label=Key::CurrentPassword value=current
                        error=current_error kind="password" autocomplete="current-password"/>
                </Show>
                <TextField id="new-password" label=Key::NewPassword value=new error=new_error
                    hint=Key::NewPasswordHint kind="password" autocomplete="new-password"/>
                {move || server.get().filter(|e| e.fields.is_empty() && e.field.is_none()).map(|e| view! {
                    <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p>
                })}
                <button type="submit" disabled=move || save.pending().get()>{t(Key::SavePassword)}</button>
                <p role="status">{move || saved().then(|| t(Key::PasswordSaved)())}</p>
            </form>
        </section>
    }
}
