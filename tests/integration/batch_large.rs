//! Large batch files (docs/returns.md): entries are checked and recorded as
//! the file is read, yet a batch stays all-or-nothing, and a problem far into
//! the file is shown with its line as in a small one.

use crate::support::Env;

const AS_OF: &str = "2016-09-25";

/// A CSV batch of `n` distinct, valid entries for the seed plan; row `i` is
/// on line `i + 2`.
fn rows(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let task = ["2.1", "1.7", "3.5"][i % 3];
            let (day, minute) = (1 + i % 20, i % 60);
            format!(
                "{task},法规处,in-progress,{},第{i}次进展,联络员,2016-09-{day:02}T10:{minute:02}",
                i % 100
            )
        })
        .collect()
}

fn csv(rows: &[String]) -> String {
    let mut text = String::from("task,division,status,percent,note,by,at\n");
    for row in rows {
        text += row;
        text.push('\n');
    }
    text
}

#[track_caller]
fn refused(env: &Env, file: &str) -> String {
    let before = env.snapshot();
    let run = env.tasks_at(AS_OF, &["feedback", "--from", file]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert_eq!(run.stdout, "");
    assert_eq!(
        before,
        env.snapshot(),
        "a refused batch changed the database"
    );
    run.stderr
}

#[test]
fn a_bad_row_near_the_end_of_a_large_batch_records_nothing_and_shows_its_line() {
    let env = Env::seeded();
    let mut rows = rows(6_000);
    rows[5_990] = "2.1,不存在处,in-progress,10,已起草,,2016-09-02T10:00".into();
    env.write("big.csv", csv(&rows));
    let stderr = refused(&env, "big.csv");
    assert!(
        stderr.starts_with("error: big.csv: 1 problem found, nothing was recorded\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("big.csv:5992:5: no division \"不存在处\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("5992 | 2.1,不存在处,in-progress,10,已起草,,2016-09-02T10:00\n"),
        "{stderr}"
    );
    // Without it the same file goes in whole.
    rows.remove(5_990);
    env.write("big.csv", csv(&rows));
    let out = env.tasks_at(AS_OF, &["feedback", "--from", "big.csv"]);
    assert_eq!(
        out.ok(),
        "Recorded 5999 entries from big.csv (import #1).\n"
    );
}

#[test]
fn problems_all_through_a_large_batch_are_counted_and_the_first_shown() {
    let env = Env::seeded();
    let mut rows = rows(6_000);
    for i in (0..rows.len()).step_by(40) {
        rows[i] = format!("2.1,法规处,finito,,第{i}次,,2016-09-02");
    }
    env.write("checks.csv", csv(&rows));
    let stderr = refused(&env, "checks.csv");
    assert!(
        stderr.contains("checks.csv: 150 problems found"),
        "{stderr}"
    );
    assert!(
        stderr.contains("checks.csv:2:9: unknown status \"finito\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("... and 120 more problems not shown"),
        "{stderr}"
    );
    // A row without its status: one problem more, the others still
    // reported.
    rows[5_500] = "2.1,法规处,,40,已起草".into();
    env.write("short.csv", csv(&rows));
    let stderr = refused(&env, "short.csv");
    assert!(stderr.contains("short.csv: 151 problems found"), "{stderr}");
    assert!(stderr.contains("short.csv:2:9: unknown status"), "{stderr}");
    assert!(
        stderr.contains("short.csv:5502:") || stderr.contains("and 121 more problems"),
        "{stderr}"
    );
    // A row longer than the header is a problem of its own row; the other
    // rows are still checked.
    rows[5_500] = "2.1,法规处,in-progress,10,已起草".into();
    rows[10] = "2.1,法规处,in-progress,10,已起草,,2016-09-02,多出来的".into();
    env.write("long.csv", csv(&rows));
    let stderr = refused(&env, "long.csv");
    assert!(stderr.contains("long.csv: 151 problems found"), "{stderr}");
    assert!(
        stderr.contains("long.csv:12:40: this row has 8 fields, the header 7"),
        "{stderr}"
    );
}

#[test]
fn a_large_batch_that_is_not_utf8_at_its_end_records_nothing() {
    let env = Env::seeded();
    let mut bytes = csv(&rows(5_000)).into_bytes();
    let at = bytes.len() + 4;
    bytes.extend_from_slice(b"2.1,\xe6\xb3,done\n");
    env.write("end.csv", bytes);
    let stderr = refused(&env, "end.csv");
    assert!(
        stderr.contains(&format!("invalid UTF-8 at byte {at}")),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem found"), "{stderr}");
}

#[test]
fn rows_repeated_far_apart_are_repeats_and_a_second_import_adds_nothing() {
    let env = Env::seeded();
    let mut rows = rows(5_000);
    rows.extend(rows[..10].to_vec());
    env.write("again.csv", csv(&rows));
    let out = env.tasks_at(AS_OF, &["feedback", "--from", "again.csv"]);
    assert_eq!(
        out.ok(),
        "Recorded 5000 of 5010 entries from again.csv (import #1). \
         10 repeated an earlier row of the file and were skipped.\n"
    );
    let before = env.snapshot();
    let out = env.tasks_at(AS_OF, &["feedback", "--from", "again.csv"]);
    assert_eq!(
        out.ok(),
        "again.csv: all 5010 entries were recorded before; nothing added.\n"
    );
    assert_eq!(before, env.snapshot());
    // Half of it recorded before, the rest new.
    let mut more = rows[2_500..5_000].to_vec();
    more.extend(self::rows(5_500)[5_000..].to_vec());
    env.write("more.csv", csv(&more));
    let out = env.tasks_at(AS_OF, &["feedback", "--from", "more.csv"]);
    assert_eq!(
        out.ok(),
        "Recorded 500 of 3000 entries from more.csv (import #5002); 2500 were recorded before.\n"
    );
}

#[test]
fn problems_of_the_file_are_reported_before_a_missing_database() {
    let env = Env::new();
    env.write("bad.csv", "task,division,who\n2.1,法规处,x\n");
    let run = env.tasks_at(AS_OF, &["feedback", "--from", "bad.csv"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("the header has no `status` (状态) column; not read: 3 (who)"),
        "{}",
        run.stderr
    );
    assert!(!env.db.exists());
    env.write("good.csv", "task,division,status\n2.1,法规处,done\n");
    let run = env.tasks_at(AS_OF, &["feedback", "--from", "good.csv"]);
    assert_eq!(run.status, 2);
    assert!(!run.stderr.contains("good.csv"), "{}", run.stderr);
}
