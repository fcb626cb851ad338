//! `domain::money`: the notations, the arithmetic, and what `Money::parse_nl` accepts and
//! refuses.

use domain::money::{euros_en, euros_nl, Money, MoneyError};

fn parse(s: &str) -> Result<Money, MoneyError> {
    Money::parse_nl(s)
}

fn cents(c: i64) -> Result<Money, MoneyError> {
    Ok(Money::from_cents(c))
}

#[test]
fn dutch_notation() {
    let nl = |c| Money::from_cents(c).nl();
    assert_eq!(nl(0), "€ 0");
    assert_eq!(nl(520_000), "€ 5.200");
    assert_eq!(nl(1_250), "€ 12,50");
    assert_eq!(nl(123_405), "€ 1.234,05");
    assert_eq!(nl(5), "€ 0,05");
    assert_eq!(nl(99), "€ 0,99");
    assert_eq!(nl(-20_000), "-€ 200");
    assert_eq!(nl(-1_250), "-€ 12,50");
    assert_eq!(nl(-5), "-€ 0,05");
    assert_eq!(nl(100_000_000), "€ 1.000.000");
}

#[test]
fn english_notation() {
    let en = |c| Money::from_cents(c).en();
    assert_eq!(en(0), "€0");
    assert_eq!(en(520_000), "€5,200");
    assert_eq!(en(1_250), "€12.50");
    assert_eq!(en(123_405), "€1,234.05");
    assert_eq!(en(-20_000), "-€200");
    assert_eq!(en(-1_250), "-€12.50");
}

#[test]
fn notation_at_the_edges() {
    assert_eq!(
        Money::from_cents(i64::MAX).nl(),
        "€ 92.233.720.368.547.758,07"
    );
    assert_eq!(
        Money::from_cents(i64::MIN).nl(),
        "-€ 92.233.720.368.547.758,08"
    );
    assert_eq!(
        Money::from_cents(i64::MAX).en(),
        "€92,233,720,368,547,758.07"
    );
    assert_eq!(
        Money::from_cents(i64::MIN).en(),
        "-€92,233,720,368,547,758.08"
    );
}

#[test]
fn whole_euro_functions_still_work() {
    assert_eq!(euros_nl(5_200), "€ 5.200");
    assert_eq!(euros_nl(-200), "-€ 200");
    assert_eq!(euros_en(5_200), "€5,200");
    // Too large for cents, written all the same.
    assert_eq!(euros_nl(i64::MAX), "€ 9.223.372.036.854.775.807");
    assert_eq!(euros_en(i64::MIN), "-€9,223,372,036,854,775,808");
    let largest = i64::MAX / 100;
    assert_eq!(euros_nl(largest), Money::from_euros(largest).unwrap().nl());
    assert_eq!(euros_nl(largest + 1), "€ 92.233.720.368.547.759");
}

#[test]
fn construction_and_arithmetic() {
    assert_eq!(Money::from_euros(12), Some(Money::from_cents(1_200)));
    assert_eq!(Money::from_euros(-3), Some(Money::from_cents(-300)));
    assert_eq!(Money::from_euros(i64::MAX / 100 + 1), None);
    assert_eq!(Money::from_euros(i64::MIN / 100 - 1), None);
    assert_eq!(
        Money::from_euros(i64::MIN / 100),
        Some(Money::from_cents(i64::MIN / 100 * 100))
    );
    assert_eq!(Money::from_cents(1_250).cents(), 1_250);
    assert_eq!(Money::default(), Money::ZERO);
    assert!(Money::from_cents(-1).is_negative());
    assert!(!Money::ZERO.is_negative());

    let a = Money::from_cents(1_250);
    let b = Money::from_cents(50);
    assert_eq!(a.checked_add(b), Some(Money::from_cents(1_300)));
    assert_eq!(b.checked_sub(a), Some(Money::from_cents(-1_200)));
    assert_eq!(
        Money::from_cents(i64::MAX).checked_add(Money::from_cents(1)),
        None
    );
    assert_eq!(
        Money::from_cents(i64::MIN).checked_sub(Money::from_cents(1)),
        None
    );
    assert_eq!(
        Money::from_cents(i64::MIN).checked_add(Money::from_cents(i64::MAX)),
        Some(Money::from_cents(-1))
    );

    assert_eq!(Money::checked_sum([]), Some(Money::ZERO));
    assert_eq!(
        Money::checked_sum([a, b, b]),
        Some(Money::from_cents(1_350))
    );
    assert_eq!(
        Money::checked_sum([Money::from_cents(i64::MAX), Money::from_cents(1)]),
        None
    );
    assert_eq!(
        Money::checked_sum(vec![Money::from_cents(i64::MAX), Money::from_cents(-1)]),
        Some(Money::from_cents(i64::MAX - 1))
    );
    assert!(Money::from_cents(-1) < Money::ZERO);
}

#[test]
fn parses_what_people_type() {
    assert_eq!(parse("1250"), cents(125_000));
    assert_eq!(parse("1.250"), cents(125_000));
    assert_eq!(parse("1250,50"), cents(125_050));
    assert_eq!(parse("1.250,50"), cents(125_050));
    assert_eq!(parse("€ 1.250,50"), cents(125_050));
    assert_eq!(parse("€1.250,50"), cents(125_050));
    assert_eq!(parse("1.250,50 €"), cents(125_050));
    assert_eq!(parse("12,5"), cents(1_250));
    assert_eq!(parse("12,50"), cents(1_250));
    assert_eq!(parse("12,05"), cents(1_205));
    assert_eq!(parse("0,99"), cents(99));
    assert_eq!(parse("0"), cents(0));
    assert_eq!(parse("007"), cents(700));
    assert_eq!(parse("  € 12,50  "), cents(1_250));
    assert_eq!(parse("\u{a0}€\u{a0}5\t"), cents(500));
    assert_eq!(parse("1.000.000"), cents(100_000_000));
    assert_eq!(parse("1.000.000,01"), cents(100_000_001));
    // Price-tag style whole euros.
    assert_eq!(parse("25,-"), cents(2_500));
    assert_eq!(parse("€ 1.250,-"), cents(125_000));
    assert_eq!(parse("25,"), cents(2_500));
}

