//! Makelpunt: provider registration and approval, listing spaces, the provider IDOR check,
//! search (text, capacity, facilities with counts, weekday and date with exceptions,
//! pagination), enquiries (emails, thread, state machine, honeypot, rate limit) and
//! municipality isolation.

use meedoen::args;

use crate::both;
use crate::support::TestApp;

pub(crate) fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// The number after `prefix` in a redirect location.
pub(crate) fn id_after(loc: &str, prefix: &str) -> i64 {
    let rest = loc
        .split(prefix)
        .nth(1)
        .unwrap_or_else(|| panic!("{prefix} not in {loc}"));
    rest.split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no id in {loc}"))
}

pub(crate) async fn neighbourhoods(app: &TestApp) -> (i64, i64, i64) {
    let district: i64 = app
        .db
        .write_scalar(
            "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, NULL, 'district', 'Centrum', 'centrum') RETURNING id",
            args![app.org_id],
        )
        .await
        .expect("district");
    let a: i64 = app
        .db
        .write_scalar(
            "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, $2, 'neighbourhood', 'De Laares', 'de-laares') RETURNING id",
            args![app.org_id, district],
        )
        .await
        .expect("area a");
    let b: i64 = app
        .db
        .write_scalar(
            "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, NULL, 'neighbourhood', 'Twekkelerveld', 'twekkelerveld') RETURNING id",
            args![app.org_id],
        )
        .await
        .expect("area b");
    (district, a, b)
}

pub(crate) async fn register(app: &TestApp, c: &reqwest::Client, name: &str, email: &str) -> i64 {
    let r = c
        .post(app.url("/makelpunt/aanbieder-worden"))
        .form(&[
            ("name", name),
            ("kind", "buurthuis"),
            ("contact_email", email),
            ("contact_phone", "053 123 4567"),
            ("may_share", "1"),
        ])
        .send()
        .await
        .expect("register");
    assert_eq!(r.status(), 303, "registration redirects");
    id_after(&location(&r), "/makelpunt/aanbieder/")
}

pub(crate) async fn approve(app: &TestApp, staff: &reqwest::Client, pid: i64) {
    let r = staff
        .post(app.url(&format!("/beheer/makelpunt/aanbieders/{pid}/besluit")))
        .form(&[("decision", "approve"), ("reason", "")])
        .send()
        .await
        .expect("approve");
    assert_eq!(r.status(), 303);
}

/// Creates a published space; `extra` adds or overrides form fields.
pub(crate) async fn space(
    app: &TestApp,
    c: &reqwest::Client,
    pid: i64,
    name: &str,
    description: &str,
    extra: &[(&str, &str)],
) -> i64 {
    let mut form: Vec<(&str, &str)> = vec![
        ("name", name),
        ("description", description),
        ("address", "Hoofdstraat 1, Enschede"),
    ];
    // Defaults, unless the caller gives the field.
    for (k, v) in [
        ("price_type", "free"),
        ("status", "published"),
        ("cap_seated", "10"),
    ] {
        let given = if k == "cap_seated" {
            extra.iter().any(|(n, _)| n.starts_with("cap_"))
        } else {
            extra.iter().any(|(n, _)| *n == k)
        };
        if !given {
            form.push((k, v));
        }
    }
    form.extend_from_slice(extra);
    let r = c
        .post(app.url(&format!("/makelpunt/aanbieder/{pid}/ruimtes/nieuw")))
        .form(&form)
        .send()
        .await
        .expect("create space");
    assert_eq!(
        r.status(),
        303,
        "space created: {}",
        r.text().await.unwrap_or_default()
    );
    id_after(&location(&r), "/ruimtes/")
}

