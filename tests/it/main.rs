//! The one integration-test binary. Every test starts the real server on 127.0.0.1:0 with a
//! fresh database and runs on SQLite and PostgreSQL (see `support::both!`).

mod support;

mod accounts;
mod api;
mod ballot;
mod demo;
mod ideas;
mod platform;
mod poll;
mod projects;
mod schema;
mod spaces;
mod staff;
