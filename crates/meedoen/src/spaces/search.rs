//! Search at `/makelpunt`: free text (FTS5 / tsvector), filters with a count per option of
//! how many results it would leave, sorting and pagination, all state in the query string.
//!
//! The municipality's public spaces and their filter attributes are read in a fixed number of
//! queries (spaces, activity links, weekly slots, the date's exceptions, text matches); the
//! filters and counts are then evaluated in one place ([`Filters::matches`]), so results and
//! counts cannot disagree.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use super::{Fields, NamedId, ACCESSIBILITY, FACILITIES, PARTS, PRICE_TYPES};
use crate::app::AppState;
use crate::args;
use crate::db::DbResult;
use crate::web::{render, AppResult, Ctx, Page};

pub const PER_PAGE: usize = 20;
/// `weergave=kaart` shows the results of the page on a map, with the list beside it.
pub const MAP_VIEW: &str = "kaart";

#[derive(sqlx::FromRow, Clone, serde::Serialize)]
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

/// The filters that every result set and every count shares (text aside) are applied here,
/// in SQL: minimum capacity ($3), the ten required features ($4..$13, in the order of
/// FACILITIES then ACCESSIBILITY), and weekly availability when searching by weekday and/or
/// part of day without a date ($14 on, $15 weekday or -1, $16 part or ''). Neighbourhood,
/// activity and price are left to [`Filters::matches`], because their counts need the
/// results without them; so are dates (exceptions and bookings).
const CANDIDATES: &str = "SELECT s.id, s.name, s.address, s.area_id, a.parent_id AS district_id, a.name AS area_name, \
     s.max_capacity, s.kitchen, s.av, s.storage, s.outdoor, s.parking, s.wifi, s.step_free, s.accessible_toilet, s.hearing_loop, s.lift, \
     s.price_type, s.price_cents, s.updated_at, p.name AS provider_name, s.lat, s.lon \
     FROM spaces s JOIN space_providers p ON p.id = s.provider_id AND p.org_id = s.org_id \
     LEFT JOIN areas a ON a.id = s.area_id AND a.org_id = s.org_id \
     WHERE s.org_id = $1 AND s.status = 'published' AND p.status = 'approved' \
     AND (s.reminded_at IS NULL OR s.reminded_at >= $2) \
     AND s.max_capacity >= $3 \
     AND ($4 = FALSE OR s.kitchen) AND ($5 = FALSE OR s.av) AND ($6 = FALSE OR s.storage) AND ($7 = FALSE OR s.outdoor) \
     AND ($8 = FALSE OR s.parking) AND ($9 = FALSE OR s.wifi) AND ($10 = FALSE OR s.step_free) \
     AND ($11 = FALSE OR s.accessible_toilet) AND ($12 = FALSE OR s.hearing_loop) AND ($13 = FALSE OR s.lift) \
     AND ($14 = FALSE OR EXISTS (SELECT 1 FROM space_weekly w WHERE w.space_id = s.id AND w.org_id = s.org_id \
          AND ($15 < 0 OR w.weekday = $15) AND ($16 = '' OR w.part = $16)))";

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

    /// Does `c` pass every filter, leaving out the ones named in `skip`?
    fn matches(&self, c: &Candidate, data: &Data, skip: Skip) -> bool {
        if let Some(text) = &data.text {
            if !text.contains_key(&c.id) {
                return false;
            }
        }
        if !skip.area {
            if let Some(a) = self.area {
                if c.area_id != Some(a) && c.district_id != Some(a) {
                    return false;
                }
            }
        }
        if let Some(m) = self.min_capacity {
            if c.max_capacity < m {
                return false;
            }
        }
        if !self.features.iter().all(|k| c.feature(k)) {
            return false;
        }
        if !skip.activity {
            if let Some(a) = self.activity {
                if !data.activities.contains(&(c.id, a)) {
                    return false;
                }
            }
        }
        if !skip.price {
            if let Some(p) = self.price {
                if c.price_type != p {
                    return false;
                }
            }
        }
        if let Some(wd) = self.date_weekday() {
            let parts: Vec<&str> = match self.part {
                Some(p) => vec![p],
                None => PARTS.to_vec(),
            };
            let free = parts.iter().any(|p| {
                if data.bookings.contains(&(c.id, p.to_string())) {
                    return false;
                }
                match data
                    .exceptions
                    .get(&(c.id, p.to_string()))
                    .map(|s| s.as_str())
                {
                    Some("closed") => false,
                    Some("extra") => true,
                    _ => data.weekly.contains(&(c.id, wd, p.to_string())),
                }
            });
            if !free {
                return false;
            }
        } else if self.weekday.is_some() || self.part.is_some() {
            let days: Vec<i64> = match self.weekday {
                Some(d) => vec![d],
                None => (0..7).collect(),
            };
            let parts: Vec<&str> = match self.part {
                Some(p) => vec![p],
                None => PARTS.to_vec(),
            };
            let free = days.iter().any(|d| {
                parts
                    .iter()
                    .any(|p| data.weekly.contains(&(c.id, *d, p.to_string())))
            });
            if !free {
                return false;
            }
        }
        true
    }
}

