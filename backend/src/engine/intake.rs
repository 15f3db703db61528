//! Taking a walk-in applicant in at a desk — a citizen service centre's counter or the provider's
//! own chancellery: the applicant the employee names, opened from the state registry the first
//! time they come.

use qyzmet_shared::catalog::Channel;
use qyzmet_shared::request::NewRequest;
use qyzmet_shared::{ApiError, ErrorCode, IdNumber, Role};

use crate::AppState;
use crate::error::AppResult;
use crate::registry;
use crate::store::Account;

/// The applicant an employee names (`on_behalf_of`), checked as an IIN/BIN.
pub fn applicant(on_behalf_of: Option<&str>) -> AppResult<IdNumber> {
    Ok(IdNumber::parse(on_behalf_of.unwrap_or_default().trim())
        .map_err(|why| ApiError::invalid_id_number("on_behalf_of", why))?)
}

/// Where a walk-in is taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desk<'m> {
    /// The counter of this citizen service centre, by one of its operators.
    Centre(&'m str),
    /// The provider's own chancellery, by one of its employees (001 p. 8, 004 p. 6), for a
    /// request to that provider.
    Chancellery,
}

/// Those who take walk-ins in: a centre's operator, and the chancellery of a provider.
pub fn takes_walk_ins(me: &Account) -> bool {
    matches!(me.role, Role::CscOperator | Role::Chancellery)
}

/// For a new draft opened at `me`'s desk: the applicant's account (opened from the state registry
/// the first time they come) and the desk. A person or company the registry does not know gets
/// the regulation's refusal, `no_registry_data`; a service the regulation does not give at this
/// desk is `bad_request` on `service`, another provider's at a chancellery on `provider`.
pub async fn walk_in<'m>(
    state: &AppState,
    me: &'m Account,
    new: &NewRequest,
) -> AppResult<(Account, Desk<'m>)> {
    let (desk, channel) = match me.role {
        Role::CscOperator => {
            let csc = me.csc.as_deref().ok_or_else(|| ApiError::new(ErrorCode::Forbidden))?;
            (Desk::Centre(csc), Channel::Csc)
        }
        Role::Chancellery => {
            let provider =
                me.provider.as_deref().ok_or_else(|| ApiError::new(ErrorCode::Forbidden))?;
            if provider != new.provider {
                return Err(ApiError::new(ErrorCode::BadRequest).on_field("provider").into());
            }
            (Desk::Chancellery, Channel::Provider)
        }
        _ => return Err(ApiError::new(ErrorCode::Forbidden).into()),
    };
    if !new.service.def().channels.contains(&channel) {
        return Err(ApiError::new(ErrorCode::BadRequest).on_field("service").into());
    }
    let id_number = applicant(new.on_behalf_of.as_deref())?.to_string();
    let counter = new.counter.clone().unwrap_or_default();
    let mistakes = counter.mistakes(&id_number);
    if !mistakes.is_empty() {
        return Err(ApiError::invalid_form(mistakes).into());
    }
    let record = registry::record(state.registry.as_ref(), &id_number)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NoRegistryData).on_field("on_behalf_of"))?;
    let accounts = state.store.accounts();
    let account = if let Some(account) = accounts.by_id_number(&id_number).await? {
        account
    } else {
        let name = record.account_name();
        accounts.open_applicant(&id_number, record.subject(), &name, &me.id_number).await?
    };
    Ok((account, desk))
}
