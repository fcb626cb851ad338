//! The module shape (issue 17): a panicking handler gives the Dutch 500 page; a municipality
//! switches modules off and on; roles with a scope reach only their area; departments;
//! site search; a workflow step is taken once when two people race.

use async_trait::async_trait;
use meedoen::args;
use meedoen::module::{Module, Perm, RoleDef, Routes, Scope, ScopeKind};
use meedoen::web::i18n::Lang;
use meedoen::web::{AppResult, Ctx};

use crate::support::TestApp;

/// A module that exists only in these tests: a handler that panics, and a page for a
/// permission that a role with an area scope holds.
struct Probe;

const LOOK: Perm = Perm("probe.look");

static PROBE_ROLES: [RoleDef; 1] = [RoleDef {
    key: "probe-area",
    label: "beheer-role-editor",
    scope: ScopeKind::Area,
}];

async fn panics() -> &'static str {
    panic!("deliberately broken handler")
}

/// `/proef/gebied/{id}`: only for holders of `probe.look` in that area (or everywhere).
async fn area_page(
    ctx: Ctx,
    axum::extract::Path(area): axum::extract::Path<i64>,
) -> AppResult<String> {
    ctx.require_in(LOOK, &[Scope::Area(area)])?;
    Ok(format!("gebied {area}"))
}

#[async_trait]
impl Module for Probe {
    fn key(&self) -> &'static str {
        "probe"
    }
    fn name(&self, _lang: Lang) -> String {
        "Proef".into()
    }
    fn routes(&self) -> Routes {
        Routes::new()
            .get("/proef/paniek", panics)
            .get("/api/v1/proef-paniek", panics)
            .get("/proef/gebied/{id}", area_page)
    }
    fn roles(&self) -> &'static [RoleDef] {
        &PROBE_ROLES
    }
    fn grants(&self) -> &'static [(&'static str, Perm)] {
        &[("probe-area", LOOK)]
    }
}

macro_rules! with_probe {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let app = $crate::support::TestApp::spawn_with(
                    $crate::support::Backend::Sqlite,
                    vec![std::sync::Arc::new(super::Probe)],
                )
                .await;
                super::$body(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if $crate::support::pg_base_url().is_some() {
                    let app = $crate::support::TestApp::spawn_with(
                        $crate::support::Backend::Postgres,
                        vec![std::sync::Arc::new(super::Probe)],
                    )
                    .await;
                    super::$body(app).await;
                }
            }
        }
    };
}

async fn a_panic_is_a_dutch_500(app: TestApp) {
    let c = app.client();
    let r = c.get(app.url("/proef/paniek")).send().await.unwrap();
    assert_eq!(r.status(), 500);
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"nl\""), "{html}");
    assert!(html.contains("500"), "{html}");
    assert!(
        !html.contains("deliberately"),
        "no panic text for the visitor"
    );
    let r = c.get(app.url("/api/v1/proef-paniek")).send().await.unwrap();
    assert_eq!(r.status(), 500);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let p: serde_json::Value = r.json().await.unwrap();
    assert_eq!(p["status"], 500);
    assert!(!p.to_string().contains("deliberately"));
    // The server goes on serving.
    let r = c.get(app.url("/privacy")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    app.stop().await;
}
with_probe!(panic_page, a_panic_is_a_dutch_500);

