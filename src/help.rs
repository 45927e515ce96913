//! The command line in the user's language: `--help` and the man page in
//! Chinese, and argument errors told in Chinese.
//!
//! The English help is the doc comments of `cli.rs`. The Chinese help is the
//! table in `help_zh.rs`, keyed by where each text belongs: `load` is the
//! line about `tasks load`, `load!after` the text after its options, and
//! `load:dry_run` the help of its `--dry-run` (by the argument's id). A test
//! checks that every command and option has its Chinese text.

use std::ffi::OsString;
use std::sync::OnceLock;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, CommandFactory};

use crate::cli::Cli;
use crate::lang::Lang;
use crate::render::breaking::{self, Breaks};

/// The language of the command line, settled before it is parsed: the
/// value parsers use it for their reasons.
static LANG: OnceLock<Lang> = OnceLock::new();

/// The language for text made while parsing the arguments.
pub fn parsing_lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// The language the arguments ask for: `--lang zh` or `--lang=zh` anywhere
/// before `--`, else the locale. A value that is not a language is left for
/// the parser to refuse.
pub fn lang_of_args(args: &[OsString], locale: impl Fn(&str) -> Option<String>) -> Lang {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut asked = None;
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = if word == "--lang" {
            words.next().map(|v| v.into_owned())
        } else {
            word.strip_prefix("--lang=").map(str::to_string)
        };
        match value.as_deref() {
            Some("zh") => asked = Some(Lang::Zh),
            Some("en") => asked = Some(Lang::En),
            _ => {}
        }
    }
    asked.unwrap_or_else(|| Lang::from_locale(locale))
}

/// Settles the language of the command line for this process.
pub fn set_parsing_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The command line's definition, with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Zh => chinese(cmd, ""),
    }
}

/// The Chinese text at `key`, or the English one when the table has none
/// (a test makes sure it has every one).
fn zh(key: &str) -> Option<&'static str> {
    crate::help_zh::TEXT
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
}

/// The value names of the help, in Chinese.
fn zh_value_name(name: &clap::builder::Str) -> clap::builder::Str {
    let zh = match name.as_str() {
        "PATH" => "路径",
        "FILE" => "文件",
        "DIR" => "目录",
        "WHEN" => "时间",
        "DATE" => "日期",
        "NAME" => "名称",
        "PLAN" => "方案",
        "TASK" => "任务",
        "ID" => "编号",
        "REF" => "编号",
        "RECORD" => "记录",
        "TEXT" => "文字",
        "STATUS" => "状态",
        "DUR" | "DURATION" => "时长",
        "N" => "数值",
        "KIND" => "事件",
        "MONTH" => "月份",
        "SHELL" => "外壳",
        "LANG" => "语言",
        "FORMAT" => "格式",
        "BY" => "口径",
        _ => return name.clone(),
    };
    zh.into()
}

fn chinese(mut cmd: clap::Command, path: &str) -> clap::Command {
    let key = |suffix: &str| {
        if path.is_empty() {
            suffix.to_string()
        } else {
            format!("{path}{suffix}")
        }
    };
    if let Some(about) = zh(path) {
        cmd = cmd.about(about).long_about(None);
    }
    if cmd.get_after_help().is_some() {
        if let Some(after) = zh(&key("!after")) {
            cmd = cmd.after_help(after).after_long_help(None);
        }
    }
    cmd = cmd
        .next_line_help(true)
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        let text = zh(&format!("{path}:{id}"));
        cmd = cmd.mut_arg(&id, |arg| chinese_arg(arg, text));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sub| chinese(sub, &sub_path));
    }
    cmd
}

