//! One shape for every module. A module (the Makelpunt, ideas, a ballot, the platform's own
//! staff screens…) implements [`Module`] once and is listed in `app.rs`; everything that spans
//! modules (the router, the menus, the data download and account deletion, housekeeping,
//! demo data, the staff dashboard, site search, retention, the route list the authorization
//! test walks) asks the [`Registry`] instead of naming modules.
//!
//! Project components (poll, ideas, ballot) are modules that also implement
//! [`crate::components::Component`], the part that lives inside a project.

pub mod access;
pub mod routes;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::Router;

pub use access::{Assignment, Grants, Perm, RoleDef, Scope, ScopeKind, ADMIN};
pub use routes::{RouteInfo, Routes};

use crate::components::Component;
use crate::db::{Db, DbResult, Tx};
use crate::state::{AppState, ModuleState};
use crate::web::i18n::Lang;
use crate::web::{AppError, AppResult, Ctx};

/// A named figure for the staff dashboard.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stat {
    pub label: String,
    pub value: i64,
}

/// One result of the site-wide search.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    /// Key of the module that found it.
    pub module: &'static str,
    /// What it is, in the reader's language ("Idee", "Ruimte"…).
    pub kind: String,
    pub title: String,
    pub url: String,
    /// A short plain-text excerpt.
    pub snippet: String,
}

impl SearchHit {
    /// The hits of one module from `(title, url, snippet)` rows; `kind` is the interface text
    /// key of what they are ("search-kind-idea").
    pub fn from_rows(
        module: &'static str,
        lang: Lang,
        kind: &str,
        rows: impl IntoIterator<Item = (String, String, String)>,
    ) -> Vec<SearchHit> {
        let kind = crate::web::i18n::t(lang, kind);
        rows.into_iter()
            .map(|(title, url, snippet)| SearchHit {
                module,
                kind: kind.clone(),
                title,
                url,
                snippet,
            })
            .collect()
    }
}

/// The person a data download or an account deletion is about.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    /// Empty when the account has none.
    pub email: String,
    pub display_name: String,
}

/// Where a menu entry goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    /// The site header, for everyone.
    Main,
    /// The staff menu under `/beheer`; shown to staff holding `perm` (any staff when `None`).
    Staff,
}

#[derive(Debug, Clone, Copy)]
pub struct NavEntry {
    pub menu: Menu,
    pub href: &'static str,
    /// Interface text key.
    pub label: &'static str,
    pub perm: Option<Perm>,
    /// Entries are shown by ascending weight, then in registry order: content modules use
    /// 10–89, the platform's own screens 0 (dashboard) and 90–99 (administration).
    pub weight: u8,
}

/// A housekeeping job: `run` every `every`, on every node (jobs must be safe to run twice at
/// once: a conditional UPDATE, a unique key or an `ON CONFLICT` decides who wins).
pub struct Job {
    pub name: &'static str,
    pub every: Duration,
    pub run: JobFn,
}

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// Returns how many things it changed (for the log).
pub type JobFn = for<'a> fn(&'a AppState) -> BoxFuture<'a, anyhow::Result<u64>>;

/// What demo modules get to fill a municipality with.
pub struct DemoEnv {
    pub org: i64,
    /// The demo's staff account (admin).
    pub staff: i64,
    /// Today in Europe/Amsterdam.
    pub today: time::Date,
    /// Unix seconds when the demo was loaded.
    pub now: i64,
    /// The site's public address, for links in demo mail.
    pub base_url: String,
}