pub(crate) async fn get(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let r = c.get(app.url(path)).send().await.expect("get");
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

/// An approved provider with one member; returns (provider id, member client, member email).
pub(crate) async fn approved_provider(
    app: &TestApp,
    name: &str,
    email: &str,
) -> (i64, reqwest::Client) {
    let (_, c) = app.member_client(email).await;
    let pid = register(app, &c, name, email).await;
    let (_, staff) = app.staff_client(&format!("staff-{email}"), "editor").await;
    approve(app, &staff, pid).await;
    (pid, c)
}

async fn provider_flow(app: TestApp) {
    let (_, aanbieder) = app.member_client("bestuur@debron.test").await;
    // The statement is required.
    let r = aanbieder
        .post(app.url("/makelpunt/aanbieder-worden"))
        .form(&[
            ("name", "Buurthuis De Bron"),
            ("kind", "buurthuis"),
            ("contact_email", "info@debron.test"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("error-summary") && body.contains("may_share-error"));
    let pid = register(&app, &aanbieder, "Buurthuis De Bron", "info@debron.test").await;
    let sid = space(
        &app,
        &aanbieder,
        pid,
        "Grote zaal De Bron",
        "Een lichte zaal met een keuken en veel ruimte.",
        &[("kitchen", "1")],
    )
    .await;
    // Pending provider: the published space is not public yet.
    let anon = app.client();
    let (_, html) = get(&app, &anon, "/makelpunt").await;
    assert!(
        !html.contains("Grote zaal De Bron"),
        "pending provider's space is hidden"
    );
    assert_eq!(
        get(&app, &anon, &format!("/makelpunt/ruimtes/{sid}"))
            .await
            .0,
        404
    );
    // The provider itself can preview it.
    let (s, html) = get(&app, &aanbieder, &format!("/makelpunt/ruimtes/{sid}")).await;
    assert_eq!(s, 200);
    assert!(html.contains("Grote zaal De Bron"));
    // Members cannot reach the staff screen; editors can.
    assert_eq!(get(&app, &aanbieder, "/beheer/makelpunt").await.0, 403);
    let (staff_id, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let (s, html) = get(&app, &staff, "/beheer/makelpunt").await;
    assert_eq!(s, 200);
    assert!(html.contains("Buurthuis De Bron"));
    // Rejecting needs a reason.
    let r = staff
        .post(app.url(&format!("/beheer/makelpunt/aanbieders/{pid}/besluit")))
        .form(&[("decision", "reject"), ("reason", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    approve(&app, &staff, pid).await;
    let (subject, _) = app
        .last_mail("info@debron.test")
        .await
        .expect("provider mailed");
    assert!(subject.contains("goedgekeurd"), "{subject}");
    let audited: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE org_id = $1 AND actor_id = $2 AND action = 'space_provider.approve'", args![app.org_id, staff_id])
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(audited, 1);
    // Deciding twice is refused.
    let r = staff
        .post(app.url(&format!("/beheer/makelpunt/aanbieders/{pid}/besluit")))
        .form(&[("decision", "reject"), ("reason", "toch niet goed")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let (_, html) = get(&app, &anon, "/makelpunt").await;
    assert!(
        html.contains("Grote zaal De Bron"),
        "approved provider's space is public"
    );
    let (s, html) = get(&app, &anon, &format!("/makelpunt/ruimtes/{sid}")).await;
    assert_eq!(s, 200);
    assert!(html.contains("Keuken") && html.contains("Buurthuis De Bron"));
    // Every interface text is translated (a missing key would show as "space-...").
    for (c, path) in [
        (&anon, "/makelpunt".to_string()),
        (&anon, format!("/makelpunt/ruimtes/{sid}")),
        (&aanbieder, format!("/makelpunt/ruimtes/{sid}")),
        (&aanbieder, format!("/makelpunt/aanbieder/{pid}")),
        (
            &aanbieder,
            format!("/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bewerken"),
        ),
        (&aanbieder, "/makelpunt/aanbieder".to_string()),
        (&aanbieder, "/makelpunt/aanbieder-worden".to_string()),
        (&staff, "/beheer/makelpunt".to_string()),
    ] {
        let (s, html) = get(&app, c, &path).await;
        assert_eq!(s, 200, "{path}");
        assert!(!html.contains("space-"), "untranslated key on {path}");
        assert_eq!(html.matches("<h1").count(), 1, "one h1 on {path}");
    }
    // A draft stays hidden even for an approved provider.
    let draft = space(
        &app,
        &aanbieder,
        pid,
        "Geheime kelder",
        "Nog niet klaar voor bezoekers.",
        &[("status", "draft")],
    )
    .await;
    assert_eq!(
        get(&app, &anon, &format!("/makelpunt/ruimtes/{draft}"))
            .await
            .0,
        404
    );
    let (_, html) = get(&app, &anon, "/makelpunt?q=kelder").await;
    assert!(!html.contains("Geheime kelder"));
    // Staff take a listing offline with a reason; the provider is told.
    let unpub = format!("/beheer/makelpunt/ruimtes/{sid}/depubliceren");
    let r = staff
        .post(app.url(&unpub))
        .form(&[("reason", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(
        aanbieder
            .post(app.url(&unpub))
            .form(&[("reason", "Ik mag dit niet")])
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let r = staff
        .post(app.url(&unpub))
        .form(&[("reason", "Foto's en adres kloppen niet.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        get(&app, &anon, &format!("/makelpunt/ruimtes/{sid}"))
            .await
            .0,
        404
    );
    let (subject, body) = app
        .last_mail("bestuur@debron.test")
        .await
        .expect("member mailed");
    assert!(subject.contains("Grote zaal De Bron") && body.contains("adres kloppen niet"));
    let r = staff
        .post(app.url(&unpub))
        .form(&[("reason", "Nog een keer offline.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let (_, html) = get(&app, &aanbieder, &format!("/makelpunt/aanbieder/{pid}")).await;
    assert!(html.contains("adres kloppen niet"), "the provider sees why");
    let audited: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE org_id = $1 AND action = 'space.unpublish'",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(audited, 1);
}
both!(provider_flow, provider_flow);

async fn provider_idor(app: TestApp) {
    let (pa, a) = approved_provider(&app, "Sportclub Noord", "a@noord.test").await;
    let (pb, b) = approved_provider(&app, "School Zuid", "b@zuid.test").await;
    let sb = space(
        &app,
        &b,
        pb,
        "Aula Zuid",
        "De aula van de school, met een podium.",
        &[],
    )
    .await;
    let edit = |pid: i64, sid: i64| format!("/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bewerken");
    // A member of A on B's provider pages: refused.
    assert_eq!(
        get(&app, &a, &format!("/makelpunt/aanbieder/{pb}")).await.0,
        403
    );
    assert_eq!(get(&app, &a, &edit(pb, sb)).await.0, 403);
    let hijack = [
        ("name", "Gekaapt"),
        ("description", "Dit is niet van mij maar ik pas het aan."),
        ("address", "x straat"),
        ("cap_seated", "5"),
        ("price_type", "free"),
        ("status", "published"),
    ];
    let r = a
        .post(app.url(&edit(pb, sb)))
        .form(&hijack)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // ... and through A's own provider id: not found.
    assert_eq!(get(&app, &a, &edit(pa, sb)).await.0, 404);
    let r = a
        .post(app.url(&edit(pa, sb)))
        .form(&hijack)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = a
        .post(app.url(&format!(
            "/makelpunt/aanbieder/{pa}/ruimtes/{sb}/uitzondering"
        )))
        .form(&[
            ("on_date", "2027-03-16"),
            ("part", "evening"),
            ("kind", "closed"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let name: String = app
        .db
        .scalar("SELECT name FROM spaces WHERE id = $1", args![sb])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(name, "Aula Zuid");
    let n: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_exceptions WHERE space_id = $1",
            args![sb],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(n, 0);
    // B can edit its own space.
    let ok = [
        ("name", "Aula Zuid (groot)"),
        ("description", "De aula van de school, met een podium."),
        ("address", "Schoolstraat 2"),
        ("cap_seated", "120"),
        ("price_type", "request"),
        ("status", "published"),
    ];
    let r = b
        .post(app.url(&edit(pb, sb)))
        .form(&ok)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let cap: i64 = app
        .db
        .scalar("SELECT max_capacity FROM spaces WHERE id = $1", args![sb])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cap, 120);
}
both!(provider_idor, provider_idor);

pub(crate) fn card_count(html: &str) -> usize {
    html.matches("<li class=\"card\">").count()
}

async fn search(app: TestApp) {
    let (district, laares, twekkel) = neighbourhoods(&app).await;
    let (pid, c) = approved_provider(&app, "Wijkcentrum Oost", "oost@wijk.test").await;
    let (la, tw) = (laares.to_string(), twekkel.to_string());
    let kook: i64 = app
        .db
        .scalar(
            "SELECT id FROM space_activities WHERE org_id = $1 AND name = 'Kookles'",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    // Activities are seeded on first use; the form page triggers it.
    let kook = if kook == 0 {
        let _ = get(
            &app,
            &c,
            &format!("/makelpunt/aanbieder/{pid}/ruimtes/nieuw"),
        )
        .await;
        app.db
            .scalar::<i64>(
                "SELECT id FROM space_activities WHERE org_id = $1 AND name = 'Kookles'",
                args![app.org_id],
            )
            .await
            .unwrap()
            .expect("seeded")
    } else {
        kook
    };
    let ks = kook.to_string();
    let s1 = space(
        &app,
        &c,
        pid,
        "Keuken De Bron",
        "Ruime keuken voor kooklessen in de buurt.",
        &[
            ("cap_seated", "30"),
            ("kitchen", "1"),
            ("step_free", "1"),
            ("week", "1-evening"),
            ("activity", &ks),
            ("area_id", &la),
        ],
    )
    .await;
    let s2 = space(
        &app,
        &c,
        pid,
        "Zaal Oost",
        "Gymzaal voor sport en bewegen.",
        &[
            ("cap_standing", "80"),
            ("wifi", "1"),
            ("week", "1-morning"),
            ("week", "6-afternoon"),
            ("area_id", &tw),
            ("price_type", "amount"),
            ("price", "12,50"),
        ],
    )
    .await;
    let s3 = space(
        &app,
        &c,
        pid,
        "Kleine kamer",
        "Rustige kamer om samen te breien.",
        &[
            ("cap_seated", "8"),
            ("kitchen", "1"),
            ("wifi", "1"),
            ("week", "1-evening"),
            ("area_id", &la),
        ],
    )
    .await;
    let anon = app.client();
    let names = |html: &str| -> Vec<&'static str> {
        ["Keuken De Bron", "Zaal Oost", "Kleine kamer"]
            .into_iter()
            .filter(|n| html.contains(n))
            .collect()
    };
    // Text, exact words on both backends.
    let (_, h) = get(&app, &anon, "/makelpunt?q=keuken").await;
    assert_eq!(names(&h), vec!["Keuken De Bron"]);
    let (_, h) = get(&app, &anon, "/makelpunt?q=breien").await;
    assert_eq!(names(&h), vec!["Kleine kamer"]);
    // A word variant: prefix on SQLite, Dutch stemming on PostgreSQL.
    let (_, h) = get(&app, &anon, "/makelpunt?q=kookles").await;
    assert_eq!(names(&h), vec!["Keuken De Bron"]);
    // Activity names are searchable too, and quotes or operators are harmless.
    let (s, _) = get(&app, &anon, "/makelpunt?q=%22OR%20NEAR(").await;
    assert_eq!(s, 200);
    // Capacity.
    let (_, h) = get(&app, &anon, "/makelpunt?capaciteit=20").await;
    assert_eq!(names(&h), vec!["Keuken De Bron", "Zaal Oost"]);
    // Facility with counts: with "kitchen" checked, 2 results; of those 1 has wifi.
    let (_, h) = get(&app, &anon, "/makelpunt?kitchen=1").await;
    assert_eq!(names(&h), vec!["Keuken De Bron", "Kleine kamer"]);
    assert!(h.contains("2 ruimtes gevonden"), "count line");
    assert!(
        h.contains("Wifi <span class=\"counts\">(1)</span>"),
        "wifi count within kitchen results"
    );
    assert!(h.contains("Drempelvrije ingang <span class=\"counts\">(1)</span>"));
    let state = app.app.as_ref().expect("running").state();
    let f = meedoen::spaces::search::Filters::parse(&meedoen::spaces::Fields(vec![(
        "kitchen".into(),
        "1".into(),
    )]));
    let out = meedoen::spaces::search::run(state, app.org_id, &f)
        .await
        .unwrap();
    assert_eq!(out.total, 2);
    let count = |k: &str| {
        out.feature_counts
            .iter()
            .find(|(n, _)| *n == k)
            .map(|x| x.1)
    };
    assert_eq!(count("wifi"), Some(1));
    assert_eq!(count("parking"), Some(0));
    // Area counts ignore the area filter itself; the district counts its neighbourhoods.
    let f = meedoen::spaces::search::Filters::parse(&meedoen::spaces::Fields(vec![(
        "wijk".into(),
        tw.clone(),
    )]));
    let out = meedoen::spaces::search::run(state, app.org_id, &f)
        .await
        .unwrap();
    assert_eq!(out.total, 1);
    assert_eq!(out.area_counts.get(&laares), Some(&2));
    assert_eq!(out.area_counts.get(&district), Some(&2));
    assert_eq!(
        out.activity_counts.get(&kook),
        None,
        "no Kookles space in Twekkelerveld"
    );
    let (_, h) = get(&app, &anon, &format!("/makelpunt?wijk={district}")).await;
    assert_eq!(names(&h), vec!["Keuken De Bron", "Kleine kamer"]);
    let (_, h) = get(&app, &anon, &format!("/makelpunt?activiteit={kook}")).await;
    assert_eq!(names(&h), vec!["Keuken De Bron"]);
    let (_, h) = get(&app, &anon, "/makelpunt?prijs=amount").await;
    assert_eq!(names(&h), vec!["Zaal Oost"]);
    assert!(h.contains("12,50"));
    // The JSON API answers the same search.
    let api: serde_json::Value = anon
        .get(app.url("/api/v1/ruimtes?kitchen=1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["total"], 2);
    assert_eq!(api["counts"]["features"]["wifi"], 1);
    assert_eq!(api["results"].as_array().map(|a| a.len()), Some(2));
    // Weekday and part of day.
    let (_, h) = get(&app, &anon, "/makelpunt?dag=1&dagdeel=evening").await;
    assert_eq!(names(&h), vec!["Keuken De Bron", "Kleine kamer"]);
    // 2027-03-16 is a Tuesday. A closed exception removes, an extra one adds.
    for (pid_sid, kind) in [(s3, "closed"), (s2, "extra")] {
        let r = c
            .post(app.url(&format!(
                "/makelpunt/aanbieder/{pid}/ruimtes/{pid_sid}/uitzondering"
            )))
            .form(&[
                ("on_date", "2027-03-16"),
                ("part", "evening"),
                ("kind", kind),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    }
    let (_, h) = get(&app, &anon, "/makelpunt?datum=2027-03-16&dagdeel=evening").await;
    assert_eq!(names(&h), vec!["Keuken De Bron", "Zaal Oost"]);
    let (_, h) = get(&app, &anon, "/makelpunt?datum=2027-03-23&dagdeel=evening").await;
    assert_eq!(
        names(&h),
        vec!["Keuken De Bron", "Kleine kamer"],
        "exceptions only count on their date"
    );
    // Sort by capacity: the biggest first.
    let (_, h) = get(&app, &anon, "/makelpunt?sorteer=capaciteit").await;
    let p2 = h.find("Zaal Oost").unwrap();
    let p1 = h.find("Keuken De Bron").unwrap();
    assert!(p2 < p1);
    let _ = s1;
}
both!(search, search);

async fn pagination(app: TestApp) {
    let (pid, c) = approved_provider(&app, "Stichting Veel Ruimte", "veel@ruimte.test").await;
    for i in 0..21 {
        space(
            &app,
            &c,
            pid,
            &format!("Lokaal nummer {i:02}"),
            "Een gewoon lokaal voor bijeenkomsten.",
            &[],
        )
        .await;
    }
    let anon = app.client();
    let (_, h) = get(&app, &anon, "/makelpunt?q=lokaal").await;
    assert_eq!(card_count(&h), 20);
    assert!(h.contains("21 ruimtes gevonden"));
    let next = h
        .split("rel=\"next\"")
        .next()
        .and_then(|b| b.rsplit("href=\"").next())
        .unwrap_or("");
    assert!(
        next.starts_with("/makelpunt?q=lokaal&") && next.contains("pagina=2"),
        "next link keeps the query: {next}"
    );
    // A bounded number of queries, however many spaces there are.
    let before = app.db.query_count();
    let (s, _) = get(
        &app,
        &anon,
        "/makelpunt?q=lokaal&kitchen=1&datum=2027-03-16&dagdeel=evening&activiteit=1",
    )
    .await;
    assert_eq!(s, 200);
    let used = app.db.query_count() - before;
    assert!(used <= 12, "search page used {used} queries");
    let (_, h2) = get(&app, &anon, "/makelpunt?q=lokaal&pagina=2").await;
    assert_eq!(card_count(&h2), 1);
    assert!(h2.contains("rel=\"prev\""));
}
both!(pagination, pagination);

pub(crate) async fn enquiry_setup(app: &TestApp) -> (i64, i64, reqwest::Client) {
    let (pid, c) = approved_provider(app, "Kerk De Ark", "koster@ark.test").await;
    let sid = space(
        app,
        &c,
        pid,
        "Zaal De Ark",
        "Een zaal achter de kerk voor groepen.",
        &[("week", "2-morning")],
    )
    .await;
    (pid, sid, c)
}

pub(crate) fn enquiry_form(
    extra: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut f = vec![
        ("activity", "Breiclub"),
        ("on_date", "2027-04-07"),
        ("part", "morning"),
        ("people", "12"),
        (
            "message",
            "Wij zoeken elke week een plek om samen te breien.",
        ),
        ("website", ""),
    ];
    for (k, v) in extra {
        f.retain(|(n, _)| n != k);
        f.push((k, v));
    }
    f
}

async fn enquiries(app: TestApp) {
    let (_, sid, provider) = enquiry_setup(&app).await;
    let (_, seeker) = app.member_client("zoeker@buurt.test").await;
    // Mistakes: 422 with the form kept.
    let r = seeker
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&[("activity", "Breiclub"), ("people", "nul")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let h = r.text().await.unwrap();
    assert!(h.contains("error-summary") && h.contains("value=\"Breiclub\""));
    let r = seeker
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let eid = id_after(&location(&r), "/makelpunt/aanvragen/");
    let (subject, body) = app
        .last_mail("koster@ark.test")
        .await
        .expect("provider mailed");
    assert!(subject.contains("Zaal De Ark"));
    assert!(body.contains(&format!("/makelpunt/aanvragen/{eid}")) && body.contains("breien"));
    let thread = format!("/makelpunt/aanvragen/{eid}");
    // Both sides see the thread, nobody else.
    assert_eq!(get(&app, &seeker, &thread).await.0, 200);
    let (s, h) = get(&app, &provider, &thread).await;
    assert_eq!(s, 200);
    assert!(h.contains("Wij zoeken elke week"));
    assert!(!h.contains("space-"), "thread page fully translated");
    let (_, stranger) = app.member_client("ander@buurt.test").await;
    assert_eq!(get(&app, &stranger, &thread).await.0, 404);
    let status = |c: &reqwest::Client, to: &'static str| {
        let c = c.clone();
        let url = app.url(&format!("{thread}/status"));
        async move {
            c.post(url)
                .form(&[("to", to)])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // The seeker cannot agree; the provider cannot agree before answering.
    assert_eq!(status(&seeker, "agreed").await, 403);
    assert_eq!(status(&provider, "agreed").await, 409);
    // The provider answers: state answered, seeker mailed.
    let r = provider
        .post(app.url(&format!("{thread}/bericht")))
        .form(&[("body", "Welkom! Woensdagochtend kan.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let st: String = app
        .db
        .scalar(
            "SELECT state FROM space_enquiries WHERE id = $1",
            args![eid],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(st, "answered");
    let (_, body) = app
        .last_mail("zoeker@buurt.test")
        .await
        .expect("seeker mailed");
    assert!(body.contains("Woensdagochtend kan"));
    // The seeker replies: the provider is mailed.
    let r = seeker
        .post(app.url(&format!("{thread}/bericht")))
        .form(&[("body", "Fijn, dank u wel!")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, body) = app.last_mail("koster@ark.test").await.unwrap();
    assert!(body.contains("dank u wel"));
    // 2027-04-07 is a Wednesday, when the space is open in the morning.
    let free_that_morning = |c: reqwest::Client| {
        let url = app.url("/makelpunt?datum=2027-04-07&dagdeel=morning");
        async move {
            c.get(url)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
                .contains("Zaal De Ark")
        }
    };
    assert!(free_that_morning(app.client()).await);
    assert_eq!(status(&provider, "agreed").await, 303);
    assert!(
        !free_that_morning(app.client()).await,
        "the booking blocks the part of the day"
    );
    // The calendar feed shows the booking and parses as iCalendar.
    let r = app
        .client()
        .get(app.url(&format!("/makelpunt/ruimtes/{sid}/agenda.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let ics = r.text().await.unwrap();
    assert_ical_ok(&ics);
    assert!(
        ics.contains("DTSTART:20270407T090000") && ics.contains("SUMMARY:Bezet"),
        "{ics}"
    );
    assert!(
        !ics.contains("zoeker@buurt.test"),
        "no personal data in the feed"
    );
    let st: String = app
        .db
        .scalar(
            "SELECT state FROM space_enquiries WHERE id = $1",
            args![eid],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(st, "agreed");
    // Agreed is final for these transitions.
    assert_eq!(status(&seeker, "withdrawn").await, 409);
    assert_eq!(status(&provider, "declined").await, 409);
    let st: String = app
        .db
        .scalar(
            "SELECT state FROM space_enquiries WHERE id = $1",
            args![eid],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(st, "agreed");
    // Cancelling needs a reason; it frees the slot and mails the other side.
    let r = seeker
        .post(app.url(&format!("{thread}/status")))
        .form(&[("to", "cancelled"), ("reason", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = seeker
        .post(app.url(&format!("{thread}/status")))
        .form(&[("to", "cancelled"), ("reason", "Onze club stopt helaas.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        free_that_morning(app.client()).await,
        "cancelling frees the slot"
    );
    let (_, body) = app.last_mail("koster@ark.test").await.unwrap();
    assert!(body.contains("Onze club stopt helaas"));
    // A second enquiry is withdrawn by the seeker; after that, no more messages.
    let r = seeker
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&[]))
        .send()
        .await
        .unwrap();
    let e2 = id_after(&location(&r), "/makelpunt/aanvragen/");
    let r = seeker
        .post(app.url(&format!("/makelpunt/aanvragen/{e2}/status")))
        .form(&[("to", "withdrawn")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = provider
        .post(app.url(&format!("/makelpunt/aanvragen/{e2}/bericht")))
        .form(&[("body", "Nog een vraag")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
}
both!(enquiries, enquiries);

async fn honeypot_and_rate_limit(app: TestApp) {
    let (_, sid, _) = enquiry_setup(&app).await;
    let (_, bot) = app.member_client("bot@spam.test").await;
    let r = bot
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&[("website", "http://spam.test")]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "the bot is told it worked");
    let n: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_enquiries WHERE org_id = $1",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(n, 0, "nothing stored");
    let mails: i64 = app.db.scalar("SELECT COUNT(*) FROM outbox WHERE to_addr = 'koster@ark.test' AND subject LIKE '%aanvraag%'", args![]).await.unwrap().unwrap_or(0);
    assert_eq!(mails, 0, "nobody mailed");
    let (_, seeker) = app.member_client("druk@buurt.test").await;
    for i in 0..10 {
        let r = seeker
            .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
            .form(&enquiry_form(&[]))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "enquiry {i} allowed");
    }
    let r = seeker
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    let n: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_enquiries WHERE org_id = $1",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(n, 10);
    // Anonymous visitors give a name and an email address (see spaces_guests.rs).
    let r = app
        .client()
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains(r#"id="guest_email-error""#) && html.contains(r#"id="guest_name-error""#)
    );
}
both!(honeypot_and_rate_limit, honeypot_and_rate_limit);

async fn isolation(app: TestApp) {
    let (pid, c) = approved_provider(&app, "Speeltuin Het Hofje", "hofje@speel.test").await;
    let sid = space(
        &app,
        &c,
        pid,
        "Clubhuis Het Hofje",
        "Clubhuis bij de speeltuin met buitenruimte.",
        &[("outdoor", "1")],
    )
    .await;
    app.second_org("hengelo.test").await;
    let other = app.client_for_host("hengelo.test");
    let r = other
        .get(app.url_for_host("hengelo.test", "/makelpunt?q=clubhuis"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.text().await.unwrap();
    assert!(!h.contains("Clubhuis Het Hofje"));
    assert!(h.contains("0 ruimtes gevonden"));
    let r = other
        .get(app.url_for_host("hengelo.test", &format!("/makelpunt/ruimtes/{sid}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let (_, h) = get(&app, &app.client(), "/makelpunt?q=clubhuis").await;
    assert!(h.contains("Clubhuis Het Hofje"));
}
both!(isolation, isolation);

async fn parallel_agreements(app: TestApp) {
    let (_, sid, provider) = enquiry_setup(&app).await;
    let mut threads = Vec::new();
    for who in ["een@buurt.test", "twee@buurt.test"] {
        let (_, seeker) = app.member_client(who).await;
        let r = seeker
            .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
            .form(&enquiry_form(&[]))
            .send()
            .await
            .unwrap();
        let eid = id_after(&location(&r), "/makelpunt/aanvragen/");
        let r = provider
            .post(app.url(&format!("/makelpunt/aanvragen/{eid}/bericht")))
            .form(&[("body", "Dat kan misschien.")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        threads.push(eid);
    }
    let agree = |eid: i64| {
        let c = provider.clone();
        let url = app.url(&format!("/makelpunt/aanvragen/{eid}/status"));
        async move {
            c.post(url)
                .form(&[("to", "agreed")])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let (a, b) = tokio::join!(agree(threads[0]), agree(threads[1]));
    let mut got = [a, b];
    got.sort();
    assert_eq!(got, [303, 409], "exactly one agreement wins");
    let bookings: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_bookings WHERE space_id = $1",
            args![sid],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(bookings, 1);
    let agreed: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_enquiries WHERE space_id = $1 AND state = 'agreed'",
            args![sid],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(agreed, 1, "the losing agreement was rolled back");
}
both!(parallel_agreements, parallel_agreements);

/// A structural check of an iCalendar document: CRLF lines, balanced components, required
/// properties in every event, unfolded lines under 75 octets.
fn assert_ical_ok(ics: &str) {
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    let mut depth = Vec::new();
    let mut event: Vec<&str> = Vec::new();
    let unfolded = ics.replace("\r\n ", "");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "long line {line}");
    }
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, _) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("no colon: {line}"));
        match name {
            "BEGIN" => {
                depth.push(line[6..].to_string());
                event.clear();
            }
            "END" => {
                let open = depth.pop().expect("END without BEGIN");
                assert_eq!(open, line[4..]);
                if open == "VEVENT" {
                    for p in ["UID", "DTSTAMP", "DTSTART", "DTEND"] {
                        assert!(event.contains(&p), "VEVENT without {p}");
                    }
                }
            }
            n => event.push(n),
        }
    }
    assert!(depth.is_empty());
}

async fn colleague_invite(app: TestApp) {
    let (pa, a) = approved_provider(&app, "Buurthuis West", "a@west.test").await;
    let (pb, b) = approved_provider(&app, "Buurthuis Oost", "b@oost.test").await;
    let sa = space(
        &app,
        &a,
        pa,
        "Zaal West",
        "De grote zaal van het buurthuis.",
        &[],
    )
    .await;
    let sb = space(
        &app,
        &b,
        pb,
        "Zaal Oost",
        "De grote zaal van het andere buurthuis.",
        &[],
    )
    .await;
    let r = a
        .post(app.url(&format!("/makelpunt/aanbieder/{pa}/uitnodigen")))
        .form(&[("email", "collega@west.test")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (subject, body) = app
        .last_mail("collega@west.test")
        .await
        .expect("invite mailed");
    assert!(subject.contains("Buurthuis West") && body.contains("/makelpunt/aanbieder"));
    // Inviting the same address again is refused, not duplicated.
    let r = a
        .post(app.url(&format!("/makelpunt/aanbieder/{pa}/uitnodigen")))
        .form(&[("email", "collega@west.test")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    // Someone else cannot invite into A.
    let r = b
        .post(app.url(&format!("/makelpunt/aanbieder/{pa}/uitnodigen")))
        .form(&[("email", "b2@oost.test")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let (_, colleague) = app.member_client("collega@west.test").await;
    // Before claiming: no access.
    assert_eq!(
        get(&app, &colleague, &format!("/makelpunt/aanbieder/{pa}"))
            .await
            .0,
        403
    );
    let (s, h) = get(&app, &colleague, "/makelpunt/aanbieder").await;
    assert_eq!(s, 200);
    assert!(h.contains("Buurthuis West") && !h.contains("Buurthuis Oost"));
    assert_eq!(
        get(&app, &colleague, &format!("/makelpunt/aanbieder/{pa}"))
            .await
            .0,
        200
    );
    let form = [
        ("name", "Zaal West (verbouwd)"),
        ("description", "De grote zaal van het buurthuis."),
        ("address", "Weststraat 1"),
        ("cap_seated", "40"),
        ("price_type", "free"),
        ("status", "published"),
    ];
    let r = colleague
        .post(app.url(&format!("/makelpunt/aanbieder/{pa}/ruimtes/{sa}/bewerken")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // ... and nothing else.
    let r = colleague
        .post(app.url(&format!("/makelpunt/aanbieder/{pb}/ruimtes/{sb}/bewerken")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = colleague
        .post(app.url(&format!("/makelpunt/aanbieder/{pa}/ruimtes/{sb}/bewerken")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(get(&app, &colleague, "/beheer/makelpunt").await.0, 403);
    let name: String = app
        .db
        .scalar("SELECT name FROM spaces WHERE id = $1", args![sb])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(name, "Zaal Oost");
}
both!(colleague_invite, colleague_invite);

async fn freshness(app: TestApp) {
    use meedoen::spaces::freshness::{sweep, DEFAULT_MAX_AGE_SECS};
    let (pid, c) = approved_provider(&app, "Scouting Twekkelo", "leiding@scouting.test").await;
    let sid = space(
        &app,
        &c,
        pid,
        "Blokhut Twekkelo",
        "Een blokhut in het bos voor groepen.",
        &[],
    )
    .await;
    let other = space(
        &app,
        &c,
        pid,
        "Kampvuurkring",
        "Een kring in het bos voor groepen.",
        &[],
    )
    .await;
    let t = meedoen::db::now();
    // Fresh listings get no reminder.
    assert_eq!(
        sweep(&app.db, "http://x", t, DEFAULT_MAX_AGE_SECS)
            .await
            .unwrap(),
        0
    );
    app.db
        .exec(
            "UPDATE spaces SET confirmed_at = $2 WHERE id = $1",
            args![sid, t - 200 * 24 * 3600],
        )
        .await
        .unwrap();
    assert_eq!(
        sweep(&app.db, "http://x", t, DEFAULT_MAX_AGE_SECS)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        sweep(&app.db, "http://x", t, DEFAULT_MAX_AGE_SECS)
            .await
            .unwrap(),
        0,
        "one reminder only"
    );
    let (subject, _) = app
        .last_mail("leiding@scouting.test")
        .await
        .expect("reminder");
    assert!(subject.contains("Blokhut Twekkelo"));
    let anon = app.client();
    let (_, h) = get(&app, &anon, "/makelpunt?q=bos").await;
    assert!(
        h.contains("Blokhut Twekkelo"),
        "still listed during the grace period"
    );
    // Two weeks later: hidden from search and its page, the other listing stays.
    app.db
        .exec(
            "UPDATE spaces SET reminded_at = $2 WHERE id = $1",
            args![sid, t - 15 * 24 * 3600],
        )
        .await
        .unwrap();
    let (_, h) = get(&app, &anon, "/makelpunt?q=bos").await;
    assert!(!h.contains("Blokhut Twekkelo") && h.contains("Kampvuurkring"));
    assert_eq!(
        get(&app, &anon, &format!("/makelpunt/ruimtes/{sid}"))
            .await
            .0,
        404
    );
    let (_, h) = get(&app, &c, &format!("/makelpunt/aanbieder/{pid}")).await;
    assert!(h.contains("Bevestig deze ruimte"));
    // Another member cannot confirm it; the provider can.
    let (_, stranger) = app.member_client("vreemd@buurt.test").await;
    let confirm = format!("/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bevestigen");
    assert_eq!(
        stranger
            .post(app.url(&confirm))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        c.post(app.url(&confirm)).send().await.unwrap().status(),
        303
    );
    let (_, h) = get(&app, &anon, "/makelpunt?q=bos").await;
    assert!(h.contains("Blokhut Twekkelo"), "back after confirming");
    let _ = other;
}
both!(freshness, freshness);

/// Property test of search: random spaces, random filters. Every result satisfies every
/// filter, no space that satisfies them is missing, the pages list them in the chosen order,
/// and the count shown next to each facility, neighbourhood and price option equals the
/// results that option would leave.
async fn search_properties(app: TestApp) {
    use rand::{Rng, SeedableRng};
    use std::collections::{BTreeSet, HashMap};
    const FEATURES: [&str; 10] = [
        "kitchen",
        "av",
        "storage",
        "outdoor",
        "parking",
        "wifi",
        "step_free",
        "accessible_toilet",
        "hearing_loop",
        "lift",
    ];
    const PRICES: [&str; 4] = ["free", "cost", "request", "amount"];
    const PARTS: [&str; 3] = ["morning", "afternoon", "evening"];
    const DATE: &str = "2027-03-16"; // a Tuesday (weekday 1)
    struct Model {
        id: i64,
        cap: i64,
        features: Vec<bool>,
        area: Option<i64>,
        price: &'static str,
        activities: Vec<i64>,
        weekly: BTreeSet<(i64, &'static str)>,
        exception: Option<(&'static str, &'static str)>,
    }
    #[derive(Clone, Default, Debug)]
    struct F {
        area: Option<i64>,
        cap: Option<i64>,
        features: Vec<usize>,
        activity: Option<i64>,
        price: Option<&'static str>,
        day: Option<i64>,
        date: bool,
        part: Option<&'static str>,
        sort: &'static str,
    }
    let (district, laares, twekkel) = neighbourhoods(&app).await;
    let (pid, c) = approved_provider(&app, "Stichting Toeval", "toeval@test.test").await;
    let _ = get(
        &app,
        &c,
        &format!("/makelpunt/aanbieder/{pid}/ruimtes/nieuw"),
    )
    .await;
    let acts: Vec<(i64,)> = app
        .db
        .all(
            "SELECT id FROM space_activities WHERE org_id = $1 ORDER BY id LIMIT 3",
            args![app.org_id],
        )
        .await
        .unwrap();
    let acts: Vec<i64> = acts.into_iter().map(|(a,)| a).collect();
    assert_eq!(acts.len(), 3);
    let seed = if app.backend == crate::support::Backend::Sqlite {
        7
    } else {
        11
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut models = Vec::new();
    for i in 0..30 {
        let cap = rng.random_range(1..=100i64);
        let features: Vec<bool> = (0..10).map(|_| rng.random_bool(0.4)).collect();
        let area = [None, Some(laares), Some(twekkel)][rng.random_range(0..3)];
        let price = PRICES[rng.random_range(0..4)];
        let activities: Vec<i64> = acts
            .iter()
            .copied()
            .filter(|_| rng.random_bool(0.4))
            .collect();
        let mut weekly = BTreeSet::new();
        for d in 0..7 {
            for p in PARTS {
                if rng.random_bool(0.3) {
                    weekly.insert((d, p));
                }
            }
        }
        let exception = if rng.random_bool(0.4) {
            Some((
                PARTS[rng.random_range(0..3)],
                if rng.random_bool(0.5) {
                    "closed"
                } else {
                    "extra"
                },
            ))
        } else {
            None
        };
        let name = format!("Ruimte {i}");
        let cap_s = cap.to_string();
        let area_s = area.map(|a| a.to_string()).unwrap_or_default();
        let mut form: Vec<(String, String)> = vec![
            ("name".into(), name.clone()),
            (
                "description".into(),
                "Een ruimte voor de eigenschapstest.".into(),
            ),
            ("address".into(), "Teststraat 1".into()),
            ("cap_seated".into(), cap_s),
            ("area_id".into(), area_s),
            ("price_type".into(), price.into()),
            ("price".into(), "5".into()),
            ("status".into(), "published".into()),
        ];
        for (k, on) in FEATURES.iter().zip(&features) {
            if *on {
                form.push((k.to_string(), "1".into()));
            }
        }
        for a in &activities {
            form.push(("activity".into(), a.to_string()));
        }
        for (d, p) in &weekly {
            form.push(("week".into(), format!("{d}-{p}")));
        }
        let r = c
            .post(app.url(&format!("/makelpunt/aanbieder/{pid}/ruimtes/nieuw")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let id = id_after(&location(&r), "/ruimtes/");
        if let Some((p, k)) = exception {
            let r = c
                .post(app.url(&format!(
                    "/makelpunt/aanbieder/{pid}/ruimtes/{id}/uitzondering"
                )))
                .form(&[("on_date", DATE), ("part", p), ("kind", k)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 303);
        }
        models.push(Model {
            id,
            cap,
            features,
            area,
            price,
            activities,
            weekly,
            exception,
        });
    }
    // The oracle, written from the specification.
    let holds = |m: &Model, f: &F| -> bool {
        if let Some(a) = f.area {
            let in_district = a == district && m.area == Some(laares);
            if m.area != Some(a) && !in_district {
                return false;
            }
        }
        if f.cap.is_some_and(|n| m.cap < n) || !f.features.iter().all(|i| m.features[*i]) {
            return false;
        }
        if f.activity.is_some_and(|a| !m.activities.contains(&a))
            || f.price.is_some_and(|p| m.price != p)
        {
            return false;
        }
        let parts: Vec<&str> = f.part.map(|p| vec![p]).unwrap_or(PARTS.to_vec());
        if f.date {
            return parts.iter().any(|p| match m.exception {
                Some((ep, "closed")) if ep == *p => false,
                Some((ep, "extra")) if ep == *p => true,
                _ => m.weekly.contains(&(1, *p)),
            });
        }
        if f.day.is_some() || f.part.is_some() {
            let days: Vec<i64> = f.day.map(|d| vec![d]).unwrap_or((0..7).collect());
            return days
                .iter()
                .any(|d| parts.iter().any(|p| m.weekly.contains(&(*d, *p))));
        }
        true
    };
    let state = app.app.as_ref().expect("running").state();
    let run = |f: F| async move {
        let mut kv: Vec<(String, String)> = Vec::new();
        if let Some(a) = f.area {
            kv.push(("wijk".into(), a.to_string()));
        }
        if let Some(n) = f.cap {
            kv.push(("capaciteit".into(), n.to_string()));
        }
        for i in &f.features {
            kv.push((FEATURES[*i].into(), "1".into()));
        }
        if let Some(a) = f.activity {
            kv.push(("activiteit".into(), a.to_string()));
        }
        if let Some(p) = f.price {
            kv.push(("prijs".into(), p.into()));
        }
        if let Some(d) = f.day {
            kv.push(("dag".into(), d.to_string()));
        }
        if f.date {
            kv.push(("datum".into(), DATE.into()));
        }
        if let Some(p) = f.part {
            kv.push(("dagdeel".into(), p.into()));
        }
        if !f.sort.is_empty() {
            kv.push(("sorteer".into(), f.sort.into()));
        }
        let mut ids = Vec::new();
        let mut first = None;
        for page in 1..=3 {
            let mut q = kv.clone();
            q.push(("pagina".into(), page.to_string()));
            let filters = meedoen::spaces::search::Filters::parse(&meedoen::spaces::Fields(q));
            let out = meedoen::spaces::search::run(state, app.org_id, &filters)
                .await
                .unwrap();
            ids.extend(out.items.iter().map(|c| c.id));
            if first.is_none() {
                first = Some(out);
            }
        }
        (ids, first.unwrap())
    };
    // The orders, from the database: by name for relevance (no free text here), the largest
    // first then the lowest id for capacity, the last updated first then the highest id for
    // recent.
    let order_of = |sql: &'static str| {
        let db = app.db.clone();
        let org = app.org_id;
        async move {
            let rows: Vec<(i64,)> = db.all(sql, args![org]).await.unwrap();
            rows.into_iter().map(|(id,)| id).collect::<Vec<i64>>()
        }
    };
    let orders: HashMap<&str, Vec<i64>> = HashMap::from([
        (
            "",
            order_of("SELECT id FROM spaces WHERE org_id = $1 ORDER BY name, id").await,
        ),
        (
            "relevantie",
            order_of("SELECT id FROM spaces WHERE org_id = $1 ORDER BY name, id").await,
        ),
        (
            "capaciteit",
            order_of("SELECT id FROM spaces WHERE org_id = $1 ORDER BY max_capacity DESC, id")
                .await,
        ),
        (
            "recent",
            order_of("SELECT id FROM spaces WHERE org_id = $1 ORDER BY updated_at DESC, id DESC")
                .await,
        ),
    ]);
    let mut non_empty = 0;
    for round in 0..40 {
        let mut f = F::default();
        if rng.random_bool(0.3) {
            f.area = Some([district, laares, twekkel][rng.random_range(0..3)]);
        }
        if rng.random_bool(0.3) {
            f.cap = Some(rng.random_range(1..=100));
        }
        f.features = (0..10).filter(|_| rng.random_bool(0.12)).collect();
        if rng.random_bool(0.25) {
            f.activity = Some(acts[rng.random_range(0..3)]);
        }
        if rng.random_bool(0.25) {
            f.price = Some(PRICES[rng.random_range(0..4)]);
        }
        match rng.random_range(0..3) {
            0 => {}
            1 => f.day = Some(rng.random_range(0..7)),
            _ => f.date = true,
        }
        if rng.random_bool(0.5) {
            f.part = Some(PARTS[rng.random_range(0..3)]);
        }
        f.sort = ["", "relevantie", "capaciteit", "recent"][rng.random_range(0..4)];
        let expected: BTreeSet<i64> = models
            .iter()
            .filter(|m| holds(m, &f))
            .map(|m| m.id)
            .collect();
        let (in_order, out) = run(f.clone()).await;
        let got: BTreeSet<i64> = in_order.iter().copied().collect();
        assert_eq!(got, expected, "round {round}: results for {f:?}");
        let want_order: Vec<i64> = orders[f.sort]
            .iter()
            .copied()
            .filter(|id| expected.contains(id))
            .collect();
        assert_eq!(in_order, want_order, "round {round}: order for {f:?}");
        assert_eq!(out.total, expected.len(), "round {round}: total");
        if !expected.is_empty() {
            non_empty += 1;
        }
        for (i, k) in FEATURES.iter().enumerate() {
            let mut g = f.clone();
            if !g.features.contains(&i) {
                g.features.push(i);
            }
            let n = models.iter().filter(|m| holds(m, &g)).count();
            let shown = out.feature_counts.iter().find(|(x, _)| x == k).map(|x| x.1);
            assert_eq!(shown, Some(n), "round {round}: count for {k} with {f:?}");
        }
        for p in PRICES {
            let g = F {
                price: Some(p),
                ..f.clone()
            };
            let n = models.iter().filter(|m| holds(m, &g)).count();
            let shown = out.price_counts.iter().find(|(x, _)| *x == p).map(|x| x.1);
            assert_eq!(shown, Some(n), "round {round}: count for price {p}");
        }
        let areas: HashMap<i64, usize> = out.area_counts.clone();
        for a in [district, laares, twekkel] {
            let g = F {
                area: Some(a),
                ..f.clone()
            };
            let n = models.iter().filter(|m| holds(m, &g)).count();
            assert_eq!(
                areas.get(&a).copied().unwrap_or(0),
                n,
                "round {round}: count for area {a}"
            );
        }
        for a in &acts {
            let g = F {
                activity: Some(*a),
                ..f.clone()
            };
            let n = models.iter().filter(|m| holds(m, &g)).count();
            assert_eq!(
                out.activity_counts.get(a).copied().unwrap_or(0),
                n,
                "round {round}: count for activity {a}"
            );
        }
    }
    assert!(
        non_empty >= 10,
        "the random filters should often find something ({non_empty}/40)"
    );
}
both!(search_properties, search_properties);

async fn statistics(app: TestApp) {
    let (_, laares, _) = neighbourhoods(&app).await;
    let (pid, c) = approved_provider(&app, "Buurthuis Statistiek", "stat@buurt.test").await;
    let la = laares.to_string();
    let s1 = space(
        &app,
        &c,
        pid,
        "=Zaal Een",
        "De eerste zaal van het buurthuis.",
        &[("area_id", &la)],
    )
    .await;
    space(
        &app,
        &c,
        pid,
        "Zaal Twee",
        "De tweede zaal van het buurthuis.",
        &[],
    )
    .await;
    let anon = app.client();
    for _ in 0..2 {
        assert_eq!(
            get(&app, &anon, &format!("/makelpunt/ruimtes/{s1}"))
                .await
                .0,
            200
        );
    }
    // The provider's own visits do not count.
    assert_eq!(
        get(&app, &c, &format!("/makelpunt/ruimtes/{s1}")).await.0,
        200
    );
    let (_, seeker) = app.member_client("vraag@buurt.test").await;
    let r = seeker
        .post(app.url(&format!("/makelpunt/ruimtes/{s1}/aanvraag")))
        .form(&enquiry_form(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(get(&app, &c, "/beheer/makelpunt/statistiek").await.0, 403);
    let (_, staff) = app.staff_client("cijfers@enschede.test", "editor").await;
    let (s, h) = get(&app, &staff, "/beheer/makelpunt/statistiek").await;
    assert_eq!(s, 200);
    assert!(h.contains("De Laares") && h.contains("Zaal Twee") && h.contains("Geen buurt gekozen"));
    assert!(!h.contains("space-"), "translated");
    let r = staff
        .get(app.url("/beheer/makelpunt/statistiek.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = r.text().await.unwrap();
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    let one = records
        .iter()
        .find(|r| r.get(0) == Some(&s1.to_string()[..]))
        .expect("row for space 1");
    assert_eq!(
        one.get(1),
        Some("'=Zaal Een"),
        "formula-like text is defused"
    );
    assert_eq!(one.get(4), Some("2"), "views");
    assert_eq!(one.get(5), Some("1"), "enquiries");
    assert_eq!(one.get(6), Some("0"), "agreements");
}
both!(statistics, statistics);

async fn rejection_and_english(app: TestApp) {
    let (_, m) = app.member_client("twijfel@club.test").await;
    let pid = register(&app, &m, "Club Twijfel", "info@twijfel.test").await;
    let sid = space(
        &app,
        &m,
        pid,
        "Kantine Twijfel",
        "De kantine van de club, met bar.",
        &[],
    )
    .await;
    let (staff_id, staff) = app
        .staff_client("beoordelaar@enschede.test", "editor")
        .await;
    let r = staff
        .post(app.url(&format!("/beheer/makelpunt/aanbieders/{pid}/besluit")))
        .form(&[
            ("decision", "reject"),
            ("reason", "Dit is een commerciële verhuurder."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (subject, body) = app.last_mail("info@twijfel.test").await.expect("mailed");
    assert!(subject.contains("afgewezen") && body.contains("commerciële verhuurder"));
    let st: String = app
        .db
        .scalar(
            "SELECT status FROM space_providers WHERE id = $1",
            args![pid],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(st, "rejected");
    let audited: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE actor_id = $1 AND action = 'space_provider.reject'", args![staff_id])
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(audited, 1);
    // A rejected provider's spaces stay hidden.
    assert_eq!(
        get(&app, &app.client(), &format!("/makelpunt/ruimtes/{sid}"))
            .await
            .0,
        404
    );
    // The English interface has every key too.
    let url: reqwest::Url = app.base.parse().unwrap();
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str("lang=en; Path=/", &url);
    let en = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (s, h) = get(&app, &en, "/makelpunt?kitchen=1&dag=1&dagdeel=evening").await;
    assert_eq!(s, 200);
    assert!(
        h.contains("Find a space") && h.contains("0 spaces found"),
        "English search page"
    );
    assert!(!h.contains("space-"));
}
both!(rejection_and_english, rejection_and_english);

async fn photos(app: TestApp) {
    use reqwest::multipart::{Form, Part};
    let (pid, c) = approved_provider(&app, "Buurthuis Foto", "foto@buurt.test").await;
    let (pb, b) = approved_provider(&app, "Buurthuis Ander", "ander@buurt.test").await;
    let sid = space(
        &app,
        &c,
        pid,
        "Zaal met foto",
        "Een zaal die we met foto's laten zien.",
        &[],
    )
    .await;
    let url = app.url(&format!("/makelpunt/aanbieder/{pid}/ruimtes/{sid}/fotos"));
    let form = |alt: &str, bytes: Vec<u8>| {
        Form::new().text("alt", alt.to_string()).part(
            "photo",
            Part::bytes(bytes)
                .file_name("zaal.png")
                .mime_str("image/png")
                .unwrap(),
        )
    };
    // A description is required, and only images are accepted.
    let r = c
        .post(&url)
        .multipart(form("", crate::projects::png(40, 30)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = c
        .post(&url)
        .multipart(form("Een zaal", b"geen plaatje".to_vec()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    // Another provider cannot add photos here.
    let r = b
        .post(&url)
        .multipart(form("Gekaapt", crate::projects::png(40, 30)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .post(&url)
        .multipart(form("Zaal met lange tafels", crate::projects::png(40, 30)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, h) = get(&app, &app.client(), &format!("/makelpunt/ruimtes/{sid}")).await;
    assert!(h.contains("alt=\"Zaal met lange tafels\""));
    let key = h
        .split("src=\"/bestanden/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("image link")
        .to_string();
    let r = app
        .client()
        .get(app.url(&format!("/bestanden/{key}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let photo: i64 = app
        .db
        .scalar(
            "SELECT id FROM space_photos WHERE space_id = $1",
            args![sid],
        )
        .await
        .unwrap()
        .unwrap();
    let r = b
        .post(app.url(&format!(
            "/makelpunt/aanbieder/{pb}/ruimtes/{sid}/fotos/{photo}/verwijderen"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "not through another provider");
    let r = c
        .post(app.url(&format!(
            "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/fotos/{photo}/verwijderen"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let n: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_photos WHERE space_id = $1",
            args![sid],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(n, 0);
}
both!(photos, photos);

/// One search through `search::run`, and the number of statements it runs.
async fn timed_search(app: &TestApp, q: &str) -> (u64, meedoen::spaces::search::Outcome) {
    let state = app.app.as_ref().expect("running").state();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).unwrap();
    let f = meedoen::spaces::search::Filters::parse(&meedoen::spaces::Fields(pairs));
    // The counter is shared with the background jobs (mail worker, housekeeping at start), so
    // take the least of several runs spread over 200 ms: a job's statements land in some
    // runs, not in all of them.
    let mut least = u64::MAX;
    let mut last = None;
    for k in 0..10 {
        if k > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let before = app.db.query_count();
        let out = meedoen::spaces::search::run(state, app.org_id, &f)
            .await
            .unwrap();
        least = least.min(app.db.query_count() - before);
        last = Some(out);
    }
    (least, last.expect("ran"))
}

/// The statements a search runs, whatever the number of spaces and options: the search
/// facts' version, and the text match when there is text. Filtering, sorting, paging, every
/// per-filter count and the result cards come from memory (`spaces::facts`), so this is a
/// constant; a reload after a write adds one statement to the first search only.
fn search_statements(q: &str) -> u64 {
    1 + u64::from(q.contains("q="))
}

/// Search runs a small, fixed number of statements, however many spaces and options there
/// are.
async fn search_statements_are_bounded(app: TestApp) {
    let queries = [
        "",
        "capaciteit=20&step_free=1&dag=1&dagdeel=evening",
        "q=yoga&kitchen=1&datum=2099-03-17&dagdeel=evening&activiteit=1&prijs=free&wijk=1&sorteer=recent&pagina=2",
    ];
    for q in queries {
        let (used, out) = timed_search(&app, q).await;
        assert_eq!(out.total, 0);
        assert_eq!(
            used,
            search_statements(q),
            "{q}: {used} statements without spaces"
        );
    }
    meedoen::spaces::demo::load_bench_spaces(&app.db, app.org_id, 1500)
        .await
        .unwrap();
    let total: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM spaces WHERE org_id = $1",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert!(total >= 1500, "{total}");
    for q in queries {
        let (used, out) = timed_search(&app, q).await;
        assert_eq!(
            used,
            search_statements(q),
            "{q}: {used} statements with {total} spaces"
        );
        assert!(used <= 3, "{q}: {used} statements");
        assert!(out.items.len() <= 20);
        assert!(out.total > 0 || q.contains("wijk"), "{q} finds spaces");
    }
    // The whole page (search, area and activity lists) stays small too.
    let c = app.client();
    let _ = get(&app, &c, "/makelpunt").await;
    // The least of a few loads: background jobs share the statement counter.
    let mut used = u64::MAX;
    for _ in 0..3 {
        let before = app.db.query_count();
        let (s, html) = get(
            &app,
            &c,
            "/makelpunt?capaciteit=20&step_free=1&dag=1&dagdeel=evening",
        )
        .await;
        used = used.min(app.db.query_count() - before);
        assert_eq!(s, 200);
        assert!(html.contains("ruimtes gevonden"));
    }
    // The version check and the page's display rows; an anonymous visitor's context needs
    // none (the municipality is cached).
    assert!(used <= 2, "search page ran {used} statements");
}
both!(search_statements_are_bounded, search_statements_are_bounded);
