//! `/beheer/instellingen/thema`: a municipality's theme is its design-token file (issue 18).
//!
//! Staff with `SETTINGS` paste or upload the token file of their municipality's NL Design
//! System package, look at a preview of the site with it, and save it; or they run
//! `meedoen admin theme`. A logo and a favicon go with it. The token file is checked by
//! `web::theme::parse_tokens` (only custom properties with safe values); a refused file keeps
//! the current theme and stays in the form with the checker's message and line number.
//!
//! Contrast problems (`web::theme::contrast_issues`) block saving until the person ticks
//! "Ik weet het, toch opslaan"; the audit log then names the problems that were accepted.
//! Every change raises `orgs.theme_version`, which is in the stylesheet's URL
//! (`web::assets::ThemeLinks`), so browsers cache it for a year and still see a change at once.

use std::io::Cursor;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use rand::TryRngCore;

use super::areas::Confirm;
use crate::args;
use crate::audit::{self, Entry};
use crate::db::{now, Db, DbResult};
use crate::state::AppState;
use crate::uploads::{self, UploadError};
use crate::web::assets::{settings_css, ThemeImage};
use crate::web::i18n::{self, Lang};
use crate::web::theme::{self, ContrastIssue, ThemeError, Tokens};
use crate::web::{render, AppError, AppResult, Ctx, FieldErrors, Page};

/// The logo is kept as a PNG of at most this size (twice the header's 2.5rem and more).
pub const LOGO_MAX_WIDTH: u32 = 640;
pub const LOGO_MAX_HEIGHT: u32 = 160;
/// A favicon must be square and at least this many pixels wide.
pub const FAVICON_MIN: u32 = 32;
/// A token file is read up to this size; the checker refuses anything over
/// `theme::MAX_BYTES` with its real size, larger files are refused unread.
const READ_MAX: usize = 4 * theme::MAX_BYTES;
/// Previews are kept this long (seconds).
const PREVIEW_TTL: i64 = 24 * 3600;

// ---------------------------------------------------------------------------------------
// The theme as data: used by the staff page and by `meedoen admin theme`.

/// A token file that passed the checker.
pub struct Checked {
    pub tokens: Tokens,
    /// The tokens as served: one `:root { … }` block.
    pub css: String,
    pub issues: Vec<ContrastIssue>,
}

/// Checks a token file. Contrast is judged as `/thema.css` serves it: the municipality's
/// older colour and font settings, the tokens after them, our defaults under both.
pub fn check(
    source: &str,
    primary: &str,
    secondary: &str,
    font: &str,
) -> Result<Checked, ThemeError> {
    let tokens = theme::parse_tokens(source)?;
    let css = theme::render_css(&tokens);
    let served = format!("{}{css}", settings_css(primary, secondary, font));
    let all = theme::parse_tokens(&served).unwrap_or_else(|_| tokens.clone());
    let issues = theme::contrast_issues(&all, &theme::defaults());
    Ok(Checked {
        tokens,
        css,
        issues,
    })
}

/// The saved token file of a municipality.
#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct Saved {
    pub source_css: String,
    pub token_count: i64,
    pub updated_at: i64,
    pub updated_by: Option<String>,
}

pub async fn saved(db: &Db, org: i64) -> DbResult<Option<Saved>> {
    db.opt(
        "SELECT t.source_css, t.token_count, t.updated_at, u.display_name AS updated_by \
         FROM org_themes t LEFT JOIN users u ON u.id = t.updated_by WHERE t.org_id = $1",
        args![org],
    )
    .await
}

/// Who made a change, for the audit log.
#[derive(Clone, Copy, Debug)]
pub enum Actor {
    Staff(i64),
    /// `meedoen admin theme` on the server.
    Cli,
}

impl Actor {
    fn id(self) -> Option<i64> {
        match self {
            Actor::Staff(id) => Some(id),
            Actor::Cli => None,
        }
    }
    fn suffix(self) -> &'static str {
        match self {
            Actor::Staff(_) => "",
            Actor::Cli => " (via de opdrachtregel)",
        }
    }
}

async fn record(
    tx: &mut crate::db::Tx,
    org: i64,
    actor: Actor,
    action: &str,
    detail: String,
) -> DbResult<()> {
    audit::record_tx(
        tx,
        Entry {
            org_id: org,
            actor_id: actor.id(),
            action,
            object_type: "org",
            object_id: Some(org.to_string()),
            detail: format!("{detail}{}", actor.suffix()),
        },
    )
    .await
}

