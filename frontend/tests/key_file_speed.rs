//! How long a GOST key file takes to open and to sign with in the browser: `cargo xtask bench`
//! runs this in headless Chromium (WebAssembly built as shipped, `wasm-release`). The key file is
//! the national CA's own test file of 2025 (GOST 34.10-2015, PKCS #12 with 3DES and RC2, BER);
//! the signature is Streebog-512 and GOST 34.10-2015 over a filing's bytes, checked afterwards.
#![cfg(target_arch = "wasm32")]

use qyzmet_shared::eds::{Content, keyfile, sign};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const KEY_FILE: &[u8] =
    include_bytes!("../../shared/testdata/nca/keys/gost2015-2025/individual/valid.p12");
/// The password NCA publishes for its test key files.
const PASSWORD: &str = "Qwerty12";
const ROUNDS: u32 = 5;
/// 20 October 2025: inside the key's validity (signing does not check it; kept honest anyway).
const SIGNED_AT: i64 = 1_760_918_400;

#[wasm_bindgen_test]
fn a_gost_key_file_opens_and_signs_in_the_browser() {
    let data = "Өтініш: ГОСТ 34.10-2015, Стрибог".as_bytes();
    let (mut opening, mut signing) = (0.0, 0.0);
    for _ in 0..ROUNDS {
        let started = js_sys::Date::now();
        let opened = keyfile::open(KEY_FILE, PASSWORD).expect("the key file opens");
        let opened_at = js_sys::Date::now();
        let cms = sign(data, &opened.certificate, &opened.key, SIGNED_AT, Content::Detached)
            .expect("the key signs");
        let signed_at = js_sys::Date::now();
        assert!(cms.len() > 1000, "a CMS with the certificate");
        opening += opened_at - started;
        signing += signed_at - opened_at;
    }
    let rounds = f64::from(ROUNDS);
    console_log!(
        "GOST key file in Chromium (WebAssembly, wasm-release): open {:.0} ms, sign {:.0} ms (mean of {ROUNDS})",
        opening / rounds,
        signing / rounds
    );
}
