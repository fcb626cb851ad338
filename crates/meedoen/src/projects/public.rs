//! Public pages: the home page (every open way to take part, filterable by area and theme)
//! and the project page.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::{components_of, human_iso, human_ts, today};
use crate::args;
use crate::db::{Arg, Backend};
use crate::state::AppState;
use crate::web::{markdown, render, AppError, AppResult, Ctx, Page};

pub const PER_PAGE: i64 = 12;

/// The filter of the home page. `$1` org, `$2` area slug ('' = any; a district also matches
/// its neighbourhoods), `$3` theme slug ('' = any). Shared by the count and the cards (whose
/// `total` is that same count), so the number shown and the page window always agree.
macro_rules! home_filter {
    () => {
        " FROM projects p LEFT JOIN areas a ON a.id = p.area_id AND a.org_id = p.org_id \
          WHERE p.org_id = $1 AND p.status IN ('published', 'closed') \
          AND ($2 = '' OR EXISTS (SELECT 1 FROM areas fa WHERE fa.org_id = p.org_id AND fa.slug = $2 \
               AND (fa.id = p.area_id OR fa.id = a.parent_id))) \
          AND ($3 = '' OR EXISTS (SELECT 1 FROM project_themes fpt JOIN themes ft ON ft.id = fpt.theme_id \
               WHERE fpt.org_id = p.org_id AND fpt.project_id = p.id AND ft.slug = $3))"
    };
}
/// Open projects first, then closed ones; `$4` limit, `$5` offset.
macro_rules! home_window {
    () => {
        " ORDER BY CASE WHEN p.status = 'published' THEN 0 ELSE 1 END, p.updated_at DESC, p.id DESC LIMIT $4 OFFSET $5"
    };
}

/// Only needed when the page asked for lies past the last one, which returns no cards and so
/// no `total`.
const COUNT_SQL: &str = concat!("SELECT COUNT(*)", home_filter!());
/// One page of cards, each with the number of all matching projects. The count is an
/// uncorrelated subquery, run once per statement: `COUNT(*) OVER ()` would do as well, but
/// SQLite then keeps every matching row (cover lookup included) before sorting, which cost
/// 1.4 to 1.6 times the count and the cards apart at 100 to 1,000 projects.
const CARDS_SQL: &str = concat!(
    "SELECT p.id, p.slug, p.title, p.summary, p.status, a.name AS area_name, \
     (SELECT u.storage_key || ' ' || CAST(u.width AS TEXT) || ' ' || CAST(u.height AS TEXT) || ' ' || p.cover_alt FROM uploads u \
      WHERE u.id = p.cover_upload_id AND u.org_id = p.org_id) AS cover_key, \
     (SELECT COUNT(*)",
    home_filter!(),
    ") AS total",
    home_filter!(),
    home_window!()
);

/// How many project ids [`CARD_DETAILS_SQL`] takes: one page.
const CARD_IDS: usize = 12;
const _: () = assert!(
    PER_PAGE as usize == CARD_IDS,
    "CARD_DETAILS_SQL takes one page of ids"
);

