//! Static assets embedded in the binary, served under content-hashed names with long
//! caching, and the per-municipality theme stylesheet (CSS custom properties).

use std::sync::OnceLock;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::ctx::{Ctx, Org};
use super::error::{AppError, AppResult};
use crate::state::AppState;

struct Asset {
    name: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../../../../static/app.css"),
    },
    Asset {
        name: "app.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../../../../static/app.js"),
    },
];

/// (logical name, hashed file name, url)
fn table() -> &'static Vec<(&'static str, String, &'static str)> {
    static T: OnceLock<Vec<(&'static str, String, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| {
                let h = hex::encode(&Sha256::digest(a.body)[..6]);
                let (stem, ext) = a.name.rsplit_once('.').unwrap_or((a.name, ""));
                let file = format!("{stem}.{h}.{ext}");
                let url: &'static str = Box::leak(format!("/static/{file}").into_boxed_str());
                (a.name, file, url)
            })
            .collect()
    })
}

/// The versioned URL of an embedded asset.
pub fn url(name: &str) -> &'static str {
    table()
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, u)| *u)
        .unwrap_or("/static/missing")
}

pub async fn serve(Path(file): Path<String>) -> Response {
    let Some((name, _, _)) = table().iter().find(|(_, f, _)| *f == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(a) = ASSETS.iter().find(|a| a.name == *name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(a.mime)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        a.body,
    )
        .into_response()
}

/// Keeps only characters that cannot break out of a CSS declaration.
fn css_safe(v: &str) -> String {
    v.chars()
        .filter(|c| c.is_ascii_alphanumeric() || " #,-.'()%".contains(*c))
        .take(120)
        .collect()
}

/// The older theme settings (three fields on the settings page) as custom properties; our
/// defaults fall back to them when no token file sets the NL Design System names.
pub fn settings_css(primary: &str, secondary: &str, font: &str) -> String {
    format!(
        ":root {{ --color-primary: {}; --color-secondary: {}; --font-family: {}; }}\n",
        css_safe(primary),
        css_safe(secondary),
        css_safe(font)
    )
}

/// The version in `/thema.css?v=…`: the theme's change counter and a hash of the three
/// older settings, which change without the counter.
fn theme_tag(version: i64, primary: &str, secondary: &str, font: &str) -> String {
    let mut h = Sha256::new();
    for part in [primary, secondary, font] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    format!("{version}-{}", hex::encode(&h.finalize()[..4]))
}

/// Where a page finds its municipality's theme: versioned URLs, so each can be cached for a
/// year and still change the moment the theme does.
#[derive(Clone, Debug)]
pub struct ThemeLinks {
    /// `/thema.css?v=…` (or a preview's stylesheet on the theme page).
    pub css: String,
    /// `/logo?v=…`; the header shows it when the municipality has a logo.
    pub logo: String,
    /// `/favicon-32.png?v=…` and `/apple-touch-icon.png?v=…`, when there is a favicon.
    pub favicon: Option<String>,
    pub touch_icon: Option<String>,
}

impl Default for ThemeLinks {
    fn default() -> Self {
        ThemeLinks {
            css: "/thema.css".into(),
            logo: "/logo".into(),
            favicon: None,
            touch_icon: None,
        }
    }
}

impl ThemeLinks {
    pub fn of(org: &Org) -> ThemeLinks {
        let tag = theme_tag(
            org.theme_version,
            &org.primary_color,
            &org.secondary_color,
            &org.font,
        );
        ThemeLinks {
            css: format!("/thema.css?v={tag}"),
            logo: format!("/logo?v={}", org.logo_upload_id.unwrap_or(0)),
            favicon: org
                .favicon_upload_id
                .map(|id| format!("/favicon-32.png?v={id}")),
            touch_icon: org
                .favicon_upload_id
                .map(|id| format!("/apple-touch-icon.png?v={id}")),
        }
    }
}

/// The value of `v` in a query string.
fn version_param(q: Option<&str>) -> Option<&str> {
    q?.split('&').find_map(|kv| kv.strip_prefix("v="))
}

/// A year and immutable when the URL names the current version; otherwise a short while,
/// so an old or unversioned URL soon shows the current theme.
fn cache_control(current: bool) -> HeaderValue {
    if current {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("public, max-age=60")
    }
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct ThemeRow {
    theme_version: i64,
    primary_color: String,
    secondary_color: String,
    font: String,
    css: Option<String>,
}

/// `/thema.css`: the municipality's older colour and font settings, then its design tokens
/// (of the token file staff saved, the ones our pages read: `web::theme::served_css`), read
/// fresh so the content always matches the version it is cached under.
pub async fn theme(
    ctx: Ctx,
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    let row: ThemeRow = state
        .db
        .opt(
            "SELECT o.theme_version, o.primary_color, o.secondary_color, o.font, t.css \
             FROM orgs o LEFT JOIN org_themes t ON t.org_id = o.id WHERE o.id = $1",
            crate::args![ctx.org.id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let mut css = settings_css(&row.primary_color, &row.secondary_color, &row.font);
    if let Some(tokens) = &row.css {
        css.push_str(&super::theme::served_css(tokens));
    }
    let tag = theme_tag(
        row.theme_version,
        &row.primary_color,
        &row.secondary_color,
        &row.font,
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                cache_control(version_param(q.as_deref()) == Some(tag.as_str())),
            ),
        ],
        css,
    )
        .into_response())
}

/// The stored pictures of a theme, next to the upload's own JPEG variants (`<key>.jpg`):
/// the logo as PNG (transparency kept) and the favicon at 32 and 180 pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeImage {
    Logo,
    Favicon32,
    Favicon180,
}

