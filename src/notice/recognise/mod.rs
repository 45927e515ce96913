//! From a notice's paragraphs and tables to a draft plan: the head, the
//! structure (sections, tasks, sub-tasks, table rows), the units assigned
//! and the deadlines. Every guess is kept with the thing it concerns, as a
//! message the draft writes next to it.

pub mod deadline;
pub mod head;
pub mod outline;
pub mod table;
pub mod units;
pub mod words;

use chrono::{Datelike, NaiveDate};

pub use self::deadline::Rule;
use self::deadline::Stated;
use self::units::Assignment;
use super::read::{Block, Document};
use crate::messages::{self as m, Msg};

/// What the command line adds to the notice.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub office: Option<String>,
    pub year: Option<i32>,
    pub id: Option<String>,
    /// The notice file's name without its extension, for the plan's id.
    pub stem: String,
}

/// A draft plan: what the notice says, and what to check.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub id: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<NaiveDate>,
    pub office: String,
    pub year: Option<i32>,
    pub due: Option<String>,
    pub feedback: Option<(&'static str, Option<u32>)>,
    /// Checks about the plan as a whole, each with the field it concerns.
    pub checks: Vec<(&'static str, Msg)>,
    pub units: Vec<Unit>,
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
    pub notes: Vec<(String, String)>,
    /// Lines of the notice that went into no task, section or note.
    pub unread: Vec<String>,
    /// Whether any task names a unit under 指导.
    pub guide_role: bool,
    /// Whether the notice states that the first unit named leads.
    order_stated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Division,
    Outside,
    Group,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    pub kind: UnitKind,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub struct Task {
    pub id: String,
    pub section: String,
    pub parent: Option<String>,
    pub title: String,
    pub text: String,
    pub lead: Option<String>,
    pub support: Vec<String>,
    pub guide: Vec<String>,
    /// Whether this task gives its own units (a sub-task that does not
    /// takes its parent's).
    pub assigned: bool,
    pub due: Option<String>,
    pub rules: Vec<Rule>,
    pub checks: Vec<Msg>,
}

impl Draft {
    /// How many marks `# check:` the draft has.
    pub fn check_count(&self) -> usize {
        self.checks.len()
            + self.tasks.iter().map(|t| t.checks.len()).sum::<usize>()
            + usize::from(!self.unread.is_empty())
            + self.notes.len()
            + usize::from(self.undecided_group())
            + usize::from(self.named_groups())
    }

    /// Whether the stand-in group for items that name no unit is declared
    /// (its members are to be chosen).
    pub fn undecided_group(&self) -> bool {
        self.units
            .iter()
            .any(|u| u.kind == UnitKind::Group && u.name == UNDECIDED)
    }

    /// Whether a group the notice names is declared (各相关处室): its
    /// members are to be listed.
    pub fn named_groups(&self) -> bool {
        self.units
            .iter()
            .any(|u| u.kind == UnitKind::Group && u.name != UNDECIDED)
    }
}

/// The name that stands in for the units of an item that names none.
pub const UNDECIDED: &str = "待定";

/// One numbered item of the notice, or one row of a task table.
#[derive(Debug, Default)]
struct Item {
    rank: u8,
    number: Option<u32>,
    /// The text after the number; more paragraphs follow in `more`.
    text: String,
    more: Vec<String>,
    assignment: Option<Assignment>,
    /// An assignment line was read: later lines are not the item's.
    closed: bool,
    /// A deadline stated apart (a 完成时限 line or cell).
    due: Option<String>,
    parent: Option<usize>,
    children: Vec<usize>,
    /// From a table: the 序号 as written, and the task cell is the title.
    seq: Option<String>,
    table: Option<usize>,
    /// The 具体要求 of a table row.
    detail: Option<String>,
    /// Which part of the notice the item is in: the notice itself is 0,
    /// each attachment (附件) the next.
    part: usize,
}

/// Labels of a line that states a deadline on its own.
const DUE_LABELS: &[&str] = &[
    "办结时限",
    "办理时限",
    "完成时限",
    "完成时间",
    "时限要求",
    "时间要求",
    "完成期限",
    "时间节点",
    "时限",
];

pub fn recognise(doc: &Document, opts: &Options) -> Draft {
    let paras: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    // The body starts at the first numbered line or task table.
    let start = doc
        .blocks
        .iter()
        .position(|b| match b {
            Block::Para(p) => outline::marker(p).is_some_and(|k| k.rank <= 2),
            Block::Table(rows) => table::read(rows).is_some(),
        })
        .unwrap_or(doc.blocks.len());
    let head_lines: Vec<&str> = doc.blocks[..start]
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    let head = head::read(&head_lines, &paras);
    let mut draft = Draft::default();
    let year = opts
        .year
        .or(head.issued.map(|d| d.year()))
        .or_else(|| head.title.as_deref().and_then(title_year));
    draft.year = year;
    match (opts.year, head.issued) {
        (Some(_), _) => {}
        (None, Some(d)) => draft
            .checks
            .push(("year", m::import_check_year_from_date(d.year()))),
        (None, None) => match year {
            Some(y) => draft
                .checks
                .push(("year", m::import_check_year_from_title(y))),
            None => draft.checks.push(("year", m::import_check_no_year())),
        },
    }
    draft.title = head.title.clone().unwrap_or_else(|| {
        draft.checks.push(("title", m::import_check_no_title()));
        opts.stem.clone()
    });
    draft.doc_no = head.doc_no.as_deref().map(words::ascii_digits);
    draft.issuer = head.issuer.clone();
    draft.issued = head.issued;
    if head.issued.is_none() {
        draft.checks.push(("issued", m::import_check_no_date()));
    }
    draft.id = opts.id.clone().unwrap_or_else(|| plan_id(&opts.stem, year));
    // The plan's default deadline (各项任务未注明完成时限的，…于2018年底前完成).
    draft.due = head_lines
        .iter()
        .chain(&paras)
        .find_map(|l| default_due(l, year));
    if draft.due.is_none()
        && head
            .title
            .as_deref()
            .and_then(title_year)
            .is_some_and(|y| Some(y) == year)
    {
        if let Some(y) = year {
            draft.due = Some(format!("{y}年底前"));
            draft.checks.push(("due", m::import_check_annual_due(y)));
        }
    }
    draft.feedback = head_lines.iter().find_map(|l| cadence(l));
    if let Some((c, _)) = draft.feedback {
        draft.checks.push(("feedback", m::import_check_cadence(c)));
    }

    let mut items: Vec<Item> = Vec::new();
    let mut unread: Vec<String> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut table_no = 0;
    let mut part = 0;
    // The title of each attachment: on its 附件 line (附件1：X), or the line
    // after it.
    let mut attachment_titles: Vec<(usize, String)> = Vec::new();
    let mut after_attachment = false;
    for block in &doc.blocks[start..] {
        let before = items.len();
        if let Block::Para(p) = block {
            let p = p.trim();
            if p.starts_with("附件") {
                part += 1;
                let named = p
                    .split_once(['：', ':'])
                    .map(|(_, t)| t.trim())
                    .filter(|t| head::is_title(t));
                if let Some(t) = named {
                    attachment_titles.push((part, t.to_string()));
                }
                after_attachment = named.is_none();
            } else if after_attachment {
                if head::is_title(p) {
                    attachment_titles.push((part, p.to_string()));
                }
                after_attachment = false;
            }
        }
        match block {
            Block::Para(p) => read_para(p, &mut items, &mut stack, &mut unread),
            Block::Table(rows) => match table::read(rows) {
                Some(rows) => {
                    table_no += 1;
                    read_table_rows(rows, table_no, &mut items, &mut stack);
                }
                None => {
                    for row in rows {
                        let line: Vec<&str> = row
                            .iter()
                            .map(|c| c.text.as_str())
                            .filter(|t| !t.is_empty())
                            .collect();
                        read_para(&line.join(" "), &mut items, &mut stack, &mut unread);
                    }
                }
            },
        }
        for item in &mut items[before..] {
            item.part = part;
        }
    }
    split_points(&mut items, year);
    let any_assignment = items.iter().any(has_units);
    draft.order_stated = states_order(&items);
    // A plan attached to the notice gives the plan its title.
    let mut parts: Vec<usize> = items
        .iter()
        .filter(|i| i.assignment.is_some() || i.table.is_some())
        .map(|i| i.part)
        .collect();
    parts.sort_unstable();
    if let Some(&p) = parts
        .first()
        .filter(|&&p| p > 0 && parts.iter().all(|&q| q == p))
    {
        if let Some((_, t)) = attachment_titles.iter().find(|(q, _)| *q == p) {
            draft.title = t.clone();
        }
    }
    build(&mut draft, &items, year, any_assignment);
    draft.unread = unread;
    units(&mut draft, &head, opts);
    draft
}

fn read_para(p: &str, items: &mut Vec<Item>, stack: &mut Vec<usize>, unread: &mut Vec<String>) {
    let p = p.trim();
    if p.is_empty() {
        return;
    }
    let current = stack.last().copied();
    if let Some(a) = units::line(p) {
        match current {
            Some(i) => {
                let item = &mut items[i];
                match &mut item.assignment {
                    Some(have) => have.merge(a),
                    None => item.assignment = Some(a),
                }
                // 责任单位：X　完成时限：2020年底前 on one line.
                if let Some(d) = due_in_line(p) {
                    item.due = Some(d);
                }
                item.closed = true;
            }
            None => unread.push(p.to_string()),
        }
        return;
    }
    if let Some(due) = due_line(p) {
        if let Some(i) = current {
            items[i].due = Some(due.to_string());
            return;
        }
    }
    // An attachment starts a document of its own; the foot of a notice
    // (抄送, 印发) and a signature with its date belong to no item.
    if p.starts_with("附件") {
        stack.clear();
        unread.push(p.to_string());
        return;
    }
    if is_foot(p) {
        if let Some(&i) = stack.last() {
            items[i].closed = true;
        }
        unread.push(p.to_string());
        return;
    }
    if let Some(k) = outline::marker(p) {
        let rest = p[k.rest..].trim().trim_end_matches('】');
        while stack.last().is_some_and(|&i| items[i].rank >= k.rank) {
            stack.pop();
        }
        let parent = stack.last().copied();
        let idx = items.len();
        items.push(Item {
            rank: k.rank,
            // 0 for a heading without a number.
            number: (k.number > 0).then_some(k.number),
            text: rest.to_string(),
            parent,
            // An item whose units close it in brackets ends there.
            closed: ends_with_assignment(rest),
            ..Item::default()
        });
        if let Some(pi) = parent {
            items[pi].children.push(idx);
        }
        stack.push(idx);
        return;
    }
    match current {
        Some(i) if !items[i].closed => {
            items[i].more.push(p.to_string());
            if ends_with_assignment(p) {
                items[i].closed = true;
            }
        }
        _ => unread.push(p.to_string()),
    }
}

/// An assignment line run on inside a paragraph, after a full stop or a
/// dash (……。——牵头单位：X；参与单位：Y), and the text before it.
fn inline_line(text: &str) -> Option<(Assignment, String)> {
    let mut from = 0;
    while let Some(i) = text[from..]
        .find(['。', '—', '；', ' ', '　', '\n'])
        .map(|i| i + from)
    {
        let c = text[i..].chars().next()?;
        let after = text[i + c.len_utf8()..].trim_start_matches(['—', '-', ' ', '　']);
        if let Some(a) = units::line(after) {
            let before = text[..i + if c == '。' { c.len_utf8() } else { 0 }]
                .trim()
                .to_string();
            return Some((a, before));
        }
        from = i + c.len_utf8();
    }
    None
}

/// The units an item names, in any of the ways a notice does (for a
/// section heading, whose units hold for its tasks).
fn units_of(item: &Item) -> Option<Assignment> {
    let full = full_text(&item.text, &item.more);
    item.assignment
        .clone()
        .or_else(|| units::by_clause(&full))
        .or_else(|| bracket_assignments(&item.text, &item.more).map(|(a, _, _)| a))
        .or_else(|| inline_line(&full).map(|(a, _)| a))
}

/// A heading whose paragraph lists its items inline (一是……；二是……；三是……。)
/// holds them as its items, each with the heading's units and deadline.
fn split_points(items: &mut Vec<Item>, year: Option<i32>) {
    for i in 0..items.len() {
        if items[i].rank != 0 || !items[i].children.is_empty() || items[i].table.is_some() {
            continue;
        }
        let full = full_text(&items[i].text, &items[i].more);
        let Some((points, tail)) = points_in(&full) else {
            continue;
        };
        // The deadline said once for all of them (于2024年5月31日前办结).
        let due = due_in_line(&tail).or_else(|| {
            deadline::phrases_in(&words::ascii_digits(&tail), year)
                .into_iter()
                .find_map(|f| match f {
                    Stated::Due(d) => Some(d),
                    Stated::Rule(_) => None,
                })
        });
        let heading = words::title(&items[i].text);
        items[i].text = format!("{heading}。{tail}");
        items[i].more.clear();
        for (k, text) in points.into_iter().enumerate() {
            let idx = items.len();
            let part = items[i].part;
            items.push(Item {
                rank: 1,
                number: Some(k as u32 + 1),
                text,
                closed: true,
                due: due.clone(),
                parent: Some(i),
                part,
                ..Item::default()
            });
            items[i].children.push(idx);
        }
    }
}

/// The points of an inline list (一是……；二是……), when there are two or
/// more, and what follows the sentence that holds them.
fn points_in(text: &str) -> Option<(Vec<String>, String)> {
    const ORDINALS: [&str; 10] = [
        "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是",
    ];
    let mut starts = Vec::new();
    let mut from = 0;
    for o in ORDINALS {
        match text[from..].find(o) {
            Some(i) => {
                starts.push((from + i, o.len()));
                from += i + o.len();
            }
            None => break,
        }
    }
    if starts.len() < 2 {
        return None;
    }
    let (last_at, _) = *starts.last()?;
    let end = text[last_at..]
        .find('。')
        .map_or(text.len(), |i| last_at + i + '。'.len_utf8());
    let mut points = Vec::new();
    for (k, &(at, len)) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).map_or(end, |n| n.0);
        let point = text[at + len..stop]
            .trim()
            .trim_end_matches(['；', ';', '，', ',', '。'])
            .trim();
        points.push(format!("{point}。"));
    }
    Some((points, text[end..].trim().to_string()))
}

