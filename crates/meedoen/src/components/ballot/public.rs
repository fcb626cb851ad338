//! The voter's pages: build the ballot on one page, review it (with the total and what is
//! left), confirm, and see or change it until the window closes. Everything works by plain
//! form posts; a voting code travels as a hidden field and is checked again on every request.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::eligibility::{self, Proof, Refusal};
use super::store::{self, BallotIdea, CastError, Settings, Voter, Window};
use super::{compute_results, euros, ResultRow};
use crate::args;
use crate::db::{now, Joined};
use crate::ratelimit::{self, Limit};
use crate::state::AppState;
use crate::web::i18n::{t_args, Lang};
use crate::web::{render, AppError, AppResult, Ctx, Page};

/// Wrong voting codes per client address.
pub const CODE_IP: Limit = Limit {
    limit: 20,
    window_secs: 15 * 60,
};
/// Wrong voting codes per code prefix (first 3 characters), across all addresses.
pub const CODE_PREFIX: Limit = Limit {
    limit: 10,
    window_secs: 15 * 60,
};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub(super) struct Place {
    pub title: String,
    pub project_title: String,
    pub project_slug: String,
    pub project_status: String,
}

/// The ballot component `id` of this municipality with its settings and its project, in one
/// statement (every vote page and every cast starts here). Outside a published project only
/// staff see it.
pub(super) async fn place(ctx: &Ctx, state: &AppState, id: i64) -> AppResult<(Settings, Place)> {
    const PLACE_SQL: &str = concat!(
        "SELECT c.title, pr.title AS project_title, pr.slug AS project_slug, pr.status AS project_status, ",
        store::settings_columns!(),
        " FROM components c JOIN projects pr ON pr.id = c.project_id AND pr.org_id = c.org_id \
         JOIN ballot_settings s ON s.component_id = c.id AND s.org_id = c.org_id \
         WHERE c.org_id = $1 AND c.id = $2 AND c.kind = 'ballot'"
    );
    let Joined(s, p) = state
        .db
        .opt::<Joined<Settings, Place>>(PLACE_SQL, args![ctx.org.id, id])
        .await?
        .ok_or(AppError::NotFound)?;
    if p.project_status == "draft" && ctx.require(crate::projects::MANAGE).is_err() {
        return Err(AppError::NotFound);
    }
    Ok((store::with_areas(state, s, false).await?, p))
}

/// The posted form: repeated `idea` fields, an optional `code`, and the birth date a member
/// declares on a ballot with a minimum age.
#[derive(Default)]
pub(super) struct BallotForm {
    pub ideas: Vec<i64>,
    pub code: String,
    pub birth_date: String,
}

impl BallotForm {
    fn birth(&self) -> Option<&str> {
        Some(self.birth_date.trim()).filter(|b| !b.is_empty())
    }
}

pub(super) fn parse_form(body: &str) -> BallotForm {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap_or_default();
    let mut f = BallotForm::default();
    for (k, v) in pairs {
        match k.as_str() {
            // A value that is not a number can never be on the ballot: -1 makes validation
            // say so instead of silently dropping it.
            "idea" => f.ideas.push(v.trim().parse().unwrap_or(-1)),
            "code" => f.code = v,
            "birth_date" => f.birth_date = v,
            _ => {}
        }
    }
    f
}

/// Checks a voting code, throttled per address and per code prefix. Only wrong codes use up
/// the allowance.
async fn check_code(ctx: &Ctx, state: &AppState, id: i64, raw: &str) -> AppResult<i64> {
    let code = store::normalise_code(raw);
    if code.is_empty() {
        return Err(AppError::BadRequest(ctx.t("ballot-code-required")));
    }
    let prefix: String = code.chars().take(3).collect();
    let by_ip = ratelimit::attempt(
        &state.db,
        &format!("ballot-code-ip:{}:{}", ctx.org.id, ctx.ip),
        CODE_IP,
    )
    .await?;
    let by_prefix = ratelimit::attempt(
        &state.db,
        &format!("ballot-code-prefix:{}:{id}:{prefix}", ctx.org.id),
        CODE_PREFIX,
    )
    .await?;
    if !by_ip.allowed || !by_prefix.allowed {
        return Err(AppError::TooManyRequests);
    }
    match store::find_code(state, ctx.org.id, id, &code).await? {
        Some(code_id) => {
            ratelimit::undo(&state.db, &by_ip).await?;
            ratelimit::undo(&state.db, &by_prefix).await?;
            Ok(code_id)
        }
        None => Err(AppError::BadRequest(ctx.t("ballot-code-unknown"))),
    }
}

