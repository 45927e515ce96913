//! Role words, tasks whose first named unit leads, assignees outside the
//! body, deliverables and targets, sections without a role, plan notes.

use serde_json::Value;

use crate::support::Env;

/// A notice issued down to ministries and provinces: outside units, a
/// collecting office that is not a unit of the plan, role words, the first
/// named unit leading, a section without a role, deliverables, targets and
/// notes.
const NOTICE: &str = r#"
[plan]
id = "gb-2024-7"
title = "关于印发2024年数字经济工作要点的通知"
doc_no = "国办发〔2024〕7号"
issuer = "国务院办公厅"
issued = 2024-03-01
office = "国务院办公厅秘书局"
first_is_lead = true
feedback = "quarterly"

[[role]]
word = "指导"
counts_as = "support"

[[role]]
word = "负责"
counts_as = "lead"

[[outside]]
name = "国家发展改革委"
aliases = ["发展改革委"]

[[outside]]
name = "工业和信息化部"

[[outside]]
name = "各省级人民政府"

[[note]]
title = "工作要求"
text = "各地区、各部门要高度重视，于每季度末将进展情况报送国务院办公厅。"

[[note]]
title = "工作目标"
text = "数字经济核心产业增加值占GDP比重达到10%左右。"

[[section]]
id = "1"
title = "一、夯实数字基础设施"

[[task]]
id = "1.1"
section = "1"
title = "推进5G网络建设"
assignees = ["工业和信息化部", "国家发展改革委"]
deliverable = "年度建设报告"
target = "新建5G基站不少于60万个"
due = 2024-12-31

[[task]]
id = "1.2"
section = "1"
title = "组织实施数字化转型行动"
lead = "发展改革委"
roles = { "负责" = ["各省级人民政府"], "指导" = ["工业和信息化部"] }
target = { text = "增长6.2%左右", value = 6.2, unit = "%" }
due = 2024-06-30
"#;

const WHEN: &str = "2024-07-02";

fn loaded() -> Env {
    let env = Env::new();
    env.write("notice.toml", NOTICE);
    env.tasks_at(WHEN, &["load", "notice.toml"]).ok();
    env
}

fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    env.tasks_at(WHEN, &all).json()
}

fn text(env: &Env, args: &[&str]) -> String {
    env.tasks_at(WHEN, args).ok().to_string()
}

#[test]
fn a_notice_to_outside_units_loads_and_reloads_unchanged() {
    let env = loaded();
    let before = env.snapshot();
    let again = json(&env, &["load", "notice.toml"]);
    assert_eq!(again["changed"], serde_json::json!([]), "{again}");
    assert_eq!(again["plan_fields"], serde_json::json!([]), "{again}");
    assert_eq!(again["units"]["changed"], serde_json::json!([]), "{again}");
    assert_eq!(again["unchanged"], 2);
    assert_eq!(before, env.snapshot(), "an unchanged reload writes nothing");
    // The collecting office is the issuing body's, not a unit of the plan.
    let divisions = json(&env, &["divisions"]);
    let names: Vec<&str> = divisions
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"国务院办公厅秘书局"), "{names:?}");
    assert!(divisions
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["kind"] == "outside"));
}

#[test]
fn the_first_named_unit_leads_and_the_others_support() {
    let env = loaded();
    let shown = json(&env, &["show", "1.1"]);
    assert_eq!(shown["lead"], "工业和信息化部");
    assert_eq!(shown["support"], serde_json::json!(["国家发展改革委"]));
    assert!(shown.get("roles").is_none(), "{shown}");
    // With `rest` naming a lead-like word, the others share the lead.
    let env = Env::new();
    env.write(
        "rest.toml",
        NOTICE.replace(
            "first_is_lead = true",
            "first_is_lead = true\nrest = \"负责\"",
        ),
    );
    env.tasks_at(WHEN, &["load", "rest.toml"]).ok();
    let shown = json(&env, &["show", "1.1"]);
    assert_eq!(shown["lead"], "工业和信息化部");
    assert_eq!(shown["support"], serde_json::json!([]));
    assert_eq!(
        shown["roles"],
        serde_json::json!([{"name": "国家发展改革委", "word": "负责", "counts_as": "lead"}])
    );
}

