//! Storage of the ballot component: settings, the ideas on the ballot, voting codes, and the
//! one write path that casts a ballot.
//!
//! [`cast`] checks the window, who may vote and the chosen ideas (validated with the domain
//! crate) on reads, then writes in ONE transaction (on SQLite a savepoint in the single
//! writer's shared batch). The write only proceeds while the settings' trigger-kept `version`
//! is the one the checks saw. It upserts the voter's ballot row (`UNIQUE (component_id,
//! voter_key)`; on PostgreSQL the `ON CONFLICT ... DO UPDATE` locks the row, so everything after
//! it is serialised per voter), replaces the choices and moves the per-idea counters in
//! `ballot_tallies` by the difference, in ascending idea order (no deadlocks between voters).
//! On PostgreSQL the counters are split over [`TALLY_SHARDS`] rows per idea, and a ballot
//! always moves the row of its own shard, so concurrent voters rarely wait on each other's row
//! locks; readers sum the shards. The caller acknowledges only after commit.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use domain::{BallotError, BallotRules, Idea, IdeaId};
use rand::TryRngCore;

use crate::args;
use crate::audit::{self, Entry};
use crate::db::{now, Backend, DbError, DbResult, Tx};
use crate::state::AppState;

/// Voting codes use this alphabet: no 0/O, 1/I/L look-alikes.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LEN: usize = 10;
pub const MAX_CODES_PER_BATCH: i64 = 5000;

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct Settings {
    pub component_id: i64,
    pub org_id: i64,
    pub ideas_component_id: Option<i64>,
    pub ballot_type: String,
    pub min_count: i64,
    pub max_count: i64,
    pub min_budget: i64,
    pub max_budget: i64,
    pub winners: i64,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub allow_members: bool,
    pub allow_codes: bool,
    pub confirm_step: bool,
    pub configured: bool,
    pub results_published_at: Option<i64>,
    pub area_scope: String,
    /// Minimum age of voters, if any (see `eligibility`).
    pub min_age: Option<i64>,
    /// Moved by triggers on every change to these settings, their area rules and the ideas on
    /// the ballot (migrations 0017 and 0019); [`cast`] writes only while it is unchanged.
    pub version: i64,
    /// `per_area` ballots: each area's rule, loaded separately.
    #[sqlx(skip)]
    pub areas: Vec<AreaSetting>,
    /// Names of the municipality's areas (per_area ballots only).
    #[sqlx(skip)]
    pub area_names: BTreeMap<i64, String>,
}

/// The columns of [`Settings`] from `ballot_settings s`.
macro_rules! settings_columns {
    () => {
        "s.component_id, s.org_id, s.ideas_component_id, s.ballot_type, s.min_count, s.max_count, \
         s.min_budget, s.max_budget, s.winners, s.opens_at, s.closes_at, s.allow_members, s.allow_codes, \
         s.confirm_step, s.configured, s.results_published_at, s.area_scope, s.min_age, s.version"
    };
}
pub(super) use settings_columns;

const SETTINGS_SQL: &str = concat!(
    "SELECT ",
    settings_columns!(),
    " FROM ballot_settings s WHERE s.org_id = $1 AND s.component_id = $2"
);
const AREAS_SQL: &str =
    "SELECT area_id, rule_kind, min_budget, max_budget, min_count, max_count, winners \
     FROM ballot_area_rules WHERE org_id = $1 AND component_id = $2 ORDER BY area_id";

/// One area's rule on a `per_area` ballot: a budget (`rule_kind = "budget"`, euros) or a count
/// (`"count"`, ideas, with `winners` selected in the area). The fields of the other kind are
/// stored as 0.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct AreaSetting {
    pub area_id: i64,
    pub rule_kind: String,
    pub min_budget: i64,
    pub max_budget: i64,
    pub min_count: i64,
    pub max_count: i64,
    pub winners: i64,
}

impl AreaSetting {
    pub fn is_count(&self) -> bool {
        self.rule_kind == "count"
    }

    pub fn limit(&self) -> domain::Limit {
        if self.is_count() {
            domain::Limit::Count {
                min: u32::try_from(self.min_count).unwrap_or(0),
                max: u32::try_from(self.max_count).unwrap_or(u32::MAX),
            }
        } else {
            domain::Limit::Budget {
                min_budget: self.min_budget,
                max_budget: self.max_budget,
            }
        }
    }

    pub fn winner_limit(&self) -> domain::WinnerLimit {
        if self.is_count() {
            domain::WinnerLimit::TopN(u32::try_from(self.winners).unwrap_or(0))
        } else {
            domain::WinnerLimit::Budget {
                total: self.max_budget,
            }
        }
    }
}

