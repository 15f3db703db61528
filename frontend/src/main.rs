//! The Qyzmet browser client.

mod api;
mod app;
mod clock;
mod components;
mod draft;
mod focus;
mod i18n;
mod mobile;
mod ncalayer;
mod pages;
mod routes;
mod session;
mod signing_worker;
mod staff;

fn main() {
    console_error_panic_hook::set_once();
    // The page the server rendered for a browser without JavaScript (`/check`): the app takes over.
    if let Some(page) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(qyzmet_shared::status_check::SERVER_PAGE_ID))
    {
        page.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
