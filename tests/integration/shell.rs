//! `tasks` in a shell: `check` for people and for cron, closed pipes,
//! progress bars, completions, man pages, the first run and `tasks db`.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{run, snapshot, Env, Run, SEED_PLAN};

// ------------------------------------------------------------- helpers

/// A plan of `tasks` tasks with a monthly return: every task is due on
/// 2016-07-29 and led by one of three divisions in turn, with 办公室 in
/// support, so that as of 2016-08-26 each is overdue and misses its
/// August return.
fn big_plan(tasks: usize) -> String {
    let mut text = String::from(
        "[plan]\nid = \"big\"\ntitle = \"大方案\"\noffice = \"办公室\"\nissued = 2016-06-01\n\
         feedback = \"monthly\"\nfeedback_day = 25\n\n\
         [[division]]\nname = \"办公室\"\n[[division]]\nname = \"法规处\"\n\
         [[division]]\nname = \"投资处\"\n[[division]]\nname = \"信用办\"\n\n\
         [[section]]\nid = \"1\"\ntitle = \"牵头工作\"\nrole = \"lead\"\n",
    );
    let leads = ["法规处", "投资处", "信用办"];
    for n in 1..=tasks {
        text += &format!(
            "\n[[task]]\nid = \"1.{n}\"\nsection = \"1\"\ntitle = \"第{n}项工作，内容较长以便输出足够多\"\n\
             lead = \"{}\"\nsupport = [\"办公室\"]\ndue = 2016-07-29\n",
            leads[n % 3]
        );
    }
    text
}

/// A monthly plan of `tasks` tasks, all led by 法规处 with 投资处 in
/// support, due at the end of the year.
fn monthly_plan(tasks: usize) -> String {
    let mut text = String::from(
        "[plan]\nid = \"monthly\"\ntitle = \"月报测试方案\"\nissued = 2016-06-01\noffice = \"办公室\"\n\
         due = 2016-12-31\nfeedback = \"monthly\"\nfeedback_day = 25\n\n\
         [[division]]\nname = \"办公室\"\n[[division]]\nname = \"法规处\"\n\
         [[division]]\nname = \"投资处\"\n\n\
         [[section]]\nid = \"1\"\ntitle = \"重点工作\"\nrole = \"lead\"\n",
    );
    for n in 1..=tasks {
        text += &format!(
            "\n[[task]]\nid = \"m{n}\"\nsection = \"1\"\ntitle = \"月度推进事项{n}\"\n\
             lead = \"法规处\"\nsupport = [\"投资处\"]\n"
        );
    }
    text
}

/// Runs `cmd` with its standard output a pipe whose reader is closed at
/// once, before the command has written (much): what it writes then meets
/// a closed pipe.
fn with_closed_pipe(mut cmd: Command) -> Run {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start tasks");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let status = child.wait().expect("wait for tasks");
    Run {
        status: status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr,
    }
}

/// Runs `args` on a pseudo-terminal (`script` from util-linux), with the
/// environment of `cmd`: what the terminal showed, and the exit status.
/// `None` when `script` is missing, outside CI (where it must be there).
fn on_terminal(cmd: &Command) -> Option<(i32, String)> {
    let found = Command::new("script")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "`script` (util-linux) is needed for the terminal tests"
        );
        eprintln!("skipped: no `script` to make a pseudo-terminal with");
        return None;
    }
    let quote = |s: &std::ffi::OsStr| format!("'{}'", s.to_string_lossy().replace('\'', "'\\''"));
    let mut line = quote(cmd.get_program());
    for arg in cmd.get_args() {
        line += " ";
        line += &quote(arg);
    }
    let mut script = Command::new("script");
    script.args(["-qec", &line, "/dev/null"]);
    if let Some(dir) = cmd.get_current_dir() {
        script.current_dir(dir);
    }
    for (name, value) in cmd.get_envs() {
        match value {
            Some(value) => script.env(name, value),
            None => script.env_remove(name),
        };
    }
    let out = script.stdin(Stdio::null()).output().expect("run script");
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    Some((out.status.code().unwrap_or(-1), shown))
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// --------------------------------------------------- check: people, cron

