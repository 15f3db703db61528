//! Electronic digital signatures made in memory: a CMS (PKCS #7) SignedData over the exact bytes,
//! signed with an ECDSA P-256 or RSA key and SHA-256, or with the national CA's GOST keys and their
//! own hashes, with the signer's certificate inside. The
//! browser signs with the key it opened from a key file; the key never leaves it. The server
//! verifies such signatures (and NCALayer's) with its own verifier.

pub mod gost;
pub mod keyfile;

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier,
    SignerInfo, SignerInfos,
};
use der::asn1::{OctetString, SetOfVec, UtcTime};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::spki::AlgorithmIdentifierOwned;

pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const ID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
pub const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
pub const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// Why a signature could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdsError {
    /// The certificate is not a DER X.509 certificate.
    Certificate,
    /// The key is neither an ECDSA P-256 nor an RSA PKCS #8 key, or does not sign.
    Key,
    /// A structure could not be encoded.
    Encoding,
}

impl From<der::Error> for EdsError {
    fn from(_: der::Error) -> EdsError {
        EdsError::Encoding
    }
}

/// A private key: ECDSA P-256 and RSA sign with SHA-256, GOST keys with their algorithm's hash.
#[derive(Clone)]
pub enum SigningKey {
    EcdsaP256(p256::ecdsa::SigningKey),
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    Gost(GostKey),
}

/// A GOST private key: the algorithm and the scalar, little-endian as the national CA keeps it.
#[derive(Clone)]
pub struct GostKey {
    algorithm: gost::Algorithm,
    scalar: Vec<u8>,
}

impl GostKey {
    /// From a PKCS #8 `PrivateKeyInfo` naming a GOST key algorithm: its private key OCTET STRING
    /// wraps another holding the scalar (as Kalkan writes it), or holds the scalar itself.
    fn from_pkcs8_der(der: &[u8]) -> Option<GostKey> {
        let info = p256::pkcs8::PrivateKeyInfo::from_der(der).ok()?;
        let algorithm = gost::Algorithm::ALL
            .into_iter()
            .find(|algorithm| algorithm.key_oid() == info.algorithm.oid)?;
        let scalar = match der::asn1::OctetStringRef::from_der(info.private_key) {
            Ok(inner) => inner.as_bytes(),
            Err(_) => info.private_key,
        };
        let key = GostKey { algorithm, scalar: scalar.to_vec() };
        algorithm.public_key(&key.scalar).map(|_| key)
    }

    /// A key from its scalar (little-endian), if the scalar is a private key of the algorithm.
    pub fn new(algorithm: gost::Algorithm, scalar: &[u8]) -> Option<GostKey> {
        algorithm.public_key(scalar).map(|_| GostKey { algorithm, scalar: scalar.to_vec() })
    }

    /// The key as a PKCS #8 `PrivateKeyInfo` (DER), as the national CA's key files hold it.
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>, EdsError> {
        let inner = OctetString::new(OctetString::new(self.scalar.clone())?.to_der()?)?;
        let body =
            [0u8.to_der()?, self.algorithm_identifier()?.to_der()?, inner.to_der()?].concat();
        Ok(Any::new(der::Tag::Sequence, body)?.to_der()?)
    }

    fn algorithm_identifier(&self) -> Result<AlgorithmIdentifierOwned, EdsError> {
        gost_key_algorithm(self.algorithm)
    }

    /// Signs with a nonce derived from the key and the message (HMAC-SHA-512, as RFC 6979 derives
    /// ECDSA's): never reused for another message, and no random source needed in the browser.
    fn sign(&self, message: &[u8]) -> Option<Vec<u8>> {
        use hmac::Mac as _;
        let digest = self.algorithm.digest(message);
        (0..=u8::MAX).find_map(|attempt| {
            let mut mac = hmac::Hmac::<sha2::Sha512>::new_from_slice(&self.scalar).ok()?;
            mac.update(&digest);
            mac.update(&[attempt]);
            let nonce = mac.finalize().into_bytes();
            self.algorithm.sign(&self.scalar, message, nonce.get(..self.algorithm.size())?)
        })
    }

