//! Tables for people fitted to a width: snapshots at 80 and 120 columns in
//! both languages, and the rules stated directly — no line wider than the
//! width, no fixed value (a date, a status, an id, a division name) broken,
//! no line beginning with closing punctuation or ending with opening
//! punctuation, columns empty in every row left out unless `--wide`, and
//! output that is not a terminal laid out whole as before.
//!
//! The snapshots are `tests/snapshots/tables/NAME.LANG.WIDTH.txt`;
//! `TASKS_CASES=overwrite cargo test` rewrites them from the actual output
//! (read the diff before committing).

use std::path::{Path, PathBuf};

use crate::support::{at, Env, SEED_PLAN};

/// The state `tasks demo` reports on, made with the commands a user would
/// run: the sample plan, its two events, the sample feedback and the
/// office's three reviews, read as of 2016-09-30.
fn sample() -> Env {
    let env = Env::new();
    at(&env, "2016-06-21", &["load", SEED_PLAN]);
    at(
        &env,
        "2016-08-12T10:00",
        &[
            "event",
            "2.5",
            "特别重大、重大突发事件",
            "--note",
            "示例:某地重大突发事件",
        ],
    );
    at(
        &env,
        "2016-09-28T16:00",
        &[
            "event",
            "3.3",
            "政策文件公开",
            "--note",
            "示例:某重要政策文件公开",
        ],
    );
    let feedback = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample-feedback.toml");
    at(
        &env,
        "2016-09-30",
        &["feedback", "--from", feedback.to_str().unwrap()],
    );
    for review in [
        &[
            "review",
            "2.1",
            "--return",
            "--at",
            "2016-08-02",
            "--note",
            "请补充取消、下放事项的动态更新情况",
        ][..],
        &["review", "2.4", "--accept", "--at", "2016-08-03"],
        &["review", "1.6", "--accept", "--at", "2016-09-05"],
    ] {
        at(&env, "2016-09-30", review);
    }
    env
}

/// The commands snapshotted, by name.
const COMMANDS: &[(&str, &[&str])] = &[
    ("list", &["list"]),
    ("report", &["report"]),
    ("report-by-division", &["report", "--by", "division"]),
    ("check", &["check", "--within", "100d"]),
    ("show", &["show", "3.3"]),
    ("history", &["history", "2.1"]),
    ("demo", &["demo"]),
];

/// `tasks --lang LANG [LAYOUT...] ARGS` as of 2016-09-30, its output with
/// the account's name (which `history` shows) as `[me]`.
fn run(env: &Env, lang: &str, layout: &[&str], args: &[&str]) -> String {
    let mut all = vec!["--lang", lang];
    all.extend(layout);
    all.extend(args);
    let run = env.tasks_at("2016-09-30", &all);
    assert!(
        run.status == 0 || (args[0] == "check" && run.status == 1),
        "{all:?}: {}",
        run.stderr
    );
    run.stdout.replace(account(env).as_str(), "[me]")
}

/// The name of the account that recorded, as `history` shows it.
fn account(env: &Env) -> String {
    let items = env.tasks(&["history", "2.1", "--format", "json"]).json();
    items[0]["recorded_by"].as_str().unwrap().to_string()
}

fn snapshot_path(name: &str, lang: &str, width: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/tables")
        .join(format!("{name}.{lang}.{width}.txt"))
}

