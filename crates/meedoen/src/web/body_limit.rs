//! A request body the handler did not read is read to its end before the answer goes out.
//!
//! Answering while the browser is still sending makes most clients report a broken
//! connection instead of our message: a resident who picked a 15 MB photo saw "connection
//! reset", and the test that posts 13 MB failed now and then. The handler still answers as it
//! likes (a bare 413 from the body limit, or a form shown again with the fields that fit, as
//! the staff project form does); this layer only reads and drops whatever it left unread, up
//! to [`DRAIN_MAX`] bytes in all. Nothing is kept in memory.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;

/// The most a body is read for after its handler is done, so that this stays cheap.
const DRAIN_MAX: u64 = 32 * 1024 * 1024;

pub async fn drain_unread(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // Bodiless requests (every GET) pass untouched; so do bodies too large to be worth reading.
    let Some(len) = declared.filter(|n| (1..=DRAIN_MAX).contains(n)) else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let shared = Shared(Arc::new(Mutex::new(Some(body))));
    let res = next
        .run(Request::from_parts(parts, Body::new(shared.clone())))
        .await;
    let rest = shared.0.lock().ok().and_then(|mut b| b.take());
    if let Some(mut rest) = rest {
        let mut seen = 0u64;
        while let Some(Ok(frame)) = rest.frame().await {
            seen += frame.data_ref().map_or(0, |d| d.len() as u64);
            if seen > len {
                break;
            }
        }
    }
    res
}

/// The request body, shared between the handler (which may drop its handle at any point)
/// and this layer (which reads what is left once the handler is done).
#[derive(Clone)]
struct Shared(Arc<Mutex<Option<Body>>>);

impl http_body::Body for Shared {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let Ok(mut guard) = self.0.lock() else {
            return Poll::Ready(None);
        };
        match guard.as_mut() {
            Some(body) => Pin::new(body).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }
}
