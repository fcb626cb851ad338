//! What every handler, middleware and job gets: the infrastructure (database, configuration,
//! storage, mail wake-up, metrics), the module registry, and the state modules own and
//! register themselves (caches, mostly) in a type map. Modules and `web/` import this file;
//! only `app.rs`, the composition root, decides which modules there are.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::Notify;

use crate::config::Config;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::module::Registry;
use crate::uploads::Storage;
use crate::web::ctx::OrgDirectory;

/// Axum clones the state for each extractor and layer, several times per request: one shared
/// pointer makes that one atomic increment instead of one per field (a dozen, on counters
/// that both cores keep taking from each other).
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The parts of [`AppState`].
pub struct Shared {
    pub db: Db,
    pub config: Arc<Config>,
    pub orgs: Arc<OrgDirectory>,
    pub storage: Arc<dyn Storage>,
    /// Every module of this build, in the order they were registered.
    pub modules: Arc<Registry>,
    pub metrics: Arc<Metrics>,
    /// Wakes the mail worker when something lands in the outbox.
    pub mail_wake: Arc<Notify>,
    /// State that modules own (caches per running app: tests run many apps with fresh
    /// databases in one process, so none of it may be a `static`).
    owned: ModuleState,
}

impl Shared {
    pub fn new(
        db: Db,
        config: Config,
        storage: Arc<dyn Storage>,
        modules: Arc<Registry>,
    ) -> Shared {
        let mut owned = ModuleState::default();
        for m in modules.all() {
            m.init(&mut owned);
        }
        Shared {
            db,
            config: Arc::new(config),
            orgs: Arc::new(OrgDirectory::default()),
            storage,
            modules,
            metrics: Arc::new(Metrics::default()),
            mail_wake: Arc::new(Notify::new()),
            owned,
        }
    }

    /// The state a module registered in [`crate::module::Module::init`]. Asking for a type
    /// nobody registered is a programming error (a module forgot its `init`), caught by the
    /// first test that touches the page.
    pub fn owned<T: Any + Send + Sync>(&self) -> &T {
        self.owned.get::<T>().unwrap_or_else(|| {
            panic!(
                "module state {} was never registered (Module::init)",
                std::any::type_name::<T>()
            )
        })
    }
}

/// A map from type to one value of that type.
#[derive(Default)]
pub struct ModuleState {
    map: HashMap<TypeId, Box<dyn Any + Send + Sync>>,
}

impl ModuleState {
    /// Registers `value`; a second value of the same type replaces the first.
    pub fn insert<T: Any + Send + Sync>(&mut self, value: T) {
        self.map.insert(TypeId::of::<T>(), Box::new(value));
    }

    pub fn get<T: Any + Send + Sync>(&self) -> Option<&T> {
        self.map
            .get(&TypeId::of::<T>())
            .and_then(|b| b.downcast_ref::<T>())
    }
}

impl AppState {
    pub fn new(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }
}
