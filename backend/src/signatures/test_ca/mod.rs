//! The built-in test certification authority, for the demo and the tests: a root and an issuing
//! CA, and for each demo person a signing and an authentication key with certificates shaped like
//! the national CA's (`CN`, `SURNAME`, `SERIALNUMBER=IIN…`, `G`, `C=KZ`; for a company's employee
//! also `O` and `OU=BIN…`), plus one revoked and one expired signing key, and the CRL that lists
//! the revoked one. Keys are ECDSA P-256 with SHA-256; the GOST branch (`gost`) gives every
//! holder a GOST 34.10-2015 signing and sign-in key as well, under a GOST root of its own.

mod gost;

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CustomExtension,
    DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyPair,
    KeyUsagePurpose, PKCS_ECDSA_P256_SHA256, RevocationReason, RevokedCertParams, SerialNumber,
};
use time::{Duration, OffsetDateTime};

pub use qyzmet_shared::signature::{Purpose, Standing};

use super::TrustStore;
pub use gost::GostBranch;
use qyzmet_shared::signature::CompanyRole;

/// Why the test CA could not be issued.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error("drawing up a certificate: {0}")]
    Template(#[from] rcgen::Error),
    #[error("encoding: {0}")]
    Encoding(#[from] der::Error),
    #[error("signing with the GOST key")]
    Signing,
}

const DAY: i64 = 24 * 3600;

/// The OIDs the national CA marks its holders with: an individual, a company's employee.
const INDIVIDUAL: &[u64] = &[1, 2, 398, 3, 3, 4, 1, 1];
const EMPLOYEE: &[u64] = &[1, 2, 398, 3, 3, 4, 1, 2];
const SURNAME: &[u64] = &[2, 5, 4, 4];
const SERIAL_NUMBER: &[u64] = &[2, 5, 4, 5];
const GIVEN_NAME: &[u64] = &[2, 5, 4, 42];

/// Who a key is issued to, as the registry names them.
#[derive(Debug, Clone, Copy)]
pub struct Holder<'a> {
    pub iin: &'a str,
    pub surname: &'a str,
    pub given_name: &'a str,
    pub patronymic: &'a str,
    /// The company an employee signs for, and what they are to it.
    pub company: Option<Employment<'a>>,
}

/// A holder's place in a company, written into their certificate as the national CA writes it
/// (`O`, `OU=BIN…`, the legal entity's extended key usage and the role's).
#[derive(Debug, Clone, Copy)]
pub struct Employment<'a> {
    pub bin: &'a str,
    pub name: &'a str,
    pub role: CompanyRole,
}

/// The public half of a private key made elsewhere (PKCS #8), as rcgen certifies it.
struct ForeignKey {
    spki: Vec<u8>,
    bits: Vec<u8>,
    algorithm: &'static rcgen::SignatureAlgorithm,
}

impl ForeignKey {
    fn of(private_key: &[u8]) -> Option<ForeignKey> {
        use der::{Decode, Encode};
        use qyzmet_shared::eds::SigningKey;
        let key = SigningKey::from_pkcs8_der(private_key).ok()?;
        let algorithm = match key {
            SigningKey::EcdsaP256(_) => &PKCS_ECDSA_P256_SHA256,
            SigningKey::Rsa(_) => &rcgen::PKCS_RSA_SHA256,
            // rcgen knows no GOST algorithm to name the key with.
            SigningKey::Gost(_) => return None,
        };
        let spki = key.public_key_der().ok()?;
        let parsed = x509_cert::spki::SubjectPublicKeyInfoOwned::from_der(&spki).ok()?;
        let bits = parsed.subject_public_key.raw_bytes().to_vec();
        Some(ForeignKey { spki: parsed.to_der().ok()?, bits, algorithm })
    }
}

impl rcgen::PublicKeyData for ForeignKey {
    fn subject_public_key_info(&self) -> Vec<u8> {
        self.spki.clone()
    }

    fn der_bytes(&self) -> &[u8] {
        &self.bits
    }

    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        self.algorithm
    }
}