#[test]
fn check_with_nothing_due_is_silent_for_cron_and_pipes() {
    let env = Env::seeded();
    for args in [
        vec!["--as-of", "2016-07-02", "check"],
        vec!["--as-of", "2016-07-02", "check", "--format", "json"],
        vec![
            "--as-of",
            "2016-07-02",
            "--lang",
            "zh",
            "check",
            "--within",
            "3wd",
        ],
    ] {
        let run = env.tasks(&args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn check_with_nothing_due_says_so_on_a_terminal() {
    let env = Env::seeded();
    let Some((status, shown)) = on_terminal(&env.command(&["--as-of", "2016-07-02", "check"]))
    else {
        return;
    };
    assert_eq!(status, 0);
    assert_eq!(
        shown,
        "Nothing needs attention as of 2016-07-02: nothing is overdue, no return is missing, \
         and nothing is due within 5 working days.\n"
    );
    let (status, shown) = on_terminal(&env.command(&[
        "--as-of",
        "2016-07-02T10:30",
        "--lang",
        "zh",
        "check",
        "--within",
        "10d",
    ]))
    .unwrap();
    assert_eq!(status, 0);
    assert_eq!(
        shown,
        "截至 2016年7月2日 10:30，没有需要关注的事项：无逾期、无未按期反馈，10日内无到期事项。\n"
    );
    // Items are shown as ever, and nothing more.
    let (status, shown) =
        on_terminal(&env.command(&["--as-of", "2016-12-27", "check", "--within", "1d"])).unwrap();
    assert_eq!(status, 1);
    assert!(shown.starts_with("2016-12-31  1.1  信用办"), "{shown}");
    assert!(!shown.contains("Nothing"), "{shown}");
}

#[test]
fn missed_returns_are_one_line_per_division_and_period() {
    let env = Env::new();
    env.write("monthly.toml", monthly_plan(24));
    env.tasks(&["load", "monthly.toml"]).ok();
    // 投资处 reports on four tasks in August; 法规处 on none.
    for task in ["m1", "m2", "m3", "m4"] {
        env.tasks_at(
            "2016-08-10",
            &[
                "feedback",
                task,
                "--division",
                "投资处",
                "--status",
                "in-progress",
            ],
        )
        .ok();
    }
    let run = env.tasks(&["--as-of", "2016-08-26", "check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "2016-08-25  24 tasks  法规处  feedback missing  1 day late  2016-08\n\
         2016-08-25  20 tasks  投资处  feedback missing  1 day late  2016-08\n"
    );
    let run = env.tasks(&["--as-of", "2016-08-26", "--lang", "zh", "check"]);
    assert_eq!(
        run.stdout,
        "2016-08-25  24 项任务  法规处  未按期反馈  逾期1天  2016-08\n\
         2016-08-25  20 项任务  投资处  未按期反馈  逾期1天  2016-08\n"
    );
    // JSON keeps one object per task and division: scripts count them.
    let run = env.tasks(&["--as-of", "2016-08-26", "check", "--format", "json"]);
    assert_eq!(run.status, 1);
    let items: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items.len(), 44);
    assert!(items.iter().all(|i| i["kind"] == "missing-feedback"));
    assert_eq!(
        items.iter().filter(|i| i["division"] == "投资处").count(),
        20
    );
    // A division that missed the return of one task keeps the task's line.
    for n in 5..=23 {
        env.tasks_at(
            "2016-08-11",
            &[
                "feedback",
                &format!("m{n}"),
                "--division",
                "投资处",
                "--status",
                "in-progress",
            ],
        )
        .ok();
    }
    let run = env.tasks(&["--as-of", "2016-08-26", "check"]);
    assert_eq!(
        run.stdout,
        "2016-08-25  24 tasks  法规处  feedback missing  1 day late  2016-08\n\
         2016-08-25  m24       投资处  feedback missing  1 day late  2016-08\n"
    );
}

// ----------------------------------------------------------- closed pipes

/// Every command that writes to standard output, in every format, meets a
/// reader that has gone: no panic, no word on stderr, and the exit status
/// it has with a reader.
#[test]
fn a_closed_pipe_changes_no_exit_status_and_prints_nothing() {
    let env = Env::new();
    env.write("big.toml", big_plan(3000));
    env.tasks(&["load", "big.toml"]).ok();
    let mut returns = String::from("task,division,status,note,at\n");
    for n in 1..=3000 {
        returns += &format!("1.{n},办公室,in-progress,已部署,2016-08-01\n");
    }
    env.write("returns.csv", &returns);
    let reading: Vec<Vec<&str>> = vec![
        vec!["plans"],
        vec!["plans", "--format", "json"],
        vec!["plans", "--format", "csv"],
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "xlsx"],
        vec!["show", "1.1"],
        vec!["show", "1.1", "--format", "json"],
        vec!["divisions"],
        vec!["divisions", "--format", "json"],
        vec!["divisions", "--format", "csv"],
        vec!["imports"],
        vec!["history", "1.1"],
        vec!["report"],
        vec!["report", "--format", "json"],
        vec!["report", "--format", "csv"],
        vec!["report", "--format", "md"],
        vec!["report", "--format", "xlsx"],
        vec!["report", "--summary", "--by", "division"],
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["--lang", "zh", "check"],
        vec!["remind"],
        vec!["calendar", "show", "2016-10"],
        vec!["calendar", "add", "2016-09-30", "3wd"],
        vec!["feedback", "--from", "returns.csv", "--dry-run"],
        vec![
            "feedback",
            "--from",
            "returns.csv",
            "--dry-run",
            "--format",
            "json",
        ],
        vec!["load", "big.toml", "--dry-run", "--format", "json"],
        vec!["demo"],
        vec!["man"],
        vec!["db"],
        vec!["db", "--format", "json"],
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        vec!["completions", "fish"],
        vec!["completions", "elvish"],
        vec!["completions", "powershell"],
        vec!["--help"],
        vec!["list", "--help"],
        vec!["--version"],
    ];
    for all in &reading {
        let whole = env.tasks_at("2016-08-26", all);
        let expected = whole.status;
        let closed = with_closed_pipe(env.command_at("2016-08-26", all));
        assert_eq!(closed.status, expected, "{all:?}: {}", closed.stderr);
        // Nothing more on stderr than without the closed pipe (notes that
        // a command gives anyway, such as remind's, stay).
        assert_eq!(closed.stderr, whole.stderr, "{all:?}");
        let wanted = if all.contains(&"check") { 1 } else { 0 };
        assert_eq!(expected, wanted, "{all:?}");
    }
    // Commands that record: the record is made, and the exit status is 0.
    let before = env.snapshot();
    let closed =
        with_closed_pipe(env.command_at("2016-08-26", &["feedback", "--from", "returns.csv"]));
    assert_eq!((closed.status, closed.stderr.as_str()), (0, ""));
    assert_ne!(env.snapshot(), before);
    let closed = with_closed_pipe(env.command_at(
        "2016-08-26",
        &[
            "feedback",
            "1.2",
            "--division",
            "信用办",
            "--status",
            "done",
        ],
    ));
    assert_eq!((closed.status, closed.stderr.as_str()), (0, ""));
    let shown = env
        .tasks(&["history", "1.2", "--format", "json"])
        .ok()
        .to_string();
    assert!(shown.contains("\"done\""), "{shown}");
    let closed = with_closed_pipe(env.command_at("2016-08-26", &["load", "big.toml"]));
    assert_eq!((closed.status, closed.stderr.as_str()), (0, ""));
    // The shell asking for candidates, gone before the answer.
    let mut ask = env.command(&["--", "tasks", "show", "1."]);
    ask.env("TASKS_COMPLETE", "fish");
    let closed = with_closed_pipe(ask);
    assert_eq!((closed.status, closed.stderr.as_str()), (0, ""));
    // An error is still an error, said on stderr.
    let closed = with_closed_pipe(env.command(&["show", "9.9"]));
    assert_eq!(closed.status, 2);
    assert!(closed.stderr.starts_with("error: "), "{}", closed.stderr);
}

#[test]
fn check_piped_to_head_keeps_its_exit_status() {
    let env = Env::new();
    env.write("big.toml", big_plan(1500));
    env.tasks(&["load", "big.toml"]).ok();
    let db = env.db.to_string_lossy().to_string();
    let bin = env!("CARGO_BIN_EXE_tasks");
    for format in ["text", "json"] {
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; TASKS_DB='{db}' '{bin}' --as-of 2016-08-26 check --format {format} | head -1"
            ))
            .env("LANG", "C")
            .output()
            .expect("bash");
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}

// ---------------------------------------------------------------- progress

#[test]
fn off_a_terminal_long_work_shows_no_progress() {
    let env = Env::new();
    env.write("big.toml", big_plan(2000));
    let mut returns = String::from("task,division,status\n");
    for n in 1..=2000 {
        returns += &format!("1.{n},办公室,in-progress\n");
    }
    env.write("returns.csv", &returns);
    let quick = |args: &[&str]| {
        let mut cmd = env.command_at("2016-08-26", args);
        cmd.env("TASKS_PROGRESS_DELAY_MS", "0");
        run(cmd)
    };
    let loaded = quick(&["load", "big.toml"]);
    assert_eq!(loaded.status, 0);
    assert_eq!(
        loaded.stderr,
        format!("Created the database {}.\n", env.db.display())
    );
    for args in [
        vec!["load", "big.toml"],
        vec!["feedback", "--from", "returns.csv"],
        vec!["report", "--format", "xlsx", "--output", "r.xlsx"],
        vec!["list", "--format", "xlsx", "--output", "l.xlsx"],
        vec!["form", "--all", "--output-dir", "forms"],
    ] {
        let run = quick(&args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn on_a_terminal_long_work_shows_a_bar_and_clears_it() {
    let env = Env::new();
    env.write("big.toml", big_plan(2000));
    let mut cmd = env.command(&["load", "big.toml"]);
    // (A terminal that says it is dumb gets no bar.)
    cmd.env("TASKS_PROGRESS_DELAY_MS", "0").env("TERM", "xterm");
    let Some((status, shown)) = on_terminal(&cmd) else {
        return;
    };
    assert_eq!(status, 0, "{shown}");
    assert!(shown.contains("Loading 2000 tasks ["), "{shown}");
    // Cleared: the line is erased before what comes after.
    assert!(shown.contains("\x1b[2KCreated the database"), "{shown}");
    assert!(shown.contains("Loaded plan big"), "{shown}");
    // Quick work (within the default delay of a second) shows none.
    let (status, shown) = on_terminal(&env.command(&["load", SEED_PLAN])).unwrap();
    assert_eq!(status, 0);
    assert!(shown.starts_with("Loaded plan fjdrc-2016-zwgk"), "{shown}");
    assert!(!shown.contains('\x1b'), "{shown:?}");
}

// ------------------------------------------------------------- completions

/// The candidates the completion gives for the last of `words`, as fish
/// reads them (one a line, a tab before any help).
fn complete(env: &Env, words: &[&str]) -> (Run, Vec<String>) {
    let mut args = vec!["--", "tasks"];
    args.extend_from_slice(words);
    let mut cmd = env.command(&args);
    cmd.env("TASKS_COMPLETE", "fish");
    let run = run(cmd);
    let values = run
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
    (run, values)
}

#[test]
fn completion_offers_the_databases_plans_divisions_and_tasks() {
    let env = Env::seeded();
    env.write("monthly.toml", monthly_plan(3));
    env.tasks(&["load", "monthly.toml"]).ok();
    // (No snapshot: reading one leaves -wal and -shm files beside it.)
    let files = files_in(env.dir.path());
    let bytes = std::fs::read(&env.db).unwrap();

    let (run, tasks) = complete(&env, &["show", "3."]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(tasks, ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"]);
    let (_, tasks) = complete(&env, &["feedback", "m"]);
    assert_eq!(tasks, ["m1", "m2", "m3"]);
    let (_, tasks) = complete(&env, &["history", "monthly:"]);
    assert_eq!(tasks, ["monthly:m1", "monthly:m2", "monthly:m3"]);
    let (_, divisions) = complete(&env, &["list", "--division", "法"]);
    assert_eq!(divisions, ["法规处"]);
    let (_, divisions) = complete(&env, &["remind", "--division", "政策"]);
    assert_eq!(divisions, ["政策法规处"]);
    let (_, plans) = complete(&env, &["check", "--plan", ""]);
    assert_eq!(plans, ["fjdrc-2016-zwgk", "monthly"]);
    let (_, plans) = complete(&env, &["report", "--plan", "mo"]);
    assert_eq!(plans, ["monthly"]);
    // Subcommands and options come from the command line's definition.
    let (_, commands) = complete(&env, &["ch"]);
    assert_eq!(commands, ["check"]);
    let (_, options) = complete(&env, &["list", "--due"]);
    assert_eq!(options, ["--due-before"]);
    // The database is only looked at.
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
    assert_eq!(files_in(env.dir.path()), files);
}

#[test]
fn completion_reads_the_database_the_line_names() {
    let env = Env::seeded();
    let other = Env::new();
    other.write("monthly.toml", monthly_plan(2));
    other.tasks(&["load", "monthly.toml"]).ok();
    let db = other.db.to_string_lossy().to_string();
    let (_, tasks) = complete(&env, &["--db", &db, "show", "m"]);
    assert_eq!(tasks, ["m1", "m2"]);
    let (_, tasks) = complete(&env, &["show", &format!("--db={db}"), "m"]);
    assert_eq!(tasks, ["m1", "m2"]);
    let (_, tasks) = complete(&env, &["show", "m"]);
    assert!(tasks.is_empty(), "{tasks:?}");
}

#[test]
fn completion_without_a_database_offers_nothing_and_creates_nothing() {
    let env = Env::new();
    for words in [
        vec!["show", "3."],
        vec!["list", "--division", "法"],
        vec!["check", "--plan", "f"],
    ] {
        let (run, values) = complete(&env, &words);
        assert_eq!(run.status, 0, "{words:?}: {}", run.stderr);
        assert!(values.is_empty(), "{words:?}: {values:?}");
        assert_eq!(run.stderr, "");
    }
    // Neither the database nor its folder (nor the default one) is made.
    assert!(
        files_in(env.dir.path()).is_empty(),
        "{:?}",
        files_in(env.dir.path())
    );
    let mut cmd = env.command(&["--", "tasks", "show", "3."]);
    cmd.env("TASKS_COMPLETE", "fish").env_remove("TASKS_DB");
    let run = run(cmd);
    assert_eq!((run.status, run.stdout.as_str()), (0, ""));
    assert!(
        files_in(env.dir.path()).is_empty(),
        "{:?}",
        files_in(env.dir.path())
    );
    // A file that is not a database: nothing either, and it is left as it was.
    env.write("tasks.db", "not a database");
    let (run, values) = complete(&env, &["show", ""]);
    assert_eq!(run.status, 0);
    assert!(!values.iter().any(|v| v.starts_with('3')), "{values:?}");
    assert_eq!(std::fs::read(&env.db).unwrap(), b"not a database");
    assert_eq!(files_in(env.dir.path()), ["tasks.db"]);
}

#[test]
fn completion_scripts_call_tasks_back_and_bash_gets_the_tasks() {
    let env = Env::seeded();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.tasks(&["completions", shell]).ok().to_string();
        assert!(script.contains("TASKS_COMPLETE"), "{shell}: {script}");
        // The same script as the environment variable alone gives.
        let mut cmd = env.command(&[]);
        cmd.env("TASKS_COMPLETE", shell);
        assert_eq!(run(cmd).ok(), script, "{shell}");
    }
    // Bash, as it calls the function for `tasks show 2.<Tab>`.
    let script = env.write("tasks.bash", env.tasks(&["completions", "bash"]).ok());
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}'; COMP_WORDS=(tasks show 2.); COMP_CWORD=2; COMP_TYPE=9; \
             _clap_complete_tasks tasks 2. show; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .env("TASKS_DB", &env.db)
        .output()
        .expect("bash");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2.1\n2.2\n2.3\n2.4\n2.5\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completion_for_an_unknown_shell_is_an_error() {
    let env = Env::new();
    let mut cmd = env.command(&["--", "tasks", "sh"]);
    cmd.env("TASKS_COMPLETE", "tcsh");
    let run = run(cmd);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("TASKS_COMPLETE=tcsh"), "{}", run.stderr);
    // Empty or 0: an ordinary run.
    for off in ["", "0"] {
        let mut cmd = env.command(&["--version"]);
        cmd.env("TASKS_COMPLETE", off);
        assert!(crate::support::run(cmd).ok().starts_with("tasks "));
    }
}

// --------------------------------------------------------------- man pages

/// The `NAME(1)` references of a roff page.
fn references(page: &str) -> Vec<String> {
    let page = page
        .replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fR", "");
    let mut found = Vec::new();
    for (at, _) in page.match_indices("(1)") {
        let start = page[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        if page[start..at].starts_with("tasks") {
            found.push(page[start..at].to_string());
        }
    }
    found
}

#[test]
fn man_output_dir_writes_every_page_it_refers_to() {
    let env = Env::new();
    let run = env.tasks(&["man", "--output-dir", "man1"]);
    let dir = env.path("man1");
    let names = files_in(&dir);
    assert_eq!(
        run.ok(),
        format!(
            "Wrote {} man pages to man1 (read one with `man -l man1/tasks.1`).\n",
            names.len()
        )
    );
    for page in [
        "tasks.1",
        "tasks-load.1",
        "tasks-check.1",
        "tasks-man.1",
        "tasks-db.1",
        "tasks-calendar.1",
        "tasks-calendar-add.1",
    ] {
        assert!(names.contains(&page.to_string()), "{page}: {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    let mut referred = Vec::new();
    for name in &names {
        let page = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(page.contains(".TH "), "{name}");
        for r in references(&page) {
            assert!(names.contains(&format!("{r}.1")), "{name} refers to {r}(1)");
            referred.push(r);
        }
    }
    assert!(referred.contains(&"tasks-load".to_string()));
    assert!(referred.contains(&"tasks-calendar-add".to_string()));
    assert!(referred.contains(&"tasks".to_string()));
    // `tasks man` alone prints tasks.1 as written.
    let printed = env.tasks(&["man"]).ok().to_string();
    assert_eq!(
        printed,
        std::fs::read_to_string(dir.join("tasks.1")).unwrap()
    );
    // Again into the same folder: the pages are replaced.
    env.tasks(&["--lang", "zh", "man", "--output-dir", "man1"])
        .ok();
    assert_eq!(files_in(&dir), names);
}

#[test]
fn man_output_dir_refuses_what_is_not_a_folder_it_can_make() {
    let env = Env::new();
    env.write("afile", "x");
    let run = env.tasks(&["man", "--output-dir", "afile"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "error: afile is not a folder\n");
    assert_eq!(std::fs::read_to_string(env.path("afile")).unwrap(), "x");
    let run = env.tasks(&["--lang", "zh", "man", "--output-dir", "none/man1"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr, "错误：无法创建文件夹 none/man1：文件夹不存在\n");
    assert!(!env.path("none").exists());
    let run = env.tasks(&["man", "--output-dir"]);
    assert_eq!(run.status, 2);
    let run = env.tasks(&["man", "--output-dir", ""]);
    assert_eq!(run.status, 2);
    assert_eq!(files_in(env.dir.path()), ["afile"]);
}

// --------------------------------------------------- first run, tasks db

#[test]
fn the_first_load_says_where_it_created_the_database() {
    let env = Env::new();
    let mut cmd = env.command(&["load", SEED_PLAN]);
    cmd.env_remove("TASKS_DB");
    let first = run(cmd);
    let default = env.path("xdg/tasks/tasks.db");
    assert_eq!(first.status, 0, "{}", first.stderr);
    assert_eq!(
        first.stderr,
        format!(
            "Created the database {} (the default place; --db PATH or TASKS_DB name another).\n",
            default.display()
        )
    );
    let mut again = env.command(&["load", SEED_PLAN]);
    again.env_remove("TASKS_DB");
    assert_eq!(run(again).stderr, "");
    // Named by --db or TASKS_DB, in Chinese.
    let named = env.path("其他/tasks.db");
    let run = env.tasks(&[
        "--lang",
        "zh",
        "--db",
        named.to_str().unwrap(),
        "load",
        SEED_PLAN,
    ]);
    assert_eq!(run.status, 0);
    assert_eq!(run.stderr, format!("已新建数据库 {}。\n", named.display()));
    // A dry run creates nothing, and says nothing of it.
    let dry = env.path("dry.db");
    let run = env.tasks(&[
        "--db",
        dry.to_str().unwrap(),
        "load",
        SEED_PLAN,
        "--dry-run",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    assert!(!dry.exists());
    // `calendar load` creates one too, and says so.
    let cal = env.write(
        "cal.toml",
        "[[year]]\nyear = 2031\noff = [2031-01-01]\nwork = []\n",
    );
    let calendar_db = env.path("cal.db");
    let run = env.tasks(&[
        "--db",
        calendar_db.to_str().unwrap(),
        "calendar",
        "load",
        cal.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("Created the database {}.\n", calendar_db.display())
    );
}

#[test]
fn db_shows_the_database_in_use_without_touching_it() {
    let env = Env::new();
    // None yet: said, and none made.
    let run = env.tasks(&["db"]);
    assert_eq!(
        run.ok(),
        format!(
            "No database at {} (given by TASKS_DB) yet: `tasks load FILE` creates it.\n",
            env.db.display()
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.tasks(&["db", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["exists"], false);
    assert_eq!(json["source"], "env");
    assert!(files_in(env.dir.path()).is_empty());

    env.tasks(&["load", SEED_PLAN]).ok();
    env.write("monthly.toml", monthly_plan(3));
    env.tasks(&["load", "monthly.toml"]).ok();
    let before = snapshot(&env.db);
    let files = files_in(env.dir.path());
    let text = env.tasks(&["db"]).ok().to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!("Database: {} (given by TASKS_DB)", env.db.display())
    );
    assert!(
        lines[1].starts_with("Schema version: ") && lines[1].ends_with(" (current)"),
        "{text}"
    );
    assert_eq!(lines[2], "Plans: 2; tasks: 22 in force, 0 withdrawn");
    assert!(
        lines[3].starts_with("Size: ") && lines[3].ends_with("KiB"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(env.tasks(&["db", "--format", "json"]).ok()).unwrap();
    assert_eq!(json["path"], env.db.to_string_lossy().as_ref());
    assert_eq!(json["exists"], true);
    assert_eq!(json["plans"], 2);
    assert_eq!(json["tasks"], 22);
    assert_eq!(json["schema_version"], json["current_schema_version"]);
    let zh = env.tasks(&["--lang", "zh", "db"]).ok().to_string();
    assert!(
        zh.contains("方案：2 个；任务：22 项有效，0 项已撤销"),
        "{zh}"
    );
    // --db and the default are told apart.
    let other = env.path("other.db");
    let run = env.tasks(&["--db", other.to_str().unwrap(), "db"]);
    assert!(run.ok().contains("(given by --db)"), "{}", run.stdout);
    let mut cmd = env.command(&["db"]);
    cmd.env_remove("TASKS_DB");
    let default = crate::support::run(cmd);
    assert!(
        default.ok().contains("(the default place;"),
        "{}",
        default.stdout
    );
    assert_eq!(snapshot(&env.db), before);
    assert_eq!(files_in(env.dir.path()), files);
}

#[test]
fn db_refuses_a_file_that_is_not_a_tasks_database() {
    let env = Env::new();
    env.write("tasks.db", "hello");
    let run = env.tasks(&["db"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("is not an SQLite database"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(&env.db).unwrap();
    std::fs::create_dir(&env.db).unwrap();
    let run = env.tasks(&["db"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("is a directory"), "{}", run.stderr);
}
