//! Citizen service centres (ХҚО / ЦОН): where an operator files a request for a person at the
//! counter (regulations, "Channels", 2). What the operator records besides the form — the
//! applicant's phone and a representative acting under a notarised power of attorney — is checked
//! by the one rule here, in the browser and on the server.

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::form::{FieldError, is_email, is_phone, phone_mistake};
use crate::id::IdNumber;
use crate::lang::Text;

/// A centre: where its operators work and where the paper result is handed out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Centre {
    pub id: &'static str,
    pub name: Text,
    pub address: Text,
    /// When the result may be collected.
    pub hours: Text,
}

pub static CENTRES: [Centre; 2] = [
    Centre {
        id: "astana-esil",
        name: Text::new("Астана қаласы Есіл ауданының ХҚО", "ЦОН района Есиль города Астаны"),
        address: Text::new(
            "Астана қ., Мәңгілік Ел даңғылы, 8",
            "г. Астана, проспект Мангилик Ел, 8",
        ),
        hours: Text::new("дүйсенбі–жұма 09:00–20:00", "понедельник–пятница 09:00–20:00"),
    },
    Centre {
        id: "astana-saryarka",
        name: Text::new(
            "Астана қаласы Сарыарқа ауданының ХҚО",
            "ЦОН района Сарыарка города Астаны",
        ),
        address: Text::new("Астана қ., Жеңіс даңғылы, 5", "г. Астана, проспект Победы, 5"),
        hours: Text::new("дүйсенбі–жұма 09:00–20:00", "понедельник–пятница 09:00–20:00"),
    },
];

/// The centre with this id.
pub fn centre(id: &str) -> Option<&'static Centre> {
    CENTRES.iter().find(|c| c.id == id)
}

/// What the operator records at the counter besides the form (kept with the request, printed on
/// the receipt).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counter {
    /// The applicant's phone, for the receipt and for calls about the request.
    pub phone: String,
    /// Someone who brought the documents for the applicant under a notarised power of attorney.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<CounterRepresentative>,
}

/// A representative at the counter: their identity card is checked there and their notarised
/// power of attorney scanned, so they are recorded as the operator reads them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CounterRepresentative {
    pub iin: String,
    pub name: String,
    pub phone: String,
    /// The notarised power of attorney: its number and date, as written on it.
    pub power_of_attorney: String,
}

/// The longest name or power-of-attorney reference the counter takes.
const MAX_TEXT: usize = 200;

impl Counter {
    /// What is wrong, field by field (`phone`, `representative_iin`, `representative_name`,
    /// `representative_phone`, `power_of_attorney`), for the applicant with this IIN/BIN.
    pub fn mistakes(&self, applicant: &str) -> Vec<FieldError> {
        let mut mistakes = Vec::new();
        let mut wrong = |field: &str, message: Text| {
            mistakes.push(FieldError { field: field.to_owned(), message });
        };
        if !is_phone(self.phone.trim()) {
            wrong("phone", phone_mistake());
        }
        let Some(representative) = &self.representative else {
            return mistakes;
        };
        match IdNumber::parse(representative.iin.trim()) {
            Err(why) => wrong("representative_iin", why.message()),
            Ok(IdNumber::Bin(_)) => wrong(
                "representative_iin",
                Text::new(
                    "Өкіл — жеке тұлға: оның ЖСН-ын енгізіңіз.",
                    "Представитель — физическое лицо: введите его ИИН.",
                ),
            ),
            Ok(iin) if iin.to_string() == applicant => wrong(
                "representative_iin",
                Text::new(
                    "Өтініш беруші өзі келсе, өкіл көрсетілмейді.",
                    "Если заявитель пришёл сам, представителя не указывают.",
                ),
            ),
            Ok(_) => {}
        }
        let text_mistake = |value: &str, empty: Text| {
            let value = value.trim();
            if value.is_empty() {
                Some(empty)
            } else if value.chars().count() > MAX_TEXT {
                Some(Text::new("Ең көбі 200 таңба.", "Не более 200 символов."))
            } else {
                None
            }
        };
        if let Some(message) = text_mistake(
            &representative.name,
            Text::new(
                "Өкілдің аты-жөнін жеке куәлігіндегідей енгізіңіз.",
                "Введите ФИО представителя как в удостоверении личности.",
            ),
        ) {
            wrong("representative_name", message);
        }
        if !is_phone(representative.phone.trim()) {
            wrong("representative_phone", phone_mistake());
        }
        if let Some(message) = text_mistake(
            &representative.power_of_attorney,
            Text::new(
                "Нотариат куәландырған сенімхаттың нөмірі мен күнін енгізіңіз.",
                "Введите номер и дату нотариальной доверенности.",
            ),
        ) {
            wrong("power_of_attorney", message);
        }
        mistakes
    }
}

