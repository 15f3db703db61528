//! A service: what it gives, its term, and who provides it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use qyzmet_shared::catalog::{Catalog, ServiceCode};
use qyzmet_shared::workflow::Limit;

use crate::i18n::{Key, limit_text, t, term_text, use_lang};
use crate::pages::not_found::Missing;
use crate::pages::{set_title, with_catalog};
use crate::{api, routes};

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").and_then(|c| ServiceCode::from_code(&c));
    view! {
        {move || match code() {
            Some(code) => with_catalog(move |catalog| view! { <ServiceView catalog code/> }).into_any(),
            None => view! { <Missing detail=Key::ServiceNotFound/> }.into_any(),
        }}
    }
}

#[component]
fn ServiceView(catalog: Catalog, code: ServiceCode) -> impl IntoView {
    let lang = use_lang();
    let Some(service) = catalog.service(code).cloned() else {
        return view! { <Missing detail=Key::ServiceNotFound/> }.into_any();
    };
    let providers: Vec<_> = catalog.providers(code).cloned().collect();
    // The term calculator's answer for a filing now: the same date the receipt would print.
    let due = LocalResource::new(move || api::due_now(code));
    let title = service.title.clone();
    set_title(move || title.get(lang.get()).to_owned());
    let text = move |t: &qyzmet_shared::Text| {
        let t = t.clone();
        move || t.get(lang.get()).to_owned()
    };
    view! {
        <article class="service">
            <h1>{text(&service.title)}</h1>
            <p class="lead">{text(&service.summary)}</p>
            <dl class="facts">
                <dt>{t(Key::Term)}</dt>
                <dd>{move || term_text(service.term).get(lang.get()).to_owned()}</dd>
                <dt>{t(Key::DueIfFiledNow)}</dt>
                <dd class="due-now">
                    {move || due.get().and_then(Result::ok).map(|due| due.date.dotted()).unwrap_or_default()}
                </dd>
                <dt>{t(Key::Result)}</dt>
                <dd>{text(&service.result)}</dd>
                <dt>{t(Key::Channels)}</dt>
                <dd>
                    <ul class="channels">
                        {service.channels.iter().map(|c| view! { <li>{text(&c.title())}</li> }).collect_view()}
                    </ul>
                </dd>
                {service.counter_minutes.map(|minutes| view! {
                    <dt>{t(Key::CounterMinutes)}</dt>
                    <dd>{move || limit_text(Limit::WorkingMinutes(minutes)).get(lang.get()).to_owned()}</dd>
                })}
                {service.phone.clone().map(|phone| {
                    let dial = format!("tel:{}", phone.replace([' ', '(', ')', '-'], ""));
                    view! {
                        <dt>{t(Key::InformationPhone)}</dt>
                        <dd><a href=dial>{phone}</a></dd>
                    }
                })}
            </dl>
            <A href=move || routes::apply(lang.get(), code) attr:class="button">{t(Key::OrderOnline)}</A>
            <p><A href=move || routes::handbook(lang.get(), code)>{t(Key::HandbookTitle)}</A></p>
            <p><A href=move || routes::statistics_of(lang.get(), code)>{t(Key::FiguresOfService)}</A></p>
            <h2>{t(Key::Kinds)}</h2>
            <ul class="kinds">
                {service
                    .kinds
                    .iter()
                    .map(|kind| {
                        view! {
                            <li>
                                <h3>{text(&kind.title)}</h3>
                                <p class="documents-heading">{t(Key::DocumentsNeeded)}</p>
                                <ul>
                                    {kind.documents.iter().map(|d| view! { <li>{text(d)}</li> }).collect_view()}
                                </ul>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h2>{t(Key::Providers)}</h2>
            <ul class="bodies">
                {providers
                    .into_iter()
                    .map(|body| view! { <li><A href={
                        let id = body.id.clone();
                        move || routes::body(lang.get(), &id)
                    }>{text(&body.name)}</A></li> })
                    .collect_view()}
            </ul>
        </article>
    }
    .into_any()
}
