//! The words of exported tables in one place: the column names of CSV files
//! and workbooks, the names of a workbook's sheets, and the cell values that
//! have a Chinese form.
//!
//! CSV keeps its English keys and values unless `--lang zh` is given
//! (scripts read them); under `--lang zh` it takes the Chinese names and
//! values, for Excel users. Workbooks are for people and follow `--lang`.

use crate::deadlines::Light;
use crate::lang::Lang;
use crate::rollup::Role;
use crate::status::Status;

/// A name with its stable English key (CSV headers and values in English),
/// its English form for people, and its Chinese form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

const fn term(key: &'static str, en: &'static str, zh: &'static str) -> Term {
    Term { key, en, zh }
}

impl Term {
    /// The form for people: a workbook's headers and sheet names.
    pub fn text(self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.zh)
    }

    /// The form in CSV: the English key, or the Chinese name.
    pub fn csv(self, lang: Lang) -> &'static str {
        lang.pick(self.key, self.zh)
    }
}

/// The CSV headers of `columns` in `lang`.
pub fn csv_headers(columns: &[Term], lang: Lang) -> Vec<&'static str> {
    columns.iter().map(|c| c.csv(lang)).collect()
}

/// The workbook headers of `columns` in `lang`.
pub fn headers(columns: &[Term], lang: Lang) -> Vec<&'static str> {
    columns.iter().map(|c| c.text(lang)).collect()
}

// Columns of task lines.
pub const PLAN: Term = term("plan", "Plan", "方案");
pub const TASK: Term = term("task", "ID", "任务编号");
pub const ID: Term = term("id", "ID", "任务编号");
pub const SECTION: Term = term("section", "Section", "部分");
pub const TITLE: Term = term("title", "Title", "任务名称");
pub const LEAD: Term = term("lead", "Lead", "牵头处室");
pub const SUPPORT: Term = term("support", "Support", "配合处室");
pub const DUE: Term = term("due", "Due", "完成时限");
pub const STATUS: Term = term("status", "Status", "任务状态");
pub const OVERDUE: Term = term("overdue", "Overdue", "是否逾期");
pub const LIGHT: Term = term("light", "Light", "灯号");
pub const OPEN_OBLIGATIONS: Term = term("open_obligations", "Open obligations", "待办时限事项");
pub const MISSING_FEEDBACK: Term = term("missing_feedback", "No return", "本期未反馈");
pub const ASSIGNEE: Term = term("assignee", "Assignee", "责任处室");
pub const ROLE: Term = term("role", "Role", "承担方式");
pub const ASSIGNEE_STATUS: Term = term("assignee_status", "Reported status", "反馈状态");
pub const PERCENT: Term = term("percent", "Percent", "进度(%)");
pub const NOTE: Term = term("note", "Note", "情况说明");
pub const REPORTED_BY: Term = term("reported_by", "Reported by", "填报单位");
pub const REPORTER: Term = term("by", "Reporter", "填报人");
pub const REPORTED_AT: Term = term("reported_at", "Reported at", "填报时间");
pub const DELIVERABLE: Term = term("deliverable", "Deliverable", "成果形式");
pub const TARGET: Term = term("target", "Target", "目标");
pub const TARGET_VALUE: Term = term("target_value", "Target value", "目标值");
pub const TARGET_UNIT: Term = term("target_unit", "Target unit", "目标单位");

/// The columns added to a report's task lines when a task of the report has
/// a deliverable or a target.
pub const OUTCOME_COLUMNS: [Term; 4] = [DELIVERABLE, TARGET, TARGET_VALUE, TARGET_UNIT];

/// `tasks report --format csv`: one line per task and assignee.
pub const REPORT_CSV: [Term; 17] = [
    PLAN,
    TASK,
    SECTION,
    TITLE,
    STATUS,
    DUE,
    OVERDUE,
    LIGHT,
    OPEN_OBLIGATIONS,
    MISSING_FEEDBACK,
    ASSIGNEE,
    ROLE,
    ASSIGNEE_STATUS,
    PERCENT,
    NOTE,
    REPORTED_BY,
    REPORTED_AT,
];

/// The task sheet of the report's workbook: one line per task and
/// assignee, the task's cells on each.
pub const REPORT_SHEET: [Term; 18] = [
    TASK,
    SECTION,
    TITLE,
    LEAD,
    SUPPORT,
    DUE,
    STATUS,
    LIGHT,
    OPEN_OBLIGATIONS,
    ASSIGNEE,
    ROLE,
    MISSING_FEEDBACK,
    ASSIGNEE_STATUS,
    PERCENT,
    NOTE,
    REPORTED_BY,
    REPORTER,
    REPORTED_AT,
];

