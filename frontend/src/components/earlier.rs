//! Before filing: what the person already has of this service and kind — requests still in work
//! and certificates that still hold — each with its link, so nobody files again what they have
//! (issue 19, item 5). Sending anyway asks once more (the form's `SendButtons`).

use leptos::prelude::*;
use leptos_router::components::A;
use qyzmet_shared::request::Earlier;

use crate::i18n::{Key, t, use_lang};
use crate::routes;

#[component]
pub fn AlreadyHave(earlier: Signal<Earlier>) -> impl IntoView {
    let lang = use_lang();
    let link = move |number: String| {
        let to = number.clone();
        view! { <A href=move || routes::request(lang.get(), &to)>{number}</A> }
    };
    move || {
        let Earlier { in_work, still_valid } = earlier.get();
        (!in_work.is_empty() || !still_valid.is_empty()).then(|| {
            let in_work = in_work
                .into_iter()
                .map(|number| view! { <li>{t(Key::AlreadyInWork)} " " {link(number)}</li> })
                .collect_view();
            let still_valid = still_valid
                .into_iter()
                .map(|valid| {
                    let until = valid.valid_until.dotted();
                    view! {
                        <li>
                            {t(Key::AlreadyValid)} " " {link(valid.number)} " — "
                            {t(Key::ValidUntil)} " " {until}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="already-have" aria-labelledby="already-have-title">
                    <h2 id="already-have-title">{t(Key::AlreadyHaveTitle)}</h2>
                    <ul>{in_work}{still_valid}</ul>
                    <p>{t(Key::AlreadyHaveHint)}</p>
                </section>
            }
        })
    }
}
