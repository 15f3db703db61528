//! The forms of the four services, from the regulations (digest: `REGULATIONS.md`, "Forms").
//! Fields shared by several forms are written once below.

use super::{Choice, Document, Field, FieldType, Kind, Need};
use crate::catalog::ServiceCode;
use crate::lang::Text;

/// The kinds of a service; every service has at least one.
pub fn kinds(service: ServiceCode) -> &'static [Kind] {
    match service {
        ServiceCode::ForeignPeriodicals => FOREIGN_PERIODICALS,
        ServiceCode::ForeignMedia => FOREIGN_MEDIA,
        ServiceCode::PeriodicalsRegistration => PERIODICALS_REGISTRATION,
        ServiceCode::ArchivalCertificate => ARCHIVAL_CERTIFICATE,
    }
}

const fn field(id: &'static str, label: Text, kind: FieldType) -> Field {
    Field { id, label, help: None, kind, required: true }
}

const fn optional(id: &'static str, label: Text, kind: FieldType) -> Field {
    Field { id, label, help: None, kind, required: false }
}

const fn helped(id: &'static str, label: Text, kind: FieldType, help: Text) -> Field {
    Field { id, label, help: Some(help), kind, required: true }
}

const fn choice(value: &'static str, kk: &'static str, ru: &'static str) -> Choice {
    Choice { value, label: Text::new(kk, ru) }
}

const fn document(id: &'static str, kk: &'static str, ru: &'static str) -> Document {
    needed(Need::Always, id, kk, ru)
}

const fn needed(need: Need, id: &'static str, kk: &'static str, ru: &'static str) -> Document {
    Document { id, label: Text::new(kk, ru), need }
}

static PERIODICITIES: [Choice; 5] = [
    choice("daily", "Күнделікті", "Ежедневно"),
    choice("weekly", "Аптасына", "Еженедельно"),
    choice("monthly", "Айына", "Ежемесячно"),
    choice("quarterly", "Тоқсанына", "Ежеквартально"),
    choice("other", "Басқа", "Иное"),
];

