//! Who works on a request inside a provider: its departments. The head of a regional akimat sends
//! a request to the department its regulation names as answering for the service; the ministry's committee has one
//! unit for the periodicals registration, which the chancellery passes requests to directly.

use serde::Serialize;

use crate::catalog::{BodyKind, ServiceCode};
use crate::lang::Text;

/// A department of a provider (the ministry calls it a unit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Department {
    /// A stable slug, stored with the staff and the requests.
    pub id: &'static str,
    pub name: Text,
}

/// The regional akimat's department of internal policy (ІСБ), which answers for the foreign media
/// and periodicals (001, 003).
pub const INTERNAL_POLICY: Department = Department {
    id: "internal-policy",
    name: Text::new("Ішкі саясат басқармасы", "Управление внутренней политики"),
};

/// The regional akimat's archives department (004).
pub const ARCHIVES: Department = Department {
    id: "archives",
    name: Text::new("Мұрағаттар және құжаттама басқармасы", "Управление архивов и документации"),
};

/// The ministry committee's unit for the periodicals registration (002).
pub const PERIODICALS_UNIT: Department = Department {
    id: "periodicals",
    name: Text::new(
        "Мерзімді баспасөз басылымдарын есепке алу бөлімі",
        "Отдел учета периодических печатных изданий",
    ),
};

/// Every regional akimat (of a region or a city) has these two departments.
static REGIONAL: [Department; 2] = [INTERNAL_POLICY, ARCHIVES];

static MINISTRY: [Department; 1] = [PERIODICALS_UNIT];

/// The departments of a provider of this kind.
pub fn departments(kind: BodyKind) -> &'static [Department] {
    match kind {
        BodyKind::Ministry => &MINISTRY,
        BodyKind::Region | BodyKind::City => &REGIONAL,
    }
}

/// The department of a provider of this kind that answers for a service, as the service's
/// regulation names it.
pub fn responsible(kind: BodyKind, service: ServiceCode) -> Option<&'static Department> {
    department(kind, service.def().department.id)
}

/// A department of a provider of this kind, by its id.
pub fn department(kind: BodyKind, id: &str) -> Option<&'static Department> {
    departments(kind).iter().find(|d| d.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_has_one_responsible_department_wherever_it_is_provided() {
        for body in crate::catalog::catalog().bodies {
            for &service in &body.services {
                assert!(responsible(body.kind, service).is_some(), "{} {service:?}", body.id);
            }
        }
        for kind in [BodyKind::Ministry, BodyKind::Region, BodyKind::City] {
            for d in departments(kind) {
                assert!(!d.name.is_incomplete(), "{}", d.id);
                assert_eq!(department(kind, d.id), Some(d));
            }
        }
    }
}
