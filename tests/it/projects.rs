//! Project sites: staff screens through the real HTTP forms, the publishing rule, public
//! pages, drafts, tenant isolation, uploads and the home page's query bound.

use meedoen::args;
use meedoen::db::now;
use reqwest::multipart::{Form, Part};

use crate::both;
use crate::support::TestApp;

/// A valid PNG of `w`×`h` pixels.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 40]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Only a PNG signature and header claiming `w`×`h` pixels: a decompression bomb's shape.
pub fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    let mut chunk = b"IHDR".to_vec();
    chunk.extend_from_slice(&w.to_be_bytes());
    chunk.extend_from_slice(&h.to_be_bytes());
    chunk.extend_from_slice(&[8, 2, 0, 0, 0]);
    out.extend_from_slice(&13u32.to_be_bytes());
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    // A short IDAT (a real bomb would compress gigabytes of zeros into it) and IEND.
    for (kind, data) in [
        (
            &b"IDAT"[..],
            &[0x78u8, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01][..],
        ),
        (&b"IEND"[..], &[][..]),
    ] {
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(&chunk);
        out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    out
}

fn project_form(title: &str) -> Form {
    Form::new()
        .text("title", title.to_string())
        .text("slug", "")
        .text("summary", "Samen kiezen we wat er in het park komt.")
        .text("body", "## Het plan\n\nWe maken het park **groener**.")
        .text("area_id", "")
        .text("new_theme", "Groen")
        .text("contact_name", "Sanne de Vries")
        .text("contact_email", "sanne@enschede.test")
        .text("status", "draft")
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Creates a project through the staff form; returns its id.
pub async fn create_project(app: &TestApp, c: &reqwest::Client, title: &str) -> i64 {
    let r = c
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(project_form(title))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let loc = location(&r);
    let id = loc
        .trim_start_matches("/beheer/projecten/")
        .split('?')
        .next()
        .unwrap()
        .parse::<i64>();
    id.unwrap_or_else(|_| panic!("bad redirect {loc}"))
}

/// Adds a poll to a project through the staff form; returns the component id.
pub async fn add_poll(app: &TestApp, c: &reqwest::Client, project: i64) -> i64 {
    let r = c
        .post(app.url(&format!("/beheer/projecten/{project}/onderdelen")))
        .form(&[("kind", "poll"), ("title", "Uw mening")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let loc = location(&r);
    assert!(loc.starts_with("/beheer/peilingen/"), "{loc}");
    loc.trim_start_matches("/beheer/peilingen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

pub async fn configure_poll(app: &TestApp, c: &reqwest::Client, poll: i64) {
    let r = c
        .post(app.url(&format!("/beheer/peilingen/{poll}")))
        .form(&[
            ("question", "Wat moet er in het park komen?"),
            ("choices", "Speeltuin\nBankjes\nMeer bomen"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
}

pub async fn set_status(
    app: &TestApp,
    c: &reqwest::Client,
    project: i64,
    status: &str,
) -> reqwest::Response {
    c.post(app.url(&format!("/beheer/projecten/{project}/status")))
        .form(&[("status", status)])
        .send()
        .await
        .unwrap()
}

/// A published project with a ready poll: (staff client, project id, slug, poll id, choice ids).
pub async fn published_poll(app: &TestApp) -> (reqwest::Client, i64, String, i64, Vec<i64>) {
    let (_, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let pid = create_project(app, &staff, "Park Het Volkspark").await;
    let poll = add_poll(app, &staff, pid).await;
    configure_poll(app, &staff, poll).await;
    assert_eq!(
        set_status(app, &staff, pid, "published").await.status(),
        303
    );
    let slug: String = app
        .db
        .scalar("SELECT slug FROM projects WHERE id = $1", args![pid])
        .await
        .unwrap()
        .unwrap();
    let choices: Vec<(i64,)> = app
        .db
        .all(
            "SELECT id FROM poll_choices WHERE component_id = $1 ORDER BY position",
            args![poll],
        )
        .await
        .unwrap();
    (
        staff,
        pid,
        slug,
        poll,
        choices.into_iter().map(|(i,)| i).collect(),
    )
}

async fn staff_creates_and_publishes(app: TestApp) {
    let (staff_id, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let pid = create_project(&app, &staff, "Park Het Volkspark").await;
    let slug: String = app
        .db
        .scalar("SELECT slug FROM projects WHERE id = $1", args![pid])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(slug, "park-het-volkspark", "slug made from the title");

    // Without any component, publishing is refused with a clear message.
    let r = set_status(&app, &staff, pid, "published").await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("kan nog niet gepubliceerd"));
    // A poll without question and choices is not ready either.
    let poll = add_poll(&app, &staff, pid).await;
    let r = set_status(&app, &staff, pid, "published").await;
    assert_eq!(r.status(), 422);
    // Too few choices are refused on the poll form, with the input kept.
    let r = staff
        .post(app.url(&format!("/beheer/peilingen/{poll}")))
        .form(&[
            ("question", "Wat moet er in het park komen?"),
            ("choices", "Alleen deze"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("minstens 2") && body.contains("Alleen deze"),
        "{body}"
    );
    configure_poll(&app, &staff, poll).await;
    let r = set_status(&app, &staff, pid, "published").await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        location(&r),
        format!("/beheer/projecten/{pid}?melding=project-published")
    );

    // A phase that ends before it starts is refused; a good one is shown as current.
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/fasen")))
        .form(&[
            ("name", "Ideeën verzamelen"),
            ("starts_on", "2026-05-01"),
            ("ends_on", "2026-04-01"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("niet vóór de begindatum") && body.contains("Ideeën verzamelen"),
        "{body}"
    );
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/fasen")))
        .form(&[
            ("name", "Ideeën verzamelen"),
            ("starts_on", "2020-01-01"),
            ("ends_on", "2099-12-31"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/nieuws")))
        .form(&[
            ("title", "Wat we met uw ideeën deden"),
            ("body", "We planten **40 bomen**."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);

    // Deleting a phase, an update or a component first asks, naming what goes.
    let confirm_pages: [(&str, &str, &str); 3] = [
        (
            "SELECT id FROM phases WHERE project_id = $1",
            "fasen",
            "Ideeën verzamelen",
        ),
        (
            "SELECT id FROM project_updates WHERE project_id = $1",
            "nieuws",
            "Wat we met uw ideeën deden",
        ),
        (
            "SELECT id FROM components WHERE project_id = $1",
            "onderdelen",
            "Uw mening",
        ),
    ];
    for (sql, segment, name) in confirm_pages {
        let child: i64 = app.db.scalar(sql, args![pid]).await.unwrap().unwrap();
        let path = format!("/beheer/projecten/{pid}/{segment}/{child}/verwijderen");
        let r = staff.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let body = r.text().await.unwrap();
        assert!(
            body.contains(name) && body.contains(&format!("action=\"{path}\"")),
            "{path}: {body}"
        );
        let missing = staff
            .get(app.url(&format!(
                "/beheer/projecten/{pid}/{segment}/999999/verwijderen"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), 404, "{segment}: unknown row");
    }

    // The public sees it all, anonymous visitors are asked to log in to answer.
    let anon = app.client();
    let page = anon
        .get(app.url(&format!("/projecten/{slug}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for needle in [
        "Park Het Volkspark",
        "<strong>groener</strong>",
        "Wat moet er in het park komen?",
        "Log in om mee te doen",
        "Ideeën verzamelen",
        "nu bezig",
        "<strong>40 bomen</strong>",
        "Groen",
        "sanne@enschede.test",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    for key in ["project-", "poll-", "home-", "pstaff-"] {
        assert!(!html.contains(key), "untranslated key {key}");
    }
    let home = anon
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Park Het Volkspark")
            && home.contains("Peiling")
            && home.contains("Ideeën verzamelen"),
        "{home}"
    );

    // Every staff action is in the audit log, with who did it.
    let actions: Vec<(String,)> = app
        .db
        .all(
            "SELECT action FROM audit_log WHERE org_id = $1 AND actor_id = $2 ORDER BY id",
            args![app.org_id, staff_id],
        )
        .await
        .unwrap();
    let actions: Vec<String> = actions.into_iter().map(|(a,)| a).collect();
    for a in [
        "project.create",
        "component.create",
        "poll.update",
        "project.publish",
        "phase.create",
        "update.create",
    ] {
        assert!(
            actions.iter().any(|x| x == a),
            "{a} not audited: {actions:?}"
        );
    }

    // Closing keeps the project readable, in the "afgerond" section.
    assert_eq!(set_status(&app, &staff, pid, "closed").await.status(), 303);
    let html = anon
        .get(app.url(&format!("/projecten/{slug}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("afgerond") && html.contains("Deze peiling is gesloten"),
        "{html}"
    );
    let home = anon
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Afgerond") && home.contains("Park Het Volkspark"));
    app.stop().await;
}
both!(
    staff_creates_and_publishes_project,
    staff_creates_and_publishes
);

async fn drafts_and_staff_pages_are_protected(app: TestApp) {
    let (_, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let pid = create_project(&app, &staff, "Geheim concept").await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let anon = app.client();
    // A draft is 404 for the public, visible to staff.
    for c in [&anon, &member] {
        let r = c
            .get(app.url("/projecten/geheim-concept"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let home = c
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!home.contains("Geheim concept"));
    }
    let r = staff
        .get(app.url("/projecten/geheim-concept"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("concept"));
    // Staff screens: anonymous visitors go to the login page, members are refused.
    for path in [
        "/beheer/projecten",
        &format!("/beheer/projecten/{pid}"),
        &format!("/beheer/projecten/{pid}/bewerken"),
        "/beheer/projecten/nieuw",
    ] {
        let r = anon.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert!(location(&r).starts_with("/inloggen"), "{path}");
        let r = member.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    let r = set_status(&app, &member, pid, "published").await;
    assert_eq!(r.status(), 403);
    let r = member
        .post(app.url(&format!("/beheer/projecten/{pid}/onderdelen")))
        .form(&[("kind", "poll"), ("title", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Staff without two-factor are refused too.
    let half = app.staff("halfweg@enschede.test", "editor").await;
    let half = app.session_for(half, false).await;
    let r = half.get(app.url("/beheer/projecten")).send().await.unwrap();
    assert!(
        r.status() == 403 || (r.status() == 303 && !location(&r).starts_with("/beheer/projecten")),
        "{}",
        r.status()
    );
    let list = staff
        .get(app.url("/beheer/projecten"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Geheim concept") && list.contains("Concept"));
    // Every staff screen renders fully translated, in both languages.
    let poll = add_poll(&app, &staff, pid).await;
    for lang in ["nl", "en"] {
        let r = staff
            .post(app.url("/taal"))
            .form(&[("lang", lang), ("back", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        for path in [
            "/beheer/projecten".to_string(),
            "/beheer/projecten/nieuw".to_string(),
            format!("/beheer/projecten/{pid}"),
            format!("/beheer/projecten/{pid}/bewerken"),
            format!("/beheer/peilingen/{poll}"),
            "/beheer/themas".to_string(),
            "/projecten/geheim-concept".to_string(),
            "/".to_string(),
        ] {
            let r = staff.get(app.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), 200, "{path}");
            let html = r.text().await.unwrap();
            for key in ["pstaff-", "project-", "poll-", "upload-", "home-"] {
                assert!(!html.contains(key), "{path} ({lang}) shows raw key {key}");
            }
            assert_eq!(html.matches("<h1").count(), 1, "{path}: one h1");
        }
    }
    app.stop().await;
}
both!(drafts_and_staff_pages, drafts_and_staff_pages_are_protected);

async fn other_municipality_sees_nothing(app: TestApp) {
    let (_, _, slug, poll, choices) = published_poll(&app).await;
    let org_b = app.second_org("hengelo.test").await;
    let c = app.client_for_host("hengelo.test");
    let r = c
        .get(app.url_for_host("hengelo.test", &format!("/projecten/{slug}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let home = c
        .get(app.url_for_host("hengelo.test", "/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Hengelo") && !home.contains("Volkspark"),
        "{home}"
    );
    let api = c
        .get(app.url_for_host("hengelo.test", "/api/v1/projecten"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!api.contains("Volkspark"));
    // A verified member of the other municipality cannot answer this poll.
    let uid = meedoen::setup::create_user(
        &app.db,
        org_b,
        "inwoner@hengelo.test",
        "Hengeloër",
        crate::support::PASSWORD,
        &[],
    )
    .await
    .unwrap();
    let token = app.session_token(org_b, uid, false).await;
    let r = c
        .post(app.url_for_host("hengelo.test", &format!("/peilingen/{poll}/antwoord")))
        .header("cookie", format!("meedoen_sid={token}"))
        .form(&[("choice", choices[0].to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let n: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM poll_answers", args![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 0);
    // Staff of the other municipality cannot open this org's project screens either.
    let pid: i64 = app
        .db
        .scalar("SELECT id FROM projects WHERE slug = $1", args![&slug])
        .await
        .unwrap()
        .unwrap();
    meedoen::setup::create_user(
        &app.db,
        org_b,
        "staf@hengelo.test",
        "Staf",
        crate::support::PASSWORD,
        &["admin"],
    )
    .await
    .unwrap();
    let sid: i64 = app
        .db
        .scalar(
            "SELECT id FROM users WHERE email = 'staf@hengelo.test'",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    let token = app.session_token(org_b, sid, true).await;
    let r = c
        .get(app.url_for_host("hengelo.test", &format!("/beheer/projecten/{pid}")))
        .header("cookie", format!("meedoen_sid={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    app.stop().await;
}
both!(tenant_isolation, other_municipality_sees_nothing);

async fn upload_rejections_keep_input(app: TestApp) {
    let (staff_id, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let with_file = |bytes: Vec<u8>, name: &str| {
        project_form("Nieuw plein")
            .text("cover_alt", "Een plein met bomen en bankjes")
            .part(
                "cover",
                Part::bytes(bytes)
                    .file_name(name.to_string())
                    .mime_str("image/png")
                    .unwrap(),
            )
    };
    // A text file named .png.
    let r = staff
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(with_file(b"dit is geen plaatje".to_vec(), "foto.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("geen afbeelding"), "{body}");
    assert!(
        body.contains("value=\"Nieuw plein\"")
            && body.contains("Sanne de Vries")
            && body.contains("We maken het park"),
        "input kept"
    );
    assert!(
        body.contains("aria-describedby=\"cover-hint cover-error\""),
        "error tied to the field"
    );
    // A PNG header claiming 30000 × 30000 pixels is refused before decoding.
    let r = staff
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(with_file(png_header(30_000, 30_000), "bom.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("te veel pixels") && body.contains("value=\"Nieuw plein\""),
        "{body}"
    );
    // A file over the 8 MB limit: refused with the input kept.
    let big = vec![0u8; 9 * 1024 * 1024];
    let r = staff
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(with_file(big, "groot.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("te groot") && body.contains("value=\"Nieuw plein\""),
        "{body}"
    );
    // A body over the server's limit (12 MB) is refused with 413.
    let huge = Form::new()
        .text("title", "Nieuw plein")
        .text("body", "x".repeat(13 * 1024 * 1024));
    // Its own client: the server may close that connection mid-upload, and a pooled
    // connection closed that way must not be reused by the requests after it.
    let oversize_client = app.session_for(staff_id, true).await;
    match oversize_client
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(huge)
        .send()
        .await
    {
        Ok(r) => {
            assert_eq!(r.status(), 413);
            let body = r.text().await.unwrap_or_default();
            assert!(body.contains("te groot"), "{body}");
            if body.contains("<form") && body.contains("enctype") {
                assert!(body.contains("value=\"Nieuw plein\""), "input kept");
            }
        }
        // The server may close the connection before the client finished sending.
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
    }
    let n: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM projects", args![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 0, "nothing saved");
    // A real image is re-encoded into variants and served with the right headers.
    let r = staff
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(with_file(png(2400, 1200), "park.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (key, w, h): (String, i64, i64) = app
        .db
        .one("SELECT storage_key, width, height FROM uploads", args![])
        .await
        .unwrap();
    assert_eq!((w, h), (1600, 800));
    let img = staff
        .get(app.url(&format!("/bestanden/{key}")))
        .send()
        .await
        .unwrap();
    assert_eq!(img.status(), 200);
    assert_eq!(img.headers()["content-type"], "image/jpeg");
    assert_eq!(img.headers()["x-content-type-options"], "nosniff");
    assert!(img.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let bytes = img.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0xff, 0xd8], "JPEG");
    let small = key.replace(".jpg", "-400.jpg");
    assert_eq!(
        staff
            .get(app.url(&format!("/bestanden/{small}")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Another municipality cannot fetch it.
    app.second_org("hengelo.test").await;
    let other = app.client_for_host("hengelo.test");
    let r = other
        .get(app.url_for_host("hengelo.test", &format!("/bestanden/{key}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(
        staff
            .get(app.url("/bestanden/..%2F..%2Fetc%2Fpasswd"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    app.stop().await;
}
both!(upload_rejections, upload_rejections_keep_input);

async fn home_page_query_count_is_bounded(app: TestApp) {
    let t = now();
    let district: i64 = app
        .db
        .write_scalar("INSERT INTO areas (org_id, kind, name, slug) VALUES ($1, 'district', 'Centrum', 'centrum') RETURNING id", args![app.org_id])
        .await
        .unwrap();
    let hood: i64 = app
        .db
        .write_scalar(
            "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, $2, 'neighbourhood', 'De Laares', 'de-laares') RETURNING id",
            args![app.org_id, district],
        )
        .await
        .unwrap();
    let theme: i64 = app
        .db
        .write_scalar("INSERT INTO themes (org_id, name, slug) VALUES ($1, 'Verkeer', 'verkeer') RETURNING id", args![app.org_id])
        .await
        .unwrap();
    for i in 0..100i64 {
        let area = if i % 2 == 0 { Some(hood) } else { None };
        let status = if i % 10 == 0 { "closed" } else { "published" };
        let pid: i64 = app
            .db
            .write_scalar(
                "INSERT INTO projects (org_id, slug, title, summary, area_id, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'Samenvatting', $4, $5, $6, $6) RETURNING id",
                args![app.org_id, format!("project-{i}"), format!("Project nummer {i}"), area, status, t + i],
            )
            .await
            .unwrap();
        if i % 3 == 0 {
            app.db
                .exec(
                    "INSERT INTO project_themes (org_id, project_id, theme_id) VALUES ($1, $2, $3)",
                    args![app.org_id, pid, theme],
                )
                .await
                .unwrap();
        }
        app.db
            .exec(
                "INSERT INTO phases (org_id, project_id, name, starts_on, ends_on) VALUES ($1, $2, 'Meedenken', '2020-01-01', '2099-01-01')",
                args![app.org_id, pid],
            )
            .await
            .unwrap();
        app.db
            .exec(
                "INSERT INTO components (org_id, project_id, kind, title, position, created_at) VALUES ($1, $2, 'poll', 'Peiling', 1, $3)",
                args![app.org_id, pid, t],
            )
            .await
            .unwrap();
    }
    let c = app.client();
    c.get(app.url("/")).send().await.unwrap(); // warm the municipality cache
    let before = app.db.query_count();
    let r = c.get(app.url("/")).send().await.unwrap();
    let used = app.db.query_count() - before;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(used <= 10, "home page ran {used} queries");
    assert!(html.contains("100 projecten gevonden"), "count shown");
    assert_eq!(
        html.matches("class=\"card\"").count(),
        12,
        "one page of cards"
    );
    assert!(
        html.contains("Project nummer 99")
            && html.contains("Meedenken")
            && html.contains("Peiling")
    );
    assert!(html.contains("href=\"/?pagina=2\""));
    // Filters: the district matches projects in its neighbourhoods; the theme filter too.
    let before = app.db.query_count();
    let html = c
        .get(app.url("/?gebied=centrum&thema=verkeer&pagina=2"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(app.db.query_count() - before <= 10);
    // Projects with i % 6 == 0: 17 of them; page 2 shows 5.
    assert!(html.contains("17 projecten gevonden"), "{html}");
    assert_eq!(html.matches("class=\"card\"").count(), 5);
    assert!(html.contains("De Laares") && html.contains("Verkeer"));
    let html = c
        .get(app.url("/?gebied=onbekend"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("geen projecten die hierbij passen"));
    app.stop().await;
}
both!(home_query_bound, home_page_query_count_is_bounded);
