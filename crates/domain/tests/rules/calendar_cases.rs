//! Known dates and instants for `domain::calendar`: Easter tables, the 2026 holidays and clock
//! changes, and worked examples of the Algemene termijnenwet.

use domain::calendar::{
    add_working_days, checked_add_working_days, deadline, deadline_date, easter_sunday,
    end_of_local_day, format_local, format_local_input, holiday, holidays_in, is_working_day,
    local_date, local_from_utc, parse_local_input, start_of_local_day, summer_time, utc_from_local,
    utc_offset_seconds, working_days_between, Holiday, Term, SUMMER_OFFSET, WINTER_OFFSET,
};
use time::macros::{date, datetime};
use time::{Date, Weekday};

fn utc(dt: time::PrimitiveDateTime) -> i64 {
    dt.assume_utc().unix_timestamp()
}

// ---------------------------------------------------------------------------------------------
// Easter and holidays

#[test]
fn easter_on_known_dates() {
    for (year, expected) in [
        (2024, date!(2024 - 03 - 31)),
        (2025, date!(2025 - 04 - 20)),
        (2026, date!(2026 - 04 - 05)),
        (2027, date!(2027 - 03 - 28)),
        (2038, date!(2038 - 04 - 25)), // as late as Easter gets
        (2285, date!(2285 - 03 - 22)), // as early as Easter gets
        (1818, date!(1818 - 03 - 22)),
        (1943, date!(1943 - 04 - 25)),
        (2000, date!(2000 - 04 - 23)),
        (2019, date!(2019 - 04 - 21)),
    ] {
        assert_eq!(easter_sunday(year), Some(expected), "{year}");
    }
}

#[test]
fn holidays_of_2026_exactly() {
    assert_eq!(
        holidays_in(2026),
        vec![
            (date!(2026 - 01 - 01), Holiday::NewYearsDay),
            (date!(2026 - 04 - 03), Holiday::GoodFriday),
            (date!(2026 - 04 - 06), Holiday::EasterMonday),
            (date!(2026 - 04 - 27), Holiday::KingsDay),
            (date!(2026 - 05 - 05), Holiday::LiberationDay),
            (date!(2026 - 05 - 14), Holiday::AscensionDay),
            (date!(2026 - 05 - 25), Holiday::WhitMonday),
            (date!(2026 - 12 - 25), Holiday::ChristmasDay),
            (date!(2026 - 12 - 26), Holiday::SecondChristmasDay),
        ]
    );
    for (day, h) in holidays_in(2026) {
        assert_eq!(holiday(day), Some(h));
        assert_eq!(h.date_in(2026), Some(day));
    }
    // Easter Sunday and Whit Sunday are not on the list; they are Sundays.
    assert_eq!(holiday(date!(2026 - 04 - 05)), None);
    assert_eq!(holiday(date!(2026 - 05 - 24)), None);
    assert!(!is_working_day(date!(2026 - 05 - 24)));
}

#[test]
fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
    assert_eq!(date!(2025 - 04 - 27).weekday(), Weekday::Sunday);
    assert_eq!(holiday(date!(2025 - 04 - 26)), Some(Holiday::KingsDay));
    assert_eq!(holiday(date!(2025 - 04 - 27)), None);
    assert_eq!(Holiday::KingsDay.date_in(2025), Some(date!(2025 - 04 - 26)));
    assert_eq!(Holiday::KingsDay.date_in(2026), Some(date!(2026 - 04 - 27)));
    assert_eq!(holiday(date!(2026 - 04 - 26)), None);
}

#[test]
fn liberation_day_counts_every_year() {
    // 2026 is no lustrum year; for the Algemene termijnenwet 5 May counts anyway.
    assert!(!is_working_day(date!(2026 - 05 - 05)));
    assert!(!is_working_day(date!(2027 - 05 - 05)));
}

#[test]
fn good_friday_counts_for_the_algemene_termijnenwet() {
    assert_eq!(holiday(date!(2026 - 04 - 03)), Some(Holiday::GoodFriday));
    assert!(!is_working_day(date!(2026 - 04 - 03)));
    assert_eq!(Holiday::GoodFriday.name_nl(), "Goede Vrijdag");
}

