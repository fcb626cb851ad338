//! The account page: name, email address (re-verified), notification and language
//! preferences, download my data, delete my account.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::login::link_page;
use super::tokens::{self, Purpose};
use super::{mail, user_by_id, UserRow};
use crate::args;
use crate::db::{now, DbError};
use crate::module::Person;
use crate::ratelimit;
use crate::state::AppState;
use crate::web::{forms, render, session, AppError, AppResult, Ctx, FieldErrors, Page};

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountTpl {
    page: Page,
    errors: FieldErrors,
    user: UserRow,
    name: String,
    new_email: String,
    roles: Vec<String>,
}

impl AccountTpl {
    fn email(&self) -> &str {
        self.user.email.as_deref().unwrap_or("")
    }
    fn lang_is(&self, code: &str) -> bool {
        self.user.lang.as_deref().unwrap_or("") == code
    }
}

#[derive(Template)]
#[template(path = "account/delete.html")]
struct DeleteTpl {
    page: Page,
    errors: FieldErrors,
    email: String,
}

fn unprocessable(r: AppResult<Response>) -> AppResult<Response> {
    r.map(|mut res| {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        res
    })
}

async fn current(state: &AppState, ctx: &Ctx) -> AppResult<UserRow> {
    let u = ctx.require_user()?;
    user_by_id(&state.db, ctx.org.id, u.id)
        .await?
        .ok_or(AppError::LoginRequired)
}

async fn roles_of(state: &AppState, org_id: i64, user_id: i64) -> AppResult<Vec<String>> {
    Ok(state
        .db
        .all::<(String,)>(
            "SELECT role FROM role_assignments WHERE org_id = $1 AND user_id = $2 ORDER BY role, id",
            args![org_id, user_id],
        )
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect())
}

async fn account_page(
    state: &AppState,
    ctx: &Ctx,
    errors: FieldErrors,
    name: Option<String>,
    new_email: String,
) -> AppResult<Response> {
    let user = current(state, ctx).await?;
    let roles = roles_of(state, ctx.org.id, user.id).await?;
    let failed = !errors.is_empty();
    let tpl = AccountTpl {
        page: ctx.page(ctx.t("account-title")),
        name: name.unwrap_or_else(|| user.display_name.clone()),
        errors,
        user,
        new_email,
        roles,
    };
    if failed {
        unprocessable(render(&tpl))
    } else {
        render(&tpl)
    }
}

