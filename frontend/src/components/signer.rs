//! Signing a filing, a result, a power of attorney or a sign-in challenge, the way the person
//! chooses: with a key file opened here in the browser (the person picks their `.p12` file and
//! types its password; the CMS signature is made here over the exact bytes), through NCALayer,
//! the national CA's app on their computer, or with eGov Mobile on their phone (a QR code the
//! phone scans). Whichever way, only the signature goes to the server: the key and the password
//! never leave the person's computer or phone.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use leptos::prelude::*;
use qyzmet_shared::ApiError;
use qyzmet_shared::Lang;
use qyzmet_shared::account::Me;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::eds::Content;
use qyzmet_shared::eds::keyfile::KeyFileError;
use qyzmet_shared::form::FieldError;
use qyzmet_shared::mobile_sign::MobileSignFor;
use qyzmet_shared::power::{Grant, NewPower, PowerView};
use qyzmet_shared::request::{Approval, Filing, RequestView, StepAction, Submission};
use qyzmet_shared::signature::{Purpose, SignatureSignIn, sign_in_bytes};
use qyzmet_shared::workflow::Action as Step;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::demo_keys::DemoKeyFiles;
use crate::components::file_button::{FileButton, chosen_name};
use crate::components::phone_code::PhoneCode;
use crate::i18n::{Key, t, use_lang};
use crate::session::use_session;
use crate::signing_worker::{self, Stage};
use crate::{api, clock, mobile, ncalayer};

/// Why signing did not go through: here in the browser, or refused by the server; or the person
/// cancelled it (in NCALayer's window, or the phone's QR code), which is no error.
#[derive(Debug, Clone, PartialEq)]
enum Failure {
    Here(Key),
    Server(ApiError),
    Cancelled(Key),
}

/// How the person signs: with the password of the key file chosen in the form (the form showing
/// how far the signing worker has got), in NCALayer, or with eGov Mobile, the page showing the
/// phone's QR code meanwhile.
#[derive(Debug, Clone)]
enum Method {
    KeyFile { password: String, progress: RwSignal<Option<Stage>> },
    NcaLayer,
    Phone(mobile::Waiting),
}

/// What is signed, for what and on whose behalf.
struct Order<'a> {
    data: &'a [u8],
    content: Content,
    purpose: Purpose,
    /// The IIN or BIN whose certificate must sign, when known before signing.
    signer: Option<&'a str>,
    /// The form's key-file input.
    file_input: &'a str,
    lang: Lang,
    /// What the portal is to ask the phone to sign: the same bytes, made on the server.
    phone: MobileSignFor,
}

impl Order<'_> {
    /// The CMS signature (base64 of its DER), made the chosen way.
    async fn sign(&self, method: Method) -> Result<String, Failure> {
        match method {
            Method::KeyFile { password, progress } => {
                let signed = sign_with_key_file(
                    self.file_input,
                    password,
                    self.data,
                    self.content,
                    progress,
                )
                .await;
                progress.set(None);
                signed
            }
            Method::NcaLayer => ncalayer::sign(ncalayer::Order {
                data: self.data,
                content: self.content,
                purpose: self.purpose,
                signer: self.signer,
                lang: self.lang,
            })
            .await
            .map(|cms| STANDARD.encode(cms))
            .map_err(|failure| match failure {
                ncalayer::Failure::NotRunning => Failure::Here(Key::NcaLayerNotRunning),
                ncalayer::Failure::Cancelled => Failure::Cancelled(Key::NcaLayerCancelled),
                ncalayer::Failure::Failed => Failure::Here(Key::NcaLayerFailed),
            }),
            Method::Phone(waiting) => {
                mobile::sign(&self.phone, waiting).await.map_err(|failure| match failure {
                    mobile::Failure::Refused(error) => Failure::Server(error),
                    mobile::Failure::Expired => Failure::Here(Key::PhoneExpired),
                    mobile::Failure::Cancelled => Failure::Cancelled(Key::PhoneCancelled),
                })
            }
        }
    }
}

