//! What the state registries (of individuals, of legal entities) say about an applicant, and the
//! form fields that are filled from it rather than typed. The server fills them in a new draft;
//! the browser shows them filled before the first save — the same rule on both sides.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::form::Kind;
use crate::lang::Text;

/// `GET /api/v1/registry/me`: the signed-in applicant as the registry knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "subject", rename_all = "snake_case")]
pub enum RegistryRecord {
    Individual {
        iin: String,
        surname: String,
        given_name: String,
        patronymic: String,
        /// `YYYY-MM-DD`.
        birth_date: String,
    },
    LegalEntity {
        bin: String,
        name: Text,
        /// The IIN of the head, who may act for it.
        head_iin: String,
    },
}

impl RegistryRecord {
    /// A person's full name as documents write it: surname, given name, patronymic (when they
    /// have one); `None` for a company.
    pub fn person_name(&self) -> Option<String> {
        match self {
            RegistryRecord::Individual { surname, given_name, patronymic, .. } => Some(
                [surname, given_name, patronymic]
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            RegistryRecord::LegalEntity { .. } => None,
        }
    }

    /// The name an account opened from this record carries: a person's full name, a company's
    /// in both languages (`kk / ru`).
    pub fn account_name(&self) -> String {
        match self {
            RegistryRecord::LegalEntity { name, .. } => format!("{} / {}", name.kk, name.ru),
            RegistryRecord::Individual { .. } => self.person_name().unwrap_or_default(),
        }
    }

    pub fn subject(&self) -> crate::Subject {
        match self {
            RegistryRecord::Individual { .. } => crate::Subject::Individual,
            RegistryRecord::LegalEntity { .. } => crate::Subject::LegalEntity,
        }
    }
}

/// The values a kind's form takes from the registry: only fields the form declares, only facts
/// the registry has.
pub fn prefill(kind: &Kind, record: &RegistryRecord) -> BTreeMap<String, String> {
    let facts: Vec<(&str, &str)> = match record {
        RegistryRecord::Individual { surname, given_name, patronymic, birth_date, .. } => vec![
            ("surname", surname),
            ("given_name", given_name),
            ("patronymic", patronymic),
            ("birth_date", birth_date),
        ],
        RegistryRecord::LegalEntity { bin, .. } => vec![("owner_bin", bin)],
    };
    facts
        .into_iter()
        .filter(|(id, value)| !value.is_empty() && kind.fields.iter().any(|f| f.id == *id))
        .map(|(id, value)| (id.to_owned(), value.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ServiceCode;
    use crate::form::{kind, validate};

    fn person() -> RegistryRecord {
        RegistryRecord::Individual {
            iin: "850315400124".to_owned(),
            surname: "Нұрланова".to_owned(),
            given_name: "Айгүл".to_owned(),
            patronymic: String::new(),
            birth_date: "1985-03-15".to_owned(),
        }
    }

    #[test]
    fn a_person_fills_the_personal_fields_their_form_declares_and_they_pass_its_check() {
        let salary = kind(ServiceCode::ArchivalCertificate, "salary").unwrap();
        let filled = prefill(salary, &person());
        assert_eq!(
            filled.keys().map(String::as_str).collect::<Vec<_>>(),
            ["birth_date", "given_name", "surname"],
            "no patronymic in the registry, nothing typed for it"
        );
        let mistakes = validate(salary, &filled);
        assert!(mistakes.iter().all(|m| !filled.contains_key(&m.field)), "{mistakes:?}");
        // A form without personal fields takes nothing.
        let media = kind(ServiceCode::ForeignMedia, "registration").unwrap();
        assert!(prefill(media, &person()).is_empty());
    }

    #[test]
    fn a_company_fills_the_owner_bin() {
        let company = RegistryRecord::LegalEntity {
            bin: "150440002179".to_owned(),
            name: Text::new("«Дала Медиа» ЖШС", "ТОО «Дала Медиа»"),
            head_iin: "920711300344".to_owned(),
        };
        let registration = kind(ServiceCode::PeriodicalsRegistration, "registration").unwrap();
        let filled = prefill(registration, &company);
        assert_eq!(filled.get("owner_bin").map(String::as_str), Some("150440002179"));
        let json = serde_json::to_value(&company).unwrap();
        assert_eq!(json["subject"], "legal_entity");
    }
}
