//! The cabinet's powers of attorney: those granted to the person (with a way to file in the
//! principal's name), those they granted (with a way to revoke), and the form to grant one,
//! signed with their digital signature.

use leptos::prelude::*;
use qyzmet_shared::catalog::{ServiceCode, catalog};
use qyzmet_shared::form::FieldError;
use qyzmet_shared::power::{NewPower, PowerState, PowerView};
use qyzmet_shared::{ApiError, Text};

use crate::components::date_field::DateField;
use crate::components::error_summary::{ErrorSummary, mistake_on, problems_of};
use crate::components::field::TextField;
use crate::components::signer::GrantSigner;
use crate::components::status::{Failure, Loading};
use crate::i18n::{Key, t, use_lang};
use crate::{api, focus, routes};

#[component]
pub fn PowersOfAttorney() -> impl IntoView {
    let powers = LocalResource::new(api::powers);
    let retry = Callback::new(move |()| powers.refetch());
    let said = RwSignal::new(None::<Key>);
    let changed = Callback::new(move |what: Key| {
        said.set(Some(what));
        powers.refetch();
    });
    view! {
        <section class="powers" aria-labelledby="powers-heading">
            <h2 id="powers-heading">{t(Key::PowersTitle)}</h2>
            <p class="field-hint">{t(Key::PowersLead)}</p>
            <p role="status">{move || said.get().map(|key| t(key)())}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || powers.get().map(|loaded| match loaded {
                    Ok(found) => view! {
                        <h3>{t(Key::PowersReceived)}</h3>
                        <PowerList powers=found.received empty=Key::NoPowersReceived received=true changed/>
                        <h3>{t(Key::PowersGranted)}</h3>
                        <PowerList powers=found.granted empty=Key::NoPowersGranted received=false changed/>
                    }
                    .into_any(),
                    Err(error) => view! { <Failure error retry/> }.into_any(),
                })}
            </Suspense>
            <GrantForm changed/>
        </section>
    }
}

/// The powers, newest first: received ones offer filing under them, granted ones revoking.
#[component]
fn PowerList(
    powers: Vec<PowerView>,
    empty: Key,
    received: bool,
    changed: Callback<Key>,
) -> impl IntoView {
    let lang = use_lang();
    if powers.is_empty() {
        return view! { <p class="empty">{t(empty)}</p> }.into_any();
    }
    let failure = RwSignal::new(None::<ApiError>);
    let revoke = Action::new_local(|id: &i64| api::revoke_power(*id));
    Effect::new(move || match revoke.value().get() {
        Some(Ok(())) => changed.run(Key::PowerRevoked),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    view! {
        {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
        <ul class="power-list">
            {powers.into_iter().map(|power| {
                let active = power.state == PowerState::Active;
                let state = power.state.title();
                let whom = if received {
                    format!("{} ({})", power.principal_name, power.principal_id_number)
                } else {
                    format!("{} ({})", power.representative_name, power.representative)
                };
                let services = service_titles(&power.services);
                let principal = power.principal_id_number.clone();
                let (id, until) = (power.id, power.valid_until.dotted());
                view! {
                    <li class="power" class:inactive=!active>
                        <p class="power-whom">
                            <span class="power-role">{t(if received { Key::Principal } else { Key::Representative })}": "</span>
                            {whom}
                        </p>
                        <p>{move || state.get(lang.get()).to_owned()}" · "{t(Key::PowerValidUntil)}": "{until.clone()}</p>
                        <ul class="power-services">
                            {power.services.iter().zip(services).map(|(&code, title)| {
                                let principal = principal.clone();
                                let link = (received && active)
                                    .then_some(move || routes::apply_for(lang.get(), code, &principal));
                                view! {
                                    <li>
                                        {move || title.get(lang.get()).to_owned()}
                                        {link.clone().map(|href| view! { " — " <a href=href>{t(Key::FileUnderPower)}</a> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(!received && active).then(|| view! {
                            <button type="button" class="secondary" disabled=move || revoke.pending().get()
                                on:click=move |_| { revoke.dispatch_local(id); }>
                                {t(Key::Revoke)}
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn service_titles(codes: &[ServiceCode]) -> Vec<Text> {
    codes
        .iter()
        .map(|&code| {
            catalog()
                .service(code)
                .map_or_else(|| Text::new(code.as_str(), code.as_str()), |s| s.title.clone())
        })
        .collect()
}

/// The grant's error summary: the cabinet has other forms.
const SUMMARY: &str = "grant-errors";

/// The first service's box, where the summary leads for a choice of none.
const FIRST_SERVICE: &str = "power-services";

/// The representative's IIN, the services and the last day; signed below to grant.
#[component]
fn GrantForm(changed: Callback<Key>) -> impl IntoView {
    let lang = use_lang();
    let representative = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<ServiceCode>::new());
    let until = RwSignal::new(String::new());
    let mistakes = RwSignal::new(Vec::<FieldError>::new());
    let representative_error = mistake_on(mistakes, "representative", representative);
    let services_error = mistake_on(mistakes, "services", chosen);
    let until_error = mistake_on(mistakes, "valid_until", until);
    let problems = problems_of([
        ("representative", Key::RepresentativeIin, representative_error),
        (FIRST_SERVICE, Key::PowerServices, services_error),
        ("valid_until", Key::PowerValidUntil, until_error),
    ]);
    let refused = Callback::new(move |wrong: Vec<FieldError>| {
        let fix_first = !wrong.is_empty();
        mistakes.set(wrong);
        if fix_first {
            focus::soon(SUMMARY.to_owned());
        }
    });
    let grant = Signal::derive(move || NewPower {
        representative: representative.get().trim().to_owned(),
        services: chosen.get(),
        valid_until: until.get(),
        cms: String::new(),
    });
    let granted = Callback::new(move |_: PowerView| {
        representative.set(String::new());
        chosen.set(Vec::new());
        until.set(String::new());
        mistakes.set(Vec::new());
        changed.run(Key::PowerGranted);
    });
    view! {
        <section class="grant" aria-labelledby="grant-heading">
            <h3 id="grant-heading">{t(Key::GrantPower)}</h3>
            <ErrorSummary id=SUMMARY problems/>
            <TextField id="representative" label=Key::RepresentativeIin value=representative
                error=representative_error hint=Key::RepresentativeIinHint
                inputmode="numeric" maxlength=12/>
            <fieldset class="choice" class:invalid=move || services_error.get().is_some()
                aria-describedby=move || services_error.get().map(|_| "services-error")>
                <legend>{t(Key::PowerServices)}</legend>
                {ServiceCode::ALL.into_iter().zip(service_titles(&ServiceCode::ALL)).enumerate().map(|(at, (code, title))| view! {
                    <label>
                        <input type="checkbox" id=(at == 0).then_some(FIRST_SERVICE) prop:checked=move || chosen.get().contains(&code)
                            on:change=move |_| chosen.update(|list| {
                                if let Some(at) = list.iter().position(|c| *c == code) {
                                    list.remove(at);
                                } else {
                                    list.push(code);
                                }
                            })/>
                        {move || title.get(lang.get()).to_owned()}
                    </label>
                }).collect_view()}
                {move || services_error.get().map(|text| view! {
                    <p class="field-error" id="services-error">{text.get(lang.get()).to_owned()}</p>
                })}
            </fieldset>
            <DateField id="valid_until" label=Signal::derive(t(Key::PowerValidUntil)) value=until
                error=until_error hint=Some(Signal::derive(t(Key::PowerValidUntilHint)))/>
            <GrantSigner grant granted refused/>
        </section>
    }
}
