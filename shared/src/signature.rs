//! What the API says about a digital signature: `POST /api/v1/signatures/verify` for
//! integrators, and the same verdicts when a signed request is submitted.

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::lang::Text;

/// Where NCALayer, the national CA's signing app, listens on every computer it runs on: the
/// browser client connects here, and the portal's Content-Security-Policy allows it.
pub const NCALAYER: &str = "wss://127.0.0.1:13579";

/// `POST /api/v1/signatures/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyRequest {
    /// The CMS (PKCS #7) SignedData, base64 of its DER.
    pub cms: String,
    /// The signed bytes, base64, when the CMS does not carry them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

/// The signer's certificate as the verifier read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignerCertificate {
    /// From `SERIALNUMBER=IIN…`, as written in the certificate.
    pub iin: Option<String>,
    /// From `OU=BIN…`: the company an employee signs for.
    pub bin: Option<String>,
    /// The subject's common name.
    pub name: String,
    pub organisation: Option<String>,
    /// The certificate's serial number, in hexadecimal.
    pub serial_number: String,
    /// Unix seconds.
    pub valid_from: i64,
    pub valid_until: i64,
    /// For a company's certificate, what its holder is to the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<CompanyRole>,
    /// The signature's algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<SignatureAlgorithm>,
}

/// What a company's certificate says its holder is to the company: the national CA writes it as
/// an extended key usage under 1.2.398.3.3.4.1.2 (a legal entity's certificate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompanyRole {
    /// The first head (1.2.398.3.3.4.1.2.1).
    FirstHead,
    /// A person with the right to sign (…2.2).
    SigningRight,
    /// A person with the right to sign financial documents (…2.3).
    FinancialSigningRight,
    /// The human-resources officer (…2.4).
    HumanResources,
    /// An ordinary employee (…2.5, or the legal entity's usage with no refinement).
    Employee,
    /// An information system: the legal entity's usage alone and a `UID` in the subject.
    InformationSystem,
}

impl CompanyRole {
    /// The extended key usage of every legal entity's certificate.
    pub const LEGAL_ENTITY: &'static str = "1.2.398.3.3.4.1.2";

    /// The refinement each role is written as (none for the information system).
    pub const fn extended_key_usage(self) -> Option<&'static str> {
        match self {
            CompanyRole::FirstHead => Some("1.2.398.3.3.4.1.2.1"),
            CompanyRole::SigningRight => Some("1.2.398.3.3.4.1.2.2"),
            CompanyRole::FinancialSigningRight => Some("1.2.398.3.3.4.1.2.3"),
            CompanyRole::HumanResources => Some("1.2.398.3.3.4.1.2.4"),
            CompanyRole::Employee => Some("1.2.398.3.3.4.1.2.5"),
            CompanyRole::InformationSystem => None,
        }
    }

    /// The role a certificate's extended key usages (dotted) give, with whether its subject names
    /// a `UID`; `None` for a certificate that is not a legal entity's.
    pub fn from_usages(usages: &[String], has_uid: bool) -> Option<CompanyRole> {
        if !usages.iter().any(|usage| usage == CompanyRole::LEGAL_ENTITY) {
            return None;
        }
        let refined = [
            CompanyRole::FirstHead,
            CompanyRole::SigningRight,
            CompanyRole::FinancialSigningRight,
            CompanyRole::HumanResources,
            CompanyRole::Employee,
        ]
        .into_iter()
        .find(|role| usages.iter().any(|usage| Some(usage.as_str()) == role.extended_key_usage()));
        Some(refined.unwrap_or(if has_uid {
            CompanyRole::InformationSystem
        } else {
            CompanyRole::Employee
        }))
    }

    /// Whether the holder acts for the company: files for it, grants a power of attorney in its
    /// name, signs in as it. The first head and those with the right to sign do; the others sign
    /// as themselves.
    pub fn acts_for_company(self) -> bool {
        matches!(self, CompanyRole::FirstHead | CompanyRole::SigningRight)
    }
}

/// The families of signature the portal verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignatureAlgorithm {
    /// RSA with SHA-256.
    RsaSha256,
    /// ECDSA on P-256 with SHA-256.
    EcdsaP256Sha256,
    /// GOST 34.10-2015, 512-bit key, Streebog-512.
    Gost2015,
    /// GOST 34.310-2004 with GOST 34.311-95.
    Gost2004,
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verdict {
    pub valid: bool,
    /// Why not, when it is not valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ErrorCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
    /// Whenever the signer's certificate could be read, valid or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<SignerCertificate>,
    /// When the signer says they signed (Unix seconds), from the signed attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<i64>,
}

