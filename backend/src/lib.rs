//! The Qyzmet server: the JSON API under `/api/v1`, storage, and the built single-page app, in one
//! process.

pub mod api;
pub mod auth;
pub mod config;
pub mod demo;
pub mod digest;
pub mod documents;
pub mod engine;
pub mod error;
pub mod mail;
pub mod password;
pub mod registry;
pub mod signatures;
pub mod status_page;
pub mod store;
pub mod web;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use qyzmet_shared::api::API_PREFIX;
use qyzmet_shared::catalog::{self, Catalog};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::error::AppResult;
use crate::store::Store;

/// What every handler may reach. Cheap to clone; the backend keeps no other state between requests.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub catalog: Arc<Catalog>,
    /// Mark the session cookie `Secure` (sent over HTTPS only); off only for plain-HTTP local runs.
    pub secure_cookies: bool,
    /// The state registries of individuals and legal entities.
    pub registry: Arc<dyn registry::Registry>,
    /// The certification authorities whose signatures the portal accepts, and their CRLs.
    pub trust: Arc<signatures::Trust>,
    /// The built-in test CA when it is trusted: its demo key files are offered for download.
    pub test_ca: Option<Arc<signatures::test_ca::TestCa>>,
    /// The portal's address as people reach it (`https://…`), for the QR codes of result
    /// documents; `run` always sets it (the listen address for a local run), never from a
    /// request's `Host`.
    pub public_url: Option<String>,
    /// The BIN of the portal's operator, which eGov Mobile shows the person as who asks for the
    /// signature (`QYZMET_OPERATOR_BIN`).
    pub operator_bin: Option<String>,
    /// Delivers e-mail notifications; without it they wait in the outbox table.
    pub postman: Option<Arc<mail::Postman>>,
    /// Asks the national CA's OCSP responder whether a signer's certificate is revoked; without
    /// it, the CRLs alone say.
    pub ocsp: Option<Arc<signatures::Ocsp>>,
    /// Timestamps the head's signature of a result (RFC 3161); without it, the signer's own
    /// signing time stands.
    pub tsa: Option<Arc<signatures::Tsa>>,
    /// API calls in flight at most; one more is answered 503 at once (`web::shed_load`).
    pub max_in_flight: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`auth::Client`).
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// The open figures as last counted (`GET /statistics`).
    pub counted_figures: api::statistics::CountedFigures,
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        let registry = Arc::new(registry::Local::new(store.clone()));
        AppState {
            store,
            catalog: Arc::new(catalog::catalog()),
            secure_cookies: true,
            registry,
            trust: Arc::new(signatures::Trust::default()),
            test_ca: None,
            public_url: None,
            operator_bin: None,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            postman: None,
            ocsp: None,
            tsa: None,
            trusted_proxies: Arc::new([]),
            counted_figures: api::statistics::CountedFigures::default(),
        }
    }

    /// Trusts the test CA (besides what the trust store holds) and offers its demo key files.
    pub fn with_test_ca(
        mut self,
        test_ca: signatures::test_ca::TestCa,
        mut trust: signatures::TrustStore,
    ) -> Result<AppState, webpki::Error> {
        trust.add_test_ca(&test_ca)?;
        self.trust = Arc::new(signatures::Trust::new(trust));
        self.test_ca = Some(Arc::new(test_ca));
        Ok(self)
    }

    #[must_use]
    pub fn with_trust(mut self, trust: signatures::TrustStore) -> AppState {
        self.trust = Arc::new(signatures::Trust::new(trust));
        self
    }

    #[must_use]
    pub fn with_postman(mut self, postman: mail::Postman) -> AppState {
        self.postman = Some(Arc::new(postman));
        self
    }

    #[must_use]
    pub fn with_ocsp(mut self, responder: Option<signatures::Responder>) -> AppState {
        self.ocsp = responder.map(|responder| Arc::new(signatures::Ocsp::new(responder)));
        self
    }

    #[must_use]
    pub fn with_trusted_proxies(mut self, proxies: &[std::net::IpAddr]) -> AppState {
        self.trusted_proxies = proxies.into();
        self
    }

    #[must_use]
    pub fn with_tsa(mut self, url: Option<String>) -> AppState {
        self.tsa = url.map(|url| Arc::new(signatures::Tsa::new(url)));
        self
    }

    /// How revocation is judged: by OCSP (the CRLs where they are) when a responder is named,
    /// else by the CRLs alone.
    pub fn revocation(&self) -> signatures::Revocation {
        if self.ocsp.is_some() {
            signatures::Revocation::CrlWhereKnown
        } else {
            signatures::Revocation::Crl
        }
    }

    #[must_use]
    pub fn with_max_in_flight(mut self, limit: usize) -> AppState {
        self.max_in_flight = limit.max(1);
        self
    }

    #[must_use]
    pub fn with_operator_bin(mut self, bin: Option<String>) -> AppState {
        self.operator_bin = bin;
        self
    }

    #[must_use]
    pub fn with_public_url(mut self, url: Option<String>) -> AppState {
        self.public_url = url;
        self
    }

    #[must_use]
    pub fn with_secure_cookies(mut self, secure: bool) -> AppState {
        self.secure_cookies = secure;
        self
    }
}

