use qyzmet_shared::{ApiError, ErrorCode};
use reqwest::Method;
use serde_json::json;

use crate::app::{CSS, Db, INDEX_HTML, PORTAL_HTML, TestApp, WASM_FILE, WORKER_LOADER};
use crate::requests::{CITIZEN, ok, seeded};

async fn deep_links_load_the_app_and_assets_are_served(db: Db) {
    let app = TestApp::spawn(db).await;
    // The public app draws the catalog and its pages; every other screen is the whole portal's
    // (an unknown one too: the portal shows "not found").
    let public = ["/", "/kk", "/ru/services/archival-certificate", "/bodies/astana"];
    let portal =
        ["/kk/sign-in", "/ru/cabinet", "/kk/services/foreign-media/apply", "/no/such/page"];
    for (paths, page) in [(&public, INDEX_HTML), (&portal, PORTAL_HTML)] {
        for path in paths {
            let response = app.get(path).await;
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(response.text().await.unwrap(), page, "{path}");
        }
    }
    let css = app.get(CSS).await;
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
        // sha256 of "boot();" and of "start();", the inline scripts of the two apps' pages.
        for script in [
            "'sha256-BoYdILVZAmAQfhxvCgsBo5rtKe9f5WOaIkiGVKr7Y94='",
            "'sha256-E6jQvrT2ZivWG9GJ4AAEZf4MhI7l3QkLroW4hgvUT4c='",
        ] {
            assert!(csp.contains(script), "{path}: {csp}");
        }
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        // Plain HTTP (a local run): no HSTS, which would lock a browser out of localhost.
        assert_eq!(header("strict-transport-security"), "", "{path}");
    }
}

