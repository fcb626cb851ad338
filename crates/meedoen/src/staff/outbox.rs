//! `/beheer/outbox`: outgoing mail. Without SMTP this is where admins read it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{fmt_time, page_number, path_id, Pager, PAGE_SIZE};
use crate::args;
use crate::audit::{self, Entry};
use crate::state::AppState;
use crate::web::{render, AppError, AppResult, Ctx, Page};

const STATUSES: [&str; 4] = ["pending", "sent", "failed", "held"];

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct MailRow {
    id: i64,
    to_addr: String,
    subject: String,
    body_text: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
}

pub(crate) struct MailView {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub status_label: String,
    pub attempts: i64,
    pub last_error: String,
    pub created: String,
    pub sent: String,
}

fn view(ctx: &Ctx, m: MailRow) -> MailView {
    MailView {
        status_label: ctx.t(&format!("beheer-mail-status-{}", m.status)),
        id: m.id,
        to: m.to_addr,
        subject: m.subject,
        body: m.body_text,
        status: m.status,
        attempts: m.attempts,
        last_error: m.last_error.unwrap_or_default(),
        created: fmt_time(m.created_at),
        sent: m.sent_at.map(fmt_time).unwrap_or_default(),
    }
}

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    pagina: String,
}

pub(crate) struct StatusOpt {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "staff/outbox.html")]
struct OutboxPage {
    page: Page,
    mails: Vec<MailView>,
    statuses: Vec<StatusOpt>,
    pager: Pager,
    smtp: bool,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(f): Query<Filter>,
) -> AppResult<Response> {
    ctx.require(super::OUTBOX)?;
    let status = STATUSES
        .iter()
        .find(|s| **s == f.status)
        .copied()
        .unwrap_or("");
    let page = page_number(&f.pagina);
    // The body is not needed in the list; an empty string keeps one row type.
    let rows: Vec<MailRow> = state
        .db
        .all(
            "SELECT id, to_addr, subject, '' AS body_text, status, attempts, last_error, created_at, sent_at \
             FROM outbox WHERE org_id = $1 AND ($2 = '' OR status = $2) ORDER BY id DESC LIMIT $3 OFFSET $4",
            args![ctx.org.id, status, PAGE_SIZE + 1, Pager::offset(page)],
        )
        .await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    let mails = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|m| view(&ctx, m))
        .collect();
    let statuses = STATUSES
        .iter()
        .map(|s| StatusOpt {
            value: s,
            label: ctx.t(&format!("beheer-mail-status-{s}")),
            selected: *s == status,
        })
        .collect();
    let pager = Pager::new("/beheer/outbox", &[("status", status)], page, has_more);
    render(&OutboxPage {
        page: ctx.page(ctx.t("staff-outbox")),
        mails,
        statuses,
        pager,
        smtp: state.config.smtp_host.is_some(),
    })
}

#[derive(Template)]
#[template(path = "staff/outbox_mail.html")]
struct MailPage {
    page: Page,
    mail: MailView,
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.require(super::OUTBOX)?;
    let m: MailRow = state
        .db
        .opt(
            "SELECT id, to_addr, subject, body_text, status, attempts, last_error, created_at, sent_at \
             FROM outbox WHERE id = $1 AND org_id = $2",
            args![path_id(&id)?, ctx.org.id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let mail = view(&ctx, m);
    render(&MailPage {
        page: ctx.page(mail.subject.clone()),
        mail,
    })
}

pub async fn retry(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let me = ctx.require(super::OUTBOX)?.id;
    let org = ctx.org.id;
    let id = path_id(&id)?;
    let mut tx = state.db.begin().await?;
    let n = tx
        .run(
            "UPDATE outbox SET status = 'pending', next_attempt_at = $3 WHERE id = $1 AND org_id = $2 AND status = 'failed'",
            args![id, org, crate::db::now()],
        )
        .await?;
    if n == 0 {
        let exists: Option<i64> = tx
            .scalar(
                "SELECT id FROM outbox WHERE id = $1 AND org_id = $2",
                args![id, org],
            )
            .await?;
        drop(tx);
        return match exists {
            None => Err(AppError::NotFound),
            Some(_) => Err(AppError::Conflict(ctx.t("beheer-mail-retry-not-failed"))),
        };
    }
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "outbox.retry",
            object_type: "outbox",
            object_id: Some(id.to_string()),
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(Redirect::to(&format!("/beheer/outbox/{id}?melding=beheer-mail-retried")).into_response())
}
