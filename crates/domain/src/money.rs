//! Euro amounts for messages. Amounts are whole euros (`i64`): budgets in participatory
//! budgeting are set and shown in whole euros, and integers keep sums exact.

/// Dutch notation: `€ 5.200` (a dot groups thousands, a space after the sign).
pub fn euros_nl(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}€ {}", group(amount.unsigned_abs(), '.'))
}

/// English notation: `€5,200`.
pub fn euros_en(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}€{}", group(amount.unsigned_abs(), ','))
}

/// Groups digits by three. `unsigned_abs` above keeps `i64::MIN` from overflowing.
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
