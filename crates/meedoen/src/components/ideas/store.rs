//! SQL for the ideas component. Every query filters by `org_id`.

use crate::args;
use crate::audit::{self, Entry};
use crate::db::workflow::{self, Step, StepError, Table};
use crate::db::{now, Backend, Db, DbError, DbResult, Tx};
use crate::email::{enqueue_tx, Mail};
use crate::web::i18n::{t_args, Lang};
use domain::workflow::State as _;
use domain::workflows::{IdeaActor, IdeaStatus, IDEA_STATUS};

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct Settings {
    pub component_id: i64,
    pub opens_on: String,
    pub closes_on: String,
    pub comments_open: bool,
    pub title_min: i64,
    pub title_max: i64,
    pub summary_min: i64,
    pub summary_max: i64,
    pub description_min: i64,
    pub description_max: i64,
    pub flag_threshold: i64,
    pub configured: bool,
}

impl Settings {
    /// Today lies inside the submission window (dates inclusive).
    pub fn window_open(&self) -> bool {
        window_open(self.configured, &self.opens_on, &self.closes_on)
    }
}

fn window_open(configured: bool, opens_on: &str, closes_on: &str) -> bool {
    configured && !opens_on.is_empty() && {
        let t = crate::projects::today();
        opens_on <= t.as_str() && t.as_str() <= closes_on
    }
}

pub async fn settings(db: &Db, org_id: i64, component_id: i64) -> DbResult<Option<Settings>> {
    db.opt(
        "SELECT component_id, opens_on, closes_on, comments_open, title_min, title_max, summary_min, summary_max, \
         description_min, description_max, flag_threshold, configured FROM idea_settings WHERE org_id = $1 AND component_id = $2",
        args![org_id, component_id],
    )
    .await
}

/// A component of kind ideas with its project.
#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct CompInfo {
    pub id: i64,
    pub title: String,
    pub project_id: i64,
    pub project_slug: String,
    pub project_title: String,
    pub project_status: String,
}

pub async fn component(db: &Db, org_id: i64, cid: i64) -> DbResult<Option<CompInfo>> {
    db.opt(
        "SELECT c.id, c.title, c.project_id, pr.slug AS project_slug, pr.title AS project_title, pr.status AS project_status \
         FROM components c JOIN projects pr ON pr.id = c.project_id AND pr.org_id = c.org_id \
         WHERE c.org_id = $1 AND c.id = $2 AND c.kind = 'ideas'",
        args![org_id, cid],
    )
    .await
}

/// What the idea list needs besides its cards, in one statement: the component with its
/// project, the submission window, and the number of ideas when nothing is filtered (from the
/// trigger-kept counters of migration 0014: even a plain count reads every idea of the
/// component, 0.33 ms at 1,000, so the list would slow down as ideas pile up).
#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct ListHead {
    pub title: String,
    pub project_slug: String,
    pub project_title: String,
    pub project_status: String,
    pub configured: bool,
    pub opens_on: String,
    pub closes_on: String,
    pub unfiltered_total: i64,
}

impl ListHead {
    pub fn window_open(&self) -> bool {
        window_open(self.configured, &self.opens_on, &self.closes_on)
    }
}

