//! The idea list's cards: every card shows its own title, thumbnail, status, area, cost and
//! counts, in both languages, for every sort, filter and page, in a fixed number of
//! statements (issue 5).

use meedoen::args;
use meedoen::components::ideas::store::{unfiltered_page_sql, unfiltered_sig_sql, SORTS};

use crate::both;
use crate::ideas::{setup, Fx};
use crate::support::{Backend, TestApp};

/// One idea as inserted; `created_at` orders the newest-first list.
struct Idea {
    id: i64,
    title: String,
    status: &'static str,
    area: bool,
    cost: i64,
    likes: i64,
    comments: i64,
    hidden: bool,
    created_at: i64,
    /// Storage key of the first image.
    image: Option<String>,
}

const STATUSES: [&str; 8] = [
    "submitted",
    "accepted",
    "merged",
    "redirected",
    "rejected",
    "selected",
    "realised",
    "draft",
];
const LIKES: [i64; 6] = [0, 1, 2, 17, 1023, 1500];
const COMMENTS: [i64; 5] = [1, 0, 7, 2048, 1];
const COSTS: [i64; 4] = [0, 1500, 1_234_567, 999];

/// 24 ideas, three of them drafts: 21 on the list, so two pages.
async fn seed(app: &TestApp, fx: &Fx) -> Vec<Idea> {
    let mut ideas = Vec::new();
    for k in 0..24i64 {
        let mut idea = Idea {
            id: 0,
            title: format!("Idee {k:02} <voor> \"Zuid\" & meer"),
            status: STATUSES[k as usize % STATUSES.len()],
            area: k % 3 == 0,
            cost: COSTS[k as usize % COSTS.len()],
            likes: LIKES[k as usize % LIKES.len()],
            comments: COMMENTS[k as usize % COMMENTS.len()],
            // Hidden, with an image that must not show.
            hidden: k == 11,
            // Not in id order, all different.
            created_at: 10_000 + (k * 7) % 24,
            image: (k % 5 == 1).then(|| {
                if k % 2 == 0 {
                    format!("lijst/idee-{k}.webp")
                } else {
                    format!("lijst/idee-{k}.jpg")
                }
            }),
        };
        idea.id = app
            .db
            .write_scalar(
                "INSERT INTO ideas (org_id, component_id, author_name, title, summary, description, cost, area_id, \
                 status, like_count, comment_count, hidden, created_at, updated_at) \
                 VALUES ($1, $2, 'Iemand', $3, 'Samenvatting', 'Beschrijving', $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                args![
                    app.org_id,
                    fx.cid,
                    &idea.title,
                    idea.cost,
                    idea.area.then_some(fx.area),
                    idea.status,
                    idea.likes,
                    idea.comments,
                    idea.hidden,
                    idea.created_at
                ],
            )
            .await
            .unwrap();
        if let Some(key) = &idea.image {
            let upload: i64 = app
                .db
                .write_scalar(
                    "INSERT INTO uploads (org_id, storage_key, original_name, width, height, created_at) \
                     VALUES ($1, $2, 'foto', 800, 600, 1) RETURNING id",
                    args![app.org_id, key],
                )
                .await
                .unwrap();
            // Position 2 first: only position 1 is the thumbnail.
            for (position, alt) in [(2i64, "Tweede foto"), (1, "Foto van <idee> & zo")] {
                let upload = if position == 1 {
                    upload
                } else {
                    app.db
                        .write_scalar(
                            "INSERT INTO uploads (org_id, storage_key, original_name, width, height, created_at) \
                             VALUES ($1, $2, 'foto', 800, 600, 1) RETURNING id",
                            args![app.org_id, format!("{key}.tweede.jpg")],
                        )
                        .await
                        .unwrap()
                };
                app.db
                    .exec(
                        "INSERT INTO idea_images (org_id, idea_id, upload_id, position, alt, created_at) \
                         VALUES ($1, $2, $3, $4, $5, 1)",
                        args![app.org_id, idea.id, upload, position, alt],
                    )
                    .await
                    .unwrap();
            }
        }
        if k % 4 == 2 {
            app.db
                .exec(
                    "INSERT INTO idea_themes (org_id, idea_id, theme_id) VALUES ($1, $2, $3)",
                    args![app.org_id, idea.id, fx.theme],
                )
                .await
                .unwrap();
        }
        ideas.push(idea);
    }
    ideas
}

fn escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
}

