//! The cabinet's notifications: every change of the person's requests, newest first, the unseen
//! ones marked; and where and in which language they are e-mailed.

use leptos::prelude::*;
use qyzmet_shared::notification::{CONTACT_EMAIL, Notification, Preferences, message};
use qyzmet_shared::{ApiError, Lang, form};

use crate::api;
use crate::components::declared_field::DeclaredField;
use crate::i18n::{Key, date_text, t, use_lang};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn NotificationList() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(api::notifications);
    let mark_seen = Action::new_local(|(): &()| api::notifications_seen());
    Effect::new(move || {
        if mark_seen.value().get().is_some() {
            list.refetch();
        }
    });
    view! {
        <section class="notifications" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">{t(Key::Notifications)}</h2>
            {move || list.get().map(|answer| match answer {
                Err(error) => view! { <p class="form-error" role="alert">{error.message.get(lang.get()).to_owned()}</p> }.into_any(),
                Ok(found) if found.items.is_empty() => view! { <p>{t(Key::NoNotifications)}</p> }.into_any(),
                Ok(found) => view! {
                    {(found.unread > 0).then(|| view! {
                        <p class="unread-count">
                            {move || format!("{}: {}", Key::UnreadNotifications.get(lang.get()), found.unread)}
                            " "
                            <button type="button" class="secondary" on:click=move |_| { mark_seen.dispatch_local(()); }>
                                {t(Key::MarkSeen)}
                            </button>
                        </p>
                    })}
                    <ul class="notification-list">
                        {found.items.into_iter().map(|item| view! { <NotificationItem item/> }).collect_view()}
                    </ul>
                }
                .into_any(),
            })}
        </section>
    }
}

#[component]
fn NotificationItem(item: Notification) -> impl IntoView {
    let lang = use_lang();
    let text = message(&item.request, item.service, item.status);
    view! {
        <li class:unread=item.unread>
            <span class="notification-date">{date_text(item.at)}</span>
            {item.unread.then(|| view! { <span class="unread-mark">{t(Key::Unread)}</span> })}
            <a href={
                let number = item.request.clone();
                move || routes::request(lang.get(), &number)
            }>{move || text.get(lang.get()).to_owned()}</a>
        </li>
    }
}

/// Where notifications are e-mailed, and in which language.
#[component]
pub fn NotificationPreferences() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let me = session.me.get_untracked();
    let letters = RwSignal::new(me.as_ref().map_or_else(|| lang.get_untracked(), |me| me.lang));
    let email = RwSignal::new(me.and_then(|me| me.email).unwrap_or_default());
    let tried = RwSignal::new(false);
    let error = Signal::derive(move || {
        tried.get().then(|| form::check(&CONTACT_EMAIL, email.get().trim())).flatten()
    });
    let server = RwSignal::new(None::<ApiError>);
    let save = Action::new_local(move |preferences: &Preferences| {
        let preferences = preferences.clone();
        async move { api::save_preferences(&preferences).await }
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(me)) => {
            server.set(None);
            session.me.set(Some(me));
        }
        Some(Err(failure)) => server.set(Some(failure)),
        None => {}
    });
    let field_error = Signal::derive(move || {
        error.get().or_else(|| {
            server
                .get()
                .and_then(|e| e.fields.into_iter().find(|f| f.field == CONTACT_EMAIL.id))
                .map(|f| f.message)
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if error.get_untracked().is_none() {
            let preferences = Preferences {
                lang: letters.get_untracked(),
                email: email.get_untracked().trim().to_owned(),
            };
            save.dispatch_local(preferences);
        }
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    view! {
        <section class="preferences" aria-labelledby="preferences-heading">
            <h2 id="preferences-heading">{t(Key::NotificationSettings)}</h2>
            <form on:submit=submit novalidate>
                <DeclaredField field=&CONTACT_EMAIL value=email error=field_error/>
                <fieldset class="choice">
                    <legend>{t(Key::NotificationLanguage)}</legend>
                    {[(Lang::Kk, "Қазақша"), (Lang::Ru, "Русский")].into_iter().map(|(option, label)| view! {
                        <label lang=option.code()>
                            <input type="radio" name="letters" prop:checked=move || letters.get() == option
                                on:change=move |_| letters.set(option)/>
                            {label}
                        </label>
                    }).collect_view()}
                </fieldset>
                {move || server.get().filter(|e| e.fields.is_empty()).map(|e| view! {
                    <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p>
                })}
                <button type="submit" disabled=move || save.pending().get()>{t(Key::SavePreferences)}</button>
                <p role="status">{move || saved().then(|| t(Key::PreferencesSaved)())}</p>
            </form>
        </section>
    }
}
