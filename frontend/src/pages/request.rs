//! One request: number, service, status, deadline and the timeline of its steps, with «refresh
//! status». The screen the regulation describes after signing.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use qyzmet_shared::ApiError;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::catalog::catalog;
use qyzmet_shared::request::{Event, RequestView, StepAction, is_overdue};
use qyzmet_shared::workflow::{Action as WorkflowAction, Status, Workflow};

use crate::api;
use crate::components::status::{Failure, Loading};
use crate::i18n::{Key, date_text, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::routes;
use crate::session::use_session;
use leptos_router::components::A;

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
        provider,
        status,
        deadline,
        applicant_name,
        applicant_id_number,
        events,
        ..
    } = request;
    let catalog = catalog();
    let title = catalog.service(service).map(|s| s.title.clone());
    let provider = catalog.body(&provider).map(|b| b.name.clone());
    view! {
        <article class="request">
            <h1>{t(Key::RequestTitle)} " " {number.clone()}</h1>
            <dl class="facts status-card" class:overdue=overdue>
                <dt>{t(Key::IdNumber)}</dt>
                <dd>{applicant_id_number} " — " {applicant_name}</dd>
                <dt>{t(Key::Service)}</dt>
                <dd>{move || title.as_ref().map(|t| t.get(lang.get()).to_owned())}</dd>
                <dt>{t(Key::Provider)}</dt>
                <dd>{move || provider.as_ref().map(|p| p.get(lang.get()).to_owned())}</dd>
                <dt>{t(Key::Status)}</dt>
                <dd class="status">{move || status.title().get(lang.get()).to_owned()}</dd>
                <dt>{t(Key::Deadline)}</dt>
                <dd>
                    {deadline.map(date_text)}
                    {overdue.then(|| view! { " " <strong class="overdue-mark">{t(Key::Overdue)}</strong> })}
                </dd>
            </dl>
            <div class="action-buttons">
                <button type="button" on:click=move |_| refresh.run(())>{t(Key::RefreshStatus)}</button>
                {(status == Status::Draft)
                    .then(|| view! { <A href=routes::resume(service, &number) attr:class="button secondary">{t(Key::ResumeDraft)}</A> })}
            </div>
            <StaffActions number=number.clone() service status done=refresh/>
            <h2>{t(Key::Timeline)}</h2>
            <ol class="timeline">
                {events.into_iter().map(|event| view! { <TimelineEntry event/> }).collect_view()}
            </ol>
        </article>
    }
}

/// The steps the signed-in staff member may take now, with a resolution for the history.
#[component]
fn StaffActions(
    number: String,
    service: ServiceCode,
    status: Status,
    done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let role = session.me.get_untracked().map(|me| me.role);
    let actions: Vec<WorkflowAction> = role
        .map(|role| {
            Workflow::of(service)
                .actions(status, role)
                .filter(|a| *a != WorkflowAction::Submit)
                .collect()
        })
        .unwrap_or_default();
    let resolution = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    let act = Action::new_local(move |action: &WorkflowAction| {
        let (number, step) = (
            number.clone(),
            StepAction { action: *action, resolution: resolution.get_untracked() },
        );
        async move { api::act(&number, &step).await }
    });
    Effect::new(move || match act.value().get() {
        Some(Ok(_)) => {
            resolution.set(String::new());
            failure.set(None);
            done.run(());
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    (!actions.is_empty()).then(|| {
        view! {
            <section class="staff-actions" aria-labelledby="actions-heading">
                <h2 id="actions-heading">{t(Key::Actions)}</h2>
                {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
                <div class="field">
                    <label for="resolution">{t(Key::Resolution)}</label>
                    <textarea id="resolution" rows="3" bind:value=resolution></textarea>
                </div>
                <div class="action-buttons">
                    {actions
                        .into_iter()
                        .map(|action| {
                            view! {
                                <button type="button" disabled=move || act.pending().get() on:click=move |_| { act.dispatch_local(action); }>
                                    {move || action.title().get(lang.get()).to_owned()}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </section>
        }
    })
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
