//! The one place where internal errors become HTTP answers. HTML or RFC 9457 problem JSON,
//! chosen by the request (`/api/` paths and `Accept: application/json` get JSON). Database
//! text never reaches the user.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("niet gevonden")]
    NotFound,
    /// Not logged in: HTML requests are sent to the login page.
    #[error("inloggen nodig")]
    LoginRequired,
    #[error("geen toegang")]
    Forbidden,
    /// Staff who have not passed (or not yet set up) two-factor login in this session:
    /// HTML GET requests are sent to `/inloggen/tweestaps`.
    #[error("tweestapsverificatie nodig")]
    SecondFactorRequired,
    /// A request from another site (CSRF check).
    #[error("verzoek van een andere website geweigerd")]
    CrossSite,
    #[error("{0}")]
    BadRequest(String),
    /// A constraint the person ran into, e.g. "you already answered".
    #[error("{0}")]
    Conflict(String),
    #[error("te veel pogingen")]
    TooManyRequests,
    #[error("bestand of formulier te groot")]
    PayloadTooLarge,
    #[error("onbekend adres")]
    UnknownHost,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::UnknownHost => StatusCode::NOT_FOUND,
            AppError::Db(DbError::NotFound) => StatusCode::NOT_FOUND,
            AppError::LoginRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CrossSite | AppError::SecondFactorRequired => {
                StatusCode::FORBIDDEN
            }
            AppError::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) | AppError::Db(DbError::Unique(_)) => StatusCode::CONFLICT,
            AppError::Db(DbError::Constraint(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the person reads. Internal details stay in the log.
    pub fn public_message(&self) -> String {
        match self {
            AppError::NotFound | AppError::Db(DbError::NotFound) => {
                "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de startpagina.".into()
            }
            AppError::UnknownHost => {
                "Op dit adres staat geen gemeente. Controleer het adres in de adresbalk.".into()
            }
            AppError::LoginRequired => "Log eerst in om dit te doen.".into(),
            AppError::Forbidden => "U heeft geen toegang tot deze pagina.".into(),
            AppError::SecondFactorRequired => {
                "Bevestig eerst met de code uit uw app dat u het bent (tweestapsverificatie). Ga naar /inloggen/tweestaps.".into()
            }
            AppError::CrossSite => {
                "Dit verzoek kwam niet van deze website en is daarom geweigerd. Ga terug en probeer het opnieuw.".into()
            }
            AppError::BadRequest(m) | AppError::Conflict(m) => m.clone(),
            AppError::Db(DbError::Unique(_)) => "Dit bestaat al. Er is niets dubbel opgeslagen.".into(),
            AppError::Db(DbError::Constraint(_)) => "Deze gegevens kloppen niet. Controleer wat u invulde.".into(),
            AppError::TooManyRequests => "Te veel pogingen. Wacht een paar minuten en probeer het dan opnieuw.".into(),
            AppError::PayloadTooLarge => "Het bestand of formulier is te groot.".into(),
            AppError::Db(_) | AppError::Internal(_) => {
                "Er ging iets mis aan onze kant. Probeer het later opnieuw.".into()
            }
        }
    }
}

/// Marker put in the response extensions so the outer layer can decide HTML or JSON with
/// knowledge of the request.
/// Marker next to `ErrorInfo` for [`AppError::SecondFactorRequired`]: the error renderer turns
/// it into a redirect to the two-factor page for HTML GET requests.
#[derive(Clone, Copy)]
pub struct SecondFactorRedirect;

#[derive(Clone)]
pub struct ErrorInfo {
    pub status: StatusCode,
    pub message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let message = self.public_message();
        // The body is filled in by `render_errors` (web::layout), which knows the request's
        // Accept header, path, municipality and language.
        let mut res = (status, message.clone()).into_response();
        res.extensions_mut().insert(ErrorInfo { status, message });
        if let AppError::SecondFactorRequired = self {
            res.extensions_mut().insert(SecondFactorRedirect);
        }
        if let AppError::LoginRequired = self {
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
        }
        res
    }
}

pub type AppResult<T> = Result<T, AppError>;
