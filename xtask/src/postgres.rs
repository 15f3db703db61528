//! A throw-away PostgreSQL server for the tests and the bench: `initdb` in a temporary
//! directory, a free loopback port, stopped and deleted when dropped.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use crate::{shell, tools};

/// PostgreSQL refuses to run as root; as root we run it as this system user.
const SERVICE_USER: &str = "postgres";

/// Whether the server makes each commit durable.
#[derive(Clone, Copy)]
pub enum Durability {
    /// Test data is disposable, so the server skips `fsync`; the tests run faster.
    Disposable,
    /// PostgreSQL's defaults, as the portal runs in production: the bench measures commits that
    /// are on disk when acknowledged.
    Durable,
}

pub struct TempServer {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl TempServer {
    pub fn start(durability: Durability) -> Result<TempServer> {
        let bin = tools::ensure_postgres()?;
        shell::step("starting a temporary PostgreSQL server");
        let dir = std::env::temp_dir().join(format!("qyzmet-pg-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let as_root = shell::is_root();
        if as_root {
            ensure_service_user()?;
            shell::status(Command::new("chown").arg(SERVICE_USER).arg(&dir))?;
        }
        let port = free_port()?;
        let server = TempServer { bin, dir, port };
        let data = server.dir.join("data");
        server.pg(
            as_root,
            "initdb",
            &[
                "-D",
                &data.to_string_lossy(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        )?;
        let mut options =
            format!("-c listen_addresses=127.0.0.1 -p {port} -k {}", server.dir.display());
        if let Durability::Disposable = durability {
            options.push_str(" -c fsync=off -c full_page_writes=off");
        }
        server.pg(
            as_root,
            "pg_ctl",
            &[
                "-D",
                &data.to_string_lossy(),
                "-l",
                &server.dir.join("log").to_string_lossy(),
                "-o",
                &options,
                "-w",
                "-t",
                "60",
                "start",
            ],
        )?;
        Ok(server)
    }

    /// The admin URL; each test creates its own database through it.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn pg(&self, as_root: bool, program: &str, args: &[&str]) -> Result<()> {
        let program = self.bin.join(program);
        let mut command = if as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", SERVICE_USER, "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        command.args(args).current_dir(&self.dir).stdout(std::process::Stdio::null());
        shell::status(&mut command)
    }
}

impl Drop for TempServer {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let stopped = self.pg(
            shell::is_root(),
            "pg_ctl",
            &["-D", &data.to_string_lossy(), "-m", "fast", "-w", "stop"],
        );
        if let Err(err) = stopped {
            eprintln!("xtask: stopping the temporary PostgreSQL: {err:#}");
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn ensure_service_user() -> Result<()> {
    if shell::output("id", &["-u", SERVICE_USER]).is_none() {
        shell::status(Command::new("useradd").args(["--system", "--no-create-home", SERVICE_USER]))
            .context("creating the postgres system user")?;
    }
    Ok(())
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
