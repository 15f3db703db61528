//! What several regulations share: the regional akimat's way of moving a request (000/003 and
//! the e-service tables of 001/004 run on the same departments), the channels and the completeness
//! check every regulation sets.

use super::Rule;
use crate::account::Role;
use crate::calendar::Intake;
use crate::catalog::{Channel, Term};
use crate::workflow::{Action, Limit, Status, Step, Transition, go, step, via};

/// Every provider checks that the package is complete within two working days of receipt and,
/// if it is not, gives a written motivated refusal to continue (003 p. 5; the standards behind
/// 001, 002 and 004 say the same).
pub const COMPLETENESS_CHECK: Term = Term::WorkingDays(2);

/// Filed online, at a citizen service centre, or at the provider's own chancellery.
pub const EVERY_CHANNEL: &[Channel] = &[Channel::Portal, Channel::Csc, Channel::Provider];

/// The regional akimat's moves. An incomplete package may be refused at registration or by the
/// specialist who checks the documents (the server allows it only within the completeness check):
/// the refusal goes to the head to sign and then to the applicant like any result.
pub const REGIONAL_MOVES: &[Transition] = &[
    via(Intake::Portal, go(Status::Draft, Action::Submit, Role::Applicant, Status::Submitted)),
    via(Intake::Csc, go(Status::Draft, Action::Submit, Role::CscOperator, Status::Submitted)),
    // A walk-in at the provider's own chancellery (001 p. 8, 004 p. 6): the employee checks the
    // originals, fills the form with their scans and files it with their own signature.
    via(Intake::Provider, go(Status::Draft, Action::Submit, Role::Chancellery, Status::Submitted)),
    go(Status::Submitted, Action::Register, Role::Chancellery, Status::AtHead),
    // The refusal of an incomplete package is a document the head signs, handed out like a result.
    go(Status::Submitted, Action::RefuseIncomplete, Role::Chancellery, Status::AwaitingSignature),
    go(Status::AtHead, Action::AssignDepartment, Role::Head, Status::AtDepartmentHead),
    go(
        Status::AtDepartmentHead,
        Action::AssignSpecialist,
        Role::DepartmentHead,
        Status::AtSpecialist,
    ),
    go(Status::AtSpecialist, Action::RefuseIncomplete, Role::Specialist, Status::AwaitingSignature),
    go(Status::AtSpecialist, Action::DraftResult, Role::Specialist, Status::AwaitingSignature),
    go(Status::AwaitingSignature, Action::ReturnForRework, Role::Head, Status::AtSpecialist),
    go(Status::AwaitingSignature, Action::Sign, Role::Head, Status::Signed),
    via(Intake::Portal, go(Status::Signed, Action::Issue, Role::Chancellery, Status::Issued)),
    // A request filed at a CSC gets its result there: it travels in a registry, the centre
    // accepts it (or returns it when a listed document is missing) and hands it out.
    via(Intake::Csc, go(Status::Signed, Action::SendToCsc, Role::Chancellery, Status::SentToCsc)),
    via(Intake::Csc, go(Status::SentToCsc, Action::AcceptAtCsc, Role::CscOperator, Status::AtCsc)),
    via(
        Intake::Csc,
        go(Status::SentToCsc, Action::ReturnToProvider, Role::CscOperator, Status::Signed),
    ),
    via(Intake::Csc, go(Status::AtCsc, Action::Issue, Role::CscOperator, Status::Issued)),
    // The walk-in's result is handed over at the chancellery in person or e-mailed (001 p. 8,
    // 004 p. 6), recorded like a centre's handover.
    via(Intake::Provider, go(Status::Signed, Action::Issue, Role::Chancellery, Status::Issued)),
];

/// How long each of the regional akimat's people may hold a request: each regional regulation
/// declares its own.
#[derive(Debug, Clone, Copy)]
pub struct RegionalLimits {
    /// The chancellery registers the request.
    pub register: Limit,
    /// The head reads it and sends it to a department.
    pub head: Limit,
    /// The department head picks the specialist.
    pub department_head: Limit,
    /// The specialist checks the documents and drafts the result.
    pub specialist: Limit,
    /// The head checks and signs the result.
    pub signature: Limit,
    /// The chancellery hands the signed result out, or to the centre's courier.
    pub issue: Limit,
}

/// The regional steps with a regulation's limits. A result for a centre travels with the courier
/// within the next working day and is kept there for a month (30 days ≈ 22 working days).
pub const fn regional_steps(limits: RegionalLimits) -> [Step; 8] {
    [
        step(Status::Submitted, Role::Chancellery, limits.register),
        step(Status::AtHead, Role::Head, limits.head),
        step(Status::AtDepartmentHead, Role::DepartmentHead, limits.department_head),
        step(Status::AtSpecialist, Role::Specialist, limits.specialist),
        step(Status::AwaitingSignature, Role::Head, limits.signature),
        step(Status::Signed, Role::Chancellery, limits.issue),
        step(Status::SentToCsc, Role::CscOperator, Limit::WorkingDays(1)),
        step(Status::AtCsc, Role::CscOperator, Limit::WorkingDays(22)),
    ]
}

/// What every regulation sets alike.
pub const RULES: &[Rule] = &[
    Rule {
        says: "The completeness check within 2 working days; its refusal is a numbered document the head signs, reaching the applicant through their channel",
        clause: "003 p. 5",
        test: "api: requests::an_incomplete_package_is_refused_by_a_signed_numbered_document",
    },
    Rule {
        says: "A centre's applicant receives the incomplete-package refusal at the centre",
        clause: "003 p. 5, p. 10",
        test: "browser: counter::the_refusal_of_an_incomplete_package_is_handed_over_at_the_centre",
    },
    Rule {
        says: "At a centre the result is collected with an identity document, or by any representative with a notarised power (number, date, notary recorded)",
        clause: "digest, channels 2; 003 p. 10",
        test: "shared: csc::tests::any_representative_collects_with_a_notarised_power_recorded",
    },
    Rule {
        says: "A chancellery takes walk-ins in only for its own provider's services whose regulation gives that channel, and only the desk that took one in hands its result over, recording to whom",
        clause: "001 p. 8; 004 p. 6; 003 p. 1; 002 p. 2",
        test: "api: walk_in::a_chancellery_takes_in_only_its_own_services_the_regulation_gives_there",
    },
    Rule {
        says: "Holidays fixed by law for any year, their weekend rest moved; Kurban ait and decrees are data",
        clause: "Labour Code art. 85",
        test: "shared: calendar::tests::any_year_has_its_holidays_without_data",
    },
    Rule {
        says: "An administrator changes a step's limit without code; the declaration stays the default, the change is audited, deadlines follow it",
        clause: "issue 15 (1)",
        test: "api: deadlines::an_administrator_changes_a_step_limit_and_deadlines_follow",
    },
    Rule {
        says: "The term calculator answers what the service page and the receipt print",
        clause: "issue 15 (13)",
        test: "api: deadlines::every_service_and_intake_counts_as_its_regulation_says",
    },
];
