//! The repository layer, on both databases.

use qyzmet_backend::demo::{self, DEMO_ACCOUNTS, DEMO_PASSWORD};
use qyzmet_backend::error::AppError;
use qyzmet_backend::password;
use qyzmet_backend::store::{self, AuditCheck, AuditKey, NewAccount, Store};
use qyzmet_shared::{ErrorCode, Role, Subject};

use crate::app::{Db, TestApp, latest_schema_version};

fn citizen(hash: &str) -> NewAccount<'_> {
    NewAccount {
        id_number: "900101300027",
        subject: Subject::Individual,
        full_name: "Сәрсенбаев Өмірзақ Ұланұлы",
        role: Role::Applicant,
        provider: None,
        department: None,
        csc: None,
        password_hash: hash,
    }
}

async fn an_account_is_stored_and_found_with_kazakh_letters_intact(db: Db) {
    let app = TestApp::spawn(db).await;
    let hash = password::hash("құпия сөз").unwrap();
    let id = app.store.accounts().insert(&citizen(&hash), "system").await.unwrap();
    let found = app.store.accounts().by_id_number("900101300027").await.unwrap().unwrap();
    assert_eq!(found.id, id);
    assert_eq!(found.full_name, "Сәрсенбаев Өмірзақ Ұланұлы");
    assert_eq!(found.role, Role::Applicant);
    assert!(password::verify("құпия сөз", &found.password_hash));
    assert!(app.store.accounts().by_id_number("870412300017").await.unwrap().is_none());
}

async fn a_taken_number_is_a_conflict_and_writes_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let hash = password::hash("x").unwrap();
    app.store.accounts().insert(&citizen(&hash), "system").await.unwrap();
    let err = app.store.accounts().insert(&citizen(&hash), "system").await.unwrap_err();
    assert!(matches!(err, AppError::Database(_)), "{err:?}");
    assert_eq!(err.to_api_error().code, ErrorCode::Conflict);
    assert_eq!(app.store.accounts().count().await.unwrap(), 1);
}

async fn demo_seeding_is_idempotent_and_its_passwords_work(db: Db) {
    let app = TestApp::spawn(db).await;
    demo::seed(&app.store).await.unwrap();
    demo::seed(&app.store).await.unwrap();
    let count = app.store.accounts().count().await.unwrap();
    assert_eq!(count, i64::try_from(DEMO_ACCOUNTS.len()).unwrap());
    let company = app.store.accounts().by_id_number("150440002179").await.unwrap().unwrap();
    assert_eq!(company.subject, Subject::LegalEntity);
    assert!(password::verify(DEMO_PASSWORD, &company.password_hash));
}

async fn data_survives_a_restart(db: Db) {
    let app = TestApp::spawn(db).await;
    let hash = password::hash("x").unwrap();
    app.store.accounts().insert(&citizen(&hash), "system").await.unwrap();
    app.store.close().await;
    // Opening again runs the migrations again: they must be a no-op on an up-to-date schema.
    let reopened = Store::open(&app.database_url).await.unwrap();
    assert_eq!(reopened.schema_version().await.unwrap(), latest_schema_version());
    assert!(reopened.accounts().by_id_number("900101300027").await.unwrap().is_some());
}

/// Issue 17 (11): writes that race on one draft — its scans uploaded and its form edited at once,
/// with the audit entry each writes first — take the write lock in turn: none answers 500 (on
/// SQLite a deferred transaction that read first would fail with `SQLITE_BUSY_SNAPSHOT`).
async fn racing_writes_take_turns_and_none_fails(db: Db) {
    use crate::requests::{CITIZEN, PDF, attach, bare_draft, salary_certificate, seeded};
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = bare_draft(&app, &citizen).await.number;
    let form = format!("/requests/{number}/form");
    let names: Vec<String> = (0..12).map(|i| format!("scan-{i}.pdf")).collect();
    let uploads =
        names.iter().map(|name| attach(&app, &citizen, &number, "identity", name, PDF.to_vec()));
    let body = serde_json::json!({"form": salary_certificate()});
    let edits =
        (0..12).map(|_| app.call(reqwest::Method::PUT, &form, &citizen, Some(body.clone())));
    let (uploaded, edited) =
        tokio::join!(futures::future::join_all(uploads), futures::future::join_all(edits));
    for answer in uploaded.iter().chain(&edited) {
        assert!(answer.status().is_success(), "{}", answer.status());
    }
    let check = app.store.audit().verify().await.unwrap();
    assert!(matches!(check, AuditCheck::Intact { .. }), "{check:?}");
}

/// Issue 17: a backup taken while the portal serves, restored into an empty database, serves the
/// same requests with an intact audit chain; a restore never writes over a database in use.
async fn a_backup_restores_into_an_empty_database(db: Db) {
    use crate::requests::{CITIZEN, draft, ok, seeded, submit};
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let filed =
        ok(submit(&app, &citizen, &draft(&app, &citizen).await.number, "backup-1").await).await;
    let before = app.store.requests().by_number(&filed.number).await.unwrap().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("qyzmet.backup");
    app.store.backup_to(&file).await.unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "a backup only its owner reads, not {mode:o}");
    }
    // Written once: the same file is not overwritten by a second backup.
    assert!(app.store.backup_to(&file).await.is_err());

    let target = match db {
        Db::Sqlite => crate::app::sqlite_url(&folder.path().join("restored.sqlite3")),
        Db::Postgres => crate::app::fresh_postgres_database().await,
    };
    let restored = store::restore(&file, &target, AuditKey::default()).await.unwrap();
    assert!(
        matches!(restored.audit, AuditCheck::Intact { entries } if entries > 0),
        "{restored:?}"
    );
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM requests")
        .fetch_one(&sqlx::AnyPool::connect(&app.database_url).await.unwrap())
        .await
        .unwrap();
    assert_eq!(restored.requests, total);
    let reopened = Store::open(&target).await.unwrap();
    let after = reopened.requests().by_number(&filed.number).await.unwrap().unwrap();
    assert_eq!(
        (after.status, &after.form, after.deadline_at),
        (before.status, &before.form, before.deadline_at)
    );
    reopened.close().await;
    // Into a database that holds data: refused, nothing touched.
    assert!(store::restore(&file, &app.database_url, AuditKey::default()).await.is_err());
    assert!(app.store.requests().by_number(&filed.number).await.unwrap().is_some());
}

crate::on_both_databases!(
    an_account_is_stored_and_found_with_kazakh_letters_intact,
    a_taken_number_is_a_conflict_and_writes_nothing,
    demo_seeding_is_idempotent_and_its_passwords_work,
    data_survives_a_restart,
    racing_writes_take_turns_and_none_fails,
    a_backup_restores_into_an_empty_database,
);
