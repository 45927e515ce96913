//! Why feedback is not recorded — an entry given on the command line, a row
//! of a return file, or the file as a whole — told in English or Chinese.
//! Every such message is written here, once per language.

use crate::lang::Lang;
use crate::messages::Msg;
use crate::spelling::BadPercent;
use crate::store::RecordKind;
use crate::time::DateError;

/// The parts of a feedback entry, as columns of a return file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Task,
    Division,
    Status,
    Percent,
    Note,
    By,
    At,
    /// The plan of the task ids (a column or a line above the header).
    Plan,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Task,
        Field::Division,
        Field::Status,
        Field::Percent,
        Field::Note,
        Field::By,
        Field::At,
        Field::Plan,
    ];

    /// The English column name, also the key of a TOML batch.
    pub fn key(self) -> &'static str {
        match self {
            Field::Task => "task",
            Field::Division => "division",
            Field::Status => "status",
            Field::Percent => "percent",
            Field::Note => "note",
            Field::By => "by",
            Field::At => "at",
            Field::Plan => "plan",
        }
    }

    /// The Chinese heading a return form uses.
    pub fn chinese(self) -> &'static str {
        match self {
            Field::Task => "任务编号",
            Field::Division => "责任处室",
            Field::Status => "状态",
            Field::Percent => "进度",
            Field::Note => "情况说明",
            Field::By => "填报人",
            Field::At => "填报日期",
            Field::Plan => "方案",
        }
    }

    fn named(self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("`{}` ({})", self.key(), self.chinese()),
            Lang::Zh => format!("“{}”（`{}`）", self.chinese(), self.key()),
        }
    }
}

/// Why a division cannot report on a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoTarget {
    /// No division or group of that name or alias in the task's plan.
    Unknown {
        division: String,
        plan: String,
        task: String,
        assignees: Vec<Assigned>,
    },
    /// A group with members reports through them.
    Group { group: String, members: Vec<String> },
    /// The division is not among the task's assignees.
    NotAssigned {
        division: String,
        task: String,
        assignees: Vec<Assigned>,
    },
}

/// An assignee of a task and its role's id (`lead`, `support`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    pub name: String,
    pub role: String,
}

/// Assignees with their roles: "法规处 (lead), 信用办 (support)" in
/// English, "法规处（牵头）、信用办（配合）" in Chinese.
fn assignees_text(assignees: &[Assigned], lang: Lang) -> String {
    let each: Vec<String> = assignees
        .iter()
        .map(|a| match (lang, a.role.as_str()) {
            (Lang::En, role) => format!("{} ({role})", a.name),
            (Lang::Zh, "lead") => format!("{}（牵头）", a.name),
            (Lang::Zh, "support") => format!("{}（配合）", a.name),
            (Lang::Zh, role) => format!("{}（{role}）", a.name),
        })
        .collect();
    each.join(lang.pick(", ", "、"))
}

/// One reason not to record.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    // The file as a whole.
    NoEntries,
    NotUtf8 {
        at: usize,
    },
    Unreadable(Msg),
    NotAWorkbook(Msg),
    NoSuchSheet {
        name: String,
        sheets: Vec<String>,
    },
    SheetOfText,
    NoHeader {
        rows: usize,
    },
    HeaderOnly,
    /// No column of this kind; the columns that are not read, as `C (who)`.
    MissingColumn(Field, Vec<String>),
    NoDivision,
    TwoColumns {
        field: Field,
        first: String,
        second: String,
    },
    /// A TOML problem, as the TOML reader tells it.
    Toml {
        message: Msg,
        expected: Option<Msg>,
    },
    // A row.
    TooManyFields {
        len: usize,
        header: usize,
    },
    UnreadableRow(Msg),
    NoValue(Field),
    NoTomlValue(Field),
    // A value.
    UnknownStatus(String),
    ClosedIsTheOffices,
    WithdrawnIsNotReported,
    Percent {
        text: String,
        why: BadPercent,
    },
    DoneNot100(u8),
    Time {
        text: String,
        why: DateError,
    },
    Future {
        at: String,
        now: String,
    },
    BeforeIssued {
        at: String,
        plan: String,
        issued: String,
    },
    ObligationRef(String),
    NoObligations {
        task: String,
    },
    NoSuchObligation {
        task: String,
        n: u32,
        open: Vec<String>,
    },
    BeforeObligation {
        at: String,
        given: bool,
        task: String,
        n: u32,
        opened: String,
    },
    TaskWithdrawn(String),
    TaskClosed(String),
    /// The task has sub-tasks (these): they are recorded on, not it.
    HasSubTasks(String, Vec<String>),
    NoSuchTask {
        reference: String,
        plan: Option<String>,
    },
    AmbiguousTask {
        id: String,
        plans: Vec<String>,
    },
    NoPlan(String),
    Division(NoTarget),
    // Voids and amendments.
    NoRecord(String),
    NoSuchRecord(i64),
    AlreadyVoid {
        number: i64,
        void: i64,
        at: String,
        reason: String,
    },
    VoidIsFinal(i64),
    OtherPlan {
        number: i64,
        plans: Vec<String>,
        plan: String,
    },
    RestingOn {
        number: i64,
        on: Vec<i64>,
    },
    NoReason,
    AmendsNotAnEntry {
        number: i64,
        kind: RecordKind,
    },
    AmendsOtherTask {
        number: i64,
        task: String,
    },
}

