//! Accounts: registration, verification, login (password and email link), password reset,
//! the account page, data download and deletion, staff two-factor login.

pub mod password;

use axum::Router;

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
