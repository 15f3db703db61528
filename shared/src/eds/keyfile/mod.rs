//! Key files (PKCS #12, `.p12`), opened in memory with their password: the key never leaves the
//! process that opened it (the browser, for a citizen). Reads what the national CA issues — BER
//! with indefinite lengths, keys under pbeWithSHAAnd3-KeyTripleDES-CBC, certificates under
//! pbeWithSHAAnd40BitRC2-CBC, a SHA-1 MAC — as well as modern files (PBES2 with PBKDF2 and AES,
//! a SHA-256 MAC). Writes both kinds, for the test CA's demo key files.

pub mod ber;
mod crypt;

use der::oid::ObjectIdentifier;

use self::ber::{CONTEXT_0, Lengths, Malformed, Node, SEQUENCE, Writer, parse};
use self::crypt::{Cipher, Mac};
use super::SigningKey;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const KEY_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");
const X509_CERTIFICATE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");

/// Why a key file did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFileError {
    /// Not a PKCS #12 file.
    NotAKeyFile,
    /// The password does not open it.
    WrongPassword,
    /// It is protected or keyed with an algorithm this portal does not know (GOST, say).
    Unsupported,
    /// It holds no private key, or no certificate for it.
    NoKey,
}

impl From<Malformed> for KeyFileError {
    fn from(_: Malformed) -> KeyFileError {
        KeyFileError::NotAKeyFile
    }
}

/// An opened key file: the signing key and its certificate (DER), and the other certificates.
#[derive(Debug, Clone)]
pub struct KeyFile {
    pub key: SigningKey,
    pub certificate: Vec<u8>,
    pub chain: Vec<Vec<u8>>,
}

/// Opens a key file with its password.
pub fn open(file: &[u8], password: &str) -> Result<KeyFile, KeyFileError> {
    let (pfx, _) = parse(file)?;
    let pfx = pfx.expect(SEQUENCE)?;
    let auth_safe = content_info_data(pfx.child(1)?)?;
    // A file without a MAC still has its bags encrypted with the password.
    if let Some(mac_data) = pfx.children.get(2) {
        Mac::check(mac_data, password, &auth_safe)?;
    }
    let (safes, _) = parse(&auth_safe)?;
    let mut keys = Vec::new();
    let mut certificates = Vec::new();
    for info in &safes.expect(SEQUENCE)?.children {
        let contents = match info.child(0)?.oid()? {
            oid if oid == ID_DATA => content_info_data(info)?,
            oid if oid == ID_ENCRYPTED_DATA => {
                // EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] content } }
                let encrypted = info.child(1)?.child(0)?.child(1)?;
                Cipher::decrypt(encrypted.child(1)?, password, &encrypted.child(2)?.octets())?
            }
            _ => continue,
        };
        let (bags, _) = parse(&contents)?;
        for bag in &bags.expect(SEQUENCE)?.children {
            let value = bag.child(1)?.expect(CONTEXT_0)?.child(0)?;
            match bag.child(0)?.oid()? {
                oid if oid == SHROUDED_KEY_BAG => {
                    keys.push(Cipher::decrypt(
                        value.child(0)?,
                        password,
                        &value.child(1)?.octets(),
                    )?);
                }
                oid if oid == KEY_BAG => keys.push(reencode(value)),
                oid if oid == CERT_BAG && value.child(0)?.oid()? == X509_CERTIFICATE => {
                    certificates.push(value.child(1)?.expect(CONTEXT_0)?.child(0)?.octets());
                }
                _ => {}
            }
        }
    }
    // The key whose certificate is in the file; the others are its chain.
    for der in keys {
        let key = SigningKey::from_pkcs8_der(&der).map_err(|_| KeyFileError::Unsupported)?;
        let public = key.public_key_der().map_err(|_| KeyFileError::Unsupported)?;
        if let Some(position) = certificates
            .iter()
            .position(|c| super::certificate_key(c).as_deref() == Some(&public[..]))
        {
            let certificate = certificates.remove(position);
            return Ok(KeyFile { key, certificate, chain: certificates });
        }
    }
    Err(KeyFileError::NoKey)
}

