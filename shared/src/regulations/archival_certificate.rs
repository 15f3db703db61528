//! 004 (2012, e-service, Kazakh): «Мұрағаттық анықтамалар беру».

use super::common::{EVERY_CHANNEL, REGIONAL_MOVES, RegionalLimits, regional_steps};
use super::fields::{EMAIL, LINE, PHONE, document, field, helped, needed, optional};
use super::{Deadline, Regulation, Rule};
use crate::catalog::{ServiceCode, Term};
use crate::form::{Document, Field, FieldType, Kind, Need};
use crate::lang::Text;
use crate::office;
use crate::result::{Template, Validity, certificate};
use crate::workflow::{Limit, Step, Workflow};

/// 004, appendix 1, tables 1–3: the system registers and numbers the request (30 seconds – 1
/// minute) and the provider forms the certificate or the motivated refusal within 15 working
/// days: every step of the provider's people is within that term.
const STEPS: [Step; 8] = regional_steps(RegionalLimits {
    register: Limit::WithinTerm,
    head: Limit::WithinTerm,
    department_head: Limit::WithinTerm,
    specialist: Limit::WithinTerm,
    signature: Limit::WithinTerm,
    issue: Limit::WithinTerm,
});

pub static REGULATION: Regulation = Regulation {
    service: ServiceCode::ArchivalCertificate,
    sources: &["004_9d514f25fd664777.txt"],
    // 004, appendix 1: 15 working days.
    term: Term::WorkingDays(15),
    deadline: Deadline::Term,
    // 004 p. 1: the archives department and state archives, the centres and the portal.
    channels: EVERY_CHANNEL,
    kinds: KINDS,
    department: office::ARCHIVES,
    signer: None,
    addressee: None,
    workflow: Workflow { steps: &STEPS, transitions: REGIONAL_MOVES },
    // 004 p. 11: information and complaints.
    phone: Some("8 (7292) 60-57-04"),
    counter_minutes: None,
    checks_licensing: false,
    rules: &[
        Rule {
            says: "The provider's own chancellery takes a walk-in's application: the employee checks the originals, files it with the scans and their own signature, and hands the result over there or e-mails it",
            clause: "004 p. 6",
            test: "api: walk_in::a_walk_in_is_filed_at_the_chancellery_and_handed_over_there",
        },
        Rule {
            says: "15 working days; Kurban ait and the May holidays rest",
            clause: "004 appendix 1",
            test: "shared: regulations::tests::archival_certificate_004_fifteen_working_days_through_may",
        },
        Rule {
            says: "A phone for information and complaints on the service page",
            clause: "004 p. 11",
            test: "shared: regulations::tests::each_regulation_lists_exactly_its_channels",
        },
    ],
};

/// 004: the archival certificate, of whichever kind.
const CERTIFICATE: Template =
    certificate(Text::new("Мұрағаттық анықтама", "Архивная справка"), "-МА", Validity::Indefinite);

// Whose records the archive searches: the person's data as in their documents of that time.
const SURNAME: Field = field(
    "surname",
    Text::new("Тегі (сол кездегі құжаттар бойынша)", "Фамилия (по документам того периода)"),
    FieldType::Text { max: 100 },
);
const GIVEN_NAME: Field =
    field("given_name", Text::new("Аты", "Имя"), FieldType::Text { max: 100 });
const PATRONYMIC: Field =
    optional("patronymic", Text::new("Әкесінің аты", "Отчество"), FieldType::Text { max: 100 });
const BIRTH_DATE: Field =
    field("birth_date", Text::new("Туған күні", "Дата рождения"), FieldType::Date);
const PERIOD_FROM: Field =
    field("period_from", Text::new("Кезеңнің басы", "Начало периода"), FieldType::Date);
const PERIOD_TO: Field =
    field("period_to", Text::new("Кезеңнің соңы", "Конец периода"), FieldType::Date);
const ORGANISATION: Field = helped(
    "organisation",
    Text::new("Ұйымның атауы (сол кездегі)", "Название организации (в тот период)"),
    LINE,
    Text::new("Ұйым атауы өзгерсе, бәрін жазыңыз.", "Если название менялось, укажите все."),
);
const ID_COPY: Document =
    document("identity", "Жеке басын куәландыратын құжат", "Документ, удостоверяющий личность");

/// 004: the kinds of archival certificate, their particulars and documents.
static KINDS: &[Kind] = &[
    Kind {
        code: "work-experience",
        certificate: CERTIFICATE,
        title: Text::new("Еңбек өтілі туралы", "О трудовом стаже"),
        fields: &[
            SURNAME,
            GIVEN_NAME,
            PATRONYMIC,
            BIRTH_DATE,
            ORGANISATION,
            field("position", Text::new("Лауазымы", "Должность"), LINE),
            PERIOD_FROM,
            PERIOD_TO,
            PHONE,
            EMAIL,
        ],
        documents: &[
            ID_COPY,
            needed(
                Need::IfAny,
                "work_book",
                "Еңбек кітапшасы (бар болса)",
                "Трудовая книжка (при наличии)",
            ),
        ],
    },
    Kind {
        code: "salary",
        certificate: CERTIFICATE,
        title: Text::new("Жалақы туралы", "О заработной плате"),
        fields: &[
            SURNAME,
            GIVEN_NAME,
            PATRONYMIC,
            BIRTH_DATE,
            ORGANISATION,
            PERIOD_FROM,
            PERIOD_TO,
            PHONE,
            EMAIL,
        ],
        documents: &[ID_COPY],
    },
    Kind {
        code: "education",
        certificate: CERTIFICATE,
        title: Text::new("Білімі туралы", "Об образовании"),
        fields: &[
            SURNAME,
            GIVEN_NAME,
            PATRONYMIC,
            BIRTH_DATE,
            field(
                "institution",
                Text::new("Оқу орнының атауы", "Название учебного заведения"),
                LINE,
            ),
            field(
                "graduation_year",
                Text::new("Бітірген жылы", "Год окончания"),
                FieldType::Number { min: 1900, max: 2100 },
            ),
            PHONE,
            EMAIL,
        ],
        documents: &[ID_COPY],
    },
    Kind {
        code: "land-and-housing",
        certificate: CERTIFICATE,
        title: Text::new(
            "Жер учаскесін, тұрғын үйді беру туралы",
            "О предоставлении земельного участка, жилья",
        ),
        fields: &[
            SURNAME,
            GIVEN_NAME,
            PATRONYMIC,
            BIRTH_DATE,
            field("address", Text::new("Объектінің мекенжайы", "Адрес объекта"), LINE),
            field(
                "decision_year",
                Text::new("Шешім шыққан жыл", "Год решения"),
                FieldType::Number { min: 1900, max: 2100 },
            ),
            PHONE,
            EMAIL,
        ],
        documents: &[ID_COPY],
    },
];
