//! The time to verify one signature of each family, as a filing is verified (CMS, chain, CRL):
//! RSA and GOST 34.10-2015 on the national CA's own test CMS files, ECDSA P-256 on the test CA's.
//! Run by `cargo xtask bench` (release build); each figure is also given as a ratio to ECDSA's,
//! measured in the same run.

use std::time::{Duration, Instant};

use qyzmet_backend::signatures::test_ca::{Holder, Purpose, Standing, TestCa};
use qyzmet_backend::signatures::{Revocation, TrustStore, verify_with};
use qyzmet_shared::eds::{Content, SigningKey, sign};

const ROUNDS: u32 = 20;

fn nca(path: &str) -> Vec<u8> {
    use rustls_pki_types::pem::PemObject;
    let path = format!("{}/../shared/testdata/nca/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    rustls_pki_types::CertificateDer::from_pem_slice(&bytes).map(|d| d.to_vec()).unwrap_or(bytes)
}

/// The mean time of `ROUNDS` verifications, after one that must succeed.
fn time(cms: &[u8], data: Option<&[u8]>, trust: &TrustStore, now: i64) -> Duration {
    timed(cms, data, trust, now, Revocation::Crl)
}

/// `time`, with revocation judged as `revocation` says.
fn timed(
    cms: &[u8],
    data: Option<&[u8]>,
    trust: &TrustStore,
    now: i64,
    revocation: Revocation,
) -> Duration {
    let check = || verify_with(cms, data, trust, now, (Purpose::Signing, None), revocation);
    check().expect("the benchmark's signature holds");
    let start = Instant::now();
    for _ in 0..ROUNDS {
        let _ = std::hint::black_box(check());
    }
    start.elapsed() / ROUNDS
}

fn main() {
    let now = 1_795_000_000;
    let holder = Holder {
        iin: "850315400124",
        surname: "Нұрланова",
        given_name: "Айгүл",
        patronymic: "Серікқызы",
        company: None,
    };
    let ca = TestCa::issue(&[holder], now).expect("the test CA issues");
    let data = b"the filing's canonical bytes";
    let signed_with = |key: &qyzmet_backend::signatures::test_ca::IssuedKey| {
        let signing_key = SigningKey::from_pkcs8_der(&key.private_key).expect("a key");
        sign(data, &key.certificate, &signing_key, now, Content::Detached).expect("signs")
    };
    let trust = ca.trust().expect("trusted");
    let ecdsa = signed_with(ca.key(holder.iin, Purpose::Signing, Standing::Valid).expect("key"));
    let gost =
        signed_with(ca.gost_key(holder.iin, Purpose::Signing, Standing::Valid).expect("key"));

    // The national CA's RSA signer of 2021 and GOST signer of 2022, each at a time inside its
    // certificate's validity, under that CA alone.
    let mut rsa_trust = TrustStore::default();
    rsa_trust.add_certificate(nca("ncanode/ca/nca_rsa_test.crt")).expect("the RSA test CA");
    let mut gost_trust = TrustStore::default();
    gost_trust.add_certificate(nca("ca/root_test_gost_2022.cer")).expect("the GOST root");
    gost_trust.add_intermediate(nca("ca/nca_gost2022_test.cer"));
    gost_trust.add_crl(&nca("ncanode/crl/nca_gost2022_test.crl")).expect("its CRL");

    let rows = [
        ("ECDSA P-256 (test CA)", time(&ecdsa, Some(data), &trust, now)),
        ("GOST 34.10-2015 (test CA)", time(&gost, Some(data), &trust, now)),
        // No CRL of NCA's RSA test CA covers the signer's year (the one kept is of 2022): its
        // revocation is left to OCSP, as a portal with a responder judges it.
        (
            "RSA-2048 (NCA's CMS of 2021, no CRL)",
            timed(
                &nca("ncanode/SIGNED_CMS_ONE_SIGNER.der"),
                None,
                &rsa_trust,
                1_625_000_000,
                Revocation::CrlWhereKnown,
            ),
        ),
        (
            "GOST 34.10-2015 (NCA's CMS of 2022)",
            time(
                &nca("ncanode/SIGNED_DETACHED_CMS.der"),
                Some(b"test123"),
                &gost_trust,
                1_664_582_400,
            ),
        ),
    ];
    let ecdsa_time = rows[0].1.as_secs_f64();
    println!("{:<38} {:>12} {:>12}", "one filing's signature, verified", "mean", "÷ ECDSA");
    for (what, mean) in rows {
        println!(
            "{what:<38} {:>9.2} ms {:>11.1}×",
            mean.as_secs_f64() * 1000.0,
            mean.as_secs_f64() / ecdsa_time
        );
    }
}
