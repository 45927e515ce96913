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
        return Err(UserError::usage(format!(
            "{flag} is for a return file: give it with --from FILE"
        ))
        .into());
    }
    let (Some(task), Some(division), Some(status)) = (&args.task, &args.division, &args.status)
    else {
        return Err(UserError::usage("give TASK, --division and --status, or --from FILE").into());
    };
    let lang = ctx.lang;
    let amends = match &args.amend {
        Some(text) => Some(
            recording::number(text)
                .map_err(|r| UserError::usage(format!("--amend: {}", r.message(lang))))?,
        ),
        None => None,
    };
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    let (task, obligation) =
        recording::split_obligation(task).map_err(|r| UserError::usage(r.message(lang)))?;
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
        let lines: Vec<String> = rejects
            .into_iter()
            .map(|(field, r)| {
                let flag = match field {
                    Field::Division => "--division: ",
                    Field::Status => "--status: ",
                    Field::Percent => "--percent: ",
                    Field::At => "--at: ",
                    Field::Task if amends.is_some() => "--amend: ",
                    _ => "",
                };
                format!("{flag}{}", r.message(lang))
            })
            .collect();
        UserError::usage(lines.join("\n")).into()
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
            let via = if entry.target.assignee != entry.target.unit {
                match lang {
                    Lang::En => format!(" (for {})", escape_control(&entry.target.assignee)),
                    Lang::Zh => format!("(代表{})", escape_control(&entry.target.assignee)),
                }
            } else {
                String::new()
            };
            let unit = escape_control(&entry.target.unit);
            let id = escape_control(&key.id);
            let on = match entry.obligation {
                Some(n) => format!("{id}#{n}"),
                None => id.clone(),
            };
            let n = entered.number;
            let mut outcome = match (entry.obligation, lang) {
                (None, Lang::En) => format!("Task {id} is now {}.", now_status.id()),
                (None, Lang::Zh) => format!("任务 {id} 当前状态:{}。", now_status.chinese()),
                (Some(_), Lang::En) if obligation_met => format!("Obligation {on} is met."),
                (Some(_), Lang::En) => format!("Obligation {on} is still open."),
                (Some(_), Lang::Zh) if obligation_met => format!("时限事项 {on} 已完成。"),
                (Some(_), Lang::Zh) => format!("时限事项 {on} 仍未完成。"),
            };
            if let Some((later, at)) = &entered.later {
                outcome += &match lang {
                    Lang::En => format!(
                        " Entry #{later} of {at} is later and still decides {unit}'s status."
                    ),
                    Lang::Zh => format!("#{later}({at})日期更晚，仍以其确定{unit}的状态。"),
                };
            }
            let amended = match (&entered.amended, lang) {
                (Some(v), Lang::En) => {
                    format!(" It amends #{} (voided by #{}).", v.record.number, v.number)
                }
                (Some(v), Lang::Zh) => {
                    format!("更正 #{}(已由 #{} 撤销)。", v.record.number, v.number)
                }
                (None, _) => String::new(),
            };
            match lang {
                Lang::En => writeln!(
                    out,
                    "Recorded #{n}: task {on}, {unit}{via}: {}{percent} at {}.{amended} {outcome}",
                    entry.status.id(),
                    recorded.at,
                )?,
                Lang::Zh => writeln!(
                    out,
                    "已记录 #{n}:任务 {on},{unit}{via}:{}{percent},{}。{amended}{outcome}",
                    entry.status.chinese(),
                    recorded.at,
                )?,
            }
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
    let input = super::load::open_input_file(
        file,
        &shown,
        MAX_BATCH_BYTES,
        "the return file (a workbook, CSV or TOML)",
    )?;
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
        eprintln!(
            "{}",
            escape_control(&match lang {
                Lang::En => format!("warning: {shown}: column {column} is not read"),
                Lang::Zh => format!("警告:{shown}:未读取 {column} 列"),
            })
        );
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
    let file = &match s.import {
        Some(number) if added > 0 => format!("{plain} (import #{number})"),
        _ => plain.clone(),
    };
    let mut line = match (lang, s.dry_run, added, old) {
        (Lang::En, false, 0, _) if old == n && n > 0 => {
            format!("{plain}: all {n} entries were recorded before; nothing added.")
        }
        (Lang::En, false, 0, 0) if n == 0 => format!("{plain}: no entries to record."),
        (Lang::En, false, 1, 0) if repeated == 0 => format!("Recorded 1 entry from {file}."),
        (Lang::En, false, _, 0) if repeated == 0 => format!("Recorded {added} entries from {file}."),
        (Lang::En, false, _, 0) => format!("Recorded {added} of {n} entries from {file}."),
        (Lang::En, false, _, _) => {
            format!("Recorded {added} of {n} entries from {file}; {old} were recorded before.")
        }
        (Lang::En, true, _, _) => format!(
            "Dry run of {file}: {added} of {n} entries would be recorded; {old} were recorded before. Nothing was written."
        ),
        (Lang::Zh, false, 0, _) if old == n && n > 0 => {
            format!("{plain}:{n} 条反馈均已导入过,未新增。")
        }
        (Lang::Zh, false, 0, 0) if n == 0 => format!("{plain}:没有可导入的反馈。"),
        (Lang::Zh, false, _, 0) if repeated == 0 => format!("已从 {file} 导入 {added} 条反馈。"),
        (Lang::Zh, false, _, 0) => format!("已从 {file} 导入 {added} 条反馈(共 {n} 条)。"),
        (Lang::Zh, false, _, _) => {
            format!("已从 {file} 导入 {added} 条反馈(共 {n} 条);另有 {old} 条此前已导入。")
        }
        (Lang::Zh, true, _, _) => format!(
            "试导入 {file}:共 {n} 条,将记录 {added} 条,{old} 条此前已导入。未写入任何内容。"
        ),
    };
    if repeated > 0 {
        line += &match lang {
            Lang::En => {
                format!(" {repeated} repeated an earlier row of the file and were skipped.")
            }
            Lang::Zh => format!("其中 {repeated} 条与文件中前面的行重复,已跳过。"),
        };
    }
    if !s.left_blank.is_empty() {
        let ids = escape_control(&s.left_blank.join(", "));
        line += &match (lang, s.left_blank.len()) {
            (Lang::En, 1) => format!(" 1 row was left blank ({ids})."),
            (Lang::En, n) => format!(" {n} rows were left blank ({ids})."),
            (Lang::Zh, n) => format!("另有 {n} 行未填写({ids})。"),
        };
    }
    line
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
