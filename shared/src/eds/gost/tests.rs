//! Known answers: the standard's own examples (GOST R 34.10-2012, appendix A; the 256-bit one is
//! also RFC 7091 § 7.1), then the national CA's real certificates and CRLs, which this code did not
//! make: a wrong byte order, curve or hash anywhere fails them.

use crypto_bigint::{U256, U512};
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use super::*;

/// GOST R 34.10-2012 A.1: the 256-bit test curve, key, digest, nonce and signature.
#[test]
fn the_standards_256_bit_example_signs_and_verifies() {
    let curve = Curve::new(
        U256::from_be_hex("8000000000000000000000000000000000000000000000000000000000000431"),
        U256::from_u8(7),
        U256::from_be_hex("5fbff498aa938ce739b8e022fbafef40563f6e6a3472fc2a514c0ce9dae23b7e"),
        U256::from_be_hex("8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3"),
        U256::from_u8(2),
        U256::from_be_hex("08e2a8a0e65147d4bd6316030e16d19c85c97f0a9ca267122b96abbcea7e8fc8"),
    );
    let d = U256::from_be_hex("7a929ade789bb9be10ed359dd39a72c11b60961f49397eee1d19ce9891ec3b28");
    let qx = U256::from_be_hex("7f2b49e270db6d90d8595bec458b50c58585ba1d4e9b788f6689dbd8e56fd80b");
    let qy = U256::from_be_hex("26f1b489d6701dd185c8413a977b3cbbaf64d1c593d26627dffb101a87ff77da");
    let e = U256::from_be_hex("2dfbc1b372d89a1188c09c52e0eec61fce52032ab1022e8e67ece6672b043ee5");
    let k = U256::from_be_hex("77105c9b20bcd3122823c8cf6fcc7b956de33814e95b7fe64fed924594dceab3");
    let expected = Signature {
        r: U256::from_be_hex("41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493"),
        s: U256::from_be_hex("01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40"),
    };
    assert_eq!(curve.public_key(&d), Some((qx, qy)));
    assert_eq!(curve.sign(&d, &e, &k), Some(expected));
    assert!(curve.verify((&qx, &qy), &e, &expected));
    let other_digest = e.wrapping_add(&U256::ONE);
    assert!(!curve.verify((&qx, &qy), &other_digest, &expected));
    let other_r = Signature { r: expected.r.wrapping_add(&U256::ONE), ..expected };
    assert!(!curve.verify((&qx, &qy), &e, &other_r));
    assert!(!curve.verify((&qy, &qx), &e, &expected), "a point off the curve is no key");
}

