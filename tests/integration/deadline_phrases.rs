//! Deadlines as notices write them (年底前, 长期坚持, 适时) and recurring
//! duties (`every` rules): load, reload, list, show, report, check, remind.

use serde_json::Value;

use crate::support::{at, json_at, Env};

/// A plan issued 2016-07-15 whose default due is 三季度末, with a task of
/// each kind of deadline. `extra` is added at the end of the file.
fn phrase_plan(extra: &str) -> String {
    format!(
        r#"[plan]
id = "dl"
title = "期限表述测试方案"
doc_no = "测发〔2016〕1号"
office = "办公室"
issued = 2016-07-15
due = "三季度末"
feedback = "monthly"

[[division]]
name = "办公室"

[[division]]
name = "法规处"

[[division]]
name = "投资处"

[[section]]
id = "1"
title = "重点工作"
role = "lead"

[[task]]
id = "1.1"
section = "1"
title = "年底前完成"
lead = "法规处"
due = "年底前"

[[task]]
id = "1.2"
section = "1"
title = "长期坚持的工作"
lead = "法规处"
support = ["投资处"]
due = "长期坚持"

[[task]]
id = "1.3"
section = "1"
title = "适时开展的工作"
lead = "投资处"
due = "适时"

[[task]]
id = "1.4"
section = "1"
title = "明年年中完成"
lead = "投资处"
due = "2017年6月底前"

[[task]]
id = "1.5"
section = "1"
title = "按方案期限完成"
lead = "法规处"

[[task]]
id = "1.6"
section = "1"
title = "给出日期的工作"
lead = "法规处"
due = 2016-11-30
{extra}"#
    )
}

fn loaded(text: &str) -> Env {
    let env = Env::new();
    env.write("plan.toml", text);
    at(&env, "2016-07-20", &["load", "plan.toml"]);
    env
}

/// A task's id with its stored `due`, `due_kind` and `due_text`.
type StoredDue = (String, Option<String>, Option<String>, Option<String>);

/// The stored due of each task, in order.
fn stored(env: &Env) -> Vec<StoredDue> {
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let mut stmt = conn
        .prepare("SELECT id, due, due_kind, due_text FROM task ORDER BY ord")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query");
    rows.collect::<Result<_, _>>().expect("rows")
}

fn listed(env: &Env, when: &str) -> Vec<Value> {
    json_at(env, when, &["list", "--format", "json"])
        .as_array()
        .expect("array")
        .clone()
}

fn task<'a>(list: &'a [Value], id: &str) -> &'a Value {
    list.iter().find(|t| t["id"] == id).expect("task listed")
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

#[test]
fn phrases_are_stored_with_their_wording_and_a_reload_changes_nothing() {
    let env = loaded(&phrase_plan(""));
    assert_eq!(
        stored(&env),
        [
            ("1.1".into(), s("2016-12-31"), s("period"), s("年底前")),
            ("1.2".into(), None, s("ongoing"), s("长期坚持")),
            ("1.3".into(), None, s("unstated"), s("适时")),
            (
                "1.4".into(),
                s("2017-06-30"),
                s("period"),
                s("2017年6月底前")
            ),
            ("1.5".into(), None, None, None),
            ("1.6".into(), s("2016-11-30"), None, None),
        ]
    );
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let plan: (Option<String>, Option<String>, Option<String>) = conn
        .query_row("SELECT due, due_kind, due_text FROM plan", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("plan");
    assert_eq!(plan, (s("2016-09-30"), s("period"), s("三季度末")));
    drop(conn);
    // Feedback recorded before a reload stays.
    at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "1.2",
            "--division",
            "法规处",
            "--status",
            "in-progress",
        ],
    );
    let before = env.snapshot();
    let out = at(&env, "2016-08-02", &["load", "plan.toml"]);
    assert!(out.contains("is unchanged (6 tasks)"), "{out}");
    assert_eq!(
        before,
        env.snapshot(),
        "an unchanged reload wrote something"
    );
    // The wording changed, the date did not: the task is changed, and its
    // history kept.
    env.write(
        "plan.toml",
        phrase_plan("").replace("due = \"年底前\"", "due = \"2016年底前\""),
    );
    let out = at(&env, "2016-08-03", &["load", "plan.toml"]);
    assert!(out.contains("changed     1.1 (due wording)"), "{out}");
    assert!(out.contains("unchanged   5 tasks"), "{out}");
    assert_eq!(stored(&env)[0].3, s("2016年底前"));
    // Back to a plain date: the wording goes.
    env.write(
        "plan.toml",
        phrase_plan("").replace("due = \"年底前\"", "due = 2016-12-31"),
    );
    let out = at(&env, "2016-08-03", &["load", "plan.toml"]);
    assert!(out.contains("changed     1.1 (due wording)"), "{out}");
    assert_eq!(stored(&env)[0], ("1.1".into(), s("2016-12-31"), None, None));
    let shown = json_at(&env, "2016-08-04", &["show", "1.2", "--format", "json"]);
    assert_eq!(shown["history"].as_array().map(Vec::len), Some(1));
}

