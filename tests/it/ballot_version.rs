//! A cast checks the window, the voter and the rules before its write transaction, and writes
//! only while the ballot's settings still have the `version` it checked against (migration
//! 0017). These tests pin both halves: the version moves on every change that can alter a
//! check's outcome or what the vote page shows (and not on likes or comments), and a cast
//! that checked stale settings checks again instead of writing.

use meedoen::args;
use meedoen::components::ballot::store::{self, CastError, Settings, Voter};
use meedoen::db::Arg;

use crate::ballot::{insert_idea, quick_member, recount, setup, tallies};
use crate::both;
use crate::support::TestApp;

async fn version(app: &TestApp, ballot: i64) -> i64 {
    app.db
        .scalar(
            "SELECT version FROM ballot_settings WHERE component_id = $1",
            args![ballot],
        )
        .await
        .unwrap()
        .unwrap()
}

async fn ideas_component(app: &TestApp, ballot: i64) -> i64 {
    app.db
        .scalar(
            "SELECT ideas_component_id FROM ballot_settings WHERE component_id = $1",
            args![ballot],
        )
        .await
        .unwrap()
        .unwrap()
}

both!(
    ballot_version_moves,
    version_moves_on_every_change_a_ballot_reads
);

async fn version_moves_on_every_change_a_ballot_reads(app: TestApp) {
    let fx = setup(&app).await;
    let b = fx.ballot;
    let (idea, other) = (fx.ideas[0], fx.ideas[1]);
    let area: i64 = app
        .db
        .write_scalar(
            "INSERT INTO areas (org_id, kind, name, slug) VALUES ($1, 'district', 'Zuid', 'zuid') RETURNING id",
            args![app.org_id],
        )
        .await
        .unwrap();
    let org = app.org_id;
    let changes: Vec<(&str, &'static str, Vec<Arg>)> = vec![
        (
            "the settings row",
            "UPDATE ballot_settings SET closes_at = closes_at + 60 WHERE component_id = $1",
            args![b],
        ),
        (
            "an idea's status",
            "UPDATE ideas SET status = 'selected' WHERE id = $1",
            args![idea],
        ),
        (
            "an idea hidden",
            "UPDATE ideas SET hidden = TRUE WHERE id = $1",
            args![idea],
        ),
        (
            "an idea's cost",
            "UPDATE ideas SET cost = cost + 1 WHERE id = $1",
            args![idea],
        ),
        (
            "an idea's area",
            "UPDATE ideas SET area_id = $2 WHERE id = $1",
            args![idea, area],
        ),
        (
            "an idea removed",
            "DELETE FROM ideas WHERE id = $1",
            args![other],
        ),
        (
            "an area rule added",
            "INSERT INTO ballot_area_rules (org_id, component_id, area_id, max_budget) VALUES ($1, $2, $3, 1000)",
            args![org, b, area],
        ),
        (
            "an area rule changed",
            "UPDATE ballot_area_rules SET max_budget = 2000 WHERE component_id = $1",
            args![b],
        ),
        (
            "an area rule removed",
            "DELETE FROM ballot_area_rules WHERE component_id = $1",
            args![b],
        ),
    ];
    // The vote page lists the ideas from memory at the settings' version: a change shows at
    // once.
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let page = |c: reqwest::Client| {
        let url = app.url(&format!("/stemmen/{b}"));
        async move {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.text().await.unwrap()
        }
    };
    assert!(page(member.clone()).await.contains("Idee nummer 1"));
    for (what, sql, args) in changes {
        let before = version(&app, b).await;
        assert_eq!(app.db.exec(sql, args).await.unwrap(), 1, "{what}");
        assert!(version(&app, b).await > before, "{what} moves the version");
    }
    let listed = page(member.clone()).await;
    assert!(
        !listed.contains("Idee nummer 0") && !listed.contains("Idee nummer 1"),
        "hidden and removed ideas leave the vote page: {listed}"
    );
    let before = version(&app, b).await;
    insert_idea(
        &app,
        ideas_component(&app, b).await,
        "Nieuw idee",
        500,
        "accepted",
    )
    .await;
    assert!(
        version(&app, b).await > before,
        "a new idea moves the version"
    );
    assert!(page(member.clone()).await.contains("Nieuw idee"));

    // The vote page shows an idea's title and summary, so a new title moves the version and
    // shows at once.
    let shown = fx.ideas[2];
    let before = version(&app, b).await;
    app.db
        .exec(
            "UPDATE ideas SET title = 'Een andere titel' WHERE id = $1",
            args![shown],
        )
        .await
        .unwrap();
    assert!(
        version(&app, b).await > before,
        "a new title moves the version"
    );
    assert!(page(member.clone()).await.contains("Een andere titel"));

    // What a ballot does not read leaves it alone: likes, comments and the description
    // change all through a vote.
    let before = version(&app, b).await;
    app.db
        .exec(
            "UPDATE ideas SET like_count = like_count + 1, comment_count = comment_count + 1, \
             description = 'Een langere beschrijving', updated_at = updated_at + 1 WHERE id = $1",
            args![shown],
        )
        .await
        .unwrap();
    assert_eq!(
        version(&app, b).await,
        before,
        "likes, comments and the description keep the version"
    );
    app.stop().await;
}

