//! Deadlines as notices write them (docs/deadlines.md, "Deadline phrases"):
//! 年底前, 6月底前, 三季度末, 2019年6月30日前, 长期坚持, 适时… read into what
//! they mean, and the phrases of recurring duties (每年2月底前, 每季度末,
//! 每月25日前). Pure functions: the plan's year is an argument.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::recurring::{Every, Recurrence};

/// What kind of deadline a `due` phrase gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DueKind {
    /// The end of a period (年底前, 6月底前, 三季度末), resolved to a date.
    Period,
    /// A standing duty with no end (长期坚持, 持续推进): never overdue.
    Ongoing,
    /// The notice sets no deadline (适时, 及时): no date, and the plan's
    /// default does not apply.
    Unstated,
}

impl DueKind {
    /// The stable id, as the database and JSON write it.
    pub fn id(self) -> &'static str {
        match self {
            DueKind::Period => "period",
            DueKind::Ongoing => "ongoing",
            DueKind::Unstated => "unstated",
        }
    }

    pub fn parse(id: &str) -> Option<DueKind> {
        [DueKind::Period, DueKind::Ongoing, DueKind::Unstated]
            .into_iter()
            .find(|k| k.id() == id)
    }
}

/// What a phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Ongoing,
    Unstated,
    /// The last day of the period the phrase names.
    Date(NaiveDate),
}

/// Why a phrase was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a phrase of any accepted form.
    Unknown,
    /// A period without a year, in a plan that gives none.
    NeedsYear,
    /// A form that is known, naming a day that does not exist (2月30日).
    NotReal,
}

/// Words for a standing duty, alone or before one of `VERBS`.
const ONGOING: &[&str] = &["长期", "持续", "常态化", "经常性", "长效"];
/// Words for a deadline the notice leaves open.
const UNSTATED: &[&str] = &[
    "适时",
    "及时",
    "视情",
    "视情况",
    "按需",
    "根据需要",
    "不定期",
];
/// What may follow them: 长期坚持, 持续推进, 适时开展.
const VERBS: &[&str] = &[
    "", "坚持", "推进", "开展", "实施", "执行", "落实", "进行", "完成", "推动", "抓好",
];

/// Full-width digits as ASCII ones; surrounding spaces dropped.
fn normalize(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

/// One of `words` followed by one of `VERBS`.
fn is_word_and_verb(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.strip_prefix(w)
            .is_some_and(|rest| VERBS.contains(&rest))
    })
}

/// A number in ASCII digits or in Chinese numerals (一 to 三十一).
fn number(text: &str) -> Option<u32> {
    if !text.is_empty() && text.len() <= 2 && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok().filter(|&n| n > 0);
    }
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10).filter(|&n| n <= 30),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?).filter(|&n| n <= 31),
        _ => None,
    }
}

/// The last day of `month` of `year`.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next?.pred_opt()
}

/// The phrase without "前" and the like at its end: 年底前 → 年底.
fn strip_before(text: &str) -> &str {
    let text = text.strip_suffix("完成").unwrap_or(text);
    for end in ["以前", "之前", "前"] {
        if let Some(rest) = text.strip_suffix(end) {
            return rest;
        }
    }
    text
}

/// A leading "2016年" and what follows it.
fn year_prefix(text: &str) -> Option<(i32, &str)> {
    let (digits, rest) = text.split_once('年')?;
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, rest))
}

/// Where a period phrase ends within a year: (month, day or None for the
/// month's last day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct InYear {
    month: u32,
    day: Option<u32>,
}

