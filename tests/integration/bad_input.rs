//! Bad input: every case gets one clear message on stderr, nothing on stdout,
//! exit status 2, and leaves the database exactly as it was.
//!
//! Cases are data: `tests/cases/bad/NAME.toml` gives the arguments, the input
//! files and any environment (`env = { TASKS_NOW = "2016-10-01" }` sets the
//! clock of a write), `NAME.stderr` the exact message. Each case runs against
//! a database holding the seed plan. `TASKS_CASES=overwrite cargo test` rewrites
//! the `.stderr` files from the actual output; read the diff before committing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{Env, Run};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// Arguments after `tasks`.
    args: Vec<String>,
    /// Input files to create in the scratch directory, by name.
    #[serde(default)]
    files: BTreeMap<String, String>,
    /// Environment variables to set, e.g. `TASKS_NOW` for the clock.
    #[serde(default)]
    env: BTreeMap<String, String>,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/bad")
}

/// Runs `args` in a seeded scratch directory and checks the rejection rules;
/// returns stderr with the scratch directory written as `[DIR]`.
fn reject(env: &Env, args: &[&str]) -> String {
    reject_with(env, args, &BTreeMap::new())
}

/// `reject` with environment variables set.
fn reject_with(env: &Env, args: &[&str], vars: &BTreeMap<String, String>) -> String {
    let before = env.snapshot();
    let mut cmd = env.command(args);
    cmd.envs(vars);
    let run: Run = crate::support::run(cmd);
    let stderr = run
        .stderr
        .replace(&env.dir.path().display().to_string(), "[DIR]");
    assert_eq!(run.status, 2, "{args:?} exited {}: {stderr}", run.status);
    assert_eq!(run.stdout, "", "{args:?} printed on stdout");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert_eq!(before, env.snapshot(), "{args:?} changed the database");
    stderr
}

#[test]
fn every_bad_input_case_is_rejected_with_its_exact_message() {
    let overwrite = std::env::var("TASKS_CASES").as_deref() == Ok("overwrite");
    let mut names: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "only {} cases", names.len());
    let mut failures = Vec::new();
    for path in &names {
        let case: Case = toml::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let env = Env::seeded();
        for (name, content) in &case.files {
            env.write(name, content);
        }
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let stderr = reject_with(&env, &args, &case.env);
        let expected_path = path.with_extension("stderr");
        if overwrite {
            std::fs::write(&expected_path, &stderr).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("missing {}", expected_path.display()));
        if expected != stderr {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{stderr}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_binary_file_is_not_a_plan() {
    let env = Env::seeded();
    let mut bytes = b"[plan]\nid = \"x\"\n".to_vec();
    bytes.extend((0u8..=255).cycle().take(4096));
    env.write("binary.toml", &bytes);
    let stderr = reject(&env, &["load", "binary.toml"]);
    assert_eq!(
        stderr,
        "error: binary.toml: 1 problem found, nothing was loaded\n\n\
         binary.toml: not a text file: invalid UTF-8 at byte 144\n  \
         = expected a plan written as UTF-8 TOML text\n"
    );
}

#[test]
fn a_file_with_nul_bytes_is_not_a_plan() {
    let env = Env::seeded();
    env.write("nul.toml", b"[plan]\0\n");
    let stderr = reject(&env, &["load", "nul.toml"]);
    assert!(
        stderr.contains("nul.toml: not a text file: NUL byte at byte 6"),
        "{stderr}"
    );
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read() {
    let env = Env::seeded();
    let file = std::fs::File::create(env.path("huge.toml")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let stderr = reject(&env, &["load", "huge.toml"]);
    assert_eq!(
        stderr,
        "error: huge.toml: 1 problem found, nothing was loaded\n\n\
         huge.toml: the file is 50.0 MiB; files larger than 32 MiB are refused\n"
    );
}

#[test]
fn a_database_path_that_is_a_directory_is_refused() {
    let env = Env::seeded();
    std::fs::create_dir(env.path("dir.db")).unwrap();
    for args in [
        &["--db", "dir.db", "list"][..],
        &["--db", "dir.db", "load", crate::support::SEED_PLAN][..],
    ] {
        let stderr = reject(&env, args);
        assert_eq!(
            stderr,
            "error: dir.db: is a directory, not a database file\n"
        );
    }
}

#[test]
fn a_file_that_is_not_an_sqlite_database_is_refused_and_left_alone() {
    let env = Env::seeded();
    let text = "法规处,1.7\n".repeat(500);
    env.write("notes.db", &text);
    for args in [
        &["--db", "notes.db", "plans"][..],
        &["--db", "notes.db", "load", crate::support::SEED_PLAN][..],
    ] {
        let stderr = reject(&env, args);
        assert_eq!(stderr, "error: notes.db: is not an SQLite database\n");
    }
    assert_eq!(std::fs::read_to_string(env.path("notes.db")).unwrap(), text);
}

#[test]
fn another_programs_database_is_refused() {
    let env = Env::seeded();
    let other = env.path("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    let stderr = reject(
        &env,
        &["--db", "other.db", "load", crate::support::SEED_PLAN],
    );
    assert_eq!(
        stderr,
        "error: other.db: is an SQLite database, but not one of tasks\n"
    );
}

#[test]
fn a_database_from_a_newer_tasks_is_refused() {
    let env = Env::seeded();
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let stderr = reject(&env, &["list"]);
    assert!(
        stderr.ends_with(&format!(
            "has schema version 999, newer than this tasks understands ({}); use a newer tasks\n",
            tasks::store::MIGRATIONS.len()
        )),
        "{stderr}"
    );
}

#[test]
fn reading_commands_do_not_create_a_database() {
    let env = Env::new();
    let run = env.tasks(&["list"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.starts_with("error: no database at "),
        "{}",
        run.stderr
    );
    assert!(!env.db.exists());
}

#[test]
fn a_bad_plan_does_not_create_a_database() {
    let env = Env::new();
    env.write("bad.toml", "[plan]\nid = 1\n");
    let run = env.tasks(&["load", "bad.toml"]);
    assert_eq!(run.status, 2);
    assert!(!env.db.exists());
}

#[test]
fn a_data_directory_that_cannot_be_created_is_reported() {
    let env = Env::new();
    env.write("not-a-dir", "a file where the data directory should be");
    let mut cmd = env.command(&["load", crate::support::SEED_PLAN]);
    cmd.env_remove("TASKS_DB")
        .env("XDG_DATA_HOME", env.path("not-a-dir"));
    let run = crate::support::run(cmd);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("cannot create the directory") && run.stderr.contains("not-a-dir"),
        "{}",
        run.stderr
    );
}
