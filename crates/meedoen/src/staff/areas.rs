//! `/beheer/gebieden`: districts (stadsdelen) with their neighbourhoods (wijken).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{path_id, slugify, valid_slug};
use crate::args;
use crate::audit::{self, Entry};
use crate::db::DbError;
use crate::state::AppState;
use crate::web::{forms, render, AppError, AppResult, Ctx, FieldErrors, Page};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, Clone)]
pub(crate) struct AreaRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub slug: String,
    pub geojson: Option<String>,
}

pub(crate) struct District {
    pub area: AreaRow,
    pub neighbourhoods: Vec<AreaRow>,
}

#[derive(Template)]
#[template(path = "staff/areas.html")]
struct AreasPage {
    page: Page,
    districts: Vec<District>,
    /// The outlines on a map (the lists below are its text alternative), when any has one.
    map_svg: Option<String>,
}

async fn all_areas(state: &AppState, org: i64) -> AppResult<Vec<AreaRow>> {
    Ok(state
        .db
        .all(
            "SELECT id, parent_id, kind, name, slug, geojson FROM areas WHERE org_id = $1 ORDER BY name, id",
            args![org],
        )
        .await?)
}

pub async fn list(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(super::AREAS)?;
    let rows = all_areas(&state, ctx.org.id).await?;
    let districts = rows
        .iter()
        .filter(|a| a.kind == "district")
        .map(|d| District {
            area: d.clone(),
            neighbourhoods: rows
                .iter()
                .filter(|n| n.parent_id == Some(d.id))
                .cloned()
                .collect(),
        })
        .collect();
    // Neighbourhoods first, districts over them with the stronger line.
    let mut outlines: Vec<crate::web::map::Area> = Vec::new();
    for district in [false, true] {
        outlines.extend(
            rows.iter()
                .filter(|a| (a.kind == "district") == district)
                .filter_map(|a| {
                    crate::web::map::Area::from_geojson(a.name.clone(), a.geojson.as_deref()?)
                        .map(|x| x.highlighted(district))
                }),
        );
    }
    let tiles = crate::web::map::Tiles::from_config(&state.config);
    let map_svg = (!outlines.is_empty()).then(|| {
        crate::web::map::Map::new(720, 480)
            .label(ctx.t("beheer-areas-map"))
            .areas(outlines)
            .tiles(tiles.clone())
            .render()
    });
    let tiles = tiles.filter(|_| map_svg.is_some());
    let res = render(&AreasPage {
        page: ctx.page(ctx.t("staff-areas")),
        districts,
        map_svg,
    })?;
    Ok(crate::web::map::allow_tiles(res, tiles.as_ref()))
}

#[derive(Deserialize, Default, Clone)]
pub struct AreaForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    geojson: String,
}

pub(crate) struct ParentOpt {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "staff/area_form.html")]
struct AreaFormPage {
    page: Page,
    /// "district" or "neighbourhood".
    kind: String,
    /// Where the form posts.
    action: String,
    form: AreaForm,
    parents: Vec<ParentOpt>,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
pub struct KindQuery {
    #[serde(default)]
    soort: String,
}

fn kind_of(soort: &str) -> &'static str {
    if soort == "wijk" {
        "neighbourhood"
    } else {
        "district"
    }
}

