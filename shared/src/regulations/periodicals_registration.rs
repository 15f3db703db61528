//! 002 (2019, Kazakh): «Мерзімді баспасөз басылымдарын, ақпараттық агенттіктерді және желілік
//! басылымдарды есепке қою, қайта есепке қою» by the ministry's Information Committee.

use super::{Deadline, Regulation, Rule};
use crate::account::Role;
use crate::calendar::Intake;
use crate::catalog::{Channel, ServiceCode, Term};
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
