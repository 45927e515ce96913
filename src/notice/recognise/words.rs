//! Small readings of Chinese text shared by the recognisers: numerals,
//! splitting outside brackets, titles, unit names.

/// A number written in ASCII or full-width digits, or in Chinese numerals
/// (一, 十二, 二十三, 一百〇五, 两); None for anything else.
pub fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| digit(c).is_some()) {
        return s
            .chars()
            .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total = 0u32;
    let mut current = 0u32;
    let mut any = false;
    for c in s.chars() {
        let d = match c {
            '〇' | '零' | '○' | 'O' => Some(0),
            '一' | '壹' => Some(1),
            '二' | '两' | '贰' => Some(2),
            '三' | '叁' => Some(3),
            '四' | '肆' => Some(4),
            '五' | '伍' => Some(5),
            '六' | '陆' => Some(6),
            '七' | '柒' => Some(7),
            '八' | '捌' => Some(8),
            '九' | '玖' => Some(9),
            _ => None,
        };
        if let Some(d) = d {
            current = d;
            any = true;
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            _ => return None,
        };
        total += if current == 0 && unit == 10 {
            1
        } else {
            current
        } * unit;
        current = 0;
        any = true;
    }
    any.then_some(total + current)
}

/// `s` with full-width digits written as ASCII ones (２０２３ → 2023).
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// A digit, ASCII or full-width.
pub fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Whether `c` may be part of a written number.
pub fn numeral_char(c: char) -> bool {
    digit(c).is_some() || "〇零○一二两三四五六七八九十百壹贰叁肆伍陆柒捌玖拾佰".contains(c)
}

const OPEN: &str = "（(《“‘「『【〔［[";
const CLOSE: &str = "）)》”’」』】〕］]";

/// `s` cut at each of `seps` that is not inside brackets or quotes.
pub fn split_outside<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if OPEN.contains(c) {
            depth += 1;
        } else if CLOSE.contains(c) {
            depth = (depth - 1).max(0);
        } else if depth == 0 && seps.contains(&c) {
            parts.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&s[start..]);
    parts
}

/// The short title of an item: its text up to the first comma, full stop,
/// semicolon or colon that is not inside brackets or quotes.
pub fn title(text: &str) -> String {
    let first = split_outside(
        text,
        &['，', ',', '。', '；', ';', '：', ':', '！', '？', '\n'],
    )
    .into_iter()
    .map(str::trim)
    .find(|p| !p.is_empty())
    .unwrap_or("");
    first.trim_end_matches(['.', '．']).trim().to_string()
}

/// The endings of the names of bodies and their divisions.
const UNIT_ENDINGS: &[&str] = &[
    "处",
    "室",
    "办",
    "局",
    "委",
    "厅",
    "中心",
    "政府",
    "部门",
    "单位",
    "公司",
    "院",
    "会",
    "部",
    "组",
    "队",
    "所",
    "站",
    "行",
    "社",
    "馆",
    "司",
    "署",
    "街道",
    "镇",
    "乡",
    "县",
    "区",
    "市",
    "省",
    "科",
    "股",
    "团",
    "团体",
    "机构",
    "集团",
    "企业",
    "学校",
    "大学",
    "银行",
    "海关",
    "法院",
    "检察院",
    "监狱",
    "协会",
    "联合会",
    "处室",
    "科室",
    "口",
    "系统",
    "办公室",
    "管委会",
    "指挥部",
    "领导小组",
    "小组",
    "各方",
    "网",
    "台",
    "报",
    "总队",
    "支队",
    "大队",
    "分局",
    "支行",
    "集团公司",
];

/// Whether `name` reads as the name of a unit (a body, a division, a
/// group of them).
pub fn looks_like_unit(name: &str) -> bool {
    let name = name.trim_end();
    // 各县（市、区）: a name that ends in brackets ends before them.
    let base = match name.rfind(['（', '(']) {
        Some(i) if name.ends_with(['）', ')']) => &name[..i],
        _ => name,
    };
    UNIT_ENDINGS.iter().any(|e| base.ends_with(e)) && name.chars().count() <= 40
}

