//! The client bundle as served: each asset precompressed at build time (brotli at quality 11,
//! gzip at level 9) beside the file, so the server never compresses it on a request, and the
//! budget a first visit must fit in.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use qyzmet_shared::screens::PORTAL_DIR;

/// What the first visit downloads, brotli: issue 16's budget. The page, its CSS and JS glue and
/// the public app's WebAssembly (`frontend/index.html`: the catalog, a state body, a service, the
/// status check); the whole portal (431 KB of WebAssembly on 2026-12-07, before the split) loads
/// when a person goes to any other screen, the signing worker when they sign with a key file.
const FIRST_LOAD_BROTLI_BUDGET: usize = 250 * 1024;
/// The WebAssembly of the first screen, brotli: issue 16's budget.
const FIRST_SCREEN_WASM_BROTLI_BUDGET: usize = 200 * 1024;

/// One file of `dist/` a visitor downloads, with its sizes.
pub struct Asset {
    pub kind: &'static str,
    pub path: PathBuf,
    /// Whether the first visit downloads it: the public page and what it names (the portal's
    /// files, say, are fetched only when a person goes beyond the public screens).
    pub first_load: bool,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Writes `name.br` and `name.gz` beside every asset of `dist/` and of the portal's folder in it
/// (the HTML shells aside, which the server fills in per answer) and lists them all with their
/// sizes.
pub fn precompress(dist: &Path) -> Result<Vec<Asset>> {
    let page =
        std::fs::read_to_string(dist.join("index.html")).context("reading dist/index.html")?;
    let mut assets = Vec::new();
    for folder in [dist.to_path_buf(), dist.join(PORTAL_DIR)] {
        for entry in
            std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))?
        {
            let path = entry?.path();
            let kind = match path.extension().and_then(|e| e.to_str()) {
                Some("wasm") => "WASM",
                Some("js") => "JS glue",
                Some("css") => "CSS",
                Some("html") => "HTML",
                _ => continue,
            };
            let raw =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let (gzip, brotli) = (gzip(&raw)?, brotli(&raw)?);
            if kind != "HTML" {
                std::fs::write(with_suffix(&path, "gz"), &gzip)?;
                std::fs::write(with_suffix(&path, "br"), &brotli)?;
            }
            // The address the public page would name it by: `/portal/…` for the portal's.
            let address = path.strip_prefix(dist).unwrap_or(&path).to_string_lossy();
            let first_load =
                path == dist.join("index.html") || page.contains(&format!("/{address}"));
            assets.push(Asset {
                kind,
                path,
                first_load,
                raw: raw.len(),
                gzip: gzip.len(),
                brotli: brotli.len(),
            });
        }
    }
    assets.sort_by(|a, b| (a.kind, &a.path).cmp(&(b.kind, &b.path)));
    Ok(assets)
}

/// Fails when the first visit, or the WebAssembly of its screen, outgrows its budget.
pub fn check_budget(assets: &[Asset]) -> Result<()> {
    let brotli = |kinds: &[&str]| -> usize {
        let of_first_load = assets.iter().filter(|a| a.first_load && kinds.contains(&a.kind));
        of_first_load.map(|a| a.brotli).sum()
    };
    let first_load = brotli(&["HTML", "JS glue", "CSS", "WASM"]);
    let wasm = brotli(&["WASM"]);
    let later: usize = assets.iter().filter(|a| !a.first_load).map(|a| a.brotli).sum();
    println!("loaded later (the whole portal, the signing worker), brotli: {:.1} KB", kb(later));
    println!(
        "first load, brotli: {:.1} KB of a {:.1} KB budget, its WebAssembly {:.1} KB of {:.1} KB",
        kb(first_load),
        kb(FIRST_LOAD_BROTLI_BUDGET),
        kb(wasm),
        kb(FIRST_SCREEN_WASM_BROTLI_BUDGET)
    );
    if first_load > FIRST_LOAD_BROTLI_BUDGET || wasm > FIRST_SCREEN_WASM_BROTLI_BUDGET {
        bail!(
            "the first load grew to {:.1} KB (brotli; its WebAssembly {:.1} KB), over its budget of \
             {:.1} KB ({:.1} KB): split or shrink the public app (`frontend/src/bin/qyzmet-public.rs`)",
            kb(first_load),
            kb(wasm),
            kb(FIRST_LOAD_BROTLI_BUDGET),
            kb(FIRST_SCREEN_WASM_BROTLI_BUDGET)
        );
    }
    Ok(())
}

/// `app.wasm` → `app.wasm.br`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn gzip(raw: &[u8]) -> Result<Vec<u8>> {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(raw)?;
    Ok(gzip.finish()?)
}

fn brotli(raw: &[u8]) -> Result<Vec<u8>> {
    let mut brotli = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
        writer.write_all(raw)?;
    }
    Ok(brotli)
}

pub fn kb(bytes: usize) -> f64 {
    // Bundle files are far below 2^52 bytes, so the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let kb = bytes as f64 / 1024.0;
    kb
}
