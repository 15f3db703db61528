//! The words of the public status check, in Kazakh and Russian: one source for the app's page and
//! the page the server renders for a browser without JavaScript (a feature phone, a text browser,
//! or any browser before the app has loaded).

/// The element of the page the server renders, which the app removes as it starts.
pub const SERVER_PAGE_ID: &str = "server-page";

/// A text as a pair: Kazakh, Russian.
pub type Words = (&'static str, &'static str);

pub const TITLE: Words = ("Өтініш мәртебесін тексеру", "Проверка статуса заявки");
pub const LEAD: Words = (
    "Өтініш нөмірін және өтініш берушінің ЖСН-ын (БСН-ын) енгізіңіз.",
    "Введите номер заявки и ИИН (БИН) заявителя.",
);
pub const NUMBER: Words = ("Өтініш нөмірі", "Номер заявки");
pub const NUMBER_REQUIRED: Words = (
    "Өтініш нөмірін енгізіңіз, мысалы 2026-0000001.",
    "Введите номер заявки, например 2026-0000001.",
);
pub const ID_NUMBER: Words = ("ЖСН / БСН", "ИИН / БИН");
pub const CHECK: Words = ("Тексеру", "Проверить");
pub const SERVICE: Words = ("Қызмет", "Услуга");
pub const STATUS: Words = ("Мәртебесі", "Статус");
pub const DEADLINE: Words = ("Орындау мерзімі", "Срок исполнения");
pub const NOT_FOUND: Words = (
    "Мұндай өтініш табылмады. Нөмір мен ЖСН-ды (БСН-ды) тексеріңіз.",
    "Заявка не найдена. Проверьте номер и ИИН (БИН).",
);
