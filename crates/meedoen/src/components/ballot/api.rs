//! `/api/v1/stemmingen/{id}/uitslag`: the results of a ballot, only once staff published them.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::api::{json_response, string_enum, Problem};
use crate::args;
use crate::state::AppState;
use crate::web::{AppError, AppResult, Ctx};

/// `{id}` is the ballot component's id.
pub const RESULTS: &str = "/api/v1/stemmingen/{id}/uitslag";

#[derive(OpenApi)]
#[openapi(paths(results))]
struct BallotApi;

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    BallotApi::openapi()
}

string_enum!(
    /// How residents vote: a number of ideas, a budget, or a budget per area.
    BallotType(String) = ["count", "budget", "per_area"]
);

string_enum!(
    /// What the winner rule decided for an idea: chosen, passed over because it no longer
    /// fit the budget, below the cut, or not in the running (no votes, outside the areas).
    Outcome(&'static str) = ["selected", "skipped", "below", "none"]
);

#[derive(Serialize, ToSchema)]
struct BallotResults {
    /// The ballot's id.
    component_id: i64,
    /// The project's slug.
    project: String,
    ballot_type: BallotType,
    /// Unix seconds.
    published_at: i64,
    /// The budget in euros, for budget ballots.
    #[schema(required)]
    budget: Option<i64>,
    /// Euros the selected ideas cost together, for budget ballots.
    #[schema(required)]
    budget_used: Option<i64>,
    ballots: BallotCounts,
    ranking: Vec<RankedIdea>,
}

/// Ballots cast.
#[derive(Serialize, ToSchema)]
struct BallotCounts {
    online: i64,
    paper: i64,
    total: i64,
}

#[derive(Serialize, ToSchema)]
struct RankedIdea {
    rank: u32,
    idea_id: i64,
    title: String,
    votes: i64,
    /// Euros.
    cost: i64,
    /// Share of the ballots in whole percent.
    #[schema(minimum = 0, maximum = 100)]
    percent: i64,
    outcome: Outcome,
    /// The idea's page.
    url: String,
}

/// The published results of a ballot.
#[utoipa::path(
    get,
    path = RESULTS,
    operation_id = "getBallotResults",
    tag = "stemmingen",
    summary = "Uitslag van een stemming; pas beschikbaar als de uitslag is gepubliceerd",
    params(("id" = i64, Path, description = "Id van de stemming (het onderdeel)")),
    responses(
        (status = 200, description = "De uitslag", body = BallotResults),
        (status = 404, description = "Niet gevonden of nog niet gepubliceerd", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn results(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let project: String = state
        .db
        .scalar(
            "SELECT pr.slug FROM components c JOIN projects pr ON pr.id = c.project_id AND pr.org_id = c.org_id \
             WHERE c.org_id = $1 AND c.id = $2 AND c.kind = 'ballot' AND pr.status IN ('published', 'closed')",
            args![org, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let s = super::store::load_settings(&state, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(published_at) = s.results_published_at else {
        return Err(AppError::NotFound);
    };
    let r = super::compute_results(&state, &s).await?;
    let budget = s.is_budget();
    Ok(json_response(&BallotResults {
        component_id: id,
        project,
        budget: budget.then(|| s.total_budget()),
        budget_used: budget.then_some(r.budget_used),
        ballot_type: BallotType(s.ballot_type),
        published_at,
        ballots: BallotCounts {
            online: r.online,
            paper: r.paper,
            total: r.online + r.paper,
        },
        ranking: r
            .rows
            .into_iter()
            .map(|row| RankedIdea {
                url: format!("/ideeen/{}", row.idea_id),
                rank: row.rank,
                idea_id: row.idea_id,
                title: row.title,
                votes: row.votes,
                cost: row.cost,
                percent: row.percent,
                outcome: Outcome(row.outcome),
            })
            .collect(),
    }))
}
