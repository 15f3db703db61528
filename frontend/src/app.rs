//! The shell of the app: language, header, routes.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::header::Header;
use crate::i18n::{Key, Language, initial_lang, remember_lang, t};
use crate::pages::{
    CatalogResource, apply::ApplyPage, body::BodyPage, cabinet::CabinetPage, check::CheckPage,
    counter::CounterPage, dashboard::DashboardPage, handbook::HandbookPage, home::Home,
    not_found::NotFound, request::RequestPage, service::ServicePage, sign_in::SignInPage,
    verify::VerifyPage, walk_in::WalkInPage,
};
use crate::routes;
use crate::session::Session;

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(initial_lang());
    provide_context(Language(lang));
    CatalogResource::provide();
    Session::provide();
    Effect::new(move || remember_lang(lang.get()));

    view! {
        <Router>
            <a class="skip-link" href="#main">{t(Key::SkipToContent)}</a>
            <Header/>
            <Main/>
            <footer class="site-footer">
                <p><A href=routes::check()>{t(Key::CheckTitle)}</A></p>
                <p><A href=routes::verify()>{t(Key::VerifyTitle)}</A></p>
                <p>{t(Key::Footer)}</p>
            </footer>
        </Router>
    }
}

/// The page area. After each navigation focus moves to it, so keyboard and screen-reader users
/// start reading the new screen from the top.
#[component]
fn Main() -> impl IntoView {
    let main_ref = NodeRef::<leptos::html::Main>::new();
    let location = use_location();
    let first = StoredValue::new(true);
    Effect::new(move || {
        location.pathname.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if let Some(main) = main_ref.get() {
            let _ = main.focus();
        }
    });
    view! {
        <main id="main" tabindex="-1" node_ref=main_ref>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/services/:code") view=ServicePage/>
                <Route path=path!("/services/:code/apply") view=ApplyPage/>
                <Route path=path!("/services/:code/handbook") view=HandbookPage/>
                <Route path=path!("/bodies/:id") view=BodyPage/>
                <Route path=path!("/sign-in") view=SignInPage/>
                <Route path=path!("/cabinet") view=CabinetPage/>
                <Route path=path!("/check") view=CheckPage/>
                <Route path=path!("/requests/:number") view=RequestPage/>
                <Route path=path!("/verify") view=VerifyPage/>
                <Route path=path!("/office") view=DashboardPage/>
                <Route path=path!("/office/walk-in") view=WalkInPage/>
                <Route path=path!("/csc") view=CounterPage/>
            </Routes>
        </main>
    }
}
