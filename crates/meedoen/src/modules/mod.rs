//! The module index: every module of this build, in the order menus, the dashboard, the data
//! download and the demo visit them. Modules built in the module shape live in a folder here
//! (`src/modules/<name>/`, with their templates in `<name>/templates/`); the older ones live
//! at the top of the crate. Adding a module means a `pub mod` line and an entry in [`all`]
//! (see "Add a module" in docs/ARCHITECTURE.md).

use std::sync::Arc;

use crate::module::Module;

/// Every module, in order.
pub fn all() -> Vec<Arc<dyn Module>> {
    vec![
        Arc::new(crate::pages::Site),
        Arc::new(crate::accounts::Accounts),
        Arc::new(crate::staff::Platform),
        Arc::new(crate::projects::Projects),
        Arc::new(crate::components::poll::Poll),
        Arc::new(crate::components::ideas::Ideas),
        Arc::new(crate::components::ballot::Ballot),
        Arc::new(crate::spaces::Makelpunt),
        Arc::new(crate::api::Api),
    ]
}
