//! Throttling with fixed-window counters (the current and the previous window together) in the database (`rate_counters`), so limits hold
//! across restarts and across app nodes.
//!
//! [`attempt`] counts an attempt *before* the work is done, with one atomic upsert; only the
//! first `limit` attempts in a window are let through, however many arrive at once. A caller
//! whose attempt succeeded may [`undo`] it, so that only failures use up the allowance.
//!
//! Bucket names carry personal data (an email address, a client IP address), so they are
//! never stored as such: [`stored_bucket`] keeps the kind before the first `:` and replaces
//! the rest with a SHA-256 digest. The table holds no address to leak, export or erase, and
//! housekeeping deletes counters after a day.

use sha2::{Digest, Sha256};

use crate::args;
use crate::db::{now, Db, DbResult};

/// One kind of limit: at most `limit` hits per `window_secs`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub limit: i64,
    pub window_secs: i64,
}

/// Failed password logins per account (per municipality and email address).
pub const LOGIN_ACCOUNT: Limit = Limit {
    limit: 5,
    window_secs: 15 * 60,
};
/// Failed password logins per client address.
pub const LOGIN_IP: Limit = Limit {
    limit: 20,
    window_secs: 15 * 60,
};
/// Wrong two-factor codes per account.
pub const TOTP: Limit = Limit {
    limit: 5,
    window_secs: 15 * 60,
};
/// Account mails (links, resets) to one address.
pub const MAIL_PER_ADDRESS: Limit = Limit {
    limit: 5,
    window_secs: 60 * 60,
};

/// Login-link and password-reset requests from one client address (any email address).
pub const MAIL_PER_IP: Limit = Limit {
    limit: 30,
    window_secs: 60 * 60,
};

/// A counter that has been hit; pass it to [`undo`] to take the hit back.
#[derive(Debug, Clone)]
pub struct Hit {
    bucket: String,
    window_start: i64,
    pub hits: i64,
    pub allowed: bool,
}

/// The name a bucket is stored under: `login:1:an@example.nl` becomes `login:` followed by 32
/// hex digits of the SHA-256 of the whole name. Deterministic, so limits hold across restarts
/// and nodes.
pub fn stored_bucket(bucket: &str) -> String {
    let kind = bucket.split(':').next().unwrap_or("");
    let digest = Sha256::digest(format!("meedoen-rate:{bucket}").as_bytes());
    format!("{kind}:{}", &hex::encode(digest)[..32])
}

fn window_start(l: Limit, t: i64) -> i64 {
    t - t.rem_euclid(l.window_secs.max(1))
}

/// Counts one attempt in `bucket` and says whether it is within the limit.
pub async fn attempt(db: &Db, bucket: &str, l: Limit) -> DbResult<Hit> {
    let bucket = &stored_bucket(bucket);
    let ws = window_start(l, now());
    let hits: i64 = db
        .write_scalar(
            "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1) \
             ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + 1 \
             RETURNING hits",
            args![bucket, ws],
        )
        .await?;
    // The previous window counts too, so a burst that straddles a window boundary is still
    // held to the limit (and tests near a boundary behave the same as elsewhere).
    let previous: i64 = db
        .scalar(
            "SELECT hits FROM rate_counters WHERE bucket = $1 AND window_start = $2",
            args![bucket, ws - l.window_secs.max(1)],
        )
        .await?
        .unwrap_or(0);
    Ok(Hit {
        bucket: bucket.to_string(),
        window_start: ws,
        hits,
        allowed: hits + previous <= l.limit,
    })
}

/// Forgets every counter of `bucket` (e.g. when the account it names is erased).
pub async fn forget(db: &Db, bucket: &str) -> DbResult<u64> {
    db.exec(
        "DELETE FROM rate_counters WHERE bucket = $1",
        args![stored_bucket(bucket)],
    )
    .await
}

/// Takes back an attempt that turned out fine.
pub async fn undo(db: &Db, hit: &Hit) -> DbResult<()> {
    db.exec(
        "UPDATE rate_counters SET hits = hits - 1 WHERE bucket = $1 AND window_start = $2 AND hits > 0",
        args![&hit.bucket, hit.window_start],
    )
    .await?;
    Ok(())
}

/// Hits in the current window, without counting.
pub async fn current(db: &Db, bucket: &str, l: Limit) -> DbResult<i64> {
    let bucket = &stored_bucket(bucket);
    Ok(db
        .scalar::<i64>(
            "SELECT hits FROM rate_counters WHERE bucket = $1 AND window_start = $2",
            args![bucket, window_start(l, now())],
        )
        .await?
        .unwrap_or(0))
}

/// Records a one-time event (e.g. a used two-factor step) under `bucket` at `at`. Returns
/// false when it was already recorded: the database's primary key decides, not a prior read.
pub async fn once(db: &Db, bucket: &str, at: i64) -> DbResult<bool> {
    let bucket = &stored_bucket(bucket);
    match db
        .exec(
            "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1)",
            args![bucket, at],
        )
        .await
    {
        Ok(_) => Ok(true),
        Err(e) if e.is_unique() => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::stored_bucket;

    #[test]
    fn buckets_hold_no_address() {
        let b = stored_bucket("login:1:jan@example.nl");
        assert!(
            b.starts_with("login:") && !b.contains("jan") && !b.contains('@'),
            "{b}"
        );
        assert_eq!(b, stored_bucket("login:1:jan@example.nl"));
        assert_ne!(b, stored_bucket("login:2:jan@example.nl"));
        let ip = stored_bucket("login-ip:192.0.2.7");
        assert!(
            !ip.contains("192.0.2.7") && ip.len() == "login-ip:".len() + 32,
            "{ip}"
        );
    }
}
