//! Deadlines in a notice's words: the end of a period (2016年底前, 6月底前,
//! 2019年6月30日前), standing duties (长期坚持), recurring duties
//! (每年2月底前), time limits after an event (文件公开后3个工作日内, 24小时内)
//! and quotas (年内……不少于1次). What the plan format reads is checked with
//! its own reader, so a draft never holds a phrase that `load` refuses.

use chrono::NaiveDate;

use super::words::{number, numeral_char, split_outside};
use crate::plan::due::{self, Reading};

/// A time rule found in an item's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Within `within` (3wd, 24h, 10d) after each `event`.
    After {
        event: String,
        within: String,
        what: String,
    },
    /// At least `count` times by `by`.
    Quota {
        event: String,
        count: u32,
        by: NaiveDate,
        what: String,
    },
    /// A recurring duty, in the notice's words (每年2月底前).
    Every { every: String, what: String },
}

/// What a deadline phrase standing alone (a table cell, a 完成时限 line, a
/// clause in brackets) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stated {
    /// A `due` the plan format reads, as written.
    Due(String),
    Rule(Rule),
}

/// Reads a phrase standing alone; None when it is not a deadline the plan
/// format knows.
pub fn stated(text: &str, year: Option<i32>) -> Option<Stated> {
    let t = super::words::ascii_digits(
        text.trim()
            .trim_end_matches(|c: char| "。.；;，,".contains(c))
            .trim(),
    );
    let t = t.as_str();
    if t.is_empty() || t.chars().count() > 40 {
        return None;
    }
    if t.starts_with('每') && due::read_every(t).is_ok() {
        return Some(Stated::Rule(Rule::Every {
            every: t.to_string(),
            what: String::new(),
        }));
    }
    if let Some(rule) = quota(t, year) {
        return Some(Stated::Rule(rule));
    }
    if due::read(t, year).is_ok() {
        return Some(Stated::Due(t.to_string()));
    }
    // A range or several stages (2022年3月—6月, 即日起至2024年12月,
    // 6月底前完成初稿，9月底前印发): the last end, with the year carried.
    let year_written = t
        .find('年')
        .filter(|&i| i == 4 && t[..4].chars().all(|c| c.is_ascii_digit()))
        .map(|_| &t[..7]);
    let stages = phrases_in(t, year_written.and_then(|y| y[..4].parse().ok()).or(year));
    if let Some(Stated::Due(last)) = stages.iter().rev().find(|s| matches!(s, Stated::Due(_))) {
        return Some(Stated::Due(match year_written {
            Some(y) if !last.contains('年') => format!("{y}{last}"),
            _ => last.clone(),
        }));
    }
    let last = t
        .rsplit(['—', '–', '~', '～', '至', '到', '，', ',', '；'])
        .map(str::trim)
        .find(|p| !p.is_empty())?;
    let last = last
        .trim_end_matches("完成")
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let with_year = match year_written {
        Some(y) if !last.contains('年') => format!("{y}{last}"),
        _ => last.to_string(),
    };
    // 2024年一季度, 2022年6月: the end of that quarter or month.
    let month_end = format!("{with_year}底前");
    let candidates = if with_year.ends_with('月') {
        [month_end, with_year.clone(), format!("{with_year}末")]
    } else {
        [with_year.clone(), format!("{with_year}末"), month_end]
    };
    for candidate in candidates {
        if candidate != t && matches!(due::read(&candidate, year), Ok(due::Reading::Date(_))) {
            return Some(Stated::Due(candidate));
        }
    }
    None
}

