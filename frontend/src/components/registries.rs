//! Registries between a CSC and a provider, for the two sides that handle them: an operator
//! sends the centre's packages to a provider and receives results back; a chancellery receives
//! packages and sends signed results to a centre. A registry is printed in two copies; the
//! receiving side ticks each item it found, then accepts it or refuses it with the reason.

use leptos::prelude::*;
use qyzmet_shared::catalog::{Channel, catalog};
use qyzmet_shared::csc::{self, Direction, RegistryReceipt, RegistryState, RegistryView};
use qyzmet_shared::form::FieldError;
use qyzmet_shared::{ApiError, Role, Text};

use crate::api;
use crate::components::field::TextField;
use crate::components::pager::Pager;
use crate::components::status::{Failure, Loading};
use crate::i18n::{Key, date_text, t, use_lang};
use crate::session::use_session;

#[component]
pub fn Registries() -> impl IntoView {
    let role = use_session().me.get_untracked().map(|me| me.role);
    let page = RwSignal::new(1_i64);
    let registries = LocalResource::new(move || {
        let page = page.get();
        async move { api::registries(page).await }
    });
    let retry = Callback::new(move |()| registries.refetch());
    let said = RwSignal::new(None::<Key>);
    let changed = Callback::new(move |what: Key| {
        said.set(Some(what));
        registries.refetch();
    });
    view! {
        <section class="registries" aria-labelledby="registries-heading">
            <h2 id="registries-heading">{t(Key::RegistriesTitle)}</h2>
            <p class="field-hint">{t(Key::RegistriesLead)}</p>
            <NewRegistryForm role changed/>
            <p role="status">{move || said.get().map(|key| t(key)())}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || registries.get().map(|loaded| match loaded {
                    Ok(found) if found.items.is_empty() => {
                        view! { <p class="empty">{t(Key::NoRegistries)}</p> }.into_any()
                    }
                    Ok(found) => {
                        let pages = (found.total + found.per_page - 1) / found.per_page;
                        view! {
                            <ul class="registry-list">
                                {found.items.into_iter().map(|registry| view! {
                                    <li><RegistryCard registry role changed/></li>
                                }).collect_view()}
                            </ul>
                            <Pager page pages/>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Failure error retry/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// Where a registry can go from this side: an operator's to the providers of CSC services, a
/// chancellery's to the centres.
fn destinations(role: Option<Role>) -> Vec<(String, Text)> {
    match role {
        Some(Role::CscOperator) => catalog()
            .bodies
            .iter()
            .filter(|body| {
                body.services.iter().any(|&code| {
                    catalog().service(code).is_some_and(|s| s.channels.contains(&Channel::Csc))
                })
            })
            .map(|body| (body.id.clone(), body.name.clone()))
            .collect(),
        _ => csc::CENTRES.iter().map(|c| (c.id.to_owned(), c.name.clone())).collect(),
    }
}

/// Forms a registry of everything that waits to go to the chosen destination.
#[component]
fn NewRegistryForm(role: Option<Role>, changed: Callback<Key>) -> impl IntoView {
    let lang = use_lang();
    let choices = destinations(role);
    let to = RwSignal::new(choices.first().map(|(id, _)| id.clone()).unwrap_or_default());
    let failure = RwSignal::new(None::<ApiError>);
    let form = Action::new_local(move |to: &String| {
        let to = to.clone();
        async move { api::form_registry(&to).await }
    });
    Effect::new(move || match form.value().get() {
        Some(Ok(_)) => {
            failure.set(None);
            changed.run(Key::RegistryFormed);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let heading =
        if role == Some(Role::CscOperator) { Key::SendPackages } else { Key::SendResults };
    view! {
        <form class="new-registry" on:submit=move |ev| { ev.prevent_default(); form.dispatch_local(to.get_untracked()); }>
            <div class="field">
                <label for="registry-to">{t(heading)}</label>
                <select id="registry-to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))>
                    {choices.into_iter().map(|(id, name)| view! {
                        <option value=id>{move || name.get(lang.get()).to_owned()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" disabled=move || form.pending().get()>{t(Key::FormRegistry)}</button>
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
        </form>
    }
}

/// One registry: what it lists and how it stands; the receiving side marks it here.
#[component]
fn RegistryCard(
    registry: RegistryView,
    role: Option<Role>,
    changed: Callback<Key>,
) -> impl IntoView {
    let lang = use_lang();
    let receiver = match registry.direction {
        Direction::ToProvider => Role::Chancellery,
        Direction::ToCsc => Role::CscOperator,
    };
    let receiving = role == Some(receiver) && registry.state == RegistryState::Sent;
    let direction = registry.direction.title();
    let state = registry.state.title();
    let heading = {
        let number = registry.number.clone();
        move || format!("{} {number} — {}", t(Key::RegistryNumber)(), direction.get(lang.get()))
    };
    let reason = registry.reason.clone();
    view! {
        <article class="registry">
            <h3>{heading}</h3>
            <p>
                {move || format!("{}: {}", t(Key::Status)(), state.get(lang.get()))}
                " · " {date_text(registry.formed_at)}
            </p>
            {(!reason.is_empty()).then(|| view! { <p class="form-error">{t(Key::RegistryRefusedBecause)} ": " {reason}</p> })}
            <a class="button secondary" href=api::registry_pdf(&registry.number) target="_blank" rel="noopener">
                {t(Key::PrintRegistry)}
            </a>
            {if receiving {
                view! { <RegistryMarks registry changed/> }.into_any()
            } else {
                view! { <RegistryItems registry/> }.into_any()
            }}
        </article>
    }
}

/// The items as listed, with their marks once received.
#[component]
fn RegistryItems(registry: RegistryView) -> impl IntoView {
    view! {
        <ol class="registry-items">
            {registry.items.into_iter().map(|item| {
                let mark = match item.present {
                    Some(true) => Some(Key::Present),
                    Some(false) => Some(Key::Missing),
                    None => None,
                };
                view! {
                    <li>
                        {format!("{} — {} ({})", item.request, item.applicant_name, item.documents)}
                        {mark.map(|key| view! { " — " <strong>{t(key)}</strong> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The receiving side ticks what it found; a registry lacking anything is refused with the reason.
#[component]
fn RegistryMarks(registry: RegistryView, changed: Callback<Key>) -> impl IntoView {
    let lang = use_lang();
    let present = RwSignal::new(Vec::<String>::new());
    let reason = RwSignal::new(String::new());
    let mistakes = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let number = registry.number.clone();
    let receive = Action::new_local(move |receipt: &RegistryReceipt| {
        let (number, receipt) = (number.clone(), receipt.clone());
        async move { api::receive_registry(&number, &receipt).await }
    });
    Effect::new(move || match receive.value().get() {
        Some(Ok(received)) => changed.run(if received.state == RegistryState::Accepted {
            Key::RegistryAccepted
        } else {
            Key::RegistryRefused
        }),
        Some(Err(error)) => {
            mistakes.set(error.fields.clone());
            failure.set(Some(error));
        }
        None => {}
    });
    let shown = registry.clone();
    let mark = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let receipt =
            RegistryReceipt { present: present.get_untracked(), reason: reason.get_untracked() };
        let wrong = receipt.mistakes(&shown);
        mistakes.set(wrong.clone());
        if wrong.is_empty() {
            receive.dispatch_local(receipt);
        }
    };
    let reason_error = Signal::derive(move || {
        mistakes.get().into_iter().find(|m| m.field == "reason").map(|m| m.message)
    });
    view! {
        <form class="registry-marks" on:submit=mark novalidate>
            <fieldset class="choice">
                <legend>{t(Key::TickWhatArrived)}</legend>
                {registry.items.into_iter().map(|item| {
                    let request = item.request.clone();
                    let label = format!("{} — {} ({})", item.request, item.applicant_name, item.documents);
                    view! {
                        <label>
                            <input type="checkbox" prop:checked={
                                let request = request.clone();
                                move || present.with(|p| p.contains(&request))
                            }
                                on:change=move |_| present.update(|list| {
                                    if let Some(at) = list.iter().position(|r| *r == request) {
                                        list.remove(at);
                                    } else {
                                        list.push(request.clone());
                                    }
                                })/>
                            {label}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <TextField id=format!("reason-{}", registry.number) label=Key::RegistryReason value=reason error=reason_error
                hint=Key::RegistryReasonHint maxlength=500/>
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
            <button type="submit" disabled=move || receive.pending().get()>{t(Key::MarkReceived)}</button>
        </form>
    }
}
