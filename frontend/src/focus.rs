//! Moving the keyboard focus: to where the person is to act next (the first field to fix, the
//! signing step), so a screen reader announces it and the page scrolls to it.

use leptos::prelude::request_animation_frame;
use leptos::wasm_bindgen::JsCast;

/// Focuses the element with this id once the view has drawn it.
pub fn soon(id: String) {
    request_animation_frame(move || now(&id));
}

/// Focuses the element with this id.
pub fn now(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
