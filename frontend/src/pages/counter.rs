//! The CSC operator's workplace: find the person at the counter in the state registry by IIN or
//! BIN, record their phone and a representative under a notarised power of attorney, choose the
//! service, then fill the form for them, attach the scans and sign with the operator's own key —
//! the same form citizens file on the portal.

use leptos::prelude::*;
use leptos::task::spawn_local;
use qyzmet_shared::catalog::{Channel, ServiceCode, catalog};
use qyzmet_shared::csc::{self, Counter, CounterRepresentative};
use qyzmet_shared::form::FieldError;
use qyzmet_shared::registry::RegistryRecord;
use qyzmet_shared::{ApiError, IdNumber, Role, Text};

use crate::api;
use crate::components::field::TextField;
use crate::components::registries::Registries;
use crate::components::request_list::RequestList;
use crate::components::status::Loading;
use crate::i18n::{Key, t, use_lang};
use crate::pages::apply::CounterForm;
use crate::pages::{set_title, title_of};
use crate::routes;
use crate::session::{require_sign_in, use_session};
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

#[component]
pub fn CounterPage() -> impl IntoView {
    set_title(title_of(Key::CounterTitle));
    require_sign_in();
    let session = use_session();
    let lang = use_lang();
    move || match session.me.get() {
        None => view! { <Loading/> }.into_any(),
        Some(me) if me.role == Role::CscOperator => {
            let centre = me.csc.as_deref().and_then(csc::centre);
            view! {
                <section class="counter">
                    <h1>{t(Key::CounterTitle)}</h1>
                    {centre.map(|c| view! { <p class="field-hint">{move || format!("{} — {}", c.name.get(lang.get()), c.address.get(lang.get()))}</p> })}
                    <FindByReceipt/>
                    <CounterDesk/>
                    <Registries/>
                    <RequestList/>
                </section>
            }
            .into_any()
        }
        Some(_) => {
            view! { <p class="form-error" role="alert">{t(Key::OperatorsOnly)}</p> }.into_any()
        }
    }
}

/// A citizen back for the result: the request found by the number on their receipt (a barcode
/// scanner types it in).
#[component]
fn FindByReceipt() -> impl IntoView {
    let navigate = use_navigate();
    let number = RwSignal::new(String::new());
    let no_error = Signal::derive(|| None);
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = number.get_untracked().trim().to_owned();
        if !typed.is_empty() {
            navigate(&routes::request(&typed), NavigateOptions::default());
        }
    };
    view! {
        <form class="find-by-receipt" on:submit=find>
            <h2>{t(Key::FindByReceipt)}</h2>
            <TextField id="receipt-number" label=Key::ReceiptNumber value=number error=no_error
                hint=Key::ReceiptNumberHint maxlength=40/>
            <button type="submit">{t(Key::Find)}</button>
        </form>
    }
}

/// The steps at the counter: the applicant, what the operator records, the service, the form.
#[component]
fn CounterDesk() -> impl IntoView {
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
    let services: Vec<ServiceCode> = ServiceCode::ALL
        .into_iter()
        .filter(|&code| catalog().service(code).is_some_and(|s| s.channels.contains(&Channel::Csc)))
        .collect();
    let service = RwSignal::new(services[0]);
    let mistakes = RwSignal::new(Vec::<FieldError>::new());
    let filling = RwSignal::new(None::<(ServiceCode, String, Counter)>);
    let mistake = move |field: &'static str| {
        Signal::derive(move || {
            mistakes.get().into_iter().find(|m| m.field == field).map(|m| m.message)
        })
    };

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
        mistakes.set(wrong.clone());
        filling.set(wrong.is_empty().then(|| (service.get_untracked(), applicant, counter)));
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
                <TextField id="counter-phone" label=Key::ApplicantPhone value=phone error=mistake("phone")
                    hint=Key::PhoneHint kind="tel" inputmode="tel"/>
                <label class="checkbox">
                    <input type="checkbox" id="with-representative" prop:checked=with_representative
                        on:change=move |ev| with_representative.set(event_target_checked(&ev))/>
                    {t(Key::RepresentativeAtCounter)}
                </label>
                <Show when=move || with_representative.get()>
                    <fieldset>
                        <legend>{t(Key::RepresentativeTitle)}</legend>
                        <TextField id="representative-iin" label=Key::RepresentativeIin value=representative[0]
                            error=mistake("representative_iin") inputmode="numeric" maxlength=12/>
                        <TextField id="representative-name" label=Key::RepresentativeName value=representative[1]
                            error=mistake("representative_name") maxlength=200/>
                        <TextField id="representative-phone" label=Key::RepresentativePhone value=representative[2]
                            error=mistake("representative_phone") hint=Key::PhoneHint kind="tel" inputmode="tel"/>
                        <TextField id="power-of-attorney" label=Key::NotarisedPower value=representative[3]
                            error=mistake("power_of_attorney") hint=Key::NotarisedPowerHint maxlength=200/>
                    </fieldset>
                </Show>
                <div class="field">
                    <label for="counter-service">{t(Key::Service)}</label>
                    <select id="counter-service" prop:value=move || service.get().as_str()
                        on:change=move |ev| {
                            if let Some(code) = ServiceCode::from_code(&event_target_value(&ev)) {
                                service.set(code);
                            }
                        }>
                        {services.iter().map(|&code| {
                            let title = catalog().service(code).map(|s| s.title.clone());
                            view! { <option value=code.as_str()>{move || title.as_ref().map(|t| t.get(lang.get()).to_owned())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit">{t(Key::FillForApplicant)}</button>
            </form>
        })}
        {move || filling.get().map(|(service, applicant, counter)| view! {
            <CounterForm service applicant counter/>
        })}
    }
}
