//! The Qyzmet browser client, built as two apps of the same screens: the public screens a first
//! visit needs (the catalog and the status check, `bin/qyzmet-public.rs`), small enough for a
//! cheap phone, and the whole portal (`main.rs`), which the public app hands over to by loading
//! it when a person goes anywhere else (issue 16).

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

pub use app::{Portal, Public};

/// Mounts `app` in place of the page the server rendered for a browser without JavaScript
/// (`/check`), if there is one.
pub fn start<V: leptos::prelude::IntoView + 'static>(app: fn() -> V) {
    console_error_panic_hook::set_once();
    if let Some(page) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(qyzmet_shared::status_check::SERVER_PAGE_ID))
    {
        page.remove();
    }
    leptos::mount::mount_to_body(app);
}
