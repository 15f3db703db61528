//! The API's reads under load (issue 16), run by `cargo xtask bench` in a release build: each
//! read's requests per second as a share of an empty axum handler measured in the same run on
//! the same machine (the ceiling), and its p50/p99 latency at half of its own saturating rate.
//! On SQLite, and on PostgreSQL when `QYZMET_BENCH_POSTGRES_URL` names a server. Prints a table
//! and writes `target/bench/latest.json`.
//!
//! The status check then meets a deadline spike (`overload`), and on PostgreSQL a second
//! instance joins the first (`instances`).
//!
//! `QYZMET_BENCH_ONLY=filings` runs the signed filings and their spike alone, on each database:
//! for iterating on the write path; `QYZMET_BENCH_ONLY=reads` the reads and the status check's
//! spike alone; `QYZMET_BENCH_ONLY=scale` the reads at scale alone, on a database server that
//! has done nothing else.
//!
//! The load generator runs in this process beside the portal, on the same two cores: the ratios
//! hold for this machine, the absolute figures only for it.

mod filings;
mod instances;
mod offer;
mod overload;
mod pdf;
mod scale;

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_backend::signatures::TrustStore;
use qyzmet_backend::signatures::test_ca::{Purpose, Standing, TestCa};
use qyzmet_backend::store::{Clock, Store};
use qyzmet_backend::{AppState, demo, router, serve};
use qyzmet_shared::eds::{Content, SigningKey, sign};
use qyzmet_shared::request::{Filing, RequestView};
use qyzmet_shared::signature::{Challenge, sign_in_bytes};
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// Requests in flight at once.
const CONNECTIONS: u32 = 32;
/// How long each read is driven, at saturation and again at half of it.
const DRIVEN: Duration = Duration::from_secs(3);
const CITIZEN: &str = "850315400124";
const CHANCELLERY: &str = "810505300788";
const HEAD: &str = "750909400915";

/// One read to drive: its name, its path, whose session it runs in, whether each request
/// comes from another client address (through the trusted proxy), as a public look-up does, and
/// whether it then meets a deadline spike.
#[derive(Clone)]
struct Read {
    name: &'static str,
    path: String,
    cookie: Option<String>,
    many_clients: bool,
    spiked: bool,
}

/// What one read did: at saturation, and at half of that rate.
struct Figures {
    per_second: f64,
    refused: u64,
    p50_ms: f64,
    p99_ms: f64,
}

/// What a run covers: everything, or the part `QYZMET_BENCH_ONLY` names.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Everything,
    Filings,
    Reads,
    Scale,
}

impl Part {
    fn asked() -> Part {
        match std::env::var("QYZMET_BENCH_ONLY").as_deref() {
            Ok("filings") => Part::Filings,
            Ok("reads") => Part::Reads,
            Ok("scale") => Part::Scale,
            _ => Part::Everything,
        }
    }

    fn covers(self, part: Part) -> bool {
        self == Part::Everything || self == part
    }
}

