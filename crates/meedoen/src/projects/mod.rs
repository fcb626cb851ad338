//! Project sites: the public home page and project pages, and their staff screens under
//! `/beheer/projecten`. A project holds participation components (see `crate::components`);
//! it can only be published with at least one component that is ready for residents.

pub mod public;
pub mod schedule;
pub mod staff;

use async_trait::async_trait;

use crate::args;
use crate::components::ComponentRef;
use crate::db::{Db, DbResult, Tx};
use crate::module::{DemoEnv, Job, Menu, Module, NavEntry, Perm, Routes, SearchHit};
use crate::state::AppState;
use crate::web::i18n::Lang;
use crate::web::AppResult;

/// Create, edit and publish projects, their phases, news and components; keep the themes.
pub const MANAGE: Perm = Perm("projects.manage");

/// Project sites: the core of the platform, always on.
pub struct Projects;

#[async_trait]
impl Module for Projects {
    fn key(&self) -> &'static str {
        "projects"
    }

    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "staff-projects")
    }

    fn switchable(&self) -> bool {
        false
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .get("/", public::home)
            .get("/projecten/{slug}", public::show)
            .merge(staff::routes())
    }

    fn nav(&self) -> &'static [NavEntry] {
        &[
            NavEntry {
                menu: Menu::Staff,
                href: "/beheer/projecten",
                label: "staff-projects",
                perm: Some(MANAGE),
                weight: 10,
            },
            NavEntry {
                menu: Menu::Staff,
                href: "/beheer/themas",
                label: "beheer-nav-themes",
                perm: Some(MANAGE),
                weight: 11,
            },
        ]
    }

    fn grants(&self) -> &'static [(&'static str, Perm)] {
        &[("editor", MANAGE)]
    }

    fn jobs(&self) -> Vec<Job> {
        vec![Job {
            name: "project phases by date",
            every: std::time::Duration::from_secs(600),
            run: |state| Box::pin(async move { Ok(schedule::advance_due(state).await? as u64) }),
        }]
    }

    async fn demo(&self, tx: &mut Tx, env: &DemoEnv) -> anyhow::Result<()> {
        crate::cli::demo::projects(tx, env).await
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
        let rows: Vec<(String, String, String)> = state
            .db
            .all(
                "SELECT slug, title, summary FROM projects WHERE org_id = $1 AND status IN ('published', 'closed') \
                 AND (LOWER(title) LIKE $2 ESCAPE '\\' OR LOWER(summary) LIKE $2 ESCAPE '\\') \
                 ORDER BY CASE WHEN status = 'published' THEN 0 ELSE 1 END, updated_at DESC LIMIT $3",
                args![org, &pattern, limit as i64],
            )
            .await?;
        Ok(SearchHit::from_rows(
            "projects",
            lang,
            "search-kind-project",
            rows.into_iter()
                .map(|(slug, title, summary)| (title, format!("/projecten/{slug}"), summary)),
        ))
    }
}

pub use crate::web::forms::{slugify, valid_slug};

/// Project statuses, as stored in `projects.status`.
pub const STATUSES: [&str; 3] = ["draft", "published", "closed"];

/// Today's date in Amsterdam as `YYYY-MM-DD`, the format phases store.
pub fn today() -> String {
    let d = domain::calendar::local_date(crate::db::now());
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date written out for people: "3 maart 2026" / "3 March 2026".
pub fn human_date(lang: Lang, d: time::Date) -> String {
    let m = usize::from(u8::from(d.month())).saturating_sub(1).min(11);
    let name = match lang {
        Lang::Nl => MONTHS_NL[m],
        Lang::En => MONTHS_EN[m],
    };
    // Written out by hand: `format!` was most of the cost, once per comment on an idea page.
    let mut out = String::with_capacity(20);
    out.push_str(itoa(u32::from(d.day())).as_str());
    out.push(' ');
    out.push_str(name);
    out.push(' ');
    if d.year() < 0 {
        out.push('-');
    }
    out.push_str(itoa(d.year().unsigned_abs()).as_str());
    out
}

/// Decimal digits of `n` without the formatting machinery.
fn itoa(mut n: u32) -> Digits {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    Digits { buf, start: i }
}

struct Digits {
    buf: [u8; 10],
    start: usize,
}

impl Digits {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("")
    }
}

/// `YYYY-MM-DD` written out; anything unparsable is shown as stored.
pub fn human_iso(lang: Lang, s: &str) -> String {
    parse_date(s)
        .map(|d| human_date(lang, d))
        .unwrap_or_else(|| s.to_string())
}

/// A unix timestamp's date written out.
pub fn human_ts(lang: Lang, ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .map(|t| human_date(lang, t.date()))
        .unwrap_or_default()
}

/// The components placed in a project, in order.
pub async fn components_of(db: &Db, org_id: i64, project_id: i64) -> DbResult<Vec<ComponentRef>> {
    db.all(
        "SELECT id, org_id, project_id, kind, title, position FROM components \
         WHERE org_id = $1 AND project_id = $2 ORDER BY position, id",
        args![org_id, project_id],
    )
    .await
}

/// The publishing rule: at least one participation component that residents can use.
pub async fn has_ready_component(
    state: &AppState,
    org_id: i64,
    project_id: i64,
) -> AppResult<bool> {
    for c in components_of(&state.db, org_id, project_id).await? {
        if let Some(k) = state.modules.component(&c.kind) {
            if k.is_ready(state, &c).await? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = parse_date("2026-03-03").unwrap();
        assert_eq!(human_date(Lang::Nl, d), "3 maart 2026");
        let d = parse_date("1999-12-31").unwrap();
        assert_eq!(human_date(Lang::En, d), "31 December 1999");
        assert_eq!(human_ts(Lang::Nl, 0), "1 januari 1970");
        assert!(parse_date("2026-13-01").is_none());
        assert_eq!(today().len(), 10);
    }
}
