//! Task tables (任务分工表): a header row naming the columns (序号, 工作任务,
//! 具体要求, 牵头单位, 配合单位, 责任单位, 完成时限…), category rows that span
//! the table (一、知识产权保护方面（共5项）), and one task per row.

use super::outline::marker;
use super::units::{column_role, from_cell, Assignment};
use super::words::number;
use crate::notice::read::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Seq,
    Task,
    Detail,
    Lead,
    Support,
    Responsible,
    Guide,
    Due,
    /// A column naming each row's category (类别), merged down the rows
    /// of one category: a section.
    Category,
}

/// One row of a task table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A row that names a category: a section.
    Category {
        number: Option<u32>,
        title: String,
    },
    Task(TaskRow),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskRow {
    /// The 序号 as written.
    pub seq: Option<String>,
    pub task: String,
    pub detail: Option<String>,
    pub assignment: Assignment,
    pub due: Option<String>,
    /// Other columns (备注…): heading and text.
    pub other: Vec<(String, String)>,
}

fn column(heading: &str) -> Option<Column> {
    let h: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
    // 责任单位（排在第一位的为牵头单位）: the name before its note.
    let h = match h.find(['（', '(']) {
        Some(i) if i > 0 && h.ends_with(['）', ')']) => h[..i].to_string(),
        _ => h,
    };
    if h.is_empty() {
        return None;
    }
    if ["序号", "编号", "序", "号"].contains(&h.as_str()) {
        return Some(Column::Seq);
    }
    if [
        "类别",
        "分类",
        "领域",
        "方面",
        "类型",
        "板块",
        "任务类别",
        "工作类别",
        "重点领域",
        "专项",
    ]
    .contains(&h.as_str())
    {
        return Some(Column::Category);
    }
    if let Some(role) = column_role(&h) {
        return Some(match role {
            "lead" => Column::Lead,
            "support" => Column::Support,
            "guide" => Column::Guide,
            _ => Column::Responsible,
        });
    }
    if h.contains("时限")
        || h.contains("完成时间")
        || h.contains("时间节点")
        || h.contains("完成期限")
        || h.contains("进度安排")
        || h.contains("时间要求")
        || h == "时间"
    {
        return Some(Column::Due);
    }
    if [
        "具体要求",
        "工作要求",
        "具体内容",
        "主要内容",
        "任务要求",
        "工作措施",
        "具体措施",
        "主要措施",
        "工作目标",
        "目标要求",
        "措施",
        "要求",
        "具体工作",
        "工作举措",
        "主要举措",
    ]
    .contains(&h.as_str())
    {
        return Some(Column::Detail);
    }
    if h.contains("任务")
        || [
            "工作内容",
            "工作事项",
            "重点工作",
            "事项",
            "工作",
            "内容",
            "主要工作",
        ]
        .contains(&h.as_str())
    {
        return Some(Column::Task);
    }
    None
}

/// The rows as grid columns: a cell that spans k columns is given in each.
fn grid(row: &[Cell]) -> Vec<&str> {
    row.iter()
        .flat_map(|c| std::iter::repeat_n(c.text.as_str(), c.span.max(1)))
        .collect()
}

