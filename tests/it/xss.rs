//! Cross-site scripting (issue 6): 100+ payloads sent through every free-text field that is
//! rendered (project title, summary and body; idea title, summary and description; comments;
//! display names; Makelpunt provider and space names and descriptions; enquiry messages; and
//! query strings and paths shown back). Every page that shows them is parsed for active
//! content: a `<script>` that is not our own file, an `on...=` attribute, a dangerous element
//! (iframe, object, embed, base, math, ...), or a `javascript:`/`vbscript:`/`data:text` URL
//! in an href/src/action. Every HTML page must carry a CSP without 'unsafe-inline' scripts.

use meedoen::args;

use crate::authz::{seed, Fixture};
use crate::both;
use crate::support::TestApp;

/// The payloads. Each carries "XSS" so a leak is easy to spot in a failure message.
pub fn payloads() -> Vec<String> {
    let base: Vec<&str> = vec![
        "<script>alert('XSS')</script>",
        "<SCRIPT SRC=//evil.example/XSS.js></SCRIPT>",
        "<script src=\"https://evil.example/XSS.js\"></script>",
        "<scr<script>ipt>alert('XSS')</scr</script>ipt>",
        "<img src=x onerror=alert('XSS')>",
        "<img src=\"x\" onerror=\"alert('XSS')\">",
        "<IMG SRC=javascript:alert('XSS')>",
        "<img src=`javascript:alert('XSS')`>",
        "<img/src=x/onerror=alert('XSS')>",
        "<svg onload=alert('XSS')>",
        "<svg><script>alert('XSS')</script></svg>",
        "<svg><a xlink:href=\"javascript:alert('XSS')\"><text x=20 y=20>XSS</text></a></svg>",
        "<svg><animate onbegin=alert('XSS') attributeName=x dur=1s>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS')>",
        "<body onload=alert('XSS')>",
        "<iframe src=\"javascript:alert('XSS')\"></iframe>",
        "<iframe srcdoc=\"<script>alert('XSS')</script>\"></iframe>",
        "<object data=\"javascript:alert('XSS')\"></object>",
        "<embed src=\"data:text/html,<script>alert('XSS')</script>\">",
        "<a href=\"javascript:alert('XSS')\">XSS</a>",
        "<a href=\"JaVaScRiPt:alert('XSS')\">XSS</a>",
        "<a href=\"jav&#x09;ascript:alert('XSS')\">XSS</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('XSS')\">XSS</a>",
        "<a href=\"vbscript:msgbox('XSS')\">XSS</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=\">XSS</a>",
        "<form action=\"javascript:alert('XSS')\"><button>XSS</button></form>",
        "<button formaction=\"javascript:alert('XSS')\">XSS</button>",
        "<input autofocus onfocus=alert('XSS')>",
        "<details open ontoggle=alert('XSS')>",
        "<marquee onstart=alert('XSS')>XSS</marquee>",
        "<video><source onerror=\"alert('XSS')\"></video>",
        "<audio src=x onerror=alert('XSS')>",
        "<base href=\"https://evil.example/XSS/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('XSS')\">",
        "<link rel=stylesheet href=\"https://evil.example/XSS.css\">",
        "<style>@import 'https://evil.example/XSS.css';</style>",
        "<div style=\"background:url(javascript:alert('XSS'))\">XSS</div>",
        "<table background=\"javascript:alert('XSS')\">",
        "\"><script>alert('XSS')</script>",
        "'><script>alert('XSS')</script>",
        "\" onmouseover=\"alert('XSS')",
        "' onmouseover='alert(\"XSS\")",
        "\" autofocus onfocus=\"alert('XSS')\" x=\"",
        "</title><script>alert('XSS')</script>",
        "</textarea><script>alert('XSS')</script>",
        "</style><script>alert('XSS')</script>",
        "</script><script>alert('XSS')</script>",
        "<!--<img src=\"--><img src=x onerror=alert('XSS')//\">",
        "<![CDATA[<script>alert('XSS')</script>]]>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert('XSS')>\">",
        "<template><script>alert('XSS')</script></template>",
        "<x onclick=alert('XSS')>klik</x>",
        "<a onmouseover=alert('XSS')>XSS</a>",
        "&lt;script&gt;alert('XSS')&lt;/script&gt;",
        "&#60;script&#62;alert('XSS')&#60;/script&#62;",
        "\\u003cscript\\u003ealert('XSS')\\u003c/script\\u003e",
        "%3Cscript%3Ealert('XSS')%3C%2Fscript%3E",
        "<scr\0ipt>alert('XSS')</script>",
        "<<script>alert('XSS');//<</script>",
        "<img src=x:alert(alt) onerror=eval(src) alt='XSS'>",
        "javascript:alert('XSS')",
        "JaVaScRiPt:alert('XSS')",
        "data:text/html,<script>alert('XSS')</script>",
        "${alert('XSS')}",
        "{{7*7}}XSS{% raw %}",
        "<isindex action=javascript:alert('XSS') type=image>",
        "<frameset onload=alert('XSS')>",
        "<applet code=\"javascript:alert('XSS')\"></applet>",
        "<a href=\"  javascript:alert('XSS')\">XSS</a>",
        "<a href=\"java\nscript:alert('XSS')\">XSS</a>",
        // Markdown: links, images, autolinks, reference links, raw HTML blocks.
        "[klik XSS](javascript:alert('XSS'))",
        "[klik XSS](JAVASCRIPT:alert('XSS'))",
        "[klik XSS](  javascript:alert('XSS')  )",
        "[klik XSS](java&#x09;script:alert('XSS'))",
        "[klik XSS](&#106;avascript:alert('XSS'))",
        "[klik XSS](vbscript:msgbox('XSS'))",
        "[klik XSS](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=)",
        "![XSS](javascript:alert('XSS'))",
        "![XSS\" onerror=\"alert('XSS')](x.png)",
        "![XSS](x.png\" onerror=\"alert('XSS'))",
        "[XSS](https://example.org\" onmouseover=\"alert('XSS'))",
        "<javascript:alert('XSS')>",
        "[XSS][ref]\n\n[ref]: javascript:alert('XSS')",
        "<div>\n<script>alert('XSS')</script>\n</div>",
        "```html\n<script>alert('XSS')</script>\n```",
        "**<img src=x onerror=alert('XSS')>**",
        "> <svg onload=alert('XSS')>",
        "- [ ] <a href=javascript:alert('XSS')>XSS</a>",
        "<details><summary onclick=alert('XSS')>XSS</summary></details>",
        "| a |\n|---|\n| <img src=x onerror=alert('XSS')> |",
        "[![XSS](x.png)](javascript:alert('XSS'))",
        "<a href=\"https://example.org\" onclick=\"alert('XSS')\">XSS</a>",
        "<p style=\"color:red\" onclick=\"alert('XSS')\">XSS</p>",
    ];
    let mut out: Vec<String> = base.iter().map(|s| s.to_string()).collect();
    // Variants: upper case, doubled quotes, surrounded by text, and padded with Dutch.
    for s in base.iter().take(24) {
        out.push(s.to_uppercase().replace("ALERT", "alert"));
    }
    for s in base.iter().take(12) {
        out.push(format!("Gewone tekst {s} en nog meer tekst"));
    }
    out.sort();
    out.dedup();
    out
}

