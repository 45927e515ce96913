//! Crash safety (SPEC §7): a `tasks load`, a batch `tasks feedback --from`
//! or a `tasks void` of a whole batch import killed with SIGKILL at any
//! moment leaves a database that opens, passes `PRAGMA integrity_check`, and
//! holds either everything it held before or everything the command would
//! have written — never a part of it.
//!
//! Each scenario first times two uninterrupted runs, then starts the command
//! again on a copy of the same database for each of `TASKS_CRASH_KILLS`
//! moments (default 4; 8 at least for the void, which is quick), spread
//! evenly from 0 to 1.5 times the longer run time (run times vary on a busy
//! machine), and kills it there. `TASKS_CRASH_KILLS=20` is the full run:
//!
//! ```sh
//! TASKS_CRASH_KILLS=20 cargo test --test integration crash -- --nocapture --test-threads 1
//! ```

use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{integrity, snapshot, Env};

/// The moment every command of these tests runs at, so that a completed run
/// writes the same rows every time.
const NOW: &str = "2016-10-01T12:00:00";
const PLAN_ID: &str = "crash-big";
const SECTIONS: usize = 10;
const DIVISIONS: usize = 24;
/// Tasks in the first version of the generated plan.
const TASKS: usize = 5_000;
/// Tasks of the plan the batch feedback file reports on.
const BATCH_TASKS: usize = 1_000;
/// Entries in the generated batch feedback file.
const ENTRIES: usize = 2_000;
/// Entries of the import a void takes back.
const VOIDED_ENTRIES: usize = 6_000;

fn kills() -> usize {
    std::env::var("TASKS_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n >= 2)
        .unwrap_or(4)
}

fn division(i: usize) -> String {
    format!("第{:02}处", i % DIVISIONS + 1)
}

/// A large plan, deterministic. Version 2 edits the text and title of every
/// task kept from version 1, moves the lead of every third one, drops every
/// seventh (withdrawn on reload) and adds a tenth more, so that any part of
/// a reload left behind would show.
fn plan(version: u32, tasks: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "[plan]\nid = \"{PLAN_ID}\"\ntitle = \"崩溃测试方案 第{version}版\"\n\
         issued = 2016-01-01\noffice = \"第01处\"\ndue = 2016-12-31\n\
         feedback = \"monthly\"\nfeedback_day = 25\nwarn = \"5wd\"\n"
    );
    for d in 0..DIVISIONS {
        let _ = writeln!(out, "[[division]]\nname = \"{}\"\n", division(d));
    }
    let _ = writeln!(
        out,
        "[[group]]\nname = \"各相关处室\"\nmembers = [\"第02处\", \"第03处\"]\n"
    );
    for s in 1..=SECTIONS {
        let role = ["lead", "support", "own"][s % 3];
        let _ = writeln!(
            out,
            "[[section]]\nid = \"{s}\"\ntitle = \"第{s}部分\"\nrole = \"{role}\"\n"
        );
    }
    let total = if version == 1 {
        tasks
    } else {
        tasks + tasks / 10
    };
    for i in 0..total {
        if version == 2 && i < tasks && i % 7 == 3 {
            continue;
        }
        let lead = if version == 2 && i % 3 == 0 {
            division(i + 5)
        } else {
            division(i)
        };
        let section = i % SECTIONS + 1;
        let _ = writeln!(
            out,
            "[[task]]\nid = \"{section}.{i}\"\nsection = \"{section}\"\n\
             title = \"任务{i}(第{version}版)\"\n\
             text = \"第{version}版任务{i}的全文:按要求推进相关工作,按月反馈进展情况。\"\n\
             lead = \"{lead}\"\nsupport = [\"{}\", \"各相关处室\"]",
            division(i + 1)
        );
        if i % 4 == 0 {
            let _ = writeln!(out, "due = 2016-{:02}-28", i % 12 + 1);
        }
        if i % 10 == 0 {
            let _ = writeln!(
                out,
                "\n[[task.rule]]\nkind = \"after\"\nevent = \"文件公开\"\nwithin = \"{}wd\"\nwhat = \"发布解读材料\"",
                version + 2
            );
        }
        out.push('\n');
    }
    out
}

/// A batch file of `ENTRIES` distinct entries on the tasks of version 1 of
/// a plan of `BATCH_TASKS` tasks. The notes are long enough that the import
/// outgrows SQLite's page cache and writes to the log before it commits.
fn batch() -> String {
    batch_of(ENTRIES)
}

/// A batch file of `entries` distinct entries, as `batch`.
fn batch_of(entries: usize) -> String {
    let mut out = String::from("task,division,status,percent,note,by,at\n");
    let long = "已按计划推进。相关材料正在审核。".repeat(8);
    for i in 0..entries {
        let t = (i * 7919) % BATCH_TASKS;
        let status = ["in-progress", "blocked", "not-started"][i % 3];
        let _ = writeln!(
            out,
            "{}.{t},{},{status},{},批量反馈第{i}条:{long},张三,2016-{:02}-{:02}T{:02}:{:02}",
            t % SECTIONS + 1,
            division(t),
            i % 100,
            i % 9 + 1,
            i % 28 + 1,
            i % 24,
            i % 60
        );
    }
    out
}

