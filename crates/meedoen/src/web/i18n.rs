//! Interface text through Fluent. Every `.ftl` file under `locales/{nl,en}/` is embedded at
//! compile time; a module adds its own file and never edits another's.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, Loader};
use unic_langid::{langid, LanguageIdentifier};

static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "nl",
        // Bidi isolation marks would end up in HTML attributes and email subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
}

static NL: LanguageIdentifier = langid!("nl");
static EN: LanguageIdentifier = langid!("en");

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

/// Looks up `key`; a missing key shows the key itself, which a test catches.
pub fn t(lang: Lang, key: &str) -> String {
    // A page with 50 comments asks for the same few texts hundreds of times; Fluent's lookup
    // (hashing, language matching, formatting) was 13 % of the server's CPU there. Texts
    // without arguments never change, so each thread keeps the ones it has formatted.
    // Only keys that exist are kept, so the memo is bounded by the `.ftl` files.
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let per_lang = &mut m[lang as usize];
        if let Some(v) = per_lang.get(key) {
            return v.to_string();
        }
        match LOCALES.try_lookup(lang.id(), key) {
            Some(v) => {
                per_lang.insert(key.into(), v.as_str().into());
                v
            }
            None => key.to_string(),
        }
    })
}

type Memo = HashMap<Box<str>, Box<str>, std::hash::BuildHasherDefault<Fnv>>;

thread_local! {
    static MEMO: std::cell::RefCell<[Memo; 2]> = std::cell::RefCell::new(Default::default());
}

/// FNV-1a: the memo's keys are short, fixed message ids, not attacker-chosen (unknown keys are
/// never stored), so a fast non-keyed hash is safe here.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Looks up `key` with named arguments: `t_args(lang, "hello", &[("name", name)])`.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    // The same text with the same short arguments ("3 likes") comes back on every comment of
    // a page; formatting it through Fluent each time was 13 % of an idea page's instructions.
    // The result depends only on language, key and arguments, so each thread keeps it. Long
    // arguments (free text) are formatted every time; the memo is emptied when full.
    if args.iter().any(|(_, v)| v.len() > ARGS_MEMO_MAX_VALUE) {
        return format_args(lang, key, args).unwrap_or_else(|| key.to_string());
    }
    let mut memo_key = String::with_capacity(key.len() + 16 * args.len());
    memo_key.push_str(key);
    for (name, value) in args {
        memo_key.push('\u{1f}');
        memo_key.push_str(name);
        memo_key.push('\u{1e}');
        memo_key.push_str(value);
    }
    if let Some(v) = ARGS_MEMO.with(|m| m.borrow()[lang as usize].get(memo_key.as_str()).cloned()) {
        return v.into();
    }
    match format_args(lang, key, args) {
        Some(v) => {
            ARGS_MEMO.with(|m| {
                let per_lang = &mut m.borrow_mut()[lang as usize];
                if per_lang.len() >= ARGS_MEMO_MAX_ENTRIES {
                    per_lang.clear();
                }
                per_lang.insert(memo_key.into(), v.as_str().into());
            });
            v
        }
        None => key.to_string(),
    }
}

fn format_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> Option<String> {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), value(v)))
        .collect();
    LOCALES.try_lookup_with_args(lang.id(), key, &map)
}

/// Whole numbers go to Fluent as numbers, so that plural variants (`[one] 1 like`) match;
/// as text, "1" matched no variant and every count read "1 likes".
fn value(v: &str) -> FluentValue<'static> {
    match v.parse::<i64>() {
        Ok(n) if n.to_string() == v => FluentValue::from(n),
        _ => FluentValue::from(v.to_string()),
    }
}

/// Arguments longer than this (names, titles) are not memoised.
const ARGS_MEMO_MAX_VALUE: usize = 40;
const ARGS_MEMO_MAX_ENTRIES: usize = 4096;

thread_local! {
    // Keyed with the default (randomly seeded) hasher: arguments can be typed by residents.
    static ARGS_MEMO: std::cell::RefCell<[HashMap<Box<str>, Box<str>>; 2]> =
        std::cell::RefCell::new(Default::default());
}

