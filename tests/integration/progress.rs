//! Feedback, reviews, history and the report.

use std::path::Path;

use serde_json::{json, Value};

use crate::support::{at, json_at, run, Env};

fn status_of(env: &Env, when: &str, task: &str) -> String {
    json_at(env, when, &["show", task, "--format", "json"])["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn statuses_follow_feedback_and_review() {
    let env = Env::seeded();
    assert_eq!(status_of(&env, "2016-07-01", "3.5"), "not-started");
    // A supporting division's work puts the task in progress.
    at(
        &env,
        "2016-07-10",
        &[
            "feedback",
            "3.5",
            "--division",
            "法规处",
            "--status",
            "in-progress",
            "--percent",
            "30",
        ],
    );
    assert_eq!(status_of(&env, "2016-07-10", "3.5"), "in-progress");
    // Any assignee blocked: the task is blocked.
    at(
        &env,
        "2016-07-12",
        &[
            "feedback",
            "3.5",
            "--division",
            "法规处",
            "--status",
            "受阻",
            "--note",
            "等待审查意见",
        ],
    );
    assert_eq!(status_of(&env, "2016-07-12", "3.5"), "blocked");
    // A supporter reporting done does not make the task done.
    at(
        &env,
        "2016-07-20",
        &[
            "feedback",
            "3.5",
            "--division",
            "法规处",
            "--status",
            "done",
        ],
    );
    assert_eq!(status_of(&env, "2016-07-20", "3.5"), "in-progress");
    // The lead's done does, awaiting review.
    let out = at(
        &env,
        "2016-07-25",
        &[
            "feedback",
            "3.5",
            "--division",
            "办公室",
            "--status",
            "done",
            "--note",
            "目录已发布",
        ],
    );
    assert_eq!(
        out,
        "Recorded #4: task 3.5, 办公室: done 100% at 2016-07-25 23:59:59. Task 3.5 is now done.\n"
    );
    // The office returns it: in progress again, the note visible in show and history.
    let out = at(
        &env,
        "2016-07-26",
        &["review", "3.5", "--return", "--note", "请补充保密审查记录"],
    );
    assert_eq!(out, "Task 3.5 returned: it is in-progress again.\n");
    let shown = json_at(&env, "2016-07-26", &["show", "3.5", "--format", "json"]);
    assert_eq!(shown["status"], "in-progress");
    let last = shown["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "review");
    assert_eq!(last["what"], "return");
    assert_eq!(last["note"], "请补充保密审查记录");
    assert!(at(&env, "2016-07-26", &["show", "3.5"]).contains("请补充保密审查记录"));
    // Done again, then accepted: closed.
    at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "3.5",
            "--division",
            "办公室",
            "--status",
            "已完成",
        ],
    );
    assert_eq!(status_of(&env, "2016-08-01", "3.5"), "done");
    let out = at(
        &env,
        "2016-08-02",
        &["review", "3.5", "--accept", "--by", "王主任"],
    );
    assert_eq!(out, "Task 3.5 accepted: closed (已销号).\n");
    assert_eq!(status_of(&env, "2016-08-02", "3.5"), "closed");
    // As of earlier dates the task is what it was then.
    assert_eq!(status_of(&env, "2016-07-12", "3.5"), "blocked");
    assert_eq!(status_of(&env, "2016-07-31", "3.5"), "in-progress");
    // History is in time order, with every entry.
    let history = json_at(&env, "2016-12-31", &["history", "3.5", "--format", "json"]);
    let kinds: Vec<(&str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["who"].as_str().unwrap(), h["what"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("法规处", "in-progress"),
            ("法规处", "blocked"),
            ("法规处", "done"),
            ("办公室", "done"),
            ("办公室", "return"),
            ("办公室", "done"),
            ("办公室", "accept"),
        ]
    );
    // list --status follows the derived status.
    let closed = json_at(
        &env,
        "2016-12-31",
        &["list", "--status", "closed", "--format", "json"],
    );
    assert_eq!(closed.as_array().unwrap().len(), 1);
    assert_eq!(closed[0]["id"], "3.5");
}

#[test]
fn aliases_and_memberless_groups_report_for_their_assignment() {
    let env = Env::seeded();
    let out = at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "1.7",
            "--division",
            "政策法规处",
            "--status",
            "in-progress",
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["division"], "法规处");
    assert_eq!(v["assignee"], "法规处");
    at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "3.1",
            "--division",
            "各相关业务处室",
            "--status",
            "in-progress",
        ],
    );
    assert_eq!(status_of(&env, "2016-08-01", "3.1"), "in-progress");
}

