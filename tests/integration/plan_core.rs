//! Loading, reloading, listing and showing plans.

use serde_json::Value;

use crate::support::{seed_text, seed_without_task, snapshot, Env, SEED_PLAN};

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_division_sees_exactly_its_tasks() {
    let env = Env::seeded();
    let list = |d: &str| {
        ids(&env
            .tasks(&["list", "--division", d, "--format", "json"])
            .json())
    };
    assert_eq!(list("法规处"), ["1.7", "2.1", "2.2", "3.5"]);
    assert_eq!(list("政策法规处"), ["1.7", "2.1", "2.2", "3.5"], "alias");
    assert_eq!(
        list("办公室"),
        ["1.3", "2.4", "2.5", "3.4", "3.5", "3.6", "3.7"]
    );
    assert_eq!(list("新闻中心"), ["2.5", "3.3", "3.4"]);
    assert_eq!(
        list("各相关业务处室"),
        ["3.1", "3.2"],
        "a group as assignee"
    );
}

#[test]
fn a_division_sees_the_tasks_of_its_groups() {
    let env = Env::new();
    env.write(
        "p.toml",
        r#"
        [plan]
        id = "p"
        title = "t"
        office = "办公室"
        [[division]]
        name = "办公室"
        [[division]]
        name = "投资处"
        aliases = ["投资与项目处"]
        [[group]]
        name = "各业务处室"
        members = ["投资与项目处"]
        [[section]]
        id = "1"
        title = "s"
        role = "own"
        [[task]]
        id = "a"
        section = "1"
        title = "only the office"
        lead = "办公室"
        [[task]]
        id = "b"
        section = "1"
        title = "the group"
        lead = "各业务处室"
        [[task]]
        id = "c"
        section = "1"
        title = "direct support"
        lead = "办公室"
        support = ["投资处"]
        "#,
    );
    env.tasks(&["load", "p.toml"]).ok();
    let list = |d: &str| {
        ids(&env
            .tasks(&["list", "--division", d, "--format", "json"])
            .json())
    };
    assert_eq!(list("投资处"), ["b", "c"]);
    assert_eq!(list("投资与项目处"), ["b", "c"]);
    assert_eq!(list("办公室"), ["a", "c"]);
    let divisions = env.tasks(&["divisions", "--format", "json"]).json();
    let group = divisions
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "各业务处室")
        .unwrap();
    assert_eq!(group["members"], serde_json::json!(["投资处"]));
    assert_eq!(group["lead"], 1);
}

#[test]
fn list_json_is_one_array_with_the_documented_fields() {
    let env = Env::seeded();
    let list = env.tasks(&["list", "--format", "json"]).json();
    let tasks = list.as_array().unwrap();
    assert_eq!(tasks.len(), 19);
    let t = tasks.iter().find(|t| t["id"] == "3.5").unwrap();
    assert_eq!(t["plan"], "fjdrc-2016-zwgk");
    assert_eq!(t["section"], "3");
    assert_eq!(t["title"], "提高政务公开工作制度化标准化水平");
    assert_eq!(t["lead"], "办公室");
    assert_eq!(t["support"], serde_json::json!(["法规处"]));
    assert_eq!(t["due"], "2016-12-31");
    assert_eq!(t["status"], "not-started");
}

#[test]
fn loading_the_same_file_twice_reports_no_change() {
    let env = Env::seeded();
    let before = env.snapshot();
    let run = env.tasks(&["load", SEED_PLAN]);
    assert_eq!(
        run.ok(),
        "Plan fjdrc-2016-zwgk is unchanged (19 tasks): nothing to do.\n"
    );
    assert_eq!(before, env.snapshot(), "an unchanged reload writes nothing");
}

