//! 003 (2015, replacing 000 of 2014 for foreign periodicals): «Учет иностранных периодических
//! печатных изданий, распространяемых на территории области».

use super::common::{REGIONAL_MOVES, RegionalLimits, regional_steps};
use super::fields::{
    BUSINESS_RIGHT, EMAIL, LANGUAGES, LINE, OWNER, PERIODICITY, PHONE, TERRITORY, TITLE, TOPICS,
    field, helped,
};
use super::{Deadline, Regulation, Rule};
use crate::catalog::{Channel, ServiceCode, Term};
use crate::form::{FieldType, Kind};
use crate::lang::Text;
use crate::office;
use crate::result::{Template, Validity, certificate};
use crate::workflow::{Limit, Step, Workflow};

/// 003 p. 5: registration 15 minutes, the head 15 minutes, the department head 15 minutes, the
/// specialist 8 working days, the head's signature 30 minutes, the chancellery's issue 15 minutes.
const STEPS: [Step; 8] = regional_steps(RegionalLimits {
    register: Limit::WorkingMinutes(15),
    head: Limit::WorkingMinutes(15),
    department_head: Limit::WorkingMinutes(15),
    specialist: Limit::WorkingDays(8),
    signature: Limit::WorkingMinutes(30),
    issue: Limit::WorkingMinutes(15),
});

pub static REGULATION: Regulation = Regulation {
    service: ServiceCode::ForeignPeriodicals,
    sources: &["003_1fab98bb59368033.txt", "000_c237adaeeb5bc1c7.txt"],
    // 003 p. 5: 10 working days from the filing on the portal or the handing in at a centre.
    term: Term::WorkingDays(10),
    deadline: Deadline::Term,
    // 003 p. 1: filed and handed out through the centres and the portal; no walk-in channel.
    channels: &[Channel::Portal, Channel::Csc],
    kinds: KINDS,
    department: office::INTERNAL_POLICY,
    signer: None,
    addressee: None,
    workflow: Workflow { steps: &STEPS, transitions: REGIONAL_MOVES },
    phone: None,
    // 003 p. 9: «Длительность обработки запроса услугополучателя – 15 (пятнадцать) минут».
    counter_minutes: Some(15),
    checks_licensing: false,
    rules: &[
        Rule {
            says: "10 working days from the filing; a centre's day of acceptance is not counted",
            clause: "003 p. 5",
            test: "shared: regulations::tests::foreign_periodicals_003_p5_ten_working_days",
        },
        Rule {
            says: "Steps: 15, 15, 15 minutes, 8 working days, 30 and 15 minutes",
            clause: "003 p. 5",
            test: "shared: regulations::tests::e_service_steps_run_within_the_whole_term_not_003s_eight_days",
        },
        Rule {
            says: "Filed and received through the centres and the portal only",
            clause: "003 p. 1",
            test: "shared: regulations::tests::each_regulation_lists_exactly_its_channels",
        },
        Rule {
            says: "A centre takes the documents in at most 15 minutes (the service page says so)",
            clause: "003 p. 9",
            test: "shared: regulations::tests::each_regulation_lists_exactly_its_channels",
        },
        Rule {
            says: "A result waiting for the applicant is not overdue",
            clause: "003 p. 10",
            test: "shared: regulations::tests::only_the_provider_is_ever_late_003_p10",
        },
        Rule {
            says: "The business-process handbook is published, in both languages",
            clause: "003 p. 12",
            test: "browser: the_handbook_and_the_due_date_of_a_filing_now_are_public",
        },
    ],
};

/// 003, appendix: the certificate of registration of a foreign periodical.
const CERTIFICATE: Template = certificate(
    Text::new(
        "Шетелдік мерзімді баспасөз басылымын есепке алу туралы анықтама",
        "Справка об учете иностранного периодического печатного издания",
    ),
    "",
    Validity::Indefinite,
);

/// 003 p. 4 and appendix: the application's particulars and the documents.
static KINDS: &[Kind] = &[Kind {
    code: "registration",
    certificate: CERTIFICATE,
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