/// Saves a checked token file as the municipality's theme. `accepted` says the person chose
/// to save despite `checked.issues`; the audit entry names them.
pub async fn save_tokens(
    db: &Db,
    org: i64,
    actor: Actor,
    source: &str,
    checked: &Checked,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.run(
        "INSERT INTO org_themes (org_id, source_css, css, token_count, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (org_id) DO UPDATE SET source_css = excluded.source_css, css = excluded.css, \
         token_count = excluded.token_count, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        args![org, source, &checked.css, checked.tokens.len(), now(), actor.id()],
    )
    .await?;
    tx.run(
        "UPDATE orgs SET theme_version = theme_version + 1 WHERE id = $1",
        args![org],
    )
    .await?;
    let mut detail = format!("designtokens opgeslagen: {}", checked.tokens.len());
    if !checked.issues.is_empty() {
        detail.push_str(&format!(
            "; opgeslagen ondanks {} contrastprobleem/-problemen: {}",
            checked.issues.len(),
            checked
                .issues
                .iter()
                .map(|i| i.message_nl())
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    record(&mut tx, org, actor, "theme.update", detail).await?;
    tx.commit().await
}

/// Back to meedoen's default look: no token file, no logo, no favicon. The three older
/// colour and font settings stay. Returns false when there was nothing to reset.
pub async fn reset(state: &AppState, org: i64, actor: Actor) -> DbResult<bool> {
    let mut tx = state.db.begin().await?;
    let (logo, favicon): (Option<i64>, Option<i64>) = tx
        .one(
            "SELECT logo_upload_id, favicon_upload_id FROM orgs WHERE id = $1",
            args![org],
        )
        .await?;
    let tokens = tx
        .run("DELETE FROM org_themes WHERE org_id = $1", args![org])
        .await?;
    if tokens == 0 && logo.is_none() && favicon.is_none() {
        return Ok(false);
    }
    tx.run(
        "UPDATE orgs SET logo_upload_id = NULL, favicon_upload_id = NULL, theme_version = theme_version + 1 WHERE id = $1",
        args![org],
    )
    .await?;
    record(
        &mut tx,
        org,
        actor,
        "theme.reset",
        "terug naar het standaardthema (designtokens, logo en favicon verwijderd)".into(),
    )
    .await?;
    tx.commit().await?;
    for id in [logo, favicon].into_iter().flatten() {
        delete_upload(state, org, id).await;
    }
    Ok(true)
}

/// Removes an upload that only the theme used, with its files. Failing to delete a file is
/// logged, not shown: the theme no longer points at it.
async fn delete_upload(state: &AppState, org: i64, id: i64) {
    let key = match state
        .db
        .write_scalar::<String>(
            "DELETE FROM uploads WHERE org_id = $1 AND id = $2 RETURNING storage_key",
            args![org, id],
        )
        .await
    {
        Ok(k) => k,
        Err(e) => {
            tracing::warn!("theme: old upload {id} not removed: {e}");
            return;
        }
    };
    let keys = [
        key.clone(),
        uploads::small_key(&key),
        ThemeImage::Logo.key(&key),
        ThemeImage::Favicon32.key(&key),
        ThemeImage::Favicon180.key(&key),
    ];
    for k in keys {
        if let Err(e) = state.storage.delete(&k).await {
            tracing::warn!("theme: file {k} not removed: {e}");
        }
    }
}

/// Which picture of the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picture {
    Logo,
    Favicon,
}

impl Picture {
    fn column_sql(self) -> (&'static str, &'static str) {
        match self {
            Picture::Logo => (
                "SELECT logo_upload_id FROM orgs WHERE id = $1",
                "UPDATE orgs SET logo_upload_id = $2, theme_version = theme_version + 1 WHERE id = $1",
            ),
            Picture::Favicon => (
                "SELECT favicon_upload_id FROM orgs WHERE id = $1",
                "UPDATE orgs SET favicon_upload_id = $2, theme_version = theme_version + 1 WHERE id = $1",
            ),
        }
    }
    fn name_nl(self) -> &'static str {
        match self {
            Picture::Logo => "logo",
            Picture::Favicon => "favicon",
        }
    }
}

/// Why a logo or favicon was refused.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("SVG is not accepted")]
    Svg,
    #[error("not PNG, JPEG or WebP")]
    WrongType,
    #[error("a favicon must be PNG")]
    NotPng,
    #[error("a favicon must be square")]
    NotSquare,
    #[error("a favicon must be at least {FAVICON_MIN} pixels wide")]
    TooSmall,
    #[error(transparent)]
    Upload(#[from] UploadError),
}

impl PictureError {
    /// The message shown next to the file field, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PictureError::Svg => i18n::t(lang, "theme-picture-svg"),
            PictureError::WrongType => i18n::t(lang, "theme-logo-type"),
            PictureError::NotPng => i18n::t(lang, "theme-favicon-type"),
            PictureError::NotSquare => i18n::t(lang, "theme-favicon-square"),
            PictureError::TooSmall => i18n::t_args(
                lang,
                "theme-favicon-small",
                &[("min", FAVICON_MIN.to_string())],
            ),
            PictureError::Upload(e) => i18n::t(lang, e.message_key()),
        }
    }
}

