//! A municipality's theme is its design-token file: the CSS custom properties that an
//! NL Design System token package publishes (for example `dist/root.css` of a municipality's
//! `…-design-tokens` npm package). Staff paste or upload that file; this module checks it,
//! flattens it to one `:root { … }` block and reports colour pairs that do not meet WCAG 2.2
//! AA contrast. Pure functions, no IO; docs/THEMING.md says which tokens the pages read.
//!
//! The checker is strict on purpose: a theme file is served to every visitor on every page,
//! so it may hold custom property declarations and comments, nothing else. No `url(` (it
//! would load from elsewhere and leak visitors' addresses), no `@import`, no way to close the
//! `<style>` element or the declaration.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::i18n::Lang;

/// Largest theme file we accept. Utrecht's full token file is about 90 KB.
pub const MAX_BYTES: usize = 256 * 1024;
/// Most declarations we accept. The largest real package we checked has about 2,800.
pub const MAX_DECLARATIONS: usize = 4_000;
/// How deep `var(--a)` → `var(--b)` → … may go before we give up (cycles end here).
const MAX_VAR_DEPTH: usize = 16;
/// How many `var()` look-ups one colour may take; keeps a crafted file from blowing up.
const MAX_VAR_STEPS: usize = 2_000;
/// Longest value a look-up may build.
const MAX_RESOLVED_LEN: usize = 1_000;

/// Our own stylesheet; its first rule holds the default value of every token we read.
const APP_CSS: &str = include_str!("../../../../static/app.css");

/// Custom property declarations, in the order their names first appear, each with the value
/// of its last declaration (as in CSS, a later declaration of the same name wins).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    decls: Vec<(String, String)>,
    index: HashMap<String, usize>,
}

impl Tokens {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `name` (with its leading `--`).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.index.get(name).map(|&i| self.decls[i].1.as_str())
    }

    pub fn len(&self) -> usize {
        self.decls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.decls.is_empty()
    }

    /// (name, value) pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.decls.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    fn set(&mut self, name: String, value: String) {
        match self.index.get(&name) {
            Some(&i) => self.decls[i].1 = value,
            None => {
                self.index.insert(name.clone(), self.decls.len());
                self.decls.push((name, value));
            }
        }
    }
}

/// Why a theme file was refused. Every variant that points at a place carries its line
/// number (counted from 1). `Display` is the English text; [`ThemeError::message`] gives
/// Dutch or English for staff.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    #[error("The theme file is {size} bytes. At most {max} bytes are allowed.")]
    TooLarge { size: usize, max: usize },
    #[error("Line {line}: the theme file has more than {max} declarations.")]
    TooManyDeclarations { line: usize, max: usize },
    #[error("Line {line}: an invisible control character (U+{code:04X}) is not allowed in a theme file.")]
    ControlCharacter { line: usize, code: u32 },
    #[error(
        "Line {line}: `{found}` is not allowed in a theme file. Use only colours, sizes and fonts."
    )]
    Forbidden { line: usize, found: &'static str },
    #[error(
        "Line {line}: `{text}` is not a design token. Every line must look like `--name: value;`."
    )]
    NotADeclaration { line: usize, text: String },
    #[error("Line {line}: `{name}` is not a valid token name. Use only lowercase letters a-z, digits and `-`.")]
    InvalidName { line: usize, name: String },
    #[error("Line {line}: the selector `{selector}` is not supported. Use `:root` or a class such as `.utrecht-theme`.")]
    UnsupportedSelector { line: usize, selector: String },
    #[error("Line {line}: `{rule}` is not allowed. A theme file holds only design tokens, without @-rules.")]
    AtRule { line: usize, rule: String },
    #[error("Line {line}: a block inside a block is not allowed.")]
    NestedBlock { line: usize },
    #[error("Line {line}: this `}}` closes nothing.")]
    UnexpectedClose { line: usize },
    #[error("Line {line}: the block that starts here is not closed with `}}`.")]
    UnclosedBlock { line: usize },
    #[error("Line {line}: the comment that starts here is not closed with `*/`.")]
    UnclosedComment { line: usize },
    #[error("Line {line}: the quoted text that starts here is not closed.")]
    UnclosedString { line: usize },
}

impl ThemeError {
    /// The line the problem is on, when there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ThemeError::TooLarge { .. } => None,
            ThemeError::TooManyDeclarations { line, .. }
            | ThemeError::ControlCharacter { line, .. }
            | ThemeError::Forbidden { line, .. }
            | ThemeError::NotADeclaration { line, .. }
            | ThemeError::InvalidName { line, .. }
            | ThemeError::UnsupportedSelector { line, .. }
            | ThemeError::AtRule { line, .. }
            | ThemeError::NestedBlock { line }
            | ThemeError::UnexpectedClose { line }
            | ThemeError::UnclosedBlock { line }
            | ThemeError::UnclosedComment { line }
            | ThemeError::UnclosedString { line } => Some(*line),
        }
    }

    /// The message for staff, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Nl => self.message_nl(),
            Lang::En => self.to_string(),
        }
    }

    /// Dutch, at language level B1.
    pub fn message_nl(&self) -> String {
        match self {
            ThemeError::TooLarge { size, max } => format!(
                "Het themabestand is {} KB. Het mag maximaal {} KB zijn.",
                size.div_ceil(1024),
                max / 1024
            ),
            ThemeError::TooManyDeclarations { line, max } => format!(
                "Regel {line}: het themabestand heeft meer dan {max} regels met variabelen. Dat zijn er te veel."
            ),
            ThemeError::ControlCharacter { line, code } => format!(
                "Regel {line}: er staat een onzichtbaar teken (U+{code:04X}) in. Dat is niet toegestaan in een themabestand."
            ),
            ThemeError::Forbidden { line, found } => format!(
                "Regel {line}: `{found}` is niet toegestaan in een themabestand. Gebruik alleen kleuren, maten en lettertypen."
            ),
            ThemeError::NotADeclaration { line, text } => format!(
                "Regel {line}: `{text}` is geen designtoken. Elke regel moet eruitzien als `--naam: waarde;`."
            ),
            ThemeError::InvalidName { line, name } => format!(
                "Regel {line}: `{name}` is geen goede naam. Gebruik alleen kleine letters a-z, cijfers en `-`."
            ),
            ThemeError::UnsupportedSelector { line, selector } => format!(
                "Regel {line}: `{selector}` kunnen we niet gebruiken. Gebruik `:root` of een class zoals `.utrecht-theme`."
            ),
            ThemeError::AtRule { line, rule } => format!(
                "Regel {line}: `{rule}` is niet toegestaan. Een themabestand bevat alleen designtokens, zonder @-regels."
            ),
            ThemeError::NestedBlock { line } => format!(
                "Regel {line}: hier begint een blok `{{` binnen een ander blok. Dat is niet toegestaan."
            ),
            ThemeError::UnexpectedClose { line } => format!(
                "Regel {line}: deze `}}` sluit niets af. Haal hem weg of zet er een blok voor."
            ),
            ThemeError::UnclosedBlock { line } => format!(
                "Regel {line}: het blok dat hier begint, wordt niet afgesloten met `}}`."
            ),
            ThemeError::UnclosedComment { line } => format!(
                "Regel {line}: de opmerking die hier begint, wordt niet afgesloten met `*/`."
            ),
            ThemeError::UnclosedString { line } => format!(
                "Regel {line}: de tekst tussen aanhalingstekens die hier begint, wordt niet afgesloten."
            ),
        }
    }
}

/// Reads a design-token file. Accepts custom property declarations (`--name: value;`), bare
/// or inside one or more selector blocks (`:root { … }`, `.utrecht-theme { … }`, which are
/// flattened), and `/* comments */`. Refuses everything else, with the line of the problem.
pub fn parse_tokens(css: &str) -> Result<Tokens, ThemeError> {
    if css.len() > MAX_BYTES {
        return Err(ThemeError::TooLarge {
            size: css.len(),
            max: MAX_BYTES,
        });
    }
    // A byte order mark, as some editors write it, is not part of the content.
    let css = css.strip_prefix('\u{feff}').unwrap_or(css);
    let mut line = 1;
    for c in css.chars() {
        if c == '\n' {
            line += 1;
        } else if (c != '\t' && c != '\r' && c.is_control())
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        {
            return Err(ThemeError::ControlCharacter {
                line,
                code: c as u32,
            });
        }
    }
    Parser {
        s: css.as_bytes(),
        src: css,
        pos: 0,
        line: 1,
        count: 0,
        tokens: Tokens::new(),
    }
    .run()
}

