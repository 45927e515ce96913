//! Honest times: a record is made at the clock (`TASKS_NOW`, else the real
//! clock), never at `--as-of`, which is the viewpoint of reading commands
//! only.

use chrono::NaiveDateTime;
use serde_json::Value;

use crate::support::{json_at, run, Env, Run, SEED_PLAN};

/// The start of every refusal of `--as-of` on a command that writes.
const REFUSED: &str =
    "error: --as-of sets the viewpoint of reading commands, not the time of a record: ";
/// The end of it.
const CLOCK_HINT: &str = " (scripts set the clock with TASKS_NOW=WHEN)\n";

const CALENDAR: &str = "[[year]]\nyear = 2030\noff = [2030-10-01]\n";
const RETURNS: &str = "task,division,status,at\n1.7,法规处,in-progress,2016-07-20\n";

/// Runs `args` with `vars` set in the environment.
fn run_with(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = env.command(args);
    cmd.envs(vars.iter().copied());
    run(cmd)
}

/// The real clock, as the binary reads it.
fn real_now() -> NaiveDateTime {
    #[allow(clippy::disallowed_methods)] // the test compares with the real clock
    chrono::Local::now().naive_local()
}

fn time(text: &Value) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text.as_str().expect("a time"), "%Y-%m-%d %H:%M:%S")
        .expect("a stored time")
}

/// The history of `task` as JSON, with the clock at `when`.
fn history(env: &Env, when: &str, task: &str) -> Vec<Value> {
    json_at(env, when, &["history", task, "--format", "json"])
        .as_array()
        .expect("a list")
        .clone()
}

/// A seeded database where task 2.1 is reported done, awaiting review.
fn done_awaiting_review() -> Env {
    let env = Env::seeded();
    env.tasks_at(
        "2016-08-01T09:00",
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "done",
        ],
    )
    .ok();
    env
}

