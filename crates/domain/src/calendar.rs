//! Europe/Amsterdam wall-clock time, Dutch public holidays and working days, for deadlines.
//!
//! # Time
//! The app stores instants as Unix seconds (UTC) and people read and type Amsterdam time. The
//! zone rule is written out here rather than read from a tz database: no IO, and the EU rule
//! has been the same since 1996. Summer time (CEST, UTC+2) runs from the last Sunday of March
//! 01:00 UTC to the last Sunday of October 01:00 UTC; the rest of the year is CET (UTC+1). The
//! rule is applied to every year, also before 1996; nothing in the app is that old. If the EU
//! ever stops switching, this is the one place to change.
//!
//! # Holidays and working days
//! Legal terms of the municipality are counted by the Algemene termijnenwet (Atw), so its list of
//! holidays is the one used here, not the list of days off of a collective agreement:
//! - art. 3(1): Nieuwjaarsdag, tweede Paas- en Pinksterdag, both Christmas days,
//!   Hemelvaartsdag, the day the King's birthday is celebrated (Koningsdag) and 5 May
//!   (Bevrijdingsdag; every year for this law, not only once in five years);
//! - art. 3(2): **Goede Vrijdag** is equated with those days "for the application of this law".
//!   It is easily forgotten because it is no day off for most people, but it counts here.
//!
//! Easter Sunday and Whit Sunday are Sundays anyway. Art. 3(3) lets the government equate
//! further days by decree (in practice bridge days such as the Friday after Hemelvaartsdag,
//! published in the Staatscourant a few years ahead). Those follow no rule and are **not** in
//! this module; a deadline that lands on such a day comes out early.
//!
//! A working day is a day that is not a Saturday, a Sunday or one of those holidays.

use time::macros::{format_description, time};
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Weekday};

/// CET: UTC+1, in seconds.
pub const WINTER_OFFSET: i64 = 3_600;
/// CEST: UTC+2, in seconds.
pub const SUMMER_OFFSET: i64 = 7_200;

// ---------------------------------------------------------------------------------------------
// Time

/// The instants (Unix seconds) at which summer time starts and ends in `year`: the last Sunday
/// of March and of October, both at 01:00 UTC. `None` for a year outside `time`'s range.
pub fn summer_time(year: i32) -> Option<(i64, i64)> {
    Some((
        last_sunday_0100_utc(year, Month::March)?,
        last_sunday_0100_utc(year, Month::October)?,
    ))
}

fn last_sunday_0100_utc(year: i32, month: Month) -> Option<i64> {
    let last = Date::from_calendar_date(year, month, month.length(year)).ok()?;
    let back = last.weekday().number_days_from_sunday();
    let sunday = last.checked_sub(Duration::days(i64::from(back)))?;
    Some(sunday.with_hms(1, 0, 0).ok()?.assume_utc().unix_timestamp())
}

fn is_summer_time(utc: i64) -> bool {
    let Ok(t) = OffsetDateTime::from_unix_timestamp(utc) else {
        return false;
    };
    match summer_time(t.year()) {
        Some((start, end)) => (start..end).contains(&utc),
        None => false,
    }
}

/// Amsterdam's offset from UTC at the instant `utc`: [`SUMMER_OFFSET`] or [`WINTER_OFFSET`].
/// Instants outside `time`'s range (beyond the years ±9999) get the winter offset.
pub fn utc_offset_seconds(utc: i64) -> i64 {
    if is_summer_time(utc) {
        SUMMER_OFFSET
    } else {
        WINTER_OFFSET
    }
}

/// The Amsterdam wall-clock time at the instant `utc`; `None` beyond the years ±9999.
pub fn local_from_utc(utc: i64) -> Option<PrimitiveDateTime> {
    let t = OffsetDateTime::from_unix_timestamp(utc.checked_add(utc_offset_seconds(utc))?).ok()?;
    Some(PrimitiveDateTime::new(t.date(), t.time()))
}

