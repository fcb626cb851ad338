//! Background jobs: mail delivery and housekeeping. Each loop stops when `stop` flips.

use tokio::sync::watch;

use crate::app::AppState;
use crate::args;
use crate::db::now;

pub fn spawn(state: AppState, stop: watch::Receiver<bool>) {
    tokio::spawn(crate::email::worker::run(state.clone(), stop.clone()));
    tokio::spawn(housekeeping(state, stop));
}

/// Every ten minutes: deletes expired sessions, used-up tokens and old rate counters,
/// reminds Makelpunt providers of listings they have not confirmed for a long time, moves
/// projects into phases whose start date has come, and applies each municipality's
/// retention settings (anonymising voters and IP addresses after a project ended).
async fn housekeeping(state: AppState, mut stop: watch::Receiver<bool>) {
    loop {
        let t = now();
        let jobs: [(&'static str, i64); 3] = [
            ("DELETE FROM sessions WHERE expires_at < $1", t),
            (
                "DELETE FROM tokens WHERE expires_at < $1",
                t - 7 * 24 * 3600,
            ),
            (
                "DELETE FROM rate_counters WHERE window_start < $1",
                t - 24 * 3600,
            ),
        ];
        for (sql, arg) in jobs {
            if let Err(e) = state.db.exec(sql, args![arg]).await {
                tracing::warn!(error = %e, "housekeeping failed");
            }
        }
        let max_age = state.config.spaces_max_age_days.max(1) * 24 * 3600;
        match crate::spaces::freshness::sweep(&state.db, &state.config.base_url, t, max_age).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(reminders = n, "makelpunt freshness reminders queued");
                state.mail_wake.notify_one();
            }
            Err(e) => tracing::warn!(error = %e, "makelpunt freshness sweep failed"),
        }
        match crate::projects::schedule::advance_due(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(projects = n, "project phases moved by their dates"),
            Err(e) => tracing::warn!(error = %e, "moving phases by date failed"),
        }
        match crate::privacy::apply_retention(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(rows = n, "retention applied"),
            Err(e) => tracing::warn!(error = %e, "retention failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(600)) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}
