//! The ballot component: casting and replacing budget ballots, the review step, integrity
//! under parallel requests, voting codes (single use per code, throttled), the window, paper
//! ballots, results, tenant isolation, personal data and erasure.

use std::collections::BTreeMap;

use meedoen::args;
use meedoen::db::now;

use crate::both;
use crate::projects::create_project;
use crate::support::TestApp;

/// Costs of the ideas on the ballot (budget € 50.000).
const COSTS: [i64; 5] = [10_000, 20_000, 15_000, 5_000, 30_000];

pub(crate) fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

pub(crate) struct Fix {
    pub(crate) staff: reqwest::Client,
    pub(crate) ballot: i64,
    pub(crate) ideas: Vec<i64>,
    pub(crate) rejected: i64,
}

pub(crate) async fn add_component(
    app: &TestApp,
    staff: &reqwest::Client,
    pid: i64,
    kind: &str,
    prefix: &str,
) -> i64 {
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/onderdelen")))
        .form(&[("kind", kind), ("title", "Stemmen Zuid")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let loc = location(&r);
    assert!(loc.starts_with(prefix), "{loc}");
    loc.trim_start_matches(prefix)
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

pub(crate) async fn insert_idea(
    app: &TestApp,
    ideas_cid: i64,
    title: &str,
    cost: i64,
    status: &str,
) -> i64 {
    let t = now();
    app.db
        .write_scalar(
            "INSERT INTO ideas (org_id, component_id, title, summary, description, cost, status, created_at, updated_at) \
             VALUES ($1, $2, $3, 'Een korte samenvatting van het idee', 'Beschrijving', $4, $5, $6, $6) RETURNING id",
            args![app.org_id, ideas_cid, title, cost, status, t],
        )
        .await
        .unwrap()
}

pub(crate) fn settings_form<'a>(
    ideas_cid: &'a str,
    min: &'a str,
    max: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("ideas_component_id", ideas_cid),
        ("ballot_type", "budget"),
        ("min_budget", min),
        ("max_budget", max),
        ("opens_at", "2020-01-01T00:00"),
        ("closes_at", "2099-01-01T00:00"),
        ("allow_members", "1"),
        ("allow_codes", "1"),
        ("confirm_step", "1"),
    ]
}

/// A published project with an ideas component (5 accepted ideas, 1 rejected) and an open
/// budget ballot of € 50.000 for members and code holders.
pub(crate) async fn setup(app: &TestApp) -> Fix {
    let (_, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let pid = create_project(app, &staff, "Jij maakt Zuid").await;
    let ideas_cid = add_component(app, &staff, pid, "ideas", "/beheer/ideeen/").await;
    let ballot = add_component(app, &staff, pid, "ballot", "/beheer/stemmen/").await;
    let mut ideas = Vec::new();
    for (i, cost) in COSTS.iter().enumerate() {
        ideas.push(
            insert_idea(
                app,
                ideas_cid,
                &format!("Idee nummer {i}"),
                *cost,
                "accepted",
            )
            .await,
        );
    }
    let rejected = insert_idea(app, ideas_cid, "Afgewezen idee", 1_000, "rejected").await;
    let cid = ideas_cid.to_string();
    let r = staff
        .post(app.url(&format!("/beheer/stemmen/{ballot}")))
        .form(&settings_form(&cid, "0", "50000"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    app.db
        .exec(
            "UPDATE projects SET status = 'published' WHERE id = $1",
            args![pid],
        )
        .await
        .unwrap();
    Fix {
        staff,
        ballot,
        ideas,
        rejected,
    }
}

pub(crate) fn form(ideas: &[i64], code: Option<&str>) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = ideas
        .iter()
        .map(|i| ("idea".to_string(), i.to_string()))
        .collect();
    if let Some(c) = code {
        f.push(("code".into(), c.into()));
    }
    f
}

pub(crate) async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    f: &[(String, String)],
) -> reqwest::Response {
    c.post(app.url(path)).form(f).send().await.unwrap()
}

/// Posts `f` to `url` on a task of its own; the task gives the answer's status.
pub(crate) fn spawn_post(
    c: reqwest::Client,
    url: String,
    f: Vec<(String, String)>,
) -> tokio::task::JoinHandle<u16> {
    tokio::spawn(async move { post_status(&c, &url, &f).await })
}

/// Posts the form `f` to `url` and returns the status (redirects are not followed).
pub(crate) async fn post_status(c: &reqwest::Client, url: &str, f: &[(String, String)]) -> u16 {
    c.post(url).form(f).send().await.unwrap().status().as_u16()
}

/// Each idea's votes: the sum over its counter shards.
pub(crate) async fn tallies(app: &TestApp, ballot: i64) -> BTreeMap<i64, i64> {
    let rows: Vec<(i64, i64)> = app
        .db
        .all(
            "SELECT idea_id, CAST(SUM(votes) AS BIGINT) FROM ballot_tallies WHERE component_id = $1 \
             GROUP BY idea_id HAVING SUM(votes) > 0",
            args![ballot],
        )
        .await
        .unwrap();
    rows.into_iter().collect()
}

pub(crate) async fn recount(app: &TestApp, ballot: i64) -> BTreeMap<i64, i64> {
    let mut out = BTreeMap::new();
    for (_, idea) in crate::support::ballot_choices(&app.db, ballot).await {
        *out.entry(idea).or_insert(0) += 1;
    }
    out
}

pub(crate) async fn ballots(app: &TestApp, ballot: i64) -> i64 {
    app.db
        .scalar(
            "SELECT COUNT(*) FROM ballots WHERE component_id = $1",
            args![ballot],
        )
        .await
        .unwrap()
        .unwrap()
}

/// A verified member, made directly in the database (no password hashing: many are needed).
pub(crate) async fn quick_member(app: &TestApp, org: i64, n: usize) -> i64 {
    app.db
        .write_scalar(
            "INSERT INTO users (org_id, email, display_name, email_verified_at, created_at) VALUES ($1, $2, 'Stemmer', $3, $3) RETURNING id",
            args![org, format!("stemmer{n}@test.nl"), now()],
        )
        .await
        .unwrap()
}

async fn budget_ballot_cast_reviewed_and_replaced(app: TestApp) {
    let fx = setup(&app).await;
    let (b, i) = (fx.ballot, &fx.ideas);
    let (uid, member) = app.member_client("bewoner@enschede.test").await;

    let page = member
        .get(app.url(&format!("/stemmen/{b}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("type=\"checkbox\"") && page.contains("Idee nummer 4"),
        "{page}"
    );
    assert!(
        !page.contains("Afgewezen idee"),
        "rejected ideas are not on the ballot"
    );
    assert!(page.contains("hoogstens € 50.000"), "rules shown");
    assert!(!page.contains("style="));

    // Review step: choice, total and what is left; nothing counts yet.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/controleren"),
        &form(&[i[0], i[1]], None),
    )
    .await;
    assert_eq!(r.status(), 200);
    let review = r.text().await.unwrap();
    assert!(review.contains("Bevestig mijn stem"), "{review}");
    assert!(
        review.contains("U koos 2 ideeën voor € 30.000")
            && review.contains("U heeft nog € 20.000 over"),
        "{review}"
    );
    assert_eq!(ballots(&app, b).await, 0, "the review step does not cast");

    // Back to the ballot with the choices kept.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/kiezen"),
        &form(&[i[0], i[1]], None),
    )
    .await;
    assert_eq!(r.status(), 200);
    let back = r.text().await.unwrap();
    assert!(
        back.contains(&format!("value=\"{}\" checked", i[0]))
            && !back.contains(&format!("value=\"{}\" checked", i[2]))
    );

    // Without JavaScript, "recalculate" shows what is left for the current choice.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/kiezen"),
        &form(&[i[0], i[1], i[4]], None),
    )
    .await;
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("U koos 3 ideeën voor € 60.000. Dat is € 10.000 te veel."),
        "{body}"
    );
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/kiezen"),
        &form(&[i[3]], None),
    )
    .await;
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("U koos 1 idee voor € 5.000. U heeft nog € 45.000 over."));
    assert_eq!(ballots(&app, b).await, 0);

    // Confirm: counted.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0], i[1]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/stemmen/{b}?melding=ballot-cast"));
    assert_eq!(
        tallies(&app, b).await,
        BTreeMap::from([(i[0], 1), (i[1], 1)])
    );

    // Over budget: refused in Dutch, choices kept, nothing changed.
    for step in ["controleren", "bevestigen"] {
        let r = post(
            &app,
            &member,
            &format!("/stemmen/{b}/{step}"),
            &form(&[i[0], i[1], i[4]], None),
        )
        .await;
        assert_eq!(r.status(), 422, "{step}");
        let body = r.text().await.unwrap();
        assert!(
            body.contains("U heeft € 60.000 gekozen. Dat is meer dan het budget van € 50.000. Haal een idee weg."),
            "{body}"
        );
        assert!(body.contains("class=\"error-summary\""));
        assert!(
            body.contains(&format!("value=\"{}\" checked", i[4])),
            "choices kept"
        );
    }
    assert_eq!(
        tallies(&app, b).await,
        BTreeMap::from([(i[0], 1), (i[1], 1)])
    );
    // A rejected idea, nonsense, or nothing: refused with a message, never a 500.
    for bad in [vec![fx.rejected], vec![], vec![i[0], i[0]]] {
        let r = post(
            &app,
            &member,
            &format!("/stemmen/{b}/bevestigen"),
            &form(&bad, None),
        )
        .await;
        assert_eq!(r.status(), 422, "{bad:?}");
    }
    let r = member
        .post(app.url(&format!("/stemmen/{b}/bevestigen")))
        .body("idea=abc")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);

    // Casting again replaces the earlier ballot; the counters move.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[2], i[3]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        tallies(&app, b).await,
        BTreeMap::from([(i[2], 1), (i[3], 1)])
    );
    assert_eq!(ballots(&app, b).await, 1);
    assert_eq!(tallies(&app, b).await, recount(&app, b).await);

    // The voter's view shows the ballot.
    let page = member
        .get(app.url(&format!("/stemmen/{b}?melding=ballot-cast")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Uw stem is opgeslagen"));
    assert!(
        page.contains("Idee nummer 2 (€ 15.000)") && page.contains("Idee nummer 3 (€ 5.000)"),
        "{page}"
    );
    assert!(page.contains("U kunt uw stem wijzigen tot"));

    // Personal data has the ballot with idea titles; erasure detaches it, counts stay.
    let state = app.app.as_ref().unwrap().state();
    let ballot = app.module("ballot");
    let person = app.person(uid).await;
    let data = ballot
        .personal_data(state, app.org_id, &person)
        .await
        .unwrap()
        .unwrap();
    let text = data.to_string();
    assert!(
        text.contains("Idee nummer 2") && text.contains("Idee nummer 3"),
        "{text}"
    );
    let mut tx = app.db.begin().await.unwrap();
    ballot
        .erase_person(&mut tx, app.org_id, &person)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (key, user): (String, Option<i64>) = app
        .db
        .one(
            "SELECT voter_key, user_id FROM ballots WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap();
    assert!(key.starts_with("x:") && user.is_none(), "{key}");
    assert_eq!(
        tallies(&app, b).await,
        BTreeMap::from([(i[2], 1), (i[3], 1)])
    );
    let stats = ballot
        .dashboard(state, app.org_id, meedoen::web::i18n::Lang::Nl)
        .await
        .unwrap();
    assert_eq!(stats[0].value, 1);

    // Staff screens are refused to members; anonymous visitors cannot cast.
    for path in [
        format!("/beheer/stemmen/{b}"),
        format!("/beheer/stemmen/{b}/papier"),
        format!("/beheer/stemmen/{b}/export.csv"),
    ] {
        let r = member.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    let r = post(
        &app,
        &member,
        &format!("/beheer/stemmen/{b}/codes"),
        &[("count".into(), "5".into())],
    )
    .await;
    assert_eq!(r.status(), 403);
    let anon = app.client();
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0]], None),
    )
    .await;
    assert!(
        !r.status().is_success() && r.status() != 500,
        "{}",
        r.status()
    );
    assert_eq!(ballots(&app, b).await, 1);
    let page = anon
        .get(app.url(&format!("/stemmen/{b}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Log in om te stemmen") && page.contains(&format!("/stemmen/{b}/code")));
    let _ = fx.staff;
}

