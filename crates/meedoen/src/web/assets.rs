//! Static assets embedded in the binary, served under content-hashed names with long
//! caching, and the per-municipality theme stylesheet (CSS custom properties).

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::ctx::Ctx;

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

/// `/thema.css`: the municipality's colours and font as custom properties.
pub async fn theme(ctx: Ctx) -> Response {
    let o = &ctx.org;
    let css = format!(
        ":root {{ --color-primary: {}; --color-secondary: {}; --font-family: {}; }}\n",
        css_safe(&o.primary_color),
        css_safe(&o.secondary_color),
        css_safe(&o.font)
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        css,
    )
        .into_response()
}
