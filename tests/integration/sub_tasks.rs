//! Sub-tasks (docs/plan-format.md, "Sub-tasks"; docs/statuses.md, "Tasks
//! with sub-tasks"): a plan whose item 二（一） is divided into duties, one
//! of them divided again.

use crate::support::{at, json_at, Env};

/// 2.1 has sub-tasks 2.1.1 and 2.1.2; 2.1.2 has 2.1.2.1 and 2.1.2.2 (three
/// levels); 2.2 has none. The file gives 2.1.1 after 2.2, so that the tree's
/// order is not the file's.
const PLAN: &str = r#"
[plan]
id = "zwgk"
title = "政务公开工作分解方案"
issued = 2016-06-01
office = "办公室"
due = 2016-12-31

[[division]]
name = "办公室"

[[division]]
name = "法规处"

[[division]]
name = "投资处"

[[division]]
name = "信用办"

[[section]]
id = "1"
title = "自身建设"
role = "own"

[[section]]
id = "2"
title = "推进重点领域信息公开"
role = "lead"

[[task]]
id = "2.1"
section = "2"
title = "推进行政权力清单公开"
lead = "法规处"
support = ["投资处"]
due = 2016-09-30

[[task]]
id = "2.1.2"
parent = "2.1"
title = "动态调整取消、下放事项"
lead = "投资处"
due = 2016-11-30

[[task]]
id = "2.1.2.1"
parent = "2.1.2"
title = "每季度更新一次调整情况"

[[task]]
id = "2.1.2.2"
parent = "2.1.2"
section = "2"
title = "公布调整依据"
support = []

[[task]]
id = "2.2"
section = "2"
title = "推进信用信息公开"
lead = "信用办"

[[task]]
id = "2.1.1"
parent = "2.1"
title = "公布权力清单和责任清单"

[[task]]
id = "1.1"
section = "1"
title = "规范公文办理"
lead = "办公室"
"#;

fn loaded() -> Env {
    let env = Env::new();
    env.write("plan.toml", PLAN);
    at(&env, "2016-06-02", &["load", "plan.toml"]);
    env
}

fn list(env: &Env, when: &str) -> Vec<serde_json::Value> {
    json_at(env, when, &["list", "--format", "json"])
        .as_array()
        .expect("array")
        .clone()
}

fn task<'a>(rows: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    rows.iter().find(|r| r["id"] == id).expect("task listed")
}

fn status(env: &Env, when: &str, id: &str) -> String {
    task(&list(env, when), id)["status"]
        .as_str()
        .expect("status")
        .to_string()
}

/// The status kept in the database for each task (migration 5), by id.
fn kept(env: &Env, id: &str) -> String {
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.query_row("SELECT state FROM task WHERE id = ?1", [id], |r| r.get(0))
        .expect("state")
}

fn feedback(env: &Env, when: &str, id: &str, division: &str, status: &str) {
    at(
        env,
        when,
        &["feedback", id, "--division", division, "--status", status],
    );
}

#[test]
fn sub_tasks_take_what_they_leave_out_from_their_parent() {
    let env = loaded();
    let rows = list(&env, "2016-06-02");
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    // Each sub-task right under its parent, after the parent's earlier ones.
    assert_eq!(
        ids,
        ["2.1", "2.1.2", "2.1.2.1", "2.1.2.2", "2.1.1", "2.2", "1.1"]
    );
    let t = task(&rows, "2.1.1");
    assert_eq!(t["parent"], "2.1");
    assert_eq!(t["section"], "2");
    assert_eq!(t["lead"], "法规处");
    assert_eq!(t["support"], serde_json::json!(["投资处"]));
    assert_eq!(t["due"], "2016-09-30");
    // Its own lead, no longer a supporter; its own due date.
    let t = task(&rows, "2.1.2");
    assert_eq!(t["lead"], "投资处");
    assert_eq!(t["support"], serde_json::json!([]));
    assert_eq!(t["due"], "2016-11-30");
    // Two levels down: the due date its parent gave, not the top's.
    let t = task(&rows, "2.1.2.1");
    assert_eq!(
        (&t["lead"], &t["due"], &t["parent"]),
        (&"投资处".into(), &"2016-11-30".into(), &"2.1.2".into())
    );
    assert_eq!(task(&rows, "2.1.2.2")["support"], serde_json::json!([]));
    // A task without a parent has no `parent` key.
    assert!(task(&rows, "2.2").get("parent").is_none());
}

