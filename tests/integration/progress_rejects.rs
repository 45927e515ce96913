//! Rejected feedback and reviews that need recorded state first: closed and
//! withdrawn tasks, returned tasks, groups with members. Every rejection gets
//! exit status 2, nothing on stdout, a message naming the problem, and leaves
//! the database exactly as it was.

use crate::support::{seed_without_task, Env, Run};

/// Runs `TASKS_NOW=WHEN tasks ARGS...`.
fn at(env: &Env, when: &str, args: &[&str]) -> Run {
    env.tasks_at(when, args)
}

/// Runs `TASKS_NOW=WHEN tasks ARGS...`, expecting success; returns stdout.
#[track_caller]
fn ok(env: &Env, when: &str, args: &[&str]) -> String {
    at(env, when, args).ok().to_string()
}

/// Runs `TASKS_NOW=WHEN tasks ARGS...`, expecting a rejection whose message
/// contains every one of `needles` and a database left as it was; returns
/// stderr.
#[track_caller]
fn rejected(env: &Env, when: &str, args: &[&str], needles: &[&str]) -> String {
    let before = env.snapshot();
    let run = at(env, when, args);
    assert_eq!(
        run.status, 2,
        "{args:?} exited {}\nstdout: {}\nstderr: {}",
        run.status, run.stdout, run.stderr
    );
    assert_eq!(run.stdout, "", "{args:?} printed on stdout");
    assert!(
        run.stderr.starts_with("error: "),
        "{args:?}: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    for needle in needles {
        assert!(
            run.stderr.contains(needle),
            "{args:?}: expected {needle:?} in\n{}",
            run.stderr
        );
    }
    assert_eq!(before, env.snapshot(), "{args:?} changed the database");
    run.stderr
}

fn feedback<'a>(task: &'a str, division: &'a str, status: &'a str) -> Vec<&'a str> {
    vec!["feedback", task, "--division", division, "--status", status]
}

/// The seed plan with task 1.7 reported done by its lead (法规处) on
/// 2016-08-01 and accepted on 2016-08-02.
fn seeded_with_1_7_closed() -> Env {
    let env = Env::seeded();
    ok(&env, "2016-08-01", &feedback("1.7", "法规处", "done"));
    let out = ok(&env, "2016-08-02", &["review", "1.7", "--accept"]);
    assert!(out.contains("closed"), "{out}");
    env
}

/// A small plan whose only task is led by a group with members, supported
/// by the office; 区域处 is declared but in no group.
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

[[group]]
name = "各政策起草处室"
members = []

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

[[task]]
id = "g.2"
section = "1"
title = "由无成员的处室组牵头"
text = "由各政策起草处室牵头办理。"
lead = "各政策起草处室"
"#;

fn group_plan() -> Env {
    let env = Env::new();
    env.write("grp.toml", GROUP_PLAN);
    env.tasks(&["load", "grp.toml"]).ok();
    env
}

#[test]
fn a_closed_task_refuses_feedback_from_every_assignee() {
    let env = seeded_with_1_7_closed();
    let stderr = rejected(
        &env,
        "2016-08-03",
        &feedback("1.7", "法规处", "in-progress"),
        &["1.7", "closed"],
    );
    assert_eq!(
        stderr,
        "error: task 1.7 is closed (已销号); it takes no more feedback\n"
    );
    // The alias, a Chinese status, a percent and a note change nothing.
    rejected(
        &env,
        "2016-08-03",
        &[
            "feedback",
            "1.7",
            "--division",
            "政策法规处",
            "--status",
            "推进中",
            "--percent",
            "20",
            "--note",
            "补充材料",
        ],
        &["1.7", "closed"],
    );
    // Nor does back-dating the entry to before the task was closed.
    rejected(
        &env,
        "2016-08-03",
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "done",
            "--at",
            "2016-07-15",
        ],
        &["1.7", "closed"],
    );
    // A supporting division of a closed task is refused too.
    ok(&env, "2016-08-05", &feedback("3.5", "办公室", "done"));
    ok(&env, "2016-08-06", &["review", "3.5", "--accept"]);
    rejected(
        &env,
        "2016-08-07",
        &feedback("3.5", "法规处", "blocked"),
        &["3.5", "closed"],
    );
    // The history still shows what was recorded, and nothing more.
    let history = ok(&env, "2016-08-10", &["history", "1.7", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&history).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 2, "{history}");
}

