//! `tasks feedback`: one entry from the command line, or a return file.
//! What may be recorded is decided in `recording`; this reads the arguments
//! and says what happened.

use std::io::Write;

use serde::Serialize;

use crate::app::Ctx;
use crate::batch;
use crate::cli::{FeedbackArgs, SummaryFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::messages::{self as m, Msg};
use crate::recording::{self, DryRow, Given, Imported, Rejects};
use crate::refusal::Field;
use crate::render::{escape_control, write_json, Fit, Grid, Layout};
use crate::status::Status;
use crate::store::{Access, Store};
use crate::time::format_time;
use crate::view::task_status;

/// Batch files larger than this are refused before they are read.
const MAX_BATCH_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Serialize)]
struct Recorded<'a> {
    /// The entry's number (#N).
    number: i64,
    plan: &'a str,
    task: &'a str,
    obligation: Option<u32>,
    division: &'a str,
    assignee: &'a str,
    status: Status,
    percent: Option<u8>,
    at: String,
    task_status: Status,
    /// With `--amend`: the number of the entry it replaces, and of the
    /// void that took that one back.
    amends: Option<i64>,
    amend_void: Option<i64>,
    /// The assignee's entry of a later date that still decides its status.
    later_entry: Option<Later<'a>>,
}

#[derive(Serialize)]
struct Later<'a> {
    number: i64,
    at: &'a str,
}

