//! `meedoen bench-data`: loads a generated data set for the benchmark (`bench/run`) into a
//! fresh, migrated database, fast: every table is filled by one `INSERT ... SELECT` over a
//! recursive number series (`WITH RECURSIVE`, which SQLite and PostgreSQL both run), inside
//! one transaction per table.
//!
//! What it makes: the municipality "Benchdorp" on the hosts 127.0.0.1 and localhost, a
//! published project with an ideas component (window open) and, when the ballot tables exist,
//! a budget ballot on those ideas (open); accepted ideas with likes and comments (the first
//! idea always has exactly 50 comments: the "idea page" scenario), paper ballots, verified
//! members, and a session for each member with a known token. The tokens go to
//! `OUT/tokens.txt` (one per line, cookie `meedoen_sid=TOKEN`), the ids the load scripts need
//! to `OUT/data.json`.

use std::path::Path;
use std::time::Instant;

use crate::args;
use crate::config::Config;
use crate::db::{now, Db};

/// How much to load.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub name: &'static str,
    pub ideas: i64,
    /// Target number of idea likes (the exact count is printed).
    pub likes: i64,
    /// Paper ballots, three ideas each.
    pub ballots: i64,
    /// Comments in total; 50 of them on the first idea.
    pub comments: i64,
    /// Verified members, each with a session whose token is written out.
    pub members: i64,
    /// Published Makelpunt spaces (scenario 7 searches them).
    pub spaces: i64,
}

pub const TINY: Size = Size {
    name: "tiny",
    ideas: 20,
    likes: 300,
    ballots: 50,
    comments: 60,
    members: 200,
    spaces: 200,
};
pub const SMALL: Size = Size {
    name: "small",
    ideas: 50,
    likes: 1_000,
    ballots: 500,
    comments: 200,
    members: 100_000,
    spaces: 2_000,
};
pub const LARGE: Size = Size {
    name: "large",
    ideas: 1_000,
    // The "1,000,000 likes and ballots", read as a million of each.
    likes: 1_000_000,
    ballots: 1_000_000,
    comments: 100_000,
    members: 100_000,
    spaces: 10_000,
};

pub fn size(name: &str) -> anyhow::Result<Size> {
    match name {
        "tiny" => Ok(TINY),
        "small" => Ok(SMALL),
        "large" => Ok(LARGE),
        other => anyhow::bail!("unknown size {other:?}: use tiny, small or large"),
    }
}

/// Session hashes per INSERT.
const SESSION_CHUNK: usize = 500;

/// Comments on the first idea (the idea page scenario).
const PAGE_COMMENTS: i64 = 50;

/// A number series 0..$n (exclusive) for `INSERT ... SELECT`.
macro_rules! series {
    ($n:literal, $rest:literal) => {
        concat!(
            "WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x + 1 < ",
            $n,
            ") ",
            $rest
        )
    };
}

/// The bench ballots' choices: three distinct ideas per ballot, k, k+1..k+7 and k+9..k+13
/// (mod the idea count), from the ballot's id. Two statements over `$1` first idea, `$2` first
/// ballot, `$3` idea count and `$4` the ballot component: one stores each ballot's choices,
/// ascending as a cast stores them (`ballot::store::choices_text`); the other (with `$5` org
/// and `$6` shards) adds each ballot's votes in its own shard (`ballot::store::tally_shard`),
/// as casts leave them. Made once (statements are `'static`).
fn ballot_choice_sql() -> (&'static str, &'static str) {
    static TEXTS: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    let (set, tallies) = TEXTS.get_or_init(|| {
        let picks = [
            "($1 + ((id - $2) % $3))",
            "($1 + ((id - $2) % $3 + 1 + (id - $2) % 7) % $3)",
            "($1 + ((id - $2) % $3 + 9 + (id - $2) % 5) % $3)",
        ];
        let [a, b, c] = picks;
        let lo = format!(
            "CASE WHEN {a} < {b} AND {a} < {c} THEN {a} WHEN {b} < {c} THEN {b} ELSE {c} END"
        );
        let hi = format!(
            "CASE WHEN {a} > {b} AND {a} > {c} THEN {a} WHEN {b} > {c} THEN {b} ELSE {c} END"
        );
        let set = format!(
            "UPDATE ballots SET choices = CAST({lo} AS TEXT) || ',' || \
             CAST({a} + {b} + {c} - {lo} - {hi} AS TEXT) || ',' || CAST({hi} AS TEXT) \
             WHERE component_id = $4"
        );
        let chosen = picks
            .iter()
            .map(|p| format!("SELECT id, {p} AS idea_id FROM ballots WHERE component_id = $4"))
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let tallies = format!(
            "INSERT INTO ballot_tallies (org_id, component_id, idea_id, shard, votes) \
             SELECT $5, $4, idea_id, id % $6, COUNT(*) FROM ({chosen}) AS ch \
             GROUP BY idea_id, id % $6"
        );
        (set, tallies)
    });
    (set, tallies)
}