/// The instant at which Amsterdam clocks show `local`.
///
/// Two wall-clock hours a year are not one instant, and both cases are decided the way the web
/// layer always has (this is its code, moved):
/// - **the skipped hour** (the spring Sunday, clocks jump from 02:00 to 03:00): a time in it is
///   read with the winter offset that was in force just before, so `02:30` becomes 01:30 UTC,
///   which clocks show as 03:30 CEST. The time moves forward by the hour that did not happen, as
///   a clock that was not yet switched would show (the same choice as `java.time` and
///   JavaScript's Temporal "compatible").
/// - **the repeated hour** (the autumn Sunday, clocks go back from 03:00 to 02:00): a time in it
///   is taken as the earlier instant, still summer time: `02:30` becomes 00:30 UTC, not 01:30
///   UTC. For a deadline that is the stricter reading.
///
/// Everywhere else this is the inverse of [`local_from_utc`].
pub fn utc_from_local(local: PrimitiveDateTime) -> i64 {
    let wall = local.assume_utc().unix_timestamp();
    let summer = wall - SUMMER_OFFSET;
    if is_summer_time(summer) {
        summer
    } else {
        wall - WINTER_OFFSET
    }
}

/// Reads what an HTML `datetime-local` input posts, `2026-03-01T09:00` or with seconds
/// `2026-03-01T09:00:30`, as Amsterdam time (surrounding spaces are ignored); `None` for
/// anything else. See [`utc_from_local`] for the two hours a year that need a choice.
pub fn parse_local_input(s: &str) -> Option<i64> {
    let s = s.trim();
    let minutes = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let seconds = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let local = PrimitiveDateTime::parse(s, &minutes)
        .or_else(|_| PrimitiveDateTime::parse(s, &seconds))
        .ok()?;
    Some(utc_from_local(local))
}

/// `2026-03-01T09:00`: the value for an HTML `datetime-local` input, in Amsterdam time. Seconds
/// are dropped. Empty for an instant beyond the years ±9999 (an empty input, not an error page).
pub fn format_local_input(utc: i64) -> String {
    let fmt = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    local_from_utc(utc)
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

/// `1-3-2026 09:00`: Amsterdam time for reading, the Dutch way (day first, no leading zeros in
/// the date). Empty for an instant beyond the years ±9999.
pub fn format_local(utc: i64) -> String {
    let fmt = format_description!("[day padding:none]-[month padding:none]-[year] [hour]:[minute]");
    local_from_utc(utc)
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

/// The Amsterdam calendar date of the instant `utc`: 23:30 UTC on 31 December is already New
/// Year's Day here. Instants beyond the years ±9999 are clamped to [`Date::MIN`] or
/// [`Date::MAX`] rather than failing: no stored timestamp is that far out.
pub fn local_date(utc: i64) -> Date {
    match local_from_utc(utc) {
        Some(t) => t.date(),
        None if utc < 0 => Date::MIN,
        None => Date::MAX,
    }
}

/// Unix seconds of 00:00 Amsterdam time on `date`. (Clocks switch at 02:00 or 03:00, never at
/// midnight, so midnight always exists exactly once.)
pub fn start_of_local_day(date: Date) -> i64 {
    utc_from_local(date.midnight())
}

/// Unix seconds of 23:59:59 Amsterdam time on `date`, the last second a deadline on that day
/// allows.
pub fn end_of_local_day(date: Date) -> i64 {
    utc_from_local(date.with_time(time!(23:59:59)))
}

// ---------------------------------------------------------------------------------------------
// Holidays

/// A holiday of the Algemene termijnenwet, art. 3 (see the module documentation).
///
/// The variants are in calendar order; only Bevrijdingsdag and Hemelvaartsdag can swap (or fall
/// on the same day, as in 2016).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Holiday {
    /// 1 January.
    NewYearsDay,
    /// Easter − 2; art. 3(2) equates it with the holidays of art. 3(1).
    GoodFriday,
    /// Easter + 1.
    EasterMonday,
    /// 27 April, or 26 April when the 27th is a Sunday (then a Saturday anyway). The rule for
    /// King Willem-Alexander, applied to every year; before 2014 the day was Koninginnedag on 30
    /// April, which this module does not know.
    KingsDay,
    /// 5 May, every year.
    LiberationDay,
    /// Easter + 39 (a Thursday).
    AscensionDay,
    /// Easter + 50.
    WhitMonday,
    /// 25 December.
    ChristmasDay,
    /// 26 December.
    SecondChristmasDay,
}

impl Holiday {
    /// Every holiday, in the order of the enum.
    pub const ALL: [Holiday; 9] = [
        Holiday::NewYearsDay,
        Holiday::GoodFriday,
        Holiday::EasterMonday,
        Holiday::KingsDay,
        Holiday::LiberationDay,
        Holiday::AscensionDay,
        Holiday::WhitMonday,
        Holiday::ChristmasDay,
        Holiday::SecondChristmasDay,
    ];

    pub const fn name_nl(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "Nieuwjaarsdag",
            Holiday::GoodFriday => "Goede Vrijdag",
            Holiday::EasterMonday => "Tweede Paasdag",
            Holiday::KingsDay => "Koningsdag",
            Holiday::LiberationDay => "Bevrijdingsdag",
            Holiday::AscensionDay => "Hemelvaartsdag",
            Holiday::WhitMonday => "Tweede Pinksterdag",
            Holiday::ChristmasDay => "Eerste Kerstdag",
            Holiday::SecondChristmasDay => "Tweede Kerstdag",
        }
    }

    pub const fn name_en(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "New Year's Day",
            Holiday::GoodFriday => "Good Friday",
            Holiday::EasterMonday => "Easter Monday",
            Holiday::KingsDay => "King's Day",
            Holiday::LiberationDay => "Liberation Day",
            Holiday::AscensionDay => "Ascension Day",
            Holiday::WhitMonday => "Whit Monday",
            Holiday::ChristmasDay => "Christmas Day",
            Holiday::SecondChristmasDay => "Second Christmas Day",
        }
    }

    /// The date of this holiday in `year`; `None` for a year outside `time`'s range.
    pub fn date_in(self, year: i32) -> Option<Date> {
        self.date_with_easter(year, easter_sunday(year)?)
    }

    fn date_with_easter(self, year: i32, easter: Date) -> Option<Date> {
        let on = |month, day| Date::from_calendar_date(year, month, day).ok();
        let after_easter = |days| easter.checked_add(Duration::days(days));
        match self {
            Holiday::NewYearsDay => on(Month::January, 1),
            Holiday::GoodFriday => after_easter(-2),
            Holiday::EasterMonday => after_easter(1),
            Holiday::KingsDay => {
                let the_27th = on(Month::April, 27)?;
                if the_27th.weekday() == Weekday::Sunday {
                    on(Month::April, 26)
                } else {
                    Some(the_27th)
                }
            }
            Holiday::LiberationDay => on(Month::May, 5),
            Holiday::AscensionDay => after_easter(39),
            Holiday::WhitMonday => after_easter(50),
            Holiday::ChristmasDay => on(Month::December, 25),
            Holiday::SecondChristmasDay => on(Month::December, 26),
        }
    }
}

