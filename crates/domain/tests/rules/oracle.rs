//! Independent reference implementations. Deliberately naive.

use std::collections::BTreeMap;

use domain::{AreaScope, Ballot, BallotRules, Idea, Limit};

/// Is this raw choice acceptable? Written from the rules text, not from `validate`.
pub fn ballot_is_valid(rules: &BallotRules, ideas: &[Idea], chosen: &[i64]) -> bool {
    if chosen.is_empty() {
        return false;
    }
    let find = |id: i64| ideas.iter().find(|i| i.id == id);
    for &id in chosen {
        let times = chosen.iter().filter(|&&c| c == id).count();
        match find(id) {
            Some(idea) if idea.eligible && times == 1 => {}
            _ => return false,
        }
    }
    let picked: Vec<&Idea> = chosen.iter().map(|&id| find(id).unwrap()).collect();
    let within = |limit: Limit, group: &[&Idea]| match limit {
        Limit::Count { min, max } => (min as usize..=max as usize).contains(&group.len()),
        Limit::Budget {
            min_budget,
            max_budget,
        } => (min_budget..=max_budget).contains(&group.iter().map(|i| i.cost).sum::<i64>()),
    };
    match rules {
        BallotRules::Count { min, max } => within(
            Limit::Count {
                min: *min,
                max: *max,
            },
            &picked,
        ),
        BallotRules::Budget {
            min_budget,
            max_budget,
        } => within(
            Limit::Budget {
                min_budget: *min_budget,
                max_budget: *max_budget,
            },
            &picked,
        ),
        BallotRules::PerArea { areas, scope } => {
            let rule_of = |a: i64| areas.iter().find(|r| r.area_id == a).map(|r| r.rule);
            let mut used_areas: Vec<i64> = Vec::new();
            for idea in &picked {
                match idea.area_id {
                    Some(a) if rule_of(a).is_some() => {
                        if !used_areas.contains(&a) {
                            used_areas.push(a)
                        }
                    }
                    _ => return false,
                }
            }
            if *scope == AreaScope::OneArea && used_areas.len() != 1 {
                return false;
            }
            used_areas.iter().all(|&a| {
                let group: Vec<&Idea> = picked
                    .iter()
                    .copied()
                    .filter(|i| i.area_id == Some(a))
                    .collect();
                within(rule_of(a).unwrap(), &group)
            })
        }
    }
}

/// Count by asking every ballot about every id.
pub fn count_votes(ballots: &[Ballot], ids: &[i64]) -> BTreeMap<i64, i64> {
    let mut out = BTreeMap::new();
    for &id in ids {
        let n = ballots.iter().filter(|b| b.contains(id)).count() as i64;
        if n > 0 {
            out.insert(id, n);
        }
    }
    out
}

/// Eligible ideas with at least one vote, as (id, votes, cost), ranked by the documented tie
/// rule via a sort key (not a comparator).
pub fn ranked_voted(ideas: &[Idea], tally: &BTreeMap<i64, i64>) -> Vec<(i64, i64, i64)> {
    let mut v: Vec<(i64, i64, i64)> = ideas
        .iter()
        .filter(|i| i.eligible)
        .map(|i| (i.id, tally.get(&i.id).copied().unwrap_or(0), i.cost))
        .filter(|&(_, votes, _)| votes > 0)
        .collect();
    v.sort_by_key(|&(id, votes, cost)| (-votes, cost, id));
    v
}

/// "Walk the ranked list, take if it fits."
pub fn walk_and_take(ranked: &[(i64, i64, i64)], total: i64) -> Vec<i64> {
    let mut left = total;
    let mut out = Vec::new();
    for &(id, _, cost) in ranked {
        if cost <= left {
            left -= cost;
            out.push(id);
        }
    }
    out
}

/// Brute force over every subset: among the subsets within budget, the one that is
/// lexicographically greatest in rank order (take the best-ranked idea if any affordable set
/// contains it, then the next, ...). That is what "fund from the top, skip what does not fit"
/// means, stated without a walk. Small inputs only (2^n subsets).
pub fn brute_force_budget(ranked: &[(i64, i64, i64)], total: i64) -> Vec<i64> {
    let n = ranked.len();
    assert!(n <= 16);
    let mut best: Option<u32> = None;
    for mask in 0u32..(1 << n) {
        // bit (n-1-i) stands for rank i, so a larger number is lexicographically greater.
        let cost: i64 = (0..n)
            .filter(|i| mask & (1 << (n - 1 - i)) != 0)
            .map(|i| ranked[i].2)
            .sum();
        if cost <= total && best.is_none_or(|b| mask > b) {
            best = Some(mask);
        }
    }
    let best = best.expect("the empty set always fits a non-negative budget");
    (0..n)
        .filter(|i| best & (1 << (n - 1 - i)) != 0)
        .map(|i| ranked[i].0)
        .collect()
}

/// Top N without sorting: an idea wins if it has votes and fewer than `n` voted ideas beat it.
pub fn top_n_by_counting(ideas: &[Idea], tally: &BTreeMap<i64, i64>, n: u32) -> Vec<i64> {
    let voted: Vec<(i64, i64, i64)> = ideas
        .iter()
        .filter(|i| i.eligible)
        .map(|i| (i.id, tally.get(&i.id).copied().unwrap_or(0), i.cost))
        .filter(|&(_, v, _)| v > 0)
        .collect();
    let beats = |a: &(i64, i64, i64), b: &(i64, i64, i64)| {
        a.1 > b.1 || (a.1 == b.1 && (a.2 < b.2 || (a.2 == b.2 && a.0 < b.0)))
    };
    let mut winners: Vec<&(i64, i64, i64)> = voted
        .iter()
        .filter(|x| voted.iter().filter(|y| beats(y, x)).count() < n as usize)
        .collect();
    // Same order as the ranking, for comparison.
    winners.sort_by_key(|x| voted.iter().filter(|y| beats(y, x)).count());
    winners.into_iter().map(|x| x.0).collect()
}
