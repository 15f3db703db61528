//! Lists of requests, a page at a time: the applicant's history («Қызметтерді алу тарихы» /
//! «История получения услуг», filtered by status) or a staff member's queue (most urgent first).

use leptos::prelude::*;
use qyzmet_shared::Role;
use qyzmet_shared::catalog::{ServiceCode, catalog};
use qyzmet_shared::request::RequestSummary;
use qyzmet_shared::workflow::Status;

use crate::api;
use crate::components::pager::Pager;
use crate::components::status::{Failure, Loading};
use crate::i18n::{Key, date_text, moment_text, t, use_lang};
use crate::routes;
use crate::session::use_session;
use leptos_router::components::A;

/// The statuses a person filters their history by, in the order a request passes them.
const FILTERS: [Status; 6] = [
    Status::Draft,
    Status::Submitted,
    Status::AtSpecialist,
    Status::AtCsc,
    Status::Issued,
    Status::RefusedIncomplete,
];

/// The statuses a request waits in for `role`, in the workflow's order: what their queue holds.
fn waiting_for(role: Option<Role>) -> Vec<Status> {
    Status::ALL
        .into_iter()
        .filter(|status| {
            ServiceCode::ALL.into_iter().any(|service| {
                service
                    .def()
                    .workflow
                    .steps
                    .iter()
                    .any(|s| Some(s.role) == role && s.status == *status)
            })
        })
        .collect()
}

#[component]
pub fn RequestList(
    /// The staff queue instead of the person's own history.
    #[prop(optional)]
    queue: bool,
) -> impl IntoView {
    let status = RwSignal::new(None::<Status>);
    let service = RwSignal::new(None::<ServiceCode>);
    let number = RwSignal::new(String::new());
    let page = RwSignal::new(1_i64);
    let requests = LocalResource::new(move || {
        let (status, service, number, page) =
            (status.get(), service.get(), number.get().trim().to_owned(), page.get());
        async move {
            if queue {
                api::queue(service, status, page).await
            } else {
                api::history(status, &number, page).await
            }
        }
    });
    let retry = Callback::new(move |()| requests.refetch());
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading">{t(if queue { Key::Queue } else { Key::History })}</h2>
            <Filters queue status service number page/>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || {
                    requests
                        .get()
                        .map(|loaded| match loaded {
                            Ok(found) if found.items.is_empty() => {
                                view! { <p class="empty" role="status">{t(Key::NoRequests)}</p> }.into_any()
                            }
                            Ok(found) => {
                                let pages = (found.total + found.per_page - 1) / found.per_page;
                                view! {
                                    <ul class="requests">
                                        {found.items.into_iter().map(|r| view! { <li><Row request=r/></li> }).collect_view()}
                                    </ul>
                                    <Pager page pages/>
                                }
                                .into_any()
                            }
                            Err(error) => view! { <Failure error retry/> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}

/// The list's filters: status always; for a queue the service, for a history the number.
#[component]
fn Filters(
    queue: bool,
    status: RwSignal<Option<Status>>,
    service: RwSignal<Option<ServiceCode>>,
    number: RwSignal<String>,
    page: RwSignal<i64>,
) -> impl IntoView {
    let lang = use_lang();
    let statuses = if queue {
        waiting_for(use_session().me.get_untracked().map(|me| me.role))
    } else {
        FILTERS.to_vec()
    };
    let offered = StoredValue::new(statuses.clone());
    let choose_status = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        status.set(offered.with_value(|s| s.iter().copied().find(|s| s.as_str() == value)));
        page.set(1);
    };
    let choose_service = move |ev: leptos::ev::Event| {
        service.set(ServiceCode::from_code(&event_target_value(&ev)));
        page.set(1);
    };
    let search = move |ev: leptos::ev::Event| {
        number.set(event_target_value(&ev));
        page.set(1);
    };
    view! {
        <div class="filters">
            <label class="search">
                <span>{t(Key::Status)}</span>
                <select on:change=choose_status>
                    <option value="">{t(Key::AllStatuses)}</option>
                    {statuses
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str()>{move || s.title().get(lang.get()).to_owned()}</option> })
                        .collect_view()}
                </select>
            </label>
            {queue.then(|| view! {
                <label class="search">
                    <span>{t(Key::Service)}</span>
                    <select on:change=choose_service>
                        <option value="">{t(Key::AllServices)}</option>
                        {ServiceCode::ALL
                            .into_iter()
                            .map(|code| {
                                let title = catalog().service(code).map(|s| s.title.clone());
                                view! { <option value=code.as_str()>{move || title.as_ref().map(|t| t.get(lang.get()).to_owned())}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            })}
            {(!queue).then(|| view! {
                <label class="search">
                    <span>{t(Key::SearchByNumber)}</span>
                    <input type="search" inputmode="numeric" on:input=search/>
                </label>
            })}
        </div>
    }
}

#[component]
fn Row(request: RequestSummary) -> impl IntoView {
    let lang = use_lang();
    let RequestSummary { number, service, status, deadline, step_deadline, overdue, .. } = request;
    let title = catalog().service(service).map(|s| s.title.clone());
    view! {
        <div class="request-row" class:overdue=overdue>
            <A href={
                let number = number.clone();
                move || routes::request(lang.get(), &number)
            } attr:class="request-number">{number.clone()}</A>
            <span>{move || title.as_ref().map(|t| t.get(lang.get()).to_owned())}</span>
            <span class="status">{move || status.title().get(lang.get()).to_owned()}</span>
            {deadline.map(|d| view! { <span>{t(Key::Deadline)} ": " {date_text(d)}</span> })}
            {step_deadline.filter(|_| !status.is_final()).map(|d| view! {
                <span>{t(Key::StepDeadline)} ": " {moment_text(d)}</span>
            })}
            // Not by colour alone: the word says it.
            {overdue.then(|| view! { <strong class="overdue-mark">{t(Key::Overdue)}</strong> })}
        </div>
    }
}
