//! Sharded ballot counters. Under parallel casts and changes every idea's counter (the sum over
//! its shards) equals a recount of the stored choices, and each ballot's votes sit in the shard
//! of its own id (PostgreSQL; SQLite keeps one shard): that is where a later change takes them
//! back from, so no shard may hold votes of another ballot's shard.

use std::collections::BTreeMap;

use meedoen::args;
use meedoen::components::ballot::store::tally_shards;

use crate::ballot::{form, insert_idea, post, quick_member, recount, setup, spawn_post, tallies};
use crate::both;
use crate::support::TestApp;

/// (idea, shard) → votes, as stored.
async fn shards(app: &TestApp, ballot: i64) -> BTreeMap<(i64, i64), i64> {
    let rows: Vec<(i64, i64, i64)> = app
        .db
        .all(
            "SELECT idea_id, shard, votes FROM ballot_tallies WHERE component_id = $1 AND votes <> 0",
            args![ballot],
        )
        .await
        .unwrap();
    rows.into_iter().map(|(i, s, v)| ((i, s), v)).collect()
}

/// (idea, shard) → votes, recounted from the choices with each ballot in its own shard.
async fn shard_recount(app: &TestApp, ballot: i64) -> BTreeMap<(i64, i64), i64> {
    let shards = tally_shards(app.db.backend());
    let mut out = BTreeMap::new();
    for (b, idea) in crate::support::ballot_choices(&app.db, ballot).await {
        *out.entry((idea, b % shards)).or_insert(0) += 1;
    }
    out
}

async fn assert_counters_match(app: &TestApp, ballot: i64) {
    let t = tallies(app, ballot).await;
    assert!(!t.is_empty());
    assert_eq!(t, recount(app, ballot).await, "sum over shards = recount");
    let s = shards(app, ballot).await;
    assert_eq!(
        s,
        shard_recount(app, ballot).await,
        "every ballot's votes in its own shard"
    );
    let used: std::collections::BTreeSet<i64> = s.keys().map(|k| k.1).collect();
    if tally_shards(app.db.backend()) > 1 {
        assert!(used.len() > 1, "votes spread over shards: {used:?}");
    } else {
        assert_eq!(used.into_iter().collect::<Vec<_>>(), [0]);
    }
    let bad: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM ballot_tallies WHERE component_id = $1 AND (votes < 0 OR shard < 0 OR shard >= $2)",
            args![ballot, tally_shards(app.db.backend())],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bad, 0);
}

/// Budget ballot (5 ideas, € 50.000): 96 voters at once, each casting and changing four times
/// (once to the same choice), and every eighth voter also racing five casts of their own.
async fn parallel_changes_keep_shards_equal_to_recount(app: TestApp) {
    let fx = setup(&app).await;
    let b = fx.ballot;
    // Choices within the budget (costs 10k, 20k, 15k, 5k, 30k).
    const VALID: [&[usize]; 8] = [
        &[0, 1],
        &[2, 3],
        &[0, 2, 3],
        &[3, 4],
        &[1, 2],
        &[0, 4],
        &[1, 2, 3],
        &[0, 1, 3],
    ];
    let pick = |k: usize| -> Vec<i64> {
        VALID[k % VALID.len()]
            .iter()
            .map(|&i| fx.ideas[i])
            .collect()
    };
    let mut clients = Vec::new();
    for n in 0..96usize {
        let uid = quick_member(&app, app.org_id, n).await;
        clients.push(app.session_for(uid, false).await);
    }
    let url = app.url(&format!("/stemmen/{b}/bevestigen"));
    let mut tasks = Vec::new();
    for (n, c) in clients.into_iter().enumerate() {
        let steps = [pick(n), pick(n + 3), pick(n + 3), pick(n * 5 + 1)];
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::new();
            for s in &steps {
                let r = c.post(&url).form(&form(s, None)).send().await.unwrap();
                out.push(r.status().as_u16());
            }
            if n % 8 == 0 {
                let mut race = Vec::new();
                for k in 0..5 {
                    race.push(spawn_post(
                        c.clone(),
                        url.clone(),
                        form(&steps[k % 4], None),
                    ));
                }
                for r in race {
                    out.push(r.await.unwrap());
                }
            }
            out
        }));
    }
    for t in tasks {
        for s in t.await.unwrap() {
            assert_eq!(s, 303);
        }
    }
    let n: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM ballots WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 96);
    assert_counters_match(&app, b).await;
}

/// Count ballot over 40 ideas: choices longer than one statement's 16 ids, and changes of 30
/// ideas at once (ups and downs mixed over two statements), by 24 voters at once.
async fn long_choices_change_in_chunks(app: TestApp) {
    let fx = setup(&app).await;
    let b = fx.ballot;
    let ideas_cid: i64 = app
        .db
        .scalar(
            "SELECT ideas_component_id FROM ballot_settings WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap()
        .unwrap();
    let mut ideas = fx.ideas.clone();
    for k in ideas.len()..40 {
        ideas.push(insert_idea(&app, ideas_cid, &format!("Idee {k}"), 1_000, "accepted").await);
    }
    let cid = ideas_cid.to_string();
    let f: Vec<(String, String)> = [
        ("ideas_component_id", cid.as_str()),
        ("ballot_type", "count"),
        ("min_count", "1"),
        ("max_count", "40"),
        ("winners", "3"),
        ("opens_at", "2020-01-01T00:00"),
        ("closes_at", "2099-01-01T00:00"),
        ("allow_members", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let r = post(&app, &fx.staff, &format!("/beheer/stemmen/{b}"), &f).await;
    assert_eq!(r.status(), 303);
    let mut clients = Vec::new();
    for n in 0..24usize {
        let uid = quick_member(&app, app.org_id, n).await;
        clients.push(app.session_for(uid, false).await);
    }
    let url = app.url(&format!("/stemmen/{b}/bevestigen"));
    let mut tasks = Vec::new();
    for (n, c) in clients.into_iter().enumerate() {
        let steps: Vec<Vec<i64>> = vec![
            ideas[0..20].to_vec(),
            ideas[10..40].to_vec(),
            ideas[0..5].iter().chain(&ideas[30..40]).copied().collect(),
            ideas.iter().skip(n % 3).step_by(2).copied().collect(),
        ];
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::new();
            // Some voters stop early, so the final choices differ.
            for s in steps.iter().take(1 + n % 4) {
                out.push(
                    c.post(&url)
                        .form(&form(s, None))
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16(),
                );
            }
            out
        }));
    }
    for t in tasks {
        for s in t.await.unwrap() {
            assert_eq!(s, 303);
        }
    }
    assert_counters_match(&app, b).await;
}

both!(
    shards_parallel_changes,
    parallel_changes_keep_shards_equal_to_recount
);
both!(shards_long_choices, long_choices_change_in_chunks);
