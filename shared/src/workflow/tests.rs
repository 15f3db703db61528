use std::collections::HashSet;

use super::*;
use crate::catalog::ServiceCode;

const REGIONAL: &Workflow = &ServiceCode::ForeignPeriodicals.def().workflow;
const MINISTRY: &Workflow = &ServiceCode::PeriodicalsRegistration.def().workflow;

fn workflows() -> impl Iterator<Item = (ServiceCode, &'static Workflow)> {
    ServiceCode::ALL.into_iter().map(|code| (code, &code.def().workflow))
}

/// A move as the regulations describe it, written out by hand from `../shared/REGULATIONS.md`
/// ("Provider workflow", "Channels") rather than from the declarations: who does what in which
/// status, for requests taken in which way, and where it leads.
type Expected = (Status, Action, Role, &'static [Intake], Status);

const ANY: &[Intake] = &[Intake::Portal, Intake::Csc, Intake::Provider];
const PORTAL: &[Intake] = &[Intake::Portal];
const CSC: &[Intake] = &[Intake::Csc];
const PROVIDER: &[Intake] = &[Intake::Provider];

/// 000/003 (and the regional departments that run 001 and 004): chancellery registers → head
/// picks the department → department head picks the specialist → specialist drafts the
/// certificate or the motivated refusal → head signs or returns it → issued on the portal, sent
/// to the CSC in a registry and handed out there, or handed out at the chancellery. An incomplete
/// package is refused by the chancellery on receipt or by the specialist who checks it, in a
/// document the head signs.
const REGIONAL_BY_HAND: &[Expected] = &[
    (Status::Draft, Action::Submit, Role::Applicant, PORTAL, Status::Submitted),
    (Status::Draft, Action::Submit, Role::CscOperator, CSC, Status::Submitted),
    (Status::Draft, Action::Submit, Role::Chancellery, PROVIDER, Status::Submitted),
    (Status::Submitted, Action::Register, Role::Chancellery, ANY, Status::AtHead),
    (
        Status::Submitted,
        Action::RefuseIncomplete,
        Role::Chancellery,
        ANY,
        Status::AwaitingSignature,
    ),
    (Status::AtHead, Action::AssignDepartment, Role::Head, ANY, Status::AtDepartmentHead),
    (
        Status::AtDepartmentHead,
        Action::AssignSpecialist,
        Role::DepartmentHead,
        ANY,
        Status::AtSpecialist,
    ),
    (Status::AtSpecialist, Action::DraftResult, Role::Specialist, ANY, Status::AwaitingSignature),
    (
        Status::AtSpecialist,
        Action::RefuseIncomplete,
        Role::Specialist,
        ANY,
        Status::AwaitingSignature,
    ),
    (Status::AwaitingSignature, Action::Sign, Role::Head, ANY, Status::Signed),
    (Status::AwaitingSignature, Action::ReturnForRework, Role::Head, ANY, Status::AtSpecialist),
    (Status::Signed, Action::Issue, Role::Chancellery, PORTAL, Status::Issued),
    (Status::Signed, Action::SendToCsc, Role::Chancellery, CSC, Status::SentToCsc),
    (Status::SentToCsc, Action::AcceptAtCsc, Role::CscOperator, CSC, Status::AtCsc),
    (Status::SentToCsc, Action::ReturnToProvider, Role::CscOperator, CSC, Status::Signed),
    (Status::AtCsc, Action::Issue, Role::CscOperator, CSC, Status::Issued),
    (Status::Signed, Action::Issue, Role::Chancellery, PROVIDER, Status::Issued),
];

/// 002 (the ministry; the portal only): chancellery registers and passes to the unit head → unit
/// head passes to the executor → executor takes it into work → executor reviews and prepares the
/// decision (or refuses an incomplete package) → unit head approves or returns it → head signs
/// or returns it → the signed result goes to the portal at once. The chancellery may refuse an
/// incomplete package on receipt, in a document the head signs.
const MINISTRY_BY_HAND: &[Expected] = &[
    (Status::Draft, Action::Submit, Role::Applicant, PORTAL, Status::Submitted),
    (Status::Submitted, Action::Register, Role::Chancellery, ANY, Status::AtDepartmentHead),
    (
        Status::Submitted,
        Action::RefuseIncomplete,
        Role::Chancellery,
        ANY,
        Status::AwaitingSignature,
    ),
    (
        Status::AtDepartmentHead,
        Action::AssignSpecialist,
        Role::DepartmentHead,
        ANY,
        Status::AtSpecialist,
    ),
    (Status::AtSpecialist, Action::TakeIntoWork, Role::Specialist, ANY, Status::UnderReview),
    (Status::UnderReview, Action::DraftResult, Role::Specialist, ANY, Status::AwaitingApproval),
    (
        Status::UnderReview,
        Action::RefuseIncomplete,
        Role::Specialist,
        ANY,
        Status::AwaitingApproval,
    ),
    (
        Status::AwaitingApproval,
        Action::Approve,
        Role::DepartmentHead,
        ANY,
        Status::AwaitingSignature,
    ),
    (
        Status::AwaitingApproval,
        Action::ReturnForRework,
        Role::DepartmentHead,
        ANY,
        Status::UnderReview,
    ),
    (Status::AwaitingSignature, Action::Sign, Role::Head, ANY, Status::Issued),
    (Status::AwaitingSignature, Action::ReturnForRework, Role::Head, ANY, Status::UnderReview),
];

/// The moves written by hand for each service's workflow.
fn by_hand(service: ServiceCode) -> &'static [Expected] {
    match service {
        ServiceCode::PeriodicalsRegistration => MINISTRY_BY_HAND,
        ServiceCode::ForeignPeriodicals
        | ServiceCode::ForeignMedia
        | ServiceCode::ArchivalCertificate => REGIONAL_BY_HAND,
    }
}

