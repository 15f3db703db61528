//! 001 (2012, e-service, Kazakh): «Облыс аумағында таратылатын шетелдік бұқаралық ақпарат
//! құралдарын есепке алу».

use super::common::{EVERY_CHANNEL, REGIONAL_MOVES, RegionalLimits, regional_steps};
use super::{Deadline, Regulation, Rule};
use crate::catalog::{ServiceCode, Term};
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
            says: "The certificate states the Decree N 843 basis with the outlet and the territory, and the date of filing",
            clause: "001 appendix 5",
            test: "api: documents::a_signed_certificate_is_a_bilingual_pdf_that_verifies",
        },
        Rule {
            says: "The survey's questions and answers as the appendix words them",
            clause: "001 appendix 7; 004 appendix 6",
            test: "shared: survey::tests::the_survey_is_worded_as_the_appendices",
        },
        Rule {
            says: "The application is an e-document: number, date of filing, particulars, Law 370-II statement, barcode",
            clause: "001 appendix 5",
            test: "api: documents::the_application_is_an_e_document_with_its_number_date_particulars_and_barcode",
        },
    ],
};
