//! Counting ballots and selecting the winning ideas.
//!
//! # Ranking
//! Eligible ideas are ranked by this rule, and only by this rule:
//! 1. **more votes first**;
//! 2. on equal votes, **the cheaper idea first**: with a budget, that funds more ideas;
//! 3. on equal votes and cost, **the lower idea id first**: ids are handed out in order of
//!    submission, so the idea that was submitted earlier wins.
//!
//! The rule is total (ids are unique), so the result depends only on the ballots and the ideas,
//! never on the order in which ballots arrived or ideas were listed. Publish this text with the
//! results.
//!
//! # Selection
//! - [`WinnerRule::Budget`]: walk the ranking from the top and fund each idea that still fits in
//!   what is left of the budget; an idea that does not fit is skipped (and listed as skipped),
//!   and the walk goes on, so a cheaper idea lower down can still be funded. This is the
//!   greedy rule of DOMAIN.md ("fund from the top and skip any idea that no longer fits").
//! - [`WinnerRule::TopN`]: the first `n` ideas of the ranking.
//! - [`WinnerRule::PerArea`]: each area runs its own budget or top-N over the ideas of that
//!   area, with the same ranking; ideas in an area without a rule are not selected.
//!
//! An idea without a single vote is never selected: funding an idea nobody chose would be hard
//! to explain to residents.

use std::collections::{BTreeMap, BTreeSet};

use crate::ballot::{Ballot, Idea};
use crate::{AreaId, IdeaId};

/// Votes per idea. Ideas without votes are absent (read them as 0). Every ballot counts once,
/// online or on paper; the web edge keeps the online/paper split for the results page.
pub fn tally<'a>(ballots: impl IntoIterator<Item = &'a Ballot>) -> BTreeMap<IdeaId, i64> {
    let mut counts = BTreeMap::new();
    for ballot in ballots {
        for id in ballot.ideas() {
            *counts.entry(id).or_insert(0) += 1;
        }
    }
    counts
}

/// How winners are chosen for a project.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WinnerRule {
    /// Greedy funding from the top of the ranking within `total` euros.
    Budget { total: i64 },
    /// The project's "number of winners".
    TopN(u32),
    /// Each area has its own budget or number of winners.
    PerArea(Vec<AreaWinnerRule>),
}

/// The winner rule of one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AreaWinnerRule {
    pub area_id: AreaId,
    pub rule: WinnerLimit,
}

/// A budget or a number of winners, for one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WinnerLimit {
    Budget { total: i64 },
    TopN(u32),
}

/// What happened to a ranked idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Selected,
    /// Budget rule: the idea cost more than the `budget_left` at its turn.
    DoesNotFit {
        budget_left: i64,
    },
    /// Top-N rule: the `n` places were taken by ideas ranked higher.
    BelowCut,
    /// Nobody voted for it.
    NoVotes,
    /// Per-area rule: the idea's area has no winner rule (or the idea has no area).
    OutsideAreas,
}

/// One idea in the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ranked {
    /// 1-based place in the overall ranking. Ties are broken by the module's rule, so places
    /// are unique.
    pub rank: u32,
    pub idea_id: IdeaId,
    pub votes: i64,
    pub cost: i64,
    pub area_id: Option<AreaId>,
    pub outcome: Outcome,
}

/// The result of one area under [`WinnerRule::PerArea`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AreaSelection {
    pub area_id: AreaId,
    pub rule: WinnerLimit,
    /// Winners of this area, best ranked first.
    pub winners: Vec<IdeaId>,
    pub budget_used: i64,
    /// `Some` for a budget area.
    pub budget_left: Option<i64>,
}

/// The published result.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Selection {
    /// Every eligible idea, best first, with its outcome: the full results table.
    pub ranking: Vec<Ranked>,
    /// Selected ideas in ranking order (which is also the order they were funded).
    pub winners: Vec<Ranked>,
    /// Ideas passed over because they no longer fit the remaining budget, in ranking order.
    pub skipped: Vec<Ranked>,
    /// Total cost of the winners.
    pub budget_used: i64,
    /// Budget not spent: `Some` when any budget applies (summed over budget areas).
    pub budget_left: Option<i64>,
    /// Per-area results; empty unless the rule is [`WinnerRule::PerArea`].
    pub areas: Vec<AreaSelection>,
}