/// `None` when the component is not an ideas component of this municipality or has no
/// settings (both answered 404 when they were two statements).
pub async fn list_head(db: &Db, org_id: i64, cid: i64) -> DbResult<Option<ListHead>> {
    db.opt(
        "SELECT c.title, pr.slug AS project_slug, pr.title AS project_title, pr.status AS project_status, \
         s.configured, s.opens_on, s.closes_on, \
         (SELECT CAST(COALESCE(SUM(n.n), 0) AS BIGINT) FROM idea_status_counts n \
          WHERE n.component_id = c.id AND n.org_id = c.org_id AND n.status <> 'draft') AS unfiltered_total \
         FROM components c JOIN projects pr ON pr.id = c.project_id AND pr.org_id = c.org_id \
         JOIN idea_settings s ON s.component_id = c.id AND s.org_id = c.org_id \
         WHERE c.org_id = $1 AND c.id = $2 AND c.kind = 'ideas'",
        args![org_id, cid],
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct ListItem {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub status: String,
    pub like_count: i64,
    pub comment_count: i64,
    pub hidden: bool,
    pub cost: i64,
    pub area_name: Option<String>,
    /// The first image (position 1), shown as thumbnail.
    pub thumb_key: Option<String>,
    pub thumb_alt: Option<String>,
    pub thumb_width: Option<i64>,
    pub thumb_height: Option<i64>,
    /// Moved by triggers on every change a card shows besides its counts (migration 0021).
    pub list_rev: i64,
}

/// What a list card is rendered from, in brief: id, like count, comment count, revision.
/// Equal briefs, equal cards (see `render_cache.rs`).
pub type CardSig = (i64, i64, i64, i64);

impl ListItem {
    pub fn sig(&self) -> CardSig {
        (self.id, self.like_count, self.comment_count, self.list_rev)
    }

    pub fn thumb(&self) -> Option<String> {
        self.thumb_key.as_deref().map(crate::uploads::small_key)
    }

    /// The first image as the card shows it (decorative there: the title is the link).
    pub fn picture(&self) -> Option<crate::uploads::Picture> {
        crate::uploads::Picture::maybe(
            self.thumb_key.clone(),
            self.thumb_width,
            self.thumb_height,
            self.thumb_alt.clone(),
        )
    }
}

// The columns of a card and the joins they come from. The joins are LEFT JOINs on unique keys,
// so they never change the number of rows.
macro_rules! list_select {
    () => {
        "SELECT i.id, i.title, i.summary, i.status, i.like_count, i.comment_count, i.hidden, i.cost, a.name AS area_name, \
         tu.storage_key AS thumb_key, ti.alt AS thumb_alt, tu.width AS thumb_width, tu.height AS thumb_height, i.list_rev \
         FROM ideas i LEFT JOIN areas a ON a.id = i.area_id AND a.org_id = i.org_id \
         LEFT JOIN idea_images ti ON ti.idea_id = i.id AND ti.position = 1 AND ti.org_id = i.org_id \
         LEFT JOIN uploads tu ON tu.id = ti.upload_id AND tu.org_id = i.org_id"
    };
}

pub async fn newest(db: &Db, org_id: i64, cid: i64, n: i64) -> DbResult<Vec<ListItem>> {
    db.all(
        concat!(
            list_select!(),
            " WHERE i.org_id = $1 AND i.component_id = $2 AND i.status <> 'draft' ORDER BY i.created_at DESC, i.id DESC LIMIT $3"
        ),
        args![org_id, cid, n],
    )
    .await
}

// The filtered list query: $1 org, $2 component, $3 area (0 = any), $4 theme (0 = any),
// $5 status ('' = any), $6 search pattern ('' = none), $7 random seed, $8 limit, $9 offset.
// Hidden ideas are not searched in. `$7 >= 0` keeps the seed typed in every variant.
// The count needs only `ideas`, which keeps it an index scan.
macro_rules! list_where {
    ($like:literal) => {
        concat!(
            " WHERE i.org_id = $1 AND i.component_id = $2 AND i.status <> 'draft' AND $7 >= 0 \
             AND ($3 = 0 OR i.area_id = $3) \
             AND ($4 = 0 OR EXISTS (SELECT 1 FROM idea_themes t WHERE t.org_id = i.org_id AND t.idea_id = i.id AND t.theme_id = $4)) \
             AND ($5 = '' OR i.status = $5) \
             AND ($6 = '' OR (i.hidden = FALSE AND (i.title ",
            $like,
            " $6 ESCAPE '\\' OR i.summary ",
            $like,
            " $6 ESCAPE '\\' OR i.description ",
            $like,
            " $6 ESCAPE '\\')))"
        )
    };
}

macro_rules! list_page {
    ($like:literal, $order:expr) => {
        concat!(
            list_select!(),
            list_where!($like),
            " ORDER BY ",
            $order,
            " LIMIT $8 OFFSET $9"
        )
    };
}

// Without filters (most views of the list): $1 org, $2 component, $3 limit, $4 offset, and for
// the random order $5 seed. The filtered query's `($3 = 0 OR ...)` terms are not folded away
// (plans do not depend on values), so each row paid for them; this one tests three columns.
macro_rules! unfiltered_page {
    ($order:expr) => {
        unfiltered_page!(list_select!(), $order)
    };
    ($select:expr, $order:expr) => {
        concat!(
            $select,
            " WHERE i.org_id = $1 AND i.component_id = $2 AND i.status <> 'draft' ORDER BY ",
            $order,
            " LIMIT $3 OFFSET $4"
        )
    };
}

/// The sorts residents can pick.
pub const SORTS: [&str; 4] = ["nieuw", "likes", "reacties", "willekeurig"];

/// The sort asked for in the address as one of [`SORTS`] (the default, "nieuw", for anything
/// else), so it can be used as a `&'static str` from then on.
pub fn sort_key(sort: &str) -> &'static str {
    SORTS
        .iter()
        .find(|s| **s == sort)
        .copied()
        .unwrap_or(SORTS[0])
}

/// The `ORDER BY` of each sort, one definition for the filtered and the unfiltered pages. The
/// random order is a Lehmer step over the id with the seed in parameter `$seed`.
macro_rules! sort_order {
    (likes) => {
        "i.like_count DESC, i.id DESC"
    };
    (reacties) => {
        "i.comment_count DESC, i.id DESC"
    };
    (nieuw) => {
        "i.created_at DESC, i.id DESC"
    };
    (willekeurig $seed:literal) => {
        concat!(
            "(((i.id * ",
            $seed,
            ") % 2147483647) * 48271) % 2147483647, i.id"
        )
    };
}

/// The SQL of one filtered list page for a sort (public for the query-plan test).
pub fn page_sql(b: Backend, sort: &str) -> &'static str {
    match (b, sort) {
        (Backend::Sqlite, "likes") => list_page!("LIKE", sort_order!(likes)),
        (Backend::Sqlite, "reacties") => list_page!("LIKE", sort_order!(reacties)),
        (Backend::Sqlite, "willekeurig") => list_page!("LIKE", sort_order!(willekeurig "$7")),
        (Backend::Sqlite, _) => list_page!("LIKE", sort_order!(nieuw)),
        (Backend::Postgres, "likes") => list_page!("ILIKE", sort_order!(likes)),
        (Backend::Postgres, "reacties") => list_page!("ILIKE", sort_order!(reacties)),
        (Backend::Postgres, "willekeurig") => list_page!("ILIKE", sort_order!(willekeurig "$7")),
        (Backend::Postgres, _) => list_page!("ILIKE", sort_order!(nieuw)),
    }
}

