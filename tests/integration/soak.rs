//! Several processes on one database at once (RELIABILITY.md): division staff
//! recording feedback, readers compiling the report and running the cron
//! check, and the office reloading the plan, all for a few seconds. No
//! acknowledged entry may be lost, none may appear unacknowledged, and no
//! command may fail or complain of a lock. `scripts/soak.sh` is the long
//! version (release binary, 16 writers, 4 readers, 30 s).
//!
//! `TASKS_SOAK_SECS` sets the duration (default 5).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::support::{integrity, seed_text, seed_without_task, Env, Run};

/// (task, division) pairs that take feedback in both versions of the plan.
const WRITERS: [(&str, &str); 8] = [
    ("1.1", "信用办"),
    ("1.2", "数字福建技术应用处"),
    ("1.4", "体改处"),
    ("1.6", "投资处"),
    ("1.7", "法规处"),
    ("2.3", "区域处"),
    ("2.4", "办公室"),
    ("3.3", "新闻中心"),
];
const READERS: usize = 2;

fn seconds() -> u64 {
    std::env::var("TASKS_SOAK_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

/// Why a run counts as failed, if it does: an exit status above `max`, or a
/// lock reported on stderr.
fn failure(run: &Run, max: i32, what: &str) -> Option<String> {
    let stderr = run.stderr.to_lowercase();
    (run.status < 0 || run.status > max || stderr.contains("locked") || stderr.contains("busy"))
        .then(|| format!("{what}: exit {}: {}", run.status, run.stderr.trim()))
}

#[test]
fn writers_readers_and_a_reloader_at_once_lose_nothing_and_fail_nothing() {
    let env = Env::seeded();
    let v1 = env.write("plan-v1.toml", seed_text());
    // The edited version changes a title and drops task 3.7: every other
    // reload changes the plan.
    let v2 = env.write(
        "plan-v2.toml",
        seed_without_task("3.7").replace(
            "title = \"推进本部门预决算公开\"",
            "title = \"推进本部门预决算公开(修订)\"",
        ),
    );
    let (v1, v2) = (v1.to_str().unwrap(), v2.to_str().unwrap());
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds());
    let failures = Mutex::new(Vec::<String>::new());
    let acked = Mutex::new(Vec::<String>::new());
    let (mut reads, mut reloads) = (0, 0);
    let mut written = [0usize; WRITERS.len()];
    std::thread::scope(|s| {
        let (env, failures, acked) = (&env, &failures, &acked);
        let writers: Vec<_> = WRITERS
            .iter()
            .enumerate()
            .map(|(w, (task, division))| {
                s.spawn(move || {
                    let mut done = 0;
                    for i in 0.. {
                        if Instant::now() >= deadline {
                            break;
                        }
                        let note = format!("soak-w{w}-{i}");
                        let run = env.tasks(&[
                            "feedback",
                            task,
                            "--division",
                            division,
                            "--status",
                            "in-progress",
                            "--percent",
                            &(i % 100).to_string(),
                            "--note",
                            &note,
                        ]);
                        match failure(&run, 0, &note) {
                            Some(f) => failures.lock().unwrap().push(f),
                            None => {
                                acked.lock().unwrap().push(note);
                                done += 1;
                            }
                        }
                    }
                    done
                })
            })
            .collect();
        let readers: Vec<_> = (0..READERS)
            .map(|_| {
                s.spawn(move || {
                    let mut n = 0;
                    while Instant::now() < deadline {
                        for (args, max) in [(&["report"][..], 0), (&["check"][..], 1)] {
                            if let Some(f) = failure(&env.tasks(args), max, args[0]) {
                                failures.lock().unwrap().push(f);
                            }
                            n += 1;
                        }
                    }
                    n
                })
            })
            .collect();
        let reloader = s.spawn(move || {
            let mut n = 0;
            while Instant::now() < deadline {
                let plan = if n % 2 == 0 { v2 } else { v1 };
                if let Some(f) = failure(&env.tasks(&["load", plan]), 0, "load") {
                    failures.lock().unwrap().push(f);
                }
                n += 1;
            }
            n
        });
        for (w, h) in writers.into_iter().enumerate() {
            written[w] = h.join().unwrap();
        }
        reads = readers.into_iter().map(|h| h.join().unwrap()).sum();
        reloads = reloader.join().unwrap();
    });
    let elapsed = started.elapsed();
    let failures = failures.into_inner().unwrap();
    let mut acked = acked.into_inner().unwrap();
    acked.sort();

    // The plan as shipped again, then what the database holds, read both
    // directly and through `tasks history`.
    env.tasks(&["load", v1]).ok();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut in_db: Vec<String> = conn
        .prepare("SELECT note FROM feedback")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    in_db.sort();
    drop(conn);
    let mut in_history = Vec::new();
    for (task, _) in WRITERS {
        let history = env.tasks(&["history", task, "--format", "json"]).json();
        for item in history.as_array().unwrap() {
            in_history.push(item["note"].as_str().unwrap().to_string());
        }
    }
    in_history.sort();

    println!(
        "soak: {} ms, {} writers, {READERS} readers, 1 reloader: {} writes acknowledged \
         (per writer {written:?}), {reads} reads, {reloads} reloads, {} failures",
        elapsed.as_millis(),
        WRITERS.len(),
        acked.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures: {failures:#?}",
        failures.len()
    );
    assert_eq!(integrity(&env.db), "ok");
    assert!(
        written.iter().all(|&n| n > 0),
        "a writer never got through: {written:?}"
    );
    assert!(reads > 0 && reloads > 1, "reads {reads}, reloads {reloads}");
    assert!(
        in_db == acked,
        "the database holds other entries than those acknowledged"
    );
    assert!(
        in_history == acked,
        "the history shows other entries than those acknowledged"
    );
}