/// SVG by name or by content: refused, because an SVG file can carry script.
fn looks_like_svg(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".svg") || lower.ends_with(".svgz") {
        return true;
    }
    let head: Vec<u8> = bytes
        .iter()
        .take(1024)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(head.len());
    let head = &head[start..];
    head.starts_with(b"<?xml") || head.starts_with(b"<svg") || head.windows(4).any(|w| w == b"<svg")
}

/// The checks of the picture itself, before the upload pipeline re-checks and stores it.
fn precheck(which: Picture, name: &str, bytes: &[u8]) -> Result<(), PictureError> {
    if looks_like_svg(name, bytes) {
        return Err(PictureError::Svg);
    }
    let mime = infer::get(bytes).map(|k| k.mime_type());
    match which {
        Picture::Logo => {
            if !matches!(mime, Some("image/png" | "image/jpeg" | "image/webp")) {
                return Err(PictureError::WrongType);
            }
        }
        Picture::Favicon => {
            if mime != Some("image/png") {
                return Err(PictureError::NotPng);
            }
            let (w, h) =
                image::ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::Png)
                    .into_dimensions()
                    .map_err(|_| PictureError::Upload(UploadError::Broken))?;
            if w != h {
                return Err(PictureError::NotSquare);
            }
            if w < FAVICON_MIN {
                return Err(PictureError::TooSmall);
            }
        }
    }
    Ok(())
}

fn png(img: &image::DynamicImage) -> Result<Vec<u8>, PictureError> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| {
            PictureError::Upload(UploadError::Internal(anyhow::anyhow!("png encode: {e}")))
        })?;
    Ok(out)
}

/// The PNG variants of a picture (transparency kept, unlike the upload's JPEG variants):
/// the logo at most `LOGO_MAX_WIDTH` × `LOGO_MAX_HEIGHT`, the favicon at 32 and 180 pixels.
/// The bytes passed the upload pipeline's checks already.
fn variants(
    which: Picture,
    bytes: &[u8],
    main_key: &str,
) -> Result<Vec<(String, Vec<u8>)>, PictureError> {
    let format =
        image::guess_format(bytes).map_err(|_| PictureError::Upload(UploadError::Broken))?;
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let img = reader
        .decode()
        .map_err(|_| PictureError::Upload(UploadError::Broken))?;
    let rgba = image::DynamicImage::ImageRgba8(img.to_rgba8());
    let filter = image::imageops::FilterType::Lanczos3;
    Ok(match which {
        Picture::Logo => {
            let fitted = if rgba.width() > LOGO_MAX_WIDTH || rgba.height() > LOGO_MAX_HEIGHT {
                rgba.resize(LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT, filter)
            } else {
                rgba
            };
            vec![(ThemeImage::Logo.key(main_key), png(&fitted)?)]
        }
        Picture::Favicon => vec![
            (
                ThemeImage::Favicon32.key(main_key),
                png(&rgba.resize_exact(32, 32, filter))?,
            ),
            (
                ThemeImage::Favicon180.key(main_key),
                png(&rgba.resize_exact(180, 180, filter))?,
            ),
        ],
    })
}

