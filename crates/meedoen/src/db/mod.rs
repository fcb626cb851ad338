//! One database handle over SQLite and PostgreSQL.
//!
//! SQL text is shared between the backends and written with `$1..$N` placeholders (sqlx's
//! SQLite driver binds them by position). Values go in as [`Arg`]s so that a single call site
//! serves both drivers; rows come out through `sqlx::FromRow`, whose derive is generic over
//! the row type. SQL that really differs per backend lives in [`dialect`].
//!
//! SQLite gets two pools: many readers and exactly one writer. Every write goes through the
//! writer, so writers queue in-process instead of failing with `SQLITE_BUSY`, and a write
//! transaction starts with `BEGIN IMMEDIATE` so it holds the write lock from its first read.

pub mod dialect;
mod migrate;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{FromRow, PgPool, SqlitePool};

pub use migrate::migrate;

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
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
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

/// A row type that decodes from both backends. `#[derive(sqlx::FromRow)]` gives this.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// A scalar that decodes from both backends.
pub trait Scalar:
    for<'r> sqlx::Decode<'r, sqlx::Sqlite>
    + sqlx::Type<sqlx::Sqlite>
    + for<'r> sqlx::Decode<'r, sqlx::Postgres>
    + sqlx::Type<sqlx::Postgres>
    + Send
    + Unpin
{
}
impl<T> Scalar for T where
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
        + for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
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

/// Runs the same query-building expression against whichever executor we hold. The body is
/// expanded once per backend, so it type-checks against both drivers.
macro_rules! on_exec {
    ($target:expr, $ex:ident => $body:expr) => {
        match $target {
            Exec::Sqlite($ex) => $body,
            Exec::Postgres($ex) => $body,
        }
    };
}

