//! Interface text through Fluent. Every `.ftl` file under `locales/{nl,en}/` is embedded at
//! compile time; a module adds its own file and never edits another's.

use std::borrow::Cow;
use std::collections::HashMap;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    LOCALES
        .try_lookup(lang.id(), key)
        .unwrap_or_else(|| key.to_string())
}

/// Looks up `key` with named arguments: `t_args(lang, "hello", &[("name", name)])`.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES
        .try_lookup_with_args(lang.id(), key, &map)
        .unwrap_or_else(|| key.to_string())
}

/// True when `key` exists in both languages (used by tests over every key).
pub fn has_key(lang: Lang, key: &str) -> bool {
    LOCALES.try_lookup(lang.id(), key).is_some()
}
