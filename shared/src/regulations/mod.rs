//! Each regulation as one declaration: the term and how it counts, the channels, the kinds with
//! their forms, documents and certificates, the department that answers for it, the back
//! office's steps and moves, the information phone, each with the clause it comes from (the texts
//! are in the team's `regulations/` folder). `ServiceCode::def()` finds a service's declaration;
//! the engine (`workflow`, the calendar, the server's handlers) runs whichever it is given.

mod archival_certificate;
pub mod common;
mod fields;
mod foreign_media;
mod foreign_periodicals;
mod periodicals_registration;

use crate::calendar::{Calendar, Intake};
use crate::catalog::{Channel, ServiceCode, Term};
use crate::form::Kind;
use crate::lang::Text;
use crate::office::Department;
use crate::workflow::{Limit, Status, Workflow};

/// How a request's deadline is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// By the regulation's whole term, counted from the receipt.
    Term,
    /// The regulation sets no whole term (002): the deadline is where its steps end, each
    /// starting when the one before runs out.
    Steps,
}

/// One rule a regulation sets, where it sets it, and the test that checks it: a row of the
/// traceability table (`traceability`, in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub says: &'static str,
    /// The file's number and the clause: `003 p. 5`, `001 appendix 5`.
    pub clause: &'static str,
    /// The test, as `suite: path::to::test` (suites: shared, api, browser).
    pub test: &'static str,
}

#[derive(Debug)]
pub struct Regulation {
    pub service: ServiceCode,
    /// The texts the declaration follows, newest first.
    pub sources: &'static [&'static str],
    /// The term the service page shows.
    pub term: Term,
    pub deadline: Deadline,
    /// Where a person may file and receive the service.
    pub channels: &'static [Channel],
    /// The kinds of the service: each with its form, its documents and its certificate.
    pub kinds: &'static [Kind],
    /// The department of the provider that answers for the service.
    pub department: Department,
    /// The position of whoever signs the results, as the regulation's forms print it under the
    /// document; `None` where they print none.
    pub signer: Option<Text>,
    /// Whom the application is addressed to, as the regulation's form words it; `None`: the
    /// provider's head.
    pub addressee: Option<Text>,
    pub workflow: Workflow,
    /// The provider's phone for information and complaints, where the regulation gives one.
    pub phone: Option<&'static str>,
    /// How long a centre's operator may take over an applicant's documents at the counter, in
    /// minutes, where the regulation says.
    pub counter_minutes: Option<u32>,
    /// Whether filing asks the state database «Е-лицензиялау» about the applicant and refuses the
    /// service on violations it records in their data.
    pub checks_licensing: bool,
    /// What this regulation sets that the portal enforces, each with its clause and its test.
    pub rules: &'static [Rule],
}

impl Regulation {
    /// Whether a request may be taken in this way.
    pub fn accepts(&self, intake: Intake) -> bool {
        let channel = match intake {
            Intake::Portal => Channel::Portal,
            Intake::Csc => Channel::Csc,
            Intake::Provider => Channel::Provider,
        };
        self.channels.contains(&channel)
    }

    /// When a request received at `received` (Unix seconds) through `intake` must have its
    /// result, as a UTC instant, with the step limits an administrator `changed`.
    pub fn deadline(
        &self,
        calendar: &Calendar,
        received: i64,
        intake: Intake,
        changed: &[(Status, Limit)],
    ) -> i64 {
        match self.deadline {
            Deadline::Term => calendar.deadline(received, intake, self.term),
            Deadline::Steps => self
                .workflow
                .steps
                .iter()
                .filter(|step| step.status.is_with_provider())
                .filter_map(|step| self.workflow.limit(step.status, changed))
                .fold(received, |started, limit| limit.deadline(calendar, started, started)),
        }
    }
}

/// The traceability table: each rule of each regulation (and those they share) with its source
/// clause and the test that checks it, as Markdown rows.
pub fn traceability() -> String {
    let mut table = String::from("| service | rule | clause | test |\n|---|---|---|---|\n");
    let shared = common::RULES.iter().map(|rule| ("every service", rule));
    let own = ServiceCode::ALL
        .into_iter()
        .flat_map(|code| code.def().rules.iter().map(move |rule| (code.as_str(), rule)));
    for (service, rule) in shared.chain(own) {
        let row = format!("| {service} | {} | {} | `{}` |\n", rule.says, rule.clause, rule.test);
        table.push_str(&row);
    }
    table
}

impl ServiceCode {
    /// The service's regulation.
    pub const fn def(self) -> &'static Regulation {
        match self {
            ServiceCode::ForeignPeriodicals => &foreign_periodicals::REGULATION,
            ServiceCode::ForeignMedia => &foreign_media::REGULATION,
            ServiceCode::PeriodicalsRegistration => &periodicals_registration::REGULATION,
            ServiceCode::ArchivalCertificate => &archival_certificate::REGULATION,
        }
    }
}

#[cfg(test)]
mod tests;
