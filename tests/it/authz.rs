//! The authorization matrix (issue 6): every route of the router (found in the source by
//! `routes::all`), every method, tried as nine roles against seeded objects of municipality
//! A, and compared with `authz_expected.tsv`. A route in the code but not in the table fails,
//! and so does a table row without a route: nothing ships unreviewed.
//!
//! Every request gets a fresh session, so a logout or a refused request never changes what
//! the next one sees. Objects that a request deletes are made fresh for that request
//! (`$f...` variables). The foreign admin reaches the same paths (with A's ids) under the
//! host of municipality B; whatever B's admin gets must not contain any of A's data.
//!
//! To see the observed table after a deliberate change: `MEEDOEN_AUTHZ_WRITE=1 cargo test
//! --test it authz` writes `target/authz_observed.tsv`; review it line by line before copying.

use std::collections::{BTreeMap, BTreeSet};

use meedoen::args;
use meedoen::db::now;

use crate::both;
use crate::projects::{add_poll, configure_poll, create_project, png};
use crate::support::TestApp;

pub const ROLES: [&str; 9] = [
    "anon",
    "unverified",
    "member",
    "author",
    "other",
    "moderator",
    "editor",
    "admin",
    "foreign",
];

const FOREIGN_HOST: &str = "hengelo.test";

/// One row of the expected table.
#[derive(Clone, Debug)]
pub struct Row {
    pub method: String,
    pub pattern: String,
    pub concrete: String,
    pub expected: Vec<String>,
    pub body: Option<String>,
}

pub fn table_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/it/authz_expected.tsv")
}

/// Seeds a module's objects for its rows (see `modules!` in main.rs).
pub type SeedFn =
    for<'a> fn(
        &'a TestApp,
        &'a mut Fixture,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'a>>;

/// The tables of the modules in the module shape: `tests/it/<module>/authz.tsv`.
fn module_tables() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/it");
    crate::MODULE_SEEDS
        .iter()
        .map(|(m, _)| dir.join(m).join("authz.tsv"))
        .collect()
}

/// The expected table: rows keyed by (METHOD, pattern), from `authz_expected.tsv` and every
/// module's own table.
pub fn table() -> BTreeMap<(String, String), Row> {
    let mut text = std::fs::read_to_string(table_path()).expect("authz_expected.tsv");
    for p in module_tables() {
        let more = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        text.push('\n');
        text.push_str(&more);
    }
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(
            cols.len() == 3 + ROLES.len() || cols.len() == 4 + ROLES.len(),
            "authz_expected.tsv line {}: {} columns: {line}",
            n + 1,
            cols.len()
        );
        let row = Row {
            method: cols[0].to_string(),
            pattern: cols[1].to_string(),
            concrete: cols[2].to_string(),
            expected: cols[3..3 + ROLES.len()]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            body: cols.get(3 + ROLES.len()).map(|s| s.to_string()),
        };
        for e in &row.expected {
            assert!(
                CLASSES.contains(&e.as_str()),
                "line {}: unknown class {e}",
                n + 1
            );
        }
        let key = (row.method.clone(), row.pattern.clone());
        assert!(
            out.insert(key, row).is_none(),
            "line {}: duplicate row",
            n + 1
        );
    }
    out
}

const CLASSES: [&str; 10] = [
    "ok",
    "gone",
    "login",
    "mfa",
    "verify",
    "forbidden",
    "notfound",
    "invalid",
    "limited",
    "unreadable",
];

/// Cells where the code is known to differ from the table (the table holds the secure
/// answer). Each gets its own test, ignored until the fix lands; remove the entry then.
/// (Flagging by unverified accounts was the first such entry; fixed.)
const KNOWN_BUGS: [(&str, &str, &str); 0] = [];