/// Units written before the duty (units::lead_in) — but a heading's
/// exhortation to all (四、有关要求。各责任单位要高度重视…) assigns nothing.
fn lead_in(item: &Item) -> Option<(Assignment, String)> {
    let (a, duty) = units::lead_in(&item.text)?;
    let exhorts = item.rank == 0 && a.units().all(|n| words::is_group(n));
    (!exhorts).then_some((a, duty))
}

/// Whether an item names units in any of the ways a notice does.
fn has_units(item: &Item) -> bool {
    units_of(item).is_some() || lead_in(item).is_some()
}

/// A line of a notice's foot or signature: 抄送, 印发, a date alone, the
/// issuer's name alone.
fn is_foot(p: &str) -> bool {
    ["抄送", "印发", "（此件", "(此件", "此件"]
        .iter()
        .any(|w| p.starts_with(w))
        || head::date(p).is_some()
        || (p.chars().count() <= 30
            && !p.contains(['。', '，', ',', '；', '：', ':'])
            && words::looks_like_unit(p)
            && !words::is_group(p))
}

/// A deadline label and its value anywhere in a line (…；完成时限：2020年底前).
fn due_in_line(p: &str) -> Option<String> {
    DUE_LABELS.iter().find_map(|l| {
        let at = p.find(l)?;
        let rest = p[at + l.len()..].trim_start().strip_prefix(['：', ':'])?;
        let end = rest
            .find(['；', ';', '，', ',', '。', ' ', '　', '\t'])
            .unwrap_or(rest.len());
        let value = rest[..end].trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

fn due_line(p: &str) -> Option<&str> {
    let t = p
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    DUE_LABELS.iter().find_map(|l| {
        let rest = t.strip_prefix(l)?.trim_start();
        let rest = rest.strip_prefix(['：', ':'])?;
        Some(rest.trim())
    })
}

fn read_table_rows(
    rows: Vec<table::Row>,
    table_no: usize,
    items: &mut Vec<Item>,
    stack: &mut Vec<usize>,
) {
    // Rows sit under the item the table follows, unless the table has its
    // own categories.
    let has_categories = rows
        .iter()
        .any(|r| matches!(r, table::Row::Category { .. }));
    if has_categories {
        stack.clear();
    }
    let base: Option<usize> = stack.last().copied();
    let base_rank = base.map_or(0, |b| items[b].rank);
    let mut category: Option<usize> = None;
    for row in rows {
        match row {
            table::Row::Category { number, title } => {
                let idx = items.len();
                items.push(Item {
                    rank: 0,
                    number,
                    text: title,
                    closed: true,
                    table: Some(table_no),
                    ..Item::default()
                });
                category = Some(idx);
            }
            table::Row::Task(t) => {
                // 1.1 under 1: a sub-task of the row numbered 1.
                let seq = t.seq.as_deref().map(|s| words::ascii_digits(s.trim()));
                let above = seq
                    .as_deref()
                    .and_then(|s| s.rsplit_once(['.', '．']))
                    .and_then(|(head, _)| {
                        items.iter().rposition(|i| {
                            i.table == Some(table_no)
                                && i.seq
                                    .as_deref()
                                    .map(|s| words::ascii_digits(s.trim()))
                                    .as_deref()
                                    == Some(head)
                        })
                    });
                let parent = above.or(category).or(base);
                let idx = items.len();
                let mut text = t.task.clone();
                let mut number = t.seq.as_deref().and_then(words::number);
                if let Some(k) = outline::marker(&text) {
                    number = number.or(Some(k.number));
                    text = text[k.rest..].trim().to_string();
                }
                let mut more = Vec::new();
                for (h, v) in &t.other {
                    more.push(format!("{h}：{v}"));
                }
                let rank = match above {
                    Some(a) => items[a].rank + 1,
                    None if category.is_some() => 1,
                    None => base_rank + 1,
                };
                items.push(Item {
                    rank,
                    number,
                    text,
                    more,
                    assignment: (!t.assignment.is_empty()).then_some(t.assignment),
                    closed: true,
                    due: t.due,
                    parent,
                    seq: t.seq,
                    table: Some(table_no),
                    detail: t.detail,
                    ..Item::default()
                });
                if let Some(p) = parent {
                    items[p].children.push(idx);
                }
            }
        }
    }
    stack.clear();
    if let Some(c) = category {
        stack.push(c);
    } else if let Some(b) = base {
        stack.push(b);
    }
}

/// The bracketed groups at the top level of `text`: where each starts and
/// ends (in bytes, brackets included) and what is inside.
fn bracket_groups(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut open = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            '）' | ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let inner_start = open + text[open..].chars().next().map_or(1, char::len_utf8);
                    out.push((open, i + c.len_utf8(), &text[inner_start..i]));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a paragraph ends with units in brackets (…。（X负责）): the
/// item it belongs to ends there.
fn ends_with_assignment(p: &str) -> bool {
    let trimmed = p.trim_end_matches(|c: char| "。.；;".contains(c) || c.is_whitespace());
    bracket_groups(trimmed)
        .last()
        .is_some_and(|&(_, end, inside)| end == trimmed.len() && units::prose(inside).is_some())
}

/// The units an item names in brackets — at its end (（X负责）), after its
/// heading (加强队伍建设（市人社局负责）。…), or in several brackets, the
/// first bracket's lead leading — with the text without those brackets,
/// and what the brackets hold (for the deadlines written there).
fn bracket_assignments(text: &str, more: &[String]) -> Option<(Assignment, String, Vec<String>)> {
    let full = full_text(text, more);
    let mut found: Option<Assignment> = None;
    let mut insides = Vec::new();
    let mut rest = String::new();
    let mut at = 0;
    for (open, close, inside) in bracket_groups(&full) {
        let Some(a) = units::prose(inside) else {
            continue;
        };
        match &mut found {
            Some(have) => have.merge(a),
            None => found = Some(a),
        }
        insides.push(inside.to_string());
        rest.push_str(&full[at..open]);
        at = close;
    }
    let Some(found) = found else {
        return final_sentence_assignment(&full).map(|(a, rest)| (a, rest, Vec::new()));
    };
    rest.push_str(&full[at..]);
    Some((found, rest.trim().to_string(), insides))
}

/// An assignment written as the item's last sentence, without brackets
/// (……。市住建局牵头，市财政局配合。).
fn final_sentence_assignment(full: &str) -> Option<(Assignment, String)> {
    let body = full.trim_end().trim_end_matches(['。', '.', '；', ';']);
    let start = body.rfind(['。', '；', ';', '\n']).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    });
    let sentence = body[start..].trim();
    if start == 0 || sentence.chars().count() > 80 {
        return None;
    }
    let a = units::prose(sentence)?;
    if a.lead.is_none() || !a.units().all(|n| words::looks_like_unit(n)) {
        return None;
    }
    Some((a, body[..start].trim().to_string()))
}

fn full_text(text: &str, more: &[String]) -> String {
    let mut s = text.to_string();
    for p in more {
        s.push('\n');
        s.push_str(p);
    }
    s
}

/// A deadline written in the brackets of an assignment
/// (（市发改委负责，2018年底前完成）, （责任单位：X；完成时限：2022年6月底前）).
fn bracket_due(insides: &[String], year: Option<i32>) -> Option<String> {
    insides.iter().find_map(|inside| {
        words::split_outside(inside, &['，', ',', '；', ';'])
            .into_iter()
            .find_map(|clause| {
                let clause = clause.trim();
                let clause = due_line(clause).unwrap_or(clause);
                match deadline::stated(clause.trim_end_matches("完成"), year) {
                    Some(Stated::Due(d)) => Some(d),
                    _ => None,
                }
            })
    })
}

fn build(draft: &mut Draft, items: &[Item], year: Option<i32>, any_assignment: bool) {
    // A part of the notice whose items name no unit at all (the cover
    // letter's 工作要求 before the attached plan) holds no tasks: its items
    // are kept as notes.
    let assigned_parts: std::collections::HashSet<usize> = items
        .iter()
        .filter(|i| has_units(i))
        .map(|i| i.part)
        .collect();
    let mut roots = Vec::new();
    for i in (0..items.len()).filter(|&i| items[i].parent.is_none()) {
        if any_assignment && !assigned_parts.contains(&items[i].part) {
            note(draft, items, i);
        } else {
            roots.push(i);
        }
    }
    let sectioned = roots
        .iter()
        .any(|&r| items[r].rank == 0 && !items[r].children.is_empty());
    let mut used_ids = std::collections::HashSet::new();
    let mut used_sections = std::collections::HashSet::new();
    if !sectioned {
        let id = "1".to_string();
        draft.sections.push(Section {
            id: id.clone(),
            title: draft.title.clone(),
        });
        let ids = child_ids(items, &roots, None);
        for (&r, cid) in roots.iter().zip(ids) {
            task(draft, items, r, &id, None, cid, year, &mut used_ids, None);
        }
        return;
    }
    let mut loose: Vec<usize> = Vec::new();
    // Items numbered on across the sections (1 to 18, not 1 to 4 in each)
    // keep their numbers alone as ids.
    let sections: Vec<usize> = roots
        .iter()
        .copied()
        .filter(|&r| items[r].rank == 0 && !items[r].children.is_empty())
        .collect();
    let kids: Vec<usize> = sections
        .iter()
        .flat_map(|&r| items[r].children.iter().copied())
        .collect();
    let run_on = sections.len() >= 2 && {
        let mut seen = std::collections::HashSet::new();
        kids.iter()
            .all(|&k| items[k].table.is_none() && items[k].number.is_some_and(|n| seen.insert(n)))
    };
    let section_numbers = child_ids(items, &roots, None);
    for (&r, sid) in roots.iter().zip(section_numbers) {
        let item = &items[r];
        if item.rank != 0 {
            loose.push(r);
            continue;
        }
        let sid = unique(sid, &mut used_sections);
        let title = words::title(&item.text)
            .trim_end_matches(['。', '.'])
            .to_string();
        let title = if item.text.chars().count() <= 60 {
            item.text.trim_end_matches('。').to_string()
        } else {
            title
        };
        if item.children.is_empty() {
            // A heading without items: a task of its own when it names
            // units, else a note.
            if has_units(item) {
                draft.sections.push(Section {
                    id: sid.clone(),
                    title: words::title(&item.text),
                });
                task(
                    draft,
                    items,
                    r,
                    &sid,
                    None,
                    sid.clone(),
                    year,
                    &mut used_ids,
                    None,
                );
            } else {
                note(draft, items, r);
            }
            continue;
        }
        let assigned_below = subtree(items, r).iter().any(|&i| has_units(&items[i]));
        if any_assignment && !assigned_below {
            note(draft, items, r);
            continue;
        }
        draft.sections.push(Section {
            id: sid.clone(),
            title,
        });
        let heading = units_of(item);
        let ids = if run_on {
            item.children
                .iter()
                .map(|&c| items[c].number.unwrap_or_default().to_string())
                .collect()
        } else {
            child_ids(items, &item.children, Some(&sid))
        };
        for (&c, cid) in item.children.iter().zip(ids) {
            task(
                draft,
                items,
                c,
                &sid,
                None,
                cid,
                year,
                &mut used_ids,
                heading.as_ref(),
            );
        }
    }
    if !loose.is_empty() {
        let sid = unique("0".into(), &mut used_sections);
        draft.sections.insert(
            0,
            Section {
                id: sid.clone(),
                title: draft.title.clone(),
            },
        );
        let ids = child_ids(items, &loose, None);
        for (&r, cid) in loose.iter().zip(ids) {
            task(draft, items, r, &sid, None, cid, year, &mut used_ids, None);
        }
    }
}

/// The ids of `children`: their numbers (the 序号 of a table row when it
/// runs on across the table), after `prefix`; by position when numbers
/// repeat.
fn child_ids(items: &[Item], children: &[usize], prefix: Option<&str>) -> Vec<String> {
    let numbers: Vec<Option<u32>> = children.iter().map(|&c| items[c].number).collect();
    let mut seen = std::collections::HashSet::new();
    let distinct = numbers.iter().all(|n| n.is_some_and(|n| seen.insert(n)));
    children
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let item = &items[c];
            // A table row whose 序号 runs on across categories keeps it alone.
            if let Some(seq) = &item.seq {
                if seq_runs_on(items) {
                    return words::ascii_digits(seq.trim());
                }
            }
            let n = if distinct {
                numbers[k].unwrap_or(k as u32 + 1)
            } else {
                k as u32 + 1
            };
            match prefix {
                Some(p) => format!("{p}.{n}"),
                None => n.to_string(),
            }
        })
        .collect()
}