/// `tasks list --format csv`.
pub const LIST_CSV: [Term; 10] = [
    PLAN,
    ID,
    SECTION,
    TITLE,
    LEAD,
    SUPPORT,
    DUE,
    STATUS,
    LIGHT,
    OPEN_OBLIGATIONS,
];

// The figures of a section or a division.
pub const DIVISION: Term = term("division", "Division", "处室");
pub const SECTION_TITLE: Term = term("label", "Title", "标题");
pub const UNIT_KIND: Term = term("label", "Kind", "类型");
pub const COUNT_TASKS: Term = term("tasks", "Tasks", "任务数");
pub const COUNT_LEAD: Term = term("lead", "Lead", "牵头");
pub const COUNT_SUPPORT: Term = term("support", "Support", "配合");
pub const COUNT_NOT_STARTED: Term = term("not_started", "Not started", "未启动");
pub const COUNT_IN_PROGRESS: Term = term("in_progress", "In progress", "推进中");
pub const COUNT_BLOCKED: Term = term("blocked", "Blocked", "受阻");
pub const COUNT_DONE: Term = term("done", "Done, to review", "待审核");
pub const COUNT_CLOSED: Term = term("closed", "Closed", "已销号");
pub const COUNT_OVERDUE: Term = term("overdue", "Overdue", "逾期");
pub const COUNT_MISSING: Term = term("missing_feedback", "No return", "未反馈");
pub const COMPLETION: Term = term("completion", "Completion", "销号率");
pub const REMINDERS: Term = term("reminders", "Reminders", "催办次数");
/// The key of a plan's total line: empty in English CSV.
pub const TOTAL: Term = term("", "Total", "合计");

/// The columns of `Figures::by_status`, in its order.
pub const COUNTS_BY_STATUS: [Term; 7] = [
    COUNT_NOT_STARTED,
    COUNT_IN_PROGRESS,
    COUNT_BLOCKED,
    COUNT_DONE,
    COUNT_CLOSED,
    COUNT_OVERDUE,
    COUNT_MISSING,
];

/// The columns of a figures line: what it counts, the task counts, the
/// counts by status and the completion rate. `by_division` adds the
/// counts as lead and as support.
pub fn figure_columns(by_division: bool) -> Vec<Term> {
    let mut columns = if by_division {
        vec![DIVISION, UNIT_KIND, COUNT_TASKS, COUNT_LEAD, COUNT_SUPPORT]
    } else {
        vec![SECTION, SECTION_TITLE, COUNT_TASKS]
    };
    columns.extend(COUNTS_BY_STATUS);
    if by_division {
        columns.push(REMINDERS);
    }
    columns.push(COMPLETION);
    columns
}

/// `tasks report --summary --format csv`: the plan, then every figure
/// column, the counts as lead and support included; by division, the
/// reminders last (added after the others, for scripts that read columns
/// by position).
pub fn figures_csv(by_division: bool) -> Vec<Term> {
    let mut columns = vec![
        PLAN,
        if by_division { DIVISION } else { SECTION },
        if by_division {
            UNIT_KIND
        } else {
            SECTION_TITLE
        },
        COUNT_TASKS,
        COUNT_LEAD,
        COUNT_SUPPORT,
    ];
    columns.extend(COUNTS_BY_STATUS);
    columns.push(COMPLETION);
    if by_division {
        columns.push(REMINDERS);
    }
    columns
}

// The overdue and warning items (`tasks check`).
pub const DEADLINE: Term = term("deadline", "Deadline", "时限");
pub const ITEM_TASK: Term = term("task", "Task", "任务编号");
pub const ITEM_DIVISION: Term = term("division", "Division", "责任处室");
pub const ITEM_KIND: Term = term("kind", "Item", "事项");
pub const ITEM_DAYS: Term = term("days", "Days", "距时限");
pub const ITEM_DETAIL: Term = term("detail", "Detail", "说明");

pub const ITEMS_SHEET: [Term; 8] = [
    LIGHT,
    DEADLINE,
    ITEM_TASK,
    TITLE,
    ITEM_DIVISION,
    ITEM_KIND,
    ITEM_DAYS,
    ITEM_DETAIL,
];