#[test]
fn list_and_show_give_the_date_with_the_wording_or_the_kind() {
    let env = loaded(&phrase_plan(""));
    let list = listed(&env, "2016-08-01");
    let due = |id: &str| {
        let t = task(&list, id);
        (
            t["due"].clone(),
            t["due_kind"].clone(),
            t["due_text"].clone(),
        )
    };
    assert_eq!(
        due("1.1"),
        ("2016-12-31".into(), "period".into(), "年底前".into())
    );
    assert_eq!(
        due("1.2"),
        (Value::Null, "ongoing".into(), "长期坚持".into())
    );
    assert_eq!(due("1.3"), (Value::Null, "unstated".into(), "适时".into()));
    // The plan's default phrase, with its wording.
    assert_eq!(
        due("1.5"),
        ("2016-09-30".into(), "period".into(), "三季度末".into())
    );
    // A plain date has no phrase: the keys are left out.
    assert!(task(&list, "1.6").get("due_kind").is_none());
    let text = at(&env, "2016-08-01", &["--lang", "zh", "list"]);
    for want in [
        "2016-12-31（年底前）",
        "长期（长期坚持）",
        "未明确（适时）",
        "2017-06-30（2017年6月底前）",
        "2016-09-30（三季度末）",
    ] {
        assert!(text.contains(want), "{want} not in\n{text}");
    }
    let text = at(&env, "2016-08-01", &["list"]);
    for want in [
        "2016-12-31 (年底前)",
        "ongoing (长期坚持)",
        "unstated (适时)",
    ] {
        assert!(text.contains(want), "{want} not in\n{text}");
    }
    let csv = at(&env, "2016-08-01", &["list", "--format", "csv"]);
    assert!(csv.contains("2016-12-31 (年底前)"), "{csv}");
    assert!(csv.contains(",2016-11-30,"), "{csv}");
    let show = at(&env, "2016-08-01", &["--lang", "zh", "show", "1.2"]);
    assert!(show.contains("期限      长期（长期坚持）"), "{show}");
    let show = at(&env, "2016-08-01", &["show", "1.5"]);
    assert!(
        show.contains("2016-09-30 (三季度末) (the plan's)"),
        "{show}"
    );
    let plans = at(&env, "2016-08-01", &["--lang", "zh", "plans"]);
    assert!(plans.contains("2016-09-30（三季度末）"), "{plans}");
    // The feedback form a division fills in says the same.
    at(
        &env,
        "2016-08-01",
        &[
            "--lang",
            "zh",
            "form",
            "--division",
            "投资处",
            "--output",
            "form.csv",
        ],
    );
    let form = std::fs::read_to_string(env.path("form.csv")).expect("form");
    assert!(
        form.contains("1.2,长期坚持的工作,配合,长期（长期坚持）,"),
        "{form}"
    );
    assert!(
        form.contains("1.3,适时开展的工作,牵头,未明确（适时）,"),
        "{form}"
    );
    let shown = json_at(&env, "2016-08-01", &["show", "1.3", "--format", "json"]);
    assert_eq!(shown["due"], Value::Null);
    assert_eq!(shown["due_kind"], "unstated");
    assert_eq!(shown["due_from"], "task");
}

