//! Following an idea, and the realisation updates followers hear about.
//!
//! `UNIQUE (idea_id, user_id)` keeps one follow per member per idea; the author follows their
//! own idea from the start. Staff add progress updates (status text, percentage with a CHECK
//! of 0..100, Markdown text, optional photo) to selected and realised ideas. Each update is
//! audited and queues one mail per follower in the same transaction, skipping people whose
//! notification setting is "off".

use askama::Template;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::media;
use super::store::{self, IdeaRow};
use crate::args;
use crate::audit::{self, Entry};
use crate::db::{now, Db, DbResult, Tx};
use crate::email::{enqueue_tx, Mail};
use crate::state::AppState;
use crate::web::forms::{self, FieldErrors};
use crate::web::i18n::{t_args, Lang};
use crate::web::{markdown, render, AppError, AppResult, Ctx, Page};

/// Statuses in which an idea gets realisation updates.
pub const REALISING: [&str; 2] = ["selected", "realised"];

/// Makes `user_id` follow idea `idea_id` (no change when they already do).
pub async fn follow_tx(tx: &mut Tx, org: i64, idea_id: i64, user_id: i64) -> DbResult<()> {
    tx.run(
        "INSERT INTO idea_follows (org_id, idea_id, user_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (idea_id, user_id) DO NOTHING",
        args![org, idea_id, user_id, now()],
    )
    .await?;
    Ok(())
}

pub async fn is_following(db: &Db, org: i64, idea_id: i64, user_id: i64) -> DbResult<bool> {
    Ok(db
        .scalar::<i64>(
            "SELECT id FROM idea_follows WHERE org_id = $1 AND idea_id = $2 AND user_id = $3",
            args![org, idea_id, user_id],
        )
        .await?
        .is_some())
}

#[derive(Deserialize)]
pub struct FollowForm {
    /// "1" follows, "0" stops following; absent toggles.
    follow: Option<String>,
}

