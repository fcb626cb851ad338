//! The public space page with its enquiry form, and the enquiry thread between the seeker
//! and the provider's members. State changes are conditional UPDATEs, so an illegal
//! transition (e.g. agreeing to a withdrawn enquiry) changes nothing and is refused.
//!
//! An enquiry asks for up to [`MAX_DATES`] dates, each with a part of the day
//! (`space_enquiry_dates`). Agreeing books every date in one transaction; the bookings' primary
//! key (space, date, part) refuses the whole agreement when any date is taken.
//!
//! People without an account give a name and an address. Their enquiry is stored `held` on a
//! passwordless account row for that address and a single-use link (the `tokens` table,
//! purpose verify_email, payload `space-enquiry:<id>`) is mailed; [`verify`] releases it to the
//! provider. From then on the sender reads and answers the thread at `/makelpunt/gast/{key}`:
//! every mail to them carries a fresh random key, of which only the SHA-256 is stored
//! (`space_guest_keys`); those pages are sent with `Referrer-Policy: no-referrer` and
//! `Cache-Control: no-store`. Unverified enquiries are deleted by the freshness sweep.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;

use super::manage::{SpaceRow, ACCESS_LIST, FEATURE_LIST};
use super::{see_other, with_status, Fields, PARTS};
use crate::accounts::tokens::{self, Purpose};
use crate::args;
use crate::db::now;
use crate::db::workflow::{self, Step, StepError, Table};
use crate::email::{self, Mail};
use crate::ratelimit::{self, Limit};
use crate::state::AppState;
use domain::workflow::State as _;
use domain::workflows::{Enquiry, EnquiryActor, ENQUIRY};

/// Enquiries move through `domain::workflows::ENQUIRY`.
const ENQUIRY_TABLE: Table = Table {
    workflow: "space_enquiry",
    audit_action: "enquiry.state",
    update: "UPDATE space_enquiries SET state = $1, updated_at = $2 WHERE org_id = $3 AND id = $4 AND state = $5",
};
use crate::web::forms::{self, FieldErrors};
use crate::web::i18n::t_args;
use crate::web::session::{hash_token, random_token};
use crate::web::{render, AppError, AppResult, Ctx, Page};

/// Enquiries per sender per hour.
pub const ENQUIRY_LIMIT: Limit = Limit {
    limit: 10,
    window_secs: 3600,
};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct ProviderInfo {
    id: i64,
    name: String,
    kind: String,
    contact_email: String,
    contact_phone: String,
    status: String,
}

