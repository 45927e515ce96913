//! Messages for people — errors, warnings, confirmations — in English and
//! Chinese, each written once, here. A message is made in both languages
//! where it arises; the one shown is chosen where it is printed, by `--lang`
//! or the locale.
//!
//! Each entry of `messages!` below becomes a function that takes the
//! message's values and returns a [`Msg`]; its templates are `format!`
//! strings that name those values. A value that is itself a message shows
//! in the same language as the message around it.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;

use crate::lang::Lang;

/// A message in English and in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    en: String,
    zh: String,
}

impl Msg {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }

    /// Text that is the same in both languages: lines already written in
    /// the language asked for, or names and numbers alone.
    pub fn same(text: impl Into<String>) -> Msg {
        let text = text.into();
        Msg {
            en: text.clone(),
            zh: text,
        }
    }

    /// Two messages, one after the other, with `sep` between.
    pub fn join(&self, sep: &str, other: &Msg) -> Msg {
        Msg {
            en: format!("{}{sep}{}", self.en, other.en),
            zh: format!("{}{sep}{}", self.zh, other.zh),
        }
    }

    /// Messages one after the other, with `sep` between.
    pub fn join_all<'a>(sep: &str, msgs: impl IntoIterator<Item = &'a Msg>) -> Msg {
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        for m in msgs {
            en.push(m.en.as_str());
            zh.push(m.zh.as_str());
        }
        Msg {
            en: en.join(sep),
            zh: zh.join(sep),
        }
    }

    /// Clauses one after the other: "a; b" in English, "a；b" in Chinese.
    pub fn clauses(msgs: &[Msg]) -> Msg {
        Msg {
            en: msgs
                .iter()
                .map(|m| m.en.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            zh: msgs
                .iter()
                .map(|m| m.zh.as_str())
                .collect::<Vec<_>>()
                .join("；"),
        }
    }

    /// Names in a list: "a, b, c" in English, "a、b、c" in Chinese.
    pub fn list<S: AsRef<str>>(names: &[S]) -> Msg {
        let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
        Msg {
            en: names.join(", "),
            zh: names.join("、"),
        }
    }

    /// Messages in a list, as `list` joins names.
    pub fn list_of(msgs: &[Msg]) -> Msg {
        Msg {
            en: msgs
                .iter()
                .map(|m| m.en.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            zh: msgs
                .iter()
                .map(|m| m.zh.as_str())
                .collect::<Vec<_>>()
                .join("、"),
        }
    }

    /// The message with each language's text changed by `f` (escaping, say).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Msg {
        Msg {
            en: f(&self.en),
            zh: f(&self.zh),
        }
    }
}

/// Prints a warning on standard error in `lang`, controls escaped.
pub fn warn(lang: Lang, msg: &Msg) {
    crate::stderr_line!(
        "{}{}",
        warning_word().text(lang),
        crate::render::escape_control(msg.text(lang))
    );
}

/// Prints a note on standard error in `lang`, controls escaped.
pub fn note(lang: Lang, msg: &Msg) {
    crate::stderr_line!(
        "{}{}",
        note_word().text(lang),
        crate::render::escape_control(msg.text(lang))
    );
}

/// A time as prose writes it: 2016年10月10日 in Chinese, ISO in English.
pub fn time_words(t: chrono::NaiveDateTime) -> Msg {
    Msg {
        en: crate::time::time_in_words(t, Lang::En),
        zh: crate::time::time_in_words(t, Lang::Zh),
    }
}

/// English, for logs and for errors printed before the language is known.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A value as it reads in a message of a given language.
pub trait Said {
    fn said(&self, lang: Lang) -> Cow<'_, str>;
}

impl Said for Msg {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.text(lang))
    }
}

impl<T: Said + ?Sized> Said for &T {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        (**self).said(lang)
    }
}

impl<T: Said> Said for Option<T> {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        self.as_ref().map_or(Cow::Borrowed(""), |v| v.said(lang))
    }
}

impl Said for std::path::Path {
    fn said(&self, _: Lang) -> Cow<'_, str> {
        self.to_string_lossy()
    }
}

impl Said for std::path::PathBuf {
    fn said(&self, _: Lang) -> Cow<'_, str> {
        self.to_string_lossy()
    }
}

/// Values that read the same in every language.
macro_rules! said_as_displayed {
    ($($t:ty),*) => {$(
        impl Said for $t {
            fn said(&self, _: Lang) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
said_as_displayed!(
    str,
    String,
    char,
    usize,
    u8,
    u16,
    u32,
    u64,
    i32,
    i64,
    chrono::NaiveDate,
    crate::duration::Duration
);

/// A value shown in one language, for `format!`.
#[doc(hidden)]
pub struct In<'a, T: ?Sized>(pub Lang, pub &'a T);

impl<T: Said + ?Sized> fmt::Display for In<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.1.said(self.0))
    }
}

/// `{value:?}`: the value quoted, as Rust quotes a string (English
/// messages quote names this way).
impl<T: Said + ?Sized> fmt::Debug for In<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.1.said(self.0), f)
    }
}

macro_rules! messages {
    ($(
        $(#[$doc:meta])*
        $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) {
            en: $en:literal,
            zh: $zh:literal $(,)?
        }
    )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::too_many_arguments)]
            pub fn $name($($arg: $ty),*) -> Msg {
                let en = {
                    $(let $arg = In(Lang::En, &$arg);)*
                    format!($en)
                };
                let zh = {
                    $(let $arg = In(Lang::Zh, &$arg);)*
                    format!($zh)
                };
                Msg { en, zh }
            }
        )*

        /// Every message: its name and its two templates.
        #[cfg(test)]
        pub const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $en, $zh)),*];
    };
}

