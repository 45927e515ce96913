//! Points in time given on the command line (`--as-of`, `TASKS_NOW`).
//!
//! Times are local wall-clock times without an offset, as an office records
//! them. A bare date stands for the end of that day, so `--as-of 2016-10-01`
//! includes everything recorded on the 1st.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` or `YYYY-MM-DD HH:MM[:SS]`.
/// A bare date means the last second of that day.
pub fn parse_as_of(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(end_of_day(date));
    }
    parse_datetime(text)
}

/// Parses a point in time for a record (`--at`): a bare date means the start
/// of that day.
pub fn parse_at(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(date.and_time(NaiveTime::MIN));
    }
    parse_datetime(text)
}

fn parse_datetime(text: &str) -> Result<NaiveDateTime, String> {
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(t);
        }
    }
    Err(format!(
        "{}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], e.g. 2016-10-01 or 2016-10-01T09:30",
        what_is_wrong(text)
    ))
}

/// Parses a calendar date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "{}: expected YYYY-MM-DD, e.g. 2016-12-31",
            what_is_wrong(text)
        )
    })
}

/// Why a date that fails to parse is wrong: a day or month that does not
/// exist, or not a date at all.
fn what_is_wrong(text: &str) -> String {
    let date = text.trim().get(..10).unwrap_or("");
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    if let [year, month, day] = parts[..] {
        if date.len() == 10 && (1..=12).contains(&month) {
            let days = (28..=31)
                .rev()
                .find(|&d| NaiveDate::from_ymd_opt(year as i32, month, d).is_some())
                .unwrap_or(31);
            if day > days || day == 0 {
                return format!("{year}-{month:02} has no day {day}");
            }
        } else if date.len() == 10 {
            return format!("there is no month {month}");
        }
    }
    "not a date".to_string()
}

/// A date in the form the store writes (`YYYY-MM-DD`), read without
/// chrono's format parser; any other text goes through it.
pub fn parse_stored_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(b, 0..4), digits(b, 5..7), digits(b, 8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// A time in the form the store writes (`YYYY-MM-DD HH:MM:SS`), read
/// without chrono's format parser; any other text goes through it.
pub fn parse_stored_time(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() == 19 && b[10] == b' ' && b[13] == b':' && b[16] == b':' {
        if let (Some(date), Some(h), Some(m), Some(s)) = (
            text.get(..10).and_then(parse_stored_date),
            digits(b, 11..13),
            digits(b, 14..16),
            digits(b, 17..19),
        ) {
            if let Some(t) = date.and_hms_opt(h, m, s) {
                return Some(t);
            }
        }
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok()
}

/// The number the ASCII digits of `b[range]` make, if they are all digits.
fn digits(b: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    b.get(range)?.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

pub fn end_of_day(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN))
}

/// A time after anything recorded: to look at everything regardless of
/// `--as-of`.
pub fn far_future() -> NaiveDateTime {
    end_of_day(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX))
}

/// The form in which times are stored and printed.
pub fn format_time(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    // Written out directly for the years of four digits (a batch formats
    // millions); chrono's own format for the rest and for leap seconds.
    let year = t.year();
    if (0..=9999).contains(&year) && t.nanosecond() < 1_000_000_000 {
        return format!(
            "{year:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
    }
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_formatted_as_chrono_formats_them() {
        let chrono = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for t in [
            date(2016, 9, 30).and_hms_opt(0, 0, 0).unwrap(),
            date(2026, 11, 27).and_hms_opt(9, 5, 59).unwrap(),
            date(9999, 12, 31).and_hms_opt(23, 59, 59).unwrap(),
            date(12, 1, 2).and_hms_opt(3, 4, 5).unwrap(),
            date(10_000, 1, 1).and_hms_opt(0, 0, 0).unwrap(),
            date(-1, 1, 1).and_hms_opt(0, 0, 0).unwrap(),
            date(2016, 12, 31)
                .and_hms_milli_opt(23, 59, 59, 1_500)
                .unwrap(),
            far_future(),
        ] {
            assert_eq!(format_time(t), chrono(t));
        }
    }

    #[test]
    fn stored_dates_and_times_are_read_as_chrono_reads_them() {
        for text in [
            "2016-09-30",
            "2016-02-29",
            "2015-02-29",
            "2016-13-01",
            "16-09-30",
            "2016-9-30",
            "x",
        ] {
            assert_eq!(
                parse_stored_date(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text}"
            );
        }
        for text in [
            "2016-09-30 10:05:59",
            "2016-09-30 24:00:00",
            "2016-09-30 10:60:00",
            "2016-09-30T10:05:59",
            "2016-09-30 10:05",
            "2016-02-30 10:05:59",
            "2016-12-31 23:59:60",
        ] {
            assert_eq!(
                parse_stored_time(text),
                NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn a_bare_date_is_the_end_of_that_day() {
        let t = parse_as_of("2016-10-01").unwrap();
        assert_eq!(format_time(t), "2016-10-01 23:59:59");
    }

    #[test]
    fn datetimes_take_t_or_space_with_or_without_seconds() {
        for text in [
            "2016-10-01T09:30",
            "2016-10-01 09:30",
            "2016-10-01T09:30:00",
        ] {
            assert_eq!(
                format_time(parse_as_of(text).unwrap()),
                "2016-10-01 09:30:00"
            );
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(parse_as_of("2016-02-30").is_err());
        assert!(parse_as_of("2016-13-01").is_err());
        assert!(parse_as_of("yesterday").is_err());
        assert!(parse_date("2016-02-29").is_ok());
        assert!(parse_date("2015-02-29").is_err());
        assert!(parse_date("2016-02-30")
            .unwrap_err()
            .starts_with("2016-02 has no day 30"));
        assert!(parse_date("2016-13-01")
            .unwrap_err()
            .starts_with("there is no month 13"));
    }
}