/// Where the voting window stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    NotConfigured,
    NotYetOpen,
    Open,
    Closed,
}

impl Settings {
    /// The domain rules these settings stand for.
    pub fn rules(&self) -> BallotRules {
        if self.ballot_type == "per_area" {
            return BallotRules::PerArea {
                areas: self
                    .areas
                    .iter()
                    .map(|a| domain::AreaRule {
                        area_id: a.area_id,
                        rule: a.limit(),
                    })
                    .collect(),
                scope: if self.area_scope == "one" {
                    domain::AreaScope::OneArea
                } else {
                    domain::AreaScope::AllAreas
                },
            };
        }
        if self.ballot_type == "count" {
            BallotRules::Count {
                min: u32::try_from(self.min_count).unwrap_or(0),
                max: u32::try_from(self.max_count).unwrap_or(u32::MAX),
            }
        } else {
            BallotRules::Budget {
                min_budget: self.min_budget,
                max_budget: self.max_budget,
            }
        }
    }

    /// A budget applies: a budget ballot, or a per-area ballot with at least one budget area.
    pub fn is_budget(&self) -> bool {
        match self.ballot_type.as_str() {
            "count" => false,
            "per_area" => self.areas.iter().any(|a| !a.is_count()),
            _ => true,
        }
    }

    pub fn is_per_area(&self) -> bool {
        self.ballot_type == "per_area"
    }

    /// The whole budget: the ballot's, or the budget areas' together.
    pub fn total_budget(&self) -> i64 {
        if self.is_per_area() {
            self.areas
                .iter()
                .filter(|a| !a.is_count())
                .fold(0i64, |s, a| s.saturating_add(a.max_budget))
        } else {
            self.max_budget
        }
    }

    pub fn winner_rule(&self) -> domain::WinnerRule {
        if self.is_per_area() {
            domain::WinnerRule::PerArea(
                self.areas
                    .iter()
                    .map(|a| domain::AreaWinnerRule {
                        area_id: a.area_id,
                        rule: a.winner_limit(),
                    })
                    .collect(),
            )
        } else if self.is_budget() {
            domain::WinnerRule::Budget {
                total: self.max_budget,
            }
        } else {
            domain::WinnerRule::TopN(u32::try_from(self.winners).unwrap_or(0))
        }
    }

    pub fn window(&self, at: i64) -> Window {
        match (self.configured, self.opens_at, self.closes_at) {
            (true, Some(o), Some(c)) => {
                if at < o {
                    Window::NotYetOpen
                } else if at >= c {
                    Window::Closed
                } else {
                    Window::Open
                }
            }
            _ => Window::NotConfigured,
        }
    }
}

/// The settings with every stored area rule (the staff form shows them for any ballot type).
pub async fn load_settings(state: &AppState, org: i64, cid: i64) -> DbResult<Option<Settings>> {
    load(state, org, cid, true).await
}

/// The settings as the voting pages use them: area rules only on a `per_area` ballot, the only
/// kind they apply to. Saves a statement on every other ballot's pages and casts.
pub async fn load_voting_settings(
    state: &AppState,
    org: i64,
    cid: i64,
) -> DbResult<Option<Settings>> {
    load(state, org, cid, false).await
}

async fn load(state: &AppState, org: i64, cid: i64, all_areas: bool) -> DbResult<Option<Settings>> {
    let Some(s) = state
        .db
        .opt::<Settings>(SETTINGS_SQL, args![org, cid])
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(with_areas(state, s, all_areas).await?))
}

/// Settings read from their row (which holds no area rules), completed as the voting pages
/// use them: the area rules and names on a `per_area` ballot (every ballot's rules when
/// `all_areas`, for the staff screens).
pub(super) async fn with_areas(
    state: &AppState,
    mut s: Settings,
    all_areas: bool,
) -> DbResult<Settings> {
    let (org, cid) = (s.org_id, s.component_id);
    if all_areas || s.is_per_area() {
        s.areas = state.db.all(AREAS_SQL, args![org, cid]).await?;
    }
    if s.is_per_area() {
        s.area_names = area_names(state, org).await?;
    }
    Ok(s)
}

/// Names of the municipality's areas, for labels and messages.
pub async fn area_names(state: &AppState, org: i64) -> DbResult<BTreeMap<i64, String>> {
    let rows: Vec<(i64, String)> = state
        .db
        .all(
            "SELECT id, name FROM areas WHERE org_id = $1 ORDER BY name, id",
            args![org],
        )
        .await?;
    Ok(rows.into_iter().collect())
}

