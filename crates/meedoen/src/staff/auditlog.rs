//! `/beheer/auditlog`: who did what, filterable, with a CSV export.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::{day_start, fmt_time, iso_time, page_number, query_url, Pager, PAGE_SIZE};
use crate::args;
use crate::audit::{self, Entry};
use crate::state::AppState;
use crate::web::csv::Csv;
use crate::web::{render, AppError, AppResult, Ctx, Page};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct AuditRow {
    id: i64,
    created_at: i64,
    actor_id: Option<i64>,
    actor_name: Option<String>,
    actor_email: Option<String>,
    action: String,
    object_type: String,
    object_id: Option<String>,
    detail: String,
}

pub(crate) struct AuditView {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
}

impl AuditView {
    fn from_row(r: AuditRow, nobody: &str) -> AuditView {
        let actor = match (r.actor_name, r.actor_email) {
            (Some(n), Some(e)) => format!("{n} ({e})"),
            (Some(n), None) => n,
            _ if r.actor_id.is_none() => nobody.to_string(),
            _ => format!("#{}", r.actor_id.unwrap_or(0)),
        };
        let object = match r.object_id {
            Some(id) if !id.is_empty() => format!("{} {}", r.object_type, id),
            _ => r.object_type,
        };
        AuditView {
            when: fmt_time(r.created_at),
            actor,
            action: r.action,
            object,
            detail: r.detail,
        }
    }
}

/// The newest entries, for the dashboard.
pub(crate) async fn recent(state: &AppState, org_id: i64, n: i64) -> AppResult<Vec<AuditView>> {
    const SQL: &str = "SELECT a.id, a.created_at, a.actor_id, u.display_name AS actor_name, u.email AS actor_email, \
         a.action, a.object_type, a.object_id, a.detail \
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id AND u.org_id = a.org_id \
         WHERE a.org_id = $1 ORDER BY a.id DESC LIMIT $2";
    let rows: Vec<AuditRow> = state.db.all(SQL, args![org_id, n]).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditView::from_row(r, "-"))
        .collect())
}

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    actie: String,
    #[serde(default, rename = "type")]
    object_type: String,
    #[serde(default)]
    door: String,
    #[serde(default)]
    van: String,
    #[serde(default)]
    tot: String,
    #[serde(default)]
    pagina: String,
}

/// A filter checked and turned into query values.
struct Checked {
    action: String,
    object_type: String,
    actor: i64,
    from: i64,
    until: i64,
    van: String,
    tot: String,
    door: String,
    errors: Vec<(&'static str, String)>,
}

fn check(ctx: &Ctx, f: &Filter) -> Checked {
    let mut errors = Vec::new();
    let from = if f.van.trim().is_empty() {
        0
    } else {
        day_start(&f.van).unwrap_or_else(|| {
            errors.push(("van", ctx.t("beheer-audit-bad-date")));
            0
        })
    };
    let until = if f.tot.trim().is_empty() {
        i64::MAX / 2
    } else {
        // Up to and including that day.
        day_start(&f.tot).map(|t| t + 24 * 3600).unwrap_or_else(|| {
            errors.push(("tot", ctx.t("beheer-audit-bad-date")));
            i64::MAX / 2
        })
    };
    let actor = f.door.trim().parse::<i64>().unwrap_or(0);
    Checked {
        action: f.actie.trim().chars().take(100).collect(),
        object_type: f.object_type.trim().chars().take(100).collect(),
        actor,
        from,
        until,
        van: f.van.trim().to_string(),
        tot: f.tot.trim().to_string(),
        door: if actor > 0 {
            actor.to_string()
        } else {
            String::new()
        },
        errors,
    }
}

const FILTERED: &str =
    "SELECT a.id, a.created_at, a.actor_id, u.display_name AS actor_name, u.email AS actor_email, \
     a.action, a.object_type, a.object_id, a.detail \
     FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id AND u.org_id = a.org_id \
     WHERE a.org_id = $1 AND ($2 = '' OR a.action = $2) AND ($3 = '' OR a.object_type = $3) \
     AND ($4 = 0 OR a.actor_id = $4) AND a.created_at >= $5 AND a.created_at < $6 \
     ORDER BY a.id DESC LIMIT $7 OFFSET $8";

pub(crate) struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "staff/auditlog.html")]
struct AuditPage {
    page: Page,
    entries: Vec<AuditView>,
    actions: Vec<Opt>,
    types: Vec<Opt>,
    actors: Vec<Opt>,
    van: String,
    tot: String,
    errors: Vec<(&'static str, String)>,
    pager: Pager,
    csv_url: String,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(f): Query<Filter>,
) -> AppResult<Response> {
    ctx.require(super::AUDIT)?;
    let org = ctx.org.id;
    let c = check(&ctx, &f);
    let page = page_number(&f.pagina);
    let rows: Vec<AuditRow> = state
        .db
        .all(
            FILTERED,
            args![
                org,
                &c.action,
                &c.object_type,
                c.actor,
                c.from,
                c.until,
                PAGE_SIZE + 1,
                Pager::offset(page)
            ],
        )
        .await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    let entries: Vec<AuditView> = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|r| AuditView::from_row(r, "-"))
        .collect();

