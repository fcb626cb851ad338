//! The `meedoen` binary: `serve` (default), `migrate`, `admin`, `demo`, `backup`.

use clap::{Parser, Subcommand};

use meedoen::{App, Config};

/// mimalloc rather than glibc's malloc: a request's futures and buffers are often freed on the
/// other worker thread than the one that made them, and glibc then waits for the other
/// thread's arena lock. Under load a third of the server's sleeps were on that lock; the idea
/// list served about a quarter more pages with mimalloc (`docs/performance-log.md`). Built with
/// `no_thp`: otherwise mimalloc asks for transparent huge pages, and an idle server holds
/// 10 MB more (2 MiB pages, mostly empty).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "meedoen",
    version,
    about = "Participatieplatform voor gemeenten"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Serve the site (the default).
    ///
    /// Configuration comes from meedoen.toml (or the file in MEEDOEN_CONFIG), overridden by
    /// environment variables:
    ///   MEEDOEN_DATABASE_URL   SQLite file path (default data/meedoen.db) or postgres:// URL
    ///   MEEDOEN_BIND           listen address (default 127.0.0.1:8080)
    ///   MEEDOEN_BASE_URL       public base URL for links in email; https makes cookies Secure
    ///   MEEDOEN_DATA_DIR       upload storage directory (default data/uploads)
    ///   MEEDOEN_SMTP_HOST, MEEDOEN_SMTP_PORT, MEEDOEN_SMTP_USER, MEEDOEN_SMTP_PASSWORD,
    ///   MEEDOEN_SMTP_SECURITY  (starttls | tls | none); without SMTP_HOST mail stays in the outbox
    ///   MEEDOEN_MAX_BODY_BYTES largest request body (default 12 MiB)
    ///   MEEDOEN_SESSION_TTL_SECS session lifetime (default 14 days)
    ///   MEEDOEN_LOG_JSON       log as JSON lines (true/false)
    ///   MEEDOEN_SPACES_MAX_AGE_DAYS  Makelpunt listings unconfirmed this long get a
    ///                          reminder and leave search two weeks later (default 182)
    ///   MEEDOEN_MAP_TILE_URL   tile template behind the maps (default PDOK's
    ///                          BRT-Achtergrondkaart; `none`: outlines and markers only,
    ///                          nothing external is loaded)
    ///   MEEDOEN_MAP_TILE_ATTRIBUTION, MEEDOEN_MAP_TILE_ATTRIBUTION_URL  credit shown under tiled maps
    ///                          (default: the tile source's own)
    ///   MEEDOEN_BENCH_BASELINE enable GET /bench/baseline for the benchmark (default false)
    #[command(verbatim_doc_comment)]
    Serve {
        /// Load demo content (Enschede) first when the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Run database migrations and exit.
    Migrate,
    /// Create municipalities and staff accounts.
    Admin {
        #[command(subcommand)]
        cmd: meedoen::cli::admin::AdminCmd,
    },
    /// Load demo content into an empty database.
    Demo,
    /// Show queued and sent email (newest first).
    Outbox {
        /// Only mail to this address.
        #[arg(long)]
        to: Option<String>,
        /// How many messages.
        #[arg(long, default_value_t = 10)]
        limit: i64,
    },
    /// Make a consistent copy of a live SQLite database (for PostgreSQL, use pg_dump).
    Backup {
        /// Target file; must not exist yet.
        to: std::path::PathBuf,
    },
    /// Load a generated benchmark data set into a fresh database (used by bench/run).
    BenchData {
        /// tiny (smoke test), small or large.
        #[arg(long, default_value = "small")]
        size: String,
        /// Directory for tokens.txt (session tokens) and data.json (ids).
        #[arg(long, default_value = "bench-data")]
        out: std::path::PathBuf,
    },
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let b = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        b.json().init();
    } else {
        b.init();
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::load()?;
    init_logging(config.log_json);
    match cli.cmd.unwrap_or(Cmd::Serve { demo: false }) {
        Cmd::Serve { demo } => {
            if demo {
                meedoen::cli::demo::load_if_empty(&config, &meedoen::app::modules()).await?;
            }
            let listener = tokio::net::TcpListener::bind(&config.bind).await?;
            let app = App::build(config, listener).await?;
            tracing::info!("meedoen luistert op http://{}", app.addr());
            app.run_until_signal().await
        }
        Cmd::Migrate => {
            let db = meedoen::db::Db::connect(&config.database_url).await?;
            meedoen::db::migrate(&db).await?;
            println!("migraties uitgevoerd");
            Ok(())
        }
        Cmd::Admin { cmd } => {
            meedoen::cli::admin::run(&config, cmd, &meedoen::app::modules()).await
        }
        Cmd::Demo => meedoen::cli::demo::load_if_empty(&config, &meedoen::app::modules()).await,
        Cmd::Outbox { to, limit } => meedoen::cli::outbox::run(&config, to, limit).await,
        Cmd::Backup { to } => meedoen::cli::backup::run(&config, &to).await,
        Cmd::BenchData { size, out } => meedoen::cli::benchdata::run(&config, &size, &out).await,
    }
}
