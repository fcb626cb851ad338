//! Search at `/makelpunt`: free text (FTS5 / tsvector), filters with a count per option of
//! how many results it would leave, sorting and pagination, all state in the query string.
//!
//! Everything happens in SQL, in five statements whatever the number of spaces or options:
//! the page of results (ORDER BY + LIMIT/OFFSET), the total with the count per facility,
//! and one grouped count each for price type, neighbourhood/district and activity. All five
//! share one WHERE ([`from_where!`]) built from fixed pieces with "skip" parameters
//! (`($20 < 0 OR …)`); a facet's own count query passes the skip value for that facet, so
//! the counts are exactly "the results this option would leave" and cannot disagree with
//! the results. Only the full-text part differs between the backends (FTS5 / tsvector), so
//! each statement exists in three variants: without text, SQLite text, PostgreSQL text.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use super::{Fields, NamedId, ACCESSIBILITY, FACILITIES, PARTS, PRICE_TYPES};
use crate::app::AppState;
use crate::args;
use crate::db::{Backend, DbResult};
use crate::web::{render, AppResult, Ctx, Page};

pub const PER_PAGE: usize = 20;
/// `weergave=kaart` shows the results of the page on a map, with the list beside it.
pub const MAP_VIEW: &str = "kaart";

#[derive(sqlx::FromRow, meedoen_macros::LiteRow, Clone, serde::Serialize)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub area_id: Option<i64>,
    pub district_id: Option<i64>,
    pub area_name: Option<String>,
    pub max_capacity: i64,
    pub kitchen: bool,
    pub av: bool,
    pub storage: bool,
    pub outdoor: bool,
    pub parking: bool,
    pub wifi: bool,
    pub step_free: bool,
    pub accessible_toilet: bool,
    pub hearing_loop: bool,
    pub lift: bool,
    pub price_type: String,
    pub price_cents: Option<i64>,
    pub updated_at: i64,
    pub provider_name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl Candidate {
    fn feature(&self, k: &str) -> bool {
        match k {
            "kitchen" => self.kitchen,
            "av" => self.av,
            "storage" => self.storage,
            "outdoor" => self.outdoor,
            "parking" => self.parking,
            "wifi" => self.wifi,
            "step_free" => self.step_free,
            "accessible_toilet" => self.accessible_toilet,
            "hearing_loop" => self.hearing_loop,
            "lift" => self.lift,
            _ => false,
        }
    }
}