fn chinese_arg(arg: Arg, text: Option<&str>) -> Arg {
    let mut help = match text {
        Some(t) => t.to_string(),
        None => arg.get_help().map(|h| h.to_string()).unwrap_or_default(),
    };
    // What clap would add in English, said here in Chinese.
    let values: Vec<String> =
        if arg.is_hide_possible_values_set() || !arg.get_action().takes_values() {
            Vec::new()
        } else {
            arg.get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect()
        };
    if !values.is_empty() {
        help.push_str(&format!("［可选：{}］", values.join("、")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let flag = !arg.get_action().takes_values();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() && !flag {
        help.push_str(&format!("［默认：{}］", defaults.join("、")));
    }
    if let Some(env) = arg.get_env() {
        help.push_str(&format!("［环境变量：{}］", env.to_string_lossy()));
    }
    let names: Vec<clap::builder::Str> = arg
        .get_value_names()
        .map(|names| names.iter().map(zh_value_name).collect())
        .unwrap_or_default();
    let takes_values = arg.get_action().takes_values();
    let mut arg = arg
        .help(wrap(&help, HELP_WIDTH))
        .long_help(None)
        .hide_env(true);
    if arg.is_global_set() {
        arg = arg.help_heading("全局选项");
    }
    if takes_values {
        arg = arg.hide_possible_values(true).hide_default_value(true);
    }
    if !names.is_empty() {
        arg = arg.value_names(names);
    }
    arg
}

/// clap's own words in rendered help, and their Chinese; the longer first.
const CLAP_WORDS: &[(&str, &str)] = &[
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本帮助，或所给命令的帮助",
    ),
    (
        "Print help (see more with '--help')",
        "显示帮助（--help 显示详细说明）",
    ),
    (
        "Print help (see a summary with '-h')",
        "显示帮助（-h 只显示摘要）",
    ),
    ("Print help", "显示帮助"),
    ("Print version", "显示版本"),
    ("[OPTIONS]", "[选项]"),
    ("<COMMAND>", "<命令>"),
    ("[COMMAND]", "[命令]"),
    ("Options:", "选项："),
    ("Arguments:", "参数："),
    ("全局选项:", "全局选项："),
    ("命令:", "命令："),
];

/// The width Chinese help is wrapped to: 80 columns less the indent of
/// help under an option.
const HELP_WIDTH: usize = 68;

/// Chinese text broken into lines of at most `width` columns (a CJK
/// character takes two) by the rules of table cells (`render::breaking`):
/// between characters as Chinese is written, or at spaces within Latin
/// text, never before closing punctuation nor after opening punctuation. A
/// word wider than the line runs over rather than be cut. Lines already
/// broken stay broken.
fn wrap(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| breaking::wrap(line, width, Breaks::Prose).join("\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Help as clap rendered it, with clap's own words in `lang`.
pub fn localize_help(text: &str, lang: Lang) -> String {
    let mut text = text.to_string();
    if lang == Lang::Zh {
        for (en, zh) in CLAP_WORDS {
            text = text.replace(en, zh);
        }
    }
    text
}

/// An argument error in Chinese, from what clap knows of it.
pub fn zh_error(e: &clap::Error) -> String {
    let get = |kind| e.get(kind).map(value_text).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let usage = get(ContextKind::Usage);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("没有选项“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("没有命令“{}”", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            if value.is_empty() {
                format!("{arg} 需要一个值；可选：{valid}")
            } else {
                format!("{arg} 的值“{value}”无效；可选：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("{arg} 的值“{value}”无效：{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少 {arg}"),
        ErrorKind::ArgumentConflict => {
            let other = get(ContextKind::PriorArg);
            if other.is_empty() {
                format!("{arg} 不能在此使用")
            } else {
                format!("{arg} 不能与 {other} 同用")
            }
        }
        ErrorKind::TooManyValues => format!("{arg} 多给了值“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("{arg} 的值须用等号连写，如 {arg}=值"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文字".to_string(),
        _ => {
            // Kinds without context: clap's text after its "error: ".
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("").to_string();
            first.strip_prefix("error: ").unwrap_or(&first).to_string()
        }
    };
    let mut out = format!("错误：{what}\n");
    let suggested = get(ContextKind::SuggestedArg);
    let suggested_cmd = get(ContextKind::SuggestedSubcommand);
    let hint = if !suggested.is_empty() {
        suggested
    } else {
        suggested_cmd
    };
    if !hint.is_empty() {
        let hint = hint.replace('、', " 或 ");
        out.push_str(&format!("\n  提示：是否想用 {hint}？\n"));
    }
    if !usage.is_empty() {
        let usage = localize_help(&usage, Lang::Zh);
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n详细说明请用 --help。\n");
    out
}

/// The error with every argument it quotes escaped as `escape_control`
/// escapes text (`\u{1b}[31mzh`): clap's rendering would otherwise drop
/// terminal escapes from a value without a trace, or print tabs and line
/// breaks raw.
pub fn escape_context(mut e: clap::Error) -> clap::Error {
    use crate::render::escape_control;
    let changed: Vec<(ContextKind, ContextValue)> = e
        .context()
        .filter_map(|(kind, value)| {
            let escaped = match value {
                ContextValue::String(s) => ContextValue::String(escape_control(s)),
                ContextValue::Strings(v) => {
                    ContextValue::Strings(v.iter().map(|s| escape_control(s)).collect())
                }
                _ => return None,
            };
            (escaped != *value).then_some((kind, escaped))
        })
        .collect();
    for (kind, value) in changed {
        e.insert(kind, value);
    }
    e
}

/// The free-text options that take a value beginning with `-`
/// (`--note -3%不到位`).
const FREE_TEXT: [&str; 3] = ["--note", "--by", "--reason"];

/// A free-text option given an option of its command as its text, as a
/// separate argument (`--note --status done`, the note forgotten): the
/// option and the option taken. `--note=--status` is taken as written.
pub fn option_taken_as_text(args: &[std::ffi::OsString]) -> Option<(String, String)> {
    let cmd = crate::cli::Cli::command();
    let args: Vec<&str> = args.iter().map(|a| a.to_str().unwrap_or("")).collect();
    let sub = args
        .iter()
        .position(|a| matches!(*a, "feedback" | "review" | "void" | "event"))?;
    let sub_cmd = cmd.find_subcommand(args[sub])?;
    let is_option = |text: &str| {
        let name = text.split('=').next().unwrap_or(text);
        let global = cmd.get_arguments();
        sub_cmd.get_arguments().chain(global).any(|a| {
            a.get_long().is_some_and(|l| name == format!("--{l}"))
                || a.get_short().is_some_and(|c| name == format!("-{c}"))
        }) || name == "--help"
            || name == "-h"
    };
    args[sub + 1..].windows(2).find_map(|pair| {
        (FREE_TEXT.contains(&pair[0]) && is_option(pair[1]))
            .then(|| (pair[0].to_string(), pair[1].to_string()))
    })
}

fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the Chinese table needs: each command's line, the text
    /// after its options if it has one in English, and each argument's help.
    fn keys(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        if cmd.get_after_help().is_some() {
            out.push(format!("{path}!after"));
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            let own = path.is_empty() || !arg.is_global_set();
            if own && id != "help" && id != "version" {
                out.push(format!("{path}:{id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            let sub_path = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            keys(sub, &sub_path, out);
        }
    }

    #[test]
    fn every_command_and_option_has_its_chinese_help_and_nothing_else_is_there() {
        let mut wanted = Vec::new();
        keys(&Cli::command(), "", &mut wanted);
        let missing: Vec<&String> = wanted.iter().filter(|k| zh(k).is_none()).collect();
        assert!(missing.is_empty(), "no Chinese help for {missing:#?}");
        let stale: Vec<&str> = crate::help_zh::TEXT
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !wanted.iter().any(|w| w == k))
            .collect();
        assert!(stale.is_empty(), "Chinese help for nothing: {stale:?}");
    }

    #[test]
    fn the_language_of_the_arguments_is_found_before_parsing() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        let none = |_: &str| None;
        let zh_locale = |name: &str| (name == "LANG").then(|| "zh_CN.UTF-8".to_string());
        assert_eq!(
            lang_of_args(&args(&["tasks", "--lang", "zh", "list"]), none),
            Lang::Zh
        );
        assert_eq!(
            lang_of_args(&args(&["tasks", "list", "--lang=zh"]), none),
            Lang::Zh
        );
        assert_eq!(
            lang_of_args(&args(&["tasks", "list", "--lang", "en"]), zh_locale),
            Lang::En
        );
        assert_eq!(lang_of_args(&args(&["tasks", "list"]), zh_locale), Lang::Zh);
        assert_eq!(
            lang_of_args(&args(&["tasks", "feedback", "--", "--lang", "zh"]), none),
            Lang::En
        );
        assert_eq!(
            lang_of_args(&args(&["tasks", "--lang", "xx"]), none),
            Lang::En
        );
    }

    #[test]
    fn chinese_help_wraps_between_characters_and_keeps_punctuation_with_its_word() {
        use unicode_width::UnicodeWidthStr;
        let text = "数据库文件［默认：系统数据目录下的 tasks/tasks.db］，以及更多的说明文字，用来把一行撑满，看它如何断开。";
        for width in [6, 10, 17, 30, 68] {
            let wrapped = wrap(text, width);
            for line in wrapped.lines() {
                assert!(
                    line.width() <= width || line.contains("tasks.db"),
                    "{width}: {line:?}"
                );
                assert!(
                    !line.starts_with(['，', '。', '］', '：']),
                    "{width}: {line:?}"
                );
                assert!(!line.ends_with(['［', '（']), "{width}: {line:?}");
            }
            if width >= "tasks/tasks.db".len() {
                assert!(
                    wrapped.contains("tasks/tasks.db"),
                    "{width}: a path was cut"
                );
            }
            assert_eq!(wrapped.replace(['\n', ' '], ""), text.replace(' ', ""));
        }
        assert_eq!(wrap("一行\n两行", 68), "一行\n两行");
        assert_eq!(wrap("", 10), "");
    }

    #[test]
    fn chinese_help_is_built_and_consistent() {
        command(Lang::Zh).debug_assert();
    }
}
