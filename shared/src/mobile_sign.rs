//! Signing with eGov Mobile (eGov Business for a company): the page asks the server for a signing
//! session, shows its QR code and waits; the person's phone fetches what to sign from the portal,
//! signs it with the key the app holds, and sends the signature back to the portal (eGov's «QR
//! signing» protocol, served by `backend/src/api/egov_mobile.rs`). The page then files, signs in
//! or grants with that signature as with one made from a key file.

use serde::{Deserialize, Serialize};

use crate::catalog::ServiceCode;
use crate::error::ErrorCode;

/// What the QR code holds before the phone's first address: eGov Mobile reads it and calls that
/// address (API 1).
pub const QR_PREFIX: &str = "mobileSign:";

/// Which app signs: the citizen's, or the company's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    /// eGov Mobile.
    Mobile,
    /// eGov Business.
    Business,
}

impl App {
    /// The link that opens the app on the same phone as the page, with the API 1 address.
    pub fn same_device_link(self, api1: &str) -> String {
        let path = match self {
            App::Mobile => "mobileSign",
            App::Business => "businessSign",
        };
        format!("https://m.egov.kz/{path}/?link={}", percent_encoded(api1))
    }
}

/// `text` with everything but RFC 3986's unreserved characters percent-encoded, as a query
/// parameter's value must be.
pub fn percent_encoded(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// `POST /api/v1/mobile-sign`: what the phone is to sign. The server makes the bytes from its own
/// records, as the page makes them for a key file, so the phone signs exactly what a key would.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "purpose", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MobileSignFor {
    /// A draft's filing (`Filing::signed_bytes`), by whoever must sign it: the applicant, their
    /// representative, or the employee who drafted it at a desk.
    Filing { request: String },
    /// Signing in (`sign_in_bytes`): the challenge's id from `POST /session/challenge`; the
    /// phone signs with a sign-in key.
    SignIn { challenge: String },
    /// A power of attorney the signed-in applicant grants (`Grant::signed_bytes`).
    PowerOfAttorney { representative: String, services: Vec<ServiceCode>, valid_until: String },
    /// The head's signature of a drafted result (`Approval::signed_bytes`).
    Result { request: String },
}

impl MobileSignFor {
    pub fn purpose(&self) -> &'static str {
        match self {
            MobileSignFor::Filing { .. } => "filing",
            MobileSignFor::SignIn { .. } => "sign_in",
            MobileSignFor::PowerOfAttorney { .. } => "power_of_attorney",
            MobileSignFor::Result { .. } => "result",
        }
    }
}

/// A signing session, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MobileSigning {
    /// What the page asks about at `GET /mobile-sign/{id}`; only its hash is kept.
    pub id: String,
    /// The QR code's text: `mobileSign:` and the phone's first address.
    pub qr: String,
    /// The QR code drawn: an SVG image as a `data:` address, for an `<img>`.
    pub qr_image: String,
    /// Opens eGov Mobile on the same phone.
    pub link: String,
    /// Opens eGov Business on the same phone.
    pub business_link: String,
    /// Unix seconds: the phone must have signed by then.
    pub expires_at: i64,
}

/// Where a signing session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MobileSignState {
    /// The QR code waits for a phone.
    Waiting,
    /// A phone read it and has the document.
    Scanned,
    /// The phone's signature is verified: `cms` carries it.
    Signed,
    /// The phone's signature was refused: `error` says why.
    Refused,
    /// No signature came in time.
    Expired,
    /// The page gave up on it.
    Cancelled,
}

impl MobileSignState {
    /// Whether nothing more will happen to it.
    pub fn is_final(self) -> bool {
        !matches!(self, MobileSignState::Waiting | MobileSignState::Scanned)
    }
}

/// `GET /api/v1/mobile-sign/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MobileSignStatus {
    pub state: MobileSignState,
    /// Why the signature was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorCode>,
    /// The verified signature (base64 CMS), once signed: the page sends it on as it would send
    /// one made with a key file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cms: Option<String>,
    pub expires_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_device_links_carry_the_address_encoded() {
        let api1 = "https://qyzmet.kz/api/v1/mgovSign/a-b_c~d?x=1&y=2";
        assert_eq!(
            App::Mobile.same_device_link(api1),
            "https://m.egov.kz/mobileSign/?link=https%3A%2F%2Fqyzmet.kz%2Fapi%2Fv1%2FmgovSign%2Fa-b_c~d%3Fx%3D1%26y%3D2"
        );
        assert!(
            App::Business
                .same_device_link(api1)
                .starts_with("https://m.egov.kz/businessSign/?link=https%3A%2F%2F")
        );
        assert_eq!(percent_encoded("Ә ?"), "%D3%98%20%3F");
    }

    #[test]
    fn the_start_is_one_flat_object_named_by_its_purpose() {
        let start: MobileSignFor =
            serde_json::from_str(r#"{"purpose":"filing","request":"2026-000001"}"#).unwrap();
        assert_eq!(start, MobileSignFor::Filing { request: "2026-000001".to_owned() });
        assert_eq!(start.purpose(), "filing");
        let power = MobileSignFor::PowerOfAttorney {
            representative: "850315400124".to_owned(),
            services: vec![],
            valid_until: "2027-01-01".to_owned(),
        };
        let json = serde_json::to_value(&power).unwrap();
        assert_eq!(json["purpose"], "power_of_attorney");
        assert_eq!(json["representative"], "850315400124");
        assert!(serde_json::from_str::<MobileSignFor>(r#"{"purpose":"other"}"#).is_err());
    }
}
