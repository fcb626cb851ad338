//! Why a ballot was refused, with the data for a clear message.
//!
//! Each variant carries the numbers the voter needs to fix the ballot (what they chose, what the
//! limit is, which area). Messages follow B1 Dutch: short sentences, "u", and always say what to
//! do next. The web edge may use its own Fluent strings instead; the fields are public for that.

use thiserror::Error;

use crate::money::{euros_en, euros_nl};
use crate::names::{capitalise, join_list, Names};
use crate::{AreaId, IdeaId};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum BallotError {
    #[error("idea {idea_id} is not on this ballot")]
    UnknownIdea { idea_id: IdeaId },
    #[error("idea {idea_id} is not eligible for voting")]
    IneligibleIdea { idea_id: IdeaId },
    #[error("idea {idea_id} was chosen more than once")]
    DuplicateChoice { idea_id: IdeaId },
    #[error("no idea was chosen")]
    NothingChosen,
    #[error("{chosen} ideas chosen, at least {min} required (area {area_id:?})")]
    TooFew {
        chosen: u32,
        min: u32,
        area_id: Option<AreaId>,
    },
    #[error("{chosen} ideas chosen, at most {max} allowed (area {area_id:?})")]
    TooMany {
        chosen: u32,
        max: u32,
        area_id: Option<AreaId>,
    },
    #[error("{total} euros chosen, at least {min_budget} required (area {area_id:?})")]
    UnderMinBudget {
        total: i64,
        min_budget: i64,
        area_id: Option<AreaId>,
    },
    #[error("{total} euros chosen, budget is {max_budget} (area {area_id:?})")]
    OverBudget {
        total: i64,
        max_budget: i64,
        area_id: Option<AreaId>,
    },
    /// The idea has no area, or an area without a rule on this ballot.
    #[error("idea {idea_id} (area {area_id:?}) is outside every area of this ballot")]
    OutsideAreas {
        idea_id: IdeaId,
        area_id: Option<AreaId>,
    },
    /// One-area ballot with ideas from several areas; `area_ids` ascending.
    #[error("ideas from several areas chosen ({area_ids:?}) on a one-area ballot")]
    MixedAreas { area_ids: Vec<AreaId> },
}

impl BallotError {
    /// The area the problem is about, if it is about one area.
    pub fn area_id(&self) -> Option<AreaId> {
        match self {
            BallotError::TooFew { area_id, .. }
            | BallotError::TooMany { area_id, .. }
            | BallotError::UnderMinBudget { area_id, .. }
            | BallotError::OverBudget { area_id, .. } => *area_id,
            _ => None,
        }
    }

    /// B1 Dutch, with ids as numbers ("idee 12", "gebied 3").
    pub fn message_nl(&self) -> String {
        self.message_nl_with(&())
    }

    /// English, with ids as numbers.
    pub fn message_en(&self) -> String {
        self.message_en_with(&())
    }

