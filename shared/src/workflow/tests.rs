use std::collections::HashSet;

use super::*;

const WORKFLOWS: [(&str, &Workflow); 2] = [("regional", &REGIONAL), ("ministry", &MINISTRY)];

#[test]
fn every_forbidden_move_is_refused_and_every_allowed_one_goes_where_the_table_says() {
    for (name, workflow) in WORKFLOWS {
        for from in Status::ALL {
            for action in Action::ALL {
                for role in Role::ALL {
                    let listed = workflow
                        .transitions
                        .iter()
                        .find(|t| t.from == from && t.action == action && t.role == role);
                    let result = workflow.apply(from, action, role);
                    match listed {
                        Some(t) => {
                            assert_eq!(result, Ok(t.to), "{name}: {from:?} {action:?} by {role:?}");
                        }
                        None => assert!(
                            result.is_err(),
                            "{name}: {from:?} {action:?} by {role:?} must be refused"
                        ),
                    }
                }
            }
        }
    }
}

#[test]
fn a_specialist_cannot_sign_for_the_head() {
    assert_eq!(
        REGIONAL.apply(Status::AwaitingSignature, Action::Sign, Role::Specialist),
        Err(TransitionError::WrongRole { allowed: Role::Head })
    );
    assert_eq!(
        REGIONAL.apply(Status::AtSpecialist, Action::Sign, Role::Head),
        Err(TransitionError::NotAllowedNow)
    );
    // Nothing moves a request out of a final status.
    for action in Action::ALL {
        for role in Role::ALL {
            assert!(REGIONAL.apply(Status::Issued, action, role).is_err());
            assert!(MINISTRY.apply(Status::RefusedIncomplete, action, role).is_err());
        }
    }
}

/// Walks a path of (action, role) from a draft and returns where it ends.
fn walk(workflow: &Workflow, path: &[(Action, Role)]) -> Status {
    path.iter().fold(Status::Draft, |status, &(action, role)| {
        workflow
            .apply(status, action, role)
            .unwrap_or_else(|e| panic!("{status:?} {action:?} {role:?}: {e:?}"))
    })
}

#[test]
fn the_regional_office_takes_a_request_to_issued_with_one_rework() {
    let end = walk(
        &REGIONAL,
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
    let refused = walk(
        &REGIONAL,
        &[(Action::Submit, Role::CscOperator), (Action::RefuseIncomplete, Role::Chancellery)],
    );
    assert_eq!(refused, Status::RefusedIncomplete);
}

#[test]
fn the_ministry_approves_then_signs_and_files_only_online() {
    let end = walk(
        &MINISTRY,
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
    assert!(MINISTRY.apply(Status::Draft, Action::Submit, Role::CscOperator).is_err());
    assert_eq!(Workflow::of(ServiceCode::PeriodicalsRegistration), &MINISTRY);
    assert_eq!(Workflow::of(ServiceCode::ArchivalCertificate), &REGIONAL);
}

#[test]
fn every_working_status_has_a_step_with_a_role_and_a_limit() {
    for (name, workflow) in WORKFLOWS {
        let reachable: HashSet<Status> = workflow.transitions.iter().map(|t| t.to).collect();
        for status in reachable.into_iter().filter(|s| !s.is_final()) {
            let step =
                workflow.step(status).unwrap_or_else(|| panic!("{name}: {status:?} has no step"));
            // The step's holder is the one who can move the request on.
            assert!(workflow.actions(status, step.role).next().is_some(), "{name}: {status:?}");
            assert!(match step.limit {
                Limit::WorkingMinutes(m) => m > 0,
                Limit::WorkingDays(d) => d > 0,
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
    assert_eq!(register.deadline(&calendar, at(2026, 4, 1, 18, 25)), at(2026, 4, 2, 9, 10));
    // The specialist has 8 working days: from Thursday 19 March 2026, 10:00, through Nauryz.
    let review = REGIONAL.step(Status::AtSpecialist).unwrap().limit;
    let deadline = review.deadline(&calendar, at(2026, 3, 19, 10, 0));
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