impl Selection {
    pub fn winner_ids(&self) -> Vec<IdeaId> {
        self.winners.iter().map(|r| r.idea_id).collect()
    }
}

/// The ranking order of the module docs, as a comparator.
pub fn rank_order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.votes
        .cmp(&a.votes)
        .then(a.cost.cmp(&b.cost))
        .then(a.idea_id.cmp(&b.idea_id))
}

/// Ranks the eligible `ideas` by `tally` and applies `rule`. Ineligible ideas are left out;
/// votes for ids that are not in `ideas` are ignored (validation keeps them out of ballots).
pub fn select_winners(
    rule: &WinnerRule,
    ideas: &[Idea],
    tally: &BTreeMap<IdeaId, i64>,
) -> Selection {
    let mut ranking = rank(ideas, tally);
    let mut budget_left = None;
    let mut areas = Vec::new();

    match rule {
        WinnerRule::Budget { total } => {
            budget_left = Some(fund_greedy(ranking.iter_mut(), *total));
        }
        WinnerRule::TopN(n) => top_n(ranking.iter_mut(), *n),
        WinnerRule::PerArea(area_rules) => {
            for r in ranking.iter_mut() {
                r.outcome = Outcome::OutsideAreas;
            }
            let mut done = BTreeSet::new();
            for area in area_rules {
                // An area listed twice is run once, by its first rule.
                if !done.insert(area.area_id) {
                    continue;
                }
                let in_area = ranking
                    .iter_mut()
                    .filter(|r| r.area_id == Some(area.area_id));
                let left = match area.rule {
                    WinnerLimit::Budget { total } => Some(fund_greedy(in_area, total)),
                    WinnerLimit::TopN(n) => {
                        top_n(in_area, n);
                        None
                    }
                };
                if let Some(l) = left {
                    budget_left = Some(budget_left.unwrap_or(0i64).saturating_add(l));
                }
                let winners: Vec<&Ranked> = ranking
                    .iter()
                    .filter(|r| r.area_id == Some(area.area_id))
                    .filter(|r| r.outcome == Outcome::Selected)
                    .collect();
                areas.push(AreaSelection {
                    area_id: area.area_id,
                    rule: area.rule,
                    winners: winners.iter().map(|r| r.idea_id).collect(),
                    budget_used: winners.iter().fold(0, |s, r| s.saturating_add(r.cost)),
                    budget_left: left,
                });
            }
        }
    }

    let winners: Vec<Ranked> = ranking
        .iter()
        .filter(|r| r.outcome == Outcome::Selected)
        .copied()
        .collect();
    let skipped = ranking
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::DoesNotFit { .. }))
        .copied()
        .collect();
    let budget_used = winners.iter().fold(0i64, |s, r| s.saturating_add(r.cost));
    Selection {
        ranking,
        winners,
        skipped,
        budget_used,
        budget_left,
        areas,
    }
}

/// Eligible ideas (first entry per id), sorted by [`rank_order`], numbered from 1.
fn rank(ideas: &[Idea], tally: &BTreeMap<IdeaId, i64>) -> Vec<Ranked> {
    let mut seen = BTreeSet::new();
    let mut ranking: Vec<Ranked> = ideas
        .iter()
        .filter(|i| i.eligible && seen.insert(i.id))
        .map(|i| Ranked {
            rank: 0,
            idea_id: i.id,
            votes: tally.get(&i.id).copied().unwrap_or(0),
            cost: i.cost,
            area_id: i.area_id,
            outcome: Outcome::NoVotes,
        })
        .collect();
    ranking.sort_by(rank_order);
    for (place, r) in ranking.iter_mut().enumerate() {
        r.rank = u32::try_from(place + 1).unwrap_or(u32::MAX);
    }
    ranking
}

/// Greedy funding; returns the budget left.
fn fund_greedy<'a>(ranked: impl Iterator<Item = &'a mut Ranked>, total: i64) -> i64 {
    let mut left = total;
    for r in ranked {
        r.outcome = if r.votes <= 0 {
            Outcome::NoVotes
        } else if r.cost <= left {
            left -= r.cost;
            Outcome::Selected
        } else {
            Outcome::DoesNotFit { budget_left: left }
        };
    }
    left
}

