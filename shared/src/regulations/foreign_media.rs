//! 001 (2012, e-service, Kazakh): «Облыс аумағында таратылатын шетелдік бұқаралық ақпарат
//! құралдарын есепке алу».

use super::common::{EVERY_CHANNEL, REGIONAL_MOVES, RegionalLimits, regional_steps};
use super::fields::{
    BUSINESS_RIGHT, CHIEF_EDITOR, EDITORIAL_ADDRESS, EMAIL, LANGUAGES, LINE, OWNER, PERIODICITY,
    PHONE, TERRITORY, TITLE, TOPICS, choice, field, helped,
};
use super::{Deadline, Regulation, Rule};
use crate::catalog::{ServiceCode, Term};
use crate::form::{Choice, FieldType, Kind};
use crate::lang::Text;
use crate::office;
use crate::result::{Numbering, Template, Validity};
use crate::workflow::{Limit, Step, Workflow};

/// 001, tables 1–3: the department's employee checks the application (5 minutes; at a centre's
/// request, accepts it into work in 5), executes it within the 15 calendar days, forms and signs
/// the outgoing document (5 minutes) and hands it out (5 minutes); the system's steps take a
/// minute each and have no one to wait for here.
const STEPS: [Step; 8] = regional_steps(RegionalLimits {
    register: Limit::WorkingMinutes(5),
    head: Limit::WithinTerm,
    department_head: Limit::WithinTerm,
    specialist: Limit::WithinTerm,
    signature: Limit::WorkingMinutes(5),
    issue: Limit::WorkingMinutes(5),
});

pub static REGULATION: Regulation = Regulation {
    service: ServiceCode::ForeignMedia,
    sources: &["001_90dc737de0085ea3.txt"],
    // 001, tables 1–3, step «Сұранысты орындау»: 15 calendar days.
    term: Term::CalendarDays(15),
    deadline: Deadline::Term,
    // 001 p. 1: the department, alternatively the centres, and the portal.
    channels: EVERY_CHANNEL,
    kinds: KINDS,
    department: office::INTERNAL_POLICY,
    // 001, appendix 5: «ІСБ бастығы» signs the certificate.
    signer: Some(Text::new(
        "Ішкі саясат басқармасының бастығы",
        "Руководитель управления внутренней политики",
    )),
    // 001, appendix 5: «Облыстық ішкі саясат басқармасының бастығына … ӨТІНІШ».
    addressee: Some(Text::new(
        "Облыстық ішкі саясат басқармасының бастығына",
        "Начальнику областного управления внутренней политики",
    )),
    workflow: Workflow { steps: &STEPS, transitions: REGIONAL_MOVES },
    phone: None,
    // 001 table 2, step 1: the operator checks the application and enters it, at most 10 minutes.
    counter_minutes: Some(10),
    checks_licensing: false,
    rules: &[
        Rule {
            says: "The provider's own chancellery takes a walk-in's application: the employee checks the originals, files it with the scans and their own signature, and hands the result over there or e-mails it",
            clause: "001 p. 8",
            test: "browser: counter::the_chancellery_files_a_walk_in_and_hands_the_result_over",
        },
        Rule {
            says: "15 calendar days from the day after filing, holidays counted; a last day off moves to the next working day",
            clause: "001 tables 1–3; Civil Code art. 171–173",
            test: "shared: regulations::tests::foreign_media_001_fifteen_calendar_days_from_the_day_after_filing",
        },
        Rule {
            says: "The provider's people work within the whole term; the signature takes 5 minutes",
            clause: "001 tables 1–3",
            test: "shared: regulations::tests::e_service_steps_run_within_the_whole_term_not_003s_eight_days",
        },
        Rule {
            says: "The outlet is registered in a region or city of Kazakhstan",
            clause: "001 appendix 5",
            test: "shared: form::tests::foreign_media_is_registered_in_a_region_or_city_of_kazakhstan_001_appendix_5",
        },
        Rule {
            says: "The certificate is headed with the region it is registered in, states the Decree N 843 basis with the outlet and the territory and the date of filing, and names its signer as the head of internal policy (ІСБ бастығы)",
            clause: "001 appendix 5",
            test: "api: documents::a_signed_certificate_is_a_bilingual_pdf_that_verifies",
        },
        Rule {
            says: "The certificate prints «Қосымша: __ бет»: the specialist counts the appendix pages when drafting (0 to 999, none refused), and the head's signature covers the count",
            clause: "001 appendix 5",
            test: "shared: request::tests::a_certificate_approval_covers_its_appendix_pages_001_appendix_5",
        },
        Rule {
            says: "The survey's questions and answers as the appendix words them",
            clause: "001 appendix 7; 004 appendix 6",
            test: "shared: survey::tests::the_survey_is_worded_as_the_appendices",
        },
        Rule {
            says: "The application is addressed to the head of the regional internal policy department",
            clause: "001 appendix 5",
            test: "api: documents::the_application_is_an_e_document_with_its_number_date_particulars_and_barcode",
        },
        Rule {
            says: "The application is an e-document: number, date of filing, particulars, Law 370-II statement, barcode",
            clause: "001 appendix 5",
            test: "api: documents::the_application_is_an_e_document_with_its_number_date_particulars_and_barcode",
        },
    ],
};