enum Exec<'a> {
    Sqlite(&'a mut sqlx::SqliteConnection),
    Postgres(&'a mut sqlx::PgConnection),
}

async fn ex_all<T: Row>(ex: Exec<'_>, sql: &'static str, args: Vec<Arg>) -> DbResult<Vec<T>> {
    on_exec!(ex, c => bind_all!(sqlx::query_as::<_, T>(sql), args).fetch_all(&mut *c).await.map_err(DbError::classify))
}
async fn ex_opt<T: Row>(ex: Exec<'_>, sql: &'static str, args: Vec<Arg>) -> DbResult<Option<T>> {
    on_exec!(ex, c => bind_all!(sqlx::query_as::<_, T>(sql), args).fetch_optional(&mut *c).await.map_err(DbError::classify))
}
async fn ex_scalar<T: Scalar>(
    ex: Exec<'_>,
    sql: &'static str,
    args: Vec<Arg>,
) -> DbResult<Option<T>> {
    on_exec!(ex, c => bind_all!(sqlx::query_scalar::<_, T>(sql), args).fetch_optional(&mut *c).await.map_err(DbError::classify))
}
async fn ex_exec(ex: Exec<'_>, sql: &'static str, args: Vec<Arg>) -> DbResult<u64> {
    on_exec!(ex, c => bind_all!(sqlx::query(sql), args).execute(&mut *c).await.map(|r| r.rows_affected()).map_err(DbError::classify))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

enum Pools {
    Sqlite { read: SqlitePool, write: SqlitePool },
    Postgres(PgPool),
}

/// The shared handle. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pools: Arc<Pools>,
    queries: Arc<std::sync::atomic::AtomicU64>,
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
            let opts = SqliteConnectOptions::from_str(&format!("sqlite:{path}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("temp_store", "memory");
            // A file connection cannot go stale, so sqlx's ping before every acquire (one more
            // hop to the connection's worker thread per query) buys nothing.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .connect_with(opts.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(8)
                .test_before_acquire(false)
                .connect_with(opts)
                .await?;
            let qpsg: Option<String> = sqlx::query_scalar(
                "SELECT compile_options FROM pragma_compile_options WHERE compile_options = 'ENABLE_QPSG'",
            )
            .fetch_optional(&read)
            .await?;
            if qpsg.is_none() {
                tracing::warn!(
                    "SQLite was built without SQLITE_ENABLE_QPSG (see .cargo/config.toml): \
                     statements with LIMIT $n are re-planned on every run"
                );
            }
            Pools::Sqlite { read, write }
        };
        Ok(Db {
            pools: Arc::new(pools),
            queries: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        match &*self.pools {
            Pools::Sqlite { .. } => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Number of statements run through this handle since start. Tests use it to bound the
    /// query count of a page (Decidim's N+1 lesson); `/metrics` exposes it.
    pub fn query_count(&self) -> u64 {
        self.queries.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn count(&self) {
        self.queries
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    pub async fn close(&self) {
        match &*self.pools {
            Pools::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Pools::Postgres(p) => p.close().await,
        }
    }

    pub(crate) fn sqlite_pools(&self) -> Option<(&SqlitePool, &SqlitePool)> {
        match &*self.pools {
            Pools::Sqlite { read, write } => Some((read, write)),
            Pools::Postgres(_) => None,
        }
    }

    async fn reader(&self) -> DbResult<Conn> {
        self.count();
        Ok(match &*self.pools {
            Pools::Sqlite { read, .. } => Conn::Sqlite(read.acquire().await?),
            Pools::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }

    async fn writer(&self) -> DbResult<Conn> {
        self.count();
        Ok(match &*self.pools {
            Pools::Sqlite { write, .. } => Conn::Sqlite(write.acquire().await?),
            Pools::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }

    /// All rows of a read query.
    pub async fn all<T: Row>(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<Vec<T>> {
        let mut c = self.reader().await?;
        ex_all(c.exec(), sql, args).await
    }

    /// At most one row.
    pub async fn opt<T: Row>(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<Option<T>> {
        let mut c = self.reader().await?;
        ex_opt(c.exec(), sql, args).await
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
        let mut c = self.reader().await?;
        ex_scalar(c.exec(), sql, args).await
    }

    /// A single write statement in its own transaction. Returns rows affected.
    pub async fn exec(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<u64> {
        let mut c = self.writer().await?;
        ex_exec(c.exec(), sql, args).await
    }

    /// A write statement with `RETURNING`, e.g. `INSERT ... RETURNING id`.
    pub async fn write_scalar<T: Scalar>(&self, sql: &'static str, args: Vec<Arg>) -> DbResult<T> {
        let mut c = self.writer().await?;
        ex_scalar(c.exec(), sql, args)
            .await?
            .ok_or(DbError::NotFound)
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite).
    pub async fn begin(&self) -> DbResult<Tx> {
        self.count();
        Ok(match &*self.pools {
            Pools::Sqlite { write, .. } => Tx::Sqlite(
                write.begin_with("BEGIN IMMEDIATE").await?,
                self.queries.clone(),
            ),
            Pools::Postgres(p) => Tx::Postgres(p.begin().await?, self.queries.clone()),
        })
    }

    /// Liveness of the database for `/healthz`.
    pub async fn ping(&self) -> bool {
        self.scalar::<i64>("SELECT CAST(1 AS BIGINT)", vec![])
            .await
            .is_ok()
    }
}

enum Conn {
    Sqlite(sqlx::pool::PoolConnection<sqlx::Sqlite>),
    Postgres(sqlx::pool::PoolConnection<sqlx::Postgres>),
}

impl Conn {
    fn exec(&mut self) -> Exec<'_> {
        match self {
            Conn::Sqlite(c) => Exec::Sqlite(c),
            Conn::Postgres(c) => Exec::Postgres(c),
        }
    }
}

/// A write transaction. Dropped without `commit` it rolls back.
pub enum Tx {
    Sqlite(
        sqlx::Transaction<'static, sqlx::Sqlite>,
        Arc<std::sync::atomic::AtomicU64>,
    ),
    Postgres(
        sqlx::Transaction<'static, sqlx::Postgres>,
        Arc<std::sync::atomic::AtomicU64>,
    ),
}

impl Tx {
    fn exec(&mut self) -> Exec<'_> {
        match self {
            Tx::Sqlite(t, n) => {
                n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Exec::Sqlite(t)
            }
            Tx::Postgres(t, n) => {
                n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Exec::Postgres(t)
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(..) => Backend::Sqlite,
            Tx::Postgres(..) => Backend::Postgres,
        }
    }

    pub async fn all<T: Row>(&mut self, sql: &'static str, args: Vec<Arg>) -> DbResult<Vec<T>> {
        ex_all(self.exec(), sql, args).await
    }
    pub async fn opt<T: Row>(&mut self, sql: &'static str, args: Vec<Arg>) -> DbResult<Option<T>> {
        ex_opt(self.exec(), sql, args).await
    }
    pub async fn one<T: Row>(&mut self, sql: &'static str, args: Vec<Arg>) -> DbResult<T> {
        self.opt(sql, args).await?.ok_or(DbError::NotFound)
    }
    pub async fn scalar<T: Scalar>(
        &mut self,
        sql: &'static str,
        args: Vec<Arg>,
    ) -> DbResult<Option<T>> {
        ex_scalar(self.exec(), sql, args).await
    }
    /// A write statement inside the transaction. Returns rows affected.
    pub async fn run(&mut self, sql: &'static str, args: Vec<Arg>) -> DbResult<u64> {
        ex_exec(self.exec(), sql, args).await
    }
    pub async fn write_scalar<T: Scalar>(
        &mut self,
        sql: &'static str,
        args: Vec<Arg>,
    ) -> DbResult<T> {
        ex_scalar(self.exec(), sql, args)
            .await?
            .ok_or(DbError::NotFound)
    }

    pub async fn commit(self) -> DbResult<()> {
        match self {
            Tx::Sqlite(t, _) => t.commit().await?,
            Tx::Postgres(t, _) => t.commit().await?,
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
