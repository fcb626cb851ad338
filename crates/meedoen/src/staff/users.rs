//! `/beheer/gebruikers`: accounts of this municipality and their staff roles.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{fmt_time, page_number, path_id, Pager, PAGE_SIZE};
use crate::args;
use crate::audit::{self, Entry};
use crate::module::{ScopeKind, ADMIN};
use crate::state::AppState;
use crate::web::{render, AppError, AppResult, Ctx, Page};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct UserRow {
    id: i64,
    email: Option<String>,
    display_name: String,
    email_verified_at: Option<i64>,
    created_at: i64,
}

pub(crate) struct UserView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub verified: bool,
    pub created: String,
    pub roles: Vec<String>,
}

#[derive(Deserialize, Default)]
pub struct Search {
    #[serde(default)]
    q: String,
    #[serde(default)]
    pagina: String,
}

#[derive(Template)]
#[template(path = "staff/users.html")]
struct UsersPage {
    page: Page,
    q: String,
    users: Vec<UserView>,
    pager: Pager,
}

fn role_label(ctx: &Ctx, role: &str) -> String {
    ctx.t(&format!("beheer-role-{role}"))
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(s): Query<Search>,
) -> AppResult<Response> {
    ctx.require(super::USERS)?;
    let org = ctx.org.id;
    let q: String = s.q.trim().chars().take(100).collect();
    let page = page_number(&s.pagina);
    let rows: Vec<UserRow> = state
        .db
        .all(
            "SELECT id, email, display_name, email_verified_at, created_at FROM users \
             WHERE org_id = $1 AND deleted_at IS NULL \
             AND ($2 = '' OR LOWER(COALESCE(email, '')) LIKE $3 ESCAPE '\\' OR LOWER(display_name) LIKE $3 ESCAPE '\\') \
             ORDER BY LOWER(display_name), id LIMIT $4 OFFSET $5",
            args![org, &q, crate::web::forms::like_pattern(&q.to_lowercase()), PAGE_SIZE + 1, Pager::offset(page)],
        )
        .await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    let roles: Vec<(i64, String)> = state
        .db
        .all(
            "SELECT user_id, role FROM role_assignments WHERE org_id = $1 ORDER BY role, id",
            args![org],
        )
        .await?;
    let users = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|u| UserView {
            roles: roles
                .iter()
                .filter(|(id, _)| *id == u.id)
                .map(|(_, r)| role_label(&ctx, r))
                .collect(),
            id: u.id,
            email: u.email.unwrap_or_default(),
            name: u.display_name,
            verified: u.email_verified_at.is_some(),
            created: fmt_time(u.created_at),
        })
        .collect();
    let pager = Pager::new("/beheer/gebruikers", &[("q", q.as_str())], page, has_more);
    render(&UsersPage {
        page: ctx.page(ctx.t("staff-users")),
        q,
        users,
        pager,
    })
}

/// One role the person holds, with where it applies.
pub(crate) struct Held {
    pub id: i64,
    pub label: String,
    pub scope: String,
}

/// A role that can be given, with the kind of scope it needs.
pub(crate) struct Offer {
    pub key: &'static str,
    pub label: String,
    /// `none`, `area` or `department`.
    pub scope: &'static str,
}

#[derive(Template)]
#[template(path = "staff/user.html")]
struct UserPage {
    page: Page,
    user: UserView,
    held: Vec<Held>,
    offers: Vec<Offer>,
    areas: Vec<(i64, String)>,
    departments: Vec<(i64, String)>,
    totp_enabled: bool,
    error: Option<String>,
}

fn scope_kind(k: ScopeKind) -> &'static str {
    match k {
        ScopeKind::None => "none",
        ScopeKind::Area => "area",
        ScopeKind::Department => "department",
    }
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct HeldRow {
    id: i64,
    role: String,
    area: Option<String>,
    department: Option<String>,
}