/// `ContentInfo { data, [0] EXPLICIT OCTET STRING }`: the octets.
fn content_info_data(info: &Node) -> Result<Vec<u8>, Malformed> {
    if info.child(0)?.oid()? != ID_DATA {
        return Err(Malformed);
    }
    Ok(info.child(1)?.expect(CONTEXT_0)?.child(0)?.octets())
}

/// A parsed element written back as DER (a plain key bag's PKCS #8).
fn reencode(node: &Node) -> Vec<u8> {
    let writer = Writer(Lengths::Definite);
    if node.tag & 0x20 == 0 {
        writer.primitive(node.tag, &node.bytes)
    } else {
        writer.constructed(node.tag, &node.children.iter().map(reencode).collect::<Vec<_>>())
    }
}

/// How a written key file is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and a SHA-256 MAC, in DER: what OpenSSL 3 writes.
    Modern,
    /// As the national CA's Java tools write: 3DES key bag, RC2-40 certificate bag, SHA-1 MAC,
    /// indefinite lengths.
    Legacy,
}

/// Random bytes a written file needs (salts and initialisation vectors).
pub const RANDOM_BYTES: usize = 64;

const ITERATIONS: u32 = 2048;

/// Writes a key file holding `key` (PKCS #8 DER) and `certificate` (DER), protected by
/// `password`, with `random` fresh random bytes.
pub fn write(
    key: &[u8],
    certificate: &[u8],
    password: &str,
    style: Style,
    random: &[u8; RANDOM_BYTES],
) -> Vec<u8> {
    let lengths = if style == Style::Legacy { Lengths::Indefinite } else { Lengths::Definite };
    let w = Writer(lengths);
    let (key_salt, rest) = random.split_at(16);
    let (iv, rest) = rest.split_at(16);
    let (cert_salt, mac_salt) = rest.split_at(16);
    let key_id = w.sequence(&[
        w.oid(LOCAL_KEY_ID),
        w.constructed(0x31, &[w.octets(&crypt::sha1(certificate))]),
    ]);
    let attributes = w.constructed(0x31, &[key_id]);
    let (key_cipher, cert_cipher, mac) = match style {
        Style::Modern => (Cipher::Aes256Pbes2, None, Mac::Sha256),
        Style::Legacy => (Cipher::TripleDes, Some(Cipher::Rc2_40), Mac::Sha1),
    };
    let (algorithm, encrypted_key) = key_cipher.encrypt(w, password, key_salt, iv, ITERATIONS, key);
    let key_bag = w.sequence(&[
        w.oid(SHROUDED_KEY_BAG),
        w.explicit(w.sequence(&[algorithm, w.octets(&encrypted_key)])),
        attributes.clone(),
    ]);
    let cert_bag = w.sequence(&[
        w.oid(CERT_BAG),
        w.explicit(w.sequence(&[w.oid(X509_CERTIFICATE), w.explicit(w.octets(certificate))])),
        attributes,
    ]);
    let data = |content: Vec<u8>| w.sequence(&[w.oid(ID_DATA), w.explicit(w.octets(&content))]);
    let certs = w.sequence(&[cert_bag]);
    let cert_info = match cert_cipher {
        None => data(certs),
        Some(cipher) => {
            let (algorithm, encrypted) =
                cipher.encrypt(w, password, cert_salt, iv, ITERATIONS, &certs);
            let content = w.sequence(&[
                w.unsigned(0),
                w.sequence(&[w.oid(ID_DATA), algorithm, w.primitive(0x80, &encrypted)]),
            ]);
            w.sequence(&[w.oid(ID_ENCRYPTED_DATA), w.explicit(content)])
        }
    };
    let auth_safe = w.sequence(&[cert_info, data(w.sequence(&[key_bag]))]);
    let mac_data = mac.data(w, password, mac_salt, ITERATIONS, &auth_safe);
    w.sequence(&[w.unsigned(3), data(auth_safe), mac_data])
}