#[derive(Template)]
#[template(path = "spaces/show.html")]
struct ShowPage {
    page: Page,
    s: SpaceRow,
    provider: ProviderInfo,
    area_name: Option<String>,
    layouts: Vec<(String, i64)>,
    activities: Vec<String>,
    features: Vec<String>,
    access: Vec<String>,
    price: String,
    description_html: String,
    rules_html: String,
    weekdays: Vec<(i64, String)>,
    parts: Vec<(&'static str, String)>,
    weekly: Vec<(i64, String)>,
    public: bool,
    logged_in: bool,
    photos: Vec<super::photos::Photo>,
    input: Fields,
    errors: FieldErrors,
    /// The space's point on a small map (escaped when drawn, see `web::map`).
    map_svg: Option<String>,
    /// Date rows of the enquiry form: (date field, part field, number).
    date_rows: Vec<(&'static str, &'static str, usize)>,
}

impl ShowPage {
    fn open(&self, d: &i64, p: &str) -> bool {
        self.weekly.iter().any(|(wd, part)| wd == d && part == p)
    }
    fn v(&self, k: &str) -> String {
        self.input.get(k)
    }
    fn err(&self, k: &str) -> String {
        self.errors.get(k).unwrap_or("").to_string()
    }
    fn part_is(&self, field: &str, p: &str) -> bool {
        self.input.get(field) == p
    }
}

const PUBLIC_SPACE: &str = "SELECT id, provider_id, name, description, address, area_id, max_capacity, area_m2, kitchen, av, storage, outdoor, parking, wifi, \
     step_free, accessible_toilet, hearing_loop, lift, price_type, price_cents, house_rules, status, updated_at, lat, lon FROM spaces \
     WHERE id = $1 AND org_id = $2";

/// The space if the viewer may see it: public, or the viewer belongs to its provider.
async fn visible_space(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
) -> AppResult<(SpaceRow, ProviderInfo, bool)> {
    let s: SpaceRow = state
        .db
        .opt(PUBLIC_SPACE, args![id, ctx.org.id])
        .await?
        .ok_or(AppError::NotFound)?;
    let p: ProviderInfo = state
        .db
        .one(
            "SELECT id, name, kind, contact_email, contact_phone, status FROM space_providers WHERE id = $1 AND org_id = $2",
            args![s.provider_id, ctx.org.id],
        )
        .await?;
    let mut public = s.status == "published" && p.status == "approved";
    if public {
        // A listing whose freshness reminder expired is hidden until it is confirmed.
        let stale = state
            .db
            .scalar::<i64>(
                "SELECT id FROM spaces WHERE id = $1 AND org_id = $2 AND reminded_at IS NOT NULL AND reminded_at < $3",
                args![id, ctx.org.id, super::freshness::stale_before(now())],
            )
            .await?;
        public = stale.is_none();
    }
    if !public {
        let member = match &ctx.user {
            Some(u) => super::is_member(&state.db, ctx.org.id, p.id, u.id).await?,
            None => false,
        };
        if !member {
            return Err(AppError::NotFound);
        }
    }
    Ok((s, p, public))
}

async fn render_show(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    input: Fields,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let (s, provider, public) = visible_space(ctx, state, id).await?;
    let org = ctx.org.id;
    let area: Option<(String, Option<String>)> = match s.area_id {
        Some(a) => {
            state
                .db
                .opt(
                    "SELECT name, geojson FROM areas WHERE id = $1 AND org_id = $2",
                    args![a, org],
                )
                .await?
        }
        None => None,
    };
    // The neighbourhood's outline around the point, when it has one.
    let outline = area
        .as_ref()
        .and_then(|(n, g)| crate::web::map::Area::from_geojson(n.clone(), g.as_deref()?));
    let area_name = area.map(|(n, _)| n);
    let layouts: Vec<(String, i64)> = state
        .db
        .all("SELECT layout, capacity FROM space_layouts WHERE org_id = $1 AND space_id = $2 ORDER BY capacity DESC", args![org, id])
        .await?;
    let layouts = layouts
        .into_iter()
        .map(|(l, c)| (ctx.t(&format!("space-layout-{l}")), c))
        .collect();
    let activities: Vec<(String,)> = state
        .db
        .all(
            "SELECT a.name FROM space_activity_links l JOIN space_activities a ON a.id = l.activity_id \
             WHERE l.org_id = $1 AND l.space_id = $2 ORDER BY a.name",
            args![org, id],
        )
        .await?;
    let weekly: Vec<(i64, String)> = state
        .db
        .all(
            "SELECT weekday, part FROM space_weekly WHERE org_id = $1 AND space_id = $2",
            args![org, id],
        )
        .await?;
    let features = FEATURE_LIST
        .iter()
        .filter(|k| s.feature(k))
        .map(|k| ctx.t(&format!("space-facility-{k}")))
        .collect();
    let access = ACCESS_LIST
        .iter()
        .filter(|k| s.feature(k))
        .map(|k| ctx.t(&format!("space-facility-{k}")))
        .collect();
    let price = super::price_label(ctx.lang, &s.price_type, s.price_cents);
    let photos = super::photos::of_space(&state.db, org, id).await?;
    let tiles = crate::web::map::Tiles::from_config(&state.config);
    let map_svg = match (s.lat, s.lon) {
        (Some(lat), Some(lon)) => Some(
            crate::web::map::Map::new(480, 300)
                .label(t_args(
                    ctx.lang,
                    "space-map-location",
                    &[("space", s.name.clone())],
                ))
                .min_span(0.008)
                .areas(outline.into_iter().collect())
                .markers(vec![crate::web::map::Marker::new(lat, lon, s.name.clone())])
                .tiles(tiles.clone())
                .render(),
        ),
        _ => None,
    };
    // Rows for the dates: those filled in plus two empty ones, at least three.
    let filled = DATE_FIELDS
        .iter()
        .rposition(|(d, _)| !input.get(d).is_empty())
        .map_or(0, |i| i + 1);
    let date_rows = DATE_FIELDS
        .iter()
        .take((filled + 2).clamp(3, MAX_DATES))
        .enumerate()
        .map(|(i, (d, p))| (*d, *p, i + 1))
        .collect();
    let tpl = ShowPage {
        date_rows,
        map_svg,
        photos,
        page: ctx.page(s.name.clone()),
        description_html: crate::web::markdown::to_html(&s.description),
        rules_html: crate::web::markdown::to_html(&s.house_rules),
        area_name,
        layouts,
        activities: activities.into_iter().map(|(a,)| a).collect(),
        features,
        access,
        price,
        weekdays: super::manage::weekday_labels(ctx),
        parts: PARTS
            .iter()
            .map(|p| (*p, ctx.t(&format!("space-part-{p}"))))
            .collect(),
        weekly,
        public,
        logged_in: ctx.user.is_some(),
        input,
        errors,
        s,
        provider,
    };
    // Only a page that shows a map lets the browser load tiles.
    let tiles = tiles.filter(|_| tpl.map_svg.is_some());
    with_status(status, render(&tpl)).map(|r| crate::web::map::allow_tiles(r, tiles.as_ref()))
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    // Count a view by anyone outside the provider (the provider's own visits do not count).
    let (_, provider, public) = visible_space(&ctx, &state, id).await?;
    let own = match &ctx.user {
        Some(u) => super::is_member(&state.db, ctx.org.id, provider.id, u.id).await?,
        None => false,
    };
    if public && !own {
        state
            .db
            .exec(
                "UPDATE spaces SET view_count = view_count + 1 WHERE id = $1 AND org_id = $2",
                args![id, ctx.org.id],
            )
            .await?;
    }
    render_show(
        &ctx,
        &state,
        id,
        Fields::default(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// Most dates one enquiry can ask for.
pub const MAX_DATES: usize = 10;
/// Form field names of the date rows: (date, part of day).
pub const DATE_FIELDS: [(&str, &str); MAX_DATES] = [
    ("on_date", "part"),
    ("on_date_2", "part_2"),
    ("on_date_3", "part_3"),
    ("on_date_4", "part_4"),
    ("on_date_5", "part_5"),
    ("on_date_6", "part_6"),
    ("on_date_7", "part_7"),
    ("on_date_8", "part_8"),
    ("on_date_9", "part_9"),
    ("on_date_10", "part_10"),
];

/// The dates (with part of day) of the form, in order, without repeats. A row without a
/// date is skipped, except the first, which is required.
fn parse_dates(ctx: &Ctx, input: &Fields, e: &mut FieldErrors) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, (df, pf)) in DATE_FIELDS.iter().enumerate() {
        let date = input.get(df);
        if date.is_empty() && i > 0 {
            continue;
        }
        if super::parse_date(&date).is_none() {
            e.add(df, ctx.t("space-error-date"));
            continue;
        }
        let part = input.get(pf);
        if !PARTS.contains(&part.as_str()) {
            e.add(pf, ctx.t("space-error-part"));
            continue;
        }
        if !out.iter().any(|(d, p)| *d == date && *p == part) {
            out.push((date, part));
        }
    }
    out
}

/// "2027-04-07 (ochtend), 2027-04-14 (middag)"
fn dates_text(lang: crate::web::i18n::Lang, dates: &[(String, String)]) -> String {
    dates
        .iter()
        .map(|(d, p)| {
            format!(
                "{d} ({})",
                crate::web::i18n::t(lang, &format!("space-part-{p}"))
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `POST /makelpunt/ruimtes/{id}/aanvraag`. Logged-in members send at once. Anyone else
/// gives a name and an email address: the enquiry is stored `held` and a single-use link goes
/// to that address; only after it is opened does the provider hear of it ([`verify`]).
pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let member = match &ctx.user {
        Some(_) => Some(ctx.require_member()?.clone()),
        None => None,
    };
    let (s, provider, public) = visible_space(&ctx, &state, id).await?;
    if !public {
        return Err(AppError::NotFound);
    }
    let input = Fields(f);
    // The honeypot: people never see this field; bots fill it. Pretend all went well.
    if !input.raw("website").trim().is_empty() {
        return Ok(see_other(&format!(
            "/makelpunt/ruimtes/{id}?melding=space-enquiry-sent"
        )));
    }
    let mut e = FieldErrors::new();
    let (guest_name, guest_email) = if member.is_none() {
        (
            forms::text(
                &mut e,
                "guest_name",
                &input.get("guest_name"),
                2,
                80,
                ctx.lang,
            ),
            forms::email(&mut e, "guest_email", &input.get("guest_email"), ctx.lang),
        )
    } else {
        (String::new(), String::new())
    };
    let activity = forms::text(&mut e, "activity", &input.get("activity"), 2, 120, ctx.lang);
    let dates = parse_dates(&ctx, &input, &mut e);
    let people = match input.get("people").parse::<i64>() {
        Ok(n) if (1..=100_000).contains(&n) => n,
        _ => {
            e.add("people", ctx.t("space-error-number"));
            0
        }
    };
    let message = forms::text(&mut e, "message", &input.get("message"), 10, 4000, ctx.lang);
    if !e.is_empty() {
        // A form with mistakes does not use up the allowance.
        return render_show(&ctx, &state, id, input, e, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    // Rate limits per sender: the account, or for guests the address and the client.
    let buckets = match &member {
        Some(u) => vec![(
            format!("space-enquiry:{}:{}", ctx.org.id, u.id),
            ENQUIRY_LIMIT,
        )],
        None => vec![
            (
                format!("space-enquiry-guest:{}:{guest_email}", ctx.org.id),
                ENQUIRY_LIMIT,
            ),
            (
                format!("space-enquiry-ip:{}:{}", ctx.org.id, ctx.ip),
                GUEST_IP_LIMIT,
            ),
            (
                format!("mail:{}:{guest_email}", ctx.org.id),
                ratelimit::MAIL_PER_ADDRESS,
            ),
        ],
    };
    for (bucket, limit) in buckets {
        if !ratelimit::attempt(&state.db, &bucket, limit).await?.allowed {
            return Err(AppError::TooManyRequests);
        }
    }
    let t = now();
    let (first_date, first_part) = dates[0].clone();
    let mut tx = state.db.begin().await?;
    let sender = match &member {
        Some(u) => u.id,
        None => {
            // Guests get a passwordless account row for their address (or use the existing
            // one): the verification token belongs to it, and so does the enquiry.
            tx.run(
                "INSERT INTO users (org_id, email, display_name, lang, created_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (org_id, email) DO NOTHING",
                args![ctx.org.id, &guest_email, &guest_name, ctx.lang.code(), t],
            )
            .await?;
            tx.scalar::<i64>(
                "SELECT id FROM users WHERE org_id = $1 AND email = $2 AND deleted_at IS NULL",
                args![ctx.org.id, &guest_email],
            )
            .await?
            .ok_or_else(|| AppError::Conflict(ctx.t("space-error-guest-address")))?
        }
    };
    let guest = member.is_none();
    let eid: i64 = tx
        .write_scalar(
            "INSERT INTO space_enquiries (org_id, space_id, sender_id, activity, on_date, part, people, state, created_at, updated_at, held, guest, guest_name) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'sent', $8, $8, $9, $9, $10) RETURNING id",
            args![ctx.org.id, s.id, sender, &activity, &first_date, &first_part, people, t, guest, &guest_name],
        )
        .await?;
    for (d, p) in &dates {
        tx.run(
            "INSERT INTO space_enquiry_dates (org_id, enquiry_id, on_date, part) VALUES ($1, $2, $3, $4)",
            args![ctx.org.id, eid, d, p],
        )
        .await?;
    }
    tx.run(
        "INSERT INTO space_enquiry_messages (org_id, enquiry_id, author_id, from_provider, body, created_at) VALUES ($1, $2, $3, FALSE, $4, $5)",
        args![ctx.org.id, eid, sender, &message, t],
    )
    .await?;
    if guest {
        let token = tokens::create(
            &mut tx,
            ctx.org.id,
            sender,
            Purpose::VerifyEmail,
            Some(&format!("{GUEST_PAYLOAD}{eid}")),
        )
        .await?;
        let link = format!(
            "{}/makelpunt/aanvraag-bevestigen/{token}",
            state.config.base_url.trim_end_matches('/')
        );
        email::enqueue_tx(
            &mut tx,
            Mail {
                org_id: ctx.org.id,
                to: &guest_email,
                subject: t_args(
                    ctx.lang,
                    "space-mail-guest-verify-subject",
                    &[("space", s.name.clone())],
                ),
                body: t_args(
                    ctx.lang,
                    "space-mail-guest-verify-body",
                    &[
                        ("name", guest_name.clone()),
                        ("space", s.name.clone()),
                        ("link", link),
                    ],
                ),
            },
        )
        .await?;
        tx.commit().await?;
        state.mail_wake.notify_one();
        return Ok(see_other(&format!(
            "/makelpunt/ruimtes/{id}?melding=space-enquiry-check-mail"
        )));
    }
    let name = member.map(|u| u.display_name).unwrap_or_default();
    let pending = Pending {
        eid,
        space: s.name.clone(),
        name,
        activity,
        dates: dates_text(ctx.lang, &dates),
        people,
        message,
    };
    mail_provider_tx(&ctx, &state, &mut tx, provider.id, &pending).await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(see_other(&format!(
        "/makelpunt/aanvragen/{eid}?melding=space-enquiry-sent"
    )))
}

/// Guest enquiries per client address per hour (besides the limit per address).
pub const GUEST_IP_LIMIT: Limit = Limit {
    limit: 30,
    window_secs: 3600,
};

/// Token payload of a guest enquiry's verification link.
const GUEST_PAYLOAD: &str = "space-enquiry:";

/// What the provider's "new enquiry" mail says.
struct Pending {
    eid: i64,
    space: String,
    name: String,
    activity: String,
    dates: String,
    people: i64,
    message: String,
}

async fn mail_provider_tx(
    ctx: &Ctx,
    state: &AppState,
    tx: &mut crate::db::Tx,
    provider_id: i64,
    p: &Pending,
) -> AppResult<()> {
    let emails: Vec<(String,)> = tx
        .all(
            "SELECT u.email FROM space_provider_members m JOIN users u ON u.id = m.user_id \
             WHERE m.org_id = $1 AND m.provider_id = $2 AND u.email IS NOT NULL ORDER BY u.id",
            args![ctx.org.id, provider_id],
        )
        .await?;
    let link = format!(
        "{}/makelpunt/aanvragen/{}",
        state.config.base_url.trim_end_matches('/'),
        p.eid
    );
    for (to,) in &emails {
        let body = t_args(
            ctx.lang,
            "space-mail-enquiry-body",
            &[
                ("space", p.space.clone()),
                ("name", p.name.clone()),
                ("activity", p.activity.clone()),
                ("date", p.dates.clone()),
                ("people", p.people.to_string()),
                ("message", p.message.clone()),
                ("link", link.clone()),
            ],
        );
        let subject = t_args(
            ctx.lang,
            "space-mail-enquiry-subject",
            &[("space", p.space.clone())],
        );
        email::enqueue_tx(
            tx,
            Mail {
                org_id: ctx.org.id,
                to,
                subject,
                body,
            },
        )
        .await?;
    }
    Ok(())
}

/// A fresh secret key for a guest's thread link; only its hash is stored.
async fn new_guest_key(tx: &mut crate::db::Tx, org: i64, eid: i64) -> AppResult<String> {
    let key = random_token();
    tx.run(
        "INSERT INTO space_guest_keys (hash, org_id, enquiry_id, created_at) VALUES ($1, $2, $3, $4)",
        args![hash_token(&key), org, eid, now()],
    )
    .await?;
    Ok(key)
}

fn guest_url(state: &AppState, key: &str) -> String {
    format!(
        "{}/makelpunt/gast/{key}",
        state.config.base_url.trim_end_matches('/')
    )
}

#[derive(Template)]
#[template(path = "spaces/guest_verify.html")]
struct VerifyPage {
    page: Page,
    valid: bool,
    action: String,
}

/// `GET /makelpunt/aanvraag-bevestigen/{token}`: a button, so that mail scanners that open
/// links do not use the token.
pub async fn verify_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let valid = tokens::peek(&state.db, ctx.org.id, &token, Purpose::VerifyEmail)
        .await?
        .is_some_and(|t| {
            t.payload
                .as_deref()
                .is_some_and(|p| p.starts_with(GUEST_PAYLOAD))
        });
    let res = render(&VerifyPage {
        page: ctx.page(ctx.t("space-guest-verify-title")),
        valid,
        action: format!("/makelpunt/aanvraag-bevestigen/{token}"),
    })?;
    Ok(private(res))
}

/// `POST /makelpunt/aanvraag-bevestigen/{token}`: uses the token, releases the enquiry to the
/// provider (mail), and mails the sender the secret link to the thread.
pub async fn verify(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let invalid = || {
        render(&VerifyPage {
            page: ctx.page(ctx.t("space-guest-verify-title")),
            valid: false,
            action: String::new(),
        })
        .map(private)
    };
    let org = ctx.org.id;
    let mut tx = state.db.begin().await?;
    let Some(tok) = tokens::consume(&mut tx, org, &token, Purpose::VerifyEmail).await? else {
        drop(tx);
        return invalid();
    };
    // Another kind of verify_email token: leave it unused (the transaction rolls back).
    let Some(eid) = tok
        .payload
        .as_deref()
        .and_then(|p| p.strip_prefix(GUEST_PAYLOAD))
        .and_then(|n| n.parse::<i64>().ok())
    else {
        drop(tx);
        return invalid();
    };
    let t = now();
    let released = tx
        .run(
            "UPDATE space_enquiries SET held = FALSE, created_at = $4, updated_at = $4 \
             WHERE id = $1 AND org_id = $2 AND sender_id = $3 AND held = TRUE",
            args![eid, org, tok.user_id, t],
        )
        .await?;
    if released == 0 {
        drop(tx);
        return invalid();
    }
    tx.run(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2 AND org_id = $3 AND deleted_at IS NULL",
        args![t, tok.user_id, org],
    )
    .await?;
    #[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
    struct Held {
        space_name: String,
        provider_id: i64,
        activity: String,
        people: i64,
        guest_name: String,
        sender_email: String,
    }
    let h: Held = tx
        .one(
            "SELECT s.name AS space_name, s.provider_id, e.activity, e.people, e.guest_name, u.email AS sender_email \
             FROM space_enquiries e JOIN spaces s ON s.id = e.space_id AND s.org_id = e.org_id JOIN users u ON u.id = e.sender_id \
             WHERE e.id = $1 AND e.org_id = $2",
            args![eid, org],
        )
        .await?;
    let dates: Vec<(String, String)> = tx
        .all(
            "SELECT on_date, part FROM space_enquiry_dates WHERE org_id = $1 AND enquiry_id = $2 ORDER BY on_date, part",
            args![org, eid],
        )
        .await?;
    let message: String = tx
        .scalar(
            "SELECT body FROM space_enquiry_messages WHERE org_id = $1 AND enquiry_id = $2 ORDER BY id LIMIT 1",
            args![org, eid],
        )
        .await?
        .unwrap_or_default();
    let pending = Pending {
        eid,
        space: h.space_name.clone(),
        name: h.guest_name.clone(),
        activity: h.activity,
        dates: dates_text(ctx.lang, &dates),
        people: h.people,
        message,
    };
    mail_provider_tx(&ctx, &state, &mut tx, h.provider_id, &pending).await?;
    let key = new_guest_key(&mut tx, org, eid).await?;
    email::enqueue_tx(
        &mut tx,
        Mail {
            org_id: org,
            to: &h.sender_email,
            subject: t_args(
                ctx.lang,
                "space-mail-guest-sent-subject",
                &[("space", h.space_name.clone())],
            ),
            body: t_args(
                ctx.lang,
                "space-mail-guest-sent-body",
                &[
                    ("name", h.guest_name),
                    ("space", h.space_name),
                    ("link", guest_url(&state, &key)),
                ],
            ),
        },
    )
    .await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(private(see_other(&format!(
        "/makelpunt/gast/{key}?melding=space-enquiry-sent"
    ))))
}

/// Pages whose address holds a secret: never sent on as a referrer, never cached.
fn private(mut res: Response) -> Response {
    use axum::http::{header, HeaderValue};
    let h = res.headers_mut();
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct EnquiryRow {
    id: i64,
    space_id: i64,
    space_name: String,
    provider_id: i64,
    sender_id: i64,
    sender_email: String,
    activity: String,
    on_date: String,
    part: String,
    people: i64,
    state: String,
    guest: bool,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct MessageRow {
    author_name: Option<String>,
    from_provider: bool,
    body: String,
    created_at: i64,
}

struct MessageView {
    author: String,
    from_provider: bool,
    body: String,
    when: String,
}

/// Who looks at a thread, and where its forms post to.
struct Access {
    is_sender: bool,
    is_provider: bool,
    /// The acting account (for a guest: the account row of their address).
    user_id: i64,
    /// `/makelpunt/aanvragen/{id}`, or `/makelpunt/gast/{key}` for a guest's secret link.
    base: String,
    by_key: bool,
}

#[derive(Template)]
#[template(path = "spaces/thread.html")]
struct ThreadPage {
    page: Page,
    e: EnquiryRow,
    is_provider: bool,
    is_sender: bool,
    base: String,
    state_label: String,
    dates: Vec<(String, String)>,
    messages: Vec<MessageView>,
    errors: FieldErrors,
    body: String,
}

impl ThreadPage {
    fn err(&self, k: &str) -> String {
        self.errors.get(k).unwrap_or("").to_string()
    }
    fn open(&self) -> bool {
        self.e.state == "sent" || self.e.state == "answered"
    }
    fn can_write(&self) -> bool {
        self.open() || self.e.state == "agreed"
    }
}

/// The enquiry and who the viewer is in it; others get a 404. Held (unverified) enquiries
/// are nobody's business yet.
async fn load_enquiry(ctx: &Ctx, state: &AppState, id: i64) -> AppResult<(EnquiryRow, Access)> {
    let u = ctx.require_user()?;
    let e: EnquiryRow = state
        .db
        .opt(
            "SELECT e.id, e.space_id, s.name AS space_name, s.provider_id, e.sender_id, u.email AS sender_email, e.activity, e.on_date, e.part, e.people, e.state, e.guest \
             FROM space_enquiries e JOIN spaces s ON s.id = e.space_id AND s.org_id = e.org_id JOIN users u ON u.id = e.sender_id \
             WHERE e.id = $1 AND e.org_id = $2 AND e.held = FALSE",
            args![id, ctx.org.id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let is_sender = e.sender_id == u.id;
    let is_provider = super::is_member(&state.db, ctx.org.id, e.provider_id, u.id).await?;
    if !is_sender && !is_provider {
        return Err(AppError::NotFound);
    }
    let acc = Access {
        is_sender,
        is_provider,
        user_id: u.id,
        base: format!("/makelpunt/aanvragen/{id}"),
        by_key: false,
    };
    Ok((e, acc))
}

/// The enquiry behind a guest's secret link: the viewer is its sender, whoever is logged in.
async fn load_by_key(ctx: &Ctx, state: &AppState, key: &str) -> AppResult<(EnquiryRow, Access)> {
    if key.len() > 100 {
        return Err(AppError::NotFound);
    }
    let e: EnquiryRow = state
        .db
        .opt(
            "SELECT e.id, e.space_id, s.name AS space_name, s.provider_id, e.sender_id, u.email AS sender_email, e.activity, e.on_date, e.part, e.people, e.state, e.guest \
             FROM space_guest_keys k JOIN space_enquiries e ON e.id = k.enquiry_id AND e.org_id = k.org_id \
             JOIN spaces s ON s.id = e.space_id AND s.org_id = e.org_id JOIN users u ON u.id = e.sender_id \
             WHERE k.hash = $1 AND k.org_id = $2 AND e.held = FALSE",
            args![hash_token(key), ctx.org.id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let acc = Access {
        is_sender: true,
        is_provider: false,
        user_id: e.sender_id,
        base: format!("/makelpunt/gast/{key}"),
        by_key: true,
    };
    Ok((e, acc))
}

async fn render_thread(
    ctx: &Ctx,
    state: &AppState,
    e: EnquiryRow,
    acc: Access,
    errors: FieldErrors,
    body: String,
    status: StatusCode,
) -> AppResult<Response> {
    let id = e.id;
    let rows: Vec<MessageRow> = state
        .db
        .all(
            "SELECT u.display_name AS author_name, m.from_provider, m.body, m.created_at FROM space_enquiry_messages m \
             LEFT JOIN users u ON u.id = m.author_id WHERE m.org_id = $1 AND m.enquiry_id = $2 ORDER BY m.created_at, m.id",
            args![ctx.org.id, id],
        )
        .await?;
    let dates = enquiry_dates(state, ctx.org.id, &e).await?;
    let fmt = time::macros::format_description!("[day]-[month]-[year] [hour]:[minute]");
    let messages = rows
        .into_iter()
        .map(|m| MessageView {
            author: m.author_name.unwrap_or_else(|| ctx.t("space-someone")),
            from_provider: m.from_provider,
            body: crate::web::markdown::to_html(&m.body),
            when: time::OffsetDateTime::from_unix_timestamp(m.created_at)
                .ok()
                .and_then(|t| t.format(&fmt).ok())
                .unwrap_or_default(),
        })
        .collect();
    let tpl = ThreadPage {
        page: ctx.page(t_args(
            ctx.lang,
            "space-thread-title",
            &[("space", e.space_name.clone())],
        )),
        state_label: ctx.t(&format!("space-state-{}", e.state)),
        dates: dates
            .into_iter()
            .map(|(d, p)| (d, ctx.t(&format!("space-part-{p}"))))
            .collect(),
        is_provider: acc.is_provider,
        is_sender: acc.is_sender,
        base: acc.base.clone(),
        e,
        messages,
        errors,
        body,
    };
    let res = with_status(status, render(&tpl))?;
    Ok(if acc.by_key { private(res) } else { res })
}

/// The dates an enquiry asks for (the first date alone for enquiries without date rows).
async fn enquiry_dates(
    state: &AppState,
    org: i64,
    e: &EnquiryRow,
) -> AppResult<Vec<(String, String)>> {
    let mut dates: Vec<(String, String)> = state
        .db
        .all(
            "SELECT on_date, part FROM space_enquiry_dates WHERE org_id = $1 AND enquiry_id = $2 ORDER BY on_date, part",
            args![org, e.id],
        )
        .await?;
    if dates.is_empty() {
        dates.push((e.on_date.clone(), e.part.clone()));
    }
    Ok(dates)
}

pub async fn thread(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (e, acc) = load_enquiry(&ctx, &state, id).await?;
    render_thread(
        &ctx,
        &state,
        e,
        acc,
        FieldErrors::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// `GET /makelpunt/gast/{key}`: a guest's thread through the secret link from their mail.
pub async fn guest_thread(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> AppResult<Response> {
    let (e, acc) = load_by_key(&ctx, &state, &key).await?;
    render_thread(
        &ctx,
        &state,
        e,
        acc,
        FieldErrors::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// Mails the other side of the thread about something new.
async fn notify_other_side(
    ctx: &Ctx,
    state: &AppState,
    e: &EnquiryRow,
    from_provider: bool,
    what: String,
) -> AppResult<()> {
    let mut link = format!(
        "{}/makelpunt/aanvragen/{}",
        state.config.base_url.trim_end_matches('/'),
        e.id
    );
    let recipients = if from_provider {
        if e.guest {
            // Every mail to a guest carries its own working key.
            let mut tx = state.db.begin().await?;
            let key = new_guest_key(&mut tx, ctx.org.id, e.id).await?;
            tx.commit().await?;
            link = guest_url(state, &key);
        }
        vec![e.sender_email.clone()]
    } else {
        super::member_emails(&state.db, ctx.org.id, e.provider_id).await?
    };
    let subject = t_args(
        ctx.lang,
        "space-mail-thread-subject",
        &[("space", e.space_name.clone())],
    );
    let body = t_args(
        ctx.lang,
        "space-mail-thread-body",
        &[
            ("space", e.space_name.clone()),
            ("what", what),
            ("link", link),
        ],
    );
    for to in recipients {
        email::enqueue(
            &state.db,
            Mail {
                org_id: ctx.org.id,
                to: &to,
                subject: subject.clone(),
                body: body.clone(),
            },
        )
        .await?;
    }
    state.mail_wake.notify_one();
    Ok(())
}

pub async fn reply(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (e, acc) = load_enquiry(&ctx, &state, id).await?;
    do_reply(&ctx, &state, e, acc, Fields(f)).await
}

pub async fn guest_reply(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(key): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (e, acc) = load_by_key(&ctx, &state, &key).await?;
    do_reply(&ctx, &state, e, acc, Fields(f)).await
}

async fn do_reply(
    ctx: &Ctx,
    state: &AppState,
    e: EnquiryRow,
    acc: Access,
    f: Fields,
) -> AppResult<Response> {
    let id = e.id;
    let mut errors = FieldErrors::new();
    let body = forms::text(&mut errors, "body", &f.get("body"), 1, 4000, ctx.lang);
    if !errors.is_empty() {
        return render_thread(
            ctx,
            state,
            e,
            acc,
            errors,
            body,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    // Messages are only possible while the enquiry is open or agreed.
    let n = tx
        .run(
            "UPDATE space_enquiries SET updated_at = $3 WHERE id = $1 AND org_id = $2 AND state IN ('sent', 'answered', 'agreed')",
            args![id, ctx.org.id, t],
        )
        .await?;
    if n == 0 {
        return Err(AppError::Conflict(ctx.t("space-error-closed")));
    }
    tx.run(
        "INSERT INTO space_enquiry_messages (org_id, enquiry_id, author_id, from_provider, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        args![ctx.org.id, id, acc.user_id, acc.is_provider, &body, t],
    )
    .await?;
    // The provider's first reply answers the enquiry. Someone else's reply may have done so
    // a moment ago: then there is nothing to move.
    if acc.is_provider && e.state == Enquiry::Sent.as_str() {
        if let Some(answer) = ENQUIRY.find(Enquiry::Sent, "answer") {
            let step = Step {
                org: ctx.org.id,
                object_id: id,
                from: Enquiry::Sent,
                transition: answer,
                actor_id: Some(acc.user_id),
                note: "",
            };
            match workflow::apply(&mut tx, &ENQUIRY_TABLE, step).await {
                Ok(()) | Err(StepError::Lost) => {}
                Err(StepError::Db(e)) => return Err(e.into()),
            }
        }
    }
    tx.commit().await?;
    notify_other_side(ctx, state, &e, acc.is_provider, body).await?;
    Ok(private_if(
        acc.by_key,
        see_other(&format!("{}?melding=space-message-sent", acc.base)),
    ))
}

fn private_if(on: bool, res: Response) -> Response {
    if on {
        private(res)
    } else {
        res
    }
}

pub async fn transition(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (e, acc) = load_enquiry(&ctx, &state, id).await?;
    do_transition(&ctx, &state, e, acc, Fields(f)).await
}

pub async fn guest_transition(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(key): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (e, acc) = load_by_key(&ctx, &state, &key).await?;
    do_transition(&ctx, &state, e, acc, Fields(f)).await
}

async fn do_transition(
    ctx: &Ctx,
    state: &AppState,
    e: EnquiryRow,
    acc: Access,
    f: Fields,
) -> AppResult<Response> {
    let id = e.id;
    let (is_sender, is_provider) = (acc.is_sender, acc.is_provider);
    let to = f.get("to");
    let reason = f.get("reason");
    let action = match to.as_str() {
        "agreed" => "agree",
        "declined" => "decline",
        "withdrawn" => "withdraw",
        "cancelled" => "cancel",
        _ => return Err(AppError::BadRequest(ctx.t("space-error-transition"))),
    };
    // The roles this person has here; someone may be on both sides (a provider's member who
    // asked for one of its own rooms), and acts in the first role the rules allow.
    let roles: Vec<EnquiryActor> = [
        (is_provider, EnquiryActor::Provider),
        (is_sender, EnquiryActor::Seeker),
    ]
    .into_iter()
    .filter_map(|(has, actor)| has.then_some(actor))
    .collect();
    // Whether this role may ever take the step is asked first: a seeker who tries to agree
    // is refused (403), whatever state the enquiry is in.
    if !ENQUIRY
        .transitions_named(action)
        .any(|t| roles.iter().any(|r| t.by.contains(r)))
    {
        return Err(AppError::Forbidden);
    }
    let changed = || AppError::Conflict(ctx.t("space-error-transition"));
    let current = Enquiry::parse(&e.state).ok_or_else(changed)?;
    let step = roles
        .iter()
        .find_map(|r| ENQUIRY.check(current, action, *r).ok())
        .ok_or_else(changed)?;
    if to == "cancelled" && !(5..=2000).contains(&reason.chars().count()) {
        return Err(AppError::BadRequest(ctx.t("space-error-cancel-reason")));
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let taken = workflow::apply(
        &mut tx,
        &ENQUIRY_TABLE,
        Step {
            org: ctx.org.id,
            object_id: id,
            from: current,
            transition: step,
            actor_id: Some(acc.user_id),
            note: if to == "cancelled" { &reason } else { "" },
        },
    )
    .await;
    match taken {
        Ok(()) => {}
        Err(StepError::Lost) => return Err(changed()),
        Err(StepError::Db(e)) => return Err(e.into()),
    }
    match to.as_str() {
        "agreed" => {
            // Every date becomes a booking, all in this transaction. The primary key (space,
            // date, part) lets only one agreement take a slot: if any date is taken, nothing
            // is booked and the enquiry stays as it was.
            let mut dates: Vec<(String, String)> = tx
                .all(
                    "SELECT on_date, part FROM space_enquiry_dates WHERE org_id = $1 AND enquiry_id = $2 ORDER BY on_date, part",
                    args![ctx.org.id, id],
                )
                .await?;
            if dates.is_empty() {
                dates.push((e.on_date.clone(), e.part.clone()));
            }
            for (d, p) in &dates {
                let booked = tx
                    .run(
                        "INSERT INTO space_bookings (org_id, space_id, on_date, part, enquiry_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                        args![ctx.org.id, e.space_id, d, p, id, t],
                    )
                    .await;
                match booked {
                    Ok(_) => {}
                    Err(crate::db::DbError::Unique(_)) => {
                        return Err(AppError::Conflict(t_args(
                            ctx.lang,
                            "space-error-booked-date",
                            &[
                                ("date", d.clone()),
                                ("part", ctx.t(&format!("space-part-{p}"))),
                            ],
                        )))
                    }
                    Err(err) => return Err(err.into()),
                }
            }
        }
        "cancelled" => {
            tx.run(
                "DELETE FROM space_bookings WHERE org_id = $1 AND enquiry_id = $2",
                args![ctx.org.id, id],
            )
            .await?;
            tx.run(
                "INSERT INTO space_enquiry_messages (org_id, enquiry_id, author_id, from_provider, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                args![ctx.org.id, id, acc.user_id, is_provider, &reason, t],
            )
            .await?;
        }
        _ => {}
    }
    tx.commit().await?;
    let mut what = ctx.t(&format!("space-state-{to}"));
    if to == "cancelled" {
        what = format!("{what}: {reason}");
    }
    // Who acted: the provider, unless the seeker withdrew or cancelled.
    let from_provider = is_provider && !(is_sender || to == "withdrawn");
    notify_other_side(ctx, state, &e, from_provider, what).await?;
    Ok(private_if(
        acc.by_key,
        see_other(&format!("{}?melding=space-state-changed", acc.base)),
    ))
}

/// Clock times of a part of the day, for the calendar feed.
fn part_times(part: &str) -> (&'static str, &'static str) {
    match part {
        "morning" => ("090000", "120000"),
        "afternoon" => ("130000", "170000"),
        _ => ("190000", "220000"),
    }
}

/// Escapes text for an iCalendar TEXT value.
fn ical_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// `GET /makelpunt/ruimtes/{id}/agenda.ics`: agreed bookings and date exceptions of a public
/// space as an iCalendar feed. Bookings show as "busy" without who booked.
pub async fn ical(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let (s, _, public) = visible_space(&ctx, &state, id).await?;
    if !public {
        return Err(AppError::NotFound);
    }
    let org = ctx.org.id;
    let bookings: Vec<(String, String)> = state
        .db
        .all(
            "SELECT on_date, part FROM space_bookings WHERE org_id = $1 AND space_id = $2 ORDER BY on_date, part",
            args![org, id],
        )
        .await?;
    let exceptions: Vec<(String, String, String)> = state
        .db
        .all(
            "SELECT on_date, part, kind FROM space_exceptions WHERE org_id = $1 AND space_id = $2 ORDER BY on_date, part",
            args![org, id],
        )
        .await?;
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default();
    let host = state
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("meedoen")
        .trim_end_matches('/')
        .to_string();
    let mut out = String::new();
    // Content lines are folded at 75 octets (RFC 5545 3.1), never inside a character.
    let mut line = |l: String| {
        let mut used = 0;
        for ch in l.chars() {
            if used + ch.len_utf8() > 75 {
                out.push_str("\r\n ");
                used = 1;
            }
            out.push(ch);
            used += ch.len_utf8();
        }
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//meedoen//Makelpunt//NL".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!("X-WR-CALNAME:{}", ical_text(&s.name)));
    let events = bookings
        .iter()
        .map(|(d, p)| (d, p, "booking", ctx.t("space-ical-booked")))
        .chain(exceptions.iter().map(|(d, p, k)| {
            (
                d,
                p,
                if k == "closed" { "closed" } else { "extra" },
                ctx.t(&format!("space-exception-{k}")),
            )
        }));
    for (date, part, kind, summary) in events {
        let day = date.replace('-', "");
        if day.len() != 8 || !day.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let (from, to) = part_times(part);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{kind}-{id}-{day}-{part}@{host}"));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART:{day}T{from}"));
        line(format!("DTEND:{day}T{to}"));
        line(format!("SUMMARY:{}", ical_text(&summary)));
        line(format!(
            "TRANSP:{}",
            if kind == "extra" {
                "TRANSPARENT"
            } else {
                "OPAQUE"
            }
        ));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        out,
    )
        .into_response())
}
