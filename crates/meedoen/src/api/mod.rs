//! The public JSON API under `/api/v1`: the municipality, its areas, its projects and poll
//! results. Errors are RFC 9457 problem documents (rendered by `web::layout::render_errors`
//! for every `/api/` path). The OpenAPI document is written by hand in [`openapi`]; a test
//! checks that every route in [`API_ROUTES`] is described there. Ideas, comments and ballot
//! results live in [`ideas`].

pub mod ideas;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::args;
use crate::module::{Module, Routes};
use crate::state::AppState;
use crate::web::{AppError, AppResult, Ctx};

/// The core of the API (municipality, areas, projects, results, the OpenAPI document); the
/// Makelpunt's part comes with its module.
pub struct Api;

#[async_trait::async_trait]
impl Module for Api {
    fn key(&self) -> &'static str {
        "api"
    }

    fn name(&self, _lang: crate::web::i18n::Lang) -> String {
        "API".into()
    }

    fn switchable(&self) -> bool {
        false
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .get("/api/v1/gemeente", municipality)
            .get("/api/v1/gebieden", areas)
            .get("/api/v1/projecten", projects)
            .get("/api/v1/projecten/{slug}", project)
            .get("/api/v1/peilingen/{component_id}/resultaten", poll_results)
            .get("/api/v1/spaces", crate::spaces::search::api)
            .get("/api/v1/ideas", ideas::list)
            .get("/api/v1/ideas/{id}", ideas::detail)
            .get("/api/v1/ideas/{id}/comments", ideas::comments)
            .get(
                "/api/v1/ballots/{component_id}/results",
                ideas::ballot_results,
            )
            .get("/api/v1/openapi.json", openapi_doc)
    }
}

fn json_response(v: Value) -> Response {
    let mut res = Json(v).into_response();
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    res
}

