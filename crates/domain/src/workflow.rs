//! State machines with roles: which states a case can be in, which moves between them are
//! allowed, and who may make each move.
//!
//! A module declares its workflow as static data (the Makelpunt enquiry, idea statuses, the
//! neighbourhood-budget application):
//!
//! ```
//! use domain::workflow::{State, Transition, Workflow};
//!
//! #[derive(Clone, Copy, Debug, PartialEq, Eq)]
//! enum Enquiry { Open, Agreed, Declined }
//!
//! impl State for Enquiry {
//!     const ALL: &'static [Self] = &[Enquiry::Open, Enquiry::Agreed, Enquiry::Declined];
//!     fn as_str(self) -> &'static str {
//!         match self {
//!             Enquiry::Open => "open",
//!             Enquiry::Agreed => "agreed",
//!             Enquiry::Declined => "declined",
//!         }
//!     }
//! }
//!
//! #[derive(Clone, Copy, Debug, PartialEq, Eq)]
//! enum Actor { Requester, Provider }
//!
//! static ENQUIRY: Workflow<Enquiry, Actor> = Workflow {
//!     name: "enquiry",
//!     initial: Enquiry::Open,
//!     transitions: &[
//!         Transition { action: "agree", from: &[Enquiry::Open], to: Enquiry::Agreed, by: &[Actor::Provider] },
//!         Transition { action: "decline", from: &[Enquiry::Open], to: Enquiry::Declined, by: &[Actor::Provider] },
//!     ],
//! };
//!
//! assert_eq!(ENQUIRY.validate(), Ok(()));
//! let t = ENQUIRY.check(Enquiry::Open, "agree", Actor::Provider).unwrap();
//! assert_eq!(t.to, Enquiry::Agreed);
//! assert!(ENQUIRY.check(Enquiry::Open, "agree", Actor::Requester).is_err());
//! ```
//!
//! The web layer shows [`Workflow::actions_for`] as buttons and calls [`Workflow::check`] with
//! the state it loaded. The database layer then makes the move conditional on the state not
//! having changed meanwhile: `UPDATE ... SET state = <to> WHERE id = ? AND state IN (<from>)`
//! (with [`Transition::from_strs`]), and writes the history row and audit entry only when a row
//! was updated. Two people pressing a button at once then cannot both move the case.
//!
//! Every workflow should have a unit test that calls [`Workflow::validate`].

use std::fmt::Debug;

use thiserror::Error;

/// A state as the database stores it: as text, so a dump reads without a lookup table and a
/// new state needs no migration of numbers.
pub trait State: Copy + Eq + Debug + 'static {
    /// Every state, each once. [`Workflow::validate`] uses it to find states that cannot be
    /// reached, and [`State::parse`] to read stored text.
    const ALL: &'static [Self];

    /// The stored text: short, lowercase ASCII, never changed once data exists.
    fn as_str(self) -> &'static str;

    /// The state stored as `s`; `None` for unknown text (a state removed from the code while
    /// rows still have it: the caller decides, usually by refusing every action).
    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|state| state.as_str() == s)
    }
}

/// One allowed move: the action `action` takes a case in any state of `from` to `to`, and only
/// the actors in `by` may take it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition<S: 'static, A: 'static> {
    /// The name a form posts and the history row records (`"agree"`, `"withdraw"`). Unique
    /// among the transitions that start in the same state; the same name may be reused from
    /// other states (a "withdraw" from `submitted` and another from `approved` with a different
    /// target or different actors).
    pub action: &'static str,
    /// The states the action can be taken from; never empty.
    pub from: &'static [S],
    pub to: S,
    /// Who may take it; never empty.
    pub by: &'static [A],
}

impl<S: State, A: 'static> Transition<S, A> {
    /// The stored text of every state in `from`, for the `state IN (...)` of the update.
    pub fn from_strs(&self) -> impl Iterator<Item = &'static str> {
        self.from.iter().map(|s| s.as_str())
    }
}

/// A state machine: static data, declared as a `static` per module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Workflow<S: 'static, A: 'static> {
    /// For messages and the audit log (`"enquiry"`).
    pub name: &'static str,
    /// The state a new case starts in.
    pub initial: S,
    /// In the order buttons are shown.
    pub transitions: &'static [Transition<S, A>],
}