#[tokio::main]
async fn main() {
    let run = Part::asked();
    let ceiling_base = empty_handler().await;
    let ceiling = drive(&[&ceiling_base], &Read::plain("empty axum handler", "/")).await;
    let mut report = json!({"connections": CONNECTIONS, "seconds": DRIVEN.as_secs(),
        "ceiling": {"per_second": ceiling.per_second, "p50_ms": ceiling.p50_ms, "p99_ms": ceiling.p99_ms}});
    println!(
        "{:<34} {:>10} {:>9} {:>8} {:>8}  refused",
        "read", "req/s", "ceiling", "p50 ms", "p99 ms"
    );
    print_row("empty axum handler (the ceiling)", &ceiling, ceiling.per_second);
    let files = tempfile::tempdir().expect("a temporary directory");
    let mut databases = vec![(
        "sqlite",
        format!("sqlite://{}?mode=rwc", files.path().join("bench.sqlite3").display()),
    )];
    if let Ok(url) = std::env::var("QYZMET_BENCH_POSTGRES_URL") {
        databases.push(("postgres", url));
    }
    for (name, url) in databases.into_iter().filter(|_| run != Part::Scale) {
        println!("-- {name}");
        let Portal { store, base, reads, citizen, test_ca, .. } =
            portal(&url, files.path(), 0).await;
        let mut rows = serde_json::Map::new();
        let mut spikes = Vec::new();
        for read in reads.clone().into_iter().filter(|_| run.covers(Part::Reads)) {
            let figures = drive(&[&base], &read).await;
            print_row(read.name, &figures, ceiling.per_second);
            rows.insert(
                read.name.to_owned(),
                json!({"per_second": figures.per_second, "of_ceiling": figures.per_second / ceiling.per_second,
                    "p50_ms": figures.p50_ms, "p99_ms": figures.p99_ms, "refused": figures.refused}),
            );
            if read.spiked {
                spikes.push((read, figures));
            }
        }
        if run.covers(Part::Reads) {
            rows.insert("status check from one address".to_owned(), centre(&base, &reads).await);
        }
        let signed = if run.covers(Part::Filings) {
            let signed = filings::filings(&[&base], &citizen, &test_ca, &url).await;
            println!(
                "{:<34} {:>10.0} {:>8.1}% of {:.0} bare inserts/s, CPU {:.0}% busy{:>6}{}",
                "signed filings",
                signed.per_second,
                100.0 * signed.per_second / signed.inserts_per_second,
                signed.inserts_per_second,
                100.0 * signed.cpu_busy,
                signed.refused,
                if signed.durable {
                    ""
                } else {
                    "  (commits not durable: the server does not wait for the disk)"
                }
            );
            rows.insert(
                "signed filings".to_owned(),
                json!({"per_second": signed.per_second, "bare_inserts_per_second": signed.inserts_per_second,
                    "of_bare_inserts": signed.per_second / signed.inserts_per_second,
                    "cpu_busy": signed.cpu_busy, "refused": signed.refused, "durable": signed.durable}),
            );
            Some(signed)
        } else {
            None
        };
        if run == Part::Everything {
            let pdfs = pdf::downloads(&base, &citizen, &test_ca).await;
            rows.insert("result pdf".to_owned(), pdfs.report());
        }
        for (read, figures) in spikes.drain(..) {
            let reads = Arc::new(offer::Reads { bases: vec![base.clone()], read: read.clone() });
            let spike = overload::spike(reads, figures.per_second, figures.p99_ms).await;
            spike.print(read.name);
            rows.insert(format!("spike on {}", read.name), spike.to_json());
        }
        if run == Part::Everything && name == "postgres" {
            let both =
                instances::compare(&url, &base, &reads, &citizen, &test_ca, files.path()).await;
            rows.insert("two instances".to_owned(), both);
        }
        // Last: its drafts fill the store.
        if let Some(signed) = signed {
            let spike = filings::spike(&store, &base, &test_ca, signed.per_second).await;
            spike.print("signed filings");
            rows.insert("spike on signed filings".to_owned(), spike.to_json());
        }
        report[name] = Value::Object(rows);
    }
    if run.covers(Part::Scale) {
        report["scale"] = scale::reads(files.path(), ceiling.per_second).await;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench/latest.json");
    let written = std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench"))
        .and_then(|()| {
            std::fs::write(path, serde_json::to_string_pretty(&report).unwrap_or_default())
        });
    match written {
        Ok(()) => println!("written to target/bench/latest.json"),
        Err(e) => eprintln!("target/bench/latest.json not written: {e}"),
    }
}

/// A citizen service centre, or a mobile operator's shared address, behind which every phone
/// checks statuses from one address (issue 16: the per-address limit stays): how many are
/// answered, and what the rest are told.
async fn centre(base: &str, reads: &[Read]) -> Value {
    let Some(status) = reads.iter().find(|read| read.many_clients) else { return Value::Null };
    // Without a forwarded address every call comes from the bench's own.
    let one_address = Read { many_clients: false, ..status.clone() };
    let offer = Arc::new(offer::Reads { bases: vec![base.to_owned()], read: one_address.clone() });
    let (per_second, refused, latencies) = run(&offer, None, DRIVEN).await;
    let asked = latencies.len();
    let answered = asked - usize::try_from(refused).unwrap_or(asked);
    let last = request_to(&reqwest::Client::new(), base, &one_address).send().await;
    let (code, retry_after) = last.map_or((0, None), |last| {
        let retry_after = last.headers().get(reqwest::header::RETRY_AFTER).cloned();
        (last.status().as_u16(), retry_after.and_then(|v| v.to_str().ok()?.parse::<u64>().ok()))
    });
    println!(
        "status check from one address: {answered} of {asked} answered in {} s, the rest {code} \
         with Retry-After {} s ({per_second:.0} answers/s)",
        DRIVEN.as_secs(),
        retry_after.map_or_else(|| "none".to_owned(), |s| s.to_string()),
    );
    json!({"asked": asked, "answered": answered, "refused_with": code, "retry_after_seconds": retry_after,
        "per_second": per_second})
}

fn print_row(name: &str, figures: &Figures, ceiling: f64) {
    println!(
        "{name:<34} {:>10.0} {:>8.1}% {:>8.2} {:>8.2}  {}",
        figures.per_second,
        100.0 * figures.per_second / ceiling,
        figures.p50_ms,
        figures.p99_ms,
        figures.refused
    );
}

impl Read {
    fn plain(name: &'static str, path: &str) -> Read {
        Read { name, path: path.to_owned(), cookie: None, many_clients: false, spiked: false }
    }
}

/// An axum handler that answers nothing, on its own port: what this machine can serve at most.
async fn empty_handler() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let app = axum::Router::new().route("/", axum::routing::get(|| async {}));
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

/// A portal to drive: where it listens, the reads to drive, the demo citizen's session, the
/// test CA her keys come from, and how long its generated requests took to write.
struct Portal {
    store: Store,
    base: String,
    reads: Vec<Read>,
    citizen: String,
    test_ca: TestCa,
    generated_in: Duration,
}

/// The portal on `database_url` with the demo seeded, `generated` requests generated, and one
/// request filed by the demo citizen.
async fn portal(database_url: &str, files: &std::path::Path, generated: i64) -> Portal {
    let store = Store::open(database_url).await.expect("the store opens");
    demo::seed(&store).await.expect("the demo seeds");
    let generating = Instant::now();
    if generated > 0 {
        store.generate(generated).await.expect("the requests are generated");
    }
    let generated_in = generating.elapsed();
    let test_ca = demo::test_ca(&store).await.expect("the demo's test CA");
    let base = listen(store.clone(), &test_ca, files).await;

    let client = reqwest::Client::new();
    let citizen = password_session(&client, &base, CITIZEN).await;
    let request = file_one(&client, &base, &citizen, &test_ca).await;
    let chancellery = key_session(&client, &base, &test_ca, CHANCELLERY).await;
    let head = key_session(&client, &base, &test_ca, HEAD).await;
    let reads = vec![
        Read {
            name: "status check (one client each)",
            path: format!("/api/v1/status?number={}&iin={CITIZEN}", request.number),
            cookie: None,
            many_clients: true,
            spiked: true,
        },
        Read::plain("catalog", "/api/v1/catalog"),
        // The least a read that asks the database can cost: one trivial query.
        Read::plain("health (one query)", "/api/v1/health"),
        Read {
            name: "a request's view (signed in)",
            path: format!("/api/v1/requests/{}", request.number),
            cookie: Some(citizen.clone()),
            many_clients: false,
            spiked: false,
        },
        Read {
            name: "queue page (chancellery)",
            path: "/api/v1/queue".to_owned(),
            cookie: Some(chancellery),
            many_clients: false,
            spiked: false,
        },
        Read {
            name: "history page (citizen)",
            path: "/api/v1/requests".to_owned(),
            cookie: Some(citizen.clone()),
            many_clients: false,
            spiked: false,
        },
        Read {
            name: "dashboard (head)",
            path: "/api/v1/office/dashboard".to_owned(),
            cookie: Some(head),
            many_clients: false,
            spiked: false,
        },
    ];
    Portal { store, base, reads, citizen, test_ca, generated_in }
}

/// An instance of the portal on `store`, trusting the demo's test CA, listening on a port of its
/// own: its address.
async fn listen(store: Store, test_ca: &TestCa, files: &std::path::Path) -> String {
    let loopback = IpAddr::from([127, 0, 0, 1]);
    let state = AppState::new(store)
        .with_test_ca(test_ca.clone(), TrustStore::default())
        .expect("the test CA is trusted")
        .with_trusted_proxies(&[loopback])
        .with_secure_cookies(false);
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let dist = files.join(format!("dist-{}", address.port()));
    std::fs::create_dir_all(&dist).expect("a dist folder");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>Qyzmet</title>").expect("index");
    tokio::spawn(serve(listener, router(state, &dist)));
    format!("http://{address}")
}

fn cookie_of(response: &reqwest::Response) -> String {
    let set = response.headers().get(reqwest::header::SET_COOKIE).expect("a session cookie");
    set.to_str().unwrap_or_default().split(';').next().unwrap_or_default().to_owned()
}

/// A session of the demo person `id_number`, opened with the demo password.
async fn password_session(client: &reqwest::Client, base: &str, id_number: &str) -> String {
    let form = json!({"id_number": id_number, "password": demo::DEMO_PASSWORD});
    let response = client.post(format!("{base}/api/v1/session")).json(&form).send().await;
    cookie_of(&response.expect("the citizen signs in"))
}

/// A staff member's session, opened with their sign-in key as staff must.
async fn key_session(client: &reqwest::Client, base: &str, ca: &TestCa, staff: &str) -> String {
    let challenge: Challenge = client
        .post(format!("{base}/api/v1/session/challenge"))
        .send()
        .await
        .expect("a challenge")
        .json()
        .await
        .expect("a challenge's body");
    let key = ca.key(staff, Purpose::Authentication, Standing::Valid).expect("a sign-in key");
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).expect("a key");
    let bytes = sign_in_bytes(&challenge.nonce);
    let cms =
        sign(&bytes, &key.certificate, &signing_key, Clock::default().now(), Content::Attached)
            .expect("it signs");
    let body = json!({"challenge": challenge.id, "cms": STANDARD.encode(cms)});
    let response = client.post(format!("{base}/api/v1/session/signature")).json(&body).send().await;
    cookie_of(&response.expect("the staff member signs in"))
}

