//! Privacy (AVG): the data download holds every kind of personal data the platform keeps
//! about a member; after "delete my account" no table, column or staff export holds their
//! name, email address or IP address, and totals (votes, likes, answers) are unchanged.
//! Retention: voters of an ended project are anonymised after the municipality's period.

use std::collections::BTreeMap;
use std::time::Duration;

use meedoen::args;
use meedoen::components::ComponentRef;
use meedoen::db::{now, Backend as DbBackend, Db};

use crate::both;
use crate::projects::{add_poll, create_project};
use crate::storm::{self, Target};
use crate::support::{TestApp, PASSWORD};

const NAME: &str = "Jannetje Privacytest";
const SURNAME: &str = "Privacytest";
const EMAIL: &str = "jannetje.privacy@voorbeeld.nl";
/// Requests of the person come from this address (Linux routes all of 127/8 to lo).
const IP: &str = "127.0.0.23";

fn person_client(app: &TestApp, token: Option<&str>) -> reqwest::Client {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    if let Some(t) = token {
        let url: reqwest::Url = app.url("/").parse().unwrap();
        jar.add_cookie_str(&format!("meedoen_sid={t}; Path=/"), &url);
    }
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(IP.parse::<std::net::IpAddr>().unwrap())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Every (table, column) of the database.
async fn columns(db: &Db) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match db.backend() {
        DbBackend::Sqlite => {
            let tables: Vec<(String,)> = db
                .all(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                    args![],
                )
                .await
                .unwrap();
            for (t,) in tables {
                let cols: Vec<(String,)> = db
                    .all("SELECT name FROM pragma_table_info($1)", args![&t])
                    .await
                    .unwrap();
                out.extend(cols.into_iter().map(|(c,)| (t.clone(), c)));
            }
        }
        DbBackend::Postgres => {
            let rows: Vec<(String, String)> = db
                .all(
                    "SELECT CAST(c.table_name AS TEXT), CAST(c.column_name AS TEXT) FROM information_schema.columns c \
                     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
                     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1, c.ordinal_position",
                    args![],
                )
                .await
                .unwrap();
            out = rows;
        }
    }
    out
}

/// (table.column, needle) pairs where a needle occurs, case-insensitively.
async fn scan(db: &Db, needles: &[&str]) -> (usize, Vec<String>) {
    let cols = columns(db).await;
    let mut hits = Vec::new();
    for (t, c) in &cols {
        // Dynamic SQL over the schema's own names; leaked because the Db API takes
        // &'static str (a test, a few hundred strings).
        let sql: &'static str = Box::leak(
            format!("SELECT COUNT(*) FROM \"{t}\" WHERE LOWER(CAST(\"{c}\" AS TEXT)) LIKE $1")
                .into_boxed_str(),
        );
        for n in needles {
            let count: Option<i64> = db
                .scalar(sql, args![format!("%{}%", n.to_lowercase())])
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
            if count.unwrap_or(0) > 0 {
                hits.push(format!("{t}.{c} contains {n:?}"));
            }
        }
    }
    (cols.len(), hits)
}

struct Totals(BTreeMap<String, i64>);

async fn totals(app: &TestApp) -> Totals {
    let mut m = BTreeMap::new();
    for (k, sql) in [
        (
            "ballot votes",
            "SELECT CAST(COALESCE(SUM(votes), 0) AS BIGINT) FROM ballot_tallies",
        ),
        ("ballots", "SELECT COUNT(*) FROM ballots"),
        (
            "ballot choices (characters)",
            "SELECT CAST(COALESCE(SUM(LENGTH(choices)), 0) AS BIGINT) FROM ballots",
        ),
        (
            "idea likes",
            "SELECT CAST(COALESCE(SUM(like_count), 0) AS BIGINT) FROM ideas",
        ),
        ("idea like rows", "SELECT COUNT(*) FROM idea_likes"),
        (
            "comments",
            "SELECT CAST(COALESCE(SUM(comment_count), 0) AS BIGINT) FROM ideas",
        ),
        (
            "comment likes",
            "SELECT CAST(COALESCE(SUM(like_count), 0) AS BIGINT) FROM idea_comments",
        ),
        ("ideas", "SELECT COUNT(*) FROM ideas"),
        (
            "poll answers",
            "SELECT CAST(COALESCE(SUM(answers), 0) AS BIGINT) FROM poll_choices",
        ),
        ("poll answer rows", "SELECT COUNT(*) FROM poll_answers"),
    ] {
        let v: Option<i64> = app.db.scalar(sql, args![]).await.unwrap();
        m.insert(k.to_string(), v.unwrap_or(0));
    }
    Totals(m)
}