const STATUSES_EN: &str =
    "not-started (未启动), in-progress (推进中), blocked (受阻) or done (已完成)";
const STATUSES_ZH: &str =
    "未启动、推进中、受阻或已完成（或 `not-started`、`in-progress`、`blocked`、`done`）";

impl Refusal {
    /// The message and what was expected instead (empty when nothing is to
    /// be said).
    pub fn text(&self, lang: Lang) -> (String, String) {
        match lang {
            Lang::En => self.english(),
            Lang::Zh => self.chinese(),
        }
    }

    /// The message alone, for one entry given on the command line.
    pub fn message(&self, lang: Lang) -> String {
        let (message, expected) = self.text(lang);
        match (expected.is_empty(), lang) {
            (true, _) => message,
            (false, Lang::En) => format!("{message}: expected {expected}"),
            (false, Lang::Zh) => format!("{message}；应为{expected}"),
        }
    }

    fn english(&self) -> (String, String) {
        let plain = |m: String| (m, String::new());
        match self {
            Refusal::NoEntries => (
                "the file has no entries".into(),
                "a header row and rows, or [[feedback]] tables".into(),
            ),
            Refusal::NotUtf8 { at } => (
                format!("not a text file in one encoding: invalid UTF-8 at byte {at}"),
                "the whole file in one encoding: UTF-8, UTF-16 or GBK".into(),
            ),
            Refusal::Unreadable(why) => plain(format!("cannot be read: {}", why.text(Lang::En))),
            Refusal::NotAWorkbook(why) => (
                format!("not a workbook that can be read ({})", why.text(Lang::En)),
                "an .xlsx, .xls or .ods file as Excel, WPS or LibreOffice saves it".into(),
            ),
            Refusal::NoSuchSheet { name, sheets } => (
                format!("the workbook has no sheet {name:?}"),
                format!("one of {}", quoted_list(sheets)),
            ),
            Refusal::SheetOfText => plain(
                "--sheet is for workbooks (.xlsx, .xls, .ods); this file is text".into(),
            ),
            Refusal::NoHeader { rows } => (
                format!("no header row in the first {rows} rows"),
                "a row of column names with at least task and status (任务编号, 状态)".into(),
            ),
            Refusal::HeaderOnly => (
                "the file has a header but no rows".into(),
                "one row per entry".into(),
            ),
            Refusal::MissingColumn(field, unread) => (
                match unread.is_empty() {
                    true => format!("the header has no {} column", field.named(Lang::En)),
                    false => format!(
                        "the header has no {} column; not read: {}",
                        field.named(Lang::En),
                        unread.join(", ")
                    ),
                },
                "a header with at least task, division and status".into(),
            ),
            Refusal::NoDivision => (
                "the header has no `division` (责任处室) column and no division is given".into(),
                "a division column, a line `填报单位：NAME` above the header, or --division NAME".into(),
            ),
            Refusal::TwoColumns {
                field,
                first,
                second,
            } => (
                format!(
                    "columns {first} and {second} are both read as {}",
                    field.named(Lang::En)
                ),
                "each kind of column once".into(),
            ),
            Refusal::Toml { message, expected } => toml_text(message, expected.as_ref(), Lang::En),
            Refusal::TooManyFields { len, header } => {
                plain(format!("this row has {len} fields, the header {header}"))
            }
            Refusal::UnreadableRow(why) => {
                plain(format!("unreadable CSV: {}", why.text(Lang::En)))
            }
            Refusal::NoValue(field) => (
                format!("this row has no {}", field.named(Lang::En)),
                match field {
                    Field::Status => STATUSES_EN.into(),
                    _ => "a value in every required column".into(),
                },
            ),
            Refusal::NoTomlValue(field) => (
                format!("this [[feedback]] entry has no `{}`", field.key()),
                format!("a line `{} = \"...\"`", field.key()),
            ),
            Refusal::UnknownStatus(text) => (format!("unknown status {text:?}"), STATUSES_EN.into()),
            Refusal::ClosedIsTheOffices => plain(
                "closed (已销号) is the office's decision, made with `tasks review TASK --accept`"
                    .into(),
            ),
            Refusal::WithdrawnIsNotReported => plain(
                "withdrawn (已撤销) is not reported: a task is withdrawn by removing it from the plan file".into(),
            ),
            Refusal::Percent { text, why } => match why {
                BadPercent::NotWhole => (
                    format!("percent {text:?} is not a whole number"),
                    "a whole number from 0 to 100, with or without %".into(),
                ),
                BadPercent::OutOfRange(_) => (
                    format!("percent {text:?} is not from 0 to 100"),
                    "a whole number from 0 to 100, with or without %".into(),
                ),
            },
            Refusal::DoneNot100(p) => plain(format!(
                "done means 100%, not {p}%: report in-progress until the work is finished"
            )),
            Refusal::Time { text, why } => plain(why.text(text, Lang::En)),
            Refusal::Future { at, now } => plain(format!("{at} is in the future (now is {now})")),
            Refusal::BeforeIssued { at, plan, issued } => {
                plain(format!("{at} is before plan {plan} was issued ({issued})"))
            }
            Refusal::ObligationRef(text) => plain(format!(
                "{text:?}: expected TASK#N with N a number from 1, e.g. 3.3#1"
            )),
            Refusal::NoObligations { task } => plain(format!(
                "task {task} has no obligations: no event of an `after` rule was recorded (see `tasks event`)"
            )),
            Refusal::NoSuchObligation { task, n, open } => plain(format!(
                "task {task} has no obligation #{n}; its obligations are {}",
                open.join(", ")
            )),
            Refusal::BeforeObligation {
                at,
                given,
                task,
                n,
                opened,
            } => {
                let when = if *given {
                    at.clone()
                } else {
                    format!("now ({at})")
                };
                plain(format!(
                    "{when} is before the event that opened {task}#{n} ({opened})"
                ))
            }
            Refusal::TaskWithdrawn(task) => plain(format!(
                "task {task} was withdrawn from the plan; it takes no feedback"
            )),
            Refusal::HasSubTasks(task, subs) => plain(
                crate::messages::task_has_sub_tasks(task, crate::messages::Msg::list(subs))
                    .text(Lang::En)
                    .to_string(),
            ),
            Refusal::TaskClosed(task) => plain(format!(
                "task {task} is closed (已销号); it takes no more feedback"
            )),
            Refusal::NoSuchTask { reference, plan } => plain(match plan {
                Some(p) => format!(
                    "no task {reference:?} in plan {p} (see `tasks list --plan {p}`)"
                ),
                None => format!("no task {reference:?} in any loaded plan (see `tasks list`)"),
            }),
            Refusal::AmbiguousTask { id, plans } => plain(format!(
                "task id {id:?} is in several plans ({}); write it as PLAN:ID, e.g. {}:{id}",
                plans.join(", "),
                plans.first().map_or("", String::as_str)
            )),
            Refusal::NoPlan(plan) => {
                plain(format!("no plan {plan:?} is loaded (see `tasks plans`)"))
            }
            Refusal::Division(NoTarget::Unknown {
                division,
                plan,
                task,
                assignees,
            }) => {
                let assignees = assignees_text(assignees, Lang::En);
                plain(format!("no division {division:?} in plan {plan}; task {task} is assigned to {assignees}"))
            }
            Refusal::Division(NoTarget::Group { group, members }) => plain(format!(
                "{group} is a group; feedback comes from one of its members: {}",
                members.join(", ")
            )),
            Refusal::NoRecord(text) => (
                format!("{text:?} is not a record number"),
                "#N or N, a number shown by `tasks history`, `tasks show` or `tasks imports`".into(),
            ),
            Refusal::NoSuchRecord(n) => plain(format!(
                "there is no record #{n} (see `tasks history TASK` or `tasks imports`)"
            )),
            Refusal::AlreadyVoid { number, void, at, reason } => plain(format!(
                "#{number} was voided already, by #{void} at {at}: {reason}"
            )),
            Refusal::VoidIsFinal(n) => plain(format!(
                "#{n} is a void, which is final: to restore what it voided, record it again"
            )),
            Refusal::OtherPlan { number, plans, plan } => plain(format!(
                "#{number} belongs to plan {}, not {plan}",
                plans.join(", ")
            )),
            Refusal::RestingOn { number, on } => plain(format!(
                "{} rest on #{number}: void them first",
                on.iter().map(|n| format!("#{n}")).collect::<Vec<_>>().join(", ")
            )),
            Refusal::NoReason => (
                "a void needs a reason".into(),
                "--reason TEXT, saying why the record was a mistake".into(),
            ),
            Refusal::AmendsNotAnEntry { number, kind } => {
                let kind = kind.id();
                plain(format!(
                    "#{number} is a {kind}, not a feedback entry: only an entry is amended (void a {kind} with `tasks void`)"
                ))
            }
            Refusal::AmendsOtherTask { number, task } => plain(format!(
                "#{number} is an entry of task {task}: an amendment is for the same task"
            )),
            Refusal::Division(NoTarget::NotAssigned {
                division,
                task,
                assignees,
            }) => {
                let assignees = assignees_text(assignees, Lang::En);
                plain(format!("{division} is not assigned to task {task}; its assignees are {assignees}"))
            }
        }
    }

