//! A municipality's theme is its design-token file (issue 18): staff paste or upload it at
//! `/beheer/instellingen/thema`, preview it, save it, add a logo and a favicon, and go back
//! to the default; `meedoen admin theme` does the same from the command line. Refused files
//! keep the current theme; `/thema.css` serves the tokens under a URL that changes with them.

use meedoen::args;
use reqwest::multipart::{Form, Part};

use crate::both;
use crate::support::TestApp;

/// A line of `TOKENS` that `/thema.css` serves.
const MARK: &str = "--utrecht-button-primary-action-background-color: #0b4f8a;";

const THEME_PAGE: &str = "/beheer/instellingen/thema";

/// A small token file in the NL Design System vocabulary (names as in the published
/// packages; the values are ours). `--x-test-marker` is read by none of our rules, so it is
/// stored but not served.
const TOKENS: &str = "/* Gemeente Test */\n.test-theme {\n  --utrecht-button-primary-action-background-color: #0b4f8a;\n  --utrecht-button-primary-action-color: #ffffff;\n  --x-test-marker: 3px;\n}\n";

fn form(tokens: &str, actie: &str) -> Form {
    Form::new()
        .text("tokens", tokens.to_string())
        .text("actie", actie.to_string())
}

/// The `href` of the theme stylesheet on a page.
fn theme_href(html: &str) -> String {
    let i = html
        .find("href=\"/thema.css")
        .expect("the page links /thema.css");
    let rest = &html[i + 6..];
    rest[..rest.find('"').unwrap()].to_string()
}

async fn text(c: &reqwest::Client, url: String) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn theme_version(app: &TestApp) -> i64 {
    app.db
        .scalar::<i64>(
            "SELECT theme_version FROM orgs WHERE id = $1",
            args![app.org_id],
        )
        .await
        .unwrap()
        .unwrap()
}

async fn audit(app: &TestApp, action: &str) -> Vec<(Option<i64>, String)> {
    app.db
        .all(
            "SELECT actor_id, detail FROM audit_log WHERE org_id = $1 AND action = $2 ORDER BY id",
            args![app.org_id, action],
        )
        .await
        .unwrap()
}