async fn municipality(ctx: Ctx) -> AppResult<Response> {
    let o = &ctx.org;
    Ok(json_response(json!({
        "name": o.name,
        "slug": o.slug,
        "default_language": o.default_lang,
        "languages": ["nl", "en"],
        "theme": { "primary_color": o.primary_color, "secondary_color": o.secondary_color, "font": o.font },
    })))
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct AreaRow {
    id: i64,
    parent_id: Option<i64>,
    kind: String,
    name: String,
    slug: String,
}

async fn areas(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let rows: Vec<AreaRow> = state
        .db
        .all(
            "SELECT id, parent_id, kind, name, slug FROM areas WHERE org_id = $1 ORDER BY name, id",
            args![ctx.org.id],
        )
        .await?;
    let districts: Vec<Value> = rows
        .iter()
        .filter(|a| a.kind == "district")
        .map(|d| {
            let hoods: Vec<Value> = rows
                .iter()
                .filter(|n| n.parent_id == Some(d.id))
                .map(|n| json!({ "name": n.name, "slug": n.slug }))
                .collect();
            json!({ "name": d.name, "slug": d.slug, "neighbourhoods": hoods })
        })
        .collect();
    let loose: Vec<Value> = rows
        .iter()
        .filter(|a| a.kind == "neighbourhood" && !rows.iter().any(|d| Some(d.id) == a.parent_id))
        .map(|n| json!({ "name": n.name, "slug": n.slug }))
        .collect();
    Ok(json_response(
        json!({ "districts": districts, "neighbourhoods_without_district": loose }),
    ))
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct ProjectRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    status: String,
    area_slug: Option<String>,
    updated_at: i64,
}

async fn projects(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let rows: Vec<ProjectRow> = state
        .db
        .all(
            "SELECT p.id, p.slug, p.title, p.summary, p.status, a.slug AS area_slug, p.updated_at \
             FROM projects p LEFT JOIN areas a ON a.id = p.area_id AND a.org_id = p.org_id \
             WHERE p.org_id = $1 AND p.status IN ('published', 'closed') ORDER BY p.updated_at DESC, p.id DESC",
            args![ctx.org.id],
        )
        .await?;
    let themes: Vec<(i64, String)> = state
        .db
        .all(
            "SELECT pt.project_id, t.slug FROM project_themes pt JOIN themes t ON t.id = pt.theme_id AND t.org_id = pt.org_id \
             JOIN projects p ON p.id = pt.project_id AND p.org_id = pt.org_id \
             WHERE pt.org_id = $1 AND p.status IN ('published', 'closed') ORDER BY t.slug",
            args![ctx.org.id],
        )
        .await?;
    let list: Vec<Value> = rows
        .iter()
        .map(|p| {
            let t: Vec<&str> = themes
                .iter()
                .filter(|(id, _)| *id == p.id)
                .map(|(_, s)| s.as_str())
                .collect();
            json!({
                "slug": p.slug,
                "title": p.title,
                "summary": p.summary,
                "status": p.status,
                "area": p.area_slug,
                "themes": t,
                "updated_at": p.updated_at,
                "url": format!("/projecten/{}", p.slug),
            })
        })
        .collect();
    Ok(json_response(json!({ "projects": list })))
}

async fn project(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let p: ProjectRow = state
        .db
        .opt(
            "SELECT p.id, p.slug, p.title, p.summary, p.status, a.slug AS area_slug, p.updated_at \
             FROM projects p LEFT JOIN areas a ON a.id = p.area_id AND a.org_id = p.org_id \
             WHERE p.org_id = $1 AND p.slug = $2 AND p.status IN ('published', 'closed')",
            args![org, &slug],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let body: String = state
        .db
        .scalar(
            "SELECT body_md FROM projects WHERE org_id = $1 AND id = $2",
            args![org, p.id],
        )
        .await?
        .unwrap_or_default();
    let themes: Vec<(String, String)> = state
        .db
        .all(
            "SELECT t.slug, t.name FROM project_themes pt JOIN themes t ON t.id = pt.theme_id AND t.org_id = pt.org_id \
             WHERE pt.org_id = $1 AND pt.project_id = $2 ORDER BY t.name",
            args![org, p.id],
        )
        .await?;
    let phases: Vec<(String, String, String)> = state
        .db
        .all(
            "SELECT name, starts_on, ends_on FROM phases WHERE org_id = $1 AND project_id = $2 ORDER BY starts_on, id",
            args![org, p.id],
        )
        .await?;
    let today = crate::projects::today();
    let components = crate::projects::components_of(&state.db, org, p.id).await?;
    let comps: Vec<Value> = components
        .iter()
        .map(|c| {
            let results =
                (c.kind == "poll").then(|| format!("/api/v1/peilingen/{}/resultaten", c.id));
            json!({ "id": c.id, "kind": c.kind, "title": c.title, "results": results })
        })
        .collect();
    Ok(json_response(json!({
        "slug": p.slug,
        "title": p.title,
        "summary": p.summary,
        "body_markdown": body,
        "status": p.status,
        "area": p.area_slug,
        "themes": themes.iter().map(|(s, n)| json!({ "slug": s, "name": n })).collect::<Vec<_>>(),
        "phases": phases.iter().map(|(n, s, e)| json!({
            "name": n, "starts_on": s, "ends_on": e, "current": *s <= today && today <= *e
        })).collect::<Vec<_>>(),
        "components": comps,
        "updated_at": p.updated_at,
        "url": format!("/projecten/{}", p.slug),
    })))
}

async fn poll_results(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(component_id): Path<i64>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let (question, is_open, project): (String, bool, String) = state
        .db
        .opt(
            "SELECT p.question, p.is_open, pr.slug FROM polls p \
             JOIN components c ON c.id = p.component_id AND c.org_id = p.org_id \
             JOIN projects pr ON pr.id = c.project_id AND pr.org_id = p.org_id \
             WHERE p.org_id = $1 AND p.component_id = $2 AND pr.status IN ('published', 'closed')",
            args![org, component_id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let choices = crate::components::poll::load_choices(&state, org, component_id).await?;
    let (total, rows) = crate::components::poll::results(&choices);
    Ok(json_response(json!({
        "question": question,
        "open": is_open,
        "project": project,
        "total": total,
        "choices": rows.iter().map(|r| json!({ "id": r.id, "label": r.label, "answers": r.answers, "percent": r.percent })).collect::<Vec<_>>(),
    })))
}

async fn openapi_doc() -> Response {
    json_response(openapi())
}

fn problem_ref() -> Value {
    json!({ "description": "Niet gevonden", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } })
}

fn ok(schema: &str, description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } })
}

/// The OpenAPI 3.1 description of this API.
pub fn openapi() -> Value {
    let mut doc = base_openapi();
    if let Some(paths) = doc["paths"].as_object_mut() {
        for (p, v) in ideas::openapi_paths() {
            paths.insert(p.to_string(), v);
        }
    }
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        for (n, v) in ideas::openapi_schemas() {
            schemas.insert(n.to_string(), v);
        }
    }
    doc
}