struct Parser<'a> {
    s: &'a [u8],
    src: &'a str,
    pos: usize,
    line: usize,
    count: usize,
    tokens: Tokens,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn starts(&self, what: &str) -> bool {
        self.s[self.pos..].starts_with(what.as_bytes())
    }

    fn bump(&mut self) {
        if self.s[self.pos] == b'\n' {
            self.line += 1;
        }
        self.pos += 1;
    }

    /// Skips a comment that starts at `pos`.
    fn comment(&mut self) -> Result<(), ThemeError> {
        let start = self.line;
        self.pos += 2;
        while self.pos < self.s.len() {
            if self.starts("*/") {
                self.pos += 2;
                return Ok(());
            }
            self.bump();
        }
        Err(ThemeError::UnclosedComment { line: start })
    }

    /// Skips white space and comments.
    fn skip(&mut self) -> Result<(), ThemeError> {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.bump();
            } else if self.starts("/*") {
                self.comment()?;
            } else {
                break;
            }
        }
        Ok(())
    }

    /// The rest of the current line from `pos`, shortened, for messages.
    fn snippet(&self) -> String {
        let rest = &self.src[self.pos..];
        let end = rest.find(['\n', ';', '{', '}']).unwrap_or(rest.len());
        let text = rest[..end].trim();
        let mut out: String = text.chars().take(40).collect();
        if text.chars().count() > 40 {
            out.push('…');
        }
        out
    }

    fn run(mut self) -> Result<Tokens, ThemeError> {
        let mut block: Option<usize> = None; // line where the open block started
        loop {
            self.skip()?;
            let Some(c) = self.peek() else {
                return match block {
                    Some(line) => Err(ThemeError::UnclosedBlock { line }),
                    None => Ok(self.tokens),
                };
            };
            match c {
                b';' => self.bump(), // an empty statement, as in `…;;`
                b'}' => {
                    if block.take().is_none() {
                        return Err(ThemeError::UnexpectedClose { line: self.line });
                    }
                    self.bump();
                }
                b'-' if self.starts("--") => self.declaration()?,
                b'@' => return Err(self.at_rule()),
                _ => {
                    let line = self.line;
                    let selector = self.selector()?;
                    if block.is_some() {
                        return Err(ThemeError::NestedBlock { line });
                    }
                    if !selector_ok(&selector) {
                        return Err(ThemeError::UnsupportedSelector {
                            line,
                            selector: shorten(&selector),
                        });
                    }
                    block = Some(line);
                }
            }
        }
    }

    fn at_rule(&self) -> ThemeError {
        let rest = &self.src[self.pos..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(rest.len(), |i| i + 1);
        let rule = &rest[..end];
        if rule.eq_ignore_ascii_case("@import") {
            ThemeError::Forbidden {
                line: self.line,
                found: "@import",
            }
        } else {
            ThemeError::AtRule {
                line: self.line,
                rule: rule.to_string(),
            }
        }
    }

    /// Reads a selector up to its `{` (and steps over the `{`). A `;` or `}` first means the
    /// text was not a declaration, such as `color: red;`.
    fn selector(&mut self) -> Result<String, ThemeError> {
        let line = self.line;
        let text = self.snippet();
        let mut out = String::new();
        let mut seg = self.pos;
        while let Some(c) = self.peek() {
            if self.starts("/*") {
                out.push_str(&self.src[seg..self.pos]);
                out.push(' ');
                self.comment()?;
                seg = self.pos;
                continue;
            }
            match c {
                b'{' => {
                    out.push_str(&self.src[seg..self.pos]);
                    self.bump();
                    return Ok(out.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                b';' | b'}' => break,
                b'\\' => return Err(self.forbidden("\\")),
                b'<' => return Err(self.lt()),
                _ => self.bump(),
            }
        }
        Err(ThemeError::NotADeclaration { line, text })
    }

    fn lt(&self) -> ThemeError {
        let found = if self.src[self.pos..]
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("</style"))
        {
            "</style"
        } else {
            "<"
        };
        ThemeError::Forbidden {
            line: self.line,
            found,
        }
    }

    fn declaration(&mut self) -> Result<(), ThemeError> {
        let line = self.line;
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c == b':'
                || c.is_ascii_whitespace()
                || c == b';'
                || c == b'{'
                || c == b'}'
                || self.starts("/*")
            {
                break;
            }
            self.pos += 1;
        }
        let name = &self.src[start..self.pos];
        if name.len() < 3
            || !name[2..]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(ThemeError::InvalidName {
                line,
                name: shorten(name),
            });
        }
        let name = name.to_string();
        self.skip()?;
        if self.peek() != Some(b':') {
            self.pos = start;
            self.line = line;
            return Err(ThemeError::NotADeclaration {
                line,
                text: self.snippet(),
            });
        }
        self.bump();
        let value = self.value()?;
        self.count += 1;
        if self.count > MAX_DECLARATIONS {
            return Err(ThemeError::TooManyDeclarations {
                line,
                max: MAX_DECLARATIONS,
            });
        }
        self.tokens.set(name, value);
        Ok(())
    }

    /// Reads a value up to `;`, `}` or the end, and checks it. Comments in it are dropped.
    fn value(&mut self) -> Result<String, ThemeError> {
        let (vstart, vline) = (self.pos, self.line);
        let mut out = String::new();
        let mut depth = 0usize; // () and []
        while let Some(c) = self.peek() {
            match c {
                b';' | b'}' if depth == 0 => break,
                b';' => return Err(self.forbidden(";")),
                b'{' => return Err(self.forbidden("{")),
                b'}' => return Err(self.forbidden("}")),
                b'\\' => return Err(self.forbidden("\\")),
                b'<' => return Err(self.lt()),
                b'(' => {
                    // Say what is wrong as soon as a refused function opens, before its
                    // argument trips over something else (`url("data:…;…")`).
                    if let Some(bad) = refused_function(&out) {
                        return Err(self.forbidden(bad));
                    }
                    depth += 1;
                    out.push('(');
                    self.bump();
                }
                b'[' => {
                    depth += 1;
                    out.push(c as char);
                    self.bump();
                }
                b')' | b']' => {
                    depth = depth.saturating_sub(1);
                    out.push(c as char);
                    self.bump();
                }
                b'"' | b'\'' => self.string(c, &mut out)?,
                b'/' if self.starts("/*") => {
                    self.comment()?;
                    out.push(' ');
                }
                _ => {
                    // Copy one whole UTF-8 character.
                    let ch = self.src[self.pos..].chars().next().unwrap_or(' ');
                    out.push(ch);
                    for _ in 0..ch.len_utf8() {
                        self.bump();
                    }
                }
            }
        }
        let value = out.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = value.to_ascii_lowercase();
        for bad in ["javascript:", "@import"] {
            if lower.contains(bad) {
                let raw = self.src[vstart..self.pos].to_ascii_lowercase();
                let line = raw
                    .find(bad)
                    .map_or(vline, |k| vline + raw[..k].matches('\n').count());
                return Err(ThemeError::Forbidden { line, found: bad });
            }
        }
        Ok(value)
    }

    fn string(&mut self, quote: u8, out: &mut String) -> Result<(), ThemeError> {
        let start = self.line;
        out.push(quote as char);
        self.bump();
        while let Some(c) = self.peek() {
            match c {
                _ if c == quote => {
                    out.push(quote as char);
                    self.bump();
                    return Ok(());
                }
                b'\n' => break,
                b';' => return Err(self.forbidden(";")),
                b'{' => return Err(self.forbidden("{")),
                b'}' => return Err(self.forbidden("}")),
                b'\\' => return Err(self.forbidden("\\")),
                b'<' => return Err(self.lt()),
                _ => {
                    let ch = self.src[self.pos..].chars().next().unwrap_or(' ');
                    out.push(ch);
                    for _ in 0..ch.len_utf8() {
                        self.bump();
                    }
                }
            }
        }
        Err(ThemeError::UnclosedString { line: start })
    }

    fn forbidden(&self, found: &'static str) -> ThemeError {
        ThemeError::Forbidden {
            line: self.line,
            found,
        }
    }
}

