//! `domain::workflow` on a small enquiry workflow (as the Makelpunt has), and on broken
//! definitions that `validate` must catch.

use domain::workflow::{State, Transition, Workflow, WorkflowDefect, WorkflowError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Enquiry {
    Open,
    Agreed,
    Declined,
    Withdrawn,
}

impl State for Enquiry {
    const ALL: &'static [Self] = &[
        Enquiry::Open,
        Enquiry::Agreed,
        Enquiry::Declined,
        Enquiry::Withdrawn,
    ];
    fn as_str(self) -> &'static str {
        match self {
            Enquiry::Open => "open",
            Enquiry::Agreed => "agreed",
            Enquiry::Declined => "declined",
            Enquiry::Withdrawn => "withdrawn",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Actor {
    Requester,
    Provider,
    Staff,
}

use Actor::*;
use Enquiry::*;

static ENQUIRY: Workflow<Enquiry, Actor> = Workflow {
    name: "enquiry",
    initial: Open,
    transitions: &[
        Transition {
            action: "agree",
            from: &[Open],
            to: Agreed,
            by: &[Provider],
        },
        Transition {
            action: "decline",
            from: &[Open],
            to: Declined,
            by: &[Provider, Staff],
        },
        Transition {
            action: "withdraw",
            from: &[Open],
            to: Withdrawn,
            by: &[Requester],
        },
        // The same action name from another state, with other actors: after an agreement
        // either side may call it off.
        Transition {
            action: "withdraw",
            from: &[Agreed],
            to: Withdrawn,
            by: &[Requester, Provider],
        },
        Transition {
            action: "reopen",
            from: &[Declined, Withdrawn],
            to: Open,
            by: &[Staff],
        },
    ],
};

fn actions(from: Enquiry, actor: Actor) -> Vec<&'static str> {
    ENQUIRY.actions_for(from, actor).map(|t| t.action).collect()
}

#[test]
fn the_enquiry_workflow_is_sound() {
    assert_eq!(ENQUIRY.validate(), Ok(()));
    assert_eq!(ENQUIRY.name, "enquiry");
}

#[test]
fn allowed_moves() {
    let t = ENQUIRY.check(Open, "agree", Provider).unwrap();
    assert_eq!((t.action, t.to), ("agree", Agreed));
    assert_eq!(ENQUIRY.check(Open, "decline", Staff).unwrap().to, Declined);
    assert_eq!(ENQUIRY.check(Withdrawn, "reopen", Staff).unwrap().to, Open);
    // The reused name picks the transition of the current state.
    let from_agreed = ENQUIRY.check(Agreed, "withdraw", Provider).unwrap();
    assert_eq!(from_agreed.from, &[Agreed]);
    assert!(std::ptr::eq(from_agreed, &ENQUIRY.transitions[3]));
    assert!(std::ptr::eq(
        ENQUIRY.check(Open, "withdraw", Requester).unwrap(),
        &ENQUIRY.transitions[2]
    ));
}

#[test]
fn unknown_action() {
    assert_eq!(
        ENQUIRY.check(Open, "approve", Staff),
        Err(WorkflowError::UnknownAction {
            action: "approve".to_string()
        })
    );
    // Names are exact.
    assert!(matches!(
        ENQUIRY.check(Open, "Agree", Provider),
        Err(WorkflowError::UnknownAction { .. })
    ));
    assert!(matches!(
        ENQUIRY.check(Open, "", Provider),
        Err(WorkflowError::UnknownAction { .. })
    ));
}

#[test]
fn not_from_this_state() {
    // Someone else agreed first; the second click finds the enquiry no longer open.
    assert_eq!(
        ENQUIRY.check(Agreed, "agree", Provider),
        Err(WorkflowError::NotFrom {
            action: "agree",
            state: Agreed
        })
    );
    // Refused for the state before the actor is looked at.
    assert_eq!(
        ENQUIRY.check(Declined, "withdraw", Staff),
        Err(WorkflowError::NotFrom {
            action: "withdraw",
            state: Declined
        })
    );
}

#[test]
fn not_allowed_for_this_actor() {
    assert_eq!(
        ENQUIRY.check(Open, "agree", Requester),
        Err(WorkflowError::NotAllowed {
            action: "agree",
            actor: Requester
        })
    );
    // From Open only the requester withdraws; from Agreed the provider may too.
    assert_eq!(
        ENQUIRY.check(Open, "withdraw", Provider),
        Err(WorkflowError::NotAllowed {
            action: "withdraw",
            actor: Provider
        })
    );
    assert!(ENQUIRY.check(Agreed, "withdraw", Staff).is_err());
}

#[test]
fn error_messages() {
    let unknown: WorkflowError<Enquiry, Actor> = WorkflowError::UnknownAction {
        action: "fly".into(),
    };
    assert_eq!(unknown.to_string(), "unknown action \"fly\"");
    assert_eq!(
        ENQUIRY
            .check(Agreed, "agree", Provider)
            .unwrap_err()
            .to_string(),
        "action \"agree\" is not possible in state Agreed"
    );
    assert_eq!(
        ENQUIRY
            .check(Open, "agree", Requester)
            .unwrap_err()
            .to_string(),
        "Requester may not take action \"agree\""
    );
}

#[test]
fn buttons_per_state_and_actor() {
    assert_eq!(actions(Open, Provider), ["agree", "decline"]);
    assert_eq!(actions(Open, Requester), ["withdraw"]);
    assert_eq!(actions(Open, Staff), ["decline"]);
    assert_eq!(actions(Agreed, Provider), ["withdraw"]);
    assert_eq!(actions(Agreed, Staff), Vec::<&str>::new());
    assert_eq!(actions(Declined, Staff), ["reopen"]);
    assert_eq!(actions(Declined, Requester), Vec::<&str>::new());
}

#[test]
fn reachable_and_terminal_states() {
    assert_eq!(ENQUIRY.reachable(), [Open, Agreed, Declined, Withdrawn]);
    assert_eq!(ENQUIRY.terminal(), Vec::<Enquiry>::new());
    assert!(!ENQUIRY.is_terminal(Declined));

    static ONE_WAY: Workflow<Enquiry, Actor> = Workflow {
        name: "one way",
        initial: Open,
        transitions: &[
            Transition {
                action: "agree",
                from: &[Open],
                to: Agreed,
                by: &[Provider],
            },
            Transition {
                action: "decline",
                from: &[Open],
                to: Declined,
                by: &[Provider],
            },
        ],
    };
    assert_eq!(ONE_WAY.reachable(), [Open, Agreed, Declined]);
    assert_eq!(ONE_WAY.terminal(), [Agreed, Declined, Withdrawn]);
    assert!(ONE_WAY.is_terminal(Agreed));
}

#[test]
fn stored_text() {
    for &s in Enquiry::ALL {
        assert_eq!(Enquiry::parse(s.as_str()), Some(s));
    }
    assert_eq!(Enquiry::parse("closed"), None);
    assert_eq!(Enquiry::parse("Open"), None);
    let reopen = ENQUIRY.find(Declined, "reopen").unwrap();
    assert_eq!(
        reopen.from_strs().collect::<Vec<_>>(),
        ["declined", "withdrawn"]
    );
    assert!(ENQUIRY.find(Open, "reopen").is_none());
    assert_eq!(ENQUIRY.transitions_named("withdraw").count(), 2);
}

#[test]
fn validate_finds_every_defect() {
    static BROKEN: Workflow<Enquiry, Actor> = Workflow {
        name: "broken",
        initial: Open,
        transitions: &[
            Transition {
                action: "agree",
                from: &[Open],
                to: Agreed,
                by: &[Provider],
            },
            Transition {
                action: "agree",
                from: &[Agreed, Open],
                to: Agreed,
                by: &[Staff],
            },
            Transition {
                action: "decline",
                from: &[],
                to: Declined,
                by: &[Provider],
            },
            Transition {
                action: "nobody",
                from: &[Agreed],
                to: Agreed,
                by: &[],
            },
            Transition {
                action: "",
                from: &[Agreed],
                to: Agreed,
                by: &[Staff],
            },
        ],
    };
    assert_eq!(
        BROKEN.validate(),
        Err(vec![
            WorkflowDefect::Unreachable { state: Declined },
            WorkflowDefect::Unreachable { state: Withdrawn },
            WorkflowDefect::DuplicateAction {
                action: "agree",
                state: Open
            },
            WorkflowDefect::EmptyFrom { action: "decline" },
            WorkflowDefect::EmptyBy { action: "nobody" },
            WorkflowDefect::EmptyAction { index: 4 },
        ])
    );
    // `check` on such a table still answers predictably: the first transition that fits.
    assert!(std::ptr::eq(
        BROKEN.check(Open, "agree", Staff).unwrap(),
        &BROKEN.transitions[1]
    ));
    assert_eq!(
        WorkflowDefect::<Enquiry>::Unreachable { state: Declined }.to_string(),
        "state Declined cannot be reached from the initial state"
    );
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sloppy {
    New,
    Done,
    Forgotten,
}

impl State for Sloppy {
    // `Forgotten` is missing here.
    const ALL: &'static [Self] = &[Sloppy::New, Sloppy::Done];
    fn as_str(self) -> &'static str {
        match self {
            Sloppy::New => "new",
            // Copied and not changed.
            Sloppy::Done | Sloppy::Forgotten => "new",
        }
    }
}

#[test]
fn validate_checks_the_state_type() {
    static SLOPPY: Workflow<Sloppy, Actor> = Workflow {
        name: "sloppy",
        initial: Sloppy::New,
        transitions: &[
            Transition {
                action: "finish",
                from: &[Sloppy::New],
                to: Sloppy::Done,
                by: &[Staff],
            },
            Transition {
                action: "lose",
                from: &[Sloppy::Done],
                to: Sloppy::Forgotten,
                by: &[Staff],
            },
        ],
    };
    assert_eq!(
        SLOPPY.validate(),
        Err(vec![
            WorkflowDefect::BadText {
                state: Sloppy::Done,
                text: "new"
            },
            WorkflowDefect::NotInAll {
                state: Sloppy::Forgotten
            },
        ])
    );
}
