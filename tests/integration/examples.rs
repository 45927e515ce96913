//! The example plans of examples/: each loads, reloads unchanged, and every
//! reading command answers on it; what each shows of the notice's own
//! wording is checked.

use crate::support::*;

const EXAMPLES: [&str; 4] = [
    "examples/plan.toml",
    "examples/notice.toml",
    "examples/downward-notice.toml",
    "examples/task-table.toml",
];

fn path(example: &str) -> String {
    format!("{}/{example}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_example_loads_reloads_unchanged_and_is_read_by_every_command() {
    for example in EXAMPLES {
        let env = Env::new();
        let file = path(example);
        at(&env, "2017-10-10", &["load", &file]);
        let again = json_at(&env, "2017-10-10", &["load", &file, "--format", "json"]);
        assert_eq!(again["changed"], serde_json::json!([]), "{example}");
        assert_eq!(again["plan_fields"], serde_json::json!([]), "{example}");
        let listed = json_at(&env, "2017-10-10", &["list", "--format", "json"]);
        let tasks = listed.as_array().unwrap();
        assert!(!tasks.is_empty(), "{example}");
        for t in tasks {
            let id = format!(
                "{}:{}",
                t["plan"].as_str().unwrap(),
                t["id"].as_str().unwrap()
            );
            at(&env, "2017-10-10", &["show", &id]);
        }
        for args in [
            &["report"][..],
            &["report", "--by", "division"],
            &["report", "--format", "html"],
            &["--lang", "zh", "report", "--format", "md"],
            &["plans"],
            &["divisions"],
        ] {
            at(&env, "2017-10-10", args);
        }
        let check = env.tasks_at("2017-10-10", &["check"]);
        assert!(matches!(check.status, 0 | 1), "{example}: {}", check.stderr);
    }
}

#[test]
fn the_task_table_keeps_its_deadline_words_and_its_monthly_return() {
    let env = Env::new();
    at(
        &env,
        "2017-10-10",
        &["load", &path("examples/task-table.toml")],
    );
    let listed = json_at(&env, "2017-10-10", &["list", "--format", "json"]);
    let due = |id: &str| {
        let t = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap();
        (
            t["due"].clone(),
            t["due_kind"].clone(),
            t["due_text"].clone(),
        )
    };
    assert_eq!(
        due("2"),
        ("2017-06-30".into(), "period".into(), "2017年6月底前".into())
    );
    assert_eq!(
        due("4"),
        ("2017-09-30".into(), "period".into(), "三季度末".into())
    );
    assert_eq!(
        due("1"),
        (serde_json::Value::Null, "ongoing".into(), "长期坚持".into())
    );
    assert_eq!(
        due("6"),
        (serde_json::Value::Null, "unstated".into(), "适时".into())
    );
    // The monthly return of task 3 is red for September, owed since April.
    let check = env.tasks_at("2017-10-10", &["check", "--format", "json"]);
    assert!(
        check
            .stdout
            .lines()
            .any(|l| l.contains("\"task\": \"3\"") || l.contains("\"task\":\"3\"")),
        "{}",
        check.stdout
    );
    // 指导 is shown as the role word of 法规处 on task 2.
    let shown = at(&env, "2017-10-10", &["--lang", "zh", "show", "2"]);
    assert!(
        shown.contains("指导") && shown.contains("法规处"),
        "{shown}"
    );
}

#[test]
fn the_downward_notice_counts_its_sub_tasks_and_its_outside_units() {
    let env = Env::new();
    at(
        &env,
        "2017-10-10",
        &["load", &path("examples/downward-notice.toml")],
    );
    let report = json_at(&env, "2017-10-10", &["report", "--format", "json"]);
    let plan = &report["plans"][0];
    // Nine tasks, two of them divided: seven leaves counted.
    assert_eq!(plan["tasks"].as_array().unwrap().len(), 9);
    assert_eq!(plan["total"]["tasks"], 7);
    // A sub-task takes its parent's units, the first named leading.
    let shown = json_at(&env, "2017-10-10", &["show", "1.1", "--format", "json"]);
    assert_eq!(shown["lead"], "省市场监管局");
    assert_eq!(shown["parent"], "1");
    // The collecting office is the issuing body's, not an assignee.
    assert_eq!(plan["office"], "省政府办公厅督查室");
    let units = json_at(&env, "2017-10-10", &["divisions", "--format", "json"]);
    assert!(!units.to_string().contains("督查室"));
}