/// What a key is for, as the national CA issues them in pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Signs documents (key usage non-repudiation, e-mail protection).
    Signing,
    /// Signs in (client authentication).
    Authentication,
}

impl Purpose {
    pub const ALL: [Purpose; 2] = [Purpose::Signing, Purpose::Authentication];

    /// The short name in key file names: `sign`, `auth`.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Signing => "sign",
            Purpose::Authentication => "auth",
        }
    }

    /// The extended key usage a certificate must allow for this purpose, dotted: id-kp-
    /// emailProtection on the national CA's signing keys, id-kp-clientAuth on its sign-in keys.
    pub const fn extended_key_usage(self) -> &'static str {
        match self {
            Purpose::Signing => "1.3.6.1.5.5.7.3.4",
            Purpose::Authentication => "1.3.6.1.5.5.7.3.2",
        }
    }
}

/// Whether a test key's certificate holds, so that anyone can try the refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Valid,
    /// Listed in the CRL.
    Revoked,
    /// Its validity ended a year ago.
    Expired,
}

impl Standing {
    pub const ALL: [Standing; 3] = [Standing::Valid, Standing::Revoked, Standing::Expired];

    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Valid => "valid",
            Standing::Revoked => "revoked",
            Standing::Expired => "expired",
        }
    }
}

/// `GET /api/v1/demo/key-files`: a key file of the built-in test CA, to try signing with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DemoKeyFile {
    /// The file to ask for: `GET /api/v1/demo/key-files/{name}`.
    pub name: String,
    pub iin: String,
    pub holder: String,
    pub purpose: Purpose,
    pub standing: Standing,
    /// The key's algorithm: ECDSA P-256, or GOST 34.10-2015 as the national CA issues today.
    pub algorithm: SignatureAlgorithm,
}

/// `POST /api/v1/session/challenge`: what to sign to sign in with a signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Challenge {
    /// Sent back with the signature.
    pub id: String,
    /// Random; signed as `sign_in_bytes(nonce)`.
    pub nonce: String,
    /// Unix seconds; one use before then.
    pub expires_at: i64,
}

/// `POST /api/v1/session/signature`: the challenge signed with a sign-in key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignatureSignIn {
    pub challenge: String,
    /// CMS SignedData (base64 DER) over `sign_in_bytes(nonce)`.
    pub cms: String,
}

/// The bytes a person signs to sign in: the challenge's nonce, marked so that a signature made
/// for signing in can never pass for anything else.
pub fn sign_in_bytes(nonce: &str) -> Vec<u8> {
    format!("qyzmet-sign-in:{nonce}").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::CompanyRole;

    fn role(usages: &[&str], has_uid: bool) -> Option<CompanyRole> {
        let usages: Vec<String> = usages.iter().map(|u| (*u).to_owned()).collect();
        CompanyRole::from_usages(&usages, has_uid)
    }

    /// The usages as the national CA's test certificates of 2025 carry them (openssl's reading).
    #[test]
    fn a_company_certificate_names_its_holders_role() {
        let mail = "1.3.6.1.5.5.7.3.4";
        let entity = "1.2.398.3.3.4.1.2";
        assert_eq!(
            role(&[mail, entity, "1.2.398.3.3.4.1.2.1"], false),
            Some(CompanyRole::FirstHead)
        );
        assert_eq!(
            role(&[mail, entity, "1.2.398.3.3.4.1.2.2"], false),
            Some(CompanyRole::SigningRight)
        );
        assert_eq!(
            role(&[mail, entity, "1.2.398.3.3.4.1.2.5"], false),
            Some(CompanyRole::Employee)
        );
        assert_eq!(role(&[entity], true), Some(CompanyRole::InformationSystem));
        // The treasury's client: the legal entity's usage and the treasury's own.
        assert_eq!(
            role(&[mail, entity, "1.2.398.5.19.1.2.2.1"], false),
            Some(CompanyRole::Employee)
        );
        assert_eq!(role(&[mail, "1.2.398.3.3.4.1.1"], false), None, "a person's own key");
    }

    #[test]
    fn only_the_head_and_those_with_the_right_to_sign_act_for_the_company() {
        let acting: Vec<CompanyRole> = [
            CompanyRole::FirstHead,
            CompanyRole::SigningRight,
            CompanyRole::FinancialSigningRight,
            CompanyRole::HumanResources,
            CompanyRole::Employee,
            CompanyRole::InformationSystem,
        ]
        .into_iter()
        .filter(|role| role.acts_for_company())
        .collect();
        assert_eq!(acting, [CompanyRole::FirstHead, CompanyRole::SigningRight]);
    }
}
