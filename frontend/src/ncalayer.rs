//! Signing through NCALayer, the national CA's signing app on the person's computer. The portal
//! talks to it over its local WebSocket and asks module `kz.gov.pki.knca.basics`, method `sign`,
//! for a CMS signature of the exact bytes; NCALayer lets the person choose the key and asks for
//! its password in its own window, so the site never sees either.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use futures::StreamExt as _;
use futures::channel::mpsc;
use qyzmet_shared::IdNumber;
use qyzmet_shared::Lang;
use qyzmet_shared::eds::Content;
use qyzmet_shared::signature::{NCALAYER, Purpose};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Why NCALayer gave no signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Nothing answers at its address: not installed or not started.
    NotRunning,
    /// The person closed its window or pressed «cancel»: not an error, they changed their mind.
    Cancelled,
    /// It answered with an error, or not in its protocol, or closed the connection.
    Failed,
}

/// What to sign and with which key.
#[derive(Debug, Clone, Copy)]
pub struct Order<'a> {
    pub data: &'a [u8],
    pub content: Content,
    pub purpose: Purpose,
    /// Whose certificate may sign: NCALayer offers only the keys of this IIN or BIN. The server
    /// checks it again; this spares the person picking a key that would be refused.
    pub signer: Option<&'a str>,
    pub lang: Lang,
}

#[derive(Serialize)]
struct Call<'a> {
    module: &'static str,
    method: &'static str,
    args: Args<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Args<'a> {
    /// Any storage: key files, ID cards, tokens.
    allowed_storages: Option<[&'static str; 0]>,
    format: &'static str,
    data: String,
    signing_params: SigningParams,
    signer_params: SignerParams<'a>,
    locale: &'static str,
}

#[derive(Serialize)]
struct SigningParams {
    /// `data` is base64 of the bytes to sign.
    decode: bool,
    /// The signature carries the bytes.
    encapsulate: bool,
    /// `data` is the bytes, not their hash.
    digested: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignerParams<'a> {
    ext_key_usage_oids: [&'static str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    iin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bin: Option<&'a str>,
}

impl<'a> Call<'a> {
    fn sign(order: Order<'a>) -> Call<'a> {
        let (iin, bin) = match order.signer.map(IdNumber::parse) {
            Some(Ok(IdNumber::Bin(_))) => (None, order.signer),
            _ => (order.signer, None),
        };
        Call {
            module: "kz.gov.pki.knca.basics",
            method: "sign",
            args: Args {
                allowed_storages: None,
                format: "cms",
                data: STANDARD.encode(order.data),
                signing_params: SigningParams {
                    decode: true,
                    encapsulate: order.content == Content::Attached,
                    digested: false,
                },
                signer_params: SignerParams {
                    ext_key_usage_oids: [order.purpose.extended_key_usage()],
                    iin,
                    bin,
                },
                locale: order.lang.code(),
            },
        }
    }
}

/// The answer of module `basics`: a signature, a cancellation (success without a result) or an
/// error.
#[derive(Deserialize)]
struct Reply {
    status: bool,
    #[serde(default)]
    body: Option<Body>,
}

#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    result: Option<Signatures>,
}

/// One signature, or one per document when several were given.
#[derive(Deserialize)]
#[serde(untagged)]
enum Signatures {
    One(String),
    Many(Vec<String>),
}

impl Reply {
    fn signature(self) -> Result<Vec<u8>, Failure> {
        if !self.status {
            return Err(Failure::Failed);
        }
        let signature = match self.body.and_then(|body| body.result) {
            None => return Err(Failure::Cancelled),
            Some(Signatures::One(one)) => one,
            Some(Signatures::Many(many)) => many.into_iter().next().ok_or(Failure::Failed)?,
        };
        STANDARD.decode(signature.trim()).map_err(|_| Failure::Failed)
    }
}

/// What the socket reports, in order.
enum Event {
    Open,
    Message(String),
    Closed,
}

/// A connection to NCALayer; closed when dropped.
struct Connection {
    socket: web_sys::WebSocket,
    events: mpsc::UnboundedReceiver<Event>,
    // Kept alive as long as the socket may call them.
    _handlers: [Closure<dyn FnMut(web_sys::Event)>; 3],
}

impl Connection {
    fn open() -> Result<Connection, Failure> {
        let socket = web_sys::WebSocket::new(NCALAYER).map_err(|_| Failure::NotRunning)?;
        let (sender, events) = mpsc::unbounded();
        let handler = |make: fn(web_sys::Event) -> Event| {
            let sender = sender.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event| {
                let _ = sender.unbounded_send(make(event));
            })
        };
        let handlers = [
            handler(|_| Event::Open),
            handler(|event| {
                event
                    .dyn_into::<web_sys::MessageEvent>()
                    .ok()
                    .and_then(|message| message.data().as_string())
                    .map_or(Event::Closed, Event::Message)
            }),
            handler(|_| Event::Closed),
        ];
        socket.set_onopen(Some(handlers[0].as_ref().unchecked_ref()));
        socket.set_onmessage(Some(handlers[1].as_ref().unchecked_ref()));
        socket.set_onerror(Some(handlers[2].as_ref().unchecked_ref()));
        socket.set_onclose(Some(handlers[2].as_ref().unchecked_ref()));
        Ok(Connection { socket, events, _handlers: handlers })
    }

