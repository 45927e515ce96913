//! What the database file may expect of `tasks`: reading commands and dry
//! runs leave every file as it was, a command that fails (exit status 2)
//! changes nothing, a file refused is not touched, a failed creation leaves
//! no file, and a path that cannot hold a database is told for what it is.

use std::path::Path;

use crate::support::{run, Env, Run, SEED_PLAN};

/// The files of the scratch directory (but the `xdg` directory), by name,
/// with their bytes.
fn files(env: &Env) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(env.dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    all.sort();
    all
}

fn names(env: &Env) -> Vec<String> {
    let mut all: Vec<String> = std::fs::read_dir(env.dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    all.sort();
    all
}

fn user_version(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version")
}

#[track_caller]
fn refused(run: &Run, says: &str) {
    assert_eq!(
        run.status, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains(says), "{}", run.stderr);
}

/// The seed plan's database taken back to schema 10, closed.
fn older_schema() -> Env {
    let env = Env::seeded();
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch(crate::support::UNDO_SCHEMA_11)
        .expect("back to schema 10");
    drop(conn);
    assert_eq!(user_version(&env.db), 10);
    env
}

#[test]
fn reading_an_empty_sqlite_database_of_another_program_writes_nothing() {
    let env = Env::new();
    // An SQLite database with no tables: another program's, just made.
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch("CREATE TABLE t(x); DROP TABLE t;")
        .expect("make");
    drop(conn);
    let before = files(&env);
    assert!(!before[0].1.is_empty());
    for args in [&["list"][..], &["check"], &["plans"], &["show", "1.1"]] {
        refused(&env.tasks(args), "empty SQLite database");
        assert_eq!(files(&env), before, "{args:?} changed the files");
    }
    let zh = env.tasks(&["--lang", "zh", "list"]);
    refused(&zh, "空的 SQLite 数据库");
    assert_eq!(files(&env), before);
}

#[test]
fn a_dry_run_against_an_empty_file_or_database_writes_nothing() {
    let env = Env::new();
    std::fs::write(&env.db, "").expect("empty file");
    let before = files(&env);
    let out = env.tasks(&["load", SEED_PLAN, "--dry-run"]);
    assert!(out.ok().contains("19 tasks"), "{}", out.stdout);
    assert_eq!(files(&env), before);
    assert_eq!(names(&env), ["tasks.db"]);

    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch("CREATE TABLE t(x); DROP TABLE t;")
        .expect("make");
    drop(conn);
    let before = files(&env);
    env.tasks(&["load", SEED_PLAN, "--dry-run"]).ok();
    assert_eq!(files(&env), before);
}

#[test]
fn a_dry_run_against_a_database_leaves_its_files_as_they_were() {
    let env = Env::seeded();
    let edited = env.write("edited.toml", crate::support::seed_without_task("1.1"));
    let before = files(&env);
    let out = env.tasks(&["load", edited.to_str().unwrap(), "--dry-run"]);
    assert!(out.ok().contains("1.1"), "{}", out.stdout);
    assert_eq!(files(&env), before);
}

/// The command under a limit on the size of the files it writes (`ulimit
/// -f`, in blocks of 512 bytes in `sh`): a full disk for this process.
fn with_little_room(env: &Env, blocks: u32, args: &[&str]) -> Run {
    let mut cmd = env.command(&[]);
    cmd.arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_tasks"))
        .args(args);
    let mut sh = std::process::Command::new("sh");
    sh.args(cmd.get_args());
    sh.current_dir(env.dir.path());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => sh.env(key, value),
            None => sh.env_remove(key),
        };
    }
    run(sh)
}

