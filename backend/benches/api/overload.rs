//! The deadline spike (issue 16, bench 5): a read or filings offered at ten times the rate they
//! saturate at, as egov.kz is at every school-enrolment rush. What the portal must do: answer what it admits
//! in bounded time and turn the rest away at once with 503 and `Retry-After` — never leave a
//! caller waiting for a timeout, never answer 500 — and serve normally again soon after.
//!
//! The load is open: requests are sent at the offered rate whether or not earlier ones were
//! answered, as people pressing a button are; a caller that has no answer in `ANSWER_TIMEOUT`
//! counts as timed out.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::offer::Offer;
use crate::run;

/// How many times the saturating rate the spike offers.
const SPIKE_FACTOR: f64 = 10.0;
/// How long the spike lasts.
const SPIKE: Duration = Duration::from_mins(1);
/// How long a caller waits for an answer before giving up.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);
/// Requests the load generator keeps unanswered at most (past it, it counts one as not sent:
/// the generator's own limit, not the portal's).
const OUTSTANDING: u32 = 8192;
/// How often the generator sends what is due.
const TICK: Duration = Duration::from_millis(5);
/// How long the portal is given to recover after the spike, in windows of `WINDOW`.
const RECOVERY: Duration = Duration::from_mins(1);
const WINDOW: Duration = Duration::from_secs(1);

/// What the spike did.
pub struct Spike {
    offered_per_second: f64,
    admitted: u64,
    /// Answered 503 with `Retry-After`.
    shed: u64,
    /// Any other answer that is not a success (a 500, a 503 without `Retry-After`, a 429).
    failed: u64,
    /// No answer in `ANSWER_TIMEOUT`, or the connection broke.
    timed_out: u64,
    /// Not sent: the generator already waited on `OUTSTANDING` answers, or had nothing left to
    /// send.
    not_sent: u64,
    admitted_p99_ms: f64,
    shed_p99_ms: f64,
    /// Seconds from the spike's end to the first `WINDOW` at half the saturating rate with
    /// nothing refused and a p99 at most twice the one before the spike; `None` past `RECOVERY`.
    recovered_after_s: Option<f64>,
    /// The last recovery window's refusals and p99: why it had not recovered, if it had not.
    last_window: (u64, f64),
}

#[derive(Default)]
struct Counts {
    admitted: AtomicU64,
    shed: AtomicU64,
    failed: AtomicU64,
    timed_out: AtomicU64,
    not_sent: AtomicU64,
    admitted_latencies: Mutex<Vec<Duration>>,
    shed_latencies: Mutex<Vec<Duration>>,
}

/// Whether the portal turned the request away unserved, as it should under overload: 503 with
/// `Retry-After`.
pub fn is_shed(response: &reqwest::Response) -> bool {
    response.status() == StatusCode::SERVICE_UNAVAILABLE
        && response.headers().contains_key(reqwest::header::RETRY_AFTER)
}

/// Sends what `offer` has at `SPIKE_FACTOR` × `saturating` requests per second for `SPIKE`,
/// then watches it recover at half of `saturating`, whose p99 before the spike was
/// `calm_p99_ms`.
///
/// The load runs on a runtime of its own, as load from other machines would: the portal's
/// runtime then runs the portal's tasks alone (the two still share the cores). Sharing one, a
/// saturated generator's queued tasks delayed every wake-up of a portal task from outside its
/// workers (each answer from SQLite's connection threads) by seconds.
pub async fn spike<O: Offer>(offer: Arc<O>, saturating: f64, calm_p99_ms: f64) -> Spike {
    tokio::task::spawn_blocking(move || {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime for the load")
            .block_on(offered(offer, saturating, calm_p99_ms))
    })
    .await
    .expect("the spike ran")
}