/// The FROM and the shared WHERE of every search statement. `$join` brings in the text
/// matches (`t.tid`, `t.rank`) and `$text` is the text condition; the rest is the same on
/// both backends. Parameters, each with a value that switches the filter off:
///
/// - `$1` municipality, `$2` freshness cut-off, `$3` the text query (`''`: none);
/// - `$4` minimum capacity (0);
/// - `$5..$14` the required features in the order of FACILITIES then ACCESSIBILITY (FALSE);
/// - weekly availability: `$15` on (FALSE), `$16` weekday (-1: any), `$17` part (`''`: any,
///   also used by the date search);
/// - date: `$18` the date (`''`), `$19` its weekday: a space is free on a part of that day
///   when it is not booked, and either has an `extra` exception or has no `closed` one and
///   is open that weekday and part;
/// - `$20` neighbourhood or district (-1), `$21` activity (-1), `$22` price type (`''`).
///
/// The subqueries look rows up by their space's primary key (`s.id` is already limited to
/// the municipality); the weekly ones do not repeat `org_id`, which made SQLite pick the
/// `(org_id, weekday, part)` index and read every slot of the municipality per space.
macro_rules! from_where {
    ($join:literal, $text:literal) => {
        concat!(
            " FROM spaces s JOIN space_providers p ON p.id = s.provider_id AND p.org_id = s.org_id \
             LEFT JOIN areas a ON a.id = s.area_id AND a.org_id = s.org_id ",
            $join,
            " WHERE s.org_id = $1 AND s.status = 'published' AND p.status = 'approved' \
             AND (s.reminded_at IS NULL OR s.reminded_at >= $2) AND ",
            $text,
            " AND s.max_capacity >= $4 \
             AND ($5 = FALSE OR s.kitchen) AND ($6 = FALSE OR s.av) AND ($7 = FALSE OR s.storage) AND ($8 = FALSE OR s.outdoor) \
             AND ($9 = FALSE OR s.parking) AND ($10 = FALSE OR s.wifi) AND ($11 = FALSE OR s.step_free) \
             AND ($12 = FALSE OR s.accessible_toilet) AND ($13 = FALSE OR s.hearing_loop) AND ($14 = FALSE OR s.lift) \
             AND ($15 = FALSE OR EXISTS (SELECT 1 FROM space_weekly w WHERE w.space_id = s.id \
                  AND ($16 < 0 OR w.weekday = $16) AND ($17 = '' OR w.part = $17))) \
             AND ($18 = '' OR EXISTS (SELECT 1 FROM (SELECT 'morning' AS part UNION ALL SELECT 'afternoon' UNION ALL SELECT 'evening') dp \
                  WHERE ($17 = '' OR dp.part = $17) \
                  AND NOT EXISTS (SELECT 1 FROM space_bookings b WHERE b.space_id = s.id AND b.org_id = s.org_id AND b.on_date = $18 AND b.part = dp.part) \
                  AND (EXISTS (SELECT 1 FROM space_exceptions e WHERE e.space_id = s.id AND e.org_id = s.org_id AND e.on_date = $18 AND e.part = dp.part AND e.kind = 'extra') \
                       OR (NOT EXISTS (SELECT 1 FROM space_exceptions e WHERE e.space_id = s.id AND e.org_id = s.org_id AND e.on_date = $18 AND e.part = dp.part AND e.kind = 'closed') \
                           AND EXISTS (SELECT 1 FROM space_weekly w WHERE w.space_id = s.id AND w.weekday = $19 AND w.part = dp.part))))) \
             AND ($20 < 0 OR s.area_id = $20 OR a.parent_id = $20) \
             AND ($21 < 0 OR EXISTS (SELECT 1 FROM space_activity_links l WHERE l.space_id = s.id AND l.org_id = s.org_id AND l.activity_id = $21)) \
             AND ($22 = '' OR s.price_type = $22)"
        )
    };
}

/// The five statements of a search, for one way of matching text.
struct Statements {
    /// The page: `$23` sort, `$24` limit, `$25` offset.
    page: &'static str,
    /// The total and the count per feature among the results.
    counts: &'static str,
    /// Results per price type (run with the price filter skipped).
    prices: &'static str,
    /// Results per (neighbourhood, its district) (run with the area filter skipped).
    areas: &'static str,
    /// Results per activity (run with the activity filter skipped).
    activities: &'static str,
}

macro_rules! statements {
    ($join:literal, $text:literal, $rank:literal) => {
        Statements {
            page: concat!(
                "SELECT s.id, s.name, s.address, s.area_id, a.parent_id AS district_id, a.name AS area_name, \
                 s.max_capacity, s.kitchen, s.av, s.storage, s.outdoor, s.parking, s.wifi, s.step_free, s.accessible_toilet, \
                 s.hearing_loop, s.lift, s.price_type, s.price_cents, s.updated_at, p.name AS provider_name, s.lat, s.lon",
                from_where!($join, $text),
                " ORDER BY CASE WHEN $23 = 'capaciteit' THEN s.max_capacity WHEN $23 = 'recent' THEN s.updated_at ELSE 0 END DESC, \
                 CASE WHEN $23 = 'relevantie' THEN ",
                $rank,
                " ELSE 0 END DESC, CASE WHEN $23 = 'relevantie' THEN s.name ELSE '' END, \
                 CASE WHEN $23 = 'recent' THEN -s.id ELSE s.id END LIMIT $24 OFFSET $25"
            ),
            counts: concat!(
                "SELECT COUNT(*), \
                 CAST(COALESCE(SUM(CASE WHEN s.kitchen THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.av THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.storage THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.outdoor THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.parking THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.wifi THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.step_free THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.accessible_toilet THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.hearing_loop THEN 1 ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN s.lift THEN 1 ELSE 0 END), 0) AS BIGINT)",
                from_where!($join, $text)
            ),
            prices: concat!(
                "SELECT s.price_type, COUNT(*)",
                from_where!($join, $text),
                " GROUP BY s.price_type"
            ),
            areas: concat!(
                "SELECT s.area_id, a.parent_id, COUNT(*)",
                from_where!($join, $text),
                " AND s.area_id IS NOT NULL GROUP BY s.area_id, a.parent_id"
            ),
            activities: concat!(
                "SELECT l2.activity_id, COUNT(*) FROM space_activity_links l2 WHERE l2.org_id = $1 AND l2.space_id IN (SELECT s.id",
                from_where!($join, $text),
                ") GROUP BY l2.activity_id"
            ),
        }
    };
}

