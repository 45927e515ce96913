//! How people and spreadsheets write values: spaces of both widths,
//! full-width digits, percents with or without a sign, statuses under their
//! usual names. Every way in — the command line, a CSV file, a workbook —
//! cleans its values here, so that the same report written two ways is the
//! same entry.

use crate::status::Status;

/// Spaces trimmed from values: ASCII white space, the no-break space and
/// the ideographic (full-width) space.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// `text` without the spaces around it, of either width.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// `text` with full-width digits, letters and punctuation (U+FF01 to
/// U+FF5E) and the ideographic space turned into their ASCII forms.
pub fn halfwidth(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return text.into();
    }
    if !text
        .chars()
        .any(|c| ('\u{ff01}'..='\u{ff5e}').contains(&c) || c == '\u{3000}')
    {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Why a percent was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadPercent {
    /// Not a number, or not a whole one.
    NotWhole,
    /// A whole number beyond 0 to 100.
    OutOfRange(i64),
}

/// A percent as written: `50`, `50%`, `040`, `+40`, `50.0`, `５０％`.
pub fn percent(text: &str) -> Result<u8, BadPercent> {
    let ascii = halfwidth(text);
    let t = trim(&ascii);
    let t = trim(t.strip_suffix('%').unwrap_or(t));
    let t = t.strip_prefix('+').unwrap_or(t);
    // A whole number may be written with a fraction of zeros (Excel's 50.0).
    let whole = match t.split_once('.') {
        Some((w, f)) if !w.is_empty() && !f.is_empty() && f.bytes().all(|b| b == b'0') => w,
        Some(_) => return Err(BadPercent::NotWhole),
        None => t,
    };
    let negative = whole.starts_with('-');
    let digits = whole.strip_prefix('-').unwrap_or(whole);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadPercent::NotWhole);
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 6 {
        return Err(BadPercent::OutOfRange(if negative {
            -1_000_000
        } else {
            1_000_000
        }));
    }
    let n: i64 = trimmed.parse().unwrap_or(0);
    let n = if negative { -n } else { n };
    u8::try_from(n)
        .ok()
        .filter(|p| *p <= 100)
        .ok_or(BadPercent::OutOfRange(n))
}

/// A percent from a number cell of a workbook. `fraction` says that the
/// column holds fractions shown as percents (0.5 shown as 50%).
pub fn percent_of_number(value: f64, fraction: bool) -> Result<u8, BadPercent> {
    let scaled = if fraction { value * 100.0 } else { value };
    // Fractions shown as percents carry binary noise: 0.07 * 100 is
    // 7.000000000000001.
    let rounded = scaled.round();
    if (scaled - rounded).abs() > 1e-6 {
        return Err(BadPercent::NotWhole);
    }
    if !(0.0..=100.0).contains(&rounded) {
        return Err(BadPercent::OutOfRange(rounded.clamp(-1e6, 1e6) as i64));
    }
    Ok(rounded as u8)
}

/// A date written as Excel's serial number (days since 1899-12-30, with a
/// fraction for the time), as a CSV saved from a workbook may hold it:
/// five digits from 1982 (30000) to 2119 (80000).
pub fn excel_serial(text: &str) -> Option<chrono::NaiveDateTime> {
    let ascii = halfwidth(text);
    let t = trim(&ascii);
    let (days, fraction) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if days.len() != 5 || !digits(days) || !digits(fraction) {
        return None;
    }
    let n: f64 = t.parse().ok()?;
    if !(30_000.0..80_000.0).contains(&n) {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(chrono::NaiveTime::MIN);
    let seconds = (n * 86_400.0).round() as i64;
    epoch.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?)
}