#[test]
fn editing_one_task_reports_exactly_that_task() {
    let env = Env::seeded();
    let edited = seed_text().replace(
        "推进本部门预决算公开。",
        "推进本部门预决算及“三公”经费公开。",
    );
    env.write("edited.toml", edited);
    let report = env
        .tasks(&["load", "edited.toml", "--format", "json"])
        .json();
    assert_eq!(
        report["changed"],
        serde_json::json!([{"id": "2.4", "fields": ["text"]}])
    );
    assert_eq!(report["added"], serde_json::json!([]));
    assert_eq!(report["withdrawn"], serde_json::json!([]));
    assert_eq!(report["unchanged"], 18);
    let shown = env.tasks(&["show", "2.4", "--format", "json"]).json();
    assert!(shown["text"].as_str().unwrap().contains("“三公”经费"));
    let text = env.tasks(&["load", "edited.toml"]);
    assert_eq!(
        text.ok(),
        "Plan fjdrc-2016-zwgk is unchanged (19 tasks): nothing to do.\n"
    );
}

#[test]
fn a_changed_lead_is_reported_in_text() {
    let env = Env::seeded();
    let edited = seed_text().replacen("lead = \"投资处\"", "lead = \"法规处\"", 1);
    env.write("edited.toml", edited);
    let out = env.tasks(&["load", "edited.toml"]).ok().to_string();
    assert_eq!(
        out,
        "Updated plan fjdrc-2016-zwgk from edited.toml:\n  \
         changed     1.6 (lead)\n  \
         unchanged   18 tasks\n"
    );
    let list = ids(&env
        .tasks(&["list", "--division", "法规处", "--format", "json"])
        .json());
    assert_eq!(list, ["1.6", "1.7", "2.1", "2.2", "3.5"]);
}

#[test]
fn a_task_deleted_from_the_file_is_withdrawn_not_deleted() {
    let env = Env::seeded();
    env.write("fewer.toml", seed_without_task("3.3"));
    let report = env
        .tasks(&["load", "fewer.toml", "--format", "json"])
        .json();
    assert_eq!(report["withdrawn"], serde_json::json!(["3.3"]));
    assert_eq!(report["tasks"], 18);
    let listed = ids(&env.tasks(&["list", "--format", "json"]).json());
    assert_eq!(listed.len(), 18);
    assert!(!listed.contains(&"3.3".to_string()));
    let withdrawn = env
        .tasks(&["list", "--status", "withdrawn", "--format", "json"])
        .json();
    assert_eq!(ids(&withdrawn), ["3.3"]);
    assert_eq!(withdrawn[0]["status"], "withdrawn");
    // Everything recorded about it is kept: text, assignees, rules.
    let shown = env.tasks(&["show", "3.3", "--format", "json"]).json();
    assert_eq!(shown["status"], "withdrawn");
    assert_eq!(shown["lead"], "各政策起草处室");
    assert_eq!(shown["rules"].as_array().unwrap().len(), 2);
    // Chinese status words work as filters too.
    let zh = env
        .tasks(&["list", "--status", "已撤销", "--format", "json"])
        .json();
    assert_eq!(ids(&zh), ["3.3"]);
    // Putting it back restores it.
    let report = env.tasks(&["load", SEED_PLAN, "--format", "json"]).json();
    assert_eq!(report["restored"], serde_json::json!(["3.3"]));
    assert_eq!(
        env.tasks(&["show", "3.3", "--format", "json"]).json()["status"],
        "not-started"
    );
}

#[test]
fn a_dry_run_reports_but_writes_nothing() {
    let env = Env::seeded();
    env.write("fewer.toml", seed_without_task("1.1"));
    let before = env.snapshot();
    let out = env
        .tasks(&["load", "fewer.toml", "--dry-run"])
        .ok()
        .to_string();
    assert!(
        out.starts_with("Dry run, nothing written: would update plan fjdrc-2016-zwgk"),
        "{out}"
    );
    assert!(out.contains("withdrawn   1.1"), "{out}");
    assert_eq!(before, env.snapshot());

    let fresh = Env::new();
    let out = fresh
        .tasks(&["load", SEED_PLAN, "--dry-run"])
        .ok()
        .to_string();
    assert!(out.contains("would load plan fjdrc-2016-zwgk"), "{out}");
    assert!(!fresh.db.exists(), "a dry run created the database");
}

