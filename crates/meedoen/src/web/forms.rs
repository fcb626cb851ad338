//! Form validation results: a message per field, shown next to that field.

use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct FieldErrors(BTreeMap<&'static str, String>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &'static str, msg: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| msg.into());
    }
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(|s| s.as_str())
    }
    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&&'static str, &String)> {
        self.0.iter()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Trims and checks a text field's length in characters; records a Dutch message when wrong.
pub fn text(errors: &mut FieldErrors, field: &'static str, value: &str, min: usize, max: usize, lang: super::i18n::Lang) -> String {
    let v = value.trim().to_string();
    let n = v.chars().count();
    if n < min {
        if min <= 1 {
            errors.add(field, super::i18n::t(lang, "error-required"));
        } else {
            errors.add(field, super::i18n::t_args(lang, "error-too-short", &[("min", min.to_string())]));
        }
    } else if n > max {
        errors.add(field, super::i18n::t_args(lang, "error-too-long", &[("max", max.to_string())]));
    }
    v
}

/// A plausible email address: one @, something on both sides, a dot in the domain, no spaces.
pub fn email(errors: &mut FieldErrors, field: &'static str, value: &str, lang: super::i18n::Lang) -> String {
    let v = value.trim().to_lowercase();
    let ok = v.len() <= 254
        && !v.contains(char::is_whitespace)
        && v.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.') && !d.contains('@'));
    if !ok {
        errors.add(field, super::i18n::t(lang, "error-email"));
    }
    v
}
