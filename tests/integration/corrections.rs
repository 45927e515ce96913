//! Correcting mistakes with a trail: records are numbered, voided (never
//! deleted) with a reason, amended; what is derived is as if a voided record
//! had never been made.

use serde_json::Value;

use crate::support::{at, json_at, Env};

/// The number of the record a confirmation line names: `Recorded #N: …`,
/// `… (import #N).`
fn number_in(text: &str, mark: &str) -> i64 {
    let from = text
        .find(mark)
        .unwrap_or_else(|| panic!("{mark} in {text}"))
        + mark.len();
    text[from..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a number")
}

fn status(env: &Env, when: &str, task: &str) -> String {
    json_at(env, when, &["show", task, "--format", "json"])["status"]
        .as_str()
        .expect("status")
        .to_string()
}

#[test]
fn a_mistaken_acceptance_is_voided_and_the_task_awaits_review_again() {
    let env = Env::seeded();
    at(
        &env,
        "2016-08-01T10:00",
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    at(&env, "2016-08-02T10:00", &["review", "2.4", "--accept"]);
    assert_eq!(status(&env, "2016-08-03", "2.4"), "closed");
    let history = json_at(&env, "2016-08-03", &["history", "2.4", "--format", "json"]);
    let review = history[1]["number"].as_i64().expect("the review's number");
    let out = at(
        &env,
        "2016-08-03T09:00",
        &[
            "void",
            &format!("#{review}"),
            "--reason",
            "误点了审核通过",
            "--by",
            "王主任",
        ],
    );
    assert!(
        out.starts_with(&format!("Voided review #{review} on task 2.4 (void #")),
        "{out}"
    );
    assert!(out.ends_with("Task 2.4 is now done.\n"), "{out}");
    assert_eq!(status(&env, "2016-08-03", "2.4"), "done");
    // As of any time: the review counts nowhere.
    assert_eq!(status(&env, "2016-08-02T12:00", "2.4"), "done");
    // The history keeps it, marked, with the void after it.
    let history = json_at(&env, "2016-08-03", &["history", "2.4", "--format", "json"]);
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["feedback", "review", "void"]);
    let void = history[2]["number"].as_i64().unwrap();
    assert_eq!(history[1]["voided_by"], void);
    assert_eq!(history[2]["voids"], review);
    assert_eq!(history[2]["note"], "误点了审核通过");
    assert_eq!(history[2]["by"], "王主任");
    assert_eq!(history[2]["recorded_at"], "2016-08-03 09:00:00");
    assert!(!history[2]["recorded_by"].as_str().unwrap().is_empty());
    // The office can now decide again.
    at(
        &env,
        "2016-08-04T10:00",
        &["review", "2.4", "--return", "--note", "请补充决算"],
    );
    assert_eq!(status(&env, "2016-08-05", "2.4"), "in-progress");
}

#[test]
fn an_entry_with_a_wrong_date_is_amended_and_the_two_are_linked() {
    let env = Env::seeded();
    let wrong = at(
        &env,
        "2016-12-02T09:00",
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "done",
            "--at",
            "2016-12-01",
        ],
    );
    let wrong = number_in(&wrong, "Recorded #");
    // A correction dated earlier is recorded, and says that the wrong,
    // later entry still decides.
    let later = at(
        &env,
        "2016-12-02T09:05",
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "in-progress",
            "--at",
            "2016-11-28",
        ],
    );
    assert!(
        later.contains(&format!(
            "Entry #{wrong} of 2016-12-01 00:00:00 is later and still decides 法规处's status."
        )),
        "{later}"
    );
    let extra = number_in(&later, "Recorded #");
    at(
        &env,
        "2016-12-02T09:06",
        &["void", &extra.to_string(), "--reason", "重复录入"],
    );
    // The amendment voids the wrong entry and records the right one at once.
    let amended = at(
        &env,
        "2016-12-02T09:10",
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "in-progress",
            "--percent",
            "80",
            "--at",
            "2016-11-28",
            "--amend",
            &format!("#{wrong}"),
            "--reason",
            "日期填错",
        ],
    );
    assert!(
        amended.contains(&format!("It amends #{wrong} (voided by #")),
        "{amended}"
    );
    assert!(
        amended.ends_with("Task 2.1 is now in-progress.\n"),
        "{amended}"
    );
    let new = number_in(&amended, "Recorded #");
    let history = json_at(&env, "2016-12-03", &["history", "2.1", "--format", "json"]);
    let by_number = |n: i64| -> Value {
        history
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["number"] == n)
            .cloned()
            .unwrap_or_else(|| panic!("#{n} in {history}"))
    };
    assert_eq!(by_number(new)["amends"], wrong);
    assert!(by_number(wrong)["voided_by"].is_i64());
    let report = json_at(&env, "2016-12-03", &["report", "--format", "json"]);
    let task = report["plans"][0]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "2.1")
        .cloned()
        .unwrap();
    assert_eq!(task["status"], "in-progress");
    assert_eq!(task["assignees"][0]["latest"]["percent"], 80);
}

