//! The Qyzmet browser client.

mod api;
mod app;
mod clock;
mod components;
mod draft;
mod i18n;
mod mobile;
mod ncalayer;
mod pages;
mod routes;
mod session;
mod staff;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
