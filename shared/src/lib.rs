//! The common crate of Qyzmet: domain types and pure rules compiled into both the browser client
//! (wasm32) and the server. It depends on serde alone, so it stays light and builds everywhere.

pub mod account;
pub mod api;
pub mod attachment;
pub mod calendar;
pub mod catalog;
pub mod csc;
pub mod dashboard;
#[cfg(feature = "eds")]
pub mod eds;
pub mod error;
pub mod form;
pub mod id;
pub mod lang;
pub mod mobile_sign;
pub mod notification;
pub mod office;
pub mod power;
pub mod registry;
pub mod regulations;
pub mod request;
pub mod result;
pub mod screens;
pub mod signature;
pub mod statistics;
pub mod status_check;
pub mod survey;
pub mod workflow;

pub use account::{Role, Subject};
pub use error::{ApiError, ErrorCode};
pub use id::{Bin, IdError, IdNumber, Iin};
pub use lang::{Lang, Text};
