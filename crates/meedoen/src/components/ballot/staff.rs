//! Staff screens of the ballot component: settings, voting codes, paper ballots, publishing
//! the results and the CSV export. All behind `require(super::MANAGE)`.

use std::collections::BTreeSet;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::public::{cast_error, parse_form, rules_text};
use super::store::{self, CastError, Settings, Voter};
use super::{euros, Ballot};
use crate::args;
use crate::audit::{self, Entry};
use crate::components::{Component, ComponentRef};
use crate::db::now;
use crate::state::AppState;
use crate::web::csv::Csv;
use crate::web::forms::FieldErrors;
use crate::web::{render, AppError, AppResult, Ctx, Page};

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

async fn staff_ref(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
) -> AppResult<(ComponentRef, String, Settings)> {
    let r: StaffRef = state
        .db
        .opt(
            "SELECT c.id, c.org_id, c.project_id, c.kind, c.title, c.position, pr.title AS project_title \
             FROM components c JOIN projects pr ON pr.id = c.project_id AND pr.org_id = c.org_id \
             WHERE c.org_id = $1 AND c.id = $2 AND c.kind = 'ballot'",
            args![ctx.org.id, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let s = store::load_settings(state, ctx.org.id, id)
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
        s,
    ))
}

/// What the settings form shows and posts, as text so input is kept on error.
#[derive(Deserialize, Default, Clone)]
pub struct SettingsForm {
    #[serde(default)]
    ideas_component_id: String,
    #[serde(default)]
    ballot_type: String,
    #[serde(default)]
    min_count: String,
    #[serde(default)]
    max_count: String,
    #[serde(default)]
    min_budget: String,
    #[serde(default)]
    max_budget: String,
    #[serde(default)]
    winners: String,
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    closes_at: String,
    #[serde(default)]
    allow_members: String,
    #[serde(default)]
    allow_codes: String,
    #[serde(default)]
    confirm_step: String,
    #[serde(default)]
    area_scope: String,
    /// Minimum age of voters; empty for none.
    #[serde(default)]
    min_age: String,
    /// per_area ballots: each area's rule as typed; posted as `area_{id}_kind/min/max/winners`.
    #[serde(skip)]
    areas: Vec<AreaInput>,
}

/// One row of the per-area table, as typed.
#[derive(Default, Clone)]
pub struct AreaInput {
    pub area_id: i64,
    /// "budget" or "count".
    pub kind: String,
    pub min: String,
    pub max: String,
    pub winners: String,
}

/// A row of the per-area table on the page: every area of the municipality.
pub struct AreaRow {
    pub id: i64,
    pub name: String,
    pub input: AreaInput,
}

impl AreaRow {
    pub fn is_count(&self) -> bool {
        self.input.kind == "count"
    }
}