/// Functions that load something from elsewhere (`url(` and its relatives) or ran script
/// in old browsers (`expression(`), when `before` ends with one of their names.
fn refused_function(before: &str) -> Option<&'static str> {
    let lower = before.to_ascii_lowercase();
    [
        ("url", "url("),
        ("image-set", "image-set("),
        ("image", "image("),
        ("src", "src("),
        ("cross-fade", "cross-fade("),
        ("element", "element("),
        ("expression", "expression("),
    ]
    .into_iter()
    .find(|(name, _)| {
        lower
            .strip_suffix(name)
            .is_some_and(|head| !head.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    })
    .map(|(_, found)| found)
}

fn shorten(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 40 {
        let mut out: String = s.chars().take(40).collect();
        out.push('…');
        out
    } else {
        s
    }
}

/// The selectors real token packages put their tokens under: `:root`, `html`, `body`,
/// `:host`, classes (`.utrecht-theme`), compounds of those (`html.rotterdam-theme`), lists,
/// and `:where()` / `:is()` around them.
fn selector_ok(selector: &str) -> bool {
    !selector.is_empty()
        && split_top(selector, ',')
            .iter()
            .all(|s| simple_selector_ok(s.trim()))
}

fn simple_selector_ok(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    for wrap in [":where(", ":is("] {
        if let Some(inner) = s.strip_prefix(wrap).and_then(|r| r.strip_suffix(')')) {
            return selector_ok(inner);
        }
    }
    let mut rest = s;
    for root in [":root", "html", "body", ":host"] {
        if let Some(r) = rest.strip_prefix(root) {
            rest = r;
            break;
        }
    }
    if rest.len() == s.len() && !rest.starts_with('.') {
        return false;
    }
    while !rest.is_empty() {
        let Some(r) = rest.strip_prefix('.') else {
            return false;
        };
        let end = r
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(r.len());
        if end == 0 {
            return false;
        }
        rest = &r[end..];
    }
    true
}

/// Splits on `sep` outside parentheses.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// The theme as a stylesheet: one `:root { … }` block. Values were checked by
/// [`parse_tokens`], so they are written as they are.
pub fn render_css(tokens: &Tokens) -> String {
    let mut out = String::with_capacity(tokens.len() * 48 + 16);
    out.push_str(":root {\n");
    for (name, value) in tokens.iter() {
        out.push_str("  ");
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

/// Our default tokens: the first rule of `static/app.css`, so the stylesheet is the one
/// place they are written.
pub fn defaults() -> Tokens {
    static DEFAULTS: OnceLock<Tokens> = OnceLock::new();
    DEFAULTS
        .get_or_init(|| {
            parse_tokens(first_rule(APP_CSS))
                .expect("the first rule of static/app.css holds only custom properties")
        })
        .clone()
}

/// `css` up to and including the `}` that closes its first rule (comments before it too).
fn first_rule(css: &str) -> &str {
    let b = css.as_bytes();
    let mut i = 0;
    let mut open = false;
    while i < b.len() {
        if b[i..].starts_with(b"/*") {
            i = css[i + 2..].find("*/").map_or(b.len(), |j| i + 2 + j + 2);
            continue;
        }
        match b[i] {
            b'{' => open = true,
            b'}' if open => return &css[..=i],
            _ => {}
        }
        i += 1;
    }
    css
}

// ---- colours and contrast ----

/// An opaque sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// A colour we can compare: opaque, or `transparent` (which shows what is behind it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Rgb(Rgb),
    Transparent,
}

/// Parses `#rgb`, `#rrggbb`, `#rgba`/`#rrggbbaa` when fully opaque, `rgb()`/`rgba()` and
/// `hsl()`/`hsla()` with commas or spaces (opaque only), the 16 basic named colours and
/// `transparent`. Anything else (`currentcolor`, half-transparent colours, `color-mix()`) is
/// `None`: we cannot tell its contrast without the page behind it.
pub fn parse_color(value: &str) -> Option<Color> {
    let v = value.trim().to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        return parse_hex(hex).map(Color::Rgb);
    }
    if v == "transparent" {
        return Some(Color::Transparent);
    }
    if let Some(rgb) = named(&v) {
        return Some(Color::Rgb(rgb));
    }
    let (func, args) = v.split_once('(')?;
    let args = args.strip_suffix(')')?;
    let (channels, alpha) = split_args(args)?;
    if let Some(a) = alpha {
        let a = number_or_percent(a, 1.0)?;
        if a < 1.0 {
            return if a == 0.0 {
                Some(Color::Transparent)
            } else {
                None
            };
        }
    }
    let [a, b, c] = channels;
    match func.trim() {
        "rgb" | "rgba" => Some(Color::Rgb(Rgb {
            r: channel(number_or_percent(a, 255.0)?),
            g: channel(number_or_percent(b, 255.0)?),
            b: channel(number_or_percent(c, 255.0)?),
        })),
        "hsl" | "hsla" => {
            let h = a.trim_end_matches("deg").parse::<f64>().ok()?;
            let s = number_or_percent(b, 100.0)?.clamp(0.0, 1.0);
            let l = number_or_percent(c, 100.0)?.clamp(0.0, 1.0);
            Some(Color::Rgb(hsl_to_rgb(h, s, l)))
        }
        _ => None,
    }
}

fn parse_hex(hex: &str) -> Option<Rgb> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let d = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
    let short = |i: usize| d(i, 1).map(|v| v * 17);
    match hex.len() {
        3 => Some(Rgb {
            r: short(0)?,
            g: short(1)?,
            b: short(2)?,
        }),
        4 if &hex[3..] == "f" => Some(Rgb {
            r: short(0)?,
            g: short(1)?,
            b: short(2)?,
        }),
        6 => Some(Rgb {
            r: d(0, 2)?,
            g: d(2, 2)?,
            b: d(4, 2)?,
        }),
        8 if &hex[6..] == "ff" => Some(Rgb {
            r: d(0, 2)?,
            g: d(2, 2)?,
            b: d(4, 2)?,
        }),
        _ => None,
    }
}

fn named(v: &str) -> Option<Rgb> {
    let hex = match v {
        "black" => "000000",
        "silver" => "c0c0c0",
        "gray" | "grey" => "808080",
        "white" => "ffffff",
        "maroon" => "800000",
        "red" => "ff0000",
        "purple" => "800080",
        "fuchsia" => "ff00ff",
        "green" => "008000",
        "lime" => "00ff00",
        "olive" => "808000",
        "yellow" => "ffff00",
        "navy" => "000080",
        "blue" => "0000ff",
        "teal" => "008080",
        "aqua" => "00ffff",
        _ => return None,
    };
    parse_hex(hex)
}

/// `a, b, c[, alpha]` or `a b c [/ alpha]`.
fn split_args(args: &str) -> Option<([&str; 3], Option<&str>)> {
    let (main, slash_alpha) = match args.split_once('/') {
        Some((m, a)) => (m, Some(a.trim())),
        None => (args, None),
    };
    let parts: Vec<&str> = if main.contains(',') {
        main.split(',').map(str::trim).collect()
    } else {
        main.split_whitespace().collect()
    };
    match (parts.as_slice(), slash_alpha) {
        ([a, b, c], alpha) => Some(([a, b, c], alpha)),
        ([a, b, c, alpha], None) if main.contains(',') => Some(([a, b, c], Some(alpha))),
        _ => None,
    }
}

/// `50%` → 0.5; a plain number is divided by `scale`.
fn number_or_percent(s: &str, scale: f64) -> Option<f64> {
    let s = s.trim();
    let v = match s.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().ok()? / 100.0,
        None => s.parse::<f64>().ok()? / scale,
    };
    v.is_finite().then_some(v)
}

fn channel(v: f64) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

fn hsl_to_rgb(h: f64, s: f64, l: f64) -> Rgb {
    let h = h.rem_euclid(360.0) / 360.0;
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let p = 2.0 * l - q;
    let f = |t: f64| {
        let t = t.rem_euclid(1.0);
        if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        }
    };
    Rgb {
        r: channel(f(h + 1.0 / 3.0)),
        g: channel(f(h)),
        b: channel(f(h - 1.0 / 3.0)),
    }
}

