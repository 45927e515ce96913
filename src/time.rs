//! Points in time given on the command line (`--as-of`, `TASKS_NOW`).
//!
//! Times are local wall-clock times without an offset, as an office records
//! them. A bare date stands for the end of that day, so `--as-of 2016-10-01`
//! includes everything recorded on the 1st.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::lang::Lang;
use crate::messages::{self, Msg, Said};

/// Parses a date or a date and time in any of the spellings of `spelled`.
/// A bare date means the last second of that day.
pub fn parse_as_of(text: &str) -> Result<NaiveDateTime, String> {
    as_of_in(text, Lang::En)
}

/// `parse_as_of`, with the reason in `lang`.
pub fn as_of_in(text: &str, lang: Lang) -> Result<NaiveDateTime, String> {
    as_of_msg(text).map_err(|why| why.text(lang).to_string())
}

/// `parse_as_of`, with the reason in both languages.
pub fn as_of_msg(text: &str) -> Result<NaiveDateTime, Msg> {
    let (date, time) = spelled(text).map_err(|e| e.msg(text))?;
    Ok(time.map_or_else(|| end_of_day(date), |t| date.and_time(t)))
}

/// Parses a point in time for a record (`--at`): a bare date means the start
/// of that day.
pub fn parse_at(text: &str) -> Result<NaiveDateTime, Msg> {
    record_time(text).map_err(|e| e.msg(text))
}

/// `parse_at` with the reason kept, to be told in either language.
pub fn record_time(text: &str) -> Result<NaiveDateTime, DateError> {
    // The stored form first: times read back from the database. Only the
    // exact form (chrono's parser would also take a sign, more digits in
    // the year, and second 60).
    if let Some(t) = stored_form(text) {
        return Ok(t);
    }
    let (date, time) = spelled(text)?;
    Ok(date.and_time(time.unwrap_or(NaiveTime::MIN)))
}

/// `YYYY-MM-DD HH:MM:SS` exactly, a real time (seconds 00 to 59) in the
/// years 0001 to 9999.
fn stored_form(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if !(b.len() == 19 && b[10] == b' ' && b[13] == b':' && b[16] == b':') {
        return None;
    }
    let date = text.get(..10).and_then(parse_stored_date)?;
    if date.year() < FIRST_YEAR {
        return None;
    }
    date.and_hms_opt(digits(b, 11..13)?, digits(b, 14..16)?, digits(b, 17..19)?)
}

/// The first year a date may be in: there is no year 0.
pub const FIRST_YEAR: i32 = 1;

/// A year's number as a date shows it, four digits: `0999`.
struct YearNo(i32);

impl Said for YearNo {
    fn said(&self, _lang: Lang) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Owned(format!("{:04}", self.0))
    }
}

/// Parses a calendar date in any of the spellings of `spelled`, without a
/// time.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    date_in(text, Lang::En)
}

/// `parse_date`, with the reason in `lang`.
pub fn date_in(text: &str, lang: Lang) -> Result<NaiveDate, String> {
    match spelled(text) {
        Ok((date, None)) => Ok(date),
        Ok((_, Some(_))) => Err(DateError::TimeNotWanted.text(text, lang)),
        Err(e) => Err(e.text(text, lang)),
    }
}

/// A month's number as a date shows it: `09` in English, `9` in Chinese.
struct MonthNo(u32);

impl Said for MonthNo {
    fn said(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Owned(match lang {
            Lang::En => format!("{:02}", self.0),
            Lang::Zh => self.0.to_string(),
        })
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    NotADate,
    NoMonth(u32),
    NoDay {
        year: i32,
        month: u32,
        day: u32,
    },
    /// Year 0 (there is none).
    NoYear,
    NotATime(String),
    /// Second 60: a leap second, never a recorded time.
    LeapSecond(String),
    TimeNotWanted,
}

impl DateError {
    /// The reason, quoting `text`, with the spellings that are understood.
    pub fn msg(&self, text: &str) -> Msg {
        let text = text.trim();
        let why = match self {
            DateError::NotADate => messages::date_why_not_a_date(),
            DateError::NoMonth(m) => messages::date_why_no_month(*m),
            DateError::NoDay { year, month, day } => {
                messages::date_why_no_day(YearNo(*year), MonthNo(*month), *day)
            }
            DateError::NoYear => messages::date_why_no_year(),
            DateError::NotATime(t) => messages::date_why_not_a_time(t),
            DateError::LeapSecond(t) => messages::date_why_second_60(t),
            DateError::TimeNotWanted => return messages::date_time_not_wanted(text),
        };
        messages::date_refused(text, why)
    }

