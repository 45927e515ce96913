//! Broken storage: truncated and foreign database files, random bytes, a
//! newer schema, read-only files and directories, a full disk. Each gets one
//! clear message and exit status 2, never a panic, and what was committed
//! before stays there.
//!
//! The read-only and full-disk cases mount file systems (the tests run as
//! root, for whom permission bits do not stop writes); where mounting is not
//! permitted they say so on stderr and pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{integrity, Env, Run, SEED_PLAN};

/// Reading commands, then writing ones, as the cases run them.
const READING: &[&[&str]] = &[
    &["plans"],
    &["list"],
    &["list", "--format", "json"],
    &["show", "1.7"],
    &["history", "1.7", "--format", "csv"],
    &["divisions"],
    &["report", "--format", "md"],
    &["check"],
    &["remind"],
];

fn writing(env: &Env) -> Vec<Vec<String>> {
    env.write("edited.toml", crate::support::seed_without_task("3.7"));
    let args: &[&[&str]] = &[
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "done",
            "--note",
            "新的反馈",
            "--at",
            "2016-09-02",
        ],
        &["review", "2.4", "--accept", "--at", "2016-09-03"],
        &["event", "3.3", "政策文件公开", "--at", "2016-09-04"],
        &["load", "edited.toml"],
        &["feedback", "--from", "batch.csv"],
    ];
    env.write(
        "batch.csv",
        "task,division,status,note,at\n3.5,法规处,in-progress,批量,2016-09-05\n",
    );
    args.iter()
        .map(|a| a.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// A database with the seed plan, feedback, a review waiting and an event,
/// checkpointed so that the whole of it is in the main file.
fn committed() -> Env {
    let env = Env::seeded();
    for args in [
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "in-progress",
            "--percent",
            "30",
            "--at",
            "2016-08-01",
        ][..],
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "done",
            "--at",
            "2016-08-02",
        ],
        &["event", "3.3", "政策文件公开", "--at", "2016-08-03"],
    ] {
        env.tasks_at("2016-08-10", args).ok();
    }
    checkpoint(&env.db);
    env
}

fn checkpoint(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
}

/// Counts of rows in the tables that hold what users recorded.
fn counts(db: &Path) -> [i64; 4] {
    let conn = rusqlite::Connection::open(db).expect("open");
    ["task", "feedback", "review", "event"].map(|table| {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    })
}

/// What `committed` recorded is all there (later writes may add to it), the
/// database passes its integrity check, and `tasks` reads it.
fn assert_committed_intact(env: &Env, what: &str) {
    assert_eq!(integrity(&env.db), "ok", "{what}");
    let [tasks, feedback, _, events] = counts(&env.db);
    assert_eq!(tasks, 19, "{what}: tasks");
    assert!(feedback >= 2, "{what}: feedback lost");
    assert!(events >= 1, "{what}: event lost");
    let history = env.tasks(&["history", "1.7", "--format", "json"]).json();
    assert!(
        history.as_array().is_some_and(|h| !h.is_empty()),
        "{what}: feedback on 1.7 not shown"
    );
    env.tasks(&["report"]).ok();
}

#[track_caller]
fn assert_refused(what: &str, run: &Run, reason: &[&str]) {
    assert!(
        run.status != 101 && !run.stderr.contains("panicked"),
        "{what}: panicked: {}",
        run.stderr
    );
    assert_eq!(
        run.status, 2,
        "{what}: exit {} stdout {} stderr {}",
        run.status, run.stdout, run.stderr
    );
    assert!(run.stderr.starts_with("error: "), "{what}: {}", run.stderr);
    assert_eq!(
        run.stderr.trim_end().lines().count(),
        1,
        "{what}: more than one line: {}",
        run.stderr
    );
    assert!(
        reason.iter().any(|r| run.stderr.contains(r)),
        "{what}: expected one of {reason:?}: {}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "{what}");
}

fn all_commands(env: &Env) -> Vec<Vec<String>> {
    let mut all: Vec<Vec<String>> = READING
        .iter()
        .map(|a| a.iter().map(|s| s.to_string()).collect())
        .collect();
    all.extend(writing(env));
    all
}

fn run_args(env: &Env, args: &[String]) -> Run {
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    env.tasks_at("2016-09-30", &argv)
}

/// Replaces the database with `bytes` and checks that every command refuses
/// it and leaves the bytes as they were.
fn assert_every_command_refuses(env: &Env, what: &str, bytes: &[u8], reason: &[&str]) {
    for args in all_commands(env) {
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", env.db.display()));
        }
        std::fs::write(&env.db, bytes).unwrap();
        let run = run_args(env, &args);
        assert_refused(&format!("{what}: {args:?}"), &run, reason);
        assert_eq!(
            std::fs::read(&env.db).unwrap(),
            bytes,
            "{what}: {args:?} changed the file"
        );
    }
}

