//! Shell completion, with the plans, divisions and tasks of the database.
//!
//! The scripts that `tasks completions SHELL` prints (clap_complete's
//! dynamic completion) call `tasks` back at each Tab, as
//! `TASKS_COMPLETE=SHELL tasks -- WORDS…`; `answer` replies with the
//! candidates. Subcommands, options and their fixed values come from the
//! command-line definition; plan ids, division and group names (and
//! aliases) and task ids from the database, which is only looked at: a
//! completion never creates a database, never migrates one, never writes.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{EnvCompleter, Shells};

use crate::cli::Cli;
use crate::store::Peek;

/// The environment variable that makes a run a completion request.
pub const VAR: &str = "TASKS_COMPLETE";

/// At most this many task ids are offered at once.
const MAX_TASKS: usize = 2000;

/// What a value names, for its candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plan id (`--plan`).
    Plan,
    /// A division or group, by name or alias (`--division`).
    Division,
    /// A task id, or `PLAN:ID` (`TASK`).
    Task,
}

/// The database the completers read, settled once per request.
static DATABASE: OnceLock<Option<PathBuf>> = OnceLock::new();

/// The command-line definition with the database's values attached to the
/// arguments that take them.
pub fn command() -> clap::Command {
    with_completers(Cli::command())
}

fn with_completers(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|arg| {
        let kind = match arg.get_id().as_str() {
            "plan" => Kind::Plan,
            "division" => Kind::Division,
            "task" => Kind::Task,
            _ => return arg,
        };
        arg.add(completer(kind))
    })
    .mut_subcommands(with_completers)
}

fn completer(kind: Kind) -> ArgValueCompleter {
    ArgValueCompleter::new(move |current: &OsStr| -> Vec<CompletionCandidate> {
        let (Some(prefix), Some(Some(db))) = (current.to_str(), DATABASE.get()) else {
            return Vec::new();
        };
        candidates(kind, db, prefix)
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    })
}

/// The values of `kind` in the database at `db` that begin with `prefix`;
/// none when there is no database there, or it cannot be read.
pub fn candidates(kind: Kind, db: &Path, prefix: &str) -> Vec<String> {
    let Ok(Some(peek)) = Peek::open(db) else {
        return Vec::new();
    };
    let found = match kind {
        Kind::Plan => peek.plan_ids().map(|ids| {
            ids.into_iter()
                .filter(|id| id.starts_with(prefix))
                .collect()
        }),
        Kind::Division => peek.unit_names(prefix),
        Kind::Task => peek.task_ids(prefix, MAX_TASKS),
    };
    found.unwrap_or_default()
}

/// Answers a completion request (`TASKS_COMPLETE` set): the registration
/// script when no words follow `--`, else the candidates for the last
/// word. `None` when this run is not one.
pub fn answer(args: &[OsString]) -> Option<ExitCode> {
    let shell = std::env::var_os(VAR)?;
    if shell.is_empty() || shell == "0" {
        return None;
    }
    // Not for any `tasks` this one might start.
    std::env::remove_var(VAR);
    let name = Path::new(&shell)
        .file_stem()
        .unwrap_or(&shell)
        .to_string_lossy()
        .into_owned();
    let shells = Shells::builtins();
    let Some(shell) = shells.completer(&name) else {
        let known: Vec<&str> = Shells::builtins().names().collect();
        let lang = crate::lang::Lang::from_locale(|name| std::env::var(name).ok());
        let text = crate::messages::unknown_shell(&name, known.join(", "));
        crate::stderr_line!(
            "{}{}",
            crate::messages::error_word().text(lang),
            crate::render::escape_control(text.text(lang))
        );
        return Some(ExitCode::from(crate::app::EXIT_ERROR));
    };
    let words: Vec<OsString> = match args.iter().skip(1).position(|a| a == "--") {
        Some(i) => args[i + 2..].to_vec(),
        None => Vec::new(),
    };
    let current_dir = std::env::current_dir().ok();
    let mut buf = Vec::new();
    let written = if words.is_empty() {
        registration(shell, args.first().map(OsString::as_os_str), &mut buf)
    } else {
        let _ = DATABASE.set(database(&words));
        let mut cmd = command();
        cmd.build();
        shell.write_complete(&mut cmd, words, current_dir.as_deref(), &mut buf)
    };
    match written.and_then(|()| crate::app::write_stdout(&buf)) {
        Ok(()) => Some(ExitCode::SUCCESS),
        // The shell shows no candidates.
        Err(_) => Some(ExitCode::FAILURE),
    }
}

