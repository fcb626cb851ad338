//! Test harness: starts the real server on 127.0.0.1:0 with a fresh database, on SQLite or
//! PostgreSQL. PostgreSQL comes from MEEDOEN_TEST_POSTGRES_URL, or from a throwaway cluster
//! started here when `initdb` and `postgres` are on PATH. Without either, PostgreSQL tests
//! fail with the reason, unless MEEDOEN_TEST_SKIP_POSTGRES=1 is set: then they are skipped,
//! said loudly once (never under CI=true).
//!
//! Each PostgreSQL test database is a copy of a template database migrated once per test
//! process (`meedoen_tpl_<hash of the migrations>`, kept on the server for later runs), so
//! the application's `migrate` at start finds nothing to do.

#![allow(dead_code)]

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use meedoen::db::{now, Db};
use meedoen::web::session::{hash_token, random_token};
use meedoen::{args, App, Config};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates `mod $name { sqlite(), postgres() }` running `$body(TestApp)` on each backend.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let app = $crate::support::TestApp::spawn($crate::support::Backend::Sqlite).await;
                super::$body(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if let Some(app) = $crate::support::TestApp::spawn_pg().await {
                    super::$body(app).await;
                }
            }
        }
    };
}

pub struct TestApp {
    pub app: Option<App>,
    pub base: String,
    pub db: Db,
    pub org_id: i64,
    pub backend: Backend,
    pub data_dir: PathBuf,
    _dir: tempfile::TempDir,
}

