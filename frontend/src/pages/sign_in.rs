//! Signing in, its ways as egov.kz users know them, each a tab: an IIN/BIN and a password, a
//! sign-in key (a key file or NCALayer), or eGov Mobile's QR code. The number is checked as the
//! person types, with the same rule the server applies; the server's refusals are shown where
//! they belong, and staff, who sign in with their key only, are taken to its tab.

use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use qyzmet_shared::account::{Me, SignIn};
use qyzmet_shared::{ApiError, ErrorCode, IdError, IdNumber};

use crate::components::error_summary::{self, ErrorSummary, problems_of};
use crate::components::field::TextField;
use crate::components::signer::SignatureSignInForm;
use crate::components::tabs::{Tab, TabList, TabPanel};
use crate::i18n::{Key, t, use_lang};
use crate::pages::{set_title, title_of};
use crate::routes;
use crate::session::use_session;
use crate::{api, focus};

/// The ways to sign in: the password, the sign-in key, eGov Mobile.
const WAYS: &[Tab] = &[
    Tab { id: "sign-in-by-password", label: Key::WayOfPassword },
    Tab { id: "sign-in-by-signature", label: Key::WayOfSignature },
    Tab { id: "sign-in-by-phone", label: Key::WayOfPhone },
];
const BY_PASSWORD: usize = 0;
/// The sign-in key's tab, where staff are sent.
const BY_SIGNATURE: usize = 1;
const BY_PHONE: usize = 2;

#[component]
pub fn SignInPage() -> impl IntoView {
    set_title(title_of(Key::SignInTitle));
    let lang = use_lang();

    let id_number = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Errors show once the person has tried to submit, then follow their typing.
    let tried = RwSignal::new(false);
    let server_error = RwSignal::new(None::<ApiError>);
    let password_ref = NodeRef::<Input>::new();
    let way = RwSignal::new(BY_PASSWORD);

    let id_error = Signal::derive(move || {
        if let Some(e) = server_error.get().filter(|e| e.field.as_deref() == Some("id_number")) {
            return Some(e.message);
        }
        tried.get().then(|| IdNumber::parse(&id_number.get()).err().map(IdError::message)).flatten()
    });
    let password_error = Signal::derive(move || {
        (tried.get() && password.get().is_empty()).then(|| Key::PasswordRequired.text())
    });
    // Typing again clears the server's verdict on what was typed before.
    Effect::new(move || {
        id_number.track();
        password.track();
        server_error.set(None);
    });

    let action = sign_in_action(server_error, password_ref, way);
    let session = use_session();
    let navigate = use_navigate();
    let signed_in = Callback::new(move |me: Me| {
        session.signed_in(me);
        navigate(&routes::cabinet(lang.get_untracked()), NavigateOptions::default());
    });

    // What to fix, at the top of the form after a failed send, each linked to its field.
    let problems = problems_of([
        ("id_number", Key::IdNumber, id_error),
        ("password", Key::Password, password_error),
    ]);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if !problems.get_untracked().is_empty() {
            focus::soon(error_summary::ID.to_owned());
            return;
        }
        action.dispatch_local(SignIn {
            id_number: id_number.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        });
    };

    let general_error = move || {
        server_error
            .get()
            .filter(|e| e.field.as_deref() != Some("id_number"))
            .map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })
    };

    view! {
        <section class="sign-in">
            <h1>{t(Key::SignInTitle)}</h1>
            {general_error}
            <TabList label=Key::SignInWays tabs=WAYS chosen=way/>
            <TabPanel tabs=WAYS at=BY_PASSWORD chosen=way>
                <form on:submit=submit novalidate>
                    <ErrorSummary problems/>
                    <TextField
                        id="id_number"
                        label=Key::IdNumber
                        hint=Key::IdNumberHint
                        value=id_number
                        error=id_error
                        autocomplete="username"
                        inputmode="numeric"
                        maxlength=12
                    />
                    <TextField
                        id="password"
                        label=Key::Password
                        kind="password"
                        value=password
                        error=password_error
                        autocomplete="current-password"
                        node_ref=password_ref
                    />
                    <button type="submit" disabled=move || action.pending().get()>
                        {move || if action.pending().get() { t(Key::SigningIn)() } else { t(Key::SignIn)() }}
                    </button>
                </form>
            </TabPanel>
            <TabPanel tabs=WAYS at=BY_SIGNATURE chosen=way>
                <SignatureSignInForm signed_in by_phone=false/>
            </TabPanel>
            <TabPanel tabs=WAYS at=BY_PHONE chosen=way>
                <SignatureSignInForm signed_in by_phone=true/>
            </TabPanel>
        </section>
    }
}

/// Sends the form; on success opens the cabinet, on refusal keeps the server's error and puts the
/// focus where it is said.
fn sign_in_action(
    server_error: RwSignal<Option<ApiError>>,
    password_ref: NodeRef<Input>,
    way: RwSignal<usize>,
) -> Action<SignIn, Result<Me, ApiError>> {
    let session = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    let action = Action::new_local(|form: &SignIn| {
        let form = form.clone();
        async move { api::sign_in(&form).await }
    });
    Effect::new(move || {
        let Some(result) = action.value().get() else { return };
        match result {
            Ok(me) => {
                session.signed_in(me);
                navigate(&routes::cabinet(lang.get_untracked()), NavigateOptions::default());
            }
            Err(error) => {
                let on_id = error.field.as_deref() == Some("id_number");
                let staff = error.code == ErrorCode::SignatureRequired;
                server_error.set(Some(error));
                // A refused number is listed in the error summary; staff are taken to the key's
                // tab, the refusal said above it; a wrong pair is said above the form, and the
                // password is typed again.
                if on_id {
                    focus::soon(error_summary::ID.to_owned());
                } else if staff {
                    way.set(BY_SIGNATURE);
                    focus::soon(WAYS[BY_SIGNATURE].id.to_owned());
                } else if let Some(input) = password_ref.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    });
    action
}
