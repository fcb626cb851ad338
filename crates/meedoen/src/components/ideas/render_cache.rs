//! Parts of idea pages that look the same to many visitors, kept rendered with the version of
//! the data they were rendered from.
//!
//! - **Comments of an idea page**, as visitors who are not logged in see them (no like buttons,
//!   reply forms or edit links). Reading, decoding and rendering 50 comments was two thirds
//!   of an idea page's cost. The version is the idea's comment version, a counter that
//!   database triggers bump on every change to the idea's comments (migration 0015); a page
//!   reads it with the idea itself. Logged-in visitors always get a fresh render.
//! - **Cards of an idea list page** (unfiltered, in a fixed order), for everyone: a card shows
//!   nothing personal. The version is the page read narrowly, per card its id, like count,
//!   comment count and revision (`ideas.list_rev`, moved by triggers on every other change
//!   a card shows, migration 0021). That read costs a fraction of reading, decoding and
//!   rendering the cards, and it needs no version row that every like would have to lock.
//!
//! Either way a change made through any path, on any node, shows on the next view: what is
//! kept is used only when the version read now equals the one it was rendered at.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use super::store::CardSig;
use crate::web::i18n::Lang;

/// Rendered bytes kept per cache; when full, everything is dropped and refilled.
const MAX_BYTES: usize = 8 * 1024 * 1024;

/// What an entry costs besides its HTML (key, version, map slot), counted so that many small
/// entries (say, a crawler asking for page 1 to 1,000,000 of a list) cannot grow the map
/// without bound: at most `MAX_BYTES / ENTRY_BYTES` entries.
const ENTRY_BYTES: usize = 512;

/// Comments of an idea, per (idea, language), at the idea's comment version.
pub type CommentCache = RenderCache<(i64, Lang), i64>;

/// Which list page: component, language, sort, page number.
pub type ListKey = (i64, Lang, &'static str, i64);

/// Cards of a list page, at the narrow read of that page.
pub type ListCache = RenderCache<ListKey, Vec<CardSig>>;

pub struct RenderCache<K, V> {
    inner: Mutex<Inner<K, V>>,
}

struct Inner<K, V> {
    entries: HashMap<K, (V, Arc<str>)>,
    bytes: usize,
}

impl<K, V> Default for RenderCache<K, V> {
    fn default() -> Self {
        RenderCache {
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                bytes: 0,
            }),
        }
    }
}

impl<K: Hash + Eq, V: PartialEq> RenderCache<K, V> {
    /// What was rendered for `key` at exactly `version`, if kept.
    pub fn get(&self, key: &K, version: &V) -> Option<Arc<str>> {
        let inner = self.inner.lock().ok()?;
        match inner.entries.get(key) {
            Some((v, html)) if v == version => Some(html.clone()),
            _ => None,
        }
    }

    /// Keeps `html` as rendered for `key` at `version`. The version must have been read no
    /// later than the data the HTML was rendered from, so that what is kept is never older
    /// than its version says.
    pub fn put(&self, key: K, version: V, html: Arc<str>) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        let cost = html.len() + ENTRY_BYTES;
        if inner.bytes + cost > MAX_BYTES {
            inner.entries.clear();
            inner.bytes = 0;
        }
        inner.bytes += cost;
        if let Some((_, old)) = inner.entries.insert(key, (version, html)) {
            inner.bytes = inner.bytes.saturating_sub(old.len() + ENTRY_BYTES);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_version_and_key_hit() {
        let c = CommentCache::default();
        c.put((7, Lang::Nl), 3, "<ol>drie</ol>".into());
        assert_eq!(c.get(&(7, Lang::Nl), &3).as_deref(), Some("<ol>drie</ol>"));
        assert!(c.get(&(7, Lang::Nl), &4).is_none());
        assert!(c.get(&(7, Lang::En), &3).is_none());
        assert!(c.get(&(8, Lang::Nl), &3).is_none());
        c.put((7, Lang::Nl), 4, "<ol>vier</ol>".into());
        assert!(c.get(&(7, Lang::Nl), &3).is_none());
        let big: Arc<str> = "x".repeat(MAX_BYTES / 3).into();
        for i in 0..10 {
            c.put((100 + i, Lang::Nl), 1, big.clone());
        }
        assert!(c.inner.lock().unwrap().bytes <= MAX_BYTES);
    }

    #[test]
    fn list_cards_hit_only_on_the_same_narrow_read() {
        let c = ListCache::default();
        let read = vec![(1, 0, 0, 0), (2, 5, 1, 0)];
        c.put(
            (9, Lang::Nl, "nieuw", 1),
            read.clone(),
            "<ul>twee</ul>".into(),
        );
        assert!(c.get(&(9, Lang::Nl, "nieuw", 1), &read).is_some());
        // A like, a comment, an edit, or another idea on the page: each misses.
        for other in [
            vec![(1, 1, 0, 0), (2, 5, 1, 0)],
            vec![(1, 0, 1, 0), (2, 5, 1, 0)],
            vec![(1, 0, 0, 1), (2, 5, 1, 0)],
            vec![(3, 0, 0, 0), (1, 0, 0, 0), (2, 5, 1, 0)],
        ] {
            assert!(c.get(&(9, Lang::Nl, "nieuw", 1), &other).is_none());
        }
        assert!(c.get(&(9, Lang::Nl, "likes", 1), &read).is_none());
        assert!(c.get(&(9, Lang::Nl, "nieuw", 2), &read).is_none());
    }

    #[test]
    fn many_small_entries_stay_bounded() {
        let c = ListCache::default();
        for page in 1..100_000 {
            c.put(
                (9, Lang::Nl, "nieuw", page),
                Vec::new(),
                "<p>Geen</p>".into(),
            );
        }
        let inner = c.inner.lock().unwrap();
        assert!(
            inner.entries.len() <= MAX_BYTES / ENTRY_BYTES,
            "{}",
            inner.entries.len()
        );
        assert!(inner.bytes <= MAX_BYTES);
    }
}
