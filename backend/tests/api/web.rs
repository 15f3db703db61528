use reqwest::Method;
use serde_json::json;

use crate::app::{Db, INDEX_HTML, TestApp};
use crate::requests::{CITIZEN, ok, seeded};

async fn deep_links_load_the_app_and_assets_are_served(db: Db) {
    let app = TestApp::spawn(db).await;
    for path in ["/", "/services/archival-certificate", "/bodies/astana", "/no/such/page"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.text().await.unwrap(), INDEX_HTML, "{path}");
    }
    let css = app.get("/app.css").await;
    assert_eq!(css.status(), 200);
    assert_eq!(css.text().await.unwrap(), "body{}");
}

async fn every_answer_carries_the_security_headers(db: Db) {
    let app = TestApp::spawn(db).await;
    for path in ["/", "/api/v1/health", "/api/v1/missing"] {
        let response = app.get(path).await;
        let header = |name: &str| {
            response.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        let csp = header("content-security-policy");
        // sha256 of "boot();", the inline script of INDEX_HTML.
        assert!(
            csp.contains("'sha256-BoYdILVZAmAQfhxvCgsBo5rtKe9f5WOaIkiGVKr7Y94='"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        // Plain HTTP (a local run): no HSTS, which would lock a browser out of localhost.
        assert_eq!(header("strict-transport-security"), "", "{path}");
    }
}

async fn behind_https_browsers_are_told_to_keep_to_it(db: Db) {
    let app = TestApp::spawn_at(db, "https://qyzmet.example.kz").await;
    for path in ["/", "/api/v1/health", "/api/v1/missing", "/app.css"] {
        let response = app.get(path).await;
        let hsts = response.headers().get("strict-transport-security").map(|v| v.to_str().unwrap());
        assert_eq!(hsts, Some("max-age=31536000; includeSubDomains"), "{path}");
    }
}

async fn no_api_answer_is_kept_by_a_cache(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": {}});
    let number = ok(app.call(Method::POST, "/requests", &citizen, Some(body)).await).await.number;
    for path in [
        format!("/requests/{number}"),
        "/requests".to_owned(),
        "/registry/me".to_owned(),
        "/powers".to_owned(),
        "/session".to_owned(),
    ] {
        let response = app.call(Method::GET, &path, &citizen, None).await;
        assert_eq!(response.status(), 200, "{path}");
        let cache = response.headers().get("cache-control").map(|v| v.to_str().unwrap());
        assert_eq!(cache, Some("no-store"), "{path}");
    }
    // A failure too: the cookie-less answer is no one's to keep.
    let response = app.call(Method::GET, &format!("/requests/{number}"), "", None).await;
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["cache-control"], "no-store");
}

async fn hashed_assets_are_cached_for_good_and_the_shell_never(db: Db) {
    let app = TestApp::spawn(db).await;
    let cache = |response: &reqwest::Response| {
        response.headers()[reqwest::header::CACHE_CONTROL].to_str().unwrap().to_owned()
    };
    assert_eq!(cache(&app.get("/app.css").await), "public, max-age=31536000, immutable");
    for path in ["/", "/index.html", "/services/foreign-media"] {
        let response = app.get(path).await;
        assert_eq!(cache(&response), "no-cache", "{path}");
        assert!(
            response.headers()[reqwest::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
}

async fn a_missing_file_is_a_404_not_the_app(db: Db) {
    let app = TestApp::spawn(db).await;
    for path in ["/qyzmet-frontend-0123abcd.js", "/favicon.ico", "/services/x.wasm"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_ne!(response.text().await.unwrap(), INDEX_HTML, "{path}");
    }
}

crate::on_both_databases!(
    deep_links_load_the_app_and_assets_are_served,
    every_answer_carries_the_security_headers,
    behind_https_browsers_are_told_to_keep_to_it,
    no_api_answer_is_kept_by_a_cache,
    hashed_assets_are_cached_for_good_and_the_shell_never,
    a_missing_file_is_a_404_not_the_app,
);
