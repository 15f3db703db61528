//! The open figures (issue 19, item 4): anyone opens them from the footer or a service's page,
//! picks a service and a period, reads each state body's row and orders the rows by a column; the
//! address keeps the service, and the page reads in both languages.

use crate::harness::{Browser, portal_now};

const CITIZEN: &str = "850315400124";
const DAY: i64 = 86_400;

/// The cells of the row of the state body named `body`, tab-separated, as the table shows them.
async fn row_of(b: &Browser, body: &str) -> String {
    let script = format!(
        "[...document.querySelectorAll('.figures tbody tr')].map(r => r.innerText.trim()).find(r => r.startsWith({body:?})) ?? ''"
    );
    b.evaluate(&script).await
}

#[tokio::test]
async fn anyone_reads_how_each_state_body_renders_a_service() {
    let b = Browser::open().await;
    b.sign_in(CITIZEN).await;
    let number = b.file_request(true).await;
    // Filed 5 days ago, its certificate signed 3 days later (72 hours), 10 days before its term.
    let now = portal_now();
    b.execute(&format!(
        "UPDATE requests SET submitted_at = {}, result_signed_at = {}, deadline_at = {},
             result_outcome = 'certificate' WHERE number = '{number}'",
        now - 5 * DAY,
        now - 2 * DAY,
        now + 8 * DAY,
    ))
    .await;
    b.sign_out().await;

    b.visit("/").await;
    b.click_link("Ашық көрсеткіштер").await;
    b.heading("Ашық көрсеткіштер").await;
    b.choose("Қызмет", "Мұрағаттық анықтамалар беру").await;
    b.sees_text("Мұрағаттық анықтамалар беру · Соңғы 30 күн").await;
    assert_eq!(b.path().await, "/kk/statistics");
    assert_eq!(b.evaluate("location.search").await, "?service=archival-certificate");
    // Filed, finished, in term, 3 days to the result, no refusal, no survey answer yet.
    let astana = row_of(&b, "Астана қаласының әкімдігі").await;
    assert_eq!(astana, "Астана қаласының әкімдігі\t1\t1\t100 %\t3,0\t0\t—\t0");
    let abai = row_of(&b, "Абай облысының әкімдігі").await;
    assert_eq!(abai, "Абай облысының әкімдігі\t0\t0\t—\t—\t0\t—\t0");

    // Ordered by the requests filed, the one body with a request comes first, and says so.
    b.press("Берілген өтініштер").await;
    let first = b.evaluate("document.querySelector('.figures tbody th').innerText").await;
    assert_eq!(first, "Астана қаласының әкімдігі");
    let sorted = "document.querySelector('th[aria-sort=descending]')?.innerText ?? ''";
    assert_eq!(b.evaluate(sorted).await, "Берілген өтініштер");
    b.tick("Соңғы 365 күн").await;
    b.sees_text("Мұрағаттық анықтамалар беру · Соңғы 365 күн").await;

    b.press("Русский").await;
    b.heading("Открытые показатели").await;
    let astana = row_of(&b, "Акимат города Астаны").await;
    assert_eq!(astana, "Акимат города Астаны\t1\t1\t100 %\t3,0\t0\t—\t0");

    // A service's page opens them on that service.
    b.visit("/ru/services/foreign-media").await;
    b.click_link("Открытые показатели этой услуги").await;
    b.heading("Открытые показатели").await;
    assert_eq!(
        b.evaluate("document.getElementById('figures-service').value").await,
        "foreign-media"
    );
    b.close().await;
}