/// An idea on the ballot, with what the voter needs to see.
#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
pub struct BallotIdea {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub cost: i64,
    pub area_id: Option<i64>,
}

/// The ideas on a ballot and the settings version they belong to, kept in memory
/// ([`crate::versioned`]). The version moves with every change to the ideas a ballot reads or
/// shows (migrations 0017 and 0019: also title and summary), so the pages and the cast read
/// no ideas while nothing changed. [`ballot_ideas`] is the one way to get them.
pub struct BallotIdeas {
    pub version: i64,
    /// In id order (submission order).
    pub ideas: Vec<BallotIdea>,
}

impl crate::versioned::Tagged for BallotIdeas {
    fn version(&self) -> i64 {
        self.version
    }
}

impl BallotIdeas {
    /// The chosen ideas that are on the ballot, for validation: `k` lookups by id rather than
    /// every idea on the ballot. Ideas not returned are not on the ballot, which
    /// `domain::validate` reports as unknown, exactly as with the full list.
    pub fn chosen(&self, chosen: &[IdeaId]) -> Vec<Idea> {
        let ids: BTreeSet<IdeaId> = chosen.iter().copied().collect();
        ids.into_iter()
            .filter_map(|id| {
                let i = self.ideas.binary_search_by_key(&id, |i| i.id).ok()?;
                let i = &self.ideas[i];
                Some(Idea {
                    id: i.id,
                    cost: i.cost,
                    area_id: i.area_id,
                    eligible: true,
                })
            })
            .collect()
    }
}

/// Ideas on the ballot: accepted (and, after the count, selected or realised) ideas of the
/// linked ideas component, in submission order, with the settings' version, in one statement
/// so that both come from the same snapshot. One row with only the version when the ballot
/// has no ideas; none when the ballot is gone.
const BALLOT_IDEAS_SQL: &str = "SELECT s.version, i.id, i.title, i.summary, i.cost, i.area_id \
     FROM ballot_settings s LEFT JOIN ideas i ON i.component_id = s.ideas_component_id \
     AND i.org_id = s.org_id AND i.status IN ('accepted', 'selected', 'realised') AND i.hidden = FALSE \
     WHERE s.org_id = $1 AND s.component_id = $2 ORDER BY i.id";

type BallotIdeaRow = (
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

/// The ideas on the ballot `s` describes, at least as new as `s.version` (newer when they
/// changed since `s` was read).
pub async fn ballot_ideas(state: &AppState, s: &Settings) -> DbResult<Arc<BallotIdeas>> {
    let (org, cid) = (s.org_id, s.component_id);
    state
        .owned::<crate::versioned::Versioned<BallotIdeas>>()
        .at_least(cid, s.version, || async move {
            let rows: Vec<BallotIdeaRow> = state.db.all(BALLOT_IDEAS_SQL, args![org, cid]).await?;
            let mut out = BallotIdeas {
                // A ballot that is gone: older than any settings, so never taken for current.
                version: rows.first().map_or(-1, |r| r.0),
                ideas: Vec::with_capacity(rows.len()),
            };
            for (_, id, title, summary, cost, area_id) in rows {
                if let Some(id) = id {
                    out.ideas.push(BallotIdea {
                        id,
                        title: title.unwrap_or_default(),
                        summary: summary.unwrap_or_default(),
                        cost: cost.unwrap_or(0),
                        area_id,
                    });
                }
            }
            Ok(out)
        })
        .await
}

/// How many ideas one statement of the cast writes at most; longer choices are written in
/// chunks.
const CHOSEN_CHUNK: usize = 16;

/// A ballot's choices as stored in `ballots.choices`: the idea ids, ascending, comma-separated
/// (migration 0020).
pub fn choices_text(ideas: &BTreeSet<i64>) -> String {
    let mut out = String::with_capacity(ideas.len() * 6);
    for (n, id) in ideas.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out
}

/// The idea ids in a stored `ballots.choices`, ascending and without repeats. An id may name
/// an idea that was removed since: the text has no foreign key, so callers keep the ideas
/// they know.
pub fn parse_choices(text: &str) -> BTreeSet<i64> {
    text.split(',')
        .filter_map(|p| p.trim().parse().ok())
        .collect()
}

/// The statement text for `n` rows (1 to [`CHOSEN_CHUNK`]; more are capped), row `k` (from 0)
/// made by `row(k)`, kept in `texts`.
fn values_sql(
    texts: &'static [OnceLock<String>; CHOSEN_CHUNK],
    n: usize,
    head: &str,
    row: impl Fn(usize) -> String,
    tail: &str,
) -> &'static str {
    let n = n.clamp(1, CHOSEN_CHUNK);
    texts[n - 1].get_or_init(|| {
        let rows: Vec<String> = (0..n).map(row).collect();
        format!("{head}{}{tail}", rows.join(", "))
    })
}

