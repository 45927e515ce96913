//! One module per command: arguments in, domain calls, rows to a renderer.

mod calendar;
mod check;
mod demo;
mod divisions;
mod event;
pub mod feedback;
mod form;
mod history;
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
        Command::Man => man::man(out),
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

/// Says on stderr which years a working-day computation had no holiday data
/// for (it counted weekends only there), in English.
fn warn_missing_years(cal: &crate::calendar::Calendar) {
    warn_missing_years_in(cal, crate::lang::Lang::En);
}

/// `warn_missing_years` in `lang`.
fn warn_missing_years_in(cal: &crate::calendar::Calendar, lang: crate::lang::Lang) {
    for year in cal.missing_years() {
        crate::messages::warn(lang, &crate::messages::missing_holiday_data(year));
    }
}
