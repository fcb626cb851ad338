//! The facts Makelpunt search filters and counts on, per municipality, in memory.
//!
//! Searching in SQL visited every published space and probed several tables per space, five
//! times per search, so its cost grew with the number of spaces. Here each municipality's
//! facts (capacity, features as a bitmask, weekly availability as a 21-bit mask, activities,
//! date exceptions and bookings) are loaded once and searched in Rust (see `search.rs`).
//! What a result shows (name, address, provider, neighbourhood, price, point on the map) is
//! kept beside them, so a search without free text reads one row: the version.
//!
//! **Invalidation.** Triggers on every table these facts come from bump
//! `space_search_versions.version` in the writer's own transaction (migration 0012), so no
//! code path can forget. Each search reads the version (one cheap statement) and reloads only
//! when it differs from the snapshot's. The snapshot is read in one statement together with
//! its version, so the data and the version it is tagged with come from the same database
//! snapshot on both backends; a snapshot is used only while the version read by the request
//! is not newer than its own.
//!
//! **Time.** Visibility depends on *now* (a listing hides two weeks after a freshness
//! reminder), so the reminder time is stored and compared at query time, never baked in.
//! Exceptions and bookings are loaded from yesterday (UTC) onward; a search for an earlier
//! date reads that one date from the database instead, so every date keeps its exact answer.

use std::collections::HashMap;
use std::sync::Arc;

use super::bitset::{self, Bits};
use crate::args;
use crate::db::{Db, DbResult};

/// Feature bits follow `FACILITIES` then `ACCESSIBILITY`.
pub const FEATURES: [&str; 10] = [
    "kitchen",
    "av",
    "storage",
    "outdoor",
    "parking",
    "wifi",
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "lift",
];

/// The bit of a feature name, if it is one.
pub fn feature_bit(k: &str) -> Option<u16> {
    FEATURES.iter().position(|f| *f == k).map(|i| 1 << i)
}

/// The index of a part of day in `PARTS`, which is its bit within a day.
pub fn part_index(p: &str) -> Option<u32> {
    super::PARTS.iter().position(|x| *x == p).map(|i| i as u32)
}

/// "No area" in [`Space::area`] and [`Space::district`].
pub const NO_AREA: u32 = u32::MAX;

/// What a search reads of one published space of an approved provider, packed into 40
/// bytes. Filters work on the sets of bits below; a search reads these only for the checks
/// sets cannot make (capacity, reminders), for counts over many options, and for its page.
#[derive(Debug, Clone, Copy)]
pub struct Space {
    pub max_capacity: i64,
    /// A pending freshness reminder (`i64::MAX`: none); the space hides once that is older
    /// than the grace period.
    pub reminded_at: i64,
    /// Bit `weekday * 3 + part` (weekday 0 = Monday, part in `PARTS` order).
    pub weekly: u32,
    /// Its neighbourhood, as an index into [`Facts::area_ids`] ([`NO_AREA`]: none): dense
    /// indices let a search count per option in an array instead of hashing every result.
    pub area: u32,
    /// The district of its neighbourhood (index into [`Facts::area_ids`], or [`NO_AREA`]).
    pub district: u32,
    /// Its activities are `Facts::links[activities_start..][..activities_len]`.
    activities_start: u32,
    /// Bit `i` is `FEATURES[i]`.
    pub features: u16,
    activities_len: u16,
    /// Index into `PRICE_TYPES`.
    pub price: u8,
}

impl Space {
    /// Searchable at the moment whose freshness cut-off is `stale_before`
    /// ([`super::freshness::stale_before`]): the same rule the SQL search had.
    pub fn visible(&self, stale_before: i64) -> bool {
        self.reminded_at >= stale_before
    }

    /// The three part-of-day bits of `weekday`.
    pub fn weekly_day(&self, weekday: i64) -> u8 {
        if !(0..7).contains(&weekday) {
            return 0;
        }
        ((self.weekly >> (weekday * 3)) & 0b111) as u8
    }
}

/// What only results need, for sorting and for loading their display rows (same index as
/// [`Facts::spaces`]).
#[derive(Debug, Clone, Copy)]
pub struct Listing {
    pub id: i64,
    pub updated_at: i64,
    /// Position when sorted by name, then id, in the database's collation: the relevance
    /// sort's tie-break, as the SQL search had it.
    pub name_order: i64,
}