/// On PostgreSQL each idea's counter is split over this many rows of `ballot_tallies`
/// (column `shard`).
///
/// A cast keeps its counter rows locked until its commit is on disk. With one row per idea,
/// every voter of a popular idea waited for the WAL flush of the voter before them (about a
/// third of the busy backends sat in `Lock: transactionid` waits during the ballot benchmark).
/// A ballot's shard comes from its id, so consecutive ballots write different rows; 32 is
/// twice the PostgreSQL pool (16 connections), so two casts in flight rarely share a row, and
/// a result still sums only 32 rows per idea.
///
/// Changing this number needs a migration that re-shards the stored counters: a changed
/// ballot takes its old votes back from the shard of its id, which must be the shard that
/// received them (`CHECK (votes >= 0)` holds per row).
pub const TALLY_SHARDS: i64 = 32;

/// How many counter rows per idea this backend uses. SQLite has one writer, so there are no
/// row locks to spread: it keeps one row per idea (shard 0), so a commit touches and a result
/// sums no more rows than before the shards.
pub fn tally_shards(backend: Backend) -> i64 {
    match backend {
        Backend::Sqlite => 1,
        Backend::Postgres => TALLY_SHARDS,
    }
}

/// The counter rows a ballot adds to and takes from.
pub fn tally_shard(backend: Backend, ballot_id: i64) -> i64 {
    ballot_id.rem_euclid(tally_shards(backend))
}

/// One more vote for each of `n` ideas (`$4` on, ascending, so two voters never wait on
/// each other's rows in a cycle) in shard `$3`, as `n` rows of `VALUES`: `$1` org, `$2`
/// component. An `id IN (...)` list made SQLite build and drop a temporary b-tree in every
/// statement; rows need none. One text per number of ideas, made once.
fn add_tallies_sql(n: usize) -> &'static str {
    static TEXTS: [OnceLock<String>; CHOSEN_CHUNK] = [const { OnceLock::new() }; CHOSEN_CHUNK];
    values_sql(
        &TEXTS,
        n,
        "INSERT INTO ballot_tallies (org_id, component_id, idea_id, shard, votes) VALUES ",
        |k| format!("($1, $2, ${}, $3, 1)", k + 4),
        " ON CONFLICT (component_id, idea_id, shard) DO UPDATE SET votes = ballot_tallies.votes + 1",
    )
}

/// A changed ballot's counters in one statement: row `k` is idea `$(4 + 2k)` with
/// `$(5 + 2k)` = 1 when it gains a vote and 0 when it loses one, all in shard `$3` and in
/// ascending idea order, ups and downs mixed, so two voters never wait on each other's rows in
/// a cycle. Both backends check `votes >= 0` on the proposed row before they look for the
/// conflict, hence 0 rather than -1. A loss finds its row (the ballot added the vote to the
/// same shard) unless the idea was removed, which also removed its counters; such rows are
/// left out (`EXISTS`), because the old choices are text without a foreign key. So a 0 is
/// never stored by this statement.
fn move_tallies_sql(n: usize) -> &'static str {
    static TEXTS: [OnceLock<String>; CHOSEN_CHUNK] = [const { OnceLock::new() }; CHOSEN_CHUNK];
    values_sql(
        &TEXTS,
        n,
        "INSERT INTO ballot_tallies (org_id, component_id, idea_id, shard, votes) \
         SELECT $1, $2, v.column1, $3, v.column2 FROM (VALUES ",
        |k| {
            format!(
                "(CAST(${} AS BIGINT), CAST(${} AS BIGINT))",
                4 + 2 * k,
                5 + 2 * k
            )
        },
        ") AS v WHERE EXISTS (SELECT 1 FROM ideas WHERE ideas.id = v.column1) ORDER BY v.column1 \
         ON CONFLICT (component_id, idea_id, shard) DO UPDATE \
         SET votes = ballot_tallies.votes + CASE WHEN excluded.votes = 1 THEN 1 ELSE -1 END",
    )
}

/// Each idea's votes: the sum over its shards (`$1` org, `$2` component).
pub(super) const TALLIES_SQL: &str =
    "SELECT idea_id, CAST(SUM(votes) AS BIGINT) FROM ballot_tallies \
     WHERE org_id = $1 AND component_id = $2 GROUP BY idea_id";

pub fn domain_ideas(ideas: &[BallotIdea]) -> Vec<Idea> {
    ideas
        .iter()
        .map(|i| Idea {
            id: i.id,
            cost: i.cost,
            area_id: i.area_id,
            eligible: true,
        })
        .collect()
}