#[test]
fn two_holidays_on_one_day() {
    // 2016: Easter 27 March, so Hemelvaartsdag fell on 5 May.
    let may5 = date!(2016 - 05 - 05);
    let on_may5: Vec<Holiday> = holidays_in(2016)
        .into_iter()
        .filter(|(d, _)| *d == may5)
        .map(|(_, h)| h)
        .collect();
    assert_eq!(on_may5, vec![Holiday::LiberationDay, Holiday::AscensionDay]);
    assert_eq!(holiday(may5), Some(Holiday::LiberationDay));
    // One day off, not two: Monday 2 May to Friday 6 May 2016 has four working days.
    assert_eq!(
        working_days_between(date!(2016 - 05 - 01), date!(2016 - 05 - 06)),
        4
    );
}

#[test]
fn holiday_names() {
    for h in Holiday::ALL {
        assert!(!h.name_nl().is_empty() && !h.name_en().is_empty());
    }
    assert_eq!(Holiday::EasterMonday.name_nl(), "Tweede Paasdag");
    assert_eq!(Holiday::KingsDay.name_en(), "King's Day");
    assert_eq!(Holiday::SecondChristmasDay.name_nl(), "Tweede Kerstdag");
}

#[test]
fn years_outside_the_range_of_time() {
    assert_eq!(easter_sunday(10_000), None);
    assert!(holidays_in(10_000).is_empty());
    assert_eq!(Holiday::NewYearsDay.date_in(-10_000), None);
    // The edges themselves work.
    assert!(easter_sunday(9_999).is_some());
    assert!(easter_sunday(-9_999).is_some());
    assert_eq!(holidays_in(-9_999).len(), 9);
}

// ---------------------------------------------------------------------------------------------
// Amsterdam time

#[test]
fn clock_changes_of_2026() {
    let start = utc(datetime!(2026-03-29 01:00));
    let end = utc(datetime!(2026-10-25 01:00));
    assert_eq!(summer_time(2026), Some((start, end)));

    assert_eq!(utc_offset_seconds(start - 1), WINTER_OFFSET);
    assert_eq!(utc_offset_seconds(start), SUMMER_OFFSET);
    assert_eq!(utc_offset_seconds(end - 1), SUMMER_OFFSET);
    assert_eq!(utc_offset_seconds(end), WINTER_OFFSET);

    assert_eq!(
        local_from_utc(start - 1),
        Some(datetime!(2026-03-29 01:59:59))
    );
    assert_eq!(local_from_utc(start), Some(datetime!(2026-03-29 03:00)));
    assert_eq!(
        local_from_utc(end - 1),
        Some(datetime!(2026-10-25 02:59:59))
    );
    assert_eq!(local_from_utc(end), Some(datetime!(2026-10-25 02:00)));
}

#[test]
fn other_years_switch_on_their_last_sundays() {
    assert_eq!(
        summer_time(2025),
        Some((
            utc(datetime!(2025-03-30 01:00)),
            utc(datetime!(2025-10-26 01:00))
        ))
    );
    // 31 March 2024 was itself the last Sunday.
    assert_eq!(
        summer_time(2024),
        Some((
            utc(datetime!(2024-03-31 01:00)),
            utc(datetime!(2024-10-27 01:00))
        ))
    );
}

#[test]
fn moved_tests_of_the_ballot_store() {
    // Winter: CET, UTC+1.
    let w = parse_local_input("2026-01-15T10:00").unwrap();
    assert_eq!(format_local_input(w), "2026-01-15T10:00");
    assert_eq!(w % 86_400, 9 * 3_600);
    // Summer: CEST, UTC+2.
    let s = parse_local_input("2026-07-01T10:00").unwrap();
    assert_eq!(s % 86_400, 8 * 3_600);
    assert_eq!(format_local(s), "1-7-2026 10:00");
    assert!(parse_local_input("gisteren").is_none());
}

