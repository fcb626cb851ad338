//! Vote storm: many voters change their budget ballot at once over HTTP, with bursts of
//! parallel submissions from one voter mixed in. Every request carries a client-side request
//! id; the log of answers is reconciled with what the database holds afterwards:
//! - a voter's stored ballot is their last acknowledged one (one of the acknowledged ones
//!   after a burst), and nobody has two ballots;
//! - no stored ballot is empty or over the budget, and every over-budget ballot was refused;
//! - the tally counters equal a recount of the stored choices.
//!
//! Size: `MEEDOEN_STORM_VOTERS` (default 200), `MEEDOEN_STORM_CHANGES` (default 5) and
//! `MEEDOEN_STORM_SEEDS` (default 2, seeds 1..=N, or `MEEDOEN_STORM_SEED` for one seed).
//! The full run of issue 6:
//! `MEEDOEN_STORM_VOTERS=1000 MEEDOEN_STORM_CHANGES=20 MEEDOEN_STORM_SEEDS=10 cargo test --release --test it storm -- --nocapture`
//! The crash test (`crash.rs`) drives the same storm against the real binary.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use meedoen::args;
use meedoen::db::{now, Db};

use crate::both;
use crate::projects::create_project;
use crate::support::TestApp;

/// Costs of the five ideas on the ballot; the budget is € 50.000, so many of the 31
/// non-empty subsets are over it.
pub const COSTS: [i64; 5] = [10_000, 20_000, 15_000, 5_000, 30_000];
pub const BUDGET: i64 = 50_000;
pub const BURST: usize = 50;

/// SplitMix64: small, deterministic, good enough to pick choices.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

pub fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// A ballot to storm: its component id and the ids of the five ideas (in `COSTS` order).
#[derive(Clone, Debug)]
pub struct Target {
    pub ballot: i64,
    pub ideas: Vec<i64>,
}

impl Target {
    pub fn cost(&self, choice: &BTreeSet<i64>) -> i64 {
        self.ideas
            .iter()
            .zip(COSTS)
            .filter(|(i, _)| choice.contains(i))
            .map(|(_, c)| c)
            .sum()
    }
    pub fn valid(&self, choice: &BTreeSet<i64>) -> bool {
        !choice.is_empty() && self.cost(choice) <= BUDGET
    }
    /// A random non-empty subset of the ideas (about 40% are over the budget).
    pub fn random_choice(&self, rng: &mut Rng) -> BTreeSet<i64> {
        let mask = 1 + rng.below(31);
        (0..5)
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| self.ideas[k])
            .collect()
    }
    /// A random subset within the budget.
    pub fn random_valid(&self, rng: &mut Rng) -> BTreeSet<i64> {
        loop {
            let c = self.random_choice(rng);
            if self.valid(&c) {
                return c;
            }
        }
    }
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

