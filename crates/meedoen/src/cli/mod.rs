//! Command-line subcommands besides `serve`: admin, demo, backup.

pub mod admin;
pub mod backup;
pub mod benchdata;
pub mod demo;
pub mod demo_areas;
pub mod demo_pictures;
pub mod outbox;