#[derive(Default, Clone, Copy)]
struct Skip {
    area: bool,
    activity: bool,
    price: bool,
}

/// What the filters need besides the spaces themselves.
#[derive(Default)]
struct Data {
    /// id → relevance, when there is a text query.
    text: Option<HashMap<i64, f64>>,
    activities: HashSet<(i64, i64)>,
    weekly: HashSet<(i64, i64, String)>,
    exceptions: HashMap<(i64, String), String>,
    /// (space, part) booked on the searched date.
    bookings: HashSet<(i64, String)>,
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

pub async fn run(state: &AppState, org: i64, f: &Filters) -> DbResult<Outcome> {
    let db = &state.db;
    let stale = super::freshness::stale_before(crate::db::now());
    let mut a = args![org, stale, f.min_capacity.unwrap_or(0)];
    for k in FACILITIES.iter().chain(ACCESSIBILITY.iter()) {
        a.push(f.features.contains(k).into());
    }
    let weekly_mode = f.date.is_none() && (f.weekday.is_some() || f.part.is_some());
    a.push(weekly_mode.into());
    a.push(f.weekday.unwrap_or(-1).into());
    a.push(f.part.unwrap_or("").into());
    let all: Vec<Candidate> = db.all(CANDIDATES, a).await?;
    let mut data = Data::default();
    if !f.q.trim().is_empty() {
        data.text = Some(
            super::text_matches(db, org, &f.q)
                .await?
                .into_iter()
                .collect(),
        );
    }
    let links: Vec<(i64, i64)> = db
        .all(
            "SELECT space_id, activity_id FROM space_activity_links WHERE org_id = $1",
            args![org],
        )
        .await?;
    data.activities = links.into_iter().collect();
    if f.weekday.is_some() || f.part.is_some() || f.date.is_some() {
        let w: Vec<(i64, i64, String)> = db
            .all(
                "SELECT space_id, weekday, part FROM space_weekly WHERE org_id = $1",
                args![org],
            )
            .await?;
        data.weekly = w.into_iter().collect();
    }
    if let Some(d) = &f.date {
        let ex: Vec<(i64, String, String)> =
            db.all("SELECT space_id, part, kind FROM space_exceptions WHERE org_id = $1 AND on_date = $2", args![org, d]).await?;
        data.exceptions = ex.into_iter().map(|(s, p, k)| ((s, p), k)).collect();
        let booked: Vec<(i64, String)> = db
            .all(
                "SELECT space_id, part FROM space_bookings WHERE org_id = $1 AND on_date = $2",
                args![org, d],
            )
            .await?;
        data.bookings = booked.into_iter().collect();
    }
    let none = Skip::default();
    let mut hits: Vec<Candidate> = all
        .iter()
        .filter(|c| f.matches(c, &data, none))
        .cloned()
        .collect();
    let feature_counts = FACILITIES
        .iter()
        .chain(ACCESSIBILITY.iter())
        .map(|k| (*k, hits.iter().filter(|c| c.feature(k)).count()))
        .collect();
    let mut area_counts: HashMap<i64, usize> = HashMap::new();
    for c in all
        .iter()
        .filter(|c| f.matches(c, &data, Skip { area: true, ..none }))
    {
        if let Some(a) = c.area_id {
            *area_counts.entry(a).or_default() += 1;
        }
        if let Some(d) = c.district_id {
            *area_counts.entry(d).or_default() += 1;
        }
    }
    let mut activity_counts: HashMap<i64, usize> = HashMap::new();
    let without_activity: HashSet<i64> = all
        .iter()
        .filter(|c| {
            f.matches(
                c,
                &data,
                Skip {
                    activity: true,
                    ..none
                },
            )
        })
        .map(|c| c.id)
        .collect();
    for (s, a) in &data.activities {
        if without_activity.contains(s) {
            *activity_counts.entry(*a).or_default() += 1;
        }
    }
    let without_price: Vec<&Candidate> = all
        .iter()
        .filter(|c| {
            f.matches(
                c,
                &data,
                Skip {
                    price: true,
                    ..none
                },
            )
        })
        .collect();
    let price_counts = PRICE_TYPES
        .iter()
        .map(|p| {
            (
                *p,
                without_price.iter().filter(|c| c.price_type == *p).count(),
            )
        })
        .collect();
    let rank = |c: &Candidate| {
        data.text
            .as_ref()
            .and_then(|t| t.get(&c.id))
            .copied()
            .unwrap_or(0.0)
    };
    match f.sort {
        "capaciteit" => {
            hits.sort_by(|a, b| b.max_capacity.cmp(&a.max_capacity).then(a.id.cmp(&b.id)))
        }
        "recent" => hits.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id))),
        _ => hits.sort_by(|a, b| {
            rank(b)
                .total_cmp(&rank(a))
                .then(a.name.cmp(&b.name))
                .then(a.id.cmp(&b.id))
        }),
    }
    let total = hits.len();
    let items = hits
        .into_iter()
        .skip((f.page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .collect();
    Ok(Outcome {
        total,
        items,
        feature_counts,
        area_counts,
        activity_counts,
        price_counts,
    })
}

#[derive(sqlx::FromRow)]
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
