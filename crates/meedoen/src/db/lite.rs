//! The SQLite backend: statements run on the calling thread through rusqlite.
//!
//! sqlx's SQLite driver gives every connection its own worker thread and sends each statement
//! there and back. A profile of the benchmark showed half of the server's CPU in those
//! hand-offs (two context switches per statement, 6-8 statements per page), while the
//! statements themselves take microseconds. Running them inline on the task's own thread
//! removes that cost. Statements are short (the benchmark's slowest read is a few
//! milliseconds), so blocking the worker for that long is cheaper than the hand-off.
//!
//! Readers take a connection from a small pool. Outside a request they give it back before
//! they return; inside one, the request keeps one reader and one read transaction until it
//! ends (see `read_scope.rs` for why and for how a request still sees its own writes). The
//! single writer sits behind an async mutex: writers queue in-process instead of failing with
//! `SQLITE_BUSY`, and a transaction holds the mutex guard while it runs (see [`LiteTx`]).
//!
//! **Group commit.** Each logical transaction is a `SAVEPOINT` inside one physical transaction
//! that several of them share. When a logical transaction commits while others are queued for
//! the writer, it releases its savepoint, hands the writer on and waits; the physical `COMMIT`
//! happens when nobody is queued, when the batch is [`MAX_BATCH`] long, or [`MAX_AGE`] old, and
//! then every waiter learns the outcome. Nobody is acknowledged before the `COMMIT` that holds
//! their writes has succeeded, and a failed `COMMIT` fails them all. A transaction that is
//! dropped rolls back to its own savepoint only. Should the task due to commit a batch vanish
//! (a cancelled request), the waiters commit it themselves after [`RESCUE_AFTER`].
//!
//! **Checkpoints off the writer.** SQLite by default copies the WAL back into the database
//! (a checkpoint, with two `fsync`s) inside the commit that crosses 1,000 WAL pages, so on the
//! single writer, while every other write waits. A thread of its own ([`Checkpointer`]) does
//! it instead, on its own connection, every [`CHECKPOINT_EVERY`]; a `PASSIVE` checkpoint runs
//! beside readers and the writer. The writer checkpoints itself only past
//! [`WRITER_CHECKPOINT_PAGES`] (see there why it still must, now and then).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{oneshot, OwnedMutexGuard};

use rusqlite::{CachedStatement, Connection, OpenFlags};

use super::{read_scope, Arg, DbError, DbResult};

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
pub(super) const IDLE_READERS: usize = 16;
/// Prepared statements kept per connection. The application has a few hundred distinct SQL
/// texts; the hot ones must never be re-prepared.
const STATEMENT_CACHE: usize = 512;

/// Logical transactions per physical `COMMIT`, at most.
const MAX_BATCH: usize = 64;
/// A batch older than this commits at the next opportunity, which bounds the added latency.
const MAX_AGE: Duration = Duration::from_millis(2);
/// A waiter whose batch is still open after this long commits it itself.
const RESCUE_AFTER: Duration = Duration::from_millis(20);

/// How often the checkpointer thread copies the WAL into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(50);
/// WAL pages after which the writer's own commit checkpoints (SQLite's default is 1,000).
/// Under steady writes the checkpointer copies the pages but rarely sees the WAL wholly
/// copied between two commits, which the WAL needs to start over from its beginning; the
/// writer's own checkpoint, which no commit can overtake, makes that happen. At 4,000 pages
/// (16 MB) it does so four times less often than SQLite's default, and most pages are already
/// copied when it does. At 10,000 the WAL reached 40 MB under the ballot benchmark, at no
/// gain in speed.
const WRITER_CHECKPOINT_PAGES: i64 = 4_000;

type Outcome = Result<(), String>;

/// The writer connection and the physical transaction its logical transactions share.
pub(super) struct Writer {
    conn: Connection,
    batch: Option<Batch>,
    generation: u64,
}

struct Batch {
    generation: u64,
    started: Instant,
    /// Logical transactions that released their savepoint and wait for the `COMMIT`.
    waiters: Vec<oneshot::Sender<Outcome>>,
}

impl Writer {
    fn full(&self) -> bool {
        self.batch
            .as_ref()
            .is_some_and(|b| b.waiters.len() + 1 >= MAX_BATCH || b.started.elapsed() >= MAX_AGE)
    }

