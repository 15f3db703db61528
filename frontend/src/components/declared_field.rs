//! A field of a request form, rendered from its declaration: the control fits the field's type,
//! the label, help and error are tied to it, and the error comes from the shared rule.

use leptos::prelude::*;
use qyzmet_shared::Text;
use qyzmet_shared::form::{Field, FieldType};

use crate::components::date_field::DateField;
use crate::i18n::use_lang;

#[component]
pub fn DeclaredField(
    field: &'static Field,
    value: RwSignal<String>,
    error: Signal<Option<Text>>,
) -> impl IntoView {
    let lang = use_lang();
    if field.kind == FieldType::Date {
        let label = Signal::derive(move || field.label.get(lang.get()));
        let hint = field.help.as_ref().map(|help| Signal::derive(move || help.get(lang.get())));
        return view! { <DateField id=field.id label value error hint required=field.required/> }
            .into_any();
    }
    let id = field.id;
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if field.help.is_some() {
                ids.push(help_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || error.get().is_some().to_string();
    let text = move |t: &'static Text| move || t.get(lang.get()).to_owned();
    let control = match field.kind {
        FieldType::LongText { max } => view! {
            <textarea id=id name=id rows="4" maxlength=max aria-invalid=invalid aria-describedby=described_by bind:value=value></textarea>
        }
        .into_any(),
        FieldType::Choice(choices) => view! {
            <select id=id name=id required=field.required aria-invalid=invalid aria-describedby=described_by
                on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                <option value="">"—"</option>
                {choices.iter().map(|c| view! { <option value=c.value>{text(&c.label)}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        kind => {
            let (input_type, inputmode, maxlength) = match kind {
                FieldType::Text { max } => ("text", "text", Some(max)),
                FieldType::Phone => ("tel", "tel", Some(20)),
                FieldType::Email => ("email", "email", Some(200)),
                FieldType::Number { .. } => ("text", "numeric", Some(20)),
                FieldType::Iin | FieldType::Bin => ("text", "numeric", Some(12)),
                FieldType::LongText { .. } | FieldType::Choice(_) | FieldType::Date => {
                    ("text", "text", None)
                }
            };
            view! {
                <input id=id name=id type=input_type inputmode=inputmode maxlength=maxlength
                    aria-invalid=invalid aria-describedby=described_by bind:value=value/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some() class:required=field.required>
            <label for=id>{text(&field.label)}</label>
            {field.help.as_ref().map(|help| view! { <p class="field-hint" id=help_id.clone()>{text(help)}</p> })}
            {control}
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e.get(lang.get()).to_owned()}</p> })}
        </div>
    }
    .into_any()
}