async fn offered<O: Offer>(offer: Arc<O>, saturating: f64, calm_p99_ms: f64) -> Spike {
    let client = reqwest::Client::builder()
        .timeout(ANSWER_TIMEOUT)
        .pool_max_idle_per_host(OUTSTANDING as usize)
        .build()
        .expect("a client");
    let between = Duration::from_secs_f64(1.0 / (saturating * SPIKE_FACTOR));
    let counts = Arc::new(Counts::default());
    let outstanding = Arc::new(tokio::sync::Semaphore::new(OUTSTANDING as usize));
    let start = Instant::now();
    let mut sent = 0u64;
    let mut ticks = tokio::time::interval(TICK);
    while start.elapsed() < SPIKE {
        ticks.tick().await;
        let due = u64::try_from(start.elapsed().as_nanos() / between.as_nanos().max(1))
            .unwrap_or(u64::MAX);
        for _ in sent..due {
            let Ok(permit) = outstanding.clone().try_acquire_owned() else {
                counts.not_sent.fetch_add(1, Ordering::Relaxed);
                continue;
            };
            let Some((request, sent)) = offer.next(&client, 0) else {
                counts.not_sent.fetch_add(1, Ordering::Relaxed);
                continue;
            };
            let (counts, offer) = (counts.clone(), offer.clone());
            tokio::spawn(async move {
                let asked = Instant::now();
                let answer = request.send().await;
                let took = asked.elapsed();
                match answer {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                        counts.admitted.fetch_add(1, Ordering::Relaxed);
                        lock(&counts.admitted_latencies).push(took);
                    }
                    Ok(response) if is_shed(&response) => {
                        offer.turned_away(sent);
                        counts.shed.fetch_add(1, Ordering::Relaxed);
                        lock(&counts.shed_latencies).push(took);
                    }
                    Ok(_) => {
                        counts.failed.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => {
                        counts.timed_out.fetch_add(1, Ordering::Relaxed);
                    }
                }
                drop(permit);
            });
        }
        sent = sent.max(due);
    }
    let offered_per_second =
        f64::from(u32::try_from(sent).unwrap_or(u32::MAX)) / start.elapsed().as_secs_f64();
    let (recovered_after_s, last_window) = recovery(&offer, saturating / 2.0, calm_p99_ms).await;
    // Every caller of the spike has had its answer or given up by now.
    let _all = outstanding.acquire_many(OUTSTANDING).await;
    let p99 = |latencies: &Mutex<Vec<Duration>>| percentile(&mut lock(latencies), 99);
    Spike {
        offered_per_second,
        admitted: counts.admitted.load(Ordering::Relaxed),
        shed: counts.shed.load(Ordering::Relaxed),
        failed: counts.failed.load(Ordering::Relaxed),
        timed_out: counts.timed_out.load(Ordering::Relaxed),
        not_sent: counts.not_sent.load(Ordering::Relaxed),
        admitted_p99_ms: p99(&counts.admitted_latencies),
        shed_p99_ms: p99(&counts.shed_latencies),
        recovered_after_s,
        last_window,
    }
}

/// Seconds until a window at `rate` has nothing refused and a p99 at most twice `calm_p99_ms`,
/// and the last window's refusals and p99.
async fn recovery<O: Offer>(
    offer: &Arc<O>,
    rate: f64,
    calm_p99_ms: f64,
) -> (Option<f64>, (u64, f64)) {
    let ended = Instant::now();
    let mut last = (0, f64::NAN);
    while ended.elapsed() < RECOVERY {
        let window = ended.elapsed().as_secs_f64();
        let (_, refused, mut latencies) = run(offer, Some(rate), WINDOW).await;
        last = (refused, percentile(&mut latencies, 99));
        if refused == 0 && last.1 <= 2.0 * calm_p99_ms {
            return (Some(window), last);
        }
    }
    (None, last)
}

/// The `percent`th percentile of `latencies`, in milliseconds (NaN when there are none).
pub fn percentile(latencies: &mut [Duration], percent: usize) -> f64 {
    latencies.sort_unstable();
    let index = latencies.len().saturating_sub(1) * percent / 100;
    latencies.get(index).map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Spike {
    pub fn print(&self, name: &str) {
        let (refused, p99) = self.last_window;
        let recovered = self.recovered_after_s.map_or_else(
            || {
                format!(
                    "not within {} s (last window: {refused} refused, p99 {p99:.1} ms)",
                    RECOVERY.as_secs()
                )
            },
            |s| format!("{s:.1} s"),
        );
        println!(
            "spike on {name}: offered {:.0}/s ({SPIKE_FACTOR}× for {} s): {} admitted (p99 {:.1} ms), \
             {} shed with 503 + Retry-After (p99 {:.1} ms), {} other failures, {} timed out, \
             {} not sent; recovered after {recovered}",
            self.offered_per_second,
            SPIKE.as_secs(),
            self.admitted,
            self.admitted_p99_ms,
            self.shed,
            self.shed_p99_ms,
            self.failed,
            self.timed_out,
            self.not_sent,
        );
    }

    pub fn to_json(&self) -> Value {
        json!({"factor": SPIKE_FACTOR, "seconds": SPIKE.as_secs(),
            "offered_per_second": self.offered_per_second, "admitted": self.admitted,
            "admitted_p99_ms": self.admitted_p99_ms, "shed": self.shed, "shed_p99_ms": self.shed_p99_ms,
            "failed": self.failed, "timed_out": self.timed_out, "not_sent": self.not_sent,
            "recovered_after_s": self.recovered_after_s,
            "last_window": {"refused": self.last_window.0, "p99_ms": self.last_window.1}})
    }
}
