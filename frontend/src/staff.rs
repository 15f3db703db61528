//! What a staff member is offered on a request, worked out from its regulation's declaration: the
//! buttons of the steps that are theirs now, and whether they sign the drafted result. Plain
//! data, so it is tested without a browser.

use qyzmet_shared::Role;
use qyzmet_shared::calendar::Intake;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::workflow::{Action, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffStep {
    /// The moves taken with a button. Not filing or signing (signed steps, with forms of their
    /// own), nor what travels in a registry or is handed over at a desk.
    pub buttons: Vec<Action>,
    /// The head signs the drafted result now, with their key.
    pub signs_result: bool,
}

impl StaffStep {
    /// What `role` (`None` when signed out) may do now to a request of `service` in `status`,
    /// taken in through `intake`. A centre's operator acts through the counter's own forms.
    pub fn of(service: ServiceCode, status: Status, role: Option<Role>, intake: Intake) -> Self {
        let Some(role) = role.filter(|role| *role != Role::CscOperator) else {
            return StaffStep { buttons: Vec::new(), signs_result: false };
        };
        let actions = || service.def().workflow.actions(status, role, intake);
        StaffStep {
            buttons: actions()
                .filter(|a| !matches!(a, Action::Submit | Action::Sign))
                .filter(|a| !a.by_registry() && !a.by_handover(intake))
                .collect(),
            signs_result: actions().any(|a| a == Action::Sign),
        }
    }

    pub fn offers(&self, action: Action) -> bool {
        self.buttons.contains(&action)
    }

    /// Nothing for this staff member to do now.
    pub fn is_empty(&self) -> bool {
        self.buttons.is_empty() && !self.signs_result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARCHIVES: ServiceCode = ServiceCode::ArchivalCertificate;

    #[test]
    fn each_holder_gets_the_buttons_of_their_step_and_the_head_signs() {
        let step = |status, role, intake| StaffStep::of(ARCHIVES, status, Some(role), intake);
        let registering = step(Status::Submitted, Role::Chancellery, Intake::Portal);
        assert_eq!(registering.buttons, [Action::Register, Action::RefuseIncomplete]);
        let signing = step(Status::AwaitingSignature, Role::Head, Intake::Portal);
        assert!(signing.signs_result);
        assert_eq!(signing.buttons, [Action::ReturnForRework]);
        let choosing = step(Status::AtDepartmentHead, Role::DepartmentHead, Intake::Csc);
        assert!(choosing.offers(Action::AssignSpecialist) && !choosing.signs_result);
        // Not their step: nothing.
        assert!(step(Status::AtSpecialist, Role::Head, Intake::Portal).is_empty());
    }

    #[test]
    fn results_at_a_desk_are_handed_over_and_those_for_a_centre_travel_in_registries() {
        let signed =
            |intake| StaffStep::of(ARCHIVES, Status::Signed, Some(Role::Chancellery), intake);
        assert_eq!(signed(Intake::Portal).buttons, [Action::Issue]);
        assert!(signed(Intake::Provider).is_empty(), "handed over with its own form");
        assert!(signed(Intake::Csc).is_empty(), "sent in a registry");
        let at_centre =
            StaffStep::of(ARCHIVES, Status::AtCsc, Some(Role::CscOperator), Intake::Csc);
        assert!(at_centre.is_empty());
        assert!(StaffStep::of(ARCHIVES, Status::Submitted, None, Intake::Portal).is_empty());
    }
}
