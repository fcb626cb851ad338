//! Properties of `domain::calendar`, against oracles written differently: Gauss's Easter
//! algorithm instead of Meeus/Jones/Butcher, and day-by-day walks instead of week arithmetic.

use domain::calendar::{
    add_working_days, deadline, deadline_date, easter_sunday, format_local_input, holiday,
    holidays_in, is_working_day, local_from_utc, parse_local_input, summer_time, utc_from_local,
    working_days_between, Term,
};
use proptest::prelude::*;
use time::{Date, Duration, Month, Weekday};

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(1_000)
}

/// Dates from 1900 to 2200: every weekday, Easter position and clock change many times over.
fn a_date() -> impl Strategy<Value = Date> {
    let first = Date::from_calendar_date(1900, Month::January, 1)
        .unwrap()
        .to_julian_day();
    let last = Date::from_calendar_date(2200, Month::December, 31)
        .unwrap()
        .to_julian_day();
    (first..=last).prop_map(|jd| Date::from_julian_day(jd).unwrap())
}

/// Gauss's Easter algorithm with its two exceptions.
fn gauss_easter(year: i32) -> Date {
    let y = year;
    let a = y % 19;
    let b = y % 4;
    let c = y % 7;
    let k = y / 100;
    let p = (13 + 8 * k) / 25;
    let q = k / 4;
    let m = (15 - p + k - q).rem_euclid(30);
    let n = (4 + k - q).rem_euclid(7);
    let d = (19 * a + m) % 30;
    let e = (2 * b + 4 * c + 6 * d + n) % 7;
    let (month, day) = if d == 29 && e == 6 {
        (Month::April, 19)
    } else if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 {
        (Month::April, 18)
    } else if 22 + d + e <= 31 {
        (Month::March, 22 + d + e)
    } else {
        (Month::April, d + e - 9)
    };
    Date::from_calendar_date(year, month, day as u8).unwrap()
}