pub fn names(ideas: &[BallotIdea], areas: &BTreeMap<i64, String>) -> domain::NameMaps {
    domain::NameMaps {
        ideas: ideas.iter().map(|i| (i.id, i.title.clone())).collect(),
        areas: areas.clone(),
    }
}

/// Who casts a ballot.
#[derive(Debug, Clone)]
pub enum Voter {
    /// A verified member.
    Member(i64),
    /// The holder of a voting code (its id).
    Code(i64),
    /// A paper ballot entered by this staff member.
    Paper { staff_id: i64 },
}

impl Voter {
    pub fn key(&self) -> String {
        match self {
            Voter::Member(u) => format!("u:{u}"),
            Voter::Code(c) => format!("c:{c}"),
            Voter::Paper { .. } => format!("p:{}", crate::web::session::random_token()),
        }
    }
}

#[derive(Debug)]
pub enum CastError {
    NotFound,
    NotOpen,
    Closed,
    /// Results are published: paper ballots can no longer be added.
    Published,
    Rules(BallotError),
    /// Refused by `eligibility` (e.g. under the minimum age).
    Eligibility(super::eligibility::Refusal),
    /// The settings or the ideas kept changing while the cast was checked ([`CAST_ATTEMPTS`]
    /// times in a row): nothing was written.
    Changed,
    Db(DbError),
}

impl From<DbError> for CastError {
    fn from(e: DbError) -> Self {
        CastError::Db(e)
    }
}

/// How often a cast validates again when the ballot's settings or ideas changed between its
/// validation and its write (see [`cast`]). Staff edits are rare; three in a row during one
/// cast means something keeps changing, and the voter is asked to try again.
const CAST_ATTEMPTS: usize = 3;

/// A cast that passed every check, ready to be written.
struct Checked {
    ballot: domain::Ballot,
    /// The birth date to store (members on a ballot with a minimum age).
    birth: Option<String>,
    at: i64,
}

/// The voter's ballot row with its choices (`$11`), written only while the settings still have
/// the version the cast was validated against (`$10`): no row comes back when they moved.
/// `revision` tells a first ballot (0) from a replaced one, and `prev_choices` gives the
/// replaced choices: both backends evaluate `SET` against the row before the update, so the
/// old choices come back from the same statement that writes the new ones.
macro_rules! upsert_sql {
    () => {
        "INSERT INTO ballots (org_id, component_id, voter_key, user_id, code_id, channel, \
         entered_by, created_at, updated_at, birth_date, choices) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $11 FROM ballot_settings \
         WHERE org_id = $1 AND component_id = $2 AND version = $10 \
         ON CONFLICT (component_id, voter_key) DO UPDATE SET updated_at = excluded.updated_at, \
         birth_date = COALESCE(excluded.birth_date, ballots.birth_date), revision = ballots.revision + 1, \
         prev_choices = ballots.choices, choices = excluded.choices \
         RETURNING id, revision, prev_choices"
    };
}
const UPSERT_SQL: &str = upsert_sql!();

/// The whole online cast on PostgreSQL as one statement, so one round trip and one implicit
/// transaction instead of four (`BEGIN`, ballot row, counters, `COMMIT`): the upsert above
/// (`$12` the shards), then the counters it moves, worked out from its `RETURNING`. Ideas
/// chosen now and not before gain a vote (1); ideas chosen before and not now lose one (0),
/// as in [`move_tallies_sql`], in ascending idea order and without removed ideas. For a first
/// ballot there is nothing before, so every chosen idea gains. Returns the ballot id; no row
/// when the settings moved. SQLite has no `unnest` nor data-modifying `WITH`, and its
/// statements cost no round trip, so it runs the same steps as two statements ([`write`]).
const CAST_PG_SQL: &str = concat!(
    "WITH b AS (",
    upsert_sql!(),
    "), new_i AS (SELECT DISTINCT CAST(x AS BIGINT) AS idea \
     FROM unnest(string_to_array(CAST($11 AS TEXT), ',')) AS x WHERE x <> ''), \
     old_i AS (SELECT DISTINCT CAST(x AS BIGINT) AS idea \
     FROM b, unnest(string_to_array(b.prev_choices, ',')) AS x WHERE b.revision > 0 AND x <> ''), \
     moved AS (SELECT COALESCE(n.idea, o.idea) AS idea, CASE WHEN n.idea IS NULL THEN 0 ELSE 1 END AS up \
     FROM new_i n FULL JOIN old_i o ON o.idea = n.idea WHERE n.idea IS NULL OR o.idea IS NULL), \
     t AS (INSERT INTO ballot_tallies (org_id, component_id, idea_id, shard, votes) \
     SELECT $1, $2, m.idea, b.id % $12, m.up FROM b, moved m \
     WHERE EXISTS (SELECT 1 FROM ideas WHERE ideas.id = m.idea) ORDER BY m.idea \
     ON CONFLICT (component_id, idea_id, shard) DO UPDATE \
     SET votes = ballot_tallies.votes + CASE WHEN excluded.votes = 1 THEN 1 ELSE -1 END) \
     SELECT id FROM b"
);

