//! The survey after the service, for the service it names (001 appendix 7, 004 appendix 6): the
//! regulation's two questions, three answers each, once per request; then the answers given.

use leptos::prelude::*;
use qyzmet_shared::ApiError;
use qyzmet_shared::catalog::{ServiceCode, catalog};
use qyzmet_shared::request::RequestView;
use qyzmet_shared::survey::{Answer, Question, SurveyAnswers};

use crate::api;
use crate::i18n::{Key, t, use_lang};

#[component]
pub fn SurveyCard(
    number: String,
    /// The service rated, named under the heading as the appendices' form has it.
    service: ServiceCode,
    answered: Option<SurveyAnswers>,
    done: Callback<RequestView>,
) -> impl IntoView {
    let lang = use_lang();
    let named = catalog().service(service).map(|s| s.title.clone());
    let service_name = move || named.as_ref().map(|t| t.get(lang.get()).to_owned());
    if let Some(answers) = answered {
        return view! {
            <section class="survey" aria-labelledby="survey-heading">
                <h2 id="survey-heading">{t(Key::SurveyTitle)}</h2>
                <p class="survey-service">{service_name}</p>
                <p role="status">{t(Key::SurveyThanks)}</p>
                <dl class="facts">
                    {Question::ALL.into_iter().map(|question| view! {
                        <dt>{move || question.text().get(lang.get()).to_owned()}</dt>
                        <dd>{move || answers.answer(question).text().get(lang.get()).to_owned()}</dd>
                    }).collect_view()}
                </dl>
            </section>
        }
        .into_any();
    }
    let choices = Question::ALL.map(|_| RwSignal::new(None::<Answer>));
    let tried = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let send = Action::new_local(move |answers: &SurveyAnswers| {
        let (number, answers) = (number.clone(), *answers);
        async move { api::answer_survey(&number, &answers).await }
    });
    Effect::new(move || match send.value().get() {
        Some(Ok(request)) => done.run(request),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let [Some(result), Some(information)] = choices.map(|c| c.get_untracked()) {
            send.dispatch_local(SurveyAnswers { result, information });
        }
    };
    view! {
        <section class="survey" aria-labelledby="survey-heading">
            <h2 id="survey-heading">{t(Key::SurveyTitle)}</h2>
            <p class="survey-service">{service_name}</p>
            <p>{t(Key::SurveyLead)}</p>
            <form on:submit=submit novalidate>
                {Question::ALL.into_iter().zip(choices).enumerate().map(|(i, (question, choice))| {
                    let name = format!("survey-{i}");
                    let error_id = format!("{name}-error");
                    let described_by = error_id.clone();
                    let missing = move || tried.get() && choice.get().is_none();
                    view! {
                        <fieldset class="field choice" aria-describedby=described_by>
                            <legend>{move || question.text().get(lang.get()).to_owned()}</legend>
                            {Answer::ALL.into_iter().map(|answer| view! {
                                <label>
                                    <input type="radio" name=name.clone() value=answer.as_str()
                                        prop:checked=move || choice.get() == Some(answer)
                                        on:change=move |_| choice.set(Some(answer))/>
                                    {move || answer.text().get(lang.get()).to_owned()}
                                </label>
                            }).collect_view()}
                            {move || missing().then(|| view! {
                                <p class="field-error" id=error_id.clone()>{t(Key::SurveyChoose)}</p>
                            })}
                        </fieldset>
                    }
                }).collect_view()}
                {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
                <button type="submit" disabled=move || send.pending().get()>{t(Key::SurveySend)}</button>
            </form>
        </section>
    }
    .into_any()
}