#[test]
fn a_withdrawn_task_refuses_feedback_and_review() {
    let env = Env::seeded();
    ok(&env, "2016-08-01", &feedback("2.2", "法规处", "done"));
    env.write("fewer.toml", seed_without_task("2.2"));
    let out = ok(&env, "2016-08-02", &["load", "fewer.toml"]);
    assert!(out.contains("withdrawn"), "{out}");
    let stderr = rejected(
        &env,
        "2016-08-03",
        &feedback("2.2", "法规处", "in-progress"),
        &["2.2", "withdrawn"],
    );
    assert_eq!(
        stderr,
        "error: task 2.2 was withdrawn from the plan; it takes no feedback\n"
    );
    // Back-dated to when it was still in the plan: still refused.
    rejected(
        &env,
        "2016-08-03",
        &[
            "feedback",
            "2.2",
            "--division",
            "法规处",
            "--status",
            "blocked",
            "--at",
            "2016-07-01",
        ],
        &["2.2", "withdrawn"],
    );
    // It was reported done before it was withdrawn, but it cannot be reviewed.
    for decision in ["--accept", "--return"] {
        rejected(
            &env,
            "2016-08-03",
            &["review", "2.2", decision],
            &["2.2", "withdrawn"],
        );
    }
    // The other tasks of the reloaded plan still take feedback.
    ok(
        &env,
        "2016-08-03",
        &feedback("2.1", "法规处", "in-progress"),
    );
}

#[test]
fn a_closed_task_cannot_be_reviewed_again() {
    let env = seeded_with_1_7_closed();
    let stderr = rejected(
        &env,
        "2016-08-03",
        &["review", "1.7", "--accept"],
        &["1.7", "closed"],
    );
    assert_eq!(stderr, "error: task 1.7 is already closed (已销号)\n");
    // Returning a closed task is refused too: closing is final.
    rejected(
        &env,
        "2016-08-03",
        &["review", "1.7", "--return", "--note", "重新审核"],
        &["1.7", "closed"],
    );
}

#[test]
fn a_returned_task_is_reviewed_only_after_its_lead_reports_done_again() {
    let env = Env::seeded();
    // 3.5: the office leads, 法规处 supports.
    ok(&env, "2016-08-01", &feedback("3.5", "办公室", "done"));
    let out = ok(
        &env,
        "2016-08-02",
        &["review", "3.5", "--return", "--note", "请补充材料"],
    );
    assert!(out.contains("in-progress"), "{out}");
    for decision in ["--accept", "--return"] {
        let stderr = rejected(
            &env,
            "2016-08-03",
            &["review", "3.5", decision],
            &["3.5", "in-progress"],
        );
        assert_eq!(
            stderr,
            "error: task 3.5 is in-progress (推进中): only a task its lead division reported done can be reviewed\n"
        );
    }
    // The supporting division reporting done does not make it reviewable.
    ok(&env, "2016-08-04", &feedback("3.5", "法规处", "done"));
    rejected(
        &env,
        "2016-08-05",
        &["review", "3.5", "--accept"],
        &["3.5", "in-progress"],
    );
    // Nor does the lead's done back-dated to before the return.
    ok(
        &env,
        "2016-08-05",
        &[
            "feedback",
            "3.5",
            "--division",
            "办公室",
            "--status",
            "done",
            "--at",
            "2016-08-01T18:00",
        ],
    );
    rejected(
        &env,
        "2016-08-05",
        &["review", "3.5", "--accept"],
        &["3.5", "in-progress"],
    );
    // The lead reports done again: now it can be accepted.
    ok(&env, "2016-08-06", &feedback("3.5", "办公室", "done"));
    // ... but not as of a time before that report.
    rejected(
        &env,
        "2016-08-07",
        &["review", "3.5", "--accept", "--at", "2016-08-05T12:00"],
        &["3.5", "in-progress", "2016-08-05 12:00"],
    );
    let out = ok(&env, "2016-08-07", &["review", "3.5", "--accept"]);
    assert!(out.contains("closed"), "{out}");
}

