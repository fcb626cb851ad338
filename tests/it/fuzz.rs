//! Fuzzing with a seeded generator (the meedoen crate has no proptest; see the unit tests in
//! `web/markdown.rs` for the Markdown path):
//! - Markdown to HTML: random documents built from dangerous fragments never give raw
//!   `<script`, event-handler attributes or javascript:/vbscript:/data: links, and never panic.
//! - CSV: the platform has no CSV import; staff CSV exports are fuzzed instead: any cell text
//!   survives a round trip through the writer and a reader, and no cell starts a formula.
//! - Form decoding: random urlencoded bodies to every POST route of the router, as an
//!   anonymous visitor, a member and an admin, never get a 5xx.
//!
//! Cases: `MEEDOEN_FUZZ_CASES` (default 20,000 Markdown documents and CSV cells; forms get
//! cases/2,000 bodies per route and role, 10 by default), `MEEDOEN_FUZZ_SEED` (default 1).

use crate::both;
use crate::storm::{env_num, Rng};
use crate::support::TestApp;

const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.test/x.js>",
    "<scr<script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](\u{1}javascript:alert(1))",
    "[x]: javascript:alert(1)\n\n[x]",
    "![a](javascript:alert(1))",
    "![a](https://x.test/a.png \"t\" onerror=\"alert(1)\")",
    "<https://x.test>",
    "<javascript:alert(1)>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)",
    "`<script>`",
    "```\n<script>\n```\n",
    "| a | b |\n|:-|-:|\n| <b onclick=x> | c |\n",
    "~~x~~",
    "**",
    "_",
    "&lt;script&gt;",
    "&#x3C;script&#x3E;",
    "<!-- x -->",
    "<![CDATA[<script>]]>",
    "<style>*{}</style>",
    "<iframe src=x>",
    "<form action=javascript:alert(1)>",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "# ",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "\\",
    "\u{0}",
    "é",
    "💥",
    "tekst ",
];

fn random_doc(rng: &mut Rng) -> String {
    let n = 1 + rng.below(12);
    let mut s = String::new();
    for _ in 0..n {
        if rng.below(5) == 0 {
            // Raw random characters, some of them control or markup characters.
            for _ in 0..rng.below(20) {
                let c = match rng.below(4) {
                    0 => char::from_u32(rng.below(0x80) as u32).unwrap_or('x'),
                    1 => ['<', '>', '"', '\'', '&', ':', '(', ')', '[', ']', '!', '`']
                        [rng.below(12) as usize],
                    2 => char::from_u32(0xA0 + rng.below(0x2000) as u32).unwrap_or('y'),
                    _ => 'a',
                };
                s.push(c);
            }
        } else {
            s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len() as u64) as usize]);
        }
    }
    s
}

/// Decodes the HTML entities that may hide a scheme.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What is wrong with this HTML, if anything.
fn html_problem(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script", "<img", "<svg", "<iframe", "<style", "<form", "<object", "<embed",
    ] {
        if lower.contains(bad) {
            return Some(format!("raw {bad}"));
        }
    }
    // Inside tags: no event handlers; every href/src is harmless after decoding.
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('<') {
        let tag_end = rest[i..].find('>').map(|e| i + e).unwrap_or(rest.len());
        let tag = &rest[i..tag_end];
        // Attribute values are quoted by the renderer; what is inside quotes is data.
        let mut outside = String::new();
        let mut quoted = false;
        for c in tag.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted {
                outside.push(c);
            }
        }
        let mut words = outside.split(|c: char| c.is_whitespace() || c == '/');
        words.next();
        for w in words {
            let name = w.split('=').next().unwrap_or("");
            if name.starts_with("on") && w.contains('=') {
                return Some(format!("event handler in {tag}"));
            }
        }
        for attr in ["href=\"", "src=\""] {
            if let Some(a) = tag.find(attr) {
                let v = &tag[a + attr.len()..];
                let v = &v[..v.find('"').unwrap_or(v.len())];
                let v: String = unescape(v)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    if v.starts_with(scheme) {
                        return Some(format!("{scheme} link in {tag}"));
                    }
                }
            }
        }
        rest = &rest[tag_end.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[1..];
    }
    None
}

#[test]
fn markdown_never_lets_script_through() {
    let cases = env_num("MEEDOEN_FUZZ_CASES", 20_000);
    let seed = env_num("MEEDOEN_FUZZ_SEED", 1);
    let mut rng = Rng::new(seed);
    for n in 0..cases {
        let doc = random_doc(&mut rng);
        let html = std::panic::catch_unwind(|| meedoen::web::markdown::to_html(&doc))
            .unwrap_or_else(|_| panic!("case {n}: to_html panicked on {doc:?}"));
        if let Some(p) = html_problem(&html) {
            panic!("case {n}: {p}\ninput: {doc:?}\noutput: {html}");
        }
    }
    // The checker itself catches what it should.
    assert!(html_problem("<a href=\"jav&#x61;script:x\">").is_some());
    assert!(html_problem("<p onclick=\"x\">").is_some());
    assert!(html_problem("<p>on=</p>").is_none());
    assert!(html_problem("<a href=\"a/onload=x\">").is_none());
    assert!(html_problem("<a href=\"x\" onload=x>").is_some());
    eprintln!("fuzz markdown: {cases} documents (seed {seed}), 0 panics, 0 unsafe outputs");
}

