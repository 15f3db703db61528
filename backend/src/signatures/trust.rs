//! What the portal trusts: CA certificates (trust anchors) and their revocation lists, from the
//! built-in test CA and from `QYZMET_TRUST_DIR` (`*.pem`, `*.crt`, `*.cer` in PEM or DER; `*.crl`).

use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};

use der::{Decode, Encode};
use rustls_pki_types::SignatureVerificationAlgorithm;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, CertificateRevocationListDer, TrustAnchor};
use webpki::OwnedCertRevocationList;

/// Why the trust directory could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("reading {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path} is not a certificate or a CRL in PEM or DER")]
    Unreadable { path: String },
    #[error(
        "{path} is an issuing CA with no CRL in the trust directory: revocation of its \
         certificates could never be checked; put its current CRL beside it, or name an OCSP \
         responder (QYZMET_OCSP_URL)"
    )]
    NoRevocationList { path: String },
}

/// Trust anchors and CRLs, owned, shared by every verification.
#[derive(Debug, Default)]
pub struct TrustStore {
    certificates: Vec<CertificateDer<'static>>,
    intermediates: Vec<CertificateDer<'static>>,
    anchors: Vec<TrustAnchor<'static>>,
    crls: Vec<webpki::CertRevocationList<'static>>,
    /// Each CRL's issuer and the Unix time of its next update (none: it never says).
    crl_terms: Vec<(x509_cert::name::Name, Option<i64>)>,
}

static ALGORITHMS: &[&dyn SignatureVerificationAlgorithm] = &[
    &super::gost_chain::GOST_2015,
    &super::gost_chain::GOST_2004,
    webpki::ring::ECDSA_P256_SHA256,
    webpki::ring::ECDSA_P384_SHA384,
    webpki::ring::RSA_PKCS1_2048_8192_SHA256,
    webpki::ring::RSA_PKCS1_2048_8192_SHA384,
    webpki::ring::RSA_PKCS1_2048_8192_SHA512,
];

impl TrustStore {
    /// Trusts a CA certificate (DER). Every configured CA is an anchor: the chain may stop at an
    /// issuing CA the operator chose to trust.
    pub fn add_certificate(&mut self, der: Vec<u8>) -> Result<(), webpki::Error> {
        let certificate = CertificateDer::from(der);
        let anchor = webpki::anchor_from_trusted_cert(&certificate)?.to_owned();
        self.anchors.push(anchor);
        self.certificates.push(certificate);
        Ok(())
    }

    /// Trusts the test CA: its root as the anchor, its issuing CA as an intermediate, its CRL.
    pub fn add_test_ca(&mut self, test_ca: &super::test_ca::TestCa) -> Result<(), webpki::Error> {
        self.add_certificate(test_ca.root.clone())?;
        self.add_intermediate(test_ca.issuing.clone());
        self.add_crl(&test_ca.crl)?;
        if let Some(gost) = &test_ca.gost {
            self.add_certificate(gost.root.clone())?;
            self.add_intermediate(gost.issuing.clone());
            self.add_crl(&gost.crl)?;
        }
        Ok(())
    }

    /// A CA certificate that is not trusted itself but may link a chain to an anchor.
    pub fn add_intermediate(&mut self, der: Vec<u8>) {
        self.intermediates.push(CertificateDer::from(der));
    }