/// The page's project ids (`$2..$13`, padded with NULL, which matches nothing) as a table to
/// join from. A VALUES list joined first (CROSS JOIN fixes SQLite's join order) makes each id
/// an index lookup; `IN (...)` would have SQLite build a temporary b-tree of the ids per branch.
/// SQLite and PostgreSQL both name the column `column1`.
macro_rules! card_ids {
    () => {
        "(VALUES ($2), ($3), ($4), ($5), ($6), ($7), ($8), ($9), ($10), ($11), ($12), ($13)) ids CROSS JOIN "
    };
}
/// Themes, components and phases of the cards' projects (`$1` org), by `part`:
/// - 0 theme: `name`, sorted by `sort_key` (the name);
/// - 1 component: `name` is the kind, sorted by `n1` position, `n2` id;
/// - 2 phase: `name`, `sort_key` starts_on, `ends_on`, sorted by starts_on, `n1` id.
macro_rules! card_details {
    () => {
        concat!(
            "SELECT CAST(0 AS BIGINT) AS part, pt.project_id, t.name, t.name AS sort_key, \
             CAST(NULL AS TEXT) AS ends_on, CAST(0 AS BIGINT) AS n1, CAST(0 AS BIGINT) AS n2 FROM ",
            card_ids!(),
            "project_themes pt JOIN themes t ON t.id = pt.theme_id AND t.org_id = pt.org_id \
             WHERE pt.project_id = ids.column1 AND pt.org_id = $1 \
             UNION ALL SELECT CAST(1 AS BIGINT), c.project_id, c.kind, '', NULL, c.position, c.id FROM ",
            card_ids!(),
            "components c WHERE c.project_id = ids.column1 AND c.org_id = $1 \
             UNION ALL SELECT CAST(2 AS BIGINT), ph.project_id, ph.name, ph.starts_on, ph.ends_on, ph.id, \
             CAST(0 AS BIGINT) FROM ",
            card_ids!(),
            "phases ph WHERE ph.project_id = ids.column1 AND ph.org_id = $1"
        )
    };
}
/// For SQLite: its text order (BINARY) is byte order, as Rust's, so `home` sorts the rows
/// with the same keys and SQLite is spared a sorter per branch (a third to nearly half of the
/// statement's cost).
const CARD_DETAILS_SQL: &str = card_details!();
/// For PostgreSQL, whose text order is the database's collation, which Rust cannot repeat.
const CARD_DETAILS_SORTED_SQL: &str = concat!(card_details!(), " ORDER BY part, sort_key, n1, n2");

#[derive(Deserialize, Default)]
pub struct HomeQuery {
    #[serde(default)]
    gebied: String,
    #[serde(default)]
    thema: String,
    #[serde(default)]
    pagina: String,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct CardRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    status: String,
    area_name: Option<String>,
    /// The cover's storage key, width, height and text, separated by spaces (one lookup).
    cover_key: Option<String>,
    total: i64,
}

/// A row of [`CARD_DETAILS_SQL`].
#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct CardDetail {
    part: i64,
    project_id: i64,
    name: String,
    sort_key: String,
    ends_on: Option<String>,
    n1: i64,
    n2: i64,
}