#[test]
fn as_of_is_refused_by_every_command_that_writes() {
    let feedback = "feedback is recorded now; give --at WHEN for when the progress happened";
    let file =
        "a return file is recorded now; its `at` (填报日期) column says when the progress happened";
    let cases: [(&[&str], &str); 9] = [
        (&["load", SEED_PLAN], "a plan is loaded now"),
        (&["load", SEED_PLAN, "--dry-run"], "a plan is loaded now"),
        (
            &[
                "feedback",
                "1.7",
                "--division",
                "法规处",
                "--status",
                "in-progress",
            ],
            feedback,
        ),
        (
            &[
                "feedback",
                "1.7",
                "--division",
                "法规处",
                "--status",
                "in-progress",
                "--at",
                "2016-07-20",
            ],
            feedback,
        ),
        (&["feedback", "--from", "returns.csv"], file),
        (&["feedback", "--from", "returns.csv", "--dry-run"], file),
        (
            &["review", "2.1", "--return", "--note", "请补充"],
            "a review is recorded now; give --at WHEN for when it was decided",
        ),
        (
            &["event", "3.3", "政策文件公开", "--at", "2016-09-28T16:00"],
            "an event is recorded now; give --at WHEN for when it happened",
        ),
        (
            &["calendar", "load", "2030.toml"],
            "a calendar is loaded now",
        ),
    ];
    for (args, what) in cases {
        let env = done_awaiting_review();
        env.write("returns.csv", RETURNS);
        env.write("2030.toml", CALENDAR);
        let expected = format!("{REFUSED}{what}{CLOCK_HINT}");
        let before = env.snapshot();
        // Before or after the command, with or without the clock set.
        let after: Vec<&str> = args
            .iter()
            .copied()
            .chain(["--as-of", "2016-09-30"])
            .collect();
        let front: Vec<&str> = ["--as-of", "2016-09-30"]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        for (vars, all) in [
            (&[][..], &after),
            (&[][..], &front),
            (&[("TASKS_NOW", "2016-10-01T09:00")][..], &after),
        ] {
            let run = run_with(&env, vars, all);
            assert_eq!(run.status, 2, "{all:?}: {}", run.stderr);
            assert_eq!(run.stdout, "", "{all:?}");
            assert_eq!(run.stderr, expected, "{all:?}");
            assert_eq!(before, env.snapshot(), "{all:?} changed the database");
        }
        // Without --as-of, with the clock set, the same command is taken.
        let run = env.tasks_at("2016-10-01T09:00", args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn as_of_on_a_load_creates_no_database() {
    let env = Env::new();
    let run = env.tasks(&["--as-of", "2016-07-01", "load", SEED_PLAN]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        format!("{REFUSED}a plan is loaded now{CLOCK_HINT}")
    );
    assert!(!env.db.exists());
}

#[test]
fn records_are_made_at_the_clock_tasks_now_sets() {
    let env = Env::new();
    env.tasks_at("2016-06-25T08:00", &["load", SEED_PLAN]).ok();
    let plans = json_at(&env, "2016-06-25T08:00", &["plans", "--format", "json"]);
    assert_eq!(plans[0]["loaded_at"], "2016-06-25 08:00:00", "{plans}");

    env.tasks_at(
        "2016-08-01T09:00",
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处",
            "--status",
            "done",
            "--at",
            "2016-07-20",
        ],
    )
    .ok();
    env.tasks_at("2016-08-02T10:00", &["review", "2.1", "--return"])
        .ok();
    let items = history(&env, "2016-08-03", "2.1");
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0]["at"], "2016-07-20 00:00:00");
    assert_eq!(items[0]["recorded_at"], "2016-08-01 09:00:00");
    assert_eq!(items[1]["what"], "return");
    assert_eq!(items[1]["at"], "2016-08-02 10:00:00");
    assert_eq!(items[1]["recorded_at"], "2016-08-02 10:00:00");
    // The table shows the same recorded time.
    let table = env
        .tasks_at("2016-08-03", &["history", "2.1"])
        .ok()
        .to_string();
    assert!(table.contains("2016-08-01 09:00:00"), "{table}");

    env.tasks_at(
        "2016-09-28T17:00",
        &["event", "3.3", "政策文件公开", "--at", "2016-09-28T16:00"],
    )
    .ok();
    let items = history(&env, "2016-09-29", "3.3");
    assert_eq!(items[0]["kind"], "event", "{items:?}");
    assert_eq!(items[0]["at"], "2016-09-28 16:00:00");
    assert_eq!(items[0]["recorded_at"], "2016-09-28 17:00:00");

    // A return file's undated rows take the clock's time as well.
    env.write(
        "returns.csv",
        "task,division,status\n1.7,法规处,in-progress\n",
    );
    env.tasks_at("2016-09-30T11:00", &["feedback", "--from", "returns.csv"])
        .ok();
    let items = history(&env, "2016-09-30T12:00", "1.7");
    assert_eq!(items[0]["at"], "2016-09-30 11:00:00", "{items:?}");
    assert_eq!(items[0]["recorded_at"], "2016-09-30 11:00:00");

    env.write("2030.toml", CALENDAR);
    env.tasks_at("2016-10-08T08:30", &["calendar", "load", "2030.toml"])
        .ok();
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let loaded: String = conn
        .query_row(
            "SELECT loaded_at FROM calendar_year WHERE year = 2030",
            [],
            |r| r.get(0),
        )
        .expect("the 2030 calendar");
    assert_eq!(loaded, "2016-10-08 08:30:00");
}

