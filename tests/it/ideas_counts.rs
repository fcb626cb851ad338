//! The idea list's unfiltered total comes from `idea_status_counts`, which triggers keep in
//! step with `ideas` (migration 0014). Every kind of write moves them: a submission through the
//! site, inserts, status changes, moves between components, deletes; after each the counters
//! equal a recount, and the list shows the recounted total.

use meedoen::args;
use meedoen::components::ideas::store::{list, list_head, ListFilter};

use crate::both;
use crate::ideas::{setup, submit};
use crate::support::TestApp;

both!(idea_counters_follow_every_write, counters_follow_writes);

async fn recount_matches(app: &TestApp, cids: &[i64]) {
    let counted: Vec<(i64, String, i64)> = app
        .db
        .all(
            "SELECT component_id, status, n FROM idea_status_counts WHERE n <> 0 ORDER BY component_id, status",
            args![],
        )
        .await
        .unwrap();
    let recount: Vec<(i64, String, i64)> = app
        .db
        .all(
            "SELECT component_id, status, CAST(COUNT(*) AS BIGINT) FROM ideas \
             GROUP BY component_id, status ORDER BY component_id, status",
            args![],
        )
        .await
        .unwrap();
    assert_eq!(counted, recount);
    for cid in cids {
        let f = ListFilter {
            area: 0,
            theme: 0,
            status: String::new(),
            search: String::new(),
            sort: "nieuw",
            seed: 1,
            page: 1,
        };
        let head = list_head(&app.db, app.org_id, *cid)
            .await
            .unwrap()
            .expect("an ideas component");
        let (_, total) = list(&app.db, app.org_id, *cid, &f, head.unfiltered_total)
            .await
            .unwrap();
        let expected: i64 = app
            .db
            .scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM ideas WHERE org_id = $1 AND component_id = $2 AND status <> 'draft'",
                args![app.org_id, *cid],
            )
            .await
            .unwrap()
            .unwrap_or(-1);
        assert_eq!(total, expected, "total of component {cid}");
    }
}

async fn counters_follow_writes(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("schrijver@enschede.test").await;
    let first = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    recount_matches(&app, &[fx.cid]).await;
    let insert = "INSERT INTO ideas (org_id, component_id, title, summary, description, status, created_at, updated_at) \
                  VALUES ($1, $2, $3, 'Samenvatting', 'Beschrijving', $4, 1, 1) RETURNING id";
    let mut ids = vec![first];
    for (k, status) in ["draft", "submitted", "accepted", "rejected", "submitted"]
        .iter()
        .enumerate()
    {
        let id: i64 = app
            .db
            .write_scalar(
                insert,
                args![app.org_id, fx.cid, format!("Idee {k}"), *status],
            )
            .await
            .unwrap();
        ids.push(id);
    }
    recount_matches(&app, &[fx.cid]).await;
    // A draft is submitted, an accepted idea is selected: the total follows.
    app.db
        .exec(
            "UPDATE ideas SET status = 'submitted' WHERE id = $1",
            args![ids[1]],
        )
        .await
        .unwrap();
    app.db
        .exec(
            "UPDATE ideas SET status = 'selected' WHERE id = $1",
            args![ids[3]],
        )
        .await
        .unwrap();
    // An update that leaves the status alone changes nothing.
    app.db
        .exec(
            "UPDATE ideas SET title = 'Andere titel' WHERE id = $1",
            args![ids[2]],
        )
        .await
        .unwrap();
    recount_matches(&app, &[fx.cid]).await;
    // Deleting ideas, in a transaction that also rolls one change back.
    let mut tx = app.db.begin().await.unwrap();
    tx.run("DELETE FROM ideas WHERE id = $1", args![ids[4]])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    {
        let mut tx = app.db.begin().await.unwrap();
        tx.run("DELETE FROM ideas WHERE id = $1", args![ids[5]])
            .await
            .unwrap();
        // dropped: rolled back, counters included
    }
    recount_matches(&app, &[fx.cid]).await;
    app.stop().await;
}
