//! Everything printed for people is in the language asked for: a month of
//! work on the sample plan, and the usual mistakes, run under `--lang zh`
//! print no English word but names; run under `--lang en` they print no
//! Chinese but the plan's own words and the few Chinese terms English text
//! shows on purpose.

use std::collections::BTreeSet;

use crate::support::{seed_text, Env, Run};

/// The sample plan with a monthly return due on the 25th and a warning
/// five working days ahead, so that a month has returns to miss.
fn monthly_plan() -> String {
    seed_text().replacen(
        "due = 2016-12-31",
        "due = 2016-12-31\nfeedback = \"monthly\"\nfeedback_day = 25\nwarn = \"5wd\"",
        1,
    )
}

/// One command of the cycle and what it printed.
struct Step {
    args: Vec<String>,
    run: Run,
}

/// Runs the commands of a month's work in `lang`, each at its time, and
/// checks each exits as it should; returns what each printed.
fn monthly_cycle(lang: &str) -> Vec<Step> {
    let env = Env::new();
    let plan = monthly_plan();
    env.write("plan.toml", &plan);
    env.write(
        "plan2.toml",
        plan.replacen("warn = \"5wd\"", "warn = \"3wd\"", 1),
    );
    // A return with one row that names a division not in the plan.
    env.write(
        "反馈.csv",
        "task,division,status,percent,note,at\n\
         1.7,法规处,推进中,40,已完成初稿,2016-07-20\n\
         2.2,不存在的处,推进中,10,正在起草,2016-07-20\n",
    );
    env.write(
        "反馈2.csv",
        "task,division,status,percent,note,at\n\
         1.7,法规处,推进中,40,已完成初稿,2016-07-20\n\
         2.2,法规处,推进中,10,正在起草,2016-07-20\n",
    );
    let mut steps = Vec::new();
    let mut step = |when: &str, args: &[&str], status: i32| -> String {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        let run = env.tasks_at(when, &all);
        assert_eq!(
            run.status,
            status,
            "tasks {}\nstdout: {}\nstderr: {}",
            all.join(" "),
            run.stdout,
            run.stderr
        );
        let stdout = run.stdout.clone();
        steps.push(Step {
            args: all.iter().map(|a| a.to_string()).collect(),
            run,
        });
        stdout
    };
    step("2016-06-21T09:00", &["load", "plan.toml"], 0);
    step("2016-06-21T09:05", &["load", "plan.toml", "--dry-run"], 0);
    step("2016-06-21T09:10", &["load", "plan2.toml"], 0);
    step("2016-06-21T09:20", &["plans"], 0);
    step("2016-06-21T09:20", &["list"], 0);
    step("2016-06-21T09:20", &["list", "--division", "法规处"], 0);
    step("2016-06-21T09:20", &["show", "3.3"], 0);
    step("2016-06-21T09:20", &["divisions"], 0);
    step(
        "2016-06-30T10:00",
        &["form", "--division", "法规处", "--output", "法规处.xlsx"],
        0,
    );
    step(
        "2016-06-30T10:00",
        &["form", "--all", "--output-dir", "反馈表", "--format", "csv"],
        0,
    );
    let first = step(
        "2016-07-10T09:00",
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "推进中",
            "--percent",
            "30",
            "--note",
            "已起草",
        ],
        0,
    );
    step(
        "2016-07-21T09:00",
        &["feedback", "--from", "反馈.csv", "--dry-run"],
        2,
    );
    step("2016-07-21T09:00", &["feedback", "--from", "反馈.csv"], 2);
    step("2016-07-21T09:10", &["feedback", "--from", "反馈2.csv"], 0);
    step("2016-07-21T09:20", &["feedback", "--from", "反馈2.csv"], 0);
    step(
        "2016-07-22T09:00",
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "已完成",
        ],
        0,
    );
    step("2016-07-22T10:00", &["review", "2.4", "--accept"], 0);
    step(
        "2016-07-22T11:00",
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "done",
        ],
        0,
    );
    step(
        "2016-07-22T11:30",
        &["review", "2.1", "--return", "--note", "请补充依据"],
        0,
    );
    let number = record_number(&first);
    step(
        "2016-07-23T09:00",
        &["void", &number, "--reason", "误报，以反馈表为准"],
        0,
    );
    step("2016-07-23T09:30", &["event", "3.3", "政策文件公开"], 0);
    step("2016-07-25T09:00", &["imports"], 0);
    step("2016-07-25T09:00", &["history", "1.7"], 0);
    step("2016-07-25T09:00", &["show", "2.1"], 0);
    step("2016-07-26T09:00", &["report"], 0);
    step(
        "2016-07-26T09:00",
        &["report", "--by", "division", "--summary"],
        0,
    );
    step("2016-07-26T09:00", &["report", "--format", "md"], 0);
    step("2016-07-26T09:00", &["report", "--format", "csv"], 0);
    step("2016-07-26T09:00", &["check"], 1);
    step("2016-07-26T09:00", &["remind", "--division", "法规处"], 0);
    step(
        "2016-07-26T09:00",
        &["calendar", "add", "2016-09-30", "3wd"],
        0,
    );
    step("2016-07-26T09:00", &["calendar", "show", "2016-10"], 0);
    step("2016-07-26T09:00", &["demo"], 0);
    steps
}

