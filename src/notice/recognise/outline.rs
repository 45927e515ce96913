//! The numbers that open a notice's items, in the order of the national
//! standard for official documents: 一、 then （一） then 1. then （1）, and
//! below them 1） and ①. A notice may skip a level; an item belongs to the nearest item above
//! it of a higher level.

use super::words::{digit, number};

/// The number at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// 0 for 一、, 1 for （一）, 2 for 1., 3 for （1）, 4 for 1）, 5 for ①.
    pub rank: u8,
    pub number: u32,
    /// Where the text after the number starts, in bytes.
    pub rest: usize,
}

/// The marker that opens `line`, if any. A heading without a number
/// (【产业发展】, ★ 营商环境) is a top-level marker numbered 0.
pub fn marker(line: &str) -> Option<Marker> {
    let first = line.chars().next()?;
    if let Some(inner) = line.strip_prefix('【').and_then(|l| l.strip_suffix('】')) {
        if !inner.is_empty()
            && inner.chars().count() <= 20
            && !inner.contains(['：', ':', '。', '【', '】'])
        {
            return Some(Marker {
                rank: 0,
                number: 0,
                rest: '【'.len_utf8(),
            });
        }
    }
    if "★☆■◆".contains(first) {
        let rest = line[first.len_utf8()..].trim_start();
        if !rest.is_empty() && rest.chars().count() <= 20 && !rest.contains(['。', '，', '：', ':'])
        {
            return Some(Marker {
                rank: 0,
                number: 0,
                rest: line.len() - rest.len(),
            });
        }
    }
    // Numbers made one character: ㈠ (as （一）), ⑴ (as （1）), ⒈ (as 1.).
    for (from, to, rank) in [
        ('\u{3220}', '\u{3229}', 1),
        ('\u{2474}', '\u{2487}', 3),
        ('\u{2488}', '\u{249b}', 2),
    ] {
        if (from..=to).contains(&first) {
            return Some(Marker {
                rank,
                number: first as u32 - from as u32 + 1,
                rest: first.len_utf8(),
            });
        }
    }
    // ① … ⑳
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return Some(Marker {
            rank: 5,
            number: first as u32 - 0x2460 + 1,
            rest: first.len_utf8(),
        });
    }
    // （一） (一) （1） (1)
    if first == '（' || first == '(' {
        let inner_start = first.len_utf8();
        let close = line[inner_start..].find(['）', ')'])? + inner_start;
        let inner = &line[inner_start..close];
        if inner.is_empty() || inner.chars().count() > 4 {
            return None;
        }
        let n = number(inner)?;
        let rank = if inner.chars().all(|c| digit(c).is_some()) {
            3
        } else {
            1
        };
        let close_len = line[close..].chars().next()?.len_utf8();
        return Some(Marker {
            rank,
            number: n,
            rest: close + close_len,
        });
    }
    // 一、 十二、  /  1. 1． 1、 1）
    let head: String = line
        .chars()
        .take_while(|&c| digit(c).is_some() || "〇一二三四五六七八九十百".contains(c))
        .collect();
    if head.is_empty() || head.chars().count() > 4 {
        return None;
    }
    let after = &line[head.len()..];
    let sep = after.chars().next()?;
    let n = number(&head)?;
    let arabic = head.chars().all(|c| digit(c).is_some());
    let rank = match (arabic, sep) {
        (false, '、' | '．' | '.') => 0,
        (true, '.' | '．') => {
            // 1.5万元 is not an item; nor is 2016.
            let next = after[sep.len_utf8()..].chars().next();
            if next.is_some_and(|c| digit(c).is_some()) {
                return None;
            }
            2
        }
        (true, '、') => 2,
        (true, '）' | ')') => 4,
        _ => return None,
    };
    Some(Marker {
        rank,
        number: n,
        rest: head.len() + sep.len_utf8(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(line: &str) -> Option<(u8, u32, &str)> {
        marker(line).map(|k| (k.rank, k.number, &line[k.rest..]))
    }

    #[test]
    fn every_kind_of_number() {
        assert_eq!(
            m("一、我委作为牵头部门的工作"),
            Some((0, 1, "我委作为牵头部门的工作"))
        );
        assert_eq!(m("十二、其他"), Some((0, 12, "其他")));
        assert_eq!(m("(一)做好"), Some((1, 1, "做好")));
        assert_eq!(m("（十一）做好"), Some((1, 11, "做好")));
        assert_eq!(m("1.做好"), Some((2, 1, "做好")));
        assert_eq!(m("2．做好"), Some((2, 2, "做好")));
        assert_eq!(m("3、做好"), Some((2, 3, "做好")));
        assert_eq!(m("（1）做好"), Some((3, 1, "做好")));
        assert_eq!(m("4）做好"), Some((4, 4, "做好")));
        assert_eq!(m("②做好"), Some((5, 2, "做好")));
        assert_eq!(m("⑤做好"), Some((5, 5, "做好")));
        // Up to four characters of number, no more.
        assert_eq!(m("（一百〇五）做好"), Some((1, 105, "做好")));
        assert_eq!(m("一百〇五、做好"), Some((0, 105, "做好")));
        assert_eq!(m("1234.做好"), Some((2, 1234, "做好")));
        assert_eq!(marker("（一二三四五）做好"), None);
        assert_eq!(marker("一二三四五、做好"), None);
        assert_eq!(marker("（）做好"), None);
        assert_eq!(m("㈢做好"), Some((1, 3, "做好")));
        assert_eq!(m("⑷做好"), Some((3, 4, "做好")));
        assert_eq!(m("⒌做好"), Some((2, 5, "做好")));
        assert_eq!(m("【产业发展】"), Some((0, 0, "产业发展】")));
        assert_eq!(m("★ 营商环境"), Some((0, 0, "营商环境")));
        assert_eq!(marker("【责任单位】市发改委"), None);
        assert_eq!(marker("【打印】 【关闭】"), None);
        assert_eq!(marker("★ 这是一句话，不是标题"), None);
    }

    #[test]
    fn numbers_that_open_no_item() {
        for line in [
            "2016年政务公开",
            "1.5万元",
            "（此件主动公开）",
            "一是加强",
            "一定要",
            "(PPP)项目",
        ] {
            assert_eq!(marker(line), None, "{line}");
        }
    }
}