/// What the card of `i` must say, in the shape [`cards`] reads.
fn card(i: &Idea, en: bool) -> String {
    let status = match (i.status, en) {
        ("submitted", false) => "Ingediend",
        ("accepted", false) => "Doet mee aan de stemming",
        ("merged", false) => "Samengevoegd",
        ("redirected", false) => "Doorverwezen",
        ("rejected", false) => "Afgewezen",
        ("selected", false) => "Gekozen",
        ("realised", false) => "Uitgevoerd",
        ("submitted", true) => "Submitted",
        ("accepted", true) => "On the ballot",
        ("merged", true) => "Merged",
        ("redirected", true) => "Redirected",
        ("rejected", true) => "Rejected",
        ("selected", true) => "Selected",
        ("realised", true) => "Realised",
        (other, _) => panic!("no {other} on the list"),
    };
    // Amounts are written the reader's way (as on the ballot).
    let euro = match (i.cost, en) {
        (0, false) => "€ 0",
        (1500, false) => "€ 1.500",
        (1_234_567, false) => "€ 1.234.567",
        (999, false) => "€ 999",
        (0, true) => "€0",
        (1500, true) => "€1,500",
        (1_234_567, true) => "€1,234,567",
        (999, true) => "€999",
        (other, _) => panic!("no cost {other}"),
    };
    let likes = match (i.likes, en) {
        (1, _) => "1 like".to_string(),
        (n, _) => format!("{n} likes"),
    };
    let comments = match (i.comments, en) {
        (1, false) => "1 reactie".to_string(),
        (1, true) => "1 comment".to_string(),
        (n, false) => format!("{n} reacties"),
        (n, true) => format!("{n} comments"),
    };
    let area = if i.area { " · Zuid" } else { "" };
    let head = if i.hidden {
        if en { "Hidden idea" } else { "Verborgen idee" }.to_string()
    } else {
        let thumb = match &i.image {
            Some(key) => {
                let src = key
                    .strip_suffix(".jpg")
                    .map_or(key.clone(), |b| format!("{b}-400.jpg"));
                format!("[{src} | {}] ", escape("Foto van <idee> & zo"))
            }
            None => String::new(),
        };
        format!("{thumb}{} {}", i.id, escape(&i.title))
    };
    format!("{head} / {status}{area} · {euro} · {likes} · {comments}")
}

/// The cards of a list page, each as "[thumb | alt] id title / counts line", or "hidden title /
/// counts line" for a hidden idea.
fn cards(html: &str) -> Vec<String> {
    html.split("<li class=\"card\">")
        .skip(1)
        .map(|card| {
            let card = card.split("</li>").next().unwrap_or_default();
            let between = |from: &str, to: &str| -> Option<String> {
                let rest = card.split_once(from)?.1;
                Some(rest.split_once(to)?.0.to_string())
            };
            let thumb = between("<img src=\"/bestanden/", "\"").map(|src| {
                let alt = between(" alt=\"", "\"").unwrap_or_default();
                format!("[{src} | {alt}] ")
            });
            let title = match between("<h2><a href=\"/ideeen/", "</a></h2>") {
                Some(link) => {
                    let (id, title) = link.split_once("\">").unwrap_or_default();
                    format!("{id} {title}")
                }
                None => between("<h2>", "</h2>").unwrap_or_else(|| panic!("no title in {card}")),
            };
            let head = format!("{}{title}", thumb.unwrap_or_default());
            let counts = between("<p class=\"counts\"><span class=\"status\">", "</p>")
                .unwrap_or_else(|| panic!("no counts in {card}"))
                .replacen("</span>", "", 1);
            format!("{head} / {counts}")
        })
        .collect()
}

async fn get(c: &reqwest::Client, url: &str) -> String {
    let r = c.get(url).send().await.unwrap();
    assert_eq!(r.status(), 200, "{url}");
    r.text().await.unwrap()
}

/// Statements one request runs: the least of several tries, because background jobs share the
/// counter and land in some tries, not all.
async fn statements(app: &TestApp, c: &reqwest::Client, path: &str, status: u16) -> u64 {
    let mut least = u64::MAX;
    for _ in 0..8 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let before = app.db.query_count();
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), status, "{path}");
        r.text().await.unwrap();
        least = least.min(app.db.query_count() - before);
    }
    least
}

both!(idea_list_cards_and_statements, cards_and_statements);

