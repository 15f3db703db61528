//! The provider's dashboard: its requests by status, those overdue now, how long each step took
//! against its limit, and how applicants rated each service.

use serde::{Deserialize, Serialize};

use crate::survey::SurveyResults;
use crate::workflow::Status;

/// `GET /api/v1/office/dashboard`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// Filed requests by their status now, in the workflow's order.
    pub by_status: Vec<StatusCount>,
    /// Open requests past their term or their step's limit now.
    pub overdue: i64,
    /// Each step the provider's requests went through, finished ones only.
    pub steps: Vec<StepTime>,
    pub survey: Vec<SurveyResults>,
    /// Next year, when nobody has entered its Kurban ait yet: its deadlines would count that day
    /// as working until an administrator does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_missing: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: Status,
    pub count: i64,
}

/// How a step went: how often it was done, how often after its limit, and how long it took on
/// average (in hours, rounded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepTime {
    /// The status the request waited in during the step.
    pub status: Status,
    pub done: i64,
    pub late: i64,
    pub average_hours: i64,
}
