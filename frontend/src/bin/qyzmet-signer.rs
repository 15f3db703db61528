//! The signing worker: a Web Worker of its own WebAssembly, loaded only when a person signs with
//! a key file, so the portal's first load carries none of the signing crypto (PKCS #12 ciphers,
//! PBKDF2, RSA, P-256, GOST) and opening a key file never freezes the page. It opens the key file
//! with the password and signs the bytes it is sent; nothing leaves it but the signature.

#[path = "../signing_worker/protocol.rs"]
#[allow(dead_code, reason = "the worker reads orders and writes answers; the page the other way")]
mod protocol;

use protocol::{Answer, Order};
use qyzmet_shared::eds::{keyfile, sign};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = {
        let scope = scope.clone();
        // Posting a plain object to the page that started this worker cannot fail.
        move |answer: &Answer| drop(scope.post_message(&answer.to_js()))
    };
    let on_order = Closure::<dyn FnMut(MessageEvent)>::new({
        let answer = answer.clone();
        move |event: MessageEvent| {
            // Anything but an order comes from no page of ours: it gets no answer.
            if let Some(order) = Order::from_js(&event.data()) {
                answer(&signed(&order, &answer));
            }
        }
    });
    scope.set_onmessage(Some(on_order.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it: so does its listener.
    on_order.forget();
    answer(&Answer::Ready);
}

/// Opens the key file and signs, telling the page each step as it starts.
fn signed(order: &Order, answer: &impl Fn(&Answer)) -> Answer {
    answer(&Answer::Opening);
    let opened = match keyfile::open(&order.key_file, &order.password) {
        Ok(opened) => opened,
        Err(error) => return Answer::KeyFile(error),
    };
    answer(&Answer::Signing);
    sign(&order.data, &opened.certificate, &opened.key, order.signed_at, order.content)
        .map_or(Answer::Unsupported, Answer::Signed)
}
