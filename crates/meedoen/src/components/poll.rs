//! The poll component: a question with 2 to 10 choices, answered once by each verified member.
//!
//! One answer per member is enforced by `UNIQUE (component_id, user_id)` on `poll_answers`;
//! the answer and the `poll_choices.answers` counter change in one transaction, so results
//! cost one query over the choices and stay correct under concurrency. Erasing a person keeps
//! their answer (and so the counts) but drops the link to them.

mod api;

use askama::Template;
use async_trait::async_trait;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{Component, ComponentRef};
use crate::args;
use crate::audit::{self, Entry};
use crate::db::{now, DbError, DbResult, Tx};
use crate::module::{Module, Perm, Person, Routes, SearchHit, Stat};
use crate::state::AppState;
use crate::web::csv::Csv;
use crate::web::forms::{self, FieldErrors};
use crate::web::i18n::Lang;
use crate::web::{render, AppError, AppResult, Ctx, Page};

/// Set up and open or close polls.
pub const MANAGE: Perm = Perm("poll.manage");

pub const MIN_CHOICES: usize = 2;
pub const MAX_CHOICES: usize = 10;

pub struct Poll;

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct PollRow {
    pub component_id: i64,
    pub question: String,
    pub is_open: bool,
}

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
pub struct ChoiceRow {
    pub id: i64,
    pub label: String,
    pub answers: i64,
}

/// A choice with its share of the answers, for the chart and the table.
pub struct ChoiceResult {
    pub id: i64,
    pub label: String,
    pub answers: i64,
    /// Whole percent, 0–100.
    pub percent: i64,
}

/// The poll of component `component_id` in municipality `org_id`.
pub async fn load_poll(
    state: &AppState,
    org_id: i64,
    component_id: i64,
) -> DbResult<Option<PollRow>> {
    state
        .db
        .opt("SELECT component_id, question, is_open FROM polls WHERE org_id = $1 AND component_id = $2", args![org_id, component_id])
        .await
}

pub async fn load_choices(
    state: &AppState,
    org_id: i64,
    component_id: i64,
) -> DbResult<Vec<ChoiceRow>> {
    state
        .db
        .all(
            "SELECT id, label, answers FROM poll_choices WHERE org_id = $1 AND component_id = $2 ORDER BY position, id",
            args![org_id, component_id],
        )
        .await
}

/// Shares in whole percent; they are rounded, so they may not add up to exactly 100.
pub fn results(choices: &[ChoiceRow]) -> (i64, Vec<ChoiceResult>) {
    let total: i64 = choices.iter().map(|c| c.answers).sum();
    let rows = choices
        .iter()
        .map(|c| ChoiceResult {
            id: c.id,
            label: c.label.clone(),
            answers: c.answers,
            percent: if total > 0 {
                (c.answers * 100 + total / 2) / total
            } else {
                0
            },
        })
        .collect();
    (total, rows)
}