    async fn next(&mut self) -> Option<Event> {
        self.events.next().await
    }

    async fn message(&mut self) -> Result<String, Failure> {
        match self.next().await {
            Some(Event::Message(text)) => Ok(text),
            _ => Err(Failure::Failed),
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        for handler in [
            web_sys::WebSocket::set_onopen,
            web_sys::WebSocket::set_onmessage,
            web_sys::WebSocket::set_onerror,
            web_sys::WebSocket::set_onclose,
        ] {
            handler(&self.socket, None);
        }
        let _ = self.socket.close();
    }
}

/// Asks NCALayer for a CMS signature (DER) of `order.data`.
pub async fn sign(order: Order<'_>) -> Result<Vec<u8>, Failure> {
    let mut connection = Connection::open()?;
    if !matches!(connection.next().await, Some(Event::Open)) {
        return Err(Failure::NotRunning);
    }
    // NCALayer greets with its version: `{"result":{"version":"…"}}`.
    let greeting: serde_json::Value =
        serde_json::from_str(&connection.message().await?).map_err(|_| Failure::Failed)?;
    if !greeting["result"]["version"].is_string() {
        return Err(Failure::Failed);
    }
    let call = serde_json::to_string(&Call::sign(order)).map_err(|_| Failure::Failed)?;
    connection.socket.send_with_str(&call).map_err(|_| Failure::Failed)?;
    let reply = connection.message().await?;
    serde_json::from_str::<Reply>(&reply).map_err(|_| Failure::Failed)?.signature()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_signed_by_the_applicants_signing_key_a_company_by_its_bin() {
        let call = |signer| {
            serde_json::to_value(Call::sign(Order {
                data: b"filing",
                content: Content::Detached,
                purpose: Purpose::Signing,
                signer,
                lang: Lang::Kk,
            }))
            .unwrap()
        };
        let person = call(Some("850315400124"));
        assert_eq!(person["module"], "kz.gov.pki.knca.basics");
        assert_eq!(person["method"], "sign");
        assert_eq!(person["args"]["format"], "cms");
        assert_eq!(person["args"]["data"], STANDARD.encode(b"filing"));
        assert_eq!(person["args"]["allowedStorages"], serde_json::Value::Null);
        assert_eq!(person["args"]["signingParams"]["encapsulate"], false);
        assert_eq!(person["args"]["signingParams"]["decode"], true);
        assert_eq!(person["args"]["signerParams"]["extKeyUsageOids"][0], "1.3.6.1.5.5.7.3.4");
        assert_eq!(person["args"]["signerParams"]["iin"], "850315400124");
        assert!(person["args"]["signerParams"].get("bin").is_none());
        assert_eq!(person["args"]["locale"], "kk");
        let company = call(Some("150440002179"));
        assert_eq!(company["args"]["signerParams"]["bin"], "150440002179");
        assert!(company["args"]["signerParams"].get("iin").is_none());
    }

    #[test]
    fn a_reply_without_a_result_is_a_cancellation_not_an_error() {
        let reply = |text: &str| serde_json::from_str::<Reply>(text).unwrap().signature();
        assert_eq!(reply(r#"{"status":true,"body":{}}"#), Err(Failure::Cancelled));
        assert_eq!(reply(r#"{"status":true,"body":{"result":["AQID"]}}"#), Ok(vec![1, 2, 3]));
        assert_eq!(reply(r#"{"status":true,"body":{"result":"AQID"}}"#), Ok(vec![1, 2, 3]));
        assert_eq!(
            reply(r#"{"status":false,"code":"500","message":"storage error"}"#),
            Err(Failure::Failed)
        );
    }
}