/// The rows of a task table, or None when the table is no task table.
pub fn read(rows: &[Vec<Cell>]) -> Option<Vec<Row>> {
    // The header: among the first rows, one naming a task or unit column
    // and at least one more.
    let (h, mut columns) = rows.iter().take(4).enumerate().find_map(|(i, row)| {
        let cols: Vec<Option<Column>> = grid(row).iter().map(|t| column(t)).collect();
        let known = cols.iter().flatten().count();
        let useful = cols
            .iter()
            .flatten()
            .any(|c| matches!(c, Column::Task | Column::Lead | Column::Responsible));
        (known >= 2 && useful).then_some((i, cols))
    })?;
    let mut first = h + 1;
    // A second header row under a merged one (责任单位 over 牵头 | 配合).
    if let Some(next) = rows.get(h + 1) {
        let cols: Vec<Option<Column>> = grid(next).iter().map(|t| column(t)).collect();
        let units = cols
            .iter()
            .flatten()
            .filter(|c| {
                matches!(
                    c,
                    Column::Lead | Column::Support | Column::Responsible | Column::Guide
                )
            })
            .count();
        let seq_or_number = grid(next).first().is_some_and(|t| number(t).is_some());
        if units >= 1 && !seq_or_number {
            for (i, c) in cols.into_iter().enumerate() {
                if let (Some(c), Some(slot)) = (c, columns.get_mut(i)) {
                    *slot = Some(c);
                }
            }
            first = h + 2;
        }
    }
    let headings: Vec<String> = grid(&rows[h])
        .iter()
        .map(|t| t.trim().to_string())
        .collect();
    let has_task = columns.contains(&Some(Column::Task));
    let category_col = columns.iter().position(|c| *c == Some(Column::Category));
    let mut last_category: Option<String> = None;
    let mut out = Vec::new();
    for row in &rows[first..] {
        let cells = grid(row);
        let filled: Vec<&str> = row
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if filled.is_empty() {
            continue;
        }
        let distinct = {
            let mut d = filled.clone();
            d.dedup();
            d
        };
        let seq_col = columns.iter().position(|c| *c == Some(Column::Seq));
        let seq_text = seq_col
            .and_then(|i| cells.get(i))
            .map(|t| t.trim())
            .unwrap_or("");
        // (The header has two columns at least.)
        let merged_across = row.len() == 1;
        if distinct.len() == 1
            && (merged_across
                || marker(distinct[0]).is_some_and(|m| m.rank == 0)
                || (seq_text.is_empty() || seq_text == distinct[0])
                    && filled.len() == 1
                    && number(distinct[0]).is_none())
        {
            let text = distinct[0];
            let (number, title) = match marker(text) {
                Some(m) => (Some(m.number), text[m.rest..].trim()),
                None => (None, text),
            };
            out.push(Row::Category {
                number,
                title: strip_count(title).to_string(),
            });
            continue;
        }
        // A row numbered 一、二、 in the 序号 column, with a title and no units or
        // deadline, names a category.
        let is_unit_or_due = |i: usize| {
            matches!(
                columns.get(i),
                Some(Some(
                    Column::Lead
                        | Column::Support
                        | Column::Responsible
                        | Column::Guide
                        | Column::Due
                ))
            )
        };
        let seq_bare = seq_text
            .trim_start_matches(['（', '('])
            .trim_end_matches(['、', '.', '．', '）', ')']);
        let chinese_seq = !seq_text.is_empty()
            && !seq_text
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && number(seq_bare).is_some();
        if chinese_seq
            && !(0..cells.len()).any(|i| is_unit_or_due(i) && !cells[i].trim().is_empty())
        {
            let title = filled
                .iter()
                .find(|t| **t != seq_text)
                .copied()
                .unwrap_or(seq_text);
            out.push(Row::Category {
                number: number(seq_bare),
                title: strip_count(title).to_string(),
            });
            continue;
        }
        if let Some(text) = category_col.and_then(|i| cells.get(i)).map(|t| t.trim()) {
            if !text.is_empty() && last_category.as_deref() != Some(text) {
                last_category = Some(text.to_string());
                let (number, title) = match marker(text) {
                    Some(m) => (Some(m.number), text[m.rest..].trim()),
                    None => (None, text),
                };
                out.push(Row::Category {
                    number,
                    title: strip_count(title).to_string(),
                });
            }
        }
        let mut t = TaskRow::default();
        for (i, col) in columns.iter().enumerate() {
            let text = cells.get(i).map_or("", |t| t.trim());
            if text.is_empty() {
                continue;
            }
            match col {
                Some(Column::Seq) => {
                    // 1、 1. （1） as the number alone.
                    let seq = text
                        .trim_start_matches(['（', '('])
                        .trim_end_matches(['、', '.', '．', '）', ')'])
                        .trim();
                    if !seq.is_empty() {
                        t.seq = Some(seq.to_string());
                    }
                }
                Some(Column::Task) => t.task = text.to_string(),
                Some(Column::Detail) => t.detail = Some(text.to_string()),
                Some(Column::Lead) => t.assignment.merge(from_cell(text, "lead")),
                Some(Column::Support) => t.assignment.merge(from_cell(text, "support")),
                Some(Column::Responsible) => t.assignment.merge(from_cell(text, "responsible")),
                Some(Column::Guide) => t.assignment.merge(from_cell(text, "guide")),
                Some(Column::Due) => t.due = Some(text.to_string()),
                Some(Column::Category) => {}
                None => {
                    let heading = headings.get(i).cloned().unwrap_or_default();
                    if !heading.is_empty() && !t.other.iter().any(|(h, _)| *h == heading) {
                        t.other.push((heading, text.to_string()));
                    }
                }
            }
        }
        if !has_task && t.task.is_empty() {
            if let Some(d) = t.detail.take() {
                t.task = d;
            }
        }
        if t.task.is_empty() && t.detail.is_none() {
            continue;
        }
        // A task written over two rows, its 序号 and task cells merged down:
        // the second row goes on with the first.
        if let Some(Row::Task(prev)) = out.last_mut() {
            if t.seq.is_some() && prev.seq == t.seq && prev.task == t.task {
                if let Some(d) = t.detail {
                    match &mut prev.detail {
                        // A cell merged down gives its text in each row.
                        Some(have) if *have != d && !have.ends_with(&format!("\n{d}")) => {
                            have.push('\n');
                            have.push_str(&d);
                        }
                        Some(_) => {}
                        None => prev.detail = Some(d),
                    }
                }
                continue;
            }
        }
        out.push(Row::Task(t));
    }
    Some(out)
}

