//! The ballot component: the vote of participatory budgeting. Residents choose among the
//! accepted ideas of an ideas component in the same project, by count, by budget or by a
//! budget per area (one area or all areas), during a
//! voting window; verified members and/or holders of a voting code may vote, and staff enter
//! paper ballots. Every rule comes from the pure `domain` crate (validation, remaining budget,
//! tally, winner selection with its tie rule); see [`store::cast`] for the transaction.
//!
//! Routes:
//! - `/stemmen/{id}`: the ballot page (GET), `/stemmen/{id}/controleren` (review step),
//!   `/stemmen/{id}/kiezen` (back to the ballot with the choices kept), `/stemmen/{id}/bevestigen`
//!   (cast), `/stemmen/{id}/code` (voting code), `/stemmen/{id}/bedankt`, `/stemmen/{id}/uitslag`.
//! - `/beheer/stemmen/{id}` (settings), `/codes`, `/papier`, `/publiceren`, `/export.csv`,
//!   `/pabulib.pb` (Pabulib export for researchers).

mod api;
pub mod eligibility;
pub mod public;
pub mod staff;
pub mod store;

use std::collections::BTreeMap;

use askama::Template;
use async_trait::async_trait;

use super::{Component, ComponentRef};
use crate::args;
use crate::db::{now, DbResult, Tx};
use crate::module::{Module, Perm, Person, Routes, Stat};
use crate::state::{AppState, ModuleState};
use crate::web::csv::Csv;
use crate::web::i18n::Lang;
use crate::web::{AppError, AppResult, Ctx, Page};

pub struct Ballot;

/// Set up ballots, make voting codes, enter paper ballots, publish results.
pub const MANAGE: Perm = Perm("ballot.manage");

/// An idea in the results, with its outcome in words.
pub struct ResultRow {
    pub rank: u32,
    pub idea_id: i64,
    pub title: String,
    pub votes: i64,
    pub cost: i64,
    /// Share of the ballots, whole percent (0–100), for the bar.
    pub percent: i64,
    /// "selected", "skipped", "below", "none".
    pub outcome: &'static str,
}

pub struct Results {
    pub rows: Vec<ResultRow>,
    pub online: i64,
    pub paper: i64,
    pub budget_used: i64,
    pub budget_left: Option<i64>,
}

/// Ranks the ideas on the ballot by the counters and applies the winner rule.
pub async fn compute_results(state: &AppState, s: &store::Settings) -> DbResult<Results> {
    let on_ballot = store::ballot_ideas(state, s).await?;
    let ideas = &on_ballot.ideas;
    let tally = store::tallies(state, s.org_id, s.component_id).await?;
    let (online, paper) = store::turnout(state, s.org_id, s.component_id).await?;
    let sel = domain::select_winners(&s.winner_rule(), &store::domain_ideas(ideas), &tally);
    let titles: BTreeMap<i64, &str> = ideas.iter().map(|i| (i.id, i.title.as_str())).collect();
    let total = online + paper;
    let rows = sel
        .ranking
        .iter()
        .map(|r| ResultRow {
            rank: r.rank,
            idea_id: r.idea_id,
            title: titles.get(&r.idea_id).unwrap_or(&"").to_string(),
            votes: r.votes,
            cost: r.cost,
            percent: if total > 0 {
                (r.votes * 100 + total / 2) / total
            } else {
                0
            },
            outcome: match r.outcome {
                domain::Outcome::Selected => "selected",
                domain::Outcome::DoesNotFit { .. } => "skipped",
                domain::Outcome::BelowCut => "below",
                domain::Outcome::NoVotes | domain::Outcome::OutsideAreas => "none",
            },
        })
        .collect();
    Ok(Results {
        rows,
        online,
        paper,
        budget_used: sel.budget_used,
        budget_left: sel.budget_left,
    })
}

pub use crate::web::i18n::euros;

