use super::{Db, DbResult, Pools};

/// Runs the embedded migrations for this backend. On PostgreSQL sqlx takes an advisory lock,
/// so several nodes may start at once.
pub async fn migrate(db: &Db) -> DbResult<()> {
    match &*db.pools {
        Pools::Sqlite { write, .. } => sqlx::migrate!("../../migrations/sqlite").run(write).await?,
        Pools::Postgres(p) => sqlx::migrate!("../../migrations/postgres").run(p).await?,
    }
    Ok(())
}