/// Whether the 序号 of the task tables can be the tasks' ids: every row
/// has one, and no two are alike across the notice (a 序号 that starts again
/// in each category is not).
fn seq_runs_on(items: &[Item]) -> bool {
    let rows: Vec<&Item> = items
        .iter()
        .filter(|i| i.table.is_some() && i.rank > 0 || i.seq.is_some())
        .collect();
    let mut set = std::collections::HashSet::new();
    !rows.is_empty()
        && rows.iter().all(|i| {
            i.seq
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty() && set.insert(s.trim()))
        })
}

fn unique(id: String, used: &mut std::collections::HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    (2..)
        .map(|k| format!("{id}-{k}"))
        .find(|c| used.insert(c.clone()))
        .unwrap_or(id)
}

fn subtree(items: &[Item], at: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut todo = vec![at];
    while let Some(i) = todo.pop() {
        out.push(i);
        todo.extend(items[i].children.iter().copied());
    }
    out
}

fn note(draft: &mut Draft, items: &[Item], at: usize) {
    let heading = items[at].text.trim();
    let title = words::title(heading);
    // The heading's own sentences, when it says more than its title.
    let mut text = if heading.trim_end_matches('。') == title {
        String::new()
    } else {
        heading.to_string()
    };
    let more = full_text("", &items[at].more);
    if !more.trim().is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(more.trim());
    }
    let mut order = subtree(items, at);
    order.sort();
    for i in order.into_iter().skip(1) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&full_text(&items[i].text, &items[i].more));
    }
    if text.is_empty() {
        text = heading.to_string();
    }
    draft.notes.push((title, text));
}

