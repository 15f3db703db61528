//! The provider's chancellery takes a walk-in's application (001 p. 8, 004 p. 6): the employee
//! checks the originals, finds the person in the state registry, fills the form with the scans
//! and files it with their own signature; the result is handed over here or e-mailed.

use leptos::prelude::*;
use qyzmet_shared::Role;
use qyzmet_shared::catalog::catalog;

use crate::components::desk::WalkInDesk;
use crate::components::status::Loading;
use crate::i18n::{Key, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::session::{require_sign_in, use_session};

#[component]
pub fn WalkInPage() -> impl IntoView {
    set_title(title_of(Key::WalkInTitle));
    require_sign_in();
    let session = use_session();
    let lang = use_lang();
    move || match session.me.get() {
        None => view! { <Loading/> }.into_any(),
        Some(me) if me.role == Role::Chancellery => {
            let name =
                me.provider.as_deref().and_then(|id| catalog().body(id).map(|b| b.name.clone()));
            view! {
                <section class="counter">
                    <h1>{t(Key::WalkInTitle)}</h1>
                    {name.map(|n| view! { <p class="field-hint">{move || n.get(lang.get()).to_owned()}</p> })}
                    <WalkInDesk chancellery=me.provider.clone()/>
                </section>
            }
            .into_any()
        }
        Some(_) => {
            view! { <p class="form-error" role="alert">{t(Key::ChancelleryOnly)}</p> }.into_any()
        }
    }
}
