//! The personal cabinet: who is signed in. Requests, history and powers of attorney come here.

use leptos::prelude::*;
use leptos_router::components::A;
use qyzmet_shared::Role;

use crate::components::notifications::{NotificationList, NotificationPreferences};
use crate::components::password::PasswordSettings;
use crate::components::powers::PowersOfAttorney;
use crate::components::registries::Registries;
use crate::components::request_list::RequestList;
use crate::components::status::Loading;
use crate::i18n::{Key, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::routes;
use crate::session::{require_sign_in, use_session};

#[component]
pub fn CabinetPage() -> impl IntoView {
    set_title(title_of(Key::Cabinet));
    let lang = use_lang();
    let session = use_session();
    require_sign_in();
    // Drawn again only when someone else signs in, not when their preferences are saved.
    let who = Memo::new(move |_| session.me.with(|me| me.as_ref().map(|me| me.id_number.clone())));
    move || {
        match who.get().and_then(|_| session.me.get_untracked()) {
        None => view! { <Loading/> }.into_any(),
        Some(me) => view! {
            <section class="cabinet">
                <h1>{t(Key::Cabinet)}</h1>
                <dl class="facts">
                    <dt>{t(Key::FullName)}</dt>
                    <dd>{me.full_name.clone()}</dd>
                    <dt>{t(Key::IdNumber)}</dt>
                    <dd>{me.id_number.clone()}</dd>
                    <dt>{t(Key::Role)}</dt>
                    <dd>{move || me.role.title().get(lang.get()).to_owned()}</dd>
                </dl>
                {match me.role {
                    Role::Applicant => Some(view! {
                        <NotificationList/>
                        <RequestList/>
                        <PowersOfAttorney/>
                        <NotificationPreferences/>
                    }.into_any()),
                    Role::Chancellery | Role::Head | Role::DepartmentHead | Role::Specialist => {
                        Some(view! {
                            <p><A href=move || routes::dashboard(lang.get())>{t(Key::DashboardTitle)}</A></p>
                            {(me.role == Role::Chancellery).then(|| view! {
                                <p><A href=move || routes::walk_in(lang.get()) attr:class="button">{t(Key::WalkInTitle)}</A></p>
                            })}
                            <RequestList queue=true/>
                            {(me.role == Role::Chancellery).then(|| view! { <Registries/> })}
                        }.into_any())
                    }
                    Role::CscOperator => Some(view! {
                        <p><A href=move || routes::counter(lang.get()) attr:class="button">{t(Key::CounterTitle)}</A></p>
                    }.into_any()),
                    Role::Administrator => None,
                }}
                <PasswordSettings/>
            </section>
        }
        .into_any(),
    }
    }
}
