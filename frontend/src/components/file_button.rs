//! The words of a file input in the portal's language. The browser's own control says «Choose
//! File / No file chosen» in the browser's language, whatever the page's; so the input is kept
//! (it still takes the file, the keyboard focus and the field's label) but drawn invisible, and a
//! button-like label that opens it and the chosen file's name are drawn beside it instead. Put
//! it right after an `<input class="file-input" type="file">` inside a `.file-picker`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Key, t};

#[component]
pub fn FileButton(
    /// The id of the file input this opens.
    input: String,
    /// The name of the file chosen, if any.
    chosen: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        // Hidden from screen readers: the input itself is announced with its own label.
        <label for=input class="button secondary file-button" aria-hidden="true">
            {t(Key::ChooseFile)}
        </label>
        <span class="file-name">
            {move || chosen.get().unwrap_or_else(|| t(Key::NoFileChosen)().to_owned())}
        </span>
    }
}

/// The name of the file a change of a file input chose.
pub fn chosen_name(event: &leptos::ev::Event) -> Option<String> {
    let input = event.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    Some(input.files()?.get(0)?.name())
}