/// What a result card shows of a space beyond its [`Space`] facts (same index as
/// [`Facts::spaces`]). Shared, so a result page takes its twenty cards without copying text.
#[derive(Debug, Clone, Default)]
pub struct Card {
    pub name: String,
    pub address: String,
    pub provider_name: String,
    /// The neighbourhood's own name (the filter's options say "district – neighbourhood").
    pub area_name: Option<String>,
    pub price_cents: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Its first photo (migration 0024 moves the version when photos change).
    pub photo: Option<crate::uploads::Picture>,
}

/// Exceptions and bookings of one space on one date, as part-of-day bits.
#[derive(Debug, Clone, Copy, Default)]
pub struct DaySlots {
    pub closed: u8,
    pub extra: u8,
    pub booked: u8,
}

impl DaySlots {
    /// The parts of the day (bits) in which a space with weekly parts `weekly_day` is free:
    /// not booked, and either opened by an exception or open that weekday and not closed.
    pub fn free(self, weekly_day: u8) -> u8 {
        (self.extra | (weekly_day & !self.closed)) & !self.booked & 0b111
    }
}

/// Per space id, that date's exceptions and bookings.
pub type Day = HashMap<i64, DaySlots>;

/// An option of the neighbourhood filter.
#[derive(Debug, Clone)]
pub struct AreaOption {
    pub id: i64,
    /// "District – neighbourhood", or the name alone.
    pub name: String,
    pub is_district: bool,
}

/// A municipality's search facts at one version.
#[derive(Debug, Default)]
pub struct Facts {
    pub version: i64,
    /// Published spaces of approved providers, by id.
    pub spaces: Vec<Space>,
    /// Their ids, last update and name order, at the same index.
    pub listings: Vec<Listing>,
    /// What their result cards show, at the same index.
    pub cards: Vec<std::sync::Arc<Card>>,
    /// Activity indices of all spaces (see [`Facts::activities_of`]).
    links: Vec<u32>,
    /// Sets of spaces ([`super::bitset`]), which a search combines 64 spaces at a time: per
    /// feature bit the spaces that have it, per weekly slot bit the spaces open then, per
    /// price type, per area index the spaces in that neighbourhood or district, and per
    /// activity index the spaces offering it.
    pub feature_sets: Vec<Bits>,
    pub slot_sets: Vec<Bits>,
    pub price_sets: Vec<Bits>,
    pub area_sets: Vec<Bits>,
    pub activity_sets: Vec<Bits>,
    /// The spaces with a pending freshness reminder: only these can have gone stale.
    pub reminded: Bits,
    /// The index of each space id.
    space_index: HashMap<i64, u32>,
    /// The spaces (indices) in the order of each sort that does not depend on the query: a
    /// page walks one of these and picks the results, instead of sorting them. The index
    /// order itself is the name order, which is relevance when there is no free text.
    pub by_capacity: Vec<u32>,
    pub by_recent: Vec<u32>,
    /// Exceptions and bookings were loaded for dates from this one (`YYYY-MM-DD`) on.
    from_date: String,
    dates: HashMap<String, Day>,
    /// The neighbourhood filter's options, in display order.
    pub areas: Vec<AreaOption>,
    /// The activity list (id, name), by name.
    pub activities: Vec<(i64, String)>,
    /// The ids behind [`Space::area`] and [`Space::district`].
    pub area_ids: Vec<i64>,
    /// The ids behind [`Space::activities`].
    pub activity_ids: Vec<i64>,
    area_index: HashMap<i64, u32>,
    activity_index: HashMap<i64, u32>,
}

impl Facts {
    /// The activities of a space, as sorted indices into [`Facts::activity_ids`].
    pub fn activities_of(&self, s: &Space) -> &[u32] {
        let start = s.activities_start as usize;
        self.links
            .get(start..start + usize::from(s.activities_len))
            .unwrap_or(&[])
    }

    /// Name and a one-line description of a searchable space that is visible at the
    /// freshness cut-off `stale_before`, for the site search.
    pub fn public_card(&self, id: i64, stale_before: i64) -> Option<(i64, String, String)> {
        let i = self.space_index(id)?;
        if !self.spaces.get(i)?.visible(stale_before) {
            return None;
        }
        let c = self.cards.get(i)?;
        let snippet = match &c.area_name {
            Some(a) => format!("{} · {a}", c.provider_name),
            None => c.provider_name.clone(),
        };
        Some((id, c.name.clone(), snippet))
    }

