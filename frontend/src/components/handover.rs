//! Handing a result over at the CSC counter: to the applicant, or to any representative with a
//! notarised power of attorney (its number, date and notary recorded), once the operator has
//! checked their identity document; or sending it to the applicant's e-mail as the signed PDF.

use leptos::prelude::*;
use qyzmet_shared::ApiError;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::csc::{Handover, Recipient};
use qyzmet_shared::form::FieldError;

use crate::components::date_field::DateField;
use crate::components::error_summary::{ErrorSummary, mistake_on, problems_of};
use crate::components::field::TextField;
use crate::i18n::{Key, t, use_lang};
use crate::{api, clock, focus};

/// The handover's error summary: the request screen has other forms.
const SUMMARY: &str = "handover-errors";

#[component]
pub fn HandoverForm(
    number: String,
    /// The representative recorded at filing, by name, if anyone: the form starts with them.
    representative: Option<String>,
    done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let recipient = RwSignal::new(Recipient::Applicant);
    let document = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let holder = RwSignal::new(representative.unwrap_or_default());
    let power_number = RwSignal::new(String::new());
    let power_date = RwSignal::new(String::new());
    let notary = RwSignal::new(String::new());
    let mistakes = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let hand = Action::new_local(move |handover: &Handover| {
        let (number, handover) = (number.clone(), handover.clone());
        async move { api::handover(&number, &handover).await }
    });
    let by_email = move || recipient.get() == Recipient::Email;
    let by_power = move || recipient.get() == Recipient::Representative;
    // A field's mistake, while the field is on the form (the recipient decides which are).
    let on = move |field: &'static str, typed: RwSignal<String>, shown: fn(Recipient) -> bool| {
        let mistake = mistake_on(mistakes, field, typed);
        Signal::derive(move || mistake.get().filter(|_| shown(recipient.get())))
    };
    let power = |to: Recipient| to == Recipient::Representative;
    let holder_error = on("representative", holder, power);
    let power_number_error = on("power_number", power_number, power);
    let power_date_error = on("power_date", power_date, power);
    let notary_error = on("notary", notary, power);
    let document_error = on("identity_document", document, |to| to != Recipient::Email);
    let email_error = on("email", email, |to| to == Recipient::Email);
    let problems = problems_of([
        ("representative", Key::RepresentativeName, holder_error),
        ("power-number", Key::PowerNumber, power_number_error),
        ("power-date", Key::PowerDate, power_date_error),
        ("notary", Key::Notary, notary_error),
        ("identity-document", Key::IdentityDocument, document_error),
        ("handover-email", Key::ApplicantEmail, email_error),
    ]);
    let fix = move |wrong: Vec<FieldError>| {
        let fix_first = !wrong.is_empty();
        mistakes.set(wrong);
        if fix_first {
            focus::soon(SUMMARY.to_owned());
        }
    };
    Effect::new(move || match hand.value().get() {
        Some(Ok(_)) => done.run(()),
        Some(Err(error)) => {
            fix(error.fields.clone());
            failure.set(Some(error));
        }
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let handover = Handover {
            recipient: recipient.get_untracked(),
            identity_document: document.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            representative: holder.get_untracked().trim().to_owned(),
            power_number: power_number.get_untracked().trim().to_owned(),
            power_date: power_date.get_untracked(),
            notary: notary.get_untracked().trim().to_owned(),
        };
        let wrong = handover.mistakes(Date::in_kazakhstan(clock::now()));
        if wrong.is_empty() {
            mistakes.set(wrong);
            hand.dispatch_local(handover);
        } else {
            fix(wrong);
        }
    };
    view! {
        <form class="handover" on:submit=submit novalidate>
            <h2>{t(Key::HandoverTitle)}</h2>
            <ErrorSummary id=SUMMARY problems/>
            <RecipientChoice recipient/>
            <Show when=by_power>
                <TextField id="representative" label=Key::RepresentativeName value=holder
                    error=holder_error maxlength=200/>
                <TextField id="power-number" label=Key::PowerNumber value=power_number
                    error=power_number_error maxlength=200/>
                <DateField id="power-date" label=Signal::derive(t(Key::PowerDate)) value=power_date
                    error=power_date_error/>
                <TextField id="notary" label=Key::Notary value=notary
                    error=notary_error maxlength=200/>
            </Show>
            <Show when=by_email fallback=move || view! {
                <TextField id="identity-document" label=Key::IdentityDocument value=document
                    error=document_error hint=Key::IdentityDocumentHint maxlength=200/>
            }>
                <TextField id="handover-email" label=Key::ApplicantEmail value=email kind="email"
                    error=email_error hint=Key::ApplicantEmailHint autocomplete="off"/>
            </Show>
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{e.message.get(lang.get()).to_owned()}</p> })}
            <button type="submit" disabled=move || hand.pending().get()>
                {move || t(if by_email() { Key::SendResultByEmail } else { Key::HandOver })()}
            </button>
        </form>
    }
}

/// Whom the result goes to: the applicant, a representative with a notarised power, or the
/// applicant's e-mail.
#[component]
fn RecipientChoice(recipient: RwSignal<Recipient>) -> impl IntoView {
    let choice = move |value: Recipient, label: String| {
        view! {
            <label>
                <input type="radio" name="recipient" prop:checked=move || recipient.get() == value
                    on:change=move |_| recipient.set(value)/>
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="choice">
            <legend>{t(Key::HandoverTo)}</legend>
            {move || choice(Recipient::Applicant, t(Key::ToApplicant)().to_owned())}
            {move || choice(Recipient::Representative, t(Key::ToRepresentative)().to_owned())}
            {move || choice(Recipient::Email, t(Key::ToEmail)().to_owned())}
        </fieldset>
    }
}
