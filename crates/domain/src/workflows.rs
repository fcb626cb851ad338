//! The workflows of the modules that exist today, as data (see [`crate::workflow`]): a
//! Makelpunt enquiry and an idea's status. Each has a test that calls `validate`.

use crate::workflow::{State, Transition, Workflow};

/// A Makelpunt enquiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enquiry {
    /// Sent to the provider. (A guest's enquiry is `held` until the guest confirms their
    /// address: that is a flag of its own, not a step, because the provider never sees it.)
    Sent,
    /// The provider replied.
    Answered,
    Agreed,
    Declined,
    Withdrawn,
    /// An agreed booking that one side cancelled.
    Cancelled,
}

impl State for Enquiry {
    const ALL: &'static [Self] = &[
        Enquiry::Sent,
        Enquiry::Answered,
        Enquiry::Agreed,
        Enquiry::Declined,
        Enquiry::Withdrawn,
        Enquiry::Cancelled,
    ];
    fn as_str(self) -> &'static str {
        match self {
            Enquiry::Sent => "sent",
            Enquiry::Answered => "answered",
            Enquiry::Agreed => "agreed",
            Enquiry::Declined => "declined",
            Enquiry::Withdrawn => "withdrawn",
            Enquiry::Cancelled => "cancelled",
        }
    }
}

/// Who acts on an enquiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnquiryActor {
    /// A member of the space's provider.
    Provider,
    /// The person who asked (member or confirmed guest).
    Seeker,
}

use Enquiry as E;
use EnquiryActor as EA;

pub static ENQUIRY: Workflow<Enquiry, EnquiryActor> = Workflow {
    name: "space_enquiry",
    initial: E::Sent,
    transitions: &[
        Transition {
            action: "answer",
            from: &[E::Sent],
            to: E::Answered,
            by: &[EA::Provider],
        },
        Transition {
            action: "agree",
            from: &[E::Answered],
            to: E::Agreed,
            by: &[EA::Provider],
        },
        Transition {
            action: "decline",
            from: &[E::Sent, E::Answered],
            to: E::Declined,
            by: &[EA::Provider],
        },
        Transition {
            action: "withdraw",
            from: &[E::Sent, E::Answered],
            to: E::Withdrawn,
            by: &[EA::Seeker],
        },
        // Either side may cancel an agreed booking, with a reason.
        Transition {
            action: "cancel",
            from: &[E::Agreed],
            to: E::Cancelled,
            by: &[EA::Provider, EA::Seeker],
        },
    ],
};

/// An idea's status. `draft` is only visible to its author and staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdeaStatus {
    Draft,
    Submitted,
    Accepted,
    Merged,
    Redirected,
    Rejected,
    Selected,
    Realised,
}

impl State for IdeaStatus {
    const ALL: &'static [Self] = &[
        IdeaStatus::Draft,
        IdeaStatus::Submitted,
        IdeaStatus::Accepted,
        IdeaStatus::Merged,
        IdeaStatus::Redirected,
        IdeaStatus::Rejected,
        IdeaStatus::Selected,
        IdeaStatus::Realised,
    ];
    fn as_str(self) -> &'static str {
        match self {
            IdeaStatus::Draft => "draft",
            IdeaStatus::Submitted => "submitted",
            IdeaStatus::Accepted => "accepted",
            IdeaStatus::Merged => "merged",
            IdeaStatus::Redirected => "redirected",
            IdeaStatus::Rejected => "rejected",
            IdeaStatus::Selected => "selected",
            IdeaStatus::Realised => "realised",
        }
    }
}

/// Who changes an idea's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdeaActor {
    Author,
    /// Staff holding `ideas.manage`.
    Editor,
    /// The platform (a ballot's winners are selected).
    System,
}

use IdeaActor as IA;
use IdeaStatus as I;

