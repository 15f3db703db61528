//! Signature timestamps (RFC 3161) as the national CA's TSP service adds them to a CMS: a token in
//! the signer's unsigned attributes, itself a CMS signed by a time-stamping authority over a
//! `TSTInfo` whose imprint is the hash of the signature value. A token that holds gives the time
//! the signature existed, vouched for by the authority rather than claimed by the signer.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::asn1::{GeneralizedTime, Int, OctetString};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Reader};
use x509_cert::spki::AlgorithmIdentifierOwned;

/// id-aa-timeStampToken: the unsigned attribute that carries the token.
pub const ID_TIMESTAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// id-ct-TSTInfo: the token's content type.
pub const ID_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

/// What the token says: the hash it vouches for and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TstInfo {
    pub imprint_algorithm: ObjectIdentifier,
    pub imprint: Vec<u8>,
    /// Unix seconds.
    pub time: i64,
}

impl<'a> Decode<'a> for TstInfo {
    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<TstInfo> {
        reader.sequence(|fields| {
            let _version: u8 = fields.decode()?;
            let _policy: ObjectIdentifier = fields.decode()?;
            let (imprint_algorithm, imprint) = fields.sequence(|imprint| {
                let algorithm: AlgorithmIdentifierOwned = imprint.decode()?;
                let hashed: OctetString = imprint.decode()?;
                Ok((algorithm.oid, hashed.into_bytes()))
            })?;
            let _serial: Int = fields.decode()?;
            let time: GeneralizedTime = fields.decode()?;
            // Accuracy, ordering, nonce, the authority's name, extensions: not needed here.
            while !fields.is_finished() {
                let _: Any = fields.decode()?;
            }
            let time = i64::try_from(time.to_unix_duration().as_secs())
                .map_err(|_| der::Tag::GeneralizedTime.value_error())?;
            Ok(TstInfo { imprint_algorithm, imprint, time })
        })
    }
}

/// The token a signer carries, if any: its CMS (DER).
pub fn token(signer: &SignerInfo) -> Option<Vec<u8>> {
    let attribute = signer.unsigned_attrs.as_ref()?.iter().find(|a| a.oid == ID_TIMESTAMP_TOKEN)?;
    der::Encode::to_der(attribute.values.get(0)?).ok()
}

/// The token's signed data, if it is a CMS of a `TSTInfo`.
pub fn signed_data(token: &[u8]) -> Option<SignedData> {
    let signed = ContentInfo::from_der(token).ok()?.content.decode_as::<SignedData>().ok()?;
    (signed.encap_content_info.econtent_type == ID_TST_INFO).then_some(signed)
}
