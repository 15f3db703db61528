//! A stand-in for eGov Mobile, for the API and browser tests: it reads a QR code's text and
//! follows eGov's QR signing protocol as the app does — API 1 with `Accept-Language`, API 2 with
//! the Bearer token it was given, the document signed with the person's key and `PUT` back. The
//! field names are written out here from the protocol, not taken from the portal's types, so a
//! renamed field fails the tests as it would fail the real app.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

/// A phone with eGov Mobile, in the language its person reads.
#[derive(Debug, Clone)]
pub struct Phone {
    client: reqwest::Client,
    lang: &'static str,
}

/// An answer of the portal to the phone: its status and JSON body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    /// The message the app would show.
    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or_default()
    }
}

/// What API 1 told the phone: where the document is and the token that opens it.
#[derive(Debug, Clone)]
pub struct Scanned {
    pub answer: Answer,
    pub uri: String,
    pub token: String,
}

impl Phone {
    pub fn new(lang: &'static str) -> Phone {
        Phone { client: reqwest::Client::new(), lang }
    }

    /// API 1: the phone reads the QR code and calls the address in it.
    pub async fn scan(&self, qr: &str) -> Scanned {
        let api1 = qr.strip_prefix("mobileSign:").expect("an eGov Mobile QR code");
        let answer = self.call(self.client.get(api1)).await;
        let document = &answer.body["document"];
        assert!(
            answer.status != 200 || document["auth_type"] == "Token",
            "the portal asks for a token: {}",
            answer.body
        );
        let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
        Scanned { uri: text(&document["uri"]), token: text(&document["auth_token"]), answer }
    }

    /// API 2, `GET`: the documents to sign.
    pub async fn fetch(&self, uri: &str, token: &str) -> Answer {
        self.call(self.client.get(uri).bearer_auth(token)).await
    }

    /// API 2, `PUT`: the documents as served, each `data` replaced by its signature.
    pub async fn send(&self, uri: &str, token: &str, signed: &Value) -> Answer {
        self.call(self.client.put(uri).bearer_auth(token).json(signed)).await
    }

    /// The whole flow: scan, fetch, sign each document's bytes with `sign` (base64 CMS back),
    /// send. The last answer; a refusal at API 1 or 2 is returned as it came.
    pub async fn sign(&self, qr: &str, sign: impl Fn(&[u8]) -> String) -> Answer {
        let scanned = self.scan(qr).await;
        if scanned.answer.status != 200 {
            return scanned.answer;
        }
        let fetched = self.fetch(&scanned.uri, &scanned.token).await;
        if fetched.status != 200 {
            return fetched;
        }
        let signed = signed(&fetched.body, sign);
        self.send(&scanned.uri, &scanned.token, &signed).await
    }

    /// API 2, `PUT`, with a body that may not be the protocol's JSON at all.
    pub async fn send_text(&self, uri: &str, token: &str, body: &str) -> Answer {
        let request = self.client.put(uri).bearer_auth(token);
        self.call(request.header("content-type", "application/json").body(body.to_owned())).await
    }

    async fn call(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.header("accept-language", self.lang).send().await.unwrap();
        let status = response.status().as_u16();
        let body = response.json().await.unwrap_or(Value::Null);
        Answer { status, body }
    }
}

/// The documents of API 2 with each `data` signed as `CMS_SIGN_ONLY` asks: a detached CMS over
/// the served bytes.
pub fn signed(documents: &Value, sign: impl Fn(&[u8]) -> String) -> Value {
    assert_eq!(documents["signMethod"], "CMS_SIGN_ONLY", "{documents}");
    assert_eq!(documents["version"], 1);
    let mut signed = documents.clone();
    for document in signed["documentsToSign"].as_array_mut().expect("documentsToSign") {
        let data = &mut document["document"]["file"]["data"];
        let bytes = STANDARD.decode(data.as_str().unwrap_or_default()).expect("base64 data");
        *data = Value::String(sign(&bytes));
    }
    signed
}

/// The bytes of the first document API 2 served.
pub fn served_bytes(documents: &Value) -> Vec<u8> {
    let data = documents["documentsToSign"][0]["document"]["file"]["data"].as_str();
    STANDARD.decode(data.unwrap_or_default()).unwrap_or_default()
}