#[cfg(unix)]
#[test]
fn a_first_load_that_finds_no_room_leaves_no_file() {
    let env = Env::new();
    let db = env.path("new/place/tasks.db");
    for blocks in [0, 8, 100] {
        let out = with_little_room(
            &env,
            blocks,
            &["--db", db.to_str().unwrap(), "load", SEED_PLAN],
        );
        assert_eq!(out.status, 2, "{blocks}: {}", out.stderr);
        assert!(!out.stderr.contains("Created"), "{}", out.stderr);
        assert_eq!(names(&env), Vec::<String>::new(), "{blocks} blocks");
        // Nothing a later read would take for a database.
        let list = env.tasks(&["--db", db.to_str().unwrap(), "list"]);
        refused(&list, "no database at");
    }
    // A first calendar load likewise.
    let calendar = env.write("2030.toml", "[[year]]\nyear = 2030\noff = [2030-10-01]\n");
    for blocks in [0, 8, 100] {
        let out = with_little_room(
            &env,
            blocks,
            &[
                "--db",
                db.to_str().unwrap(),
                "calendar",
                "load",
                calendar.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status, 2, "{blocks}: {}", out.stderr);
        assert_eq!(names(&env), ["2030.toml"], "{blocks} blocks");
    }
    std::fs::remove_file(&calendar).expect("remove");
    // A file of no bytes, made for the database, is left with none.
    let empty = env.write("empty.db", "");
    for blocks in [0, 8, 100] {
        let out = with_little_room(
            &env,
            blocks,
            &["--db", empty.to_str().unwrap(), "load", SEED_PLAN],
        );
        assert_eq!(out.status, 2, "{blocks}: {}", out.stderr);
        assert_eq!(names(&env), ["empty.db"], "{blocks} blocks");
        assert_eq!(std::fs::read(&empty).expect("read"), b"");
    }
    // With room, the same load makes the database.
    env.tasks(&["--db", db.to_str().unwrap(), "load", SEED_PLAN])
        .ok();
    assert!(db.is_file());
}

#[test]
fn reading_an_older_schema_reads_it_as_migrated_and_leaves_it_as_it_was() {
    let env = older_schema();
    let before = files(&env);
    let list = env.tasks_at("2016-07-01", &["list", "--format", "json"]);
    assert_eq!(list.json().as_array().map(Vec::len), Some(19));
    env.tasks_at("2016-07-01", &["show", "1.1"]).ok();
    env.tasks_at("2016-07-01", &["check"]);
    env.tasks(&["db"]).ok();
    env.tasks(&["load", SEED_PLAN, "--dry-run"]).ok();
    assert_eq!(user_version(&env.db), 10);
    assert_eq!(files(&env), before);
}

#[test]
fn a_command_that_fails_leaves_an_older_schema_as_it_was() {
    let env = older_schema();
    let before = files(&env);
    refused(&env.tasks(&["show", "9.9"]), "9.9");
    refused(
        &env.tasks_at(
            "2016-07-10",
            &[
                "feedback",
                "9.9",
                "--division",
                "法规处",
                "--status",
                "done",
            ],
        ),
        "9.9",
    );
    refused(&env.tasks(&["load", "nowhere.toml"]), "nowhere.toml");
    assert_eq!(user_version(&env.db), 10);
    assert_eq!(files(&env), before);

    // The first write migrates, with its own entry.
    let lead = env
        .tasks_at("2016-07-01", &["show", "1.1", "--format", "json"])
        .json()["lead"]
        .as_str()
        .expect("lead")
        .to_string();
    env.tasks_at(
        "2016-07-10",
        &[
            "feedback",
            "1.1",
            "--division",
            &lead,
            "--status",
            "in-progress",
        ],
    )
    .ok();
    assert_eq!(
        user_version(&env.db) as usize,
        tasks::store::MIGRATIONS.len()
    );
    let status = env
        .tasks_at("2016-07-11", &["show", "1.1", "--format", "json"])
        .json();
    assert!(status.to_string().contains("in-progress"), "{status}");
}

/// Another program's database in WAL mode, its last transaction still in
/// the WAL: the main file, the `-wal` and the `-shm` file are kept.
fn wal_database_of_another_program(env: &Env) {
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .expect("wal");
    assert_eq!(mode, "wal");
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .expect("no checkpoint");
    conn.execute_batch(
        "PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept');",
    )
    .expect("write");
    drop(conn);
}

#[test]
fn a_refused_wal_database_is_left_byte_for_byte() {
    let env = Env::new();
    wal_database_of_another_program(&env);
    let before = files(&env);
    let suffixes: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(suffixes, ["tasks.db", "tasks.db-shm", "tasks.db-wal"]);
    let runs: [&[&str]; 6] = [
        &["list"],
        &["db"],
        &["load", SEED_PLAN],
        &["load", SEED_PLAN, "--dry-run"],
        &["feedback", "1.1", "--division", "x", "--status", "done"],
        &["calendar", "show", "2016-07"],
    ];
    for args in runs {
        refused(&env.tasks_at("2016-07-01", args), "not one of tasks");
        assert_eq!(files(&env), before, "{args:?} changed the files");
    }
    // The other program still finds its row.
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let body: String = conn
        .query_row("SELECT body FROM notes", [], |r| r.get(0))
        .expect("row");
    assert_eq!(body, "kept");
}

/// Both languages' messages for the database at `db`, with exit status 2,
/// and the scratch directory left as it was.
#[track_caller]
fn told(env: &Env, db: &str, args: &[&str], en: &str, zh: &str) {
    let before = names(env);
    let mut all = vec!["--db", db];
    all.extend_from_slice(args);
    let out = env.tasks(&all);
    refused(&out, en);
    assert!(
        out.stderr.starts_with(&format!("error: {db}: ")),
        "{}",
        out.stderr
    );
    let mut all = vec!["--lang", "zh", "--db", db];
    all.extend_from_slice(args);
    refused(&env.tasks(&all), zh);
    assert_eq!(names(env), before, "{args:?} on {db}");
}

#[cfg(target_os = "linux")]
#[test]
fn paths_that_cannot_hold_a_database_are_told_for_what_they_are() {
    let env = Env::new();
    let load = ["load", SEED_PLAN];
    let list = ["list"];
    told(
        &env,
        "/proc/version",
        &list,
        "is not an SQLite database",
        "不是 SQLite 数据库",
    );
    told(
        &env,
        "/proc/version",
        &load,
        "is not an SQLite database",
        "不是 SQLite 数据库",
    );
    told(
        &env,
        "/dev/null",
        &load,
        "is a device, not a database file",
        "是设备文件",
    );
    told(
        &env,
        "/dev/null",
        &list,
        "is a device, not a database file",
        "是设备文件",
    );
    let fifo = env.path("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    for args in [&list[..], &load] {
        told(&env, "pipe", args, "is a named pipe (FIFO)", "是命名管道");
    }
    std::os::unix::fs::symlink("loop", env.path("loop")).expect("symlink");
    for args in [&list[..], &load] {
        told(
            &env,
            "loop",
            args,
            "symbolic link that leads back to itself",
            "循环指向自身",
        );
    }
    for args in [&list[..], &load, &["load", SEED_PLAN, "--dry-run"]] {
        told(
            &env,
            "newdir/",
            args,
            "ends in a slash, so it names a directory",
            "以斜杠结尾",
        );
    }
    assert!(!env.path("newdir").exists());
    std::fs::write(env.path("file"), "x").expect("file");
    told(
        &env,
        "file/tasks.db",
        &list,
        "a part of the path before its last name is a file",
        "路径中间有一段是文件",
    );
    told(
        &env,
        "file/tasks.db",
        &load,
        "cannot create the directory",
        "无法创建目录",
    );
}

#[test]
fn a_negative_schema_version_is_not_called_newer() {
    let env = Env::seeded();
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.pragma_update(None, "user_version", -1).expect("set");
    drop(conn);
    let before = files(&env);
    let db = env.db.to_str().unwrap().to_string();
    for args in [&["list"][..], &["db"], &["load", SEED_PLAN]] {
        let out = env.tasks(args);
        refused(
            &out,
            "records schema version -1, which no version of tasks writes",
        );
        assert!(!out.stderr.contains("newer"), "{}", out.stderr);
        assert_eq!(files(&env), before);
    }
    told(
        &env,
        &db,
        &["plans"],
        "schema version -1",
        "记载的数据库结构版本为 -1",
    );
}

#[cfg(unix)]
#[test]
fn a_failed_first_load_through_a_link_keeps_the_link() {
    let env = Env::new();
    std::os::unix::fs::symlink("target.db", env.path("link.db")).expect("symlink");
    let out = with_little_room(&env, 0, &["--db", "link.db", "load", SEED_PLAN]);
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert!(std::fs::symlink_metadata(env.path("link.db")).is_ok());
    // With room, the load makes the file the link names.
    env.tasks(&["--db", "link.db", "load", SEED_PLAN]).ok();
    assert!(env.path("target.db").is_file());
}

/// Holds the write lock of `db` for `hold` in another connection, as a
/// long import would; returns when the lock is taken.
fn hold_write_lock(db: &std::path::Path, hold: std::time::Duration) -> std::thread::JoinHandle<()> {
    let (taken, is_taken) = std::sync::mpsc::channel();
    let db = db.to_path_buf();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch("BEGIN IMMEDIATE").expect("lock");
        taken.send(()).unwrap();
        std::thread::sleep(hold);
        conn.execute_batch("COMMIT").expect("unlock");
    });
    is_taken.recv().unwrap();
    holder
}