/// The SQL of one unfiltered list page for a sort, the same on both backends (public for the
/// query-plan test).
pub fn unfiltered_page_sql(sort: &str) -> &'static str {
    match sort {
        "likes" => unfiltered_page!(sort_order!(likes)),
        "reacties" => unfiltered_page!(sort_order!(reacties)),
        "willekeurig" => unfiltered_page!(sort_order!(willekeurig "$5")),
        _ => unfiltered_page!(sort_order!(nieuw)),
    }
}

/// The same page read narrowly, as [`CardSig`]s: no joins, four numbers per card. Only the
/// fixed orders; a random order is rarely seen twice.
pub fn unfiltered_sig_sql(sort: &str) -> Option<&'static str> {
    macro_rules! sig {
        ($order:expr) => {
            unfiltered_page!(
                "SELECT i.id, i.like_count, i.comment_count, i.list_rev FROM ideas i",
                $order
            )
        };
    }
    match sort {
        "likes" => Some(sig!(sort_order!(likes))),
        "reacties" => Some(sig!(sort_order!(reacties))),
        "nieuw" => Some(sig!(sort_order!(nieuw))),
        _ => None,
    }
}

/// The cards an unfiltered page would show, in brief; `None` for orders that are not kept.
pub async fn unfiltered_page_sigs(
    db: &Db,
    org_id: i64,
    cid: i64,
    f: &ListFilter,
) -> DbResult<Option<Vec<CardSig>>> {
    let Some(sql) = unfiltered_sig_sql(f.sort) else {
        return Ok(None);
    };
    let offset = f.offset();
    let sigs = db
        .all(sql, args![org_id, cid, super::PER_PAGE, offset])
        .await?;
    Ok(Some(sigs))
}

fn count_sql(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => concat!("SELECT COUNT(*) FROM ideas i", list_where!("LIKE")),
        Backend::Postgres => concat!("SELECT COUNT(*) FROM ideas i", list_where!("ILIKE")),
    }
}

