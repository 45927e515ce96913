//! The head of a notice: its title, 文号, issuer, date and addressees, and
//! the office it tells to collect the returns.

use chrono::NaiveDate;

use super::words::{digit, looks_like_unit, number};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Head {
    /// The notice's own title (…关于印发…的通知).
    pub notice_title: Option<String>,
    /// The title of the plan: what the notice issues (印发《X》), else the
    /// notice's title.
    pub title: Option<String>,
    pub doc_no: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<NaiveDate>,
    pub addressees: Option<String>,
    /// The office the notice names to send returns to, and the sentence it
    /// was read from.
    pub office: Option<(String, String)>,
}

/// The kinds of document a title ends with.
const KINDS: &[&str] = &[
    "通知",
    "通报",
    "意见",
    "方案",
    "要点",
    "计划",
    "办法",
    "决定",
    "函",
    "清单",
    "分工表",
    "任务表",
    "细则",
    "规划",
    "安排",
    "纪要",
    "批复",
    "报告",
    "措施",
    "任务",
    "分解表",
];

/// Reads the head from the paragraphs before the body (`head`) and the
/// whole notice (`all`).
pub fn read(head: &[&str], all: &[&str]) -> Head {
    let mut h = Head::default();
    // The title: the first line that ends with a kind of document and is no
    // sentence; a line above it that starts it (…关于) is joined to it.
    for (i, line) in head.iter().enumerate().take(30) {
        let line = line.trim();
        if is_sentence(line)
            || line.chars().count() > 100
            || !KINDS.iter().any(|k| line.ends_with(k))
        {
            continue;
        }
        let mut title = line.to_string();
        if i > 0 {
            let above = head[i - 1].trim();
            let joins = !is_sentence(above)
                && doc_no(above).is_none()
                && date(above).is_none()
                && above.chars().count() <= 60
                && ((above.contains("关于") || above.ends_with("印发")) && !line.contains("关于")
                    // The issuer on a line of its own above 关于….
                    || line.starts_with("关于") && looks_like_unit(above));
            if joins {
                title = format!("{above}{line}");
            }
        }
        h.notice_title = Some(title);
        break;
    }
    h.title = h.notice_title.as_deref().map(|t| match t.find("印发") {
        Some(i) => {
            let issued = &t[i + "印发".len()..];
            let issued = issued.strip_suffix("的通知").unwrap_or(issued);
            issued.trim_matches(['《', '》']).to_string()
        }
        None => t.to_string(),
    });
    h.doc_no = head.iter().find_map(|l| doc_no(l));
    // The date: a line that is a date alone, in the head first, then
    // anywhere; else a date in a line of the page (时间: 2016-06-20).
    let date_line = head
        .iter()
        .chain(all)
        .enumerate()
        .find_map(|(i, l)| date(l.trim()).map(|d| (i, d)));
    if let Some((i, d)) = date_line {
        h.issued = Some(d);
        let lines: Vec<&str> = head.iter().chain(all).copied().collect();
        // The issuer signs just above its date; two issuers of a joint
        // notice sign one above the other.
        let signer = |j: usize| {
            lines
                .get(j)
                .map(|l| l.trim())
                .filter(|l| !is_sentence(l) && looks_like_unit(l) && l.chars().count() <= 60)
                .map(|l| {
                    l.split([' ', '　', '\t'])
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join("、")
                })
        };
        h.issuer =
            i.checked_sub(1)
                .and_then(signer)
                .map(|last| match i.checked_sub(2).and_then(signer) {
                    Some(first) if first != last => format!("{first}、{last}"),
                    _ => last,
                });
    } else {
        h.issued = all.iter().find_map(|l| iso_date_in(l));
    }
    if h.issuer.is_none() {
        h.issuer = h
            .notice_title
            .as_deref()
            .and_then(|t| t.split_once("关于"))
            .map(|(who, _)| who.trim().to_string())
            .filter(|who| !who.is_empty());
    }
    h.addressees = head
        .iter()
        .map(|l| l.trim())
        .find(|l| {
            (l.ends_with('：') || l.ends_with(':'))
                && !l.contains('。')
                && l.chars().count() <= 200
                && (l.contains('、')
                    || l.starts_with('各')
                    || looks_like_unit(l.trim_end_matches(['：', ':'])))
        })
        .map(|l| l.trim_end_matches(['：', ':']).to_string());
    h.office = all.iter().find_map(|l| office(l));
    h
}

