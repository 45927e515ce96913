//! Deadlines: the calendar, events and obligations, quotas, feedback periods,
//! traffic lights, check and remind.

use serde_json::Value;

use crate::support::{at, json_at, Env, Run};

/// Runs `tasks` with the clock set to `when` (so as of `when`), whatever
/// the outcome.
fn run_at(env: &Env, when: &str, args: &[&str]) -> Run {
    env.tasks_at(when, args)
}

/// `tasks check` as of `when`: (exit status, stdout). Stderr must be empty.
#[track_caller]
fn check(env: &Env, when: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    let run = run_at(env, when, &args);
    assert_eq!(run.stderr, "", "check as of {when} {extra:?}");
    (run.status, run.stdout)
}

/// Runs a command expected to be refused: exit 2, nothing on stdout, the
/// database unchanged. Returns stderr.
#[track_caller]
fn refused(env: &Env, args: &[&str]) -> String {
    refused_run(env, args, env.command(args))
}

/// `refused` with the clock set to `when` (`TASKS_NOW`).
#[track_caller]
fn refused_at(env: &Env, when: &str, args: &[&str]) -> String {
    refused_run(env, args, env.command_at(when, args))
}

#[track_caller]
fn refused_run(env: &Env, args: &[&str], cmd: std::process::Command) -> String {
    let before = env.snapshot();
    let run = crate::support::run(cmd);
    assert_eq!(run.status, 2, "{args:?}: {}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "{args:?}");
    assert!(
        run.stderr.starts_with("error: "),
        "{args:?}: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    assert_eq!(before, env.snapshot(), "{args:?} changed the database");
    run.stderr
}

fn light(env: &Env, when: &str, task: &str) -> Value {
    json_at(env, when, &["show", task, "--format", "json"])["light"].clone()
}

/// `calendar add`: (stdout, stderr), expecting exit 0.
#[track_caller]
fn cal_add(env: &Env, date: &str, dur: &str) -> (String, String) {
    let run = env.tasks(&["calendar", "add", date, dur]);
    run.ok();
    (run.stdout, run.stderr)
}

const NO_2030: &str = "warning: no holiday data for 2030: working days there count weekends \
                       only; load the State Council's 2030 notice with `tasks calendar load FILE`\n";

/// The keys docs/deadlines.md promises on every `check --format json` line.
const DOCUMENTED_KEYS: [&str; 8] = [
    "plan",
    "task",
    "obligation",
    "division",
    "deadline",
    "kind",
    "days",
    "detail",
];

/// A `check` JSON item with only its documented keys (extensions dropped).
fn documented(item: Value) -> Value {
    let object = item.as_object().expect("a JSON object");
    for key in DOCUMENTED_KEYS {
        assert!(object.contains_key(key), "{key} missing in {item}");
    }
    Value::Object(
        object
            .iter()
            .filter(|(k, _)| DOCUMENTED_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

// ---------------------------------------------------------------- calendar

#[test]
fn calendar_add_follows_holidays_and_make_up_days() {
    let env = Env::new();
    for (date, dur, expected) in [
        // National Day 2016: 1–7 October off, Saturday 8 and Sunday 9 worked.
        ("2016-09-30", "3wd", "2016-10-10"),
        ("2016-09-30", "1wd", "2016-10-08"),
        ("2016-09-30", "2wd", "2016-10-09"),
        ("2016-10-01", "1wd", "2016-10-08"),
        // Spring Festival 2016: 7–13 February off, Saturday 6 and Sunday 14 worked.
        ("2016-02-05", "1wd", "2016-02-06"),
        ("2016-02-06", "1wd", "2016-02-14"),
        ("2016-02-05", "3wd", "2016-02-15"),
        // Mid-Autumn 2016: 15–17 September off, Sunday 18 worked.
        ("2016-09-14", "1wd", "2016-09-18"),
        ("2016-09-14", "2wd", "2016-09-19"),
        // An ordinary weekend is skipped.
        ("2016-11-04", "1wd", "2016-11-07"),
        // The year boundary: 2017-01-02 (Monday) is the New Year holiday.
        ("2016-12-30", "1wd", "2017-01-03"),
        ("2016-12-30", "2wd", "2017-01-04"),
        // A time of day does not change a working-day deadline.
        ("2016-09-30T18:00", "3wd", "2016-10-10"),
        // Calendar days ignore holidays.
        ("2016-09-30", "3d", "2016-10-03"),
        ("2016-10-01", "10d", "2016-10-11"),
        ("2016-12-30", "2d", "2017-01-01"),
    ] {
        assert_eq!(
            cal_add(&env, date, dur),
            (format!("{expected}\n"), String::new()),
            "{date} + {dur}"
        );
    }
    // Reading the calendar never creates a database.
    assert!(!env.db.exists());
}

#[test]
fn calendar_add_hours_cross_midnight() {
    let env = Env::new();
    for (date, dur, expected) in [
        ("2016-10-01T20:30", "24h", "2016-10-02 20:30"),
        ("2016-10-01 20:30", "5h", "2016-10-02 01:30"),
        ("2016-12-31T23:00", "2h", "2017-01-01 01:00"),
        // A bare date is the start of the day.
        ("2016-10-01", "24h", "2016-10-02 00:00"),
    ] {
        assert_eq!(
            cal_add(&env, date, dur),
            (format!("{expected}\n"), String::new()),
            "{date} + {dur}"
        );
    }
}

#[test]
fn a_year_without_data_counts_weekends_only_and_warns() {
    let env = Env::new();
    // 2030-10-01 is a Tuesday; without the 2030 notice it is a working day.
    assert_eq!(
        cal_add(&env, "2030-09-30", "3wd"),
        ("2030-10-03\n".to_string(), NO_2030.to_string())
    );
    // Calendar days and hours need no holiday data.
    assert_eq!(
        cal_add(&env, "2030-09-30", "10d"),
        ("2030-10-10\n".to_string(), String::new())
    );
    assert_eq!(
        cal_add(&env, "2030-09-30T08:00", "24h"),
        ("2030-10-01 08:00\n".to_string(), String::new())
    );
    // The month grid warns too.
    let run = env.tasks(&["calendar", "show", "2030-10"]);
    assert_eq!(run.stderr, NO_2030);
    assert!(run.ok().contains("  1     2     3     4     5     6\n"));
    // Late December may be set by the next year's notice.
    let (out, err) = cal_add(&env, "2026-12-28", "1wd");
    assert_eq!(out, "2026-12-29\n");
    assert!(err.contains("no holiday data for 2027"), "{err}");
    assert!(err.contains("`tasks calendar load FILE`"), "{err}");
}

#[test]
fn calendar_show_marks_holidays_and_make_up_days() {
    let env = Env::new();
    let en = env.tasks(&["calendar", "show", "2016-10"]);
    assert_eq!(en.stderr, "");
    assert_eq!(
        en.ok(),
        [
            "              October 2016",
            "   Mo    Tu    We    Th    Fr    Sa    Su",
            "                                1 H   2 H",
            "  3 H   4 H   5 H   6 H   7 H   8 W   9 W",
            " 10    11    12    13    14    15    16",
            " 17    18    19    20    21    22    23",
            " 24    25    26    27    28    29    30",
            " 31",
            "",
            "H 国庆节 holiday: 1, 2, 3, 4, 5, 6, 7",
            "W 国庆节 make-up working day: 8, 9",
            "",
        ]
        .join("\n")
    );
    let zh = env.tasks(&["--lang", "zh", "calendar", "show", "2016-10"]);
    assert_eq!(zh.stderr, "");
    assert_eq!(
        zh.ok(),
        [
            "               2016年10月",
            "   一    二    三    四    五    六    日",
            "                                1休   2休",
            "  3休   4休   5休   6休   7休   8班   9班",
            " 10    11    12    13    14    15    16",
            " 17    18    19    20    21    22    23",
            " 24    25    26    27    28    29    30",
            " 31",
            "",
            "休 国庆节 放假：1、2、3、4、5、6、7",
            "班 国庆节 调休上班：8、9",
            "",
        ]
        .join("\n")
    );
    // Spring Festival: make-up days on both sides of the holiday.
    let feb = at(&env, "2016-07-01", &["calendar", "show", "2016-02"]);
    assert!(
        feb.contains("\n  1     2     3     4     5     6 W   7 H\n  8 H   9 H  10 H  11 H  12 H  13 H  14 W\n"),
        "{feb}"
    );
    assert!(
        feb.ends_with(
            "\nW 春节 make-up working day: 6, 14\nH 春节 holiday: 7, 8, 9, 10, 11, 12, 13\n"
        ),
        "{feb}"
    );
    // A month with nothing listed has no legend.
    let nov = at(&env, "2016-07-01", &["calendar", "show", "2016-11"]);
    assert!(nov.ends_with(" 28    29    30\n"), "{nov}");
}

#[test]
fn a_deadline_past_year_9999_is_refused() {
    let env = Env::new();
    for (date, dur) in [
        ("9999-12-31", "1d"),
        ("9999-12-31T23:00", "2h"),
        ("9999-12-31", "1wd"),
    ] {
        let run = env.tasks(&["calendar", "add", date, dur]);
        assert_eq!(run.status, 2, "{date} + {dur}: {}", run.stdout);
        assert_eq!(run.stdout, "");
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    }
}

#[test]
fn a_small_calendar_load_reads_well() {
    let env = Env::new();
    env.write("2030.toml", "[[year]]\nyear = 2030\noff = [2030-10-01]\n");
    let out = env
        .tasks(&["calendar", "load", "2030.toml"])
        .ok()
        .to_string();
    assert!(out.starts_with("Calendar 2030: 1 rest day, "), "{out}");
    let grid = env.tasks(&["calendar", "show", "2030-10"]).ok().to_string();
    assert!(!grid.contains("H  holiday"), "{grid}");
}

const CAL_2030: &str = r#"# 国务院办公厅关于2030年部分节假日安排的通知(示例)
[[year]]
year = 2030

[[year.holiday]]
name = "国庆节"
off = [2030-10-01, 2030-10-02, 2030-10-03, 2030-10-04, 2030-10-07]
work = [2030-09-29, 2030-10-12]
"#;

#[test]
fn a_loaded_year_is_used_and_replaced_by_the_next_load() {
    let env = Env::seeded();
    env.write("2030.toml", CAL_2030);
    assert_eq!(
        env.tasks(&["calendar", "load", "2030.toml"]).ok(),
        "Calendar 2030: 5 rest days, 2 make-up working days.\n"
    );
    // 10-05 and 10-06 are a weekend, 10-07 off: the 3rd working day is the 10th.
    assert_eq!(
        cal_add(&env, "2030-09-30", "3wd"),
        ("2030-10-10\n".to_string(), String::new())
    );
    assert_eq!(
        cal_add(&env, "2030-09-27", "1wd"),
        ("2030-09-29\n".to_string(), String::new())
    );
    let grid = env.tasks(&["calendar", "show", "2030-10"]);
    assert_eq!(grid.stderr, "");
    assert!(
        grid.ok()
            .ends_with("H 国庆节 holiday: 1, 2, 3, 4, 7\nW 国庆节 make-up working day: 12\n"),
        "{}",
        grid.stdout
    );
    // Loading the same year again replaces it as a whole.
    env.write("2030b.toml", "[[year]]\nyear = 2030\noff = [2030-10-01]\n");
    let out = env.tasks(&["--lang", "zh", "calendar", "load", "2030b.toml"]);
    assert_eq!(
        out.ok(),
        "2030 年日历：放假 1 天，调休上班 0 天（替换该年原有数据）。\n"
    );
    assert_eq!(
        cal_add(&env, "2030-09-30", "3wd"),
        ("2030-10-04\n".to_string(), String::new())
    );
    assert_eq!(
        cal_add(&env, "2030-09-27", "1wd"),
        ("2030-09-30\n".to_string(), String::new())
    );
    // The plan is untouched.
    assert_eq!(
        json_at(&env, "2016-07-01", &["plans", "--format", "json"])[0]["id"],
        "fjdrc-2016-zwgk"
    );
}

#[test]
fn a_loaded_year_replaces_an_embedded_one() {
    let env = Env::seeded();
    // A 2016 without the National Day make-up weekend.
    env.write(
        "2016.toml",
        "[[year]]\nyear = 2016\n\n[[year.holiday]]\nname = \"国庆节\"\n\
         off = [2016-10-03, 2016-10-04, 2016-10-05, 2016-10-06, 2016-10-07]\n",
    );
    let out = env.tasks(&["calendar", "load", "2016.toml"]);
    assert_eq!(
        out.ok(),
        "Calendar 2016: 5 rest days, 0 make-up working days (replacing the earlier data for that year).\n"
    );
    assert_eq!(cal_add(&env, "2016-09-30", "3wd").0, "2016-10-12\n");
    // Spring Festival 2016 is gone with the rest of the embedded year.
    assert_eq!(cal_add(&env, "2016-02-05", "1wd").0, "2016-02-08\n");
    // Obligations follow the loaded calendar.
    at(&env, "2016-09-28T16:00", &["event", "3.3", "政策文件公开"]);
    let shown = json_at(&env, "2016-10-01", &["show", "3.3", "--format", "json"]);
    // 29, 30 September, then no work until Monday 10 October.
    assert_eq!(shown["obligations"][0]["deadline"], "2016-10-10 23:59:59");
}

#[test]
fn a_calendar_load_into_a_new_database_creates_it() {
    let env = Env::new();
    env.write("2030.toml", CAL_2030);
    env.tasks(&["calendar", "load", "2030.toml"]).ok();
    assert!(env.db.exists());
    assert_eq!(
        cal_add(&env, "2030-09-30", "3wd"),
        ("2030-10-10\n".to_string(), String::new())
    );
}

#[test]
fn bad_calendar_files_are_refused_and_change_nothing() {
    let env = Env::seeded();
    env.write("2030.toml", CAL_2030);
    env.tasks(&["calendar", "load", "2030.toml"]).ok();
    for (name, text, message) in [
        (
            "weekday.toml",
            "[[year]]\nyear = 2030\nwork = [2030-10-08]\n",
            "weekday.toml:3:9: 2030-10-08 is a Tuesday, already a working day",
        ),
        (
            "outside.toml",
            "[[year]]\nyear = 2030\noff = [2031-01-01]\n",
            "outside.toml:3:8: 2031-01-01 is not in 2030",
        ),
        (
            "field.toml",
            "[[year]]\nyear = 2030\nof = [2030-10-01]\n",
            "field.toml:3:1: unknown field `of`",
        ),
        (
            "text.toml",
            "[[year]]\nyear = 2030\noff = [\"tomorrow\"]\n",
            "text.toml:3:8: not a date",
        ),
        (
            "twice.toml",
            "[[year]]\nyear = 2030\noff = [2030-10-05]\nwork = [2030-10-05]\n",
            "twice.toml:4:9: 2030-10-05 is listed both as off and as worked",
        ),
        (
            "empty.toml",
            "",
            "empty.toml: the file has no [[year]] tables",
        ),
        // One good year and one bad: nothing is loaded.
        (
            "partly.toml",
            "[[year]]\nyear = 2031\noff = [2031-10-01]\n\n[[year]]\nyear = 2030\noff = [2030-13-01]\n",
            "partly.toml:7:",
        ),
    ] {
        env.write(name, text);
        let stderr = refused(&env, &["calendar", "load", name]);
        assert!(
            stderr.starts_with(&format!("error: {name}: 1 problem found, nothing was loaded\n")),
            "{stderr}"
        );
        assert!(stderr.contains(message), "{name}: {stderr}");
    }
    // The 2030 data loaded before is still in force, and 2031 was not loaded.
    assert_eq!(
        cal_add(&env, "2030-09-30", "3wd"),
        ("2030-10-10\n".to_string(), String::new())
    );
    let (out, err) = cal_add(&env, "2031-09-30", "1wd");
    assert_eq!(out, "2031-10-01\n");
    assert!(err.contains("no holiday data for 2031"), "{err}");
}

// ------------------------------------------------------------------ check

/// The lines `check` prints for the seed plan's tasks when their due date is
/// the subject: every task once, led by its lead, in plan order.
const SEED_LEADS: [(&str, &str); 19] = [
    ("1.1", "信用办"),
    ("1.2", "数字福建技术应用处"),
    ("1.3", "各相关政策起草处室"),
    ("1.4", "体改处"),
    ("1.5", "负责具体项目审批、核准、备案、实施的各相关处室"),
    ("1.6", "投资处"),
    ("1.7", "法规处"),
    ("2.1", "法规处"),
    ("2.2", "法规处"),
    ("2.3", "区域处"),
    ("2.4", "办公室"),
    ("2.5", "办公室"),
    ("3.1", "各相关业务处室"),
    ("3.2", "各相关业务处室"),
    ("3.3", "各政策起草处室"),
    ("3.4", "办公室"),
    ("3.5", "办公室"),
    ("3.6", "办公室"),
    ("3.7", "办公室"),
];

/// Splits an aligned `check` line into its cells.
fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn check_is_silent_before_any_deadline() {
    let env = Env::seeded();
    for when in ["2016-06-20", "2016-07-01", "2016-12-01", "2016-12-22"] {
        assert_eq!(check(&env, when, &[]), (0, String::new()), "{when}");
        assert_eq!(
            check(&env, when, &["--format", "json"]),
            (0, String::new()),
            "{when}"
        );
    }
}

#[test]
fn check_lists_tasks_due_within_five_working_days() {
    let env = Env::seeded();
    // Monday 26 December: the 5th working day ahead is 3 January (2 January
    // is the New Year holiday), past the plan's due date.
    let (status, out) = check(&env, "2016-12-26", &[]);
    assert_eq!(status, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 20, "{out}");
    assert_eq!(
        lines[0],
        "2016-12-31  1.1  信用办                                          due soon       5 days left"
    );
    assert_eq!(
        lines[1],
        "2016-12-31  1.2  数字福建技术应用处                              due soon       5 days left"
    );
    assert_eq!(
        lines[4],
        "2016-12-31  1.5  负责具体项目审批、核准、备案、实施的各相关处室  due soon       5 days left"
    );
    assert_eq!(
        lines[15],
        "2016-12-31  3.3  各政策起草处室                                  quota at risk  5 days left  主要负责人带头解读重要政策措施 (0/1)"
    );
    // One due-soon line per task, led by its lead, in plan order.
    let due_soon: Vec<(String, String)> = lines
        .iter()
        .map(|l| cells(l))
        .filter(|c| c[3] == "due soon")
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    let expected: Vec<(String, String)> = SEED_LEADS
        .iter()
        .map(|(t, d)| (t.to_string(), d.to_string()))
        .collect();
    assert_eq!(due_soon, expected);
    // Chinese labels.
    let run = run_at(&env, "2016-12-26", &["--lang", "zh", "check"]);
    assert_eq!(run.status, 1);
    let first = run.stdout.lines().next().unwrap();
    assert_eq!(
        cells(first),
        ["2016-12-31", "1.1", "信用办", "即将到期", "剩5天"]
    );
    // The last day.
    let (_, out) = check(&env, "2016-12-31T23:59:59", &[]);
    assert_eq!(out.lines().count(), 20);
    assert!(out.lines().all(|l| l.contains("due today")), "{out}");
}

#[test]
fn a_weekend_deadline_is_due_soon_with_five_working_days_left() {
    let env = Env::seeded();
    // Friday 23 December: the working days before Saturday 31 December are
    // 26–30 December, five of them; a deadline of Friday 30 December is
    // already reported now.
    let (status, out) = check(&env, "2016-12-23", &[]);
    assert_eq!(status, 1);
    assert_eq!(out.lines().count(), 20, "{out}");
    assert!(out.starts_with("2016-12-31  1.1  信用办"), "{out}");
    assert_eq!(light(&env, "2016-12-23", "1.1"), "yellow");
}

#[test]
fn check_lists_every_task_overdue_after_the_due_date() {
    let env = Env::seeded();
    let (status, out) = check(&env, "2017-01-03", &[]);
    assert_eq!(status, 1);
    let lines: Vec<Vec<&str>> = out.lines().map(cells).collect();
    assert_eq!(lines.len(), 20, "{out}");
    let overdue: Vec<(&str, &str)> = lines
        .iter()
        .filter(|c| c[3] == "overdue")
        .map(|c| {
            assert_eq!((c[0], c[4]), ("2016-12-31", "3 days late"));
            (c[1], c[2])
        })
        .collect();
    assert_eq!(overdue, SEED_LEADS);
    assert_eq!(
        lines[15],
        [
            "2016-12-31",
            "3.3",
            "各政策起草处室",
            "quota missed",
            "3 days late",
            "主要负责人带头解读重要政策措施 (0/1)"
        ]
    );
    // The day after: one day late.
    let (_, out) = check(&env, "2017-01-01", &[]);
    assert!(out.lines().all(|l| l.contains("  1 day late")), "{out}");
    // Tasks that were closed or withdrawn are not listed.
    at(
        &env,
        "2016-11-01",
        &[
            "feedback",
            "3.6",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    at(&env, "2016-11-02", &["review", "3.6", "--accept"]);
    let (_, out) = check(&env, "2017-01-03", &[]);
    assert_eq!(out.lines().count(), 19);
    assert!(!out.contains("3.6"), "{out}");
}

#[test]
fn check_reports_obligations_opened_by_events() {
    let env = Env::seeded();
    let out = at(
        &env,
        "2016-09-28T16:00",
        &[
            "event",
            "3.3",
            "政策文件公开",
            "--note",
            "闽发改〔2016〕100号",
        ],
    );
    assert_eq!(
        out,
        "Recorded event “政策文件公开” on task 3.3 at 2016-09-28 16:00:00.\n\
         Opens obligation 3.3#1: 在委门户网站和媒体发布解读材料, due 2016-10-08 23:59:59 (within 3 working days).\n"
    );
    // Before the event, nothing.
    assert_eq!(check(&env, "2016-09-28T15:59", &[]), (0, String::new()));
    let open = |days: &str| {
        format!("2016-10-08  3.3#1  各政策起草处室  obligation open  {days}  在委门户网站和媒体发布解读材料\n")
    };
    assert_eq!(
        check(&env, "2016-09-28T16:00", &[]),
        (1, open("10 days left"))
    );
    assert_eq!(check(&env, "2016-10-07", &[]), (1, open("1 day left")));
    assert_eq!(check(&env, "2016-10-08", &[]), (1, open("due today")));
    assert_eq!(
        check(&env, "2016-10-08T23:59:59", &[]),
        (1, open("due today"))
    );
    let overdue = |days: &str| {
        format!("2016-10-08  3.3#1  各政策起草处室  obligation overdue  {days}  在委门户网站和媒体发布解读材料\n")
    };
    assert_eq!(check(&env, "2016-10-09", &[]), (1, overdue("1 day late")));
    assert_eq!(check(&env, "2016-10-10", &[]), (1, overdue("2 days late")));
    let json = check(&env, "2016-10-09", &["--format", "json"]).1;
    let item: Value = serde_json::from_str(json.trim_end()).unwrap();
    assert_eq!(item["title"], "主动做好政策解读");
    assert_eq!(
        documented(item),
        serde_json::json!({
            "plan": "fjdrc-2016-zwgk",
            "task": "3.3",
            "obligation": 1,
            "division": "各政策起草处室",
            "deadline": "2016-10-08 23:59:59",
            "kind": "obligation-overdue",
            "days": -1,
            "detail": "在委门户网站和媒体发布解读材料"
        })
    );
    // The lights.
    // The obligation's 3 working days are inside the 5 of warn: yellow at once.
    assert_eq!(light(&env, "2016-09-28T15:00", "3.3"), "green");
    assert_eq!(light(&env, "2016-09-28T16:00", "3.3"), "yellow");
    assert_eq!(light(&env, "2016-10-08", "3.3"), "yellow");
    assert_eq!(light(&env, "2016-10-09", "3.3"), "red");
    // Met late: the obligation is gone from the check.
    let out = at(
        &env,
        "2016-10-10",
        &[
            "feedback",
            "3.3#1",
            "--division",
            "各政策起草处室",
            "--status",
            "done",
        ],
    );
    assert_eq!(
        out,
        "Recorded #2: task 3.3#1, 各政策起草处室: done 100% at 2016-10-10 23:59:59. Obligation 3.3#1 is met.\n"
    );
    assert_eq!(check(&env, "2016-10-11", &[]), (0, String::new()));
    // As of the day before, it was still overdue.
    assert_eq!(check(&env, "2016-10-09", &[]), (1, overdue("1 day late")));
    let shown = json_at(&env, "2016-10-11", &["show", "3.3", "--format", "json"]);
    assert_eq!(shown["light"], "green");
    assert_eq!(shown["obligations"][0]["state"], "met-late");
    assert_eq!(shown["obligations"][0]["met"], "2016-10-10 23:59:59");
    // The obligation's feedback does not make the task done.
    assert_eq!(shown["status"], "not-started");
}

#[test]
fn an_obligation_met_in_time_and_a_second_event() {
    let env = Env::seeded();
    at(&env, "2016-09-28T16:00", &["event", "3.3", "政策文件公开"]);
    at(
        &env,
        "2016-10-08T11:00",
        &[
            "feedback",
            "3.3#1",
            "--division",
            "新闻中心",
            "--status",
            "done",
        ],
    );
    let shown = json_at(&env, "2016-10-20", &["show", "3.3", "--format", "json"]);
    assert_eq!(shown["obligations"][0]["state"], "met");
    // Wednesday 12 October: the 3rd working day after is Monday 17.
    let out = at(
        &env,
        "2016-10-12T09:00",
        &["event", "3.3", "政策文件公开", "--note", "二号文件"],
    );
    assert!(
        out.ends_with("Opens obligation 3.3#2: 在委门户网站和媒体发布解读材料, due 2016-10-17 23:59:59 (within 3 working days).\n"),
        "{out}"
    );
    assert_eq!(
        check(&env, "2016-10-18", &[]),
        (
            1,
            "2016-10-17  3.3#2  各政策起草处室  obligation overdue  1 day late  在委门户网站和媒体发布解读材料\n"
                .to_string()
        )
    );
    // Chinese.
    let out = run_at(&env, "2016-10-18", &["--lang", "zh", "check"]).stdout;
    assert_eq!(
        out,
        "2016-10-17  3.3#2  各政策起草处室  时限事项逾期  逾期1天  在委门户网站和媒体发布解读材料\n"
    );
}

#[test]
fn check_within_widens_but_never_narrows_the_look_ahead() {
    let env = Env::seeded();
    // 1 December: 20 working days reach Thursday 29 December; 21 reach
    // Friday 30 December, and the deadline on Saturday 31 December is then
    // no more than 21 working days away.
    assert_eq!(
        check(&env, "2016-12-01", &["--within", "20wd"]),
        (0, String::new())
    );
    let (status, out) = check(&env, "2016-12-01", &["--within", "21wd"]);
    assert_eq!(status, 1);
    assert_eq!(out.lines().count(), 20);
    assert!(out.starts_with("2016-12-31  1.1  信用办"), "{out}");
    assert!(out.contains("due soon       30 days left\n"), "{out}");
    let (status, out) = check(&env, "2016-12-01", &["--within", "30d"]);
    assert_eq!((status, out.lines().count()), (1, 20));
    assert_eq!(
        check(&env, "2016-12-01", &["--within", "29d"]),
        (0, String::new())
    );
    // Hours from the end of 1 December: 720 reach the end of 31 December.
    assert_eq!(
        check(&env, "2016-12-01", &["--within", "719h"]),
        (0, String::new())
    );
    assert_eq!(
        check(&env, "2016-12-01", &["--within", "720h"])
            .1
            .lines()
            .count(),
        20
    );
    // A narrower --within still reports what is due within warn (5wd).
    let (status, out) = check(&env, "2016-12-26", &["--within", "1h"]);
    assert_eq!((status, out.lines().count()), (1, 20));
    // Global options after the command are the same.
    let run = env.tasks(&["check", "--within", "22wd", "--as-of", "2016-12-01"]);
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout.lines().count(), 20);
}

#[test]
fn check_json_lines_have_the_documented_keys() {
    let env = Env::seeded();
    at(
        &env,
        "2016-12-20T10:00",
        &["event", "2.5", "特别重大、重大突发事件"],
    );
    let (status, out) = check(&env, "2016-12-26", &["--format", "json"]);
    assert_eq!(status, 1);
    let items: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(items.len(), 21);
    for item in &items {
        for key in DOCUMENTED_KEYS {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    let items: Vec<Value> = items.into_iter().map(documented).collect();
    // Sorted by deadline: the overdue press conference first.
    assert_eq!(
        items[0],
        serde_json::json!({
            "plan": "fjdrc-2016-zwgk",
            "task": "2.5",
            "obligation": 1,
            "division": "办公室",
            "deadline": "2016-12-21 10:00:00",
            "kind": "obligation-overdue",
            "days": -5,
            "detail": "举行新闻发布会"
        })
    );
    assert_eq!(
        items[1],
        serde_json::json!({
            "plan": "fjdrc-2016-zwgk",
            "task": "1.1",
            "obligation": null,
            "division": "信用办",
            "deadline": "2016-12-31 23:59:59",
            "kind": "due-soon",
            "days": 5,
            "detail": ""
        })
    );
    let quota = items.iter().find(|i| i["kind"] == "quota-at-risk").unwrap();
    assert_eq!(quota["task"], "3.3");
    assert_eq!(quota["detail"], "主要负责人带头解读重要政策措施 (0/1)");
    let (_, out) = check(&env, "2017-01-03", &["--format", "json"]);
    let kinds: std::collections::BTreeSet<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["obligation-overdue", "overdue", "quota-failed"]
    );
}

#[test]
fn check_in_a_year_without_data_warns_on_stderr_only() {
    let env = Env::seeded();
    // Looking 5 working days ahead from 2030 needs the 2030 notice.
    let run = run_at(&env, "2030-01-10", &["check"]);
    assert_eq!(run.status, 1);
    assert_eq!(run.stderr, NO_2030);
    assert_eq!(run.stdout.lines().count(), 20);
    assert!(
        run.stdout.starts_with("2016-12-31  1.1  "),
        "{}",
        run.stdout
    );
    // With the year loaded, no warning.
    env.write("2030.toml", CAL_2030);
    env.tasks(&["calendar", "load", "2030.toml"]).ok();
    let run = run_at(&env, "2030-01-10", &["check"]);
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
}

#[test]
fn an_after_rule_in_calendar_days() {
    let env = Env::new();
    env.write(
        "days.toml",
        format!(
            "{}\n[[task.rule]]\nkind = \"after\"\nevent = \"督查通报\"\nwithin = \"10d\"\nwhat = \"报送整改情况\"\n",
            MONTHLY_PLAN.replace("feedback = \"monthly\"\nfeedback_day = 25\n", "")
        ),
    );
    env.tasks(&["load", "days.toml"]).ok();
    let out = at(&env, "2016-09-30T10:00", &["event", "m1", "督查通报"]);
    assert!(
        out.ends_with(
            "Opens obligation m1#1: 报送整改情况, due 2016-10-10 23:59:59 (within 10 days).\n"
        ),
        "{out}"
    );
    assert_eq!(
        check(&env, "2016-10-10T23:59:59", &[]),
        (
            1,
            "2016-10-10  m1#1  法规处  obligation open  due today  报送整改情况\n".to_string()
        )
    );
    assert_eq!(
        check(&env, "2016-10-11", &[]),
        (
            1,
            "2016-10-10  m1#1  法规处  obligation overdue  1 day late  报送整改情况\n".to_string()
        )
    );
}

#[test]
fn check_exit_status_is_2_on_errors() {
    let env = Env::seeded();
    let stderr = refused(&env, &["--as-of", "2017-01-03", "check", "--plan", "nope"]);
    assert_eq!(
        stderr,
        "error: no plan \"nope\" is loaded (see `tasks plans`)\n"
    );
    let stderr = refused(&env, &["--as-of", "2017-01-03", "check", "--within", "3x"]);
    assert!(stderr.contains("\"3x\" is not a duration"), "{stderr}");
    let stderr = refused(&env, &["--as-of", "2017-01-03", "check", "--within", "0wd"]);
    assert!(stderr.contains("\"0wd\" is not a duration"), "{stderr}");
    let stderr = refused(&env, &["--as-of", "2017-01-03", "check", "--format", "csv"]);
    assert!(stderr.contains("csv"), "{stderr}");
    refused(&env, &["--as-of", "2017-02-30", "check"]);
    // No database at all.
    let empty = Env::new();
    let run = empty.tasks(&["--as-of", "2017-01-03", "check"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: no database at "),
        "{}",
        run.stderr
    );
    // --plan names the plan; the right plan is fine.
    let (status, out) = check(&env, "2017-01-03", &["--plan", "fjdrc-2016-zwgk"]);
    assert_eq!((status, out.lines().count()), (1, 20));
}

#[test]
fn a_24_hour_obligation_is_due_to_the_minute() {
    let env = Env::seeded();
    let out = at(
        &env,
        "2016-08-12T11:00",
        &[
            "event",
            "2.5",
            "特别重大、重大突发事件",
            "--at",
            "2016-08-12T10:00",
        ],
    );
    assert_eq!(
        out,
        "Recorded event “特别重大、重大突发事件” on task 2.5 at 2016-08-12 10:00:00.\n\
         Opens obligation 2.5#1: 举行新闻发布会, due 2016-08-13 10:00:00 (within 24 hours).\n"
    );
    assert_eq!(
        check(&env, "2016-08-12T11:00", &[]),
        (
            1,
            "2016-08-13 10:00  2.5#1  办公室  obligation open  1 day left  举行新闻发布会\n"
                .to_string()
        )
    );
    assert_eq!(
        check(&env, "2016-08-13T10:00", &[]),
        (
            1,
            "2016-08-13 10:00  2.5#1  办公室  obligation open  due today  举行新闻发布会\n"
                .to_string()
        )
    );
    let json = check(&env, "2016-08-13T10:01", &["--format", "json"]).1;
    let item: Value = serde_json::from_str(json.trim_end()).unwrap();
    assert_eq!(item["kind"], "obligation-overdue");
    assert_eq!(item["deadline"], "2016-08-13 10:00:00");
    assert_eq!(
        check(&env, "2016-08-14T09:00", &[]),
        (
            1,
            "2016-08-13 10:00  2.5#1  办公室  obligation overdue  1 day late  举行新闻发布会\n"
                .to_string()
        )
    );
    assert_eq!(light(&env, "2016-08-13T10:00", "2.5"), "yellow");
    assert_eq!(light(&env, "2016-08-13T10:01", "2.5"), "red");
    // Met by the supporting press centre, in time.
    at(
        &env,
        "2016-08-14",
        &[
            "feedback",
            "2.5#1",
            "--division",
            "新闻中心",
            "--status",
            "done",
            "--at",
            "2016-08-13T09:30",
        ],
    );
    assert_eq!(check(&env, "2016-08-14", &[]), (0, String::new()));
    let shown = json_at(&env, "2016-08-14", &["show", "2.5", "--format", "json"]);
    assert_eq!(shown["obligations"][0]["state"], "met");
    assert_eq!(shown["light"], "green");
}

#[test]
fn an_obligation_overdue_the_same_day_does_not_say_due_today() {
    let env = Env::seeded();
    at(
        &env,
        "2016-08-12T11:00",
        &[
            "event",
            "2.5",
            "特别重大、重大突发事件",
            "--at",
            "2016-08-12T10:00",
        ],
    );
    // `tasks check --as-of 2016-08-13T10:01` prints
    // `2016-08-13 10:00  2.5#1  办公室  obligation overdue  due today  举行新闻发布会`.
    for when in ["2016-08-13T10:01", "2016-08-13"] {
        let (status, out) = check(&env, when, &[]);
        assert_eq!(status, 1);
        assert!(out.contains("obligation overdue"), "{out}");
        assert!(!out.contains("due today"), "{when}: {out}");
        let run = run_at(&env, when, &["--lang", "zh", "check"]);
        assert!(!run.stdout.contains("今日到期"), "{when}: {}", run.stdout);
    }
}

#[test]
fn obligation_references_are_checked() {
    let env = Env::seeded();
    let stderr = refused_at(
        &env,
        "2016-08-14",
        &[
            "feedback",
            "2.5#1",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    assert_eq!(
        stderr,
        "error: task 2.5 has no obligations: no event of an `after` rule was recorded (see `tasks event`)\n"
    );
    at(
        &env,
        "2016-08-12T11:00",
        &[
            "event",
            "2.5",
            "特别重大、重大突发事件",
            "--at",
            "2016-08-12T10:00",
        ],
    );
    let stderr = refused_at(
        &env,
        "2016-08-14",
        &[
            "feedback",
            "2.5#2",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    assert_eq!(
        stderr,
        "error: task 2.5 has no obligation #2; its obligations are 2.5#1\n"
    );
    let stderr = refused_at(
        &env,
        "2016-08-14",
        &[
            "feedback",
            "2.5#1",
            "--division",
            "办公室",
            "--status",
            "done",
            "--at",
            "2016-08-12T09:00",
        ],
    );
    assert_eq!(
        stderr,
        "error: --at: 2016-08-12 09:00:00 is before the event that opened 2.5#1 (2016-08-12 10:00:00)\n"
    );
    for bad in ["2.5#0", "2.5#x", "2.5#"] {
        let stderr = refused_at(
            &env,
            "2016-08-14",
            &["feedback", bad, "--division", "办公室", "--status", "done"],
        );
        assert!(stderr.contains("expected TASK#N"), "{bad}: {stderr}");
    }
    let stderr = refused_at(
        &env,
        "2016-08-14",
        &[
            "feedback",
            "2.5#1",
            "--division",
            "法规处",
            "--status",
            "done",
        ],
    );
    assert!(
        stderr.contains("法规处 is not assigned to task 2.5"),
        "{stderr}"
    );
}

#[test]
fn feedback_on_an_obligation_before_its_event_names_the_time_given() {
    let env = Env::seeded();
    at(
        &env,
        "2016-08-12T11:00",
        &[
            "event",
            "2.5",
            "特别重大、重大突发事件",
            "--at",
            "2016-08-12T10:00",
        ],
    );
    // Prints `error: --at: 2016-08-12 09:00:00 is before the event that
    // opened 2.5#1 (2016-08-12 10:00:00)` though no --at was given.
    let stderr = refused_at(
        &env,
        "2016-08-12T09:00",
        &[
            "feedback",
            "2.5#1",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    assert!(!stderr.starts_with("error: --at:"), "{stderr}");
    assert!(stderr.contains("2016-08-12 10:00:00"), "{stderr}");
}

// ----------------------------------------------------------------- quotas

#[test]
fn a_quota_is_at_risk_then_failed_or_met() {
    let env = Env::seeded();
    // The lead reports done: the task's own due date no longer counts, the
    // quota still does.
    at(
        &env,
        "2016-12-01",
        &[
            "feedback",
            "3.3",
            "--division",
            "各政策起草处室",
            "--status",
            "done",
        ],
    );
    let quota =
        |when: &str| json_at(&env, when, &["show", "3.3", "--format", "json"])["quotas"][0].clone();
    assert_eq!(quota("2016-12-01")["state"], "on-track");
    assert_eq!(light(&env, "2016-12-01", "3.3"), "green");
    assert_eq!(check(&env, "2016-12-01", &[]), (0, String::new()));
    // With less than 5 working days left: at risk, yellow.
    assert_eq!(quota("2016-12-26")["state"], "at-risk");
    assert_eq!(quota("2016-12-26")["recorded"], 0);
    assert_eq!(light(&env, "2016-12-26", "3.3"), "yellow");
    let (_, out) = check(&env, "2016-12-26", &["--plan", "fjdrc-2016-zwgk"]);
    let line = out.lines().find(|l| l.contains("  3.3  ")).unwrap();
    assert_eq!(
        cells(line),
        [
            "2016-12-31",
            "3.3",
            "各政策起草处室",
            "quota at risk",
            "5 days left",
            "主要负责人带头解读重要政策措施 (0/1)"
        ]
    );
    // After `by`: failed, red, and the only item of the task.
    assert_eq!(quota("2017-01-02")["state"], "failed");
    assert_eq!(light(&env, "2017-01-02", "3.3"), "red");
    let (_, out) = check(&env, "2017-01-02", &[]);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("  3.3  ")).collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert_eq!(
        cells(lines[0]),
        [
            "2016-12-31",
            "3.3",
            "各政策起草处室",
            "quota missed",
            "2 days late",
            "主要负责人带头解读重要政策措施 (0/1)"
        ]
    );
    let (_, json) = check(&env, "2017-01-02", &["--format", "json"]);
    let failed: Vec<Value> = json
        .lines()
        .map(|l| documented(serde_json::from_str(l).unwrap()))
        .filter(|i| i["task"] == "3.3")
        .collect();
    assert_eq!(
        failed,
        [serde_json::json!({
            "plan": "fjdrc-2016-zwgk",
            "task": "3.3",
            "obligation": null,
            "division": "各政策起草处室",
            "deadline": "2016-12-31 23:59:59",
            "kind": "quota-failed",
            "days": -2,
            "detail": "主要负责人带头解读重要政策措施 (0/1)"
        })]
    );
    // list --overdue takes the failed quota as red.
    let listed = json_at(
        &env,
        "2017-01-02",
        &["list", "--overdue", "--section", "3", "--format", "json"],
    );
    assert!(listed.as_array().unwrap().iter().any(|t| t["id"] == "3.3"));
    // An interpretation given in November meets it.
    let out = at(
        &env,
        "2016-11-20T09:00",
        &[
            "event",
            "3.3",
            "主要负责人解读重要政策",
            "--note",
            "接受访谈",
        ],
    );
    assert_eq!(
        out,
        "Recorded event “主要负责人解读重要政策” on task 3.3 at 2016-11-20 09:00:00.\n\
         Counts towards “主要负责人带头解读重要政策措施”: 1 of 1 by 2016-12-31.\n"
    );
    assert_eq!(quota("2017-01-02")["state"], "met");
    assert_eq!(quota("2017-01-02")["recorded"], 1);
    assert_eq!(light(&env, "2017-01-02", "3.3"), "green");
    assert_eq!(light(&env, "2016-12-26", "3.3"), "green");
    let (_, out) = check(&env, "2017-01-02", &[]);
    assert!(!out.contains("  3.3  "), "{out}");
    // As of before the interpretation, still on track.
    assert_eq!(quota("2016-11-19")["recorded"], 0);
}

#[test]
fn an_event_after_by_does_not_count_towards_the_quota() {
    let env = Env::seeded();
    let out = at(
        &env,
        "2017-01-05",
        &["--lang", "zh", "event", "3.3", "主要负责人解读重要政策"],
    );
    assert_eq!(
        out,
        "已记录任务 3.3 的事件“主要负责人解读重要政策”，时间 2017-01-05 23:59:59。\n\
         计入“主要负责人带头解读重要政策措施”：2016-12-31 前已 0 次，要求 1 次。\n"
    );
    let shown = json_at(&env, "2017-01-06", &["show", "3.3", "--format", "json"]);
    assert_eq!(shown["quotas"][0]["recorded"], 0);
    assert_eq!(shown["quotas"][0]["state"], "failed");
}

// ------------------------------------------------------- feedback cadence

const MONTHLY_PLAN: &str = r#"[plan]
id = "monthly"
title = "月报测试方案"
issued = 2016-06-01
office = "办公室"
due = 2016-12-31
feedback = "monthly"
feedback_day = 25

[[division]]
name = "办公室"

[[division]]
name = "法规处"
aliases = ["政策法规处"]

[[division]]
name = "投资处"

[[section]]
id = "1"
title = "重点工作"
role = "lead"

[[task]]
id = "m1"
section = "1"
title = "月度推进事项"
text = "月度推进事项。"
lead = "法规处"
support = ["投资处"]
"#;

fn monthly() -> Env {
    let env = Env::new();
    env.write("monthly.toml", MONTHLY_PLAN);
    env.tasks(&["load", "monthly.toml"]).ok();
    // Both report in July; in August only 法规处 does.
    for (when, division) in [
        ("2016-06-20", "法规处"),
        ("2016-06-21", "投资处"),
        ("2016-07-20", "法规处"),
        ("2016-07-21", "投资处"),
        ("2016-08-10", "法规处"),
    ] {
        at(
            &env,
            when,
            &[
                "feedback",
                "m1",
                "--division",
                division,
                "--status",
                "in-progress",
            ],
        );
    }
    env
}

#[test]
fn a_missing_monthly_return_is_reported_after_the_feedback_day() {
    let env = monthly();
    // On the feedback day itself nothing is missing yet.
    assert_eq!(check(&env, "2016-08-25", &[]), (0, String::new()));
    assert_eq!(light(&env, "2016-08-25", "m1"), "green");
    // The day after: the silent division only.
    assert_eq!(
        check(&env, "2016-08-26", &[]),
        (
            1,
            "2016-08-25  m1  投资处  feedback missing  1 day late  2016-08\n".to_string()
        )
    );
    let (_, json) = check(&env, "2016-08-26", &["--format", "json"]);
    assert_eq!(
        documented(serde_json::from_str::<Value>(json.trim_end()).unwrap()),
        serde_json::json!({
            "plan": "monthly",
            "task": "m1",
            "obligation": null,
            "division": "投资处",
            "deadline": "2016-08-25 23:59:59",
            "kind": "missing-feedback",
            "days": -1,
            "detail": "2016-08"
        })
    );
    assert_eq!(light(&env, "2016-08-26", "m1"), "yellow");
    let shown = json_at(&env, "2016-08-26", &["show", "m1", "--format", "json"]);
    assert_eq!(shown["missing_feedback"], serde_json::json!(["投资处"]));
    // The report's figures.
    let report = json_at(&env, "2016-08-26", &["report", "--format", "json"]);
    let plan = &report["plans"][0];
    assert_eq!(plan["total"]["missing_feedback"], 1);
    assert_eq!(plan["total"]["overdue"], 0);
    assert_eq!(
        plan["tasks"][0]["missing_feedback"],
        serde_json::json!(["投资处"])
    );
    assert_eq!(plan["tasks"][0]["light"], "yellow");
    let by_division = json_at(
        &env,
        "2016-08-26",
        &["report", "--by", "division", "--format", "json"],
    );
    let figures: Vec<(String, i64)> = by_division["plans"][0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["key"].as_str().unwrap().to_string(),
                f["missing_feedback"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(figures.contains(&("投资处".to_string(), 1)), "{figures:?}");
    assert!(figures.contains(&("法规处".to_string(), 0)), "{figures:?}");
    let before = json_at(&env, "2016-08-25", &["report", "--format", "json"]);
    assert_eq!(before["plans"][0]["total"]["missing_feedback"], 0);
    // A late return for August clears it.
    at(
        &env,
        "2016-08-29",
        &[
            "feedback",
            "m1",
            "--division",
            "投资处",
            "--status",
            "in-progress",
            "--percent",
            "40",
        ],
    );
    assert_eq!(check(&env, "2016-08-29", &[]), (0, String::new()));
    // The reminder for the silent division, as of 26 August: a missing
    // return is asked for at once.
    let out = at(
        &env,
        "2016-08-26",
        &["--lang", "zh", "remind", "--division", "投资处"],
    );
    assert_eq!(
        out,
        format!(
            "{}催办通知\n\n投资处：\n    按照《月报测试方案》分工，截至2016年8月26日，你处承担的以下1项任务未按期反馈进展，现予催办：\n\n    1. 任务m1“月度推进事项”（配合）：未按期反馈（2016年8月），时限2016年8月25日，逾期1天。\n\n    请尽快将办理情况补报办公室。\n\n{}办公室\n{}2016年8月26日\n",
            " ".repeat(28),
            " ".repeat(47),
            " ".repeat(43)
        )
    );
    // 法规处 reported: nothing to remind it of.
    assert_eq!(
        at(&env, "2016-08-26", &["remind", "--division", "政策法规处"]),
        "No reminders: nothing is overdue, due soon or missing its feedback.\n"
    );
}

#[test]
fn a_report_on_an_obligation_counts_as_a_return_for_the_period() {
    let env = Env::new();
    env.write(
        "rule.toml",
        format!(
            "{MONTHLY_PLAN}\n[[task.rule]]\nkind = \"after\"\nevent = \"政策文件公开\"\nwithin = \"10d\"\n"
        ),
    );
    env.tasks(&["load", "rule.toml"]).ok();
    at(&env, "2016-08-02", &["event", "m1", "政策文件公开"]);
    at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "m1",
            "--division",
            "法规处",
            "--status",
            "in-progress",
        ],
    );
    // 投资处 reports in August only on the obligation; 法规处's entry of
    // 1 August is its latest.
    at(
        &env,
        "2016-08-05",
        &[
            "feedback",
            "m1#1",
            "--division",
            "投资处",
            "--status",
            "done",
        ],
    );
    assert_eq!(check(&env, "2016-08-26", &[]), (0, String::new()));
    let report = json_at(&env, "2016-08-26", &["report", "--format", "json"]);
    assert_eq!(report["plans"][0]["total"]["missing_feedback"], 0);
    // As of 26 September, neither has reported since 1 September.
    let (status, out) = check(&env, "2016-09-26", &[]);
    assert_eq!(status, 1);
    assert_eq!(
        out,
        "2016-09-25  m1  法规处  feedback missing  1 day late  2016-09\n\
         2016-09-25  m1  投资处  feedback missing  1 day late  2016-09\n"
    );
}

#[test]
fn no_return_is_due_for_a_period_before_the_plan_was_issued() {
    let env = Env::new();
    env.write(
        "q.toml",
        MONTHLY_PLAN
            .replace("feedback = \"monthly\"", "feedback = \"quarterly\"")
            .replace("issued = 2016-06-01", "issued = 2016-07-05")
            .replace("feedback_day = 25\n", ""),
    );
    env.tasks(&["load", "q.toml"]).ok();
    // The second quarter ended before the plan was issued.
    assert_eq!(check(&env, "2016-08-01", &[]), (0, String::new()));
    // The third quarter's return is due by 30 September.
    assert_eq!(check(&env, "2016-09-30", &[]), (0, String::new()));
    let (status, out) = check(&env, "2016-10-01", &[]);
    assert_eq!(status, 1);
    assert_eq!(
        out,
        "2016-09-30  m1  法规处  feedback missing  1 day late  2016-Q3\n\
         2016-09-30  m1  投资处  feedback missing  1 day late  2016-Q3\n"
    );
}

// ----------------------------------------------------- lights and listing

#[test]
fn list_show_and_report_carry_the_light() {
    let env = Env::seeded();
    at(&env, "2016-09-28T16:00", &["event", "3.3", "政策文件公开"]);
    at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "3.6",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    at(&env, "2016-08-02", &["review", "3.6", "--accept"]);
    let list = json_at(&env, "2016-10-09", &["list", "--format", "json"]);
    let lights: Vec<(String, Value)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap().to_string(), t["light"].clone()))
        .collect();
    assert_eq!(lights.len(), 19);
    for (id, light) in &lights {
        let expected = match id.as_str() {
            "3.3" => Value::from("red"),
            "3.6" => Value::Null,
            _ => Value::from("green"),
        };
        assert_eq!(light, &expected, "{id}");
    }
    assert_eq!(list[14]["open_obligations"], 1);
    assert_eq!(light(&env, "2016-10-09", "3.6"), Value::Null);
    assert_eq!(light(&env, "2016-10-09", "3.3"), "red");
    let report = json_at(&env, "2016-10-09", &["report", "--format", "json"]);
    let tasks = report["plans"][0]["tasks"].as_array().unwrap();
    let t33 = tasks.iter().find(|t| t["id"] == "3.3").unwrap();
    assert_eq!(t33["light"], "red");
    assert_eq!(t33["overdue"], true);
    assert_eq!(t33["open_obligations"][0]["n"], 1);
    assert_eq!(t33["open_obligations"][0]["state"], "overdue");
    assert_eq!(
        t33["open_obligations"][0]["deadline"],
        "2016-10-08 23:59:59"
    );
    assert_eq!(report["plans"][0]["total"]["overdue"], 1);
    let t11 = tasks.iter().find(|t| t["id"] == "1.1").unwrap();
    assert_eq!(t11["light"], "green");
    // After the due date every open task is red.
    let list = json_at(&env, "2017-01-03", &["list", "--format", "json"]);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["light"] == "red" || t["id"] == "3.6"));
    let report = json_at(&env, "2017-01-03", &["report", "--format", "json"]);
    assert_eq!(report["plans"][0]["total"]["overdue"], 18);
}

#[test]
fn list_overdue_includes_a_task_with_an_overdue_obligation() {
    let env = Env::seeded();
    at(&env, "2016-09-28T16:00", &["event", "3.3", "政策文件公开"]);
    let ids = |when: &str, args: &[&str]| -> Vec<String> {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        json_at(&env, when, &all)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids("2016-10-08", &["--overdue"]).is_empty());
    assert_eq!(ids("2016-10-09", &["--overdue"]), ["3.3"]);
    assert_eq!(
        ids("2016-10-09", &["--overdue", "--division", "新闻中心"]),
        ["3.3"]
    );
    assert!(ids("2016-10-09", &["--overdue", "--section", "1"]).is_empty());
    assert_eq!(ids("2017-01-03", &["--overdue"]).len(), 19);
    let out = at(&env, "2016-10-08", &["list", "--overdue"]);
    assert_eq!(out, "No tasks match.\n");
}

// ----------------------------------------------------------------- remind
//
// The reminders' addressing, files and records are tested in remind.rs.

#[test]
fn remind_writes_one_notice_per_division() {
    let env = Env::seeded();
    let en = at(&env, "2016-12-26", &["remind", "--division", "政策法规处"]);
    assert_eq!(
        en,
        "REMINDER\n\
         \n\
         To:   法规处\n\
         From: 办公室, 福建省发展和改革委员会\n\
         Re:   2016年政务公开工作分解落实方案 (闽发改办〔2016〕452号)\n\
         Date: 2016-12-26\n\
         \n\
         Under the plan above, as of 2016-12-26 the following 4 tasks of your division are due soon:\n\
         \n  1. Task 1.7 “推进公共资源配置领域信息公开” (lead): due soon, deadline 2016-12-31, 5 days left.\n\
         \x20 2. Task 2.1 “进一步推进权力清单和责任清单公开” (lead): due soon, deadline 2016-12-31, 5 days left.\n\
         \x20 3. Task 2.2 “推进监管执法信息公开” (lead): due soon, deadline 2016-12-31, 5 days left.\n\
         \x20 4. Task 3.5 “提高政务公开工作制度化标准化水平” (support): due soon, deadline 2016-12-31, 5 days left.\n\
         \n\
         Please press on, complete them by their deadlines, and report progress to 办公室.\n\
         \n\
         办公室, 福建省发展和改革委员会\n\
         2016-12-26\n"
    );
    let zh = at(
        &env,
        "2016-12-26",
        &["--lang", "zh", "remind", "--division", "法规处"],
    );
    assert_eq!(
        zh,
        format!(
            "{}催办通知\n\
             \n\
             法规处：\n\
             \x20   按照《2016年政务公开工作分解落实方案》（闽发改办〔2016〕452号）分工，截至2016年12月26日，你处承担的以下4项任务即将到期，现予催办：\n\
             \n\
             \x20   1. 任务1.7“推进公共资源配置领域信息公开”（牵头）：即将到期，时限2016年12月31日，剩5天。\n\
             \x20   2. 任务2.1“进一步推进权力清单和责任清单公开”（牵头）：即将到期，时限2016年12月31日，剩5天。\n\
             \x20   3. 任务2.2“推进监管执法信息公开”（牵头）：即将到期，时限2016年12月31日，剩5天。\n\
             \x20   4. 任务3.5“提高政务公开工作制度化标准化水平”（配合）：即将到期，时限2016年12月31日，剩5天。\n\
             \n\
             \x20   请抓紧推进，确保按时限完成，并及时将办理情况反馈办公室。\n\
             \n\
             {}福建省发展和改革委员会办公室\n\
             {}2016年12月26日\n",
            " ".repeat(28),
            " ".repeat(32),
            " ".repeat(39)
        )
    );
    // Without --division: one notice per division, separated by a rule.
    let all = at(&env, "2016-12-26", &["remind"]);
    let notices: Vec<&str> = all.split(&format!("\n\n{}\n\n", "-".repeat(40))).collect();
    assert_eq!(notices.len(), all.matches("REMINDER\n\nTo:   ").count());
    assert!(notices.iter().all(|n| n.starts_with("REMINDER\n\nTo:   ")));
    assert!(notices
        .iter()
        .any(|n| n.starts_with("REMINDER\n\nTo:   法规处\n")));
}

#[test]
fn remind_with_nothing_to_remind_and_with_an_unknown_division() {
    let env = Env::seeded();
    assert_eq!(
        at(&env, "2016-07-01", &["remind"]),
        "No reminders: nothing is overdue, due soon or missing its feedback.\n"
    );
    assert_eq!(
        at(
            &env,
            "2016-07-01",
            &["--lang", "zh", "remind", "--division", "法规处"]
        ),
        "无需催办：没有逾期、即将到期或未按期反馈的事项。\n"
    );
    let stderr = refused(
        &env,
        &["--as-of", "2016-12-26", "remind", "--division", "人事处"],
    );
    assert_eq!(
        stderr,
        "error: no division or group \"人事处\" in any loaded plan\n"
    );
    let stderr = refused(&env, &["--as-of", "2016-12-26", "remind", "--plan", "nope"]);
    assert_eq!(
        stderr,
        "error: no plan \"nope\" is loaded (see `tasks plans`)\n"
    );
}

#[test]
fn remind_names_an_obligation() {
    let env = Env::seeded();
    at(&env, "2016-09-28T16:00", &["event", "3.3", "政策文件公开"]);
    // 3.3 is led by a group without members, and supported by 新闻中心.
    let out = at(&env, "2016-10-09", &["remind", "--division", "新闻中心"]);
    assert!(
        out.contains("\n  1. Task 3.3 “主动做好政策解读” (support): obligation overdue (3.3#1: 在委门户网站和媒体发布解读材料), deadline 2016-10-08, 1 day late.\n"),
        "{out}"
    );
}

#[test]
fn a_notice_with_one_item_is_grammatical() {
    let env = monthly();
    let out = at(&env, "2016-08-26", &["remind", "--division", "投资处"]);
    assert!(
        out.contains("the following task of your division is missing a return:"),
        "{out}"
    );
    assert!(
        out.contains("Please send the missing return to 办公室 without delay."),
        "{out}"
    );
    // Given a date, it asks by then.
    let out = at(
        &env,
        "2016-08-26",
        &["remind", "--division", "投资处", "--reply-by", "2016-08-31"],
    );
    assert!(
        out.contains("Please send the missing return to 办公室 by 2016-08-31."),
        "{out}"
    );
}

// ----------------------------------------------------------------- events

#[test]
fn an_event_must_be_one_of_the_tasks_rules() {
    let env = Env::seeded();
    let stderr = refused_at(&env, "2016-09-01", &["event", "3.3", "政策发布"]);
    assert_eq!(
        stderr,
        "error: task 3.3 has no rule for the event \"政策发布\"; its rules' events are: 政策文件公开, 主要负责人解读重要政策\n"
    );
    let stderr = refused_at(&env, "2016-09-01", &["event", "1.1", "政策文件公开"]);
    assert_eq!(
        stderr,
        "error: task 1.1 has no time rules, so no event is recorded for it\n"
    );
    let stderr = refused_at(&env, "2016-09-01", &["event", "9.9", "政策文件公开"]);
    assert_eq!(
        stderr,
        "error: no task \"9.9\" in any loaded plan (see `tasks list`)\n"
    );
    let stderr = refused_at(
        &env,
        "2016-09-01",
        &["event", "3.3", "政策文件公开", "--at", "2016-09-02"],
    );
    assert_eq!(
        stderr,
        "error: --at: 2016-09-02 00:00:00 is in the future (now is 2016-09-01 23:59:59)\n"
    );
    let stderr = refused_at(
        &env,
        "2016-09-01",
        &["event", "3.3", "政策文件公开", "--at", "2016-06-19"],
    );
    assert_eq!(
        stderr,
        "error: --at: 2016-06-19 00:00:00 is before plan fjdrc-2016-zwgk was issued (2016-06-20)\n"
    );
}

#[test]
fn no_event_on_a_closed_or_withdrawn_task() {
    let env = Env::seeded();
    at(
        &env,
        "2016-08-01",
        &[
            "feedback",
            "2.5",
            "--division",
            "办公室",
            "--status",
            "done",
        ],
    );
    at(&env, "2016-08-02", &["review", "2.5", "--accept"]);
    let stderr = refused_at(
        &env,
        "2016-08-03",
        &["event", "2.5", "特别重大、重大突发事件"],
    );
    assert_eq!(stderr, "error: task 2.5 is closed (已销号)\n");
    // Closed later than the clock still counts: the task takes no more
    // events.
    let stderr = refused_at(
        &env,
        "2016-07-15",
        &["event", "2.5", "特别重大、重大突发事件"],
    );
    assert_eq!(stderr, "error: task 2.5 is closed (已销号)\n");
    // Withdraw 3.3 by reloading the plan without it.
    let seed = std::fs::read_to_string(crate::support::SEED_PLAN).unwrap();
    let start = seed.find("[[task]]\nid = \"3.3\"").unwrap();
    let end = seed.find("[[task]]\nid = \"3.4\"").unwrap();
    env.write("edited.toml", format!("{}{}", &seed[..start], &seed[end..]));
    at(&env, "2016-08-03", &["event", "3.3", "政策文件公开"]);
    at(&env, "2016-08-04", &["load", "edited.toml"]);
    let stderr = refused_at(&env, "2016-08-05", &["event", "3.3", "政策文件公开"]);
    assert_eq!(stderr, "error: task 3.3 was withdrawn from the plan\n");
    // Its overdue obligation no longer needs attention.
    let (_, out) = check(&env, "2016-08-20", &[]);
    assert!(!out.contains("3.3"), "{out}");
}

#[test]
fn history_shows_events_with_their_obligation_numbers() {
    let env = Env::seeded();
    at(
        &env,
        "2016-09-28T16:00",
        &["event", "3.3", "政策文件公开", "--note", "一号文件"],
    );
    at(
        &env,
        "2016-10-12T09:00",
        &["event", "3.3", "政策文件公开", "--note", "二号文件"],
    );
    at(
        &env,
        "2016-10-12T10:00",
        &["event", "3.3", "主要负责人解读重要政策"],
    );
    at(
        &env,
        "2016-10-13",
        &[
            "feedback",
            "3.3#2",
            "--division",
            "新闻中心",
            "--status",
            "done",
            "--note",
            "已发布",
        ],
    );
    let history = json_at(&env, "2016-10-13", &["history", "3.3", "--format", "json"]);
    let rows: Vec<(&str, &str, Value, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap(),
                h["what"].as_str().unwrap(),
                h["obligation"].clone(),
                h["note"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("event", "政策文件公开", Value::from(1), "一号文件"),
            ("event", "政策文件公开", Value::from(2), "二号文件"),
            ("event", "主要负责人解读重要政策", Value::Null, ""),
            ("feedback", "done", Value::from(2), "已发布"),
        ]
    );
    assert_eq!(history[0]["at"], "2016-09-28 16:00:00");
    let text = at(&env, "2016-10-13", &["history", "3.3"]);
    assert!(text.contains("event obligation #1"), "{text}");
    assert!(text.contains("event obligation #2"), "{text}");
    assert!(text.contains("feedback obligation #2"), "{text}");
    // As of before the second event, only the first shows.
    let early = json_at(&env, "2016-10-01", &["history", "3.3", "--format", "json"]);
    assert_eq!(early.as_array().unwrap().len(), 1);
    // show lists both obligations: #1 overdue, #2 met.
    let shown = json_at(&env, "2016-10-13", &["show", "3.3", "--format", "json"]);
    let states: Vec<&str> = shown["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["overdue", "met"]);
}

#[test]
fn a_back_dated_event_is_numbered_in_recording_order() {
    let env = Env::seeded();
    at(
        &env,
        "2016-08-12T11:00",
        &[
            "event",
            "2.5",
            "特别重大、重大突发事件",
            "--at",
            "2016-08-12T10:00",
        ],
    );
    let out = at(
        &env,
        "2016-08-12T12:00",
        &[
            "event",
            "2.5",
            "特别重大、重大突发事件",
            "--at",
            "2016-08-11T10:00",
        ],
    );
    assert!(
        out.ends_with(
            "Opens obligation 2.5#2: 举行新闻发布会, due 2016-08-12 10:00:00 (within 24 hours).\n"
        ),
        "{out}"
    );
    let (_, out) = check(&env, "2016-08-13T09:00", &[]);
    let first: Vec<Vec<&str>> = out.lines().map(cells).collect();
    assert_eq!(
        first[0][..4],
        ["2016-08-12 10:00", "2.5#2", "办公室", "obligation overdue"]
    );
    assert_eq!(
        first[1][..5],
        [
            "2016-08-13 10:00",
            "2.5#1",
            "办公室",
            "obligation open",
            "due today"
        ]
    );
}

#[test]
fn two_plans_name_the_plan_in_check() {
    let env = monthly();
    env.tasks(&["load", crate::support::SEED_PLAN]).ok();
    let (status, out) = check(&env, "2016-08-26", &[]);
    assert_eq!(status, 1);
    assert_eq!(
        out,
        "2016-08-25  monthly:m1  投资处  feedback missing  1 day late  2016-08\n"
    );
    assert_eq!(
        check(&env, "2016-08-26", &["--plan", "fjdrc-2016-zwgk"]),
        (0, String::new())
    );
    // Task references need the plan when ids clash; here they do not.
    at(&env, "2016-09-28T16:00", &["event", "3.3", "政策文件公开"]);
    let (_, out) = check(&env, "2016-10-09", &["--plan", "fjdrc-2016-zwgk"]);
    assert!(out.contains("  fjdrc-2016-zwgk:3.3#1  "), "{out}");
}

#[test]
fn a_late_return_clears_the_missing_item() {
    let env = monthly();
    assert_eq!(check(&env, "2016-08-26", &[]).0, 1);
    // 投资处 reports in September, late for August: no longer chased.
    at(
        &env,
        "2016-09-02",
        &[
            "feedback",
            "m1",
            "--division",
            "投资处",
            "--status",
            "in-progress",
        ],
    );
    assert_eq!(check(&env, "2016-09-02", &[]), (0, String::new()));
}

#[test]
fn check_without_plans_is_an_error_not_an_all_clear() {
    let env = Env::new();
    // A database that exists but holds no plan.
    env.write("cal.toml", "[[year]]\nyear = 2030\noff = [2030-10-01]\n");
    env.tasks(&["calendar", "load", "cal.toml"]).ok();
    let run = env.tasks(&["check"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no plans are loaded"), "{}", run.stderr);
    // An empty file is not a database.
    env.write("empty.db", "");
    let run = env.tasks(&["--db", "empty.db", "check"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: empty.db: is an empty file, not a tasks database\n"
    );
    assert_eq!(std::fs::metadata(env.path("empty.db")).unwrap().len(), 0);
}

#[test]
fn loading_the_same_calendar_again_changes_nothing() {
    let env = Env::new();
    env.write("cal.toml", "[[year]]\nyear = 2030\noff = [2030-10-01]\n");
    env.tasks(&["calendar", "load", "cal.toml"]).ok();
    let before = env.snapshot();
    let out = env
        .tasks(&["calendar", "load", "cal.toml"])
        .ok()
        .to_string();
    assert_eq!(out, "Calendar 2030 is unchanged: nothing to do.\n");
    assert_eq!(before, env.snapshot());
}

#[test]
fn two_after_rules_on_one_event_are_refused() {
    let env = Env::new();
    env.write(
        "p.toml",
        "[plan]\nid = \"p\"\ntitle = \"t\"\noffice = \"办公室\"\n[[division]]\nname = \"办公室\"\n\
         [[section]]\nid = \"1\"\ntitle = \"s\"\nrole = \"own\"\n\
         [[task]]\nid = \"1\"\nsection = \"1\"\ntitle = \"t\"\nlead = \"办公室\"\n\
         [[task.rule]]\nkind = \"after\"\nevent = \"发文\"\nwithin = \"3wd\"\n\
         [[task.rule]]\nkind = \"after\"\nevent = \"发文\"\nwithin = \"10d\"\n",
    );
    let run = env.tasks(&["load", "p.toml"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("task 1 has two `after` rules on the event \"发文\""),
        "{}",
        run.stderr
    );
    assert!(!env.db.exists());
}
