//! Pictures (issue 18): project, idea and space cards and pages show their stored image with
//! `srcset` from both variants, `sizes`, `width` and `height`, and `loading="lazy"` after the
//! page's first picture; everywhere, on cards too, with the text its uploader gave. Upload
//! forms refuse an image without that text and keep what was filled in. The demo's drawn pictures are stored
//! like uploads (checked in `maps::demo`, which loads the demo once).

use meedoen::args;
use reqwest::multipart::{Form, Part};

use crate::both;
use crate::ideas::{location, setup, DESCRIPTION};
use crate::projects::png;
use crate::spaces::{approved_provider, get, space};
use crate::support::{form_value, TestApp};

/// Every `<img …>` tag in a page.
pub(crate) fn img_tags(html: &str) -> Vec<String> {
    html.split("<img ")
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or("").to_string())
        .collect()
}

/// The value of attribute `name` in a tag, if present.
pub(crate) fn attr(tag: &str, name: &str) -> Option<String> {
    let tag = format!(" {tag}");
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    Some(tag[start..].split('"').next().unwrap_or("").to_string())
}

fn with_class<'a>(tags: &'a [String], class: &str) -> Vec<&'a String> {
    tags.iter()
        .filter(|t| attr(t, "class").is_some_and(|c| c.split(' ').any(|c| c == class)))
        .collect()
}

/// Checks one picture tag: both variants of `key` in `srcset` (small 400 px, large `w` px),
/// `sizes`, the width and height given, the text alternative and whether it loads lazily.
fn check(tag: &str, key: &str, w: u32, size: (u32, u32), alt: &str, lazy: bool) {
    let small = key.replace(".jpg", "-400.jpg");
    assert_eq!(
        attr(tag, "srcset").as_deref(),
        Some(format!("/bestanden/{small} 400w, /bestanden/{key} {w}w").as_str()),
        "{tag}"
    );
    assert_eq!(
        attr(tag, "src"),
        Some(format!("/bestanden/{small}")),
        "{tag}"
    );
    assert!(
        attr(tag, "sizes").is_some_and(|s| s.contains("vw")),
        "{tag}"
    );
    assert_eq!(attr(tag, "width"), Some(size.0.to_string()), "{tag}");
    assert_eq!(attr(tag, "height"), Some(size.1.to_string()), "{tag}");
    assert_eq!(attr(tag, "alt").as_deref(), Some(alt), "{tag}");
    assert_eq!(
        attr(tag, "loading").as_deref(),
        if lazy { Some("lazy") } else { None },
        "{tag}"
    );
}

/// Every image of a page has a text alternative (maybe empty) and a width and height.
fn all_sized(html: &str, page: &str) {
    for t in img_tags(html) {
        assert!(attr(&t, "alt").is_some(), "{page}: {t}");
        assert!(
            attr(&t, "width").is_some() && attr(&t, "height").is_some(),
            "{page}: {t}"
        );
    }
}

fn project_form(title: &str, slug: &str, status: &str) -> Form {
    Form::new()
        .text("title", title.to_string())
        .text("slug", slug.to_string())
        .text("summary", "Samen kiezen we wat er in het park komt.")
        .text("body", "We maken het park groener.")
        .text("area_id", "")
        .text("contact_name", "Sanne de Vries")
        .text("contact_email", "sanne@enschede.test")
        .text("status", status.to_string())
}

fn file(bytes: Vec<u8>, name: &str) -> Part {
    Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str("image/png")
        .unwrap()
}

async fn upload_key(app: &TestApp, sql: &'static str, id: i64) -> String {
    app.db.scalar(sql, args![id]).await.unwrap().unwrap()
}

