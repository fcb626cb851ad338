//! Maps (issue 18): PDOK's BRT-Achtergrondkaart by default, allowed in the CSP on map pages
//! only (the Makelpunt map view, a space's and an idea's place, the staff areas map); with
//! `none` (and on every page without a map) nothing loads from elsewhere; markers are links
//! with a focus ring; the demo's districts and neighbourhoods have outlines that hold
//! its spaces and ideas (and the demo's pictures are checked there too, in one demo load).

use meedoen::db::Db;
use meedoen::{args, App, Config};
use reqwest::multipart::Form;

use crate::both;
use crate::ideas::{location, setup, DESCRIPTION};
use crate::spaces::{approved_provider, space};
use crate::support::{Backend, TestApp};

const PDOK_ORIGIN: &str = "https://service.pdok.nl";

async fn fetch(app: &TestApp, path: &str) -> (String, String) {
    let r = app.client().get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    (csp, r.text().await.unwrap())
}

/// Pages with a map and pages without one: a space with a point, an idea with a point and
/// one without.
struct Pages {
    with_map: Vec<String>,
    without_map: Vec<String>,
}

async fn pages(app: &TestApp) -> Pages {
    let fx = setup(app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let mut ideas = Vec::new();
    for (title, point) in [
        ("Bankjes in de Ledeboerstraat", Some(("52.2215", "6.8937"))),
        ("Bankjes zonder plek", None),
    ] {
        let mut f = Form::new()
            .text("title", title)
            .text("summary", "Bankjes zodat ouderen kunnen rusten.")
            .text("description", DESCRIPTION)
            .text("cost", "4500")
            .text("action", "submit");
        if let Some((lat, lon)) = point {
            f = f.text("lat", lat).text("lon", lon);
        }
        let r = member
            .post(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
            .multipart(f)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        ideas.push(location(&r).split('?').next().unwrap().to_string());
    }
    let (pid, c) = approved_provider(app, "Buurthuis Kaart", "kaart@buurt.test").await;
    let sid = space(
        app,
        &c,
        pid,
        "Zaal op de kaart",
        "Een zaal met een plek op de kaart.",
        &[("lat", "52,2230"), ("lon", "6,8900")],
    )
    .await;
    Pages {
        with_map: vec![
            "/makelpunt?weergave=kaart".into(),
            format!("/makelpunt/ruimtes/{sid}"),
            ideas[0].clone(),
        ],
        without_map: vec![
            "/".into(),
            "/makelpunt".into(),
            ideas[1].clone(),
            format!("/projecten/{}", fx.slug),
            format!("/onderdelen/{}/ideeen", fx.cid),
        ],
    }
}

async fn areas_page(app: &TestApp, staff: &reqwest::Client) -> (String, String) {
    let r = staff.get(app.url("/beheer/gebieden")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    (csp, r.text().await.unwrap())
}

/// The default configuration: PDOK tiles on map pages, allowed in the CSP there only.
async fn default_tiles(app: TestApp) {
    assert_eq!(
        Config::default().map_tile_url,
        meedoen::config::PDOK_TILES,
        "PDOK is the default"
    );
    let p = pages(&app).await;
    for path in &p.with_map {
        let (csp, html) = fetch(&app, path).await;
        assert!(
            csp.contains(&format!("img-src 'self' data: {PDOK_ORIGIN};")),
            "{path}: {csp}"
        );
        assert!(csp.contains("script-src 'self';") && csp.contains("default-src 'self';"));
        assert!(
            html.contains(&format!(
                r#"src="{PDOK_ORIGIN}/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/"#
            )),
            "{path}: tiles drawn"
        );
        assert!(html.contains(r#"referrerpolicy="no-referrer""#), "{path}");
        assert!(
            html.contains(
                r#"<p class="map-credit"><a href="https://www.kadaster.nl">Kaartgegevens © Kadaster</a></p>"#
            ),
            "{path}: attribution"
        );
        // Tiles are decorative and hidden from assistive technology.
        assert!(html.contains(r#"<g class="map-tiles" aria-hidden="true">"#));
    }
    // Search map: every marker is a link with a focus ring, and the list beside it.
    let (_, html) = fetch(&app, "/makelpunt?weergave=kaart").await;
    let links = html
        .matches(r#"<a class="map-link" href="/makelpunt/ruimtes/"#)
        .count();
    assert!(links >= 1);
    assert_eq!(html.matches(r#"class="map-marker-ring""#).count(), links);
    assert!(html.contains(r#"class="map-list""#), "the list alternative");
    for path in &p.without_map {
        let (csp, html) = fetch(&app, path).await;
        assert_eq!(csp, meedoen::web::security::CSP, "{path}");
        assert!(!html.contains("pdok.nl"), "{path}");
    }
    // The areas map (staff): no outline, no map and a closed CSP; with outlines, the areas
    // drawn on the tiles above their lists, districts over neighbourhoods.
    let (_, staff) = app.staff_client("gebieden@enschede.test", "admin").await;
    let (csp, html) = areas_page(&app, &staff).await;
    assert_eq!(csp, meedoen::web::security::CSP);
    assert!(!html.contains("areas-map"));
    let district: i64 = app
        .db
        .scalar(
            "SELECT id FROM areas WHERE org_id = $1 AND kind = 'district'",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap();
    app.db
        .exec(
            "UPDATE areas SET geojson = $2 WHERE id = $1",
            args![
                district,
                r#"{"type":"Polygon","coordinates":[[[6.86,52.19],[6.92,52.19],[6.92,52.21],[6.86,52.21],[6.86,52.19]]]}"#
            ],
        )
        .await
        .unwrap();
    app.db
        .exec(
            "INSERT INTO areas (org_id, parent_id, kind, name, slug, geojson) VALUES ($1, $2, 'neighbourhood', 'Helmerhoek', 'helmerhoek', $3)",
            args![
                app.org_id,
                district,
                r#"{"type":"Polygon","coordinates":[[[6.88,52.19],[6.90,52.19],[6.90,52.20],[6.88,52.20],[6.88,52.19]]]}"#
            ],
        )
        .await
        .unwrap();
    let (csp, html) = areas_page(&app, &staff).await;
    assert!(
        csp.contains(&format!("img-src 'self' data: {PDOK_ORIGIN};")),
        "{csp}"
    );
    assert!(html.contains(r#"<figure class="areas-map"><svg"#));
    assert!(html.contains(&format!(r#"src="{PDOK_ORIGIN}/brt/"#)));
    let neighbourhood = html
        .find("<title>Helmerhoek</title>")
        .expect("neighbourhood drawn");
    let zuid = html.find("<title>Zuid</title>").expect("district drawn");
    assert!(neighbourhood < zuid, "the district over its neighbourhoods");
    assert!(html.contains(r#"class="map-area map-area-highlight""#));
    assert!(html.contains("<td>Helmerhoek</td>"), "and in the list");
}

/// With `none`: no tile, no external image, the CSP stays closed on every page.
async fn no_tiles(app: TestApp) {
    for v in ["none", "NONE", " none ", ""] {
        let c = Config {
            map_tile_url: v.into(),
            ..Config::default()
        };
        assert!(meedoen::web::map::Tiles::from_config(&c).is_none(), "{v:?}");
    }
    let p = pages(&app).await;
    for path in p.with_map.iter().chain(&p.without_map) {
        let (csp, html) = fetch(&app, path).await;
        assert_eq!(csp, meedoen::web::security::CSP, "{path}");
        assert!(
            !html.contains("<foreignObject") && !html.contains("<image"),
            "{path}"
        );
        assert!(!html.contains("map-credit"), "{path}: no tiles, no credit");
        // Any absolute URL is a link to follow or the SVG namespace, never something loaded.
        for (i, _) in html.match_indices("http") {
            let tag_start = html[..i].rfind('<').unwrap_or(0);
            let tag = &html[tag_start..i];
            let ok = (tag.starts_with("<a ") && tag.ends_with("href=\""))
                || (tag.starts_with("<svg ") && tag.ends_with("xmlns=\""));
            assert!(ok, "{path}: {}", &html[tag_start..(i + 60).min(html.len())]);
        }
    }
    let (_, html) = fetch(&app, &p.with_map[0]).await;
    assert!(html.contains("<svg") && html.contains(r#"class="map-marker""#));
}
both!(no_tiles, no_tiles);

async fn tiles_app(backend: Backend) -> Option<TestApp> {
    TestApp::spawn_configured(backend, |c| {
        c.map_tile_url = Config::default().map_tile_url;
    })
    .await
}

mod default_tiles_on {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        let app = super::tiles_app(crate::support::Backend::Sqlite)
            .await
            .unwrap();
        super::default_tiles(app).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        if let Some(app) = super::tiles_app(crate::support::Backend::Postgres).await {
            super::default_tiles(app).await;
        }
    }
}

// ---------------------------------------------------------------------------------------
// The demo's outlines

type Ring = Vec<(f64, f64)>;

/// The polygons of a GeoJSON geometry (each: outer ring, then holes), checked on the way:
/// a Polygon or MultiPolygon whose rings are closed, have at least four points, and lie
/// around Enschede.
fn polygons(name: &str, g: &str) -> Vec<Vec<Ring>> {
    let v: serde_json::Value = serde_json::from_str(g).unwrap_or_else(|e| panic!("{name}: {e}"));
    let polys: Vec<&serde_json::Value> = match v["type"].as_str() {
        Some("Polygon") => vec![&v["coordinates"]],
        Some("MultiPolygon") => v["coordinates"].as_array().unwrap().iter().collect(),
        other => panic!("{name}: type {other:?}"),
    };
    assert!(!polys.is_empty(), "{name}");
    polys
        .into_iter()
        .map(|p| {
            p.as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let ring: Ring = r
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|pt| (pt[0].as_f64().unwrap(), pt[1].as_f64().unwrap()))
                        .collect();
                    assert!(ring.len() >= 4, "{name}: a ring of {} points", ring.len());
                    assert_eq!(ring.first(), ring.last(), "{name}: closed");
                    for (lon, lat) in &ring {
                        assert!(
                            (52.15..52.30).contains(lat) && (6.74..7.05).contains(lon),
                            "{name}: ({lat}, {lon}) is not near Enschede"
                        );
                    }
                    ring
                })
                .collect()
        })
        .collect()
}

fn in_ring(ring: &Ring, lat: f64, lon: f64) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + n - 1) % n]);
        if (a.1 > lat) != (b.1 > lat) && lon < (b.0 - a.0) * (lat - a.1) / (b.1 - a.1) + a.0 {
            inside = !inside;
        }
    }
    inside
}

fn inside(polys: &[Vec<Ring>], lat: f64, lon: f64) -> bool {
    polys
        .iter()
        .any(|p| in_ring(&p[0], lat, lon) && !p[1..].iter().any(|h| in_ring(h, lat, lon)))
}

/// id, parent, kind, name, outline.
type AreaRow = (i64, Option<i64>, String, String, Option<String>);

async fn demo_outlines(db: &Db) {
    let areas: Vec<AreaRow> = db
        .all(
            "SELECT id, parent_id, kind, name, geojson FROM areas ORDER BY id",
            args![],
        )
        .await
        .unwrap();
    assert!(areas.len() >= 40);
    let mut outline = std::collections::HashMap::new();
    for (id, _, kind, name, g) in &areas {
        let g = g
            .as_deref()
            .unwrap_or_else(|| panic!("{name} has an outline"));
        let p = polygons(name, g);
        if kind == "neighbourhood" {
            assert_eq!(p.len(), 1, "{name}: one piece");
        }
        outline.insert(*id, p);
    }
    let parent = |id: i64| areas.iter().find(|a| a.0 == id).and_then(|a| a.1);
    let hoods: Vec<i64> = areas
        .iter()
        .filter(|a| a.2 == "neighbourhood")
        .map(|a| a.0)
        .collect();
    // Every space with a point lies in its own neighbourhood (and no other) and its district.
    let spaces: Vec<(String, i64, f64, f64)> = db
        .all(
            "SELECT name, area_id, lat, lon FROM spaces WHERE lat IS NOT NULL AND area_id IS NOT NULL",
            args![],
        )
        .await
        .unwrap();
    assert!(spaces.len() >= 50);
    for (name, area, lat, lon) in &spaces {
        let holding: Vec<i64> = hoods
            .iter()
            .copied()
            .filter(|h| inside(&outline[h], *lat, *lon))
            .collect();
        assert_eq!(holding, vec![*area], "{name} at ({lat}, {lon})");
        let district = parent(*area).expect("a neighbourhood has a district");
        assert!(
            inside(&outline[&district], *lat, *lon),
            "{name} in its district"
        );
    }
    // Ideas with a point lie in their area.
    let ideas: Vec<(String, i64, f64, f64)> = db
        .all(
            "SELECT title, area_id, lat, lon FROM ideas WHERE lat IS NOT NULL AND area_id IS NOT NULL",
            args![],
        )
        .await
        .unwrap();
    assert!(ideas.len() >= 10, "ideas on the map: {}", ideas.len());
    for (title, area, lat, lon) in &ideas {
        assert!(inside(&outline[area], *lat, *lon), "{title}");
    }
}

async fn demo_on(url: String, dir: &tempfile::TempDir) {
    let config = Config {
        database_url: url,
        data_dir: dir.path().join("uploads"),
        bind: "127.0.0.1:0".into(),
        base_url: "http://127.0.0.1".into(),
        ..Config::default()
    };
    meedoen::cli::demo::load_if_empty(&config, &meedoen::app::modules())
        .await
        .expect("demo loads");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = App::build(config.clone(), listener).await.unwrap();
    let db = app.state().db.clone();
    demo_outlines(&db).await;
    let base = format!("http://{}", app.addr());
    crate::pictures::demo_pictures(&db, &config.data_dir, &base).await;
    // The Makelpunt map draws the districts around the first page's twenty markers.
    let html = reqwest::get(format!("{base}/makelpunt?weergave=kaart"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        html.matches(r#"class="map-area""#).count(),
        5,
        "five districts"
    );
    assert_eq!(html.matches(r#"<a class="map-link""#).count(), 20);
}

mod demo {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let url = dir.path().join("demo.db").to_string_lossy().to_string();
        super::demo_on(url, &dir).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        use sqlx::Connection;
        let Some(base) = crate::support::pg_base_url() else {
            return;
        };
        let token = meedoen::web::session::random_token()
            .to_lowercase()
            .replace(['-', '_'], "");
        let name = format!("demo_{}", &token[..12]);
        let mut conn = sqlx::PgConnection::connect(&base).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.ok();
        let Some((head, _)) = base.rsplit_once('/') else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        super::demo_on(format!("{head}/{name}"), &dir).await;
    }
}