messages! {
    /// The word before an error.
    error_word() {
        en: "error: ",
        zh: "错误：",
    }

    /// The word before a warning.
    warning_word() {
        en: "warning: ",
        zh: "警告：",
    }

    not_a_duration(text: &str) {
        en: "{text:?} is not a duration: expected a positive whole number followed by wd (working days), d (days) or h (hours), e.g. 3wd, 10d, 24h",
        zh: "“{text}”不是时长：应为正整数后接 `wd`（工作日）、`d`（自然日）或 `h`（小时），如 `3wd`、`10d`、`24h`",
    }

    duration_too_long(text: &str, max: u32) {
        en: "{text:?} is too long a duration: at most {max} units",
        zh: "时长“{text}”过长：最多 {max} 个单位",
    }

    unknown_status(text: &str, known: String) {
        en: "unknown status {text:?}: expected one of {known}",
        zh: "没有状态“{text}”：应为以下之一：{known}",
    }

    // The word before a note.
    note_word() {
        en: "note: ",
        zh: "提示：",
    }

    // Tasks, plans and the database.

    no_task(reference: &str) {
        en: "no task {reference:?} in any loaded plan (see `tasks list`)",
        zh: "已载入的方案中没有任务“{reference}”（见 `tasks list`）",
    }

    no_task_in_plan(reference: &str, plan: &str) {
        en: "no task {reference:?} in plan {plan} (see `tasks list --plan {plan}`)",
        zh: "方案 {plan} 中没有任务“{reference}”（见 `tasks list --plan {plan}`）",
    }

    ambiguous_task(id: &str, plans: Msg, example: String) {
        en: "task id {id:?} is in several plans ({plans}); write it as PLAN:ID, e.g. {example}",
        zh: "任务编号“{id}”见于多个方案（{plans}）；请写作“方案:编号”，如 {example}",
    }

    no_plan(plan: &str) {
        en: "no plan {plan:?} is loaded (see `tasks plans`)",
        zh: "未载入方案“{plan}”（见 `tasks plans`）",
    }

    no_database(path: &std::path::Path) {
        en: "no database at {path}: load a plan first with `tasks load FILE` (or point --db / TASKS_DB at an existing database)",
        zh: "{path} 处没有数据库：请先用 `tasks load 文件` 载入方案（或用 --db 或 TASKS_DB 指向已有的数据库）",
    }

    database_refused(path: &std::path::Path, reason: &Msg) {
        en: "{path}: {reason}",
        zh: "{path}：{reason}",
    }

    // Problems of an input file, each at its place.

    one_problem_found(path: &str, outcome: &Msg) {
        en: "{path}: 1 problem found, {outcome}",
        zh: "{path}：发现 1 处问题，{outcome}",
    }

    problems_found_n(path: &str, n: usize, outcome: &Msg) {
        en: "{path}: {n} problems found, {outcome}",
        zh: "{path}：发现 {n} 处问题，{outcome}",
    }

    more_problems(n: usize) {
        en: "... and {n} more problems not shown; fix these first",
        zh: "……另有 {n} 处问题未列出；请先改正以上问题",
    }

    nothing_loaded() {
        en: "nothing was loaded",
        zh: "未载入任何内容",
    }

    nothing_recorded() {
        en: "nothing was recorded",
        zh: "未记录任何反馈",
    }

    one_problem_found_dry(path: &str) {
        en: "{path}: 1 problem found; as it is, nothing would be recorded",
        zh: "{path}：发现 1 处问题，照此导入将不记录任何反馈",
    }

    problems_found_dry_n(path: &str, n: usize) {
        en: "{path}: {n} problems found; as it is, nothing would be recorded",
        zh: "{path}：发现 {n} 处问题，照此导入将不记录任何反馈",
    }

    expected(what: impl Said) {
        en: "expected {what}",
        zh: "应为{what}",
    }

    problem_in_file(path: &str, message: impl Said) {
        en: "{path}: {message}",
        zh: "{path}：{message}",
    }

    problem_at(path: &str, line: usize, column: impl Said, message: impl Said) {
        en: "{path}:{line}:{column}: {message}",
        zh: "{path}:{line}:{column}：{message}",
    }

    // A plan file.

    not_utf8_at(at: usize) {
        en: "not a text file: invalid UTF-8 at byte {at}",
        zh: "不是文本文件：第 {at} 字节不是有效的 UTF-8",
    }

    nul_byte_at(at: usize) {
        en: "not a text file: NUL byte at byte {at}",
        zh: "不是文本文件：第 {at} 字节为空字符",
    }

    expected_plan_text() {
        en: "a plan written as UTF-8 TOML text",
        zh: "以 UTF-8 编码的 TOML 文本方案",
    }

    file_empty() {
        en: "the file is empty",
        zh: "文件为空",
    }

    file_only_comments() {
        en: "the file has no plan in it, only comments and blank lines",
        zh: "文件中只有注释和空行，没有方案内容",
    }

    expected_plan_content() {
        en: "a [plan] table, divisions, sections and tasks (see examples/plan.toml)",
        zh: "[plan] 表及处室、部分和任务（见 `examples/plan.toml`）",
    }

    file_too_large(size: String, max: u64) {
        en: "the file is {size} MiB; files larger than {max} MiB are refused",
        zh: "文件大小为 {size} MiB；超过 {max} MiB 的文件不予接受",
    }

    unknown_field(field: &str) {
        en: "unknown field `{field}`",
        zh: "没有字段 `{field}`",
    }

    unknown_field_did_you_mean(field: &str, close: &str) {
        en: "unknown field `{field}` (did you mean `{close}`?)",
        zh: "没有字段 `{field}`（是否应为 `{close}`？）",
    }

    bad_string() {
        en: "unterminated or invalid string",
        zh: "字符串未结束或无效",
    }

    expected_closing_quote() {
        en: "a closing quote on the same line",
        zh: "同一行内的结束引号",
    }

    invalid_toml(what: &crate::plan::TomlSays) {
        en: "invalid TOML: {what}",
        zh: "TOML 格式有误：{what}",
    }

    toml_says(what: &crate::plan::TomlSays) {
        en: "{what}",
        zh: "{what}",
    }

    kind_string() { en: "string", zh: "文字" }
    kind_integer() { en: "integer", zh: "整数" }
    kind_float() { en: "float", zh: "小数" }
    kind_boolean() { en: "boolean", zh: "布尔值" }
    kind_datetime() { en: "datetime", zh: "日期时间" }
    kind_array() { en: "array", zh: "列表" }
    kind_table() { en: "table", zh: "表" }

    // What a plan's field belongs to.

    of_plan() {
        en: "[plan]",
        zh: "[plan] 表",
    }

    of_division() {
        en: "this [[division]]",
        zh: "该 [[division]] 表",
    }

    of_group() {
        en: "this [[group]]",
        zh: "该 [[group]] 表",
    }

    of_section() {
        en: "this [[section]]",
        zh: "该 [[section]] 表",
    }

    of_task(id: &str) {
        en: "task {id}",
        zh: "任务 {id} ",
    }

    of_this_task() {
        en: "this [[task]]",
        zh: "该 [[task]] 表",
    }

    of_rule(of: impl Said) {
        en: "a rule of {of}",
        zh: "{of}的一条规则",
    }

    // Problems of a plan.

    name_not_declared(what: Msg, name: &str) {
        en: "{what} {name:?} is not declared",
        zh: "{what}“{name}”未声明",
    }

    the_office() { en: "the office", zh: "汇总处室" }
    the_member() { en: "the member", zh: "成员" }
    the_lead() { en: "the lead", zh: "牵头处室" }
    the_supporting_assignee() { en: "the supporting assignee", zh: "配合处室" }

    expected_declared_name() {
        en: "a name declared in a [[division]] (name or alias) or a [[group]]",
        zh: "在 [[division]]（名称或别名）或 [[group]] 中声明的名称",
    }

    field_missing(of: impl Said, field: &str) {
        en: "{of} has no `{field}`",
        zh: "{of}缺少 `{field}`",
    }

    expected_field_line(field: &str) {
        en: "a line `{field} = \"...\"`",
        zh: "一行 `{field} = \"...\"`",
    }

    field_empty(field: &str) {
        en: "`{field}` is empty",
        zh: "`{field}` 为空",
    }

    expected_some_text() {
        en: "some text",
        zh: "非空的内容",
    }

    name_empty() {
        en: "the name is empty",
        zh: "名称为空",
    }

    expected_unit_name() {
        en: "a division or group name",
        zh: "处室或处室组的名称",
    }

    name_spaced(name: &str) {
        en: "the name {name:?} has spaces around it",
        zh: "名称“{name}”首尾有空格",
    }

    expected_name_unspaced() {
        en: "the name without leading or trailing spaces",
        zh: "首尾不带空格的名称",
    }

    name_has_controls() {
        en: "the name contains control characters",
        zh: "名称含有控制字符",
    }

    expected_printable() {
        en: "printable text",
        zh: "可显示的文字",
    }

    expected_plan_id() {
        en: "letters, digits, '-' and '_' only, e.g. \"fjdrc-2016-zwgk\"",
        zh: "只用字母、数字、“-”和“_”，如 `fjdrc-2016-zwgk`",
    }

    expected_task_id() {
        en: "an id without spaces, ':' or '#', e.g. \"1.1\"",
        zh: "不含空格、“:”和“#”的编号，如“1.1”",
    }

    id_empty() {
        en: "the id is empty",
        zh: "编号为空",
    }

    id_too_long(max: usize) {
        en: "the id is longer than {max} characters",
        zh: "编号超过 {max} 个字符",
    }

    id_bad_char(id: &str, c: String) {
        en: "the id {id:?} contains {c}",
        zh: "编号“{id}”含有不允许的字符 {c}",
    }

    expected_date() {
        en: "a date such as 2016-12-31",
        zh: "日期，如 2016-12-31",
    }

    date_has_time(field: &str) {
        en: "`{field}` has a time of day",
        zh: "`{field}` 带有时刻",
    }

    expected_date_without_time() {
        en: "a date without a time, such as 2016-12-31",
        zh: "不带时刻的日期，如 2016-12-31",
    }

    date_not_iso(field: &str, text: &str) {
        en: "`{field}` = {text:?} is not written as YYYY-MM-DD",
        zh: "`{field}` = “{text}”未按 YYYY-MM-DD 书写",
    }

    date_of_wrong_kind(field: &str, kind: Msg) {
        en: "`{field}` is a {kind}, not a date",
        zh: "`{field}` 是{kind}，不是日期",
    }

    date_not_real(field: &str, value: String) {
        en: "`{field}` = {value} is not a real date",
        zh: "`{field}` = {value} 不是实际存在的日期",
    }

    not_a_duration_plainly(text: &str) {
        en: "{text:?} is not a duration",
        zh: "“{text}”不是时长",
    }

    expected_duration() {
        en: "Nwd (working days), Nd (days) or Nh (hours), e.g. \"3wd\"",
        zh: "`Nwd`（工作日）、`Nd`（自然日）或 `Nh`（小时），如 `3wd`",
    }

    plan_has_no_tasks() {
        en: "the plan has no tasks",
        zh: "方案中没有任务",
    }

    expected_a_task() {
        en: "at least one [[task]] table",
        zh: "至少一个 [[task]] 表",
    }

    name_declared_twice(name: &str, line: usize) {
        en: "{name:?} is declared twice (first on line {line})",
        zh: "“{name}”重复声明（首次见第 {line} 行）",
    }

    expected_names_once() {
        en: "each division, alias and group name declared once",
        zh: "处室名、别名和处室组名各只声明一次",
    }

    no_plan_table() {
        en: "the file has no [plan] table",
        zh: "文件中没有 [plan] 表",
    }

    expected_plan_table() {
        en: "a [plan] table with at least id, title and office",
        zh: "[plan] 表，至少含 `id`、`title` 和 `office`",
    }

    office_is_group(name: &str) {
        en: "the office {name:?} is a group",
        zh: "汇总处室“{name}”是处室组",
    }

    expected_a_division() {
        en: "a division",
        zh: "处室",
    }

    plan_due_before_issued(due: NaiveDate, issued: NaiveDate) {
        en: "the plan is due {due}, before it was issued ({issued})",
        zh: "方案期限 {due} 早于其印发日期（{issued}）",
    }

    expected_due_after_issued() {
        en: "a due date on or after `issued`",
        zh: "不早于 `issued` 的期限",
    }

    unknown_cadence(text: &str) {
        en: "unknown feedback cadence {text:?}",
        zh: "无法识别的反馈周期“{text}”",
    }

    expected_cadence() {
        en: "\"monthly\", \"quarterly\" or \"none\"",
        zh: "`monthly`（按月）、`quarterly`（按季）或 `none`（不定期）",
    }

    feedback_day_not_a_day(day: i64) {
        en: "feedback_day {day} is not a day of the month",
        zh: "`feedback_day` = {day} 不是每月中的某一日",
    }

    expected_day_of_month() {
        en: "a day from 1 to 31",
        zh: "1 至 31 之间的日",
    }

    feedback_day_without_cadence() {
        en: "feedback_day is set but the plan has no feedback cadence",
        zh: "设了 `feedback_day`，但方案未设反馈周期",
    }

    expected_cadence_beside() {
        en: "feedback = \"monthly\" or \"quarterly\" beside it",
        zh: "同时写明 `feedback = \"monthly\"` 或 `feedback = \"quarterly\"`",
    }

    member_twice(name: &str) {
        en: "{name:?} is listed twice in this group",
        zh: "“{name}”在本处室组中列了两次",
    }

    expected_members_once() {
        en: "each member once",
        zh: "每个成员只列一次",
    }

    group_in_group(name: &str) {
        en: "{name:?} is a group; groups cannot contain groups",
        zh: "“{name}”是处室组；处室组不能包含处室组",
    }

    section_id_twice(id: &str) {
        en: "section id {id:?} is used twice",
        zh: "部分编号“{id}”重复使用",
    }

    expected_unique_section_id() {
        en: "a unique section id",
        zh: "不重复的部分编号",
    }

    unknown_section_role(role: &str) {
        en: "unknown section role {role:?}",
        zh: "无法识别的部分类型“{role}”",
    }

    expected_section_role() {
        en: "\"lead\" (牵头), \"support\" (配合) or \"own\" (自身建设)",
        zh: "`lead`（牵头）、`support`（配合）或 `own`（自身建设）",
    }

    task_id_twice(id: &str, line: usize) {
        en: "task id {id:?} is used twice (first on line {line})",
        zh: "任务编号“{id}”重复使用（首次见第 {line} 行）",
    }

    expected_unique_task_id() {
        en: "a task id unique within the plan",
        zh: "方案内不重复的任务编号",
    }

    section_not_declared(id: &str) {
        en: "section {id:?} is not declared",
        zh: "部分“{id}”未声明",
    }

    expected_section_id() {
        en: "the id of a [[section]]",
        zh: "某个 [[section]] 的编号",
    }

    assigned_twice(name: &str, of: impl Said) {
        en: "{name:?} is assigned to {of} twice",
        zh: "“{name}”在{of}中出现了两次",
    }

    expected_assignees_once() {
        en: "each assignee once, as lead or as support",
        zh: "每个责任处室只出现一次，或牵头或配合",
    }

    task_due_before_issued(of: impl Said, due: NaiveDate, issued: NaiveDate) {
        en: "{of} is due {due}, before the plan was issued ({issued})",
        zh: "{of}的期限 {due} 早于方案印发日期（{issued}）",
    }

    expected_due_after_plan_issued() {
        en: "a due date on or after the plan's `issued`",
        zh: "不早于方案 `issued` 的期限",
    }

    two_after_rules(of: impl Said, event: &str) {
        en: "{of} has two `after` rules on the event {event:?}",
        zh: "{of}对事件“{event}”有两条 `after` 规则",
    }

    expected_one_after_rule() {
        en: "one `after` rule per event; write both duties in its `what`",
        zh: "每个事件只设一条 `after` 规则，两项要求都写在其 `what` 中",
    }

    not_in_after_rule(field: &str) {
        en: "`{field}` does not belong in an `after` rule",
        zh: "`after` 规则中不应有 `{field}`",
    }

    not_in_quota_rule(field: &str) {
        en: "`{field}` does not belong in a `quota` rule",
        zh: "`quota` 规则中不应有 `{field}`",
    }

    expected_after_fields() {
        en: "only kind, event, within and what",
        zh: "只有 `kind`、`event`、`within` 和 `what`",
    }

    expected_quota_fields() {
        en: "only kind, event, count, by and what",
        zh: "只有 `kind`、`event`、`count`、`by` 和 `what`",
    }

    after_rule_without_within(of: impl Said) {
        en: "this `after` rule of {of} has no `within`",
        zh: "{of}的这条 `after` 规则缺少 `within`",
    }

    expected_within_line() {
        en: "a line `within = \"3wd\"`",
        zh: "一行 `within = \"3wd\"`",
    }

    quota_rule_without_count(of: impl Said) {
        en: "this `quota` rule of {of} has no `count`",
        zh: "{of}的这条 `quota` 规则缺少 `count`",
    }

    expected_count_line() {
        en: "a line `count = 1`",
        zh: "一行 `count = 1`",
    }

    count_not_positive(count: i64) {
        en: "count {count} is not a positive number",
        zh: "次数 {count} 不是正数",
    }

    expected_positive_count() {
        en: "a whole number of at least 1",
        zh: "不小于 1 的整数",
    }

    quota_rule_without_by(of: impl Said) {
        en: "this `quota` rule of {of} has no `by`",
        zh: "{of}的这条 `quota` 规则缺少 `by`",
    }

    expected_by_line() {
        en: "a line `by = 2016-12-31`",
        zh: "一行 `by = 2016-12-31`",
    }

    quota_ends_before_issued(of: impl Said, by: NaiveDate, issued: NaiveDate) {
        en: "this `quota` rule of {of} ends {by}, before the plan was issued ({issued})",
        zh: "{of}的这条 `quota` 规则截止于 {by}，早于方案印发日期（{issued}）",
    }

    expected_by_after_issued() {
        en: "a `by` date on or after the plan's `issued`",
        zh: "不早于方案 `issued` 的 `by` 日期",
    }

    unknown_rule_kind(kind: &str) {
        en: "unknown rule kind {kind:?}",
        zh: "无法识别的规则类型“{kind}”",
    }

    expected_rule_kind() {
        en: "\"after\", \"quota\" or \"every\"",
        zh: "`after`、`quota` 或 `every`",
    }

    // Return files.

    expected_feedback_tables() {
        en: "[[feedback]] with double brackets, one table per entry",
        zh: "用双层方括号的 [[feedback]]，每条反馈一个表",
    }

    no_feedback_tables() {
        en: "the file has no [[feedback]] tables",
        zh: "文件中没有 [[feedback]] 表",
    }

    expected_feedback_table_each() {
        en: "one [[feedback]] table per entry",
        zh: "每条反馈一个 [[feedback]] 表",
    }

    // Dates and times.

    date_why_not_a_date() {
        en: "not a date",
        zh: "无法识别",
    }

    date_why_no_month(month: u32) {
        en: "there is no month {month}",
        zh: "没有 {month} 月",
    }

    date_why_no_day(year: impl Said, month: impl Said, day: u32) {
        en: "{year}-{month} has no day {day}",
        zh: "{year}年{month}月没有 {day} 日",
    }

    date_why_not_a_time(time: &str) {
        en: "{time:?} is not a time of day",
        zh: "“{time}”不是时刻",
    }

    date_time_not_wanted(text: &str) {
        en: "{text:?}: expected a date without a time, e.g. 2016-12-31",
        zh: "“{text}”：应为不带时刻的日期，如 2016-12-31",
    }

    date_refused(text: &str, why: Msg) {
        en: "{text:?}: {why}; expected YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日, with or without a time HH:MM[:SS], e.g. 2016-10-01, 2016/10/1 9:30 or 2016年10月1日",
        zh: "日期“{text}”有误（{why}）：应写作 YYYY-MM-DD、YYYY/M/D、YYYY.M.D 或 YYYY年M月D日，可带时刻 HH:MM[:SS]，如 2016-10-01、2016/10/1 9:30、2016年10月1日",
    }

    // The clock and the database, settled at the start.

    as_of_refused(what: Msg) {
        en: "--as-of sets the viewpoint of reading commands, not the time of a record: {what} (scripts set the clock with TASKS_NOW=WHEN)",
        zh: "--as-of 只设定查询类命令的查看时点，不决定记录时间：{what}（脚本可用 TASKS_NOW=时间 设定时钟）",
    }

    as_of_feedback() {
        en: "feedback is recorded now; give --at WHEN for when the progress happened",
        zh: "反馈按当前时间记录；进展发生的时间请用 --at 时间 写明",
    }

    as_of_feedback_file() {
        en: "a return file is recorded now; its `at` (填报日期) column says when the progress happened",
        zh: "反馈文件按当前时间记录；进展发生的时间写在其“填报日期”（`at`）列",
    }

    as_of_review() {
        en: "a review is recorded now; give --at WHEN for when it was decided",
        zh: "审核按当前时间记录；审核决定的时间请用 --at 时间 写明",
    }

    as_of_event() {
        en: "an event is recorded now; give --at WHEN for when it happened",
        zh: "事件按当前时间记录；事件发生的时间请用 --at 时间 写明",
    }

    as_of_plan() {
        en: "a plan is loaded now",
        zh: "方案按当前时间载入",
    }

    as_of_calendar() {
        en: "a calendar is loaded now",
        zh: "日历按当前时间载入",
    }

    as_of_void() {
        en: "a void is recorded now, and takes the record back for every time",
        zh: "撤销按当前时间记录，且对任何时点都撤回该记录",
    }

    clock_ahead(clock: String, real: String) {
        en: "TASKS_NOW sets the clock to {clock}, later than the real clock ({real}): records are made as of now or earlier",
        zh: "TASKS_NOW 把时钟设为 {clock}，晚于实际时间（{real}）：记录只能按当前或更早的时间登记",
    }

    db_option_empty() {
        en: "--db / TASKS_DB is empty: give a database file path",
        zh: "--db 或 TASKS_DB 为空：请给出数据库文件路径",
    }

    refused_value(name: &str, why: Msg) {
        en: "{name}: {why}",
        zh: "{name}：{why}",
    }

    date_argument_refused(why: Msg) {
        en: "DATE: {why}",
        zh: "{why}",
    }

    no_data_directory() {
        en: "cannot find the platform data directory (is HOME set?); give the database with --db PATH or TASKS_DB",
        zh: "找不到系统的数据目录（是否设置了 HOME？）；请用 --db 路径 或 TASKS_DB 指定数据库",
    }

    // Opening the database.

    as_reported(text: String) {
        en: "{text}",
        zh: "{text}",
    }

    db_is_directory() {
        en: "is a directory, not a database file",
        zh: "是一个目录，不是数据库文件",
    }

    db_is_empty_file() {
        en: "is an empty file, not a tasks database",
        zh: "是空文件，不是本程序的数据库",
    }

    cannot_create_directory(dir: &std::path::Path, why: Msg) {
        en: "cannot create the directory {dir}: {why}",
        zh: "无法创建目录 {dir}：{why}",
    }

    db_not_sqlite() {
        en: "is not an SQLite database",
        zh: "不是 SQLite 数据库",
    }

    db_of_another_program() {
        en: "is an SQLite database, but not one of tasks",
        zh: "是 SQLite 数据库，但不是本程序的数据库",
    }

    db_too_new(version: i64, latest: usize) {
        en: "has schema version {version}, newer than this tasks understands ({latest}); use a newer tasks",
        zh: "数据库结构版本为 {version}，高于本程序所能识别的版本（{latest}）；请使用更新版本的 `tasks`",
    }

    migration_failed(step: Msg, why: Msg) {
        en: "{step}: {why}",
        zh: "{step}时出错：{why}",
    }

    migration_step(n: usize) {
        en: "applying schema migration {n}",
        zh: "升级数据库结构（第 {n} 步）",
    }

    migration_states() {
        en: "computing the task states of schema migration 5",
        zh: "为数据库结构升级（第 5 步）计算任务状态",
    }

    migration_sameness() {
        en: "computing the entries' sameness keys of schema migration 6",
        zh: "为数据库结构升级（第 6 步）计算反馈查重标识",
    }

    sqlite_shm_full() {
        en: "the disk is full: no room to grow the database's -shm file",
        zh: "磁盘已满：数据库的 -shm 文件无法增大",
    }

    sqlite_corrupt() {
        en: "the database file is damaged",
        zh: "数据库文件已损坏",
    }

    sqlite_cannot_open() {
        en: "cannot open the file (check the path and its permissions, and that its directory is writable: the database needs its -wal and -shm files beside it)",
        zh: "无法打开文件（请检查路径及其权限，并确认所在目录可写：数据库旁须能建立 -wal 和 -shm 文件）",
    }

    sqlite_read_only() {
        en: "the database cannot be written: check that you own it and its -wal and -shm files (run cron jobs as the database's owner), and that the file system is not read-only",
        zh: "数据库无法写入：请确认您是该文件及其 -wal、-shm 文件的所有者（定时任务须以数据库所有者身份运行），且文件系统不是只读的",
    }

    permission_denied() {
        en: "permission denied",
        zh: "没有权限",
    }

    disk_full() {
        en: "the disk is full",
        zh: "磁盘已满",
    }

    sqlite_io_error() {
        en: "a disk I/O error (is the disk full, or the file system failing?)",
        zh: "磁盘读写出错（磁盘是否已满，或文件系统出现故障？）",
    }

    sqlite_busy() {
        en: "the database stayed locked by another process; try again",
        zh: "数据库一直被其他进程锁定；请稍后再试",
    }

    // Writing output files.

    binary_to_terminal() {
        en: "this format is binary and standard output is a terminal: give --output FILE, or redirect the output to a file",
        zh: "此格式为二进制文件，不能输出到终端：请用 --output 文件 指定输出文件，或将输出重定向到文件",
    }

    output_empty() {
        en: "--output is empty: give a file name",
        zh: "--output 为空：请给出文件名",
    }

    output_is_folder(path: &str) {
        en: "{path} is a folder: give a file name",
        zh: "{path} 是文件夹：请给出文件名",
    }

    cannot_write(path: &std::path::Path, why: Msg) {
        en: "cannot write {path}: {why}",
        zh: "无法写入 {path}：{why}",
    }

    no_such_folder() {
        en: "no such folder",
        zh: "文件夹不存在",
    }

    no_such_file() {
        en: "no such file",
        zh: "文件不存在",
    }

    read_only_file_system() {
        en: "the file system is read-only",
        zh: "文件系统为只读",
    }

    already_exists() {
        en: "it already exists",
        zh: "已存在",
    }

    not_a_directory_on_the_way() {
        en: "a part of the path is not a folder",
        zh: "路径中有一段不是文件夹",
    }

    is_a_directory() {
        en: "it is a folder",
        zh: "是文件夹",
    }

    // Calendars.

    beyond_calendar(duration: crate::duration::Duration, date: &str) {
        en: "{duration} after {date} is beyond the calendar",
        zh: "{date} 之后 {duration} 已超出日历范围",
    }

    not_a_month(text: &str) {
        en: "{text:?} is not a month: expected YYYY-MM, e.g. 2016-10",
        zh: "“{text}”不是月份：应写作 YYYY-MM，如 2016-10",
    }

    month_title(month: MonthOf, year: i32) {
        en: "{month} {year}",
        zh: "{year}年{month}月",
    }

    weekdays() {
        en: "Mo Tu We Th Fr Sa Su",
        zh: "一 二 三 四 五 六 日",
    }

    mark_off() {
        en: "H",
        zh: "休",
    }

    mark_work() {
        en: "W",
        zh: "班",
    }

    days_off() {
        en: "holiday",
        zh: "放假",
    }

    days_worked() {
        en: "make-up working day",
        zh: "调休上班",
    }

    calendar_days(mark: &str, name: String, kind: Msg, days: Msg) {
        en: "{mark} {name}{kind}: {days}",
        zh: "{mark} {name}{kind}：{days}",
    }

    no_year_tables() {
        en: "the file has no [[year]] tables",
        zh: "文件中没有 [[year]] 表",
    }

    expected_year_table_each() {
        en: "one [[year]] table per year",
        zh: "每年一个 [[year]] 表",
    }

    not_a_year(year: i64) {
        en: "{year} is not a year",
        zh: "{year} 不是年份",
    }

    expected_year() {
        en: "a year such as 2027",
        zh: "年份，如 2027",
    }

    year_twice(year: i32) {
        en: "the year {year} is given twice",
        zh: "{year} 年出现了两次",
    }

    calendar_not_a_date() {
        en: "not a date",
        zh: "不是日期",
    }

    expected_calendar_date() {
        en: "a date such as 2027-10-01",
        zh: "日期，如 2027-10-01",
    }

    date_not_in_year(date: NaiveDate, year: i32) {
        en: "{date} is not in {year}",
        zh: "{date} 不在 {year} 年内",
    }

    expected_dates_of_year() {
        en: "dates of the notice's year (or the December before)",
        zh: "通知所属年份（或上一年 12 月）的日期",
    }

    already_working_day(date: NaiveDate, weekday: WeekdayOf) {
        en: "{date} is a {weekday}, already a working day",
        zh: "{date} 是{weekday}，本来就是工作日",
    }

    expected_make_up_days() {
        en: "make-up working days (调休上班) on a Saturday or Sunday",
        zh: "调休上班日应在星期六或星期日",
    }

    day_off_and_worked(date: NaiveDate) {
        en: "{date} is listed both as off and as worked",
        zh: "{date} 既列为放假又列为调休上班",
    }

    expected_each_day_once() {
        en: "each day once",
        zh: "每一天只列一次",
    }

    not_utf8() {
        en: "not a text file: invalid UTF-8",
        zh: "不是文本文件：不是有效的 UTF-8",
    }

    expected_toml_utf8() {
        en: "a TOML file written as UTF-8",
        zh: "以 UTF-8 编码的 TOML 文件",
    }

    calendar_unchanged(year: i32) {
        en: "Calendar {year} is unchanged: nothing to do.",
        zh: "{year} 年日历无变化，无需更新。",
    }

    calendar_loaded(year: i32, off: Msg, work: Msg) {
        en: "Calendar {year}: {off}, {work}.",
        zh: "{year} 年日历：{off}，{work}。",
    }

    calendar_replaced(year: i32, off: Msg, work: Msg) {
        en: "Calendar {year}: {off}, {work} (replacing the earlier data for that year).",
        zh: "{year} 年日历：{off}，{work}（替换该年原有数据）。",
    }

    one_rest_day() {
        en: "1 rest day",
        zh: "放假 1 天",
    }

    rest_days_n(n: usize) {
        en: "{n} rest days",
        zh: "放假 {n} 天",
    }

    one_make_up_day() {
        en: "1 make-up working day",
        zh: "调休上班 1 天",
    }

    make_up_days_n(n: usize) {
        en: "{n} make-up working days",
        zh: "调休上班 {n} 天",
    }

    missing_holiday_data(year: i32) {
        en: "no holiday data for {year}: working days there count weekends only; load the State Council's {year} notice with `tasks calendar load FILE`",
        zh: "缺少 {year} 年的节假日数据：该年只按周末计算工作日；请用 `tasks calendar load 文件` 载入国务院办公厅 {year} 年的放假安排通知",
    }

    // Names asked for.

    no_section(section: &str, known: Msg) {
        en: "no section {section:?}; sections are: {known}",
        zh: "没有部分“{section}”；现有部分为：{known}",
    }

    no_unit(name: &str, divisions: Msg) {
        en: "no division or group {name:?}; divisions: {divisions}",
        zh: "没有处室或处室组“{name}”；现有处室：{divisions}",
    }

    no_unit_groups(name: &str, divisions: Msg, groups: Msg) {
        en: "no division or group {name:?}; divisions: {divisions}; groups: {groups}",
        zh: "没有处室或处室组“{name}”；现有处室：{divisions}；处室组：{groups}",
    }

    no_unit_in_plan(name: &str, plan: &str, divisions: Msg) {
        en: "no division or group {name:?} in plan {plan}; divisions: {divisions}",
        zh: "方案 {plan} 中没有处室或处室组“{name}”；现有处室：{divisions}",
    }

    no_unit_in_plan_groups(name: &str, plan: &str, divisions: Msg, groups: Msg) {
        en: "no division or group {name:?} in plan {plan}; divisions: {divisions}; groups: {groups}",
        zh: "方案 {plan} 中没有处室或处室组“{name}”；现有处室：{divisions}；处室组：{groups}",
    }

    stored_state_unknown(state: &str, why: Msg) {
        en: "task state {state:?}: {why}",
        zh: "数据库中的任务状态“{state}”有误：{why}",
    }

    // Recording.

    refusal(why: &crate::refusal::Refusal) {
        en: "{why}",
        zh: "{why}",
    }

    event_kind_empty() {
        en: "the event kind is empty: give the event a rule of the task names",
        zh: "事件类型为空：请给出该任务时限规则中列明的事件",
    }

    task_without_rules(id: &str) {
        en: "task {id} has no time rules, so no event is recorded for it",
        zh: "任务 {id} 没有时限规则，不为其登记事件",
    }

    no_rule_for_event(id: &str, kind: &str, kinds: Msg) {
        en: "task {id} has no rule for the event {kind:?}; its rules' events are: {kinds}",
        zh: "任务 {id} 没有针对事件“{kind}”的规则；其规则涉及的事件为：{kinds}",
    }

    task_withdrawn(id: &str) {
        en: "task {id} was withdrawn from the plan",
        zh: "任务 {id} 已从方案中撤销",
    }

    task_closed(id: &str) {
        en: "task {id} is closed (已销号)",
        zh: "任务 {id} 已销号",
    }

    task_already_closed(id: &str) {
        en: "task {id} is already closed (已销号)",
        zh: "任务 {id} 已经销号",
    }

    not_to_review(id: &str, status: crate::status::Named) {
        en: "task {id} is {status}: only a task its lead division reported done can be reviewed",
        zh: "任务 {id} 的状态为“{status}”：只有牵头处室报为已完成的任务才能审核",
    }

    not_to_review_then(id: &str, status: crate::status::Named, at: String) {
        en: "task {id} is {status} at {at}: only a task its lead division reported done can be reviewed",
        zh: "任务 {id} 在 {at} 的状态为“{status}”：只有牵头处室报为已完成的任务才能审核",
    }

    // Feedback.

    only_with_from(option: &str) {
        en: "{option} is for a return file: give it with --from FILE",
        zh: "{option} 只用于反馈文件：请与 --from 文件 一起使用",
    }

    feedback_args_missing() {
        en: "give TASK, --division and --status, or --from FILE",
        zh: "请给出任务编号及 --division 和 --status，或用 --from 文件",
    }

    for_assignee(assignee: String) {
        en: " (for {assignee})",
        zh: "（代表{assignee}）",
    }

    task_now(id: &str, status: crate::status::Status) {
        en: "Task {id} is now {status}.",
        zh: "任务 {id} 当前状态：{status}。",
    }

    obligation_met(on: &str) {
        en: "Obligation {on} is met.",
        zh: "时限事项 {on} 已完成。",
    }

    obligation_still_open(on: &str) {
        en: "Obligation {on} is still open.",
        zh: "时限事项 {on} 仍未完成。",
    }

    later_entry_decides(later: i64, at: &str, unit: &str) {
        en: " Entry #{later} of {at} is later and still decides {unit}'s status.",
        zh: "#{later}（{at}）日期更晚，仍以其确定{unit}的状态。",
    }

    amends_entry(amended: i64, void: i64) {
        en: " It amends #{amended} (voided by #{void}).",
        zh: "更正 #{amended}（已由 #{void} 撤销）。",
    }

    recorded_entry(n: i64, on: String, unit: String, via: Option<Msg>, status: crate::status::Status, percent: String, at: &str, amended: Option<Msg>, outcome: Msg) {
        en: "Recorded #{n}: task {on}, {unit}{via}: {status}{percent} at {at}.{amended} {outcome}",
        zh: "已记录 #{n}：任务 {on}，{unit}{via}：{status}{percent}，{at}。{amended}{outcome}",
    }

    column_not_read(path: &str, column: &str) {
        en: "{path}: column {column} is not read",
        zh: "{path}：未读取 {column} 列",
    }

    file_of_import(file: &str, number: i64) {
        en: "{file} (import #{number})",
        zh: "{file}（导入记录 #{number}）",
    }

    all_recorded_before(file: &str, n: usize) {
        en: "{file}: all {n} entries were recorded before; nothing added.",
        zh: "{file}：{n} 条反馈均已导入过，未新增。",
    }

    no_entries_to_record(file: &str) {
        en: "{file}: no entries to record.",
        zh: "{file}：没有可导入的反馈。",
    }

    recorded_one_from(file: Msg) {
        en: "Recorded 1 entry from {file}.",
        zh: "已导入 1 条反馈，来自 {file}。",
    }

    recorded_n_from(added: usize, file: Msg) {
        en: "Recorded {added} entries from {file}.",
        zh: "已导入 {added} 条反馈，来自 {file}。",
    }

    recorded_some_from(added: usize, n: usize, file: Msg) {
        en: "Recorded {added} of {n} entries from {file}.",
        zh: "已导入 {added} 条反馈（共 {n} 条），来自 {file}。",
    }

    recorded_some_before(added: usize, n: usize, file: Msg, old: usize) {
        en: "Recorded {added} of {n} entries from {file}; {old} were recorded before.",
        zh: "已导入 {added} 条反馈（共 {n} 条），来自 {file}；另有 {old} 条此前已导入。",
    }

    dry_run_of(file: Msg, added: usize, n: usize, old: usize) {
        en: "Dry run of {file}: {added} of {n} entries would be recorded; {old} were recorded before. Nothing was written.",
        zh: "试导入 {file}：共 {n} 条，将记录 {added} 条，{old} 条此前已导入。未写入任何内容。",
    }

    repeated_rows_skipped(repeated: usize) {
        en: " {repeated} repeated an earlier row of the file and were skipped.",
        zh: "其中 {repeated} 条与文件中前面的行重复，已跳过。",
    }

    one_row_left_blank(ids: Msg) {
        en: " 1 row was left blank ({ids}).",
        zh: "另有 1 行未填写（{ids}）。",
    }

    rows_left_blank(n: usize, ids: Msg) {
        en: " {n} rows were left blank ({ids}).",
        zh: "另有 {n} 行未填写（{ids}）。",
    }

    // The demo.

    demo_no_temp_dir(why: Msg) {
        en: "cannot create a temporary directory for the demo: {why}",
        zh: "无法为演示创建临时目录：{why}",
    }

    demo_intro(doc: &str) {
        en: "Demo: the sample plan {doc}, in a throw-away database (yours is not touched).",
        zh: "演示：示例方案 {doc}，使用临时数据库（不影响您自己的数据库）。",
    }

    demo_review_not_done(task: &str) {
        en: "sample review of {task}: the task is not done",
        zh: "示例审核任务 {task}：该任务尚未完成",
    }

    demo_replayed(events: usize, entries: usize, file: &str, reviews: usize) {
        en: "Replayed {events} events, {entries} feedback entries ({file}; invented, not real reports) and {reviews} office reviews.",
        zh: "已回放 {events} 个事件、{entries} 条示例反馈（{file}，仅供演示，并非真实报送）和 {reviews} 条办公室审核。",
    }

    demo_next(load: String, list: &str) {
        en: "Next: {load}, then {list}",
        zh: "下一步：{load}，然后 {list}",
    }

    // Durations.

    one_working_day() { en: "1 working day", zh: "1个工作日" }
    working_days(n: u32) { en: "{n} working days", zh: "{n}个工作日" }
    one_day() { en: "1 day", zh: "1日" }
    days(n: u32) { en: "{n} days", zh: "{n}日" }
    one_hour() { en: "1 hour", zh: "1小时" }
    hours(n: u32) { en: "{n} hours", zh: "{n}小时" }

    // Events.

    event_on_obligation(task: &str) {
        en: "events are recorded on a task, not on an obligation: use `tasks event {task} KIND`",
        zh: "事件登记在任务上，而不是时限事项上：请用 `tasks event {task} 事件类型`",
    }

    event_recorded(kind: &str, id: &str, at: String) {
        en: "Recorded event “{kind}” on task {id} at {at}.",
        zh: "已记录任务 {id} 的事件“{kind}”，时间 {at}。",
    }

    opens_obligation(on: String, what: &str, due: String, within: Msg) {
        en: "Opens obligation {on}: {what}, due {due} (within {within}).",
        zh: "产生时限事项 {on}：{what}，应于 {due} 前完成（{within}内）。",
    }

    counts_towards(what: &str, recorded: usize, count: i64, by: &str) {
        en: "Counts towards “{what}”: {recorded} of {count} by {by}.",
        zh: "计入“{what}”：{by} 前已 {recorded} 次，要求 {count} 次。",
    }

    // Records and voids.

    record_feedback() { en: "feedback entry", zh: "反馈" }
    record_review() { en: "review", zh: "审核" }
    record_event() { en: "event", zh: "事件" }
    record_import() { en: "import", zh: "批量导入" }
    record_reminder() { en: "reminder", zh: "催办" }
    record_void() { en: "void", zh: "撤销" }

    on_task(id: &str) {
        en: " on task {id}",
        zh: "任务 {id} 的",
    }

    void_task_now(id: &str, status: crate::status::Status) {
        en: " Task {id} is now {status}.",
        zh: "任务 {id} 当前状态：{status}。",
    }

    voided(what: Msg, n: i64, on: Option<Msg>, void: i64, reason: String, now: Option<Msg>) {
        en: "Voided {what} #{n}{on} (void #{void}): {reason}.{now}",
        zh: "已撤销{on}{what} #{n}（撤销记录 #{void}）：{reason}。{now}",
    }

    // Reviews.

    review_accepted(id: &str) {
        en: "Task {id} accepted: closed (已销号).",
        zh: "任务 {id} 已审核通过，予以销号。",
    }

    review_returned(id: &str, status: crate::status::Status) {
        en: "Task {id} returned: it is {status} again.",
        zh: "任务 {id} 已退回，状态：{status}。",
    }

    // Return forms.

    plan_without_divisions(plan: &str) {
        en: "plan {plan} has no divisions",
        zh: "方案 {plan} 没有处室",
    }

    form_args_missing() {
        en: "give --division NAME --output FILE, or --all --output-dir DIR",
        zh: "请用 --division 处室 --output 文件，或 --all --output-dir 文件夹",
    }

    no_plan_loaded() {
        en: "no plan is loaded: load one with `tasks load FILE`",
        zh: "尚未载入方案：请用 `tasks load 文件` 载入",
    }

    choose_a_plan(plans: Msg) {
        en: "several plans are loaded ({plans}): choose one with --plan",
        zh: "已载入多个方案（{plans}）：请用 --plan 选定其一",
    }

    form_file_name(path: &std::path::Path) {
        en: "{path}: a form is written as .xlsx or .csv: give a file name ending in one of them, e.g. 法规处.xlsx",
        zh: "{path}：反馈表只能存为 .xlsx 或 .csv 文件：请给出以二者之一结尾的文件名，如 法规处.xlsx",
    }

    format_against_name(format: &str, path: &std::path::Path) {
        en: "--format {format} does not match the file name {path}: the extension decides",
        zh: "--format {format} 与文件名 {path} 不符：以扩展名为准",
    }

    no_longer_a_division(name: &str, plan: &str) {
        en: "{name:?} is no longer a division of plan {plan}",
        zh: "“{name}”已不是方案 {plan} 的处室",
    }

    group_reports_through(group: &str, members: Msg) {
        en: "{group} is a group; its members report on its tasks, each on its own form: {members}",
        zh: "{group} 是处室组，其任务由成员处室各自用本处室的反馈表填报：{members}",
    }

    numeric_ids(id: &str) {
        en: "Excel reads task ids such as {id} in a CSV file as numbers and may save them changed; the .xlsx form keeps them as text",
        zh: "Excel 会把 CSV 文件中 {id} 这样的任务编号当作数字读取，保存时可能改变其写法；.xlsx 格式的反馈表按文字保留",
    }

    not_a_folder(path: &std::path::Path) {
        en: "{path} is not a folder",
        zh: "{path} 不是文件夹",
    }

    cannot_create_folder(path: &std::path::Path, why: Msg) {
        en: "cannot create the folder {path}: {why}",
        zh: "无法创建文件夹 {path}：{why}",
    }

    form_without_rows(division: &str) {
        en: "{division} has no open tasks: its form has no rows",
        zh: "{division} 没有未办结的任务，反馈表中没有任务行",
    }

    wrote_form_one(file: &str) {
        en: "Wrote {file}: 1 task.",
        zh: "已生成 {file}：1 项任务。",
    }

    wrote_form_n(file: &str, n: usize) {
        en: "Wrote {file}: {n} tasks.",
        zh: "已生成 {file}：{n} 项任务。",
    }

    // Loading a plan.

    the_plan_file() {
        en: "the plan file (TOML)",
        zh: "方案文件（TOML）",
    }

    the_return_file() {
        en: "the return file (a workbook, CSV or TOML)",
        zh: "反馈文件（工作簿、CSV 或 TOML）",
    }

    the_calendar_file() {
        en: "the calendar file (TOML)",
        zh: "日历文件（TOML）",
    }

    input_is_directory(path: &str, what: Msg) {
        en: "{path} is a directory; give {what}",
        zh: "{path} 是目录；请给出{what}",
    }

    cannot_read(path: &str, why: Msg) {
        en: "cannot read {path}: {why}",
        zh: "无法读取 {path}：{why}",
    }

    one_task() { en: "1 task", zh: "1 项任务" }
    tasks_n(n: usize) { en: "{n} tasks", zh: "{n} 项任务" }
    one_section() { en: "1 section", zh: "1 个部分" }
    sections_n(n: usize) { en: "{n} sections", zh: "{n} 个部分" }
    one_division() { en: "1 division", zh: "1 个处室" }
    divisions_n(n: usize) { en: "{n} divisions", zh: "{n} 个处室" }
    one_group() { en: "1 group", zh: "1 个处室组" }
    groups_n(n: usize) { en: "{n} groups", zh: "{n} 个处室组" }

    plan_loaded(id: &str, title: &str, source: &str, tasks: Msg, sections: Msg, divisions: Msg, groups: Msg) {
        en: "Loaded plan {id} ({title}) from {source}: {tasks} in {sections}, {divisions}, {groups}.",
        zh: "已载入方案 {id}（{title}），来自 {source}：{tasks}，{sections}，{divisions}，{groups}。",
    }

    plan_would_load(id: &str, title: &str, source: &str, tasks: Msg, sections: Msg, divisions: Msg, groups: Msg) {
        en: "Dry run, nothing written: would load plan {id} ({title}) from {source}: {tasks} in {sections}, {divisions}, {groups}.",
        zh: "试运行，未写入：将载入方案 {id}（{title}），来自 {source}：{tasks}，{sections}，{divisions}，{groups}。",
    }

    plan_unchanged(id: &str, tasks: usize) {
        en: "Plan {id} is unchanged ({tasks} tasks): nothing to do.",
        zh: "方案 {id} 无变化（{tasks} 项任务），无需更新。",
    }

    plan_updated(id: &str, source: &str) {
        en: "Updated plan {id} from {source}:",
        zh: "已更新方案 {id}，来自 {source}：",
    }

    plan_would_update(id: &str, source: &str) {
        en: "Dry run, nothing written: would update plan {id} from {source}:",
        zh: "试运行，未写入：将更新方案 {id}，来自 {source}：",
    }

    load_label_plan() { en: "plan", zh: "方案信息" }
    load_label_divisions() { en: "divisions", zh: "处室" }
    load_label_sections() { en: "sections", zh: "部分" }
    load_label_order() { en: "order", zh: "顺序" }
    load_added() { en: "added", zh: "新增" }
    load_changed() { en: "changed", zh: "修改" }
    load_removed() { en: "removed", zh: "删除" }
    load_restored() { en: "restored", zh: "恢复" }
    load_withdrawn() { en: "withdrawn", zh: "撤销" }
    load_unchanged() { en: "unchanged", zh: "未变" }

    load_part(word: Msg, ids: String) {
        en: "{word} {ids}",
        zh: "{word} {ids}",
    }

    load_task_changed(id: String, fields: Msg) {
        en: "{id} ({fields})",
        zh: "{id}（{fields}）",
    }

    load_reordered() {
        en: "tasks listed in a new order",
        zh: "任务排列顺序有调整",
    }

    // The fields of a plan, as a summary of changes names them.

    field_id() { en: "id", zh: "编号" }
    field_title() { en: "title", zh: "标题" }
    field_doc_no() { en: "doc_no", zh: "文号" }
    field_issuer() { en: "issuer", zh: "印发机关" }
    field_issued() { en: "issued", zh: "印发日期" }
    field_office() { en: "office", zh: "汇总处室" }
    field_due() { en: "due", zh: "期限" }
    field_feedback() { en: "feedback", zh: "反馈周期" }
    field_feedback_day() { en: "feedback_day", zh: "反馈日" }
    field_warn() { en: "warn", zh: "预警提前量" }
    field_section() { en: "section", zh: "所属部分" }
    field_text() { en: "text", zh: "正文" }
    field_lead() { en: "lead", zh: "牵头处室" }
    field_support() { en: "support", zh: "配合处室" }
    field_rules() { en: "rules", zh: "时限规则" }
    field_all() { en: "all", zh: "全部" }

    // Workbooks.

    no_temp_files(dir: &std::path::Path, why: Msg) {
        en: "cannot make temporary files in {dir} to build the workbook: {why}; set TMPDIR to a writable folder",
        zh: "无法在 {dir} 中建立生成工作簿所需的临时文件：{why}；请将 TMPDIR 设为可写的文件夹",
    }

    workbook_not_written(why: Msg) {
        en: "the workbook could not be written: {why}",
        zh: "工作簿未能写出：{why}",
    }

    sheet_too_long(sheet: &str, max: u32) {
        en: "the sheet {sheet} would have more than {max} rows, Excel's limit: narrow it down (e.g. --plan) or write CSV",
        zh: "工作表 {sheet} 将超过 Excel 的行数上限 {max} 行：请缩小范围（如用 --plan），或改用 CSV",
    }

    not_workbook_bytes() {
        en: "its first bytes are not those of a workbook",
        zh: "文件开头不是工作簿的格式",
    }

    no_sheets() {
        en: "it has no sheets",
        zh: "其中没有工作表",
    }

    // Reading commands.

    no_plans() {
        en: "No plans loaded.",
        zh: "尚未载入方案。",
    }

    no_tasks_match() {
        en: "No tasks match.",
        zh: "没有符合条件的任务。",
    }

    no_imports() {
        en: "No return file was imported.",
        zh: "尚未导入任何反馈文件。",
    }

    nothing_recorded_for(id: &str) {
        en: "Nothing recorded for task {id} yet.",
        zh: "任务 {id} 尚无记录。",
    }

    nothing_recorded_yet() {
        en: "Nothing recorded yet.",
        zh: "尚无记录。",
    }

    decision_accepted() {
        en: "accepted (closed)",
        zh: "审核通过（销号）",
    }

    decision_returned() {
        en: "returned",
        zh: "退回",
    }

    history_amends(n: i64) {
        en: " (amends #{n})",
        zh: "（更正 #{n}）",
    }

    history_voided_by(n: i64) {
        en: " (voided by #{n})",
        zh: "（已被 #{n} 撤销）",
    }

    task_vanished(id: &str) {
        en: "task {id} vanished while it was read",
        zh: "读取任务 {id} 时该任务已不存在",
    }

    rule_after(within: Msg, event: &str, what: String) {
        en: "within {within} after each “{event}”{what}",
        zh: "每次“{event}”后{within}内{what}",
    }

    rule_quota(count: i64, event: &str, by: &str, what: String) {
        en: "at least {count} × “{event}” by {by}{what}",
        zh: "{by}前至少{count}次“{event}”{what}",
    }

    due_of_plan(due: &str) {
        en: "{due} (the plan's)",
        zh: "{due}（方案期限）",
    }

    missing_last_period(names: Msg) {
        en: "Feedback missing for the last period: {names}",
        zh: "上一期未反馈：{names}",
    }

    quota_line(event: &str, recorded: u32, count: u32, by: &str, state: &str) {
        en: "Quota “{event}”: {recorded} of {count} by {by}, {state}",
        zh: "次数要求“{event}”：{by} 前 {recorded}/{count} 次，{state}",
    }

    report_as_of(as_of: &str, office: &str, tasks: usize, completion: String) {
        en: "Report as of {as_of}, compiled for {office} ({tasks} tasks, {completion}% closed).",
        zh: "截至 {as_of} 的汇总，{office}编制（共 {tasks} 项任务，销号率 {completion}%）。",
    }

    // Deadlines: `check` and `remind`.

    no_plans_to_check(path: &std::path::Path) {
        en: "no plans are loaded in {path}: nothing to check (load one with `tasks load FILE`)",
        zh: "{path} 中尚未载入方案：无事项可检查（请用 `tasks load 文件` 载入方案）",
    }

    late_today() { en: "late today", zh: "今日已逾期" }
    due_today() { en: "due today", zh: "今日到期" }
    one_day_late() { en: "1 day late", zh: "逾期1天" }
    days_late(n: i64) { en: "{n} days late", zh: "逾期{n}天" }
    one_day_left() { en: "1 day left", zh: "剩1天" }
    days_left(n: i64) { en: "{n} days left", zh: "剩{n}天" }

    /// `check` on a terminal when nothing needs attention (on stderr; cron
    /// and pipes get nothing).
    check_all_clear(as_of: Msg, ahead: Msg) {
        en: "Nothing needs attention as of {as_of}: nothing is overdue, no return is missing, and nothing is due within {ahead}.",
        zh: "截至 {as_of}，没有需要关注的事项：无逾期、无未按期反馈，{ahead}内无到期事项。",
    }

    /// The look-ahead of `check` when the plans checked differ in it.
    each_plans_look_ahead() {
        en: "each plan's look-ahead",
        zh: "各方案的预警期",
    }

    /// `load` (or `calendar load`) made a new database file.
    database_created(path: String) {
        en: "Created the database {path}.",
        zh: "已新建数据库 {path}。",
    }

    /// The same, in the default place (no `--db`, no `TASKS_DB`).
    database_created_default(path: String) {
        en: "Created the database {path} (the default place; --db PATH or TASKS_DB name another).",
        zh: "已在默认位置新建数据库 {path}（可用 --db PATH 或 TASKS_DB 指定其他数据库）。",
    }

    /// Progress bars on a terminal: what is being done.
    progress_reading(file: String) {
        en: "Reading {file}",
        zh: "正在读取 {file}",
    }

    progress_loading(n: usize) {
        en: "Loading {n} tasks",
        zh: "正在载入 {n} 项任务",
    }

    progress_importing(file: String) {
        en: "Importing {file}",
        zh: "正在导入 {file}",
    }

    progress_workbook() {
        en: "Writing the workbook",
        zh: "正在生成工作簿",
    }

    progress_forms(n: usize) {
        en: "Making {n} return forms",
        zh: "正在生成 {n} 份反馈表",
    }

    /// What a progress count without a total counts.
    progress_entries() {
        en: "entries",
        zh: "条",
    }

    progress_rows() {
        en: "rows",
        zh: "行",
    }

    /// `man --output-dir DIR` wrote its pages.
    man_pages_written(n: usize, dir: String) {
        en: "Wrote {n} man pages to {dir} (read one with `man -l {dir}/tasks.1`).",
        zh: "已将 {n} 个手册页写入 {dir}（可用 `man -l {dir}/tasks.1` 查看）。",
    }

    /// A completion request for a shell that is not supported.
    unknown_shell(name: &str, known: String) {
        en: "`TASKS_COMPLETE={name}` names no shell that tasks completes for: use one of {known}",
        zh: "`TASKS_COMPLETE={name}` 不是可补全的外壳：应为 {known} 之一",
    }

    /// `tasks db` with no database file.
    db_missing(path: String, source: Msg) {
        en: "No database at {path} ({source}) yet: `tasks load FILE` creates it.",
        zh: "{path}（{source}）尚无数据库：`tasks load FILE` 会新建它。",
    }

    /// `tasks db`: the database in use, and what named it.
    db_path(path: String, source: Msg) {
        en: "Database: {path} ({source})",
        zh: "数据库：{path}（{source}）",
    }

    db_from_option() {
        en: "given by --db",
        zh: "由 --db 指定",
    }

    db_from_env() {
        en: "given by TASKS_DB",
        zh: "由 TASKS_DB 指定",
    }

    db_from_default() {
        en: "the default place; --db PATH or TASKS_DB name another",
        zh: "默认位置；可用 --db PATH 或 TASKS_DB 指定其他数据库",
    }

    db_schema_current(version: i64) {
        en: "Schema version: {version} (current)",
        zh: "结构版本：{version}（当前版本）",
    }

    db_schema_older(version: i64, latest: i64) {
        en: "Schema version: {version}; this tasks migrates it to {latest} when it next opens it to read or write",
        zh: "结构版本：{version}；本程序下次读写时会将其升级到 {latest}",
    }

    db_counts(plans: i64, tasks: i64, withdrawn: i64) {
        en: "Plans: {plans}; tasks: {tasks} in force, {withdrawn} withdrawn",
        zh: "方案：{plans} 个；任务：{tasks} 项有效，{withdrawn} 项已撤销",
    }

    db_size(size: String) {
        en: "Size: {size}",
        zh: "大小：{size}",
    }

    /// `tasks remind` when nothing needs a reminder.
    remind_nothing() {
        en: "No reminders: nothing is overdue, due soon or missing its feedback.",
        zh: "无需催办：没有逾期、即将到期或未按期反馈的事项。",
    }

    /// `remind --division` naming no division or group of any loaded plan.
    remind_no_such_division(name: &str) {
        en: "no division or group {name:?} in any loaded plan",
        zh: "已载入的方案中没有处室或处室组“{name}”",
    }

    /// `remind --division` naming the plan's office.
    remind_division_is_office(name: &str, plan: &str) {
        en: "{name} is the office of plan {plan}: it sends the reminders and is not sent one (see `tasks check` for its own items)",
        zh: "{name}是方案 {plan} 的汇总处室，负责发出催办，不向自身催办（其自身事项请用 `tasks check` 查看）",
    }

    /// `remind --division` naming a group without members.
    remind_division_is_empty_group(name: &str, plan: &str) {
        en: "group {name} of plan {plan} has no members, so no reminder can be addressed to it: list its members in the plan file's `[[group]]` table and load it again",
        zh: "方案 {plan} 的处室组“{name}”未列出成员，无法向其发出催办：请在方案文件的 `[[group]]` 表中列出成员后重新载入",
    }

    /// A group without members had items: a problem of the plan.
    remind_empty_group(name: &str, plan: &str, tasks: &str) {
        en: "group {name} of plan {plan} has no members, so no reminder is addressed to it (tasks {tasks}): list its members in the plan file's `[[group]]` table and load it again",
        zh: "方案 {plan} 的处室组“{name}”未列出成员，未向其发出催办（任务 {tasks}）：请在方案文件的 `[[group]]` 表中列出成员后重新载入",
    }

    /// The office had items of its own: it is not sent a reminder.
    remind_office_not_reminded(office: &str, plan: &str, tasks: &str) {
        en: "{office} is the office of plan {plan} and sends the reminders: none is addressed to it for its own tasks ({tasks}); `tasks check` lists them",
        zh: "{office}是方案 {plan} 的汇总处室，负责发出催办，不向自身催办（任务 {tasks}），可用 `tasks check` 查看",
    }

    /// `remind --record --as-of`.
    remind_record_as_of() {
        en: "--record records the reminders as sent now; --as-of only sets the viewpoint of reading commands: drop --as-of to record, or --record to look back (scripts set the clock with TASKS_NOW=WHEN)",
        zh: "--record 按当前时间登记所发催办；--as-of 只用于查询某一时点的情况：登记时请去掉 --as-of，回看时请去掉 --record（脚本可用 TASKS_NOW=WHEN 设定时钟）",
    }

    /// `remind --record --dry-run`.
    remind_record_dry_run() {
        en: "--record and --dry-run contradict each other: a dry run writes and records nothing; drop one of them",
        zh: "--record 与 --dry-run 互相矛盾：试运行不写文件也不登记；请去掉其中之一",
    }

    /// `remind --output-dir` naming something that is not a folder.
    remind_dir_not_folder(dir: &str) {
        en: "{dir} is not a folder: --output-dir takes a folder (created if missing), one file per division is written into it",
        zh: "{dir} 不是文件夹：--output-dir 应为文件夹（不存在时自动创建），每个处室一个文件写入其中",
    }

    /// `remind --reply-by` earlier than the reminder's own date.
    remind_reply_before_date(reply_by: chrono::NaiveDate, date: chrono::NaiveDate) {
        en: "--reply-by {reply_by} is before the reminders' date ({date}): give a later date",
        zh: "--reply-by {reply_by} 早于催办日期（{date}）：请给出更晚的日期",
    }

    /// One reminder written to a file; `recorded` is empty or `recorded_as`.
    remind_wrote(path: &str, division: &str, tasks: Msg, recorded: Msg) {
        en: "{path}: reminder to {division}, {tasks}{recorded}",
        zh: "{path}：致{division}的催办通知，{tasks}{recorded}",
    }

    /// One reminder a dry run would write.
    remind_would_write(path: &str, division: &str, tasks: Msg) {
        en: "would write {path}: reminder to {division}, {tasks}",
        zh: "将写入 {path}：致{division}的催办通知，{tasks}",
    }

    /// After `remind_wrote`: the reminder's number.
    remind_recorded_as(number: i64) {
        en: ", recorded as #{number}",
        zh: "，已登记为 #{number}",
    }

    /// A reminder printed on standard output and recorded (said on stderr).
    remind_recorded(number: i64, division: &str, tasks: Msg) {
        en: "recorded reminder #{number} to {division} ({tasks})",
        zh: "已登记催办 #{number}：{division}（{tasks}）",
    }

    /// Several tasks, counted.
    some_tasks(n: usize) {
        en: "{n} tasks",
        zh: "{n} 项任务",
    }

    /// A dry run to standard output: the reminders are shown, nothing more.
    remind_dry_run_stdout() {
        en: "dry run: the reminders are shown; nothing is written or recorded",
        zh: "试运行：仅显示催办通知，不写文件也不登记",
    }

    /// `--width` given something other than a number of columns.
    width_expected() {
        en: "expected a number of columns above 0, such as 80 or 120",
        zh: "应为大于 0 的列数，如 80 或 120",
    }

    // The report as an HTML page and as PDF.

    /// The line under the summary heading of the HTML report.
    report_page_summary(tasks: usize, closed: usize, completion: u32, overdue: usize) {
        en: "{tasks} tasks: {closed} closed ({completion}%), {overdue} overdue.",
        zh: "共{tasks}项任务，已销号{closed}项（完成率{completion}%），逾期{overdue}项。",
    }

    /// Under the list of tasks of the HTML report when it is cut.
    report_page_tasks_left(shown: usize, left: usize) {
        en: "The first {shown} tasks are listed; {left} more are counted in the figures above and listed in the workbook (`tasks report --format xlsx`).",
        zh: "以上列出前{shown}项任务，其余{left}项已计入上方统计，明细见工作簿（`tasks report --format xlsx`）。",
    }

    /// A template given with `--template` that cannot be used.
    template_invalid(reason: &str) {
        en: "the report template cannot be used: {reason}",
        zh: "报告模板无法使用：{reason}",
    }

    /// `--template` naming a file that cannot be read.
    template_unreadable(path: &str, reason: Msg) {
        en: "cannot read the template {path}: {reason}",
        zh: "无法读取模板 {path}：{reason}",
    }

    /// `--format pdf` without a Chromium to print with.
    chromium_missing() {
        en: "--format pdf prints the page with a headless Chromium, and none was found: install one (Debian: `apt-get install chromium`) or give its path with --chromium PATH; or write the page with --format html and print it from a browser",
        zh: "`--format pdf` 需借助无界面的 Chromium 打印，但未找到：请安装（Debian：`apt-get install chromium`）或用 `--chromium PATH` 指定其路径；也可用 `--format html` 生成网页后在浏览器中打印",
    }

    /// `--chromium` naming no file.
    chromium_not_found(path: &str) {
        en: "no Chromium at {path}: give the path of the `chromium` (or `chrome`) program",
        zh: "{path} 处没有 Chromium：请给出 `chromium`（或 `chrome`）程序的路径",
    }

    /// Chromium ran but made no PDF.
    chromium_failed(path: &str, reason: &str) {
        en: "{path} did not print the page to PDF: {reason}",
        zh: "{path} 未能把网页打印为 PDF：{reason}",
    }

    /// `--template` or `--chromium` with a format that has no use for it.
    html_option_unused(option: &str) {
        en: "{option} is used only with --format html or --format pdf",
        zh: "{option} 仅用于 `--format html` 或 `--format pdf`",
    }

    // Role words, assignees outside the body, deliverables and targets,
    // sections without a role, plan notes.

    /// What a field belongs to: a `[[role]]` table.
    of_role_word() { en: "a [[role]] table", zh: "[[role]] 表" }
    /// What a field belongs to: an `[[outside]]` table.
    of_outside() { en: "an [[outside]] table", zh: "[[outside]] 表" }
    /// What a field belongs to: a `[[note]]` table.
    of_note() { en: "a [[note]] table", zh: "[[note]] 表" }
    /// An assignee named under a role word or in `assignees`.
    the_assignee() { en: "the assignee", zh: "责任单位" }

    unknown_counts_as(value: &str) {
        en: "unknown `counts_as` {value:?}",
        zh: "无法识别的 `counts_as` 值“{value}”",
    }

    expected_counts_as() {
        en: "\"lead\" (shares the lead's duties) or \"support\" (reports as 配合 does)",
        zh: "`lead`（与牵头单位共同负责）或 `support`（按配合单位对待）",
    }

    role_word_spaced(word: &str) {
        en: "the role word {word:?} has spaces or control characters",
        zh: "角色词“{word}”含有空格或控制字符",
    }

    expected_role_word() {
        en: "a word such as \"指导\" or \"负责\", without spaces",
        zh: "不含空格的词语，如“指导”“负责”",
    }

    role_word_built_in(word: &str) {
        en: "{word:?} is a built-in role word and need not be declared",
        zh: "“{word}”是内置角色词，无需声明",
    }

    expected_new_role_word() {
        en: "a word other than 牵头 and 配合",
        zh: "“牵头”“配合”以外的词语",
    }

    role_word_twice(word: &str, line: usize) {
        en: "the role word {word:?} is declared twice (first on line {line})",
        zh: "角色词“{word}”重复声明（首次声明在第 {line} 行）",
    }

    expected_role_words_once() {
        en: "each role word declared once",
        zh: "每个角色词只声明一次",
    }

    rest_without_rule() {
        en: "`rest` is given without `first_is_lead = true`",
        zh: "未设置 `first_is_lead = true`，不应填写 `rest`",
    }

    expected_first_is_lead() {
        en: "`first_is_lead = true` in [plan], or the task's units as `lead` and `support`",
        zh: "在 [plan] 中设置 `first_is_lead = true`，或以 `lead` 和 `support` 列明任务的责任单位",
    }

    unknown_role_word(word: &str) {
        en: "the role word {word:?} is not declared",
        zh: "角色词“{word}”未声明",
    }

    expected_role_word_declared() {
        en: "牵头, 配合, or a word declared in a [[role]] table",
        zh: "“牵头”“配合”或在 [[role]] 表中声明的角色词",
    }

    lead_and_assignees(of: impl Said) {
        en: "{of} gives both `lead` and `assignees`",
        zh: "{of}同时填写了 `lead` 和 `assignees`",
    }

    expected_lead_or_assignees() {
        en: "either `lead = \"...\"` or `assignees = [\"...\", ...]` (the first named leads)",
        zh: "`lead = \"...\"` 或 `assignees = [\"...\", ...]`（排在第一位的为牵头单位），二者选一",
    }

    assignees_without_rule(of: impl Said) {
        en: "{of} lists `assignees`, but the plan does not say the first named leads",
        zh: "{of}填写了 `assignees`，但方案未规定排在第一位的为牵头单位",
    }

    role_word_no_units(word: &str) {
        en: "no unit is named under the role word {word:?}",
        zh: "角色词“{word}”下未列明单位",
    }

    expected_role_units() {
        en: "a list of units, such as [\"国家发展改革委\"]",
        zh: "单位列表，如 [\"国家发展改革委\"]",
    }

    expected_target() {
        en: "a text such as \"不少于15%\", or {{ text = \"...\", value = 15, unit = \"%\" }}",
        zh: "文字，如 \"不少于15%\"；或 `{{ text = \"...\", value = 15, unit = \"%\" }}`",
    }

    target_of_wrong_kind(kind: Msg) {
        en: "`target` is a {kind}, not text or a table",
        zh: "`target` 是{kind}，不是文字或表",
    }

    target_unknown_key(key: &str) {
        en: "`target` has an unknown field `{key}`",
        zh: "`target` 含有无法识别的字段 `{key}`",
    }

    target_without_text() {
        en: "`target` has no `text`",
        zh: "`target` 缺少 `text`",
    }

    target_text_not_text(kind: Msg) {
        en: "the `text` of `target` is a {kind}, not text",
        zh: "`target` 的 `text` 是{kind}，不是文字",
    }

    target_value_not_number(value: String) {
        en: "the `value` of `target` is {value}, not a number",
        zh: "`target` 的 `value` 为 {value}，不是数字",
    }

    expected_target_value() {
        en: "a number, such as 15 or 6.2",
        zh: "数字，如 15 或 6.2",
    }

    target_unit_bad(value: String) {
        en: "the `unit` of `target` is {value}",
        zh: "`target` 的 `unit` 为 {value}",
    }

    expected_target_unit() {
        en: "a unit in quotes, such as \"%\" or \"万人\"",
        zh: "带引号的单位，如 \"%\" 或 \"万人\"",
    }

    target_unit_without_value() {
        en: "`target` gives a `unit` without a `value`",
        zh: "`target` 填写了 `unit` 而未填写 `value`",
    }

    note_title_too_long(max: usize) {
        en: "the note's title is longer than {max} characters",
        zh: "说明的标题超过 {max} 个字",
    }

    expected_note_title() {
        en: "a short title, such as \"工作要求\"",
        zh: "简短的标题，如“工作要求”",
    }

    note_title_twice(title: &str, line: usize) {
        en: "the note {title:?} is given twice (first on line {line})",
        zh: "说明“{title}”重复（首次出现在第 {line} 行）",
    }

    expected_note_titles_once() {
        en: "each note title once",
        zh: "每个说明标题只出现一次",
    }

    /// Units outside the body, counted in the load's summary.
    one_outside_unit() { en: "1 outside unit", zh: "1 个下发单位" }
    outside_units_n(n: usize) { en: "{n} outside units", zh: "{n} 个下发单位" }
    /// The divisions, then the units outside the body.
    divisions_and_outside(divisions: Msg, outside: Msg) {
        en: "{divisions}, {outside}",
        zh: "{divisions}，{outside}",
    }

    /// `plans --show`: the plan's rule for `assignees`.
    first_named_leads(rest: &str) {
        en: "the first named leads; the others are assigned as {rest}",
        zh: "排在第一位的为牵头单位，其余为{rest}单位",
    }

    /// A migration left rows that refer to no row (`PRAGMA foreign_key_check`).
    migration_broken_references(table: String) {
        en: "rows of the table {table} refer to rows that are no longer there",
        zh: "{table} 表中有记录引用了已不存在的记录",
    }

    // Sub-tasks (docs/plan-format.md, "Sub-tasks"; docs/statuses.md).

    /// A sub-task names a parent that no task of the file has.
    parent_not_declared(parent: &str) {
        en: "the parent {parent:?} is not a task of this plan",
        zh: "父任务“{parent}”不是本方案中的任务",
    }

    expected_parent_above() {
        en: "the id of a [[task]] declared above this one",
        zh: "在本任务之前声明的某个 [[task]] 的编号",
    }

    /// A sub-task names a parent declared below it.
    parent_declared_later(parent: &str, line: usize) {
        en: "the parent {parent:?} is declared below this task (line {line}); a parent comes before its sub-tasks",
        zh: "父任务“{parent}”在本任务之后（第 {line} 行）才声明；父任务须写在其子任务之前",
    }

    parent_is_self(id: &str) {
        en: "task {id} names itself as its parent",
        zh: "任务 {id} 以自身为父任务",
    }

    /// Parents that lead back to the task: `chain` is "a → b → a".
    parent_cycle(id: &str, chain: String) {
        en: "task {id} would be its own ancestor ({chain})",
        zh: "任务 {id} 将成为自身的上级任务（{chain}）",
    }

    /// A sub-task gives a section other than its parent's.
    section_not_parents(section: &str, parent: &str, theirs: &str) {
        en: "section {section:?} is not the section of the parent {parent} ({theirs:?})",
        zh: "部分“{section}”与父任务 {parent} 所属部分（“{theirs}”）不一致",
    }

    expected_parents_section() {
        en: "the parent's section, or no `section` line (a sub-task takes its parent's)",
        zh: "与父任务相同的部分，或不写 `section`（子任务沿用父任务的部分）",
    }

    /// A task with time rules is named as a parent.
    parent_has_rules(parent: &str) {
        en: "task {parent} has time rules ([[task.rule]]) and cannot have sub-tasks",
        zh: "任务 {parent} 设有时间规则（[[task.rule]]），不能再分解为子任务",
    }

    expected_rules_on_sub_tasks() {
        en: "time rules on the sub-tasks, where events are recorded",
        zh: "将时间规则写在子任务上（事件在子任务上登记）",
    }

    task_too_deep(id: &str, level: usize, max: usize) {
        en: "task {id} would be at level {level}; tasks go at most {max} levels deep",
        zh: "任务 {id} 将处于第 {level} 级；任务最多分 {max} 级",
    }

    expected_fewer_levels(max: usize) {
        en: "at most {max} levels of tasks, the top level counted",
        zh: "任务层级（含第一级）不超过 {max} 级",
    }

    /// Feedback, a review or an event given for a task that has sub-tasks.
    task_has_sub_tasks(id: &str, sub_tasks: Msg) {
        en: "task {id} is divided into sub-tasks ({sub_tasks}): record on a sub-task; a parent's status rolls up from its sub-tasks",
        zh: "任务 {id} 已分解为子任务（{sub_tasks}），请在子任务上登记；上级任务的状态由子任务汇总得出",
    }

    /// `show`: the line naming a sub-task's parent.
    show_parent() {
        en: "Parent",
        zh: "上级任务",
    }

    /// `show`: the heading of a parent's sub-tasks.
    show_sub_tasks() {
        en: "Sub-tasks",
        zh: "子任务",
    }

    /// `show`: the due date a sub-task has from its parent.
    due_of_parent(due: &str) {
        en: "{due} (the parent's)",
        zh: "{due}（沿用上级任务期限）",
    }

    /// `show`: a parent's progress, the average of its sub-tasks'.
    show_rolled_up(percent: u8) {
        en: "{percent}% on average over its sub-tasks (done and closed count 100%)",
        zh: "子任务平均进度 {percent}%（已完成、已销号按 100% 计）",
    }

    // Deadline phrases (年底前, 长期坚持, 适时) and recurring duties (`every`).

    due_phrase_unknown(field: &str, text: &str) {
        en: "`{field}` = {text:?} is neither a date nor a deadline phrase",
        zh: "`{field}` = “{text}”既不是日期，也不是可识别的时限表述",
    }

    expected_due() {
        en: "a date such as 2016-12-31, or a phrase: 年底前, 6月底前, 9月15日前, 三季度末, 上半年, 2019年6月30日前, 长期坚持 or \"ongoing\" (no end), 适时 or \"unstated\" (no deadline)",
        zh: "日期（如 2016-12-31），或时限表述：年底前、6月底前、9月15日前、三季度末、上半年、2019年6月30日前，长期坚持或 `ongoing`（长期），适时或 `unstated`（未明确时限）",
    }

    due_phrase_needs_year(field: &str, text: &str) {
        en: "`{field}` = {text:?} does not say which year, and the plan gives none",
        zh: "`{field}` = “{text}”未写明年份，方案也未给出年份",
    }

    expected_plan_year() {
        en: "the year in the phrase (2016年底前), or `year` or `issued` in [plan]",
        zh: "在表述中写明年份（如 2016年底前），或在 [plan] 中填写 `year` 或 `issued`",
    }

    due_phrase_not_real(field: &str, text: &str) {
        en: "`{field}` = {text:?} names a day that does not exist",
        zh: "`{field}` = “{text}”所指的日期不存在",
    }

    plan_year_out_of_range(year: i64) {
        en: "`year` = {year} is not a plausible year",
        zh: "`year` = {year} 不是合理的年份",
    }

    expected_plan_year_range() {
        en: "a year from 1949 to 2200, e.g. 2016",
        zh: "1949 至 2200 之间的年份，如 2016",
    }

    not_in_every_rule(field: &str) {
        en: "`{field}` does not belong in an `every` rule",
        zh: "`every` 规则中不应有 `{field}`",
    }

    expected_every_fields() {
        en: "only kind, every, by, from, until, event and what",
        zh: "只填 `kind`、`every`、`by`、`from`、`until`、`event` 和 `what`",
    }

    unknown_every(text: &str) {
        en: "`every` = {text:?} is not a period",
        zh: "`every` = “{text}”不是可识别的周期",
    }

    expected_every() {
        en: "\"year\", \"quarter\" or \"month\", or a phrase such as 每年2月底前, 每季度末, 每月25日前",
        zh: "`year`、`quarter` 或 `month`，或“每年2月底前”“每季度末”“每月25日前”这样的表述",
    }

    bad_yearly_by(by: &str) {
        en: "`by` = {by:?} is not a day of the year",
        zh: "`by` = “{by}”不是一年中的日期",
    }

    expected_yearly_by() {
        en: "\"MM-DD\" or \"MM-end\", e.g. \"02-28\" or \"02-end\" (end of February)",
        zh: "`MM-DD` 或 `MM-end`，如 `02-28` 或 `02-end`（2月底）",
    }

    bad_day_by(by: &str) {
        en: "`by` = {by:?} is not a day of the period",
        zh: "`by` = “{by}”不是周期中的日期",
    }

    expected_day_by() {
        en: "a day of the month from 1 to 31 (of a quarter's last month), or \"end\"",
        zh: "1 至 31 的日期（季度为其最后一个月的日期），或 `end`",
    }

    by_beside_every_phrase() {
        en: "`by` is given, but `every` already says the day",
        zh: "`every` 的表述已写明日期，不应再填 `by`",
    }

    expected_by_or_phrase() {
        en: "the day either in the phrase of `every` or in `by`, not both",
        zh: "日期写在 `every` 的表述中或写在 `by` 中，二者选一",
    }

    every_rule_without_start(of: impl Said) {
        en: "this `every` rule of {of} has no `from`, and the plan has no `issued`",
        zh: "{of}的这条 `every` 规则缺少 `from`，方案也没有 `issued`",
    }

    expected_from() {
        en: "a line `from = 2017-01-01` in the rule, or `issued` in [plan]",
        zh: "规则中一行 `from = 2017-01-01`，或在 [plan] 中填写 `issued`",
    }

    until_before_from(until: NaiveDate, from: NaiveDate) {
        en: "the duty ends ({until}) before it starts ({from})",
        zh: "该事项的结束日期（{until}）早于开始日期（{from}）",
    }

    expected_until_after_from() {
        en: "`until` on or after `from` (or the plan's `issued`)",
        zh: "`until` 不早于 `from`（或方案的 `issued`）",
    }

    /// A task whose deadline is a standing duty.
    due_ongoing() {
        en: "ongoing",
        zh: "长期",
    }

    /// A task whose notice sets no deadline.
    due_unstated() {
        en: "unstated",
        zh: "未明确",
    }

    /// A due date with the notice's wording: 2016-12-31（年底前）.
    due_with_wording(date: &str, text: &str) {
        en: "{date} ({text})",
        zh: "{date}（{text}）",
    }

    /// A kind of deadline with the notice's wording: 长期（持续推进）.
    due_kind_with_wording(kind: Msg, text: &str) {
        en: "{kind} ({text})",
        zh: "{kind}（{text}）",
    }

    every_year_by(month: u32, day: u32) {
        en: "every year by {month}/{day}",
        zh: "每年{month}月{day}日前",
    }

    every_year_by_month_end(month: u32) {
        en: "every year by the end of month {month}",
        zh: "每年{month}月底前",
    }

    every_quarter_by(day: u32) {
        en: "every quarter by day {day} of its last month",
        zh: "每季度末月{day}日前",
    }

    every_quarter_end() {
        en: "every quarter by its end",
        zh: "每季度末",
    }

    every_month_by(day: u32) {
        en: "every month by day {day}",
        zh: "每月{day}日前",
    }

    every_month_end() {
        en: "every month by its end",
        zh: "每月底前",
    }

    duty_state_open() {
        en: "open",
        zh: "待报",
    }

    duty_state_met() {
        en: "met",
        zh: "已报",
    }

    duty_state_met_late() {
        en: "met late",
        zh: "逾期补报",
    }

    duty_state_overdue() {
        en: "overdue",
        zh: "逾期未报",
    }

    duty_state_missed() {
        en: "missed",
        zh: "未报",
    }

    /// An `every` rule in one line: 每年2月底前（起于2017-01-01）— 报送年度报告.
    rule_every(when: Msg, from: &str, what: String) {
        en: "{when}, from {from}{what}",
        zh: "{when}（自 {from} 起）{what}",
    }

    /// The same, with the day it ends.
    rule_every_until(when: Msg, from: &str, until: &str, what: String) {
        en: "{when}, from {from} to {until}{what}",
        zh: "{when}（{from} 至 {until}）{what}",
    }

    /// The heading of the periods of recurring duties in `show`.
    duties_heading() {
        en: "Recurring duties",
        zh: "定期事项",
    }

    /// The wording of a `due` phrase, or its kind, as a changed field.
    field_due_wording() {
        en: "due wording",
        zh: "期限表述",
    }

    field_year() {
        en: "year",
        zh: "年度",
    }

    // Hardened input: impossible times, argument values, free text.

    /// Why a date in year 0 is refused.
    date_why_no_year() {
        en: "there is no year 0000: years run from 0001 to 9999",
        zh: "公历没有 0000 年，年份应在 0001 至 9999 之间",
    }

    /// Why a time with second 60 is refused.
    date_why_second_60(time: &str) {
        en: "{time:?} is not a time of day: seconds run from 00 to 59",
        zh: "“{time}”不是有效时刻，秒数应在 00 至 59 之间",
    }

    /// A free-text option followed by another option instead of its text.
    option_taken_as_text(option: &str, taken: &str) {
        en: "{option} was given no text: {taken} follows it (to record the text {taken:?}, write {option}={taken})",
        zh: "{option} 后缺少内容（其后是选项 {taken}）；如确要记录“{taken}”，请写作 {option}={taken}",
    }

    // The database file: what is at the path, said before SQLite opens it.

    db_is_named_pipe() {
        en: "is a named pipe (FIFO), not a database file",
        zh: "是命名管道，不是数据库文件",
    }

    db_is_device() {
        en: "is a device, not a database file",
        zh: "是设备文件，不是数据库文件",
    }

    db_is_socket() {
        en: "is a socket, not a database file",
        zh: "是套接字，不是数据库文件",
    }

    db_is_special_file() {
        en: "is not a regular file, so it cannot be a database file",
        zh: "不是普通文件，不能作为数据库文件",
    }

    db_symlink_loop() {
        en: "is a symbolic link that leads back to itself (a loop of links), not a database file",
        zh: "是循环指向自身的符号链接，不是数据库文件",
    }

    db_path_is_directory_name() {
        en: "ends in a slash, so it names a directory; give the path of a database file (such as `tasks.db`) instead",
        zh: "以斜杠结尾，指的是目录；请改为给出数据库文件的路径（如 `tasks.db`）",
    }

    db_path_through_file() {
        en: "cannot be a database: a part of the path before its last name is a file, not a directory",
        zh: "不能作为数据库：路径中间有一段是文件而不是目录",
    }

    db_unreadable(why: Msg) {
        en: "cannot be read: {why}",
        zh: "无法读取：{why}",
    }

    db_empty_sqlite() {
        en: "is an empty SQLite database with no tasks data yet; `tasks load FILE` sets it up",
        zh: "是空的 SQLite 数据库，尚无本程序的数据；可用 `tasks load 文件` 建立",
    }

    db_negative_version(version: i64) {
        en: "records schema version {version}, which no version of tasks writes: the file was changed by another program",
        zh: "记载的数据库结构版本为 {version}，本程序任何版本都不会写入此值：该文件已被其他程序改动",
    }

    /// A command waiting for another process's write to the database.
    waiting_for_writer() {
        en: "waiting: another tasks process is writing to the database (an import or a load); this command goes on when it is done",
        zh: "正在等待：另一个 `tasks` 进程正在写入数据库（导入或载入）；其完成后本命令继续执行",
    }

    // Reading a notice: `tasks import`.

    notice_unreadable(path: &str, why: Msg) {
        en: "cannot read the notice {path}: {why}",
        zh: "无法读取通知 {path}：{why}",
    }

    notice_is_folder(path: &str) {
        en: "{path} is a folder: give the notice file itself (.txt, .md, .docx, .doc or .wps)",
        zh: "{path} 是文件夹：请给出通知文件本身（`.txt`、`.md`、`.docx`、`.doc` 或 `.wps`）",
    }

    notice_too_large(path: &str, mb: u64) {
        en: "{path} is larger than {mb} MB, too large for a notice",
        zh: "{path} 大于 {mb} 兆字节，不像一份通知",
    }

    notice_not_docx(path: &str, why: Msg) {
        en: "{path} is a zip archive but no readable Word document (.docx): {why}",
        zh: "{path} 是压缩包，但不是可读的 `Word` 文档（`.docx`）：{why}",
    }

    notice_needs_libreoffice(path: &str, ext: String) {
        en: "{path} is a binary Word or WPS file (.{ext}), which is read by converting it with LibreOffice, and LibreOffice was not found: install it (the program soffice), name it with --soffice or TASKS_SOFFICE, or open the file in Word or WPS and save it as .docx",
        zh: "{path} 是二进制的 `Word` 或 WPS 文件（`.{ext}`），须用 `LibreOffice` 转换后读取，但未找到 `LibreOffice`：请安装（程序名 `soffice`），或用 `--soffice` 或 `TASKS_SOFFICE` 指明其位置，或在 `Word`、WPS 中打开后另存为 `.docx`",
    }

    notice_conversion_failed(path: &str, why: Msg) {
        en: "LibreOffice could not convert {path} to .docx: {why}; open it in Word or WPS and save it as .docx",
        zh: "`LibreOffice` 无法把 {path} 转换为 `.docx`：{why}；请在 `Word` 或 WPS 中打开后另存为 `.docx`",
    }

    notice_is_pdf(path: &str) {
        en: "{path} is a PDF, whose text cannot be read reliably: use the notice as .docx, .doc or .wps, or copy its text into a .txt file",
        zh: "{path} 是 `PDF` 文件，其文字无法可靠读取：请使用通知的 `.docx`、`.doc` 或 `.wps` 版本，或把正文复制到 `.txt` 文件",
    }

    notice_not_a_document(path: &str, ext: String) {
        en: "{path} is named .{ext} but is not such a file (its first bytes say otherwise)",
        zh: "{path} 的扩展名为 `.{ext}`，但内容不是这种文件（文件开头不符）",
    }

    notice_not_text(path: &str, why: Msg) {
        en: "{path} is not a text notice: {why}",
        zh: "{path} 不是文字通知：{why}",
    }

    notice_bad_utf8() {
        en: "its bytes are neither UTF-8 nor GB18030 text",
        zh: "其内容既不是 UTF-8 也不是 GB18030 文字",
    }

    notice_binary() {
        en: "it holds binary data (NUL bytes); a notice is text, .docx, .doc or .wps",
        zh: "其中有二进制数据（零字节）；通知应为文字文件或 `.docx`、`.doc`、`.wps` 文件",
    }

    notice_zip_broken(why: String) {
        en: "the archive is damaged ({why})",
        zh: "压缩包已损坏（{why}）",
    }

    notice_no_word_body() {
        en: "it has no word/document.xml (an Excel workbook or another kind of archive?)",
        zh: "其中没有 `word/document.xml`（是 Excel 工作簿或其他压缩包？）",
    }

    notice_xml_broken(why: String) {
        en: "its document.xml is not well-formed ({why})",
        zh: "其中的 `document.xml` 格式有误（{why}）",
    }

    soffice_not_run(path: String, why: String) {
        en: "could not run {path}: {why}",
        zh: "无法运行 {path}：{why}",
    }

    soffice_made_nothing(said: String) {
        en: "it made no file (it said: {said:?})",
        zh: "未生成文件（其输出为：“{said}”）",
    }

    import_no_tasks(path: &str) {
        en: "found no tasks in {path}: no numbered items (一、（一）1.) and no task table; nothing was written. Is it the notice with its plan?",
        zh: "在 {path} 中未找到任务：既没有编号条目（一、（一）1.），也没有任务分工表；未写入任何文件。请确认是否为附有方案的通知",
    }

    import_output_exists(path: &str) {
        en: "{path} already exists: choose another --output, or add --force to replace it",
        zh: "{path} 已存在：请换一个 `--output` 文件名，或加 `--force` 替换它",
    }

    import_output_failed(path: &str, why: String) {
        en: "cannot write {path}: {why}",
        zh: "无法写入 {path}：{why}",
    }

    import_summary(tasks: usize, assigned: usize, checks: usize) {
        en: "{tasks} tasks, {assigned} with units named in the notice, {checks} lines to check (marked # check:)",
        zh: "共 {tasks} 项任务，其中 {assigned} 项在通知中写明了责任单位；待核对 {checks} 处（标有 `# check:`）",
    }

    import_written(path: &str) {
        en: "draft written to {path}; after checking it: tasks load {path}",
        zh: "草稿已写入 {path}；核对后运行：`tasks load {path}`",
    }

    import_draft_invalid(problems: String) {
        en: "the draft does not load as it is; fix these lines before tasks load:\n{problems}",
        zh: "草稿尚不能直接载入；请先修改以下各行，再运行 `tasks load`：\n{problems}",
    }

    import_draft_header(source: &str) {
        en: "A draft plan made by `tasks import` from {source}.\nLines marked `check:` rest on a guess: read them against the notice, then `tasks load` this file.",
        zh: "本方案草稿由 `tasks import` 据 {source} 生成。\n标有 `check:` 的行是推断所得，请对照通知核对后再用 `tasks load` 载入。",
    }

    import_check_year_from_date(year: i32) {
        en: "deadlines without a year are read in {year}, the year of the notice's date (use --year to choose another)",
        zh: "未写年份的时限按 {year} 年理解，即通知成文日期所在年份（可用 `--year` 另行指定）",
    }

    import_check_year_from_title(year: i32) {
        en: "the notice has no date; deadlines without a year are read in {year}, the year of its title",
        zh: "通知未见成文日期；未写年份的时限按标题中的 {year} 年理解",
    }

    import_check_no_year() {
        en: "the notice gives no year: deadlines without one (年底前, 6月底前) are left out; give --year",
        zh: "通知未写明年份：未写年份的时限（年底前、6月底前）未读入；请用 `--year` 指定",
    }

    import_check_no_title() {
        en: "no title found in the notice: the file name stands in",
        zh: "未在通知中找到标题，暂以文件名代替",
    }

    import_check_no_date() {
        en: "no date found in the notice: add issued = YYYY-MM-DD",
        zh: "未在通知中找到成文日期：请补上 `issued = YYYY-MM-DD`",
    }

    import_check_annual_due(year: i32) {
        en: "an annual plan: tasks without a deadline of their own are taken as due by the end of {year}",
        zh: "这是年度方案：未单列时限的任务按 {year} 年底前完成计",
    }

    import_check_cadence(cadence: &str) {
        en: "returns read as {cadence} from the notice's words",
        zh: "据通知中的表述，反馈周期读作 `{cadence}`",
    }

    import_check_office_read(sentence: &str) {
        en: "the office that collects the returns, read from: {sentence}",
        zh: "汇总反馈的处室读自：{sentence}",
    }

    import_check_office_assumed() {
        en: "the notice names no office to collect the returns: 办公室 is assumed (use --office)",
        zh: "通知未写明由谁汇总反馈，暂定为办公室（可用 `--office` 指定）",
    }

    import_check_deadline_unread(text: &str) {
        en: "deadline not understood: {text:?}; it is kept in the text, write due = \"…\" or a rule by hand",
        zh: "未能读懂的时限：“{text}”；已保留在正文中，请手工填写 `due` 或时间规则",
    }

    import_check_several_deadlines(list: String, last: &str) {
        en: "the text names several deadlines ({list}); the last, {last}, is taken as the task's",
        zh: "正文提到多个时限（{list}），取最后一个“{last}”为本任务时限",
    }

    import_check_no_lead() {
        en: "the notice names only supporting units here: 待定 stands in for the lead",
        zh: "此处通知只写了配合单位，牵头单位暂以“待定”代替",
    }

    import_check_lead_by_order(lead: String) {
        en: "lead taken as the unit named first ({lead}); the notice does not say who leads",
        zh: "牵头单位按排在第一位的单位确定（{lead}），通知未写明谁牵头",
    }

    import_check_more_than_listed() {
        en: "the notice writes 等 here: more units may share this task than are listed",
        zh: "通知此处写有“等”，承担单位可能多于所列",
    }

    import_check_no_assignment() {
        en: "the notice names no unit for this item: 待定 stands in until the office decides",
        zh: "通知未写明此项的责任单位，暂以“待定”代替，请确定",
    }

    import_check_units_from_sub_tasks() {
        en: "the notice names units only for the sub-tasks: the lead and support here are theirs, gathered",
        zh: "通知只为各子任务写明了单位，此处牵头与配合单位由子任务汇总而来",
    }

    import_check_undecided_group() {
        en: "待定 stands for the units of items the notice assigns to no one: assign those tasks, then remove this group",
        zh: "“待定”代表通知未写明责任单位的任务，请确定后删去此组",
    }

    import_check_group_members() {
        en: "the groups above name kinds of units (各相关处室, 有关部门): list their members, or leave them empty for the group to answer itself",
        zh: "以上各组是泛指的单位（各相关处室、有关部门）：请列出其成员，或留空由该组自行反馈",
    }

    import_check_kept_as_note() {
        en: "no item in this part names a unit, so it is kept as a note of the plan, not as tasks: make tasks of it if it holds work to track",
        zh: "这一部分没有任何条目写明责任单位，故作为方案说明保留，未列为任务；如含需督办的工作，请改为任务",
    }

    import_check_unread(n: usize) {
        en: "lines of the notice that went into no task, section or note: {n}; they follow, for reference",
        zh: "通知中有 {n} 行未读入任何任务、部分或说明，列在下面备查",
    }
}