async fn hundred_parallel_ballots_one_voter(app: TestApp) {
    let fx = setup(&app).await;
    let b = fx.ballot;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let mut tasks = Vec::new();
    for n in 0..100usize {
        // Every subset of the 5 ideas, many of them over the budget.
        let subset: Vec<i64> = (0..5)
            .filter(|k| (n + 1) & (1 << k) != 0)
            .map(|k| fx.ideas[k])
            .collect();
        tasks.push(spawn_post(
            member.clone(),
            app.url(&format!("/stemmen/{b}/bevestigen")),
            form(&subset, None),
        ));
    }
    let mut ok = 0;
    for t in tasks {
        let s = t.await.unwrap();
        assert!(s == 303 || s == 422, "status {s}");
        if s == 303 {
            ok += 1;
        }
    }
    assert!(ok > 0);
    assert_eq!(ballots(&app, b).await, 1, "exactly one ballot");
    let mut cost = 0i64;
    for (_, idea) in crate::support::ballot_choices(&app.db, b).await {
        cost += app
            .db
            .scalar::<i64>("SELECT cost FROM ideas WHERE id = $1", args![idea])
            .await
            .unwrap()
            .unwrap();
    }
    assert!(cost > 0 && cost <= 50_000, "{cost}");
    assert_eq!(tallies(&app, b).await, recount(&app, b).await);
}

