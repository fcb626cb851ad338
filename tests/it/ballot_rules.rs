//! Ballot rules beyond the plain budget: the live remaining-budget figure (its data for
//! `static/app.js` and its no-JavaScript twin), and per-area ballots where an area has a count
//! (min/max ideas, top-N winners) instead of a budget.

use meedoen::args;
use meedoen::db::now;

use crate::ballot::{form, post, settings_form, setup};
use crate::both;
use crate::support::TestApp;

async fn text(c: &reqwest::Client, app: &TestApp, path: &str) -> String {
    c.get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn live_figure(app: TestApp) {
    let fx = setup(&app).await;
    let (b, i) = (fx.ballot, &fx.ideas);
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let page = text(&member, &app, &format!("/stemmen/{b}")).await;
    // A polite live region, the limits and sentences as JSON, and the cost on each box.
    assert!(
        page.contains("id=\"stand\" aria-live=\"polite\" aria-atomic=\"true\""),
        "{page}"
    );
    assert!(
        page.contains("data-ballot=\"") && page.contains("&#34;max&#34;:50000"),
        "{page}"
    );
    assert!(
        page.contains("U heeft nog {amount} over."),
        "sentences for the script"
    );
    assert!(page.contains(&format!(
        "value=\"{}\" data-cost=\"10000\" data-area=\"0\"",
        i[0]
    )));
    assert!(
        !page.contains("ballot-over"),
        "nothing chosen, nothing over"
    );
    assert!(!page.contains("<script>"), "no inline script (CSP)");
    // Without JavaScript: the recalculate button gives the same figure, marked when over.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/kiezen"),
        &form(&[i[1], i[4], i[2]], None),
    )
    .await;
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("class=\"counts ballot-live ballot-over\"")
            && body.contains("U koos 3 ideeën voor € 65.000. Dat is € 15.000 te veel."),
        "{body}"
    );
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/kiezen"),
        &form(&[i[1]], None),
    )
    .await;
    let body = r.text().await.unwrap();
    assert!(
        body.contains("class=\"counts ballot-live\"")
            && body.contains("U koos 1 idee voor € 20.000. U heeft nog € 30.000 over."),
        "{body}"
    );
}

both!(live_figure_data, live_figure);

