//! Following ideas and realisation updates: authors follow their own idea, one follow per
//! member (UNIQUE), updates only for selected/realised ideas, percentage checked by form and
//! database, followers mailed (except those who turned mail off), audit entry, timeline on
//! the idea page, and follows in the data download and gone after erasure.

use meedoen::args;
use reqwest::multipart::{Form, Part};

use crate::both;
use crate::ideas::{setup, submit};
use crate::projects::png;
use crate::support::TestApp;

async fn follows(app: &TestApp, idea: i64, user: i64) -> i64 {
    app.db
        .scalar(
            "SELECT COUNT(*) FROM idea_follows WHERE idea_id = $1 AND user_id = $2",
            args![idea, user],
        )
        .await
        .unwrap()
        .unwrap_or(0)
}

async fn progress_mails(app: &TestApp, to: &str) -> i64 {
    app.db
        .scalar(
            "SELECT COUNT(*) FROM outbox WHERE to_addr = $1 AND subject LIKE 'Nieuws over het idee:%'",
            args![to],
        )
        .await
        .unwrap()
        .unwrap_or(0)
}

async fn follow_and_progress_updates(app: TestApp) {
    let fx = setup(&app).await;
    let (author, member) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    assert_eq!(follows(&app, id, author).await, 1, "the author follows");

    let (fan, fan_c) = app.member_client("fan@enschede.test").await;
    let url = app.url(&format!("/ideeen/{id}/volgen"));
    for _ in 0..2 {
        let r = fan_c
            .post(&url)
            .form(&[("follow", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    }
    assert_eq!(follows(&app, id, fan).await, 1, "one follow, however often");
    // Without a value the button toggles.
    fan_c.post(&url).form(&[("x", "")]).send().await.unwrap();
    assert_eq!(follows(&app, id, fan).await, 0);
    fan_c.post(&url).form(&[("x", "")]).send().await.unwrap();
    assert_eq!(follows(&app, id, fan).await, 1);
    let page = fan_c
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("U volgt dit idee") && page.contains("Niet meer volgen"));
    assert!(!page.contains("ideas-"), "no missing keys");
    // Anonymous visitors cannot follow.
    assert_ne!(
        app.client()
            .post(&url)
            .form(&[("follow", "1")])
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    let (quiet, quiet_c) = app.member_client("stil@enschede.test").await;
    quiet_c
        .post(&url)
        .form(&[("follow", "1")])
        .send()
        .await
        .unwrap();
    app.db
        .exec(
            "UPDATE users SET notify_pref = 'off' WHERE id = $1",
            args![quiet],
        )
        .await
        .unwrap();

    // Progress is only for selected or realised ideas, and only for staff.
    let purl = app.url(&format!("/beheer/idee/{id}/voortgang"));
    assert_eq!(member.get(&purl).send().await.unwrap().status(), 403);
    let r = fx
        .staff
        .post(&purl)
        .form(&[
            ("status_text", "Besteld"),
            ("percent", "10"),
            ("body", "Tekst"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/idee/{id}")))
        .form(&[
            ("status", "selected"),
            ("answer", "Gekozen bij de stemming."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let page = fx.staff.get(&purl).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap();
    assert!(body.contains("3 volgers"), "{body}");
    assert!(!body.contains("ideas-"), "no missing keys: {body}");

    let r = fx
        .staff
        .post(&purl)
        .form(&[
            ("status_text", "Besteld"),
            ("percent", "150"),
            ("body", "Tekst"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("Vul een heel getal in van 0 tot en met 100"));
    assert!(body.contains("value=\"Besteld\""), "input kept");

    let form = Form::new()
        .text("status_text", "Bankjes besteld")
        .text("percent", "40")
        .text("body", "De **bankjes** zijn besteld bij de leverancier.")
        .part(
            "photo",
            Part::bytes(png(60, 40))
                .file_name("bank.png")
                .mime_str("image/png")
                .unwrap(),
        )
        .text("photo_alt", "Drie nieuwe bankjes in het magazijn");
    let r = fx.staff.post(&purl).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let (pct, text, upload): (i64, String, Option<i64>) = app
        .db
        .one(
            "SELECT percent, status_text, upload_id FROM idea_updates WHERE idea_id = $1",
            args![id],
        )
        .await
        .unwrap();
    assert_eq!((pct, text.as_str()), (40, "Bankjes besteld"));
    assert!(upload.is_some());
    let audited: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'idea.progress' AND object_id = $1",
            args![id.to_string()],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audited, 1);
    assert_eq!(progress_mails(&app, "bewoner@enschede.test").await, 1);
    assert_eq!(progress_mails(&app, "fan@enschede.test").await, 1);
    assert_eq!(
        progress_mails(&app, "stil@enschede.test").await,
        0,
        "mail is off"
    );
    let (subject, mail) = app.last_mail("fan@enschede.test").await.unwrap();
    assert!(subject.contains("Bankjes in de Ledeboerstraat"));
    assert!(
        mail.contains("Bankjes besteld")
            && mail.contains("40%")
            && mail.contains(&format!("/ideeen/{id}"))
    );

    // The database holds the percentage to 0..100 as well.
    assert!(app
        .db
        .exec(
            "INSERT INTO idea_updates (org_id, idea_id, status_text, percent, body, created_at) VALUES ($1, $2, 'x', 101, 'x', 0)",
            args![app.org_id, id],
        )
        .await
        .is_err());

    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Voortgang van de uitvoering") && page.contains("Bankjes besteld"));
    assert!(page.contains("<progress") && page.contains("value=\"40\""));
    assert!(page.contains("<strong>bankjes</strong>"));
    assert!(page.contains("alt=\"Drie nieuwe bankjes in het magazijn\""));

    // Download and erasure.
    let state = app.app.as_ref().unwrap().state().clone();
    let kind = app.module("ideas");
    let person = app.person(fan).await;
    let data = kind
        .personal_data(&state, app.org_id, &person)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(data["follows"][0]["idea_id"], id);
    let mut tx = app.db.begin().await.unwrap();
    kind.erase_person(&mut tx, app.org_id, &person)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(follows(&app, id, fan).await, 0);
    let data = kind
        .personal_data(&state, app.org_id, &person)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(data["follows"].as_array().map(Vec::len), Some(0));
    app.stop().await;
}
both!(follow_and_progress, follow_and_progress_updates);

/// The demo's finished project has realisation updates on its selected ideas, at different
/// stages, and the idea page shows them. (SQLite only: the demo itself is tested on both.)
#[tokio::test]
async fn demo_has_realisation_updates() {
    let dir = tempfile::tempdir().unwrap();
    let config = meedoen::Config {
        database_url: dir.path().join("demo.db").to_string_lossy().to_string(),
        data_dir: dir.path().join("uploads"),
        bind: "127.0.0.1:0".into(),
        base_url: "http://127.0.0.1".into(),
        ..meedoen::Config::default()
    };
    meedoen::cli::demo::load_if_empty(&config, &meedoen::app::modules())
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = meedoen::App::build(config, listener).await.unwrap();
    let db = app.state().db.clone();
    let rows: Vec<(i64, i64, String)> = db
        .all(
            "SELECT u.idea_id, u.percent, i.status FROM idea_updates u JOIN ideas i ON i.id = u.idea_id \
             JOIN components c ON c.id = i.component_id JOIN projects p ON p.id = c.project_id \
             WHERE p.slug = 'jij-maakt-noord-2025' ORDER BY u.idea_id, u.created_at",
            args![],
        )
        .await
        .unwrap();
    assert!(rows.len() >= 5, "{rows:?}");
    assert!(rows.iter().all(|r| r.2 == "selected"));
    let mut ideas: Vec<i64> = rows.iter().map(|r| r.0).collect();
    ideas.dedup();
    assert!(ideas.len() >= 2, "several ideas have updates");
    let mut pcts: Vec<i64> = rows.iter().map(|r| r.1).collect();
    pcts.sort_unstable();
    pcts.dedup();
    assert!(pcts.len() >= 3 && pcts.contains(&100), "{pcts:?}");
    let page = reqwest::Client::new()
        .get(format!("http://{}/ideeen/{}", app.addr(), ideas[0]))
        .header("host", "localhost")
        .send()
        .await
        .unwrap();
    let status = page.status();
    let body = page.text().await.unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("Voortgang van de uitvoering") && body.contains("<progress"));
    app.shutdown().await.unwrap();
}
