//! `/api/v1/ideeen` for ideas and their comments. Read-only and public data only: ideas in
//! draft, hidden ideas (by moderators or flags) and ideas of draft projects are left out,
//! hidden comments come as a notice without their text. Author names are not part of the API
//! (they are personal data, and nobody needs them to reuse the ideas). Every query filters by
//! the municipality of the host name.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::{follow, media, STAFF_STATUSES};
use crate::api::{json_response, string_enum, Problem};
use crate::args;
use crate::state::AppState;
use crate::web::{AppError, AppResult, Ctx};

pub const LIST: &str = "/api/v1/ideeen";
pub const DETAIL: &str = "/api/v1/ideeen/{id}";
pub const COMMENTS: &str = "/api/v1/ideeen/{id}/reacties";

/// Ideas and comments per API page.
pub const PER_PAGE: i64 = 20;

#[derive(OpenApi)]
#[openapi(paths(list, detail, comments))]
struct IdeasApi;

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    IdeasApi::openapi()
}

string_enum!(
    /// The status staff gave an idea (drafts are never public).
    pub IdeaStatus(String) = STAFF_STATUSES
);

string_enum!(
    /// What a comment says about the idea.
    pub Stance(String) = ["for", "against", "neutral"]
);

/// Condition shared by list, count and detail: public ideas of public projects.
macro_rules! public_ideas {
    () => {
        " FROM ideas i JOIN components c ON c.id = i.component_id AND c.org_id = i.org_id \
          JOIN projects pr ON pr.id = c.project_id AND pr.org_id = i.org_id \
          LEFT JOIN areas a ON a.id = i.area_id AND a.org_id = i.org_id \
          LEFT JOIN idea_images ti ON ti.idea_id = i.id AND ti.position = 1 AND ti.org_id = i.org_id \
          LEFT JOIN uploads tu ON tu.id = ti.upload_id AND tu.org_id = i.org_id \
          WHERE i.org_id = $1 AND i.status <> 'draft' AND i.hidden = FALSE AND pr.status IN ('published', 'closed')"
    };
}