/// Why a page is unsafe, if it is. `html` is a full page.
pub fn active_content(html: &str) -> Option<String> {
    let body_at = html.find("<body").unwrap_or(0);
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map(|j| i + j + 3).unwrap_or(b.len());
            continue;
        }
        let start = i;
        i += 1;
        let closing = i < b.len() && b[i] == b'/';
        if closing {
            i += 1;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[ns..i].to_ascii_lowercase();
        // Attributes, as a browser reads them.
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let an = i;
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && b[i] != b'>'
                && b[i] != b'='
                && !(b[i] == b'/' && i > an)
            {
                i += 1;
            }
            let aname = html[an..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    let ve = html[vs..]
                        .bytes()
                        .position(|c| c == q)
                        .map(|p| vs + p)
                        .unwrap_or(b.len());
                    value = html[vs..ve].to_string();
                    i = (ve + 1).min(b.len());
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[vs..i].to_string();
                }
            }
            if aname.is_empty() {
                i += 1;
                continue;
            }
            attrs.push((aname, value));
        }
        if closing {
            continue;
        }
        let tag = &html[start..i.min(b.len())];
        let in_body = start > body_at;
        for (a, v) in &attrs {
            if a.starts_with("on") {
                return Some(format!("event handler attribute in {tag}"));
            }
            if matches!(
                a.as_str(),
                "href"
                    | "src"
                    | "action"
                    | "formaction"
                    | "xlink:href"
                    | "data"
                    | "background"
                    | "poster"
                    | "srcdoc"
                    | "code"
                    | "content"
            ) {
                let url: String = decode_entities(v)
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let url = url.split("url=").last().unwrap_or("").to_string();
                if url.starts_with("javascript:")
                    || url.starts_with("vbscript:")
                    || url.starts_with("data:text")
                    || url.starts_with("data:application")
                    || a == "srcdoc"
                {
                    return Some(format!("dangerous URL in {tag}"));
                }
            }
            if a == "style" && v.to_ascii_lowercase().contains("xss") {
                return Some(format!("injected style in {tag}"));
            }
        }
        match name.as_str() {
            "script" => {
                let own = attrs
                    .iter()
                    .any(|(a, v)| a == "src" && v.starts_with("/static/"));
                if !own {
                    return Some(format!("script element {tag}"));
                }
            }
            "iframe" | "object" | "embed" | "base" | "frame" | "frameset" | "applet" | "math"
            | "isindex" | "template" | "noscript" => {
                return Some(format!("dangerous element {tag}"));
            }
            "meta" | "link" | "style" | "body" | "html" | "title" if in_body => {
                return Some(format!("{name} element in the body: {tag}"));
            }
            _ => {}
        }
        // Raw text elements: skip their content.
        if name == "script" || name == "style" {
            let end = format!("</{name}");
            i = html[i.min(b.len())..]
                .to_ascii_lowercase()
                .find(&end)
                .map(|j| i + j)
                .unwrap_or(b.len());
        }
    }
    None
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|e| *e < 12);
        match end {
            Some(e) => {
                let ent = &tail[1..e];
                let ch = if let Some(h) = ent.strip_prefix("#x").or(ent.strip_prefix("#X")) {
                    u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
                } else if let Some(d) = ent.strip_prefix('#') {
                    d.parse::<u32>().ok().and_then(char::from_u32)
                } else {
                    match ent {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        "colon" => Some(':'),
                        "Tab" => Some('\t'),
                        "NewLine" => Some('\n'),
                        _ => None,
                    }
                };
                match ch {
                    Some(c) => {
                        out.push(c);
                        rest = &tail[e + 1..];
                    }
                    None => {
                        out.push('&');
                        rest = &tail[1..];
                    }
                }
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_detector_sees_active_content_and_passes_escaped_text() {
    let page = |b: &str| {
        format!("<html><head><script src=\"/static/app.js\" defer></script></head><body>{b}</body></html>")
    };
    assert_eq!(active_content(&page("<p>hallo</p>")), None);
    assert_eq!(
        active_content(&page("<input value=\"&quot;&gt;&lt;script&gt;alert(1)\">")),
        None
    );
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\" JAVASCRIPT:x\">x</a>",
        "<iframe src=x>",
        "<input value=\"\" onfocus=\"x\">",
        "<svg><a xlink:href=\"javascript:x\">x</a></svg>",
        "<meta http-equiv=refresh content=\"0;url=javascript:x\">",
    ] {
        assert!(active_content(&page(bad)).is_some(), "{bad}");
    }
    assert!(payloads().len() >= 100, "{}", payloads().len());
}

/// Checks a response: CSP without inline script, and no active content.
async fn check(r: reqwest::Response, what: &str, failures: &mut Vec<String>) -> String {
    let csp = r
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if r.status().is_server_error() {
        failures.push(format!("{what}: {}", r.status()));
    }
    let html = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let body = r.text().await.unwrap_or_default();
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap_or("");
    if script_src.is_empty() || script_src.contains("'unsafe-inline'") || script_src.contains("*") {
        failures.push(format!("{what}: CSP allows inline script: {csp}"));
    }
    if html {
        if let Some(why) = active_content(&body) {
            failures.push(format!("{what}: {why}"));
        }
    }
    body
}

async fn get(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    what: &str,
    failures: &mut Vec<String>,
) -> String {
    let r = c.get(app.url(path)).send().await.unwrap();
    assert!(r.status().as_u16() < 500, "{what}: {}", r.status());
    check(r, what, failures).await
}

fn loc(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

const PAD: &str =
    "In de Ledeboerstraat staan geen bankjes. Ouderen lopen daar elke dag naar de winkel en \
     moeten onderweg even kunnen rusten. Drie bankjes in de schaduw helpen de buurt. ";

async fn every_field_escapes_every_payload(app: TestApp) {
    let fx: Fixture = seed(&app).await;
    let ps = payloads();
    let mut failures = Vec::new();
    let mut sent = 0usize;
    let anon = app.client();
    let (_, staff) = app.staff_client("xss-redactie@matrix.test", "admin").await;
    let ideas = fx.vars["ideas"].clone();
    let idea = fx.vars["idea"].clone();
    let provider = fx.vars["provider"].clone();
    let (author_id, ..) = fx.users["author"];
    let author = app.session_for(author_id, false).await;
    for (n, p) in ps.iter().enumerate() {
        let what = |field: &str| format!("payload {n} {p:?} in {field}");
        // Projects (staff): title, summary and Markdown body.
        let form = reqwest::multipart::Form::new()
            .text("title", format!("Project {n} {p}"))
            .text("slug", format!("xss-{n}"))
            .text("summary", format!("Samenvatting {p}"))
            .text("body", format!("{p}\n\n{PAD}"))
            .text("area_id", "")
            .text("new_theme", "")
            .text("contact_name", format!("Contact {p}"))
            .text("contact_email", "contact@enschede.test")
            .text("status", "draft");
        let r = staff
            .post(app.url("/beheer/projecten/nieuw"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        sent += 1;
        let l = loc(&r);
        check(r, &what("project form"), &mut failures).await;
        if let Some(id) = l.strip_prefix("/beheer/projecten/") {
            let id = id.split('?').next().unwrap_or("").to_string();
            get(
                &app,
                &staff,
                &format!("/beheer/projecten/{id}"),
                &what("project staff page"),
                &mut failures,
            )
            .await;
            get(
                &app,
                &staff,
                &format!("/beheer/projecten/{id}/bewerken"),
                &what("project edit form"),
                &mut failures,
            )
            .await;
            // Shown on the public site: publish it directly.
            app.db
                .exec(
                    "UPDATE projects SET status = 'published' WHERE id = $1",
                    args![id.parse::<i64>().unwrap_or(0)],
                )
                .await
                .unwrap();
            let slug: Option<String> = app
                .db
                .scalar(
                    "SELECT slug FROM projects WHERE id = $1",
                    args![id.parse::<i64>().unwrap_or(0)],
                )
                .await
                .unwrap();
            if let Some(s) = slug {
                get(
                    &app,
                    &anon,
                    &format!("/projecten/{s}"),
                    &what("public project page"),
                    &mut failures,
                )
                .await;
            }
        }
        // Ideas (a member): title, summary, description; the form re-renders on errors.
        let r = author
            .post(app.url(&format!("/onderdelen/{ideas}/ideeen/nieuw")))
            .form(&[
                ("title", format!("Idee {p}")),
                ("summary", format!("Samenvatting van het idee {p}")),
                ("description", format!("{PAD}{p}")),
                ("cost", "100".to_string()),
                ("area_id", String::new()),
                ("action", "submit".to_string()),
            ])
            .send()
            .await
            .unwrap();
        sent += 1;
        let l = loc(&r);
        check(r, &what("idea form"), &mut failures).await;
        if l.starts_with("/ideeen/") {
            let path = l.split('?').next().unwrap_or("").to_string();
            get(&app, &anon, &path, &what("idea page"), &mut failures).await;
        }
        // Comments on the author's idea.
        let r = author
            .post(app.url(&format!("/ideeen/{idea}/reacties")))
            .form(&[
                ("body", format!("Reactie {p}")),
                ("stance", "for".to_string()),
            ])
            .send()
            .await
            .unwrap();
        sent += 1;
        check(r, &what("comment form"), &mut failures).await;
        // Display name.
        let r = author
            .post(app.url("/account/naam"))
            .form(&[("display_name", format!("Naam {p}"))])
            .send()
            .await
            .unwrap();
        sent += 1;
        check(r, &what("name form"), &mut failures).await;
        get(
            &app,
            &author,
            "/account",
            &what("account page"),
            &mut failures,
        )
        .await;
        // Makelpunt: a space with the payload in name and description (provider form).
        let r = author
            .post(app.url(&format!("/makelpunt/aanbieder/{provider}/ruimtes/nieuw")))
            .form(&[
                ("name", format!("Zaal {p}")),
                ("description", format!("Beschrijving {p}")),
                ("address", format!("Hoofdstraat {n}, Enschede")),
                ("price_type", "free".into()),
                ("status", "published".into()),
                ("cap_seated", "10".into()),
                ("house_rules", format!("Regels {p}")),
            ])
            .send()
            .await
            .unwrap();
        sent += 1;
        let l = loc(&r);
        check(r, &what("space form"), &mut failures).await;
        if let Some(i) = l.find("/ruimtes/") {
            let sid: String = l[i + 9..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            get(
                &app,
                &anon,
                &format!("/makelpunt/ruimtes/{sid}"),
                &what("space page"),
                &mut failures,
            )
            .await;
        }
        // Query strings shown back.
        let q: String = url_encode(p);
        for path in [
            format!("/makelpunt?q={q}"),
            format!("/onderdelen/{ideas}/ideeen?q={q}"),
            format!("/inloggen?terug={q}&next={q}"),
            format!("/beheer/auditlog?q={q}"),
            format!("/bestaat-niet/{q}"),
        ] {
            sent += 1;
            let c = if path.starts_with("/beheer") {
                &staff
            } else {
                &anon
            };
            get(
                &app,
                c,
                &path,
                &what(&format!("query {path}")),
                &mut failures,
            )
            .await;
        }
    }
    // Everything stored shows up together on the lists and the staff pages.
    for path in [
        "/".to_string(),
        format!("/ideeen/{idea}"),
        format!("/onderdelen/{ideas}/ideeen"),
        "/makelpunt".to_string(),
        format!("/makelpunt/aanbieder/{provider}"),
        "/beheer/projecten".to_string(),
        "/beheer/gebruikers".to_string(),
        "/beheer/moderatie".to_string(),
        "/beheer/makelpunt".to_string(),
        "/beheer/auditlog".to_string(),
        format!("/beheer/ideeen/{ideas}"),
    ] {
        let c = if path.starts_with("/beheer") {
            &staff
        } else {
            &author
        };
        get(&app, c, &path, &format!("list {path}"), &mut failures).await;
    }
    // Provider names, descriptions and enquiry messages (enquiries are rate limited per
    // person, so each payload comes from its own member).
    let mut stored = 0;
    for (n, p) in ps.iter().enumerate().take(40) {
        let (_, m) = app.member_client(&format!("xss{n}@buurt.test")).await;
        let r = m
            .post(app.url("/makelpunt/aanbieder-worden"))
            .form(&[
                ("name", format!("Stichting {p}")),
                ("kind", "buurthuis".into()),
                ("contact_email", format!("xss{n}@buurt.test")),
                ("contact_phone", "053 123 4567".into()),
                ("description", format!("Over ons {p}")),
                ("may_share", "1".into()),
            ])
            .send()
            .await
            .unwrap();
        sent += 1;
        let l = loc(&r);
        check(r, &format!("payload {n} in provider form"), &mut failures).await;
        if l.starts_with("/makelpunt/aanbieder/") {
            stored += 1;
            get(
                &app,
                &m,
                l.split('?').next().unwrap_or(""),
                &format!("payload {n} provider page"),
                &mut failures,
            )
            .await;
        }
        let space = fx.vars["space"].clone();
        let r = m
            .post(app.url(&format!("/makelpunt/ruimtes/{space}/aanvraag")))
            .form(&[
                ("activity", format!("Club {p}")),
                ("on_date", "2027-04-07".into()),
                ("part", "morning".into()),
                ("people", "12".into()),
                ("message", format!("Bericht {p}")),
                ("website", String::new()),
            ])
            .send()
            .await
            .unwrap();
        sent += 1;
        check(r, &format!("payload {n} in enquiry form"), &mut failures).await;
    }
    assert!(stored > 0, "provider registrations stored");
    get(
        &app,
        &staff,
        "/beheer/makelpunt",
        "staff Makelpunt page with providers",
        &mut failures,
    )
    .await;
    get(
        &app,
        &author,
        &format!("/makelpunt/aanbieder/{provider}"),
        "provider dashboard with enquiries",
        &mut failures,
    )
    .await;
    let threads: Vec<(i64,)> = app
        .db
        .all(
            "SELECT id FROM space_enquiries WHERE org_id = $1",
            args![app.org_id],
        )
        .await
        .unwrap();
    assert!(threads.len() > 5, "enquiries stored: {}", threads.len());
    for (t,) in &threads {
        get(
            &app,
            &author,
            &format!("/makelpunt/aanvragen/{t}"),
            &format!("enquiry thread {t}"),
            &mut failures,
        )
        .await;
    }
    let ideas_stored: Option<i64> = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM ideas WHERE org_id = $1 AND description LIKE '%XSS%'",
            args![app.org_id],
        )
        .await
        .unwrap();
    assert!(
        ideas_stored.unwrap_or(0) > 10,
        "payload ideas stored: {ideas_stored:?}"
    );
    println!("xss: {} payloads, {sent} submissions", ps.len());
    assert!(
        failures.is_empty(),
        "{} unsafe answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
    app.stop().await;
}
both!(payloads_everywhere, every_field_escapes_every_payload);

fn url_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