#[test]
fn an_ongoing_task_is_never_red_but_still_owes_its_returns() {
    let env = loaded(&phrase_plan(""));
    for when in ["2016-12-31", "2017-07-01", "2019-01-02", "2025-06-01"] {
        let list = listed(&env, when);
        assert_ne!(task(&list, "1.2")["light"], "red", "as of {when}");
        let run = env.tasks_at(when, &["check", "--format", "json"]);
        let items: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .filter(|i: &Value| i["task"] == "1.2")
            .collect();
        // Only the missing returns of the monthly cadence, for each assignee.
        let kinds: Vec<&str> = items.iter().filter_map(|i| i["kind"].as_str()).collect();
        assert_eq!(
            kinds,
            ["missing-feedback", "missing-feedback"],
            "as of {when}"
        );
    }
    // With the returns made, the ongoing task is green years later.
    for division in ["法规处", "投资处"] {
        at(
            &env,
            "2025-05-20",
            &[
                "feedback",
                "1.2",
                "--division",
                division,
                "--status",
                "in-progress",
            ],
        );
    }
    assert_eq!(task(&listed(&env, "2025-06-01"), "1.2")["light"], "green");
    // A task due at the end of the year is red the next day.
    assert_eq!(task(&listed(&env, "2017-01-01"), "1.1")["light"], "red");
}