async fn cards_and_pages(app: TestApp) {
    let fx = setup(&app).await;
    // The project's cover, 800 × 600, with its text.
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/projecten/{}/bewerken", fx.pid)))
        .multipart(
            project_form("Jij maakt Zuid", &fx.slug, "published")
                .text("cover_alt", "Kinderen spelen op het nieuwe plein")
                .part("cover", file(png(800, 600), "plein.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let cover = upload_key(
        &app,
        "SELECT u.storage_key FROM projects p JOIN uploads u ON u.id = p.cover_upload_id WHERE p.id = $1",
        fx.pid,
    )
    .await;
    // A second, finished project with a cover: its card comes after the first one.
    let other = crate::projects::create_project(&app, &fx.staff, "Het oude park").await;
    let other_slug: String = app
        .db
        .scalar("SELECT slug FROM projects WHERE id = $1", args![other])
        .await
        .unwrap()
        .unwrap();
    let r = fx
        .staff
        .post(app.url(&format!("/beheer/projecten/{other}/bewerken")))
        .multipart(
            project_form("Het oude park", &other_slug, "draft")
                .text("cover_alt", "Een park met oude bomen")
                .part("cover", file(png(600, 400), "park.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    app.db
        .exec(
            "UPDATE projects SET status = 'closed' WHERE id = $1",
            args![other],
        )
        .await
        .unwrap();
    let other_cover = upload_key(
        &app,
        "SELECT u.storage_key FROM projects p JOIN uploads u ON u.id = p.cover_upload_id WHERE p.id = $1",
        other,
    )
    .await;

    let anon = app.client();
    let (s, home) = get(&app, &anon, "/").await;
    assert_eq!(s, 200);
    let tags = img_tags(&home);
    let cards = with_class(&tags, "card-img");
    assert_eq!(cards.len(), 2, "{home}");
    // The first card's picture loads at once, the next lazily; both with their text.
    check(
        cards[0],
        &cover,
        800,
        (400, 300),
        "Kinderen spelen op het nieuwe plein",
        false,
    );
    check(
        cards[1],
        &other_cover,
        600,
        (400, 267),
        "Een park met oude bomen",
        true,
    );
    all_sized(&home, "home");

    let (_, page) = get(&app, &anon, &format!("/projecten/{}", fx.slug)).await;
    let tags = img_tags(&page);
    let covers = with_class(&tags, "cover");
    assert_eq!(covers.len(), 1);
    // On its own page: the text, the large size, not lazy (top of the page).
    check(
        covers[0],
        &cover,
        800,
        (800, 600),
        "Kinderen spelen op het nieuwe plein",
        false,
    );

    // An idea with a photo.
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let r = member
        .post(app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid)))
        .multipart(
            Form::new()
                .text("title", "Bankjes in de Ledeboerstraat")
                .text("summary", "Bankjes zodat ouderen kunnen rusten.")
                .text("description", DESCRIPTION)
                .text("cost", "4500")
                .text("area_id", fx.area.to_string())
                .text("action", "submit")
                .part("photo", file(png(800, 600), "bank.png"))
                .text("photo_alt", "Twee bankjes in de schaduw"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let idea: i64 = location(&r)
        .trim_start_matches("/ideeen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let photo = upload_key(
        &app,
        "SELECT u.storage_key FROM idea_images x JOIN uploads u ON u.id = x.upload_id WHERE x.idea_id = $1",
        idea,
    )
    .await;
    let (_, list) = get(&app, &anon, &format!("/onderdelen/{}/ideeen", fx.cid)).await;
    let tags = img_tags(&list);
    let cards = with_class(&tags, "card-img");
    assert_eq!(cards.len(), 1, "{list}");
    check(
        cards[0],
        &photo,
        800,
        (400, 300),
        "Twee bankjes in de schaduw",
        false,
    );
    all_sized(&list, "idea list");
    let (_, page) = get(&app, &anon, &format!("/ideeen/{idea}")).await;
    let tags = img_tags(&page);
    let gallery = with_class(&tags, "gallery-img");
    assert_eq!(gallery.len(), 1);
    check(
        gallery[0],
        &photo,
        800,
        (400, 300),
        "Twee bankjes in de schaduw",
        false,
    );
    all_sized(&page, "idea");
    // The project page's idea cards show it too (below the cover: lazily).
    let (_, page) = get(&app, &anon, &format!("/projecten/{}", fx.slug)).await;
    let tags = img_tags(&page);
    let cards = with_class(&tags, "card-img");
    assert_eq!(cards.len(), 1, "{page}");
    check(
        cards[0],
        &photo,
        800,
        (400, 300),
        "Twee bankjes in de schaduw",
        true,
    );
    all_sized(&page, "project");

    // A space with two photos.
    let (pid, c) = approved_provider(&app, "Buurthuis Foto", "foto@buurt.test").await;
    let sid = space(
        &app,
        &c,
        pid,
        "Zaal met foto's",
        "Een lichte zaal met lange tafels.",
        &[],
    )
    .await;
    for (alt, (w, h)) in [
        ("Zaal met lange tafels", (800, 600)),
        ("De keuken achter de zaal", (400, 400)),
    ] {
        let r = c
            .post(app.url(&format!("/makelpunt/aanbieder/{pid}/ruimtes/{sid}/fotos")))
            .multipart(
                Form::new()
                    .text("alt", alt)
                    .part("photo", file(png(w, h), "zaal.png")),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    }
    let keys: Vec<(String,)> = app
        .db
        .all(
            "SELECT u.storage_key FROM space_photos p JOIN uploads u ON u.id = p.upload_id WHERE p.space_id = $1 ORDER BY p.id",
            args![sid],
        )
        .await
        .unwrap();
    let (_, search) = get(&app, &anon, "/makelpunt").await;
    let tags = img_tags(&search);
    let cards = with_class(&tags, "card-img");
    assert_eq!(cards.len(), 1, "the first photo on the card: {search}");
    check(
        cards[0],
        &keys[0].0,
        800,
        (400, 300),
        "Zaal met lange tafels",
        false,
    );
    all_sized(&search, "makelpunt");
    let (_, page) = get(&app, &anon, &format!("/makelpunt/ruimtes/{sid}")).await;
    let tags = img_tags(&page);
    let main = with_class(&tags, "cover");
    assert_eq!(main.len(), 1);
    check(
        main[0],
        &keys[0].0,
        800,
        (800, 600),
        "Zaal met lange tafels",
        false,
    );
    let rest = with_class(&tags, "gallery-img");
    assert_eq!(rest.len(), 1);
    // A 400 px image has one variant size: srcset names it once.
    assert_eq!(
        attr(rest[0], "srcset"),
        Some(format!(
            "/bestanden/{} 400w",
            keys[1].0.replace(".jpg", "-400.jpg")
        ))
    );
    assert_eq!(
        attr(rest[0], "alt").as_deref(),
        Some("De keuken achter de zaal")
    );
    assert_eq!(attr(rest[0], "loading").as_deref(), Some("lazy"));
    assert_eq!(
        (attr(rest[0], "width"), attr(rest[0], "height")),
        (Some("400".into()), Some("400".into()))
    );
    all_sized(&page, "space");
    // Taking the first photo away changes the search card (the search version moved).
    let first: i64 = app
        .db
        .scalar(
            "SELECT MIN(id) FROM space_photos WHERE space_id = $1",
            args![sid],
        )
        .await
        .unwrap()
        .unwrap();
    let r = c
        .post(app.url(&format!(
            "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/fotos/{first}/verwijderen"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, search) = get(&app, &anon, "/makelpunt").await;
    let tags = img_tags(&search);
    let cards = with_class(&tags, "card-img");
    assert_eq!(cards.len(), 1);
    assert!(
        attr(cards[0], "srcset").is_some_and(|s| s.contains(&keys[1].0.replace(".jpg", ""))),
        "{}",
        cards[0]
    );
}
both!(cards_and_pages, cards_and_pages);

async fn upload_without_text_is_refused(app: TestApp) {
    // The project form: a cover without its text is refused, everything else kept, the
    // cover too; sent again with the text it is saved.
    let (_, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let r = staff
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(
            project_form("Nieuw plein", "", "draft")
                .text("cover_alt", "  ")
                .part("cover", file(png(640, 480), "plein.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Beschrijf wat er op de afbeelding staat"),
        "{body}"
    );
    assert!(
        body.contains(r##"<a href="#cover_alt">"##),
        "in the error summary"
    );
    assert!(body.contains(r#"id="cover_alt" name="cover_alt" value="" maxlength="200" aria-describedby="cover_alt-hint cover_alt-error" aria-invalid="true""#));
    assert!(
        body.contains(r#"value="Nieuw plein""#) && body.contains("Sanne de Vries"),
        "input kept"
    );
    let kept = form_value(&body, "cover_upload_id").expect("the cover is kept");
    assert!(kept.parse::<i64>().is_ok(), "{kept}");
    let n: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM projects", args![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 0, "nothing saved");
    // Too long is refused as well.
    let r = staff
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(
            project_form("Nieuw plein", "", "draft")
                .text("cover_upload_id", kept.clone())
                .text("cover_alt", "x".repeat(201)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("te lang"));
    let r = staff
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(
            project_form("Nieuw plein", "", "draft")
                .text("cover_upload_id", kept.clone())
                .text("cover_alt", "Een plein met een fontein"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let (cover, alt): (Option<i64>, String) = app
        .db
        .one(
            "SELECT cover_upload_id, cover_alt FROM projects WHERE slug = 'nieuw-plein'",
            args![],
        )
        .await
        .unwrap();
    assert_eq!(cover.map(|c| c.to_string()), Some(kept));
    assert_eq!(alt, "Een plein met een fontein");
    // Without a cover no text is asked for (or kept).
    let r = staff
        .post(app.url("/beheer/projecten/nieuw"))
        .multipart(project_form("Zonder plaatje", "", "draft").text("cover_alt", "Iets"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let alt: String = app
        .db
        .scalar(
            "SELECT cover_alt FROM projects WHERE slug = 'zonder-plaatje'",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(alt, "");

    // The space photo form: a photo without its text is refused; the page says why, keeps
    // the photo (it is stored once) and the rest of the form; sent with the text, it is added.
    let (pid, c) = approved_provider(&app, "Buurthuis Tekst", "tekst@buurt.test").await;
    let sid = space(
        &app,
        &c,
        pid,
        "Zaal zonder tekst",
        "Een zaal waar we nog een foto van laten zien.",
        &[],
    )
    .await;
    let url = app.url(&format!("/makelpunt/aanbieder/{pid}/ruimtes/{sid}/fotos"));
    let r = c
        .post(&url)
        .multipart(
            Form::new()
                .text("alt", "")
                .part("photo", file(png(300, 200), "zaal.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Beschrijf in 3 tot 200 tekens wat er op de foto staat"),
        "{body}"
    );
    assert!(
        body.contains(r##"<a href="#alt">"##),
        "in the error summary"
    );
    assert!(body.contains(r#"aria-describedby="alt-hint alt-error" aria-invalid="true""#));
    assert!(
        body.contains(r#"value="Zaal zonder tekst""#),
        "the listing's form is there as stored"
    );
    let pending = form_value(&body, "upload_id").expect("the photo is kept");
    assert!(body.contains("U hoeft de foto niet opnieuw te kiezen"));
    let photos: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_photos WHERE space_id = $1",
            args![sid],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(photos, 0);
    // Someone else cannot attach that photo to their own space.
    let (pb, b) = approved_provider(&app, "Buurthuis Ander", "ander@buurt.test").await;
    let sb = space(
        &app,
        &b,
        pb,
        "Zaal ander",
        "Een andere zaal bij een andere aanbieder.",
        &[],
    )
    .await;
    let r = b
        .post(app.url(&format!("/makelpunt/aanbieder/{pb}/ruimtes/{sb}/fotos")))
        .multipart(
            Form::new()
                .text("alt", "Gekaapte foto")
                .text("upload_id", pending.clone()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Kies een foto"));
    // The text typed is kept when the photo is refused.
    let r = c
        .post(&url)
        .multipart(
            Form::new()
                .text("alt", "Zaal met tafels")
                .part("photo", file(b"geen plaatje".to_vec(), "zaal.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains(r#"value="Zaal met tafels""#), "{body}");
    assert!(body.contains(r#"aria-describedby="photo-hint photo-error" aria-invalid="true""#));
    // Sent again with the text: the kept photo is added.
    let r = c
        .post(&url)
        .multipart(
            Form::new()
                .text("alt", "Zaal met lange tafels")
                .text("upload_id", pending.clone()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let (upload, alt): (i64, String) = app
        .db
        .one(
            "SELECT upload_id, alt FROM space_photos WHERE space_id = $1",
            args![sid],
        )
        .await
        .unwrap();
    assert_eq!(upload.to_string(), pending);
    assert_eq!(alt, "Zaal met lange tafels");
    // Once on a space, the same upload cannot be added a second time.
    let r = c
        .post(&url)
        .multipart(
            Form::new()
                .text("alt", "Nog een keer")
                .text("upload_id", pending),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
}
both!(upload_without_text, upload_without_text_is_refused);

/// slug, cover key, cover text, width, height.
type CoverRow = (String, Option<String>, String, Option<i64>, Option<i64>);

/// The demo's pictures: stored through the upload pipeline (both variants on disk, an
/// `uploads` row with the large variant's size), one per project, several ideas, most
/// spaces, each with a text alternative; pages show them.
pub(crate) async fn demo_pictures(db: &meedoen::db::Db, data_dir: &std::path::Path, base: &str) {
    let projects: Vec<CoverRow> = db
        .all(
            "SELECT p.slug, u.storage_key, p.cover_alt, u.width, u.height FROM projects p \
             LEFT JOIN uploads u ON u.id = p.cover_upload_id ORDER BY p.id",
            args![],
        )
        .await
        .unwrap();
    assert!(projects.len() >= 6);
    for (slug, key, alt, w, h) in &projects {
        let key = key
            .as_ref()
            .unwrap_or_else(|| panic!("{slug} has a picture"));
        assert!(alt.len() > 10, "{slug}: {alt}");
        assert_eq!((*w, *h), (Some(840), Some(560)), "{slug}");
        for k in [key.clone(), key.replace(".jpg", "-400.jpg")] {
            let bytes = std::fs::read(data_dir.join(&k)).expect("variant on disk");
            assert_eq!(&bytes[..2], &[0xff, 0xd8], "JPEG");
            assert!(bytes.len() > 8_000, "a picture, not a flat fill: {k}");
        }
    }
    let ideas: i64 = db
        .scalar("SELECT COUNT(*) FROM idea_images WHERE alt <> ''", args![])
        .await
        .unwrap()
        .unwrap();
    assert!(ideas >= 6, "several ideas: {ideas}");
    let (with, all): (i64, i64) = db
        .one(
            "SELECT (SELECT COUNT(DISTINCT space_id) FROM space_photos WHERE alt <> ''), COUNT(*) FROM spaces",
            args![],
        )
        .await
        .unwrap();
    assert!(with * 2 > all, "most spaces: {with} of {all}");
    let galleries: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM (SELECT space_id FROM space_photos GROUP BY space_id HAVING COUNT(*) > 1) g",
            args![],
        )
        .await
        .unwrap()
        .unwrap();
    assert!(galleries >= 2, "some spaces show more than one photo");
    let distinct: i64 = db
        .scalar("SELECT COUNT(DISTINCT storage_key) FROM uploads", args![])
        .await
        .unwrap()
        .unwrap();
    let uploads: i64 = db
        .scalar("SELECT COUNT(*) FROM uploads", args![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(distinct, uploads);
    // Pictures differ: no two stored files are the same.
    let mut sizes = std::collections::HashSet::new();
    let keys: Vec<(String,)> = db
        .all("SELECT storage_key FROM uploads", args![])
        .await
        .unwrap();
    for (k,) in &keys {
        let bytes = std::fs::read(data_dir.join(k)).unwrap();
        sizes.insert(bytes);
    }
    assert_eq!(sizes.len(), keys.len(), "every picture is different");
    let home = reqwest::get(format!("{base}/"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let cards = img_tags(&home)
        .into_iter()
        .filter(|t| attr(t, "class").as_deref() == Some("card-img"))
        .count();
    assert!(cards >= 5, "project cards show pictures: {cards}");
}
