//! The header on every screen: the portal's name and the language switch.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use qyzmet_shared::Lang;

use crate::i18n::{Key, t, use_lang};
use crate::routes;
use crate::session::use_session;

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
            <Account/>
            <nav class="lang-switch" aria-label=t(Key::LanguageSwitch)>
                {choice(Lang::Kk, "Қазақша")}
                {choice(Lang::Ru, "Русский")}
            </nav>
        </header>
    }
}

/// "Sign in", or the signed-in person's name (to the cabinet) and "Sign out".
#[component]
fn Account() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out();
        navigate(&routes::home(), NavigateOptions::default());
    };
    view! {
        <nav class="account" aria-label=t(Key::AccountMenu)>
            {move || match session.me.get() {
                Some(me) => view! {
                    <A href=routes::cabinet() attr:class="account-name">{me.full_name}</A>
                    <button type="button" class="link-button" on:click=sign_out.clone()>{t(Key::SignOut)}</button>
                }
                .into_any(),
                None => view! { <A href=routes::sign_in() attr:class="account-name">{t(Key::SignIn)}</A> }.into_any(),
            }}
        </nav>
    }
}
