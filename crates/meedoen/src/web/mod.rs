//! Shared HTTP plumbing: context, sessions, errors, forms, security, layout, i18n, assets.

pub mod assets;
pub mod body_limit;
pub mod csv;
pub mod ctx;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod layout;
pub mod map;
pub mod markdown;
pub mod multipart;
pub mod security;
pub mod session;
pub mod theme;

pub use ctx::Ctx;
pub use error::{AppError, AppResult};
pub use forms::FieldErrors;
pub use layout::{render, Page};
