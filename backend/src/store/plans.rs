//! Every list the portal pages through, the status look-up and the dashboard's overdue count read
//! through an index, on both databases: what `EXPLAIN` says of each query, over generated
//! requests (issue 16: a million of them must each answer in milliseconds), after the database
//! has gathered its statistics, as it plans for real.

use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::workflow::Status;

use super::dashboard::overdue_query;
use super::requests::{Bind, COLUMNS, FROM, Listing};
use super::{Backend, Filter, Store, Whose};

/// The tables that grow with the requests, which a query must never read whole, with the aliases
/// the queries give them. Accounts grow too, but a sample small enough for a test has few: a
/// planner rightly hashes all of them rather than look each one up, as it will not at scale.
const LARGE: [(&str, &[&str]); 2] = [("requests", &["r", "requests"]), ("request_events", &["e"])];

/// Each query with what it binds, named for the failure message.
fn queries(citizen: i64, specialist: i64, today: Date) -> Vec<(String, String, Vec<Bind>)> {
    let archival = ServiceCode::ArchivalCertificate;
    let filters = [
        (
            "a citizen's history",
            Filter::History { whose: Whose::Person(citizen), status: None, number: None },
        ),
        (
            "a citizen's history by status and number",
            Filter::History {
                whose: Whose::Person(citizen),
                status: Some(Status::Issued),
                number: Some("2026-00"),
            },
        ),
        (
            "a centre's history",
            Filter::History {
                whose: Whose::Centre { csc: "astana-1", operator: citizen },
                status: None,
                number: None,
            },
        ),
        (
            "the chancellery's queue",
            Filter::Queue {
                provider: "astana",
                waiting: vec![(archival, Status::Submitted), (archival, Status::Signed)],
                department: None,
                assignee: None,
            },
        ),
        (
            "a department head's queue",
            Filter::Queue {
                provider: "astana",
                waiting: vec![(archival, Status::AtDepartmentHead)],
                department: Some("archives"),
                assignee: None,
            },
        ),
        (
            "a specialist's queue",
            Filter::Queue {
                provider: "astana",
                waiting: vec![(archival, Status::AtSpecialist)],
                department: Some("archives"),
                assignee: Some(specialist),
            },
        ),
    ];
    let mut queries = Vec::new();
    for (name, filter) in filters {
        let Listing { page, count, binds } = Listing::of(&filter, today, 20, 40);
        queries.push((format!("{name}: its page"), page, binds.clone()));
        queries.push((format!("{name}: its count"), count, binds));
    }
    queries.push((
        "the status look-up".to_owned(),
        format!("SELECT {COLUMNS} {FROM} WHERE r.number = $1"),
        vec![Bind::Text("2026-0001000".to_owned())],
    ));
    let (overdue, statuses) = overdue_query();
    let mut binds = vec![Bind::Text("astana".to_owned()), Bind::Int(1_800_000_000)];
    binds.extend(statuses.iter().map(|status| Bind::Text(status.as_str().to_owned())));
    queries.push(("the dashboard's overdue ones".to_owned(), overdue, binds));
    queries
}

/// The lines of `sql`'s plan.
async fn plan(store: &Store, sql: &str, binds: &[Bind]) -> Vec<String> {
    let explain = match store.backend {
        Backend::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
        Backend::Postgres => format!("EXPLAIN {sql}"),
    };
    macro_rules! bound {
        ($query:expr) => {{
            let mut query = $query;
            for bind in binds {
                query = match bind {
                    Bind::Int(v) => query.bind(*v),
                    Bind::Text(v) => query.bind(v.as_str()),
                };
            }
            query.fetch_all(&store.pool).await.expect("a plan")
        }};
    }
    match store.backend {
        Backend::Sqlite => bound!(sqlx::query_as::<_, (i64, i64, i64, String)>(&explain))
            .into_iter()
            .map(|(_, _, _, detail)| detail)
            .collect(),
        Backend::Postgres => bound!(sqlx::query_scalar::<_, String>(&explain)),
    }
}

