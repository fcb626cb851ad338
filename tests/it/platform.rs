//! Platform core: health, metrics, municipalities by host, security headers, CSRF, schemas.

use crate::both;
use crate::support::TestApp;

async fn health_reports_database(app: TestApp) {
    let r = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["database"]["ok"], true);
    let backend = if app.backend == crate::support::Backend::Sqlite {
        "sqlite"
    } else {
        "postgres"
    };
    assert_eq!(v["database"]["backend"], backend);
    let m = app
        .client()
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(m.contains("meedoen_http_requests_total"), "{m}");
    // The single writer's load is shown on SQLite only: PostgreSQL has no single writer.
    let sqlite = app.backend == crate::support::Backend::Sqlite;
    for name in [
        "meedoen_db_writers_queued ",
        "meedoen_db_writer_held_seconds_total ",
        "meedoen_db_writer_transactions_total ",
    ] {
        assert_eq!(m.contains(name), sqlite, "{name}: {m}");
    }
    app.stop().await;
}
both!(health, health_reports_database);

async fn unknown_host_is_404(app: TestApp) {
    let c = app.client_for_host("onbekend.test");
    let r = c
        .get(app.url_for_host("onbekend.test", "/privacy"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let body = r.text().await.unwrap();
    assert!(body.contains("geen gemeente"), "{body}");
    assert!(
        !body.contains("Enschede"),
        "must not show another municipality: {body}"
    );
    app.stop().await;
}
both!(unknown_host, unknown_host_is_404);

async fn security_headers_and_csrf(app: TestApp) {
    let c = app.client();
    let r = c.get(app.url("/privacy")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(r.headers().contains_key("referrer-policy"));
    // A form post from another site is refused, from our own site accepted.
    let evil = c
        .post(app.url("/taal"))
        .header("origin", "https://kwaadaardig.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[("lang", "en"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    let ok = c
        .post(app.url("/taal"))
        .header("origin", app.base.clone())
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "en"), ("back", "/privacy")])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let page = c
        .get(app.url("/privacy"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("lang=\"en\""),
        "language choice is remembered"
    );
    app.stop().await;
}
both!(security, security_headers_and_csrf);

async fn oversized_body_is_413(app: TestApp) {
    let big = "x".repeat(13 * 1024 * 1024);
    // The body is read to its end before the answer, so the client always gets the page
    // rather than a broken connection (it used to, now and then); several times to show it.
    for _ in 0..4 {
        let r = app
            .client()
            .post(app.url("/taal"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("lang=nl&back={big}"))
            .send()
            .await
            .expect("the 413 arrives, not a broken connection");
        assert_eq!(r.status(), 413);
        let body = r.text().await.unwrap();
        assert!(body.contains("te groot"), "Dutch message: {body}");
    }
    // A body within the limit still reaches the handler.
    let r = app
        .client()
        .post(app.url("/taal"))
        .header("origin", app.base.clone())
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "en"), ("back", "/privacy")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    app.stop().await;
}
both!(oversized_body, oversized_body_is_413);

async fn unknown_page_and_api_errors(app: TestApp) {
    let c = app.client();
    let r = c.get(app.url("/bestaat-niet")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("bestaat niet"));
    let r = c.get(app.url("/api/v1/bestaat-niet")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["status"], 404);
    app.stop().await;
}
both!(error_pages, unknown_page_and_api_errors);

async fn statements_come_from_the_municipality(app: TestApp) {
    app.db
        .exec(
            "UPDATE orgs SET privacy_md = $1 WHERE id = $2",
            meedoen::args![
                "# Privacy bij Enschede\n\nWij bewaren <script>alert(1)</script> weinig.",
                app.org_id
            ],
        )
        .await
        .unwrap();
    let body = app
        .client()
        .get(app.url("/privacy"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("Wij bewaren"), "{body}");
    assert!(!body.contains("<script>alert(1)"), "markdown is sanitised");
    let a11y = app
        .client()
        .get(app.url("/toegankelijkheid"))
        .send()
        .await
        .unwrap();
    assert_eq!(a11y.status(), 200);
    app.stop().await;
}
both!(statements, statements_come_from_the_municipality);

/// The real binary: `migrate`, `admin`, `serve` with graceful shutdown on SIGTERM, `backup`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_serves_stops_on_sigterm_and_backs_up() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bin.db");
    let bin = env!("CARGO_BIN_EXE_meedoen");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let envs = [
        ("MEEDOEN_DATABASE_URL", db.to_string_lossy().to_string()),
        ("MEEDOEN_BIND", format!("127.0.0.1:{port}")),
        (
            "MEEDOEN_DATA_DIR",
            dir.path().join("up").to_string_lossy().to_string(),
        ),
    ];
    let run = |args: &[&str]| {
        let out = Command::new(bin)
            .args(args)
            .envs(envs.clone())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    run(&["migrate"]);
    run(&[
        "admin",
        "create-org",
        "--name",
        "Enschede",
        "--slug",
        "enschede",
        "--email-from",
        "p@enschede.test",
        "--host",
        "127.0.0.1",
    ]);
    let mut child = Command::new(bin)
        .arg("serve")
        .envs(envs.clone())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/privacy"))
            .send()
            .await
        {
            assert_eq!(r.status(), 200);
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "server came up");
    // Backup while the server is running.
    let backup = dir.path().join("backup.db");
    run(&["backup", backup.to_str().unwrap()]);
    let check = meedoen::db::Db::connect(backup.to_str().unwrap())
        .await
        .unwrap();
    let ok: Option<String> = check
        .scalar("PRAGMA integrity_check", vec![])
        .await
        .unwrap();
    assert_eq!(ok.as_deref(), Some("ok"));
    let orgs: Option<i64> = check
        .scalar("SELECT COUNT(*) FROM orgs", vec![])
        .await
        .unwrap();
    assert_eq!(orgs, Some(1));
    check.close().await;
    // Graceful stop.
    let st = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let mut exited = None;
    for _ in 0..100 {
        if let Some(s) = child.try_wait().unwrap() {
            exited = Some(s);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let status = exited.expect("server stopped within 10 s of SIGTERM");
    assert!(status.success(), "clean exit: {status}");
}

/// Every interface text exists in Dutch and in English, in the same file.
#[test]
fn every_fluent_key_exists_in_both_languages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let keys =
        |lang: &str| -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
            let mut out = std::collections::BTreeMap::new();
            for entry in std::fs::read_dir(root.join(lang)).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let set = text
                    .lines()
                    .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(" ="))
                    .map(|l| l.split(" =").next().unwrap_or("").trim().to_string())
                    .collect();
                out.insert(path.file_name().unwrap().to_string_lossy().to_string(), set);
            }
            out
        };
    let nl = keys("nl");
    let en = keys("en");
    assert!(nl.len() >= 3, "locale files found: {:?}", nl.keys());
    assert_eq!(
        nl.keys().collect::<Vec<_>>(),
        en.keys().collect::<Vec<_>>(),
        "same files in nl and en"
    );
    for (file, k) in &nl {
        let e = &en[file];
        let missing_en: Vec<_> = k.difference(e).collect();
        let missing_nl: Vec<_> = e.difference(k).collect();
        assert!(
            missing_en.is_empty() && missing_nl.is_empty(),
            "{file}: missing in en {missing_en:?}, missing in nl {missing_nl:?}"
        );
    }
}

/// Input an extractor cannot read (a missing or malformed form field, a bad path id) gets the
/// Dutch error page or problem JSON, never axum's bare English text.
async fn unreadable_input_gets_a_dutch_page(app: TestApp) {
    let c = app.client();
    let r = c
        .post(app.url("/taal"))
        .form(&[("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let body = r.text().await.unwrap();
    assert!(body.contains("kon niet worden gelezen"), "{body}");
    let r = c
        .get(app.url("/api/v1/peilingen/geen-getal/uitslag"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    app.stop().await;
}
both!(unreadable_input, unreadable_input_gets_a_dutch_page);

/// The bundled SQLite must carry the build options from `.cargo/config.toml`: without the
/// query planner stability guarantee every `LIMIT $n` statement is re-planned on each run
/// (a quarter of the home page's CPU in a profile).
#[tokio::test]
async fn sqlite_is_built_with_stable_query_plans() {
    let app = TestApp::spawn(crate::support::Backend::Sqlite).await;
    let opts: Vec<(String,)> = app
        .db
        .all("PRAGMA compile_options", meedoen::args![])
        .await
        .expect("compile options");
    let opts: Vec<&str> = opts.iter().map(|(o,)| o.as_str()).collect();
    assert!(opts.contains(&"ENABLE_QPSG"), "compile options: {opts:?}");
    assert!(
        opts.contains(&"DEFAULT_MEMSTATUS=0"),
        "compile options: {opts:?}"
    );
}
