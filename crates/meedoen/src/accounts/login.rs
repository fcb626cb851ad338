//! Registration, email verification, password login and logout, email-link login, and
//! password reset.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::tokens::{self, Purpose};
use super::{mail, password, user_by_email, user_by_id, UserRow};
use crate::args;
use crate::db::{now, DbError};
use crate::pages::local_path;
use crate::ratelimit;
use crate::state::AppState;
use crate::web::{forms, render, session, AppError, AppResult, Ctx, FieldErrors, Page};

// ---------------------------------------------------------------------------------------
// Templates

#[derive(Template)]
#[template(path = "account/register.html")]
struct RegisterTpl {
    page: Page,
    errors: FieldErrors,
    email: String,
    display_name: String,
}

#[derive(Template)]
#[template(path = "account/check_mail.html")]
struct CheckMailTpl {
    page: Page,
}

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginTpl {
    page: Page,
    errors: FieldErrors,
    email: String,
    terug: String,
}

#[derive(Template)]
#[template(path = "account/magic_link.html")]
struct MagicTpl {
    page: Page,
    errors: FieldErrors,
    email: String,
}

#[derive(Template)]
#[template(path = "account/reset_request.html")]
struct ResetRequestTpl {
    page: Page,
    errors: FieldErrors,
    email: String,
}

#[derive(Template)]
#[template(path = "account/reset_form.html")]
struct ResetFormTpl {
    page: Page,
    errors: FieldErrors,
    action: String,
}

/// The page behind a link in mail: a button that uses the token, or "this link no longer works".
#[derive(Template)]
#[template(path = "account/confirm_link.html")]
pub(super) struct ConfirmLinkTpl {
    pub page: Page,
    pub valid: bool,
    pub intro: String,
    pub button: String,
    pub action: String,
}

fn status(code: StatusCode, r: AppResult<Response>) -> AppResult<Response> {
    r.map(|mut res| {
        *res.status_mut() = code;
        res
    })
}

/// Renders the "link" page for a token; a used or expired token gets status 410.
pub(super) fn link_page(
    ctx: &Ctx,
    valid: bool,
    title_key: &str,
    intro_key: &str,
    button_key: &str,
    action: String,
) -> AppResult<Response> {
    let tpl = ConfirmLinkTpl {
        page: ctx.page(ctx.t(title_key)),
        valid,
        intro: if valid {
            ctx.t(intro_key)
        } else {
            ctx.t("account-link-invalid")
        },
        button: ctx.t(button_key),
        action,
    };
    if valid {
        render(&tpl)
    } else {
        status(StatusCode::GONE, render(&tpl))
    }
}

async fn hash_password(pw: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("hash task: {e}")))?
        .map_err(AppError::Internal)
}

