//! One database handle over SQLite and PostgreSQL.
//!
//! SQL text is shared between the backends and written with `$1..$N` placeholders. Values go
//! in as [`Arg`]s so that a single call site serves both drivers. Rows come out through two
//! derives that sit on every row type: `sqlx::FromRow` for PostgreSQL (through sqlx) and
//! `meedoen_macros::LiteRow` for SQLite (through rusqlite, on the calling thread: see
//! `lite.rs` for why). SQL that really differs per backend lives in [`dialect`].
//!
//! SQLite has many readers and exactly one writer. Every write goes through the writer, so
//! writers queue in-process instead of failing with `SQLITE_BUSY`, and a write transaction
//! starts with `BEGIN IMMEDIATE` so it holds the write lock from its first read.

pub mod dialect;
mod lite;
mod migrate;
mod read_scope;
pub mod workflow;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgPoolOptions, PgRow};
use sqlx::{FromRow, PgPool};

pub use lite::{LiteRow, LiteTx, WriterStats};
pub use migrate::migrate;
pub use read_scope::scope as read_scope;

/// Errors from the storage layer. Callers match on the variants that mean something to a
/// person (a duplicate, a missing row); everything else is `Other` and becomes a 500.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unique constraint violated: {0}")]
    Unique(String),
    #[error("check or foreign key constraint violated: {0}")]
    Constraint(String),
    #[error("row not found")]
    NotFound,
    #[error("database error: {0}")]
    Other(#[from] sqlx::Error),
    #[error("database error: {0}")]
    Lite(#[from] rusqlite::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The SQLite checkpointer thread could not be started (no `From`: other I/O errors are
    /// not this).
    #[error("could not start a database thread: {0}")]
    Thread(std::io::Error),
}

impl DbError {
    fn classify(e: sqlx::Error) -> DbError {
        if let sqlx::Error::RowNotFound = e {
            return DbError::NotFound;
        }
        if let sqlx::Error::Database(ref d) = e {
            match d.kind() {
                sqlx::error::ErrorKind::UniqueViolation => {
                    return DbError::Unique(d.constraint().unwrap_or(d.message()).to_string())
                }
                sqlx::error::ErrorKind::CheckViolation
                | sqlx::error::ErrorKind::ForeignKeyViolation
                | sqlx::error::ErrorKind::NotNullViolation => {
                    return DbError::Constraint(d.message().to_string())
                }
                _ => {}
            }
        }
        DbError::Other(e)
    }

    pub fn is_unique(&self) -> bool {
        matches!(self, DbError::Unique(_))
    }
}

pub type DbResult<T> = Result<T, DbError>;

/// A bound value. Typed `None`s matter on PostgreSQL, which needs to know a NULL's type.
#[derive(Debug, Clone)]
pub enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Real(Option<f64>),
    Bytes(Option<Vec<u8>>),
}

macro_rules! arg_from {
    ($t:ty, $v:ident, $conv:expr) => {
        impl From<$t> for Arg {
            fn from(x: $t) -> Arg {
                let f = $conv;
                Arg::$v(Some(f(x)))
            }
        }
        impl From<Option<$t>> for Arg {
            fn from(x: Option<$t>) -> Arg {
                let f = $conv;
                Arg::$v(x.map(f))
            }
        }
    };
}
arg_from!(i64, Int, |x| x);
arg_from!(i32, Int, |x: i32| x as i64);
arg_from!(u32, Int, |x: u32| x as i64);
arg_from!(usize, Int, |x: usize| x as i64);
arg_from!(String, Text, no_nul);
arg_from!(&str, Text, |x: &str| no_nul(x.to_string()));
arg_from!(&String, Text, |x: &String| no_nul(x.clone()));

/// PostgreSQL refuses NUL in text (a 500 for `?q=%00`); SQLite keeps it. Neither is text a
/// person meant, so it is dropped on both backends alike.
fn no_nul(s: String) -> String {
    if s.contains('\0') {
        s.replace('\0', "")
    } else {
        s
    }
}
arg_from!(bool, Bool, |x| x);
arg_from!(f64, Real, |x| x);
arg_from!(Vec<u8>, Bytes, |x| x);