#[allow(clippy::too_many_arguments)]
fn task(
    draft: &mut Draft,
    items: &[Item],
    at: usize,
    section: &str,
    parent: Option<&str>,
    id: String,
    year: Option<i32>,
    used: &mut std::collections::HashSet<String>,
    inherited: Option<&Assignment>,
) {
    let item = &items[at];
    let id = unique(id, used);
    let mut t = Task {
        id: id.clone(),
        section: section.to_string(),
        parent: parent.map(str::to_string),
        ..Task::default()
    };
    let mut text = full_text(&item.text, &item.more);
    let mut assignment = item.assignment.clone();
    let mut insides = Vec::new();
    // The first line without the brackets that name units.
    let mut heading = item.text.clone();
    if let Some((a, rest, held)) = bracket_assignments(&item.text, &item.more) {
        if let Some((_, h, _)) = bracket_assignments(&item.text, &[]) {
            heading = h;
        }
        text = rest;
        insides = held;
        match &mut assignment {
            Some(have) => have.merge(a),
            None => assignment = Some(a),
        }
    }
    t.title = if item.table.is_some() && item.detail.is_some() {
        heading.trim().trim_end_matches(['。', '.']).to_string()
    } else {
        words::title(&heading)
    };
    // An item that opens with its deadline (2024年3月底前，完成…): the title
    // is what follows, the phrase its deadline.
    let mut opening_due = None;
    if item.table.is_none() {
        if let Some((first, after)) = heading.split_once(['，', ',']) {
            let first = first.trim();
            let alone = !first.contains(['。', '；', '.']) && first.chars().count() <= 16;
            let span = first.ends_with("全年") && first.chars().count() <= 8;
            if alone && (span || deadline::stated(first, year).is_some()) {
                let title = words::title(after);
                if !title.is_empty() {
                    t.title = title;
                    if !span {
                        opening_due = Some(first.to_string());
                    }
                }
            }
        }
    }
    // A label line run on at the end of the text (……。——牵头单位：X；参与单位：Y).
    if assignment.is_none() {
        if let Some((a, before)) = inline_line(&text) {
            assignment = Some(a);
            text = before;
        }
    }
    // Units written before the duty (市卫健委：负责…) or introduced by 由
    // (由市卫健委牵头，市民政局配合).
    if assignment.is_none() {
        if let Some((a, duty)) = lead_in(item) {
            assignment = Some(a);
            let title = words::title(&duty);
            if !title.is_empty() {
                t.title = title;
            }
        } else if let Some(a) = units::by_clause(&text) {
            assignment = Some(a);
        }
    }
    if assignment.is_none() {
        // The units a section's heading names hold for its tasks.
        assignment = inherited.cloned();
    }
    if let Some(d) = &item.detail {
        text = format!("{}\n{d}", text.trim());
    }
    t.text = text.trim().to_string();
    if t.title.is_empty() {
        t.title = words::title(&t.text);
    }
    // Deadlines: stated apart, then in the bracket, then in the text.
    let stated_due = item
        .due
        .clone()
        .or(opening_due)
        .or_else(|| bracket_due(&insides, year));
    let search = full_text(&t.text, &[]);
    match stated_due
        .as_deref()
        .map(|d| (d, deadline::stated(d, year)))
    {
        Some((_, Some(Stated::Due(d)))) => t.due = Some(words::ascii_digits(&d)),
        Some((_, Some(Stated::Rule(r)))) => t.rules.push(fill_rule(r, &t.title)),
        Some((d, None)) => t.checks.push(m::import_check_deadline_unread(d)),
        None => {}
    }
    let found = deadline::phrases_in(&search, year);
    let dues: Vec<&String> = found
        .iter()
        .filter_map(|f| match f {
            Stated::Due(d) => Some(d),
            Stated::Rule(_) => None,
        })
        .collect();
    if t.due.is_none() && !t.rules.iter().any(|r| matches!(r, Rule::Every { .. })) {
        if let Some(last) = dues.last() {
            t.due = Some(words::ascii_digits(last));
            if dues.len() > 1 {
                let list: Vec<&str> = dues.iter().map(|d| d.as_str()).collect();
                t.checks.push(m::import_check_several_deadlines(
                    list.join("、"),
                    last.as_str(),
                ));
            }
        }
    }
    for f in found {
        if let Stated::Rule(r) = f {
            if !t.rules.contains(&r) {
                t.rules.push(fill_rule(r, &t.title));
            }
        }
    }
    for r in deadline::limits_in(&search) {
        t.rules.push(r);
    }
    if let Some(q) = deadline::quota(&search, year) {
        if !t.rules.iter().any(|r| matches!(r, Rule::Quota { .. })) {
            t.rules.push(fill_rule(q, &t.title));
        }
    }
    if year.is_none() && t.due.is_none() && search.contains("年底前") {
        t.checks.push(m::import_check_no_year());
    }
    // Ongoing wording stated at the end of the text (，长期坚持。).
    if t.due.is_none() && item.due.is_none() {
        let last_clause =
            words::split_outside(t.text.trim_end_matches(['。', '.']), &['，', ',', '。'])
                .last()
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
        let last_clause = last_clause.trim_start_matches("此项工作");
        if matches!(deadline::stated(last_clause, year), Some(Stated::Due(_)))
            && crate::plan::due::read(last_clause, year)
                .is_ok_and(|r| r == crate::plan::due::Reading::Ongoing)
        {
            t.due = Some(last_clause.to_string());
        }
    }
    let children = item.children.clone();
    match assignment {
        Some(a) if !a.is_empty() => {
            t.assigned = true;
            t.lead = a.lead.clone();
            t.support = a.support.clone();
            t.guide = a.guide.clone();
            if t.lead.is_none() {
                // Only supporting units named.
                t.lead = Some(UNDECIDED.to_string());
                t.checks.push(m::import_check_no_lead());
            } else if a.by_order && !draft.order_stated {
                t.checks.push(m::import_check_lead_by_order(
                    t.lead.clone().unwrap_or_default(),
                ));
            }
            if a.more_than_listed {
                t.checks.push(m::import_check_more_than_listed());
            }
        }
        _ if parent.is_some() => {}
        _ if !children.is_empty() => {
            // Units gathered from the sub-tasks, filled in after them.
        }
        _ => {
            t.assigned = true;
            t.lead = Some(UNDECIDED.to_string());
            t.checks.push(m::import_check_no_assignment());
        }
    }
    let index = draft.tasks.len();
    draft.tasks.push(t);
    let ids = child_ids(items, &children, Some(&id));
    for (&c, cid) in children.iter().zip(ids) {
        task(draft, items, c, section, Some(&id), cid, year, used, None);
    }
    if !draft.tasks[index].assigned {
        // A sub-task that names no units takes its parent's.
        if parent.is_some() {
            return;
        }
        // A parent that names no units: the units of its sub-tasks.
        let mut a = Assignment::default();
        for sub in draft.tasks[index + 1..]
            .iter()
            .filter(|s| s.parent.as_deref() == Some(id.as_str()))
        {
            if let Some(l) = &sub.lead {
                a.merge(Assignment {
                    lead: Some(l.clone()),
                    support: sub.support.clone(),
                    ..Assignment::default()
                });
            }
        }
        let t = &mut draft.tasks[index];
        t.assigned = true;
        match a.lead {
            Some(l) => {
                t.lead = Some(l);
                t.support = a.support;
                t.checks.push(m::import_check_units_from_sub_tasks());
            }
            None => {
                t.lead = Some(UNDECIDED.to_string());
                t.checks.push(m::import_check_no_assignment());
            }
        }
    }
}