fn key_file_failure(error: KeyFileError) -> Key {
    match error {
        KeyFileError::NotAKeyFile => Key::SignatureFileInvalid,
        KeyFileError::WrongPassword => Key::SignatureWrongPassword,
        KeyFileError::Unsupported => Key::SignatureUnsupported,
        KeyFileError::NoKey => Key::SignatureFileEmpty,
    }
}

/// The bytes of the file chosen in the `<input type="file">` with this id.
async fn chosen_file(input_id: &str) -> Result<Vec<u8>, Failure> {
    let file = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(input_id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
        .ok_or(Failure::Here(Key::SignatureFileMissing))?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| Failure::Here(Key::SignatureFileInvalid))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Opens the chosen key file and signs `data` with it, here in the browser's signing worker.
async fn sign_with_key_file(
    input_id: &str,
    password: String,
    data: &[u8],
    content: Content,
    progress: RwSignal<Option<Stage>>,
) -> Result<String, Failure> {
    let order = signing_worker::protocol::Order {
        key_file: chosen_file(input_id).await?,
        password,
        data: data.to_vec(),
        content,
        signed_at: clock::now(),
    };
    let cms = signing_worker::sign(&order, |stage| progress.set(Some(stage))).await.map_err(
        |failure| {
            Failure::Here(match failure {
                signing_worker::Failure::KeyFile(error) => key_file_failure(error),
                signing_worker::Failure::Unsupported => Key::SignatureUnsupported,
                signing_worker::Failure::Unavailable => Key::SignerUnavailable,
            })
        },
    )?;
    Ok(STANDARD.encode(cms))
}

/// Signs the filing and files it.
async fn sign_and_file(
    request: RequestView,
    method: Method,
    lang: Lang,
) -> Result<RequestView, Failure> {
    let bytes = Filing::from(&request).signed_bytes();
    let order = Order {
        data: &bytes,
        content: Content::Detached,
        purpose: Purpose::Signing,
        // The representative who drafted it signs, or else the applicant.
        signer: Some(
            request.representative.as_ref().map_or(&request.applicant_id_number, |r| &r.iin),
        ),
        file_input: "key-file",
        lang,
        phone: MobileSignFor::Filing { request: request.number.clone() },
    };
    let cms = order.sign(method).await?;
    // One key per draft: a retried or doubled click files it once.
    let key = format!("portal-{}", request.number);
    api::submit(&request.number, &key, &Submission { cms }).await.map_err(Failure::Server)
}

/// Signs a power of attorney with the principal's signing key and grants it. A grant with
/// mistakes is not signed: they come back as the server would name them.
async fn sign_grant(
    principal: String,
    grant: NewPower,
    method: Method,
    lang: Lang,
) -> Result<PowerView, Failure> {
    let as_typed = Grant::from((principal.as_str(), &grant));
    let mistakes = as_typed.mistakes(Date::in_kazakhstan(clock::now()));
    if !mistakes.is_empty() {
        return Err(Failure::Server(ApiError::invalid_form(mistakes)));
    }
    let bytes = as_typed.signed_bytes();
    let order = Order {
        data: &bytes,
        content: Content::Detached,
        purpose: Purpose::Signing,
        signer: Some(&principal),
        file_input: "grant-key-file",
        lang,
        phone: MobileSignFor::PowerOfAttorney {
            representative: grant.representative.clone(),
            services: grant.services.clone(),
            valid_until: grant.valid_until.clone(),
        },
    };
    let cms = order.sign(method).await?;
    api::grant_power(&NewPower { cms, ..grant }).await.map_err(Failure::Server)
}

/// Signs a fresh challenge with the sign-in key and signs in.
async fn sign_in_with_signature(method: Method, lang: Lang) -> Result<Me, Failure> {
    let challenge = api::challenge().await.map_err(Failure::Server)?;
    let bytes = sign_in_bytes(&challenge.nonce);
    let order = Order {
        data: &bytes,
        content: Content::Attached,
        purpose: Purpose::Authentication,
        signer: None,
        file_input: "sign-in-key-file",
        lang,
        phone: MobileSignFor::SignIn { challenge: challenge.id.clone() },
    };
    let cms = order.sign(method).await?;
    api::sign_in_with_signature(&SignatureSignIn { challenge: challenge.id, cms })
        .await
        .map_err(Failure::Server)
}

/// Signs the drafted result with the head's own key and takes the `sign` step.
async fn sign_result(
    request: RequestView,
    head: Option<String>,
    resolution: String,
    method: Method,
    lang: Lang,
) -> Result<RequestView, Failure> {
    let bytes = Approval::of(&request).map(|a| a.signed_bytes()).unwrap_or_default();
    let order = Order {
        data: &bytes,
        content: Content::Detached,
        purpose: Purpose::Signing,
        signer: head.as_deref(),
        file_input: "approval-key-file",
        lang,
        phone: MobileSignFor::Result { request: request.number.clone() },
    };
    let mut step = StepAction::new(Step::Sign, resolution);
    step.cms = Some(order.sign(method).await?);
    api::act(&request.number, &step).await.map_err(Failure::Server)
}

/// The labels of one use of the form: signing a filing, or signing in.
#[derive(Debug, Clone, Copy)]
struct Labels {
    heading: Key,
    key_file_button: Key,
    ncalayer_button: Key,
    busy: Key,
}

/// The ways to sign, as the form offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    KeyFile,
    NcaLayer,
    Phone,
}

