//! Signature timestamps (RFC 3161) as the national CA's TSP service adds them to a CMS: a token in
//! the signer's unsigned attributes, itself a CMS signed by a time-stamping authority over a
//! `TSTInfo` whose imprint is the hash of the signature value. A token that holds gives the time
//! the signature existed, vouched for by the authority rather than claimed by the signer.
//!
//! The portal asks for tokens too (`client`): the request over a signature, the authority's
//! reply, and the token put into the signer's unsigned attributes.

pub mod client;

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo, SignerInfos};
use der::asn1::{GeneralizedTime, Int, OctetString, SetOfVec, Uint};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode, Reader, Sequence, Tagged};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
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
    /// The requester's nonce, echoed (big-endian, without leading zeros).
    pub nonce: Option<Vec<u8>>,
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
            // Accuracy, ordering, the authority's name, extensions: not needed here. The nonce is
            // the only INTEGER after the time.
            let mut nonce = None;
            while !fields.is_finished() {
                let field: Any = fields.decode()?;
                if field.tag() == der::Tag::Integer {
                    nonce = Some(field.decode_as::<Uint>()?.as_bytes().to_vec());
                }
            }
            let time = i64::try_from(time.to_unix_duration().as_secs())
                .map_err(|_| der::Tag::GeneralizedTime.value_error())?;
            Ok(TstInfo { imprint_algorithm, imprint, time, nonce })
        })
    }
}

/// The token a signer carries, if any: its CMS (DER).
pub fn token(signer: &SignerInfo) -> Option<Vec<u8>> {
    let attribute = signer.unsigned_attrs.as_ref()?.iter().find(|a| a.oid == ID_TIMESTAMP_TOKEN)?;
    attribute.values.get(0)?.to_der().ok()
}

/// The token's signed data, if it is a CMS of a `TSTInfo`.
pub fn signed_data(token: &[u8]) -> Option<SignedData> {
    let signed = ContentInfo::from_der(token).ok()?.content.decode_as::<SignedData>().ok()?;
    (signed.encap_content_info.econtent_type == ID_TST_INFO).then_some(signed)
}

/// `MessageImprint` (RFC 3161 §2.4.1): the hash of what is stamped.
#[derive(Debug, Clone, Sequence)]
struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// `TimeStampReq` (RFC 3161 §2.4.1), version 1, asking for the authority's certificate in the
/// token so that it verifies on its own.
#[derive(Debug, Clone, Sequence)]
struct TimeStampReq {
    version: u8,
    message_imprint: MessageImprint,
    nonce: Uint,
    cert_req: bool,
}

/// `PKIStatusInfo`: granted (0) or granted with mods (1) carry a token.
#[derive(Debug, Clone, Sequence)]
struct PkiStatusInfo {
    status: u8,
    #[asn1(optional = "true")]
    status_string: Option<Vec<String>>,
    #[asn1(optional = "true")]
    fail_info: Option<der::asn1::BitString>,
}

/// `TimeStampResp` (RFC 3161 §2.4.2).
#[derive(Debug, Clone, Sequence)]
struct TimeStampResp {
    status: PkiStatusInfo,
    #[asn1(optional = "true")]
    time_stamp_token: Option<Any>,
}

const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// A time-stamp request (DER) for `signature` (its SHA-256), with `nonce`.
pub fn request(signature: &[u8], nonce: &[u8]) -> Option<Vec<u8>> {
    TimeStampReq {
        version: 1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: ID_SHA256,
                parameters: Some(der::asn1::Null.into()),
            },
            hashed_message: OctetString::new(Sha256::digest(signature).to_vec()).ok()?,
        },
        nonce: Uint::new(nonce).ok()?,
        cert_req: true,
    }
    .to_der()
    .ok()
}

/// The token of an authority's reply (DER), when it granted one.
pub fn token_of_reply(reply: &[u8]) -> Option<Vec<u8>> {
    let reply = TimeStampResp::from_der(reply).ok()?;
    if reply.status.status > 1 {
        return None;
    }
    reply.time_stamp_token?.to_der().ok()
}

/// `cms` with `token` as the timestamp of the signer whose certificate is `certificate` (DER):
/// the unsigned attributes change, what was signed does not.
pub fn stamped(cms: &[u8], certificate: &[u8], token: &[u8]) -> Option<Vec<u8>> {
    let info = ContentInfo::from_der(cms).ok()?;
    let mut signed = info.content.decode_as::<SignedData>().ok()?;
    let mut signers: Vec<SignerInfo> = signed.signer_infos.0.clone().into_vec();
    let stamped_signer = signers.iter_mut().find(|candidate| {
        super::signer_certificate(&signed, &candidate.sid)
            .and_then(|c| c.to_der().ok())
            .is_some_and(|der| der == certificate)
    })?;
    let mut attributes: Vec<Attribute> =
        stamped_signer.unsigned_attrs.take().map(SetOfVec::into_vec).unwrap_or_default();
    attributes.retain(|attribute| attribute.oid != ID_TIMESTAMP_TOKEN);
    attributes.push(Attribute {
        oid: ID_TIMESTAMP_TOKEN,
        values: SetOfVec::try_from(vec![Any::from_der(token).ok()?]).ok()?,
    });
    stamped_signer.unsigned_attrs = Some(SetOfVec::try_from(attributes).ok()?);
    signed.signer_infos = SignerInfos(SetOfVec::try_from(signers).ok()?);
    ContentInfo { content_type: info.content_type, content: Any::encode_from(&signed).ok()? }
        .to_der()
        .ok()
}

/// The signature value of the signer whose certificate is `certificate` (DER): what a timestamp
/// is asked over.
pub fn signature_of(cms: &[u8], certificate: &[u8]) -> Option<Vec<u8>> {
    let signed = ContentInfo::from_der(cms).ok()?.content.decode_as::<SignedData>().ok()?;
    signed.signer_infos.0.iter().find_map(|signer| {
        let der = super::signer_certificate(&signed, &signer.sid)?.to_der().ok()?;
        (der == certificate).then(|| signer.signature.as_bytes().to_vec())
    })
}
