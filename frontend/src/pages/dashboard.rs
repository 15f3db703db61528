//! The provider's dashboard, for its staff: requests by status, those overdue now, each step's
//! record against its limit, and the survey's answers per service.

use leptos::prelude::*;
use qyzmet_shared::catalog::catalog;
use qyzmet_shared::dashboard::Dashboard;
use qyzmet_shared::survey::{Answer, Question, SurveyResults};

use crate::api;
use crate::components::status::{Failure, Loading};
use crate::i18n::{Key, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::session::require_sign_in;

#[component]
pub fn DashboardPage() -> impl IntoView {
    set_title(title_of(Key::DashboardTitle));
    require_sign_in();
    let board = LocalResource::new(api::dashboard);
    view! {
        <section class="dashboard">
            <h1>{t(Key::DashboardTitle)}</h1>
            {move || match board.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => {
                    view! { <Failure error retry=Callback::new(move |()| board.refetch())/> }.into_any()
                }
                Some(Ok(board)) => view! { <Board board/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Board(board: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let Dashboard { by_status, overdue, steps, survey, calendar_missing } = board;
    view! {
        {calendar_missing.map(|year| view! {
            <p class="calendar-missing" role="alert">
                {t(Key::CalendarMissing)} " " <strong>{year}</strong>
            </p>
        })}
        <p class="overdue-now" class:overdue={overdue > 0}>
            {t(Key::DashboardOverdue)} ": " <strong>{overdue}</strong>
        </p>
        <h2>{t(Key::DashboardStatuses)}</h2>
        {if by_status.is_empty() {
            view! { <p>{t(Key::DashboardEmpty)}</p> }.into_any()
        } else {
            view! {
                <dl class="facts counts">
                    {by_status.into_iter().map(|c| view! {
                        <dt>{move || c.status.title().get(lang.get()).to_owned()}</dt>
                        <dd>{c.count}</dd>
                    }).collect_view()}
                </dl>
            }
            .into_any()
        }}
        <h2 id="dashboard-steps">{t(Key::DashboardSteps)}</h2>
        {if steps.is_empty() {
            view! { <p>{t(Key::DashboardEmpty)}</p> }.into_any()
        } else {
            // Wider than a phone: it scrolls sideways, and the keyboard can scroll it too.
            view! {
                <div class="figures-scroll" role="region" tabindex="0" aria-labelledby="dashboard-steps">
                <table class="figures">
                    <thead><tr>
                        <th scope="col">{t(Key::DashboardStep)}</th>
                        <th scope="col">{t(Key::DashboardDone)}</th>
                        <th scope="col">{t(Key::DashboardLate)}</th>
                        <th scope="col">{t(Key::DashboardAverage)}</th>
                    </tr></thead>
                    <tbody>
                        {steps.into_iter().map(|s| view! {
                            <tr class:overdue={s.late > 0}>
                                <th scope="row">{move || s.status.title().get(lang.get()).to_owned()}</th>
                                <td>{s.done}</td>
                                <td>{s.late}</td>
                                <td>{s.average_hours}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }
            .into_any()
        }}
        <h2>{t(Key::DashboardSurvey)}</h2>
        {if survey.is_empty() {
            view! { <p>{t(Key::DashboardEmpty)}</p> }.into_any()
        } else {
            survey.into_iter().map(|results| view! { <SurveyTable results/> }).collect_view().into_any()
        }}
    }
}

#[component]
fn SurveyTable(results: SurveyResults) -> impl IntoView {
    let lang = use_lang();
    let title = catalog().service(results.service).map(|s| s.title.clone());
    let caption = format!("survey-{}", results.service.as_str());
    let labelled_by = caption.clone();
    view! {
        <div class="figures-scroll" role="region" tabindex="0" aria-labelledby=labelled_by>
        <table class="figures">
            <caption id=caption>{move || title.as_ref().map(|t| t.get(lang.get()).to_owned())}</caption>
            <thead><tr>
                <td></td>
                {Answer::ALL.into_iter().map(|a| view! {
                    <th scope="col">{move || a.text().get(lang.get()).to_owned()}</th>
                }).collect_view()}
            </tr></thead>
            <tbody>
                {Question::ALL.into_iter().map(|question| {
                    let counts = match question {
                        Question::Result => results.result,
                        Question::Information => results.information,
                    };
                    view! {
                        <tr>
                            <th scope="row">{move || question.text().get(lang.get()).to_owned()}</th>
                            {counts.into_iter().map(|n| view! { <td>{n}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