#[async_trait]
pub trait Module: Send + Sync + 'static {
    /// Stable identifier: the module switch in `orgs.modules_off`, the route list, the data
    /// download's section. For a project component it is also `components.kind`.
    fn key(&self) -> &'static str;

    /// Human name, for the switches in the settings and the dashboard.
    fn name(&self, lang: Lang) -> String;

    /// Whether a municipality may switch it off (`/beheer/instellingen`). A switched-off
    /// module answers 404 on all its routes and leaves the menus.
    fn switchable(&self) -> bool {
        true
    }

    /// Registers the state this module owns (caches) for [`AppState::owned`].
    fn init(&self, _state: &mut ModuleState) {}

    /// Public, staff and API routes, with absolute paths.
    fn routes(&self) -> Routes {
        Routes::new()
    }

    /// The paths and schemas of its `/api/v1` routes, merged into `/api/v1/openapi.json`
    /// ([`Registry::openapi`]).
    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        None
    }

    /// For a project component: the `/api/v1` path of a component's public results, with
    /// `{id}` for the component id. The project's API answer links it.
    fn results_api(&self) -> Option<&'static str> {
        None
    }

    /// Menu entries.
    fn nav(&self) -> &'static [NavEntry] {
        &[]
    }

    /// Roles this module brings (besides `admin`, `editor` and `moderator`).
    fn roles(&self) -> &'static [RoleDef] {
        &[]
    }

    /// Which roles hold which of this module's permissions. `admin` holds all of them.
    fn grants(&self) -> &'static [(&'static str, Perm)] {
        &[]
    }

    /// The project component this module provides, if it is one.
    fn component(&self) -> Option<&dyn Component> {
        None
    }

    /// Everything this module holds about one person, for "download my data"; `None` when
    /// it holds nothing of anyone.
    async fn personal_data(
        &self,
        _state: &AppState,
        _org: i64,
        _person: &Person,
    ) -> AppResult<Option<serde_json::Value>> {
        Ok(None)
    }

    /// Removes the link between a person and their contributions when they delete their
    /// account, in the deletion's transaction; totals (votes, counts) stay right.
    async fn erase_person(&self, _tx: &mut Tx, _org: i64, _person: &Person) -> DbResult<()> {
        Ok(())
    }

    /// Rate-limit buckets that name this person (`ratelimit::stored_bucket`): shown in the
    /// data download and forgotten on deletion.
    fn rate_buckets(&self, _org: i64, _person: &Person) -> Vec<String> {
        Vec::new()
    }

    /// Prefixes of rate-limit buckets keyed by a client address, deleted after the
    /// municipality's retention for addresses.
    fn ip_buckets(&self) -> &'static [&'static str] {
        &[]
    }

    /// Retention that does not follow a project's end (which components handle in
    /// `Component::anonymise_project`): called by the privacy job with the time to apply.
    async fn retention(&self, _db: &Db, _at: i64) -> anyhow::Result<u64> {
        Ok(0)
    }

    /// Housekeeping jobs.
    fn jobs(&self) -> Vec<Job> {
        Vec::new()
    }

    /// Fills the demo municipality, in registry order.
    async fn demo(&self, _tx: &mut Tx, _env: &DemoEnv) -> anyhow::Result<()> {
        Ok(())
    }

    /// Figures for the staff dashboard of municipality `org` (any staff sees them).
    async fn dashboard(&self, _state: &AppState, _org: i64, _lang: Lang) -> AppResult<Vec<Stat>> {
        Ok(Vec::new())
    }

    /// Public things of municipality `org` matching `query` (trimmed, lower case, at least
    /// two characters), at most `limit`, best first.
    async fn search(
        &self,
        _state: &AppState,
        _org: i64,
        _lang: Lang,
        _query: &str,
        _limit: usize,
    ) -> AppResult<Vec<SearchHit>> {
        Ok(Vec::new())
    }
}

/// The modules of this build.
pub struct Registry {
    modules: Vec<Arc<dyn Module>>,
    /// Role → permission, from every module's `grants`.
    grants: Vec<(&'static str, Perm)>,
    roles: Vec<&'static RoleDef>,
}

/// The roles every build has.
pub static CORE_ROLES: [RoleDef; 3] = [
    RoleDef {
        key: ADMIN,
        label: "beheer-role-admin",
        scope: ScopeKind::None,
    },
    RoleDef {
        key: "editor",
        label: "beheer-role-editor",
        scope: ScopeKind::None,
    },
    RoleDef {
        key: "moderator",
        label: "beheer-role-moderator",
        scope: ScopeKind::None,
    },
];

impl Registry {
    /// Panics on two modules with one key or two roles with one key: a wiring mistake that
    /// the first test catches.
    pub fn new(modules: Vec<Arc<dyn Module>>) -> Registry {
        let mut keys = std::collections::BTreeSet::new();
        for m in &modules {
            assert!(keys.insert(m.key()), "two modules named {}", m.key());
        }
        let mut roles: Vec<&'static RoleDef> = CORE_ROLES.iter().collect();
        for m in &modules {
            for r in m.roles() {
                assert!(
                    roles.iter().all(|x| x.key != r.key),
                    "two roles named {}",
                    r.key
                );
                roles.push(r);
            }
        }
        let grants: Vec<(&'static str, Perm)> = modules
            .iter()
            .flat_map(|m| m.grants().iter().copied())
            .collect();
        for (role, perm) in &grants {
            assert!(
                roles.iter().any(|r| r.key == *role),
                "{perm:?} granted to unknown role {role}"
            );
        }
        Registry {
            modules,
            grants,
            roles,
        }
    }

    pub fn all(&self) -> &[Arc<dyn Module>] {
        &self.modules
    }

    pub fn get(&self, key: &str) -> Option<&Arc<dyn Module>> {
        self.modules.iter().find(|m| m.key() == key)
    }

    /// Every project component kind.
    pub fn components(&self) -> impl Iterator<Item = &dyn Component> {
        self.modules.iter().filter_map(|m| m.component())
    }

    /// The component of `kind`.
    pub fn component(&self, kind: &str) -> Option<&dyn Component> {
        self.get(kind).and_then(|m| m.component())
    }

    /// The modules switched on for `org` (by its `modules_off` list).
    pub fn enabled<'a>(
        &'a self,
        org: &'a crate::web::ctx::Org,
    ) -> impl Iterator<Item = &'a Arc<dyn Module>> + 'a {
        self.modules.iter().filter(move |m| org.module_on(m.key()))
    }