/// Checks, stores and sets a logo or favicon. The old one is removed.
pub async fn set_picture(
    state: &AppState,
    org: i64,
    actor: Actor,
    which: Picture,
    name: &str,
    bytes: Vec<u8>,
) -> Result<(), PictureError> {
    let internal = |e: crate::db::DbError| PictureError::Upload(UploadError::Internal(e.into()));
    precheck(which, name, &bytes)?;
    // The upload pipeline: sniffed, limited, polyglots refused, re-encoded; the record ties
    // the picture to this municipality. No owner: it is the municipality's, not a person's.
    let stored = uploads::store_image(state, org, None, name, bytes.clone()).await?;
    let key = stored.key.clone();
    let made = tokio::task::spawn_blocking(move || variants(which, &bytes, &key))
        .await
        .map_err(|e| {
            PictureError::Upload(UploadError::Internal(anyhow::anyhow!("image task: {e}")))
        })?;
    let made = match made {
        Ok(m) => m,
        Err(e) => {
            delete_upload(state, org, stored.id).await;
            return Err(e);
        }
    };
    for (k, b) in made {
        state
            .storage
            .put(&k, &b)
            .await
            .map_err(|e| PictureError::Upload(UploadError::Internal(e.into())))?;
    }
    let (select, update) = which.column_sql();
    let mut tx = state.db.begin().await.map_err(internal)?;
    let old: Option<i64> = tx
        .scalar(select, args![org])
        .await
        .map_err(internal)?
        .flatten();
    tx.run(update, args![org, stored.id])
        .await
        .map_err(internal)?;
    record(
        &mut tx,
        org,
        actor,
        match which {
            Picture::Logo => "theme.logo",
            Picture::Favicon => "theme.favicon",
        },
        format!(
            "nieuw {}: {}",
            which.name_nl(),
            name.chars().take(100).collect::<String>()
        ),
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    if let Some(old) = old {
        delete_upload(state, org, old).await;
    }
    Ok(())
}

/// Removes the logo or favicon. Returns false when there was none.
pub async fn remove_picture(
    state: &AppState,
    org: i64,
    actor: Actor,
    which: Picture,
) -> DbResult<bool> {
    let (select, update) = which.column_sql();
    let mut tx = state.db.begin().await?;
    let Some(old) = tx
        .scalar::<Option<i64>>(select, args![org])
        .await?
        .flatten()
    else {
        return Ok(false);
    };
    tx.run(update, args![org, None::<i64>]).await?;
    record(
        &mut tx,
        org,
        actor,
        match which {
            Picture::Logo => "theme.logo",
            Picture::Favicon => "theme.favicon",
        },
        format!("{} verwijderd", which.name_nl()),
    )
    .await?;
    tx.commit().await?;
    delete_upload(state, org, old).await;
    Ok(true)
}

// ---------------------------------------------------------------------------------------
// The staff page.

/// A theme checked for the preview or the save, shown above the form.
struct Candidate {
    token_count: usize,
    issues: Vec<String>,
    /// The stylesheet of the preview (the page wears it).
    preview_css: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/theme.html")]
struct ThemePage {
    page: Page,
    errors: FieldErrors,
    /// What is in the token field.
    tokens: String,
    saved: Option<SavedView>,
    candidate: Option<Candidate>,
    /// The current logo's and favicon's upload ids (their URLs carry them as version).
    logo: Option<i64>,
    favicon: Option<i64>,
}

struct SavedView {
    token_count: i64,
    when: String,
    who: String,
    issues: Vec<String>,
}

impl ThemePage {
    fn issue_count(&self, n: usize) -> String {
        i18n::t_args(
            self.page.lang,
            "theme-issues-count",
            &[("count", n.to_string())],
        )
    }

    /// "Nu: … met 1240 designtokens. Opgeslagen op 07-12-2026 14:05 door Anouk."
    fn saved_line(&self, s: &SavedView) -> String {
        let lang = self.page.lang;
        let now = i18n::t_args(
            lang,
            "theme-now-own",
            &[("count", s.token_count.to_string())],
        );
        let when = if s.who.is_empty() {
            i18n::t_args(lang, "theme-saved-at", &[("when", s.when.clone())])
        } else {
            i18n::t_args(
                lang,
                "theme-saved-at-by",
                &[("when", s.when.clone()), ("who", s.who.clone())],
            )
        };
        format!("{now} {when}")
    }
}

async fn theme_page(
    ctx: &Ctx,
    state: &AppState,
    tokens: Option<String>,
    errors: FieldErrors,
    candidate: Option<Candidate>,
) -> AppResult<Response> {
    let saved = saved(&state.db, ctx.org.id).await?;
    let o = &ctx.org;
    let (logo, favicon): (Option<i64>, Option<i64>) = state
        .db
        .one(
            "SELECT logo_upload_id, favicon_upload_id FROM orgs WHERE id = $1",
            args![o.id],
        )
        .await?;
    let saved_view = saved.as_ref().map(|s| SavedView {
        token_count: s.token_count,
        when: super::fmt_time(s.updated_at),
        who: s.updated_by.clone().unwrap_or_default(),
        issues: check(&s.source_css, &o.primary_color, &o.secondary_color, &o.font)
            .map(|c| c.issues.iter().map(|i| i.message(ctx.lang)).collect())
            .unwrap_or_default(),
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut page = ctx.page(ctx.t("staff-theme"));
    if let Some(css) = candidate.as_ref().and_then(|c| c.preview_css.clone()) {
        page.theme.css = css;
    }
    let tpl = ThemePage {
        page,
        errors,
        tokens: tokens.unwrap_or_else(|| saved.map(|s| s.source_css).unwrap_or_default()),
        saved: saved_view,
        candidate,
        logo,
        favicon,
    };
    Ok((status, render(&tpl)?).into_response())
}

/// `GET /beheer/instellingen/thema`
pub async fn show(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(super::SETTINGS)?;
    theme_page(&ctx, &state, None, FieldErrors::new(), None).await
}

fn random_key() -> AppResult<String> {
    let mut buf = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut buf)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("random: {e}")))?;
    Ok(hex::encode(buf))
}

/// Stores a preview stylesheet; returns its URL.
async fn make_preview(db: &Db, org: i64, css: String) -> AppResult<String> {
    let key = random_key()?;
    let t = now();
    db.exec(
        "DELETE FROM theme_previews WHERE created_at < $1",
        args![t - PREVIEW_TTL],
    )
    .await?;
    db.exec(
        "INSERT INTO theme_previews (org_id, preview_key, css, created_at) VALUES ($1, $2, $3, $4)",
        args![org, &key, css, t],
    )
    .await?;
    Ok(format!("/beheer/instellingen/thema/voorbeeld/{key}.css"))
}

/// `POST /beheer/instellingen/thema`: the token file, pasted (`tokens`) or as a file
/// (`tokens_file`, which wins), with `actie=voorbeeld` (preview, nothing saved) or
/// `actie=opslaan`. `toch=ja` saves despite contrast problems.
pub async fn submit(ctx: Ctx, State(state): State<AppState>, mp: Multipart) -> AppResult<Response> {
    let me = ctx.require(super::SETTINGS)?.id;
    let parts = crate::web::multipart::read(mp, &["tokens_file"], READ_MAX)
        .await
        .map_err(|_| AppError::BadRequest("Het formulier kon niet worden gelezen.".into()))?;
    let mut errors = FieldErrors::new();
    errors.label("tokens", ctx.t("theme-tokens-label"));
    errors.label("tokens_file", ctx.t("theme-tokens-file-label"));
    errors.label("toch", ctx.t("theme-force-label"));
    let mut source = parts.get("tokens").to_string();
    if parts.body_too_large {
        errors.add("tokens", ctx.t("theme-file-too-large"));
    }
    if let Some(f) = parts.file("tokens_file") {
        if f.too_large {
            errors.add("tokens_file", ctx.t("theme-file-too-large"));
        } else {
            match String::from_utf8(f.bytes.clone()) {
                // The file's text goes into the field, so the line in a message can be found.
                Ok(s) => source = s,
                Err(_) => errors.add("tokens_file", ctx.t("theme-file-not-text")),
            }
        }
    }
    let shown = if source.len() > READ_MAX {
        String::new()
    } else {
        source.clone()
    };
    if errors.is_empty() && source.trim().is_empty() {
        errors.add("tokens", ctx.t("theme-tokens-empty"));
    }
    let o = &ctx.org;
    let checked = if errors.is_empty() {
        match check(&source, &o.primary_color, &o.secondary_color, &o.font) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.add("tokens", e.message(ctx.lang));
                None
            }
        }
    } else {
        None
    };
    let Some(checked) = checked else {
        return theme_page(&ctx, &state, Some(shown), errors, None).await;
    };
    let preview = parts.get("actie") == "voorbeeld";
    let force = parts.get("toch") == "ja";
    if !preview && (checked.issues.is_empty() || force) {
        save_tokens(&state.db, o.id, Actor::Staff(me), &source, &checked).await?;
        state.orgs.clear();
        return Ok(Redirect::to("/beheer/instellingen/thema?melding=theme-saved").into_response());
    }
    if !preview {
        errors.add(
            "toch",
            i18n::t_args(
                ctx.lang,
                "theme-contrast-blocks",
                &[("count", checked.issues.len().to_string())],
            ),
        );
    }
    let css = format!(
        "{}{}",
        settings_css(&o.primary_color, &o.secondary_color, &o.font),
        theme::render_css(&theme::used_subset(&checked.tokens))
    );
    let candidate = Candidate {
        token_count: checked.tokens.len(),
        issues: checked.issues.iter().map(|i| i.message(ctx.lang)).collect(),
        preview_css: Some(make_preview(&state.db, o.id, css).await?),
    };
    theme_page(&ctx, &state, Some(shown), errors, Some(candidate)).await
}