/// What a division reports, by the names offices use for it. The office's
/// own statuses (closed, withdrawn) are read too, to be refused with a
/// reason.
pub fn status(text: &str) -> Option<Status> {
    let ascii = halfwidth(text);
    let t = trim(&ascii);
    if let Ok(s) = t.parse::<Status>() {
        return Some(s);
    }
    let lower = t.to_ascii_lowercase().replace(['_', ' '], "-");
    if let Ok(s) = lower.parse::<Status>() {
        return Some(s);
    }
    let s = match (lower.as_str(), t) {
        (
            _,
            "进行中" | "正在推进" | "正在进行" | "推进" | "在推进" | "进展中" | "实施中"
            | "正在实施" | "办理中" | "正在办理",
        ) => Status::InProgress,
        ("ongoing" | "started" | "doing", _) => Status::InProgress,
        (_, "完成" | "已办结" | "办结" | "已落实" | "完成了") => Status::Done,
        ("finished" | "complete" | "completed", _) => Status::Done,
        (_, "未开始" | "暂未启动" | "尚未启动" | "尚未开始" | "未开展" | "暂未开展" | "待启动") => {
            Status::NotStarted
        }
        ("todo" | "not-yet-started", _) => Status::NotStarted,
        (_, "存在困难" | "有困难" | "阻滞" | "受阻中" | "遇到困难" | "暂缓") => {
            Status::Blocked
        }
        ("stuck" | "on-hold", _) => Status::Blocked,
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_as_people_write_them() {
        for (text, n) in [
            ("50", 50),
            ("50%", 50),
            (" 50 % ", 50),
            ("040", 40),
            ("0040", 40),
            ("+40", 40),
            ("50.0", 50),
            ("５０％", 50),
            ("\u{3000}80\u{3000}", 80),
            ("0", 0),
            ("100", 100),
        ] {
            assert_eq!(percent(text), Ok(n), "{text:?}");
        }
        assert_eq!(percent("150"), Err(BadPercent::OutOfRange(150)));
        assert_eq!(percent("-5"), Err(BadPercent::OutOfRange(-5)));
        for bad in ["", "%", "half", "33.3", "5 0", "0x10", "1e2", "++4"] {
            assert_eq!(percent(bad), Err(BadPercent::NotWhole), "{bad:?}");
        }
    }

    #[test]
    fn percents_from_number_cells() {
        assert_eq!(percent_of_number(0.5, true), Ok(50));
        assert_eq!(percent_of_number(0.07, true), Ok(7));
        assert_eq!(percent_of_number(1.0, true), Ok(100));
        assert_eq!(percent_of_number(40.0, false), Ok(40));
        assert_eq!(percent_of_number(0.333, true), Err(BadPercent::NotWhole));
        assert_eq!(
            percent_of_number(1.5, true),
            Err(BadPercent::OutOfRange(150))
        );
    }

    #[test]
    fn statuses_under_their_usual_names() {
        for (text, s) in [
            ("in-progress", Status::InProgress),
            ("In Progress", Status::InProgress),
            ("NOT_STARTED", Status::NotStarted),
            ("推进中", Status::InProgress),
            ("进行中", Status::InProgress),
            ("正在推进", Status::InProgress),
            ("\u{3000}已完成 ", Status::Done),
            ("完成", Status::Done),
            ("未开始", Status::NotStarted),
            ("暂未启动", Status::NotStarted),
            ("受阻", Status::Blocked),
            ("存在困难", Status::Blocked),
            ("已销号", Status::Closed),
        ] {
            assert_eq!(status(text), Some(s), "{text:?}");
        }
        assert_eq!(status("进行了一半"), None);
        assert_eq!(status(""), None);
    }

    #[test]
    fn excel_serial_numbers_in_text() {
        let t = |s| excel_serial(s).map(crate::time::format_time);
        assert_eq!(t("42556").as_deref(), Some("2016-07-05 00:00:00"));
        assert_eq!(t("42556.5").as_deref(), Some("2016-07-05 12:00:00"));
        assert_eq!(t("4255"), None);
        assert_eq!(t("20160705"), None);
        assert_eq!(t("42556x"), None);
    }

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(halfwidth("２０１６／７／５　９：３０"), "2016/7/5 9:30");
        assert_eq!(trim("\u{3000} 法规处 \u{3000}"), "法规处");
    }

    #[test]
    fn an_ideographic_space_alone_becomes_a_space() {
        assert_eq!(halfwidth("\u{3000}"), " ");
        assert_eq!(halfwidth("法规处\u{3000}"), "法规处 ");
    }

    #[test]
    fn huge_percents_are_told_with_their_value_or_as_a_million() {
        assert_eq!(percent("100000"), Err(BadPercent::OutOfRange(100_000)));
        assert_eq!(percent("-100000"), Err(BadPercent::OutOfRange(-100_000)));
        assert_eq!(percent("1234567"), Err(BadPercent::OutOfRange(1_000_000)));
        assert_eq!(percent("-1234567"), Err(BadPercent::OutOfRange(-1_000_000)));
    }

    #[test]
    fn excel_serials_are_five_digits_and_a_plain_fraction() {
        assert!(excel_serial("42705").is_some());
        assert!(excel_serial("42705.5").is_some());
        // Six digits, even with a leading zero, and exponents are not.
        assert_eq!(excel_serial("042705"), None);
        assert_eq!(excel_serial("42705.5e0"), None);
        assert_eq!(excel_serial("4270.5"), None);
    }

    #[test]
    fn english_words_for_statuses() {
        for (text, want) in [
            ("ongoing", Status::InProgress),
            ("Doing", Status::InProgress),
            ("finished", Status::Done),
            ("Completed", Status::Done),
            ("todo", Status::NotStarted),
            ("not yet started", Status::NotStarted),
            ("stuck", Status::Blocked),
            ("on hold", Status::Blocked),
        ] {
            assert_eq!(status(text), Some(want), "{text}");
        }
        assert_eq!(status("maybe"), None);
    }
}