/// "1 problem found", "2 problems found", with what happened instead.
pub fn problems_found(path: &str, n: usize, outcome: &Msg) -> Msg {
    match n {
        1 => one_problem_found(path, outcome),
        n => problems_found_n(path, n, outcome),
    }
}

/// A kind of TOML value, as `toml::Value::type_str` names it.
pub fn toml_kind(type_str: &str) -> Msg {
    match type_str {
        "string" => kind_string(),
        "integer" => kind_integer(),
        "float" => kind_float(),
        "boolean" => kind_boolean(),
        "datetime" => kind_datetime(),
        "array" => kind_array(),
        _ => kind_table(),
    }
}

/// "1 rest day", "2 rest days".
pub fn rest_days(n: usize) -> Msg {
    match n {
        1 => one_rest_day(),
        n => rest_days_n(n),
    }
}

/// "1 make-up working day", "2 make-up working days".
pub fn make_up_days(n: usize) -> Msg {
    match n {
        1 => one_make_up_day(),
        n => make_up_days_n(n),
    }
}

/// The month of a date as a calendar's title names it: "October" in
/// English, "10" (of 10月) in Chinese.
pub struct MonthOf(pub NaiveDate);

impl Said for MonthOf {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Owned(match lang {
            Lang::En => self.0.format("%B").to_string(),
            Lang::Zh => chrono::Datelike::month(&self.0).to_string(),
        })
    }
}

