//! One request: number, service, status, deadline and the timeline of its steps, with «refresh
//! status». The screen the regulation describes after signing.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use qyzmet_shared::catalog::catalog;
use qyzmet_shared::request::{Event, RequestView, is_overdue};

use crate::api;
use crate::components::status::{Failure, Loading};
use crate::i18n::{Key, date_text, t, use_lang};
use crate::pages::{set_title, title_of};

#[component]
pub fn RequestPage() -> impl IntoView {
    set_title(title_of(Key::RequestTitle));
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let request = LocalResource::new(move || {
        let number = number();
        async move { api::request(&number).await }
    });
    let retry = Callback::new(move |()| request.refetch());
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || {
                request
                    .get()
                    .map(|loaded| match loaded {
                        Ok(view) => view! { <RequestCard request=view refresh=retry/> }.into_any(),
                        Err(error) => view! { <Failure error retry/> }.into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn RequestCard(request: RequestView, refresh: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let now = browser_now();
    let overdue = is_overdue(request.status, request.deadline, request.step_deadline, now);
    let RequestView {
        number,
        service,
        status,
        deadline,
        applicant_name,
        applicant_id_number,
        events,
        ..
    } = request;
    let title = catalog().service(service).map(|s| s.title.clone());
    view! {
        <article class="request">
            <h1>{t(Key::RequestTitle)} " " {number.clone()}</h1>
            <dl class="facts status-card" class:overdue=overdue>
                <dt>{t(Key::IdNumber)}</dt>
                <dd>{applicant_id_number} " — " {applicant_name}</dd>
                <dt>{t(Key::Service)}</dt>
                <dd>{move || title.as_ref().map(|t| t.get(lang.get()).to_owned())}</dd>
                <dt>{t(Key::Status)}</dt>
                <dd class="status">{move || status.title().get(lang.get()).to_owned()}</dd>
                <dt>{t(Key::Deadline)}</dt>
                <dd>
                    {deadline.map(date_text)}
                    {overdue.then(|| view! { " " <strong class="overdue-mark">{t(Key::Overdue)}</strong> })}
                </dd>
            </dl>
            <button type="button" on:click=move |_| refresh.run(())>{t(Key::RefreshStatus)}</button>
            <h2>{t(Key::Timeline)}</h2>
            <ol class="timeline">
                {events.into_iter().map(|event| view! { <TimelineEntry event/> }).collect_view()}
            </ol>
        </article>
    }
}

#[component]
fn TimelineEntry(event: Event) -> impl IntoView {
    let lang = use_lang();
    let Event { at, actor, to, resolution, .. } = event;
    view! {
        <li>
            <span class="status">{move || to.title().get(lang.get()).to_owned()}</span>
            <span>{date_text(at)} " · " {actor}</span>
            {(!resolution.is_empty()).then(|| view! { <q>{resolution}</q> })}
        </li>
    }
}

/// Unix seconds from the browser's clock, to mark overdue deadlines.
#[allow(clippy::cast_possible_truncation, reason = "seconds since 1970 fit an i64 for ages")]
fn browser_now() -> i64 {
    let millis =
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.time_origin() + p.now());
    (millis / 1000.0) as i64
}
