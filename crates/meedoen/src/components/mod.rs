//! Project components: the part of a module that lives inside a project (a poll, ideas, a
//! ballot). Each kind is a [`crate::module::Module`] whose `component()` returns itself; the
//! project pages and staff screens talk to this trait only, so adding a component never
//! means editing another one.

pub mod ballot;
pub mod ideas;
pub mod poll;

use async_trait::async_trait;

use crate::db::{DbResult, Tx};
use crate::state::AppState;
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

#[async_trait]
pub trait Component: Send + Sync {
    /// Stable identifier stored in `components.kind`: the module's key.
    fn kind(&self) -> &'static str;
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
    /// CSV export of one component's results for staff.
    async fn export_csv(&self, state: &AppState, c: &ComponentRef) -> AppResult<Vec<u8>>;
    /// Retention: unlinks people from the component's contributions in project `project`
    /// once the municipality's retention after the project's end has passed (the privacy
    /// job calls this once per project, in its transaction). Returns the rows changed.
    async fn anonymise_project(&self, _tx: &mut Tx, _org: i64, _project: i64) -> DbResult<u64> {
        Ok(0)
    }
}
