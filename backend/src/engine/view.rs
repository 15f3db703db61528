//! What a request looks like to those who may see it: the whole view, and a line of a list.

use qyzmet_shared::calendar::Intake;
use qyzmet_shared::csc::CounterView;
use qyzmet_shared::power::Representative;
use qyzmet_shared::request::{RequestSummary, RequestView, ResultView, is_overdue};
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{result, survey};

use crate::AppState;
use crate::error::AppResult;
use crate::store::{SignedFor, StoredRequest};

pub async fn view(state: &AppState, request: &StoredRequest) -> AppResult<RequestView> {
    let requests = state.store.requests();
    // A draft has no filing signature yet, and only a drafted result can have been signed: the
    // views of most requests, and every filing's answer, ask for one signer or none.
    let signed_by = match request.status {
        Status::Draft => None,
        _ => requests.signer(request.id, SignedFor::Submission).await?,
    };
    let approved_by = match request.result {
        Some(_) => requests.signer(request.id, SignedFor::Result).await?,
        None => None,
    };
    let representative = match request.power_id {
        Some(power) => state.store.powers().by_id(power).await?.map(|power| Representative {
            iin: request.filer_id_number.clone(),
            name: request.filer_name.clone(),
            valid_until: power.valid_until,
        }),
        None => None,
    };
    Ok(RequestView {
        number: request.number.clone(),
        service: request.service,
        kind: request.kind.clone(),
        provider: request.provider.clone(),
        applicant_id_number: request.applicant_id_number.clone(),
        applicant_name: request.applicant_name.clone(),
        representative,
        intake: request.intake,
        counter: counter_view(request),
        status: request.status,
        form: request.form.clone(),
        created_at: request.created_at,
        submitted_at: request.submitted_at,
        deadline: request.deadline_at,
        step_deadline: request.step_deadline_at,
        completeness_deadline: request.completeness_deadline_at,
        signed_by,
        department: request.department.clone(),
        assignee: request.assignee_name.clone(),
        result: request.result.as_ref().map(|drafted| {
            let template = result::template(request.service, &request.kind, drafted.outcome);
            ResultView {
                outcome: drafted.outcome,
                title: template.title,
                grounds: drafted.grounds.clone(),
                appendix_pages: drafted.appendix_pages,
                number: drafted.number.clone(),
                signed_at: drafted.signed_at,
                valid_until: drafted.signed_at.and_then(|at| template.validity.until(at)),
                signed_by: approved_by,
            }
        }),
        attachments: state.store.attachments().of_request(request.id).await?,
        survey: if survey::open_for(request.status) {
            state.store.surveys().of_request(request.id).await?
        } else {
            None
        },
        events: requests.events(request.id).await?,
    })
}

/// The desk part of a request's view: the centre or chancellery, the employee who filed it and what they
/// recorded.
fn counter_view(request: &StoredRequest) -> Option<CounterView> {
    let desk = match request.intake {
        Intake::Csc => request.csc.clone()?,
        Intake::Provider => request.provider.clone(),
        Intake::Portal => return None,
    };
    Some(CounterView {
        centre: desk,
        operator_iin: request.filer_id_number.clone(),
        operator_name: request.filer_name.clone(),
        counter: request.counter.clone()?,
    })
}

/// One line of a list at `now`: the history or a staff queue.
pub fn summary(request: StoredRequest, now: i64) -> RequestSummary {
    RequestSummary {
        overdue: is_overdue(request.status, request.deadline_at, request.step_deadline_at, now),
        number: request.number,
        service: request.service,
        kind: request.kind,
        status: request.status,
        applicant_name: request.applicant_name,
        created_at: request.created_at,
        deadline: request.deadline_at,
        step_deadline: request.step_deadline_at,
    }
}
