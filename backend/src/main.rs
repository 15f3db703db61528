//! `qyzmet`: starts the portal. Everything it does lives in the library; this only reads the
//! configuration and hands over.

use clap::Parser;
use qyzmet_backend::config::{Cli, Command};
use qyzmet_backend::store::AuditCheck;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "qyzmet_backend=info,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => qyzmet_backend::run(cli.config).await.map(|()| true),
        Command::VerifyAudit => {
            qyzmet_backend::verify_audit(&cli.config).await.map(|(check, checkpoint)| {
                let intact = report(&check);
                if let (true, Some(checkpoint)) = (intact, checkpoint) {
                    println!(
                        "latest checkpoint {} over {} entries: the hash the server logged as `audit checkpoint`",
                        checkpoint.hash, checkpoint.entries
                    );
                }
                intact
            })
        }
        Command::Backup { file } => qyzmet_backend::backup(&cli.config, &file).await.map(|()| {
            println!("backup written to {}", file.display());
            true
        }),
        Command::Restore { file } => {
            qyzmet_backend::restore(&cli.config, &file).await.map(|restored| {
                println!("restored {} requests from {}", restored.requests, file.display());
                report(&restored.audit)
            })
        }
    };
    match outcome {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(err) => {
            eprintln!("qyzmet: {err}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Prints what the audit chain's walk found; whether it holds.
fn report(check: &AuditCheck) -> bool {
    match check {
        AuditCheck::Intact { entries } => println!("audit log intact: {entries} entries"),
        AuditCheck::BrokenAt { seq, reason } => {
            println!("audit log broken at entry {seq}: it {reason}");
        }
        AuditCheck::Truncated { entries, expected } => {
            println!("audit log cut short: {entries} entries where {expected} were written");
        }
        AuditCheck::NeedsKey => {
            println!("audit log sealed with a key: give it in QYZMET_AUDIT_KEY(_FILE)");
        }
        AuditCheck::NotSealed { entries } => {
            println!("audit log not sealed with this key: {entries} entries, none sealed with it");
        }
    }
    matches!(check, AuditCheck::Intact { .. })
}