#[test]
fn tasks_are_found_by_id_or_plan_and_id() {
    let env = Env::seeded();
    env.tasks(&["load", "../examples/plan.toml"]);
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/plan.toml");
    env.tasks(&["load", example]).ok();
    // 1.1 exists in both plans.
    let run = env.tasks(&["show", "1.1"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("is in several plans"), "{}", run.stderr);
    assert!(run.stderr.contains("fjdrc-2016-zwgk:1.1"), "{}", run.stderr);
    let shown = env
        .tasks(&["show", "fjdrc-2016-zwgk:1.1", "--format", "json"])
        .json();
    assert_eq!(shown["lead"], "信用办");
    // 3.7 only in the seed plan.
    assert_eq!(
        env.tasks(&["show", "3.7", "--format", "json"]).json()["plan"],
        "fjdrc-2016-zwgk"
    );
    let plans = env.tasks(&["plans", "--format", "json"]).json();
    assert_eq!(plans.as_array().unwrap().len(), 2);
    let seed = &plans[0];
    assert_eq!(seed["id"], "fjdrc-2016-zwgk");
    assert_eq!(seed["tasks"], 19);
    assert_eq!(seed["divisions"], 8);
    assert_eq!(seed["groups"], 4);
}

#[test]
fn due_date_filters_follow_as_of() {
    let env = Env::seeded();
    let list = |args: &[&str]| ids(&env.tasks(args).json()).len();
    assert_eq!(
        list(&[
            "list",
            "--overdue",
            "--as-of",
            "2016-12-31",
            "--format",
            "json"
        ]),
        0
    );
    assert_eq!(
        list(&[
            "list",
            "--overdue",
            "--as-of",
            "2017-01-01",
            "--format",
            "json"
        ]),
        19
    );
    assert_eq!(
        list(&[
            "--as-of",
            "2017-01-01T08:00",
            "list",
            "--overdue",
            "--format",
            "json"
        ]),
        19
    );
    let mut cmd = env.command(&["list", "--overdue", "--format", "json"]);
    cmd.env("TASKS_NOW", "2017-01-02");
    assert_eq!(
        ids(&serde_json::from_str(&crate::support::run(cmd).stdout).unwrap()).len(),
        19
    );
    assert_eq!(
        list(&["list", "--due-before", "2016-12-31", "--format", "json"]),
        0
    );
    assert_eq!(
        list(&["list", "--due-before", "2017-01-01", "--format", "json"]),
        19
    );
    assert_eq!(list(&["list", "--section", "2", "--format", "json"]), 5);
    assert_eq!(
        list(&[
            "list",
            "--section",
            "2",
            "--division",
            "法规处",
            "--plan",
            "fjdrc-2016-zwgk",
            "--format",
            "json"
        ]),
        2
    );
}

#[test]
fn a_task_due_date_overrides_the_plan_due_date() {
    let env = Env::seeded();
    let edited = seed_text().replacen(
        "[[task]]\nid = \"2.4\"\nsection = \"2\"",
        "[[task]]\nid = \"2.4\"\nsection = \"2\"\ndue = 2016-09-30",
        1,
    );
    env.write("edited.toml", edited);
    env.tasks(&["load", "edited.toml"]).ok();
    let overdue = env
        .tasks(&[
            "list",
            "--overdue",
            "--as-of",
            "2016-10-08",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(ids(&overdue), ["2.4"]);
    let shown = env.tasks(&["show", "2.4", "--format", "json"]).json();
    assert_eq!(shown["due"], "2016-09-30");
    assert_eq!(shown["due_from"], "task");
}

#[test]
fn tables_follow_the_language() {
    let env = Env::seeded();
    let en = env
        .tasks(&["list", "--division", "法规处"])
        .ok()
        .to_string();
    assert!(en.lines().next().unwrap().contains("Lead"), "{en}");
    assert!(en.contains("not-started"));
    let mut cmd = env.command(&["list", "--division", "法规处"]);
    cmd.env("LANG", "zh_CN.UTF-8");
    let zh = crate::support::run(cmd).stdout;
    assert!(zh.lines().next().unwrap().contains("牵头"), "{zh}");
    assert!(zh.contains("未启动"));
    let mut cmd = env.command(&["list", "--lang", "en"]);
    cmd.env("LC_ALL", "zh_CN.UTF-8");
    assert!(crate::support::run(cmd).stdout.contains("not-started"));
    // JSON keeps English ids whatever the language.
    let json = env
        .tasks(&["list", "--lang", "zh", "--format", "json"])
        .json();
    assert_eq!(json[0]["status"], "not-started");
}

#[test]
fn the_seed_table_for_a_division() {
    let env = Env::seeded();
    let out = env
        .tasks(&["list", "--division", "法规处", "--as-of", "2016-07-01"])
        .ok()
        .to_string();
    let expected = " ID   Section  Title                             Lead    Support  Due         Status       Light  Open
-------------------------------------------------------------------------------------------------------
 1.7  1        推进公共资源配置领域信息公开      法规处           2016-12-31  not-started  green
 2.1  2        进一步推进权力清单和责任清单公开  法规处           2016-12-31  not-started  green
 2.2  2        推进监管执法信息公开              法规处           2016-12-31  not-started  green
 3.5  3        提高政务公开工作制度化标准化水平  办公室  法规处   2016-12-31  not-started  green
";
    assert_eq!(out, expected);
}

#[test]
fn hostile_text_is_escaped_on_a_terminal_and_defused_in_csv() {
    let env = Env::new();
    env.write(
        "p.toml",
        "[plan]\nid = \"p\"\ntitle = \"t\"\noffice = \"办公室\"\n\
         [[division]]\nname = \"办公室\"\n\
         [[section]]\nid = \"1\"\ntitle = \"s\"\nrole = \"own\"\n\
         [[task]]\nid = \"1\"\nsection = \"1\"\ntitle = \"=HYPERLINK(\\\"x\\\")\\u001b[31m\\u202e\"\nlead = \"办公室\"\n",
    );
    env.tasks(&["load", "p.toml"]).ok();
    let table = env.tasks(&["list"]).ok().to_string();
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{202e}'),
        "{table}"
    );
    assert!(table.contains("\\u{1b}[31m\\u{202e}"), "{table}");
    let csv = env.tasks(&["list", "--format", "csv"]).ok().to_string();
    assert!(csv.contains(",\"'=HYPERLINK("), "{csv}");
    assert!(!csv.contains('\u{1b}'), "{csv}");
    let json = env.tasks(&["list", "--format", "json"]).json();
    assert_eq!(json[0]["title"], "=HYPERLINK(\"x\")\u{1b}[31m\u{202e}");
    let shown = env.tasks(&["show", "1"]).ok().to_string();
    assert!(!shown.contains('\u{1b}'), "{shown}");
}

#[test]
fn the_demo_runs_without_touching_the_users_database() {
    let env = Env::new();
    let out = env.tasks(&["demo"]).ok().to_string();
    assert!(out.contains("闽发改办〔2016〕452号"));
    assert!(out.contains("19 tasks in 3 sections"));
    for id in ["1.1", "1.7", "2.5", "3.7"] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!(" {id} "))),
            "{id} missing:\n{out}"
        );
    }
    assert!(!env.db.exists());
    assert!(!env.path("xdg").exists());
}

