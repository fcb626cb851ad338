//! The page frame shared by every HTML page, and the error page renderer.

use askama::Template;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::assets;
use super::ctx::Ctx;
use super::error::{AppError, ErrorInfo, SecondFactorRedirect};
use super::i18n::{self, Lang};
use crate::module::Menu;

/// Data every page template needs: title, language, municipality, who is logged in.
#[derive(Clone)]
pub struct Page {
    pub title: String,
    pub lang: Lang,
    pub org_name: String,
    pub org_has_logo: bool,
    pub user_name: Option<String>,
    pub is_staff: bool,
    pub path: String,
    /// A short notice shown at the top (after a redirect), already translated.
    pub notice: Option<String>,
    /// The site menu's module entries (href, label) for this municipality.
    pub menu: Vec<(&'static str, String)>,
    /// The staff menu: the entries this person's permissions reach (empty for non-staff).
    pub staff_menu: Vec<(&'static str, String)>,
    /// Where the municipality's theme stylesheet, logo and favicon are (versioned URLs).
    pub theme: assets::ThemeLinks,
}

impl Page {
    pub fn new(ctx: &Ctx, title: String) -> Page {
        // Notices come from a fixed list of keys, never from free text in the URL.
        let notice = ctx
            .path
            .split_once('?')
            .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("melding=")))
            .filter(|k| k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .map(|k| format!("notice-{k}"))
            .filter(|k| i18n::has_key(ctx.lang, k))
            .map(|k| i18n::t(ctx.lang, &k));
        Page {
            title,
            lang: ctx.lang,
            org_name: ctx.org.name.clone(),
            org_has_logo: ctx.org.logo_upload_id.is_some(),
            user_name: ctx.user.as_ref().map(|u| u.display_name.clone()),
            is_staff: ctx.user.as_ref().is_some_and(|u| u.is_staff()),
            path: ctx.path.clone(),
            notice,
            menu: ctx.modules.menu(ctx, Menu::Main),
            staff_menu: if ctx.user.as_ref().is_some_and(|u| u.is_staff()) {
                ctx.modules.menu(ctx, Menu::Staff)
            } else {
                Vec::new()
            },
            theme: assets::ThemeLinks::of(&ctx.org),
        }
    }

    /// A bare frame for pages rendered without a municipality (unknown host).
    pub fn bare(title: String, lang: Lang) -> Page {
        Page {
            title,
            lang,
            org_name: "meedoen".into(),
            org_has_logo: false,
            user_name: None,
            is_staff: false,
            path: "/".into(),
            notice: None,
            menu: Vec::new(),
            staff_menu: Vec::new(),
            theme: assets::ThemeLinks::default(),
        }
    }

    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        i18n::t_args(self.lang, key, &[(name, value.to_string())])
    }
    /// `t1` for a count: the same text, memoised per number (`i18n::t_count`).
    pub fn count(&self, key: &'static str, name: &'static str, n: &i64) -> std::rc::Rc<str> {
        i18n::t_count(self.lang, key, name, *n)
    }
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
    pub fn css(&self) -> &'static str {
        assets::url("app.css")
    }
    pub fn js(&self) -> &'static str {
        assets::url("app.js")
    }
    /// The path without query string, for the language switch's return address.
    pub fn here(&self) -> &str {
        self.path.split('?').next().unwrap_or("/")
    }
}

