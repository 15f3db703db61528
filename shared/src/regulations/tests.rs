//! Each declaration against its regulation: deadlines counted by hand on the 2026 calendar for
//! every service and intake (holidays, a filing after hours and on a weekend), the channels, and
//! who is late.

use super::*;
use crate::calendar::Date;
use crate::request::is_overdue;
use crate::workflow::Limit;

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).unwrap()
}

/// A UTC instant from a local (Astana) date and time.
fn astana(year: i32, month: u8, day: u8, hour: i64, minute: i64) -> i64 {
    date(year, month, day).start_in_kazakhstan() + hour * 3600 + minute * 60
}

fn due(service: ServiceCode, intake: Intake, received: i64) -> i64 {
    service.def().deadline(&Calendar::kazakhstan(), received, intake, &[])
}

fn due_day(service: ServiceCode, intake: Intake, received: i64) -> Date {
    Date::in_kazakhstan(due(service, intake, received))
}

#[test]
fn foreign_periodicals_003_p5_ten_working_days() {
    let service = ServiceCode::ForeignPeriodicals;
    // Thursday 19 March 2026: 19, 20 March, then Nauryz and its moved days rest (21–25), then 26,
    // 27, 30, 31 March, 1, 2, 3, 6 April.
    assert_eq!(due_day(service, Intake::Portal, astana(2026, 3, 19, 10, 0)), date(2026, 4, 6));
    // At a centre the day of acceptance is not counted: one day later.
    assert_eq!(due_day(service, Intake::Csc, astana(2026, 3, 19, 10, 0)), date(2026, 4, 7));
    // Filed on Saturday 21 March (Nauryz): day 1 is Thursday 26 March, day 10 is 8 April.
    assert_eq!(due_day(service, Intake::Portal, astana(2026, 3, 21, 12, 0)), date(2026, 4, 8));
    // Friday 24 April 2026 at 19:00, after hours: day 1 is Monday 27 April; 1 May, 7 May and 11
    // May (Victory Day's Saturday) rest: 27–30 April, 4, 5, 6, 8, 12, 13 May.
    assert_eq!(due_day(service, Intake::Portal, astana(2026, 4, 24, 19, 0)), date(2026, 5, 13));
}

#[test]
fn foreign_media_001_fifteen_calendar_days_from_the_day_after_filing() {
    let service = ServiceCode::ForeignMedia;
    // Friday 13 March 2026: days 1–15 are 14–28 March, Nauryz counted; Saturday 28 March moves the
    // end to Monday 30 March.
    assert_eq!(due_day(service, Intake::Portal, astana(2026, 3, 13, 10, 0)), date(2026, 3, 30));
    // Accepted at a centre on Saturday 25 April: day 15 is Sunday 10 May, Monday 11 May rests.
    assert_eq!(due_day(service, Intake::Csc, astana(2026, 4, 25, 12, 0)), date(2026, 5, 12));
    // Tuesday 1 December, 21:00: day 15 is Independence Day, 16 December.
    assert_eq!(due_day(service, Intake::Portal, astana(2026, 12, 1, 21, 0)), date(2026, 12, 17));
    // The deadline is the end of that day in Astana.
    let end = due(service, Intake::Portal, astana(2026, 3, 13, 10, 0));
    assert_eq!(end, date(2026, 3, 30).end_in_kazakhstan());
}

#[test]
fn archival_certificate_004_fifteen_working_days_through_may() {
    let service = ServiceCode::ArchivalCertificate;
    // Monday 4 May 2026: 4, 5, 6, 8 (7 May rests), 12 (11 May rests) … 26 May.
    assert_eq!(due_day(service, Intake::Portal, astana(2026, 5, 4, 10, 0)), date(2026, 5, 26));
    // Accepted at a centre the same day: from 5 May, and Kurban ait (27 May) rests: 28 May.
    assert_eq!(due_day(service, Intake::Csc, astana(2026, 5, 4, 10, 0)), date(2026, 5, 28));
    // At the provider's chancellery the day of receipt counts, as on the portal.
    assert_eq!(due_day(service, Intake::Provider, astana(2026, 5, 4, 10, 0)), date(2026, 5, 26));
}

#[test]
fn periodicals_registration_002_p5_the_deadline_follows_the_steps() {
    let service = ServiceCode::PeriodicalsRegistration;
    // Monday 30 November 2026, 10:00: registered by 10:15, with the executor by 12:15, taken by
    // 14:45 (lunch 13:00–14:30), reviewed by the end of the 7th working day (8 December),
    // approved by 13:00 and signed by 18:30 on 9 December.
    assert_eq!(
        due(service, Intake::Portal, astana(2026, 11, 30, 10, 0)),
        astana(2026, 12, 9, 18, 30)
    );
    // Friday 20 March 2026, 17:00: 75 minutes that day, Nauryz rests until 26 March, taken by
    // 10:45, reviewed by the end of 3 April, approved and signed on Monday 6 April.
    assert_eq!(
        due(service, Intake::Portal, astana(2026, 3, 20, 17, 0)),
        astana(2026, 4, 6, 18, 30)
    );
}

