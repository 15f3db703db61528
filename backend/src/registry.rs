//! The state registries of individuals (ГБД ФЛ) and legal entities (ГБД ЮЛ), behind a trait: the
//! portal asks them who an applicant is, and refuses an applicant they do not know. `Local` reads
//! seeded tables; the real adapter (through the e-government gateway) implements the same trait.

use std::future::Future;
use std::pin::Pin;

use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::registry::RegistryRecord;
use qyzmet_shared::{Bin, ErrorCode, IdNumber, Iin, Text};

use crate::error::AppResult;
use crate::store::Store;

/// A person as the registry of individuals knows them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Person {
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
}

/// A legal entity as the registry of legal entities knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub bin: String,
    pub name: Text,
    /// The IIN of its head, who may act for it.
    pub head_iin: String,
}

pub type Lookup<'a, T> = Pin<Box<dyn Future<Output = AppResult<Option<T>>> + Send + 'a>>;

/// Violations the state database «Е-лицензиялау» records in an applicant's data.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Violation {
    pub id_number: String,
    /// What the database says is wrong, as recorded there.
    pub reason: String,
}

pub trait Registry: Send + Sync + std::fmt::Debug {
    fn person<'a>(&'a self, iin: &'a Iin) -> Lookup<'a, Person>;
    fn company<'a>(&'a self, bin: &'a Bin) -> Lookup<'a, Company>;
    /// What «Е-лицензиялау» records against the applicant with this IIN/BIN, if anything.
    fn violation<'a>(&'a self, id_number: &'a IdNumber) -> Lookup<'a, Violation>;
}

/// The applicant with this IIN or BIN as the right registry knows them; `None` when it does not
/// (or the number is not a valid IIN/BIN).
pub async fn record(registry: &dyn Registry, id_number: &str) -> AppResult<Option<RegistryRecord>> {
    Ok(match IdNumber::parse(id_number) {
        Ok(IdNumber::Iin(iin)) => {
            registry.person(&iin).await?.map(|p| RegistryRecord::Individual {
                iin: p.iin,
                surname: p.surname,
                given_name: p.given_name,
                patronymic: p.patronymic,
                birth_date: p.birth_date,
            })
        }
        Ok(IdNumber::Bin(bin)) => registry.company(&bin).await?.map(|c| {
            RegistryRecord::LegalEntity { bin: c.bin, name: c.name, head_iin: c.head_iin }
        }),
        Err(_) => None,
    })
}

/// Whether «Е-лицензиялау» refuses the service to this applicant at filing: for a regulation that
/// asks it (002), `ApplicantDataViolations` when it records violations in their data.
pub async fn licensing_refusal(
    registry: &dyn Registry,
    service: ServiceCode,
    id_number: &str,
) -> AppResult<Option<ErrorCode>> {
    let Ok(id_number) = IdNumber::parse(id_number) else { return Ok(None) };
    if !service.def().checks_licensing {
        return Ok(None);
    }
    let violation = registry.violation(&id_number).await?;
    Ok(violation.map(|_| ErrorCode::ApplicantDataViolations))
}

/// The registries as seeded tables of the portal's own database.
#[derive(Debug, Clone)]
pub struct Local {
    store: Store,
}

impl Local {
    pub fn new(store: Store) -> Local {
        Local { store }
    }
}

impl Registry for Local {
    fn person<'a>(&'a self, iin: &'a Iin) -> Lookup<'a, Person> {
        Box::pin(async move { self.store.registry().person(&iin.to_string()).await })
    }

    fn company<'a>(&'a self, bin: &'a Bin) -> Lookup<'a, Company> {
        Box::pin(async move { self.store.registry().company(&bin.to_string()).await })
    }

    fn violation<'a>(&'a self, id_number: &'a IdNumber) -> Lookup<'a, Violation> {
        Box::pin(async move { self.store.registry().violation(&id_number.to_string()).await })
    }
}