/// The number of the record a confirmation names first: `#12` in it.
fn record_number(confirmation: &str) -> String {
    let after = confirmation
        .split('#')
        .nth(1)
        .unwrap_or_else(|| panic!("no record number in {confirmation:?}"));
    after.chars().take_while(char::is_ascii_digit).collect()
}

/// The usual mistakes, each in `lang`: every one is refused with exit
/// status 2 and says nothing on standard output.
fn mistakes(lang: &str) -> Vec<Step> {
    let env = Env::new();
    env.write("plan.toml", monthly_plan());
    env.write(
        "有误的方案.toml",
        monthly_plan()
            .replacen("lead = \"法规处\"", "lead = \"不存在的处\"", 1)
            .replacen("due = 2016-12-31\n", "due = 2016-13-31\n", 1)
            .replacen("within = \"3wd\"", "within = \"3days\"", 1),
    );
    let missing = env.path("没有的.db");
    let missing = missing.to_str().expect("a path in UTF-8");
    let mut steps = Vec::new();
    // Before any plan is loaded: there is no database.
    for args in [
        &["list"][..],
        &["load", "有误的方案.toml"],
        &["load", "没有的方案.toml"],
        &["load", "."],
    ] {
        steps.push(refused(&env, lang, args));
    }
    env.tasks_at("2016-06-21T09:00", &["load", "plan.toml"])
        .ok();
    for args in [
        &["show", "9.9"][..],
        &["show", "别的方案:1.1"],
        &["list", "--plan", "别的方案"],
        &["list", "--division", "不存在的处"],
        &["list", "--section", "9"],
        &["--db", missing, "list"],
        &["calendar", "add", "2016-02-30", "3wd"],
        &["calendar", "add", "2016-10-01", "3x"],
        &["calendar", "show", "2016-13"],
        &["--as-of", "2016-13-01", "list"],
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "推进中",
            "--at",
            "昨天",
        ],
        &[
            "feedback",
            "1.7",
            "--division",
            "不存在的处",
            "--status",
            "推进中",
        ],
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "做完了",
        ],
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "已完成",
            "--percent",
            "50",
        ],
        &["feedback", "1.7", "--division", "法规处"],
        &["review", "1.1", "--accept"],
        &["event", "1.1", "政策文件公开"],
        &["void", "9999", "--reason", "误报"],
        &["report", "--output", ""],
        &["report", "--output", "."],
        &["form", "--division", "法规处", "--output", "法规处.pdf"],
        &["form", "--division", "不存在的处", "--output", "表.xlsx"],
        &[
            "--as-of",
            "2016-07-01",
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "推进中",
        ],
    ] {
        steps.push(refused(&env, lang, args));
    }
    steps
}

