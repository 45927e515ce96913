//! A plan of a few thousand tasks: read one `[[task]]` table at a time, its
//! problems are still placed at the right line and column of the file.

use crate::support::Env;

const TASKS: usize = 1200;

/// A plan of `TASKS` tasks; `edit` may change the text of the task with the
/// given 1-based number.
fn plan_text(edit: impl Fn(usize, String) -> String) -> String {
    let mut text = String::from(
        "[plan]\nid = \"big\"\ntitle = \"大方案\"\noffice = \"办公室\"\nissued = 2026-01-05\n\n\
         [[division]]\nname = \"办公室\"\n[[division]]\nname = \"法规处\"\n\n\
         [[section]]\nid = \"1\"\ntitle = \"牵头工作\"\nrole = \"lead\"\n",
    );
    for n in 1..=TASKS {
        let mut task = format!(
            "\n[[task]]\nid = \"1.{n}\"\nsection = \"1\"\ntitle = \"第{n}项工作\"\nlead = \"办公室\"\n"
        );
        if n % 3 == 0 {
            task.push_str(
                "\n[[task.rule]]\nkind = \"after\"\nevent = \"公开\"\nwithin = \"3wd\"\n",
            );
        }
        text.push_str(&edit(n, task));
    }
    text
}

/// The 1-based line and column (in characters) where `needle` first occurs.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}