/// A refusal in words.
pub(super) fn refusal_text(ctx: &Ctx, r: Refusal) -> String {
    match r {
        Refusal::TooYoung { min_age } => t_args(ctx.lang, r.key(), &[("age", min_age.to_string())]),
        _ => ctx.t(r.key()),
    }
}

/// Who is voting: a code holder (when a code was posted) or the logged-in member, as
/// [`eligibility::admit`] decides.
async fn voter(ctx: &Ctx, state: &AppState, id: i64, s: &Settings, code: &str) -> AppResult<Voter> {
    let refused = |r: Refusal| AppError::BadRequest(refusal_text(ctx, r));
    let proof = if !code.trim().is_empty() {
        if !s.allow_codes {
            // Before looking the code up, so it costs no guessing allowance.
            return Err(refused(Refusal::CodesOff));
        }
        Proof::Code {
            code_id: check_code(ctx, state, id, code).await?,
        }
    } else {
        if !s.allow_members {
            return Err(refused(Refusal::MembersOff));
        }
        let u = ctx.require_user()?;
        Proof::Member {
            user_id: u.id,
            verified: u.verified,
        }
    };
    eligibility::admit(s, &proof).map_err(refused)
}

fn voter_key(v: &Voter) -> Option<String> {
    match v {
        Voter::Member(u) => Some(store::member_key(*u)),
        Voter::Code(c) => Some(store::code_key(*c)),
        Voter::Paper { .. } => None,
    }
}

fn window_error(ctx: &Ctx, w: Window) -> Option<AppError> {
    match w {
        Window::Open => None,
        Window::Closed => Some(AppError::Conflict(ctx.t("ballot-error-closed"))),
        Window::NotYetOpen | Window::NotConfigured => {
            Some(AppError::Conflict(ctx.t("ballot-error-not-open")))
        }
    }
}

pub struct IdeaView {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub cost: String,
    pub checked: bool,
    /// Area name, shown on per-area ballots.
    pub area: String,
    /// Cost in whole euros and area id (0 = none), for the live count in `static/app.js`.
    pub cost_euros: i64,
    pub area_id: i64,
}

fn idea_views(
    lang: Lang,
    areas: &std::collections::BTreeMap<i64, String>,
    ideas: &[BallotIdea],
    chosen: &[i64],
) -> Vec<IdeaView> {
    ideas
        .iter()
        .map(|i| IdeaView {
            id: i.id,
            title: i.title.clone(),
            summary: i.summary.clone(),
            cost: euros(lang, i.cost),
            checked: chosen.contains(&i.id),
            area: i
                .area_id
                .and_then(|a| areas.get(&a).cloned())
                .unwrap_or_default(),
            cost_euros: i.cost,
            area_id: i.area_id.unwrap_or(0),
        })
        .collect()
}

/// One limit as the live count in `static/app.js` sees it: the whole ballot (`area: None`)
/// or one area.
#[derive(serde::Serialize)]
struct LiveLimit {
    area: Option<i64>,
    name: String,
    budget: bool,
    max: i64,
}

/// What `static/app.js` needs to show the remaining budget as boxes are ticked, in the
/// `data-ballot` attribute of the ballot form: the limits (from the same domain rules the
/// server checks) and the page's sentences with `{count}`, `{total}` and `{amount}` left in.
/// The server stays the judge: this only mirrors `remaining_text`.
#[derive(serde::Serialize)]
struct LiveConfig {
    lang: &'static str,
    per_area: bool,
    limits: Vec<LiveLimit>,
    t: std::collections::BTreeMap<&'static str, String>,
}