impl Way {
    fn label(self) -> Key {
        match self {
            Way::KeyFile => Key::WayKeyFile,
            Way::NcaLayer => Key::WayNcaLayer,
            Way::Phone => Key::WayPhone,
        }
    }
}

/// Every way, as a signing step offers them.
const EVERY_WAY: &[Way] = &[Way::KeyFile, Way::NcaLayer, Way::Phone];

/// The choice among `ways` (key file, NCALayer, eGov Mobile; none shown when there is one); the
/// key file and its password, NCALayer's note, or the phone's QR code while it waits; the button,
/// and what went wrong. `id` prefixes the inputs.
#[component]
fn SignatureForm(
    id: &'static str,
    labels: Labels,
    purpose: Purpose,
    pending: Signal<bool>,
    failure: RwSignal<Option<Failure>>,
    run: Callback<Method>,
    #[prop(default = EVERY_WAY)] ways: &'static [Way],
) -> impl IntoView {
    let lang = use_lang();
    let password = RwSignal::new(String::new());
    let stage = RwSignal::new(None::<Stage>);
    let way = RwSignal::new(ways.first().copied().unwrap_or(Way::KeyFile));
    let waiting = mobile::Waiting::new();
    let message = move || {
        failure.get().map(|shown| match shown {
            Failure::Cancelled(key) => view! {
                <p class="form-note" role="status">{t(key)}</p>
            }
            .into_any(),
            Failure::Here(key) => {
                // NCALayer is missing or failed: offer the key file right there.
                let offer_key_file = matches!(key, Key::NcaLayerNotRunning | Key::NcaLayerFailed);
                view! {
                    <div class="form-error" role="alert">
                        <p>{key.get(lang.get())}</p>
                        {offer_key_file.then(|| view! {
                            <button type="button" class="secondary"
                                on:click=move |_| { failure.set(None); way.set(Way::KeyFile); }>
                                {t(Key::UseKeyFile)}
                            </button>
                        })}
                    </div>
                }
                .into_any()
            }
            Failure::Server(error) => view! {
                <p class="form-error" role="alert">{error.message.get(lang.get()).to_owned()}</p>
            }
            .into_any(),
        })
    };
    let (file_id, password_id, heading_id) =
        (format!("{id}-file"), format!("{id}-password"), format!("{id}-heading"));
    let (file_label, file_button, password_label, labelled_by) =
        (file_id.clone(), file_id.clone(), password_id.clone(), heading_id.clone());
    let key_file_name = RwSignal::new(None::<String>);
    let group = format!("{id}-way");
    let choose = move |chosen: Way| {
        failure.set(None);
        way.set(chosen);
    };
    let key_file = view! {
        <p class="field-hint">{t(Key::SignatureStaysHere)}</p>
        <DemoKeyFiles purpose/>
        <div class="field">
            <label for=file_label>{t(Key::SignatureFile)}</label>
            // A key file chosen: the signing worker starts loading while the password is typed.
            <div class="file-picker">
                <input id=file_id class="file-input" type="file" accept=".p12,.pfx,application/x-pkcs12"
                    on:change=move |ev| {
                        key_file_name.set(chosen_name(&ev));
                        failure.set(None);
                        signing_worker::warm_up();
                    }/>
                <FileButton input=file_button chosen=key_file_name.into()/>
            </div>
        </div>
        <div class="field">
            <label for=password_label>{t(Key::SignaturePassword)}</label>
            <input id=password_id type="password" autocomplete="off" bind:value=password/>
        </div>
    };
    let option = move |value: Way, label: Key| {
        view! {
            <label>
                <input type="radio" name=group.clone() prop:checked=move || way.get() == value
                    on:change=move |_| choose(value)/>
                {t(label)}
            </label>
        }
    };
    let button_text = move || {
        let key = match (way.get(), pending.get()) {
            (Way::KeyFile, false) => labels.key_file_button,
            (Way::KeyFile, true) => match stage.get() {
                Some(Stage::Loading) => Key::SignerLoading,
                Some(Stage::Opening) => Key::OpeningKeyFile,
                Some(Stage::Signing) | None => labels.busy,
            },
            (Way::NcaLayer, false) => labels.ncalayer_button,
            (Way::NcaLayer, true) => Key::NcaLayerWaiting,
            (Way::Phone, false) => Key::PhoneShowCode,
            (Way::Phone, true) => Key::PhoneWaiting,
        };
        t(key)()
    };
    view! {
        <section class="signer" aria-labelledby=labelled_by>
            <h2 id=heading_id>{t(labels.heading)}</h2>
            {(ways.len() > 1).then(|| view! {
                <fieldset class="choice">
                    <legend>{t(Key::SignatureWay)}</legend>
                    {ways.iter().map(|&shown| option(shown, shown.label())).collect_view()}
                </fieldset>
            })}
            // Hidden, not removed: the chosen file and the typed password stay if the person
            // looks at another way and comes back.
            <div hidden=move || way.get() != Way::KeyFile>{key_file}</div>
            <p class="field-hint" hidden=move || way.get() != Way::NcaLayer>{t(Key::NcaLayerHint)}</p>
            <p class="field-hint" hidden=move || way.get() != Way::Phone>{t(Key::EgovMobileHint)}</p>
            <PhoneCode waiting/>
            {message}
            <div class="action-buttons" aria-live="polite" hidden=move || way.get() == Way::Phone && pending.get()>
                <button type="button" disabled=move || pending.get()
                    on:click=move |_| {
                        failure.set(None);
                        run.run(match way.get_untracked() {
                            Way::KeyFile => Method::KeyFile {
                                password: password.get_untracked(),
                                progress: stage,
                            },
                            Way::NcaLayer => Method::NcaLayer,
                            Way::Phone => Method::Phone(waiting),
                        });
                    }>
                    {button_text}
                </button>
            </div>
        </section>
    }
}