/// WCAG 2.x relative luminance.
pub fn relative_luminance(c: Rgb) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}

/// WCAG 2.x contrast ratio, from 1.0 to 21.0.
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// One colour pair on our pages that must stand out enough.
struct Pair {
    /// The text or the edge.
    fg: &'static str,
    /// For an edge: the fill of the same control. The control stands out when its edge or its
    /// fill does (a black button needs no border on a white page).
    fg_else: Option<&'static str>,
    /// What it stands on; when that is `transparent`, `behind` shows through.
    bg: &'static str,
    behind: &'static str,
    min: f64,
    nl: &'static str,
    en: &'static str,
}

const PAGE: &str = "--utrecht-document-background-color";

const fn text(fg: &'static str, bg: &'static str, nl: &'static str, en: &'static str) -> Pair {
    Pair {
        fg,
        fg_else: None,
        bg,
        behind: PAGE,
        min: 4.5,
        nl,
        en,
    }
}

/// Text on a control in the page footer: a transparent control shows the footer.
const fn in_footer(p: Pair) -> Pair {
    Pair {
        behind: "--utrecht-page-footer-background-color",
        ..p
    }
}

const fn edge(
    fg: &'static str,
    fg_else: Option<&'static str>,
    bg: &'static str,
    nl: &'static str,
    en: &'static str,
) -> Pair {
    Pair {
        fg,
        fg_else,
        bg,
        behind: PAGE,
        min: 3.0,
        nl,
        en,
    }
}

/// The pairs we check. Text needs 4.5:1 (headings, which are large and bold, 3:1); edges of
/// controls and the focus outline need 3:1 (WCAG 2.2 SC 1.4.3 and 1.4.11).
const PAIRS: &[Pair] = &[
    text("--utrecht-document-color", PAGE, "De gewone tekst tegen de achtergrond van de pagina", "Body text against the page background"),
    edge("--utrecht-heading-color", None, PAGE, "De koppen tegen de achtergrond van de pagina", "Headings against the page background"),
    text("--utrecht-paragraph-lead-color", PAGE, "De inleiding tegen de achtergrond van de pagina", "Lead paragraph against the page background"),
    text("--nl-link-color", PAGE, "Een link tegen de achtergrond van de pagina", "Links against the page background"),
    text("--nl-link-hover-color", PAGE, "Een link onder de muis tegen de achtergrond van de pagina", "Hovered links against the page background"),
    text("--utrecht-link-visited-color", PAGE, "Een bezochte link tegen de achtergrond van de pagina", "Visited links against the page background"),
    edge("--utrecht-focus-outline-color", None, PAGE, "De focusrand (die laat zien waar u met het toetsenbord bent) tegen de achtergrond van de pagina", "Focus outline against the page background"),
    text("--nl-button-primary-color", "--nl-button-primary-background-color", "De tekst van de hoofdknop tegen de achtergrond van de hoofdknop", "Primary button text against the primary button background"),
    text("--utrecht-button-primary-action-hover-color", "--utrecht-button-primary-action-hover-background-color", "De tekst van de hoofdknop onder de muis tegen zijn achtergrond", "Hovered primary button text against its background"),
    edge("--nl-button-primary-border-color", Some("--nl-button-primary-background-color"), PAGE, "De hoofdknop tegen de achtergrond van de pagina", "Primary button edge against the page background"),
    text("--nl-button-secondary-color", "--nl-button-secondary-background-color", "De tekst van de tweede knop tegen de achtergrond van de tweede knop", "Secondary button text against the secondary button background"),
    edge("--nl-button-secondary-border-color", Some("--nl-button-secondary-background-color"), PAGE, "De rand van de tweede knop tegen de achtergrond van de pagina", "Secondary button edge against the page background"),
    text("--nl-button-subtle-color", "--nl-button-subtle-background-color", "De tekst van de rustige knop (zoals Uitloggen) tegen zijn achtergrond", "Subtle button text against its background"),
    text("--utrecht-button-primary-action-danger-color", "--utrecht-button-primary-action-danger-background-color", "De tekst van de knop om iets te verwijderen tegen zijn achtergrond", "Danger button text against its background"),
    in_footer(text("--utrecht-button-color", "--utrecht-button-background-color", "De tekst van de taalknop tegen zijn achtergrond", "Language button text against its background")),
    in_footer(text("--utrecht-button-pressed-color", "--utrecht-button-pressed-background-color", "De tekst van de gekozen taalknop tegen zijn achtergrond", "Pressed button text against its background")),
    text("--utrecht-textbox-color", "--utrecht-textbox-background-color", "De tekst in een invulveld tegen de achtergrond van het invulveld", "Form field text against the form field background"),
    edge("--utrecht-textbox-border-color", None, "--utrecht-textbox-background-color", "De rand van een invulveld tegen de achtergrond van het invulveld", "Form field border against the form field background"),
    edge("--utrecht-textbox-invalid-border-color", None, "--utrecht-textbox-background-color", "De rand van een fout ingevuld veld tegen de achtergrond van het invulveld", "Invalid form field border against the form field background"),
    text("--utrecht-textbox-placeholder-color", "--utrecht-textbox-background-color", "De voorbeeldtekst in een invulveld tegen de achtergrond van het invulveld", "Placeholder text against the form field background"),
    edge("--utrecht-checkbox-checked-background-color", None, PAGE, "Een aangevinkt vakje tegen de achtergrond van de pagina", "Checked checkbox against the page background"),
    text("--utrecht-form-field-description-color", PAGE, "De uitleg bij een invulveld tegen de achtergrond van de pagina", "Form field description against the page background"),
    text("--utrecht-form-field-error-message-color", PAGE, "Een foutmelding bij een invulveld tegen de achtergrond van de pagina", "Form field error message against the page background"),
    text("--utrecht-page-header-color", "--utrecht-page-header-background-color", "De tekst en links in de balk bovenaan tegen de achtergrond van die balk", "Page header text against the page header background"),
    text("--utrecht-page-footer-color", "--utrecht-page-footer-background-color", "De tekst en links onderaan de pagina tegen de achtergrond daarvan", "Page footer text and links against the page footer background"),
    text("--nl-skip-link-color", "--nl-skip-link-background-color", "De link ‘Naar de inhoud’ tegen zijn achtergrond", "Skip link text against its background"),
    text("--utrecht-alert-ok-color", "--utrecht-alert-ok-background-color", "De tekst van een melding tegen de achtergrond van de melding", "Alert (ok) text against its background"),
    text("--utrecht-alert-info-color", "--utrecht-alert-info-background-color", "De tekst van een informatiemelding tegen zijn achtergrond", "Alert (info) text against its background"),
    text("--utrecht-alert-warning-color", "--utrecht-alert-warning-background-color", "De tekst van een waarschuwing tegen zijn achtergrond", "Alert (warning) text against its background"),
    text("--utrecht-alert-error-color", "--utrecht-alert-error-background-color", "De tekst van een foutmelding bovenaan een formulier tegen zijn achtergrond", "Alert (error) text against its background"),
    text("--nl-data-badge-color", "--nl-data-badge-background-color", "De tekst van een label (zoals een thema) tegen de achtergrond van het label", "Badge text against the badge background"),
    text("--utrecht-card-color", "--utrecht-card-background-color", "De tekst op een kaart tegen de achtergrond van de kaart", "Card text against the card background"),
    text("--nl-link-color", "--utrecht-card-background-color", "Een link op een kaart tegen de achtergrond van de kaart", "Links on a card against the card background"),
    text("--utrecht-surface-color", "--utrecht-surface-background-color", "De tekst in een grijs vlak (zoals de cijfers in Beheer) tegen dat vlak", "Text on a surface against the surface background"),
    text("--utrecht-code-block-color", "--utrecht-code-block-background-color", "De tekst in een codeblok tegen zijn achtergrond", "Code block text against its background"),
];

/// A colour pair that does not stand out enough.
#[derive(Clone, Debug, PartialEq)]
pub struct ContrastIssue {
    /// Token of the text or edge.
    pub foreground: &'static str,
    /// Token of what it stands on.
    pub background: &'static str,
    pub ratio: f64,
    pub minimum: f64,
    /// What the pair is, in Dutch and in English.
    pub pair_nl: &'static str,
    pub pair_en: &'static str,
}

