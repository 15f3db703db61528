//! A key file (PKCS#12, BER) as a person picks it: whatever the bytes, opening it answers a key or
//! an error, never a panic, and a BER node never claims more bytes than it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qyzmet_shared::eds::keyfile::{self, ber};

/// The passwords of the national CA's test key files (2025 and NCANode's), so mutations of the
/// seeds reach the decryption.
const PASSWORDS: [&str; 2] = ["Qwerty12", "Aa123456"];

fuzz_target!(|file: &[u8]| {
    if let Ok((_, used)) = ber::parse(file) {
        assert!(used <= file.len(), "a node of {used} bytes read from {}", file.len());
    }
    for password in PASSWORDS {
        let _ = keyfile::open(file, password);
    }
});
