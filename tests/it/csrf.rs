//! Cross-site request forgery (issue 6): every state-changing route (found in the source by
//! `routes::state_changing`) refuses a cross-site request from a logged-in admin with 403
//! and changes nothing, in each way a browser can label one (Sec-Fetch-Site, Origin, an
//! opaque "null" origin, a sibling site). The same request from our own site is not refused
//! by the check (the control), and GET requests change nothing.

use std::collections::BTreeMap;

use meedoen::args;

use crate::authz::{client, seed, send, table, Fixture};
use crate::both;
use crate::support::{Backend, TestApp};

const REFUSED: &str = "kwam niet van deze website";

/// Rows per table (all tables but the ones listed in `skip`).
async fn fingerprint(app: &TestApp, skip: &[&str]) -> BTreeMap<String, i64> {
    let names: Vec<(String,)> = match app.backend {
        Backend::Sqlite => app
            .db
            .all(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name",
                vec![],
            )
            .await
            .unwrap(),
        Backend::Postgres => app
            .db
            .all(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
                vec![],
            )
            .await
            .unwrap(),
    };
    let mut out = BTreeMap::new();
    for (n,) in names {
        if skip.contains(&n.as_str()) || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        // Table names come from the catalogue; the statement is built once per table.
        let sql: &'static str = Box::leak(format!("SELECT COUNT(*) FROM {n}").into_boxed_str());
        let c: i64 = app.db.scalar(sql, vec![]).await.unwrap().unwrap_or(0);
        out.insert(n, c);
    }
    assert!(out.len() > 20, "tables counted: {}", out.len());
    out
}

async fn admin_cookie(app: &TestApp, fx: &Fixture) -> String {
    let (uid, org, _) = fx.users["admin"];
    format!("meedoen_sid={}", app.session_token(org, uid, true).await)
}

async fn every_state_changing_route_refuses_cross_site(app: TestApp) {
    let fx = seed(&app).await;
    let rows = table();
    let c = client(&app);
    let cookie = admin_cookie(&app, &fx).await;
    let own = app.base.clone();
    let variants: [(&str, Vec<(&str, &str)>); 5] = [
        (
            "browser, other site",
            vec![
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "cross-site"),
            ],
        ),
        ("Origin only", vec![("origin", "https://evil.example")]),
        (
            "Sec-Fetch-Site only",
            vec![("sec-fetch-site", "cross-site")],
        ),
        ("sibling site", vec![("sec-fetch-site", "same-site")]),
        ("opaque origin", vec![("origin", "null")]),
    ];
    let before = fingerprint(&app, &[]).await;
    let routes = crate::routes::state_changing();
    assert!(routes.len() > 40, "state-changing routes: {}", routes.len());
    let mut failures = Vec::new();
    let mut tried = 0;
    for (method, pattern) in &routes {
        let row = rows
            .get(&(method.clone(), pattern.clone()))
            .unwrap_or_else(|| panic!("{method} {pattern} has no row in authz_expected.tsv"));
        for (name, headers) in &variants {
            let mut h = headers.clone();
            h.push(("cookie", cookie.as_str()));
            // Fixed ids only: a fresh object here would itself change the counts.
            let path = row.concrete.replace("$f", "$");
            let path = fill_fixed(&fx, &path);
            let body = row.body.as_deref().map(|b| fill_fixed(&fx, b));
            let a = send(&app, &fx, &c, "anon", method, &path, body.as_deref(), &h).await;
            tried += 1;
            if a.status != 403 || !a.body.contains(REFUSED) {
                failures.push(format!("{method} {path} ({name}): {}", a.status));
            }
        }
    }
    let after = fingerprint(&app, &[]).await;
    assert_eq!(before, after, "refused requests changed nothing");
    assert!(
        failures.is_empty(),
        "cross-site requests not refused:\n{}",
        failures.join("\n")
    );
    // The control: from our own site the check lets the request through.
    let mut passed = 0;
    for (method, pattern) in &routes {
        let row = &rows[&(method.clone(), pattern.clone())];
        let path = fill_fixed(&fx, &row.concrete.replace("$f", "$"));
        let body = row.body.as_deref().map(|b| fill_fixed(&fx, b));
        let cookie = admin_cookie(&app, &fx).await;
        let a = send(
            &app,
            &fx,
            &c,
            "anon",
            method,
            &path,
            body.as_deref(),
            &[
                ("origin", own.as_str()),
                ("sec-fetch-site", "same-origin"),
                ("cookie", cookie.as_str()),
            ],
        )
        .await;
        assert!(
            !a.body.contains(REFUSED),
            "{method} {path}: a same-origin request was refused as cross-site"
        );
        passed += 1;
    }
    assert_eq!(passed, routes.len());
    assert!(tried >= 5 * 40, "requests tried: {tried}");
    app.stop().await;
}
both!(
    state_changing_routes,
    every_state_changing_route_refuses_cross_site
);

