//! Search at `/makelpunt`: free text (FTS5 / tsvector), filters with a count per option of
//! how many results it would leave, sorting and pagination, all state in the query string.
//!
//! Filtering, counting, sorting and paging happen in Rust over the municipality's search
//! facts in memory ([`super::facts`]), because doing them in SQL visited every space several
//! times per search and grew with the number of spaces. A search runs a fixed number of
//! statements whatever the number of spaces or options: the facts' version (plus a reload
//! when a writer moved it), the text match when there is free text, and one date's
//! exceptions and bookings only for a date before the ones kept in memory. The result cards
//! come from the facts too ([`facts::Card`]).
//!
//! The counts are "the results this option would leave": a feature's count is the results
//! that also have it; the price, neighbourhood and activity counts are taken with that
//! facet's own filter left out, so they cannot disagree with the results.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use super::bitset::{self, Bits};
use super::facts::{self, Facts};
use super::{Fields, ACCESSIBILITY, FACILITIES, PARTS, PRICE_TYPES};
use crate::args;
use crate::db::DbResult;
use crate::state::AppState;
use crate::web::{render, AppResult, Ctx, Page};

pub const PER_PAGE: usize = 20;
/// `weergave=kaart` shows the results of the page on a map, with the list beside it.
pub const MAP_VIEW: &str = "kaart";

/// One result: its facts, and the card it shows (shared with the facts in memory).
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: i64,
    pub area_id: Option<i64>,
    pub max_capacity: i64,
    /// Bit `i` is `facts::FEATURES[i]`.
    pub features: u16,
    pub price_type: &'static str,
    pub updated_at: i64,
    pub card: std::sync::Arc<facts::Card>,
}

impl Candidate {
    fn new(facts: &Facts, ix: usize) -> Candidate {
        let (s, l) = (&facts.spaces[ix], &facts.listings[ix]);
        Candidate {
            id: l.id,
            area_id: facts.area_ids.get(s.area as usize).copied(),
            max_capacity: s.max_capacity,
            features: s.features,
            price_type: PRICE_TYPES
                .get(usize::from(s.price))
                .copied()
                .unwrap_or(PRICE_TYPES[0]),
            updated_at: l.updated_at,
            card: facts.cards[ix].clone(),
        }
    }

    fn feature(&self, k: &str) -> bool {
        facts::feature_bit(k).is_some_and(|b| self.features & b != 0)
    }
}

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

/// When a space must be free: a weekday pattern, a date, or any time.
enum When<'a> {
    Any,
    /// Weekly bits of the chosen weekdays and parts.
    Weekly(u32),
    /// A date: its weekday, the chosen parts' bits, and that date's exceptions and bookings.
    Date(i64, u8, &'a facts::Day),
}

/// The filters in the form the facts are kept in.
struct Compiled<'a> {
    min_capacity: i64,
    features: u16,
    when: When<'a>,
    /// The area filter as an index into the facts' areas; `Some(None)` when no space is in
    /// that area, so nothing matches.
    area: Option<Option<u32>>,
    activity: Option<Option<u32>>,
    price: Option<u8>,
    /// Relevance per matching id when there is free text.
    text: Option<&'a HashMap<i64, f64>>,
}