#[derive(Template)]
#[template(path = "ballot/public.html")]
struct PublicFragment {
    page: Page,
    id: i64,
    /// "open", "soon", "closed", "unset".
    state: &'static str,
    opens: String,
    closes: String,
    published: bool,
    ideas: usize,
    voted: bool,
}

#[async_trait]
impl Module for Ballot {
    fn key(&self) -> &'static str {
        "ballot"
    }

    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "ballot-name")
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .get("/stemmen/{id}", public::ballot_page)
            .post("/stemmen/{id}/kiezen", public::back_to_ballot)
            .post("/stemmen/{id}/controleren", public::review)
            .post("/stemmen/{id}/bevestigen", public::confirm)
            .get("/stemmen/{id}/code", public::code_page)
            .post("/stemmen/{id}/code", public::code_enter)
            .get("/stemmen/{id}/bedankt", public::thanks)
            .get("/stemmen/{id}/uitslag", public::results_page)
            .get("/beheer/stemmen/{id}", staff::settings_page)
            .post("/beheer/stemmen/{id}", staff::settings_save)
            .post("/beheer/stemmen/{id}/codes", staff::generate_codes)
            .get("/beheer/stemmen/{id}/papier", staff::paper_page)
            .post("/beheer/stemmen/{id}/papier", staff::paper_save)
            .post("/beheer/stemmen/{id}/publiceren", staff::publish)
            .get("/beheer/stemmen/{id}/export.csv", staff::export)
            .get("/beheer/stemmen/{id}/pabulib.pb", staff::pabulib)
            .get(api::RESULTS, api::results)
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        Some(api::openapi())
    }

    fn init(&self, state: &mut ModuleState) {
        state.insert(crate::versioned::Versioned::<store::BallotIdeas>::default());
    }

    fn grants(&self) -> &'static [(&'static str, Perm)] {
        &[("editor", MANAGE)]
    }

    fn ip_buckets(&self) -> &'static [&'static str] {
        &["ballot-code-ip"]
    }

    fn component(&self) -> Option<&dyn Component> {
        Some(self)
    }

    async fn dashboard(&self, state: &AppState, org_id: i64, _lang: Lang) -> AppResult<Vec<Stat>> {
        let (online, paper): (i64, i64) = state
            .db
            .one(
                "SELECT CAST(COALESCE(SUM(CASE WHEN channel = 'online' THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN channel = 'paper' THEN 1 ELSE 0 END), 0) AS BIGINT) \
                 FROM ballots WHERE org_id = $1",
                args![org_id],
            )
            .await?;
        Ok(vec![
            Stat {
                label: "Uitgebrachte stemmen (online)".into(),
                value: online,
            },
            Stat {
                label: "Uitgebrachte stemmen (papier)".into(),
                value: paper,
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
        let ballots: Vec<(i64, String, i64, i64, Option<String>, String)> = state
            .db
            .all(
                "SELECT b.id, c.title, b.created_at, b.updated_at, b.birth_date, b.choices FROM ballots b \
                 JOIN components c ON c.id = b.component_id AND c.org_id = b.org_id \
                 WHERE b.org_id = $1 AND b.user_id = $2 ORDER BY b.id",
                args![org_id, user_id],
            )
            .await?;
        // The titles of the ideas on those ballots' ideas components; a chosen idea that was
        // removed since has none and is left out.
        let titles: std::collections::HashMap<i64, String> = state
            .db
            .all::<(i64, String)>(
                "SELECT i.id, i.title FROM ideas i WHERE i.org_id = $1 AND i.component_id IN ( \
                 SELECT s.ideas_component_id FROM ballots b \
                 JOIN ballot_settings s ON s.component_id = b.component_id \
                 WHERE b.org_id = $1 AND b.user_id = $2)",
                args![org_id, user_id],
            )
            .await?
            .into_iter()
            .collect();
        Ok(Some(serde_json::Value::Array(
            ballots
                .into_iter()
                .map(|(_id, title, created, updated, birth_date, choices)| {
                    let ideas: Vec<&str> = store::parse_choices(&choices)
                        .iter()
                        .filter_map(|i| titles.get(i).map(String::as_str))
                        .collect();
                    serde_json::json!({ "ballot": title, "ideas": ideas, "cast_at": created, "changed_at": updated, "birth_date": birth_date })
                })
                .collect(),
        )))
    }

    async fn erase_person(&self, tx: &mut Tx, org_id: i64, person: &Person) -> DbResult<()> {
        let user_id = person.id;
        // The ballot keeps counting; only the link to the person goes.
        tx.run(
            "UPDATE ballots SET voter_key = 'x:' || CAST(id AS TEXT), user_id = NULL, birth_date = NULL \
             WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        Ok(())
    }
}

#[async_trait]
impl Component for Ballot {
    fn kind(&self) -> &'static str {
        "ballot"
    }

    async fn create(&self, tx: &mut Tx, c: &ComponentRef) -> DbResult<()> {
        tx.run(
            "INSERT INTO ballot_settings (component_id, org_id) VALUES ($1, $2)",
            args![c.id, c.org_id],
        )
        .await?;
        Ok(())
    }

    fn staff_url(&self, c: &ComponentRef) -> String {
        format!("/beheer/stemmen/{}", c.id)
    }

    async fn is_ready(&self, state: &AppState, c: &ComponentRef) -> AppResult<bool> {
        Ok(store::load_settings(state, c.org_id, c.id)
            .await?
            .is_some_and(|s| s.configured && s.ideas_component_id.is_some()))
    }

    async fn render_public(
        &self,
        state: &AppState,
        ctx: &Ctx,
        c: &ComponentRef,
    ) -> AppResult<String> {
        let Some(s) = store::load_settings(state, ctx.org.id, c.id).await? else {
            return Ok(String::new());
        };
        let ideas = store::ballot_ideas(state, &s).await?.ideas.len();
        let voted = match &ctx.user {
            Some(u) => store::my_choices(state, ctx.org.id, c.id, &store::member_key(u.id))
                .await?
                .is_some(),
            None => false,
        };
        let tpl = PublicFragment {
            page: ctx.page(String::new()),
            id: c.id,
            state: match s.window(now()) {
                store::Window::Open => "open",
                store::Window::NotYetOpen => "soon",
                store::Window::Closed => "closed",
                store::Window::NotConfigured => "unset",
            },
            opens: s
                .opens_at
                .map(domain::calendar::format_local)
                .unwrap_or_default(),
            closes: s
                .closes_at
                .map(domain::calendar::format_local)
                .unwrap_or_default(),
            published: s.results_published_at.is_some(),
            ideas,
            voted,
        };
        tpl.render()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))
    }

    async fn export_csv(&self, state: &AppState, c: &ComponentRef) -> AppResult<Vec<u8>> {
        let s = store::load_settings(state, c.org_id, c.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let r = compute_results(state, &s).await?;
        let mut csv = Csv::new(&["rank", "idea_id", "title", "votes", "cost", "outcome"])?;
        for row in &r.rows {
            csv.row(&[
                &row.rank,
                &row.idea_id,
                &row.title,
                &row.votes,
                &row.cost,
                &row.outcome,
            ])?;
        }
        csv.row(&[&"", &"", &"ballots_online", &r.online, &"", &""])?;
        csv.row(&[&"", &"", &"ballots_paper", &r.paper, &"", &""])?;
        csv.into_bytes()
    }

    async fn anonymise_project(&self, tx: &mut Tx, org: i64, project: i64) -> DbResult<u64> {
        // The ballot keeps its choices and counts; only who cast it goes.
        tx.run(
            "UPDATE ballots SET voter_key = 'x:' || CAST(id AS TEXT), user_id = NULL, code_id = NULL \
             WHERE org_id = $1 AND (user_id IS NOT NULL OR code_id IS NOT NULL) AND component_id IN \
             (SELECT id FROM components WHERE org_id = $1 AND project_id = $2)",
            args![org, project],
        )
        .await
    }
}