#[test]
fn an_unstated_task_does_not_take_the_plans_default() {
    let env = loaded(&phrase_plan(""));
    let run = env.tasks_at("2016-10-08", &["check", "--format", "json"]);
    let overdue: Vec<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
        .filter(|i| i["kind"] == "overdue")
        .map(|i| format!("{} {} {}", i["task"], i["deadline"], i["detail"]))
        .collect();
    // 1.5 takes the plan's 三季度末 and is overdue with its wording; 1.3 is
    // not.
    assert_eq!(
        overdue,
        [r#""1.5" "2016-09-30 23:59:59" "三季度末""#.to_string()]
    );
    let list = listed(&env, "2016-10-08");
    assert_eq!(task(&list, "1.3")["due"], Value::Null);
    assert_ne!(task(&list, "1.3")["light"], "red");
    let overdue_only = at(&env, "2016-10-08", &["list", "--overdue"]);
    assert!(!overdue_only.contains("1.3"), "{overdue_only}");
    // --due-before leaves out the tasks with no date.
    let before = json_at(
        &env,
        "2016-10-08",
        &["list", "--due-before", "2030-01-01", "--format", "json"],
    );
    let ids: Vec<&str> = before
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert_eq!(ids, ["1.1", "1.4", "1.5", "1.6"]);
}

#[test]
fn report_check_and_remind_say_the_wording_with_the_date() {
    let env = loaded(&phrase_plan(""));
    let report = json_at(&env, "2016-12-27", &["report", "--format", "json"]);
    let text = report.to_string();
    assert!(text.contains(r#""due_text":"年底前""#), "{text}");
    assert!(text.contains(r#""due_kind":"ongoing""#), "{text}");
    let md = at(
        &env,
        "2016-12-27",
        &["--lang", "zh", "report", "--format", "md"],
    );
    assert!(md.contains("2016-12-31（年底前）"), "{md}");
    assert!(md.contains("长期（长期坚持）"), "{md}");
    let csv = at(&env, "2016-12-27", &["report", "--format", "csv"]);
    assert!(csv.contains("2016-12-31 (年底前)"), "{csv}");
    let (status, out) = {
        let run = env.tasks_at("2016-12-27", &["--lang", "zh", "check"]);
        (run.status, run.stdout)
    };
    assert_eq!(status, 1);
    let line = out
        .lines()
        .find(|l| l.contains("1.1 "))
        .expect("1.1 is due soon");
    assert!(
        line.starts_with("2016-12-31") && line.ends_with("年底前"),
        "{line}"
    );
    let notice = at(
        &env,
        "2016-12-27",
        &["--lang", "zh", "remind", "--division", "法规处"],
    );
    assert!(
        notice.contains("即将到期（年底前），时限2016年12月31日"),
        "{notice}"
    );
}

/// A plan with a yearly duty (每年2月底前) and monthly ones, for the years
/// 2016–2019, warned 3 working days ahead, without a feedback cadence.
fn duty_plan() -> String {
    r#"[plan]
id = "duty"
title = "定期报送测试方案"
office = "办公室"
issued = 2016-07-15
warn = "3wd"

[[division]]
name = "办公室"

[[division]]
name = "法规处"

[[section]]
id = "1"
title = "定期工作"
role = "own"

[[task]]
id = "1.1"
section = "1"
title = "报送年度工作总结"
lead = "法规处"
due = "长期坚持"

[[task.rule]]
kind = "every"
every = "每年2月底前"
what = "报送上年度工作总结"

[[task]]
id = "1.2"
section = "1"
title = "报送月度信息"
lead = "法规处"
due = "ongoing"

[[task.rule]]
kind = "every"
every = "month"
by = "25"
from = 2017-01-05
until = 2017-06-30
event = "信息报送"

[[task]]
id = "1.3"
section = "1"
title = "月初报送"
lead = "法规处"
due = "长期坚持"

[[task.rule]]
kind = "every"
every = "每月3日前"
from = 2017-01-05

[[task]]
id = "1.4"
section = "1"
title = "七日前报送"
lead = "法规处"
due = "长期坚持"

[[task.rule]]
kind = "every"
every = "每月7日前"
from = 2017-02-01
"#
    .to_string()
}

/// The `check --format json` items of `task` as of `when`, as
/// "kind deadline detail".
fn items(env: &Env, when: &str, task: &str) -> Vec<String> {
    let run = env.tasks_at(when, &["check", "--format", "json"]);
    assert_eq!(run.stderr, "", "check as of {when}");
    run.stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
        .filter(|i| i["task"] == task)
        .map(|i| {
            format!(
                "{} {} {}",
                i["kind"].as_str().unwrap(),
                i["deadline"].as_str().unwrap(),
                i["detail"].as_str().unwrap()
            )
        })
        .collect()
}

fn light(env: &Env, when: &str, task: &str) -> Value {
    json_at(env, when, &["show", task, "--format", "json"])["light"].clone()
}

/// Each period's (label, state) of the first duty of `task`.
fn periods(env: &Env, when: &str, task: &str) -> Vec<(String, String)> {
    let shown = json_at(env, when, &["show", task, "--format", "json"]);
    shown["duties"][0]["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| {
            (
                p["label"].as_str().unwrap().to_string(),
                p["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_yearly_duty_is_due_on_the_last_day_of_february_and_red_the_next_day() {
    let env = loaded(&duty_plan());
    let out = at(&env, "2016-07-21", &["load", "plan.toml"]);
    assert!(out.contains("is unchanged (4 tasks)"), "{out}");
    // 2016's deadline came before the plan: nothing is owed in 2016.
    assert!(items(&env, "2016-12-30", "1.1").is_empty());
    assert_eq!(light(&env, "2016-12-30", "1.1"), "green");
    // 2017-02-28 is a Tuesday: three working days ahead from Thursday the
    // 23rd reach it, not from Wednesday the 22nd.
    assert!(items(&env, "2017-02-22", "1.1").is_empty());
    assert_eq!(
        items(&env, "2017-02-23", "1.1"),
        ["obligation-open 2017-02-28 23:59:59 报送上年度工作总结 (2017)"]
    );
    assert_eq!(light(&env, "2017-02-28", "1.1"), "yellow");
    assert_eq!(
        periods(&env, "2017-02-28", "1.1"),
        pairs(&[("2017", "open")])
    );
    assert_eq!(
        items(&env, "2017-03-01", "1.1"),
        ["obligation-overdue 2017-02-28 23:59:59 报送上年度工作总结 (2017)"]
    );
    assert_eq!(light(&env, "2017-03-01", "1.1"), "red");
    // list counts the period among the open obligations, report names it.
    let list = json_at(&env, "2017-03-01", &["list", "--format", "json"]);
    assert_eq!(list[0]["open_obligations"], 1);
    let report = json_at(&env, "2017-03-01", &["report", "--format", "json"]);
    let duty = &report["plans"][0]["tasks"][0]["open_duties"][0];
    assert_eq!(
        (&duty["label"], &duty["state"], &duty["deadline"]),
        (
            &Value::from("2017"),
            &Value::from("overdue"),
            &Value::from("2017-02-28 23:59:59")
        ),
        "{report}"
    );
    let table = at(&env, "2017-03-01", &["report"]);
    assert!(table.contains("2017 2017-02-28"), "{table}");
    let notice = at(
        &env,
        "2017-03-01",
        &["--lang", "zh", "remind", "--division", "法规处"],
    );
    assert!(
        notice.contains("时限事项逾期（报送上年度工作总结 (2017)），时限2017年2月28日，逾期1天"),
        "{notice}"
    );
    let text = env
        .tasks_at("2017-03-01", &["--lang", "zh", "check"])
        .stdout;
    let line = text.lines().find(|l| l.contains(" 1.1 ")).expect("1.1");
    assert!(line.contains("时限事项逾期  逾期1天"), "{text}");
    assert!(line.ends_with("报送上年度工作总结 (2017)"), "{text}");
    let show = at(&env, "2017-03-01", &["--lang", "zh", "show", "1.1"]);
    assert!(
        show.contains("每年2月底前（自 2016-07-15 起） — 报送上年度工作总结"),
        "{show}"
    );
    assert!(show.contains("2017  2017-02-28  逾期未报"), "{show}");
    // A late return clears the red: met late.
    at(
        &env,
        "2017-03-03T10:00",
        &[
            "feedback",
            "1.1",
            "--division",
            "法规处",
            "--status",
            "in-progress",
        ],
    );
    assert!(items(&env, "2017-03-06", "1.1").is_empty());
    assert_eq!(light(&env, "2017-03-06", "1.1"), "green");
    let shown = json_at(&env, "2017-03-06", &["show", "1.1", "--format", "json"]);
    assert_eq!(shown["duties"][0]["periods"][0]["state"], "met-late");
    assert_eq!(
        shown["duties"][0]["periods"][0]["met"],
        "2017-03-03 10:00:00"
    );
    // The next year wants a return of its own; a return in time meets it.
    assert_eq!(light(&env, "2018-03-01", "1.1"), "red");
    at(
        &env,
        "2018-02-10",
        &[
            "feedback",
            "1.1",
            "--division",
            "法规处",
            "--status",
            "in-progress",
        ],
    );
    assert_eq!(light(&env, "2018-03-01", "1.1"), "green");
    // 2019 missed, and in 2020 it is 2020 that is red; 2019 stays missed.
    assert_eq!(
        periods(&env, "2020-03-02", "1.1"),
        pairs(&[
            ("2017", "met-late"),
            ("2018", "met"),
            ("2019", "missed"),
            ("2020", "overdue"),
        ])
    );
    assert_eq!(
        items(&env, "2020-03-02", "1.1"),
        ["obligation-overdue 2020-02-29 23:59:59 报送上年度工作总结 (2020)"]
    );
}

#[test]
fn working_days_ahead_of_a_duty_count_make_up_days_and_skip_the_spring_festival() {
    let env = loaded(&duty_plan());
    // 每月25日前 from 2017-01-05. From Friday 2017-01-20, the make-up
    // working day Sunday the 22nd is the first of four working days up to
    // the 25th: not yet within 3 working days.
    assert!(items(&env, "2017-01-20", "1.2").is_empty());
    assert_eq!(light(&env, "2017-01-20", "1.2"), "green");
    // From the 22nd itself three are left.
    assert_eq!(
        items(&env, "2017-01-22", "1.2"),
        ["obligation-open 2017-01-25 23:59:59 信息报送 (2017-01)"]
    );
    assert_eq!(light(&env, "2017-01-22", "1.2"), "yellow");
    // 每月3日前: from Tuesday 2017-01-24 the working days up to 2017-02-03
    // are the 25th, the 26th and the 3rd (27 January to 2 February are the
    // Spring Festival): February's duty is due within 3 working days
    // before its month begins.
    assert!(items(&env, "2017-01-23", "1.3").is_empty());
    assert_eq!(
        items(&env, "2017-01-24", "1.3"),
        ["obligation-open 2017-02-03 23:59:59 2017-02"]
    );
    assert_eq!(light(&env, "2017-02-04", "1.3"), "red");
    // 每月7日前: from Thursday 2017-02-02 (a holiday) the working days up
    // to Tuesday the 7th are the 3rd, Saturday the 4th (a make-up day), the
    // 6th and the 7th: four, not yet within 3. From the 3rd, three.
    assert!(items(&env, "2017-02-02", "1.4").is_empty());
    assert_eq!(
        items(&env, "2017-02-03", "1.4"),
        ["obligation-open 2017-02-07 23:59:59 2017-02"]
    );
}

#[test]
fn a_monthly_duty_is_met_by_an_event_of_its_kind_and_ends_with_until() {
    let env = loaded(&duty_plan());
    // January missed: red on the 26th.
    assert_eq!(light(&env, "2017-01-26", "1.2"), "red");
    // An event of the rule's kind is a return: January met late.
    at(&env, "2017-02-06T09:00", &["event", "1.2", "信息报送"]);
    assert_eq!(light(&env, "2017-02-07", "1.2"), "green");
    // February: an entry by the lead before the 25th meets it.
    at(
        &env,
        "2017-02-20",
        &[
            "feedback",
            "1.2",
            "--division",
            "法规处",
            "--status",
            "in-progress",
        ],
    );
    assert_eq!(
        periods(&env, "2017-03-01", "1.2"),
        pairs(&[
            ("2017-01", "met-late"),
            ("2017-02", "met"),
            ("2017-03", "open")
        ])
    );
    // The duty ends with June: nothing is owed after it.
    let last = periods(&env, "2018-01-10", "1.2");
    assert_eq!(last.last().map(|p| p.0.as_str()), Some("2017-06"));
    assert!(items(&env, "2018-01-10", "1.2").is_empty());
    assert_eq!(light(&env, "2018-01-10", "1.2"), "green");
}

#[test]
fn phrases_of_a_plan_without_a_year_of_its_own_take_year() {
    let text = phrase_plan("")
        .replace("issued = 2016-07-15\n", "year = 2017\n")
        .replace("due = 2016-11-30", "due = 2017-11-30");
    let env = loaded(&text);
    let rows = stored(&env);
    assert_eq!(rows[0].1, s("2017-12-31"));
    // A year written in the phrase wins.
    assert_eq!(rows[3].1, s("2017-06-30"));
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let meta: String = conn
        .query_row("SELECT meta FROM plan", [], |r| r.get(0))
        .expect("meta");
    assert!(meta.contains(r#""year":2017"#), "{meta}");
}

#[test]
fn a_bad_phrase_is_told_in_chinese_at_its_place() {
    let env = Env::new();
    env.write(
        "plan.toml",
        phrase_plan("").replace("due = \"适时\"", "due = \"下月初\""),
    );
    let run = env.tasks(&["--lang", "zh", "load", "plan.toml"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(!env.db.exists(), "a database was made");
    assert!(
        run.stderr
            .contains("plan.toml:44:7：`due` = “下月初”既不是日期，也不是可识别的时限表述"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("^^^^^^^^ 应为日期（如 2016-12-31），或时限表述"));
}

#[test]
fn a_database_before_phrases_takes_phrases_and_duties_when_migrated() {
    // The plan as the schema before phrases knew it: dates only.
    let dated = phrase_plan("")
        .replace("due = \"三季度末\"", "due = 2016-09-30")
        .replace("due = \"年底前\"", "due = 2016-12-31")
        .replace("due = \"长期坚持\"\n", "")
        .replace("due = \"适时\"\n", "")
        .replace("due = \"2017年6月底前\"", "due = 2017-06-30");
    let env = loaded(&dated);
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch(crate::support::UNDO_SCHEMA_11)
        .expect("back to schema 10");
    drop(conn);
    // Opening it migrates; the old rows read as dates without wording.
    let list = listed(&env, "2016-08-01");
    assert_eq!(task(&list, "1.1")["due"], "2016-12-31");
    assert!(task(&list, "1.1").get("due_text").is_none());
    // The file with phrases gives the tasks their wording; a duty is added.
    env.write(
        "plan.toml",
        phrase_plan("\n[[task.rule]]\nkind = \"every\"\nevery = \"每季度末\"\n"),
    );
    let out = at(&env, "2016-08-02", &["load", "plan.toml"]);
    assert!(out.contains("changed"), "{out}");
    let list = listed(&env, "2016-08-02");
    assert_eq!(task(&list, "1.1")["due_text"], "年底前");
    let shown = json_at(&env, "2016-10-01", &["show", "1.6", "--format", "json"]);
    assert_eq!(shown["duties"][0]["periods"][0]["label"], "2016-Q3");
    assert_eq!(shown["duties"][0]["periods"][0]["state"], "overdue");
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, tasks::store::MIGRATIONS.len());
}