/// Easter Sunday of `year` in the Gregorian calendar, by the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher), valid for every Gregorian year. Euclidean division keeps it defined
/// (if meaningless) for years before 1. `None` for a year outside `time`'s range.
pub fn easter_sunday(year: i32) -> Option<Date> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // n is in 107..=149, so the month is 3 or 4 and the day fits that month.
    let month = if n / 31 == 3 {
        Month::March
    } else {
        Month::April
    };
    let day = u8::try_from(n % 31 + 1).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// The holiday on `date`, if any; also on a weekend (26 December 2026 is a Saturday and still
/// Tweede Kerstdag). When two fall on one day (Bevrijdingsdag and Hemelvaartsdag on 5 May 2016)
/// the first in enum order is returned, Bevrijdingsdag; [`holidays_in`] lists both.
pub fn holiday(date: Date) -> Option<Holiday> {
    let year = date.year();
    let easter = easter_sunday(year)?;
    Holiday::ALL
        .into_iter()
        .find(|h| h.date_with_easter(year, easter) == Some(date))
}

/// Every holiday of `year` with its date, sorted by date (then enum order), weekends included.
/// A day with two holidays is listed twice. Empty for a year outside `time`'s range.
pub fn holidays_in(year: i32) -> Vec<(Date, Holiday)> {
    let Some(easter) = easter_sunday(year) else {
        return Vec::new();
    };
    let mut days: Vec<(Date, Holiday)> = Holiday::ALL
        .into_iter()
        .filter_map(|h| Some((h.date_with_easter(year, easter)?, h)))
        .collect();
    days.sort();
    days
}

// ---------------------------------------------------------------------------------------------
// Working days

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Not a Saturday, a Sunday or a [`Holiday`].
pub fn is_working_day(date: Date) -> bool {
    !is_weekend(date) && holiday(date).is_none()
}

/// The `n`-th working day after `date`; `date` itself never counts for `n >= 1` (a term starts
/// the day after the event). For `n = 0`: `date` itself if it is a working day, otherwise the
/// next working day, so the result is always a working day. `None` past the year 9999.
pub fn checked_add_working_days(date: Date, n: u32) -> Option<Date> {
    let mut day = date;
    if n == 0 {
        while !is_working_day(day) {
            day = day.next_day()?;
        }
        return Some(day);
    }
    let mut left = n;
    while left > 0 {
        day = day.next_day()?;
        if is_working_day(day) {
            left -= 1;
        }
    }
    Some(day)
}

