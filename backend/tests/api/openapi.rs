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

/// Every operation the API serves, as `method path`.
const OPERATIONS: [&str; 53] = [
    "get /health",
    "get /catalog",
    "get /services/{code}/deadline",
    "get /services/{code}/steps",
    "put /services/{code}/steps/{status}",
    "delete /services/{code}/steps/{status}",
    "get /calendar/{year}",
    "put /calendar/days/{date}",
    "delete /calendar/days/{date}",
    "get /session",
    "post /session",
    "delete /session",
    "post /session/challenge",
    "post /session/signature",
    "put /session/preferences",
    "put /session/password",
    "get /notifications",
    "post /notifications/seen",
    "get /requests",
    "post /requests",
    "get /requests/{number}",
    "delete /requests/{number}",
    "put /requests/{number}/form",
    "post /requests/{number}/submit",
    "post /requests/{number}/survey",
    "put /requests/{number}/attachments/{document}",
    "get /requests/{number}/attachments/{document}",
    "delete /requests/{number}/attachments/{document}",
    "post /requests/{number}/actions",
    "get /queue",
    "get /status",
    "get /registry/me",
    "get /powers",
    "post /powers",
    "delete /powers/{id}",
    "get /office/specialists",
    "get /office/dashboard",
    "post /signatures/verify",
    "get /requests/{number}/result.pdf",
    "get /requests/{number}/application.pdf",
    "get /requests/{number}/receipt.pdf",
    "post /requests/{number}/refusal",
    "get /csc/refusals/{number}/receipt.pdf",
    "post /requests/{number}/handover",
    "get /registries",
    "post /registries",
    "get /registries/{number}",
    "get /registries/{number}/pdf",
    "post /registries/{number}/receipt",
    "get /documents/verify",
    "post /documents/verify",
    "get /demo/key-files",
    "get /demo/key-files/{name}",
];

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
    assert_eq!(operations, OPERATIONS.iter().map(ToString::to_string).collect());

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