/// A period within a year, as written after the year (or with the year
/// implied): 底, 年底, 6月底, 6月30日, 三季度末, 上半年…; `with_year` tells
/// whether "2016年" came before (then 底, 末 and 内 stand alone).
fn in_year(text: &str, with_year: bool) -> Result<InYear, Refusal> {
    let year_end = InYear {
        month: 12,
        day: None,
    };
    let alone: &[&str] = if with_year {
        &["底", "末", "内", "年底", "年末", "年内"]
    } else {
        &[
            "年底",
            "年末",
            "年内",
            "今年底",
            "今年内",
            "本年底",
            "本年内",
            "本年度内",
        ]
    };
    if alone.contains(&text) {
        return Ok(year_end);
    }
    match text.trim_end_matches(['末', '底']) {
        "上半年" => {
            return Ok(InYear {
                month: 6,
                day: None,
            })
        }
        "下半年" => return Ok(year_end),
        _ => {}
    }
    if let Some(q) = text
        .strip_suffix("季度末")
        .or_else(|| text.strip_suffix("季度底"))
    {
        let q = q.strip_prefix('第').unwrap_or(q);
        return match number(q) {
            Some(q @ 1..=4) => Ok(InYear {
                month: q * 3,
                day: None,
            }),
            _ => Err(Refusal::Unknown),
        };
    }
    if let Some((month, rest)) = text.split_once('月') {
        let Some(month) = number(month) else {
            return Err(Refusal::Unknown);
        };
        let day = match rest {
            "底" | "末" | "份" | "内" | "" => None,
            _ => match rest.strip_suffix('日').or_else(|| rest.strip_suffix('号')) {
                Some(day) => Some(number(day).ok_or(Refusal::Unknown)?),
                None => return Err(Refusal::Unknown),
            },
        };
        if !(1..=12).contains(&month) {
            return Err(Refusal::NotReal);
        }
        return Ok(InYear { month, day });
    }
    Err(Refusal::Unknown)
}

/// Reads a `due` phrase. `year` is the plan's year (its `year`, else the
/// year it was issued), for phrases that do not name one.
pub fn read(text: &str, year: Option<i32>) -> Result<Reading, Refusal> {
    let text = normalize(text);
    if text.eq_ignore_ascii_case("ongoing") || is_word_and_verb(&text, ONGOING) {
        return Ok(Reading::Ongoing);
    }
    if text.eq_ignore_ascii_case("unstated") || is_word_and_verb(&text, UNSTATED) {
        return Ok(Reading::Unstated);
    }
    let phrase = strip_before(&text);
    let (year, at) = match year_prefix(phrase) {
        Some((y, rest)) => (Some(y), in_year(rest, true)?),
        None => (year, in_year(phrase, false)?),
    };
    let Some(year) = year else {
        return Err(Refusal::NeedsYear);
    };
    let end = month_end(year, at.month).ok_or(Refusal::NotReal)?;
    let date = match at.day {
        None => end,
        Some(day) => end.with_day(day).ok_or(Refusal::NotReal)?,
    };
    Ok(Reading::Date(date))
}

/// Reads the phrase of a recurring duty: 每年2月底前, 每年6月30日前,
/// 每年年底前, 每季度末, 每月25日前, 每月底前.
pub fn read_every(text: &str) -> Result<Recurrence, Refusal> {
    let text = normalize(text);
    let phrase = strip_before(&text);
    let end_words = ["", "底", "末", "年底", "年末", "内"];
    if let Some(rest) = phrase.strip_prefix("每年") {
        if end_words.contains(&rest) {
            return Ok(Recurrence::new(Every::Year, 12, None));
        }
        let at = in_year(rest, false)?;
        // Checked against a leap year: 每年2月29日 is refused elsewhere.
        let end = month_end(2016, at.month).ok_or(Refusal::NotReal)?;
        if at.day.is_some_and(|d| end.with_day(d).is_none()) {
            return Err(Refusal::NotReal);
        }
        return Ok(Recurrence::new(Every::Year, at.month, at.day));
    }
    if let Some(rest) = phrase
        .strip_prefix("每季度")
        .or_else(|| phrase.strip_prefix("每个季度"))
    {
        if end_words.contains(&rest) {
            return Ok(Recurrence::new(Every::Quarter, 0, None));
        }
        let day = rest
            .strip_prefix("末月")
            .and_then(|d| d.strip_suffix('日'))
            .ok_or(Refusal::Unknown)?;
        return match number(day) {
            Some(d @ 1..=31) => Ok(Recurrence::new(Every::Quarter, 0, Some(d))),
            _ => Err(Refusal::Unknown),
        };
    }
    if let Some(rest) = phrase
        .strip_prefix("每月")
        .or_else(|| phrase.strip_prefix("每个月"))
    {
        if end_words.contains(&rest) {
            return Ok(Recurrence::new(Every::Month, 0, None));
        }
        let day = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))
            .ok_or(Refusal::Unknown)?;
        return match number(day) {
            Some(d @ 1..=31) => Ok(Recurrence::new(Every::Month, 0, Some(d))),
            _ => Err(Refusal::Unknown),
        };
    }
    Err(Refusal::Unknown)
}