async fn two_hundred_voters_in_parallel(app: TestApp) {
    let fx = setup(&app).await;
    let b = fx.ballot;
    let mut clients = Vec::new();
    for n in 0..200usize {
        let uid = quick_member(&app, app.org_id, n).await;
        clients.push(app.session_for(uid, false).await);
    }
    let mut tasks = Vec::new();
    for (n, c) in clients.into_iter().enumerate() {
        let first: Vec<i64> = (0..5)
            .filter(|k| (n + 3) & (1 << k) != 0)
            .map(|k| fx.ideas[k])
            .collect();
        let second: Vec<i64> = vec![fx.ideas[n % 5]];
        let url = app.url(&format!("/stemmen/{b}/bevestigen"));
        tasks.push(tokio::spawn(async move {
            let a = c
                .post(&url)
                .form(&form(&first, None))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16();
            // Half the voters change their mind straight away.
            let s = if n % 2 == 0 {
                c.post(&url)
                    .form(&form(&second, None))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            } else {
                303
            };
            (a, s)
        }));
    }
    for t in tasks {
        let (a, s) = t.await.unwrap();
        assert!(a == 303 || a == 422, "{a}");
        assert_eq!(s, 303);
    }
    let total = ballots(&app, b).await;
    assert!((100..=200).contains(&total), "{total}");
    let t = tallies(&app, b).await;
    assert_eq!(t, recount(&app, b).await, "tallies equal a recount");
    assert!(t.values().sum::<i64>() >= total);
}

