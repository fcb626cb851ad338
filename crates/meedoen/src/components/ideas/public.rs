//! Resident pages: the idea list, submitting and editing, the idea page with likes,
//! comments and flags.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use askama::Template;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::media::{self, ImageInput};
use super::store::{self, CommentRow, IdeaRow, ListFilter, ListItem, Settings};
use super::{status_label, COMMENT_EDIT_SECONDS, PER_PAGE};
use crate::args;
use crate::db::{now, DbError};
use crate::projects::human_ts;
use crate::state::AppState;
use crate::web::ctx::Taxonomy;
use crate::web::forms::{self, FieldErrors};
use crate::web::i18n::{t, t_args, Lang};
use crate::web::{markdown, render, AppError, AppResult, Ctx, Page};

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn with_status(mut res: Response, status: StatusCode) -> Response {
    *res.status_mut() = status;
    res
}

// ---------------------------------------------------------------------------------------
// The list

#[derive(Deserialize, Default)]
pub struct ListQuery {
    gebied: Option<String>,
    thema: Option<String>,
    status: Option<String>,
    zoek: Option<String>,
    volgorde: Option<String>,
    seed: Option<String>,
    pagina: Option<String>,
}

#[derive(Template)]
#[template(path = "ideas/list.html")]
struct ListPage {
    page: Page,
    cid: i64,
    project_title: String,
    project_slug: String,
    /// The cards, rendered by [`ListCards`] (or kept, see `render_cache`).
    cards: Arc<str>,
    total: i64,
    /// Areas and themes for the filters, shared with the cache rather than copied per view.
    taxonomy: Arc<Taxonomy>,
    statuses: &'static [(&'static str, String)],
    sorts: &'static [(&'static str, String)],
    f: ListFilter,
    prev: Option<String>,
    next: Option<String>,
    pages: i64,
    window_open: bool,
}

/// The cards of a list page (`ideas/cards.html`): nothing in them depends on who looks.
#[derive(Template)]
#[template(path = "ideas/cards.html")]
struct ListCards<'a> {
    page: &'a Page,
    ideas: &'a [ListItem],
    statuses: &'static [(&'static str, String)],
}

impl ListCards<'_> {
    /// The filter's labels serve the cards too; only a status outside that list is looked up.
    fn status<'a>(&'a self, s: &str) -> Cow<'a, str> {
        match self.statuses.iter().find(|(key, _)| *key == s) {
            Some((_, label)) => Cow::Borrowed(label.as_str()),
            None => Cow::Owned(status_label(self.page.lang, s)),
        }
    }
    fn euro(&self, n: &i64) -> String {
        crate::web::i18n::euros(self.page.lang, *n)
    }
}

