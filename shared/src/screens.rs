//! Which of the client's two apps draws a screen (issue 16): the public app a first visit
//! downloads, small enough for a cheap phone on a slow network — the catalog, a state body, a
//! service's page, the status check — or the whole portal, for everything else. The server
//! answers each address with that app's page; the public app hands any other screen over to the
//! portal by loading its address anew.

/// The folder of `dist/` the whole portal's build is in, which is also the path its files are
/// served from: `/portal/…`.
pub const PORTAL_DIR: &str = "portal";

/// Whether the public app draws the screen at `path`, with its language (`/kk/check`) or in an
/// older address without one (`/check`), a trailing `/` or not.
pub fn is_public(path: &str) -> bool {
    let rest = ["/kk", "/ru"]
        .into_iter()
        .find_map(|lang| path.strip_prefix(lang).filter(|r| r.is_empty() || r.starts_with('/')))
        .unwrap_or(path);
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    matches!(segments.as_slice(), [] | ["check"] | ["services" | "bodies", _])
}

#[cfg(test)]
mod tests {
    use super::is_public;

    #[test]
    fn the_catalog_its_pages_and_the_status_check_are_public() {
        for path in ["/", "/kk", "/ru/", "/kk/check", "/check", "/ru/services/archival-certificate"]
        {
            assert!(is_public(path), "{path}");
        }
        assert!(is_public("/kk/bodies/akimat-almaty/"));
    }

    #[test]
    fn every_other_screen_is_the_portal_s() {
        for path in [
            "/kk/sign-in",
            "/ru/cabinet",
            "/kk/services/archival-certificate/apply",
            "/kk/services/archival-certificate/handbook",
            "/ru/requests/000123",
            "/kk/office",
            "/csc",
            "/kk/no-such-screen",
            "/kkk",
            "/kz/check/x",
        ] {
            assert!(!is_public(path), "{path}");
        }
    }
}