/// The day of the week of a date: "Tuesday", "星期二".
pub struct WeekdayOf(pub NaiveDate);

impl Said for WeekdayOf {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        const ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        Cow::Owned(match lang {
            Lang::En => self.0.format("%A").to_string(),
            Lang::Zh => {
                let day = chrono::Datelike::weekday(&self.0).num_days_from_monday();
                format!("星期{}", ZH[day as usize])
            }
        })
    }
}

macro_rules! counted {
    ($($name:ident: $one:ident, $many:ident;)*) => {$(
        #[doc = concat!("`", stringify!($one), "` or `", stringify!($many), "`, by `n`.")]
        pub fn $name(n: usize) -> Msg {
            match n {
                1 => $one(),
                n => $many(n),
            }
        }
    )*};
}

counted! {
    count_tasks: one_task, tasks_n;
    count_sections: one_section, sections_n;
    count_divisions: one_division, divisions_n;
    count_groups: one_group, groups_n;
}

/// A field of a plan file or of a task by its key; a key not known is
/// shown as it is.
pub fn field_name(key: &str) -> Msg {
    match key {
        "id" => field_id(),
        "title" => field_title(),
        "doc_no" => field_doc_no(),
        "issuer" => field_issuer(),
        "issued" => field_issued(),
        "office" => field_office(),
        "due" => field_due(),
        "feedback" => field_feedback(),
        "feedback_day" => field_feedback_day(),
        "warn" => field_warn(),
        "due_kind" | "due_text" => field_due_wording(),
        "year" => field_year(),
        "section" => field_section(),
        "text" => field_text(),
        "lead" => field_lead(),
        "support" => field_support(),
        "rules" => field_rules(),
        "all" => field_all(),
        other => Msg::same(other),
    }
}

