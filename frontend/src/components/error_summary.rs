//! The error summary GOV.UK's forms open with after a failed send: at the top of the form, a
//! link to each field that needs fixing, with what to fix. The focus moves to it, so a screen
//! reader reads it first and a keyboard user is one Tab from the first field; a link focuses its
//! field. It shrinks as fields are fixed and goes when none is left.

use leptos::prelude::*;
use qyzmet_shared::Text;
use qyzmet_shared::form::FieldError;

use crate::focus;
use crate::i18n::{Key, t, use_lang};

/// The id the summary takes, for moving the focus to it, where a screen has one form that has
/// one; another form on the same screen names its own.
pub const ID: &str = "error-summary";

/// A field to fix: its input's id, its label, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub field: String,
    pub label: Text,
    pub message: Text,
}

/// The summary's list for a form of plain fields: each field's input id, label and error, in the
/// order the form shows them; those without an error are left out.
pub fn problems_of<const N: usize>(
    fields: [(&'static str, Key, Signal<Option<Text>>); N],
) -> Signal<Vec<Problem>> {
    Signal::derive(move || {
        fields
            .iter()
            .filter_map(|(field, label, error)| {
                let message = error.get()?;
                Some(Problem { field: (*field).to_owned(), label: label.text(), message })
            })
            .collect()
    })
}

/// What a form's check (the shared rule's, or the server's) found wrong with the field named
/// `field`, as that field's error. Typing in the field again (`typed` changing) drops it: what it
/// judged is gone, and the summary shrinks as fields are fixed.
pub fn mistake_on(
    mistakes: RwSignal<Vec<FieldError>>,
    field: &'static str,
    typed: impl Track + 'static,
) -> Signal<Option<Text>> {
    Effect::new(move |ran: Option<()>| {
        typed.track();
        let judged = mistakes.with_untracked(|all| all.iter().any(|m| m.field == field));
        if ran.is_some() && judged {
            mistakes.update(|all| all.retain(|m| m.field != field));
        }
    });
    Signal::derive(move || {
        mistakes.with(|all| all.iter().find(|m| m.field == field).map(|m| m.message.clone()))
    })
}

#[component]
pub fn ErrorSummary(
    problems: Signal<Vec<Problem>>,
    #[prop(default = ID)] id: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let title = format!("{id}-title");
    move || {
        let problems = problems.get();
        (!problems.is_empty()).then(|| {
            let items = problems
                .into_iter()
                .map(|problem| {
                    let href = format!("#{}", problem.field);
                    let to_field = move |event: leptos::ev::MouseEvent| {
                        event.prevent_default();
                        focus::now(&problem.field);
                    };
                    let text = format!(
                        "{}: {}",
                        problem.label.get(lang.get()),
                        problem.message.get(lang.get())
                    );
                    view! { <li><a href=href on:click=to_field>{text}</a></li> }
                })
                .collect_view();
            view! {
                <div id=id class="error-summary" tabindex="-1" role="alert"
                    aria-labelledby=title.clone()>
                    <h2 id=title.clone()>{t(Key::ErrorSummaryTitle)}</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
