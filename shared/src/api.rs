//! Bodies of the JSON API under `/api/v1` that are not domain types of their own.

use serde::{Deserialize, Serialize};

use crate::calendar::{Date, DayKind};
use crate::lang::Text;

/// `GET /api/v1/health`: the server is up and its database answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    /// The newest migration applied.
    pub schema_version: i64,
    pub version: String,
}

/// The path prefix of every API route.
pub const API_PREFIX: &str = "/api/v1";

/// `GET /api/v1/services/{code}/deadline`: when a request filed at a moment must have its result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueDate {
    /// The instant, RFC 3339 in Kazakhstan's time (`2026-04-06T23:59:59+05:00`).
    pub deadline: String,
    /// The day it falls on in Kazakhstan: what the service page and the receipt print.
    pub date: Date,
}

/// `GET /api/v1/services/{code}/steps`: a step of the service's back office, its limit as the
/// regulation declares it and as it is now (an administrator may change it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepLimit {
    pub status: crate::workflow::Status,
    pub role: crate::account::Role,
    pub declared: crate::workflow::Limit,
    pub current: crate::workflow::Limit,
}

/// `GET /api/v1/calendar/{year}`: one row of the calendar table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarEntry {
    pub date: Date,
    pub kind: DayKind,
    pub note: Text,
}

/// `PUT /api/v1/calendar/days/{date}`: what an administrator says a date is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarDay {
    pub kind: DayKind,
    pub note: Text,
}