/// Casts (or replaces) `voter`'s ballot. `settings` are the ballot's settings as the caller
/// read them; `birth_date` is the date a member declared on a ballot with a minimum age
/// (`None` reuses the one stored on their earlier ballot). Returns the ballot id after commit.
///
/// Everything that only reads (the window, who may vote, the chosen ideas and the rules) is
/// checked before the write transaction, so SQLite's single writer spends its time on writes
/// only; the ideas come from memory ([`ballot_ideas`]) at exactly the settings' version. The
/// write then re-checks that one number: the settings' `version`, which triggers move on every
/// change to the settings, the area rules and the ideas on the ballot (migration 0017). Any
/// change after the settings were read shows as a moved version, and the cast then validates
/// again on fresh reads ([`CAST_ATTEMPTS`] times at most).
pub async fn cast(
    state: &AppState,
    org: i64,
    cid: i64,
    voter: &Voter,
    chosen: &[IdeaId],
    birth_date: Option<&str>,
    settings: &Settings,
) -> Result<i64, CastError> {
    let mut reloaded: Option<Settings> = None;
    for attempt in 0..CAST_ATTEMPTS {
        if attempt > 0 {
            reloaded = Some(
                load_voting_settings(state, org, cid)
                    .await?
                    .ok_or(CastError::NotFound)?,
            );
        }
        let s = reloaded.as_ref().unwrap_or(settings);
        let Some(checked) = check(state, org, cid, s, voter, chosen, birth_date).await? else {
            continue;
        };
        if let Some(id) = write(state, org, cid, s.version, voter, &checked).await? {
            return Ok(id);
        }
    }
    Err(CastError::Changed)
}

/// The window, who may vote and the rules, on reads only. `None` when the ideas on the ballot
/// are not at the settings' version (one of the two changed meanwhile).
async fn check(
    state: &AppState,
    org: i64,
    cid: i64,
    s: &Settings,
    voter: &Voter,
    chosen: &[IdeaId],
    birth_date: Option<&str>,
) -> Result<Option<Checked>, CastError> {
    let at = now();
    match voter {
        Voter::Paper { .. } => {
            if s.results_published_at.is_some() {
                return Err(CastError::Published);
            }
            if !s.configured {
                return Err(CastError::NotOpen);
            }
        }
        _ => match s.window(at) {
            Window::Open => {}
            Window::Closed => return Err(CastError::Closed),
            Window::NotYetOpen | Window::NotConfigured => return Err(CastError::NotOpen),
        },
    }
    // Who may vote: the minimum age, with the birth date declared now or on the earlier ballot.
    let birth = if super::eligibility::needs_birth_date(s, voter) {
        let stored = match birth_date {
            Some(_) => None,
            None => stored_birth_date(state, org, cid, &voter.key()).await?,
        };
        let today = time::OffsetDateTime::from_unix_timestamp(at)
            .map(|d| d.date())
            .unwrap_or(time::Date::MIN);
        super::eligibility::check_age(s, voter, birth_date.or(stored.as_deref()), today)
            .map_err(CastError::Eligibility)?
    } else {
        None
    };
    let ideas = match s.ideas_component_id {
        Some(_) => {
            let on_ballot = ballot_ideas(state, s).await?;
            if on_ballot.version != s.version {
                return Ok(None);
            }
            on_ballot.chosen(chosen)
        }
        None => Vec::new(),
    };
    let ballot = domain::Ballot::validated(&s.rules(), &ideas, chosen).map_err(CastError::Rules)?;
    Ok(Some(Checked { ballot, birth, at }))
}