    /// `msg` in `lang`.
    pub fn text(&self, text: &str, lang: Lang) -> String {
        self.msg(text).text(lang).to_string()
    }
}

/// Reads a date, and a time if there is one, as people write them:
/// `2016-07-05`, `2016/7/5`, `2016.7.5`, `2016年7月5日`, `20160705`, each
/// with or without a time `9:30`, `09:30:00` after a space or `T`.
/// Full-width digits and punctuation count as their ASCII forms.
pub fn spelled(text: &str) -> Result<(NaiveDate, Option<NaiveTime>), DateError> {
    let ascii = crate::spelling::halfwidth(text);
    let t = crate::spelling::trim(&ascii);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    // The date: three numbers and what separates them.
    let (date_part, rest) = match t.find(['T', ' ']) {
        Some(i) => (&t[..i], t[i + 1..].trim_start()),
        None => (t, ""),
    };
    let parts: Vec<&str> = if let Some((year, rest)) = date_part.split_once('年') {
        let Some((month, day)) = rest.split_once('月') else {
            return Err(DateError::NotADate);
        };
        let day = day.strip_suffix(['日', '号']).unwrap_or(day);
        vec![year, month, day]
    } else if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        vec![&date_part[..4], &date_part[4..6], &date_part[6..]]
    } else {
        match date_part.chars().find(|c| matches!(c, '-' | '/' | '.')) {
            Some(sep) => date_part.split(sep).collect(),
            None => return Err(DateError::NotADate),
        }
    };
    let [year, month, day] = parts[..] else {
        return Err(DateError::NotADate);
    };
    if !(year.len() == 4 && digits(year) && digits(month) && digits(day)) {
        return Err(DateError::NotADate);
    }
    let (year, month, day): (i32, u32, u32) = (
        year.parse().unwrap_or(0),
        month.parse().unwrap_or(0),
        day.parse().unwrap_or(0),
    );
    if year < FIRST_YEAR {
        return Err(DateError::NoYear);
    }
    if !(1..=12).contains(&month) {
        return Err(DateError::NoMonth(month));
    }
    let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
        return Err(DateError::NoDay { year, month, day });
    };
    if rest.is_empty() {
        return Ok((date, None));
    }
    let number = |s: &str, max: u32| -> Option<u32> {
        let ok = !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| s.parse().ok()).flatten().filter(|n| *n <= max)
    };
    let clock: Vec<&str> = rest.split(':').collect();
    let time = match clock[..] {
        [h, m] if m.len() == 2 => number(h, 23)
            .zip(number(m, 59))
            .and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
        [h, m, s] if m.len() == 2 && s.len() == 2 => number(h, 23)
            .zip(number(m, 59))
            .zip(number(s, 59))
            .and_then(|((h, m), s)| NaiveTime::from_hms_opt(h, m, s)),
        _ => None,
    };
    match time {
        Some(time) => Ok((date, Some(time))),
        None => match clock[..] {
            [h, m, "60"] if number(h, 23).is_some() && number(m, 59).is_some() && m.len() == 2 => {
                Err(DateError::LeapSecond(rest.to_string()))
            }
            _ => Err(DateError::NotATime(rest.to_string())),
        },
    }
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