/// Whether the notice states that the first unit named leads
/// (排在第一位的部门为牵头部门).
fn states_order(items: &[Item]) -> bool {
    items.iter().any(|i| {
        let t = full_text(&i.text, &i.more);
        t.contains("排在第一位")
            || t.contains("排名第一")
            || t.contains("第一个为牵头")
            || t.contains("列第一位")
    })
}

/// A rule with the words a table cell or a phrase left out taken from the
/// task's title.
fn fill_rule(r: Rule, title: &str) -> Rule {
    match r {
        Rule::Quota {
            event,
            count,
            by,
            what,
        } if event.is_empty() => Rule::Quota {
            event: title.to_string(),
            count,
            by,
            what: if what.is_empty() {
                title.to_string()
            } else {
                what
            },
        },
        Rule::Every { every, what } if what.is_empty() => Rule::Every {
            every,
            what: title.to_string(),
        },
        other => other,
    }
}

/// The year a title starts with (2016年政务公开…).
fn title_year(title: &str) -> Option<i32> {
    let t = title
        .find(|c: char| c.is_ascii_digit())
        .map(|i| &title[i..])?;
    let y: String = t.chars().take_while(char::is_ascii_digit).collect();
    if y.len() == 4 && t[4..].starts_with('年') {
        y.parse().ok()
    } else {
        None
    }
}