#[test]
fn local_input_formats() {
    let t = parse_local_input("2026-03-01T09:00").unwrap();
    assert_eq!(t, utc(datetime!(2026-03-01 08:00)));
    assert_eq!(format_local_input(t), "2026-03-01T09:00");
    assert_eq!(format_local(t), "1-3-2026 09:00");
    assert_eq!(
        format_local(utc(datetime!(2026-12-24 23:05))),
        "25-12-2026 00:05"
    );
    // Seconds are accepted and kept; the input format drops them.
    let with_seconds = parse_local_input(" 2026-03-01T09:00:30 ").unwrap();
    assert_eq!(with_seconds, t + 30);
    assert_eq!(format_local_input(with_seconds), "2026-03-01T09:00");

    for bad in [
        "",
        "2026-03-01",
        "2026-03-01 09:00",
        "2026-3-1T09:00",
        "2026-13-01T09:00",
        "2026-02-30T09:00",
        "2026-03-01T24:00",
        "01-03-2026T09:00",
        "2026-03-01T09:00Z",
        "2026-03-01T09:00:00.5",
    ] {
        assert_eq!(parse_local_input(bad), None, "{bad:?}");
    }
}

#[test]
fn local_input_round_trips_around_the_spring_switch() {
    for input in [
        "2026-03-28T23:59",
        "2026-03-29T00:00",
        "2026-03-29T01:59",
        "2026-03-29T03:00",
        "2026-03-29T03:01",
        "2026-03-29T12:00",
    ] {
        let t = parse_local_input(input).unwrap();
        assert_eq!(format_local_input(t), input);
    }
    // 01:59 and 03:00 are one minute apart.
    let before = parse_local_input("2026-03-29T01:59").unwrap();
    let after = parse_local_input("2026-03-29T03:00").unwrap();
    assert_eq!(after - before, 60);
}

#[test]
fn the_skipped_hour_moves_forward() {
    // 02:00-03:00 on 29 March 2026 does not exist; it is read with the winter offset.
    let t = parse_local_input("2026-03-29T02:30").unwrap();
    assert_eq!(t, utc(datetime!(2026-03-29 01:30)));
    assert_eq!(format_local_input(t), "2026-03-29T03:30");
    assert_eq!(
        utc_from_local(datetime!(2026-03-29 02:00)),
        utc(datetime!(2026-03-29 01:00))
    );
}

#[test]
fn local_input_round_trips_around_the_autumn_switch() {
    for input in [
        "2026-10-25T00:00",
        "2026-10-25T01:59",
        "2026-10-25T02:00",
        "2026-10-25T02:30",
        "2026-10-25T02:59",
        "2026-10-25T03:00",
        "2026-10-25T12:00",
    ] {
        let t = parse_local_input(input).unwrap();
        assert_eq!(format_local_input(t), input);
    }
    // The repeated hour is taken the first time, still in summer time.
    let t = parse_local_input("2026-10-25T02:30").unwrap();
    assert_eq!(t, utc(datetime!(2026-10-25 00:30)));
    assert_eq!(utc_offset_seconds(t), SUMMER_OFFSET);
    // The second 02:30 shows the same but does not parse back to itself.
    let second = utc(datetime!(2026-10-25 01:30));
    assert_eq!(format_local_input(second), "2026-10-25T02:30");
    // 03:00 comes two hours after 02:00 (the first one).
    let two = parse_local_input("2026-10-25T02:00").unwrap();
    let three = parse_local_input("2026-10-25T03:00").unwrap();
    assert_eq!(three - two, 2 * 3_600);
}

#[test]
fn local_days() {
    // 23:30 UTC on New Year's Eve is New Year's Day in Amsterdam.
    assert_eq!(
        local_date(utc(datetime!(2026-12-31 23:30))),
        date!(2027 - 01 - 01)
    );
    assert_eq!(
        local_date(utc(datetime!(2026-12-31 22:59:59))),
        date!(2026 - 12 - 31)
    );
    assert_eq!(
        start_of_local_day(date!(2026 - 01 - 15)),
        utc(datetime!(2026-01-14 23:00))
    );
    assert_eq!(
        start_of_local_day(date!(2026 - 07 - 01)),
        utc(datetime!(2026-06-30 22:00))
    );
    // The spring day has 23 hours, the autumn day 25.
    let spring = date!(2026 - 03 - 29);
    let autumn = date!(2026 - 10 - 25);
    let length = |d: Date| start_of_local_day(d.next_day().unwrap()) - start_of_local_day(d);
    assert_eq!(length(spring), 23 * 3_600);
    assert_eq!(length(autumn), 25 * 3_600);
    assert_eq!(
        end_of_local_day(autumn),
        start_of_local_day(date!(2026 - 10 - 26)) - 1
    );
    assert_eq!(
        end_of_local_day(date!(2026 - 07 - 01)),
        utc(datetime!(2026-07-01 21:59:59))
    );
}