    /// The index of a space id, if that space is searchable.
    pub fn space_index(&self, id: i64) -> Option<usize> {
        self.space_index.get(&id).map(|i| *i as usize)
    }

    /// The index of an area id that some space refers to.
    pub fn area_index(&self, id: i64) -> Option<u32> {
        self.area_index.get(&id).copied()
    }

    /// The index of an activity id that some space is linked to.
    pub fn activity_index(&self, id: i64) -> Option<u32> {
        self.activity_index.get(&id).copied()
    }

    /// A date's exceptions and bookings when they are in memory; `None` when `date` lies
    /// before the loaded range and must be read with [`load_day`].
    pub fn day(&self, date: &str) -> Option<&Day> {
        static EMPTY: std::sync::OnceLock<Day> = std::sync::OnceLock::new();
        if date < self.from_date.as_str() {
            return None;
        }
        Some(
            self.dates
                .get(date)
                .unwrap_or_else(|| EMPTY.get_or_init(Day::new)),
        )
    }
}

/// The snapshot statement's rows: one shape for every kind of fact (see [`LOAD`]).
#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct FactRow {
    kind: i64,
    id: i64,
    a: Option<i64>,
    b: Option<i64>,
    c: i64,
    d: i64,
    e: i64,
    f: Option<i64>,
    g: i64,
    h: i64,
    n: i64,
    t: Option<String>,
    /// Only kind 1 (a space) fills these: its address, provider name, neighbourhood name,
    /// price in cents and point on the map (its name is `t`).
    address: Option<String>,
    provider: Option<String>,
    area: Option<String>,
    cents: Option<i64>,
    lat: Option<f64>,
    lon: Option<f64>,
}

const VERSION: &str = "SELECT version FROM space_search_versions WHERE org_id = $1";

