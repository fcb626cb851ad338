//! Human names for ids inside messages.
//!
//! Errors carry ids, not titles: the domain does not load titles, and an error must stay cheap
//! to build inside a transaction. The web edge knows the titles and passes them in through
//! [`Names`] when it renders a message. Without names, messages fall back to "idee 12" /
//! "gebied 3", which is still understandable.

use std::collections::BTreeMap;

use crate::{AreaId, IdeaId};

/// Looks up display names. Both methods default to "unknown", so `()` works as "no names".
pub trait Names {
    fn idea(&self, _id: IdeaId) -> Option<String> {
        None
    }
    fn area(&self, _id: AreaId) -> Option<String> {
        None
    }
}

impl Names for () {}

/// A ready-made [`Names`] from two maps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameMaps {
    pub ideas: BTreeMap<IdeaId, String>,
    pub areas: BTreeMap<AreaId, String>,
}

impl Names for NameMaps {
    fn idea(&self, id: IdeaId) -> Option<String> {
        self.ideas.get(&id).cloned()
    }
    fn area(&self, id: AreaId) -> Option<String> {
        self.areas.get(&id).cloned()
    }
}

/// "Noord en Zuid", "Noord, Zuid en Centrum".
pub(crate) fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// Upper-cases the first letter, for a name that starts a sentence.
pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