    /// Commits the open batch (if any) and tells every waiter the outcome.
    fn commit_batch(&mut self) -> Outcome {
        let Some(batch) = self.batch.take() else {
            return Ok(());
        };
        let outcome = if self.conn.is_autocommit() {
            // SQLite rolled the whole transaction back itself (an I/O error, a full disk).
            Err("the transaction was rolled back by the database".to_string())
        } else {
            match run(&self.conn, "COMMIT") {
                Ok(()) => Ok(()),
                Err(e) => {
                    if !self.conn.is_autocommit() {
                        let _ = run(&self.conn, "ROLLBACK");
                    }
                    Err(e.to_string())
                }
            }
        };
        for w in batch.waiters {
            let _ = w.send(outcome.clone());
        }
        outcome
    }

    /// Ends a batch nobody waits for: nothing in it is kept.
    fn abandon_batch(&mut self) {
        if self.batch.take().is_some() && !self.conn.is_autocommit() {
            if let Err(e) = run(&self.conn, "ROLLBACK") {
                tracing::error!(error = %e, "rollback failed");
            }
        }
    }
}

/// A statement without parameters or rows, from the statement cache.
pub(super) fn run(c: &Connection, sql: &str) -> rusqlite::Result<()> {
    c.prepare_cached(sql)?.raw_execute().map(|_| ())
}

/// The database file and the idle reader connections.
pub(super) struct Readers {
    pub(super) path: PathBuf,
    pub(super) idle: Arc<Mutex<Vec<Connection>>>,
}

pub(super) struct Lite {
    readers: Readers,
    writer: Arc<tokio::sync::Mutex<Writer>>,
    queue: Arc<WriterQueue>,
    checkpointer: Checkpointer,
}

/// The thread that checkpoints the WAL (see the module comment). It stops when told to or
/// when the [`Lite`] it belongs to is dropped.
struct Checkpointer {
    stop: Mutex<Option<std::sync::mpsc::Sender<()>>>,
}

impl Checkpointer {
    fn start(path: &Path) -> DbResult<Checkpointer> {
        let conn = open_connection(path)?;
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                // A message or a dropped sender both mean stop.
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    stopped.recv_timeout(CHECKPOINT_EVERY)
                {
                    let r = conn
                        .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(0));
                    match r {
                        Ok(_) => {}
                        // Another checkpoint (the writer's safety net) is running: next time.
                        Err(rusqlite::Error::SqliteFailure(f, _))
                            if f.code == rusqlite::ErrorCode::DatabaseBusy => {}
                        Err(e) => tracing::warn!(error = %e, "WAL checkpoint failed"),
                    }
                }
            })
            .map_err(DbError::Thread)?;
        Ok(Checkpointer {
            stop: Mutex::new(Some(stop)),
        })
    }

    fn stop(&self) {
        if let Ok(mut s) = self.stop.lock() {
            s.take();
        }
    }
}

/// What the tasks around the writer share without holding it.
#[derive(Default)]
struct WriterQueue {
    /// Tasks waiting for the writer: while there are any, a commit can wait for them.
    waiting: AtomicUsize,
    /// Time the writer was held, in nanoseconds, and by how many logical transactions: with
    /// one writer, busy time over wall time says how close writes are to their ceiling.
    held_ns: AtomicU64,
    transactions: AtomicU64,
}

/// How much the single SQLite writer has been used since start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WriterStats {
    /// Tasks waiting for the writer right now.
    pub waiting: usize,
    /// Seconds the writer was held by a transaction.
    pub held_seconds: f64,
    /// Logical write transactions that held it.
    pub transactions: u64,
}

impl Lite {
    pub(super) fn open(path: &Path) -> DbResult<Lite> {
        let writer = open_connection(path)?;
        // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, which keeps a
        // committed transaction through a process crash (the crash test proves it).
        writer
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(classify)?;
        writer
            .query_row(
                &format!("PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES}"),
                [],
                |_| Ok(()),
            )
            .map_err(classify)?;
        let checkpointer = Checkpointer::start(path)?;
        Ok(Lite {
            readers: Readers {
                path: path.to_path_buf(),
                idle: Arc::default(),
            },
            writer: Arc::new(tokio::sync::Mutex::new(Writer {
                conn: writer,
                batch: None,
                generation: 0,
            })),
            queue: Arc::default(),
            checkpointer,
        })
    }

    pub(super) fn path(&self) -> &Path {
        &self.readers.path
    }

    /// Runs `f` on a reader connection, on this thread: inside the request's read
    /// transaction when there is one (see `read_scope`), else in autocommit.
    pub(super) fn read<R>(&self, f: impl FnOnce(&Connection) -> DbResult<R>) -> DbResult<R> {
        let mut f = Some(f);
        if let Some(out) = read_scope::with_snapshot(&self.readers, &mut f) {
            return out;
        }
        match f {
            Some(f) => self.read_autocommit(f),
            None => Err(DbError::Lite(rusqlite::Error::InvalidQuery)),
        }
    }