pub(crate) async fn generate_codes(app: &TestApp, fx: &Fix, n: usize) -> Vec<String> {
    let r = post(
        app,
        &fx.staff,
        &format!("/beheer/stemmen/{}/codes", fx.ballot),
        &[("count".into(), n.to_string())],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let body = r.text().await.unwrap();
    assert!(body.starts_with("code,url\r\n"), "{body}");
    assert!(body.contains(&format!("/stemmen/{}/code", fx.ballot)));
    let codes: Vec<String> = body
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().trim().to_string())
        .collect();
    assert_eq!(codes.len(), n);
    codes
}

async fn voting_codes(app: TestApp) {
    let fx = setup(&app).await;
    let (b, i) = (fx.ballot, &fx.ideas);
    let codes = generate_codes(&app, &fx, 3).await;
    for c in &codes {
        assert_eq!(c.len(), 11, "{c}");
        assert!(
            c.chars()
                .all(|ch| "23456789ABCDEFGHJKMNPQRSTUVWXYZ-".contains(ch)),
            "{c}"
        );
    }
    // Stored hashed only.
    let stored: Vec<(String,)> = app
        .db
        .all(
            "SELECT code_hash FROM ballot_codes WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored
        .iter()
        .all(|(h,)| h.len() == 64 && !codes.iter().any(|c| h.contains(c.as_str()))));

    // A code holder without an account: enter the code, review, confirm.
    let anon = app.client();
    let r = anon
        .get(app.url(&format!("/stemmen/{b}/code")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let typed = codes[0].to_lowercase().replace('-', " ");
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/code"),
        &[("code".into(), typed)],
    )
    .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(&format!("name=\"code\" value=\"{}\"", codes[0])),
        "{page}"
    );
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/controleren"),
        &form(&[i[0]], Some(&codes[0])),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains(&format!("value=\"{}\"", codes[0])));
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0]], Some(&codes[0])),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/stemmen/{b}/bedankt"));
    // Using the code again replaces that code's own ballot.
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[1]], Some(&codes[0])),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(ballots(&app, b).await, 1);
    assert_eq!(tallies(&app, b).await, BTreeMap::from([(i[1], 1)]));
    // Entering the code again shows the earlier choice.
    let page = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/code"),
        &[("code".into(), codes[0].clone())],
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(page.contains("Idee nummer 1 (€ 20.000)"), "{page}");
    // Another code is another ballot.
    let r = post(
        &app,
        &app.client(),
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[1], i[2]], Some(&codes[1])),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(ballots(&app, b).await, 2);
    // Over budget with a code: refused, code and choices kept.
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&i[..], Some(&codes[2])),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("meer dan het budget") && body.contains(&format!("value=\"{}\"", codes[2]))
    );

    // An unknown code is refused with a message.
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/code"),
        &[("code".into(), "ZZZZZ-ZZZZZ".into())],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Deze stemcode kennen we niet"));
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0]], Some("ZZZZZ-ZZZZY")),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert_eq!(ballots(&app, b).await, 2);

    // After the window closes: no ballot, with a clear message (members and codes alike).
    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = $2 WHERE component_id = $1",
            args![b, now() - 1],
        )
        .await
        .unwrap();
    let r = post(
        &app,
        &anon,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[3]], Some(&codes[0])),
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("Het stemmen is gesloten"));
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[3]], None),
    )
    .await;
    assert_eq!(r.status(), 409);
    assert_eq!(
        tallies(&app, b).await,
        BTreeMap::from([(i[1], 2), (i[2], 1)])
    );

    // Guessing is throttled: wrong codes soon get 429.
    let mut throttled = false;
    for n in 0..30 {
        let r = post(
            &app,
            &anon,
            &format!("/stemmen/{b}/code"),
            &[("code".into(), format!("QQQ{n:07}"))],
        )
        .await;
        assert!(r.status() == 422 || r.status() == 429, "{}", r.status());
        if r.status() == 429 {
            throttled = true;
            break;
        }
    }
    assert!(throttled, "guessing must be throttled");
}