/// A writer that finds another process writing waits, says so, and then
/// records; after the longest wait it gives up and writes nothing.
#[test]
fn a_writer_waits_for_another_write_says_so_and_then_records() {
    let env = Env::seeded();
    let holder = hold_write_lock(&env.db, std::time::Duration::from_millis(1500));
    let mut cmd = env.command_at(
        "2016-08-01",
        &[
            "feedback",
            "1.1",
            "--division",
            "信用办",
            "--status",
            "in-progress",
        ],
    );
    cmd.env("TASKS_WAIT_SAY_MS", "200");
    let waited = run(cmd);
    holder.join().unwrap();
    assert_eq!(waited.status, 0, "{}", waited.stderr);
    assert!(
        waited.stderr.contains("waiting: another tasks process"),
        "{}",
        waited.stderr
    );
    let shown = crate::support::json_at(&env, "2016-08-01", &["show", "1.1", "--format", "json"]);
    assert_eq!(shown["status"], "in-progress", "{shown}");

    let before = env.snapshot();
    let holder = hold_write_lock(&env.db, std::time::Duration::from_millis(2500));
    let mut cmd = env.command_at(
        "2016-08-02",
        &[
            "--lang",
            "zh",
            "feedback",
            "1.2",
            "--division",
            "数字福建技术应用处",
            "--status",
            "done",
        ],
    );
    cmd.env("TASKS_WAIT_SAY_MS", "100")
        .env("TASKS_WAIT_MAX_MS", "600");
    let gave_up = run(cmd);
    holder.join().unwrap();
    assert_eq!(gave_up.status, 2, "{}", gave_up.stderr);
    assert!(gave_up.stderr.contains("正在等待"), "{}", gave_up.stderr);
    assert_eq!(env.snapshot(), before);
}
