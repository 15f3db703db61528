//! Backups of the whole store, and their restoring into an empty database.
//!
//! SQLite is copied with `VACUUM INTO`: one consistent file, taken while the portal runs. A
//! PostgreSQL database is dumped with `pg_dump` in its custom format and restored with
//! `pg_restore` (the PostgreSQL client programs must be on the `PATH`). A restore never writes
//! over data: the target must be empty, and the restored store is opened (its migrations brought
//! up to date) and its audit chain walked before the restore is called done.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{AuditCheck, AuditKey, Backend, Store};
use crate::error::{AppError, AppResult};

/// What a finished backup or restore found in the store it wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub requests: i64,
    pub audit: AuditCheck,
}

impl Store {
    /// Writes the whole store to `file`, which must not exist yet.
    pub async fn backup_to(&self, file: &Path) -> AppResult<()> {
        if file.exists() {
            return Err(refused(format!("{} exists already; name a new file", file.display())));
        }
        match self.backend {
            Backend::Sqlite => {
                let target =
                    file.to_str().ok_or_else(|| refused("the backup's path is not UTF-8"))?;
                sqlx::query("VACUUM INTO $1").bind(target).execute(&self.pool).await?;
            }
            Backend::Postgres => {
                let url = self.pool.connect_options().database_url.to_string();
                let mut dump = Command::new("pg_dump");
                dump.args(["--format=custom", "--no-owner", "--file"]).arg(file).arg(url);
                run(dump, "pg_dump").await?;
            }
        }
        owner_only(file).await
    }
}

/// Restores the backup in `file` into the empty database at `url` (for SQLite, a file that does
/// not exist yet), then opens it with `audit_key` and walks its audit chain.
pub async fn restore(file: &Path, url: &str, audit_key: AuditKey) -> AppResult<Restored> {
    if !file.is_file() {
        return Err(refused(format!("no backup at {}", file.display())));
    }
    let backend = Backend::from_url(url)
        .ok_or_else(|| refused("the database URL must start with sqlite: or postgres:"))?;
    match backend {
        Backend::Sqlite => {
            let target = sqlite_file(url).ok_or_else(|| refused("no file in the SQLite URL"))?;
            if target.exists() {
                return Err(refused(format!(
                    "{} exists already: move it aside, then restore",
                    target.display()
                )));
            }
            // Copied beside the target and renamed: a restore cut short leaves no half file.
            let partial = target.with_extension("restoring");
            tokio::fs::copy(file, &partial).await?;
            tokio::fs::rename(&partial, &target).await?;
        }
        Backend::Postgres => {
            if !postgres_is_empty(url).await? {
                return Err(refused("the target database has tables: restore into an empty one"));
            }
            let mut load = Command::new("pg_restore");
            load.args(["--no-owner", "--exit-on-error", "--single-transaction", "--dbname"])
                .arg(url)
                .arg(file);
            run(load, "pg_restore").await?;
        }
    }
    let store = Store::open_sealed(url, audit_key).await?;
    let requests =
        sqlx::query_scalar("SELECT COUNT(*) FROM requests").fetch_one(&store.pool).await?;
    let audit = store.audit().verify().await?;
    store.close().await;
    Ok(Restored { requests, audit })
}

/// The file a `sqlite:` URL names.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().filter(|path| !path.is_empty() && *path != ":memory:")?;
    Some(PathBuf::from(path))
}

async fn postgres_is_empty(url: &str) -> AppResult<bool> {
    use sqlx::Connection as _;
    let mut conn = sqlx::PgConnection::connect(url).await?;
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
    )
    .fetch_one(&mut conn)
    .await?;
    conn.close().await?;
    Ok(tables == 0)
}

/// Runs one of PostgreSQL's client programs off the async workers; its own words on failure.
async fn run(mut command: Command, program: &'static str) -> AppResult<()> {
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .map_err(std::io::Error::other)?
        .map_err(|e| {
            refused(format!(
                "{program} did not start ({e}): install the PostgreSQL client programs"
            ))
        })?;
    if output.status.success() {
        Ok(())
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        Err(refused(format!("{program} failed: {}", said.trim())))
    }
}

/// The backup holds everyone's personal data: only its owner reads it (0600 on Unix).
async fn owner_only(file: &Path) -> AppResult<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        tokio::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).await?;
    }
    Ok(())
}

fn refused(why: impl Into<String>) -> AppError {
    AppError::Io(std::io::Error::other(why.into()))
}