async fn per_area_count(app: TestApp) {
    let fx = setup(&app).await;
    let (b, i) = (fx.ballot, &fx.ideas);
    let mut areas = Vec::new();
    for (name, slug) in [("Noord", "noord"), ("Zuid", "zuid")] {
        let id: i64 = app
            .db
            .write_scalar(
                "INSERT INTO areas (org_id, kind, name, slug) VALUES ($1, 'district', $2, $3) RETURNING id",
                args![app.org_id, name, slug],
            )
            .await
            .unwrap();
        areas.push(id);
    }
    // Noord: ideas 0 (€ 10.000), 1 (€ 20.000) and 4 (€ 30.000); Zuid: 2 (€ 15.000), 3 (€ 5.000).
    for (k, a) in [
        (0, areas[0]),
        (1, areas[0]),
        (4, areas[0]),
        (2, areas[1]),
        (3, areas[1]),
    ] {
        app.db
            .exec(
                "UPDATE ideas SET area_id = $2 WHERE id = $1",
                args![i[k], a],
            )
            .await
            .unwrap();
    }
    let ideas_cid: i64 = app
        .db
        .scalar(
            "SELECT ideas_component_id FROM ballot_settings WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap()
        .unwrap();
    let (n, z) = (areas[0], areas[1]);
    let configure = |noord: [&str; 3]| {
        let mut f: Vec<(String, String)> = settings_form(&ideas_cid.to_string(), "0", "0")
            .into_iter()
            .map(|(k, v)| {
                let v = if k == "ballot_type" { "per_area" } else { v };
                (k.to_string(), v.to_string())
            })
            .collect();
        f.push((format!("area_{n}_kind"), "count".into()));
        f.push((format!("area_{n}_min"), noord[0].into()));
        f.push((format!("area_{n}_max"), noord[1].into()));
        f.push((format!("area_{n}_winners"), noord[2].into()));
        f.push((format!("area_{z}_kind"), "budget".into()));
        f.push((format!("area_{z}_max"), "20000".into()));
        f.push(("area_scope".into(), "all".into()));
        f
    };
    let settings = format!("/beheer/stemmen/{b}");
    // A minimum above the maximum is refused with a message, input kept.
    let r = post(&app, &fx.staff, &settings, &configure(["3", "2", "1"])).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Het minimum (3) is hoger dan het maximum (2)"),
        "{body}"
    );
    assert!(body.contains(&format!("name=\"area_{n}_winners\" value=\"1\"")));
    let r = post(&app, &fx.staff, &settings, &configure(["1", "2", "1"])).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let staff_page = text(&fx.staff, &app, &settings).await;
    assert!(
        staff_page.contains("<option value=\"count\" selected>Aantal ideeën</option>"),
        "{staff_page}"
    );
    assert!(
        !staff_page.contains("ballot-"),
        "no missing translation keys"
    );

    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let page = text(&member, &app, &format!("/stemmen/{b}")).await;
    assert!(
        page.contains("Noord: minstens 1 en hoogstens 2 ideeën.")
            && page.contains("Zuid: samen minstens € 0 en hoogstens € 20.000."),
        "{page}"
    );
    // Three ideas in Noord: one too many, whatever they cost.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0], i[1], i[4]], None),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("In Noord heeft u 3 ideeën gekozen. U mag er maximaal 2 kiezen."),
        "{body}"
    );
    assert!(body.contains("Noord: U koos 3 ideeën voor € 60.000. Dat is er 1 te veel."));
    assert_eq!(crate::ballot::ballots(&app, b).await, 0);
    // Within both areas' rules.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0], i[1], i[2], i[3]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    let (_, other) = app.member_client("buur@enschede.test").await;
    let r = post(
        &app,
        &other,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0], i[2]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    // The counts are locked now, but the number of winners may still change.
    let r = post(&app, &fx.staff, &settings, &configure(["1", "3", "1"])).await;
    assert_eq!(r.status(), 409);
    let r = post(&app, &fx.staff, &settings, &configure(["1", "2", "2"])).await;
    assert_eq!(r.status(), 303);
    let winners: i64 = app
        .db
        .scalar(
            "SELECT winners FROM ballot_area_rules WHERE component_id = $1 AND area_id = $2",
            args![b, n],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(winners, 2);

    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = $2 WHERE component_id = $1",
            args![b, now() - 1],
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
    // Noord: top 2 by votes (idea 0: 2 votes, idea 1: 1); Zuid: € 15.000 + € 5.000 fit € 20.000.
    let selected: Vec<(i64,)> = app
        .db
        .all(
            "SELECT id FROM ideas WHERE status = 'selected' ORDER BY id",
            vec![],
        )
        .await
        .unwrap();
    let mut want = vec![i[0], i[1], i[2], i[3]];
    want.sort();
    assert_eq!(selected.into_iter().map(|(x,)| x).collect::<Vec<_>>(), want);
    let results = text(&app.client(), &app, &format!("/stemmen/{b}/uitslag")).await;
    assert!(results.contains("Budget: € 20.000"), "{results}");
}

both!(per_area_count_rules, per_area_count);

