//! The JSON API: every route answers and is described in the OpenAPI document; problem JSON
//! for errors; drafts stay hidden.

use meedoen::args;

use crate::both;
use crate::projects::{create_project, published_poll};
use crate::support::TestApp;

async fn api_routes_and_openapi(app: TestApp) {
    let (staff, _pid, slug, poll, choices) = published_poll(&app).await;
    app.db
        .exec("INSERT INTO areas (org_id, kind, name, slug) VALUES ($1, 'district', 'Noord', 'noord')", args![app.org_id])
        .await
        .unwrap();
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let r = member
        .post(app.url(&format!("/peilingen/{poll}/antwoord")))
        .form(&[("choice", choices[2].to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let draft = create_project(&app, &staff, "Nog geheim").await;
    let _ = draft;

    let c = app.client();
    let doc: serde_json::Value = c
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let api_routes = crate::routes::api();
    for route in &api_routes {
        assert!(
            paths.contains_key(route),
            "{route} is missing from openapi.json"
        );
        // Idea ids and ballot results need real ideas and a published ballot: those routes
        // are walked with data in ideas_api.rs and api_schema.rs. Here an unknown id must
        // answer problem JSON.
        let is_poll = route.starts_with("/api/v1/peilingen/");
        let needs_data = route.contains("{id}") && !is_poll;
        let concrete = route
            .replace("{slug}", &slug)
            .replace("{id}", &if needs_data { 999999 } else { poll }.to_string());
        let r = c.get(app.url(&concrete)).send().await.unwrap();
        let expected = if needs_data { 404 } else { 200 };
        assert_eq!(r.status(), expected, "{concrete}");
        let ct = r.headers()["content-type"].to_str().unwrap().to_string();
        let json = if needs_data {
            "application/problem+json"
        } else {
            "application/json"
        };
        assert!(ct.starts_with(json), "{concrete}: {ct}");
    }
    // Every documented path is a real route as well.
    for p in paths.keys() {
        assert!(api_routes.contains(p), "{p} documented but not routed");
    }

    let org: serde_json::Value = c
        .get(app.url("/api/v1/gemeente"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(org["name"], "Enschede");
    assert!(org["theme"]["primary_color"]
        .as_str()
        .unwrap()
        .starts_with('#'));
    let areas: serde_json::Value = c
        .get(app.url("/api/v1/gebieden"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(areas["districts"][0]["slug"], "noord");
    let list: serde_json::Value = c
        .get(app.url("/api/v1/projecten"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let list = list["projects"].as_array().unwrap();
    assert_eq!(list.len(), 1, "drafts are not listed");
    assert_eq!(list[0]["slug"], slug.as_str());
    let detail: serde_json::Value = c
        .get(app.url(&format!("/api/v1/projecten/{slug}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["components"][0]["kind"], "poll");
    assert_eq!(
        detail["components"][0]["results"],
        format!("/api/v1/peilingen/{poll}/uitslag")
    );
    let res: serde_json::Value = c
        .get(app.url(&format!("/api/v1/peilingen/{poll}/uitslag")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(res["total"], 1);
    assert_eq!(res["choices"][2]["answers"], 1);
    assert_eq!(res["choices"][2]["label"], "Meer bomen");

    // Errors are RFC 9457 problem documents.
    let r = c
        .get(app.url("/api/v1/projecten/nog-geheim"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let p: serde_json::Value = r.json().await.unwrap();
    assert_eq!(p["status"], 404);
    assert_eq!(
        c.get(app.url("/api/v1/peilingen/999999/uitslag"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    app.stop().await;
}
both!(api_routes, api_routes_and_openapi);