/// POST /ideeen/{id}/volgen
pub async fn toggle(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<FollowForm>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.id;
    let org = ctx.org.id;
    let idea = store::idea(&state.db, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if idea.status == "draft" || idea.project_status == "draft" {
        return Err(AppError::NotFound);
    }
    let follow = match f.follow.as_deref() {
        Some("1") => true,
        Some("0") => false,
        _ => !is_following(&state.db, org, id, user).await?,
    };
    if follow {
        let mut tx = state.db.begin().await?;
        follow_tx(&mut tx, org, id, user).await?;
        tx.commit().await?;
    } else {
        state
            .db
            .exec(
                "DELETE FROM idea_follows WHERE org_id = $1 AND idea_id = $2 AND user_id = $3",
                args![org, id, user],
            )
            .await?;
    }
    let notice = if follow {
        "idea-followed"
    } else {
        "idea-unfollowed"
    };
    Ok(Redirect::to(&format!("/ideeen/{id}?melding={notice}#volgen")).into_response())
}

// ---------------------------------------------------------------------------------------
// Realisation updates

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct UpdateRow {
    pub id: i64,
    pub status_text: String,
    pub percent: i64,
    pub body: String,
    pub photo_key: Option<String>,
    pub photo_alt: String,
    pub created_at: i64,
}

pub async fn updates_of(db: &Db, org: i64, idea_id: i64) -> DbResult<Vec<UpdateRow>> {
    db.all(
        "SELECT x.id, x.status_text, x.percent, x.body, u.storage_key AS photo_key, x.photo_alt, x.created_at \
         FROM idea_updates x LEFT JOIN uploads u ON u.id = x.upload_id AND u.org_id = x.org_id \
         WHERE x.org_id = $1 AND x.idea_id = $2 ORDER BY x.created_at DESC, x.id DESC",
        args![org, idea_id],
    )
    .await
}

/// An update as the idea page shows it.
pub struct UpdateView {
    pub id: i64,
    pub status_text: String,
    pub percent: i64,
    pub body_html: String,
    pub photo_small: Option<String>,
    pub photo_key: Option<String>,
    pub photo_alt: String,
    pub date: String,
}

pub fn views(lang: Lang, rows: Vec<UpdateRow>) -> Vec<UpdateView> {
    rows.into_iter()
        .map(|r| UpdateView {
            id: r.id,
            body_html: markdown::to_html(&r.body),
            photo_small: r.photo_key.as_deref().map(crate::uploads::small_key),
            photo_key: r.photo_key,
            photo_alt: r.photo_alt,
            date: crate::projects::human_ts(lang, r.created_at),
            status_text: r.status_text,
            percent: r.percent,
        })
        .collect()
}

#[derive(Default)]
pub struct UpdateInput {
    status_text: String,
    percent: String,
    body: String,
    photo_alt: String,
}

#[derive(Template)]
#[template(path = "ideas/progress.html")]
struct ProgressPage {
    page: Page,
    i: IdeaRow,
    input: UpdateInput,
    errors: FieldErrors,
    updates: Vec<UpdateView>,
    followers: i64,
    open: bool,
}

impl ProgressPage {
    fn status_label(&self) -> String {
        super::status_label(self.page.lang, &self.i.status)
    }
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
}

async fn render_progress(
    ctx: &Ctx,
    state: &AppState,
    idea: IdeaRow,
    input: UpdateInput,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let updates = views(ctx.lang, updates_of(&state.db, org, idea.id).await?);
    let followers = state
        .db
        .scalar::<i64>(
            "SELECT COUNT(*) FROM idea_follows WHERE org_id = $1 AND idea_id = $2",
            args![org, idea.id],
        )
        .await?
        .unwrap_or(0);
    let mut res = render(&ProgressPage {
        page: ctx.page(format!("{}: {}", ctx.t("ideas-progress-title"), idea.title)),
        open: REALISING.contains(&idea.status.as_str()),
        i: idea,
        input,
        errors,
        updates,
        followers,
    })?;
    *res.status_mut() = status;
    Ok(res)
}

/// GET /beheer/idee/{id}/voortgang
pub async fn progress_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(super::MANAGE)?;
    let idea = store::idea(&state.db, ctx.org.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render_progress(
        &ctx,
        &state,
        idea,
        UpdateInput {
            percent: "0".into(),
            ..Default::default()
        },
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// POST /beheer/idee/{id}/voortgang (multipart with an optional photo, or urlencoded).
pub async fn progress_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> AppResult<Response> {
    let staff = ctx.require(super::MANAGE)?.id;
    let org = ctx.org.id;
    let idea = store::idea(&state.db, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !REALISING.contains(&idea.status.as_str()) {
        return Err(AppError::Conflict(ctx.t("ideas-error-progress-status")));
    }
    let mut raw = media::read_form(&ctx, req).await?;
    let get = |k: &str| {
        raw.pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let input = UpdateInput {
        status_text: get("status_text"),
        percent: get("percent"),
        body: get("body"),
        photo_alt: get("photo_alt"),
    };
    let mut e = FieldErrors::new();
    let status_text = forms::text(&mut e, "status_text", &input.status_text, 3, 100, ctx.lang);
    let percent = match input
        .percent
        .trim()
        .trim_end_matches('%')
        .trim()
        .parse::<i64>()
    {
        Ok(p) if (0..=100).contains(&p) => p,
        _ => {
            e.add("percent", ctx.t("ideas-error-percent"));
            0
        }
    };
    let body = forms::text(&mut e, "body", &input.body, 1, 5000, ctx.lang);
    let photo = raw.photos.pop();
    let photo_alt = input.photo_alt.trim().to_string();
    if photo.is_some() && !(3..=200).contains(&photo_alt.chars().count()) {
        e.add("photo_alt", ctx.t("ideas-error-image-alt"));
    }
    if !e.is_empty() {
        return render_progress(
            &ctx,
            &state,
            idea,
            input,
            e,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let upload_id = match photo {
        Some(p) => {
            match crate::uploads::store_image(&state, org, Some(staff), &p.name, p.bytes).await {
                Ok(img) => Some(img.id),
                Err(err) => {
                    e.add("photo", ctx.t(err.message_key()));
                    return render_progress(
                        &ctx,
                        &state,
                        idea,
                        input,
                        e,
                        StatusCode::UNPROCESSABLE_ENTITY,
                    )
                    .await;
                }
            }
        }
        None => None,
    };
    let mut tx = state.db.begin().await?;
    let uid: i64 = tx
        .write_scalar(
            "INSERT INTO idea_updates (org_id, idea_id, author_id, status_text, percent, body, upload_id, photo_alt, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            args![org, id, staff, &status_text, percent, &body, upload_id, if upload_id.is_some() { photo_alt.clone() } else { String::new() }, now()],
        )
        .await?;
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(staff),
            action: "idea.progress",
            object_type: "idea",
            object_id: Some(id.to_string()),
            detail: format!("#{uid} {percent}% {status_text}"),
        },
    )
    .await?;
    let mails = mail_followers(
        &mut tx,
        &Notice {
            org,
            idea_id: id,
            title: &idea.title,
            status_text: &status_text,
            percent,
            body: &body,
            lang: ctx.lang,
            base_url: &state.config.base_url,
        },
    )
    .await?;
    tx.commit().await?;
    if mails > 0 {
        state.mail_wake.notify_one();
    }
    Ok(Redirect::to(&format!(
        "/beheer/idee/{id}/voortgang?melding=idea-progress-saved"
    ))
    .into_response())
}

pub struct Notice<'a> {
    pub org: i64,
    pub idea_id: i64,
    pub title: &'a str,
    pub status_text: &'a str,
    pub percent: i64,
    pub body: &'a str,
    pub lang: Lang,
    pub base_url: &'a str,
}

/// Queues the update mail for every follower whose notification setting is not "off".
/// There is no daily digest in the platform yet, so "digest" gets the mail right away.
pub async fn mail_followers(tx: &mut Tx, n: &Notice<'_>) -> DbResult<usize> {
    let to: Vec<(String, Option<String>)> = tx
        .all(
            "SELECT u.email, u.lang FROM idea_follows f JOIN users u ON u.id = f.user_id AND u.org_id = f.org_id \
             WHERE f.org_id = $1 AND f.idea_id = $2 AND u.email IS NOT NULL AND u.deleted_at IS NULL \
             AND u.notify_pref <> 'off' ORDER BY u.id",
            args![n.org, n.idea_id],
        )
        .await?;
    let link = format!("{}/ideeen/{}", n.base_url.trim_end_matches('/'), n.idea_id);
    for (email, lang) in &to {
        let lang = lang.as_deref().and_then(Lang::parse).unwrap_or(n.lang);
        let a = vec![
            ("title", n.title.to_string()),
            ("status", n.status_text.to_string()),
            ("percent", n.percent.to_string()),
            ("text", n.body.to_string()),
            ("link", link.clone()),
        ];
        enqueue_tx(
            tx,
            Mail {
                org_id: n.org,
                to: email,
                subject: t_args(lang, "ideas-mail-progress-subject", &a),
                body: t_args(lang, "ideas-mail-progress-body", &a),
            },
        )
        .await?;
    }
    Ok(to.len())
}
