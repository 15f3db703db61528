//! One browser session against a fresh portal: the backend on port 0 with its own SQLite file,
//! chromedriver on a free port, Chromium headless. Methods read as what a person does.

use std::fmt::Write as _;
use std::net::TcpListener as StdListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::response::IntoResponse as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use fantoccini::actions::{InputSource as _, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use qyzmet_backend::demo;
use qyzmet_backend::signatures::TrustStore;
use qyzmet_backend::signatures::test_ca::{IssuedKey, Purpose, Standing, TestCa};
use qyzmet_backend::store::{Clock, Store};
use qyzmet_backend::{AppState, router, serve};
use qyzmet_shared::eds::keyfile::{self, Style};
use qyzmet_shared::eds::{Content, SigningKey, sign};
use qyzmet_shared::request::{Approval, Filing, RequestView};
use serde_json::json;
use tokio::net::TcpListener;

use crate::ncalayer;

const WAIT: Duration = Duration::from_secs(20);
/// WebDriver's codes of the Tab and Enter keys.
const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
/// WebDriver's arrow keys.
pub const ARROW_LEFT: &str = "\u{E012}";
pub const ARROW_RIGHT: &str = "\u{E014}";

pub struct Browser {
    client: Client,
    /// The portal's database, for what a test sets behind its back (a deadline in the past).
    database: String,
    driver: Child,
    base: String,
    /// The demo's test CA: its keys sign, as a person's key file would.
    test_ca: TestCa,
    files: tempfile::TempDir,
    received: Received,
}

/// Every request the portal received, its address and body: to prove what the browser never
/// sends. `None` for a body the recorder could not read whole (over 16 MiB, or cut off), which
/// fails the check rather than passing it unseen.
#[derive(Clone, Default)]
struct Received(Arc<Mutex<Vec<Option<Vec<u8>>>>>);

impl Received {
    async fn record(
        State(received): State<Received>,
        request: axum::extract::Request,
        next: axum::middleware::Next,
    ) -> axum::response::Response {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024 * 1024).await else {
            received.0.lock().unwrap().push(None);
            return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        let mut line = parts.uri.to_string().into_bytes();
        line.extend_from_slice(&bytes);
        received.0.lock().unwrap().push(Some(line));
        next.run(axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes))).await
    }
}

fn dist() -> PathBuf {
    let dist = std::env::var_os("QYZMET_DIST")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"), PathBuf::from);
    assert!(
        dist.join("index.html").is_file() && dist.join("portal/index.html").is_file(),
        "no built client (both apps) in {}: run the browser tests through `cargo xtask test`, which builds it",
        dist.display()
    );
    dist
}

/// Where the portal under test keeps its data.
#[derive(Debug, Clone, Copy)]
pub enum Database {
    /// A SQLite file of the test's own.
    Sqlite,
    /// A database of its own on the PostgreSQL server `cargo xtask test` starts
    /// (`QYZMET_TEST_POSTGRES_URL`).
    Postgres,
}

/// The URL of a new, empty database of this kind for one browser test.
async fn new_database(database: Database, files: &Path) -> String {
    match database {
        Database::Sqlite => {
            format!("sqlite://{}?mode=rwc", files.join("qyzmet.sqlite3").display())
        }
        Database::Postgres => {
            static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
            let server = std::env::var("QYZMET_TEST_POSTGRES_URL").expect(
                "QYZMET_TEST_POSTGRES_URL: run the browser tests through `cargo xtask test`",
            );
            let next = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let name = format!("qyzmet_browser_{}_{next}", std::process::id());
            let admin = sqlx::AnyPool::connect(&server).await.unwrap();
            sqlx::Executor::execute(&admin, format!("DROP DATABASE IF EXISTS {name}").as_str())
                .await
                .unwrap();
            sqlx::Executor::execute(&admin, format!("CREATE DATABASE {name}").as_str())
                .await
                .unwrap();
            admin.close().await;
            format!("{}/{name}", server.rsplit_once('/').unwrap().0)
        }
    }
}

impl Browser {
    /// A browser on a portal with a SQLite file.
    pub async fn open() -> Browser {
        Browser::open_on(Database::Sqlite).await
    }

    /// A browser on a portal keeping its data in `database`.
    pub async fn open_on(database: Database) -> Browser {
        Browser::start(database, true, None).await
    }

    /// A browser on a portal (SQLite) whose clock is put at `instant` (Unix seconds) before it
    /// seeds anything: what the page is told of "now" is known to the test.
    pub async fn open_at(instant: i64) -> Browser {
        Browser::start(Database::Sqlite, true, Some(instant)).await
    }

    /// A browser that runs no JavaScript (a feature phone's, a text browser), on a SQLite file.
    pub async fn open_without_javascript() -> Browser {
        Browser::start(Database::Sqlite, false, None).await
    }