/// Everything in one statement, so the version and the facts come from one snapshot
/// (a single statement reads one consistent state on both backends). `$1` municipality,
/// `$2` the first date of exceptions and bookings to load. Kinds:
///
/// - 0 version: `id`;
/// - 1 space: `id`, `a` area, `b` district, `c` capacity, `d` feature bits, `e` price index,
///   `f` reminded_at, `g` weekly bits, `h` updated_at, `n` position by name, `t` name, and
///   what its card shows: `address`, `provider`, `area` (name), `cents`, `lat`, `lon`;
/// - 2 activity link: `id` space, `a` activity;
/// - 3 exception: `id` space, `a` part, `b` 1 = extra / 0 = closed, `t` date;
/// - 4 booking: `id` space, `a` part, `t` date;
/// - 5 neighbourhood filter option: `id`, `b` 1 = district, `c` position, `t` label;
/// - 6 activity: `id`, `c` position, `t` name;
/// - 7 a space's first photo: `id` space, `c` width, `d` height, `t` storage key, `address`
///   its text alternative.
///
/// The positions come from the database's ORDER BY, so names sort in its collation. Kinds
/// other than 1 leave the card columns NULL.
const LOAD: &str = "SELECT CAST(0 AS BIGINT) AS kind, version AS id, CAST(NULL AS BIGINT) AS a, CAST(NULL AS BIGINT) AS b, \
       CAST(0 AS BIGINT) AS c, CAST(0 AS BIGINT) AS d, CAST(0 AS BIGINT) AS e, CAST(NULL AS BIGINT) AS f, \
       CAST(0 AS BIGINT) AS g, CAST(0 AS BIGINT) AS h, CAST(0 AS BIGINT) AS n, CAST(NULL AS TEXT) AS t, \
       CAST(NULL AS TEXT) AS address, CAST(NULL AS TEXT) AS provider, CAST(NULL AS TEXT) AS area, \
       CAST(NULL AS BIGINT) AS cents, CAST(NULL AS DOUBLE PRECISION) AS lat, CAST(NULL AS DOUBLE PRECISION) AS lon \
     FROM space_search_versions WHERE org_id = $1 \
   UNION ALL \
   SELECT CAST(1 AS BIGINT), s.id, s.area_id, a.parent_id, s.max_capacity, \
       CAST((CASE WHEN s.kitchen THEN 1 ELSE 0 END) + (CASE WHEN s.av THEN 2 ELSE 0 END) \
         + (CASE WHEN s.storage THEN 4 ELSE 0 END) + (CASE WHEN s.outdoor THEN 8 ELSE 0 END) \
         + (CASE WHEN s.parking THEN 16 ELSE 0 END) + (CASE WHEN s.wifi THEN 32 ELSE 0 END) \
         + (CASE WHEN s.step_free THEN 64 ELSE 0 END) + (CASE WHEN s.accessible_toilet THEN 128 ELSE 0 END) \
         + (CASE WHEN s.hearing_loop THEN 256 ELSE 0 END) + (CASE WHEN s.lift THEN 512 ELSE 0 END) AS BIGINT), \
       CAST(CASE s.price_type WHEN 'free' THEN 0 WHEN 'cost' THEN 1 WHEN 'request' THEN 2 ELSE 3 END AS BIGINT), \
       s.reminded_at, \
       CAST(COALESCE((SELECT SUM(CAST(1 AS BIGINT) << CAST(w.weekday * 3 \
           + CASE w.part WHEN 'morning' THEN 0 WHEN 'afternoon' THEN 1 ELSE 2 END AS INTEGER)) \
         FROM space_weekly w WHERE w.space_id = s.id), 0) AS BIGINT), \
       s.updated_at, CAST(ROW_NUMBER() OVER (ORDER BY s.name, s.id) AS BIGINT), s.name, \
       s.address, p.name, a.name, s.price_cents, s.lat, s.lon \
     FROM spaces s JOIN space_providers p ON p.id = s.provider_id AND p.org_id = s.org_id \
     LEFT JOIN areas a ON a.id = s.area_id AND a.org_id = s.org_id \
     WHERE s.org_id = $1 AND s.status = 'published' AND p.status = 'approved' \
   UNION ALL \
   SELECT CAST(2 AS BIGINT), l.space_id, l.activity_id, CAST(NULL AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), \
       CAST(0 AS BIGINT), CAST(NULL AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(NULL AS TEXT), \
       CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DOUBLE PRECISION) \
     FROM space_activity_links l WHERE l.org_id = $1 \
   UNION ALL \
   SELECT CAST(3 AS BIGINT), x.space_id, CAST(CASE x.part WHEN 'morning' THEN 0 WHEN 'afternoon' THEN 1 ELSE 2 END AS BIGINT), \
       CAST(CASE WHEN x.kind = 'extra' THEN 1 ELSE 0 END AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), \
       CAST(0 AS BIGINT), CAST(NULL AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), x.on_date, \
       CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DOUBLE PRECISION) \
     FROM space_exceptions x WHERE x.org_id = $1 AND x.on_date >= $2 \
   UNION ALL \
   SELECT CAST(4 AS BIGINT), k.space_id, CAST(CASE k.part WHEN 'morning' THEN 0 WHEN 'afternoon' THEN 1 ELSE 2 END AS BIGINT), \
       CAST(NULL AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), \
       CAST(0 AS BIGINT), CAST(NULL AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), k.on_date, \
       CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DOUBLE PRECISION) \
     FROM space_bookings k WHERE k.org_id = $1 AND k.on_date >= $2 \
   UNION ALL \
   SELECT CAST(5 AS BIGINT), ar.id, CAST(NULL AS BIGINT), CAST(CASE WHEN ar.kind = 'district' THEN 1 ELSE 0 END AS BIGINT), \
       CAST(ROW_NUMBER() OVER (ORDER BY COALESCE(di.name, ar.name), CASE WHEN ar.kind = 'district' THEN 0 ELSE 1 END, ar.name) AS BIGINT), \
       CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(NULL AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), \
       CASE WHEN di.name IS NULL THEN ar.name ELSE di.name || ' – ' || ar.name END, \
       CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DOUBLE PRECISION) \
     FROM areas ar LEFT JOIN areas di ON di.id = ar.parent_id AND di.org_id = ar.org_id WHERE ar.org_id = $1 \
   UNION ALL \
   SELECT CAST(6 AS BIGINT), v.id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), \
       CAST(ROW_NUMBER() OVER (ORDER BY v.name) AS BIGINT), \
       CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(NULL AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), v.name, \
       CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DOUBLE PRECISION) \
     FROM space_activities v WHERE v.org_id = $1 \
   UNION ALL \
   SELECT CAST(7 AS BIGINT), ph.space_id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), u.width, u.height, \
       CAST(0 AS BIGINT), CAST(NULL AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), u.storage_key, \
       ph.alt, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DOUBLE PRECISION) \
     FROM space_photos ph JOIN uploads u ON u.id = ph.upload_id AND u.org_id = ph.org_id \
     WHERE ph.org_id = $1 AND ph.id = (SELECT MIN(q.id) FROM space_photos q WHERE q.space_id = ph.space_id)";