/// API calls in flight at most, unless configured: several times what the pool of database
/// connections serves at once (4 on SQLite, 16 on PostgreSQL), few enough that what is admitted
/// in a deadline spike is answered in a fraction of a second. At 512 the bench's spike admitted
/// calls with a p99 of 2.7 s on SQLite and 2.9 s on PostgreSQL; at 128, 0.27 s and 0.78 s, and
/// more of them were served.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 128;

/// The whole application: API, app files and headers. Tests serve it on port 0.
pub fn router(state: AppState, dist: &Path) -> Router {
    // Read once: the apps' pages are served from memory and their inline scripts fix the CSP.
    let shells = web::Shells::read(dist);
    let csp = web::content_security_policy(shells.pages());
    let https = state.public_url.as_deref().is_some_and(|url| url.starts_with("https://"));
    let mut app = Router::new()
        .nest(
            API_PREFIX,
            api::router()
                .layer(axum::middleware::from_fn(web::shared_error_body))
                .layer(axum::middleware::from_fn_with_state(state.clone(), web::same_origin))
                .layer(web::not_stored())
                .layer(axum::middleware::from_fn_with_state(
                    web::InFlight::new(state.max_in_flight),
                    web::shed_load,
                )),
        )
        .merge(web::spa(dist, shells))
        // Innermost, so that the answer to a panic carries the headers of any other.
        .layer(web::catch_panics());
    for layer in web::security_headers(&csp, https) {
        app = app.layer(layer);
    }
    app.layer(CompressionLayer::new()).layer(TraceLayer::new_for_http()).with_state(state)
}