pub const PASSWORD: &str = "lange-test-zin-42";

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, Vec::new()).await
    }

    /// A server with `extra` modules besides the standard ones.
    pub async fn spawn_with(
        backend: Backend,
        extra: Vec<std::sync::Arc<dyn meedoen::module::Module>>,
    ) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = match backend {
            Backend::Sqlite => dir.path().join("test.db").to_string_lossy().to_string(),
            Backend::Postgres => fresh_pg_database().await.expect("postgres available"),
        };
        Self::spawn_with_url(backend, url, dir, extra, |_| {}).await
    }

    /// A server whose configuration `configure` changes first (the map tiles, say). Without
    /// PostgreSQL when its half is skipped (see `pg_base_url`), None.
    pub async fn spawn_configured(backend: Backend, configure: fn(&mut Config)) -> Option<TestApp> {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = match backend {
            Backend::Sqlite => dir.path().join("test.db").to_string_lossy().to_string(),
            Backend::Postgres => fresh_pg_database().await?,
        };
        Some(Self::spawn_with_url(backend, url, dir, Vec::new(), configure).await)
    }

    /// PostgreSQL. Without a server this fails the test, or returns None (said loudly) when
    /// MEEDOEN_TEST_SKIP_POSTGRES=1; see `pg_base_url`.
    pub async fn spawn_pg() -> Option<TestApp> {
        pg_base_url()?;
        Some(Self::spawn(Backend::Postgres).await)
    }

    async fn spawn_with_url(
        backend: Backend,
        url: String,
        dir: tempfile::TempDir,
        extra: Vec<std::sync::Arc<dyn meedoen::module::Module>>,
        configure: fn(&mut Config),
    ) -> TestApp {
        let data_dir = dir.path().join("uploads");
        let mut config = Config {
            database_url: url,
            data_dir: data_dir.clone(),
            bind: "127.0.0.1:0".into(),
            base_url: "http://127.0.0.1".into(),
            // Tests load nothing from outside; tests/it/maps.rs covers the default tiles.
            map_tile_url: "none".into(),
            ..Config::default()
        };
        configure(&mut config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let app = App::build_with(config, listener, extra)
            .await
            .expect("app builds");
        let db = app.state().db.clone();
        let org_id = meedoen::setup::create_org(
            &db,
            "Enschede",
            "enschede",
            "participatie@enschede.test",
            &["127.0.0.1", "localhost"],
        )
        .await
        .expect("org");
        let base = format!("http://{}", app.addr());
        TestApp {
            app: Some(app),
            base,
            db,
            org_id,
            backend,
            data_dir,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn port(&self) -> u16 {
        self.app.as_ref().map(|a| a.addr().port()).unwrap_or(0)
    }

    /// A fresh browser-like client: own cookie jar, no automatic redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client")
    }

    /// A verified member account; returns its id.
    pub async fn member(&self, email: &str) -> i64 {
        meedoen::setup::create_user(&self.db, self.org_id, email, "Test Bewoner", PASSWORD, &[])
            .await
            .expect("user")
    }

    /// The person `id` as module hooks (data download, erasure) see them.
    pub async fn person(&self, id: i64) -> meedoen::module::Person {
        let (email, display_name): (Option<String>, String) = self
            .db
            .one(
                "SELECT email, display_name FROM users WHERE id = $1",
                args![id],
            )
            .await
            .expect("person");
        meedoen::module::Person {
            id,
            email: email.unwrap_or_default(),
            display_name,
        }
    }

    /// The module with key `key` of the running app.
    pub fn module(&self, key: &str) -> std::sync::Arc<dyn meedoen::module::Module> {
        self.app
            .as_ref()
            .expect("running")
            .state()
            .modules
            .get(key)
            .expect("module")
            .clone()
    }

    /// A staff account with `role`; returns its id.
    pub async fn staff(&self, email: &str, role: &str) -> i64 {
        meedoen::setup::create_user(
            &self.db,
            self.org_id,
            email,
            "Test Medewerker",
            PASSWORD,
            &[role],
        )
        .await
        .expect("staff")
    }

    /// A session row for `user_id` in `org_id`; returns the cookie token. Login itself is
    /// tested in `accounts`; other tests start from a session. `second_factor` marks it as
    /// past the TOTP step.
    pub async fn session_token(&self, org_id: i64, user_id: i64, second_factor: bool) -> String {
        let token = random_token();
        let t = now();
        self.db
            .exec(
                "INSERT INTO sessions (id_hash, org_id, user_id, second_factor_ok, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                args![hash_token(&token), org_id, user_id, second_factor, t, t + 3600],
            )
            .await
            .expect("session");
        token
    }

    /// A client logged in as `user_id` of `org_id`, reaching this server under `host`.
    pub async fn session_on_host(
        &self,
        host: &str,
        org_id: i64,
        user_id: i64,
        second_factor: bool,
    ) -> reqwest::Client {
        let token = self.session_token(org_id, user_id, second_factor).await;
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let url: reqwest::Url = self.url_for_host(host, "/").parse().expect("url");
        jar.add_cookie_str(&format!("meedoen_sid={token}; Path=/"), &url);
        reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .resolve(host, self.app.as_ref().expect("running").addr())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client")
    }

    /// A client logged in as `user_id` of this test's municipality.
    pub async fn session_for(&self, user_id: i64, second_factor: bool) -> reqwest::Client {
        self.session_on_host("127.0.0.1", self.org_id, user_id, second_factor)
            .await
    }

    /// A member who is logged in.
    pub async fn member_client(&self, email: &str) -> (i64, reqwest::Client) {
        let id = self.member(email).await;
        (id, self.session_for(id, false).await)
    }

    /// Staff with `role`, logged in and past two-factor.
    pub async fn staff_client(&self, email: &str, role: &str) -> (i64, reqwest::Client) {
        let id = self.staff(email, role).await;
        (id, self.session_for(id, true).await)
    }

    /// The newest outbox message to `to`: (subject, body).
    pub async fn last_mail(&self, to: &str) -> Option<(String, String)> {
        self.db
            .opt::<(String, String)>(
                "SELECT subject, body_text FROM outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1",
                args![to],
            )
            .await
            .expect("outbox query")
    }

    /// A second municipality served on `host`; returns its id.
    pub async fn second_org(&self, host: &str) -> i64 {
        meedoen::setup::create_org(
            &self.db,
            "Hengelo",
            "hengelo",
            "participatie@hengelo.test",
            &[host],
        )
        .await
        .expect("org b")
    }

    /// A client that reaches this server under another host name.
    pub fn client_for_host(&self, host: &str) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .resolve(host, self.app.as_ref().expect("running").addr())
            .build()
            .expect("client")
    }

    pub fn url_for_host(&self, host: &str, path: &str) -> String {
        format!("http://{}:{}{}", host, self.port(), path)
    }

    pub async fn stop(mut self) {
        if let Some(app) = self.app.take() {
            app.shutdown().await.expect("clean shutdown");
        }
    }
}

