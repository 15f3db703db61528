//! A labelled text field with its hint and its error tied to it, for every form.

use leptos::html::Input;
use leptos::prelude::*;
use qyzmet_shared::Text;

use crate::i18n::{Key, t, use_lang};

/// `id` names the input; the hint and the error get ids derived from it so screen readers read
/// them with the field (`aria-describedby`), and `aria-invalid` marks the field while it is wrong.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: Key,
    value: RwSignal<String>,
    error: Signal<Option<Text>>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] node_ref: NodeRef<Input>,
) -> impl IntoView {
    let lang = use_lang();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{t(label)}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{t(hint)}</p> })}
            <input
                id=id.clone()
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                bind:value=value
                node_ref=node_ref
            />
            {move || {
                error
                    .get()
                    .map(|text| {
                        view! {
                            <p class="field-error" id=error_id.clone()>
                                {text.get(lang.get()).to_owned()}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