/// A key and its certificate, both DER (the key as PKCS #8).
#[derive(Debug, Clone)]
pub struct IssuedKey {
    pub iin: String,
    pub purpose: Purpose,
    pub standing: Standing,
    /// A GOST 34.10-2015 key of the GOST branch (else ECDSA P-256, or a key certified later).
    pub gost: bool,
    pub certificate: Vec<u8>,
    pub private_key: Vec<u8>,
}

impl IssuedKey {
    /// `{iin}-{purpose}-{standing}`, with `gost-` before it for a GOST key: the name its files are
    /// kept and offered under.
    pub fn name(&self) -> String {
        let branch = if self.gost { GOST_PREFIX } else { "" };
        format!("{branch}{}-{}-{}", self.iin, self.purpose.as_str(), self.standing.as_str())
    }
}

/// The test PKI as issued.
#[derive(Debug, Clone)]
pub struct TestCa {
    pub root: Vec<u8>,
    pub issuing: Vec<u8>,
    /// The issuing CA's key (PKCS #8), so that the test CA can certify keys later.
    issuing_key: Vec<u8>,
    pub crl: Vec<u8>,
    pub keys: Vec<IssuedKey>,
    /// The GOST branch; absent from a test CA kept from before it existed.
    pub gost: Option<GostBranch>,
}

const GOST_PREFIX: &str = "gost-";

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

const ROOT_NAME: &str = "Qyzmet Test Root CA";
const ISSUING_NAME: &str = "Qyzmet Test Issuing CA (ҰКО сынағы)";

fn ca_params(common_name: &str, now: i64, years: i64) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::CountryName, "KZ");
    name.push(DnType::OrganizationName, "Qyzmet (сынақ / тест)");
    name.push(DnType::CommonName, common_name);
    params.distinguished_name = name;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = at(now - DAY);
    params.not_after = at(now + years * 365 * DAY);
    params.key_identifier_method = KeyIdMethod::Sha256;
    params
}

fn holder_params(
    holder: &Holder<'_>,
    purpose: Purpose,
    standing: Standing,
    serial: u32,
    now: i64,
) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(
        DnType::CommonName,
        format!("{} {}", holder.surname, holder.given_name).to_uppercase(),
    );
    name.push(DnType::CustomDnType(SURNAME.to_vec()), holder.surname.to_uppercase());
    name.push(DnType::CustomDnType(SERIAL_NUMBER.to_vec()), format!("IIN{}", holder.iin));
    name.push(DnType::CountryName, "KZ");
    name.push(DnType::CustomDnType(GIVEN_NAME.to_vec()), holder.patronymic.to_uppercase());
    if let Some(company) = holder.company {
        name.push(DnType::OrganizationName, company.name);
        name.push(DnType::OrganizationalUnitName, format!("BIN{}", company.bin));
    }
    params.distinguished_name = name;
    params.is_ca = IsCa::ExplicitNoCa;
    params.serial_number =
        Some(SerialNumber::from_slice(&[&[0x51][..], &serial.to_be_bytes()].concat()));
    params.use_authority_key_identifier_extension = true;
    let holder_kind = if holder.company.is_some() { EMPLOYEE } else { INDIVIDUAL };
    let (usages, purposes) = match purpose {
        Purpose::Signing => (
            vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment],
            ExtendedKeyUsagePurpose::EmailProtection,
        ),
        Purpose::Authentication => (
            vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment],
            ExtendedKeyUsagePurpose::ClientAuth,
        ),
    };
    params.key_usages = usages;
    params.extended_key_usages =
        vec![purposes, ExtendedKeyUsagePurpose::Other(holder_kind.to_vec())];
    let role = holder.company.and_then(|company| company.role.extended_key_usage());
    if let Some(role) = role {
        let arcs = role.split('.').filter_map(|arc| arc.parse().ok()).collect();
        params.extended_key_usages.push(ExtendedKeyUsagePurpose::Other(arcs));
    }
    let (from, until) = match standing {
        Standing::Expired => (now - 2 * 365 * DAY, now - 365 * DAY),
        Standing::Valid | Standing::Revoked => (now - DAY, now + 365 * DAY),
    };
    params.not_before = at(from);
    params.not_after = at(until);
    params
}

