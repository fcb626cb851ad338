//! The SQLite backend: statements run on the calling thread through rusqlite.
//!
//! sqlx's SQLite driver gives every connection its own worker thread and sends each statement
//! there and back. A profile of the benchmark showed half of the server's CPU in those
//! hand-offs (two context switches per statement, 6-8 statements per page), while the
//! statements themselves take microseconds. Running them inline on the task's own thread
//! removes that cost. Statements are short (the benchmark's slowest read is a few
//! milliseconds), so blocking the worker for that long is cheaper than the hand-off.
//!
//! Readers take a connection from a small pool and give it back before they return, so no
//! connection is ever held across an `.await`. The single writer sits behind an async mutex:
//! writers queue in-process instead of failing with `SQLITE_BUSY`, and a transaction holds the
//! mutex guard for its whole life (see [`LiteTx`]).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{CachedStatement, Connection, OpenFlags};

use super::{Arg, DbError, DbResult};

/// Decodes one row of the SQLite path. `#[derive(meedoen_macros::LiteRow)]` writes it for row
/// structs (by column name); tuples decode by position.
pub trait LiteRow: Sized {
    /// The position of each field's column in this statement, found once per statement.
    fn columns(_st: &rusqlite::Statement<'_>) -> rusqlite::Result<Vec<usize>> {
        Ok(Vec::new())
    }
    fn from_lite(row: &rusqlite::Row<'_>, cols: &[usize]) -> rusqlite::Result<Self>;
}

impl LiteRow for () {
    fn from_lite(_: &rusqlite::Row<'_>, _: &[usize]) -> rusqlite::Result<Self> {
        Ok(())
    }
}

macro_rules! tuple_row {
    ($($t:ident $i:tt),+) => {
        impl<$($t: rusqlite::types::FromSql),+> LiteRow for ($($t,)+) {
            fn from_lite(row: &rusqlite::Row<'_>, _: &[usize]) -> rusqlite::Result<Self> {
                Ok(($(row.get::<_, $t>($i)?,)+))
            }
        }
    };
}
tuple_row!(A 0);
tuple_row!(A 0, B 1);
tuple_row!(A 0, B 1, C 2);
tuple_row!(A 0, B 1, C 2, D 3);
tuple_row!(A 0, B 1, C 2, D 3, E 4);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// Readers kept for reuse; more may be open for a moment under load, the rest are closed.
const IDLE_READERS: usize = 16;
/// Prepared statements kept per connection. The application has a few hundred distinct SQL
/// texts; the hot ones must never be re-prepared.
const STATEMENT_CACHE: usize = 512;

pub(super) struct Lite {
    path: PathBuf,
    readers: Mutex<Vec<Connection>>,
    writer: Arc<tokio::sync::Mutex<Connection>>,
}

impl Lite {
    pub(super) fn open(path: &Path) -> DbResult<Lite> {
        let writer = open_connection(path)?;
        // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, which keeps a
        // committed transaction through a process crash (the crash test proves it).
        writer
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(classify)?;
        Ok(Lite {
            path: path.to_path_buf(),
            readers: Mutex::new(Vec::new()),
            writer: Arc::new(tokio::sync::Mutex::new(writer)),
        })
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a reader connection, on this thread.
    pub(super) fn read<R>(&self, f: impl FnOnce(&Connection) -> DbResult<R>) -> DbResult<R> {
        let idle = self.readers.lock().ok().and_then(|mut v| v.pop());
        let conn = match idle {
            Some(c) => c,
            None => open_connection(&self.path)?,
        };
        let out = f(&conn);
        if let Ok(mut v) = self.readers.lock() {
            if v.len() < IDLE_READERS {
                v.push(conn);
            }
        }
        out
    }

    /// Waits for the writer connection.
    pub(super) async fn writer(&self) -> tokio::sync::OwnedMutexGuard<Connection> {
        self.writer.clone().lock_owned().await
    }

    pub(super) fn close(&self) {
        if let Ok(mut v) = self.readers.lock() {
            v.clear();
        }
    }
}

fn open_connection(path: &Path) -> DbResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let c = Connection::open_with_flags(path, flags).map_err(classify)?;
    c.busy_timeout(Duration::from_secs(10)).map_err(classify)?;
    c.execute_batch(
        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
    )
    .map_err(classify)?;
    c.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(c)
}

/// A write transaction on the single writer. It holds the writer's mutex guard until it is
/// committed or dropped; dropped without commit it rolls back, as sqlx's transactions do.
pub struct LiteTx {
    conn: tokio::sync::OwnedMutexGuard<Connection>,
    open: bool,
}

impl LiteTx {
    pub(super) fn begin(conn: tokio::sync::OwnedMutexGuard<Connection>) -> DbResult<LiteTx> {
        conn.execute_batch("BEGIN IMMEDIATE").map_err(classify)?;
        Ok(LiteTx { conn, open: true })
    }