async fn form_page(
    ctx: &Ctx,
    state: &AppState,
    kind: &str,
    action: String,
    is_new: bool,
    form: AreaForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let parents = if kind == "neighbourhood" {
        all_areas(state, ctx.org.id)
            .await?
            .into_iter()
            .filter(|a| a.kind == "district")
            .map(|d| ParentOpt {
                selected: form.parent == d.id.to_string(),
                id: d.id.to_string(),
                name: d.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let title = match (kind, is_new) {
        ("district", true) => ctx.t("beheer-areas-new-district"),
        ("district", false) => ctx.t("beheer-areas-edit-district"),
        (_, true) => ctx.t("beheer-areas-new-neighbourhood"),
        (_, false) => ctx.t("beheer-areas-edit-neighbourhood"),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let tpl = AreaFormPage {
        page: ctx.page(title),
        kind: kind.to_string(),
        action,
        form,
        parents,
        errors,
    };
    Ok((status, render(&tpl)?).into_response())
}

pub async fn new_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<KindQuery>,
) -> AppResult<Response> {
    ctx.require(super::AREAS)?;
    let kind = kind_of(&q.soort);
    let action = format!(
        "/beheer/gebieden/nieuw?soort={}",
        if kind == "district" {
            "stadsdeel"
        } else {
            "wijk"
        }
    );
    form_page(
        &ctx,
        &state,
        kind,
        action,
        true,
        AreaForm::default(),
        FieldErrors::new(),
    )
    .await
}

/// Checks a GeoJSON geometry: valid JSON, an object whose `type` is Polygon or MultiPolygon,
/// with an array of coordinates.
pub(crate) fn check_geojson(src: &str) -> Result<(), &'static str> {
    let v: serde_json::Value =
        serde_json::from_str(src).map_err(|_| "beheer-areas-geojson-invalid")?;
    let ty = v
        .get("type")
        .and_then(|t| t.as_str())
        .ok_or("beheer-areas-geojson-type")?;
    if ty != "Polygon" && ty != "MultiPolygon" {
        return Err("beheer-areas-geojson-type");
    }
    if !v.get("coordinates").is_some_and(|c| c.is_array()) {
        return Err("beheer-areas-geojson-invalid");
    }
    Ok(())
}

struct Valid {
    name: String,
    slug: String,
    parent: Option<i64>,
    geojson: Option<String>,
}

fn validate(ctx: &Ctx, kind: &str, f: &AreaForm, errors: &mut FieldErrors) -> Valid {
    let name = forms::text(errors, "name", &f.name, 1, 120, ctx.lang);
    let typed = f.slug.trim().to_lowercase();
    let slug = if typed.is_empty() {
        let s = slugify(&name);
        if s.is_empty() && !errors.has("name") {
            errors.add("name", ctx.t("beheer-slug-from-name"));
        }
        s
    } else {
        if !valid_slug(&typed) {
            errors.add("slug", ctx.t("beheer-slug-invalid"));
        }
        typed
    };
    let parent = if kind == "neighbourhood" {
        let p = f.parent.trim().parse::<i64>().ok();
        if p.is_none() {
            errors.add("parent", ctx.t("beheer-areas-parent-required"));
        }
        p
    } else {
        None
    };
    let g = f.geojson.trim();
    let geojson = if g.is_empty() {
        None
    } else {
        if g.len() > 1_000_000 {
            errors.add("geojson", ctx.t("beheer-areas-geojson-too-big"));
        } else if let Err(key) = check_geojson(g) {
            errors.add("geojson", ctx.t(key));
        }
        Some(g.to_string())
    };
    Valid {
        name,
        slug,
        parent,
        geojson,
    }
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<KindQuery>,
    Form(f): Form<AreaForm>,
) -> AppResult<Response> {
    let me = ctx.require(super::AREAS)?.id;
    let kind = kind_of(&q.soort);
    let action = format!(
        "/beheer/gebieden/nieuw?soort={}",
        if kind == "district" {
            "stadsdeel"
        } else {
            "wijk"
        }
    );
    let mut errors = FieldErrors::new();
    let v = validate(&ctx, kind, &f, &mut errors);
    if !errors.is_empty() {
        return form_page(&ctx, &state, kind, action, true, f, errors).await;
    }
    let org = ctx.org.id;
    let mut tx = state.db.begin().await?;
    let inserted = if kind == "district" {
        tx.write_scalar::<i64>(
            "INSERT INTO areas (org_id, parent_id, kind, name, slug, geojson) VALUES ($1, NULL, 'district', $2, $3, $4) RETURNING id",
            args![org, &v.name, &v.slug, v.geojson.clone()],
        )
        .await
    } else {
        // The parent must be a district of this municipality; the SELECT makes that part of
        // the insert itself.
        tx.write_scalar::<i64>(
            "INSERT INTO areas (org_id, parent_id, kind, name, slug, geojson) \
             SELECT $1, id, 'neighbourhood', $3, $4, $5 FROM areas WHERE id = $2 AND org_id = $1 AND kind = 'district' \
             RETURNING id",
            args![org, v.parent.unwrap_or(0), &v.name, &v.slug, v.geojson.clone()],
        )
        .await
    };
    let id = match inserted {
        Ok(id) => id,
        Err(e) => {
            drop(tx);
            return match e {
                DbError::Unique(_) => {
                    errors.add(
                        if f.slug.trim().is_empty() {
                            "name"
                        } else {
                            "slug"
                        },
                        ctx.t("beheer-slug-taken"),
                    );
                    form_page(&ctx, &state, kind, action, true, f, errors).await
                }
                DbError::NotFound => {
                    errors.add("parent", ctx.t("beheer-areas-parent-required"));
                    form_page(&ctx, &state, kind, action, true, f, errors).await
                }
                e => Err(e.into()),
            };
        }
    };
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "area.create",
            object_type: "area",
            object_id: Some(id.to_string()),
            detail: format!("{kind}: {} ({})", v.name, v.slug),
        },
    )
    .await?;
    tx.commit().await?;
    // Public filters list areas and themes from a cache (`OrgDirectory::taxonomy`).
    state.orgs.clear();
    Ok(Redirect::to("/beheer/gebieden?melding=beheer-area-saved").into_response())
}