fn naive_working_days(from: Date, to: Date) -> i64 {
    let (lo, hi, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut count = 0;
    let mut d = lo;
    while d < hi {
        d = d.next_day().unwrap();
        let weekend = matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
        let listed = holidays_in(d.year()).iter().any(|(h, _)| *h == d);
        if !weekend && !listed {
            count += 1;
        }
    }
    sign * count
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn easter_agrees_with_gauss(year in 1583i32..=9999) {
        let easter = easter_sunday(year).unwrap();
        prop_assert_eq!(easter, gauss_easter(year));
        prop_assert_eq!(easter.weekday(), Weekday::Sunday);
        let earliest = Date::from_calendar_date(year, Month::March, 22).unwrap();
        let latest = Date::from_calendar_date(year, Month::April, 25).unwrap();
        prop_assert!(earliest <= easter && easter <= latest);
    }

    #[test]
    fn added_working_days_land_on_a_working_day(d in a_date(), n in 0u32..400) {
        prop_assert!(is_working_day(add_working_days(d, n)));
    }

    /// The n-th working day after d is n working days after d, for any d.
    #[test]
    fn between_undoes_add(d in a_date(), n in 1u32..400) {
        prop_assert_eq!(working_days_between(d, add_working_days(d, n)), i64::from(n));
    }

    /// On a working day, adding 0 is the day itself, and the days skipped are not working days.
    #[test]
    fn add_skips_only_days_off(d in a_date(), n in 0u32..60) {
        let end = add_working_days(d, n);
        prop_assert!(end >= d);
        if n == 0 && is_working_day(d) {
            prop_assert_eq!(end, d);
        }
        if n > 0 {
            let before = end.previous_day().unwrap();
            prop_assert_eq!(working_days_between(d, before), i64::from(n) - 1);
        }
    }

    #[test]
    fn weekends_are_never_working_days(d in a_date()) {
        let weekend = matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
        if weekend {
            prop_assert!(!is_working_day(d));
        }
        prop_assert_eq!(is_working_day(d), !weekend && holiday(d).is_none());
    }

    #[test]
    fn between_agrees_with_a_day_by_day_count(d in a_date(), span in -800i64..800) {
        let other = d + Duration::days(span);
        let n = working_days_between(d, other);
        prop_assert_eq!(n, naive_working_days(d, other));
        prop_assert_eq!(n, -working_days_between(other, d));
    }

    #[test]
    fn holiday_agrees_with_the_year_list(d in a_date()) {
        let listed = holidays_in(d.year()).into_iter().find(|(day, _)| *day == d);
        prop_assert_eq!(holiday(d), listed.map(|(_, h)| h));
    }

    /// Every year has 9 holidays in date order, each in its own year.
    #[test]
    fn holiday_lists_are_sorted(year in 1583i32..=9999) {
        let list = holidays_in(year);
        prop_assert_eq!(list.len(), 9);
        prop_assert!(list.windows(2).all(|w| w[0] <= w[1]));
        prop_assert!(list.iter().all(|(d, h)| d.year() == year && h.date_in(year) == Some(*d)));
    }

    /// A calendar-day term ends on the first day on or after `start + n` that is a working day
    /// and, for terms of three days or more, leaves at least two working days in the term.
    #[test]
    fn calendar_terms_match_a_day_by_day_search(d in a_date(), n in 0u32..40) {
        let mut end = d + Duration::days(i64::from(n));
        while !is_working_day(end) || (n >= 3 && naive_working_days(d, end) < 2) {
            end = end.next_day().unwrap();
        }
        prop_assert_eq!(deadline_date(d, Term::CalendarDays(n)), end);
    }

    #[test]
    fn working_day_terms_are_add_working_days(d in a_date(), n in 0u32..60) {
        prop_assert_eq!(deadline_date(d, Term::WorkingDays(n)), add_working_days(d, n));
    }

    /// A deadline is the last second of an Amsterdam working day, not before the event.
    #[test]
    fn deadlines_end_a_working_day(
        t in -2_208_988_800i64..7_258_118_400, // 1900 to 2200
        n in 0u32..30,
        working in any::<bool>(),
    ) {
        let term = if working { Term::WorkingDays(n) } else { Term::CalendarDays(n) };
        let due = deadline(t, term);
        prop_assert!(due >= t);
        let local = local_from_utc(due).unwrap();
        prop_assert_eq!((local.hour(), local.minute(), local.second()), (23, 59, 59));
        prop_assert!(is_working_day(local.date()));
        let next = local_from_utc(due + 1).unwrap();
        prop_assert_eq!((next.date(), next.hour(), next.minute()), (local.date().next_day().unwrap(), 0, 0));
    }

    /// UTC → local → UTC is the identity except in the second pass of the autumn hour, which
    /// reads back as the first.
    #[test]
    fn utc_round_trips(t in -2_208_988_800i64..7_258_118_400) {
        let local = local_from_utc(t).unwrap();
        let back = utc_from_local(local);
        let (_, end) = summer_time(local.year()).unwrap();
        if (end..end + 3_600).contains(&t) {
            prop_assert_eq!(back, t - 3_600);
        } else {
            prop_assert_eq!(back, t);
        }
    }

    /// Local → UTC → local is the identity except in the spring gap, which moves an hour on.
    #[test]
    fn local_round_trips(t in -2_208_988_800i64..7_258_118_400) {
        // A wall-clock time: the instant's UTC fields read as local.
        let odt = time::OffsetDateTime::from_unix_timestamp(t).unwrap();
        let wall = time::PrimitiveDateTime::new(odt.date(), odt.time());
        let there = local_from_utc(utc_from_local(wall)).unwrap();
        let (start, _) = summer_time(wall.year()).unwrap();
        // The gap: 02:00 to 03:00 local on the spring day, i.e. start+3600 .. start+7200 as
        // wall-clock seconds.
        let w = wall.assume_utc().unix_timestamp();
        if (start + 3_600..start + 7_200).contains(&w) {
            prop_assert_eq!(there, wall + Duration::hours(1));
        } else {
            prop_assert_eq!(there, wall);
        }
    }

    /// The `datetime-local` text round-trips to the minute.
    #[test]
    fn input_text_round_trips(t in -2_208_988_800i64..7_258_118_400) {
        let text = format_local_input(t);
        let back = parse_local_input(&text).unwrap();
        prop_assert_eq!(format_local_input(back), text);
        prop_assert!(back <= t);
    }
}
