//! Worked examples of each ballot rule and each refusal.

use domain::{
    remaining_budget, validate, AreaRule, AreaScope, BallotError, BallotRules, Idea, Left, Limit,
};

fn idea(id: i64, cost: i64, area: Option<i64>) -> Idea {
    Idea {
        id,
        cost,
        area_id: area,
        eligible: true,
    }
}

fn ideas() -> Vec<Idea> {
    let mut off = idea(5, 100, Some(1));
    off.eligible = false;
    vec![
        idea(1, 2_000, Some(1)),
        idea(2, 3_200, Some(1)),
        idea(3, 1_500, Some(2)),
        idea(4, 800, None),
        off,
    ]
}

#[test]
fn count_ballot() {
    let rules = BallotRules::Count { min: 1, max: 2 };
    let all = ideas();
    assert_eq!(validate(&rules, &all, &[1]), Ok(()));
    assert_eq!(validate(&rules, &all, &[1, 4]), Ok(()));
    assert_eq!(
        validate(&rules, &all, &[1, 2, 3]),
        Err(BallotError::TooMany {
            chosen: 3,
            max: 2,
            area_id: None
        })
    );
    assert_eq!(validate(&rules, &all, &[]), Err(BallotError::NothingChosen));
    let rules = BallotRules::Count { min: 2, max: 3 };
    assert_eq!(
        validate(&rules, &all, &[3]),
        Err(BallotError::TooFew {
            chosen: 1,
            min: 2,
            area_id: None
        })
    );
}

#[test]
fn budget_ballot_and_the_example_message() {
    let rules = BallotRules::Budget {
        min_budget: 1_000,
        max_budget: 5_000,
    };
    let all = ideas();
    assert_eq!(validate(&rules, &all, &[1, 3]), Ok(()));
    // Exactly the budget is allowed.
    let exact = [idea(10, 5_000, None)];
    assert_eq!(validate(&rules, &exact, &[10]), Ok(()));
    let err = validate(&rules, &all, &[1, 2]).unwrap_err();
    assert_eq!(
        err,
        BallotError::OverBudget {
            total: 5_200,
            max_budget: 5_000,
            area_id: None
        }
    );
    assert_eq!(
        err.message_nl(),
        "U heeft € 5.200 gekozen. Dat is meer dan het budget van € 5.000. Haal een idee weg."
    );
    assert_eq!(
        validate(&rules, &all, &[4]),
        Err(BallotError::UnderMinBudget {
            total: 800,
            min_budget: 1_000,
            area_id: None
        })
    );
    assert_eq!(
        remaining_budget(&rules, &all, &[1, 3, 3, 99, 5]),
        vec![domain::Remaining {
            area_id: None,
            limit: Limit::Budget {
                min_budget: 1_000,
                max_budget: 5_000
            },
            chosen: 2,
            spent: 3_500,
            left: Left::Euros(1_500),
        }]
    );
}

#[test]
fn choices_are_checked_in_the_order_posted() {
    let rules = BallotRules::Count { min: 0, max: 10 };
    let all = ideas();
    assert_eq!(
        validate(&rules, &all, &[1, 77, 5]),
        Err(BallotError::UnknownIdea { idea_id: 77 })
    );
    assert_eq!(
        validate(&rules, &all, &[5, 77]),
        Err(BallotError::IneligibleIdea { idea_id: 5 })
    );
    assert_eq!(
        validate(&rules, &all, &[1, 2, 1]),
        Err(BallotError::DuplicateChoice { idea_id: 1 })
    );
}

fn per_area(scope: AreaScope) -> BallotRules {
    BallotRules::PerArea {
        areas: vec![
            AreaRule {
                area_id: 1,
                rule: Limit::Budget {
                    min_budget: 0,
                    max_budget: 4_000,
                },
            },
            AreaRule {
                area_id: 2,
                rule: Limit::Count { min: 1, max: 1 },
            },
        ],
        scope,
    }
}

#[test]
fn per_area_all_areas() {
    let rules = per_area(AreaScope::AllAreas);
    let all = ideas();
    assert_eq!(validate(&rules, &all, &[1, 3]), Ok(()));
    // Voting in one area only is fine: area 2's minimum applies only if you vote there.
    assert_eq!(validate(&rules, &all, &[2]), Ok(()));
    assert_eq!(
        validate(&rules, &all, &[1, 2, 3]),
        Err(BallotError::OverBudget {
            total: 5_200,
            max_budget: 4_000,
            area_id: Some(1)
        })
    );
    assert_eq!(
        validate(&rules, &all, &[3, 4]),
        Err(BallotError::OutsideAreas {
            idea_id: 4,
            area_id: None
        })
    );
    let left = remaining_budget(&rules, &all, &[1, 3]);
    assert_eq!(left[0].left, Left::Euros(2_000));
    assert_eq!(left[1].left, Left::Choices(0));
}

#[test]
fn per_area_one_area() {
    let rules = per_area(AreaScope::OneArea);
    let all = ideas();
    assert_eq!(validate(&rules, &all, &[1, 2][..1]), Ok(()));
    assert_eq!(validate(&rules, &all, &[3]), Ok(()));
    let err = validate(&rules, &all, &[1, 3]).unwrap_err();
    assert_eq!(
        err,
        BallotError::MixedAreas {
            area_ids: vec![1, 2]
        }
    );
    assert_eq!(
        err.message_nl(),
        "U heeft ideeën gekozen in gebied 1 en gebied 2. U mag maar in één gebied stemmen. \
         Kies ideeën uit één gebied."
    );
}