/// Without a text query (`$3` is then `''`): the same on both backends.
const PLAIN: Statements = statements!("", "$3 = ''", "CAST(0 AS DOUBLE PRECISION)");
/// SQLite: the FTS5 table `spaces_fts` (rowid = space id); `$3` is an FTS5 query made by
/// [`super::fts5_query`], higher rank is better.
const SQLITE_TEXT: Statements = statements!(
    "JOIN (SELECT rowid AS tid, CAST(-bm25(spaces_fts) AS REAL) AS rank FROM spaces_fts WHERE spaces_fts MATCH $3) t ON t.tid = s.id ",
    "$3 <> ''",
    "t.rank"
);
/// PostgreSQL: the generated `search_tsv` column with Dutch stemming.
const POSTGRES_TEXT: Statements = statements!(
    "JOIN (SELECT id AS tid, CAST(ts_rank(search_tsv, plainto_tsquery('dutch', $3)) AS DOUBLE PRECISION) AS rank FROM spaces \
     WHERE org_id = $1 AND search_tsv @@ plainto_tsquery('dutch', $3)) t ON t.tid = s.id ",
    "$3 <> ''",
    "t.rank"
);

/// The search state, parsed from the query string. Unknown or malformed values are ignored.
#[derive(Default, Clone, Debug)]
pub struct Filters {
    pub q: String,
    /// A neighbourhood or district id.
    pub area: Option<i64>,
    pub min_capacity: Option<i64>,
    pub features: Vec<&'static str>,
    pub activity: Option<i64>,
    pub price: Option<&'static str>,
    pub weekday: Option<i64>,
    pub part: Option<&'static str>,
    pub date: Option<String>,
    pub sort: &'static str,
    pub page: usize,
}

impl Filters {
    pub fn parse(f: &Fields) -> Filters {
        let pos = |k: &str| f.get(k).parse::<i64>().ok().filter(|n| *n >= 0);
        let date = f.get("datum");
        let date_wd = super::parse_date(&date);
        Filters {
            q: f.get("q").chars().take(200).collect(),
            area: pos("wijk"),
            min_capacity: pos("capaciteit").filter(|n| *n > 0),
            features: FACILITIES
                .iter()
                .chain(ACCESSIBILITY.iter())
                .copied()
                .filter(|k| f.has(k))
                .collect(),
            activity: pos("activiteit"),
            price: PRICE_TYPES.iter().copied().find(|p| *p == f.get("prijs")),
            weekday: if date_wd.is_some() {
                None
            } else {
                pos("dag").filter(|d| *d < 7)
            },
            part: PARTS.iter().copied().find(|p| *p == f.get("dagdeel")),
            date: date_wd.map(|_| date.clone()),
            sort: match f.get("sorteer").as_str() {
                "capaciteit" => "capaciteit",
                "recent" => "recent",
                _ => "relevantie",
            },
            page: f
                .get("pagina")
                .parse::<usize>()
                .ok()
                .filter(|p| *p >= 1 && *p <= 10_000)
                .unwrap_or(1),
        }
    }

    fn date_weekday(&self) -> Option<i64> {
        self.date
            .as_deref()
            .and_then(super::parse_date)
            .map(|d| d.1)
    }

    /// The 22 shared parameters of [`from_where!`], with the area, activity and price
    /// filters as given, or skipped when named in `skip`.
    fn args(&self, org: i64, stale: i64, text: &str, skip: Skip) -> Vec<crate::db::Arg> {
        let mut a = args![org, stale, text, self.min_capacity.unwrap_or(0)];
        for k in FACILITIES.iter().chain(ACCESSIBILITY.iter()) {
            a.push(self.features.contains(k).into());
        }
        let weekly_mode = self.date.is_none() && (self.weekday.is_some() || self.part.is_some());
        a.push(weekly_mode.into());
        a.push(self.weekday.unwrap_or(-1).into());
        a.push(self.part.unwrap_or("").into());
        a.push(self.date.clone().unwrap_or_default().into());
        a.push(self.date_weekday().unwrap_or(-1).into());
        a.push(
            if skip.area { None } else { self.area }
                .unwrap_or(-1)
                .into(),
        );
        a.push(
            if skip.activity { None } else { self.activity }
                .unwrap_or(-1)
                .into(),
        );
        a.push(
            if skip.price { None } else { self.price }
                .unwrap_or("")
                .into(),
        );
        a
    }
}

