//! «Previous», the page and the count, «Next»: under every list that comes a page at a time.

use leptos::prelude::*;

use crate::i18n::{Key, t};

#[component]
pub fn Pager(
    /// The page shown, counted from 1.
    page: RwSignal<i64>,
    /// How many pages there are.
    pages: i64,
) -> impl IntoView {
    view! {
        <nav class="pager" aria-label=t(Key::Pages)>
            <button type="button" disabled=move || page.get() <= 1 on:click=move |_| page.update(|p| *p -= 1)>
                {t(Key::Previous)}
            </button>
            <span>{move || format!("{} / {}", page.get(), pages.max(1))}</span>
            <button type="button" disabled=move || page.get() >= pages on:click=move |_| page.update(|p| *p += 1)>
                {t(Key::Next)}
            </button>
        </nav>
    }
}
