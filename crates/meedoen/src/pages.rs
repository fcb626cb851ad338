//! Small municipality-wide pages: privacy and accessibility statements, language switch.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use crate::app::AppState;
use crate::web::i18n::Lang;
use crate::web::{markdown, render, AppResult, Ctx, Page};

#[derive(Template)]
#[template(path = "statement.html")]
struct Statement {
    page: Page,
    body_html: String,
}

pub async fn privacy(ctx: Ctx) -> AppResult<Response> {
    let body = if ctx.org.privacy_md.trim().is_empty() {
        ctx.t("privacy-default")
    } else {
        ctx.org.privacy_md.clone()
    };
    render(&Statement {
        page: ctx.page(ctx.t("privacy-title")),
        body_html: markdown::to_html(&body),
    })
}

pub async fn accessibility(ctx: Ctx) -> AppResult<Response> {
    let body = if ctx.org.accessibility_md.trim().is_empty() {
        ctx.t("accessibility-default")
    } else {
        ctx.org.accessibility_md.clone()
    };
    render(&Statement {
        page: ctx.page(ctx.t("accessibility-title")),
        body_html: markdown::to_html(&body),
    })
}

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// Only local paths are allowed as a return address (no open redirect).
pub fn local_path(p: &str) -> &str {
    if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') {
        p
    } else {
        "/"
    }
}

pub async fn switch_language(State(state): State<AppState>, Form(f): Form<LangForm>) -> Response {
    let lang = Lang::parse(&f.lang).unwrap_or(Lang::Nl);
    let cookie = crate::web::session::set_cookie(&state, "lang", lang.code(), 365 * 24 * 3600);
    let mut res = Redirect::to(local_path(&f.back)).into_response();
    res.headers_mut().append(header::SET_COOKIE, cookie);
    res
}
