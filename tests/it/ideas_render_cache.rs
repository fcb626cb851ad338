//! Parts of idea pages are kept rendered (`render_cache.rs`):
//! - the anonymous view of an idea's comments, versioned by triggers on the comments
//!   (migration 0015). Every way a comment changes must show on the very next anonymous view,
//!   and logged-in visitors never get the anonymous rendering;
//! - the cards of an idea list page, checked against a narrow read of the page (id, counts,
//!   and a revision that triggers move, migration 0021). Every way a card can change must
//!   show on the very next view.

use meedoen::args;

use crate::both;
use crate::ideas::{location, setup, submit};
use crate::support::TestApp;

both!(comment_changes_reach_the_next_anonymous_view, changes_show);
both!(card_changes_reach_the_next_list_view, card_changes_show);

async fn page_as(client: &reqwest::Client, url: String) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

async fn changes_show(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    let anon = app.client();
    let view = || {
        let anon = anon.clone();
        let url = app.url(&format!("/ideeen/{id}"));
        async move { page_as(&anon, url).await }
    };
    let comment = |body: &'static str| {
        let member = member.clone();
        let url = app.url(&format!("/ideeen/{id}/reacties"));
        async move {
            let r = member
                .post(url)
                .form(&[("body", body), ("stance", "for"), ("parent_id", "")])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 303);
            location(&r)
                .rsplit("#reactie-")
                .next()
                .unwrap()
                .parse::<i64>()
                .unwrap()
        }
    };

    // Twice the same page, so the second view comes from the kept rendering.
    assert!(!view().await.contains("Eerste reactie"));
    let c1 = comment("Eerste reactie").await;
    assert!(
        view().await.contains("Eerste reactie"),
        "a new comment shows"
    );
    assert!(view().await.contains("Eerste reactie"));
    let page = view().await;
    assert!(
        !page.contains(&format!("/reacties/{c1}/like")) && !page.contains("name=\"parent_id\""),
        "no like buttons or reply forms for anonymous visitors"
    );

    // The member's own view is rendered for them: like button and reply form.
    let mine = page_as(&member, app.url(&format!("/ideeen/{id}"))).await;
    assert!(mine.contains(&format!("/reacties/{c1}/like")), "{mine}");
    assert!(mine.contains("name=\"parent_id\""));
    // ...and that does not leak into the anonymous view.
    assert!(!view().await.contains(&format!("/reacties/{c1}/like")));

    // An edit by the author.
    let r = member
        .post(app.url(&format!("/reacties/{c1}/bewerken")))
        .form(&[("body", "Bijgewerkte reactie"), ("stance", "against")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let page = view().await;
    assert!(
        page.contains("Bijgewerkte reactie") && !page.contains("Eerste reactie"),
        "an edit shows"
    );

    // A like on the comment.
    assert!(view().await.contains("0 likes"));
    let r = member
        .post(app.url(&format!("/reacties/{c1}/like")))
        .form(&[("liked", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(view().await.contains("1 like<"), "a like shows");

    // A change made straight in the database (another node, a script) shows too.
    app.db
        .exec(
            "UPDATE idea_comments SET author_name = 'Andere Naam' WHERE id = $1",
            args![c1],
        )
        .await
        .unwrap();
    assert!(view().await.contains("Andere Naam"));
    app.db
        .exec(
            "UPDATE idea_comments SET hidden = TRUE WHERE id = $1",
            args![c1],
        )
        .await
        .unwrap();
    let page = view().await;
    assert!(
        !page.contains("Bijgewerkte reactie") && page.contains("verborgen"),
        "a hidden comment shows a notice, never its text"
    );
    let c2 = comment("Tweede reactie").await;
    assert!(view().await.contains("Tweede reactie"));
    app.db
        .exec("DELETE FROM idea_comments WHERE id = $1", args![c2])
        .await
        .unwrap();
    assert!(!view().await.contains("Tweede reactie"), "a deletion shows");

    // Another language is its own rendering: the kept Dutch list is not shown in English.
    let c3 = comment("Derde reactie").await;
    assert!(view().await.contains("Voor"));
    let english = app.client();
    let r = english
        .post(app.url("/taal"))
        .header("origin", app.base.clone())
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "en"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let en = page_as(&english, app.url(&format!("/ideeen/{id}#reactie-{c3}"))).await;
    assert!(en.contains(">For<") && !en.contains(">Voor<"), "{en}");
    app.stop().await;
}

/// The first card of the newest-first list, from `<li class="card">` to its end.
fn first_card(html: &str) -> String {
    html.split("<li class=\"card\">")
        .nth(1)
        .and_then(|c| c.split("</li>").next())
        .unwrap_or_else(|| panic!("no card in {html}"))
        .to_string()
}

async fn card_changes_show(app: TestApp) {
    let fx = setup(&app).await;
    let (_, member) = app.member_client("bewoner@enschede.test").await;
    let id = submit(&app, &member, &fx, "Bankjes in de Ledeboerstraat").await;
    let anon = app.client();
    let list = app.url(&format!("/onderdelen/{}/ideeen", fx.cid));
    // Each check views the list twice: the first view after a change renders, the second is
    // served from what the first kept, and both must show the change.
    let card = || {
        let (anon, list) = (anon.clone(), list.clone());
        async move {
            let first = first_card(&page_as(&anon, list.clone()).await);
            let again = first_card(&page_as(&anon, list).await);
            assert_eq!(first, again, "a kept card differs from the fresh one");
            first
        }
    };
    let sql = |sql: &'static str, id: i64| {
        let db = app.db.clone();
        async move { db.exec(sql, args![id]).await.unwrap() }
    };

    let c = card().await;
    assert!(
        c.contains("Bankjes in de Ledeboerstraat") && c.contains("0 likes"),
        "{c}"
    );
    assert!(
        c.contains("Zuid") && c.contains("€ 4.500") && c.contains("0 reacties"),
        "{c}"
    );

    // A like and a comment through the site.
    let r = member
        .post(app.url(&format!("/ideeen/{id}/like")))
        .form(&[("liked", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let c = card().await;
    assert!(c.contains(" · 1 like · "), "a like shows: {c}");
    let r = member
        .post(app.url(&format!("/ideeen/{id}/reacties")))
        .form(&[("body", "Goed plan"), ("stance", "for"), ("parent_id", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(card().await.contains("1 reactie<"), "a comment shows");

    // Changes straight in the database (another node, a script, moderation).
    sql(
        "UPDATE ideas SET title = 'Bankjes & bomen' WHERE id = $1",
        id,
    )
    .await;
    assert!(
        card().await.contains("Bankjes &#38; bomen"),
        "a new title shows"
    );
    sql(
        "UPDATE ideas SET summary = 'Ook schaduw.' WHERE id = $1",
        id,
    )
    .await;
    assert!(card().await.contains("Ook schaduw."), "a new summary shows");
    sql("UPDATE ideas SET cost = 1234567 WHERE id = $1", id).await;
    assert!(card().await.contains("€ 1.234.567"), "a new cost shows");
    sql("UPDATE ideas SET status = 'accepted' WHERE id = $1", id).await;
    assert!(
        card().await.contains("Doet mee aan de stemming"),
        "a new status shows"
    );
    sql("UPDATE areas SET name = 'Zuid-Oost' WHERE id = $1", fx.area).await;
    assert!(card().await.contains("Zuid-Oost"), "a renamed area shows");
    sql("UPDATE ideas SET area_id = NULL WHERE id = $1", id).await;
    assert!(
        !card().await.contains("Zuid"),
        "an idea without area shows none"
    );

    let upload: i64 = app
        .db
        .write_scalar(
            "INSERT INTO uploads (org_id, storage_key, original_name, width, height, created_at) \
             VALUES ($1, 'lijst/bank.webp', 'foto', 800, 600, 1) RETURNING id",
            args![app.org_id],
        )
        .await
        .unwrap();
    app.db
        .exec(
            "INSERT INTO idea_images (org_id, idea_id, upload_id, position, alt, created_at) \
             VALUES ($1, $2, $3, 1, 'Een bank', 1)",
            args![app.org_id, id, upload],
        )
        .await
        .unwrap();
    let c = card().await;
    assert!(
        c.contains("lijst/bank.webp") && c.contains("alt=\"Een bank\""),
        "a new photo shows: {c}"
    );
    sql(
        "UPDATE uploads SET storage_key = 'lijst/bank-2.webp' WHERE id = $1",
        upload,
    )
    .await;
    let c = card().await;
    assert!(
        c.contains("lijst/bank-2.webp"),
        "a new file for the photo shows: {c}"
    );
    sql(
        "UPDATE idea_images SET alt = 'Een groene bank' WHERE idea_id = $1",
        id,
    )
    .await;
    assert!(
        card().await.contains("alt=\"Een groene bank\""),
        "a new text for the photo shows"
    );
    sql("DELETE FROM uploads WHERE id = $1", upload).await;
    assert!(!card().await.contains("<img"), "a removed photo goes");

    sql("UPDATE ideas SET hidden = TRUE WHERE id = $1", id).await;
    let c = card().await;
    assert!(
        c.contains("Verborgen idee") && !c.contains("Bankjes"),
        "a hidden idea shows a notice: {c}"
    );
    sql("UPDATE ideas SET hidden = FALSE WHERE id = $1", id).await;

    // A new idea comes first; a deleted one goes.
    let newer = submit(
        &app,
        &member,
        &fx,
        "Speeltuin aan de Wethouder Beversstraat",
    )
    .await;
    assert!(card().await.contains("Speeltuin"), "a new idea shows");
    sql("DELETE FROM ideas WHERE id = $1", newer).await;
    assert!(
        card().await.contains("Bankjes &#38; bomen"),
        "a deleted idea goes"
    );

    // Cards are the same for everyone: a member sees the kept cards, with their own header.
    let mine = page_as(&member, list.clone()).await;
    assert_eq!(first_card(&mine), card().await);
    app.stop().await;
}