impl Compiled<'_> {
    /// The spaces that pass every filter except area, activity and price (whose counts
    /// leave their own filter out): features, time, free text, capacity and freshness.
    fn base(&self, facts: &Facts, stale: i64) -> Bits {
        let n = facts.spaces.len();
        let mut set = bitset::all(n);
        for (b, required) in facts.feature_sets.iter().enumerate() {
            if self.features & (1 << b) != 0 {
                bitset::and(&mut set, required);
            }
        }
        match &self.when {
            When::Any => {}
            When::Weekly(bits) => {
                let mut open = bitset::none(n);
                for (b, slot) in facts.slot_sets.iter().enumerate() {
                    if bits & (1 << b) != 0 {
                        bitset::or(&mut open, slot);
                    }
                }
                bitset::and(&mut set, &open);
            }
            When::Date(weekday, parts, day) => {
                // Open that weekday in a chosen part, corrected for the spaces with an
                // exception or a booking on the date.
                let mut open = bitset::none(n);
                for p in 0..3 {
                    let slot = usize::try_from(weekday * 3).unwrap_or(usize::MAX) + p;
                    if parts & (1 << p) != 0 {
                        if let Some(slot) = facts.slot_sets.get(slot) {
                            bitset::or(&mut open, slot);
                        }
                    }
                }
                for (id, slots) in day.iter() {
                    if let Some(i) = facts.space_index(*id) {
                        if slots.free(facts.spaces[i].weekly_day(*weekday)) & parts != 0 {
                            bitset::insert(&mut open, i);
                        } else {
                            bitset::remove(&mut open, i);
                        }
                    }
                }
                bitset::and(&mut set, &open);
            }
        }
        if let Some(text) = self.text {
            let mut found = bitset::none(n);
            for id in text.keys() {
                if let Some(i) = facts.space_index(*id) {
                    bitset::insert(&mut found, i);
                }
            }
            bitset::and(&mut set, &found);
        }
        // Capacity and freshness are checked per space, and only where they can fail.
        let only = (self.min_capacity <= 0).then_some(facts.reminded.as_slice());
        bitset::retain(&mut set, only, |i| {
            let s = &facts.spaces[i];
            s.max_capacity >= self.min_capacity && s.visible(stale)
        });
        set
    }

    /// `set` narrowed by the area filter, when there is one.
    fn in_area(&self, facts: &Facts, set: &mut Bits) {
        if let Some(a) = self.area {
            narrow(set, a.and_then(|a| facts.area_sets.get(a as usize)));
        }
    }
    fn with_activity(&self, facts: &Facts, set: &mut Bits) {
        if let Some(a) = self.activity {
            narrow(set, a.and_then(|a| facts.activity_sets.get(a as usize)));
        }
    }
    fn at_price(&self, facts: &Facts, set: &mut Bits) {
        if let Some(p) = self.price {
            narrow(set, facts.price_sets.get(usize::from(p)));
        }
    }
}

/// `set ∩ filter`; a filter that no space has (`None`) leaves nothing.
fn narrow(set: &mut Bits, filter: Option<&Bits>) {
    match filter {
        Some(f) => bitset::and(set, f),
        None => set.iter_mut().for_each(|w| *w = 0),
    }
}

/// A result before display: its sort key and its index in the facts.
struct Hit {
    key: (i64, i64),
    ix: u32,
}

/// `f64::total_cmp`'s order as an integer, so a sort key is two plain integers.
fn ordered(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ ((((b >> 63) as u64) >> 1) as i64)
}

/// The order of the former SQL, as a key (`!x` sorts descending): capacity or last update
/// first when chosen (ties by id, the most recent id first for "recent"); relevance, then
/// name, then id otherwise.
pub(super) fn sort_key(sort: &str, s: &facts::Space, l: &facts::Listing, rank: f64) -> (i64, i64) {
    match sort {
        "capaciteit" => (!s.max_capacity, l.id),
        "recent" => (!l.updated_at, !l.id),
        _ => (!ordered(rank), l.name_order),
    }
}

/// Puts the hits of page `page` (1-based), in order, at `hits[offset..end]` and returns that
/// range; selects before sorting, so a page costs about linear time in the results.
fn page_range(hits: &mut [Hit], page: usize) -> std::ops::Range<usize> {
    let offset = (page.max(1) - 1).saturating_mul(PER_PAGE);
    let end = offset.saturating_add(PER_PAGE).min(hits.len());
    if offset >= end {
        return 0..0;
    }
    if end < hits.len() {
        hits.select_nth_unstable_by_key(end - 1, |h| h.key);
    }
    let head = &mut hits[..end];
    if offset > 0 {
        head.select_nth_unstable_by_key(offset, |h| h.key);
    }
    head[offset..].sort_unstable_by_key(|h| h.key);
    offset..end
}

/// Runs a search: the facts' version (and a reload when it moved), the text match when
/// there is free text, filters and counts in memory, then the page's display rows.
pub async fn run(state: &AppState, org: i64, f: &Filters) -> DbResult<Outcome> {
    let facts = state
        .owned::<super::facts::Cache>()
        .current(&state.db, org)
        .await?;
    run_with(state, org, f, &facts).await
}

