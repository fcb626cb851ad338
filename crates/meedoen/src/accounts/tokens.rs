//! Single-use tokens for links in mail. The link holds the random token; the table holds its
//! SHA-256. A token is used by one conditional UPDATE: only one request can ever win it.

use crate::args;
use crate::db::{now, Db, DbResult, Tx};
use crate::web::session::{hash_token, random_token};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    MagicLink,
    ResetPassword,
    ChangeEmail,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::MagicLink => "magic_link",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }

    /// How long a link stays valid, in seconds.
    pub fn ttl(self) -> i64 {
        match self {
            Purpose::VerifyEmail => 48 * 3600,
            Purpose::MagicLink => 15 * 60,
            Purpose::ResetPassword => 3600,
            Purpose::ChangeEmail => 24 * 3600,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct Token {
    pub user_id: i64,
    pub payload: Option<String>,
}

/// Makes a token and returns the secret part for the link.
pub async fn create(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    purpose: Purpose,
    payload: Option<&str>,
) -> DbResult<String> {
    let token = random_token();
    let t = now();
    tx.run(
        "INSERT INTO tokens (hash, org_id, user_id, purpose, payload, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        args![
            hash_token(&token),
            org_id,
            user_id,
            purpose.as_str(),
            payload,
            t,
            t + purpose.ttl()
        ],
    )
    .await?;
    Ok(token)
}

/// Same as [`create`] in its own transaction.
pub async fn create_db(
    db: &Db,
    org_id: i64,
    user_id: i64,
    purpose: Purpose,
    payload: Option<&str>,
) -> DbResult<String> {
    let mut tx = db.begin().await?;
    let token = create(&mut tx, org_id, user_id, purpose, payload).await?;
    tx.commit().await?;
    Ok(token)
}

/// The token if it is still usable, without using it (for the page behind the link).
pub async fn peek(db: &Db, org_id: i64, token: &str, purpose: Purpose) -> DbResult<Option<Token>> {
    db.opt(
        "SELECT t.user_id, t.payload FROM tokens t JOIN users u ON u.id = t.user_id AND u.deleted_at IS NULL \
         WHERE t.hash = $1 AND t.org_id = $2 AND t.purpose = $3 AND t.used_at IS NULL AND t.expires_at > $4",
        args![hash_token(token), org_id, purpose.as_str(), now()],
    )
    .await
}

/// Uses the token: succeeds for exactly one caller, and only while it is unexpired and
/// belongs to this municipality.
pub async fn consume(
    tx: &mut Tx,
    org_id: i64,
    token: &str,
    purpose: Purpose,
) -> DbResult<Option<Token>> {
    tx.opt(
        "UPDATE tokens SET used_at = $1 WHERE hash = $2 AND used_at IS NULL AND expires_at > $1 AND org_id = $3 \
         AND purpose = $4 RETURNING user_id, payload",
        args![now(), hash_token(token), org_id, purpose.as_str()],
    )
    .await
}