async fn behind_https_browsers_are_told_to_keep_to_it(db: Db) {
    let app = TestApp::spawn_behind(db, "https://qyzmet.example.kz").await;
    for path in ["/", "/api/v1/health", "/api/v1/missing", CSS] {
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
    assert_eq!(cache(&app.get(CSS).await), "public, max-age=31536000, immutable");
    // The signing worker's loader names its files without a hash: checked again on every use.
    let loader = app.get(WORKER_LOADER).await;
    assert_eq!(loader.status(), 200);
    assert_eq!(cache(&loader), "no-cache");
    for path in ["/", "/index.html", "/services/foreign-media", "/portal/index.html", "/kk/csc"] {
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

/// The build's precompressed copies are sent to browsers that take them, as they are (nothing is
/// compressed per request), with the asset's own type and the immutable cache.
async fn assets_go_out_precompressed(db: Db) {
    let app = TestApp::spawn(db).await;
    let fetch = |encoding: &'static str| {
        let request = app.client.get(format!("{}{WASM_FILE}", app.base));
        let request = if encoding.is_empty() {
            request
        } else {
            request.header(reqwest::header::ACCEPT_ENCODING, encoding)
        };
        request.send()
    };
    for (accepted, encoding, body) in [
        ("br, gzip", Some("br"), &b"brotli of app.wasm"[..]),
        ("gzip", Some("gzip"), &b"gzip of app.wasm"[..]),
        ("", None, crate::app::WASM),
    ] {
        let response = fetch(accepted).await.unwrap();
        assert_eq!(response.status(), 200);
        let headers = response.headers();
        assert_eq!(headers["content-type"], "application/wasm", "{accepted}");
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accepted}"
        );
        assert_eq!(headers["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(response.bytes().await.unwrap().as_ref(), body, "{accepted}");
    }
}

async fn a_missing_file_is_a_404_not_the_app(db: Db) {
    let app = TestApp::spawn(db).await;
    for path in ["/qyzmet-frontend-0123abcd.js", "/favicon.ico", "/services/x.wasm", "/portal/a.js"]
    {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_ne!(response.text().await.unwrap(), INDEX_HTML, "{path}");
    }
}

async fn a_cross_site_request_to_change_something_is_refused(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": {}});
    let create = |headers: &[(&'static str, String)]| {
        let mut request = app
            .client
            .post(format!("{}/api/v1/requests", app.base))
            .header(reqwest::header::COOKIE, citizen.as_str())
            .json(&body);
        for (name, value) in headers {
            request = request.header(*name, value.as_str());
        }
        request.send()
    };
    // A page on another site posting with the citizen's cookie, as a browser says it.
    for headers in [
        vec![("sec-fetch-site", "cross-site".to_owned())],
        vec![("sec-fetch-site", "same-site".to_owned())],
        vec![("origin", "https://evil.example".to_owned())],
        vec![("origin", "null".to_owned())],
    ] {
        let response = create(&headers).await.unwrap();
        assert_eq!(response.status(), 403, "{headers:?}");
        let error: ApiError = response.json().await.unwrap();
        assert_eq!(error.code, ErrorCode::Forbidden);
    }
    let history: serde_json::Value =
        app.call(Method::GET, "/requests", &citizen, None).await.json().await.unwrap();
    assert_eq!(history["total"], 0, "nothing was created");
    // The portal's own pages, and programs that send no Origin, pass.
    for headers in [
        vec![("sec-fetch-site", "same-origin".to_owned())],
        vec![("origin", app.base.clone())],
        vec![],
    ] {
        assert_eq!(create(&headers).await.unwrap().status(), 201, "{headers:?}");
    }
    // Reading is not changing: a link from elsewhere opens the page.
    let read = app
        .client
        .get(format!("{}/api/v1/requests", app.base))
        .header(reqwest::header::COOKIE, citizen.as_str())
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
}

/// A body that is not JSON, JSON that is not the route's shape, no content type, a method the
/// route does not serve: each answers the shared error body with a stable code, never plain text.
async fn every_refusal_of_the_api_is_the_shared_error_body(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let url = format!("{}/api/v1/requests", app.base);
    let send = |body: &'static str, kind: Option<&'static str>| {
        let mut request = app.client.post(&url).header(reqwest::header::COOKIE, &citizen);
        if let Some(kind) = kind {
            request = request.header(reqwest::header::CONTENT_TYPE, kind);
        }
        request.body(body).send()
    };
    let not_json = send("{\"service\": ", Some("application/json")).await.unwrap();
    let wrong_shape = send("{\"service\": 5}", Some("application/json")).await.unwrap();
    let no_type = send("{}", None).await.unwrap();
    let wrong_method =
        app.client.delete(format!("{}/api/v1/catalog", app.base)).send().await.unwrap();
    // Axum answers 400 for a body it cannot read into the route's type; the body is ours.
    for (response, status) in
        [(not_json, 400), (wrong_shape, 400), (no_type, 415), (wrong_method, 405)]
    {
        let got = response.status();
        let kind = response.headers()["content-type"].to_str().unwrap().to_owned();
        let text = response.text().await.unwrap();
        assert_eq!(got, status, "{text}");
        let response: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(kind.starts_with("application/json"), "{status}: {kind}");
        let body: ApiError = serde_json::from_value(response).unwrap();
        assert_eq!(body.code, ErrorCode::BadRequest, "{status}");
        assert!(!body.message.is_incomplete());
    }
}

/// `/check` without JavaScript: the app's shell with the status check rendered in by the server,
/// answering as `GET /api/v1/status` does — and counted against the same limit.
async fn the_status_check_is_answered_as_a_page_too(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let draft = crate::requests::draft(&app, &citizen).await;
    let filed =
        ok(crate::requests::submit(&app, &citizen, &draft.number, "page-check-1").await).await;
    let page = |query: String| {
        let app = &app;
        async move {
            let response = app.get(&format!("/check{query}")).await;
            assert_eq!(response.status(), 200);
            assert!(
                response.headers()["content-security-policy"]
                    .to_str()
                    .unwrap()
                    .contains("default-src 'self'")
            );
            response.text().await.unwrap()
        }
    };
    let empty = page(String::new()).await;
    assert!(empty.contains("<form method=\"get\" action=\"/kk/check\""), "{empty}");
    assert!(empty.contains("Өтініш мәртебесін тексеру") && !empty.contains("role=\"alert\""));
    assert!(empty.contains("<script type=\"module\">boot();</script>"), "the app still loads");

    let found = page(format!("?number={}&iin={CITIZEN}&lang=ru", filed.number)).await;
    assert!(found.contains("Выдача архивных справок") && found.contains("Отправлена"), "{found}");
    let next = filed.status.what_next(filed.deadline);
    assert!(found.contains(next.ru.as_ref()), "what happens next, and by when: {found}");
    // The language in the address decides, whatever the browser says.
    let in_russian = app.get("/ru/check").await.text().await.unwrap();
    assert!(in_russian.contains("<html lang=\"ru\">") && in_russian.contains("Проверка статуса"));
    assert!(
        in_russian.contains("action=\"/ru/check\"") && in_russian.contains("href=\"/kk/check\"")
    );
    let not_found = page(format!("?number={}&iin=920711300344", filed.number)).await;
    assert!(not_found.contains("Мұндай өтініш табылмады."), "{not_found}");
    // What is typed comes back as text, never as markup.
    let typed = page("?number=%3Cscript%3Ealert(1)%3C%2Fscript%3E&iin=1".to_owned()).await;
    assert!(
        typed.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !typed.contains("<script>alert"),
        "{typed}"
    );
    // The same per-address limit as the API's: 30 in 10 minutes, the page's and the API's together.
    let api = format!("/api/v1/status?number={}&iin={CITIZEN}", filed.number);
    let mut calls = 0;
    while app.get(&api).await.status() == 200 {
        calls += 1;
    }
    assert_eq!(calls, 28, "two look-ups were the page's");
    let limited = page(format!("?number={}&iin={CITIZEN}", filed.number)).await;
    // The window opened with the first look-up a moment ago: ten minutes to wait.
    let wait = ApiError::too_many_attempts(600).message.kk;
    assert!(limited.contains(&*wait), "{limited}");
}

crate::on_both_databases!(
    the_status_check_is_answered_as_a_page_too,
    every_refusal_of_the_api_is_the_shared_error_body,
    a_cross_site_request_to_change_something_is_refused,
    deep_links_load_the_app_and_assets_are_served,
    every_answer_carries_the_security_headers,
    behind_https_browsers_are_told_to_keep_to_it,
    no_api_answer_is_kept_by_a_cache,
    hashed_assets_are_cached_for_good_and_the_shell_never,
    assets_go_out_precompressed,
    a_missing_file_is_a_404_not_the_app,
);