pub struct ListFilter {
    pub area: i64,
    pub theme: i64,
    pub status: String,
    pub search: String,
    /// One of [`SORTS`] (see [`sort_key`]).
    pub sort: &'static str,
    pub seed: i64,
    pub page: i64,
}

impl ListFilter {
    /// No area, theme, status or search: the view most visitors get.
    pub fn is_unfiltered(&self) -> bool {
        self.area == 0 && self.theme == 0 && self.status.is_empty() && self.search.trim().is_empty()
    }

    /// Rows before this page. Saturating: the page number comes from the address.
    fn offset(&self) -> i64 {
        (self.page.max(1) - 1).saturating_mul(super::PER_PAGE)
    }
}

pub use crate::web::forms::like_pattern;

/// One page of the list and the total matching. Without filters the total is the one
/// [`list_head`] read and this is one statement; with filters, two (count and page), whatever
/// the page size.
pub async fn list(
    db: &Db,
    org_id: i64,
    cid: i64,
    f: &ListFilter,
    unfiltered_total: i64,
) -> DbResult<(Vec<ListItem>, i64)> {
    let pattern = like_pattern(&f.search);
    let offset = f.offset();
    if f.is_unfiltered() {
        let sql = unfiltered_page_sql(f.sort);
        let rows = if f.sort == "willekeurig" {
            db.all(sql, args![org_id, cid, super::PER_PAGE, offset, f.seed])
                .await?
        } else {
            db.all(sql, args![org_id, cid, super::PER_PAGE, offset])
                .await?
        };
        return Ok((rows, unfiltered_total));
    }
    let total = db
        .scalar::<i64>(
            count_sql(db.backend()),
            args![org_id, cid, f.area, f.theme, &f.status, &pattern, f.seed],
        )
        .await?
        .unwrap_or(0);
    let rows = db
        .all(
            page_sql(db.backend(), f.sort),
            args![
                org_id,
                cid,
                f.area,
                f.theme,
                &f.status,
                &pattern,
                f.seed,
                super::PER_PAGE,
                offset
            ],
        )
        .await?;
    Ok((rows, total))
}

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct IdeaRow {
    pub id: i64,
    pub component_id: i64,
    pub user_id: Option<i64>,
    pub author_name: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub cost: i64,
    pub area_id: Option<i64>,
    pub area_name: Option<String>,
    pub status: String,
    pub answer: String,
    pub redirect_to: String,
    pub merged_into_id: Option<i64>,
    pub merged_into_title: Option<String>,
    pub like_count: i64,
    pub comment_count: i64,
    pub hidden: bool,
    pub created_at: i64,
    pub project_slug: String,
    pub project_title: String,
    pub project_status: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Bumped by triggers on every change to the idea's comments; `None` before the first.
    pub comments_version: Option<i64>,
}

pub async fn idea(db: &Db, org_id: i64, id: i64) -> DbResult<Option<IdeaRow>> {
    db.opt(
        "SELECT i.id, i.component_id, i.user_id, i.author_name, i.title, i.summary, i.description, i.cost, i.area_id, \
         a.name AS area_name, i.status, i.answer, i.redirect_to, i.merged_into_id, m.title AS merged_into_title, \
         i.like_count, i.comment_count, i.hidden, i.created_at, pr.slug AS project_slug, pr.title AS project_title, \
         pr.status AS project_status, i.lat, i.lon, \
         (SELECT v.version FROM idea_comment_versions v WHERE v.idea_id = i.id) AS comments_version \
         FROM ideas i JOIN components c ON c.id = i.component_id AND c.org_id = i.org_id \
         JOIN projects pr ON pr.id = c.project_id AND pr.org_id = i.org_id \
         LEFT JOIN areas a ON a.id = i.area_id AND a.org_id = i.org_id \
         LEFT JOIN ideas m ON m.id = i.merged_into_id AND m.org_id = i.org_id \
         WHERE i.org_id = $1 AND i.id = $2",
        args![org_id, id],
    )
    .await
}

