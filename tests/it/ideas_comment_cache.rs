//! The anonymous view of an idea's comments is kept rendered (`comment_cache.rs`), versioned
//! by triggers on the comments (migration 0015). Every way a comment changes must show on the
//! very next anonymous view, and logged-in visitors never get the anonymous rendering.

use meedoen::args;

use crate::both;
use crate::ideas::{location, setup, submit};
use crate::support::TestApp;

both!(comment_changes_reach_the_next_anonymous_view, changes_show);

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
