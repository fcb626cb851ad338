//! Makelpunt: a marketplace for social spaces. Organisations register as providers (staff
//! approve them), list spaces with layouts, facilities, activities, prices and weekly
//! availability with date exceptions; residents search (`search`), open a space and send an
//! enquiry that becomes a thread between both sides (`enquiries`).
//!
//! Only published spaces of approved providers are public. Provider screens check membership
//! of the provider (`space_provider_members`) and load spaces by provider and municipality,
//! so a member of one provider can never reach another provider's spaces.

mod bitset;
pub mod demo;
pub mod enquiries;
pub mod facts;
pub mod freshness;
pub mod manage;
pub mod photos;
pub mod providers;
pub mod search;
pub mod stats;

use async_trait::async_trait;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::args;
use crate::db::{now, Backend, Db, DbResult, Tx};
use crate::module::{DemoEnv, Job, Menu, Module, NavEntry, Perm, Person, Routes, SearchHit, Stat};
use crate::state::{AppState, ModuleState};
use crate::web::i18n::Lang;
use crate::web::{AppError, AppResult, Ctx};

/// Approve providers, unpublish spaces, keep the activity list, see the figures.
pub const MANAGE: Perm = Perm("spaces.manage");

/// The Makelpunt as a module.
pub struct Makelpunt;

