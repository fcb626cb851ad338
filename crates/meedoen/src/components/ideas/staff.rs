//! Staff screens: settings per component with the list of ideas, status changes with
//! official answers (and merging), CSV export, and the moderation queue.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::store::{self, CompInfo, Settings};
use super::{status_label, Ideas, STAFF_STATUSES};
use crate::args;
use crate::audit::{self, Entry};
use crate::components::{Component, ComponentRef};
use crate::projects::parse_date;
use crate::state::AppState;
use crate::web::forms::{self, FieldErrors};
use crate::web::{render, AppError, AppResult, Ctx, Page};
use domain::workflows::IdeaActor;
use store::StatusError;

fn with_status(mut res: Response, status: StatusCode) -> Response {
    *res.status_mut() = status;
    res
}

// ---------------------------------------------------------------------------------------
// Settings

#[derive(Default, Clone)]
pub struct SettingsInput {
    opens_on: String,
    closes_on: String,
    comments_open: bool,
    title_min: String,
    title_max: String,
    summary_min: String,
    summary_max: String,
    description_min: String,
    description_max: String,
    flag_threshold: String,
}

impl From<&Settings> for SettingsInput {
    fn from(s: &Settings) -> Self {
        SettingsInput {
            opens_on: s.opens_on.clone(),
            closes_on: s.closes_on.clone(),
            comments_open: s.comments_open,
            title_min: s.title_min.to_string(),
            title_max: s.title_max.to_string(),
            summary_min: s.summary_min.to_string(),
            summary_max: s.summary_max.to_string(),
            description_min: s.description_min.to_string(),
            description_max: s.description_max.to_string(),
            flag_threshold: s.flag_threshold.to_string(),
        }
    }
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct StaffIdea {
    id: i64,
    title: String,
    status: String,
    like_count: i64,
    comment_count: i64,
    hidden: bool,
    author_name: String,
}

#[derive(Template)]
#[template(path = "ideas/staff.html")]
struct SettingsPage {
    page: Page,
    comp: CompInfo,
    input: SettingsInput,
    errors: FieldErrors,
    ideas: Vec<StaffIdea>,
}

impl SettingsPage {
    fn limit_fields(&self) -> Vec<(&'static str, String)> {
        let i = &self.input;
        vec![
            ("title_min", i.title_min.clone()),
            ("title_max", i.title_max.clone()),
            ("summary_min", i.summary_min.clone()),
            ("summary_max", i.summary_max.clone()),
            ("description_min", i.description_min.clone()),
            ("description_max", i.description_max.clone()),
            ("flag_threshold", i.flag_threshold.clone()),
        ]
    }
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
    fn status(&self, s: &str) -> String {
        status_label(self.page.lang, s)
    }
}

async fn staff_component(ctx: &Ctx, state: &AppState, cid: i64) -> AppResult<(CompInfo, Settings)> {
    let comp = store::component(&state.db, ctx.org.id, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = store::settings(&state.db, ctx.org.id, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((comp, s))
}

async fn render_settings(
    ctx: &Ctx,
    state: &AppState,
    comp: CompInfo,
    input: SettingsInput,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let ideas = state
        .db
        .all(
            "SELECT id, title, status, like_count, comment_count, hidden, author_name FROM ideas \
             WHERE org_id = $1 AND component_id = $2 AND status <> 'draft' ORDER BY id",
            args![ctx.org.id, comp.id],
        )
        .await?;
    let res = render(&SettingsPage {
        page: ctx.page(format!("{}: {}", ctx.t("ideas-name"), comp.title)),
        comp,
        input,
        errors,
        ideas,
    })?;
    Ok(with_status(res, status))
}

pub async fn settings_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(cid): Path<i64>,
) -> AppResult<Response> {
    ctx.require(super::MANAGE)?;
    let (comp, s) = staff_component(&ctx, &state, cid).await?;
    render_settings(
        &ctx,
        &state,
        comp,
        SettingsInput::from(&s),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
    #[serde(default)]
    comments_open: Option<String>,
    #[serde(default)]
    title_min: String,
    #[serde(default)]
    title_max: String,
    #[serde(default)]
    summary_min: String,
    #[serde(default)]
    summary_max: String,
    #[serde(default)]
    description_min: String,
    #[serde(default)]
    description_max: String,
    #[serde(default)]
    flag_threshold: String,
}

fn number(ctx: &Ctx, e: &mut FieldErrors, field: &'static str, v: &str, min: i64, max: i64) -> i64 {
    match v.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            e.add(
                field,
                crate::web::i18n::t_args(
                    ctx.lang,
                    "ideas-error-number",
                    &[("min", min.to_string()), ("max", max.to_string())],
                ),
            );
            min
        }
    }
}

pub async fn settings_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(cid): Path<i64>,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    let org = ctx.org.id;
    let (comp, _) = staff_component(&ctx, &state, cid).await?;
    let mut e = FieldErrors::new();
    let opens = parse_date(&f.opens_on);
    let closes = parse_date(&f.closes_on);
    if opens.is_none() {
        e.add("opens_on", ctx.t("ideas-error-date"));
    }
    if closes.is_none() {
        e.add("closes_on", ctx.t("ideas-error-date"));
    }
    if let (Some(a), Some(b)) = (opens, closes) {
        if b < a {
            e.add("closes_on", ctx.t("ideas-error-date-order"));
        }
    }
    let tmin = number(&ctx, &mut e, "title_min", &f.title_min, 1, 200);
    let tmax = number(&ctx, &mut e, "title_max", &f.title_max, 1, 200);
    let smin = number(&ctx, &mut e, "summary_min", &f.summary_min, 0, 1000);
    let smax = number(&ctx, &mut e, "summary_max", &f.summary_max, 1, 1000);
    let dmin = number(
        &ctx,
        &mut e,
        "description_min",
        &f.description_min,
        0,
        20000,
    );
    let dmax = number(
        &ctx,
        &mut e,
        "description_max",
        &f.description_max,
        1,
        20000,
    );
    let flags = number(&ctx, &mut e, "flag_threshold", &f.flag_threshold, 1, 1000);
    for (field, lo, hi) in [
        ("title_max", tmin, tmax),
        ("summary_max", smin, smax),
        ("description_max", dmin, dmax),
    ] {
        if hi < lo {
            e.add(field, ctx.t("ideas-error-min-max"));
        }
    }
    let input = SettingsInput {
        opens_on: f.opens_on.trim().to_string(),
        closes_on: f.closes_on.trim().to_string(),
        comments_open: f.comments_open.as_deref() == Some("1"),
        title_min: f.title_min,
        title_max: f.title_max,
        summary_min: f.summary_min,
        summary_max: f.summary_max,
        description_min: f.description_min,
        description_max: f.description_max,
        flag_threshold: f.flag_threshold,
    };
    if !e.is_empty() {
        return render_settings(
            &ctx,
            &state,
            comp,
            input,
            e,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    tx.run(
        "UPDATE idea_settings SET opens_on = $3, closes_on = $4, comments_open = $5, title_min = $6, title_max = $7, \
         summary_min = $8, summary_max = $9, description_min = $10, description_max = $11, flag_threshold = $12, configured = TRUE \
         WHERE org_id = $1 AND component_id = $2",
        args![org, cid, &input.opens_on, &input.closes_on, input.comments_open, tmin, tmax, smin, smax, dmin, dmax, flags],
    )
    .await?;
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(user),
            action: "ideas.settings",
            object_type: "component",
            object_id: Some(cid.to_string()),
            detail: format!("{} – {}", input.opens_on, input.closes_on),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/beheer/ideeen/{cid}?melding=saved")).into_response())
}

pub async fn export(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(cid): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    let (comp, _) = staff_component(&ctx, &state, cid).await?;
    let c = ComponentRef {
        id: comp.id,
        org_id: ctx.org.id,
        project_id: comp.project_id,
        kind: "ideas".into(),
        title: comp.title.clone(),
        position: 0,
    };
    let body = Ideas.export_csv(&state, &c).await?;
    audit::record(
        &state.db,
        Entry {
            org_id: ctx.org.id,
            actor_id: Some(user),
            action: "ideas.export",
            object_type: "component",
            object_id: Some(cid.to_string()),
            detail: String::new(),
        },
    )
    .await?;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"ideeen-{cid}.csv\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

// ---------------------------------------------------------------------------------------
// Status with official answer

#[derive(Default, Clone)]
pub struct StatusInput {
    status: String,
    answer: String,
    redirect_to: String,
    merged_into: String,
}

#[derive(Template)]
#[template(path = "ideas/staff_idea.html")]
struct StatusPage {
    page: Page,
    i: store::IdeaRow,
    input: StatusInput,
    errors: FieldErrors,
    statuses: Vec<(&'static str, String)>,
    others: Vec<(i64, String)>,
}

impl StatusPage {
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
    fn status(&self, s: &str) -> String {
        status_label(self.page.lang, s)
    }
    fn merged_selected(&self, id: &i64) -> bool {
        self.input.merged_into == id.to_string()
    }
}

async fn render_status(
    ctx: &Ctx,
    state: &AppState,
    idea: store::IdeaRow,
    input: StatusInput,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let others = state
        .db
        .all(
            "SELECT id, title FROM ideas WHERE org_id = $1 AND component_id = $2 AND id <> $3 AND status NOT IN ('draft', 'merged') ORDER BY title, id",
            args![ctx.org.id, idea.component_id, idea.id],
        )
        .await?;
    let statuses = STAFF_STATUSES
        .iter()
        .map(|s| (*s, status_label(ctx.lang, s)))
        .collect();
    let res = render(&StatusPage {
        page: ctx.page(format!("{}: {}", ctx.t("ideas-status-title"), idea.title)),
        i: idea,
        input,
        errors,
        statuses,
        others,
    })?;
    Ok(with_status(res, status))
}

pub async fn status_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(super::MANAGE)?;
    let idea = store::idea(&state.db, ctx.org.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = StatusInput {
        status: idea.status.clone(),
        answer: idea.answer.clone(),
        redirect_to: idea.redirect_to.clone(),
        merged_into: idea
            .merged_into_id
            .map(|m| m.to_string())
            .unwrap_or_default(),
    };
    render_status(
        &ctx,
        &state,
        idea,
        input,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
pub struct StatusForm {
    /// The status the editor saw when the form was shown.
    #[serde(default)]
    seen: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    redirect_to: String,
    #[serde(default)]
    merged_into: String,
}

pub async fn status_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<StatusForm>,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    let org = ctx.org.id;
    let idea = store::idea(&state.db, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::new();
    let status = f.status.trim().to_string();
    if !STAFF_STATUSES.contains(&status.as_str()) {
        e.add("status", ctx.t("ideas-error-status"));
    }
    let needs_answer = matches!(status.as_str(), "rejected" | "redirected");
    let answer = forms::text(
        &mut e,
        "answer",
        &f.answer,
        if needs_answer { 1 } else { 0 },
        5000,
        ctx.lang,
    );
    let redirect_to = if status == "redirected" {
        forms::text(&mut e, "redirect_to", &f.redirect_to, 1, 200, ctx.lang)
    } else {
        String::new()
    };
    let mut merged_into = None;
    if status == "merged" {
        let target = f
            .merged_into
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|t| *t != id);
        let ok = match target {
            Some(t) => state
                .db
                .scalar::<i64>(
                    "SELECT id FROM ideas WHERE org_id = $1 AND component_id = $2 AND id = $3 AND status NOT IN ('draft', 'merged')",
                    args![org, idea.component_id, t],
                )
                .await?
                .is_some(),
            None => false,
        };
        if ok {
            merged_into = target;
        } else {
            e.add("merged_into", ctx.t("ideas-error-merge"));
        }
    }
    if !e.is_empty() {
        let input = StatusInput {
            status,
            answer: f.answer,
            redirect_to: f.redirect_to,
            merged_into: f.merged_into,
        };
        return render_status(
            &ctx,
            &state,
            idea,
            input,
            e,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    let done = store::set_status_tx(
        &mut tx,
        store::StatusChange {
            org_id: org,
            idea_id: id,
            actor_id: Some(user),
            status: &status,
            answer: Some(&answer),
            redirect_to: &redirect_to,
            merged_into,
            lang: ctx.lang,
            base_url: &state.config.base_url,
            seen: Some(f.seen.trim()).filter(|s| !s.is_empty()),
            by: IdeaActor::Editor,
        },
    )
    .await;
    let mails = match done {
        Ok(Some(n)) => n,
        Ok(None) => return Err(AppError::NotFound),
        Err(StatusError::Db(e)) => return Err(e.into()),
        Err(refused) => {
            drop(tx);
            let (key, code) = match refused {
                StatusError::Changed => ("ideas-error-status-changed", StatusCode::CONFLICT),
                _ => ("ideas-error-status-step", StatusCode::UNPROCESSABLE_ENTITY),
            };
            e.add("status", ctx.t(key));
            // Show the idea as it is now, with what the editor typed.
            let idea = store::idea(&state.db, org, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let input = StatusInput {
                status,
                answer: f.answer,
                redirect_to: f.redirect_to,
                merged_into: f.merged_into,
            };
            return render_status(&ctx, &state, idea, input, e, code).await;
        }
    };
    tx.commit().await?;
    if mails > 0 {
        state.mail_wake.notify_one();
    }
    Ok(Redirect::to(&format!("/beheer/idee/{id}?melding=idea-status-saved")).into_response())
}

// ---------------------------------------------------------------------------------------
// Moderation

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct FlaggedIdea {
    id: i64,
    title: String,
    summary: String,
    hidden: bool,
    flag_count: i64,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct FlaggedComment {
    id: i64,
    idea_id: i64,
    body: String,
    hidden: bool,
    flag_count: i64,
}

#[derive(Template)]
#[template(path = "ideas/moderation.html")]
struct ModerationPage {
    page: Page,
    ideas: Vec<FlaggedIdea>,
    comments: Vec<FlaggedComment>,
    reasons: Vec<(String, i64, String)>,
}

impl ModerationPage {
    fn reasons_for(&self, kind: &str, id: &i64) -> Vec<String> {
        self.reasons
            .iter()
            .filter(|(k, i, _)| k == kind && i == id)
            .map(|(_, _, r)| r.clone())
            .collect()
    }
}

pub async fn moderation(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(super::MODERATE)?;
    let org = ctx.org.id;
    let ideas = state
        .db
        .all(
            "SELECT id, title, summary, hidden, flag_count FROM ideas WHERE org_id = $1 AND flag_count > 0 ORDER BY hidden DESC, id",
            args![org],
        )
        .await?;
    let comments = state
        .db
        .all(
            "SELECT id, idea_id, body, hidden, flag_count FROM idea_comments WHERE org_id = $1 AND flag_count > 0 ORDER BY hidden DESC, id",
            args![org],
        )
        .await?;
    let reasons = state
        .db
        .all(
            "SELECT target_type, target_id, reason FROM idea_flags WHERE org_id = $1 AND resolved = FALSE ORDER BY id",
            args![org],
        )
        .await?;
    render(&ModerationPage {
        page: ctx.page(ctx.t("ideas-moderation-title")),
        ideas,
        comments,
        reasons,
    })
}

#[derive(Deserialize)]
pub struct ModerateForm {
    #[serde(default)]
    decision: String,
}

pub async fn moderate(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, i64)>,
    Form(f): Form<ModerateForm>,
) -> AppResult<Response> {
    let user = ctx.require(super::MODERATE)?.id;
    let org = ctx.org.id;
    let hide = match f.decision.as_str() {
        "restore" => false,
        "hide" => true,
        _ => return Err(AppError::BadRequest(ctx.t("ideas-error-decision"))),
    };
    let (target, sql): (&str, &'static str) = match kind.as_str() {
        "idee" => (
            "idea",
            "UPDATE ideas SET hidden = $3, flag_count = 0 WHERE org_id = $1 AND id = $2",
        ),
        "reactie" => (
            "comment",
            "UPDATE idea_comments SET hidden = $3, flag_count = 0 WHERE org_id = $1 AND id = $2",
        ),
        _ => return Err(AppError::NotFound),
    };
    let mut tx = state.db.begin().await?;
    if tx.run(sql, args![org, id, hide]).await? == 0 {
        return Err(AppError::NotFound);
    }
    tx.run(
        "UPDATE idea_flags SET resolved = TRUE WHERE org_id = $1 AND target_type = $2 AND target_id = $3",
        args![org, target, id],
    )
    .await?;
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(user),
            action: if hide {
                "moderation.hide"
            } else {
                "moderation.restore"
            },
            object_type: target,
            object_id: Some(id.to_string()),
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/beheer/moderatie?melding={}",
        if hide {
            "moderation-hidden"
        } else {
            "moderation-restored"
        }
    ))
    .into_response())
}
