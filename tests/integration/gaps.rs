//! Behaviour a user would notice if it slipped, each pinned down at its edge
//! through the commands: the last day of the warning window, C1 control
//! characters on their own, reminders for a division through its groups, the
//! order in which statuses take precedence, and the CSV formula guard after
//! leading spaces.

use serde_json::Value;

use crate::support::{at, json_at, Env};

// ------------------------------------------- the last day of the warning window

/// Every deadline of this plan falls on Monday 8 August 2016, the last day
/// of the 5-working-day window that opens on Monday 1 August, or on
/// Tuesday 9 August, the first day after it (no holidays fall between).
const BOUNDARY_PLAN: &str = r#"
[plan]
id = "edge"
title = "期限边界测试"
office = "办公室"
issued = 2016-06-20
due = 2016-12-31
warn = "5wd"

[[division]]
name = "办公室"

[[division]]
name = "法规处"

[[section]]
id = "1"
title = "期限"
role = "lead"

[[task]]
id = "d.last"
section = "1"
title = "提醒期最后一天到期"
text = "八月八日前完成。"
lead = "法规处"
due = 2016-08-08

[[task]]
id = "d.after"
section = "1"
title = "提醒期后一天到期"
text = "八月九日前完成。"
lead = "法规处"
due = 2016-08-09

[[task]]
id = "o.last"
section = "1"
title = "发文后五个工作日内解读"
text = "发文后五个工作日内发布解读材料。"
lead = "法规处"

[[task.rule]]
kind = "after"
event = "发文"
within = "5wd"
what = "发布解读材料"

[[task]]
id = "o.after"
section = "1"
title = "发文后六个工作日内解读"
text = "发文后六个工作日内发布解读材料。"
lead = "法规处"

[[task.rule]]
kind = "after"
event = "发文"
within = "6wd"
what = "发布解读材料"

[[task]]
id = "q.last"
section = "1"
title = "八月八日前解读一次"
text = "八月八日前主要负责人解读一次。"
lead = "法规处"

[[task.rule]]
kind = "quota"
event = "解读"
count = 1
by = 2016-08-08
what = "主要负责人解读"

[[task]]
id = "q.after"
section = "1"
title = "八月九日前解读一次"
text = "八月九日前主要负责人解读一次。"
lead = "法规处"

[[task.rule]]
kind = "quota"
event = "解读"
count = 1
by = 2016-08-09
what = "主要负责人解读"
"#;

/// The lights of every task in `list`, `show` and `report`, which must
/// agree: (id, light) in plan order.
#[track_caller]
fn lights(env: &Env, when: &str) -> Vec<(String, String)> {
    let list = json_at(env, when, &["list", "--format", "json"]);
    let listed: Vec<(String, String)> = list
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap().into(),
                t["light"].as_str().unwrap().into(),
            )
        })
        .collect();
    let report = json_at(env, when, &["report", "--format", "json"]);
    let reported: Vec<(String, String)> = report["plans"][0]["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap().into(),
                t["light"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(listed, reported, "list and report as of {when}");
    for (id, light) in &listed {
        let shown = json_at(env, when, &["show", id, "--format", "json"]);
        assert_eq!(shown["light"], light.as_str(), "show {id} as of {when}");
        let text = at(env, when, &["show", id]);
        assert!(
            text.contains(&format!("Status   not-started ({light})\n")),
            "show {id} as of {when}:\n{text}"
        );
    }
    listed
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(id, light)| (id.to_string(), light.to_string()))
        .collect()
}

