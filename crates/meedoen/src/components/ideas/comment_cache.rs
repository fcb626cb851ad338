//! The rendered list of comments of an idea, as visitors who are not logged in see it.
//!
//! Reading, decoding and rendering 50 comments was two thirds of an idea page's cost, and
//! that list is the same for every anonymous visitor: it shows no like buttons, reply forms or
//! edit links. It is kept here, per idea and language, with the idea's comment version, a
//! counter that database triggers bump on every change to the idea's comments (migration
//! 0015). A page reads the version with the idea itself, so a change made through any path,
//! on any node, shows on the next view. Logged-in visitors always get a fresh render.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::web::i18n::Lang;

/// Rendered bytes kept per running app; when full, everything is dropped and refilled.
const MAX_BYTES: usize = 8 * 1024 * 1024;

#[derive(Default)]
pub struct CommentCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// (idea, language) to (comment version, HTML).
    entries: HashMap<(i64, u8), (i64, Arc<str>)>,
    bytes: usize,
}

impl CommentCache {
    /// The list rendered at exactly `version`, if kept.
    pub fn get(&self, idea: i64, lang: Lang, version: i64) -> Option<Arc<str>> {
        let inner = self.inner.lock().ok()?;
        match inner.entries.get(&(idea, lang as u8)) {
            Some((v, html)) if *v == version => Some(html.clone()),
            _ => None,
        }
    }

    /// Keeps `html` as the list at `version`. The version must have been read before the
    /// comments were, so that what is kept is never older than its version says.
    pub fn put(&self, idea: i64, lang: Lang, version: i64, html: Arc<str>) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.bytes + html.len() > MAX_BYTES {
            inner.entries.clear();
            inner.bytes = 0;
        }
        inner.bytes += html.len();
        if let Some((_, old)) = inner.entries.insert((idea, lang as u8), (version, html)) {
            inner.bytes = inner.bytes.saturating_sub(old.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_version_and_language_hit() {
        let c = CommentCache::default();
        c.put(7, Lang::Nl, 3, "<ol>drie</ol>".into());
        assert_eq!(c.get(7, Lang::Nl, 3).as_deref(), Some("<ol>drie</ol>"));
        assert!(c.get(7, Lang::Nl, 4).is_none());
        assert!(c.get(7, Lang::En, 3).is_none());
        assert!(c.get(8, Lang::Nl, 3).is_none());
        c.put(7, Lang::Nl, 4, "<ol>vier</ol>".into());
        assert!(c.get(7, Lang::Nl, 3).is_none());
        let big: Arc<str> = "x".repeat(MAX_BYTES / 3).into();
        for i in 0..10 {
            c.put(100 + i, Lang::Nl, 1, big.clone());
        }
        assert!(c.inner.lock().unwrap().bytes <= MAX_BYTES);
    }
}