/// What is in the database, as a short digest of every row of every table,
/// with the figures that tell the versions apart.
struct State {
    digest: u64,
    tasks: i64,
    withdrawn: i64,
    second_version: i64,
    feedback: i64,
    voids: i64,
}

fn state(db: &Path) -> State {
    let mut h = DefaultHasher::new();
    snapshot(db).hash(&mut h);
    let conn = rusqlite::Connection::open(db).expect("open database");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    State {
        digest: h.finish(),
        tasks: count("SELECT count(*) FROM task"),
        withdrawn: count("SELECT count(*) FROM task WHERE withdrawn"),
        second_version: count("SELECT count(*) FROM task WHERE title LIKE '%第2版%'"),
        feedback: count("SELECT count(*) FROM feedback"),
        voids: count("SELECT count(*) FROM void"),
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "tasks {} (withdrawn {}, version 2 {}), feedback {}, voids {}",
            self.tasks, self.withdrawn, self.second_version, self.feedback, self.voids
        )
    }
}

/// Copies a closed database (no -wal file left) to a new scratch directory.
fn copy_of(db: &Path, files: &[(&str, &str)]) -> Env {
    let env = Env::new();
    assert!(!db.with_extension("db-wal").exists(), "database not closed");
    std::fs::copy(db, &env.db).expect("copy database");
    for (name, text) in files {
        env.write(name, text);
    }
    env
}

/// Runs `args` to completion twice, each time on a copy of `before`,
/// returning the longer run time and the database the last run left.
fn timed_run(before: &Env, files: &[(&str, &str)], args: &[&str]) -> (Duration, Env) {
    let mut longest = Duration::ZERO;
    loop {
        let env = copy_of(&before.db, files);
        let start = Instant::now();
        let out = env.command_at(NOW, args).output().expect("run tasks");
        let took = start.elapsed();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if longest > Duration::ZERO {
            return (longest.max(took), env);
        }
        longest = took;
    }
}

