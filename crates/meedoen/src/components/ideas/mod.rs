//! The ideas component: residents submit ideas in a submission window, like them, comment on
//! them in threads of three levels and flag what does not belong. Staff set the window and
//! limits, give each idea a status with an official answer, and moderators decide on flagged
//! content.
//!
//! Integrity sits in the database: one like per member per idea (`UNIQUE (idea_id, user_id)`),
//! one flag per member per item, comment depth `CHECK (depth <= 2)`, and the counters
//! (`like_count`, `comment_count`, `flag_count`) change in the same transaction as the rows
//! they count, guarded by `CHECK (... >= 0)`. Showing a count is one column read.

mod api;
pub mod follow;
pub mod media;
pub mod public;
pub mod render_cache;
pub mod staff;
pub mod store;

use askama::Template;
use async_trait::async_trait;

use super::{Component, ComponentRef};
use crate::args;
use crate::db::{DbResult, Tx};
use crate::module::{Menu, Module, NavEntry, Perm, Person, Routes, SearchHit, Stat};
use crate::state::{AppState, ModuleState};
use crate::web::csv::Csv;
use crate::web::i18n::Lang;
use crate::web::{AppError, AppResult, Ctx, Page};

pub struct Ideas;

/// Set up idea components, give ideas a status and an answer, post progress.
pub const MANAGE: Perm = Perm("ideas.manage");
/// Decide on flagged ideas and comments.
pub const MODERATE: Perm = Perm("ideas.moderate");

/// Statuses in their usual order. `draft` is only visible to the author and staff.
pub const STATUSES: [&str; 8] = [
    "draft",
    "submitted",
    "accepted",
    "merged",
    "redirected",
    "rejected",
    "selected",
    "realised",
];

/// Statuses staff can give.
pub const STAFF_STATUSES: [&str; 7] = [
    "submitted",
    "accepted",
    "merged",
    "redirected",
    "rejected",
    "selected",
    "realised",
];

/// Ideas per list page.
pub const PER_PAGE: i64 = 20;

/// Seconds an author may edit their comment.
pub const COMMENT_EDIT_SECONDS: i64 = 15 * 60;

pub fn status_label(lang: Lang, status: &str) -> String {
    // Known statuses skip building the key: a list page asks once per idea.
    let key = match status {
        "draft" => "ideas-status-draft",
        "submitted" => "ideas-status-submitted",
        "accepted" => "ideas-status-accepted",
        "merged" => "ideas-status-merged",
        "redirected" => "ideas-status-redirected",
        "rejected" => "ideas-status-rejected",
        "selected" => "ideas-status-selected",
        "realised" => "ideas-status-realised",
        other => return crate::web::i18n::t(lang, &format!("ideas-status-{other}")),
    };
    crate::web::i18n::t(lang, key)
}

/// `(status, label)` for each of `STAFF_STATUSES`, in that order: the list page offers them as
/// a filter and labels its cards with them. Labels are compiled-in texts, so each language's
/// list is made once per process instead of once per page view.
pub fn status_options(lang: Lang) -> &'static [(&'static str, String)] {
    static OPTIONS: [std::sync::OnceLock<Vec<(&'static str, String)>>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    OPTIONS[lang as usize].get_or_init(|| {
        STAFF_STATUSES
            .iter()
            .map(|s| (*s, status_label(lang, s)))
            .collect()
    })
}

fn tpl_err(e: askama::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("template: {e}"))
}

#[derive(Template)]
#[template(path = "ideas/public.html")]
struct PublicFragment {
    page: Page,
    cid: i64,
    ideas: Vec<store::ListItem>,
    total: i64,
    window_open: bool,
    opens_on: String,
    closes_on: String,
    can_submit: bool,
    login_url: String,
}

impl PublicFragment {
    fn status(&self, s: &str) -> String {
        status_label(self.page.lang, s)
    }
}

