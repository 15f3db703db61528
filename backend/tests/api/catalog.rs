use qyzmet_shared::catalog::{BodyKind, Catalog, ServiceCode};
use qyzmet_shared::{ApiError, ErrorCode};

use crate::app::{Db, TestApp};

async fn catalog_lists_the_four_services_and_their_providers(db: Db) {
    let app = TestApp::spawn(db).await;
    let response = app.catalog().await;
    assert_eq!(response.status(), 200);
    let catalog: Catalog = response.json().await.unwrap();
    let codes: Vec<_> = catalog.services.iter().map(|s| s.code).collect();
    assert_eq!(codes, ServiceCode::ALL);
    let archival = catalog.service(ServiceCode::ArchivalCertificate).unwrap();
    assert_eq!(archival.title.kk, "Мұрағаттық анықтамалар беру");
    assert_eq!(archival.title.ru, "Выдача архивных справок");
    assert_eq!(catalog.bodies.iter().filter(|b| b.kind != BodyKind::Ministry).count(), 20);
    let registration: Vec<_> = catalog.providers(ServiceCode::PeriodicalsRegistration).collect();
    assert_eq!(registration.len(), 1);
    assert_eq!(registration[0].kind, BodyKind::Ministry);
}

async fn the_catalog_carries_every_kind_with_its_form(db: Db) {
    let app = TestApp::spawn(db).await;
    let catalog: serde_json::Value = app.catalog().await.json().await.unwrap();
    let kinds = catalog["kinds"].as_object().unwrap();
    assert_eq!(kinds.len(), 4);
    let registration = &kinds["periodicals-registration"];
    assert_eq!(registration[1]["code"], "re-registration");
    assert_eq!(registration[1]["title"]["ru"], "Переучет");
    let media = &kinds["foreign-media"][0]["fields"];
    let media_kind = media.as_array().unwrap().iter().find(|f| f["id"] == "media_kind").unwrap();
    assert_eq!(media_kind["kind"]["type"], "choice");
    assert_eq!(media_kind["kind"]["spec"][2]["label"]["kk"], "Телеарна");
    assert_eq!(media_kind["required"], true);
}

async fn an_unknown_api_path_is_a_json_404_in_both_languages(db: Db) {
    let app = TestApp::spawn(db).await;
    let response = app.get("/api/v1/no-such-thing").await;
    assert_eq!(response.status(), 404);
    let body: ApiError = response.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::NotFound);
    assert!(body.message.kk.contains("табылмады"));
    assert!(body.message.ru.contains("не найдена"));
}

crate::on_both_databases!(
    catalog_lists_the_four_services_and_their_providers,
    the_catalog_carries_every_kind_with_its_form,
    an_unknown_api_path_is_a_json_404_in_both_languages,
);