both!(ballot_stale_checks, a_cast_on_stale_settings_checks_again);

async fn a_cast_on_stale_settings_checks_again(app: TestApp) {
    let fx = setup(&app).await;
    let (b, org) = (fx.ballot, app.org_id);
    let state = app.app.as_ref().expect("running").state().clone();
    let settings = || async {
        store::load_voting_settings(&state, org, b)
            .await
            .unwrap()
            .unwrap()
    };

    // Staff hide an idea after the voter's page read the settings: the cast checks again on
    // fresh reads and refuses the hidden idea. Nothing is written.
    let stale: Settings = settings().await;
    app.db
        .exec(
            "UPDATE ideas SET hidden = TRUE WHERE id = $1",
            args![fx.ideas[0]],
        )
        .await
        .unwrap();
    let voter = Voter::Member(quick_member(&app, org, 1).await);
    let r = store::cast(
        &state,
        org,
        b,
        &voter,
        &[fx.ideas[0], fx.ideas[1]],
        None,
        &stale,
    )
    .await;
    assert!(matches!(r, Err(CastError::Rules(_))), "{r:?}");
    assert_eq!(crate::ballot::ballots(&app, b).await, 0);

    // Staff close the vote meanwhile: refused as closed, although the stale settings say open.
    let stale = settings().await;
    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = 1000 WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap();
    let r = store::cast(&state, org, b, &voter, &[fx.ideas[1]], None, &stale).await;
    assert!(matches!(r, Err(CastError::Closed)), "{r:?}");
    assert_eq!(crate::ballot::ballots(&app, b).await, 0);

    // A change that keeps the choice valid: checked again, then written once.
    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = 4070908800 WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap();
    let stale = settings().await;
    app.db
        .exec(
            "UPDATE ideas SET cost = cost + 1 WHERE id = $1",
            args![fx.ideas[2]],
        )
        .await
        .unwrap();
    store::cast(&state, org, b, &voter, &[fx.ideas[1]], None, &stale)
        .await
        .expect("cast");
    assert_eq!(crate::ballot::ballots(&app, b).await, 1);
    assert_eq!(tallies(&app, b).await, recount(&app, b).await);
    assert_eq!(tallies(&app, b).await.get(&fx.ideas[1]), Some(&1));

    // Statements per cast with current settings: the ideas come from memory, so only the
    // transaction (counted as one), the ballot row with its choices (and the version check),
    // and the counters. A replaced ballot learns its old choices from the same ballot-row
    // statement, and moves counters instead of adding them.
    let current = settings().await;
    let mut first = u64::MAX;
    let mut replaced = u64::MAX;
    for n in 0..6 {
        let v = Voter::Member(quick_member(&app, org, 100 + n).await);
        let before = app.db.query_count();
        store::cast(
            &state,
            org,
            b,
            &v,
            &[fx.ideas[1], fx.ideas[2]],
            None,
            &current,
        )
        .await
        .expect("first cast");
        first = first.min(app.db.query_count() - before);
        let before = app.db.query_count();
        store::cast(
            &state,
            org,
            b,
            &v,
            &[fx.ideas[2], fx.ideas[3]],
            None,
            &current,
        )
        .await
        .expect("replaced cast");
        replaced = replaced.min(app.db.query_count() - before);
    }
    if app.backend == crate::support::Backend::Sqlite {
        assert_eq!(first, 3, "begin, ballot row with choices, counters");
        assert_eq!(
            replaced, 3,
            "begin, ballot row with choices (old ones returned), counters moved"
        );
    } else {
        // PostgreSQL: all of it in one statement, its own transaction (one round trip).
        assert_eq!((first, replaced), (1, 1));
    }

    // The whole request: the session, then the component with its project and settings in
    // one statement, then the cast.
    let mut least = u64::MAX;
    for n in 0..4 {
        let voter = app
            .session_for(quick_member(&app, org, 300 + n).await, false)
            .await;
        let (url, form) = (
            app.url(&format!("/stemmen/{b}/bevestigen")),
            crate::ballot::form(&[fx.ideas[1], fx.ideas[2]], None),
        );
        let before = app.db.query_count();
        assert_eq!(crate::ballot::post_status(&voter, &url, &form).await, 303);
        least = least.min(app.db.query_count() - before);
    }
    let cast = if app.backend == crate::support::Backend::Sqlite {
        3
    } else {
        1
    };
    assert_eq!(least, 2 + cast, "session, place with settings, the cast");
    assert_eq!(tallies(&app, b).await, recount(&app, b).await);
    app.stop().await;
}

