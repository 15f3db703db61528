//! A desk's walk-in: find the person in front of the employee in the state registry by IIN or
//! BIN, record their phone and a representative under a notarised power of attorney, choose the
//! service, then fill the form for them, attach the scans and sign with the employee's own key —
//! the same form citizens file on the portal. At a centre's counter (every service the centre
//! takes) and at a provider's own chancellery (its services the regulation gives there).

use leptos::prelude::*;
use leptos::task::spawn_local;
use qyzmet_shared::catalog::{Channel, ServiceCode, catalog};
use qyzmet_shared::csc::{Counter, CounterRepresentative};
use qyzmet_shared::form::FieldError;
use qyzmet_shared::registry::RegistryRecord;
use qyzmet_shared::{ApiError, IdNumber, Text};

use crate::components::error_summary::{ErrorSummary, Problem, mistake_on, problems_of};
use crate::components::field::TextField;
use crate::i18n::{Key, t, use_lang};
use crate::pages::apply::CounterForm;
use crate::{api, focus};

/// The counter record's error summary: the page has other forms.
const RECORD_SUMMARY: &str = "counter-record-errors";

/// The steps at a desk: the applicant, what the employee records, the service, the form. At the
/// chancellery of the provider `chancellery`, or, when `None`, at a centre's counter.
#[component]
pub fn WalkInDesk(chancellery: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let typed_id = RwSignal::new(String::new());
    let id_error = RwSignal::new(None::<Text>);
    let found = RwSignal::new(None::<(String, RegistryRecord)>);
    let lookup_failure = RwSignal::new(None::<ApiError>);
    let searching = RwSignal::new(false);
    // What the operator records, and the form once they go on to it.
    let phone = RwSignal::new(String::new());
    let with_representative = RwSignal::new(false);
    let representative = [(); 4].map(|()| RwSignal::new(String::new()));
    let services = services_at(chancellery.as_deref());
    let Some(&first) = services.first() else {
        return view! { <p class="field-hint">{t(Key::NoWalkInServices)}</p> }.into_any();
    };
    let service = RwSignal::new(first);
    let mistakes = RwSignal::new(Vec::<FieldError>::new());
    let filling = RwSignal::new(None::<(ServiceCode, String, Counter)>);
    let errors = RecordErrors::new(mistakes, phone, representative, with_representative);
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        found.set(None);
        filling.set(None);
        lookup_failure.set(None);
        let id = match IdNumber::parse(typed_id.get_untracked().trim()) {
            Ok(id) => id.to_string(),
            Err(why) => {
                id_error.set(Some(why.message()));
                return;
            }
        };
        id_error.set(None);
        searching.set(true);
        spawn_local(async move {
            match api::registry_me(Some(&id)).await {
                Ok(record) => found.set(Some((id, record))),
                Err(error) => lookup_failure.set(Some(error)),
            }
            searching.set(false);
        });
    };
    let go_on = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((applicant, _)) = found.get_untracked() else { return };
        let [iin, name, rep_phone, power] = representative.map(|s| s.get_untracked());
        let counter = Counter {
            phone: phone.get_untracked().trim().to_owned(),
            representative: with_representative.get_untracked().then(|| CounterRepresentative {
                iin: iin.trim().to_owned(),
                name: name.trim().to_owned(),
                phone: rep_phone.trim().to_owned(),
                power_of_attorney: power.trim().to_owned(),
            }),
        };
        let wrong = counter.mistakes(&applicant);
        let fix_first = !wrong.is_empty();
        mistakes.set(wrong);
        if fix_first {
            filling.set(None);
            focus::soon(RECORD_SUMMARY.to_owned());
        } else {
            filling.set(Some((service.get_untracked(), applicant, counter)));
        }
    };
    let name_of = move |record: &RegistryRecord| match record {
        RegistryRecord::LegalEntity { name, .. } => name.get(lang.get()).to_owned(),
        person @ RegistryRecord::Individual { .. } => person.person_name().unwrap_or_default(),
    };
    view! {
        <form class="counter-find" on:submit=find novalidate>
            <h2>{t(Key::CounterApplicant)}</h2>
            <TextField id="applicant-id" label=Key::ApplicantIdNumber value=typed_id
                error=id_error.into() hint=Key::ApplicantIdNumberHint inputmode="numeric" maxlength=12/>
            <button type="submit" disabled=move || searching.get()>{t(Key::FindInRegistry)}</button>
            {move || lookup_failure.get().map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
        </form>
        {move || found.get().map(|(id, record)| view! {
            <form class="counter-details" on:submit=go_on novalidate>
                <p role="status" class="found">
                    {move || format!("{}: {} ({id})", t(Key::FoundInRegistry)(), name_of(&record))}
                </p>
                <ErrorSummary id=RECORD_SUMMARY problems=errors.summary/>
                <TextField id="counter-phone" label=Key::ApplicantPhone value=phone error=errors.phone
                    hint=Key::PhoneHint kind="tel" inputmode="tel"/>
                <label class="checkbox">
                    <input type="checkbox" id="with-representative" prop:checked=with_representative
                        on:change=move |ev| with_representative.set(event_target_checked(&ev))/>
                    {t(Key::RepresentativeAtCounter)}
                </label>
                <Show when=move || with_representative.get()>
                    <RepresentativeFields typed=representative errors=errors.representative/>
                </Show>
                <ServiceChoice services=services.clone() service/>
                <button type="submit">{t(Key::FillForApplicant)}</button>
            </form>
        })}
        {move || filling.get().map(|(service, applicant, counter)| {
            let chancellery = chancellery.clone();
            view! { <CounterForm service applicant counter chancellery/> }
        })}
    }
    .into_any()
}