pub(super) fn live_config(lang: Lang, s: &Settings) -> String {
    let limit = |area: Option<i64>, l: domain::Limit| match l {
        domain::Limit::Count { max, .. } => LiveLimit {
            area,
            name: area.map(|a| area_name(s, a)).unwrap_or_default(),
            budget: false,
            max: i64::from(max),
        },
        domain::Limit::Budget { max_budget, .. } => LiveLimit {
            area,
            name: area.map(|a| area_name(s, a)).unwrap_or_default(),
            budget: true,
            max: max_budget,
        },
    };
    let rules = s.rules();
    let limits = match &rules {
        domain::BallotRules::PerArea { areas, .. } => {
            let mut seen = std::collections::BTreeSet::new();
            areas
                .iter()
                .filter(|a| seen.insert(a.area_id))
                .map(|a| limit(Some(a.area_id), a.rule))
                .collect()
        }
        _ => rules
            .whole_ballot_limit()
            .map(|l| vec![limit(None, l)])
            .unwrap_or_default(),
    };
    let hole = |k: &'static str| (k, format!("{{{k}}}"));
    let t = [
        ("spent", "ballot-spent", vec![hole("count"), hole("total")]),
        ("spentOne", "ballot-spent-one", vec![hole("total")]),
        ("leftEuros", "ballot-left-euros", vec![hole("amount")]),
        ("overEuros", "ballot-over-euros", vec![hole("amount")]),
        ("leftChoices", "ballot-left-choices", vec![hole("count")]),
        ("leftChoicesOne", "ballot-left-choices-one", vec![]),
        ("overChoices", "ballot-over-choices", vec![hole("count")]),
        ("overChoicesOne", "ballot-over-choices-one", vec![]),
    ]
    .into_iter()
    .map(|(name, key, args)| (name, t_args(lang, key, &args)))
    .collect();
    let cfg = LiveConfig {
        lang: match lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        },
        per_area: s.is_per_area(),
        limits,
        t,
    };
    serde_json::to_string(&cfg).unwrap_or_default()
}

/// "Kies ideeën voor samen hoogstens € 50.000" and the like.
pub(super) fn rules_text(lang: Lang, s: &Settings) -> String {
    if s.is_per_area() {
        let scope = t_args(
            lang,
            if s.area_scope == "one" {
                "ballot-rules-area-one"
            } else {
                "ballot-rules-area-all"
            },
            &[],
        );
        let areas: Vec<String> = s
            .areas
            .iter()
            .map(|a| {
                if a.is_count() {
                    t_args(
                        lang,
                        "ballot-rules-area-count",
                        &[
                            ("area", area_name(s, a.area_id)),
                            ("min", a.min_count.to_string()),
                            ("max", a.max_count.to_string()),
                        ],
                    )
                } else {
                    t_args(
                        lang,
                        "ballot-rules-area",
                        &[
                            ("area", area_name(s, a.area_id)),
                            ("min", euros(lang, a.min_budget)),
                            ("max", euros(lang, a.max_budget)),
                        ],
                    )
                }
            })
            .collect();
        return format!("{scope} {}", areas.join(" "));
    }
    if s.is_budget() {
        t_args(
            lang,
            "ballot-rules-budget",
            &[
                ("min", euros(lang, s.min_budget)),
                ("max", euros(lang, s.max_budget)),
            ],
        )
    } else {
        t_args(
            lang,
            "ballot-rules-count",
            &[
                ("min", s.min_count.to_string()),
                ("max", s.max_count.to_string()),
            ],
        )
    }
}

/// Whether any limit is exceeded by the (lenient) progress of a half-built ballot.
fn is_over(s: &Settings, ideas: &[BallotIdea], chosen: &[i64]) -> bool {
    domain::remaining_budget(&s.rules(), &store::domain_ideas(ideas), chosen)
        .iter()
        .any(|r| match r.left {
            domain::Left::Euros(e) => e < 0,
            domain::Left::Choices(n) => n < 0,
        })
}