/// The 17 regions and 3 cities of republican significance of Kazakhstan, by the slugs of their
/// akimats in the catalog: where a foreign outlet is registered (001, appendix 5: «Қазақстан
/// Республикасының ___ (облысында, қаласында) есепке қоюыңызды сұраймын»).
pub static KAZAKHSTAN_REGIONS: [Choice; 20] = [
    choice("abai", "Абай облысы", "Область Абай"),
    choice("akmola", "Ақмола облысы", "Акмолинская область"),
    choice("aktobe", "Ақтөбе облысы", "Актюбинская область"),
    choice("almaty-region", "Алматы облысы", "Алматинская область"),
    choice("atyrau", "Атырау облысы", "Атырауская область"),
    choice("west-kazakhstan", "Батыс Қазақстан облысы", "Западно-Казахстанская область"),
    choice("zhambyl", "Жамбыл облысы", "Жамбылская область"),
    choice("zhetysu", "Жетісу облысы", "Область Жетісу"),
    choice("karaganda", "Қарағанды облысы", "Карагандинская область"),
    choice("kostanay", "Қостанай облысы", "Костанайская область"),
    choice("kyzylorda", "Қызылорда облысы", "Кызылординская область"),
    choice("mangystau", "Маңғыстау облысы", "Мангистауская область"),
    choice("pavlodar", "Павлодар облысы", "Павлодарская область"),
    choice("north-kazakhstan", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область"),
    choice("turkistan", "Түркістан облысы", "Туркестанская область"),
    choice("ulytau", "Ұлытау облысы", "Область Ұлытау"),
    choice("east-kazakhstan", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область"),
    choice("astana", "Астана қаласы", "город Астана"),
    choice("almaty", "Алматы қаласы", "город Алматы"),
    choice("shymkent", "Шымкент қаласы", "город Шымкент"),
];

static MEDIA_KINDS: [Choice; 4] = [
    choice("journal", "Журнал", "Журнал"),
    choice("newspaper", "Газет", "Газета"),
    choice("tv", "Телеарна", "Телеканал"),
    choice("radio", "Радио", "Радио"),
];

static OUTLET_KINDS: [Choice; 3] = [
    choice("periodical", "Мерзімді баспасөз басылымы", "Периодическое печатное издание"),
    choice("news_agency", "Ақпарат агенттігі", "Информационное агентство"),
    choice("network", "Желілік басылым", "Сетевое издание"),
];

static CHANGES: [Choice; 5] = [
    choice("owner", "Меншік иесі ауысты", "Сменился собственник"),
    choice("title", "Атауы өзгерді", "Изменилось название"),
    choice("language", "Тілі өзгерді", "Изменился язык"),
    choice("territory", "Тарату аумағы өзгерді", "Изменилась территория распространения"),
    choice("topics", "Тақырыбы өзгерді", "Изменилась тематика"),
];

const LINE: FieldType = FieldType::Text { max: 200 };
const PARAGRAPH: FieldType = FieldType::LongText { max: 2000 };

const PHONE: Field = helped(
    "phone",
    Text::new("Байланыс телефоны", "Контактный телефон"),
    FieldType::Phone,
    // The portal tells of a new status in the cabinet and by e-mail; it sends no SMS.
    Text::new(
        "Қызмет беруші сұрақ туындаса хабарласады.",
        "По нему услугодатель свяжется, если возникнут вопросы.",
    ),
);
const EMAIL: Field =
    optional("email", Text::new("Электрондық пошта", "Электронная почта"), FieldType::Email);

const LANGUAGES: Field = helped(
    "languages",
    Text::new("Тілі (тілдері)", "Язык (языки)"),
    LINE,
    Text::new(
        "Бірнеше тіл болса, үтір арқылы жазыңыз.",
        "Если языков несколько, перечислите через запятую.",
    ),
);
const PERIODICITY: Field = field(
    "periodicity",
    Text::new("Шығу мерзімділігі", "Периодичность"),
    FieldType::Choice(&PERIODICITIES),
);
const TITLE: Field = field("title", Text::new("Толық атауы", "Полное наименование"), LINE);
const OWNER: Field = field("owner", Text::new("Меншік иесі", "Собственник"), LINE);
const TOPICS: Field = field(
    "topics",
    Text::new("Негізгі тақырыптық бағыты", "Основная тематическая направленность"),
    PARAGRAPH,
);
const TERRITORY: Field = field(
    "territory",
    Text::new("Тарату аумағы (облыс, қала)", "Территория распространения (область, город)"),
    LINE,
);
const CHIEF_EDITOR: Field =
    field("chief_editor", Text::new("Бас редактордың аты-жөні", "ФИО главного редактора"), LINE);
const EDITORIAL_ADDRESS: Field = field(
    "editorial_address",
    Text::new("Редакцияның мекенжайы, елі және телефоны", "Адрес, страна и телефон редакции"),
    LINE,
);

const BUSINESS_RIGHT: Document = needed(
    Need::Individuals,
    "business_right",
    "Кәсіпкерлік қызметпен айналысу құқығын растайтын құжат (жеке тұлғалар үшін)",
    "Документ, подтверждающий право заниматься предпринимательской деятельностью (для физических лиц)",
);

static FOREIGN_PERIODICALS: &[Kind] = &[Kind {
    code: "registration",
    title: Text::new("Есепке алу", "Постановка на учет"),
    fields: &[
        TITLE,
        field("country", Text::new("Шығарылған елі", "Страна выпуска"), LINE),
        LANGUAGES,
        PERIODICITY,
        helped(
            "circulation",
            Text::new("Облыстағы таралымы, дана", "Тираж в области, экземпляров"),
            FieldType::Number { min: 1, max: 10_000_000 },
            Text::new(
                "Бір шығарылымның облыста таралатын даналары.",
                "Сколько экземпляров одного выпуска распространяется в области.",
            ),
        ),
        TERRITORY,
        OWNER,
        TOPICS,
        PHONE,
        EMAIL,
    ],
    documents: &[BUSINESS_RIGHT],
}];

static FOREIGN_MEDIA: &[Kind] = &[Kind {
    code: "registration",
    title: Text::new("Есепке алу", "Постановка на учет"),
    fields: &[
        field("media_kind", Text::new("БАҚ түрі", "Вид СМИ"), FieldType::Choice(&MEDIA_KINDS)),
        field(
            "registered_in",
            Text::new(
                "Есепке қойылатын облыс немесе қала (Қазақстан Республикасы)",
                "Область или город Казахстана, где СМИ ставится на учет",
            ),
            FieldType::Choice(&KAZAKHSTAN_REGIONS),
        ),
        OWNER,
        EDITORIAL_ADDRESS,
        TITLE,
        TERRITORY,
        LANGUAGES,
        TOPICS,
        PERIODICITY,
        helped(
            "volume",
            Text::new("Таралымы немесе ретрансляция көлемі", "Тираж или объем ретрансляции"),
            LINE,
            Text::new(
                "Мысалы: 5000 дана немесе тәулігіне 6 сағат.",
                "Например: 5000 экземпляров или 6 часов в сутки.",
            ),
        ),
        CHIEF_EDITOR,
        PHONE,
        EMAIL,
    ],
    documents: &[BUSINESS_RIGHT],
}];

const OUTLET_KIND: Field = field(
    "outlet_kind",
    Text::new("Басылым түрі", "Вид издания"),
    FieldType::Choice(&OUTLET_KINDS),
);
const OWNER_BIN: Field = Field {
    id: "owner_bin",
    label: Text::new("Меншік иесінің БСН-ы", "БИН собственника"),
    help: Some(Text::new("Меншік иесі заңды тұлға болса.", "Если собственник — юридическое лицо.")),
    kind: FieldType::Bin,
    required: false,
};

static PERIODICALS_REGISTRATION: &[Kind] = &[
    Kind {
        code: "registration",
        title: Text::new("Есепке қою", "Постановка на учет"),
        fields: &[
            OUTLET_KIND,
            TITLE,
            LANGUAGES,
            PERIODICITY,
            TERRITORY,
            TOPICS,
            OWNER,
            OWNER_BIN,
            CHIEF_EDITOR,
            EDITORIAL_ADDRESS,
            PHONE,
            EMAIL,
        ],
        documents: &[document(
            "fee_receipt",
            "Алымның төленгенін растайтын құжат",
            "Документ об оплате сбора",
        )],
    },
    Kind {
        code: "re-registration",
        title: Text::new("Қайта есепке қою", "Переучет"),
        fields: &[
            field(
                "certificate_number",
                Text::new("Бұрынғы куәліктің нөмірі", "Номер прежнего свидетельства"),
                FieldType::Text { max: 40 },
            ),
            field(
                "certificate_date",
                Text::new("Бұрынғы куәліктің күні", "Дата прежнего свидетельства"),
                FieldType::Date,
            ),
            field(
                "change",
                Text::new("Қайта есепке қою себебі", "Причина переучета"),
                FieldType::Choice(&CHANGES),
            ),
            OUTLET_KIND,
            TITLE,
            LANGUAGES,
            PERIODICITY,
            TERRITORY,
            TOPICS,
            OWNER,
            OWNER_BIN,
            CHIEF_EDITOR,
            EDITORIAL_ADDRESS,
            PHONE,
            EMAIL,
        ],
        documents: &[
            document(
                "fee_receipt",
                "Алымның төленгенін растайтын құжат",
                "Документ об оплате сбора",
            ),
            document("previous_certificate", "Бұрынғы куәлік", "Прежнее свидетельство"),
        ],
    },
];

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

static ARCHIVAL_CERTIFICATE: &[Kind] = &[
    Kind {
        code: "work-experience",
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