#[test]
fn tables_at_80_and_120_columns_match_their_snapshots() {
    let env = sample();
    let overwrite = std::env::var("TASKS_CASES").as_deref() == Ok("overwrite");
    let mut failures = Vec::new();
    for (name, args) in COMMANDS {
        for lang in ["en", "zh"] {
            for width in [80, 120] {
                let out = run(&env, lang, &["--width", &width.to_string()], args);
                let path = snapshot_path(name, lang, width);
                if overwrite {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, &out).unwrap();
                    continue;
                }
                let expected = std::fs::read_to_string(&path)
                    .unwrap_or_else(|_| panic!("{}: missing", path.display()));
                if out != expected {
                    failures.push(format!("{}:\n{out}", path.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "output changed (if intended, rerun with TASKS_CASES=overwrite and read the diff):\n{}",
        failures.join("\n")
    );
}

/// Closing punctuation no line may begin with.
const NO_START: &[char] = &[
    '、', '，', '。', '；', '：', '！', '？', '）', '」', '』', '》', '〉', '】', '”', '’', ')',
];
/// Opening punctuation no line may end with.
const NO_END: &[char] = &['（', '「', '『', '《', '〈', '【', '“', '‘', '('];

/// Every value that must never be broken, as a table shows it: dates and
/// times, statuses and lights, ids, obligations and division names (not
/// the Chinese statuses that are also the report's headings, which
/// records repeat).
fn fixed_values(env: &Env) -> Vec<String> {
    let mut values: Vec<String> = [
        "not-started",
        "in-progress",
        "blocked",
        "closed",
        "withdrawn",
        "已完成",
        "green",
        "yellow",
        "2016-12-31",
        "2016-10-08",
        "2016-09-28 16:00:00",
        "2016-09-30 23:59:59",
        "2016-08-02 00:00:00",
        "3.3#1",
        "#1 2016-10-08",
    ]
    .map(String::from)
    .to_vec();
    let divisions = env.tasks(&["divisions", "--format", "json"]).json();
    for d in divisions.as_array().unwrap() {
        values.push(d["name"].as_str().unwrap().to_string());
    }
    values
}

/// The rules, at many widths, against the same output laid out whole:
/// every fixed value appears as often, whole; no line is wider than the
/// width (only lines that are not tables are let be: the demo's sentences);
/// no line begins with closing punctuation or ends with opening
/// punctuation.
#[test]
fn fitted_tables_keep_fixed_values_whole_and_lines_within_the_width() {
    let env = sample();
    let values = fixed_values(&env);
    for (name, args) in COMMANDS {
        for lang in ["en", "zh"] {
            let whole = run(&env, lang, &["--wide"], args);
            for width in [40, 64, 80, 100, 120, 160] {
                let out = run(&env, lang, &["--width", &width.to_string()], args);
                let context = format!("{name} --lang {lang} --width {width}");
                for value in &values {
                    assert_eq!(
                        out.matches(value.as_str()).count(),
                        whole.matches(value.as_str()).count(),
                        "{context}: {value} broken or lost:\n{out}"
                    );
                }
                for line in out.lines() {
                    let text = line.trim_start();
                    assert!(!text.starts_with(NO_START), "{context}: {line:?}\n{out}");
                    assert!(!line.ends_with(NO_END), "{context}: {line:?}\n{out}");
                    // (The demo's and the report's sentences are not
                    // tables: they begin at the margin.)
                    let sentence = matches!(*name, "demo" | "report" | "report-by-division")
                        && !line.starts_with([' ', '-']);
                    // The sample's longest division name is 46 columns
                    // wide: below 64 columns, it runs over in any layout
                    // (as a record, after its label).
                    if width >= 64 && !sentence {
                        assert!(
                            unicode_width::UnicodeWidthStr::width(line) <= width,
                            "{context}: {} columns: {line:?}\n{out}",
                            unicode_width::UnicodeWidthStr::width(line)
                        );
                    }
                }
            }
        }
    }
}

/// Dates in the output are whole dates: every four digits and a dash are
/// followed by a month and a day.
#[test]
fn every_date_in_fitted_output_is_whole() {
    let env = sample();
    for (name, args) in COMMANDS {
        for lang in ["en", "zh"] {
            for width in [60, 80, 120] {
                let out = run(&env, lang, &["--width", &width.to_string()], args);
                let bytes = out.as_bytes();
                for (i, _) in out.match_indices("2016-") {
                    // (Not the plan's id, fjdrc-2016-zwgk.)
                    if i > 0 && (bytes[i - 1] == b'-' || bytes[i - 1].is_ascii_alphanumeric()) {
                        continue;
                    }
                    let rest = &bytes[i + 5..];
                    let whole = rest.len() >= 5
                        && rest[..2].iter().all(u8::is_ascii_digit)
                        && rest[2] == b'-'
                        && rest[3..5].iter().all(u8::is_ascii_digit);
                    assert!(whole, "{name} {lang} {width}: a date cut at {i}:\n{out}");
                }
            }
        }
    }
}

#[test]
fn a_column_empty_in_every_row_is_left_out_and_wide_brings_it_back() {
    let env = sample();
    // No entry of 2.1's history says who filled it in: the By column.
    let heading = |out: &str| out.lines().next().unwrap().to_string();
    let fitted = run(&env, "en", &["--width", "200"], &["history", "2.1"]);
    assert!(
        !heading(&fitted).split_whitespace().any(|w| w == "By"),
        "{fitted}"
    );
    let wide = run(&env, "en", &["--wide"], &["history", "2.1"]);
    assert!(
        heading(&wide).split_whitespace().any(|w| w == "By"),
        "{wide}"
    );
    // --wide lays out whole whatever the width asked by COLUMNS.
    let mut cmd = env.command_at("2016-09-30", &["--wide", "history", "2.1"]);
    cmd.env("COLUMNS", "60");
    assert_eq!(
        crate::support::run(cmd).stdout,
        env.tasks_at("2016-09-30", &["history", "2.1"]).stdout
    );
    // And the table with it is the table off a terminal.
    let piped = env.tasks_at("2016-09-30", &["history", "2.1"]).stdout;
    assert_eq!(piped.replace(account(&env).as_str(), "[me]"), wide);
}

#[test]
fn off_a_terminal_without_a_width_tables_are_whole() {
    let env = sample();
    for (name, args) in COMMANDS {
        let piped = env.tasks_at("2016-09-30", args);
        let wide = env.tasks_at("2016-09-30", &[&["--wide"][..], args].concat());
        assert_eq!(piped.stdout, wide.stdout, "{name}");
    }
    // Each task line of the report whole on one line, its title and due
    // date with it.
    let report = env.tasks_at("2016-09-30", &["report"]).stdout;
    let line = report
        .lines()
        .find(|l| l.starts_with(" 1.3 "))
        .expect("task 1.3");
    assert!(
        line.contains("加大稳增长、促改革、调结构、惠民生、防风险等方面的政策公开力度")
            && line.contains("2016-12-31")
            && line.contains("各相关政策起草处室"),
        "{line}"
    );
}

#[test]
fn columns_sets_the_width_and_the_width_option_comes_first() {
    let env = sample();
    let with_columns = |columns: &str, args: &[&str]| {
        let mut cmd = env.command_at("2016-09-30", args);
        cmd.env("COLUMNS", columns);
        crate::support::run(cmd).stdout
    };
    let at_80 = env
        .tasks_at("2016-09-30", &["--width", "80", "list"])
        .stdout;
    assert_eq!(with_columns("80", &["list"]), at_80);
    assert_eq!(with_columns("120", &["--width", "80", "list"]), at_80);
    // A COLUMNS that is not a width is not taken.
    let piped = env.tasks_at("2016-09-30", &["list"]).stdout;
    assert_eq!(with_columns("", &["list"]), piped);
    assert_eq!(with_columns("wide", &["list"]), piped);
    // --width wants a number above 0; --wide and --width do not go together.
    for args in [
        &["--width", "0", "list"][..],
        &["--width", "x", "list"],
        &["--wide", "--width", "80", "list"],
    ] {
        let run = env.tasks(args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.stdout.is_empty());
    }
}