#[derive(Default, Clone, Copy)]
struct Skip {
    area: bool,
    activity: bool,
    price: bool,
}

/// A result page and the counts per filter option.
pub struct Outcome {
    pub total: usize,
    pub items: Vec<Candidate>,
    pub feature_counts: Vec<(&'static str, usize)>,
    pub area_counts: HashMap<i64, usize>,
    pub activity_counts: HashMap<i64, usize>,
    pub price_counts: Vec<(&'static str, usize)>,
}

type FeatureCounts = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);

/// Runs a search: five statements, all filtering and counting in SQL.
pub async fn run(state: &AppState, org: i64, f: &Filters) -> DbResult<Outcome> {
    let db = &state.db;
    let stale = super::freshness::stale_before(crate::db::now());
    let (sql, text) = if f.q.trim().is_empty() {
        (&PLAIN, String::new())
    } else {
        match db.backend() {
            Backend::Sqlite => (&SQLITE_TEXT, super::fts5_query(&f.q)),
            Backend::Postgres => (&POSTGRES_TEXT, f.q.trim().to_string()),
        }
    };
    if text.is_empty() && !f.q.trim().is_empty() {
        // Only punctuation: nothing can match.
        return Ok(Outcome {
            total: 0,
            items: Vec::new(),
            feature_counts: FACILITIES
                .iter()
                .chain(ACCESSIBILITY.iter())
                .map(|k| (*k, 0))
                .collect(),
            area_counts: HashMap::new(),
            activity_counts: HashMap::new(),
            price_counts: PRICE_TYPES.iter().map(|p| (*p, 0)).collect(),
        });
    }
    let none = Skip::default();
    let mut page_args = f.args(org, stale, &text, none);
    page_args.push(f.sort.into());
    page_args.push((PER_PAGE as i64).into());
    page_args.push((((f.page - 1) * PER_PAGE) as i64).into());
    let items: Vec<Candidate> = db.all(sql.page, page_args).await?;
    let c: FeatureCounts = db.one(sql.counts, f.args(org, stale, &text, none)).await?;
    let n = |v: i64| usize::try_from(v).unwrap_or(0);
    let feature_counts = FACILITIES
        .iter()
        .chain(ACCESSIBILITY.iter())
        .copied()
        .zip([c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9, c.10].map(n))
        .collect();
    let by_price: Vec<(String, i64)> = db
        .all(
            sql.prices,
            f.args(
                org,
                stale,
                &text,
                Skip {
                    price: true,
                    ..none
                },
            ),
        )
        .await?;
    let price_counts = PRICE_TYPES
        .iter()
        .map(|p| {
            let k = by_price.iter().find(|(x, _)| x == p).map(|x| x.1);
            (*p, n(k.unwrap_or(0)))
        })
        .collect();
    // A district counts the results in its neighbourhoods (and any placed on it directly).
    let by_area: Vec<(Option<i64>, Option<i64>, i64)> = db
        .all(
            sql.areas,
            f.args(org, stale, &text, Skip { area: true, ..none }),
        )
        .await?;
    let mut area_counts: HashMap<i64, usize> = HashMap::new();
    for (area, district, k) in by_area {
        for id in [area, district].into_iter().flatten() {
            *area_counts.entry(id).or_default() += n(k);
        }
    }
    let by_activity: Vec<(i64, i64)> = db
        .all(
            sql.activities,
            f.args(
                org,
                stale,
                &text,
                Skip {
                    activity: true,
                    ..none
                },
            ),
        )
        .await?;
    let activity_counts = by_activity.into_iter().map(|(a, k)| (a, n(k))).collect();
    Ok(Outcome {
        total: n(c.0),
        items,
        feature_counts,
        area_counts,
        activity_counts,
        price_counts,
    })
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct AreaOpt {
    id: i64,
    name: String,
    kind: String,
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "spaces/search.html")]
struct SearchPage {
    page: Page,
    f: Filters,
    raw: Fields,
    total: usize,
    items: Vec<Candidate>,
    features: Vec<Opt>,
    access: Vec<Opt>,
    areas: Vec<Opt>,
    activities: Vec<Opt>,
    prices: Vec<Opt>,
    weekdays: Vec<(i64, String)>,
    parts: Vec<(&'static str, String)>,
    prev: Option<String>,
    next: Option<String>,
    is_member: bool,
    /// The map view (`weergave=kaart`): the SVG (escaped when drawn, see `web::map`).
    map_svg: Option<String>,
    list_link: String,
    map_link: String,
    /// 1-based position of the first result on this page, for the numbered map list.
    first_number: usize,
}

impl SearchPage {
    fn v(&self, k: &str) -> String {
        self.raw.get(k)
    }
    fn day_selected(&self, d: &i64) -> bool {
        self.f.weekday == Some(*d)
    }
    fn part_selected(&self, p: &str) -> bool {
        self.f.part == Some(p)
    }
    fn sort_selected(&self, s: &str) -> bool {
        self.f.sort == s
    }
    fn price_label(&self, c: &Candidate) -> String {
        match (c.price_type.as_str(), c.price_cents) {
            ("amount", Some(cents)) => {
                self.page
                    .t1("space-price-amount-value", "amount", super::euros(cents))
            }
            (p, _) => self.page.t(&format!("space-price-{p}")),
        }
    }
}

/// The query string with `pagina` set to `page`.
fn page_link(raw: &Fields, page: usize) -> String {
    let view = raw.get("weergave");
    view_link(raw, page, &view)
}

/// The query string with `pagina` set to `page` and `weergave` to `view` (empty: the list).
fn view_link(raw: &Fields, page: usize, view: &str) -> String {
    let mut kv: Vec<(String, String)> = raw
        .0
        .iter()
        .filter(|(k, v)| k != "pagina" && k != "weergave" && !v.is_empty())
        .cloned()
        .collect();
    if page > 1 {
        kv.push(("pagina".into(), page.to_string()));
    }
    if view == MAP_VIEW {
        kv.push(("weergave".into(), MAP_VIEW.into()));
    }
    let q = serde_urlencoded::to_string(&kv).unwrap_or_default();
    if q.is_empty() {
        "/makelpunt".into()
    } else {
        format!("/makelpunt?{q}")
    }
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let raw = Fields(q);
    let f = Filters::parse(&raw);
    let out = run(&state, ctx.org.id, &f).await?;
    let area_rows: Vec<AreaOpt> = state
        .db
        .all(
            "SELECT a.id, CASE WHEN d.name IS NULL THEN a.name ELSE d.name || ' – ' || a.name END AS name, a.kind \
             FROM areas a LEFT JOIN areas d ON d.id = a.parent_id AND d.org_id = a.org_id \
             WHERE a.org_id = $1 ORDER BY COALESCE(d.name, a.name), CASE WHEN a.kind = 'district' THEN 0 ELSE 1 END, a.name",
            args![ctx.org.id],
        )
        .await?;
    let areas = area_rows
        .into_iter()
        .map(|a| Opt {
            value: a.id.to_string(),
            label: if a.kind == "district" {
                format!("{} ({})", a.name, ctx.t("space-district"))
            } else {
                a.name
            },
            count: out.area_counts.get(&a.id).copied().unwrap_or(0),
            selected: f.area == Some(a.id),
        })
        .collect();
    let acts: Vec<NamedId> = super::activities(&state.db, ctx.org.id).await?;
    let activities = acts
        .into_iter()
        .map(|a| Opt {
            value: a.id.to_string(),
            count: out.activity_counts.get(&a.id).copied().unwrap_or(0),
            selected: f.activity == Some(a.id),
            label: a.name,
        })
        .collect();
    let feat = |k: &&(&'static str, usize)| FACILITIES.contains(&k.0);
    let mk = |(k, n): &(&'static str, usize)| Opt {
        value: k.to_string(),
        label: ctx.t(&format!("space-facility-{k}")),
        count: *n,
        selected: f.features.contains(k),
    };
    let features = out.feature_counts.iter().filter(feat).map(mk).collect();
    let access = out
        .feature_counts
        .iter()
        .filter(|k| !feat(k))
        .map(mk)
        .collect();
    let prices = out
        .price_counts
        .iter()
        .map(|(p, n)| Opt {
            value: p.to_string(),
            label: ctx.t(&format!("space-price-{p}")),
            count: *n,
            selected: f.price == Some(*p),
        })
        .collect();
    let pages = out.total.div_ceil(PER_PAGE).max(1);
    let prev = (f.page > 1).then(|| page_link(&raw, f.page - 1));
    let next = (f.page < pages).then(|| page_link(&raw, f.page + 1));
    let first_number = (f.page - 1) * PER_PAGE + 1;
    let tiles = crate::web::map::Tiles::from_config(&state.config);
    let map_svg = if raw.get("weergave") == MAP_VIEW {
        Some(results_map(&ctx, &state, &f, &out.items, first_number, tiles.clone()).await?)
    } else {
        None
    };
    let with_map = map_svg.is_some();
    let tpl = SearchPage {
        list_link: view_link(&raw, f.page, ""),
        map_link: view_link(&raw, f.page, MAP_VIEW),
        map_svg,
        first_number,
        page: ctx.page(ctx.t("space-search-title")),
        total: out.total,
        items: out.items,
        features,
        access,
        areas,
        activities,
        prices,
        weekdays: super::manage::weekday_labels(&ctx),
        parts: PARTS
            .iter()
            .map(|p| (*p, ctx.t(&format!("space-part-{p}"))))
            .collect(),
        prev,
        next,
        is_member: ctx.user.is_some(),
        f,
        raw,
    };
    let res = render(&tpl)?;
    Ok(if with_map {
        crate::web::map::allow_tiles(res, tiles.as_ref())
    } else {
        res
    })
}

/// The map of a result page: numbered markers (the numbers of the list beside it) linking to
/// the spaces, over the outline of the filtered area, or of the districts when none is.
async fn results_map(
    ctx: &Ctx,
    state: &AppState,
    f: &Filters,
    items: &[Candidate],
    first_number: usize,
    tiles: Option<crate::web::map::Tiles>,
) -> AppResult<String> {
    use crate::web::map::{Area, Map, Marker};
    let rows: Vec<(i64, String, String)> = state
        .db
        .all(
            "SELECT id, name, geojson FROM areas WHERE org_id = $1 AND geojson IS NOT NULL \
             AND (id = $2 OR ($2 < 0 AND kind = 'district')) ORDER BY name",
            args![ctx.org.id, f.area.unwrap_or(-1)],
        )
        .await?;
    let areas = rows
        .into_iter()
        .filter_map(|(id, name, g)| {
            Area::from_geojson(name, &g).map(|a| a.highlighted(f.area == Some(id)))
        })
        .collect();
    let markers = items
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let (lat, lon) = (c.lat?, c.lon?);
            let n = first_number + i;
            Some(
                Marker::new(lat, lon, format!("{n}. {}", c.name))
                    .href(format!("/makelpunt/ruimtes/{}", c.id))
                    .tag(n.to_string()),
            )
        })
        .collect::<Vec<_>>();
    let label = crate::web::i18n::t_args(
        ctx.lang,
        "space-map-label",
        &[("count", markers.len().to_string())],
    );
    Ok(Map::new(720, 480)
        .label(label)
        .areas(areas)
        .markers(markers)
        .tiles(tiles)
        .render())
}

/// `GET /api/v1/spaces`: the same search as `/makelpunt`, same query parameters, as JSON.
pub async fn api(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    use axum::response::IntoResponse;
    let raw = Fields(q);
    let f = Filters::parse(&raw);
    let out = run(&state, ctx.org.id, &f).await?;
    let results: Vec<serde_json::Value> = out
        .items
        .iter()
        .map(|c| {
            let features: Vec<&str> = FACILITIES
                .iter()
                .chain(ACCESSIBILITY.iter())
                .copied()
                .filter(|k| c.feature(k))
                .collect();
            serde_json::json!({
                "id": c.id,
                "name": c.name,
                "provider": c.provider_name,
                "address": c.address,
                "neighbourhood_id": c.area_id,
                "neighbourhood": c.area_name,
                "max_capacity": c.max_capacity,
                "features": features,
                "price_type": c.price_type,
                "price_cents": c.price_cents,
                "updated_at": c.updated_at,
                "lat": c.lat,
                "lon": c.lon,
                "url": format!("/makelpunt/ruimtes/{}", c.id),
            })
        })
        .collect();
    let map = |m: &HashMap<i64, usize>| -> serde_json::Map<String, serde_json::Value> {
        m.iter()
            .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
            .collect()
    };
    let body = serde_json::json!({
        "total": out.total,
        "page": f.page,
        "per_page": PER_PAGE,
        "results": results,
        "counts": {
            "features": out.feature_counts.iter().map(|(k, n)| (k.to_string(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
            "price_type": out.price_counts.iter().map(|(k, n)| (k.to_string(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
            "areas": map(&out.area_counts),
            "activities": map(&out.activity_counts),
        }
    });
    Ok(axum::Json(body).into_response())
}

/// The OpenAPI description of `GET /api/v1/spaces` (merged into the API's document).
pub fn openapi_path() -> serde_json::Value {
    let s = serde_json::json!({ "type": "string" });
    let i = serde_json::json!({ "type": "integer", "format": "int64" });
    let mut params = vec![
        serde_json::json!({ "name": "q", "in": "query", "schema": s, "description": "Vrije tekst over naam, beschrijving en activiteiten" }),
        serde_json::json!({ "name": "wijk", "in": "query", "schema": i, "description": "Id van een buurt of wijk" }),
        serde_json::json!({ "name": "capaciteit", "in": "query", "schema": i, "description": "Minimaal aantal mensen" }),
        serde_json::json!({ "name": "activiteit", "in": "query", "schema": i }),
        serde_json::json!({ "name": "prijs", "in": "query", "schema": { "type": "string", "enum": PRICE_TYPES } }),
        serde_json::json!({ "name": "dag", "in": "query", "schema": { "type": "integer", "minimum": 0, "maximum": 6 }, "description": "0 = maandag" }),
        serde_json::json!({ "name": "dagdeel", "in": "query", "schema": { "type": "string", "enum": PARTS } }),
        serde_json::json!({ "name": "datum", "in": "query", "schema": { "type": "string", "format": "date" } }),
        serde_json::json!({ "name": "sorteer", "in": "query", "schema": { "type": "string", "enum": ["relevantie", "capaciteit", "recent"] } }),
        serde_json::json!({ "name": "pagina", "in": "query", "schema": { "type": "integer", "minimum": 1 } }),
    ];
    for k in FACILITIES.iter().chain(ACCESSIBILITY.iter()) {
        params.push(serde_json::json!({ "name": k, "in": "query", "schema": { "type": "string", "enum": ["1"] }, "description": "Vereist deze voorziening" }));
    }
    serde_json::json!({ "get": {
        "operationId": "searchSpaces",
        "summary": "Makelpunt: ruimtes zoeken, met het aantal resultaten per filter",
        "parameters": params,
        "responses": { "200": { "description": "Zoekresultaten", "content": { "application/json": { "schema": {
            "type": "object", "required": ["total", "page", "per_page", "results", "counts"],
            "properties": {
                "total": i, "page": i, "per_page": i,
                "results": { "type": "array", "items": { "type": "object", "properties": {
                    "id": i, "name": s, "provider": s, "address": s,
                    "neighbourhood_id": { "type": ["integer", "null"] }, "neighbourhood": { "type": ["string", "null"] },
                    "max_capacity": i, "features": { "type": "array", "items": s },
                    "price_type": { "type": "string", "enum": PRICE_TYPES }, "price_cents": { "type": ["integer", "null"] },
                    "updated_at": i,
                    "lat": { "type": ["number", "null"], "description": "Breedtegraad (WGS84) van de plek op de kaart" },
                    "lon": { "type": ["number", "null"], "description": "Lengtegraad (WGS84)" },
                    "url": s } } },
                "counts": { "type": "object", "properties": {
                    "features": { "type": "object", "additionalProperties": { "type": "integer" } },
                    "price_type": { "type": "object", "additionalProperties": { "type": "integer" } },
                    "areas": { "type": "object", "additionalProperties": { "type": "integer" } },
                    "activities": { "type": "object", "additionalProperties": { "type": "integer" } } } }
            } } } } } }
    }})
}
