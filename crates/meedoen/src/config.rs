//! Configuration: defaults, then an optional `meedoen.toml`, then `MEEDOEN_*` variables.

use std::path::PathBuf;

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

/// PDOK's BRT-Achtergrondkaart (Kadaster) in Web Mercator: the default map background.
pub const PDOK_TILES: &str =
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// `postgres://...` selects PostgreSQL; anything else is a SQLite file path.
    pub database_url: String,
    /// Address to listen on.
    pub bind: String,
    /// Public base URL used in links in email. When it starts with https, cookies are Secure.
    pub base_url: String,
    /// Where uploads are stored.
    pub data_dir: PathBuf,
    /// SMTP relay host; without it mail stays in the outbox for admins to read.
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_user: Option<String>,
    pub smtp_password: Option<String>,
    /// `starttls`, `tls` or `none` (plain, for a local relay).
    pub smtp_security: String,
    /// Largest request body in bytes; bigger bodies get 413.
    pub max_body_bytes: usize,
    /// Session lifetime in seconds.
    pub session_ttl_secs: i64,
    /// Enables `GET /bench/baseline`, a trivial route for the benchmark. Off by default.
    pub bench_baseline: bool,
    /// Log as JSON lines instead of text.
    pub log_json: bool,
    /// A Makelpunt listing not confirmed for this many days gets a reminder; two weeks later
    /// it leaves search until the provider confirms it.
    pub spaces_max_age_days: i64,
    /// Map tile URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`) in Web Mercator.
    /// The default is PDOK's BRT-Achtergrondkaart ([`PDOK_TILES`]): free, from the Dutch
    /// government, without tracking. `none` (or empty): maps are drawn without a background
    /// and nothing is loaded from outside the site.
    pub map_tile_url: String,
    /// The attribution the tile source's licence requires, shown on every tiled map. Empty
    /// (the default): the one that goes with the source, see `web::map::Tiles::from_config`.
    pub map_tile_attribution: String,
    /// Where the attribution links to (empty: with the default attribution, its own).
    pub map_tile_attribution_url: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "data/meedoen.db".into(),
            bind: "127.0.0.1:8080".into(),
            base_url: "http://127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data/uploads"),
            smtp_host: None,
            smtp_port: 587,
            smtp_user: None,
            smtp_password: None,
            smtp_security: "starttls".into(),
            max_body_bytes: 12 * 1024 * 1024,
            session_ttl_secs: 14 * 24 * 3600,
            bench_baseline: false,
            log_json: false,
            spaces_max_age_days: 182,
            map_tile_url: PDOK_TILES.into(),
            map_tile_attribution: String::new(),
            map_tile_attribution_url: String::new(),
        }
    }
}

impl Config {
    /// Loads `meedoen.toml` (or the file named by `MEEDOEN_CONFIG`) and the environment.
    pub fn load() -> Result<Config, Box<figment::Error>> {
        let file = std::env::var("MEEDOEN_CONFIG").unwrap_or_else(|_| "meedoen.toml".into());
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("MEEDOEN_").ignore(&["config", "test_postgres_url"]))
            .extract()
            .map_err(Box::new)
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}
