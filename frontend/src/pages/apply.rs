//! Filing a request: the provider, the kind, and the form rendered from the kind's declaration.
//! Each field is checked as typed with the rule the server applies; the draft is saved on the
//! server, then filed.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use qyzmet_shared::attachment::AttachmentView;
use qyzmet_shared::calendar::Intake;
use qyzmet_shared::catalog::{ServiceCode, catalog};
use qyzmet_shared::csc::{Counter, RefusalView};
use qyzmet_shared::form::{self, FieldError, Kind};
use qyzmet_shared::power::PowerView;
use qyzmet_shared::registry::RegistryRecord;
use qyzmet_shared::request::{Earlier, FormUpdate, NewRequest, RequestView};
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{ApiError, Text};

use crate::api;
use crate::components::attachments::Attachments;
use crate::components::declared_field::DeclaredField;
use crate::components::earlier::AlreadyHave;
use crate::components::error_summary::{self, ErrorSummary, Problem};
use crate::components::signer::FilingSigner;
use crate::draft::{Next, after_save, first_wrong, refill};
use crate::focus;
use crate::i18n::{Key, t, use_lang};
use crate::pages::not_found::Missing;
use crate::pages::{set_title, title_of};
use crate::routes;
use crate::session::require_sign_in;

#[component]
pub fn ApplyPage() -> impl IntoView {
    set_title(title_of(Key::Apply));
    require_sign_in();
    let params = use_params_map();
    let query = use_query_map();
    move || match params.read().get("code").and_then(|c| ServiceCode::from_code(&c)) {
        Some(code) => {
            let (draft, principal) = query.with(|q| (q.get("draft"), q.get("for")));
            view! { <ApplyForm service=code draft principal counter=None chancellery=None/> }
                .into_any()
        }
        None => view! { <Missing detail=Key::ServiceNotFound/> }.into_any(),
    }
}

/// How long after the last change a saved draft saves what is typed.
const AUTOSAVE_MILLIS: i32 = 2_000;

/// Typed values of the chosen kind's fields.
type Values = Vec<(&'static form::Field, RwSignal<String>)>;

fn values_of(kind: &'static Kind) -> Values {
    kind.fields.iter().map(|field| (field, RwSignal::new(String::new()))).collect()
}

/// What is typed now, field by field, as typed.
fn current(values: &Values) -> BTreeMap<&'static str, String> {
    values.iter().map(|(field, value)| (field.id, value.get_untracked())).collect()
}

/// What is typed, trimmed, without the empty fields: what a draft saves.
fn typed(values: &Values) -> BTreeMap<String, String> {
    current(values)
        .into_iter()
        .map(|(id, value)| (id.to_owned(), value.trim().to_owned()))
        .filter(|(_, value)| !value.is_empty())
        .collect()
}

/// The form a desk fills for `applicant` with what it recorded there (`counter`): a CSC operator
/// at the counter, or the chancellery of the provider `chancellery` for a walk-in.
#[component]
pub fn CounterForm(
    service: ServiceCode,
    applicant: String,
    counter: Counter,
    chancellery: Option<String>,
) -> impl IntoView {
    view! { <ApplyForm service draft=None principal=Some(applicant) counter=Some(counter) chancellery/> }
}