#[async_trait]
impl Module for Ideas {
    fn key(&self) -> &'static str {
        "ideas"
    }

    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "ideas-name")
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .get("/onderdelen/{cid}/ideeen", public::list)
            .get("/onderdelen/{cid}/ideeen/nieuw", public::new_form)
            .post("/onderdelen/{cid}/ideeen/nieuw", public::create)
            .get("/ideeen/{id}", public::show)
            .get("/ideeen/{id}/bewerken", public::edit_form)
            .post("/ideeen/{id}/bewerken", public::update)
            .post("/ideeen/{id}/like", public::like)
            .post("/ideeen/{id}/reacties", public::comment)
            .post("/ideeen/{id}/melden", public::flag_idea)
            .post("/ideeen/{id}/volgen", follow::toggle)
            .get("/beheer/idee/{id}/voortgang", follow::progress_page)
            .post("/beheer/idee/{id}/voortgang", follow::progress_save)
            .get("/reacties/{id}/bewerken", public::comment_edit_form)
            .post("/reacties/{id}/bewerken", public::comment_update)
            .post("/reacties/{id}/like", public::comment_like)
            .post("/reacties/{id}/melden", public::flag_comment)
            .get("/beheer/ideeen/{cid}", staff::settings_page)
            .post("/beheer/ideeen/{cid}", staff::settings_save)
            .get("/beheer/ideeen/{cid}/export.csv", staff::export)
            .get("/beheer/idee/{id}", staff::status_page)
            .post("/beheer/idee/{id}", staff::status_save)
            .get("/beheer/moderatie", staff::moderation)
            .post("/beheer/moderatie/{kind}/{id}", staff::moderate)
            .get(api::LIST, api::list)
            .get(api::DETAIL, api::detail)
            .get(api::COMMENTS, api::comments)
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        Some(api::openapi())
    }

    fn init(&self, state: &mut ModuleState) {
        state.insert(render_cache::CommentCache::default());
        state.insert(render_cache::ListCache::default());
    }

    fn grants(&self) -> &'static [(&'static str, Perm)] {
        &[("editor", MANAGE), ("moderator", MODERATE)]
    }

    fn nav(&self) -> &'static [NavEntry] {
        &[NavEntry {
            menu: Menu::Staff,
            href: "/beheer/moderatie",
            label: "staff-moderation",
            perm: Some(MODERATE),
            weight: 40,
        }]
    }

    fn component(&self) -> Option<&dyn Component> {
        Some(self)
    }

    async fn search(
        &self,
        state: &AppState,
        org: i64,
        lang: Lang,
        query: &str,
        limit: usize,
    ) -> AppResult<Vec<SearchHit>> {
        let pattern = crate::web::forms::like_pattern(query);
        let rows: Vec<(i64, String, String)> = state
            .db
            .all(
                "SELECT i.id, i.title, i.summary FROM ideas i \
                 JOIN components c ON c.id = i.component_id AND c.org_id = i.org_id \
                 JOIN projects pr ON pr.id = c.project_id AND pr.org_id = i.org_id \
                 WHERE i.org_id = $1 AND i.status <> 'draft' AND i.hidden = FALSE AND pr.status IN ('published', 'closed') \
                 AND (LOWER(i.title) LIKE $2 ESCAPE '\\' OR LOWER(i.summary) LIKE $2 ESCAPE '\\') \
                 ORDER BY i.like_count DESC, i.id DESC LIMIT $3",
                args![org, &pattern, limit as i64],
            )
            .await?;
        Ok(SearchHit::from_rows(
            "ideas",
            lang,
            "search-kind-idea",
            rows.into_iter()
                .map(|(id, title, summary)| (title, format!("/ideeen/{id}"), summary)),
        ))
    }

    async fn dashboard(&self, state: &AppState, org_id: i64, _lang: Lang) -> AppResult<Vec<Stat>> {
        let (ideas, likes, comments): (i64, i64, i64) = state
            .db
            .one(
                "SELECT COUNT(*), CAST(COALESCE(SUM(like_count), 0) AS BIGINT), CAST(COALESCE(SUM(comment_count), 0) AS BIGINT) \
                 FROM ideas WHERE org_id = $1 AND status <> 'draft'",
                args![org_id],
            )
            .await?;
        Ok(vec![
            Stat {
                label: "Ideeën".into(),
                value: ideas,
            },
            Stat {
                label: "Likes op ideeën".into(),
                value: likes,
            },
            Stat {
                label: "Reacties op ideeën".into(),
                value: comments,
            },
        ])
    }

    async fn personal_data(
        &self,
        state: &AppState,
        org_id: i64,
        person: &Person,
    ) -> AppResult<Option<serde_json::Value>> {
        let user_id = person.id;
        let ideas: Vec<(i64, String, String, String, i64)> = state
            .db
            .all(
                "SELECT id, title, summary, status, created_at FROM ideas WHERE org_id = $1 AND user_id = $2 ORDER BY id",
                args![org_id, user_id],
            )
            .await?;
        let comments: Vec<(i64, i64, String, String, i64)> = state
            .db
            .all(
                "SELECT id, idea_id, stance, body, created_at FROM idea_comments WHERE org_id = $1 AND user_id = $2 ORDER BY id",
                args![org_id, user_id],
            )
            .await?;
        let likes: Vec<(i64, String, i64)> = state
            .db
            .all(
                "SELECT l.idea_id, i.title, l.created_at FROM idea_likes l JOIN ideas i ON i.id = l.idea_id AND i.org_id = l.org_id \
                 WHERE l.org_id = $1 AND l.user_id = $2 ORDER BY l.id",
                args![org_id, user_id],
            )
            .await?;
        let comment_likes: Vec<(i64, i64)> = state
            .db
            .all(
                "SELECT comment_id, created_at FROM idea_comment_likes WHERE org_id = $1 AND user_id = $2 ORDER BY id",
                args![org_id, user_id],
            )
            .await?;
        let flags: Vec<(String, i64, String, i64)> = state
            .db
            .all(
                "SELECT target_type, target_id, reason, created_at FROM idea_flags WHERE org_id = $1 AND user_id = $2 ORDER BY id",
                args![org_id, user_id],
            )
            .await?;
        let follows: Vec<(i64, String, i64)> = state
            .db
            .all(
                "SELECT f.idea_id, i.title, f.created_at FROM idea_follows f JOIN ideas i ON i.id = f.idea_id AND i.org_id = f.org_id \
                 WHERE f.org_id = $1 AND f.user_id = $2 ORDER BY f.id",
                args![org_id, user_id],
            )
            .await?;
        let images: Vec<(i64, i64, String, String)> = state
            .db
            .all(
                "SELECT x.idea_id, x.position, x.alt, u.storage_key FROM idea_images x \
                 JOIN ideas i ON i.id = x.idea_id AND i.org_id = x.org_id JOIN uploads u ON u.id = x.upload_id AND u.org_id = x.org_id \
                 WHERE x.org_id = $1 AND i.user_id = $2 ORDER BY x.idea_id, x.position",
                args![org_id, user_id],
            )
            .await?;
        let points: Vec<(i64, Option<f64>, Option<f64>)> = state
            .db
            .all(
                "SELECT id, lat, lon FROM ideas WHERE org_id = $1 AND user_id = $2 AND lat IS NOT NULL ORDER BY id",
                args![org_id, user_id],
            )
            .await?;
        Ok(Some(serde_json::json!({
            "follows": follows.into_iter().map(|(idea, title, at)| serde_json::json!({
                "idea_id": idea, "idea": title, "created_at": at })).collect::<Vec<_>>(),
            "idea_images": images.into_iter().map(|(idea, pos, alt, key)| serde_json::json!({
                "idea_id": idea, "position": pos, "alt": alt, "url": format!("/bestanden/{key}") })).collect::<Vec<_>>(),
            "idea_points": points.into_iter().map(|(idea, lat, lon)| serde_json::json!({
                "idea_id": idea, "lat": lat, "lon": lon })).collect::<Vec<_>>(),
            "ideas": ideas.into_iter().map(|(id, title, summary, status, at)| serde_json::json!({
                "id": id, "title": title, "summary": summary, "status": status, "created_at": at })).collect::<Vec<_>>(),
            "comments": comments.into_iter().map(|(id, idea, stance, body, at)| serde_json::json!({
                "id": id, "idea_id": idea, "stance": stance, "text": body, "created_at": at })).collect::<Vec<_>>(),
            "likes": likes.into_iter().map(|(idea, title, at)| serde_json::json!({
                "idea_id": idea, "idea": title, "created_at": at })).collect::<Vec<_>>(),
            "comment_likes": comment_likes.into_iter().map(|(c, at)| serde_json::json!({
                "comment_id": c, "created_at": at })).collect::<Vec<_>>(),
            "flags": flags.into_iter().map(|(t, id, reason, at)| serde_json::json!({
                "type": t, "id": id, "reason": reason, "created_at": at })).collect::<Vec<_>>(),
        })))
    }

    async fn erase_person(&self, tx: &mut Tx, org_id: i64, person: &Person) -> DbResult<()> {
        let user_id = person.id;
        // Contributions and every like stay, so counts stay right; the link to the person goes.
        tx.run(
            "UPDATE ideas SET user_id = NULL, author_name = '' WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        tx.run(
            "UPDATE idea_comments SET user_id = NULL, author_name = '' WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        tx.run(
            "UPDATE idea_likes SET user_id = NULL WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        tx.run(
            "UPDATE idea_comment_likes SET user_id = NULL WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        tx.run(
            "UPDATE idea_flags SET user_id = NULL WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        // Following is personal, not a contribution: it goes entirely.
        tx.run(
            "DELETE FROM idea_follows WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        tx.run(
            "DELETE FROM idea_authors WHERE org_id = $1 AND user_id = $2",
            args![org_id, user_id],
        )
        .await?;
        Ok(())
    }
}