pub async fn idea_theme_ids(db: &Db, org_id: i64, id: i64) -> DbResult<Vec<(i64, String)>> {
    db.all(
        "SELECT t.id, t.name FROM idea_themes it JOIN themes t ON t.id = it.theme_id AND t.org_id = it.org_id \
         WHERE it.org_id = $1 AND it.idea_id = $2 ORDER BY t.name",
        args![org_id, id],
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct CommentRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub depth: i64,
    pub user_id: Option<i64>,
    pub author_name: String,
    pub stance: String,
    pub body: String,
    pub like_count: i64,
    pub hidden: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

pub async fn comments(db: &Db, org_id: i64, idea_id: i64) -> DbResult<Vec<CommentRow>> {
    db.all(
        "SELECT id, parent_id, depth, user_id, author_name, stance, body, like_count, hidden, created_at, updated_at \
         FROM idea_comments WHERE org_id = $1 AND idea_id = $2 ORDER BY created_at, id",
        args![org_id, idea_id],
    )
    .await
}

/// Ids of the comments on `idea_id` that `user_id` liked: one query for the whole page.
pub async fn my_comment_likes(
    db: &Db,
    org_id: i64,
    idea_id: i64,
    user_id: i64,
) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .all(
            "SELECT l.comment_id FROM idea_comment_likes l JOIN idea_comments c ON c.id = l.comment_id AND c.org_id = l.org_id \
             WHERE l.org_id = $1 AND c.idea_id = $2 AND l.user_id = $3",
            args![org_id, idea_id, user_id],
        )
        .await?;
    Ok(rows.into_iter().map(|(i,)| i).collect())
}

/// Sets whether `user_id` likes idea `id`. Idempotent: many identical requests at once leave
/// one like (or none); the counter moves only when a row was really added or removed, in the
/// same transaction. Returns the new count, or None when the idea cannot be liked.
pub async fn set_like(
    db: &Db,
    org_id: i64,
    id: i64,
    user_id: i64,
    liked: bool,
) -> DbResult<Option<i64>> {
    let mut tx = db.begin().await?;
    if liked {
        let n = tx
            .run(
                "INSERT INTO idea_likes (org_id, idea_id, user_id, created_at) \
                 SELECT $1, i.id, $3, $4 FROM ideas i WHERE i.org_id = $1 AND i.id = $2 AND i.status <> 'draft' \
                 ON CONFLICT (idea_id, user_id) DO NOTHING",
                args![org_id, id, user_id, now()],
            )
            .await?;
        if n == 1 {
            tx.run(
                "UPDATE ideas SET like_count = like_count + 1 WHERE org_id = $1 AND id = $2",
                args![org_id, id],
            )
            .await?;
        }
    } else {
        let n = tx
            .run(
                "DELETE FROM idea_likes WHERE org_id = $1 AND idea_id = $2 AND user_id = $3",
                args![org_id, id, user_id],
            )
            .await?;
        if n == 1 {
            tx.run(
                "UPDATE ideas SET like_count = like_count - 1 WHERE org_id = $1 AND id = $2 AND like_count > 0",
                args![org_id, id],
            )
            .await?;
        }
    }
    let count = tx
        .scalar::<i64>(
            "SELECT like_count FROM ideas WHERE org_id = $1 AND id = $2 AND status <> 'draft'",
            args![org_id, id],
        )
        .await?;
    tx.commit().await?;
    Ok(count)
}

/// The same for a comment. Returns the idea the comment belongs to, or None.
pub async fn set_comment_like(
    db: &Db,
    org_id: i64,
    id: i64,
    user_id: i64,
    liked: bool,
) -> DbResult<Option<i64>> {
    let mut tx = db.begin().await?;
    if liked {
        let n = tx
            .run(
                "INSERT INTO idea_comment_likes (org_id, comment_id, user_id, created_at) \
                 SELECT $1, c.id, $3, $4 FROM idea_comments c WHERE c.org_id = $1 AND c.id = $2 \
                 ON CONFLICT (comment_id, user_id) DO NOTHING",
                args![org_id, id, user_id, now()],
            )
            .await?;
        if n == 1 {
            tx.run("UPDATE idea_comments SET like_count = like_count + 1 WHERE org_id = $1 AND id = $2", args![org_id, id])
                .await?;
        }
    } else {
        let n = tx
            .run(
                "DELETE FROM idea_comment_likes WHERE org_id = $1 AND comment_id = $2 AND user_id = $3",
                args![org_id, id, user_id],
            )
            .await?;
        if n == 1 {
            tx.run(
                "UPDATE idea_comments SET like_count = like_count - 1 WHERE org_id = $1 AND id = $2 AND like_count > 0",
                args![org_id, id],
            )
            .await?;
        }
    }
    let idea = tx
        .scalar::<i64>(
            "SELECT idea_id FROM idea_comments WHERE org_id = $1 AND id = $2",
            args![org_id, id],
        )
        .await?;
    tx.commit().await?;
    Ok(idea)
}

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct ExportRow {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub area_name: Option<String>,
    pub cost: i64,
    pub like_count: i64,
    pub comment_count: i64,
    pub created_at: i64,
}

pub async fn export_rows(db: &Db, org_id: i64, cid: i64) -> DbResult<Vec<ExportRow>> {
    db.all(
        "SELECT i.id, i.title, i.status, a.name AS area_name, i.cost, i.like_count, i.comment_count, i.created_at \
         FROM ideas i LEFT JOIN areas a ON a.id = i.area_id AND a.org_id = i.org_id \
         WHERE i.org_id = $1 AND i.component_id = $2 AND i.status <> 'draft' ORDER BY i.id",
        args![org_id, cid],
    )
    .await
}

/// A status change with an official answer, made by staff or by publishing ballot results.
pub struct StatusChange<'a> {
    pub org_id: i64,
    pub idea_id: i64,
    /// Who made the change (for the audit log); `None` for the system.
    pub actor_id: Option<i64>,
    pub status: &'a str,
    /// The official answer; `None` keeps the idea's current answer.
    pub answer: Option<&'a str>,
    /// Where a redirected idea went ("" unless the status is `redirected`).
    pub redirect_to: &'a str,
    /// The idea a merged idea joined.
    pub merged_into: Option<i64>,
    /// The language for authors who did not choose one.
    pub lang: Lang,
    /// The site's base URL, for the link in the mail.
    pub base_url: &'a str,
    /// The status the actor saw on their screen: the change is made only from that status.
    /// `None` takes the idea's status as it is now (the platform acting).
    pub seen: Option<&'a str>,
    /// Who acts, for the workflow's rules (`domain::workflows::IDEA_STATUS`).
    pub by: IdeaActor,
}

