//! Properties of `tally` and `select_winners`.

use std::collections::BTreeMap;

use domain::tally::rank_order;
use domain::{select_winners, tally, Ballot, Idea, Outcome, WinnerLimit, WinnerRule};
use proptest::prelude::*;

use crate::oracle;
use crate::strategies::{ballots, ideas, winner_rule};

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(500)
}

/// Ideas with small costs and ballots over them; many ties by construction.
fn election(
    max_ideas: usize,
    max_ballots: usize,
) -> impl Strategy<Value = (Vec<Idea>, Vec<Ballot>)> {
    ideas(max_ideas, 40).prop_flat_map(move |ideas| {
        let b = ballots(&ideas, max_ballots);
        (Just(ideas), b)
    })
}

fn ids(ideas: &[Idea]) -> Vec<i64> {
    ideas.iter().map(|i| i.id).collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn tally_matches_naive_count((ideas, ballots) in election(10, 30)) {
        prop_assert_eq!(tally(&ballots), oracle::count_votes(&ballots, &ids(&ideas)));
    }

    /// Budget winners never cost more than the budget, and used + left = budget.
    #[test]
    fn winners_never_exceed_budget((ideas, ballots) in election(10, 20), total in 0i64..=200) {
        let s = select_winners(&WinnerRule::Budget { total }, &ideas, &tally(&ballots));
        let cost: i64 = s.winners.iter().map(|w| w.cost).sum();
        prop_assert!(cost <= total);
        prop_assert_eq!(s.budget_used, cost);
        prop_assert_eq!(s.budget_left, Some(total - cost));
        // A skipped idea really did not fit at its turn, and nothing fitting was left unfunded.
        for r in &s.ranking {
            match r.outcome {
                Outcome::DoesNotFit { budget_left } => prop_assert!(r.cost > budget_left),
                Outcome::Selected => prop_assert!(r.votes > 0),
                Outcome::NoVotes => prop_assert_eq!(r.votes, 0),
                other => prop_assert!(false, "unexpected outcome {:?}", other),
            }
        }
        prop_assert!(s.skipped.iter().all(|r| s.budget_left.unwrap() < r.cost));
    }

    /// Greedy = brute force over all subsets = a naive walk, on small cases.
    #[test]
    fn greedy_matches_brute_force((ideas, ballots) in election(10, 15), total in 0i64..=150) {
        let t = tally(&ballots);
        let s = select_winners(&WinnerRule::Budget { total }, &ideas, &t);
        let ranked = oracle::ranked_voted(&ideas, &t);
        let brute = oracle::brute_force_budget(&ranked, total);
        prop_assert_eq!(&s.winner_ids(), &brute);
        prop_assert_eq!(&s.winner_ids(), &oracle::walk_and_take(&ranked, total));
    }

    #[test]
    fn top_n_matches_counting_oracle((ideas, ballots) in election(10, 15), n in 0u32..=6) {
        let t = tally(&ballots);
        let s = select_winners(&WinnerRule::TopN(n), &ideas, &t);
        prop_assert_eq!(s.winner_ids(), oracle::top_n_by_counting(&ideas, &t, n));
        prop_assert!(s.winners.len() <= n as usize);
        prop_assert_eq!(s.budget_left, None);
    }

    /// Per area: each area's winners are what its own rule gives on its own ideas, and no
    /// budget area overspends.
    #[test]
    fn per_area_is_each_area_alone(
        (ideas, ballots) in election(10, 15),
        rule in winner_rule(120),
    ) {
        let WinnerRule::PerArea(areas) = &rule else { return Ok(()) };
        let t = tally(&ballots);
        let s = select_winners(&rule, &ideas, &t);
        let mut expected_winners = Vec::new();
        let mut done = Vec::new();
        for a in areas {
            if done.contains(&a.area_id) { continue; }
            done.push(a.area_id);
            let own: Vec<Idea> =
                ideas.iter().filter(|i| i.area_id == Some(a.area_id)).cloned().collect();
            let alone = match a.rule {
                WinnerLimit::Budget { total } => WinnerRule::Budget { total },
                WinnerLimit::TopN(n) => WinnerRule::TopN(n),
            };
            let alone = select_winners(&alone, &own, &t);
            let sel = s.areas.iter().find(|x| x.area_id == a.area_id).unwrap();
            prop_assert_eq!(&sel.winners, &alone.winner_ids());
            if let WinnerLimit::Budget { total } = a.rule {
                prop_assert!(sel.budget_used <= total);
                prop_assert_eq!(sel.budget_left, Some(total - sel.budget_used));
            }
            expected_winners.extend(alone.winner_ids());
        }
        let mut got = s.winner_ids();
        got.sort();
        expected_winners.sort();
        prop_assert_eq!(got, expected_winners);
    }

    /// The order in which ballots arrived changes nothing: same tally, same result.
    #[test]
    fn result_ignores_ballot_order(
        (ideas, ballots, shuffled) in election(10, 30)
            .prop_flat_map(|(i, b)| (Just(i), Just(b.clone()), Just(b).prop_shuffle())),
        rule in winner_rule(150),
    ) {
        let (a, b) = (tally(&ballots), tally(&shuffled));
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(select_winners(&rule, &ideas, &a), select_winners(&rule, &ideas, &b));
        // And counting in two batches (online, then paper) gives the same tally.
        let half = ballots.len() / 2;
        let mut merged: BTreeMap<i64, i64> = tally(&ballots[..half]);
        for (id, n) in tally(&ballots[half..]) {
            *merged.entry(id).or_insert(0) += n;
        }
        prop_assert_eq!(merged, a);
    }

    /// Ties are resolved deterministically: listing the ideas in another order gives the
    /// identical result, and the ranking follows the documented rule.
    #[test]
    fn ties_are_deterministic(
        (ideas, shuffled_ideas, ballots) in election(10, 6)
            .prop_flat_map(|(i, b)| (Just(i.clone()), Just(i).prop_shuffle(), Just(b))),
        rule in winner_rule(100),
    ) {
        let t = tally(&ballots);
        let s = select_winners(&rule, &ideas, &t);
        prop_assert_eq!(&s, &select_winners(&rule, &shuffled_ideas, &t));
        for pair in s.ranking.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!((-a.votes, a.cost, a.idea_id) < (-b.votes, b.cost, b.idea_id));
            prop_assert_eq!(rank_order(a, b), std::cmp::Ordering::Less);
            prop_assert_eq!(b.rank, a.rank + 1);
        }
    }
}
