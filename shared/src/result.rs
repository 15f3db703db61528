//! The result of a service as data: a certificate from the service's template, or a motivated
//! refusal with its grounds. The specialist chooses which when drafting; the number and the dates
//! are given when the head signs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::catalog::ServiceCode;
use crate::form::{self, FieldType, Kind};
use crate::lang::Lang;
use crate::lang::Text;

/// What the provider answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Outcome {
    /// The service is rendered: a certificate (справка, свидетельство, архивная справка).
    Certificate,
    /// A motivated refusal, whose grounds the applicant reads.
    Refusal,
    /// The written motivated refusal to go on with an incomplete package, given within the
    /// completeness check (003 p. 5): numbered and signed by the head like any result, and handed
    /// to the applicant through the channel they came by.
    Incomplete,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Certificate, Outcome::Refusal, Outcome::Incomplete];

    /// The name the API and the database use (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Certificate => "certificate",
            Outcome::Refusal => "refusal",
            Outcome::Incomplete => "incomplete",
        }
    }

    /// A refusal of either kind: the document states its grounds, not the request's particulars.
    pub fn is_refusal(self) -> bool {
        self != Outcome::Certificate
    }
}

/// How a provider numbers its documents of one kind, within a year: «N 0007-АЖ».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    pub digits: usize,
    pub suffix: &'static str,
}

impl Numbering {
    /// The document's number from its place in the year's sequence (counted from 1).
    pub fn number(self, sequence: u32) -> String {
        format!("N {sequence:0width$}{suffix}", width = self.digits, suffix = self.suffix)
    }
}

/// How long a certificate holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Indefinite,
    /// Until 31 December of the year it was signed in (regulation 001, foreign media).
    UntilEndOfYear,
}

impl Validity {
    /// The last day of validity of a document signed at `signed_at` (Unix seconds).
    pub fn until(self, signed_at: i64) -> Option<Date> {
        match self {
            Validity::Indefinite => None,
            Validity::UntilEndOfYear => Date::new(Date::in_kazakhstan(signed_at).year(), 12, 31),
        }
    }
}

/// The document a service's result is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub title: Text,
    pub numbering: Numbering,
    pub validity: Validity,
    /// What the regulation's form prints under the title, with `{field}` standing for the
    /// request's values (001: the region it is registered in); `None` where it prints nothing.
    pub heading: Option<Text>,
    /// The text the regulation's form of the certificate states, with `{field}` standing for the
    /// request's values (`{title}`, `{territory}`); `None` where the regulation gives none.
    pub statement: Option<Text>,
    /// Whether the form prints «Қосымша: __ бет» (001): the pages attached, which the specialist
    /// counts when drafting.
    pub appendix: bool,
}

/// The most pages an appendix may have: more is a typing slip, not a certificate's attachment.
pub const MOST_APPENDIX_PAGES: u16 = 999;

/// Why the specialist's count of appendix pages is refused.
pub const APPENDIX_PAGES_NEEDED: Text = Text::new(
    "Анықтамаға қоса берілетін беттер санын 0-ден 999-ға дейінгі бүтін санмен жазыңыз (қосымша болмаса — 0).",
    "Укажите число страниц приложения к справке целым числом от 0 до 999 (если приложения нет — 0).",
);

/// A certificate's template: its title, numbered with `digits` and `suffix` in a year's
/// sequence, valid so long, with no heading or statement of its own.
pub const fn certificate(title: Text, suffix: &'static str, validity: Validity) -> Template {
    Template {
        title,
        numbering: Numbering { digits: 4, suffix },
        validity,
        heading: None,
        statement: None,
        appendix: false,
    }
}

impl Template {
    /// The heading under the title with the request's values put in.
    pub fn heading_for(&self, kind: &Kind, form: &BTreeMap<String, String>) -> Option<Text> {
        self.heading.as_ref().map(|text| filled(text, kind, form))
    }

    /// The statement with the request's values put in.
    pub fn statement_for(&self, kind: &Kind, form: &BTreeMap<String, String>) -> Option<Text> {
        self.statement.as_ref().map(|text| filled(text, kind, form))
    }

    /// The count of appendix pages the drafted document carries: the specialist's count where the
    /// form prints the line, nothing where it does not (a count given anyway is dropped).
    pub fn appendix_pages(&self, given: Option<u16>) -> Result<Option<u16>, Text> {
        match given {
            _ if !self.appendix => Ok(None),
            Some(pages) if pages <= MOST_APPENDIX_PAGES => Ok(Some(pages)),
            _ => Err(APPENDIX_PAGES_NEEDED),
        }
    }
}

/// `text` with each `{field}` of `kind` replaced by the request's value, a choice by its label in
/// the text's language.
fn filled(text: &Text, kind: &Kind, form: &BTreeMap<String, String>) -> Text {
    let fill = |text: &str, lang: Lang| {
        kind.fields.iter().fold(text.to_owned(), |text, field| {
            let Some(value) = form.get(field.id).map(|v| v.trim()) else { return text };
            let shown = match field.kind {
                FieldType::Choice(choices) => {
                    choices.iter().find(|c| c.value == value).map_or(value, |c| c.label.get(lang))
                }
                _ => value,
            };
            text.replace(&format!("{{{}}}", field.id), shown)
        })
    };
    Text { kk: fill(&text.kk, Lang::Kk).into(), ru: fill(&text.ru, Lang::Ru).into() }
}