/// [`run`] over facts the caller already has.
pub async fn run_with(state: &AppState, org: i64, f: &Filters, facts: &Facts) -> DbResult<Outcome> {
    let db = &state.db;
    let q = f.q.trim();
    let text: Option<HashMap<i64, f64>> = if q.is_empty() {
        None
    } else {
        Some(super::text_matches(db, org, q).await?.into_iter().collect())
    };
    let parts: u8 = match f.part.and_then(facts::part_index) {
        Some(p) => 1 << p,
        None => 0b111,
    };
    let fetched;
    let when = match (&f.date, f.date_weekday()) {
        (Some(date), Some(weekday)) => {
            let day = match facts.day(date) {
                Some(d) => d,
                None => {
                    fetched = facts::load_day(db, org, date).await?;
                    &fetched
                }
            };
            When::Date(weekday, parts, day)
        }
        _ if f.weekday.is_some() || f.part.is_some() => {
            let mut bits = 0u32;
            for d in 0..7 {
                if f.weekday.is_none_or(|w| w == d) {
                    bits |= u32::from(parts) << (d * 3);
                }
            }
            When::Weekly(bits)
        }
        _ => When::Any,
    };
    let c = Compiled {
        min_capacity: f.min_capacity.unwrap_or(0),
        features: f
            .features
            .iter()
            .filter_map(|k| facts::feature_bit(k))
            .fold(0, |m, b| m | b),
        when,
        area: f.area.map(|a| facts.area_index(a)),
        activity: f.activity.map(|a| facts.activity_index(a)),
        price: f
            .price
            .and_then(|p| PRICE_TYPES.iter().position(|x| *x == p))
            .and_then(|i| u8::try_from(i).ok()),
        text: text.as_ref(),
    };
    let stale = super::freshness::stale_before(crate::db::now());
    let base = c.base(facts, stale);
    // Each facet's counts leave that facet's own filter out.
    let mut no_area = base.clone();
    c.with_activity(facts, &mut no_area);
    c.at_price(facts, &mut no_area);
    let mut no_activity = base.clone();
    c.in_area(facts, &mut no_activity);
    c.at_price(facts, &mut no_activity);
    let mut no_price = base;
    c.in_area(facts, &mut no_price);
    c.with_activity(facts, &mut no_price);
    let mut matched = no_price.clone();
    c.at_price(facts, &mut matched);

    let total = bitset::count(&matched);
    let features: Vec<usize> = facts
        .feature_sets
        .iter()
        .map(|set| bitset::count_and(&matched, set))
        .collect();
    let prices: Vec<usize> = facts
        .price_sets
        .iter()
        .map(|set| bitset::count_and(&no_price, set))
        .collect();
    // A district counts the results in its neighbourhoods.
    let areas = bitset::count_per_option(&no_area, &facts.area_sets, |i, counts| {
        let s = &facts.spaces[i];
        bitset::add_each(counts, [s.area, s.district]);
    });
    let activities = bitset::count_per_option(&no_activity, &facts.activity_sets, |i, counts| {
        bitset::add_each(
            counts,
            facts.activities_of(&facts.spaces[i]).iter().copied(),
        );
    });
    // Only relevance with free text orders by something the query decides (the rank); every
    // other order is kept in the facts, so then the page walks that order.
    let by_rank = c.text.is_some() && f.sort == "relevantie";
    let items = if let (true, Some(text)) = (by_rank, c.text) {
        let mut ranked: Vec<Hit> = bitset::iter(&matched)
            .map(|i| Hit {
                key: sort_key(
                    f.sort,
                    &facts.spaces[i],
                    &facts.listings[i],
                    text.get(&facts.listings[i].id).copied().unwrap_or(0.0),
                ),
                ix: i as u32,
            })
            .collect();
        let range = page_range(&mut ranked, f.page);
        ranked[range]
            .iter()
            .map(|h| Candidate::new(facts, h.ix as usize))
            .collect()
    } else {
        let offset = (f.page.max(1) - 1).saturating_mul(PER_PAGE);
        let pick = |ix: &mut dyn Iterator<Item = usize>| -> Vec<Candidate> {
            ix.skip(offset)
                .take(PER_PAGE)
                .map(|i| Candidate::new(facts, i))
                .collect()
        };
        let is_matched = |i: &usize| bitset::contains(&matched, *i);
        match f.sort {
            "capaciteit" => pick(
                &mut facts
                    .by_capacity
                    .iter()
                    .map(|i| *i as usize)
                    .filter(is_matched),
            ),
            "recent" => pick(
                &mut facts
                    .by_recent
                    .iter()
                    .map(|i| *i as usize)
                    .filter(is_matched),
            ),
            _ => pick(&mut bitset::iter(&matched)),
        }
    };
    // Options no result would leave are absent, as the grouped counts in SQL had them.
    let by_id = |ids: &[i64], counts: Vec<usize>| -> HashMap<i64, usize> {
        ids.iter()
            .copied()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .collect()
    };
    Ok(Outcome {
        total,
        items,
        feature_counts: facts::FEATURES.iter().copied().zip(features).collect(),
        area_counts: by_id(&facts.area_ids, areas),
        activity_counts: by_id(&facts.activity_ids, activities),
        price_counts: PRICE_TYPES.iter().copied().zip(prices).collect(),
    })
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
        super::price_label(self.page.lang, c.price_type, c.card.price_cents)
    }
}

