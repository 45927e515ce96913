//! Inputs and outputs at their edges: a look-ahead that reaches past the
//! calendar, times that do not exist, argument values with characters a
//! terminal would act on, free text beginning with `-`, tabs and line
//! separators in tables, and readers that go away.

use std::io::Read;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::{seed_text, Env, Run};

/// Items as (task, kind) pairs.
type Items = Vec<(String, String)>;

/// The items `check` gives as JSON, as (task, kind) pairs, and its status.
fn items(env: &Env, when: &str, args: &[&str]) -> (i32, Items) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = env.tasks_at(when, &all);
    let found = run
        .stdout
        .lines()
        .map(|line| {
            let item: Value = serde_json::from_str(line).expect("a JSON item");
            (
                item["task"].as_str().unwrap().to_string(),
                item["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (run.status, found)
}

/// The plan's overdue tasks as `report` counts them.
fn overdue_in_report(env: &Env, args: &[&str]) -> i64 {
    let mut all = args.to_vec();
    all.extend_from_slice(&["report", "--format", "json"]);
    let report = env.tasks_at("2017-01-03", &all).json();
    report["plans"][0]["total"]["overdue"]
        .as_i64()
        .expect("overdue total")
}

// ------------------------------------------------ look-ahead past the calendar

/// On 2017-01-03 every task of the seed plan is overdue. A look-ahead of
/// 10000 working days reaches past 9999-12-31, the end of the calendar: it is
/// then unbounded, and must report at least what 9999 working days report,
/// not nothing.
#[test]
fn a_look_ahead_past_the_calendar_reports_every_item() {
    let env = Env::seeded();
    let (status, bounded) = items(&env, "2017-01-03", &["--within", "9999wd"]);
    assert_eq!(status, 1);
    let overdue = bounded.iter().filter(|(_, k)| k == "overdue").count();
    assert_eq!(overdue, 19, "{bounded:?}");
    for within in ["10000wd", "9998wd", "1wd", "10000d"] {
        let (status, found) = items(&env, "2017-01-03", &["--within", within]);
        assert_eq!((status, &found), (1, &bounded), "--within {within}");
    }
    // The text form and remind say the same.
    let text = env.tasks_at("2017-01-03", &["check", "--within", "10000wd"]);
    assert_eq!(text.status, 1);
    assert_eq!(
        text.stdout.lines().count(),
        bounded.len(),
        "{}",
        text.stdout
    );
    let remind = env.tasks_at("2017-01-03", &["remind", "--within", "10000wd"]);
    assert_eq!(remind.status, 0, "{}", remind.stderr);
    assert!(remind.stdout.contains("1.1"), "{}", remind.stdout);
}

/// A plan's `warn` at its largest (10000 working days) turns every open task
/// yellow at least and hides no overdue task from check, report or remind.
#[test]
fn a_plan_warn_at_its_largest_hides_nothing() {
    let counts: Vec<(Items, i64, usize)> = ["9999wd", "10000wd"]
        .iter()
        .map(|warn| {
            let env = Env::new();
            let text = seed_text().replacen("[plan]\n", &format!("[plan]\nwarn = \"{warn}\"\n"), 1);
            assert_ne!(text, seed_text());
            env.write("plan.toml", text);
            env.tasks(&["load", "plan.toml"]).ok();
            let (status, found) = items(&env, "2017-01-03", &[]);
            assert_eq!(status, 1, "warn {warn}");
            let remind = env.tasks_at("2017-01-03", &["remind"]);
            let reminded = remind.stdout.matches("1.1").count();
            (found, overdue_in_report(&env, &[]), reminded)
        })
        .collect();
    assert_eq!(counts[0], counts[1]);
    let overdue = counts[0].0.iter().filter(|(_, k)| k == "overdue").count();
    assert_eq!(overdue, 19, "{:?}", counts[0].0);
    assert_eq!(counts[0].1, 19);
    assert!(counts[0].2 > 0);
}

/// `--as-of` in the last days of the calendar: the plan's 5 working days of
/// warning reach past it from 9999-12-24 on. Every task is overdue then,
/// and the quota missed, as on any day after the plan's end.
#[test]
fn the_last_days_of_the_calendar_report_every_overdue_task() {
    let env = Env::seeded();
    let (_, in_2017) = items(&env, "2017-01-03", &[]);
    let overdue = in_2017.iter().filter(|(_, k)| k == "overdue").count();
    assert_eq!(overdue, 19, "{in_2017:?}");
    for as_of in [
        "9999-12-23",
        "9999-12-24",
        "9999-12-30",
        "9999-12-31T23:59:59",
    ] {
        let (status, found) = items(&env, "2017-01-03", &["--as-of", as_of]);
        assert_eq!((status, &found), (1, &in_2017), "--as-of {as_of}");
        assert_eq!(overdue_in_report(&env, &["--as-of", as_of]), 19, "{as_of}");
    }
}

// ---------------------------------------------------- times that do not exist

/// Refused with status 2, a message saying why, and nothing written.
fn refused(env: &Env, when: &str, args: &[&str]) -> String {
    let before = env.snapshot();
    let run = env.tasks_at(when, args);
    assert_eq!(run.status, 2, "{args:?} was taken: {}", run.stdout);
    assert_eq!(run.stdout, "", "{args:?}");
    assert_eq!(env.snapshot(), before, "{args:?} wrote");
    run.stderr
}

#[test]
fn times_that_do_not_exist_are_refused_with_the_reason() {
    let env = Env::seeded();
    let feedback = |at: &str, lang: &str| -> String {
        refused(
            &env,
            "2016-10-01",
            &[
                "--lang",
                lang,
                "feedback",
                "1.7",
                "--division",
                "法规处",
                "--status",
                "in-progress",
                "--at",
                at,
            ],
        )
    };
    // Second 60, in the stored form and in the others.
    for at in [
        "2016-08-01 10:00:60",
        "2016-08-01T10:00:60",
        "2016/8/1 10:00:60",
    ] {
        let en = feedback(at, "en");
        assert!(en.contains("seconds run from 00 to 59"), "{at}: {en}");
        let zh = feedback(at, "zh");
        assert!(zh.contains("秒数应在 00 至 59 之间"), "{at}: {zh}");
    }
    // A sign or a fifth digit in the year is no date.
    for at in [
        "+2016-08-01 10:00:00",
        "+2016-08-01",
        "02016-08-01 10:00:00",
    ] {
        let en = feedback(at, "en");
        assert!(en.contains("not a date"), "{at}: {en}");
    }
    // Year 0 does not exist, whatever its month and day.
    for at in [
        "0000-08-01",
        "0000-08-01 10:00:00",
        "0000-01-00",
        "0000-02-30",
    ] {
        let en = feedback(at, "en");
        assert!(en.contains("there is no year 0000"), "{at}: {en}");
        let zh = feedback(at, "zh");
        assert!(zh.contains("公历没有 0000 年"), "{at}: {zh}");
    }
    // A year before 1000 is written with its four digits in the reason.
    let en = feedback("0999-02-30", "en");
    assert!(en.contains("0999-02 has no day 30"), "{en}");
    // The same limits for the viewpoint and the clock.
    for as_of in [
        "0000-10-01",
        "+2016-10-01",
        "2016-10-01T10:00:60",
        "-2016-10-01",
    ] {
        let arg = format!("--as-of={as_of}");
        refused(&env, "2016-10-01", &[&arg, "list"]);
        refused(&env, as_of, &["list"]);
    }
    // `calendar show` takes a month of a real year, without a sign.
    for month in ["0000-01", "+2016-10", "10000-01"] {
        let stderr = refused(&env, "2016-10-01", &["calendar", "show", month]);
        assert!(stderr.contains("is not a month"), "{month}: {stderr}");
    }
}

/// The edges that exist are taken: second 59, year 0001 and 9999.
#[test]
fn the_last_second_and_the_first_and_last_years_are_taken() {
    let env = Env::seeded();
    env.tasks_at(
        "2016-10-01",
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "in-progress",
            "--at",
            "2016-08-01 10:00:59",
        ],
    )
    .ok();
    let history = env.tasks(&["history", "1.7", "--format", "json"]).json();
    assert_eq!(history[0]["at"], "2016-08-01 10:00:59");
    for as_of in ["0001-01-01", "9999-12-31 23:59:59"] {
        env.tasks(&["--as-of", as_of, "list"]).ok();
    }
    env.tasks(&["calendar", "show", "0001-01"]).ok();
}

// ------------------------------------------------------------ argument errors

/// No raw control character, tab or line separator (line feeds end lines).
fn assert_no_raw_controls(text: &str, what: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}'))
        .collect();
    assert!(raw.is_empty(), "{what}: raw {raw:?} in {text:?}");
}

#[test]
fn argument_errors_show_the_value_escaped_not_cut() {
    let env = Env::seeded();
    let run = env.tasks(&["--lang", "\u{1b}[31mzh", "plans"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains(r"'\u{1b}[31mzh'"), "{}", run.stderr);
    assert_no_raw_controls(&run.stderr, "--lang");
    // In Chinese too.
    let mut cmd = env.command(&["--lang", "\u{1b}[31mzh", "plans"]);
    cmd.env("LANG", "zh_CN.UTF-8");
    let run = crate::support::run(cmd);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains(r"“\u{1b}[31mzh”"), "{}", run.stderr);
    assert_no_raw_controls(&run.stderr, "--lang, Chinese");
    // A tab and a line separator in a value, and an escape in an unknown
    // command: shown escaped where clap quotes them.
    let run = env.tasks(&["list", "--status", "a\tb\u{2028}c"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains(r"'a\u{9}b\u{2028}c'"), "{}", run.stderr);
    assert_no_raw_controls(&run.stderr, "--status");
    let run = env.tasks(&["lis\u{1b}[1mt"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains(r"lis\u{1b}[1mt"), "{}", run.stderr);
    assert_no_raw_controls(&run.stderr, "subcommand");
}

// ------------------------------------------------------------- text in tables

/// Notes with a tab, a line separator and a paragraph separator: tables
/// show them escaped (a tab would push the columns after it out of line);
/// JSON keeps the text as it was given.
#[test]
fn tabs_and_line_separators_are_escaped_in_tables() {
    let env = Env::seeded();
    let note = "进度\t滞后\u{2028}原因\u{2029}待查";
    env.tasks_at(
        "2016-10-01",
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "blocked",
            "--note",
            note,
            "--by",
            "张\t三",
        ],
    )
    .ok();
    let json = env.tasks(&["history", "1.7", "--format", "json"]).json();
    assert_eq!(json[0]["note"], note);
    assert_eq!(json[0]["by"], "张\t三");
    for args in [
        vec!["history", "1.7"],
        vec!["show", "1.7"],
        vec!["--width", "60", "history", "1.7"],
        vec!["--width", "60", "show", "1.7"],
    ] {
        let shown = env.tasks_at("2016-10-02", &args).ok().to_string();
        assert_no_raw_controls(&shown, &format!("{args:?}"));
        assert!(shown.contains(r"\u{9}"), "{args:?}: {shown}");
        assert!(shown.contains(r"\u{2028}"), "{args:?}: {shown}");
        assert!(shown.contains(r"\u{2029}"), "{args:?}: {shown}");
    }
    // In the whole table the history's columns stay in line: the column
    // after the note starts at the same place in the heading and the row.
    let shown = env
        .tasks_at("2016-10-02", &["history", "1.7"])
        .ok()
        .to_string();
    let lines: Vec<&str> = shown.lines().collect();
    let column = |line: &str, word: &str| {
        let at = line
            .find(word)
            .unwrap_or_else(|| panic!("{word} in {line}"));
        unicode_width::UnicodeWidthStr::width(&line[..at])
    };
    assert_eq!(column(lines[0], "By"), column(lines[2], "张"), "{shown}");
}

// ---------------------------------------------- free text beginning with '-'

#[test]
fn free_text_may_begin_with_a_hyphen() {
    let env = Env::seeded();
    let when = "2016-10-01";
    env.tasks_at(
        when,
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "done",
            "--note",
            "-3%不到位",
            "--by",
            "-张三",
        ],
    )
    .ok();
    env.tasks_at(
        when,
        &[
            "review",
            "2.4",
            "--return",
            "--note",
            "-请补充",
            "--by",
            "-王",
        ],
    )
    .ok();
    env.tasks_at(when, &["event", "3.3", "政策文件公开", "--note", "-88号文"])
        .ok();
    let history = env.tasks(&["history", "2.4", "--format", "json"]).json();
    assert_eq!(history[0]["note"], "-3%不到位");
    assert_eq!(history[0]["by"], "-张三");
    assert_eq!(history[1]["note"], "-请补充");
    assert_eq!(history[1]["by"], "-王");
    let n = history[1]["number"].as_i64().unwrap().to_string();
    env.tasks_at(when, &["void", &n, "--reason", "-误退回", "--by", "-李"])
        .ok();
    let history = env.tasks(&["history", "2.4", "--format", "json"]).json();
    let void = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "void")
        .expect("the void");
    assert_eq!(void["note"], "-误退回", "{void}");
    let events = env.tasks(&["history", "3.3", "--format", "json"]).json();
    assert_eq!(events[0]["note"], "-88号文", "{events}");
}