pub fn run(args: &FeedbackArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some(file) = &args.from {
        return run_batch(file, args, ctx, out);
    }
    if args.sheet.is_some() || args.dry_run {
        let flag = if args.dry_run { "--dry-run" } else { "--sheet" };
        return Err(UserError::usage(m::only_with_from(flag)).into());
    }
    let (Some(task), Some(division), Some(status)) = (&args.task, &args.division, &args.status)
    else {
        return Err(UserError::usage(m::feedback_args_missing()).into());
    };
    let lang = ctx.lang;
    let amends = match &args.amend {
        Some(text) => Some(
            recording::number(text)
                .map_err(|r| UserError::usage(m::refused_value("--amend", m::refusal(&r))))?,
        ),
        None => None,
    };
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    let (task, obligation) =
        recording::split_obligation(task).map_err(|r| UserError::usage(m::refusal(&r)))?;
    let key = store.resolve_task(task)?;
    let given = Given {
        obligation,
        division,
        status,
        percent: args.percent.as_deref(),
        note: args.note.as_deref().unwrap_or(""),
        by: args.by.as_deref().unwrap_or(""),
        at: args.at.as_deref(),
    };
    let refused = |rejects: Rejects| -> anyhow::Error {
        let lines: Vec<Msg> = rejects
            .into_iter()
            .map(|(field, r)| {
                let flag = match field {
                    Field::Division => "--division",
                    Field::Status => "--status",
                    Field::Percent => "--percent",
                    Field::At => "--at",
                    Field::Task if amends.is_some() => "--amend",
                    _ => return m::refusal(&r),
                };
                m::refused_value(flag, m::refusal(&r))
            })
            .collect();
        UserError::usage(Msg::join_all("\n", &lines)).into()
    };
    let reason = args.reason.as_deref().unwrap_or("");
    // The checks and the record (and the void of an amended entry) in one
    // write transaction: no reload or review can slip in between, and a
    // refusal leaves nothing.
    let entered = store.write(|store| {
        recording::enter(store, &key, &given, amends.map(|n| (n, reason)), ctx.clock)?
            .map_err(refused)
    })?;
    let entry = &entered.entry;
    let now_status = task_status(&store, &key, ctx.clock)?;
    let obligation_met = match entry.obligation {
        Some(n) => store
            .obligations_met(None, Some(&[key.pk]), ctx.clock)?
            .contains_key(&(key.pk, n)),
        None => false,
    };
    let recorded = Recorded {
        number: entered.number,
        plan: &key.plan,
        task: &key.id,
        obligation: entry.obligation,
        division: &entry.target.unit,
        assignee: &entry.target.assignee,
        status: entry.status,
        percent: entry.percent,
        at: format_time(entry.at),
        task_status: now_status,
        amends,
        amend_void: entered.amended.as_ref().map(|v| v.number),
        later_entry: entered.later.as_ref().map(|(number, at)| Later {
            number: *number,
            at,
        }),
    };
    match args.format {
        SummaryFormat::Json => write_json(&recorded, out)?,
        SummaryFormat::Text => {
            let percent = entry.percent.map(|p| format!(" {p}%")).unwrap_or_default();
            let via = (entry.target.assignee != entry.target.unit)
                .then(|| m::for_assignee(escape_control(&entry.target.assignee)));
            let unit = escape_control(&entry.target.unit);
            let id = escape_control(&key.id);
            let on = match entry.obligation {
                Some(n) => format!("{id}#{n}"),
                None => id.clone(),
            };
            let mut outcome = match entry.obligation {
                None => m::task_now(&id, now_status),
                Some(_) if obligation_met => m::obligation_met(&on),
                Some(_) => m::obligation_still_open(&on),
            };
            if let Some((later, at)) = &entered.later {
                outcome = outcome.join("", &m::later_entry_decides(*later, at, &unit));
            }
            let amended = entered
                .amended
                .as_ref()
                .map(|v| m::amends_entry(v.record.number, v.number));
            let line = m::recorded_entry(
                entered.number,
                on,
                unit,
                via,
                entry.status,
                percent,
                &recorded.at,
                amended,
                outcome,
            );
            writeln!(out, "{}", line.text(lang))?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct BatchSummary<'a> {
    /// The import's number (#N), to find it in `tasks imports` and void it
    /// whole; none for a dry run.
    import: Option<i64>,
    file: &'a str,
    /// The worksheet read, for a workbook.
    sheet: Option<&'a str>,
    /// True for `--dry-run`: nothing was written.
    dry_run: bool,
    entries: usize,
    added: usize,
    /// Entries the same as ones recorded before, skipped.
    already_recorded: usize,
    /// Entries that repeat an earlier row of the same file, skipped.
    repeated_in_file: usize,
    /// Task ids of form rows left untouched (no status, no note).
    left_blank: &'a [String],
    /// Columns of the file that are not read.
    unread_columns: &'a [String],
    /// With `--dry-run`: each entry and what would become of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<&'a [DryRow]>,
}

fn run_batch(
    file: &std::path::Path,
    args: &FeedbackArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let shown = file.display().to_string();
    let lang = ctx.lang;
    let input = super::load::open_input_file(file, &shown, MAX_BATCH_BYTES, m::the_return_file)?;
    let unreadable = |e: std::io::Error| super::load::unreadable(&shown, e);
    let options = batch::Options {
        division: args.division.clone(),
        sheet: args.sheet.clone(),
    };
    let (input, digest) = batch::Hashed::new(input);
    let reader = batch::Reader::new(&shown, input, &options).map_err(unreadable)?;
    let opened = if args.dry_run {
        Store::open(&ctx.db, Access::Existing)
    } else {
        ctx.check_writable_now()
            .and_then(|()| Store::open(&ctx.db, Access::Existing))
    };
    let store = match opened {
        Ok(store) => store,
        // Problems of the file itself come first, as when it is read
        // before the database is opened.
        Err(e) => {
            read_form(reader, &shown, lang).map_err(unreadable)??;
            return Err(e);
        }
    };
    let digest = || digest.hex();
    // A count of entries on a terminal when the import takes long.
    let progress = crate::progress::Progress::start(
        crate::messages::progress_importing(shown.clone()),
        lang,
        crate::progress::Count::Open(crate::messages::progress_entries()),
    );
    let work = |store: &Store| {
        recording::import(
            store,
            &shown,
            reader,
            &digest,
            ctx.clock,
            lang,
            args.dry_run,
        )
    };
    let imported = if args.dry_run {
        store.trial(work)
    } else {
        store.write(work)
    };
    drop(progress);
    let imported = imported.map_err(|e| match e.downcast::<std::io::Error>() {
        Ok(e) => unreadable(e).into(),
        Err(e) => e,
    })?;
    let Imported {
        number,
        entries,
        skipped,
        ready,
        added,
        finished,
        rows,
        sheet,
        problems,
    } = imported;
    let summary = BatchSummary {
        import: number.filter(|_| !args.dry_run),
        file: &shown,
        sheet: sheet.as_deref(),
        dry_run: args.dry_run,
        entries,
        added,
        already_recorded: skipped,
        repeated_in_file: ready - added,
        left_blank: &finished.left_blank,
        unread_columns: &finished.unread_columns,
        rows: rows.as_deref(),
    };
    for column in &finished.unread_columns {
        m::warn(lang, &m::column_not_read(&shown, column));
    }
    match args.format {
        SummaryFormat::Json => write_json(&summary, out)?,
        SummaryFormat::Text => {
            if let Some(rows) = &summary.rows {
                write_dry_rows(rows, lang, ctx.layout, out)?;
            }
            writeln!(out, "{}", summary_line(&summary, lang))?;
        }
    }
    if let Some(problems) = problems {
        return Err(UserError::Returns(problems).into());
    }
    Ok(())
}

/// The one line that says what an import did, or what a dry run would do.
fn summary_line(s: &BatchSummary, lang: Lang) -> String {
    let plain = escape_control(s.file);
    let (n, added, old, repeated) = (s.entries, s.added, s.already_recorded, s.repeated_in_file);
    let file = match s.import {
        Some(number) if added > 0 => m::file_of_import(&plain, number),
        _ => Msg::same(plain.clone()),
    };
    let mut line = match (s.dry_run, added, old) {
        (false, 0, _) if old == n && n > 0 => m::all_recorded_before(&plain, n),
        (false, 0, 0) if n == 0 => m::no_entries_to_record(&plain),
        (false, 1, 0) if repeated == 0 => m::recorded_one_from(file),
        (false, _, 0) if repeated == 0 => m::recorded_n_from(added, file),
        (false, _, 0) => m::recorded_some_from(added, n, file),
        (false, _, _) => m::recorded_some_before(added, n, file, old),
        (true, _, _) => m::dry_run_of(file, added, n, old),
    };
    if repeated > 0 {
        line = line.join("", &m::repeated_rows_skipped(repeated));
    }
    if !s.left_blank.is_empty() {
        let ids = Msg::list(s.left_blank).map(escape_control);
        line = line.join(
            "",
            &match s.left_blank.len() {
                1 => m::one_row_left_blank(ids),
                n => m::rows_left_blank(n, ids),
            },
        );
    }
    line.text(lang).to_string()
}

fn write_dry_rows(
    rows: &[DryRow],
    lang: Lang,
    layout: Layout,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use Fit::{Fixed, Wrap};
    let mut grid = Grid::new(&[
        (Fixed, lang.pick("Row", "行")),
        (Fixed, lang.pick("Task", "任务")),
        (Fixed, lang.pick("Division", "处室")),
        (Fixed, lang.pick("Status", "状态")),
        (Fixed, "%"),
        (Wrap, lang.pick("Note", "情况说明")),
        (Fixed, lang.pick("By", "填报人")),
        (Fixed, lang.pick("At", "填报时间")),
        (Fixed, lang.pick("Outcome", "处理")),
    ]);
    for r in rows {
        grid.push(vec![
            r.row.map(|n| n.to_string()).unwrap_or_default(),
            r.task.clone(),
            r.division.clone(),
            r.status.label(lang).to_string(),
            r.percent.map(|p| p.to_string()).unwrap_or_default(),
            r.note.clone(),
            r.by.clone(),
            r.at.clone()
                .unwrap_or_else(|| lang.pick("(now)", "(导入时)").to_string()),
            match (r.outcome, lang) {
                ("record", _) => lang.pick("record", "记录"),
                ("recorded-before", _) => lang.pick("recorded before", "此前已导入"),
                _ => lang.pick("repeats an earlier row", "与前面的行重复"),
            }
            .to_string(),
        ]);
    }
    grid.write_table(layout, out)
}

/// Reads a batch file only for its form: `Err` with its problems, if any.
fn read_form<R: std::io::Read>(
    mut reader: batch::Reader<R>,
    path: &str,
    lang: Lang,
) -> std::io::Result<anyhow::Result<()>> {
    while reader.next_entry()?.is_some() {
        reader.release();
    }
    let sheet = reader.sheet_name().map(str::to_string);
    Ok(match reader.finish()? {
        Ok(_) => Ok(()),
        Err(problems) => {
            Err(
                UserError::Returns(problems.into_errors(path, sheet.as_deref(), lang, false))
                    .into(),
            )
        }
    })
}
