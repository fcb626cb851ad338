//! `/api/v1/peilingen/{id}/uitslag`: the results of a poll in a published project.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::api::{json_response, Problem};
use crate::args;
use crate::state::AppState;
use crate::web::{AppError, AppResult, Ctx};

/// `{id}` is the poll component's id.
pub const RESULTS: &str = "/api/v1/peilingen/{id}/uitslag";

#[derive(OpenApi)]
#[openapi(paths(results))]
struct PollApi;

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    PollApi::openapi()
}

#[derive(Serialize, ToSchema)]
struct PollResults {
    question: String,
    /// Members can still answer.
    open: bool,
    /// The project's slug.
    project: String,
    /// Answers given.
    total: i64,
    choices: Vec<PollChoice>,
}

#[derive(Serialize, ToSchema)]
struct PollChoice {
    id: i64,
    label: String,
    answers: i64,
    /// Share of the answers in whole percent (rounded, so the shares may not add up to 100).
    #[schema(minimum = 0, maximum = 100)]
    percent: i64,
}

/// The results of a poll.
#[utoipa::path(
    get,
    path = RESULTS,
    operation_id = "getPollResults",
    tag = "peilingen",
    summary = "Uitslag van een peiling in een gepubliceerd project",
    params(("id" = i64, Path, description = "Id van de peiling (het onderdeel)")),
    responses(
        (status = 200, description = "De uitslag", body = PollResults),
        (status = 404, description = "Niet gevonden", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn results(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let (question, open, project): (String, bool, String) = state
        .db
        .opt(
            "SELECT p.question, p.is_open, pr.slug FROM polls p \
             JOIN components c ON c.id = p.component_id AND c.org_id = p.org_id \
             JOIN projects pr ON pr.id = c.project_id AND pr.org_id = p.org_id \
             WHERE p.org_id = $1 AND p.component_id = $2 AND pr.status IN ('published', 'closed')",
            args![org, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let choices = super::load_choices(&state, org, id).await?;
    let (total, rows) = super::results(&choices);
    Ok(json_response(&PollResults {
        question,
        open,
        project,
        total,
        choices: rows
            .into_iter()
            .map(|r| PollChoice {
                id: r.id,
                label: r.label,
                answers: r.answers,
                percent: r.percent,
            })
            .collect(),
    }))
}