    /// Runs `f` on a reader outside any transaction: for statements that cannot run in one
    /// (`VACUUM INTO`).
    pub(super) fn read_autocommit<R>(
        &self,
        f: impl FnOnce(&Connection) -> DbResult<R>,
    ) -> DbResult<R> {
        let idle = self.readers.idle.lock().ok().and_then(|mut v| v.pop());
        let conn = match idle {
            Some(c) => c,
            None => open_connection(&self.readers.path)?,
        };
        let out = f(&conn);
        if let Ok(mut v) = self.readers.idle.lock() {
            if v.len() < IDLE_READERS {
                v.push(conn);
            }
        }
        out
    }

    /// Starts a logical write transaction: waits for the writer, joins the open batch or
    /// starts one (`BEGIN IMMEDIATE`), and sets a savepoint.
    pub(super) async fn begin(&self) -> DbResult<LiteTx> {
        // A write is coming: reads after it must not see the request's older snapshot.
        read_scope::end_snapshot();
        // Counted while waiting, and uncounted however the wait ends: a request cancelled
        // here (a client that hung up) once left the count one too high for good, and then
        // every commit waited for company that never came, for `RESCUE_AFTER` each.
        let waiting = Queued::enter(&self.queue.waiting);
        let mut g = self.writer.clone().lock_owned().await;
        drop(waiting);
        let held_since = Instant::now();
        let w = &mut *g;
        if w.batch.is_some() && w.conn.is_autocommit() {
            // The batch's transaction is gone (rolled back by SQLite): fail its waiters.
            let _ = w.commit_batch();
        }
        if w.batch.is_none() {
            run(&w.conn, "BEGIN IMMEDIATE").map_err(classify)?;
            w.generation += 1;
            w.batch = Some(Batch {
                generation: w.generation,
                started: Instant::now(),
                waiters: Vec::new(),
            });
        }
        if let Err(e) = run(&w.conn, "SAVEPOINT w") {
            if w.batch.as_ref().is_some_and(|b| b.waiters.is_empty()) {
                w.abandon_batch();
            }
            return Err(classify(e));
        }
        Ok(LiteTx {
            guard: Some(g),
            writer: self.writer.clone(),
            queue: self.queue.clone(),
            held_since,
        })
    }

    pub(super) fn writer_stats(&self) -> WriterStats {
        let q = &self.queue;
        WriterStats {
            waiting: q.waiting.load(Ordering::SeqCst),
            held_seconds: q.held_ns.load(Ordering::Relaxed) as f64 / 1e9,
            transactions: q.transactions.load(Ordering::Relaxed),
        }
    }

    pub(super) fn close(&self) {
        self.checkpointer.stop();
        if let Ok(mut v) = self.readers.idle.lock() {
            v.clear();
        }
    }
}

pub(super) fn open_connection(path: &Path) -> DbResult<Connection> {
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

/// One task's place in the writer queue count, for as long as it waits.
struct Queued<'a>(&'a AtomicUsize);

