//! Who is signed in, for every screen. The server is the authority (an HttpOnly cookie the client
//! cannot read); this only remembers its last answer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use qyzmet_shared::account::Me;

use crate::api;

#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The account, once known.
    pub me: RwSignal<Option<Me>>,
    /// Whether the server has answered the first "who am I".
    pub checked: RwSignal<bool>,
}

impl Session {
    /// Provides the session to the app and asks the server who is signed in.
    pub fn provide() {
        let session = Session { me: RwSignal::new(None), checked: RwSignal::new(false) };
        provide_context(session);
        spawn_local(async move {
            session.me.set(api::me().await.ok());
            session.checked.set(true);
        });
    }

    pub fn signed_in(&self, me: Me) {
        self.me.set(Some(me));
        self.checked.set(true);
    }

    pub fn sign_out(&self) {
        let me = self.me;
        spawn_local(async move {
            // Whatever the server says, the person asked to leave: forget the account here.
            let _ = api::sign_out().await;
            me.set(None);
        });
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Sends a person who is not signed in to the sign-in screen (replacing the current entry, so
/// "back" does not loop).
pub fn require_sign_in() {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move || {
        if session.checked.get() && session.me.get().is_none() {
            navigate(
                &crate::routes::sign_in(lang.get_untracked()),
                leptos_router::NavigateOptions { replace: true, ..Default::default() },
            );
        }
    });
}