    let actions: Vec<(String,)> = state
        .db
        .all(
            "SELECT DISTINCT action FROM audit_log WHERE org_id = $1 ORDER BY action",
            args![org],
        )
        .await?;
    let types: Vec<(String,)> = state
        .db
        .all(
            "SELECT DISTINCT object_type FROM audit_log WHERE org_id = $1 ORDER BY object_type",
            args![org],
        )
        .await?;
    let actors: Vec<(i64, String, Option<String>)> = state
        .db
        .all(
            "SELECT u.id, u.display_name, u.email FROM users u \
             WHERE u.org_id = $1 AND u.id IN (SELECT DISTINCT actor_id FROM audit_log WHERE org_id = $1 AND actor_id IS NOT NULL) \
             ORDER BY u.display_name, u.id",
            args![org],
        )
        .await?;
    let opt = |v: String, label: String, cur: &str| Opt {
        selected: v == cur,
        value: v,
        label,
    };
    let actions = actions
        .into_iter()
        .map(|(a,)| opt(a.clone(), a, &c.action))
        .collect();
    let types = types
        .into_iter()
        .map(|(a,)| opt(a.clone(), a, &c.object_type))
        .collect();
    let actors = actors
        .into_iter()
        .map(|(id, n, e)| {
            opt(
                id.to_string(),
                format!("{n} ({})", e.unwrap_or_default()),
                &c.door,
            )
        })
        .collect();
    let params = [
        ("actie", c.action.as_str()),
        ("type", c.object_type.as_str()),
        ("door", c.door.as_str()),
        ("van", c.van.as_str()),
        ("tot", c.tot.as_str()),
    ];
    let pager = Pager::new("/beheer/auditlog", &params, page, has_more);
    let csv_url = query_url("/beheer/auditlog.csv", &params);
    render(&AuditPage {
        page: ctx.page(ctx.t("staff-audit")),
        entries,
        actions,
        types,
        actors,
        van: c.van,
        tot: c.tot,
        errors: c.errors,
        pager,
        csv_url,
    })
}

pub async fn csv_export(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(f): Query<Filter>,
) -> AppResult<Response> {
    let me = ctx.require(super::AUDIT)?.id;
    let org = ctx.org.id;
    let c = check(&ctx, &f);
    if let Some((_, msg)) = c.errors.first() {
        return Err(AppError::BadRequest(msg.clone()));
    }
    let rows: Vec<AuditRow> = state
        .db
        .all(
            FILTERED,
            args![
                org,
                &c.action,
                &c.object_type,
                c.actor,
                c.from,
                c.until,
                100_000i64,
                0i64
            ],
        )
        .await?;
    let n = rows.len();
    let mut csv = Csv::new(&[
        "id",
        "tijd",
        "medewerker_id",
        "medewerker",
        "e-mail",
        "actie",
        "objecttype",
        "object_id",
        "details",
    ])?;
    for r in rows {
        csv.row(&[
            &r.id,
            &iso_time(r.created_at),
            &r.actor_id,
            &r.actor_name,
            &r.actor_email,
            &r.action,
            &r.object_type,
            &r.object_id,
            &r.detail,
        ])?;
    }
    let body = csv.into_bytes()?;
    audit::record(
        &state.db,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "auditlog.export",
            object_type: "audit_log",
            object_id: None,
            detail: format!("{n} regels"),
        },
    )
    .await?;
    Ok(crate::web::csv::download(body, "auditlog.csv"))
}
