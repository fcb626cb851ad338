//! Command-line subcommands besides `serve`: admin, demo, backup.

pub mod admin;
pub mod backup;
pub mod demo;
pub mod outbox;
