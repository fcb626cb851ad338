//! Crash test: the real `meedoen` binary serves a vote storm and is killed with SIGKILL at a
//! random moment, again and again; after every kill it must restart cleanly, and every ballot
//! that was acknowledged (an HTTP answer reached the voter) must be stored, with the tallies
//! equal to a recount. On SQLite, `PRAGMA integrity_check` must say `ok` after every kill.
//!
//! SQLite runs in WAL mode with `synchronous=NORMAL`: a commit is durable against the death
//! of the process (this test), not against a power cut, which would need `synchronous=FULL`.
//!
//! Each kill comes 0 to 1.5 s (random) after the restarted server answered its first 20
//! ballots. Kills: `MEEDOEN_CRASH_KILLS` (default 3; issue 6's full run is 20), voters:
//! `MEEDOEN_CRASH_VOTERS` (default 100), seed: `MEEDOEN_CRASH_SEED` (default 1).
//! Full run: `MEEDOEN_CRASH_KILLS=20 MEEDOEN_CRASH_VOTERS=300 cargo test --release --test it crash -- --nocapture`

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use meedoen::db::Db;

use crate::both;
use crate::storm::{
    client_with_session, env_num, make_voters, reconcile, session_token, setup, storm, Rng,
    VoterLog,
};
use crate::support::{pg_base_url, Backend, TestApp};

/// The URL of the test's database, for the binary.
pub async fn database_url(app: &TestApp) -> String {
    match app.backend {
        Backend::Sqlite => app
            .data_dir
            .parent()
            .expect("tempdir")
            .join("test.db")
            .to_string_lossy()
            .to_string(),
        Backend::Postgres => {
            let name: String = app
                .db
                .scalar("SELECT CAST(current_database() AS TEXT)", vec![])
                .await
                .unwrap()
                .unwrap();
            let base = pg_base_url().expect("postgres");
            let (head, params) = base
                .split_once('?')
                .map(|(a, b)| (a.to_string(), Some(b.to_string())))
                .unwrap_or((base.clone(), None));
            let scheme_end = head.find("://").map(|i| i + 3).unwrap_or(0);
            let host = match head[scheme_end..].find('/') {
                Some(i) => head[..scheme_end + i].to_string(),
                None => head.clone(),
            };
            match params {
                Some(p) => format!("{host}/{name}?{p}"),
                None => format!("{host}/{name}"),
            }
        }
    }
}

struct Server {
    child: Child,
    log: std::path::PathBuf,
}