/// The class of an answer (documented at the top of authz_expected.tsv).
pub fn classify(status: u16, location: &str, body: &str) -> &'static str {
    match status {
        200..=299 => "ok",
        300..=399 if location.starts_with("/inloggen/tweestaps") => "mfa",
        300..=399 if location.starts_with("/inloggen") => "login",
        300..=399 => "ok",
        401 => "login",
        403 if body.contains("tweestapsverificatie") => "mfa",
        403 => "forbidden",
        404 => "notfound",
        410 => "gone",
        422 if body.contains("Bevestig eerst uw e-mailadres") => "verify",
        422 if body.contains("kon niet worden gelezen") => "unreadable",
        400 | 409 | 413 | 415 | 422 => "invalid",
        429 => "limited",
        _ => "error",
    }
}

/// The users of the matrix and the objects they own.
pub struct Fixture {
    pub vars: BTreeMap<String, String>,
    /// user id per role (anon: none), and the municipality of its session.
    pub users: BTreeMap<&'static str, (i64, i64, bool)>,
    pub org_b: i64,
    /// Texts only municipality A has; the foreign admin must never see them.
    pub markers: Vec<String>,
    /// Makers of a module's `$f...` objects (fresh for each request), by variable name.
    pub fresh: Vec<(&'static str, FreshFn)>,
}

/// Makes one fresh object of a module for a request that deletes it; returns its id.
pub type FreshFn =
    for<'a> fn(
        &'a TestApp,
        &'a Fixture,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = String> + Send + 'a>>;

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn id_after(loc: &str, prefix: &str) -> i64 {
    loc.split(prefix)
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no id after {prefix} in {loc}"))
}

async fn add_component(
    app: &TestApp,
    staff: &reqwest::Client,
    pid: i64,
    kind: &str,
    prefix: &str,
) -> i64 {
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/onderdelen")))
        .form(&[("kind", kind), ("title", "Onderdeel van de matrix")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    id_after(&location(&r), prefix)
}

async fn expect_303(r: reqwest::Response, what: &str) -> String {
    let s = r.status();
    let loc = location(&r);
    assert_eq!(s, 303, "{what}: {}", r.text().await.unwrap_or_default());
    loc
}

const DESCRIPTION: &str = "In de Ledeboerstraat staan geen bankjes. Ouderen lopen daar elke dag naar de winkel en \
     moeten onderweg even kunnen rusten. Drie bankjes in de schaduw zouden veel helpen voor de buurt.";

/// Seeds municipality A through the real forms (and B with its admin).
pub async fn seed(app: &TestApp) -> Fixture {
    let mut vars = BTreeMap::new();
    let mut users = BTreeMap::new();
    let o = app.org_id;
    let member = app.member("lid@matrix.test").await;
    let author = app.member("auteur@matrix.test").await;
    let other = app.member("ander@matrix.test").await;
    let host = app.member("gastheer@matrix.test").await;
    let unverified = app.member("onbevestigd@matrix.test").await;
    app.db
        .exec(
            "UPDATE users SET email_verified_at = NULL WHERE id = $1",
            args![unverified],
        )
        .await
        .unwrap();
    let moderator = app.staff("moderator@matrix.test", "moderator").await;
    let editor = app.staff("redacteur@matrix.test", "editor").await;
    let admin = app.staff("beheerder@matrix.test", "admin").await;
    let org_b = app.second_org(FOREIGN_HOST).await;
    let foreign = meedoen::setup::create_user(
        &app.db,
        org_b,
        "beheerder@hengelo.test",
        "Beheerder Hengelo",
        crate::support::PASSWORD,
        &["admin"],
    )
    .await
    .unwrap();
    users.insert("unverified", (unverified, o, false));
    users.insert("member", (member, o, false));
    users.insert("author", (author, o, false));
    users.insert("other", (other, o, false));
    users.insert("moderator", (moderator, o, true));
    users.insert("editor", (editor, o, true));
    users.insert("admin", (admin, o, true));
    users.insert("foreign", (foreign, org_b, true));
    vars.insert("user".into(), other.to_string());

    let staff = app.session_for(editor, true).await;
    let author_c = app.session_for(author, false).await;
    let host_c = app.session_for(host, false).await;

    // A published project with a phase, a news update, ideas, a ballot and a poll.
    let pid = create_project(app, &staff, "Matrixproject Enschede").await;
    let poll = add_poll(app, &staff, pid).await;
    configure_poll(app, &staff, poll).await;
    let ideas = add_component(app, &staff, pid, "ideas", "/beheer/ideeen/").await;
    let r = staff
        .post(app.url(&format!("/beheer/ideeen/{ideas}")))
        .form(&[
            ("opens_on", "2020-01-01"),
            ("closes_on", "2099-12-31"),
            ("title_min", "10"),
            ("title_max", "50"),
            ("summary_min", "20"),
            ("summary_max", "140"),
            ("description_min", "140"),
            ("description_max", "5000"),
            ("flag_threshold", "3"),
            ("comments_open", "1"),
        ])
        .send()
        .await
        .unwrap();
    expect_303(r, "ideas settings").await;
    let ballot = add_component(app, &staff, pid, "ballot", "/beheer/stemmen/").await;
    let phase: i64 = app
        .db
        .write_scalar(
            "INSERT INTO phases (org_id, project_id, name, starts_on, ends_on) VALUES ($1, $2, 'Ideeën', '2026-01-01', '2026-12-31') RETURNING id",
            args![o, pid],
        )
        .await
        .unwrap();
    let update: i64 = app
        .db
        .write_scalar(
            "INSERT INTO project_updates (org_id, project_id, title, body_md, published_at) VALUES ($1, $2, 'Nieuws', 'Tekst', $3) RETURNING id",
            args![o, pid, now()],
        )
        .await
        .unwrap();
    let area: i64 = app
        .db
        .write_scalar(
            "INSERT INTO areas (org_id, kind, name, slug) VALUES ($1, 'district', 'Matrixwijk', 'matrixwijk') RETURNING id",
            args![o],
        )
        .await
        .unwrap();
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/status")))
        .form(&[("status", "published")])
        .send()
        .await
        .unwrap();
    expect_303(r, "publish project").await;
    let slug: String = app
        .db
        .scalar("SELECT slug FROM projects WHERE id = $1", args![pid])
        .await
        .unwrap()
        .unwrap();

    // The author's idea and comment.
    let r = author_c
        .post(app.url(&format!("/onderdelen/{ideas}/ideeen/nieuw")))
        .form(&[
            ("title", "Bankjes in de Matrixstraat"),
            ("summary", "Bankjes zodat ouderen kunnen rusten."),
            ("description", DESCRIPTION),
            ("cost", "4500"),
            ("area_id", ""),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    let idea = id_after(&expect_303(r, "idea").await, "/ideeen/");
    app.db
        .exec(
            "UPDATE ideas SET status = 'accepted' WHERE id = $1",
            args![idea],
        )
        .await
        .unwrap();
    let r = author_c
        .post(app.url(&format!("/ideeen/{idea}/reacties")))
        .form(&[
            ("body", "Een goede reactie van de auteur."),
            ("stance", "for"),
        ])
        .send()
        .await
        .unwrap();
    expect_303(r, "comment").await;
    let comment: i64 = app
        .db
        .scalar(
            "SELECT id FROM idea_comments WHERE idea_id = $1 ORDER BY id DESC LIMIT 1",
            args![idea],
        )
        .await
        .unwrap()
        .unwrap();
    let r = staff
        .post(app.url(&format!("/beheer/stemmen/{ballot}")))
        .form(&[
            ("ideas_component_id", ideas.to_string().as_str()),
            ("ballot_type", "budget"),
            ("min_budget", "0"),
            ("max_budget", "50000"),
            ("opens_at", "2020-01-01T00:00"),
            ("closes_at", "2099-01-01T00:00"),
            ("allow_members", "1"),
            ("allow_codes", "1"),
            ("confirm_step", "1"),
        ])
        .send()
        .await
        .unwrap();
    expect_303(r, "ballot settings").await;

    // Makelpunt: the author's provider with a space and a photo; the host's provider with a
    // space the author sent an enquiry about; a pending provider.
    let provider = register(app, &author_c, "Buurthuis Matrix", "auteur@matrix.test").await;
    let provider2 = register(app, &host_c, "Kerk De Gastheer", "gastheer@matrix.test").await;
    let (_, pending_c) = app.member_client("wachtend@matrix.test").await;
    let pending = register(
        app,
        &pending_c,
        "Wachtende Stichting",
        "wachtend@matrix.test",
    )
    .await;
    for p in [provider, provider2] {
        let r = staff
            .post(app.url(&format!("/beheer/makelpunt/aanbieders/{p}/besluit")))
            .form(&[("decision", "approve"), ("reason", "")])
            .send()
            .await
            .unwrap();
        expect_303(r, "approve").await;
    }
    let space = make_space(app, &author_c, provider, "Zaal Matrix").await;
    let space2 = make_space(app, &host_c, provider2, "Zaal Gastheer").await;
    let space3 = make_space(app, &host_c, provider2, "Zaal Depubliceren").await;
    let r = author_c
        .post(app.url(&format!(
            "/makelpunt/aanbieder/{provider}/ruimtes/{space}/fotos"
        )))
        .multipart(
            reqwest::multipart::Form::new()
                .text("alt", "Zaal met tafels")
                .part(
                    "photo",
                    reqwest::multipart::Part::bytes(png(40, 30))
                        .file_name("zaal.png")
                        .mime_str("image/png")
                        .unwrap(),
                ),
        )
        .send()
        .await
        .unwrap();
    expect_303(r, "photo").await;
    let key: String = app
        .db
        .scalar(
            "SELECT u.storage_key FROM space_photos p JOIN uploads u ON u.id = p.upload_id WHERE p.space_id = $1",
            args![space],
        )
        .await
        .unwrap()
        .unwrap();
    let r = author_c
        .post(app.url(&format!("/makelpunt/ruimtes/{space2}/aanvraag")))
        .form(&[
            ("activity", "Breiclub"),
            ("on_date", "2027-04-07"),
            ("part", "morning"),
            ("people", "12"),
            (
                "message",
                "Wij zoeken elke week een plek om samen te breien.",
            ),
            ("website", ""),
        ])
        .send()
        .await
        .unwrap();
    expect_303(r, "enquiry").await;
    let enquiry: i64 = app
        .db
        .scalar(
            "SELECT id FROM space_enquiries WHERE space_id = $1",
            args![space2],
        )
        .await
        .unwrap()
        .unwrap();
    let outbox: i64 = app
        .db
        .scalar("SELECT MAX(id) FROM outbox", vec![])
        .await
        .unwrap()
        .unwrap();
    let home = app
        .client()
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let asset = home
        .split("/static/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("an asset link on the home page")
        .to_string();

    let department: i64 = app
        .db
        .write_scalar(
            "INSERT INTO departments (org_id, name, slug, created_at) VALUES ($1, 'Matrixafdeling', 'matrixafdeling', $2) RETURNING id",
            args![o, now()],
        )
        .await
        .unwrap();
    for (k, v) in [
        ("department", department.to_string()),
        ("project", pid.to_string()),
        ("slug", slug),
        ("phase", phase.to_string()),
        ("update", update.to_string()),
        ("poll", poll.to_string()),
        ("ideas", ideas.to_string()),
        ("ballot", ballot.to_string()),
        ("idea", idea.to_string()),
        ("comment", comment.to_string()),
        ("area", area.to_string()),
        ("provider", provider.to_string()),
        ("pending", pending.to_string()),
        ("space", space.to_string()),
        ("space3", space3.to_string()),
        ("enquiry", enquiry.to_string()),
        ("outbox", outbox.to_string()),
        ("key", key),
        ("asset", asset),
    ] {
        vars.insert(k.to_string(), v);
    }
    let mut fx = Fixture {
        vars,
        users,
        org_b,
        markers: vec![
            "Matrixproject Enschede".into(),
            "Bankjes in de Matrixstraat".into(),
            "Een goede reactie van de auteur".into(),
            "Buurthuis Matrix".into(),
            "Zaal Matrix".into(),
            "auteur@matrix.test".into(),
            "Matrixwijk".into(),
            "Matrixafdeling".into(),
        ],
        fresh: Vec::new(),
    };
    for (_, seed) in crate::MODULE_SEEDS {
        seed(app, &mut fx).await;
    }
    fx
}

async fn register(app: &TestApp, c: &reqwest::Client, name: &str, email: &str) -> i64 {
    let r = c
        .post(app.url("/makelpunt/aanbieder-worden"))
        .form(&[
            ("name", name),
            ("kind", "buurthuis"),
            ("contact_email", email),
            ("contact_phone", "053 123 4567"),
            ("may_share", "1"),
        ])
        .send()
        .await
        .unwrap();
    id_after(&expect_303(r, "provider").await, "/makelpunt/aanbieder/")
}

async fn make_space(app: &TestApp, c: &reqwest::Client, pid: i64, name: &str) -> i64 {
    let r = c
        .post(app.url(&format!("/makelpunt/aanbieder/{pid}/ruimtes/nieuw")))
        .form(&[
            ("name", name),
            ("description", "Een zaal voor groepen uit de buurt."),
            ("address", "Hoofdstraat 1, Enschede"),
            ("price_type", "free"),
            ("status", "published"),
            ("cap_seated", "10"),
            ("week", "2-morning"),
        ])
        .send()
        .await
        .unwrap();
    id_after(&expect_303(r, "space").await, "/ruimtes/")
}

/// Makes the `$f...` objects a request may delete, fresh for that request.
async fn fresh(app: &TestApp, fx: &Fixture, name: &str) -> String {
    if let Some((_, make)) = fx.fresh.iter().find(|(n, _)| *n == name) {
        return make(app, fx).await;
    }
    let o = app.org_id;
    let pid: i64 = fx.vars["project"].parse().unwrap();
    let id: i64 = match name {
        "fphase" => app
            .db
            .write_scalar(
                "INSERT INTO phases (org_id, project_id, name, starts_on, ends_on) VALUES ($1, $2, 'Weg', '2026-01-01', '2026-02-01') RETURNING id",
                args![o, pid],
            )
            .await
            .unwrap(),
        "fupdate" => app
            .db
            .write_scalar(
                "INSERT INTO project_updates (org_id, project_id, title, body_md, published_at) VALUES ($1, $2, 'Weg', 'Weg', $3) RETURNING id",
                args![o, pid, now()],
            )
            .await
            .unwrap(),
        "fcomponent" => {
            let c: i64 = app
                .db
                .write_scalar(
                    "INSERT INTO components (org_id, project_id, kind, title, position, created_at) VALUES ($1, $2, 'poll', 'Weg', 99, $3) RETURNING id",
                    args![o, pid, now()],
                )
                .await
                .unwrap();
            app.db
                .exec(
                    "INSERT INTO polls (component_id, org_id, question, is_open) VALUES ($1, $2, '', TRUE)",
                    args![c, o],
                )
                .await
                .unwrap();
            c
        }
        "fdepartment" => app
            .db
            .write_scalar(
                "INSERT INTO departments (org_id, name, slug, created_at) VALUES ($1, 'Weg', $2, $3) RETURNING id",
                args![o, format!("weg-{}", meedoen::web::session::random_token().to_lowercase().replace(['-', '_'], "")), now()],
            )
            .await
            .unwrap(),
        "farea" => app
            .db
            .write_scalar(
                "INSERT INTO areas (org_id, kind, name, slug) VALUES ($1, 'district', 'Weg', $2) RETURNING id",
                args![o, format!("weg-{}", meedoen::web::session::random_token().to_lowercase().replace(['-', '_'], ""))],
            )
            .await
            .unwrap(),
        "fphoto" => {
            let sid: i64 = fx.vars["space"].parse().unwrap();
            let key = format!(
                "{}.jpg",
                &meedoen::web::session::hash_token(&meedoen::web::session::random_token())[..32]
            );
            let up: i64 = app
                .db
                .write_scalar(
                    "INSERT INTO uploads (org_id, owner_id, storage_key, original_name, width, height, created_at) VALUES ($1, NULL, $2, 'weg.png', 1, 1, $3) RETURNING id",
                    args![o, key, now()],
                )
                .await
                .unwrap();
            app.db
                .write_scalar(
                    "INSERT INTO space_photos (org_id, space_id, upload_id, alt, created_at) VALUES ($1, $2, $3, 'Weg', $4) RETURNING id",
                    args![o, sid, up, now()],
                )
                .await
                .unwrap()
        }
        other => panic!("unknown fresh variable ${other}"),
    };
    id.to_string()
}

/// `$name` replaced by the fixture's values (fresh ones made now).
async fn fill(app: &TestApp, fx: &Fixture, s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let end = tail
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tail.len());
        let name = &tail[..end];
        let v = if name.starts_with('f') && !fx.vars.contains_key(name) {
            fresh(app, fx, name).await
        } else {
            fx.vars
                .get(name)
                .unwrap_or_else(|| panic!("unknown variable ${name} in {s}"))
                .clone()
        };
        out.push_str(&v);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

pub struct Answer {
    pub status: u16,
    pub location: String,
    pub body: String,
}

/// Sends `method path` as `role` with a fresh session. `body`: urlencoded pairs, or
/// `mp:` + pairs for a multipart form.
// One request, spelled out: the matrix, CSRF and token tests all build on it.
#[allow(clippy::too_many_arguments)]
pub async fn send(
    app: &TestApp,
    fx: &Fixture,
    client: &reqwest::Client,
    role: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
    extra: &[(&str, &str)],
) -> Answer {
    let url = if role == "foreign" {
        app.url_for_host(FOREIGN_HOST, path)
    } else {
        app.url(path)
    };
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = client.request(m, url);
    if let Some((uid, org, mfa)) = fx.users.get(role) {
        let token = app.session_token(*org, *uid, *mfa).await;
        req = req.header("cookie", format!("meedoen_sid={token}"));
    }
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    if method != "GET" {
        let raw = body.unwrap_or("");
        if let Some(mp) = raw.strip_prefix("mp:") {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(mp).unwrap();
            let mut form = reqwest::multipart::Form::new();
            for (k, v) in pairs {
                form = form.text(k, v);
            }
            req = req.multipart(form);
        } else {
            req = req
                .header("content-type", "application/x-www-form-urlencoded")
                .body(raw.to_string());
        }
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let location = location(&r);
    let body = r.text().await.unwrap_or_default();
    Answer {
        status,
        location,
        body,
    }
}

pub fn client(app: &TestApp) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .resolve(FOREIGN_HOST, app.app.as_ref().expect("running").addr())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap()
}

/// The table and the source agree: every route has a row, every row a route.
#[test]
fn every_route_is_in_the_table() {
    let routes = crate::routes::all();
    let table = table();
    let rows: BTreeSet<(String, String)> = table.keys().cloned().collect();
    let missing: Vec<String> = routes
        .difference(&rows)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    let stale: Vec<String> = rows
        .difference(&routes)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without a row in tests/it/authz_expected.tsv (review who may use them and add a row): {missing:#?}"
    );
    assert!(
        stale.is_empty(),
        "rows in tests/it/authz_expected.tsv without a route: {stale:#?}"
    );
}

async fn matrix(app: TestApp) {
    let fx = seed(&app).await;
    let table = table();
    let c = client(&app);
    let mut failures = Vec::new();
    let mut observed = String::new();
    let mut cells = 0usize;
    // GETs first, then state-changing requests, so a successful POST cannot change what a
    // later GET answers.
    let mut rows: Vec<&Row> = table.values().filter(|r| r.method == "GET").collect();
    rows.extend(table.values().filter(|r| r.method != "GET"));
    for row in rows {
        let mut got = Vec::new();
        for (i, role) in ROLES.iter().enumerate() {
            let path = fill(&app, &fx, &row.concrete).await;
            let body = match &row.body {
                Some(b) => Some(fill(&app, &fx, b).await),
                None => None,
            };
            let a = send(
                &app,
                &fx,
                &c,
                role,
                &row.method,
                &path,
                body.as_deref(),
                &[],
            )
            .await;
            cells += 1;
            let class = classify(a.status, &a.location, &a.body);
            if class == "error" {
                failures.push(format!(
                    "{} {} as {role}: status {} {}",
                    row.method,
                    path,
                    a.status,
                    &a.body[..a.body.len().min(300)]
                ));
            } else if class != row.expected[i]
                && !KNOWN_BUGS.contains(&(row.method.as_str(), row.pattern.as_str(), *role))
            {
                failures.push(format!(
                    "{} {} as {role}: expected {}, got {class} ({} {})",
                    row.method, path, row.expected[i], a.status, a.location
                ));
            }
            if *role == "foreign" {
                for m in &fx.markers {
                    if a.body.contains(m.as_str()) {
                        failures.push(format!(
                            "{} {} as the admin of another municipality shows A's \"{m}\"",
                            row.method, path
                        ));
                    }
                }
            }
            got.push(
                if std::env::var("MEEDOEN_AUTHZ_WRITE").as_deref() == Ok("status") {
                    format!("{class}:{}", a.status)
                } else {
                    class.to_string()
                },
            );
        }
        observed.push_str(&format!(
            "{}\t{}\t{}\t{}{}\n",
            row.method,
            row.pattern,
            row.concrete,
            got.join("\t"),
            row.body
                .as_ref()
                .map(|b| format!("\t{b}"))
                .unwrap_or_default()
        ));
    }
    if std::env::var("MEEDOEN_AUTHZ_WRITE").is_ok() {
        let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../../target/authz_observed_{:?}.tsv", app.backend));
        std::fs::write(&out, &observed).unwrap();
    }
    assert!(cells >= 9 * 100, "cells checked: {cells}");
    assert!(
        failures.is_empty(),
        "{} of {cells} answers differ from tests/it/authz_expected.tsv:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let _ = fx.org_b;
    app.stop().await;
}
both!(matrix, matrix);

/// Flags hide content once enough come in, so only verified members may flag (like liking
/// and commenting). Fails until `flag_idea`/`flag_comment` call `require_member`.
async fn flags_need_a_verified_account(app: TestApp) {
    let fx = seed(&app).await;
    let c = client(&app);
    for path in [
        format!("/ideeen/{}/melden", fx.vars["idea"]),
        format!("/reacties/{}/melden", fx.vars["comment"]),
    ] {
        let a = send(
            &app,
            &fx,
            &c,
            "unverified",
            "POST",
            &path,
            Some("reason=Dit+is+reclame"),
            &[],
        )
        .await;
        assert_eq!(classify(a.status, &a.location, &a.body), "verify", "{path}");
    }
    let flags: Option<i64> = app
        .db
        .scalar("SELECT COUNT(*) FROM idea_flags", vec![])
        .await
        .unwrap();
    assert_eq!(flags, Some(0), "no flag stored from an unverified account");
    app.stop().await;
}
crate::both!(flags_need_a_verified_account, flags_need_a_verified_account);