impl<'a> Queued<'a> {
    fn enter(count: &'a AtomicUsize) -> Queued<'a> {
        count.fetch_add(1, Ordering::SeqCst);
        Queued(count)
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A logical write transaction on the single writer: a savepoint in the shared batch. It
/// holds the writer until it commits or is dropped; dropped without commit it rolls back to its
/// savepoint, as sqlx's transactions roll back.
pub struct LiteTx {
    guard: Option<OwnedMutexGuard<Writer>>,
    writer: Arc<tokio::sync::Mutex<Writer>>,
    queue: Arc<WriterQueue>,
    held_since: Instant,
}

impl LiteTx {
    pub(super) fn conn(&self) -> DbResult<&Connection> {
        match &self.guard {
            Some(g) => Ok(&g.conn),
            None => Err(DbError::Lite(rusqlite::Error::InvalidQuery)),
        }
    }

    /// Returns once the physical `COMMIT` holding this transaction has succeeded.
    pub(super) async fn commit(mut self) -> DbResult<()> {
        let Some(mut g) = self.guard.take() else {
            return Err(DbError::Lite(rusqlite::Error::InvalidQuery));
        };
        let w = &mut *g;
        if let Err(e) = run(&w.conn, "RELEASE w") {
            settle_after_rollback(w, &self.queue.waiting);
            self.released();
            return Err(classify(e));
        }
        if self.queue.waiting.load(Ordering::SeqCst) > 0 && !w.full() {
            if let Some(batch) = w.batch.as_mut() {
                let (tx, rx) = oneshot::channel();
                batch.waiters.push(tx);
                let generation = batch.generation;
                drop(g);
                self.released();
                let out = wait_for_commit(rx, generation, &self.writer).await;
                read_scope::end_snapshot();
                return out;
            }
        }
        let out = w.commit_batch().map_err(committed_error);
        drop(g);
        self.released();
        read_scope::end_snapshot();
        out
    }

    /// Counts the time this transaction held the writer; called once, as it lets go.
    fn released(&self) {
        let ns = u64::try_from(self.held_since.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.queue.held_ns.fetch_add(ns, Ordering::Relaxed);
        self.queue.transactions.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for LiteTx {
    fn drop(&mut self) {
        if let Some(mut g) = self.guard.take() {
            let w = &mut *g;
            if !w.conn.is_autocommit() {
                if let Err(e) =
                    run(&w.conn, "ROLLBACK TO w").and_then(|_| run(&w.conn, "RELEASE w"))
                {
                    tracing::error!(error = %e, "rollback to savepoint failed");
                }
            }
            settle_after_rollback(w, &self.queue.waiting);
            drop(g);
            self.released();
        }
    }
}

/// After a logical transaction rolled back: end the batch when nobody else will.
fn settle_after_rollback(w: &mut Writer, queued: &AtomicUsize) {
    let waiting = w.batch.as_ref().is_some_and(|b| !b.waiters.is_empty());
    if !waiting {
        w.abandon_batch();
    } else if queued.load(Ordering::SeqCst) == 0 || w.full() || w.conn.is_autocommit() {
        let _ = w.commit_batch();
    }
}

async fn wait_for_commit(
    mut rx: oneshot::Receiver<Outcome>,
    generation: u64,
    writer: &Arc<tokio::sync::Mutex<Writer>>,
) -> DbResult<()> {
    loop {
        match tokio::time::timeout(RESCUE_AFTER, &mut rx).await {
            Ok(Ok(outcome)) => return outcome.map_err(committed_error),
            Ok(Err(_)) => return Err(committed_error("the batch was dropped".into())),
            Err(_) => {
                let mut g = writer.lock().await;
                if g.batch.as_ref().is_some_and(|b| b.generation == generation) {
                    let _ = g.commit_batch();
                }
            }
        }
    }
}

fn committed_error(msg: String) -> DbError {
    DbError::Lite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ABORT),
        Some(format!("commit failed: {msg}")),
    ))
}

/// Maps rusqlite's errors onto the same variants the PostgreSQL path produces.
pub(super) fn classify(e: rusqlite::Error) -> DbError {
    use rusqlite::ffi;
    match &e {
        rusqlite::Error::QueryReturnedNoRows => DbError::NotFound,
        rusqlite::Error::SqliteFailure(f, msg)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
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
fn prepare<'c>(
    c: &'c Connection,
    sql: &str,
    args: &[Arg],
) -> rusqlite::Result<CachedStatement<'c>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, sqlx::FromRow, meedoen_macros::LiteRow)]
    struct Row {
        id: i64,
        name: String,
        #[sqlx(skip)]
        skipped: i64,
        score: Option<f64>,
    }

    fn rows(sql: &str) -> Vec<Row> {
        let c = Connection::open_in_memory().expect("memory db");
        all::<Row>(&c, sql, &[]).expect(sql)
    }

    #[test]
    fn rows_decode_by_name_in_any_column_order() {
        let want = vec![Row {
            id: 7,
            name: "Zaal".into(),
            skipped: 0,
            score: Some(1.5),
        }];
        // In the struct's order, in another order, with other columns between, and with
        // names in another case: the same row every time.
        for sql in [
            "SELECT 7 AS id, 'Zaal' AS name, 1.5 AS score",
            "SELECT 1.5 AS score, 7 AS id, 'Zaal' AS name",
            "SELECT 'x' AS other, 7 AS id, 'Zaal' AS name, 1.5 AS score",
            "SELECT 7 AS ID, 'Zaal' AS Name, 1.5 AS SCORE",
            "SELECT 7 AS id, 1.5 AS score, 'Zaal' AS name",
        ] {
            assert_eq!(rows(sql), want, "{sql}");
        }
        // A name twice: the first counts, as with `Statement::column_index`.
        assert_eq!(
            rows("SELECT 7 AS id, 'Zaal' AS name, 1.5 AS score, 99 AS id"),
            want
        );
        let c = Connection::open_in_memory().expect("memory db");
        match all::<Row>(&c, "SELECT 7 AS id, 1.5 AS score", &[]) {
            Err(DbError::Lite(rusqlite::Error::InvalidColumnName(name))) => {
                assert_eq!(name, "name", "the missing column is named")
            }
            other => panic!("a missing column is an error: {other:?}"),
        }
    }
}