    pub fn roles(&self) -> &[&'static RoleDef] {
        &self.roles
    }

    pub fn role(&self, key: &str) -> Option<&'static RoleDef> {
        self.roles.iter().find(|r| r.key == key).copied()
    }

    /// Role → permission pairs for [`Grants::resolve`].
    pub fn grant_table(&self) -> &[(&'static str, Perm)] {
        &self.grants
    }

    /// Every route of every module, with the module that serves it.
    pub fn route_list(&self) -> Vec<RouteInfo> {
        let mut out: Vec<RouteInfo> = self
            .modules
            .iter()
            .flat_map(|m| {
                let key = m.key();
                m.routes()
                    .into_parts()
                    .1
                    .into_iter()
                    .map(move |(method, path)| RouteInfo {
                        method,
                        path,
                        module: key,
                    })
            })
            .collect();
        out.sort();
        out
    }

    /// One router for all modules. A switchable module's routes answer 404 for a
    /// municipality that switched it off.
    pub fn router(&self) -> Router<AppState> {
        let mut router = Router::new();
        for m in &self.modules {
            let (r, _) = m.routes().into_parts();
            let r = if m.switchable() {
                let key = m.key();
                r.route_layer(axum::middleware::from_fn(
                    move |req: Request, next: Next| async move {
                        let on = req
                            .extensions()
                            .get::<Ctx>()
                            .is_none_or(|c| c.org.module_on(key));
                        if on {
                            next.run(req).await
                        } else {
                            AppError::NotFound.into_response()
                        }
                    },
                ))
            } else {
                r
            };
            router = router.merge(r);
        }
        router
    }

    /// The menu entries of `menu` that `ctx` may see, as (href, label).
    pub fn menu(&self, ctx: &Ctx, menu: Menu) -> Vec<(&'static str, String)> {
        let grants = ctx.user.as_ref().map(|u| &u.grants);
        let mut out = Vec::new();
        for m in self.enabled(&ctx.org) {
            for e in m.nav() {
                if e.menu != menu {
                    continue;
                }
                let allowed = match (menu, e.perm) {
                    (Menu::Main, None) => true,
                    (_, Some(p)) => grants.is_some_and(|g| g.has(p)),
                    (Menu::Staff, None) => ctx.user.as_ref().is_some_and(|u| u.is_staff()),
                };
                if allowed {
                    out.push((e.weight, e.href, e.label));
                }
            }
        }
        // A stable sort keeps registry order within one weight.
        out.sort_by_key(|(w, _, _)| *w);
        out.into_iter()
            .map(|(_, href, label)| (href, ctx.t(label)))
            .collect()
    }

    /// One OpenAPI document with `info` and every module's part. Panics when two modules
    /// describe one path, or give one schema name two meanings: a wiring mistake the API
    /// tests catch.
    pub fn openapi(&self, info: utoipa::openapi::Info) -> utoipa::openapi::OpenApi {
        let mut doc = utoipa::openapi::OpenApi::new(info, utoipa::openapi::Paths::new());
        for m in &self.modules {
            let Some(part) = m.openapi() else { continue };
            for path in part.paths.paths.keys() {
                assert!(
                    !doc.paths.paths.contains_key(path),
                    "{path} is described twice (again by {})",
                    m.key()
                );
            }
            if let (Some(have), Some(new)) = (&doc.components, &part.components) {
                for (name, schema) in &new.schemas {
                    assert!(
                        have.schemas.get(name).is_none_or(|s| s == schema),
                        "schema {name} has two meanings (again in {})",
                        m.key()
                    );
                }
            }
            doc.merge(part);
        }
        doc
    }

    /// The jobs of every module.
    pub fn jobs(&self) -> Vec<Job> {
        self.modules.iter().flat_map(|m| m.jobs()).collect()
    }

    /// Site search over the modules switched on for `ctx.org`, at most `limit` per module.
    pub async fn search(
        &self,
        state: &AppState,
        ctx: &Ctx,
        query: &str,
        limit: usize,
    ) -> AppResult<Vec<SearchHit>> {
        let mut out = Vec::new();
        for m in self.enabled(&ctx.org) {
            out.extend(m.search(state, ctx.org.id, ctx.lang, query, limit).await?);
        }
        Ok(out)
    }
}
