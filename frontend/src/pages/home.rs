//! The catalog: services and the state bodies that provide them, with search in both languages.

use leptos::prelude::*;
use leptos_router::components::A;
use qyzmet_shared::catalog::{BodyKind, Catalog, Service, StateBody};

use crate::i18n::{Key, t, term_text, use_lang};
use crate::pages::{set_title, title_of, with_catalog};
use crate::routes;

#[component]
pub fn Home() -> impl IntoView {
    set_title(title_of(Key::HomeTitle));
    let query = RwSignal::new(String::new());
    view! {
        <section class="intro">
            <h1>{t(Key::HomeTitle)}</h1>
            <p>{t(Key::HomeLead)}</p>
            <label class="search">
                <span>{t(Key::Search)}</span>
                <input type="search" bind:value=query autocomplete="off"/>
            </label>
        </section>
        {with_catalog(move |catalog| view! { <CatalogView catalog query/> })}
    }
}

#[component]
fn CatalogView(catalog: Catalog, query: RwSignal<String>) -> impl IntoView {
    let catalog = StoredValue::new(catalog);
    let matching_services = move || {
        let q = query.get();
        catalog.with_value(|c| {
            c.services.iter().filter(|s| s.title.contains(q.trim())).cloned().collect::<Vec<_>>()
        })
    };
    let matching_bodies = move |kind: BodyKind| {
        let q = query.get();
        catalog.with_value(|c| {
            c.bodies
                .iter()
                .filter(|b| b.kind == kind && b.name.contains(q.trim()))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let nothing = move || {
        matching_services().is_empty()
            && [BodyKind::Ministry, BodyKind::Region, BodyKind::City]
                .into_iter()
                .all(|k| matching_bodies(k).is_empty())
    };
    view! {
        <Show when=nothing>
            <p class="empty" role="status">{t(Key::SearchNothing)}</p>
        </Show>
        <Show when=move || !matching_services().is_empty()>
            <section aria-labelledby="services-heading">
                <h2 id="services-heading">{t(Key::ServicesHeading)}</h2>
                <ul class="cards">
                    <For each=matching_services key=|s| s.code let:service>
                        <li><ServiceCard service/></li>
                    </For>
                </ul>
            </section>
        </Show>
        <section aria-labelledby="bodies-heading">
            <h2 id="bodies-heading">{t(Key::BodiesHeading)}</h2>
            <BodyGroup heading=Key::Ministries bodies=Signal::derive(move || matching_bodies(BodyKind::Ministry))/>
            <BodyGroup heading=Key::Regions bodies=Signal::derive(move || matching_bodies(BodyKind::Region))/>
            <BodyGroup heading=Key::Cities bodies=Signal::derive(move || matching_bodies(BodyKind::City))/>
        </section>
    }
}

#[component]
pub fn ServiceCard(service: Service) -> impl IntoView {
    let lang = use_lang();
    let Service { code, title, term, .. } = service;
    view! {
        <A href=move || routes::service(lang.get(), code) attr:class="card">
            <span class="card-title">{move || title.get(lang.get()).to_owned()}</span>
            <span class="card-meta">
                {t(Key::Term)} ": " {move || term_text(term).get(lang.get()).to_owned()}
            </span>
        </A>
    }
}

#[component]
fn BodyGroup(heading: Key, bodies: Signal<Vec<StateBody>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || !bodies.get().is_empty()>
            <h3>{t(heading)}</h3>
            <ul class="bodies">
                <For each=move || bodies.get() key=|b| b.id.clone() let:body>
                    <li>
                        <A href={
                            let id = body.id.clone();
                            move || routes::body(lang.get(), &id)
                        }>
                            {
                                let name = body.name.clone();
                                move || name.get(lang.get()).to_owned()
                            }
                        </A>
                    </li>
                </For>
            </ul>
        </Show>
    }
}