#[test]
fn without_tasks_now_records_are_made_at_the_real_clock_whatever_at_says() {
    let env = Env::seeded();
    let plans = env.tasks(&["plans", "--format", "json"]).json();
    let loaded = time(&plans[0]["loaded_at"]);
    assert!(
        (real_now() - loaded).num_seconds().abs() < 60,
        "loaded at {loaded}"
    );
    env.tasks(&[
        "feedback",
        "2.1",
        "--division",
        "法规处",
        "--status",
        "done",
        "--at",
        "2016-08-01",
    ])
    .ok();
    env.tasks(&["review", "2.1", "--return", "--at", "2016-08-02"])
        .ok();
    let items = env.tasks(&["history", "2.1", "--format", "json"]).json();
    let items = items.as_array().expect("a list");
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0]["at"], "2016-08-01 00:00:00");
    assert_eq!(items[1]["at"], "2016-08-02 00:00:00");
    let now = real_now();
    for item in items {
        let recorded = time(&item["recorded_at"]);
        assert!(
            (now - recorded).num_seconds().abs() < 60,
            "recorded at {recorded}, the clock says {now}"
        );
    }
}

#[test]
fn a_clock_later_than_the_real_one_is_refused_for_every_write() {
    let env = done_awaiting_review();
    env.write("returns.csv", RETURNS);
    env.write("2030.toml", CALENDAR);
    let before = env.snapshot();
    for args in [
        &["load", SEED_PLAN][..],
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "done",
        ],
        &["feedback", "--from", "returns.csv"],
        &["review", "2.1", "--accept"],
        &["event", "3.3", "政策文件公开"],
        &["calendar", "load", "2030.toml"],
    ] {
        let run = env.tasks_at("2999-01-01", args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.starts_with(
                "error: TASKS_NOW sets the clock to 2999-01-01 23:59:59, later than the real clock ("
            ),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(before, env.snapshot(), "{args:?} changed the database");
    }
    // Reading commands answer as of such a clock.
    let shown = json_at(&env, "2999-01-01", &["show", "2.1", "--format", "json"]);
    assert_eq!(shown["status"], "done");
}

#[test]
fn as_of_on_a_reading_command_answers_as_of_then_whatever_the_clock() {
    let env = Env::seeded();
    let fb = |when: &str, status: &str| {
        env.tasks_at(
            when,
            &[
                "feedback",
                "2.1",
                "--division",
                "法规处",
                "--status",
                status,
            ],
        )
        .ok();
    };
    fb("2016-08-01T09:00", "in-progress");
    fb("2016-09-01T09:00", "done");
    let later = [("TASKS_NOW", "2016-10-01T09:00")];
    let read = |args: &[&str]| -> Value {
        let run = run_with(&env, &later, args);
        serde_json::from_str(run.ok()).expect("JSON")
    };
    let shown = read(&["--as-of", "2016-08-15", "show", "2.1", "--format", "json"]);
    assert_eq!(shown["status"], "in-progress", "{shown}");
    let shown = read(&["show", "2.1", "--format", "json"]);
    assert_eq!(shown["status"], "done", "{shown}");
    let report = read(&["report", "--format", "json", "--as-of", "2016-08-15T12:00"]);
    assert_eq!(report["as_of"], "2016-08-15 12:00:00");
    let report = read(&["report", "--format", "json"]);
    assert_eq!(report["as_of"], "2016-10-01 09:00:00");
    // The history up to --as-of, each entry with the time it was recorded.
    let items = read(&[
        "--as-of",
        "2016-08-15",
        "history",
        "2.1",
        "--format",
        "json",
    ]);
    let items = items.as_array().expect("a list");
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["recorded_at"], "2016-08-01 09:00:00");
    let items = read(&["history", "2.1", "--format", "json"]);
    assert_eq!(items[1]["recorded_at"], "2016-09-01 09:00:00", "{items}");
    // --as-of later than the clock is a reading command's own business.
    let shown = run_with(
        &env,
        &[("TASKS_NOW", "2016-08-15")],
        &["--as-of", "2016-10-01", "show", "2.1", "--format", "json"],
    );
    let shown: Value = serde_json::from_str(shown.ok()).expect("JSON");
    assert_eq!(shown["status"], "done");
    // Nothing a reading command does is recorded.
    let before = env.snapshot();
    run_with(&env, &later, &["--as-of", "2016-08-15", "check"]);
    assert_eq!(before, env.snapshot());
}