/// An option where a note was expected (`--note --status done`, the note
/// forgotten) is refused rather than taken as the note; `--note=--status`
/// is a note.
#[test]
fn an_option_after_a_free_text_option_is_not_its_text() {
    let env = Env::seeded();
    let base = ["feedback", "2.4", "--division", "办公室"];
    for tail in [
        vec!["--note", "--status", "done"],
        vec!["--status", "done", "--by", "--note", "x"],
        vec!["--status", "done", "--note", "-h"],
    ] {
        let mut args = base.to_vec();
        args.extend(tail.iter());
        let stderr = refused(&env, "2016-10-01", &args);
        assert!(stderr.contains("was given no text"), "{args:?}: {stderr}");
        let mut zh = vec!["--lang", "zh"];
        zh.extend(args.iter());
        let stderr = refused(&env, "2016-10-01", &zh);
        assert!(stderr.contains("后缺少内容"), "{zh:?}: {stderr}");
    }
    let mut args = base.to_vec();
    args.extend(["--status", "in-progress", "--note=--status"]);
    env.tasks_at("2016-10-01", &args).ok();
    let history = env.tasks(&["history", "2.4", "--format", "json"]).json();
    assert_eq!(history[0]["note"], "--status");
}

// ------------------------------------------------------ readers that go away