const DAMAGED: &[&str] = &["the database file is damaged", "is not an SQLite database"];

#[test]
fn a_truncated_database_is_refused_by_every_command() {
    let env = committed();
    let whole = std::fs::read(&env.db).unwrap();
    let len = whole.len();
    assert!(len > 8192, "{len}");
    // Inside the header, at its end, inside the first page, at page
    // boundaries, half way, one page short.
    let page = 4096;
    for cut in [
        1,
        15,
        16,
        50,
        99,
        100,
        101,
        512,
        4095,
        page,
        page + 1,
        2 * page,
        len / 2,
        len - page,
    ] {
        assert_every_command_refuses(&env, &format!("truncated at {cut}"), &whole[..cut], DAMAGED);
    }
    // The whole file back: everything is there.
    std::fs::write(&env.db, &whole).unwrap();
    assert_committed_intact(&env, "restored");
}

#[test]
fn random_bytes_and_an_empty_file_are_refused() {
    let env = committed();
    // A fixed pseudo-random sequence (xorshift), so that a failure repeats.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut noise = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as u8
    };
    for len in [1usize, 7, 100, 4096, 65_536] {
        let bytes: Vec<u8> = (0..len).map(|_| noise()).collect();
        assert_every_command_refuses(&env, &format!("{len} random bytes"), &bytes, DAMAGED);
    }
    // The SQLite header followed by noise.
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend((0..8192).map(|_| noise()));
    assert_every_command_refuses(&env, "header and noise", &bytes, DAMAGED);
    // A text file.
    assert_every_command_refuses(&env, "text", "[plan]\nid = \"x\"\n".as_bytes(), DAMAGED);

    // An empty file: reading commands refuse it and leave it empty.
    for args in READING {
        std::fs::write(&env.db, b"").unwrap();
        let run = env.tasks(args);
        assert_refused(&format!("empty: {args:?}"), &run, &["is an empty file"]);
        assert_eq!(std::fs::metadata(&env.db).unwrap().len(), 0);
    }
    // Writing commands other than `load` find no task in it and leave it
    // as it was (an empty file is where SQLite starts a new database, and
    // `load` may start one there).
    std::fs::write(&env.db, b"").unwrap();
    let run = env.tasks(&[
        "feedback",
        "1.7",
        "--division",
        "法规处",
        "--status",
        "done",
    ]);
    assert_refused("empty: feedback", &run, &["is an empty file"]);
    env.tasks(&["load", SEED_PLAN]).ok();
    assert_eq!(integrity(&env.db), "ok");
}

#[test]
fn a_newer_schema_or_another_applications_database_is_refused_and_kept() {
    let env = committed();
    let snapshot = env.snapshot();
    let version: i64 = {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    let set = |pragma: &str, value: i64| {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, pragma, value).unwrap();
    };
    set("user_version", version + 1);
    for args in all_commands(&env) {
        let run = run_args(&env, &args);
        assert_refused(
            &format!("newer: {args:?}"),
            &run,
            &["newer than this tasks"],
        );
    }
    set("user_version", version);
    assert_eq!(snapshot, env.snapshot(), "the newer database was changed");

    set("application_id", 0x1234_5678);
    for args in all_commands(&env) {
        let run = run_args(&env, &args);
        assert_refused(&format!("foreign: {args:?}"), &run, &["not one of tasks"]);
    }
    set("application_id", 0x7461_736b);
    assert_eq!(snapshot, env.snapshot(), "the foreign database was changed");

    // Another program's database: its tables are left alone.
    let other = env.path("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE notes(x); INSERT INTO notes VALUES ('keep');")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    for args in all_commands(&env) {
        let mut with_db = vec!["--db".to_string(), "other.db".to_string()];
        with_db.extend(args.iter().cloned());
        let run = run_args(&env, &with_db);
        assert_refused(&format!("other: {args:?}"), &run, &["not one of tasks"]);
    }
    assert_eq!(before, std::fs::read(&other).unwrap());
    assert_committed_intact(&env, "after the foreign cases");
}

