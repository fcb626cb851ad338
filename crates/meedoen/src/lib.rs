//! meedoen: a participation platform for Dutch municipalities. See docs/ARCHITECTURE.md.

pub mod accounts;
pub mod api;
pub mod app;
pub mod audit;
pub mod cli;
pub mod components;
pub mod config;
pub mod db;
pub mod email;
pub mod jobs;
pub mod metrics;
pub mod module;
pub mod modules;
pub mod pages;
pub mod privacy;
pub mod projects;
pub mod ratelimit;
pub mod setup;
pub mod spaces;
pub mod staff;
pub mod state;
pub mod uploads;
pub mod versioned;
pub mod web;

pub use app::App;
pub use config::Config;
pub use state::AppState;
