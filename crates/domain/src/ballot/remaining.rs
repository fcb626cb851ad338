//! What is left to spend or choose, for the live display next to the ballot.
//!
//! Unlike [`super::validate`] this is lenient: it shows progress on a half-built ballot, so it
//! skips unknown, ineligible and repeated ids instead of refusing them. The numbers go negative
//! when the voter is over a limit, so the page can say "€ 200 te veel".

use std::collections::{BTreeMap, BTreeSet};

use super::validate::total_cost;
use super::{BallotRules, Idea, Limit};
use crate::{AreaId, IdeaId};

/// Progress against one limit: the whole ballot (`area_id: None`) or one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Remaining {
    pub area_id: Option<AreaId>,
    pub limit: Limit,
    /// Number of (valid, distinct) ideas chosen so far under this limit.
    pub chosen: u32,
    /// Their total cost in euros.
    pub spent: i64,
    pub left: Left,
}

/// What is left under a limit; negative means over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Left {
    /// Euros left to spend (`max_budget - spent`).
    Euros(i64),
    /// Ideas left to choose (`max - chosen`).
    Choices(i64),
}

/// One entry for a count or budget ballot; one per area (in the configured order) for a
/// per-area ballot.
pub fn remaining_budget(
    rules: &BallotRules,
    ideas_on_ballot: &[Idea],
    chosen: &[IdeaId],
) -> Vec<Remaining> {
    let mut by_id: BTreeMap<IdeaId, &Idea> = BTreeMap::new();
    for idea in ideas_on_ballot.iter().filter(|i| i.eligible) {
        by_id.entry(idea.id).or_insert(idea);
    }
    let mut seen = BTreeSet::new();
    let picked: Vec<&Idea> = chosen
        .iter()
        .filter(|id| seen.insert(**id))
        .filter_map(|id| by_id.get(id).copied())
        .collect();

    match rules {
        BallotRules::PerArea { areas, .. } => {
            let mut done = BTreeSet::new();
            areas
                .iter()
                .filter(|a| done.insert(a.area_id))
                .map(|a| {
                    let in_area = picked
                        .iter()
                        .copied()
                        .filter(|i| i.area_id == Some(a.area_id));
                    progress(a.rule, Some(a.area_id), in_area)
                })
                .collect()
        }
        _ => vec![progress(
            rules
                .whole_ballot_limit()
                .expect("count and budget ballots have one limit"),
            None,
            picked.iter().copied(),
        )],
    }
}

fn progress<'a>(
    limit: Limit,
    area_id: Option<AreaId>,
    ideas: impl Iterator<Item = &'a Idea> + Clone,
) -> Remaining {
    let chosen = u32::try_from(ideas.clone().count()).unwrap_or(u32::MAX);
    let spent = total_cost(ideas);
    let left = match limit {
        Limit::Count { max, .. } => Left::Choices(i64::from(max) - i64::from(chosen)),
        Limit::Budget { max_budget, .. } => Left::Euros(max_budget.saturating_sub(spent)),
    };
    Remaining {
        area_id,
        limit,
        chosen,
        spent,
        left,
    }
}
