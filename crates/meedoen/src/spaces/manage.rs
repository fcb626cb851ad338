//! Provider screens for spaces: create and edit a listing (layouts, facilities, activities,
//! price, weekly availability) and add date exceptions. Every query names the provider and
//! the municipality, so another provider's space is simply not found.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;

use super::{
    see_other, with_status, Fields, NamedId, ACCESSIBILITY, FACILITIES, LAYOUTS, PARTS, PRICE_TYPES,
};
use crate::args;
use crate::db::now;
use crate::state::AppState;
use crate::web::forms::{self, FieldErrors};
use crate::web::{render, AppError, AppResult, Ctx, Page};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct SpaceRow {
    pub id: i64,
    pub provider_id: i64,
    pub name: String,
    pub description: String,
    pub address: String,
    pub area_id: Option<i64>,
    pub max_capacity: i64,
    pub area_m2: Option<i64>,
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
    pub house_rules: String,
    pub status: String,
    pub updated_at: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl SpaceRow {
    pub fn feature(&self, k: &str) -> bool {
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

pub const FEATURE_LIST: [&str; 6] = super::FACILITIES;
pub const ACCESS_LIST: [&str; 4] = super::ACCESSIBILITY;

pub const SPACE_SELECT: &str = "SELECT id, provider_id, name, description, address, area_id, max_capacity, area_m2, kitchen, av, storage, outdoor, parking, wifi, \
     step_free, accessible_toilet, hearing_loop, lift, price_type, price_cents, house_rules, status, updated_at, lat, lon FROM spaces \
     WHERE id = $1 AND org_id = $2 AND provider_id = $3";

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct ExceptionRow {
    pub on_date: String,
    pub part: String,
    pub kind: String,
}

#[derive(Template)]
#[template(path = "spaces/space_form.html")]
struct FormPage {
    page: Page,
    pid: i64,
    sid: Option<i64>,
    input: Fields,
    errors: FieldErrors,
    areas: Vec<NamedId>,
    activities: Vec<NamedId>,
    facilities: Vec<(&'static str, String)>,
    accessibility: Vec<(&'static str, String)>,
    layouts: Vec<(&'static str, String)>,
    prices: Vec<(&'static str, String)>,
    parts: Vec<(&'static str, String)>,
    weekdays: Vec<(i64, String)>,
    exceptions: Vec<ExceptionRow>,
    photos: Vec<super::photos::Photo>,
    /// The photo form as sent, when it had errors (they are in `errors`).
    photo: PhotoInput,
    max_mb: usize,
}

/// What the photo form keeps across a refused submission: the text alternative, and a photo
/// already stored (its upload id and key), so the person does not choose the file again.
#[derive(Default)]
pub struct PhotoInput {
    pub alt: String,
    pub pending: Option<(i64, String)>,
}

impl PhotoInput {
    pub fn pending_small(&self) -> Option<String> {
        self.pending
            .as_ref()
            .map(|(_, k)| crate::uploads::small_key(k))
    }
}

impl FormPage {
    fn v(&self, k: &str) -> String {
        self.input.get(k)
    }
    fn err(&self, k: &str) -> String {
        self.errors.get(k).unwrap_or("").to_string()
    }
    fn checked(&self, k: &str) -> bool {
        self.input.has(k)
    }
    fn cap(&self, layout: &str) -> String {
        self.input.get(&format!("cap_{layout}"))
    }
    fn activity_checked(&self, id: &i64) -> bool {
        self.input
            .all("activity")
            .iter()
            .any(|v| *v == id.to_string())
    }
    fn area_selected(&self, id: &i64) -> bool {
        self.input.get("area_id") == id.to_string()
    }
    fn slot(&self, d: &i64, part: &str) -> bool {
        let key = format!("{d}-{part}");
        self.input.all("week").contains(&key)
    }
    fn is(&self, k: &str, v: &str) -> bool {
        self.input.get(k) == v
    }
}

fn labels(ctx: &Ctx, prefix: &str, keys: &[&'static str]) -> Vec<(&'static str, String)> {
    keys.iter()
        .map(|k| (*k, ctx.t(&format!("{prefix}{k}"))))
        .collect()
}

pub fn weekday_labels(ctx: &Ctx) -> Vec<(i64, String)> {
    (0..7)
        .map(|d| (d, ctx.t(&format!("space-weekday-{d}"))))
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn render_form(
    ctx: &Ctx,
    state: &AppState,
    pid: i64,
    sid: Option<i64>,
    input: Fields,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    render_form_with(
        ctx,
        state,
        pid,
        sid,
        input,
        errors,
        PhotoInput::default(),
        status,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render_form_with(
    ctx: &Ctx,
    state: &AppState,
    pid: i64,
    sid: Option<i64>,
    input: Fields,
    errors: FieldErrors,
    photo: PhotoInput,
    status: StatusCode,
) -> AppResult<Response> {
    let areas = super::neighbourhoods(&state.db, ctx.org.id).await?;
    let activities = super::activities(&state.db, ctx.org.id).await?;
    let photos = match sid {
        Some(sid) => super::photos::of_space(&state.db, ctx.org.id, sid).await?,
        None => Vec::new(),
    };
    let exceptions: Vec<ExceptionRow> = match sid {
        Some(sid) => {
            state
                .db
                .all(
                    "SELECT on_date, part, kind FROM space_exceptions WHERE org_id = $1 AND space_id = $2 ORDER BY on_date, part",
                    args![ctx.org.id, sid],
                )
                .await?
        }
        None => Vec::new(),
    };
    let title = if sid.is_some() {
        ctx.t("space-edit-title")
    } else {
        ctx.t("space-new-title")
    };
    let tpl = FormPage {
        page: ctx.page(title),
        pid,
        sid,
        input,
        errors,
        areas,
        activities,
        facilities: labels(ctx, "space-facility-", &FACILITIES),
        accessibility: labels(ctx, "space-facility-", &ACCESSIBILITY),
        layouts: labels(ctx, "space-layout-", &LAYOUTS),
        prices: labels(ctx, "space-price-", &PRICE_TYPES),
        parts: labels(ctx, "space-part-", &PARTS),
        weekdays: weekday_labels(ctx),
        exceptions,
        photos,
        photo,
        max_mb: crate::uploads::MAX_BYTES / (1024 * 1024),
    };
    with_status(status, render(&tpl))
}

pub async fn new_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(pid): Path<i64>,
) -> AppResult<Response> {
    super::require_provider_member(&ctx, &state.db, pid).await?;
    let input = Fields(vec![
        ("status".into(), "draft".into()),
        ("price_type".into(), "free".into()),
    ]);
    render_form(
        &ctx,
        &state,
        pid,
        None,
        input,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn load(ctx: &Ctx, state: &AppState, pid: i64, sid: i64) -> AppResult<SpaceRow> {
    state
        .db
        .opt(SPACE_SELECT, args![sid, ctx.org.id, pid])
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((pid, sid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    super::require_provider_member(&ctx, &state.db, pid).await?;
    let f = stored_fields(&ctx, &state, pid, sid).await?;
    render_form(
        &ctx,
        &state,
        pid,
        Some(sid),
        f,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// The edit page again after a refused photo: the listing as stored, the photo form as sent
/// with its errors (422).
pub async fn photo_refused(
    ctx: &Ctx,
    state: &AppState,
    pid: i64,
    sid: i64,
    errors: FieldErrors,
    photo: PhotoInput,
) -> AppResult<Response> {
    let f = stored_fields(ctx, state, pid, sid).await?;
    render_form_with(
        ctx,
        state,
        pid,
        Some(sid),
        f,
        errors,
        photo,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// The form's fields as the listing is stored.
async fn stored_fields(ctx: &Ctx, state: &AppState, pid: i64, sid: i64) -> AppResult<Fields> {
    let s = load(ctx, state, pid, sid).await?;
    let mut f: Vec<(String, String)> = vec![
        ("name".into(), s.name.clone()),
        ("description".into(), s.description.clone()),
        ("address".into(), s.address.clone()),
        (
            "area_id".into(),
            s.area_id.map(|a| a.to_string()).unwrap_or_default(),
        ),
        (
            "area_m2".into(),
            s.area_m2.map(|a| a.to_string()).unwrap_or_default(),
        ),
        ("price_type".into(), s.price_type.clone()),
        (
            "price".into(),
            // As a person types it back: `12,50`, no sign (prices are never negative).
            s.price_cents
                .map(|c| format!("{},{:02}", c / 100, c % 100))
                .unwrap_or_default(),
        ),
        ("house_rules".into(), s.house_rules.clone()),
        ("status".into(), s.status.clone()),
        ("lat".into(), s.lat.map(coord).unwrap_or_default()),
        ("lon".into(), s.lon.map(coord).unwrap_or_default()),
    ];
    for k in FACILITIES.iter().chain(ACCESSIBILITY.iter()) {
        if s.feature(k) {
            f.push((k.to_string(), "1".into()));
        }
    }
    let layouts: Vec<(String, i64)> = state
        .db
        .all(
            "SELECT layout, capacity FROM space_layouts WHERE org_id = $1 AND space_id = $2",
            args![ctx.org.id, sid],
        )
        .await?;
    for (l, c) in layouts {
        f.push((format!("cap_{l}"), c.to_string()));
    }
    let acts: Vec<(i64,)> = state
        .db
        .all(
            "SELECT activity_id FROM space_activity_links WHERE org_id = $1 AND space_id = $2",
            args![ctx.org.id, sid],
        )
        .await?;
    for (a,) in acts {
        f.push(("activity".into(), a.to_string()));
    }
    let week: Vec<(i64, String)> = state
        .db
        .all(
            "SELECT weekday, part FROM space_weekly WHERE org_id = $1 AND space_id = $2",
            args![ctx.org.id, sid],
        )
        .await?;
    for (d, p) in week {
        f.push(("week".into(), format!("{d}-{p}")));
    }
    Ok(Fields(f))
}

/// A validated listing.
struct Valid {
    name: String,
    description: String,
    address: String,
    area_id: Option<i64>,
    area_m2: Option<i64>,
    layouts: Vec<(&'static str, i64)>,
    features: Vec<bool>,
    price_type: String,
    price_cents: Option<i64>,
    house_rules: String,
    status: String,
    activities: Vec<i64>,
    week: Vec<(i64, &'static str)>,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// A coordinate as the form shows it: up to 6 decimals (about 10 cm), no trailing zeros.
pub fn coord(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Parses a coordinate typed with a dot or a comma; `None` when it is not a number in range.
pub fn parse_coord(s: &str, max: f64) -> Option<f64> {
    let x: f64 = s.trim().replace(',', ".").parse().ok()?;
    (x.is_finite() && x.abs() <= max).then_some(x)
}

async fn validate(
    ctx: &Ctx,
    state: &AppState,
    input: &Fields,
) -> AppResult<Result<Valid, FieldErrors>> {
    let mut e = FieldErrors::new();
    let l = ctx.lang;
    let name = forms::text(&mut e, "name", &input.get("name"), 2, 120, l);
    let description = forms::text(
        &mut e,
        "description",
        &input.get("description"),
        10,
        5000,
        l,
    );
    let address = forms::text(&mut e, "address", &input.get("address"), 3, 200, l);
    let areas = super::neighbourhoods(&state.db, ctx.org.id).await?;
    let area_id = match input.get("area_id").parse::<i64>() {
        Ok(id) if areas.iter().any(|a| a.id == id) => Some(id),
        _ if input.get("area_id").is_empty() => None,
        _ => {
            e.add("area_id", ctx.t("space-error-area"));
            None
        }
    };
    let area_m2 = match input.get("area_m2") {
        s if s.is_empty() => None,
        s => match s.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => Some(n),
            _ => {
                e.add("area_m2", ctx.t("space-error-number"));
                None
            }
        },
    };
    let mut layouts = Vec::new();
    for lay in LAYOUTS {
        let s = input.get(&format!("cap_{lay}"));
        if s.is_empty() {
            continue;
        }
        match s.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => layouts.push((lay, n)),
            _ => e.add("cap_seated", ctx.t("space-error-number")),
        }
    }
    if layouts.is_empty() && !e.has("cap_seated") {
        e.add("cap_seated", ctx.t("space-error-capacity"));
    }
    let features = FACILITIES
        .iter()
        .chain(ACCESSIBILITY.iter())
        .map(|k| input.has(k))
        .collect();
    let price_type = input.get("price_type");
    if !PRICE_TYPES.contains(&price_type.as_str()) {
        e.add("price_type", ctx.t("space-error-price-type"));
    }
    let price_cents = if price_type == "amount" {
        match domain::Money::parse_nl(&input.get("price")) {
            Ok(m) => Some(m.cents()),
            Err(_) => {
                e.add("price", ctx.t("space-error-price"));
                None
            }
        }
    } else {
        None
    };
    let house_rules = forms::text(&mut e, "house_rules", &input.get("house_rules"), 0, 5000, l);
    let status = input.get("status");
    if status != "draft" && status != "published" {
        e.add("status", ctx.t("space-error-status"));
    }
    let known = super::activities(&state.db, ctx.org.id).await?;
    let activities: Vec<i64> = input
        .all("activity")
        .iter()
        .filter_map(|v| v.parse::<i64>().ok())
        .filter(|id| known.iter().any(|a| a.id == *id))
        .collect();
    let mut week = Vec::new();
    for v in input.all("week") {
        if let Some((d, p)) = v.split_once('-') {
            if let (Ok(d), Some(p)) = (d.parse::<i64>(), PARTS.iter().find(|x| **x == p)) {
                if (0..7).contains(&d) && !week.contains(&(d, *p)) {
                    week.push((d, *p));
                }
            }
        }
    }
    // The point on the map: both or neither.
    let (lat_s, lon_s) = (input.get("lat"), input.get("lon"));
    let (mut lat, mut lon) = (None, None);
    if !lat_s.is_empty() || !lon_s.is_empty() {
        lat = parse_coord(&lat_s, 90.0);
        lon = parse_coord(&lon_s, 180.0);
        if lat.is_none() {
            e.add("lat", ctx.t("space-error-lat"));
        }
        if lon.is_none() {
            e.add("lon", ctx.t("space-error-lon"));
        }
    }
    if !e.is_empty() {
        return Ok(Err(e));
    }
    Ok(Ok(Valid {
        lat,
        lon,
        name,
        description,
        address,
        area_id,
        area_m2,
        layouts,
        features,
        price_type,
        price_cents,
        house_rules,
        status,
        activities,
        week,
    }))
}

const INSERT_SPACE: &str = "INSERT INTO spaces (org_id, provider_id, name, description, address, area_id, max_capacity, area_m2, \
     kitchen, av, storage, outdoor, parking, wifi, step_free, accessible_toilet, hearing_loop, lift, price_type, price_cents, house_rules, status, \
     activities_text, created_at, updated_at, confirmed_at, lat, lon) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24, $24, $25, $26) RETURNING id";

const UPDATE_SPACE: &str = "UPDATE spaces SET name = $3, description = $4, address = $5, area_id = $6, max_capacity = $7, area_m2 = $8, \
     kitchen = $9, av = $10, storage = $11, outdoor = $12, parking = $13, wifi = $14, step_free = $15, accessible_toilet = $16, hearing_loop = $17, \
     lift = $18, price_type = $19, price_cents = $20, house_rules = $21, status = $22, activities_text = $23, updated_at = $24, \
     unpublished_reason = '', confirmed_at = $24, reminded_at = NULL, lat = $25, lon = $26 \
     WHERE org_id = $1 AND provider_id = $2 AND id = $27";

async fn save(ctx: &Ctx, state: &AppState, pid: i64, sid: Option<i64>, v: Valid) -> AppResult<i64> {
    let org = ctx.org.id;
    let names: Vec<NamedId> = super::activities(&state.db, org).await?;
    let activities_text = names
        .iter()
        .filter(|a| v.activities.contains(&a.id))
        .map(|a| a.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let max = v.layouts.iter().map(|(_, c)| *c).max().unwrap_or(0);
    let f = &v.features;
    let mut a = args![
        org,
        pid,
        &v.name,
        &v.description,
        &v.address,
        v.area_id,
        max,
        v.area_m2,
        f[0],
        f[1],
        f[2],
        f[3],
        f[4],
        f[5],
        f[6],
        f[7],
        f[8],
        f[9],
        &v.price_type,
        v.price_cents,
        &v.house_rules,
        &v.status,
        &activities_text,
        now(),
        v.lat,
        v.lon
    ];
    let mut tx = state.db.begin().await?;
    let id = match sid {
        None => tx.write_scalar::<i64>(INSERT_SPACE, a).await?,
        Some(sid) => {
            a.push(sid.into());
            if tx.run(UPDATE_SPACE, a).await? == 0 {
                return Err(AppError::NotFound);
            }
            tx.run(
                "DELETE FROM space_layouts WHERE org_id = $1 AND space_id = $2",
                args![org, sid],
            )
            .await?;
            tx.run(
                "DELETE FROM space_activity_links WHERE org_id = $1 AND space_id = $2",
                args![org, sid],
            )
            .await?;
            tx.run(
                "DELETE FROM space_weekly WHERE org_id = $1 AND space_id = $2",
                args![org, sid],
            )
            .await?;
            sid
        }
    };
    for (l, c) in &v.layouts {
        tx.run("INSERT INTO space_layouts (org_id, space_id, layout, capacity) VALUES ($1, $2, $3, $4)", args![org, id, *l, *c]).await?;
    }
    for act in &v.activities {
        tx.run(
            "INSERT INTO space_activity_links (org_id, space_id, activity_id) VALUES ($1, $2, $3)",
            args![org, id, *act],
        )
        .await?;
    }
    for (d, p) in &v.week {
        tx.run(
            "INSERT INTO space_weekly (org_id, space_id, weekday, part) VALUES ($1, $2, $3, $4)",
            args![org, id, *d, *p],
        )
        .await?;
    }
    super::sync_fts(&mut tx, id, &v.name, &v.description, &activities_text).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(pid): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    super::require_provider_member(&ctx, &state.db, pid).await?;
    let input = Fields(f);
    match validate(&ctx, &state, &input).await? {
        Ok(v) => {
            let id = save(&ctx, &state, pid, None, v).await?;
            Ok(see_other(&format!(
                "/makelpunt/aanbieder/{pid}/ruimtes/{id}/bewerken?melding=space-saved"
            )))
        }
        Err(e) => {
            render_form(
                &ctx,
                &state,
                pid,
                None,
                input,
                e,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((pid, sid)): Path<(i64, i64)>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    super::require_provider_member(&ctx, &state.db, pid).await?;
    load(&ctx, &state, pid, sid).await?;
    let input = Fields(f);
    match validate(&ctx, &state, &input).await? {
        Ok(v) => {
            save(&ctx, &state, pid, Some(sid), v).await?;
            Ok(see_other(&format!(
                "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bewerken?melding=space-saved"
            )))
        }
        Err(e) => {
            render_form(
                &ctx,
                &state,
                pid,
                Some(sid),
                input,
                e,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// Adds (or replaces) a date exception; kind `remove` deletes it.
pub async fn exception(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((pid, sid)): Path<(i64, i64)>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    super::require_provider_member(&ctx, &state.db, pid).await?;
    load(&ctx, &state, pid, sid).await?;
    let f = Fields(f);
    let date = f.get("on_date");
    if super::parse_date(&date).is_none() {
        return Err(AppError::BadRequest(ctx.t("space-error-date")));
    }
    let part = f.get("part");
    if !PARTS.contains(&part.as_str()) {
        return Err(AppError::BadRequest(ctx.t("space-error-part")));
    }
    let kind = f.get("kind");
    let org = ctx.org.id;
    let mut tx = state.db.begin().await?;
    match kind.as_str() {
        "closed" | "extra" => {
            tx.run(
                "INSERT INTO space_exceptions (org_id, space_id, on_date, part, kind) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (space_id, on_date, part) DO UPDATE SET kind = excluded.kind",
                args![org, sid, &date, &part, &kind],
            )
            .await?;
        }
        "remove" => {
            tx.run(
                "DELETE FROM space_exceptions WHERE org_id = $1 AND space_id = $2 AND on_date = $3 AND part = $4",
                args![org, sid, &date, &part],
            )
            .await?;
        }
        _ => return Err(AppError::BadRequest(ctx.t("space-error-kind"))),
    }
    tx.run(
        "UPDATE spaces SET updated_at = $3 WHERE org_id = $1 AND id = $2",
        args![org, sid, now()],
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bewerken?melding=space-exception-saved"
    )))
}

/// The provider confirms that a listing is still right; it stays (or comes back) in search.
pub async fn confirm(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((pid, sid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    super::require_provider_member(&ctx, &state.db, pid).await?;
    let n = state
        .db
        .exec(
            "UPDATE spaces SET confirmed_at = $4, reminded_at = NULL WHERE id = $1 AND org_id = $2 AND provider_id = $3",
            args![sid, ctx.org.id, pid, now()],
        )
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!(
        "/makelpunt/aanbieder/{pid}?melding=space-confirmed"
    )))
}
