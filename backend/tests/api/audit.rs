//! The audit log's hash chain: intact after real use, and broken exactly where a row is touched.

use qyzmet_backend::demo::{self, DEMO_ACCOUNTS, DEMO_PASSWORD};
use qyzmet_backend::store::AuditCheck;

use crate::app::{Db, TestApp};

async fn entries(app: &TestApp) -> i64 {
    match app.store.audit().verify().await.unwrap() {
        AuditCheck::Intact { entries } => entries,
        broken => panic!("the chain should hold: {broken:?}"),
    }
}

async fn every_change_is_chained_in_the_audit_log(db: Db) {
    let app = TestApp::spawn(db).await;
    // The calendar seed is the first entry.
    assert_eq!(entries(&app).await, 1);
    demo::seed(&app.store).await.unwrap();
    let after_seed = entries(&app).await;
    // One per account, and the demo citizen's e-mail address for notifications.
    assert_eq!(after_seed, 1 + i64::try_from(DEMO_ACCOUNTS.len()).unwrap() + 1);
    app.sign_in("850315400124", "wrong").await;
    let response = app.sign_in("850315400124", DEMO_PASSWORD).await;
    app.sign_out(&crate::app::session_cookie(&response)).await;
    // Refused, opened, closed: three more entries.
    assert_eq!(entries(&app).await, after_seed + 3);
}

async fn an_edited_entry_is_named(db: Db) {
    let app = TestApp::spawn(db).await;
    demo::seed(&app.store).await.unwrap();
    app.execute("UPDATE audit_log SET subject = '900101300027' WHERE seq = 4").await;
    let check = app.store.audit().verify().await.unwrap();
    assert_eq!(check, AuditCheck::BrokenAt { seq: 4, reason: "was changed after it was written" });
}

async fn a_removed_entry_breaks_the_link_after_it(db: Db) {
    let app = TestApp::spawn(db).await;
    demo::seed(&app.store).await.unwrap();
    app.execute("DELETE FROM audit_log WHERE seq = 5").await;
    let check = app.store.audit().verify().await.unwrap();
    assert_eq!(
        check,
        AuditCheck::BrokenAt { seq: 6, reason: "does not follow the entry before it" }
    );
}

async fn entries_cut_from_the_end_are_noticed(db: Db) {
    let app = TestApp::spawn(db).await;
    demo::seed(&app.store).await.unwrap();
    let all = entries(&app).await;
    app.execute(&format!("DELETE FROM audit_log WHERE seq = {all}")).await;
    let check = app.store.audit().verify().await.unwrap();
    assert_eq!(check, AuditCheck::Truncated { entries: all - 1, expected: all });
}

async fn a_refused_change_leaves_no_entry(db: Db) {
    let app = TestApp::spawn(db).await;
    demo::seed(&app.store).await.unwrap();
    let before = entries(&app).await;
    // Seeding again writes nothing; a duplicate account is refused as a whole.
    demo::seed(&app.store).await.unwrap();
    let duplicate = qyzmet_backend::store::NewAccount {
        id_number: "850315400124",
        subject: qyzmet_shared::Subject::Individual,
        full_name: "Копия",
        role: qyzmet_shared::Role::Applicant,
        provider: None,
        department: None,
        csc: None,
        password_hash: "x",
    };
    assert!(app.store.accounts().insert(&duplicate, "system").await.is_err());
    assert_eq!(entries(&app).await, before);
}

/// The operator's command: `qyzmet verify-audit` on the same database.
async fn the_verify_command_names_the_broken_entry(db: Db) {
    let app = TestApp::spawn(db).await;
    demo::seed(&app.store).await.unwrap();
    let verify = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qyzmet"))
            .arg("verify-audit")
            .env("DATABASE_URL", &app.database_url)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (code, out) = verify();
    assert_eq!(code, Some(0), "{out}");
    let entries = 1 + DEMO_ACCOUNTS.len() + 1;
    assert!(out.contains(&format!("intact: {entries} entries")), "{out}");
    app.execute("UPDATE audit_log SET details = '{}' WHERE seq = 7").await;
    let (code, out) = verify();
    assert_eq!(code, Some(1));
    assert!(out.contains("broken at entry 7"), "{out}");
}

crate::on_both_databases!(
    every_change_is_chained_in_the_audit_log,
    an_edited_entry_is_named,
    a_removed_entry_breaks_the_link_after_it,
    entries_cut_from_the_end_are_noticed,
    a_refused_change_leaves_no_entry,
    the_verify_command_names_the_broken_entry,
);