#[test]
fn role_words_show_in_show_list_and_report() {
    let env = loaded();
    let shown = json(&env, &["show", "1.2"]);
    assert_eq!(shown["lead"], "国家发展改革委", "the alias resolved");
    assert_eq!(
        shown["roles"],
        serde_json::json!([
            {"name": "工业和信息化部", "word": "指导", "counts_as": "support"},
            {"name": "各省级人民政府", "word": "负责", "counts_as": "lead"},
        ]),
        "in the order the plan declares its words"
    );
    let words: Vec<(&str, &str)> = shown["assignees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap(),
                a.get("word").and_then(Value::as_str).unwrap_or("-"),
            )
        })
        .collect();
    assert!(words.contains(&("工业和信息化部", "指导")), "{words:?}");
    assert!(words.contains(&("国家发展改革委", "-")), "{words:?}");

    let shown = text(&env, &["--lang", "zh", "show", "1.2"]);
    assert!(shown.contains("  指导      工业和信息化部"), "{shown}");
    assert!(shown.contains("  负责      各省级人民政府"), "{shown}");
    assert!(
        shown.contains(" 工业和信息化部  指导"),
        "the latest feedback names the word: {shown}"
    );

    let list = text(&env, &["--lang", "zh", "list"]);
    let line = list.lines().find(|l| l.contains("1.2")).unwrap();
    assert!(
        line.contains("国家发展改革委、各省级人民政府（负责）"),
        "{line}"
    );
    assert!(line.contains("工业和信息化部（指导）"), "{line}");

    let csv = text(&env, &["report", "--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.contains(",1.2,") && l.contains(",工业和信息化部,指导,")),
        "{csv}"
    );
    let report = json(&env, &["report"]);
    let task = &report["plans"][0]["tasks"][1];
    assert_eq!(task["id"], "1.2");
    let guide = task["assignees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "工业和信息化部")
        .unwrap();
    assert_eq!(guide["word"], "指导");
    assert_eq!(guide["role"], "support");
}

#[test]
fn a_lead_like_unit_shares_the_leads_items_and_completion() {
    let env = loaded();
    // The due date passed: the overdue item is the lead's and the
    // co-responsible unit's, not the supporting one's.
    let check = env.tasks_at(WHEN, &["check", "--format", "json"]);
    assert_eq!(check.status, 1, "items found: {}", check.stderr);
    let items: Vec<Value> = check
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let overdue: Vec<&str> = items
        .iter()
        .filter(|i| i["task"] == "1.2" && i["kind"] == "overdue")
        .map(|i| i["division"].as_str().unwrap())
        .collect();
    assert!(overdue.contains(&"国家发展改革委"), "{overdue:?}");
    assert!(overdue.contains(&"各省级人民政府"), "{overdue:?}");
    assert!(!overdue.contains(&"工业和信息化部"), "{overdue:?}");

    // The reminder to the co-responsible unit names the task with its word.
    let remind = text(
        &env,
        &["--lang", "zh", "remind", "--division", "各省级人民政府"],
    );
    assert!(remind.contains("1.2"), "{remind}");
    assert!(remind.contains("负责"), "{remind}");
    let guide = text(
        &env,
        &["--lang", "zh", "remind", "--division", "工业和信息化部"],
    );
    assert!(guide.contains("指导"), "{guide}");

    // Done once every lead-like unit says so.
    env.tasks_at(
        WHEN,
        &[
            "feedback",
            "1.2",
            "--division",
            "国家发展改革委",
            "--status",
            "done",
        ],
    )
    .ok();
    let status = |env: &Env| json(env, &["show", "1.2"])["status"].clone();
    assert_eq!(status(&env), "in-progress");
    env.tasks_at(
        WHEN,
        &[
            "feedback",
            "1.2",
            "--division",
            "工业和信息化部",
            "--status",
            "done",
        ],
    )
    .ok();
    assert_eq!(
        status(&env),
        "in-progress",
        "a supporting unit does not finish it"
    );
    env.tasks_at(
        WHEN,
        &[
            "feedback",
            "1.2",
            "--division",
            "各省级人民政府",
            "--status",
            "done",
        ],
    )
    .ok();
    assert_eq!(status(&env), "done");
    // The kept state agrees with the derived one.
    let listed = json(&env, &["list", "--status", "done"]);
    assert_eq!(listed[0]["id"], "1.2", "{listed}");
}

#[test]
fn an_outside_unit_is_an_assignee_like_a_division() {
    let env = loaded();
    let ids = |division: &str| -> Vec<String> {
        json(&env, &["list", "--division", division])
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("各省级人民政府"), ["1.2"]);
    assert_eq!(ids("发展改革委"), ["1.1", "1.2"], "by its alias");
    let by_unit = text(&env, &["--lang", "zh", "report", "--by", "division"]);
    assert!(by_unit.contains("按单位统计"), "{by_unit}");
    assert!(by_unit.contains(" 各省级人民政府  单位"), "{by_unit}");
    let path = env.path("各省级人民政府.csv");
    env.tasks_at(
        WHEN,
        &[
            "form",
            "--division",
            "各省级人民政府",
            "--output",
            path.to_str().unwrap(),
        ],
    )
    .ok();
    let form = std::fs::read_to_string(&path).unwrap();
    assert!(form.contains("1.2"), "{form}");
    assert!(
        form.contains("负责"),
        "the form names the unit's word: {form}"
    );
}

#[test]
fn deliverables_and_targets_show_and_export() {
    let env = loaded();
    let shown = json(&env, &["show", "1.1"]);
    assert_eq!(shown["deliverable"], "年度建设报告");
    assert_eq!(shown["target"]["text"], "新建5G基站不少于60万个");
    assert_eq!(shown["target"]["value"], 60, "read from the text");
    assert_eq!(shown["target"]["unit"], "万个");
    let shown = json(&env, &["show", "1.2"]);
    assert!(shown.get("deliverable").is_none(), "{shown}");
    assert_eq!(shown["target"]["value"], 6.2);
    assert_eq!(shown["target"]["unit"], "%");

    let one = text(&env, &["show", "1.2", "--format", "csv"]);
    assert!(
        one.lines()
            .next()
            .unwrap()
            .ends_with(",rules,roles,deliverable,target,target_value,target_unit"),
        "{one}"
    );
    assert!(one.contains("各省级人民政府 (负责)"), "{one}");
    assert!(one.trim_end().ends_with(",增长6.2%左右,6.2,%"), "{one}");
    let csv = text(&env, &["report", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",deliverable,target,target_value,target_unit"),
        "{header}"
    );
    assert!(
        csv.lines()
            .any(|l| l.contains(",1.2,") && l.ends_with(",,增长6.2%左右,6.2,%")),
        "{csv}"
    );
    let md = text(&env, &["--lang", "zh", "report", "--format", "md"]);
    assert!(md.contains("成果形式"), "{md}");
    assert!(md.contains("年度建设报告"), "{md}");
    let report = json(&env, &["report"]);
    assert_eq!(
        report["plans"][0]["tasks"][0]["deliverable"],
        "年度建设报告"
    );
    let list = json(&env, &["list"]);
    assert_eq!(list[1]["target"]["text"], "增长6.2%左右");

    let book = env.path("report.xlsx");
    env.tasks_at(
        WHEN,
        &[
            "report",
            "--format",
            "xlsx",
            "--output",
            book.to_str().unwrap(),
        ],
    )
    .ok();
    // The task sheet ends with the outcome columns, and names the word.
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = open_workbook(&book).expect("a workbook");
    let name = workbook
        .sheet_names()
        .into_iter()
        .find(|n| n.starts_with("Tasks"))
        .expect("a task sheet");
    let range = workbook.worksheet_range(&name).expect("the sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => f.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "Deliverable"))
        .expect("a header with Deliverable");
    let col = |name: &str| rows[header].iter().position(|c| c == name).unwrap();
    let (deliverable, value, unit) = (col("Deliverable"), col("Target value"), col("Target unit"));
    let line = rows
        .iter()
        .find(|r| r.contains(&"1.1".to_string()))
        .expect("a line of 1.1");
    assert_eq!(line[deliverable], "年度建设报告");
    assert_eq!((line[value].as_str(), line[unit].as_str()), ("60", "万个"));
    assert!(
        rows.iter()
            .any(|r| r.contains(&"工业和信息化部".to_string()) && r.contains(&"指导".to_string())),
        "{rows:?}"
    );

    // A plan without any keeps the columns it always had.
    let plain = Env::seeded();
    let csv = plain.tasks(&["report", "--format", "csv"]);
    let header = csv.ok().lines().next().unwrap().to_string();
    assert!(header.ends_with(",reported_at"), "{header}");
}

#[test]
fn a_section_may_state_no_role() {
    let env = loaded();
    let shown = text(&env, &["show", "1.1"]);
    let section = shown.lines().find(|l| l.contains("Section")).unwrap();
    assert_eq!(section.trim_end(), "  Section  1 一、夯实数字基础设施");
    let json = json(&env, &["show", "1.1"]);
    assert_eq!(json["section_role"], Value::Null);
    let report = text(&env, &["report", "--by", "section"]);
    assert!(report.contains("一、夯实数字基础设施"), "{report}");
}

#[test]
fn plan_notes_are_kept_in_order_and_shown() {
    let env = loaded();
    let shown = text(&env, &["--lang", "zh", "plans", "--show", "gb-2024-7"]);
    let demands = shown.find("工作要求").expect("the first note");
    let goals = shown.find("工作目标").expect("the second note");
    assert!(demands < goals, "{shown}");
    assert!(
        shown.contains("于每季度末将进展情况报送国务院办公厅"),
        "{shown}"
    );
    assert!(shown.contains("排在第一位的为牵头单位"), "{shown}");
    let meta = json(&env, &["plans", "--show", "gb-2024-7"]);
    assert_eq!(meta["notes"][1]["title"], "工作目标");
    assert_eq!(meta["office"], "国务院办公厅秘书局");
    assert_eq!(meta["roles"][0]["word"], "指导");
    let missing = env.tasks_at(WHEN, &["plans", "--show", "nope"]);
    assert_eq!(missing.status, 2, "{}", missing.stderr);
}

#[test]
fn a_changed_role_word_changes_its_tasks_and_keeps_their_history() {
    let env = loaded();
    env.tasks_at(
        WHEN,
        &[
            "feedback",
            "1.2",
            "--division",
            "工业和信息化部",
            "--status",
            "in-progress",
        ],
    )
    .ok();
    let edited = NOTICE.replace(
        "word = \"指导\"\ncounts_as = \"support\"",
        "word = \"指导\"\ncounts_as = \"lead\"",
    );
    env.write("edited.toml", edited);
    let report = json(&env, &["load", "edited.toml"]);
    assert_eq!(
        report["changed"],
        serde_json::json!([{"id": "1.2", "fields": ["others"]}]),
        "{report}"
    );
    assert_eq!(
        report["plan_fields"],
        serde_json::json!(["roles"]),
        "{report}"
    );
    let shown = json(&env, &["show", "1.2"]);
    let guide = shown["assignees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "工业和信息化部")
        .unwrap()
        .clone();
    assert_eq!(guide["role"], "lead");
    assert_eq!(guide["latest"]["status"], "in-progress", "history kept");
}

#[test]
fn an_undeclared_office_needs_outside_units() {
    // Without outside units the office must still be a declared division:
    // a misspelt office is caught.
    let env = Env::new();
    let plain = NOTICE
        .split("[[outside]]")
        .next()
        .unwrap()
        .replace("first_is_lead = true", "")
        .replace("[[role]]\nword = \"负责\"\ncounts_as = \"lead\"\n", "")
        + "[[division]]\nname = \"甲处\"\n[[section]]\nid = \"1\"\ntitle = \"s\"\n\
           [[task]]\nid = \"1\"\nsection = \"1\"\ntitle = \"t\"\nlead = \"甲处\"\n";
    env.write("plain.toml", plain);
    let run = env.tasks_at(WHEN, &["load", "plain.toml"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("国务院办公厅秘书局"), "{}", run.stderr);
}

/// A database of the schema before units outside the body, sections
/// without a role and role words (the last migration): its units, sections
/// and what was recorded against them are kept when it is migrated, and the
/// new kinds are then accepted.
#[test]
fn a_database_before_role_words_keeps_its_units_and_sections_when_migrated() {
    let env = Env::seeded();
    let lead = json(&env, &["show", "2.1"])["lead"]
        .as_str()
        .unwrap()
        .to_string();
    env.tasks_at(
        "2016-07-10",
        &[
            "feedback",
            "2.1",
            "--division",
            &lead,
            "--status",
            "blocked",
        ],
    )
    .ok();
    let units_before = env.tasks(&["divisions", "--format", "json"]).json();
    let shown_before = env
        .tasks_at("2016-07-11", &["show", "2.1", "--format", "json"])
        .json();

    // The database as the schema before left it: `unit.kind` and
    // `section.role` under their first CHECKs, no words, deliverables or
    // targets.
    // (Schema 9 brought them; the later migrations are undone first.)
    let before = 8;
    let undo_phrases = crate::support::UNDO_SCHEMA_11;
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF;
         {undo_phrases}
         DROP INDEX task_parent; ALTER TABLE task DROP COLUMN parent_pk;
         CREATE TABLE unit_8 (
             pk      INTEGER PRIMARY KEY,
             plan_pk INTEGER NOT NULL REFERENCES plan(pk),
             name    TEXT NOT NULL,
             kind    TEXT NOT NULL CHECK (kind IN ('division', 'group')),
             ord     INTEGER NOT NULL,
             active  INTEGER NOT NULL DEFAULT 1,
             UNIQUE (plan_pk, name)
         );
         INSERT INTO unit_8 SELECT pk, plan_pk, name, kind, ord, active FROM unit;
         DROP TABLE unit;
         ALTER TABLE unit_8 RENAME TO unit;
         CREATE TABLE section_8 (
             pk      INTEGER PRIMARY KEY,
             plan_pk INTEGER NOT NULL REFERENCES plan(pk),
             id      TEXT NOT NULL,
             title   TEXT NOT NULL,
             role    TEXT NOT NULL CHECK (role IN ('lead', 'support', 'own')),
             ord     INTEGER NOT NULL,
             active  INTEGER NOT NULL DEFAULT 1,
             UNIQUE (plan_pk, id)
         );
         INSERT INTO section_8 SELECT pk, plan_pk, id, title, role, ord, active FROM section;
         DROP TABLE section;
         ALTER TABLE section_8 RENAME TO section;
         ALTER TABLE assignment DROP COLUMN word;
         DROP INDEX task_outcome;
         ALTER TABLE task DROP COLUMN deliverable;
         ALTER TABLE task DROP COLUMN target;
         PRAGMA user_version = {before};"
    ))
    .expect("back to the schema before");
    let unit_sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'unit'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!unit_sql.contains("outside"), "{unit_sql}");
    drop(conn);

    assert_eq!(
        env.tasks(&["divisions", "--format", "json"]).json(),
        units_before
    );
    assert_eq!(
        env.tasks_at("2016-07-11", &["show", "2.1", "--format", "json"])
            .json(),
        shown_before
    );
    // Reading commands read it as migrated; the first write migrates it.
    env.tasks(&["load", crate::support::SEED_PLAN]).ok();
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, tasks::store::MIGRATIONS.len());
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let enforced: i64 = {
        let c = rusqlite::Connection::open(&env.db).unwrap();
        c.pragma_update(None, "foreign_keys", true).unwrap();
        c.execute(
            "INSERT INTO assignment (task_pk, unit_pk, role, ord) VALUES (1, 99999, 'lead', 9)",
            [],
        )
        .map_or(1, |_| 0)
    };
    assert_eq!(enforced, 1, "the rebuilt unit table is still referred to");
    drop(conn);
    // The seed plan reloads unchanged; a notice to outside units loads.
    let again = env.tasks(&["load", crate::support::SEED_PLAN]);
    assert!(again.ok().contains("unchanged"), "{}", again.stdout);
    env.write("notice.toml", NOTICE);
    env.tasks_at(WHEN, &["load", "notice.toml"]).ok();
    assert_eq!(
        json(&env, &["show", "gb-2024-7:1.2"])["roles"][0]["word"],
        "指导"
    );
}