/// Runs `cmd` with standard output and standard error both pipes whose
/// readers are closed at once (`tasks check 2>&1 | head -1` after the first
/// line): only the exit status is left.
fn with_both_closed(mut cmd: Command) -> i32 {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start tasks");
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().expect("wait for tasks");
    status.code().unwrap_or(-1)
}

/// Commands that warn on standard error (years without holiday data) keep
/// their exit status when both outputs have lost their reader.
#[test]
fn closed_outputs_change_no_exit_status() {
    let env = Env::seeded();
    let when = "2017-01-03";
    for args in [
        vec!["check", "--within", "9999wd"],
        vec!["check", "--within", "9999wd", "--format", "json"],
        vec!["--lang", "zh", "check", "--within", "9999wd"],
        vec!["--as-of", "2031-01-01", "check"],
        vec!["--as-of", "2031-01-01", "report", "--format", "json"],
        vec!["--as-of", "2031-01-01", "list", "--format", "json"],
        vec!["--as-of", "2031-01-01", "show", "1.1", "--format", "json"],
        vec!["--as-of", "2031-01-01", "remind"],
        vec!["calendar", "add", "2031-01-01", "3wd"],
    ] {
        let whole: Run = env.tasks_at(when, &args);
        assert!(
            whole.stderr.contains("warning") || whole.stderr.contains("警告"),
            "{args:?} gave no warning: {}",
            whole.stderr
        );
        assert_ne!(whole.status, 2, "{args:?}: {}", whole.stderr);
        let closed = with_both_closed(env.command_at(when, &args));
        assert_eq!(closed, whole.status, "{args:?}");
    }
    // Standard output alone closed, in JSON: the status of check stays 1.
    let mut cmd = env.command_at(when, &["check", "--format", "json"]);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start tasks");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1), "{stderr}");
    assert_eq!(stderr, "");
}