fn top_n<'a>(ranked: impl Iterator<Item = &'a mut Ranked>, n: u32) {
    let mut taken = 0u32;
    for r in ranked {
        r.outcome = if r.votes <= 0 {
            Outcome::NoVotes
        } else if taken < n {
            taken += 1;
            Outcome::Selected
        } else {
            Outcome::BelowCut
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idea(id: IdeaId, cost: i64) -> Idea {
        Idea {
            id,
            cost,
            area_id: None,
            eligible: true,
        }
    }

    #[test]
    fn greedy_skips_what_does_not_fit_and_continues() {
        let ideas = [idea(1, 30), idea(2, 50), idea(3, 20), idea(4, 10)];
        let votes = BTreeMap::from([(1, 10), (2, 9), (3, 8), (4, 7)]);
        let s = select_winners(&WinnerRule::Budget { total: 60 }, &ideas, &votes);
        assert_eq!(s.winner_ids(), vec![1, 3, 4]);
        assert_eq!(s.skipped.len(), 1);
        assert_eq!(s.skipped[0].idea_id, 2);
        assert_eq!(
            s.skipped[0].outcome,
            Outcome::DoesNotFit { budget_left: 30 }
        );
        assert_eq!((s.budget_used, s.budget_left), (60, Some(0)));
    }

    #[test]
    fn ties_go_to_cheaper_then_earlier() {
        let ideas = [idea(7, 100), idea(3, 100), idea(5, 40), idea(9, 10)];
        let votes = BTreeMap::from([(7, 5), (3, 5), (5, 5), (9, 6)]);
        let s = select_winners(&WinnerRule::TopN(3), &ideas, &votes);
        let order: Vec<IdeaId> = s.ranking.iter().map(|r| r.idea_id).collect();
        assert_eq!(order, vec![9, 5, 3, 7]);
        assert_eq!(s.winner_ids(), vec![9, 5, 3]);
        assert_eq!(s.ranking[3].outcome, Outcome::BelowCut);
        assert_eq!(s.budget_left, None);
    }

    #[test]
    fn unvoted_and_ineligible_ideas_never_win() {
        let mut off = idea(2, 1);
        off.eligible = false;
        let ideas = [idea(1, 1), off, idea(3, 1)];
        let votes = BTreeMap::from([(1, 1), (2, 99)]);
        let s = select_winners(&WinnerRule::Budget { total: 100 }, &ideas, &votes);
        assert_eq!(s.winner_ids(), vec![1]);
        assert_eq!(s.ranking.len(), 2);
        assert_eq!(s.ranking[1].outcome, Outcome::NoVotes);
    }

    #[test]
    fn per_area_runs_each_area_on_its_own() {
        let at = |id, cost, area| Idea {
            id,
            cost,
            area_id: area,
            eligible: true,
        };
        let ideas = [
            at(1, 10, Some(1)),
            at(2, 10, Some(1)),
            at(3, 10, Some(2)),
            at(4, 10, Some(2)),
            at(5, 10, None),
        ];
        let votes = BTreeMap::from([(1, 9), (2, 8), (3, 7), (4, 6), (5, 100)]);
        let rule = WinnerRule::PerArea(vec![
            AreaWinnerRule {
                area_id: 1,
                rule: WinnerLimit::Budget { total: 15 },
            },
            AreaWinnerRule {
                area_id: 2,
                rule: WinnerLimit::TopN(2),
            },
        ]);
        let s = select_winners(&rule, &ideas, &votes);
        assert_eq!(s.winner_ids(), vec![1, 3, 4]);
        assert_eq!(s.ranking[0].outcome, Outcome::OutsideAreas);
        assert_eq!(s.areas[0].winners, vec![1]);
        assert_eq!(s.areas[0].budget_left, Some(5));
        assert_eq!(s.areas[1].winners, vec![3, 4]);
        assert_eq!((s.budget_used, s.budget_left), (30, Some(5)));
    }

    #[test]
    fn tally_counts_each_ballot_once() {
        let ballots = [Ballot::new([1, 2]), Ballot::new([2, 2, 3]), Ballot::new([])];
        assert_eq!(tally(&ballots), BTreeMap::from([(1, 1), (2, 2), (3, 1)]));
    }
}
