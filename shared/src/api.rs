//! Bodies of the JSON API under `/api/v1` that are not domain types of their own.

use serde::{Deserialize, Serialize};

/// `GET /api/v1/health`: the server is up and its database answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