async fn load(state: &AppState, org: i64, id: i64) -> AppResult<AreaRow> {
    state
        .db
        .opt("SELECT id, parent_id, kind, name, slug, geojson FROM areas WHERE id = $1 AND org_id = $2", args![id, org])
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.require(super::AREAS)?;
    let a = load(&state, ctx.org.id, path_id(&id)?).await?;
    let form = AreaForm {
        name: a.name,
        slug: a.slug,
        parent: a.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        geojson: a.geojson.unwrap_or_default(),
    };
    form_page(
        &ctx,
        &state,
        &a.kind,
        format!("/beheer/gebieden/{}", a.id),
        false,
        form,
        FieldErrors::new(),
    )
    .await
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<AreaForm>,
) -> AppResult<Response> {
    let me = ctx.require(super::AREAS)?.id;
    let org = ctx.org.id;
    let a = load(&state, org, path_id(&id)?).await?;
    let action = format!("/beheer/gebieden/{}", a.id);
    let mut errors = FieldErrors::new();
    let v = validate(&ctx, &a.kind, &f, &mut errors);
    if !errors.is_empty() {
        return form_page(&ctx, &state, &a.kind, action, false, f, errors).await;
    }
    let mut tx = state.db.begin().await?;
    let res = if a.kind == "district" {
        tx.run(
            "UPDATE areas SET name = $3, slug = $4, geojson = $5 WHERE id = $1 AND org_id = $2",
            args![a.id, org, &v.name, &v.slug, v.geojson.clone()],
        )
        .await
    } else {
        tx.run(
            "UPDATE areas SET name = $3, slug = $4, geojson = $5, parent_id = $6 WHERE id = $1 AND org_id = $2 \
             AND EXISTS (SELECT 1 FROM areas p WHERE p.id = $6 AND p.org_id = $2 AND p.kind = 'district')",
            args![a.id, org, &v.name, &v.slug, v.geojson.clone(), v.parent.unwrap_or(0)],
        )
        .await
    };
    match res {
        Ok(0) => {
            drop(tx);
            errors.add("parent", ctx.t("beheer-areas-parent-required"));
            return form_page(&ctx, &state, &a.kind, action, false, f, errors).await;
        }
        Ok(_) => {}
        Err(DbError::Unique(_)) => {
            drop(tx);
            errors.add("slug", ctx.t("beheer-slug-taken"));
            return form_page(&ctx, &state, &a.kind, action, false, f, errors).await;
        }
        Err(e) => return Err(e.into()),
    }
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "area.update",
            object_type: "area",
            object_id: Some(a.id.to_string()),
            detail: format!("{} ({}) -> {} ({})", a.name, a.slug, v.name, v.slug),
        },
    )
    .await?;
    tx.commit().await?;
    // Public filters list areas and themes from a cache (`OrgDirectory::taxonomy`).
    state.orgs.clear();
    Ok(Redirect::to("/beheer/gebieden?melding=beheer-area-saved").into_response())
}

#[derive(Template)]
#[template(path = "staff/confirm.html")]
pub(crate) struct Confirm {
    pub page: Page,
    pub question: String,
    pub warning: Option<String>,
    pub action: String,
    pub back: String,
    pub button: String,
}

pub async fn confirm_delete(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.require(super::AREAS)?;
    let a = load(&state, ctx.org.id, path_id(&id)?).await?;
    let warning = if a.kind == "district" {
        let n: i64 = state
            .db
            .scalar(
                "SELECT COUNT(*) FROM areas WHERE org_id = $1 AND parent_id = $2",
                args![ctx.org.id, a.id],
            )
            .await?
            .unwrap_or(0);
        (n > 0).then(|| ctx.page("").t1("beheer-areas-delete-cascade", "count", n))
    } else {
        None
    };
    let page = ctx.page(ctx.t("beheer-areas-delete-title"));
    let question = page.t1("beheer-areas-delete-question", "name", &a.name);
    render(&Confirm {
        page,
        question,
        warning,
        action: format!("/beheer/gebieden/{}/verwijderen", a.id),
        back: "/beheer/gebieden".into(),
        button: ctx.t("beheer-delete"),
    })
}

pub async fn delete(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let me = ctx.require(super::AREAS)?.id;
    let org = ctx.org.id;
    let id = path_id(&id)?;
    let mut tx = state.db.begin().await?;
    let found: Option<(String, String)> = tx
        .opt(
            "SELECT name, kind FROM areas WHERE id = $1 AND org_id = $2",
            args![id, org],
        )
        .await?;
    let Some((name, kind)) = found else {
        return Err(AppError::NotFound);
    };
    // Neighbourhoods go with their district (ON DELETE CASCADE); projects keep existing
    // without an area (ON DELETE SET NULL).
    tx.run(
        "DELETE FROM areas WHERE id = $1 AND org_id = $2",
        args![id, org],
    )
    .await?;
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "area.delete",
            object_type: "area",
            object_id: Some(id.to_string()),
            detail: format!("{kind}: {name}"),
        },
    )
    .await?;
    tx.commit().await?;
    // Public filters list areas and themes from a cache (`OrgDirectory::taxonomy`).
    state.orgs.clear();
    Ok(Redirect::to("/beheer/gebieden?melding=beheer-area-deleted").into_response())
}