/// One date's exceptions and bookings, for a date before the loaded range. Kind 0 is an
/// exception (`extra` 1 = extra / 0 = closed), kind 1 a booking.
const LOAD_DAY: &str = "SELECT CAST(0 AS BIGINT), space_id, CAST(CASE part WHEN 'morning' THEN 0 WHEN 'afternoon' THEN 1 ELSE 2 END AS BIGINT), \
       CAST(CASE WHEN kind = 'extra' THEN 1 ELSE 0 END AS BIGINT) \
     FROM space_exceptions WHERE org_id = $1 AND on_date = $2 \
   UNION ALL \
   SELECT CAST(1 AS BIGINT), space_id, CAST(CASE part WHEN 'morning' THEN 0 WHEN 'afternoon' THEN 1 ELSE 2 END AS BIGINT), CAST(0 AS BIGINT) \
     FROM space_bookings WHERE org_id = $1 AND on_date = $2";

fn add_slot(day: &mut Day, space: i64, part: i64, what: SlotKind) {
    let Ok(bit) = u8::try_from(part).map(|p| 1u8 << p.min(2)) else {
        return;
    };
    let slots = day.entry(space).or_default();
    match what {
        SlotKind::Closed => slots.closed |= bit,
        SlotKind::Extra => slots.extra |= bit,
        SlotKind::Booked => slots.booked |= bit,
    }
}

#[derive(Clone, Copy)]
enum SlotKind {
    Closed,
    Extra,
    Booked,
}

/// Exceptions and bookings on `date` read from the database (one statement).
pub async fn load_day(db: &Db, org: i64, date: &str) -> DbResult<Day> {
    let rows: Vec<(i64, i64, i64, i64)> = db.all(LOAD_DAY, args![org, date]).await?;
    let mut day = Day::new();
    for (kind, space, part, extra) in rows {
        let what = match (kind, extra) {
            (1, _) => SlotKind::Booked,
            (_, 1) => SlotKind::Extra,
            _ => SlotKind::Closed,
        };
        add_slot(&mut day, space, part, what);
    }
    Ok(day)
}

/// The first date whose exceptions and bookings are kept in memory. A day before today in
/// UTC, so that it is never after today in any Dutch (UTC+1/+2) reckoning.
fn first_loaded_date(now: i64) -> String {
    let day = now.div_euclid(86_400) - 1;
    time::OffsetDateTime::from_unix_timestamp(day * 86_400)
        .map(|t| {
            let d = t.date();
            format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
        })
        .unwrap_or_default()
}

/// The dense index of `id`, adding it when new.
fn intern(index: &mut HashMap<i64, u32>, ids: &mut Vec<i64>, id: i64) -> u32 {
    *index.entry(id).or_insert_with(|| {
        ids.push(id);
        u32::try_from(ids.len() - 1).unwrap_or(u32::MAX)
    })
}