#[test]
fn exactly_the_moves_the_regulations_describe_are_allowed() {
    for (service, workflow) in workflows() {
        let expected = by_hand(service);
        for (from, action, role, intake) in every_move() {
            let what = format!("{service:?}: {from:?} {action:?} by {role:?} via {intake:?}");
            let to = expected
                .iter()
                .find(|e| (e.0, e.1, e.2) == (from, action, role) && e.3.contains(&intake))
                .map(|e| e.4);
            let applied = workflow.apply(from, action, role, intake);
            match to {
                Some(to) => assert_eq!(applied, Ok(to), "{what}"),
                None => assert!(applied.is_err(), "{what} must be refused"),
            }
        }
    }
}

/// Every (status, action, role, intake) there is.
fn every_move() -> impl Iterator<Item = (Status, Action, Role, Intake)> {
    Status::ALL.into_iter().flat_map(|from| {
        Action::ALL.into_iter().flat_map(move |action| {
            Role::ALL
                .into_iter()
                .flat_map(move |role| Intake::ALL.map(|intake| (from, action, role, intake)))
        })
    })
}

#[test]
fn a_specialist_cannot_sign_for_the_head() {
    assert_eq!(
        REGIONAL.apply(Status::AwaitingSignature, Action::Sign, Role::Specialist, Intake::Portal),
        Err(TransitionError::WrongRole { allowed: Role::Head })
    );
    assert_eq!(
        REGIONAL.apply(Status::AtSpecialist, Action::Sign, Role::Head, Intake::Portal),
        Err(TransitionError::NotAllowedNow)
    );
    // Nothing moves a request out of a final status.
    for (_, action, role, intake) in every_move() {
        assert!(REGIONAL.apply(Status::Issued, action, role, intake).is_err());
        assert!(MINISTRY.apply(Status::RefusedIncomplete, action, role, intake).is_err());
    }
}

/// Walks a path of (action, role) from a draft taken in through `intake` and returns where it
/// ends.
fn walk(workflow: &Workflow, intake: Intake, path: &[(Action, Role)]) -> Status {
    path.iter().fold(Status::Draft, |status, &(action, role)| {
        workflow
            .apply(status, action, role, intake)
            .unwrap_or_else(|e| panic!("{status:?} {action:?} {role:?}: {e:?}"))
    })
}

