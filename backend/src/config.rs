//! Settings, from flags or the environment (flags win).

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::store::AuditKey;

#[derive(Debug, Clone, clap::Parser)]
#[command(name = "qyzmet", about = "The Qyzmet state-services portal")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Serve the portal (what runs without a command).
    Serve,
    /// Walk the audit log's hash chain and name the first entry that does not hold; exits 1 then.
    VerifyAudit,
    /// Copy the whole store into a new file while the portal runs (SQLite: `VACUUM INTO`;
    /// PostgreSQL: `pg_dump`, custom format).
    Backup {
        /// The backup file to write; it must not exist yet.
        file: PathBuf,
    },
    /// Restore a backup into the configured database, which must be empty (SQLite: no database
    /// file yet), then walk its audit chain; exits 1 when the chain does not hold.
    Restore {
        /// The backup file to read.
        file: PathBuf,
    },
}

#[derive(Debug, Clone, clap::Args)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "command-line switches, each one a flag people set"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "QYZMET_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Directory for the embedded SQLite database and other files the portal keeps.
    #[arg(long, env = "QYZMET_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// A PostgreSQL URL (`postgres://…`); without it the portal uses SQLite in the data directory.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// The built single-page app (Trunk's `dist/`).
    #[arg(long, env = "QYZMET_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Send the session cookie over plain HTTP too (local runs without TLS; never in production).
    #[arg(long, env = "QYZMET_INSECURE_COOKIES")]
    pub insecure_cookies: bool,

    /// Seed the demo accounts (never in production). Trusts the test CA too.
    #[arg(long, env = "QYZMET_DEMO")]
    pub demo: bool,

    /// Trust the built-in test certification authority, alongside the trust directory (never in
    /// production).
    #[arg(long, env = "QYZMET_TEST_CA")]
    pub test_ca: bool,

    /// A directory of trusted CA certificates (`*.pem`, `*.crt`, `*.cer`, PEM or DER) and their
    /// revocation lists (`*.crl`): the national CA's, in production.
    #[arg(long, env = "QYZMET_TRUST_DIR")]
    pub trust_dir: Option<PathBuf>,

    /// How often (seconds) the trust directory is read again for fresh CRLs; SIGHUP reads it at
    /// once.
    #[arg(long, env = "QYZMET_CRL_REFRESH", default_value_t = 3600)]
    pub crl_refresh: u64,

    /// The national CA's OCSP responder (`http://ocsp.pki.gov.kz`), asked whether a signer's
    /// certificate is revoked, with the CRLs as the fallback when it gives no answer; `aia` asks
    /// the responder each certificate names. A CA in the trust directory may then come without a
    /// CRL.
    #[arg(long, env = "QYZMET_OCSP_URL", value_parser = crate::signatures::Responder::parse)]
    pub ocsp_url: Option<crate::signatures::Responder>,

    /// The time-stamping authority (RFC 3161 over HTTP; NCA's is `http://tsp.pki.gov.kz`) that
    /// timestamps the head's signature of every result; while it does not answer, results are not
    /// signed.
    #[arg(long, env = "QYZMET_TSA_URL")]
    pub tsa_url: Option<String>,

    /// The portal's public address (`https://qyzmet.example.kz`), printed in the QR codes of
    /// result documents; without it, the address each request came to.
    #[arg(long, env = "QYZMET_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// API calls served at once at most; past it, a call is answered 503 with `Retry-After`
    /// at once instead of waiting in a queue.
    #[arg(long, env = "QYZMET_MAX_IN_FLIGHT", default_value_t = crate::DEFAULT_MAX_IN_FLIGHT)]
    pub max_in_flight: usize,

    /// The BIN of the organisation that runs the portal: eGov Mobile shows it to the person as
    /// who asks for their signature (the demo uses its own).
    #[arg(long, env = "QYZMET_OPERATOR_BIN", value_parser = operator_bin)]
    pub operator_bin: Option<String>,

    /// Send e-mail notifications over SMTP (`smtps://user:password@host:465`); without it they
    /// are written to the outbox folder.
    #[arg(long, env = "QYZMET_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The folder e-mail notifications are written to (`.eml` files) when no SMTP server is
    /// given; by default `outbox` in the data directory.
    #[arg(long, env = "QYZMET_OUTBOX")]
    pub outbox: Option<PathBuf>,

    /// The sender of e-mail notifications.
    #[arg(long, env = "QYZMET_MAIL_FROM", default_value = "Qyzmet <noreply@qyzmet.kz>")]
    pub mail_from: String,

    /// The reverse proxies (addresses, comma-separated) in front of the portal: from them, the
    /// last `X-Forwarded-For` address is the client the per-address limits count.
    #[arg(long, env = "QYZMET_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<std::net::IpAddr>,

    /// The secret the audit log is sealed with (HMAC-SHA-256), at least 32 bytes, kept outside
    /// the database; required at an https public address.
    #[arg(
        long,
        env = "QYZMET_AUDIT_KEY",
        hide_env_values = true,
        conflicts_with = "audit_key_file"
    )]
    pub audit_key: Option<String>,

    /// A file holding the audit key (its content, surrounding whitespace trimmed).
    #[arg(long, env = "QYZMET_AUDIT_KEY_FILE")]
    pub audit_key_file: Option<PathBuf>,

    /// Let `--demo` or `--test-ca` run at an https public address (a staging copy): by default
    /// they refuse to, since anyone can download the test CA's keys.
    #[arg(long, env = "QYZMET_NOT_PRODUCTION")]
    pub i_know_this_is_not_production: bool,
}