/// The form of a new request, or of the draft numbered `draft`, resumed as it was saved; filed
/// for oneself, for `principal` under a power of attorney, or at a desk for `principal` with what
/// was recorded there (`counter`): a centre's counter, or the chancellery of the provider
/// `chancellery`, which files only with its own provider.
#[component]
fn ApplyForm(
    service: ServiceCode,
    draft: Option<String>,
    principal: Option<String>,
    counter: Option<Counter>,
    chancellery: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let catalog = catalog();
    let title = catalog.service(service).map_or(Text::new("", ""), |s| s.title.clone());
    let providers: Vec<(String, Text)> = catalog
        .providers(service)
        .filter(|b| chancellery.as_ref().is_none_or(|own| *own == b.id))
        .map(|b| (b.id.clone(), b.name.clone()))
        .collect();
    // Only a centre refuses an incomplete package with a receipt; a chancellery registers it and
    // refuses it by a signed document.
    let at_centre = RwSignal::new(counter.is_some() && chancellery.is_none());
    let kinds = form::kinds(service);
    let provider = RwSignal::new(providers.first().map(|(id, _)| id.clone()).unwrap_or_default());
    let kind = RwSignal::new(kinds[0].code);
    let values = StoredValue::new(values_of(&kinds[0]));
    let tried = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let number = RwSignal::new(None::<String>);
    let attached = RwSignal::new(Vec::<AttachmentView>::new());
    // The documents sending found absent, and whom the draft is for (it decides which are needed).
    let missing = RwSignal::new(Vec::<FieldError>::new());
    let applicant = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    // What the draft holds on the server, as last saved or resumed.
    let last_saved = StoredValue::new(BTreeMap::<String, String>::new());
    // Bumped whenever the fields are replaced, so the form renders the new ones.
    let generation = RwSignal::new(0_u32);
    // Whom the request is for: the person themselves, or a principal whose power of attorney in
    // force covers this service.
    let on_behalf_of = RwSignal::new(principal);
    let counter = RwSignal::new(counter);
    let principals = LocalResource::new(move || async move {
        if counter.with_untracked(Option::is_some) {
            return Vec::new();
        }
        let powers = api::powers().await.map(|p| p.received).unwrap_or_default();
        powers.into_iter().filter(|p| p.covers(service)).collect::<Vec<_>>()
    });
    // What the person already has of this service and kind, when filing for themselves.
    let earlier = LocalResource::new(move || {
        let (chosen, for_myself) =
            (kind.get(), on_behalf_of.with(Option::is_none) && counter.with(Option::is_none));
        async move {
            if for_myself {
                api::earlier(service, chosen).await.unwrap_or_default()
            } else {
                Earlier::default()
            }
        }
    });
    let earlier = Signal::derive(move || earlier.get().unwrap_or_default());
    // Sending while the person has such a request asks once more.
    let confirming = RwSignal::new(false);
    // What the registry knows fills the fields it covers, as the server does in a new draft:
    // the empty ones, and those still showing what the previous applicant's record filled.
    let record = StoredValue::new(None::<RegistryRecord>);
    let fill_from = move |next: Option<RegistryRecord>| {
        let before = record.get_value();
        record.set_value(next.clone());
        let Some(chosen) = kinds.iter().find(|k| k.code == kind.get_untracked()) else { return };
        values.with_value(|values| {
            for (id, filled) in refill(chosen, &current(values), before.as_ref(), next.as_ref()) {
                if let Some((_, value)) = values.iter().find(|(field, _)| field.id == id) {
                    value.set(filled);
                }
            }
        });
    };
    let fill_from_registry = move || fill_from(record.get_value());
    Effect::new(move || {
        let applicant = on_behalf_of.get();
        // Someone the registry does not know fills everything by hand; filing tells them why.
        spawn_local(async move {
            let record = api::registry_me(applicant.as_deref()).await.ok();
            // An answer about an applicant no longer chosen (a resumed draft names its own)
            // fills nothing.
            if on_behalf_of.get_untracked() == applicant {
                fill_from(record);
            }
        });
    });
    if let Some(draft) = draft {
        spawn_local(async move {
            match api::request(&draft).await {
                Ok(request) if request.status == Status::Draft => {
                    let Some(chosen) = kinds.iter().find(|k| k.code == request.kind) else {
                        return;
                    };
                    let resumed = values_of(chosen);
                    for (field, value) in &resumed {
                        if let Some(typed) = request.form.get(field.id) {
                            value.set(typed.clone());
                        }
                    }
                    last_saved.set_value(request.form.clone());
                    provider.set(request.provider);
                    if request.representative.is_some() || request.counter.is_some() {
                        on_behalf_of.set(Some(request.applicant_id_number.clone()));
                    }
                    if let Some(view) = request.counter {
                        counter.set(Some(view.counter));
                    }
                    at_centre.set(request.intake == Intake::Csc);
                    kind.set(chosen.code);
                    values.set_value(resumed);
                    attached.set(request.attachments);
                    applicant.set(request.applicant_id_number.clone());
                    number.set(Some(request.number));
                    generation.update(|g| *g += 1);
                }
                Ok(_) => {}
                Err(error) => failure.set(Some(error)),
            }
        });
    }

    // Saves the draft (creating it the first time); when the person is sending it, the signing
    // step follows with the draft as saved — the exact filing the signature will cover.
    let to_sign = RwSignal::new(None::<RequestView>);
    let send = Action::new_local(move |file: &bool| {
        let file = *file;
        let form = values.with_value(typed);
        let existing = number.get_untracked();
        let new = NewRequest {
            service,
            kind: kind.get_untracked().to_owned(),
            provider: provider.get_untracked(),
            form: form.clone(),
            on_behalf_of: on_behalf_of.get_untracked(),
            counter: counter.get_untracked(),
        };
        async move {
            let draft: RequestView = match existing {
                Some(number) => api::update_form(&number, &FormUpdate { form }).await?,
                None => api::create_request(&new).await?,
            };
            Ok::<_, ApiError>((file, draft))
        }
    });
    Effect::new(move || match send.value().get() {
        Some(Ok((file, draft))) => {
            last_saved.set_value(draft.form.clone());
            server_errors.set(Vec::new());
            failure.set(None);
            attached.set(draft.attachments.clone());
            number.set(Some(draft.number.clone()));
            applicant.set(draft.applicant_id_number.clone());
            // The package must be complete before it is signed: the same rule the server keeps.
            let (absent, next) = after_save(&draft);
            missing.set(absent);
            match (file, next) {
                (true, Next::Sign) => {
                    to_sign.set(Some(draft));
                    focus::now("key-file");
                }
                // Saved, so the documents can be attached right there.
                (true, Next::Attach(input)) => {
                    saved.set(true);
                    focus::soon(input);
                }
                (false, _) => saved.set(true),
            }
        }
        Some(Err(error)) => {
            if !error.fields.is_empty() {
                focus::soon(error_summary::ID.to_owned());
            }
            server_errors.set(error.fields.clone());
            failure.set(Some(error));
        }
        None => {}
    });
    // Once the draft exists, what is typed is saved as the person pauses (two seconds after the
    // last change), so a dropped connection or a closed tab loses nothing.
    let changes = RwSignal::new(0_u32);
    Effect::new(move |before: Option<()>| {
        generation.track();
        values.with_value(|values| values.iter().for_each(|(_, value)| value.track()));
        if before.is_some() && number.get_untracked().is_some() {
            changes.update(|n| *n += 1);
            let seen = changes.get_untracked();
            saved.set(false);
            spawn_local(async move {
                crate::clock::sleep(AUTOSAVE_MILLIS).await;
                let settled = changes.try_get_untracked() == Some(seen);
                let unsaved = settled
                    && last_saved.try_with_value(|last| values.with_value(typed) != *last)
                        == Some(true);
                if unsaved && !send.pending().get_untracked() && to_sign.get_untracked().is_none() {
                    send.dispatch_local(false);
                }
            });
        }
    });
    let filed = Callback::new(move |request: RequestView| {
        navigate(
            &routes::request(lang.get_untracked(), &request.number),
            NavigateOptions::default(),
        );
    });
    // At a counter, a package lacking documents is refused with a receipt instead of filed.
    let refusal = RwSignal::new(None::<RefusalView>);
    let refusable = Signal::derive(move || {
        let incomplete = at_centre.get() && !missing.get().is_empty();
        number.get().filter(|_| incomplete)
    });

    let choose_kind = Callback::new(move |chosen: &'static Kind| {
        kind.set(chosen.code);
        values.set_value(values_of(chosen));
        fill_from_registry();
        generation.update(|g| *g += 1);
        tried.set(false);
    });
    let file = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        saved.set(false);
        let chosen = kinds.iter().find(|k| k.code == kind.get_untracked());
        let wrong =
            chosen.and_then(|chosen| values.with_value(|v| first_wrong(chosen, &current(v))));
        match wrong {
            Some(_) => focus::soon(error_summary::ID.to_owned()),
            None if !earlier.with_untracked(Earlier::is_empty) && !confirming.get_untracked() => {
                confirming.set(true);
            }
            None => {
                send.dispatch_local(true);
            }
        }
    };
    // Every field to fix, in the form's order, as the fields themselves say it.
    let problems = Signal::derive(move || {
        generation.track();
        values.with_value(|values| {
            let mut problems: Vec<Problem> = values
                .iter()
                .filter_map(|&(field, value)| {
                    let message = field_error(field, value, server_errors, tried)?;
                    Some(Problem {
                        field: field.id.to_owned(),
                        label: field.label.clone(),
                        message,
                    })
                })
                .collect();
            // What the server found wrong outside the fields (a document, whom it is for).
            problems.extend(
                server_errors
                    .get()
                    .into_iter()
                    .filter(|e| values.iter().all(|(field, _)| field.id != e.field))
                    .map(|e| Problem {
                        field: e.field,
                        label: Key::RequestTitle.text(),
                        message: e.message,
                    }),
            );
            problems
        })
    });
    view! {
        <section class="apply">
            // At the counter the form is a part of the operator's workplace, under its heading.
            {move || {
                let title = title.get(lang.get()).to_owned();
                if counter.with(Option::is_some) {
                    view! { <h2>{title}</h2> }.into_any()
                } else {
                    view! { <h1>{title}</h1> }.into_any()
                }
            }}
            {move || refusal.get().map(|refused| view! { <RefusalIssued refused/> })}
            <form on:submit=file novalidate hidden=move || refusal.get().is_some()>
                <ErrorSummary problems/>
                <AlreadyHave earlier/>
                // A refusal about the fields is in the summary; any other is said here.
                {move || failure.get().filter(|e| e.fields.is_empty()).map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
                <PrincipalChoice principals on_behalf_of locked=Signal::derive(move || number.get().is_some())/>
                <ProviderChoice providers provider/>
                <KindChoice kinds kind choose=choose_kind/>
                <Fields values generation server_errors tried/>
                {move || match number.get() {
                    Some(number) => kinds.iter().find(|k| k.code == kind.get()).map(|kind| {
                        view! { <Attachments number kind applicant attached missing/> }
                    }).into_any(),
                    None => view! { <p class="field-hint">{t(Key::DocumentsAfterSave)}</p> }.into_any(),
                }}
                <SendButtons sending=send.pending().into() saved confirming=confirming.into()
                    save=Callback::new(move |()| { saved.set(false); send.dispatch_local(false); })/>
                <RefusalOffer refusable refusal failure/>
            </form>
            {move || to_sign.get().map(|request| view! { <FilingSigner request filed/> })}
        </section>
    }
}

