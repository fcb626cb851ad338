//! Every route of the router, found by reading the source: axum cannot list its routes, so
//! this scans `crates/meedoen/src/**/*.rs` for `.route("PATH", get(..).post(..))` (method
//! routers may span lines) and for the API's `"PATH" => get(..)` match arms. The
//! authorization matrix and the CSRF test walk this list, so a new route cannot ship
//! without being reviewed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// (METHOD, path pattern) for every route in the source, sorted.
pub fn all() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(files.len() > 20, "source files found under {root:?}");
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let text = strip_comments(&text);
        for (m, p) in scan(&text) {
            out.insert((m, p));
        }
    }
    assert!(out.len() > 50, "routes found: {}", out.len());
    out
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

/// The string literal starting at `s` (after optional whitespace), and the rest.
fn literal(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let rest = s.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some((rest[..end].to_string(), &rest[end + 1..]))
}

/// The text up to the end of the current expression: a `)` closing the enclosing call, or a
/// `,` at depth 0 when `stop_at_comma`.
fn expression(s: &str, stop_at_comma: bool) -> &str {
    let mut depth = 0i32;
    let mut in_str = false;
    let mut prev = '\0';
    for (i, c) in s.char_indices() {
        if c == '"' && prev != '\\' {
            in_str = !in_str;
        }
        prev = c;
        if in_str {
            continue;
        }
        match c {
            '(' | '{' | '[' => depth += 1,
            ')' | '}' | ']' => {
                if depth == 0 {
                    return &s[..i];
                }
                depth -= 1;
            }
            ',' if depth == 0 && stop_at_comma => return &s[..i],
            _ => {}
        }
    }
    s
}

/// HTTP methods named at the top level of a method-router expression like
/// `get(a::b).post(c)`.
fn methods(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = expr.as_bytes();
    for m in METHODS {
        let pat = format!("{m}(");
        let mut from = 0;
        while let Some(i) = expr[from..].find(&pat) {
            let at = from + i;
            from = at + pat.len();
            let before = if at == 0 { b' ' } else { b[at - 1] };
            // `get(` at the start, after whitespace or `.`, not `x::get(` or `forget(`.
            if before == b'.' || before.is_ascii_whitespace() || at == 0 || before == b'(' {
                if at >= 2 && &expr[at - 2..at] == "::" {
                    continue;
                }
                out.push(m.to_ascii_uppercase());
            }
        }
    }
    out
}

fn scan(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // `.route("PATH", METHOD_ROUTER)`
    let mut rest = text;
    while let Some(i) = rest.find(".route(") {
        let after = &rest[i + ".route(".len()..];
        if let Some((path, tail)) = literal(after) {
            let tail = tail.trim_start().strip_prefix(',').unwrap_or(tail);
            let expr = expression(tail, false);
            let ms = methods(expr);
            assert!(
                !ms.is_empty(),
                "route {path}: no method found in `{}`",
                expr.trim()
            );
            for m in ms {
                out.push((m, path.clone()));
            }
        }
        rest = after;
    }
    // `"PATH" => get(..)` (the API builds its router from a match over its path list)
    let mut rest = text;
    while let Some(i) = rest.find("\" => ") {
        let head = &rest[..i];
        let after = &rest[i + "\" => ".len()..];
        if let Some(q) = head.rfind('"') {
            let path = &head[q + 1..];
            if path.starts_with('/') && !path.contains(char::is_whitespace) {
                let expr = expression(after, true);
                for m in methods(expr) {
                    out.push((m, path.to_string()));
                }
            }
        }
        rest = after;
    }
    out
}

#[test]
fn parser_reads_chained_and_multiline_routes() {
    let src = r#"
        Router::new()
            .route("/a", get(x::a))
            .route(
                "/b/{id}",
                get(x::b_form).post(x::b),
            )
            // .route("/commented", get(c))
            .route("/c", post(areas::delete))
    "#;
    let got = scan(&strip_comments(src));
    assert_eq!(
        got,
        vec![
            ("GET".to_string(), "/a".to_string()),
            ("GET".to_string(), "/b/{id}".to_string()),
            ("POST".to_string(), "/b/{id}".to_string()),
            ("POST".to_string(), "/c".to_string()),
        ]
    );
    let api = r#"match path { "/api/v1/x" => get(a), "/api/v1/y/{id}" => get(b).post(c), _ => return None }"#;
    let got = scan(api);
    assert_eq!(got.len(), 3, "{got:?}");
}
