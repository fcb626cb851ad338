//! The staff area under `/beheer`: dashboard, areas, users and roles, outbox, audit log,
//! municipality settings. Projects have their own staff screens in `projects`.
//!
//! Every handler starts with a policy call on `Ctx` (`require_staff` / `require_any_staff`),
//! every query filters on the municipality of the request, and every change writes an audit
//! entry in the same transaction as the change.

mod areas;
mod auditlog;
mod dashboard;
mod departments;
mod outbox;
mod settings;
pub mod theme;
mod users;

use async_trait::async_trait;

use crate::module::{Job, Menu, Module, NavEntry, Perm, Routes};
use crate::web::i18n::Lang;
use crate::web::AppError;

/// Districts and neighbourhoods.
pub const AREAS: Perm = Perm("platform.areas");
/// Accounts, roles and departments.
pub const USERS: Perm = Perm("platform.users");
/// The outbox.
pub const OUTBOX: Perm = Perm("platform.outbox");
/// The audit log.
pub const AUDIT: Perm = Perm("platform.audit");
/// The municipality's settings, modules, theme and retention.
pub const SETTINGS: Perm = Perm("platform.settings");

/// The staff area's own screens. Only `admin` holds these permissions.
pub struct Platform;

#[async_trait]
impl Module for Platform {
    fn key(&self) -> &'static str {
        "platform"
    }

    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "staff-dashboard")
    }

    fn switchable(&self) -> bool {
        false
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .get("/beheer", dashboard::show)
            .get("/beheer/gebieden", areas::list)
            .get("/beheer/gebieden/nieuw", areas::new_form)
            .post("/beheer/gebieden/nieuw", areas::create)
            .get("/beheer/gebieden/{id}", areas::edit_form)
            .post("/beheer/gebieden/{id}", areas::update)
            .get("/beheer/gebieden/{id}/verwijderen", areas::confirm_delete)
            .post("/beheer/gebieden/{id}/verwijderen", areas::delete)
            .get("/beheer/gebruikers", users::list)
            .get("/beheer/gebruikers/{id}", users::show)
            .post("/beheer/gebruikers/{id}/rollen", users::change_role)
            .get("/beheer/afdelingen", departments::list)
            .post("/beheer/afdelingen", departments::create)
            .get(
                "/beheer/afdelingen/{id}/verwijderen",
                departments::confirm_delete,
            )
            .post("/beheer/afdelingen/{id}/verwijderen", departments::delete)
            .get("/beheer/outbox", outbox::list)
            .get("/beheer/outbox/{id}", outbox::show)
            .post("/beheer/outbox/{id}/opnieuw", outbox::retry)
            .get("/beheer/auditlog", auditlog::list)
            .get("/beheer/auditlog.csv", auditlog::csv_export)
            .get("/beheer/instellingen", settings::edit)
            .post("/beheer/instellingen", settings::save)
            .post("/beheer/instellingen/onderdelen", settings::save_modules)
            .get("/beheer/instellingen/thema", theme::show)
            .post("/beheer/instellingen/thema", theme::submit)
            .get(
                "/beheer/instellingen/thema/voorbeeld/{file}",
                theme::preview_css,
            )
            .post("/beheer/instellingen/thema/afbeeldingen", theme::pictures)
            .get("/beheer/instellingen/thema/standaard", theme::confirm_reset)
            .post("/beheer/instellingen/thema/standaard", theme::do_reset)
            .get("/logo", crate::web::assets::logo)
            .get("/favicon-32.png", crate::web::assets::favicon)
            .get("/apple-touch-icon.png", crate::web::assets::touch_icon)
    }

    fn nav(&self) -> &'static [NavEntry] {
        const fn staff(
            weight: u8,
            href: &'static str,
            label: &'static str,
            perm: Option<Perm>,
        ) -> NavEntry {
            NavEntry {
                menu: Menu::Staff,
                href,
                label,
                perm,
                weight,
            }
        }
        const NAV: [NavEntry; 8] = [
            staff(0, "/beheer", "staff-dashboard", None),
            staff(90, "/beheer/gebieden", "staff-areas", Some(AREAS)),
            staff(91, "/beheer/gebruikers", "staff-users", Some(USERS)),
            staff(92, "/beheer/afdelingen", "staff-departments", Some(USERS)),
            staff(93, "/beheer/outbox", "staff-outbox", Some(OUTBOX)),
            staff(94, "/beheer/auditlog", "staff-audit", Some(AUDIT)),
            staff(95, "/beheer/instellingen", "staff-settings", Some(SETTINGS)),
            staff(
                96,
                "/beheer/instellingen/thema",
                "staff-theme",
                Some(SETTINGS),
            ),
        ];
        &NAV
    }

    fn jobs(&self) -> Vec<Job> {
        vec![Job {
            name: "retention",
            every: std::time::Duration::from_secs(600),
            run: |state| Box::pin(crate::privacy::apply_retention(state)),
        }]
    }
}

