//! The poll component: answering once, concurrency, refusals, results, CSV export,
//! personal data and erasure.

use meedoen::args;

use crate::both;
use crate::projects::published_poll;
use crate::support::TestApp;

async fn answer(app: &TestApp, c: &reqwest::Client, poll: i64, choice: i64) -> reqwest::Response {
    c.post(app.url(&format!("/peilingen/{poll}/antwoord")))
        .form(&[("choice", choice.to_string())])
        .send()
        .await
        .unwrap()
}

async fn counts(app: &TestApp, poll: i64) -> Vec<i64> {
    let rows: Vec<(i64,)> = app
        .db
        .all(
            "SELECT answers FROM poll_choices WHERE component_id = $1 ORDER BY position",
            args![poll],
        )
        .await
        .unwrap();
    rows.into_iter().map(|(n,)| n).collect()
}

async fn member_answers_once(app: TestApp) {
    let (staff, _pid, slug, poll, choices) = published_poll(&app).await;
    let (uid, member) = app.member_client("bewoner@enschede.test").await;
    let page = member
        .get(app.url(&format!("/projecten/{slug}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<legend>Wat moet er in het park komen?</legend>")
            && page.contains("type=\"radio\""),
        "{page}"
    );

    let r = answer(&app, &member, poll, choices[1]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(counts(&app, poll).await, vec![0, 1, 0]);
    let page = member
        .get(app.url(&format!("/projecten/{slug}?melding=poll-answered")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Uw antwoord is opgeslagen") && page.contains("U heeft geantwoord: Bankjes")
    );
    assert!(
        page.contains("<meter min=\"0\" max=\"100\" value=\"100\">"),
        "bar chart"
    );
    assert!(
        page.contains("<th scope=\"row\">Bankjes</th><td>1</td><td>100%</td>"),
        "table alternative"
    );
    assert!(!page.contains("style="), "no inline style");

    // A second answer is refused with a friendly message, never a 500.
    let r = answer(&app, &member, poll, choices[0]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("U heeft al geantwoord"));
    assert_eq!(counts(&app, poll).await, vec![0, 1, 0]);
    // A choice of another poll, or nonsense, is refused.
    assert_eq!(answer(&app, &member, poll, 999_999).await.status(), 422);

    // An unverified member is refused; an anonymous visitor is sent to log in.
    let (uid2, unverified) = app.member_client("nieuw@enschede.test").await;
    app.db
        .exec(
            "UPDATE users SET email_verified_at = NULL WHERE id = $1",
            args![uid2],
        )
        .await
        .unwrap();
    let r = answer(&app, &unverified, poll, choices[0]).await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Bevestig eerst uw e-mailadres"));
    let page = unverified
        .get(app.url(&format!("/projecten/{slug}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("type=\"radio\"") && page.contains("Bevestig eerst"));
    let r = answer(&app, &app.client(), poll, choices[0]).await;
    assert!(r.status() == 401 || r.status() == 303, "{}", r.status());
    assert_eq!(counts(&app, poll).await, vec![0, 1, 0]);

    // CSV export for staff.
    let r = staff
        .get(app.url(&format!("/beheer/peilingen/{poll}/export.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "question,choice,answers,percent");
    assert_eq!(lines[1], "Wat moet er in het park komen?,Speeltuin,0,0");
    assert_eq!(lines[2], "Wat moet er in het park komen?,Bankjes,1,100");
    assert_eq!(
        member
            .get(app.url(&format!("/beheer/peilingen/{poll}/export.csv")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    // Choices cannot change once answered.
    let r = staff
        .post(app.url(&format!("/beheer/peilingen/{poll}")))
        .form(&[
            ("question", "Wat moet er in het park komen?"),
            ("choices", "Iets anders\nNog iets"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(counts(&app, poll).await, vec![0, 1, 0]);

    // The member's data download holds the answer; erasure keeps the count.
    let state = app.app.as_ref().unwrap().state().clone();
    let poll_kind = app.module("poll");
    let person = app.person(uid).await;
    let data = poll_kind
        .personal_data(&state, app.org_id, &person)
        .await
        .unwrap()
        .unwrap();
    let s = data.to_string();
    assert!(
        s.contains("Bankjes") && s.contains("Wat moet er in het park komen?"),
        "{s}"
    );
    let mut tx = state.db.begin().await.unwrap();
    poll_kind
        .erase_person(&mut tx, app.org_id, &person)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        poll_kind
            .personal_data(&state, app.org_id, &person)
            .await
            .unwrap(),
        Some(serde_json::json!([]))
    );
    assert_eq!(counts(&app, poll).await, vec![0, 1, 0]);
    let left: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM poll_answers WHERE component_id = $1",
            args![poll],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left, 1, "the answer stays, without the person");
    let stats = poll_kind
        .dashboard(&state, app.org_id, meedoen::web::i18n::Lang::Nl)
        .await
        .unwrap();
    assert!(stats.iter().any(|s| s.value == 1));
    let entries = poll_kind
        .search(&state, app.org_id, meedoen::web::i18n::Lang::Nl, "park", 10)
        .await
        .unwrap();
    assert!(entries
        .iter()
        .any(|e| e.title.contains("park") && e.snippet.contains("Bankjes")));

    // Closing the poll stops answers.
    let r = staff
        .post(app.url(&format!("/beheer/peilingen/{poll}/status")))
        .form(&[("open", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, late) = app.member_client("laat@enschede.test").await;
    let r = answer(&app, &late, poll, choices[0]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("gesloten"));
    app.stop().await;
}
both!(member_answers_once, member_answers_once);

async fn concurrent_answers_count_once(app: TestApp) {
    let (_, _, _, poll, choices) = published_poll(&app).await;
    let (uid, member) = app.member_client("snel@enschede.test").await;
    let mut tasks = Vec::new();
    for i in 0..50 {
        let c = member.clone();
        let url = app.url(&format!("/peilingen/{poll}/antwoord"));
        let choice = choices[i % choices.len()];
        tasks.push(tokio::spawn(async move {
            c.post(url)
                .form(&[("choice", choice.to_string())])
                .send()
                .await
                .map(|r| r.status().as_u16())
        }));
    }
    let mut ok = 0;
    for t in tasks {
        let status = t.await.unwrap().unwrap();
        assert!(status == 303 || status == 409, "status {status}");
        if status == 303 {
            ok += 1;
        }
    }
    assert_eq!(ok, 1, "exactly one answer accepted");
    let n: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM poll_answers WHERE component_id = $1 AND user_id = $2",
            args![poll, uid],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(
        counts(&app, poll).await.iter().sum::<i64>(),
        1,
        "counter matches"
    );
    app.stop().await;
}
both!(concurrent_answers, concurrent_answers_count_once);