fn revocation(serial_number: SerialNumber, now: i64) -> RevokedCertParams {
    RevokedCertParams {
        serial_number,
        revocation_time: at(now - 3600),
        reason_code: Some(RevocationReason::KeyCompromise),
        invalidity_date: None,
    }
}

fn crl_params(revoked_certs: Vec<RevokedCertParams>, now: i64) -> CertificateRevocationListParams {
    CertificateRevocationListParams {
        this_update: at(now - 3600),
        // Published once for the demo: long-lived, so a running demo never holds a stale CRL.
        next_update: at(now) + Duration::days(10 * 365),
        crl_number: SerialNumber::from_slice(&[1]),
        issuing_distribution_point: None,
        revoked_certs,
        key_identifier_method: KeyIdMethod::Sha256,
    }
}

impl TestCa {
    /// Issues the whole test PKI at `now` (Unix seconds): for every holder a signing and an
    /// authentication key, and for the first one also a revoked and an expired signing key.
    pub fn issue(holders: &[Holder<'_>], now: i64) -> Result<TestCa, IssueError> {
        let root_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
        let root_params = ca_params(ROOT_NAME, now, 20);
        let root = root_params.self_signed(&root_key)?;
        let root_issuer = Issuer::new(root_params, root_key);
        let issuing_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
        let issuing = ca_params(ISSUING_NAME, now, 10).signed_by(&issuing_key, &root_issuer)?;
        let mut ca = TestCa {
            root: root.der().to_vec(),
            issuing: issuing.der().to_vec(),
            issuing_key: issuing_key.serialize_der(),
            crl: Vec::new(),
            keys: Vec::new(),
            gost: None,
        };
        let issuer = ca.issuer()?;
        let mut gost = GostBranch::issue(now)?;
        let mut wanted: Vec<(Holder<'_>, Purpose, Standing)> = holders
            .iter()
            .flat_map(|h| {
                [
                    (*h, Purpose::Signing, Standing::Valid),
                    (*h, Purpose::Authentication, Standing::Valid),
                ]
            })
            .collect();
        if let Some(first) = holders.first() {
            wanted.push((*first, Purpose::Signing, Standing::Revoked));
            wanted.push((*first, Purpose::Signing, Standing::Expired));
        }
        let mut revoked = Vec::new();
        for (holder, purpose, standing) in &wanted {
            let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
            let serial =
                ca.add(&issuer, holder, (*purpose, *standing), &key, key.serialize_der(), now)?;
            if *standing == Standing::Revoked {
                revoked.push(revocation(serial, now));
            }
        }
        // The same keys again in the GOST branch, each certificate drawn up as the ECDSA one.
        let mut revoked_gost = Vec::new();
        for (holder, purpose, standing) in &wanted {
            if *standing == Standing::Expired {
                continue;
            }
            let serial = u32::try_from(ca.keys.len() + 1).unwrap_or(u32::MAX);
            let params = holder_params(holder, *purpose, *standing, serial, now);
            let key = gost.certify(&params, (holder.iin, *purpose, *standing))?;
            if *standing == Standing::Revoked {
                let serial = params.serial_number.unwrap_or_else(|| SerialNumber::from_slice(&[1]));
                revoked_gost.push(revocation(serial, now));
            }
            ca.keys.push(key);
        }
        ca.crl = crl_params(revoked, now).signed_by(&issuer)?.der().to_vec();
        gost.publish(&crl_params(revoked_gost, now))?;
        ca.gost = Some(gost);
        Ok(ca)
    }

    /// A time-stamping authority's key, certified now by the issuing CA (extended key usage
    /// time-stamping), for tests of signature timestamps.
    pub fn time_stamping_authority(&self, now: i64) -> Result<IssuedKey, rcgen::Error> {
        let name = "Qyzmet Test TSA (уақыт белгілері)";
        self.service_key(name, 0x7a5a, "1.3.6.1.5.5.7.3.8", now)
    }

    /// An OCSP responder's key, certified now by the issuing CA (extended key usage OCSP
    /// signing): the issuing CA's delegated responder, as the national CA runs one.
    pub fn ocsp_responder(&self, now: i64) -> Result<IssuedKey, rcgen::Error> {
        let name = "Qyzmet Test OCSP (сертификат мәртебесі)";
        self.service_key(name, 0x0c5b, "1.3.6.1.5.5.7.3.9", now)
    }

    /// A key of one of the CA's own services (ECDSA P-256), certified now for the extended key
    /// usage `usage` alone, marked critical as RFC 3161 requires of an authority (OpenSSL's
    /// `ts -reply` refuses a key without it).
    fn service_key(
        &self,
        common_name: &str,
        serial: u16,
        usage: &str,
        now: i64,
    ) -> Result<IssuedKey, rcgen::Error> {
        let mut params = CertificateParams::default();
        let mut name = DistinguishedName::new();
        name.push(DnType::CountryName, "KZ");
        name.push(DnType::CommonName, common_name);
        params.distinguished_name = name;
        params.is_ca = IsCa::ExplicitNoCa;
        params.serial_number = Some(SerialNumber::from_slice(&serial.to_be_bytes()));
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        let usages = der::oid::ObjectIdentifier::new(usage)
            .ok()
            .and_then(|oid| der::Encode::to_der(&vec![oid]).ok())
            .ok_or(rcgen::Error::CouldNotParseCertificate)?;
        let mut extended = CustomExtension::from_oid_content(&[2, 5, 29, 37], usages);
        extended.set_criticality(true);
        params.custom_extensions = vec![extended];
        params.not_before = at(now - DAY);
        params.not_after = at(now + 365 * DAY);
        let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
        let certificate = params.signed_by(&key, &self.issuer()?)?;
        Ok(IssuedKey {
            iin: String::new(),
            purpose: Purpose::Signing,
            standing: Standing::Valid,
            gost: false,
            certificate: certificate.der().to_vec(),
            private_key: key.serialize_der(),
        })
    }

    /// A CRL of the issuing CA listing nothing, as one published before any revocation.
    pub fn crl_without_revocations(&self, now: i64) -> Result<Vec<u8>, rcgen::Error> {
        Ok(crl_params(Vec::new(), now).signed_by(&self.issuer()?)?.der().to_vec())
    }

    /// A key of a holder in the GOST branch, by purpose and standing.
    pub fn gost_key(&self, iin: &str, purpose: Purpose, standing: Standing) -> Option<&IssuedKey> {
        self.keys
            .iter()
            .find(|k| k.gost && k.iin == iin && k.purpose == purpose && k.standing == standing)
    }

    /// The issuing CA, able to sign again (its name and key are all a signature needs).
    fn issuer(&self) -> Result<Issuer<'static, KeyPair>, rcgen::Error> {
        let key = KeyPair::try_from(self.issuing_key.as_slice())?;
        Ok(Issuer::new(ca_params(ISSUING_NAME, 0, 10), key))
    }

    /// Certifies a public key for a holder and keeps it with its private key (PKCS #8); returns
    /// the certificate's serial number.
    fn add(
        &mut self,
        issuer: &Issuer<'_, KeyPair>,
        holder: &Holder<'_>,
        (purpose, standing): (Purpose, Standing),
        public_key: &impl rcgen::PublicKeyData,
        private_key: Vec<u8>,
        now: i64,
    ) -> Result<SerialNumber, rcgen::Error> {
        let serial = u32::try_from(self.keys.len() + 1).unwrap_or(u32::MAX);
        let params = holder_params(holder, purpose, standing, serial, now);
        let serial_number =
            params.serial_number.clone().unwrap_or_else(|| SerialNumber::from_slice(&[1]));
        let certificate = params.signed_by(public_key, issuer)?;
        self.keys.push(IssuedKey {
            iin: holder.iin.to_owned(),
            purpose,
            standing,
            gost: false,
            certificate: certificate.der().to_vec(),
            private_key,
        });
        Ok(serial_number)
    }

    /// Certifies a key made elsewhere (an RSA key from OpenSSL, say; PKCS #8) for a holder.
    pub fn certify(
        &mut self,
        holder: &Holder<'_>,
        purpose: Purpose,
        private_key: &[u8],
        now: i64,
    ) -> Result<&IssuedKey, rcgen::Error> {
        let public = ForeignKey::of(private_key).ok_or(rcgen::Error::CouldNotParseKeyPair)?;
        let issuer = self.issuer()?;
        let standing = (purpose, Standing::Valid);
        self.add(&issuer, holder, standing, &public, private_key.to_vec(), now)?;
        Ok(&self.keys[self.keys.len() - 1])
    }

    /// The trust this CA alone gives.
    pub fn trust(&self) -> Result<TrustStore, webpki::Error> {
        let mut trust = TrustStore::default();
        trust.add_test_ca(self)?;
        Ok(trust)
    }

    /// The files it is kept as: `root.cer`, `issuing.cer`, `test-ca.crl`, and per key
    /// `{iin}-{purpose}-{standing}.cer` and `.key`.
    pub fn to_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = vec![
            ("root.cer".to_owned(), self.root.clone()),
            ("issuing.cer".to_owned(), self.issuing.clone()),
            ("issuing.key".to_owned(), self.issuing_key.clone()),
            ("test-ca.crl".to_owned(), self.crl.clone()),
        ];
        if let Some(gost) = &self.gost {
            files.push((format!("{GOST_PREFIX}root.cer"), gost.root.clone()));
            files.push((format!("{GOST_PREFIX}issuing.cer"), gost.issuing.clone()));
            files.push((format!("{GOST_PREFIX}issuing.key"), gost.issuing_key.clone()));
            files.push((format!("{GOST_PREFIX}test-ca.crl"), gost.crl.clone()));
        }
        for key in &self.keys {
            let stem = key.name();
            files.push((format!("{stem}.cer"), key.certificate.clone()));
            files.push((format!("{stem}.key"), key.private_key.clone()));
        }
        files
    }