    /// The `SubjectPublicKeyInfo` as the national CA's certificates carry it.
    fn public_key_der(&self) -> Result<Vec<u8>, EdsError> {
        let point = self.algorithm.public_key(&self.scalar).ok_or(EdsError::Key)?;
        let [curve, digest] = self.algorithm.key_parameters();
        let parameters =
            Any::new(der::Tag::Sequence, [curve.to_der()?, digest.to_der()?].concat())?;
        let info = x509_cert::spki::SubjectPublicKeyInfoOwned {
            algorithm: AlgorithmIdentifierOwned {
                oid: self.algorithm.key_oid(),
                parameters: Some(parameters),
            },
            subject_public_key: der::asn1::BitString::from_bytes(
                &OctetString::new(point)?.to_der()?,
            )?,
        };
        Ok(info.to_der()?)
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key itself.
        f.write_str(match self {
            SigningKey::EcdsaP256(_) => "SigningKey::EcdsaP256",
            SigningKey::Rsa(_) => "SigningKey::Rsa",
            SigningKey::Gost(key) => match key.algorithm {
                gost::Algorithm::Gost2015 => "SigningKey::Gost2015",
                gost::Algorithm::Gost2004 => "SigningKey::Gost2004",
            },
        })
    }
}

impl SigningKey {
    /// A key from its PKCS #8 `PrivateKeyInfo` (DER).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<SigningKey, EdsError> {
        use p256::pkcs8::DecodePrivateKey;
        if let Ok(key) = p256::ecdsa::SigningKey::from_pkcs8_der(der) {
            return Ok(SigningKey::EcdsaP256(key));
        }
        if let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(der) {
            return Ok(SigningKey::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(key))));
        }
        GostKey::from_pkcs8_der(der).map(SigningKey::Gost).ok_or(EdsError::Key)
    }

    /// The public key as a `SubjectPublicKeyInfo` (DER), to find the key's certificate.
    pub fn public_key_der(&self) -> Result<Vec<u8>, EdsError> {
        use p256::pkcs8::EncodePublicKey;
        let document = match self {
            SigningKey::EcdsaP256(key) => key.verifying_key().to_public_key_der(),
            SigningKey::Rsa(key) => {
                rsa::RsaPublicKey::from(key.as_ref().as_ref()).to_public_key_der()
            }
            SigningKey::Gost(key) => return key.public_key_der(),
        };
        document.map(|d| d.as_bytes().to_vec()).map_err(|_| EdsError::Key)
    }

    /// The identifier of the signatures this key makes.
    pub fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        match self {
            SigningKey::EcdsaP256(_) => algorithm(ECDSA_WITH_SHA256, false),
            SigningKey::Rsa(_) => algorithm(SHA256_WITH_RSA, true),
            // The national CA writes the GOST signature algorithm with NULL parameters.
            SigningKey::Gost(key) => algorithm(key.algorithm.signature_oid(), true),
        }
    }

    /// Signs `message` as the key's algorithm does: the signature algorithm's identifier and the
    /// signature value (a CMS's, a certificate's or a CRL's).
    pub fn signature(
        &self,
        message: &[u8],
    ) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), EdsError> {
        use p256::ecdsa::signature::Signer;
        let signature = match self {
            SigningKey::EcdsaP256(key) => {
                let signature: p256::ecdsa::DerSignature =
                    key.try_sign(message).map_err(|_| EdsError::Key)?;
                signature.as_bytes().to_vec()
            }
            SigningKey::Rsa(key) => {
                use rsa::signature::SignatureEncoding;
                key.try_sign(message).map_err(|_| EdsError::Key)?.to_vec()
            }
            SigningKey::Gost(key) => key.sign(message).ok_or(EdsError::Key)?,
        };
        Ok((self.signature_algorithm(), signature))
    }

    /// The digest algorithm the CMS names and the digest it makes of the content.
    fn digest(&self, data: &[u8]) -> (AlgorithmIdentifierOwned, Vec<u8>) {
        match self {
            SigningKey::Gost(key) => {
                (algorithm(key.algorithm.digest_oid(), true), key.algorithm.digest(data))
            }
            SigningKey::EcdsaP256(_) | SigningKey::Rsa(_) => {
                (algorithm(ID_SHA256, false), Sha256::digest(data).to_vec())
            }
        }
    }
}