/// Starts `args` on a copy of `before` for each kill moment, kills it, and
/// checks what it left: the database opens, is intact, and equals `old` or
/// `new` exactly. Prints one line per kill and a summary.
#[allow(clippy::too_many_arguments)]
fn kill_at_moments(
    what: &str,
    before: &Env,
    files: &[(&str, &str)],
    args: &[&str],
    run_time: Duration,
    old: &State,
    new: &State,
    n: usize,
) {
    let last = run_time.mul_f64(1.5);
    let (mut olds, mut news) = (0, 0);
    for k in 0..n {
        let delay = last.mul_f64(k as f64 / (n - 1) as f64);
        let env = copy_of(&before.db, files);
        let mut child = env
            .command_at(NOW, args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tasks");
        std::thread::sleep(delay);
        let outcome = match child.try_wait().expect("poll tasks") {
            Some(status) => format!("finished first ({status})"),
            None => {
                child.kill().expect("SIGKILL");
                let status = child.wait().expect("reap tasks");
                format!("killed ({status})")
            }
        };
        // What the killed process left in the write-ahead log: frames of its
        // unfinished transaction, or of a committed one not yet copied back.
        let wal = std::fs::metadata(env.db.with_extension("db-wal")).map_or(0, |m| m.len());
        // The database opens and answers, through the binary itself.
        env.tasks_at(NOW, &["plans"]).ok();
        env.tasks_at(NOW, &["list", "--plan", PLAN_ID, "--section", "1"])
            .ok();
        assert_eq!(integrity(&env.db), "ok", "{what}, kill {k} at {delay:?}");
        let found = state(&env.db);
        let which = if found.digest == old.digest {
            olds += 1;
            "old"
        } else if found.digest == new.digest {
            news += 1;
            "new"
        } else {
            panic!(
                "{what}, kill {k} at {delay:?} ({outcome}): neither the old state ({old}) \
                 nor the new one ({new}) but {found}"
            );
        };
        let line = format!(
            "{what} kill {:2}/{n} at {:>6.0} ms: {outcome}, WAL left {:>8} bytes; {which} state: {found}",
            k + 1,
            delay.as_secs_f64() * 1000.0,
            wal
        );
        println!("{line}");
    }
    let line = format!(
        "{what}: {n} kills over 0..{:.0} ms (a run takes up to {:.0} ms): {olds} old, {news} new, 0 partial",
        last.as_secs_f64() * 1000.0,
        run_time.as_secs_f64() * 1000.0
    );
    println!("{line}");
}

#[test]
fn a_killed_reload_leaves_the_old_plan_or_the_new_one() {
    let v1 = plan(1, TASKS);
    let v2 = plan(2, TASKS);
    let base = Env::new();
    base.write("plan.toml", &v1);
    base.tasks_at(NOW, &["load", "plan.toml"]).ok();
    let old = state(&base.db);
    assert_eq!((old.tasks, old.second_version), (TASKS as i64, 0));

    let files = [("plan.toml", v2.as_str())];
    let args = ["load", "plan.toml"];
    let (run_time, done) = timed_run(&base, &files, &args);
    let new = state(&done.db);
    assert_eq!(new.tasks, (TASKS + TASKS / 10) as i64);
    assert_eq!(
        new.withdrawn,
        (0..TASKS).filter(|i| i % 7 == 3).count() as i64
    );
    assert_eq!(new.second_version, new.tasks - new.withdrawn);

    kill_at_moments("load", &base, &files, &args, run_time, &old, &new, kills());
}

#[test]
fn a_killed_batch_import_records_all_of_it_or_nothing() {
    let base = Env::new();
    base.write("plan.toml", plan(1, BATCH_TASKS));
    base.tasks_at(NOW, &["load", "plan.toml"]).ok();
    // Some feedback recorded before, which must survive untouched.
    base.tasks_at(
        NOW,
        &[
            "feedback",
            "1.0",
            "--division",
            "第01处",
            "--status",
            "推进中",
            "--note",
            "此前的反馈",
        ],
    )
    .ok();
    let old = state(&base.db);
    assert_eq!(old.feedback, 1);

    let text = batch();
    let files = [("feedback.csv", text.as_str())];
    let args = ["feedback", "--from", "feedback.csv"];
    let (run_time, done) = timed_run(&base, &files, &args);
    let new = state(&done.db);
    assert_eq!(new.feedback, 1 + ENTRIES as i64);

    kill_at_moments(
        "batch import",
        &base,
        &files,
        &args,
        run_time,
        &old,
        &new,
        kills(),
    );
}

/// What a database holds of the voids of import #2: the void rows, its
/// entries standing, and whether the import is marked voided.
fn import_void_counts(db: &Path) -> (i64, i64, bool) {
    let conn = rusqlite::Connection::open(db).expect("open database");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    (
        count("SELECT count(*) FROM void"),
        count("SELECT count(*) FROM feedback WHERE import_seq = 2 AND voided IS NULL"),
        count("SELECT count(*) FROM import WHERE seq = 2 AND voided IS NOT NULL") == 1,
    )
}

/// The states kept at write time: each task's state and earliest latest
/// return, and the latest entry of each assignee.
fn kept_states(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open database");
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).expect(sql);
        let columns = stmt.column_count();
        stmt.query_map([], |r| {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            Ok(cells.join("|"))
        })
        .expect(sql)
        .collect::<Result<_, _>>()
        .expect(sql)
    };
    let mut out = rows("SELECT pk, state, returned_at FROM task ORDER BY pk");
    out.extend(rows(
        "SELECT task_pk, assignee_pk, feedback_pk, unit_pk, status, percent, note, by, at
         FROM latest ORDER BY task_pk, assignee_pk",
    ));
    out
}

#[test]
fn a_killed_void_of_an_import_voids_all_of_it_or_nothing() {
    let base = Env::new();
    base.write("plan.toml", plan(1, BATCH_TASKS));
    base.tasks_at(NOW, &["load", "plan.toml"]).ok();
    // An entry of before the import, which must stand throughout.
    base.tasks_at(
        NOW,
        &[
            "feedback",
            "1.0",
            "--division",
            "第01处",
            "--status",
            "推进中",
            "--note",
            "此前的反馈",
        ],
    )
    .ok();
    let never_imported = copy_of(&base.db, &[]);
    base.write("feedback.csv", batch_of(VOIDED_ENTRIES));
    let imported = base.tasks_at(NOW, &["feedback", "--from", "feedback.csv"]);
    assert!(imported.ok().contains("(import #2)"), "{}", imported.stdout);
    let old = state(&base.db);
    assert_eq!(
        import_void_counts(&base.db),
        (0, VOIDED_ENTRIES as i64, false)
    );

    let args = ["void", "2", "--reason", "文件发错"];
    let (run_time, done) = timed_run(&base, &[], &args);
    let new = state(&done.db);
    assert_eq!(
        new.feedback,
        1 + VOIDED_ENTRIES as i64,
        "nothing is deleted"
    );
    assert_eq!(import_void_counts(&done.db), (1, 0, true));
    // The import voided, what is kept and reported is as if it had never
    // been made.
    assert_eq!(kept_states(&done.db), kept_states(&never_imported.db));
    let report = |env: &Env| {
        env.tasks_at(NOW, &["report", "--plan", PLAN_ID, "--format", "json"])
            .json()
    };
    assert!(report(&done) == report(&never_imported));

    // More moments than for the other commands: a void is quick.
    kill_at_moments(
        "void of an import",
        &base,
        &[],
        &args,
        run_time,
        &old,
        &new,
        kills().max(8),
    );
}