/// The steps of a plan that read one of the large tables whole or walk all of one of its
/// indexes: SQLite's `SCAN r` (a look-up is `SEARCH r USING …`); PostgreSQL's `Seq Scan on
/// requests r`, or an index scan of one with no `Index Cond` under it.
fn whole_reads(lines: &[String]) -> Vec<&str> {
    let step = |line: &str| line.trim_start_matches([' ', '-', '>']).to_owned();
    let mut whole = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let step = step(line);
        let large = LARGE.iter().any(|(table, aliases)| {
            let scan_of = |name: &str| {
                step == format!("SCAN {name}") || step.starts_with(&format!("SCAN {name} "))
            };
            step.starts_with(&format!("Seq Scan on {table} "))
                || scan_of(table)
                || aliases.iter().any(|alias| scan_of(alias))
                || (step.starts_with("Index Scan") || step.starts_with("Index Only Scan"))
                    && step.contains(&format!(" on {table} "))
                    && !conditioned(lines, at)
        });
        if large {
            whole.push(line.as_str());
        }
    }
    whole
}

/// Whether PostgreSQL's index scan at `lines[at]` has an `Index Cond` among its own details (the
/// deeper-indented lines that follow it, before its first child step).
fn conditioned(lines: &[String], at: usize) -> bool {
    let depth = |line: &str| line.len() - line.trim_start().len();
    let own = depth(&lines[at]);
    lines[at + 1..]
        .iter()
        .take_while(|line| depth(line) > own && !line.trim_start().starts_with("->"))
        .any(|line| line.trim_start().starts_with("Index Cond:"))
}

async fn every_list_reads_through_an_index(url: &str) {
    let store = Store::open(url).await.expect("the store opens");
    crate::demo::seed(&store).await.expect("the demo");
    store.generate(20_000).await.expect("generated requests");
    let id_of = |id_number: &'static str| {
        let store = store.clone();
        async move {
            store
                .accounts()
                .by_id_number(id_number)
                .await
                .expect("read")
                .expect("a demo account")
                .id
        }
    };
    let citizen = id_of(crate::demo::DEMO_CITIZEN).await;
    let specialist = id_of("831212301353").await;
    let today = Date::in_kazakhstan(store.now());
    let mut whole = Vec::new();
    for (name, sql, binds) in queries(citizen, specialist, today) {
        let lines = plan(&store, &sql, &binds).await;
        assert!(!lines.is_empty(), "{name}: no plan");
        if !whole_reads(&lines).is_empty() {
            whole.push(format!("{name}:\n  {}", lines.join("\n  ")));
        }
    }
    assert!(whole.is_empty(), "read whole on {url}:\n{}", whole.join("\n"));
}

#[test]
fn a_whole_read_is_told_from_a_look_up() {
    let whole = |plan: &[&str]| {
        let lines: Vec<String> = plan.iter().map(|line| (*line).to_owned()).collect();
        !whole_reads(&lines).is_empty()
    };
    assert!(whole(&["SCAN r"]));
    assert!(whole(&["SCAN requests"]));
    assert!(whole(&["SCAN r USING INDEX requests_csc"]));
    assert!(!whole(&["SEARCH r USING INDEX requests_queue (provider=? AND status=?)"]));
    assert!(!whole(&["SEARCH a USING INTEGER PRIMARY KEY (rowid=?)"]));
    assert!(!whole(&["SCAN p"]));
    assert!(whole(&["  ->  Seq Scan on requests r  (cost=0.00..1.01 rows=1 width=8)"]));
    assert!(whole(&["Seq Scan on request_events e  (cost=1.00..2.00)"]));
    assert!(!whole(&["Seq Scan on powers_of_attorney p  (cost=1.00..2.00)"]));
    let walked = [
        "Limit",
        "  ->  Index Scan using requests_queue on requests r  (cost=1..2)",
        "        Filter: (applicant_id = 1)",
        "        ->  Seq Scan on powers_of_attorney p",
        "              Index Cond: (id = 1)",
    ];
    assert!(whole(&walked));
    let looked_up = [
        "  ->  Index Scan using requests_queue on requests r  (cost=1..2)",
        "        Index Cond: (provider = 'astana'::text)",
        "        Filter: (service = 'a')",
    ];
    assert!(!whole(&looked_up));
}

#[tokio::test]
async fn every_list_reads_through_an_index_on_sqlite() {
    let files = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}?mode=rwc", files.path().join("plans.sqlite3").display());
    every_list_reads_through_an_index(&url).await;
}

#[tokio::test]
async fn every_list_reads_through_an_index_on_postgres() {
    every_list_reads_through_an_index(&super::fresh_postgres::fresh_postgres("plans").await).await;
}