#[test]
fn the_table_marks_each_sub_task_under_its_parent() {
    let env = loaded();
    let table = at(&env, "2016-06-02", &["list", "--section", "2"]);
    let titles: Vec<&str> = table
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().nth(2).expect("title"))
        .collect();
    assert_eq!(
        titles,
        [
            "推进行政权力清单公开",
            "└",
            "└",
            "└",
            "└",
            "推进信用信息公开"
        ]
    );
    let line = |id: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .expect("line")
            .to_string()
    };
    // Deeper sub-tasks are indented further.
    let mark = |id: &str| line(id).find('└').expect("marked");
    assert!(mark("2.1.2.1") > mark("2.1.2"));
    assert_eq!(mark("2.1.2"), mark("2.1.1"));
    // Every line has the table's columns.
    for id in ["2.1", "2.1.2.1"] {
        assert!(line(id).contains("not-started"), "{}", line(id));
    }
    // A sub-task listed without its parent is not marked under the task
    // above it.
    feedback(&env, "2016-07-01", "2.1.2.1", "投资处", "in-progress");
    let open = at(
        &env,
        "2016-07-02",
        &["list", "--section", "2", "--status", "not-started"],
    );
    let listed: Vec<(&str, bool)> = open
        .lines()
        .skip(2)
        .map(|l| (l.split_whitespace().next().unwrap(), l.contains('└')))
        .collect();
    assert_eq!(
        listed,
        [("2.1.2.2", false), ("2.1.1", false), ("2.2", false)],
        "{open}"
    );
}

#[test]
fn reloading_keeps_history_and_reports_parent_changes() {
    let env = loaded();
    feedback(&env, "2016-07-01", "2.1.1", "法规处", "in-progress");
    let same = at(&env, "2016-07-02", &["load", "plan.toml"]);
    assert!(same.contains("unchanged"), "{same}");

    // 2.1.1 leaves its parent: a change of its own, its history kept.
    let moved = PLAN.replacen(
        "id = \"2.1.1\"\nparent = \"2.1\"",
        "id = \"2.1.1\"\nsection = \"2\"\nlead = \"法规处\"\nsupport = [\"投资处\"]\ndue = 2016-09-30",
        1,
    );
    env.write("moved.toml", &moved);
    let out = at(&env, "2016-07-03", &["load", "moved.toml"]);
    assert!(out.contains("changed     2.1.1 (parent)"), "{out}");
    assert!(!out.contains("2.1.2"), "{out}");
    let history = json_at(
        &env,
        "2016-07-03",
        &["history", "2.1.1", "--format", "json"],
    );
    assert_eq!(history.as_array().expect("array").len(), 1);
    assert!(task(&list(&env, "2016-07-03"), "2.1.1")
        .get("parent")
        .is_none());
    // The parent rolls up from 2.1.2 alone now.
    assert_eq!(status(&env, "2016-07-03", "2.1"), "not-started");
    assert_eq!(kept(&env, "2.1"), "not-started");

    // And back under it.
    let out = at(&env, "2016-07-04", &["load", "plan.toml"]);
    assert!(out.contains("changed     2.1.1 (parent)"), "{out}");
    assert_eq!(status(&env, "2016-07-04", "2.1"), "in-progress");
    assert_eq!(kept(&env, "2.1"), "in-progress");
}