#[test]
fn a_wrong_import_is_found_and_voided_whole_and_the_right_file_goes_in() {
    let env = Env::seeded();
    env.write(
        "august.csv",
        "task,division,status,percent,at\n\
         2.1,法规处,done,,2016-08-20\n\
         1.7,法规处,blocked,10,2016-08-21\n",
    );
    let out = at(
        &env,
        "2016-08-25T10:00",
        &["feedback", "--from", "august.csv"],
    );
    let import = number_in(&out, "(import #");
    assert_eq!(status(&env, "2016-08-26", "2.1"), "done");
    let imports = json_at(&env, "2016-08-26", &["imports", "--format", "json"]);
    assert_eq!(imports[0]["number"], import);
    assert_eq!(imports[0]["file"], "august.csv");
    assert_eq!(imports[0]["added"], 2);
    assert_eq!(imports[0]["digest"].as_str().unwrap().len(), 64);
    let out = at(
        &env,
        "2016-08-26T09:00",
        &["void", &import.to_string(), "--reason", "发错了文件"],
    );
    assert!(
        out.starts_with(&format!("Voided import #{import} (void #")),
        "{out}"
    );
    for task in ["2.1", "1.7"] {
        assert_eq!(status(&env, "2016-08-26", task), "not-started", "{task}");
    }
    let imports = json_at(&env, "2016-08-26", &["imports", "--format", "json"]);
    assert!(imports[0]["voided"].is_i64());
    // The right file: its entries are new, though the wrong file had the
    // same ones.
    env.write(
        "august-fixed.csv",
        "task,division,status,percent,at\n\
         2.1,法规处,in-progress,60,2016-08-20\n\
         1.7,法规处,blocked,10,2016-08-21\n",
    );
    let out = at(
        &env,
        "2016-08-26T10:00",
        &["feedback", "--from", "august-fixed.csv"],
    );
    assert!(
        out.starts_with("Recorded 2 entries from august-fixed.csv (import #"),
        "{out}"
    );
    assert_eq!(status(&env, "2016-08-27", "2.1"), "in-progress");
    assert_eq!(status(&env, "2016-08-27", "1.7"), "blocked");
}

#[test]
fn a_voided_event_opens_no_obligation_and_counts_toward_no_quota() {
    let env = Env::seeded();
    at(
        &env,
        "2016-09-28T16:00",
        &["event", "3.3", "政策文件公开", "--note", "一号文件"],
    );
    at(
        &env,
        "2016-09-29T10:00",
        &["event", "3.3", "主要负责人解读重要政策"],
    );
    let check = env.tasks_at("2016-10-20", &["check", "--format", "json"]);
    assert!(
        check
            .stdout
            .contains("\"task\":\"3.3\",\"title\":\"主动做好政策解读\",\"obligation\":1"),
        "{}",
        check.stdout
    );
    let history = json_at(&env, "2016-10-20", &["history", "3.3", "--format", "json"]);
    let numbers: Vec<i64> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["number"].as_i64().unwrap())
        .collect();
    for n in &numbers {
        at(
            &env,
            "2016-10-20T09:00",
            &["void", &n.to_string(), "--reason", "误记"],
        );
    }
    let check = env.tasks_at("2016-10-20", &["check", "--format", "json"]);
    assert!(
        !check.stdout.contains("\"obligation\":1"),
        "{}",
        check.stdout
    );
    let shown = json_at(&env, "2016-10-20", &["show", "3.3", "--format", "json"]);
    assert_eq!(shown["obligations"], Value::Array(Vec::new()));
    // The quota counts nothing again: due by the end of the year, it is
    // missed then.
    let late = env.tasks_at("2017-01-05", &["check", "--format", "json"]);
    assert!(late.stdout.contains("quota"), "{}", late.stdout);
    // A new event gets the next obligation number: numbers never change.
    at(&env, "2016-10-21T09:00", &["event", "3.3", "政策文件公开"]);
    let shown = json_at(&env, "2016-10-21", &["show", "3.3", "--format", "json"]);
    assert_eq!(shown["obligations"][0]["n"], 2);
}