/// Build a `Vec<Arg>`: `args![org_id, &title, None::<i64>]`.
#[macro_export]
macro_rules! args {
    () => { Vec::<$crate::db::Arg>::new() };
    ($($e:expr),+ $(,)?) => { vec![$($crate::db::Arg::from($e)),+] };
}

/// A row type that decodes from both backends:
/// `#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]` gives this.
pub trait Row: for<'r> FromRow<'r, PgRow> + LiteRow + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, PgRow> + LiteRow + Send + Unpin {}

/// Two row types read from the same row of one statement (columns found by name), so a page
/// that needs both takes one statement instead of two.
pub struct Joined<A, B>(pub A, pub B);

impl<'r, A, B> FromRow<'r, PgRow> for Joined<A, B>
where
    A: FromRow<'r, PgRow>,
    B: FromRow<'r, PgRow>,
{
    fn from_row(row: &'r PgRow) -> Result<Self, sqlx::Error> {
        Ok(Joined(A::from_row(row)?, B::from_row(row)?))
    }
}

impl<A: LiteRow, B: LiteRow> LiteRow for Joined<A, B> {
    /// `A`'s positions after their count, then `B`'s.
    fn columns(st: &rusqlite::Statement<'_>) -> rusqlite::Result<Vec<usize>> {
        let a = A::columns(st)?;
        let mut out = Vec::with_capacity(1 + a.len());
        out.push(a.len());
        out.extend(a);
        out.extend(B::columns(st)?);
        Ok(out)
    }

    fn from_lite(row: &rusqlite::Row<'_>, cols: &[usize]) -> rusqlite::Result<Self> {
        let n = cols.first().copied().unwrap_or(0);
        // `cols` comes from `columns` above, so the split always fits; an error, not a panic,
        // should it ever not.
        let (a, b) = cols
            .get(1..)
            .and_then(|rest| rest.split_at_checked(n))
            .ok_or(rusqlite::Error::InvalidColumnIndex(n))?;
        Ok(Joined(A::from_lite(row, a)?, B::from_lite(row, b)?))
    }
}

/// A scalar that decodes from both backends.
pub trait Scalar:
    for<'r> sqlx::Decode<'r, sqlx::Postgres>
    + sqlx::Type<sqlx::Postgres>
    + rusqlite::types::FromSql
    + Send
    + Unpin
{
}
impl<T> Scalar for T where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + rusqlite::types::FromSql
        + Send
        + Unpin
{
}

macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Arg::Int(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
                Arg::Bool(v) => q.bind(v),
                Arg::Real(v) => q.bind(v),
                Arg::Bytes(v) => q.bind(v),
            };
        }
        q
    }};
}

async fn pg_all<T: Row>(
    c: &mut sqlx::PgConnection,
    sql: &'static str,
    args: Vec<Arg>,
) -> DbResult<Vec<T>> {
    bind_all!(sqlx::query_as::<_, T>(sql), args)
        .fetch_all(c)
        .await
        .map_err(DbError::classify)
}
async fn pg_opt<T: Row>(
    c: &mut sqlx::PgConnection,
    sql: &'static str,
    args: Vec<Arg>,
) -> DbResult<Option<T>> {
    bind_all!(sqlx::query_as::<_, T>(sql), args)
        .fetch_optional(c)
        .await
        .map_err(DbError::classify)
}
async fn pg_scalar<T: Scalar>(
    c: &mut sqlx::PgConnection,
    sql: &'static str,
    args: Vec<Arg>,
) -> DbResult<Option<T>> {
    bind_all!(sqlx::query_scalar::<_, T>(sql), args)
        .fetch_optional(c)
        .await
        .map_err(DbError::classify)
}
async fn pg_exec(c: &mut sqlx::PgConnection, sql: &'static str, args: Vec<Arg>) -> DbResult<u64> {
    bind_all!(sqlx::query(sql), args)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        .map_err(DbError::classify)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

enum Pools {
    Sqlite(lite::Lite),
    Postgres(PgPool),
}

/// The shared handle. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pools: Arc<Pools>,
    queries: Arc<AtomicU64>,
}