/// The period-end phrases written inside running text, in order, each as
/// the plan format reads it (2017年6月底前, 年底前), with whether it was
/// preceded by 每 (a recurring duty: 每年2月底前).
pub fn phrases_in(text: &str, year: Option<i32>) -> Vec<Stated> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, _) = chars[i];
        let rest = &text[at..];
        // The phrase ends at one of these.
        let end = [
            "底前",
            "末前",
            "日前",
            "季度末",
            "年底",
            "月底",
            "年末",
            "月末",
        ]
        .iter()
        .find(|e| rest.starts_with(*e));
        let Some(end) = end else {
            i += 1;
            continue;
        };
        let mut stop = at + end.len();
        // 年底前 / 月底前 take their 前.
        if !end.ends_with('前') && text[stop..].starts_with('前') {
            stop += '前'.len_utf8();
        }
        // Grow left over digits, 年, 月, 第 and quarter numerals.
        let mut start = at;
        let mut j = i;
        while j > 0 {
            let c = chars[j - 1].1;
            if numeral_char(c) || "年月第上下半".contains(c) {
                j -= 1;
                start = chars[j].0;
            } else {
                break;
            }
        }
        let phrase = &text[start..stop];
        let every = text[..start].ends_with('每');
        let found = if every {
            let p = format!("每{phrase}");
            due::read_every(&p).ok().map(|_| {
                Stated::Rule(Rule::Every {
                    every: p,
                    what: String::new(),
                })
            })
        } else if phrase.starts_with(['年', '月'])
            && !phrase.starts_with("年底")
            && !phrase.starts_with("年末")
        {
            None
        } else {
            match due::read(phrase, year) {
                Ok(Reading::Date(_)) => Some(Stated::Due(phrase.to_string())),
                _ => None,
            }
        };
        if let Some(f) = found {
            out.push(f);
        }
        // Past this phrase.
        while i < chars.len() && chars[i].0 < stop {
            i += 1;
        }
    }
    out
}

/// Time limits after an event written in running text: 文件公开后3个工作日内
/// 在…发布, 突发事件发生后，在24小时内举行…, 收到之日起15日内….
pub fn limits_in(text: &str) -> Vec<Rule> {
    let mut out = Vec::new();
    for sentence in split_outside(text, &['。', '；', ';', '\n']) {
        let mut search = 0;
        while let Some((num_start, unit_end, within)) = limit_at(sentence, search) {
            search = unit_end;
            let before = &sentence[..num_start];
            let before = before.trim_end_matches(['在', '于', '内', ' ']);
            let before = before.trim_end_matches(['，', ',']).trim_end_matches('在');
            let Some(event_end) = before
                .rfind("之日起")
                .map(|i| (i, "之日起".len()))
                .or_else(|| before.rfind('后').map(|i| (i, '后'.len_utf8())))
                .or_else(|| before.rfind('起').map(|i| (i, '起'.len_utf8())))
                .filter(|(i, l)| i + l >= before.len().saturating_sub(3))
            else {
                continue;
            };
            let head = &before[..event_end.0];
            // The event: from the last clause start, after 于/自/在.
            let clause_start = head.rfind(['，', ',', '：', ':']).map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            });
            let mut event = &head[clause_start..];
            for w in ["应于", "应在", "须于", "于", "自", "在", "从"] {
                if let Some(i) = event.rfind(w) {
                    event = &event[i + w.len()..];
                    break;
                }
            }
            let event = event.trim_end_matches("发生").trim().to_string();
            let what_text = &sentence[unit_end..];
            let what = split_outside(what_text, &['，', ','])[0].trim().to_string();
            if event.is_empty() {
                continue;
            }
            out.push(Rule::After {
                event,
                within,
                what,
            });
        }
    }
    out
}

/// The next `N个工作日内` / `N日内` / `N天内` / `N小时内` from byte `from`:
/// (number start, phrase end, the duration as the plan writes it).
fn limit_at(s: &str, from: usize) -> Option<(usize, usize, String)> {
    let units: [(&str, &str); 6] = [
        ("个工作日内", "wd"),
        ("个工作日", "wd"),
        ("个小时内", "h"),
        ("小时内", "h"),
        ("日内", "d"),
        ("天内", "d"),
    ];
    let mut best: Option<(usize, usize, String)> = None;
    for (word, unit) in units {
        let mut at = from;
        while let Some(i) = s[at..].find(word).map(|i| i + at) {
            at = i + word.len();
            let num_start = s[..i]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| numeral_char(c))
                .last()
                .map(|(j, _)| j);
            let Some(num_start) = num_start else { continue };
            let Some(n) = number(&s[num_start..i]).filter(|&n| n > 0) else {
                continue;
            };
            let end = i + word.len();
            if best.as_ref().is_none_or(|b| num_start < b.0) {
                best = Some((num_start, end, format!("{n}{unit}")));
            }
            break;
        }
    }
    best
}

