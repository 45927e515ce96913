//! Who a notice assigns an item to: lines such as `责任处室：A、B`,
//! `牵头单位：X` with `配合单位：Y`, and prose at the end of an item such as
//! `（X负责）`, `（X牵头，Y、Z配合）`, `（X会同有关部门负责）`.

use super::words::{looks_like_unit, split_outside};

/// The units of one item, as the notice gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    pub lead: Option<String>,
    pub support: Vec<String>,
    /// Units under other role words (指导).
    pub guide: Vec<String>,
    /// The lead is only the first of several named alike (责任单位：A、B;
    /// A、B负责): the notice's own order decides it.
    pub by_order: bool,
    /// Names cut short at 等 (X等部门): the notice names more than it lists.
    pub more_than_listed: bool,
}

impl Assignment {
    pub fn is_empty(&self) -> bool {
        self.lead.is_none() && self.support.is_empty() && self.guide.is_empty()
    }

    /// Every unit named, lead first.
    pub fn units(&self) -> impl Iterator<Item = &String> {
        self.lead.iter().chain(&self.support).chain(&self.guide)
    }

    fn add_responsible(&mut self, names: Vec<String>) {
        let mut names = names.into_iter();
        if self.lead.is_none() {
            self.lead = names.next();
            if names.len() > 0 {
                self.by_order = true;
            }
        }
        self.add_support(names.collect());
    }

    fn add_lead(&mut self, names: Vec<String>) {
        let mut names = names.into_iter();
        match self.lead.take() {
            // A responsible unit named before, now a 牵头 one: the 牵头 unit
            // leads, the one named before supports.
            Some(before) => {
                self.lead = names.next();
                self.support.insert(0, before);
                self.by_order = false;
            }
            None => self.lead = names.next(),
        }
        let rest: Vec<_> = names.collect();
        if !rest.is_empty() {
            self.by_order = true;
        }
        self.add_support(rest);
    }

    fn add_support(&mut self, names: Vec<String>) {
        for n in names {
            if Some(&n) != self.lead.as_ref() && !self.support.contains(&n) {
                self.support.push(n);
            }
        }
    }