    async fn start(database: Database, javascript: bool, clock_at: Option<i64>) -> Browser {
        let files = tempfile::tempdir().unwrap();
        sqlx::any::install_default_drivers();
        let database = new_database(database, files.path()).await;
        let store = Store::open(&database).await.unwrap();
        if let Some(at) = clock_at {
            store.clock().set(at);
        }
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        demo::seed(&store).await.unwrap();
        let test_ca = demo::test_ca(&store).await.unwrap();
        // Plain HTTP on loopback: the session cookie cannot be `Secure` here.
        let state = AppState::new(store)
            .with_public_url(Some(base.clone()))
            .with_secure_cookies(false)
            .with_test_ca(test_ca.clone(), TrustStore::default())
            .unwrap();
        let received = Received::default();
        let app = router(state, &dist())
            .layer(axum::middleware::from_fn_with_state(received.clone(), Received::record));
        tokio::spawn(serve(listener, app));

        let port = StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so the browsers it starts end with it even if a test panics.
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {chromedriver}: {e}; `cargo xtask test` installs it")
            });
        let webdriver = format!("http://127.0.0.1:{port}");
        let client = connect(&webdriver, files.path().join("profile"), javascript).await;
        Browser { client, database, driver, base, test_ca, files, received }
    }

    pub async fn visit(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.unwrap();
    }

    pub async fn reload(&self) {
        self.client.refresh().await.unwrap();
    }

    pub async fn back(&self) {
        self.client.back().await.unwrap();
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    async fn wait_for(&self, xpath: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("waited {WAIT:?} for {xpath}: {e}"))
    }

    /// The page's main heading reads exactly `text`.
    pub async fn heading(&self, text: &str) {
        self.wait_for(&format!("//h1[normalize-space()={}]", literal(text))).await;
    }

    /// A section's heading reads exactly `text`.
    pub async fn subheading(&self, text: &str) {
        self.wait_for(&format!("//h2[normalize-space()={}]", literal(text))).await;
    }

    pub async fn sees_link(&self, text: &str) {
        self.wait_for(&link(text)).await;
    }

    pub async fn sees_text(&self, text: &str) {
        self.wait_for(&format!("//*[normalize-space(text())={}]", literal(text))).await;
    }

    /// Waits for an element whose text begins with `prefix` (the rest, a date say, varies).
    pub async fn sees_text_starting(&self, prefix: &str) {
        self.wait_for(&format!("//*[starts-with(normalize-space(text()), {})]", literal(prefix)))
            .await;
    }

    /// Waits until an element reading `text` is shown (present and not hidden), or is not.
    pub async fn shown(&self, text: &str, shown: bool) {
        let xpath = format!("//*[normalize-space(text())={}]", literal(text));
        let start = Instant::now();
        loop {
            let mut visible = false;
            for element in self.client.find_all(Locator::XPath(&xpath)).await.unwrap() {
                visible |= element.is_displayed().await.unwrap_or(false);
            }
            if visible == shown {
                return;
            }
            assert!(
                start.elapsed() < WAIT,
                "{text:?} is still {}",
                ["hidden", "shown"][usize::from(visible)]
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Chooses the tab named `name` with a click, as a mouse or a finger would, and waits for its
    /// panel to show.
    pub async fn choose_tab(&self, name: &str) {
        let xpath = format!("//*[@role='tab'][normalize-space()={}]", literal(name));
        self.wait_for(&xpath).await.click().await.unwrap();
        self.tab_shows(name).await;
    }

    /// Waits until the tab named `name` is the chosen one, its panel shown and every other
    /// panel hidden.
    pub async fn tab_shows(&self, name: &str) {
        let script = r"
            const tab = [...document.querySelectorAll('[role=tab]')]
                .find(t => t.textContent.trim() === arguments[0]);
            if (!tab || tab.getAttribute('aria-selected') !== 'true') return false;
            const panels = [...document.querySelectorAll('[role=tabpanel]')];
            return panels.length > 1 && panels.every(p =>
                (p.id === tab.getAttribute('aria-controls')) === (p.getClientRects().length > 0));";
        let start = Instant::now();
        while self.client.execute(script, vec![name.into()]).await.unwrap()
            != serde_json::Value::Bool(true)
        {
            assert!(start.elapsed() < WAIT, "the tab {name:?} is not the one shown");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the keyboard focus is on the element with this id.
    pub async fn focus_is_on(&self, id: &str) {
        let start = Instant::now();
        loop {
            let focused = self
                .client
                .execute("return document.activeElement ? document.activeElement.id : ''", vec![])
                .await
                .unwrap();
            if focused.as_str() == Some(id) {
                return;
            }
            assert!(start.elapsed() < WAIT, "the focus is on #{focused}, not #{id}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the keyboard focus is on the field whose label reads `label`.
    pub async fn focus_is_on_field(&self, label: &str) {
        let id = self.field(label).await.attr("id").await.unwrap().expect("the field has an id");
        self.focus_is_on(&id).await;
    }

    /// Waits until no link reads `text`.
    pub async fn gone_link(&self, text: &str) {
        self.gone(&link(text), text).await;
    }

    /// Waits until no element matches `xpath`; `what` names it in the failure. It passes at once
    /// when nothing matches, so a caller first makes sure the element was there (pressed it, saw
    /// it) or, for what must never show, names a label that exists elsewhere (`no_action`).
    async fn gone(&self, xpath: &str, what: &str) {
        let start = Instant::now();
        while !self.client.find_all(Locator::XPath(xpath)).await.unwrap().is_empty() {
            assert!(start.elapsed() < WAIT, "{what:?} is still there");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Signs a demo account in as its holder would: staff with their sign-in key file (a
    /// password alone does not open a staff account), applicants with the demo password.
    pub async fn sign_in(&self, id_number: &str) {
        self.visit("/sign-in").await;
        self.heading("Жүйеге кіру").await;
        let staff = demo::DEMO_ACCOUNTS
            .iter()
            .any(|a| a.id_number == id_number && a.role.signs_in_with_signature());
        if staff {
            let key = self.key_file(id_number, Purpose::Authentication, Standing::Valid);
            self.choose_tab("ЭЦҚ").await;
            self.choose_file("ЭЦҚ кілті (.p12 файлы)", &key).await;
            self.type_into("Кілттің құпиясөзі", "qyzmet-demo").await;
            self.press("Кілтпен кіру").await;
        } else {
            self.type_into("ЖСН / БСН", id_number).await;
            self.type_into("Құпиясөз", "qyzmet-demo").await;
            self.press("Кіру").await;
        }
        self.heading("Жеке кабинет").await;
    }

    /// Signs out and waits until the header offers "Кіру" again: the server has ended the session
    /// before the next page loads (a load that cut the request short would leave it alive).
    pub async fn sign_out(&self) {
        self.press("Шығу").await;
        self.sees_link("Кіру").await;
    }

    /// Makes sure no button offers `action` (a step not the signed-in person's): its label is the
    /// portal's own, so a misspelt name cannot pass unseen.
    pub async fn no_action(&self, action: qyzmet_shared::workflow::Action) {
        let label = action.title().kk;
        self.gone_button(&label).await;
    }

    /// Waits until no button reads `name` (one that was there: see `gone`).
    pub async fn gone_button(&self, name: &str) {
        self.gone(&format!("//button[normalize-space()={}]", literal(name)), name).await;
    }

    pub async fn press(&self, name: &str) {
        self.wait_for(&format!("//button[normalize-space()={}]", literal(name)))
            .await
            .click()
            .await
            .unwrap();
    }

    pub async fn click_link(&self, text: &str) {
        self.wait_for(&link(text)).await.click().await.unwrap();
    }

    /// The input, text area or list a label names: nested in it, or pointed at by its `for`.
    async fn field(&self, label: &str) -> fantoccini::elements::Element {
        let label = literal(label);
        self.wait_for(&format!(
            "//label[normalize-space()={label}]//input | //*[self::input or self::textarea or self::select][@id=//label[normalize-space()={label}]/@for] \
             | (//fieldset[legend[normalize-space()={label}]]//input)[1]"
        ))
        .await
    }

    /// Follows the error summary's link «label: message» to its field, types the fix there, and
    /// sees the link go.
    pub async fn fix_from_the_summary(&self, label: &str, message: &str, value: &str) {
        let link = format!("{label}: {message}");
        self.click_link(&link).await;
        self.focus_is_on_field(label).await;
        self.type_into(label, value).await;
        self.gone_link(&link).await;
    }

    /// Types into the field whose label reads `label`, replacing what was there.
    pub async fn type_into(&self, label: &str, value: &str) {
        let field = self.field(label).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Calls the API from inside the page, with its session, as the app does: `body` as JSON
    /// (`Null`: none) with these extra headers. The answer must have status `expected`; its body.
    /// A network failure or another status fails the test, naming the call and the answer.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        body: serde_json::Value,
        headers: serde_json::Value,
        expected: u16,
    ) -> String {
        let script = r#"
            const [method, path, body, headers, done] = arguments;
            if (body !== null) headers["content-type"] = "application/json";
            fetch(path, {method, headers, body: body === null ? undefined : JSON.stringify(body)})
                .then(r => r.text().then(text => done({status: r.status, text})))
                .catch(error => done({status: 0, text: String(error)}));
        "#;
        let args = vec![method.into(), path.into(), body, headers];
        let answer = self.client.execute_async(script, args).await.unwrap();
        let text = answer["text"].as_str().unwrap_or_default().to_owned();
        assert_eq!(answer["status"], expected, "{method} {path}: {text}");
        text
    }

    /// A call of the API from the page, cookies and all, that must answer 200: its body.
    pub async fn api_call(&self, method: &str, path: &str, body: serde_json::Value) -> String {
        self.call(method, path, body, json!({}), 200).await
    }

    /// `call` of an operation that answers a request (`RequestView`) with 200.
    async fn call_for_request(
        &self,
        method: &str,
        path: &str,
        body: serde_json::Value,
    ) -> RequestView {
        let text = self.call(method, path, body, json!({}), 200).await;
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"))
    }

    /// Attaches a scanned PDF, from inside the page, for every document the draft's applicant must
    /// attach (each upload must be accepted); the draft as it then stands.
    async fn complete(&self, draft: &RequestView) -> RequestView {
        let kind = qyzmet_shared::form::kind(draft.service, &draft.kind).unwrap();
        let attach = r#"
            const [number, documents, done] = arguments;
            const scan = new Blob(["%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"]);
            Promise.all(documents.map(d => fetch(
                `/api/v1/requests/${number}/attachments/${d}?name=scan.pdf`,
                {method: "PUT", headers: {"content-type": "application/octet-stream"}, body: scan},
            ).then(r => r.text().then(text => `${d}: ${r.status} ${text}`))))
                .then(done, error => done([String(error)]));
        "#;
        let documents: Vec<serde_json::Value> = qyzmet_shared::attachment::missing(
            kind,
            &draft.applicant_id_number,
            &draft.attachments,
        )
        .into_iter()
        .map(|m| m.field.into())
        .collect();
        let args = vec![draft.number.clone().into(), documents.into()];
        let uploads = self.client.execute_async(attach, args).await.unwrap();
        for upload in uploads.as_array().unwrap() {
            let upload = upload.as_str().unwrap();
            assert!(upload.contains(": 201 "), "an upload was refused: {upload}");
        }
        let path = format!("/api/v1/requests/{}", draft.number);
        self.call_for_request("GET", &path, serde_json::Value::Null).await
    }

    /// What the three fields of the date labelled `label` show, as `year-month-day`.
    pub async fn date_value(&self, label: &str) -> String {
        let group = format!("//fieldset[legend[normalize-space()={}]]", literal(label));
        self.wait_for(&group).await;
        let fields =
            self.client.find_all(Locator::XPath(&format!("{group}//input"))).await.unwrap();
        let mut shown = Vec::new();
        for field in fields.iter().rev() {
            shown.push(field.prop("value").await.unwrap().unwrap_or_default());
        }
        shown.join("-")
    }

    /// Types `iso` (`YYYY-MM-DD`) into the date labelled `label` as a person would: its day,
    /// month and year, each in its field, without leading zeros.
    pub async fn pick_date(&self, label: &str, iso: &str) {
        let mut parts = iso.split('-').rev().map(|part| part.trim_start_matches('0'));
        let (day, month, year) = (parts.next(), parts.next(), parts.next());
        let group = format!("//fieldset[legend[normalize-space()={}]]", literal(label));
        self.wait_for(&group).await;
        let fields =
            self.client.find_all(Locator::XPath(&format!("{group}//input"))).await.unwrap();
        assert_eq!(fields.len(), 3, "{label:?} is a date in three fields");
        for (field, typed) in fields.iter().zip([day, month, year]) {
            field.clear().await.unwrap();
            field.send_keys(typed.unwrap_or_default()).await.unwrap();
        }
    }

    /// Waits until the field labelled `label` holds `value` (a form filled after loading).
    pub async fn wait_field_value(&self, label: &str, value: &str) {
        let start = Instant::now();
        while self.field_value(label).await != value {
            assert!(start.elapsed() < WAIT, "{label:?} never held {value:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the first link whose text starts with `prefix` (request numbers start with the year).
    pub async fn click_link_starting(&self, prefix: &str) {
        let xpath = format!("//a[starts-with(normalize-space(), {})]", literal(prefix));
        self.wait_for(&xpath).await.click().await.unwrap();
    }

    pub async fn field_value(&self, label: &str) -> String {
        self.field(label).await.prop("value").await.unwrap().unwrap_or_default()
    }

    pub async fn field_attribute(&self, label: &str, attribute: &str) -> String {
        self.field(label).await.attr(attribute).await.unwrap().unwrap_or_default()
    }

    /// Files a request for the signed-in person through the API from inside the page (so with its
    /// session cookie), signed with their demo key and submitted, or left a draft; returns its
    /// number.
    pub async fn file_request(&self, submit: bool) -> String {
        let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": {
            "surname": "Нұрланова", "given_name": "Айгүл", "birth_date": "1985-03-15",
            "organisation": "«Қазақтелеком» АҚ", "period_from": "2005-01-01", "period_to": "2010-12-31",
            "phone": "+7 701 234 56 78",
        }});
        self.file_request_with(body, submit).await
    }

    /// A request filed by the signed-in person through the API with this body (`NewRequest`),
    /// signed with their demo key and submitted, or left a draft; returns its number.
    pub async fn file_request_with(&self, body: serde_json::Value, submit: bool) -> String {
        let created = self.call("POST", "/api/v1/requests", body, json!({}), 201).await;
        let draft: RequestView = serde_json::from_str(&created).unwrap();
        let draft = self.complete(&draft).await;
        if !submit {
            return draft.number;
        }
        // Signed by whoever files it: the operator at a counter, or else the applicant.
        let signer = draft.counter.as_ref().map_or(&draft.applicant_id_number, |c| &c.operator_iin);
        let cms = self.signature(signer, &Filing::from(&draft).signed_bytes());
        let path = format!("/api/v1/requests/{}/submit", draft.number);
        let key = json!({"idempotency-key": format!("e2e-{}", draft.number)});
        let filed = self.call("POST", &path, json!({"cms": cms}), key, 200).await;
        let filed: RequestView = serde_json::from_str(&filed).unwrap();
        filed.number
    }

    /// A detached signature (base64 CMS) of `bytes` by the valid demo signing key of `iin`.
    fn signature(&self, iin: &str, bytes: &[u8]) -> String {
        signed_by(self.test_ca.key(iin, Purpose::Signing, Standing::Valid).unwrap(), bytes)
    }

    /// The text of the QR code the page shows (`img.qr`), read from its pixels as a phone's camera
    /// reads it: a screenshot of the image as Chromium drew it, decoded by zbar.
    pub async fn qr_code(&self) -> String {
        let image = self.wait_for("//img[contains(concat(' ', @class, ' '), ' qr ')]").await;
        // Whole in the window, as a phone's camera would need it.
        let center = "arguments[0].scrollIntoView({block: 'center'})";
        let element = serde_json::to_value(&image).unwrap();
        self.client.execute(center, vec![element]).await.unwrap();
        let png = image.screenshot().await.unwrap();
        let path = self.file("qr-code.png", &png);
        let read = Command::new("zbarimg")
            .args(["--quiet", "--raw"])
            .arg(&path)
            .output()
            .expect("zbarimg runs (`cargo xtask test` installs zbar-tools)");
        if !read.status.success() {
            let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
            std::fs::create_dir_all(&kept).unwrap();
            std::fs::write(kept.join("qr-code-unread.png"), &png).unwrap();
            panic!(
                "no QR code read from the page's image: see target/screenshots/qr-code-unread.png"
            );
        }
        String::from_utf8(read.stdout).unwrap().trim().to_owned()
    }

    /// A step of the signed-in staff member through the API (`StepAction`); a `sign` step is
    /// signed with `signer`'s demo key, as their browser would sign it. The request as it then
    /// stands.
    pub async fn act(
        &self,
        number: &str,
        mut body: serde_json::Value,
        signer: &str,
    ) -> RequestView {
        if body["action"] == "sign" {
            let path = format!("/api/v1/requests/{number}");
            let shown = self.call_for_request("GET", &path, serde_json::Value::Null).await;
            let bytes = Approval::of(&shown).unwrap().signed_bytes();
            body["cms"] = self.signature(signer, &bytes).into();
        }
        self.call_for_request("POST", &format!("/api/v1/requests/{number}/actions"), body).await
    }

    /// A demo key file (`.p12`, as the national CA's tools write them) of a person's key for
    /// this purpose and of this standing, on disk for the file picker; its password is the demo
    /// password.
    pub fn key_file(&self, iin: &str, purpose: Purpose, standing: Standing) -> PathBuf {
        self.write_key_file(self.test_ca.key(iin, purpose, standing).unwrap())
    }

    /// The same for a person's GOST 34.10-2015 key (the test CA's GOST branch).
    pub fn gost_key_file(&self, iin: &str, purpose: Purpose) -> PathBuf {
        self.write_key_file(&self.demo_gost_key(iin, purpose))
    }

    /// A person's valid GOST key with its certificate.
    pub fn demo_gost_key(&self, iin: &str, purpose: Purpose) -> IssuedKey {
        self.test_ca.gost_key(iin, purpose, Standing::Valid).unwrap().clone()
    }

    fn write_key_file(&self, key: &IssuedKey) -> PathBuf {
        let random = std::array::from_fn(|i| u8::try_from(i).unwrap());
        let file = keyfile::write(
            &key.private_key,
            &key.certificate,
            demo::DEMO_PASSWORD,
            Style::Legacy,
            &random,
        );
        let path = self.files.path().join(format!("{}.p12", key.name()));
        std::fs::write(&path, file).unwrap();
        path
    }

    /// What a link leads to, fetched by the page itself (with its session), as a person's
    /// browser saves it.
    pub async fn download(&self, text: &str) -> Vec<u8> {
        let href = self.wait_for(&link(text)).await.attr("href").await.unwrap().unwrap();
        let fetch = r#"
            const [href, done] = arguments;
            fetch(href).then(r => r.arrayBuffer().then(buffer => {
                let binary = "";
                for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
                done({status: r.status, data: btoa(binary)});
            })).catch(error => done({status: 0, data: String(error)}));
        "#;
        let answer = self.client.execute_async(fetch, vec![href.clone().into()]).await.unwrap();
        let data = answer["data"].as_str().unwrap_or_default();
        assert_eq!(answer["status"], 200, "downloading {href}: {data}");
        STANDARD.decode(data).unwrap()
    }

    /// A file on disk for the file picker.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.files.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Edits the portal's database directly: the test seam for time (a deadline moved into the
    /// past), never a switch the portal itself honours.
    pub async fn execute(&self, sql: &str) {
        let pool = sqlx::AnyPool::connect(&self.database).await.unwrap();
        sqlx::Executor::execute(&pool, sql).await.unwrap();
        pool.close().await;
    }

    /// The serious and critical accessibility violations axe-core finds on the page now, each as
    /// `rule: help @ elements`.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::env::var_os("AXE_CORE").map_or_else(
            || {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("../xtask/npm/node_modules/axe-core/axe.min.js")
            },
            PathBuf::from,
        );
        let source = std::fs::read_to_string(&axe).unwrap_or_else(|e| {
            panic!("no axe-core at {}: {e}; `cargo xtask test` installs it", axe.display())
        });
        self.client.execute(&format!("{source}\nreturn typeof axe;"), vec![]).await.unwrap();
        let scan = r#"
            const [done] = arguments;
            axe.run(document, {resultTypes: ["violations"]}).then(result => done(result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id}: ${v.help} @ ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)),
                error => done([`axe failed: ${error}`]));
        "#;
        let found = self.client.execute_async(scan, vec![]).await.unwrap();
        serde_json::from_value(found).unwrap()
    }

    /// Presses keys on the keyboard, whatever has the focus: text, or WebDriver's key codes.
    pub async fn keys(&self, keys: &str) {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for key in keys.chars() {
            actions =
                actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        }
        self.client.perform_actions(actions).await.unwrap();
    }

    /// Moves the focus with the Tab key alone until it is on `target`.
    async fn tab_to(&self, target: &fantoccini::elements::Element, what: &str) {
        let is_focused = "return arguments[0] === document.activeElement;";
        let target = serde_json::to_value(target).unwrap();
        for _ in 0..60 {
            let focused = self.client.execute(is_focused, vec![target.clone()]).await.unwrap();
            if focused == serde_json::Value::Bool(true) {
                return;
            }
            self.keys(TAB).await;
        }
        panic!("{what:?} cannot be reached with the Tab key");
    }

    /// Keyboard only: Tab to the field labelled `label`, then type `text`.
    pub async fn tab_and_type(&self, label: &str, text: &str) {
        let field = self.field(label).await;
        self.tab_to(&field, label).await;
        self.keys(text).await;
    }

    /// Keyboard only: Tab to the button named `name`, then press Enter.
    pub async fn tab_and_enter(&self, name: &str) {
        let button = self.wait_for(&format!("//button[normalize-space()={}]", literal(name))).await;
        self.tab_to(&button, name).await;
        self.keys(ENTER).await;
    }

    /// Runs `script` in the page with `arguments` (a slow network put between page and server).
    pub async fn run_script(&self, script: &str, arguments: Vec<serde_json::Value>) {
        self.client.execute(script, arguments).await.unwrap();
    }

    /// Adds markup to the page, as a broken build would.
    pub async fn plant(&self, html: &str) {
        let script =
            "document.querySelector('main').insertAdjacentHTML('beforeend', arguments[0]);";
        self.client.execute(script, vec![html.into()]).await.unwrap();
    }

    /// Forgets the requests the portal received so far.
    pub fn forget_requests(&self) {
        self.received.0.lock().unwrap().clear();
    }

    /// Whether the page asked the portal for `path` (since `forget_requests`).
    pub fn fetched(&self, path: &str) -> bool {
        self.received
            .0
            .lock()
            .unwrap()
            .iter()
            .flatten()
            .any(|line| line.starts_with(path.as_bytes()))
    }

    /// Whether any request since `forget_requests` carried `secret` in any encoding the API could
    /// carry it in: as it is, base64 at each of the three alignments it may start at inside a
    /// longer encoded value, hex in either case, or JSON-escaped.
    pub fn requests_carried(&self, secret: &[u8]) -> bool {
        let forms = encodings(secret);
        self.received.0.lock().unwrap().iter().any(|body| {
            let body = body.as_deref().expect("every request body was recorded whole");
            forms.iter().any(|form| !form.is_empty() && body.windows(form.len()).any(|w| w == form))
        })
    }

    /// A person's demo key with its certificate, as NCALayer would hold it.
    pub fn demo_key(&self, iin: &str, purpose: Purpose, standing: Standing) -> IssuedKey {
        self.test_ca.key(iin, purpose, standing).unwrap().clone()
    }

    /// The private key (PKCS #8) of a person's demo key.
    pub fn private_key(&self, iin: &str, purpose: Purpose, standing: Standing) -> Vec<u8> {
        self.test_ca.key(iin, purpose, standing).unwrap().private_key.clone()
    }

    /// Picks a file in the file input labelled `label`.
    pub async fn choose_file(&self, label: &str, path: &Path) {
        self.field(label).await.send_keys(&path.display().to_string()).await.unwrap();
    }

    /// Waits until the screen has drawn its heading and nothing on it says it is loading.
    pub async fn settled(&self) {
        let script = "return document.querySelector('main h1') !== null \
            && document.querySelector('.loading') === null;";
        let start = Instant::now();
        while self.client.execute(script, vec![]).await.unwrap().as_bool() != Some(true) {
            assert!(start.elapsed() < WAIT, "the screen at {} never settled", self.path().await);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// When the page is wider than the window: the elements that reach past its right edge.
    pub async fn sideways_overflow(&self) -> Vec<String> {
        let script = r#"
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            return [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}.${e.className} to ${Math.round(e.getBoundingClientRect().right)}px`);
        "#;
        let found = self.client.execute(script, vec![]).await.unwrap();
        let found = found.as_array().cloned().unwrap_or_default();
        found.iter().map(|e| e.as_str().unwrap_or_default().to_owned()).collect()
    }

    /// Saves what the window shows as `target/screenshots/{name}.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{name}.png")), png).unwrap();
    }

    /// Signs in the signing form on the page with the demo key file of `iin` (this purpose and
    /// standing), typing `password` and pressing `button`.
    pub async fn sign_with_key_file(
        &self,
        (iin, purpose, standing): (&str, Purpose, Standing),
        password: &str,
        button: &str,
    ) {
        self.choose_file("ЭЦҚ кілті (.p12 файлы)", &self.key_file(iin, purpose, standing)).await;
        self.type_into("Кілттің құпиясөзі", password).await;
        self.press(button).await;
    }

    /// Attaches a small scanned PDF named `name` for the document labelled `label`, and waits
    /// until the page lists it.
    pub async fn attach_scan(&self, label: &str, name: &str) {
        let scan = self.file(name, b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
        self.choose_file(label, &scan).await;
        self.sees_text(name).await;
    }

    /// Makes the window as narrow as a phone.
    pub async fn phone_sized(&self) {
        self.window_sized(360, 740).await;
    }

    pub async fn window_sized(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.unwrap();
    }

    /// Chooses the option reading `option` in the select labelled `label` (wrapping it, or by `for`).
    pub async fn choose(&self, label: &str, option: &str) {
        let (label, option) = (literal(label), literal(option));
        let xpath = format!(
            "//label[normalize-space(span)={label}]//select/option[normalize-space()={option}] \
             | //select[@id=//label[normalize-space()={label}]/@for]/option[normalize-space()={option}]"
        );
        self.wait_for(&xpath).await.click().await.unwrap();
    }

    /// Ticks the radio button or checkbox a label wraps.
    pub async fn tick(&self, label: &str) {
        let xpath = format!("//label[normalize-space()={}]/input", literal(label));
        self.wait_for(&xpath).await.click().await.unwrap();
    }

    /// Ticks the radio button labelled `label` in the group whose legend reads `group`.
    pub async fn tick_in(&self, group: &str, label: &str) {
        let xpath = format!(
            "//fieldset[legend[normalize-space()={}]]//label[normalize-space()={}]/input",
            literal(group),
            literal(label)
        );
        self.wait_for(&xpath).await.click().await.unwrap();
    }

    /// How many requests the history lists now.
    pub async fn listed_requests(&self) -> usize {
        self.client.find_all(Locator::XPath("//ul[@class='requests']/li")).await.unwrap().len()
    }

    /// The address a link reading `text` leads to, as written in the page.
    pub async fn link_address(&self, text: &str) -> String {
        self.wait_for(&link(text)).await.attr("href").await.unwrap().unwrap_or_default()
    }

    /// The addresses of every link on the page, as written in it.
    pub async fn link_addresses(&self) -> Vec<String> {
        let script =
            "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))";
        let links = self.client.execute(script, vec![]).await.unwrap();
        serde_json::from_value(links).unwrap()
    }

    /// The value of a JavaScript expression in the page, as text.
    pub async fn evaluate(&self, expression: &str) -> String {
        let value = self.client.execute(&format!("return String({expression})"), vec![]).await;
        value.unwrap().as_str().unwrap_or_default().to_owned()
    }

    pub async fn html_lang(&self) -> String {
        let lang =
            self.client.execute("return document.documentElement.lang", vec![]).await.unwrap();
        lang.as_str().unwrap_or_default().to_owned()
    }

    /// The language button marked as pressed.
    pub async fn pressed_language(&self) -> String {
        self.wait_for("//button[@aria-pressed='true']").await.text().await.unwrap()
    }

    pub async fn close(self) {
        self.client.clone().close().await.unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.driver.wait();
    }
}

async fn connect(webdriver: &str, profile: PathBuf, javascript: bool) -> Client {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
                // Trusts the stand-in NCALayer's TLS key, and nothing else untrusted.
                format!("--ignore-certificate-errors-spki-list={}", ncalayer::trusted_key()),
            ],
            // 2: blocked, as in a browser whose person turned JavaScript off.
            "prefs": {"profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 }},
        }
    });
    let serde_json::Value::Object(capabilities) = capabilities else { unreachable!() };
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(capabilities);
    // chromedriver takes a moment to listen; retry until it answers.
    let start = Instant::now();
    loop {
        match builder.connect(webdriver).await {
            Ok(client) => return client,
            Err(e) if start.elapsed() < WAIT => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("no WebDriver session at {webdriver}: {e}"),
        }
    }
}

/// A link that reads `text`, or whose title part does (a card also shows the term).
/// The text of a PDF as poppler's `pdftotext` reads it (`cargo xtask test` installs it), spaces
/// collapsed.
pub fn pdf_text(pdf: &[u8]) -> String {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(file.path()).arg("-").output();
    let out = out.expect("pdftotext runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn link(text: &str) -> String {
    let text = literal(text);
    format!("//a[normalize-space()={text} or .//*[normalize-space()={text}]]")
}

/// An XPath string literal for any text (texts here have no double quotes).
fn literal(text: &str) -> String {
    assert!(!text.contains('"'));
    format!("\"{text}\"")
}

/// The forms `secret` can take inside a request body. Base64 of the secret preceded by 0, 1 or 2
/// other bytes has a middle that depends on the secret alone: the characters from the first whole
/// one after the prefix to the last that no following byte can change.
fn encodings(secret: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = vec![secret.to_vec()];
    for prefix in 0..3_usize {
        let shifted: Vec<u8> =
            std::iter::repeat_n(0, prefix).chain(secret.iter().copied()).collect();
        let encoded = STANDARD.encode(&shifted);
        let start = (prefix * 8).div_ceil(6);
        let end = (shifted.len() * 8) / 6;
        if start < end {
            forms.push(encoded.as_bytes()[start..end].to_vec());
        }
    }
    let hex = secret.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    });
    forms.push(hex.to_uppercase().into_bytes());
    forms.push(hex.into_bytes());
    if let Ok(text) = std::str::from_utf8(secret) {
        let json = serde_json::to_string(text).unwrap_or_default();
        forms.push(json.trim_matches('"').as_bytes().to_vec());
    }
    forms
}

#[test]
fn a_secret_is_found_in_base64_at_any_alignment() {
    let secret = b"the private key's bytes";
    for prefix in [&b""[..], b"x", b"xy", b"xyz"] {
        let carried: Vec<u8> = [prefix, &secret[..], b"tail"].concat();
        let body = format!("{{\"cms\":\"{}\"}}", STANDARD.encode(&carried));
        let forms = encodings(secret);
        assert!(
            forms.iter().any(|form| body.as_bytes().windows(form.len()).any(|w| w == &form[..])),
            "prefix {prefix:?}"
        );
    }
    let other = encodings(b"something else entirely");
    let body = STANDARD.encode(b"the private key's bytes");
    assert!(!other.iter().any(|form| body.as_bytes().windows(form.len()).any(|w| w == &form[..])));
}

/// The portal's time, for the tests that leave its clock on the system's (all but `open_at`'s).
pub fn portal_now() -> i64 {
    Clock::default().now()
}

/// A detached signature (base64 CMS) of `bytes` by `key`, made now: what a key file in the
/// browser, NCALayer or a phone would send.
pub fn signed_by(key: &IssuedKey, bytes: &[u8]) -> String {
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
    let cms = sign(bytes, &key.certificate, &signing_key, portal_now(), Content::Detached).unwrap();
    STANDARD.encode(cms)
}