/// 年内……不少于N次 / 全年……不少于N次 / 每年……不少于N次 (the year of the
/// plan), as a quota due at the year's end.
pub fn quota(text: &str, year: Option<i32>) -> Option<Rule> {
    let year = year?;
    for sentence in split_outside(text, &['。', '；', ';', '\n']) {
        for clause in split_outside(sentence, &['，', ',']) {
            let Some(at) = clause.find("不少于") else {
                continue;
            };
            let after = &clause[at + "不少于".len()..];
            let digits: String = after.chars().take_while(|&c| numeral_char(c)).collect();
            let rest = &after[digits.len()..];
            let Some(count) = number(&digits) else {
                continue;
            };
            if !(rest.starts_with('次') || rest.starts_with("场") || rest.starts_with("期")) {
                continue;
            }
            let head = &clause[..at];
            let Some(start) = ["年内", "全年", "每年", "年度内"]
                .iter()
                .find_map(|w| head.find(w).map(|i| i + w.len()))
            else {
                continue;
            };
            let what = head[start..].trim().to_string();
            return Some(Rule::Quota {
                event: what.clone(),
                count,
                by: NaiveDate::from_ymd_opt(year, 12, 31)?,
                what,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_phrases_in_running_text() {
        let got = phrases_in(
            "力争2017年6月底前完成，年底前全面推开，每年2月底前报送。",
            Some(2017),
        );
        assert_eq!(
            got,
            [
                Stated::Due("2017年6月底前".into()),
                Stated::Due("年底前".into()),
                Stated::Rule(Rule::Every {
                    every: "每年2月底前".into(),
                    what: String::new()
                })
            ]
        );
        assert!(phrases_in("近日前往调研", Some(2017)).is_empty());
    }

    #[test]
    fn limits_after_an_event() {
        let got = limits_in(
            "出台重要政策，相关解读材料应于文件公开后3个工作日内在委门户网站和媒体发布。",
        );
        assert_eq!(
            got,
            [Rule::After {
                event: "文件公开".into(),
                within: "3wd".into(),
                what: "在委门户网站和媒体发布".into()
            }]
        );
        let got = limits_in("特别重大、重大突发事件发生后,在24小时内举行新闻发布会。");
        assert_eq!(
            got,
            [Rule::After {
                event: "特别重大、重大突发事件".into(),
                within: "24h".into(),
                what: "举行新闻发布会".into()
            }]
        );
        assert!(limits_in("在3个工作日内办结。").is_empty());
    }

    #[test]
    fn quotas() {
        let got = quota(
            "主要负责人带头宣讲政策，年内解读重要政策措施不少于1次。",
            Some(2016),
        );
        assert_eq!(
            got,
            Some(Rule::Quota {
                event: "解读重要政策措施".into(),
                count: 1,
                by: NaiveDate::from_ymd_opt(2016, 12, 31).unwrap(),
                what: "解读重要政策措施".into()
            })
        );
        assert_eq!(quota("年内不少于1次", None), None);
    }

    #[test]
    fn phrases_standing_alone() {
        assert_eq!(
            stated("长期坚持", None),
            Some(Stated::Due("长期坚持".into()))
        );
        assert_eq!(
            stated("2018年9月底前", None),
            Some(Stated::Due("2018年9月底前".into()))
        );
        assert!(matches!(
            stated("每季度末", None),
            Some(Stated::Rule(Rule::Every { .. }))
        ));
        assert!(matches!(
            stated("年内不少于2次", Some(2018)),
            Some(Stated::Rule(Rule::Quota { count: 2, .. }))
        ));
        assert_eq!(stated("抓紧推进", None), None);
        let due = |t: &str| match stated(t, Some(2022)) {
            Some(Stated::Due(d)) => d,
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(due("2022年3月—6月"), "2022年6月底前");
        assert_eq!(due("即日起至2024年12月"), "2024年12月底前");
        assert_eq!(due("2022年6月底前完成初稿，9月底前印发"), "2022年9月底前");
        assert_eq!(due("2024年一季度"), "2024年一季度末");
        assert_eq!(due("２０２３年６月底前"), "2023年6月底前");
    }

    #[test]
    fn a_phrase_standing_alone_is_short() {
        // Up to 40 characters a cell is read as a deadline; a longer text
        // is a sentence, read as running text elsewhere.
        let padded = |n: usize| format!("{}6月底前", "甲".repeat(n - 4));
        assert_eq!(
            stated(&padded(40), Some(2022)),
            Some(Stated::Due("6月底前".into()))
        );
        assert_eq!(stated(&padded(41), Some(2022)), None);
        assert_eq!(stated("", Some(2022)), None);
        assert_eq!(stated("。", Some(2022)), None);
    }

    #[test]
    fn every_needs_a_period_after_it() {
        // 每 that opens no recurring period is not a rule.
        assert_eq!(stated("每次", Some(2022)), None);
        assert!(!matches!(
            stated("每次会议前", Some(2022)),
            Some(Stated::Rule(Rule::Every { .. }))
        ));
    }

    #[test]
    fn a_range_over_two_years_keeps_the_later_year() {
        let got = stated("2022年3月至2023年6月底前", None);
        assert_eq!(got, Some(Stated::Due("2023年6月底前".into())));
    }

    #[test]
    fn phrases_at_the_end_of_the_text_and_without_their_qian() {
        assert_eq!(
            phrases_in("2017年6月底前", None),
            [Stated::Due("2017年6月底前".into())]
        );
        // 年底 without 前 ends the phrase where it ends.
        assert_eq!(
            phrases_in("2017年底完成", None),
            phrases_in("2017年底", None)
        );
        assert_eq!(
            phrases_in("年底前全面推开", Some(2017)),
            [Stated::Due("年底前".into())]
        );
        assert_eq!(
            phrases_in("年末完成", Some(2017)),
            phrases_in("年末", Some(2017))
        );
        assert!(!phrases_in("年末", Some(2017)).is_empty());
        // A month or a year alone opens no phrase.
        assert!(phrases_in("月底前", Some(2017)).is_empty());
        assert!(phrases_in("年前", Some(2017)).is_empty());
    }

    #[test]
    fn two_phrases_one_after_the_other() {
        assert_eq!(
            phrases_in("6月底前年末", Some(2017)),
            [Stated::Due("6月底前".into()), Stated::Due("年末".into())]
        );
    }

    #[test]
    fn the_first_limit_written_is_read() {
        // The earliest of the limits, whichever its unit.
        let (_, _, within) = limit_at("24小时内报告，3个工作日内办结", 0).unwrap();
        assert_eq!(within, "24h");
        // A unit word without a number before it is passed over.
        let (start, _, within) = limit_at("个工作日内办结，收到后3个工作日内报送", 0).unwrap();
        assert_eq!(within, "3wd");
        assert_eq!(start, "个工作日内办结，收到后".len());
        // No limit of nothing.
        assert_eq!(limit_at("0个工作日内", 0), None);
    }

    #[test]
    fn quotas_count_times_sessions_and_issues() {
        for (text, count) in [
            ("年内举办培训不少于2场", 2),
            ("全年编发简报不少于4期", 4),
            ("年内开展督查不少于3次", 3),
        ] {
            assert!(
                matches!(quota(text, Some(2020)), Some(Rule::Quota { count: c, .. }) if c == count),
                "{text}"
            );
        }
        assert_eq!(quota("年内培训不少于2人", Some(2020)), None);
    }

    #[test]
    fn the_event_is_written_just_before_the_limit() {
        // 后 far from the number is no event of this limit.
        assert!(limits_in("会议召开后各单位要在3个工作日内报送").is_empty());
        // The event begins after the clause's comma.
        let got = limits_in("上报材料，文件公开后3个工作日内在网站发布");
        assert_eq!(
            got,
            [Rule::After {
                event: "文件公开".into(),
                within: "3wd".into(),
                what: "在网站发布".into()
            }]
        );
    }
}
