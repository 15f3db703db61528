//! Installing, only when missing, what the build and the tests need: the wasm32 target, Trunk,
//! the wasm-bindgen CLI at the version in Cargo.lock, wasm-opt from npm, Chromium and its driver.
//! See `../shared/TOOLCHAIN.md` for why these versions and these sources.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::shell::{self, output};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const TRUNK_VERSION: &str = "0.21.14";
const WASM_OPT_VERSION: &str = "version_132";
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// As pinned in `xtask/npm-bench/package.json`.
const LIGHTHOUSE_VERSION: &str = "12.8.2";
/// axe-core's browser bundle, under `xtask/npm`.
pub const AXE_CORE: &str = "node_modules/axe-core/axe.min.js";

pub fn ensure_wasm_target() -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        shell::step("adding the wasm32-unknown-unknown target");
        shell::status(std::process::Command::new("rustup").args([
            "target",
            "add",
            "wasm32-unknown-unknown",
        ]))?;
    }
    Ok(())
}

pub fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

/// True when `program --version` mentions `version`.
fn has_version(program: &Path, version: &str) -> bool {
    output(&program.to_string_lossy(), &["--version"]).is_some_and(|v| v.contains(version))
}

fn cargo_install(name: &str, version: &str) -> Result<()> {
    shell::step(&format!("installing {name} {version} (once; takes a few minutes)"));
    let locked = shell::status(std::process::Command::new("cargo").args([
        "install",
        name,
        "--version",
        version,
        "--locked",
    ]));
    if locked.is_err() {
        // A crate's own lock file sometimes names a version the registry no longer serves.
        shell::status(std::process::Command::new("cargo").args([
            "install",
            name,
            "--version",
            version,
        ]))?;
    }
    Ok(())
}

/// cargo-fuzz, and the nightly toolchain its instrumented builds need (on this kind of machine
/// already, see `../shared/TOOLCHAIN.md`: rustup's servers are out of reach, so it is not
/// installed here but named when missing).
pub fn ensure_cargo_fuzz() -> Result<()> {
    if output("rustup", &["run", "nightly", "rustc", "--version"]).is_none() {
        bail!("cargo fuzz needs the nightly toolchain: `rustup toolchain install nightly`");
    }
    if !has_version(&cargo_bin("cargo-fuzz"), CARGO_FUZZ_VERSION) {
        cargo_install("cargo-fuzz", CARGO_FUZZ_VERSION)?;
    }
    Ok(())
}

pub fn ensure_trunk() -> Result<PathBuf> {
    let trunk = cargo_bin("trunk");
    if !has_version(&trunk, TRUNK_VERSION) {
        cargo_install("trunk", TRUNK_VERSION)?;
    }
    Ok(trunk)
}

/// The wasm-bindgen version the lock file resolved; the CLI must be exactly the same.
pub fn locked_wasm_bindgen(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

pub fn ensure_wasm_bindgen(root: &Path) -> Result<()> {
    let version = locked_wasm_bindgen(root)?;
    if !has_version(&cargo_bin("wasm-bindgen"), &version) {
        cargo_install("wasm-bindgen-cli", &version)?;
    }
    Ok(())
}

/// The tools from npm, in `xtask/npm/node_modules`: wasm-opt from binaryen (Debian's is too old),
/// whose `.bin` folder this returns, and axe-core for the accessibility scan.
pub fn ensure_wasm_opt(root: &Path) -> Result<PathBuf> {
    let npm_dir = root.join("xtask/npm");
    let bin = npm_dir.join("node_modules/.bin");
    let axe = npm_dir.join(AXE_CORE);
    if !has_version(&bin.join("wasm-opt"), WASM_OPT_VERSION) || !axe.is_file() {
        npm_ci(&npm_dir, "wasm-opt (binaryen) and axe-core")?;
    }
    Ok(bin)
}

/// Installs what `npm_dir`'s lock file names (`what`), with npm from Debian if there is none.
fn npm_ci(npm_dir: &Path, what: &str) -> Result<()> {
    if output("npm", &["--version"]).is_none() {
        shell::apt_install(&["nodejs", "npm"])?;
    }
    shell::step(&format!("installing {what} from npm"));
    shell::status(std::process::Command::new("npm").current_dir(npm_dir).args([
        "ci",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
    ]))
}

/// Lighthouse, for the bench alone, in `xtask/npm-bench/node_modules` (its own folder, so the
/// test run never installs it): the path of its command.
pub fn ensure_lighthouse(root: &Path) -> Result<PathBuf> {
    let npm_dir = root.join("xtask/npm-bench");
    let lighthouse = npm_dir.join("node_modules/.bin/lighthouse");
    if !has_version(&lighthouse, LIGHTHOUSE_VERSION) {
        npm_ci(&npm_dir, "Lighthouse")?;
    }
    Ok(lighthouse)
}

pub fn ensure_chromium() -> Result<()> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        shell::apt_install(&["chromium", "chromium-driver", "fonts-dejavu-core"])?;
    }
    Ok(())
}

/// Implementations not ours that the tests cross-check with: OpenSSL's command line (and its
/// OCSP responder, which the API tests ask), Java's
/// `keytool` (it writes key files the way the national CA's Java tools do), poppler's
/// `pdftotext` and `pdftoppm`, which read the printed documents back, and zbar's `zbarimg`,
/// which scans a receipt's barcode.
pub fn ensure_other_implementations() -> Result<()> {
    let runs = |program: &str, arg: &str| {
        std::process::Command::new(program).arg(arg).output().is_ok_and(|o| o.status.success())
    };
    if !runs("openssl", "version") {
        shell::apt_install(&["openssl"])?;
    }
    if !runs("keytool", "-help") {
        shell::apt_install(&["default-jre-headless"])?;
    }
    if !runs("pdftotext", "-v") {
        shell::apt_install(&["poppler-utils"])?;
    }
    if !runs("zbarimg", "--version") {
        shell::apt_install(&["zbar-tools"])?;
    }
    // An independent GOST 34.10-2012 and Streebog (pure Python), to cross-check GOST signatures.
    let has_gostcrypto = std::process::Command::new("python3")
        .args(["-c", "import gostcrypto"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_gostcrypto {
        shell::step("installing gostcrypto (PyPI) for the GOST cross-check");
        let mut pip = std::process::Command::new("python3");
        pip.args(["-m", "pip", "install", "--quiet", "gostcrypto==1.2.5"]);
        shell::status(&mut pip)?;
    }
    Ok(())
}

/// The directory holding PostgreSQL's server programs (`initdb`, `pg_ctl`), installing them if
/// none are found.
pub fn ensure_postgres() -> Result<PathBuf> {
    if let Some(dir) = find_postgres() {
        return Ok(dir);
    }
    shell::apt_install(&["postgresql"])?;
    find_postgres().context("PostgreSQL was installed but initdb is still not found")
}

fn find_postgres() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dirs| dirs.filter_map(Result::ok).map(|d| d.path().join("bin")).collect())
        .unwrap_or_default();
    // The newest installed major version first.
    debian.sort_by(|a, b| b.cmp(a));
    on_path
        .into_iter()
        .chain(debian)
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
}