    fn chinese(&self) -> (String, String) {
        let plain = |m: String| (m, String::new());
        match self {
            Refusal::NoEntries => (
                "文件中没有反馈内容".into(),
                "一行表头加若干数据行，或若干 [[feedback]] 表".into(),
            ),
            Refusal::NotUtf8 { at } => (
                format!("文件编码不一致：第 {at} 字节不是有效的 UTF-8"),
                "整个文件使用同一种编码：UTF-8、UTF-16 或 GBK".into(),
            ),
            Refusal::Unreadable(why) => plain(format!("无法读取：{}", why.text(Lang::Zh))),
            Refusal::NotAWorkbook(why) => (
                format!("无法作为工作簿读取（{}）", why.text(Lang::Zh)),
                "Excel、WPS 或 LibreOffice 保存的 .xlsx、.xls 或 .ods 文件".into(),
            ),
            Refusal::NoSuchSheet { name, sheets } => (
                format!("工作簿中没有名为“{name}”的工作表"),
                format!("以下之一：{}", quoted_list(sheets)),
            ),
            Refusal::SheetOfText => {
                plain("--sheet 只用于工作簿（.xlsx、.xls、.ods），此文件是文本文件".into())
            }
            Refusal::NoHeader { rows } => (
                format!("前 {rows} 行中找不到表头"),
                "一行列名，至少含“任务编号”和“状态”（`task`、`status`）".into(),
            ),
            Refusal::HeaderOnly => ("文件只有表头，没有数据行".into(), "每条反馈一行".into()),
            Refusal::MissingColumn(field, unread) => (
                match unread.is_empty() {
                    true => format!("表头中没有{}列", field.named(Lang::Zh)),
                    false => format!(
                        "表头中没有{}列；未能识别的列：{}",
                        field.named(Lang::Zh),
                        unread.join("、")
                    ),
                },
                "表头至少含任务编号、责任处室、状态".into(),
            ),
            Refusal::NoDivision => (
                "表头中没有“责任处室”（`division`）列，也未指明处室".into(),
                "增加“责任处室”列，或在表头上方写一行“填报单位：处室名称”，或使用 --division 处室名称".into(),
            ),
            Refusal::TwoColumns {
                field,
                first,
                second,
            } => (
                format!("{first} 列和 {second} 列都被读作{}", field.named(Lang::Zh)),
                "每种列只出现一次".into(),
            ),
            Refusal::Toml { message, expected } => toml_text(message, expected.as_ref(), Lang::Zh),
            Refusal::TooManyFields { len, header } => {
                plain(format!("此行有 {len} 个字段，表头只有 {header} 个"))
            }
            Refusal::UnreadableRow(why) => {
                plain(format!("无法读取的 CSV：{}", why.text(Lang::Zh)))
            }
            Refusal::NoValue(field) => (
                format!("此行缺少{}", field.named(Lang::Zh)),
                match field {
                    Field::Status => STATUSES_ZH.into(),
                    _ => "必填列均有值".into(),
                },
            ),
            Refusal::NoTomlValue(field) => (
                format!("此 [[feedback]] 条目缺少 `{}`", field.key()),
                format!("一行 `{} = \"...\"`", field.key()),
            ),
            Refusal::UnknownStatus(text) => (format!("无法识别的状态“{text}”"), STATUSES_ZH.into()),
            Refusal::ClosedIsTheOffices => {
                plain("已销号由办公室审核决定，使用 `tasks review 任务 --accept`".into())
            }
            Refusal::WithdrawnIsNotReported => {
                plain("已撤销不由处室填报：从方案文件中删去任务即为撤销".into())
            }
            Refusal::Percent { text, why } => match why {
                BadPercent::NotWhole => (
                    format!("进度“{text}”不是整数"),
                    "0 到 100 的整数，可带 %".into(),
                ),
                BadPercent::OutOfRange(_) => (
                    format!("进度“{text}”不在 0 到 100 之间"),
                    "0 到 100 的整数，可带 %".into(),
                ),
            },
            Refusal::DoneNot100(p) => plain(format!(
                "已完成即进度 100%，而此处为 {p}%；工作完成前请填“推进中”"
            )),
            Refusal::Time { text, why } => plain(why.text(text, Lang::Zh)),
            Refusal::Future { at, now } => plain(format!("{at} 晚于当前时间（{now}）")),
            Refusal::BeforeIssued { at, plan, issued } => {
                plain(format!("{at} 早于方案 {plan} 的印发日期（{issued}）"))
            }
            Refusal::ObligationRef(text) => plain(format!(
                "“{text}”：应写作 任务#N，N 为从 1 起的数字，如 3.3#1"
            )),
            Refusal::NoObligations { task } => plain(format!(
                "任务 {task} 没有时限事项：尚未记录触发事件（见 `tasks event`）"
            )),
            Refusal::NoSuchObligation { task, n, open } => plain(format!(
                "任务 {task} 没有第 {n} 项时限事项；现有时限事项为 {}",
                open.join("、")
            )),
            Refusal::BeforeObligation {
                at,
                given,
                task,
                n,
                opened,
            } => {
                let when = if *given {
                    at.clone()
                } else {
                    format!("当前时间（{at}）")
                };
                plain(format!(
                    "{when} 早于触发 {task}#{n} 的事件（{opened}）"
                ))
            }
            Refusal::TaskWithdrawn(task) => {
                plain(format!("任务 {task} 已从方案中撤销，不再接受反馈"))
            }
            Refusal::TaskClosed(task) => plain(format!("任务 {task} 已销号，不再接受反馈")),
            Refusal::HasSubTasks(task, subs) => plain(
                crate::messages::task_has_sub_tasks(task, crate::messages::Msg::list(subs))
                    .text(Lang::Zh)
                    .to_string(),
            ),
            Refusal::NoSuchTask { reference, plan } => plain(match plan {
                Some(p) => format!("方案 {p} 中没有任务“{reference}”（见 `tasks list --plan {p}`）"),
                None => format!("已载入的方案中没有任务“{reference}”（见 `tasks list`）"),
            }),
            Refusal::AmbiguousTask { id, plans } => plain(format!(
                "任务编号“{id}”出现在多个方案中（{}）；请写作“方案:编号”，如 {}:{id}",
                plans.join("、"),
                plans.first().map_or("", String::as_str)
            )),
            Refusal::NoPlan(plan) => plain(format!("未载入方案“{plan}”（见 `tasks plans`）")),
            Refusal::Division(NoTarget::Unknown {
                division,
                plan,
                task,
                assignees,
            }) => {
                let assignees = assignees_text(assignees, Lang::Zh);
                plain(format!("方案 {plan} 中没有处室“{division}”；任务 {task} 的责任处室为 {assignees}"))
            }
            Refusal::Division(NoTarget::Group { group, members }) => plain(format!(
                "{group} 是处室组，应由其成员处室反馈：{}",
                members.join("、")
            )),
            Refusal::NoRecord(text) => (
                format!("“{text}”不是记录编号"),
                "#N 或 N，即 `tasks history 任务`、`tasks show` 或 `tasks imports` 显示的编号".into(),
            ),
            Refusal::NoSuchRecord(n) => plain(format!(
                "没有编号为 #{n} 的记录（见 `tasks history 任务` 或 `tasks imports`）"
            )),
            Refusal::AlreadyVoid { number, void, at, reason } => plain(format!(
                "#{number} 已于 {at} 由 #{void} 撤销：{reason}"
            )),
            Refusal::VoidIsFinal(n) => plain(format!(
                "#{n} 是一条撤销记录，撤销不可再撤销；如需恢复，请重新录入"
            )),
            Refusal::OtherPlan { number, plans, plan } => plain(format!(
                "#{number} 属于方案 {}，不属于 {plan}",
                plans.join("、")
            )),
            Refusal::RestingOn { number, on } => plain(format!(
                "{} 以 #{number} 为依据：请先撤销它们",
                on.iter().map(|n| format!("#{n}")).collect::<Vec<_>>().join("、")
            )),
            Refusal::NoReason => (
                "撤销须说明理由".into(),
                "--reason 理由，说明该记录错在哪里".into(),
            ),
            Refusal::AmendsNotAnEntry { number, kind } => plain(format!(
                "#{number} 是一条{}记录，不是反馈：只有反馈可以更正（其他记录用 `tasks void` 撤销）",
                kind.words().text(Lang::Zh)
            )),
            Refusal::AmendsOtherTask { number, task } => plain(format!(
                "#{number} 是任务 {task} 的反馈：更正只能针对同一任务"
            )),
            Refusal::Division(NoTarget::NotAssigned {
                division,
                task,
                assignees,
            }) => {
                let assignees = assignees_text(assignees, Lang::Zh);
                plain(format!("{division} 不是任务 {task} 的责任处室；其责任处室为 {assignees}"))
            }
        }
    }
}