/// `(sort, label)` for the sort menu, made once per language.
fn sort_options(lang: Lang) -> &'static [(&'static str, String)] {
    static OPTIONS: [OnceLock<Vec<(&'static str, String)>>; 2] = [OnceLock::new(), OnceLock::new()];
    OPTIONS[lang as usize].get_or_init(|| {
        store::SORTS
            .iter()
            .map(|s| (*s, t(lang, &format!("ideas-sort-{s}"))))
            .collect()
    })
}

fn list_url(cid: i64, f: &ListFilter, page: i64) -> String {
    use std::fmt::Write;
    let mut u = String::with_capacity(64);
    // Writing into a String cannot fail.
    let _ = write!(u, "/onderdelen/{cid}/ideeen?");
    if f.area > 0 {
        let _ = write!(u, "gebied={}&", f.area);
    }
    if f.theme > 0 {
        let _ = write!(u, "thema={}&", f.theme);
    }
    if !f.status.is_empty() {
        let _ = write!(u, "status={}&", enc(&f.status));
    }
    if !f.search.is_empty() {
        let _ = write!(u, "zoek={}&", enc(&f.search));
    }
    let _ = write!(u, "volgorde={}&", f.sort);
    if f.sort == "willekeurig" {
        let _ = write!(u, "seed={}&", f.seed);
    }
    let _ = write!(u, "pagina={page}");
    u
}

/// A seed for the random order, fresh for a visitor who has none yet.
fn new_seed() -> i64 {
    use rand::Rng;
    rand::rng().random_range(1..1_000_003)
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(cid): Path<i64>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let head = store::list_head(&state.db, org, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    if head.project_status == "draft" && ctx.require_any_staff().is_err() {
        return Err(AppError::NotFound);
    }
    let num = |s: &Option<String>| {
        s.as_deref()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(0)
    };
    let sort = store::sort_key(q.volgorde.as_deref().unwrap_or_default());
    let seed = match num(&q.seed) {
        s if (1..1_000_003).contains(&s) => s,
        _ => new_seed(),
    };
    let f = ListFilter {
        area: num(&q.gebied).max(0),
        theme: num(&q.thema).max(0),
        status: match q.status {
            Some(s) if super::STAFF_STATUSES.contains(&s.as_str()) => s,
            _ => String::new(),
        },
        search: q
            .zoek
            .as_deref()
            .unwrap_or_default()
            .trim()
            .chars()
            .take(100)
            .collect(),
        sort,
        seed,
        page: num(&q.pagina).max(1),
    };
    let statuses = super::status_options(ctx.lang);
    let page = ctx.page(format!("{}: {}", head.title, head.project_title));
    // Unfiltered pages in a fixed order are kept rendered; the narrow read says whether the
    // kept cards are still the ones this page would show.
    let key = (cid, ctx.lang, f.sort, f.page);
    let sigs = if f.is_unfiltered() {
        store::unfiltered_page_sigs(&state.db, org, cid, &f).await?
    } else {
        None
    };
    let kept = sigs.as_ref().and_then(|sigs| {
        state
            .owned::<super::render_cache::ListCache>()
            .get(&key, sigs)
    });
    let (cards, total) = match kept {
        Some(cards) => (cards, head.unfiltered_total),
        None => {
            let (ideas, total) =
                store::list(&state.db, org, cid, &f, head.unfiltered_total).await?;
            let cards: Arc<str> = ListCards {
                page: &page,
                ideas: &ideas,
                statuses,
            }
            .render()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?
            .into();
            if sigs.is_some() {
                // Kept under what was rendered, which a write in between may have moved past
                // the narrow read; the next view's read decides.
                let rendered = ideas.iter().map(ListItem::sig).collect();
                state
                    .owned::<super::render_cache::ListCache>()
                    .put(key, rendered, cards.clone());
            }
            (cards, total)
        }
    };
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let prev = (f.page > 1).then(|| list_url(cid, &f, f.page - 1));
    let next = (f.page < pages).then(|| list_url(cid, &f, f.page + 1));
    let taxonomy = state.orgs.taxonomy(&state.db, org).await?;
    let window_open = head.window_open();
    render(&ListPage {
        page,
        cid,
        project_title: head.project_title,
        project_slug: head.project_slug,
        cards,
        total,
        taxonomy,
        statuses,
        sorts: sort_options(ctx.lang),
        f,
        prev,
        next,
        pages,
        window_open,
    })
}

// ---------------------------------------------------------------------------------------
// Submitting and editing

/// What the person typed, kept on errors.
#[derive(Default, Clone)]
pub struct IdeaInput {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub cost: String,
    pub area_id: String,
    pub themes: Vec<i64>,
    pub action: String,
    pub lat: String,
    pub lon: String,
    /// Images already stored, in position order.
    pub images: Vec<ImageInput>,
    /// The text typed for a new photo whose file was refused (kept for the next try).
    pub photo_alt: String,
}

pub fn parse_input(body: &str) -> IdeaInput {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap_or_default();
    parse_pairs(&pairs)
}

pub fn parse_pairs(pairs: &[(String, String)]) -> IdeaInput {
    let mut input = IdeaInput::default();
    for (k, v) in pairs.iter().cloned() {
        match k.as_str() {
            "title" => input.title = v,
            "summary" => input.summary = v,
            "description" => input.description = v,
            "cost" => input.cost = v,
            "area_id" => input.area_id = v,
            "themes" => {
                if let Ok(id) = v.trim().parse() {
                    input.themes.push(id);
                }
            }
            "action" => input.action = v,
            "lat" => input.lat = v,
            "lon" => input.lon = v,
            "photo_alt" => input.photo_alt = v,
            _ => {}
        }
    }
    input
}

/// Checked values ready to store.
pub struct IdeaValues {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub cost: i64,
    pub area_id: Option<i64>,
    pub themes: Vec<i64>,
    pub point: Option<(f64, f64)>,
}

/// Full checks for submitting; a draft only needs a title and stays within the maximums.
pub fn validate(
    ctx: &Ctx,
    s: &Settings,
    input: &IdeaInput,
    full: bool,
    areas: &[(i64, String)],
    themes: &[(i64, String)],
) -> (IdeaValues, FieldErrors) {
    let mut e = FieldErrors::new();
    let lim = |min: i64, max: i64, first: bool| -> (usize, usize) {
        let min = if full {
            min.max(0) as usize
        } else if first {
            1
        } else {
            0
        };
        (min, max.max(1) as usize)
    };
    let (a, b) = lim(s.title_min, s.title_max, true);
    let title = forms::text(&mut e, "title", &input.title, a, b, ctx.lang);
    let (a, b) = lim(s.summary_min, s.summary_max, false);
    let summary = forms::text(&mut e, "summary", &input.summary, a, b, ctx.lang);
    let (a, b) = lim(s.description_min, s.description_max, false);
    let description = forms::text(&mut e, "description", &input.description, a, b, ctx.lang);
    let raw_cost = input.cost.trim().replace(['.', ' ', '€'], "");
    let cost = if raw_cost.is_empty() {
        if full {
            e.add("cost", ctx.t("ideas-error-cost"));
        }
        0
    } else {
        match raw_cost.parse::<i64>() {
            Ok(n) if (0..=1_000_000_000).contains(&n) => n,
            _ => {
                e.add("cost", ctx.t("ideas-error-cost"));
                0
            }
        }
    };
    let area_id = match input.area_id.trim() {
        "" => None,
        v => match v.parse::<i64>() {
            Ok(id) if areas.iter().any(|(a, _)| *a == id) => Some(id),
            _ => {
                e.add("area_id", ctx.t("ideas-error-area"));
                None
            }
        },
    };
    let mut chosen: Vec<i64> = input
        .themes
        .iter()
        .copied()
        .filter(|t| themes.iter().any(|(id, _)| id == t))
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    (
        IdeaValues {
            title,
            summary,
            description,
            cost,
            area_id,
            themes: chosen,
            point: None,
        },
        e,
    )
}

#[derive(Template)]
#[template(path = "ideas/form.html")]
struct FormPage {
    page: Page,
    action_url: String,
    back_url: String,
    input: IdeaInput,
    errors: FieldErrors,
    areas: Vec<(i64, String)>,
    themes: Vec<(i64, String)>,
    s: Settings,
    /// A draft (or a new idea) can be saved as draft; a submitted idea only saved.
    can_draft: bool,
    window_open: bool,
    max_images: usize,
}

impl FormPage {
    fn alt_field(&self, n: &usize) -> String {
        format!("image_{n}_alt")
    }
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
    fn has_theme(&self, id: &i64) -> bool {
        self.input.themes.contains(id)
    }
    fn area_selected(&self, id: &i64) -> bool {
        self.input.area_id.trim() == id.to_string()
    }
    fn limits(&self, min: &i64, max: &i64) -> String {
        t_args(
            self.page.lang,
            "ideas-limits-hint",
            &[("min", min.to_string()), ("max", max.to_string())],
        )
    }
}

#[allow(clippy::too_many_arguments)]
async fn render_form(
    ctx: &Ctx,
    state: &AppState,
    title: String,
    action_url: String,
    back_url: String,
    input: IdeaInput,
    errors: FieldErrors,
    s: Settings,
    can_draft: bool,
    status: StatusCode,
) -> AppResult<Response> {
    let taxonomy = state.orgs.taxonomy(&state.db, ctx.org.id).await?;
    let areas = taxonomy.areas_by_name.clone();
    let themes = taxonomy.theme_names();
    let window_open = s.window_open();
    let res = render(&FormPage {
        page: ctx.page(title),
        action_url,
        back_url,
        input,
        errors,
        areas,
        themes,
        s,
        can_draft,
        window_open,
        max_images: media::MAX_IMAGES,
    })?;
    Ok(with_status(res, status))
}

/// The component must be in a published project with an open submission window.
async fn open_component(
    ctx: &Ctx,
    state: &AppState,
    cid: i64,
) -> AppResult<(store::CompInfo, Settings)> {
    let comp = store::component(&state.db, ctx.org.id, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = store::settings(&state.db, ctx.org.id, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    if comp.project_status != "published" || !s.window_open() {
        return Err(AppError::Conflict(ctx.t("ideas-error-window-closed")));
    }
    Ok((comp, s))
}

pub async fn new_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(cid): Path<i64>,
) -> AppResult<Response> {
    ctx.require_member()?;
    let (_, s) = open_component(&ctx, &state, cid).await?;
    render_form(
        &ctx,
        &state,
        ctx.t("ideas-new-title"),
        format!("/onderdelen/{cid}/ideeen/nieuw"),
        format!("/onderdelen/{cid}/ideeen"),
        IdeaInput::default(),
        FieldErrors::new(),
        s,
        true,
        StatusCode::OK,
    )
    .await
}

async fn save_themes(
    tx: &mut crate::db::Tx,
    org: i64,
    id: i64,
    themes: &[i64],
) -> Result<(), DbError> {
    tx.run(
        "DELETE FROM idea_themes WHERE org_id = $1 AND idea_id = $2",
        args![org, id],
    )
    .await?;
    for t in themes {
        tx.run(
            "INSERT INTO idea_themes (org_id, idea_id, theme_id) SELECT $1, $2, id FROM themes WHERE org_id = $1 AND id = $3",
            args![org, id, *t],
        )
        .await?;
    }
    Ok(())
}

/// A checked form: what was typed (with stored images), checked values and errors.
struct Checked {
    input: IdeaInput,
    v: IdeaValues,
    errors: FieldErrors,
    /// Images taken off in this request that were never saved on the idea.
    removed: Vec<i64>,
    /// "Add photo": store the file and show the form again, save nothing.
    adding_photo: bool,
}

/// Reads and checks the idea form. `full` says, from the chosen action, whether the full
/// checks apply. Images are stored and checked even when other fields have errors.
async fn check_form(
    ctx: &Ctx,
    state: &AppState,
    s: &Settings,
    idea_id: i64,
    user_id: i64,
    req: Request,
    full: impl Fn(&IdeaInput) -> bool,
) -> AppResult<Checked> {
    let org = ctx.org.id;
    let mut raw = media::read_form(ctx, req).await?;
    let mut input = parse_pairs(&raw.pairs);
    let adding_photo = input.action == "photo";
    let taxonomy = state.orgs.taxonomy(&state.db, org).await?;
    let areas = taxonomy.areas_by_name.clone();
    let themes = taxonomy.theme_names();
    let (mut v, mut errors) = validate(
        ctx,
        s,
        &input,
        !adding_photo && full(&input),
        &areas,
        &themes,
    );
    let geojson = match v.area_id {
        Some(a) => state
            .db
            .scalar::<Option<String>>(
                "SELECT geojson FROM areas WHERE org_id = $1 AND id = $2",
                args![org, a],
            )
            .await?
            .flatten(),
        None => None,
    };
    v.point = media::check_point(ctx, &mut errors, &input.lat, &input.lon, geojson.as_deref());
    let had_photos = !raw.photos.is_empty();
    let mut img_errors = FieldErrors::new();
    let (images, removed) =
        media::settle_images(ctx, state, idea_id, user_id, &mut raw, &mut img_errors).await?;
    input.images = images;
    if had_photos && !img_errors.has("photo") {
        input.photo_alt.clear();
    }
    if adding_photo {
        errors = img_errors;
    } else {
        for (k, m) in img_errors.iter() {
            errors.add(k, m.clone());
        }
    }
    Ok(Checked {
        input,
        v,
        errors,
        removed,
        adding_photo,
    })
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(cid): Path<i64>,
    req: Request,
) -> AppResult<Response> {
    let user = ctx.require_member()?.clone();
    let org = ctx.org.id;
    let (_, s) = open_component(&ctx, &state, cid).await?;
    let c = check_form(&ctx, &state, &s, 0, user.id, req, |i| i.action != "draft").await?;
    media::delete_uploads(&state, org, &c.removed).await;
    if c.adding_photo || !c.errors.is_empty() {
        let code = if c.errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return render_form(
            &ctx,
            &state,
            ctx.t("ideas-new-title"),
            format!("/onderdelen/{cid}/ideeen/nieuw"),
            format!("/onderdelen/{cid}/ideeen"),
            c.input,
            c.errors,
            s,
            true,
            code,
        )
        .await;
    }
    let (input, v) = (c.input, c.v);
    let submit = input.action != "draft";
    let t = now();
    let mut tx = state.db.begin().await?;
    let id: i64 = tx
        .write_scalar(
            "INSERT INTO ideas (org_id, component_id, user_id, author_name, title, summary, description, cost, area_id, status, \
             created_at, updated_at, submitted_at, lat, lon) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14) RETURNING id",
            args![
                org,
                cid,
                user.id,
                &user.display_name,
                &v.title,
                &v.summary,
                &v.description,
                v.cost,
                v.area_id,
                if submit { "submitted" } else { "draft" },
                t,
                submit.then_some(t),
                v.point.map(|p| p.0),
                v.point.map(|p| p.1)
            ],
        )
        .await?;
    tx.run(
        "INSERT INTO idea_authors (org_id, idea_id, user_id) VALUES ($1, $2, $3)",
        args![org, id, user.id],
    )
    .await?;
    save_themes(&mut tx, org, id, &v.themes).await?;
    media::save_images(&ctx, &mut tx, id, &input.images).await?;
    super::follow::follow_tx(&mut tx, org, id, user.id).await?;
    tx.commit().await?;
    let notice = if submit {
        "idea-submitted"
    } else {
        "idea-draft-saved"
    };
    Ok(Redirect::to(&format!("/ideeen/{id}?melding={notice}")).into_response())
}

fn is_author(ctx: &Ctx, idea: &IdeaRow) -> bool {
    ctx.user
        .as_ref()
        .is_some_and(|u| idea.user_id == Some(u.id))
}

/// Authors edit while the idea is a draft or just submitted; editors always.
fn can_edit(ctx: &Ctx, idea: &IdeaRow) -> bool {
    ctx.require(super::MANAGE).is_ok()
        || (is_author(ctx, idea)
            && ctx.user.as_ref().is_some_and(|u| u.verified)
            && matches!(idea.status.as_str(), "draft" | "submitted"))
}

/// Staff see everything; others see ideas in public projects, drafts only their own.
fn can_view(ctx: &Ctx, idea: &IdeaRow) -> bool {
    if ctx.require_any_staff().is_ok() {
        return true;
    }
    idea.project_status != "draft" && (idea.status != "draft" || is_author(ctx, idea))
}

async fn load_visible(ctx: &Ctx, state: &AppState, id: i64) -> AppResult<IdeaRow> {
    let idea = store::idea(&state.db, ctx.org.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_view(ctx, &idea) {
        return Err(AppError::NotFound);
    }
    Ok(idea)
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require_user()?;
    let idea = load_visible(&ctx, &state, id).await?;
    if !can_edit(&ctx, &idea) {
        return Err(AppError::Forbidden);
    }
    let s = store::settings(&state.db, ctx.org.id, idea.component_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let themes = store::idea_theme_ids(&state.db, ctx.org.id, id).await?;
    let input = IdeaInput {
        title: idea.title.clone(),
        summary: idea.summary.clone(),
        description: idea.description.clone(),
        cost: idea.cost.to_string(),
        area_id: idea.area_id.map(|a| a.to_string()).unwrap_or_default(),
        themes: themes.into_iter().map(|(t, _)| t).collect(),
        action: String::new(),
        lat: idea.lat.map(media::fmt_coord).unwrap_or_default(),
        lon: idea.lon.map(media::fmt_coord).unwrap_or_default(),
        images: media::images_of(&state.db, ctx.org.id, id)
            .await?
            .into_iter()
            .map(|r| ImageInput {
                upload_id: r.upload_id,
                key: r.storage_key,
                alt: r.alt,
            })
            .collect(),
        photo_alt: String::new(),
    };
    render_form(
        &ctx,
        &state,
        ctx.t("ideas-edit-title"),
        format!("/ideeen/{id}/bewerken"),
        format!("/ideeen/{id}"),
        input,
        FieldErrors::new(),
        s,
        idea.status == "draft",
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let org = ctx.org.id;
    let idea = load_visible(&ctx, &state, id).await?;
    if !can_edit(&ctx, &idea) {
        return Err(AppError::Forbidden);
    }
    let is_staff = ctx.require(super::MANAGE).is_ok();
    let s = store::settings(&state.db, org, idea.component_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let is_draft = idea.status == "draft";
    let c = check_form(&ctx, &state, &s, id, user.id, req, |i| {
        !is_draft || i.action != "draft"
    })
    .await?;
    media::delete_uploads(&state, org, &c.removed).await;
    // A draft stays a draft unless the person submits it; submitting needs the window open.
    let submit_now = is_draft && c.input.action != "draft" && !c.adding_photo;
    if submit_now && !is_staff && (!s.window_open() || idea.project_status != "published") {
        return Err(AppError::Conflict(ctx.t("ideas-error-window-closed")));
    }
    if c.adding_photo || !c.errors.is_empty() {
        let code = if c.errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return render_form(
            &ctx,
            &state,
            ctx.t("ideas-edit-title"),
            format!("/ideeen/{id}/bewerken"),
            format!("/ideeen/{id}"),
            c.input,
            c.errors,
            s,
            is_draft,
            code,
        )
        .await;
    }
    let (input, v) = (c.input, c.v);
    let before: Vec<i64> = media::images_of(&state.db, org, id)
        .await?
        .into_iter()
        .map(|r| r.upload_id)
        .collect();
    let t = now();
    let new_status = if submit_now {
        "submitted".to_string()
    } else {
        idea.status.clone()
    };
    let mut tx = state.db.begin().await?;
    // For authors the status condition sits in the UPDATE, so a status change by staff made
    // meanwhile wins and the author gets a clear message.
    let n = tx
        .run(
            "UPDATE ideas SET title = $3, summary = $4, description = $5, cost = $6, area_id = $7, status = $8, updated_at = $9, \
             submitted_at = COALESCE(submitted_at, CASE WHEN $8 = 'submitted' THEN $9 ELSE NULL END), lat = $12, lon = $13 \
             WHERE org_id = $1 AND id = $2 AND ($10 OR (status IN ('draft', 'submitted') AND user_id = $11))",
            args![org, id, &v.title, &v.summary, &v.description, v.cost, v.area_id, &new_status, t, is_staff, user.id,
                  v.point.map(|p| p.0), v.point.map(|p| p.1)],
        )
        .await?;
    if n == 0 {
        drop(tx);
        return Err(AppError::Conflict(ctx.t("ideas-error-not-editable")));
    }
    save_themes(&mut tx, org, id, &v.themes).await?;
    media::save_images(&ctx, &mut tx, id, &input.images).await?;
    if is_staff && !is_author(&ctx, &idea) {
        crate::audit::record_tx(
            &mut tx,
            crate::audit::Entry {
                org_id: org,
                actor_id: Some(user.id),
                action: "idea.edit",
                object_type: "idea",
                object_id: Some(id.to_string()),
                detail: v.title.clone(),
            },
        )
        .await?;
    }
    tx.commit().await?;
    // Images taken off the idea go for good, files included.
    let gone: Vec<i64> = before
        .into_iter()
        .filter(|b| !input.images.iter().any(|i| i.upload_id == *b))
        .collect();
    media::delete_uploads(&state, org, &gone).await;
    let notice = if submit_now {
        "idea-submitted"
    } else {
        "saved"
    };
    Ok(Redirect::to(&format!("/ideeen/{id}?melding={notice}")).into_response())
}

// ---------------------------------------------------------------------------------------
// The idea page

pub struct CommentView {
    pub id: i64,
    pub depth: i64,
    pub author: String,
    pub stance: String,
    pub body_html: String,
    pub hidden: bool,
    pub like_count: i64,
    pub liked: bool,
    pub date: String,
    pub edited: bool,
    pub editable: bool,
    pub children: Vec<CommentView>,
}

#[derive(Default)]
pub struct CommentInput {
    pub body: String,
    pub stance: String,
    pub parent_id: String,
}

#[derive(Template)]
#[template(path = "ideas/show.html")]
struct ShowPage {
    page: Page,
    i: IdeaRow,
    description_html: String,
    answer_html: String,
    themes: Vec<(i64, String)>,
    date: String,
    liked: bool,
    can_edit: bool,
    can_like: bool,
    logged_in: bool,
    comments_open: bool,
    /// The list of comments, rendered by [`CommentList`] (or kept, see `render_cache`).
    comments_html: std::sync::Arc<str>,
    input: CommentInput,
    errors: FieldErrors,
    login_url: String,
    list_url: String,
    is_staff: bool,
    images: Vec<media::ImageRow>,
    following: bool,
    can_follow: bool,
    updates: Vec<super::follow::UpdateView>,
    /// Latitude and longitude as shown, and the link to openstreetmap.org.
    point: Option<(String, String, String)>,
    /// The map as inline SVG, escaped by `web::map`.
    map_svg: Option<String>,
    /// "for", "against" and "neutral" in the page's language, looked up once per page
    /// rather than once per comment.
    stance_labels: [String; 3],
}

/// The list of comments of an idea page (`ideas/comments.html`).
#[derive(Template)]
#[template(path = "ideas/comments.html")]
struct CommentList<'a> {
    page: &'a Page,
    i: &'a IdeaRow,
    comments: &'a [CommentView],
    input: &'a CommentInput,
    can_like: bool,
    logged_in: bool,
    comments_open: bool,
    stance_labels: &'a [String; 3],
}

impl CommentList<'_> {
    fn stance_label(&self, s: &str) -> &str {
        &self.stance_labels[stance_index(s)]
    }
    fn is_neutral(&self, s: &str) -> bool {
        s == "neutral"
    }
    fn reply_open(&self, id: &i64) -> bool {
        self.input.parent_id == id.to_string()
    }
}

/// The labels of the three stances, in the order of [`stance_index`].
fn stance_labels(ctx: &Ctx) -> [String; 3] {
    ["for", "against", "neutral"].map(|s| ctx.t(&format!("ideas-stance-{s}")))
}

fn stance_index(s: &str) -> usize {
    match s {
        "for" => 0,
        "against" => 1,
        _ => 2,
    }
}

impl ShowPage {
    fn status(&self, s: &str) -> String {
        status_label(self.page.lang, s)
    }
    fn euro(&self, n: &i64) -> String {
        crate::web::i18n::euros(self.page.lang, *n)
    }
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
    fn stance_label(&self, s: &str) -> &str {
        &self.stance_labels[stance_index(s)]
    }
    fn stance_checked(&self, s: &str) -> bool {
        self.input.stance == s || (self.input.stance.is_empty() && s == "neutral")
    }
}

fn build_tree(ctx: &Ctx, rows: Vec<CommentRow>, liked: &[i64]) -> Vec<CommentView> {
    let me = ctx.user.as_ref().map(|u| u.id);
    let t = now();
    let mut views: Vec<(Option<i64>, CommentView)> = rows
        .into_iter()
        .map(|c| {
            let view = CommentView {
                id: c.id,
                depth: c.depth,
                author: if c.author_name.is_empty() {
                    ctx.t("ideas-author-unknown")
                } else {
                    c.author_name.clone()
                },
                stance: c.stance.clone(),
                // A hidden comment shows a notice, never its text.
                body_html: if c.hidden {
                    String::new()
                } else {
                    markdown::to_html(&c.body)
                },
                hidden: c.hidden,
                like_count: c.like_count,
                liked: liked.contains(&c.id),
                date: human_ts(ctx.lang, c.created_at),
                edited: c.updated_at > c.created_at,
                editable: me.is_some()
                    && c.user_id == me
                    && t - c.created_at < COMMENT_EDIT_SECONDS
                    && !c.hidden,
                children: Vec::new(),
            };
            (c.parent_id, view)
        })
        .collect();
    // Attach deepest first so each child lands in its parent before the parent moves.
    for depth in (1..=2).rev() {
        let mut i = views.len();
        while i > 0 {
            i -= 1;
            if views[i].1.depth == depth {
                let (parent, child) = views.remove(i);
                if let Some(p) = views.iter_mut().find(|(_, v)| Some(v.id) == parent) {
                    p.1.children.insert(0, child);
                }
            }
        }
    }
    views
        .into_iter()
        .filter(|(p, _)| p.is_none())
        .map(|(_, v)| v)
        .collect()
}

async fn render_show(
    ctx: &Ctx,
    state: &AppState,
    idea: IdeaRow,
    input: CommentInput,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let s = store::settings(&state.db, org, idea.component_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let themes = store::idea_theme_ids(&state.db, org, idea.id).await?;
    let (liked, liked_comments) = match &ctx.user {
        Some(u) => (
            state
                .db
                .scalar::<i64>(
                    "SELECT id FROM idea_likes WHERE org_id = $1 AND idea_id = $2 AND user_id = $3",
                    args![org, idea.id, u.id],
                )
                .await?
                .is_some(),
            store::my_comment_likes(&state.db, org, idea.id, u.id).await?,
        ),
        None => (false, Vec::new()),
    };
    let images = if idea.hidden {
        Vec::new()
    } else {
        media::images_of(&state.db, org, idea.id).await?
    };
    let following = match &ctx.user {
        Some(u) => super::follow::is_following(&state.db, org, idea.id, u.id).await?,
        None => false,
    };
    let updates = if idea.hidden {
        Vec::new()
    } else {
        super::follow::views(
            ctx.lang,
            super::follow::updates_of(&state.db, org, idea.id).await?,
        )
    };
    let point = match (idea.lat, idea.lon) {
        (Some(la), Some(lo)) if !idea.hidden => Some((
            media::fmt_coord(la),
            media::fmt_coord(lo),
            media::osm_url(la, lo),
        )),
        _ => None,
    };
    // A small server-drawn map of the point, with the area's outline when it has one.
    let tiles = crate::web::map::Tiles::from_config(&state.config);
    let map_svg = match (idea.lat, idea.lon) {
        (Some(la), Some(lo)) if !idea.hidden => {
            let outline = match (idea.area_id, &idea.area_name) {
                (Some(a), Some(name)) => state
                    .db
                    .scalar::<Option<String>>(
                        "SELECT geojson FROM areas WHERE org_id = $1 AND id = $2",
                        args![org, a],
                    )
                    .await?
                    .flatten()
                    .and_then(|g| crate::web::map::Area::from_geojson(name.clone(), &g)),
                _ => None,
            };
            Some(
                crate::web::map::Map::new(480, 320)
                    .label(ctx.t("ideas-point-map"))
                    .areas(outline.into_iter().collect())
                    .markers(vec![crate::web::map::Marker::new(
                        la,
                        lo,
                        idea.title.clone(),
                    )])
                    .tiles(tiles.clone())
                    .render(),
            )
        }
        _ => None,
    };
    let public = idea.status != "draft" && idea.project_status == "published";
    let member = ctx.user.as_ref().is_some_and(|u| u.verified);
    let page = ctx.page(if idea.hidden {
        ctx.t("ideas-hidden-title")
    } else {
        idea.title.clone()
    });
    let stance_labels = stance_labels(ctx);
    let can_like = public && member && !idea.hidden;
    let comments_open = public && s.comments_open && !idea.hidden;
    // Anonymous visitors all see the same list: keep it per comment version.
    let version = idea.comments_version.unwrap_or(0);
    let kept = match ctx.user {
        None => state
            .owned::<super::render_cache::CommentCache>()
            .get(&(idea.id, ctx.lang), &version),
        Some(_) => None,
    };
    let comments_html = match kept {
        Some(html) => html,
        None => {
            let rows = store::comments(&state.db, org, idea.id).await?;
            let comments = build_tree(ctx, rows, &liked_comments);
            let html: std::sync::Arc<str> = CommentList {
                page: &page,
                i: &idea,
                comments: &comments,
                input: &input,
                can_like,
                logged_in: ctx.user.is_some(),
                comments_open,
                stance_labels: &stance_labels,
            }
            .render()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?
            .into();
            if ctx.user.is_none() {
                state.owned::<super::render_cache::CommentCache>().put(
                    (idea.id, ctx.lang),
                    version,
                    html.clone(),
                );
            }
            html
        }
    };
    let tpl = ShowPage {
        page,
        description_html: markdown::to_html(&idea.description),
        answer_html: markdown::to_html(&idea.answer),
        themes,
        date: human_ts(ctx.lang, idea.created_at),
        liked,
        can_edit: can_edit(ctx, &idea),
        can_like,
        logged_in: ctx.user.is_some(),
        comments_open,
        comments_html,
        input,
        errors,
        login_url: format!("/inloggen?terug={}", enc(&format!("/ideeen/{}", idea.id))),
        list_url: format!("/onderdelen/{}/ideeen", idea.component_id),
        is_staff: ctx.require(super::MANAGE).is_ok(),
        images,
        following,
        can_follow: public && member,
        updates,
        point,
        stance_labels,
        i: idea,
        // Only a page that shows a map lets the browser load tiles.
        map_svg,
    };
    let tiles = tiles.filter(|_| tpl.map_svg.is_some());
    let res = with_status(render(&tpl)?, status);
    Ok(crate::web::map::allow_tiles(res, tiles.as_ref()))
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let idea = load_visible(&ctx, &state, id).await?;
    render_show(
        &ctx,
        &state,
        idea,
        CommentInput::default(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

// ---------------------------------------------------------------------------------------
// Likes

#[derive(Deserialize)]
pub struct LikeForm {
    /// "1" likes, "0" removes the like; absent toggles.
    liked: Option<String>,
}

pub async fn like(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<LikeForm>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.id;
    let org = ctx.org.id;
    let idea = load_visible(&ctx, &state, id).await?;
    if idea.status == "draft" || idea.project_status != "published" || idea.hidden {
        return Err(AppError::Conflict(ctx.t("ideas-error-like-closed")));
    }
    let liked = match f.liked.as_deref() {
        Some("1") => true,
        Some("0") => false,
        _ => state
            .db
            .scalar::<i64>(
                "SELECT id FROM idea_likes WHERE org_id = $1 AND idea_id = $2 AND user_id = $3",
                args![org, id, user],
            )
            .await?
            .is_none(),
    };
    store::set_like(&state.db, org, id, user, liked)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!("/ideeen/{id}#likes")).into_response())
}

pub async fn comment_like(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<LikeForm>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.id;
    let org = ctx.org.id;
    let idea_id = state
        .db
        .scalar::<i64>(
            "SELECT idea_id FROM idea_comments WHERE org_id = $1 AND id = $2 AND hidden = FALSE",
            args![org, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let idea = load_visible(&ctx, &state, idea_id).await?;
    if idea.status == "draft" || idea.project_status != "published" {
        return Err(AppError::Conflict(ctx.t("ideas-error-like-closed")));
    }
    let liked = match f.liked.as_deref() {
        Some("1") => true,
        Some("0") => false,
        _ => state
            .db
            .scalar::<i64>("SELECT id FROM idea_comment_likes WHERE org_id = $1 AND comment_id = $2 AND user_id = $3", args![org, id, user])
            .await?
            .is_none(),
    };
    store::set_comment_like(&state.db, org, id, user, liked)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!("/ideeen/{idea_id}#reactie-{id}")).into_response())
}

// ---------------------------------------------------------------------------------------
// Comments

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    stance: String,
    #[serde(default)]
    parent_id: String,
}

pub async fn comment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<CommentForm>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.clone();
    let org = ctx.org.id;
    let idea = load_visible(&ctx, &state, id).await?;
    let s = store::settings(&state.db, org, idea.component_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !s.comments_open
        || idea.status == "draft"
        || idea.project_status != "published"
        || idea.hidden
    {
        return Err(AppError::Conflict(ctx.t("ideas-error-comments-closed")));
    }
    let mut errors = FieldErrors::new();
    let body = forms::text(&mut errors, "body", &f.body, 2, 2000, ctx.lang);
    if !["for", "against", "neutral"].contains(&f.stance.as_str()) {
        errors.add("stance", ctx.t("ideas-error-stance"));
    }
    let parent = match f.parent_id.trim() {
        "" => None,
        p => Some(
            p.parse::<i64>()
                .map_err(|_| AppError::BadRequest(ctx.t("ideas-error-parent")))?,
        ),
    };
    if !errors.is_empty() {
        let input = CommentInput {
            body: f.body,
            stance: f.stance,
            parent_id: f.parent_id,
        };
        return render_show(
            &ctx,
            &state,
            idea,
            input,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let inserted = match parent {
        None => {
            tx.write_scalar::<i64>(
                "INSERT INTO idea_comments (org_id, idea_id, parent_id, depth, user_id, author_name, stance, body, created_at, updated_at) \
                 VALUES ($1, $2, NULL, 0, $3, $4, $5, $6, $7, $7) RETURNING id",
                args![org, id, user.id, &user.display_name, &f.stance, &body, t],
            )
            .await
        }
        // The depth comes from the parent row; the CHECK (depth <= 2) refuses a fourth level.
        Some(p) => {
            tx.write_scalar::<i64>(
                "INSERT INTO idea_comments (org_id, idea_id, parent_id, depth, user_id, author_name, stance, body, created_at, updated_at) \
                 SELECT $1, p.idea_id, p.id, p.depth + 1, $4, $5, $6, $7, $8, $8 FROM idea_comments p \
                 WHERE p.org_id = $1 AND p.idea_id = $2 AND p.id = $3 AND p.hidden = FALSE RETURNING id",
                args![org, id, p, user.id, &user.display_name, &f.stance, &body, t],
            )
            .await
        }
    };
    let cid = match inserted {
        Ok(c) => c,
        Err(DbError::NotFound) => return Err(AppError::BadRequest(ctx.t("ideas-error-parent"))),
        Err(DbError::Constraint(_)) => {
            return Err(AppError::BadRequest(ctx.t("ideas-error-depth")))
        }
        Err(e) => return Err(e.into()),
    };
    tx.run(
        "UPDATE ideas SET comment_count = comment_count + 1 WHERE org_id = $1 AND id = $2",
        args![org, id],
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/ideeen/{id}?melding=comment-saved#reactie-{cid}")).into_response())
}

#[derive(Template)]
#[template(path = "ideas/comment_edit.html")]
struct CommentEditPage {
    page: Page,
    id: i64,
    idea_id: i64,
    input: CommentInput,
    errors: FieldErrors,
}

impl CommentEditPage {
    fn stance_is(&self, s: &str) -> bool {
        self.input.stance == s
    }
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
    fn stance_label(&self, s: &str) -> String {
        self.page.t(&format!("ideas-stance-{s}"))
    }
}

async fn own_comment(ctx: &Ctx, state: &AppState, id: i64) -> AppResult<CommentRow> {
    let user = ctx.require_member()?.id;
    let row: (i64,) = state
        .db
        .opt(
            "SELECT idea_id FROM idea_comments WHERE org_id = $1 AND id = $2",
            args![ctx.org.id, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let c = store::comments(&state.db, ctx.org.id, row.0)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(AppError::NotFound)?;
    if c.user_id != Some(user) {
        return Err(AppError::Forbidden);
    }
    if now() - c.created_at >= COMMENT_EDIT_SECONDS || c.hidden {
        return Err(AppError::Conflict(ctx.t("ideas-error-edit-expired")));
    }
    Ok(c)
}

pub async fn comment_edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let c = own_comment(&ctx, &state, id).await?;
    let idea_id: i64 = state
        .db
        .scalar(
            "SELECT idea_id FROM idea_comments WHERE org_id = $1 AND id = $2",
            args![ctx.org.id, id],
        )
        .await?
        .unwrap_or(0);
    render(&CommentEditPage {
        page: ctx.page(ctx.t("ideas-comment-edit-title")),
        id,
        idea_id,
        input: CommentInput {
            body: c.body,
            stance: c.stance,
            parent_id: String::new(),
        },
        errors: FieldErrors::new(),
    })
}

pub async fn comment_update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<CommentForm>,
) -> AppResult<Response> {
    own_comment(&ctx, &state, id).await?;
    let user = ctx.require_member()?.id;
    let org = ctx.org.id;
    let idea_id: i64 = state
        .db
        .scalar(
            "SELECT idea_id FROM idea_comments WHERE org_id = $1 AND id = $2",
            args![org, id],
        )
        .await?
        .unwrap_or(0);
    let mut errors = FieldErrors::new();
    let body = forms::text(&mut errors, "body", &f.body, 2, 2000, ctx.lang);
    if !["for", "against", "neutral"].contains(&f.stance.as_str()) {
        errors.add("stance", ctx.t("ideas-error-stance"));
    }
    if !errors.is_empty() {
        let res = render(&CommentEditPage {
            page: ctx.page(ctx.t("ideas-comment-edit-title")),
            id,
            idea_id,
            input: CommentInput {
                body: f.body,
                stance: f.stance,
                parent_id: String::new(),
            },
            errors,
        })?;
        return Ok(with_status(res, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let t = now();
    // The time limit is part of the UPDATE itself.
    let n = state
        .db
        .exec(
            "UPDATE idea_comments SET body = $4, stance = $5, updated_at = $6 \
             WHERE org_id = $1 AND id = $2 AND user_id = $3 AND created_at > $7 AND hidden = FALSE",
            args![org, id, user, &body, &f.stance, t, t - COMMENT_EDIT_SECONDS],
        )
        .await?;
    if n == 0 {
        return Err(AppError::Conflict(ctx.t("ideas-error-edit-expired")));
    }
    Ok(Redirect::to(&format!("/ideeen/{idea_id}?melding=saved#reactie-{id}")).into_response())
}

// ---------------------------------------------------------------------------------------
// Flags

#[derive(Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    reason: String,
}

fn flag_reason(ctx: &Ctx, raw: &str) -> AppResult<String> {
    let mut e = FieldErrors::new();
    let reason = forms::text(&mut e, "reason", raw, 3, 500, ctx.lang);
    match e.get("reason") {
        Some(m) => Err(AppError::BadRequest(format!(
            "{} {m}",
            ctx.t("ideas-flag-reason")
        ))),
        None => Ok(reason),
    }
}

async fn insert_flag(
    ctx: &Ctx,
    tx: &mut crate::db::Tx,
    kind: &str,
    id: i64,
    user: i64,
    reason: &str,
) -> AppResult<()> {
    let n = tx
        .run(
            "INSERT INTO idea_flags (org_id, target_type, target_id, user_id, reason, resolved, created_at) \
             VALUES ($1, $2, $3, $4, $5, FALSE, $6) ON CONFLICT (target_type, target_id, user_id) DO NOTHING",
            args![ctx.org.id, kind, id, user, reason, now()],
        )
        .await?;
    if n == 0 {
        return Err(AppError::Conflict(ctx.t("ideas-error-flagged-before")));
    }
    Ok(())
}

pub async fn flag_idea(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<FlagForm>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.id;
    let org = ctx.org.id;
    let idea = load_visible(&ctx, &state, id).await?;
    if idea.status == "draft" {
        return Err(AppError::NotFound);
    }
    let reason = flag_reason(&ctx, &f.reason)?;
    let mut tx = state.db.begin().await?;
    insert_flag(&ctx, &mut tx, "idea", id, user, &reason).await?;
    // Reaching the threshold hides the idea in the same transaction.
    tx.run(
        "UPDATE ideas SET flag_count = flag_count + 1, hidden = CASE WHEN flag_count + 1 >= \
         (SELECT s.flag_threshold FROM idea_settings s WHERE s.org_id = ideas.org_id AND s.component_id = ideas.component_id) \
         THEN TRUE ELSE hidden END WHERE org_id = $1 AND id = $2",
        args![org, id],
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/ideeen/{id}?melding=flag-saved")).into_response())
}

pub async fn flag_comment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<FlagForm>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.id;
    let org = ctx.org.id;
    let idea_id = state
        .db
        .scalar::<i64>(
            "SELECT idea_id FROM idea_comments WHERE org_id = $1 AND id = $2",
            args![org, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    load_visible(&ctx, &state, idea_id).await?;
    let reason = flag_reason(&ctx, &f.reason)?;
    let mut tx = state.db.begin().await?;
    insert_flag(&ctx, &mut tx, "comment", id, user, &reason).await?;
    tx.run(
        "UPDATE idea_comments SET flag_count = flag_count + 1, hidden = CASE WHEN flag_count + 1 >= \
         (SELECT s.flag_threshold FROM ideas i JOIN idea_settings s ON s.component_id = i.component_id AND s.org_id = i.org_id \
          WHERE i.org_id = idea_comments.org_id AND i.id = idea_comments.idea_id) \
         THEN TRUE ELSE hidden END WHERE org_id = $1 AND id = $2",
        args![org, id],
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/ideeen/{idea_id}?melding=flag-saved#reactie-{id}"
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_repeat_in_form() {
        let i = parse_input("title=Bankjes&themes=3&themes=5&themes=x&action=draft");
        assert_eq!(i.themes, vec![3, 5]);
        assert_eq!(i.action, "draft");
        assert_eq!(i.title, "Bankjes");
    }
}
