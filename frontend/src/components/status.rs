//! Loading and failure states shared by every screen that waits for the server.

use leptos::prelude::*;
use qyzmet_shared::ApiError;

use crate::i18n::{Key, t, use_lang};

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{t(Key::Loading)}</p> }
}

/// The server's message in the current language, and a way to try again.
#[component]
pub fn Failure(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let message = error.message;
    view! {
        <div class="failure" role="alert">
            <p>{move || message.get(lang.get()).to_owned()}</p>
            <button type="button" on:click=move |_| retry.run(())>{t(Key::Retry)}</button>
        </div>
    }
}
