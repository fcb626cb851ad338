//! The public space page with its enquiry form, and the enquiry thread between the seeker
//! and the provider's members. State changes are conditional UPDATEs, so an illegal
//! transition (e.g. agreeing to a withdrawn enquiry) changes nothing and is refused.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;

use super::manage::{SpaceRow, ACCESS_LIST, FEATURE_LIST};
use super::{see_other, with_status, Fields, PARTS};
use crate::app::AppState;
use crate::args;
use crate::db::now;
use crate::email::{self, Mail};
use crate::ratelimit::{self, Limit};
use crate::web::forms::{self, FieldErrors};
use crate::web::i18n::t_args;
use crate::web::{render, AppError, AppResult, Ctx, Page};

/// Enquiries per sender per hour.
pub const ENQUIRY_LIMIT: Limit = Limit {
    limit: 10,
    window_secs: 3600,
};

#[derive(sqlx::FromRow)]
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
    fn part_selected(&self, p: &str) -> bool {
        self.input.get("part") == p
    }
}

const PUBLIC_SPACE: &str = "SELECT id, provider_id, name, description, address, area_id, max_capacity, area_m2, kitchen, av, storage, outdoor, parking, wifi, \
     step_free, accessible_toilet, hearing_loop, lift, price_type, price_cents, house_rules, status, updated_at FROM spaces \
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
    let area_name: Option<String> = match s.area_id {
        Some(a) => {
            state
                .db
                .scalar(
                    "SELECT name FROM areas WHERE id = $1 AND org_id = $2",
                    args![a, org],
                )
                .await?
        }
        None => None,
    };
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
    let price = match (s.price_type.as_str(), s.price_cents) {
        ("amount", Some(c)) => t_args(
            ctx.lang,
            "space-price-amount-value",
            &[("amount", super::euros(c))],
        ),
        (p, _) => ctx.t(&format!("space-price-{p}")),
    };
    let photos = super::photos::of_space(&state.db, org, id).await?;
    let tpl = ShowPage {
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
    with_status(status, render(&tpl))
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

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.clone();
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
    let hit = ratelimit::attempt(
        &state.db,
        &format!("space-enquiry:{}:{}", ctx.org.id, user.id),
        ENQUIRY_LIMIT,
    )
    .await?;
    if !hit.allowed {
        return Err(AppError::TooManyRequests);
    }
    let mut e = FieldErrors::new();
    let activity = forms::text(&mut e, "activity", &input.get("activity"), 2, 120, ctx.lang);
    let date = input.get("on_date");
    if super::parse_date(&date).is_none() {
        e.add("on_date", ctx.t("space-error-date"));
    }
    let part = input.get("part");
    if !PARTS.contains(&part.as_str()) {
        e.add("part", ctx.t("space-error-part"));
    }
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
        ratelimit::undo(&state.db, &hit).await?;
        return render_show(&ctx, &state, id, input, e, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let t = now();
    let emails = super::member_emails(&state.db, ctx.org.id, provider.id).await?;
    let mut tx = state.db.begin().await?;
    let eid: i64 = tx
        .write_scalar(
            "INSERT INTO space_enquiries (org_id, space_id, sender_id, activity, on_date, part, people, state, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'sent', $8, $8) RETURNING id",
            args![ctx.org.id, s.id, user.id, &activity, &date, &part, people, t],
        )
        .await?;
    tx.run(
        "INSERT INTO space_enquiry_messages (org_id, enquiry_id, author_id, from_provider, body, created_at) VALUES ($1, $2, $3, FALSE, $4, $5)",
        args![ctx.org.id, eid, user.id, &message, t],
    )
    .await?;
    let link = format!(
        "{}/makelpunt/aanvragen/{eid}",
        state.config.base_url.trim_end_matches('/')
    );
    for to in &emails {
        let body = t_args(
            ctx.lang,
            "space-mail-enquiry-body",
            &[
                ("space", s.name.clone()),
                ("name", user.display_name.clone()),
                ("activity", activity.clone()),
                ("date", date.clone()),
                ("people", people.to_string()),
                ("message", message.clone()),
                ("link", link.clone()),
            ],
        );
        let subject = t_args(
            ctx.lang,
            "space-mail-enquiry-subject",
            &[("space", s.name.clone())],
        );
        email::enqueue_tx(
            &mut tx,
            Mail {
                org_id: ctx.org.id,
                to,
                subject,
                body,
            },
        )
        .await?;
    }
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(see_other(&format!(
        "/makelpunt/aanvragen/{eid}?melding=space-enquiry-sent"
    )))
}

#[derive(sqlx::FromRow)]
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
}

#[derive(sqlx::FromRow)]
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