async fn scoped_roles_reach_their_area_only(app: TestApp) {
    let o = app.org_id;
    let area = |name: &'static str| {
        let db = app.db.clone();
        async move {
            db.write_scalar::<i64>(
                "INSERT INTO areas (org_id, kind, name, slug) VALUES ($1, 'district', $2, $2) RETURNING id",
                args![o, name],
            )
            .await
            .unwrap()
        }
    };
    let noord = area("noord").await;
    let zuid = area("zuid").await;
    let (admin, admin_c) = app.staff_client("beheer@enschede.test", "admin").await;
    let (member, _) = app.member_client("commissie@enschede.test").await;

    // An area role needs an area: the form says so and stores nothing.
    let grant = |fields: Vec<(&'static str, String)>| {
        let c = admin_c.clone();
        let url = app.url(&format!("/beheer/gebruikers/{member}/rollen"));
        async move { c.post(url).form(&fields).send().await.unwrap() }
    };
    let r = grant(vec![
        ("change", "grant".into()),
        ("role", "probe-area".into()),
        ("area_id", String::new()),
    ])
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Kies het gebied"));
    // Another municipality's area is not found.
    let r = grant(vec![
        ("change", "grant".into()),
        ("role", "probe-area".into()),
        ("area_id", "999999".into()),
    ])
    .await;
    assert_eq!(r.status(), 404);
    for _ in 0..2 {
        let r = grant(vec![
            ("change", "grant".into()),
            ("role", "probe-area".into()),
            ("area_id", noord.to_string()),
        ])
        .await;
        assert_eq!(r.status(), 303);
    }
    let held: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM role_assignments WHERE user_id = $1 AND role = 'probe-area' AND area_id = $2",
            args![member, noord],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(held, 1, "granting twice stores one assignment");

    // The role makes the person staff (two-factor required), and reaches Noord only.
    let c = app.session_for(member, true).await;
    let r = c
        .get(app.url(&format!("/proef/gebied/{noord}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), format!("gebied {noord}"));
    let r = c
        .get(app.url(&format!("/proef/gebied/{zuid}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let no_2fa = app.session_for(member, false).await;
    let r = no_2fa
        .get(app.url(&format!("/proef/gebied/{noord}")))
        .send()
        .await
        .unwrap();
    assert!(
        r.status() == 303 || r.status() == 403,
        "staff without two-factor: {}",
        r.status()
    );
    // Their staff menu shows the dashboard only; the user page lists the scope.
    let r = c.get(app.url("/beheer")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("href=\"/beheer\""));
    assert!(!html.contains("href=\"/beheer/gebruikers\""));
    assert!(!html.contains("href=\"/beheer/projecten\""));
    let page = admin_c
        .get(app.url(&format!("/beheer/gebruikers/{member}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("noord"), "the scope is shown");
    // The admin holds every permission everywhere.
    let r = admin_c
        .get(app.url(&format!("/proef/gebied/{zuid}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let _ = admin;

    // Revoking by assignment ends it; the area route is closed again.
    let id: i64 = app
        .db
        .scalar(
            "SELECT id FROM role_assignments WHERE user_id = $1 AND role = 'probe-area'",
            args![member],
        )
        .await
        .unwrap()
        .unwrap();
    let r = grant(vec![
        ("change", "revoke".into()),
        ("assignment", id.to_string()),
    ])
    .await;
    assert_eq!(r.status(), 303);
    let r = c
        .get(app.url(&format!("/proef/gebied/{noord}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Deleting an area ends the roles limited to it (the database cascades).
    grant(vec![
        ("change", "grant".into()),
        ("role", "probe-area".into()),
        ("area_id", zuid.to_string()),
    ])
    .await;
    app.db
        .exec("DELETE FROM areas WHERE id = $1", args![zuid])
        .await
        .unwrap();
    let left: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM role_assignments WHERE user_id = $1",
            args![member],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left, 0);
    app.stop().await;
}
with_probe!(scoped_roles, scoped_roles_reach_their_area_only);

async fn modules_switch_off_and_on(app: TestApp) {
    let (_, admin) = app.staff_client("beheer@enschede.test", "admin").await;
    let anon = app.client();
    let get = |c: &reqwest::Client, p: &str| {
        let c = c.clone();
        let url = app.url(p);
        async move { c.get(url).send().await.unwrap() }
    };
    assert_eq!(get(&anon, "/makelpunt").await.status(), 200);
    let home = get(&anon, "/").await.text().await.unwrap();
    assert!(home.contains("href=\"/makelpunt\""));

    // Only admins may switch.
    let (_, editor) = app.staff_client("redactie@enschede.test", "editor").await;
    let r = editor
        .post(app.url("/beheer/instellingen/onderdelen"))
        .form(&[("on", "ideas")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    let r = admin
        .post(app.url("/beheer/instellingen/onderdelen"))
        .form(&[
            ("on", "poll"),
            ("on", "ideas"),
            ("on", "ballot"),
            ("on", "probe"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let off: String = app
        .db
        .scalar(
            "SELECT modules_off FROM orgs WHERE id = $1",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(off, "spaces");
    for p in [
        "/makelpunt",
        "/api/v1/ruimtes",
        "/makelpunt/aanbieder-worden",
    ] {
        assert_eq!(get(&anon, p).await.status(), 404, "{p} while switched off");
    }
    let home = get(&anon, "/").await.text().await.unwrap();
    assert!(!home.contains("href=\"/makelpunt\""), "the menu drops it");
    let settings = get(&admin, "/beheer/instellingen")
        .await
        .text()
        .await
        .unwrap();
    assert!(settings.contains("id=\"module-spaces\""));
    assert!(!settings.contains("id=\"module-spaces\" name=\"on\" value=\"spaces\" checked"));
    // Core modules cannot be switched off: they are not offered, and never stored.
    assert!(!settings.contains("id=\"module-projects\""));

    let r = admin
        .post(app.url("/beheer/instellingen/onderdelen"))
        .form(&[
            ("on", "poll"),
            ("on", "ideas"),
            ("on", "ballot"),
            ("on", "spaces"),
            ("on", "probe"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(get(&anon, "/makelpunt").await.status(), 200);
    let audit: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'settings.modules'",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audit, 2);
    app.stop().await;
}
with_probe!(module_switches, modules_switch_off_and_on);

async fn departments_and_search(app: TestApp) {
    let (_, admin) = app.staff_client("beheer@enschede.test", "admin").await;
    let add = |name: &'static str| {
        let c = admin.clone();
        let url = app.url("/beheer/afdelingen");
        async move { c.post(url).form(&[("name", name)]).send().await.unwrap() }
    };
    assert_eq!(add("Wijkzaken").await.status(), 303);
    let r = add("Wijkzaken").await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("al een afdeling"), "{html}");
    assert!(html.contains("value=\"Wijkzaken\""), "what was typed stays");
    assert!(html.contains("aria-invalid=\"true\""));
    let r = add("x").await;
    assert_eq!(r.status(), 422);
    let id: i64 = app
        .db
        .scalar(
            "SELECT id FROM departments WHERE slug = 'wijkzaken'",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    let member = app.member("eigenaar@enschede.test").await;
    meedoen::setup::assign_role(&app.db, app.org_id, member, "editor", Scope::Department(id))
        .await
        .unwrap();
    let confirm = admin
        .get(app.url(&format!("/beheer/afdelingen/{id}/verwijderen")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        confirm.contains("Wijkzaken") && confirm.contains("1 rol"),
        "{confirm}"
    );
    let r = admin
        .post(app.url(&format!("/beheer/afdelingen/{id}/verwijderen")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let left: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM role_assignments WHERE user_id = $1",
            args![member],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left, 0, "roles limited to the department end with it");

    // Site search: projects, and what the modules offer; nothing from drafts.
    let (_, _, slug, _, _) = crate::projects::published_poll(&app).await;
    crate::projects::create_project(&app, &admin, "Geheime volksparkplannen").await;
    let c = app.client();
    let html = c
        .get(app.url("/zoeken?q=Volkspark"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("/projecten/{slug}")), "{html}");
    assert!(
        !html.contains("Geheime volksparkplannen"),
        "drafts stay out"
    );
    let html = c
        .get(app.url("/zoeken?q=b"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("minstens 2 tekens"));
    let html = c
        .get(app.url("/zoeken?q=zzzqqq"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Niets gevonden"));
    app.stop().await;
}
with_probe!(departments_search, departments_and_search);

/// Two editors change one idea's status at the same moment, both from the status they saw:
/// one step is taken, the other gets 409 and a message, and the history has one row.
async fn a_status_race_takes_one_step(app: TestApp) {
    let fx = crate::ideas::setup(&app).await;
    let staff = fx.staff.clone();
    let (_, other) = app.staff_client("redactie2@enschede.test", "editor").await;
    let (_, author) = app.member_client("schrijver@enschede.test").await;
    let idea = crate::ideas::submit(&app, &author, &fx, "Bankjes in de Ledeboerstraat").await;
    let send = |c: &reqwest::Client, status: &'static str| {
        let c = c.clone();
        let url = app.url(&format!("/beheer/idee/{idea}"));
        async move {
            c.post(url)
                .form(&[
                    ("seen", "submitted"),
                    ("status", status),
                    ("answer", "Een antwoord van de gemeente."),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let (a, b) = tokio::join!(send(&staff, "accepted"), send(&other, "rejected"));
    let mut codes = vec![a.status().as_u16(), b.status().as_u16()];
    codes.sort();
    assert_eq!(codes, vec![303, 409]);
    let loser = if a.status() == 409 { a } else { b };
    assert!(loser.text().await.unwrap().contains("intussen veranderd"));
    let (steps,): (i64,) = app
        .db
        .one(
            "SELECT COUNT(*) FROM workflow_history WHERE workflow = 'idea_status' AND object_id = $1",
            args![idea],
        )
        .await
        .unwrap();
    assert_eq!(steps, 1);
    // A draft cannot be accepted: the workflow has no such step.
    let draft: i64 = app
        .db
        .write_scalar(
            "INSERT INTO ideas (org_id, component_id, user_id, author_name, title, summary, description, cost, status, created_at, updated_at) \
             VALUES ($1, $2, NULL, 'Iemand', 'Een concept', 'Samenvatting van het concept', 'Beschrijving', 0, 'draft', 1000, 1000) RETURNING id",
            args![app.org_id, fx.cid],
        )
        .await
        .unwrap();
    let r = staff
        .post(app.url(&format!("/beheer/idee/{draft}")))
        .form(&[("seen", "draft"), ("status", "accepted"), ("answer", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let status: String = app
        .db
        .scalar("SELECT status FROM ideas WHERE id = $1", args![draft])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(status, "draft");
    app.stop().await;
}
with_probe!(status_race, a_status_race_takes_one_step);