both!(ballot_rows_cascade, counters_go_with_what_they_belong_to);

/// Counters cascade with their idea and their ballot component (migration 0018 kept those keys).
/// Choices are text on the ballot row since migration 0020, without a foreign key to the idea:
/// a removed idea stays named there, so a voter who then changes their ballot must not take a
/// vote from the counter that went with the idea (that statement would fail on the counters'
/// key to the idea, and the voter would get an error).
async fn counters_go_with_what_they_belong_to(app: TestApp) {
    let fx = setup(&app).await;
    let (b, org) = (fx.ballot, app.org_id);
    let state = app.app.as_ref().expect("running").state().clone();
    let settings = || async {
        store::load_voting_settings(&state, org, b)
            .await
            .unwrap()
            .unwrap()
    };
    let s = settings().await;
    let mut voters = Vec::new();
    for n in 0..4 {
        let v = Voter::Member(quick_member(&app, org, 200 + n).await);
        store::cast(&state, org, b, &v, &[fx.ideas[1], fx.ideas[2]], None, &s)
            .await
            .expect("cast");
        voters.push(v);
    }
    let count = |sql: &'static str| {
        let db = app.db.clone();
        async move { db.scalar::<i64>(sql, args![b]).await.unwrap().unwrap_or(0) }
    };
    const TALLIED: &str =
        "SELECT COALESCE(CAST(SUM(votes) AS BIGINT), 0) FROM ballot_tallies WHERE component_id = $1";
    assert_eq!(crate::support::ballot_choices(&app.db, b).await.len(), 8);
    assert_eq!(count(TALLIED).await, 8);

    app.db
        .exec("DELETE FROM ideas WHERE id = $1", args![fx.ideas[1]])
        .await
        .unwrap();
    assert_eq!(count(TALLIED).await, 4, "the idea's counters go");

    // The first voter changes their ballot; its old choices name the removed idea.
    store::cast(
        &state,
        org,
        b,
        &voters[0],
        &[fx.ideas[2], fx.ideas[3]],
        None,
        &settings().await,
    )
    .await
    .expect("a ballot that named a removed idea can be changed");
    let t = tallies(&app, b).await;
    assert_eq!(t.get(&fx.ideas[2]), Some(&4));
    assert_eq!(t.get(&fx.ideas[3]), Some(&1));
    assert_eq!(t.get(&fx.ideas[1]), None);
    assert_eq!(count(TALLIED).await, 5);

    app.db
        .exec("DELETE FROM components WHERE id = $1", args![b])
        .await
        .unwrap();
    assert_eq!(
        count("SELECT COUNT(*) FROM ballots WHERE component_id = $1").await,
        0,
        "the component's ballots go"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM ballot_tallies WHERE component_id = $1").await,
        0,
        "the component's counters go"
    );

    if app.backend == crate::support::Backend::Sqlite {
        let sql: String = app
            .db
            .scalar(
                "SELECT sql FROM sqlite_master WHERE name = 'ballot_tallies'",
                args![],
            )
            .await
            .unwrap()
            .unwrap();
        assert!(sql.contains("WITHOUT ROWID"), "{sql}");
    }
    app.stop().await;
}