impl ContrastIssue {
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Nl => self.message_nl(),
            Lang::En => self.message_en(),
        }
    }

    /// "De tekst van de hoofdknop tegen de achtergrond van de hoofdknop: 3,2:1, minimaal 4,5:1"
    pub fn message_nl(&self) -> String {
        format!(
            "{}: {}:1, minimaal {}:1",
            self.pair_nl,
            ratio_text(self.ratio, ','),
            ratio_text(self.minimum, ',')
        )
    }

    pub fn message_en(&self) -> String {
        format!(
            "{}: {}:1, at least {}:1",
            self.pair_en,
            ratio_text(self.ratio, '.'),
            ratio_text(self.minimum, '.')
        )
    }
}

/// One decimal, rounded down (4.49 must not read as 4.5), without `,0`.
fn ratio_text(v: f64, decimal: char) -> String {
    let tenths = (v * 10.0 + 1e-9).floor() as i64;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}{}{}", tenths / 10, decimal, tenths % 10)
    }
}

/// The colour pairs on our pages that fall short of WCAG 2.2 AA with `tokens` over
/// `defaults`. `var()` references are followed in the theme first, then in the defaults;
/// a colour we cannot work out is skipped, not reported.
pub fn contrast_issues(tokens: &Tokens, defaults: &Tokens) -> Vec<ContrastIssue> {
    let r = Resolver {
        theme: tokens,
        defaults,
        steps: Cell::new(0),
    };
    let mut out = Vec::new();
    for p in PAIRS {
        let bg = match r.color(p.bg) {
            Some(Color::Rgb(c)) => c,
            Some(Color::Transparent) => match r.color(p.behind) {
                Some(Color::Rgb(c)) => c,
                _ => continue,
            },
            None => continue,
        };
        // The best of the edge and the fill: either one makes a control stand out.
        let ratio = std::iter::once(p.fg)
            .chain(p.fg_else)
            .filter_map(|name| match r.color(name) {
                Some(Color::Rgb(c)) => Some(contrast_ratio(c, bg)),
                _ => None,
            })
            .reduce(f64::max);
        let Some(ratio) = ratio else { continue };
        if ratio + 1e-9 < p.min {
            out.push(ContrastIssue {
                foreground: p.fg,
                background: p.bg,
                ratio,
                minimum: p.min,
                pair_nl: p.nl,
                pair_en: p.en,
            });
        }
    }
    out
}

struct Resolver<'a> {
    theme: &'a Tokens,
    defaults: &'a Tokens,
    steps: Cell<usize>,
}

impl Resolver<'_> {
    fn color(&self, name: &str) -> Option<Color> {
        self.steps.set(0);
        parse_color(&self.name(name, 0)?)
    }

    /// The value of `--name` with every `var()` in it replaced; `None` when it is not set,
    /// refers to itself, or goes too deep.
    fn name(&self, name: &str, depth: usize) -> Option<String> {
        let value = self.theme.get(name).or_else(|| self.defaults.get(name))?;
        self.substitute(value, depth + 1)
    }

    fn substitute(&self, value: &str, depth: usize) -> Option<String> {
        if depth > MAX_VAR_DEPTH {
            return None;
        }
        let mut out = String::new();
        let mut rest = value;
        while let Some(i) = find_ascii_ci(rest, "var(") {
            self.steps.set(self.steps.get() + 1);
            if self.steps.get() > MAX_VAR_STEPS {
                return None;
            }
            out.push_str(&rest[..i]);
            let after = &rest[i + 4..];
            let close = matching_paren(after)?;
            let inner = &after[..close];
            let (name, fallback) = match split_top(inner, ',').as_slice() {
                [name] => (name.trim(), None),
                [name, ..] => (name.trim(), Some(inner[name.len() + 1..].trim())),
                [] => return None,
            };
            let replaced = match self.name(name, depth) {
                Some(v) => v,
                None => self.substitute(fallback?, depth + 1)?,
            };
            out.push_str(&replaced);
            if out.len() > MAX_RESOLVED_LEN {
                return None;
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Some(out.trim().to_string())
    }
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Index of the `)` that closes an already opened `(`.
fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 1;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

// ---- what is served ----

/// Every custom property name `--x` that `var(--x …)` reads in `text`.
fn var_names(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let i = find_ascii_ci(rest, "var(")?;
        let after = rest[i + 4..].trim_start();
        rest = &rest[i + 4..];
        if let Some(name) = after.strip_prefix("--") {
            let end = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(name.len());
            return Some(&after[..end + 2]);
        }
    })
}

/// The names our pages read: every `var(--…)` in `static/app.css` (its first rule, our
/// defaults, included) and the names that rule declares.
fn names_we_read() -> &'static std::collections::HashSet<String> {
    static NAMES: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        var_names(APP_CSS)
            .map(str::to_string)
            .chain(defaults().iter().map(|(n, _)| n.to_string()))
            .collect()
    })
}

/// Only the tokens our pages can read: those our stylesheet names, and those their values
/// refer to (`var()`), followed to the end. A token package carries far more (Utrecht's has
/// 1,240 tokens, 85 KB); the rest would be sent to every visitor and never used. The contrast
/// check and the stored file keep everything; this is for what is served.
pub fn used_subset(tokens: &Tokens) -> Tokens {
    let read = names_we_read();
    let mut keep: std::collections::HashSet<&str> = tokens
        .iter()
        .map(|(n, _)| n)
        .filter(|n| read.contains(*n))
        .collect();
    let mut queue: Vec<&str> = keep.iter().copied().collect();
    while let Some(name) = queue.pop() {
        let Some(value) = tokens.get(name) else {
            continue;
        };
        for r in var_names(value) {
            if let Some((n, _)) = tokens.index.get_key_value(r) {
                if keep.insert(n.as_str()) {
                    queue.push(n.as_str());
                }
            }
        }
    }
    let mut out = Tokens::new();
    for (n, v) in tokens.iter().filter(|(n, _)| keep.contains(n)) {
        out.set(n.to_string(), v.to_string());
    }
    out
}