pub struct Card {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub area: Option<String>,
    pub cover: Option<crate::uploads::Picture>,
    /// The page's first picture: loaded at once, not lazily.
    pub eager: bool,
    pub themes: Vec<String>,
    pub phase: Option<String>,
    pub kinds: Vec<String>,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct AreaOption {
    pub slug: String,
    pub name: String,
    pub kind: String,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct ThemeOption {
    pub slug: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "projects/home.html")]
struct HomePage {
    page: Page,
    open: Vec<Card>,
    closed: Vec<Card>,
    areas: Vec<AreaOption>,
    themes: Vec<ThemeOption>,
    gebied: String,
    thema: String,
    total: i64,
    page_no: i64,
    pages: i64,
    prev_url: Option<String>,
    next_url: Option<String>,
}

fn page_url(gebied: &str, thema: &str, n: i64) -> String {
    let mut q: Vec<(&str, String)> = Vec::new();
    if !gebied.is_empty() {
        q.push(("gebied", gebied.to_string()));
    }
    if !thema.is_empty() {
        q.push(("thema", thema.to_string()));
    }
    if n > 1 {
        q.push(("pagina", n.to_string()));
    }
    let qs = serde_urlencoded::to_string(&q).unwrap_or_default();
    if qs.is_empty() {
        "/".into()
    } else {
        format!("/?{qs}")
    }
}

pub async fn home(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<HomeQuery>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let gebied = q.gebied.trim().to_string();
    let thema = q.thema.trim().to_string();
    let asked = q.pagina.trim().parse::<i64>().unwrap_or(1).max(1);
    let page = |n: i64| {
        let offset = (n - 1).saturating_mul(PER_PAGE);
        state
            .db
            .all::<CardRow>(CARDS_SQL, args![org, &gebied, &thema, PER_PAGE, offset])
    };
    let mut rows = page(asked).await?;
    let total = match rows.first() {
        Some(r) => r.total,
        None if asked > 1 => state
            .db
            .scalar::<i64>(COUNT_SQL, args![org, &gebied, &thema])
            .await?
            .unwrap_or(0),
        None => 0,
    };
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_no = asked.min(pages);
    if page_no < asked && total > 0 {
        // Past the last page: show the last one, as if the number had been clamped first.
        rows = page(page_no).await?;
    }
    let mut themes: HashMap<i64, Vec<String>> = HashMap::new();
    let mut kinds: HashMap<i64, Vec<String>> = HashMap::new();
    let mut phase: HashMap<i64, String> = HashMap::new();
    if !rows.is_empty() {
        let mut ids = args![org];
        ids.extend((0..CARD_IDS).map(|k| Arg::from(rows.get(k).map(|r| r.id))));
        let details = match state.db.backend() {
            Backend::Sqlite => {
                let mut d: Vec<CardDetail> = state.db.all(CARD_DETAILS_SQL, ids).await?;
                d.sort_by(|a, b| {
                    (a.part, &a.sort_key, a.n1, a.n2).cmp(&(b.part, &b.sort_key, b.n1, b.n2))
                });
                d
            }
            Backend::Postgres => state.db.all(CARD_DETAILS_SORTED_SQL, ids).await?,
        };
        let now = today();
        for d in details {
            match d.part {
                0 => themes.entry(d.project_id).or_default().push(d.name),
                1 => {
                    let name = state
                        .modules
                        .get(&d.name)
                        .map(|m| m.name(ctx.lang))
                        .unwrap_or(d.name);
                    let v = kinds.entry(d.project_id).or_default();
                    if !v.contains(&name) {
                        v.push(name);
                    }
                }
                // The last phase (by start) whose dates include today.
                _ => {
                    if d.sort_key <= now && d.ends_on.is_some_and(|end| now <= end) {
                        phase.insert(d.project_id, d.name);
                    }
                }
            }
        }
    }
    let mut open = Vec::new();
    let mut closed = Vec::new();
    for r in rows {
        let card = Card {
            slug: r.slug,
            title: r.title,
            summary: r.summary,
            area: r.area_name,
            cover: r.cover_key.as_deref().and_then(|c| {
                let mut it = c.splitn(4, ' ');
                let key = it.next()?;
                let w = it.next()?.parse().ok()?;
                let h = it.next()?.parse().ok()?;
                Some(crate::uploads::Picture::new(
                    key,
                    w,
                    h,
                    it.next().unwrap_or(""),
                ))
            }),
            eager: false,
            themes: themes.remove(&r.id).unwrap_or_default(),
            phase: phase.remove(&r.id),
            kinds: kinds.remove(&r.id).unwrap_or_default(),
        };
        if r.status == "closed" {
            closed.push(card);
        } else {
            open.push(card);
        }
    }
    if let Some(c) = open
        .iter_mut()
        .chain(closed.iter_mut())
        .find(|c| c.cover.is_some())
    {
        c.eager = true;
    }
    let taxonomy = state.orgs.taxonomy(&state.db, org).await?;
    let areas: Vec<AreaOption> = taxonomy
        .areas_grouped
        .iter()
        .map(|(slug, name, kind)| AreaOption {
            slug: slug.clone(),
            name: name.clone(),
            kind: kind.clone(),
        })
        .collect();
    let theme_opts: Vec<ThemeOption> = taxonomy
        .themes
        .iter()
        .map(|(_, slug, name)| ThemeOption {
            slug: slug.clone(),
            name: name.clone(),
        })
        .collect();
    let prev_url = (page_no > 1).then(|| page_url(&gebied, &thema, page_no - 1));
    let next_url = (page_no < pages).then(|| page_url(&gebied, &thema, page_no + 1));
    render(&HomePage {
        page: ctx.page(ctx.t("home-title")),
        open,
        closed,
        areas,
        themes: theme_opts,
        gebied,
        thema,
        total,
        page_no,
        pages,
        prev_url,
        next_url,
    })
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct ProjectRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub status: String,
    pub area_name: Option<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub cover_key: Option<String>,
    pub cover_width: Option<i64>,
    pub cover_height: Option<i64>,
    pub cover_alt: String,
}

impl ProjectRow {
    /// The cover as the page shows it: with its text alternative, loaded at once (it is at
    /// the top of the page).
    pub fn cover(&self) -> Option<crate::uploads::Picture> {
        crate::uploads::Picture::maybe(
            self.cover_key.clone(),
            self.cover_width,
            self.cover_height,
            Some(self.cover_alt.clone()),
        )
    }
}

pub struct PhaseView {
    pub name: String,
    pub starts: String,
    pub ends: String,
    pub current: bool,
    pub past: bool,
}

pub struct UpdateView {
    pub title: String,
    pub date: String,
    pub body_html: String,
}

pub struct ComponentView {
    pub id: i64,
    pub title: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "projects/show.html")]
