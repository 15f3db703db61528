//! The national CA's GOST signatures: GOST 34.10-2015 with 512-bit keys (what НУЦ РК issues today)
//! and the older GOST 34.310-2004, as its certificates, CRLs and CMS files carry them.
//!
//! Kazakhstan's standards are Russia's GOST R 34.10-2012 and GOST R 34.10-2001 under national
//! object identifiers. What the national CA's software (Kalkan) writes, checked against its files:
//! - GOST 34.10-2015 (512): the curve id-tc26-gost-3410-12-512-paramSetA (RFC 7836), the hash
//!   Streebog-512;
//! - GOST 34.310-2004: the curve CryptoPro-A (RFC 4357), the hash GOST R 34.11-94 with the test
//!   S-box and a zero IV;
//! - a public key is X ‖ Y, each little-endian, inside an OCTET STRING inside the BIT STRING;
//! - a signature is r ‖ s, each little-endian (all 128 bytes reversed against RFC 9215's s ‖ r);
//! - the digest is read as a little-endian integer;
//! - a private key is a PKCS #8 whose key OCTET STRING wraps another holding the little-endian
//!   scalar.
//!
//! This module knows nothing of certificates or CMS: it takes the key, the bytes and the signature.
//! It depends on crypto-bigint and the two hashes only, so it may become a crate of its own.

mod curve;
#[cfg(test)]
mod tests;

use crypto_bigint::{U256, U512, Uint};
use der::oid::ObjectIdentifier;
use streebog::Digest;

pub use curve::{Curve, Signature};

/// GOST 34.10-2015, 512 bits: the signature algorithm.
pub const GOST_2015_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.3.2");
/// Its public key algorithm (parameters: the curve and the digest).
pub const GOST_2015_512_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.2");
pub const GOST_2015_512_CURVE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.2.1");
/// Streebog-512 (GOST 34.11-2015).
pub const STREEBOG_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.10.1.3.3");
/// GOST 34.310-2004: the signature algorithm.
pub const GOST_2004: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.1.2");
pub const GOST_2004_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.1.1");
pub const GOST_2004_CURVE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.1.1.1");
/// GOST 34.311-95 (GOST R 34.11-94 with the test S-box).
pub const GOST_34_311: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.10.1.3.1");
/// The digest parameter set the 2004 keys name.
pub const GOST_34_311_PARAMETERS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.3.1.1.0");

type Curve512 = Curve<{ U512::LIMBS }>;
type Curve256 = Curve<{ U256::LIMBS }>;

/// id-tc26-gost-3410-12-512-paramSetA (RFC 7836 § A.2): p = 2^512 − 569, a = −3.
pub const PARAM_SET_512_A: Curve512 = Curve::new(
    U512::from_be_hex(concat!(
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7"
    )),
    U512::from_be_hex(concat!(
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc4"
    )),
    U512::from_be_hex(concat!(
        "e8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265",
        "ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760"
    )),
    U512::from_be_hex(concat!(
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275"
    )),
    U512::from_u8(3),
    U512::from_be_hex(concat!(
        "7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921",
        "df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4"
    )),
);

/// id-GostR3410-2001-CryptoPro-A-ParamSet (RFC 4357 § 11.4): p = 2^256 − 617, a = −3.
pub const CRYPTOPRO_A: Curve256 = Curve::new(
    U256::from_be_hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97"),
    U256::from_be_hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd94"),
    U256::from_u8(0xa6),
    U256::from_be_hex("ffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893"),
    U256::from_u8(1),
    U256::from_be_hex("8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14"),
);

/// The two GOST algorithms of the national CA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// GOST 34.10-2015 with a 512-bit key and Streebog-512.
    Gost2015,
    /// GOST 34.310-2004 with GOST 34.311-95.
    Gost2004,
}

/// Why a GOST signature does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// The key is not X ‖ Y of this algorithm's size, or not a point of its curve.
    Key,
    /// The signature is not r ‖ s of this size, or does not verify.
    Signature,
}

impl Algorithm {
    pub const ALL: [Algorithm; 2] = [Algorithm::Gost2015, Algorithm::Gost2004];

