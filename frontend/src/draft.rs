//! The filing form's rules that need no browser: what the registry fills in when the applicant
//! changes, which field to show first when sending finds a mistake, and what comes after a draft
//! is saved. Plain data, tested on the host.

use std::collections::BTreeMap;

use qyzmet_shared::attachment;
use qyzmet_shared::form::{self, FieldError, Kind};
use qyzmet_shared::registry::{RegistryRecord, prefill};
use qyzmet_shared::request::RequestView;

/// The fields to set when the applicant's registry record changes from `before` to `after`, and
/// their new values: those left empty, and those still showing what `before` filled (the person
/// did not type over them). As the server does in a new draft, but also when the applicant is
/// changed on the form.
pub fn refill(
    kind: &Kind,
    typed: &BTreeMap<&str, String>,
    before: Option<&RegistryRecord>,
    after: Option<&RegistryRecord>,
) -> Vec<(&'static str, String)> {
    let known =
        |record: Option<&RegistryRecord>| record.map(|r| prefill(kind, r)).unwrap_or_default();
    let (before, after) = (known(before), known(after));
    kind.fields
        .iter()
        .filter(|field| {
            let typed = typed.get(field.id).map_or("", |v| v.trim());
            typed.is_empty() || before.get(field.id).is_some_and(|b| b == typed)
        })
        .map(|field| (field.id, after.get(field.id).cloned().unwrap_or_default()))
        .collect()
}

/// The first field whose typed value its declaration refuses: where the cursor goes.
pub fn first_wrong(kind: &Kind, typed: &BTreeMap<&str, String>) -> Option<&'static str> {
    kind.fields
        .iter()
        .find(|field| form::check(field, typed.get(field.id).map_or("", |v| v.trim())).is_some())
        .map(|field| field.id)
}

/// What follows a draft saved on the way to filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// The package is complete: sign this draft, the exact filing the signature covers.
    Sign,
    /// A document the package needs is missing: its file input is where to go.
    Attach(String),
}

/// The documents a saved draft still lacks (the rule the server keeps), and what comes next.
pub fn after_save(draft: &RequestView) -> (Vec<FieldError>, Next) {
    let absent = form::kind(draft.service, &draft.kind)
        .map(|kind| attachment::missing(kind, &draft.applicant_id_number, &draft.attachments))
        .unwrap_or_default();
    let next = absent.first().map_or(Next::Sign, |m| Next::Attach(format!("document-{}", m.field)));
    (absent, next)
}

#[cfg(test)]
mod tests {
    use qyzmet_shared::catalog::ServiceCode;

    use super::*;

    fn person(surname: &str) -> RegistryRecord {
        RegistryRecord::Individual {
            iin: "850315400124".to_owned(),
            surname: surname.to_owned(),
            given_name: "Айгүл".to_owned(),
            patronymic: String::new(),
            birth_date: "1985-03-15".to_owned(),
        }
    }

    #[test]
    fn the_registry_fills_what_is_empty_or_still_its_own_and_keeps_what_was_typed() {
        let kind = form::kind(ServiceCode::ArchivalCertificate, "salary").unwrap();
        let before = person("Нұрланова");
        let typed = BTreeMap::from([
            ("surname", "Нұрланова".to_owned()),
            ("given_name", "Айгуль".to_owned()),
            ("organisation", "«Қазақтелеком» АҚ".to_owned()),
        ]);
        let after = person("Сейітова");
        let set: BTreeMap<_, _> =
            refill(kind, &typed, Some(&before), Some(&after)).into_iter().collect();
        // Filled by the previous record: the new one's. Typed over: kept (not in the list).
        assert_eq!(set.get("surname").map(String::as_str), Some("Сейітова"));
        assert!(!set.contains_key("given_name") && !set.contains_key("organisation"));
        // Empty: filled, or left empty where the registry knows nothing.
        assert_eq!(set.get("birth_date").map(String::as_str), Some("1985-03-15"));
        assert_eq!(set.get("patronymic").map(String::as_str), Some(""));
        // A stranger to the registry empties what the previous record filled.
        let cleared: BTreeMap<_, _> =
            refill(kind, &typed, Some(&before), None).into_iter().collect();
        assert_eq!(cleared.get("surname").map(String::as_str), Some(""));
    }

    #[test]
    fn the_cursor_goes_to_the_first_field_its_declaration_refuses() {
        let kind = form::kind(ServiceCode::ArchivalCertificate, "salary").unwrap();
        let mut typed = BTreeMap::from([("phone", "8 701".to_owned())]);
        assert_eq!(first_wrong(kind, &typed), Some("surname"), "required, empty");
        for (id, value) in [
            ("surname", "Нұрланова"),
            ("given_name", "Айгүл"),
            ("birth_date", "1985-03-15"),
            ("organisation", "«Қазақтелеком» АҚ"),
            ("period_from", "2005-01-01"),
            ("period_to", "2010-12-31"),
        ] {
            typed.insert(id, value.to_owned());
        }
        assert_eq!(first_wrong(kind, &typed), Some("phone"));
        typed.insert("phone", "+7 701 234 56 78".to_owned());
        assert_eq!(first_wrong(kind, &typed), None);
    }
}