#[test]
fn the_example_notice_loads_and_reloads_unchanged() {
    let env = Env::new();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/notice.toml");
    env.tasks_at(WHEN, &["load", example]).ok();
    let again = env.tasks_at(WHEN, &["load", example]);
    assert!(again.ok().contains("unchanged"), "{}", again.stdout);
    let shown = json(&env, &["show", "2.2"]);
    assert_eq!(shown["lead"], "财政部");
    assert_eq!(shown["support"], serde_json::json!(["工业和信息化部"]));
    let notes = json(&env, &["plans", "--show", "gb-2024-7"])["notes"].clone();
    let titles: Vec<&str> = notes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["指导思想", "工作目标", "工作要求"]);
}

/// The new problems are told in Chinese too, placed as in English.
#[test]
fn problems_of_the_new_fields_are_told_in_chinese() {
    let env = Env::new();
    let bad = NOTICE
        .replace("first_is_lead = true\n", "")
        .replace(
            "target = { text = \"增长6.2%左右\", value = 6.2, unit = \"%\" }",
            "target = { text = \"增长6.2%左右\", value = \"六点二\" }",
        )
        .replace("roles = { \"负责\"", "roles = { \"协办\"")
        .replace("title = \"工作目标\"", "title = \"\"");
    env.write("bad.toml", bad);
    let before = env.snapshot();
    let run = env.tasks_at(WHEN, &["--lang", "zh", "load", "bad.toml"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let err = run.stderr;
    assert!(err.starts_with("错误：bad.toml：发现 4 处问题"), "{err}");
    assert!(
        err.contains("任务 1.1 填写了 `assignees`，但方案未规定排在第一位的为牵头单位"),
        "{err}"
    );
    assert!(err.contains("角色词“协办”未声明"), "{err}");
    assert!(
        err.contains("`target` 的 `value` 为 \"六点二\"，不是数字"),
        "{err}"
    );
    assert!(err.contains("`title` 为空"), "{err}");
    assert_eq!(before, env.snapshot(), "nothing written");
}

#[test]
fn outside_units_may_be_members_of_a_group() {
    let env = Env::new();
    let plan = NOTICE.replacen(
        "[[section]]",
        "[[group]]\nname = \"有关部门\"\nmembers = [\"发展改革委\", \"工业和信息化部\"]\n\n[[section]]",
        1,
    ) + "\n[[task]]\nid = \"1.3\"\nsection = \"1\"\ntitle = \"完善统计监测\"\nassignees = [\"有关部门\"]\n";
    env.write("groups.toml", plan);
    env.tasks_at(WHEN, &["load", "groups.toml"]).ok();
    let ids: Vec<String> = json(&env, &["list", "--division", "工业和信息化部"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["1.1", "1.2", "1.3"], "through the group");
    let groups = json(&env, &["divisions"]);
    let group = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "有关部门")
        .unwrap()
        .clone();
    assert_eq!(
        group["members"],
        serde_json::json!(["国家发展改革委", "工业和信息化部"])
    );
}