/// A refusal in a message: told in the message's language.
impl crate::messages::Said for Refusal {
    fn said(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Owned(self.message(lang))
    }
}

fn toml_text(message: &Msg, expected: Option<&Msg>, lang: Lang) -> (String, String) {
    (
        message.text(lang).to_string(),
        expected.map_or(String::new(), |e| e.text(lang).to_string()),
    )
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message has a Chinese form that is not the English one.
    #[test]
    fn each_refusal_is_told_in_both_languages() {
        let samples = [
            Refusal::NoEntries,
            Refusal::NoHeader { rows: 30 },
            Refusal::MissingColumn(Field::Status, vec!["C (who)".into()]),
            Refusal::NoDivision,
            Refusal::NoValue(Field::Division),
            Refusal::UnknownStatus("进行了一半".into()),
            Refusal::Percent {
                text: "150".into(),
                why: BadPercent::OutOfRange(150),
            },
            Refusal::TaskClosed("1.7".into()),
            Refusal::HasSubTasks("2".into(), vec!["2.1".into(), "2.2".into()]),
            Refusal::Division(NoTarget::NotAssigned {
                division: "新闻中心".into(),
                task: "2.1".into(),
                assignees: vec![Assigned {
                    name: "法规处".into(),
                    role: "lead".into(),
                }],
            }),
        ];
        for r in samples {
            let (en, zh) = (r.message(Lang::En), r.message(Lang::Zh));
            assert_ne!(en, zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }
}