/// Renders a template into a response; a template error is a 500.
pub fn render<T: Template>(t: &T) -> Result<Response, AppError> {
    let html = t
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    Ok(Html(html).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    message: String,
}

fn wants_json(req: &Request) -> bool {
    req.uri().path().starts_with("/api/")
        || req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/json") && !a.contains("text/html"))
}

/// Middleware: turns error responses (marked with `ErrorInfo`) into a full HTML page or an
/// RFC 9457 problem document, and sends people who must log in to the login page.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let json = wants_json(&req);
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let is_get = req.method() == axum::http::Method::GET;
    let mut res = next.run(req).await;
    let ctx = res.extensions().get::<Ctx>().cloned();
    let second_factor = res
        .extensions_mut()
        .remove::<SecondFactorRedirect>()
        .is_some();
    // Oversized bodies are rejected by the body-limit layer with a bare 413.
    let info = match res.extensions_mut().remove::<ErrorInfo>() {
        Some(info) => info,
        // A handler that re-renders its form with 413 sets a Content-Type; leave that alone.
        None if res.status() == StatusCode::PAYLOAD_TOO_LARGE
            && res
                .headers()
                .get(header::CONTENT_TYPE)
                .is_none_or(|v| v.as_bytes().starts_with(b"text/plain")) =>
        {
            ErrorInfo {
                status: res.status(),
                message: AppError::PayloadTooLarge.public_message(),
            }
        }
        // axum's extractors (Form, Query, Path, Multipart) reject unreadable input with a bare
        // English text/plain body; a person gets the Dutch page instead. Handler-rendered
        // forms with errors are text/html and pass untouched.
        None if matches!(
            res.status(),
            StatusCode::BAD_REQUEST
                | StatusCode::UNPROCESSABLE_ENTITY
                | StatusCode::UNSUPPORTED_MEDIA_TYPE
        ) && res
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/plain")) =>
        {
            ErrorInfo {
                status: res.status(),
                message: AppError::BadRequest(
                    "Wat u stuurde kon niet worden gelezen. Ga terug, controleer wat u invulde en probeer het opnieuw.".into(),
                )
                .public_message(),
            }
        }
        None if res.status() == StatusCode::METHOD_NOT_ALLOWED
            || (res.status() == StatusCode::NOT_FOUND
                && res.headers().get(header::CONTENT_TYPE).is_none()) =>
        {
            let e = if res.status() == StatusCode::NOT_FOUND {
                AppError::NotFound
            } else {
                AppError::BadRequest("Deze handeling kan hier niet.".into())
            };
            ErrorInfo {
                status: res.status(),
                message: e.public_message(),
            }
        }
        None => return res,
    };
    if json {
        let body = serde_json::json!({
            "type": "about:blank",
            "title": info.status.canonical_reason().unwrap_or("Error"),
            "status": info.status.as_u16(),
            "detail": info.message,
        });
        let mut r = (info.status, body.to_string()).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        return r;
    }
    if second_factor && is_get {
        let to = format!(
            "/inloggen/tweestaps?terug={}",
            percent_encoding::utf8_percent_encode(&path, percent_encoding::NON_ALPHANUMERIC)
        );
        return Redirect::to(&to).into_response();
    }
    if info.status == StatusCode::UNAUTHORIZED && is_get {
        let to = format!(
            "/inloggen?terug={}",
            percent_encoding::utf8_percent_encode(&path, percent_encoding::NON_ALPHANUMERIC)
        );
        return Redirect::to(&to).into_response();
    }
    let page = match &ctx {
        Some(c) => Page::new(
            c,
            format!("{} {}", info.status.as_u16(), c.t("error-title")),
        ),
        None => Page::bare(
            format!(
                "{} {}",
                info.status.as_u16(),
                i18n::t(Lang::Nl, "error-title")
            ),
            Lang::Nl,
        ),
    };
    let tpl = ErrorPage {
        page,
        message: info.message,
    };
    match tpl.render() {
        Ok(html) => (info.status, Html(html)).into_response(),
        Err(_) => (info.status, info.status.as_str().to_string()).into_response(),
    }
}

/// For `CatchPanicLayer`: a handler that panicked becomes an internal error, which
/// [`render_errors`] shows as the Dutch 500 page or problem JSON like any other. The panic
/// message goes to the log only.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    AppError::Internal(anyhow::anyhow!("handler panicked: {what}")).into_response()
}