    /// B1 Dutch, with idea titles and area names from `names`.
    pub fn message_nl_with(&self, names: &dyn Names) -> String {
        let idea = |id: IdeaId| match names.idea(id) {
            Some(title) => format!("het idee ‘{title}’"),
            None => format!("idee {id}"),
        };
        // "U heeft" or "In Zuid heeft u": the area goes first so the voter knows where to look.
        let u_heeft = |area: Option<AreaId>| match area {
            None => "U heeft".to_string(),
            Some(a) => format!("In {} heeft u", area_nl(names, a)),
        };
        match self {
            BallotError::UnknownIdea { idea_id } => format!(
                "{} staat niet op het stembiljet. Kies alleen ideeën uit de lijst.",
                capitalise(&idea(*idea_id))
            ),
            BallotError::IneligibleIdea { idea_id } => format!(
                "Op {} kunt u niet stemmen. Kies een ander idee.",
                idea(*idea_id)
            ),
            BallotError::DuplicateChoice { idea_id } => format!(
                "U heeft {} twee keer gekozen. Kies elk idee maar één keer.",
                idea(*idea_id)
            ),
            BallotError::NothingChosen => {
                "U heeft nog geen idee gekozen. Kies minstens één idee.".to_string()
            }
            BallotError::TooFew {
                chosen,
                min,
                area_id,
            } => format!(
                "{} {} gekozen. Kies er minstens {min}.",
                u_heeft(*area_id),
                ideas_nl(*chosen)
            ),
            BallotError::TooMany {
                chosen,
                max,
                area_id,
            } => {
                let extra = chosen.saturating_sub(*max);
                let fix = if extra == 1 {
                    "Haal een idee weg.".to_string()
                } else {
                    format!("Haal er {extra} weg.")
                };
                format!(
                    "{} {} gekozen. U mag er maximaal {max} kiezen. {fix}",
                    u_heeft(*area_id),
                    ideas_nl(*chosen)
                )
            }
            BallotError::UnderMinBudget {
                total,
                min_budget,
                area_id,
            } => format!(
                "{} {} gekozen. Kies voor minstens {} aan ideeën. Voeg een idee toe.",
                u_heeft(*area_id),
                euros_nl(*total),
                euros_nl(*min_budget)
            ),
            BallotError::OverBudget {
                total,
                max_budget,
                area_id,
            } => format!(
                "{} {} gekozen. Dat is meer dan het budget van {}. Haal een idee weg.",
                u_heeft(*area_id),
                euros_nl(*total),
                euros_nl(*max_budget)
            ),
            BallotError::OutsideAreas { idea_id, .. } => format!(
                "{} hoort niet bij een gebied waarin u kunt stemmen. Kies een ander idee.",
                capitalise(&idea(*idea_id))
            ),
            BallotError::MixedAreas { area_ids } => {
                let areas: Vec<String> = area_ids.iter().map(|a| area_nl(names, *a)).collect();
                format!(
                    "U heeft ideeën gekozen in {}. U mag maar in één gebied stemmen. \
                     Kies ideeën uit één gebied.",
                    join_list(&areas, "en")
                )
            }
        }
    }

    /// English, with idea titles and area names from `names`.
    pub fn message_en_with(&self, names: &dyn Names) -> String {
        let idea = |id: IdeaId| match names.idea(id) {
            Some(title) => format!("the idea ‘{title}’"),
            None => format!("idea {id}"),
        };
        let you_chose = |area: Option<AreaId>| match area {
            None => "You chose".to_string(),
            Some(a) => format!("In {} you chose", area_en(names, a)),
        };
        match self {
            BallotError::UnknownIdea { idea_id } => format!(
                "{} is not on the ballot. Only choose ideas from the list.",
                capitalise(&idea(*idea_id))
            ),
            BallotError::IneligibleIdea { idea_id } => format!(
                "You cannot vote for {}. Choose another idea.",
                idea(*idea_id)
            ),
            BallotError::DuplicateChoice { idea_id } => format!(
                "You chose {} twice. Choose each idea only once.",
                idea(*idea_id)
            ),
            BallotError::NothingChosen => {
                "You have not chosen an idea yet. Choose at least one idea.".to_string()
            }
            BallotError::TooFew {
                chosen,
                min,
                area_id,
            } => format!(
                "{} {}. Choose at least {min}.",
                you_chose(*area_id),
                ideas_en(*chosen)
            ),
            BallotError::TooMany {
                chosen,
                max,
                area_id,
            } => {
                let extra = chosen.saturating_sub(*max);
                let fix = if extra == 1 {
                    "Remove an idea.".to_string()
                } else {
                    format!("Remove {extra} ideas.")
                };
                format!(
                    "{} {}. You may choose at most {max}. {fix}",
                    you_chose(*area_id),
                    ideas_en(*chosen)
                )
            }
            BallotError::UnderMinBudget {
                total,
                min_budget,
                area_id,
            } => format!(
                "{} {}. Choose ideas worth at least {}. Add an idea.",
                you_chose(*area_id),
                euros_en(*total),
                euros_en(*min_budget)
            ),
            BallotError::OverBudget {
                total,
                max_budget,
                area_id,
            } => format!(
                "{} {}. That is more than the budget of {}. Remove an idea.",
                you_chose(*area_id),
                euros_en(*total),
                euros_en(*max_budget)
            ),
            BallotError::OutsideAreas { idea_id, .. } => format!(
                "{} is not in an area you can vote in. Choose another idea.",
                capitalise(&idea(*idea_id))
            ),
            BallotError::MixedAreas { area_ids } => {
                let areas: Vec<String> = area_ids.iter().map(|a| area_en(names, *a)).collect();
                format!(
                    "You chose ideas in {}. You may vote in one area only. \
                     Choose ideas from one area.",
                    join_list(&areas, "and")
                )
            }
        }
    }
}

