//! Write transactions under load: on SQLite many logical transactions share one physical
//! `COMMIT` (group commit, `src/db/lite.rs`); on PostgreSQL each commits on its own. On both,
//! exactly the transactions whose `commit` returned `Ok` are in the database afterwards; rolled
//! back ones, failed ones and cancelled ones leave nothing, and nobody hangs.

use std::collections::BTreeSet;
use std::time::Duration;

use meedoen::args;
use meedoen::db::Db;

use crate::both;
use crate::support::TestApp;

both!(
    acknowledged_writes_are_exactly_the_committed_ones,
    acknowledged_exactly
);

async fn acknowledged_exactly(app: TestApp) {
    let db = app.db.clone();
    db.exec(
        "CREATE TABLE gc_probe (id BIGINT PRIMARY KEY, note TEXT NOT NULL)",
        args![],
    )
    .await
    .unwrap();
    let before = db.writer_stats();

    let mut tasks = Vec::new();
    for i in 0..400i64 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move { one_writer(db, i).await }));
    }
    // Cancel some tasks while they may be queued for the writer or waiting for a batch: a
    // cancelled request must neither hang the others nor lose their acknowledged writes.
    for (k, t) in tasks.iter().enumerate() {
        if k % 11 == 5 {
            t.abort();
        }
    }
    let mut committed = BTreeSet::new();
    for t in tasks {
        if let Ok(Some(id)) = tokio::time::timeout(Duration::from_secs(30), t)
            .await
            .expect("a writer hung")
        {
            committed.insert(id);
        }
    }
    let rows: Vec<(i64,)> = db
        .all("SELECT id FROM gc_probe ORDER BY id", args![])
        .await
        .unwrap();
    let stored: BTreeSet<i64> = rows.into_iter().map(|(id,)| id).collect();
    // Every acknowledged write is there. A cancelled task may have committed without being
    // able to say so, so the stored set may hold those too, but never a rolled-back one.
    assert!(
        committed.is_subset(&stored),
        "acknowledged but missing: {:?}",
        committed.difference(&stored).collect::<Vec<_>>()
    );
    for id in &stored {
        assert!(id % 3 != 0, "rolled-back write {id} was stored");
        assert!(
            id % 7 != 0,
            "write {id} whose transaction failed was stored"
        );
    }
    assert!(
        committed.len() > 150,
        "too few commits: {}",
        committed.len()
    );
    // Nobody is counted as waiting for the writer any more, cancelled tasks included: a count
    // left too high makes every later commit wait for company that never comes.
    if let Some(n) = db.writers_queued() {
        assert_eq!(n, 0, "writers still counted as queued");
    }
    // Every transaction that held the writer is counted, the rolled-back and failed ones as
    // well: each task that was not cancelled held it once.
    if let (Some(a), Some(b)) = (before, db.writer_stats()) {
        let not_cancelled = (0..400u64).filter(|k| k % 11 != 5).count() as u64;
        assert!(
            b.transactions - a.transactions >= not_cancelled,
            "{a:?} -> {b:?}, {not_cancelled} tasks not cancelled"
        );
        assert!(b.held_seconds > a.held_seconds, "{a:?} -> {b:?}");
    }
    // The writer is free again: a plain write goes through at once.
    db.exec(
        "INSERT INTO gc_probe (id, note) VALUES ($1, $2)",
        args![100_000i64, "na afloop"],
    )
    .await
    .unwrap();
    app.stop().await;
}

both!(
    requests_cancelled_while_queued_leave_no_trace,
    cancelled_while_queued
);