/// The 17 regions and 3 cities of republican significance of Kazakhstan, by the slugs of their
/// akimats in the catalog: where a foreign outlet is registered (001, appendix 5: «Қазақстан
/// Республикасының ___ (облысында, қаласында) есепке қоюыңызды сұраймын»).
static KAZAKHSTAN_REGIONS: [Choice; 20] = [
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

/// 001, appendix 5 (the certificate's form): «Бұл анықтама … N 843 Қаулысына сәйкес … есепке қою
/// негізінде анықтама берілді».
const STATEMENT: Text = Text::new(
    "Бұл анықтама Қазақстан Республикасы Үкіметінің 2002 жылғы 29 шілдедегі «Қазақстан Республикасында таратылатын шетелдік бұқаралық ақпарат құралдарын есепке алу ережесін бекіту туралы» N 843 Қаулысына сәйкес «{title}» шетелдік бұқаралық ақпарат құралын {territory} аумағында таратуға келісім берілгендігі туралы келісім-шарт және есепке қою негізінде берілді.",
    "Настоящая справка выдана в соответствии с постановлением Правительства Республики Казахстан от 29 июля 2002 года N 843 «Об утверждении Правил учета иностранных средств массовой информации, распространяемых в Республике Казахстан» на основании договора о согласии на распространение иностранного средства массовой информации «{title}» на территории {territory} и постановки на учет.",
);

/// 001, appendix 5: «АНЫҚТАМА N XXXX-АЖ», valid until 31 December of the year.
const CERTIFICATE: Template = Template {
    title: Text::new(
        "Шетелдік бұқаралық ақпарат құралын есепке алу туралы анықтама",
        "Справка об учете иностранного средства массовой информации",
    ),
    numbering: Numbering { digits: 4, suffix: "-АЖ" },
    validity: Validity::UntilEndOfYear,
    // 001, appendix 5: «(облыс, қала) аумағында таратылатын шетелдік бұқаралық ақпарат
    // құралдарын есепке қою туралы».
    heading: Some(Text::new(
        "{registered_in} аумағында таратылатын шетелдік бұқаралық ақпарат құралдарын есепке қою туралы",
        "о постановке на учет иностранного средства массовой информации, распространяемого на территории: {registered_in}",
    )),
    statement: Some(STATEMENT),
    // 001, appendix 5: «Қосымша: ___ бет.»
    appendix: true,
};

/// 001, appendix 5: the application's particulars and the documents.
static KINDS: &[Kind] = &[Kind {
    code: "registration",
    certificate: CERTIFICATE,
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
