//! Properties of `validate` and `remaining_budget`.

use domain::{remaining_budget, validate, Ballot, BallotError, BallotRules, Idea, Left, Limit};
use proptest::prelude::*;

use crate::oracle;
use crate::strategies::{ballot_case, likely_valid_case};

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(1_000)
}

fn limit_for(rules: &BallotRules, area: Option<i64>) -> Limit {
    match area {
        None => rules.whole_ballot_limit().unwrap(),
        Some(a) => rules.area_rule(a).unwrap(),
    }
}

proptest! {
    #![proptest_config(config())]

    /// `validate` accepts exactly the ballots the independent reading of the rules accepts.
    #[test]
    fn validate_agrees_with_oracle((rules, ideas, chosen) in ballot_case()) {
        prop_assert_eq!(
            validate(&rules, &ideas, &chosen).is_ok(),
            oracle::ballot_is_valid(&rules, &ideas, &chosen),
            "rules {:?} chosen {:?} -> {:?}", rules, chosen, validate(&rules, &ideas, &chosen)
        );
    }

    /// The same on ballots a real voter would post (distinct eligible ideas), where the
    /// verdict hinges on the limits and areas rather than on bad ids.
    #[test]
    fn validate_agrees_with_oracle_on_plausible_ballots(
        (rules, ideas, chosen) in likely_valid_case()
    ) {
        prop_assert_eq!(
            validate(&rules, &ideas, &chosen).is_ok(),
            oracle::ballot_is_valid(&rules, &ideas, &chosen),
            "rules {:?} chosen {:?} -> {:?}", rules, chosen, validate(&rules, &ideas, &chosen)
        );
    }

    /// Every refusal tells the truth: the numbers in the error are the ballot's numbers.
    #[test]
    fn refusals_carry_true_data((rules, ideas, chosen) in ballot_case()) {
        let Err(err) = validate(&rules, &ideas, &chosen) else { return Ok(()) };
        let in_area = |area: Option<i64>| -> Vec<&Idea> {
            let mut seen = Vec::new();
            chosen
                .iter()
                .filter_map(|id| ideas.iter().find(|i| i.id == *id))
                .filter(|i| area.is_none() || i.area_id == area)
                .filter(|i| if seen.contains(&i.id) { false } else { seen.push(i.id); true })
                .collect()
        };
        match &err {
            BallotError::UnknownIdea { idea_id } => {
                prop_assert!(ideas.iter().all(|i| i.id != *idea_id))
            }
            BallotError::IneligibleIdea { idea_id } => {
                prop_assert!(!ideas.iter().find(|i| i.id == *idea_id).unwrap().eligible)
            }
            BallotError::DuplicateChoice { idea_id } => {
                prop_assert!(chosen.iter().filter(|c| *c == idea_id).count() > 1)
            }
            BallotError::NothingChosen => prop_assert!(chosen.is_empty()),
            BallotError::TooFew { chosen: n, min, area_id } => {
                prop_assert!(n < min);
                prop_assert_eq!(*n as usize, in_area(*area_id).len());
            }
            BallotError::TooMany { chosen: n, max, area_id } => {
                prop_assert!(n > max);
                prop_assert_eq!(*n as usize, in_area(*area_id).len());
            }
            BallotError::UnderMinBudget { total, min_budget, area_id } => {
                prop_assert!(total < min_budget);
                prop_assert_eq!(*total, in_area(*area_id).iter().map(|i| i.cost).sum::<i64>());
            }
            BallotError::OverBudget { total, max_budget, area_id } => {
                prop_assert!(total > max_budget);
                prop_assert_eq!(*total, in_area(*area_id).iter().map(|i| i.cost).sum::<i64>());
            }
            BallotError::OutsideAreas { idea_id, area_id } => {
                prop_assert!(area_id.is_none_or(|a| rules.area_rule(a).is_none()));
                prop_assert!(chosen.contains(idea_id));
            }
            BallotError::MixedAreas { area_ids } => prop_assert!(area_ids.len() > 1),
        }
        prop_assert!(!err.message_nl().is_empty() && !err.message_en().is_empty());
    }

    /// Order of choice does not change the verdict (the voter may tick ideas in any order).
    #[test]
    fn verdict_ignores_choice_order((rules, ideas, chosen) in ballot_case(), seed in any::<u64>()) {
        let mut reversed = chosen.clone();
        reversed.reverse();
        let mut rotated = chosen.clone();
        if !rotated.is_empty() {
            let k = (seed % rotated.len() as u64) as usize;
            rotated.rotate_left(k);
        }
        let ok = validate(&rules, &ideas, &chosen).is_ok();
        prop_assert_eq!(ok, validate(&rules, &ideas, &reversed).is_ok());
        prop_assert_eq!(ok, validate(&rules, &ideas, &rotated).is_ok());
    }
}

proptest! {
    // Rejects are the invalid ballots; the strategy keeps them to about half.
    #![proptest_config(ProptestConfig { max_global_rejects: 100_000, ..config() })]

    /// A ballot `validate` accepts never exceeds its limits: stated directly, limit by limit.
    #[test]
    fn accepted_ballot_stays_within_limits((rules, ideas, chosen) in likely_valid_case()) {
        prop_assume!(validate(&rules, &ideas, &chosen).is_ok());
        let ballot = Ballot::validated(&rules, &ideas, &chosen).unwrap();
        prop_assert_eq!(ballot.len(), chosen.len(), "no duplicates slipped in");
        let picked: Vec<&Idea> = chosen
            .iter()
            .map(|id| ideas.iter().find(|i| i.id == *id).unwrap())
            .collect();
        prop_assert!(picked.iter().all(|i| i.eligible));
        for r in remaining_budget(&rules, &ideas, &chosen) {
            let limit = limit_for(&rules, r.area_id);
            let group: Vec<&&Idea> = picked
                .iter()
                .filter(|i| r.area_id.is_none() || i.area_id == r.area_id)
                .collect();
            let spent: i64 = group.iter().map(|i| i.cost).sum();
            prop_assert_eq!(r.spent, spent);
            prop_assert_eq!(r.chosen as usize, group.len());
            match (limit, r.left) {
                (Limit::Count { max, .. }, Left::Choices(left)) => {
                    prop_assert!(group.len() <= max as usize);
                    prop_assert!(left >= 0);
                }
                (Limit::Budget { max_budget, .. }, Left::Euros(left)) => {
                    prop_assert!(spent <= max_budget);
                    prop_assert!(left >= 0);
                }
                other => prop_assert!(false, "limit and left disagree: {:?}", other),
            }
        }
    }
}
