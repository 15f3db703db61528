//! The signing worker, seen from the page: started when a person picks a key file (or at the
//! latest when they sign), kept for the next signature, sent one order at a time. Its messages
//! come through a channel; a worker that fails to load or stops is dropped, and the next
//! signature starts a fresh one.

#[allow(dead_code, reason = "the page reads answers and writes orders; the worker the other way")]
pub mod protocol;

use std::cell::RefCell;

use futures::StreamExt;
use futures::channel::mpsc::{UnboundedReceiver, unbounded};
use futures::future::{Either, select};
use protocol::{Answer, Order};
use qyzmet_shared::eds::keyfile::KeyFileError;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;
use web_sys::{MessageEvent, Worker};

use crate::clock;

/// Where Trunk puts the worker's loader (`data-type="worker"`, `data-loader-shim`): beside the
/// portal's own files (`portal.html`).
fn loader() -> String {
    format!("/{}/qyzmet-signer_loader.js", qyzmet_shared::screens::PORTAL_DIR)
}
/// How long the worker may take to load (its WebAssembly is a few hundred kilobytes; a slow 3G
/// connection needs seconds, not minutes) before the person is told to try again.
const LOAD_MILLIS: i32 = 60_000;

/// How far a signature has got, for the person to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Downloading and starting the worker.
    Loading,
    /// Opening the key file with the password.
    Opening,
    /// Signing with the opened key.
    Signing,
}

/// Why there is no signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The key file did not open.
    KeyFile(KeyFileError),
    /// The key opened but cannot sign.
    Unsupported,
    /// The worker did not load in time, or stopped.
    Unavailable,
}

/// A started worker and what it says.
struct Signer {
    worker: Worker,
    answers: UnboundedReceiver<Option<Answer>>,
    ready: bool,
    _listeners: [Closure<dyn FnMut(JsValue)>; 2],
}

impl Drop for Signer {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

thread_local! {
    /// The page's worker, when started and idle.
    static IDLE: RefCell<Option<Signer>> = const { RefCell::new(None) };
}

/// Starts the worker unless it is already there, so its download overlaps the typing of the
/// password.
pub fn warm_up() {
    IDLE.with(|idle| {
        let mut idle = idle.borrow_mut();
        if idle.is_none() {
            *idle = Signer::start();
        }
    });
}

/// Signs as ordered in the worker, telling `progress` each stage.
pub async fn sign(order: &Order, progress: impl Fn(Stage)) -> Result<Vec<u8>, Failure> {
    warm_up();
    // Taken out while it works: a second signature meanwhile starts a worker of its own.
    let mut worker = IDLE.with(|idle| idle.borrow_mut().take()).ok_or(Failure::Unavailable)?;
    let signature = worker.sign(order, progress).await;
    if signature != Err(Failure::Unavailable) {
        IDLE.with(|idle| *idle.borrow_mut() = Some(worker));
    }
    signature
}

impl Signer {
    fn start() -> Option<Signer> {
        let worker = Worker::new(&loader()).ok()?;
        let (sender, answers) = unbounded();
        // An answer, or `None` when the worker failed: its script did not load, or it stopped.
        let on_message = Closure::<dyn FnMut(JsValue)>::new({
            let sender = sender.clone();
            move |event: JsValue| {
                let answer =
                    event.dyn_into::<MessageEvent>().ok().and_then(|e| Answer::from_js(&e.data()));
                let _ = sender.unbounded_send(answer);
            }
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = sender.unbounded_send(None);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Signer { worker, answers, ready: false, _listeners: [on_message, on_error] })
    }

    async fn sign(&mut self, order: &Order, progress: impl Fn(Stage)) -> Result<Vec<u8>, Failure> {
        if !self.ready {
            progress(Stage::Loading);
            let ready = matches!(
                select(Box::pin(self.next()), Box::pin(clock::sleep(LOAD_MILLIS))).await,
                Either::Left((Some(Answer::Ready), _))
            );
            self.ready = ready;
            if !self.ready {
                return Err(Failure::Unavailable);
            }
        }
        self.worker.post_message(&order.to_js()).map_err(|_| Failure::Unavailable)?;
        loop {
            match self.next().await.ok_or(Failure::Unavailable)? {
                Answer::Opening => progress(Stage::Opening),
                Answer::Signing => progress(Stage::Signing),
                Answer::Signed(cms) => return Ok(cms),
                Answer::KeyFile(error) => return Err(Failure::KeyFile(error)),
                Answer::Unsupported => return Err(Failure::Unsupported),
                Answer::Ready => {}
            }
        }
    }

    /// The worker's next answer; `None` once it has failed.
    async fn next(&mut self) -> Option<Answer> {
        self.answers.next().await.flatten()
    }
}
