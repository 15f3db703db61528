//! Scanned documents: attached to a draft as PDF, JPEG or PNG told by content, read back by who
//! may see the request, covered by the filing's signature, frozen once filed.

use qyzmet_backend::signatures::test_ca::Standing;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::attachment::{AttachmentView, FileKind, MAX_BYTES};
use qyzmet_shared::request::RequestView;
use reqwest::Method;

use crate::app::{Db, TestApp};
use crate::requests::{
    CITIZEN, HEAD, PDF, attach, bare_draft, draft, ok, refused, seeded, stranger, submission,
    submit,
};

async fn shown(app: &TestApp, cookie: &str, number: &str) -> RequestView {
    ok(app.call(Method::GET, &format!("/requests/{number}"), cookie, None).await).await
}

async fn files_are_checked_by_content_signed_with_the_filing_and_frozen_once_filed(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = bare_draft(&app, &citizen).await.number;

    // Not a document of this kind's list; not a scan by its content; empty; too large.
    refused(
        attach(&app, &citizen, &number, "statute", "a.pdf", PDF.to_vec()).await,
        422,
        ErrorCode::BadRequest,
    )
    .await;
    let renamed = b"MZ\x90\x00 an executable named like a scan".to_vec();
    refused(
        attach(&app, &citizen, &number, "identity", "scan.pdf", renamed).await,
        422,
        ErrorCode::UnsupportedFile,
    )
    .await;
    refused(
        attach(&app, &citizen, &number, "identity", "scan.pdf", Vec::new()).await,
        422,
        ErrorCode::UnsupportedFile,
    )
    .await;
    let mut large = PDF.to_vec();
    large.resize(MAX_BYTES + 1, b' ');
    refused(
        attach(&app, &citizen, &number, "identity", "big.pdf", large).await,
        413,
        ErrorCode::FileTooLarge,
    )
    .await;
    assert!(shown(&app, &citizen, &number).await.attachments.is_empty(), "nothing half-written");
    // An incomplete package is not filed: the missing document is named.
    let incomplete = app.sign_filing(&shown(&app, &citizen, &number).await, Standing::Valid);
    let error = refused(
        submission(&app, &citizen, &number, "attach-key-000", &incomplete).await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    assert_eq!(error.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["identity"]);
    assert!(error.fields[0].message.ru.contains("Документ, удостоверяющий личность"));

    // A PNG, then a PDF in its place: one file per document, named as chosen.
    let png = b"\x89PNG\r\n\x1a\n rest of the image".to_vec();
    let first = attach(&app, &citizen, &number, "identity", "куәлік.png", png).await;
    assert_eq!(first.status(), 201);
    let attached: AttachmentView = ok_json(
        attach(&app, &citizen, &number, "identity", "C:\\Scans\\Жеке куәлік.pdf", PDF.to_vec())
            .await,
    )
    .await;
    assert_eq!(attached.kind, FileKind::Pdf);
    assert_eq!(attached.name, "Жеке куәлік.pdf");
    assert_eq!(attached.size, i64::try_from(PDF.len()).unwrap());
    let view = shown(&app, &citizen, &number).await;
    assert_eq!(view.attachments, vec![attached.clone()]);

    // Read back as attached, by whoever may see the request.
    let path = format!("/requests/{number}/attachments/identity");
    let file = app.call(Method::GET, &path, &citizen, None).await;
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert_eq!(file.bytes().await.unwrap().as_ref(), PDF);
    let other = stranger(&app).await;
    refused(app.call(Method::GET, &path, &other, None).await, 404, ErrorCode::NotFound).await;
    refused(
        attach(&app, &other, &number, "identity", "x.pdf", PDF.to_vec()).await,
        404,
        ErrorCode::NotFound,
    )
    .await;

    // The signature covers the files: one made before this file was attached does not hold.
    let before = RequestView { attachments: Vec::new(), ..view.clone() };
    let stale = app.sign_filing(&before, Standing::Valid);
    refused(
        submission(&app, &citizen, &number, "attach-key-00", &stale).await,
        422,
        ErrorCode::SignatureInvalid,
    )
    .await;
    ok(submit(&app, &citizen, &number, "attach-key-01").await).await;

    // Filed: the files stay as signed; the provider reads them.
    refused(
        attach(&app, &citizen, &number, "identity", "new.pdf", PDF.to_vec()).await,
        409,
        ErrorCode::NotAllowedNow,
    )
    .await;
    let removal = app.call(Method::DELETE, &path, &citizen, None).await;
    refused(removal, 404, ErrorCode::NotFound).await;
    let head = app.session(HEAD).await;
    assert_eq!(app.call(Method::GET, &path, &head, None).await.status(), 200);
}

async fn a_draft_file_can_be_removed(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    attach(&app, &citizen, &number, "identity", "a.pdf", PDF.to_vec()).await;
    let path = format!("/requests/{number}/attachments/identity");
    assert_eq!(app.call(Method::DELETE, &path, &citizen, None).await.status(), 204);
    assert!(shown(&app, &citizen, &number).await.attachments.is_empty());
}

async fn ok_json<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    assert!(response.status().is_success(), "{}", response.status());
    response.json().await.unwrap()
}

crate::on_both_databases!(
    files_are_checked_by_content_signed_with_the_filing_and_frozen_once_filed,
    a_draft_file_can_be_removed
);
