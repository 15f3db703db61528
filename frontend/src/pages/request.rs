//! One request: number, service, status, deadline and the timeline of its steps, with «refresh
//! status». The screen the regulation describes after signing.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use qyzmet_shared::calendar::Intake;
use qyzmet_shared::catalog::catalog;
use qyzmet_shared::form;
use qyzmet_shared::request::{Event, RequestView, ResultView, is_overdue};
use qyzmet_shared::survey;
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{csc, office};

use crate::components::handover::HandoverForm;
use crate::components::staff_actions::StaffActions;
use crate::components::status::{Failure, Loading};
use crate::components::survey::SurveyCard;
use crate::i18n::{Key, date_text, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::routes;
use crate::session::use_session;
use crate::{api, clock};
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
    let now = clock::now();
    let overdue = is_overdue(request.status, request.deadline, request.step_deadline, now);
    let full = request.clone();
    let RequestView {
        number,
        service,
        provider,
        status,
        deadline,
        applicant_name,
        applicant_id_number,
        representative,
        intake,
        counter,
        events,
        completeness_deadline,
        department,
        assignee,
        result,
        ..
    } = request;
    let me = use_session().me.get_untracked();
    let staff = me.as_ref().is_some_and(|me| me.provider.is_some());
    // The survey is the applicant's to answer, not an operator's or a representative's; asked of
    // the session as it loads (a page opened by its address may come before it).
    let session = use_session();
    let applicant_number = applicant_id_number.clone();
    let is_applicant = move || {
        session.me.with(|me| me.as_ref().is_some_and(|me| me.id_number == applicant_number))
    };
    // The desk it was taken in at hands the result out there: an operator of that centre, or the
    // provider's chancellery for a walk-in. Asked of the session as it loads, like the survey: a
    // page opened by its address may come before it, and would never show the form otherwise.
    let centre = counter.as_ref().map(|c| c.centre.clone());
    let hands_over = move || {
        session.me.with(|me| {
            me.as_ref().zip(centre.as_deref()).is_some_and(|(me, centre)| {
                let desk = match intake {
                    Intake::Csc => me.csc.as_deref(),
                    _ => me.provider.as_deref(),
                };
                desk == Some(centre)
                    && service
                        .def()
                        .workflow
                        .actions(status, me.role, intake)
                        .any(|a| a.by_handover(intake))
            })
        })
    };
    let counter_representative =
        counter.as_ref().and_then(|c| c.counter.representative.as_ref()).map(|r| r.name.clone());
    let catalog = catalog();
    let title = catalog.service(service).map(|s| s.title.clone());
    let body = catalog.body(&provider).cloned();
    let department = body
        .as_ref()
        .zip(department)
        .and_then(|(body, id)| office::department(body.kind, &id))
        .map(|d| d.name.clone());
    view! {
        <article class="request">
            <h1>{t(Key::RequestTitle)} " " {number.clone()}</h1>
            <dl class="facts status-card" class:overdue=overdue>
                <dt>{t(Key::IdNumber)}</dt>
                <dd>{applicant_id_number} " — " {applicant_name}</dd>
                {representative.map(|r| view! {
                    <dt>{t(Key::ActingUnderPower)}</dt>
                    <dd>
                        {format!("{} — {}", r.iin, r.name)}
                        <span class="field-hint">" (" {t(Key::PowerValidUntil)} ": " {r.valid_until.dotted()} ")"</span>
                    </dd>
                })}
                {counter.as_ref().map(|c| {
                    let (label, desk) = match intake {
                        Intake::Csc => (Key::FiledAtCentre, csc::centre(&c.centre).map(|c| c.name.clone())),
                        _ => (Key::FiledAtChancellery, body.as_ref().map(|b| b.name.clone())),
                    };
                    let operator = c.operator_name.clone();
                    view! {
                        <dt>{t(label)}</dt>
                        <dd>
                            {move || desk.as_ref().map(|name| name.get(lang.get()).to_owned())}
                            <span class="field-hint">" (" {t(Key::Operator)} ": " {operator} ")"</span>
                        </dd>
                    }
                })}
                <dt>{t(Key::Service)}</dt>
                <dd>{move || title.as_ref().map(|t| t.get(lang.get()).to_owned())}</dd>
                <dt>{t(Key::Provider)}</dt>
                <dd>{body.as_ref().map(|b| { let name = b.name.clone(); move || name.get(lang.get()).to_owned() })}</dd>
                {department.map(|name| view! {
                    <dt>{t(Key::Department)}</dt>
                    <dd>{move || name.get(lang.get()).to_owned()}</dd>
                })}
                {assignee.map(|name| view! { <dt>{t(Key::Specialist)}</dt> <dd>{name}</dd> })}
                <dt>{t(Key::Status)}</dt>
                <dd class="status">{move || status.title().get(lang.get()).to_owned()}</dd>
                <dt>{t(Key::Deadline)}</dt>
                <dd>
                    {deadline.map(date_text)}
                    {overdue.then(|| view! { " " <strong class="overdue-mark">{t(Key::Overdue)}</strong> })}
                </dd>
                {completeness_deadline.filter(|_| staff && status == Status::Submitted).map(|at| view! {
                    <dt>{t(Key::CompletenessDeadline)}</dt>
                    <dd>{date_text(at)}</dd>
                })}
            </dl>
            <p class="form-note what-next">{move || status.what_next(deadline).get(lang.get()).to_owned()}</p>
            {(!full.attachments.is_empty()).then(|| {
                let kind = form::kind(service, &full.kind);
                view! {
                    <h2>{t(Key::Documents)}</h2>
                    <ul class="attached-files">
                        {full.attachments.iter().map(|file| {
                            let label = kind
                                .and_then(|k| k.documents.iter().find(|d| d.id == file.document))
                                .map(|d| d.label.clone());
                            view! {
                                <li>
                                    {move || label.as_ref().map(|l| format!("{}: ", l.get(lang.get())))}
                                    <a href=api::attachment(&number, &file.document) target="_blank" rel="noopener">{file.name.clone()}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            })}
            {result.map(|result| view! { <ResultCard request=number.clone() result/> })}
            {
                let (number, answered) = (number.clone(), full.survey);
                move || (is_applicant() && survey::open_for(status)).then(|| {
                    let done = Callback::new(move |_| refresh.run(()));
                    view! { <SurveyCard number=number.clone() service answered done/> }
                })
            }
            <div class="action-buttons">
                <button type="button" on:click=move |_| refresh.run(())>{t(Key::RefreshStatus)}</button>
                {(status == Status::Draft)
                    .then(|| view! { <A href={
                        let number = number.clone();
                        move || routes::resume(lang.get(), service, &number)
                    } attr:class="button secondary">{t(Key::ResumeDraft)}</A> })}
                {(status != Status::Draft).then(|| view! {
                    <a class="button secondary" href=api::application_pdf(&number) target="_blank" rel="noopener">{t(Key::OpenApplication)}</a>
                })}
                {(intake == Intake::Csc && status != Status::Draft).then(|| view! {
                    <a class="button secondary" href=api::receipt_pdf(&number) target="_blank" rel="noopener">{t(Key::PrintReceipt)}</a>
                })}
            </div>
            {
                let number = number.clone();
                move || hands_over().then(|| view! {
                    <HandoverForm number=number.clone() representative=counter_representative.clone() done=refresh/>
                })
            }
            <StaffActions request=full done=refresh/>
            <h2>{t(Key::Timeline)}</h2>
            <ol class="timeline">
                {events.into_iter().map(|event| view! { <TimelineEntry event/> }).collect_view()}
            </ol>
        </article>
    }
}

/// The result as drafted, and once signed its number and validity.
#[component]
fn ResultCard(request: String, result: ResultView) -> impl IntoView {
    let lang = use_lang();
    let ResultView {
        outcome, title, grounds, appendix_pages, number, valid_until, signed_by, ..
    } = result;
    // Once signed, the document itself: shown by the browser, or saved.
    let document = number.is_some().then(|| {
        view! {
            <p class="field-hint">{t(Key::ResultPdfHint)}</p>
            <div class="action-buttons">
                <a class="button" href=api::result_pdf(&request, false) target="_blank" rel="noopener">
                    {t(Key::OpenResult)}
                </a>
                <a class="button secondary" href=api::result_pdf(&request, true) download="">
                    {t(Key::SaveResult)}
                </a>
            </div>
        }
    });
    view! {
        <section class="result" class:refusal=outcome.is_refusal() aria-labelledby="result-heading">
            <h2 id="result-heading">{t(Key::ServiceResult)}</h2>
            <p class="result-title">{move || title.get(lang.get()).to_owned()}</p>
            <dl class="facts">
                <dt>{t(Key::ResultNumber)}</dt>
                <dd>{number.map_or_else(|| t(Key::NotSignedYet).into_any(), IntoAny::into_any)}</dd>
                {appendix_pages.map(|pages| view! { <dt>{t(Key::AppendixPages)}</dt> <dd>{pages}</dd> })}
                {valid_until.map(|day| view! { <dt>{t(Key::ValidUntil)}</dt> <dd>{day.dotted()}</dd> })}
                {(!grounds.is_empty()).then(|| view! { <dt>{t(Key::RefusalGrounds)}</dt> <dd>{grounds}</dd> })}
                {signed_by.map(|signer| view! { <dt>{t(Key::ResultSignedBy)}</dt> <dd>{signer.name}</dd> })}
            </dl>
            {document}
        </section>
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