    pub(super) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(super) fn commit(mut self) -> DbResult<()> {
        self.conn.execute_batch("COMMIT").map_err(classify)?;
        self.open = false;
        Ok(())
    }
}

impl Drop for LiteTx {
    fn drop(&mut self) {
        if self.open {
            if let Err(e) = self.conn.execute_batch("ROLLBACK") {
                tracing::error!(error = %e, "rollback failed");
            }
        }
    }
}

/// Maps rusqlite's errors onto the same variants the PostgreSQL path produces.
pub(super) fn classify(e: rusqlite::Error) -> DbError {
    use rusqlite::ffi;
    match &e {
        rusqlite::Error::QueryReturnedNoRows => DbError::NotFound,
        rusqlite::Error::SqliteFailure(f, msg) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            let msg = msg.clone().unwrap_or_else(|| e.to_string());
            match f.extended_code {
                ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
                    DbError::Unique(msg)
                }
                _ => DbError::Constraint(msg),
            }
        }
        _ => DbError::Lite(e),
    }
}

/// Prepares (from the connection's cache) and binds. SQL is written with `$N` placeholders;
/// SQLite numbers named parameters in order of first appearance, so each is bound by the
/// number in its name, not by its index. This is what sqlx's SQLite driver did too.
fn prepare<'c>(c: &'c Connection, sql: &str, args: &[Arg]) -> rusqlite::Result<CachedStatement<'c>> {
    tracing::trace!(target: "meedoen::sql", "{sql}");
    let mut st = c.prepare_cached(sql)?;
    for i in 1..=st.parameter_count() {
        let pos = st
            .parameter_name(i)
            .and_then(|n| n.get(1..))
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(i);
        let arg = args
            .get(pos - 1)
            .ok_or(rusqlite::Error::InvalidParameterCount(pos, args.len()))?;
        match arg {
            Arg::Int(v) => st.raw_bind_parameter(i, v)?,
            Arg::Text(v) => st.raw_bind_parameter(i, v)?,
            Arg::Bool(v) => st.raw_bind_parameter(i, v)?,
            Arg::Real(v) => st.raw_bind_parameter(i, v)?,
            Arg::Bytes(v) => st.raw_bind_parameter(i, v)?,
        }
    }
    Ok(st)
}

pub(super) fn all<T: LiteRow>(c: &Connection, sql: &str, args: &[Arg]) -> DbResult<Vec<T>> {
    let run = || -> rusqlite::Result<Vec<T>> {
        let mut st = prepare(c, sql, args)?;
        let cols = T::columns(&st)?;
        let mut rows = st.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(T::from_lite(r, &cols)?);
        }
        Ok(out)
    };
    run().map_err(classify)
}

pub(super) fn opt<T: LiteRow>(c: &Connection, sql: &str, args: &[Arg]) -> DbResult<Option<T>> {
    let run = || -> rusqlite::Result<Option<T>> {
        let mut st = prepare(c, sql, args)?;
        let cols = T::columns(&st)?;
        let mut rows = st.raw_query();
        match rows.next()? {
            Some(r) => Ok(Some(T::from_lite(r, &cols)?)),
            None => Ok(None),
        }
    };
    run().map_err(classify)
}

pub(super) fn scalar<T: rusqlite::types::FromSql>(
    c: &Connection,
    sql: &str,
    args: &[Arg],
) -> DbResult<Option<T>> {
    let run = || -> rusqlite::Result<Option<T>> {
        let mut st = prepare(c, sql, args)?;
        let mut rows = st.raw_query();
        match rows.next()? {
            Some(r) => Ok(Some(r.get::<_, T>(0)?)),
            None => Ok(None),
        }
    };
    run().map_err(classify)
}

/// Runs a statement to the end (it may have `RETURNING` rows, which are skipped) and returns
/// the number of rows it changed.
pub(super) fn exec(c: &Connection, sql: &str, args: &[Arg]) -> DbResult<u64> {
    let run = || -> rusqlite::Result<u64> {
        let mut st = prepare(c, sql, args)?;
        let mut rows = st.raw_query();
        while rows.next()?.is_some() {}
        Ok(c.changes())
    };
    run().map_err(classify)
}