/// Runs a command that must be refused: exit status 2, nothing on
/// standard output.
#[track_caller]
fn refused(env: &Env, lang: &str, args: &[&str]) -> Step {
    let mut all = vec!["--lang", lang];
    all.extend_from_slice(args);
    let run = env.tasks_at("2016-07-26T09:00", &all);
    assert_eq!(run.status, 2, "tasks {}: {}", all.join(" "), run.stderr);
    assert_eq!(run.stdout, "", "tasks {}", all.join(" "));
    Step {
        args: all.iter().map(|a| a.to_string()).collect(),
        run,
    }
}

/// Words of the data that may be shown in any language: the plan's id and
/// what its texts hold in Latin letters.
const DATA_WORDS: &[&str] = &["fjdrc", "zwgk", "PPP"];

/// Values the mistakes give that are quoted back to the user.
const GIVEN: &[&str] = &["3x", "3days"];

/// What Chinese output may hold in Latin letters, besides names of
/// commands (after `tasks`), options (`--x`), files and paths, and text in
/// backticks: formats, encodings and programs known by these names, the
/// spellings of dates, and the variables of the environment.
const ALLOWED_IN_CHINESE: &[&str] = &[
    "tasks",
    "csv",
    "CSV",
    "json",
    "JSON",
    "xlsx",
    "md",
    "TOML",
    "toml",
    "UTF",
    "Excel",
    "WPS",
    "SQLite",
    "YYYY",
    "MM",
    "DD",
    "M",
    "D",
    "HH",
    "SS",
    "TASKS_NOW",
    "TASKS_DB",
];

/// The commands of `tasks`, allowed right after `tasks` (or `tasks
/// calendar`).
const COMMANDS: &[&str] = &[
    "load",
    "plans",
    "list",
    "show",
    "divisions",
    "feedback",
    "review",
    "void",
    "imports",
    "history",
    "report",
    "event",
    "check",
    "remind",
    "form",
    "calendar",
    "add",
    "demo",
];

/// File name endings that make a word a file's name.
const EXTENSIONS: &[&str] = &[".toml", ".csv", ".xlsx", ".md", ".json", ".db", ".pdf"];

/// The English words of one line of Chinese output, as the reader sees
/// them: runs of Latin letters outside backticks, paths and file names,
/// options, and commands named after `tasks`.
fn english_words(line: &str) -> Vec<String> {
    // A line of a file shown under its number is the file's.
    let trimmed = line.trim_start();
    let number = trimmed.chars().take_while(char::is_ascii_digit).count();
    if number > 0 && trimmed[number..].starts_with(" |") {
        return Vec::new();
    }
    // What the user gave, quoted back.
    let mut line = line.to_string();
    for given in GIVEN {
        line = line.replace(&format!("“{given}”"), "“”");
    }
    // Text in backticks is a command or a name quoted as it is written.
    let mut plain = String::new();
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            plain.push_str(part);
        }
        plain.push(' ');
    }
    // Tokens: runs of printable ASCII; Chinese characters and punctuation,
    // like spaces, separate them.
    let tokens: Vec<&str> = plain
        .split(|c: char| !c.is_ascii_graphic())
        .filter(|t| !t.is_empty())
        .collect();
    let mut words = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let token = token.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '"' | '\''));
        let is_path = token.contains('/') || token.contains('\\');
        // A file's name, alone or at the head of a place (`a.csv:3:5`).
        let is_file = EXTENSIONS
            .iter()
            .any(|e| token.ends_with(e) || token.contains(&format!("{e}:")));
        let is_option = token.starts_with("--");
        let after = |word: &str| i > 0 && tokens[i - 1] == word;
        let is_command = COMMANDS.contains(&token) && (after("tasks") || after("calendar"));
        // A file's digest, as `imports` shows it.
        let is_digest = token.len() >= 12 && token.chars().all(|c| c.is_ascii_hexdigit());
        // Who recorded, as the system names the account.
        let is_account = token == tasks::account::name();
        if is_path || is_file || is_option || is_command || is_digest || is_account {
            continue;
        }
        // Words within the token: letters and underscores; a unit right
        // after a number (3wd, 10d, 24h) is part of the number.
        let chars: Vec<char> = token.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            if !(chars[k].is_ascii_alphabetic() || chars[k] == '_') {
                k += 1;
                continue;
            }
            let start = k;
            while k < chars.len() && (chars[k].is_ascii_alphabetic() || chars[k] == '_') {
                k += 1;
            }
            let word: String = chars[start..k].iter().collect();
            let unit = start > 0
                && chars[start - 1].is_ascii_digit()
                && ["wd", "d", "h"].contains(&word.as_str());
            if !(unit
                || ALLOWED_IN_CHINESE.contains(&word.as_str())
                || DATA_WORDS.contains(&word.as_str()))
            {
                words.push(word);
            }
        }
    }
    words
}