/// An archival salary certificate drafted, its scan attached, signed and filed by the citizen.
async fn file_one(client: &reqwest::Client, base: &str, cookie: &str, ca: &TestCa) -> RequestView {
    let signed = signed_draft(client, base, (cookie, CITIZEN), ca).await;
    let filed = signed.submission(client, base, cookie).send().await.expect("filed");
    filed.json().await.expect("a filed request")
}

/// The scan every bench draft carries as the applicant's identity document.
const SCAN: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n";

/// A draft with its scan, and its filer's signature of it, ready to be filed.
struct SignedDraft {
    number: String,
    cms: Vec<u8>,
}

/// An archival salary certificate drafted by the demo person `filer` (session `cookie`), its
/// scan attached, and signed.
async fn signed_draft(
    client: &reqwest::Client,
    base: &str,
    (cookie, filer): (&str, &str),
    ca: &TestCa,
) -> SignedDraft {
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana",
        "form": {"organisation": "«Қазақтелеком» АҚ", "period_from": "2005-01-01",
            "period_to": "2010-12-31", "phone": "+7 701 234 56 78"}});
    let send =
        |request: reqwest::RequestBuilder| request.header(reqwest::header::COOKIE, cookie).send();
    let drafted: RequestView = send(client.post(format!("{base}/api/v1/requests")).json(&body))
        .await
        .expect("drafted")
        .json()
        .await
        .expect("a draft");
    let number = drafted.number;
    let attach = client
        .put(format!("{base}/api/v1/requests/{number}/attachments/identity?name=scan.pdf"))
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(SCAN);
    send(attach).await.expect("attached");
    signed(client, base, (cookie, filer), ca, number).await
}