/// Writes a checked ballot in one transaction. `None` (nothing written) when the settings are
/// no longer at `version`.
async fn write(
    state: &AppState,
    org: i64,
    cid: i64,
    version: i64,
    voter: &Voter,
    c: &Checked,
) -> Result<Option<i64>, CastError> {
    let (user_id, code_id, channel, entered_by) = match voter {
        Voter::Member(u) => (Some(*u), None, "online", None),
        Voter::Code(c) => (None, Some(*c), "online", None),
        Voter::Paper { staff_id } => (None, None, "paper", Some(*staff_id)),
    };
    let new: BTreeSet<i64> = c.ballot.ideas().collect();
    let row_args = args![
        org,
        cid,
        voter.key(),
        user_id,
        code_id,
        channel,
        entered_by,
        c.at,
        c.birth.clone(),
        version,
        choices_text(&new)
    ];
    // A paper ballot also writes an audit entry, so it takes the transaction below.
    if state.db.backend() == Backend::Postgres && entered_by.is_none() {
        let mut a = row_args;
        a.push(TALLY_SHARDS.into());
        return match state.db.write_scalar::<i64>(CAST_PG_SQL, a).await {
            Ok(id) => Ok(Some(id)),
            Err(DbError::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        };
    }
    let mut tx = state.db.begin().await?;
    let row: Option<(i64, i64, Option<String>)> = tx.opt(UPSERT_SQL, row_args).await?;
    // Dropping the transaction rolls back (nothing was written).
    let Some((ballot_id, revision, prev)) = row else {
        return Ok(None);
    };
    // The upsert locked the ballot row, so on PostgreSQL `prev` is what a concurrent cast by
    // the same voter committed. A first ballot has none.
    let old = match (revision, prev) {
        (0, _) | (_, None) => BTreeSet::new(),
        (_, Some(text)) => parse_choices(&text),
    };
    let shard = tally_shard(tx.backend(), ballot_id);
    if old.is_empty() {
        // A first ballot (the common case): the counters only go up.
        let new_ids: Vec<i64> = new.iter().copied().collect();
        for chunk in new_ids.chunks(CHOSEN_CHUNK) {
            let mut a = args![org, cid, shard];
            a.extend(chunk.iter().map(|i| crate::db::Arg::from(*i)));
            tx.run(add_tallies_sql(chunk.len()), a).await?;
        }
    } else if old != new {
        let changed: Vec<i64> = old.symmetric_difference(&new).copied().collect();
        for chunk in changed.chunks(CHOSEN_CHUNK) {
            let mut a = args![org, cid, shard];
            for i in chunk {
                a.push((*i).into());
                a.push(i64::from(new.contains(i)).into());
            }
            tx.run(move_tallies_sql(chunk.len()), a).await?;
        }
    }
    if let Voter::Paper { staff_id } = voter {
        audit::record_tx(
            &mut tx,
            Entry {
                org_id: org,
                actor_id: Some(*staff_id),
                action: "ballot.paper",
                object_type: "ballot",
                object_id: Some(ballot_id.to_string()),
                detail: new
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(ballot_id))
}

/// The birth date a voter declared on their ballot here, if any.
pub async fn stored_birth_date(
    state: &AppState,
    org: i64,
    cid: i64,
    key: &str,
) -> DbResult<Option<String>> {
    Ok(state
        .db
        .scalar::<Option<String>>(
            "SELECT birth_date FROM ballots WHERE org_id = $1 AND component_id = $2 AND voter_key = $3",
            args![org, cid, key],
        )
        .await?
        .flatten())
}

/// The current choices of a voter, if they voted.
pub async fn my_choices(
    state: &AppState,
    org: i64,
    cid: i64,
    key: &str,
) -> DbResult<Option<Vec<i64>>> {
    let text: Option<String> = state
        .db
        .scalar(
            "SELECT choices FROM ballots WHERE org_id = $1 AND component_id = $2 AND voter_key = $3",
            args![org, cid, key],
        )
        .await?;
    Ok(text.map(|t| parse_choices(&t).into_iter().collect()))
}

/// One cast ballot with what it chose, as the Pabulib export reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CastBallot {
    pub id: i64,
    /// `online` or `paper`.
    pub channel: String,
    /// The chosen idea ids, ascending; may name ideas removed since (see [`parse_choices`]).
    pub ideas: Vec<i64>,
}

/// Every ballot of a ballot component, in the order they were first cast.
pub(super) async fn cast_ballots(
    db: &crate::db::Db,
    org: i64,
    cid: i64,
) -> DbResult<Vec<CastBallot>> {
    let rows: Vec<(i64, String, String)> = db
        .all(
            "SELECT id, channel, choices FROM ballots WHERE org_id = $1 AND component_id = $2 ORDER BY id",
            args![org, cid],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, channel, text)| CastBallot {
            id,
            channel,
            ideas: parse_choices(&text).into_iter().collect(),
        })
        .collect())
}

pub fn member_key(user_id: i64) -> String {
    format!("u:{user_id}")
}

pub fn code_key(code_id: i64) -> String {
    format!("c:{code_id}")
}

