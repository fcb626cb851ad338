//! Properties of `Money`: its Dutch notation reads back, and the parser never panics.

use domain::money::{Money, MoneyError};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(2_000)
}

/// Amounts of every size: small ones, whole euros, and the full range.
fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![
        0i64..100_000,
        (0i64..1_000_000).prop_map(|e| e * 100),
        0i64..=i64::MAX,
        i64::MIN..=i64::MAX,
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn dutch_notation_reads_back(c in amount()) {
        let m = Money::from_cents(c);
        let text = m.nl();
        if c >= 0 {
            prop_assert_eq!(Money::parse_nl(&text), Ok(m), "{}", text);
        } else {
            prop_assert_eq!(Money::parse_nl(&text), Err(MoneyError::Negative));
        }
    }

    /// Without the grouping dots and the sign, as people type it, too.
    #[test]
    fn plain_typing_reads_back(c in 0i64..=i64::MAX, sign in any::<bool>(), pad in "[ ]{0,3}") {
        let (euros, rest) = (c / 100, c % 100);
        let number = if rest == 0 { euros.to_string() } else { format!("{euros},{rest:02}") };
        let text = if sign { format!("{pad}€{pad}{number}{pad}") } else { format!("{pad}{number}{pad}") };
        prop_assert_eq!(Money::parse_nl(&text), Ok(Money::from_cents(c)));
    }

    /// `nl` and `en` carry the same digits, with the separators swapped.
    #[test]
    fn both_notations_agree(c in amount()) {
        let m = Money::from_cents(c);
        let swapped: String = m
            .en()
            .chars()
            .map(|ch| match ch { ',' => '.', '.' => ',', other => other })
            .collect();
        prop_assert_eq!(m.nl().replace("€ ", "€"), swapped);
    }

    #[test]
    fn parsing_never_panics(s in "\\PC{0,30}") {
        let _ = Money::parse_nl(&s);
    }

    /// Inputs made of the characters that matter, to reach every branch of the parser; any
    /// amount it accepts is one its own notation writes back the same way.
    #[test]
    fn accepted_inputs_are_consistent(s in "[-€ 0-9.,]{0,14}") {
        if let Ok(m) = Money::parse_nl(&s) {
            prop_assert!(!m.is_negative());
            prop_assert_eq!(Money::parse_nl(&m.nl()), Ok(m));
        }
    }

    #[test]
    fn checked_sum_is_exact_or_none(amounts in prop::collection::vec(amount(), 0..6)) {
        let exact: i128 = amounts.iter().map(|c| i128::from(*c)).sum();
        let partials_fit = amounts
            .iter()
            .scan(0i128, |acc, c| { *acc += i128::from(*c); Some(*acc) })
            .all(|p| i64::try_from(p).is_ok());
        let got = Money::checked_sum(amounts.iter().map(|c| Money::from_cents(*c)));
        if partials_fit {
            prop_assert_eq!(got.map(|m| i128::from(m.cents())), Some(exact));
        } else {
            prop_assert_eq!(got, None);
        }
    }
}
