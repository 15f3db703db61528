//! A request form as typed (or as a script sends it to `PUT /requests/{n}/form`): whatever the
//! values, validation answers field by field, never a panic, and every value it accepts is one the
//! PDF fonts can print (the application and the result are printed from them).
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::form::{kinds, unprintable, validate};

fuzz_target!(|input: &[u8]| {
    let Some((&choice, rest)) = input.split_first() else { return };
    let service = ServiceCode::ALL[usize::from(choice) % ServiceCode::ALL.len()];
    let kinds = kinds(service);
    let kind = &kinds[usize::from(choice >> 2) % kinds.len()];
    let text = String::from_utf8_lossy(rest);
    let mut values: BTreeMap<String, String> = kind
        .fields
        .iter()
        .zip(text.split('\0'))
        .map(|(field, value)| (field.id.to_owned(), value.to_owned()))
        .collect();
    if let Some(stranger) = text.split('\0').nth(kind.fields.len()) {
        values.insert(stranger.to_owned(), String::new());
    }
    let errors = validate(kind, &values);
    for (field, value) in &values {
        if errors.iter().any(|error| &error.field == field) {
            continue;
        }
        assert!(kind.fields.iter().any(|f| f.id == field), "unknown field {field:?} accepted");
        assert!(unprintable(value.trim()).is_empty(), "{field}: {value:?} accepted, unprintable");
    }
});