async fn user_page(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    error: Option<String>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let u: UserRow = state
        .db
        .opt(
            "SELECT id, email, display_name, email_verified_at, created_at FROM users \
             WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL",
            args![id, org],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let totp_enabled: bool = state
        .db
        .scalar(
            "SELECT totp_enabled FROM users WHERE id = $1 AND org_id = $2",
            args![id, org],
        )
        .await?
        .unwrap_or(false);
    let rows: Vec<HeldRow> = state
        .db
        .all(
            "SELECT r.id, r.role, a.name AS area, d.name AS department FROM role_assignments r \
             LEFT JOIN areas a ON a.id = r.area_id AND a.org_id = r.org_id \
             LEFT JOIN departments d ON d.id = r.department_id AND d.org_id = r.org_id \
             WHERE r.user_id = $1 AND r.org_id = $2 ORDER BY r.role, r.id",
            args![id, org],
        )
        .await?;
    let held: Vec<Held> = rows
        .into_iter()
        .map(|r| Held {
            id: r.id,
            label: role_label(ctx, &r.role),
            scope: r
                .area
                .or(r.department)
                .unwrap_or_else(|| ctx.t("beheer-scope-all")),
        })
        .collect();
    let offers = state
        .modules
        .roles()
        .iter()
        .map(|r| Offer {
            key: r.key,
            label: ctx.t(r.label),
            scope: scope_kind(r.scope),
        })
        .collect();
    let areas = state
        .orgs
        .taxonomy(&state.db, org)
        .await?
        .areas_by_name
        .clone();
    let departments: Vec<(i64, String)> = state
        .db
        .all(
            "SELECT id, name FROM departments WHERE org_id = $1 ORDER BY name, id",
            args![org],
        )
        .await?;
    let user = UserView {
        roles: held.iter().map(|h| h.label.clone()).collect(),
        id: u.id,
        email: u.email.unwrap_or_default(),
        name: u.display_name,
        verified: u.email_verified_at.is_some(),
        created: fmt_time(u.created_at),
    };
    let status = if error.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let tpl = UserPage {
        page: ctx.page(user.name.clone()),
        user,
        held,
        offers,
        areas,
        departments,
        totp_enabled,
        error,
    };
    Ok((status, render(&tpl)?).into_response())
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.require(super::USERS)?;
    user_page(&ctx, &state, path_id(&id)?, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RoleForm {
    role: String,
    /// `grant` or `revoke`.
    change: String,
    /// For `revoke`: the assignment to end (without it, the unscoped assignment of `role`).
    assignment: String,
    /// For `grant` of an area or department role.
    area_id: String,
    department_id: String,
}

pub async fn change_role(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<RoleForm>,
) -> AppResult<Response> {
    let me = ctx.require(super::USERS)?.id;
    let org = ctx.org.id;
    let id = path_id(&id)?;
    let unknown = || AppError::BadRequest(ctx.t("beheer-role-unknown"));
    let grant = match f.change.as_str() {
        "grant" => true,
        "revoke" => false,
        _ => return Err(unknown()),
    };
    let mut tx = state.db.begin().await?;
    // Role changes in one municipality take turns: this row lock (PostgreSQL) or the write
    // lock of BEGIN IMMEDIATE (SQLite) makes the last-admin check below race-free.
    tx.run("UPDATE orgs SET slug = slug WHERE id = $1", args![org])
        .await?;
    let exists: Option<i64> = tx
        .scalar(
            "SELECT id FROM users WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL",
            args![id, org],
        )
        .await?;
    if exists.is_none() {
        return Err(AppError::NotFound);
    }
    let (changed, detail) = if grant {
        let role = state.modules.role(f.role.trim()).ok_or_else(unknown)?;
        let area = f.area_id.trim().parse::<i64>().ok();
        let department = f.department_id.trim().parse::<i64>().ok();
        let (area, department) = match role.scope {
            ScopeKind::None => (None, None),
            ScopeKind::Area => (
                Some(area.ok_or_else(|| AppError::BadRequest(ctx.t("beheer-scope-area-missing")))?),
                None,
            ),
            ScopeKind::Department => (
                None,
                Some(department.ok_or_else(|| {
                    AppError::BadRequest(ctx.t("beheer-scope-department-missing"))
                })?),
            ),
        };
        // The scope must be this municipality's (a foreign id is simply not found).
        if let Some(a) = area {
            let ok: Option<i64> = tx
                .scalar(
                    "SELECT id FROM areas WHERE id = $1 AND org_id = $2",
                    args![a, org],
                )
                .await?;
            ok.ok_or(AppError::NotFound)?;
        }
        if let Some(d) = department {
            let ok: Option<i64> = tx
                .scalar(
                    "SELECT id FROM departments WHERE id = $1 AND org_id = $2",
                    args![d, org],
                )
                .await?;
            ok.ok_or(AppError::NotFound)?;
        }
        let n = tx
            .run(
                "INSERT INTO role_assignments (org_id, user_id, role, area_id, department_id, granted_at, granted_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                args![org, id, role.key, area, department, crate::db::now(), me],
            )
            .await?;
        let detail = match (area, department) {
            (Some(a), _) => format!("{} area:{a}", role.key),
            (None, Some(d)) => format!("{} department:{d}", role.key),
            _ => role.key.to_string(),
        };
        (n, detail)
    } else {
        let target: Option<(i64, String)> = match f.assignment.trim().parse::<i64>() {
            Ok(a) => {
                tx.opt(
                    "SELECT id, role FROM role_assignments WHERE id = $1 AND user_id = $2 AND org_id = $3",
                    args![a, id, org],
                )
                .await?
            }
            Err(_) => {
                tx.opt(
                    "SELECT id, role FROM role_assignments WHERE user_id = $1 AND org_id = $2 AND role = $3 \
                     AND area_id IS NULL AND department_id IS NULL",
                    args![id, org, f.role.trim()],
                )
                .await?
            }
        };
        let Some((aid, role)) = target else {
            if state.modules.role(f.role.trim()).is_none() && f.assignment.trim().is_empty() {
                return Err(unknown());
            }
            drop(tx);
            return Ok(Redirect::to(&format!(
                "/beheer/gebruikers/{id}?melding=beheer-role-saved"
            ))
            .into_response());
        };
        let n = tx
            .run(
                "DELETE FROM role_assignments WHERE id = $1 AND org_id = $2",
                args![aid, org],
            )
            .await?;
        if role == ADMIN {
            let admins_left: i64 = tx
                .scalar(
                    "SELECT COUNT(*) FROM role_assignments r JOIN users u ON u.id = r.user_id \
                     WHERE r.org_id = $1 AND r.role = 'admin' AND u.deleted_at IS NULL",
                    args![org],
                )
                .await?
                .unwrap_or(0);
            if admins_left == 0 {
                drop(tx);
                return user_page(&ctx, &state, id, Some(ctx.t("beheer-last-admin"))).await;
            }
        }
        (n, role)
    };
    if changed > 0 {
        audit::record_tx(
            &mut tx,
            Entry {
                org_id: org,
                actor_id: Some(me),
                action: if grant { "role.grant" } else { "role.revoke" },
                object_type: "user",
                object_id: Some(id.to_string()),
                detail,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/beheer/gebruikers/{id}?melding=beheer-role-saved"
    ))
    .into_response())
}