/// Whether a line reads as a document's title: no sentence, and the
/// kind of document at its end.
pub fn is_title(line: &str) -> bool {
    let line = line.trim();
    !is_sentence(line)
        && line.chars().count() <= 100
        && line.chars().count() >= 4
        && KINDS.iter().any(|k| line.ends_with(k))
}

/// A line that is a sentence, not a heading: it has a full stop, comma or
/// colon in it.
fn is_sentence(line: &str) -> bool {
    line.contains(['。', '，', ',', '；', '：', ':'])
}

/// A 文号: an issuer's code, the year in brackets, a number, 号
/// (闽发改办〔2016〕452号, 示发改[2018]37号).
pub fn doc_no(line: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !"〔［[(（【".contains(c) {
            continue;
        }
        let after = &line[at + c.len_utf8()..];
        let year: String = after.chars().take_while(|&c| digit(c).is_some()).collect();
        if year.chars().count() != 4 {
            continue;
        }
        let after = &after[year.len()..];
        let Some(close) = after.chars().next().filter(|c| "〕］])）】".contains(*c)) else {
            continue;
        };
        let after = &after[close.len_utf8()..];
        let num: String = after.chars().take_while(|&c| digit(c).is_some()).collect();
        if num.is_empty() || !after[num.len()..].starts_with('号') {
            continue;
        }
        // The issuer's code: the Chinese characters just before.
        let start = chars[..k]
            .iter()
            .rev()
            .take_while(|(_, c)| ('\u{4e00}'..='\u{9fff}').contains(c))
            .last()
            .map_or(at, |&(i, _)| i);
        if start == at {
            continue;
        }
        let end = at + c.len_utf8() + year.len() + close.len_utf8() + num.len() + '号'.len_utf8();
        return Some(line[start..end].to_string());
    }
    None
}

