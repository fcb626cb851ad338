//! Retention (AVG): each municipality sets how many days after a project ends its voters are
//! anonymised, and how long counters derived from IP addresses are kept (OpenStad's default:
//! 60 days). [`apply_retention`] does both; the housekeeping job calls it.
//!
//! - Anonymising a project's voters: every project component unlinks people from what they
//!   gave (`Component::anonymise_project`: a ballot loses its voter, `voter_key` becoming
//!   `x:{ballot id}`; a poll answer loses its `user_id`). Choices and counters are untouched,
//!   so results stay the same. Each project is done once (`retention_runs`), in one
//!   transaction with every component's hook.
//! - Modules with retention of their own (not tied to a project's end) do it in
//!   `Module::retention`, called here with the same time.
//! - A project has ended when it is closed, or when all its phases and ballots lie in the
//!   past; the moment is the last phase's end or the last ballot's closing time (for a closed
//!   project without either: when it was closed). A ballot that is still open always wins.
//! - IP addresses are never stored in clear (see `ratelimit::stored_bucket`); counters keyed
//!   by a client address (prefixes from `Module::ip_buckets`) are deleted after the shortest
//!   `ip_days` of any municipality (and housekeeping removes every counter after a day
//!   anyway). Sessions hold no IP address.

use std::collections::BTreeMap;

use crate::args;
use crate::db::{now, Db, DbResult, Tx};
use crate::state::AppState;

pub const DEFAULT_DAYS: i64 = 60;
pub const MAX_DAYS: i64 = 3650;

/// A municipality's retention settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct Retention {
    pub voter_days: i64,
    pub ip_days: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            voter_days: DEFAULT_DAYS,
            ip_days: DEFAULT_DAYS,
        }
    }
}

pub async fn settings(db: &Db, org_id: i64) -> DbResult<Retention> {
    Ok(db
        .opt::<Retention>(
            "SELECT voter_days, ip_days FROM org_retention WHERE org_id = $1",
            args![org_id],
        )
        .await?
        .unwrap_or_default())
}

pub async fn save_settings(tx: &mut Tx, org_id: i64, r: Retention) -> DbResult<()> {
    tx.run(
        "INSERT INTO org_retention (org_id, voter_days, ip_days, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (org_id) DO UPDATE SET voter_days = excluded.voter_days, ip_days = excluded.ip_days, \
         updated_at = excluded.updated_at",
        args![org_id, r.voter_days, r.ip_days, now()],
    )
    .await?;
    Ok(())
}

/// Applies every municipality's retention settings now. Returns the number of rows changed
/// or deleted.
pub async fn apply_retention(state: &AppState) -> anyhow::Result<u64> {
    apply_retention_at(state, now()).await
}

/// `YYYY-MM-DD` → the end of that day (UTC), in unix seconds.
fn end_of_day(date: &str) -> Option<i64> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(date.trim(), &fmt).ok()?;
    Some(d.midnight().assume_utc().unix_timestamp() + 24 * 3600 - 1)
}

/// When a project ended, or None while it runs.
fn project_end(
    status: &str,
    updated_at: i64,
    last_phase: Option<i64>,
    last_close: Option<i64>,
    at: i64,
) -> Option<i64> {
    if last_close.is_some_and(|c| c > at) {
        return None;
    }
    let last = last_phase.into_iter().chain(last_close).max();
    if status == "closed" {
        return Some(last.map_or(updated_at, |l| l.min(updated_at)));
    }
    last.filter(|l| *l <= at)
}

