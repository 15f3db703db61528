//! Taking a request in at a citizen service centre's counter: the applicant the operator names,
//! opened from the state registry the first time they come.

use qyzmet_shared::catalog::Channel;
use qyzmet_shared::request::NewRequest;
use qyzmet_shared::{ApiError, ErrorCode, IdNumber};

use crate::AppState;
use crate::error::AppResult;
use crate::registry;
use crate::store::Account;

/// The applicant an operator names (`on_behalf_of`), checked as an IIN/BIN.
pub fn applicant(on_behalf_of: Option<&str>) -> AppResult<IdNumber> {
    Ok(IdNumber::parse(on_behalf_of.unwrap_or_default().trim())
        .map_err(|why| ApiError::invalid_id_number("on_behalf_of", why))?)
}

/// For an operator's new draft: the applicant's account (opened from the state registry the
/// first time they come) and the operator's centre. A person or company the registry does not
/// know gets the regulation's refusal, `no_registry_data`; so does a service its regulation does
/// not give at a centre, with `bad_request` on `service`.
pub async fn at_counter<'m>(
    state: &AppState,
    me: &'m Account,
    new: &NewRequest,
) -> AppResult<(Account, &'m str)> {
    let csc = me.csc.as_deref().ok_or_else(|| ApiError::new(ErrorCode::Forbidden))?;
    if !new.service.def().channels.contains(&Channel::Csc) {
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
    Ok((account, csc))
}
