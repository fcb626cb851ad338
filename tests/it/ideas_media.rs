//! Images and the map point on ideas: images survive a failed submit, need a text
//! alternative, are capped at five (in the form and in the database), show on the idea page
//! and as thumbnail in the list, and the author can remove them. Points are checked against
//! the Netherlands or the chosen area's GeoJSON.

use meedoen::args;
use reqwest::multipart::{Form, Part};

use crate::both;
use crate::ideas::{location, setup, Fx, DESCRIPTION};
use crate::projects::png;
use crate::support::{form_value, TestApp};

fn fields(fx: &Fx, title: &str, action: &str) -> Form {
    Form::new()
        .text("title", title.to_string())
        .text("summary", "Bankjes zodat ouderen kunnen rusten.")
        .text("description", DESCRIPTION)
        .text("cost", "4500")
        .text("area_id", fx.area.to_string())
        .text("action", action.to_string())
}

fn with_photo(f: Form, alt: &str) -> Form {
    f.part(
        "photo",
        Part::bytes(png(40, 30))
            .file_name("foto.png")
            .mime_str("image/png")
            .unwrap(),
    )
    .text("photo_alt", alt.to_string())
}

fn idea_id(r: &reqwest::Response) -> i64 {
    location(r)
        .trim_start_matches("/ideeen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn count(app: &TestApp, sql: &'static str, id: i64) -> i64 {
    app.db.scalar(sql, args![id]).await.unwrap().unwrap_or(0)
}

async fn images_survive_errors_and_show(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let new_url = app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid));
    let form = member
        .get(&new_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("enctype=\"multipart/form-data\""));
    assert!(form.contains("type=\"file\"") && form.contains("id=\"lat\""));
    assert!(!form.contains("ideas-"), "no missing keys: {form}");

    // A title that is too short and a photo without a description: both reported, the photo
    // is stored anyway and comes back in a hidden field.
    let r = member
        .post(&new_url)
        .multipart(with_photo(fields(&fx, "Kort", "submit"), ""))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("Gebruik minstens 10 tekens"), "{body}");
    assert!(
        body.contains("Schrijf in een paar woorden wat er op de foto staat"),
        "{body}"
    );
    assert!(
        body.contains("href=\"#image_1_alt\""),
        "summary links to the field"
    );
    let upload: i64 = form_value(&body, "image_1").unwrap().parse().unwrap();
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM uploads WHERE id = $1", upload).await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM idea_images WHERE upload_id = $1",
            upload
        )
        .await,
        0
    );

    // The second try needs no new file.
    let r = member
        .post(&new_url)
        .multipart(
            fields(&fx, "Bankjes bij de speeltuin", "submit")
                .text("image_1", upload.to_string())
                .text("image_1_alt", "Kapot bankje bij de speeltuin"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let id = idea_id(&r);
    let (pos, alt, key): (i64, String, String) = app
        .db
        .one(
            "SELECT x.position, x.alt, u.storage_key FROM idea_images x JOIN uploads u ON u.id = x.upload_id WHERE x.idea_id = $1",
            args![id],
        )
        .await
        .unwrap();
    assert_eq!((pos, alt.as_str()), (1, "Kapot bankje bij de speeltuin"));
    let small = key.replace(".jpg", "-400.jpg");
    let anon = app.client();
    let page = anon
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!(
            "src=\"/bestanden/{small}\" alt=\"Kapot bankje bij de speeltuin\""
        )),
        "{page}"
    );
    let img = anon
        .get(app.url(&format!("/bestanden/{small}")))
        .send()
        .await
        .unwrap();
    assert_eq!(img.status(), 200);
    assert_eq!(img.headers()["content-type"], "image/jpeg");
    let list = anon
        .get(app.url(&format!("/onderdelen/{}/ideeen", fx.cid)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list.contains(&format!("src=\"/bestanden/{small}\"")) && list.contains("idea-thumb"),
        "thumbnail in the list"
    );

    // "Add photo" stores it and shows the form again without saving the idea.
    let before = count(
        &app,
        "SELECT COUNT(*) FROM ideas WHERE org_id = $1",
        app.org_id,
    )
    .await;
    let r = member
        .post(&new_url)
        .multipart(with_photo(fields(&fx, "", "photo"), "Een boom"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(body.contains("value=\"Een boom\"") && form_value(&body, "image_1").is_some());
    assert!(
        !body.contains("error-summary"),
        "only photo errors count here"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM ideas WHERE org_id = $1",
            app.org_id
        )
        .await,
        before
    );

    // Someone else cannot take over an upload by its id.
    let (_, other) = app.member_client("ander@enschede.test").await;
    let r = other
        .post(&new_url)
        .multipart(
            fields(&fx, "Een ander idee voor Zuid", "submit")
                .text("image_1", upload.to_string())
                .text("image_1_alt", "Gestolen foto"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let theirs = idea_id(&r);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM idea_images WHERE idea_id = $1",
            theirs
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT idea_id FROM idea_images WHERE upload_id = $1",
            upload
        )
        .await,
        id
    );

    // Not an image: a clear message, nothing stored.
    let uploads = count(
        &app,
        "SELECT COUNT(*) FROM uploads WHERE org_id = $1",
        app.org_id,
    )
    .await;
    let r = member
        .post(&new_url)
        .multipart(
            fields(&fx, "Bankjes bij de speeltuin", "submit")
                .part(
                    "photo",
                    Part::bytes(b"geen plaatje".to_vec())
                        .file_name("x.png")
                        .mime_str("image/png")
                        .unwrap(),
                )
                .text("photo_alt", "Tekst"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("geen afbeelding die wij kunnen gebruiken"),
        "{body}"
    );
    assert!(body.contains("value=\"Tekst\""), "the description is kept");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM uploads WHERE org_id = $1",
            app.org_id
        )
        .await,
        uploads
    );
    app.stop().await;
}
both!(images_survive_errors, images_survive_errors_and_show);

