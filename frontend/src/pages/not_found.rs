use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Key, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::routes;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title(title_of(Key::NotFoundTitle));
    view! { <Missing detail=Key::NotFoundText/> }
}

/// "Not found", with what exactly is missing and the way back to the catalog.
#[component]
pub fn Missing(detail: Key) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="not-found">
            <h1>{t(Key::NotFoundTitle)}</h1>
            <p>{t(detail)}</p>
            <A href=move || routes::home(lang.get()) attr:class="button">{t(Key::BackToCatalog)}</A>
        </section>
    }
}