/// The script that registers completion for `tasks` in `shell`, calling
/// back the program as it was started (`arg0`: `tasks` found on the PATH,
/// or a path to it).
pub fn registration(
    shell: &dyn EnvCompleter,
    arg0: Option<&OsStr>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut program = PathBuf::from(arg0.unwrap_or(OsStr::new("tasks")));
    if program.components().count() > 1 && program.is_relative() {
        if let Ok(dir) = std::env::current_dir() {
            program = dir.join(program);
        }
    }
    shell.write_registration(VAR, "tasks", "tasks", &program.to_string_lossy(), out)
}

/// The registration script of a shell by name (`tasks completions SHELL`).
pub fn registration_for(shell: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(shell) else {
        return Err(std::io::Error::other(format!("unknown shell {shell}")));
    };
    registration(completer, std::env::args_os().next().as_deref(), out)
}

/// The database a command line being completed would use: its `--db`, else
/// `TASKS_DB`, else the default.
fn database(words: &[OsString]) -> Option<PathBuf> {
    let mut given = None;
    let mut words = words.iter();
    while let Some(word) = words.next() {
        if word == "--db" {
            given = words.next().cloned();
        } else if let Some(path) = word.to_str().and_then(|w| w.strip_prefix("--db=")) {
            given = Some(OsString::from(path));
        }
    }
    // The shell passes the words as typed: `~/` is not expanded yet.
    let expand = |path: OsString| -> PathBuf {
        match (path.to_str(), std::env::var_os("HOME")) {
            (Some(text), Some(home)) if text.starts_with("~/") => Path::new(&home).join(&text[2..]),
            _ => PathBuf::from(path),
        }
    };
    given
        .filter(|p| !p.is_empty())
        .map(expand)
        .or_else(|| {
            std::env::var_os("TASKS_DB")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| crate::app::default_db().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_database_is_the_one_the_line_names() {
        assert_eq!(
            database(&words(&["tasks", "--db", "x.db", "show", ""])),
            Some(PathBuf::from("x.db"))
        );
        assert_eq!(
            database(&words(&["tasks", "show", "--db=y.db", ""])),
            Some(PathBuf::from("y.db"))
        );
    }

    #[test]
    fn every_argument_that_names_a_plan_division_or_task_has_a_completer() {
        fn walk(cmd: &clap::Command, found: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                if ["plan", "division", "task"].contains(&arg.get_id().as_str()) {
                    assert!(
                        arg.get::<ArgValueCompleter>().is_some(),
                        "{} {}",
                        cmd.get_name(),
                        arg.get_id()
                    );
                    found.push(format!("{} {}", cmd.get_name(), arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, found);
            }
        }
        let mut found = Vec::new();
        walk(&command(), &mut found);
        assert!(found.contains(&"show task".to_string()), "{found:?}");
        assert!(found.contains(&"list division".to_string()), "{found:?}");
        assert!(found.contains(&"check plan".to_string()), "{found:?}");
    }

    #[test]
    fn every_shell_of_the_completions_command_has_a_script() {
        use clap::ValueEnum;
        for shell in clap_complete::Shell::value_variants() {
            let mut out = Vec::new();
            registration_for(&shell.to_string(), &mut out).unwrap();
            assert!(String::from_utf8(out).unwrap().contains(VAR), "{shell}");
        }
    }
}