/// Splits the staff's choices field (one per line) and checks the 2–10 rule.
pub fn parse_choices(raw: &str) -> Vec<String> {
    raw.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[derive(Template)]
#[template(path = "poll/public.html")]
struct PublicFragment {
    page: Page,
    id: i64,
    question: String,
    is_open: bool,
    choices: Vec<ChoiceResult>,
    total: i64,
    /// What the visitor can do: "answer", "answered", "login", "verify", "closed", "preview".
    mode: &'static str,
    my_choice: Option<String>,
    login_url: String,
}

#[async_trait]
impl Module for Poll {
    fn key(&self) -> &'static str {
        "poll"
    }

    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "poll-name")
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .post("/peilingen/{id}/antwoord", answer)
            .get("/beheer/peilingen/{id}", staff_page)
            .post("/beheer/peilingen/{id}", staff_save)
            .post("/beheer/peilingen/{id}/status", staff_status)
            .get("/beheer/peilingen/{id}/export.csv", staff_export)
            .get(api::RESULTS, api::results)
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        Some(api::openapi())
    }

    fn results_api(&self) -> Option<&'static str> {
        Some(api::RESULTS)
    }

    fn grants(&self) -> &'static [(&'static str, Perm)] {
        &[("editor", MANAGE)]
    }

    fn component(&self) -> Option<&dyn Component> {
        Some(self)
    }

    async fn search(
        &self,
        state: &AppState,
        org: i64,
        lang: Lang,
        query: &str,
        limit: usize,
    ) -> AppResult<Vec<SearchHit>> {
        let pattern = crate::web::forms::like_pattern(query);
        // The matching polls with all their choices, in one statement.
        let rows: Vec<(i64, String, String, String)> = state
            .db
            .all(
                "SELECT p.component_id, p.question, pr.slug, ch.label FROM polls p \
                 JOIN components c ON c.id = p.component_id AND c.org_id = p.org_id \
                 JOIN projects pr ON pr.id = c.project_id AND pr.org_id = p.org_id \
                 JOIN poll_choices ch ON ch.component_id = p.component_id AND ch.org_id = p.org_id \
                 WHERE p.org_id = $1 AND p.component_id IN (SELECT q.component_id FROM polls q \
                   JOIN components qc ON qc.id = q.component_id AND qc.org_id = q.org_id \
                   JOIN projects qp ON qp.id = qc.project_id AND qp.org_id = q.org_id \
                   WHERE q.org_id = $1 AND qp.status IN ('published', 'closed') AND q.question <> '' \
                   AND (LOWER(q.question) LIKE $2 ESCAPE '\\' OR EXISTS (SELECT 1 FROM poll_choices x \
                     WHERE x.component_id = q.component_id AND x.org_id = q.org_id AND LOWER(x.label) LIKE $2 ESCAPE '\\')) \
                   ORDER BY q.component_id DESC LIMIT $3) \
                 ORDER BY p.component_id DESC, ch.position, ch.id",
                args![org, &pattern, limit as i64],
            )
            .await?;
        let mut polls: Vec<(String, String, String)> = Vec::new();
        let mut last = None;
        for (id, question, slug, label) in rows {
            if last == Some(id) {
                if let Some(p) = polls.last_mut() {
                    p.2.push_str(" · ");
                    p.2.push_str(&label);
                }
            } else {
                last = Some(id);
                polls.push((question, format!("/projecten/{slug}#peiling-{id}"), label));
            }
        }
        Ok(SearchHit::from_rows("poll", lang, "poll-name", polls))
    }

    async fn dashboard(&self, state: &AppState, org_id: i64, _lang: Lang) -> AppResult<Vec<Stat>> {
        let polls = state
            .db
            .scalar::<i64>(
                "SELECT COUNT(*) FROM polls WHERE org_id = $1",
                args![org_id],
            )
            .await?
            .unwrap_or(0);
        let answers = state
            .db
            .scalar::<i64>(
                "SELECT COUNT(*) FROM poll_answers WHERE org_id = $1",
                args![org_id],
            )
            .await?
            .unwrap_or(0);
        Ok(vec![
            Stat {
                label: "Peilingen".into(),
                value: polls,
            },
            Stat {
                label: "Antwoorden op peilingen".into(),
                value: answers,
            },
        ])
    }
    async fn personal_data(
        &self,
        state: &AppState,
        org_id: i64,
        person: &Person,
    ) -> AppResult<Option<serde_json::Value>> {
        let user_id = person.id;
        let rows: Vec<(String, String, String, i64)> = state
            .db
            .all(
                "SELECT pr.title, p.question, ch.label, a.created_at FROM poll_answers a \
                 JOIN polls p ON p.component_id = a.component_id AND p.org_id = a.org_id \
                 JOIN poll_choices ch ON ch.id = a.choice_id AND ch.org_id = a.org_id \
                 JOIN components c ON c.id = a.component_id AND c.org_id = a.org_id \
                 JOIN projects pr ON pr.id = c.project_id AND pr.org_id = a.org_id \
                 WHERE a.org_id = $1 AND a.user_id = $2 ORDER BY a.created_at, a.id",
                args![org_id, user_id],
            )
            .await?;
        Ok(Some(serde_json::Value::Array(
            rows.into_iter()
                .map(|(project, question, choice, at)| {
                    serde_json::json!({ "project": project, "question": question, "answer": choice, "answered_at": at })
                })
                .collect(),
        )))
    }
    async fn erase_person(&self, tx: &mut Tx, org_id: i64, person: &Person) -> DbResult<()> {
        let user_id = person.id;
        tx.run(
            "UPDATE poll_answers SET user_id = NULL WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        Ok(())
    }
}

