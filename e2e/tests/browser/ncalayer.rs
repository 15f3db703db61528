//! A stand-in for NCALayer: a WebSocket server over TLS at NCALayer's address that greets as
//! NCALayer does, reads each call as plain JSON against the protocol NCALayer documents (not
//! through the portal's own types, so a mistake in those cannot hide), and answers as the person
//! would in its window: signing with the key they hold, or closing the window.
//!
//! Its TLS key is made once per test run, and every test browser trusts exactly that key
//! (Chromium's `--ignore-certificate-errors-spki-list`), as a real browser trusts NCALayer's
//! certificate through the root NCALayer installs.

use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use futures::{SinkExt as _, StreamExt as _};
use qyzmet_backend::signatures::test_ca::IssuedKey;
use qyzmet_shared::eds::{Content, SigningKey, sign};
use rcgen::PublicKeyData as _;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::MutexGuard;
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_tungstenite::tungstenite::Message;

/// Where NCALayer listens on every computer it runs on.
const ADDRESS: &str = "127.0.0.1:13579";

struct Identity {
    certificate: Vec<u8>,
    key: Vec<u8>,
    /// base64 of SHA-256 of the public key (`SubjectPublicKeyInfo`), as Chromium's flag takes it.
    public_key_hash: String,
}

static IDENTITY: LazyLock<Identity> = LazyLock::new(|| {
    let key = rcgen::KeyPair::generate().unwrap();
    let certificate = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    Identity {
        certificate: certificate.der().to_vec(),
        key: key.serialize_der(),
        public_key_hash: STANDARD.encode(Sha256::digest(key.subject_public_key_info())),
    }
});

/// The hash of the stand-in's TLS key, for the browser to trust it.
pub fn trusted_key() -> &'static str {
    &IDENTITY.public_key_hash
}

/// One port, many tests: those that need NCALayer, or need it absent, take turns.
static PORT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What the person does in NCALayer's window.
#[derive(Clone)]
pub enum Person {
    /// Picks this key (from a key file, a card or a token) and types its password.
    Signs(IssuedKey),
    /// Closes the window.
    Cancels,
}

/// NCALayer's port, reserved for one test; listening once started.
pub struct NcaLayer {
    _turn: MutexGuard<'static, ()>,
    server: Option<JoinHandle<()>>,
    calls: Arc<Mutex<Vec<Value>>>,
    /// What went wrong on a connection, besides the browser closing it: a failed TLS handshake, a
    /// call that is not JSON. `calls` fails on any.
    faults: Arc<Mutex<Vec<String>>>,
}

impl NcaLayer {
    /// The port reserved, nothing listening: a computer where NCALayer is not running.
    pub async fn absent() -> NcaLayer {
        NcaLayer {
            _turn: PORT.lock().await,
            server: None,
            calls: Arc::default(),
            faults: Arc::default(),
        }
    }

    /// Starts NCALayer (again); in its window the person will act as `person`.
    pub async fn start(&mut self, person: Person) {
        self.stop().await;
        let listener = bind().await;
        let acceptor = TlsAcceptor::from(Arc::new(tls()));
        let (calls, faults) = (self.calls.clone(), self.faults.clone());
        self.server = Some(tokio::spawn(async move {
            // Owned here, so stopping the server ends its connections too.
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let (acceptor, calls, person) = (acceptor.clone(), calls.clone(), person.clone());
                let faults = faults.clone();
                connections.spawn(async move {
                    if let Err(fault) = serve(stream, acceptor, &calls, &person).await
                        && !closed_by_the_browser(fault.as_ref())
                    {
                        faults.lock().unwrap().push(fault.to_string());
                    }
                });
            }
        }));
    }

    /// Quits NCALayer.
    pub async fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
            let _ = server.await;
        }
    }

    /// Every call the portal made, as sent; it fails if a connection went wrong.
    pub fn calls(&self) -> Vec<Value> {
        let faults = self.faults.lock().unwrap();
        assert!(faults.is_empty(), "NCALayer's connections went wrong: {faults:?}");
        self.calls.lock().unwrap().clone()
    }
}

