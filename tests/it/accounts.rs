//! Accounts: registration and verification, login and throttling, email links, password
//! reset, email change, data download and deletion, staff two-factor, tenant isolation of
//! tokens, and SMTP delivery of the outbox.

use std::time::Duration;

use meedoen::args;
use reqwest::Client;

use crate::both;
use crate::support::{link_in, TestApp, PASSWORD};

async fn post(c: &Client, url: String, form: &[(&str, &str)]) -> reqwest::Response {
    c.post(url).form(form).send().await.expect("post")
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn sets_session(r: &reqwest::Response) -> bool {
    r.headers().get_all("set-cookie").iter().any(|v| {
        v.to_str().unwrap_or("").starts_with("meedoen_sid=")
            && !v.to_str().unwrap_or("").contains("Max-Age=0")
    })
}

/// The path of the newest mail link to `to` that starts with `prefix`.
async fn mail_link(app: &TestApp, to: &str, prefix: &str) -> String {
    let (_, body) = app
        .last_mail(to)
        .await
        .unwrap_or_else(|| panic!("no mail to {to}"));
    let link = link_in(&body, prefix).unwrap_or_else(|| panic!("no {prefix} link in {body}"));
    // Mail links use base_url (no port in tests): keep the path only.
    let path = &link[link.find(prefix).expect("prefix")..];
    app.url(path)
}

/// Is this client logged in? (`/account` answers 200, or redirects to the login page.)
async fn logged_in(app: &TestApp, c: &Client) -> bool {
    let r = c.get(app.url("/account")).send().await.unwrap();
    match r.status().as_u16() {
        200 => true,
        303 => {
            assert!(location(&r).starts_with("/inloggen"), "{}", location(&r));
            false
        }
        s => panic!("unexpected status {s}"),
    }
}

async fn login(app: &TestApp, c: &Client, email: &str, pw: &str) -> reqwest::Response {
    post(
        c,
        app.url("/inloggen"),
        &[("email", email), ("password", pw)],
    )
    .await
}

async fn register_verify_login(app: TestApp) {
    let c = app.client();
    let form = c
        .get(app.url("/registreren"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("for=\"email\"")
            && form.contains("for=\"password\"")
            && form.contains("for=\"display_name\""),
        "{form}"
    );
    assert!(!form.contains("account-"), "missing translation: {form}");
    // Invalid input: 422, input kept except the password, errors tied to fields.
    let bad = post(
        &c,
        app.url("/registreren"),
        &[
            ("email", "Nieuw@Voorbeeld.nl"),
            ("display_name", "Nina"),
            ("password", "kort"),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("error-summary")
            && html.contains("aria-describedby=\"password-hint password-error\""),
        "{html}"
    );
    assert!(
        html.contains("value=\"nieuw@voorbeeld.nl\"")
            && html.contains("value=\"Nina\"")
            && !html.contains("kort\""),
        "{html}"
    );
    let common = post(
        &c,
        app.url("/registreren"),
        &[
            ("email", "nieuw@voorbeeld.nl"),
            ("display_name", "Nina"),
            ("password", "wachtwoord1234"),
        ],
    )
    .await;
    assert_eq!(common.status(), 422);

    let r = post(
        &c,
        app.url("/registreren"),
        &[
            ("email", "Nieuw@Voorbeeld.nl"),
            ("display_name", "Nina"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/controleer-uw-mail");
    let verified: Option<i64> = app
        .db
        .scalar::<Option<i64>>(
            "SELECT email_verified_at FROM users WHERE org_id = $1 AND email = $2",
            args![app.org_id, "nieuw@voorbeeld.nl"],
        )
        .await
        .unwrap()
        .flatten();
    assert_eq!(verified, None, "not verified before the link");
    let (subject, _) = app
        .last_mail("nieuw@voorbeeld.nl")
        .await
        .expect("verification mail");
    assert!(subject.contains("Bevestig"), "{subject}");
    let link = mail_link(&app, "nieuw@voorbeeld.nl", "/bevestigen/").await;
    // Opening the link does not use it (mail scanners); the button does.
    let page = c.get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("method=\"post\""));
    assert!(!logged_in(&app, &c).await);
    let r = c.post(&link).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(sets_session(&r));
    assert!(logged_in(&app, &c).await);
    let verified: Option<i64> = app
        .db
        .scalar::<Option<i64>>(
            "SELECT email_verified_at FROM users WHERE org_id = $1 AND email = $2",
            args![app.org_id, "nieuw@voorbeeld.nl"],
        )
        .await
        .unwrap()
        .flatten();
    assert!(verified.is_some());
    let account = c
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        account.contains("Nina") && account.contains("nieuw@voorbeeld.nl"),
        "{account}"
    );
    assert!(
        !account.contains("account-"),
        "missing translation: {account}"
    );
    // Used once only.
    assert_eq!(c.post(&link).send().await.unwrap().status(), 410);
    // Logout ends the session.
    let out = c.post(app.url("/uitloggen")).send().await.unwrap();
    assert_eq!(out.status(), 303);
    assert!(!logged_in(&app, &c).await);
    app.stop().await;
}
both!(register_verify, register_verify_login);

async fn duplicate_registration_is_silent(app: TestApp) {
    app.member("bestaand@voorbeeld.nl").await;
    let c = app.client();
    let r = post(
        &c,
        app.url("/registreren"),
        &[
            ("email", "BESTAAND@voorbeeld.nl"),
            ("display_name", "Ander"),
            ("password", "een-heel-ander-wachtwoord"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "same answer as a new registration");
    assert_eq!(location(&r), "/controleer-uw-mail");
    let (subject, body) = app
        .last_mail("bestaand@voorbeeld.nl")
        .await
        .expect("mail to the owner");
    assert!(subject.contains("Iemand"), "{subject}");
    assert!(body.contains("/wachtwoord-vergeten"), "{body}");
    assert!(!body.contains("/bevestigen/"));
    let n: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM users WHERE email = $1",
            args!["bestaand@voorbeeld.nl"],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 1);
    // The existing password still works: nothing changed.
    assert_eq!(
        login(&app, &app.client(), "bestaand@voorbeeld.nl", PASSWORD)
            .await
            .status(),
        303
    );
    app.stop().await;
}
both!(duplicate_registration, duplicate_registration_is_silent);

async fn login_failures_look_the_same(app: TestApp) {
    app.member("lid@voorbeeld.nl").await;
    let wrong = login(
        &app,
        &app.client(),
        "lid@voorbeeld.nl",
        "verkeerd-wachtwoord",
    )
    .await;
    let unknown = login(
        &app,
        &app.client(),
        "niemand@voorbeeld.nl",
        "verkeerd-wachtwoord",
    )
    .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(wrong.status(), unknown.status());
    let a = wrong.text().await.unwrap().replace("lid@voorbeeld.nl", "X");
    let b = unknown
        .text()
        .await
        .unwrap()
        .replace("niemand@voorbeeld.nl", "X");
    assert_eq!(a, b, "unknown email and wrong password must look identical");
    assert!(a.contains("klopt niet"), "{a}");
    // Right password logs in, honouring a local return path only.
    let c = app.client();
    let ok = post(
        &c,
        app.url("/inloggen"),
        &[
            ("email", "LID@voorbeeld.nl"),
            ("password", PASSWORD),
            ("terug", "/privacy"),
        ],
    )
    .await;
    assert_eq!(ok.status(), 303);
    assert_eq!(location(&ok), "/privacy");
    assert!(sets_session(&ok));
    assert!(logged_in(&app, &c).await);
    let evil = post(
        &app.client(),
        app.url("/inloggen"),
        &[
            ("email", "lid@voorbeeld.nl"),
            ("password", PASSWORD),
            ("terug", "//kwaad.example/"),
        ],
    )
    .await;
    assert_eq!(location(&evil), "/");
    app.stop().await;
}
both!(login_identical, login_failures_look_the_same);

async fn failed_logins_are_throttled(app: TestApp) {
    app.member("doelwit@voorbeeld.nl").await;
    let c = app.client();
    for i in 0..5 {
        let r = login(&app, &c, "doelwit@voorbeeld.nl", "fout-fout-fout").await;
        assert_eq!(r.status(), 422, "attempt {i}");
    }
    let r = login(&app, &c, "doelwit@voorbeeld.nl", "fout-fout-fout").await;
    assert_eq!(r.status(), 429);
    assert!(r.text().await.unwrap().contains("Te veel pogingen"));
    // Per account: a fresh client, even with the right password, is refused for now.
    let r = login(&app, &app.client(), "doelwit@voorbeeld.nl", PASSWORD).await;
    assert_eq!(r.status(), 429);
    // The counter lives in the database (survives restarts, shared by nodes).
    let hits: i64 = app
        .db
        .scalar(
            "SELECT CAST(SUM(hits) AS BIGINT) FROM rate_counters WHERE bucket = $1",
            args![meedoen::ratelimit::stored_bucket(&format!(
                "login:{}:doelwit@voorbeeld.nl",
                app.org_id
            ))],
        )
        .await
        .unwrap()
        .unwrap();
    assert!(hits >= 6, "{hits}");
    app.stop().await;
}
both!(login_throttle, failed_logins_are_throttled);

async fn magic_link_single_use_and_expiry(app: TestApp) {
    app.member("link@voorbeeld.nl").await;
    let c = app.client();
    let a = post(
        &c,
        app.url("/inloggen/link"),
        &[("email", "link@voorbeeld.nl")],
    )
    .await;
    let b = post(
        &c,
        app.url("/inloggen/link"),
        &[("email", "onbekend@voorbeeld.nl")],
    )
    .await;
    assert_eq!(
        (a.status(), location(&a)),
        (b.status(), location(&b)),
        "same answer either way"
    );
    assert!(app.last_mail("onbekend@voorbeeld.nl").await.is_none());
    let link = mail_link(&app, "link@voorbeeld.nl", "/inloggen/link/").await;
    assert_eq!(c.get(&link).send().await.unwrap().status(), 200);
    let r = c.post(&link).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(sets_session(&r));
    assert!(logged_in(&app, &c).await);
    // Second use fails, also for another client.
    let other = app.client();
    assert_eq!(other.get(&link).send().await.unwrap().status(), 410);
    let r = other.post(&link).send().await.unwrap();
    assert_eq!(r.status(), 410);
    assert!(!sets_session(&r));
    assert!(!logged_in(&app, &other).await);
    // An expired link fails.
    post(
        &other,
        app.url("/inloggen/link"),
        &[("email", "link@voorbeeld.nl")],
    )
    .await;
    let link2 = mail_link(&app, "link@voorbeeld.nl", "/inloggen/link/").await;
    assert_ne!(link, link2);
    app.db
        .exec(
            "UPDATE tokens SET expires_at = $1 WHERE used_at IS NULL",
            args![meedoen::db::now() - 1],
        )
        .await
        .unwrap();
    assert_eq!(other.get(&link2).send().await.unwrap().status(), 410);
    assert_eq!(other.post(&link2).send().await.unwrap().status(), 410);
    assert!(!logged_in(&app, &other).await);
    app.stop().await;
}
both!(magic_link, magic_link_single_use_and_expiry);

async fn reset_invalidates_sessions(app: TestApp) {
    let (_, old) = app.member_client("vergeten@voorbeeld.nl").await;
    assert!(logged_in(&app, &old).await);
    let c = app.client();
    let r = post(
        &c,
        app.url("/wachtwoord-vergeten"),
        &[("email", "vergeten@voorbeeld.nl")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let link = mail_link(&app, "vergeten@voorbeeld.nl", "/wachtwoord-herstellen/").await;
    let form = c.get(&link).send().await.unwrap();
    assert_eq!(form.status(), 200);
    assert!(form
        .text()
        .await
        .unwrap()
        .contains("autocomplete=\"new-password\""));
    assert_eq!(
        post(&c, link.clone(), &[("password", "kort")])
            .await
            .status(),
        422
    );
    let r = post(&c, link.clone(), &[("password", "nieuwe-lange-zin-77")]).await;
    assert_eq!(r.status(), 303);
    assert!(sets_session(&r));
    assert!(logged_in(&app, &c).await);
    assert!(
        !logged_in(&app, &old).await,
        "old sessions end after a reset"
    );
    assert_eq!(
        post(&c, link, &[("password", "nog-een-andere-zin")])
            .await
            .status(),
        410,
        "single use"
    );
    assert_eq!(
        login(&app, &app.client(), "vergeten@voorbeeld.nl", PASSWORD)
            .await
            .status(),
        422
    );
    assert_eq!(
        login(
            &app,
            &app.client(),
            "vergeten@voorbeeld.nl",
            "nieuwe-lange-zin-77"
        )
        .await
        .status(),
        303
    );
    app.stop().await;
}
both!(password_reset, reset_invalidates_sessions);

async fn email_change_is_confirmed(app: TestApp) {
    let (id, c) = app.member_client("oud@voorbeeld.nl").await;
    app.member("bezet@voorbeeld.nl").await;
    let r = post(
        &c,
        app.url("/account/email"),
        &[("new_email", "Nieuw@Voorbeeld.nl")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let email: Option<String> = app
        .db
        .scalar::<Option<String>>("SELECT email FROM users WHERE id = $1", args![id])
        .await
        .unwrap()
        .flatten();
    assert_eq!(
        email.as_deref(),
        Some("oud@voorbeeld.nl"),
        "not changed before the link is followed"
    );
    let link = mail_link(&app, "nieuw@voorbeeld.nl", "/account/email-bevestigen/").await;
    assert_eq!(c.get(&link).send().await.unwrap().status(), 200);
    let r = c.post(&link).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let email: Option<String> = app
        .db
        .scalar::<Option<String>>("SELECT email FROM users WHERE id = $1", args![id])
        .await
        .unwrap()
        .flatten();
    assert_eq!(email.as_deref(), Some("nieuw@voorbeeld.nl"));
    // A taken address: a friendly refusal, not a 500, and nothing changes.
    post(
        &c,
        app.url("/account/email"),
        &[("new_email", "bezet@voorbeeld.nl")],
    )
    .await;
    let link = mail_link(&app, "bezet@voorbeeld.nl", "/account/email-bevestigen/").await;
    let r = c.post(&link).send().await.unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("ander account"));
    let email: Option<String> = app
        .db
        .scalar::<Option<String>>("SELECT email FROM users WHERE id = $1", args![id])
        .await
        .unwrap()
        .flatten();
    assert_eq!(email.as_deref(), Some("nieuw@voorbeeld.nl"));
    // Invalid input stays on the page with the error.
    let r = post(
        &c,
        app.url("/account/email"),
        &[("new_email", "geen-adres")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("value=\"geen-adres\""));
    // Name and preferences.
    assert_eq!(
        post(
            &c,
            app.url("/account/naam"),
            &[("display_name", "Nieuwe Naam")]
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        post(
            &c,
            app.url("/account/voorkeuren"),
            &[("notify_pref", "digest"), ("lang", "en")]
        )
        .await
        .status(),
        303
    );
    let row: (String, String, Option<String>) = app
        .db
        .one(
            "SELECT display_name, notify_pref, lang FROM users WHERE id = $1",
            args![id],
        )
        .await
        .unwrap();
    assert_eq!(
        row,
        ("Nieuwe Naam".into(), "digest".into(), Some("en".into()))
    );
    assert_eq!(
        post(
            &c,
            app.url("/account/voorkeuren"),
            &[("notify_pref", "vaak")]
        )
        .await
        .status(),
        422
    );
    app.stop().await;
}
both!(email_change, email_change_is_confirmed);

async fn data_download_and_delete(app: TestApp) {
    let (id, c) = app.member_client("privacy@voorbeeld.nl").await;
    let r = c.get(app.url("/account/gegevens")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["user"]["email"], "privacy@voorbeeld.nl");
    assert_eq!(v["user"]["display_name"], "Test Bewoner");
    assert!(v["user"].get("password_hash").is_none());
    assert!(v["modules"].get("poll").is_some(), "{v}");
    assert_eq!(v["sessions"], 1);

    let page = c.get(app.url("/account/verwijderen")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(
        post(&c, app.url("/account/verwijderen"), &[])
            .await
            .status(),
        422,
        "needs the confirmation"
    );
    assert!(logged_in(&app, &c).await);
    let r = post(&c, app.url("/account/verwijderen"), &[("confirm", "ja")]).await;
    assert_eq!(r.status(), 303);
    let row: (Option<String>, String, Option<String>, Option<i64>) = app
        .db
        .one(
            "SELECT email, display_name, password_hash, deleted_at FROM users WHERE id = $1",
            args![id],
        )
        .await
        .unwrap();
    assert_eq!(row.0, None);
    assert_eq!(row.1, "Verwijderd account");
    assert_eq!(row.2, None);
    assert!(row.3.is_some());
    assert!(!logged_in(&app, &c).await);
    let sessions: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM sessions WHERE user_id = $1",
            args![id],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sessions, 0);
    assert_eq!(
        login(&app, &app.client(), "privacy@voorbeeld.nl", PASSWORD)
            .await
            .status(),
        422
    );
    app.stop().await;
}
both!(download_delete, data_download_and_delete);

fn code_at(secret: &str, offset: u64) -> String {
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).expect("base32"))
        .build()
        .expect("totp");
    let t = u64::try_from(meedoen::db::now()).unwrap() + offset;
    totp.generate(t).to_string()
}

async fn staff_two_factor(app: TestApp) {
    app.staff("medewerker@voorbeeld.nl", "editor").await;
    let c = app.client();
    let r = login(&app, &c, "medewerker@voorbeeld.nl", PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert!(
        location(&r).starts_with("/inloggen/tweestaps"),
        "{}",
        location(&r)
    );
    let r = c.get(app.url("/beheer")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/inloggen/tweestaps?terug=%2Fbeheer");
    let page = c
        .get(app.url("/inloggen/tweestaps?terug=%2Fbeheer"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("otpauth://totp/"), "{page}");
    assert!(!page.contains("account-2fa"), "missing translation: {page}");
    let i = page.find("secret=").expect("secret in uri") + 7;
    let secret: String = page[i..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    assert!(secret.len() >= 32, "{secret}");
    let wrong = post(
        &c,
        app.url("/inloggen/tweestaps"),
        &[("code", "000000"), ("terug", "/beheer")],
    )
    .await;
    let expect_wrong = if code_at(&secret, 0) == "000000" {
        303
    } else {
        422
    };
    assert_eq!(wrong.status(), expect_wrong);
    let code = code_at(&secret, 0);
    let r = post(
        &c,
        app.url("/inloggen/tweestaps"),
        &[("code", &code), ("terug", "/beheer")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/beheer");
    let r = c.get(app.url("/beheer")).send().await.unwrap();
    assert!(
        !location(&r).contains("tweestaps"),
        "past the second factor"
    );
    assert_eq!(r.status(), 200);
    let enabled: bool = app
        .db
        .scalar(
            "SELECT totp_enabled FROM users WHERE email = $1",
            args!["medewerker@voorbeeld.nl"],
        )
        .await
        .unwrap()
        .unwrap();
    assert!(enabled);

    // A later login asks for a code (no new secret), and a code is accepted only once.
    let c2 = app.client();
    login(&app, &c2, "medewerker@voorbeeld.nl", PASSWORD).await;
    let page = c2
        .get(app.url("/inloggen/tweestaps"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("otpauth://"), "no setup once enabled");
    let replay = post(&c2, app.url("/inloggen/tweestaps"), &[("code", &code)]).await;
    assert_eq!(replay.status(), 422, "the same code is not accepted twice");
    let r = c2.get(app.url("/beheer")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let next = code_at(&secret, 30);
    let r = post(
        &c2,
        app.url("/inloggen/tweestaps"),
        &[("code", &next), ("terug", "/beheer")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        c2.get(app.url("/beheer")).send().await.unwrap().status(),
        200
    );

    // Wrong codes are throttled.
    let c3 = app.client();
    login(&app, &c3, "medewerker@voorbeeld.nl", PASSWORD).await;
    let mut last = 0;
    for _ in 0..6 {
        last = post(&c3, app.url("/inloggen/tweestaps"), &[("code", "12345x")])
            .await
            .status()
            .as_u16();
    }
    assert_eq!(last, 429);

    // Members have nothing to do there.
    let (_, m) = app.member_client("gewoon@voorbeeld.nl").await;
    let r = m.get(app.url("/inloggen/tweestaps")).send().await.unwrap();
    assert_eq!(location(&r), "/account");
    app.stop().await;
}
both!(two_factor, staff_two_factor);

async fn tokens_stay_in_their_municipality(app: TestApp) {
    app.member("grens@voorbeeld.nl").await;
    app.second_org("hengelo.test").await;
    post(
        &app.client(),
        app.url("/inloggen/link"),
        &[("email", "grens@voorbeeld.nl")],
    )
    .await;
    let link = mail_link(&app, "grens@voorbeeld.nl", "/inloggen/link/").await;
    let path = &link[link.find("/inloggen/link/").unwrap()..];
    let b = app.client_for_host("hengelo.test");
    assert_eq!(
        b.get(app.url_for_host("hengelo.test", path))
            .send()
            .await
            .unwrap()
            .status(),
        410
    );
    let r = b
        .post(app.url_for_host("hengelo.test", path))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 410);
    assert!(!sets_session(&r));
    // Still valid at home.
    let r = app.client().post(&link).send().await.unwrap();
    assert_eq!(r.status(), 303);
    // Accounts belong to one municipality.
    let b_login = post(
        &b,
        app.url_for_host("hengelo.test", "/inloggen"),
        &[("email", "grens@voorbeeld.nl"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(b_login.status(), 422, "accounts belong to one municipality");
    app.stop().await;
}
both!(tenant_tokens, tokens_stay_in_their_municipality);

// ---------------------------------------------------------------------------------------
// SMTP delivery (SQLite only: the worker's SQL is the same on both backends)

/// A tiny SMTP server that records what it receives.
async fn smtp_sink() -> (u16, std::sync::Arc<tokio::sync::Mutex<String>>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = std::sync::Arc::new(tokio::sync::Mutex::new(String::new()));
    let log2 = log.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let log = log2.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut r = BufReader::new(r);
                let _ = w.write_all(b"220 sink ESMTP\r\n").await;
                let mut line = String::new();
                loop {
                    line.clear();
                    if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    log.lock().await.push_str(&line);
                    let cmd = line.to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                        b"250 sink\r\n"
                    } else if cmd.starts_with("DATA") {
                        let _ = w.write_all(b"354 go ahead\r\n").await;
                        let mut data = String::new();
                        loop {
                            let mut l = String::new();
                            if r.read_line(&mut l).await.unwrap_or(0) == 0 {
                                return;
                            }
                            if l == ".\r\n" {
                                break;
                            }
                            data.push_str(&l);
                        }
                        log.lock().await.push_str(&data);
                        b"250 queued\r\n"
                    } else if cmd.starts_with("QUIT") {
                        let _ = w.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = w.write_all(reply).await;
                }
            });
        }
    });
    (port, log)
}

async fn smtp_app(dir: &tempfile::TempDir, port: u16) -> (meedoen::App, i64) {
    let config = meedoen::Config {
        database_url: dir.path().join("mail.db").to_string_lossy().to_string(),
        data_dir: dir.path().join("uploads"),
        bind: "127.0.0.1:0".into(),
        base_url: "http://127.0.0.1".into(),
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: port,
        smtp_security: "none".into(),
        ..meedoen::Config::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = meedoen::App::build(config, listener).await.unwrap();
    let org = meedoen::setup::create_org(
        &app.state().db,
        "Enschede",
        "enschede",
        "participatie@enschede.test",
        &["127.0.0.1"],
    )
    .await
    .unwrap();
    (app, org)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn smtp_delivers_outbox() {
    let (port, log) = smtp_sink().await;
    let dir = tempfile::tempdir().unwrap();
    let (app, org) = smtp_app(&dir, port).await;
    let db = app.state().db.clone();
    let id = meedoen::email::enqueue(
        &db,
        meedoen::email::Mail {
            org_id: org,
            to: "ontvanger@voorbeeld.nl",
            subject: "Proefbericht".into(),
            body: "Hallo daar".into(),
        },
    )
    .await
    .unwrap();
    app.state().mail_wake.notify_one();
    let mut status = String::new();
    for _ in 0..100 {
        status = db
            .scalar::<String>("SELECT status FROM outbox WHERE id = $1", args![id])
            .await
            .unwrap()
            .unwrap();
        if status == "sent" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, "sent");
    let sent_at: Option<i64> = db
        .scalar::<Option<i64>>("SELECT sent_at FROM outbox WHERE id = $1", args![id])
        .await
        .unwrap()
        .flatten();
    assert!(sent_at.is_some());
    let seen = log.lock().await.clone();
    assert!(seen.contains("RCPT TO:<ontvanger@voorbeeld.nl>"), "{seen}");
    assert!(
        seen.contains("MAIL FROM:<participatie@enschede.test>"),
        "{seen}"
    );
    assert!(
        seen.contains("Subject: Proefbericht") && seen.contains("Hallo daar"),
        "{seen}"
    );
    app.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn smtp_failure_backs_off() {
    // A port where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let (app, org) = smtp_app(&dir, port).await;
    let db = app.state().db.clone();
    let id = meedoen::email::enqueue(
        &db,
        meedoen::email::Mail {
            org_id: org,
            to: "x@voorbeeld.nl",
            subject: "S".into(),
            body: "B".into(),
        },
    )
    .await
    .unwrap();
    app.state().mail_wake.notify_one();
    let mut row = (String::new(), 0_i64, None::<String>, 0_i64);
    for _ in 0..100 {
        row = db
            .one::<(String, i64, Option<String>, i64)>(
                "SELECT status, attempts, last_error, next_attempt_at FROM outbox WHERE id = $1",
                args![id],
            )
            .await
            .unwrap();
        if row.1 > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(row.0, "pending");
    assert_eq!(row.1, 1);
    assert!(row.2.is_some());
    assert!(
        row.3 >= meedoen::db::now() + 50,
        "retried after about a minute"
    );
    app.shutdown().await.unwrap();
}

/// Session cookies carry HttpOnly and SameSite=Lax; login makes a new session and removes the
/// old one (rotation); an expired session no longer counts.
async fn sessions_rotate_and_expire(app: TestApp) {
    let email = "sessie@voorbeeld.nl";
    app.member(email).await;
    let c = app.client();
    let r = login(&app, &c, email, crate::support::PASSWORD).await;
    assert!(
        r.status().is_redirection(),
        "login redirects: {}",
        r.status()
    );
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("meedoen_sid="))
        .expect("session cookie")
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http base URL: no Secure flag ({cookie})"
    );
    assert!(logged_in(&app, &c).await);
    let first: Vec<(String,)> = app
        .db
        .all("SELECT id_hash FROM sessions", vec![])
        .await
        .unwrap();
    assert_eq!(first.len(), 1);

    // Logging in again from the same browser rotates: a new id, and the old row is gone.
    let r = login(&app, &c, email, crate::support::PASSWORD).await;
    assert!(r.status().is_redirection());
    let second: Vec<(String,)> = app
        .db
        .all("SELECT id_hash FROM sessions", vec![])
        .await
        .unwrap();
    assert_eq!(second.len(), 1, "old session removed at login");
    assert_ne!(first[0].0, second[0].0, "session id rotated");

    // Expiry is checked on every request.
    app.db
        .exec(
            "UPDATE sessions SET expires_at = $1",
            meedoen::args![meedoen::db::now() - 1],
        )
        .await
        .unwrap();
    assert!(
        !logged_in(&app, &c).await,
        "an expired session does not log in"
    );
    app.stop().await;
}
both!(sessions, sessions_rotate_and_expire);