#[test]
fn show_lists_a_parents_sub_tasks_and_names_a_sub_tasks_parent() {
    let env = loaded();
    feedback(&env, "2016-07-01", "2.1.1", "法规处", "done");
    at(
        &env,
        "2016-07-01",
        &[
            "feedback",
            "2.1.2.1",
            "--division",
            "投资处",
            "--status",
            "in-progress",
            "--percent",
            "40",
        ],
    );
    let shown = at(&env, "2016-07-02", &["show", "2.1"]);
    let sub_tasks = shown.split("Sub-tasks").nth(1).expect("sub-tasks listed");
    assert!(sub_tasks.contains("2.1.1") && sub_tasks.contains("2.1.2"));
    assert!(!sub_tasks.contains("2.1.2.1"), "only its own sub-tasks");
    let line = |id: &str| {
        sub_tasks
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .expect("line")
    };
    assert!(line("2.1.1").ends_with("done"));
    assert!(line("2.1.2").ends_with("in-progress"));
    assert!(!shown.contains("Latest feedback"));

    let json = json_at(&env, "2016-07-02", &["show", "2.1", "--format", "json"]);
    let subs: Vec<(&str, &str)> = json["sub_tasks"]
        .as_array()
        .expect("sub_tasks")
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    // In the plan's order: 2.1.2 comes first in the file.
    assert_eq!(subs, [("2.1.2", "in-progress"), ("2.1.1", "done")]);
    // Leaves 2.1.1 (done: 100), 2.1.2.1 (40) and 2.1.2.2 (0).
    assert_eq!(json["percent"], 46);

    let child = at(&env, "2016-07-02", &["show", "2.1.2.1"]);
    let parent_line = child.lines().find(|l| l.trim_start().starts_with("Parent"));
    assert_eq!(
        parent_line.map(|l| l.split_whitespace().nth(1)),
        Some(Some("2.1.2"))
    );
    let child = json_at(&env, "2016-07-02", &["show", "2.1.2.1", "--format", "json"]);
    assert_eq!(child["parent"], "2.1.2");
    assert!(child.get("sub_tasks").is_none());
    // Its due date is its parent's; 2.1.2 gave its own.
    assert_eq!(child["due_from"], "parent");
    assert!(at(&env, "2016-07-02", &["show", "2.1.2.1"]).contains("2016-11-30 (the parent's)"));
    let own = json_at(&env, "2016-07-02", &["show", "2.1.2", "--format", "json"]);
    assert_eq!(own["due_from"], "task");

    let zh = at(&env, "2016-07-02", &["--lang", "zh", "show", "2.1.2.1"]);
    assert!(zh.contains("上级任务"), "{zh}");
}

#[test]
fn report_figures_count_each_leaf_once() {
    let env = loaded();
    feedback(&env, "2016-07-01", "2.1.1", "法规处", "done");
    feedback(&env, "2016-07-01", "2.1.2.1", "投资处", "blocked");
    // Leaves: 2.1.1, 2.1.2.1, 2.1.2.2, 2.2, 1.1.
    for args in [
        vec!["report", "--format", "json"],
        vec!["report", "--summary", "--format", "json"],
        vec!["report", "--by", "division", "--format", "json"],
        vec![
            "report",
            "--by",
            "division",
            "--summary",
            "--format",
            "json",
        ],
        // As of a time before the last record: counted task by task.
        vec!["--as-of", "2016-06-30", "report", "--format", "json"],
    ] {
        let report = json_at(&env, "2016-10-15", &args);
        let plan = &report["plans"][0];
        let total = &plan["total"];
        let before = args.contains(&"2016-06-30");
        assert_eq!(total["tasks"], 5, "{args:?}");
        assert_eq!(total["done"], if before { 0 } else { 1 }, "{args:?}");
        assert_eq!(total["blocked"], if before { 0 } else { 1 }, "{args:?}");
        // No leaf is red yet: 2.1.1, due 2016-09-30, is done (and not
        // yet due as of 2016-06-30); the others are due later.
        assert_eq!(total["overdue"], 0, "{args:?}");
        let figures = plan["figures"].as_array().expect("figures");
        let sum: u64 = figures
            .iter()
            .filter(|f| f["label"] != "group")
            .map(|f| f["tasks"].as_u64().unwrap())
            .sum();
        if !args.contains(&"division") {
            assert_eq!(sum, 5, "{args:?}");
        }
        if args.contains(&"division") {
            let of = |name: &str| {
                figures.iter().find(|f| f["key"] == name).expect("division")["tasks"].clone()
            };
            // 投资处 leads 2.1.2.1, 2.1.2.2 and supports 2.1.1; 法规处
            // leads 2.1.1 only: the parents are not counted.
            assert_eq!(of("投资处"), 3, "{args:?}");
            assert_eq!(of("法规处"), 1, "{args:?}");
        }
    }
    // Past the leaves' due dates, each overdue leaf is one red task.
    let late = json_at(
        &env,
        "2016-12-01",
        &["report", "--summary", "--format", "json"],
    );
    assert_eq!(late["plans"][0]["total"]["overdue"], 2);

    // The task lines: the parent on one line with its status rolled up.
    let report = json_at(&env, "2016-07-02", &["report", "--format", "json"]);
    let tasks = report["plans"][0]["tasks"].as_array().expect("tasks");
    let line = |id: &str| tasks.iter().find(|t| t["id"] == id).expect("line");
    assert_eq!(line("2.1")["status"], "blocked");
    assert_eq!(line("2.1.2")["status"], "blocked");
    assert_eq!(line("2.1.2.1")["parent"], "2.1.2");
    let table = at(&env, "2016-07-02", &["report"]);
    let parent_lines: Vec<&str> = table
        .lines()
        .filter(|l| l.split_whitespace().next() == Some("2.1"))
        .collect();
    assert_eq!(parent_lines.len(), 1, "{table}");
    assert!(table.contains("└ 公布权力清单和责任清单"), "{table}");
}

