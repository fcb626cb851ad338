//! Euro amounts: one type, [`Money`], in cents, with the Dutch and English notations and a
//! parser for what people type in a form.
//!
//! Cents, because prices have them (a room for € 12,50 per part of the day) and integers keep
//! sums exact. Participatory budgets are set in whole euros; those still arrive here as `i64`
//! euros through [`euros_nl`] and [`euros_en`], and print the same as a whole-euro [`Money`]
//! (no `,00`).

use std::fmt::Write as _;

use thiserror::Error;

/// An amount of money in euro **cents**. Negative amounts exist (a correction, a shortfall);
/// [`Money::parse_nl`] never produces one, because no form asks for them.
///
/// There is no `+`: every sum is [`checked`](Money::checked_add), since amounts come from staff
/// input and an overflow must be an error, not a wrapped number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    /// Whole euros; `None` when `euros * 100` does not fit in an `i64` (beyond about 92
    /// quadrillion euros).
    pub const fn from_euros(euros: i64) -> Option<Money> {
        match euros.checked_mul(100) {
            Some(cents) => Some(Money(cents)),
            None => None,
        }
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub const fn checked_add(self, other: Money) -> Option<Money> {
        match self.0.checked_add(other.0) {
            Some(cents) => Some(Money(cents)),
            None => None,
        }
    }

    pub const fn checked_sub(self, other: Money) -> Option<Money> {
        match self.0.checked_sub(other.0) {
            Some(cents) => Some(Money(cents)),
            None => None,
        }
    }

    /// The sum of `amounts`, [`Money::ZERO`] for none; `None` as soon as the running total
    /// overflows, even if later negative amounts would bring it back in range. Real amounts are
    /// nowhere near that edge; an input that is, is an error whatever its order.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |sum, m| sum.checked_add(m))
    }

    /// Dutch notation: `€ 5.200` for whole euros, `€ 12,50` and `€ 1.234,05` with cents, and
    /// `-€ 200` below zero. A dot groups thousands, a comma separates cents, a space follows the
    /// sign. Whole amounts drop the `,00`, as prices and budgets are written.
    pub fn nl(self) -> String {
        self.render(&NL)
    }

    /// English notation: `€5,200`, `€12.50`, `€1,234.05`, `-€200`.
    pub fn en(self) -> String {
        self.render(&EN)
    }

    fn render(self, notation: &Notation) -> String {
        // `unsigned_abs` keeps `i64::MIN` from overflowing.
        let abs = self.0.unsigned_abs();
        render(notation, self.0 < 0, abs / 100, abs % 100)
    }

    /// Reads an amount as a Dutch person types it in a form: `1250`, `1.250`, `1250,50`,
    /// `1.250,50`, `€ 1.250,50`, `12,5` (twelve euros fifty), `0,99`, `25,-`; spaces around it
    /// and a euro sign before or after are ignored.
    ///
    /// The comma is always the decimal separator, as in Dutch: `1,250` has three decimals and is
    /// refused, not read as 1250. The dot is ambiguous, because people on an English keyboard
    /// type `12.50`:
    /// - a dot followed by exactly three digits groups thousands, the Dutch way: `1.250` and
    ///   `12.500` are whole euros, `1.250.000` too. Groups must be well formed (`1.25.000` and
    ///   `0.250` are refused), so a slip does not pass as a number ten times too large;
    /// - a single dot followed by one or two digits at the end, with no comma anywhere, is a
    ///   decimal point: `12.50` and `12.5` are twelve euros fifty.
    ///
    /// English thousands separators (`1,250.50`) are refused rather than guessed.
    pub fn parse_nl(input: &str) -> Result<Money, MoneyError> {
        parse(input)
    }
}

/// Why [`Money::parse_nl`] refused an input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum MoneyError {
    #[error("no amount given")]
    Empty,
    #[error("the amount is negative")]
    Negative,
    /// A letter or other sign that has no place in an amount (`12 euro`, `1 250`).
    #[error("{ch:?} does not belong in an amount")]
    InvalidCharacter { ch: char },
    #[error("{decimals} decimals, at most 2 allowed")]
    TooManyDecimals { decimals: usize },
    /// Separators in the wrong place: two commas, a comma or dot with no digits before it, badly
    /// grouped thousands.
    #[error("the separators are in the wrong place")]
    Malformed,
    #[error("the amount is too large")]
    Overflow,
}

/// Dutch notation for whole euros: `€ 5.200`. Any `i64` works; amounts too large for
/// [`Money`] in cents (beyond about 92 quadrillion euros) are written directly, the same way.
pub fn euros_nl(amount: i64) -> String {
    match Money::from_euros(amount) {
        Some(money) => money.nl(),
        None => render(&NL, amount < 0, amount.unsigned_abs(), 0),
    }
}