#[test]
fn a_dot_with_three_digits_groups_and_with_one_or_two_is_a_decimal_point() {
    assert_eq!(parse("12.50"), cents(1_250));
    assert_eq!(parse("12.5"), cents(1_250));
    assert_eq!(parse("0.99"), cents(99));
    assert_eq!(parse("12.500"), cents(1_250_000));
    assert_eq!(parse("€ 12.50"), cents(1_250));
    // No mixing: with a comma present every dot groups thousands.
    assert_eq!(parse("12.50,00"), Err(MoneyError::Malformed));
    // English grouping is refused rather than guessed.
    assert_eq!(parse("1,250.50"), Err(MoneyError::Malformed));
    assert_eq!(parse("1.250.50"), Err(MoneyError::Malformed));
    // Badly grouped thousands.
    assert_eq!(parse("1.25.000"), Err(MoneyError::Malformed));
    assert_eq!(parse("1250.000"), Err(MoneyError::Malformed));
    assert_eq!(parse("0.250"), Err(MoneyError::Malformed));
    assert_eq!(
        parse("1.2500"),
        Err(MoneyError::TooManyDecimals { decimals: 4 })
    );
}

#[test]
fn refusals() {
    assert_eq!(parse(""), Err(MoneyError::Empty));
    assert_eq!(parse("   "), Err(MoneyError::Empty));
    assert_eq!(parse("€"), Err(MoneyError::Empty));
    assert_eq!(parse(" € "), Err(MoneyError::Empty));

    assert_eq!(parse("-5"), Err(MoneyError::Negative));
    assert_eq!(parse("-€ 5"), Err(MoneyError::Negative));
    assert_eq!(parse("€ -5"), Err(MoneyError::Negative));
    assert_eq!(parse(" -0,01"), Err(MoneyError::Negative));
    assert_eq!(parse("-"), Err(MoneyError::Negative));

    assert_eq!(
        parse("12,505"),
        Err(MoneyError::TooManyDecimals { decimals: 3 })
    );
    assert_eq!(
        parse("1,250"),
        Err(MoneyError::TooManyDecimals { decimals: 3 })
    );
    assert_eq!(
        parse("0,0001"),
        Err(MoneyError::TooManyDecimals { decimals: 4 })
    );

    assert_eq!(
        parse("12 euro"),
        Err(MoneyError::InvalidCharacter { ch: ' ' })
    );
    assert_eq!(
        parse("12euro"),
        Err(MoneyError::InvalidCharacter { ch: 'e' })
    );
    assert_eq!(
        parse("twaalf"),
        Err(MoneyError::InvalidCharacter { ch: 't' })
    );
    assert_eq!(
        parse("EUR 12"),
        Err(MoneyError::InvalidCharacter { ch: 'E' })
    );
    assert_eq!(
        parse("1 250"),
        Err(MoneyError::InvalidCharacter { ch: ' ' })
    );
    assert_eq!(parse("+5"), Err(MoneyError::InvalidCharacter { ch: '+' }));
    assert_eq!(parse("5-"), Err(MoneyError::InvalidCharacter { ch: '-' }));
    assert_eq!(parse("1e3"), Err(MoneyError::InvalidCharacter { ch: 'e' }));
    assert_eq!(
        parse("€ 5 €"),
        Err(MoneyError::InvalidCharacter { ch: ' ' })
    );
    assert_eq!(parse("١٢"), Err(MoneyError::InvalidCharacter { ch: '١' }));

    assert_eq!(parse(",50"), Err(MoneyError::Malformed));
    assert_eq!(parse(".50"), Err(MoneyError::Malformed));
    assert_eq!(parse("12."), Err(MoneyError::Malformed));
    assert_eq!(parse("1,2,3"), Err(MoneyError::Malformed));
    assert_eq!(parse(",-"), Err(MoneyError::Malformed));
    assert_eq!(parse("."), Err(MoneyError::Malformed));
    assert_eq!(parse("1..250"), Err(MoneyError::Malformed));
}

#[test]
fn overflow_at_the_edges() {
    assert_eq!(parse("92.233.720.368.547.758,07"), cents(i64::MAX));
    assert_eq!(parse("92233720368547758,07"), cents(i64::MAX));
    assert_eq!(parse("92233720368547758,08"), Err(MoneyError::Overflow));
    assert_eq!(parse("92233720368547759"), Err(MoneyError::Overflow));
    assert_eq!(parse("9223372036854775807"), Err(MoneyError::Overflow));
    assert_eq!(
        parse("99999999999999999999999999"),
        Err(MoneyError::Overflow)
    );
    assert_eq!(parse("00000000000000000000000001"), cents(100));
    assert_eq!(parse(&Money::from_cents(i64::MAX).nl()), cents(i64::MAX));
    // The most negative amount prints, but a form never takes it back.
    assert_eq!(
        parse(&Money::from_cents(i64::MIN).nl()),
        Err(MoneyError::Negative)
    );
}

#[test]
fn error_messages() {
    assert_eq!(
        MoneyError::TooManyDecimals { decimals: 3 }.to_string(),
        "3 decimals, at most 2 allowed"
    );
    assert_eq!(
        MoneyError::InvalidCharacter { ch: 'x' }.to_string(),
        "'x' does not belong in an amount"
    );
}