/// `$name` from the fixture (no fresh objects).
fn fill_fixed(fx: &Fixture, s: &str) -> String {
    let mut out = s.to_string();
    // Longest names first so `$space3` is not read as `$space` + "3".
    let mut names: Vec<&String> = fx.vars.keys().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names {
        out = out.replace(&format!("${n}"), &fx.vars[n]);
    }
    // Deletions: point at the fixed object of the same kind.
    for (fresh, fixed) in [
        ("$phase", "phase"),
        ("$update", "update"),
        ("$component", "poll"),
        ("$area", "area"),
    ] {
        out = out.replace(fresh, &fx.vars[fixed]);
    }
    out.replace("$photo", "999999")
}

/// A forged request that would succeed from our own site changes nothing when it comes from
/// another site: publish state, following an idea, a role change, logout and a name change.
async fn forged_valid_requests_change_nothing(app: TestApp) {
    let fx = seed(&app).await;
    let c = client(&app);
    let evil = [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ];
    let project = fx.vars["project"].clone();
    let idea = fx.vars["idea"].clone();
    let other = fx.vars["user"].clone();
    let cases: Vec<(String, String)> = vec![
        (
            format!("/beheer/projecten/{project}/status"),
            "status=closed".into(),
        ),
        (format!("/ideeen/{idea}/volgen"), String::new()),
        (
            format!("/beheer/gebruikers/{other}/rollen"),
            "role=admin&change=grant".into(),
        ),
        ("/account/naam".into(), "display_name=Gekaapt".into()),
        ("/uitloggen".into(), String::new()),
    ];
    let state = |app: &TestApp| {
        let db = app.db.clone();
        let project = project.clone();
        let idea = idea.clone();
        let other = other.clone();
        async move {
            let s: Option<String> = db
                .scalar(
                    "SELECT status FROM projects WHERE id = $1",
                    args![project.parse::<i64>().unwrap()],
                )
                .await
                .unwrap();
            let likes: Option<i64> = db
                .scalar(
                    "SELECT COUNT(*) FROM idea_follows WHERE idea_id = $1",
                    args![idea.parse::<i64>().unwrap()],
                )
                .await
                .unwrap();
            let roles: Option<i64> = db
                .scalar(
                    "SELECT COUNT(*) FROM role_assignments WHERE user_id = $1",
                    args![other.parse::<i64>().unwrap()],
                )
                .await
                .unwrap();
            let sessions: Option<i64> = db
                .scalar("SELECT COUNT(*) FROM sessions", vec![])
                .await
                .unwrap();
            let names: Option<i64> = db
                .scalar(
                    "SELECT COUNT(*) FROM users WHERE display_name = 'Gekaapt'",
                    vec![],
                )
                .await
                .unwrap();
            (s, likes, roles, sessions, names)
        }
    };
    let cookie = admin_cookie(&app, &fx).await;
    let before = state(&app).await;
    for (path, body) in &cases {
        let mut h = evil.to_vec();
        h.push(("cookie", cookie.as_str()));
        let a = send(&app, &fx, &c, "anon", "POST", path, Some(body), &h).await;
        assert_eq!(a.status, 403, "{path}");
        assert!(a.body.contains(REFUSED), "{path}: Dutch explanation");
    }
    assert_eq!(before, state(&app).await, "forged requests changed nothing");
    // The same requests from our own site do change things (so the test can fail).
    let own = app.base.clone();
    for (path, body) in &cases {
        let a = send(
            &app,
            &fx,
            &c,
            "anon",
            "POST",
            path,
            Some(body),
            &[
                ("origin", own.as_str()),
                ("sec-fetch-site", "same-origin"),
                ("cookie", cookie.as_str()),
            ],
        )
        .await;
        assert!(a.status < 400, "{path} from our own site: {}", a.status);
    }
    let after = state(&app).await;
    assert_ne!(before.0, after.0, "status changed from our own site");
    assert_ne!(before.1, after.1, "follow stored from our own site");
    assert_ne!(
        before.3, after.3,
        "logout ended the session from our own site"
    );
    app.stop().await;
}
both!(forged_valid_requests, forged_valid_requests_change_nothing);

/// GET requests are safe: walking every GET route as admin and as a member changes no table
/// (sessions, rate-limit counters and the audit log of downloads aside).
async fn get_requests_change_nothing(app: TestApp) {
    let fx = seed(&app).await;
    let rows = table();
    let c = client(&app);
    // Downloads of exports and personal data are audited on purpose: a read that is logged.
    let skip = ["sessions", "rate_counters", "audit_log"];
    let before = fingerprint(&app, &skip).await;
    let mut n = 0;
    for row in rows.values().filter(|r| r.method == "GET") {
        for role in ["admin", "author", "anon"] {
            let path = fill_fixed(&fx, &row.concrete.replace("$f", "$"));
            let a = send(&app, &fx, &c, role, "GET", &path, None, &[]).await;
            assert!(a.status < 500, "GET {path} as {role}: {}", a.status);
            n += 1;
        }
    }
    let after = fingerprint(&app, &skip).await;
    assert_eq!(before, after, "GET requests changed the database");
    assert!(n > 150);
    app.stop().await;
}
both!(get_requests_are_safe, get_requests_change_nothing);
