//! One SQLite read transaction per request.
//!
//! In autocommit mode every statement is its own read transaction: it takes the file's shared
//! lock (two `fcntl` calls under SQLite's process-wide lock mutex), opens a WAL snapshot, and
//! drops the page cache when anything was written since the connection's last statement. A
//! profile of the home page (5 statements) put 27 % of the server's CPU in beginning and ending
//! those transactions. Inside [`scope`], the first read of a request takes a reader, opens a
//! deferred transaction on it and keeps both until the request ends, so the statements after
//! it pay none of that.
//!
//! A request's own writes must stay visible to it: the write path ends the read transaction
//! ([`end_snapshot`]) when a write transaction starts and again after it has committed, so the
//! next read opens a fresh snapshot. Reads outside a scope (background jobs, tasks a handler
//! spawns, the CLI) keep the per-statement behaviour. PostgreSQL is unaffected.

use std::cell::RefCell;
use std::future::Future;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::lite::{open_connection, run, Readers};
use super::DbResult;

tokio::task_local! {
    static SCOPE: RefCell<Option<Session>>;
}

/// Runs `f` (a request) with one read snapshot shared by its reads.
pub async fn scope<F: Future>(f: F) -> F::Output {
    SCOPE.scope(RefCell::new(None), f).await
}

/// The reader a request holds, with its open transaction.
struct Session {
    /// The pool the connection came from, and goes back to. It also tells two databases in
    /// one process apart (the tests run many): a session only serves its own pool.
    pool: Arc<Mutex<Vec<Connection>>>,
    /// Present while the read transaction is open.
    conn: Option<Connection>,
}

impl Session {
    /// Commits the read transaction (it wrote nothing, so this only releases the snapshot)
    /// and gives the reader back: a request waiting for the writer must not hold one.
    fn end(&mut self) {
        let Some(c) = self.conn.take() else {
            return;
        };
        // A connection in an unknown state is not given to the next request.
        if run(&c, "COMMIT").is_ok() && c.is_autocommit() {
            if let Ok(mut idle) = self.pool.lock() {
                if idle.len() < super::lite::IDLE_READERS {
                    idle.push(c);
                }
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.end();
    }
}

/// Runs `f` on the request's reader inside its read transaction. `None` when there is no scope
/// here, the scope belongs to another database, or it is busy (a read inside a read), so the
/// caller falls back to a reader of its own. `f` is only taken when it runs.
pub(super) fn with_snapshot<R, F>(readers: &Readers, f: &mut Option<F>) -> Option<DbResult<R>>
where
    F: FnOnce(&Connection) -> DbResult<R>,
{
    SCOPE
        .try_with(|cell| {
            let mut slot = cell.try_borrow_mut().ok()?;
            if slot
                .as_ref()
                .is_some_and(|s| !Arc::ptr_eq(&s.pool, &readers.idle))
            {
                return None;
            }
            if slot.as_ref().is_none_or(|s| s.conn.is_none()) {
                let conn = match readers.idle.lock().ok().and_then(|mut v| v.pop()) {
                    Some(c) => c,
                    None => open_connection(&readers.path).ok()?,
                };
                // Deferred: the snapshot starts at the first read below.
                if run(&conn, "BEGIN").is_err() {
                    return None;
                }
                *slot = Some(Session {
                    pool: readers.idle.clone(),
                    conn: Some(conn),
                });
            }
            let conn = slot.as_ref()?.conn.as_ref()?;
            let f = f.take()?;
            Some(f(conn))
        })
        .ok()
        .flatten()
}

/// Ends the current request's read transaction, if it has one: called by the write path so
/// that reads after a write see it.
pub(super) fn end_snapshot() {
    let _ = SCOPE.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            if let Some(s) = slot.as_mut() {
                s.end();
            }
        }
    });
}