impl Db {
    /// Opens (and for SQLite creates) the database at `url`. A `postgres://` or
    /// `postgresql://` URL selects PostgreSQL; anything else is a SQLite path or `sqlite:` URL.
    pub async fn connect(url: &str) -> DbResult<Db> {
        let pools = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // No ping before every acquire: it doubled the round trips of every query. A
            // connection broken by a server restart fails one query and is then dropped.
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Pools::Postgres(pool)
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            if let Some(parent) = std::path::Path::new(path).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| DbError::Other(sqlx::Error::Io(e)))?;
                }
            }
            let lite = lite::Lite::open(std::path::Path::new(path))?;
            let qpsg: Option<String> = lite.read(|c| {
                lite::scalar(
                    c,
                    "SELECT compile_options FROM pragma_compile_options WHERE compile_options = 'ENABLE_QPSG'",
                    &[],
                )
            })?;
            if qpsg.is_none() {
                tracing::warn!(
                    "SQLite was built without SQLITE_ENABLE_QPSG (see .cargo/config.toml): \
                     statements with LIMIT $n are re-planned on every run"
                );
            }
            Pools::Sqlite(lite)
        };
        Ok(Db {
            pools: Arc::new(pools),
            queries: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        match &*self.pools {
            Pools::Sqlite(_) => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Number of statements run through this handle since start. Tests use it to bound the
    /// query count of a page (Decidim's N+1 lesson); `/metrics` exposes it.
    pub fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    fn count(&self) {
        self.queries.fetch_add(1, Ordering::Relaxed);
    }

    /// Tasks waiting for the SQLite writer right now (`None` on PostgreSQL). With nobody
    /// writing it must be 0; `/metrics` shows it and the group-commit test checks it.
    pub fn writers_queued(&self) -> Option<usize> {
        self.writer_stats().map(|s| s.waiting)
    }

    /// How much the single SQLite writer has been used (`None` on PostgreSQL).
    pub fn writer_stats(&self) -> Option<WriterStats> {
        match &*self.pools {
            Pools::Sqlite(l) => Some(l.writer_stats()),
            Pools::Postgres(_) => None,
        }
    }

    pub async fn close(&self) {
        match &*self.pools {
            Pools::Sqlite(l) => l.close(),
            Pools::Postgres(p) => p.close().await,
        }
    }

    /// All rows of a read query.
    pub async fn all<T: Row>(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<Vec<T>> {
        self.count();
        match &*self.pools {
            Pools::Sqlite(l) => l.read(|c| lite::all(c, sql, &args)),
            Pools::Postgres(p) => pg_all(&mut *p.acquire().await?, sql, args).await,
        }
    }

    /// At most one row.
    pub async fn opt<T: Row>(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<Option<T>> {
        self.count();
        match &*self.pools {
            Pools::Sqlite(l) => l.read(|c| lite::opt(c, sql, &args)),
            Pools::Postgres(p) => pg_opt(&mut *p.acquire().await?, sql, args).await,
        }
    }

    /// Exactly one row, or `DbError::NotFound`.
    pub async fn one<T: Row>(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<T> {
        self.opt(sql, args).await?.ok_or(DbError::NotFound)
    }

    /// The first column of the first row, if any.
    pub async fn scalar<T: Scalar>(
        &self,
        sql: &'static str,
        args: Vec<Arg>,
    ) -> DbResult<Option<T>> {
        self.count();
        match &*self.pools {
            Pools::Sqlite(l) => l.read(|c| lite::scalar(c, sql, &args)),
            Pools::Postgres(p) => pg_scalar(&mut *p.acquire().await?, sql, args).await,
        }
    }

    /// A single write statement in its own transaction. Returns rows affected.
    pub async fn exec(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<u64> {
        self.count();
        match &*self.pools {
            Pools::Sqlite(l) => {
                let tx = l.begin().await?;
                let n = lite::exec(tx.conn()?, sql, &args)?;
                tx.commit().await?;
                Ok(n)
            }
            Pools::Postgres(p) => pg_exec(&mut *p.acquire().await?, sql, args).await,
        }
    }

    /// A write statement with `RETURNING`, e.g. `INSERT ... RETURNING id`.
    pub async fn write_scalar<T: Scalar>(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<T> {
        self.count();
        match &*self.pools {
            Pools::Sqlite(l) => {
                let tx = l.begin().await?;
                let v = lite::scalar(tx.conn()?, sql, &args)?;
                tx.commit().await?;
                Ok(v)
            }
            Pools::Postgres(p) => pg_scalar(&mut *p.acquire().await?, sql, args).await,
        }?
        .ok_or(DbError::NotFound)
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite).
    pub async fn begin(&self) -> DbResult<Tx> {
        self.count();
        let inner = match &*self.pools {
            Pools::Sqlite(l) => TxInner::Sqlite(l.begin().await?),
            Pools::Postgres(p) => TxInner::Postgres(p.begin().await?),
        };
        Ok(Tx {
            inner,
            queries: self.queries.clone(),
        })
    }

    /// A consistent copy of a SQLite database (`VACUUM INTO`, which cannot run inside the
    /// writer's transactions, so it runs on a reader). `None` on PostgreSQL.
    pub async fn sqlite_vacuum_into(&self, target: &str) -> Option<DbResult<()>> {
        self.count();
        match &*self.pools {
            Pools::Sqlite(l) => Some(
                l.read_autocommit(|c| lite::exec(c, "VACUUM INTO $1", &[Arg::from(target)]))
                    .map(|_| ()),
            ),
            Pools::Postgres(_) => None,
        }
    }

    /// Liveness of the database for `/healthz`.
    pub async fn ping(&self) -> bool {
        self.scalar::<i64>("SELECT CAST(1 AS BIGINT)", vec![])
            .await
            .is_ok()
    }
}

enum TxInner {
    Sqlite(LiteTx),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// A write transaction. Dropped without `commit` it rolls back.
pub struct Tx {
    inner: TxInner,
    queries: Arc<AtomicU64>,
}

impl Tx {
    fn count(&self) {
        self.queries.fetch_add(1, Ordering::Relaxed);
    }

    pub fn backend(&self) -> Backend {
        match self.inner {
            TxInner::Sqlite(_) => Backend::Sqlite,
            TxInner::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn all<T: Row>(&mut self, sql: &'static str, args: Vec<Arg>) -> DbResult<Vec<T>> {
        self.count();
        match &mut self.inner {
            TxInner::Sqlite(t) => lite::all(t.conn()?, sql, &args),
            TxInner::Postgres(t) => pg_all(t, sql, args).await,
        }
    }
    pub async fn opt<T: Row>(&mut self, sql: &'static str, args: Vec<Arg>) -> DbResult<Option<T>> {
        self.count();
        match &mut self.inner {
            TxInner::Sqlite(t) => lite::opt(t.conn()?, sql, &args),
            TxInner::Postgres(t) => pg_opt(t, sql, args).await,
        }
    }
    pub async fn one<T: Row>(&mut self, sql: &'static str, args: Vec<Arg>) -> DbResult<T> {
        self.opt(sql, args).await?.ok_or(DbError::NotFound)
    }
    pub async fn scalar<T: Scalar>(
        &mut self,
        sql: &'static str,
        args: Vec<Arg>,
    ) -> DbResult<Option<T>> {
        self.count();
        match &mut self.inner {
            TxInner::Sqlite(t) => lite::scalar(t.conn()?, sql, &args),
            TxInner::Postgres(t) => pg_scalar(t, sql, args).await,
        }
    }
    /// A write statement inside the transaction. Returns rows affected.
    pub async fn run(&mut self, sql: &'static str, args: Vec<Arg>) -> DbResult<u64> {
        self.count();
        match &mut self.inner {
            TxInner::Sqlite(t) => lite::exec(t.conn()?, sql, &args),
            TxInner::Postgres(t) => pg_exec(t, sql, args).await,
        }
    }
    pub async fn write_scalar<T: Scalar>(
        &mut self,
        sql: &'static str,
        args: Vec<Arg>,
    ) -> DbResult<T> {
        self.scalar(sql, args).await?.ok_or(DbError::NotFound)
    }

    pub async fn commit(self) -> DbResult<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// Seconds since the Unix epoch; every timestamp column stores this.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