/// The plan's default deadline, from a sentence such as
/// 各项任务未注明完成时限的，原则上于2018年底前完成.
fn default_due(line: &str, year: Option<i32>) -> Option<String> {
    let has_default = [
        "未注明完成时限",
        "未明确完成时限",
        "未注明时限",
        "未明确时限",
        "未另行明确",
        "未另定期限",
        "未注明完成时间",
    ]
    .iter()
    .any(|w| line.contains(w));
    if !has_default {
        return None;
    }
    deadline::phrases_in(line, year)
        .into_iter()
        .find_map(|f| match f {
            Stated::Due(d) => Some(d),
            Stated::Rule(_) => None,
        })
}

/// How often the notice asks for returns (每季度末报送, 每月25日前报送).
fn cadence(line: &str) -> Option<(&'static str, Option<u32>)> {
    let asks = ["报送", "反馈", "上报", "报告"]
        .iter()
        .any(|w| line.contains(w));
    if !asks {
        return None;
    }
    if line.contains("每季度") || line.contains("每个季度") {
        return Some(("quarterly", None));
    }
    let at = line.find("每月")?;
    let after = &line[at + "每月".len()..];
    let day: String = after
        .chars()
        .take_while(|&c| words::numeral_char(c))
        .collect();
    let day = words::number(&day).filter(|d| (1..=28).contains(d));
    Some(("monthly", day))
}

