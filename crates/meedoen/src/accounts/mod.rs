//! Accounts: registration, verification, login (password and email link), password reset,
//! the account page, data download and deletion, staff two-factor login.
//!
//! Every link sent by mail carries a random token that is stored hashed (`tokens`), expires,
//! and is used at most once (a conditional UPDATE decides). Following a link shows a page with
//! a button; only the button's POST uses the token, so mail scanners that open links do not
//! use them up.

pub mod account;
pub mod login;
pub mod mail;
pub mod password;
pub mod tokens;
pub mod twofactor;

use axum::routing::{get, post};
use axum::Router;

use crate::app::AppState;
use crate::args;
use crate::db::{Db, DbResult};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/registreren",
            get(login::register_form).post(login::register),
        )
        .route("/controleer-uw-mail", get(login::check_mail))
        .route(
            "/bevestigen/{token}",
            get(login::verify_page).post(login::verify),
        )
        .route("/inloggen", get(login::login_form).post(login::login))
        .route("/uitloggen", post(login::logout))
        .route(
            "/inloggen/link",
            get(login::magic_form).post(login::magic_request),
        )
        .route(
            "/inloggen/link/{token}",
            get(login::magic_page).post(login::magic_login),
        )
        .route(
            "/wachtwoord-vergeten",
            get(login::reset_request_form).post(login::reset_request),
        )
        .route(
            "/wachtwoord-herstellen/{token}",
            get(login::reset_form).post(login::reset),
        )
        .route(
            "/inloggen/tweestaps",
            get(twofactor::page).post(twofactor::submit),
        )
        .route("/account", get(account::page))
        .route("/account/naam", post(account::change_name))
        .route("/account/email", post(account::change_email))
        .route(
            "/account/email-bevestigen/{token}",
            get(account::confirm_email_page).post(account::confirm_email),
        )
        .route("/account/voorkeuren", post(account::preferences))
        .route("/account/gegevens", get(account::download))
        .route(
            "/account/verwijderen",
            get(account::delete_page).post(account::delete),
        )
}

/// An account row as the account code needs it. `email` is NULL only for deleted accounts.
#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct UserRow {
    pub id: i64,
    pub email: Option<String>,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub email_verified_at: Option<i64>,
    pub notify_pref: String,
    pub lang: Option<String>,
    pub totp_secret: Option<String>,
    pub totp_enabled: bool,
    pub created_at: i64,
}

macro_rules! user_cols {
    () => {
        "id, email, display_name, password_hash, email_verified_at, notify_pref, lang, totp_secret, totp_enabled, created_at"
    };
}

pub async fn user_by_email(db: &Db, org_id: i64, email: &str) -> DbResult<Option<UserRow>> {
    db.opt(
        concat!(
            "SELECT ",
            user_cols!(),
            " FROM users WHERE org_id = $1 AND email = $2 AND deleted_at IS NULL"
        ),
        args![org_id, email],
    )
    .await
}

pub async fn user_by_id(db: &Db, org_id: i64, id: i64) -> DbResult<Option<UserRow>> {
    db.opt(
        concat!(
            "SELECT ",
            user_cols!(),
            " FROM users WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL"
        ),
        args![org_id, id],
    )
    .await
}

pub async fn is_staff(db: &Db, org_id: i64, user_id: i64) -> DbResult<bool> {
    let n: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM roles WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?
        .unwrap_or(0);
    Ok(n > 0)
}

/// Percent-encodes a return path for a `?terug=` query.
pub fn encode_query(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