/// The search's own query string, without the page and the view: the base of every link on
/// the page (encoded once per page, not once per link).
fn link_base(raw: &Fields) -> String {
    let kv: Vec<&(String, String)> = raw
        .0
        .iter()
        .filter(|(k, v)| k != "pagina" && k != "weergave" && !v.is_empty())
        .collect();
    serde_urlencoded::to_string(&kv).unwrap_or_default()
}

/// `/makelpunt` with the search in `base` ([`link_base`]), on page `page`, in view `view`
/// (empty: the list).
fn view_link(base: &str, page: usize, view: &str) -> String {
    let mut url = String::with_capacity(base.len() + 40);
    url.push_str("/makelpunt");
    let mut sep = '?';
    let mut push = |part: &str| {
        url.push(sep);
        url.push_str(part);
        sep = '&';
    };
    if !base.is_empty() {
        push(base);
    }
    if page > 1 {
        push(&format!("pagina={page}"));
    }
    if view == MAP_VIEW {
        push(&format!("weergave={MAP_VIEW}"));
    }
    url
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let raw = Fields(q);
    let f = Filters::parse(&raw);
    let facts = state
        .owned::<super::facts::Cache>()
        .current(&state.db, ctx.org.id)
        .await?;
    let out = run_with(&state, ctx.org.id, &f, &facts).await?;
    let areas = facts
        .areas
        .iter()
        .map(|a| Opt {
            value: a.id.to_string(),
            label: if a.is_district {
                format!("{} ({})", a.name, ctx.t("space-district"))
            } else {
                a.name.clone()
            },
            count: out.area_counts.get(&a.id).copied().unwrap_or(0),
            selected: f.area == Some(a.id),
        })
        .collect();
    // A municipality without an activity list gets the default one on first use.
    let acts: Vec<(i64, String)> = if facts.activities.is_empty() {
        super::activities(&state.db, ctx.org.id)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect()
    } else {
        facts.activities.clone()
    };
    let activities = acts
        .into_iter()
        .map(|(id, name)| Opt {
            value: id.to_string(),
            count: out.activity_counts.get(&id).copied().unwrap_or(0),
            selected: f.activity == Some(id),
            label: name,
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
            label: super::price_label(ctx.lang, p, None),
            count: *n,
            selected: f.price == Some(*p),
        })
        .collect();
    let pages = out.total.div_ceil(PER_PAGE).max(1);
    let base = link_base(&raw);
    let view = raw.get("weergave");
    let prev = (f.page > 1).then(|| view_link(&base, f.page - 1, &view));
    let next = (f.page < pages).then(|| view_link(&base, f.page + 1, &view));
    let first_number = (f.page - 1) * PER_PAGE + 1;
    let tiles = crate::web::map::Tiles::from_config(&state.config);
    let map_svg = if raw.get("weergave") == MAP_VIEW {
        Some(results_map(&ctx, &state, &f, &out.items, first_number, tiles.clone()).await?)
    } else {
        None
    };
    let with_map = map_svg.is_some();
    let tpl = SearchPage {
        list_link: view_link(&base, f.page, ""),
        map_link: view_link(&base, f.page, MAP_VIEW),
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
            let (lat, lon) = (c.card.lat?, c.card.lon?);
            let n = first_number + i;
            Some(
                Marker::new(lat, lon, format!("{n}. {}", c.card.name))
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
        .focus_markers()
        .tiles(tiles)
        .render())
}

/// The path of [`api`].
pub const API: &str = "/api/v1/ruimtes";

#[derive(utoipa::OpenApi)]
#[openapi(paths(api))]
struct SpacesApi;

/// The Makelpunt's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    <SpacesApi as utoipa::OpenApi>::openapi()
}