/// Serves the app on a bound listener until the process is told to stop.
pub async fn serve(listener: TcpListener, app: Router) -> std::io::Result<()> {
    // The client's address feeds the sign-in rate limit.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler can be installed");
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// Opens the store, seeds the demo when asked, and serves until stopped.
pub async fn run(config: Config) -> AppResult<()> {
    config.check().map_err(std::io::Error::other)?;
    if !config.dist.join("index.html").is_file() {
        tracing::warn!(dist = %config.dist.display(), "no built app here: only the API will answer; build it with `cargo xtask run`");
    }
    let audit_key = config.audit_key().map_err(std::io::Error::other)?;
    let store = Store::open_sealed(&config.database_url()?, audit_key).await?;
    if config.demo {
        demo::seed(&store).await?;
    }
    // What it trusts is read before it listens: a trust directory that does not read stops it.
    let state = trusting(&config, AppState::new(store.clone()), &store)
        .await?
        .with_secure_cookies(!config.insecure_cookies)
        .with_public_url(Some(config.public_origin()))
        .with_operator_bin(config.operator().map(str::to_owned))
        .with_max_in_flight(config.max_in_flight)
        .with_ocsp(config.ocsp_url.clone())
        .with_tsa(config.tsa_url.clone())
        .with_trusted_proxies(&config.trusted_proxy)
        .with_postman(config.postman().map_err(|e| std::io::Error::other(e.to_string()))?);
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    println!("Qyzmet is running at http://{addr}/ (database: {})", store.backend().name());
    if config.demo {
        print!("{}", demo::describe());
    }
    // What waited in the outbox when the server last stopped goes out now, and retries as they
    // come due.
    mail::keep_delivering(&state);
    store::audit::keep_checkpointing(store.clone());
    refresh_trust(&config, &state);
    serve(listener, router(state, &config.dist)).await?;
    store.close().await;
    Ok(())
}

/// What the configuration trusts, read now: the trust directory's CAs and CRLs, and the test CA
/// when it is trusted.
pub fn trust_store(
    trust_dir: Option<&Path>,
    test_ca: Option<&signatures::test_ca::TestCa>,
    revocation: signatures::Revocation,
) -> Result<signatures::TrustStore, String> {
    let mut trust = signatures::TrustStore::default();
    if let Some(directory) = trust_dir {
        trust.add_directory(directory, revocation).map_err(|e| e.to_string())?;
    }
    if let Some(test_ca) = test_ca {
        trust.add_test_ca(test_ca).map_err(|e| format!("the test CA: {e}"))?;
    }
    Ok(trust)
}

/// Reads the trust directory again every `--crl-refresh` seconds and on SIGHUP, so that the CRLs
/// put there (by cron, say, from the national CA's addresses) take effect without a restart. A
/// directory that no longer reads keeps the trust in force, with an error in the log.
fn refresh_trust(config: &Config, state: &AppState) {
    let Some(directory) = config.trust_dir.clone() else { return };
    let (trust, test_ca) = (Arc::clone(&state.trust), state.test_ca.clone());
    let revocation = revocation(config);
    let every = std::time::Duration::from_secs(config.crl_refresh.max(1));
    tokio::spawn(async move {
        let mut timer = tokio::time::interval(every);
        timer.tick().await;
        #[cfg(unix)]
        let mut hangup =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
        loop {
            #[cfg(unix)]
            {
                let hangup = async {
                    match hangup.as_mut() {
                        Some(signal) => signal.recv().await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! { _ = timer.tick() => {}, _ = hangup => {} }
            }
            #[cfg(not(unix))]
            timer.tick().await;
            match trust_store(Some(&directory), test_ca.as_deref(), revocation) {
                Ok(store) => {
                    trust.replace(store);
                    tracing::info!(directory = %directory.display(), "trust directory read again");
                }
                Err(error) => {
                    tracing::error!(%error, "the trust directory did not read; the trust in force stays");
                }
            }
        }
    });
}

/// How the configuration judges revocation: by an OCSP responder when one is named (CRLs where
/// they are), else by CRLs alone.
fn revocation(config: &Config) -> signatures::Revocation {
    if config.ocsp_url.is_some() {
        signatures::Revocation::CrlWhereKnown
    } else {
        signatures::Revocation::Crl
    }
}

/// The state trusting what the configuration names: the trust directory's CAs and CRLs, and the
/// test CA (with `--demo` or `--test-ca`).
async fn trusting(config: &Config, state: AppState, store: &Store) -> AppResult<AppState> {
    let trust = trust_store(config.trust_dir.as_deref(), None, revocation(config))
        .map_err(std::io::Error::other)?;
    if config.demo || config.test_ca {
        let test_ca = demo::test_ca(store).await?;
        return Ok(state
            .with_test_ca(test_ca, trust)
            .map_err(|e| std::io::Error::other(e.to_string()))?);
    }
    if trust.is_empty() {
        tracing::warn!(
            "no trusted certification authority: every signature will be refused; set QYZMET_TRUST_DIR"
        );
    }
    Ok(state.with_trust(trust))
}

/// `qyzmet backup FILE`: the configured store, copied whole into `file`.
pub async fn backup(config: &Config, file: &Path) -> AppResult<()> {
    let audit_key = config.audit_key().map_err(std::io::Error::other)?;
    let store = Store::open_sealed(&config.database_url()?, audit_key).await?;
    let written = store.backup_to(file).await;
    store.close().await;
    written
}

/// `qyzmet restore FILE`: the backup in `file`, restored into the configured (empty) database.
pub async fn restore(config: &Config, file: &Path) -> AppResult<store::Restored> {
    let audit_key = config.audit_key().map_err(std::io::Error::other)?;
    store::restore(file, &config.database_url()?, audit_key).await
}

/// `qyzmet verify-audit`: what the walk of the configured database's audit log found, and its
/// newest checkpoint.
pub async fn verify_audit(
    config: &Config,
) -> AppResult<(store::AuditCheck, Option<store::Checkpoint>)> {
    let audit_key = config.audit_key().map_err(std::io::Error::other)?;
    let store = Store::open_sealed(&config.database_url()?, audit_key).await?;
    let check = store.audit().verify().await;
    let checkpoint = store.audit().last_checkpoint().await;
    store.close().await;
    Ok((check?, checkpoint?))
}