/// Fails with every line of `steps`' output that holds an English word.
#[track_caller]
fn assert_no_english(steps: &[Step]) {
    let mut found = Vec::new();
    for step in steps {
        for (stream, text) in [("stdout", &step.run.stdout), ("stderr", &step.run.stderr)] {
            for line in text.lines() {
                let words = english_words(line);
                if !words.is_empty() {
                    found.push(format!(
                        "tasks {} ({stream}): {words:?} in {line:?}",
                        step.args.join(" ")
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "English in Chinese output:\n{}",
        found.join("\n")
    );
}

/// Whether `c` is a Chinese character or Chinese punctuation.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// The Chinese words English output shows on purpose: a status's and a
/// role's Chinese name beside the English one, and the Chinese spelling of
/// dates (2016年10月1日) among those understood.
const CHINESE_IN_ENGLISH: &[&str] = &[
    "未启动",
    "推进中",
    "受阻",
    "已完成",
    "已销号",
    "已撤销",
    "牵头",
    "配合",
    "自身建设",
    "年",
    "月",
    "日",
];

/// Fails with every line of `steps`' output that holds Chinese text that is
/// neither the data's (`data`, the texts the cycle was given) nor one of
/// the words English output shows on purpose.
#[track_caller]
fn assert_no_chinese(steps: &[Step], data: &str) {
    let mut found = Vec::new();
    for step in steps {
        for (stream, text) in [("stdout", &step.run.stdout), ("stderr", &step.run.stderr)] {
            for line in text.lines() {
                let runs: BTreeSet<String> = line
                    .split(|c: char| {
                        !is_chinese(c)
                            || matches!(c, '，' | '、' | '：' | '；' | '。' | '（' | '）')
                    })
                    .filter(|run| !run.is_empty())
                    .filter(|run| !data.contains(run) && !CHINESE_IN_ENGLISH.contains(run))
                    .map(str::to_string)
                    .collect();
                if !runs.is_empty() {
                    found.push(format!(
                        "tasks {} ({stream}): {runs:?} in {line:?}",
                        step.args.join(" ")
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "Chinese in English output:\n{}",
        found.join("\n")
    );
}

/// The texts a cycle was given, in which its Chinese words are data: the
/// plan, the returns and notes, and the names of the holidays.
fn data_texts() -> String {
    let holidays =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/holidays-cn.txt"))
            .expect("holiday data");
    let returns = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/sample-feedback.toml"
    ))
    .expect("sample returns");
    // The files' comments are not what their data says.
    let uncommented = |text: &str| -> String {
        text.lines()
            .map(|l| l.split('#').next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (holidays, returns) = (uncommented(&holidays), uncommented(&returns));
    format!(
        "{}\n{holidays}\n{returns}\n已起草 已完成初稿 正在起草 请补充依据 误报，以反馈表为准 \
         政策文件公开 反馈表 反馈.csv 反馈2.csv 法规处.xlsx 不存在的处 别的方案 有误的方案.toml \
         没有的方案.toml 没有的.db 昨天 做完了 表.xlsx 法规处.pdf",
        uncommented(&seed_text())
    )
}

#[test]
fn a_month_of_work_in_chinese_prints_no_english() {
    let steps = monthly_cycle("zh");
    // Each step said something, in Chinese unless it printed only numbers
    // and dates.
    for step in &steps {
        let all = format!("{}{}", step.run.stdout, step.run.stderr);
        let only_dates = all
            .chars()
            .all(|c| c.is_ascii_digit() || "-: \n".contains(c));
        assert!(
            all.chars().any(is_chinese) || (only_dates && !all.trim().is_empty()),
            "tasks {}: {all:?}",
            step.args.join(" ")
        );
    }
    assert_no_english(&steps);
}

#[test]
fn a_month_of_work_in_english_prints_no_chinese_but_the_datas() {
    let steps = monthly_cycle("en");
    assert_no_chinese(&steps, &data_texts());
}

#[test]
fn mistakes_are_told_in_chinese() {
    let steps = mistakes("zh");
    for step in &steps {
        assert!(
            step.run.stderr.starts_with("错误：") || step.run.stderr.starts_with("错误:"),
            "tasks {}: {}",
            step.args.join(" "),
            step.run.stderr
        );
    }
    assert_no_english(&steps);
}

#[test]
fn mistakes_are_told_in_english() {
    let steps = mistakes("en");
    for step in &steps {
        assert!(
            step.run.stderr.starts_with("error: "),
            "tasks {}: {}",
            step.args.join(" "),
            step.run.stderr
        );
    }
    assert_no_chinese(&steps, &data_texts());
}

#[test]
fn a_chinese_locale_is_as_good_as_lang_zh() {
    let env = Env::new();
    env.write("plan.toml", monthly_plan());
    env.tasks_at("2016-06-21T09:00", &["load", "plan.toml"])
        .ok();
    for args in [
        &["show", "2.1"][..],
        &["show", "9.9"],
        &["list", "--division", "法规处"],
    ] {
        let mut flagged = vec!["--lang", "zh"];
        flagged.extend_from_slice(args);
        let by_flag = env.tasks_at("2016-07-01", &flagged);
        let mut cmd = env.command_at("2016-07-01", args);
        cmd.env("LANG", "zh_CN.UTF-8");
        let by_locale = crate::support::run(cmd);
        assert_eq!(by_locale.status, by_flag.status, "{args:?}");
        assert_eq!(by_locale.stdout, by_flag.stdout, "{args:?}");
        assert_eq!(by_locale.stderr, by_flag.stderr, "{args:?}");
        assert!(
            format!("{}{}", by_locale.stdout, by_locale.stderr)
                .chars()
                .any(is_chinese),
            "{args:?}"
        );
    }
}

#[test]
fn the_word_scanner_finds_what_it_looks_for() {
    assert_eq!(
        english_words("错误：没有任务“9.9”（见 `tasks list`）"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words("已记录 #3：任务 1.7，法规处：推进中 30%"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words(
            "下一步：tasks load data/fjdrc-2016-zwgk.toml，然后 tasks list --division 法规处"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words("已生成 反馈表/法规处.csv：3 项任务"),
        Vec::<String>::new()
    );
    assert_eq!(english_words("3wd 之后"), Vec::<String>::new());
    assert_eq!(
        english_words("反馈.csv:3:5：没有处室"),
        Vec::<String>::new()
    );
    assert_eq!(english_words("19 | due = 2016-13-31"), Vec::<String>::new());
    assert_eq!(
        english_words("   |       ^^^ 应为日期"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words("   |       ^^^ expected a date"),
        ["expected", "a", "date"]
    );
    assert_eq!(english_words("“3x”不是时长"), Vec::<String>::new());
    assert_eq!(english_words("错误：no task \"9.9\""), ["no", "task"]);
    assert_eq!(english_words("方案 list 载入"), ["list"]);
    assert_eq!(english_words("状态：in-progress"), ["in", "progress"]);
}
