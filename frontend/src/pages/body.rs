//! A state body and the services it provides.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use qyzmet_shared::catalog::Catalog;

use crate::i18n::{Key, t, use_lang};
use crate::pages::home::ServiceCard;
use crate::pages::not_found::Missing;
use crate::pages::{set_title, with_catalog};

#[component]
pub fn BodyPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    move || {
        let id = id();
        with_catalog(move |catalog| view! { <BodyView catalog id=id.clone()/> })
    }
}

#[component]
fn BodyView(catalog: Catalog, id: String) -> impl IntoView {
    let lang = use_lang();
    let Some(body) = catalog.body(&id).cloned() else {
        return view! { <Missing detail=Key::BodyNotFound/> }.into_any();
    };
    let services: Vec<_> =
        body.services.iter().filter_map(|&code| catalog.service(code)).cloned().collect();
    let name = body.name.clone();
    set_title(move || name.get(lang.get()).to_owned());
    view! {
        <article class="body">
            <h1>{move || body.name.get(lang.get()).to_owned()}</h1>
            <h2>{t(Key::ServicesOfBody)}</h2>
            <ul class="cards">
                {services.into_iter().map(|service| view! { <li><ServiceCard service/></li> }).collect_view()}
            </ul>
        </article>
    }
    .into_any()
}
