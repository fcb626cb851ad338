//! Ballots for participatory budgeting: the rules a voting phase sets, and the check that a
//! voter's choice obeys them.
//!
//! A voting phase has one [`BallotRules`]:
//! - [`BallotRules::Count`]: choose between `min` and `max` ideas;
//! - [`BallotRules::Budget`]: the chosen ideas' costs add up to between `min_budget` and
//!   `max_budget` (a knapsack: the voter spends a budget);
//! - [`BallotRules::PerArea`]: each area (district or theme) has its own count or budget
//!   [`Limit`]. With [`AreaScope::OneArea`] the voter picks one area and votes only there; with
//!   [`AreaScope::AllAreas`] the voter may vote in every area. An area in which the voter
//!   chose nothing is simply not voted in, so its minimum does not apply.
//!
//! [`validate`] is called on the server inside the write transaction, on every cast. It returns
//! the first problem as a [`BallotError`] that carries the numbers a message needs; the error
//! renders itself in B1 Dutch ([`BallotError::message_nl`]) and English.
//!
//! An empty ballot is always refused ([`BallotError::NothingChosen`]): a blank ballot carries no
//! choice, and withdrawing a vote is a separate action at the web edge.

mod config;
mod error;
mod remaining;
mod validate;

use std::collections::BTreeSet;

use crate::{AreaId, IdeaId};

pub use config::RulesError;
pub use error::BallotError;
pub use remaining::{remaining_budget, Left, Remaining};
pub use validate::validate;

/// An idea as a ballot sees it. `eligible` is true once the idea was accepted for voting in the
/// check phase; ideas that were merged, redirected or rejected stay off the ballot.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Idea {
    pub id: IdeaId,
    /// Cost estimate in whole euros. Expected to be zero or more.
    pub cost: i64,
    /// The area the idea belongs to; only [`BallotRules::PerArea`] looks at it.
    pub area_id: Option<AreaId>,
    pub eligible: bool,
}

/// A count or budget limit: the whole ballot's rule, or one area's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Choose at least `min` and at most `max` ideas.
    Count { min: u32, max: u32 },
    /// The chosen ideas cost at least `min_budget` and at most `max_budget` euros together.
    Budget { min_budget: i64, max_budget: i64 },
}

/// The ballot rules of one voting phase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BallotRules {
    Count {
        min: u32,
        max: u32,
    },
    Budget {
        min_budget: i64,
        max_budget: i64,
    },
    /// A limit per area. An idea whose area has no rule here cannot be chosen.
    PerArea {
        areas: Vec<AreaRule>,
        scope: AreaScope,
    },
}

/// One area's limit inside [`BallotRules::PerArea`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AreaRule {
    pub area_id: AreaId,
    pub rule: Limit,
}

/// Whether a voter votes in one area only, or may vote in every area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AreaScope {
    OneArea,
    AllAreas,
}

impl BallotRules {
    /// The single limit of a count or budget ballot; `None` for per-area ballots.
    pub fn whole_ballot_limit(&self) -> Option<Limit> {
        match *self {
            BallotRules::Count { min, max } => Some(Limit::Count { min, max }),
            BallotRules::Budget {
                min_budget,
                max_budget,
            } => Some(Limit::Budget {
                min_budget,
                max_budget,
            }),
            BallotRules::PerArea { .. } => None,
        }
    }

    /// The rule of one area. If staff listed an area twice, the first entry counts
    /// ([`BallotRules::check`] refuses such rules when they are saved).
    pub fn area_rule(&self, area_id: AreaId) -> Option<Limit> {
        match self {
            BallotRules::PerArea { areas, .. } => {
                areas.iter().find(|a| a.area_id == area_id).map(|a| a.rule)
            }
            _ => None,
        }
    }
}

/// A cast ballot: the set of chosen ideas. It is a set, so an idea counts at most once per
/// ballot even if a caller forgot to [`validate`]. Build it with [`Ballot::validated`] on the
/// cast path, or [`Ballot::new`] when reading stored ballots back for a recount.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ballot {
    chosen: BTreeSet<IdeaId>,
}

impl Ballot {
    pub fn new(chosen: impl IntoIterator<Item = IdeaId>) -> Self {
        Ballot {
            chosen: chosen.into_iter().collect(),
        }
    }

    /// Validates the raw choice (as posted, possibly with duplicates) and builds the ballot.
    pub fn validated(
        rules: &BallotRules,
        ideas_on_ballot: &[Idea],
        chosen: &[IdeaId],
    ) -> Result<Self, BallotError> {
        validate(rules, ideas_on_ballot, chosen)?;
        Ok(Ballot::new(chosen.iter().copied()))
    }

    /// Chosen idea ids in ascending order.
    pub fn ideas(&self) -> impl ExactSizeIterator<Item = IdeaId> + '_ {
        self.chosen.iter().copied()
    }

    pub fn contains(&self, id: IdeaId) -> bool {
        self.chosen.contains(&id)
    }

    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }
}

impl FromIterator<IdeaId> for Ballot {
    fn from_iter<I: IntoIterator<Item = IdeaId>>(iter: I) -> Self {
        Ballot::new(iter)
    }
}
