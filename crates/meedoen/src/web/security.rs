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

/// A response extension: one more image source this response needs (a map's tile origin,
/// see `web::map::allow_tiles`). The middleware adds it to `img-src` of this response only.
/// Only origins checked by `web::map::Tiles::origin` are put here.
#[derive(Clone, Debug)]
pub struct ExtraImgSrc(pub String);

/// The CSP, with `extra` (an origin such as `https://tile.openstreetmap.org`) allowed as an
/// image source. Anything that is not a plain origin is ignored.
pub fn csp_with_img(extra: &str) -> String {
    let plain = !extra.is_empty()
        && extra
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '/' | '*'));
    if !plain {
        return CSP.to_string();
    }
    CSP.replacen(
        "img-src 'self' data:;",
        &format!("img-src 'self' data: {extra};"),
        1,
    )
}

pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let csp = res
        .extensions()
        .get::<ExtraImgSrc>()
        .and_then(|e| HeaderValue::from_str(&csp_with_img(&e.0)).ok())
        .unwrap_or(HeaderValue::from_static(CSP));
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // A handler may ask for a stricter policy (pages whose URL holds a secret key).
    h.entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("strict-origin-when-cross-origin"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_image_source_is_added_only_when_plain() {
        let c = csp_with_img("https://tile.openstreetmap.org");
        assert!(c.contains("img-src 'self' data: https://tile.openstreetmap.org;"));
        assert!(c.contains("script-src 'self';"));
        assert_eq!(csp_with_img("https://x.org; script-src *"), CSP);
        assert_eq!(csp_with_img(""), CSP);
    }
}
