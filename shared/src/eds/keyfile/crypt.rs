//! The password-based ciphers and MACs of key files: the PKCS #12 key derivation (RFC 7292,
//! appendix B) with 3DES and 40-bit RC2, PBES2 (PBKDF2 + AES-CBC), and the HMAC over the
//! contents.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, InnerIvInit, KeyInit};
use der::oid::ObjectIdentifier;
use hmac::{Hmac, Mac as _};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::KeyFileError;
use super::ber::{Node, Writer};

const PBE_SHA1_3DES: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.3");
const PBE_SHA1_RC2_128: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.5");
const PBE_SHA1_RC2_40: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.6");
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
const PBKDF2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.12");
const HMAC_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.7");
const HMAC_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.9");
const AES128_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.2");
const AES192_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.22");
const AES256_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.42");
const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// Iterations beyond this are refused: a hostile file must not keep the browser busy for long.
const MAX_ITERATIONS: u64 = 10_000_000;

pub fn sha1(data: &[u8]) -> Vec<u8> {
    Sha1::digest(data).to_vec()
}

/// The password as PKCS #12 wants it: UTF-16 big-endian with a terminating zero.
fn bmp_password(password: &str) -> Vec<u8> {
    password.encode_utf16().chain([0]).flat_map(u16::to_be_bytes).collect()
}

/// RFC 7292, appendix B.2: `n` bytes of key material of purpose `id` (1 key, 2 IV, 3 MAC key).
fn pkcs12_kdf<D: Digest>(
    password: &str,
    salt: &[u8],
    iterations: u64,
    id: u8,
    n: usize,
) -> Vec<u8> {
    const V: usize = 64;
    let password = bmp_password(password);
    let stretch = |bytes: &[u8]| -> Vec<u8> {
        let len = bytes.len().div_ceil(V) * V;
        bytes.iter().copied().cycle().take(if bytes.is_empty() { 0 } else { len }).collect()
    };
    let mut i = [stretch(salt), stretch(&password)].concat();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut a = D::new().chain_update([id; V]).chain_update(&i).finalize().to_vec();
        for _ in 1..iterations {
            a = D::digest(&a).to_vec();
        }
        out.extend_from_slice(&a);
        let b: Vec<u8> = a.iter().copied().cycle().take(V).collect();
        for block in i.chunks_mut(V) {
            let mut carry = 1u16;
            for k in (0..V).rev() {
                let sum = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = sum.to_le_bytes()[0];
                carry = sum >> 8;
            }
        }
    }
    out.truncate(n);
    out
}

/// Salt and iterations of `SEQUENCE { salt OCTET STRING, iterations INTEGER }`.
fn salt_and_iterations(params: &Node) -> Result<(Vec<u8>, u64), KeyFileError> {
    let iterations = params.child(1)?.unsigned()?;
    if iterations == 0 || iterations > MAX_ITERATIONS {
        return Err(KeyFileError::Unsupported);
    }
    Ok((params.child(0)?.octets(), iterations))
}

fn decrypt_cbc<C>(cipher: C, iv: &[u8], data: &[u8]) -> Result<Vec<u8>, KeyFileError>
where
    C: cbc::cipher::BlockCipher + cbc::cipher::BlockDecrypt,
{
    cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv)
        .map_err(|_| KeyFileError::NotAKeyFile)?
        .decrypt_padded_vec_mut::<Pkcs7>(data)
        // Bad padding after decryption: almost always the wrong password.
        .map_err(|_| KeyFileError::WrongPassword)
}

fn encrypt_cbc<C>(cipher: C, iv: &[u8], data: &[u8]) -> Vec<u8>
where
    C: cbc::cipher::BlockCipher + cbc::cipher::BlockEncrypt,
{
    cbc::Encryptor::<C>::inner_iv_slice_init(cipher, iv)
        .map(|e| e.encrypt_padded_vec_mut::<Pkcs7>(data))
        .unwrap_or_default()
}

/// A content-encryption algorithm of key files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cipher {
    TripleDes,
    Rc2_40,
    Aes256Pbes2,
}