async fn cards_and_statements(app: TestApp) {
    let fx = setup(&app).await;
    let ideas = seed(&app, &fx).await;
    let listed: Vec<&Idea> = ideas.iter().filter(|i| i.status != "draft").collect();
    assert_eq!(listed.len(), 21);
    let sorted = |key: &dyn Fn(&Idea) -> (i64, i64)| -> Vec<&Idea> {
        let mut v = listed.clone();
        v.sort_by_key(|i| std::cmp::Reverse(key(i)));
        v
    };
    let newest = sorted(&|i| (i.created_at, i.id));
    let by_likes = sorted(&|i| (i.likes, i.id));
    let by_comments = sorted(&|i| (i.comments, i.id));
    let expect = |v: &[&Idea], en: bool| -> Vec<String> { v.iter().map(|i| card(i, en)).collect() };

    let base = format!("/onderdelen/{}/ideeen", fx.cid);
    let nl = app.client();
    let en = reqwest::Client::builder()
        .default_headers(
            [(
                reqwest::header::COOKIE,
                reqwest::header::HeaderValue::from_static("lang=en"),
            )]
            .into_iter()
            .collect(),
        )
        .build()
        .unwrap();
    for (c, is_en) in [(&nl, false), (&en, true)] {
        let page = |q: &str| {
            let url = app.url(&format!("{base}{q}"));
            async move { get(c, &url).await }
        };
        let p1 = page("").await;
        assert!(
            p1.contains(if is_en {
                "21 ideas found"
            } else {
                "21 ideeën gevonden"
            }),
            "{p1}"
        );
        assert_eq!(cards(&p1), expect(&newest[..20], is_en), "newest, page 1");
        assert_eq!(
            cards(&page("?pagina=2").await),
            expect(&newest[20..], is_en),
            "newest, page 2"
        );
        assert!(cards(&page("?pagina=3").await).is_empty(), "past the end");
        for far in [
            "?pagina=9223372036854775807",
            "?status=accepted&pagina=9223372036854775807",
        ] {
            assert!(cards(&page(far).await).is_empty(), "{far}");
        }
        assert_eq!(
            cards(&page("?volgorde=likes").await),
            expect(&by_likes[..20], is_en),
            "likes"
        );
        assert_eq!(
            cards(&page("?volgorde=reacties&pagina=2").await),
            expect(&by_comments[20..], is_en),
            "comments, page 2"
        );
        // Random: both pages together hold every listed idea once, the same for one seed.
        let r1 = cards(&page("?volgorde=willekeurig&seed=4242").await);
        let r2 = cards(&page("?volgorde=willekeurig&seed=4242&pagina=2").await);
        assert_eq!(r1, cards(&page("?volgorde=willekeurig&seed=4242").await));
        let mut all = [r1, r2].concat();
        all.sort();
        let mut want = expect(&listed, is_en);
        want.sort();
        assert_eq!(all, want, "random order");

        // Filters go through the filtered query: same cards.
        let in_area: Vec<&Idea> = newest.iter().copied().filter(|i| i.area).collect();
        let html = page(&format!("?gebied={}", fx.area)).await;
        assert_eq!(cards(&html), expect(&in_area, is_en), "area");
        let n = in_area.len();
        assert!(
            html.contains(&if is_en {
                format!("{n} ideas found")
            } else {
                format!("{n} ideeën gevonden")
            }),
            "{html}"
        );
        let themed: Vec<&Idea> = by_comments
            .iter()
            .copied()
            .filter(|i| {
                ideas
                    .iter()
                    .position(|x| x.id == i.id)
                    .is_some_and(|k| k % 4 == 2)
            })
            .collect();
        assert!(!themed.is_empty());
        assert_eq!(
            cards(&page(&format!("?thema={}&volgorde=reacties", fx.theme)).await),
            expect(&themed, is_en),
            "theme"
        );
        let rejected: Vec<&Idea> = by_likes
            .iter()
            .copied()
            .filter(|i| i.status == "rejected")
            .collect();
        assert_eq!(
            cards(&page("?status=rejected&volgorde=likes").await),
            expect(&rejected, is_en),
            "status"
        );
    }

    // Statements over what any page costs (municipality, session, snapshot): without filters the
    // component with its settings and total, then the cards (before: component, settings,
    // total, cards); with a filter a count comes in between. In a fixed order the cards are
    // kept rendered (`render_cache.rs`): the page reads them narrowly, and reads them in full
    // only when they changed. The least of several tries is that kept case: 2 statements, not 3.
    // A random order is not kept (one statement for its cards), nor is a filtered list.
    nl.get(app.url(&base)).send().await.unwrap(); // municipality and taxonomy caches
    let privacy = statements(&app, &nl, "/privacy", 200).await;
    for (q, n) in [
        ("", 2),
        ("?pagina=2", 2),
        ("?pagina=9", 2),
        ("?volgorde=likes", 2),
        ("?volgorde=willekeurig&seed=7", 2),
        ("?status=accepted", 3),
        ("?zoek=idee&volgorde=reacties", 3),
    ] {
        assert_eq!(
            statements(&app, &nl, &format!("{base}{q}"), 200).await,
            privacy + n,
            "{q}"
        );
    }
    // An unknown component is one statement and a 404.
    assert_eq!(
        statements(&app, &nl, "/onderdelen/987654/ideeen", 404).await,
        privacy + 1
    );

    // The unfiltered page walks an index in the order asked (SQLite's plan; PostgreSQL picks by
    // table size, and these tables are tiny).
    if app.backend == Backend::Sqlite {
        // The narrow read of the kept pages too.
        let fixed = SORTS.iter().filter(|s| **s != "willekeurig");
        let sqls = fixed.flat_map(|sort| {
            let narrow = unfiltered_sig_sql(sort).expect("fixed orders are kept");
            [(sort, unfiltered_page_sql(sort)), (sort, narrow)]
        });
        for (sort, sql) in sqls {
            let explain: &'static str =
                Box::leak(format!("EXPLAIN QUERY PLAN {sql}").into_boxed_str());
            let rows: Vec<(i64, i64, i64, String)> = app
                .db
                .all(explain, args![app.org_id, fx.cid, 20, 0])
                .await
                .unwrap();
            let plan: Vec<String> = rows.into_iter().map(|r| r.3).collect();
            let text = plan.join("\n");
            assert!(!text.contains("TEMP B-TREE"), "{sort}: {text}");
            assert!(text.contains("USING INDEX ideas_list_"), "{sort}: {text}");
        }
    }
    app.stop().await;
}
