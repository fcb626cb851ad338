//! Every route of the router, as the module registry declares it (`meedoen::app::route_list`:
//! each module adds its routes through `module::Routes`, which records method and path). The
//! authorization matrix and the CSRF test walk this list, so a new route cannot ship without
//! being reviewed. A route added to an axum `Router` directly would bypass the list, so
//! `no_route_outside_the_registry` reads the source for `.route(` calls outside the two files
//! allowed to make them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (METHOD, path pattern) for every route the server answers, sorted.
pub fn all() -> BTreeSet<(String, String)> {
    let out: BTreeSet<(String, String)> = meedoen::app::route_list(&meedoen::app::modules())
        .into_iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert!(out.len() > 50, "routes found: {}", out.len());
    out
}

/// The paths of the JSON API (`/api/...`).
pub fn api() -> Vec<String> {
    all()
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/"))
        .map(|(_, p)| p)
        .collect()
}

/// The state-changing routes (everything but GET).
pub fn state_changing() -> BTreeSet<(String, String)> {
    all().into_iter().filter(|(m, _)| m != "GET").collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Removes `//` comments (outside string literals) so commented-out routes do not count.
fn strip_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for line in src.lines() {
        let mut in_str = false;
        let mut prev = '\0';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// Files that may call `Router::route` themselves: the builder that records every route,
/// and the composition root (health, metrics and the benchmark's baseline, which
/// `app::route_list` adds by hand).
const ROUTERS: [&str; 2] = ["module/routes.rs", "app.rs"];

#[test]
fn no_route_outside_the_registry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(files.len() > 20, "source files found under {root:?}");
    let mut offenders = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(&f)
            .to_string_lossy()
            .replace('\\', "/");
        if ROUTERS.contains(&rel.as_str()) {
            continue;
        }
        let text = strip_comments(&std::fs::read_to_string(&f).unwrap_or_default());
        if text.contains(".route(") || text.contains(".nest(") || text.contains(".route_service(") {
            offenders.push(rel);
        }
    }
    assert!(
        offenders.is_empty(),
        "these files add routes to an axum Router directly; add them through module::Routes in the module's `routes()` instead: {offenders:?}"
    );
}

#[test]
fn every_module_route_is_recorded_once() {
    let list = meedoen::app::route_list(&meedoen::app::modules());
    let mut seen = BTreeSet::new();
    for r in &list {
        assert!(
            seen.insert((r.method, r.path)),
            "{} {} is declared twice",
            r.method,
            r.path
        );
        assert!(r.path.starts_with('/'), "{}", r.path);
    }
}