/// The kind of the service, when it has more than one; choosing another replaces the fields.
#[component]
fn KindChoice(
    kinds: &'static [Kind],
    kind: RwSignal<&'static str>,
    choose: Callback<&'static Kind>,
) -> impl IntoView {
    let lang = use_lang();
    let chosen = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        if let Some(chosen) = kinds.iter().find(|k| k.code == code) {
            choose.run(chosen);
        }
    };
    view! {
        <div class="field" hidden=kinds.len() < 2>
            <label for="kind">{t(Key::Kind)}</label>
            <select id="kind" on:change=chosen prop:value=move || kind.get()>
                {kinds.iter().map(|k| view! { <option value=k.code>{move || k.title.get(lang.get()).to_owned()}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The kind's fields as its declaration gives them, each with the server's message about it or,
/// once sending was tried, the rule's.
#[component]
fn Fields(
    values: StoredValue<Values>,
    /// Bumped whenever the fields are replaced, so the new ones are drawn.
    generation: RwSignal<u32>,
    server_errors: RwSignal<Vec<FieldError>>,
    tried: RwSignal<bool>,
) -> impl IntoView {
    move || {
        generation.track();
        values.with_value(|values| {
            values
                .iter()
                .map(|&(field, value)| {
                    let error =
                        Signal::derive(move || field_error(field, value, server_errors, tried));
                    view! { <DeclaredField field value error/> }
                })
                .collect_view()
        })
    }
}

/// What is wrong with a field: the server's word about it or, once sending was tried, the rule's.
fn field_error(
    field: &'static form::Field,
    value: RwSignal<String>,
    server_errors: RwSignal<Vec<FieldError>>,
    tried: RwSignal<bool>,
) -> Option<Text> {
    let said = server_errors.get().into_iter().find(|e| e.field == field.id);
    said.map(|e| e.message)
        .or_else(|| tried.get().then(|| form::check(field, value.get().trim())).flatten())
}

/// Saving the draft and sending it, and the word that it was saved.
#[component]
fn SendButtons(
    sending: Signal<bool>,
    saved: RwSignal<bool>,
    /// The person has such a request already and is asked to send again to file another.
    confirming: Signal<bool>,
    save: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="action-buttons">
            <button type="button" class="secondary" disabled=move || sending.get()
                on:click=move |_| save.run(())>
                {t(Key::SaveDraft)}
            </button>
            <button type="submit" disabled=move || sending.get()>
                {move || match (sending.get(), confirming.get()) {
                    (true, _) => t(Key::Sending)(),
                    (false, true) => t(Key::SendAnyway)(),
                    (false, false) => t(Key::SendRequest)(),
                }}
            </button>
        </div>
        {move || confirming.get().then(|| view! {
            <p class="form-note" role="alert">{t(Key::ConfirmDuplicate)}</p>
        })}
        <p role="status">{move || saved.get().then(|| t(Key::DraftSaved)())}</p>
    }
}

/// Whom the request is for, when the person holds powers of attorney that cover the service:
/// themselves or a principal. Fixed once the draft is saved.
#[component]
fn PrincipalChoice(
    principals: LocalResource<Vec<PowerView>>,
    on_behalf_of: RwSignal<Option<String>>,
    locked: Signal<bool>,
) -> impl IntoView {
    view! {
        <Suspense>
            {move || principals.get().filter(|p| !p.is_empty()).map(|principals| view! {
                <div class="field">
                    <label for="on-behalf-of">{t(Key::OnBehalfOf)}</label>
                    <select id="on-behalf-of" disabled=move || locked.get()
                        prop:value=move || on_behalf_of.get().unwrap_or_default()
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev);
                            on_behalf_of.set((!chosen.is_empty()).then_some(chosen));
                        }>
                        <option value="">{t(Key::Myself)}</option>
                        {principals.into_iter().map(|p| view! {
                            <option value=p.principal_id_number.clone()>
                                {format!("{} ({})", p.principal_name, p.principal_id_number)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
            })}
        </Suspense>
    }
}

/// The state body the request goes to, among those that provide the service (by id and name).
#[component]
fn ProviderChoice(providers: Vec<(String, Text)>, provider: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for="provider">{t(Key::Provider)}</label>
            <select id="provider" on:change=move |ev| provider.set(event_target_value(&ev)) prop:value=move || provider.get()>
                {providers.into_iter().map(|(id, name)| {
                    view! { <option value=id>{move || name.get(lang.get()).to_owned()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// At a counter, under a draft lacking documents (`refusable` is its number): the refusal receipt
/// instead of filing.
#[component]
fn RefusalOffer(
    refusable: Signal<Option<String>>,
    refusal: RwSignal<Option<RefusalView>>,
    failure: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let refuse = Action::new_local(move |number: &String| {
        let number = number.clone();
        async move { api::refuse_at_counter(&number).await }
    });
    Effect::new(move || match refuse.value().get() {
        Some(Ok(refused)) => refusal.set(Some(refused)),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    move || {
        refusable.get().map(|number| {
            view! {
                <div class="refusal-offer">
                    <p>{t(Key::IncompleteAtCounter)}</p>
                    <button type="button" class="secondary" disabled=move || refuse.pending().get()
                        on:click=move |_| { refuse.dispatch_local(number.clone()); }>
                        {t(Key::IssueRefusalReceipt)}
                    </button>
                </div>
            }
        })
    }
}

/// The refusal receipt issued: nothing went to the provider; the receipt to print.
#[component]
fn RefusalIssued(refused: RefusalView) -> impl IntoView {
    view! {
        <section class="refusal-issued" role="status">
            <h2>{t(Key::RefusalIssued)} " " {refused.number.clone()}</h2>
            <p>{t(Key::RefusalNothingSent)}</p>
            <a class="button" href=api::refusal_receipt_pdf(&refused.number) target="_blank" rel="noopener">
                {t(Key::PrintRefusalReceipt)}
            </a>
        </section>
    }
}