// A workbook's sheets and captions.
pub const SHEET_SUMMARY: Term = term("summary", "Summary", "汇总");
pub const SHEET_TASKS: Term = term("tasks", "Tasks", "任务明细");
pub const SHEET_WARNINGS: Term = term("warnings", "Overdue and warnings", "逾期及预警");
pub const SHEET_LIST: Term = term("list", "Tasks", "任务清单");
pub const BY_SECTION: Term = term("by_section", "By section", "按部分统计");
pub const BY_DIVISION: Term = term("by_division", "By division", "按处室统计");
pub const CHART_SECTIONS: Term = term(
    "completion_by_section",
    "Completion by section",
    "各部分销号率",
);
pub const CHART_DIVISIONS: Term = term(
    "completion_by_division",
    "Completion by division",
    "各处室销号率",
);
pub const NO_PLANS: Term = term("no_plans", "No plans loaded.", "尚未载入方案。");
pub const NO_TASKS: Term = term("no_tasks", "No tasks match.", "没有符合条件的任务。");
pub const NO_ITEMS: Term = term(
    "no_items",
    "Nothing is overdue or needs attention.",
    "没有逾期或需要预警的事项。",
);

/// The line under a plan's title in a workbook: its document number, the
/// time the figures hold for (as shown to people), and the office that
/// compiles them.
pub fn plan_line(lang: Lang, doc_no: Option<&str>, as_of: &str, office: &str) -> String {
    let mut parts = Vec::new();
    if let Some(doc) = doc_no {
        parts.push(format!("{}{doc}", lang.pick("Document ", "文号:")));
    }
    parts.push(as_of_text(lang, as_of));
    parts.push(format!("{}{office}", lang.pick("compiled by ", "编制:")));
    parts.join(lang.pick("; ", "    "))
}

/// "as of" a time (as shown to people).
pub fn as_of_text(lang: Lang, shown: &str) -> String {
    format!("{}{shown}", lang.pick("as of ", "截至:"))
}

// Values.

/// A task's or an entry's status: its English id, or its Chinese word.
pub fn status(status: Status, lang: Lang) -> &'static str {
    status.label(lang)
}

/// A traffic light: red, yellow, green; 红, 黄, 绿.
pub fn light(light: Light, lang: Lang) -> &'static str {
    light.label(lang)
}

pub const YES: Term = term("true", "yes", "是");
pub const NO: Term = term("false", "no", "否");

/// A yes or no.
pub fn yes_no(value: bool) -> Term {
    if value {
        YES
    } else {
        NO
    }
}

pub const ROLE_LEAD: Term = term("lead", "lead", "牵头");
pub const ROLE_SUPPORT: Term = term("support", "support", "配合");

/// An assignee's role.
pub fn role(role: Role) -> Term {
    match role {
        Role::Lead => ROLE_LEAD,
        Role::Support => ROLE_SUPPORT,
    }
}

pub const KIND_DIVISION: Term = term("division", "division", "处室");
pub const KIND_GROUP: Term = term("group", "group", "处室组");
pub const KIND_OUTSIDE: Term = term("outside", "outside unit", "单位");

/// What a unit of the figures by division is, from the store's word for
/// it ("division" or "group"; any other word is kept).
pub fn unit_kind(kind: &str, lang: Lang) -> &str {
    match kind {
        "division" => KIND_DIVISION.csv(lang),
        "group" => KIND_GROUP.csv(lang),
        "outside" => KIND_OUTSIDE.csv(lang),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_csv_headers_are_the_keys_scripts_read() {
        assert_eq!(
            csv_headers(&REPORT_CSV, Lang::En).join(","),
            "plan,task,section,title,status,due,overdue,light,open_obligations,\
             missing_feedback,assignee,role,assignee_status,percent,note,reported_by,reported_at"
        );
        assert_eq!(
            csv_headers(&LIST_CSV, Lang::En).join(","),
            "plan,id,section,title,lead,support,due,status,light,open_obligations"
        );
        assert_eq!(
            csv_headers(&figures_csv(true), Lang::En).join(","),
            "plan,division,label,tasks,lead,support,not_started,in_progress,blocked,done,\
             closed,overdue,missing_feedback,completion,reminders"
        );
    }

    #[test]
    fn every_column_has_a_chinese_name_of_its_own() {
        for columns in [
            REPORT_CSV.to_vec(),
            REPORT_SHEET.to_vec(),
            LIST_CSV.to_vec(),
            figures_csv(false),
            figures_csv(true),
            ITEMS_SHEET.to_vec(),
        ] {
            let names = csv_headers(&columns, Lang::Zh);
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{names:?}");
            assert!(names.iter().all(|n| !n.is_ascii()), "{names:?}");
        }
    }
}