/// The motivated refusal, the same for every service.
pub const REFUSAL: Template = Template {
    title: Text::new(
        "Мемлекеттік қызмет көрсетуден дәлелді бас тарту",
        "Мотивированный отказ в оказании государственной услуги",
    ),
    numbering: Numbering { digits: 4, suffix: "-ДБ" },
    validity: Validity::Indefinite,
    heading: None,
    statement: None,
    appendix: false,
};

/// The refusal to go on with an incomplete package, numbered in a sequence of its own (the store
/// counts each outcome apart).
pub const INCOMPLETE: Template = Template {
    title: Text::new(
        "Құжаттар топтамасы толық болмағандықтан өтінішті одан әрі қараудан дәлелді бас тарту",
        "Мотивированный отказ в дальнейшем рассмотрении заявления в связи с неполнотой документов",
    ),
    numbering: Numbering { digits: 4, suffix: "-ТБ" },
    validity: Validity::Indefinite,
    heading: None,
    statement: None,
    appendix: false,
};

/// The template of the result for a service's kind.
pub fn template(service: ServiceCode, kind: &str, outcome: Outcome) -> Template {
    match outcome {
        Outcome::Refusal => REFUSAL,
        Outcome::Incomplete => INCOMPLETE,
        // A stored request's kind is one its service declares; the first stands in otherwise.
        Outcome::Certificate => {
            let kinds = form::kinds(service);
            form::kind(service, kind).or(kinds.first()).map_or(REFUSAL, |k| k.certificate.clone())
        }
    }
}

/// What anyone learns about a result document from `/verify`: whether it is one the portal issued,
/// unchanged, and if so what it is. The holder's name is masked: a stranger holding the paper
/// learns that it is genuine, not whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentCheck {
    pub authentic: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentFacts>,
}

/// An issued document, as `/verify` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentFacts {
    /// The request it answers.
    pub request: String,
    /// «N 0001-АЖ».
    pub number: String,
    /// When the head signed it (Unix seconds).
    pub signed_at: i64,
    pub issuer: Text,
    pub service: Text,
    pub title: Text,
    pub outcome: Outcome,
    /// «Н*** А*** С***».
    pub holder: String,
}

/// A name with each word cut to its first letter: enough to recognise, not to identify.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .map(|first| format!("{first}***"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_name_keeps_only_first_letters() {
        assert_eq!(mask_name("Нұрланова  Айгүл Серікқызы"), "Н*** А*** С***");
        assert_eq!(mask_name(""), "");
    }
    use crate::form::kinds;

    #[test]
    fn every_kind_has_a_titled_certificate_and_the_refusal() {
        for service in ServiceCode::ALL {
            for kind in kinds(service) {
                for outcome in Outcome::ALL {
                    let template = template(service, kind.code, outcome);
                    assert!(!template.title.is_incomplete(), "{service:?} {}", kind.code);
                }
            }
        }
        let registration =
            template(ServiceCode::PeriodicalsRegistration, "registration", Outcome::Certificate);
        let again =
            template(ServiceCode::PeriodicalsRegistration, "re-registration", Outcome::Certificate);
        assert_ne!(registration.title, again.title);
    }

    #[test]
    fn a_foreign_media_certificate_is_numbered_and_holds_until_the_end_of_the_year() {
        let media = template(ServiceCode::ForeignMedia, "registration", Outcome::Certificate);
        assert_eq!(media.numbering.number(7), "N 0007-АЖ");
        assert_eq!(media.numbering.number(12345), "N 12345-АЖ");
        // Signed at 23:30 on 31 December 2026 in Astana (18:30 UTC): still that year.
        let new_year_eve =
            Date::new(2026, 12, 31).unwrap().start_in_kazakhstan() + 23 * 3600 + 1800;
        assert_eq!(media.validity.until(new_year_eve), Date::new(2026, 12, 31));
        // Signed at 00:30 on 1 January 2027 in Astana, which is still 2026 in UTC.
        let new_year = Date::new(2027, 1, 1).unwrap().start_in_kazakhstan() + 1800;
        assert_eq!(media.validity.until(new_year), Date::new(2027, 12, 31));
        let archive = template(ServiceCode::ArchivalCertificate, "salary", Outcome::Certificate);
        assert_eq!(archive.validity.until(new_year), None);
        assert_eq!(REFUSAL.numbering.number(1), "N 0001-ДБ");
    }

    #[test]
    fn only_001s_certificate_counts_appendix_pages_001_appendix_5() {
        let media = template(ServiceCode::ForeignMedia, "registration", Outcome::Certificate);
        assert_eq!(media.appendix_pages(Some(3)), Ok(Some(3)));
        assert_eq!(media.appendix_pages(Some(0)), Ok(Some(0)));
        assert_eq!(media.appendix_pages(Some(MOST_APPENDIX_PAGES)), Ok(Some(999)));
        assert_eq!(media.appendix_pages(Some(1000)), Err(APPENDIX_PAGES_NEEDED));
        assert_eq!(media.appendix_pages(None), Err(APPENDIX_PAGES_NEEDED));
        // Its refusal, and every other service's certificate, print no such line.
        let refusal = template(ServiceCode::ForeignMedia, "registration", Outcome::Refusal);
        assert_eq!(refusal.appendix_pages(Some(3)), Ok(None));
        for service in ServiceCode::ALL.into_iter().filter(|s| *s != ServiceCode::ForeignMedia) {
            for kind in kinds(service) {
                let certificate = template(service, kind.code, Outcome::Certificate);
                assert_eq!(certificate.appendix_pages(None), Ok(None), "{service:?}");
            }
        }
    }
}