async fn add_component(app: &TestApp, staff: &reqwest::Client, pid: i64, kind: &str) -> i64 {
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/onderdelen")))
        .form(&[("kind", kind), ("title", "Stemmen")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let loc = location(&r);
    loc.rsplit('/')
        .next()
        .and_then(|s| s.split('?').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("component id in {loc}"))
}

/// A published project with an ideas component holding five accepted ideas, and `n` open
/// budget ballots of € 50.000 on those ideas, configured through the staff form.
pub async fn setup(app: &TestApp, n: usize) -> Vec<Target> {
    let (_, staff) = app
        .staff_client("storm-redactie@enschede.test", "editor")
        .await;
    let pid = create_project(app, &staff, "Stemstorm").await;
    let ideas_cid = add_component(app, &staff, pid, "ideas").await;
    let t = now();
    let mut ideas = Vec::new();
    for (k, cost) in COSTS.iter().enumerate() {
        let id: i64 = app
            .db
            .write_scalar(
                "INSERT INTO ideas (org_id, component_id, title, summary, description, cost, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'Een korte samenvatting van het idee', 'Beschrijving', $4, 'accepted', $5, $5) RETURNING id",
                args![app.org_id, ideas_cid, format!("Stormidee {k}"), *cost, t],
            )
            .await
            .unwrap();
        ideas.push(id);
    }
    let mut out = Vec::new();
    for _ in 0..n {
        let ballot = add_component(app, &staff, pid, "ballot").await;
        let cid = ideas_cid.to_string();
        let max = BUDGET.to_string();
        let r = staff
            .post(app.url(&format!("/beheer/stemmen/{ballot}")))
            .form(&[
                ("ideas_component_id", cid.as_str()),
                ("ballot_type", "budget"),
                ("min_budget", "0"),
                ("max_budget", max.as_str()),
                ("opens_at", "2020-01-01T00:00"),
                ("closes_at", "2099-01-01T00:00"),
                ("allow_members", "1"),
                ("confirm_step", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        out.push(Target {
            ballot,
            ideas: ideas.clone(),
        });
    }
    app.db
        .exec(
            "UPDATE projects SET status = 'published' WHERE id = $1",
            args![pid],
        )
        .await
        .unwrap();
    out
}

/// `n` verified members made straight in the database (no password hashing); returns ids.
pub async fn make_voters(db: &Db, org: i64, n: usize, tag: &str) -> Vec<i64> {
    let t = now();
    let mut ids = Vec::with_capacity(n);
    for k in 0..n {
        let id: i64 = db
            .write_scalar(
                "INSERT INTO users (org_id, email, display_name, email_verified_at, created_at) VALUES ($1, $2, 'Stemmer', $3, $3) RETURNING id",
                args![org, format!("storm-{tag}-{k}@test.nl"), t],
            )
            .await
            .unwrap();
        ids.push(id);
    }
    ids
}

/// A session for `user` (valid one day); returns the cookie token.
pub async fn session_token(db: &Db, org: i64, user: i64) -> String {
    let token = meedoen::web::session::random_token();
    let t = now();
    db.exec(
        "INSERT INTO sessions (id_hash, org_id, user_id, second_factor_ok, created_at, expires_at) VALUES ($1, $2, $3, FALSE, $4, $5)",
        args![meedoen::web::session::hash_token(&token), org, user, t, t + 24 * 3600],
    )
    .await
    .unwrap();
    token
}

/// A client that carries `token` as its session cookie to `base` (`http://127.0.0.1:PORT`).
pub fn client_with_session(base: &str, token: &str) -> reqwest::Client {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let url: reqwest::Url = format!("{base}/").parse().unwrap();
    jar.add_cookie_str(&format!("meedoen_sid={token}; Path=/"), &url);
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(2)
        .build()
        .unwrap()
}

/// What one voter sent and what came back, across storms (and restarts).
#[derive(Clone, Debug, Default)]
pub struct VoterLog {
    pub user_id: i64,
    /// Choices that may legitimately be the stored ballot now: the last acknowledged one
    /// (all acknowledged ones of a parallel burst) plus any valid request sent after it
    /// whose answer never came (the server may have committed it before it died).
    pub allowed: BTreeSet<Vec<i64>>,
    /// Some ballot was acknowledged, so one must be stored.
    pub must_exist: bool,
    /// Request ids and choices of every acknowledged request.
    pub acked: Vec<(u64, Vec<i64>)>,
    pub refused: u64,
    pub unanswered: u64,
    /// Answers that should never happen (a 500, a 422 for a valid ballot, a 303 for an
    /// over-budget one, ...), with the request id.
    pub anomalies: Vec<String>,
    pub requests: u64,
}

enum Answer {
    Acked,
    Refused,
    Silent,
    Odd(String),
}

async fn submit(
    c: &reqwest::Client,
    base: &str,
    t: &Target,
    choice: &BTreeSet<i64>,
    req_id: u64,
) -> Answer {
    let mut body: Vec<(String, String)> = choice
        .iter()
        .map(|i| ("idea".to_string(), i.to_string()))
        .collect();
    body.push(("request_id".into(), req_id.to_string()));
    let r = c
        .post(format!("{base}/stemmen/{}/bevestigen", t.ballot))
        .header("x-request-id", req_id.to_string())
        .form(&body)
        .send()
        .await;
    let r = match r {
        Ok(r) => r,
        Err(_) => return Answer::Silent,
    };
    let status = r.status().as_u16();
    let loc = location(&r);
    let valid = t.valid(choice);
    match status {
        303 if valid && loc == format!("/stemmen/{}?melding=ballot-cast", t.ballot) => {
            Answer::Acked
        }
        422 if !valid => match r.text().await {
            Ok(b) if b.contains("error-summary") => Answer::Refused,
            Ok(_) => Answer::Odd(format!("{req_id}: 422 without an error summary")),
            Err(_) => Answer::Refused,
        },
        _ => Answer::Odd(format!(
            "request {req_id}: {choice:?} (valid: {valid}) got {status} {loc} {}",
            r.text()
                .await
                .unwrap_or_default()
                .chars()
                .take(300)
                .collect::<String>()
        )),
    }
}

fn record(log: &mut VoterLog, answer: Answer, req_id: u64, choice: &BTreeSet<i64>, valid: bool) {
    log.requests += 1;
    let v: Vec<i64> = choice.iter().copied().collect();
    match answer {
        Answer::Acked => {
            log.acked.push((req_id, v));
        }
        Answer::Refused => log.refused += 1,
        Answer::Silent => {
            log.unanswered += 1;
            if valid {
                log.allowed.insert(v);
            }
        }
        Answer::Odd(s) => {
            log.anomalies.push(s);
            // Whatever it was, it might have been stored.
            if valid {
                log.allowed.insert(v);
            }
        }
    }
}

/// One voter's part of a storm: `changes` sequential changes with random choices; with
/// probability 1/`burst_odds` a change is a burst of `BURST` parallel submissions instead
/// (identical ones, or every third burst random ones). Stops at the first request that gets
/// no answer when `stop_on_silence` (the server was killed).
#[allow(clippy::too_many_arguments)]
pub async fn voter_run(
    base: String,
    t: Target,
    c: reqwest::Client,
    mut log: VoterLog,
    seed: u64,
    changes: u64,
    burst_odds: u64,
    stop_on_silence: bool,
) -> VoterLog {
    let mut rng = Rng::new(seed);
    for step in 0..changes {
        let req_base = ((log.user_id as u64) << 32) | ((seed & 0xffff) << 16) | (step << 8);
        if burst_odds > 0 && rng.below(burst_odds) == 0 {
            let identical = rng.below(3) != 0;
            let same = t.random_valid(&mut rng);
            let mut tasks = Vec::new();
            for k in 0..BURST as u64 {
                let choice = if identical {
                    same.clone()
                } else {
                    t.random_choice(&mut rng)
                };
                let (c, base, t) = (c.clone(), base.clone(), t.clone());
                tasks.push(tokio::spawn(async move {
                    let a = submit(&c, &base, &t, &choice, req_base + k).await;
                    (a, choice, req_base + k)
                }));
            }
            // After a burst, any of its acknowledged (or unanswered) ballots may be stored.
            let mut silent = false;
            let mut burst_acked = BTreeSet::new();
            let mut burst_open = BTreeSet::new();
            for task in tasks {
                let (a, choice, id) = task.await.unwrap();
                let valid = t.valid(&choice);
                let v: Vec<i64> = choice.iter().copied().collect();
                match a {
                    Answer::Silent => {
                        silent = true;
                        if valid {
                            burst_open.insert(v);
                        }
                    }
                    Answer::Acked => {
                        burst_acked.insert(v);
                    }
                    _ => {}
                }
                record(&mut log, a, id, &choice, valid);
            }
            if !burst_acked.is_empty() {
                // An acknowledged one of the burst committed after everything before it.
                burst_acked.extend(burst_open);
                log.allowed = burst_acked;
                log.must_exist = true;
            }
            if silent && stop_on_silence {
                break;
            }
        } else {
            let choice = t.random_choice(&mut rng);
            let valid = t.valid(&choice);
            let a = submit(&c, &base, &t, &choice, req_base).await;
            let silent = matches!(a, Answer::Silent);
            if matches!(a, Answer::Acked) {
                log.allowed = BTreeSet::from([choice.iter().copied().collect()]);
                log.must_exist = true;
            }
            record(&mut log, a, req_base, &choice, valid);
            if silent && stop_on_silence {
                break;
            }
        }
    }
    log
}

/// Runs one storm: every voter at once. Returns the logs in the same order.
pub async fn storm(
    base: &str,
    t: &Target,
    voters: Vec<(reqwest::Client, VoterLog)>,
    seed: u64,
    changes: u64,
    burst_odds: u64,
    stop_on_silence: bool,
) -> Vec<VoterLog> {
    let mut tasks = Vec::new();
    for (k, (c, log)) in voters.into_iter().enumerate() {
        tasks.push(tokio::spawn(voter_run(
            base.to_string(),
            t.clone(),
            c,
            log,
            seed.wrapping_mul(1_000_003).wrapping_add(k as u64),
            changes,
            burst_odds,
            stop_on_silence,
        )));
    }
    let mut out = Vec::new();
    for task in tasks {
        out.push(task.await.unwrap());
    }
    out
}

/// Figures of one reconciliation.
#[derive(Debug, Default)]
pub struct Reconciled {
    pub voters: usize,
    pub requests: u64,
    pub acknowledged: u64,
    pub refused: u64,
    pub unanswered: u64,
    pub stored_ballots: i64,
    /// Voters with an acknowledged ballot whose stored ballot is one they may have.
    pub matched: usize,
}

/// Compares the database with the logs; panics with the first differences.
pub async fn reconcile(db: &Db, t: &Target, logs: &[VoterLog]) -> Reconciled {
    let b = t.ballot;
    let rows: Vec<(i64, Option<i64>, String)> = db
        .all(
            "SELECT id, user_id, voter_key FROM ballots WHERE component_id = $1",
            args![b],
        )
        .await
        .unwrap();
    let choices = crate::support::ballot_choices(db, b).await;
    let mut by_ballot: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (ballot, idea) in &choices {
        by_ballot.entry(*ballot).or_default().push(*idea);
    }
    let mut per_user: BTreeMap<i64, Vec<Vec<i64>>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (id, user, key) in &rows {
        let c = by_ballot.get(id).cloned().unwrap_or_default();
        let set: BTreeSet<i64> = c.iter().copied().collect();
        if !t.valid(&set) {
            problems.push(format!(
                "ballot {id} ({key}) breaks the rules: {c:?}, cost {}",
                t.cost(&set)
            ));
        }
        match user {
            Some(u) if *key == format!("u:{u}") => per_user.entry(*u).or_default().push(c),
            _ => problems.push(format!("ballot {id} has key {key} for user {user:?}")),
        }
    }
    let mut out = Reconciled {
        voters: logs.len(),
        stored_ballots: rows.len() as i64,
        ..Default::default()
    };
    for log in logs {
        out.requests += log.requests;
        out.acknowledged += log.acked.len() as u64;
        out.refused += log.refused;
        out.unanswered += log.unanswered;
        let stored = per_user.remove(&log.user_id).unwrap_or_default();
        if stored.len() > 1 {
            problems.push(format!(
                "voter {} has {} ballots",
                log.user_id,
                stored.len()
            ));
            continue;
        }
        match stored.first() {
            None if log.must_exist => problems.push(format!(
                "voter {}: acknowledged {:?} but nothing is stored",
                log.user_id,
                log.acked.last()
            )),
            None => {}
            Some(s) if log.allowed.contains(s) && log.must_exist => out.matched += 1,
            Some(s) if log.allowed.contains(s) => {}
            Some(s) => problems.push(format!(
                "voter {}: stored {s:?}, but the last acknowledged was {:?} (allowed {:?})",
                log.user_id,
                log.acked.last(),
                log.allowed
            )),
        }
    }
    for u in per_user.keys() {
        problems.push(format!("user {u} has a ballot but never voted here"));
    }
    // The counters equal a recount of the stored choices.
    let tallies: Vec<(i64, i64)> = db
        .all(
            "SELECT idea_id, CAST(SUM(votes) AS BIGINT) FROM ballot_tallies WHERE component_id = $1 \
             GROUP BY idea_id HAVING SUM(votes) <> 0 ORDER BY idea_id",
            args![b],
        )
        .await
        .unwrap();
    let mut recount: BTreeMap<i64, i64> = BTreeMap::new();
    for (_, idea) in &choices {
        *recount.entry(*idea).or_default() += 1;
    }
    let tallies: BTreeMap<i64, i64> = tallies.into_iter().collect();
    if tallies != recount {
        problems.push(format!(
            "tallies {tallies:?} differ from the recount {recount:?}"
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problems, first ones:\n{}",
        problems.len(),
        problems
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    out
}

async fn vote_storm(app: TestApp) {
    let voters = env_num("MEEDOEN_STORM_VOTERS", 200) as usize;
    let changes = env_num("MEEDOEN_STORM_CHANGES", 5);
    let seeds: Vec<u64> = match std::env::var("MEEDOEN_STORM_SEED") {
        Ok(s) => vec![s.trim().parse().expect("MEEDOEN_STORM_SEED is a number")],
        Err(_) => (1..=env_num("MEEDOEN_STORM_SEEDS", 2)).collect(),
    };
    let targets = setup(&app, seeds.len()).await;
    let ids = make_voters(&app.db, app.org_id, voters, "s").await;
    let mut tokens = Vec::new();
    for id in &ids {
        tokens.push(session_token(&app.db, app.org_id, *id).await);
    }
    let mut total = Reconciled::default();
    for (seed, t) in seeds.iter().zip(&targets) {
        let started = Instant::now();
        let crowd: Vec<(reqwest::Client, VoterLog)> = ids
            .iter()
            .zip(&tokens)
            .map(|(id, tok)| {
                (
                    client_with_session(&app.base, tok),
                    VoterLog {
                        user_id: *id,
                        ..Default::default()
                    },
                )
            })
            .collect();
        // About one change in 40 is a burst of 50 parallel submissions.
        let logs = storm(&app.base, t, crowd, *seed, changes, 40, false).await;
        let anomalies: Vec<&String> = logs.iter().flat_map(|l| &l.anomalies).collect();
        assert!(
            anomalies.is_empty(),
            "seed {seed}: {} unexpected answers, first: {:?}",
            anomalies.len(),
            &anomalies[..anomalies.len().min(10)]
        );
        let r = reconcile(&app.db, t, &logs).await;
        assert_eq!(r.unanswered, 0, "seed {seed}: every request was answered");
        assert!(r.acknowledged > 0 && r.refused > 0, "{r:?}");
        assert_eq!(
            r.matched,
            logs.iter().filter(|l| l.must_exist).count(),
            "seed {seed}"
        );
        eprintln!(
            "storm {:?} seed {seed}: {} voters, {} requests ({} acknowledged, {} refused over budget), {} ballots stored, all reconciled, {:.1} s",
            app.backend,
            r.voters,
            r.requests,
            r.acknowledged,
            r.refused,
            r.stored_ballots,
            started.elapsed().as_secs_f64()
        );
        total.requests += r.requests;
        total.acknowledged += r.acknowledged;
        total.refused += r.refused;
        total.stored_ballots += r.stored_ballots;
    }
    eprintln!(
        "storm {:?} total over {} seeds: {} requests, {} acknowledged, {} refused, {} ballots stored, 0 lost, 0 doubled",
        app.backend,
        seeds.len(),
        total.requests,
        total.acknowledged,
        total.refused,
        total.stored_ballots
    );
}

both!(vote_storm_reconciles, vote_storm);
