//! Typed calls of the endpoints, taking the shared request types: a test says what it sends in
//! the API's own words, and a change of those types shows in every test that sends them.

use qyzmet_shared::csc::{Counter, Handover, Recipient};
use qyzmet_shared::request::{NewRequest, Page, RequestSummary, StepAction};
use qyzmet_shared::result::Outcome;
use qyzmet_shared::workflow::Action;
use reqwest::{Method, Response};
use serde::Serialize;

use crate::app::TestApp;

impl TestApp {
    async fn send(
        &self,
        method: Method,
        path: &str,
        cookie: &str,
        body: &impl Serialize,
    ) -> Response {
        self.call(method, path, cookie, Some(serde_json::to_value(body).unwrap())).await
    }

    /// `POST /requests`: a new draft.
    pub async fn open_request(&self, cookie: &str, new: &NewRequest) -> Response {
        self.send(Method::POST, "/requests", cookie, new).await
    }

    /// `POST /requests/{number}/handover`: the result handed over at a desk.
    pub async fn hand_over(&self, cookie: &str, number: &str, handover: &Handover) -> Response {
        self.send(Method::POST, &format!("/requests/{number}/handover"), cookie, handover).await
    }

    /// `GET /requests`: the first page of the caller's history.
    pub async fn history(&self, cookie: &str) -> Page<RequestSummary> {
        let page = self.call(Method::GET, "/requests", cookie, None).await;
        page.json().await.unwrap()
    }

    /// `GET /requests/{number}/{file}`: one of the request's PDFs.
    pub async fn file_of(&self, cookie: &str, number: &str, file: &str) -> Response {
        self.call(Method::GET, &format!("/requests/{number}/{file}"), cookie, None).await
    }
}

/// What a desk records besides the form: the applicant's phone, no representative.
pub(crate) fn desk_record(phone: &str) -> Counter {
    Counter { phone: phone.to_owned(), representative: None }
}

/// A handover to the applicant in person, with the identity document checked.
pub(crate) fn to_the_applicant(identity_document: &str) -> Handover {
    Handover {
        recipient: Recipient::Applicant,
        identity_document: identity_document.to_owned(),
        email: String::new(),
        representative: String::new(),
        power_number: String::new(),
        power_date: String::new(),
        notary: String::new(),
    }
}

/// A step that needs nothing but itself (`register`, `sign`, `issue`…).
pub(crate) fn plain(action: Action) -> StepAction {
    StepAction::new(action, "")
}

/// The head sends the request to a department, with a resolution for the history.
pub(crate) fn to_department(department: &str) -> StepAction {
    StepAction {
        department: Some(department.to_owned()),
        ..StepAction::new(Action::AssignDepartment, "Орындауға")
    }
}

/// The department head gives the request to a specialist.
pub(crate) fn to_specialist(specialist: &str) -> StepAction {
    StepAction { specialist: Some(specialist.to_owned()), ..plain(Action::AssignSpecialist) }
}

/// The specialist drafts the certificate, with its appendix pages where its form counts them.
pub(crate) fn draft_certificate(appendix_pages: Option<u16>) -> StepAction {
    StepAction { outcome: Some(Outcome::Certificate), appendix_pages, ..plain(Action::DraftResult) }
}

/// The specialist drafts a motivated refusal on these grounds.
pub(crate) fn draft_refusal(grounds: &str) -> StepAction {
    StepAction { outcome: Some(Outcome::Refusal), ..StepAction::new(Action::DraftResult, grounds) }
}
