//! The participation component interface. A project holds components (poll, ideas, ...);
//! each kind implements [`Component`] once and registers in [`Registry::standard`]. The
//! project pages, staff area, data download and account deletion only talk to this trait,
//! so adding a component never means editing another one.

pub mod ballot;
pub mod ideas;
pub mod poll;

use std::sync::Arc;

use async_trait::async_trait;
use axum::Router;

use crate::app::AppState;
use crate::db::{DbResult, Tx};
use crate::web::i18n::Lang;
use crate::web::{AppResult, Ctx};

/// One placed component, as stored in `components`.
#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
pub struct ComponentRef {
    pub id: i64,
    pub org_id: i64,
    pub project_id: i64,
    pub kind: String,
    pub title: String,
    pub position: i64,
}

/// A named figure for the staff dashboard and statistics.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stat {
    pub label: String,
    pub value: i64,
}

/// Something the site-wide search can find.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchEntry {
    pub title: String,
    pub url: String,
    pub text: String,
}

#[async_trait]
pub trait Component: Send + Sync {
    /// Stable identifier stored in `components.kind`, e.g. `"poll"`.
    fn kind(&self) -> &'static str;
    /// Human name in the given language, for staff screens.
    fn name(&self, lang: Lang) -> String;
    /// Public and staff routes. Paths are absolute (`/projecten/...`, `/beheer/...`).
    fn routes(&self) -> Router<AppState>;
    /// Creates the component's own rows right after `components` got its row.
    async fn create(&self, tx: &mut Tx, c: &ComponentRef) -> DbResult<()>;
    /// Where staff configure this component.
    fn staff_url(&self, c: &ComponentRef) -> String;
    /// True when residents can use it; a project only publishes with a ready component.
    async fn is_ready(&self, state: &AppState, c: &ComponentRef) -> AppResult<bool>;
    /// The HTML fragment shown on the project page (already escaped/sanitised).
    async fn render_public(
        &self,
        state: &AppState,
        ctx: &Ctx,
        c: &ComponentRef,
    ) -> AppResult<String>;
    /// Figures for the staff dashboard, over the whole municipality.
    async fn stats(&self, state: &AppState, org_id: i64) -> AppResult<Vec<Stat>>;
    /// CSV export of one component's results for staff.
    async fn export_csv(&self, state: &AppState, c: &ComponentRef) -> AppResult<Vec<u8>>;
    /// Everything this component holds about one person, for "download my data".
    async fn personal_data(
        &self,
        state: &AppState,
        org_id: i64,
        user_id: i64,
    ) -> AppResult<serde_json::Value>;
    /// Removes the link between a person and their contributions, keeping totals intact.
    async fn erase_person(&self, tx: &mut Tx, org_id: i64, user_id: i64) -> DbResult<()>;
    /// Entries for site search.
    async fn search_entries(&self, state: &AppState, org_id: i64) -> AppResult<Vec<SearchEntry>>;
}

pub struct Registry {
    components: Vec<Arc<dyn Component>>,
}

impl Registry {
    /// Every component kind this build ships.
    pub fn standard() -> Registry {
        Registry {
            components: vec![
                Arc::new(poll::Poll),
                Arc::new(ideas::Ideas),
                Arc::new(ballot::Ballot),
            ],
        }
    }

    pub fn get(&self, kind: &str) -> Option<&Arc<dyn Component>> {
        self.components.iter().find(|c| c.kind() == kind)
    }

    pub fn all(&self) -> &[Arc<dyn Component>] {
        &self.components
    }

    pub fn routes(&self) -> Router<AppState> {
        self.components
            .iter()
            .fold(Router::new(), |r, c| r.merge(c.routes()))
    }
}
