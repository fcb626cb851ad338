//! The server-side ballot check.
//!
//! Order of checks, so the voter always sees the most basic problem first:
//! 1. each choice, in the order posted: unknown idea, ineligible idea, duplicate;
//! 2. nothing chosen;
//! 3. per-area ballots: an idea outside every allowed area, then mixing areas under
//!    [`AreaScope::OneArea`];
//! 4. the limits: too many / too few, over / under budget; per area in the order staff listed
//!    the areas.

use std::collections::{BTreeMap, BTreeSet};

use super::{AreaScope, BallotError, BallotRules, Idea, Limit};
use crate::{AreaId, IdeaId};

/// Checks a voter's choice against the rules. `ideas_on_ballot` are the ideas of this voting
/// phase; `chosen` is the raw list as posted (it may hold duplicates or foreign ids, which is
/// why this is a slice and not a [`super::Ballot`]).
pub fn validate(
    rules: &BallotRules,
    ideas_on_ballot: &[Idea],
    chosen: &[IdeaId],
) -> Result<(), BallotError> {
    let picked = resolve(ideas_on_ballot, chosen)?;
    if picked.is_empty() {
        return Err(BallotError::NothingChosen);
    }
    match rules {
        BallotRules::Count { .. } | BallotRules::Budget { .. } => {
            let limit = rules
                .whole_ballot_limit()
                .expect("count and budget ballots have one limit");
            check_limit(limit, &picked, None)
        }
        BallotRules::PerArea { areas, scope } => {
            let groups = group_by_area(rules, &picked)?;
            if *scope == AreaScope::OneArea && groups.len() > 1 {
                return Err(BallotError::MixedAreas {
                    area_ids: groups.keys().copied().collect(),
                });
            }
            let mut checked = BTreeSet::new();
            for area in areas {
                // An area listed twice is checked once, by its first rule (see `area_rule`).
                if !checked.insert(area.area_id) {
                    continue;
                }
                if let Some(group) = groups.get(&area.area_id) {
                    check_limit(area.rule, group, Some(area.area_id))?;
                }
            }
            Ok(())
        }
    }
}

/// Looks up each chosen id; refuses unknown, ineligible and repeated ids.
fn resolve<'a>(ideas: &'a [Idea], chosen: &[IdeaId]) -> Result<Vec<&'a Idea>, BallotError> {
    let mut by_id: BTreeMap<IdeaId, &Idea> = BTreeMap::new();
    for idea in ideas {
        // First one wins if the caller passed an id twice; ids are unique in the database.
        by_id.entry(idea.id).or_insert(idea);
    }
    let mut seen = BTreeSet::new();
    let mut picked = Vec::with_capacity(chosen.len());
    for &idea_id in chosen {
        let idea = *by_id
            .get(&idea_id)
            .ok_or(BallotError::UnknownIdea { idea_id })?;
        if !idea.eligible {
            return Err(BallotError::IneligibleIdea { idea_id });
        }
        if !seen.insert(idea_id) {
            return Err(BallotError::DuplicateChoice { idea_id });
        }
        picked.push(idea);
    }
    Ok(picked)
}

fn group_by_area<'a>(
    rules: &BallotRules,
    picked: &[&'a Idea],
) -> Result<BTreeMap<AreaId, Vec<&'a Idea>>, BallotError> {
    let mut groups: BTreeMap<AreaId, Vec<&Idea>> = BTreeMap::new();
    for idea in picked {
        match idea.area_id {
            Some(area_id) if rules.area_rule(area_id).is_some() => {
                groups.entry(area_id).or_default().push(idea)
            }
            area_id => {
                return Err(BallotError::OutsideAreas {
                    idea_id: idea.id,
                    area_id,
                })
            }
        }
    }
    Ok(groups)
}

/// Total cost of some ideas. Saturating, so absurd inputs give "over budget", never a panic.
pub(super) fn total_cost<'a>(ideas: impl IntoIterator<Item = &'a Idea>) -> i64 {
    ideas
        .into_iter()
        .fold(0i64, |sum, idea| sum.saturating_add(idea.cost))
}

fn check_limit(limit: Limit, ideas: &[&Idea], area_id: Option<AreaId>) -> Result<(), BallotError> {
    match limit {
        Limit::Count { min, max } => {
            let chosen = u32::try_from(ideas.len()).unwrap_or(u32::MAX);
            if chosen > max {
                return Err(BallotError::TooMany {
                    chosen,
                    max,
                    area_id,
                });
            }
            if chosen < min {
                return Err(BallotError::TooFew {
                    chosen,
                    min,
                    area_id,
                });
            }
        }
        Limit::Budget {
            min_budget,
            max_budget,
        } => {
            let total = total_cost(ideas.iter().copied());
            if total > max_budget {
                return Err(BallotError::OverBudget {
                    total,
                    max_budget,
                    area_id,
                });
            }
            if total < min_budget {
                return Err(BallotError::UnderMinBudget {
                    total,
                    min_budget,
                    area_id,
                });
            }
        }
    }
    Ok(())
}