/// A plan id from the file name: letters, digits, - and _ kept, the rest
/// made -; the year in front when the name has none.
fn plan_id(stem: &str, year: Option<i32>) -> String {
    let mut id: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    id = id.trim_matches('-').to_string();
    while id.contains("--") {
        id = id.replace("--", "-");
    }
    if id.is_empty() {
        id = "plan".into();
    }
    let id: String = id.chars().take(40).collect();
    match year {
        Some(y) if !id.contains(&y.to_string()) => format!("{id}-{y}"),
        _ => id,
    }
}

/// The units the tasks name, declared once each: groups for kinds of
/// units, outside units for a notice issued to other bodies, divisions
/// otherwise; the office among them.
fn units(draft: &mut Draft, head: &head::Head, opts: &Options) {
    // A notice addressed to other bodies (各设区市人民政府，省直有关单位)
    // assigns units outside the issuer; one addressed to its own divisions
    // (各处室, 局机关各股室) does not.
    let outside = head.addressees.as_deref().is_some_and(|a| {
        let internal = [
            "处室", "科室", "股室", "部室", "机关", "内设", "各处", "各科", "各股",
        ]
        .iter()
        .any(|w| a.contains(w));
        !internal
            && [
                "人民政府",
                "各市",
                "各县",
                "各区",
                "省直",
                "市直",
                "县直",
                "区直",
                "委办局",
                "厅局",
                "各部门",
                "有关单位",
                "各单位",
            ]
            .iter()
            .any(|w| a.contains(w))
    });
    draft.office = match (&opts.office, &head.office) {
        (Some(o), _) => o.clone(),
        (None, Some((o, sentence))) => {
            draft
                .checks
                .push(("office", m::import_check_office_read(sentence.as_str())));
            o.clone()
        }
        (None, None) => {
            draft
                .checks
                .push(("office", m::import_check_office_assumed()));
            "办公室".to_string()
        }
    };
    let mut names: Vec<String> = Vec::new();
    let mut push = |n: &String| {
        if !names.contains(n) {
            names.push(n.clone());
        }
    };
    for t in &draft.tasks {
        t.lead
            .iter()
            .chain(&t.support)
            .chain(&t.guide)
            .for_each(&mut push);
    }
    let office = draft.office.clone();
    push(&office);
    draft.guide_role = draft.tasks.iter().any(|t| !t.guide.is_empty());
    draft.units = names
        .into_iter()
        .map(|name| {
            let kind = if name == UNDECIDED || words::is_group(&name) {
                UnitKind::Group
            } else if outside {
                UnitKind::Outside
            } else {
                UnitKind::Division
            };
            Unit { name, kind }
        })
        .collect();
    // Groups last, as plans list them.
    draft.units.sort_by_key(|u| u.kind == UnitKind::Group);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_ids_from_file_names() {
        assert_eq!(plan_id("zwgk notice (1)", Some(2016)), "zwgk-notice-1-2016");
        assert_eq!(plan_id("工作方案2016", Some(2016)), "工作方案2016");
        assert_eq!(plan_id("", None), "plan");
    }

    #[test]
    fn a_default_deadline_and_a_cadence() {
        assert_eq!(
            default_due(
                "各项任务未注明完成时限的，原则上于2018年底前完成。",
                Some(2018)
            )
            .as_deref(),
            Some("2018年底前")
        );
        assert_eq!(
            cadence("于每季度末将工作进展情况书面报送市政府督查室"),
            Some(("quarterly", None))
        );
        assert_eq!(
            cadence("请于每月25日前报送进展"),
            Some(("monthly", Some(25)))
        );
        assert_eq!(cadence("每月召开例会"), None);
    }

    #[test]
    fn lines_of_the_foot() {
        for foot in [
            "抄送：市委办公室",
            "印发：2020年3月1日",
            "（此件公开发布）",
            "此件主动公开",
            "2020年3月1日",
            "市发展和改革委员会",
        ] {
            assert!(is_foot(foot), "{foot}");
        }
        for body in [
            "请各单位认真落实，按时报送。",
            "市财政局：负责资金保障",
            "各县（市、区）人民政府",
            "推进重点项目建设",
            &format!("{}委员会", "甲".repeat(28)),
        ] {
            assert!(!is_foot(body), "{body}");
        }
    }

    #[test]
    fn a_deadline_label_in_a_line_and_alone() {
        assert_eq!(
            due_in_line("加强执法；完成时限：2020年底前，持续推进").as_deref(),
            Some("2020年底前")
        );
        assert_eq!(due_in_line("完成时限：").as_deref(), None);
        assert_eq!(due_in_line("完成时限 2020年底前"), None);
        assert_eq!(due_in_line("加强执法"), None);
        assert_eq!(due_line("（完成时限：2020年底前）"), Some("2020年底前"));
        assert_eq!(due_line("完成时限: 6月底前"), Some("6月底前"));
        assert_eq!(due_line("加强执法，完成时限：6月底前"), None);
    }

    #[test]
    fn units_in_brackets_at_the_end_close_an_item() {
        assert!(ends_with_assignment("加强执法。（市公安局负责）"));
        assert!(ends_with_assignment(
            "加强执法（市公安局牵头，市司法局配合）。"
        ));
        assert!(!ends_with_assignment("加强执法（市公安局负责）后报告"));
        assert!(!ends_with_assignment("加强执法（2020年底前）"));
        assert!(!ends_with_assignment("加强执法"));
        assert_eq!(
            bracket_groups("甲（乙（丙）丁）戊(己)"),
            [(3, 24, "乙（丙）丁"), (27, 32, "己")]
        );
        assert_eq!(bracket_groups("甲）乙（丙"), []);
    }

    #[test]
    fn an_assignment_run_on_after_a_full_stop_or_a_dash() {
        let (a, before) = inline_line("完善制度。牵头单位：市财政局；配合单位：市审计局").unwrap();
        assert_eq!(before, "完善制度。");
        assert_eq!(a.lead.as_deref(), Some("市财政局"));
        assert_eq!(a.support, ["市审计局"]);
        let (a, before) = inline_line("完善制度——责任单位：市财政局").unwrap();
        assert_eq!(before, "完善制度");
        assert_eq!(a.lead.as_deref(), Some("市财政局"));
        assert_eq!(inline_line("完善制度。加强监督"), None);
    }

    #[test]
    fn points_listed_inline() {
        let (points, tail) =
            points_in("重点做好：一是完善制度；二是加强监督；三是严格考核。于年底前完成。")
                .unwrap();
        assert_eq!(points, ["完善制度。", "加强监督。", "严格考核。"]);
        assert_eq!(tail, "于年底前完成。");
        assert_eq!(points_in("一是完善制度。"), None);
        // Ordinals out of order end the list.
        let (points, _) = points_in("一是完善制度；二是加强监督；四是严格考核").unwrap();
        assert_eq!(points, ["完善制度。", "加强监督；四是严格考核。"]);
    }
}
