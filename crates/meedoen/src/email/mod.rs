//! Email: every message goes into the `outbox` table first, in the same transaction as the
//! change that caused it where possible. A background worker (`worker`) delivers by SMTP when
//! SMTP is configured, with retries and backoff; without SMTP, mail stays in the outbox and
//! admins read it at `/beheer/outbox`. Nothing is dropped silently.

pub mod worker;

use crate::args;
use crate::db::{now, Db, DbResult, Tx};

pub struct Mail<'a> {
    pub org_id: i64,
    pub to: &'a str,
    pub subject: String,
    pub body: String,
}

const INSERT: &str = "INSERT INTO outbox (org_id, to_addr, subject, body_text, status, attempts, next_attempt_at, created_at) \
     VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5) RETURNING id";

pub async fn enqueue(db: &Db, m: Mail<'_>) -> DbResult<i64> {
    db.write_scalar(INSERT, args![m.org_id, m.to, m.subject, m.body, now()])
        .await
}

pub async fn enqueue_tx(tx: &mut Tx, m: Mail<'_>) -> DbResult<i64> {
    tx.write_scalar(INSERT, args![m.org_id, m.to, m.subject, m.body, now()])
        .await
}
