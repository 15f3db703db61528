//! 004 (2012, e-service, Kazakh): «Мұрағаттық анықтамалар беру».

use super::common::{EVERY_CHANNEL, REGIONAL_MOVES, RegionalLimits, regional_steps};
use super::{Deadline, Regulation, Rule};
use crate::catalog::{ServiceCode, Term};
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
