//! The steps the signed-in staff member may take on a request now (`StaffStep`): a resolution for
//! the history, and the choice a step needs — the department, the specialist, or the drafted
//! result — or the head's signature of the result.

use leptos::prelude::*;
use qyzmet_shared::catalog::catalog;
use qyzmet_shared::office::{self, Department};
use qyzmet_shared::request::{RequestView, StepAction};
use qyzmet_shared::result::{self, Outcome};
use qyzmet_shared::workflow::Action as WorkflowAction;
use qyzmet_shared::{ApiError, account::StaffMember};

use crate::api;
use crate::components::signer::ResultSigner;
use crate::i18n::{Key, t, use_lang};
use crate::session::use_session;
use crate::staff::StaffStep;

#[component]
pub fn StaffActions(
    /// The request as shown (for the head, to sign its drafted result).
    request: RequestView,
    done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let role = use_session().me.get_untracked().map(|me| me.role);
    let service = request.service;
    let step = StaffStep::of(service, request.status, role, request.intake);
    let number = request.number.clone();
    let kind = catalog().body(&request.provider).map(|b| b.kind);
    let departments = kind.map(office::departments).unwrap_or_default();
    let responsible = kind.and_then(|k| office::responsible(k, service)).map(|d| d.id.to_owned());
    let resolution = RwSignal::new(String::new());
    let department = RwSignal::new(responsible.unwrap_or_default());
    let specialist = RwSignal::new(String::new());
    let outcome = RwSignal::new(Outcome::Certificate);
    let pages = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    let kind_code = request.kind.clone();
    let counts_pages = move || result::template(service, &kind_code, outcome.get()).appendix;
    let act = Action::new_local(move |action: &WorkflowAction| {
        let mut step = StepAction::new(*action, resolution.get_untracked());
        match action {
            WorkflowAction::AssignDepartment => step.department = Some(department.get_untracked()),
            WorkflowAction::AssignSpecialist => step.specialist = Some(specialist.get_untracked()),
            WorkflowAction::DraftResult => {
                step.outcome = Some(outcome.get_untracked());
                step.appendix_pages = pages.get_untracked().trim().parse().ok();
            }
            _ => {}
        }
        let number = number.clone();
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
    let signer = step.signs_result.then(|| {
        let signed = Callback::new(move |_: RequestView| done.run(()));
        view! { <ResultSigner request resolution=resolution.into() signed/> }
    });
    (!step.is_empty()).then(|| {
        view! {
            <section class="staff-actions" aria-labelledby="actions-heading">
                <h2 id="actions-heading">{t(Key::Actions)}</h2>
                {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
                {step.offers(WorkflowAction::AssignDepartment).then(|| view! { <DepartmentChoice departments department failure/> })}
                {step.offers(WorkflowAction::AssignSpecialist).then(|| view! { <SpecialistChoice specialist failure/> })}
                {step.offers(WorkflowAction::DraftResult).then(|| view! { <OutcomeChoice outcome failure/> })}
                {step.offers(WorkflowAction::DraftResult).then_some(move || counts_pages().then(|| view! { <AppendixPages pages failure/> }))}
                <div class="field">
                    <label for="resolution">{t(Key::Resolution)}</label>
                    <textarea id="resolution" rows="3" aria-describedby="resolution-help" bind:value=resolution></textarea>
                    <p class="help" id="resolution-help">{t(Key::ResolutionHelp)}</p>
                    <StepError failure field="resolution"/>
                </div>
                {signer}
                <div class="action-buttons">
                    {step.buttons.iter().map(|&action| view! {
                        <button type="button" disabled=move || act.pending().get() on:click=move |_| { act.dispatch_local(action); }>
                            {move || action.title().get(lang.get()).to_owned()}
                        </button>
                    }).collect_view()}
                </div>
            </section>
        }
    })
}

/// The department the head sends the request to; the one answering for the service first.
#[component]
fn DepartmentChoice(
    departments: &'static [Department],
    department: RwSignal<String>,
    failure: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for="department">{t(Key::Department)}</label>
            <select id="department" bind:value=department>
                {departments.iter().map(|d| {
                    let name = d.name.clone();
                    view! { <option value=d.id>{move || name.get(lang.get()).to_owned()}</option> }
                }).collect_view()}
            </select>
            <StepError failure field="department"/>
        </div>
    }
}

/// The specialist of the department head's department the request is given to.
#[component]
fn SpecialistChoice(
    specialist: RwSignal<String>,
    failure: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let specialists = LocalResource::new(api::specialists);
    let listed = move || specialists.get().and_then(Result::ok).unwrap_or_default();
    Effect::new(move || {
        if let Some(first) = listed().first()
            && specialist.get_untracked().is_empty()
        {
            specialist.set(first.id_number.clone());
        }
    });
    view! {
        <div class="field">
            <label for="specialist">{t(Key::Specialist)}</label>
            <select id="specialist" bind:value=specialist>
                {move || listed().into_iter().map(|s: StaffMember| {
                    view! { <option value=s.id_number.clone()>{s.full_name}</option> }
                }).collect_view()}
            </select>
            {move || specialists.get().and_then(Result::ok).is_some_and(|l| l.is_empty())
                .then(|| view! { <p class="field-error">{t(Key::NoSpecialists)}</p> })}
            <StepError failure field="specialist"/>
        </div>
    }
}

/// What the specialist drafts: the certificate or a motivated refusal.
#[component]
fn OutcomeChoice(outcome: RwSignal<Outcome>, failure: RwSignal<Option<ApiError>>) -> impl IntoView {
    let choices =
        [(Outcome::Certificate, Key::OutcomeCertificate), (Outcome::Refusal, Key::OutcomeRefusal)];
    view! {
        <fieldset class="field choice">
            <legend>{t(Key::OutcomeLegend)}</legend>
            {choices.into_iter().map(|(value, label)| view! {
                <label>
                    <input type="radio" name="outcome" value=value.as_str()
                        prop:checked=move || outcome.get() == value
                        on:change=move |_| outcome.set(value)/>
                    {t(label)}
                </label>
            }).collect_view()}
            <StepError failure field="outcome"/>
        </fieldset>
    }
}

/// The pages attached to the certificate, where its form prints «Қосымша: __ бет» (001).
#[component]
fn AppendixPages(pages: RwSignal<String>, failure: RwSignal<Option<ApiError>>) -> impl IntoView {
    let max = result::MOST_APPENDIX_PAGES.to_string();
    view! {
        <div class="field">
            <label for="appendix_pages">{t(Key::AppendixPages)}</label>
            <input id="appendix_pages" type="number" inputmode="numeric" min="0" max=max required
                aria-describedby="appendix_pages-help appendix_pages-error" bind:value=pages/>
            <p class="help" id="appendix_pages-help">{t(Key::AppendixPagesHelp)}</p>
            <StepError failure field="appendix_pages"/>
        </div>
    }
}

/// The server's message about one of the step's choices, under it.
#[component]
fn StepError(failure: RwSignal<Option<ApiError>>, field: &'static str) -> impl IntoView {
    let lang = use_lang();
    move || {
        failure.get().and_then(|e| {
            e.fields.into_iter().find(|f| f.field == field).map(|f| {
                view! { <p class="field-error" id=format!("{field}-error")>{f.message.get(lang.get()).to_owned()}</p> }
            })
        })
    }
}