/// What is left, from the domain crate, in words.
fn remaining_text(
    lang: Lang,
    s: &Settings,
    ideas: &[BallotIdea],
    chosen: &[i64],
) -> (String, String) {
    let all = domain::remaining_budget(&s.rules(), &store::domain_ideas(ideas), chosen);
    if s.is_per_area() {
        // One sentence per area in which something was chosen.
        let parts: Vec<String> = all
            .iter()
            .filter(|r| r.chosen > 0)
            .map(|r| {
                let (spent, left) = progress_text(lang, r);
                let name = r.area_id.map(|a| area_name(s, a)).unwrap_or_default();
                format!("{name}: {spent} {left}")
            })
            .collect();
        return (parts.join(" "), String::new());
    }
    match all.first() {
        Some(r) => progress_text(lang, r),
        None => (String::new(), String::new()),
    }
}

pub(super) fn area_name(s: &Settings, id: i64) -> String {
    s.area_names
        .get(&id)
        .cloned()
        .unwrap_or_else(|| id.to_string())
}

fn progress_text(lang: Lang, r: &domain::Remaining) -> (String, String) {
    let spent = t_args(
        lang,
        if r.chosen == 1 {
            "ballot-spent-one"
        } else {
            "ballot-spent"
        },
        &[
            ("count", r.chosen.to_string()),
            ("total", euros(lang, r.spent)),
        ],
    );
    let left = match r.left {
        domain::Left::Euros(e) if e >= 0 => {
            t_args(lang, "ballot-left-euros", &[("amount", euros(lang, e))])
        }
        domain::Left::Euros(e) => t_args(lang, "ballot-over-euros", &[("amount", euros(lang, -e))]),
        domain::Left::Choices(1) => t_args(lang, "ballot-left-choices-one", &[]),
        domain::Left::Choices(-1) => t_args(lang, "ballot-over-choices-one", &[]),
        domain::Left::Choices(n) if n >= 0 => {
            t_args(lang, "ballot-left-choices", &[("count", n.to_string())])
        }
        domain::Left::Choices(n) => {
            t_args(lang, "ballot-over-choices", &[("count", (-n).to_string())])
        }
    };
    (spent, left)
}

pub(super) fn rules_message(
    ctx: &Ctx,
    s: &Settings,
    e: &domain::BallotError,
    ideas: &[BallotIdea],
) -> String {
    let names = store::names(ideas, &s.area_names);
    match ctx.lang {
        Lang::Nl => e.message_nl_with(&names),
        Lang::En => e.message_en_with(&names),
    }
}

#[derive(Template)]
#[template(path = "ballot/vote.html")]
struct VotePage {
    page: Page,
    id: i64,
    project_title: String,
    project_slug: String,
    /// "vote", "login", "verify", "code-only", "soon", "closed", "unset".
    mode: &'static str,
    rules: String,
    ideas: Vec<IdeaView>,
    error: Option<String>,
    spent: String,
    left: String,
    /// A limit is exceeded: the live region is marked.
    over: bool,
    /// JSON for `static/app.js` (see [`live_config`]).
    live: String,
    mine: Vec<String>,
    code: String,
    action: String,
    allow_codes: bool,
    closes: String,
    opens: String,
    published: bool,
    /// Ask for the birth date (a member on a ballot with a minimum age who has not declared
    /// it yet), with the date as typed and the minimum age.
    ask_birth: bool,
    birth_date: String,
    min_age: i64,
    /// The error is about the birth date: the summary links to that field.
    birth_error: bool,
}

