//! The error summary GOV.UK's forms open with after a failed send: at the top of the form, a
//! link to each field that needs fixing, with what to fix. The focus moves to it, so a screen
//! reader reads it first and a keyboard user is one Tab from the first field; a link focuses its
//! field. It shrinks as fields are fixed and goes when none is left.

use leptos::prelude::*;
use qyzmet_shared::Text;

use crate::focus;
use crate::i18n::{Key, t, use_lang};

/// The id the summary takes, for moving the focus to it.
pub const ID: &str = "error-summary";

/// A field to fix: its input's id, its label, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub field: String,
    pub label: Text,
    pub message: Text,
}

#[component]
pub fn ErrorSummary(problems: Signal<Vec<Problem>>) -> impl IntoView {
    let lang = use_lang();
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
                <div id=ID class="error-summary" tabindex="-1" role="alert"
                    aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{t(Key::ErrorSummaryTitle)}</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