#[async_trait]
impl Component for Ideas {
    fn kind(&self) -> &'static str {
        "ideas"
    }

    async fn create(&self, tx: &mut Tx, c: &ComponentRef) -> DbResult<()> {
        tx.run(
            "INSERT INTO idea_settings (component_id, org_id) VALUES ($1, $2)",
            args![c.id, c.org_id],
        )
        .await?;
        Ok(())
    }

    fn staff_url(&self, c: &ComponentRef) -> String {
        format!("/beheer/ideeen/{}", c.id)
    }

    async fn is_ready(&self, state: &AppState, c: &ComponentRef) -> AppResult<bool> {
        Ok(store::settings(&state.db, c.org_id, c.id)
            .await?
            .is_some_and(|s| s.configured))
    }

    async fn render_public(
        &self,
        state: &AppState,
        ctx: &Ctx,
        c: &ComponentRef,
    ) -> AppResult<String> {
        let Some(s) = store::settings(&state.db, ctx.org.id, c.id).await? else {
            return Ok(String::new());
        };
        let ideas = store::newest(&state.db, ctx.org.id, c.id, 5).await?;
        let total = state
            .db
            .scalar::<i64>(
                "SELECT COUNT(*) FROM ideas WHERE org_id = $1 AND component_id = $2 AND status <> 'draft'",
                args![ctx.org.id, c.id],
            )
            .await?
            .unwrap_or(0);
        let back = format!("/onderdelen/{}/ideeen/nieuw", c.id);
        let tpl = PublicFragment {
            page: ctx.page(String::new()),
            cid: c.id,
            ideas,
            total,
            window_open: s.window_open(),
            opens_on: crate::projects::human_iso(ctx.lang, &s.opens_on),
            closes_on: crate::projects::human_iso(ctx.lang, &s.closes_on),
            can_submit: ctx.user.as_ref().is_some_and(|u| u.verified),
            login_url: format!(
                "/inloggen?terug={}",
                percent_encoding::utf8_percent_encode(&back, percent_encoding::NON_ALPHANUMERIC)
            ),
        };
        tpl.render().map_err(tpl_err)
    }

    async fn export_csv(&self, state: &AppState, c: &ComponentRef) -> AppResult<Vec<u8>> {
        let rows = store::export_rows(&state.db, c.org_id, c.id).await?;
        let mut csv = Csv::new(&[
            "id",
            "title",
            "status",
            "area",
            "cost",
            "likes",
            "comments",
            "created_at",
        ])?;
        for r in &rows {
            csv.row(&[
                &r.id,
                &r.title,
                &r.status,
                &r.area_name,
                &r.cost,
                &r.like_count,
                &r.comment_count,
                &r.created_at,
            ])?;
        }
        csv.into_bytes()
    }
}