#[test]
fn check_lists_the_leaves_items_only() {
    let env = loaded();
    // `check` exits 1 when it finds items.
    let run = env.tasks_at("2016-10-15", &["check", "--format", "json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let lines = run.stdout;
    let items: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let ids: Vec<&str> = items
        .iter()
        .map(|i| i["task"].as_str().expect("task"))
        .collect();
    // 2.1.1 took 2016-09-30 from 2.1, which has no item of its own: one
    // item for each of its assignees, as for 2.1.1 alone.
    let of_2_1_1: Vec<&serde_json::Value> = items.iter().filter(|i| i["task"] == "2.1.1").collect();
    assert!(!of_2_1_1.is_empty(), "{lines}");
    assert!(of_2_1_1.iter().all(|i| i["deadline"]
        .as_str()
        .is_some_and(|d| d.starts_with("2016-09-30"))));
    assert!(!ids.contains(&"2.1"), "{ids:?}");
    assert!(!ids.contains(&"2.1.2"), "{ids:?}");
    let text = env.tasks_at("2016-10-15", &["check"]).stdout;
    assert!(
        !text
            .lines()
            .any(|l| l.split_whitespace().nth(1) == Some("2.1")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.split_whitespace().nth(1) == Some("2.1.1")),
        "{text}"
    );
}

#[test]
fn a_parent_is_closed_only_when_all_its_sub_tasks_are() {
    let env = loaded();
    let leaves = [
        ("2.1.1", "法规处"),
        ("2.1.2.1", "投资处"),
        ("2.1.2.2", "投资处"),
    ];
    for (id, division) in leaves {
        feedback(&env, "2016-07-01", id, division, "done");
    }
    assert_eq!(status(&env, "2016-07-02", "2.1"), "done");
    assert_eq!(kept(&env, "2.1"), "done");
    at(&env, "2016-07-03", &["review", "2.1.1", "--accept"]);
    at(&env, "2016-07-03", &["review", "2.1.2.1", "--accept"]);
    assert_eq!(status(&env, "2016-07-04", "2.1.2"), "done");
    assert_eq!(status(&env, "2016-07-04", "2.1"), "done");
    assert_eq!(kept(&env, "2.1"), "done");
    at(&env, "2016-07-05", &["review", "2.1.2.2", "--accept"]);
    for id in ["2.1.2", "2.1"] {
        assert_eq!(status(&env, "2016-07-06", id), "closed", "{id}");
        assert_eq!(kept(&env, id), "closed", "{id}");
    }
    // As of before the last acceptance, it was not closed yet.
    assert_eq!(status(&env, "2016-07-04", "2.1"), "done");
    // Voiding the last acceptance opens it again, up the tree.
    let history = json_at(
        &env,
        "2016-07-06",
        &["history", "2.1.2.2", "--format", "json"],
    );
    let number = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "review")
        .expect("review")["number"]
        .to_string();
    at(&env, "2016-07-07", &["void", &number, "--reason", "误操作"]);
    assert_eq!(kept(&env, "2.1.2"), "done");
    assert_eq!(kept(&env, "2.1"), "done");
    assert_eq!(status(&env, "2016-07-08", "2.1"), "done");
}

#[test]
fn statuses_roll_up_through_three_levels() {
    let env = loaded();
    assert_eq!(kept(&env, "2.1"), "not-started");
    feedback(&env, "2016-07-01", "2.1.2.2", "投资处", "blocked");
    for id in ["2.1.2", "2.1"] {
        assert_eq!(status(&env, "2016-07-02", id), "blocked", "{id}");
        assert_eq!(kept(&env, id), "blocked", "{id}");
    }
    feedback(&env, "2016-07-03", "2.1.2.2", "投资处", "in-progress");
    for id in ["2.1.2", "2.1"] {
        assert_eq!(kept(&env, id), "in-progress", "{id}");
    }
    assert_eq!(kept(&env, "2.2"), "not-started");
    // A list filtered by status finds parents by their rolled-up status.
    let blocked = json_at(
        &env,
        "2016-07-02",
        &["list", "--status", "blocked", "--format", "json"],
    );
    let ids: Vec<&str> = blocked
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2.1", "2.1.2", "2.1.2.2"]);
}

#[test]
fn a_sub_task_withdrawn_by_a_reload_leaves_the_roll_up() {
    let env = loaded();
    feedback(&env, "2016-07-01", "2.1.1", "法规处", "done");
    feedback(&env, "2016-07-01", "2.1.2.1", "投资处", "done");
    assert_eq!(kept(&env, "2.1"), "in-progress");
    // 2.1.2.2 is dropped from the file.
    let without = PLAN.replace(
        "[[task]]\nid = \"2.1.2.2\"\nparent = \"2.1.2\"\nsection = \"2\"\ntitle = \"公布调整依据\"\nsupport = []\n",
        "",
    );
    assert_ne!(without, PLAN);
    env.write("without.toml", &without);
    let out = at(&env, "2016-07-02", &["load", "without.toml"]);
    assert!(out.contains("withdrawn   2.1.2.2"), "{out}");
    for id in ["2.1.2", "2.1"] {
        assert_eq!(status(&env, "2016-07-02", id), "done", "{id}");
        assert_eq!(kept(&env, id), "done", "{id}");
    }
    // Back again, not started: the parents are in progress again.
    at(&env, "2016-07-03", &["load", "plan.toml"]);
    assert_eq!(kept(&env, "2.1"), "in-progress");
    assert_eq!(status(&env, "2016-07-03", "2.1"), "in-progress");
}

#[test]
fn nothing_is_recorded_on_a_parent() {
    let env = loaded();
    let before = env.snapshot();
    for (args, names) in [
        (
            vec![
                "feedback",
                "2.1",
                "--division",
                "法规处",
                "--status",
                "in-progress",
            ],
            "2.1.2, 2.1.1",
        ),
        (vec!["review", "2.1.2", "--accept"], "2.1.2.1, 2.1.2.2"),
        (vec!["event", "2.1", "政策文件公开"], "2.1.2, 2.1.1"),
    ] {
        let run = env.tasks_at("2016-07-01", &args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("sub-tasks"), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(names), "{args:?}: {}", run.stderr);
        assert_eq!(env.snapshot(), before, "{args:?} wrote");
    }
    // A return file's row for a parent is refused with the others.
    env.write(
        "july.csv",
        "task,division,status\n2.1,法规处,in-progress\n2.2,信用办,in-progress\n",
    );
    let run = env.tasks_at("2016-07-01", &["feedback", "--from", "july.csv"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("2.1.1"), "{}", run.stderr);
    assert_eq!(env.snapshot(), before);
    let zh = env.tasks_at(
        "2016-07-01",
        &[
            "--lang",
            "zh",
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "推进中",
        ],
    );
    assert_eq!(zh.status, 2);
    assert!(zh.stderr.contains("已分解为子任务"), "{}", zh.stderr);
}

#[test]
fn a_database_from_before_sub_tasks_migrates_and_reloads_unchanged() {
    let env = Env::seeded();
    let lead = json_at(&env, "2016-07-01", &["show", "1.1", "--format", "json"])["lead"]
        .as_str()
        .unwrap()
        .to_string();
    feedback(&env, "2016-07-10", "1.1", &lead, "in-progress");
    let before = list(&env, "2016-07-11");
    // The database as the schema before sub-tasks (9) left it, the later
    // migration undone first.
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch(&format!(
        "{}
         DROP INDEX task_parent; ALTER TABLE task DROP COLUMN parent_pk;
         PRAGMA user_version = 9;",
        crate::support::UNDO_SCHEMA_11
    ))
    .expect("back a schema");
    drop(conn);

    assert_eq!(list(&env, "2016-07-11"), before);
    let out = at(&env, "2016-07-12", &["load", crate::support::SEED_PLAN]);
    assert!(out.contains("unchanged"), "{out}");
    assert_eq!(kept(&env, "1.1"), "in-progress");
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version as usize, tasks::store::MIGRATIONS.len());
    // And it takes sub-tasks: one added under 1.1 on a reload.
    let with_sub = format!(
        "{}\n[[task]]\nid = \"1.1.1\"\nparent = \"1.1\"\ntitle = \"细化分工\"\n",
        crate::support::seed_text()
    );
    env.write("with-sub.toml", &with_sub);
    let out = at(&env, "2016-07-12", &["load", "with-sub.toml"]);
    assert!(out.contains("added       1.1.1"), "{out}");
    // 1.1's own entry no longer decides: its only leaf has none.
    assert_eq!(kept(&env, "1.1"), "not-started");
    assert_eq!(status(&env, "2016-07-12", "1.1"), "not-started");
}

#[test]
fn a_bad_parent_is_told_in_chinese_and_nothing_is_loaded() {
    let env = Env::new();
    let bad = PLAN.replacen("parent = \"2.1.2\"", "parent = \"2.9\"", 1);
    assert_ne!(bad, PLAN);
    env.write("bad.toml", &bad);
    let run = env.tasks(&["--lang", "zh", "load", "bad.toml"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("父任务“2.9”不是本方案中的任务"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("应为在本任务之前声明的某个 [[task]] 的编号"),
        "{}",
        run.stderr
    );
    assert!(!env.db.exists(), "no database is created");
    // 2.1.2.1 leaves out its section and lead: they are not reported
    // missing as well, the one problem is its parent.
    assert!(run.stderr.contains("发现 1 处问题"), "{}", run.stderr);
}

#[test]
fn a_return_form_has_rows_for_the_leaves_only() {
    let env = loaded();
    at(
        &env,
        "2016-07-02",
        &[
            "form",
            "--division",
            "投资处",
            "--format",
            "csv",
            "--output",
            "form.csv",
        ],
    );
    let form = std::fs::read_to_string(env.path("form.csv")).expect("form");
    let ids: Vec<&str> = form
        .lines()
        .skip_while(|l| !l.starts_with("task,"))
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    // 投资处 leads 2.1.2 and supports 2.1, but those are filled in through
    // their sub-tasks.
    assert_eq!(ids, ["2.1.2.1", "2.1.2.2", "2.1.1"]);
}

#[test]
fn divisions_count_the_leaves_they_lead_and_support() {
    let env = loaded();
    let units = json_at(&env, "2016-07-02", &["divisions", "--format", "json"]);
    let counts = |name: &str| {
        let u = units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == name)
            .expect("division");
        (u["lead"].as_i64().unwrap(), u["support"].as_i64().unwrap())
    };
    // 2.1 (法规处, 投资处) and 2.1.2 (投资处) are counted in their leaves.
    assert_eq!(counts("法规处"), (1, 0));
    assert_eq!(counts("投资处"), (2, 1));
    assert_eq!(counts("信用办"), (1, 0));
}

/// A plan of 2,600 tasks each with one sub-task: a reload refreshes more
/// tasks than are climbed from one by one, and every parent is refreshed.
#[test]
fn a_large_plan_with_sub_tasks_keeps_its_parents_states_across_reloads() {
    let env = Env::new();
    let head = "[plan]\nid = \"big\"\ntitle = \"大方案\"\noffice = \"办公室\"\n\n\
                [[division]]\nname = \"办公室\"\n\n\
                [[section]]\nid = \"1\"\ntitle = \"一\"\nrole = \"own\"\n";
    let mut plan = head.to_string();
    for i in 0..2600 {
        plan += &format!(
            "\n[[task]]\nid = \"{i}\"\nsection = \"1\"\ntitle = \"任务{i}\"\nlead = \"办公室\"\n\
             \n[[task]]\nid = \"{i}.1\"\nparent = \"{i}\"\ntitle = \"子任务{i}\"\n"
        );
    }
    env.write("big.toml", &plan);
    at(&env, "2016-07-01", &["load", "big.toml"]);
    feedback(&env, "2016-07-02", "100.1", "办公室", "done");
    feedback(&env, "2016-07-02", "2500.1", "办公室", "blocked");
    assert_eq!(kept(&env, "100"), "done");
    plan += "\n[[task]]\nid = \"100.2\"\nparent = \"100\"\ntitle = \"新增子任务\"\n";
    env.write("big.toml", &plan);
    let out = at(&env, "2016-07-03", &["load", "big.toml"]);
    assert!(out.contains("added       100.2"), "{out}");
    assert_eq!(kept(&env, "100"), "in-progress");
    assert_eq!(kept(&env, "2500"), "blocked");
    assert_eq!(kept(&env, "7"), "not-started");
    let summary = json_at(
        &env,
        "2016-07-03",
        &["report", "--summary", "--format", "json"],
    );
    let total = &summary["plans"][0]["total"];
    assert_eq!(total["tasks"], 2601);
    assert_eq!(total["done"], 1);
    assert_eq!(total["blocked"], 1);
}