#[test]
fn csv_export_cells_round_trip_without_formulas() {
    let cases = env_num("MEEDOEN_FUZZ_CASES", 20_000);
    let seed = env_num("MEEDOEN_FUZZ_SEED", 1);
    let mut rng = Rng::new(seed.wrapping_add(7));
    let starts = [
        "=", "+", "-", "@", "\t", "\r", "\"", ",", "\n", "'", "a", "1",
    ];
    for n in 0..cases {
        let mut cell = String::new();
        cell.push_str(starts[rng.below(starts.len() as u64) as usize]);
        cell.push_str(&random_doc(&mut rng));
        let safe = meedoen::web::csv::guard(&cell).into_owned();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([safe.as_str(), "x"]).unwrap();
        let bytes = w.into_inner().unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        let rec = r
            .records()
            .next()
            .unwrap_or_else(|| panic!("case {n}: no record"))
            .unwrap_or_else(|e| panic!("case {n}: {e}"));
        assert_eq!(rec.len(), 2, "case {n}: {cell:?}");
        assert_eq!(&rec[0], safe.as_str(), "case {n}: round trip");
        assert!(
            !rec[0].starts_with(['=', '+', '-', '@', '\t', '\r']),
            "case {n}: formula {:?}",
            &rec[0]
        );
    }
    eprintln!("fuzz csv: {cases} export cells (seed {seed}), all round-trip, 0 formulas");
}

const KEYS: &[&str] = &[
    "title",
    "name",
    "email",
    "password",
    "body",
    "summary",
    "description",
    "code",
    "idea",
    "confirm",
    "kind",
    "status",
    "lang",
    "back",
    "terug",
    "count",
    "min_budget",
    "max_budget",
    "ballot_type",
    "opens_at",
    "closes_at",
    "choice",
    "reason",
    "stance",
    "parent_id",
    "cost",
    "display_name",
    "new_email",
    "notify_pref",
    "role",
    "area_id",
    "on_date",
    "part",
    "people",
    "activity",
    "message",
    "slug",
    "position",
    "winners",
    "id",
    "target",
    "answer",
];

fn random_value(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => String::new(),
        1 => i64::MAX.to_string(),
        2 => "-1".into(),
        3 => "99999999999999999999999".into(),
        4 => "0".into(),
        5 => "2026-02-30T25:61".into(),
        6 => "\u{0}\u{feff}💥".repeat(1 + rng.below(3) as usize),
        7 => "x".repeat(rng.below(20_000) as usize),
        8 => "ja".into(),
        _ => random_doc(rng),
    }
}

fn random_body(rng: &mut Rng) -> String {
    let mut parts = Vec::new();
    for _ in 0..rng.below(12) {
        let k = KEYS[rng.below(KEYS.len() as u64) as usize];
        let v = random_value(rng);
        match rng.below(8) {
            // Broken percent-encoding and bare keys.
            0 => parts.push(format!("{k}=%ZZ%{}", rng.below(10))),
            1 => parts.push(k.to_string()),
            2 => parts.push(format!("{k}[]={}", rng.below(100))),
            _ => parts.push(serde_urlencoded::to_string([(k, v.as_str())]).unwrap_or_default()),
        }
    }
    parts.join("&")
}

async fn random_forms_never_give_5xx(app: TestApp) {
    let per = (env_num("MEEDOEN_FUZZ_CASES", 20_000) / 2_000).max(1);
    let seed = env_num("MEEDOEN_FUZZ_SEED", 1);
    let targets = crate::storm::setup(&app, 1).await;
    let b = targets[0].ballot.to_string();
    let (_, member) = app.member_client("fuzz-lid@enschede.test").await;
    let (_, admin) = app.staff_client("fuzz-admin@enschede.test", "admin").await;
    let anon = app.client();
    let routes: Vec<String> = crate::routes::all()
        .into_iter()
        .filter(|(m, _)| m == "POST")
        .map(|(_, p)| p)
        .collect();
    assert!(routes.len() > 20, "{routes:?}");
    let mut rng = Rng::new(seed);
    let mut sent = 0u64;
    let mut failures = Vec::new();
    let mut closed_early = 0u64;
    for pattern in &routes {
        // Path parameters: a real id (the ballot; other objects answer 404) or a bad one.
        for id in [b.as_str(), "1", "abc"] {
            let mut path = String::new();
            let mut rest = pattern.as_str();
            while let Some(i) = rest.find('{') {
                path.push_str(&rest[..i]);
                let end = rest[i..].find('}').map(|e| i + e + 1).unwrap_or(rest.len());
                let name = &rest[i + 1..end.saturating_sub(1)];
                path.push_str(if name.contains("slug") {
                    "stemstorm"
                } else {
                    id
                });
                rest = &rest[end..];
            }
            path.push_str(rest);
            for (who, c) in [("anonymous", &anon), ("member", &member), ("admin", &admin)] {
                for _ in 0..per {
                    let body = random_body(&mut rng);
                    let r = c
                        .post(app.url(&path))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body.clone())
                        .send()
                        .await;
                    sent += 1;
                    match r {
                        Ok(r) if r.status().is_server_error() => failures.push(format!(
                            "{who} POST {path} -> {}: {:.200}",
                            r.status(),
                            body
                        )),
                        Ok(_) => {}
                        // The server may answer (403/404) and close the connection before
                        // it read a long body; the client then sees a reset. Not a 5xx.
                        Err(_) => closed_early += 1,
                    }
                }
            }
            if !pattern.contains('{') {
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {sent} random form posts failed:\n{}",
        failures.len(),
        failures[..failures.len().min(30)].join("\n")
    );
    let health = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200, "the server is still healthy");
    assert!(
        closed_early * 20 < sent,
        "{closed_early} of {sent} connections reset"
    );
    eprintln!(
        "fuzz forms {:?}: {sent} random bodies to {} POST routes as 3 roles, 0 server errors ({closed_early} answered before the body was read)",
        app.backend,
        routes.len()
    );
}

both!(forms, random_forms_never_give_5xx);
