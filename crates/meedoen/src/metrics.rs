//! Prometheus text metrics, kept as plain atomics: a handful of counters does not need a
//! metrics framework.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

#[derive(Default)]
pub struct Metrics {
    requests: [AtomicU64; 5],
    in_flight: AtomicU64,
    /// Sum of request durations in microseconds.
    duration_us: AtomicU64,
}

pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let m = &state.metrics;
    m.in_flight.fetch_add(1, Ordering::Relaxed);
    let start = Instant::now();
    let res = next.run(req).await;
    m.in_flight.fetch_sub(1, Ordering::Relaxed);
    m.duration_us
        .fetch_add(start.elapsed().as_micros() as u64, Ordering::Relaxed);
    let class = (res.status().as_u16() / 100).clamp(1, 5) as usize - 1;
    m.requests[class].fetch_add(1, Ordering::Relaxed);
    res
}

impl Metrics {
    pub async fn render(&self, state: &AppState) -> String {
        let mut out = String::new();
        out.push_str("# HELP meedoen_http_requests_total HTTP requests by status class.\n");
        out.push_str("# TYPE meedoen_http_requests_total counter\n");
        for (i, c) in self.requests.iter().enumerate() {
            out.push_str(&format!(
                "meedoen_http_requests_total{{class=\"{}xx\"}} {}\n",
                i + 1,
                c.load(Ordering::Relaxed)
            ));
        }
        out.push_str("# HELP meedoen_http_in_flight Requests being handled now.\n# TYPE meedoen_http_in_flight gauge\n");
        out.push_str(&format!(
            "meedoen_http_in_flight {}\n",
            self.in_flight.load(Ordering::Relaxed)
        ));
        out.push_str("# HELP meedoen_http_duration_seconds_total Time spent handling requests.\n# TYPE meedoen_http_duration_seconds_total counter\n");
        out.push_str(&format!(
            "meedoen_http_duration_seconds_total {:.6}\n",
            self.duration_us.load(Ordering::Relaxed) as f64 / 1e6
        ));
        out.push_str("# HELP meedoen_db_queries_total SQL statements run.\n# TYPE meedoen_db_queries_total counter\n");
        out.push_str(&format!(
            "meedoen_db_queries_total {}\n",
            state.db.query_count()
        ));
        if let Some(w) = state.db.writer_stats() {
            out.push_str("# HELP meedoen_db_writers_queued Write transactions waiting for the SQLite writer.\n# TYPE meedoen_db_writers_queued gauge\n");
            out.push_str(&format!("meedoen_db_writers_queued {}\n", w.waiting));
            // Held seconds over wall seconds is the writer's load: near 1, writes queue.
            out.push_str("# HELP meedoen_db_writer_held_seconds_total Time the SQLite writer was held by a write transaction.\n# TYPE meedoen_db_writer_held_seconds_total counter\n");
            out.push_str(&format!(
                "meedoen_db_writer_held_seconds_total {:.6}\n",
                w.held_seconds
            ));
            out.push_str("# HELP meedoen_db_writer_transactions_total Write transactions that held the SQLite writer.\n# TYPE meedoen_db_writer_transactions_total counter\n");
            out.push_str(&format!(
                "meedoen_db_writer_transactions_total {}\n",
                w.transactions
            ));
        }
        let pending: i64 = state
            .db
            .scalar(
                "SELECT COUNT(*) FROM outbox WHERE status = 'pending'",
                vec![],
            )
            .await
            .ok()
            .flatten()
            .unwrap_or(-1);
        out.push_str("# HELP meedoen_outbox_pending Emails waiting to be sent.\n# TYPE meedoen_outbox_pending gauge\n");
        out.push_str(&format!("meedoen_outbox_pending {pending}\n"));
        out
    }
}
