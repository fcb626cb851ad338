//! The SQLite and PostgreSQL migrations must produce the same schema: same tables, same
//! columns with the same (normalised) types and nullability, and the same named indexes.
//!
//! Full-text search is the one allowed difference: SQLite keeps it in FTS5 tables named
//! `*_fts` (plus their shadow tables), PostgreSQL in `tsvector` columns named `search_tsv`
//! with GIN indexes named `*_tsv_idx`.

use std::collections::BTreeMap;

use crate::support::{pg_base_url, Backend, TestApp};

type Schema = BTreeMap<String, Vec<(String, String, bool)>>;

fn norm_type(t: &str) -> String {
    let t = t.to_ascii_lowercase();
    match t.as_str() {
        "integer" | "bigint" | "int8" => "int".into(),
        "text" | "character varying" => "text".into(),
        "boolean" | "bool" => "bool".into(),
        "blob" | "bytea" => "bytes".into(),
        "real" | "double precision" | "float8" => "real".into(),
        other => other.into(),
    }
}

async fn sqlite_schema(app: &TestApp) -> (Schema, Vec<String>) {
    let tables: Vec<(String,)> = app
        .db
        .all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' AND name NOT LIKE '%\\_fts%' ESCAPE '\\' ORDER BY name", vec![])
        .await
        .unwrap();
    let mut schema = Schema::new();
    for (t,) in tables {
        // pragma_table_info is a table-valued function, so the table name can be bound.
        let cols: Vec<(String, String, bool, i64)> = app
            .db
            .all(
                "SELECT name, type, \"notnull\" != 0, pk FROM pragma_table_info($1) ORDER BY name",
                meedoen::args![t.clone()],
            )
            .await
            .unwrap();
        schema.insert(
            t,
            cols.into_iter()
                .map(|(n, ty, nn, pk)| (n, norm_type(&ty), nn || pk > 0))
                .collect(),
        );
    }
    let idx: Vec<(String,)> = app
        .db
        .all("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name NOT LIKE '%\\_fts%' ESCAPE '\\' ORDER BY name", vec![])
        .await
        .unwrap();
    (schema, idx.into_iter().map(|r| r.0).collect())
}

async fn pg_schema(app: &TestApp) -> (Schema, Vec<String>) {
    let cols: Vec<(String, String, String, String)> = app
        .db
        .all(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%' AND column_name <> 'search_tsv' ORDER BY table_name, column_name",
            vec![],
        )
        .await
        .unwrap();
    let mut schema = Schema::new();
    for (t, c, ty, nullable) in cols {
        schema
            .entry(t)
            .or_default()
            .push((c, norm_type(&ty), nullable == "NO"));
    }
    let idx: Vec<(String,)> = app
        .db
        .all(
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key' AND tablename NOT LIKE '\\_sqlx%' AND indexname NOT LIKE '%\\_tsv\\_idx' ORDER BY indexname",
            vec![],
        )
        .await
        .unwrap();
    (schema, idx.into_iter().map(|r| r.0).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_schemas_match() {
    if pg_base_url().is_none() {
        return;
    }
    let lite = TestApp::spawn(Backend::Sqlite).await;
    let pg = TestApp::spawn(Backend::Postgres).await;
    let (ls, li) = sqlite_schema(&lite).await;
    let (ps, pi) = pg_schema(&pg).await;
    assert!(
        ls.len() >= 20,
        "expected the core tables, got {:?}",
        ls.keys()
    );
    let lt: Vec<_> = ls.keys().collect();
    let pt: Vec<_> = ps.keys().collect();
    assert_eq!(lt, pt, "table sets differ");
    for (t, cols) in &ls {
        assert_eq!(
            Some(cols),
            ps.get(t),
            "columns of {t} differ (name, type, not null)"
        );
    }
    assert_eq!(li, pi, "named indexes differ");
    lite.stop().await;
    pg.stop().await;
}
