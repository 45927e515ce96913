//! Word's automatic numbering (numbering.xml): the 一、 and （一） that a
//! paragraph shows but does not hold in its text. Counters are kept per
//! numbering instance; using a level restarts every deeper one.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The numbering definitions of a document, and the counters so far.
#[derive(Debug, Default)]
pub struct Numbering {
    /// abstractNumId → its levels by ilvl.
    abstract_levels: HashMap<String, HashMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    instances: HashMap<String, (String, HashMap<u32, u32>)>,
    /// Counters by abstractNumId (Word continues a list across instances
    /// of one definition unless an instance restarts it).
    counters: HashMap<String, [Option<u32>; 9]>,
    /// Instances whose start override has been applied.
    restarted: std::collections::HashSet<String>,
}

/// The value of the `w:val` attribute (or another, by local name).
pub fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

impl Numbering {
    pub fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut override_level: Option<u32> = None;
        loop {
            let (e, is_empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" => abstract_id = None,
                        b"num" => num_id = None,
                        b"lvlOverride" => override_level = None,
                        b"lvl" => {
                            if let (Some(a), Some((ilvl, lvl))) = (&abstract_id, level.take()) {
                                n.abstract_levels
                                    .entry(a.clone())
                                    .or_default()
                                    .insert(ilvl, lvl);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            match e.local_name().as_ref() {
                b"abstractNum" if !is_empty => abstract_id = attr(&e, b"abstractNumId"),
                b"num" if !is_empty => num_id = attr(&e, b"numId"),
                b"abstractNumId" => {
                    if let (Some(id), Some(a)) = (&num_id, attr(&e, b"val")) {
                        n.instances.entry(id.clone()).or_default().0 = a;
                    }
                }
                b"lvlOverride" if !is_empty => {
                    override_level = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                }
                b"startOverride" => {
                    if let (Some(id), Some(ilvl), Some(v)) = (
                        &num_id,
                        override_level,
                        attr(&e, b"val").and_then(|v| v.parse().ok()),
                    ) {
                        n.instances.entry(id.clone()).or_default().1.insert(ilvl, v);
                    }
                }
                b"lvl" if !is_empty && abstract_id.is_some() => {
                    let ilvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        ilvl,
                        Level {
                            start: 1,
                            format: "decimal".into(),
                            text: String::new(),
                        },
                    ));
                }
                b"start" => {
                    if let Some((_, l)) = &mut level {
                        l.start = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                b"numFmt" => {
                    if let Some((_, l)) = &mut level {
                        l.format = attr(&e, b"val").unwrap_or_default();
                    }
                }
                b"lvlText" => {
                    if let Some((_, l)) = &mut level {
                        l.text = attr(&e, b"val").unwrap_or_default();
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The label the next paragraph of instance `num_id` at level `ilvl`
    /// shows (e.g. "（二）"), counting it; None for bullets and for no
    /// numbering.
    pub fn next_label(&mut self, num_id: &str, ilvl: u32) -> Option<String> {
        if num_id == "0" || ilvl > 8 {
            return None;
        }
        let (abstract_id, overrides) = self.instances.get(num_id)?.clone();
        let levels = self.abstract_levels.get(&abstract_id)?;
        let level = levels.get(&ilvl)?.clone();
        let counters = self.counters.entry(abstract_id.clone()).or_default();
        if !overrides.is_empty() && self.restarted.insert(num_id.to_string()) {
            *counters = [None; 9];
            for (l, v) in &overrides {
                if let Some(c) = counters.get_mut(*l as usize) {
                    *c = Some(v.saturating_sub(1));
                }
            }
        }
        let i = ilvl as usize;
        let start = overrides.get(&ilvl).copied().unwrap_or(level.start);
        counters[i] = Some(counters[i].map_or(start, |c| c + 1));
        for deeper in counters.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        if level.format == "bullet" {
            return None;
        }
        let counters = *counters;
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = counters[l]
                        .unwrap_or_else(|| levels.get(&(l as u32)).map_or(1, |lv| lv.start));
                    let format = levels
                        .get(&(l as u32))
                        .map_or("decimal", |lv| lv.format.as_str());
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        Some(label)
    }
}

/// `n` written in a numbering format of Word.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographDigital"
        | "taiwaneseCountingThousand" => chinese(n, "〇一二三四五六七八九", "十"),
        "chineseLegalSimplified" | "ideographLegalTraditional" => {
            chinese(n, "零壹贰叁肆伍陆柒捌玖", "拾")
        }
        "ideographTraditional" => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth((n as usize).saturating_sub(1) % 10)
            .map_or(String::new(), String::from),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let k = (n.max(1) - 1) as usize;
            let letter = (base + (k % 26) as u8) as char;
            letter.to_string().repeat(k / 26 + 1)
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百〇五 (up to 999).
fn chinese(n: u32, digits: &str, ten: &str) -> String {
    let d: Vec<char> = digits.chars().collect();
    let hundred = if ten == "十" { "百" } else { "佰" };
    match n {
        0..=9 => d[n as usize].to_string(),
        10..=19 => format!(
            "{ten}{}",
            if n == 10 {
                String::new()
            } else {
                d[(n % 10) as usize].to_string()
            }
        ),
        20..=99 => format!(
            "{}{ten}{}",
            d[(n / 10) as usize],
            if n % 10 == 0 {
                String::new()
            } else {
                d[(n % 10) as usize].to_string()
            }
        ),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("{}{}", d[0], d[rest as usize]),
                _ => format!(
                    "{}{ten}{}",
                    d[(rest / 10) as usize],
                    if rest % 10 == 0 {
                        String::new()
                    } else {
                        d[(rest % 10) as usize].to_string()
                    }
                ),
            };
            format!("{}{hundred}{tail}", d[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_reads_as_notices_write_it() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(
            [f(1), f(10), f(11), f(20), f(23)],
            ["一", "十", "十一", "二十", "二十三"]
        );
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(4, "upperRoman"), "IV");
    }

    const XML: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn levels_count_and_deeper_levels_restart() {
        let mut n = Numbering::parse(XML);
        let labels: Vec<_> = [(0, "1"), (1, "1"), (1, "1"), (0, "1"), (1, "1"), (2, "1")]
            .iter()
            .map(|(l, id)| n.next_label(id, *l))
            .collect();
        assert_eq!(
            labels,
            [
                Some("一、".into()),
                Some("（一）".into()),
                Some("（二）".into()),
                Some("二、".into()),
                Some("（一）".into()),
                None
            ]
        );
        assert_eq!(n.next_label("2", 0).as_deref(), Some("五、"));
        assert_eq!(n.next_label("0", 0), None);
        assert_eq!(n.next_label("9", 0), None);
    }

    #[test]
    fn chinese_numbers_past_ninety_nine_and_in_capitals() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(
            [f(100), f(105), f(110), f(120), f(999)],
            ["一百", "一百〇五", "一百一十", "一百二十", "九百九十九"]
        );
        let g = |n| format_number(n, "chineseLegalSimplified");
        assert_eq!([g(3), g(12), g(105)], ["叁", "拾贰", "壹佰零伍"]);
        assert_eq!(format_number(4, "ideographLegalTraditional"), "肆");
    }

    #[test]
    fn heavenly_stems_go_round_after_ten() {
        let f = |n| format_number(n, "ideographTraditional");
        assert_eq!([f(1), f(3), f(10), f(11)], ["甲", "丙", "癸", "甲"]);
    }

    #[test]
    fn letters_double_after_z_and_keep_their_case() {
        let f = |n| format_number(n, "upperLetter");
        assert_eq!(
            [f(1), f(3), f(26), f(27), f(28)],
            ["A", "C", "Z", "AA", "BB"]
        );
        assert_eq!(format_number(2, "lowerLetter"), "b");
    }

    #[test]
    fn other_formats_circles_zeros_and_none() {
        assert_eq!(format_number(20, "decimalEnclosedCircle"), "⑳");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
        let z = |n| format_number(n, "decimalZero");
        assert_eq!([z(3), z(10), z(12)], ["03", "10", "12"]);
        assert_eq!(format_number(2, "none"), "");
        assert_eq!(format_number(7, "decimal"), "7");
    }

    const LISTS: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%0%2."/></w:lvl>
        <w:lvl w:ilvl="8"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%9)"/></w:lvl>
        <w:lvl w:ilvl="9"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1"/>
      <w:num w:numId="0"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="1"/>
        <w:lvlOverride w:ilvl="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        </w:lvlOverride></w:num>
      <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    #[test]
    fn a_list_starts_at_its_start_and_goes_on_in_another_instance() {
        let mut n = Numbering::parse(LISTS);
        assert_eq!(n.next_label("1", 0).as_deref(), Some("三、"));
        assert_eq!(n.next_label("2", 0).as_deref(), Some("四、"));
        assert_eq!(n.next_label("1", 0).as_deref(), Some("五、"));
        // An instance that restarts the list does so once, then counts on.
        assert_eq!(n.next_label("3", 0).as_deref(), Some("一、"));
        assert_eq!(n.next_label("3", 0).as_deref(), Some("二、"));
    }

    #[test]
    fn the_ninth_level_is_the_deepest_and_list_0_is_no_list() {
        let mut n = Numbering::parse(LISTS);
        assert_eq!(n.next_label("1", 8).as_deref(), Some("i)"));
        assert_eq!(n.next_label("1", 9), None);
        assert_eq!(n.next_label("0", 0), None);
    }

    #[test]
    fn a_percent_sign_before_0_is_kept_as_written() {
        let mut n = Numbering::parse(LISTS);
        assert_eq!(n.next_label("1", 1).as_deref(), Some("%01."));
    }

    #[test]
    fn a_level_given_in_an_override_does_not_change_other_lists() {
        let mut n = Numbering::parse(LISTS);
        assert_eq!(n.next_label("1", 0).as_deref(), Some("三、"));
        // List 5 uses a definition without levels.
        assert_eq!(n.next_label("5", 0), None);
    }
}