/// A PNG with a transparent half.
fn rgba_png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            image::Rgba([10, 80, 160, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn post_pictures(client: &reqwest::Client, app: &TestApp, f: Form) -> reqwest::Response {
    client
        .post(app.url("/beheer/instellingen/thema/afbeeldingen"))
        .multipart(f)
        .send()
        .await
        .unwrap()
}

fn file(field: &str, name: &str, bytes: Vec<u8>) -> Form {
    Form::new().part(
        field.to_string(),
        Part::bytes(bytes).file_name(name.to_string()),
    )
}

async fn preview_saves_nothing_and_save_serves_the_tokens(app: TestApp) {
    let (admin_id, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let anon = app.client();
    let (_, home) = text(&anon, app.url("/")).await;
    let before = theme_href(&home);
    let (s, css) = text(&anon, app.url(&before)).await;
    assert_eq!(s, 200);
    assert!(css.contains("--color-primary: #c4001a"), "{css}");
    assert!(!css.contains(MARK));

    // The page, linked from the settings page and the staff menu.
    let (s, settings) = text(&admin, app.url("/beheer/instellingen")).await;
    assert_eq!(s, 200);
    assert!(settings.contains("href=\"/beheer/instellingen/thema\""));
    let (s, page) = text(&admin, app.url(THEME_PAGE)).await;
    assert_eq!(s, 200);
    assert!(
        page.contains("Voorbeeld bekijken") && page.contains("standaard huisstijl van meedoen")
    );

    // Preview: the page wears the new tokens from a preview stylesheet; nothing is saved.
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(form(TOKENS, "voorbeeld"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("<h2 id=\"voorbeeld\">Voorbeeld</h2>"),
        "{body}"
    );
    assert!(
        body.contains("Hoofdknop") && body.contains("Tweede knop") && body.contains("Rustige knop")
    );
    assert!(body.contains("class=\"field has-error\"") && body.contains("<table>"));
    assert!(
        body.contains("--x-test-marker: 3px;"),
        "the pasted tokens stay in the field"
    );
    assert!(body.contains("Alle teksten en knoppen hebben genoeg contrast"));
    let i = body
        .find("href=\"/beheer/instellingen/thema/voorbeeld/")
        .expect("the preview page links the preview stylesheet");
    let href = &body[i + 6..];
    let href = &href[..href.find('"').unwrap()];
    assert!(
        !body.contains("href=\"/thema.css"),
        "the preview replaces the saved theme"
    );
    let r = admin.get(app.url(href)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/css; charset=utf-8");
    let preview_css = r.text().await.unwrap();
    assert!(preview_css
        .contains(":root {\n  --utrecht-button-primary-action-background-color: #0b4f8a;"));
    assert!(
        !preview_css.contains("--x-test-marker"),
        "tokens our pages never read are not sent"
    );
    // Only staff of this municipality see a preview.
    let (s, _) = text(&anon, app.url(href)).await;
    assert_ne!(s, 200);
    assert_eq!(theme_version(&app).await, 0, "a preview changes nothing");
    let n: Option<i64> = app
        .db
        .scalar("SELECT COUNT(*) FROM org_themes", args![])
        .await
        .unwrap();
    assert_eq!(n, Some(0));
    let (_, css) = text(&anon, app.url("/thema.css")).await;
    assert!(!css.contains(MARK));
    assert!(audit(&app, "theme.update").await.is_empty());

    // Save, this time as an uploaded file (which wins over the field).
    let f = Form::new()
        .text("tokens", "--ignored-because-a-file-is-chosen: 1px;")
        .text("actie", "opslaan")
        .part(
            "tokens_file",
            Part::bytes(TOKENS.as_bytes().to_vec())
                .file_name("root.css")
                .mime_str("text/css")
                .unwrap(),
        );
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/beheer/instellingen/thema?melding=theme-saved"
    );
    assert_eq!(theme_version(&app).await, 1);
    let (_, home) = text(&anon, app.url("/")).await;
    let after = theme_href(&home);
    assert_ne!(before, after, "the stylesheet's URL changes with the theme");
    let r = anon.get(app.url(&after)).send().await.unwrap();
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let css = r.text().await.unwrap();
    let settings_at = css
        .find("--color-primary: #c4001a")
        .expect("older settings");
    let tokens_at = css.find(MARK).expect("the tokens");
    assert!(
        settings_at < tokens_at,
        "the tokens come after the older settings:\n{css}"
    );
    assert!(css.contains("--utrecht-button-primary-action-background-color: #0b4f8a;"));
    assert!(!css.contains("--ignored-because"));
    assert!(
        !css.contains(".test-theme"),
        "selectors are flattened into :root"
    );
    // An old or bare URL gets the current theme, cached only briefly.
    let r = anon.get(app.url(&before)).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "public, max-age=60");
    assert!(r.text().await.unwrap().contains(MARK));

    let (s, page) = text(&admin, app.url(THEME_PAGE)).await;
    assert_eq!(s, 200);
    assert!(page.contains("3 designtokens"), "{page}");
    assert!(
        page.contains("--x-test-marker: 3px;"),
        "the saved file is in the field"
    );
    let entries = audit(&app, "theme.update").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].0, Some(admin_id));
    assert!(entries[0].1.contains("3"), "{:?}", entries[0]);

    // The older colour settings still work, and change the stylesheet's URL too.
    app.db
        .exec(
            "UPDATE orgs SET primary_color = '#112233' WHERE id = $1",
            args![app.org_id],
        )
        .await
        .unwrap();
    let (_, css) = text(&anon, app.url("/thema.css")).await;
    assert!(css.contains("--color-primary: #112233") && css.contains(MARK));
    app.stop().await;
}
both!(
    preview_and_save,
    preview_saves_nothing_and_save_serves_the_tokens
);

async fn refused_files_keep_the_current_theme(app: TestApp) {
    let (_, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(form(TOKENS, "opslaan"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let version = theme_version(&app).await;

    let cases: [(&str, &str, &str); 5] = [
        (
            "--a: 1px;\n--b: url(https://tracker.example/p.png);\n",
            "Regel 2",
            "`url(` is niet toegestaan",
        ),
        (
            "--a: 1px;\n\n@import \"https://elders.example/x.css\";\n",
            "Regel 3",
            "`@import` is niet toegestaan",
        ),
        (
            "--a: 1px;\n--b: 2px;\n--c: x</style><script>alert(1)</script>;\n",
            "Regel 3",
            "/style` is niet toegestaan",
        ),
        (
            "--a: expression(alert(1));\n",
            "Regel 1",
            "`expression(` is niet toegestaan",
        ),
        (
            ":root {\n  --a: 1px;\n}\nbody { color: red; }\n",
            "Regel 4",
            "geen designtoken",
        ),
    ];
    for (bad, line, what) in cases {
        for actie in ["opslaan", "voorbeeld"] {
            let r = admin
                .post(app.url(THEME_PAGE))
                .multipart(form(bad, actie))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 422, "{bad}");
            let body = r.text().await.unwrap();
            assert!(
                body.contains(line) && body.contains(what),
                "{bad}: {line} {what}\n{body}"
            );
            assert!(body.contains("aria-invalid=\"true\""));
            // What was pasted stays in the field (escaped), so the line can be found.
            assert!(body.contains("--a: "), "{body}");
            assert!(
                !body.contains("<script>alert(1)</script>"),
                "never unescaped"
            );
            assert!(
                !body.contains("/beheer/instellingen/thema/voorbeeld/"),
                "no preview"
            );
        }
    }
    // Too large: by the field and as a file.
    let big = "--a-rather-long-token-name-for-size: 1px;\n".repeat(7_000);
    assert!(big.len() > 256 * 1024);
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(form(&big, "opslaan"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("maximaal 256 KB"));
    let huge = "--a: 1px;\n".repeat(120_000);
    let f = Form::new().text("actie", "opslaan").part(
        "tokens_file",
        Part::bytes(huge.into_bytes()).file_name("groot.css"),
    );
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("256 KB"));
    // Not text, and empty.
    let f = Form::new().text("actie", "opslaan").part(
        "tokens_file",
        Part::bytes(vec![0xff, 0xfe, 0x00, 0x41]).file_name("x.css"),
    );
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("geen tekstbestand"));
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(form("  \n", "opslaan"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);

    assert_eq!(
        theme_version(&app).await,
        version,
        "the theme did not change"
    );
    let (_, css) = text(&app.client(), app.url("/thema.css")).await;
    assert!(css.contains(MARK) && !css.contains("tracker.example"));
    assert_eq!(audit(&app, "theme.update").await.len(), 1);
    app.stop().await;
}
both!(refused_files, refused_files_keep_the_current_theme);

async fn contrast_problems_block_saving_unless_accepted(app: TestApp) {
    let (_, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let pale = "--utrecht-button-primary-action-background-color: #ffffff;\n--utrecht-button-primary-action-color: #dddddd;\n";
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(form(pale, "voorbeeld"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(body.contains("contrastproble"), "{body}");
    assert!(
        body.contains("hoofdknop") && body.contains("minimaal 4,5:1"),
        "{body}"
    );
    assert!(body.contains("Ik weet het, toch opslaan"));

    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(form(pale, "opslaan"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("vink aan dat u toch wilt opslaan"), "{body}");
    assert!(body.contains(pale.lines().next().unwrap()), "input kept");
    assert_eq!(theme_version(&app).await, 0);

    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(form(pale, "opslaan").text("toch", "ja"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(theme_version(&app).await, 1);
    let entries = audit(&app, "theme.update").await;
    assert_eq!(entries.len(), 1);
    assert!(
        entries[0].1.contains("ondanks") && entries[0].1.contains("hoofdknop"),
        "{:?}",
        entries[0]
    );
    // The saved theme's problems stay listed on the page.
    let (_, page) = text(&admin, app.url(THEME_PAGE)).await;
    assert!(page.contains("contrastproble"), "{page}");
    app.stop().await;
}
both!(
    contrast_blocks,
    contrast_problems_block_saving_unless_accepted
);

async fn logo_and_favicon_only_for_their_municipality(app: TestApp) {
    let (_, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let uploads_before: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM uploads", args![])
        .await
        .unwrap()
        .unwrap();
    // Refused: SVG (script), GIF logo, a favicon that is not square, not PNG, too small.
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    for (f, field, msg) in [
        (
            file("logo", "logo.svg", svg.clone()),
            "logo",
            "SVG-bestand kan niet",
        ),
        (
            file("logo", "logo.png", svg),
            "logo",
            "SVG-bestand kan niet",
        ),
        (
            file("favicon", "f.png", rgba_png(64, 32)),
            "favicon",
            "vierkant",
        ),
        (
            file("favicon", "f.png", rgba_png(16, 16)),
            "favicon",
            "minstens 32",
        ),
        (
            file("favicon", "f.jpg", {
                let mut out = Vec::new();
                image::DynamicImage::ImageRgb8(image::RgbImage::new(64, 64))
                    .write_to(
                        &mut std::io::Cursor::new(&mut out),
                        image::ImageFormat::Jpeg,
                    )
                    .unwrap();
                out
            }),
            "favicon",
            "PNG-bestand",
        ),
    ] {
        let r = post_pictures(&admin, &app, f).await;
        assert_eq!(r.status(), 422, "{field} {msg}");
        let body = r.text().await.unwrap();
        assert!(body.contains(msg), "{msg}\n{body}");
        assert!(body.contains(&format!("id=\"{field}-error\"")));
    }
    let r = post_pictures(&admin, &app, Form::new().text("x", "y")).await;
    assert_eq!(r.status(), 422);
    let n: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM uploads", args![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, uploads_before, "nothing refused is stored");

    let f = Form::new()
        .part(
            "logo",
            Part::bytes(rgba_png(1200, 300)).file_name("logo.png"),
        )
        .part(
            "favicon",
            Part::bytes(rgba_png(256, 256)).file_name("icoon.png"),
        );
    let r = post_pictures(&admin, &app, f).await;
    assert_eq!(r.status(), 303);
    let (logo_id, favicon_id): (Option<i64>, Option<i64>) = app
        .db
        .one(
            "SELECT logo_upload_id, favicon_upload_id FROM orgs WHERE id = $1",
            args![app.org_id],
        )
        .await
        .unwrap();
    let (logo_id, favicon_id) = (logo_id.unwrap(), favicon_id.unwrap());
    let owner: Option<i64> = app
        .db
        .scalar("SELECT owner_id FROM uploads WHERE id = $1", args![logo_id])
        .await
        .unwrap()
        .flatten();
    assert_eq!(
        owner, None,
        "the municipality's logo is nobody's personal data"
    );

    let anon = app.client();
    let (_, home) = text(&anon, app.url("/")).await;
    assert!(
        home.contains(&format!(
            "<img src=\"/logo?v={logo_id}\" alt=\"\" class=\"brand-logo\">"
        )),
        "{home}"
    );
    assert!(home.contains(&format!("<link rel=\"icon\" type=\"image/png\" sizes=\"32x32\" href=\"/favicon-32.png?v={favicon_id}\">")));
    assert!(home.contains(&format!(
        "<link rel=\"apple-touch-icon\" href=\"/apple-touch-icon.png?v={favicon_id}\">"
    )));
    for (path, w, h) in [
        (format!("/logo?v={logo_id}"), 640, 160),
        (format!("/favicon-32.png?v={favicon_id}"), 32, 32),
        (format!("/apple-touch-icon.png?v={favicon_id}"), 180, 180),
    ] {
        let r = anon.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["content-type"], "image/png");
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let img = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
        assert_eq!((img.width(), img.height()), (w, h), "{path}");
        assert!(img.color().has_alpha(), "transparency is kept");
    }

    // Another municipality on another host sees none of it.
    app.second_org("hengelo.test").await;
    let other = app.client_for_host("hengelo.test");
    for path in ["/logo", "/favicon-32.png", "/apple-touch-icon.png"] {
        let r = other
            .get(app.url_for_host("hengelo.test", &format!("{path}?v={logo_id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path} on another municipality's host");
    }
    let r = other
        .get(app.url_for_host("hengelo.test", "/"))
        .send()
        .await
        .unwrap();
    let body = r.text().await.unwrap();
    assert!(!body.contains("/logo?v=") && !body.contains("favicon-32.png"));

    // A new logo replaces the old one, whose upload is removed.
    let r = post_pictures(
        &admin,
        &app,
        file("logo", "nieuw.webp", {
            let mut out = Vec::new();
            image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
                100,
                40,
                image::Rgba([1, 2, 3, 255]),
            ))
            .write_to(
                &mut std::io::Cursor::new(&mut out),
                image::ImageFormat::WebP,
            )
            .unwrap();
            out
        }),
    )
    .await;
    assert_eq!(r.status(), 303);
    let gone: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM uploads WHERE id = $1", args![logo_id])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(gone, 0);
    let r = anon.get(app.url("/logo")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "public, max-age=60");

    // Removing the favicon.
    let r = post_pictures(&admin, &app, Form::new().text("verwijder", "favicon")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        anon.get(app.url("/favicon-32.png"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let actions: Vec<(String,)> = app
        .db
        .all(
            "SELECT action FROM audit_log WHERE org_id = $1 AND action LIKE 'theme.%' ORDER BY id",
            args![app.org_id],
        )
        .await
        .unwrap();
    let actions: Vec<&str> = actions.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(
        actions,
        ["theme.logo", "theme.favicon", "theme.logo", "theme.favicon"]
    );
    app.stop().await;
}
both!(
    logo_and_favicon,
    logo_and_favicon_only_for_their_municipality
);

async fn back_to_the_default_in_one_confirmed_step(app: TestApp) {
    let (admin_id, admin) = app.staff_client("admin@enschede.nl", "admin").await;
    let r = admin
        .post(app.url(THEME_PAGE))
        .multipart(form(TOKENS, "opslaan"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = post_pictures(&admin, &app, file("logo", "logo.png", rgba_png(200, 50))).await;
    assert_eq!(r.status(), 303);
    let (_, page) = text(&admin, app.url(THEME_PAGE)).await;
    assert!(page.contains("href=\"/beheer/instellingen/thema/standaard\""));
    let (s, confirm) = text(&admin, app.url("/beheer/instellingen/thema/standaard")).await;
    assert_eq!(s, 200);
    assert!(confirm.contains("Wilt u terug naar de standaard huisstijl"));
    assert!(confirm.contains("action=\"/beheer/instellingen/thema/standaard\""));
    // The question alone changes nothing.
    assert_eq!(theme_version(&app).await, 2);

    let r = admin
        .post(app.url("/beheer/instellingen/thema/standaard"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(theme_version(&app).await, 3);
    let anon = app.client();
    let (_, css) = text(&anon, app.url("/thema.css")).await;
    assert!(!css.contains(MARK) && css.contains("--color-primary"));
    assert_eq!(
        anon.get(app.url("/logo")).send().await.unwrap().status(),
        404
    );
    let (_, home) = text(&anon, app.url("/")).await;
    assert!(!home.contains("brand-logo"));
    let entries = audit(&app, "theme.reset").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].0, Some(admin_id));
    let (_, page) = text(&admin, app.url(THEME_PAGE)).await;
    assert!(page.contains("standaard huisstijl van meedoen"));
    assert!(
        !page.contains("href=\"/beheer/instellingen/thema/standaard\""),
        "nothing to reset"
    );
    app.stop().await;
}
both!(reset, back_to_the_default_in_one_confirmed_step);

async fn cli_sets_and_resets_the_theme(app: TestApp) {
    use meedoen::cli::admin::{theme, ThemeFiles};
    let state = app.app.as_ref().unwrap().state().clone();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let files = |tokens: Option<std::path::PathBuf>| ThemeFiles {
        tokens,
        logo: None,
        favicon: None,
        ignore_contrast: false,
        reset: false,
    };

    // Refused: the message names the line; nothing changes.
    let bad = write("bad.css", b":root {\n  --a: 1px;\n  --b: url(x.png);\n}\n");
    let err = theme(&state, "enschede", files(Some(bad)))
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("Regel 3") && msg.contains("url("), "{msg}");
    assert_eq!(theme_version(&app).await, 0);
    // Unknown municipality.
    let good = write("root.css", TOKENS.as_bytes());
    assert!(theme(&state, "nergens", files(Some(good.clone())))
        .await
        .is_err());

    // Tokens, logo and favicon in one go.
    let logo = write("logo.png", &rgba_png(300, 100));
    let favicon = write("favicon.png", &rgba_png(180, 180));
    let out = theme(
        &state,
        "enschede",
        ThemeFiles {
            tokens: Some(good),
            logo: Some(logo),
            favicon: Some(favicon),
            ignore_contrast: false,
            reset: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(out.len(), 3, "{out:?}");
    assert!(out[0].contains("3 designtokens opgeslagen"), "{out:?}");
    let anon = app.client();
    let (_, css) = text(&anon, app.url("/thema.css")).await;
    assert!(css.contains(MARK));
    assert_eq!(
        anon.get(app.url("/logo")).send().await.unwrap().status(),
        200
    );
    assert_eq!(
        anon.get(app.url("/favicon-32.png"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let entries = audit(&app, "theme.update").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].0, None);
    assert!(entries[0].1.contains("opdrachtregel"));

    // A contrast problem: refused unless --ignore-contrast.
    let pale = write(
        "bleek.css",
        b"--utrecht-button-primary-action-background-color: #ffffff;\n--utrecht-button-primary-action-color: #eeeeee;\n",
    );
    let err = theme(&state, "enschede", files(Some(pale.clone())))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("contrastproblemen"), "{err}");
    let (_, css) = text(&anon, app.url("/thema.css")).await;
    assert!(css.contains(MARK), "kept");
    let mut f = files(Some(pale));
    f.ignore_contrast = true;
    let out = theme(&state, "enschede", f).await.unwrap();
    assert!(out[0].contains("ondanks"), "{out:?}");

    // SVG logo refused.
    let svg = write("logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let mut f = files(None);
    f.logo = Some(svg);
    let err = theme(&state, "enschede", f).await.unwrap_err();
    assert!(err.to_string().contains("SVG"), "{err}");

    // --reset
    let mut f = files(None);
    f.reset = true;
    let out = theme(&state, "enschede", f).await.unwrap();
    assert!(out[0].contains("standaard huisstijl"), "{out:?}");
    let (_, css) = text(&anon, app.url("/thema.css")).await;
    assert!(!css.contains("--utrecht-button-primary-action"));
    assert_eq!(
        anon.get(app.url("/logo")).send().await.unwrap().status(),
        404
    );
    assert_eq!(audit(&app, "theme.reset").await.len(), 1);
    app.stop().await;
}
both!(cli, cli_sets_and_resets_the_theme);
