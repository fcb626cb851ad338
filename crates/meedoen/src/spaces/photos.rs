//! Photos of a space: provider members upload them (multipart, through
//! `uploads::store_image`, which checks and re-encodes) with a required description for
//! people who cannot see them, and remove them.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use super::manage::PhotoInput;
use super::see_other;
use crate::args;
use crate::db::{now, Db, DbResult};
use crate::state::AppState;
use crate::web::forms::FieldErrors;
use crate::web::{AppError, AppResult, Ctx};

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct Photo {
    pub id: i64,
    pub storage_key: String,
    pub alt: String,
    pub width: i64,
    pub height: i64,
}

impl Photo {
    pub fn small(&self) -> String {
        crate::uploads::small_key(&self.storage_key)
    }

    pub fn picture(&self) -> crate::uploads::Picture {
        crate::uploads::Picture::new(&self.storage_key, self.width, self.height, &self.alt)
    }
}

pub async fn of_space(db: &Db, org: i64, sid: i64) -> DbResult<Vec<Photo>> {
    db.all(
        "SELECT p.id, u.storage_key, p.alt, u.width, u.height FROM space_photos p JOIN uploads u ON u.id = p.upload_id AND u.org_id = p.org_id \
         WHERE p.org_id = $1 AND p.space_id = $2 ORDER BY p.id",
        args![org, sid],
    )
    .await
}

const MAX_PHOTOS: i64 = 12;

pub async fn add(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((pid, sid)): Path<(i64, i64)>,
    mp: Multipart,
) -> AppResult<Response> {
    let uid = super::require_provider_member(&ctx, &state.db, pid).await?;
    let exists = state
        .db
        .scalar::<i64>(
            "SELECT id FROM spaces WHERE id = $1 AND org_id = $2 AND provider_id = $3",
            args![sid, ctx.org.id, pid],
        )
        .await?;
    if exists.is_none() {
        return Err(AppError::NotFound);
    }
    let parts = crate::web::multipart::read(mp, &["photo"], usize::MAX)
        .await
        .map_err(|_| AppError::BadRequest(ctx.t("space-error-photo")))?;
    if parts.body_too_large {
        return Err(AppError::PayloadTooLarge);
    }
    let alt = parts.get("alt").trim().to_string();
    let pending_id = parts.get("upload_id").trim().parse::<i64>().ok();
    let file = parts
        .file("photo")
        .filter(|u| !u.bytes.is_empty())
        .map(|u| {
            let name = if u.file_name.is_empty() {
                "foto".to_string()
            } else {
                u.file_name.clone()
            };
            (name, u.bytes.clone())
        });
    let n: i64 = state
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_photos WHERE org_id = $1 AND space_id = $2",
            args![ctx.org.id, sid],
        )
        .await?
        .unwrap_or(0);
    if n >= MAX_PHOTOS {
        return Err(AppError::Conflict(ctx.t("space-error-photo-max")));
    }
    // The photo is stored as soon as it arrives, also when the text is missing: the form
    // then keeps it, so the person only adds the text (as the idea form does).
    let mut errors = FieldErrors::new();
    let mut photo = PhotoInput {
        alt: alt.clone(),
        pending: None,
    };
    if let Some((name, bytes)) = file {
        match crate::uploads::store_image(&state, ctx.org.id, Some(uid), &name, bytes).await {
            Ok(img) => photo.pending = Some((img.id, img.key)),
            Err(crate::uploads::UploadError::Internal(e)) => return Err(AppError::Internal(e)),
            Err(e) => errors.add("photo", ctx.t(e.message_key())),
        }
    } else if let Some(id) = pending_id {
        // Only this person's own upload that is on no space or idea yet.
        photo.pending = state
            .db
            .scalar::<String>(
                "SELECT u.storage_key FROM uploads u WHERE u.org_id = $1 AND u.id = $2 AND u.owner_id = $3 \
                 AND NOT EXISTS (SELECT 1 FROM space_photos p WHERE p.upload_id = u.id) \
                 AND NOT EXISTS (SELECT 1 FROM idea_images x WHERE x.upload_id = u.id)",
                args![ctx.org.id, id, uid],
            )
            .await?
            .map(|key| (id, key));
        if photo.pending.is_none() {
            errors.add("photo", ctx.t("space-error-photo"));
        }
    } else {
        errors.add("photo", ctx.t("space-error-photo"));
    }
    if !(3..=200).contains(&alt.chars().count()) {
        errors.add("alt", ctx.t("space-error-photo-alt"));
    }
    let upload_id = match (&photo.pending, errors.is_empty()) {
        (Some((id, _)), true) => *id,
        _ => return super::manage::photo_refused(&ctx, &state, pid, sid, errors, photo).await,
    };
    state
        .db
        .exec(
            "INSERT INTO space_photos (org_id, space_id, upload_id, alt, created_at) VALUES ($1, $2, $3, $4, $5)",
            args![ctx.org.id, sid, upload_id, &alt, now()],
        )
        .await?;
    Ok(see_other(&format!(
        "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bewerken?melding=space-photo-added"
    )))
}

pub async fn remove(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((pid, sid, photo)): Path<(i64, i64, i64)>,
) -> AppResult<Response> {
    super::require_provider_member(&ctx, &state.db, pid).await?;
    let n = state
        .db
        .exec(
            "DELETE FROM space_photos WHERE id = $1 AND org_id = $2 AND space_id = $3 \
             AND space_id IN (SELECT id FROM spaces WHERE org_id = $2 AND provider_id = $4)",
            args![photo, ctx.org.id, sid, pid],
        )
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!(
        "/makelpunt/aanbieder/{pid}/ruimtes/{sid}/bewerken?melding=space-photo-removed"
    )))
}
