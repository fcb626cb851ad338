//! Pure domain rules for meedoen (DESIGN.md, principle 6).
//!
//! Nothing in this crate does IO: no database, no clock, no randomness, no logging. The web
//! layer loads the facts (ideas, ballots, rules), calls these functions inside its write
//! transaction, and turns the typed errors into a page. Keeping the rules here means they can be
//! tested exhaustively with property tests, and the same code decides on SQLite and PostgreSQL.
//!
//! - [`ballot`]: ballot rules (count, budget, per area) and their validation.
//! - [`tally`](mod@tally): counting ballots and selecting winners, with a documented tie rule.
//! - [`poll`]: the answer options of a quick poll.
//! - [`money`]: [`Money`] in cents, written the Dutch or English way, and read from a form.
//! - [`names`]: how messages get human names for ideas and areas.
//! - [`calendar`]: Europe/Amsterdam time, Dutch holidays and working days (Algemene
//!   termijnenwet), and deadlines for handling terms.
//! - [`workflow`]: state machines with roles: states, allowed transitions and who may take them.

pub mod ballot;
pub mod calendar;
pub mod money;
pub mod names;
pub mod poll;
pub mod tally;
pub mod workflow;
pub mod workflows;

/// Database id of an idea. Lower ids were submitted earlier; the tie rule relies on that.
pub type IdeaId = i64;
/// Database id of an area (district, neighbourhood or theme) that has its own ballot rule.
pub type AreaId = i64;

pub use ballot::{
    remaining_budget, validate, AreaRule, AreaScope, Ballot, BallotError, BallotRules, Idea, Left,
    Limit, Remaining, RulesError,
};
pub use money::{Money, MoneyError};
pub use names::{NameMaps, Names};
pub use poll::{validate_choices, PollError};
pub use tally::{
    select_winners, tally, AreaSelection, AreaWinnerRule, Outcome, Ranked, Selection, WinnerLimit,
    WinnerRule,
};