/// A setting the portal refuses to start with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "--demo and --test-ca trust a test CA whose keys anyone can download, and --demo seeds \
         accounts with a published password: they refuse to run at an https public address \
         ({0}). Drop them, or pass --i-know-this-is-not-production for a staging copy"
    )]
    TestTrustInProduction(String),
    #[error("the public URL {0:?} is not an http:// or https:// address without a path")]
    PublicUrl(String),
    #[error(
        "at an https public address ({0}) the audit log must be sealed: give a key of at least \
         32 bytes in QYZMET_AUDIT_KEY or QYZMET_AUDIT_KEY_FILE"
    )]
    NoAuditKey(String),
    #[error("the audit key: {0}")]
    AuditKey(String),
}

/// A BIN, as the operator's must be.
fn operator_bin(text: &str) -> Result<String, String> {
    match qyzmet_shared::IdNumber::parse(text) {
        Ok(bin @ qyzmet_shared::IdNumber::Bin(_)) => Ok(bin.to_string()),
        _ => Err(format!("{text:?} is not a BIN")),
    }
}

impl Config {
    /// Refuses what must not run: test trust at a production address, a public URL that is not
    /// one.
    pub fn check(&self) -> Result<(), ConfigError> {
        if let Some(url) = &self.public_url {
            let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
            if rest.is_none_or(|host| {
                host.trim_end_matches('/').is_empty() || host.trim_end_matches('/').contains('/')
            }) {
                return Err(ConfigError::PublicUrl(url.clone()));
            }
            let test_trust = self.demo || self.test_ca;
            if test_trust && url.starts_with("https://") && !self.i_know_this_is_not_production {
                return Err(ConfigError::TestTrustInProduction(url.clone()));
            }
            let production = url.starts_with("https://") && !self.i_know_this_is_not_production;
            if production && !self.audit_key()?.is_set() {
                return Err(ConfigError::NoAuditKey(url.clone()));
            }
        }
        Ok(())
    }

    /// The audit key given, from the environment or its file; none in a local run.
    pub fn audit_key(&self) -> Result<AuditKey, ConfigError> {
        let secret = match (&self.audit_key, &self.audit_key_file) {
            (Some(key), _) => key.trim().as_bytes().to_vec(),
            (None, Some(file)) => std::fs::read(file)
                .map_err(|e| ConfigError::AuditKey(format!("{}: {e}", file.display())))?
                .trim_ascii()
                .to_vec(),
            (None, None) => return Ok(AuditKey::default()),
        };
        AuditKey::new(&secret).map_err(|short| ConfigError::AuditKey(short.to_string()))
    }

    /// The address the QR codes of documents lead to: the public URL, or else the address the
    /// portal listens on (a local run) — never the `Host` a request names, which anyone sets.
    pub fn public_origin(&self) -> String {
        self.public_url.clone().map_or_else(
            || format!("http://{}", self.addr),
            |url| url.trim_end_matches('/').to_owned(),
        )
    }

