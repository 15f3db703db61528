//! A new, empty PostgreSQL database for a test of the store, on the server `cargo xtask test`
//! starts and names in `QYZMET_TEST_POSTGRES_URL`.

use sqlx::Connection as _;
use sqlx::Executor as _;

/// The URL of a new database called `name` and this process's id.
pub(super) async fn fresh_postgres(name: &str) -> String {
    let admin = std::env::var("QYZMET_TEST_POSTGRES_URL").expect(
        "QYZMET_TEST_POSTGRES_URL names the PostgreSQL server for these tests; `cargo xtask test` starts one",
    );
    let name = format!("qyzmet_{name}_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin).await.expect("the server");
    conn.execute(format!("DROP DATABASE IF EXISTS {name}").as_str()).await.expect("dropped");
    conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("created");
    conn.close().await.expect("closed");
    let (server, _) = admin.rsplit_once('/').expect("a database in the URL");
    format!("{server}/{name}")
}
