//! The staff area `/beheer`: access rules, areas, roles, outbox, audit log, settings, and
//! isolation between municipalities.

use meedoen::args;
use meedoen::db::now;

use crate::both;
use crate::support::{TestApp, PASSWORD};

const ADMIN_PAGES: &[&str] = &[
    "/beheer/gebieden",
    "/beheer/gebruikers",
    "/beheer/outbox",
    "/beheer/auditlog",
    "/beheer/auditlog.csv",
    "/beheer/instellingen",
];

async fn access_rules(app: TestApp) {
    // Anonymous visitors are sent to the login page.
    let anon = app.client();
    for p in ["/beheer"].iter().chain(ADMIN_PAGES) {
        let r = anon.get(app.url(p)).send().await.unwrap();
        assert!(r.status().is_redirection(), "{p}: {}", r.status());
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        assert!(loc.starts_with("/inloggen"), "{p}: {loc}");
    }
    // Members are refused.
    let (_, member) = app.member_client("bewoner@example.nl").await;
    for p in ["/beheer"].iter().chain(ADMIN_PAGES) {
        let r = member.get(app.url(p)).send().await.unwrap();
        assert_eq!(r.status(), 403, "{p}");
    }
    // Editors see the dashboard but not the admin screens.
    let (_, editor) = app.staff_client("redacteur@enschede.nl", "editor").await;
    let r = editor.get(app.url("/beheer")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(body.contains("<h1>"), "{body}");
    assert!(
        !body.contains("beheer-"),
        "untranslated key on dashboard: {body}"
    );
    for p in ADMIN_PAGES {
        let r = editor.get(app.url(p)).send().await.unwrap();
        assert_eq!(r.status(), 403, "{p}");
    }
    let r = editor
        .post(app.url("/beheer/gebieden/nieuw?soort=stadsdeel"))
        .form(&[("name", "Zuid")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Staff who did not pass two-factor login are refused too.
    let admin_id = app.staff("half@enschede.nl", "admin").await;
    let half = app.session_for(admin_id, false).await;
    let r = half
        .get(app.url("/beheer/gebruikers"))
        .send()
        .await
        .unwrap();
    assert!(
        r.status() == 403 || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_ne!(r.status(), 200);
    // An admin sees every page, without untranslated keys.
    let (_, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    for p in ["/beheer"].iter().chain(ADMIN_PAGES) {
        let r = admin.get(app.url(p)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{p}");
        let body = r.text().await.unwrap();
        assert!(!body.contains("beheer-"), "untranslated key on {p}");
    }
    app.stop().await;
}
both!(access, access_rules);

async fn areas_crud(app: TestApp) {
    let (admin_id, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let r = admin
        .post(app.url("/beheer/gebieden/nieuw?soort=stadsdeel"))
        .form(&[("name", "Zuid"), ("slug", ""), ("geojson", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let zuid: i64 = app
        .db
        .scalar(
            "SELECT id FROM areas WHERE org_id = $1 AND slug = 'zuid' AND kind = 'district'",
            args![app.org_id],
        )
        .await
        .unwrap()
        .expect("district created with a slug from its name");
    let polygon = r#"{"type":"Polygon","coordinates":[[[6.88,52.19],[6.90,52.19],[6.90,52.20],[6.88,52.19]]]}"#;
    let r = admin
        .post(app.url("/beheer/gebieden/nieuw?soort=wijk"))
        .form(&[
            ("name", "Wesselerbrink"),
            ("slug", ""),
            ("parent", &zuid.to_string()),
            ("geojson", polygon),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let list = admin
        .get(app.url("/beheer/gebieden"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("Zuid") && list.contains("Wesselerbrink"),
        "{list}"
    );
    let parent: Option<i64> = app
        .db
        .scalar(
            "SELECT parent_id FROM areas WHERE org_id = $1 AND slug = 'wesselerbrink'",
            args![app.org_id],
        )
        .await
        .unwrap();
    assert_eq!(parent, Some(zuid));

    // A duplicate slug is a friendly 422 with the input kept, not a 500.
    let r = admin
        .post(app.url("/beheer/gebieden/nieuw?soort=wijk"))
        .form(&[
            ("name", "Wesselerbrink "),
            ("slug", "wesselerbrink"),
            ("parent", &zuid.to_string()),
            ("geojson", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("al in gebruik"), "{body}");
    assert!(body.contains("error-summary"), "{body}");
    assert!(
        body.contains("value=\"wesselerbrink\""),
        "input kept: {body}"
    );

    // Invalid GeoJSON: refused, with what was typed still in the form.
    for (geo, msg) in [
        ("{ niet goed", "geen geldige GeoJSON"),
        (r#"{"type":"Point","coordinates":[6.9,52.2]}"#, "Polygon"),
    ] {
        let r = admin
            .post(app.url("/beheer/gebieden/nieuw?soort=wijk"))
            .form(&[
                ("name", "Helmerhoek"),
                ("slug", ""),
                ("parent", &zuid.to_string()),
                ("geojson", geo),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains(msg), "{body}");
        assert!(body.contains("value=\"Helmerhoek\""), "{body}");
        assert!(
            body.contains("niet goed") || body.contains("Point"),
            "textarea keeps input: {body}"
        );
        assert!(
            body.contains("aria-describedby=\"geojson-hint geojson-error\""),
            "{body}"
        );
    }
    // A neighbourhood needs a district of this municipality.
    let r = admin
        .post(app.url("/beheer/gebieden/nieuw?soort=wijk"))
        .form(&[("name", "Helmerhoek"), ("parent", "999999")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);

    // Edit, then delete with a confirmation step.
    let r = admin
        .post(app.url(&format!("/beheer/gebieden/{zuid}")))
        .form(&[("name", "Enschede-Zuid"), ("slug", "zuid"), ("geojson", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let confirm = admin
        .get(app.url(&format!("/beheer/gebieden/{zuid}/verwijderen")))
        .send()
        .await
        .unwrap();
    assert_eq!(confirm.status(), 200);
    let confirm = confirm.text().await.unwrap();
    assert!(
        confirm.contains("Enschede-Zuid") && confirm.contains("method=\"post\""),
        "{confirm}"
    );
    let r = admin
        .post(app.url(&format!("/beheer/gebieden/{zuid}/verwijderen")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let left: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM areas WHERE org_id = $1",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left, 0, "the neighbourhood goes with its district");

    let actions: Vec<(String,)> = app
        .db
        .all(
            "SELECT action FROM audit_log WHERE org_id = $1 AND actor_id = $2 ORDER BY id",
            args![app.org_id, admin_id],
        )
        .await
        .unwrap();
    let actions: Vec<&str> = actions.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(
        actions,
        ["area.create", "area.create", "area.update", "area.delete"]
    );
    app.stop().await;
}
both!(areas, areas_crud);

async fn roles_and_last_admin(app: TestApp) {
    let (admin_id, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let member = app.member("fatma@example.nl").await;

    let list = admin
        .get(app.url("/beheer/gebruikers?q=FATMA"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("fatma@example.nl"), "{list}");
    assert!(
        !list.contains("admin@enschede.nl"),
        "search filters: {list}"
    );
    let none = admin
        .get(app.url("/beheer/gebruikers?q=%25"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !none.contains("fatma@example.nl"),
        "% is a literal character, not a wildcard"
    );

    let r = admin
        .post(app.url(&format!("/beheer/gebruikers/{member}/rollen")))
        .form(&[("role", "editor"), ("change", "grant")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let has: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM role_assignments WHERE user_id = $1 AND role = 'editor'",
            args![member],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(has, 1);
    // Granting twice changes nothing and is no error.
    let r = admin
        .post(app.url(&format!("/beheer/gebruikers/{member}/rollen")))
        .form(&[("role", "editor"), ("change", "grant")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let page = admin
        .get(app.url(&format!("/beheer/gebruikers/{member}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Redacteur"), "{page}");
    let r = admin
        .post(app.url(&format!("/beheer/gebruikers/{member}/rollen")))
        .form(&[("role", "editor"), ("change", "revoke")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let audit: Vec<(String, Option<i64>, Option<String>, String)> = app
        .db
        .all(
            "SELECT action, actor_id, object_id, detail FROM audit_log WHERE org_id = $1 AND action LIKE 'role.%' ORDER BY id",
            args![app.org_id],
        )
        .await
        .unwrap();
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert_eq!(audit[0].0, "role.grant");
    assert_eq!(audit[1].0, "role.revoke");
    assert!(audit
        .iter()
        .all(|a| a.1 == Some(admin_id) && a.2 == Some(member.to_string()) && a.3 == "editor"));

    // The last admin cannot take away their own admin role.
    let r = admin
        .post(app.url(&format!("/beheer/gebruikers/{admin_id}/rollen")))
        .form(&[("role", "admin"), ("change", "revoke")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("laatste beheerder"), "{body}");
    let still: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM role_assignments WHERE user_id = $1 AND role = 'admin'",
            args![admin_id],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still, 1);
    // With a second admin it is allowed.
    let r = admin
        .post(app.url(&format!("/beheer/gebruikers/{member}/rollen")))
        .form(&[("role", "admin"), ("change", "grant")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = admin
        .post(app.url(&format!("/beheer/gebruikers/{admin_id}/rollen")))
        .form(&[("role", "admin"), ("change", "revoke")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // ...after which this person is no admin any more.
    let r = admin
        .get(app.url("/beheer/gebruikers"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    app.stop().await;
}
both!(roles, roles_and_last_admin);

async fn outbox_read_and_retry(app: TestApp) {
    let (_, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let id = meedoen::email::enqueue(
        &app.db,
        meedoen::email::Mail {
            org_id: app.org_id,
            to: "bewoner@example.nl",
            subject: "Bevestig uw e-mailadres".into(),
            body:
                "Beste bewoner,\n\nKlik op deze link: https://example.nl/bevestig/abc <geen html>\n"
                    .into(),
        },
    )
    .await
    .unwrap();
    let list = admin
        .get(app.url("/beheer/outbox"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("Bevestig uw e-mailadres") && list.contains("bewoner@example.nl"),
        "{list}"
    );
    let sent = admin
        .get(app.url("/beheer/outbox?status=sent"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !sent.contains("Bevestig uw e-mailadres"),
        "status filter: {sent}"
    );

    let detail = admin
        .get(app.url(&format!("/beheer/outbox/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(detail.status(), 200);
    let detail = detail.text().await.unwrap();
    assert!(
        detail.contains("<pre class=\"mail\">Beste bewoner,"),
        "{detail}"
    );
    assert!(
        detail.contains("geen html") && !detail.contains("<geen html>"),
        "mail text is escaped: {detail}"
    );

    // Retrying is only for failed mail.
    let r = admin
        .post(app.url(&format!("/beheer/outbox/{id}/opnieuw")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    app.db
        .exec("UPDATE outbox SET status = 'failed', last_error = 'verbinding geweigerd', next_attempt_at = $2 WHERE id = $1", args![id, now() + 86400])
        .await
        .unwrap();
    let failed = admin
        .get(app.url("/beheer/outbox?status=failed"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(failed.contains("verbinding geweigerd"), "{failed}");
    let r = admin
        .post(app.url(&format!("/beheer/outbox/{id}/opnieuw")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (status, next): (String, i64) = app
        .db
        .one(
            "SELECT status, next_attempt_at FROM outbox WHERE id = $1",
            args![id],
        )
        .await
        .unwrap();
    assert!(
        status == "pending" || status == "sent" || status == "held",
        "{status}"
    );
    assert!(next <= now() + 5);
    let audited: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE org_id = $1 AND action = 'outbox.retry'",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audited, 1);
    let r = admin
        .get(app.url("/beheer/outbox/999999"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    app.stop().await;
}
both!(outbox, outbox_read_and_retry);

async fn audit_filters_and_csv(app: TestApp) {
    let (admin_id, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let editor = app.staff("redacteur@enschede.nl", "editor").await;
    let day = 86400;
    let rows: [(i64, &str, &str, i64); 4] = [
        (admin_id, "project.publish", "project", now() - 40 * day),
        (editor, "project.create", "project", now() - 3 * day),
        (editor, "area.create", "area", now() - 2 * day),
        (admin_id, "role.grant", "user", now() - day),
    ];
    for (actor, action, ty, at) in rows {
        app.db
            .exec(
                "INSERT INTO audit_log (org_id, actor_id, action, object_type, object_id, detail, created_at) VALUES ($1, $2, $3, $4, '7', '=HYPERLINK(\"x\")', $5)",
                args![app.org_id, actor, action, ty, at],
            )
            .await
            .unwrap();
    }
    let get = |q: &str| {
        let url = app.url(&format!("/beheer/auditlog{q}"));
        let c = admin.clone();
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let all = get("").await;
    for a in [
        "project.publish",
        "project.create",
        "area.create",
        "role.grant",
    ] {
        assert!(all.contains(&format!("<td>{a}</td>")), "{a}: {all}");
    }
    let only = get("?actie=project.create").await;
    assert!(
        only.contains("<td>project.create</td>") && !only.contains("<td>role.grant</td>"),
        "{only}"
    );
    let by_type = get("?type=project").await;
    assert!(
        by_type.contains("<td>project.publish</td>") && !by_type.contains("<td>area.create</td>"),
        "{by_type}"
    );
    let by_actor = get(&format!("?door={editor}")).await;
    assert!(
        by_actor.contains("<td>area.create</td>") && !by_actor.contains("<td>role.grant</td>"),
        "{by_actor}"
    );
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let date = |secs: i64| {
        time::OffsetDateTime::from_unix_timestamp(secs)
            .unwrap()
            .date()
            .format(fmt)
            .unwrap()
    };
    let recent = get(&format!(
        "?van={}&tot={}",
        date(now() - 10 * day),
        date(now() + day)
    ))
    .await;
    assert!(
        recent.contains("<td>role.grant</td>") && !recent.contains("<td>project.publish</td>"),
        "{recent}"
    );
    let old = get(&format!("?tot={}", date(now() - 30 * day))).await;
    assert!(
        old.contains("<td>project.publish</td>") && !old.contains("<td>role.grant</td>"),
        "{old}"
    );
    let bad = admin
        .get(app.url("/beheer/auditlog?van=gisteren"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(bad.contains("error-summary"), "{bad}");

    let r = admin
        .get(app.url(&format!("/beheer/auditlog.csv?door={editor}")))
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
    assert_eq!(lines.len(), 3, "header + 2 rows: {csv}");
    assert!(lines[0].starts_with("id,tijd,"), "{csv}");
    assert!(
        csv.contains("project.create")
            && csv.contains("area.create")
            && !csv.contains("role.grant"),
        "{csv}"
    );
    assert!(csv.contains("redacteur@enschede.nl"), "{csv}");
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "formula cells are neutralised: {csv}"
    );
    let exported: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE org_id = $1 AND action = 'auditlog.export'",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(exported, 1);
    app.stop().await;
}
both!(auditlog, audit_filters_and_csv);

fn settings_form<'a>(primary: &'a str, name: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name", name),
        ("default_lang", "nl"),
        ("email_from", "participatie@enschede.nl"),
        ("primary_color", primary),
        ("secondary_color", "#1d3b6e"),
        ("font", "Arial, sans-serif"),
        ("privacy_md", "# Privacy\n\nWij bewaren **weinig**."),
        ("accessibility_md", "Wij volgen WCAG 2.1 AA."),
    ]
}

async fn settings_change_theme(app: TestApp) {
    let (_, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let css = app
        .client()
        .get(app.url("/thema.css"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!css.contains("#0a7d32"));
    let form = admin
        .get(app.url("/beheer/instellingen"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("participatie@enschede.test"), "{form}");

    let r = admin
        .post(app.url("/beheer/instellingen"))
        .form(&settings_form("#0A7D32", "Gemeente Enschede"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let css = app
        .client()
        .get(app.url("/thema.css"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(css.contains("--color-primary: #0a7d32"), "{css}");
    assert!(css.contains("Arial, sans-serif"), "{css}");
    let privacy = app
        .client()
        .get(app.url("/privacy"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(privacy.contains("<strong>weinig</strong>"), "{privacy}");
    assert!(privacy.contains("Gemeente Enschede"), "{privacy}");

    let r = admin
        .post(app.url("/beheer/instellingen"))
        .form(&settings_form("rood", "Enschede"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("value=\"rood\""), "input kept: {body}");
    assert!(body.contains("#c4001a"), "message gives an example: {body}");
    assert!(body.contains("aria-invalid=\"true\""), "{body}");
    let css = app
        .client()
        .get(app.url("/thema.css"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        css.contains("#0a7d32"),
        "refused change is not saved: {css}"
    );
    // A colour that tries to break out of the stylesheet is refused as well.
    let r = admin
        .post(app.url("/beheer/instellingen"))
        .form(&settings_form("#fff;}", "Enschede"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);

    let audited: Option<String> = app
        .db
        .scalar(
            "SELECT detail FROM audit_log WHERE org_id = $1 AND action = 'settings.update'",
            args![app.org_id],
        )
        .await
        .unwrap();
    let detail = audited.expect("settings change audited");
    assert!(
        detail.contains("primary_color") && detail.contains("name"),
        "{detail}"
    );
    app.stop().await;
}
both!(settings, settings_change_theme);

async fn isolation_between_municipalities(app: TestApp) {
    // Municipality A has a member, a mail, an area and an audit entry.
    let (a_admin, admin_a) = app.staff_client("admin@enschede.nl", "admin").await;
    app.member("geheim-a@example.nl").await;
    let mail = meedoen::email::enqueue(
        &app.db,
        meedoen::email::Mail {
            org_id: app.org_id,
            to: "geheim-a@example.nl",
            subject: "Alleen voor Enschede".into(),
            body: "A".into(),
        },
    )
    .await
    .unwrap();
    let r = admin_a
        .post(app.url("/beheer/gebieden/nieuw?soort=stadsdeel"))
        .form(&[("name", "Roombeek")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let area: i64 = app
        .db
        .scalar("SELECT id FROM areas WHERE org_id = $1", args![app.org_id])
        .await
        .unwrap()
        .unwrap();

    // Municipality B's admin.
    let host = "hengelo.test";
    let org_b = app.second_org(host).await;
    let b_admin = meedoen::setup::create_user(
        &app.db,
        org_b,
        "admin@hengelo.nl",
        "Beheer Hengelo",
        PASSWORD,
        &["admin"],
    )
    .await
    .unwrap();
    let b = app.session_on_host(host, org_b, b_admin, true).await;
    let url = |p: &str| app.url_for_host(host, p);

    let users = b.get(url("/beheer/gebruikers")).send().await.unwrap();
    assert_eq!(users.status(), 200);
    let users = users.text().await.unwrap();
    assert!(users.contains("admin@hengelo.nl"), "{users}");
    assert!(
        !users.contains("geheim-a@example.nl") && !users.contains("admin@enschede.nl"),
        "{users}"
    );
    let outbox = b
        .get(url("/beheer/outbox"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!outbox.contains("Alleen voor Enschede"), "{outbox}");
    assert_eq!(
        b.get(url(&format!("/beheer/outbox/{mail}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let audit = b
        .get(url("/beheer/auditlog"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !audit.contains("area.create") && !audit.contains("admin@enschede.nl"),
        "{audit}"
    );
    let csv = b
        .get(url("/beheer/auditlog.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!csv.contains("area.create"), "{csv}");
    let areas = b
        .get(url("/beheer/gebieden"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!areas.contains("Roombeek"), "{areas}");
    assert_eq!(
        b.get(url(&format!("/beheer/gebieden/{area}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        b.post(url(&format!("/beheer/gebieden/{area}/verwijderen")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        b.get(url(&format!("/beheer/gebruikers/{a_admin}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let r = b
        .post(url(&format!("/beheer/gebruikers/{a_admin}/rollen")))
        .form(&[("role", "admin"), ("change", "revoke")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let dash = b
        .get(url("/beheer"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!dash.contains("area.create"), "{dash}");
    // Counts are per municipality: B has one account (its admin), A has two.
    assert!(dash.contains("<strong>1</strong> accounts"), "{dash}");
    let dash_a = admin_a
        .get(app.url("/beheer"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(dash_a.contains("<strong>2</strong> accounts"), "{dash_a}");
    // The area and A's admin role are untouched.
    let n: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM areas WHERE id = $1", args![area])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 1);
    let n: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM role_assignments WHERE user_id = $1",
            args![a_admin],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 1);
    // A's session does not work on B's host either.
    let cross = app.client_for_host(host);
    let r = cross.get(url("/beheer")).send().await.unwrap();
    assert!(r.status().is_redirection());
    app.stop().await;
}
both!(isolation, isolation_between_municipalities);