#[async_trait]
impl Component for Poll {
    fn kind(&self) -> &'static str {
        "poll"
    }

    async fn create(&self, tx: &mut Tx, c: &ComponentRef) -> DbResult<()> {
        tx.run(
            "INSERT INTO polls (component_id, org_id, question, is_open) VALUES ($1, $2, '', TRUE)",
            args![c.id, c.org_id],
        )
        .await?;
        Ok(())
    }

    fn staff_url(&self, c: &ComponentRef) -> String {
        format!("/beheer/peilingen/{}", c.id)
    }

    async fn is_ready(&self, state: &AppState, c: &ComponentRef) -> AppResult<bool> {
        let Some(p) = load_poll(state, c.org_id, c.id).await? else {
            return Ok(false);
        };
        if p.question.trim().is_empty() {
            return Ok(false);
        }
        let n = state
            .db
            .scalar::<i64>(
                "SELECT COUNT(*) FROM poll_choices WHERE org_id = $1 AND component_id = $2",
                args![c.org_id, c.id],
            )
            .await?
            .unwrap_or(0);
        Ok(n >= MIN_CHOICES as i64)
    }

    async fn render_public(
        &self,
        state: &AppState,
        ctx: &Ctx,
        c: &ComponentRef,
    ) -> AppResult<String> {
        let Some(p) = load_poll(state, ctx.org.id, c.id).await? else {
            return Ok(String::new());
        };
        let choices = load_choices(state, ctx.org.id, c.id).await?;
        let (total, rows) = results(&choices);
        let project_published = state
            .db
            .scalar::<String>(
                "SELECT status FROM projects WHERE org_id = $1 AND id = $2",
                args![ctx.org.id, c.project_id],
            )
            .await?
            .is_some_and(|s| s == "published");
        let mut my_choice = None;
        let mode = match &ctx.user {
            _ if !project_published && p.is_open && ctx.require(MANAGE).is_ok() => "preview",
            _ if !project_published || !p.is_open => "closed",
            None => "login",
            Some(u) if !u.verified => "verify",
            Some(u) => {
                my_choice = state
                    .db
                    .scalar::<String>(
                        "SELECT ch.label FROM poll_answers a JOIN poll_choices ch ON ch.id = a.choice_id \
                         WHERE a.org_id = $1 AND a.component_id = $2 AND a.user_id = $3",
                        args![ctx.org.id, c.id, u.id],
                    )
                    .await?;
                if my_choice.is_some() {
                    "answered"
                } else {
                    "answer"
                }
            }
        };
        let project_slug = state
            .db
            .scalar::<String>(
                "SELECT slug FROM projects WHERE org_id = $1 AND id = $2",
                args![ctx.org.id, c.project_id],
            )
            .await?
            .unwrap_or_default();
        let back = format!("/projecten/{project_slug}");
        let login_url = format!(
            "/inloggen?terug={}",
            percent_encoding::utf8_percent_encode(&back, percent_encoding::NON_ALPHANUMERIC)
        );
        let tpl = PublicFragment {
            page: ctx.page(String::new()),
            id: c.id,
            question: p.question,
            is_open: p.is_open,
            choices: rows,
            total,
            mode,
            my_choice,
            login_url,
        };
        tpl.render()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))
    }

    async fn export_csv(&self, state: &AppState, c: &ComponentRef) -> AppResult<Vec<u8>> {
        let p = load_poll(state, c.org_id, c.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let choices = load_choices(state, c.org_id, c.id).await?;
        let (total, rows) = results(&choices);
        let mut csv = Csv::new(&["question", "choice", "answers", "percent"])?;
        for r in &rows {
            csv.row(&[&p.question, &r.label, &r.answers, &r.percent])?;
        }
        csv.row(&[&p.question, &"total", &total, &100i64])?;
        csv.into_bytes()
    }

    async fn anonymise_project(&self, tx: &mut Tx, org: i64, project: i64) -> DbResult<u64> {
        tx.run(
            "UPDATE poll_answers SET user_id = NULL WHERE org_id = $1 AND user_id IS NOT NULL AND component_id IN \
             (SELECT id FROM components WHERE org_id = $1 AND project_id = $2)",
            args![org, project],
        )
        .await
    }
}

// ---------------------------------------------------------------------------------------
// Answering

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    choice: String,
}

