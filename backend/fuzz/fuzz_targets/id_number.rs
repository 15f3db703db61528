//! An IIN or BIN as typed: whatever the text, parsing answers a number or a reason, and a number
//! parsed prints back as the same twelve digits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qyzmet_shared::id::{Bin, IdNumber, Iin};

fuzz_target!(|typed: &str| {
    let Ok(number) = IdNumber::parse(typed) else {
        assert!(Iin::parse(typed).is_err() && Bin::parse(typed).is_err(), "{typed:?}");
        return;
    };
    let printed = number.to_string();
    assert_eq!(printed, typed.trim(), "{typed:?}");
    assert_eq!(IdNumber::parse(&printed).ok(), Some(number));
    if let Ok(iin) = Iin::parse(typed) {
        let _ = (iin.birth_date(), iin.sex());
    }
});