/// [`apply_retention`] as if the time were `at` (tests use this).
pub async fn apply_retention_at(state: &AppState, at: i64) -> anyhow::Result<u64> {
    let db = &state.db;
    let mut changed = 0u64;
    let projects: Vec<(i64, i64, String, i64)> = db
        .all(
            "SELECT p.id, p.org_id, p.status, p.updated_at FROM projects p \
             WHERE NOT EXISTS (SELECT 1 FROM retention_runs r WHERE r.project_id = p.id) ORDER BY p.id",
            args![],
        )
        .await?;
    let phases: Vec<(i64, Option<String>)> = db
        .all(
            "SELECT project_id, MAX(ends_on) FROM phases GROUP BY project_id",
            args![],
        )
        .await?;
    let phases: BTreeMap<i64, i64> = phases
        .into_iter()
        .filter_map(|(p, d)| Some((p, end_of_day(&d?)?)))
        .collect();
    let closes: Vec<(i64, Option<i64>)> = db
        .all(
            "SELECT c.project_id, MAX(s.closes_at) FROM ballot_settings s \
             JOIN components c ON c.id = s.component_id AND c.org_id = s.org_id \
             WHERE s.configured = TRUE GROUP BY c.project_id",
            args![],
        )
        .await?;
    let closes: BTreeMap<i64, i64> = closes
        .into_iter()
        .filter_map(|(p, c)| Some((p, c?)))
        .collect();
    let mut per_org: BTreeMap<i64, Retention> = BTreeMap::new();
    for (pid, org, status, updated) in projects {
        let Some(end) = project_end(
            &status,
            updated,
            phases.get(&pid).copied(),
            closes.get(&pid).copied(),
            at,
        ) else {
            continue;
        };
        let r = match per_org.get(&org) {
            Some(r) => *r,
            None => {
                let r = settings(db, org).await?;
                per_org.insert(org, r);
                r
            }
        };
        if end.saturating_add(r.voter_days.saturating_mul(24 * 3600)) > at {
            continue;
        }
        let mut tx = db.begin().await?;
        let mut n = 0u64;
        for c in state.modules.components() {
            n += c.anonymise_project(&mut tx, org, pid).await?;
        }
        tx.run(
            "INSERT INTO retention_runs (org_id, project_id, anonymised_at, rows_changed) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (project_id) DO NOTHING",
            args![org, pid, at, i64::try_from(n).unwrap_or(i64::MAX)],
        )
        .await?;
        tx.commit().await?;
        changed += n;
    }
    for m in state.modules.all() {
        changed += m.retention(db, at).await?;
    }
    // Counters keyed by a client address: the shortest setting of any municipality wins.
    let ip_days: Option<Option<i64>> = db
        .scalar(
            "SELECT MIN(COALESCE(r.ip_days, CAST(60 AS BIGINT))) FROM orgs o \
             LEFT JOIN org_retention r ON r.org_id = o.id",
            args![],
        )
        .await?;
    let ip_days = ip_days.flatten().unwrap_or(DEFAULT_DAYS);
    for m in state.modules.all() {
        for prefix in m.ip_buckets() {
            changed += db
                .exec(
                    "DELETE FROM rate_counters WHERE window_start < $1 AND bucket LIKE $2",
                    args![at - ip_days * 24 * 3600, format!("{prefix}:%")],
                )
                .await?;
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::{end_of_day, project_end};

    #[test]
    fn when_a_project_ends() {
        let day = end_of_day("2026-01-31").unwrap();
        assert_eq!(day % 86400, 86399);
        assert!(end_of_day("morgen").is_none());
        let now = day + 100 * 86400;
        // Running: a phase or a ballot in the future, or nothing at all.
        assert_eq!(project_end("published", 0, Some(now + 10), None, now), None);
        assert_eq!(project_end("published", 0, None, None, now), None);
        assert_eq!(
            project_end("closed", 5, Some(day), Some(now + 1), now),
            None
        );
        // Ended: everything in the past, or closed.
        assert_eq!(
            project_end("published", 0, Some(day), Some(day - 5), now),
            Some(day)
        );
        assert_eq!(project_end("closed", 77, None, None, now), Some(77));
        assert_eq!(project_end("closed", now, Some(day), None, now), Some(day));
    }
}
