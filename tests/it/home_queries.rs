//! The home page's cards: every card shows its own themes, ways to take part and current phase
//! (and nothing of another project's), on every page and past the last one, in a fixed number
//! of statements.

use meedoen::args;
use meedoen::db::now;

use crate::both;
use crate::support::TestApp;

/// Two pages: 14 open projects, then 2 closed ones.
const PROJECTS: i64 = 16;

/// What the card of project `i` must show: (component tags, then theme tags), current phase.
fn expected(i: i64) -> (Vec<String>, Option<String>) {
    let p = format!("p{i:02}");
    let mut tags = Vec::new();
    if i % 6 != 0 {
        // By position, then id; a kind shows once; unknown kinds show as they are.
        for k in ["a", "b"] {
            tags.push(format!("werkvorm-{p}-{k}"));
        }
        tags.push("Peiling".into());
        for k in ["d", "c"] {
            tags.push(format!("werkvorm-{p}-{k}"));
        }
    }
    if i % 4 != 0 {
        tags.extend([format!("Afval {p}"), "Samen".into(), format!("Zorg {p}")]);
    }
    let phase = (i % 5 != 0).then(|| {
        // The last of the phases that include today, by start date and then id.
        if i % 2 == 1 {
            format!("Ook {p}")
        } else {
            format!("Nu {p}")
        }
    });
    (tags, phase)
}