async fn answer(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<AnswerForm>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.id;
    let org = ctx.org.id;
    // The poll must belong to this municipality and sit in a published project.
    let slug = state
        .db
        .scalar::<String>(
            "SELECT pr.slug FROM polls p JOIN components c ON c.id = p.component_id AND c.org_id = p.org_id \
             JOIN projects pr ON pr.id = c.project_id AND pr.org_id = p.org_id \
             WHERE p.org_id = $1 AND p.component_id = $2 AND pr.status = 'published'",
            args![org, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let Ok(choice) = f.choice.trim().parse::<i64>() else {
        return Err(AppError::BadRequest(ctx.t("poll-error-choose")));
    };
    let mut tx = state.db.begin().await?;
    // The insert only happens for an open poll and one of its own choices; the UNIQUE
    // constraint refuses a second answer, also when many arrive at once.
    let inserted = tx
        .run(
            "INSERT INTO poll_answers (org_id, component_id, choice_id, user_id, created_at) \
             SELECT $1, $2, ch.id, $4, $5 FROM poll_choices ch JOIN polls p ON p.component_id = ch.component_id \
             WHERE ch.org_id = $1 AND ch.component_id = $2 AND ch.id = $3 AND p.is_open = TRUE",
            args![org, id, choice, user, now()],
        )
        .await;
    match inserted {
        Ok(1) => {}
        Ok(_) => {
            drop(tx);
            let open = load_poll(&state, org, id).await?.is_some_and(|p| p.is_open);
            return Err(AppError::BadRequest(ctx.t(if open {
                "poll-error-choose"
            } else {
                "poll-error-closed"
            })));
        }
        Err(DbError::Unique(_)) => {
            drop(tx);
            return Err(AppError::Conflict(ctx.t("poll-error-already")));
        }
        Err(e) => return Err(e.into()),
    }
    tx.run(
        "UPDATE poll_choices SET answers = answers + 1 WHERE org_id = $1 AND component_id = $2 AND id = $3",
        args![org, id, choice],
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/projecten/{slug}?melding=poll-answered#peiling-{id}"
    ))
    .into_response())
}

// ---------------------------------------------------------------------------------------
// Staff screens

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct StaffRef {
    id: i64,
    org_id: i64,
    project_id: i64,
    kind: String,
    title: String,
    position: i64,
    project_title: String,
}

async fn staff_ref(ctx: &Ctx, state: &AppState, id: i64) -> AppResult<(ComponentRef, String)> {
    let r: StaffRef = state
        .db
        .opt(
            "SELECT c.id, c.org_id, c.project_id, c.kind, c.title, c.position, pr.title AS project_title \
             FROM components c JOIN projects pr ON pr.id = c.project_id AND pr.org_id = c.org_id \
             WHERE c.org_id = $1 AND c.id = $2 AND c.kind = 'poll'",
            args![ctx.org.id, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        ComponentRef {
            id: r.id,
            org_id: r.org_id,
            project_id: r.project_id,
            kind: r.kind,
            title: r.title,
            position: r.position,
        },
        r.project_title,
    ))
}

#[derive(Template)]
#[template(path = "poll/staff.html")]
struct StaffPage {
    page: Page,
    c: ComponentRef,
    project_title: String,
    question: String,
    choices_text: String,
    is_open: bool,
    has_answers: bool,
    results: Vec<ChoiceResult>,
    total: i64,
    errors: FieldErrors,
    max_choices: usize,
}

impl StaffPage {
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
}