crate::api::string_enum!(
    /// How a space is priced.
    PriceType(&'static str) = PRICE_TYPES
);

crate::api::string_enum!(
    /// A facility or accessibility feature a space has.
    Feature(&'static str) = facts::FEATURES
);

#[derive(serde::Serialize, utoipa::ToSchema)]
struct SpaceList<'a> {
    /// Spaces that match, over all pages.
    total: usize,
    page: usize,
    per_page: usize,
    results: Vec<SpaceResult<'a>>,
    counts: SpaceCounts,
}

/// A published space of an approved provider.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct SpaceResult<'a> {
    id: i64,
    name: &'a str,
    /// The provider's name.
    provider: &'a str,
    address: &'a str,
    #[schema(required)]
    neighbourhood_id: Option<i64>,
    #[schema(required)]
    neighbourhood: Option<&'a str>,
    /// The most people it holds.
    max_capacity: i64,
    features: Vec<Feature>,
    price_type: PriceType,
    /// The price in cents, for `price_type` `amount`.
    #[schema(required)]
    price_cents: Option<i64>,
    /// Unix seconds.
    updated_at: i64,
    /// Latitude (WGS84) of the place on the map.
    #[schema(required)]
    lat: Option<f64>,
    /// Longitude (WGS84).
    #[schema(required)]
    lon: Option<f64>,
    /// The space's page.
    url: String,
}

/// For each filter option, how many results choosing it would leave.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct SpaceCounts {
    /// Per feature key.
    features: std::collections::BTreeMap<&'static str, usize>,
    /// Per price type.
    price_type: std::collections::BTreeMap<&'static str, usize>,
    /// Per area id.
    areas: std::collections::BTreeMap<String, usize>,
    /// Per activity id.
    activities: std::collections::BTreeMap<String, usize>,
}

/// The query parameters of [`api`]: those of `/makelpunt`.
struct SpaceQuery;

impl utoipa::IntoParams for SpaceQuery {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        use utoipa::openapi::{RefOr, Required, Schema};
        let param = |name: &str, description: &str, schema: RefOr<Schema>| {
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(description))
                .schema(Some(schema))
                .build()
        };
        let string = || RefOr::from(ObjectBuilder::new().schema_type(Type::String).build());
        let int = |min: i64, max: Option<i64>| {
            RefOr::from(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(min))
                    .maximum(max)
                    .build(),
            )
        };
        let one_of = crate::api::string_enum_schema;
        let mut params = vec![
            param(
                "q",
                "Vrije tekst over naam, beschrijving en activiteiten",
                string(),
            ),
            param("wijk", "Id van een buurt of wijk", int(0, None)),
            param("capaciteit", "Minimaal aantal mensen", int(1, None)),
            param("activiteit", "Id van een activiteit", int(0, None)),
            param("prijs", "Soort prijs", one_of(&PRICE_TYPES)),
            param("dag", "Vrij op deze weekdag (0 = maandag)", int(0, Some(6))),
            param("dagdeel", "Vrij in dit dagdeel", one_of(&PARTS)),
            param(
                "datum",
                "Vrij op deze datum (JJJJ-MM-DD); gaat voor dag",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                        utoipa::openapi::KnownFormat::Date,
                    )))
                    .into(),
            ),
            param(
                "sorteer",
                "Volgorde",
                one_of(&["relevantie", "capaciteit", "recent"]),
            ),
            param("pagina", "Pagina, vanaf 1", int(1, Some(10_000))),
        ];
        for k in facts::FEATURES {
            params.push(param(k, "Vereist deze voorziening", one_of(&["1"])));
        }
        params
    }
}