async fn five_images_at_most_and_removal(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let new_url = app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid));
    let mut f = fields(&fx, "Zes foto's van het park", "submit");
    for n in 1..=6 {
        f = with_photo(f, &format!("Foto nummer {n}"));
    }
    let r = member.post(&new_url).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("U kunt hoogstens 5 foto"), "{body}");
    assert!(form_value(&body, "image_5").is_some() && form_value(&body, "image_6").is_none());
    assert!(!body.contains("type=\"file\""), "no sixth slot");
    let ids: Vec<String> = (1..=5)
        .map(|n| form_value(&body, &format!("image_{n}")).unwrap())
        .collect();
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM uploads WHERE org_id = $1",
            app.org_id
        )
        .await,
        5,
        "the sixth file was not stored"
    );
    let mut f = fields(&fx, "Vijf foto's van het park", "submit");
    for (i, id) in ids.iter().enumerate() {
        f = f.text(format!("image_{}", i + 1), id.clone()).text(
            format!("image_{}_alt", i + 1),
            format!("Foto nummer {}", i + 1),
        );
    }
    let r = member.post(&new_url).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let id = idea_id(&r);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM idea_images WHERE idea_id = $1",
            id
        )
        .await,
        5
    );
    // The database refuses a sixth position whatever the requests.
    let extra: i64 = app
        .db
        .write_scalar(
            "INSERT INTO uploads (org_id, owner_id, storage_key, original_name, width, height, created_at) \
             VALUES ($1, NULL, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg', 'x', 1, 1, 0) RETURNING id",
            args![app.org_id],
        )
        .await
        .unwrap();
    assert!(app
        .db
        .exec(
            "INSERT INTO idea_images (org_id, idea_id, upload_id, position, alt, created_at) VALUES ($1, $2, $3, 6, 'x', 0)",
            args![app.org_id, id, extra],
        )
        .await
        .is_err());

    // Editing with a sixth photo is refused with the same message.
    let edit_url = app.url(&format!("/ideeen/{id}/bewerken"));
    let edit = member
        .get(&edit_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(edit.contains("Meer kan niet"), "{edit}");
    let mut f = fields(&fx, "Vijf foto's van het park", "save");
    for (i, up) in ids.iter().enumerate() {
        f = f.text(format!("image_{}", i + 1), up.clone()).text(
            format!("image_{}_alt", i + 1),
            format!("Foto nummer {}", i + 1),
        );
    }
    let r = member
        .post(&edit_url)
        .multipart(with_photo(f, "Nog een"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("U kunt hoogstens 5 foto"));

    // The author removes photo 2: the rest move up, the file is gone.
    let removed_key: String = app
        .db
        .scalar(
            "SELECT storage_key FROM uploads WHERE id = $1",
            args![ids[1].parse::<i64>().unwrap()],
        )
        .await
        .unwrap()
        .unwrap();
    let mut f = fields(&fx, "Vijf foto's van het park", "save");
    for (i, up) in ids.iter().enumerate() {
        f = f.text(format!("image_{}", i + 1), up.clone()).text(
            format!("image_{}_alt", i + 1),
            format!("Foto nummer {}", i + 1),
        );
    }
    let r = member
        .post(&edit_url)
        .multipart(f.text("image_2_remove", "1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let rows: Vec<(i64, String)> = app
        .db
        .all(
            "SELECT position, alt FROM idea_images WHERE idea_id = $1 ORDER BY position",
            args![id],
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        vec![
            (1, "Foto nummer 1".to_string()),
            (2, "Foto nummer 3".to_string()),
            (3, "Foto nummer 4".to_string()),
            (4, "Foto nummer 5".to_string()),
        ]
    );
    assert_eq!(
        app.client()
            .get(app.url(&format!("/bestanden/{removed_key}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert!(!app.data_dir.join(&removed_key).exists());
    // An urlencoded edit (no JavaScript, no file) keeps working and keeps listed images.
    let r = member
        .post(&edit_url)
        .form(&[
            ("title", "Vier foto's van het park"),
            ("summary", "Bankjes zodat ouderen kunnen rusten."),
            ("description", DESCRIPTION),
            ("cost", "4500"),
            ("image_1", ids[0].as_str()),
            ("image_1_alt", "Foto nummer 1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM idea_images WHERE idea_id = $1",
            id
        )
        .await,
        1
    );
    app.stop().await;
}
both!(five_images_at_most, five_images_at_most_and_removal);

async fn point_checked_and_shown(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let new_url = app.url(&format!("/onderdelen/{}/ideeen/nieuw", fx.cid));
    let post = |lat: &str, lon: &str| {
        member
            .post(&new_url)
            .multipart(
                fields(&fx, "Een bankje op de hoek", "submit")
                    .text("lat", lat.to_string())
                    .text("lon", lon.to_string()),
            )
            .send()
    };
    // Paris is not in the Netherlands; the input is kept.
    let r = post("48.8566", "2.3522").await.unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("Deze plek ligt niet in Nederland"), "{body}");
    assert!(body.contains("value=\"48.8566\""));
    let r = post("abc", "6.89").await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Vul een breedtegraad in als getal"));
    let r = post("52.2", "").await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Vul een lengtegraad in als getal"));

    let r = post("52,2215", "6.8937").await.unwrap();
    assert_eq!(r.status(), 303);
    let id = idea_id(&r);
    let page = app
        .client()
        .get(app.url(&format!("/ideeen/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("52.22150") && page.contains("6.89370"),
        "{page}"
    );
    assert!(
        page.contains("<svg") && page.contains("Kaart met de plek van dit idee"),
        "small map"
    );
    assert!(
        page.contains("href=\"https://www.openstreetmap.org/?mlat=52.22150&#38;mlon=6.89370"),
        "{page}"
    );

    // With GeoJSON on the area, the point must lie inside the area's box.
    app.db
        .exec(
            "UPDATE areas SET geojson = $1 WHERE id = $2",
            args![
                r#"{"type":"Polygon","coordinates":[[[6.88,52.19],[6.92,52.19],[6.92,52.21],[6.88,52.21],[6.88,52.19]]]}"#,
                fx.area
            ],
        )
        .await
        .unwrap();
    let r = post("52.2215", "6.8937").await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Deze plek ligt niet in het gebied dat u koos"));
    let r = post("52.20", "6.90").await.unwrap();
    assert_eq!(r.status(), 303);
    let (lat, lon): (Option<f64>, Option<f64>) = app
        .db
        .one(
            "SELECT lat, lon FROM ideas WHERE id = $1",
            args![idea_id(&r)],
        )
        .await
        .unwrap();
    assert_eq!((lat, lon), (Some(52.20), Some(6.90)));
    app.stop().await;
}
both!(point_on_ideas, point_checked_and_shown);

/// Issue 5: the default (newest first) list page walks an index in order instead of sorting
/// all ideas of the component, and reads counters instead of counting likes. SQLite only: it
/// reads SQLite's query plan of SQLite's statement (PostgreSQL picks its plan by table size).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn list_plan_sqlite() {
    let app = TestApp::spawn(crate::support::Backend::Sqlite).await;
    let sql = meedoen::components::ideas::store::page_sql(meedoen::db::Backend::Sqlite, "nieuw");
    assert!(
        !sql.to_lowercase().contains("count("),
        "no COUNT in the page query"
    );
    let explain: &'static str = Box::leak(format!("EXPLAIN QUERY PLAN {sql}").into_boxed_str());
    let rows: Vec<(i64, i64, i64, String)> = app
        .db
        .all(explain, args![app.org_id, 1, 0, 0, "", "", 1, 20, 0])
        .await
        .unwrap();
    let plan: Vec<String> = rows.into_iter().map(|r| r.3).collect();
    let text = plan.join("\n");
    eprintln!("{text}");
    assert!(!text.contains("TEMP B-TREE"), "{text}");
    assert!(text.contains("ideas_list_new"), "{text}");
    app.stop().await;
}