/// GOST R 34.10-2012 A.2: the 512-bit test curve.
#[test]
fn the_standards_512_bit_example_signs_and_verifies() {
    let curve = Curve::new(
        U512::from_be_hex(concat!(
            "4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15d",
            "f1d852741af4704a0458047e80e4546d35b8336fac224dd81664bbf528be6373"
        )),
        U512::from_u8(7),
        U512::from_be_hex(concat!(
            "1cff0806a31116da29d8cfa54e57eb748bc5f377e49400fdd788b649eca1ac43",
            "61834013b2ad7322480a89ca58e0cf74bc9e540c2add6897fad0a3084f302adc"
        )),
        U512::from_be_hex(concat!(
            "4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15d",
            "a82f2d7ecb1dbac719905c5eecc423f1d86e25edbe23c595d644aaf187e6e6df"
        )),
        U512::from_be_hex(concat!(
            "24d19cc64572ee30f396bf6ebbfd7a6c5213b3b3d7057cc825f91093a68cd762",
            "fd60611262cd838dc6b60aa7eee804e28bc849977fac33b4b530f1b120248a9a"
        )),
        U512::from_be_hex(concat!(
            "2bb312a43bd2ce6e0d020613c857acddcfbf061e91e5f2c3f32447c259f39b2c",
            "83ab156d77f1496bf7eb3351e1ee4e43dc1a18b91b24640b6dbb92cb1add371e"
        )),
    );
    let d = U512::from_be_hex(concat!(
        "0ba6048aadae241ba40936d47756d7c93091a0e8514669700ee7508e508b1020",
        "72e8123b2200a0563322dad2827e2714a2636b7bfd18aadfc62967821fa18dd4"
    ));
    let qx = U512::from_be_hex(concat!(
        "115dc5bc96760c7b48598d8ab9e740d4c4a85a65be33c1815b5c320c854621dd",
        "5a515856d13314af69bc5b924c8b4ddff75c45415c1d9dd9dd33612cd530efe1"
    ));
    let qy = U512::from_be_hex(concat!(
        "37c7c90cd40b0f5621dc3ac1b751cfa0e2634fa0503b3d52639f5d7fb72afd61",
        "ea199441d943ffe7f0c70a2759a3cdb84c114e1f9339fdf27f35eca93677beec"
    ));
    let e = U512::from_be_hex(concat!(
        "3754f3cfacc9e0615c4f4a7c4d8dab531b09b6f9c170c533a71d147035b0c591",
        "7184ee536593f4414339976c647c5d5a407adedb1d560c4fc6777d2972075b8c"
    ));
    let k = U512::from_be_hex(concat!(
        "0359e7f4b1410feacc570456c6801496946312120b39d019d455986e364f3658",
        "86748ed7a44b3e794434006011842286212273a6d14cf70ea3af71bb1ae679f1"
    ));
    let expected = Signature {
        r: U512::from_be_hex(concat!(
            "2f86fa60a081091a23dd795e1e3c689ee512a3c82ee0dcc2643c78eea8fcacd3",
            "5492558486b20f1c9ec197c90699850260c93bcbcd9c5c3317e19344e173ae36"
        )),
        s: U512::from_be_hex(concat!(
            "1081b394696ffe8e6585e7a9362d26b6325f56778aadbc081c0bfbe933d52ff5",
            "823ce288e8c4f362526080df7f70ce406a6eeb1f56919cb92a9853bde73e5b4a"
        )),
    };
    assert_eq!(curve.public_key(&d), Some((qx, qy)));
    assert_eq!(curve.sign(&d, &e, &k), Some(expected));
    assert!(curve.verify((&qx, &qy), &e, &expected));
    let other_s = Signature { s: expected.s.wrapping_add(&U512::ONE), ..expected };
    assert!(!curve.verify((&qx, &qy), &e, &other_s));
}

/// The named curves' base points lie on them and have the order q: (q − 1)·G = −G.
#[test]
fn the_national_cas_curves_are_the_published_ones() {
    fn check<const L: usize>(curve: &Curve<L>, p: Uint<L>) {
        let (x, y) = curve.public_key(&Uint::ONE).unwrap();
        assert!(curve.contains(&x, &y));
        let minus_one = curve.order().wrapping_sub(&Uint::ONE);
        assert_eq!(curve.public_key(&minus_one), Some((x, p.wrapping_sub(&y))));
        assert_eq!(curve.public_key(curve.order()), None, "q is no private key");
    }
    check(
        &PARAM_SET_512_A,
        U512::MAX.wrapping_sub(&U512::from_u16(568)), // 2^512 − 569
    );
    check(&CRYPTOPRO_A, U256::MAX.wrapping_sub(&U256::from_u16(616)));
}

