//! Bodies declared larger than the limit are read to their end before the 413.
//!
//! Answering while the browser is still sending makes most clients report a broken
//! connection instead of our message: a resident who picked a 15 MB photo saw "connection
//! reset", and the test that posts 13 MB failed now and then. So a request whose
//! `Content-Length` is over the limit is read and dropped (never kept in memory), up to
//! [`DRAIN_MAX`]; beyond that the connection is simply answered at once, as before.
//!
//! The staff project forms are left to their handler: it reads the fields that fit and shows
//! the form again with them kept (`projects/staff.rs`), which a bare 413 here would lose.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::app::AppState;

/// The most a rejected body is read for, so that the rejection stays cheap.
const DRAIN_MAX: u64 = 32 * 1024 * 1024;
/// Routes whose handler answers an oversized form itself, with the fields kept.
const HANDLES_ITS_OWN: &str = "/beheer/projecten";

pub async fn drain_oversized(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = state.config.max_body_bytes as u64;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let keeps_fields = req.uri().path().starts_with(HANDLES_ITS_OWN);
    match declared {
        Some(n) if n > limit && !keeps_fields => {
            if n <= DRAIN_MAX {
                drain(req.into_body()).await;
            }
            // A bare 413: `layout::render_errors` turns it into the page or problem JSON.
            StatusCode::PAYLOAD_TOO_LARGE.into_response()
        }
        _ => next.run(req).await,
    }
}

/// Reads `body` to its end, a frame at a time, keeping nothing; stops at the first error or
/// after [`DRAIN_MAX`] bytes (a client that sends more than it declared).
async fn drain(mut body: Body) {
    let mut seen = 0u64;
    while let Some(Ok(frame)) = body.frame().await {
        if let Some(data) = frame.data_ref() {
            seen += data.len() as u64;
            if seen > DRAIN_MAX {
                break;
            }
        }
    }
}
