//! A CMS signature as a stranger sends it (a filing, a sign-in, `POST /signatures/verify`):
//! whatever the bytes, verification answers a signer or a refusal, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use qyzmet_backend::signatures::{TrustStore, signer_certificates, verify};
use qyzmet_shared::signature::Purpose;

/// 2022-10-01 00:00 UTC: the national CA's 2022 test keys and CRL are in force, so a mutated seed
/// goes as far as the chain and the signature.
const IN_2022: i64 = 1_664_582_400;

fn nca(path: &str) -> Vec<u8> {
    let path = format!("{}/../../shared/testdata/nca/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The national CA's test root and issuing CA of 2022 with its CRL, as the portal trusts them.
fn trust() -> &'static TrustStore {
    static TRUST: OnceLock<TrustStore> = OnceLock::new();
    TRUST.get_or_init(|| {
        let mut trust = TrustStore::default();
        trust.add_certificate(nca("ca/root_test_gost_2022.cer")).expect("the root");
        trust.add_intermediate(nca("ca/nca_gost2022_test.cer"));
        trust.add_crl(&nca("ncanode/crl/nca_gost2022_test.crl")).expect("the CRL");
        trust
    })
}

fuzz_target!(|cms: &[u8]| {
    let _ = signer_certificates(cms);
    for data in [None, Some(&b"test123"[..])] {
        if let Ok(verified) = verify(cms, data, trust(), IN_2022, Purpose::Signing, None) {
            assert!(data.is_none_or(|data| verified.data == data), "verified other data");
        }
    }
});