impl Cipher {
    /// Decrypts with the algorithm an `AlgorithmIdentifier` names.
    pub fn decrypt(algorithm: &Node, password: &str, data: &[u8]) -> Result<Vec<u8>, KeyFileError> {
        let oid = algorithm.child(0)?.oid()?;
        let params = algorithm.child(1)?;
        match oid {
            o if o == PBE_SHA1_3DES => {
                let (salt, n) = salt_and_iterations(params)?;
                let key = pkcs12_kdf::<Sha1>(password, &salt, n, 1, 24);
                let iv = pkcs12_kdf::<Sha1>(password, &salt, n, 2, 8);
                let cipher =
                    des::TdesEde3::new_from_slice(&key).map_err(|_| KeyFileError::Unsupported)?;
                decrypt_cbc(cipher, &iv, data)
            }
            o if o == PBE_SHA1_RC2_40 || o == PBE_SHA1_RC2_128 => {
                let bytes = if o == PBE_SHA1_RC2_40 { 5 } else { 16 };
                let (salt, n) = salt_and_iterations(params)?;
                let key = pkcs12_kdf::<Sha1>(password, &salt, n, 1, bytes);
                let iv = pkcs12_kdf::<Sha1>(password, &salt, n, 2, 8);
                decrypt_cbc(rc2::Rc2::new_with_eff_key_len(&key, bytes * 8), &iv, data)
            }
            o if o == PBES2 => {
                // PBES2 { keyDerivationFunc PBKDF2 { salt, iterations, keyLength?, prf? }, scheme }
                let kdf = params.child(0)?;
                if kdf.child(0)?.oid()? != PBKDF2 {
                    return Err(KeyFileError::Unsupported);
                }
                let kdf_params = kdf.child(1)?;
                let (salt, n) = salt_and_iterations(kdf_params)?;
                let prf = kdf_params
                    .children
                    .iter()
                    .skip(2)
                    .find(|c| c.tag == super::ber::SEQUENCE)
                    .map(|c| c.child(0).and_then(Node::oid))
                    .transpose()?
                    .unwrap_or(HMAC_SHA1);
                let scheme = params.child(1)?;
                let iv = scheme.child(1)?.octets();
                let key_len = match scheme.child(0)?.oid()? {
                    o if o == AES128_CBC => 16,
                    o if o == AES192_CBC => 24,
                    o if o == AES256_CBC => 32,
                    _ => return Err(KeyFileError::Unsupported),
                };
                let mut key = vec![0u8; key_len];
                let rounds = u32::try_from(n).map_err(|_| KeyFileError::Unsupported)?;
                match prf {
                    p if p == HMAC_SHA256 => {
                        pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), &salt, rounds, &mut key);
                    }
                    p if p == HMAC_SHA1 => {
                        pbkdf2::pbkdf2_hmac::<Sha1>(password.as_bytes(), &salt, rounds, &mut key);
                    }
                    _ => return Err(KeyFileError::Unsupported),
                }
                let unsupported = |_| KeyFileError::Unsupported;
                match key_len {
                    16 => decrypt_cbc(
                        aes::Aes128::new_from_slice(&key).map_err(unsupported)?,
                        &iv,
                        data,
                    ),
                    24 => decrypt_cbc(
                        aes::Aes192::new_from_slice(&key).map_err(unsupported)?,
                        &iv,
                        data,
                    ),
                    _ => decrypt_cbc(
                        aes::Aes256::new_from_slice(&key).map_err(unsupported)?,
                        &iv,
                        data,
                    ),
                }
            }
            _ => Err(KeyFileError::Unsupported),
        }
    }

    /// Encrypts; returns the `AlgorithmIdentifier` (encoded) and the ciphertext.
    pub fn encrypt(
        self,
        w: Writer,
        password: &str,
        salt: &[u8],
        iv: &[u8],
        iterations: u32,
        data: &[u8],
    ) -> (Vec<u8>, Vec<u8>) {
        let n = u64::from(iterations);
        let pbe_params = w.sequence(&[w.octets(salt), w.unsigned(n)]);
        match self {
            Cipher::TripleDes => {
                let key = pkcs12_kdf::<Sha1>(password, salt, n, 1, 24);
                let iv = pkcs12_kdf::<Sha1>(password, salt, n, 2, 8);
                let cipher = des::TdesEde3::new_from_slice(&key).expect("24-byte key");
                (w.sequence(&[w.oid(PBE_SHA1_3DES), pbe_params]), encrypt_cbc(cipher, &iv, data))
            }
            Cipher::Rc2_40 => {
                let key = pkcs12_kdf::<Sha1>(password, salt, n, 1, 5);
                let iv = pkcs12_kdf::<Sha1>(password, salt, n, 2, 8);
                let cipher = rc2::Rc2::new_with_eff_key_len(&key, 40);
                (w.sequence(&[w.oid(PBE_SHA1_RC2_40), pbe_params]), encrypt_cbc(cipher, &iv, data))
            }
            Cipher::Aes256Pbes2 => {
                let mut key = [0u8; 32];
                pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, iterations, &mut key);
                let cipher = aes::Aes256::new_from_slice(&key).expect("32-byte key");
                let kdf = w.sequence(&[
                    w.oid(PBKDF2),
                    w.sequence(&[
                        w.octets(salt),
                        w.unsigned(n),
                        w.sequence(&[w.oid(HMAC_SHA256), w.primitive(0x05, &[])]),
                    ]),
                ]);
                let scheme = w.sequence(&[w.oid(AES256_CBC), w.octets(iv)]);
                let algorithm = w.sequence(&[w.oid(PBES2), w.sequence(&[kdf, scheme])]);
                (algorithm, encrypt_cbc(cipher, iv, data))
            }
        }
    }
}

