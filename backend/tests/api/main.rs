//! API tests over real HTTP, each run against a real SQLite file and a real PostgreSQL server.
//! `cargo xtask test` starts the PostgreSQL server and names it in `QYZMET_TEST_POSTGRES_URL`.

#![allow(clippy::unwrap_used, reason = "tests: a panic is the failure report")]

mod access;
mod app;
mod attachments;
mod audit;
mod calendar;
mod catalog;
mod crash;
mod csc;
mod dashboard;
mod deadlines;
mod documents;
mod earlier;
mod egov_phone;
mod fuzz;
mod health;
mod helpers;
mod instances;
mod lists;
mod mobile_sign;
mod notifications;
mod ocsp;
mod office;
mod openapi;
mod powers;
mod printing;
mod production;
mod requests;
mod session;
mod signatures;
mod statistics;
mod storage;
mod trust;
mod tsa;
mod walk_in;
mod web;

/// Writes each test once and runs it on both databases: `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::$name($crate::app::Db::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::$name($crate::app::Db::Postgres).await })*
        }
    };
}
