//! Security headers on every response, and the cross-site request check.
//!
//! CSRF: browsers label every request with `Sec-Fetch-Site` (and POSTs with `Origin`). A
//! state-changing request is refused when either says it came from another site. Requests
//! without both headers come from non-browser clients, which carry no ambient cookies from a
//! victim's browser, so they pass (the same rule as Go's CrossOriginProtection). SameSite=Lax
//! cookies are the second layer.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::AppError;

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    res
}

fn is_safe(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// True when the request is a browser request from another origin.
pub fn is_cross_site(req: &Request) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if origin == "null" {
            return true;
        }
        let origin_host = origin
            .split("://")
            .nth(1)
            .unwrap_or("")
            .to_ascii_lowercase();
        let host = h
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        return origin_host != host;
    }
    false
}

pub async fn csrf(req: Request, next: Next) -> Response {
    if !is_safe(req.method()) && is_cross_site(&req) {
        return AppError::CrossSite.into_response();
    }
    next.run(req).await
}
