//! Background work: the mail worker, and every module's housekeeping jobs
//! (`Module::jobs`), each on its own interval. Each loop stops when `stop` flips.

use tokio::sync::watch;

use crate::module::Job;
use crate::state::AppState;

pub fn spawn(state: AppState, stop: watch::Receiver<bool>) {
    tokio::spawn(crate::email::worker::run(state.clone(), stop.clone()));
    for job in state.modules.jobs() {
        tokio::spawn(run(state.clone(), job, stop.clone()));
    }
}

/// Runs `job` now and then every `job.every`; a failure is logged and tried again next time.
async fn run(state: AppState, job: Job, mut stop: watch::Receiver<bool>) {
    loop {
        match (job.run)(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(job = job.name, changed = n, "housekeeping"),
            Err(e) => tracing::warn!(job = job.name, error = %e, "housekeeping failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(job.every) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}