#[allow(clippy::too_many_arguments)]
async fn render_vote(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    s: &Settings,
    p: &Place,
    voter: Option<&Voter>,
    code: &str,
    chosen: Option<Vec<i64>>,
    error: Option<String>,
    status: StatusCode,
    birth_date: &str,
) -> AppResult<Response> {
    let on_ballot = store::ballot_ideas(state, s).await?;
    let ideas: &[store::BallotIdea] = &on_ballot.ideas;
    let key = voter.and_then(voter_key);
    let mine_ids = match &key {
        Some(k) => store::my_choices(state, ctx.org.id, id, k).await?,
        None => None,
    };
    let ask_birth = match (voter, &key) {
        (Some(v), Some(k)) if eligibility::needs_birth_date(s, v) => {
            store::stored_birth_date(state, ctx.org.id, id, k)
                .await?
                .is_none()
        }
        _ => false,
    };
    let chosen = chosen.or_else(|| mine_ids.clone()).unwrap_or_default();
    let mine = mine_ids
        .unwrap_or_default()
        .iter()
        .filter_map(|m| ideas.iter().find(|i| i.id == *m))
        .map(|i| format!("{} ({})", i.title, euros(ctx.lang, i.cost)))
        .collect();
    let mode = match s.window(now()) {
        Window::NotConfigured => "unset",
        Window::NotYetOpen => "soon",
        Window::Closed => "closed",
        Window::Open => match (voter, &ctx.user) {
            (Some(_), _) => "vote",
            (None, _) if !s.allow_members => "code-only",
            (None, None) => "login",
            (None, Some(u)) if !u.verified => "verify",
            (None, Some(_)) => "vote",
        },
    };
    let (spent, left) = if chosen.is_empty() {
        (String::new(), String::new())
    } else {
        remaining_text(ctx.lang, s, ideas, &chosen)
    };
    let code = match voter {
        Some(Voter::Code(_)) => code.to_string(),
        _ => String::new(),
    };
    let birth_error = ask_birth
        && error.as_deref().is_some_and(|e| {
            e == refusal_text(ctx, Refusal::BirthDateNeeded)
                || e == refusal_text(
                    ctx,
                    Refusal::TooYoung {
                        min_age: s.min_age.unwrap_or(0),
                    },
                )
        });
    let tpl = VotePage {
        page: ctx.page(p.title.clone()),
        id,
        project_title: p.project_title.clone(),
        project_slug: p.project_slug.clone(),
        mode,
        rules: rules_text(ctx.lang, s),
        ideas: idea_views(ctx.lang, &s.area_names, ideas, &chosen),
        error,
        spent,
        left,
        over: is_over(s, ideas, &chosen),
        live: live_config(ctx.lang, s),
        mine,
        code,
        action: if s.confirm_step {
            format!("/stemmen/{id}/controleren")
        } else {
            format!("/stemmen/{id}/bevestigen")
        },
        allow_codes: s.allow_codes,
        closes: s
            .closes_at
            .map(domain::calendar::format_local)
            .unwrap_or_default(),
        opens: s
            .opens_at
            .map(domain::calendar::format_local)
            .unwrap_or_default(),
        published: s.results_published_at.is_some(),
        birth_error,
        ask_birth,
        birth_date: birth_date.to_string(),
        min_age: s.min_age.unwrap_or(0),
    };
    let mut res = render(&tpl)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn ballot_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (s, p) = place(&ctx, &state, id).await?;
    let voter = match &ctx.user {
        Some(u) if u.verified && s.allow_members => Some(Voter::Member(u.id)),
        _ => None,
    };
    render_vote(
        &ctx,
        &state,
        id,
        &s,
        &p,
        voter.as_ref(),
        "",
        None,
        None,
        StatusCode::OK,
        "",
    )
    .await
}

/// Back from the review step to the ballot, with the choices kept.
pub async fn back_to_ballot(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: String,
) -> AppResult<Response> {
    let (s, p) = place(&ctx, &state, id).await?;
    let f = parse_form(&body);
    let v = voter(&ctx, &state, id, &s, &f.code).await?;
    render_vote(
        &ctx,
        &state,
        id,
        &s,
        &p,
        Some(&v),
        &f.code,
        Some(f.ideas),
        None,
        StatusCode::OK,
        &f.birth_date,
    )
    .await
}

#[derive(Template)]
#[template(path = "ballot/review.html")]
struct ReviewPage {
    page: Page,
    id: i64,
    chosen: Vec<IdeaView>,
    spent: String,
    left: String,
    code: String,
    birth_date: String,
}

