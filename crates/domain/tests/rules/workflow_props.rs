//! `Workflow::check`, `actions_for`, `reachable` and `validate` against naive readings of
//! random transition tables (valid or not).

use domain::workflow::{State, Transition, Workflow, WorkflowError};
use proptest::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum S {
    A,
    B,
    C,
    D,
    E,
}

impl State for S {
    const ALL: &'static [Self] = &[S::A, S::B, S::C, S::D, S::E];
    fn as_str(self) -> &'static str {
        match self {
            S::A => "a",
            S::B => "b",
            S::C => "c",
            S::D => "d",
            S::E => "e",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    X,
    Y,
    Z,
}

static WHO: [Who; 3] = [Who::X, Who::Y, Who::Z];
/// The last name is never in a table.
static ACTIONS: [&str; 5] = ["go", "stop", "undo", "", "never"];

fn leak<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

fn subset<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = &'static [T]> {
    prop::sample::subsequence(all.to_vec(), 0..=all.len()).prop_map(leak)
}

fn workflow() -> impl Strategy<Value = Workflow<S, Who>> {
    let transition = (
        prop::sample::select(&ACTIONS[..4]),
        subset(S::ALL),
        prop::sample::select(S::ALL),
        subset(&WHO),
    )
        .prop_map(|(action, from, to, by)| Transition {
            action,
            from,
            to,
            by,
        });
    (
        prop::sample::select(S::ALL),
        prop::collection::vec(transition, 0..8),
    )
        .prop_map(|(initial, transitions)| Workflow {
            name: "random",
            initial,
            transitions: leak(transitions),
        })
}

/// What `check` must answer, read straight off the table.
fn naive_check(
    wf: &Workflow<S, Who>,
    from: S,
    action: &str,
    actor: Who,
) -> Result<*const Transition<S, Who>, &'static str> {
    let t = wf.transitions;
    if let Some(ok) = t
        .iter()
        .find(|t| t.action == action && t.from.contains(&from) && t.by.contains(&actor))
    {
        return Ok(ok);
    }
    if !t.iter().any(|t| t.action == action) {
        Err("unknown")
    } else if !t
        .iter()
        .any(|t| t.action == action && t.from.contains(&from))
    {
        Err("not from")
    } else {
        Err("not allowed")
    }
}

/// Reachability by repeating "add every target of a transition from a reached state" until
/// nothing changes.
fn naive_reachable(wf: &Workflow<S, Who>) -> Vec<S> {
    let mut reached = [false; 5];
    reached[S::ALL.iter().position(|s| *s == wf.initial).unwrap()] = true;
    loop {
        let mut changed = false;
        for t in wf.transitions {
            let from_reached = S::ALL
                .iter()
                .enumerate()
                .any(|(i, s)| reached[i] && t.from.contains(s));
            let to = S::ALL.iter().position(|s| *s == t.to).unwrap();
            if from_reached && !reached[to] {
                reached[to] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    S::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| reached[*i])
        .map(|(_, s)| *s)
        .collect()
}

fn naive_valid(wf: &Workflow<S, Who>) -> bool {
    let t = wf.transitions;
    let duplicate = (0..t.len()).any(|i| {
        (0..i)
            .any(|j| t[i].action == t[j].action && t[i].from.iter().any(|s| t[j].from.contains(s)))
    });
    naive_reachable(wf).len() == S::ALL.len()
        && t.iter()
            .all(|t| !t.action.is_empty() && !t.from.is_empty() && !t.by.is_empty())
        && !duplicate
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn check_agrees_with_the_table(
        wf in workflow(),
        from in prop::sample::select(S::ALL),
        action in prop::sample::select(&ACTIONS[..]),
        actor in prop::sample::select(&WHO[..]),
    ) {
        let got = wf.check(from, action, actor);
        match (naive_check(&wf, from, action, actor), &got) {
            (Ok(expected), Ok(t)) => prop_assert!(std::ptr::eq(expected, *t)),
            (Err("unknown"), Err(WorkflowError::UnknownAction { action: a })) => {
                prop_assert_eq!(a.as_str(), action)
            }
            (Err("not from"), Err(WorkflowError::NotFrom { action: a, state })) => {
                prop_assert_eq!((*a, *state), (action, from))
            }
            (Err("not allowed"), Err(WorkflowError::NotAllowed { action: a, actor: who })) => {
                prop_assert_eq!((*a, *who), (action, actor))
            }
            (expected, _) => prop_assert!(false, "expected {:?}, got {:?}", expected, got),
        }
    }

    /// The buttons shown are exactly the actions `check` lets through.
    #[test]
    fn buttons_are_the_allowed_actions(
        wf in workflow(),
        from in prop::sample::select(S::ALL),
        actor in prop::sample::select(&WHO[..]),
    ) {
        for t in wf.actions_for(from, actor) {
            prop_assert!(wf.check(from, t.action, actor).is_ok());
        }
        for action in ACTIONS {
            if let Ok(t) = wf.check(from, action, actor) {
                prop_assert!(wf.actions_for(from, actor).any(|b| std::ptr::eq(b, t)));
            }
        }
    }

    #[test]
    fn reachable_agrees_with_a_fixpoint(wf in workflow()) {
        prop_assert_eq!(wf.reachable(), naive_reachable(&wf));
        let terminal: Vec<S> = S::ALL
            .iter()
            .copied()
            .filter(|s| wf.transitions.iter().all(|t| !t.from.contains(s)))
            .collect();
        prop_assert_eq!(wf.terminal(), terminal);
    }

    #[test]
    fn validate_agrees_with_the_rules(wf in workflow()) {
        prop_assert_eq!(wf.validate().is_ok(), naive_valid(&wf), "{:?}", wf.validate());
    }
}