both!(
    ballot_hide_storm,
    no_ballot_counts_an_idea_while_it_is_hidden
);

/// Voters cast in parallel while staff hide and show an idea again and again. Every answer is
/// an acknowledgement or a clear refusal, the counters equal a recount, and on SQLite, whose
/// single writer puts every write in one order, no ballot written while the idea was hidden
/// contains it: a cast that checked the idea as visible and reached the writer after the hide
/// found the version moved and checked again. (Removing the version check from the ballot
/// row's statement makes this fail.) First ballots only, so ballot ids follow that order.
async fn no_ballot_counts_an_idea_while_it_is_hidden(app: TestApp) {
    let fx = setup(&app).await;
    let b = fx.ballot;
    let toggled = fx.ideas[3];
    let mut clients = Vec::new();
    for n in 0..120usize {
        let uid = quick_member(&app, app.org_id, 1000 + n).await;
        clients.push(app.session_for(uid, false).await);
    }
    let mut casts = Vec::new();
    for c in clients {
        casts.push(crate::ballot::spawn_post(
            c,
            app.url(&format!("/stemmen/{b}/bevestigen")),
            crate::ballot::form(&[fx.ideas[2], toggled], None),
        ));
    }
    // Hidden periods as (highest ballot id when hidden, highest when shown again), each read
    // inside the hiding or showing transaction.
    let mut hidden_between = Vec::new();
    for _ in 0..10 {
        let mut marks = [0i64; 2];
        for (k, hidden) in [true, false].into_iter().enumerate() {
            let mut tx = app.db.begin().await.unwrap();
            tx.run(
                "UPDATE ideas SET hidden = $2 WHERE id = $1",
                args![toggled, hidden],
            )
            .await
            .unwrap();
            marks[k] = tx
                .scalar::<i64>(
                    "SELECT COALESCE(MAX(id), 0) FROM ballots WHERE component_id = $1",
                    args![b],
                )
                .await
                .unwrap()
                .unwrap_or(0);
            tx.commit().await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(3)).await;
        }
        hidden_between.push((marks[0], marks[1]));
    }
    let mut acknowledged = 0;
    for t in casts {
        let s = t.await.unwrap();
        assert!(
            s == 303 || s == 422 || s == 409,
            "an acknowledgement or a refusal, got {s}"
        );
        acknowledged += usize::from(s == 303);
    }
    // How many got through depends on timing (all of them may have met the idea hidden or
    // the version moving); once staff stop, a voter is acknowledged again.
    let uid = quick_member(&app, app.org_id, 5000).await;
    let after = crate::ballot::post_status(
        &app.session_for(uid, false).await,
        &app.url(&format!("/stemmen/{b}/bevestigen")),
        &crate::ballot::form(&[fx.ideas[2], toggled], None),
    )
    .await;
    assert_eq!(after, 303);
    assert_eq!(
        crate::ballot::ballots(&app, b).await,
        acknowledged as i64 + 1,
        "one ballot per acknowledgement"
    );
    assert_eq!(tallies(&app, b).await, recount(&app, b).await);
    if app.backend == crate::support::Backend::Sqlite {
        let with_toggled: Vec<i64> = crate::support::ballot_choices(&app.db, b)
            .await
            .into_iter()
            .filter(|(_, idea)| *idea == toggled)
            .map(|(id, _)| id)
            .collect();
        for id in with_toggled {
            for (from, to) in &hidden_between {
                assert!(
                    !(id > *from && id <= *to),
                    "ballot {id} counts the idea, written while it was hidden ({from}, {to}]"
                );
            }
        }
    }
    app.stop().await;
}