/// Every status an editor can give an idea that left its draft.
const AFTER_SUBMIT: &[IdeaStatus] = &[
    I::Submitted,
    I::Accepted,
    I::Merged,
    I::Redirected,
    I::Rejected,
    I::Selected,
    I::Realised,
];

/// Editors may correct a decision, so every staff status can be reached from every other
/// (moving to the status it already has is not a step: the answer alone changes). The
/// database still takes each step only from the status the editor saw.
pub static IDEA_STATUS: Workflow<IdeaStatus, IdeaActor> = Workflow {
    name: "idea_status",
    initial: I::Draft,
    transitions: &[
        Transition {
            action: "submit",
            from: &[I::Draft],
            to: I::Submitted,
            by: &[IA::Author, IA::Editor],
        },
        Transition {
            action: "reopen",
            from: AFTER_SUBMIT,
            to: I::Submitted,
            by: &[IA::Editor],
        },
        Transition {
            action: "accept",
            from: AFTER_SUBMIT,
            to: I::Accepted,
            by: &[IA::Editor],
        },
        Transition {
            action: "merge",
            from: AFTER_SUBMIT,
            to: I::Merged,
            by: &[IA::Editor],
        },
        Transition {
            action: "redirect",
            from: AFTER_SUBMIT,
            to: I::Redirected,
            by: &[IA::Editor],
        },
        Transition {
            action: "reject",
            from: AFTER_SUBMIT,
            to: I::Rejected,
            by: &[IA::Editor],
        },
        Transition {
            action: "select",
            from: AFTER_SUBMIT,
            to: I::Selected,
            by: &[IA::Editor, IA::System],
        },
        Transition {
            action: "realise",
            from: AFTER_SUBMIT,
            to: I::Realised,
            by: &[IA::Editor],
        },
    ],
};

impl IdeaStatus {
    /// The action that brings an idea from `self` to `to` (staff forms post the status they
    /// want, not the action).
    pub fn action_to(self, to: IdeaStatus) -> Option<&'static str> {
        IDEA_STATUS
            .transitions
            .iter()
            .find(|t| t.to == to && t.from.contains(&self))
            .map(|t| t.action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::WorkflowError;

    #[test]
    fn both_workflows_are_sound() {
        assert_eq!(ENQUIRY.validate(), Ok(()));
        assert_eq!(IDEA_STATUS.validate(), Ok(()));
    }

    #[test]
    fn enquiry_moves_and_who_may_make_them() {
        assert_eq!(
            ENQUIRY
                .check(E::Answered, "agree", EA::Provider)
                .map(|t| t.to),
            Ok(E::Agreed)
        );
        assert!(matches!(
            ENQUIRY.check(E::Sent, "agree", EA::Provider),
            Err(WorkflowError::NotFrom { .. })
        ));
        assert!(matches!(
            ENQUIRY.check(E::Answered, "agree", EA::Seeker),
            Err(WorkflowError::NotAllowed { .. })
        ));
        assert!(ENQUIRY.check(E::Agreed, "cancel", EA::Seeker).is_ok());
        assert!(ENQUIRY.is_terminal(E::Cancelled) && ENQUIRY.is_terminal(E::Withdrawn));
    }

    #[test]
    fn idea_statuses() {
        assert_eq!(I::Accepted.action_to(I::Rejected), Some("reject"));
        assert_eq!(I::Draft.action_to(I::Submitted), Some("submit"));
        assert_eq!(I::Accepted.action_to(I::Submitted), Some("reopen"));
        assert_eq!(I::Draft.action_to(I::Accepted), None);
        assert!(IDEA_STATUS.check(I::Accepted, "reject", IA::Editor).is_ok());
        assert!(IDEA_STATUS.check(I::Draft, "reject", IA::Editor).is_err());
        assert!(IDEA_STATUS.check(I::Accepted, "select", IA::System).is_ok());
        assert!(IDEA_STATUS
            .check(I::Accepted, "reject", IA::Author)
            .is_err());
    }
}
