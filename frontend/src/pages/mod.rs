//! One module per screen.

pub mod apply;
pub mod body;
pub mod cabinet;
pub mod check;
pub mod counter;
pub mod dashboard;
pub mod handbook;
pub mod home;
pub mod not_found;
pub mod request;
pub mod service;
pub mod sign_in;
pub mod statistics;
pub mod verify;
pub mod walk_in;

use leptos::prelude::*;
use qyzmet_shared::ApiError;
use qyzmet_shared::catalog::Catalog;

use crate::api;
use crate::components::status::{Failure, Loading};
use crate::i18n::Key;

/// The catalog, loaded once per visit and shared by the screens that show it.
#[derive(Clone, Copy)]
pub struct CatalogResource(LocalResource<Result<Catalog, ApiError>>);

impl CatalogResource {
    pub fn provide() {
        provide_context(CatalogResource(LocalResource::new(api::catalog)));
    }
}

/// Renders `view` with the catalog once it is here; meanwhile a loading state, on failure the
/// server's message and a retry button.
pub fn with_catalog<V>(view: impl Fn(Catalog) -> V + Send + Sync + 'static) -> impl IntoView
where
    V: IntoView + 'static,
{
    let resource = expect_context::<CatalogResource>().0;
    let retry = Callback::new(move |()| resource.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                resource
                    .get()
                    .map(|loaded| match loaded {
                        Ok(catalog) => view(catalog).into_any(),
                        Err(error) => view! { <Failure error retry/> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// Keeps the browser tab's title in step with the screen and the language.
pub fn set_title(title: impl Fn() -> String + 'static) {
    Effect::new(move || {
        let title = title();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{title} · Qyzmet"));
        }
    });
}

/// A text of the interface, for titles.
pub fn title_of(key: Key) -> impl Fn() -> String + 'static {
    let lang = crate::i18n::use_lang();
    move || key.get(lang.get()).to_owned()
}
