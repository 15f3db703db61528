//! Guards of a production start, on the real binary: test trust refuses an https address, and
//! `--help` does not print the secrets it reads from the environment.

use std::process::Command;

fn qyzmet() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qyzmet"));
    command.env_remove("DATABASE_URL").env_remove("QYZMET_DEMO").env_remove("QYZMET_TEST_CA");
    command
}

#[test]
fn the_demo_refuses_to_run_at_a_production_address() {
    let data = tempfile::tempdir().unwrap();
    let out = qyzmet()
        .args(["--demo", "--addr", "127.0.0.1:0", "--public-url", "https://qyzmet.gov.kz"])
        .arg("--data-dir")
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--i-know-this-is-not-production"), "{said}");
    assert!(!data.path().join("qyzmet.sqlite3").exists(), "nothing was written");
}

#[test]
fn help_does_not_print_secrets_from_the_environment() {
    let out = qyzmet()
        .arg("--help")
        .env("QYZMET_SMTP_URL", "smtps://mailer:smtp-s3cret@mail.example.kz:465")
        .env("DATABASE_URL", "postgres://qyzmet:db-s3cret@db.example.kz/qyzmet")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("QYZMET_SMTP_URL") && help.contains("DATABASE_URL"), "{help}");
    assert!(!help.contains("s3cret"), "{help}");
}