/// The confirmation step: the choice, its total and what is left, checked by the same rules
/// as the cast (which checks them again inside its transaction).
pub async fn review(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: String,
) -> AppResult<Response> {
    let (s, p) = place(&ctx, &state, id).await?;
    if p.project_status != "published" {
        return Err(AppError::Conflict(ctx.t("ballot-error-not-open")));
    }
    let f = parse_form(&body);
    let v = voter(&ctx, &state, id, &s, &f.code).await?;
    if let Some(e) = window_error(&ctx, s.window(now())) {
        return Err(e);
    }
    let on_ballot = store::ballot_ideas(&state, &s).await?;
    let ideas: &[store::BallotIdea] = &on_ballot.ideas;
    // The age rule first (the cast checks it again when it is confirmed), so a voter who may
    // not vote hears it before the review step.
    let age = match voter_key(&v) {
        Some(k) if eligibility::needs_birth_date(&s, &v) => {
            let stored = match f.birth() {
                Some(_) => None,
                None => store::stored_birth_date(&state, ctx.org.id, id, &k).await?,
            };
            eligibility::check_age(&s, &v, f.birth().or(stored.as_deref()), today()).err()
        }
        _ => None,
    };
    let problem = match (
        age,
        domain::validate(&s.rules(), &store::domain_ideas(ideas), &f.ideas),
    ) {
        (Some(r), _) => Some(refusal_text(&ctx, r)),
        (None, Err(e)) => Some(rules_message(&ctx, &s, &e, ideas)),
        (None, Ok(())) => None,
    };
    if let Some(msg) = problem {
        return render_vote(
            &ctx,
            &state,
            id,
            &s,
            &p,
            Some(&v),
            &f.code,
            Some(f.ideas),
            Some(msg),
            StatusCode::UNPROCESSABLE_ENTITY,
            &f.birth_date,
        )
        .await;
    }
    let (spent, left) = remaining_text(ctx.lang, &s, ideas, &f.ideas);
    let chosen = idea_views(ctx.lang, &s.area_names, ideas, &f.ideas)
        .into_iter()
        .filter(|i| i.checked)
        .collect();
    render(&ReviewPage {
        page: ctx.page(ctx.t("ballot-review-title")),
        id,
        chosen,
        spent,
        left,
        code: if matches!(v, Voter::Code(_)) {
            f.code
        } else {
            String::new()
        },
        birth_date: f.birth_date.trim().to_string(),
    })
}

/// Today's date in Amsterdam, for the age rule.
fn today() -> time::Date {
    domain::calendar::local_date(crate::db::now())
}

/// Casts the ballot. Acknowledged only after the transaction committed.
pub async fn confirm(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: String,
) -> AppResult<Response> {
    let (s, p) = place(&ctx, &state, id).await?;
    if p.project_status != "published" {
        return Err(AppError::Conflict(ctx.t("ballot-error-not-open")));
    }
    let f = parse_form(&body);
    let v = voter(&ctx, &state, id, &s, &f.code).await?;
    match store::cast(&state, ctx.org.id, id, &v, &f.ideas, f.birth(), &s).await {
        Ok(_) => Ok(match v {
            Voter::Code(_) => Redirect::to(&format!("/stemmen/{id}/bedankt")).into_response(),
            _ => Redirect::to(&format!("/stemmen/{id}?melding=ballot-cast")).into_response(),
        }),
        Err(e @ (CastError::Rules(_) | CastError::Eligibility(_))) => {
            let msg = match e {
                CastError::Rules(e) => {
                    let on_ballot = store::ballot_ideas(&state, &s).await?;
                    rules_message(&ctx, &s, &e, &on_ballot.ideas)
                }
                CastError::Eligibility(r) => refusal_text(&ctx, r),
                _ => String::new(),
            };
            render_vote(
                &ctx,
                &state,
                id,
                &s,
                &p,
                Some(&v),
                &f.code,
                Some(f.ideas),
                Some(msg),
                StatusCode::UNPROCESSABLE_ENTITY,
                &f.birth_date,
            )
            .await
        }
        Err(e) => Err(cast_error(&ctx, e)),
    }
}

