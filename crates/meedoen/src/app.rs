//! The composition root: which modules this build has, the router with its middleware
//! order, background jobs, and graceful shutdown. Nothing imports this file but `main.rs`
//! and the tests: modules and `web/` take what they need from `state.rs` and `module/`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::Config;
use crate::db::Db;
use crate::module::{Module, Registry, RouteInfo};
use crate::state::{AppState, Shared};
use crate::uploads::FsStorage;
use crate::web::ctx::resolve_context;
use crate::web::{layout, security};

/// The registry of every module (`modules::all`).
pub fn modules() -> Registry {
    Registry::new(crate::modules::all())
}

/// Routes outside every module: health and metrics (any host name), and the benchmark's
/// baseline.
const INFRASTRUCTURE: [(&str, &str); 3] = [
    ("GET", "/healthz"),
    ("GET", "/metrics"),
    ("GET", "/bench/baseline"),
];

/// Every route the server answers, for the authorization matrix and the CSRF test.
pub fn route_list(registry: &Registry) -> Vec<RouteInfo> {
    let mut out = registry.route_list();
    out.extend(INFRASTRUCTURE.iter().map(|(method, path)| RouteInfo {
        method,
        path,
        module: "platform",
    }));
    out.sort();
    out
}

pub struct App {
    addr: SocketAddr,
    state: AppState,
    stop: watch::Sender<bool>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl App {
    /// Connects to the database, migrates, and starts serving on `listener`.
    pub async fn build(config: Config, listener: TcpListener) -> anyhow::Result<App> {
        Self::build_with(config, listener, Vec::new()).await
    }

    /// [`App::build`] with `extra` modules after the standard ones (tests use it for routes
    /// that panic, or that need a role with a scope).
    pub async fn build_with(
        config: Config,
        listener: TcpListener,
        extra: Vec<Arc<dyn Module>>,
    ) -> anyhow::Result<App> {
        let db = Db::connect(&config.database_url).await?;
        crate::db::migrate(&db).await?;
        let storage = Arc::new(FsStorage::new(config.data_dir.clone()));
        let mut list = crate::modules::all();
        list.extend(extra);
        let registry = Arc::new(Registry::new(list));
        let state = AppState::new(Shared::new(db, config, storage, registry));
        let addr = listener.local_addr()?;
        let (stop, stop_rx) = watch::channel(false);
        crate::jobs::spawn(state.clone(), stop_rx.clone());
        let router = router(state.clone());
        let mut rx = stop_rx;
        let server = tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async move {
                let _ = rx.wait_for(|s| *s).await;
            })
            .await
        });
        Ok(App {
            addr,
            state,
            stop,
            server,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops accepting connections, lets requests in flight finish, then closes the pools.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        self.server.await??;
        self.state.db.close().await;
        Ok(())
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    pub async fn run_until_signal(self) -> anyhow::Result<()> {
        shutdown_signal().await;
        tracing::info!("shutting down");
        self.shutdown().await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// The full router. Layers run outside-in: metrics, security headers, the `API-Version`
/// header (`/api/` only), one read snapshot per request (SQLite), error pages,
/// municipality/session context, CSRF check, panic catcher (a panicking handler becomes an
/// error that the error layer renders as the Dutch 500 page or problem JSON), unread-body
/// drain (`web/body_limit.rs`: what the handler left unread is read before the answer), body
/// limit, then the handler.
pub fn router(state: AppState) -> Router {
    let mut app = state.modules.router();
    if state.config.bench_baseline {
        app = app.route("/bench/baseline", get(|| async { "ok" }));
    }
    let limit = state.config.max_body_bytes;
    let tenant = app
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(crate::web::body_limit::drain_unread))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            layout::panic_response,
        ))
        .layer(middleware::from_fn(security::csrf))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            resolve_context,
        ))
        .layer(middleware::from_fn(layout::render_errors));
    // Health and metrics answer for any host name: load balancers and scrapers do not send
    // a municipality's host.
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .merge(tenant)
        .layer(middleware::from_fn(one_read_snapshot))
        // `API-Version` on every `/api/` answer, errors and unknown paths included.
        .layer(middleware::from_fn(crate::api::version_header))
        .layer(middleware::from_fn(security::headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::track,
        ))
        .with_state(state)
}

/// All reads of a request share one SQLite read transaction (`db/read_scope.rs`).
async fn one_read_snapshot(req: axum::extract::Request, next: middleware::Next) -> Response {
    crate::db::read_scope(next.run(req)).await
}

async fn healthz(State(state): State<AppState>) -> Response {
    let ok = state.db.ping().await;
    let backend = match state.db.backend() {
        crate::db::Backend::Sqlite => "sqlite",
        crate::db::Backend::Postgres => "postgres",
    };
    let body = serde_json::json!({
        "status": if ok { "ok" } else { "degraded" },
        "database": { "backend": backend, "ok": ok },
        "version": env!("CARGO_PKG_VERSION"),
    });
    let code = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        code,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response()
}

async fn metrics(State(state): State<AppState>) -> Response {
    let body = state.metrics.render(&state).await;
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4"),
        )],
        body,
    )
        .into_response()
}