#[test]
fn a_deadline_on_the_last_day_of_the_warning_window_is_yellow() {
    let env = Env::new();
    env.write("edge.toml", BOUNDARY_PLAN);
    env.tasks(&["load", "edge.toml"]).ok();
    // The document is issued on Monday 1 August at 9:00: the 5-working-day
    // obligation is due on Monday 8 August, the 6-working-day one on the 9th.
    let out = at(&env, "2016-08-01T09:00", &["event", "o.last", "发文"]);
    assert!(out.contains("due 2016-08-08 23:59:59"), "{out}");
    let out = at(&env, "2016-08-01T09:00", &["event", "o.after", "发文"]);
    assert!(out.contains("due 2016-08-09 23:59:59"), "{out}");

    // As of Monday 1 August the window ends on Monday 8 August: a due date,
    // an obligation and a quota on that day are yellow; a day later, green.
    let expected = pairs(&[
        ("d.last", "yellow"),
        ("d.after", "green"),
        ("o.last", "yellow"),
        ("o.after", "green"),
        ("q.last", "yellow"),
        ("q.after", "green"),
    ]);
    assert_eq!(lights(&env, "2016-08-01T09:00"), expected);
    assert_eq!(lights(&env, "2016-08-01T23:59:59"), expected);
    let show = json_at(
        &env,
        "2016-08-01T09:00",
        &["show", "q.last", "--format", "json"],
    );
    assert_eq!(show["quotas"][0]["state"], "at-risk");
    let show = json_at(
        &env,
        "2016-08-01T09:00",
        &["show", "q.after", "--format", "json"],
    );
    assert_eq!(show["quotas"][0]["state"], "on-track");

    // `check` lists what falls on the last day, and nothing after it but
    // the open obligation.
    let run = env.tasks_at("2016-08-01T09:00", &["check", "--format", "json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let items: Vec<(String, String)> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|i| {
            (
                i["task"].as_str().unwrap().to_string(),
                i["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        items,
        pairs(&[
            ("d.last", "due-soon"),
            ("o.last", "obligation-open"),
            ("q.last", "quota-at-risk"),
            ("o.after", "obligation-open"),
        ])
    );

    // The day before (Friday 29 July, with the obligations not yet opened)
    // the window ends on Friday 5 August: every task is green.
    assert!(lights(&env, "2016-07-29").iter().all(|(_, l)| l == "green"));
    // On Tuesday 2 August the window reaches the 9th: all yellow.
    assert!(lights(&env, "2016-08-02")
        .iter()
        .all(|(_, l)| l == "yellow"));
}

// ------------------------------------------------ C1 control characters alone

/// A plan whose task titles each hold one C1 control character and nothing
/// else that needs escaping: NEL (U+0085) and the 8-bit CSI (U+009B).
const C1_PLAN: &str = r#"
[plan]
id = "c1"
title = "控制字符测试"
office = "办公室"
due = 2016-12-31

[[division]]
name = "办公室"

[[division]]
name = "法规处"

[[section]]
id = "1"
title = "标题"
role = "lead"

[[task]]
id = "1.1"
section = "1"
title = "下一行\u0085标题"
text = "正文"
lead = "法规处"

[[task]]
id = "1.2"
section = "1"
title = "控制序列\u009b2J标题"
text = "正文"
lead = "法规处"
"#;

#[track_caller]
fn assert_escaped(what: &str, text: &str, c: char) {
    assert!(
        !text.contains(c),
        "{what}: raw U+{:04X} in\n{text}",
        c as u32
    );
    let escaped = c.escape_unicode().to_string();
    assert!(
        text.contains(&escaped),
        "{what}: {escaped} expected in\n{text}"
    );
}

#[test]
fn a_c1_control_character_alone_is_escaped_in_titles_notes_and_messages() {
    let env = Env::new();
    env.write("c1.toml", C1_PLAN);
    env.tasks(&["load", "c1.toml"]).ok();
    for (task, c) in [("1.1", '\u{85}'), ("1.2", '\u{9b}')] {
        let note = format!("备注{c}31m内容");
        at(
            &env,
            "2016-08-01",
            &[
                "feedback",
                task,
                "--division",
                "法规处",
                "--status",
                "in-progress",
                "--note",
                &note,
            ],
        );
        let show = at(&env, "2016-08-02", &["show", task]);
        assert_escaped(&format!("show {task}"), &show, c);
        // The title and the note, each escaped.
        assert_eq!(show.matches(&c.escape_unicode().to_string()).count(), 3);
        let history = at(&env, "2016-08-02", &["history", task]);
        assert_escaped(&format!("history {task}"), &history, c);
        let list = at(&env, "2016-08-02", &["list"]);
        assert_escaped("list", &list, c);
        let report = at(&env, "2016-08-02", &["report", "--by", "section"]);
        assert!(!report.contains(c), "report: raw U+{:04X}", c as u32);
    }
    // Error messages: a file name, and an argument clap quotes.
    let run = env.tasks(&["load", "无此文件\u{85}.toml"]);
    assert_eq!(run.status, 2);
    assert_escaped("load's error", &run.stderr, '\u{85}');
    let run = env.tasks(&["calendar", "add", "2016-08-01", "3x\u{9b}"]);
    assert_eq!(run.status, 2);
    assert_escaped("calendar add's error", &run.stderr, '\u{9b}');
    let run = env.tasks(&["load", "无此文件\u{9b}.toml"]);
    assert_eq!(run.status, 2);
    assert_escaped("load's error", &run.stderr, '\u{9b}');
}

// ---------------------------------------------------- remind through groups

/// A plan whose task g.1 is led by a group of 法规处 and 投资处, supported
/// by the office; 区域处 belongs to no group and has no task.
const GROUP_PLAN: &str = r#"
[plan]
id = "grp"
title = "处室组测试"
issued = 2016-06-20
office = "办公室"
due = 2016-12-31

[[division]]
name = "办公室"

[[division]]
name = "法规处"
aliases = ["政策法规处"]

[[division]]
name = "投资处"

[[division]]
name = "区域处"

[[group]]
name = "各相关业务处室"
members = ["法规处", "投资处"]

[[section]]
id = "1"
title = "牵头工作"
role = "lead"

[[task]]
id = "g.1"
section = "1"
title = "由有成员的处室组牵头"
text = "由各相关业务处室牵头办理。"
lead = "各相关业务处室"
support = ["办公室"]
"#;

#[test]
fn remind_for_a_division_includes_the_tasks_of_its_groups() {
    let env = Env::new();
    env.write("grp.toml", GROUP_PLAN);
    env.tasks(&["load", "grp.toml"]).ok();
    let item = "  1. Task g.1 “由有成员的处室组牵头” (lead, as one of 各相关业务处室): due soon, \
                deadline 2016-12-31, 5 days left.\n";
    for (division, to) in [
        ("法规处", "法规处"),
        ("政策法规处", "法规处"),
        ("投资处", "投资处"),
    ] {
        let out = at(&env, "2016-12-26", &["remind", "--division", division]);
        assert!(out.starts_with("REMINDER\n"), "{division}: {out}");
        assert!(out.contains(&format!("To:   {to}\n")), "{division}: {out}");
        assert!(out.contains(item), "{division}: {out}");
        assert_eq!(out.matches("REMINDER\n").count(), 1, "{division}: {out}");
    }
    // The group: one reminder to each of its members.
    let out = at(
        &env,
        "2016-12-26",
        &["remind", "--division", "各相关业务处室"],
    );
    assert_eq!(out.matches(item).count(), 2, "{out}");
    assert!(
        out.contains("To:   法规处\n") && out.contains("To:   投资处\n"),
        "{out}"
    );
    // A division in no group has nothing to do.
    assert_eq!(
        at(&env, "2016-12-26", &["remind", "--division", "区域处"]),
        "No reminders: nothing is overdue, due soon or missing its feedback.\n"
    );
    // Nor before the window.
    assert_eq!(
        at(&env, "2016-12-01", &["remind", "--division", "法规处"]),
        "No reminders: nothing is overdue, due soon or missing its feedback.\n"
    );
}

// ------------------------------------------------------- status precedence

fn feedback(env: &Env, when: &str, task: &str, division: &str, status: &str) {
    at(
        env,
        when,
        &["feedback", task, "--division", division, "--status", status],
    );
}

/// A task's status as `show` and `report` give it as of `when`; they must
/// agree.
#[track_caller]
fn status(env: &Env, when: &str, task: &str) -> String {
    let shown = json_at(env, when, &["show", task, "--format", "json"]);
    let report = json_at(env, when, &["report", "--format", "json"]);
    let reported = report["plans"][0]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == task)
        .unwrap()["status"]
        .clone();
    assert_eq!(shown["status"], reported, "{task} as of {when}");
    reported.as_str().unwrap().to_string()
}

#[test]
fn statuses_take_precedence_in_the_documented_order() {
    // Task 1.1 of the seed plan: lead 信用办, support 数字福建技术应用处.
    let env = Env::seeded();
    let (lead, support) = ("信用办", "数字福建技术应用处");
    feedback(&env, "2016-08-01", "1.1", support, "blocked");
    feedback(&env, "2016-08-02", "1.1", lead, "in-progress");
    feedback(&env, "2016-08-03", "1.1", lead, "done");
    feedback(&env, "2016-08-04", "1.1", support, "in-progress");
    at(
        &env,
        "2016-08-05",
        &["review", "1.1", "--return", "--note", "材料不全"],
    );
    feedback(&env, "2016-08-06", "1.1", lead, "not-started");
    feedback(&env, "2016-08-07", "1.1", support, "not-started");
    feedback(&env, "2016-08-08", "1.1", lead, "done");
    // Blocked by an assignee, before any work shows.
    assert_eq!(status(&env, "2016-08-01", "1.1"), "blocked");
    // Blocked outranks in progress.
    assert_eq!(status(&env, "2016-08-02", "1.1"), "blocked");
    // The lead's done outranks a supporting division's blocked.
    assert_eq!(status(&env, "2016-08-03", "1.1"), "done");
    assert_eq!(status(&env, "2016-08-04", "1.1"), "done");
    // A return answers the done it reviewed: in progress.
    assert_eq!(status(&env, "2016-08-05", "1.1"), "in-progress");
    // Still in progress once returned, whatever the entries say.
    assert_eq!(status(&env, "2016-08-07", "1.1"), "in-progress");
    // A new done after the return.
    assert_eq!(status(&env, "2016-08-08", "1.1"), "done");
    // A returned task with a blocked assignee is blocked.
    feedback(&env, "2016-08-09", "1.1", support, "blocked");
    at(&env, "2016-08-10", &["review", "1.1", "--return"]);
    assert_eq!(status(&env, "2016-08-10", "1.1"), "blocked");

    // A supporting division's done is not the task's: in progress.
    feedback(&env, "2016-08-01", "3.3", "新闻中心", "done");
    assert_eq!(status(&env, "2016-08-02", "3.3"), "in-progress");
    // Accepted: closed, however it stood.
    feedback(&env, "2016-08-03", "3.3", "各政策起草处室", "done");
    assert_eq!(status(&env, "2016-08-03", "3.3"), "done");
    at(&env, "2016-08-04", &["review", "3.3", "--accept"]);
    assert_eq!(status(&env, "2016-08-04", "3.3"), "closed");

    // The report counts the statuses as it derives them.
    let report = json_at(&env, "2016-08-04", &["report", "--format", "json"]);
    let total = &report["plans"][0]["total"];
    assert_eq!(total["done"], 1, "{total}");
    assert_eq!(total["closed"], 1, "{total}");
    let report = json_at(&env, "2016-08-02", &["report", "--format", "json"]);
    let total = &report["plans"][0]["total"];
    assert_eq!(total["blocked"], 1, "{total}");
    assert_eq!(total["in_progress"], 1, "{total}");
}

// ------------------------------------------ the CSV guard after leading spaces

/// Every cell of a CSV text.
fn csv_cells(text: &str) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

#[track_caller]
fn assert_guarded(what: &str, cells: &[String], text: &str) {
    assert!(
        cells.contains(&format!("'{text}")),
        "{what}: {text:?} not guarded in {cells:?}"
    );
    assert!(!cells.contains(&text.to_string()), "{what}: {text:?} raw");
}

#[test]
fn a_formula_after_leading_spaces_stays_text_in_every_csv() {
    let env = Env::seeded();
    let formula = "  =HYPERLINK(\"http://example.com\",\"点此\")";
    let plus = " +1";
    for (task, division, note) in [
        ("1.1", "信用办", formula),
        ("1.2", "数字福建技术应用处", plus),
    ] {
        at(
            &env,
            "2016-08-01",
            &[
                "feedback",
                task,
                "--division",
                division,
                "--status",
                "in-progress",
                "--note",
                note,
            ],
        );
    }
    let cells = |args: &[&str]| csv_cells(&at(&env, "2016-08-02", args));
    // Notes are recorded without the spaces around them, and guarded.
    let report = cells(&["report", "--format", "csv"]);
    assert_guarded("report", &report, formula.trim_start());
    assert_guarded("report", &report, plus.trim_start());
    assert_guarded(
        "history",
        &cells(&["history", "1.1", "--format", "csv"]),
        formula.trim_start(),
    );
    assert_guarded(
        "history",
        &cells(&["history", "1.2", "--format", "csv"]),
        plus.trim_start(),
    );

    // A return file's name keeps its spaces: `imports` guards it.
    for (name, task, division) in [(formula, "1.4", "体改处"), (plus, "1.6", "投资处")] {
        let file = format!("{name}.csv");
        env.write(
            &file,
            format!("task,division,status\n{task},{division},in-progress\n"),
        );
        at(&env, "2016-08-01", &["feedback", "--from", &file]);
        assert_guarded("imports", &cells(&["imports", "--format", "csv"]), &file);
    }

    // A database written by another program may keep the spaces of a note
    // or a title: the report, the history and the list guard them too.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    for table in ["feedback", "latest"] {
        conn.execute(
            &format!("UPDATE {table} SET note = '  ' || note WHERE note <> ''"),
            [],
        )
        .unwrap();
    }
    conn.execute("UPDATE task SET title = ' +' || title WHERE id = '1.4'", [])
        .unwrap();
    drop(conn);
    let spaced_formula = format!("  {}", formula.trim_start());
    let spaced_plus = format!("  {}", plus.trim_start());
    let report = cells(&["report", "--format", "csv"]);
    assert_guarded("report", &report, &spaced_formula);
    assert_guarded("report", &report, &spaced_plus);
    assert_guarded(
        "report",
        &report,
        " +做好市场准入负面清单试点情况的公开工作",
    );
    assert_guarded(
        "history",
        &cells(&["history", "1.1", "--format", "csv"]),
        &spaced_formula,
    );
    assert_guarded(
        "history",
        &cells(&["history", "1.2", "--format", "csv"]),
        &spaced_plus,
    );
    assert_guarded(
        "list",
        &cells(&["list", "--format", "csv"]),
        " +做好市场准入负面清单试点情况的公开工作",
    );
}

// --------------------------------------------- an obligation's first second

/// A return on an obligation may be dated the very second the event opened
/// it, not a second earlier; in a batch as on the command line.
#[test]
fn an_obligation_takes_a_return_from_the_second_it_was_opened() {
    let env = Env::seeded();
    at(
        &env,
        "2016-10-01",
        &[
            "event",
            "3.3",
            "政策文件公开",
            "--at",
            "2016-09-30T10:00:00",
        ],
    );
    let early = env.tasks_at(
        "2016-10-01",
        &[
            "feedback",
            "3.3#1",
            "--division",
            "新闻中心",
            "--status",
            "done",
            "--at",
            "2016-09-30T09:59:59",
        ],
    );
    assert_eq!(early.status, 2, "{}", early.stderr);
    assert!(early.stderr.contains("before"), "{}", early.stderr);
    env.write(
        "early.csv",
        "task,division,status,at\n3.3#1,新闻中心,done,2016-09-30 09:59:59\n",
    );
    assert_eq!(
        env.tasks_at("2016-10-01", &["feedback", "--from", "early.csv"])
            .status,
        2
    );
    env.write(
        "on-time.csv",
        "task,division,status,at\n3.3#1,新闻中心,done,2016-09-30 10:00:00\n",
    );
    at(&env, "2016-10-01", &["feedback", "--from", "on-time.csv"]);
    let shown = json_at(&env, "2016-10-01", &["show", "3.3", "--format", "json"]);
    assert_eq!(
        shown["obligations"][0]["met"], "2016-09-30 10:00:00",
        "{shown}"
    );
}
