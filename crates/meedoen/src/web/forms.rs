//! Form validation results: a message per field, shown next to that field.

/// Messages per field, in the order they were found (validation runs in form order, so the
/// error summary lists them as the form shows them), with optional readable field names for
/// the summary's links ("Titel: dit is te kort" instead of a bare message).
#[derive(Debug, Default, Clone)]
pub struct FieldErrors {
    list: Vec<(&'static str, String)>,
    labels: Vec<(&'static str, String)>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    /// The first message for a field wins.
    pub fn add(&mut self, field: &'static str, msg: impl Into<String>) {
        if !self.has(field) {
            self.list.push((field, msg.into()));
        }
    }
    /// The field's name as its label reads, for the error summary.
    pub fn label(&mut self, field: &'static str, label: impl Into<String>) {
        self.labels.retain(|(f, _)| *f != field);
        self.labels.push((field, label.into()));
    }
    pub fn label_of(&self, field: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, l)| l.as_str())
    }
    pub fn get(&self, field: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
    pub fn has(&self, field: &str) -> bool {
        self.list.iter().any(|(f, _)| *f == field)
    }
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&&'static str, &String)> {
        self.list.iter().map(|(f, m)| (f, m))
    }
    pub fn len(&self) -> usize {
        self.list.len()
    }
}

/// Trims and checks a text field's length in characters; records a Dutch message when wrong.
pub fn text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
    lang: super::i18n::Lang,
) -> String {
    let v = value.trim().to_string();
    let n = v.chars().count();
    if n < min {
        if min <= 1 {
            errors.add(field, super::i18n::t(lang, "error-required"));
        } else {
            errors.add(
                field,
                super::i18n::t_args(lang, "error-too-short", &[("min", min.to_string())]),
            );
        }
    } else if n > max {
        errors.add(
            field,
            super::i18n::t_args(lang, "error-too-long", &[("max", max.to_string())]),
        );
    }
    v
}

/// A plausible email address: one @, something on both sides, a dot in the domain, no spaces.
pub fn email(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    lang: super::i18n::Lang,
) -> String {
    let v = value.trim().to_lowercase();
    let ok = v.len() <= 254
        && !v.contains(char::is_whitespace)
        && v.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty()
                && d.contains('.')
                && !d.starts_with('.')
                && !d.ends_with('.')
                && !d.contains('@')
        });
    if !ok {
        errors.add(field, super::i18n::t(lang, "error-email"));
    }
    v
}

/// A URL-safe name made from a title: lower case, accents dropped, words joined by dashes.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.trim().to_lowercase().chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ÿ' | 'ý' => 'y',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
        if out.len() >= 80 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// True for a slug we would have made ourselves.
pub fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// `%text%` with LIKE's wildcards escaped (use with `ESCAPE '\\'`); empty for blank text.
pub fn like_pattern(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return String::new();
    }
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(slugify("  Park Één: nieuw plan!  "), "park-een-nieuw-plan");
        assert_eq!(slugify("Café 't Hoekje"), "cafe-t-hoekje");
        assert!(valid_slug("park-2026"));
        assert!(!valid_slug("Park"));
        assert!(!valid_slug("-a"));
        assert!(!valid_slug(""));
    }

    #[test]
    fn slugs_from_area_names() {
        assert_eq!(slugify("  Hogeland-Velve "), "hogeland-velve");
        assert_eq!(slugify("'t Zwering"), "t-zwering");
        assert_eq!(slugify("Ideeën & Café"), "ideeen-cafe");
        assert_eq!(slugify("!!!"), "");
        assert!(valid_slug("de-laares"));
        assert!(!valid_slug("De Laares"));
        assert!(!valid_slug("-x"));
    }
}
