//! Settings, from flags or the environment (flags win).

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Parser)]
#[command(name = "qyzmet", about = "The Qyzmet state-services portal")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Clone, Copy, clap::Subcommand)]
pub enum Command {
    /// Serve the portal (what runs without a command).
    Serve,
    /// Walk the audit log's hash chain and name the first entry that does not hold; exits 1 then.
    VerifyAudit,
}

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "QYZMET_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Directory for the embedded SQLite database and other files the portal keeps.
    #[arg(long, env = "QYZMET_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// A PostgreSQL URL (`postgres://…`); without it the portal uses SQLite in the data directory.
    #[arg(long, env = "DATABASE_URL")]
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

    /// Send e-mail notifications over SMTP (`smtps://user:password@host:465`); without it they
    /// are written to the outbox folder.
    #[arg(long, env = "QYZMET_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The folder e-mail notifications are written to (`.eml` files) when no SMTP server is
    /// given; by default `outbox` in the data directory.
    #[arg(long, env = "QYZMET_OUTBOX")]
    pub outbox: Option<PathBuf>,

    /// The sender of e-mail notifications.
    #[arg(long, env = "QYZMET_MAIL_FROM", default_value = "Qyzmet <noreply@qyzmet.kz>")]
    pub mail_from: String,
}

impl Config {
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
        std::fs::create_dir_all(&self.data_dir)?;
        let file = std::path::absolute(self.data_dir.join("qyzmet.sqlite3"))?;
        Ok(format!("sqlite://{}?mode=rwc", file.display()))
    }
}
