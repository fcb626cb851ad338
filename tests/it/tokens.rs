//! Tokens (issue 6), beyond what `accounts` already proves (magic links: single use, expiry
//! and municipality; sessions: rotation and expiry). Here: the email-verification and
//! password-reset links are single-use, expire, and do nothing on another municipality's
//! host; a session cookie of A is nobody on B (and B's admin is nobody on A); a voting code of
//! A's ballot does nothing on B and is not used up by the attempt.

use meedoen::args;
use meedoen::db::now;

use crate::authz::{seed, Fixture};
use crate::both;
use crate::support::{link_in, TestApp, PASSWORD};

const B: &str = "hengelo.test";

async fn reset(app: &TestApp, email: &str) -> reqwest::Response {
    app.client()
        .post(app.url("/wachtwoord-vergeten"))
        .form(&[("email", email)])
        .send()
        .await
        .unwrap()
}

async fn mail_path(app: &TestApp, to: &str, prefix: &str) -> String {
    let (_, body) = app.last_mail(to).await.expect("mail sent");
    let link = link_in(&body, prefix).expect("link in mail");
    link[link.find(prefix).expect("prefix")..].to_string()
}

async fn verified(app: &TestApp, email: &str) -> bool {
    let v: Option<Option<i64>> = app
        .db
        .opt::<(Option<i64>,)>(
            "SELECT email_verified_at FROM users WHERE email = $1",
            args![email],
        )
        .await
        .unwrap()
        .map(|r| r.0);
    matches!(v, Some(Some(_)))
}

async fn email_links_are_single_use_expiring_and_local(app: TestApp) {
    let _fx: Fixture = seed(&app).await;
    let a = app.client();
    let b = app.client_for_host(B);
    // Registration: the verification link.
    let email = "nieuw@tokens.test";
    let r = a
        .post(app.url("/registreren"))
        .form(&[
            ("email", email),
            ("display_name", "Nieuwe Bewoner"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let path = mail_path(&app, email, "/bevestigen/").await;
    for m in ["GET", "POST"] {
        let r = b
            .request(m.parse().unwrap(), app.url_for_host(B, &path))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 410, "{m} {path} on B");
    }
    assert!(!verified(&app, email).await, "B did not verify A's account");
    let r = a.post(app.url(&path)).send().await.unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    assert!(verified(&app, email).await);
    let r = app.client().post(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), 410, "a verification link works once");

    // Password reset: on B nothing, expired nothing, at home once.
    let r = reset(&app, email).await;
    assert!(r.status().is_redirection() || r.status() == 200);
    let path = mail_path(&app, email, "/wachtwoord-herstellen/").await;
    let hash_before: Option<String> = app
        .db
        .scalar(
            "SELECT password_hash FROM users WHERE email = $1",
            args![email],
        )
        .await
        .unwrap();
    let r = b
        .post(app.url_for_host(B, &path))
        .form(&[("password", "een-heel-nieuw-wachtwoord-9")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 410, "A's reset link on B");
    let hash_now: Option<String> = app
        .db
        .scalar(
            "SELECT password_hash FROM users WHERE email = $1",
            args![email],
        )
        .await
        .unwrap();
    assert_eq!(hash_before, hash_now, "password unchanged by B");
    // Expired: the same link a minute past its time.
    app.db
        .exec(
            "UPDATE tokens SET expires_at = $1 WHERE purpose = 'reset_password' AND used_at IS NULL",
            args![now() - 60],
        )
        .await
        .unwrap();
    let r = a
        .post(app.url(&path))
        .form(&[("password", "een-heel-nieuw-wachtwoord-9")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 410, "an expired reset link");
    // A fresh link works once.
    reset(&app, email).await;
    let path = mail_path(&app, email, "/wachtwoord-herstellen/").await;
    let r = a
        .post(app.url(&path))
        .form(&[("password", "een-heel-nieuw-wachtwoord-9")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let r = app
        .client()
        .post(app.url(&path))
        .form(&[("password", "nog-een-ander-wachtwoord-7")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 410, "a reset link works once");
    app.stop().await;
}
both!(email_links, email_links_are_single_use_expiring_and_local);

async fn sessions_and_codes_stay_home(app: TestApp) {
    let fx = seed(&app).await;
    // A's admin session presented on B's host, and B's admin session on A's host.
    let (admin, org_a, _) = fx.users["admin"];
    let (foreign, org_b, _) = fx.users["foreign"];
    let token_a = app.session_token(org_a, admin, true).await;
    let token_b = app.session_token(org_b, foreign, true).await;
    let c = crate::authz::client(&app);
    for (host, token) in [(B, &token_a), ("127.0.0.1", &token_b)] {
        for path in ["/beheer", "/account"] {
            let r = c
                .get(app.url_for_host(host, path))
                .header("cookie", format!("meedoen_sid={token}"))
                .send()
                .await
                .unwrap();
            let loc = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            assert!(
                r.status() == 303 && loc.starts_with("/inloggen"),
                "a session of another municipality is nobody on {host}{path}: {} {loc}",
                r.status()
            );
        }
    }
    // A voting code of A's ballot on B: nothing happens, and the code stays unused at home.
    let editor = app.session_for(fx.users["editor"].0, true).await;
    let ballot = fx.vars["ballot"].clone();
    let r = editor
        .post(app.url(&format!("/beheer/stemmen/{ballot}/codes")))
        .form(&[("count", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let csv = r.text().await.unwrap();
    let code = csv
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .expect("a code")
        .trim()
        .to_string();
    let b = app.client_for_host(B);
    let r = b
        .post(app.url_for_host(B, &format!("/stemmen/{ballot}/code")))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "A's ballot does not exist on B");
    let r = app
        .client()
        .post(app.url(&format!("/stemmen/{ballot}/code")))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_redirection() || r.status() == 200,
        "the code still works at home: {}",
        r.status()
    );
    app.stop().await;
}
both!(sessions_and_codes, sessions_and_codes_stay_home);
