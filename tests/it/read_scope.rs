//! One SQLite read snapshot per request (`src/db/read_scope.rs`): the reads of a request share
//! one transaction, and yet the request sees its own writes, whichever way it writes.

use meedoen::args;
use meedoen::db::Db;

use crate::both;
use crate::support::{Backend, TestApp};

async fn probe(db: &Db) {
    db.exec(
        "CREATE TABLE rs_probe (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)",
        args![],
    )
    .await
    .unwrap();
    db.exec("INSERT INTO rs_probe (id, n) VALUES (1, 0)", args![])
        .await
        .unwrap();
}

async fn n(db: &Db) -> i64 {
    db.scalar::<i64>("SELECT n FROM rs_probe WHERE id = 1", args![])
        .await
        .unwrap()
        .unwrap()
}

both!(a_request_sees_its_own_writes, own_writes);

async fn own_writes(app: TestApp) {
    let db = app.db.clone();
    probe(&db).await;
    let seen = meedoen::db::read_scope(async {
        let mut seen = vec![n(&db).await];
        for i in 1..=3i64 {
            db.exec("UPDATE rs_probe SET n = $1 WHERE id = 1", args![i])
                .await
                .unwrap();
            seen.push(n(&db).await);
        }
        let mut tx = db.begin().await.unwrap();
        tx.run("UPDATE rs_probe SET n = 10 WHERE id = 1", args![])
            .await
            .unwrap();
        // A read beside the open write transaction sees the last commit, not the write...
        seen.push(n(&db).await);
        tx.commit().await.unwrap();
        // ...and after the commit it sees the write.
        seen.push(n(&db).await);
        // A rolled-back write leaves the value alone.
        let mut tx = db.begin().await.unwrap();
        tx.run("UPDATE rs_probe SET n = 99 WHERE id = 1", args![])
            .await
            .unwrap();
        drop(tx);
        seen.push(n(&db).await);
        seen
    })
    .await;
    assert_eq!(seen, vec![0, 1, 2, 3, 3, 10, 10]);
    app.stop().await;
}

/// Another request's commit does not show up halfway through a request: its reads come from
/// one snapshot. Only SQLite has the per-request snapshot.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reads_in_a_request_share_one_snapshot() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let db = app.db.clone();
    probe(&db).await;
    let (first, second) = meedoen::db::read_scope(async {
        let first = n(&db).await;
        // A spawned task runs outside this request's scope, like another request.
        let other = db.clone();
        tokio::spawn(async move {
            other
                .exec("UPDATE rs_probe SET n = 5 WHERE id = 1", args![])
                .await
                .unwrap();
        })
        .await
        .unwrap();
        (first, n(&db).await)
    })
    .await;
    assert_eq!((first, second), (0, 0), "one snapshot per request");
    // The next request starts a new snapshot.
    assert_eq!(meedoen::db::read_scope(n(&db)).await, 5);
    // Many requests in a row reuse readers and keep working.
    for _ in 0..200 {
        assert_eq!(meedoen::db::read_scope(n(&db)).await, 5);
    }
    app.stop().await;
}