/// Serde's type names in the TOML reader's messages, in words an office
/// clerk knows.
pub fn toml_in_english(text: &str) -> String {
    let mut text = text.replace("invalid type: ", "wrong kind of value: ");
    for (from, to) in [
        ("value: map", "value: a table"),
        ("value: sequence", "value: a list"),
        ("value: floating point", "value: the number"),
        ("value: integer", "value: the number"),
        ("i64", "a whole number"),
        ("u32", "a whole number"),
        ("a sequence", "a list in [ ]"),
        ("a map", "a table"),
        ("a string", "text in quotes"),
    ] {
        text = text.replace(from, to);
    }
    if let Some(rest) = text.strip_prefix("struct ") {
        text = format!("a table ({rest})");
    }
    text
}

/// The TOML reader's phrases, word for word, in Chinese.
const TOML_ZH: &[(&str, &str)] = &[
    ("invalid basic string", "字符串无效"),
    ("invalid literal string", "字符串无效"),
    ("invalid multi-line basic string", "多行字符串无效"),
    ("invalid multi-line literal string", "多行字符串无效"),
    ("invalid string", "字符串无效"),
    ("unclosed array", "列表未闭合"),
    ("unclosed table", "表头未闭合"),
    ("unclosed array table", "表头未闭合"),
    ("unclosed inline table", "内联表未闭合"),
    ("string values must be quoted", "文字须加引号"),
    ("unquoted keys cannot be empty", "键名不能为空"),
    ("duplicate key", "键名重复"),
    ("unexpected key or value", "多余的键或值"),
    ("unexpected content", "多余的内容"),
    (
        "unexpected content between comment and newline",
        "多余的内容",
    ),
    ("key with no value", "键没有值"),
    ("missing value", "缺少值"),
    ("missing value for key", "键没有值"),
    ("missing assignment between key-value pairs", "缺少等号"),
    (
        "missing comma between array elements",
        "列表元素之间缺少逗号",
    ),
    (
        "missing comma between key-value pairs",
        "键值对之间缺少逗号",
    ),
    ("extra comma in array", "列表中有多余的逗号"),
    ("extra comma in inline table", "内联表中有多余的逗号"),
    ("extra assignment between key-value pairs", "多余的等号"),
    ("invalid key", "键名无效"),
    ("invalid unquoted key", "键名无效"),
    ("invalid table", "表无效"),
    ("invalid inline table element", "内联表元素无效"),
    ("invalid key-value pair", "键值对无效"),
    ("invalid value", "值无效"),
    ("invalid boolean", "布尔值无效"),
    ("invalid date", "日期无效"),
    ("invalid time", "时刻无效"),
    ("invalid date-time", "日期时间无效"),
    ("invalid integer number", "数字无效"),
    ("invalid float", "数字无效"),
    ("invalid fraction", "数字无效"),
    ("invalid exponent", "数字无效"),
    ("invalid mantissa", "数字无效"),
    ("invalid hexadecimal number", "数字无效"),
    ("invalid octal number", "数字无效"),
    ("invalid binary number", "数字无效"),
    ("unexpected leading zero", "数字不能以 0 开头"),
    ("unexpected sign", "多余的正负号"),
    ("invalid comment character", "注释中有无效字符"),
    ("duplicate field", "字段重复"),
    // What was expected.
    ("newline", "换行"),
    ("literal string", "文字"),
    ("letters", "字母"),
    ("numbers", "数字"),
    ("a string", "带引号的文字"),
    ("a borrowed string", "带引号的文字"),
    ("i64", "整数"),
    ("u64", "整数"),
    ("i32", "整数"),
    ("u32", "整数"),
    ("u8", "整数"),
    ("a boolean", "布尔值"),
    ("a sequence", "用 [ ] 括起的列表"),
    ("a map", "表"),
    ("a TOML datetime", "日期"),
];

