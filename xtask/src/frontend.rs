//! Building the browser client with Trunk into `dist/`, offline, shrunk by wasm-opt.

use std::path::Path;

use anyhow::Result;
use qyzmet_shared::screens::PORTAL_DIR;

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
    // The public app into `dist/` (Trunk.toml), then the whole portal into its folder in it:
    // in this order, as each build replaces its whole folder.
    let portal_dist = format!("dist/{PORTAL_DIR}");
    let public_url = format!("/{PORTAL_DIR}/");
    for page in
        [vec![], vec!["frontend/portal.html", "--dist", &portal_dist, "--public-url", &public_url]]
    {
        let mut command = std::process::Command::new(&trunk);
        command.current_dir(root).arg("build").args(page).args(["--release", "--offline"]);
        shell::status(command.env("PATH", &path))?;
    }
    bundle::precompress(&root.join("dist"))
}
