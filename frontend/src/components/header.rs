//! The header on every screen: the portal's name and the language switch.

use leptos::prelude::*;
use leptos_router::components::A;
use qyzmet_shared::Lang;

use crate::i18n::{Key, t, use_lang};
use crate::routes;

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let choice = move |option: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang-option"
                lang=option.code()
                aria-pressed=move || (lang.get() == option).to_string()
                on:click=move |_| lang.set(option)
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="site-header">
            <A href=routes::home() attr:class="brand">{t(Key::PortalName)}</A>
            <nav class="lang-switch" aria-label=t(Key::LanguageSwitch)>
                {choice(Lang::Kk, "Қазақша")}
                {choice(Lang::Ru, "Русский")}
            </nav>
        </header>
    }
}
