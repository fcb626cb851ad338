use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use super::{Db, DbResult, Pools};

/// Runs the embedded migrations for this backend. On PostgreSQL sqlx takes an advisory lock,
/// so several nodes may start at once. On SQLite the application itself talks to the file
/// through rusqlite; sqlx opens one connection of its own here only for its migrator.
pub async fn migrate(db: &Db) -> DbResult<()> {
    match &*db.pools {
        Pools::Sqlite(l) => {
            let opts = SqliteConnectOptions::from_str("sqlite:")?
                .filename(l.path())
                .foreign_keys(true)
                .busy_timeout(std::time::Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(opts)
                .await?;
            let out = sqlx::migrate!("../../migrations/sqlite").run(&pool).await;
            pool.close().await;
            out?
        }
        Pools::Postgres(p) => sqlx::migrate!("../../migrations/postgres").run(p).await?,
    }
    Ok(())
}
