//! Wiring: state, router, middleware order, background jobs and graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

use crate::components::Registry;
use crate::config::Config;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::uploads::{FsStorage, Storage};
use crate::web::ctx::{resolve_context, OrgDirectory};
use crate::web::{assets, layout, security};

/// What every handler and middleware gets. Axum clones the state for each extractor and layer,
/// several times per request: one shared pointer makes that one atomic increment instead of
/// one per field (a dozen, on counters that both cores keep taking from each other).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The parts of [`AppState`].
pub struct Shared {
    pub db: Db,
    pub config: Arc<Config>,
    pub orgs: Arc<OrgDirectory>,
    pub storage: Arc<dyn Storage>,
    pub components: Arc<Registry>,
    pub metrics: Arc<Metrics>,
    /// Wakes the mail worker when something lands in the outbox.
    pub mail_wake: Arc<Notify>,
    /// Makelpunt search facts per municipality, kept per running app (tests run many apps
    /// with fresh databases in one process, so not a `static`).
    pub space_facts: Arc<crate::spaces::facts::Cache>,
    /// Idea pages' comment lists as anonymous visitors see them (same reason: per app).
    pub idea_comments: Arc<crate::components::ideas::render_cache::CommentCache>,
    /// Idea list pages' cards (same reason: per app).
    pub idea_lists: Arc<crate::components::ideas::render_cache::ListCache>,
    /// The ideas on each ballot at its settings' version (same reason: per app).
    pub ballot_ideas:
        Arc<crate::versioned::Versioned<crate::components::ballot::store::BallotIdeas>>,
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
        let db = Db::connect(&config.database_url).await?;
        crate::db::migrate(&db).await?;
        let state = AppState(Arc::new(Shared {
            db,
            storage: Arc::new(FsStorage::new(config.data_dir.clone())),
            config: Arc::new(config),
            orgs: Arc::new(OrgDirectory::default()),
            components: Arc::new(Registry::standard()),
            metrics: Arc::new(Metrics::default()),
            mail_wake: Arc::new(Notify::new()),
            space_facts: Arc::default(),
            idea_comments: Arc::default(),
            idea_lists: Arc::default(),
            ballot_ideas: Arc::default(),
        }));
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

/// The full router. Layers run outside-in: metrics, security headers, one read snapshot per
/// request (SQLite), error pages, municipality/session context, CSRF check, unread-body drain
/// (`web/body_limit.rs`: what the handler left unread is read before the answer), body limit,
/// then the handler.
pub fn router(state: AppState) -> Router {
    let mut app = Router::new()
        .route("/static/{file}", get(assets::serve))
        .route("/thema.css", get(assets::theme))
        .route("/taal", post(crate::pages::switch_language))
        .route("/privacy", get(crate::pages::privacy))
        .route("/toegankelijkheid", get(crate::pages::accessibility))
        .merge(crate::accounts::routes())
        .merge(crate::projects::routes())
        .merge(crate::spaces::routes())
        .merge(crate::staff::routes())
        .merge(crate::uploads::routes())
        .merge(crate::api::routes())
        .merge(state.components.routes());
    if state.config.bench_baseline {
        app = app.route("/bench/baseline", get(|| async { "ok" }));
    }
    let limit = state.config.max_body_bytes;
    let tenant = app
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(crate::web::body_limit::drain_unread))
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
