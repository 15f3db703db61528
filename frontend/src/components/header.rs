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
    // The same screen in the other language: the address says so (in place, as the switch is no
    // step to go back to), and the screen and what is typed in it stay — a navigation would draw
    // the screen anew.
    let switch = move |option: Lang| {
        lang.set(option);
        let Some(window) = web_sys::window() else { return };
        let location = window.location();
        let (Ok(path), Ok(search), Ok(hash)) =
            (location.pathname(), location.search(), location.hash())
        else {
            return;
        };
        let to = format!("{}{search}{hash}", routes::in_lang(option, &path));
        if let Ok(history) = window.history() {
            let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            let _ = history.replace_state_with_url(&state, "", Some(&to));
        }
    };
    let choice = move |option: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang-option"
                lang=option.code()
                aria-pressed=move || (lang.get() == option).to_string()
                on:click=move |_| switch(option)
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="site-header">
            <A href=move || routes::home(lang.get()) attr:class="brand">{t(Key::PortalName)}</A>
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
    let lang = use_lang();
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out();
        navigate(&routes::home(lang.get_untracked()), NavigateOptions::default());
    };
    view! {
        <nav class="account" aria-label=t(Key::AccountMenu)>
            {move || match session.me.get() {
                Some(me) => view! {
                    <A href=move || routes::cabinet(lang.get()) attr:class="account-name">{me.full_name}</A>
                    <button type="button" class="link-button" on:click=sign_out.clone()>{t(Key::SignOut)}</button>
                }
                .into_any(),
                None => view! { <A href=move || routes::sign_in(lang.get()) attr:class="account-name">{t(Key::SignIn)}</A> }.into_any(),
            }}
        </nav>
    }
}