/// A value as serde names it ("integer `3`", "map") in Chinese.
fn toml_value_in_chinese(text: &str) -> String {
    let text = text.split(" as ").next().unwrap_or(text);
    for (from, to) in [
        ("integer ", "数字 "),
        ("floating point ", "数字 "),
        ("string ", "文字 "),
        ("boolean ", "布尔值 "),
    ] {
        if let Some(rest) = text.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    match text {
        "map" => "表".into(),
        "sequence" => "列表".into(),
        _ => toml_in_chinese(text),
    }
}

/// The TOML reader's message, or what it expected, in Chinese: its known
/// phrases word for word, names in backticks as they are; a phrase not
/// known is told as a fault of form (the place is shown beside it).
pub fn toml_in_chinese(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        return format!("值的类型不对：{}", toml_value_in_chinese(rest));
    }
    if let Some(rest) = text.strip_prefix("invalid value: ") {
        return format!("值无效：{}", toml_value_in_chinese(rest));
    }
    if let Some(field) = text.strip_prefix("missing field ") {
        return format!("缺少字段 {field}");
    }
    if let Some(field) = text.strip_prefix("duplicate field ") {
        return format!("字段 {field} 重复");
    }
    if let Some(names) = text.strip_prefix("one of ") {
        return format!(
            "以下之一：{}",
            names.replace(", ", "、").replace(" or ", "、")
        );
    }
    if text.starts_with("struct ") {
        return "表".into();
    }
    for (unit, zh) in [
        ("month", "月份"),
        ("day", "日"),
        ("hour", "小时"),
        ("minute", "分钟"),
        ("second", "秒"),
    ] {
        if let Some((low, high)) = text
            .strip_prefix(unit)
            .and_then(|r| r.strip_prefix(" between "))
            .and_then(|r| r.split_once(" and "))
        {
            return format!("介于 {low} 至 {high} 之间的{zh}");
        }
    }
    if let Some((_, zh)) = TOML_ZH.iter().find(|(en, _)| *en == text) {
        return (*zh).to_string();
    }
    // A list of tokens: "`]`", "newline, `#`", "letters, numbers, `-`, `_`".
    let parts: Vec<&str> = text.split(", ").flat_map(|p| p.split(" or ")).collect();
    let told: Option<Vec<String>> = parts
        .iter()
        .map(|p| {
            if p.len() >= 2 && p.starts_with('`') && p.ends_with('`') {
                Some((*p).to_string())
            } else {
                TOML_ZH
                    .iter()
                    .find(|(en, _)| en == p)
                    .map(|(_, zh)| (*zh).to_string())
            }
        })
        .collect();
    match told {
        Some(told) if told.len() > 1 => {
            let (last, rest) = told.split_last().expect("more than one");
            format!("{}或{last}", rest.join("、"))
        }
        Some(told) if !told.is_empty() => told.concat(),
        _ => "不符合 TOML 格式".into(),
    }
}

