//! The site itself: privacy and accessibility statements, language switch, site search,
//! static assets and the municipality's theme. Always on.

use askama::Template;
use async_trait::async_trait;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use crate::module::{Module, Routes, SearchHit};
use crate::state::AppState;
use crate::web::i18n::Lang;
use crate::web::{assets, markdown, render, AppResult, Ctx, Page};

pub struct Site;

#[async_trait]
impl Module for Site {
    fn key(&self) -> &'static str {
        "site"
    }

    fn name(&self, lang: Lang) -> String {
        crate::web::i18n::t(lang, "nav-home")
    }

    fn switchable(&self) -> bool {
        false
    }

    fn routes(&self) -> Routes {
        Routes::new()
            .get("/static/{file}", assets::serve)
            .get("/thema.css", assets::theme)
            .post("/taal", switch_language)
            .get("/privacy", privacy)
            .get("/toegankelijkheid", accessibility)
            .get("/zoeken", search)
            .get("/bestanden/{key}", crate::uploads::serve)
    }
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: Page,
    q: String,
    hits: Vec<SearchHit>,
    total: i64,
    too_short: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SearchQuery {
    q: String,
}

/// Results per module on the search page.
const HITS_PER_MODULE: usize = 10;

/// `/zoeken?q=`: projects, ideas, spaces and whatever else the switched-on modules offer.
pub async fn search(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> AppResult<Response> {
    let q: String = q.q.trim().chars().take(100).collect();
    let too_short = !q.is_empty() && q.chars().count() < 2;
    let hits = if q.chars().count() >= 2 {
        state
            .modules
            .search(&state, &ctx, &q.to_lowercase(), HITS_PER_MODULE)
            .await?
    } else {
        Vec::new()
    };
    render(&SearchPage {
        page: ctx.page(ctx.t("search-title")),
        q,
        total: hits.len() as i64,
        hits,
        too_short,
    })
}

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