    /// `other`'s units added after this one's.
    pub fn merge(&mut self, other: Assignment) {
        if self.lead.is_none() {
            self.lead = other.lead;
            self.by_order |= other.by_order;
        } else if let Some(l) = other.lead {
            self.add_support(vec![l]);
        }
        self.add_support(other.support);
        for g in other.guide {
            if !self.guide.contains(&g) {
                self.guide.push(g);
            }
        }
        self.more_than_listed |= other.more_than_listed;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Lead,
    Support,
    Responsible,
    Guide,
    /// A label that ends the units before it (完成时限：, 备注：).
    Other,
}

/// The labels of assignment lines, longest first within each kind.
const LABELS: &[(&str, Role)] = &[
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("牵头处室", Role::Lead),
    ("牵头科室", Role::Lead),
    ("主办单位", Role::Lead),
    ("主办处室", Role::Lead),
    ("主责单位", Role::Lead),
    ("主责部门", Role::Lead),
    ("配合单位", Role::Support),
    ("配合部门", Role::Support),
    ("配合处室", Role::Support),
    ("配合科室", Role::Support),
    ("协办单位", Role::Support),
    ("协办处室", Role::Support),
    ("参与单位", Role::Support),
    ("参与部门", Role::Support),
    ("协助单位", Role::Support),
    ("协同部门", Role::Support),
    ("协同单位", Role::Support),
    ("协作单位", Role::Support),
    ("协办部门", Role::Support),
    ("参与处室", Role::Support),
    ("责任领导", Role::Other),
    ("分管领导", Role::Other),
    ("责任人", Role::Other),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("责任处室", Role::Responsible),
    ("责任科室", Role::Responsible),
    ("责任主体", Role::Responsible),
    ("承办单位", Role::Responsible),
    ("承办处室", Role::Responsible),
    ("负责单位", Role::Responsible),
    ("负责处室", Role::Responsible),
    ("负责部门", Role::Responsible),
    ("实施单位", Role::Responsible),
    ("指导单位", Role::Guide),
    ("指导部门", Role::Guide),
    ("指导处室", Role::Guide),
    ("完成时限", Role::Other),
    ("完成时间", Role::Other),
    ("时限要求", Role::Other),
    ("时间要求", Role::Other),
    ("完成期限", Role::Other),
    ("时间节点", Role::Other),
    ("时限", Role::Other),
    ("备注", Role::Other),
    ("联系人", Role::Other),
    ("办结时限", Role::Other),
    ("办理时限", Role::Other),
    ("牵头", Role::Lead),
    ("配合", Role::Support),
    ("责任", Role::Responsible),
];

/// Words that give a role, and the kinds of unit a label names after them
/// (牵头 + 股室: 牵头股室).
const ROLE_WORDS: &[(&str, Role)] = &[
    ("牵头", Role::Lead),
    ("主办", Role::Lead),
    ("主责", Role::Lead),
    ("配合", Role::Support),
    ("协办", Role::Support),
    ("参与", Role::Support),
    ("协助", Role::Support),
    ("协同", Role::Support),
    ("协作", Role::Support),
    ("责任", Role::Responsible),
    ("承办", Role::Responsible),
    ("负责", Role::Responsible),
    ("实施", Role::Responsible),
    ("指导", Role::Guide),
];
const UNIT_KINDS: &[&str] = &[
    "单位",
    "部门",
    "处室",
    "科室",
    "股室",
    "部室",
    "处",
    "科",
    "股",
    "室",
    "主体",
    "机构",
    "单位（部门）",
];

/// The label at the start of `rest` (without its colon): its length and
/// the role it gives.
fn label_at(rest: &str) -> Option<(usize, Role)> {
    let generated = ROLE_WORDS.iter().find_map(|(w, role)| {
        let after = rest.strip_prefix(w)?;
        let kind = UNIT_KINDS
            .iter()
            .filter(|k| after.starts_with(*k))
            .max_by_key(|k| k.len())?;
        Some((w.len() + kind.len(), *role))
    });
    // A person's label (牵头县领导, 分管市领导): no unit.
    let chars: Vec<(usize, char)> = rest.char_indices().take(9).collect();
    let person = (2..chars.len()).find_map(|k| {
        let end = chars.get(k + 1).map_or(rest.len(), |c| c.0);
        let label = &rest[..end];
        (label.ends_with("领导")
            && label
                .chars()
                .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .then_some((end, Role::Other))
    });
    if person.is_some() {
        return person;
    }
    let listed = LABELS
        .iter()
        .filter(|(label, _)| rest.starts_with(label))
        .max_by_key(|(label, _)| label.len())
        .map(|(label, role)| (label.len(), *role));
    match (generated, listed) {
        (Some(g), Some(l)) => Some(if l.0 > g.0 { l } else { g }),
        (g, l) => g.or(l),
    }
}

/// The role a table column's heading names, if it names one.
pub fn column_role(heading: &str) -> Option<&'static str> {
    let h: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
    let h = h.trim_end_matches(['：', ':']);
    let h = h.strip_suffix("（处室）").unwrap_or(h);
    label_at(h)
        .filter(|&(len, r)| len == h.len() && r != Role::Other)
        .map(|(_, r)| match r {
            Role::Lead => "lead",
            Role::Support => "support",
            Role::Guide => "guide",
            Role::Responsible | Role::Other => "responsible",
        })
}

/// The assignment a line states (`责任处室：A、B`, `牵头单位：X；配合单位：Y`,
/// also in brackets), or None when the line is not one.
pub fn line(text: &str) -> Option<Assignment> {
    let t = text.trim().trim_start_matches(['—', '-', '－', '─']).trim();
    // 【责任单位】X　【配合单位】Y: labels in lenticular brackets.
    let bracketed;
    let t = if t.starts_with('【') {
        bracketed = t.replace('【', " ").replace('】', "：");
        bracketed.trim()
    } else {
        t
    };
    let t = t
        .strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']))
        .unwrap_or(t)
        .trim();
    // Every label followed by a colon, in order.
    let mut found: Vec<(usize, usize, Role)> = Vec::new();
    let mut at = 0;
    while at < t.len() {
        let rest = &t[at..];
        let hit = label_at(rest).and_then(|(label_len, role)| {
            let after = &rest[label_len..];
            let after_trim = after.trim_start();
            let colon = after_trim.strip_prefix(['：', ':'])?;
            Some((label_len + (after.len() - colon.len()), role))
        });
        match hit {
            Some((len, role)) => {
                found.push((at, at + len, role));
                at += len;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if found.is_empty() || found[0].0 != 0 {
        return None;
    }
    if found.iter().all(|f| f.2 == Role::Other) {
        return None;
    }
    let mut a = Assignment::default();
    for (i, &(_, end, role)) in found.iter().enumerate() {
        let stop = found.get(i + 1).map_or(t.len(), |n| n.0);
        let names = names(&t[end..stop], &mut a.more_than_listed);
        apply(&mut a, role, names);
    }
    Some(a)
}

fn apply(a: &mut Assignment, role: Role, mut names: Vec<String>) {
    // A name marked in brackets (市发改委（牵头）) leads whatever the list.
    if let Some(lead) = take_marked(&mut names) {
        a.add_lead(vec![lead.clone()]);
        a.by_order = false;
        a.add_support(names.into_iter().filter(|n| *n != lead).collect());
        return;
    }
    match role {
        Role::Lead => a.add_lead(names),
        Role::Support => a.add_support(names),
        Role::Responsible => a.add_responsible(names),
        Role::Guide => {
            for n in names {
                if !a.guide.contains(&n) {
                    a.guide.push(n);
                }
            }
        }
        Role::Other => {}
    }
}

/// The name marked as leading (X（牵头）), taken out of `names`; every
/// name loses such a mark (（配合） too).
fn take_marked(names: &mut [String]) -> Option<String> {
    let mut lead = None;
    for n in names.iter_mut() {
        for (mark, leads) in [
            ("（牵头）", true),
            ("(牵头)", true),
            ("（牵头单位）", true),
            ("（牵头部门）", true),
            ("（主责）", true),
            ("（配合）", false),
            ("(配合)", false),
        ] {
            if let Some(name) = n.strip_suffix(mark) {
                *n = name.trim().to_string();
                if leads && lead.is_none() {
                    lead = Some(n.clone());
                }
            }
        }
    }
    let lead = lead?;
    Some(lead)
}

/// The assignment a table cell gives, under a column of `role` ("lead",
/// "support", "responsible", "guide"); a cell with labels of its own
/// (牵头：X 配合：Y) is read by them.
pub fn from_cell(text: &str, role: &str) -> Assignment {
    if let Some(a) = line(text) {
        return a;
    }
    let mut a = Assignment::default();
    let list = names(text, &mut a.more_than_listed);
    let role = match role {
        "lead" => Role::Lead,
        "support" => Role::Support,
        "guide" => Role::Guide,
        _ => Role::Responsible,
    };
    apply(&mut a, role, list);
    a
}

/// Words after the units in prose, with the role they give, longest first.
const PROSE_ROLES: &[(&str, Role)] = &[
    ("牵头负责", Role::Lead),
    ("牵头落实", Role::Lead),
    ("牵头", Role::Lead),
    ("按职责分工负责", Role::Responsible),
    ("按职能分工负责", Role::Responsible),
    ("按职责负责", Role::Responsible),
    ("分别负责", Role::Responsible),
    ("共同负责", Role::Responsible),
    ("负责落实", Role::Responsible),
    ("具体负责", Role::Responsible),
    ("负责", Role::Responsible),
    ("配合落实", Role::Support),
    ("参与配合", Role::Support),
    ("配合", Role::Support),
    ("参与", Role::Support),
    ("协助", Role::Support),
    ("协同", Role::Support),
    ("指导", Role::Guide),
];

/// The assignment that prose in brackets gives (the inside of `（X负责）`),
/// or None when the brackets say something else.
pub fn prose(inside: &str) -> Option<Assignment> {
    if let Some(a) = line(inside) {
        return Some(a);
    }
    let mut a = Assignment::default();
    let mut any = false;
    // Units listed with commas before the words that give their role
    // (市市场监管局，市公安局，市税务局负责).
    let mut waiting: Vec<String> = Vec::new();
    for clause in split_outside(inside, &['，', ',', '；', ';', '。']) {
        let clause = clause.trim();
        // The notice's own rule for order (排在第一位的部门为牵头部门，下同)
        // is not an assignment.
        if clause.contains("第一位") || clause.contains("下同") || clause.contains("排名第一")
        {
            continue;
        }
        let in_middle = || {
            // 市财政局负责经费保障: units, then the role word, then the duty.
            PROSE_ROLES.iter().find_map(|(w, r)| {
                let (before, _) = clause.split_once(w)?;
                let mut more = false;
                let list = names(before, &mut more);
                (!list.is_empty() && list.iter().all(|n| looks_like_unit(n)))
                    .then_some((before, *r))
            })
        };
        let Some((before, role)) = PROSE_ROLES
            .iter()
            .find_map(|(w, r)| clause.strip_suffix(w).map(|b| (b, *r)))
            .or_else(in_middle)
        else {
            let mut more = false;
            let list = names(clause, &mut more);
            if !list.is_empty() && list.iter().all(|n| looks_like_unit(n)) {
                waiting.extend(list);
                a.more_than_listed |= more;
            } else if let Some((unit, _)) = unit_prefix(clause).filter(|(unit, duty)| {
                any && a.lead.is_some()
                    && duty.chars().count() <= 8
                    && unit.chars().count() <= 12
                    && !unit.starts_with(|c: char| c == '每' || super::words::digit(c).is_some())
            }) {
                // After the lead, a unit with a duty of its own (财政金融局保障资金)
                // supports.
                a.add_support(vec![unit]);
                waiting.clear();
            } else {
                waiting.clear();
            }
            continue;
        };
        // X会同Y负责: X leads, Y supports.
        if let Some((x, y)) = before.split_once("会同") {
            let mut lead = std::mem::take(&mut waiting);
            lead.extend(names(x, &mut a.more_than_listed));
            if lead.is_empty() {
                continue;
            }
            apply(&mut a, Role::Lead, lead);
            let others = names(y, &mut a.more_than_listed);
            apply(&mut a, Role::Support, others);
            any = true;
            continue;
        }
        let mut list = std::mem::take(&mut waiting);
        list.extend(names(before, &mut a.more_than_listed));
        if list.is_empty() || !list.iter().any(|n| unit_or_group(n)) {
            continue;
        }
        apply(&mut a, role, list);
        any = true;
    }
    any.then_some(a)
}

/// Whether `name` is a unit or a kind of units (各地, 各部门).
fn unit_or_group(name: &str) -> bool {
    looks_like_unit(name) || super::words::is_group(name)
}

/// Units written before the duty at the start of an item: `市卫健委：负责…`,
/// `市财政局负责…`, `市医保局会同市财政局完善…`, `各地、各部门要…`. The
/// assignment, and the duty that follows (the item's title comes from it).
pub fn lead_in(text: &str) -> Option<(Assignment, String)> {
    let text = text.trim();
    let first = split_outside(text, &['，', ',', '。', '；', ';'])[0];
    // 市卫健委：负责…
    if let Some((who, _)) = first.split_once(['：', ':']) {
        let mut more = false;
        let list = names(who, &mut more);
        if !list.is_empty() && list.iter().all(|n| unit_or_group(n)) {
            let mut a = Assignment::default();
            a.add_responsible(list);
            a.more_than_listed = more;
            let after = &text[who.len()..];
            let after = after.trim_start_matches(['：', ':']).trim_start();
            return Some(duty(a, after));
        }
    }
    // 市财政局负责…, 各地、各部门要…, X会同Y…
    let words = [
        "按职责分工负责",
        "分别负责",
        "牵头负责",
        "负责",
        "牵头",
        "会同",
        "要",
    ];
    let (at, word) = words
        .iter()
        .filter_map(|w| first.find(w).map(|i| (i, *w)))
        .min_by_key(|&(i, w)| (i, std::cmp::Reverse(w.len())))?;
    let who = &first[..at];
    let mut more = false;
    let list = names(who, &mut more);
    if list.is_empty() || !list.iter().all(|n| unit_or_group(n)) {
        return None;
    }
    // Whether 牵头 or 负责, the first named leads.
    let mut a = Assignment {
        more_than_listed: more,
        ..Assignment::default()
    };
    a.add_responsible(list);
    let after = &text[at..];
    // 会同 stays for `duty` to read the units it brings.
    let after = if word == "会同" {
        after
    } else {
        after.strip_prefix(word).unwrap_or(after)
    };
    Some(duty(a, after))
}

/// The duty after the units, with a 会同 X or 负责 in front of it read.
fn duty(mut a: Assignment, after: &str) -> (Assignment, String) {
    let mut after = after.trim_start();
    for w in ["负责", "主要负责", "具体负责"] {
        after = after.strip_prefix(w).unwrap_or(after);
    }
    if let Some(rest) = after.strip_prefix("会同") {
        if let Some((unit, tail)) = unit_prefix(rest) {
            a.add_support(vec![unit]);
            after = tail;
        }
    }
    let after = after.strip_prefix("负责").unwrap_or(after);
    (a, after.trim().to_string())
}

/// The name of a unit at the start of `text` and what follows it
/// (市财政局完善… → 市财政局, 完善…): the shortest start that ends as unit
/// names end, outside brackets.
fn unit_prefix(text: &str) -> Option<(String, &str)> {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        let end = i + c.len_utf8();
        let head = &text[..end];
        if depth == 0 && head.chars().count() >= 3 && looks_like_unit(head) {
            return Some((head.to_string(), &text[end..]));
        }
        if head.chars().count() > 30 {
            break;
        }
    }
    None
}

/// Units introduced by 由 in running text: `由市卫健委牵头，市民政局配合，…`,
/// `由A负责，B、C指导`, `由A、B按职责分工负责`.
pub fn by_clause(text: &str) -> Option<Assignment> {
    let clauses = split_outside(text, &['，', ',', '。', '；', ';']);
    // 由X牵头, also 此项由X负责 and 以上事项由X负责.
    let opening = |c: &str| -> Option<String> {
        let c = c.trim();
        let at = c.find('由')?;
        (c[..at].chars().count() <= 5).then(|| c[at + '由'.len_utf8()..].to_string())
    };
    let (start, first) = clauses
        .iter()
        .enumerate()
        .find_map(|(i, c)| opening(c).map(|f| (i, f)))?;
    let mut taken = vec![first];
    let mut joined: Vec<String> = Vec::new();
    for c in &clauses[start + 1..] {
        let c = c.trim();
        if PROSE_ROLES.iter().any(|(w, _)| c.ends_with(w)) && prose(c).is_some() {
            taken.push(c.to_string());
        } else if let Some(rest) = c.strip_prefix("会同") {
            // 会同市城管局、市水务局抓好落实: the units joined, up to the verb.
            let parts = split_outside(rest, &['、', '，', ',']);
            for (k, part) in parts.iter().enumerate() {
                let name = if k + 1 == parts.len() {
                    unit_prefix(part).map(|(n, _)| n)
                } else {
                    Some(part.trim().to_string())
                };
                if let Some(n) = name.filter(|n| unit_or_group(n)) {
                    joined.push(n);
                }
            }
            break;
        } else {
            break;
        }
    }
    let mut a = prose(&taken.join("，"))?;
    a.add_support(joined);
    let all_units = a.units().all(|n| unit_or_group(n));
    all_units.then_some(a)
}

/// The unit names of a list written with 、，,；; and 及, keeping bracketed
/// parts whole and a phrase that names one group (负责…的各相关处室) as one.
pub fn names(list: &str, more_than_listed: &mut bool) -> Vec<String> {
    let list = list.trim();
    // 由X, 均由X, 此项由X: the units after 由.
    let list = ["此项由", "该项由", "上述事项由", "以上事项由", "均由", "由"]
        .iter()
        .find_map(|p| list.strip_prefix(p))
        .unwrap_or(list);
    let list = list.trim().trim_start_matches('请').trim();
    let mut parts: Vec<&str> = Vec::new();
    for part in split_outside(list, &['、', '，', ',', '；', ';', '及', '/', '／', '\n']) {
        // Names written apart with spaces alone (县发改局 县财政局).
        let pieces: Vec<&str> = part
            .split([' ', '　', '\t'])
            .filter(|p| !p.is_empty())
            .collect();
        if pieces.len() > 1
            && pieces
                .iter()
                .all(|p| looks_like_unit(p) || super::words::is_group(p))
        {
            parts.extend(pieces);
        } else {
            parts.push(part);
        }
    }
    // 各市、县（市、区）人民政府: one group, 各 reaching over the list.
    let mut joined: Vec<String> = Vec::new();
    let mut k = 0;
    while k < parts.len() {
        let p = parts[k].trim();
        let short_each = p.starts_with('各') && p.chars().count() == 2;
        if short_each
            && k + 1 < parts.len()
            && parts[k + 1]
                .trim()
                .starts_with(['市', '县', '区', '乡', '镇', '省'])
        {
            joined.push(format!("{p}、{}", parts[k + 1].trim()));
            k += 2;
        } else {
            joined.push(p.to_string());
            k += 1;
        }
    }
    let parts: Vec<&str> = joined.iter().map(String::as_str).collect();
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    let push = |name: String, out: &mut Vec<String>| {
        // A deadline written among the units (…；即日起至2024年12月) is none.
        if !name.is_empty()
            && !out.contains(&name)
            && !name.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && super::deadline::stated(&name, Some(2000)).is_none()
        {
            out.push(name);
        }
    };
    for (i, part) in parts.iter().enumerate() {
        let part = part.trim();
        if !pending.is_empty() {
            pending.push('、');
        }
        pending.push_str(part);
        // A part that is no name on its own and belongs to a phrase that
        // ends in one (审批、核准、备案、实施的各相关处室) waits for the rest.
        let rest_joined: String = parts[i + 1..].join("、");
        if !looks_like_unit(part)
            && i + 1 < parts.len()
            && rest_joined.contains('的')
            && !part.contains('的')
        {
            continue;
        }
        let name = clean(&std::mem::take(&mut pending), more_than_listed);
        push(name, &mut out);
    }
    if !pending.is_empty() {
        let name = clean(&pending, more_than_listed);
        push(name, &mut out);
    }
    out
}

/// A name without the words around it: 等, 等部门, trailing stops, and a
/// second name in brackets (市市场监管局（市知识产权局）: one unit, two names).
fn clean(name: &str, more_than_listed: &mut bool) -> String {
    let mut n = name
        .trim()
        .trim_matches(|c: char| "。.；;，,、：:".contains(c) || c.is_whitespace())
        .to_string();
    if let Some(open) = n.rfind(['（', '(']) {
        let inner = n[open..]
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        let outer = &n[..open];
        if n.ends_with(['）', ')'])
            && inner.chars().count() >= 3
            && !inner.contains(['、', '，', ','])
            && looks_like_unit(inner)
            && looks_like_unit(outer)
            && !inner.contains("牵头")
        {
            n = outer.to_string();
        }
    }
    for tail in ["（按职责分工）", "(按职责分工)", "（按职责）", "（按职能）"]
    {
        if let Some(head) = n.strip_suffix(tail) {
            n = head.trim().to_string();
        }
    }
    for tail in [
        "等有关部门",
        "等相关部门",
        "等部门",
        "等单位",
        "等处室",
        "等",
    ] {
        if let Some(head) = n.strip_suffix(tail) {
            if !head.is_empty() {
                n = head.to_string();
                *more_than_listed = true;
                break;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(lead: &str, support: &[&str]) -> Assignment {
        Assignment {
            lead: Some(lead.into()),
            support: support.iter().map(|s| s.to_string()).collect(),
            ..Assignment::default()
        }
    }

    #[test]
    fn responsibility_lines() {
        let got = line("责任处室:信用办,数字福建技术应用处").unwrap();
        assert_eq!(got.lead.as_deref(), Some("信用办"));
        assert_eq!(got.support, ["数字福建技术应用处"]);
        assert!(got.by_order);
        let got = line("牵头单位：市发改委；配合单位：市财政局、市人社局").unwrap();
        assert_eq!(got, a("市发改委", &["市财政局", "市人社局"]));
        assert_eq!(
            line("责任处室：负责具体项目审批、核准、备案、实施的各相关处室").unwrap(),
            a("负责具体项目审批、核准、备案、实施的各相关处室", &[])
        );
        assert!(line("做好公开工作：责任处室").is_none());
        let got = line("责任单位：县发改局（牵头），县财政局、县自然资源局").unwrap();
        assert_eq!(got, a("县发改局", &["县财政局", "县自然资源局"]));
        let got = from_cell("市财政局、市发改委（牵头）", "responsible");
        assert_eq!(got, a("市发改委", &["市财政局"]));
        let got = from_cell("牵头：市发改委\n配合：市财政局", "responsible");
        assert_eq!(got, a("市发改委", &["市财政局"]));
        assert!(line("责任处室很重要").is_none());
    }

    #[test]
    fn an_assignment_empty_or_not_and_its_units() {
        assert!(Assignment::default().is_empty());
        assert!(!a("甲局", &[]).is_empty());
        for one in [
            Assignment {
                support: vec!["乙局".into()],
                ..Assignment::default()
            },
            Assignment {
                guide: vec!["丙局".into()],
                ..Assignment::default()
            },
        ] {
            assert!(!one.is_empty(), "{one:?}");
        }
        let both = a("甲局", &["乙局"]);
        let all: Vec<&String> = both.units().collect();
        assert_eq!(all, ["甲局", "乙局"]);
        // Units are what the 由 clause checks: a person is none.
        assert!(by_clause("由张三负责，李四配合").is_none());
    }

    #[test]
    fn merging_keeps_the_first_lead_and_every_mark() {
        let second = Assignment {
            lead: Some("丙局".into()),
            support: vec!["乙局".into()],
            guide: vec!["丁局".into()],
            by_order: true,
            more_than_listed: true,
        };
        let mut first = a("甲局", &["乙局"]);
        first.merge(second.clone());
        assert_eq!(first.lead.as_deref(), Some("甲局"));
        assert_eq!(first.support, ["乙局", "丙局"]);
        assert!(first.more_than_listed);
        first.merge(second);
        assert_eq!(first.guide, ["丁局"]);
        let mut none = Assignment::default();
        none.merge(Assignment {
            lead: Some("甲局".into()),
            by_order: true,
            ..Assignment::default()
        });
        assert!(none.by_order);
    }

    #[test]
    fn labels_of_every_kind_and_a_persons_label() {
        assert_eq!(
            line("牵头股室：甲局；配合部室：乙局、丙局").unwrap(),
            a("甲局", &["乙局", "丙局"])
        );
        assert_eq!(
            line("分管市领导：张三；责任单位：甲局").unwrap(),
            a("甲局", &[])
        );
        assert_eq!(line("责任单位（部门）：甲局").unwrap(), a("甲局", &[]));
    }

    #[test]
    fn a_cell_under_each_kind_of_column() {
        let got = from_cell("甲局、乙局", "lead");
        assert_eq!((got.lead.as_deref(), got.by_order), (Some("甲局"), true));
        assert_eq!(got.support, ["乙局"]);
        let got = from_cell("甲局、乙局", "support");
        assert_eq!(
            (got.lead, got.support),
            (None, vec!["甲局".to_string(), "乙局".into()])
        );
        assert_eq!(from_cell("甲局", "guide").guide, ["甲局"]);
        assert_eq!(
            from_cell("乙局、甲局（牵头）", "responsible"),
            a("甲局", &["乙局"])
        );
        assert_eq!(
            from_cell("甲局（牵头）、乙局（牵头）、丙局（配合）", "responsible"),
            a("甲局", &["乙局", "丙局"])
        );
    }

    #[test]
    fn prose_with_the_rule_of_order_lists_and_duties() {
        for rule in ["排在第一位的为牵头单位", "排名第一的为牵头单位"] {
            let got = prose(&format!("{rule}，甲局、乙局负责")).unwrap();
            assert_eq!(got.lead.as_deref(), Some("甲局"), "{rule}");
        }
        assert_eq!(prose("市财政局负责经费保障").unwrap(), a("市财政局", &[]));
        assert_eq!(prose("落实负责制度，甲局负责").unwrap(), a("甲局", &[]));
        let mut got = prose("市市场监管局，市公安局，市税务局负责").unwrap();
        got.by_order = false;
        assert_eq!(got, a("市市场监管局", &["市公安局", "市税务局"]));
        assert!(prose("甲局等，乙局负责").unwrap().more_than_listed);
        // A unit after the lead with a short duty of its own supports; a
        // deadline, a period or a long sentence does not.
        assert_eq!(
            prose("甲局负责，市财政局保障资金").unwrap(),
            a("甲局", &["市财政局"])
        );
        for tail in [
            "每半年报送一次",
            "2020年9月底前实现与信息平台数据共享",
            "乙局要在全市范围内组织开展检查工作",
            "示例市经济技术开发区管理委员会保障",
        ] {
            assert_eq!(
                prose(&format!("甲局负责，{tail}")).unwrap(),
                a("甲局", &[]),
                "{tail}"
            );
        }
        assert!(prose("市财政局保障资金").is_none());
        assert!(prose("认真做好落实负责").is_none());
    }

    #[test]
    fn units_before_the_duty_and_after_a_dash_or_a_colon() {
        // The colon form: all names units or groups, the rest the duty.
        let (got, duty) = lead_in("市发改委、市财政局：负责统筹推进").unwrap();
        assert_eq!(
            (got.lead.as_deref(), got.by_order),
            (Some("市发改委"), true)
        );
        assert_eq!(duty, "统筹推进");
        assert!(lead_in("工作目标：到年底完成").is_none());
        let (got, duty) = lead_in("市卫健委：统筹推进全市医养结合工作").unwrap();
        assert_eq!(
            (got, duty.as_str()),
            (a("市卫健委", &[]), "统筹推进全市医养结合工作")
        );
        assert!(lead_in("这项工作要抓紧推进").is_none());
        // 牵头 written before the duty makes the first lead, the rest support.
        let (got, duty) = lead_in("市住建局牵头推进老旧小区改造").unwrap();
        assert_eq!(got, a("市住建局", &[]));
        assert_eq!(duty, "推进老旧小区改造");
        // The earliest role word counts; 会同 brings its units in.
        let (got, duty) = lead_in("市商务局会同市发改委推进外贸稳增长").unwrap();
        assert_eq!(got, a("市商务局", &["市发改委"]));
        assert_eq!(duty, "推进外贸稳增长");
        // 等 marks a list cut short.
        let (got, _) = lead_in("市发改委等负责统筹").unwrap();
        assert!(got.more_than_listed);
        assert!(lead_in("加快推进项目建设").is_none());
    }

    #[test]
    fn a_unit_at_the_start_of_a_duty() {
        assert_eq!(
            unit_prefix("市财政局完善医保政策"),
            Some(("市财政局".to_string(), "完善医保政策"))
        );
        // Brackets inside a unit's name are not cut at.
        assert_eq!(
            unit_prefix("市场（质量）监督管理局组织实施").map(|(u, _)| u),
            Some("市场（质量）监督管理局".to_string())
        );
        assert_eq!(unit_prefix("市局"), None);
        assert_eq!(unit_prefix(&format!("{}局", "甲".repeat(31))), None);
    }

    #[test]
    fn the_by_clause_with_its_opening_words_and_what_follows() {
        for opening in ["由", "此项由", "均由"] {
            let got = by_clause(&format!(
                "推进工作。{opening}市住建局牵头，市财政局配合，抓好落实"
            ))
            .unwrap();
            assert_eq!(got, a("市住建局", &["市财政局"]), "{opening}");
        }
        let got = by_clause("由市住建局牵头，会同市城管局、市水务局抓好落实").unwrap();
        assert_eq!(got, a("市住建局", &["市城管局", "市水务局"]));
        // 由 too far into a clause opens nothing.
        assert!(by_clause("这项工作最终由市住建局负责").is_none());
    }

    #[test]
    fn names_apart_by_spaces_and_a_reaching_each() {
        let mut more = false;
        assert_eq!(
            names("县发改局 县财政局　县自然资源局", &mut more),
            ["县发改局", "县财政局", "县自然资源局"]
        );
        // Spaces inside a phrase that is not a list of units stay.
        assert_eq!(names("负责 具体项目", &mut more), ["负责 具体项目"]);
        assert_eq!(
            names("各市、县（市、区）人民政府，市教育局", &mut more),
            ["各市、县（市、区）人民政府", "市教育局"]
        );
        assert_eq!(names("各地、各部门", &mut more), ["各地", "各部门"]);
        // A deadline among the units is none.
        assert_eq!(
            names("县农业农村局；即日起至2024年12月", &mut more),
            ["县农业农村局"]
        );
        assert_eq!(names("县农业农村局、2024年", &mut more), ["县农业农村局"]);
        assert!(!more);
    }

    #[test]
    fn prose_in_brackets() {
        let mut got = prose("市财政局、市人社局负责，排在第一位的部门为牵头部门，下同").unwrap();
        assert!(got.by_order);
        got.by_order = false;
        assert_eq!(got, a("市财政局", &["市人社局"]));
        assert_eq!(
            prose("市住建局牵头，市自然资源局、市生态环境局配合").unwrap(),
            a("市住建局", &["市自然资源局", "市生态环境局"])
        );
        assert_eq!(
            prose("市商务局会同有关部门负责").unwrap(),
            a("市商务局", &["有关部门"])
        );
        assert_eq!(
            prose("各县（市、区）人民政府负责").unwrap(),
            a("各县（市、区）人民政府", &[])
        );
        assert!(prose("2018年底前完成").is_none());
        assert_eq!(
            prose("经济发展局负责，财政金融局保障资金").unwrap(),
            a("经济发展局", &["财政金融局"])
        );
        let (got, duty) = lead_in("市医保局：会同市财政局完善医保支付政策，将…").unwrap();
        assert_eq!(
            (got, duty.as_str()),
            (a("市医保局", &["市财政局"]), "完善医保支付政策，将…")
        );
        let (got, duty) = lead_in("各地、各部门要加强宣传解读。").unwrap();
        assert_eq!(got.lead.as_deref(), Some("各地"));
        assert_eq!(duty, "加强宣传解读。");
        assert!(lead_in("推动医疗卫生机构开展养老服务。由市卫健委牵头").is_none());
        let got = by_clause("推动养老服务。由市卫健委牵头，市民政局配合，支持医院开设老年病科。")
            .unwrap();
        assert_eq!(got, a("市卫健委", &["市民政局"]));
        assert!(prose("含下属单位").is_none());
    }
}
