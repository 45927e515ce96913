//! The columns of a return file: which heading means which part of an
//! entry, in English or in the words Chinese forms use, and which row is the
//! header below a form's title rows.

use crate::refusal::{Field, Refusal};
use crate::spelling::{halfwidth, trim};

/// What a column heading stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Field(Field),
    /// 序号: the task id when there is no other, else a row count.
    Serial,
    /// A column a form carries that is not part of an entry (the task's
    /// title, its role, its due date, its status now).
    Known,
    Unknown,
}

/// A heading as compared: without spaces, the marks of a required column
/// (`*`), a unit in brackets (`进度(%)`), a colon; ASCII in lower case.
fn normalized(text: &str) -> String {
    let ascii = halfwidth(text);
    let mut t: String = trim(&ascii)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '\u{feff}'))
        .collect::<String>()
        .to_ascii_lowercase();
    // A trailing note in brackets: (%), （必填）, [%].
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】'), ('〔', '〕')] {
        if t.ends_with(close) {
            if let Some(i) = t.rfind(open) {
                if i > 0 {
                    t.truncate(i);
                }
            }
        }
    }
    t.trim_end_matches([':', '%']).to_string()
}

/// What a column heading stands for.
pub fn heading(text: &str) -> Heading {
    let h = normalized(text);
    let field = match h.as_str() {
        "task" | "id" | "taskid" | "任务编号" | "编号" | "任务序号" | "事项编号" => {
            Field::Task
        }
        "序号" => return Heading::Serial,
        "division" | "责任处室" | "处室" | "单位" | "责任单位" | "填报单位" | "填报处室"
        | "反馈单位" | "反馈处室" | "处室名称" | "单位名称" => Field::Division,
        "status" | "状态" | "进展状态" | "完成情况" | "完成状态" | "办理状态" | "工作状态" => {
            Field::Status
        }
        "percent" | "progress" | "进度" | "完成进度" | "完成比例" | "完成百分比" | "进度百分比"
        | "完成率" => Field::Percent,
        "note" | "情况说明" | "进展情况" | "备注" | "说明" | "工作进展" | "进展"
        | "完成情况说明" | "进展情况说明" | "存在问题" => Field::Note,
        "by" | "填报人" | "联系人" | "经办人" | "填表人" => Field::By,
        "at" | "date" | "填报日期" | "填报时间" | "日期" | "时间" | "反馈日期" | "反馈时间" => {
            Field::At
        }
        "plan" | "方案" | "方案编号" => Field::Plan,
        "title" | "section" | "role" | "due" | "lead" | "support" | "currentstatus"
        | "任务名称" | "任务" | "工作任务" | "任务内容" | "具体任务" | "工作内容" | "部分"
        | "承担方式" | "分工" | "期限" | "完成时限" | "时限" | "时限要求" | "当前状态" | "牵头"
        | "牵头单位" | "牵头处室" | "配合" | "配合单位" | "配合处室" | "联系电话" | "电话"
        | "phone" => return Heading::Known,
        _ => return Heading::Unknown,
    };
    Heading::Field(field)
}

/// Where each part of an entry is in a row.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The column of each of `Field::ALL`.
    pub columns: [Option<usize>; 8],
    /// How many columns the header has.
    pub width: usize,
    /// Columns not read: their number and heading.
    pub unread: Vec<(usize, String)>,
}

impl Layout {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns[field_index(field)]
    }
}

pub fn field_index(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

/// A problem of a header, and the column it is about if it is about one.
pub type HeaderProblem = (Refusal, Option<usize>);

/// The header a row makes, if it is one: a task id column and at least a
/// status, percent, note or division column. With it, the problems of the
/// header, each with its column if it is about one: a part of an entry given twice (`name`
/// names a column for messages), no status column.
pub fn layout(
    cells: &[&str],
    name: &dyn Fn(usize) -> String,
) -> Option<(Layout, Vec<HeaderProblem>)> {
    let headings: Vec<Heading> = cells.iter().map(|c| heading(c)).collect();
    let has = |f: Field| headings.contains(&Heading::Field(f));
    let has_id = has(Field::Task) || headings.contains(&Heading::Serial);
    let has_more = [Field::Status, Field::Percent, Field::Note, Field::Division]
        .into_iter()
        .any(has);
    if !(has_id && has_more) {
        return None;
    }
    let serial_is_task = !has(Field::Task);
    let mut layout = Layout {
        width: cells.len(),
        ..Layout::default()
    };
    let mut problems = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let field = match h {
            Heading::Field(f) => *f,
            Heading::Serial if serial_is_task => Field::Task,
            Heading::Serial | Heading::Known => continue,
            Heading::Unknown => {
                if !trim(cells[i]).is_empty() {
                    layout.unread.push((i, trim(cells[i]).to_string()));
                }
                continue;
            }
        };
        let slot = &mut layout.columns[field_index(field)];
        match slot {
            Some(first) => problems.push((
                Refusal::TwoColumns {
                    field,
                    first: format!("{} ({})", name(*first), trim(cells[*first])),
                    second: format!("{} ({})", name(i), trim(cells[i])),
                },
                Some(i),
            )),
            None => *slot = Some(i),
        }
    }
    if layout.column(Field::Status).is_none() {
        let unread = layout
            .unread
            .iter()
            .map(|(i, h)| format!("{} ({h})", name(*i)))
            .collect();
        problems.push((Refusal::MissingColumn(Field::Status, unread), None));
    }
    Some((layout, problems))
}