/// The draft `number` as the portal shows it to its filer `signer` (session `cookie`), signed
/// with their signing key.
async fn signed(
    client: &reqwest::Client,
    base: &str,
    (cookie, signer): (&str, &str),
    ca: &TestCa,
    number: String,
) -> SignedDraft {
    let shown: RequestView = client
        .get(format!("{base}/api/v1/requests/{number}"))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .expect("shown")
        .json()
        .await
        .expect("a request");
    let key = ca.key(signer, Purpose::Signing, Standing::Valid).expect("a signing key");
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).expect("a key");
    let bytes = Filing::from(&shown).signed_bytes();
    let cms =
        sign(&bytes, &key.certificate, &signing_key, Clock::default().now(), Content::Detached)
            .expect("it signs");
    SignedDraft { number, cms }
}

impl SignedDraft {
    /// The filing of the draft with its signature, to send.
    fn submission(
        &self,
        client: &reqwest::Client,
        base: &str,
        cookie: &str,
    ) -> reqwest::RequestBuilder {
        let number = &self.number;
        client
            .post(format!("{base}/api/v1/requests/{number}/submit"))
            .header(reqwest::header::COOKIE, cookie)
            .header("idempotency-key", format!("bench-{number}"))
            .json(&json!({"cms": STANDARD.encode(&self.cms)}))
    }
}

