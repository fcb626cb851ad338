//! Data kept in memory per key and tagged with the version it was read at: the Makelpunt's
//! search facts (per municipality) and the ideas on a ballot (per ballot).
//!
//! Both rest on a trigger-kept version in the database that moves inside every transaction
//! that changes the data (no code path can forget). A caller reads the version as it needs
//! it (a cheap statement, or a column of a row it reads anyway) and asks for a snapshot at
//! least that new; only then is the data read again, and a burst of requests after a change
//! reads it once. The loader must read the data and its version in one statement, so both
//! come from the same database snapshot on either backend.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use crate::db::DbResult;

/// What a [`Versioned`] cache keeps: data that knows the version it was read at.
pub trait Tagged {
    fn version(&self) -> i64;
}

struct Slot<T> {
    value: Option<Arc<T>>,
    /// Held while one request reloads, so a burst after a write reloads once.
    loading: Arc<tokio::sync::Mutex<()>>,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            value: None,
            loading: Arc::default(),
        }
    }
}

/// Snapshots per key, each at the latest version loaded.
pub struct Versioned<T> {
    slots: Mutex<HashMap<i64, Slot<T>>>,
}

impl<T> Default for Versioned<T> {
    fn default() -> Self {
        Versioned {
            slots: Mutex::default(),
        }
    }
}

impl<T: Tagged> Versioned<T> {
    /// The snapshot for `key` when it is at least at `version`; otherwise `load` reads a new
    /// one (which may be newer still).
    pub async fn at_least<F, Fut>(&self, key: i64, version: i64, load: F) -> DbResult<Arc<T>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = DbResult<T>>,
    {
        let loading = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            let slot = slots.entry(key).or_default();
            match &slot.value {
                Some(v) if v.version() >= version => return Ok(v.clone()),
                _ => slot.loading.clone(),
            }
        };
        let _guard = loading.lock().await;
        // Another request may have loaded a new enough snapshot while this one waited.
        if let Some(v) = self.cached(key).filter(|v| v.version() >= version) {
            return Ok(v);
        }
        let fresh = Arc::new(load().await?);
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let slot = slots.entry(key).or_default();
        // Never replace a newer snapshot with an older one.
        if slot
            .value
            .as_ref()
            .is_none_or(|v| v.version() <= fresh.version())
        {
            slot.value = Some(fresh.clone());
        }
        Ok(fresh)
    }

    /// The snapshot in memory for `key`, if any.
    pub fn cached(&self, key: i64) -> Option<Arc<T>> {
        let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots.get(&key).and_then(|s| s.value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct V(i64);
    impl Tagged for V {
        fn version(&self) -> i64 {
            self.0
        }
    }

    #[tokio::test]
    async fn loads_only_when_behind_and_never_goes_back() {
        let c: Versioned<V> = Versioned::default();
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let load = |v: i64| {
            let loads = &loads;
            move || async move {
                loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok(V(v))
            }
        };
        assert_eq!(c.at_least(1, 3, load(3)).await.unwrap().0, 3);
        // Not behind: no load.
        assert_eq!(c.at_least(1, 2, load(9)).await.unwrap().0, 3);
        assert_eq!(c.at_least(1, 3, load(9)).await.unwrap().0, 3);
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1);
        // Behind: loads; a loader that returns something older is not kept.
        assert_eq!(c.at_least(1, 5, load(5)).await.unwrap().0, 5);
        assert_eq!(c.at_least(1, 6, load(4)).await.unwrap().0, 4);
        assert_eq!(c.cached(1).map(|v| v.0), Some(5));
        // Keys are apart.
        assert!(c.cached(2).is_none());
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 3);
    }
}