/// A date as a document writes it: `2016年10月10日` in Chinese (Arabic
/// numerals, as official documents date themselves), the ISO form
/// `2016-10-10` in English.
pub fn date_in_words(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// A deadline as a document writes it: the date alone when it is the end
/// of a day (`2016年10月10日`), else the date and the time of day
/// (`2016年10月10日 17:00`; `2016-10-10 17:00` in English).
pub fn time_in_words(t: NaiveDateTime, lang: Lang) -> String {
    let date = date_in_words(t.date(), lang);
    if t.time() == end_of_day(t.date()).time() {
        date
    } else {
        format!("{date} {}", t.format("%H:%M"))
    }
}

/// The form in which times are stored and printed.
pub fn format_time(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    // Written out directly for the years of four digits (a batch formats
    // millions); chrono's own format for the rest and for leap seconds.
    let year = t.year();
    if (0..=9999).contains(&year) && t.nanosecond() < 1_000_000_000 {
        // Digit by digit: `format!` costs several times as much.
        let mut out = [0u8; 19];
        let mut put = |at: usize, n: u32, width: usize| {
            let mut n = n;
            for i in (0..width).rev() {
                out[at + i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        put(0, year as u32, 4);
        put(5, t.month(), 2);
        put(8, t.day(), 2);
        put(11, t.hour(), 2);
        put(14, t.minute(), 2);
        put(17, t.second(), 2);
        for (at, c) in [(4, b'-'), (7, b'-'), (10, b' '), (13, b':'), (16, b':')] {
            out[at] = c;
        }
        return String::from_utf8_lossy(&out).into_owned();
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
            // A leap second exactly: chrono writes it as second 60.
            date(2016, 12, 31)
                .and_hms_nano_opt(23, 59, 59, 1_000_000_000)
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
    fn dates_in_words_are_chinese_or_iso() {
        let d = NaiveDate::from_ymd_opt(2016, 10, 1).unwrap();
        assert_eq!(date_in_words(d, Lang::Zh), "2016年10月1日");
        assert_eq!(date_in_words(d, Lang::En), "2016-10-01");
        let end = parse_as_of("2016-10-10").unwrap();
        assert_eq!(time_in_words(end, Lang::Zh), "2016年10月10日");
        assert_eq!(time_in_words(end, Lang::En), "2016-10-10");
        let at = parse_as_of("2016-10-10T17:00").unwrap();
        assert_eq!(time_in_words(at, Lang::Zh), "2016年10月10日 17:00");
        assert_eq!(time_in_words(at, Lang::En), "2016-10-10 17:00");
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
    fn dates_as_offices_and_spreadsheets_write_them() {
        let at = |t: &str| parse_at(t).map(format_time);
        for text in [
            "2016-07-05",
            "2016/7/5",
            "2016.7.5",
            "2016-7-5",
            "2016年7月5日",
            "2016年07月05日",
            "20160705",
            "２０１６／７／５",
            " 2016/7/5\u{3000}",
        ] {
            assert_eq!(at(text).as_deref(), Ok("2016-07-05 00:00:00"), "{text}");
        }
        for text in [
            "2016/7/5 9:30",
            "2016-07-05T09:30",
            "2016.7.5 09:30:00",
            "2016年7月5日 9:30",
            "2016-07-05 09:30:00",
        ] {
            assert_eq!(at(text).as_deref(), Ok("2016-07-05 09:30:00"), "{text}");
        }
        assert_eq!(
            format_time(parse_as_of("2016/10/1").unwrap()),
            "2016-10-01 23:59:59"
        );
        for bad in [
            "2016/7",
            "16/7/5",
            "2016/7/5 25:00",
            "2016/7/5 9",
            "7/5/2016",
            "2016-07-05x",
        ] {
            assert!(parse_at(bad).is_err(), "{bad}");
        }
        assert!(parse_date("2016/7/5 09:30").is_err());
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
            .contains("2016-02 has no day 30"));
        assert!(parse_date("2016-13-01")
            .unwrap_err()
            .contains("there is no month 13"));
    }

    #[test]
    fn dates_and_times_with_a_stray_character_or_digit_are_refused() {
        // A letter in the month or day is not a date, not "no month 0".
        assert_eq!(spelled("2016-1a-01"), Err(DateError::NotADate));
        assert_eq!(spelled("2016-10-0x"), Err(DateError::NotADate));
        // Hours and minutes have one or two digits; minutes and seconds two.
        for text in [
            "2016-10-01 009:30",
            "2016-10-01 9:030",
            "2016-10-01 9:5",
            "2016-10-01 9:30:5",
            "2016-10-01 9:5:30",
            "2016-10-01 9:30:005",
        ] {
            assert!(
                matches!(spelled(text), Err(DateError::NotATime(_))),
                "{text} was taken"
            );
        }
        assert_eq!(
            spelled("2016-10-01 9:05:30").unwrap().1,
            NaiveTime::from_hms_opt(9, 5, 30)
        );
    }

    #[test]
    fn times_that_do_not_exist_are_refused_with_their_reason() {
        for text in [
            "2016-08-01 10:00:60",
            "2016-08-01T10:00:60",
            "2016/8/1 9:30:60",
        ] {
            assert!(
                matches!(record_time(text), Err(DateError::LeapSecond(_))),
                "{text}"
            );
        }
        for text in [
            "0000-01-01",
            "0000-01-01 10:00:00",
            "0000-13-01",
            "0000-02-30",
        ] {
            assert_eq!(record_time(text), Err(DateError::NoYear), "{text}");
        }
        for text in [
            "+2016-08-01 10:00:00",
            "-2016-08-01",
            "12016-08-01 10:00:00",
        ] {
            assert_eq!(record_time(text), Err(DateError::NotADate), "{text}");
        }
        assert_eq!(
            DateError::NoDay {
                year: 999,
                month: 2,
                day: 30
            }
            .text("0999-02-30", Lang::En),
            parse_date("0999-02-30").unwrap_err()
        );
        assert!(parse_date("0999-02-30")
            .unwrap_err()
            .contains("0999-02 has no day 30"));
        // The edges that exist.
        assert_eq!(
            record_time("2016-08-01 10:00:59").map(format_time),
            Ok("2016-08-01 10:00:59".to_string())
        );
        assert!(parse_as_of("0001-01-01").is_ok());
        assert!(parse_as_of("9999-12-31 23:59:59").is_ok());
    }

    #[test]
    fn stored_forms_with_a_wrong_separator_are_not_read() {
        for text in ["2016x10-01", "2016-10x01"] {
            assert_eq!(parse_stored_date(text), None, "{text}");
        }
        for text in [
            "2016-10-01 09x30:00",
            "2016-10-01 09:30x00",
            "2016-10-01x09:30:00",
        ] {
            assert_eq!(parse_stored_time(text), None, "{text}");
        }
    }
}
