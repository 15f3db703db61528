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
    an_unknown_api_path_is_a_json_404_in_both_languages,
);