fn nca(path: &str) -> Vec<u8> {
    let path = format!("{}/testdata/nca/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // Some of the national CA's files are PEM.
    match std::str::from_utf8(&bytes) {
        Ok(text) if text.starts_with("-----BEGIN") => {
            let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap()
        }
        _ => bytes,
    }
}

fn key_of(certificate: &Certificate) -> Vec<u8> {
    let bits = certificate.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes();
    key_from_bits(bits).unwrap().to_vec()
}

/// `issuer` signed `certificate`: the national CA's own signature over the TBS bytes.
fn signed_by(certificate: &Certificate, issuer: &Certificate) -> Result<(), Invalid> {
    let algorithm = Algorithm::from_oid(&certificate.signature_algorithm.oid).unwrap();
    let tbs = certificate.tbs_certificate.to_der().unwrap();
    algorithm.verify(&key_of(issuer), &tbs, certificate.signature.raw_bytes())
}

#[test]
fn the_national_cas_gost_2015_certificates_and_crl_verify() {
    let root = Certificate::from_der(&nca("ca/root_test_gost_2022.cer")).unwrap();
    let intermediate = Certificate::from_der(&nca("ca/nca_gost2022_test.cer")).unwrap();
    assert_eq!(signed_by(&root, &root), Ok(()), "the root signs itself");
    assert_eq!(signed_by(&intermediate, &root), Ok(()));
    assert_eq!(signed_by(&intermediate, &intermediate), Err(Invalid::Signature));

    let production_root = Certificate::from_der(&nca("prod-ca/prod_root_gost_2022.der")).unwrap();
    let production = Certificate::from_der(&nca("prod-ca/prod_nca_gost_2022.der")).unwrap();
    assert_eq!(signed_by(&production, &production_root), Ok(()));
    assert_eq!(signed_by(&production, &root), Err(Invalid::Signature), "test ≠ production");

    let crl = CertificateList::from_der(&nca("crl/nca_gost2022_test.crl")).unwrap();
    let tbs = crl.tbs_cert_list.to_der().unwrap();
    let algorithm = Algorithm::from_oid(&crl.signature_algorithm.oid).unwrap();
    assert_eq!(algorithm, Algorithm::Gost2015);
    assert_eq!(algorithm.verify(&key_of(&intermediate), &tbs, crl.signature.raw_bytes()), Ok(()));

    // One changed byte of the signed bytes, or of the signature, and it fails.
    let mut changed = intermediate.tbs_certificate.to_der().unwrap();
    changed[40] ^= 1;
    let signature = intermediate.signature.raw_bytes();
    assert_eq!(
        Algorithm::Gost2015.verify(&key_of(&root), &changed, signature),
        Err(Invalid::Signature)
    );
    let mut forged = signature.to_vec();
    forged[0] ^= 1;
    let tbs = intermediate.tbs_certificate.to_der().unwrap();
    assert_eq!(Algorithm::Gost2015.verify(&key_of(&root), &tbs, &forged), Err(Invalid::Signature));
    assert_eq!(
        Algorithm::Gost2015.verify(&key_of(&root), &tbs, &signature[..127]),
        Err(Invalid::Signature)
    );
}

#[test]
fn the_national_cas_gost_2004_certificates_verify() {
    let ca = Certificate::from_der(&nca("ncanode/ca/nca_gost_test.crt")).unwrap();
    let holder = Certificate::from_der(&nca("ncanode/certs/ceo_valid_sign_2004_gost.cer")).unwrap();
    assert_eq!(Algorithm::from_oid(&holder.signature_algorithm.oid), Some(Algorithm::Gost2004));
    assert_eq!(signed_by(&holder, &ca), Ok(()));
    let root = Certificate::from_der(&nca("prod-ca/prod_root_gost_2020.der")).unwrap();
    assert_eq!(signed_by(&root, &root), Ok(()));
    for issued in ["prod-ca/prod_ucgo_gost.cer", "prod-ca/prod_btsd_gost.cer"] {
        let issued = Certificate::from_der(&nca(issued)).unwrap();
        assert_eq!(signed_by(&issued, &root), Ok(()));
    }
    assert_eq!(signed_by(&holder, &root), Err(Invalid::Signature));
}

/// What this module signs, it verifies, with keys of both sizes; the key is checked on the curve.
#[test]
fn signatures_made_here_verify_and_name_their_key() {
    for algorithm in Algorithm::ALL {
        let size = algorithm.size();
        let key: Vec<u8> = (1..=u8::try_from(size).unwrap()).collect();
        let nonce: Vec<u8> = (0..u8::try_from(size).unwrap()).map(|b| b.wrapping_mul(7)).collect();
        let public = algorithm.public_key(&key).unwrap();
        let signature = algorithm.sign(&key, b"Qyzmet", &nonce).unwrap();
        assert_eq!(signature.len(), 2 * size);
        assert_eq!(algorithm.verify(&public, b"Qyzmet", &signature), Ok(()));
        assert_eq!(algorithm.verify(&public, b"Qyzmeu", &signature), Err(Invalid::Signature));
        let mut off_curve = public.clone();
        off_curve[0] ^= 1;
        assert_eq!(algorithm.verify(&off_curve, b"Qyzmet", &signature), Err(Invalid::Key));
        assert_eq!(algorithm.verify(&public[1..], b"Qyzmet", &signature), Err(Invalid::Key));
    }
}