/// How a request filed at a counter shows: the centre, the operator who filed it, and what they
/// recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CounterView {
    /// The desk: the centre's id in `CENTRES`, or for a walk-in at the provider's own chancellery
    /// the provider's id.
    pub centre: String,
    pub operator_iin: String,
    pub operator_name: String,
    #[serde(flatten)]
    pub counter: Counter,
}

/// `POST /api/v1/requests/{number}/refusal`: a refusal receipt, issued instead of filing a
/// package that lacks documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefusalView {
    pub number: String,
    /// The document ids missing from the package.
    pub missing: Vec<String>,
    pub created_at: i64,
}

/// Which way a registry travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Direction {
    /// Packages filed at the centre, to the provider.
    ToProvider,
    /// Signed results, back to the centre.
    ToCsc,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::ToProvider => "to_provider",
            Direction::ToCsc => "to_csc",
        }
    }

    pub fn title(self) -> Text {
        match self {
            Direction::ToProvider => {
                Text::new("Құжаттар қызмет берушіге", "Документы услугодателю")
            }
            Direction::ToCsc => Text::new("Нәтижелер ХҚО-ға", "Результаты в ЦОН"),
        }
    }
}

/// Where a registry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RegistryState {
    /// With the courier: the receiving side has not marked it yet.
    Sent,
    /// Every listed document was there.
    Accepted,
    /// Something listed was missing: refused with the reason.
    Refused,
}

impl RegistryState {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistryState::Sent => "sent",
            RegistryState::Accepted => "accepted",
            RegistryState::Refused => "refused",
        }
    }

    pub fn title(self) -> Text {
        match self {
            RegistryState::Sent => Text::new("Жіберілді", "Отправлен"),
            RegistryState::Accepted => Text::new("Қабылданды", "Принят"),
            RegistryState::Refused => Text::new("Қабылданбады", "Не принят"),
        }
    }
}

/// `POST /api/v1/registries`: a registry of what waits to travel. An operator sends their
/// centre's packages to a provider; a provider's chancellery sends its signed results of
/// requests filed at a centre back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRegistry {
    /// The provider's id (from an operator), or the centre's id (from a chancellery).
    pub to: String,
}

/// A registry, its items and their marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryView {
    pub number: String,
    pub direction: Direction,
    /// The centre's id in `CENTRES`.
    pub csc: String,
    /// The provider's id in the catalog.
    pub provider: String,
    pub state: RegistryState,
    pub formed_by: String,
    pub formed_at: i64,
    pub received_by: Option<String>,
    pub received_at: Option<i64>,
    /// Why it was refused.
    pub reason: String,
    pub items: Vec<RegistryItem>,
}

/// One request in a registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryItem {
    pub request: String,
    pub applicant_name: String,
    pub service: crate::catalog::ServiceCode,
    /// How many documents travel for it: the package's scans, or the one signed result.
    pub documents: usize,
    /// Whether the receiving side found them; `None` until it marks the registry.
    pub present: Option<bool>,
}

/// `POST /api/v1/registries/{number}/receipt`: the receiving side's marks, item by item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryReceipt {
    /// The requests whose documents are there; the others are missing.
    pub present: Vec<String>,
    /// Why the registry is refused, when something is missing.
    #[serde(default)]
    pub reason: String,
}

impl RegistryReceipt {
    /// Whether every item of `registry` is marked present.
    pub fn complete(&self, registry: &RegistryView) -> bool {
        registry.items.iter().all(|item| self.present.contains(&item.request))
    }

