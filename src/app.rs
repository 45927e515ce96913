//! The top: parse the command line, settle the context, run the command, and
//! turn the outcome into an exit status.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDateTime;
use clap::FromArgMatches;

use crate::cli::{Cli, Global};
use crate::error::UserError;
use crate::lang::Lang;
use crate::messages;
use crate::render::escape_text;

/// `eprintln!`, but a standard error that cannot be written (a pipe whose
/// reader has gone, `tasks check 2>&1 | head -1`) is no reason to stop: the
/// line is dropped and the command goes on to its own exit status.
#[macro_export]
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Exit status for errors: bad arguments, bad input, unusable database.
pub const EXIT_ERROR: u8 = 2;

/// What every command may depend on, settled once at the top.
pub struct Ctx {
    pub db: PathBuf,
    pub lang: Lang,
    /// The language of CSV: Chinese under `--lang zh`, else English, whatever
    /// the locale (scripts read the English keys and values).
    pub csv_lang: Lang,
    /// The viewpoint of reading commands: `--as-of`, else the clock.
    pub now: NaiveDateTime,
    /// The clock: `TASKS_NOW` (for scripts, tests and the demo), else the
    /// real clock. Records are made at this time, never at `--as-of`.
    pub clock: NaiveDateTime,
    /// The real clock, read once: `TASKS_NOW` may not set the clock later
    /// than this for a write.
    pub real_clock: NaiveDateTime,
    /// Whether `--as-of` was given: the commands that write refuse it.
    pub as_of_given: bool,
    /// How tables for people are laid out on standard output (`--width`,
    /// `--wide`, `COLUMNS`, the terminal).
    pub layout: crate::render::Layout,
}

/// What a writing command records, for the message refusing `--as-of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// One feedback entry (`feedback TASK`).
    Feedback,
    /// The entries of a return file (`feedback --from`, dry run or not).
    FeedbackFile,
    Review,
    Event,
    /// A plan file (`load`, dry run or not).
    Plan,
    /// A calendar file (`calendar load`).
    Calendar,
    /// A void (`void`).
    Void,
}

impl Ctx {
    /// Refuses `--as-of` on a command that writes: it sets the viewpoint of
    /// reading commands, never the time a record is made.
    pub fn refuse_as_of(&self, record: Record) -> anyhow::Result<()> {
        if !self.as_of_given {
            return Ok(());
        }
        let what = match record {
            Record::Feedback => messages::as_of_feedback(),
            Record::FeedbackFile => messages::as_of_feedback_file(),
            Record::Review => messages::as_of_review(),
            Record::Event => messages::as_of_event(),
            Record::Plan => messages::as_of_plan(),
            Record::Calendar => messages::as_of_calendar(),
            Record::Void => messages::as_of_void(),
        };
        Err(UserError::usage(messages::as_of_refused(what)).into())
    }

    /// Refuses to record anything at a clock set (by `TASKS_NOW`) later
    /// than the real clock.
    pub fn check_writable_now(&self) -> anyhow::Result<()> {
        if self.clock > self.real_clock + chrono::TimeDelta::minutes(1) {
            return Err(UserError::usage(messages::clock_ahead(
                crate::time::format_time(self.clock),
                crate::time::format_time(self.real_clock),
            ))
            .into());
        }
        Ok(())
    }
}

pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    // An empty TASKS_DB or TASKS_NOW (`TASKS_NOW= tasks check`) means unset.
    for name in ["TASKS_DB", "TASKS_NOW"] {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            std::env::remove_var(name);
        }
    }
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // The shell asking for completions (`TASKS_COMPLETE=bash tasks -- …`).
    if let Some(code) = crate::complete::answer(&args) {
        return code;
    }
    let arg_lang = crate::help::lang_of_args(&args, |name| std::env::var(name).ok());
    crate::help::set_parsing_lang(arg_lang);
    if let Some((option, taken)) = crate::help::option_taken_as_text(&args) {
        let message = messages::option_taken_as_text(&option, &taken);
        let word = messages::error_word().text(arg_lang).to_string();
        crate::stderr_line!("{word}{}", escape_text(message.text(arg_lang), true));
        return ExitCode::from(EXIT_ERROR);
    }
    let parsed = crate::help::command(arg_lang)
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let e = crate::help::escape_context(e);
            // clap quotes arguments as given: escape them like any text from
            // users (it keeps its colours only when there is nothing to escape).
            let help = matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp
                    | clap::error::ErrorKind::DisplayVersion
                    | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            );
            let text = match arg_lang {
                Lang::En => e.render().to_string(),
                Lang::Zh if help => crate::help::localize_help(&e.render().to_string(), Lang::Zh),
                Lang::Zh => crate::help::zh_error(&e),
            };
            let shown = escape_text(&text, true);
            // `--help | head -1`: a closed pipe is no error.
            if shown == text && arg_lang == Lang::En {
                let _ = e.print();
            } else if e.use_stderr() {
                let _ = io::stderr().write_all(shown.as_bytes());
            } else {
                let _ = io::stdout().write_all(shown.as_bytes());
            }
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    // Whatever a command writes to a pipe that its reader has closed
    // (`tasks check | head -1`) is dropped: the command runs to its end and
    // exits with its own status, without an error.
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(ClosedPipeOk::new(stdout.lock()));
    let ctx = context(&cli.global);
    let db = ctx.as_ref().ok().map(|ctx| ctx.db.clone());
    let lang = ctx.as_ref().map_or(Lang::En, |ctx| ctx.lang);
    let result = ctx
        .and_then(|ctx| crate::commands::run(cli.command, &ctx, &mut out))
        .and_then(|code| {
            out.flush()?;
            Ok(code)
        });
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            drop(out);
            // SQLite failures past opening get the same plain reasons, after
            // the database's path.
            let message = match (e.downcast_ref::<rusqlite::Error>(), &db) {
                (Some(err), Some(path)) if err.sqlite_error_code().is_some() => {
                    messages::database_refused(path, &crate::store::explain(err))
                        .text(lang)
                        .to_string()
                }
                _ => match e.downcast_ref::<UserError>() {
                    Some(user) if e.chain().count() == 1 => user.text(lang),
                    _ => format!("{e:#}"),
                },
            };
            // Messages quote names, paths and text from files: never raw.
            let word = messages::error_word().text(lang).to_string();
            crate::stderr_line!("{word}{}", escape_text(&message, true));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A writer that takes a closed pipe (`EPIPE`) as the end of its reader's
/// interest: that write and every later one succeed and go nowhere. Every
/// other error is passed on.
pub struct ClosedPipeOk<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosedPipeOk<W> {
    pub fn new(inner: W) -> Self {
        ClosedPipeOk {
            inner,
            closed: false,
        }
    }

    fn check<T>(&mut self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for ClosedPipeOk<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.check(result, buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.write_all(buf);
        self.check(result, ())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.check(result, ())
    }
}

/// Writes `bytes` to standard output, a closed pipe being no error.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = ClosedPipeOk::new(stdout.lock());
    out.write_all(bytes)?;
    out.flush()
}

/// Whether `e` is a closed pipe, as an I/O error or inside a JSON writer's
/// error (which keeps the I/O error's kind, not the error itself).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}

fn context(global: &Global) -> anyhow::Result<Ctx> {
    let db = match &global.db {
        Some(path) if path.as_os_str().is_empty() => {
            return Err(UserError::usage(messages::db_option_empty()).into())
        }
        Some(path) => path.clone(),
        None => default_db()?,
    };
    let lang = global
        .lang
        .unwrap_or_else(|| Lang::from_locale(|name| std::env::var(name).ok()));
    #[allow(clippy::disallowed_methods)] // the one place that reads the clock
    let real_clock = chrono::Local::now().naive_local();
    // The clock of scripts and tests; empty was removed above as unset.
    let clock = match std::env::var_os("TASKS_NOW") {
        Some(text) => crate::time::as_of_msg(&text.to_string_lossy())
            .map_err(|why| UserError::usage(messages::refused_value("TASKS_NOW", why)))?,
        None => real_clock,
    };
    let now = global.as_of.unwrap_or(clock);
    crate::store::set_wait_lang(lang);
    Ok(Ctx {
        db,
        lang,
        csv_lang: global.lang.unwrap_or(Lang::En),
        now,
        clock,
        real_clock,
        as_of_given: global.as_of.is_some(),
        layout: crate::render::Layout::of_stdout(global.width, global.wide),
    })
}

/// The database when neither `--db` nor `TASKS_DB` names one.
pub fn default_db() -> anyhow::Result<PathBuf> {
    match dirs::data_dir() {
        Some(dir) => Ok(dir.join("tasks").join("tasks.db")),
        None => Err(UserError::usage(messages::no_data_directory()).into()),
    }
}