/// A mount made for one test, unmounted when the test ends, even when it
/// fails.
struct Mount(PathBuf);

impl Mount {
    /// `mount ARGS... TARGET`; `None` (with a note) when not permitted.
    fn new(target: &Path, args: &[&str]) -> Option<Mount> {
        let out = Command::new("mount").args(args).arg(target).output();
        match out {
            Ok(o) if o.status.success() => Some(Mount(target.to_path_buf())),
            Ok(o) => {
                eprintln!(
                    "note: skipped, cannot mount ({}): {}",
                    args.join(" "),
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("note: skipped, cannot run mount: {e}");
                None
            }
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// The database in a directory that is then mounted read-only: reading
/// commands cannot open it (WAL needs its -shm file beside it), writing
/// commands cannot write; every one says so, and nothing is lost.
#[test]
fn a_read_only_directory_is_refused_and_loses_nothing() {
    let env = committed();
    let dir = env.path("ro");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("tasks.db");
    std::fs::rename(&env.db, &db).unwrap();
    let Some(mount) = Mount::new(&dir, &["--bind", "-o", "ro"]) else {
        return;
    };
    // The bind mount must really refuse writes.
    if std::fs::write(dir.join("probe"), b"x").is_ok() {
        eprintln!("note: skipped, the read-only mount accepts writes");
        return;
    }
    for args in all_commands(&env) {
        let mut with_db = vec!["--db".to_string(), db.display().to_string()];
        with_db.extend(args.iter().cloned());
        let run = run_args(&env, &with_db);
        assert_refused(
            &format!("read-only dir: {args:?}"),
            &run,
            &["cannot open the file", "cannot be written", "read-only"],
        );
    }
    // A new database cannot be made there either.
    let run = env.tasks(&[
        "--db",
        &format!("{}/new.db", dir.display()),
        "load",
        SEED_PLAN,
    ]);
    assert_refused(
        "read-only dir: new database",
        &run,
        &["cannot open the file"],
    );
    let run = env.tasks(&[
        "--db",
        &format!("{}/sub/new.db", dir.display()),
        "load",
        SEED_PLAN,
    ]);
    assert_refused(
        "read-only dir: new directory",
        &run,
        &["Read-only file system"],
    );
    drop(mount);
    std::fs::rename(&db, &env.db).unwrap();
    assert_committed_intact(&env, "read-only dir");
}

/// A database file that cannot be written (`chattr +i`, which stops root
/// too): reading commands work, writing ones are refused, nothing is lost.
#[test]
fn a_read_only_file_can_be_read_and_is_not_written() {
    let env = committed();
    let chattr = |flag: &str| {
        Command::new("chattr")
            .arg(flag)
            .arg(&env.db)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !chattr("+i") {
        eprintln!("note: skipped, chattr +i is not available here");
        return;
    }
    struct Unlock<'a>(&'a dyn Fn(&str) -> bool);
    impl Drop for Unlock<'_> {
        fn drop(&mut self) {
            (self.0)("-i");
        }
    }
    let _unlock = Unlock(&chattr);
    let before = std::fs::read(&env.db).unwrap();
    for args in READING {
        let run = env.tasks_at("2016-09-30", args);
        assert!(
            run.status == 0 || (run.status == 1 && args[0] == "check"),
            "read-only file: {args:?}: {}",
            run.stderr
        );
    }
    for args in writing(&env) {
        let run = run_args(&env, &args);
        assert_refused(
            &format!("read-only file: {args:?}"),
            &run,
            &["cannot be written"],
        );
    }
    assert_eq!(before, std::fs::read(&env.db).unwrap());
    chattr("-i");
    assert_committed_intact(&env, "read-only file");
}

/// The database on a small tmpfs, which is then filled: every writing
/// command fails with "the disk is full" and leaves the database whole;
/// once space is freed, all that was committed is there and the same
/// commands succeed. Tried with the disk full to the last byte (the -shm
/// file cannot even be made) and with a little room left (the write itself
/// fails).
#[test]
fn a_full_disk_is_refused_and_loses_nothing() {
    let env = Env::new();
    let dir = env.path("small");
    std::fs::create_dir(&dir).unwrap();
    let Some(_mount) = Mount::new(&dir, &["-t", "tmpfs", "-o", "size=1m", "tmpfs"]) else {
        return;
    };
    let mut env = env;
    env.db = dir.join("tasks.db");
    env.tasks(&["load", SEED_PLAN]).ok();
    env.tasks_at(
        "2016-08-10",
        &[
            "feedback",
            "1.7",
            "--division",
            "法规处",
            "--status",
            "in-progress",
            "--at",
            "2016-08-01",
        ],
    )
    .ok();
    env.tasks_at(
        "2016-08-10",
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "done",
            "--at",
            "2016-08-02",
        ],
    )
    .ok();
    env.tasks_at(
        "2016-08-10",
        &["event", "3.3", "政策文件公开", "--at", "2016-08-03"],
    )
    .ok();
    checkpoint(&env.db);
    let committed = std::fs::read(&env.db).unwrap();
    // Too big for the room left: three entries with 40 KB notes each.
    let note = "满".repeat(13_000);
    let big: String = ["3.5", "1.7", "2.1"]
        .iter()
        .map(|task| {
            format!(
                "[[feedback]]\ntask = \"{task}\"\ndivision = \"法规处\"\nstatus = \"blocked\"\nnote = \"{note}\"\nat = \"2016-09-06\"\n"
            )
        })
        .collect();
    env.write("big.toml", big);
    let filler = dir.join("filler");
    for room in [0usize, 16 * 1024, 64 * 1024] {
        let mut cases = writing(&env);
        cases.push(vec!["feedback".into(), "--from".into(), "big.toml".into()]);
        let mut refused = 0;
        for args in cases {
            // Each case starts from what was committed.
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", env.db.display()));
            }
            std::fs::write(&env.db, &committed).unwrap();
            let before = env.snapshot();
            fill(&filler, room);
            let run = run_args(&env, &args);
            let list = env.tasks(&["list"]);
            std::fs::remove_file(&filler).unwrap();
            let what = format!("full disk ({room} bytes free): {:?}", &args[..2]);
            // Reading may work (the -shm file may be left from the failed
            // write) or not, for want of room for the -shm file.
            if list.status != 0 {
                assert_refused(&format!("{what}: list"), &list, &["the disk is full"]);
            }
            if run.status == 0 && room > 0 {
                // A small write may still fit in the room left.
                continue;
            }
            assert_refused(&what, &run, &["the disk is full"]);
            refused += 1;
            assert_eq!(before, env.snapshot(), "{what} changed the database");
        }
        assert!(refused > 0, "nothing was refused with {room} bytes free");
        assert_committed_intact(&env, &format!("after a full disk ({room} bytes free)"));
    }
    // With room again, the big entries go in.
    env.tasks_at("2016-09-30", &["feedback", "--from", "big.toml"])
        .ok();
    assert_eq!(integrity(&env.db), "ok");
}

/// Fills the file system of `filler` until at most `room` bytes are left.
fn fill(filler: &Path, room: usize) {
    use std::io::Write;
    let mut f = std::fs::File::create(filler).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.flush();
    drop(f);
    if room > 0 {
        let len = std::fs::metadata(filler).unwrap().len();
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(filler)
            .unwrap();
        f.set_len(len.saturating_sub(room as u64)).unwrap();
    }
}