/// Whether `name` names a kind of unit rather than one (各相关处室, 有关部门,
/// 各设区市人民政府).
pub fn is_group(name: &str) -> bool {
    name.starts_with('各')
        || name.contains("有关")
        || name.contains("相关")
        || name.starts_with("其他")
        || name.starts_with("其它")
        || name.contains("各级")
        || name.contains("的各")
        || name.ends_with("等部门")
        || name.ends_with("等单位")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_spelling() {
        for (s, n) in [
            ("12", 12),
            ("１２", 12),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
            ("一百〇五", 105),
            ("两", 2),
            ("九", 9),
        ] {
            assert_eq!(number(s), Some(n), "{s}");
        }
        assert_eq!(number("甲"), None);
        assert_eq!(number(""), None);
    }

    #[test]
    fn titles_stop_at_the_first_stop_outside_brackets() {
        assert_eq!(
            title("做好“信用福建”网站与“信用中国”网站的连接工作,推动信用信息互联共享。"),
            "做好“信用福建”网站与“信用中国”网站的连接工作"
        );
        assert_eq!(
            title("推动（试点，示范）工作。其余"),
            "推动（试点，示范）工作"
        );
        assert_eq!(title("1."), "1");
    }

    #[test]
    fn brackets_keep_names_whole() {
        assert_eq!(
            split_outside("各县（市、区）人民政府、市财政局", &['、']),
            ["各县（市、区）人民政府", "市财政局"]
        );
    }

    #[test]
    fn every_numeral_reads() {
        for (k, (plain, formal)) in "一二三四五六七八九"
            .chars()
            .zip("壹贰叁肆伍陆柒捌玖".chars())
            .enumerate()
        {
            let n = k as u32 + 1;
            assert_eq!(number(&plain.to_string()), Some(n), "{plain}");
            assert_eq!(number(&formal.to_string()), Some(n), "{formal}");
            assert_eq!(number(&format!("十{plain}")), Some(10 + n), "十{plain}");
        }
        assert_eq!(number("〇"), Some(0));
        assert_eq!(number("九十九"), Some(99));
    }

    #[test]
    fn brackets_inside_brackets_stay_whole() {
        assert_eq!(
            split_outside("甲（乙（丙、丁）、戊）、己", &['、']),
            ["甲（乙（丙、丁）、戊）", "己"]
        );
    }

    #[test]
    fn each_kind_of_group_word() {
        for name in [
            "各设区市人民政府",
            "各相关处室",
            "市有关部门",
            "市直相关单位",
            "其他部门",
            "其它单位",
            "市直各级机关",
            "负责审批的各处室",
            "市发改委等部门",
            "县财政局等单位",
        ] {
            assert!(is_group(name), "{name}");
        }
        for name in ["法规处", "市发改委", "县财政局", "人民银行示例市中心支行"]
        {
            assert!(!is_group(name), "{name}");
        }
    }

    #[test]
    fn a_name_in_brackets_and_a_name_with_brackets() {
        assert!(looks_like_unit("各县（市、区）人民政府"));
        assert!(looks_like_unit("各县（市、区）"));
        assert!(looks_like_unit("市市场监管局（市知识产权局）"));
        assert!(looks_like_unit("市场（质量）监督管理局"));
        assert!(!looks_like_unit("（牵头）"));
        assert!(!looks_like_unit("推进（试点）工作"));
        assert!(!looks_like_unit(&"处".repeat(41)));
    }

    #[test]
    fn units_and_groups() {
        assert!(looks_like_unit("数字福建技术应用处"));
        assert!(looks_like_unit("各县（市、区）人民政府"));
        assert!(!looks_like_unit("负责具体项目审批"));
        assert!(is_group("各相关政策起草处室"));
        assert!(is_group("负责具体项目审批、核准、备案、实施的各相关处室"));
        assert!(!is_group("法规处"));
    }
}