    pub fn add_crl(&mut self, der: &[u8]) -> Result<(), webpki::Error> {
        let list =
            x509_cert::crl::CertificateList::from_der(der).map_err(|_| webpki::Error::BadDer)?;
        let next_update = list
            .tbs_cert_list
            .next_update
            .map(|time| i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX));
        self.crls.push(OwnedCertRevocationList::from_der(der)?.into());
        self.crl_terms.push((list.tbs_cert_list.issuer, next_update));
        Ok(())
    }

    /// Whether a CRL of `issuer` speaks for `now` (its next update is still to come): what says
    /// that a certificate it issued was not revoked.
    pub fn has_current_crl(&self, issuer: &x509_cert::name::Name, now: i64) -> bool {
        self.crl_terms.iter().any(|(by, next)| by == issuer && next.is_some_and(|next| next > now))
    }

    /// Adds every CA certificate and CRL in a directory. Unless an OCSP responder is to answer
    /// for them (`Revocation::CrlWhereKnown`), every issuing CA there (one not signed by itself)
    /// needs its CRL there too.
    pub fn add_directory(
        &mut self,
        directory: &Path,
        revocation: super::Revocation,
    ) -> Result<(), TrustError> {
        let mut issuing_cas = Vec::new();
        let mut crl_issuers = Vec::new();
        let read_error =
            |source| TrustError::Read { path: directory.display().to_string(), source };
        let mut paths: Vec<_> = std::fs::read_dir(directory)
            .map_err(read_error)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        for path in paths {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            let shown = path.display().to_string();
            let unreadable = || TrustError::Unreadable { path: shown.clone() };
            let bytes = std::fs::read(&path)
                .map_err(|source| TrustError::Read { path: shown.clone(), source })?;
            match extension.to_ascii_lowercase().as_str() {
                "pem" | "crt" | "cer" => {
                    let pem: Vec<_> = CertificateDer::pem_slice_iter(&bytes)
                        .filter_map(Result::ok)
                        .map(|c| c.to_vec())
                        .collect();
                    let ders = if pem.is_empty() { vec![bytes] } else { pem };
                    for der in ders {
                        let certificate =
                            x509_cert::Certificate::from_der(&der).map_err(|_| unreadable())?;
                        let tbs = certificate.tbs_certificate;
                        if tbs.subject != tbs.issuer {
                            issuing_cas.push((shown.clone(), tbs.subject));
                        }
                        self.add_certificate(der).map_err(|_| unreadable())?;
                    }
                }
                "crl" => {
                    let der = CertificateRevocationListDer::from_pem_slice(&bytes)
                        .map(|c| c.to_vec())
                        .unwrap_or(bytes);
                    let crl = x509_cert::crl::CertificateList::from_der(&der)
                        .map_err(|_| unreadable())?;
                    crl_issuers.push(crl.tbs_cert_list.issuer);
                    self.add_crl(&der).map_err(|_| unreadable())?;
                }
                _ => {}
            }
        }
        let unlisted = issuing_cas.into_iter().find(|(_, subject)| !crl_issuers.contains(subject));
        match unlisted.filter(|_| revocation == super::Revocation::Crl) {
            Some((path, _)) => Err(TrustError::NoRevocationList { path }),
            None => Ok(()),
        }
    }

    /// The CA certificate that issued `certificate`: the one named as its issuer (of several so
    /// named, a renewed CA say, the one whose key verifies its signature).
    pub fn issuer_of(
        &self,
        certificate: &x509_cert::Certificate,
    ) -> Option<x509_cert::Certificate> {
        let named: Vec<x509_cert::Certificate> = self
            .certificates
            .iter()
            .chain(&self.intermediates)
            .filter_map(|der| x509_cert::Certificate::from_der(der).ok())
            .filter(|ca| ca.tbs_certificate.subject == certificate.tbs_certificate.issuer)
            .collect();
        if let [only] = named.as_slice() {
            return Some(only.clone());
        }
        let signed = certificate.tbs_certificate.to_der().ok()?;
        let signature = certificate.signature.as_bytes()?;
        let algorithm = &certificate.signature_algorithm.oid;
        named
            .into_iter()
            .find(|ca| super::signature_check(ca, algorithm, &signed, signature).is_ok())
    }

    pub fn anchors(&self) -> &[TrustAnchor<'static>] {
        &self.anchors
    }

    /// The CA certificates offered for building chains: the trusted ones and the intermediates.
    pub fn intermediates(&self) -> Vec<CertificateDer<'static>> {
        self.certificates.iter().chain(&self.intermediates).cloned().collect()
    }

    pub fn crls(&self) -> &[webpki::CertRevocationList<'static>] {
        &self.crls
    }

    pub fn algorithms(&self) -> &'static [&'static dyn SignatureVerificationAlgorithm] {
        ALGORITHMS
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

/// The trust in force, replaced whole when the trust directory is read again (on a schedule and on
/// SIGHUP): fresh CRLs take effect without a restart, and a verification in progress keeps the
/// store it began with.
#[derive(Debug, Default)]
pub struct Trust {
    current: RwLock<Arc<TrustStore>>,
}

impl Trust {
    pub fn new(store: TrustStore) -> Trust {
        Trust { current: RwLock::new(Arc::new(store)) }
    }

    /// The store to verify with now.
    pub fn current(&self) -> Arc<TrustStore> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Puts a freshly read store in force.
    pub fn replace(&self, store: TrustStore) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(store);
    }
}
