//! The poll component (to be completed): a question with 2 to 10 choices.

use async_trait::async_trait;
use axum::Router;

use super::{Component, ComponentRef, SearchEntry, Stat};
use crate::app::AppState;
use crate::db::{DbResult, Tx};
use crate::web::i18n::Lang;
use crate::web::{AppResult, Ctx};

pub struct Poll;

#[async_trait]
impl Component for Poll {
    fn kind(&self) -> &'static str {
        "poll"
    }
    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "poll-name")
    }
    fn routes(&self) -> Router<AppState> {
        Router::new()
    }
    async fn create(&self, _tx: &mut Tx, _c: &ComponentRef) -> DbResult<()> {
        Ok(())
    }
    fn staff_url(&self, c: &ComponentRef) -> String {
        format!("/beheer/peilingen/{}", c.id)
    }
    async fn is_ready(&self, _state: &AppState, _c: &ComponentRef) -> AppResult<bool> {
        Ok(false)
    }
    async fn render_public(&self, _state: &AppState, _ctx: &Ctx, _c: &ComponentRef) -> AppResult<String> {
        Ok(String::new())
    }
    async fn stats(&self, _state: &AppState, _org_id: i64) -> AppResult<Vec<Stat>> {
        Ok(vec![])
    }
    async fn export_csv(&self, _state: &AppState, _c: &ComponentRef) -> AppResult<Vec<u8>> {
        Ok(vec![])
    }
    async fn personal_data(&self, _state: &AppState, _org_id: i64, _user_id: i64) -> AppResult<serde_json::Value> {
        Ok(serde_json::Value::Null)
    }
    async fn erase_person(&self, _tx: &mut Tx, _org_id: i64, _user_id: i64) -> DbResult<()> {
        Ok(())
    }
    async fn search_entries(&self, _state: &AppState, _org_id: i64) -> AppResult<Vec<SearchEntry>> {
        Ok(vec![])
    }
}
