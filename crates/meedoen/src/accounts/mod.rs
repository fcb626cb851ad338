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

use async_trait::async_trait;

use crate::args;
use crate::db::{now, Db, DbResult};
use crate::module::{Job, Module, Person, Routes};
use crate::web::i18n::Lang;

/// Accounts and login. Always on.
pub struct Accounts;

#[async_trait]
impl Module for Accounts {
    fn key(&self) -> &'static str {
        "accounts"
    }

    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "nav-account")
    }

    fn switchable(&self) -> bool {
        false
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .get("/registreren", login::register_form)
            .post("/registreren", login::register)
            .get("/controleer-uw-mail", login::check_mail)
            .get("/bevestigen/{token}", login::verify_page)
            .post("/bevestigen/{token}", login::verify)
            .get("/inloggen", login::login_form)
            .post("/inloggen", login::login)
            .post("/uitloggen", login::logout)
            .get("/inloggen/link", login::magic_form)
            .post("/inloggen/link", login::magic_request)
            .get("/inloggen/link/{token}", login::magic_page)
            .post("/inloggen/link/{token}", login::magic_login)
            .get("/wachtwoord-vergeten", login::reset_request_form)
            .post("/wachtwoord-vergeten", login::reset_request)
            .get("/wachtwoord-herstellen/{token}", login::reset_form)
            .post("/wachtwoord-herstellen/{token}", login::reset)
            .get("/inloggen/tweestaps", twofactor::page)
            .post("/inloggen/tweestaps", twofactor::submit)
            .get("/account", account::page)
            .post("/account/naam", account::change_name)
            .post("/account/email", account::change_email)
            .get(
                "/account/email-bevestigen/{token}",
                account::confirm_email_page,
            )
            .post("/account/email-bevestigen/{token}", account::confirm_email)
            .post("/account/voorkeuren", account::preferences)
            .get("/account/gegevens", account::download)
            .get("/account/verwijderen", account::delete_page)
            .post("/account/verwijderen", account::delete)
    }

    fn rate_buckets(&self, org: i64, person: &Person) -> Vec<String> {
        let mut v = vec![
            format!("totp:{org}:{}", person.id),
            format!("totp-used:{}", person.id),
        ];
        if !person.email.is_empty() {
            v.push(format!("login:{org}:{}", person.email));
            v.push(format!("mail:{org}:{}", person.email));
        }
        v
    }

    fn ip_buckets(&self) -> &'static [&'static str] {
        &["login-ip", "mail-ip"]
    }

    fn jobs(&self) -> Vec<Job> {
        vec![Job {
            name: "expired sessions, tokens and rate counters",
            every: std::time::Duration::from_secs(600),
            run: |state| Box::pin(expire(&state.db)),
        }]
    }
}

/// Deletes expired sessions, used-up tokens and rate counters older than a day.
async fn expire(db: &Db) -> anyhow::Result<u64> {
    let t = now();
    let mut n = db
        .exec("DELETE FROM sessions WHERE expires_at < $1", args![t])
        .await?;
    n += db
        .exec(
            "DELETE FROM tokens WHERE expires_at < $1",
            args![t - 7 * 24 * 3600],
        )
        .await?;
    n += db
        .exec(
            "DELETE FROM rate_counters WHERE window_start < $1",
            args![t - 24 * 3600],
        )
        .await?;
    Ok(n)
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
            "SELECT COUNT(*) FROM role_assignments WHERE org_id = $1 AND user_id = $2",
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
