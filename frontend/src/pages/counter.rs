//! The CSC operator's workplace: the request found by the number on a receipt, the walk-in desk
//! (`WalkInDesk`) where a person's request is filed for them, the registries to and from
//! providers, and the centre's requests.

use leptos::prelude::*;
use qyzmet_shared::{Role, csc};

use crate::components::desk::WalkInDesk;
use crate::components::field::TextField;
use crate::components::registries::Registries;
use crate::components::request_list::RequestList;
use crate::components::status::Loading;
use crate::i18n::{Key, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::routes;
use crate::session::{require_sign_in, use_session};
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

#[component]
pub fn CounterPage() -> impl IntoView {
    set_title(title_of(Key::CounterTitle));
    require_sign_in();
    let session = use_session();
    let lang = use_lang();
    move || match session.me.get() {
        None => view! { <Loading/> }.into_any(),
        Some(me) if me.role == Role::CscOperator => {
            let centre = me.csc.as_deref().and_then(csc::centre);
            view! {
                <section class="counter">
                    <h1>{t(Key::CounterTitle)}</h1>
                    {centre.map(|c| view! { <p class="field-hint">{move || format!("{} — {}", c.name.get(lang.get()), c.address.get(lang.get()))}</p> })}
                    <FindByReceipt/>
                    <WalkInDesk chancellery=None/>
                    <Registries/>
                    <RequestList/>
                </section>
            }
            .into_any()
        }
        Some(_) => {
            view! { <p class="form-error" role="alert">{t(Key::OperatorsOnly)}</p> }.into_any()
        }
    }
}

/// A citizen back for the result: the request found by the number on their receipt (a barcode
/// scanner types it in).
#[component]
fn FindByReceipt() -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let number = RwSignal::new(String::new());
    let no_error = Signal::derive(|| None);
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = number.get_untracked().trim().to_owned();
        if !typed.is_empty() {
            navigate(&routes::request(lang.get_untracked(), &typed), NavigateOptions::default());
        }
    };
    view! {
        <form class="find-by-receipt" on:submit=find>
            <h2>{t(Key::FindByReceipt)}</h2>
            <TextField id="receipt-number" label=Key::ReceiptNumber value=number error=no_error
                hint=Key::ReceiptNumberHint maxlength=40/>
            <button type="submit">{t(Key::Find)}</button>
        </form>
    }
}