/// A category's title without its count: 知识产权保护方面（共5项） → 知识产权保护方面.
fn strip_count(title: &str) -> &str {
    if let Some(i) = title.rfind(['（', '(']) {
        let inner = &title[i..];
        if inner.contains('共') && inner.contains(['项', '条']) {
            return title[..i].trim();
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .map(|t| Cell {
                text: t.to_string(),
                span: 1,
            })
            .collect()
    }

    #[test]
    fn a_table_with_a_category_row() {
        let rows = vec![
            cells(&["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]),
            vec![Cell {
                text: "一、知识产权保护方面（共2项）".into(),
                span: 5,
            }],
            cells(&[
                "1",
                "加强执法",
                "市市场监管局",
                "市公安局、市商务局",
                "2018年9月底前",
            ]),
        ];
        let got = read(&rows).unwrap();
        assert_eq!(
            got[0],
            Row::Category {
                number: Some(1),
                title: "知识产权保护方面".into()
            }
        );
        let Row::Task(t) = &got[1] else { panic!() };
        assert_eq!(t.seq.as_deref(), Some("1"));
        assert_eq!(t.task, "加强执法");
        assert_eq!(t.assignment.lead.as_deref(), Some("市市场监管局"));
        assert_eq!(t.assignment.support, ["市公安局", "市商务局"]);
        assert_eq!(t.due.as_deref(), Some("2018年9月底前"));
    }

    #[test]
    fn a_table_of_something_else_is_not_read() {
        let rows = vec![cells(&["姓名", "电话"]), cells(&["张三", "123"])];
        assert_eq!(read(&rows), None);
    }

    fn spanning(text: &str, span: usize) -> Cell {
        Cell {
            text: text.into(),
            span,
        }
    }

    fn tasks(rows: &[Row]) -> Vec<&TaskRow> {
        rows.iter()
            .filter_map(|r| match r {
                Row::Task(t) => Some(t),
                Row::Category { .. } => None,
            })
            .collect()
    }

    fn categories(rows: &[Row]) -> Vec<(Option<u32>, &str)> {
        rows.iter()
            .filter_map(|r| match r {
                Row::Category { number, title } => Some((*number, title.as_str())),
                Row::Task(_) => None,
            })
            .collect()
    }

    #[test]
    fn headings_name_their_columns() {
        for (heading, want) in [
            ("序 号", Some(Column::Seq)),
            ("类别", Some(Column::Category)),
            ("牵头单位", Some(Column::Lead)),
            ("配合单位", Some(Column::Support)),
            ("指导单位", Some(Column::Guide)),
            ("责任单位", Some(Column::Responsible)),
            (
                "责任单位（排在第一位的为牵头单位）",
                Some(Column::Responsible),
            ),
            ("牵头单位(盖章)", Some(Column::Lead)),
            ("（主要任务）", Some(Column::Task)),
            ("完成时限", Some(Column::Due)),
            ("计划完成时间", Some(Column::Due)),
            ("时间节点", Some(Column::Due)),
            ("完成期限", Some(Column::Due)),
            ("进度安排", Some(Column::Due)),
            ("时间要求", Some(Column::Due)),
            ("时间", Some(Column::Due)),
            ("具体要求", Some(Column::Detail)),
            ("工作任务", Some(Column::Task)),
            ("重点工作", Some(Column::Task)),
            ("备注", None),
            ("", None),
            ("（）", None),
        ] {
            assert_eq!(column(heading), want, "{heading}");
        }
    }

    #[test]
    fn the_header_names_a_task_or_unit_column_and_another() {
        // Two known columns, neither of tasks nor of units.
        let rows = vec![cells(&["序号", "完成时限"]), cells(&["1", "年底前"])];
        assert_eq!(read(&rows), None);
        // One column alone.
        let rows = vec![cells(&["工作任务", "说明"]), cells(&["加强执法", "无"])];
        assert_eq!(read(&rows), None);
        // The header below a title row.
        let rows = vec![
            vec![spanning("附件：任务分工表", 3)],
            cells(&["序号", "工作任务", "责任单位"]),
            cells(&["1", "加强执法", "市公安局、市司法局"]),
        ];
        let got = read(&rows).unwrap();
        let t = tasks(&got);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].assignment.lead.as_deref(), Some("市公安局"));
        assert_eq!(t[0].assignment.support, ["市司法局"]);
    }

    #[test]
    fn a_second_header_row_under_a_merged_one() {
        let rows = vec![
            vec![
                spanning("序号", 1),
                spanning("工作任务", 1),
                spanning("责任单位", 2),
            ],
            cells(&["", "", "牵头单位", "配合单位"]),
            cells(&["1", "加强执法", "市公安局", "市司法局"]),
        ];
        let got = read(&rows).unwrap();
        assert_eq!(got.len(), 1);
        let t = tasks(&got);
        assert_eq!(t[0].task, "加强执法");
        assert_eq!(t[0].assignment.lead.as_deref(), Some("市公安局"));
        assert_eq!(t[0].assignment.support, ["市司法局"]);
        assert!(!t[0].assignment.by_order);
        // A first row of tasks is not a second header, though a cell in it
        // reads like a heading.
        let rows = vec![
            cells(&["序号", "工作任务", "牵头单位"]),
            cells(&["1", "主要任务", "配合单位"]),
        ];
        let got = read(&rows).unwrap();
        assert_eq!(tasks(&got).len(), 1);
        assert_eq!(tasks(&got)[0].seq.as_deref(), Some("1"));
    }

    #[test]
    fn rows_that_name_a_category() {
        let rows = vec![
            cells(&["序号", "工作任务", "牵头单位", "完成时限"]),
            // Merged across the table.
            vec![spanning("营商环境（共2项）", 4)],
            cells(&["1", "优化审批", "市政务办", "年底前"]),
            // The same text in every cell of a merged row.
            cells(&[
                "二、产业发展",
                "二、产业发展",
                "二、产业发展",
                "二、产业发展",
            ]),
            cells(&["2", "培育企业", "市工信局", "年底前"]),
            // One cell filled, with no 序号.
            cells(&["", "民生保障（共3条）", "", ""]),
            cells(&["3", "扩大就业", "市人社局", "年底前"]),
            // 三、 in the 序号 column, a title and no units.
            cells(&["三", "生态环境", "", ""]),
            cells(&["4", "治理水质", "市生态环境局", "年底前"]),
            // （四） with a title but a deadline: a task.
            cells(&["（四）", "整治河道", "", "年底前"]),
        ];
        let got = read(&rows).unwrap();
        assert_eq!(
            categories(&got),
            [
                (None, "营商环境"),
                (Some(2), "产业发展"),
                (None, "民生保障"),
                (Some(3), "生态环境"),
            ]
        );
        let t = tasks(&got);
        assert_eq!(t.len(), 5);
        assert_eq!(t[4].seq.as_deref(), Some("四"));
        assert_eq!(t[4].task, "整治河道");
    }

    #[test]
    fn rows_of_one_cell_that_are_tasks() {
        let rows = vec![
            cells(&["序号", "工作任务", "牵头单位"]),
            // A number alone is no category.
            cells(&["", "5", ""]),
            // Its 序号 and its text in one cell each, alike: a category.
            cells(&["一、总体要求", "", ""]),
            // A 序号 of digits and a task: a task with no units.
            cells(&["6", "加强执法", ""]),
        ];
        let got = read(&rows).unwrap();
        assert_eq!(categories(&got), [(Some(1), "总体要求")]);
        let t = tasks(&got);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].task, "5");
        assert_eq!(t[1].seq.as_deref(), Some("6"));
        // A category written in the 序号 column, or across the table
        // whatever its text.
        let rows = vec![
            cells(&["序号", "工作任务", "牵头单位"]),
            cells(&["营商环境", "", ""]),
            vec![spanning("2020", 3)],
        ];
        let got = read(&rows).unwrap();
        assert_eq!(categories(&got), [(None, "营商环境"), (None, "2020")]);
    }

    #[test]
    fn a_category_column_merged_down() {
        let rows = vec![
            cells(&["类别", "序号", "工作任务", "牵头单位"]),
            cells(&["一、营商环境", "1", "优化审批", "市政务办"]),
            cells(&["一、营商环境", "2", "减税降费", "市税务局"]),
            cells(&["产业发展", "3", "培育企业", "市工信局"]),
            cells(&["", "4", "招商引资", "市商务局"]),
        ];
        let got = read(&rows).unwrap();
        assert_eq!(
            categories(&got),
            [(Some(1), "营商环境"), (None, "产业发展")]
        );
        assert_eq!(tasks(&got).len(), 4);
        let kinds: Vec<bool> = got.iter().map(|r| matches!(r, Row::Task(_))).collect();
        assert_eq!(kinds, [false, true, true, false, true, true]);
    }

    #[test]
    fn cells_of_a_task_row() {
        let rows = vec![
            cells(&[
                "序号",
                "工作任务",
                "具体要求",
                "责任单位",
                "指导单位",
                "备注",
                "备注",
                "",
            ]),
            cells(&[
                "（1）",
                "加强执法",
                "严格执法",
                "市公安局、市司法局",
                "市政府办",
                "重点",
                "又一",
                "无题",
            ]),
            cells(&["2.", "", "", "市公安局", "", "", "", ""]),
        ];
        let got = read(&rows).unwrap();
        let t = tasks(&got);
        assert_eq!(t.len(), 1, "a row with neither task nor detail is none");
        assert_eq!(t[0].seq.as_deref(), Some("1"));
        assert_eq!(t[0].detail.as_deref(), Some("严格执法"));
        assert_eq!(t[0].assignment.lead.as_deref(), Some("市公安局"));
        assert_eq!(t[0].assignment.support, ["市司法局"]);
        assert_eq!(t[0].assignment.guide, ["市政府办"]);
        // Columns of no known kind are kept with their heading, once.
        assert_eq!(t[0].other, [("备注".to_string(), "重点".to_string())]);
    }

    #[test]
    fn the_detail_is_the_task_when_no_column_names_tasks() {
        let rows = vec![
            cells(&["序号", "具体措施", "牵头单位"]),
            cells(&["1", "严格执法", "市公安局"]),
        ];
        let got = read(&rows).unwrap();
        let t = tasks(&got);
        assert_eq!(t[0].task, "严格执法");
        assert_eq!(t[0].detail, None);
        // With a task column, an empty task keeps its detail as detail.
        let rows = vec![
            cells(&["序号", "工作任务", "具体要求", "牵头单位"]),
            cells(&["1", "", "严格执法", "市公安局"]),
        ];
        let got = read(&rows).unwrap();
        let t = tasks(&got);
        assert_eq!(t[0].task, "");
        assert_eq!(t[0].detail.as_deref(), Some("严格执法"));
    }

    #[test]
    fn a_task_written_over_two_rows() {
        let rows = vec![
            cells(&["序号", "工作任务", "具体要求", "牵头单位"]),
            cells(&["1", "加强执法", "严格执法", "市公安局"]),
            cells(&["1", "加强执法", "规范执法", "市公安局"]),
            cells(&["1", "加强执法", "规范执法", "市公安局"]),
            cells(&["1", "加强执法", "", "市公安局"]),
            // Same 序号, another task: a task of its own.
            cells(&["1", "公正司法", "", "市法院"]),
            // No 序号: never joined.
            cells(&["", "公正司法", "", "市法院"]),
            cells(&["", "公正司法", "", "市法院"]),
        ];
        let got = read(&rows).unwrap();
        let t = tasks(&got);
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].detail.as_deref(), Some("严格执法\n规范执法"));
        // The first row without detail takes the second's.
        let rows = vec![
            cells(&["序号", "工作任务", "具体要求", "牵头单位"]),
            cells(&["1", "加强执法", "", "市公安局"]),
            cells(&["1", "加强执法", "规范执法", "市公安局"]),
        ];
        let got = read(&rows).unwrap();
        assert_eq!(tasks(&got)[0].detail.as_deref(), Some("规范执法"));
        // A detail merged down over both rows is given once.
        let rows = vec![
            cells(&["序号", "工作任务", "具体要求", "牵头单位"]),
            cells(&["1", "加强执法", "规范执法", "市公安局"]),
            cells(&["1", "加强执法", "规范执法", "市公安局"]),
        ];
        let got = read(&rows).unwrap();
        assert_eq!(tasks(&got)[0].detail.as_deref(), Some("规范执法"));
    }

    #[test]
    fn the_count_after_a_category() {
        assert_eq!(strip_count("营商环境（共5项）"), "营商环境");
        assert_eq!(strip_count("营商环境(共5条)"), "营商环境");
        assert_eq!(strip_count("营商环境（5项）"), "营商环境（5项）");
        assert_eq!(strip_count("营商环境（共同推进）"), "营商环境（共同推进）");
        assert_eq!(strip_count("营商环境"), "营商环境");
    }
}
