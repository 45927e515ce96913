//! Running the `tasks` binary in a scratch directory with its own database.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::types::Value;

pub const SEED_PLAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/fjdrc-2016-zwgk.toml");

/// What takes a database back from schema 11 to schema 10: the columns of
/// deadline phrases dropped, and the `rule` table without recurring duties.
pub const UNDO_SCHEMA_11: &str = "
    ALTER TABLE task DROP COLUMN due_kind; ALTER TABLE task DROP COLUMN due_text;
    ALTER TABLE plan DROP COLUMN due_kind; ALTER TABLE plan DROP COLUMN due_text;
    CREATE TABLE rule_10 (
        task_pk INTEGER NOT NULL REFERENCES task(pk), ord INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('after', 'quota')), event TEXT NOT NULL,
        within TEXT, count INTEGER, by TEXT, what TEXT,
        PRIMARY KEY (task_pk, ord)) WITHOUT ROWID;
    INSERT INTO rule_10 SELECT task_pk, ord, kind, event, within, count, by, what FROM rule;
    DROP TABLE rule; ALTER TABLE rule_10 RENAME TO rule;
    PRAGMA user_version = 10;";

/// A scratch directory holding a database and input files.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// The outcome of one run.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails the test unless the command succeeded; returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(
            self.status, 0,
            "stderr: {}\nstdout: {}",
            self.stderr, self.stdout
        );
        &self.stdout
    }

    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.ok()).expect("stdout is JSON")
    }
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("tasks.db");
        Env { dir, db }
    }

    /// A database holding the seed plan.
    pub fn seeded() -> Env {
        let env = Env::new();
        env.tasks(&["load", SEED_PLAN]).ok();
        env
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(&path, content).expect("write file");
        path
    }

    /// The command, run in the scratch directory with a clean environment:
    /// English, no backtraces, the scratch database.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tasks"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("TASKS_NOW")
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .env("LANG", "C")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .env("TASKS_DB", &self.db);
        cmd
    }

    pub fn tasks(&self, args: &[&str]) -> Run {
        run(self.command(args))
    }

    /// `TASKS_NOW=WHEN tasks ARGS...`: the clock set to `when`, so that
    /// records are made then and reading commands answer as of then.
    pub fn tasks_at(&self, when: &str, args: &[&str]) -> Run {
        run(self.command_at(when, args))
    }

    /// The command with the clock set to `when` (`TASKS_NOW`).
    pub fn command_at(&self, when: &str, args: &[&str]) -> Command {
        let mut cmd = self.command(args);
        cmd.env("TASKS_NOW", when);
        cmd
    }

    /// Everything the database holds, as text: the schema version and every
    /// row of every table. Two equal snapshots mean nothing changed.
    pub fn snapshot(&self) -> String {
        snapshot(&self.db)
    }
}

/// The seed plan file's text.
pub fn seed_text() -> String {
    std::fs::read_to_string(SEED_PLAN).expect("seed plan")
}

/// The seed plan file without the [[task]] table of `id` (up to the next
/// [[task]]), as a user deleting a task would leave it.
pub fn seed_without_task(id: &str) -> String {
    let text = seed_text();
    let start = text
        .find(&format!("[[task]]\nid = \"{id}\""))
        .expect("task in the seed plan");
    let end = text[start + 1..]
        .find("[[task]]")
        .map_or(text.len(), |i| start + 1 + i);
    format!("{}{}", &text[..start], &text[end..])
}

pub fn run(mut cmd: Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run tasks");
    Run {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// What `PRAGMA integrity_check` says of the database: "ok" when sound.
pub fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open database");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

/// Runs `TASKS_NOW=WHEN tasks ARGS...`, expecting success; returns stdout.
#[track_caller]
pub fn at(env: &Env, when: &str, args: &[&str]) -> String {
    env.tasks_at(when, args).ok().to_string()
}

/// The same, with stdout read as JSON.
#[track_caller]
pub fn json_at(env: &Env, when: &str, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&at(env, when, args)).expect("JSON")
}

pub fn snapshot(db: &Path) -> String {
    if !db.exists() {
        return "<no database>".to_string();
    }
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open database");
    let mut out = String::new();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version");
    out += &format!("user_version {version}\n");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in tables {
        out += &format!("table {table}\n");
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get::<_, Value>(i).unwrap()))
                .collect();
            out += &cells.join("|");
            out += "\n";
        }
    }
    out
}
