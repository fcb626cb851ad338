//! `/api/v1` for ideas, their comments and ballot results. Read-only and public data only:
//! ideas in draft, hidden ideas (by moderators or flags) and ideas of draft projects are left
//! out, hidden comments come as a notice without their text, ballot results only once they are
//! published. Author names are not part of the API (they are personal data, and nobody needs
//! them to reuse the ideas). Every query filters by the municipality of the host name.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde_json::{json, Value};

use super::json_response;
use crate::args;
use crate::components::ideas::{follow, media, STAFF_STATUSES};
use crate::state::AppState;
use crate::web::{AppError, AppResult, Ctx};

/// Ideas and comments per API page.
pub const PER_PAGE: i64 = 20;

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

fn point(lat: Option<f64>, lon: Option<f64>) -> Value {
    match (lat, lon) {
        (Some(lat), Some(lon)) => json!({ "lat": lat, "lon": lon }),
        _ => Value::Null,
    }
}

fn item_json(i: &IdeaItem) -> Value {
    json!({
        "id": i.id,
        "component_id": i.component_id,
        "title": i.title,
        "summary": i.summary,
        "status": i.status,
        "cost": i.cost,
        "area": i.area_id.map(|id| json!({ "id": id, "name": i.area_name })),
        "like_count": i.like_count,
        "comment_count": i.comment_count,
        "created_at": i.created_at,
        "point": point(i.lat, i.lon),
        "thumbnail_url": i.thumb_key.as_deref().map(|k| format!("/bestanden/{}", crate::uploads::small_key(k))),
        "url": format!("/ideeen/{}", i.id),
    })
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

/// GET /api/v1/ideas?component=&area=&theme=&status=&page=
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
    Ok(json_response(json!({
        "total": total,
        "page": page,
        "per_page": PER_PAGE,
        "results": rows.iter().map(item_json).collect::<Vec<_>>(),
    })))
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

/// GET /api/v1/ideas/{id}
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
    let mut v = item_json(&i);
    if let Value::Object(m) = &mut v {
        m.insert("description_markdown".into(), json!(description));
        m.insert(
            "official_answer".into(),
            json!({
                "status": i.status,
                "answer_markdown": answer,
                "redirected_to": (!redirect_to.is_empty()).then_some(redirect_to),
                "merged_into": merged_into,
            }),
        );
        m.insert(
            "themes".into(),
            json!(themes
                .iter()
                .map(|(id, slug, name)| json!({ "id": id, "slug": slug, "name": name }))
                .collect::<Vec<_>>()),
        );
        m.insert(
            "images".into(),
            json!(images
                .iter()
                .map(|im| json!({
                    "url": format!("/bestanden/{}", im.storage_key),
                    "thumbnail_url": format!("/bestanden/{}", im.small()),
                    "alt": im.alt,
                }))
                .collect::<Vec<_>>()),
        );
        m.insert(
            "realisation_updates".into(),
            json!(updates
                .iter()
                .map(|u| json!({
                    "id": u.id,
                    "status": u.status_text,
                    "percent": u.percent,
                    "text_markdown": u.body,
                    "photo_url": u.photo_key.as_deref().map(|k| format!("/bestanden/{k}")),
                    "photo_alt": u.photo_key.as_ref().map(|_| u.photo_alt.clone()),
                    "created_at": u.created_at,
                }))
                .collect::<Vec<_>>()),
        );
    }
    Ok(json_response(v))
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

/// GET /api/v1/ideas/{id}/comments?page=
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
    let results: Vec<Value> = rows
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "parent_id": c.parent_id,
                "depth": c.depth,
                "stance": c.stance,
                "hidden": c.hidden,
                "text_markdown": (!c.hidden).then(|| c.body.clone()),
                "notice": c.hidden.then(|| notice.clone()),
                "like_count": c.like_count,
                "created_at": c.created_at,
                "edited": c.updated_at > c.created_at,
            })
        })
        .collect();
    Ok(json_response(json!({
        "total": total,
        "page": page,
        "per_page": PER_PAGE,
        "results": results,
    })))
}