#[test]
fn the_regional_office_takes_a_request_to_issued_with_one_rework() {
    let end = walk(
        REGIONAL,
        Intake::Portal,
        &[
            (Action::Submit, Role::Applicant),
            (Action::Register, Role::Chancellery),
            (Action::AssignDepartment, Role::Head),
            (Action::AssignSpecialist, Role::DepartmentHead),
            (Action::DraftResult, Role::Specialist),
            (Action::ReturnForRework, Role::Head),
            (Action::DraftResult, Role::Specialist),
            (Action::Sign, Role::Head),
            (Action::Issue, Role::Chancellery),
        ],
    );
    assert_eq!(end, Status::Issued);
    // The refusal of an incomplete package is signed by the head and handed out at the centre
    // the package came from, as a result is.
    let refused = walk(
        REGIONAL,
        Intake::Csc,
        &[
            (Action::Submit, Role::CscOperator),
            (Action::RefuseIncomplete, Role::Chancellery),
            (Action::Sign, Role::Head),
            (Action::SendToCsc, Role::Chancellery),
            (Action::AcceptAtCsc, Role::CscOperator),
            (Action::Issue, Role::CscOperator),
        ],
    );
    assert_eq!(refused, Status::Issued);
}

#[test]
fn a_csc_request_gets_its_result_at_the_centre_after_one_returned_registry() {
    let end = walk(
        REGIONAL,
        Intake::Csc,
        &[
            (Action::Submit, Role::CscOperator),
            (Action::Register, Role::Chancellery),
            (Action::AssignDepartment, Role::Head),
            (Action::AssignSpecialist, Role::DepartmentHead),
            (Action::DraftResult, Role::Specialist),
            (Action::Sign, Role::Head),
            (Action::SendToCsc, Role::Chancellery),
            (Action::ReturnToProvider, Role::CscOperator),
            (Action::SendToCsc, Role::Chancellery),
            (Action::AcceptAtCsc, Role::CscOperator),
            (Action::Issue, Role::CscOperator),
        ],
    );
    assert_eq!(end, Status::Issued);
    // The chancellery issues a portal request itself, and a CSC request only through the centre.
    let issue = |intake| REGIONAL.apply(Status::Signed, Action::Issue, Role::Chancellery, intake);
    assert_eq!(issue(Intake::Portal), Ok(Status::Issued));
    assert!(issue(Intake::Csc).is_err());
    let send = REGIONAL.apply(Status::Signed, Action::SendToCsc, Role::Chancellery, Intake::Portal);
    assert!(send.is_err());
    // Nobody files a draft through the other's channel.
    assert!(REGIONAL.apply(Status::Draft, Action::Submit, Role::Applicant, Intake::Csc).is_err());
    assert!(
        REGIONAL.apply(Status::Draft, Action::Submit, Role::CscOperator, Intake::Portal).is_err()
    );
}

/// 001 p. 8, 004 p. 6: at the provider's own chancellery an employee files the walk-in's
/// application with their own signature and hands the result over there (or e-mails it); nobody
/// else files through that desk, and its result never travels to a centre.
#[test]
fn a_walk_in_at_the_chancellery_is_filed_and_handed_over_there() {
    let archival = &ServiceCode::ArchivalCertificate.def().workflow;
    let end = walk(
        archival,
        Intake::Provider,
        &[
            (Action::Submit, Role::Chancellery),
            (Action::Register, Role::Chancellery),
            (Action::AssignDepartment, Role::Head),
            (Action::AssignSpecialist, Role::DepartmentHead),
            (Action::DraftResult, Role::Specialist),
            (Action::Sign, Role::Head),
            (Action::Issue, Role::Chancellery),
        ],
    );
    assert_eq!(end, Status::Issued);
    for role in [Role::Applicant, Role::CscOperator, Role::Head] {
        assert!(archival.apply(Status::Draft, Action::Submit, role, Intake::Provider).is_err());
    }
    assert!(
        archival.apply(Status::Draft, Action::Submit, Role::Chancellery, Intake::Portal).is_err()
    );
    let send =
        archival.apply(Status::Signed, Action::SendToCsc, Role::Chancellery, Intake::Provider);
    assert!(send.is_err());
    // Its issue is a handover with a record of to whom, as at a centre; online it is a step.
    assert!(Action::Issue.by_handover(Intake::Provider));
    assert!(Action::Issue.by_handover(Intake::Csc));
    assert!(!Action::Issue.by_handover(Intake::Portal));
    assert!(!Action::Register.by_handover(Intake::Provider));
}