async fn paper_ballots_and_results(app: TestApp) {
    let fx = setup(&app).await;
    let (b, i) = (fx.ballot, &fx.ideas);
    let author = app.member("indiener@enschede.test").await;
    app.db
        .exec(
            "UPDATE ideas SET user_id = $2 WHERE id = $1",
            args![i[0], author],
        )
        .await
        .unwrap();
    app.db
        .exec(
            "INSERT INTO idea_authors (org_id, idea_id, user_id) VALUES ($1, $2, $3)",
            args![app.org_id, i[0], author],
        )
        .await
        .unwrap();
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    assert_eq!(
        post(
            &app,
            &member,
            &format!("/stemmen/{b}/bevestigen"),
            &form(&[i[0], i[2]], None)
        )
        .await
        .status(),
        303
    );

    // Paper ballots: counted, marked as paper, audited; the same rules apply.
    let r = fx
        .staff
        .get(app.url(&format!("/beheer/stemmen/{b}/papier")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = post(
        &app,
        &fx.staff,
        &format!("/beheer/stemmen/{b}/papier"),
        &form(&[i[0], i[1]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = post(
        &app,
        &fx.staff,
        &format!("/beheer/stemmen/{b}/papier"),
        &form(&[i[0], i[1], i[4]], None),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("meer dan het budget"));
    let paper: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM ballots WHERE component_id = $1 AND channel = 'paper'",
            args![b],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(paper, 1);
    let audited: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'ballot.paper'",
            vec![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audited, 1);
    assert_eq!(
        tallies(&app, b).await,
        BTreeMap::from([(i[0], 2), (i[1], 1), (i[2], 1)])
    );
    let r = post(
        &app,
        &member,
        &format!("/beheer/stemmen/{b}/papier"),
        &form(&[i[0]], None),
    )
    .await;
    assert_eq!(r.status(), 403);

    // Results: refused before the window closed; hidden from the public until published.
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/stemmen/{b}/publiceren")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("pas publiceren als het stemmen gesloten is"));
    let page = app
        .client()
        .get(app.url(&format!("/stemmen/{b}/uitslag")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("De uitslag is nog niet bekend") && !page.contains("<meter"));

    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = $2 WHERE component_id = $1",
            args![b, now() - 1],
        )
        .await
        .unwrap();
    let r = post(
        &app,
        &member,
        &format!("/beheer/stemmen/{b}/publiceren"),
        &[],
    )
    .await;
    assert_eq!(r.status(), 403);
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/stemmen/{b}/publiceren")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // The winners (ideas 0, 1 and 2) became `selected` in the same transaction, audited,
    // and the author of idea 0 got a mail; the others stay `accepted`.
    for (idea, want) in [
        (i[0], "selected"),
        (i[1], "selected"),
        (i[2], "selected"),
        (i[3], "accepted"),
        (i[4], "accepted"),
    ] {
        let status: String = app
            .db
            .scalar("SELECT status FROM ideas WHERE id = $1", args![idea])
            .await
            .unwrap()
            .unwrap();
        assert_eq!(status, want, "idea {idea}");
    }
    let audited: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'idea.status' AND detail = 'accepted -> selected'",
            vec![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audited, 3);
    let (subject, body) = app
        .last_mail("indiener@enschede.test")
        .await
        .expect("the author of a winner gets a mail");
    assert!(subject.contains("Idee nummer 0"), "{subject}");
    assert!(body.contains(&format!("/ideeen/{}", i[0])), "{body}");
    let page = app
        .client()
        .get(app.url(&format!("/stemmen/{b}/uitslag")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Aantal stemmen: 2")
            && page.contains("Online gestemd: 1")
            && page.contains("Op papier gestemd: 1"),
        "{page}"
    );
    assert!(
        page.contains("<meter min=\"0\" max=\"100\" value=\"100\">"),
        "bar chart: {page}"
    );
    assert!(page.contains("<table") && page.contains("Gekozen"));
    // Idea 0 (2 votes, € 10.000), then idea 2 (1 vote, € 15.000) before idea 1 (1 vote, € 20.000):
    // equal votes, cheaper first. All three fit in € 50.000 (total € 45.000).
    let p0 = page.find("Idee nummer 0</a>").unwrap();
    let p2 = page.find("Idee nummer 2</a>").unwrap();
    let p1 = page.find("Idee nummer 1</a>").unwrap();
    assert!(p0 < p2 && p2 < p1, "ranking");
    assert!(page.contains("Toegekend: € 45.000"), "{page}");
    assert!(!page.contains("style="));
    // Paper ballots can no longer be added.
    let r = post(
        &app,
        &fx.staff,
        &format!("/beheer/stemmen/{b}/papier"),
        &form(&[i[0]], None),
    )
    .await;
    assert_eq!(r.status(), 409);

    // CSV export for staff.
    let r = fx
        .staff
        .get(app.url(&format!("/beheer/stemmen/{b}/export.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let csv = r.text().await.unwrap();
    assert!(
        csv.starts_with("rank,idea_id,title,votes,cost,outcome"),
        "{csv}"
    );
    assert!(
        csv.contains(&format!("1,{},Idee nummer 0,2,10000,selected", i[0])),
        "{csv}"
    );

    // Pabulib export for researchers: projects with votes and selection, anonymous votes.
    let r = fx
        .staff
        .get(app.url(&format!("/beheer/stemmen/{b}/pabulib.pb")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let pb = r.text().await.unwrap();
    assert!(pb.starts_with("META\nkey;value\n"), "{pb}");
    assert!(
        pb.contains("num_votes;2\n")
            && pb.contains("budget;50000\n")
            && pb.contains("vote_type;approval\n"),
        "{pb}"
    );
    assert!(
        pb.contains(&format!("{};10000;2;Idee nummer 0;1\n", i[0])),
        "{pb}"
    );
    assert!(
        pb.contains(&format!("{};30000;0;Idee nummer 4;0\n", i[4])),
        "{pb}"
    );
    assert!(
        pb.contains(&format!(
            "VOTES\nvoter_id;vote;voting_method\n1;{},{};internet\n2;{},{};paper\n",
            i[0], i[2], i[0], i[1]
        )),
        "{pb}"
    );
    let r = member
        .get(app.url(&format!("/beheer/stemmen/{b}/pabulib.pb")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

async fn settings_are_validated(app: TestApp) {
    let fx = setup(&app).await;
    let b = fx.ballot;
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
    let r = post(
        &app,
        &fx.staff,
        &format!("/beheer/stemmen/{b}"),
        &settings_form(&cid, "60000", "50000")
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Het minimum (60000) is hoger dan het maximum (50000)"),
        "{body}"
    );
    assert!(body.contains("value=\"60000\""), "input kept");
    assert!(body.contains("class=\"error-summary\""));
    let f: Vec<(String, String)> = settings_form(&cid, "0", "-5")
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let r = post(&app, &fx.staff, &format!("/beheer/stemmen/{b}"), &f).await;
    assert_eq!(r.status(), 422);
    // The saved settings are unchanged.
    let max: i64 = app
        .db
        .scalar(
            "SELECT max_budget FROM ballot_settings WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(max, 50_000);
    let page = fx
        .staff
        .get(app.url(&format!("/beheer/stemmen/{b}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("value=\"2020-01-01T00:00\""),
        "Amsterdam time round-trips"
    );
    assert!(!page.contains("ballot-"), "no missing translation keys");

    // The project page links to the ballot.
    let project = app
        .client()
        .get(app.url("/projecten/jij-maakt-zuid"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        project.contains(&format!("href=\"/stemmen/{b}\""))
            && project.contains("Naar het stembiljet"),
        "{project}"
    );

    // Once someone voted, the rules are locked (the window can still move).
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[fx.ideas[0]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    let to_vec = |f: Vec<(&'static str, &str)>| -> Vec<(String, String)> {
        f.into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let r = post(
        &app,
        &fx.staff,
        &format!("/beheer/stemmen/{b}"),
        &to_vec(settings_form(&cid, "0", "5000")),
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("Er is al gestemd"));
    let mut f = to_vec(settings_form(&cid, "0", "50000"));
    for (k, v) in f.iter_mut() {
        if k == "closes_at" {
            *v = "2098-06-01T12:00".into();
        }
    }
    let r = post(&app, &fx.staff, &format!("/beheer/stemmen/{b}"), &f).await;
    assert_eq!(r.status(), 303);
    let closes: i64 = app
        .db
        .scalar(
            "SELECT closes_at FROM ballot_settings WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        closes % 86400,
        10 * 3600,
        "12:00 summer time in Amsterdam is 10:00 UTC"
    );
}

async fn other_municipality_cannot_vote(app: TestApp) {
    let fx = setup(&app).await;
    let b = fx.ballot;
    let org_b = app.second_org("hengelo.test").await;
    let uid = quick_member(&app, org_b, 1).await;
    let c = app.session_on_host("hengelo.test", org_b, uid, false).await;
    let r = c
        .get(app.url_for_host("hengelo.test", &format!("/stemmen/{b}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = c
        .post(app.url_for_host("hengelo.test", &format!("/stemmen/{b}/bevestigen")))
        .form(&form(&[fx.ideas[0]], None))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(ballots(&app, b).await, 0);
}

both!(budget_ballot, budget_ballot_cast_reviewed_and_replaced);
both!(one_voter_parallel, hundred_parallel_ballots_one_voter);
both!(many_voters_parallel, two_hundred_voters_in_parallel);
both!(codes, voting_codes);
both!(paper_and_results, paper_ballots_and_results);
both!(settings, settings_are_validated);
both!(tenants, other_municipality_cannot_vote);

async fn count_ballot_and_top_n(app: TestApp) {
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
    let f: Vec<(String, String)> = [
        ("ideas_component_id", cid.as_str()),
        ("ballot_type", "count"),
        ("min_count", "1"),
        ("max_count", "2"),
        ("winners", "1"),
        ("opens_at", "2020-01-01T00:00"),
        ("closes_at", "2099-01-01T00:00"),
        ("allow_members", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let r = post(&app, &fx.staff, &format!("/beheer/stemmen/{b}"), &f).await;
    assert_eq!(r.status(), 303);
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    // No confirmation step: the ballot form posts straight to the cast.
    let page = member
        .get(app.url(&format!("/stemmen/{b}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("action=\"/stemmen/{b}/bevestigen\"")));
    assert!(page.contains("Kies minstens 1 en hoogstens 2 ideeën"));
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0], i[1], i[2]], None),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("U mag er maximaal 2 kiezen"), "{body}");
    // Budget does not matter on a count ballot: € 50.000 of ideas in two choices is fine.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[1], i[4]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    let (_, other) = app.member_client("buur@enschede.test").await;
    let r = post(
        &app,
        &other,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[4]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
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
    let csv = fx
        .staff
        .get(app.url(&format!("/beheer/stemmen/{b}/export.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains(&format!("1,{},Idee nummer 4,2,30000,selected", i[4])),
        "{csv}"
    );
    assert!(
        csv.contains(&format!("2,{},Idee nummer 1,1,20000,below", i[1])),
        "{csv}"
    );
    assert_eq!(csv.matches(",selected").count(), 1, "top 1");
}

both!(count_ballot, count_ballot_and_top_n);

async fn per_area_ballot(app: TestApp) {
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
    // Noord: ideas 0 (€ 10.000) and 1 (€ 20.000); Zuid: 2 (€ 15.000) and 3 (€ 5.000); 4 has no area.
    for (k, a) in [(0, areas[0]), (1, areas[0]), (2, areas[1]), (3, areas[1])] {
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
    let configure = |scope: &'static str| {
        let mut f: Vec<(String, String)> = settings_form(&ideas_cid.to_string(), "0", "0")
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        for (k, v) in f.iter_mut() {
            if k == "ballot_type" {
                *v = "per_area".into();
            }
        }
        f.push((format!("area_{}_max", areas[0]), "25.000".into()));
        f.push((format!("area_{}_min", areas[1]), "".into()));
        f.push((format!("area_{}_max", areas[1]), "20000".into()));
        f.push(("area_scope".into(), scope.into()));
        f
    };
    let r = post(
        &app,
        &fx.staff,
        &format!("/beheer/stemmen/{b}"),
        &configure("one"),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let staff_page = fx
        .staff
        .get(app.url(&format!("/beheer/stemmen/{b}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        staff_page.contains("Budget of aantal per gebied")
            && staff_page.contains("value=\"25000\"")
    );
    assert!(staff_page.contains("id=\"scope-one\" name=\"area_scope\" value=\"one\" checked"));
    assert!(
        !staff_page.contains("ballot-"),
        "no missing translation keys"
    );
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let page = member
        .get(app.url(&format!("/stemmen/{b}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("U mag in één gebied stemmen."), "{page}");
    assert!(page.contains("Noord: samen minstens € 0 en hoogstens € 25.000."));
    assert!(page.contains("<span class=\"tag\">Zuid</span>"));
    // One area only: mixing is refused.
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0], i[2]], None),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("U heeft ideeën gekozen in Noord en Zuid. U mag maar in één gebied stemmen."),
        "{body}"
    );

    // All areas: each area's budget is checked on its own.
    let r = post(
        &app,
        &fx.staff,
        &format!("/beheer/stemmen/{b}"),
        &configure("all"),
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0], i[1]], None),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains(
            "In Noord heeft u € 30.000 gekozen. Dat is meer dan het budget van € 25.000."
        ),
        "{body}"
    );
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[4]], None),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("hoort niet bij een gebied waarin u kunt stemmen"));
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/kiezen"),
        &form(&[i[0], i[2], i[3]], None),
    )
    .await;
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Noord: U koos 1 idee voor € 10.000. U heeft nog € 15.000 over. Zuid: U koos 2 ideeën voor € 20.000. U heeft nog € 0 over."),
        "{body}"
    );
    let r = post(
        &app,
        &member,
        &format!("/stemmen/{b}/bevestigen"),
        &form(&[i[0], i[2], i[3]], None),
    )
    .await;
    assert_eq!(r.status(), 303);
    // Rules are locked once someone voted.
    let mut changed = configure("all");
    changed.retain(|(k, _)| !k.ends_with("_max") || !k.contains(&areas[0].to_string()));
    changed.push((format!("area_{}_max", areas[0]), "1000".into()));
    let r = post(&app, &fx.staff, &format!("/beheer/stemmen/{b}"), &changed).await;
    assert_eq!(r.status(), 409);

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
    let csv = fx
        .staff
        .get(app.url(&format!("/beheer/stemmen/{b}/export.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.matches(",selected").count(), 3, "{csv}");
    let page = app
        .client()
        .get(app.url(&format!("/stemmen/{b}/uitslag")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Budget: € 45.000") && page.contains("Toegekend: € 30.000"),
        "{page}"
    );
}

both!(per_area, per_area_ballot);