    /// The test CA back from its files; `None` if any part is missing.
    pub fn from_files(files: &[(String, Vec<u8>)]) -> Option<TestCa> {
        let file = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone());
        let mut keys = Vec::new();
        for (name, certificate) in files {
            let Some(stem) = name.strip_suffix(".cer") else { continue };
            let (gost, key_name) = match stem.strip_prefix(GOST_PREFIX) {
                Some(rest) => (true, rest),
                None => (false, stem),
            };
            if matches!(key_name, "root" | "issuing") {
                continue;
            }
            let mut parts = key_name.splitn(3, '-');
            let (Some(iin), Some(purpose), Some(standing)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let purpose = Purpose::ALL.into_iter().find(|p| p.as_str() == purpose)?;
            let standing = Standing::ALL.into_iter().find(|s| s.as_str() == standing)?;
            keys.push(IssuedKey {
                iin: iin.to_owned(),
                purpose,
                standing,
                gost,
                certificate: certificate.clone(),
                private_key: file(&format!("{stem}.key"))?,
            });
        }
        Some(TestCa {
            root: file("root.cer")?,
            issuing: file("issuing.cer")?,
            issuing_key: file("issuing.key")?,
            crl: file("test-ca.crl")?,
            keys,
            gost: (|| {
                Some(GostBranch {
                    root: file(&format!("{GOST_PREFIX}root.cer"))?,
                    issuing: file(&format!("{GOST_PREFIX}issuing.cer"))?,
                    issuing_key: file(&format!("{GOST_PREFIX}issuing.key"))?,
                    crl: file(&format!("{GOST_PREFIX}test-ca.crl"))?,
                })
            })(),
        })
    }

    /// A key of a holder, by purpose and standing.
    pub fn key(&self, iin: &str, purpose: Purpose, standing: Standing) -> Option<&IssuedKey> {
        self.keys
            .iter()
            .find(|k| !k.gost && k.iin == iin && k.purpose == purpose && k.standing == standing)
    }
}

#[cfg(test)]
mod chain_tests;
