//! Sanity check of ballot rules when staff save a voting phase, so a phase can never open with
//! rules no voter can satisfy.

use std::collections::BTreeSet;

use thiserror::Error;

use super::{BallotRules, Limit};
use crate::money::{euros_en, euros_nl};
use crate::AreaId;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum RulesError {
    #[error("minimum {min} is above maximum {max} (area {area_id:?})")]
    MinAboveMax {
        min: i64,
        max: i64,
        area_id: Option<AreaId>,
    },
    #[error("negative budget {amount} (area {area_id:?})")]
    NegativeBudget {
        amount: i64,
        area_id: Option<AreaId>,
    },
    #[error("a count ballot needs a maximum of at least 1 (area {area_id:?})")]
    ZeroMax { area_id: Option<AreaId> },
    #[error("a per-area ballot needs at least one area")]
    NoAreas,
    #[error("area {area_id} is listed twice")]
    DuplicateArea { area_id: AreaId },
}

impl BallotRules {
    /// Checks the rules themselves (not a ballot). Call when staff save a voting phase.
    pub fn check(&self) -> Result<(), RulesError> {
        match self {
            BallotRules::PerArea { areas, .. } => {
                if areas.is_empty() {
                    return Err(RulesError::NoAreas);
                }
                let mut seen = BTreeSet::new();
                for area in areas {
                    if !seen.insert(area.area_id) {
                        return Err(RulesError::DuplicateArea {
                            area_id: area.area_id,
                        });
                    }
                    check_limit(area.rule, Some(area.area_id))?;
                }
                Ok(())
            }
            _ => check_limit(
                self.whole_ballot_limit()
                    .expect("count and budget ballots have one limit"),
                None,
            ),
        }
    }
}

fn check_limit(limit: Limit, area_id: Option<AreaId>) -> Result<(), RulesError> {
    let (min, max) = match limit {
        Limit::Count { min, max } => {
            if max == 0 {
                return Err(RulesError::ZeroMax { area_id });
            }
            (i64::from(min), i64::from(max))
        }
        Limit::Budget {
            min_budget,
            max_budget,
        } => {
            for amount in [min_budget, max_budget] {
                if amount < 0 {
                    return Err(RulesError::NegativeBudget { amount, area_id });
                }
            }
            (min_budget, max_budget)
        }
    };
    if min > max {
        return Err(RulesError::MinAboveMax { min, max, area_id });
    }
    Ok(())
}

impl RulesError {
    /// For staff screens, B1 Dutch.
    pub fn message_nl(&self) -> String {
        let waar = |a: &Option<AreaId>| a.map(|a| format!(" (gebied {a})")).unwrap_or_default();
        match self {
            RulesError::MinAboveMax { min, max, area_id } => format!(
                "Het minimum ({min}) is hoger dan het maximum ({max}){}. Maak het minimum lager.",
                waar(area_id)
            ),
            RulesError::NegativeBudget { amount, area_id } => format!(
                "Een budget kan niet negatief zijn: {}{}. Vul 0 of meer in.",
                euros_nl(*amount),
                waar(area_id)
            ),
            RulesError::ZeroMax { area_id } => format!(
                "Het maximum aantal ideeën is 0{}. Vul 1 of meer in.",
                waar(area_id)
            ),
            RulesError::NoAreas => "Voeg minstens één gebied toe.".to_string(),
            RulesError::DuplicateArea { area_id } => {
                format!("Gebied {area_id} staat er twee keer in. Haal er één weg.")
            }
        }
    }

    pub fn message_en(&self) -> String {
        let at = |a: &Option<AreaId>| a.map(|a| format!(" (area {a})")).unwrap_or_default();
        match self {
            RulesError::MinAboveMax { min, max, area_id } => format!(
                "The minimum ({min}) is higher than the maximum ({max}){}. Lower the minimum.",
                at(area_id)
            ),
            RulesError::NegativeBudget { amount, area_id } => format!(
                "A budget cannot be negative: {}{}. Enter 0 or more.",
                euros_en(*amount),
                at(area_id)
            ),
            RulesError::ZeroMax { area_id } => format!(
                "The maximum number of ideas is 0{}. Enter 1 or more.",
                at(area_id)
            ),
            RulesError::NoAreas => "Add at least one area.".to_string(),
            RulesError::DuplicateArea { area_id } => {
                format!("Area {area_id} is listed twice. Remove one.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballot::{AreaRule, AreaScope};

    #[test]
    fn checks_rules() {
        assert!(BallotRules::Count { min: 1, max: 3 }.check().is_ok());
        assert_eq!(
            BallotRules::Count { min: 4, max: 3 }.check(),
            Err(RulesError::MinAboveMax {
                min: 4,
                max: 3,
                area_id: None
            })
        );
        assert!(BallotRules::Budget {
            min_budget: 0,
            max_budget: 50_000
        }
        .check()
        .is_ok());
        let area = |area_id| AreaRule {
            area_id,
            rule: Limit::Count { min: 0, max: 2 },
        };
        let rules = BallotRules::PerArea {
            areas: vec![area(1), area(1)],
            scope: AreaScope::AllAreas,
        };
        assert_eq!(rules.check(), Err(RulesError::DuplicateArea { area_id: 1 }));
        assert!(RulesError::NoAreas.message_nl().ends_with('.'));
    }
}