/// `GET /beheer/instellingen/thema/voorbeeld/{key}.css`: a preview's stylesheet, for staff
/// of the municipality that made it.
pub async fn preview_css(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> AppResult<Response> {
    ctx.require(super::SETTINGS)?;
    let key = file
        .strip_suffix(".css")
        .filter(|k| k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or(AppError::NotFound)?;
    let css = state
        .db
        .scalar::<String>(
            "SELECT css FROM theme_previews WHERE org_id = $1 AND preview_key = $2",
            args![ctx.org.id, key],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=86400"),
            ),
        ],
        css,
    )
        .into_response())
}

/// `POST /beheer/instellingen/thema/afbeeldingen`: a new logo (`logo`) and/or favicon
/// (`favicon`), or `verwijder=logo|favicon`.
pub async fn pictures(
    ctx: Ctx,
    State(state): State<AppState>,
    mp: Multipart,
) -> AppResult<Response> {
    let me = ctx.require(super::SETTINGS)?.id;
    let parts = crate::web::multipart::read(mp, &["logo", "favicon"], uploads::MAX_BYTES)
        .await
        .map_err(|_| AppError::BadRequest("Het formulier kon niet worden gelezen.".into()))?;
    let org = ctx.org.id;
    let remove = match parts.get("verwijder") {
        "logo" => Some(Picture::Logo),
        "favicon" => Some(Picture::Favicon),
        _ => None,
    };
    if let Some(which) = remove {
        remove_picture(&state, org, Actor::Staff(me), which).await?;
        state.orgs.clear();
        return Ok(Redirect::to(
            "/beheer/instellingen/thema?melding=theme-picture-removed#beelden",
        )
        .into_response());
    }
    let mut errors = FieldErrors::new();
    errors.label("logo", ctx.t("theme-logo-label"));
    errors.label("favicon", ctx.t("theme-favicon-label"));
    if parts.body_too_large {
        errors.add("logo", ctx.t("upload-too-large"));
    }
    let logo = parts.file("logo");
    let favicon = parts.file("favicon");
    if errors.is_empty() && logo.is_none() && favicon.is_none() {
        errors.add("logo", ctx.t("theme-pictures-none"));
    }
    let mut changed = false;
    if errors.is_empty() {
        for (field, which, upload) in [
            ("logo", Picture::Logo, logo),
            ("favicon", Picture::Favicon, favicon),
        ] {
            let Some(u) = upload else { continue };
            if u.too_large {
                errors.add(field, ctx.t("upload-too-large"));
                continue;
            }
            match set_picture(
                &state,
                org,
                Actor::Staff(me),
                which,
                &u.file_name,
                u.bytes.clone(),
            )
            .await
            {
                Ok(()) => changed = true,
                Err(PictureError::Upload(UploadError::Internal(e))) => {
                    return Err(AppError::Internal(e))
                }
                Err(e) => errors.add(field, e.message(ctx.lang)),
            }
        }
    }
    if changed {
        state.orgs.clear();
    }
    if errors.is_empty() {
        return Ok(
            Redirect::to("/beheer/instellingen/thema?melding=theme-pictures-saved#beelden")
                .into_response(),
        );
    }
    // One picture may have been saved; the page reads the municipality's pictures afresh.
    theme_page(&ctx, &state, None, errors, None).await
}

