//! Freshness of listings: a published space that its provider has not confirmed for a while
//! gets one reminder email; two weeks after that reminder it drops out of search (and its
//! public page) until a provider member confirms it. Dead listings killed a Makelpunt
//! elsewhere.
//!
//! [`sweep`] is meant to run from the background jobs (e.g. hourly); it only sends the
//! reminders, because hiding is a condition in the search query itself ([`stale_before`]).

use crate::args;
use crate::db::{Db, DbResult};
use crate::email::{self, Mail};
use crate::web::i18n::{t_args, Lang};

/// Default age after which a listing needs confirming: about six months.
pub const DEFAULT_MAX_AGE_SECS: i64 = 182 * 24 * 3600;
/// Time between the reminder and hiding the listing.
pub const GRACE_SECS: i64 = 14 * 24 * 3600;

/// Reminders sent before this moment have expired: their listings are hidden.
pub fn stale_before(now: i64) -> i64 {
    now - GRACE_SECS
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct Due {
    id: i64,
    org_id: i64,
    provider_id: i64,
    name: String,
    default_lang: String,
}

/// Held (unverified) guest enquiries are deleted after this many days.
pub const HELD_ENQUIRY_DAYS: i64 = 7;

/// Sends a reminder for every published listing not confirmed within `max_age_secs`.
/// Returns the number of reminders sent. Each reminder is claimed with a conditional UPDATE,
/// so two nodes running the sweep at once send it once.
pub async fn sweep(db: &Db, base_url: &str, now: i64, max_age_secs: i64) -> DbResult<usize> {
    // Enquiries from people without an account whose address was never verified: the link
    // (48 hours) has long expired, so they can never reach the provider. Drop them.
    db.exec(
        "DELETE FROM space_enquiries WHERE held = TRUE AND created_at < $1",
        args![now - HELD_ENQUIRY_DAYS * 86_400],
    )
    .await?;
    let due: Vec<Due> = db
        .all(
            "SELECT s.id, s.org_id, s.provider_id, s.name, o.default_lang FROM spaces s JOIN orgs o ON o.id = s.org_id \
             WHERE s.status = 'published' AND s.reminded_at IS NULL AND s.confirmed_at < $1 ORDER BY s.id LIMIT 1000",
            args![now - max_age_secs],
        )
        .await?;
    let mut sent = 0;
    for d in due {
        let lang = Lang::parse(&d.default_lang).unwrap_or(Lang::Nl);
        let emails = super::member_emails(db, d.org_id, d.provider_id).await?;
        let mut tx = db.begin().await?;
        let n = tx
            .run(
                "UPDATE spaces SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL",
                args![d.id, now],
            )
            .await?;
        if n == 0 {
            continue;
        }
        let link = format!(
            "{}/makelpunt/aanbieder/{}",
            base_url.trim_end_matches('/'),
            d.provider_id
        );
        for to in &emails {
            email::enqueue_tx(
                &mut tx,
                Mail {
                    org_id: d.org_id,
                    to,
                    subject: t_args(
                        lang,
                        "space-mail-fresh-subject",
                        &[("space", d.name.clone())],
                    ),
                    body: t_args(
                        lang,
                        "space-mail-fresh-body",
                        &[("space", d.name.clone()), ("link", link.clone())],
                    ),
                },
            )
            .await?;
        }
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
