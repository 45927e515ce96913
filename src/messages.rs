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
}

/// Text not yet in the catalogue: the same in both languages.
impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::same(text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::same(text)
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

    /// `check` on a terminal when nothing needs attention (on stderr; cron
    /// and pipes get nothing).
    check_all_clear(as_of: String, ahead: Msg) {
        en: "Nothing needs attention as of {as_of}: nothing is overdue, no return is missing, and nothing is due within {ahead}.",
        zh: "截至 {as_of}，没有需要关注的事项：无逾期、无未按期反馈，{ahead}内无到期事项。",
    }

    /// A look-ahead of `check`, in words.
    working_days(n: u32) {
        en: "{n} working days",
        zh: "{n} 个工作日",
    }

    one_working_day() {
        en: "1 working day",
        zh: "1 个工作日",
    }

    days(n: u32) {
        en: "{n} days",
        zh: "{n} 天",
    }

    one_day() {
        en: "1 day",
        zh: "1 天",
    }

    hours(n: u32) {
        en: "{n} hours",
        zh: "{n} 小时",
    }

    one_hour() {
        en: "1 hour",
        zh: "1 小时",
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

    not_a_folder(dir: String) {
        en: "{dir} is not a folder",
        zh: "{dir} 不是文件夹",
    }

    cannot_create_folder(dir: String, reason: String) {
        en: "cannot create the folder {dir}: {reason}",
        zh: "无法创建文件夹 {dir}：{reason}",
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

    /// The word before a note: something done as asked, worth knowing.
    note_word() {
        en: "note: ",
        zh: "说明：",
    }

    /// A command that looks at every plan, with none loaded.
    no_plans_to_check(db: &str) {
        en: "no plans are loaded in {db}: nothing to check (load one with `tasks load FILE`)",
        zh: "{db} 中尚未载入方案，无可检查（请先用 `tasks load FILE` 载入）",
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

    /// The folder of `--output-dir` could not be made.
    remind_cannot_create_dir(dir: &str, reason: &str) {
        en: "cannot create the folder {dir}: {reason}",
        zh: "无法创建文件夹 {dir}：{reason}",
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

    /// One task, counted.
    one_task() {
        en: "1 task",
        zh: "1 项任务",
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
        // Values and quoted commands.
        for (open, close) in [('{', '}'), ('`', '`')] {
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
            "WPS",
            "UTF",
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
        for (name, _, zh) in ALL {
            let words = english_words(zh);
            assert!(words.is_empty(), "{name}: {words:?} in {zh:?}");
        }
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
    fn the_checks_of_the_catalogue_notice_what_they_look_for() {
        assert_eq!(placeholders("a {x} b {y:?} {{z}}"), ["x", "y"]);
        assert_eq!(
            english_words("没有 `tasks load` {plan} --db CSV file"),
            ["file"]
        );
    }
}
