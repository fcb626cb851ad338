//! Proptest generators. Values are small on purpose: small budgets and few ideas make ties,
//! exact fits and limit edges common, which is where bugs live.

use domain::{AreaRule, AreaScope, Ballot, BallotRules, Idea, Limit, WinnerLimit, WinnerRule};
use proptest::prelude::*;

pub const AREAS: [i64; 3] = [1, 2, 3];
/// An id no generated idea has.
pub const FOREIGN_ID: i64 = 9_999;

/// Ideas with unique ids (ids are spread out and not in list order, so code that confuses
/// "position" with "id" fails). `max_cost` small makes equal costs, and so ties, common.
pub fn ideas(max_len: usize, max_cost: i64) -> impl Strategy<Value = Vec<Idea>> {
    prop::collection::vec(
        (
            0..=max_cost,
            prop::option::weighted(0.9, prop::sample::select(AREAS.to_vec())),
            prop::bool::weighted(0.85),
        ),
        1..=max_len,
    )
    .prop_flat_map(|specs| {
        let n = specs.len();
        (
            Just(specs),
            Just((1..=n as i64).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
    .prop_map(|(specs, ids)| {
        specs
            .into_iter()
            .zip(ids)
            .map(|((cost, area_id, eligible), id)| Idea {
                id: id * 7,
                cost,
                area_id,
                eligible,
            })
            .collect()
    })
}

pub fn limit() -> impl Strategy<Value = Limit> {
    prop_oneof![
        (0u32..=3, 0u32..=5).prop_map(|(min, max)| Limit::Count { min, max }),
        (0i64..=150, 0i64..=400).prop_map(|(min_budget, max_budget)| Limit::Budget {
            min_budget,
            max_budget
        }),
    ]
}

pub fn rules() -> impl Strategy<Value = BallotRules> {
    let per_area = (
        prop::collection::vec((prop::sample::select(AREAS.to_vec()), limit()), 1..=4),
        prop_oneof![Just(AreaScope::OneArea), Just(AreaScope::AllAreas)],
    )
        .prop_map(|(areas, scope)| BallotRules::PerArea {
            areas: areas
                .into_iter()
                .map(|(area_id, rule)| AreaRule { area_id, rule })
                .collect(),
            scope,
        });
    prop_oneof![
        limit().prop_map(|l| match l {
            Limit::Count { min, max } => BallotRules::Count { min, max },
            Limit::Budget {
                min_budget,
                max_budget,
            } => BallotRules::Budget {
                min_budget,
                max_budget,
            },
        }),
        per_area,
    ]
}

/// A raw choice as posted: mostly ids of the given ideas, sometimes a foreign id, sometimes a
/// repeat. Picks by index so most generated ballots are plausible.
pub fn chosen(ideas: &[Idea]) -> impl Strategy<Value = Vec<i64>> {
    let ids: Vec<i64> = ideas.iter().map(|i| i.id).collect();
    let n = ids.len();
    prop::collection::vec(0..n + 1, 0..=6).prop_map(move |picks| {
        picks
            .into_iter()
            .map(|p| if p == n { FOREIGN_ID } else { ids[p] })
            .collect()
    })
}

/// A case for `validate`.
pub fn ballot_case() -> impl Strategy<Value = (BallotRules, Vec<Idea>, Vec<i64>)> {
    (rules(), ideas(8, 120)).prop_flat_map(|(rules, ideas)| {
        let chosen = chosen(&ideas);
        (Just(rules), Just(ideas), chosen)
    })
}

/// A case that is often valid: distinct eligible ideas, half the time from one area only, so
/// the "accepted ballots stay within limits" property sees many accepted ballots.
pub fn likely_valid_case() -> impl Strategy<Value = (BallotRules, Vec<Idea>, Vec<i64>)> {
    (
        rules(),
        ideas(8, 120),
        prop::sample::select(AREAS.to_vec()),
        any::<bool>(),
    )
        .prop_flat_map(|(rules, ideas, area, one_area)| {
            let ids: Vec<i64> = ideas
                .iter()
                .filter(|i| i.eligible && (!one_area || i.area_id == Some(area)))
                .map(|i| i.id)
                .collect();
            let n = ids.len();
            let chosen = prop::sample::subsequence(ids, 0..=n).prop_shuffle();
            (Just(rules), Just(ideas), chosen)
        })
}

/// Ballots over the given ideas (any ids, ineligible ones included: `select_winners` must cope).
pub fn ballots(ideas: &[Idea], max_ballots: usize) -> impl Strategy<Value = Vec<Ballot>> {
    let ids: Vec<i64> = ideas.iter().map(|i| i.id).collect();
    prop::collection::vec(
        prop::sample::subsequence(ids.clone(), 0..=ids.len()),
        0..=max_ballots,
    )
    .prop_map(|bs| bs.into_iter().map(Ballot::new).collect())
}

pub fn winner_limit(max_total: i64) -> impl Strategy<Value = WinnerLimit> {
    prop_oneof![
        (0..=max_total).prop_map(|total| WinnerLimit::Budget { total }),
        (0u32..=5).prop_map(WinnerLimit::TopN),
    ]
}

pub fn winner_rule(max_total: i64) -> impl Strategy<Value = WinnerRule> {
    prop_oneof![
        (0..=max_total).prop_map(|total| WinnerRule::Budget { total }),
        (0u32..=5).prop_map(WinnerRule::TopN),
        prop::collection::vec(
            (
                prop::sample::select(AREAS.to_vec()),
                winner_limit(max_total)
            ),
            1..=3
        )
        .prop_map(|v| WinnerRule::PerArea(
            v.into_iter()
                .map(|(area_id, rule)| domain::AreaWinnerRule { area_id, rule })
                .collect()
        )),
    ]
}
