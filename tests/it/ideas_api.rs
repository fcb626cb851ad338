//! The JSON API for ideas, comments and ballot results: public data only (no drafts, no
//! hidden ideas, hidden comments without text, results only once published), filters and
//! pagination, problem JSON, the municipality from the host name, and every route in the
//! OpenAPI document.

use meedoen::args;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::both;
use crate::ideas::{location, setup, submit, DESCRIPTION};
use crate::projects::png;
use crate::support::TestApp;

async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    let r = app.client().get(app.url(path)).send().await.unwrap();
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let v: Value = r.json().await.unwrap_or(Value::Null);
    if status == 200 {
        assert!(ct.starts_with("application/json"), "{path}: {ct}");
    } else {
        assert_eq!(ct, "application/problem+json", "{path}");
        assert_eq!(v["status"], status, "{path}");
    }
    (status, v)
}

async fn ideas_api_public_data_only(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    // One idea with a photo and a point.
    let r = member
        .post(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .multipart(
            Form::new()
                .text("title", "Bankjes bij de speeltuin")
                .text("summary", "Bankjes zodat ouderen kunnen rusten.")
                .text("description", DESCRIPTION)
                .text("cost", "4500")
                .text("area_id", fx.area.to_string())
                .text("themes", fx.theme.to_string())
                .text("lat", "52.2215")
                .text("lon", "6.8937")
                .text("action", "submit")
                .part(
                    "photo",
                    Part::bytes(png(40, 30))
                        .file_name("a.png")
                        .mime_str("image/png")
                        .unwrap(),
                )
                .text("photo_alt", "Kapot bankje"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let with_photo: i64 = location(&r)
        .trim_start_matches("/ideeen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let plain = submit(&app, &member, &fx, "Meer groen op het plein").await;
    let hidden = submit(&app, &member, &fx, "Een idee dat verborgen is").await;
    app.db
        .exec(
            "UPDATE ideas SET hidden = TRUE WHERE id = $1",
            args![hidden],
        )
        .await
        .unwrap();
    let r = member
        .post(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .form(&[("title", "Nog een concept"), ("action", "draft")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // Status with an official answer, a like and comments (one reply, one hidden).
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/idee/{plain}")))
        .form(&[
            ("status", "rejected"),
            ("answer", "Dit past niet in het budget."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    member
        .post(app.url(&format!("/ideeen/{with_photo}/like")))
        .form(&[("liked", "1")])
        .send()
        .await
        .unwrap();
    for body in [
        "Goed plan voor de buurt",
        "Te duur volgens mij",
        "Weg ermee",
    ] {
        let r = member
            .post(app.url(&format!("/ideeen/{with_photo}/reacties")))
            .form(&[("body", body), ("stance", "for")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    }
    let first: i64 = app
        .db
        .scalar(
            "SELECT MIN(id) FROM idea_comments WHERE idea_id = $1",
            args![with_photo],
        )
        .await
        .unwrap()
        .unwrap();
    let r = member
        .post(app.url(&format!("/ideeen/{with_photo}/reacties")))
        .form(&[
            ("body", "Een antwoord op de eerste"),
            ("stance", "neutral"),
            ("parent_id", &first.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    app.db
        .exec(
            "UPDATE idea_comments SET hidden = TRUE WHERE idea_id = $1 AND body = 'Weg ermee'",
            args![with_photo],
        )
        .await
        .unwrap();

    // The list: drafts and hidden ideas are not in it.
    let (s, list) = get(&app, &format!("/api/v1/ideeen?component={}", fx.cid)).await;
    assert_eq!(s, 200);
    assert_eq!(list["total"], 2, "{list}");
    assert_eq!(list["per_page"], 20);
    let results = list["results"].as_array().unwrap();
    let ids: Vec<i64> = results.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&with_photo) && ids.contains(&plain) && !ids.contains(&hidden));
    let item = results.iter().find(|r| r["id"] == with_photo).unwrap();
    assert!(item["thumbnail_url"]
        .as_str()
        .unwrap()
        .ends_with("-400.jpg"));
    assert_eq!(item["point"]["lat"], 52.2215);
    assert_eq!(item["area"]["id"], fx.area);
    assert!(!item.to_string().contains("author"), "no author names");
    // Filters and pages.
    let (_, l) = get(
        &app,
        &format!("/api/v1/ideeen?component={}&status=rejected", fx.cid),
    )
    .await;
    assert_eq!(l["total"], 1);
    assert_eq!(l["results"][0]["id"], plain);
    let (_, l) = get(
        &app,
        &format!("/api/v1/ideeen?component={}&area={}", fx.cid, fx.area),
    )
    .await;
    assert_eq!(l["total"], 2, "{l}");
    let (_, l) = get(
        &app,
        &format!(
            "/api/v1/ideeen?component={}&area={}",
            fx.cid,
            fx.area + 1000
        ),
    )
    .await;
    assert_eq!(l["total"], 0, "{l}");
    let (_, l) = get(&app, &format!("/api/v1/ideeen?theme={}", fx.theme)).await;
    assert_eq!(l["total"], 2);
    let (_, l) = get(&app, &format!("/api/v1/ideeen?component={}&page=2", fx.cid)).await;
    assert_eq!(l["results"].as_array().unwrap().len(), 0);
    assert_eq!(l["page"], 2);
    let (s, p) = get(&app, "/api/v1/ideeen?status=geheim").await;
    assert_eq!(s, 422);
    assert!(p["detail"].as_str().unwrap_or("").contains("status") || p["title"].as_str().is_some());
    assert_eq!(get(&app, "/api/v1/ideeen?component=abc").await.0, 422);
    assert_eq!(get(&app, "/api/v1/ideeen?component=999999").await.0, 404);

    // The detail.
    let (s, d) = get(&app, &format!("/api/v1/ideeen/{with_photo}")).await;
    assert_eq!(s, 200);
    assert_eq!(d["like_count"], 1);
    assert_eq!(d["comment_count"], 4);
    assert_eq!(d["images"][0]["alt"], "Kapot bankje");
    assert!(d["images"][0]["url"]
        .as_str()
        .unwrap()
        .starts_with("/bestanden/"));
    assert_eq!(d["point"]["lon"], 6.8937);
    assert_eq!(d["description_markdown"], DESCRIPTION);
    assert_eq!(d["themes"][0]["slug"], "spelen");
    let (_, d) = get(&app, &format!("/api/v1/ideeen/{plain}")).await;
    assert_eq!(d["status"], "rejected");
    assert_eq!(
        d["official_answer"]["answer_markdown"],
        "Dit past niet in het budget."
    );
    assert_eq!(d["point"], Value::Null);
    assert_eq!(get(&app, &format!("/api/v1/ideeen/{hidden}")).await.0, 404);
    let draft: i64 = app
        .db
        .scalar("SELECT id FROM ideas WHERE status = 'draft'", args![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(get(&app, &format!("/api/v1/ideeen/{draft}")).await.0, 404);
    assert_eq!(
        get(&app, &format!("/api/v1/ideeen/{draft}/reacties"))
            .await
            .0,
        404
    );

    // Comments: threaded by parent id; the hidden one is a notice without text.
    let (s, c) = get(&app, &format!("/api/v1/ideeen/{with_photo}/reacties")).await;
    assert_eq!(s, 200);
    assert_eq!(c["total"], 4);
    let rows = c["results"].as_array().unwrap();
    let reply = rows
        .iter()
        .find(|r| r["text_markdown"] == "Een antwoord op de eerste")
        .unwrap();
    assert_eq!(reply["parent_id"], first);
    assert_eq!(reply["depth"], 1);
    let gone = rows.iter().find(|r| r["hidden"] == true).unwrap();
    assert_eq!(gone["text_markdown"], Value::Null);
    assert!(gone["notice"].as_str().unwrap().len() > 5);
    assert!(!c.to_string().contains("Weg ermee"));
    let (_, c2) = get(
        &app,
        &format!("/api/v1/ideeen/{with_photo}/reacties?page=2"),
    )
    .await;
    assert_eq!(c2["results"].as_array().unwrap().len(), 0);

    // Another municipality sees nothing of these.
    app.second_org("andere.test").await;
    let other = app.client_for_host("andere.test");
    let r = other
        .get(app.url_for_host("andere.test", &format!("/api/v1/ideeen/{with_photo}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let l: Value = other
        .get(app.url_for_host("andere.test", "/api/v1/ideeen"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(l["total"], 0);

    // Every route of this module is in the OpenAPI document, with its schemas.
    let (_, doc) = get(&app, "/api/v1/openapi.json").await;
    for p in [
        "/api/v1/ideeen",
        "/api/v1/ideeen/{id}",
        "/api/v1/ideeen/{id}/reacties",
        "/api/v1/stemmingen/{id}/uitslag",
    ] {
        assert!(crate::routes::api().contains(&p.to_string()), "{p} routed");
        assert!(doc["paths"].get(p).is_some(), "{p} documented");
        let refs = doc["paths"][p].to_string();
        for r in refs.split("#/components/schemas/").skip(1) {
            let name = r.split('"').next().unwrap();
            assert!(
                doc["components"]["schemas"].get(name).is_some(),
                "{name} schema exists"
            );
        }
    }
    app.stop().await;
}
both!(ideas_api, ideas_api_public_data_only);

async fn ballot_results_only_when_published(app: TestApp) {
    let fx = crate::ballot::setup(&app).await;
    let b = fx.ballot;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let r = crate::ballot::post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &crate::ballot::form(&[fx.ideas[0], fx.ideas[2]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    let (s, p) = get(&app, &format!("/api/v1/stemmingen/{b}/uitslag")).await;
    assert_eq!(s, 404, "not before publication: {p}");
    assert_eq!(get(&app, "/api/v1/stemmingen/999999/uitslag").await.0, 404);
    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = $2 WHERE component_id = $1",
            args![b, meedoen::db::now() - 1],
        )
        .await
        .unwrap();
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/stemmen/{b}/publiceren")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (s, res) = get(&app, &format!("/api/v1/stemmingen/{b}/uitslag")).await;
    assert_eq!(s, 200);
    assert_eq!(res["ballots"]["online"], 1);
    assert_eq!(res["ballots"]["total"], 1);
    assert_eq!(res["ballot_type"], "budget");
    assert_eq!(res["budget"], 50000);
    let ranking = res["ranking"].as_array().unwrap();
    let top: Vec<i64> = ranking
        .iter()
        .filter(|r| r["votes"] == 1)
        .map(|r| r["idea_id"].as_i64().unwrap())
        .collect();
    assert_eq!(top.len(), 2);
    assert!(top.contains(&fx.ideas[0]) && top.contains(&fx.ideas[2]));
    assert!(ranking.iter().all(|r| r["outcome"].is_string()));
    let _ = fx.rejected;
    app.stop().await;
}
both!(ballot_results_api, ballot_results_only_when_published);
