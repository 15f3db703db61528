//! Running commands, loudly: each step says what it does, and a failure names the command.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

pub fn step(what: &str) {
    eprintln!("\n==> {what}");
}

pub fn status(command: &mut Command) -> Result<()> {
    let status = command.status().with_context(|| format!("could not start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}

/// Runs a command and returns its standard output, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn cargo_command(root: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(root).args(args);
    command
}

pub fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    status(&mut cargo_command(root, args))
}

pub fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

/// Installs Debian packages (updating the package lists first).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    step(&format!("installing {} from Debian", packages.join(", ")));
    let sudo = if is_root() { None } else { Some("sudo") };
    let run = |args: &[&str]| {
        let mut command = match sudo {
            Some(sudo) => {
                let mut c = Command::new(sudo);
                c.arg("apt-get");
                c
            }
            None => Command::new("apt-get"),
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        status(&mut command)
    };
    run(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend_from_slice(packages);
    run(&install)
}
