//! Who a certificate names, read as the national certification authority writes it:
//! `SERIALNUMBER=IIN…`, `OU=BIN…` for a company's employee, `CN`, `O`.

use std::fmt::Write as _;

use der::asn1::{BmpString, OctetString};
use der::oid::ObjectIdentifier;
use der::{Decode, Tag, Tagged};
use qyzmet_shared::signature::{CompanyRole, SignerCertificate};
use x509_cert::Certificate;
use x509_cert::ext::pkix::ExtendedKeyUsage;

const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const SERIAL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.5");
const ORGANISATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
const ORGANISATIONAL_UNIT: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.11");
const SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
const EXTENDED_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
/// `UID`, which names an information system in the national CA's certificates.
const USER_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.1");

/// The subject's attributes of one type, as text.
fn values(certificate: &Certificate, oid: ObjectIdentifier) -> impl Iterator<Item = String> + '_ {
    certificate
        .tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(move |attribute| attribute.oid == oid)
        .filter_map(|attribute| text(&attribute.value))
}

fn text(value: &der::Any) -> Option<String> {
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            String::from_utf8(value.value().to_vec()).ok()
        }
        Tag::BmpString => BmpString::from_ucs2(value.value()).ok().map(|s| s.to_string()),
        _ => None,
    }
}

/// The number after a prefix (`IIN`, `BIN`) in an attribute, as written.
fn prefixed(certificate: &Certificate, oid: ObjectIdentifier, prefix: &str) -> Option<String> {
    values(certificate, oid).find_map(|v| v.strip_prefix(prefix).map(str::to_owned))
}

fn unix(time: x509_cert::time::Time) -> i64 {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

pub fn read(certificate: &Certificate) -> SignerCertificate {
    let tbs = &certificate.tbs_certificate;
    SignerCertificate {
        iin: prefixed(certificate, SERIAL_NUMBER, "IIN"),
        bin: prefixed(certificate, ORGANISATIONAL_UNIT, "BIN"),
        name: values(certificate, COMMON_NAME).next().unwrap_or_default(),
        organisation: values(certificate, ORGANISATION).next(),
        serial_number: tbs.serial_number.as_bytes().iter().fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        }),
        valid_from: unix(tbs.validity.not_before),
        valid_until: unix(tbs.validity.not_after),
        role: CompanyRole::from_usages(
            &extended_key_usages(certificate),
            names_attribute(certificate, USER_ID),
        ),
        algorithm: None,
    }
}

/// Whether the subject has an attribute of this type, whatever its value's encoding.
fn names_attribute(certificate: &Certificate, oid: ObjectIdentifier) -> bool {
    certificate.tbs_certificate.subject.0.iter().flat_map(|rdn| rdn.0.iter()).any(|a| a.oid == oid)
}

/// The extended key usages, dotted.
fn extended_key_usages(certificate: &Certificate) -> Vec<String> {
    certificate
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id == EXTENDED_KEY_USAGE)
        .filter_map(|e| ExtendedKeyUsage::from_der(e.extn_value.as_bytes()).ok())
        .flat_map(|usage| usage.0)
        .map(|oid| oid.to_string())
        .collect()
}

/// The subject key identifier, when the certificate states one.
pub fn key_identifier(certificate: &Certificate) -> Option<Vec<u8>> {
    let extension = certificate
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == SUBJECT_KEY_IDENTIFIER)?;
    OctetString::from_der(extension.extn_value.as_bytes()).ok().map(OctetString::into_bytes)
}
