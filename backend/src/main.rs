//! `qyzmet`: starts the portal. Everything it does lives in the library; this only reads the
//! configuration and hands over.

use clap::Parser;
use qyzmet_backend::config::Config;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "qyzmet_backend=info,tower_http=warn".into()),
        )
        .init();
    match qyzmet_backend::run(Config::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("qyzmet: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