async fn verify_password(pw: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => password::verify(&pw, &h),
        None => {
            // Same work as for a real account, so timing does not tell whether it exists.
            let _ = password::verify(&pw, password::dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// Starts a session and answers with a redirect that sets the cookie.
pub(super) async fn login_redirect(
    state: &AppState,
    ctx: &Ctx,
    user_id: i64,
    to: &str,
) -> AppResult<Response> {
    let cookie = session::start(state, ctx.org.id, user_id, false, ctx.session.as_deref()).await?;
    let to = if super::is_staff(&state.db, ctx.org.id, user_id).await? {
        format!("/inloggen/tweestaps?terug={}", super::encode_query(to))
    } else {
        to.to_string()
    };
    let mut res = Redirect::to(&to).into_response();
    session::set_cookie_header(res.headers_mut(), cookie);
    Ok(res)
}

/// Whether another account mail may go to this address now (against mail bombing).
async fn may_mail(state: &AppState, org_id: i64, email: &str) -> AppResult<bool> {
    Ok(ratelimit::attempt(
        &state.db,
        &format!("mail:{org_id}:{email}"),
        ratelimit::MAIL_PER_ADDRESS,
    )
    .await?
    .allowed)
}

// ---------------------------------------------------------------------------------------
// Registration and verification

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RegisterForm {
    email: String,
    display_name: String,
    password: String,
}

pub async fn register_form(ctx: Ctx) -> AppResult<Response> {
    render(&RegisterTpl {
        page: ctx.page(ctx.t("account-register-title")),
        errors: FieldErrors::new(),
        email: String::new(),
        display_name: String::new(),
    })
}

pub async fn register(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<RegisterForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let email = forms::email(&mut errors, "email", &f.email, ctx.lang);
    let name = forms::text(
        &mut errors,
        "display_name",
        &f.display_name,
        2,
        80,
        ctx.lang,
    );
    if let Some(msg) = password::check_rules(&f.password, ctx.lang) {
        errors.add("password", msg);
    }
    if !errors.is_empty() {
        errors.label("email", ctx.t("account-email"));
        errors.label("display_name", ctx.t("account-display-name"));
        errors.label("password", ctx.t("account-password"));
        let tpl = RegisterTpl {
            page: ctx.page(ctx.t("account-register-title")),
            errors,
            email,
            display_name: name,
        };
        return status(StatusCode::UNPROCESSABLE_ENTITY, render(&tpl));
    }
    let hash = hash_password(f.password).await?;
    let org = ctx.org.clone();
    let mut tx = state.db.begin().await?;
    let inserted: Result<i64, DbError> = tx
        .write_scalar(
            "INSERT INTO users (org_id, email, display_name, password_hash, lang, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            args![org.id, &email, &name, hash, ctx.lang.code(), now()],
        )
        .await;
    match inserted {
        Ok(id) => {
            let token = tokens::create(&mut tx, org.id, id, Purpose::VerifyEmail, None).await?;
            let link = mail::link(&state.config.base_url, &format!("/bevestigen/{token}"));
            mail::send_tx(
                &mut tx,
                &org,
                &email,
                ctx.lang,
                "verify",
                &[("link", link), ("name", name.clone())],
            )
            .await?;
            tx.commit().await?;
        }
        Err(DbError::Unique(_)) => {
            drop(tx);
            // Do not reveal that the address is taken; tell its owner instead.
            if may_mail(&state, org.id, &email).await? {
                let lang = mail::lang_for(
                    mail::user_lang(&state.db, org.id, &email).await?.as_deref(),
                    &org,
                );
                let login = mail::link(&state.config.base_url, "/inloggen");
                let reset = mail::link(&state.config.base_url, "/wachtwoord-vergeten");
                mail::send(
                    &state.db,
                    &org,
                    &email,
                    lang,
                    "register-existing",
                    &[("login", login), ("reset", reset)],
                )
                .await?;
            }
        }
        Err(e) => return Err(e.into()),
    }
    state.mail_wake.notify_one();
    Ok(Redirect::to("/controleer-uw-mail").into_response())
}

pub async fn check_mail(ctx: Ctx) -> AppResult<Response> {
    render(&CheckMailTpl {
        page: ctx.page(ctx.t("account-check-mail-title")),
    })
}

pub async fn verify_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let valid = tokens::peek(&state.db, ctx.org.id, &token, Purpose::VerifyEmail)
        .await?
        .is_some();
    link_page(
        &ctx,
        valid,
        "account-verify-title",
        "account-verify-intro",
        "account-verify-button",
        format!("/bevestigen/{token}"),
    )
}

pub async fn verify(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let Some(t) = tokens::consume(&mut tx, ctx.org.id, &token, Purpose::VerifyEmail).await? else {
        drop(tx);
        return link_page(
            &ctx,
            false,
            "account-verify-title",
            "",
            "account-verify-button",
            String::new(),
        );
    };
    tx.run(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2 AND org_id = $3 AND deleted_at IS NULL",
        args![now(), t.user_id, ctx.org.id],
    )
    .await?;
    tx.commit().await?;
    login_redirect(&state, &ctx, t.user_id, "/account?melding=email-verified").await
}

// ---------------------------------------------------------------------------------------
// Password login and logout

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginQuery {
    terug: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
    terug: String,
}

pub async fn login_form(ctx: Ctx, Query(q): Query<LoginQuery>) -> AppResult<Response> {
    let terug = if q.terug.is_empty() {
        String::new()
    } else {
        local_path(&q.terug).to_string()
    };
    render(&LoginTpl {
        page: ctx.page(ctx.t("account-login-title")),
        errors: FieldErrors::new(),
        email: String::new(),
        terug,
    })
}

pub async fn login(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<LoginForm>,
) -> AppResult<Response> {
    let email = f.email.trim().to_lowercase();
    let terug = if f.terug.is_empty() {
        String::new()
    } else {
        local_path(&f.terug).to_string()
    };
    let mut errors = FieldErrors::new();
    if email.is_empty() {
        errors.add("email", ctx.t("error-required"));
    }
    if f.password.is_empty() {
        errors.add("password", ctx.t("error-required"));
    }
    let page = ctx.page(ctx.t("account-login-title"));
    if !errors.is_empty() {
        return status(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&LoginTpl {
                page,
                errors,
                email,
                terug,
            }),
        );
    }
    // Count the attempt first (atomically), then check: parallel guesses cannot slip past.
    let ip_hit = ratelimit::attempt(
        &state.db,
        &format!("login-ip:{}", ctx.ip),
        ratelimit::LOGIN_IP,
    )
    .await?;
    let acct_hit = ratelimit::attempt(
        &state.db,
        &format!("login:{}:{}", ctx.org.id, email),
        ratelimit::LOGIN_ACCOUNT,
    )
    .await?;
    if !ip_hit.allowed || !acct_hit.allowed {
        return Err(AppError::TooManyRequests);
    }
    let user: Option<UserRow> = user_by_email(&state.db, ctx.org.id, &email).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = verify_password(f.password, hash).await;
    let Some(user) = user.filter(|_| ok) else {
        errors.add("password", ctx.t("account-login-failed"));
        return status(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&LoginTpl {
                page,
                errors,
                email,
                terug,
            }),
        );
    };
    // Only failures use up the allowance.
    ratelimit::undo(&state.db, &ip_hit).await?;
    ratelimit::undo(&state.db, &acct_hit).await?;
    let to = if terug.is_empty() {
        "/".to_string()
    } else {
        terug
    };
    login_redirect(&state, &ctx, user.id, &to).await
}