/// Rows per page in staff lists.
pub(crate) const PAGE_SIZE: i64 = 50;

/// A path id; anything that is not a number is simply "not found".
pub(crate) fn path_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>().map_err(|_| AppError::NotFound)
}

/// The 1-based page number from a query value; nonsense means page 1.
pub(crate) fn page_number(raw: &str) -> i64 {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|p| *p >= 1 && *p <= 100_000)
        .unwrap_or(1)
}

/// Previous/next links for a list that fetched `PAGE_SIZE + 1` rows.
pub(crate) struct Pager {
    pub page: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `base` is the path; `params` the other query parameters to keep.
    pub fn new(base: &str, params: &[(&str, &str)], page: i64, has_more: bool) -> Pager {
        let link = |p: i64| {
            let n = p.to_string();
            let mut pairs: Vec<(&str, &str)> = params.to_vec();
            if p > 1 {
                pairs.push(("pagina", &n));
            }
            query_url(base, &pairs)
        };
        Pager {
            page,
            prev: (page > 1).then(|| link(page - 1)),
            next: has_more.then(|| link(page + 1)),
        }
    }
    pub fn offset(page: i64) -> i64 {
        (page - 1) * PAGE_SIZE
    }
}

/// `base?k=v&...` with the non-empty parameters, form-encoded.
pub(crate) fn query_url(base: &str, params: &[(&str, &str)]) -> String {
    let pairs: Vec<&(&str, &str)> = params.iter().filter(|(_, v)| !v.is_empty()).collect();
    match serde_urlencoded::to_string(&pairs) {
        Ok(q) if !q.is_empty() => format!("{base}?{q}"),
        _ => base.to_string(),
    }
}

pub(crate) use crate::web::forms::{slugify, valid_slug};

/// Offset of Dutch time from UTC at `ts` (CET or CEST).
pub(crate) fn dutch_offset(ts: i64) -> i64 {
    domain::calendar::utc_offset_seconds(ts)
}

/// `29-11-2026 14:05` in Dutch time.
pub(crate) fn fmt_time(ts: i64) -> String {
    let f = time::macros::format_description!("[day]-[month]-[year] [hour]:[minute]");
    domain::calendar::local_from_utc(ts)
        .and_then(|t| t.format(f).ok())
        .unwrap_or_default()
}

/// ISO 8601 with offset, for CSV exports.
pub(crate) fn iso_time(ts: i64) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let base = domain::calendar::local_from_utc(ts)
        .and_then(|t| t.format(f).ok())
        .unwrap_or_default();
    format!("{base}+{:02}:00", dutch_offset(ts) / 3600)
}

/// Unix time of the start of a `YYYY-MM-DD` day in Dutch time.
pub(crate) fn day_start(s: &str) -> Option<i64> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(s.trim(), f).ok()?;
    Some(domain::calendar::start_of_local_day(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_time() {
        // 2026-11-29 12:00 UTC is 13:00 in winter time.
        assert_eq!(fmt_time(1_795_953_600), "29-11-2026 13:00");
        // 2026-07-01 12:00 UTC is 14:00 in summer time.
        assert_eq!(fmt_time(1_782_907_200), "01-07-2026 14:00");
        // Midnight in winter time is 23:00 UTC the day before.
        assert_eq!(day_start("2026-11-29"), Some(1_795_910_400 - 3600));
    }
}