/// The first link in `body` whose path starts with `prefix`, made absolute for this server.
pub fn link_in(body: &str, prefix: &str) -> Option<String> {
    let start = body.find(prefix).or_else(|| {
        body.find("http")
            .and_then(|i| body[i..].find(prefix).map(|j| i + j))
    })?;
    let rest = &body[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// Pulls the value of `<input name="NAME" value="...">` or the first match of an attribute.
pub fn form_value(html: &str, name: &str) -> Option<String> {
    let needle = format!("name=\"{name}\"");
    let i = html.find(&needle)?;
    let tag_start = html[..i].rfind('<')?;
    let tag_end = i + html[i..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let v = tag.find("value=\"")? + 7;
    let e = tag[v..].find('"')?;
    Some(tag[v..v + e].to_string())
}

// ---------------------------------------------------------------------------------------
// PostgreSQL

/// Every (ballot, idea) choice of a ballot component, ordered, read from `ballots.choices` the
/// way the application reads it (`ballot::store::parse_choices`). Recounts start here.
pub async fn ballot_choices(db: &Db, component: i64) -> Vec<(i64, i64)> {
    let rows: Vec<(i64, String)> = db
        .all(
            "SELECT id, choices FROM ballots WHERE component_id = $1 ORDER BY id",
            args![component],
        )
        .await
        .expect("read ballots");
    rows.into_iter()
        .flat_map(|(id, text)| {
            meedoen::components::ballot::store::parse_choices(&text)
                .into_iter()
                .map(move |idea| (id, idea))
        })
        .collect()
}

/// The PostgreSQL server of this test process: its base URL, or why there is none.
static PG: OnceLock<Result<String, String>> = OnceLock::new();

/// Set to `1` to let the PostgreSQL half be skipped when no server can be had.
pub const SKIP_POSTGRES: &str = "MEEDOEN_TEST_SKIP_POSTGRES";

/// Base URL of a PostgreSQL server (its `postgres` database), from MEEDOEN_TEST_POSTGRES_URL
/// or a throwaway cluster started here.
///
/// Without a server this panics, so the PostgreSQL half of every test fails, with the reason.
/// Only with MEEDOEN_TEST_SKIP_POSTGRES=1 (and not under CI=true) does it return None instead,
/// after saying once on the terminal, past the test harness's output capture, that the
/// PostgreSQL half is skipped.
pub fn pg_base_url() -> Option<String> {
    let why = match PG.get_or_init(|| {
        match std::env::var("MEEDOEN_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => return Ok(url),
            _ => {}
        }
        start_cluster()
    }) {
        Ok(url) => return Some(url.clone()),
        Err(e) => e,
    };
    let skip = std::env::var(SKIP_POSTGRES).is_ok_and(|v| v == "1");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if !skip || ci {
        panic!(
            "\n\nPostgreSQL half FAILED: no PostgreSQL server ({why}).\n\
             Set MEEDOEN_TEST_POSTGRES_URL, or put initdb/postgres on PATH (or under \
             /usr/lib/postgresql) so the tests start a throwaway cluster.\n\
             To skip the PostgreSQL half on purpose, set {SKIP_POSTGRES}=1{}.\n\n",
            if ci {
                " (not honoured under CI=true)"
            } else {
                ""
            }
        );
    }
    static ANNOUNCED: std::sync::Once = std::sync::Once::new();
    ANNOUNCED.call_once(|| {
        // Straight to the process's stderr: `eprintln!` in a passing test is captured and
        // never shown, which would make the skip silent.
        use std::io::Write;
        let _ = write!(
            std::io::stderr(),
            "\n\n!!!! PostgreSQL half SKIPPED ({SKIP_POSTGRES}=1): {why}.\n\
             !!!! Every PostgreSQL test passes WITHOUT RUNNING.\n\n"
        );
    });
    None
}

/// A hash of the PostgreSQL migrations as compiled into this binary (the same files, at the
/// same build, as the application's `meedoen::db::migrate`): version, name and the checksum of
/// each file's contents. A changed or added migration gives another template name.
fn migrations_hash() -> String {
    use sha2::{Digest, Sha256};
    let migrator = sqlx::migrate!("../../migrations/postgres");
    let mut h = Sha256::new();
    for m in migrator.iter() {
        h.update(m.version.to_le_bytes());
        h.update(m.description.as_bytes());
        h.update([0]);
        h.update(&*m.checksum);
    }
    hex::encode(h.finalize())[..12].to_string()
}

/// Name of the migrated template database every PostgreSQL test database is copied from;
/// made (at most) once per test process.
static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

async fn pg_template(base: &str) -> &'static str {
    TEMPLATE.get_or_init(|| make_template(base)).await
}

fn sql(text: String) -> sqlx::query::Query<'static, sqlx::Postgres, sqlx::postgres::PgArguments> {
    sqlx::query(sqlx::AssertSqlSafe(text))
}

/// Advisory lock (on the server's `postgres` database) held while a template is being made,
/// so test processes sharing a server make it one at a time and only once.
const TEMPLATE_LOCK: i64 = 0x6d65_6564_6f65_6e01;

/// Makes `meedoen_tpl_<hash of the migrations>` unless the server has it already. Test
/// processes sharing one server take turns (`TEMPLATE_LOCK`), and whoever comes second finds
/// it made. It is built under a name of its own and renamed once fully migrated, so a template
/// under the final name is always complete; a build cut short (a killed test run) leaves only
/// its `_new_` database, dropped by the next one to hold the lock. Connections to the template
/// are refused afterwards, so no stray session can block the copies.
async fn make_template(base: &str) -> String {
    use sqlx::Connection;
    let name = format!("meedoen_tpl_{}", migrations_hash());
    let admin_url = with_db(base, "postgres");
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connect to postgres");
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(TEMPLATE_LOCK)
        .execute(&mut admin)
        .await
        .expect("take the template lock");
    if !database_exists(&mut admin, &name).await {
        build_template(base, &mut admin, &name).await;
    }
    // Closing the session releases the lock.
    admin.close().await.ok();
    name
}

async fn build_template(base: &str, admin: &mut sqlx::PgConnection, name: &str) {
    // Leftovers of builds cut short: nobody else builds while we hold the lock.
    let leftovers: Vec<String> = sqlx::query_scalar(
        "SELECT datname::text FROM pg_database WHERE datname LIKE 'meedoen\\_tpl\\_%\\_new\\_%'",
    )
    .fetch_all(&mut *admin)
    .await
    .expect("list unfinished templates");
    for old in leftovers {
        let _ = sql(format!("DROP DATABASE IF EXISTS {old}"))
            .execute(&mut *admin)
            .await;
    }
    let building = format!("{name}_new_{}", short_token());
    sql(format!("CREATE DATABASE {building}"))
        .execute(&mut *admin)
        .await
        .expect("create the template database");
    let db = Db::connect(&with_db(base, &building))
        .await
        .expect("connect to the template database");
    meedoen::db::migrate(&db)
        .await
        .expect("migrate the template database");
    db.close().await;
    sql(format!(
        "ALTER DATABASE {building} WITH ALLOW_CONNECTIONS false"
    ))
    .execute(&mut *admin)
    .await
    .expect("close the template database to connections");
    if let Err(e) = sql(format!("ALTER DATABASE {building} RENAME TO {name}"))
        .execute(&mut *admin)
        .await
    {
        // Only someone not taking the lock can have made it meanwhile; theirs is complete too.
        assert!(
            database_exists(admin, name).await,
            "rename the template database: {e}"
        );
        let _ = sql(format!("DROP DATABASE {building}"))
            .execute(&mut *admin)
            .await;
    }
}

async fn database_exists(admin: &mut sqlx::PgConnection, name: &str) -> bool {
    sqlx::query_scalar::<_, i32>("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_optional(admin)
        .await
        .expect("look up a database")
        .is_some()
}

fn short_token() -> String {
    random_token().to_lowercase().replace(['-', '_'], "")[..16].to_string()
}

/// A new database copied from the migrated template (the application's own `migrate` at
/// start then finds nothing to do). None only when the PostgreSQL half is skipped.
async fn fresh_pg_database() -> Option<String> {
    use sqlx::Connection;
    let base = pg_base_url()?;
    let template = pg_template(&base).await;
    let name = format!("t_{}", short_token());
    let admin_url = with_db(&base, "postgres");
    let mut conn = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connect to postgres");
    sql(format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    conn.close().await.ok();
    Some(with_db(&base, &name))
}

fn with_db(base: &str, db: &str) -> String {
    // base is postgres://user@host:port[/db][?params]
    let (head, params) = base
        .split_once('?')
        .map(|(a, b)| (a, Some(b)))
        .unwrap_or((base, None));
    let scheme_end = head.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match head[scheme_end..].find('/') {
        Some(i) => &head[..scheme_end + i],
        None => head,
    };
    match params {
        Some(p) => format!("{host_part}/{db}?{p}"),
        None => format!("{host_part}/{db}"),
    }
}

fn find_bin(name: &str) -> Option<PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    // Debian keeps the server binaries out of PATH.
    if let Ok(rd) = std::fs::read_dir("/usr/lib/postgresql") {
        let mut v: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("bin"))
            .collect();
        v.sort();
        v.reverse();
        dirs.extend(v);
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn start_cluster() -> Result<String, String> {
    let initdb = find_bin("initdb").ok_or("initdb not found")?;
    let postgres = find_bin("postgres").ok_or("postgres not found")?;
    let port = StdListener::bind("127.0.0.1:0")
        .map_err(|e| e.to_string())?
        .local_addr()
        .map_err(|e| e.to_string())?
        .port();
    let dir = std::env::temp_dir().join(format!("meedoen-pg-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let as_pg = |bin: &PathBuf| -> Command {
        if is_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(bin);
            c
        } else {
            Command::new(bin)
        }
    };
    if is_root {
        Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir)
            .status()
            .map_err(|e| e.to_string())?;
    }
    let data = dir.join("data");
    let out = as_pg(&initdb)
        .arg("-D")
        .arg(&data)
        .args(["--auth=trust", "-U", "meedoen", "-E", "UTF8", "--no-sync"])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let child = as_pg(&postgres)
        .arg("-D")
        .arg(&data)
        .args(["-p", &port.to_string(), "-k"])
        .arg(&dir)
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=400",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    // Stop the cluster when this test process ends, however it ends.
    let me = std::process::id();
    let pid = child.id();
    let _ = Command::new("sh")
        .arg("-c")
        .arg(format!("while kill -0 {me} 2>/dev/null; do sleep 1; done; kill -INT {pid} 2>/dev/null; sleep 3; rm -rf '{}'", dir.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            std::thread::sleep(Duration::from_millis(200));
            return Ok(format!("postgres://meedoen@127.0.0.1:{port}/postgres"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err("postgres did not start within 10 s".into())
}
