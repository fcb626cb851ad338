//! Makelpunt maps: a space's point (form validation), the map view of search (same results and
//! page as the list, numbered markers that link to the spaces, the list beside it, no external
//! loads without tiles), the small map on the space page, and the CSP with a tile source.

use meedoen::args;

use crate::both;
use crate::spaces::{approved_provider, get, neighbourhoods, space};
use crate::support::TestApp;

fn marker_links(html: &str) -> Vec<String> {
    html.split(r#"<a class="map-link" href=""#)
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

async fn map_view(app: TestApp) {
    let (_, area, _) = neighbourhoods(&app).await;
    let area_s = area.to_string();
    app.db
        .exec(
            "UPDATE areas SET geojson = $2 WHERE id = $1",
            args![
                area,
                r#"{"type":"Polygon","coordinates":[[[6.88,52.21],[6.90,52.21],[6.90,52.23],[6.88,52.23],[6.88,52.21]]]}"#
            ],
        )
        .await
        .unwrap();
    let (pid, c) = approved_provider(&app, "Buurthuis Kaart", "kaart@buurt.test").await;

    // A point must be two numbers in range, or left out entirely.
    let r = c
        .post(app.url(&format!("/makelpunt/aanbieder/{pid}/ruimtes/nieuw")))
        .form(&[
            ("name", "Zaal Fout"),
            ("description", "Een zaal met een verkeerde plek."),
            ("address", "Hoofdstraat 1"),
            ("price_type", "free"),
            ("status", "published"),
            ("cap_seated", "10"),
            ("lat", "152,1"),
            ("lon", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"id="lat-error""#) && html.contains(r#"id="lon-error""#));
    assert!(html.contains(r#"value="152,1""#), "input kept");

    let big = space(
        &app,
        &c,
        pid,
        "Grote <zaal> & co",
        "Een grote zaal in de buurt.",
        &[
            ("lat", "52,2215"),
            ("lon", "6.8937"),
            ("cap_seated", "40"),
            ("area_id", &area_s),
        ],
    )
    .await;
    let small = space(
        &app,
        &c,
        pid,
        "Kleine zaal",
        "Een kleine zaal in de buurt.",
        &[("lat", "52.2301"), ("lon", "6.8751"), ("cap_seated", "8")],
    )
    .await;
    let nowhere = space(
        &app,
        &c,
        pid,
        "Zaal zonder plek",
        "Deze zaal heeft geen plek op de kaart.",
        &[("cap_seated", "30")],
    )
    .await;
    let (lat, lon): (Option<f64>, Option<f64>) = app
        .db
        .one("SELECT lat, lon FROM spaces WHERE id = $1", args![big])
        .await
        .unwrap();
    assert!((lat.unwrap() - 52.2215).abs() < 1e-9 && (lon.unwrap() - 6.8937).abs() < 1e-9);

    // The edit form shows the point again.
    let (_, form) = get(
        &app,
        &c,
        &format!("/makelpunt/aanbieder/{pid}/ruimtes/{big}/bewerken"),
    )
    .await;
    assert!(form.contains(r#"value="52.2215""#), "lat in the edit form");

    let anon = app.client();
    let (s, html) = get(&app, &anon, "/makelpunt?weergave=kaart").await;
    assert_eq!(s, 200);
    assert!(html.contains("<svg") && html.contains(r#"role="group""#));
    let mut links = marker_links(&html);
    links.sort();
    let mut want = vec![
        format!("/makelpunt/ruimtes/{big}"),
        format!("/makelpunt/ruimtes/{small}"),
    ];
    want.sort();
    assert_eq!(links, want, "one marker per result with a point");
    // Names are escaped, inside the marker's title.
    assert!(html.contains("Grote &lt;zaal&gt; &amp; co</title>"));
    assert!(!html.contains("<zaal>"));
    // The list beside the map names every result, also the one without a point.
    assert!(html.contains(r#"class="map-list" start="1""#));
    assert!(html.contains(&format!(r#"href="/makelpunt/ruimtes/{nowhere}""#)));
    assert!(html.contains("niet op de kaart"));
    // The district outline is not drawn (no filter), the view switch marks the map.
    assert!(html.contains(r#"aria-current="page">Kaart</a>"#));
    // No tile source configured: nothing from elsewhere, and the CSP stays closed.
    assert!(!html.contains("<image") && !html.contains("<foreignObject"));

    // Same filters as the list: capacity ≥ 20 leaves the big space and the one without point.
    let (_, list) = get(&app, &anon, "/makelpunt?capaciteit=20").await;
    let (_, map) = get(&app, &anon, "/makelpunt?capaciteit=20&weergave=kaart").await;
    assert!(list.contains("2 ruimtes gevonden") && map.contains("2 ruimtes gevonden"));
    assert_eq!(
        marker_links(&map),
        vec![format!("/makelpunt/ruimtes/{big}")]
    );
    // The switch back to the list keeps the filters; the filter form keeps the view.
    assert!(map.contains(r#"href="/makelpunt?capaciteit=20""#));
    assert!(map.contains(r#"name="weergave" value="kaart""#));
    assert!(
        list.contains(r#"href="/makelpunt?capaciteit=20&#38;weergave=kaart""#)
            || list.contains(r#"href="/makelpunt?capaciteit=20&amp;weergave=kaart""#)
    );

    // Filtering on the neighbourhood draws its outline, emphasised.
    let (_, map) = get(
        &app,
        &anon,
        &format!("/makelpunt?wijk={area}&weergave=kaart"),
    )
    .await;
    assert!(map.contains("map-area map-area-highlight"));
    assert!(map.contains("<title>De Laares</title>"));
    assert_eq!(marker_links(&map).len(), 1);

    // The space page shows its point on a small map (an image, not links).
    let r = anon
        .get(app.url(&format!("/makelpunt/ruimtes/{big}")))
        .send()
        .await
        .unwrap();
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
    let html = r.text().await.unwrap();
    assert!(html.contains(
        r#"role="img" aria-label="Kaart met de ligging van Grote &lt;zaal&gt; &amp; co""#
    ));
    assert!(html.contains("<circle"));
    let (_, html) = get(&app, &anon, &format!("/makelpunt/ruimtes/{nowhere}")).await;
    assert!(!html.contains("<svg"), "no map without a point");
}
both!(map_view, map_view);

/// With a tile source the map draws tiles with the attribution, and only those pages allow
/// the tile host in the CSP.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn tiles_and_csp() {
    let dir = tempfile::tempdir().unwrap();
    let config = meedoen::Config {
        database_url: dir.path().join("tiles.db").to_string_lossy().to_string(),
        data_dir: dir.path().join("uploads"),
        bind: "127.0.0.1:0".into(),
        base_url: "http://127.0.0.1".into(),
        map_tile_url: "https://tile.example.org/{z}/{x}/{y}.png".into(),
        ..meedoen::Config::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = meedoen::App::build(config, listener).await.unwrap();
    let db = app.state().db.clone();
    let org = meedoen::setup::create_org(
        &db,
        "Enschede",
        "enschede",
        "participatie@enschede.test",
        &["127.0.0.1"],
    )
    .await
    .unwrap();
    let t = meedoen::db::now();
    let pid: i64 = db
        .write_scalar(
            "INSERT INTO space_providers (org_id, name, kind, contact_email, may_share, status, created_at, updated_at) \
             VALUES ($1, 'Tegel', 'anders', 'a@b.test', TRUE, 'approved', $2, $2) RETURNING id",
            args![org, t],
        )
        .await
        .unwrap();
    let sid: i64 = db
        .write_scalar(
            "INSERT INTO spaces (org_id, provider_id, name, status, max_capacity, lat, lon, created_at, updated_at, confirmed_at) \
             VALUES ($1, $2, 'Tegelzaal', 'published', 10, 52.22, 6.89, $3, $3, $3) RETURNING id",
            args![org, pid, t],
        )
        .await
        .unwrap();
    let base = format!("http://{}", app.addr());
    let c = reqwest::Client::new();
    for path in [
        "/makelpunt?weergave=kaart".to_string(),
        format!("/makelpunt/ruimtes/{sid}"),
    ] {
        let r = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            csp.contains("img-src 'self' data: https://tile.example.org;"),
            "{path}: {csp}"
        );
        assert!(csp.contains("script-src 'self';"));
        let html = r.text().await.unwrap();
        assert!(
            html.contains(
                r#"<img xmlns="http://www.w3.org/1999/xhtml" src="https://tile.example.org/"#
            ),
            "{path}"
        );
        assert!(html.contains("© OpenStreetMap-bijdragers"));
    }
    // The list view loads no tiles and keeps the closed CSP.
    let r = c.get(format!("{base}/makelpunt")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(!csp.contains("tile.example.org"));
    app.shutdown().await.unwrap();
}
