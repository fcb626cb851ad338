//! Makelpunt search over facts in memory (`spaces::facts`): a write through any table search
//! reads from reaches the very next search, also when it bypasses the application (raw SQL),
//! because database triggers move the municipality's version in the writer's transaction;
//! writes search does not read (page views) leave the facts alone; and the number of
//! statements per search stays the same constant with thousands of spaces.

use std::collections::BTreeSet;

use meedoen::args;

use crate::both;
use crate::spaces::{enquiry_form, enquiry_setup, get, id_after, location, neighbourhoods};
use crate::support::TestApp;

fn state(app: &TestApp) -> &meedoen::AppState {
    app.app.as_ref().expect("running").state()
}

/// The ids of every result of a search (all pages), straight through `search::run`.
async fn found(app: &TestApp, q: &str) -> BTreeSet<i64> {
    let mut ids = BTreeSet::new();
    for page in 1.. {
        let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).expect("query");
        pairs.push(("pagina".into(), page.to_string()));
        let f = meedoen::spaces::search::Filters::parse(&meedoen::spaces::Fields(pairs));
        let out = meedoen::spaces::search::run(state(app), app.org_id, &f)
            .await
            .expect("search");
        let before = ids.len();
        ids.extend(out.items.iter().map(|c| c.id));
        if ids.len() == before || ids.len() >= out.total {
            break;
        }
    }
    ids
}

async fn has(app: &TestApp, q: &str, id: i64) -> bool {
    found(app, q).await.contains(&id)
}

async fn db_version(app: &TestApp) -> i64 {
    app.db
        .scalar(
            "SELECT version FROM space_search_versions WHERE org_id = $1",
            args![app.org_id],
        )
        .await
        .expect("version")
        .unwrap_or(0)
}

async fn exec(app: &TestApp, sql: &'static str, a: Vec<meedoen::db::Arg>) {
    app.db.exec(sql, a).await.expect(sql);
}

