//! The test CA's GOST branch: a GOST 34.10-2015 root and issuing CA of their own, a GOST signing and
//! sign-in key for every holder, and the branch's CRL, so that the demo and the tests sign as most
//! of the national CA's holders do.
//!
//! rcgen knows no GOST algorithm, so each certificate is drawn up by rcgen as for the ECDSA branch
//! (the same names, usages, validity and serial), then its public key, issuer and signature
//! algorithm are replaced and it is signed here with the shared GOST code. The key identifiers
//! rcgen computed for the ECDSA keys are dropped rather than left wrong.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use der::{Decode, Encode};
use qyzmet_shared::eds::gost::Algorithm;
use qyzmet_shared::eds::{GostKey, SigningKey};
use rcgen::{CertificateParams, CertificateRevocationListParams, Issuer, KeyPair};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::ext::Extension;
use x509_cert::name::Name;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use super::{ISSUING_NAME, IssueError, IssuedKey, Purpose, ROOT_NAME, Standing, ca_params};

const ALGORITHM: Algorithm = Algorithm::Gost2015;
const SUBJECT_KEY_IDENTIFIER: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("2.5.29.14");
const AUTHORITY_KEY_IDENTIFIER: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("2.5.29.35");

/// The GOST root, issuing CA (DER) and CRL, and the issuing CA's key (PKCS #8).
#[derive(Debug, Clone)]
pub struct GostBranch {
    pub root: Vec<u8>,
    pub issuing: Vec<u8>,
    pub(super) issuing_key: Vec<u8>,
    pub crl: Vec<u8>,
}

/// A fresh GOST private key, as PKCS #8.
pub(super) fn new_key() -> Result<Vec<u8>, IssueError> {
    loop {
        let mut scalar = vec![0; ALGORITHM.size()];
        OsRng.fill_bytes(&mut scalar);
        // A scalar of 0 or at least q (a chance of 2^-256) is drawn again.
        if let Some(key) = GostKey::new(ALGORITHM, &scalar) {
            return key.to_pkcs8_der().map_err(|_| IssueError::Signing);
        }
    }
}

fn signing_key(pkcs8: &[u8]) -> Result<SigningKey, IssueError> {
    SigningKey::from_pkcs8_der(pkcs8).map_err(|_| IssueError::Signing)
}

fn public_key(pkcs8: &[u8]) -> Result<SubjectPublicKeyInfoOwned, IssueError> {
    let der = signing_key(pkcs8)?.public_key_der().map_err(|_| IssueError::Signing)?;
    Ok(SubjectPublicKeyInfoOwned::from_der(&der)?)
}

/// rcgen's certificate for `params`, made over a stand-in ECDSA key, as a template.
fn template(params: &CertificateParams) -> Result<Certificate, IssueError> {
    let stand_in = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let drawn = params.self_signed(&stand_in)?;
    Ok(Certificate::from_der(drawn.der())?)
}

/// The template with the holder's GOST key, the GOST issuer's name, signed by the issuer's key.
fn issue(
    mut certificate: Certificate,
    subject_key: &[u8],
    issuer: &Name,
    issuer_key: &[u8],
) -> Result<Vec<u8>, IssueError> {
    let key = signing_key(issuer_key)?;
    let algorithm = key.signature_algorithm();
    let tbs = &mut certificate.tbs_certificate;
    tbs.subject_public_key_info = public_key(subject_key)?;
    tbs.issuer = issuer.clone();
    tbs.signature = algorithm.clone();
    if let Some(extensions) = tbs.extensions.as_mut() {
        extensions.retain(|e: &Extension| {
            e.extn_id != SUBJECT_KEY_IDENTIFIER && e.extn_id != AUTHORITY_KEY_IDENTIFIER
        });
    }
    let (_, signature) = key.signature(&tbs.to_der()?).map_err(|_| IssueError::Signing)?;
    certificate.signature_algorithm = algorithm;
    certificate.signature = der::asn1::BitString::from_bytes(&signature)?;
    Ok(certificate.to_der()?)
}

impl GostBranch {
    /// A GOST root and issuing CA at `now`.
    pub fn issue(now: i64) -> Result<GostBranch, IssueError> {
        let root_key = new_key()?;
        let root_template = template(&ca_params(&format!("{ROOT_NAME} (GOST)"), now, 20))?;
        let root_name = root_template.tbs_certificate.subject.clone();
        let root = issue(root_template, &root_key, &root_name, &root_key)?;
        let issuing_key = new_key()?;
        let issuing_template = template(&ca_params(&format!("{ISSUING_NAME} (GOST)"), now, 10))?;
        let issuing = issue(issuing_template, &issuing_key, &root_name, &root_key)?;
        Ok(GostBranch { root, issuing, issuing_key, crl: Vec::new() })
    }

    fn issuer_name(&self) -> Result<Name, IssueError> {
        Ok(Certificate::from_der(&self.issuing)?.tbs_certificate.subject)
    }

    /// A holder's key certified by the issuing CA, from the certificate rcgen would issue.
    pub(super) fn certify(
        &self,
        params: &CertificateParams,
        (iin, purpose, standing): (&str, Purpose, Standing),
    ) -> Result<IssuedKey, IssueError> {
        let private_key = new_key()?;
        let certificate =
            issue(template(params)?, &private_key, &self.issuer_name()?, &self.issuing_key)?;
        Ok(IssuedKey {
            iin: iin.to_owned(),
            purpose,
            standing,
            gost: true,
            certificate,
            private_key,
        })
    }

    /// The issuing CA's CRL listing `params`' revoked certificates, signed with GOST.
    pub(super) fn publish(
        &mut self,
        params: &CertificateRevocationListParams,
    ) -> Result<(), IssueError> {
        let stand_in = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
        let issuer = Issuer::new(ca_params("stand-in", 0, 1), stand_in);
        let drawn = params.signed_by(&issuer)?;
        let mut crl = CertificateList::from_der(drawn.der())?;
        let key = signing_key(&self.issuing_key)?;
        let algorithm = key.signature_algorithm();
        let tbs = &mut crl.tbs_cert_list;
        tbs.issuer = self.issuer_name()?;
        tbs.signature = algorithm.clone();
        if let Some(extensions) = tbs.crl_extensions.as_mut() {
            extensions.retain(|e: &Extension| e.extn_id != AUTHORITY_KEY_IDENTIFIER);
        }
        let (_, signature) = key.signature(&tbs.to_der()?).map_err(|_| IssueError::Signing)?;
        crl.signature_algorithm = algorithm;
        crl.signature = der::asn1::BitString::from_bytes(&signature)?;
        self.crl = crl.to_der()?;
        Ok(())
    }
}