fn area_nl(names: &dyn Names, id: AreaId) -> String {
    names.area(id).unwrap_or_else(|| format!("gebied {id}"))
}

fn area_en(names: &dyn Names, id: AreaId) -> String {
    names.area(id).unwrap_or_else(|| format!("area {id}"))
}

fn ideas_nl(n: u32) -> String {
    if n == 1 {
        "1 idee".to_string()
    } else {
        format!("{n} ideeën")
    }
}

fn ideas_en(n: u32) -> String {
    if n == 1 {
        "1 idea".to_string()
    } else {
        format!("{n} ideas")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::NameMaps;

    #[test]
    fn over_budget_reads_like_the_example() {
        let e = BallotError::OverBudget {
            total: 5_200,
            max_budget: 5_000,
            area_id: None,
        };
        assert_eq!(
            e.message_nl(),
            "U heeft € 5.200 gekozen. Dat is meer dan het budget van € 5.000. Haal een idee weg."
        );
        assert_eq!(
            e.message_en(),
            "You chose €5,200. That is more than the budget of €5,000. Remove an idea."
        );
    }

    #[test]
    fn area_and_idea_names_are_used() {
        let mut names = NameMaps::default();
        names.areas.insert(3, "Zuid".into());
        names.areas.insert(4, "Noord".into());
        names.ideas.insert(12, "Bankjes in het park".into());
        let e = BallotError::TooMany {
            chosen: 6,
            max: 4,
            area_id: Some(3),
        };
        assert_eq!(
            e.message_nl_with(&names),
            "In Zuid heeft u 6 ideeën gekozen. U mag er maximaal 4 kiezen. Haal er 2 weg."
        );
        assert_eq!(
            BallotError::UnknownIdea { idea_id: 12 }.message_nl_with(&names),
            "Het idee ‘Bankjes in het park’ staat niet op het stembiljet. \
             Kies alleen ideeën uit de lijst."
        );
        assert_eq!(
            BallotError::MixedAreas {
                area_ids: vec![3, 4, 5]
            }
            .message_nl_with(&names),
            "U heeft ideeën gekozen in Zuid, Noord en gebied 5. U mag maar in één gebied \
             stemmen. Kies ideeën uit één gebied."
        );
        assert_eq!(
            BallotError::TooFew {
                chosen: 1,
                min: 2,
                area_id: None
            }
            .message_en(),
            "You chose 1 idea. Choose at least 2."
        );
    }

    #[test]
    fn every_variant_has_both_messages() {
        let all = [
            BallotError::UnknownIdea { idea_id: 1 },
            BallotError::IneligibleIdea { idea_id: 1 },
            BallotError::DuplicateChoice { idea_id: 1 },
            BallotError::NothingChosen,
            BallotError::TooFew {
                chosen: 0,
                min: 1,
                area_id: Some(2),
            },
            BallotError::TooMany {
                chosen: 3,
                max: 2,
                area_id: None,
            },
            BallotError::UnderMinBudget {
                total: 1,
                min_budget: 2,
                area_id: None,
            },
            BallotError::OverBudget {
                total: 3,
                max_budget: 2,
                area_id: Some(1),
            },
            BallotError::OutsideAreas {
                idea_id: 1,
                area_id: None,
            },
            BallotError::MixedAreas {
                area_ids: vec![1, 2],
            },
        ];
        for e in all {
            let nl = e.message_nl();
            let en = e.message_en();
            assert!(nl.ends_with('.') && en.ends_with('.'), "{nl} / {en}");
            assert_ne!(nl, en);
            assert!(!e.to_string().is_empty());
        }
    }
}