/// Reads `by` of an `every` rule given with `every = "year" | "quarter" |
/// "month"`: "MM-DD" or "MM-end" for a year, "DD" or "end" for a quarter
/// (a day of its last month) or a month.
pub fn read_by(every: Every, text: &str) -> Option<Recurrence> {
    let day = |t: &str| -> Option<Option<u32>> {
        if t == "end" {
            return Some(None);
        }
        if t.is_empty() || t.len() > 2 || !t.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let d: u32 = t.parse().ok()?;
        (1..=31).contains(&d).then_some(Some(d))
    };
    match every {
        Every::Year => {
            let (month, rest) = text.split_once('-')?;
            if month.len() != 2 || !month.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let month: u32 = month.parse().ok()?;
            let day = day(rest)?;
            let end = month_end(2016, month)?;
            if day.is_some_and(|d| end.with_day(d).is_none()) {
                return None;
            }
            Some(Recurrence::new(Every::Year, month, day))
        }
        _ => Some(Recurrence::new(every, 0, day(text)?)),
    }
}

/// A due date as people see it: the date, with the notice's wording when
/// it gave a phrase (2016-12-31（年底前）); for a standing duty or an open
/// deadline its kind (长期, 未明确), with the wording when it says more.
/// None when there is no due date at all.
pub fn shown(
    due: Option<&str>,
    kind: Option<&str>,
    text: Option<&str>,
    lang: crate::lang::Lang,
) -> Option<String> {
    use crate::messages as m;
    let kind_said = |label: m::Msg, word: &str| {
        Some(match text {
            Some(t) if !t.eq_ignore_ascii_case(word) => {
                m::due_kind_with_wording(label, t).text(lang).to_string()
            }
            _ => label.text(lang).to_string(),
        })
    };
    match (kind.and_then(DueKind::parse), due, text) {
        (Some(DueKind::Ongoing), _, _) => kind_said(m::due_ongoing(), "ongoing"),
        (Some(DueKind::Unstated), _, _) => kind_said(m::due_unstated(), "unstated"),
        (Some(DueKind::Period), Some(due), Some(text)) => {
            Some(m::due_with_wording(due, text).text(lang).to_string())
        }
        (_, due, _) => due.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Reading {
        Reading::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn standing_and_open_deadlines_are_told_apart() {
        for text in [
            "长期坚持",
            "持续推进",
            "长期",
            "持续",
            "常态化",
            "常态化推进",
            "持续开展",
            " 长期坚持 ",
            "ongoing",
            "Ongoing",
        ] {
            assert_eq!(read(text, None), Ok(Reading::Ongoing), "{text}");
        }
        for text in ["适时", "及时", "视情", "视情况", "适时开展", "unstated"] {
            assert_eq!(read(text, None), Ok(Reading::Unstated), "{text}");
        }
    }

    #[test]
    fn periods_end_on_their_last_day_in_the_plans_year() {
        let y = Some(2016);
        for (text, want) in [
            ("年底前", d(2016, 12, 31)),
            ("年内", d(2016, 12, 31)),
            ("年末", d(2016, 12, 31)),
            ("6月底前", d(2016, 6, 30)),
            ("2月底前", d(2016, 2, 29)),
            ("6月末", d(2016, 6, 30)),
            ("六月底前", d(2016, 6, 30)),
            ("十二月底前", d(2016, 12, 31)),
            ("11月底前完成", d(2016, 11, 30)),
            ("9月15日前", d(2016, 9, 15)),
            ("九月十五日前", d(2016, 9, 15)),
            ("10月31日以前", d(2016, 10, 31)),
            ("三季度末", d(2016, 9, 30)),
            ("第三季度末", d(2016, 9, 30)),
            ("一季度末", d(2016, 3, 31)),
            ("4季度末", d(2016, 12, 31)),
            ("上半年", d(2016, 6, 30)),
            ("下半年", d(2016, 12, 31)),
            ("６月底前", d(2016, 6, 30)),
            ("１２月３１日前", d(2016, 12, 31)),
        ] {
            assert_eq!(read(text, y), Ok(want), "{text}");
        }
    }

    #[test]
    fn a_year_written_in_the_phrase_wins_over_the_plans() {
        for (text, want) in [
            ("2016年底前", d(2016, 12, 31)),
            ("2019年6月30日前", d(2019, 6, 30)),
            ("2017年6月底前", d(2017, 6, 30)),
            ("2017年2月底前", d(2017, 2, 28)),
            ("2018年内", d(2018, 12, 31)),
            ("2018年三季度末", d(2018, 9, 30)),
            ("２０１９年６月３０日前", d(2019, 6, 30)),
        ] {
            assert_eq!(read(text, Some(2016)), Ok(want), "{text}");
            assert_eq!(read(text, None), Ok(want), "{text} without a plan year");
        }
    }

    #[test]
    fn unknown_phrases_and_impossible_days_are_refused() {
        for text in [
            "",
            "尽快",
            "2016",
            "2016-12-31",
            "明年底前",
            "五季度末",
            "13月底前",
            "6月40日前",
            "16年底前",
            "长期坚持推进工作",
            "December",
        ] {
            assert!(read(text, Some(2016)).is_err(), "{text}");
        }
        // 年底 without 前 is the end of the year all the same.
        assert_eq!(read("年底", Some(2016)), Ok(d(2016, 12, 31)));
        assert_eq!(read("尽快", Some(2016)), Err(Refusal::Unknown));
        assert_eq!(read("2月30日前", Some(2016)), Err(Refusal::NotReal));
        assert_eq!(read("2017年2月29日前", None), Err(Refusal::NotReal));
        assert_eq!(read("13月底前", Some(2016)), Err(Refusal::NotReal));
        assert_eq!(read("年底前", None), Err(Refusal::NeedsYear));
        assert_eq!(read("三季度末", None), Err(Refusal::NeedsYear));
        // A standing duty needs no year.
        assert_eq!(read("长期坚持", None), Ok(Reading::Ongoing));
    }

    #[test]
    fn recurring_phrases_give_the_period_and_the_day() {
        for (text, every, month, day) in [
            ("每年2月底前", Every::Year, 2, None),
            ("每年6月30日前", Every::Year, 6, Some(30)),
            ("每年年底前", Every::Year, 12, None),
            ("每年底前", Every::Year, 12, None),
            ("每年三月底前", Every::Year, 3, None),
            ("每季度末", Every::Quarter, 0, None),
            ("每季度末月20日前", Every::Quarter, 0, Some(20)),
            ("每月25日前", Every::Month, 0, Some(25)),
            ("每月底前", Every::Month, 0, None),
            ("每个月５日前", Every::Month, 0, Some(5)),
        ] {
            assert_eq!(
                read_every(text),
                Ok(Recurrence::new(every, month, day)),
                "{text}"
            );
        }
        for text in [
            "每周五前",
            "每年2月30日前",
            "每月32日前",
            "年底前",
            "每天",
            "",
        ] {
            assert!(read_every(text).is_err(), "{text}");
        }
    }

    #[test]
    fn by_is_read_for_its_period() {
        assert_eq!(
            read_by(Every::Year, "02-28"),
            Some(Recurrence::new(Every::Year, 2, Some(28)))
        );
        assert_eq!(
            read_by(Every::Year, "02-end"),
            Some(Recurrence::new(Every::Year, 2, None))
        );
        assert_eq!(
            read_by(Every::Month, "end"),
            Some(Recurrence::new(Every::Month, 0, None))
        );
        assert_eq!(
            read_by(Every::Quarter, "20"),
            Some(Recurrence::new(Every::Quarter, 0, Some(20)))
        );
        for (every, text) in [
            (Every::Year, "2-28"),
            (Every::Year, "02-30"),
            (Every::Year, "13-01"),
            (Every::Year, "end"),
            (Every::Month, "32"),
            (Every::Month, "0"),
            (Every::Month, "02-28"),
            (Every::Quarter, "End"),
        ] {
            assert_eq!(read_by(every, text), None, "{text}");
        }
    }

    #[test]
    fn chinese_numbers_are_read_up_to_thirty_one() {
        assert_eq!(number("十"), Some(10));
        assert_eq!(number("十二"), Some(12));
        assert_eq!(number("二十"), Some(20));
        assert_eq!(number("三十一"), Some(31));
        assert_eq!(number("三十二"), None);
        assert_eq!(number("四十"), None);
        assert_eq!(number("0"), None);
        assert_eq!(number("123"), None);
    }
}
