//! `TestApp`: the real router on a real port with a fresh database, and one method per endpoint.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use base64::Engine as _;
use qyzmet_backend::demo;
use qyzmet_backend::mail::Postman;
use qyzmet_backend::signatures::TrustStore;
use qyzmet_backend::signatures::test_ca::{
    Employment, Holder, IssuedKey, Purpose, Standing, TestCa,
};
use qyzmet_backend::store::{Clock, Store};
use qyzmet_backend::{AppState, router, serve};
use qyzmet_shared::account::SignIn;
use qyzmet_shared::eds::{Content, SigningKey, sign};
use qyzmet_shared::request::{Approval, Filing, RequestView};
use qyzmet_shared::signature::{Challenge, CompanyRole, sign_in_bytes};
use sqlx::{Connection, Executor};
use tokio::net::TcpListener;

#[derive(Debug, Clone, Copy)]
pub enum Db {
    Sqlite,
    Postgres,
}

const MAIL_FROM: &str = "Qyzmet <noreply@qyzmet.kz>";

/// The stand-in client's WebAssembly: its magic number and version.
pub const WASM: &[u8] = b"\0asm\x01\0\0\0";
/// The built assets as Trunk names them: with their content's hash, or, for the signing worker's
/// loader, without.
pub const CSS: &str = "/main-a270091f22ee54d6.css";
pub const WASM_FILE: &str = "/qyzmet-frontend-e412eae78ef69ead_bg.wasm";
pub const WORKER_LOADER: &str = "/portal/qyzmet-signer_loader.js";

/// A stand-in for Trunk's output: the public app's page with an inline bootstrap script, and one
/// asset.
pub const INDEX_HTML: &str = "<!doctype html><html lang=\"kk\"><head><script type=\"module\">boot();</script></head><body></body></html>";
/// The whole portal's page, `dist/portal/index.html`, with its own bootstrap.
pub const PORTAL_HTML: &str = "<!doctype html><html lang=\"kk\"><head><script type=\"module\">start();</script></head><body></body></html>";

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub database_url: String,
    /// The demo's test CA, when started with the demo.
    pub test_ca: Option<TestCa>,
    outbox: std::path::PathBuf,
    _files: tempfile::TempDir,
}

/// What a demo app is changed by before it serves: its state, given the demo's test CA.
type Configure = Box<dyn FnOnce(AppState, &TestCa) -> AppState + Send>;

enum Start {
    Plain(TrustStore),
    At(String),
    /// The demo, seeded unless the database already holds it (another instance on it).
    Demo {
        configure: Configure,
        seed: bool,
    },
}

impl Start {
    /// The demo as seeded, unchanged.
    fn demo(seed: bool) -> Start {
        Start::Demo { configure: Box::new(|state, _| state), seed }
    }
}

impl TestApp {
    pub async fn spawn(db: Db) -> TestApp {
        TestApp::start(db, Start::Plain(TrustStore::default())).await
    }

    /// The app as people reach it at `public_url` (behind a TLS proxy, say).
    pub async fn spawn_behind(db: Db, public_url: &str) -> TestApp {
        TestApp::start(db, Start::At(public_url.to_owned())).await
    }

    /// The app accepting signatures of the certification authorities in `trust`.
    pub async fn spawn_trusting(db: Db, trust: TrustStore) -> TestApp {
        TestApp::start(db, Start::Plain(trust)).await
    }

    /// The app with the demo accounts, trusting the demo's test CA, whose keys sign for them.
    pub async fn spawn_demo(db: Db) -> TestApp {
        TestApp::start(db, Start::demo(true)).await
    }

    /// The demo app with its clock put at `at` (RFC 3339) before anything is seeded or issued:
    /// what it files is filed at that moment (and the few seconds the test takes), so the test
    /// counts the dates by hand.
    pub async fn spawn_demo_at(db: Db, at: &str) -> TestApp {
        TestApp::start_at(db, Start::demo(true), Some(instant(at))).await
    }

