//! The request context: which municipality (by host name), who is logged in, which language.
//! `resolve_context` (middleware) builds it once per request; handlers take `Ctx` as an
//! extractor and call the policy helpers here instead of re-checking roles themselves.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::Response;

use super::error::AppError;
use super::i18n::{self, Lang};
use super::session;
use crate::db::{Db, DbResult};
use crate::module::{Grants, Perm, Registry, Scope};
use crate::state::AppState;

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow, serde::Serialize)]
pub struct Org {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub default_lang: String,
    pub email_from: String,
    pub primary_color: String,
    pub secondary_color: String,
    pub font: String,
    pub logo_upload_id: Option<i64>,
    pub privacy_md: String,
    pub accessibility_md: String,
    /// Keys of the modules this municipality switched off, comma-separated.
    pub modules_off: String,
    /// Goes up with every change of the theme (tokens, logo, favicon): `/thema.css?v=…`.
    pub theme_version: i64,
    pub favicon_upload_id: Option<i64>,
}

impl Org {
    /// Whether module `key` is switched on here.
    pub fn module_on(&self, key: &str) -> bool {
        self.modules_off.is_empty() || !self.modules_off.split(',').any(|k| k == key)
    }
}

pub const ORG_COLUMNS: &str =
    "o.id, o.name, o.slug, o.default_lang, o.email_from, o.primary_color, \
     o.secondary_color, o.font, o.logo_upload_id, o.privacy_md, o.accessibility_md, o.modules_off, o.theme_version, o.favicon_upload_id";

/// Host name → municipality (and its areas and themes), cached for a short while so a page
/// view costs no lookup. Staff changes call `clear`; other nodes pick changes up within the TTL.
#[derive(Default)]
pub struct OrgDirectory {
    by_host: RwLock<HashMap<String, (Arc<Org>, Instant)>>,
    taxonomy: RwLock<HashMap<i64, (Arc<Taxonomy>, Instant)>>,
}

/// A municipality's areas and themes. Every public list offers them as filters (two
/// statements per page view before), and they change only through staff screens, which call
/// [`OrgDirectory::clear`]. Each list keeps the order its page always had.
#[derive(Debug, Default)]
pub struct Taxonomy {
    /// `(id, name)` ordered by name.
    pub areas_by_name: Vec<(i64, String)>,
    /// `(slug, name, kind)`: each district, then its neighbourhoods.
    pub areas_grouped: Vec<(String, String, String)>,
    /// `(id, slug, name)` ordered by name.
    pub themes: Vec<(i64, String, String)>,
}

impl Taxonomy {
    pub fn theme_names(&self) -> Vec<(i64, String)> {
        self.themes
            .iter()
            .map(|(id, _, name)| (*id, name.clone()))
            .collect()
    }
}

const ORG_TTL: Duration = Duration::from_secs(30);

impl OrgDirectory {
    pub async fn find(&self, db: &Db, host: &str) -> DbResult<Option<Arc<Org>>> {
        if let Ok(map) = self.by_host.read() {
            if let Some((org, at)) = map.get(host) {
                if at.elapsed() < ORG_TTL {
                    return Ok(Some(org.clone()));
                }
            }
        }
        let org: Option<Org> = db
            .opt(
                "SELECT o.id, o.name, o.slug, o.default_lang, o.email_from, o.primary_color, \
                 o.secondary_color, o.font, o.logo_upload_id, o.privacy_md, o.accessibility_md, o.modules_off, o.theme_version, o.favicon_upload_id \
                 FROM org_hosts h JOIN orgs o ON o.id = h.org_id WHERE h.host = $1",
                crate::args![host],
            )
            .await?;
        Ok(org.map(|o| {
            let o = Arc::new(o);
            if let Ok(mut map) = self.by_host.write() {
                map.insert(host.to_string(), (o.clone(), Instant::now()));
            }
            o
        }))
    }

    /// The areas and themes of municipality `org`, cached like the municipality itself.
    pub async fn taxonomy(&self, db: &Db, org: i64) -> DbResult<Arc<Taxonomy>> {
        if let Ok(map) = self.taxonomy.read() {
            if let Some((t, at)) = map.get(&org) {
                if at.elapsed() < ORG_TTL {
                    return Ok(t.clone());
                }
            }
        }
        let t = Arc::new(Taxonomy {
            areas_by_name: db
                .all(
                    "SELECT id, name FROM areas WHERE org_id = $1 ORDER BY name, id",
                    crate::args![org],
                )
                .await?,
            areas_grouped: db
                .all(
                    "SELECT a.slug, a.name, a.kind FROM areas a LEFT JOIN areas d ON d.id = a.parent_id AND d.org_id = a.org_id \
                     WHERE a.org_id = $1 ORDER BY COALESCE(d.name, a.name), CASE WHEN a.kind = 'district' THEN 0 ELSE 1 END, a.name",
                    crate::args![org],
                )
                .await?,
            themes: db
                .all(
                    "SELECT id, slug, name FROM themes WHERE org_id = $1 ORDER BY name, id",
                    crate::args![org],
                )
                .await?,
        });
        if let Ok(mut map) = self.taxonomy.write() {
            map.insert(org, (t.clone(), Instant::now()));
        }
        Ok(t)
    }

