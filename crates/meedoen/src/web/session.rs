//! Database-backed sessions. The cookie holds a random token; the table holds its SHA-256, so
//! a leaked database does not yield live sessions. A new session is made at every login
//! (rotation) and the old one is deleted.

use axum::http::{header, HeaderMap, HeaderValue};
use base64::Engine;
use rand::TryRngCore;
use sha2::{Digest, Sha256};

use super::ctx::{cookie, CurrentUser, Org};
use crate::args;
use crate::db::{now, DbResult};
use crate::module::{Assignment, Grants, Scope};
use crate::state::AppState;

pub const COOKIE: &str = "meedoen_sid";

/// 256 random bits from the OS CSPRNG, URL-safe. Used for sessions and email tokens.
pub fn random_token() -> String {
    let mut buf = [0u8; 32];
    // The OS generator failing is not something we can recover from safely.
    rand::rngs::OsRng
        .try_fill_bytes(&mut buf)
        .expect("OS random generator unavailable");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// How tokens are stored: hex SHA-256. Tokens carry 256 bits, so no salt or slow hash is needed.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct SessionRow {
    user_id: Option<i64>,
    second_factor_ok: bool,
    email: Option<String>,
    display_name: Option<String>,
    email_verified_at: Option<i64>,
    totp_enabled: Option<bool>,
    /// One row per role assignment (NULL for none): roles come with the session in one
    /// statement, because every logged-in request pays for this lookup.
    role: Option<String>,
    area_id: Option<i64>,
    department_id: Option<i64>,
}

/// Finds the session of this request, if its cookie is valid for this municipality.
pub async fn load(
    state: &AppState,
    org: &Org,
    headers: &HeaderMap,
) -> DbResult<(Option<CurrentUser>, Option<String>)> {
    let Some(token) = cookie(headers, COOKIE) else {
        return Ok((None, None));
    };
    let hash = hash_token(token);
    let rows: Vec<SessionRow> = state
        .db
        .all(
            "SELECT s.user_id, s.second_factor_ok, u.email, u.display_name, u.email_verified_at, u.totp_enabled, r.role, r.area_id, r.department_id \
             FROM sessions s LEFT JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL \
             LEFT JOIN role_assignments r ON r.user_id = u.id AND r.org_id = s.org_id \
             WHERE s.id_hash = $1 AND s.org_id = $2 AND s.expires_at > $3",
            args![&hash, org.id, now()],
        )
        .await?;
    let assignments: Vec<Assignment> = rows
        .iter()
        .filter_map(|r| {
            Some(Assignment {
                role: r.role.clone()?,
                scope: Scope::from_columns(r.area_id, r.department_id),
            })
        })
        .collect();
    let Some(row) = rows.into_iter().next() else {
        return Ok((None, None));
    };
    let (Some(id), Some(email)) = (row.user_id, row.email) else {
        return Ok((None, Some(hash)));
    };
    let user = CurrentUser {
        id,
        email,
        display_name: row.display_name.unwrap_or_default(),
        verified: row.email_verified_at.is_some(),
        grants: Grants::resolve(&assignments, state.modules.grant_table()),
        staff: !assignments.is_empty(),
        totp_enabled: row.totp_enabled.unwrap_or(false),
        second_factor_ok: row.second_factor_ok,
    };
    Ok((Some(user), Some(hash)))
}

/// Starts a fresh session for `user_id`, deleting `old` (rotation). Returns the Set-Cookie value.
pub async fn start(
    state: &AppState,
    org_id: i64,
    user_id: i64,
    second_factor_ok: bool,
    old: Option<&str>,
) -> DbResult<HeaderValue> {
    if let Some(old) = old {
        state
            .db
            .exec("DELETE FROM sessions WHERE id_hash = $1", args![old])
            .await?;
    }
    let token = random_token();
    let t = now();
    state
        .db
        .exec(
            "INSERT INTO sessions (id_hash, org_id, user_id, second_factor_ok, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![hash_token(&token), org_id, user_id, second_factor_ok, t, t + state.config.session_ttl_secs],
        )
        .await?;
    Ok(set_cookie(
        state,
        COOKIE,
        &token,
        state.config.session_ttl_secs,
    ))
}

/// Marks the current session as having passed the second factor.
pub async fn mark_second_factor(state: &AppState, hash: &str) -> DbResult<()> {
    state
        .db
        .exec(
            "UPDATE sessions SET second_factor_ok = TRUE WHERE id_hash = $1",
            args![hash],
        )
        .await?;
    Ok(())
}

/// Ends the session and returns a Set-Cookie that clears the cookie.
pub async fn end(state: &AppState, hash: Option<&str>) -> DbResult<HeaderValue> {
    if let Some(h) = hash {
        state
            .db
            .exec("DELETE FROM sessions WHERE id_hash = $1", args![h])
            .await?;
    }
    Ok(set_cookie(state, COOKIE, "", 0))
}

/// A cookie with our standard flags: HttpOnly, SameSite=Lax, Secure behind https.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let v = format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

pub fn set_cookie_header(headers: &mut HeaderMap, v: HeaderValue) {
    headers.append(header::SET_COOKIE, v);
}
