//! The shell of the app: language, header, routes.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{NavigateOptions, path};

use crate::components::header::Header;
use crate::components::status::Loading;
use crate::i18n::{Key, Language, initial_lang, remember_lang, t};
use crate::pages::{
    CatalogResource, apply::ApplyPage, body::BodyPage, cabinet::CabinetPage, check::CheckPage,
    counter::CounterPage, dashboard::DashboardPage, handbook::HandbookPage, home::Home,
    not_found::NotFound, request::RequestPage, service::ServicePage, sign_in::SignInPage,
    statistics::StatisticsPage, verify::VerifyPage, walk_in::WalkInPage,
};
use crate::routes;
use crate::session::Session;

/// The whole portal: every screen.
#[component]
pub fn Portal() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=NotFoundInLanguage>
                <PublicScreens/>
                <ParentRoute path=path!("/:lang") view=InLanguage>
                    <Route path=path!("/services/:code/apply") view=ApplyPage/>
                    <Route path=path!("/services/:code/handbook") view=HandbookPage/>
                    <Route path=path!("/sign-in") view=SignInPage/>
                    <Route path=path!("/cabinet") view=CabinetPage/>
                    <Route path=path!("/requests/:number") view=RequestPage/>
                    <Route path=path!("/verify") view=VerifyPage/>
                    <Route path=path!("/statistics") view=StatisticsPage/>
                    <Route path=path!("/office") view=DashboardPage/>
                    <Route path=path!("/office/walk-in") view=WalkInPage/>
                    <Route path=path!("/csc") view=CounterPage/>
                </ParentRoute>
            </Routes>
        </Shell>
    }
}

/// The public screens a first visit needs (`qyzmet_shared::screens::is_public`); any other is
/// the portal's, loaded anew at its address.
#[component]
pub fn Public() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=InThePortal>
                <PublicScreens/>
            </Routes>
        </Shell>
    }
}

/// The screens both apps draw: the catalog, a state body, a service's page, the status check.
#[component(transparent)]
fn PublicScreens() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/:lang") view=InLanguage>
            <Route path=path!("") view=Home/>
            <Route path=path!("/services/:code") view=ServicePage/>
            <Route path=path!("/bodies/:id") view=BodyPage/>
            <Route path=path!("/check") view=CheckPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// What every screen has around it: the language, the header, the page area, the footer.
#[component]
fn Shell(children: Children) -> impl IntoView {
    let lang = RwSignal::new(initial_lang());
    provide_context(Language(lang));
    CatalogResource::provide();
    Session::provide();
    Effect::new(move || remember_lang(lang.get()));

    view! {
        <Router>
            <InTheAddress/>
            <a class="skip-link" href="#main">{t(Key::SkipToContent)}</a>
            <Header/>
            <Main>{children()}</Main>
            <footer class="site-footer">
                <p><A href=move || routes::check(lang.get())>{t(Key::CheckTitle)}</A></p>
                <p><A href=move || routes::verify(lang.get())>{t(Key::VerifyTitle)}</A></p>
                <p><A href=move || routes::statistics(lang.get())>{t(Key::FiguresTitle)}</A></p>
                <p>{t(Key::Footer)}</p>
            </footer>
        </Router>
    }
}

/// Keeps the language and the address together: the language the address begins with is the
/// page's; an address without one (an older link) is replaced by the same screen in the
/// remembered language; the document names its other-language twin (`hreflang`).
#[component]
fn InTheAddress() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move || {
        let path = location.pathname.get();
        if let Some(said) = routes::lang_of(&path) {
            if lang.get_untracked() != said {
                lang.set(said);
            }
            crate::i18n::name_twins(&path);
        } else {
            let (search, hash) = (location.search.get_untracked(), location.hash.get_untracked());
            let query = if search.is_empty() { String::new() } else { format!("?{search}") };
            let to = format!("{}{query}{hash}", routes::in_lang(lang.get_untracked(), &path));
            navigate(&to, NavigateOptions { replace: true, ..NavigateOptions::default() });
        }
    });
}

/// A screen in its language; nothing while an address without one is on its way to it.
#[component]
fn InLanguage() -> impl IntoView {
    let location = use_location();
    let in_a_language = Memo::new(move |_| routes::lang_of(&location.pathname.get()).is_some());
    move || in_a_language.get().then(|| view! { <Outlet/> })
}

/// The page area. After each navigation focus moves to it, so keyboard and screen-reader users
/// start reading the new screen from the top.
#[component]
fn Main(children: Children) -> impl IntoView {
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
            {children()}
        </main>
    }
}

/// "Not found" in a language; nothing while an address without one is on its way to it.
#[component]
fn NotFoundInLanguage() -> impl IntoView {
    let location = use_location();
    move || routes::lang_of(&location.pathname.get()).map(|_| view! { <NotFound/> })
}

/// A screen of the whole portal, asked for in the public app: the portal is loaded at the same
/// address, in place of this page in the history, so "back" returns to the screen before.
#[component]
fn InThePortal() -> impl IntoView {
    let location = use_location();
    let public = Memo::new(move |_| qyzmet_shared::screens::is_public(&location.pathname.get()));
    Effect::new(move || {
        if public.get() {
            return;
        }
        if let Some(window) = web_sys::window() {
            let address = window.location();
            if let Ok(href) = address.href() {
                let _ = address.replace(&href);
            }
        }
    });
    move || {
        if public.get() {
            view! { <NotFoundInLanguage/> }.into_any()
        } else {
            view! { <Loading/> }.into_any()
        }
    }
}
