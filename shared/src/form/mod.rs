//! Request forms as data: each kind of each service declares its fields (type, limits, whether
//! required, help text) and the scanned documents to attach. `validate` is the one rule the
//! browser runs as the person types and the server runs as the authority.

mod printable;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use printable::{PRINTABLE, is_printable, unprintable, unprintable_message};

use crate::calendar::Date;
use crate::catalog::ServiceCode;
use crate::id::{Bin, Iin};
use crate::lang::Text;

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub value: &'static str,
    pub label: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "spec", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FieldType {
    /// One line of text, at most `max` characters.
    Text {
        max: usize,
    },
    /// Several lines, at most `max` characters.
    LongText {
        max: usize,
    },
    Choice(&'static [Choice]),
    /// A date as `YYYY-MM-DD` (what `<input type="date">` gives).
    Date,
    /// A Kazakhstan phone number: +7 and ten digits.
    Phone,
    Email,
    /// A whole number within bounds.
    Number {
        min: u64,
        max: u64,
    },
    Iin,
    Bin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Field {
    pub id: &'static str,
    pub label: Text,
    pub help: Option<Text>,
    pub kind: FieldType,
    pub required: bool,
}

/// A scanned document to attach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Document {
    pub id: &'static str,
    pub label: Text,
    pub need: Need,
}

/// When a document must be in the package for it to be complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Need {
    Always,
    /// When the applicant is a person, not a company.
    Individuals,
    /// When the applicant has one.
    IfAny,
}

impl Need {
    /// Whether the applicant with this IIN/BIN must attach it.
    pub fn applies_to(self, applicant: &str) -> bool {
        match self {
            Need::Always => true,
            Need::Individuals => {
                !matches!(crate::id::IdNumber::parse(applicant), Ok(crate::id::IdNumber::Bin(_)))
            }
            Need::IfAny => false,
        }
    }
}

/// A kind of a service (registration or re-registration; a type of archival certificate …).
/// Serialised for integrators in `GET /api/v1/catalog` (the browser uses the declarations compiled in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Kind {
    pub code: &'static str,
    pub title: Text,
    pub fields: &'static [Field],
    pub documents: &'static [Document],
    /// The document a certificate of this kind is made from (a refusal has its own).
    #[serde(skip)]
    pub certificate: crate::result::Template,
}

/// The kinds of a service, as its regulation declares them; every service has at least one.
pub fn kinds(service: ServiceCode) -> &'static [Kind] {
    service.def().kinds
}

/// The kind of a service with this code.
pub fn kind(service: ServiceCode, code: &str) -> Option<&'static Kind> {
    kinds(service).iter().find(|k| k.code == code)
}

/// A value that does not fit its field, with the message to show next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: Text,
}

/// Checks typed values against a kind's form. Every field is checked; unknown fields are errors
/// (the server never stores what no form declares).
pub fn validate(kind: &Kind, values: &BTreeMap<String, String>) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = kind
        .fields
        .iter()
        .filter_map(|field| {
            let value = values.get(field.id).map_or("", |v| v.trim());
            check(field, value).map(|message| FieldError { field: field.id.to_owned(), message })
        })
        .collect();
    for name in values.keys().filter(|name| !kind.fields.iter().any(|f| f.id == name.as_str())) {
        errors.push(FieldError {
            field: name.clone(),
            message: Text::new("Мұндай өріс бұл нысанда жоқ.", "Такого поля нет в этой форме."),
        });
    }
    errors
}

/// What is wrong with one value, if anything.
pub fn check(field: &Field, value: &str) -> Option<Text> {
    if value.is_empty() {
        return field.required.then_some(Text::new(
            "Міндетті өріс: толтырыңыз.",
            "Обязательное поле: заполните его.",
        ));
    }
    match field.kind {
        FieldType::Text { max } | FieldType::LongText { max } if value.chars().count() > max => {
            Some(too_long(max))
        }
        FieldType::Text { .. } | FieldType::LongText { .. } => {
            let unprintable = unprintable(value);
            (!unprintable.is_empty()).then(|| unprintable_message(&unprintable))
        }
        FieldType::Choice(choices) => (!choices.iter().any(|c| c.value == value))
            .then_some(Text::new("Тізімнен мәнді таңдаңыз.", "Выберите значение из списка.")),
        FieldType::Date => Date::parse(value).is_none().then_some(Text::new(
            "Бар күнді сандармен жазыңыз: күні, айы, жылы (мысалы, 27 3 2007).",
            "Введите существующую дату цифрами: день, месяц, год (например, 27 3 2007).",
        )),
        FieldType::Phone => (!is_phone(value)).then(phone_mistake),
        FieldType::Email => (!is_email(value)).then_some(Text::new(
            "Электрондық поштаны name@example.kz түрінде енгізіңіз.",
            "Введите электронную почту в виде name@example.kz.",
        )),
        FieldType::Number { min, max } => match value.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => None,
            _ => Some(Text {
                kk: format!("{min} мен {max} арасындағы бүтін санды енгізіңіз.").into(),
                ru: format!("Введите целое число от {min} до {max}.").into(),
            }),
        },
        FieldType::Iin => Iin::parse(value).err().map(crate::IdError::message),
        FieldType::Bin => Bin::parse(value).err().map(crate::IdError::message),
    }
}

fn too_long(max: usize) -> Text {
    Text {
        kk: format!("Ең көбі {max} таңба.").into(),
        ru: format!("Не более {max} символов.").into(),
    }
}

/// What to do about a phone that is not +7 and ten digits.
pub(crate) fn phone_mistake() -> Text {
    Text::new(
        "Телефонды +7 және 10 цифр түрінде енгізіңіз, мысалы +7 701 234 56 78.",
        "Введите телефон как +7 и 10 цифр, например +7 701 234 56 78.",
    )
}

/// A Kazakhstan phone number: +7 and ten digits, spaces, dashes and brackets aside.
pub(crate) fn is_phone(value: &str) -> bool {
    let digits: String = value.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    digits
        .strip_prefix("+7")
        .is_some_and(|rest| rest.len() == 10 && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// A mailbox address as mail servers take it (RFC 5321 §4.1.2, the dot-atom form, no quoted
/// local parts or address literals): `name@example.kz`. One `@`; a local part of at most 64
/// characters, atoms joined by single dots; a domain of at least two labels of letters, digits and
/// inner hyphens, each at most 63 characters, the last not all digits; 254 characters in all.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else { return false };
    let atom_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let local_ok = (1..=64).contains(&local.len())
        && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atom_char));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let top_ok = labels.last().is_some_and(|top| !top.chars().all(|c| c.is_ascii_digit()));
    value.len() <= 254 && local_ok && labels.len() >= 2 && labels.iter().all(label_ok) && top_ok
}

#[cfg(test)]
mod tests;