/// A line that is a date and nothing else: 2016年6月20日, 二〇一六年六月二十日.
pub fn date(line: &str) -> Option<NaiveDate> {
    let line = line.trim().trim_matches(['（', '(', '）', ')']);
    let (y, rest) = line.split_once('年')?;
    let (mo, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    if y.chars().count() != 4 {
        return None;
    }
    let year = y.chars().try_fold(0i32, |n, c| {
        let v = digit(c)
            .or_else(|| {
                "〇一二三四五六七八九"
                    .chars()
                    .position(|x| x == c)
                    .map(|p| p as u32)
            })
            .or(match c {
                '○' | 'O' | '零' => Some(0),
                _ => None,
            })?;
        Some(n * 10 + v as i32)
    })?;
    NaiveDate::from_ymd_opt(year, number(mo)?, number(d)?)
}

/// A date written 2016-06-20 somewhere in a line.
fn iso_date_in(line: &str) -> Option<NaiveDate> {
    let b = line.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = line.get(i..i + 10)?;
        let ok = s.as_bytes().iter().enumerate().all(|(k, c)| match k {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
        ok.then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .flatten()
    })
}

/// The office returns go to: 反馈办公室汇总, 报送市发改委办公室, 报市政府督查室.
fn office(line: &str) -> Option<(String, String)> {
    for verb in [
        "反馈至",
        "反馈给",
        "反馈",
        "报送至",
        "报送",
        "报至",
        "送至",
        "抄送",
        "报",
    ] {
        let mut from = 0;
        while let Some(i) = line[from..].find(verb).map(|i| i + from) {
            from = i + verb.len();
            let after = &line[from..];
            let end = after
                .find(['。', '，', ',', '；', ';', '（', '('])
                .unwrap_or(after.len());
            let mut name = after[..end].trim();
            for tail in ["汇总", "备案", "审核", "统一", "进行"] {
                if let Some(i) = name.find(tail) {
                    name = &name[..i];
                }
            }
            let mut name = name.trim();
            // 报局办公室, 报委办公室: the office of the issuing body.
            for own in ["局", "委", "厅", "部", "院", "府"] {
                if let Some(rest) = name.strip_prefix(own) {
                    if rest.chars().count() >= 2 && looks_like_unit(rest) {
                        name = rest;
                        break;
                    }
                }
            }
            if !name.is_empty()
                && name.chars().count() <= 20
                && looks_like_unit(name)
                && !name.starts_with('各')
            {
                // The sentence it was read from, not the whole paragraph.
                let start = line[..i]
                    .rfind(['。', '；'])
                    .map_or(0, |k| k + '。'.len_utf8());
                let end = line[i..]
                    .find('。')
                    .map_or(line.len(), |k| i + k + '。'.len_utf8());
                return Some((name.to_string(), line[start..end].trim().to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_spellings() {
        assert_eq!(date("2016年6月20日"), NaiveDate::from_ymd_opt(2016, 6, 20));
        assert_eq!(
            date("二〇一六年六月二十日"),
            NaiveDate::from_ymd_opt(2016, 6, 20)
        );
        assert_eq!(date("2016年6月20日前完成"), None);
        assert_eq!(date("2016年2月30日"), None);
    }

    #[test]
    fn document_numbers() {
        assert_eq!(
            doc_no("闽发改办〔2016〕452号").as_deref(),
            Some("闽发改办〔2016〕452号")
        );
        assert_eq!(
            doc_no("示发改[2018]37号 签发人").as_deref(),
            Some("示发改[2018]37号")
        );
        assert_eq!(doc_no("〔2016〕452号"), None);
        assert_eq!(doc_no("2016年"), None);
    }

    #[test]
    fn the_head_of_the_sample() {
        let lines = [
            "福建省发展和改革委员会关于印发2016年政务公开工作分解落实方案的通知",
            "时间: 2016-06-20 15:57",
            "闽发改办〔2016〕452号",
            "各处室、所属单位:",
            "近日,经省政府同意。有关工作完成情况请及时反馈办公室汇总。",
            "福建省发展和改革委员会",
            "2016年6月20日",
        ];
        let h = read(&lines, &lines);
        assert_eq!(h.title.as_deref(), Some("2016年政务公开工作分解落实方案"));
        assert_eq!(h.doc_no.as_deref(), Some("闽发改办〔2016〕452号"));
        assert_eq!(h.issuer.as_deref(), Some("福建省发展和改革委员会"));
        assert_eq!(h.issued, NaiveDate::from_ymd_opt(2016, 6, 20));
        assert_eq!(h.addressees.as_deref(), Some("各处室、所属单位"));
        assert_eq!(h.office.map(|o| o.0).as_deref(), Some("办公室"));
    }

    fn head_of(lines: &[&str]) -> Head {
        read(lines, lines)
    }

    #[test]
    fn a_title_is_a_short_line_ending_in_a_kind_of_document() {
        let at = |n: usize| format!("{}方案", "甲".repeat(n - 2));
        assert_eq!(
            head_of(&[&at(100)]).notice_title.as_deref(),
            Some(at(100).as_str())
        );
        assert_eq!(head_of(&[&at(101)]).notice_title, None);
        // A sentence that ends as a title does is passed over.
        let h = head_of(&[
            "请认真贯彻落实，并抓好方案",
            "市政府办公室关于做好统计工作的通知",
        ]);
        assert_eq!(
            h.notice_title.as_deref(),
            Some("市政府办公室关于做好统计工作的通知")
        );
        assert_eq!(head_of(&["关于做好统计工作"]).notice_title, None);
        // Only the first 30 lines are looked at.
        let mut lines = vec!["正文"; 30];
        lines.push("关于做好统计工作的通知");
        assert_eq!(head_of(&lines).notice_title, None);
    }

    #[test]
    fn a_title_on_two_lines_is_joined() {
        let title = |lines: &[&str]| head_of(lines).notice_title;
        // 关于… above the kind of document.
        assert_eq!(
            title(&["市发展改革委关于印发", "2020年工作要点的通知"]).as_deref(),
            Some("市发展改革委关于印发2020年工作要点的通知")
        );
        assert_eq!(
            title(&["市政府办公室关于", "做好统计工作的通知"]).as_deref(),
            Some("市政府办公室关于做好统计工作的通知")
        );
        // The issuer alone above 关于….
        assert_eq!(
            title(&["市发展和改革委员会", "关于做好统计工作的通知"]).as_deref(),
            Some("市发展和改革委员会关于做好统计工作的通知")
        );
        // Not joined: the line above is a sentence, a 文号, a date, a long
        // line, or says 关于 when the title does too.
        for above in [
            "近日，关于",
            "市发改〔2020〕3号",
            "2020年3月1日",
            &format!("{}关于", "甲".repeat(59)),
            "市政府关于",
        ] {
            assert_eq!(
                title(&[above, "关于做好统计工作的通知"]).as_deref(),
                Some("关于做好统计工作的通知"),
                "{above}"
            );
        }
        // A line above that neither starts the title nor names its issuer.
        assert_eq!(
            title(&["工作安排", "做好统计工作的通知"]).as_deref(),
            Some("工作安排")
        );
        assert_eq!(
            title(&["请各单位", "做好统计工作的通知"]).as_deref(),
            Some("做好统计工作的通知")
        );
    }

    #[test]
    fn the_issuer_signs_above_the_date_or_opens_the_title() {
        let h = head_of(&[
            "关于做好统计工作的通知",
            "正文。",
            "市统计局",
            "2020年3月1日",
        ]);
        assert_eq!(h.issuer.as_deref(), Some("市统计局"));
        assert_eq!(h.issued, NaiveDate::from_ymd_opt(2020, 3, 1));
        // Two issuers, one above the other, or on one line apart.
        let h = head_of(&[
            "关于做好统计工作的通知",
            "正文。",
            "市统计局",
            "市财政局",
            "2020年3月1日",
        ]);
        assert_eq!(h.issuer.as_deref(), Some("市统计局、市财政局"));
        let h = head_of(&[
            "关于做好统计工作的通知",
            "正文。",
            "市统计局　市财政局",
            "2020年3月1日",
        ]);
        assert_eq!(h.issuer.as_deref(), Some("市统计局、市财政局"));
        // The same name twice is one issuer.
        let h = head_of(&["通知", "市统计局", "市统计局", "2020年3月1日"]);
        assert_eq!(h.issuer.as_deref(), Some("市统计局"));
        // Above the date a sentence, or a line too long: the title's issuer.
        for above in ["特此通知，市统计局", &format!("{}统计局", "甲".repeat(58))] {
            let h = head_of(&["市财政局关于做好统计工作的通知", above, "2020年3月1日"]);
            assert_eq!(h.issuer.as_deref(), Some("市财政局"), "{above}");
        }
        // A title that begins with 关于 names no issuer.
        let h = head_of(&["关于做好统计工作的通知"]);
        assert_eq!(h.issuer, None);
        // The date as a page gives it, when no line is a date.
        let h = head_of(&["关于做好统计工作的通知", "发布时间：2020-03-01 10:00"]);
        assert_eq!(h.issued, NaiveDate::from_ymd_opt(2020, 3, 1));
    }

    #[test]
    fn dates_written_with_other_zeros_and_iso_dates_in_a_line() {
        for zero in ['○', 'O', '零', '〇'] {
            let line = format!("二{zero}二{zero}年三月一日");
            assert_eq!(date(&line), NaiveDate::from_ymd_opt(2020, 3, 1), "{line}");
        }
        assert_eq!(date("20200年3月1日"), None);
        assert_eq!(
            iso_date_in("时间：2016-06-20 15:57"),
            NaiveDate::from_ymd_opt(2016, 6, 20)
        );
        assert_eq!(
            iso_date_in("2016-06-20"),
            NaiveDate::from_ymd_opt(2016, 6, 20)
        );
        assert_eq!(iso_date_in("2016/06/20"), None);
        assert_eq!(iso_date_in("2016-13-20"), None);
        assert_eq!(iso_date_in("2016-06-2"), None);
        assert_eq!(iso_date_in("201606-20-"), None);
    }

    #[test]
    fn titles_and_sentences() {
        assert!(is_title("工作方案"));
        assert!(!is_title("方案"));
        assert!(!is_title("工作方"));
        assert!(is_title(&format!("{}方案", "甲".repeat(98))));
        assert!(!is_title(&format!("{}方案", "甲".repeat(99))));
        assert!(!is_title("制定，工作方案"));
        assert!(is_sentence("一是：做好"));
        assert!(!is_sentence("工作方案"));
    }

    #[test]
    fn a_document_number_needs_its_number_and_hao() {
        assert_eq!(doc_no("市发改〔2020〕号"), None);
        assert_eq!(doc_no("市发改〔2020〕3"), None);
        assert_eq!(doc_no("市发改〔2020〕3文"), None);
        assert_eq!(
            doc_no("市发改（２０２０）３号").as_deref(),
            Some("市发改（２０２０）３号")
        );
    }

    #[test]
    fn the_addressees_end_with_a_colon() {
        let to = |line: &str| head_of(&["关于做好统计工作的通知", line]).addressees;
        assert_eq!(
            to("各县（市、区）人民政府：").as_deref(),
            Some("各县（市、区）人民政府")
        );
        assert_eq!(
            to("市财政局、市统计局:").as_deref(),
            Some("市财政局、市统计局")
        );
        assert_eq!(to("市统计局：").as_deref(), Some("市统计局"));
        assert_eq!(to("有关事项如下：").as_deref(), None);
        assert_eq!(to("各单位：请于月底报送。").as_deref(), None);
        assert_eq!(to("各单位").as_deref(), None);
        // A list, or 各…, though no unit's name ends it.
        assert_eq!(
            to("市财政局、市统计局等：").as_deref(),
            Some("市财政局、市统计局等")
        );
        assert_eq!(to("各位同事：").as_deref(), Some("各位同事"));
        let long = format!("各{}：", "单位、".repeat(70));
        assert_eq!(to(&long), None);
    }

    #[test]
    fn the_office_that_collects_returns() {
        let office = |line: &str| office(line).map(|(name, _)| name);
        assert_eq!(
            office("请于月底前报委办公室汇总。").as_deref(),
            Some("办公室")
        );
        assert_eq!(
            office("报送至市政府督查室。").as_deref(),
            Some("市政府督查室")
        );
        assert_eq!(
            office("完成情况反馈给综合处，抄送法规处。").as_deref(),
            Some("综合处")
        );
        // Not an office: every unit, a long phrase, or a name of nothing.
        assert_eq!(office("报各处室。"), None);
        assert_eq!(office(&format!("报{}处。", "甲".repeat(20))), None);
        assert_eq!(office("报告工作。"), None);
        // 部委 is a name, not 委 of the issuing body.
        assert_eq!(office("报部委。").as_deref(), Some("部委"));
        // A verb found a second time is looked at again.
        assert_eq!(office("反馈意见，反馈办公室。").as_deref(), Some("办公室"));
        // The sentence it was read from, between its stops.
        let (_, said) = super::office("一、总体要求。二、请于6月底前报送办公室。三、其他").unwrap();
        assert_eq!(said, "二、请于6月底前报送办公室。");
        let (_, said) = super::office("请报送办公室").unwrap();
        assert_eq!(said, "请报送办公室");
    }
}