/// Tallies from the counters: O(ideas).
pub async fn tallies(state: &AppState, org: i64, cid: i64) -> DbResult<BTreeMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = state.db.all(TALLIES_SQL, args![org, cid]).await?;
    Ok(rows.into_iter().collect())
}

/// Ballots cast: (online, paper).
pub async fn turnout(state: &AppState, org: i64, cid: i64) -> DbResult<(i64, i64)> {
    let rows: Vec<(String, i64)> = state
        .db
        .all(
            "SELECT channel, COUNT(*) FROM ballots WHERE org_id = $1 AND component_id = $2 GROUP BY channel",
            args![org, cid],
        )
        .await?;
    let get = |c: &str| rows.iter().find(|r| r.0 == c).map(|r| r.1).unwrap_or(0);
    Ok((get("online"), get("paper")))
}

// ---------------------------------------------------------------------------------------
// Voting codes

/// A new random code from the OS CSPRNG: `CODE_LEN` characters of [`CODE_ALPHABET`], drawn by
/// rejection sampling so every character is equally likely.
pub fn new_code() -> anyhow::Result<String> {
    let n = CODE_ALPHABET.len();
    let bound = (256 / n * n) as u8;
    let mut out = String::with_capacity(CODE_LEN);
    let mut buf = [0u8; 32];
    while out.len() < CODE_LEN {
        rand::rngs::OsRng
            .try_fill_bytes(&mut buf)
            .map_err(|e| anyhow::anyhow!("OS random generator: {e}"))?;
        for b in buf {
            if b < bound && out.len() < CODE_LEN {
                out.push(CODE_ALPHABET[b as usize % n] as char);
            }
        }
    }
    Ok(out)
}

/// `ABCDE-FGHJK`, for printing.
pub fn grouped(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(5));
    if b.is_empty() {
        a.to_string()
    } else {
        format!("{a}-{b}")
    }
}

/// What a person typed, normalised: upper case, without spaces and dashes.
pub fn normalise_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(|c| c.to_uppercase())
        .collect()
}

pub fn hash_code(normalised: &str) -> String {
    crate::web::session::hash_token(normalised)
}

/// Generates `n` codes for a component; returns them in plain text (shown once).
pub async fn generate_codes(
    tx: &mut Tx,
    org: i64,
    cid: i64,
    n: i64,
) -> Result<Vec<String>, anyhow::Error> {
    let t = now();
    let mut codes = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
    while (codes.len() as i64) < n {
        let code = new_code()?;
        match tx
            .run(
                "INSERT INTO ballot_codes (org_id, component_id, code_hash, created_at) VALUES ($1, $2, $3, $4)",
                args![org, cid, hash_code(&code), t],
            )
            .await
        {
            Ok(_) => codes.push(code),
            // A collision (about 1 in 10^14): draw again.
            Err(DbError::Unique(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(codes)
}

pub async fn find_code(
    state: &AppState,
    org: i64,
    cid: i64,
    normalised: &str,
) -> DbResult<Option<i64>> {
    state
        .db
        .scalar(
            "SELECT id FROM ballot_codes WHERE org_id = $1 AND component_id = $2 AND code_hash = $3",
            args![org, cid, hash_code(normalised)],
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_as_ascending_text() {
        let ideas: BTreeSet<i64> = [12, 3, 7].into_iter().collect();
        assert_eq!(choices_text(&ideas), "3,7,12");
        assert_eq!(parse_choices("3,7,12"), ideas);
        assert_eq!(choices_text(&BTreeSet::new()), "");
        assert!(parse_choices("").is_empty());
        // Order and repeats in stored text do not matter; what is not a number is skipped.
        assert_eq!(parse_choices("12, 3,x,7,3"), ideas);
    }

    #[test]
    fn amsterdam_time() {
        use domain::calendar::{
            format_local, format_local_input, parse_local_input as parse_local,
        };
        // Winter: CET, UTC+1.
        let w = parse_local("2026-01-15T10:00").unwrap();
        assert_eq!(format_local_input(w), "2026-01-15T10:00");
        assert_eq!(w % 86400, 9 * 3600);
        // Summer: CEST, UTC+2.
        let s = parse_local("2026-07-01T10:00").unwrap();
        assert_eq!(s % 86400, 8 * 3600);
        assert_eq!(format_local(s), "1-7-2026 10:00");
        assert!(parse_local("gisteren").is_none());
    }

    #[test]
    fn codes() {
        let c = new_code().unwrap();
        assert_eq!(c.len(), CODE_LEN);
        assert!(c.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert_eq!(normalise_code(" abcde-fghjk "), "ABCDEFGHJK");
        assert_eq!(grouped("ABCDEFGHJK"), "ABCDE-FGHJK");
    }
}