async fn render_staff(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    input: Option<(String, String)>,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let (c, project_title) = staff_ref(ctx, state, id).await?;
    let p = load_poll(state, ctx.org.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let choices = load_choices(state, ctx.org.id, id).await?;
    let (total, results) = results(&choices);
    let (question, choices_text) = input.unwrap_or_else(|| {
        (
            p.question.clone(),
            choices
                .iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    });
    let tpl = StaffPage {
        page: ctx.page(format!("{}: {}", ctx.t("poll-name"), c.title)),
        c,
        project_title,
        question,
        choices_text,
        is_open: p.is_open,
        has_answers: total > 0,
        results,
        total,
        errors,
        max_choices: MAX_CHOICES,
    };
    let mut res = render(&tpl)?;
    *res.status_mut() = status;
    Ok(res)
}

async fn staff_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(MANAGE)?;
    render_staff(&ctx, &state, id, None, FieldErrors::new(), StatusCode::OK).await
}

#[derive(Deserialize)]
struct PollForm {
    #[serde(default)]
    question: String,
    #[serde(default)]
    choices: String,
}

async fn staff_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<PollForm>,
) -> AppResult<Response> {
    let user = ctx.require(MANAGE)?.id;
    let org = ctx.org.id;
    let (c, _) = staff_ref(&ctx, &state, id).await?;
    let mut errors = FieldErrors::new();
    let question = forms::text(&mut errors, "question", &f.question, 5, 300, ctx.lang);
    let labels = parse_choices(&f.choices);
    if labels.len() < MIN_CHOICES || labels.len() > MAX_CHOICES {
        errors.add("choices", ctx.t("poll-error-count"));
    } else if labels.iter().any(|l| l.chars().count() > 200) {
        errors.add(
            "choices",
            crate::web::i18n::t_args(ctx.lang, "error-too-long", &[("max", "200".into())]),
        );
    } else {
        let mut seen = labels.clone();
        seen.sort();
        seen.dedup();
        if seen.len() != labels.len() {
            errors.add("choices", ctx.t("poll-error-duplicate"));
        }
    }
    let current = load_choices(&state, org, id).await?;
    let unchanged =
        current.len() == labels.len() && current.iter().zip(&labels).all(|(c, l)| &c.label == l);
    if !unchanged && current.iter().any(|c| c.answers > 0) && errors.is_empty() {
        errors.add("choices", ctx.t("poll-error-locked"));
    }
    if !errors.is_empty() {
        return render_staff(
            &ctx,
            &state,
            id,
            Some((f.question, f.choices)),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    tx.run(
        "UPDATE polls SET question = $3 WHERE org_id = $1 AND component_id = $2",
        args![org, id, &question],
    )
    .await?;
    if !unchanged {
        // Only choices nobody picked can go. The condition sits on the row itself, so an
        // answer committed meanwhile keeps its choice (and we refuse below).
        tx.run(
            "DELETE FROM poll_choices WHERE org_id = $1 AND component_id = $2 AND answers = 0",
            args![org, id],
        )
        .await?;
        let left = tx
            .scalar::<i64>(
                "SELECT COUNT(*) FROM poll_choices WHERE org_id = $1 AND component_id = $2",
                args![org, id],
            )
            .await?;
        if left.unwrap_or(0) > 0 {
            drop(tx);
            errors.add("choices", ctx.t("poll-error-locked"));
            return render_staff(
                &ctx,
                &state,
                id,
                Some((f.question, f.choices)),
                errors,
                StatusCode::CONFLICT,
            )
            .await;
        }
        for (i, label) in labels.iter().enumerate() {
            tx.run(
                "INSERT INTO poll_choices (org_id, component_id, label, position) VALUES ($1, $2, $3, $4)",
                args![org, id, label, i],
            )
            .await?;
        }
    }
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(user),
            action: "poll.update",
            object_type: "poll",
            object_id: Some(c.id.to_string()),
            detail: question,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/beheer/peilingen/{id}?melding=saved")).into_response())
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    open: String,
}

async fn staff_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<StatusForm>,
) -> AppResult<Response> {
    let user = ctx.require(MANAGE)?.id;
    let org = ctx.org.id;
    staff_ref(&ctx, &state, id).await?;
    let open = f.open == "1";
    let mut tx = state.db.begin().await?;
    tx.run(
        "UPDATE polls SET is_open = $3 WHERE org_id = $1 AND component_id = $2",
        args![org, id, open],
    )
    .await?;
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(user),
            action: if open { "poll.open" } else { "poll.close" },
            object_type: "poll",
            object_id: Some(id.to_string()),
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    let notice = if open { "poll-opened" } else { "poll-closed" };
    Ok(Redirect::to(&format!("/beheer/peilingen/{id}?melding={notice}")).into_response())
}

async fn staff_export(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(MANAGE)?.id;
    let (c, _) = staff_ref(&ctx, &state, id).await?;
    let body = Poll.export_csv(&state, &c).await?;
    audit::record(
        &state.db,
        Entry {
            org_id: ctx.org.id,
            actor_id: Some(user),
            action: "poll.export",
            object_type: "poll",
            object_id: Some(id.to_string()),
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
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"peiling-{id}.csv\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages() {
        let c = |a| ChoiceRow {
            id: 1,
            label: "x".into(),
            answers: a,
        };
        let (total, r) = results(&[c(1), c(2), c(0)]);
        assert_eq!(total, 3);
        assert_eq!(
            r.iter().map(|r| r.percent).collect::<Vec<_>>(),
            vec![33, 67, 0]
        );
        let (_, r) = results(&[c(0), c(0)]);
        assert!(r.iter().all(|r| r.percent == 0));
    }

    #[test]
    fn choices_and_csv_cells() {
        assert_eq!(parse_choices(" Ja \n\n Nee\r\n"), vec!["Ja", "Nee"]);
        assert_eq!(crate::web::csv::guard("=1+1"), "'=1+1");
        assert_eq!(crate::web::csv::guard("Ja"), "Ja");
    }
}
