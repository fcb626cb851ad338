//! Background jobs: mail delivery and housekeeping. Each loop stops when `stop` flips.

use tokio::sync::watch;

use crate::app::AppState;
use crate::args;
use crate::db::now;

pub fn spawn(state: AppState, stop: watch::Receiver<bool>) {
    tokio::spawn(crate::email::worker::run(state.clone(), stop.clone()));
    tokio::spawn(housekeeping(state, stop));
}

/// Deletes expired sessions, used-up tokens and old rate counters every ten minutes.
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
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(600)) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}
