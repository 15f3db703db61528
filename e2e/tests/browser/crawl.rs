//! Issue 19, item 3 (Kazakhstan's 2025 rule for state sites): every screen a citizen, an operator
//! or a provider's staff member uses is reachable from the home page within three clicks. The
//! test follows each screen's links breadth first from the home page, one address per kind of
//! screen, signed out and then as each role, and fails naming every screen found deeper than
//! three clicks or not at all.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::harness::Browser;

const CLICKS: usize = 3;
const CITIZEN: &str = "850315400124";
const OPERATOR: &str = "781122300562";
const CHANCELLERY: &str = "810505300788";
const HEAD: &str = "750909400915";

/// The kind of screen an address opens, by the routes of the app (written out here, not read
/// from it); `None` for what is not a screen of the app (a PDF, the API, another site).
fn screen_of(href: &str) -> Option<String> {
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let path = path.split('#').next()?;
    let rest = path.strip_prefix("/kk")?;
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let screen = match segments.as_slice() {
        [] => "home".to_owned(),
        ["services", _] => "service".to_owned(),
        ["services", _, "apply"] if query.contains("draft=") => "draft resumed".to_owned(),
        ["services", _, "apply"] => "request form".to_owned(),
        ["services", _, "handbook"] => "handbook".to_owned(),
        ["bodies", _] => "state body".to_owned(),
        ["requests", _] => "request".to_owned(),
        other => other.join("/"),
    };
    Some(screen)
}

/// Every kind of screen reachable from the home page, with the fewest clicks it takes, up to
/// `CLICKS`. One address of each kind is followed, but every request (a draft's screen offers
/// what a filed one does not).
async fn crawl(b: &Browser) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::from([("home".to_owned(), 0)]);
    let mut followed = BTreeSet::from(["home".to_owned()]);
    let mut queue = VecDeque::from([("/kk".to_owned(), 0)]);
    while let Some((address, clicks)) = queue.pop_front() {
        b.visit(&address).await;
        b.settled().await;
        for href in b.link_addresses().await {
            let Some(screen) = screen_of(&href) else { continue };
            found.entry(screen.clone()).or_insert(clicks + 1);
            let key = if screen == "request" { href.clone() } else { screen };
            if clicks + 1 < CLICKS && followed.insert(key) {
                queue.push_back((href, clicks + 1));
            }
        }
    }
    found
}

/// The screens of `expected` not found within three clicks.
fn too_deep(who: &str, found: &BTreeMap<String, usize>, expected: &[&str]) -> Vec<String> {
    expected
        .iter()
        .filter(|screen| !found.contains_key(**screen))
        .map(|screen| {
            format!("{who}: «{screen}» is not within {CLICKS} clicks of home (found: {found:?})")
        })
        .collect()
}

#[tokio::test]
async fn every_screen_is_within_three_clicks_of_the_home_page() {
    let b = Browser::open().await;
    let mut missing = too_deep(
        "signed out",
        &crawl(&b).await,
        &["service", "handbook", "state body", "sign-in", "check", "verify", "statistics"],
    );
    b.sign_in(CITIZEN).await;
    b.file_request(true).await;
    b.file_request(false).await;
    missing.extend(too_deep(
        "citizen",
        &crawl(&b).await,
        &[
            "cabinet",
            "service",
            "request form",
            "request",
            "draft resumed",
            "handbook",
            "check",
            "verify",
        ],
    ));
    for (who, id_number, screens) in [
        ("CSC operator", OPERATOR, &["cabinet", "csc"][..]),
        ("chancellery", CHANCELLERY, &["cabinet", "request", "office/walk-in"][..]),
        ("head", HEAD, &["cabinet", "office"][..]),
    ] {
        b.sign_out().await;
        b.sign_in(id_number).await;
        missing.extend(too_deep(who, &crawl(&b).await, screens));
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    b.close().await;
}
