//! The form fields and documents several regulations' forms share (digest: `REGULATIONS.md`,
//! "Forms"), written once, and the small builders every declaration writes its forms with.

use crate::form::{Choice, Document, Field, FieldType, Need};
use crate::lang::Text;

pub(super) const fn field(id: &'static str, label: Text, kind: FieldType) -> Field {
    Field { id, label, help: None, kind, required: true }
}

pub(super) const fn optional(id: &'static str, label: Text, kind: FieldType) -> Field {
    Field { id, label, help: None, kind, required: false }
}

pub(super) const fn helped(id: &'static str, label: Text, kind: FieldType, help: Text) -> Field {
    Field { id, label, help: Some(help), kind, required: true }
}

pub(super) const fn choice(value: &'static str, kk: &'static str, ru: &'static str) -> Choice {
    Choice { value, label: Text::new(kk, ru) }
}

pub(super) const fn document(id: &'static str, kk: &'static str, ru: &'static str) -> Document {
    needed(Need::Always, id, kk, ru)
}

pub(super) const fn needed(
    need: Need,
    id: &'static str,
    kk: &'static str,
    ru: &'static str,
) -> Document {
    Document { id, label: Text::new(kk, ru), need }
}

pub(super) static PERIODICITIES: [Choice; 5] = [
    choice("daily", "Күнделікті", "Ежедневно"),
    choice("weekly", "Аптасына", "Еженедельно"),
    choice("monthly", "Айына", "Ежемесячно"),
    choice("quarterly", "Тоқсанына", "Ежеквартально"),
    choice("other", "Басқа", "Иное"),
];

pub(super) const LINE: FieldType = FieldType::Text { max: 200 };
pub(super) const PARAGRAPH: FieldType = FieldType::LongText { max: 2000 };

pub(super) const PHONE: Field = helped(
    "phone",
    Text::new("Байланыс телефоны", "Контактный телефон"),
    FieldType::Phone,
    // The portal tells of a new status in the cabinet and by e-mail; it sends no SMS.
    Text::new(
        "Қызмет беруші сұрақ туындаса хабарласады.",
        "По нему услугодатель свяжется, если возникнут вопросы.",
    ),
);
pub(super) const EMAIL: Field =
    optional("email", Text::new("Электрондық пошта", "Электронная почта"), FieldType::Email);

pub(super) const LANGUAGES: Field = helped(
    "languages",
    Text::new("Тілі (тілдері)", "Язык (языки)"),
    LINE,
    Text::new(
        "Бірнеше тіл болса, үтір арқылы жазыңыз.",
        "Если языков несколько, перечислите через запятую.",
    ),
);
pub(super) const PERIODICITY: Field = field(
    "periodicity",
    Text::new("Шығу мерзімділігі", "Периодичность"),
    FieldType::Choice(&PERIODICITIES),
);
pub(super) const TITLE: Field =
    field("title", Text::new("Толық атауы", "Полное наименование"), LINE);
pub(super) const OWNER: Field = field("owner", Text::new("Меншік иесі", "Собственник"), LINE);
pub(super) const TOPICS: Field = field(
    "topics",
    Text::new("Негізгі тақырыптық бағыты", "Основная тематическая направленность"),
    PARAGRAPH,
);
pub(super) const TERRITORY: Field = field(
    "territory",
    Text::new("Тарату аумағы (облыс, қала)", "Территория распространения (область, город)"),
    LINE,
);
pub(super) const CHIEF_EDITOR: Field =
    field("chief_editor", Text::new("Бас редактордың аты-жөні", "ФИО главного редактора"), LINE);
pub(super) const EDITORIAL_ADDRESS: Field = field(
    "editorial_address",
    Text::new("Редакцияның мекенжайы, елі және телефоны", "Адрес, страна и телефон редакции"),
    LINE,
);

pub(super) const BUSINESS_RIGHT: Document = needed(
    Need::Individuals,
    "business_right",
    "Кәсіпкерлік қызметпен айналысу құқығын растайтын құжат (жеке тұлғалар үшін)",
    "Документ, подтверждающий право заниматься предпринимательской деятельностью (для физических лиц)",
);