async fn exec(app: &TestApp, sql: &'static str, a: Vec<meedoen::db::Arg>) {
    app.db
        .exec(sql, a)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn id(app: &TestApp, sql: &'static str, a: Vec<meedoen::db::Arg>) -> i64 {
    app.db
        .write_scalar(sql, a)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Seeds one of each kind of personal data; returns (user id, ballot target, poll id).
async fn seed(app: &TestApp) -> (i64, Target, i64) {
    let t = now();
    let org = app.org_id;
    let uid = meedoen::setup::create_user(&app.db, org, EMAIL, NAME, PASSWORD, &[])
        .await
        .unwrap();
    let other = app.member("buurvrouw@voorbeeld.nl").await;
    let target = storm::setup(app, 1).await.remove(0);
    let ideas_cid: i64 = app
        .db
        .scalar(
            "SELECT ideas_component_id FROM ballot_settings WHERE component_id = $1",
            args![target.ballot],
        )
        .await
        .unwrap()
        .unwrap();

    // Through HTTP, from the person's own address: a session, a ballot, a magic link (token,
    // mail, mail counter), failed logins (counters by address and by account) and a wrong
    // voting code (counter by address).
    let token = app.session_token(org, uid, false).await;
    let me = person_client(app, Some(&token));
    let r = me
        .post(app.url(&format!("/stemmen/{}/bevestigen", target.ballot)))
        .form(&[
            ("idea", target.ideas[0].to_string()),
            ("idea", target.ideas[1].to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "ballot cast");
    let anon = person_client(app, None);
    let r = anon
        .post(app.url("/inloggen/link"))
        .form(&[("email", EMAIL)])
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "{}",
        r.status()
    );
    for _ in 0..2 {
        let r = anon
            .post(app.url("/inloggen"))
            .form(&[("email", EMAIL), ("password", "verkeerd-wachtwoord")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
    }

    // Ideas: an idea (with co-authorship), a comment, likes, a flag, a follow.
    let idea = id(
        app,
        "INSERT INTO ideas (org_id, component_id, user_id, author_name, title, summary, description, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'Meer bankjes in het park', 'Bankjes om uit te rusten', 'Een lange beschrijving van de bankjes', 'submitted', $5, $5) RETURNING id",
        args![org, ideas_cid, uid, NAME, t],
    )
    .await;
    exec(
        app,
        "INSERT INTO idea_authors (org_id, idea_id, user_id) VALUES ($1, $2, $3)",
        args![org, idea, uid],
    )
    .await;
    let comment = id(
        app,
        "INSERT INTO idea_comments (org_id, idea_id, user_id, author_name, stance, body, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'for', 'Goed plan, doen!', $5, $5) RETURNING id",
        args![org, target.ideas[2], uid, NAME, t],
    )
    .await;
    exec(
        app,
        "UPDATE ideas SET comment_count = comment_count + 1 WHERE id = $1",
        args![target.ideas[2]],
    )
    .await;
    exec(
        app,
        "INSERT INTO idea_likes (org_id, idea_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
        args![org, target.ideas[3], uid, t],
    )
    .await;
    exec(
        app,
        "UPDATE ideas SET like_count = like_count + 1 WHERE id = $1",
        args![target.ideas[3]],
    )
    .await;
    exec(app, "INSERT INTO idea_comment_likes (org_id, comment_id, user_id, created_at) VALUES ($1, $2, $3, $4)", args![org, comment, uid, t]).await;
    exec(
        app,
        "UPDATE idea_comments SET like_count = like_count + 1 WHERE id = $1",
        args![comment],
    )
    .await;
    exec(app, "INSERT INTO idea_flags (org_id, target_type, target_id, user_id, reason, created_at) VALUES ($1, 'idea', $2, $3, 'Dit is reclame', $4)", args![org, target.ideas[4], uid, t]).await;
    exec(
        app,
        "INSERT INTO idea_follows (org_id, idea_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
        args![org, target.ideas[0], uid, t],
    )
    .await;

    // A poll answer.
    let (_, staff) = app
        .staff_client("privacy-redactie@enschede.test", "editor")
        .await;
    let pid = create_project(app, &staff, "Peiling privacy").await;
    let poll = add_poll(app, &staff, pid).await;
    exec(
        app,
        "UPDATE polls SET question = 'Wat vindt u van het park?' WHERE component_id = $1",
        args![poll],
    )
    .await;
    let choice = id(
        app,
        "INSERT INTO poll_choices (org_id, component_id, label, position, answers) VALUES ($1, $2, 'Mooi', 1, 1) RETURNING id",
        args![org, poll],
    )
    .await;
    exec(app, "INSERT INTO poll_answers (org_id, component_id, choice_id, user_id, created_at) VALUES ($1, $2, $3, $4, $5)", args![org, poll, choice, uid, t]).await;

    // Makelpunt: a provider the person registered (with their address as contact) and belongs
    // to, an enquiry with a message, an invitation sent and one received.
    let provider = id(
        app,
        "INSERT INTO space_providers (org_id, name, kind, contact_email, contact_phone, may_share, status, created_by, created_at, updated_at) \
         VALUES ($1, 'Buurthuis De Bank', 'buurthuis', $2, '053-1234567', TRUE, 'approved', $3, $4, $4) RETURNING id",
        args![org, EMAIL, uid, t],
    )
    .await;
    exec(app, "INSERT INTO space_provider_members (org_id, provider_id, user_id, created_at) VALUES ($1, $2, $3, $4)", args![org, provider, uid, t]).await;
    let space = id(
        app,
        "INSERT INTO spaces (org_id, provider_id, name, description, status, created_at, updated_at) VALUES ($1, $2, 'Grote zaal', 'Een zaal', 'published', $3, $3) RETURNING id",
        args![org, provider, t],
    )
    .await;
    let enquiry = id(
        app,
        "INSERT INTO space_enquiries (org_id, space_id, sender_id, activity, on_date, part, people, created_at, updated_at) \
         VALUES ($1, $2, $3, 'Breiclub', '2099-03-01', 'evening', 12, $4, $4) RETURNING id",
        args![org, space, uid, t],
    )
    .await;
    exec(app, "INSERT INTO space_enquiry_messages (org_id, enquiry_id, author_id, from_provider, body, created_at) VALUES ($1, $2, $3, FALSE, 'Mogen we koffie zetten?', $4)", args![org, enquiry, uid, t]).await;
    exec(app, "INSERT INTO space_provider_invites (org_id, provider_id, email, invited_by, created_at) VALUES ($1, $2, 'collega@voorbeeld.nl', $3, $4)", args![org, provider, uid, t]).await;
    let other_provider = id(
        app,
        "INSERT INTO space_providers (org_id, name, kind, contact_email, may_share, status, created_by, created_at, updated_at) \
         VALUES ($1, 'Sportclub Noord', 'sportclub', 'info@sportclub.test', TRUE, 'approved', $2, $3, $3) RETURNING id",
        args![org, other, t],
    )
    .await;
    exec(app, "INSERT INTO space_provider_invites (org_id, provider_id, email, invited_by, created_at) VALUES ($1, $2, $3, $4, $5)", args![org, other_provider, EMAIL, other, t]).await;

    // Audit entries by and about the person; an upload; mail to someone else naming them.
    exec(app, "INSERT INTO audit_log (org_id, actor_id, action, object_type, object_id, detail, created_at) VALUES ($1, $2, 'provider.invite', 'provider', '1', 'collega@voorbeeld.nl', $3)", args![org, uid, t]).await;
    exec(app, "INSERT INTO audit_log (org_id, actor_id, action, object_type, object_id, detail, created_at) VALUES ($1, NULL, 'user.role', 'user', $2, $3, $4)", args![org, uid.to_string(), format!("{EMAIL} kreeg geen rol"), t]).await;
    exec(app, "INSERT INTO uploads (org_id, owner_id, storage_key, original_name, width, height, created_at) VALUES ($1, $2, 'privacy-test-key', 'bankje.jpg', 10, 10, $3)", args![org, uid, t]).await;
    exec(app, "INSERT INTO outbox (org_id, to_addr, subject, body_text, next_attempt_at, created_at) VALUES ($1, 'info@sportclub.test', $2, $3, $4, $4)", args![org, format!("Nieuwe vraag van {NAME}"), format!("{NAME} ({EMAIL}) stelde een vraag over de Grote zaal."), t]).await;
    (uid, target, poll)
}

async fn download_has_every_kind_and_erasure_leaves_nothing(app: TestApp) {
    let (uid, target, _poll) = seed(&app).await;
    let token = app.session_token(app.org_id, uid, false).await;
    let me = person_client(&app, Some(&token));

    // The data download.
    let r = me.get(app.url("/account/gegevens")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = r.json().await.unwrap();
    let text = doc.to_string();
    let present = |path: &str| -> bool {
        let v = doc.pointer(path).unwrap_or(&serde_json::Value::Null);
        match v {
            serde_json::Value::Array(a) => !a.is_empty(),
            serde_json::Value::Null => false,
            serde_json::Value::Number(n) => n.as_i64().unwrap_or(0) > 0,
            _ => true,
        }
    };
    let kinds = [
        ("account: email", "/user/email"),
        ("account: name", "/user/display_name"),
        ("sessions", "/session_list"),
        ("tokens (magic link)", "/tokens"),
        ("uploads", "/uploads"),
        ("rate-limit counters naming the person", "/rate_limits"),
        ("ideas", "/modules/ideas/ideas"),
        ("comments", "/modules/ideas/comments"),
        ("likes", "/modules/ideas/likes"),
        ("comment likes", "/modules/ideas/comment_likes"),
        ("flags", "/modules/ideas/flags"),
        ("follows", "/modules/ideas/follows"),
        ("poll answers", "/modules/poll"),
        ("ballots", "/modules/ballot"),
        ("Makelpunt providers", "/modules/spaces/providers"),
        ("Makelpunt enquiries", "/modules/spaces/enquiries"),
        ("Makelpunt messages", "/modules/spaces/messages"),
        ("Makelpunt invitations", "/modules/spaces/invites"),
        ("mail to the person", "/emails"),
        ("audit entries by the person", "/audit_log"),
        ("audit entries about the person", "/audit_log_about_me"),
    ];
    let missing: Vec<&str> = kinds
        .iter()
        .filter(|(_, p)| !present(p))
        .map(|(k, _)| *k)
        .collect();
    assert!(
        missing.is_empty(),
        "missing from the download: {missing:?}\n{text}"
    );
    for needle in [
        "Meer bankjes in het park",
        "Goed plan, doen!",
        "Dit is reclame",
        "Mooi",
        "Stormidee 0",
        "Buurthuis De Bank",
        "Breiclub",
        "Mogen we koffie zetten?",
        "Sportclub Noord",
        "bankje.jpg",
        "magic_link",
    ] {
        assert!(text.contains(needle), "download lacks {needle:?}");
    }
    assert!(
        !text.contains("password_hash") && !text.contains("$argon2"),
        "no secrets"
    );

    // The person's data is in the database now; the scan finds it (so it can find it).
    let (n_cols, before) = scan(&app.db, &[EMAIL, NAME, IP]).await;
    assert!(n_cols > 100, "{n_cols} columns scanned");
    assert!(
        before.iter().any(|h| h.starts_with("users.email")),
        "{before:?}"
    );

    let totals_before = totals(&app).await;
    let r = me
        .post(app.url("/account/verwijderen"))
        .form(&[("confirm", "ja")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let totals_after = totals(&app).await;
    assert_eq!(totals_before.0, totals_after.0, "totals unchanged");

    // Every table and column, for the name, the surname alone, the email and the IP address.
    let (n_cols, hits) = scan(&app.db, &[EMAIL, NAME, SURNAME, "jannetje", IP]).await;
    assert!(
        hits.is_empty(),
        "after deletion, {} of {n_cols} columns still hold personal data: {hits:?}",
        hits.len()
    );
    // The staff exports of every component.
    let state = app.app.as_ref().unwrap().state();
    let comps: Vec<ComponentRef> = app
        .db
        .all(
            "SELECT id, org_id, project_id, kind, title, position FROM components WHERE org_id = $1",
            args![app.org_id],
        )
        .await
        .unwrap();
    assert!(comps.len() >= 3);
    for c in &comps {
        let comp = state.modules.component(&c.kind).expect("registered");
        let csv = comp.export_csv(state, c).await.unwrap();
        let csv = String::from_utf8_lossy(&csv).to_lowercase();
        for n in [EMAIL, NAME, SURNAME, IP] {
            assert!(
                !csv.contains(&n.to_lowercase()),
                "{} export holds {n}",
                c.kind
            );
        }
    }
    // The ballot still counts, without a voter.
    let (key, user): (String, Option<i64>) = app
        .db
        .one(
            "SELECT voter_key, user_id FROM ballots WHERE component_id = $1",
            args![target.ballot],
        )
        .await
        .unwrap();
    assert!(key.starts_with("x:") && user.is_none(), "{key}");
    // The session is gone and the account cannot log in.
    let r = me.get(app.url("/account")).send().await.unwrap();
    assert!(
        r.status().is_redirection() || r.status() == 401,
        "{}",
        r.status()
    );
    eprintln!(
        "privacy {:?}: {} kinds in the download; {n_cols} columns scanned after deletion: 0 hits",
        app.backend,
        kinds.len()
    );
}

both!(
    download_and_erasure,
    download_has_every_kind_and_erasure_leaves_nothing
);

async fn retention_anonymises_voters_of_ended_projects(app: TestApp) {
    let target = storm::setup(&app, 1).await.remove(0);
    let voters = storm::make_voters(&app.db, app.org_id, 3, "r").await;
    for v in &voters {
        let tok = storm::session_token(&app.db, app.org_id, *v).await;
        let c = storm::client_with_session(&app.base, &tok);
        let r = c
            .post(app.url(&format!("/stemmen/{}/bevestigen", target.ballot)))
            .form(&[("idea", target.ideas[3].to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    }
    let tally = |app: &TestApp| {
        let db = app.db.clone();
        let b = target.ballot;
        async move {
            db.all::<(i64, i64)>(
                "SELECT idea_id, CAST(SUM(votes) AS BIGINT) FROM ballot_tallies WHERE component_id = $1 GROUP BY idea_id ORDER BY idea_id",
                args![b],
            )
            .await
            .unwrap()
        }
    };
    let before = tally(&app).await;
    let linked = |app: &TestApp| {
        let db = app.db.clone();
        let b = target.ballot;
        async move {
            db.scalar::<i64>(
                "SELECT COUNT(*) FROM ballots WHERE component_id = $1 AND user_id IS NOT NULL",
                args![b],
            )
            .await
            .unwrap()
            .unwrap()
        }
    };
    // The settings page shows the defaults (60 days) and saves a new period.
    let (_, admin) = app
        .staff_client("privacy-admin@enschede.test", "admin")
        .await;
    let page = admin
        .get(app.url("/beheer/instellingen"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("name=\"voter_retention_days\" value=\"60\""),
        "{page}"
    );
    assert!(
        !page.contains("privacy-retention"),
        "no missing translations"
    );
    let mut form: Vec<(String, String)> = [
        ("name", "Enschede"),
        ("default_lang", "nl"),
        ("email_from", "participatie@enschede.test"),
        ("primary_color", "#c4001a"),
        ("secondary_color", "#1d3b6e"),
        ("font", "system-ui, sans-serif"),
        ("privacy_md", ""),
        ("accessibility_md", ""),
        ("voter_retention_days", "veertig"),
        ("ip_retention_days", "30"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let r = admin
        .post(app.url("/beheer/instellingen"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Vul een heel getal in van 0 tot en met 3650")
            && body.contains("value=\"veertig\"")
    );
    form[8].1 = "40".into();
    let r = admin
        .post(app.url("/beheer/instellingen"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let r = meedoen::privacy::settings(&app.db, app.org_id)
        .await
        .unwrap();
    assert_eq!((r.voter_days, r.ip_days), (40, 30));

    let state = app.app.as_ref().unwrap().state();
    // Still open: nothing happens.
    meedoen::privacy::apply_retention(state).await.unwrap();
    assert_eq!(linked(&app).await, 3);
    // The ballot closed 39 days ago: not yet.
    let day = 24 * 3600;
    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = $2, opens_at = $3 WHERE component_id = $1",
            args![target.ballot, now() - 39 * day, now() - 50 * day],
        )
        .await
        .unwrap();
    meedoen::privacy::apply_retention(state).await.unwrap();
    assert_eq!(linked(&app).await, 3, "39 days after the end: kept");
    // An IP counter from 31 days ago and one from today.
    let old_ip = meedoen::ratelimit::stored_bucket("login-ip:192.0.2.1");
    for ws in [now() - 31 * day, now()] {
        app.db
            .exec(
                "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1)",
                args![&old_ip, ws],
            )
            .await
            .unwrap();
    }
    // 41 days later than the close: anonymised, counts unchanged, done once.
    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = $2 WHERE component_id = $1",
            args![target.ballot, now() - 41 * day],
        )
        .await
        .unwrap();
    let n = meedoen::privacy::apply_retention(state).await.unwrap();
    assert!(n >= 4, "3 ballots and an IP counter: {n}");
    assert_eq!(linked(&app).await, 0);
    let keys: Vec<(String, Option<i64>)> = app
        .db
        .all(
            "SELECT voter_key, code_id FROM ballots WHERE component_id = $1",
            args![target.ballot],
        )
        .await
        .unwrap();
    assert!(
        keys.iter().all(|(k, c)| k.starts_with("x:") && c.is_none()),
        "{keys:?}"
    );
    assert_eq!(tally(&app).await, before, "tallies unchanged");
    let left: Option<i64> = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM rate_counters WHERE bucket = $1",
            args![&old_ip],
        )
        .await
        .unwrap();
    assert_eq!(left, Some(1), "only the recent IP counter is kept");
    assert_eq!(
        meedoen::privacy::apply_retention(state).await.unwrap(),
        0,
        "idempotent"
    );
}

both!(retention, retention_anonymises_voters_of_ended_projects);