struct ShowPage {
    page: Page,
    p: ProjectRow,
    body_html: String,
    themes: Vec<String>,
    phases: Vec<PhaseView>,
    updates: Vec<UpdateView>,
    components: Vec<ComponentView>,
    staff: bool,
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let p: ProjectRow = state
        .db
        .opt(
            "SELECT p.id, p.slug, p.title, p.summary, p.body_md, p.status, a.name AS area_name, p.contact_name, \
             p.contact_email, u.storage_key AS cover_key, u.width AS cover_width, u.height AS cover_height, p.cover_alt FROM projects p \
             LEFT JOIN areas a ON a.id = p.area_id AND a.org_id = p.org_id \
             LEFT JOIN uploads u ON u.id = p.cover_upload_id AND u.org_id = p.org_id \
             WHERE p.org_id = $1 AND p.slug = $2",
            args![org, &slug],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let staff = ctx.require(crate::projects::MANAGE).is_ok();
    if p.status == "draft" && !staff {
        return Err(AppError::NotFound);
    }
    let themes: Vec<String> = state
        .db
        .all::<(String,)>(
            "SELECT t.name FROM project_themes pt JOIN themes t ON t.id = pt.theme_id AND t.org_id = pt.org_id \
             WHERE pt.org_id = $1 AND pt.project_id = $2 ORDER BY t.name",
            args![org, p.id],
        )
        .await?
        .into_iter()
        .map(|(n,)| n)
        .collect();
    let now = today();
    // The stored current phase (moved by staff or by `schedule::advance_due`); without one,
    // the phase whose dates include today.
    let phases = state
        .db
        .all::<(String, String, String, bool)>(
            "SELECT ph.name, ph.starts_on, ph.ends_on, COALESCE(pr.current_phase_id = ph.id, FALSE) FROM phases ph \
             JOIN projects pr ON pr.id = ph.project_id AND pr.org_id = ph.org_id \
             WHERE ph.org_id = $1 AND ph.project_id = $2 ORDER BY ph.starts_on, ph.id",
            args![org, p.id],
        )
        .await?;
    let stored = phases.iter().any(|ph| ph.3);
    let phases = phases
        .into_iter()
        .map(|(name, s, e, is_current)| PhaseView {
            current: if stored {
                is_current
            } else {
                s <= now && now <= e
            },
            past: e < now && !is_current,
            starts: human_iso(ctx.lang, &s),
            ends: human_iso(ctx.lang, &e),
            name,
        })
        .collect();
    let updates = state
        .db
        .all::<(String, String, i64)>(
            "SELECT title, body_md, published_at FROM project_updates WHERE org_id = $1 AND project_id = $2 \
             ORDER BY published_at DESC, id DESC",
            args![org, p.id],
        )
        .await?
        .into_iter()
        .map(|(title, body, at)| UpdateView { title, date: human_ts(ctx.lang, at), body_html: markdown::to_html(&body) })
        .collect();
    let mut components = Vec::new();
    for c in components_of(&state.db, org, p.id).await? {
        // A module the municipality switched off leaves the project page too.
        let k = state
            .modules
            .component(&c.kind)
            .filter(|_| ctx.org.module_on(&c.kind));
        if let Some(k) = k {
            let html = k.render_public(&state, &ctx, &c).await?;
            components.push(ComponentView {
                id: c.id,
                title: c.title.clone(),
                html,
            });
        }
    }
    let body_html = markdown::to_html(&p.body_md);
    render(&ShowPage {
        page: ctx.page(p.title.clone()),
        body_html,
        p,
        themes,
        phases,
        updates,
        components,
        staff,
    })
}
