use qyzmet_shared::api::Health;

use crate::app::{Db, TestApp, latest_schema_version};

async fn health_names_the_database_and_schema(db: Db) {
    let app = TestApp::spawn(db).await;
    let response = app.health().await;
    assert_eq!(response.status(), 200);
    let health: Health = response.json().await.unwrap();
    assert_eq!(health.status, "ok");
    let expected = match db {
        Db::Sqlite => "sqlite",
        Db::Postgres => "postgres",
    };
    assert_eq!(health.database, expected);
    assert_eq!(health.schema_version, latest_schema_version());
    assert!(health.schema_version >= 2);
}

async fn health_says_unavailable_when_the_database_is_gone(db: Db) {
    let app = TestApp::spawn(db).await;
    app.store.close().await;
    let response = app.health().await;
    assert_eq!(response.status(), 503);
    let body: qyzmet_shared::ApiError = response.json().await.unwrap();
    assert_eq!(body.code, qyzmet_shared::ErrorCode::Unavailable);
    assert!(!body.message.is_incomplete());
}

crate::on_both_databases!(
    health_names_the_database_and_schema,
    health_says_unavailable_when_the_database_is_gone,
);