async fn seed(app: &TestApp) {
    let t = now();
    let org = app.org_id;
    let shared: i64 = app
        .db
        .write_scalar(
            "INSERT INTO themes (org_id, name, slug) VALUES ($1, 'Samen', 'samen') RETURNING id",
            args![org],
        )
        .await
        .unwrap();
    for i in 0..PROJECTS {
        let p = format!("p{i:02}");
        let status = if i < 2 { "closed" } else { "published" };
        let pid: i64 = app
            .db
            .write_scalar(
                "INSERT INTO projects (org_id, slug, title, summary, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'Samenvatting', $4, $5, $5) RETURNING id",
                args![org, format!("project-{p}"), format!("Project {p}"), status, t + i],
            )
            .await
            .unwrap();
        if i % 4 != 0 {
            // Linked in an order other than by name.
            for name in [format!("Zorg {p}"), format!("Afval {p}")] {
                let theme: i64 = app
                    .db
                    .write_scalar(
                        "INSERT INTO themes (org_id, name, slug) VALUES ($1, $2, $3) RETURNING id",
                        args![org, &name, name.to_lowercase().replace(' ', "-")],
                    )
                    .await
                    .unwrap();
                link_theme(app, pid, theme).await;
            }
            link_theme(app, pid, shared).await;
        }
        if i % 6 != 0 {
            for (kind, position) in [
                (format!("werkvorm-{p}-b"), 2),
                (format!("werkvorm-{p}-a"), 1),
                ("poll".to_string(), 3),
                (format!("werkvorm-{p}-a"), 4),
                (format!("werkvorm-{p}-d"), 5),
                (format!("werkvorm-{p}-c"), 5),
            ] {
                app.db
                    .exec(
                        "INSERT INTO components (org_id, project_id, kind, title, position, created_at) \
                         VALUES ($1, $2, $3, 'Onderdeel', $4, $5)",
                        args![org, pid, kind, position as i64, t],
                    )
                    .await
                    .unwrap();
            }
        }
        if i % 5 != 0 {
            let mut phases = vec![
                ("Voorbij", "2000-01-01", "2000-12-31"),
                ("Nu", "2020-01-01", "2099-12-31"),
                ("Breed", "2000-01-01", "2099-12-31"),
                ("Straks", "2098-01-01", "2099-12-31"),
            ];
            if i % 2 == 1 {
                phases.push(("Ook", "2020-01-01", "2099-12-31"));
            }
            // With the project already in the phase the dates make current, in the same
            // transaction: otherwise the background job that moves projects into their phases
            // could do it halfway through the seeding, and setting `updated_at` then reorders
            // the cards this test expects by their seeded `updated_at`.
            let mut tx = app.db.begin().await.unwrap();
            let mut current = 0i64;
            for (name, starts, ends) in phases {
                let id: i64 = tx
                    .write_scalar(
                        "INSERT INTO phases (org_id, project_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        args![org, pid, format!("{name} {p}"), starts, ends],
                    )
                    .await
                    .unwrap();
                if name == "Nu" || name == "Ook" {
                    // "Ook" comes after "Nu" with the same start date, so it wins when present.
                    current = id;
                }
            }
            tx.run(
                "UPDATE projects SET current_phase_id = $3 WHERE org_id = $1 AND id = $2",
                args![org, pid, current],
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
    }
}

async fn link_theme(app: &TestApp, project: i64, theme: i64) {
    app.db
        .exec(
            "INSERT INTO project_themes (org_id, project_id, theme_id) VALUES ($1, $2, $3)",
            args![app.org_id, project, theme],
        )
        .await
        .unwrap();
}

/// Cards of a home page in order: project number, tags, current phase.
fn cards(html: &str) -> Vec<(i64, Vec<String>, Option<String>)> {
    html.split("<li class=\"card\">")
        .skip(1)
        .map(|card| {
            let card = card.split("</li>").next().unwrap_or_default();
            let i = card
                .split("href=\"/projecten/project-p")
                .nth(1)
                .and_then(|s| s.get(..2))
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("no project link in {card}"));
            let tags = card
                .split("<span class=\"tag\">")
                .skip(1)
                .map(|s| s.split("</span>").next().unwrap_or_default().to_string())
                .collect();
            let phase = card
                .split("Fase nu</dt><dd>")
                .nth(1)
                .map(|s| s.split("</dd>").next().unwrap_or_default().to_string());
            (i, tags, phase)
        })
        .collect()
}

async fn get(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let r = c.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

/// Statements one request for `path` runs: the least of several tries, because background jobs
/// share the counter and land in some tries, not all.
async fn statements(app: &TestApp, c: &reqwest::Client, path: &str) -> u64 {
    let mut least = u64::MAX;
    for _ in 0..8 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let before = app.db.query_count();
        get(app, c, path).await;
        least = least.min(app.db.query_count() - before);
    }
    least
}

both!(cards_show_their_own_details, cards_show_their_own_details);

async fn cards_show_their_own_details(app: TestApp) {
    seed(&app).await;
    // Every project is already in its current phase, so the background job that moves
    // projects (and sets `updated_at`) finds nothing to do, whenever it runs.
    let state = app.app.as_ref().expect("running").state();
    let moved = meedoen::projects::schedule::advance_due(state)
        .await
        .unwrap();
    assert_eq!(moved, 0, "no project is due to move");
    let c = app.client();
    let page = |numbers: &[i64]| -> Vec<(i64, Vec<String>, Option<String>)> {
        numbers
            .iter()
            .map(|&i| {
                let (tags, phase) = expected(i);
                (i, tags, phase)
            })
            .collect()
    };
    let first = page(&(4..PROJECTS).rev().collect::<Vec<_>>());
    let last = page(&[3, 2, 1, 0]);

    let html = get(&app, &c, "/").await;
    assert!(html.contains("16 projecten gevonden"), "{html}");
    assert!(html.contains("Pagina 1 / 2"));
    assert_eq!(cards(&html), first);
    for path in ["/?pagina=0", "/?pagina=-3", "/?pagina=een"] {
        assert_eq!(cards(&get(&app, &c, path).await), first, "{path}");
    }

    // Past the last page: the last page, as if the number had been clamped.
    for path in ["/?pagina=2", "/?pagina=3", "/?pagina=9223372036854775807"] {
        let html = get(&app, &c, path).await;
        assert!(html.contains("Pagina 2 / 2"), "{path}");
        assert!(html.contains("href=\"/\" rel=\"prev\""), "{path}");
        assert_eq!(cards(&html), last, "{path}");
    }

    // Filtered by a theme of one project only.
    let html = get(&app, &c, "/?thema=zorg-p07&pagina=5").await;
    assert!(html.contains("1 project gevonden"), "{html}");
    assert_eq!(cards(&html), page(&[7]));
    for path in ["/?gebied=onbekend", "/?gebied=onbekend&pagina=4"] {
        let html = get(&app, &c, path).await;
        assert!(html.contains("geen projecten die hierbij passen"), "{path}");
        assert!(cards(&html).is_empty(), "{path}");
    }

    // Statements, over what any page costs (the municipality and session lookups): the cards
    // with their total, then the themes, components and phases of those cards. Past the last
    // page the first (empty) fetch is followed by a count and the last page's fetch; with
    // nothing matching, page 1 alone tells the total is 0. (Before: count, cards, themes,
    // components, phases = 5.)
    get(&app, &c, "/").await; // municipality and taxonomy caches
    let base = statements(&app, &c, "/privacy").await;
    for (path, n) in [
        ("/", 2),
        ("/?pagina=2", 2),
        ("/?pagina=3", 4),
        ("/?gebied=onbekend", 1),
        ("/?gebied=onbekend&pagina=4", 2),
    ] {
        assert_eq!(statements(&app, &c, path).await, base + n, "{path}");
    }
    app.stop().await;
}
