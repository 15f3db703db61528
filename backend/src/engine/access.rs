//! Who may see a request and who may touch it. Anyone else is told it does not exist.

use qyzmet_shared::calendar::Intake;
use qyzmet_shared::power::PowerState;
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{ApiError, ErrorCode, Role};

use crate::AppState;
use crate::error::AppResult;
use crate::store::{Account, AuditEntry, StoredRequest};

pub async fn load(state: &AppState, number: &str) -> AppResult<StoredRequest> {
    Ok(state
        .store
        .requests()
        .by_number(number)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?)
}

/// Staff of the request's provider.
pub fn works_for(me: &Account, request: &StoredRequest) -> bool {
    me.provider.as_deref() == Some(request.provider.as_str())
}

/// `me` works at the desk the request was taken in at, where its result is handed over: an
/// operator of the centre it was filed at, or for a walk-in at the provider's own chancellery,
/// that chancellery.
pub fn works_at(me: &Account, request: &StoredRequest) -> bool {
    match request.intake {
        Intake::Csc => me.role == Role::CscOperator && me.csc.is_some() && me.csc == request.csc,
        Intake::Provider => me.role == Role::Chancellery && works_for(me, request),
        Intake::Portal => false,
    }
}

/// The request if `me` may see it: its own (see `is_own`), or, once it is submitted, its
/// provider's staff and the operators of the CSC it was filed at. Anyone else gets 404, as if it
/// did not exist.
pub async fn visible(state: &AppState, me: &Account, number: &str) -> AppResult<StoredRequest> {
    let request = load(state, number).await?;
    let staff =
        (works_for(me, &request) || works_at(me, &request)) && request.status != Status::Draft;
    if staff || is_own(state, me, &request).await? {
        Ok(request)
    } else {
        Err(ApiError::new(ErrorCode::NotFound).into())
    }
}

/// The request if it is `me`'s own (see `is_own`).
pub async fn own(state: &AppState, me: &Account, number: &str) -> AppResult<StoredRequest> {
    let request = load(state, number).await?;
    if is_own(state, me, &request).await? {
        Ok(request)
    } else {
        Err(ApiError::new(ErrorCode::NotFound).into())
    }
}

/// `me` filed the request, or it was filed for them; a draft is its filer's alone until filed. A
/// representative who filed it reads it only while their power of attorney is in force: once the
/// principal revokes it or it expires, the filed request is the principal's alone (its history
/// keeps the representative's name), and the representative keeps only their unfiled drafts. The
/// history list applies the same rule (`Whose::Person`).
async fn is_own(state: &AppState, me: &Account, request: &StoredRequest) -> AppResult<bool> {
    if request.applicant_id == me.id && request.status != Status::Draft {
        return Ok(true);
    }
    if request.filed_by_id != me.id {
        return Ok(false);
    }
    match request.power_id {
        Some(power) if request.applicant_id != me.id && request.status != Status::Draft => {
            Ok(state
                .store
                .powers()
                .by_id(power)
                .await?
                .is_some_and(|power| power.state == PowerState::Active))
        }
        _ => Ok(true),
    }
}

/// Personal data staff read from a request (issue 17 (8)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    Result,
    Application,
    Receipt,
    Attachment,
    /// A desk's look-up of a walk-in's record in the state registry.
    Registry,
}

impl Read {
    fn action(self) -> &'static str {
        match self {
            Read::Result => "read.result",
            Read::Application => "read.application",
            Read::Receipt => "read.receipt",
            Read::Attachment => "read.attachment",
            Read::Registry => "read.registry",
        }
    }
}

/// Records in the audit log that `me` read `what` of `subject` (a request's number, a walk-in's
/// IIN), when `me` is staff (a desk or the provider's people, the administrator): what applicants
/// and their representatives read of their own requests is theirs.
pub async fn note_read(state: &AppState, me: &Account, subject: &str, what: Read) -> AppResult<()> {
    if me.role == Role::Applicant {
        return Ok(());
    }
    let entry = AuditEntry {
        actor: me.id_number.clone(),
        action: what.action(),
        subject: subject.to_owned(),
        details: String::new(),
    };
    state.store.audit().record(&entry).await
}
