//! SQL that differs between SQLite and PostgreSQL, in small named functions.

use super::Backend;

/// Case-insensitive substring match operator for simple searches.
pub fn ilike(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => "LIKE",
        Backend::Postgres => "ILIKE",
    }
}
