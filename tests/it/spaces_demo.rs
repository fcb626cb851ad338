//! The Makelpunt demo content (`spaces::demo::load`): about 60 spaces from a dozen providers of
//! varied kinds, spread over neighbourhoods with points inside Enschede, enquiries in
//! different states; loading twice adds nothing; the public pages show it.

use meedoen::args;

use crate::both;
use crate::spaces::get;
use crate::support::TestApp;

const HOODS: [&str; 8] = [
    "Pathmos",
    "Wesselerbrink",
    "Binnenstad",
    "Roombeek-Roomveldje",
    "Glanerbrug",
    "Stadsveld",
    "Lonneker",
    "Boekelo",
];

async fn scalar(app: &TestApp, sql: &'static str) -> i64 {
    app.db
        .scalar::<i64>(sql, args![app.org_id])
        .await
        .unwrap()
        .unwrap_or(0)
}

async fn demo_spaces(app: TestApp) {
    for h in HOODS {
        app.db
            .exec(
                "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, NULL, 'neighbourhood', $2, $3)",
                args![app.org_id, h, h.to_lowercase()],
            )
            .await
            .unwrap();
    }
    let mut tx = app.db.begin().await.unwrap();
    let n = meedoen::spaces::demo::load(&mut tx, app.org_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(n, 60);
    // Idempotent.
    let mut tx = app.db.begin().await.unwrap();
    assert_eq!(
        meedoen::spaces::demo::load(&mut tx, app.org_id)
            .await
            .unwrap(),
        0
    );
    tx.commit().await.unwrap();
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM spaces WHERE org_id = $1").await,
        60
    );
    let published = scalar(
        &app,
        "SELECT COUNT(*) FROM spaces WHERE org_id = $1 AND status = 'published'",
    )
    .await;
    assert!(
        (55..60).contains(&published),
        "{published} published, a few drafts"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM space_providers WHERE org_id = $1 AND status = 'approved'"
        )
        .await,
        12
    );
    assert!(
        scalar(
            &app,
            "SELECT COUNT(DISTINCT kind) FROM space_providers WHERE org_id = $1"
        )
        .await
            >= 6
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(DISTINCT area_id) FROM spaces WHERE org_id = $1"
        )
        .await,
        HOODS.len() as i64,
        "spaces in every neighbourhood the municipality has"
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM spaces WHERE org_id = $1 AND NOT (lat BETWEEN 52.15 AND 52.28 AND lon BETWEEN 6.75 AND 7.0)").await,
        0,
        "every point inside Enschede"
    );
    assert!(
        scalar(
            &app,
            "SELECT COUNT(DISTINCT max_capacity) FROM spaces WHERE org_id = $1"
        )
        .await
            >= 20
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(DISTINCT price_type) FROM spaces WHERE org_id = $1"
        )
        .await,
        4
    );
    assert!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM spaces WHERE org_id = $1 AND step_free"
        )
        .await
            >= 20
    );
    assert!(scalar(&app, "SELECT COUNT(*) FROM space_weekly WHERE org_id = $1").await >= 300);
    assert!(
        scalar(
            &app,
            "SELECT COUNT(DISTINCT state) FROM space_enquiries WHERE org_id = $1"
        )
        .await
            >= 4
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM space_bookings WHERE org_id = $1"
        )
        .await,
        2
    );

    // The public pages show it: search with counts, the map, a space page, full-text search.
    let anon = app.client();
    let (s, html) = get(&app, &anon, "/makelpunt").await;
    assert_eq!(s, 200);
    assert!(
        html.contains(&format!("{published} ruimtes gevonden")),
        "count shown"
    );
    let (_, map) = get(&app, &anon, "/makelpunt?weergave=kaart").await;
    assert_eq!(
        map.matches(r#"<a class="map-link""#).count(),
        20,
        "a full first page of markers"
    );
    let (_, hits) = get(&app, &anon, "/makelpunt?q=kantine").await;
    assert!(hits.contains("Kantine"));
    let sid: i64 = scalar(
        &app,
        "SELECT MIN(id) FROM spaces WHERE org_id = $1 AND status = 'published'",
    )
    .await;
    let (s, page) = get(&app, &anon, &format!("/makelpunt/ruimtes/{sid}")).await;
    assert_eq!(s, 200);
    assert!(page.contains("<svg"));
}
both!(demo_spaces, demo_spaces);

/// The benchmark's data set (`load_bench_spaces`) and its three-filter search.
async fn bench_spaces(app: TestApp) {
    let n = meedoen::spaces::demo::load_bench_spaces(&app.db, app.org_id, 600)
        .await
        .unwrap();
    assert_eq!(n, 600);
    let want: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM spaces s WHERE s.org_id = $1 AND s.max_capacity >= 20 AND s.step_free \
             AND EXISTS (SELECT 1 FROM space_weekly w WHERE w.space_id = s.id AND w.weekday = 1 AND w.part = 'evening')",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert!(want > 20 && want < 600, "{want}");
    let (s, html) = get(
        &app,
        &app.client(),
        "/makelpunt?capaciteit=20&step_free=1&dag=1&dagdeel=evening",
    )
    .await;
    assert_eq!(s, 200);
    assert!(html.contains(&format!("{want} ruimtes gevonden")), "{want}");
    let (_, html) = get(&app, &app.client(), "/makelpunt?q=yoga").await;
    assert!(
        html.contains("120 ruimtes gevonden"),
        "full-text over the bench data"
    );
}
both!(bench_spaces, bench_spaces);