/// The integrity MAC over a key file's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mac {
    Sha1,
    Sha256,
}

impl Mac {
    fn compute(self, password: &str, salt: &[u8], iterations: u64, content: &[u8]) -> Vec<u8> {
        match self {
            Mac::Sha1 => {
                let key = pkcs12_kdf::<Sha1>(password, salt, iterations, 3, 20);
                let mut mac =
                    <Hmac<Sha1> as hmac::Mac>::new_from_slice(&key).expect("any key length");
                mac.update(content);
                mac.finalize().into_bytes().to_vec()
            }
            Mac::Sha256 => {
                let key = pkcs12_kdf::<Sha256>(password, salt, iterations, 3, 32);
                let mut mac =
                    <Hmac<Sha256> as hmac::Mac>::new_from_slice(&key).expect("any key length");
                mac.update(content);
                mac.finalize().into_bytes().to_vec()
            }
        }
    }

    /// Checks `MacData { DigestInfo { algorithm, digest }, salt, iterations DEFAULT 1 }`.
    pub fn check(mac_data: &Node, password: &str, content: &[u8]) -> Result<(), KeyFileError> {
        let digest_info = mac_data.child(0)?;
        let mac = match digest_info.child(0)?.child(0)?.oid()? {
            o if o == SHA1 => Mac::Sha1,
            o if o == SHA256 => Mac::Sha256,
            _ => return Err(KeyFileError::Unsupported),
        };
        let expected = digest_info.child(1)?.octets();
        let salt = mac_data.child(1)?.octets();
        let iterations = match mac_data.children.get(2) {
            Some(n) => n.unsigned()?,
            None => 1,
        };
        if iterations == 0 || iterations > MAX_ITERATIONS {
            return Err(KeyFileError::Unsupported);
        }
        if mac.compute(password, &salt, iterations, content) == expected {
            Ok(())
        } else {
            Err(KeyFileError::WrongPassword)
        }
    }

    /// Writes the `MacData` of `content`.
    pub fn data(
        self,
        w: Writer,
        password: &str,
        salt: &[u8],
        iterations: u32,
        content: &[u8],
    ) -> Vec<u8> {
        let n = u64::from(iterations);
        let digest = self.compute(password, salt, n, content);
        let oid = if self == Mac::Sha1 { SHA1 } else { SHA256 };
        w.sequence(&[
            w.sequence(&[w.sequence(&[w.oid(oid), w.primitive(0x05, &[])]), w.octets(&digest)]),
            w.octets(salt),
            w.unsigned(n),
        ])
    }
}
