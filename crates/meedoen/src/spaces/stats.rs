//! Staff statistics for the Makelpunt: spaces on offer, views, enquiries and agreements per
//! space and per neighbourhood (charts with tables), with a CSV export.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::args;
use crate::state::AppState;
use crate::web::csv::Csv;
use crate::web::{render, AppResult, Ctx, Page};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct SpaceStat {
    pub id: i64,
    pub name: String,
    pub provider_name: String,
    pub area_name: String,
    pub view_count: i64,
    pub enquiries: i64,
    pub agreements: i64,
    pub created_at: i64,
}

const PER_SPACE: &str = "SELECT s.id, s.name, p.name AS provider_name, COALESCE(a.name, '') AS area_name, s.view_count, \
     (SELECT COUNT(*) FROM space_enquiries e WHERE e.org_id = s.org_id AND e.space_id = s.id AND e.held = FALSE) AS enquiries, \
     (SELECT COUNT(*) FROM space_enquiries e WHERE e.org_id = s.org_id AND e.space_id = s.id AND e.state = 'agreed') AS agreements, \
     s.created_at \
     FROM spaces s JOIN space_providers p ON p.id = s.provider_id AND p.org_id = s.org_id \
     LEFT JOIN areas a ON a.id = s.area_id AND a.org_id = s.org_id \
     WHERE s.org_id = $1 AND s.status = 'published' AND p.status = 'approved' ORDER BY a.name, s.name, s.id";

pub struct AreaStat {
    pub name: String,
    pub spaces: i64,
    pub views: i64,
    pub enquiries: i64,
    pub agreements: i64,
    pub percent: i64,
}

pub struct MonthStat {
    pub month: String,
    pub total: i64,
    pub percent: i64,
}

#[derive(Template)]
#[template(path = "spaces/stats.html")]
struct StatsPage {
    page: Page,
    total: i64,
    areas: Vec<AreaStat>,
    months: Vec<MonthStat>,
    spaces: Vec<SpaceStat>,
}

pub async fn page(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(super::MANAGE)?;
    let spaces: Vec<SpaceStat> = state.db.all(PER_SPACE, args![ctx.org.id]).await?;
    let none = ctx.t("space-stats-no-area");
    let mut by_area: BTreeMap<String, AreaStat> = BTreeMap::new();
    for s in &spaces {
        let name = if s.area_name.is_empty() {
            none.clone()
        } else {
            s.area_name.clone()
        };
        let e = by_area.entry(name.clone()).or_insert(AreaStat {
            name,
            spaces: 0,
            views: 0,
            enquiries: 0,
            agreements: 0,
            percent: 0,
        });
        e.spaces += 1;
        e.views += s.view_count;
        e.enquiries += s.enquiries;
        e.agreements += s.agreements;
    }
    let total = spaces.len() as i64;
    let mut areas: Vec<AreaStat> = by_area.into_values().collect();
    for a in &mut areas {
        a.percent = if total > 0 { a.spaces * 100 / total } else { 0 };
    }
    // Spaces on offer now, by the month they were listed, added up over time.
    let fmt = time::macros::format_description!("[year]-[month]");
    let mut per_month: BTreeMap<String, i64> = BTreeMap::new();
    for s in &spaces {
        let m = time::OffsetDateTime::from_unix_timestamp(s.created_at)
            .ok()
            .and_then(|t| t.format(&fmt).ok())
            .unwrap_or_default();
        *per_month.entry(m).or_default() += 1;
    }
    let mut running = 0;
    let months = per_month
        .into_iter()
        .map(|(month, n)| {
            running += n;
            MonthStat {
                month,
                total: running,
                percent: if total > 0 { running * 100 / total } else { 0 },
            }
        })
        .collect();
    render(&StatsPage {
        page: ctx.page(ctx.t("space-stats-title")),
        total,
        areas,
        months,
        spaces,
    })
}

pub async fn csv(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(super::MANAGE)?;
    let spaces: Vec<SpaceStat> = state.db.all(PER_SPACE, args![ctx.org.id]).await?;
    let mut csv = Csv::new(&[
        "id",
        "ruimte",
        "aanbieder",
        "buurt",
        "weergaven",
        "aanvragen",
        "afspraken",
    ])?;
    for s in &spaces {
        csv.row(&[
            &s.id,
            &s.name,
            &s.provider_name,
            &s.area_name,
            &s.view_count,
            &s.enquiries,
            &s.agreements,
        ])?;
    }
    csv.download("makelpunt.csv")
}