    /// The algorithm a signature algorithm identifier names. Some writers put the key's
    /// identifier where the signature's belongs (as CMS allows for RSA); both are taken.
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .find(|algorithm| *oid == algorithm.signature_oid() || *oid == algorithm.key_oid())
    }

    pub fn signature_oid(self) -> ObjectIdentifier {
        match self {
            Algorithm::Gost2015 => GOST_2015_512,
            Algorithm::Gost2004 => GOST_2004,
        }
    }

    pub fn key_oid(self) -> ObjectIdentifier {
        match self {
            Algorithm::Gost2015 => GOST_2015_512_KEY,
            Algorithm::Gost2004 => GOST_2004_KEY,
        }
    }

    /// The parameters of the key's algorithm identifier, as the national CA writes them:
    /// SEQUENCE { curve, digest }.
    pub fn key_parameters(self) -> [ObjectIdentifier; 2] {
        match self {
            Algorithm::Gost2015 => [GOST_2015_512_CURVE, STREEBOG_512],
            Algorithm::Gost2004 => [GOST_2004_CURVE, GOST_34_311_PARAMETERS],
        }
    }

    pub fn digest_oid(self) -> ObjectIdentifier {
        match self {
            Algorithm::Gost2015 => STREEBOG_512,
            Algorithm::Gost2004 => GOST_34_311,
        }
    }

    /// Bytes of one coordinate or one half of a signature.
    pub fn size(self) -> usize {
        match self {
            Algorithm::Gost2015 => Curve512::BYTES,
            Algorithm::Gost2004 => Curve256::BYTES,
        }
    }

    /// The algorithm's digest of `message`, as the hash writes it.
    pub fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            Algorithm::Gost2015 => streebog::Streebog512::digest(message).to_vec(),
            Algorithm::Gost2004 => gost94::Gost94Test::digest(message).to_vec(),
        }
    }

    /// Checks `signature` (r ‖ s, little-endian) over `message` by `public_key` (X ‖ Y,
    /// little-endian: the content of the certificate's OCTET STRING, see [`key_from_bits`]).
    pub fn verify(
        self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), Invalid> {
        self.verify_digest(public_key, &self.digest(message), signature)
    }

    /// The same over a digest already made (a CMS's signed attributes hashed elsewhere).
    pub fn verify_digest(
        self,
        public_key: &[u8],
        digest: &[u8],
        signature: &[u8],
    ) -> Result<(), Invalid> {
        match self {
            Algorithm::Gost2015 => check(&PARAM_SET_512_A, public_key, digest, signature),
            Algorithm::Gost2004 => check(&CRYPTOPRO_A, public_key, digest, signature),
        }
    }

    /// Signs `message` with the private scalar `key` (little-endian) and the one-time secret
    /// `nonce` (little-endian, uniformly random in 1..q: the caller's random source). Returns
    /// r ‖ s little-endian, or `None` when the key or nonce is out of range (draw another nonce).
    pub fn sign(self, key: &[u8], message: &[u8], nonce: &[u8]) -> Option<Vec<u8>> {
        let digest = self.digest(message);
        match self {
            Algorithm::Gost2015 => make(&PARAM_SET_512_A, key, &digest, nonce),
            Algorithm::Gost2004 => make(&CRYPTOPRO_A, key, &digest, nonce),
        }
    }

    /// The public key (X ‖ Y, little-endian) of the private scalar `key` (little-endian).
    pub fn public_key(self, key: &[u8]) -> Option<Vec<u8>> {
        match self {
            Algorithm::Gost2015 => public(&PARAM_SET_512_A, key),
            Algorithm::Gost2004 => public(&CRYPTOPRO_A, key),
        }
    }
}

/// X ‖ Y from the subject public key BIT STRING's bytes: an OCTET STRING around them.
pub fn key_from_bits(bits: &[u8]) -> Option<&[u8]> {
    use der::Decode;
    der::asn1::OctetStringRef::from_der(bits).ok().map(|octets| octets.as_bytes())
}

#[allow(clippy::many_single_char_names, reason = "the standard's names: x, y, r, s, e")]
fn check<const L: usize>(
    curve: &Curve<L>,
    public_key: &[u8],
    digest: &[u8],
    signature: &[u8],
) -> Result<(), Invalid> {
    let (x, y) = halves::<L>(public_key).ok_or(Invalid::Key)?;
    if !curve.contains(&x, &y) {
        return Err(Invalid::Key);
    }
    let (r, s) = halves::<L>(signature).ok_or(Invalid::Signature)?;
    let e = integer::<L>(digest).ok_or(Invalid::Signature)?;
    curve.verify((&x, &y), &e, &Signature { r, s }).then_some(()).ok_or(Invalid::Signature)
}

fn make<const L: usize>(
    curve: &Curve<L>,
    key: &[u8],
    digest: &[u8],
    nonce: &[u8],
) -> Option<Vec<u8>> {
    let signature = curve.sign(&integer(key)?, &integer(digest)?, &integer(nonce)?)?;
    Some([bytes(&signature.r), bytes(&signature.s)].concat())
}

fn public<const L: usize>(curve: &Curve<L>, key: &[u8]) -> Option<Vec<u8>> {
    let (x, y) = curve.public_key(&integer(key)?)?;
    Some([bytes(&x), bytes(&y)].concat())
}

/// Two little-endian integers side by side, each of the curve's size.
fn halves<const L: usize>(both: &[u8]) -> Option<(Uint<L>, Uint<L>)> {
    let size = Curve::<L>::BYTES;
    if both.len() != 2 * size {
        return None;
    }
    let (first, second) = both.split_at(size);
    Some((integer(first)?, integer(second)?))
}

/// A little-endian integer of exactly the curve's size.
fn integer<const L: usize>(le: &[u8]) -> Option<Uint<L>> {
    (le.len() == Curve::<L>::BYTES).then(|| Uint::from_le_slice(le))
}

fn bytes<const L: usize>(n: &Uint<L>) -> Vec<u8> {
    n.as_words().iter().flat_map(|word| word.to_le_bytes()).collect()
}
