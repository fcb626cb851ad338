//! Markdown to safe HTML. Raw HTML in the source is shown as text, never passed through, and
//! links may only use http, https, mailto or relative addresses. Because nothing the author
//! types can become a tag or an attribute, no HTML sanitiser is needed afterwards.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        // A colon before any slash means a scheme.
        Some((scheme, _))
            if !scheme.contains('/') && !scheme.contains('?') && !scheme.contains('#') =>
        {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Renders `src`, from this thread's memo when it was rendered before.
///
/// An idea page renders every comment on every view; parsing was 15 % of the instructions of
/// a page with 50 comments. The output depends on the text alone, so each thread keeps what
/// it rendered, keyed by the full text (a hash match alone could show another comment's
/// text). The memo is bounded in bytes and emptied when full, which is simple and keeps a
/// steady set of hot pages in it.
pub fn to_html(src: &str) -> String {
    if src.len() > MEMO_MAX_SOURCE {
        return render(src);
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(html) = m.entries.get(src) {
            return html.to_string();
        }
        let html = render(src);
        let size = src.len() + html.len();
        if m.bytes + size > MEMO_MAX_BYTES {
            m.entries.clear();
            m.bytes = 0;
        }
        m.bytes += size;
        m.entries.insert(src.into(), html.as_str().into());
        html
    })
}

/// Longer texts (a project's description, say) are rendered every time.
const MEMO_MAX_SOURCE: usize = 8 * 1024;
/// Source and output bytes kept per thread.
const MEMO_MAX_BYTES: usize = 2 * 1024 * 1024;

#[derive(Default)]
struct Memo {
    entries: std::collections::HashMap<Box<str>, Box<str>>,
    bytes: usize,
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

fn render(src: &str) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(src, opts).map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        // Images in body text would load from anywhere; show their alt text as a link instead.
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = if safe_url(&dest_url) {
                dest_url
            } else {
                CowStr::Borrowed("#")
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        Event::End(pulldown_cmark::TagEnd::Image) => Event::End(pulldown_cmark::TagEnd::Link),
        other => other,
    });
    let mut out = String::with_capacity(src.len() + src.len() / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn memo_gives_the_same_html_and_stays_bounded() {
        let first = to_html("**vet** en [link](https://enschede.nl)");
        assert_eq!(first, to_html("**vet** en [link](https://enschede.nl)"));
        assert!(first.contains("<strong>vet</strong>"), "{first}");
        // Texts that share a prefix are different entries.
        assert_ne!(to_html("a *b*"), to_html("a *b* c"));
        for i in 0..20_000 {
            let src = format!("reactie {i} {}", "x".repeat(200));
            assert!(to_html(&src).contains(&format!("reactie {i}")));
        }
        super::MEMO.with(|m| assert!(m.borrow().bytes <= super::MEMO_MAX_BYTES));
    }

    #[test]
    fn raw_html_is_escaped() {
        let h = to_html("hi <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn javascript_links_are_neutralised() {
        let h =
            to_html("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [ok](https://enschede.nl)");
        assert!(!h.to_lowercase().contains("javascript:"), "{h}");
        assert!(h.contains("https://enschede.nl"));
    }

    #[test]
    fn hidden_schemes_are_neutralised() {
        // Entities, tabs, leading spaces and control characters, reference links and
        // autolinks: the scheme allow-list sees through all of them.
        for src in [
            "[x](&#106;avascript:alert(1))",
            "[x](&#x6A;avascript:alert(1))",
            "[x](java\tscript:alert(1))",
            "[x](<javascript:alert(1)>)",
            "[x](\u{1}javascript:alert(1))",
            "[x]: javascript:alert(1)\n\n[x]",
            "<javascript:alert(1)>",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html,<script>alert(1)</script>)",
            "![x](javascript:alert(1))",
        ] {
            let h = to_html(src).to_lowercase();
            for bad in ["javascript:", "vbscript:", "data:", "<script", "<img"] {
                assert!(!h.contains(&format!("href=\"{bad}")), "{src} -> {h}");
                assert!(
                    !h.contains("<script") && !h.contains("<img"),
                    "{src} -> {h}"
                );
            }
        }
    }

    #[test]
    fn images_become_links() {
        let h = to_html("![alt](https://x.test/a.png)");
        assert!(!h.contains("<img"), "{h}");
    }
}