pub async fn logout(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let cookie = session::end(&state, ctx.session.as_deref()).await?;
    let mut res = Redirect::to("/").into_response();
    session::set_cookie_header(res.headers_mut(), cookie);
    Ok(res)
}

// ---------------------------------------------------------------------------------------
// Login by email link

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

pub async fn magic_form(ctx: Ctx) -> AppResult<Response> {
    render(&MagicTpl {
        page: ctx.page(ctx.t("account-magic-title")),
        errors: FieldErrors::new(),
        email: String::new(),
    })
}

pub async fn magic_request(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<EmailForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let email = forms::email(&mut errors, "email", &f.email, ctx.lang);
    if !errors.is_empty() {
        let tpl = MagicTpl {
            page: ctx.page(ctx.t("account-magic-title")),
            errors,
            email,
        };
        return status(StatusCode::UNPROCESSABLE_ENTITY, render(&tpl));
    }
    // The answer is the same whether or not the account exists.
    mail_link_if_account(
        &state,
        &ctx,
        &email,
        Purpose::MagicLink,
        "/inloggen/link",
        "magic",
    )
    .await?;
    Ok(Redirect::to("/controleer-uw-mail").into_response())
}

/// Sends a single-use link to the account with this address, if there is one. Requests are
/// counted per address and per client address *before* the account is looked up, so past
/// the limit every address gets 429 alike: the answer never reveals whether an address has
/// an account.
async fn mail_link_if_account(
    state: &AppState,
    ctx: &Ctx,
    email: &str,
    purpose: Purpose,
    path: &str,
    mail_key: &str,
) -> AppResult<()> {
    let by_ip = ratelimit::attempt(
        &state.db,
        &format!("mail-ip:{}", ctx.ip),
        ratelimit::MAIL_PER_IP,
    )
    .await?;
    if !may_mail(state, ctx.org.id, email).await? || !by_ip.allowed {
        return Err(AppError::TooManyRequests);
    }
    let Some(user) = user_by_email(&state.db, ctx.org.id, email).await? else {
        return Ok(());
    };
    let token = tokens::create_db(&state.db, ctx.org.id, user.id, purpose, None).await?;
    let link = mail::link(&state.config.base_url, &format!("{path}/{token}"));
    let lang = mail::lang_for(user.lang.as_deref(), &ctx.org);
    mail::send(
        &state.db,
        &ctx.org,
        email,
        lang,
        mail_key,
        &[("link", link)],
    )
    .await?;
    state.mail_wake.notify_one();
    Ok(())
}