/// The parts of a cell that may each be `label：value`: split at a
/// full-width space or at two spaces or more (`填报单位：法规处　　填报人：张敏`).
fn parts(cell: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = trim(cell);
    while !rest.is_empty() {
        let cut = rest.char_indices().find(|&(i, c)| {
            c == '\u{3000}' || c == '\t' || (c == ' ' && rest[i + 1..].starts_with(' '))
        });
        match cut {
            Some((i, _)) => {
                parts.push(&rest[..i]);
                rest = trim(&rest[i..]);
            }
            None => {
                parts.push(rest);
                break;
            }
        }
    }
    parts
}

/// `label：value` or `label:value` split at its first colon.
fn label_and_value(part: &str) -> Option<(&str, &str)> {
    let at = part.find([':', '：'])?;
    let sep = if part[at..].starts_with(':') {
        1
    } else {
        '：'.len_utf8()
    };
    Some((trim(&part[..at]), trim(&part[at + sep..])))
}

/// What a line above the header says of the whole form, with the cell it
/// says it in: `填报单位：法规处` (several such in one cell, too), or a label
/// cell and its value in the next. Division, plan, by and at are learnt.
pub fn labels(cells: &[&str]) -> Vec<(Field, String, usize)> {
    let wanted = |label: &str| match heading(label) {
        Heading::Field(f @ (Field::Division | Field::Plan | Field::By | Field::At)) => Some(f),
        _ => None,
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let cell = trim(cells[i]);
        let mut alone = None;
        for part in parts(cell) {
            match label_and_value(part) {
                Some((label, value)) if !value.is_empty() => {
                    if let Some(f) = wanted(label) {
                        found.push((f, value.to_string(), i));
                    }
                }
                Some((label, _)) => alone = wanted(label),
                None => alone = wanted(part).filter(|_| parts(cell).len() == 1),
            }
        }
        // A label alone in its cell: its value is in the next cell that is
        // not empty.
        if let Some(field) = alone {
            let next = cells[i + 1..].iter().position(|c| !trim(c).is_empty());
            if let Some(k) = next {
                if heading(cells[i + 1 + k]) == Heading::Unknown
                    && label_and_value(trim(cells[i + 1 + k])).is_none()
                {
                    i += 1 + k;
                    found.push((field, trim(cells[i]).to_string(), i));
                }
            }
        }
        i += 1;
    }
    found
}

/// Whether a row is a note around the table rather than an entry: every
/// cell that is not empty is a `label：value` line (填报人：张敏, 审核人：,
/// 联系电话：…) or a note (注：…, 说明…, 填表说明…). `task` is the row's
/// task id cell, if any: a row with an id is never a note.
pub fn is_note_row(cells: &[&str], task: Option<usize>) -> bool {
    let note = |cell: &str| {
        let cell = trim(cell);
        if ["注", "说明", "填表说明", "附件"]
            .iter()
            .any(|w| cell.starts_with(w))
        {
            return true;
        }
        parts(cell).iter().all(|part| match label_and_value(part) {
            // A short label that is not a number (9:30 is a time).
            Some((label, _)) => {
                let n = label.chars().count();
                (1..=12).contains(&n) && !label.starts_with(|c: char| c.is_ascii_digit())
            }
            None => false,
        })
    };
    let filled: Vec<&&str> = cells.iter().filter(|c| !trim(c).is_empty()).collect();
    // A row with a task id is an entry: a note there is in its id's place.
    let id = task
        .and_then(|t| cells.get(t))
        .is_some_and(|t| !trim(t).is_empty());
    let id_is_note = task.and_then(|t| cells.get(t)).is_some_and(|t| note(t));
    (!id || id_is_note) && !filled.is_empty() && filled.into_iter().all(|c| note(c))
}

