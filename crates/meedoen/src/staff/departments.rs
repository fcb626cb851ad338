//! `/beheer/afdelingen`: the municipality's departments. A role assignment may be limited to
//! one department (a department owner on the initiatives desk, say), so departments exist
//! before any module uses them.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::areas::Confirm;
use super::{path_id, slugify};
use crate::args;
use crate::audit::{self, Entry};
use crate::db::{now, DbError};
use crate::state::AppState;
use crate::web::{render, AppError, AppResult, Ctx, FieldErrors, Page};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub(crate) struct DepartmentRow {
    pub id: i64,
    pub name: String,
    /// People with a role limited to this department.
    pub people: i64,
}

#[derive(Template)]
#[template(path = "staff/departments.html")]
struct DepartmentsPage {
    page: Page,
    departments: Vec<DepartmentRow>,
    name: String,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DepartmentForm {
    name: String,
}

async fn page(
    ctx: &Ctx,
    state: &AppState,
    name: String,
    errors: FieldErrors,
) -> AppResult<Response> {
    let departments: Vec<DepartmentRow> = state
        .db
        .all(
            "SELECT d.id, d.name, (SELECT COUNT(*) FROM role_assignments r WHERE r.department_id = d.id) AS people \
             FROM departments d WHERE d.org_id = $1 ORDER BY d.name, d.id",
            args![ctx.org.id],
        )
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let tpl = DepartmentsPage {
        page: ctx.page(ctx.t("beheer-departments-title")),
        departments,
        name,
        errors,
    };
    Ok((status, render(&tpl)?).into_response())
}

pub async fn list(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(super::USERS)?;
    page(&ctx, &state, String::new(), FieldErrors::new()).await
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<DepartmentForm>,
) -> AppResult<Response> {
    let me = ctx.require(super::USERS)?.id;
    let name = f.name.trim().to_string();
    let mut errors = FieldErrors::new();
    let slug = slugify(&name);
    if name.chars().count() < 2 || name.chars().count() > 100 || slug.is_empty() {
        errors.add("name", ctx.t("beheer-departments-name-invalid"));
        return page(&ctx, &state, name, errors).await;
    }
    let org = ctx.org.id;
    let mut tx = state.db.begin().await?;
    let id = match tx
        .write_scalar::<i64>(
            "INSERT INTO departments (org_id, name, slug, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            args![org, &name, &slug, now()],
        )
        .await
    {
        Ok(id) => id,
        Err(DbError::Unique(_)) => {
            drop(tx);
            errors.add("name", ctx.t("beheer-departments-name-taken"));
            return page(&ctx, &state, name, errors).await;
        }
        Err(e) => return Err(e.into()),
    };
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "department.create",
            object_type: "department",
            object_id: Some(id.to_string()),
            detail: name,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/beheer/afdelingen?melding=saved").into_response())
}

async fn load(state: &AppState, org: i64, id: &str) -> AppResult<(i64, String)> {
    state
        .db
        .opt(
            "SELECT id, name FROM departments WHERE id = $1 AND org_id = $2",
            args![path_id(id)?, org],
        )
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn confirm_delete(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.require(super::USERS)?;
    let (id, name) = load(&state, ctx.org.id, &id).await?;
    let people: i64 = state
        .db
        .scalar(
            "SELECT COUNT(*) FROM role_assignments WHERE org_id = $1 AND department_id = $2",
            args![ctx.org.id, id],
        )
        .await?
        .unwrap_or(0);
    let page = ctx.page(ctx.t("beheer-departments-delete-title"));
    let question = page.t1("beheer-departments-delete-question", "name", &name);
    let warning = (people > 0).then(|| page.t1("beheer-departments-delete-roles", "count", people));
    render(&Confirm {
        page,
        question,
        warning,
        action: format!("/beheer/afdelingen/{id}/verwijderen"),
        back: "/beheer/afdelingen".into(),
        button: ctx.t("beheer-delete"),
    })
}

pub async fn delete(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let me = ctx.require(super::USERS)?.id;
    let org = ctx.org.id;
    let id = path_id(&id)?;
    let mut tx = state.db.begin().await?;
    let (id, name): (i64, String) = tx
        .opt(
            "SELECT id, name FROM departments WHERE id = $1 AND org_id = $2",
            args![id, org],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    // Role assignments limited to this department end with it (ON DELETE CASCADE).
    tx.run(
        "DELETE FROM departments WHERE id = $1 AND org_id = $2",
        args![id, org],
    )
    .await?;
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "department.delete",
            object_type: "department",
            object_id: Some(id.to_string()),
            detail: name,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/beheer/afdelingen?melding=beheer-department-deleted").into_response())
}