/// `read` at saturation, then at half of that rate, spread over the instances at `bases`: the
/// figures.
async fn drive(bases: &[&str], read: &Read) -> Figures {
    let bases = bases.iter().map(|base| (*base).to_owned()).collect();
    let reads = Arc::new(offer::Reads { bases, read: read.clone() });
    let (per_second, refused, _) = run(&reads, None, DRIVEN).await;
    let (_, _, mut latencies) = run(&reads, Some(per_second / 2.0), DRIVEN).await;
    let p50_ms = overload::percentile(&mut latencies, 50);
    let p99_ms = overload::percentile(&mut latencies, 99);
    Figures { per_second, refused, p50_ms, p99_ms }
}

/// The client addresses of reads from many clients handed out so far in this run of the bench:
/// none comes twice, so the status check's limit per address is never what answers.
static CLIENTS: AtomicU64 = AtomicU64::new(0);

/// A request of `read`: in its session, and from an address of its own when the read comes from
/// many clients.
fn request_to(client: &reqwest::Client, base: &str, read: &Read) -> reqwest::RequestBuilder {
    let mut request = client.get(format!("{base}{}", read.path));
    if let Some(cookie) = &read.cookie {
        request = request.header(reqwest::header::COOKIE, cookie);
    }
    if read.many_clients {
        let n = CLIENTS.fetch_add(1, Ordering::Relaxed);
        let address = format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255);
        request = request.header("x-forwarded-for", address);
    }
    request
}

/// `CONNECTIONS` loops sending what `offer` has for `driven` or until it has nothing left, each
/// as fast as answers come (`rate` `None`) or together at `rate` requests per second; the rate
/// reached, the answers that were not a success, and every latency.
async fn run<O: offer::Offer>(
    offer: &Arc<O>,
    rate: Option<f64>,
    driven: Duration,
) -> (f64, u64, Vec<Duration>) {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS as usize)
        .build()
        .expect("a client");
    let refused = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let end = start + driven;
    let mut loops = tokio::task::JoinSet::new();
    for n in 0..CONNECTIONS {
        let (client, offer, refused) = (client.clone(), offer.clone(), refused.clone());
        let interval = rate.map(|rate| Duration::from_secs_f64(f64::from(CONNECTIONS) / rate));
        loops.spawn(async move {
            let mut latencies = Vec::new();
            // Spread the paced loops over one interval, so they do not fire together.
            if let Some(interval) = interval {
                tokio::time::sleep(interval.mul_f64(f64::from(n) / f64::from(CONNECTIONS))).await;
            }
            let mut due = Instant::now();
            while Instant::now() < end {
                let Some((request, sent)) = offer.next(&client, n) else { break };
                let asked = Instant::now();
                match request.send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                    }
                    answer => {
                        if answer.is_ok_and(|response| overload::is_shed(&response)) {
                            offer.turned_away(sent);
                        }
                        refused.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies.push(asked.elapsed());
                if let Some(interval) = interval {
                    due += interval;
                    tokio::time::sleep_until(due.into()).await;
                }
            }
            latencies
        });
    }
    let mut latencies = Vec::new();
    while let Some(done) = loops.join_next().await {
        latencies.extend(done.unwrap_or_default());
    }
    let answered = f64::from(u32::try_from(latencies.len()).unwrap_or(u32::MAX));
    let per_second = answered / start.elapsed().as_secs_f64();
    (per_second, refused.load(Ordering::Relaxed), latencies)
}
