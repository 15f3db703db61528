//! The OpenAPI document at `/api/v1/openapi.json`: every route, every schema it refers to.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::app::{Db, TestApp};

/// Every `$ref` in the document, wherever it is.
fn references(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match inner {
                    Value::String(target) if key == "$ref" => {
                        found.insert(target.clone());
                    }
                    _ => references(inner, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, found)),
        _ => {}
    }
}

async fn the_document_describes_every_route_and_resolves_every_schema(db: Db) {
    let app = TestApp::spawn(db).await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let document: Value = response.json().await.unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(document["servers"][0]["url"], "/api/v1");

    let operations: BTreeSet<String> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().unwrap().keys().map(move |method| format!("{method} {path}"))
        })
        .collect();
    // Every route the router serves, each with its row in the access matrix.
    assert_eq!(operations, crate::access::operations());

    // Every schema referred to is defined, and the main bodies are there.
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let mut refs = BTreeSet::new();
    references(&document, &mut refs);
    for target in &refs {
        let name = target.strip_prefix("#/components/schemas/").unwrap();
        assert!(schemas.contains_key(name), "{target} is not defined");
    }
    for name in [
        "RequestView",
        "StepAction",
        "ApiError",
        "ErrorCode",
        "Text",
        "Outcome",
        "Status",
        "DocumentCheck",
    ] {
        assert!(schemas.contains_key(name), "no schema {name}");
    }
    // Error codes are listed with their stable names, the session cookie is named.
    let codes = &schemas["ErrorCode"]["enum"];
    assert!(codes.as_array().unwrap().iter().any(|c| c == "past_completeness_check"));
    let scheme = &document["components"]["securitySchemes"]["session"];
    assert_eq!(
        (scheme["in"].as_str(), scheme["name"].as_str()),
        (Some("cookie"), Some("qyzmet_session"))
    );
    let submit = &document["paths"]["/requests/{number}/submit"]["post"];
    let parameters: Vec<&str> = submit["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(parameters.contains(&"Idempotency-Key"));
}

crate::on_both_databases!(the_document_describes_every_route_and_resolves_every_schema);
