//! The audit log's hash chain: intact after real use, and broken exactly where a row is touched.

use qyzmet_backend::demo::{self, DEMO_ACCOUNTS, DEMO_PASSWORD};
use qyzmet_backend::store::{AuditCheck, AuditKey, Store};

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
    // Three refused sign-ins of one person: three entries in the lane of their subject.
    for _ in 0..3 {
        app.sign_in("850315400124", "wrong").await;
    }
    let newest = app.store.audit().recent(3).await.unwrap();
    let [third, second, _] = [&newest[0], &newest[1], &newest[2]].map(|entry| entry.seq);
    app.execute(&format!("DELETE FROM audit_log WHERE seq = {second}")).await;
    let check = app.store.audit().verify().await.unwrap();
    assert_eq!(
        check,
        AuditCheck::BrokenAt { seq: third, reason: "does not follow the entry before it" }
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
    // It names the newest checkpoint, to compare with the hash the server logged.
    let checkpoint = app.store.audit().checkpoint().await.unwrap();
    let (code, out) = verify();
    assert_eq!(code, Some(0), "{out}");
    let named = format!("latest checkpoint {} over {entries} entries", checkpoint.hash);
    assert!(out.contains(&named), "{out}");
    app.execute("UPDATE audit_log SET details = '{}' WHERE seq = 7").await;
    let (code, out) = verify();
    assert_eq!(code, Some(1));
    assert!(out.contains("broken at entry 7"), "{out}");
}

const KEY: &[u8] = b"a secret of the audit log, 32+ bytes long, kept outside the database";

fn account(id_number: &'static str) -> qyzmet_backend::store::NewAccount<'static> {
    qyzmet_backend::store::NewAccount {
        id_number,
        subject: qyzmet_shared::Subject::Individual,
        full_name: "Тексеру Адамы",
        role: qyzmet_shared::Role::Applicant,
        provider: None,
        department: None,
        csc: None,
        password_hash: "x",
    }
}

/// Issue 17 (8): someone who can write the database but lacks the key kept outside it rewrites
/// the log and chains it again; the plain hash chain cannot tell, the sealed one does.
async fn a_sealed_log_catches_a_rewrite_chained_again_without_the_key(db: Db) {
    let app = TestApp::spawn(db).await;
    let key = AuditKey::new(KEY).unwrap();
    let sealed = Store::open_sealed(&app.database_url, key.clone()).await.unwrap();
    for id_number in ["900101300027", "850315400124"] {
        sealed.accounts().insert(&account(id_number), "system").await.unwrap();
    }
    assert_eq!(sealed.audit().verify().await.unwrap(), AuditCheck::Intact { entries: 3 });
    // The operator's command checks it with the key from the environment, and not without.
    let verify = |key: Option<&[u8]>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_qyzmet"));
        command.arg("verify-audit").env("DATABASE_URL", &app.database_url);
        if let Some(key) = key {
            command.env("QYZMET_AUDIT_KEY", std::str::from_utf8(key).unwrap());
        }
        let out = command.output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (code, out) = verify(Some(KEY));
    assert_eq!((code, out.trim()), (Some(0), "audit log intact: 3 entries"));
    let (code, out) = verify(None);
    assert_eq!(code, Some(1));
    assert!(out.contains("sealed with a key"), "{out}");
    // Without the key nothing more is written to it, and it cannot be checked.
    assert!(app.store.accounts().insert(&account("920711300344"), "system").await.is_err());
    assert_eq!(app.store.audit().verify().await.unwrap(), AuditCheck::NeedsKey);
    let other = Store::open_sealed(&app.database_url, AuditKey::new(&[7; 32]).unwrap()).await;
    let other = other.unwrap().audit().verify().await.unwrap();
    assert_eq!(other, AuditCheck::BrokenAt { seq: 2, reason: "was changed after it was written" });

    // A forger stretches the unsealed history over the sealed entries: the mark gives it away.
    app.execute("UPDATE audit_lanes SET sealed_from = 9").await;
    let stretched = sealed.audit().verify().await.unwrap();
    assert!(matches!(stretched, AuditCheck::BrokenAt { .. }), "{stretched:?}");
    // Or drops the sealed entries and the mark, and chains a history of their own after the
    // first entry, with the portal itself and no key: a plain chain that holds.
    app.execute("DELETE FROM audit_log WHERE sealed = 1").await;
    app.execute(
        "UPDATE audit_lanes SET sealed_from = NULL, sealed_from_mac = NULL,
         entries = (SELECT COUNT(*) FROM audit_log l WHERE l.lane = audit_lanes.lane),
         hash = COALESCE(
             (SELECT hash FROM audit_log l WHERE l.lane = audit_lanes.lane ORDER BY l.seq DESC LIMIT 1),
             CASE WHEN lane = 0 THEN 'genesis' ELSE 'genesis-' || lane END)",
    )
    .await;
    app.store.accounts().insert(&account("920711300344"), "system").await.unwrap();
    assert_eq!(app.store.audit().verify().await.unwrap(), AuditCheck::Intact { entries: 2 });
    // With the key the forgery does not pass.
    assert_eq!(sealed.audit().verify().await.unwrap(), AuditCheck::NotSealed { entries: 2 });
    sealed.close().await;
}

/// Issue 16: each lane of the log is a chain, and what a lane's head says can be set back by
/// someone who writes the database. A checkpoint recorded every head: cutting a lane behind it
/// and setting that head back no longer passes.
async fn a_checkpoint_catches_a_lane_cut_short_with_its_head_set_back(db: Db) {
    let app = TestApp::spawn(db).await;
    demo::seed(&app.store).await.unwrap();
    let before = app.store.audit().entries().await.unwrap();
    let checkpoint = app.store.audit().checkpoint().await.unwrap();
    assert_eq!(checkpoint.entries, before);
    assert_eq!(entries(&app).await, before + 1);
    let cut = app.count("SELECT MAX(seq) FROM audit_log WHERE action <> 'audit.checkpoint'").await;
    let set_back = format!(
        "UPDATE audit_lanes SET entries = entries - 1, hash = COALESCE(
             (SELECT hash FROM audit_log l WHERE l.lane = audit_lanes.lane AND l.seq < {cut}
              ORDER BY l.seq DESC LIMIT 1),
             CASE WHEN lane = 0 THEN 'genesis' ELSE 'genesis-' || lane END)
         WHERE lane = (SELECT lane FROM audit_log WHERE seq = {cut})"
    );
    app.execute(&format!("DELETE FROM audit_log WHERE seq = {cut}")).await;
    app.execute(&set_back).await;
    let check = app.store.audit().verify().await.unwrap();
    let seq = app.count("SELECT seq FROM audit_log WHERE action = 'audit.checkpoint'").await;
    assert_eq!(
        check,
        AuditCheck::BrokenAt { seq, reason: "records entries the log no longer holds" }
    );
}