#[test]
fn help_fits_an_80_column_terminal() {
    let env = Env::new();
    let mut pages = vec![env.tasks(&["--help"]).ok().to_string()];
    for cmd in [
        "load",
        "plans",
        "list",
        "show",
        "divisions",
        "feedback",
        "review",
        "history",
        "report",
        "event",
        "check",
        "remind",
        "form",
        "calendar",
        "demo",
        "completions",
        "man",
    ] {
        pages.push(env.tasks(&[cmd, "--help"]).ok().to_string());
    }
    for cmd in ["add", "show", "load"] {
        pages.push(env.tasks(&["calendar", cmd, "--help"]).ok().to_string());
    }
    for page in &pages {
        for line in page.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 80, "{width} columns: {line:?}");
        }
    }
    assert!(pages[0].contains("Exit status"));
}

#[test]
fn completions_and_man_page_are_generated() {
    let env = Env::new();
    // The script calls `tasks` back for the candidates (see shell.rs).
    let bash = env.tasks(&["completions", "bash"]).ok().to_string();
    assert!(bash.contains("TASKS_COMPLETE") && bash.contains("complete -o"));
    let mut cmd = env.command(&["--", "tasks", "d"]);
    cmd.env("TASKS_COMPLETE", "fish");
    assert!(crate::support::run(cmd).ok().contains("divisions"));
    let mut cmd = env.command(&["--", "tasks", "list", "--due"]);
    cmd.env("TASKS_COMPLETE", "fish");
    assert!(crate::support::run(cmd).ok().contains("--due-before"));
    let man = env.tasks(&["man"]).ok().to_string();
    assert!(
        man.starts_with(".ie") || man.contains(".TH tasks"),
        "{}",
        &man[..200]
    );
}