/// «Sign»: signs the filing with a key file or NCALayer and files it.
#[component]
pub fn FilingSigner(request: RequestView, filed: Callback<RequestView>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<Failure>);
    let signing = Action::new_local(move |method: &Method| {
        sign_and_file(request.clone(), method.clone(), lang.get_untracked())
    });
    Effect::new(move || match signing.value().get() {
        Some(Ok(request)) => filed.run(request),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let labels = Labels {
        heading: Key::SignTitle,
        key_file_button: Key::Sign,
        ncalayer_button: Key::SignWithNcaLayer,
        busy: Key::Signing,
    };
    view! {
        <SignatureForm id="key" labels purpose=Purpose::Signing pending=signing.pending().into()
            failure run=Callback::new(move |method| { signing.dispatch_local(method); })/>
    }
}

/// «Sign» for the head: signs the drafted result with their own signing key, from a key file or
/// through NCALayer, with the resolution typed above.
#[component]
pub fn ResultSigner(
    request: RequestView,
    resolution: Signal<String>,
    signed: Callback<RequestView>,
) -> impl IntoView {
    let lang = use_lang();
    let head = use_session().me.get_untracked().map(|me| me.id_number);
    let failure = RwSignal::new(None::<Failure>);
    let signing = Action::new_local(move |method: &Method| {
        sign_result(
            request.clone(),
            head.clone(),
            resolution.get_untracked(),
            method.clone(),
            lang.get_untracked(),
        )
    });
    Effect::new(move || match signing.value().get() {
        Some(Ok(request)) => signed.run(request),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let labels = Labels {
        heading: Key::SignResultTitle,
        key_file_button: Key::Sign,
        ncalayer_button: Key::SignWithNcaLayer,
        busy: Key::Signing,
    };
    view! {
        <SignatureForm id="approval-key" labels purpose=Purpose::Signing
            pending=signing.pending().into() failure
            run=Callback::new(move |method| { signing.dispatch_local(method); })/>
    }
}

/// «Sign and grant»: signs the power of attorney typed above with the principal's signing key
/// (a company's through its employee's key naming its BIN) and grants it; a refusal's mistakes
/// go back to the form (`refused`), to its fields.
#[component]
pub fn GrantSigner(
    grant: Signal<NewPower>,
    granted: Callback<PowerView>,
    refused: Callback<Vec<FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let principal = use_session().me.get_untracked().map(|me| me.id_number).unwrap_or_default();
    let failure = RwSignal::new(None::<Failure>);
    let signing = Action::new_local(move |method: &Method| {
        sign_grant(principal.clone(), grant.get_untracked(), method.clone(), lang.get_untracked())
    });
    Effect::new(move || match signing.value().get() {
        Some(Ok(power)) => granted.run(power),
        Some(Err(error)) => {
            if let Failure::Server(refusal) = &error {
                refused.run(refusal.fields.clone());
            }
            failure.set(Some(error));
        }
        None => {}
    });
    let labels = Labels {
        heading: Key::SignPowerTitle,
        key_file_button: Key::SignAndGrant,
        ncalayer_button: Key::SignWithNcaLayer,
        busy: Key::Signing,
    };
    view! {
        <SignatureForm id="grant-key" labels purpose=Purpose::Signing
            pending=signing.pending().into() failure
            run=Callback::new(move |method| { signing.dispatch_local(method); })/>
    }
}

/// Sign-in with the sign-in key: from a key file or through NCALayer, or, `by_phone`, by
/// scanning a QR code with eGov Mobile.
#[component]
pub fn SignatureSignInForm(signed_in: Callback<Me>, by_phone: bool) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<Failure>);
    let signing = Action::new_local(move |method: &Method| {
        sign_in_with_signature(method.clone(), lang.get_untracked())
    });
    Effect::new(move || match signing.value().get() {
        Some(Ok(me)) => signed_in.run(me),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let labels = Labels {
        heading: if by_phone { Key::SignInWithPhone } else { Key::SignInWithSignature },
        key_file_button: Key::SignInWithKeyFile,
        ncalayer_button: Key::SignInWithNcaLayer,
        busy: Key::SigningIn,
    };
    let (id, ways): (_, &[Way]) = if by_phone {
        ("sign-in-phone", &[Way::Phone])
    } else {
        ("sign-in-key", &[Way::KeyFile, Way::NcaLayer])
    };
    view! {
        <SignatureForm id ways labels purpose=Purpose::Authentication
            pending=signing.pending().into() failure
            run=Callback::new(move |method| { signing.dispatch_local(method); })/>
    }
}