#[test]
fn the_ministry_approves_then_signs_and_files_only_online() {
    let end = walk(
        MINISTRY,
        Intake::Portal,
        &[
            (Action::Submit, Role::Applicant),
            (Action::Register, Role::Chancellery),
            (Action::AssignSpecialist, Role::DepartmentHead),
            (Action::TakeIntoWork, Role::Specialist),
            (Action::DraftResult, Role::Specialist),
            (Action::Approve, Role::DepartmentHead),
            (Action::Sign, Role::Head),
        ],
    );
    assert_eq!(end, Status::Issued);
    // Regulation 002 is electronic only: a CSC operator cannot file it.
    assert!(MINISTRY.apply(Status::Draft, Action::Submit, Role::CscOperator, Intake::Csc).is_err());
}

#[test]
fn every_working_status_has_a_step_with_a_role_and_a_limit() {
    for (name, workflow) in workflows() {
        let reachable: HashSet<Status> = workflow.transitions.iter().map(|t| t.to).collect();
        for status in reachable.into_iter().filter(|s| !s.is_final()) {
            let step =
                workflow.step(status).unwrap_or_else(|| panic!("{name:?}: {status:?} has no step"));
            // The step's holder is the one who can move the request on.
            let moves = Intake::ALL
                .into_iter()
                .any(|intake| workflow.actions(status, step.role, intake).next().is_some());
            assert!(moves, "{name:?}: {status:?}");
            assert!(match step.limit {
                Limit::WorkingMinutes(m) => m > 0,
                Limit::WorkingDays(d) => d > 0,
                Limit::WithinTerm => true,
            });
        }
    }
    for status in Status::ALL {
        assert!(!status.title().is_incomplete(), "{status:?}");
    }
    for action in Action::ALL {
        assert!(!action.title().is_incomplete(), "{action:?}");
    }
}

#[test]
fn step_deadlines_come_from_the_calendar() {
    use crate::calendar::{Calendar, Date};
    let calendar = Calendar::kazakhstan();
    let at = |y, m, d, h: i64, min: i64| {
        Date::new(y, m, d).unwrap().start_in_kazakhstan() + h * 3600 + min * 60
    };
    // The chancellery has 15 working minutes to register.
    let register = REGIONAL.step(Status::Submitted).unwrap().limit;
    let never = i64::MAX;
    assert_eq!(register.deadline(&calendar, at(2026, 4, 1, 18, 25), never), at(2026, 4, 2, 9, 10));
    // The specialist has 8 working days: from Thursday 19 March 2026, 10:00, through Nauryz.
    let review = REGIONAL.step(Status::AtSpecialist).unwrap().limit;
    let deadline = review.deadline(&calendar, at(2026, 3, 19, 10, 0), never);
    assert_eq!(Date::in_kazakhstan(deadline), Date::new(2026, 4, 2).unwrap());
}

#[test]
fn stored_names_are_the_serde_names() {
    for status in Status::ALL {
        assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
    }
    for action in Action::ALL {
        assert_eq!(serde_json::to_value(action).unwrap(), action.as_str());
    }
}

#[test]
fn every_status_says_what_happens_next_and_by_when_while_in_work() {
    // 26.12.2026 18:00 in Astana.
    let deadline = 1_798_290_000;
    for status in Status::ALL {
        let next = status.what_next(Some(deadline));
        assert!(!next.is_incomplete(), "{status:?}");
        let dated = next.kk.contains("26.12.2026") && next.ru.contains("26.12.2026");
        assert_eq!(dated, status.is_with_provider(), "{status:?}: {next:?}");
        assert!(!status.what_next(None).contains("26.12.2026"));
    }
}