#[test]
fn members_of_an_assigned_group_report_for_the_group() {
    let env = Env::new();
    env.write(
        "p.toml",
        "[plan]\nid = \"p\"\ntitle = \"t\"\noffice = \"办公室\"\nissued = 2025-01-01\n\
         [[division]]\nname = \"办公室\"\n[[division]]\nname = \"投资处\"\n[[division]]\nname = \"区域处\"\n\
         [[group]]\nname = \"各业务处室\"\nmembers = [\"投资处\", \"区域处\"]\n\
         [[section]]\nid = \"1\"\ntitle = \"s\"\nrole = \"own\"\n\
         [[task]]\nid = \"1\"\nsection = \"1\"\ntitle = \"t\"\nlead = \"各业务处室\"\nsupport = [\"办公室\"]\n",
    );
    env.tasks(&["load", "p.toml"]).ok();
    let v: Value = serde_json::from_str(&at(
        &env,
        "2025-03-01",
        &[
            "feedback",
            "1",
            "--division",
            "区域处",
            "--status",
            "done",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(v["assignee"], "各业务处室");
    assert_eq!(
        v["task_status"], "done",
        "the lead group's member reported done"
    );
    let report = json_at(&env, "2025-03-01", &["report", "--format", "json"]);
    let lead = &report["plans"][0]["tasks"][0]["assignees"][0];
    assert_eq!(lead["name"], "各业务处室");
    assert_eq!(lead["latest"]["division"], "区域处");
    // By division, members count the tasks of their groups.
    let by_div = json_at(
        &env,
        "2025-03-01",
        &["report", "--by", "division", "--format", "json"],
    );
    let figures = by_div["plans"][0]["figures"].as_array().unwrap();
    let row = |name: &str| figures.iter().find(|f| f["key"] == name).unwrap().clone();
    assert_eq!(row("投资处")["lead"], 1);
    assert_eq!(row("办公室")["support"], 1);
    assert_eq!(row("各业务处室")["done"], 1);
}

#[test]
fn back_dated_entries_count_from_their_date() {
    let env = Env::seeded();
    at(
        &env,
        "2016-09-30",
        &[
            "feedback",
            "2.3",
            "--division",
            "区域处",
            "--status",
            "in-progress",
            "--at",
            "2016-08-15T10:00",
        ],
    );
    assert_eq!(status_of(&env, "2016-08-14", "2.3"), "not-started");
    assert_eq!(status_of(&env, "2016-08-15", "2.3"), "in-progress");
    let h = json_at(&env, "2016-09-30", &["history", "2.3", "--format", "json"]);
    assert_eq!(h[0]["at"], "2016-08-15 10:00:00");
    assert_eq!(h[0]["recorded_at"], "2016-09-30 23:59:59");
}

#[test]
fn the_report_as_of_a_date_ignores_later_entries() {
    let env = Env::seeded();
    at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    at(&env, "2016-08-03", &["review", "2.4", "--accept"]);
    at(
        &env,
        "2016-09-01",
        &[
            "feedback",
            "1.4",
            "--division",
            "体改处",
            "--status",
            "blocked",
            "--note",
            "范围待定",
        ],
    );
    let early = json_at(&env, "2016-08-02", &["report", "--format", "json"]);
    let late = json_at(&env, "2016-09-01", &["report", "--format", "json"]);
    let total = |r: &Value, k: &str| r["plans"][0]["total"][k].as_u64().unwrap();
    assert_eq!(total(&early, "done"), 1);
    assert_eq!(total(&early, "closed"), 0);
    assert_eq!(total(&early, "blocked"), 0);
    assert_eq!(total(&late, "closed"), 1);
    assert_eq!(total(&late, "blocked"), 1);
    assert_eq!(total(&late, "tasks"), 19);
    assert_eq!(
        total(&late, "completion"),
        5,
        "1 of 19 closed, rounded down"
    );
    assert_eq!(early["as_of"], "2016-08-02 23:59:59");
    // Overdue once the due date has passed, for open work only.
    let after = json_at(&env, "2017-01-05", &["report", "--format", "json"]);
    assert_eq!(total(&after, "overdue"), 18);
    let sections = after["plans"][0]["figures"].as_array().unwrap();
    assert_eq!(sections.len(), 3);
    assert_eq!(sections[1]["key"], "2");
    assert_eq!(sections[1]["closed"], 1);
    assert_eq!(sections[1]["completion"], 20);
}

#[test]
fn the_report_comes_as_markdown_and_csv() {
    let env = Env::seeded();
    at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "1.1",
            "--division",
            "信用办",
            "--status",
            "in-progress",
            "--percent",
            "40",
            "--note",
            "=cmd|' /C calc'!A0",
        ],
    );
    let md = at(&env, "2016-08-01", &["report", "--format", "md"]);
    assert!(
        md.starts_with("## 2016年政务公开工作分解落实方案 闽发改办〔2016〕452号\n"),
        "{md}"
    );
    assert!(md.contains("| 1 | 我委作为牵头部门的工作 | 7 |"), "{md}");
    assert!(
        md.contains("=cmd\\|' /C calc'!A0"),
        "pipes are escaped: {md}"
    );
    let csv = at(&env, "2016-08-01", &["report", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "plan,task,section,title,status,due,overdue,light,open_obligations,missing_feedback,assignee,role,assignee_status,percent,note,reported_by,reported_at"
    );
    assert!(
        csv.contains(",in-progress,40,'=cmd|' /C calc'!A0,信用办,2016-08-01 23:59:59"),
        "{csv}"
    );
    // One row per task and assignee: 19 tasks, 25 assignments.
    assert_eq!(csv.lines().count(), 1 + 25);
}

#[test]
fn a_batch_file_is_recorded_once() {
    let env = Env::seeded();
    env.write(
        "returns.csv",
        "task,division,status,percent,note,at\n\
         1.7,法规处,in-progress,40,已起草公开目录,2016-08-01\n\
         2.1,政策法规处,推进中,,,2016-08-02T09:30\n\
         2.2,法规处,blocked,10,\"等待省里统一平台, 暂缓\",2016-08-03\n",
    );
    let out = at(&env, "2016-08-05", &["feedback", "--from", "returns.csv"]);
    assert_eq!(out, "Recorded 3 entries from returns.csv (import #1).\n");
    let before = env.snapshot();
    let out = at(&env, "2016-08-06", &["feedback", "--from", "returns.csv"]);
    assert_eq!(
        out,
        "returns.csv: all 3 entries were recorded before; nothing added.\n"
    );
    assert_eq!(before, env.snapshot());
    assert_eq!(status_of(&env, "2016-08-05", "2.2"), "blocked");
    let note =
        json_at(&env, "2016-08-05", &["history", "2.2", "--format", "json"])[0]["note"].clone();
    assert_eq!(note, "等待省里统一平台, 暂缓");
    // The same entries as TOML, plus one new: only the new one is added...
    // (a TOML file is another file, so its entries count as new ones).
    env.write(
        "more.toml",
        "[[feedback]]\ntask = \"1.7\"\ndivision = \"法规处\"\nstatus = \"done\"\nat = 2016-08-04\n",
    );
    let out = at(
        &env,
        "2016-08-05",
        &["feedback", "--from", "more.toml", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        json!({"import": 5, "file": "more.toml", "sheet": null, "dry_run": false, "entries": 1, "added": 1,
               "already_recorded": 0, "repeated_in_file": 0, "left_blank": [],
               "unread_columns": []})
    );
    // A file that adds one row to the first: one entry added.
    let mut grown = std::fs::read_to_string(env.path("returns.csv")).unwrap();
    grown += "2.1,法规处,done,,,2016-08-04\n";
    env.write("returns.csv", grown);
    let out = at(&env, "2016-08-07", &["feedback", "--from", "returns.csv"]);
    assert_eq!(
        out,
        "Recorded 1 of 4 entries from returns.csv (import #7); 3 were recorded before.\n"
    );
}

#[test]
fn the_example_feedback_files_are_valid() {
    let env = Env::seeded();
    // The sample reports on the obligation its incident opened.
    at(
        &env,
        "2016-08-12T10:00",
        &["event", "2.5", "特别重大、重大突发事件"],
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["examples/feedback.csv", "data/sample-feedback.toml"] {
        let path = root.join(file);
        let run = env.tasks_at(
            "2016-12-31",
            &[
                "feedback",
                "--from",
                path.to_str().unwrap(),
                "--format",
                "json",
            ],
        );
        let v: Value = serde_json::from_str(run.ok()).unwrap();
        assert!(v["added"].as_u64().unwrap() > 0, "{file}");
    }
}

#[test]
fn the_demo_ends_with_the_report_as_of_its_fixed_date() {
    let env = Env::new();
    let out = env.tasks(&["demo"]).ok().to_string();
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/demo.txt");
    if std::env::var("TASKS_CASES").as_deref() == Ok("overwrite") {
        std::fs::write(&expected_path, &out).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).expect("tests/snapshots/demo.txt");
    assert_eq!(
        out, expected,
        "the demo output changed; if intended, rerun with TASKS_CASES=overwrite and read the diff"
    );
    let mut cmd = env.command(&["demo", "--lang", "zh"]);
    cmd.env("TASKS_NOW", "2030-01-01");
    let zh = run(cmd);
    assert!(
        zh.stdout.contains("截至 2016-09-30 23:59:59 的汇总"),
        "{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("仅供演示"));
}

#[test]
fn a_return_answers_the_done_it_reviewed_even_within_the_same_second() {
    let env = Env::seeded();
    let fb = [
        "feedback",
        "2.1",
        "--division",
        "法规处",
        "--status",
        "done",
        "--at",
        "2016-08-05",
    ];
    // Everything recorded at the same moment, with the same --at.
    at(&env, "2016-08-06", &fb);
    at(
        &env,
        "2016-08-06",
        &["review", "2.1", "--return", "--at", "2016-08-05"],
    );
    assert_eq!(status_of(&env, "2016-08-06", "2.1"), "in-progress");
    at(
        &env,
        "2016-08-06",
        &[&fb[..6], &["--note", "已补充"]].concat(),
    );
    assert_eq!(status_of(&env, "2016-08-06", "2.1"), "done");
    at(&env, "2016-08-06", &["review", "2.1", "--accept"]);
    assert_eq!(status_of(&env, "2016-08-06", "2.1"), "closed");
}

#[test]
fn undated_batch_entries_are_new_reports_on_another_day() {
    let env = Env::seeded();
    let row = "task,division,status,note\n1.2,数字福建技术应用处,推进中,按计划推进\n";
    env.write("aug.csv", row);
    env.write("sep.csv", row);
    assert_eq!(
        at(&env, "2016-08-25", &["feedback", "--from", "aug.csv"]),
        "Recorded 1 entry from aug.csv (import #1).\n"
    );
    // The same undated row imported again the same day is the same report...
    assert_eq!(
        at(&env, "2016-08-25", &["feedback", "--from", "aug.csv"]),
        "aug.csv: all 1 entries were recorded before; nothing added.\n"
    );
    // ...but a month later it is September's report.
    assert_eq!(
        at(&env, "2016-09-25", &["feedback", "--from", "sep.csv"]),
        "Recorded 1 entry from sep.csv (import #3).\n"
    );
    // An alias and the division's name are the same division.
    env.write(
        "alias.csv",
        "task,division,status,at\n1.7,法规处,in-progress,2016-08-01\n",
    );
    env.write(
        "name.csv",
        "task,division,status,at\n1.7,政策法规处,in-progress,2016-08-01\n",
    );
    at(&env, "2016-09-25", &["feedback", "--from", "alias.csv"]);
    assert_eq!(
        at(&env, "2016-09-25", &["feedback", "--from", "name.csv"]),
        "name.csv: all 1 entries were recorded before; nothing added.\n"
    );
    // A row repeated within a file is recorded once, and said so.
    env.write(
        "twice.csv",
        "task,division,status,at\n2.3,区域处,blocked,2016-09-01\n2.3,区域处,blocked,2016-09-01\n",
    );
    assert_eq!(
        at(&env, "2016-09-25", &["feedback", "--from", "twice.csv"]),
        "Recorded 1 of 2 entries from twice.csv (import #7). 1 repeated an earlier row of the file and were skipped.\n"
    );
}

#[test]
fn identical_reports_at_the_same_moment_still_follow_the_review() {
    let env = Env::seeded();
    let done = [
        "feedback",
        "2.2",
        "--division",
        "法规处",
        "--status",
        "done",
    ];
    at(&env, "2016-08-01", &done);
    at(
        &env,
        "2016-08-01",
        &["review", "2.2", "--return", "--note", "fix"],
    );
    at(&env, "2016-08-01", &done);
    assert_eq!(status_of(&env, "2016-08-01", "2.2"), "done");
    // An accept at the same moment as the earlier return is the later decision.
    at(&env, "2016-08-01", &["review", "2.2", "--accept"]);
    assert_eq!(status_of(&env, "2016-08-01", "2.2"), "closed");
    let h = json_at(&env, "2016-08-01", &["history", "2.2", "--format", "json"]);
    let what: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["what"].as_str().unwrap())
        .collect();
    assert_eq!(what, ["done", "return", "done", "accept"]);
}

/// Two entries at the same moment whose `by` and `note` differ only in where
/// a `|` falls ("a|" + "" and "a" + "|") are different reports: which one is
/// the latest must not depend on which was recorded first.
#[test]
fn the_latest_of_tied_entries_does_not_depend_on_the_order_they_came_in() {
    let entries = [("a|", ""), ("a", "|"), ("a\\", "|b"), ("a", "\\|b")];
    let mut latest = Vec::new();
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]] {
        let env = Env::seeded();
        for i in order {
            let (by, note) = entries[i];
            at(
                &env,
                "2016-08-02",
                &[
                    "feedback",
                    "1.7",
                    "--division",
                    "法规处",
                    "--status",
                    "in-progress",
                    "--at",
                    "2016-08-01T09:30",
                    &format!("--by={by}"),
                    &format!("--note={note}"),
                ],
            );
        }
        let shown = json_at(&env, "2016-08-02", &["show", "1.7", "--format", "json"]);
        latest.push(shown["assignees"][0]["latest"].clone());
    }
    assert_eq!(latest[0], latest[1]);
    assert_eq!(latest[0], latest[2]);
}

#[test]
fn records_cannot_be_made_from_the_future() {
    let env = Env::seeded();
    let before = env.snapshot();
    let run = env.tasks_at(
        "2999-01-01",
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "done",
        ],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("later than the real clock"),
        "{}",
        run.stderr
    );
    assert_eq!(before, env.snapshot());
}

/// Statuses come from each assignee's latest entry, kept as entries are
/// written, when nothing recorded is later than the report's date; and
/// from the history when something is. Both must give the same report.
#[test]
fn the_kept_latest_entries_and_the_history_give_the_same_report() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample-feedback.toml");
    let report = |later_entry: bool| {
        let env = Env::seeded();
        at(
            &env,
            "2016-08-12T10:00",
            &["event", "2.5", "特别重大、重大突发事件"],
        );
        // Out of order: a back-dated entry after the batch.
        env.tasks_at(
            "2016-09-30",
            &["feedback", "--from", sample.to_str().unwrap()],
        )
        .ok();
        at(
            &env,
            "2016-09-30T18:00",
            &[
                "feedback",
                "1.7",
                "--division",
                "法规处",
                "--status",
                "blocked",
                "--at",
                "2016-08-02",
            ],
        );
        if later_entry {
            at(
                &env,
                "2016-10-20",
                &[
                    "feedback",
                    "1.7",
                    "--division",
                    "法规处",
                    "--status",
                    "done",
                ],
            );
        }
        env.tasks_at("2016-09-30", &["report", "--format", "json"])
            .json()
    };
    let kept = report(false);
    let from_history = report(true);
    assert!(kept["plans"][0]["tasks"]
        .as_array()
        .is_some_and(|t| !t.is_empty()));
    assert_eq!(kept, from_history);
}

#[test]
fn a_summary_report_has_the_figures_without_the_task_lines() {
    let env = Env::seeded();
    let whole = at(&env, "2016-10-01", &["report"]);
    let summary = at(&env, "2016-10-01", &["report", "--summary"]);
    // The same heading and figures; nothing from "Tasks" on.
    let figures_end = whole.find("\nTasks\n").expect("a Tasks section");
    assert_eq!(summary, whole[..figures_end]);
    let csv = at(
        &env,
        "2016-10-01",
        &["report", "--summary", "--format", "csv"],
    );
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "plan,section,label,tasks,lead,support,not_started,in_progress,blocked,done,closed,\
             overdue,missing_feedback,completion"
        )
    );
    let total = csv.lines().last().expect("a total row");
    assert!(total.starts_with("fjdrc-2016-zwgk,,,"), "{total}");
    let by_division = at(
        &env,
        "2016-10-01",
        &["report", "--summary", "--by", "division", "--format", "csv"],
    );
    assert!(
        by_division.starts_with("plan,division,label,"),
        "{by_division}"
    );
}