/// What `/thema.css` serves for a stored theme (`render_css` of the whole file): the used
/// subset, rendered. Cached by content, so a theme is worked out once per process.
pub fn served_css(stored: &str) -> std::sync::Arc<str> {
    use sha2::{Digest, Sha256};
    use std::sync::{Arc, Mutex};
    static CACHE: OnceLock<Mutex<HashMap<[u8; 32], Arc<str>>>> = OnceLock::new();
    let key: [u8; 32] = Sha256::digest(stored.as_bytes()).into();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return hit;
    }
    let out: Arc<str> = match parse_tokens(stored) {
        Ok(t) => render_css(&used_subset(&t)).into(),
        // Stored files were checked when saved; should one not parse, send nothing of it.
        Err(_) => "".into(),
    };
    if let Ok(mut c) = cache.lock() {
        if c.len() >= 64 {
            c.clear();
        }
        c.insert(key, out.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_comments(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("/*") {
            out.push_str(&rest[..i]);
            match rest[i + 2..].find("*/") {
                Some(j) => rest = &rest[i + 2 + j + 2..],
                None => return out,
            }
        }
        out.push_str(rest);
        out
    }

    fn err(css: &str) -> ThemeError {
        parse_tokens(css).expect_err("should be refused")
    }

    /// An excerpt of `dist/theme.css` from the npm package
    /// `@nl-design-system-unstable/voorbeeld-design-tokens` 7.4.1 (NL Design System's example
    /// theme), licensed under the EUPL-1.2 like meedoen. Lines copied as published, including
    /// the generated comments.
    const VOORBEELD: &str = r#"/**
 * Do not edit directly, this file was auto-generated.
 */

.voorbeeld-theme {
  --rhc-navigation-list-item-content-row-gap: var(--basis-space-row-sm); /* [code-only] */
  --nl-link-color: var(--basis-color-action-2-color-default);
  --nl-button-primary-color: var(--basis-color-action-1-inverse-color-default);
  --nl-button-primary-background-color: var(--basis-color-action-1-inverse-bg-default);
  --basis-focus-inverse-outline-color: #ffffff;
  --basis-focus-outline-color: #0b0c0c;
  --basis-color-action-1-inverse-color-default: var(--basis-color-accent-1-inverse-color-default);
  --basis-color-action-1-inverse-bg-default: var(--voorbeeld-kleuren-violet-500);
  --basis-color-accent-1-inverse-color-default: var(--voorbeeld-kleuren-wit);
  --basis-color-action-2-color-default: var(--voorbeeld-kleuren-blauw-500);
  --basis-color-default-color-document: var(--voorbeeld-kleuren-grijs-700);
  --basis-text-font-family-default: 'Noto Sans', sans-serif;
  --voorbeeld-kleuren-wit: #ffffff;
  --voorbeeld-kleuren-blauw-500: #00568b;
  --voorbeeld-kleuren-grijs-700: #001a40;
  --voorbeeld-kleuren-violet-500: #5115ef;
}
"#;

    /// An excerpt of `dist/index.css` from the npm package
    /// `@gemeente-denhaag/design-tokens-components` 4.1.0, licensed under the EUPL-1.2.
    /// Den Haag writes colours as `hsl()`.
    const DENHAAG: &str = r#"/**
 * Do not edit directly, this file was auto-generated.
 */

:root {
  --denhaag-space-block-3xs: .125rem; /* Extra Small 3 */
  --denhaag-space-block-2xs: .25rem; /* Extra Small 2 */
  --denhaag-color-green-3: hsl(138 58% 33%);
  --denhaag-color-blue-3: hsl(207 80% 35%);
  --denhaag-color-grey-3: hsl(0 0% 48%);
  --denhaag-color-grey-5: hsla(0, 0%, 18%, 1);
  --denhaag-color-white: hsl(0 0% 100%);
  --utrecht-button-primary-action-background-color: var(--denhaag-color-green-3);
  --utrecht-document-background-color: var(--denhaag-color-white);
  --utrecht-document-color: var(--denhaag-color-grey-5);
  --utrecht-link-color: var(--denhaag-color-blue-3);
  --utrecht-textbox-border-color: var(--denhaag-color-grey-3);
}
"#;

    #[test]
    fn accepts_real_package_excerpts() {
        let v = parse_tokens(VOORBEELD).unwrap();
        assert_eq!(v.len(), 16);
        assert_eq!(
            v.get("--nl-link-color"),
            Some("var(--basis-color-action-2-color-default)")
        );
        assert_eq!(
            v.get("--basis-text-font-family-default"),
            Some("'Noto Sans', sans-serif")
        );
        assert_eq!(
            v.get("--rhc-navigation-list-item-content-row-gap"),
            Some("var(--basis-space-row-sm)")
        );
        let d = parse_tokens(DENHAAG).unwrap();
        assert_eq!(d.get("--denhaag-space-block-3xs"), Some(".125rem"));
        assert_eq!(
            d.iter().next(),
            Some(("--denhaag-space-block-3xs", ".125rem"))
        );
    }

    #[test]
    fn real_excerpts_resolve_and_are_checked() {
        let defaults = defaults();
        let v = parse_tokens(VOORBEELD).unwrap();
        let r = Resolver {
            theme: &v,
            defaults: &defaults,
            steps: Cell::new(0),
        };
        assert_eq!(
            r.color("--nl-button-primary-background-color"),
            Some(Color::Rgb(Rgb {
                r: 0x51,
                g: 0x15,
                b: 0xef
            }))
        );
        assert_eq!(
            r.color("--nl-button-primary-color"),
            Some(Color::Rgb(Rgb {
                r: 255,
                g: 255,
                b: 255
            }))
        );
        // Voorbeeld sets --nl-link-color only; our --utrecht-* default must not shadow it.
        assert_eq!(r.color("--nl-link-color"), parse_color("#00568b"));
        assert!(
            contrast_issues(&v, &defaults).is_empty(),
            "{:?}",
            contrast_issues(&v, &defaults)
        );
        let d = parse_tokens(DENHAAG).unwrap();
        let r = Resolver {
            theme: &d,
            defaults: &defaults,
            steps: Cell::new(0),
        };
        assert_eq!(
            r.color("--utrecht-document-background-color"),
            parse_color("#fff")
        );
        // The old --nl-* default follows the theme's --utrecht-* name.
        assert_eq!(r.color("--nl-link-color"), r.color("--utrecht-link-color"));
        assert!(
            contrast_issues(&d, &defaults).is_empty(),
            "{:?}",
            contrast_issues(&d, &defaults)
        );
    }

    #[test]
    fn flattens_blocks_keeps_order_and_last_value() {
        let t = parse_tokens(
            "--a: 1px;\n:root { --b: red; --a: 2px }\n.utrecht-theme,\nhtml.x-theme { --c: 3 ;; }\n:where(:root) {--b:blue}",
        )
        .unwrap();
        assert_eq!(
            t.iter().collect::<Vec<_>>(),
            vec![("--a", "2px"), ("--b", "blue"), ("--c", "3")]
        );
    }

    #[test]
    fn comments_and_whitespace_in_values() {
        let t = parse_tokens(
            "/* a } { ; url( */ :root { --x: 1px /* c */ solid   red; /* after */ --y : a ; }",
        )
        .unwrap();
        assert_eq!(t.get("--x"), Some("1px solid red"));
        assert_eq!(t.get("--y"), Some("a"));
    }

    #[test]
    fn refuses_forbidden_patterns_with_their_line() {
        let cases: &[(&str, &str)] = &[
            ("url(", "--a: url(https://example.org/x.png);"),
            ("url(", "--a: URL(x.png);"),
            ("@import", "--a: @import 'x';"),
            ("</style", "--a: </STYLE><script>;"),
            ("expression(", "--a: expression(alert(1));"),
            ("javascript:", "--a: JavaScript:alert(1);"),
            ("\\", "--a: \\75 rl(x);"),
            ("{", "--a: a { b;"),
            ("}", "--a: 'a}b';"),
            (";", "--a: 'a;b';"),
            (";", "--a: f(a;b);"),
            ("<", "--a: 1 < 2;"),
            ("image-set(", "--a: image-set('x.png' 1x);"),
            ("image-set(", "--a: -webkit-image-set('x.png' 1x);"),
            ("url(", "--a: url(\"data:image/svg+xml;utf8,<svg/>\");"),
            ("url(", "--a: linear-gradient(red, blue), url(x);"),
        ];
        for (found, decl) in cases {
            let css = format!(":root {{\n  --ok: 1px;\n\n  {decl}\n}}\n");
            assert_eq!(
                err(&css),
                ThemeError::Forbidden { line: 4, found },
                "{decl}"
            );
        }
        assert_eq!(
            err("\n@import url(x.css);"),
            ThemeError::Forbidden {
                line: 2,
                found: "@import"
            }
        );
        assert_eq!(
            err(":root { --a: 1;\n --b: </style>; }"),
            ThemeError::Forbidden {
                line: 2,
                found: "</style"
            }
        );
    }

    #[test]
    fn refuses_control_characters() {
        assert_eq!(
            err(":root {\n --a: re\u{0}d; }"),
            ThemeError::ControlCharacter { line: 2, code: 0 }
        );
        assert_eq!(
            err(":root {\n\n --a: a\u{1b}b; }"),
            ThemeError::ControlCharacter {
                line: 3,
                code: 0x1b
            }
        );
        assert!(parse_tokens(":root {\r\n\t--a: b;\r\n}").is_ok());
    }

    #[test]
    fn refuses_what_is_not_a_custom_property() {
        assert_eq!(
            err(":root {\n  color: red;\n}"),
            ThemeError::NotADeclaration {
                line: 2,
                text: "color: red".into()
            }
        );
        assert_eq!(
            err("color: red;"),
            ThemeError::NotADeclaration {
                line: 1,
                text: "color: red".into()
            }
        );
        assert_eq!(
            err("body { --a: 1; }\n.x a { --b: 2; }"),
            ThemeError::UnsupportedSelector {
                line: 2,
                selector: ".x a".into()
            }
        );
        assert_eq!(
            err("\n\n#id { --a: 1 }"),
            ThemeError::UnsupportedSelector {
                line: 3,
                selector: "#id".into()
            }
        );
        assert_eq!(
            err("@media (min-width: 35em) {\n :root { --a: 1 } }"),
            ThemeError::AtRule {
                line: 1,
                rule: "@media".into()
            }
        );
        assert_eq!(
            err("@font-face { font-family: x }"),
            ThemeError::AtRule {
                line: 1,
                rule: "@font-face".into()
            }
        );
        assert_eq!(
            err(":root {\n .x { --a: 1 } }"),
            ThemeError::NestedBlock { line: 2 }
        );
        assert_eq!(
            err(":root { --a: 1 }\n}"),
            ThemeError::UnexpectedClose { line: 2 }
        );
        assert_eq!(
            err(":root {\n --a: 1;\n"),
            ThemeError::UnclosedBlock { line: 1 }
        );
        assert_eq!(
            err(":root { --a: 1 }\n/* open"),
            ThemeError::UnclosedComment { line: 2 }
        );
        assert_eq!(
            err(":root {\n --a: 'open;\n}"),
            ThemeError::Forbidden {
                line: 2,
                found: ";"
            }
        );
        assert_eq!(
            err(":root {\n --a: 'open\n}"),
            ThemeError::UnclosedString { line: 2 }
        );
        // An empty value is valid CSS (Den Haag's package has one); it is kept as it is.
        let empty = parse_tokens(":root {\n --a: ; --b:; }").unwrap();
        assert_eq!(empty.get("--a"), Some(""));
        assert_eq!(render_css(&empty), ":root {\n  --a: ;\n  --b: ;\n}\n");
        assert_eq!(
            err(":root {\n --a 1; }"),
            ThemeError::NotADeclaration {
                line: 2,
                text: "--a 1".into()
            }
        );
    }

    #[test]
    fn refuses_bad_names() {
        for (name, css) in [
            ("--Brand-Color", ":root {\n --Brand-Color: red; }"),
            ("--a_b", ":root {\n --a_b: red; }"),
            ("--é", ":root {\n --é: red; }"),
            ("--", ":root {\n --: red; }"),
        ] {
            assert_eq!(
                err(css),
                ThemeError::InvalidName {
                    line: 2,
                    name: name.into()
                },
                "{css}"
            );
        }
    }

    #[test]
    fn size_and_count_limits() {
        let big = format!(":root {{ --a: {}; }}", "x".repeat(MAX_BYTES));
        assert_eq!(
            err(&big),
            ThemeError::TooLarge {
                size: big.len(),
                max: MAX_BYTES
            }
        );
        let mut ok = String::from(":root {\n");
        for i in 0..MAX_DECLARATIONS {
            ok.push_str(&format!("--t{i}: {i};\n"));
        }
        assert!(ok.len() < MAX_BYTES);
        assert_eq!(
            parse_tokens(&format!("{ok}}}")).unwrap().len(),
            MAX_DECLARATIONS
        );
        // A repeated name still counts: the file is what we limit.
        let over = format!("{ok}--t0: again;\n}}");
        assert_eq!(
            err(&over),
            ThemeError::TooManyDeclarations {
                line: MAX_DECLARATIONS + 2,
                max: MAX_DECLARATIONS
            }
        );
    }

    #[test]
    fn messages_in_dutch_and_english() {
        let e = ThemeError::Forbidden {
            line: 12,
            found: "url(",
        };
        assert_eq!(
            e.message(Lang::Nl),
            "Regel 12: `url(` is niet toegestaan in een themabestand. Gebruik alleen kleuren, maten en lettertypen."
        );
        assert_eq!(
            e.message(Lang::En),
            "Line 12: `url(` is not allowed in a theme file. Use only colours, sizes and fonts."
        );
        assert_eq!(e.line(), Some(12));
        let big = ThemeError::TooLarge {
            size: 300 * 1024,
            max: MAX_BYTES,
        };
        assert_eq!(
            big.message_nl(),
            "Het themabestand is 300 KB. Het mag maximaal 256 KB zijn."
        );
        assert_eq!(big.line(), None);
    }

    #[test]
    fn render_is_one_root_block_that_parses_back() {
        let t = parse_tokens(VOORBEELD).unwrap();
        let css = render_css(&t);
        assert!(css.starts_with(
            ":root {\n  --rhc-navigation-list-item-content-row-gap: var(--basis-space-row-sm);\n"
        ));
        assert!(css.ends_with("}\n"));
        assert_eq!(css.matches('{').count(), 1);
        assert_eq!(parse_tokens(&css).unwrap(), t);
        assert_eq!(render_css(&Tokens::new()), ":root {\n}\n");
    }

    #[test]
    fn parses_colours() {
        let rgb = |r, g, b| Some(Color::Rgb(Rgb { r, g, b }));
        assert_eq!(parse_color("#fff"), rgb(255, 255, 255));
        assert_eq!(parse_color("#C4001A"), rgb(196, 0, 26));
        assert_eq!(parse_color("#c4001aff"), rgb(196, 0, 26));
        assert_eq!(parse_color("#c4001a80"), None);
        assert_eq!(parse_color("#abcf"), rgb(0xaa, 0xbb, 0xcc));
        assert_eq!(parse_color("#abc8"), None);
        assert_eq!(parse_color("#12345"), None);
        assert_eq!(parse_color("#ggg"), None);
        assert_eq!(parse_color("rgb(29, 59, 110)"), rgb(29, 59, 110));
        assert_eq!(parse_color("rgb(29 59 110)"), rgb(29, 59, 110));
        assert_eq!(parse_color("RGBA(29, 59, 110, 1)"), rgb(29, 59, 110));
        assert_eq!(parse_color("rgb(29 59 110 / 100%)"), rgb(29, 59, 110));
        assert_eq!(parse_color("rgb(100%, 0%, 50%)"), rgb(255, 0, 128));
        assert_eq!(parse_color("rgba(29, 59, 110, .08)"), None);
        assert_eq!(parse_color("rgb(29 59 110 / 0)"), Some(Color::Transparent));
        assert_eq!(parse_color("hsl(0 0% 100%)"), rgb(255, 255, 255));
        assert_eq!(parse_color("hsla(0, 0%, 18%, 1)"), rgb(46, 46, 46));
        assert_eq!(parse_color("hsl(120deg 100% 25%)"), rgb(0, 128, 0));
        assert_eq!(parse_color("navy"), rgb(0, 0, 128));
        assert_eq!(parse_color(" White "), rgb(255, 255, 255));
        assert_eq!(parse_color("transparent"), Some(Color::Transparent));
        for v in [
            "currentcolor",
            "inherit",
            "color-mix(in srgb, red, blue)",
            "rebeccapurple",
            "var(--x)",
            "",
        ] {
            assert_eq!(parse_color(v), None, "{v}");
        }
    }

    #[test]
    fn known_contrast_ratios() {
        let c = |s: &str| match parse_color(s) {
            Some(Color::Rgb(c)) => c,
            _ => panic!("{s}"),
        };
        assert!((contrast_ratio(c("#000"), c("#fff")) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(c("#fff"), c("#000")) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(c("#767676"), c("#fff")) - 4.54).abs() < 0.01);
        assert!((contrast_ratio(c("#777"), c("#fff")) - 4.48).abs() < 0.01);
        assert!((contrast_ratio(c("#abc"), c("#abc")) - 1.0).abs() < 1e-9);
        assert_eq!(ratio_text(4.4999, ','), "4,4");
        assert_eq!(ratio_text(3.0, ','), "3");
        assert_eq!(ratio_text(21.0, '.'), "21");
    }

    #[test]
    fn var_references_fallbacks_and_cycles() {
        let defaults =
            parse_tokens(":root { --d: #000; --chain: var(--theme-only); --own: var(--d) }")
                .unwrap();
        let theme = parse_tokens(
            ":root {
              --a: var(--b); --b: var(--c); --c: #fff;
              --fb: var(--nope, var(--also-nope, #123456));
              --loop1: var(--loop2); --loop2: var(--loop1);
              --loop-fb: var(--loop1, red);
              --self: var(--self);
              --theme-only: white;
              --d: #111;
            }",
        )
        .unwrap();
        let r = Resolver {
            theme: &theme,
            defaults: &defaults,
            steps: Cell::new(0),
        };
        assert_eq!(r.color("--a"), parse_color("#fff"));
        assert_eq!(r.color("--fb"), parse_color("#123456"));
        assert_eq!(r.color("--loop1"), None);
        assert_eq!(r.color("--self"), None);
        assert_eq!(r.color("--loop-fb"), parse_color("red"));
        // Defaults refer to the theme, and the theme overrides defaults.
        assert_eq!(r.color("--chain"), parse_color("white"));
        assert_eq!(r.color("--own"), parse_color("#111"));
        assert_eq!(r.color("--missing"), None);
    }

    #[test]
    fn used_subset_keeps_what_our_pages_read_and_its_references() {
        let t = parse_tokens(
            ".x-theme {\n  --x-brand-blue: #0b4f8a;\n  --x-brand-unused: #123456;\n  --x-deep: var( --x-brand-blue );\n  \
             --utrecht-button-primary-action-background-color: var(--x-deep, red);\n  --x-not-read: 3px;\n  \
             --utrecht-document-color: #111111;\n}\n",
        )
        .unwrap();
        let used = used_subset(&t);
        let names: Vec<&str> = used.iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "--x-brand-blue",
                "--x-deep",
                "--utrecht-button-primary-action-background-color",
                "--utrecht-document-color"
            ],
            "order kept, unused tokens dropped"
        );
        let css = served_css(&render_css(&t));
        assert!(
            css.contains("--x-deep: var( --x-brand-blue );")
                || css.contains("--x-deep: var(--x-brand-blue);"),
            "{css}"
        );
        assert!(!css.contains("--x-not-read") && !css.contains("#123456"));
        // A cycle ends.
        let c = parse_tokens(
            "--utrecht-document-color: var(--x-a); --x-a: var(--x-b); --x-b: var(--x-a);",
        )
        .unwrap();
        assert_eq!(used_subset(&c).len(), 3);
    }

    #[test]
    fn var_blowup_is_bounded() {
        // Each level refers to the next one ten times: 10^15 look-ups without a budget.
        let mut css = String::from(":root {\n");
        for i in 0..15 {
            let next = format!("var(--l{}) ", i + 1);
            css.push_str(&format!("--l{i}: {};\n", next.repeat(10)));
        }
        css.push_str("--l15: #fff;\n}");
        let t = parse_tokens(&css).unwrap();
        let r = Resolver {
            theme: &t,
            defaults: &Tokens::new(),
            steps: Cell::new(0),
        };
        assert_eq!(r.color("--l0"), None);
    }

    #[test]
    fn contrast_issues_name_the_pair() {
        let theme = parse_tokens(":root { --utrecht-button-primary-action-background-color: #ff8080; --utrecht-focus-outline-color: #eee; --nl-link-color: var(--nope); }").unwrap();
        let issues = contrast_issues(&theme, &defaults());
        let msgs: Vec<String> = issues.iter().map(|i| i.message(Lang::Nl)).collect();
        assert!(
            msgs.contains(&"De tekst van de hoofdknop tegen de achtergrond van de hoofdknop: 2,4:1, minimaal 4,5:1".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("De focusrand") && m.ends_with("1,1:1, minimaal 3:1")),
            "{msgs:?}"
        );
        let en: Vec<String> = issues.iter().map(|i| i.message(Lang::En)).collect();
        assert!(
            en.contains(
                &"Primary button text against the primary button background: 2.4:1, at least 4.5:1"
                    .to_string()
            ),
            "{en:?}"
        );
        // An unresolvable link colour is skipped, not reported.
        assert!(
            !issues.iter().any(|i| i.foreground == "--nl-link-color"),
            "{issues:?}"
        );
        // A control stands out by its fill when its edge does not (Rotterdam's black
        // secondary button has no border colour of its own).
        let black = parse_tokens(":root { --utrecht-button-secondary-action-background-color: #000; --utrecht-button-secondary-action-color: #fff; }").unwrap();
        assert!(contrast_issues(&black, &defaults()).is_empty());
        assert!(parse_tokens(":root { --a: curl(1) }").is_ok());
        // A transparent language button shows the footer it sits in (Rotterdam's is green).
        let footer = parse_tokens(":root { --utrecht-page-footer-background-color: #00811f; --utrecht-page-footer-color: #fff; --utrecht-button-background-color: transparent; --utrecht-button-color: #fff; }").unwrap();
        assert!(contrast_issues(&footer, &defaults()).is_empty());
        // A transparent background is the page behind it.
        let subtle = parse_tokens(":root { --utrecht-document-background-color: #000; --utrecht-document-color: #fff; --utrecht-button-subtle-color: #111; }").unwrap();
        assert!(contrast_issues(&subtle, &defaults())
            .iter()
            .any(|i| i.foreground == "--nl-button-subtle-color"));
    }

    #[test]
    fn our_defaults_parse_and_meet_wcag_aa() {
        let d = defaults();
        assert!(d.len() > 150, "{}", d.len());
        assert_eq!(
            d.get("--utrecht-document-background-color"),
            Some("#ffffff")
        );
        let issues = contrast_issues(&Tokens::new(), &d);
        assert!(
            issues.is_empty(),
            "{:#?}",
            issues
                .iter()
                .map(ContrastIssue::message_en)
                .collect::<Vec<_>>()
        );
        // Every pair resolves with our defaults alone, so none is skipped silently.
        let r = Resolver {
            theme: &Tokens::new(),
            defaults: &d,
            steps: Cell::new(0),
        };
        for p in PAIRS {
            assert!(r.color(p.fg).is_some(), "{}", p.fg);
            assert!(r.color(p.bg).is_some(), "{}", p.bg);
        }
    }

    #[test]
    fn legacy_settings_still_apply() {
        // /thema.css sets these; our defaults fall back to them.
        let legacy =
            parse_tokens(":root { --color-primary: #ffe680; --color-secondary: #0b6e4f; }")
                .unwrap();
        let r = Resolver {
            theme: &legacy,
            defaults: &defaults(),
            steps: Cell::new(0),
        };
        assert_eq!(
            r.color("--nl-button-primary-background-color"),
            parse_color("#ffe680")
        );
        assert_eq!(r.color("--nl-link-color"), parse_color("#0b6e4f"));
        // A light primary colour under white text is reported.
        assert!(contrast_issues(&legacy, &defaults())
            .iter()
            .any(|i| i.foreground == "--nl-button-primary-color"));
    }

    /// The stylesheet keeps the structure this module and docs/THEMING.md rely on.
    #[test]
    fn stylesheet_uses_only_defined_tokens_and_no_literal_colours() {
        let d = defaults();
        let rules = &APP_CSS[first_rule(APP_CSS).len()..];
        let rules = strip_comments(rules);
        let mut rest = rules.as_str();
        while let Some(i) = rest.find("var(--") {
            let name: String = rest[i + 4..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            assert!(d.get(&name).is_some(), "{name} is used but has no default");
            rest = &rest[i + 4..];
        }
        for (i, _) in rules.match_indices('#') {
            let hex: String = rules[i + 1..]
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect();
            assert!(
                hex.len() < 3,
                "a literal colour #{hex} in the rules of static/app.css"
            );
        }
        for f in ["rgb(", "rgba(", "hsl(", "hsla("] {
            assert!(
                !rules.contains(f),
                "a literal colour {f} in the rules of static/app.css"
            );
        }
        assert!(
            APP_CSS.len() < 40 * 1024,
            "static/app.css is {} bytes",
            APP_CSS.len()
        );
        assert!(
            !APP_CSS.contains("url("),
            "no external resources in static/app.css"
        );
    }

    /// Checks real token files, for example from npm packages unpacked elsewhere:
    /// `MEEDOEN_THEME_FILES=a.css:b.css cargo test -p meedoen --lib theme -- --ignored`
    #[test]
    #[ignore]
    fn real_token_files() {
        let files = std::env::var("MEEDOEN_THEME_FILES").unwrap_or_default();
        for path in files.split(':').filter(|p| !p.is_empty()) {
            let css = std::fs::read_to_string(path).unwrap();
            match parse_tokens(&css) {
                Ok(t) => {
                    let issues = contrast_issues(&t, &defaults());
                    println!(
                        "ACCEPTED {path}: {} tokens, {} contrast issues",
                        t.len(),
                        issues.len()
                    );
                    for i in issues {
                        println!("  {}", i.message_en());
                    }
                }
                Err(e) => println!("REFUSED {path}: {e}"),
            }
        }
    }
}