/// Whether a row under a header names columns the header groups (a
/// two-row header: 进展情况 over 状态 and 进度): every cell that is not
/// empty is a heading this reader knows.
pub fn is_subheader(cells: &[&str]) -> bool {
    let mut any = false;
    for c in cells.iter().map(|c| trim(c)).filter(|c| !c.is_empty()) {
        if heading(c) == Heading::Unknown {
            return false;
        }
        any = true;
    }
    any
}

/// The headings of a two-row header: the lower row's where it has one,
/// else the upper row's.
pub fn merged(upper: &[&str], lower: &[&str]) -> Vec<String> {
    (0..upper.len().max(lower.len()))
        .map(|i| {
            let below = lower.get(i).map_or("", |c| trim(c));
            let above = upper.get(i).map_or("", |c| trim(c));
            if below.is_empty() { above } else { below }.to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_needs_an_id_column_and_one_more_it_knows() {
        let name = |i: usize| format!("column {i}");
        // An id column alone, or known columns without an id: a data row.
        assert!(layout(&["task", "title"], &name).is_none());
        assert!(layout(&["备注", "状态"], &name).is_none());
        assert!(layout(&["task", "status"], &name).is_some());
        assert!(layout(&["序号", "完成进度"], &name).is_some());
    }

    #[test]
    fn a_heading_that_is_only_a_note_in_brackets_stays_whole() {
        // (%) alone is not emptied into nothing, nor is 【状态】 read as 状态.
        assert_eq!(normalized("(%)"), "(%)");
        assert_eq!(normalized("【状态】"), "【状态】");
        assert_eq!(normalized("状态【必填】"), "状态");
    }

    #[test]
    fn headings_in_either_language_and_their_usual_variants() {
        for (text, field) in [
            ("task", Field::Task),
            ("任务编号", Field::Task),
            (" 编号 ", Field::Task),
            ("责任处室", Field::Division),
            ("填报单位", Field::Division),
            ("*状态", Field::Status),
            ("完成情况", Field::Status),
            ("进度(%)", Field::Percent),
            ("进度（%）", Field::Percent),
            ("完成比例", Field::Percent),
            ("进展情况", Field::Note),
            ("备注", Field::Note),
            ("联系人", Field::By),
            ("填报时间", Field::At),
            ("Status", Field::Status),
        ] {
            assert_eq!(heading(text), Heading::Field(field), "{text}");
        }
        assert_eq!(heading("当前状态"), Heading::Known);
        assert_eq!(heading("任务名称"), Heading::Known);
        assert_eq!(heading("序号"), Heading::Serial);
        assert_eq!(heading("stauts"), Heading::Unknown);
    }

    fn letter(i: usize) -> String {
        crate::batch::problems::column_letters(i as u32)
    }

    #[test]
    fn a_row_is_a_header_when_it_has_an_id_and_something_reported() {
        assert!(layout(&["2016年政务公开进展情况反馈表"], &letter).is_none());
        assert!(layout(&["填报单位：办公室", "", ""], &letter).is_none());
        assert!(layout(&["2.1", "法规处", "推进中"], &letter).is_none());
        let (l, problems) = layout(
            &[
                "序号",
                "任务编号",
                "任务名称",
                "状态",
                "进度(%)",
                "联系电话",
                "x",
            ],
            &letter,
        )
        .unwrap();
        assert!(problems.is_empty());
        assert_eq!(l.column(Field::Task), Some(1));
        assert_eq!(l.column(Field::Status), Some(3));
        assert_eq!(l.column(Field::Percent), Some(4));
        assert_eq!(l.column(Field::Division), None);
        assert_eq!(l.unread, [(6, "x".to_string())]);
        // 序号 is the id when there is no other.
        let (l, _) = layout(&["序号", "处室", "状态"], &letter).unwrap();
        assert_eq!(l.column(Field::Task), Some(0));
    }

    #[test]
    fn a_header_with_a_part_twice_or_no_status_has_problems() {
        let (_, problems) = layout(&["编号", "日期", "填报日期", "备注"], &letter).unwrap();
        assert_eq!(
            problems,
            [
                (
                    Refusal::TwoColumns {
                        field: Field::At,
                        first: "B (日期)".into(),
                        second: "C (填报日期)".into()
                    },
                    Some(2)
                ),
                (Refusal::MissingColumn(Field::Status, Vec::new()), None)
            ]
        );
    }

    #[test]
    fn lines_above_the_header_name_the_division_and_the_plan() {
        let s = |t: &str| t.to_string();
        assert_eq!(
            labels(&["填报单位：法规处", "", "", "方案：fjdrc-2016-zwgk"]),
            [
                (Field::Division, s("法规处"), 0),
                (Field::Plan, s("fjdrc-2016-zwgk"), 3)
            ]
        );
        assert_eq!(
            labels(&["填报单位", "", "办公室", "截至：2016-09-30"]),
            [(Field::Division, s("办公室"), 2)]
        );
        assert_eq!(
            labels(&["Division: 新闻中心"]),
            [(Field::Division, s("新闻中心"), 0)]
        );
        assert_eq!(
            labels(&["填报单位：办公室\u{3000}\u{3000}填报人：林芳  联系电话：123\u{3000}填报日期：2016年9月30日"]),
            [
                (Field::Division, s("办公室"), 0),
                (Field::By, s("林芳"), 0),
                (Field::At, s("2016年9月30日"), 0)
            ]
        );
        assert!(labels(&["2016年政务公开工作进展情况反馈表"]).is_empty());
    }

    #[test]
    fn a_header_knows_how_many_columns_it_has() {
        let (l, _) = layout(&["编号", "状态", "", "备注", ""], &letter).unwrap();
        assert_eq!(l.width, 5);
        assert_eq!(l.column(Field::Note), Some(3));
        assert!(l.unread.is_empty());
    }

    #[test]
    fn a_label_ending_in_a_colon_has_its_value_in_the_next_cell() {
        let s = |t: &str| t.to_string();
        assert_eq!(
            labels(&["填报单位：", "办公室"]),
            [(Field::Division, s("办公室"), 1)]
        );
        assert_eq!(
            labels(&["填报单位：", "", "办公室", "填报人：", "林芳"]),
            [(Field::Division, s("办公室"), 2), (Field::By, s("林芳"), 4)]
        );
        // Nothing after it: nothing is learnt.
        assert!(labels(&["填报单位：", ""]).is_empty());
    }

    #[test]
    fn a_label_alone_is_followed_by_its_value_not_by_another_label_or_heading() {
        let s = |t: &str| t.to_string();
        assert_eq!(
            labels(&["填报单位", "办公室"]),
            [(Field::Division, s("办公室"), 1)]
        );
        // The next cell is a label of its own, or a heading: no value here.
        assert_eq!(
            labels(&["填报单位", "填报人：林芳"]),
            [(Field::By, s("林芳"), 1)]
        );
        assert_eq!(
            labels(&["填报单位", "备注", "填报人", "林芳"]),
            [(Field::By, s("林芳"), 3)]
        );
    }

    #[test]
    fn a_note_in_a_row_shorter_than_the_header_is_still_a_note() {
        // The row ends before the id column.
        assert!(is_note_row(&["注：1.状态从下拉列表中选择。"], Some(1)));
        assert!(is_note_row(&["填报人：张敏", "审核人："], None));
        assert!(!is_note_row(&["法规处"], Some(1)));
        assert!(!is_note_row(&[], None));
    }

    #[test]
    fn notes_around_the_table_are_not_entries() {
        assert!(is_note_row(
            &["填报人：张敏", "", "审核人：李华", "填报日期：2016-09-30"],
            Some(0)
        ));
        assert!(is_note_row(&["", "注：1.状态从下拉列表中选择。"], Some(0)));
        assert!(is_note_row(&["填表说明", ""], Some(0)));
        assert!(!is_note_row(&["2.1", "填报人：张敏"], Some(0)));
        assert!(!is_note_row(&["", "法规处", "推进中"], Some(0)));
        assert!(!is_note_row(&["", "", ""], Some(0)));
        assert!(!is_note_row(&["", "9:30"], Some(0)));
    }

    #[test]
    fn a_header_of_two_rows_reads_as_one() {
        let upper = ["序号", "工作任务", "进展情况", "", "填报人"];
        let lower = ["", "", "状态", "进度(%)", ""];
        assert!(is_subheader(&lower));
        assert!(!is_subheader(&["2.1", "", "推进中"]));
        let m = merged(&upper, &lower);
        let cells: Vec<&str> = m.iter().map(String::as_str).collect();
        let (l, problems) = layout(&cells, &letter).unwrap();
        assert!(problems.is_empty());
        assert_eq!(l.column(Field::Status), Some(2));
        assert_eq!(l.column(Field::Percent), Some(3));
        assert_eq!(l.column(Field::Note), None);
        assert_eq!(l.column(Field::By), Some(4));
    }
}