/// A GOST key's algorithm identifier as the national CA writes it: the key OID with
/// SEQUENCE { curve, digest }.
pub fn gost_key_algorithm(
    algorithm: gost::Algorithm,
) -> Result<AlgorithmIdentifierOwned, EdsError> {
    let [curve, digest] = algorithm.key_parameters();
    let parameters = Any::new(der::Tag::Sequence, [curve.to_der()?, digest.to_der()?].concat())?;
    Ok(AlgorithmIdentifierOwned { oid: algorithm.key_oid(), parameters: Some(parameters) })
}

/// The `SubjectPublicKeyInfo` (DER) of a certificate (DER).
pub fn certificate_key(certificate: &[u8]) -> Option<Vec<u8>> {
    Certificate::from_der(certificate).ok()?.tbs_certificate.subject_public_key_info.to_der().ok()
}

fn algorithm(oid: ObjectIdentifier, null_parameters: bool) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid, parameters: null_parameters.then(|| der::asn1::Null.into()) }
}

fn attribute(oid: ObjectIdentifier, value: AttributeValue) -> Result<Attribute, EdsError> {
    let mut values = SetOfVec::new();
    values.insert(value)?;
    Ok(Attribute { oid, values })
}

/// Whether the signature carries the data or leaves it beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// The data travels inside the CMS (what NCALayer makes with `encapsulate`).
    Attached,
    /// Only the signature: the verifier is given the data separately.
    Detached,
}

/// Signs `data` as CMS SignedData by the holder of `certificate` (DER), at `signed_at` (Unix
/// seconds, the signer's clock: a browser has no trustworthy other). Returns the DER.
pub fn sign(
    data: &[u8],
    certificate: &[u8],
    key: &SigningKey,
    signed_at: i64,
    content: Content,
) -> Result<Vec<u8>, EdsError> {
    sign_typed(ID_DATA, data, certificate, key, signed_at, content)
}

/// The same for content of another type (a timestamp's `TSTInfo`, say), named in the CMS.
pub fn sign_typed(
    content_type: ObjectIdentifier,
    data: &[u8],
    certificate: &[u8],
    key: &SigningKey,
    signed_at: i64,
    content: Content,
) -> Result<Vec<u8>, EdsError> {
    let certificate = Certificate::from_der(certificate).map_err(|_| EdsError::Certificate)?;
    let (digest_algorithm, digest) = key.digest(data);
    let seconds = u64::try_from(signed_at).map_err(|_| EdsError::Encoding)?;
    let time = UtcTime::from_unix_duration(std::time::Duration::from_secs(seconds))?;
    let mut signed_attributes: SignedAttributes = SetOfVec::new();
    signed_attributes.insert(attribute(ID_CONTENT_TYPE, Any::encode_from(&content_type)?)?)?;
    signed_attributes
        .insert(attribute(ID_MESSAGE_DIGEST, Any::encode_from(&OctetString::new(digest)?)?)?)?;
    signed_attributes.insert(attribute(ID_SIGNING_TIME, Any::encode_from(&time)?)?)?;
    // RFC 5652 § 5.4: the signature covers the DER of the attributes as a SET OF.
    let (signature_algorithm, signature) = key.signature(&signed_attributes.to_der()?)?;
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: certificate.tbs_certificate.issuer.clone(),
            serial_number: certificate.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: digest_algorithm.clone(),
        signed_attrs: Some(signed_attributes),
        signature_algorithm,
        signature: OctetString::new(signature)?,
        unsigned_attrs: None,
    };
    let econtent = match content {
        Content::Attached => Some(Any::encode_from(&OctetString::new(data)?)?),
        Content::Detached => None,
    };
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(digest_algorithm)?;
    let mut certificates = SetOfVec::new();
    certificates.insert(CertificateChoices::Certificate(certificate))?;
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer)?;
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo { econtent_type: content_type, econtent },
        certificates: Some(CertificateSet(certificates)),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    let info =
        ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&signed_data)? };
    Ok(info.to_der()?)
}