/// The errors of the counter record's fields, the phone's and the representative's four (shown
/// while a representative is recorded), and the summary of them.
#[derive(Clone, Copy)]
struct RecordErrors {
    phone: Signal<Option<Text>>,
    representative: [Signal<Option<Text>>; 4],
    summary: Signal<Vec<Problem>>,
}

impl RecordErrors {
    fn new(
        mistakes: RwSignal<Vec<FieldError>>,
        phone: RwSignal<String>,
        representative: [RwSignal<String>; 4],
        with_representative: RwSignal<bool>,
    ) -> Self {
        let phone = mistake_on(mistakes, "phone", phone);
        let [iin, name, rep_phone, power] = representative;
        let representative = [
            mistake_on(mistakes, "representative_iin", iin),
            mistake_on(mistakes, "representative_name", name),
            mistake_on(mistakes, "representative_phone", rep_phone),
            mistake_on(mistakes, "power_of_attorney", power),
        ]
        .map(|error| Signal::derive(move || error.get().filter(|_| with_representative.get())));
        let summary = problems_of([
            ("counter-phone", Key::ApplicantPhone, phone),
            ("representative-iin", Key::RepresentativeIin, representative[0]),
            ("representative-name", Key::RepresentativeName, representative[1]),
            ("representative-phone", Key::RepresentativePhone, representative[2]),
            ("power-of-attorney", Key::NotarisedPower, representative[3]),
        ]);
        Self { phone, representative, summary }
    }
}

/// The services taken in at the chancellery of the provider `chancellery` (those it offers whose
/// regulation gives that channel), or, when `None`, at a centre's counter.
fn services_at(chancellery: Option<&str>) -> Vec<ServiceCode> {
    let offered = |code: ServiceCode| match chancellery {
        None => code.def().channels.contains(&Channel::Csc),
        Some(own) => {
            code.def().channels.contains(&Channel::Provider)
                && catalog().body(own).is_some_and(|body| body.services.contains(&code))
        }
    };
    ServiceCode::ALL.into_iter().filter(|&code| offered(code)).collect()
}

/// The service the walk-in asks for, among those the desk takes.
#[component]
fn ServiceChoice(services: Vec<ServiceCode>, service: RwSignal<ServiceCode>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for="counter-service">{t(Key::Service)}</label>
            <select id="counter-service" prop:value=move || service.get().as_str()
                on:change=move |ev| {
                    if let Some(code) = ServiceCode::from_code(&event_target_value(&ev)) {
                        service.set(code);
                    }
                }>
                {services.into_iter().map(|code| {
                    let title = catalog().service(code).map(|s| s.title.clone());
                    view! { <option value=code.as_str()>{move || title.as_ref().map(|t| t.get(lang.get()).to_owned())}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The representative who brought the documents under a notarised power of attorney: IIN, name,
/// phone and the power's number and date, as the employee reads them.
#[component]
fn RepresentativeFields(
    typed: [RwSignal<String>; 4],
    errors: [Signal<Option<Text>>; 4],
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{t(Key::RepresentativeTitle)}</legend>
            <TextField id="representative-iin" label=Key::RepresentativeIin value=typed[0]
                error=errors[0] inputmode="numeric" maxlength=12/>
            <TextField id="representative-name" label=Key::RepresentativeName value=typed[1]
                error=errors[1] maxlength=200/>
            <TextField id="representative-phone" label=Key::RepresentativePhone value=typed[2]
                error=errors[2] hint=Key::PhoneHint kind="tel" inputmode="tel"/>
            <TextField id="power-of-attorney" label=Key::NotarisedPower value=typed[3]
                error=errors[3] hint=Key::NotarisedPowerHint maxlength=200/>
        </fieldset>
    }
}