/// Reads a municipality's facts and the version they belong to (one statement).
pub async fn load(db: &Db, org: i64) -> DbResult<Facts> {
    let from_date = first_loaded_date(crate::db::now());
    let mut rows: Vec<FactRow> = db.all(LOAD, args![org, from_date.clone()]).await?;
    let mut facts = Facts {
        from_date,
        ..Facts::default()
    };
    let mut areas: Vec<(i64, AreaOption)> = Vec::new();
    let mut activities: Vec<(i64, (i64, String))> = Vec::new();
    let mut spaces: Vec<(Listing, Space, Card)> = Vec::new();
    for r in &mut rows {
        match r.kind {
            0 => facts.version = r.id,
            1 => {
                let mut area = |id: Option<i64>| {
                    id.map_or(NO_AREA, |id| {
                        intern(&mut facts.area_index, &mut facts.area_ids, id)
                    })
                };
                let space = Space {
                    max_capacity: r.c,
                    reminded_at: r.f.unwrap_or(i64::MAX),
                    weekly: u32::try_from(r.g).unwrap_or(0),
                    area: area(r.a),
                    district: area(r.b),
                    activities_start: 0,
                    features: u16::try_from(r.d).unwrap_or(0),
                    activities_len: 0,
                    price: u8::try_from(r.e).unwrap_or(0),
                };
                let listing = Listing {
                    id: r.id,
                    updated_at: r.h,
                    name_order: r.n,
                };
                let card = Card {
                    name: r.t.take().unwrap_or_default(),
                    address: r.address.take().unwrap_or_default(),
                    provider_name: r.provider.take().unwrap_or_default(),
                    area_name: r.area.take(),
                    price_cents: r.cents,
                    lat: r.lat,
                    lon: r.lon,
                    photo: None,
                };
                spaces.push((listing, space, card));
            }
            5 => areas.push((
                r.c,
                AreaOption {
                    id: r.id,
                    name: r.t.take().unwrap_or_default(),
                    is_district: r.b == Some(1),
                },
            )),
            6 => activities.push((r.c, (r.id, r.t.take().unwrap_or_default()))),
            _ => {}
        }
    }
    // Name order: the order of a search without free text or another sort.
    spaces.sort_unstable_by_key(|s| s.0.name_order);
    let mut links: HashMap<i64, Vec<u32>> = HashMap::new();
    let mut photos: HashMap<i64, crate::uploads::Picture> = HashMap::new();
    for r in rows {
        match r.kind {
            2 => {
                if let Some(a) = r.a {
                    let ix = intern(&mut facts.activity_index, &mut facts.activity_ids, a);
                    links.entry(r.id).or_default().push(ix);
                }
            }
            3 | 4 => {
                let what = match (r.kind, r.b) {
                    (4, _) => SlotKind::Booked,
                    (_, Some(1)) => SlotKind::Extra,
                    _ => SlotKind::Closed,
                };
                let day = facts.dates.entry(r.t.unwrap_or_default()).or_default();
                add_slot(day, r.id, r.a.unwrap_or(0), what);
            }
            7 => {
                if let Some(key) = r.t {
                    let alt = r.address.unwrap_or_default();
                    photos.insert(r.id, crate::uploads::Picture::new(key, r.c, r.d, alt));
                }
            }
            _ => {}
        }
    }
    for (listing, mut space, mut card) in spaces {
        card.photo = photos.remove(&listing.id);
        if let Some(mut l) = links.remove(&listing.id) {
            l.sort_unstable();
            l.dedup();
            l.truncate(usize::from(u16::MAX));
            space.activities_start = u32::try_from(facts.links.len()).unwrap_or(u32::MAX);
            space.activities_len = u16::try_from(l.len()).unwrap_or(u16::MAX);
            facts.links.extend(l);
        }
        facts.spaces.push(space);
        facts.listings.push(listing);
        facts.cards.push(Arc::new(card));
    }
    let n = facts.spaces.len();
    facts.feature_sets = vec![bitset::none(n); FEATURES.len()];
    facts.slot_sets = vec![bitset::none(n); 21];
    facts.price_sets = vec![bitset::none(n); super::PRICE_TYPES.len()];
    facts.area_sets = vec![bitset::none(n); facts.area_ids.len()];
    let mut activity_sets = vec![bitset::none(n); facts.activity_ids.len()];
    facts.reminded = bitset::none(n);
    for (i, s) in facts.spaces.iter().enumerate() {
        for (b, set) in facts.feature_sets.iter_mut().enumerate() {
            if s.features & (1 << b) != 0 {
                bitset::insert(set, i);
            }
        }
        for (b, set) in facts.slot_sets.iter_mut().enumerate() {
            if s.weekly & (1 << b) != 0 {
                bitset::insert(set, i);
            }
        }
        if let Some(set) = facts.price_sets.get_mut(usize::from(s.price)) {
            bitset::insert(set, i);
        }
        for a in [s.area, s.district] {
            if let Some(set) = facts.area_sets.get_mut(a as usize) {
                bitset::insert(set, i);
            }
        }
        for a in facts.activities_of(s) {
            if let Some(set) = activity_sets.get_mut(*a as usize) {
                bitset::insert(set, i);
            }
        }
        if s.reminded_at != i64::MAX {
            bitset::insert(&mut facts.reminded, i);
        }
    }
    facts.activity_sets = activity_sets;
    facts.space_index = facts
        .listings
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id, i as u32))
        .collect();
    let order = |sort: &str| {
        let mut ix: Vec<u32> = (0..facts.spaces.len() as u32).collect();
        ix.sort_unstable_by_key(|i| {
            let i = *i as usize;
            super::search::sort_key(sort, &facts.spaces[i], &facts.listings[i], 0.0)
        });
        ix
    };
    facts.by_capacity = order("capaciteit");
    facts.by_recent = order("recent");
    areas.sort_by_key(|a| a.0);
    facts.areas = areas.into_iter().map(|a| a.1).collect();
    activities.sort_by_key(|a| a.0);
    facts.activities = activities.into_iter().map(|a| a.1).collect();
    Ok(facts)
}