pub async fn magic_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let valid = tokens::peek(&state.db, ctx.org.id, &token, Purpose::MagicLink)
        .await?
        .is_some();
    link_page(
        &ctx,
        valid,
        "account-magic-title",
        "account-magic-intro",
        "account-magic-button",
        format!("/inloggen/link/{token}"),
    )
}

pub async fn magic_login(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let Some(t) = tokens::consume(&mut tx, ctx.org.id, &token, Purpose::MagicLink).await? else {
        drop(tx);
        return link_page(
            &ctx,
            false,
            "account-magic-title",
            "",
            "account-magic-button",
            String::new(),
        );
    };
    // Following the link proves control of the address.
    tx.run(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2 AND org_id = $3 AND deleted_at IS NULL",
        args![now(), t.user_id, ctx.org.id],
    )
    .await?;
    tx.commit().await?;
    login_redirect(&state, &ctx, t.user_id, "/").await
}

// ---------------------------------------------------------------------------------------
// Password reset

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewPasswordForm {
    password: String,
}

pub async fn reset_request_form(ctx: Ctx) -> AppResult<Response> {
    render(&ResetRequestTpl {
        page: ctx.page(ctx.t("account-reset-title")),
        errors: FieldErrors::new(),
        email: String::new(),
    })
}

pub async fn reset_request(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<EmailForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let email = forms::email(&mut errors, "email", &f.email, ctx.lang);
    if !errors.is_empty() {
        let tpl = ResetRequestTpl {
            page: ctx.page(ctx.t("account-reset-title")),
            errors,
            email,
        };
        return status(StatusCode::UNPROCESSABLE_ENTITY, render(&tpl));
    }
    mail_link_if_account(
        &state,
        &ctx,
        &email,
        Purpose::ResetPassword,
        "/wachtwoord-herstellen",
        "reset",
    )
    .await?;
    Ok(Redirect::to("/controleer-uw-mail").into_response())
}

pub async fn reset_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if tokens::peek(&state.db, ctx.org.id, &token, Purpose::ResetPassword)
        .await?
        .is_none()
    {
        return link_page(
            &ctx,
            false,
            "account-reset-title",
            "",
            "account-reset-button",
            String::new(),
        );
    }
    render(&ResetFormTpl {
        page: ctx.page(ctx.t("account-reset-new-title")),
        errors: FieldErrors::new(),
        action: format!("/wachtwoord-herstellen/{token}"),
    })
}

pub async fn reset(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(f): Form<NewPasswordForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    if let Some(msg) = password::check_rules(&f.password, ctx.lang) {
        errors.add("password", msg);
    }
    if !errors.is_empty() {
        let tpl = ResetFormTpl {
            page: ctx.page(ctx.t("account-reset-new-title")),
            errors,
            action: format!("/wachtwoord-herstellen/{token}"),
        };
        return status(StatusCode::UNPROCESSABLE_ENTITY, render(&tpl));
    }
    let hash = hash_password(f.password).await?;
    let mut tx = state.db.begin().await?;
    let Some(t) = tokens::consume(&mut tx, ctx.org.id, &token, Purpose::ResetPassword).await?
    else {
        drop(tx);
        return link_page(
            &ctx,
            false,
            "account-reset-title",
            "",
            "account-reset-button",
            String::new(),
        );
    };
    tx.run(
        "UPDATE users SET password_hash = $1, email_verified_at = COALESCE(email_verified_at, $2) \
         WHERE id = $3 AND org_id = $4 AND deleted_at IS NULL",
        args![hash, now(), t.user_id, ctx.org.id],
    )
    .await?;
    // Whoever knew the old password is logged out everywhere.
    tx.run(
        "DELETE FROM sessions WHERE user_id = $1 AND org_id = $2",
        args![t.user_id, ctx.org.id],
    )
    .await?;
    tx.run(
        "UPDATE tokens SET used_at = $1 WHERE user_id = $2 AND org_id = $3 AND purpose IN ('reset_password', 'magic_link') AND used_at IS NULL",
        args![now(), t.user_id, ctx.org.id],
    )
    .await?;
    tx.commit().await?;
    if user_by_id(&state.db, ctx.org.id, t.user_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    login_redirect(&state, &ctx, t.user_id, "/account?melding=password-changed").await
}