/// Why an action was refused, most basic reason first: an action that does not exist, then one
/// that exists but not from this state (the page was stale: someone else moved the case), then
/// one this actor may not take.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorkflowError<S: Debug, A: Debug> {
    #[error("unknown action {action:?}")]
    UnknownAction { action: String },
    #[error("action {action:?} is not possible in state {state:?}")]
    NotFrom { action: &'static str, state: S },
    #[error("{actor:?} may not take action {action:?}")]
    NotAllowed { action: &'static str, actor: A },
}

/// A mistake in a workflow's definition, found by [`Workflow::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorkflowDefect<S: Debug> {
    #[error("state {state:?} cannot be reached from the initial state")]
    Unreachable { state: S },
    #[error("state {state:?} is used but missing from State::ALL")]
    NotInAll { state: S },
    #[error("state {state:?} is stored as {text:?}, which does not parse back to it")]
    BadText { state: S, text: &'static str },
    /// `index` is the transition's position in the table, 0-based.
    #[error("transition {index} has an empty action name")]
    EmptyAction { index: usize },
    #[error("transition {action:?} starts from no state")]
    EmptyFrom { action: &'static str },
    #[error("transition {action:?} can be taken by no one")]
    EmptyBy { action: &'static str },
    #[error("action {action:?} is defined twice from state {state:?}")]
    DuplicateAction { action: &'static str, state: S },
}

impl<S: State, A: Copy + Eq + Debug + 'static> Workflow<S, A> {
    /// The transitions named `action`, in table order (more than one when the name is reused
    /// from different states).
    pub fn transitions_named<'a>(
        &self,
        action: &'a str,
    ) -> impl Iterator<Item = &'static Transition<S, A>> + 'a {
        let transitions: &'static [Transition<S, A>] = self.transitions;
        transitions.iter().filter(move |t| t.action == action)
    }

    /// The transition `action` takes from `from`, whoever asks.
    pub fn find(&self, from: S, action: &str) -> Option<&Transition<S, A>> {
        self.transitions_named(action)
            .find(|t| t.from.contains(&from))
    }

    /// Whether `actor` may take `action` on a case in state `from`; the transition to carry out,
    /// or why not (see [`WorkflowError`] for the order of the reasons).
    pub fn check(
        &self,
        from: S,
        action: &str,
        actor: A,
    ) -> Result<&Transition<S, A>, WorkflowError<S, A>> {
        let Some(first) = self.transitions_named(action).next() else {
            return Err(WorkflowError::UnknownAction {
                action: action.to_string(),
            });
        };
        let mut from_here = self
            .transitions_named(action)
            .filter(|t| t.from.contains(&from))
            .peekable();
        if from_here.peek().is_none() {
            return Err(WorkflowError::NotFrom {
                action: first.action,
                state: from,
            });
        }
        // One transition at most in a valid workflow; a scan keeps an invalid one predictable.
        from_here
            .find(|t| t.by.contains(&actor))
            .ok_or(WorkflowError::NotAllowed {
                action: first.action,
                actor,
            })
    }

    /// The transitions `actor` may take on a case in state `from`, in table order: the buttons
    /// to show.
    pub fn actions_for(&self, from: S, actor: A) -> impl Iterator<Item = &Transition<S, A>> + '_ {
        self.transitions
            .iter()
            .filter(move |t| t.from.contains(&from) && t.by.contains(&actor))
    }

    /// The states a case can reach from [`Workflow::initial`] (the initial state included),
    /// whoever acts, in the order of [`State::ALL`].
    pub fn reachable(&self) -> Vec<S> {
        let mut seen = vec![self.initial];
        let mut todo = vec![self.initial];
        while let Some(state) = todo.pop() {
            for t in self.transitions.iter().filter(|t| t.from.contains(&state)) {
                if !seen.contains(&t.to) {
                    seen.push(t.to);
                    todo.push(t.to);
                }
            }
        }
        S::ALL
            .iter()
            .copied()
            .filter(|s| seen.contains(s))
            .collect()
    }

    /// Whether no transition leaves `state`: a case there is finished.
    pub fn is_terminal(&self, state: S) -> bool {
        !self.transitions.iter().any(|t| t.from.contains(&state))
    }

    /// The states no transition leaves, in the order of [`State::ALL`].
    pub fn terminal(&self) -> Vec<S> {
        S::ALL
            .iter()
            .copied()
            .filter(|s| self.is_terminal(*s))
            .collect()
    }

    /// Every mistake in the definition, or `Ok` for a sound workflow:
    /// - each state's stored text parses back to it, and every state used is in `State::ALL`;
    /// - every state of `State::ALL` can be reached from `initial`;
    /// - no transition has an empty name, an empty `from` or an empty `by`;
    /// - no action name appears twice among the transitions from one state (then `check` would
    ///   have to guess).
    ///
    /// Meant for a unit test per workflow; cheap, but there is no need to run it at startup.
    pub fn validate(&self) -> Result<(), Vec<WorkflowDefect<S>>> {
        let mut defects = Vec::new();
        for &state in S::ALL {
            let text = state.as_str();
            if S::parse(text) != Some(state) {
                defects.push(WorkflowDefect::BadText { state, text });
            }
        }
        let mut used = vec![self.initial];
        for t in self.transitions {
            used.extend(t.from.iter().copied());
            used.push(t.to);
        }
        for state in used {
            let defect = WorkflowDefect::NotInAll { state };
            if !S::ALL.contains(&state) && !defects.contains(&defect) {
                defects.push(defect);
            }
        }
        let reachable = self.reachable();
        for &state in S::ALL {
            if !reachable.contains(&state) {
                defects.push(WorkflowDefect::Unreachable { state });
            }
        }
        for (i, t) in self.transitions.iter().enumerate() {
            if t.action.is_empty() {
                defects.push(WorkflowDefect::EmptyAction { index: i });
            }
            if t.from.is_empty() {
                defects.push(WorkflowDefect::EmptyFrom { action: t.action });
            }
            if t.by.is_empty() {
                defects.push(WorkflowDefect::EmptyBy { action: t.action });
            }
            // Against the earlier transitions only, so each clash is reported once.
            for &state in t.from {
                let clash = self.transitions[..i]
                    .iter()
                    .any(|u| u.action == t.action && u.from.contains(&state));
                let defect = WorkflowDefect::DuplicateAction {
                    action: t.action,
                    state,
                };
                if clash && !defects.contains(&defect) {
                    defects.push(defect);
                }
            }
        }
        if defects.is_empty() {
            Ok(())
        } else {
            Err(defects)
        }
    }
}