async fn start_server(url: &str, port: u16, dir: &std::path::Path, n: usize) -> (Server, Duration) {
    let log = dir.join(format!("server-{n}.log"));
    let out = std::fs::File::create(&log).unwrap();
    let err = out.try_clone().unwrap();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_meedoen"))
        .arg("serve")
        .env("MEEDOEN_DATABASE_URL", url)
        .env("MEEDOEN_BIND", format!("127.0.0.1:{port}"))
        .env("MEEDOEN_BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("MEEDOEN_DATA_DIR", dir.join("uploads"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "start {n}: the server exited with {status}: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
        {
            if r.status() == 200 {
                return (Server { child, log }, started.elapsed());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    panic!(
        "start {n}: no healthy answer within 30 s: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
}

async fn kills_lose_no_acknowledged_ballot(mut app: TestApp) {
    let kills = env_num("MEEDOEN_CRASH_KILLS", 3) as usize;
    let voters = env_num("MEEDOEN_CRASH_VOTERS", 100) as usize;
    let seed = env_num("MEEDOEN_CRASH_SEED", 1);
    let target = setup(&app, 1).await.remove(0);
    let ids = make_voters(&app.db, app.org_id, voters, "c").await;
    let mut tokens = Vec::new();
    for id in &ids {
        tokens.push(session_token(&app.db, app.org_id, *id).await);
    }
    let url = database_url(&app).await;
    // Hand the database over to the binary.
    if let Some(a) = app.app.take() {
        a.shutdown().await.expect("in-process server stops");
    }
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut logs: Vec<VoterLog> = ids
        .iter()
        .map(|id| VoterLog {
            user_id: *id,
            ..Default::default()
        })
        .collect();
    let mut rng = Rng::new(seed);
    let mut slowest_start = Duration::ZERO;
    for round in 0..=kills {
        let (mut server, took) = start_server(&url, port, dir.path(), round).await;
        slowest_start = slowest_start.max(took);
        let crowd: Vec<(reqwest::Client, VoterLog)> = tokens
            .iter()
            .zip(logs)
            .map(|(tok, log)| (client_with_session(&base, tok), log))
            .collect();
        if round < kills {
            // Kill at a random moment: 0 to 1.5 s after the server has acknowledged its
            // first 20 ballots (on a busy machine the first second may pass without one).
            let delay = Duration::from_millis(rng.below(1500));
            let pid = server.child.id();
            let metrics = format!("{base}/metrics");
            let killer = tokio::spawn(async move {
                let c = reqwest::Client::new();
                let waiting = Instant::now();
                while waiting.elapsed() < Duration::from_secs(60) {
                    let acked = match c.get(&metrics).send().await {
                        Ok(r) => r.text().await.unwrap_or_default(),
                        Err(_) => String::new(),
                    }
                    .lines()
                    .find(|l| l.starts_with("meedoen_http_requests_total{class=\"3xx\"}"))
                    .and_then(|l| l.rsplit(' ').next())
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(0);
                    if acked >= 20 {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                tokio::time::sleep(delay).await;
                let st = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status()
                    .unwrap();
                assert!(st.success());
            });
            logs = storm(
                &base,
                &target,
                crowd,
                seed * 1000 + round as u64,
                10_000,
                40,
                true,
            )
            .await;
            killer.await.unwrap();
            let status = server.child.wait().unwrap();
            assert!(!status.success(), "round {round}: the server was killed");
        } else {
            // A last, short storm on the restarted server, then a graceful stop.
            logs = storm(
                &base,
                &target,
                crowd,
                seed * 1000 + round as u64,
                3,
                40,
                true,
            )
            .await;
            let st = Command::new("kill")
                .args(["-TERM", &server.child.id().to_string()])
                .status()
                .unwrap();
            assert!(st.success());
            let status = server.child.wait().unwrap();
            assert!(
                status.success(),
                "clean exit after SIGTERM: {status}: {}",
                std::fs::read_to_string(&server.log).unwrap_or_default()
            );
        }
        let anomalies: Vec<&String> = logs.iter().flat_map(|l| &l.anomalies).collect();
        assert!(
            anomalies.is_empty(),
            "round {round}: unexpected answers: {:?}",
            &anomalies[..anomalies.len().min(10)]
        );
        // Every acknowledged ballot is there, nobody has two, the tallies add up.
        let db = Db::connect(&url).await.unwrap();
        if app.backend == Backend::Sqlite {
            let ok: Option<String> = db.scalar("PRAGMA integrity_check", vec![]).await.unwrap();
            assert_eq!(ok.as_deref(), Some("ok"), "round {round}");
        }
        let r = reconcile(&db, &target, &logs).await;
        db.close().await;
        eprintln!(
            "crash {:?} round {round}{}: {} requests so far, {} acknowledged, {} refused, {} unanswered (killed in flight), {} ballots stored, {} voters' last acknowledged ballot found",
            app.backend,
            if round < kills { " (SIGKILL)" } else { " (SIGTERM)" },
            r.requests,
            r.acknowledged,
            r.refused,
            r.unanswered,
            r.stored_ballots,
            r.matched
        );
        assert!(r.acknowledged > 0, "round {round}: the storm got going");
        // Only voters whose last request was cut off may differ from their last ack.
        assert_eq!(
            r.matched,
            logs.iter().filter(|l| l.must_exist).count(),
            "round {round}"
        );
    }
    eprintln!(
        "crash {:?}: {kills} SIGKILLs survived, {} clean restarts, slowest start {:.1} s, 0 acknowledged ballots lost",
        app.backend,
        kills + 1,
        slowest_start.as_secs_f64()
    );
}

both!(sigkill_during_storm, kills_lose_no_acknowledged_ballot);