#[test]
fn instants_beyond_the_years_9999() {
    assert_eq!(local_from_utc(i64::MAX), None);
    assert_eq!(local_from_utc(i64::MIN), None);
    assert_eq!(format_local(i64::MAX), "");
    assert_eq!(format_local_input(i64::MIN), "");
    assert_eq!(local_date(i64::MAX), Date::MAX);
    assert_eq!(local_date(i64::MIN), Date::MIN);
    assert_eq!(utc_offset_seconds(i64::MAX), WINTER_OFFSET);
    assert_eq!(
        deadline(i64::MAX, Term::WorkingDays(1)),
        end_of_local_day(Date::MAX)
    );
}

// ---------------------------------------------------------------------------------------------
// Working days

#[test]
fn ten_working_days_across_christmas_and_new_year() {
    // Mon 21 Dec 2026: 22, 23, 24 Dec; 25-27 off; 28, 29, 30, 31 Dec; 1-3 Jan off; 4, 5, 6 Jan.
    let monday = date!(2026 - 12 - 21);
    assert_eq!(add_working_days(monday, 10), date!(2027 - 01 - 06));
    assert_eq!(add_working_days(monday, 3), date!(2026 - 12 - 24));
    assert_eq!(add_working_days(monday, 4), date!(2026 - 12 - 28));
    assert_eq!(add_working_days(monday, 7), date!(2026 - 12 - 31));
    assert_eq!(add_working_days(monday, 8), date!(2027 - 01 - 04));
    assert_eq!(working_days_between(monday, date!(2027 - 01 - 06)), 10);
    assert_eq!(working_days_between(date!(2027 - 01 - 06), monday), -10);
    // Counted from a holiday, as from any day.
    assert_eq!(
        add_working_days(date!(2026 - 12 - 25), 1),
        date!(2026 - 12 - 28)
    );
}

#[test]
fn zero_working_days() {
    let monday = date!(2026 - 12 - 21);
    assert_eq!(add_working_days(monday, 0), monday);
    // Saturday 26 December (also Tweede Kerstdag): the next working day.
    assert_eq!(
        add_working_days(date!(2026 - 12 - 26), 0),
        date!(2026 - 12 - 28)
    );
    assert_eq!(
        add_working_days(date!(2026 - 04 - 03), 0),
        date!(2026 - 04 - 07)
    );
}

#[test]
fn working_days_between_counts_the_end_not_the_start() {
    let mon = date!(2026 - 06 - 01);
    assert_eq!(working_days_between(mon, mon), 0);
    assert_eq!(working_days_between(mon, date!(2026 - 06 - 02)), 1);
    assert_eq!(working_days_between(mon, date!(2026 - 06 - 05)), 4);
    assert_eq!(working_days_between(mon, date!(2026 - 06 - 07)), 4);
    assert_eq!(working_days_between(mon, date!(2026 - 06 - 08)), 5);
    assert_eq!(
        working_days_between(date!(2026 - 06 - 06), date!(2026 - 06 - 07)),
        0
    );
    assert_eq!(working_days_between(date!(2026 - 06 - 08), mon), -5);
    // A whole year: 261 weekdays in 2026, 8 of them holidays (26 December is a Saturday).
    assert_eq!(
        working_days_between(date!(2025 - 12 - 31), date!(2026 - 12 - 31)),
        253
    );
}

#[test]
fn adding_saturates_at_the_end_of_time() {
    assert_eq!(Date::MAX.weekday(), Weekday::Friday);
    assert!(is_working_day(Date::MAX));
    let near_end = date!(9999 - 12 - 20);
    assert_eq!(checked_add_working_days(near_end, 100), None);
    assert_eq!(add_working_days(near_end, 100), Date::MAX);
    assert_eq!(add_working_days(date!(2026 - 01 - 01), u32::MAX), Date::MAX);
    assert_eq!(
        working_days_between(Date::MIN, Date::MAX),
        -working_days_between(Date::MAX, Date::MIN)
    );
}

// ---------------------------------------------------------------------------------------------
// Deadlines