async fn minimum_age(app: TestApp) {
    let fx = setup(&app).await;
    let (b, i) = (fx.ballot, &fx.ideas);
    let ideas_cid: i64 = app
        .db
        .scalar(
            "SELECT ideas_component_id FROM ballot_settings WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap()
        .unwrap();
    let cid = ideas_cid.to_string();
    let with_age = |age: &'static str| {
        let mut f: Vec<(String, String)> = settings_form(&cid, "0", "50000")
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        f.push(("min_age".into(), age.into()));
        f
    };
    let settings = format!("/beheer/stemmen/{b}");
    let r = post(&app, &fx.staff, &settings, &with_age("oud")).await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Vul een leeftijd in van 0 tot en met 130"));
    let r = post(&app, &fx.staff, &settings, &with_age("16")).await;
    assert_eq!(r.status(), 303);
    assert!(text(&fx.staff, &app, &settings)
        .await
        .contains("id=\"min_age\" name=\"min_age\" value=\"16\""));

    let (uid, member) = app.member_client("bewoner@enschede.test").await;
    let page = text(&member, &app, &format!("/stemmen/{b}")).await;
    assert!(
        page.contains("name=\"birth_date\"")
            && page.contains("U moet minstens 16 jaar zijn om te stemmen."),
        "{page}"
    );
    let confirm = format!("/stemmen/{b}/bevestigen");
    let with_birth = |birth: &str| {
        let mut f = form(&[i[0]], None);
        f.push(("birth_date".into(), birth.into()));
        f
    };
    // No birth date, an unreadable one, a future one: asked again, nothing stored.
    for birth in ["", "gisteren", "2999-01-01"] {
        let r = post(&app, &member, &confirm, &with_birth(birth)).await;
        assert_eq!(r.status(), 422, "{birth}");
        let body = r.text().await.unwrap();
        assert!(body.contains("Vul uw geboortedatum in."));
        assert!(
            body.contains("href=\"#birth_date\"") && body.contains("aria-invalid=\"true\""),
            "the summary links to the birth date field: {body}"
        );
    }
    // Ten years old: refused, also at the review step.
    let young = time::OffsetDateTime::now_utc().year() - 10;
    let young = format!("{young}-01-01");
    for path in [format!("/stemmen/{b}/controleren"), confirm.clone()] {
        let r = post(&app, &member, &path, &with_birth(&young)).await;
        assert_eq!(r.status(), 422, "{path}");
        let body = r.text().await.unwrap();
        assert!(
            body.contains("U moet minstens 16 jaar zijn om te stemmen. Daarom kunt u"),
            "{body}"
        );
    }
    assert_eq!(crate::ballot::ballots(&app, b).await, 0);
    // Old enough: the review step carries the date, the cast stores it on the ballot only.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/controleren"),
        &with_birth("2000-02-29"),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("name=\"birth_date\" value=\"2000-02-29\""));
    let r = post(&app, &member, &confirm, &with_birth("2000-02-29")).await;
    assert_eq!(r.status(), 303);
    let stored: Option<String> = app
        .db
        .scalar(
            "SELECT birth_date FROM ballots WHERE user_id = $1",
            args![uid],
        )
        .await
        .unwrap()
        .flatten();
    assert_eq!(stored.as_deref(), Some("2000-02-29"));
    // With a ballot cast, the minimum age is part of the locked rules: raising it now would
    // leave a ballot that was checked against another rule.
    let r = post(&app, &fx.staff, &settings, &with_age("30")).await;
    assert_eq!(r.status(), 409);
    assert!(text(&fx.staff, &app, &settings)
        .await
        .contains("id=\"min_age\" name=\"min_age\" value=\"16\""));
    // Changing the ballot later does not ask again.
    let page = text(&member, &app, &format!("/stemmen/{b}")).await;
    assert!(!page.contains("name=\"birth_date\""));
    let r = post(&app, &member, &confirm, &form(&[i[1]], None)).await;
    assert_eq!(r.status(), 303);
    // Code holders are not asked: the municipality sends codes only to those who may vote.
    let codes = crate::ballot::generate_codes(&app, &fx, 1).await;
    let r = post(
        &app,
        &app.client(),
        &confirm,
        &form(&[i[2]], Some(&codes[0])),
    )
    .await;
    assert_eq!(r.status(), 303);

    // In the data download, and gone with the account.
    let state = app.app.as_ref().unwrap().state();
    let ballot = app.module("ballot");
    let person = app.person(uid).await;
    let data = ballot
        .personal_data(state, app.org_id, &person)
        .await
        .unwrap()
        .unwrap()
        .to_string();
    assert!(data.contains("\"birth_date\":\"2000-02-29\""), "{data}");
    let mut tx = app.db.begin().await.unwrap();
    ballot
        .erase_person(&mut tx, app.org_id, &person)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let left: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM ballots WHERE component_id = $1 AND birth_date IS NOT NULL",
            args![b],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left, 0);
}

both!(minimum_age_rule, minimum_age);