/// [`checked_add_working_days`], saturating at [`Date::MAX`] (31 December 9999, a Friday and a
/// working day) instead of failing: only an absurd `n` gets there, and "never" is what it means.
pub fn add_working_days(date: Date, n: u32) -> Date {
    checked_add_working_days(date, n).unwrap_or(Date::MAX)
}

/// The number of working days `d` with `from < d <= to`: how many working days a term starting
/// on `from` has used up by the end of `to`. `from` itself does not count, `to` does. When `to`
/// is before `from` the count is taken the other way round and negated, so
/// `working_days_between(a, b) == -working_days_between(b, a)`; it is 0 when `to == from`.
///
/// Computed by arithmetic on weeks plus one pass over the holidays of the years in between, so
/// it is cheap over any span.
pub fn working_days_between(from: Date, to: Date) -> i64 {
    if to < from {
        return -working_days_between(to, from);
    }
    let weekdays = weekdays_up_to(to) - weekdays_up_to(from);
    let mut holidays = 0;
    for year in from.year()..=to.year() {
        let mut previous = None;
        for (day, _) in holidays_in(year) {
            // Two holidays on one day take one working day off, not two.
            if day > from && day <= to && !is_weekend(day) && previous != Some(day) {
                holidays += 1;
            }
            previous = Some(day);
        }
    }
    weekdays - holidays
}

/// Mondays to Fridays from a fixed Monday long ago up to and including `date`; only differences
/// are meaningful. Julian day 0 is a Monday, so `jd mod 7` is 0 on Mondays and 5, 6 at weekends.
fn weekdays_up_to(date: Date) -> i64 {
    let jd = i64::from(date.to_julian_day());
    5 * jd.div_euclid(7) + (jd.rem_euclid(7) + 1).min(5)
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/// A handling term, as set per category (the way Signalen sets them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Term {
    /// This many working days after the day of the event.
    WorkingDays(u32),
    /// This many days after the day of the event, extended by the Algemene termijnenwet.
    CalendarDays(u32),
}

/// The last day of `term` for an event on `start` (a date in Amsterdam). The day of the event
/// never counts: a term of 1 day for something on Monday ends on Tuesday.
///
/// - [`Term::WorkingDays`]: [`add_working_days`]`(start, n)`, so `WorkingDays(0)` is the day
///   itself, or the next working day when the event fell on a weekend or holiday.
/// - [`Term::CalendarDays`]: `start + n` days, then extended as the Algemene termijnenwet
///   extends a term set in a law:
///   - art. 2: a term of at least three days is extended so that it holds at least two working
///     days (a 3-day term from Thursday 24 December 2026 would otherwise hold none);
///   - art. 1: a term that ends on a Saturday, Sunday or holiday runs until the end of the next
///     working day.
///
///   The order does not matter; both only extend. Terms counted back from an event (art.
///   1(2)) and the exceptions of art. 4 are not modelled: every term here runs forward.
///
/// A working-day term ends on a working day and holds `n` of them by construction, so the law
/// has nothing to add to it. A result past the year 9999 saturates at [`Date::MAX`].
pub fn deadline_date(start: Date, term: Term) -> Date {
    checked_deadline_date(start, term).unwrap_or(Date::MAX)
}

fn checked_deadline_date(start: Date, term: Term) -> Option<Date> {
    match term {
        Term::WorkingDays(n) => checked_add_working_days(start, n),
        Term::CalendarDays(n) => {
            let mut end = start.checked_add(Duration::days(i64::from(n)))?;
            // Art. 2 Atw.
            if n >= 3 {
                let held = working_days_between(start, end);
                if held < 2 {
                    let missing = u32::try_from(2 - held).ok()?;
                    end = checked_add_working_days(end, missing)?;
                }
            }
            // Art. 1 Atw.
            checked_add_working_days(end, 0)
        }
    }
}

/// The deadline for an event at the instant `from_utc`: the last second (23:59:59 Amsterdam
/// time) of [`deadline_date`] for the event's Amsterdam date, as Unix seconds. An event at
/// 23:30 on Friday is a Friday event, however late.
pub fn deadline(from_utc: i64, term: Term) -> i64 {
    end_of_local_day(deadline_date(local_date(from_utc), term))
}