/// Requests that hang up while they wait for the writer (wrk stopping, a closed browser tab)
/// must leave the queue count as it was. They once did not, and from then on every commit
/// waited 20 ms for a batch partner that never came: 16 connections did 800 likes a second.
async fn cancelled_while_queued(app: TestApp) {
    let db = app.db.clone();
    db.exec("CREATE TABLE gc_cancel (id BIGINT PRIMARY KEY)", args![])
        .await
        .unwrap();
    for round in 0..5i64 {
        // One task holds the writer, so the others queue behind it.
        let holder = db.begin().await.unwrap();
        let mut queued = Vec::new();
        for k in 0..20i64 {
            let db = db.clone();
            queued.push(tokio::spawn(async move {
                let mut tx = db.begin().await.unwrap();
                tx.run(
                    "INSERT INTO gc_cancel (id) VALUES ($1)",
                    args![round * 100 + k],
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
            }));
        }
        // (A background job may be queued too, hence "at least".)
        if db.writers_queued().is_some() {
            for _ in 0..200 {
                if db.writers_queued() >= Some(20) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            assert!(db.writers_queued() >= Some(20), "all queued");
        }
        for t in &queued {
            t.abort();
        }
        for t in queued {
            let _ = t.await;
        }
        drop(holder);
        // Background jobs finish within moments; a leaked count would stay for good.
        for _ in 0..200 {
            if db.writers_queued().unwrap_or(0) == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(db.writers_queued().unwrap_or(0), 0, "round {round}");
    }
    // On SQLite every cancelled writer was still queued behind the holder, so nothing of
    // theirs is stored. (PostgreSQL has no single writer: there they may have committed.)
    if db.writers_queued().is_some() {
        let n: i64 = db
            .scalar("SELECT COUNT(*) FROM gc_cancel", args![])
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n, 0);
    }
    // A lone write commits on its own (with an id no round uses: on PostgreSQL a cancelled
    // writer of round 0 may have stored id 1).
    db.exec("INSERT INTO gc_cancel (id) VALUES (-1)", args![])
        .await
        .unwrap();
    app.stop().await;
}

/// Writes row `i`, then: rolls back (i % 3 == 0), fails on a duplicate key and gives up
/// (i % 7 == 0), or commits. Returns the id if the commit was acknowledged.
async fn one_writer(db: Db, i: i64) -> Option<i64> {
    let mut tx = db.begin().await.ok()?;
    tx.run(
        "INSERT INTO gc_probe (id, note) VALUES ($1, $2)",
        args![i, format!("schrijver {i}")],
    )
    .await
    .ok()?;
    if i % 3 == 0 {
        return None; // dropped: rolls back
    }
    if i % 7 == 0 {
        let dup = tx
            .run(
                "INSERT INTO gc_probe (id, note) VALUES ($1, $2)",
                args![i, "dubbel"],
            )
            .await;
        assert!(dup.as_ref().is_err_and(|e| e.is_unique()), "{dup:?}");
        return None;
    }
    tokio::task::yield_now().await;
    tx.commit().await.ok()?;
    Some(i)
}

/// The WAL is copied back into the database by the checkpointer thread, not inside the
/// writer's commits (`src/db/lite.rs`). The writer itself checkpoints only past 4,000 WAL
/// pages; these 500 commits write about 1,100. So once they stop, the WAL's pages get copied
/// (the wal-index's `nBackfill` reaches `mxFrame`) only if the thread runs; with it stopped,
/// `nBackfill` stays 0. (An earlier version of this test bounded the WAL's size while writing;
/// on a loaded machine a checkpoint did not always finish between two commits, which the WAL
/// needs to start over, and the writer's own checkpoint took over.)
#[tokio::test]
async fn checkpointer_copies_the_wal_without_the_writer() {
    let app = TestApp::spawn(crate::support::Backend::Sqlite).await;
    let db = app.db.clone();
    db.exec(
        "CREATE TABLE gc_wal (id BIGINT PRIMARY KEY, note TEXT NOT NULL)",
        args![],
    )
    .await
    .unwrap();
    let shm = app
        .data_dir
        .parent()
        .expect("the test directory")
        .join("test.db-shm");
    for i in 0..500i64 {
        db.exec(
            "INSERT INTO gc_wal (id, note) VALUES ($1, $2)",
            args![i, "x".repeat(200)],
        )
        .await
        .unwrap();
    }
    let mut last = None;
    for _ in 0..400 {
        last = wal_progress(&shm);
        if let Some((frames, copied)) = last {
            if frames > 0 && copied == frames {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let (frames, copied) = last.expect("a wal-index");
    assert!(
        frames > 0 && copied == frames,
        "{copied} of {frames} WAL pages copied 10 s after the last commit: nobody checkpoints"
    );
    let n: i64 = db
        .scalar("SELECT COUNT(*) FROM gc_wal", args![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 500);
    app.stop().await;
}

/// `mxFrame` (pages in the WAL) and `nBackfill` (pages of it copied into the database) from
/// the wal-index file, in this machine's byte order: <https://sqlite.org/walformat.html>.
fn wal_progress(shm: &std::path::Path) -> Option<(u32, u32)> {
    let b = std::fs::read(shm).ok()?;
    let at = |o: usize| Some(u32::from_ne_bytes(b.get(o..o + 4)?.try_into().ok()?));
    Some((at(16)?, at(96)?))
}
