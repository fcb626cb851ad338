//! Platform core: health, metrics, municipalities by host, security headers, CSRF, schemas.

use crate::both;
use crate::support::TestApp;

async fn health_reports_database(app: TestApp) {
    let r = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["database"]["ok"], true);
    let backend = if app.backend == crate::support::Backend::Sqlite { "sqlite" } else { "postgres" };
    assert_eq!(v["database"]["backend"], backend);
    let m = app.client().get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(m.contains("meedoen_http_requests_total"), "{m}");
    app.stop().await;
}
both!(health, health_reports_database);

async fn unknown_host_is_404(app: TestApp) {
    let c = app.client_for_host("onbekend.test");
    let r = c.get(app.url_for_host("onbekend.test", "/privacy")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let body = r.text().await.unwrap();
    assert!(body.contains("geen gemeente"), "{body}");
    assert!(!body.contains("Enschede"), "must not show another municipality: {body}");
    app.stop().await;
}
both!(unknown_host, unknown_host_is_404);

async fn security_headers_and_csrf(app: TestApp) {
    let c = app.client();
    let r = c.get(app.url("/privacy")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(r.headers().contains_key("referrer-policy"));
    // A form post from another site is refused, from our own site accepted.
    let evil = c
        .post(app.url("/taal"))
        .header("origin", "https://kwaadaardig.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[("lang", "en"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    let ok = c
        .post(app.url("/taal"))
        .header("origin", app.base.clone())
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "en"), ("back", "/privacy")])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let page = c.get(app.url("/privacy")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("lang=\"en\""), "language choice is remembered");
    app.stop().await;
}
both!(security, security_headers_and_csrf);
