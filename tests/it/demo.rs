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
        "SELECT COUNT(DISTINCT user_id) FROM role_assignments",
        "SELECT COUNT(*) FROM themes",
        "SELECT COUNT(*) FROM phases",
        "SELECT COUNT(*) FROM poll_answers",
        "SELECT COUNT(*) FROM spaces WHERE status = 'published'",
        "SELECT COUNT(DISTINCT provider_id) FROM spaces",
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
    meedoen::cli::demo::load_if_empty(&config, &meedoen::app::modules())
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
    assert!(c[9] >= 50, "Makelpunt: about 60 spaces, got {}", c[9]);
    assert!(c[10] >= 10, "from a dozen providers, got {}", c[10]);
    let statuses: Vec<(String,)> = db
        .all(
            "SELECT DISTINCT status FROM projects ORDER BY status",
            args![],
        )
        .await
        .unwrap();
    let statuses: Vec<&str> = statuses.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(statuses, ["closed", "draft", "published"]);

    // Participatory budgeting: Jij maakt Zuid votes now on ten accepted ideas, € 50.000.
    let zuid: (i64, String) = db
        .one(
            "SELECT id, status FROM projects WHERE slug = 'jij-maakt-zuid'",
            args![],
        )
        .await
        .unwrap();
    assert_eq!(zuid.1, "published");
    let accepted: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM ideas i JOIN components c ON c.id = i.component_id \
             WHERE c.project_id = $1 AND i.status = 'accepted'",
            args![zuid.0],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(accepted, 10);
    let cost: i64 = db
        .scalar(
            "SELECT CAST(SUM(i.cost) AS BIGINT) FROM ideas i JOIN components c ON c.id = i.component_id \
             WHERE c.project_id = $1 AND i.status = 'accepted'",
            args![zuid.0],
        )
        .await
        .unwrap()
        .unwrap();
    assert!(cost > 100_000, "total cost {cost}");
    let now = meedoen::db::now();
    let ballot: (i64, String, i64, bool, bool, i64, i64, Option<i64>) = db
        .one(
            "SELECT s.component_id, s.ballot_type, s.max_budget, s.allow_members, s.allow_codes, s.opens_at, s.closes_at, \
             s.results_published_at FROM ballot_settings s JOIN components c ON c.id = s.component_id WHERE c.project_id = $1",
            args![zuid.0],
        )
        .await
        .unwrap();
    assert_eq!(
        (ballot.1.as_str(), ballot.2, ballot.3, ballot.4),
        ("budget", 50_000, true, true)
    );
    assert!(ballot.5 <= now && now < ballot.6, "the ballot is open");
    assert_eq!(ballot.7, None);
    // Like and comment counters equal a recount.
    let off: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM ideas i WHERE i.like_count <> (SELECT COUNT(*) FROM idea_likes l WHERE l.idea_id = i.id) \
             OR i.comment_count <> (SELECT COUNT(*) FROM idea_comments m WHERE m.idea_id = i.id)",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(off, 0, "counters equal a recount");
    let comments: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM idea_comments WHERE depth > 0",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    assert!(comments >= 1, "threaded replies");
    // A project collecting ideas right now.
    let open_ideas: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM idea_settings s JOIN components c ON c.id = s.component_id \
             JOIN projects p ON p.id = c.project_id WHERE p.slug = 'speelplekken-wesselerbrink' \
             AND s.configured = TRUE AND s.opens_on <= $1 AND s.closes_on >= $1",
            args![meedoen::projects::today()],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(open_ideas, 1);
    // Jij maakt Noord 2025 is finished: closed window, published results, winners selected
    // within the budget, tallies equal to a recount of the stored ballots.
    let noord: (i64, String, i64, Option<i64>, i64) = db
        .one(
            "SELECT s.component_id, p.status, s.closes_at, s.results_published_at, s.max_budget FROM ballot_settings s \
             JOIN components c ON c.id = s.component_id JOIN projects p ON p.id = c.project_id \
             WHERE p.slug = 'jij-maakt-noord-2025'",
            args![],
        )
        .await
        .unwrap();
    assert_eq!(noord.1, "closed");
    assert!(noord.2 < now && noord.3.is_some_and(|p| p >= noord.2 && p < now));
    let tallies: Vec<(i64, i64)> = db
        .all(
            "SELECT idea_id, CAST(SUM(votes) AS BIGINT) FROM ballot_tallies WHERE component_id = $1 \
             GROUP BY idea_id HAVING SUM(votes) > 0 ORDER BY idea_id",
            args![noord.0],
        )
        .await
        .unwrap();
    let mut counted: std::collections::BTreeMap<i64, i64> = Default::default();
    for (_, idea) in crate::support::ballot_choices(&db, noord.0).await {
        *counted.entry(idea).or_insert(0) += 1;
    }
    let recount: Vec<(i64, i64)> = counted.into_iter().collect();
    assert_eq!(tallies, recount);
    assert!(tallies.len() >= 5);
    let ballots: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM ballots WHERE component_id = $1",
            args![noord.0],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ballots, 552);
    let selected: (i64, Option<i64>) = db
        .one(
            "SELECT COUNT(*), CAST(SUM(i.cost) AS BIGINT) FROM ideas i JOIN ballot_settings s ON s.ideas_component_id = i.component_id \
             WHERE s.component_id = $1 AND i.status = 'selected'",
            args![noord.0],
        )
        .await
        .unwrap();
    assert!(selected.0 >= 2, "winners: {}", selected.0);
    assert!(selected.1.unwrap_or(0) <= noord.4);
    // The top of the ranking is selected.
    let top: String = db
        .scalar(
            "SELECT i.status FROM (SELECT idea_id, SUM(votes) AS votes FROM ballot_tallies WHERE component_id = $1 GROUP BY idea_id) t \
             JOIN ideas i ON i.id = t.idea_id ORDER BY t.votes DESC, i.cost, i.id LIMIT 1",
            args![noord.0],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(top, "selected");
    for (cid, who) in [(ballot.0, "Zuid"), (noord.0, "Noord")] {
        let r = reqwest::get(format!("http://{}/stemmen/{cid}", app.addr()))
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "ballot page {who}");
    }
    let results = reqwest::get(format!("http://{}/stemmen/{}/uitslag", app.addr(), noord.0))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(results.contains("Aantal stemmen: 552"), "{results}");
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
        .one("SELECT u.email, u.email_verified_at IS NOT NULL FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE r.role = 'admin'", args![])
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
    meedoen::cli::demo::load_if_empty(&config, &meedoen::app::modules())
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