/// A text whose one argument is a count, like "3 likes": `t_count(lang, "ideas-likes",
/// "count", 3)` is `t_args(lang, "ideas-likes", &[("count", "3".into())])`.
pub fn t_count(lang: Lang, key: &'static str, name: &'static str, n: i64) -> Rc<str> {
    // A list page shows two or three of these per card. Through `t_args` each one built its
    // memo key as a string and hashed it (10 % of the idea list's instructions); here the
    // memo is a table per text indexed by the number, and its entries are shared, not copied.
    // Keys and names are `&'static str`, so there are as many tables as such calls in the
    // code, and numbers from COUNT_MEMO_MAX up are formatted through `t_args`.
    let Some(i) = usize::try_from(n).ok().filter(|i| *i < COUNT_MEMO_MAX) else {
        return t_args(lang, key, &[(name, n.to_string())]).into();
    };
    COUNT_MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let tables = &mut m[lang as usize];
        let t = match tables.iter().position(|t| t.key == key && t.name == name) {
            Some(t) => t,
            None => {
                tables.push(CountTable {
                    key,
                    name,
                    texts: Vec::new(),
                });
                tables.len() - 1
            }
        };
        let texts = &mut tables[t].texts;
        if let Some(Some(v)) = texts.get(i) {
            return v.clone();
        }
        let v: Rc<str> = t_args(lang, key, &[(name, n.to_string())]).into();
        if texts.len() <= i {
            texts.resize(i + 1, None);
        }
        texts[i] = Some(v.clone());
        v
    })
}

/// Counts from 0 to this (exclusive) are kept by `t_count`: a table of this many entries is
/// 16 KiB per text and language on each thread, and tables only grow to the largest count shown.
const COUNT_MEMO_MAX: usize = 1024;

struct CountTable {
    key: &'static str,
    name: &'static str,
    texts: Vec<Option<Rc<str>>>,
}

thread_local! {
    static COUNT_MEMO: std::cell::RefCell<[Vec<CountTable>; 2]> = std::cell::RefCell::new(Default::default());
}

/// True when `key` exists in both languages (used by tests over every key).
pub fn has_key(lang: Lang, key: &str) -> bool {
    LOCALES.try_lookup(lang.id(), key).is_some()
}

/// An amount of money as the reader writes it: `€ 1.234,50` in Dutch, `€1,234.50` in English
/// (whole euros without decimals).
pub fn money(lang: Lang, m: domain::Money) -> String {
    match lang {
        Lang::Nl => m.nl(),
        Lang::En => m.en(),
    }
}

/// A whole-euro amount (budgets, idea costs), as [`money`] writes it.
pub fn euros(lang: Lang, whole_euros: i64) -> String {
    match lang {
        Lang::Nl => domain::money::euros_nl(whole_euros),
        Lang::En => domain::money::euros_en(whole_euros),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memoised_texts_match_fresh_ones() {
        for lang in [Lang::Nl, Lang::En] {
            for n in ["0", "1", "2", "17", "1", "17"] {
                let args = [("count", n.to_string())];
                let fresh = format_args(lang, "ideas-likes", &args);
                assert_eq!(Some(t_args(lang, "ideas-likes", &args)), fresh, "{n}");
            }
        }
        assert_eq!(
            t_args(Lang::Nl, "ideas-likes", &[("count", "1".into())]),
            "1 like"
        );
        assert_eq!(
            t_args(Lang::Nl, "ideas-likes", &[("count", "3".into())]),
            "3 likes"
        );
        // A long argument is formatted, not kept.
        let long = [("count", "9".repeat(100))];
        assert!(t_args(Lang::Nl, "ideas-likes", &long).contains(&"9".repeat(100)));
        assert_eq!(
            t_args(Lang::Nl, "no-such-key", &[("a", "b".into())]),
            "no-such-key"
        );
    }

    #[test]
    fn counted_texts_match_t_args() {
        for lang in [Lang::Nl, Lang::En] {
            // Twice each: the second answer comes from the table. Negative numbers and
            // numbers past the table are formatted each time.
            for n in [0, 1, 2, 17, 1023, 1024, 123_456, -1, 1, 17, 1023, 1024, -1] {
                for (key, name) in [("ideas-likes", "count"), ("ideas-comments-count", "count")] {
                    let expected = t_args(lang, key, &[(name, n.to_string())]);
                    assert_eq!(&*t_count(lang, key, name, n), expected, "{key} {n}");
                }
            }
        }
        assert_eq!(&*t_count(Lang::Nl, "ideas-likes", "count", 1), "1 like");
        assert_eq!(&*t_count(Lang::En, "ideas-likes", "count", 3), "3 likes");
        assert_eq!(
            &*t_count(Lang::Nl, "no-such-key", "count", 3),
            "no-such-key"
        );
    }
}
