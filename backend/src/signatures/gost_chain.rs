//! The national CA's GOST algorithms as the chain builder (rustls-webpki) takes them: it checks the
//! signatures on certificates and CRLs through these, matching the algorithm identifiers byte for
//! byte as the national CA writes them.

use std::sync::LazyLock;

use der::Encode;
use der::asn1::Null;
use qyzmet_shared::eds::gost::{Algorithm, key_from_bits};
use qyzmet_shared::eds::gost_key_algorithm;
use rustls_pki_types::{AlgorithmIdentifier, InvalidSignature, SignatureVerificationAlgorithm};

/// GOST 34.10-2015 (512) for certificates and CRLs.
pub static GOST_2015: Gost = Gost(Algorithm::Gost2015);
/// GOST 34.310-2004 for certificates and CRLs.
pub static GOST_2004: Gost = Gost(Algorithm::Gost2004);

#[derive(Debug)]
pub struct Gost(Algorithm);

/// The contents of the two `AlgorithmIdentifier` SEQUENCEs (webpki compares them without the outer
/// tag): the signature's (OID, NULL) and the key's (OID, SEQUENCE { curve, digest }).
struct Identifiers {
    signature: Vec<u8>,
    key: Vec<u8>,
}

static IDENTIFIERS_2015: LazyLock<Identifiers> = LazyLock::new(|| identifiers(Algorithm::Gost2015));
static IDENTIFIERS_2004: LazyLock<Identifiers> = LazyLock::new(|| identifiers(Algorithm::Gost2004));

fn identifiers(algorithm: Algorithm) -> Identifiers {
    let encode = || -> Option<Identifiers> {
        let key = gost_key_algorithm(algorithm).ok()?;
        Some(Identifiers {
            signature: [algorithm.signature_oid().to_der().ok()?, Null.to_der().ok()?].concat(),
            key: [key.oid.to_der().ok()?, key.parameters.to_der().ok()?].concat(),
        })
    };
    // Constant object identifiers always encode.
    encode().expect("the GOST algorithm identifiers encode")
}

impl Gost {
    fn identifiers(&self) -> &'static Identifiers {
        match self.0 {
            Algorithm::Gost2015 => &IDENTIFIERS_2015,
            Algorithm::Gost2004 => &IDENTIFIERS_2004,
        }
    }
}

impl SignatureVerificationAlgorithm for Gost {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), InvalidSignature> {
        let key = key_from_bits(public_key).ok_or(InvalidSignature)?;
        self.0.verify(key, message, signature).map_err(|_| InvalidSignature)
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        AlgorithmIdentifier::from_slice(&self.identifiers().key)
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        AlgorithmIdentifier::from_slice(&self.identifiers().signature)
    }
}