pub(super) fn cast_error(ctx: &Ctx, e: CastError) -> AppError {
    match e {
        CastError::NotFound => AppError::NotFound,
        CastError::Closed => AppError::Conflict(ctx.t("ballot-error-closed")),
        CastError::NotOpen => AppError::Conflict(ctx.t("ballot-error-not-open")),
        CastError::Published => AppError::Conflict(ctx.t("ballot-error-published")),
        CastError::Rules(e) => AppError::BadRequest(match ctx.lang {
            Lang::Nl => e.message_nl(),
            Lang::En => e.message_en(),
        }),
        CastError::Eligibility(r) => AppError::BadRequest(refusal_text(ctx, r)),
        CastError::Changed => AppError::Conflict(ctx.t("ballot-error-retry")),
        // A constraint the database enforced (e.g. an idea removed meanwhile): ask to retry.
        CastError::Db(crate::db::DbError::Unique(_) | crate::db::DbError::Constraint(_)) => {
            AppError::Conflict(ctx.t("ballot-error-retry"))
        }
        CastError::Db(e) => AppError::Db(e),
    }
}

#[derive(Template)]
#[template(path = "ballot/code.html")]
struct CodePage {
    page: Page,
    id: i64,
    error: Option<String>,
    code: String,
}

pub async fn code_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (s, p) = place(&ctx, &state, id).await?;
    if !s.allow_codes {
        return Err(AppError::NotFound);
    }
    render(&CodePage {
        page: ctx.page(format!("{}: {}", ctx.t("ballot-code-title"), p.title)),
        id,
        error: None,
        code: String::new(),
    })
}

#[derive(serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// A code holder enters their code: they see the ballot (and their earlier choice).
pub async fn code_enter(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<CodeForm>,
) -> AppResult<Response> {
    let (s, p) = place(&ctx, &state, id).await?;
    if !s.allow_codes {
        return Err(AppError::NotFound);
    }
    match check_code(&ctx, &state, id, &f.code).await {
        Ok(code_id) => {
            let code = store::grouped(&store::normalise_code(&f.code));
            render_vote(
                &ctx,
                &state,
                id,
                &s,
                &p,
                Some(&Voter::Code(code_id)),
                &code,
                None,
                None,
                StatusCode::OK,
                "",
            )
            .await
        }
        Err(AppError::BadRequest(msg)) => {
            let mut res = render(&CodePage {
                page: ctx.page(format!("{}: {}", ctx.t("ballot-code-title"), p.title)),
                id,
                error: Some(msg),
                code: f.code,
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "ballot/thanks.html")]
struct ThanksPage {
    page: Page,
    id: i64,
    closes: String,
}

pub async fn thanks(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (s, _) = place(&ctx, &state, id).await?;
    render(&ThanksPage {
        page: ctx.page(ctx.t("ballot-thanks-title")),
        id,
        closes: s
            .closes_at
            .map(domain::calendar::format_local)
            .unwrap_or_default(),
    })
}

#[derive(Template)]
#[template(path = "ballot/results.html")]
struct ResultsPage {
    page: Page,
    id: i64,
    project_title: String,
    project_slug: String,
    published: bool,
    visible: bool,
    is_budget: bool,
    rows: Vec<ResultRow>,
    costs: Vec<String>,
    online: i64,
    paper: i64,
    total: i64,
    budget: String,
    budget_used: String,
    budget_left: String,
    is_staff: bool,
}

pub async fn results_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (s, p) = place(&ctx, &state, id).await?;
    let is_staff = ctx.require(super::MANAGE).is_ok();
    let published = s.results_published_at.is_some();
    let visible = published || is_staff;
    let r = if visible {
        Some(compute_results(&state, &s).await?)
    } else {
        None
    };
    let lang = ctx.lang;
    let (rows, online, paper, used, left) = match r {
        Some(r) => (r.rows, r.online, r.paper, r.budget_used, r.budget_left),
        None => (Vec::new(), 0, 0, 0, None),
    };
    render(&ResultsPage {
        page: ctx.page(format!("{}: {}", ctx.t("ballot-results-title"), p.title)),
        id,
        project_title: p.project_title,
        project_slug: p.project_slug,
        published,
        visible,
        is_budget: s.is_budget(),
        costs: rows.iter().map(|r| euros(lang, r.cost)).collect(),
        rows,
        online,
        paper,
        total: online + paper,
        budget: euros(lang, s.total_budget()),
        budget_used: euros(lang, used),
        budget_left: left.map(|l| euros(lang, l)).unwrap_or_default(),
        is_staff,
    })
}