/// `GET /api/v1/ruimtes`: the same search as `/makelpunt`, same query parameters, as JSON.
#[utoipa::path(
    get,
    path = API,
    operation_id = "searchSpaces",
    tag = "makelpunt",
    summary = "Makelpunt: ruimtes zoeken, met het aantal resultaten per filter",
    params(SpaceQuery),
    responses((status = 200, description = "Zoekresultaten", body = SpaceList))
)]
pub async fn api(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    use axum::response::IntoResponse;
    let raw = Fields(q);
    let f = Filters::parse(&raw);
    let out = run(&state, ctx.org.id, &f).await?;
    let results = out
        .items
        .iter()
        .map(|c| SpaceResult {
            id: c.id,
            name: &c.card.name,
            provider: &c.card.provider_name,
            address: &c.card.address,
            neighbourhood_id: c.area_id,
            neighbourhood: c.card.area_name.as_deref(),
            max_capacity: c.max_capacity,
            features: facts::FEATURES
                .iter()
                .copied()
                .filter(|k| c.feature(k))
                .map(Feature)
                .collect(),
            price_type: PriceType(c.price_type),
            price_cents: c.card.price_cents,
            updated_at: c.updated_at,
            lat: c.card.lat,
            lon: c.card.lon,
            url: format!("/makelpunt/ruimtes/{}", c.id),
        })
        .collect();
    let by_id = |m: &HashMap<i64, usize>| m.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let body = SpaceList {
        total: out.total,
        page: f.page,
        per_page: PER_PAGE,
        results,
        counts: SpaceCounts {
            features: out.feature_counts.iter().copied().collect(),
            price_type: out.price_counts.iter().copied().collect(),
            areas: by_id(&out.area_counts),
            activities: by_id(&out.activity_counts),
        },
    };
    Ok(axum::Json(body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_keeps_the_order_of_floats() {
        let xs = [-3.5, -1.0, -1e-9, 0.0, 1e-9, 0.25, 2.0, 7.5e10];
        for w in xs.windows(2) {
            assert!(ordered(w[0]) < ordered(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(ordered(1.5), ordered(1.5));
    }

    #[test]
    fn a_page_is_the_same_slice_as_a_full_sort() {
        // Keys with ties in the first part, as capacities have.
        let keys: Vec<(i64, i64)> = (0..137).map(|i| (!((i * 7) % 11), i)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        for page in 1..=9 {
            let mut hits: Vec<Hit> = keys.iter().map(|k| Hit { key: *k, ix: 0 }).collect();
            let range = page_range(&mut hits, page);
            let got: Vec<(i64, i64)> = hits[range].iter().map(|h| h.key).collect();
            let from = (page - 1) * PER_PAGE;
            let want: Vec<(i64, i64)> = sorted.iter().skip(from).take(PER_PAGE).copied().collect();
            assert_eq!(got, want, "page {page}");
        }
    }

    #[test]
    fn sort_keys_follow_the_former_order_by() {
        let space = |cap| {
            let mut s = facts::tests::space(0, None);
            s.max_capacity = cap;
            s
        };
        let l = |id, updated_at, name_order| facts::Listing {
            id,
            updated_at,
            name_order,
        };
        // Capacity: largest first, then the lowest id.
        assert!(
            sort_key("capaciteit", &space(50), &l(9, 0, 0), 0.0)
                < sort_key("capaciteit", &space(20), &l(1, 0, 0), 0.0)
        );
        assert!(
            sort_key("capaciteit", &space(20), &l(1, 0, 0), 0.0)
                < sort_key("capaciteit", &space(20), &l(2, 0, 0), 0.0)
        );
        // Recent: last updated first, then the highest id.
        assert!(
            sort_key("recent", &space(0), &l(1, 200, 0), 0.0)
                < sort_key("recent", &space(0), &l(9, 100, 0), 0.0)
        );
        assert!(
            sort_key("recent", &space(0), &l(9, 100, 0), 0.0)
                < sort_key("recent", &space(0), &l(1, 100, 0), 0.0)
        );
        // Relevance: best match first, then by name.
        assert!(
            sort_key("relevantie", &space(0), &l(1, 0, 5), 2.0)
                < sort_key("relevantie", &space(0), &l(2, 0, 1), 1.0)
        );
        assert!(
            sort_key("relevantie", &space(0), &l(2, 0, 1), 1.0)
                < sort_key("relevantie", &space(0), &l(1, 0, 5), 1.0)
        );
    }
}
