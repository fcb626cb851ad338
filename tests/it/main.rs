//! The one integration-test binary. Every test starts the real server on 127.0.0.1:0 with a
//! fresh database. Most run on SQLite and PostgreSQL (`support::both!` makes `NAME::sqlite`
//! and `NAME::postgres`); a test whose subject exists on one backend only (SQLite's query
//! plans or write-ahead log, say) is a plain test on that backend, so the list of tests shows
//! what really runs. Without a PostgreSQL server the PostgreSQL tests fail unless
//! MEEDOEN_TEST_SKIP_POSTGRES=1 (see `support`).

mod support;

mod accounts;
mod api;
mod api_schema;
mod authz;
mod ballot;
mod ballot_phases;
mod ballot_rules;
mod ballot_shards;
mod ballot_version;
mod crash;
mod csrf;
mod demo;
mod fuzz;
mod group_commit;
mod home_queries;
mod ideas;
mod ideas_api;
mod ideas_counts;
mod ideas_follow;
mod ideas_list_queries;
mod ideas_media;
mod ideas_render_cache;
mod maps;
mod module_shape;
mod pictures;
mod platform;
mod poll;
mod privacy;
mod projects;
mod ratelimit_restart;
mod read_scope;
mod routes;
mod schema;
mod spaces;
mod spaces_demo;
mod spaces_facts;
mod spaces_guests;
mod spaces_map;
mod staff;
mod storm;
mod theme;
mod tokens;
mod uploads_attack;
mod xss;

/// Modules in the module shape keep their tests in a folder of their own, `tests/it/<module>/`:
/// `mod.rs` with the tests, `authz.tsv` with the module's rows of the authorization matrix (same
/// columns as `authz_expected.tsv`), and `pub async fn authz_seed(app, fixture)`, which makes
/// the objects those rows name (`$vars`). Adding a module here is one name in this list.
macro_rules! modules {
    ($($m:ident),* $(,)?) => {
        $(mod $m;)*
        /// (folder, seed) per module, for the authorization matrix.
        pub const MODULE_SEEDS: &[(&str, authz::SeedFn)] = &[$((stringify!($m), |a, f| Box::pin($m::authz_seed(a, f)))),*];
    };
}
modules!();