    /// The demo app, its state changed by `configure` (an OCSP responder, another trust).
    pub async fn spawn_demo_with(
        db: Db,
        configure: impl FnOnce(AppState, &TestCa) -> AppState + Send + 'static,
    ) -> TestApp {
        TestApp::start(db, Start::Demo { configure: Box::new(configure), seed: true }).await
    }

    async fn start(db: Db, start: Start) -> TestApp {
        TestApp::start_at(db, start, None).await
    }

    async fn start_at(db: Db, start: Start, clock_at: Option<i64>) -> TestApp {
        let files = tempfile::tempdir().unwrap();
        let database_url = fresh_database(db, files.path()).await;
        TestApp::start_on(database_url, files, start, clock_at).await
    }

    /// A second portal on this one's database, as a second instance behind a load balancer: its
    /// own connections, clock and memory, trusting the demo's test CA that the database holds.
    pub async fn another_instance(&self) -> TestApp {
        let files = tempfile::tempdir().unwrap();
        TestApp::start_on(self.database_url.clone(), files, Start::demo(false), None).await
    }

    async fn start_on(
        database_url: String,
        files: tempfile::TempDir,
        start: Start,
        clock_at: Option<i64>,
    ) -> TestApp {
        let dist = files.path().join("dist");
        std::fs::create_dir(&dist).unwrap();
        std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
        std::fs::create_dir(dist.join("portal")).unwrap();
        std::fs::write(dist.join("portal/index.html"), PORTAL_HTML).unwrap();
        std::fs::write(dist.join(&CSS[1..]), "body{}").unwrap();
        // An asset with the compressed copies `cargo xtask` writes beside it (stand-in bytes: the
        // server sends them as they are).
        std::fs::write(dist.join(&WASM_FILE[1..]), WASM).unwrap();
        std::fs::write(dist.join(format!("{}.br", &WASM_FILE[1..])), b"brotli of app.wasm")
            .unwrap();
        std::fs::write(dist.join(format!("{}.gz", &WASM_FILE[1..])), b"gzip of app.wasm").unwrap();
        // The signing worker's loader, named without a hash.
        std::fs::write(dist.join(&WORKER_LOADER[1..]), "importScripts()").unwrap();
        let store = Store::open(&database_url).await.unwrap();
        if let Some(at) = clock_at {
            store.clock().set(at);
        }
        let (state, test_ca) = match start {
            Start::Plain(trust) => (AppState::new(store.clone()).with_trust(trust), None),
            Start::At(url) => (AppState::new(store.clone()).with_public_url(Some(url)), None),
            Start::Demo { configure, seed } => {
                if seed {
                    demo::seed(&store).await.unwrap();
                }
                let test_ca = demo::test_ca(&store).await.unwrap();
                let state = AppState::new(store.clone())
                    .with_test_ca(test_ca.clone(), TrustStore::default())
                    .unwrap();
                (configure(state, &test_ca), Some(test_ca))
            }
        };
        let outbox = files.path().join("outbox");
        let state = state.with_postman(Postman::folder(outbox.clone(), MAIL_FROM).unwrap());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        // As `run` does: the QR codes lead to the public URL, or else to where it listens.
        let state = match state.public_url {
            Some(_) => state,
            None => state.with_public_url(Some(base.clone())),
        };
        let app = router(state, &dist);
        tokio::spawn(serve(listener, app));
        TestApp {
            base,
            client: reqwest::Client::new(),
            store,
            database_url,
            test_ca,
            outbox,
            _files: files,
        }
    }

    /// The portal's own process (`qyzmet --demo`), already serving at `base` on `database_url`
    /// with its data in `files`: the test sees its store and signs with its demo test CA.
    pub async fn of_process(
        base: String,
        database_url: String,
        files: tempfile::TempDir,
    ) -> TestApp {
        let store = Store::open(&database_url).await.unwrap();
        let test_ca = Some(demo::test_ca(&store).await.unwrap());
        let outbox = files.path().join("outbox");
        let client = reqwest::Client::new();
        TestApp { base, client, store, database_url, test_ca, outbox, _files: files }
    }

