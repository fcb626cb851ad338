//! Rate limits answer 429 past their limits, and still hold after the server restarts on the
//! same database (the counters live in `rate_counters`, not in memory): password login,
//! password reset, login link, and voting codes.

use meedoen::args;
use meedoen::{App, Config};

use crate::both;
use crate::support::{TestApp, PASSWORD};

/// Stops the server and starts a new one on the same database and port.
async fn restart(app: &mut TestApp) {
    let url = crate::crash::database_url(app).await;
    let port = app.port();
    if let Some(a) = app.app.take() {
        a.shutdown().await.expect("clean shutdown");
    }
    let config = Config {
        database_url: url,
        data_dir: app.data_dir.clone(),
        bind: format!("127.0.0.1:{port}"),
        base_url: "http://127.0.0.1".into(),
        ..Config::default()
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("same port again");
    let new = App::build(config, listener).await.expect("restarts");
    app.db = new.state().db.clone();
    app.app = Some(new);
}

async fn post(app: &TestApp, path: &str, form: &[(&str, &str)]) -> u16 {
    app.client()
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn limits_hold_across_restarts(mut app: TestApp) {
    app.member("slot@voorbeeld.nl").await;
    app.member("herstel@voorbeeld.nl").await;
    app.member("link@voorbeeld.nl").await;
    let target = crate::storm::setup(&app, 1).await.remove(0);
    app.db
        .exec(
            "UPDATE ballot_settings SET allow_codes = TRUE WHERE component_id = $1",
            args![target.ballot],
        )
        .await
        .unwrap();
    let code_path = format!("/stemmen/{}/code", target.ballot);

    // Login: 5 wrong passwords per account, then 429 (even for the right one).
    let login = |pw: &'static str| [("email", "slot@voorbeeld.nl"), ("password", pw)];
    for i in 0..5 {
        assert_eq!(
            post(&app, "/inloggen", &login("fout-fout-fout")).await,
            422,
            "login {i}"
        );
    }
    assert_eq!(post(&app, "/inloggen", &login("fout-fout-fout")).await, 429);
    assert_eq!(post(&app, "/inloggen", &login(PASSWORD)).await, 429);

    // Password reset and login link: 5 mails per address an hour, then 429 (also for an
    // address without an account, so the answer reveals nothing).
    for (path, email) in [
        ("/wachtwoord-vergeten", "herstel@voorbeeld.nl"),
        ("/inloggen/link", "link@voorbeeld.nl"),
        ("/inloggen/link", "niemand@voorbeeld.nl"),
    ] {
        for i in 0..5 {
            assert_eq!(
                post(&app, path, &[("email", email)]).await,
                303,
                "{path} {i}"
            );
        }
        assert_eq!(
            post(&app, path, &[("email", email)]).await,
            429,
            "{path} {email}"
        );
    }
    let mails: Option<i64> = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM outbox WHERE to_addr = $1",
            args!["herstel@voorbeeld.nl"],
        )
        .await
        .unwrap();
    assert_eq!(mails, Some(5), "no mail past the limit");

    // Voting codes: 10 wrong codes with one prefix, then 429.
    for i in 0..10 {
        let code = format!("ABC{:07}", 2_000_000 + i);
        assert_eq!(
            post(&app, &code_path, &[("code", &code)]).await,
            422,
            "code {i}"
        );
    }
    assert_eq!(post(&app, &code_path, &[("code", "ABCDEFGHJK")]).await, 429);

    // Restart on the same database: every limit still holds.
    restart(&mut app).await;
    assert_eq!(
        post(&app, "/inloggen", &login(PASSWORD)).await,
        429,
        "login after restart"
    );
    assert_eq!(
        post(
            &app,
            "/wachtwoord-vergeten",
            &[("email", "herstel@voorbeeld.nl")]
        )
        .await,
        429,
        "reset after restart"
    );
    assert_eq!(
        post(&app, "/inloggen/link", &[("email", "link@voorbeeld.nl")]).await,
        429,
        "link after restart"
    );
    assert_eq!(
        post(&app, &code_path, &[("code", "ABCDEFGHJM")]).await,
        429,
        "voting code after restart"
    );
    // Other accounts are not affected.
    app.member("vrij@voorbeeld.nl").await;
    assert_eq!(
        app.client()
            .post(app.url("/inloggen"))
            .form(&[("email", "vrij@voorbeeld.nl"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    // No counter holds an address in clear.
    let clear: Option<i64> = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM rate_counters WHERE bucket LIKE '%@%' OR bucket LIKE '%127.0.0.1%'",
            args![],
        )
        .await
        .unwrap();
    assert_eq!(clear, Some(0));
    app.stop().await;
}

both!(limits_hold, limits_hold_across_restarts);