    /// What is wrong: a registry lacking a listed document is refused with the reason.
    pub fn mistakes(&self, registry: &RegistryView) -> Vec<FieldError> {
        if self.complete(registry) || !self.reason.trim().is_empty() {
            return Vec::new();
        }
        vec![FieldError {
            field: "reason".to_owned(),
            message: Text::new(
                "Тізілімде көрсетілген құжат жоқ: тізілімді қабылдамау себебін жазыңыз.",
                "Не хватает документа из реестра: укажите причину, по которой реестр не принят.",
            ),
        }]
    }
}

/// Who collects a result at the counter, or where it is sent instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Recipient {
    Applicant,
    /// Any representative with a notarised power of attorney (the digest's CSC channel: "a
    /// representative with a notarised power of attorney"), not only the one named at filing:
    /// the power's number, date and notary are recorded.
    Representative,
    /// Not collected on paper: sent to the applicant's e-mail as the signed PDF.
    Email,
}

/// `POST /api/v1/requests/{number}/handover`: the result handed over at the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Handover {
    pub recipient: Recipient,
    /// The identity document the operator checked: its kind and number (on paper).
    #[serde(default)]
    pub identity_document: String,
    /// Where the result is sent (by e-mail).
    #[serde(default)]
    pub email: String,
    /// A representative's full name, as in their identity document.
    #[serde(default)]
    pub representative: String,
    /// The notarised power of attorney the representative shows: its registry number …
    #[serde(default)]
    pub power_number: String,
    /// … the day it was certified, `YYYY-MM-DD` …
    #[serde(default)]
    pub power_date: String,
    /// … and the notary who certified it.
    #[serde(default)]
    pub notary: String,
}

impl Handover {
    /// What is wrong with the handover on `today` (a power cannot be certified in the future).
    pub fn mistakes(&self, today: Date) -> Vec<FieldError> {
        let mut mistakes = self.holder_mistakes();
        if self.recipient == Recipient::Representative {
            mistakes.extend(self.power_mistakes(today));
        }
        mistakes
    }