    /// The e-mails delivered to the outbox folder so far, as written (`.eml`), waiting up to a few
    /// seconds for `at_least` of them: delivery runs in the background.
    pub async fn outbox(&self, at_least: usize) -> Vec<String> {
        self.outbox_until(|mails| mails.len() >= at_least).await
    }

    /// The e-mail that `matches`, waiting up to a few seconds for it to be delivered (others,
    /// of earlier steps, may be there already); it fails, naming how many there were, if none
    /// comes.
    pub async fn mail_where(&self, matches: impl Fn(&str) -> bool) -> String {
        let mails = self.outbox_until(|mails| mails.iter().any(|m| matches(m))).await;
        let count = mails.len();
        mails
            .into_iter()
            .find(|m| matches(m))
            .unwrap_or_else(|| panic!("no such e-mail among the {count} delivered"))
    }

    async fn outbox_until(&self, enough: impl Fn(&[String]) -> bool) -> Vec<String> {
        let start = std::time::Instant::now();
        loop {
            let mails: Vec<String> = std::fs::read_dir(&self.outbox)
                .map(|dir| {
                    dir.filter_map(Result::ok)
                        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                        .collect()
                })
                .unwrap_or_default();
            if enough(&mails) || start.elapsed() > std::time::Duration::from_secs(5) {
                return mails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Enters in the state registry someone without an account: Сәрсенбаев Ғалым Өмірұлы,
    /// IIN 900101300027.
    pub async fn register_newcomer(&self) {
        let person = qyzmet_backend::registry::Person {
            iin: "900101300027".to_owned(),
            surname: "Сәрсенбаев".to_owned(),
            given_name: "Ғалым".to_owned(),
            patronymic: "Өмірұлы".to_owned(),
            birth_date: "1990-01-01".to_owned(),
        };
        self.store.registry().add_person(&person).await.unwrap();
    }

    /// The server's time.
    pub fn now(&self) -> i64 {
        self.store.now()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    pub async fn sign_in(&self, id_number: &str, password: &str) -> reqwest::Response {
        let form = SignIn { id_number: id_number.to_owned(), password: password.to_owned() };
        self.client.post(format!("{}/api/v1/session", self.base)).json(&form).send().await.unwrap()
    }

    /// `GET /api/v1/session` with the given session cookie (`None`: without one).
    pub async fn me(&self, cookie: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(format!("{}/api/v1/session", self.base));
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        request.send().await.unwrap()
    }

    pub async fn sign_out(&self, cookie: &str) -> reqwest::Response {
        self.client
            .delete(format!("{}/api/v1/session", self.base))
            .header(reqwest::header::COOKIE, cookie)
            .send()
            .await
            .unwrap()
    }

    /// Signs a demo account in and returns its session cookie.
    /// A demo account's session, opened as its holder would: staff with their sign-in key (a
    /// password alone does not open a staff account), applicants with the demo password.
    pub async fn session(&self, id_number: &str) -> String {
        let account = self.store.accounts().by_id_number(id_number).await.unwrap();
        let response = if account.is_some_and(|a| a.role.signs_in_with_signature()) {
            let ca = self.test_ca.as_ref().expect("staff sign in with the demo's test CA keys");
            let key = ca.key(id_number, Purpose::Authentication, Standing::Valid).unwrap();
            self.sign_in_with(key).await.0
        } else {
            self.sign_in(id_number, demo::DEMO_PASSWORD).await
        };
        assert_eq!(response.status(), 200, "demo sign-in of {id_number}");
        session_cookie(&response)
    }

    /// Signs a fresh challenge with `key` and posts it; the answer and the body sent.
    pub async fn sign_in_with(&self, key: &IssuedKey) -> (reqwest::Response, String) {
        let challenge = self.challenge().await;
        self.answer(&challenge, key).await
    }

    /// `POST /session/challenge`: a sign-in challenge to sign.
    pub async fn challenge(&self) -> Challenge {
        let url = format!("{}/api/v1/session/challenge", self.base);
        self.client.post(url).send().await.unwrap().json().await.unwrap()
    }

    /// Signs `challenge` with `key` and posts it; the answer and the body sent.
    pub async fn answer(
        &self,
        challenge: &Challenge,
        key: &IssuedKey,
    ) -> (reqwest::Response, String) {
        let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
        let cms = sign(
            &sign_in_bytes(&challenge.nonce),
            &key.certificate,
            &signing_key,
            self.now(),
            Content::Attached,
        )
        .unwrap();
        let body = serde_json::json!({
            "challenge": challenge.id,
            "cms": base64::engine::general_purpose::STANDARD.encode(cms),
        });
        let response = self
            .client
            .post(format!("{}/api/v1/session/signature", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        (response, body.to_string())
    }

    /// A request with the session cookie (and JSON body, when given).
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        cookie: &str,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, format!("{}/api/v1{path}", self.base))
            .header(reqwest::header::COOKIE, cookie);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap()
    }

    /// Edits the database behind the portal's back: an intruder with SQL access, or a test
    /// moving a deadline into the past.
    pub async fn execute(&self, sql: &str) {
        let pool = sqlx::AnyPool::connect(&self.database_url).await.unwrap();
        pool.execute(sql).await.unwrap();
        pool.close().await;
    }

    /// A count the database holds (`SELECT COUNT(*) …`), read behind the portal's back.
    pub async fn count(&self, sql: &str) -> i64 {
        let pool = sqlx::AnyPool::connect(&self.database_url).await.unwrap();
        let count = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        count
    }

    /// The signature of a request's filing (base64 CMS), made with the demo signing key of its
    /// signer: the representative or CSC operator who drafted it, or else the applicant (a company's by its
    /// head's).
    pub fn sign_filing(&self, request: &RequestView, standing: Standing) -> String {
        let applicant = request.applicant_id_number.as_str();
        let holder = match (&request.representative, &request.counter) {
            (Some(representative), _) => representative.iin.as_str(),
            (None, Some(counter)) => counter.operator_iin.as_str(),
            (None, None) if applicant == demo::DEMO_COMPANY_BIN => demo::DEMO_COMPANY_HEAD,
            (None, None) => applicant,
        };
        self.sign(holder, standing, &Filing::from(request).signed_bytes())
    }

    /// A staff member's signature of a request's drafted result (base64 CMS), made with their
    /// demo signing key.
    pub fn sign_approval(&self, request: &RequestView, signer: &str) -> String {
        let bytes = Approval::of(request).map(|a| a.signed_bytes()).unwrap_or_default();
        self.sign(signer, Standing::Valid, &bytes)
    }

    /// A detached signature (base64 CMS) of `bytes` by the demo signing key of `holder` (an
    /// IIN) of this standing. A test that means to send no signature sends `""` itself: asking
    /// for a key the test CA lacks fails here, not later as a refusal for some other reason.
    pub fn sign(&self, holder: &str, standing: Standing, bytes: &[u8]) -> String {
        let ca = self.test_ca.as_ref().expect("signing needs the demo's test CA (spawn_demo)");
        let key = ca.key(holder, Purpose::Signing, standing).unwrap_or_else(|| {
            panic!("the demo's test CA has no {standing:?} signing key of {holder}")
        });
        self.signed_with(key, bytes)
    }

    /// A key certified now by the demo's test CA for `holder`, from a fresh ECDSA key pair.
    pub fn certified(&self, holder: &Holder<'_>, purpose: Purpose) -> IssuedKey {
        let mut ca = self.test_ca.clone().unwrap();
        let private_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        ca.certify(holder, purpose, &private_key.serialize_der(), self.now()).unwrap().clone()
    }

    /// A detached signature (base64 CMS) of `bytes` by `key`, made at the server's time.
    pub fn signed_with(&self, key: &IssuedKey, bytes: &[u8]) -> String {
        let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
        let cms =
            sign(bytes, &key.certificate, &signing_key, self.now(), Content::Detached).unwrap();
        base64::engine::general_purpose::STANDARD.encode(cms)
    }

    pub async fn health(&self) -> reqwest::Response {
        self.get("/api/v1/health").await
    }

    pub async fn catalog(&self) -> reqwest::Response {
        self.get("/api/v1/catalog").await
    }
}

/// An ordinary employee of the demo company: their key names its BIN but does not act for it.
pub const ORDINARY_EMPLOYEE: Holder<'static> = Holder {
    iin: "950505400019",
    surname: "Сәрсенова",
    given_name: "Дана",
    patronymic: "Асқарқызы",
    company: Some(Employment {
        bin: demo::DEMO_COMPANY_BIN,
        name: "«Дала Медиа» ЖШС",
        role: CompanyRole::Employee,
    }),
};

/// A DER object as PEM, for OpenSSL's command line.
/// The time before an app exists to ask (a CA issued for it to trust): the system's, which an
/// app's clock reads until a test sets it.
pub fn system_now() -> i64 {
    Clock::default().now()
}

/// Unix seconds of an RFC 3339 instant written in a test.
pub fn instant(rfc3339: &str) -> i64 {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(rfc3339, &Rfc3339).unwrap().unix_timestamp()
}

pub fn pem(label: &str, der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> =
        body.as_bytes().chunks(64).map(|line| std::str::from_utf8(line).unwrap_or("")).collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

/// Bytes as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// The newest migration: one file per version in each backend's folder.
pub fn latest_schema_version() -> i64 {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite");
    i64::try_from(std::fs::read_dir(folder).unwrap().count()).unwrap()
}

pub fn sqlite_url(file: &Path) -> String {
    format!("sqlite://{}?mode=rwc", file.display())
}

/// Where a `qyzmet` process started with `--addr 127.0.0.1:0` listens, from the line of its
/// standard output that announces it (the log shares that output). The rest of what it prints is
/// read on, so a full pipe never blocks it.
pub fn announced_base(stdout: std::process::ChildStdout) -> String {
    use std::io::BufRead as _;
    let mut lines = std::io::BufReader::new(stdout).lines().map_while(Result::ok);
    let base = lines
        .find_map(|line| {
            let at = line.find("running at http://")?;
            let rest = &line[at + "running at ".len()..];
            Some(rest.split_whitespace().next()?.trim_end_matches('/').to_owned())
        })
        .expect("the portal says where it listens");
    std::thread::spawn(move || lines.for_each(drop));
    base
}

/// A new, empty database of this kind: a file in `dir`, or a database on the test server.
pub async fn fresh_database(db: Db, dir: &Path) -> String {
    match db {
        Db::Sqlite => sqlite_url(&dir.join("qyzmet.sqlite3")),
        Db::Postgres => fresh_postgres_database().await,
    }
}

/// A new, empty database on the test server, so tests never see each other's rows.
pub async fn fresh_postgres_database() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let admin = std::env::var("QYZMET_TEST_POSTGRES_URL").expect(
        "QYZMET_TEST_POSTGRES_URL names the PostgreSQL server for these tests; run them with `cargo xtask test`, which starts one",
    );
    let name =
        format!("qyzmet_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    conn.execute(format!("DROP DATABASE IF EXISTS {name}").as_str()).await.unwrap();
    conn.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    conn.close().await.unwrap();
    let (server, _) = admin.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}

/// The `name=value` part of a response's `Set-Cookie`, to send back as `Cookie`.
pub fn session_cookie(response: &reqwest::Response) -> String {
    let set_cookie = response.headers()[reqwest::header::SET_COOKIE].to_str().unwrap();
    set_cookie.split(';').next().unwrap().to_owned()
}
