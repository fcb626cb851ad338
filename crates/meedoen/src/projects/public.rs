//! Public pages: the home page (every open way to take part, filterable by area and theme)
//! and the project page.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::{components_of, human_iso, human_ts, today};
use crate::app::AppState;
use crate::args;
use crate::web::{markdown, render, AppError, AppResult, Ctx, Page, Role};

pub const PER_PAGE: i64 = 12;

/// The filter of the home page. `$1` org, `$2` area slug ('' = any; a district also matches
/// its neighbourhoods), `$3` theme slug ('' = any). Shared by the count, the cards and the
/// related-row queries so that every query is bounded by the same page window.
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

const COUNT_SQL: &str = concat!("SELECT COUNT(*)", home_filter!());
const CARDS_SQL: &str = concat!(
    "SELECT p.id, p.slug, p.title, p.summary, p.status, a.name AS area_name, \
     (SELECT u.storage_key FROM uploads u WHERE u.id = p.cover_upload_id AND u.org_id = p.org_id) AS cover_key",
    home_filter!(),
    home_window!()
);
const CARD_THEMES_SQL: &str = concat!(
    "SELECT pt.project_id, t.name FROM project_themes pt JOIN themes t ON t.id = pt.theme_id AND t.org_id = pt.org_id \
     WHERE pt.org_id = $1 AND pt.project_id IN (SELECT p.id",
    home_filter!(),
    home_window!(),
    ") ORDER BY t.name"
);
const CARD_COMPONENTS_SQL: &str = concat!(
    "SELECT c.project_id, c.kind FROM components c WHERE c.org_id = $1 AND c.project_id IN (SELECT p.id",
    home_filter!(),
    home_window!(),
    ") ORDER BY c.position, c.id"
);
const CARD_PHASES_SQL: &str = concat!(
    "SELECT ph.project_id, ph.name, ph.starts_on, ph.ends_on FROM phases ph WHERE ph.org_id = $1 AND ph.project_id IN (SELECT p.id",
    home_filter!(),
    home_window!(),
    ") ORDER BY ph.starts_on, ph.id"
);

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
    cover_key: Option<String>,
}

pub struct Card {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub area: Option<String>,
    pub cover: Option<String>,
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
    let total = state
        .db
        .scalar::<i64>(COUNT_SQL, args![org, &gebied, &thema])
        .await?
        .unwrap_or(0);
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_no = q.pagina.trim().parse::<i64>().unwrap_or(1).clamp(1, pages);
    let offset = (page_no - 1) * PER_PAGE;
    let window = || args![org, &gebied, &thema, PER_PAGE, offset];
    let rows: Vec<CardRow> = state.db.all(CARDS_SQL, window()).await?;
    let mut themes: HashMap<i64, Vec<String>> = HashMap::new();
    let mut kinds: HashMap<i64, Vec<String>> = HashMap::new();
    let mut phase: HashMap<i64, String> = HashMap::new();
    if !rows.is_empty() {
        for (pid, name) in state
            .db
            .all::<(i64, String)>(CARD_THEMES_SQL, window())
            .await?
        {
            themes.entry(pid).or_default().push(name);
        }
        for (pid, kind) in state
            .db
            .all::<(i64, String)>(CARD_COMPONENTS_SQL, window())
            .await?
        {
            let name = state
                .components
                .get(&kind)
                .map(|c| c.name(ctx.lang))
                .unwrap_or(kind);
            let v = kinds.entry(pid).or_default();
            if !v.contains(&name) {
                v.push(name);
            }
        }
        let now = today();
        for (pid, name, start, end) in state
            .db
            .all::<(i64, String, String, String)>(CARD_PHASES_SQL, window())
            .await?
        {
            if start <= now && now <= end {
                phase.insert(pid, name);
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
            cover: r.cover_key.map(|k| crate::uploads::small_key(&k)),
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
             p.contact_email, u.storage_key AS cover_key FROM projects p \
             LEFT JOIN areas a ON a.id = p.area_id AND a.org_id = p.org_id \
             LEFT JOIN uploads u ON u.id = p.cover_upload_id AND u.org_id = p.org_id \
             WHERE p.org_id = $1 AND p.slug = $2",
            args![org, &slug],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let staff = ctx.require_staff(Role::Editor).is_ok();
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
        if let Some(k) = state.components.get(&c.kind) {
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