#[test]
fn the_database_goes_to_the_platform_data_directory_by_default() {
    let env = Env::new();
    let mut cmd = env.command(&["load", SEED_PLAN]);
    cmd.env_remove("TASKS_DB");
    assert_eq!(crate::support::run(cmd).status, 0);
    let default = env.path("xdg/tasks/tasks.db");
    assert!(default.exists());
    assert!(snapshot(&default).contains("fjdrc-2016-zwgk"));
}

#[test]
fn global_options_go_before_or_after_the_command() {
    let env = Env::seeded();
    let db = env.db.display().to_string();
    let a = env.tasks(&["--db", &db, "--lang", "zh", "list", "--division", "法规处"]);
    let b = env.tasks(&["list", "--division", "法规处", "--db", &db, "--lang", "zh"]);
    assert_eq!(a.ok(), b.ok());
}

#[test]
fn removing_a_task_in_the_middle_reports_only_that_task() {
    let env = Env::seeded();
    env.write("fewer.toml", seed_without_task("2.3"));
    let report = env
        .tasks(&["load", "fewer.toml", "--format", "json"])
        .json();
    assert_eq!(report["withdrawn"], serde_json::json!(["2.3"]));
    assert_eq!(report["changed"], serde_json::json!([]));
    assert_eq!(report["reordered"], false);
    assert_eq!(report["unchanged"], 18);
    // The list keeps the file's order.
    let listed = ids(&env
        .tasks(&["list", "--section", "2", "--format", "json"])
        .json());
    assert_eq!(listed, ["2.1", "2.2", "2.4", "2.5"]);
    assert_eq!(
        env.tasks(&["load", "fewer.toml"]).ok(),
        "Plan fjdrc-2016-zwgk is unchanged (18 tasks): nothing to do.\n"
    );
}

#[test]
fn moving_a_task_is_reported_as_a_new_order() {
    let env = Env::seeded();
    let text = seed_text();
    let start = text.find("[[task]]\nid = \"1.1\"").unwrap();
    let end = text.find("[[task]]\nid = \"1.2\"").unwrap();
    let moved = format!("{}{}\n{}", &text[..start], &text[end..], &text[start..end]);
    env.write("moved.toml", moved);
    let out = env.tasks(&["load", "moved.toml"]).ok().to_string();
    assert_eq!(
        out,
        "Updated plan fjdrc-2016-zwgk from moved.toml:\n  \
         order       tasks listed in a new order\n  \
         unchanged   19 tasks\n"
    );
    let listed = ids(&env.tasks(&["list", "--format", "json"]).json());
    assert_eq!(listed.last().unwrap(), "1.1");
    assert_eq!(listed.len(), 19);
}

#[test]
fn empty_environment_variables_count_as_unset() {
    let env = Env::seeded();
    let mut cmd = env.command(&["plans", "--format", "json"]);
    cmd.env("TASKS_NOW", "");
    let run = crate::support::run(cmd);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut cmd = env.command(&["--db", env.db.to_str().unwrap(), "plans"]);
    cmd.env("TASKS_DB", "");
    assert_eq!(crate::support::run(cmd).status, 0);
}
