//! Providers: registration by a member, the provider's own dashboard, and staff approval
//! (with the activity list) under `/beheer/makelpunt`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;

use super::{see_other, with_status, Fields, NamedId, PROVIDER_KINDS};
use crate::args;
use crate::audit::{self, Entry};
use crate::db::{now, DbError};
use crate::email::{self, Mail};
use crate::state::AppState;
use crate::web::forms::{self, FieldErrors};
use crate::web::{render, AppError, AppResult, Ctx, Page};

#[derive(Template)]
#[template(path = "spaces/provider_form.html")]
struct RegisterPage {
    page: Page,
    input: Fields,
    errors: FieldErrors,
    kinds: Vec<(&'static str, String)>,
}

impl RegisterPage {
    fn v(&self, k: &str) -> String {
        self.input.get(k)
    }
    fn err(&self, k: &str) -> String {
        self.errors.get(k).unwrap_or("").to_string()
    }
    fn kind_selected(&self, k: &str) -> bool {
        self.input.get("kind") == k
    }
}

fn kinds(ctx: &Ctx) -> Vec<(&'static str, String)> {
    PROVIDER_KINDS
        .iter()
        .map(|k| (*k, ctx.t(&format!("space-kind-{k}"))))
        .collect()
}

pub async fn register_form(ctx: Ctx) -> AppResult<Response> {
    ctx.require_member()?;
    render(&RegisterPage {
        page: ctx.page(ctx.t("space-provider-register-title")),
        input: Fields::default(),
        errors: FieldErrors::new(),
        kinds: kinds(&ctx),
    })
}

pub async fn register(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_member()?.clone();
    let input = Fields(f);
    let mut errors = FieldErrors::new();
    let name = forms::text(&mut errors, "name", &input.get("name"), 2, 120, ctx.lang);
    let kind = input.get("kind");
    if !PROVIDER_KINDS.contains(&kind.as_str()) {
        errors.add("kind", ctx.t("space-error-kind"));
    }
    let contact_email = forms::email(
        &mut errors,
        "contact_email",
        &input.get("contact_email"),
        ctx.lang,
    );
    let phone = forms::text(
        &mut errors,
        "contact_phone",
        &input.get("contact_phone"),
        0,
        40,
        ctx.lang,
    );
    if !input.has("may_share") {
        errors.add("may_share", ctx.t("space-error-may-share"));
    }
    if errors.is_empty() {
        let t = now();
        let mut tx = state.db.begin().await?;
        let res = tx
            .write_scalar::<i64>(
                "INSERT INTO space_providers (org_id, name, kind, contact_email, contact_phone, may_share, status, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, TRUE, 'pending', $6, $7, $7) RETURNING id",
                args![ctx.org.id, &name, &kind, &contact_email, &phone, user.id, t],
            )
            .await;
        match res {
            Ok(pid) => {
                tx.run(
                    "INSERT INTO space_provider_members (org_id, provider_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
                    args![ctx.org.id, pid, user.id, t],
                )
                .await?;
                tx.commit().await?;
                return Ok(see_other(&format!(
                    "/makelpunt/aanbieder/{pid}?melding=space-provider-registered"
                )));
            }
            Err(DbError::Unique(_)) => errors.add("name", ctx.t("space-error-provider-exists")),
            Err(e) => return Err(e.into()),
        }
    }
    let tpl = RegisterPage {
        page: ctx.page(ctx.t("space-provider-register-title")),
        input,
        errors,
        kinds: kinds(&ctx),
    };
    with_status(StatusCode::UNPROCESSABLE_ENTITY, render(&tpl))
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct ProviderRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub status: String,
    pub decision_reason: String,
}

#[derive(Template)]
#[template(path = "spaces/mine.html")]
struct MinePage {
    page: Page,
    providers: Vec<ProviderRow>,
}

pub async fn mine(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let u = ctx.require_member()?;
    claim_invites(&ctx, &state, u.id, &u.email).await?;
    let providers: Vec<ProviderRow> = state
        .db
        .all(
            "SELECT p.id, p.name, p.kind, p.contact_email, p.contact_phone, p.status, p.decision_reason \
             FROM space_providers p JOIN space_provider_members m ON m.provider_id = p.id \
             WHERE p.org_id = $1 AND m.user_id = $2 ORDER BY p.name",
            args![ctx.org.id, u.id],
        )
        .await?;
    render(&MinePage {
        page: ctx.page(ctx.t("space-mine-title")),
        providers,
    })
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct SpaceListRow {
    pub id: i64,
    pub name: String,
    pub status: String,
    pub max_capacity: i64,
    pub unpublished_reason: String,
    pub reminded_at: Option<i64>,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct EnquiryListRow {
    pub id: i64,
    pub space_name: String,
    pub on_date: String,
    pub part: String,
    pub people: i64,
    pub state: String,
}

#[derive(Template)]
#[template(path = "spaces/dashboard.html")]
struct DashboardPage {
    page: Page,
    provider: ProviderRow,
    spaces: Vec<SpaceListRow>,
    enquiries: Vec<EnquiryListRow>,
}

pub async fn dashboard(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(pid): Path<i64>,
) -> AppResult<Response> {
    super::require_provider_member(&ctx, &state.db, pid).await?;
    let provider: ProviderRow = state
        .db
        .one(
            "SELECT id, name, kind, contact_email, contact_phone, status, decision_reason FROM space_providers WHERE id = $1 AND org_id = $2",
            args![pid, ctx.org.id],
        )
        .await?;
    let spaces: Vec<SpaceListRow> = state
        .db
        .all(
            "SELECT id, name, status, max_capacity, unpublished_reason, reminded_at FROM spaces WHERE org_id = $1 AND provider_id = $2 ORDER BY name",
            args![ctx.org.id, pid],
        )
        .await?;
    let enquiries: Vec<EnquiryListRow> = state
        .db
        .all(
            "SELECT e.id, s.name AS space_name, e.on_date, e.part, e.people, e.state FROM space_enquiries e \
             JOIN spaces s ON s.id = e.space_id WHERE e.org_id = $1 AND s.provider_id = $2 AND e.held = FALSE ORDER BY e.updated_at DESC, e.id DESC LIMIT 200",
            args![ctx.org.id, pid],
        )
        .await?;
    render(&DashboardPage {
        page: ctx.page(provider.name.clone()),
        provider,
        spaces,
        enquiries,
    })
}

// ---------------------------------------------------------------------------------------
// Staff

#[derive(Template)]
#[template(path = "spaces/staff.html")]
struct StaffPage {
    page: Page,
    pending: Vec<ProviderRow>,
    decided: Vec<ProviderRow>,
    activities: Vec<NamedId>,
    published: Vec<PublishedRow>,
    errors: FieldErrors,
    new_activity: String,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct PublishedRow {
    id: i64,
    name: String,
    provider_name: String,
}

async fn render_staff(
    ctx: &Ctx,
    state: &AppState,
    errors: FieldErrors,
    new_activity: String,
    status: StatusCode,
) -> AppResult<Response> {
    let pending: Vec<ProviderRow> = state
        .db
        .all(
            "SELECT id, name, kind, contact_email, contact_phone, status, decision_reason FROM space_providers \
             WHERE org_id = $1 AND status = 'pending' ORDER BY created_at, id",
            args![ctx.org.id],
        )
        .await?;
    let decided: Vec<ProviderRow> = state
        .db
        .all(
            "SELECT id, name, kind, contact_email, contact_phone, status, decision_reason FROM space_providers \
             WHERE org_id = $1 AND status <> 'pending' ORDER BY updated_at DESC, id DESC LIMIT 100",
            args![ctx.org.id],
        )
        .await?;
    let activities = super::activities(&state.db, ctx.org.id).await?;
    let published: Vec<PublishedRow> = state
        .db
        .all(
            "SELECT s.id, s.name, p.name AS provider_name FROM spaces s JOIN space_providers p ON p.id = s.provider_id \
             WHERE s.org_id = $1 AND s.status = 'published' AND p.status = 'approved' ORDER BY p.name, s.name LIMIT 500",
            args![ctx.org.id],
        )
        .await?;
    let tpl = StaffPage {
        published,
        page: ctx.page(ctx.t("space-staff-title")),
        pending,
        decided,
        activities,
        errors,
        new_activity,
    };
    with_status(status, render(&tpl))
}

pub async fn staff_page(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(super::MANAGE)?;
    render_staff(
        &ctx,
        &state,
        FieldErrors::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn decide(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(pid): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let staff = ctx.require(super::MANAGE)?.clone();
    let f = Fields(f);
    let decision = f.get("decision");
    let reason = f.get("reason");
    let (status, sql): (&str, &'static str) = match decision.as_str() {
        "approve" => ("approved", "UPDATE space_providers SET status = 'approved', decision_reason = $3, updated_at = $4 WHERE id = $1 AND org_id = $2 AND status = 'pending'"),
        "reject" => ("rejected", "UPDATE space_providers SET status = 'rejected', decision_reason = $3, updated_at = $4 WHERE id = $1 AND org_id = $2 AND status = 'pending'"),
        _ => return Err(AppError::BadRequest(ctx.t("space-error-decision"))),
    };
    if status == "rejected" && reason.chars().count() < 5 {
        return Err(AppError::BadRequest(ctx.t("space-error-reason")));
    }
    if reason.chars().count() > 2000 {
        return Err(AppError::BadRequest(ctx.t("space-error-reason")));
    }
    let mut tx = state.db.begin().await?;
    let p: Option<(String, String)> = tx
        .opt(
            "SELECT name, contact_email FROM space_providers WHERE id = $1 AND org_id = $2",
            args![pid, ctx.org.id],
        )
        .await?;
    let Some((name, contact)) = p else {
        return Err(AppError::NotFound);
    };
    let n = tx.run(sql, args![pid, ctx.org.id, &reason, now()]).await?;
    if n == 0 {
        return Err(AppError::Conflict(ctx.t("space-error-already-decided")));
    }
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: ctx.org.id,
            actor_id: Some(staff.id),
            action: if status == "approved" {
                "space_provider.approve"
            } else {
                "space_provider.reject"
            },
            object_type: "space_provider",
            object_id: Some(pid.to_string()),
            detail: format!("{name}: {reason}"),
        },
    )
    .await?;
    let (subject, body) = if status == "approved" {
        (
            ctx.t("space-mail-approved-subject"),
            crate::web::i18n::t_args(
                ctx.lang,
                "space-mail-approved-body",
                &[("name", name.clone())],
            ),
        )
    } else {
        (
            ctx.t("space-mail-rejected-subject"),
            crate::web::i18n::t_args(
                ctx.lang,
                "space-mail-rejected-body",
                &[("name", name.clone()), ("reason", reason.clone())],
            ),
        )
    };
    email::enqueue_tx(
        &mut tx,
        Mail {
            org_id: ctx.org.id,
            to: &contact,
            subject,
            body,
        },
    )
    .await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(see_other("/beheer/makelpunt?melding=space-decided"))
}

pub async fn add_activity(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let staff = ctx.require(super::MANAGE)?.clone();
    let f = Fields(f);
    let mut errors = FieldErrors::new();
    let name = forms::text(&mut errors, "activity", &f.get("activity"), 2, 60, ctx.lang);
    if errors.is_empty() {
        match state
            .db
            .exec(
                "INSERT INTO space_activities (org_id, name) VALUES ($1, $2)",
                args![ctx.org.id, &name],
            )
            .await
        {
            Ok(_) => {
                audit::record(
                    &state.db,
                    Entry {
                        org_id: ctx.org.id,
                        actor_id: Some(staff.id),
                        action: "space_activity.add",
                        object_type: "space_activity",
                        object_id: None,
                        detail: name,
                    },
                )
                .await?;
                return Ok(see_other("/beheer/makelpunt?melding=space-activity-added"));
            }
            Err(DbError::Unique(_)) => errors.add("activity", ctx.t("space-error-activity-exists")),
            Err(e) => return Err(e.into()),
        }
    }
    render_staff(&ctx, &state, errors, name, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// Turns open invites for this member's (verified) address into memberships.
async fn claim_invites(ctx: &Ctx, state: &AppState, uid: i64, email: &str) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let open: Vec<(i64, i64)> = state
        .db
        .all(
            "SELECT id, provider_id FROM space_provider_invites WHERE org_id = $1 AND email = $2 AND accepted_at IS NULL",
            args![ctx.org.id, &email],
        )
        .await?;
    if open.is_empty() {
        return Ok(());
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    for (iid, pid) in open {
        let n = tx
            .run(
                "UPDATE space_provider_invites SET accepted_at = $3 WHERE id = $1 AND org_id = $2 AND accepted_at IS NULL",
                args![iid, ctx.org.id, t],
            )
            .await?;
        if n == 1 {
            tx.run(
                "INSERT INTO space_provider_members (org_id, provider_id, user_id, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (provider_id, user_id) DO NOTHING",
                args![ctx.org.id, pid, uid, t],
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A provider member invites a colleague by email.
pub async fn invite(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(pid): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let uid = super::require_provider_member(&ctx, &state.db, pid).await?;
    let f = Fields(f);
    let mut errors = FieldErrors::new();
    let email = forms::email(&mut errors, "email", &f.get("email"), ctx.lang);
    if let Some(m) = errors.get("email") {
        return Err(AppError::BadRequest(m.to_string()));
    }
    let name: String = state
        .db
        .scalar(
            "SELECT name FROM space_providers WHERE id = $1 AND org_id = $2",
            args![pid, ctx.org.id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let res = tx
        .run(
            "INSERT INTO space_provider_invites (org_id, provider_id, email, invited_by, created_at) VALUES ($1, $2, $3, $4, $5)",
            args![ctx.org.id, pid, &email, uid, now()],
        )
        .await;
    match res {
        Ok(_) => {}
        Err(DbError::Unique(_)) => return Err(AppError::Conflict(ctx.t("space-error-invited"))),
        Err(e) => return Err(e.into()),
    }
    let link = format!(
        "{}/makelpunt/aanbieder",
        state.config.base_url.trim_end_matches('/')
    );
    let inviter = ctx
        .user
        .as_ref()
        .map(|u| u.display_name.clone())
        .unwrap_or_default();
    email::enqueue_tx(
        &mut tx,
        Mail {
            org_id: ctx.org.id,
            to: &email,
            subject: crate::web::i18n::t_args(
                ctx.lang,
                "space-mail-invite-subject",
                &[("name", name.clone())],
            ),
            body: crate::web::i18n::t_args(
                ctx.lang,
                "space-mail-invite-body",
                &[("name", name), ("inviter", inviter), ("link", link)],
            ),
        },
    )
    .await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(see_other(&format!(
        "/makelpunt/aanbieder/{pid}?melding=space-invited"
    )))
}

/// Staff take a listing offline with a reason; the provider is told by email.
pub async fn unpublish(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(sid): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let staff = ctx.require(super::MANAGE)?.clone();
    let reason = Fields(f).get("reason");
    if !(5..=2000).contains(&reason.chars().count()) {
        return Err(AppError::BadRequest(ctx.t("space-error-reason")));
    }
    let row: Option<(String, i64, String)> = state
        .db
        .opt(
            "SELECT s.name, p.id, p.contact_email FROM spaces s JOIN space_providers p ON p.id = s.provider_id \
             WHERE s.id = $1 AND s.org_id = $2",
            args![sid, ctx.org.id],
        )
        .await?;
    let Some((name, pid, contact)) = row else {
        return Err(AppError::NotFound);
    };
    let mut to = super::member_emails(&state.db, ctx.org.id, pid).await?;
    if !to.contains(&contact) {
        to.push(contact);
    }
    let mut tx = state.db.begin().await?;
    let n = tx
        .run(
            "UPDATE spaces SET status = 'draft', unpublished_reason = $3, updated_at = $4 WHERE id = $1 AND org_id = $2 AND status = 'published'",
            args![sid, ctx.org.id, &reason, now()],
        )
        .await?;
    if n == 0 {
        return Err(AppError::Conflict(ctx.t("space-error-not-published")));
    }
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: ctx.org.id,
            actor_id: Some(staff.id),
            action: "space.unpublish",
            object_type: "space",
            object_id: Some(sid.to_string()),
            detail: format!("{name}: {reason}"),
        },
    )
    .await?;
    for addr in &to {
        email::enqueue_tx(
            &mut tx,
            Mail {
                org_id: ctx.org.id,
                to: addr,
                subject: crate::web::i18n::t_args(
                    ctx.lang,
                    "space-mail-unpublished-subject",
                    &[("space", name.clone())],
                ),
                body: crate::web::i18n::t_args(
                    ctx.lang,
                    "space-mail-unpublished-body",
                    &[("space", name.clone()), ("reason", reason.clone())],
                ),
            },
        )
        .await?;
    }
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(see_other("/beheer/makelpunt?melding=space-unpublished"))
}