#[async_trait]
impl Module for Makelpunt {
    fn key(&self) -> &'static str {
        "spaces"
    }

    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "nav-makelpunt")
    }

    fn init(&self, state: &mut ModuleState) {
        state.insert(facts::Cache::default());
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .get("/makelpunt", search::page)
            .get("/makelpunt/ruimtes/{id}", enquiries::show)
            .post("/makelpunt/ruimtes/{id}/aanvraag", enquiries::create)
            .get("/makelpunt/aanvragen/{id}", enquiries::thread)
            .get(
                "/makelpunt/aanvraag-bevestigen/{token}",
                enquiries::verify_page,
            )
            .post("/makelpunt/aanvraag-bevestigen/{token}", enquiries::verify)
            .get("/makelpunt/gast/{key}", enquiries::guest_thread)
            .post("/makelpunt/gast/{key}/bericht", enquiries::guest_reply)
            .post("/makelpunt/gast/{key}/status", enquiries::guest_transition)
            .post("/makelpunt/aanvragen/{id}/bericht", enquiries::reply)
            .post("/makelpunt/aanvragen/{id}/status", enquiries::transition)
            .get("/makelpunt/aanbieder-worden", providers::register_form)
            .post("/makelpunt/aanbieder-worden", providers::register)
            .get("/makelpunt/aanbieder", providers::mine)
            .get("/makelpunt/aanbieder/{pid}", providers::dashboard)
            .post("/makelpunt/aanbieder/{pid}/uitnodigen", providers::invite)
            .get("/makelpunt/ruimtes/{id}/agenda.ics", enquiries::ical)
            .get("/makelpunt/aanbieder/{pid}/ruimtes/nieuw", manage::new_form)
            .post("/makelpunt/aanbieder/{pid}/ruimtes/nieuw", manage::create)
            .get(
                "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bewerken",
                manage::edit_form,
            )
            .post(
                "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bewerken",
                manage::update,
            )
            .post(
                "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/uitzondering",
                manage::exception,
            )
            .get("/beheer/makelpunt", providers::staff_page)
            .post(
                "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/fotos",
                photos::add,
            )
            .post(
                "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/fotos/{photo}/verwijderen",
                photos::remove,
            )
            .get("/beheer/makelpunt/statistiek", stats::page)
            .get("/beheer/makelpunt/statistiek.csv", stats::csv)
            .post(
                "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bevestigen",
                manage::confirm,
            )
            .post(
                "/beheer/makelpunt/ruimtes/{sid}/depubliceren",
                providers::unpublish,
            )
            .post(
                "/beheer/makelpunt/aanbieders/{pid}/besluit",
                providers::decide,
            )
            .post("/beheer/makelpunt/activiteiten", providers::add_activity)
            .get(search::API, search::api)
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        Some(search::openapi())
    }

    fn nav(&self) -> &'static [NavEntry] {
        &[
            NavEntry {
                menu: Menu::Main,
                href: "/makelpunt",
                label: "nav-makelpunt",
                perm: None,
                weight: 30,
            },
            NavEntry {
                menu: Menu::Staff,
                href: "/beheer/makelpunt",
                label: "staff-makelpunt",
                perm: Some(MANAGE),
                weight: 30,
            },
        ]
    }

    fn grants(&self) -> &'static [(&'static str, Perm)] {
        &[("editor", MANAGE)]
    }

    async fn personal_data(
        &self,
        state: &AppState,
        org: i64,
        person: &Person,
    ) -> AppResult<Option<serde_json::Value>> {
        Ok(Some(
            personal_data(state, org, person.id, &person.email).await?,
        ))
    }

    async fn erase_person(&self, tx: &mut Tx, org: i64, person: &Person) -> DbResult<()> {
        erase_person(tx, org, person).await
    }

    fn rate_buckets(&self, org: i64, person: &Person) -> Vec<String> {
        vec![format!("space-enquiry:{org}:{}", person.id)]
    }

    fn jobs(&self) -> Vec<Job> {
        vec![Job {
            name: "makelpunt freshness reminders",
            every: std::time::Duration::from_secs(600),
            run: |state| {
                Box::pin(async move {
                    let max_age = state.config.spaces_max_age_days.max(1) * 24 * 3600;
                    let n =
                        freshness::sweep(&state.db, &state.config.base_url, now(), max_age).await?;
                    if n > 0 {
                        state.mail_wake.notify_one();
                    }
                    Ok(n as u64)
                })
            },
        }]
    }

    async fn demo(&self, tx: &mut Tx, env: &DemoEnv) -> anyhow::Result<()> {
        demo::load(tx, env.org).await?;
        Ok(())
    }

    async fn dashboard(&self, state: &AppState, org: i64, lang: Lang) -> AppResult<Vec<Stat>> {
        let (spaces, providers, open): (i64, i64, i64) = state
            .db
            .one(
                "SELECT (SELECT COUNT(*) FROM spaces WHERE org_id = $1 AND status = 'published'), \
                 (SELECT COUNT(*) FROM space_providers WHERE org_id = $1 AND status = 'pending'), \
                 (SELECT COUNT(*) FROM space_enquiries WHERE org_id = $1 AND state IN ('sent', 'answered'))",
                args![org],
            )
            .await?;
        Ok(vec![
            Stat {
                label: crate::web::i18n::t(lang, "space-dash-published"),
                value: spaces,
            },
            Stat {
                label: crate::web::i18n::t(lang, "space-dash-pending-providers"),
                value: providers,
            },
            Stat {
                label: crate::web::i18n::t(lang, "space-dash-open-enquiries"),
                value: open,
            },
        ])
    }

    async fn search(
        &self,
        state: &AppState,
        org: i64,
        lang: Lang,
        query: &str,
        limit: usize,
    ) -> AppResult<Vec<SearchHit>> {
        let facts = state
            .owned::<facts::Cache>()
            .current(&state.db, org)
            .await?;
        let mut hits = text_matches(&state.db, org, query).await?;
        hits.sort_by(|a, b| b.1.total_cmp(&a.1));
        let stale = freshness::stale_before(now());
        Ok(SearchHit::from_rows(
            "spaces",
            lang,
            "search-kind-space",
            hits.into_iter()
                .filter_map(|(id, _)| facts.public_card(id, stale))
                .take(limit)
                .map(|(id, name, snippet)| (name, format!("/makelpunt/ruimtes/{id}"), snippet)),
        ))
    }
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct ProviderOut {
    id: i64,
    name: String,
    kind: String,
    contact_email: String,
    contact_phone: String,
    status: String,
    member_since: Option<i64>,
    registered_by_me: bool,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct EnquiryOut {
    id: i64,
    space: String,
    activity: String,
    on_date: String,
    part: String,
    people: i64,
    state: String,
    created_at: i64,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct MessageOut {
    enquiry_id: i64,
    from_provider: bool,
    written_by_me: bool,
    body: String,
    created_at: i64,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
struct InviteOut {
    provider: String,
    email: String,
    invited_by_me: bool,
    created_at: i64,
    accepted_at: Option<i64>,
}

/// Providers the person belongs to or registered, their enquiries with every message in
/// them, and invitations to or from them.
async fn personal_data(
    state: &AppState,
    org_id: i64,
    user_id: i64,
    email: &str,
) -> AppResult<serde_json::Value> {
    let providers: Vec<ProviderOut> = state
        .db
        .all(
            "SELECT p.id, p.name, p.kind, p.contact_email, p.contact_phone, p.status, m.created_at AS member_since, \
             (p.created_by IS NOT NULL AND p.created_by = $2) AS registered_by_me \
             FROM space_providers p LEFT JOIN space_provider_members m \
               ON m.provider_id = p.id AND m.org_id = p.org_id AND m.user_id = $2 \
             WHERE p.org_id = $1 AND (m.user_id IS NOT NULL OR p.created_by = $2) ORDER BY p.id",
            args![org_id, user_id],
        )
        .await?;
    let enquiries: Vec<EnquiryOut> = state
        .db
        .all(
            "SELECT e.id, s.name AS space, e.activity, e.on_date, e.part, e.people, e.state, e.created_at \
             FROM space_enquiries e JOIN spaces s ON s.id = e.space_id AND s.org_id = e.org_id \
             WHERE e.org_id = $1 AND e.sender_id = $2 ORDER BY e.id",
            args![org_id, user_id],
        )
        .await?;
    let messages: Vec<MessageOut> = state
        .db
        .all(
            "SELECT m.enquiry_id, m.from_provider, (m.author_id IS NOT NULL AND m.author_id = $2) AS written_by_me, \
             m.body, m.created_at FROM space_enquiry_messages m \
             JOIN space_enquiries e ON e.id = m.enquiry_id AND e.org_id = m.org_id \
             WHERE m.org_id = $1 AND (e.sender_id = $2 OR m.author_id = $2) ORDER BY m.id",
            args![org_id, user_id],
        )
        .await?;
    let invites: Vec<InviteOut> = state
        .db
        .all(
            "SELECT p.name AS provider, i.email, (i.invited_by IS NOT NULL AND i.invited_by = $2) AS invited_by_me, \
             i.created_at, i.accepted_at FROM space_provider_invites i \
             JOIN space_providers p ON p.id = i.provider_id AND p.org_id = i.org_id \
             WHERE i.org_id = $1 AND (i.invited_by = $2 OR i.email = $3) ORDER BY i.id",
            args![org_id, user_id, email],
        )
        .await?;
    Ok(serde_json::json!({
        "providers": providers,
        "enquiries": enquiries,
        "messages": messages,
        "invites": invites,
    }))
}

/// Membership ends, open enquiries are withdrawn, messages and registrations lose their
/// author, invitations to the address go; agreed bookings stay, so a room's calendar stays
/// right.
async fn erase_person(tx: &mut Tx, org_id: i64, person: &Person) -> DbResult<()> {
    let uid = person.id;
    if !person.email.is_empty() {
        tx.run(
            "DELETE FROM space_provider_invites WHERE org_id = $1 AND email = $2",
            args![org_id, &person.email],
        )
        .await?;
        tx.run(
            "UPDATE space_providers SET contact_email = '' WHERE org_id = $1 AND contact_email = $2",
            args![org_id, &person.email],
        )
        .await?;
    }
    tx.run(
        "DELETE FROM space_provider_members WHERE org_id = $1 AND user_id = $2",
        args![org_id, uid],
    )
    .await?;
    tx.run(
        "UPDATE space_provider_invites SET invited_by = NULL WHERE org_id = $1 AND invited_by = $2",
        args![org_id, uid],
    )
    .await?;
    tx.run(
        "UPDATE space_providers SET created_by = NULL WHERE org_id = $1 AND created_by = $2",
        args![org_id, uid],
    )
    .await?;
    tx.run(
        "UPDATE space_enquiries SET state = 'withdrawn', updated_at = $3 \
         WHERE org_id = $1 AND sender_id = $2 AND state IN ('sent', 'answered')",
        args![org_id, uid, now()],
    )
    .await?;
    tx.run(
        "UPDATE space_enquiry_messages SET author_id = NULL WHERE org_id = $1 AND author_id = $2",
        args![org_id, uid],
    )
    .await?;
    Ok(())
}

pub const PROVIDER_KINDS: [&str; 6] = [
    "sportclub",
    "buurthuis",
    "speeltuinvereniging",
    "school",
    "kerk",
    "anders",
];
pub const FACILITIES: [&str; 6] = ["kitchen", "av", "storage", "outdoor", "parking", "wifi"];
pub const ACCESSIBILITY: [&str; 4] = ["step_free", "accessible_toilet", "hearing_loop", "lift"];
pub const PARTS: [&str; 3] = ["morning", "afternoon", "evening"];
pub const LAYOUTS: [&str; 3] = ["seated", "standing", "tables"];
pub const PRICE_TYPES: [&str; 4] = ["free", "cost", "request", "amount"];
pub const DEFAULT_ACTIVITIES: [&str; 7] = [
    "Kookles",
    "Breiclub",
    "Yoga",
    "Sport en bewegen",
    "Jongerenactiviteit",
    "Vergadering",
    "Feest",
];

/// Form or query fields as name/value pairs, so repeated names (checkboxes) keep every value.
#[derive(Default, Clone, Debug)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    pub fn get(&self, k: &str) -> String {
        self.0
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }
    pub fn raw(&self, k: &str) -> String {
        self.0
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
    pub fn has(&self, k: &str) -> bool {
        self.0.iter().any(|(n, v)| n == k && !v.trim().is_empty())
    }
    pub fn all(&self, k: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }
}

pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

pub fn with_status(status: StatusCode, res: AppResult<Response>) -> AppResult<Response> {
    res.map(|mut r| {
        *r.status_mut() = status;
        r
    })
}

/// A calendar date `YYYY-MM-DD`, and its weekday (0 = Monday).
pub fn parse_date(s: &str) -> Option<(time::Date, i64)> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(s.trim(), &fmt).ok()?;
    Some((d, i64::from(d.weekday().number_days_from_monday())))
}

/// Is `user` a member of provider `pid` in this municipality?
pub async fn is_member(db: &Db, org: i64, pid: i64, user: i64) -> DbResult<bool> {
    Ok(db
        .scalar::<i64>(
            "SELECT m.user_id FROM space_provider_members m JOIN space_providers p ON p.id = m.provider_id \
             WHERE p.org_id = $1 AND m.provider_id = $2 AND m.user_id = $3",
            args![org, pid, user],
        )
        .await?
        .is_some())
}

/// The logged-in member must belong to provider `pid`: 403 otherwise, 404 when it does not
/// exist in this municipality.
pub async fn require_provider_member(ctx: &Ctx, db: &Db, pid: i64) -> AppResult<i64> {
    let u = ctx.require_member()?;
    let exists = db
        .scalar::<i64>(
            "SELECT id FROM space_providers WHERE id = $1 AND org_id = $2",
            args![pid, ctx.org.id],
        )
        .await?;
    if exists.is_none() {
        return Err(AppError::NotFound);
    }
    if !is_member(db, ctx.org.id, pid, u.id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(u.id)
}

/// Email addresses of a provider's members.
pub async fn member_emails(db: &Db, org: i64, pid: i64) -> DbResult<Vec<String>> {
    db.all::<(String,)>(
        "SELECT u.email FROM space_provider_members m JOIN users u ON u.id = m.user_id \
         WHERE m.org_id = $1 AND m.provider_id = $2 ORDER BY u.id",
        args![org, pid],
    )
    .await
    .map(|v| v.into_iter().map(|(e,)| e).collect())
}

/// Makes sure the municipality has an activity list to choose from.
pub async fn seed_activities(db: &Db, org: i64) -> DbResult<()> {
    let n: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM space_activities WHERE org_id = $1",
            args![org],
        )
        .await?
        .unwrap_or(0);
    if n == 0 {
        for a in DEFAULT_ACTIVITIES {
            db.exec(
                "INSERT INTO space_activities (org_id, name) VALUES ($1, $2) ON CONFLICT (org_id, name) DO NOTHING",
                args![org, a],
            )
            .await?;
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, Clone)]
pub struct NamedId {
    pub id: i64,
    pub name: String,
}

pub async fn activities(db: &Db, org: i64) -> DbResult<Vec<NamedId>> {
    seed_activities(db, org).await?;
    db.all(
        "SELECT id, name FROM space_activities WHERE org_id = $1 ORDER BY name",
        args![org],
    )
    .await
}

/// Neighbourhoods (with their district) to pick for a space.
pub async fn neighbourhoods(db: &Db, org: i64) -> DbResult<Vec<NamedId>> {
    db.all(
        "SELECT a.id, CASE WHEN d.name IS NULL THEN a.name ELSE d.name || ' – ' || a.name END AS name \
         FROM areas a LEFT JOIN areas d ON d.id = a.parent_id AND d.org_id = a.org_id \
         WHERE a.org_id = $1 AND a.kind = 'neighbourhood' ORDER BY COALESCE(d.name, ''), a.name",
        args![org],
    )
    .await
}

// ---------------------------------------------------------------------------------------
// Full-text search: the two backends differ here and only here.

/// SQLite: FTS5 table `spaces_fts`, rowid = space id, synced in the writer's transaction.
pub const FTS_DELETE_SQLITE: &str = "DELETE FROM spaces_fts WHERE rowid = $1";
pub const FTS_INSERT_SQLITE: &str =
    "INSERT INTO spaces_fts (rowid, name, description, activities) VALUES ($1, $2, $3, $4)";
/// SQLite: ids and relevance (higher is better) of this municipality's spaces matching `$1`.
/// `CROSS JOIN` keeps the full-text table in the outer loop: with a plain JOIN the planner
/// walks the municipality's spaces and runs the full-text query once per space (about 200 ms
/// with 2,000 spaces instead of 2 ms).
pub const TEXT_SEARCH_SQLITE: &str =
    "SELECT s.id, CAST(-bm25(spaces_fts) AS REAL) AS rank FROM spaces_fts \
     CROSS JOIN spaces s ON s.id = spaces_fts.rowid WHERE spaces_fts MATCH $1 AND s.org_id = $2";
/// PostgreSQL: the generated `search_tsv` column with Dutch stemming.
pub const TEXT_SEARCH_POSTGRES: &str = "SELECT id, CAST(ts_rank(search_tsv, plainto_tsquery('dutch', $1)) AS DOUBLE PRECISION) AS rank \
     FROM spaces WHERE org_id = $2 AND search_tsv @@ plainto_tsquery('dutch', $1)";

/// Keeps the SQLite FTS table in step with a space (no-op on PostgreSQL, whose column is
/// generated).
pub async fn sync_fts(
    tx: &mut Tx,
    id: i64,
    name: &str,
    description: &str,
    activities: &str,
) -> DbResult<()> {
    if tx.backend() == Backend::Sqlite {
        tx.run(FTS_DELETE_SQLITE, args![id]).await?;
        tx.run(FTS_INSERT_SQLITE, args![id, name, description, activities])
            .await?;
    }
    Ok(())
}

/// An FTS5 query from free text: every word quoted (so no operator syntax gets through),
/// as a prefix, all words required.
pub fn fts5_query(q: &str) -> String {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Ids and relevance of the spaces matching `q` in municipality `org`.
pub async fn text_matches(db: &Db, org: i64, q: &str) -> DbResult<Vec<(i64, f64)>> {
    match db.backend() {
        Backend::Sqlite => {
            let m = fts5_query(q);
            if m.is_empty() {
                return Ok(Vec::new());
            }
            db.all(TEXT_SEARCH_SQLITE, args![m, org]).await
        }
        Backend::Postgres => db.all(TEXT_SEARCH_POSTGRES, args![q, org]).await,
    }
}

/// How a space's price reads: "Gratis", "Op aanvraag", "€ 12,50 per dagdeel" and so on.
/// The message keys are spelled out, so a search page of twenty cards formats no keys.
pub fn price_label(lang: crate::web::i18n::Lang, price_type: &str, cents: Option<i64>) -> String {
    use crate::web::i18n::{t, t_args};
    match (price_type, cents) {
        ("amount", Some(c)) => t_args(
            lang,
            "space-price-amount-value",
            &[(
                "amount",
                crate::web::i18n::money(lang, domain::Money::from_cents(c)),
            )],
        ),
        ("free", _) => t(lang, "space-price-free"),
        ("cost", _) => t(lang, "space-price-cost"),
        ("request", _) => t(lang, "space-price-request"),
        _ => t(lang, "space-price-amount"),
    }
}

/// Translates `prefix` + `value` (a stored code such as a state), for templates.
pub fn tk(page: &crate::web::Page, prefix: &str, value: &str) -> String {
    page.t(&format!("{prefix}{value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_is_quoted() {
        assert_eq!(
            fts5_query("kook \"les\" OR x"),
            "\"kook\"* \"les\"* \"OR\"* \"x\"*"
        );
        assert_eq!(parse_date("2027-03-14").map(|d| d.1), Some(6));
    }
}
