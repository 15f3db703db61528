//! The paths of the app, in one place.

use qyzmet_shared::catalog::ServiceCode;

pub fn home() -> String {
    "/".to_owned()
}

pub fn service(code: ServiceCode) -> String {
    format!("/services/{}", code.as_str())
}

/// The service's business-process handbook.
pub fn handbook(code: ServiceCode) -> String {
    format!("/services/{}/handbook", code.as_str())
}

pub fn body(id: &str) -> String {
    format!("/bodies/{id}")
}

pub fn sign_in() -> String {
    "/sign-in".to_owned()
}

pub fn cabinet() -> String {
    "/cabinet".to_owned()
}

pub fn check() -> String {
    "/check".to_owned()
}

/// The provider's dashboard, for its staff.
pub fn dashboard() -> String {
    "/office".to_owned()
}

/// The provider's chancellery taking a walk-in's application.
pub fn walk_in() -> String {
    "/office/walk-in".to_owned()
}

/// The CSC operator's workplace at the counter.
pub fn counter() -> String {
    "/csc".to_owned()
}

/// The public verification of result documents.
pub fn verify() -> String {
    "/verify".to_owned()
}

pub fn request(number: &str) -> String {
    format!("/requests/{number}")
}

pub fn apply(code: ServiceCode) -> String {
    format!("/services/{}/apply", code.as_str())
}

/// The form of a new request filed for `principal` under a power of attorney.
pub fn apply_for(code: ServiceCode, principal: &str) -> String {
    format!("/services/{}/apply?for={principal}", code.as_str())
}

/// The form of a saved draft, to go on filling it.
pub fn resume(code: ServiceCode, number: &str) -> String {
    format!("/services/{}/apply?draft={number}", code.as_str())
}
