//! What the page and the signing worker say to each other, written once for both sides: the page
//! orders a signature (the key file's bytes, its password, the bytes to sign); the worker says it
//! is ready, then how far it has got, then the signature or why there is none. Each message is a
//! plain JavaScript object, so the key file and the data cross as byte arrays, not as text.

use js_sys::{Object, Reflect, Uint8Array};
use qyzmet_shared::eds::Content;
use qyzmet_shared::eds::keyfile::KeyFileError;
use wasm_bindgen::{JsCast, JsValue};

/// A signature to make: with the key in `key_file`, opened with `password`, over `data`.
pub struct Order {
    pub key_file: Vec<u8>,
    pub password: String,
    pub data: Vec<u8>,
    pub content: Content,
    /// The signing time written into the signature, Unix seconds of the page's clock.
    pub signed_at: i64,
}

/// What the worker says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Loaded and listening: orders sent before this would be lost.
    Ready,
    /// Opening the key file with the password (the slow part: thousands of hash rounds).
    Opening,
    /// The key is open; signing.
    Signing,
    /// The CMS signature, DER.
    Signed(Vec<u8>),
    /// The key file did not open.
    KeyFile(KeyFileError),
    /// The key opened but cannot sign (an algorithm or certificate this portal does not know).
    Unsupported,
}

const KIND: &str = "kind";

impl Order {
    pub fn to_js(&self) -> JsValue {
        let message = Object::new();
        set(&message, KIND, &"order".into());
        set(&message, "key_file", &Uint8Array::from(self.key_file.as_slice()));
        set(&message, "password", &self.password.as_str().into());
        set(&message, "data", &Uint8Array::from(self.data.as_slice()));
        set(&message, "attached", &JsValue::from_bool(self.content == Content::Attached));
        // Seconds since 1970 are far inside the 2^53 a JavaScript number holds exactly.
        #[allow(clippy::cast_precision_loss)]
        set(&message, "signed_at", &JsValue::from_f64(self.signed_at as f64));
        message.into()
    }

    /// The order in a message, or `None` for anything else.
    pub fn from_js(message: &JsValue) -> Option<Order> {
        if field(message, KIND)?.as_string()? != "order" {
            return None;
        }
        let attached = field(message, "attached")?.as_bool()?;
        let signed_at = field(message, "signed_at")?.as_f64()?;
        Some(Order {
            key_file: bytes(message, "key_file")?,
            password: field(message, "password")?.as_string()?,
            data: bytes(message, "data")?,
            content: if attached { Content::Attached } else { Content::Detached },
            #[allow(clippy::cast_possible_truncation, reason = "whole seconds, as sent")]
            signed_at: signed_at as i64,
        })
    }
}

impl Answer {
    pub fn to_js(&self) -> JsValue {
        let message = Object::new();
        let kind = match self {
            Answer::Ready => "ready",
            Answer::Opening => "opening",
            Answer::Signing => "signing",
            Answer::Signed(cms) => {
                set(&message, "cms", &Uint8Array::from(cms.as_slice()));
                "signed"
            }
            Answer::KeyFile(error) => {
                set(&message, "error", &key_file_error_code(*error).into());
                "key_file"
            }
            Answer::Unsupported => "unsupported",
        };
        set(&message, KIND, &kind.into());
        message.into()
    }

    /// The answer in a message, or `None` for anything else.
    pub fn from_js(message: &JsValue) -> Option<Answer> {
        Some(match field(message, KIND)?.as_string()?.as_str() {
            "ready" => Answer::Ready,
            "opening" => Answer::Opening,
            "signing" => Answer::Signing,
            "signed" => Answer::Signed(bytes(message, "cms")?),
            "key_file" => {
                let code = field(message, "error")?.as_string()?;
                Answer::KeyFile(
                    KEY_FILE_ERRORS.into_iter().find(|e| key_file_error_code(*e) == code)?,
                )
            }
            "unsupported" => Answer::Unsupported,
            _ => return None,
        })
    }
}

const KEY_FILE_ERRORS: [KeyFileError; 4] = [
    KeyFileError::NotAKeyFile,
    KeyFileError::WrongPassword,
    KeyFileError::Unsupported,
    KeyFileError::NoKey,
];

fn key_file_error_code(error: KeyFileError) -> &'static str {
    match error {
        KeyFileError::NotAKeyFile => "not_a_key_file",
        KeyFileError::WrongPassword => "wrong_password",
        KeyFileError::Unsupported => "unsupported",
        KeyFileError::NoKey => "no_key",
    }
}

fn set(message: &Object, name: &str, value: &JsValue) {
    // Setting a property of a plain object made here cannot fail.
    let _ = Reflect::set(message, &name.into(), value);
}

fn field(message: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(message, &name.into()).ok().filter(|value| !value.is_undefined())
}

fn bytes(message: &JsValue, name: &str) -> Option<Vec<u8>> {
    Some(field(message, name)?.dyn_into::<Uint8Array>().ok()?.to_vec())
}