    pub fn clear(&self) {
        if let Ok(mut map) = self.by_host.write() {
            map.clear();
        }
        if let Ok(mut map) = self.taxonomy.write() {
            map.clear();
        }
    }
}

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub verified: bool,
    /// What the person may do, and where (from their role assignments).
    pub grants: Grants,
    /// Whether they hold any role: staff must pass two-factor login.
    pub staff: bool,
    pub totp_enabled: bool,
    /// The session passed the TOTP step (only meaningful for staff).
    pub second_factor_ok: bool,
}

impl CurrentUser {
    pub fn can(&self, perm: Perm) -> bool {
        self.grants.has(perm)
    }
    pub fn is_staff(&self) -> bool {
        self.staff
    }
}

/// Everything a handler needs to know about who is asking, where.
#[derive(Clone)]
pub struct Ctx {
    pub org: Arc<Org>,
    /// The modules of this build (menus, switches).
    pub modules: Arc<Registry>,
    pub user: Option<CurrentUser>,
    /// Hash of the session token, when a session cookie was valid.
    pub session: Option<String>,
    pub lang: Lang,
    /// Path and query of this request, for "back to" links after login.
    pub path: String,
    /// Client address as seen by the server (for throttling).
    pub ip: String,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// Any logged-in account.
    pub fn require_user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::LoginRequired)
    }

    /// A member whose email is verified: the bar for taking part.
    pub fn require_member(&self) -> Result<&CurrentUser, AppError> {
        let u = self.require_user()?;
        if !u.verified {
            return Err(AppError::BadRequest(self.t("error-not-verified")));
        }
        Ok(u)
    }

    /// Staff holding `perm` (anywhere) who passed two-factor login.
    pub fn require(&self, perm: Perm) -> Result<&CurrentUser, AppError> {
        let u = self.require_user()?;
        if !u.grants.has(perm) {
            return Err(AppError::Forbidden);
        }
        if !u.second_factor_ok {
            return Err(AppError::SecondFactorRequired);
        }
        Ok(u)
    }

    /// Staff holding `perm` for the whole municipality or one of `scopes` (an object's area
    /// and its district, say), past two-factor login.
    pub fn require_in(&self, perm: Perm, scopes: &[Scope]) -> Result<&CurrentUser, AppError> {
        let u = self.require(perm)?;
        if !u.grants.has_in(perm, scopes) {
            return Err(AppError::Forbidden);
        }
        Ok(u)
    }

    /// Whether the person may act with `perm` right now (a softer `require`, for showing
    /// staff links and previews).
    pub fn may(&self, perm: Perm) -> bool {
        self.require(perm).is_ok()
    }

    /// Any staff role, two-factor passed.
    pub fn require_any_staff(&self) -> Result<&CurrentUser, AppError> {
        let u = self.require_user()?;
        if !u.is_staff() {
            return Err(AppError::Forbidden);
        }
        if !u.second_factor_ok {
            return Err(AppError::SecondFactorRequired);
        }
        Ok(u)
    }

    /// The shared page frame for templates.
    pub fn page(&self, title: impl Into<String>) -> super::layout::Page {
        super::layout::Page::new(self, title.into())
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or(AppError::UnknownHost)
    }
}

/// Host name without port, lower-cased.
pub fn host_of(headers: &HeaderMap) -> String {
    let raw = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let host = if raw.starts_with('[') {
        raw.split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        raw.split(':').next().unwrap_or("").to_string()
    };
    host.to_ascii_lowercase()
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Middleware: resolves municipality, session and language, and stores the `Ctx`.
/// Requests for an unknown host stop here with a 404.
pub async fn resolve_context(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    use axum::response::IntoResponse;
    let host = host_of(req.headers());
    let org = match state.orgs.find(&state.db, &host).await {
        Ok(Some(org)) => org,
        Ok(None) => return AppError::UnknownHost.into_response(),
        Err(e) => return AppError::from(e).into_response(),
    };
    let (user, session) = match session::load(&state, &org, req.headers()).await {
        Ok(found) => found,
        Err(e) => return AppError::from(e).into_response(),
    };
    let lang = cookie(req.headers(), "lang")
        .and_then(Lang::parse)
        .or_else(|| Lang::parse(&org.default_lang))
        .unwrap_or(Lang::Nl);
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let ip = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let ctx = Ctx {
        org,
        modules: state.modules.clone(),
        user,
        session,
        lang,
        path,
        ip,
    };
    req.extensions_mut().insert(ctx.clone());
    let mut res = next.run(req).await;
    // The error renderer sits outside this layer and reads the context from the response.
    res.extensions_mut().insert(ctx);
    res
}