fn base_openapi() -> Value {
    let str_ = json!({ "type": "string" });
    let int = json!({ "type": "integer", "format": "int64" });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "meedoen API",
            "version": "1",
            "description": "Publieke gegevens van één gemeente: gemeente, gebieden, projecten, uitslagen van peilingen, ideeën met reacties \
                            en uitslagen van stemmingen. \
                            De gemeente volgt uit de hostnaam. Fouten zijn RFC 9457 problem+json.",
            "license": { "name": "EUPL-1.2", "identifier": "EUPL-1.2" }
        },
        "paths": {
            "/api/v1/gemeente": { "get": {
                "operationId": "getMunicipality", "summary": "De gemeente: naam, themakleuren, talen",
                "responses": { "200": ok("Municipality", "De gemeente") }
            }},
            "/api/v1/gebieden": { "get": {
                "operationId": "listAreas", "summary": "Stadsdelen met hun wijken",
                "responses": { "200": ok("Areas", "Gebieden") }
            }},
            "/api/v1/projecten": { "get": {
                "operationId": "listProjects", "summary": "Gepubliceerde en afgeronde projecten",
                "responses": { "200": ok("ProjectList", "Projecten") }
            }},
            "/api/v1/projecten/{slug}": { "get": {
                "operationId": "getProject", "summary": "Eén project met fasen en onderdelen",
                "parameters": [{ "name": "slug", "in": "path", "required": true, "schema": str_ }],
                "responses": { "200": ok("Project", "Het project"), "404": problem_ref() }
            }},
            "/api/v1/peilingen/{component_id}/resultaten": { "get": {
                "operationId": "getPollResults", "summary": "Uitslag van een peiling in een gepubliceerd project",
                "parameters": [{ "name": "component_id", "in": "path", "required": true, "schema": int }],
                "responses": { "200": ok("PollResults", "De uitslag"), "404": problem_ref() }
            }},
            "/api/v1/spaces": crate::spaces::search::openapi_path(),
            "/api/v1/openapi.json": { "get": {
                "operationId": "getOpenApi", "summary": "Dit document",
                "responses": { "200": { "description": "OpenAPI 3.1", "content": { "application/json": { "schema": { "type": "object" } } } } }
            }}
        },
        "components": { "schemas": {
            "Problem": { "type": "object", "required": ["type", "title", "status"], "properties": {
                "type": str_, "title": str_, "status": { "type": "integer" }, "detail": str_ } },
            "Municipality": { "type": "object", "required": ["name", "slug", "languages", "theme"], "properties": {
                "name": str_, "slug": str_, "default_language": { "type": "string", "enum": ["nl", "en"] },
                "languages": { "type": "array", "items": str_ },
                "theme": { "type": "object", "properties": { "primary_color": str_, "secondary_color": str_, "font": str_ } } } },
            "Area": { "type": "object", "required": ["name", "slug"], "properties": { "name": str_, "slug": str_ } },
            "Areas": { "type": "object", "properties": {
                "districts": { "type": "array", "items": { "type": "object", "properties": {
                    "name": str_, "slug": str_, "neighbourhoods": { "type": "array", "items": { "$ref": "#/components/schemas/Area" } } } } },
                "neighbourhoods_without_district": { "type": "array", "items": { "$ref": "#/components/schemas/Area" } } } },
            "ProjectSummary": { "type": "object", "required": ["slug", "title", "status"], "properties": {
                "slug": str_, "title": str_, "summary": str_, "status": { "type": "string", "enum": ["published", "closed"] },
                "area": { "type": ["string", "null"] }, "themes": { "type": "array", "items": str_ },
                "updated_at": int, "url": str_ } },
            "ProjectList": { "type": "object", "properties": {
                "projects": { "type": "array", "items": { "$ref": "#/components/schemas/ProjectSummary" } } } },
            "Project": { "type": "object", "required": ["slug", "title", "status", "phases", "components"], "properties": {
                "slug": str_, "title": str_, "summary": str_, "body_markdown": str_,
                "status": { "type": "string", "enum": ["published", "closed"] }, "area": { "type": ["string", "null"] },
                "themes": { "type": "array", "items": { "type": "object", "properties": { "slug": str_, "name": str_ } } },
                "phases": { "type": "array", "items": { "type": "object", "properties": {
                    "name": str_, "starts_on": { "type": "string", "format": "date" }, "ends_on": { "type": "string", "format": "date" },
                    "current": { "type": "boolean" } } } },
                "components": { "type": "array", "items": { "type": "object", "properties": {
                    "id": int, "kind": str_, "title": str_, "results": { "type": ["string", "null"] } } } },
                "updated_at": int, "url": str_ } },
            "PollResults": { "type": "object", "required": ["question", "total", "choices"], "properties": {
                "question": str_, "open": { "type": "boolean" }, "project": str_, "total": int,
                "choices": { "type": "array", "items": { "type": "object", "properties": {
                    "id": int, "label": str_, "answers": int, "percent": { "type": "integer" } } } } } }
        }}
    })
}