/// Why a status change was not made.
#[derive(Debug, thiserror::Error)]
pub enum StatusError {
    /// The idea's status changed since the actor saw it.
    #[error("the status changed meanwhile")]
    Changed,
    /// The workflow has no such step for this actor (a draft cannot be accepted).
    #[error("this status change is not allowed")]
    NotAllowed,
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Idea statuses move through `domain::workflows::IDEA_STATUS`.
const IDEA_TABLE: Table = Table {
    workflow: "idea_status",
    audit_action: "idea.status",
    update: "UPDATE ideas SET status = $1, updated_at = $2 WHERE org_id = $3 AND id = $4 AND status = $5",
};

/// Changes an idea's status inside `tx`: updates the idea, moves the authors of a merged idea
/// to the one it joined, writes the audit entry and queues the status mail to every author.
/// Returns the number of mails queued (the caller wakes the mailer after commit), or `None`
/// when the idea does not exist in this municipality.
pub async fn set_status_tx(tx: &mut Tx, c: StatusChange<'_>) -> Result<Option<usize>, StatusError> {
    let org = c.org_id;
    let id = c.idea_id;
    let Some((title, current, old_answer)) = tx
        .opt::<(String, String, String)>(
            "SELECT title, status, answer FROM ideas WHERE org_id = $1 AND id = $2",
            args![org, id],
        )
        .await?
    else {
        return Ok(None);
    };
    let from = c.seen.unwrap_or(&current);
    if from != current {
        return Err(StatusError::Changed);
    }
    let answer = c.answer.map(str::to_string).unwrap_or(old_answer);
    let t = now();
    if c.status == from {
        // The answer (or where it went) changes, the status does not: no workflow step, but
        // still only from the status the actor saw.
        let n = tx
            .run(
                "UPDATE ideas SET updated_at = $3 WHERE org_id = $1 AND id = $2 AND status = $4",
                args![org, id, t, from],
            )
            .await?;
        if n == 0 {
            return Err(StatusError::Changed);
        }
        audit::record_tx(
            tx,
            Entry {
                org_id: org,
                actor_id: c.actor_id,
                action: "idea.status",
                object_type: "idea",
                object_id: Some(id.to_string()),
                detail: format!("{from} -> {}", c.status),
            },
        )
        .await?;
    } else {
        let (Some(seen), Some(to)) = (IdeaStatus::parse(from), IdeaStatus::parse(c.status)) else {
            return Err(StatusError::NotAllowed);
        };
        let step = seen
            .action_to(to)
            .and_then(|action| IDEA_STATUS.check(seen, action, c.by).ok())
            .ok_or(StatusError::NotAllowed)?;
        let taken = workflow::apply(
            tx,
            &IDEA_TABLE,
            Step {
                org,
                object_id: id,
                from: seen,
                transition: step,
                actor_id: c.actor_id,
                note: "",
            },
        )
        .await;
        match taken {
            Ok(()) => {}
            Err(StepError::Lost) => return Err(StatusError::Changed),
            Err(StepError::Db(e)) => return Err(e.into()),
        }
    }
    tx.run(
        "UPDATE ideas SET answer = $3, redirect_to = $4, merged_into_id = $5, \
         submitted_at = COALESCE(submitted_at, $6) WHERE org_id = $1 AND id = $2",
        args![org, id, &answer, c.redirect_to, c.merged_into, t],
    )
    .await?;
    if let Some(target) = c.merged_into {
        // The authors of the merged idea become co-authors of the one it joined.
        tx.run(
            "INSERT INTO idea_authors (org_id, idea_id, user_id) SELECT org_id, $3, user_id FROM idea_authors \
             WHERE org_id = $1 AND idea_id = $2 ON CONFLICT (idea_id, user_id) DO NOTHING",
            args![org, id, target],
        )
        .await?;
    }
    let to: Vec<(String, Option<String>)> = tx
        .all(
            "SELECT u.email, u.lang FROM idea_authors a JOIN users u ON u.id = a.user_id AND u.org_id = a.org_id \
             WHERE a.org_id = $1 AND a.idea_id = $2 AND u.email IS NOT NULL AND u.deleted_at IS NULL ORDER BY u.id",
            args![org, id],
        )
        .await?;
    let link = format!("{}/ideeen/{id}", c.base_url.trim_end_matches('/'));
    for (email, lang) in &to {
        let lang = lang.as_deref().and_then(Lang::parse).unwrap_or(c.lang);
        let a = |extra: &[(&'static str, String)]| {
            let mut v = vec![
                ("title", title.clone()),
                ("status", super::status_label(lang, c.status)),
                ("link", link.clone()),
                (
                    "answer",
                    if answer.is_empty() {
                        "-".to_string()
                    } else {
                        answer.clone()
                    },
                ),
            ];
            v.extend_from_slice(extra);
            v
        };
        let mut body = t_args(lang, "ideas-mail-status-body", &a(&[]));
        if !c.redirect_to.is_empty() {
            body.push_str("\n\n");
            body.push_str(&t_args(
                lang,
                "ideas-mail-redirected",
                &a(&[("to", c.redirect_to.to_string())]),
            ));
        }
        enqueue_tx(
            tx,
            Mail {
                org_id: org,
                to: email,
                subject: t_args(lang, "ideas-mail-status-subject", &a(&[])),
                body,
            },
        )
        .await?;
    }
    Ok(Some(to.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_escape_wildcards() {
        assert_eq!(like_pattern("  "), "");
        assert_eq!(like_pattern("50%_a"), "%50\\%\\_a%");
    }

    #[test]
    fn every_sort_has_sql() {
        for b in [Backend::Sqlite, Backend::Postgres] {
            for s in SORTS {
                assert!(page_sql(b, s).contains("LIMIT $8 OFFSET $9"));
            }
            assert!(count_sql(b).contains("$7 >= 0"));
        }
        for s in SORTS {
            let sql = unfiltered_page_sql(s);
            assert!(sql.contains("LIMIT $3 OFFSET $4"), "{s}");
            assert_eq!(sql.contains("$5"), s == "willekeurig", "{s}");
        }
        assert!(page_sql(Backend::Postgres, "nieuw").contains("ILIKE"));
    }
}
