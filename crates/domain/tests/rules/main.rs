//! Property and reference tests for the ballot and result rules (issue 3, "Tests: domain
//! crate"), and for the calendar, workflow and money building blocks. One test binary, so it
//! links once.
//!
//! The oracles in `oracle.rs` are written independently of the crate: no shared helpers, a
//! different algorithm where one exists (subset enumeration instead of a greedy walk, counting
//! "ideas ranked higher" instead of sorting).

mod ballot_cases;
mod ballot_props;
mod calendar_cases;
mod calendar_props;
mod money_cases;
mod money_props;
mod oracle;
mod reference_zuid_2024;
mod strategies;
mod tally_props;
mod workflow_cases;
mod workflow_props;