#[test]
fn a_void_is_final_and_a_record_others_rest_on_waits_for_them() {
    let env = Env::seeded();
    let done = at(
        &env,
        "2016-08-01T10:00",
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    let entry = number_in(&done, "Recorded #");
    at(&env, "2016-08-02T10:00", &["review", "2.4", "--accept"]);
    let before = env.snapshot();
    let run = env.tasks_at("2016-08-03", &["void", &entry.to_string(), "--reason", "x"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains(&format!("rest on #{entry}: void them first")),
        "{}",
        run.stderr
    );
    assert_eq!(before, env.snapshot());
    let review = entry + 1;
    let out = at(
        &env,
        "2016-08-03T09:00",
        &["void", &review.to_string(), "--reason", "误审"],
    );
    let void = number_in(&out, "(void #");
    at(
        &env,
        "2016-08-03T09:01",
        &["void", &entry.to_string(), "--reason", "误报"],
    );
    let before = env.snapshot();
    for (args, message) in [
        (
            vec!["void", &*void.to_string(), "--reason", "x"],
            format!("#{void} is a void, which is final"),
        ),
        (
            vec!["void", &*review.to_string(), "--reason", "x"],
            format!("#{review} was voided already, by #{void}"),
        ),
        (
            vec!["void", "9999", "--reason", "x"],
            "there is no record #9999".to_string(),
        ),
        (
            vec!["void", "#x", "--reason", "x"],
            "\"#x\" is not a record number".to_string(),
        ),
        (
            vec!["void", "1", "--reason", "  "],
            "a void needs a reason".to_string(),
        ),
        (
            vec!["void", "1", "--reason", "x", "--as-of", "2016-08-01"],
            "--as-of sets the viewpoint".to_string(),
        ),
    ] {
        let run = env.tasks_at("2016-08-04", &args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.stderr.contains(&message), "{args:?}: {}", run.stderr);
        assert_eq!(before, env.snapshot(), "{args:?}");
    }
}

#[test]
fn every_record_is_numbered_in_history_show_and_the_confirmations() {
    let env = Env::seeded();
    let first = at(
        &env,
        "2016-08-01T10:00",
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "in-progress",
        ],
    );
    assert!(first.starts_with("Recorded #1: task 2.1"), "{first}");
    let json = json_at(
        &env,
        "2016-08-01T11:00",
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "blocked",
            "--format",
            "json",
        ],
    );
    assert_eq!(json["number"], 2);
    let shown = json_at(&env, "2016-08-02", &["show", "2.1", "--format", "json"]);
    let numbers: Vec<&Value> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["number"])
        .collect();
    assert_eq!(numbers, [&Value::from(1), &Value::from(2)]);
    let table = at(&env, "2016-08-02", &["history", "2.1"]);
    assert!(table.contains(" #1 ") && table.contains(" #2 "), "{table}");
    let csv = at(&env, "2016-08-02", &["history", "2.1", "--format", "csv"]);
    assert!(csv.starts_with("number,at,kind,"), "{csv}");
    let zh = at(&env, "2016-08-02", &["--lang", "zh", "history", "2.1"]);
    assert!(zh.contains("录入人"), "{zh}");
}