async fn writes_reach_the_next_search(app: TestApp) {
    let org = app.org_id;
    let (district, laares, _) = neighbourhoods(&app).await;
    // "Zaal De Ark": open on Wednesday (2) morning only.
    let (pid, sid, provider) = enquiry_setup(&app).await;
    const WED_MORNING: &str = "datum=2027-04-07&dagdeel=morning";
    assert!(has(&app, WED_MORNING, sid).await, "free before any booking");
    let cached = state(&app)
        .owned::<meedoen::spaces::facts::Cache>()
        .version(org)
        .expect("facts loaded");
    assert_eq!(cached, db_version(&app).await);

    // A page view changes no search fact, so the facts stay as they are.
    assert_eq!(
        get(&app, &app.client(), &format!("/makelpunt/ruimtes/{sid}"))
            .await
            .0,
        200
    );
    assert_eq!(db_version(&app).await, cached, "a view does not invalidate");

    // 1. A booking agreed through the enquiry thread.
    let (_, seeker) = app.member_client("boeker@buurt.test").await;
    let r = seeker
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&[]))
        .send()
        .await
        .unwrap();
    let eid = id_after(&location(&r), "/makelpunt/aanvragen/");
    let thread = format!("/makelpunt/aanvragen/{eid}");
    let r = provider
        .post(app.url(&format!("{thread}/bericht")))
        .form(&[("body", "Dat kan.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = provider
        .post(app.url(&format!("{thread}/status")))
        .form(&[("to", "agreed")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(!has(&app, WED_MORNING, sid).await, "the booking blocks it");
    assert!(
        has(&app, "datum=2027-04-14&dagdeel=morning", sid).await,
        "a week later it is free"
    );
    // ... and removed behind the application's back.
    exec(
        &app,
        "DELETE FROM space_bookings WHERE space_id = $1",
        args![sid],
    )
    .await;
    assert!(has(&app, WED_MORNING, sid).await, "free again");

    // 2. Exceptions: closed through the provider screen, then extra by raw SQL.
    let r = provider
        .post(app.url(&format!(
            "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/uitzondering"
        )))
        .form(&[
            ("on_date", "2027-04-07"),
            ("part", "morning"),
            ("kind", "closed"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(!has(&app, WED_MORNING, sid).await, "closed that morning");
    const THU_EVENING: &str = "datum=2027-04-08&dagdeel=evening";
    assert!(!has(&app, THU_EVENING, sid).await);
    exec(
        &app,
        "INSERT INTO space_exceptions (org_id, space_id, on_date, part, kind) VALUES ($1, $2, '2027-04-08', 'evening', 'extra')",
        args![org, sid],
    )
    .await;
    assert!(has(&app, THU_EVENING, sid).await, "extra opening");
    exec(
        &app,
        "UPDATE space_exceptions SET kind = 'closed' WHERE space_id = $1 AND on_date = '2027-04-08'",
        args![sid],
    )
    .await;
    assert!(!has(&app, THU_EVENING, sid).await, "exception changed");

    // 3. Weekly availability.
    const FRI_AFTERNOON: &str = "dag=4&dagdeel=afternoon";
    assert!(!has(&app, FRI_AFTERNOON, sid).await);
    exec(
        &app,
        "INSERT INTO space_weekly (org_id, space_id, weekday, part) VALUES ($1, $2, 4, 'afternoon')",
        args![org, sid],
    )
    .await;
    assert!(has(&app, FRI_AFTERNOON, sid).await, "weekly slot added");
    exec(
        &app,
        "DELETE FROM space_weekly WHERE space_id = $1 AND weekday = 4",
        args![sid],
    )
    .await;
    assert!(!has(&app, FRI_AFTERNOON, sid).await, "weekly slot removed");

    // 4. Facts on the space itself, its activities and its neighbourhood.
    assert!(!has(&app, "kitchen=1&capaciteit=50", sid).await);
    exec(
        &app,
        "UPDATE spaces SET kitchen = TRUE, max_capacity = 60 WHERE id = $1",
        args![sid],
    )
    .await;
    assert!(has(&app, "kitchen=1&capaciteit=50", sid).await, "features");
    let act: i64 = app
        .db
        .scalar(
            "SELECT id FROM space_activities WHERE org_id = $1 ORDER BY id LIMIT 1",
            args![org],
        )
        .await
        .unwrap()
        .expect("activities seeded");
    let by_activity = format!("activiteit={act}");
    assert!(!has(&app, &by_activity, sid).await);
    exec(
        &app,
        "INSERT INTO space_activity_links (org_id, space_id, activity_id) VALUES ($1, $2, $3)",
        args![org, sid, act],
    )
    .await;
    assert!(has(&app, &by_activity, sid).await, "activity linked");
    exec(
        &app,
        "DELETE FROM space_activities WHERE id = $1",
        args![act],
    )
    .await;
    assert!(
        !has(&app, &by_activity, sid).await,
        "deleting the activity drops its links"
    );
    exec(
        &app,
        "UPDATE spaces SET area_id = $2 WHERE id = $1",
        args![sid, laares],
    )
    .await;
    let by_district = format!("wijk={district}");
    assert!(has(&app, &by_district, sid).await, "in the district");
    exec(
        &app,
        "UPDATE areas SET parent_id = NULL WHERE id = $1",
        args![laares],
    )
    .await;
    assert!(
        !has(&app, &by_district, sid).await,
        "the neighbourhood left the district"
    );

    // 5. The provider is suspended (no screen does this yet: raw SQL), then restored.
    exec(
        &app,
        "UPDATE space_providers SET status = 'rejected' WHERE id = $1",
        args![pid],
    )
    .await;
    assert!(
        !has(&app, "", sid).await,
        "suspended provider's space hidden"
    );
    exec(
        &app,
        "UPDATE space_providers SET status = 'approved' WHERE id = $1",
        args![pid],
    )
    .await;
    assert!(has(&app, "", sid).await, "back");

    // 6. Freshness: a reminder that expired hides the listing.
    exec(
        &app,
        "UPDATE spaces SET reminded_at = $2 WHERE id = $1",
        args![sid, meedoen::db::now() - 15 * 24 * 3600],
    )
    .await;
    assert!(!has(&app, "", sid).await, "stale listing hidden");
    exec(
        &app,
        "UPDATE spaces SET reminded_at = NULL WHERE id = $1",
        args![sid],
    )
    .await;
    assert!(has(&app, "", sid).await);

    // 7. Staff unpublish the space through their screen; many searches at once all see it.
    let (_, staff) = app.staff_client("beheer@facts.test", "editor").await;
    let r = staff
        .post(app.url(&format!("/beheer/makelpunt/ruimtes/{sid}/depubliceren")))
        .form(&[("reason", "Het adres klopt niet.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let st = state(&app).clone();
        tasks.push(tokio::spawn(async move {
            let f = meedoen::spaces::search::Filters::parse(&meedoen::spaces::Fields(vec![]));
            let out = meedoen::spaces::search::run(&st, org, &f)
                .await
                .expect("search");
            out.items.iter().map(|c| c.id).collect::<Vec<_>>()
        }));
    }
    for t in tasks {
        assert!(!t.await.unwrap().contains(&sid), "unpublished space hidden");
    }
    let (_, html) = get(&app, &app.client(), "/makelpunt").await;
    assert!(!html.contains("Zaal De Ark"));
    assert_eq!(
        state(&app)
            .owned::<meedoen::spaces::facts::Cache>()
            .version(org),
        Some(db_version(&app).await),
        "the facts in memory are at the database's version"
    );
}
both!(writes_reach_the_next_search, writes_reach_the_next_search);

/// The card of space `id` on the first result page of an unfiltered search.
async fn card(app: &TestApp, id: i64) -> meedoen::spaces::search::Candidate {
    let f = meedoen::spaces::search::Filters::parse(&meedoen::spaces::Fields(vec![]));
    let out = meedoen::spaces::search::run(state(app), app.org_id, &f)
        .await
        .expect("search");
    out.items
        .into_iter()
        .find(|c| c.id == id)
        .expect("on the first page")
}

/// The result cards come from the facts in memory too, so every column a card shows must
/// move the version when it changes, also behind the application's back.
async fn cards_follow_every_column_they_show(app: TestApp) {
    let (_, laares, _) = neighbourhoods(&app).await;
    let (pid, sid, _) = enquiry_setup(&app).await;
    let c = card(&app, sid).await;
    assert_eq!(c.card.name, "Zaal De Ark");
    assert_eq!(c.card.provider_name, "Kerk De Ark");
    assert_eq!(c.card.area_name, None);

    exec(&app, "UPDATE spaces SET name = 'Zaal De Nieuwe Ark', address = 'Kerkstraat 9', area_id = $2, price_type = 'amount', price_cents = 1250, lat = 52.22, lon = 6.89 WHERE id = $1", args![sid, laares]).await;
    let c = card(&app, sid).await;
    assert_eq!(c.card.name, "Zaal De Nieuwe Ark");
    assert_eq!(c.card.address, "Kerkstraat 9");
    assert_eq!(c.card.area_name.as_deref(), Some("De Laares"));
    assert_eq!(c.area_id, Some(laares));
    assert_eq!((c.price_type, c.card.price_cents), ("amount", Some(1250)));
    assert_eq!((c.card.lat, c.card.lon), (Some(52.22), Some(6.89)));

    // Each display column alone moves the version.
    for (sql, what) in [
        (
            "UPDATE spaces SET address = 'Kerkstraat 11' WHERE id = $1",
            "address",
        ),
        (
            "UPDATE spaces SET price_cents = 1500 WHERE id = $1",
            "price",
        ),
        ("UPDATE spaces SET lat = 52.23 WHERE id = $1", "latitude"),
        ("UPDATE spaces SET lon = 6.9 WHERE id = $1", "longitude"),
    ] {
        let before = db_version(&app).await;
        exec(&app, sql, args![sid]).await;
        assert!(db_version(&app).await > before, "{what} moves the version");
    }
    let c = card(&app, sid).await;
    assert_eq!(c.card.address, "Kerkstraat 11");
    assert_eq!(c.card.price_cents, Some(1500));
    assert_eq!((c.card.lat, c.card.lon), (Some(52.23), Some(6.9)));

    exec(
        &app,
        "UPDATE space_providers SET name = 'Stichting De Ark' WHERE id = $1",
        args![pid],
    )
    .await;
    assert_eq!(card(&app, sid).await.card.provider_name, "Stichting De Ark");
    exec(
        &app,
        "UPDATE areas SET name = 'Laares' WHERE id = $1",
        args![laares],
    )
    .await;
    assert_eq!(
        card(&app, sid).await.card.area_name.as_deref(),
        Some("Laares")
    );

    // The page shows the same card.
    let (_, html) = get(&app, &app.client(), "/makelpunt").await;
    assert!(html.contains("Zaal De Nieuwe Ark"), "{html}");
    assert!(html.contains("Stichting De Ark · Laares"), "{html}");
    assert!(html.contains("€ 15 per dagdeel"), "the amount: {html}");
    // A view does not move the version (the card has no view count).
    let v = db_version(&app).await;
    get(&app, &app.client(), &format!("/makelpunt/ruimtes/{sid}")).await;
    assert_eq!(db_version(&app).await, v);
}
both!(
    cards_follow_every_column_they_show,
    cards_follow_every_column_they_show
);

/// Statements per search, the least of a few runs (background jobs share the counter).
async fn statements(app: &TestApp, q: &str) -> (u64, meedoen::spaces::search::Outcome) {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).expect("query");
    let f = meedoen::spaces::search::Filters::parse(&meedoen::spaces::Fields(pairs));
    let mut least = u64::MAX;
    let mut last = None;
    for _ in 0..8 {
        // Spread the runs out, so a burst of background work cannot cover all of them.
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let before = app.db.query_count();
        let out = meedoen::spaces::search::run(state(app), app.org_id, &f)
            .await
            .expect("search");
        least = least.min(app.db.query_count() - before);
        last = Some(out);
    }
    (least, last.expect("ran"))
}

/// The statements a search needs, whatever the number of spaces: the version check, the
/// text match when there is text, and one date read for a date before the dates kept in
/// memory. The result cards come from memory as well.
fn expected(q: &str) -> u64 {
    1 + u64::from(q.contains("q=")) + u64::from(q.contains("datum=2020"))
}

const QUERIES: [&str; 5] = [
    "",
    "capaciteit=20&step_free=1&dag=1&dagdeel=evening",
    "q=yoga&kitchen=1&datum=2099-03-17&dagdeel=evening&sorteer=recent&pagina=2",
    "datum=2020-03-17&wifi=1&sorteer=capaciteit",
    "prijs=free&sorteer=recent&pagina=7",
];

async fn statements_stay_constant(app: TestApp) {
    for q in QUERIES {
        let (used, out) = statements(&app, q).await;
        assert_eq!(out.total, 0);
        assert_eq!(used, expected(q), "{q}: without spaces");
    }
    let n = meedoen::spaces::demo::load_bench_spaces(&app.db, app.org_id, 3000)
        .await
        .unwrap();
    assert!(n >= 3000, "{n}");
    for q in QUERIES {
        let (used, out) = statements(&app, q).await;
        assert!(out.total > 0, "{q} finds spaces");
        assert_eq!(used, expected(q), "{q}: with {n} spaces");
        assert!(used <= 2, "{q}: {used}");
    }
    // The result matches a count written directly in SQL for the benchmark's three filters.
    let (_, out) = statements(&app, QUERIES[1]).await;
    let direct: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM spaces s WHERE s.org_id = $1 AND s.status = 'published' AND s.max_capacity >= 20 \
             AND s.step_free AND EXISTS (SELECT 1 FROM space_weekly w WHERE w.space_id = s.id AND w.weekday = 1 AND w.part = 'evening')",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(out.total as i64, direct);
    assert_eq!(out.items.len(), 20);
    // Sorted by capacity: the largest first, page after page.
    let (_, out) = statements(&app, "capaciteit=20&sorteer=capaciteit").await;
    let caps: Vec<i64> = out.items.iter().map(|c| c.max_capacity).collect();
    assert!(caps.windows(2).all(|w| w[0] >= w[1]), "{caps:?}");
    // The whole page stays small too: the facts also hold the neighbourhood and activity
    // lists.
    let c = app.client();
    let _ = get(&app, &c, "/makelpunt").await;
    // The least of a few loads: background jobs share the statement counter.
    let mut used = u64::MAX;
    for _ in 0..3 {
        let before = app.db.query_count();
        let (s, html) = get(&app, &c, &format!("/makelpunt?{}", QUERIES[1])).await;
        used = used.min(app.db.query_count() - before);
        assert_eq!(s, 200);
        assert!(html.contains("ruimtes gevonden"));
    }
    // The version check and the page's display rows; an anonymous visitor's context needs
    // none (the municipality is cached).
    assert!(used <= 2, "search page ran {used} statements");
}
both!(statements_stay_constant, statements_stay_constant);
