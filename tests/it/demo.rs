//! Demo content: loads into an empty database, gives a working site, and loads only once.

use meedoen::db::Db;
use meedoen::{args, App, Config};

async fn counts(db: &Db) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM orgs",
        "SELECT COUNT(*) FROM areas WHERE kind = 'district'",
        "SELECT COUNT(*) FROM areas WHERE kind = 'neighbourhood'",
        "SELECT COUNT(*) FROM projects",
        "SELECT COUNT(*) FROM polls WHERE is_open = TRUE",
        "SELECT COUNT(*) FROM users",
        "SELECT COUNT(*) FROM themes",
        "SELECT COUNT(*) FROM phases",
        "SELECT COUNT(*) FROM poll_answers",
    ] {
        out.push(db.scalar::<i64>(sql, args![]).await.unwrap().unwrap());
    }
    out
}

async fn demo_on(url: String, dir: &tempfile::TempDir) {
    let config = Config {
        database_url: url,
        data_dir: dir.path().join("uploads"),
        bind: "127.0.0.1:0".into(),
        base_url: "http://127.0.0.1".into(),
        ..Config::default()
    };
    meedoen::cli::demo::load_if_empty(&config)
        .await
        .expect("demo loads");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = App::build(config.clone(), listener).await.unwrap();
    let db = app.state().db.clone();
    let c = counts(&db).await;
    assert_eq!(c[0], 1, "one municipality");
    assert_eq!(c[1], 5, "Enschede has five stadsdelen");
    assert!(c[2] >= 20, "wijken: {}", c[2]);
    assert!(c[3] >= 3, "projects: {}", c[3]);
    assert!(c[4] >= 1, "an open poll");
    assert_eq!(c[5], 1, "one staff account");
    assert!(c[6] >= 6);
    let statuses: Vec<(String,)> = db
        .all(
            "SELECT DISTINCT status FROM projects ORDER BY status",
            args![],
        )
        .await
        .unwrap();
    let statuses: Vec<&str> = statuses.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(statuses, ["closed", "draft", "published"]);
    // Poll totals agree with the answers behind them.
    let total: i64 = db
        .scalar(
            "SELECT CAST(SUM(answers) AS BIGINT) FROM poll_choices",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(total, c[8]);
    let admin: (String, bool) = db
        .one("SELECT u.email, u.email_verified_at IS NOT NULL FROM users u JOIN roles r ON r.user_id = u.id WHERE r.role = 'admin'", args![])
        .await
        .unwrap();
    assert!(admin.1, "the admin account is verified");
    let closed_update: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM project_updates pu JOIN projects p ON p.id = pu.project_id WHERE p.status = 'closed' AND pu.title LIKE 'Wat we met uw inbreng deden%'",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed_update, 1);
    for name in [
        "Wesselerbrink",
        "Helmerhoek",
        "Stroinkslanden",
        "Roombeek-Roomveldje",
        "Glanerbrug",
        "De Laares",
        "Stadsveld",
    ] {
        let n: i64 = db
            .scalar(
                "SELECT COUNT(*) FROM areas WHERE name = $1 AND kind = 'neighbourhood'",
                args![name],
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n, 1, "{name}");
    }

    // The site answers on localhost and 127.0.0.1.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let privacy = client
        .get(format!("http://{}/privacy", app.addr()))
        .send()
        .await
        .unwrap();
    assert_eq!(privacy.status(), 200);
    let privacy = privacy.text().await.unwrap();
    assert!(
        privacy.contains("Enschede") && privacy.contains("Privacyverklaring"),
        "{privacy}"
    );
    let home = client
        .get(format!("http://localhost:{}/", app.addr().port()))
        .send()
        .await
        .unwrap();
    assert!(home.status().is_success(), "{}", home.status());
    let css = client
        .get(format!("http://{}/thema.css", app.addr()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(css.contains("#c60021"), "{css}");

    // A second run changes nothing.
    meedoen::cli::demo::load_if_empty(&config)
        .await
        .expect("second run");
    assert_eq!(counts(&db).await, c);
    app.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn demo_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("demo.db").to_string_lossy().to_string();
    demo_on(url, &dir).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn demo_postgres() {
    use sqlx::Connection;
    let Some(base) = crate::support::pg_base_url() else {
        return;
    };
    let token = meedoen::web::session::random_token()
        .to_lowercase()
        .replace(['-', '_'], "");
    let name = format!("demo_{}", &token[..12]);
    let mut conn = sqlx::PgConnection::connect(&base).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.ok();
    let url = match base.rsplit_once('/') {
        Some((head, _)) => format!("{head}/{name}"),
        None => return,
    };
    let dir = tempfile::tempdir().unwrap();
    demo_on(url, &dir).await;
}
