//! 002 (2019, Kazakh): «Мерзімді баспасөз басылымдарын, ақпараттық агенттіктерді және желілік
//! басылымдарды есепке қою, қайта есепке қою» by the ministry's Information Committee.

use super::fields::{
    CHIEF_EDITOR, EDITORIAL_ADDRESS, EMAIL, LANGUAGES, OWNER, PERIODICITY, PHONE, TERRITORY, TITLE,
    TOPICS, choice, document, field,
};
use super::{Deadline, Regulation, Rule};
use crate::account::Role;
use crate::calendar::Intake;
use crate::catalog::{Channel, ServiceCode, Term};
use crate::form::{Choice, Field, FieldType, Kind};
use crate::lang::Text;
use crate::office;
use crate::result::{Template, Validity, certificate};
use crate::workflow::{Action, Limit, Status, Step, Transition, Workflow, go, step, via};

/// 002 p. 5: the chancellery registers on the day of receipt (15 minutes), the unit head passes
/// it to the executor (2 hours), who takes it (1 hour) and reviews the package (7 working days);
/// the unit head approves (4 hours), the head or a deputy signs (4 hours).
const STEPS: &[Step] = &[
    step(Status::Submitted, Role::Chancellery, Limit::WorkingMinutes(15)),
    step(Status::AtDepartmentHead, Role::DepartmentHead, Limit::WorkingMinutes(2 * 60)),
    step(Status::AtSpecialist, Role::Specialist, Limit::WorkingMinutes(60)),
    step(Status::UnderReview, Role::Specialist, Limit::WorkingDays(7)),
    step(Status::AwaitingApproval, Role::DepartmentHead, Limit::WorkingMinutes(4 * 60)),
    step(Status::AwaitingSignature, Role::Head, Limit::WorkingMinutes(4 * 60)),
];

/// The unit head is a department head, the executor a specialist; the signed result goes to the
/// portal at once.
const MOVES: &[Transition] = &[
    via(Intake::Portal, go(Status::Draft, Action::Submit, Role::Applicant, Status::Submitted)),
    go(Status::Submitted, Action::Register, Role::Chancellery, Status::AtDepartmentHead),
    // The refusal of an incomplete package is a document the head signs; the executor's goes
    // through the unit head's approval like any draft.
    go(Status::Submitted, Action::RefuseIncomplete, Role::Chancellery, Status::AwaitingSignature),
    go(
        Status::AtDepartmentHead,
        Action::AssignSpecialist,
        Role::DepartmentHead,
        Status::AtSpecialist,
    ),
    go(Status::AtSpecialist, Action::TakeIntoWork, Role::Specialist, Status::UnderReview),
    go(Status::UnderReview, Action::RefuseIncomplete, Role::Specialist, Status::AwaitingApproval),
    go(Status::UnderReview, Action::DraftResult, Role::Specialist, Status::AwaitingApproval),
    go(Status::AwaitingApproval, Action::Approve, Role::DepartmentHead, Status::AwaitingSignature),
    go(
        Status::AwaitingApproval,
        Action::ReturnForRework,
        Role::DepartmentHead,
        Status::UnderReview,
    ),
    go(Status::AwaitingSignature, Action::ReturnForRework, Role::Head, Status::UnderReview),
    go(Status::AwaitingSignature, Action::Sign, Role::Head, Status::Issued),
];

pub static REGULATION: Regulation = Regulation {
    service: ServiceCode::PeriodicalsRegistration,
    sources: &["002_2bb6b4965d1bfbfb.txt"],
    // 002 p. 5 names 7 working days of review among hours-long steps and no total term.
    term: Term::WorkingDays(7),
    deadline: Deadline::Steps,
    // 002 p. 2: the form of the service is electronic: the portal only.
    channels: &[Channel::Portal],
    kinds: KINDS,
    department: office::PERIODICALS_UNIT,
    signer: None,
    addressee: None,
    workflow: Workflow { steps: STEPS, transitions: MOVES },
    phone: None,
    counter_minutes: None,
    // 002 p. 10 (11–12), p. 11 (10–11): the applicant's data in «Е-лицензиялау».
    checks_licensing: true,
    rules: &[
        Rule {
            says: "Violations «Е-лицензиялау» records in the applicant's data refuse the service at filing with their own message, distinct from \"no data\"; nothing is filed",
            clause: "002 p. 10 (12), p. 11 (11)",
            test: "api: requests::violations_in_the_applicants_data_refuse_the_service_distinct_from_no_data",
        },
        Rule {
            says: "No whole term: the deadline is where the steps end (15 min, 2 h, 1 h, 7 working days, 4 h, 4 h)",
            clause: "002 p. 5",
            test: "shared: regulations::tests::periodicals_registration_002_p5_the_deadline_follows_the_steps",
        },
        Rule {
            says: "Electronic only: the portal",
            clause: "002 p. 2",
            test: "shared: regulations::tests::each_regulation_lists_exactly_its_channels",
        },
    ],
};

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

/// 002: the certificate of registration …
const REGISTRATION_CERTIFICATE: Template = certificate(
    Text::new(
        "Мерзімді баспасөз басылымын, ақпарат агенттігін және желілік басылымды есепке қою туралы куәлік",
        "Свидетельство о постановке на учет периодического печатного издания, информационного агентства и сетевого издания",
    ),
    "-ИК",
    Validity::Indefinite,
);

/// … and of re-registration.
const RE_REGISTRATION_CERTIFICATE: Template = certificate(
    Text::new(
        "Мерзімді баспасөз басылымын, ақпарат агенттігін және желілік басылымды қайта есепке қою туралы куәлік",
        "Свидетельство о переучете периодического печатного издания, информационного агентства и сетевого издания",
    ),
    "-ИК",
    Validity::Indefinite,
);

/// 002: registration and re-registration, their particulars and documents.
static KINDS: &[Kind] = &[
    Kind {
        code: "registration",
        certificate: REGISTRATION_CERTIFICATE,
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
        certificate: RE_REGISTRATION_CERTIFICATE,
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
