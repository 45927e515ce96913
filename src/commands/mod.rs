//! One module per command: arguments in, domain calls, rows to a renderer.

mod calendar;
mod check;
mod db;
mod demo;
mod divisions;
mod event;
pub mod feedback;
mod form;
mod history;
mod import;
mod imports;
mod list;
mod load;
mod man;
mod plans;
mod remind;
mod report;
mod review;
mod show;
mod void;

use std::io::Write;
use std::process::ExitCode;

use crate::app::{Ctx, Record};
use crate::cli::{CalendarCommand, Command};
use crate::store::{Access, Store};

pub fn run(command: Command, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if let Some(record) = records(&command) {
        ctx.refuse_as_of(record)?;
    }
    match command {
        Command::Load(args) => load::run(&args, ctx, out),
        Command::Import(args) => import::run(&args, ctx, out),
        Command::Plans(args) => plans::run(&args, &open(ctx)?, ctx, out),
        Command::List(args) => list::run(&args, &open(ctx)?, ctx, out),
        Command::Show(args) => show::run(&args, &open(ctx)?, ctx, out),
        Command::Divisions(args) => divisions::run(&args, &open(ctx)?, ctx, out),
        Command::Feedback(args) => feedback::run(&args, ctx, out),
        Command::Review(args) => review::run(&args, ctx, out),
        Command::Void(args) => void::run(&args, ctx, out),
        Command::Imports(args) => imports::run(&args, &open(ctx)?, ctx, out),
        Command::History(args) => history::run(&args, &open(ctx)?, ctx, out),
        Command::Report(args) => report::run(&args, &open(ctx)?, ctx, out),
        Command::Event(args) => event::run(&args, ctx, out),
        Command::Check(args) => return check::run(&args, &open(ctx)?, ctx, out),
        Command::Remind(args) => remind::run(&args, &open(ctx)?, ctx, out),
        Command::Form(args) => form::run(&args, &open(ctx)?, ctx, out),
        Command::Calendar(command) => calendar::run(&command, ctx, out),
        Command::Demo => demo::run(ctx, out),
        Command::Completions(args) => man::completions(args.shell, out),
        Command::Man(args) => man::man(&args, ctx, out),
        Command::Db(args) => db::run(&args, ctx, out),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// What a command writes to the database, if it writes: such a command
/// records at the clock's time and refuses `--as-of`, dry runs included (a
/// dry run checks exactly what the real run would record).
fn records(command: &Command) -> Option<Record> {
    match command {
        Command::Load(_) => Some(Record::Plan),
        Command::Feedback(args) if args.from.is_some() => Some(Record::FeedbackFile),
        Command::Feedback(_) => Some(Record::Feedback),
        Command::Review(_) => Some(Record::Review),
        Command::Event(_) => Some(Record::Event),
        Command::Calendar(CalendarCommand::Load { .. }) => Some(Record::Calendar),
        Command::Void(_) => Some(Record::Void),
        _ => None,
    }
}

/// Opens the database of a command that writes, creating it (and its
/// folder) if missing; a database created says so on stderr.
fn open_or_create(ctx: &Ctx) -> anyhow::Result<Store> {
    let existed = ctx.db.exists();
    let store = Store::open(&ctx.db, Access::Create)?;
    if !existed {
        say_created(ctx);
    }
    Ok(store)
}

/// One line on stderr: where the new database is (the first run of
/// `tasks load` creates it in the data directory unless told otherwise).
fn say_created(ctx: &Ctx) {
    let path = crate::render::escape_control(&ctx.db.display().to_string());
    let message = if crate::app::default_db().is_ok_and(|d| d == ctx.db) {
        crate::messages::database_created_default(path)
    } else {
        crate::messages::database_created(path)
    };
    crate::stderr_line!("{}", message.text(ctx.lang));
}

/// Opens the database of a reading command: it must already exist.
fn open(ctx: &Ctx) -> anyhow::Result<Store> {
    Store::open(&ctx.db, Access::Existing)
}

/// Pads `label` with spaces to `width` screen columns.
fn pad(label: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(label);
    format!("{label}{}", " ".repeat(width.saturating_sub(w)))
}

/// The header of a column that shows which plan a row belongs to, added only
/// when rows come from more than one plan.
fn several_plans<'a>(plans: impl Iterator<Item = &'a str>) -> bool {
    let mut plans = plans;
    match plans.next() {
        Some(first) => plans.any(|p| p != first),
        None => false,
    }
}

/// Warns, in `lang`, of the years the calendar has no holiday data for.
fn warn_missing_years_in(cal: &crate::calendar::Calendar, lang: crate::lang::Lang) {
    for year in cal.missing_years() {
        crate::messages::warn(lang, &crate::messages::missing_holiday_data(year));
    }
}