/// `GET /beheer/instellingen/thema/standaard`: asks before going back to the default.
pub async fn confirm_reset(ctx: Ctx) -> AppResult<Response> {
    ctx.require(super::SETTINGS)?;
    let tpl = Confirm {
        page: ctx.page(ctx.t("theme-reset-title")),
        question: ctx.t("theme-reset-question"),
        warning: Some(ctx.t("theme-reset-warning")),
        action: "/beheer/instellingen/thema/standaard".into(),
        back: "/beheer/instellingen/thema".into(),
        button: ctx.t("theme-reset-button"),
    };
    render(&tpl)
}

/// `POST /beheer/instellingen/thema/standaard`
pub async fn do_reset(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let me = ctx.require(super::SETTINGS)?.id;
    reset(&state, ctx.org.id, Actor::Staff(me)).await?;
    state.orgs.clear();
    Ok(Redirect::to("/beheer/instellingen/thema?melding=theme-reset").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_recognised_by_name_and_content() {
        assert!(looks_like_svg("logo.SVG", b"\x89PNG"));
        assert!(looks_like_svg(
            "logo.png",
            b"  <?xml version=\"1.0\"?><svg/>"
        ));
        assert!(looks_like_svg("logo", b"<svg onload=alert(1)>"));
        assert!(!looks_like_svg("logo.png", b"\x89PNG\r\n\x1a\n"));
    }

    fn png_of(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 0, 0, 128]));
        let mut out = Vec::new();
        image::DynamicImage::ImageRgba8(img)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn favicon_must_be_square_png_of_32_or_more() {
        assert!(precheck(Picture::Favicon, "f.png", &png_of(64, 64)).is_ok());
        assert!(matches!(
            precheck(Picture::Favicon, "f.png", &png_of(64, 32)),
            Err(PictureError::NotSquare)
        ));
        assert!(matches!(
            precheck(Picture::Favicon, "f.png", &png_of(16, 16)),
            Err(PictureError::TooSmall)
        ));
        let mut jpeg = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::new(40, 40))
            .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
        assert!(matches!(
            precheck(Picture::Favicon, "f.jpg", &jpeg),
            Err(PictureError::NotPng)
        ));
        assert!(precheck(Picture::Logo, "l.jpg", &jpeg).is_ok());
    }

    #[test]
    fn variants_keep_transparency_and_sizes() {
        let made = variants(Picture::Favicon, &png_of(300, 300), "abc.jpg").unwrap();
        assert_eq!(made.len(), 2);
        assert_eq!(made[0].0, "abc-32.png");
        let small = image::load_from_memory(&made[0].1).unwrap();
        assert_eq!((small.width(), small.height()), (32, 32));
        assert!(small.color().has_alpha());
        let large = image::load_from_memory(&made[1].1).unwrap();
        assert_eq!((large.width(), large.height()), (180, 180));
        let logo = variants(Picture::Logo, &png_of(2000, 400), "abc.jpg").unwrap();
        assert_eq!(logo[0].0, "abc-logo.png");
        let l = image::load_from_memory(&logo[0].1).unwrap();
        assert_eq!((l.width(), l.height()), (640, 128));
        let small_logo = variants(Picture::Logo, &png_of(100, 40), "abc.jpg").unwrap();
        let s = image::load_from_memory(&small_logo[0].1).unwrap();
        assert_eq!(
            (s.width(), s.height()),
            (100, 40),
            "small logos are not enlarged"
        );
    }

    #[test]
    fn contrast_uses_the_older_settings_under_the_tokens() {
        // A white primary colour in the older settings makes the primary button unreadable,
        // unless the token file sets the button itself.
        let bare = check("--x-unused: 1px;", "#ffffff", "#1d3b6e", "sans-serif").unwrap();
        assert!(!bare.issues.is_empty());
        let fine = check("--x-unused: 1px;", "#c4001a", "#1d3b6e", "sans-serif").unwrap();
        assert!(fine.issues.is_empty(), "{:?}", fine.issues);
        assert!(check(":root { color: red; }", "#c4001a", "#1d3b6e", "x").is_err());
    }
}
