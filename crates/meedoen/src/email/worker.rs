//! Delivers the outbox by SMTP. Runs on every app node: a row is claimed with a conditional
//! UPDATE (a lease on `next_attempt_at`) before it is sent, so two nodes never send the same
//! mail at once. Failures back off exponentially (1, 2, 4, ... minutes); after
//! [`MAX_ATTEMPTS`] the mail is marked `failed` for admins to see. Without SMTP settings,
//! mail stays `pending` and admins read it at `/beheer/outbox`.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::watch;

use crate::args;
use crate::config::Config;
use crate::db::{now, DbResult};
use crate::state::AppState;

pub const MAX_ATTEMPTS: i64 = 8;
const BATCH: i64 = 10;
/// How long a claimed mail is reserved for the node that claimed it.
const LEASE_SECS: i64 = 300;
const IDLE: Duration = Duration::from_secs(30);

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct Due {
    id: i64,
    org_id: i64,
    to_addr: String,
    subject: String,
    body_text: String,
    attempts: i64,
}

pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let transport = match state.config.smtp_host.as_deref() {
        Some(host) if !host.is_empty() => match transport(&state.config, host) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::error!(error = %e, "SMTP settings are not usable; mail stays in the outbox");
                None
            }
        },
        _ => None,
    };
    loop {
        if *stop.borrow() {
            return;
        }
        if let Some(t) = &transport {
            loop {
                match deliver_batch(&state, t).await {
                    Ok(n) if n as i64 >= BATCH => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "mail worker: database error");
                        break;
                    }
                }
            }
        }
        tokio::select! {
            _ = state.mail_wake.notified() => {}
            _ = tokio::time::sleep(IDLE) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}

fn transport(config: &Config, host: &str) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let mut b = match config.smtp_security.as_str() {
        "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
        "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
    };
    b = b
        .port(config.smtp_port)
        .timeout(Some(Duration::from_secs(30)));
    if let (Some(u), Some(p)) = (&config.smtp_user, &config.smtp_password) {
        b = b.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(b.build())
}

/// Sends up to one batch of due mail. Returns how many rows were picked.
async fn deliver_batch(
    state: &AppState,
    t: &AsyncSmtpTransport<Tokio1Executor>,
) -> DbResult<usize> {
    let due: Vec<Due> = state
        .db
        .all(
            "SELECT id, org_id, to_addr, subject, body_text, attempts FROM outbox \
             WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2",
            args![now(), BATCH],
        )
        .await?;
    let picked = due.len();
    for m in due {
        let t0 = now();
        let claimed = state
            .db
            .exec(
                "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending' AND next_attempt_at <= $3",
                args![t0 + LEASE_SECS, m.id, t0],
            )
            .await?;
        if claimed != 1 {
            continue;
        }
        match send_one(state, t, &m).await {
            Ok(()) => {
                state
                    .db
                    .exec("UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2", args![now(), m.id])
                    .await?;
            }
            Err(e) => {
                let attempts = m.attempts + 1;
                let msg: String = e.to_string().chars().take(500).collect();
                tracing::warn!(outbox_id = m.id, attempts, error = %msg, "mail not delivered");
                if attempts >= MAX_ATTEMPTS {
                    state
                        .db
                        .exec("UPDATE outbox SET status = 'failed', attempts = $1, last_error = $2 WHERE id = $3", args![attempts, msg, m.id])
                        .await?;
                } else {
                    let wait = 60_i64 << (attempts - 1).clamp(0, 20);
                    state
                        .db
                        .exec(
                            "UPDATE outbox SET attempts = $1, last_error = $2, next_attempt_at = $3 WHERE id = $4",
                            args![attempts, msg, now() + wait, m.id],
                        )
                        .await?;
                }
            }
        }
    }
    Ok(picked)
}

async fn send_one(
    state: &AppState,
    t: &AsyncSmtpTransport<Tokio1Executor>,
    m: &Due,
) -> anyhow::Result<()> {
    let from: Option<(String, String)> = state
        .db
        .opt(
            "SELECT name, email_from FROM orgs WHERE id = $1",
            args![m.org_id],
        )
        .await?;
    let (org_name, from_addr) =
        from.ok_or_else(|| anyhow::anyhow!("municipality {} not found", m.org_id))?;
    let from = Mailbox::new(Some(org_name), from_addr.parse()?);
    let to: Mailbox = m.to_addr.parse()?;
    let msg = Message::builder()
        .from(from)
        .to(to)
        .subject(m.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(m.body_text.clone())?;
    t.send(msg).await?;
    Ok(())
}