/// GET /api/v1/ballots/{component_id}/results
pub async fn ballot_results(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(component_id): Path<i64>,
) -> AppResult<Response> {
    use crate::components::ballot;
    let org = ctx.org.id;
    let project: String = state
        .db
        .scalar(
            "SELECT pr.slug FROM components c JOIN projects pr ON pr.id = c.project_id AND pr.org_id = c.org_id \
             WHERE c.org_id = $1 AND c.id = $2 AND c.kind = 'ballot' AND pr.status IN ('published', 'closed')",
            args![org, component_id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let s = ballot::store::load_settings(&state, org, component_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(published_at) = s.results_published_at else {
        return Err(AppError::NotFound);
    };
    let r = ballot::compute_results(&state, &s).await?;
    Ok(json_response(json!({
        "component_id": component_id,
        "project": project,
        "ballot_type": s.ballot_type,
        "published_at": published_at,
        "budget": s.is_budget().then(|| s.total_budget()),
        "budget_used": s.is_budget().then_some(r.budget_used),
        "ballots": { "online": r.online, "paper": r.paper, "total": r.online + r.paper },
        "ranking": r.rows.iter().map(|row| json!({
            "rank": row.rank,
            "idea_id": row.idea_id,
            "title": row.title,
            "votes": row.votes,
            "cost": row.cost,
            "percent": row.percent,
            "outcome": row.outcome,
            "url": format!("/ideeen/{}", row.idea_id),
        })).collect::<Vec<_>>(),
    })))
}

/// OpenAPI paths of this module, merged into the API's document.
pub fn openapi_paths() -> Vec<(&'static str, Value)> {
    let int = json!({ "type": "integer", "format": "int64" });
    let page =
        json!({ "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1 } });
    let problem = || json!({ "description": "Niet gevonden", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } });
    let bad = || json!({ "description": "Ongeldige parameter", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } });
    let ok = |schema: &str, d: &str| json!({ "description": d, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } });
    vec![
        (
            "/api/v1/ideas",
            json!({ "get": {
                "operationId": "listIdeas",
                "summary": "Openbare ideeën, nieuwste eerst (20 per pagina); verborgen ideeën en concepten staan er niet in",
                "parameters": [
                    { "name": "component", "in": "query", "schema": int, "description": "Id van een ideeën-onderdeel; leeg is alle" },
                    { "name": "area", "in": "query", "schema": int, "description": "Id van een gebied" },
                    { "name": "theme", "in": "query", "schema": int, "description": "Id van een thema" },
                    { "name": "status", "in": "query", "schema": { "type": "string", "enum": STAFF_STATUSES } },
                    page
                ],
                "responses": { "200": ok("IdeaList", "Ideeën"), "404": problem(), "422": bad() }
            }}),
        ),
        (
            "/api/v1/ideas/{id}",
            json!({ "get": {
                "operationId": "getIdea",
                "summary": "Eén openbaar idee met status, officieel antwoord, foto's, plek en voortgang",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": int }],
                "responses": { "200": ok("Idea", "Het idee"), "404": problem() }
            }}),
        ),
        (
            "/api/v1/ideas/{id}/comments",
            json!({ "get": {
                "operationId": "listIdeaComments",
                "summary": "Reacties op een idee, oudste eerst (20 per pagina), met parent_id voor de draad; verborgen reacties zonder tekst",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": int }, page],
                "responses": { "200": ok("CommentList", "Reacties"), "404": problem(), "422": bad() }
            }}),
        ),
        (
            "/api/v1/ballots/{component_id}/results",
            json!({ "get": {
                "operationId": "getBallotResults",
                "summary": "Uitslag van een stemming; pas beschikbaar als de uitslag is gepubliceerd",
                "parameters": [{ "name": "component_id", "in": "path", "required": true, "schema": int }],
                "responses": { "200": ok("BallotResults", "De uitslag"), "404": problem() }
            }}),
        ),
    ]
}

/// OpenAPI schemas of this module.
pub fn openapi_schemas() -> Vec<(&'static str, Value)> {
    let s = json!({ "type": "string" });
    let i = json!({ "type": "integer", "format": "int64" });
    let ns = json!({ "type": ["string", "null"] });
    let point = json!({ "oneOf": [ { "type": "null" }, { "type": "object", "required": ["lat", "lon"], "properties": {
        "lat": { "type": "number" }, "lon": { "type": "number" } } } ] });
    let summary_props = json!({
        "id": i, "component_id": i, "title": s, "summary": s,
        "status": { "type": "string", "enum": STAFF_STATUSES }, "cost": i,
        "area": { "oneOf": [ { "type": "null" }, { "type": "object", "properties": { "id": i, "name": s } } ] },
        "like_count": i, "comment_count": i, "created_at": i, "point": point,
        "thumbnail_url": ns, "url": s
    });
    let mut idea_props = summary_props.clone();
    if let Value::Object(m) = &mut idea_props {
        m.insert("description_markdown".into(), s.clone());
        m.insert("official_answer".into(), json!({ "type": "object", "properties": {
            "status": s, "answer_markdown": s, "redirected_to": ns, "merged_into": { "type": ["integer", "null"] } } }));
        m.insert("themes".into(), json!({ "type": "array", "items": { "type": "object", "properties": { "id": i, "slug": s, "name": s } } }));
        m.insert("images".into(), json!({ "type": "array", "items": { "type": "object", "required": ["url", "alt"], "properties": {
            "url": s, "thumbnail_url": s, "alt": s } } }));
        m.insert("realisation_updates".into(), json!({ "type": "array", "items": { "type": "object", "properties": {
            "id": i, "status": s, "percent": { "type": "integer", "minimum": 0, "maximum": 100 }, "text_markdown": s,
            "photo_url": ns, "photo_alt": ns, "created_at": i } } }));
    }
    vec![
        (
            "IdeaSummary",
            json!({ "type": "object", "required": ["id", "title", "status", "url"], "properties": summary_props }),
        ),
        (
            "IdeaList",
            json!({ "type": "object", "required": ["total", "page", "per_page", "results"], "properties": {
            "total": i, "page": i, "per_page": i, "results": { "type": "array", "items": { "$ref": "#/components/schemas/IdeaSummary" } } } }),
        ),
        (
            "Idea",
            json!({ "type": "object", "required": ["id", "title", "status", "official_answer", "images"], "properties": idea_props }),
        ),
        (
            "CommentList",
            json!({ "type": "object", "required": ["total", "page", "per_page", "results"], "properties": {
            "total": i, "page": i, "per_page": i, "results": { "type": "array", "items": { "type": "object", "properties": {
                "id": i, "parent_id": { "type": ["integer", "null"] }, "depth": { "type": "integer", "minimum": 0, "maximum": 2 },
                "stance": { "type": "string", "enum": ["for", "against", "neutral"] }, "hidden": { "type": "boolean" },
                "text_markdown": ns, "notice": ns, "like_count": i, "created_at": i, "edited": { "type": "boolean" } } } } } }),
        ),
        (
            "BallotResults",
            json!({ "type": "object", "required": ["component_id", "ballots", "ranking"], "properties": {
            "component_id": i, "project": s, "ballot_type": { "type": "string", "enum": ["count", "budget", "per_area"] },
            "published_at": i, "budget": { "type": ["integer", "null"] }, "budget_used": { "type": ["integer", "null"] },
            "ballots": { "type": "object", "properties": { "online": i, "paper": i, "total": i } },
            "ranking": { "type": "array", "items": { "type": "object", "properties": {
                "rank": i, "idea_id": i, "title": s, "votes": i, "cost": i, "percent": i,
                "outcome": { "type": "string", "enum": ["selected", "skipped", "below", "none"] }, "url": s } } } } }),
        ),
    ]
}