#[test]
fn a_task_only_a_supporter_reported_done_cannot_be_reviewed() {
    let env = Env::seeded();
    ok(&env, "2016-08-01", &feedback("3.5", "法规处", "done"));
    rejected(
        &env,
        "2016-08-02",
        &["review", "3.5", "--accept"],
        &["3.5", "in-progress", "lead division"],
    );
}

#[test]
fn a_group_with_members_reports_through_its_members_only() {
    let env = group_plan();
    // The group itself: refused, and told who may report.
    let stderr = rejected(
        &env,
        "2016-08-01",
        &feedback("g.1", "各相关业务处室", "in-progress"),
        &["各相关业务处室", "法规处", "投资处"],
    );
    assert_eq!(
        stderr,
        "error: --division: 各相关业务处室 is a group; feedback comes from one of its members: 法规处, 投资处\n"
    );
    // A declared division that is not a member: refused.
    rejected(
        &env,
        "2016-08-01",
        &feedback("g.1", "区域处", "in-progress"),
        &["区域处", "not assigned", "g.1"],
    );
    // A memberless group that is not assigned to the task: refused.
    rejected(
        &env,
        "2016-08-01",
        &feedback("g.1", "各政策起草处室", "in-progress"),
        &["各政策起草处室", "not assigned", "g.1"],
    );
    // A member reports for the group (positive control), by name or alias.
    let before = env.snapshot();
    let out = ok(
        &env,
        "2016-08-01",
        &feedback("g.1", "投资处", "in-progress"),
    );
    assert!(out.contains("for 各相关业务处室"), "{out}");
    assert_ne!(before, env.snapshot(), "the member's entry was recorded");
    let v: serde_json::Value = serde_json::from_str(&ok(
        &env,
        "2016-08-02",
        &[
            "feedback",
            "g.1",
            "--division",
            "政策法规处",
            "--status",
            "in-progress",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(v["division"], "法规处");
    assert_eq!(v["assignee"], "各相关业务处室");
    // A memberless group reports for itself (positive control).
    ok(
        &env,
        "2016-08-02",
        &feedback("g.2", "各政策起草处室", "in-progress"),
    );
    // The non-member is still refused once the task is under way.
    rejected(
        &env,
        "2016-08-03",
        &feedback("g.1", "区域处", "done"),
        &["区域处", "not assigned"],
    );
}

#[test]
fn a_division_taken_out_of_a_group_no_longer_reports_for_it() {
    let env = group_plan();
    ok(
        &env,
        "2016-08-01",
        &feedback("g.1", "法规处", "in-progress"),
    );
    env.write(
        "grp2.toml",
        GROUP_PLAN.replace(
            r#"members = ["法规处", "投资处"]"#,
            r#"members = ["投资处"]"#,
        ),
    );
    env.tasks(&["load", "grp2.toml"]).ok();
    rejected(
        &env,
        "2016-08-02",
        &feedback("g.1", "法规处", "in-progress"),
        &["法规处", "not assigned", "g.1"],
    );
    ok(
        &env,
        "2016-08-02",
        &feedback("g.1", "投资处", "in-progress"),
    );
}

#[test]
fn a_batch_with_one_entry_for_a_closed_task_records_nothing() {
    let env = seeded_with_1_7_closed();
    env.write(
        "september.csv",
        "task,division,status,percent,note\n\
         2.1,法规处,in-progress,40,已起草\n\
         2.2,政策法规处,blocked,,等待意见\n\
         1.7,法规处,in-progress,10,补充材料\n\
         3.5,法规处,in-progress,20,\n",
    );
    let stderr = rejected(
        &env,
        "2016-09-25",
        &["feedback", "--from", "september.csv"],
        &[
            "september.csv: 1 problem found, nothing was recorded",
            "september.csv:4:",
            "task 1.7 is closed",
        ],
    );
    assert!(!stderr.contains("september.csv:2:"), "{stderr}");
    // The same entries as TOML: refused the same way.
    env.write(
        "september.toml",
        "[[feedback]]\ntask = \"2.1\"\ndivision = \"法规处\"\nstatus = \"in-progress\"\n\n\
         [[feedback]]\ntask = \"1.7\"\ndivision = \"法规处\"\nstatus = \"done\"\n",
    );
    rejected(
        &env,
        "2016-09-25",
        &["feedback", "--from", "september.toml"],
        &["september.toml:7:", "task 1.7 is closed"],
    );
    // Without the closed task's entry the rest goes in.
    env.write(
        "fixed.csv",
        "task,division,status,percent,note\n\
         2.1,法规处,in-progress,40,已起草\n\
         2.2,政策法规处,blocked,,等待意见\n",
    );
    let out = ok(&env, "2016-09-25", &["feedback", "--from", "fixed.csv"]);
    assert!(out.contains("Recorded 2 entries"), "{out}");
}

#[test]
fn a_batch_with_one_entry_for_a_withdrawn_task_records_nothing() {
    let env = Env::seeded();
    env.write("fewer.toml", seed_without_task("3.5"));
    ok(&env, "2016-08-01", &["load", "fewer.toml"]);
    env.write(
        "batch.csv",
        "task,division,status\n2.1,法规处,in-progress\n3.5,法规处,in-progress\n",
    );
    rejected(
        &env,
        "2016-08-02",
        &["feedback", "--from", "batch.csv"],
        &["batch.csv:3:", "task 3.5 was withdrawn"],
    );
}

#[test]
fn a_closed_task_refuses_feedback_even_as_of_a_time_before_it_was_closed() {
    let env = seeded_with_1_7_closed();
    // Accepted as of 2016-08-02: looking from an earlier time does not reopen
    // the task.
    rejected(
        &env,
        "2016-08-01T12:00",
        &feedback("1.7", "法规处", "in-progress"),
        &["1.7", "closed"],
    );
}

#[test]
fn reimporting_a_batch_after_a_task_was_closed_adds_nothing_and_succeeds() {
    let env = Env::seeded();
    env.write(
        "july.csv",
        "task,division,status,at\n1.7,法规处,done,2016-07-30\n2.1,法规处,in-progress,2016-07-30\n",
    );
    ok(&env, "2016-08-01", &["feedback", "--from", "july.csv"]);
    ok(&env, "2016-08-02", &["review", "1.7", "--accept"]);
    // Entries recorded before are skipped before any check, so importing a
    // file twice adds nothing even when one of its tasks was closed since.
    let before = env.snapshot();
    let out = ok(&env, "2016-08-03", &["feedback", "--from", "july.csv"]);
    assert!(out.contains("nothing added"), "{out}");
    assert_eq!(before, env.snapshot());
}

#[test]
fn a_directory_given_as_a_batch_file_is_not_called_a_plan() {
    let env = Env::seeded();
    std::fs::create_dir(env.path("returns")).unwrap();
    let stderr = rejected(
        &env,
        "2016-08-01",
        &["feedback", "--from", "returns"],
        &["returns is a directory"],
    );
    assert!(!stderr.contains("plan file"), "{stderr}");
}