/// English notation for whole euros: `€5,200`. See [`euros_nl`].
pub fn euros_en(amount: i64) -> String {
    match Money::from_euros(amount) {
        Some(money) => money.en(),
        None => render(&EN, amount < 0, amount.unsigned_abs(), 0),
    }
}

struct Notation {
    after_sign: &'static str,
    thousands: char,
    decimal: char,
}

const NL: Notation = Notation {
    after_sign: " ",
    thousands: '.',
    decimal: ',',
};

const EN: Notation = Notation {
    after_sign: "",
    thousands: ',',
    decimal: '.',
};

/// `cents` 0 prints no decimals.
fn render(notation: &Notation, negative: bool, euros: u64, cents: u64) -> String {
    let sign = if negative { "-" } else { "" };
    let mut out = format!(
        "{sign}€{}{}",
        notation.after_sign,
        group(euros, notation.thousands)
    );
    if cents != 0 {
        // Writing to a String cannot fail.
        let _ = write!(out, "{}{cents:02}", notation.decimal);
    }
    out
}

/// Groups digits by three.
fn group(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn parse(input: &str) -> Result<Money, MoneyError> {
    let mut s = input.trim();
    if s.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    if let Some(rest) = s.strip_prefix('€') {
        s = rest.trim_start();
    } else if let Some(rest) = s.strip_suffix('€') {
        s = rest.trim_end();
    }
    if s.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    // `25,-`: whole euros, as price tags write them.
    let s = s.strip_suffix(",-").map_or(s, |whole| {
        // Keep the comma, drop the dash: the rules below read `25,` as 25 euros.
        &s[..whole.len() + 1]
    });
    if let Some(ch) = s
        .chars()
        .find(|c| !c.is_ascii_digit() && *c != '.' && *c != ',')
    {
        return Err(MoneyError::InvalidCharacter { ch });
    }

    let (whole, fraction) = match s.split_once(',') {
        Some((whole, fraction)) => {
            if fraction.contains([',', '.']) {
                return Err(MoneyError::Malformed);
            }
            (whole, fraction)
        }
        None => match s.rsplit_once('.') {
            // A dot and three digits: grouping, read below with the whole part.
            Some((_, after)) if after.len() == 3 => (s, ""),
            // One dot and one or two digits at the end: a decimal point.
            Some((before, after)) if !before.contains('.') && after.len() != 3 => {
                if after.is_empty() {
                    return Err(MoneyError::Malformed);
                }
                (before, after)
            }
            Some(_) => return Err(MoneyError::Malformed),
            None => (s, ""),
        },
    };
    if fraction.len() > 2 {
        return Err(MoneyError::TooManyDecimals {
            decimals: fraction.len(),
        });
    }
    if !well_grouped(whole) {
        return Err(MoneyError::Malformed);
    }
    let euros = digits_value(whole.bytes().filter(|b| *b != b'.'))?;
    let cents = match fraction.len() {
        0 => 0,
        1 => digits_value(fraction.bytes())? * 10,
        _ => digits_value(fraction.bytes())?,
    };
    euros
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .map(Money)
        .ok_or(MoneyError::Overflow)
}

/// Plain digits (`1250`, `007`), or groups of three after a first group of one to three digits
/// that does not start with 0 (`1.250`, `12.500.000`).
fn well_grouped(whole: &str) -> bool {
    let mut groups = whole.split('.');
    let first = groups.next().unwrap_or("");
    if first.is_empty() {
        return false;
    }
    if !whole.contains('.') {
        return true;
    }
    first.len() <= 3 && !first.starts_with('0') && groups.all(|g| g.len() == 3)
}

/// The value of ASCII digits (checked before), or `Overflow`.
fn digits_value(mut digits: impl Iterator<Item = u8>) -> Result<i64, MoneyError> {
    digits.try_fold(0i64, |acc, d| {
        acc.checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(d - b'0')))
            .ok_or(MoneyError::Overflow)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_both_languages() {
        assert_eq!(euros_nl(0), "€ 0");
        assert_eq!(euros_nl(999), "€ 999");
        assert_eq!(euros_nl(5_200), "€ 5.200");
        assert_eq!(euros_nl(50_000), "€ 50.000");
        assert_eq!(euros_nl(1_234_567), "€ 1.234.567");
        assert_eq!(euros_nl(-200), "-€ 200");
        assert_eq!(euros_en(5_200), "€5,200");
        assert_eq!(euros_en(-1_000), "-€1,000");
        assert_eq!(euros_en(i64::MIN), "-€9,223,372,036,854,775,808");
    }
}