impl crate::versioned::Tagged for Facts {
    fn version(&self) -> i64 {
        self.version
    }
}

/// The facts of every municipality this app has searched, each at its latest loaded version.
#[derive(Default)]
pub struct Cache {
    orgs: crate::versioned::Versioned<Facts>,
}

impl Cache {
    /// The facts of municipality `org`, at least as new as the version the database has now:
    /// one statement when nothing changed, two when something did.
    pub async fn current(&self, db: &Db, org: i64) -> DbResult<Arc<Facts>> {
        let version: i64 = db.scalar(VERSION, args![org]).await?.unwrap_or(0);
        self.orgs
            .at_least(org, version, || async {
                let started = std::time::Instant::now();
                let fresh = load(db, org).await?;
                tracing::debug!(
                    org,
                    version = fresh.version,
                    spaces = fresh.spaces.len(),
                    ms = started.elapsed().as_millis() as u64,
                    "Makelpunt search facts reloaded"
                );
                Ok(fresh)
            })
            .await
    }

    /// The version of the snapshot in memory, if any (for tests and metrics).
    pub fn version(&self, org: i64) -> Option<i64> {
        self.orgs.cached(org).map(|f| f.version)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn space(weekly: u32, reminded_at: Option<i64>) -> Space {
        Space {
            max_capacity: 10,
            reminded_at: reminded_at.unwrap_or(i64::MAX),
            weekly,
            area: NO_AREA,
            district: NO_AREA,
            activities_start: 0,
            features: 0,
            activities_len: 0,
            price: 0,
        }
    }

    #[test]
    fn a_space_is_small() {
        assert!(std::mem::size_of::<Space>() <= 40);
    }

    #[test]
    fn visibility_is_decided_at_query_time() {
        let now = 1_800_000_000;
        let grace = super::super::freshness::GRACE_SECS;
        let s = space(0, Some(now - grace + 10));
        assert!(s.visible(super::super::freshness::stale_before(now)));
        // The same snapshot, eleven seconds later: the reminder has expired.
        assert!(!s.visible(super::super::freshness::stale_before(now + 11)));
        assert!(space(0, None).visible(i64::MAX));
    }

    #[test]
    fn free_parts_follow_exceptions_and_bookings() {
        // Tuesday (1) evening (bit 2) and morning (bit 0).
        let s = space((0b101) << 3, None);
        let day = s.weekly_day(1);
        assert_eq!(day, 0b101);
        assert_eq!(DaySlots::default().free(day), 0b101);
        let closed = DaySlots {
            closed: 0b100,
            ..DaySlots::default()
        };
        assert_eq!(closed.free(day), 0b001);
        let extra = DaySlots {
            extra: 0b010,
            booked: 0b001,
            ..DaySlots::default()
        };
        assert_eq!(extra.free(day), 0b110);
        // A closed exception does not beat an extra one for the same part (the SQL checked
        // `extra` first); the primary key allows only one of them anyway.
        let both = DaySlots {
            closed: 0b010,
            extra: 0b010,
            ..DaySlots::default()
        };
        assert_eq!(both.free(0), 0b010);
        assert_eq!(s.weekly_day(7), 0);
    }

    #[test]
    fn feature_bits_follow_the_form_order() {
        let form: Vec<&str> = super::super::FACILITIES
            .iter()
            .chain(super::super::ACCESSIBILITY.iter())
            .copied()
            .collect();
        assert_eq!(form, FEATURES);
        assert_eq!(feature_bit("lift"), Some(1 << 9));
        assert_eq!(part_index("evening"), Some(2));
    }

    #[test]
    fn loaded_dates_start_yesterday() {
        // 2027-03-16T12:00:00Z
        assert_eq!(first_loaded_date(1_805_198_400), "2027-03-15");
        assert!("2027-03-14" < first_loaded_date(1_805_198_400).as_str());
    }
}