/// Loads `text` as big.toml into a database holding the unedited plan;
/// returns stderr after checking that nothing was loaded.
fn rejected(env: &Env, text: &str) -> String {
    let path = env.write("big.toml", text);
    let before = env.snapshot();
    let run = env.tasks(&["load", path.to_str().unwrap()]);
    assert_eq!(
        run.status, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert_eq!(before, env.snapshot(), "the database changed");
    run.stderr
}

#[test]
fn problems_deep_in_a_large_plan_are_placed_at_their_line_and_column() {
    let env = Env::new();
    let path = env.write("big.toml", plan_text(|_, t| t));
    let loaded = env.tasks(&["load", path.to_str().unwrap()]);
    assert!(loaded.ok().contains("1200 tasks"), "{}", loaded.stdout);

    // Problems found when checking the tasks.
    let text = plan_text(|n, t| match n {
        1000 => t.replace("lead = \"办公室\"", "lead = \"无此处\""),
        1100 => t.replace("id = \"1.1100\"", "id = \"1.10\""),
        1197 => t.replace("within = \"3wd\"", "within = \"三天\""),
        _ => t,
    });
    let stderr = rejected(&env, &text);
    let (line, column) = position(&text, "\"无此处\"");
    assert!(
        stderr.contains(&format!(
            "big.toml:{line}:{column}: the lead \"无此处\" is not declared"
        )),
        "{stderr}"
    );
    let (first, _) = position(&text, "id = \"1.10\"");
    let second = text.match_indices("id = \"1.10\"").nth(1).unwrap().0;
    let line = text[..second].matches('\n').count() + 1;
    assert!(
        stderr.contains(&format!(
            "big.toml:{line}:6: task id \"1.10\" is used twice (first on line {first})"
        )),
        "{stderr}"
    );
    let (line, column) = position(&text, "\"三天\"");
    assert!(
        stderr.contains(&format!(
            "big.toml:{line}:{column}: \"三天\" is not a duration"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("3 problems found"), "{stderr}");

    // A syntax error is reported before a field unknown earlier in the file,
    // as when the file was read as one document.
    let text = plan_text(|n, t| match n {
        800 => t.replace("lead = ", "colour = \"红\"\nlead = "),
        1150 => t.replace("title = \"第1150项工作\"", "title = \"第1150项工作"),
        _ => t,
    });
    let stderr = rejected(&env, &text);
    let (line, column) = position(&text, "title = \"第1150项工作\n");
    let column = column + "title = \"第1150项工作".chars().count();
    assert!(
        stderr.contains(&format!("big.toml:{line}:{column}: invalid basic string")),
        "{stderr}"
    );

    let text = plan_text(|n, t| match n {
        800 => t.replace("lead = ", "colour = \"红\"\nlead = "),
        _ => t,
    });
    let stderr = rejected(&env, &text);
    let (line, column) = position(&text, "colour");
    assert!(
        stderr.contains(&format!("big.toml:{line}:{column}: unknown field `colour`")),
        "{stderr}"
    );
}

#[test]
fn a_large_plan_reloads_unchanged_and_reports_each_edit() {
    let env = Env::new();
    let path = env.write("big.toml", plan_text(|_, t| t));
    let path = path.to_str().unwrap();
    env.tasks(&["load", path]).ok();
    let again = env.tasks(&["load", path]);
    assert_eq!(
        again.ok(),
        "Plan big is unchanged (1200 tasks): nothing to do.\n"
    );
    env.write(
        "big.toml",
        plan_text(|n, t| match n {
            7 => t.replace("第7项工作", "第七项工作"),
            1197 => t.replace("\"3wd\"", "\"5wd\""),
            1200 => String::new(),
            _ => t,
        }),
    );
    let report = env.tasks(&["load", "--format", "json", path]).json();
    assert_eq!(
        report["changed"],
        serde_json::json!([
            {"id": "1.7", "fields": ["text", "title"]},
            {"id": "1.1197", "fields": ["rules"]},
        ])
    );
    assert_eq!(report["withdrawn"], serde_json::json!(["1.1200"]));
    assert_eq!(report["unchanged"], 1197);
}

#[test]
fn a_plan_with_a_byte_order_mark_and_crlf_line_ends_loads_and_reloads_unchanged() {
    let env = Env::new();
    let text = format!("\u{feff}{}", plan_text(|_, t| t).replace('\n', "\r\n"));
    let path = env.write("big.toml", text);
    let path = path.to_str().unwrap();
    assert!(env.tasks(&["load", path]).ok().contains("1200 tasks"));
    assert_eq!(
        env.tasks(&["load", path]).ok(),
        "Plan big is unchanged (1200 tasks): nothing to do.\n"
    );
    // The same plan without them is the same plan.
    env.write("big.toml", plan_text(|_, t| t));
    assert_eq!(
        env.tasks(&["load", path]).ok(),
        "Plan big is unchanged (1200 tasks): nothing to do.\n"
    );
}

/// A plan of `n` tasks numbered 1.1 to 1.n, without those `skip` names,
/// with feedback due monthly.
fn plan_of(n: usize, skip: impl Fn(usize) -> bool) -> String {
    let mut text = String::from(
        "[plan]\nid = \"big\"\ntitle = \"大方案\"\noffice = \"办公室\"\nissued = 2026-01-05\n\
         feedback = \"monthly\"\nfeedback_day = 25\n\n\
         [[division]]\nname = \"办公室\"\n[[division]]\nname = \"法规处\"\n\n\
         [[section]]\nid = \"1\"\ntitle = \"牵头工作\"\nrole = \"lead\"\n",
    );
    for k in (1..=n).filter(|&k| !skip(k)) {
        let due = if k % 5 == 0 {
            "2026-03-31"
        } else {
            "2026-12-31"
        };
        text.push_str(&format!(
            "\n[[task]]\nid = \"1.{k}\"\nsection = \"1\"\ntitle = \"第{k}项工作\"\nlead = \"办公室\"\n\
             support = [\"法规处\"]\ndue = {due}\n"
        ));
    }
    text
}

/// (id, status, light) of each task line of a JSON report or list.
fn lines(tasks: &serde_json::Value) -> Vec<(String, String, String)> {
    tasks
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| {
            (
                t["id"].as_str().expect("id").to_string(),
                t["status"].as_str().expect("status").to_string(),
                t["light"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The report's task lines, as of `as_of`, after checking that they are
/// those of `list` (which reads the whole plan at once) and the figures
/// count them.
fn report_lines(env: &Env, as_of: &str) -> Vec<(String, String, String)> {
    let report = crate::support::json_at(env, as_of, &["report", "--format", "json"]);
    let list = crate::support::json_at(env, as_of, &["list", "--format", "json"]);
    let reported = lines(&report["plans"][0]["tasks"]);
    assert_eq!(reported, lines(&list));
    let total = &report["plans"][0]["total"];
    assert_eq!(total["tasks"], reported.len());
    let red = reported
        .iter()
        .filter(|(_, _, light)| light == "red")
        .count();
    assert_eq!(total["overdue"], red);
    reported
}

#[test]
fn a_report_read_in_chunks_has_every_task_once_in_the_plans_order() {
    // More tasks than are read at a time. Loaded in one go, the keys of a
    // chunk are consecutive; a reload then adds tasks between others
    // (their keys come last) and withdraws some, so that they are not.
    const N: usize = 9000;
    let env = Env::new();
    env.write("big.toml", plan_of(N, |k| k % 7 == 0));
    env.tasks_at("2026-01-05", &["load", "big.toml"]).ok();
    let record = |task: &str, status: &str| {
        env.tasks_at(
            "2026-06-01",
            &[
                "feedback",
                task,
                "--division",
                "办公室",
                "--status",
                status,
                "--at",
                "2026-05-20",
            ],
        )
        .ok();
    };
    record("big:1.4096", "done");
    let as_of = "2026-06-02";
    let first = report_lines(&env, as_of);
    assert_eq!(first.len(), N - N / 7);
    env.write("big.toml", plan_of(N, |k| k % 11 == 0));
    env.tasks_at("2026-01-05", &["load", "big.toml"]).ok();
    record("big:1.1", "done");
    record("big:1.4097", "blocked");
    record("big:1.8999", "in-progress");
    let reported = report_lines(&env, as_of);
    let expected: Vec<String> = (1..=N)
        .filter(|k| k % 11 != 0)
        .map(|k| format!("1.{k}"))
        .collect();
    let ids: Vec<&String> = reported.iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids, expected.iter().collect::<Vec<_>>());
    let status = |id: &str| &reported.iter().find(|(i, _, _)| i == id).expect(id).1;
    assert_eq!(status("1.1"), "done");
    assert_eq!(status("1.4096"), "done");
    assert_eq!(status("1.4097"), "blocked");
    assert_eq!(status("1.8999"), "in-progress");
    // The CSV has a line for each assignee of each task.
    let csv = crate::support::at(&env, as_of, &["report", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 2 * expected.len());
}

#[test]
fn output_cut_short_by_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let env = Env::new();
    let path = env.write("big.toml", plan_text(|_, t| t));
    env.tasks(&["load", path.to_str().unwrap()]).ok();
    for args in [
        &["report"][..],
        &["report", "--format", "csv"],
        &["report", "--format", "json"],
        &["report", "--format", "md"],
        &["list", "--format", "csv"],
        &["list", "--format", "json"],
    ] {
        // More than a pipe holds: the command is still writing when the
        // reader goes away.
        let mut child = env
            .command(&[&["--as-of", "2026-03-01"][..], args].concat())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut head = [0u8; 64];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut head)
            .expect("read");
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn a_report_that_fails_to_read_after_writing_some_lines_names_the_reading_error() {
    // The last page of the assignments is damaged: the report has written
    // the lines of the first chunks when it comes to read it.
    const N: usize = 9000;
    let env = Env::new();
    env.write("big.toml", plan_of(N, |_| false));
    env.tasks_at("2026-01-05", &["load", "big.toml"]).ok();
    let (page, size) = {
        let conn = rusqlite::Connection::open(&env.db).expect("open");
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .expect("checkpoint");
        let page: i64 = conn
            .query_row(
                "SELECT pageno FROM dbstat WHERE name = 'assignment' AND pagetype = 'leaf'
                 ORDER BY path DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .expect("last page");
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("page size");
        (page, size)
    };
    let mut bytes = std::fs::read(&env.db).expect("read");
    let at = ((page - 1) * size) as usize;
    bytes[at..at + size as usize].fill(0xff);
    std::fs::write(&env.db, bytes).expect("write");
    // A day after the plan was issued, no task is overdue or missing a
    // return: the figures read no assignment of the last page.
    for format in ["csv", "json"] {
        let run = env.tasks_at("2026-01-06", &["report", "--format", format]);
        assert_eq!(run.status, 2, "{format}: {}", run.stderr);
        assert!(
            run.stdout.lines().count() > 1000,
            "{format}: lines of the first chunks written"
        );
        assert!(
            run.stderr.contains("the database file is damaged")
                && !run.stderr.contains("could not be read"),
            "{format}: {}",
            run.stderr
        );
    }
}
