//! Building the browser client with Trunk into `dist/`, offline, shrunk by wasm-opt.

use std::path::Path;

use anyhow::Result;

use crate::bundle::{self, Asset};
use crate::{shell, tools};

/// Builds `dist/` and precompresses its assets; what a visitor downloads, with its sizes.
pub fn build(root: &Path) -> Result<Vec<Asset>> {
    tools::ensure_wasm_target()?;
    let trunk = tools::ensure_trunk()?;
    tools::ensure_wasm_bindgen(root)?;
    let npm_bin = tools::ensure_wasm_opt(root)?;
    shell::step("building the client (Trunk, release, wasm-opt)");
    // Trunk looks for wasm-bindgen and wasm-opt on PATH; ours come first.
    let cargo_bin = trunk.parent().map(Path::to_path_buf).unwrap_or_default();
    let path = std::env::join_paths(
        [npm_bin, cargo_bin]
            .into_iter()
            .chain(std::env::var_os("PATH").iter().flat_map(std::env::split_paths)),
    )?;
    let mut command = std::process::Command::new(&trunk);
    command.current_dir(root).args(["build", "--release", "--offline"]).env("PATH", path);
    shell::status(&mut command)?;
    bundle::precompress(&root.join("dist"))
}