/// Issue 17 (8): staff's reads of personal data are audited — the application, the result, the
/// scans, a desk's registry look-up — and what applicants read of their own requests is not.
async fn staff_reads_of_personal_data_are_audited_and_an_applicants_own_are_not(db: Db) {
    use crate::requests::{CHANCELLERY, CITIZEN, draft, ok, seeded, submit};
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    ok(submit(&app, &citizen, &number, "read-audit-key").await).await;
    let newest = async || app.store.audit().recent(1).await.unwrap().remove(0);
    let before = newest().await;
    assert_eq!(app.file_of(&citizen, &number, "application.pdf").await.status(), 200);
    assert_eq!(newest().await, before, "the applicant's own read is theirs");
    let chancellery = app.session(CHANCELLERY).await;
    assert_eq!(app.file_of(&chancellery, &number, "application.pdf").await.status(), 200);
    let read = newest().await;
    let who = (read.actor.as_str(), read.action.as_str(), read.subject.as_str());
    assert_eq!(who, (CHANCELLERY, "read.application", number.as_str()));
    let scan = app.file_of(&chancellery, &number, "attachments/identity").await;
    assert_eq!(scan.status(), 200);
    assert_eq!(newest().await.action, "read.attachment");
    let operator = app.session("781122300562").await;
    let lookup = app
        .call(
            reqwest::Method::GET,
            &format!("/registry/me?on_behalf_of={CITIZEN}"),
            &operator,
            None,
        )
        .await;
    assert_eq!(lookup.status(), 200);
    let read = newest().await;
    assert_eq!((read.actor.as_str(), read.action.as_str()), ("781122300562", "read.registry"));
    assert_eq!(read.subject, CITIZEN);
    assert!(matches!(app.store.audit().verify().await.unwrap(), AuditCheck::Intact { .. }));
}

crate::on_both_databases!(
    every_change_is_chained_in_the_audit_log,
    an_edited_entry_is_named,
    a_removed_entry_breaks_the_link_after_it,
    entries_cut_from_the_end_are_noticed,
    a_refused_change_leaves_no_entry,
    the_verify_command_names_the_broken_entry,
    a_sealed_log_catches_a_rewrite_chained_again_without_the_key,
    a_checkpoint_catches_a_lane_cut_short_with_its_head_set_back,
    staff_reads_of_personal_data_are_audited_and_an_applicants_own_are_not,
);