impl Drop for NcaLayer {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
        }
        let faults = self.faults.lock().unwrap();
        assert!(
            std::thread::panicking() || faults.is_empty(),
            "NCALayer's connections went wrong: {faults:?}"
        );
    }
}

/// The port, once a stopped stand-in has let it go.
async fn bind() -> TcpListener {
    let start = Instant::now();
    loop {
        match TcpListener::bind(ADDRESS).await {
            Ok(listener) => return listener,
            Err(e) if start.elapsed() > Duration::from_secs(10) => {
                panic!("cannot listen on NCALayer's address {ADDRESS}: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

fn tls() -> ServerConfig {
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(IDENTITY.key.clone()));
    ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![CertificateDer::from(IDENTITY.certificate.clone())], key)
        .unwrap()
}

/// One connection: the greeting, then an answer to each call.
async fn serve(
    stream: TcpStream,
    acceptor: TlsAcceptor,
    calls: &Mutex<Vec<Value>>,
    person: &Person,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let stream = acceptor.accept(stream).await?;
    let mut socket = tokio_tungstenite::accept_async(stream).await?;
    socket.send(Message::text(json!({"result": {"version": "1.4"}}).to_string())).await?;
    while let Some(message) = socket.next().await {
        let Message::Text(text) = message? else { continue };
        let call: Value = serde_json::from_str(text.as_str())?;
        calls.lock().unwrap().push(call.clone());
        socket.send(Message::text(answer(&call, person).to_string())).await?;
    }
    Ok(())
}

/// Whether a connection ended only because the page closed it (it went to another page, or the
/// test ended): nothing the portal did wrong.
fn closed_by_the_browser(fault: &(dyn std::error::Error + Send + Sync + 'static)) -> bool {
    use tokio_tungstenite::tungstenite::Error;
    use tokio_tungstenite::tungstenite::error::ProtocolError;
    match fault.downcast_ref::<Error>() {
        Some(
            Error::ConnectionClosed
            | Error::AlreadyClosed
            | Error::Protocol(ProtocolError::ResetWithoutClosingHandshake),
        ) => true,
        Some(Error::Io(e)) => matches!(
            e.kind(),
            std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::BrokenPipe
                | std::io::ErrorKind::UnexpectedEof
        ),
        _ => false,
    }
}

/// What NCALayer answers to `call`.
fn answer(call: &Value, person: &Person) -> Value {
    let refuse = |message: &str| json!({"status": false, "code": "500", "message": message});
    if call["module"] != "kz.gov.pki.knca.basics" || call["method"] != "sign" {
        return refuse("unknown module or method");
    }
    let args = &call["args"];
    let params = &args["signingParams"];
    if args["format"] != "cms" || params["decode"] != true || params["digested"] == true {
        return refuse("only CMS over base64 data is expected here");
    }
    let key = match person {
        Person::Cancels => return json!({"status": true, "body": {}}),
        Person::Signs(key) => key,
    };
    // NCALayer offers only the keys the call allows: of this IIN or BIN, with these usages.
    let signer = &args["signerParams"];
    let usages = signer["extKeyUsageOids"].as_array().cloned().unwrap_or_default();
    let usage = match key.purpose {
        qyzmet_shared::signature::Purpose::Signing => "1.3.6.1.5.5.7.3.4",
        qyzmet_shared::signature::Purpose::Authentication => "1.3.6.1.5.5.7.3.2",
    };
    let wrong_person = signer["iin"].as_str().is_some_and(|iin| iin != key.iin);
    if !usages.iter().any(|u| u == usage) || wrong_person {
        return refuse("no key in the storage fits the call");
    }
    let Some(data) = args["data"].as_str().and_then(|d| STANDARD.decode(d).ok()) else {
        return refuse("data is not base64");
    };
    let content = if params["encapsulate"] == true { Content::Attached } else { Content::Detached };
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
    let cms =
        sign(&data, &key.certificate, &signing_key, crate::harness::portal_now(), content).unwrap();
    json!({"status": true, "body": {"result": [STANDARD.encode(cms)]}})
}