#[derive(Template)]
#[template(path = "spaces/thread.html")]
struct ThreadPage {
    page: Page,
    e: EnquiryRow,
    is_provider: bool,
    is_sender: bool,
    state_label: String,
    part_label: String,
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

/// The enquiry and who the viewer is in it; others get a 404.
async fn load_enquiry(ctx: &Ctx, state: &AppState, id: i64) -> AppResult<(EnquiryRow, bool, bool)> {
    let u = ctx.require_user()?;
    let e: EnquiryRow = state
        .db
        .opt(
            "SELECT e.id, e.space_id, s.name AS space_name, s.provider_id, e.sender_id, u.email AS sender_email, e.activity, e.on_date, e.part, e.people, e.state \
             FROM space_enquiries e JOIN spaces s ON s.id = e.space_id AND s.org_id = e.org_id JOIN users u ON u.id = e.sender_id \
             WHERE e.id = $1 AND e.org_id = $2",
            args![id, ctx.org.id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let is_sender = e.sender_id == u.id;
    let is_provider = super::is_member(&state.db, ctx.org.id, e.provider_id, u.id).await?;
    if !is_sender && !is_provider {
        return Err(AppError::NotFound);
    }
    Ok((e, is_sender, is_provider))
}

async fn render_thread(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    errors: FieldErrors,
    body: String,
    status: StatusCode,
) -> AppResult<Response> {
    let (e, is_sender, is_provider) = load_enquiry(ctx, state, id).await?;
    let rows: Vec<MessageRow> = state
        .db
        .all(
            "SELECT u.display_name AS author_name, m.from_provider, m.body, m.created_at FROM space_enquiry_messages m \
             LEFT JOIN users u ON u.id = m.author_id WHERE m.org_id = $1 AND m.enquiry_id = $2 ORDER BY m.created_at, m.id",
            args![ctx.org.id, id],
        )
        .await?;
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
        part_label: ctx.t(&format!("space-part-{}", e.part)),
        is_provider,
        is_sender,
        e,
        messages,
        errors,
        body,
    };
    with_status(status, render(&tpl))
}

pub async fn thread(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    render_thread(
        &ctx,
        &state,
        id,
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
    let link = format!(
        "{}/makelpunt/aanvragen/{}",
        state.config.base_url.trim_end_matches('/'),
        e.id
    );
    let recipients = if from_provider {
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
    let (e, _is_sender, is_provider) = load_enquiry(&ctx, &state, id).await?;
    let uid = ctx.require_user()?.id;
    let f = Fields(f);
    let mut errors = FieldErrors::new();
    let body = forms::text(&mut errors, "body", &f.get("body"), 1, 4000, ctx.lang);
    if !errors.is_empty() {
        return render_thread(
            &ctx,
            &state,
            id,
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
        args![ctx.org.id, id, uid, is_provider, &body, t],
    )
    .await?;
    if is_provider {
        tx.run("UPDATE space_enquiries SET state = 'answered' WHERE id = $1 AND org_id = $2 AND state = 'sent'", args![id, ctx.org.id]).await?;
    }
    tx.commit().await?;
    notify_other_side(&ctx, &state, &e, is_provider, body).await?;
    Ok(see_other(&format!(
        "/makelpunt/aanvragen/{id}?melding=space-message-sent"
    )))
}

pub async fn transition(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (e, is_sender, is_provider) = load_enquiry(&ctx, &state, id).await?;
    let f = Fields(f);
    let to = f.get("to");
    let reason = f.get("reason");
    let sql: &'static str = match to.as_str() {
        "agreed" if is_provider => {
            "UPDATE space_enquiries SET state = 'agreed', updated_at = $3 WHERE id = $1 AND org_id = $2 AND state = 'answered'"
        }
        "declined" if is_provider => {
            "UPDATE space_enquiries SET state = 'declined', updated_at = $3 WHERE id = $1 AND org_id = $2 AND state IN ('sent', 'answered')"
        }
        "withdrawn" if is_sender => {
            "UPDATE space_enquiries SET state = 'withdrawn', updated_at = $3 WHERE id = $1 AND org_id = $2 AND state IN ('sent', 'answered')"
        }
        // Either side may cancel an agreed booking, with a reason.
        "cancelled" => {
            "UPDATE space_enquiries SET state = 'cancelled', updated_at = $3 WHERE id = $1 AND org_id = $2 AND state = 'agreed'"
        }
        "agreed" | "declined" | "withdrawn" => return Err(AppError::Forbidden),
        _ => return Err(AppError::BadRequest(ctx.t("space-error-transition"))),
    };
    if to == "cancelled" && !(5..=2000).contains(&reason.chars().count()) {
        return Err(AppError::BadRequest(ctx.t("space-error-cancel-reason")));
    }
    let t = now();
    let uid = ctx.require_user()?.id;
    let mut tx = state.db.begin().await?;
    let n = tx.run(sql, args![id, ctx.org.id, t]).await?;
    if n == 0 {
        return Err(AppError::Conflict(ctx.t("space-error-transition")));
    }
    match to.as_str() {
        "agreed" => {
            // The primary key (space, date, part) lets only one agreement take a slot.
            let booked = tx
                .run(
                    "INSERT INTO space_bookings (org_id, space_id, on_date, part, enquiry_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    args![ctx.org.id, e.space_id, &e.on_date, &e.part, id, t],
                )
                .await;
            match booked {
                Ok(_) => {}
                Err(crate::db::DbError::Unique(_)) => {
                    return Err(AppError::Conflict(ctx.t("space-error-booked")))
                }
                Err(err) => return Err(err.into()),
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
                args![ctx.org.id, id, uid, is_provider, &reason, t],
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
    notify_other_side(&ctx, &state, &e, from_provider, what).await?;
    Ok(see_other(&format!(
        "/makelpunt/aanvragen/{id}?melding=space-state-changed"
    )))
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