    fn power_mistakes(&self, today: Date) -> Vec<FieldError> {
        let required = |field: &str, value: &str, message: Text| {
            let count = value.trim().chars().count();
            (!(1..=MAX_TEXT).contains(&count))
                .then(|| FieldError { field: field.to_owned(), message })
        };
        let date = Date::parse(self.power_date.trim()).filter(|date| *date <= today);
        [
            required(
                "representative",
                &self.representative,
                Text::new(
                    "Өкілдің толық аты-жөнін жеке куәлігіндегідей жазыңыз.",
                    "Укажите ФИО представителя, как в его удостоверении личности.",
                ),
            ),
            required(
                "power_number",
                &self.power_number,
                Text::new(
                    "Нотариалдық сенімхаттың тізілім нөмірін жазыңыз.",
                    "Укажите номер нотариальной доверенности по реестру.",
                ),
            ),
            date.is_none().then(|| FieldError {
                field: "power_date".to_owned(),
                message: Text::new(
                    "Сенімхаттың куәландырылған күнін таңдаңыз: бүгіннен кеш емес.",
                    "Выберите дату удостоверения доверенности: не позже сегодняшней.",
                ),
            }),
            required(
                "notary",
                &self.notary,
                Text::new(
                    "Сенімхатты куәландырған нотариустың аты-жөнін жазыңыз.",
                    "Укажите ФИО нотариуса, удостоверившего доверенность.",
                ),
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The power as the request's history records it.
    pub fn power_record(&self) -> String {
        let date = Date::parse(self.power_date.trim()).map(Date::dotted).unwrap_or_default();
        format!(
            "{} (нотариалдық сенімхат / нотариальная доверенность № {}, {date}, нотариус {})",
            self.representative.trim(),
            self.power_number.trim(),
            self.notary.trim()
        )
    }

    fn holder_mistakes(&self) -> Vec<FieldError> {
        if self.recipient == Recipient::Email {
            return if is_email(self.email.trim()) {
                Vec::new()
            } else {
                vec![FieldError {
                    field: "email".to_owned(),
                    message: Text::new(
                        "Өтініш берушінің электрондық поштасын name@example.kz түрінде енгізіңіз.",
                        "Введите электронную почту заявителя в виде name@example.kz.",
                    ),
                }]
            };
        }
        let document = self.identity_document.trim();
        if (1..=MAX_TEXT).contains(&document.chars().count()) {
            return Vec::new();
        }
        vec![FieldError {
            field: "identity_document".to_owned(),
            message: Text::new(
                "Тексерілген жеке басын куәландыратын құжатты жазыңыз: түрі мен нөмірі.",
                "Укажите проверенный документ, удостоверяющий личность: вид и номер.",
            ),
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn representative() -> CounterRepresentative {
        CounterRepresentative {
            iin: "920711300344".to_owned(),
            name: "Әбдірахманов Қанат Ерланұлы".to_owned(),
            phone: "+7 702 111 22 33".to_owned(),
            power_of_attorney: "№ 1234 от 01.11.2026".to_owned(),
        }
    }

    fn fields(mistakes: &[FieldError]) -> Vec<&str> {
        mistakes.iter().map(|m| m.field.as_str()).collect()
    }

    #[test]
    fn any_representative_collects_with_a_notarised_power_recorded() {
        let today = Date::new(2026, 11, 29).unwrap();
        let handover = Handover {
            recipient: Recipient::Representative,
            identity_document: "ЖК № 045678912".to_owned(),
            email: String::new(),
            representative: "Әбдірахманов Қанат Ерланұлы".to_owned(),
            power_number: "1234".to_owned(),
            power_date: "2026-11-29".to_owned(),
            notary: "Сейітова Ә. Қ.".to_owned(),
        };
        assert!(handover.mistakes(today).is_empty());
        assert_eq!(
            handover.power_record(),
            "Әбдірахманов Қанат Ерланұлы (нотариалдық сенімхат / нотариальная доверенность № 1234, 29.11.2026, нотариус Сейітова Ә. Қ.)"
        );
        let tomorrow = Handover { power_date: "2026-11-30".to_owned(), ..handover.clone() };
        assert_eq!(fields(&tomorrow.mistakes(today)), ["power_date"]);
        let bare = Handover {
            representative: " ".to_owned(),
            power_number: String::new(),
            power_date: "30.11.2026".to_owned(),
            notary: String::new(),
            ..handover.clone()
        };
        assert_eq!(
            fields(&bare.mistakes(today)),
            ["representative", "power_number", "power_date", "notary"]
        );
        // The applicant needs none of it.
        assert!(Handover { recipient: Recipient::Applicant, ..bare }.mistakes(today).is_empty());
    }

    #[test]
    fn an_applicant_alone_needs_a_phone() {
        let counter = Counter { phone: "+7 701 234 56 78".to_owned(), representative: None };
        assert!(counter.mistakes("850315400124").is_empty());
        let no_phone = Counter::default();
        assert_eq!(fields(&no_phone.mistakes("850315400124")), ["phone"]);
    }

    #[test]
    fn a_representative_is_another_person_with_a_notarised_power_of_attorney() {
        let mut counter = Counter {
            phone: "+7 701 234 56 78".to_owned(),
            representative: Some(representative()),
        };
        assert!(counter.mistakes("850315400124").is_empty());
        assert_eq!(fields(&counter.mistakes("920711300344")), ["representative_iin"]);
        counter.representative = Some(CounterRepresentative {
            iin: "150440002179".to_owned(),
            name: " ".to_owned(),
            phone: "8 702".to_owned(),
            power_of_attorney: String::new(),
        });
        assert_eq!(
            fields(&counter.mistakes("850315400124")),
            [
                "representative_iin",
                "representative_name",
                "representative_phone",
                "power_of_attorney"
            ]
        );
    }

    #[test]
    fn every_centre_has_a_unique_id_and_both_languages() {
        for c in &CENTRES {
            assert_eq!(CENTRES.iter().filter(|other| other.id == c.id).count(), 1);
            for text in [&c.name, &c.address, &c.hours] {
                assert!(!text.kk.is_empty() && !text.ru.is_empty(), "{}", c.id);
            }
        }
        assert_eq!(centre("astana-esil").map(|c| c.id), Some("astana-esil"));
    }
}