/// "1 task", "3 tasks".
pub fn tasks_count(n: usize) -> Msg {
    if n == 1 {
        one_task()
    } else {
        some_tasks(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names between braces in a template, sorted.
    fn placeholders(template: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut rest = template.replace("{{", "").replace("}}", "");
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let inner = &rest[start + 1..start + len];
            names.push(inner.split(':').next().unwrap_or("").to_string());
            rest = rest[start + len + 1..].to_string();
        }
        names.sort();
        names
    }

    /// What a Chinese template may hold in Latin letters: values, commands
    /// and options in backticks, option names, and names of things that
    /// have no Chinese name (file formats, variables).
    fn english_words(template: &str) -> Vec<String> {
        let mut text = template.replace("{{", "").replace("}}", "");
        // Values, quoted commands, and the tables of TOML files.
        for (open, close) in [('{', '}'), ('`', '`'), ('[', ']')] {
            while let Some(start) = text.find(open) {
                let Some(len) = text[start + 1..].find(close) else {
                    break;
                };
                text.replace_range(start..start + len + 2, " ");
            }
        }
        const NAMES: &[&str] = &[
            "CSV",
            "TSV",
            "TOML",
            "JSON",
            "SQLite",
            "Excel",
            "Chromium",
            "Debian",
            "WPS",
            "UTF",
            "UTF-8",
            "UTF-16",
            "GBK",
            "GB18030",
            "BOM",
            "xlsx",
            "xls",
            "ods",
            "csv",
            "md",
            "PLAN",
            "ID",
            "TASK",
            "FILE",
            "DIR",
            "WHEN",
            "TASKS_DB",
            "TASKS_NOW",
            "HOME",
            "PATH",
            "N",
            "DATE",
            "A4",
            "PDF",
            "HTML",
            // Spellings of dates and times.
            "YYYY-MM-DD",
            "YYYY-MM",
            "YYYY",
            "MM",
            "M",
            "D",
            "HH",
            "SS",
            // Units and files of their own name.
            "MiB",
            "-wal",
            "-shm",
            "TMPDIR",
        ];
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .filter(|w| !w.starts_with("--"))
            .filter(|w| !NAMES.contains(w))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_message_says_the_same_values_in_both_languages() {
        for (name, en, zh) in ALL {
            assert!(!en.trim().is_empty(), "{name}: no English");
            assert!(!zh.trim().is_empty(), "{name}: no Chinese");
            assert_eq!(placeholders(en), placeholders(zh), "{name}");
        }
    }

    #[test]
    fn chinese_messages_hold_no_english_words() {
        let found: Vec<String> = ALL
            .iter()
            .filter_map(|(name, _, zh)| {
                let words = english_words(zh);
                (!words.is_empty()).then(|| format!("{name}: {words:?} in {zh:?}"))
            })
            .collect();
        assert!(found.is_empty(), "{}", found.join("\n"));
    }

    #[test]
    fn values_that_are_messages_follow_the_language_around_them() {
        let inner = error_word();
        let outer = Msg {
            en: format!("[{}]", In(Lang::En, &inner)),
            zh: format!("[{}]", In(Lang::Zh, &inner)),
        };
        assert_eq!(outer.text(Lang::En), "[error: ]");
        assert_eq!(outer.text(Lang::Zh), "[错误：]");
        assert_eq!(format!("{:>4}", In(Lang::En, &7usize)), "   7");
    }

    #[test]
    fn the_toml_readers_words_are_told_in_chinese() {
        for (_, zh) in TOML_ZH {
            assert!(english_words(zh).is_empty(), "{zh}");
        }
        for (en, zh) in [
            ("unclosed array", "列表未闭合"),
            ("`]`", "`]`"),
            ("newline, `#`", "换行或`#`"),
            ("invalid type: integer `1`", "值的类型不对：数字 `1`"),
            ("invalid type: map", "值的类型不对：表"),
            ("a string", "带引号的文字"),
            ("one of `a`, `b`", "以下之一：`a`、`b`"),
            ("day between 01 and 29", "介于 01 至 29 之间的日"),
            ("struct RawPlan", "表"),
            ("something not known", "不符合 TOML 格式"),
        ] {
            assert_eq!(toml_in_chinese(en), zh, "{en}");
            assert!(english_words(&toml_in_chinese(en)).is_empty(), "{en}");
        }
        assert_eq!(
            toml_in_english("invalid type: sequence"),
            "wrong kind of value: a list"
        );
    }

    #[test]
    fn the_checks_of_the_catalogue_notice_what_they_look_for() {
        assert_eq!(placeholders("a {x} b {y:?} {{z}}"), ["x", "y"]);
        assert_eq!(
            english_words("没有 `tasks load` {plan} --db CSV file"),
            ["file"]
        );
    }
}