    /// The operator's BIN: as configured, or the demo's in a demo.
    pub fn operator(&self) -> Option<&str> {
        self.operator_bin.as_deref().or(self.demo.then_some(crate::demo::DEMO_OPERATOR_BIN))
    }

    /// Who delivers e-mail notifications: SMTP when configured, else the outbox folder.
    pub fn postman(&self) -> Result<crate::mail::Postman, crate::mail::PostmanError> {
        if let Some(url) = &self.smtp_url {
            return crate::mail::Postman::smtp(url, &self.mail_from);
        }
        let folder = self.outbox.clone().unwrap_or_else(|| self.data_dir.join("outbox"));
        crate::mail::Postman::folder(folder, &self.mail_from)
    }

    /// The database to use: `DATABASE_URL` when given, else an SQLite file in the data directory.
    pub fn database_url(&self) -> std::io::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        private_directory(&self.data_dir)?;
        let file = std::path::absolute(self.data_dir.join("qyzmet.sqlite3"))?;
        Ok(format!("sqlite://{}?mode=rwc", file.display()))
    }
}

/// Creates a directory only its owner may enter (0700 on Unix): the data directory and the outbox
/// hold personal data.
pub fn private_directory(path: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;

    fn config(args: &[&str]) -> Config {
        Cli::parse_from([&["qyzmet"], args].concat()).config
    }

    #[test]
    fn test_trust_refuses_a_production_address() {
        let demo = config(&["--demo", "--public-url", "https://qyzmet.gov.kz"]);
        assert!(matches!(demo.check(), Err(ConfigError::TestTrustInProduction(_))));
        let test_ca = config(&["--test-ca", "--public-url", "https://qyzmet.gov.kz"]);
        assert!(test_ca.check().is_err());
        let staging = config(&[
            "--demo",
            "--public-url",
            "https://staging.qyzmet.kz",
            "--i-know-this-is-not-production",
        ]);
        assert_eq!(staging.check(), Ok(()));
        assert_eq!(config(&["--demo"]).check(), Ok(()));
    }

    #[test]
    fn an_https_address_needs_an_audit_key_of_32_bytes_from_the_environment_or_a_file() {
        let bare = config(&["--public-url", "https://qyzmet.gov.kz/"]);
        assert!(matches!(bare.check(), Err(ConfigError::NoAuditKey(_))));
        let key = "k".repeat(32);
        let keyed = config(&["--public-url", "https://qyzmet.gov.kz/", "--audit-key", &key]);
        assert_eq!(keyed.check(), Ok(()));
        assert!(keyed.audit_key().unwrap().is_set());
        let short = config(&["--public-url", "https://qyzmet.gov.kz/", "--audit-key", "short"]);
        assert!(matches!(short.check(), Err(ConfigError::AuditKey(_))));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("audit.key");
        std::fs::write(&file, format!("{key}\n")).unwrap();
        let from_file = config(&["--audit-key-file", file.to_str().unwrap()]);
        assert!(from_file.audit_key().unwrap().is_set());
        let missing = config(&["--audit-key-file", "/nonexistent/audit.key"]);
        assert!(matches!(missing.audit_key(), Err(ConfigError::AuditKey(_))));
        // A local run needs none.
        assert!(!config(&[]).audit_key().unwrap().is_set());
    }

    #[test]
    fn a_public_url_is_an_address() {
        for wrong in ["qyzmet.kz", "ftp://qyzmet.kz", "https://", "https://qyzmet.kz/portal"] {
            assert!(config(&["--public-url", wrong]).check().is_err(), "{wrong}");
        }
        let local = config(&["--addr", "127.0.0.1:9000"]);
        assert_eq!(local.public_origin(), "http://127.0.0.1:9000");
        let public = config(&["--public-url", "https://qyzmet.gov.kz/"]);
        assert_eq!(public.public_origin(), "https://qyzmet.gov.kz");
    }

    #[test]
    fn the_data_directory_is_its_owners_alone() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        private_directory(&data).unwrap();
        let mode = std::fs::metadata(&data).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