impl ThemeImage {
    /// The storage key of this variant of upload `main_key` (`<hex>.jpg`).
    pub fn key(self, main_key: &str) -> String {
        let base = main_key.strip_suffix(".jpg").unwrap_or(main_key);
        match self {
            ThemeImage::Logo => format!("{base}-logo.png"),
            ThemeImage::Favicon32 => format!("{base}-32.png"),
            ThemeImage::Favicon180 => format!("{base}-180.png"),
        }
    }
}

/// Serves a theme picture of this request's municipality (never another's: the upload must
/// belong to it), as PNG.
async fn theme_image(
    ctx: &Ctx,
    state: &AppState,
    q: Option<&str>,
    which: ThemeImage,
) -> AppResult<Response> {
    let sql = match which {
        ThemeImage::Logo => {
            "SELECT u.id, u.storage_key FROM orgs o JOIN uploads u ON u.id = o.logo_upload_id AND u.org_id = o.id WHERE o.id = $1"
        }
        ThemeImage::Favicon32 | ThemeImage::Favicon180 => {
            "SELECT u.id, u.storage_key FROM orgs o JOIN uploads u ON u.id = o.favicon_upload_id AND u.org_id = o.id WHERE o.id = $1"
        }
    };
    let (id, key): (i64, String) = state
        .db
        .opt(sql, crate::args![ctx.org.id])
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = match state.storage.get(&which.key(&key)).await {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(AppError::NotFound),
        Err(e) => return Err(AppError::Internal(e.into())),
    };
    let current = version_param(q) == Some(id.to_string().as_str());
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
            (header::CACHE_CONTROL, cache_control(current)),
        ],
        bytes,
    )
        .into_response())
}

/// `/logo`: the municipality's logo.
pub async fn logo(
    ctx: Ctx,
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    theme_image(&ctx, &state, q.as_deref(), ThemeImage::Logo).await
}

/// `/favicon-32.png`: the municipality's favicon for browser tabs.
pub async fn favicon(
    ctx: Ctx,
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    theme_image(&ctx, &state, q.as_deref(), ThemeImage::Favicon32).await
}

/// `/apple-touch-icon.png`: the favicon at 180 pixels, for phones' home screens.
pub async fn touch_icon(
    ctx: Ctx,
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    theme_image(&ctx, &state, q.as_deref(), ThemeImage::Favicon180).await
}