pub async fn page(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    account_page(&state, &ctx, FieldErrors::new(), None, String::new()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NameForm {
    display_name: String,
}

pub async fn change_name(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<NameForm>,
) -> AppResult<Response> {
    let user = current(&state, &ctx).await?;
    let mut errors = FieldErrors::new();
    let name = forms::text(
        &mut errors,
        "display_name",
        &f.display_name,
        2,
        80,
        ctx.lang,
    );
    if !errors.is_empty() {
        return account_page(&state, &ctx, errors, Some(name), String::new()).await;
    }
    state
        .db
        .exec("UPDATE users SET display_name = $1 WHERE id = $2 AND org_id = $3 AND deleted_at IS NULL", args![&name, user.id, ctx.org.id])
        .await?;
    Ok(Redirect::to("/account?melding=saved").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailChangeForm {
    new_email: String,
}

pub async fn change_email(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<EmailChangeForm>,
) -> AppResult<Response> {
    let user = current(&state, &ctx).await?;
    let mut errors = FieldErrors::new();
    let new_email = forms::email(&mut errors, "new_email", &f.new_email, ctx.lang);
    if errors.is_empty() && Some(new_email.as_str()) == user.email.as_deref() {
        errors.add("new_email", ctx.t("account-email-same"));
    }
    if !errors.is_empty() {
        return account_page(&state, &ctx, errors, None, new_email).await;
    }
    // A taken address is only refused when the link is followed, so this page does not tell
    // whether someone else uses it.
    let allowed = ratelimit::attempt(
        &state.db,
        &format!("mail:{}:{}", ctx.org.id, new_email),
        ratelimit::MAIL_PER_ADDRESS,
    )
    .await?
    .allowed;
    if allowed {
        let token = tokens::create_db(
            &state.db,
            ctx.org.id,
            user.id,
            Purpose::ChangeEmail,
            Some(&new_email),
        )
        .await?;
        let link = mail::link(
            &state.config.base_url,
            &format!("/account/email-bevestigen/{token}"),
        );
        let lang = mail::lang_for(user.lang.as_deref(), &ctx.org);
        mail::send(
            &state.db,
            &ctx.org,
            &new_email,
            lang,
            "change-email",
            &[("link", link), ("name", user.display_name.clone())],
        )
        .await?;
        state.mail_wake.notify_one();
    }
    Ok(Redirect::to("/account?melding=email-change-sent").into_response())
}

pub async fn confirm_email_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let valid = tokens::peek(&state.db, ctx.org.id, &token, Purpose::ChangeEmail)
        .await?
        .is_some();
    link_page(
        &ctx,
        valid,
        "account-email-confirm-title",
        "account-email-confirm-intro",
        "account-email-confirm-button",
        format!("/account/email-bevestigen/{token}"),
    )
}

pub async fn confirm_email(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let Some(t) = tokens::consume(&mut tx, ctx.org.id, &token, Purpose::ChangeEmail).await? else {
        drop(tx);
        return link_page(
            &ctx,
            false,
            "account-email-confirm-title",
            "",
            "account-email-confirm-button",
            String::new(),
        );
    };
    let Some(new_email) = t.payload else {
        return Err(AppError::NotFound);
    };
    let updated = tx
        .run(
            "UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3 AND org_id = $4 AND deleted_at IS NULL",
            args![&new_email, now(), t.user_id, ctx.org.id],
        )
        .await;
    match updated {
        Ok(_) => {}
        Err(DbError::Unique(_)) => return Err(AppError::Conflict(ctx.t("account-email-taken"))),
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Redirect::to("/account?melding=email-changed").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PrefsForm {
    notify_pref: String,
    lang: String,
}

pub async fn preferences(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<PrefsForm>,
) -> AppResult<Response> {
    let user = current(&state, &ctx).await?;
    let mut errors = FieldErrors::new();
    if !["immediate", "digest", "off"].contains(&f.notify_pref.as_str()) {
        errors.add("notify_pref", ctx.t("account-choose-option"));
    }
    let lang = match f.lang.as_str() {
        "" => None,
        "nl" | "en" => Some(f.lang.clone()),
        _ => {
            errors.add("lang", ctx.t("account-choose-option"));
            None
        }
    };
    if !errors.is_empty() {
        return account_page(&state, &ctx, errors, None, String::new()).await;
    }
    state
        .db
        .exec(
            "UPDATE users SET notify_pref = $1, lang = $2 WHERE id = $3 AND org_id = $4 AND deleted_at IS NULL",
            args![&f.notify_pref, lang.clone(), user.id, ctx.org.id],
        )
        .await?;
    let mut res = Redirect::to("/account?melding=saved").into_response();
    if let Some(l) = lang {
        session::set_cookie_header(
            res.headers_mut(),
            session::set_cookie(&state, "lang", &l, 365 * 24 * 3600),
        );
    }
    Ok(res)
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct MailOut {
    subject: String,
    body_text: String,
    status: String,
    created_at: i64,
    sent_at: Option<i64>,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct AuditOut {
    action: String,
    object_type: String,
    object_id: Option<String>,
    detail: String,
    created_at: i64,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct TokenOut {
    purpose: String,
    created_at: i64,
    expires_at: i64,
    used_at: Option<i64>,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct SessionOut {
    created_at: i64,
    expires_at: i64,
    second_factor_ok: bool,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct UploadOut {
    original_name: String,
    width: i64,
    height: i64,
    created_at: i64,
}

/// Everything we hold about the person, as a JSON download.
pub async fn download(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let user = current(&state, &ctx).await?;
    let org_id = ctx.org.id;
    let roles = roles_of(&state, org_id, user.id).await?;
    let sessions: i64 = state
        .db
        .scalar(
            "SELECT COUNT(*) FROM sessions WHERE org_id = $1 AND user_id = $2",
            args![org_id, user.id],
        )
        .await?
        .unwrap_or(0);
    let email = user.email.clone().unwrap_or_default();
    let mails: Vec<MailOut> = state
        .db
        .all(
            "SELECT subject, body_text, status, created_at, sent_at FROM outbox WHERE org_id = $1 AND to_addr = $2 ORDER BY id",
            args![org_id, &email],
        )
        .await?;
    let audit: Vec<AuditOut> = state
        .db
        .all(
            "SELECT action, object_type, object_id, detail, created_at FROM audit_log WHERE org_id = $1 AND actor_id = $2 ORDER BY id",
            args![org_id, user.id],
        )
        .await?;
    let tokens: Vec<TokenOut> = state
        .db
        .all(
            "SELECT purpose, created_at, expires_at, used_at FROM tokens WHERE org_id = $1 AND user_id = $2 ORDER BY created_at",
            args![org_id, user.id],
        )
        .await?;
    let session_list: Vec<SessionOut> = state
        .db
        .all(
            "SELECT created_at, expires_at, second_factor_ok FROM sessions WHERE org_id = $1 AND user_id = $2 ORDER BY created_at",
            args![org_id, user.id],
        )
        .await?;
    let uploads: Vec<UploadOut> = state
        .db
        .all(
            "SELECT original_name, width, height, created_at FROM uploads WHERE org_id = $1 AND owner_id = $2 ORDER BY id",
            args![org_id, user.id],
        )
        .await?;
    let about_me: Vec<AuditOut> = state
        .db
        .all(
            "SELECT action, object_type, object_id, detail, created_at FROM audit_log \
             WHERE org_id = $1 AND object_type = 'user' AND object_id = $2 ORDER BY id",
            args![org_id, user.id.to_string()],
        )
        .await?;
    let person = Person {
        id: user.id,
        email: email.clone(),
        display_name: user.display_name.clone(),
    };
    let mut limits = Vec::new();
    for bucket in state
        .modules
        .all()
        .iter()
        .flat_map(|m| m.rate_buckets(org_id, &person))
    {
        let hits: i64 = state
            .db
            .scalar(
                "SELECT CAST(COALESCE(SUM(hits), 0) AS BIGINT) FROM rate_counters WHERE bucket = $1",
                args![ratelimit::stored_bucket(&bucket)],
            )
            .await?
            .unwrap_or(0);
        if hits > 0 {
            let kind = bucket.split(':').next().unwrap_or("").to_string();
            limits.push(serde_json::json!({ "kind": kind, "attempts_last_day": hits }));
        }
    }
    let mut modules = serde_json::Map::new();
    for m in state.modules.all() {
        if let Some(v) = m.personal_data(&state, org_id, &person).await? {
            modules.insert(m.key().to_string(), v);
        }
    }
    let doc = serde_json::json!({
        "municipality": ctx.org.name,
        "exported_at": now(),
        "user": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "email_verified_at": user.email_verified_at,
            "notify_pref": user.notify_pref,
            "lang": user.lang,
            "two_factor_enabled": user.totp_enabled,
            "created_at": user.created_at,
        },
        "roles": roles,
        "sessions": sessions,
        "session_list": session_list,
        "tokens": tokens,
        "uploads": uploads,
        "rate_limits": limits,
        "modules": modules,
        "emails": mails,
        "audit_log": audit,
        "audit_log_about_me": about_me,
    });
    let body = serde_json::to_string_pretty(&doc).map_err(|e| AppError::Internal(e.into()))?;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"mijn-gegevens.json\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

pub async fn delete_page(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let user = current(&state, &ctx).await?;
    render(&DeleteTpl {
        page: ctx.page(ctx.t("account-delete-title")),
        errors: FieldErrors::new(),
        email: user.email.unwrap_or_default(),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    confirm: String,
}

pub async fn delete(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<DeleteForm>,
) -> AppResult<Response> {
    let user = current(&state, &ctx).await?;
    if f.confirm != "ja" {
        let mut errors = FieldErrors::new();
        errors.add("confirm", ctx.t("account-delete-confirm-missing"));
        let tpl = DeleteTpl {
            page: ctx.page(ctx.t("account-delete-title")),
            errors,
            email: user.email.unwrap_or_default(),
        };
        return unprocessable(render(&tpl));
    }
    let org_id = ctx.org.id;
    let person = Person {
        id: user.id,
        email: user.email.clone().unwrap_or_default(),
        display_name: user.display_name.clone(),
    };
    let mut tx = state.db.begin().await?;
    for m in state.modules.all() {
        m.erase_person(&mut tx, org_id, &person).await?;
    }
    tx.run(
        "DELETE FROM sessions WHERE org_id = $1 AND user_id = $2",
        args![org_id, user.id],
    )
    .await?;
    tx.run(
        "DELETE FROM tokens WHERE org_id = $1 AND user_id = $2",
        args![org_id, user.id],
    )
    .await?;
    tx.run(
        "DELETE FROM role_assignments WHERE org_id = $1 AND user_id = $2",
        args![org_id, user.id],
    )
    .await?;
    erase_platform_data(&mut tx, org_id, &user).await?;
    tx.run(
        "UPDATE users SET email = NULL, display_name = 'Verwijderd account', password_hash = NULL, totp_secret = NULL, \
         totp_enabled = FALSE, lang = NULL, email_verified_at = NULL, deleted_at = $1 WHERE id = $2 AND org_id = $3",
        args![now(), user.id, org_id],
    )
    .await?;
    tx.commit().await?;
    for bucket in state
        .modules
        .all()
        .iter()
        .flat_map(|m| m.rate_buckets(org_id, &person))
    {
        ratelimit::forget(&state.db, &bucket).await?;
    }
    let cookie = session::end(&state, None).await?;
    let mut res = Redirect::to("/?melding=account-deleted").into_response();
    session::set_cookie_header(res.headers_mut(), cookie);
    Ok(res)
}

/// What the platform itself (not a module) holds about a person who deletes their account:
/// mail to them, their name and address in other mail and in the audit log, and ownership
/// of uploads. Counts and shared records stay.
async fn erase_platform_data(tx: &mut crate::db::Tx, org_id: i64, user: &UserRow) -> AppResult<()> {
    let uid = user.id;
    let email = user.email.clone().unwrap_or_default();
    const GONE: &str = "[verwijderd]";
    if !email.is_empty() {
        tx.run(
            "DELETE FROM outbox WHERE org_id = $1 AND to_addr = $2",
            args![org_id, &email],
        )
        .await?;
    }
    // The name and address in mail to others and in audit details (e.g. "invited x@y").
    // Names shorter than 4 characters are left alone: they would match ordinary words.
    let name = user.display_name.trim().to_string();
    for needle in [email.clone(), name] {
        if needle.chars().count() < 4 {
            continue;
        }
        tx.run(
            "UPDATE outbox SET subject = REPLACE(subject, $2, $3), body_text = REPLACE(body_text, $2, $3) \
             WHERE org_id = $1 AND (subject LIKE '%' || $2 || '%' OR body_text LIKE '%' || $2 || '%')",
            args![org_id, &needle, GONE],
        )
        .await?;
        tx.run(
            "UPDATE audit_log SET detail = REPLACE(detail, $2, $3) WHERE org_id = $1 AND detail LIKE '%' || $2 || '%'",
            args![org_id, &needle, GONE],
        )
        .await?;
    }
    tx.run(
        "UPDATE uploads SET owner_id = NULL WHERE org_id = $1 AND owner_id = $2",
        args![org_id, uid],
    )
    .await?;
    Ok(())
}