impl SettingsForm {
    fn from_settings(s: &Settings) -> Self {
        let flag = |b: bool| if b { "1".to_string() } else { String::new() };
        SettingsForm {
            ideas_component_id: s
                .ideas_component_id
                .map(|i| i.to_string())
                .unwrap_or_default(),
            ballot_type: s.ballot_type.clone(),
            min_count: s.min_count.to_string(),
            max_count: s.max_count.to_string(),
            min_budget: s.min_budget.to_string(),
            max_budget: s.max_budget.to_string(),
            winners: s.winners.to_string(),
            opens_at: s
                .opens_at
                .map(domain::calendar::format_local_input)
                .unwrap_or_default(),
            closes_at: s
                .closes_at
                .map(domain::calendar::format_local_input)
                .unwrap_or_default(),
            allow_members: flag(s.allow_members),
            allow_codes: flag(s.allow_codes),
            confirm_step: flag(s.confirm_step),
            area_scope: s.area_scope.clone(),
            min_age: s.min_age.map(|a| a.to_string()).unwrap_or_default(),
            areas: s
                .areas
                .iter()
                .map(|a| {
                    let (min, max) = if a.is_count() {
                        (a.min_count, a.max_count)
                    } else {
                        (a.min_budget, a.max_budget)
                    };
                    AreaInput {
                        area_id: a.area_id,
                        kind: a.rule_kind.clone(),
                        min: min.to_string(),
                        max: max.to_string(),
                        winners: if a.is_count() {
                            a.winners.to_string()
                        } else {
                            String::new()
                        },
                    }
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "ballot/staff.html")]
struct StaffPage {
    page: Page,
    c: ComponentRef,
    project_title: String,
    f: SettingsForm,
    idea_components: Vec<(i64, String)>,
    errors: FieldErrors,
    online: i64,
    paper: i64,
    codes: i64,
    ideas_on_ballot: usize,
    closed: bool,
    published: bool,
    max_codes: i64,
    /// Every area of the municipality with the typed rule.
    area_inputs: Vec<AreaRow>,
}

impl StaffPage {
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
    fn selected(&self, id: &i64) -> bool {
        self.f.ideas_component_id == id.to_string()
    }
}

async fn idea_components(
    state: &AppState,
    org: i64,
    project: i64,
) -> AppResult<Vec<(i64, String)>> {
    Ok(state
        .db
        .all(
            "SELECT id, title FROM components WHERE org_id = $1 AND project_id = $2 AND kind = 'ideas' ORDER BY position, id",
            args![org, project],
        )
        .await?)
}

async fn render_settings(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    input: Option<SettingsForm>,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let (c, project_title, s) = staff_ref(ctx, state, id).await?;
    let (online, paper) = store::turnout(state, ctx.org.id, id).await?;
    let codes = state
        .db
        .scalar::<i64>(
            "SELECT COUNT(*) FROM ballot_codes WHERE org_id = $1 AND component_id = $2",
            args![ctx.org.id, id],
        )
        .await?
        .unwrap_or(0);
    let ideas_on_ballot = store::ballot_ideas(state, &s).await?.ideas.len();
    let f = input.unwrap_or_else(|| SettingsForm::from_settings(&s));
    let area_inputs = store::area_names(state, ctx.org.id)
        .await?
        .into_iter()
        .map(|(a, name)| AreaRow {
            id: a,
            name,
            input: f
                .areas
                .iter()
                .find(|x| x.area_id == a)
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let tpl = StaffPage {
        page: ctx.page(format!("{}: {}", ctx.t("ballot-name"), c.title)),
        idea_components: idea_components(state, ctx.org.id, c.project_id).await?,
        c,
        project_title,
        f,
        area_inputs,
        errors,
        online,
        paper,
        codes,
        ideas_on_ballot,
        closed: s.window(now()) == store::Window::Closed,
        published: s.results_published_at.is_some(),
        max_codes: store::MAX_CODES_PER_BATCH,
    };
    let mut res = render(&tpl)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn settings_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(super::MANAGE)?;
    render_settings(&ctx, &state, id, None, FieldErrors::new(), StatusCode::OK).await
}

fn number(errors: &mut FieldErrors, field: &'static str, raw: &str, ctx: &Ctx) -> i64 {
    match raw.trim().replace('.', "").parse::<i64>() {
        Ok(n) if n >= 0 => n,
        _ => {
            errors.add(field, ctx.t("ballot-error-number"));
            0
        }
    }
}

pub async fn settings_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: String,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    let org = ctx.org.id;
    let (c, _, old) = staff_ref(&ctx, &state, id).await?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    let mut f = SettingsForm::default();
    let mut typed: std::collections::BTreeMap<i64, AreaInput> = Default::default();
    for (k, v) in pairs {
        match k.as_str() {
            "ideas_component_id" => f.ideas_component_id = v,
            "ballot_type" => f.ballot_type = v,
            "min_count" => f.min_count = v,
            "max_count" => f.max_count = v,
            "min_budget" => f.min_budget = v,
            "max_budget" => f.max_budget = v,
            "winners" => f.winners = v,
            "opens_at" => f.opens_at = v,
            "closes_at" => f.closes_at = v,
            "allow_members" => f.allow_members = v,
            "allow_codes" => f.allow_codes = v,
            "confirm_step" => f.confirm_step = v,
            "area_scope" => f.area_scope = v,
            "min_age" => f.min_age = v,
            other => {
                let Some(rest) = other.strip_prefix("area_") else {
                    continue;
                };
                let (a, which) = rest.split_once('_').unwrap_or((rest, ""));
                let Ok(a) = a.parse::<i64>() else { continue };
                let e = typed.entry(a).or_default();
                e.area_id = a;
                match which {
                    "kind" => e.kind = v,
                    "min" => e.min = v,
                    "max" => e.max = v,
                    "winners" => e.winners = v,
                    _ => {}
                }
            }
        }
    }
    let known = store::area_names(&state, org).await?;
    f.areas = typed
        .into_iter()
        .filter(|(a, _)| known.contains_key(a))
        .map(|(_, input)| input)
        .collect();
    let mut errors = FieldErrors::new();
    let choices = idea_components(&state, org, c.project_id).await?;
    let ideas_cid = f.ideas_component_id.trim().parse::<i64>().ok();
    if !ideas_cid.is_some_and(|i| choices.iter().any(|(c, _)| *c == i)) {
        errors.add("ideas_component_id", ctx.t("ballot-error-ideas-component"));
    }
    let per_area = f.ballot_type == "per_area";
    let budget = match f.ballot_type.as_str() {
        "budget" | "per_area" => true,
        "count" => false,
        _ => {
            errors.add("ballot_type", ctx.t("ballot-error-type"));
            true
        }
    };
    let mut area_rules: Vec<store::AreaSetting> = Vec::new();
    let area_scope = if f.area_scope == "one" { "one" } else { "all" };
    let (min_count, max_count, min_budget, max_budget, winners) = if per_area {
        // An area takes part when it has a maximum (budget or number of ideas).
        for input in &f.areas {
            let a = &input.area_id;
            if input.max.trim().is_empty() {
                continue;
            }
            let mut bad = false;
            let mut parse = |raw: &str| match raw.trim().replace('.', "").parse::<i64>() {
                Ok(n) if n >= 0 => n,
                _ if raw.trim().is_empty() => 0,
                _ => {
                    bad = true;
                    0
                }
            };
            let (lo, hi) = (parse(&input.min), parse(&input.max));
            let count = input.kind == "count";
            let winners = if count { parse(&input.winners) } else { 0 };
            if count && (lo > i64::from(u32::MAX) || hi > i64::from(u32::MAX)) {
                bad = true;
            }
            if bad {
                errors.add(
                    "areas",
                    format!(
                        "{}: {}",
                        known.get(a).cloned().unwrap_or_default(),
                        ctx.t("ballot-error-number")
                    ),
                );
            }
            area_rules.push(if count {
                store::AreaSetting {
                    area_id: *a,
                    rule_kind: "count".into(),
                    min_budget: 0,
                    max_budget: 0,
                    min_count: lo,
                    max_count: hi,
                    winners,
                }
            } else {
                store::AreaSetting {
                    area_id: *a,
                    rule_kind: "budget".into(),
                    min_budget: lo,
                    max_budget: hi,
                    min_count: 0,
                    max_count: 0,
                    winners: 0,
                }
            });
        }
        (
            old.min_count,
            old.max_count,
            old.min_budget,
            old.max_budget,
            old.winners,
        )
    } else if budget {
        // The fields of the other ballot type keep their stored values.
        (
            old.min_count,
            old.max_count,
            number(&mut errors, "min_budget", &f.min_budget, &ctx),
            number(&mut errors, "max_budget", &f.max_budget, &ctx),
            old.winners,
        )
    } else {
        (
            number(&mut errors, "min_count", &f.min_count, &ctx),
            number(&mut errors, "max_count", &f.max_count, &ctx),
            old.min_budget,
            old.max_budget,
            number(&mut errors, "winners", &f.winners, &ctx),
        )
    };
    if !budget && (min_count > i64::from(u32::MAX) || max_count > i64::from(u32::MAX)) {
        errors.add("max_count", ctx.t("ballot-error-number"));
    }
    let opens = domain::calendar::parse_local_input(&f.opens_at);
    let closes = domain::calendar::parse_local_input(&f.closes_at);
    if opens.is_none() {
        errors.add("opens_at", ctx.t("ballot-error-date"));
    }
    if closes.is_none() {
        errors.add("closes_at", ctx.t("ballot-error-date"));
    }
    if let (Some(o), Some(c)) = (opens, closes) {
        if c <= o {
            errors.add("closes_at", ctx.t("ballot-error-window"));
        }
    }
    let min_age = match f.min_age.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(n) if (0..=130).contains(&n) => Some(n),
            _ => {
                errors.add("min_age", ctx.t("ballot-error-min-age"));
                None
            }
        },
    };
    let allow_members = f.allow_members == "1";
    let allow_codes = f.allow_codes == "1";
    if !allow_members && !allow_codes {
        errors.add("allow_members", ctx.t("ballot-error-who"));
    }
    let kind = if per_area {
        "per_area"
    } else if budget {
        "budget"
    } else {
        "count"
    };
    if errors.is_empty() {
        let probe = Settings {
            component_id: id,
            org_id: org,
            ideas_component_id: ideas_cid,
            ballot_type: kind.into(),
            min_count,
            max_count,
            min_budget,
            max_budget,
            winners,
            opens_at: opens,
            closes_at: closes,
            allow_members,
            allow_codes,
            confirm_step: f.confirm_step == "1",
            configured: true,
            results_published_at: None,
            area_scope: area_scope.into(),
            min_age,
            // A probe of the rules only: never written, so no version.
            version: 0,
            areas: area_rules.clone(),
            area_names: known.clone(),
        };
        if let Err(e) = probe.rules().check() {
            let field = match (&e, budget) {
                _ if per_area => "areas",
                (domain::RulesError::ZeroMax { .. }, _) => "max_count",
                (_, true) => "max_budget",
                (_, false) => "min_count",
            };
            errors.add(
                field,
                match ctx.lang {
                    crate::web::i18n::Lang::Nl => e.message_nl(),
                    crate::web::i18n::Lang::En => e.message_en(),
                },
            );
        }
    }
    if !errors.is_empty() {
        return render_settings(
            &ctx,
            &state,
            id,
            Some(f),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    let n = tx
        .run(
            "UPDATE ballot_settings SET ideas_component_id = $3, ballot_type = $4, min_count = $5, max_count = $6, \
             min_budget = $7, max_budget = $8, winners = $9, opens_at = $10, closes_at = $11, allow_members = $12, \
             allow_codes = $13, confirm_step = $14, area_scope = $15, min_age = $16, configured = TRUE \
             WHERE org_id = $1 AND component_id = $2 AND results_published_at IS NULL \
             AND (NOT EXISTS (SELECT 1 FROM ballots b WHERE b.component_id = $2) \
                  OR (ideas_component_id = $3 AND ballot_type = $4 AND min_count = $5 AND max_count = $6 \
                      AND min_budget = $7 AND max_budget = $8 AND area_scope = $15 \
                      AND COALESCE(min_age, -1) = COALESCE($16, -1)))",
            args![
                org,
                id,
                ideas_cid,
                kind,
                min_count,
                max_count,
                min_budget,
                max_budget,
                winners,
                opens,
                closes,
                allow_members,
                allow_codes,
                f.confirm_step == "1",
                area_scope,
                min_age
            ],
        )
        .await?;
    let mut locked = n == 0;
    if !locked && per_area {
        let cast = tx
            .scalar::<i64>(
                "SELECT COUNT(*) FROM ballots WHERE org_id = $1 AND component_id = $2",
                args![org, id],
            )
            .await?
            .unwrap_or(0);
        // What a voter's ballot was checked against; the winners of a count area only
        // matter for the results and may still change.
        let rules_of = |v: &[store::AreaSetting]| -> Vec<store::AreaSetting> {
            v.iter()
                .map(|a| store::AreaSetting {
                    winners: 0,
                    ..a.clone()
                })
                .collect()
        };
        if cast > 0 && rules_of(&old.areas) != rules_of(&area_rules) {
            locked = true;
        } else {
            tx.run(
                "DELETE FROM ballot_area_rules WHERE org_id = $1 AND component_id = $2",
                args![org, id],
            )
            .await?;
            for a in &area_rules {
                tx.run(
                    "INSERT INTO ballot_area_rules (org_id, component_id, area_id, rule_kind, min_budget, max_budget, \
                     min_count, max_count, winners) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    args![
                        org,
                        id,
                        a.area_id,
                        &a.rule_kind,
                        a.min_budget,
                        a.max_budget,
                        a.min_count,
                        a.max_count,
                        a.winners
                    ],
                )
                .await?;
            }
        }
    }
    if locked {
        // Published results, or rules (minimum age included) changed after ballots were
        // cast: the ballots already cast were checked against the old rules, so the rules
        // stay as they are.
        drop(tx);
        let (_, _, now_s) = staff_ref(&ctx, &state, id).await?;
        if now_s.results_published_at.is_some() {
            return Err(AppError::Conflict(ctx.t("ballot-error-published")));
        }
        errors.add("ballot_type", ctx.t("ballot-error-rules-locked"));
        return render_settings(&ctx, &state, id, Some(f), errors, StatusCode::CONFLICT).await;
    }
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(user),
            action: "ballot.settings",
            object_type: "ballot",
            object_id: Some(id.to_string()),
            detail: format!(
                "{} {}-{} / {}-{}",
                kind, min_count, max_count, min_budget, max_budget
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/beheer/stemmen/{id}?melding=saved")).into_response())
}

#[derive(Deserialize)]
pub struct CodesForm {
    #[serde(default)]
    count: String,
}

/// Generates voting codes and hands them out once, as a CSV download for the mail merge.
pub async fn generate_codes(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<CodesForm>,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    staff_ref(&ctx, &state, id).await?;
    let n = match f.count.trim().parse::<i64>() {
        Ok(n) if (1..=store::MAX_CODES_PER_BATCH).contains(&n) => n,
        _ => {
            let mut errors = FieldErrors::new();
            errors.add("count", ctx.t("ballot-error-code-count"));
            return render_settings(
                &ctx,
                &state,
                id,
                None,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = state.db.begin().await?;
    let codes = store::generate_codes(&mut tx, ctx.org.id, id, n).await?;
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: ctx.org.id,
            actor_id: Some(user),
            action: "ballot.codes",
            object_type: "ballot",
            object_id: Some(id.to_string()),
            detail: n.to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    // One row per letter: the code and where to use it.
    let url = format!(
        "{}/stemmen/{id}/code",
        state.config.base_url.trim_end_matches('/')
    );
    let mut csv = Csv::new(&["code", "url"])?;
    for c in &codes {
        csv.row(&[&store::grouped(c), &url])?;
    }
    csv.download(&format!("stemcodes-{id}.csv"))
}

pub struct PaperIdea {
    pub id: i64,
    pub title: String,
    pub cost: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "ballot/paper.html")]
struct PaperPage {
    page: Page,
    id: i64,
    rules: String,
    ideas: Vec<PaperIdea>,
    error: Option<String>,
    paper: i64,
    published: bool,
}

async fn render_paper(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    chosen: &[i64],
    error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let (c, _, s) = staff_ref(ctx, state, id).await?;
    let on_ballot = store::ballot_ideas(state, &s).await?;
    let ideas = &on_ballot.ideas;
    let (_, paper) = store::turnout(state, ctx.org.id, id).await?;
    let mut res = render(&PaperPage {
        page: ctx.page(format!("{}: {}", ctx.t("ballot-paper-title"), c.title)),
        id,
        rules: rules_text(ctx.lang, &s),
        ideas: ideas
            .iter()
            .map(|i| PaperIdea {
                id: i.id,
                title: i.title.clone(),
                cost: euros(ctx.lang, i.cost),
                checked: chosen.contains(&i.id),
            })
            .collect(),
        error,
        paper,
        published: s.results_published_at.is_some(),
    })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn paper_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(super::MANAGE)?;
    render_paper(&ctx, &state, id, &[], None, StatusCode::OK).await
}

/// Enters one paper ballot: same rules and transaction as online, channel `paper`, audited.
/// Paper ballots can be entered until the results are published (also after the window
/// closed, since paper is counted afterwards).
pub async fn paper_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: String,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    let (_, _, settings) = staff_ref(&ctx, &state, id).await?;
    let f = parse_form(&body);
    match store::cast(
        &state,
        ctx.org.id,
        id,
        &Voter::Paper { staff_id: user },
        &f.ideas,
        None,
        &settings,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/beheer/stemmen/{id}/papier?melding=ballot-paper-saved"
        ))
        .into_response()),
        Err(CastError::Rules(e)) => {
            let on_ballot = store::ballot_ideas(&state, &settings).await?;
            let msg = super::public::rules_message(&ctx, &settings, &e, &on_ballot.ideas);
            render_paper(
                &ctx,
                &state,
                id,
                &f.ideas,
                Some(msg),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(cast_error(&ctx, e)),
    }
}

/// Publishes the results; refused while voting is still open (the condition sits in the
/// UPDATE itself).
pub async fn publish(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    let (_, _, s) = staff_ref(&ctx, &state, id).await?;
    if s.results_published_at.is_some() {
        return Ok(Redirect::to(&format!("/stemmen/{id}/uitslag")).into_response());
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let n = tx
        .run(
            "UPDATE ballot_settings SET results_published_at = $3 WHERE org_id = $1 AND component_id = $2 \
             AND configured = TRUE AND closes_at IS NOT NULL AND closes_at <= $3 AND results_published_at IS NULL",
            args![ctx.org.id, id, t],
        )
        .await?;
    if n == 0 {
        drop(tx);
        return Err(AppError::Conflict(ctx.t("ballot-error-publish-early")));
    }
    // The winners, from the counters as they stand in this transaction (paper ballots are
    // refused once results_published_at is set), become `selected`; their authors get a mail.
    let ideas: Vec<store::BallotIdea> = tx
        .all(
            "SELECT i.id, i.title, i.summary, i.cost, i.area_id FROM ideas i \
             JOIN ballot_settings s ON s.ideas_component_id = i.component_id AND s.org_id = i.org_id \
             WHERE i.org_id = $1 AND s.component_id = $2 AND i.status IN ('accepted', 'selected', 'realised') \
             AND i.hidden = FALSE ORDER BY i.id",
            args![ctx.org.id, id],
        )
        .await?;
    let tally: Vec<(i64, i64)> = tx.all(store::TALLIES_SQL, args![ctx.org.id, id]).await?;
    let sel = domain::select_winners(
        &s.winner_rule(),
        &store::domain_ideas(&ideas),
        &tally.into_iter().collect(),
    );
    let mut mails = 0;
    let mut winners = Vec::new();
    for w in &sel.winners {
        let accepted = tx
            .scalar::<i64>(
                "SELECT id FROM ideas WHERE org_id = $1 AND id = $2 AND status = 'accepted'",
                args![ctx.org.id, w.idea_id],
            )
            .await?
            .is_some();
        if !accepted {
            continue;
        }
        mails += crate::components::ideas::store::set_status_tx(
            &mut tx,
            crate::components::ideas::store::StatusChange {
                org_id: ctx.org.id,
                idea_id: w.idea_id,
                actor_id: Some(user),
                status: "selected",
                answer: None,
                redirect_to: "",
                merged_into: None,
                lang: ctx.lang,
                base_url: &state.config.base_url,
                seen: None,
                by: domain::workflows::IdeaActor::System,
            },
        )
        .await
        .map_err(|e| match e {
            crate::components::ideas::store::StatusError::Db(e) => AppError::from(e),
            other => AppError::Internal(anyhow::anyhow!("selecting a winner: {other}")),
        })?
        .unwrap_or(0);
        winners.push(w.idea_id.to_string());
    }
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: ctx.org.id,
            actor_id: Some(user),
            action: "ballot.publish",
            object_type: "ballot",
            object_id: Some(id.to_string()),
            detail: format!("selected: {}", winners.join(", ")),
        },
    )
    .await?;
    tx.commit().await?;
    if mails > 0 {
        state.mail_wake.notify_one();
    }
    Ok(Redirect::to(&format!("/stemmen/{id}/uitslag?melding=ballot-published")).into_response())
}

pub async fn export(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    let (c, _, _) = staff_ref(&ctx, &state, id).await?;
    let body = Ballot.export_csv(&state, &c).await?;
    audit::record(
        &state.db,
        Entry {
            org_id: ctx.org.id,
            actor_id: Some(user),
            action: "ballot.export",
            object_type: "ballot",
            object_id: Some(id.to_string()),
            detail: String::new(),
        },
    )
    .await?;
    Ok(crate::web::csv::download(
        body,
        &format!("uitslag-{id}.csv"),
    ))
}

/// Pabulib (pabulib.org) export for researchers: META, PROJECTS and VOTES sections,
/// `;`-separated. Voters are numbered 1..n in ballot order; nothing links them to a person.
pub async fn pabulib(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(super::MANAGE)?.id;
    let (c, project_title, s) = staff_ref(&ctx, &state, id).await?;
    let body = pabulib_text(&state, &ctx.org.name, &project_title, &c, &s).await?;
    audit::record(
        &state.db,
        Entry {
            org_id: ctx.org.id,
            actor_id: Some(user),
            action: "ballot.export-pabulib",
            object_type: "ballot",
            object_id: Some(id.to_string()),
            detail: String::new(),
        },
    )
    .await?;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"stemming-{id}.pb\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// A field without the separators of the format.
fn pb(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == ';' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

async fn pabulib_text(
    state: &AppState,
    org_name: &str,
    project_title: &str,
    c: &ComponentRef,
    s: &Settings,
) -> AppResult<String> {
    let r = super::compute_results(state, s).await?;
    let ballots = store::cast_ballots(&state.db, c.org_id, c.id).await?;
    let date = |t: Option<i64>| {
        t.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
            .and_then(|d| {
                d.format(time::macros::format_description!("[day].[month].[year]"))
                    .ok()
            })
            .unwrap_or_default()
    };
    let mut out = String::new();
    out.push_str("META\nkey;value\n");
    let mut meta = vec![
        (
            "description".to_string(),
            pb(&format!("{project_title}: {}", c.title)),
        ),
        ("country".into(), "Netherlands".into()),
        ("unit".into(), pb(org_name)),
        ("instance".into(), pb(project_title)),
        ("num_projects".into(), r.rows.len().to_string()),
        ("num_votes".into(), ballots.len().to_string()),
        ("vote_type".into(), "approval".into()),
        ("date_begin".into(), date(s.opens_at)),
        ("date_end".into(), date(s.closes_at)),
    ];
    if s.is_budget() {
        meta.push(("budget".into(), s.max_budget.to_string()));
        meta.push(("rule".into(), "greedy".into()));
        meta.push(("min_sum_cost".into(), s.min_budget.to_string()));
        meta.push(("max_sum_cost".into(), s.max_budget.to_string()));
    } else {
        meta.push(("rule".into(), format!("top {}", s.winners)));
        meta.push(("min_length".into(), s.min_count.to_string()));
        meta.push(("max_length".into(), s.max_count.to_string()));
    }
    for (k, v) in meta {
        out.push_str(&format!("{k};{v}\n"));
    }
    out.push_str("PROJECTS\nproject_id;cost;votes;name;selected\n");
    let mut rows: Vec<&super::ResultRow> = r.rows.iter().collect();
    rows.sort_by_key(|row| row.idea_id);
    for row in rows {
        out.push_str(&format!(
            "{};{};{};{};{}\n",
            row.idea_id,
            row.cost,
            row.votes,
            pb(&row.title),
            u8::from(row.outcome == "selected")
        ));
    }
    out.push_str("VOTES\nvoter_id;vote;voting_method\n");
    // A vote names only the projects listed above: an idea hidden or removed after it was
    // chosen no longer counts in the results, so it is not in the file's votes either.
    let listed: BTreeSet<i64> = r.rows.iter().map(|row| row.idea_id).collect();
    for (n, b) in ballots.iter().enumerate() {
        let ids: Vec<String> = b
            .ideas
            .iter()
            .filter(|i| listed.contains(i))
            .map(|i| i.to_string())
            .collect();
        let method = if b.channel == "paper" {
            "paper"
        } else {
            "internet"
        };
        out.push_str(&format!("{};{};{method}\n", n + 1, ids.join(",")));
    }
    Ok(out)
}
