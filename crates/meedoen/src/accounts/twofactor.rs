//! Two-factor login for staff (TOTP, RFC 6238). Staff set it up the first time they need it:
//! the page shows the secret as text and as an `otpauth://` address, and a code from their
//! app confirms it. Each time step's code is accepted once, and wrong codes are throttled.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use rand::TryRngCore;
use serde::Deserialize;
use totp_rs::{Builder, Secret, Totp};

use super::{user_by_id, UserRow};
use crate::args;
use crate::pages::local_path;
use crate::ratelimit;
use crate::state::AppState;
use crate::web::{render, session, AppError, AppResult, Ctx, FieldErrors, Page};

#[derive(Template)]
#[template(path = "account/two_factor.html")]
struct TwoFactorTpl {
    page: Page,
    errors: FieldErrors,
    /// True while the account has no confirmed secret yet.
    setup: bool,
    secret: String,
    uri: String,
    terug: String,
}

impl TwoFactorTpl {
    /// The secret in groups of four, easier to type over.
    fn secret_grouped(&self) -> String {
        self.secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TerugQuery {
    terug: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    code: String,
    terug: String,
}

fn target(terug: &str) -> String {
    if terug.is_empty() {
        "/beheer".into()
    } else {
        local_path(terug).to_string()
    }
}

/// The TOTP for a stored base32 secret (SHA-1, 6 digits, 30 s, one step of skew).
pub fn totp_for(secret_b32: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_b32).ok()?;
    Builder::new().with_secret(secret).build().ok()
}

fn new_secret() -> AppResult<String> {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("random: {e}")))?;
    Ok(Secret::from(bytes).to_base32())
}

fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let enc = |s: &str| {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        secret,
        enc(issuer)
    )
}

/// The account's secret, making and storing one (unconfirmed) when there is none.
async fn secret_for(state: &AppState, org_id: i64, user: &UserRow) -> AppResult<String> {
    if let Some(s) = &user.totp_secret {
        return Ok(s.clone());
    }
    let s = new_secret()?;
    state
        .db
        .exec(
            "UPDATE users SET totp_secret = $1 WHERE id = $2 AND org_id = $3 AND totp_secret IS NULL AND totp_enabled = FALSE",
            args![&s, user.id, org_id],
        )
        .await?;
    // Another request may have stored one first: use whatever is stored.
    let stored = user_by_id(&state.db, org_id, user.id)
        .await?
        .and_then(|u| u.totp_secret);
    stored.ok_or(AppError::LoginRequired)
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    user: &UserRow,
    errors: FieldErrors,
    terug: String,
) -> AppResult<Response> {
    let setup = !user.totp_enabled;
    let (secret, uri) = if setup {
        let s = secret_for(state, ctx.org.id, user).await?;
        let uri = otpauth_uri(&ctx.org.name, user.email.as_deref().unwrap_or(""), &s);
        (s, uri)
    } else {
        (String::new(), String::new())
    };
    let failed = !errors.is_empty();
    let tpl = TwoFactorTpl {
        page: ctx.page(ctx.t("account-2fa-title")),
        errors,
        setup,
        secret,
        uri,
        terug,
    };
    let mut res = render(&tpl)?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

async fn staff_user(state: &AppState, ctx: &Ctx) -> AppResult<Option<UserRow>> {
    let u = ctx.require_user()?;
    if !u.is_staff() {
        return Ok(None);
    }
    Ok(user_by_id(&state.db, ctx.org.id, u.id).await?)
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<TerugQuery>,
) -> AppResult<Response> {
    let Some(user) = staff_user(&state, &ctx).await? else {
        return Ok(Redirect::to("/account").into_response());
    };
    let terug = target(&q.terug);
    if ctx.user.as_ref().is_some_and(|u| u.second_factor_ok) {
        return Ok(Redirect::to(&terug).into_response());
    }
    show(&state, &ctx, &user, FieldErrors::new(), terug).await
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<CodeForm>,
) -> AppResult<Response> {
    let Some(user) = staff_user(&state, &ctx).await? else {
        return Ok(Redirect::to("/account").into_response());
    };
    let Some(session_hash) = ctx.session.clone() else {
        return Err(AppError::LoginRequired);
    };
    let terug = target(&f.terug);
    let code: String = f.code.chars().filter(|c| !c.is_whitespace()).collect();
    let hit = ratelimit::attempt(
        &state.db,
        &format!("totp:{}:{}", ctx.org.id, user.id),
        ratelimit::TOTP,
    )
    .await?;
    if !hit.allowed {
        return Err(AppError::TooManyRequests);
    }
    let secret = match &user.totp_secret {
        Some(s) => s.clone(),
        None => secret_for(&state, ctx.org.id, &user).await?,
    };
    let step = totp_for(&secret).and_then(|t| {
        let now = u64::try_from(crate::db::now()).unwrap_or(0);
        if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
            t.check(&code, now)
        } else {
            None
        }
    });
    // A code counts once: the database refuses a second use of the same time step.
    let fresh = match step {
        Some(s) => {
            ratelimit::once(
                &state.db,
                &format!("totp-used:{}", user.id),
                i64::try_from(s).unwrap_or(0) * 30,
            )
            .await?
        }
        None => false,
    };
    if !fresh {
        let mut errors = FieldErrors::new();
        errors.add("code", ctx.t("account-2fa-wrong"));
        return show(&state, &ctx, &user, errors, terug).await;
    }
    if !user.totp_enabled {
        state
            .db
            .exec(
                "UPDATE users SET totp_enabled = TRUE WHERE id = $1 AND org_id = $2 AND totp_secret = $3",
                args![user.id, ctx.org.id, &secret],
            )
            .await?;
    }
    ratelimit::undo(&state.db, &hit).await?;
    session::mark_second_factor(&state, &session_hash).await?;
    Ok(Redirect::to(&terug).into_response())
}
