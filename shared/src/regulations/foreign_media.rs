//! 001 (2012, e-service, Kazakh): «Облыс аумағында таратылатын шетелдік бұқаралық ақпарат
//! құралдарын есепке алу».

use super::common::{EVERY_CHANNEL, REGIONAL_MOVES, RegionalLimits, regional_steps};
use super::{Deadline, Regulation};
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
};