pub async fn run(config: &Config, size_name: &str, out: &Path) -> anyhow::Result<()> {
    let size = size(size_name)?;
    let started = Instant::now();
    let db = Db::connect(&config.database_url).await?;
    crate::db::migrate(&db).await?;
    let result = load(&db, size, out).await;
    db.close().await;
    result?;
    println!(
        "bench-data {}: klaar in {:.2} s",
        size.name,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn step(name: &str, t: Instant, rows: u64) {
    println!(
        "  {name:<22} {rows:>9} rijen  {:>7.3} s",
        t.elapsed().as_secs_f64()
    );
}

async fn load(db: &Db, size: Size, out: &Path) -> anyhow::Result<()> {
    let orgs: i64 = db
        .scalar("SELECT COUNT(*) FROM orgs", args![])
        .await?
        .unwrap_or(0);
    if orgs > 0 {
        anyhow::bail!("bench-data needs an empty database (found {orgs} municipalities)");
    }
    let t = now();
    let today = time::OffsetDateTime::now_utc().date();
    let fmt = |d: time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let opens = fmt(today - time::Duration::days(30));
    let closes = fmt(today + time::Duration::days(30));
    // One shared argon2 hash: logging in is not measured, sessions are made directly.
    let pw_hash = crate::accounts::password::hash("bench-wachtwoord-niet-gebruiken")?;

    // Municipality, project, ideas component and (when the tables exist) ballot component.
    let s = Instant::now();
    let mut tx = db.begin().await?;
    let org: i64 = tx
        .write_scalar(
            "INSERT INTO orgs (name, slug, default_lang, email_from, created_at) \
             VALUES ('Benchdorp', 'benchdorp', 'nl', 'participatie@benchdorp.invalid', $1) RETURNING id",
            args![t],
        )
        .await?;
    for host in ["127.0.0.1", "localhost"] {
        tx.run(
            "INSERT INTO org_hosts (host, org_id) VALUES ($1, $2)",
            args![host, org],
        )
        .await?;
    }
    let project: i64 = tx
        .write_scalar(
            "INSERT INTO projects (org_id, slug, title, summary, body_md, status, created_at, updated_at) \
             VALUES ($1, 'wijkbudget', 'Wijkbudget Benchdorp', 'Bedenk en kies samen wat de wijk beter maakt.', \
             'Dien een idee in, geef een duim aan goede ideeën en stem mee over het budget.', 'published', $2, $2) RETURNING id",
            args![org, t],
        )
        .await?;
    let ideas_cid: i64 = tx
        .write_scalar(
            "INSERT INTO components (org_id, project_id, kind, title, position, created_at) \
             VALUES ($1, $2, 'ideas', 'Ideeën', 1, $3) RETURNING id",
            args![org, project, t],
        )
        .await?;
    tx.run(
        "INSERT INTO idea_settings (component_id, org_id, opens_on, closes_on, comments_open, configured) \
         VALUES ($1, $2, $3, $4, TRUE, TRUE)",
        args![ideas_cid, org, &opens, &closes],
    )
    .await?;
    tx.commit().await?;
    step("gemeente en project", s, 1);

    // Members: verified, one shared password hash, contiguous ids.
    let s = Instant::now();
    let mut tx = db.begin().await?;
    let rows = tx
        .run(
            series!(
                "$1",
                "INSERT INTO users (org_id, email, display_name, password_hash, email_verified_at, created_at) \
                 SELECT $2, 'lid' || CAST(x AS TEXT) || '@benchdorp.invalid', 'Lid ' || CAST(x AS TEXT), $3, $4, $4 FROM n"
            ),
            args![size.members, org, &pw_hash, t],
        )
        .await?;
    tx.commit().await?;
    let (u0, u1, un): (i64, i64, i64) = db
        .one(
            "SELECT MIN(id), MAX(id), COUNT(*) FROM users WHERE org_id = $1",
            args![org],
        )
        .await?;
    anyhow::ensure!(
        u1 - u0 + 1 == un && un == size.members,
        "member ids are not contiguous"
    );
    step("leden", s, rows);

    // Sessions with known tokens; the hashes go in as one fixed-width string per chunk (small
    // chunks: SQLite's substr counts characters from the start, so cost grows with chunk size²).
    let s = Instant::now();
    let tokens: Vec<String> = (0..size.members)
        .map(|_| crate::web::session::random_token())
        .collect();
    let mut rows = 0;
    let mut tx = db.begin().await?;
    for (chunk_no, chunk) in tokens.chunks(SESSION_CHUNK).enumerate() {
        let hashes: String = chunk
            .iter()
            .map(|t| crate::web::session::hash_token(t))
            .collect();
        let first_user = u0 + (chunk_no * SESSION_CHUNK) as i64;
        rows += tx
            .run(
                series!(
                    "$1",
                    "INSERT INTO sessions (id_hash, org_id, user_id, second_factor_ok, created_at, expires_at) \
                     SELECT substr($2, x * 64 + 1, 64), $3, $4 + x, FALSE, $5, $6 FROM n"
                ),
                args![
                    chunk.len() as i64,
                    hashes,
                    org,
                    first_user,
                    t,
                    t + 365 * 24 * 3600
                ],
            )
            .await?;
    }
    tx.commit().await?;
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("tokens.txt"), tokens.join("\n") + "\n")?;
    step("sessies", s, rows);

    // Ideas: accepted, newest first is idea 0 (the one with 50 comments).
    let s = Instant::now();
    let mut tx = db.begin().await?;
    let rows = tx
        .run(
            series!(
                "$1",
                "INSERT INTO ideas (org_id, component_id, user_id, author_name, title, summary, description, cost, \
                 status, created_at, updated_at, submitted_at) \
                 SELECT $2, $3, $4 + (x % $5), 'Lid ' || CAST(x % $5 AS TEXT), \
                 'Idee ' || CAST(x AS TEXT) || ': meer groen en bankjes', \
                 'Een korte samenvatting van idee ' || CAST(x AS TEXT) || ' voor de wijk, met wat het oplevert.', \
                 'Dit is de uitgebreide beschrijving van het idee. Het maakt de straat groener, veiliger en \
gezelliger voor jong en oud. Buren hebben al aangeboden om mee te helpen met het onderhoud. \
We vragen budget voor planten, twee bankjes en een plek om elkaar te ontmoeten.', \
                 10000 + (x % 10) * 5000, 'accepted', $6 - x, $6 - x, $6 - x FROM n"
            ),
            args![size.ideas, org, ideas_cid, u0, size.members, t],
        )
        .await?;
    tx.run(
        "INSERT INTO idea_authors (org_id, idea_id, user_id) SELECT org_id, id, user_id FROM ideas WHERE component_id = $1",
        args![ideas_cid],
    )
    .await?;
    tx.commit().await?;
    let (i0, i1): (i64, i64) = db
        .one(
            "SELECT MIN(id), MAX(id) FROM ideas WHERE component_id = $1",
            args![ideas_cid],
        )
        .await?;
    anyhow::ensure!(i1 - i0 + 1 == size.ideas, "idea ids are not contiguous");
    step("ideeën", s, rows);

    // Likes: idea k gets between 1 and 2*likes/ideas likes from the first members.
    let s = Instant::now();
    let spread = (2 * size.likes / size.ideas).clamp(1, size.members);
    let mut tx = db.begin().await?;
    let rows = tx
        .run(
            series!(
                "$1",
                "INSERT INTO idea_likes (org_id, idea_id, user_id, created_at) \
                 SELECT $2, i.id, $3 + n.x, $4 FROM ideas i JOIN n ON n.x < ((i.id - $5) * 7919) % $1 + 1 \
                 WHERE i.component_id = $6"
            ),
            args![spread, org, u0, t, i0, ideas_cid],
        )
        .await?;
    tx.run(
        "UPDATE ideas SET like_count = (SELECT COUNT(*) FROM idea_likes l WHERE l.idea_id = ideas.id) \
         WHERE component_id = $1",
        args![ideas_cid],
    )
    .await?;
    tx.commit().await?;
    step("likes", s, rows);

    // Comments: 50 on the first idea, the rest spread over the other ideas.
    let s = Instant::now();
    let mut tx = db.begin().await?;
    let body = "Goed idee! Ik woon hier al twintig jaar en er is te weinig groen. Wel graag \
                ook aandacht voor de fietsenstalling en voor verlichting in de avond.";
    let mut rows = tx
        .run(
            series!(
                "$1",
                "INSERT INTO idea_comments (org_id, idea_id, depth, user_id, author_name, stance, body, created_at, updated_at) \
                 SELECT $2, $3, 0, $4 + x, 'Lid ' || CAST(x AS TEXT), \
                 CASE x % 3 WHEN 0 THEN 'for' WHEN 1 THEN 'against' ELSE 'neutral' END, $5, $6 + x, $6 + x FROM n"
            ),
            args![PAGE_COMMENTS, org, i0, u0, body, t - 100_000],
        )
        .await?;
    if size.comments > PAGE_COMMENTS && size.ideas > 1 {
        rows += tx
            .run(
                series!(
                    "$1",
                    "INSERT INTO idea_comments (org_id, idea_id, depth, user_id, author_name, stance, body, created_at, updated_at) \
                     SELECT $2, $3 + 1 + (x % $4), 0, $5 + (x % $6), 'Lid ' || CAST(x % $6 AS TEXT), \
                     CASE x % 3 WHEN 0 THEN 'for' WHEN 1 THEN 'against' ELSE 'neutral' END, $7, $8 + x, $8 + x FROM n"
                ),
                args![
                    size.comments - PAGE_COMMENTS,
                    org,
                    i0,
                    size.ideas - 1,
                    u0,
                    size.members,
                    body,
                    t - 200_000
                ],
            )
            .await?;
    }
    tx.run(
        "UPDATE ideas SET comment_count = (SELECT COUNT(*) FROM idea_comments c WHERE c.idea_id = ideas.id) \
         WHERE component_id = $1",
        args![ideas_cid],
    )
    .await?;
    tx.commit().await?;
    step("reacties", s, rows);

    // The budget ballot, when its tables exist.
    let has_ballot = db
        .scalar::<i64>("SELECT COUNT(*) FROM ballot_settings", args![])
        .await
        .is_ok();
    let mut ballot_cid: Option<i64> = None;
    if has_ballot {
        let s = Instant::now();
        let mut tx = db.begin().await?;
        let cid: i64 = tx
            .write_scalar(
                "INSERT INTO components (org_id, project_id, kind, title, position, created_at) \
                 VALUES ($1, $2, 'ballot', 'Stemmen', 2, $3) RETURNING id",
                args![org, project, t],
            )
            .await?;
        tx.run(
            "INSERT INTO ballot_settings (component_id, org_id, ideas_component_id, ballot_type, min_count, max_count, \
             min_budget, max_budget, winners, opens_at, closes_at, allow_members, allow_codes, confirm_step, configured) \
             VALUES ($1, $2, $3, 'budget', 0, 0, 0, 200000, 3, $4, $5, TRUE, FALSE, TRUE, TRUE)",
            args![cid, org, ideas_cid, t - 86_400, t + 30 * 86_400],
        )
        .await?;
        let mut rows = tx
            .run(
                series!(
                    "$1",
                    "INSERT INTO ballots (org_id, component_id, voter_key, channel, created_at, updated_at) \
                     SELECT $2, $3, 'p:bench' || CAST(x AS TEXT), 'paper', $4, $4 FROM n"
                ),
                args![size.ballots, org, cid, t],
            )
            .await?;
        if size.ballots > 0 {
            let b0: i64 = tx
                .scalar(
                    "SELECT MIN(id) FROM ballots WHERE component_id = $1",
                    args![cid],
                )
                .await?
                .unwrap_or(0);
            let (set_choices, tallies) = ballot_choice_sql();
            rows += tx.run(set_choices, args![i0, b0, size.ideas, cid]).await?;
            tx.run(
                tallies,
                args![
                    i0,
                    b0,
                    size.ideas,
                    cid,
                    org,
                    crate::components::ballot::store::tally_shards(tx.backend())
                ],
            )
            .await?;
        }
        tx.commit().await?;
        step("stembiljetten+keuzes", s, rows);
        ballot_cid = Some(cid);
    }

    let s = Instant::now();
    let spaces = crate::spaces::demo::load_bench_spaces(db, org, size.spaces).await?;
    step("makelpunt-ruimtes", s, spaces as u64);

    let likes: i64 = db
        .scalar("SELECT COUNT(*) FROM idea_likes", args![])
        .await?
        .unwrap_or(0);
    let ballots: i64 = if has_ballot {
        db.scalar("SELECT COUNT(*) FROM ballots", args![])
            .await?
            .unwrap_or(0)
    } else {
        0
    };
    let comments: i64 = db
        .scalar("SELECT COUNT(*) FROM idea_comments", args![])
        .await?
        .unwrap_or(0);
    let manifest = serde_json::json!({
        "size": size.name,
        "org_id": org,
        "project_slug": "wijkbudget",
        "ideas_component_id": ideas_cid,
        "ballot_component_id": ballot_cid,
        "first_idea_id": i0,
        "idea_count": size.ideas,
        "page_idea_id": i0,
        "page_idea_comments": PAGE_COMMENTS,
        "members": size.members,
        "first_member_id": u0,
        "likes": likes,
        "ballots": ballots,
        "comments": comments,
        "spaces": spaces,
    });
    std::fs::write(
        out.join("data.json"),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    println!(
        "bench-data {}: {} ideeën, {likes} likes, {ballots} stembiljetten, {comments} reacties, {} leden met sessie; \
         tokens en ids in {}",
        size.name,
        size.ideas,
        size.members,
        out.display()
    );
    Ok(())
}