macro_rules! list_where {
    () => {
        concat!(
            public_ideas!(),
            " AND ($2 = 0 OR i.component_id = $2) AND ($3 = 0 OR i.area_id = $3) \
              AND ($4 = 0 OR EXISTS (SELECT 1 FROM idea_themes t WHERE t.org_id = i.org_id AND t.idea_id = i.id AND t.theme_id = $4)) \
              AND ($5 = '' OR i.status = $5)"
        )
    };
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct IdeaItem {
    id: i64,
    component_id: i64,
    title: String,
    summary: String,
    status: String,
    cost: i64,
    area_id: Option<i64>,
    area_name: Option<String>,
    like_count: i64,
    comment_count: i64,
    created_at: i64,
    lat: Option<f64>,
    lon: Option<f64>,
    thumb_key: Option<String>,
}

/// An idea as the list shows it.
#[derive(Serialize, ToSchema)]
struct IdeaSummary {
    id: i64,
    /// The ideas component it was submitted to.
    component_id: i64,
    title: String,
    summary: String,
    status: IdeaStatus,
    /// Estimated cost in euros.
    cost: i64,
    #[schema(required)]
    area: Option<IdeaArea>,
    like_count: i64,
    comment_count: i64,
    /// Unix seconds.
    created_at: i64,
    /// Where the idea is, if the author marked it on the map.
    #[schema(required)]
    point: Option<Point>,
    /// A small version of the first photo.
    #[schema(required)]
    thumbnail_url: Option<String>,
    /// The idea's page.
    url: String,
}

#[derive(Serialize, ToSchema)]
struct IdeaArea {
    id: i64,
    #[schema(required)]
    name: Option<String>,
}

/// A place in WGS84.
#[derive(Serialize, ToSchema)]
struct Point {
    lat: f64,
    lon: f64,
}

impl IdeaItem {
    fn summary(self) -> IdeaSummary {
        IdeaSummary {
            area: self.area_id.map(|id| IdeaArea {
                id,
                name: self.area_name,
            }),
            point: match (self.lat, self.lon) {
                (Some(lat), Some(lon)) => Some(Point { lat, lon }),
                _ => None,
            },
            thumbnail_url: self
                .thumb_key
                .as_deref()
                .map(|k| format!("/bestanden/{}", crate::uploads::small_key(k))),
            url: format!("/ideeen/{}", self.id),
            id: self.id,
            component_id: self.component_id,
            title: self.title,
            summary: self.summary,
            status: IdeaStatus(self.status),
            cost: self.cost,
            like_count: self.like_count,
            comment_count: self.comment_count,
            created_at: self.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
struct IdeaList {
    /// Ideas that match, over all pages.
    total: i64,
    page: i64,
    per_page: i64,
    results: Vec<IdeaSummary>,
}

fn int_param(q: &[(String, String)], name: &str, ctx: &Ctx) -> AppResult<i64> {
    match q.iter().find(|(k, _)| k == name) {
        None => Ok(0),
        Some((_, v)) if v.trim().is_empty() => Ok(0),
        Some((_, v)) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| {
                AppError::BadRequest(crate::web::i18n::t_args(
                    ctx.lang,
                    "ideas-api-bad-param",
                    &[("name", name.to_string())],
                ))
            }),
    }
}

/// Public ideas, newest first.
#[utoipa::path(
    get,
    path = LIST,
    operation_id = "listIdeas",
    tag = "ideeën",
    summary = "Openbare ideeën, nieuwste eerst (20 per pagina); verborgen ideeën en concepten staan er niet in",
    params(
        ("component" = Option<i64>, Query, description = "Id van een ideeën-onderdeel; leeg is alle"),
        ("area" = Option<i64>, Query, description = "Id van een gebied"),
        ("theme" = Option<i64>, Query, description = "Id van een thema"),
        ("status" = Option<IdeaStatus>, Query, description = "Alleen ideeën met deze status"),
        ("page" = Option<i64>, Query, minimum = 1, description = "Pagina, vanaf 1"),
    ),
    responses(
        (status = 200, description = "Ideeën", body = IdeaList),
        (status = 404, description = "Onbekend ideeën-onderdeel", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Ongeldige parameter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let component = int_param(&q, "component", &ctx)?;
    let area = int_param(&q, "area", &ctx)?;
    let theme = int_param(&q, "theme", &ctx)?;
    let page = int_param(&q, "page", &ctx)?.max(1);
    let status = q
        .iter()
        .find(|(k, _)| k == "status")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    if !status.is_empty() && !STAFF_STATUSES.contains(&status.as_str()) {
        return Err(AppError::BadRequest(crate::web::i18n::t_args(
            ctx.lang,
            "ideas-api-bad-param",
            &[("name", "status".to_string())],
        )));
    }
    if component > 0 {
        let ok = state
            .db
            .scalar::<i64>(
                "SELECT c.id FROM components c JOIN projects pr ON pr.id = c.project_id AND pr.org_id = c.org_id \
                 WHERE c.org_id = $1 AND c.id = $2 AND c.kind = 'ideas' AND pr.status IN ('published', 'closed')",
                args![org, component],
            )
            .await?;
        if ok.is_none() {
            return Err(AppError::NotFound);
        }
    }
    let total = state
        .db
        .scalar::<i64>(
            concat!("SELECT COUNT(*)", list_where!()),
            args![org, component, area, theme, &status],
        )
        .await?
        .unwrap_or(0);
    let rows: Vec<IdeaItem> = state
        .db
        .all(
            concat!(
                "SELECT i.id, i.component_id, i.title, i.summary, i.status, i.cost, i.area_id, a.name AS area_name, \
                 i.like_count, i.comment_count, i.created_at, i.lat, i.lon, tu.storage_key AS thumb_key",
                list_where!(),
                " ORDER BY i.created_at DESC, i.id DESC LIMIT $6 OFFSET $7"
            ),
            args![org, component, area, theme, &status, PER_PAGE, (page - 1) * PER_PAGE],
        )
        .await?;
    Ok(json_response(&IdeaList {
        total,
        page,
        per_page: PER_PAGE,
        results: rows.into_iter().map(IdeaItem::summary).collect(),
    }))
}

async fn public_idea(state: &AppState, org: i64, id: i64) -> AppResult<IdeaItem> {
    state
        .db
        .opt(
            concat!(
                "SELECT i.id, i.component_id, i.title, i.summary, i.status, i.cost, i.area_id, a.name AS area_name, \
                 i.like_count, i.comment_count, i.created_at, i.lat, i.lon, tu.storage_key AS thumb_key",
                public_ideas!(),
                " AND i.id = $2"
            ),
            args![org, id],
        )
        .await?
        .ok_or(AppError::NotFound)
}

/// An idea with everything the public may see of it.
#[derive(Serialize, ToSchema)]
struct Idea {
    #[serde(flatten)]
    summary: IdeaSummary,
    description_markdown: String,
    official_answer: OfficialAnswer,
    themes: Vec<IdeaTheme>,
    images: Vec<IdeaImage>,
    /// Progress of the idea's realisation, newest first.
    realisation_updates: Vec<RealisationUpdate>,
}

/// The municipality's answer to the idea.
#[derive(Serialize, ToSchema)]
struct OfficialAnswer {
    status: IdeaStatus,
    answer_markdown: String,
    /// Where the idea was sent on to (status `redirected`).
    #[schema(required)]
    redirected_to: Option<String>,
    /// The idea it was merged into (status `merged`).
    #[schema(required)]
    merged_into: Option<i64>,
}

#[derive(Serialize, ToSchema)]
struct IdeaTheme {
    id: i64,
    slug: String,
    name: String,
}

#[derive(Serialize, ToSchema)]
struct IdeaImage {
    url: String,
    thumbnail_url: String,
    /// Text for people who cannot see the photo.
    alt: String,
}

#[derive(Serialize, ToSchema)]
struct RealisationUpdate {
    id: i64,
    /// Where the realisation stands, in words.
    status: String,
    #[schema(minimum = 0, maximum = 100)]
    percent: i64,
    text_markdown: String,
    #[schema(required)]
    photo_url: Option<String>,
    #[schema(required)]
    photo_alt: Option<String>,
    /// Unix seconds.
    created_at: i64,
}

/// One public idea.
#[utoipa::path(
    get,
    path = DETAIL,
    operation_id = "getIdea",
    tag = "ideeën",
    summary = "Eén openbaar idee met status, officieel antwoord, foto's, plek en voortgang",
    params(("id" = i64, Path, description = "Id van het idee")),
    responses(
        (status = 200, description = "Het idee", body = Idea),
        (status = 404, description = "Niet gevonden", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn detail(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let i = public_idea(&state, org, id).await?;
    let (description, answer, redirect_to, merged_into): (String, String, String, Option<i64>) = state
        .db
        .one(
            "SELECT description, answer, redirect_to, merged_into_id FROM ideas WHERE org_id = $1 AND id = $2",
            args![org, id],
        )
        .await?;
    let themes: Vec<(i64, String, String)> = state
        .db
        .all(
            "SELECT t.id, t.slug, t.name FROM idea_themes it JOIN themes t ON t.id = it.theme_id AND t.org_id = it.org_id \
             WHERE it.org_id = $1 AND it.idea_id = $2 ORDER BY t.name",
            args![org, id],
        )
        .await?;
    let images = media::images_of(&state.db, org, id).await?;
    let updates = follow::updates_of(&state.db, org, id).await?;
    let summary = i.summary();
    Ok(json_response(&Idea {
        description_markdown: description,
        official_answer: OfficialAnswer {
            status: summary.status.clone(),
            answer_markdown: answer,
            redirected_to: (!redirect_to.is_empty()).then_some(redirect_to),
            merged_into,
        },
        summary,
        themes: themes
            .into_iter()
            .map(|(id, slug, name)| IdeaTheme { id, slug, name })
            .collect(),
        images: images
            .iter()
            .map(|im| IdeaImage {
                url: format!("/bestanden/{}", im.storage_key),
                thumbnail_url: format!("/bestanden/{}", im.small()),
                alt: im.alt.clone(),
            })
            .collect(),
        realisation_updates: updates
            .into_iter()
            .map(|u| RealisationUpdate {
                photo_alt: u.photo_key.as_ref().map(|_| u.photo_alt),
                photo_url: u.photo_key.map(|k| format!("/bestanden/{k}")),
                id: u.id,
                status: u.status_text,
                percent: u.percent,
                text_markdown: u.body,
                created_at: u.created_at,
            })
            .collect(),
    }))
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct CommentItem {
    id: i64,
    parent_id: Option<i64>,
    depth: i64,
    stance: String,
    body: String,
    like_count: i64,
    hidden: bool,
    created_at: i64,
    updated_at: i64,
}

#[derive(Serialize, ToSchema)]
struct CommentList {
    total: i64,
    page: i64,
    per_page: i64,
    results: Vec<Comment>,
}

/// A comment; a hidden one keeps its place in the thread but comes without its text.
#[derive(Serialize, ToSchema)]
struct Comment {
    id: i64,
    /// The comment it answers; none for a comment on the idea itself.
    #[schema(required)]
    parent_id: Option<i64>,
    /// 0 for a comment on the idea, up to 2 for an answer to an answer.
    #[schema(minimum = 0, maximum = 2)]
    depth: i64,
    stance: Stance,
    /// Hidden by a moderator.
    hidden: bool,
    /// None when hidden.
    #[schema(required)]
    text_markdown: Option<String>,
    /// Why the text is missing, when hidden.
    #[schema(required)]
    notice: Option<String>,
    like_count: i64,
    /// Unix seconds.
    created_at: i64,
    /// Changed after it was posted.
    edited: bool,
}

/// The comments on a public idea, oldest first.
#[utoipa::path(
    get,
    path = COMMENTS,
    operation_id = "listIdeaComments",
    tag = "ideeën",
    summary = "Reacties op een idee, oudste eerst (20 per pagina), met parent_id voor de draad; verborgen reacties zonder tekst",
    params(
        ("id" = i64, Path, description = "Id van het idee"),
        ("page" = Option<i64>, Query, minimum = 1, description = "Pagina, vanaf 1"),
    ),
    responses(
        (status = 200, description = "Reacties", body = CommentList),
        (status = 404, description = "Niet gevonden", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Ongeldige parameter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn comments(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    public_idea(&state, org, id).await?;
    let page = int_param(&q, "page", &ctx)?.max(1);
    let total = state
        .db
        .scalar::<i64>(
            "SELECT COUNT(*) FROM idea_comments WHERE org_id = $1 AND idea_id = $2",
            args![org, id],
        )
        .await?
        .unwrap_or(0);
    let rows: Vec<CommentItem> = state
        .db
        .all(
            "SELECT id, parent_id, depth, stance, body, like_count, hidden, created_at, updated_at FROM idea_comments \
             WHERE org_id = $1 AND idea_id = $2 ORDER BY created_at, id LIMIT $3 OFFSET $4",
            args![org, id, PER_PAGE, (page - 1) * PER_PAGE],
        )
        .await?;
    let notice = ctx.t("ideas-comment-hidden");
    let results = rows
        .into_iter()
        .map(|c| Comment {
            id: c.id,
            parent_id: c.parent_id,
            depth: c.depth,
            stance: Stance(c.stance),
            hidden: c.hidden,
            text_markdown: (!c.hidden).then_some(c.body),
            notice: c.hidden.then(|| notice.clone()),
            like_count: c.like_count,
            created_at: c.created_at,
            edited: c.updated_at > c.created_at,
        })
        .collect();
    Ok(json_response(&CommentList {
        total,
        page,
        per_page: PER_PAGE,
        results,
    }))
}
