//! The ideas component: submission with validation, the list (filters, sorts, search,
//! pagination), statuses with official answers and mail, parallel likes, threaded comments,
//! flags and moderation, staff-only screens, tenant isolation, personal data and erasure.

use meedoen::args;

use crate::both;
use crate::projects::{create_project, set_status};
use crate::support::TestApp;

pub(crate) fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

pub(crate) const DESCRIPTION: &str = "In de Ledeboerstraat staan geen bankjes. Ouderen lopen daar elke dag naar de winkel en \
     moeten onderweg even kunnen rusten. Drie bankjes in de schaduw zouden veel helpen voor de buurt.";

pub(crate) struct Fx {
    pub staff: reqwest::Client,
    pub pid: i64,
    pub cid: i64,
    pub slug: String,
    pub area: i64,
    pub theme: i64,
}

/// A published project with a configured ideas component (through the staff forms).
pub(crate) async fn setup(app: &TestApp) -> Fx {
    let (_, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let pid = create_project(app, &staff, "Jij maakt Zuid").await;
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/onderdelen")))
        .form(&[("kind", "ideas"), ("title", "Ideeën voor Zuid")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let loc = location(&r);
    assert!(loc.starts_with("/beheer/ideeen/"), "{loc}");
    let cid: i64 = loc
        .trim_start_matches("/beheer/ideeen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Not ready before the settings are saved.
    assert_eq!(
        set_status(app, &staff, pid, "published").await.status(),
        422
    );
    let page = staff
        .get(app.url(&format!("/beheer/ideeen/{cid}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap();
    assert!(
        body.contains("value=\"140\"") && body.contains("value=\"5000\""),
        "defaults shown"
    );
    assert!(
        !body.contains("ideas-"),
        "no missing translation keys: {body}"
    );
    // A closing date before the opening date is refused with the input kept.
    let r = save_settings(app, &staff, cid, "2026-05-01", "2026-04-01", true, "3").await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("niet vóór de begindatum") && body.contains("2026-05-01"),
        "{body}"
    );
    let r = save_settings(app, &staff, cid, "2020-01-01", "2099-12-31", true, "3").await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(
        set_status(app, &staff, pid, "published").await.status(),
        303
    );
    let slug: String = app
        .db
        .scalar("SELECT slug FROM projects WHERE id = $1", args![pid])
        .await
        .unwrap()
        .unwrap();
    let area: i64 = app
        .db
        .write_scalar(
            "INSERT INTO areas (org_id, kind, name, slug) VALUES ($1, 'district', 'Zuid', 'zuid') RETURNING id",
            args![app.org_id],
        )
        .await
        .unwrap();
    let theme: i64 = app
        .db
        .write_scalar(
            "INSERT INTO themes (org_id, name, slug) VALUES ($1, 'Spelen', 'spelen') RETURNING id",
            args![app.org_id],
        )
        .await
        .unwrap();
    Fx {
        staff,
        pid,
        cid,
        slug,
        area,
        theme,
    }
}

async fn save_settings(
    app: &TestApp,
    c: &reqwest::Client,
    cid: i64,
    opens: &str,
    closes: &str,
    comments: bool,
    flags: &str,
) -> reqwest::Response {
    let mut form = vec![
        ("opens_on", opens),
        ("closes_on", closes),
        ("title_min", "10"),
        ("title_max", "50"),
        ("summary_min", "20"),
        ("summary_max", "140"),
        ("description_min", "140"),
        ("description_max", "5000"),
        ("flag_threshold", flags),
    ];
    if comments {
        form.push(("comments_open", "1"));
    }
    c.post(app.url(&format!("/beheer/ideeen/{cid}")))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// Submits a valid idea through the form; returns its id.
pub(crate) async fn submit(app: &TestApp, c: &reqwest::Client, fx: &Fx, title: &str) -> i64 {
    let theme = fx.theme.to_string();
    let area = fx.area.to_string();
    let r = c
        .post(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .form(&[
            ("title", title),
            ("summary", "Bankjes zodat ouderen kunnen rusten."),
            ("description", DESCRIPTION),
            ("cost", "4500"),
            ("area_id", area.as_str()),
            ("themes", theme.as_str()),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let loc = location(&r);
    loc.trim_start_matches("/ideeen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn submit_with_errors_then_success(app: TestApp) {
    let fx = setup(&app).await;
    let (uid, member) = app.member_client("bewoner@enschede.test").await;
    let r = member
        .get(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert_eq!(body.matches("<h1").count(), 1);
    assert!(!body.contains("ideas-"), "{body}");
    assert!(
        body.contains("<legend>Thema&#39;s</legend>") || body.contains("<legend>Thema's</legend>"),
        "{body}"
    );

    let theme = fx.theme.to_string();
    let r = member
        .post(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .form(&[
            ("title", "Kort"),
            ("summary", "Een samenvatting die lang genoeg is."),
            ("description", "Te kort"),
            ("cost", "veel"),
            ("area_id", "999999"),
            ("themes", theme.as_str()),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("error-summary"));
    assert!(
        body.contains("Dit is te kort. Gebruik minstens 10 tekens."),
        "{body}"
    );
    assert!(body.contains("aria-describedby=\"title-hint title-error\""));
    assert!(body.contains("Vul een bedrag in hele euro"));
    assert!(body.contains("Kies een gebied uit de lijst"));
    assert!(
        body.contains("value=\"Kort\"")
            && body.contains("Een samenvatting die lang genoeg is.")
            && body.contains("value=\"veel\"")
    );
    assert!(
        body.contains(&format!("value=\"{theme}\" checked")),
        "theme choice kept"
    );
    let n: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM ideas", args![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 0);

    let id = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    let (status, owner, cost): (String, Option<i64>, i64) = app
        .db
        .one(
            "SELECT status, user_id, cost FROM ideas WHERE id = $1",
            args![id],
        )
        .await
        .unwrap();
    assert_eq!(
        (status.as_str(), owner, cost),
        ("submitted", Some(uid), 4500)
    );
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Bankjes in de Ledeboerstraat")
            && page.contains("€ 4.500")
            && page.contains("Spelen")
            && page.contains("Zuid")
    );
    assert!(page.contains("Ingediend"));
    assert!(!page.contains("ideas-"), "no missing translation keys");

    // A draft needs only a title and stays private.
    let r = member
        .post(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .form(&[
            ("title", "Half idee"),
            ("summary", ""),
            ("description", ""),
            ("cost", ""),
            ("action", "draft"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let draft: i64 = location(&r)
        .trim_start_matches("/ideeen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        app.client()
            .get(app.url(&format!("/ideeen/{draft}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        member
            .get(app.url(&format!("/ideeen/{draft}")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let list = app
        .client()
        .get(app.url(&format!("/onderdelen/{}/ideeen", fx.cid)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!list.contains("Half idee") && list.contains("Bankjes in de Ledeboerstraat"));
    // Submitting the draft later runs the full checks.
    let r = member
        .post(app.url(&format!("/ideeen/{draft}/bewerken")))
        .form(&[
            ("title", "Half idee"),
            ("summary", ""),
            ("description", ""),
            ("cost", ""),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    // The author edits while submitted; someone else may not.
    let (_, other) = app.member_client("ander@enschede.test").await;
    assert_eq!(
        other
            .get(app.url(&format!("/ideeen/{id}/bewerken")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        member
            .get(app.url(&format!("/ideeen/{id}/bewerken")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // Unverified members and anonymous visitors cannot submit.
    let (uid2, unverified) = app.member_client("nieuw@enschede.test").await;
    app.db
        .exec(
            "UPDATE users SET email_verified_at = NULL WHERE id = $1",
            args![uid2],
        )
        .await
        .unwrap();
    let r = unverified
        .post(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .form(&[("title", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = app
        .client()
        .get(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);

    // Outside the window nothing can be submitted.
    assert_eq!(
        save_settings(
            &app,
            &fx.staff,
            fx.cid,
            "2020-01-01",
            "2020-12-31",
            true,
            "3"
        )
        .await
        .status(),
        303
    );
    let r = member
        .get(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);

    // Staff-only screens refuse members.
    for path in [
        format!("/beheer/ideeen/{}", fx.cid),
        format!("/beheer/idee/{id}"),
        "/beheer/moderatie".into(),
        format!("/beheer/ideeen/{}/export.csv", fx.cid),
    ] {
        assert_eq!(
            member.get(app.url(&path)).send().await.unwrap().status(),
            403,
            "{path}"
        );
    }
    let r = member
        .post(app.url(&format!("/beheer/idee/{id}")))
        .form(&[("status", "accepted")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let _ = fx.pid;
    // The project page shows the component.
    let page = app
        .client()
        .get(app.url(&format!("/projecten/{}", fx.slug)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Bankjes in de Ledeboerstraat") && page.contains("Alle ideeën bekijken"),
        "{page}"
    );
}
both!(submit_with_errors, submit_with_errors_then_success);

async fn insert_idea(
    app: &TestApp,
    fx: &Fx,
    title: &str,
    area: Option<i64>,
    likes: i64,
    comments: i64,
    status: &str,
) -> i64 {
    let id: i64 = app
        .db
        .write_scalar(
            "INSERT INTO ideas (org_id, component_id, user_id, author_name, title, summary, description, cost, area_id, status, \
             like_count, comment_count, created_at, updated_at) VALUES ($1, $2, NULL, 'Iemand', $3, 'Samenvatting van het idee', $4, 100, $5, $6, $7, $8, 1000, 1000) RETURNING id",
            args![app.org_id, fx.cid, title, DESCRIPTION, area, status, likes, comments],
        )
        .await
        .unwrap();
    id
}

fn ids_in(body: &str) -> Vec<i64> {
    body.match_indices("<h2><a href=\"/ideeen/")
        .filter_map(|(i, _)| {
            body[i + 21..]
                .split('"')
                .next()
                .and_then(|s| s.parse().ok())
        })
        .collect()
}

async fn list_filters_sorts_search_pages(app: TestApp) {
    let fx = setup(&app).await;
    let mut ids = Vec::new();
    for n in 0..25 {
        let area = if n % 5 == 0 { Some(fx.area) } else { None };
        let title = if n == 7 {
            "Fietsenstalling bij het station".to_string()
        } else {
            format!("Idee nummer {n:02}")
        };
        ids.push(
            insert_idea(
                &app,
                &fx,
                &title,
                area,
                n,
                25 - n,
                if n == 3 { "rejected" } else { "submitted" },
            )
            .await,
        );
    }
    app.db
        .exec(
            "INSERT INTO idea_themes (org_id, idea_id, theme_id) VALUES ($1, $2, $3)",
            args![app.org_id, ids[4], fx.theme],
        )
        .await
        .unwrap();
    let c = app.client();
    let get = |q: String| {
        let c = c.clone();
        let url = app.url(&format!("/onderdelen/{}/ideeen{q}", fx.cid));
        async move {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.text().await.unwrap()
        }
    };
    // Newest first (same time: higher id first), 20 per page, then page 2.
    let before = app.db.query_count();
    let p1 = get(String::new()).await;
    let used = app.db.query_count() - before;
    assert!(used <= 10, "list page used {used} queries");
    assert!(p1.contains("25 ideeën gevonden"));
    assert!(
        !p1.contains("ideas-") && p1.matches("<h1").count() == 1,
        "{p1}"
    );
    let first = ids_in(&p1);
    assert_eq!(first.len(), 20);
    assert_eq!(first[0], ids[24]);
    assert!(p1.contains("rel=\"next\""));
    let p2 = get("?volgorde=nieuw&pagina=2".into()).await;
    let second = ids_in(&p2);
    assert_eq!(second.len(), 5);
    assert!(second.iter().all(|i| !first.contains(i)));
    assert!(p2.contains("rel=\"prev\""));

    // Sorts.
    assert_eq!(ids_in(&get("?volgorde=likes".into()).await)[0], ids[24]);
    assert_eq!(ids_in(&get("?volgorde=reacties".into()).await)[0], ids[0]);
    // Random with a seed is stable, and its pages do not overlap.
    let r1 = ids_in(&get("?volgorde=willekeurig&seed=4242".into()).await);
    let r1b = ids_in(&get("?volgorde=willekeurig&seed=4242".into()).await);
    let r2 = ids_in(&get("?volgorde=willekeurig&seed=4242&pagina=2".into()).await);
    assert_eq!(r1, r1b);
    assert_eq!(r1.len() + r2.len(), 25);
    assert!(r2.iter().all(|i| !r1.contains(i)));
    let other = ids_in(&get("?volgorde=willekeurig&seed=777".into()).await);
    assert_ne!(r1, other, "another seed, another order");
    let page = get("?volgorde=willekeurig".into()).await;
    assert!(
        page.contains("seed="),
        "a fresh seed is carried in the links"
    );

    // Filters and search.
    assert!(get(format!("?gebied={}", fx.area))
        .await
        .contains("5 ideeën gevonden"));
    assert_eq!(
        ids_in(&get(format!("?thema={}", fx.theme)).await),
        vec![ids[4]]
    );
    assert_eq!(ids_in(&get("?status=rejected".into()).await), vec![ids[3]]);
    assert_eq!(ids_in(&get("?zoek=FIETS".into()).await), vec![ids[7]]);
    assert_eq!(
        ids_in(&get("?zoek=%25".into()).await).len(),
        0,
        "wildcards are literal"
    );
    assert!(get("?zoek=bestaatniet".into())
        .await
        .contains("0 ideeën gevonden"));
}
both!(list_filters, list_filters_sorts_search_pages);

async fn status_change_emails_author(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    // Rejecting needs a reason.
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/idee/{id}")))
        .form(&[("status", "rejected"), ("answer", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Vul dit veld in"));
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/idee/{id}")))
        .form(&[
            ("status", "redirected"),
            ("answer", "Dit past beter bij het wijkbudget."),
            ("redirect_to", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "redirect needs a destination");
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/idee/{id}")))
        .form(&[
            ("status", "redirected"),
            ("answer", "Dit past beter bij het wijkbudget."),
            ("redirect_to", "wijkbudget"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (subject, body) = app
        .last_mail("bewoner@enschede.test")
        .await
        .expect("mail to author");
    assert!(
        subject.contains("Bankjes in de Ledeboerstraat"),
        "{subject}"
    );
    assert!(
        body.contains("Doorverwezen")
            && body.contains("wijkbudget")
            && body.contains(&format!("/ideeen/{id}")),
        "{body}"
    );
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Antwoord van de gemeente")
            && page.contains("Dit past beter bij het wijkbudget.")
    );
    let audits: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'idea.status' AND object_id = $1",
            args![id.to_string()],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audits, 1);
    // The author can no longer edit; staff still can.
    assert_eq!(
        member
            .get(app.url(&format!("/ideeen/{id}/bewerken")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        fx.staff
            .get(app.url(&format!("/ideeen/{id}/bewerken")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // Merging keeps the co-author and mails them.
    let (other_id, other) = app.member_client("ander@enschede.test").await;
    let id2 = submit(&app, &other, &fx, "Meer bankjes langs de route").await;
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/idee/{id2}")))
        .form(&[("status", "merged"), ("merged_into", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let target = id.to_string();
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/idee/{id2}")))
        .form(&[
            ("status", "merged"),
            ("merged_into", target.as_str()),
            ("answer", "Samen sterker."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let co: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM idea_authors WHERE idea_id = $1 AND user_id = $2",
            args![id, other_id],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(co, 1);
    assert!(app
        .last_mail("ander@enschede.test")
        .await
        .unwrap()
        .1
        .contains("Samengevoegd"));
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id2}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("href=\"/ideeen/{id}\"")));

    // CSV export for staff.
    let csv = fx
        .staff
        .get(app.url(&format!("/beheer/ideeen/{}/export.csv", fx.cid)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("id,title,status,area,cost,likes,comments,created_at"));
    assert!(
        csv.contains("Bankjes in de Ledeboerstraat,redirected,Zuid,4500,0,0"),
        "{csv}"
    );
}
both!(status_mail, status_change_emails_author);

async fn like_count(app: &TestApp, id: i64) -> (i64, i64) {
    app.db
        .one::<(i64, i64)>("SELECT like_count, (SELECT COUNT(*) FROM idea_likes WHERE idea_id = $1) FROM ideas WHERE id = $1", args![id])
        .await
        .unwrap()
}

async fn parallel_likes_leave_one(app: TestApp) {
    let fx = setup(&app).await;
    let (_, author) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &author, &fx, "Bankjes in de Ledeboerstraat").await;
    let (_, member) = app.member_client("fan@enschede.test").await;
    let url = app.url(&format!("/ideeen/{id}/like"));
    let send = |liked: &'static str| {
        let member = member.clone();
        let url = url.clone();
        tokio::spawn(async move {
            member
                .post(url)
                .form(&[("liked", liked)])
                .send()
                .await
                .map(|r| r.status().as_u16())
        })
    };
    let tasks: Vec<_> = (0..200).map(|_| send("1")).collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap(), 303);
    }
    assert_eq!(like_count(&app, id).await, (1, 1));
    let tasks: Vec<_> = (0..200).map(|_| send("0")).collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap(), 303);
    }
    assert_eq!(like_count(&app, id).await, (0, 0));
    // Without `liked` it toggles; the page shows the count and the button.
    member
        .post(url.clone())
        .form(&[("x", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(like_count(&app, id).await, (1, 1));
    let page = member
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("1 like") && page.contains("Like weghalen"));
    // Anonymous visitors are sent to log in.
    let r = app
        .client()
        .post(url)
        .form(&[("liked", "1")])
        .send()
        .await
        .unwrap();
    assert!(r.status() == 401 || r.status() == 303, "{}", r.status());
    assert_eq!(like_count(&app, id).await, (1, 1));
}
both!(parallel_likes, parallel_likes_leave_one);

async fn comments_thread_three_levels(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    let post = |body: &'static str, stance: &'static str, parent: String| {
        let member = member.clone();
        let url = app.url(&format!("/ideeen/{id}/reacties"));
        async move {
            member
                .post(url)
                .form(&[
                    ("body", body),
                    ("stance", stance),
                    ("parent_id", parent.as_str()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let comment_id = |r: &reqwest::Response| -> i64 {
        location(r)
            .rsplit("#reactie-")
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // A missing stance is refused with the text kept.
    let r = post("Goed plan!", "", String::new()).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Goed plan!"));
    let r = post("Goed plan!", "for", String::new()).await;
    assert_eq!(r.status(), 303);
    let c0 = comment_id(&r);
    let r = post("Waarom daar?", "neutral", c0.to_string()).await;
    assert_eq!(r.status(), 303);
    let c1 = comment_id(&r);
    let r = post("Omdat het daar druk is.", "against", c1.to_string()).await;
    assert_eq!(r.status(), 303);
    let c2 = comment_id(&r);
    // A fourth level is refused, friendly, by the CHECK constraint.
    let r = post("Nog dieper", "neutral", c2.to_string()).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("niet verder reageren"));
    let depths: Vec<(i64,)> = app
        .db
        .all(
            "SELECT depth FROM idea_comments WHERE idea_id = $1 ORDER BY id",
            args![id],
        )
        .await
        .unwrap();
    assert_eq!(depths, vec![(0,), (1,), (2,)]);
    let count: i64 = app
        .db
        .scalar("SELECT comment_count FROM ideas WHERE id = $1", args![id])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(count, 3);
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Omdat het daar druk is.")
            && page.contains("3 reacties")
            && page.contains(">Tegen<")
    );

    // The author edits within 15 minutes; not after.
    let r = member
        .post(app.url(&format!("/reacties/{c0}/bewerken")))
        .form(&[("body", "Heel goed plan!"), ("stance", "for")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    app.db
        .exec(
            "UPDATE idea_comments SET created_at = created_at - 1000 WHERE id = $1",
            args![c0],
        )
        .await
        .unwrap();
    let r = member
        .post(app.url(&format!("/reacties/{c0}/bewerken")))
        .form(&[("body", "Later"), ("stance", "for")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    // Comment likes are one per member.
    for _ in 0..3 {
        member
            .post(app.url(&format!("/reacties/{c1}/like")))
            .form(&[("liked", "1")])
            .send()
            .await
            .unwrap();
    }
    let likes: i64 = app
        .db
        .scalar(
            "SELECT like_count FROM idea_comments WHERE id = $1",
            args![c1],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(likes, 1);

    // Closing comments in the settings stops new ones.
    assert_eq!(
        save_settings(
            &app,
            &fx.staff,
            fx.cid,
            "2020-01-01",
            "2099-12-31",
            false,
            "3"
        )
        .await
        .status(),
        303
    );
    let r = post("Te laat", "for", String::new()).await;
    assert_eq!(r.status(), 409);
    let page = member
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Reageren is gesloten"));
}
both!(comments_depth, comments_thread_three_levels);

async fn flags_hide_and_moderator_restores(app: TestApp) {
    let fx = setup(&app).await;
    let (_, author) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &author, &fx, "Bankjes in de Ledeboerstraat").await;
    let mut flaggers = Vec::new();
    for n in 0..3 {
        let (_, c) = app.member_client(&format!("melder{n}@enschede.test")).await;
        flaggers.push(c);
    }
    let flag = |c: &reqwest::Client| {
        c.post(app.url(&format!("/ideeen/{id}/melden")))
            .form(&[("reason", "Dit is reclame")])
            .send()
    };
    assert_eq!(flag(&flaggers[0]).await.unwrap().status(), 303);
    // The same member cannot flag twice.
    assert_eq!(flag(&flaggers[0]).await.unwrap().status(), 409);
    assert_eq!(flag(&flaggers[1]).await.unwrap().status(), 303);
    let hidden: bool = app
        .db
        .scalar("SELECT hidden FROM ideas WHERE id = $1", args![id])
        .await
        .unwrap()
        .unwrap();
    assert!(!hidden);
    assert_eq!(flag(&flaggers[2]).await.unwrap().status(), 303);
    let hidden: bool = app
        .db
        .scalar("SELECT hidden FROM ideas WHERE id = $1", args![id])
        .await
        .unwrap()
        .unwrap();
    assert!(hidden, "three flags hide the idea");
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Dit is verborgen") && !page.contains(DESCRIPTION));
    let list = app
        .client()
        .get(app.url(&format!("/onderdelen/{}/ideeen", fx.cid)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Verborgen idee") && !list.contains("Bankjes in de Ledeboerstraat"));

    // The moderator queue: members are refused, moderators see and restore.
    assert_eq!(
        flaggers[0]
            .get(app.url("/beheer/moderatie"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let (_, moderator) = app
        .staff_client("moderator@enschede.test", "moderator")
        .await;
    let q = moderator
        .get(app.url("/beheer/moderatie"))
        .send()
        .await
        .unwrap();
    assert_eq!(q.status(), 200);
    let q = q.text().await.unwrap();
    assert!(
        q.contains("Bankjes in de Ledeboerstraat")
            && q.contains("Dit is reclame")
            && q.contains("3 meldingen")
    );
    assert!(!q.contains("ideas-"), "{q}");
    let r = flaggers[0]
        .post(app.url(&format!("/beheer/moderatie/idee/{id}")))
        .form(&[("decision", "restore")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = moderator
        .post(app.url(&format!("/beheer/moderatie/idee/{id}")))
        .form(&[("decision", "restore")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (hidden, flags): (bool, i64) = app
        .db
        .one(
            "SELECT hidden, flag_count FROM ideas WHERE id = $1",
            args![id],
        )
        .await
        .unwrap();
    assert!(!hidden);
    assert_eq!(flags, 0);
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Bankjes in de Ledeboerstraat") && !page.contains("Dit is verborgen"));
    let q = moderator
        .get(app.url("/beheer/moderatie"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !q.contains("Dit is reclame"),
        "decided items leave the queue"
    );

    // Comments: the same, and "keep hidden" keeps it hidden.
    let r = author
        .post(app.url(&format!("/ideeen/{id}/reacties")))
        .form(&[("body", "Koop nu goedkope horloges"), ("stance", "neutral")])
        .send()
        .await
        .unwrap();
    let cid: i64 = location(&r)
        .rsplit("#reactie-")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    for c in &flaggers {
        assert_eq!(
            c.post(app.url(&format!("/reacties/{cid}/melden")))
                .form(&[("reason", "Spam")])
                .send()
                .await
                .unwrap()
                .status(),
            303
        );
    }
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("goedkope horloges") && page.contains("Deze reactie is verborgen"));
    let r = moderator
        .post(app.url(&format!("/beheer/moderatie/reactie/{cid}")))
        .form(&[("decision", "hide")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let hidden: bool = app
        .db
        .scalar("SELECT hidden FROM idea_comments WHERE id = $1", args![cid])
        .await
        .unwrap()
        .unwrap();
    assert!(hidden);
}
both!(flags_moderation, flags_hide_and_moderator_restores);

async fn other_municipality_sees_nothing(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    app.second_org("hengelo.test").await;
    let c = app.client_for_host("hengelo.test");
    for path in [
        format!("/ideeen/{id}"),
        format!("/onderdelen/{}/ideeen", fx.cid),
        format!("/onderdelen/{}/ideeen/nieuw", fx.cid),
    ] {
        let r = c
            .get(app.url_for_host("hengelo.test", &path))
            .send()
            .await
            .unwrap();
        assert!(
            r.status() == 404 || r.status() == 303,
            "{path}: {}",
            r.status()
        );
        assert!(!r.text().await.unwrap().contains("Ledeboerstraat"));
    }
    let r = c
        .post(app.url_for_host("hengelo.test", &format!("/ideeen/{id}/like")))
        .form(&[("liked", "1")])
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 200);
    assert_eq!(like_count(&app, id).await, (0, 0));
}
both!(isolation, other_municipality_sees_nothing);

async fn personal_data_and_erasure_keep_counts(app: TestApp) {
    let fx = setup(&app).await;
    let (uid, member) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    member
        .post(app.url(&format!("/ideeen/{id}/like")))
        .form(&[("liked", "1")])
        .send()
        .await
        .unwrap();
    member
        .post(app.url(&format!("/ideeen/{id}/reacties")))
        .form(&[("body", "Mijn eigen reactie"), ("stance", "for")])
        .send()
        .await
        .unwrap();
    let state = app.app.as_ref().unwrap().state().clone();
    let kind = app.module("ideas");
    let person = app.person(uid).await;
    let data = kind
        .personal_data(&state, app.org_id, &person)
        .await
        .unwrap()
        .unwrap()
        .to_string();
    assert!(
        data.contains("Bankjes in de Ledeboerstraat") && data.contains("Mijn eigen reactie"),
        "{data}"
    );
    let stats = kind
        .dashboard(&state, app.org_id, meedoen::web::i18n::Lang::Nl)
        .await
        .unwrap();
    assert_eq!(
        stats.iter().map(|s| s.value).collect::<Vec<_>>(),
        vec![1, 1, 1]
    );

    let mut tx = app.db.begin().await.unwrap();
    kind.erase_person(&mut tx, app.org_id, &person)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (owner, name, likes, comments): (Option<i64>, String, i64, i64) = app
        .db
        .one(
            "SELECT user_id, author_name, like_count, comment_count FROM ideas WHERE id = $1",
            args![id],
        )
        .await
        .unwrap();
    assert_eq!((owner, name.as_str(), likes, comments), (None, "", 1, 1));
    let stored: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM idea_likes WHERE idea_id = $1",
            args![id],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, 1);
    let data = kind
        .personal_data(&state, app.org_id, &person)
        .await
        .unwrap()
        .unwrap()
        .to_string();
    assert!(!data.contains("Bankjes") && !data.contains("Mijn eigen reactie"));
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Onbekend") && !page.contains("Test Bewoner") && page.contains("1 like"));
    let entries = kind
        .search(
            &state,
            app.org_id,
            meedoen::web::i18n::Lang::Nl,
            "bankjes",
            10,
        )
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].url, format!("/ideeen/{id}"));
}
both!(personal_data_erase, personal_data_and_erasure_keep_counts);