#[test]
fn each_regulation_lists_exactly_its_channels() {
    let accepts = |service: ServiceCode| Intake::ALL.map(|intake| service.def().accepts(intake));
    // 003 p. 1: the centres and the portal; 001 p. 1 and 004 p. 1 also the provider itself; 002 p.
    // 2: electronic only.
    assert_eq!(accepts(ServiceCode::ForeignPeriodicals), [true, true, false]);
    assert_eq!(accepts(ServiceCode::ForeignMedia), [true, true, true]);
    assert_eq!(accepts(ServiceCode::ArchivalCertificate), [true, true, true]);
    assert_eq!(accepts(ServiceCode::PeriodicalsRegistration), [true, false, false]);
    // 003 p. 9: a centre processes the applicant's documents in 15 minutes; 001 table 2: 10.
    assert_eq!(ServiceCode::ForeignPeriodicals.def().counter_minutes, Some(15));
    assert_eq!(ServiceCode::ForeignMedia.def().counter_minutes, Some(10));
    assert_eq!(ServiceCode::PeriodicalsRegistration.def().counter_minutes, None);
    // 004 p. 11 gives a phone for information and complaints; the others give none.
    assert_eq!(ServiceCode::ArchivalCertificate.def().phone, Some("8 (7292) 60-57-04"));
    for service in ServiceCode::ALL {
        assert_eq!(service.def().service, service);
        assert!(!service.def().sources.is_empty());
    }
}

#[test]
fn e_service_steps_run_within_the_whole_term_not_003s_eight_days() {
    // 004: a specialist who got the request on 4 May has until the term's end (26 May), not the 8
    // working days of 003 (4, 5, 6, 8, 12–15 May).
    let calendar = Calendar::kazakhstan();
    let filed = astana(2026, 5, 4, 10, 0);
    let term = due(ServiceCode::ArchivalCertificate, Intake::Portal, filed);
    let specialist = |service: ServiceCode| {
        service.def().workflow.step(Status::AtSpecialist).unwrap().limit.deadline(
            &calendar,
            filed,
            due(service, Intake::Portal, filed),
        )
    };
    assert_eq!(specialist(ServiceCode::ArchivalCertificate), term);
    assert_eq!(Date::in_kazakhstan(specialist(ServiceCode::ForeignPeriodicals)), date(2026, 5, 15));
    // 001: 15 calendar days for the execution, 5 minutes for the signature.
    let media = ServiceCode::ForeignMedia.def().workflow;
    assert_eq!(media.step(Status::AtSpecialist).unwrap().limit, Limit::WithinTerm);
    assert_eq!(media.step(Status::AwaitingSignature).unwrap().limit, Limit::WorkingMinutes(5));
}

#[test]
fn only_the_provider_is_ever_late_003_p10() {
    let passed = astana(2026, 3, 1, 10, 0);
    let now = astana(2026, 4, 1, 10, 0);
    for status in Status::ALL {
        let late = is_overdue(status, Some(passed), None, now);
        let expected = matches!(
            status,
            Status::Submitted
                | Status::AtHead
                | Status::AtDepartmentHead
                | Status::AtSpecialist
                | Status::UnderReview
                | Status::AwaitingApproval
                | Status::AwaitingSignature
        );
        assert_eq!(late, expected, "{status:?}");
        // Before the deadline nobody is late.
        assert!(!is_overdue(status, Some(now + 1), Some(now + 1), now), "{status:?}");
    }
}

/// Every `.rs` file of the workspace under `dir`, but the build output.
fn sources(dir: &std::path::Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() && !matches!(name.to_str(), Some("target" | "node_modules" | ".git")) {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The traceability table names tests that exist, and the README holds it as the declarations
/// make it (`QYZMET_WRITE_TRACEABILITY=1 cargo test -p qyzmet-shared traceability` writes it).
#[test]
fn the_traceability_table_names_real_tests_and_the_readme_holds_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    sources(root, &mut files);
    let rules = common::RULES.iter().chain(ServiceCode::ALL.iter().flat_map(|c| c.def().rules));
    for rule in rules {
        let (suite, path) = rule.test.split_once(": ").unwrap();
        assert!(["shared", "api", "browser"].contains(&suite), "{}", rule.test);
        let name = path.rsplit("::").next().unwrap();
        let defined = format!("fn {name}(");
        assert!(
            files.iter().any(|f| f.contains(&defined)),
            "no test {} for {:?}",
            rule.test,
            rule.says
        );
        assert!(!rule.says.is_empty() && !rule.clause.is_empty());
    }
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (start, end) = ("<!-- traceability:start -->\n", "<!-- traceability:end -->");
    let (before, rest) = readme.split_once(start).expect("the README's traceability markers");
    let (_, after) = rest.split_once(end).expect("the README's traceability end marker");
    let written = format!("{before}{start}{}{end}{after}", traceability());
    if std::env::var_os("QYZMET_WRITE_TRACEABILITY").is_some() {
        std::fs::write(&readme_path, &written).unwrap();
        return;
    }
    assert!(
        readme == written,
        "the README's traceability table is stale: run with QYZMET_WRITE_TRACEABILITY=1"
    );
}