#[test]
fn working_day_terms() {
    // Thursday 24 December 2026, 10:00 Amsterdam.
    let event = parse_local_input("2026-12-24T10:00").unwrap();
    let due = deadline(event, Term::WorkingDays(3));
    assert_eq!(format_local(due), "30-12-2026 23:59");
    assert_eq!(due, utc(datetime!(2026-12-30 22:59:59)));
    assert_eq!(
        deadline_date(date!(2026 - 12 - 24), Term::WorkingDays(0)),
        date!(2026 - 12 - 24)
    );
    assert_eq!(
        deadline_date(date!(2026 - 12 - 25), Term::WorkingDays(0)),
        date!(2026 - 12 - 28)
    );
}

#[test]
fn calendar_day_terms_are_extended_by_article_1() {
    // Ends on Saturday 26 December: extended to Monday.
    assert_eq!(
        deadline_date(date!(2026 - 12 - 24), Term::CalendarDays(2)),
        date!(2026 - 12 - 28)
    );
    // Ends on Good Friday: Saturday, Sunday and Easter Monday follow, so Tuesday.
    assert_eq!(
        deadline_date(date!(2026 - 04 - 02), Term::CalendarDays(1)),
        date!(2026 - 04 - 07)
    );
    // A term that ends on a working day is not touched.
    assert_eq!(
        deadline_date(date!(2026 - 06 - 01), Term::CalendarDays(14)),
        date!(2026 - 06 - 15)
    );
    // Zero days: the day itself, or the next working day.
    assert_eq!(
        deadline_date(date!(2026 - 06 - 01), Term::CalendarDays(0)),
        date!(2026 - 06 - 01)
    );
    assert_eq!(
        deadline_date(date!(2026 - 06 - 06), Term::CalendarDays(0)),
        date!(2026 - 06 - 08)
    );
}

#[test]
fn calendar_day_terms_are_extended_by_article_2() {
    // Three days from Thursday 24 December 2026: 25 (holiday), 26, 27 (weekend) hold no working
    // day. Art. 1 alone gives Monday 28, with one working day; art. 2 asks for two: Tuesday.
    assert_eq!(
        deadline_date(date!(2026 - 12 - 24), Term::CalendarDays(3)),
        date!(2026 - 12 - 29)
    );
    // Two days are too short for art. 2 (see art. 1 above: Monday 28).
    assert_eq!(
        deadline_date(date!(2026 - 12 - 24), Term::CalendarDays(2)),
        date!(2026 - 12 - 28)
    );
}

#[test]
fn three_days_to_reconsider_a_house_purchase_in_december_2017() {
    // The worked example of staatsrechtpraktijk.nl: signed Tuesday 19 December, free to undo
    // the purchase through Friday 22; signed a day later, through Wednesday 27 December.
    assert_eq!(
        deadline_date(date!(2017 - 12 - 19), Term::CalendarDays(3)),
        date!(2017 - 12 - 22)
    );
    assert_eq!(
        deadline_date(date!(2017 - 12 - 20), Term::CalendarDays(3)),
        date!(2017 - 12 - 27)
    );
}

#[test]
fn three_days_ending_before_easter_monday() {
    // From Wednesday 1 April 2026 three days end on Saturday 4 April; Monday 6 is Tweede
    // Paasdag, so the term runs through Tuesday 7 April.
    assert_eq!(
        deadline_date(date!(2026 - 04 - 01), Term::CalendarDays(3)),
        date!(2026 - 04 - 07)
    );
}

#[test]
fn deadlines_use_the_amsterdam_date_of_the_event() {
    // 23:30 Amsterdam on Monday 1 June 2026 is still a Monday event.
    let late = parse_local_input("2026-06-01T23:30").unwrap();
    assert_eq!(
        format_local(deadline(late, Term::WorkingDays(1))),
        "2-6-2026 23:59"
    );
    // 23:30 UTC on Sunday 31 May is 01:30 Monday in Amsterdam.
    let early = utc(datetime!(2026-05-31 23:30));
    assert_eq!(
        format_local(deadline(early, Term::WorkingDays(1))),
        "2-6-2026 23:59"
    );
    // Ends in winter time after an event in summer time.
    let october = parse_local_input("2026-10-20T09:00").unwrap();
    let due = deadline(october, Term::CalendarDays(10));
    assert_eq!(format_local(due), "30-10-2026 23:59");
    assert_eq!(due, utc(datetime!(2026-10-30 22:59:59)));
    assert_eq!(
        deadline(u32::MAX.into(), Term::CalendarDays(u32::MAX)),
        end_of_local_day(Date::MAX)
    );
}
