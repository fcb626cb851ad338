//! `/beheer/gebruikers`: accounts of this municipality and their staff roles.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{fmt_time, page_number, path_id, Pager, PAGE_SIZE};
use crate::app::AppState;
use crate::args;
use crate::audit::{self, Entry};
use crate::web::{render, AppError, AppResult, Ctx, Page, Role};

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

/// `%` and `_` typed by a person are literal characters, not wildcards.
fn like_pattern(q: &str) -> String {
    let esc = q
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{esc}%")
}

fn role_label(ctx: &Ctx, role: &str) -> String {
    ctx.t(&format!("beheer-role-{role}"))
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(s): Query<Search>,
) -> AppResult<Response> {
    ctx.require_staff(Role::Admin)?;
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
            args![org, &q, like_pattern(&q), PAGE_SIZE + 1, Pager::offset(page)],
        )
        .await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    let roles: Vec<(i64, String)> = state
        .db
        .all(
            "SELECT user_id, role FROM roles WHERE org_id = $1 ORDER BY role",
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

pub(crate) struct RoleState {
    pub role: &'static str,
    pub label: String,
    pub held: bool,
}

#[derive(Template)]
#[template(path = "staff/user.html")]
struct UserPage {
    page: Page,
    user: UserView,
    roles: Vec<RoleState>,
    totp_enabled: bool,
    error: Option<String>,
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
    let held: Vec<(String,)> = state
        .db
        .all(
            "SELECT role FROM roles WHERE user_id = $1 AND org_id = $2",
            args![id, org],
        )
        .await?;
    let roles = Role::ALL
        .iter()
        .map(|r| RoleState {
            role: r.as_str(),
            label: role_label(ctx, r.as_str()),
            held: held.iter().any(|(h,)| h == r.as_str()),
        })
        .collect();
    let user = UserView {
        roles: held.iter().map(|(r,)| role_label(ctx, r)).collect(),
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
        roles,
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
    ctx.require_staff(Role::Admin)?;
    user_page(&ctx, &state, path_id(&id)?, None).await
}

#[derive(Deserialize, Default)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
    /// `grant` or `revoke`.
    #[serde(default)]
    change: String,
}

pub async fn change_role(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<RoleForm>,
) -> AppResult<Response> {
    let me = ctx.require_staff(Role::Admin)?.id;
    let org = ctx.org.id;
    let id = path_id(&id)?;
    let role =
        Role::parse(&f.role).ok_or_else(|| AppError::BadRequest(ctx.t("beheer-role-unknown")))?;
    let grant = match f.change.as_str() {
        "grant" => true,
        "revoke" => false,
        _ => return Err(AppError::BadRequest(ctx.t("beheer-role-unknown"))),
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
    let changed = if grant {
        tx.run(
            "INSERT INTO roles (org_id, user_id, role, granted_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, role) DO NOTHING",
            args![org, id, role.as_str(), crate::db::now()],
        )
        .await?
    } else {
        let n = tx
            .run(
                "DELETE FROM roles WHERE org_id = $1 AND user_id = $2 AND role = $3",
                args![org, id, role.as_str()],
            )
            .await?;
        if role == Role::Admin {
            let admins_left: i64 = tx
                .scalar(
                    "SELECT COUNT(*) FROM roles r JOIN users u ON u.id = r.user_id \
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
        n
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
                detail: role.as_str().to_string(),
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
