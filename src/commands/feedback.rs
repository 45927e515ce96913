//! `tasks feedback`: one entry from the command line, or a return file.
//!
//! Both ways go through the same two steps: `clean` reads the values as
//! people write them, `admit` applies the rules of what may be recorded.
//! A return file is recorded all or nothing, and an entry that equals one
//! recorded before (`Store::same_as`) is skipped.

use std::collections::{HashMap, VecDeque};
use std::io::Write;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::app::Ctx;
use crate::batch::{self, Cell, RawEntry};
use crate::cli::{FeedbackArgs, SummaryFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::refusal::{Field, Refusal};
use crate::render::{escape_control, write_json, Grid};
use crate::spelling;
use crate::status::Status;
use crate::store::{Access, NewFeedback, Store, Target, TaskKey};
use crate::time::{format_time, record_time};
use crate::view::{latest_status, task_status};

/// Batch files larger than this are refused before they are read.
const MAX_BATCH_BYTES: u64 = 1024 * 1024 * 1024;

/// A refusal and the part of the entry it is about.
type Rejects = Vec<(Field, Refusal)>;

/// An entry as given, before its values are read.
struct Given<'a> {
    /// N of `TASK#N`.
    obligation: Option<u32>,
    division: &'a str,
    status: &'a str,
    percent: Option<&'a str>,
    note: &'a str,
    by: &'a str,
    at: Option<&'a str>,
}

/// An entry's values as read, before the rules are applied.
struct Clean {
    obligation: Option<u32>,
    division: String,
    status: Status,
    percent: Option<u8>,
    note: String,
    by: String,
    /// The time stated, if any.
    at: Option<NaiveDateTime>,
}

/// Reads an entry's values, every problem of them at once.
fn clean(given: &Given) -> Result<Clean, Rejects> {
    let mut rejects = Vec::new();
    let status = match spelling::status(given.status) {
        Some(Status::Closed) => {
            rejects.push((Field::Status, Refusal::ClosedIsTheOffices));
            None
        }
        Some(Status::Withdrawn) => {
            rejects.push((Field::Status, Refusal::WithdrawnIsNotReported));
            None
        }
        Some(s) => Some(s),
        None => {
            let text = spelling::trim(given.status).to_string();
            rejects.push((Field::Status, Refusal::UnknownStatus(text)));
            None
        }
    };
    let percent = match given.percent.map(|p| (p, spelling::percent(p))) {
        None => None,
        Some((_, Ok(p))) => Some(p),
        Some((text, Err(why))) => {
            let text = spelling::trim(text).to_string();
            rejects.push((Field::Percent, Refusal::Percent { text, why }));
            None
        }
    };
    let percent = match (status, percent) {
        (Some(Status::Done), Some(p)) if p < 100 => {
            rejects.push((Field::Percent, Refusal::DoneNot100(p)));
            None
        }
        (Some(Status::Done), None) => Some(100),
        (_, p) => p,
    };
    let at = match given.at {
        None => None,
        Some(text) => match record_time(text).or_else(|e| spelling::excel_serial(text).ok_or(e)) {
            Ok(t) => Some(t),
            Err(why) => {
                let text = spelling::trim(text).to_string();
                rejects.push((Field::At, Refusal::Time { text, why }));
                None
            }
        },
    };
    match status {
        Some(status) if rejects.is_empty() => Ok(Clean {
            obligation: given.obligation,
            division: spelling::trim(given.division).to_string(),
            status,
            percent,
            note: spelling::trim(given.note).to_string(),
            by: spelling::trim(given.by).to_string(),
            at,
        }),
        _ => Err(rejects),
    }
}

/// The time of a record given with `--at` (else now): not in the future, not
/// before the plan was issued. Told in English.
pub fn check_time(
    store: &Store,
    task: &TaskKey,
    text: Option<&str>,
    now: NaiveDateTime,
) -> anyhow::Result<Result<NaiveDateTime, String>> {
    let at = match text.map(record_time) {
        None => now,
        Some(Ok(at)) => at,
        Some(Err(why)) => return Ok(Err(why.text(text.unwrap_or_default(), Lang::En))),
    };
    let issued = store.plan_issued(task)?;
    Ok(time_within(issued.as_deref(), task, at, now).map_err(|r| r.message(Lang::En)))
}

/// A record's time: not in the future, not before the plan was issued.
fn time_within(
    issued: Option<&str>,
    task: &TaskKey,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, Refusal> {
    if at > now {
        return Err(Refusal::Future {
            at: format_time(at),
            now: format_time(now),
        });
    }
    if let Some(issued) = issued {
        if *format_time(at) < *issued {
            return Err(Refusal::BeforeIssued {
                at: format_time(at),
                plan: task.plan.clone(),
                issued: issued.to_string(),
            });
        }
    }
    Ok(at)
}

/// When obligation `n` of a task was opened, or why there is no such
/// obligation.
fn obligation_opened(
    store: &Store,
    task: &TaskKey,
    n: u32,
) -> anyhow::Result<Result<NaiveDateTime, Refusal>> {
    let events = store.events(None, Some(&[task.pk]), crate::time::far_future())?;
    let opened: Vec<&crate::store::EventRow> = events
        .get(&task.pk)
        .map(|e| e.iter().filter(|e| e.obligation.is_some()).collect())
        .unwrap_or_default();
    match opened.iter().find(|e| e.obligation == Some(n)) {
        Some(e) => Ok(Ok(
            crate::time::parse_at(&e.at).unwrap_or(NaiveDateTime::MIN)
        )),
        None if opened.is_empty() => Ok(Err(Refusal::NoObligations {
            task: task.id.clone(),
        })),
        None => Ok(Err(Refusal::NoSuchObligation {
            task: task.id.clone(),
            n,
            open: opened
                .iter()
                .filter_map(|e| e.obligation)
                .map(|k| format!("{}#{k}", task.id))
                .collect(),
        })),
    }
}

/// Splits `TASK#N` into the task reference and N.
pub fn split_obligation(reference: &str) -> Result<(&str, Option<u32>), Refusal> {
    match reference.rsplit_once('#') {
        None => Ok((reference, None)),
        Some((task, n)) => match n.parse::<u32>() {
            Ok(n) if n > 0 => Ok((task, Some(n))),
            _ => Err(Refusal::ObligationRef(reference.to_string())),
        },
    }
}

/// What a batch has looked up already: tasks' statuses, plans' issue dates
/// and whom each division reports for, so that each is read once per batch.
/// Kept small: a batch may name every task of a large plan.
#[derive(Default)]
pub struct Seen {
    statuses: HashMap<i64, Status>,
    /// Plan → its issue date.
    issued: HashMap<String, Option<String>>,
    /// (task, division as given) → (unit, assignee), the division's number
    /// in `divisions`, the units' names in `units`.
    targets: HashMap<(i64, u32), (i64, i64)>,
    divisions: HashMap<String, u32>,
    units: HashMap<i64, String>,
}

impl Seen {
    fn target(&self, task: &TaskKey, division: &str) -> Option<Target> {
        let division = self.divisions.get(division)?;
        let &(unit_pk, assignee_pk) = self.targets.get(&(task.pk, *division))?;
        Some(Target {
            task: task.clone(),
            unit_pk,
            unit: self.units.get(&unit_pk)?.clone(),
            assignee_pk,
            assignee: self.units.get(&assignee_pk)?.clone(),
        })
    }

    fn remember_target(&mut self, division: &str, t: &Target) {
        let next = u32::try_from(self.divisions.len()).unwrap_or(u32::MAX);
        let division = *self.divisions.entry(division.to_string()).or_insert(next);
        self.targets
            .insert((t.task.pk, division), (t.unit_pk, t.assignee_pk));
        for (pk, name) in [(t.unit_pk, &t.unit), (t.assignee_pk, &t.assignee)] {
            self.units.entry(pk).or_insert_with(|| name.clone());
        }
    }
}

/// Applies the rules of what may be recorded to an entry read by `clean`:
/// the time is not before the plan was issued nor after now, an obligation
/// reported on exists and was opened before, the task still takes
/// feedback, and the division is assigned to it.
fn admit(
    store: &Store,
    task: &TaskKey,
    c: &Clean,
    now: NaiveDateTime,
    seen: &mut Seen,
) -> anyhow::Result<Result<NewFeedback, Rejects>> {
    let mut rejects = Vec::new();
    if !seen.issued.contains_key(&task.plan) {
        let issued = store.plan_issued(task)?;
        seen.issued.insert(task.plan.clone(), issued);
    }
    let issued = seen.issued.get(&task.plan).and_then(Option::as_deref);
    let at = c.at.unwrap_or(now);
    if let Err(r) = time_within(issued, task, at, now) {
        rejects.push((Field::At, r));
    }
    if let Some(n) = c.obligation {
        match obligation_opened(store, task, n)? {
            Err(r) => rejects.push((Field::Task, r)),
            Ok(opened) if at < opened => rejects.push((
                if c.at.is_some() {
                    Field::At
                } else {
                    Field::Task
                },
                Refusal::BeforeObligation {
                    at: format_time(at),
                    given: c.at.is_some(),
                    task: task.id.clone(),
                    n,
                    opened: format_time(opened),
                },
            )),
            Ok(_) => {}
        }
    }
    let current = match seen.statuses.get(&task.pk) {
        Some(s) => *s,
        None => {
            let s = latest_status(store, task)?;
            seen.statuses.insert(task.pk, s);
            s
        }
    };
    match current {
        Status::Withdrawn => rejects.push((Field::Task, Refusal::TaskWithdrawn(task.id.clone()))),
        Status::Closed => rejects.push((Field::Task, Refusal::TaskClosed(task.id.clone()))),
        _ => {}
    }
    let target = match seen.target(task, &c.division) {
        Some(t) => Some(t),
        None => match store.feedback_target(task, &c.division)? {
            Ok(t) => {
                seen.remember_target(&c.division, &t);
                Some(t)
            }
            Err(why) => {
                rejects.push((Field::Division, Refusal::Division(why)));
                None
            }
        },
    };
    Ok(match target {
        Some(target) if rejects.is_empty() => Ok(NewFeedback {
            target,
            status: c.status,
            percent: c.percent,
            note: c.note.clone(),
            by: c.by.clone(),
            at,
            at_given: c.at.is_some(),
            obligation: c.obligation,
        }),
        _ => Err(rejects),
    })
}

#[derive(Serialize)]
struct Recorded<'a> {
    plan: &'a str,
    task: &'a str,
    obligation: Option<u32>,
    division: &'a str,
    assignee: &'a str,
    status: Status,
    percent: Option<u8>,
    at: String,
    task_status: Status,
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
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    let lang = ctx.lang;
    let (task, obligation) =
        split_obligation(task).map_err(|r| UserError::usage(r.message(lang)))?;
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
                    _ => "",
                };
                format!("{flag}{}", r.message(lang))
            })
            .collect();
        UserError::usage(lines.join("\n")).into()
    };
    let clean = clean(&given).map_err(refused)?;
    // The checks and the record in one write transaction: no reload or
    // review can slip in between.
    let entry = store.write(|store| {
        let entry =
            admit(store, &key, &clean, ctx.clock, &mut Seen::default())?.map_err(refused)?;
        store.record_feedback([Ok(&entry)], ctx.clock)?;
        Ok(entry)
    })?;
    let now_status = task_status(&store, &key, ctx.clock)?;
    let obligation_met = match entry.obligation {
        Some(n) => store
            .obligations_met(None, Some(&[key.pk]), ctx.clock)?
            .contains_key(&(key.pk, n)),
        None => false,
    };
    let recorded = Recorded {
        plan: &key.plan,
        task: &key.id,
        obligation: entry.obligation,
        division: &entry.target.unit,
        assignee: &entry.target.assignee,
        status: entry.status,
        percent: entry.percent,
        at: format_time(entry.at),
        task_status: now_status,
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
            let outcome = match (entry.obligation, lang) {
                (None, Lang::En) => format!("Task {id} is now {}.", now_status.id()),
                (None, Lang::Zh) => format!("任务 {id} 当前状态:{}。", now_status.chinese()),
                (Some(_), Lang::En) if obligation_met => format!("Obligation {on} is met."),
                (Some(_), Lang::En) => format!("Obligation {on} is still open."),
                (Some(_), Lang::Zh) if obligation_met => format!("时限事项 {on} 已完成。"),
                (Some(_), Lang::Zh) => format!("时限事项 {on} 仍未完成。"),
            };
            match lang {
                Lang::En => writeln!(
                    out,
                    "Recorded: task {on}, {unit}{via}: {}{percent} at {}. {outcome}",
                    entry.status.id(),
                    recorded.at,
                )?,
                Lang::Zh => writeln!(
                    out,
                    "已记录:任务 {on},{unit}{via}:{}{percent},{}。{outcome}",
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

/// An entry of a dry run, and what would become of it.
#[derive(Serialize)]
struct DryRow {
    /// The row (a line of a text file, a sheet row), from 1.
    row: Option<usize>,
    task: String,
    division: String,
    status: Status,
    percent: Option<u8>,
    note: String,
    by: String,
    /// The time stated; null when the entry takes the time it is recorded.
    at: Option<String>,
    /// "record", "recorded-before" or "repeated-in-file".
    outcome: &'static str,
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
    let work = |store: &Store| import(store, &shown, reader, ctx.clock, lang, args.dry_run);
    let imported = if args.dry_run {
        store.trial(work)
    } else {
        store.write(work)
    };
    let imported = imported.map_err(|e| match e.downcast::<std::io::Error>() {
        Ok(e) => unreadable(e).into(),
        Err(e) => e,
    })?;
    let Imported {
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
                write_dry_rows(rows, lang, out)?;
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
    let file = escape_control(s.file);
    let (n, added, old, repeated) = (s.entries, s.added, s.already_recorded, s.repeated_in_file);
    let mut line = match (lang, s.dry_run, added, old) {
        (Lang::En, false, 0, _) if old == n && n > 0 => {
            format!("{file}: all {n} entries were recorded before; nothing added.")
        }
        (Lang::En, false, 0, 0) if n == 0 => format!("{file}: no entries to record."),
        (Lang::En, false, _, 0) if repeated == 0 => format!("Recorded {added} entries from {file}."),
        (Lang::En, false, _, 0) => format!("Recorded {added} of {n} entries from {file}."),
        (Lang::En, false, _, _) => {
            format!("Recorded {added} of {n} entries from {file}; {old} were recorded before.")
        }
        (Lang::En, true, _, _) => format!(
            "Dry run of {file}: {added} of {n} entries would be recorded; {old} were recorded before. Nothing was written."
        ),
        (Lang::Zh, false, 0, _) if old == n && n > 0 => {
            format!("{file}:{n} 条反馈均已导入过,未新增。")
        }
        (Lang::Zh, false, 0, 0) if n == 0 => format!("{file}:没有可导入的反馈。"),
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

fn write_dry_rows(rows: &[DryRow], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let mut grid = Grid::new(&[
        lang.pick("Row", "行"),
        lang.pick("Task", "任务"),
        lang.pick("Division", "处室"),
        lang.pick("Status", "状态"),
        "%",
        lang.pick("Note", "情况说明"),
        lang.pick("By", "填报人"),
        lang.pick("At", "填报时间"),
        lang.pick("Outcome", "处理"),
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
    grid.write_table(out)
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

/// What a batch import did.
pub struct Imported {
    /// Entries in the file.
    pub entries: usize,
    /// Entries the same as ones recorded before, skipped.
    pub skipped: usize,
    /// Entries checked and handed on to be recorded.
    pub ready: usize,
    /// Entries recorded: `ready` less those that repeat an earlier entry of
    /// the file.
    pub added: usize,
    pub finished: batch::Finished,
    /// With a dry run: every entry and what would become of it.
    rows: Option<Vec<DryRow>>,
    sheet: Option<String>,
    /// With a dry run: the problems found (a real import fails with them).
    problems: Option<batch::ReturnErrors>,
}

/// Imports a batch file, inside the caller's write transaction: each entry is
/// checked and recorded as it is read. Any problem rejects the whole batch
/// with every problem listed; the caller's transaction then records nothing.
/// A dry run (in a transaction the caller rolls back) lists each entry and
/// ends with its problems in `Imported::problems` rather than failing.
pub fn import<R: std::io::Read>(
    store: &Store,
    path: &str,
    reader: batch::Reader<R>,
    now: NaiveDateTime,
    lang: Lang,
    dry_run: bool,
) -> anyhow::Result<Imported> {
    let sheet = reader.sheet_name().map(str::to_string);
    let mut checked = Import {
        store,
        path,
        sheet: sheet.clone(),
        lang,
        reader: Some(reader),
        now,
        first_pk: store.next_feedback_pk()?,
        tasks: HashMap::new(),
        units: HashMap::new(),
        seen: Seen::default(),
        round: VecDeque::new(),
        problems: batch::Problems::default(),
        entries: 0,
        skipped: 0,
        repeated: 0,
        ready: 0,
        finished: None,
        rows: dry_run.then(Vec::new),
        failure: None,
    };
    let added = store.record_feedback(&mut checked, now);
    let added = match (added, checked.failure.take()) {
        (Ok(added), None) => added,
        (Err(_), Some(problems)) if dry_run => {
            return Ok(Imported {
                entries: checked.entries,
                skipped: checked.skipped,
                ready: checked.ready,
                added: checked.ready - checked.repeated,
                finished: checked.finished.take().unwrap_or_default(),
                rows: checked.rows.take(),
                sheet,
                problems: Some(problems),
            });
        }
        (Err(_), Some(problems)) => return Err(UserError::Returns(problems).into()),
        (Err(e), None) => return Err(e),
        (Ok(_), Some(problems)) => return Err(UserError::Returns(problems).into()),
    };
    Ok(Imported {
        entries: checked.entries,
        skipped: checked.skipped,
        ready: checked.ready,
        added,
        finished: checked.finished.take().unwrap_or_default(),
        rows: checked.rows.take(),
        sheet,
        problems: None,
    })
}

/// Entries read and looked up together: tasks, their statuses. Their lines
/// are kept by the reader until the next round.
const ROUND: usize = 4096;

/// The entries of a batch file, checked, as they are read: an iterator of
/// the entries to record, ending in an error if any entry has a problem.
/// Memory stays within a round of entries and what is looked up per task
/// and division.
struct Import<'a, R> {
    store: &'a Store,
    path: &'a str,
    sheet: Option<String>,
    lang: Lang,
    /// `None` once the file is read to its end.
    reader: Option<batch::Reader<R>>,
    now: NaiveDateTime,
    /// Entries recorded before this batch have a smaller pk.
    first_pk: i64,
    tasks: HashMap<(Option<String>, String), TaskKey>,
    /// (plan, division as given) → the unit it names, if any.
    units: HashMap<(String, String), Option<i64>>,
    seen: Seen,
    /// The entries of this round not yet checked.
    round: VecDeque<RawEntry>,
    /// Problems found by the checks.
    problems: batch::Problems,
    entries: usize,
    skipped: usize,
    repeated: usize,
    ready: usize,
    finished: Option<batch::Finished>,
    rows: Option<Vec<DryRow>>,
    /// The problems that end the import.
    failure: Option<batch::ReturnErrors>,
}

impl<R: std::io::Read> Iterator for Import<'_, R> {
    type Item = anyhow::Result<NewFeedback>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_checked().transpose()
    }
}

impl<R: std::io::Read> Import<'_, R> {
    fn next_checked(&mut self) -> anyhow::Result<Option<NewFeedback>> {
        while self.reader.is_some() {
            let Some(e) = self.round.pop_front() else {
                if !self.next_round()? {
                    self.finish()?;
                }
                continue;
            };
            let Some((entry, same)) = self.check_entry(&e)? else {
                continue;
            };
            let ok = self.problems.is_empty();
            let outcome = match same {
                Some(pk) if pk < self.first_pk => {
                    self.skipped += 1;
                    "recorded-before"
                }
                Some(_) => {
                    self.ready += 1;
                    self.repeated += 1;
                    "repeated-in-file"
                }
                None => {
                    self.ready += 1;
                    "record"
                }
            };
            if let Some(rows) = &mut self.rows {
                let row = match self.reader.as_mut() {
                    Some(reader) => reader.place(&e.row)?.map(|p| p.row),
                    None => None,
                };
                rows.push(DryRow {
                    row,
                    task: entry.target.task.id.clone(),
                    division: entry.target.unit.clone(),
                    status: entry.status,
                    percent: entry.percent,
                    note: entry.note.clone(),
                    by: entry.by.clone(),
                    at: entry.at_given.then(|| format_time(entry.at)),
                    outcome,
                });
            }
            // Once a problem is found, nothing more is written.
            if ok && outcome == "record" {
                return Ok(Some(entry));
            }
        }
        Ok(None)
    }

    /// Reads the next round of entries and looks up their tasks' statuses;
    /// false at the end of the file.
    fn next_round(&mut self) -> anyhow::Result<bool> {
        let Some(reader) = self.reader.as_mut() else {
            return Ok(false);
        };
        reader.release();
        let mut entries = Vec::new();
        while entries.len() < ROUND {
            match reader.next_entry()? {
                Some(e) => entries.push(e),
                None => break,
            }
        }
        if entries.is_empty() {
            return Ok(false);
        }
        self.entries += entries.len();
        if reader.failed() {
            return Ok(true);
        }
        let mut new_tasks: HashMap<i64, TaskKey> = HashMap::new();
        for e in &entries {
            if let Ok(key) = resolve(self.store, e, &mut self.tasks)? {
                if !self.seen.statuses.contains_key(&key.pk) {
                    new_tasks.entry(key.pk).or_insert(key);
                }
            }
        }
        // Statuses before this batch: a task's entries are written only
        // after its first round.
        self.seen.statuses.extend(crate::view::latest_statuses(
            self.store,
            new_tasks.values(),
        )?);
        self.round.extend(entries);
        Ok(true)
    }

    /// Checks one entry: the entry to record, and the first entry recorded
    /// that is the same, if any (by this batch or before it); `None` with
    /// its problems kept. An entry the same as one recorded before the batch
    /// is not held to the rules: the task may have been closed since.
    fn check_entry(&mut self, e: &RawEntry) -> anyhow::Result<Option<(NewFeedback, Option<i64>)>> {
        let reader_failed = self.reader.as_ref().is_some_and(|r| r.failed());
        if reader_failed {
            return Ok(None);
        }
        let key = match resolve(self.store, e, &mut self.tasks)? {
            Ok(key) => key,
            Err(r) => {
                self.problem(r, &e.task.cell)?;
                return Ok(None);
            }
        };
        let obligation = match split_obligation(&e.task.value) {
            Ok((_, n)) => n,
            Err(r) => {
                self.problem(r, &e.task.cell)?;
                return Ok(None);
            }
        };
        fn text(v: &Option<batch::Located>) -> &str {
            v.as_ref().map_or("", |l| l.value.as_str())
        }
        let given = Given {
            obligation,
            division: &e.division.value,
            status: &e.status.value,
            percent: e.percent.as_ref().map(|l| l.value.as_str()),
            note: text(&e.note),
            by: text(&e.by),
            at: e.at.as_ref().map(|l| l.value.as_str()),
        };
        let clean = match clean(&given) {
            Ok(c) => c,
            Err(rejects) => {
                self.rejects(e, rejects)?;
                return Ok(None);
            }
        };
        // The same as an entry recorded before: taken as it is.
        let memo = (key.plan.clone(), clean.division.clone());
        let unit = match self.units.get(&memo) {
            Some(unit) => *unit,
            None => {
                let unit = self.store.unit_of(&key, &clean.division)?;
                self.units.insert(memo, unit);
                unit
            }
        };
        let mut same = None;
        if let Some(unit_pk) = unit {
            let at = clean.at.unwrap_or(self.now);
            let probe = NewFeedback {
                target: Target {
                    task: key.clone(),
                    unit_pk,
                    unit: clean.division.clone(),
                    assignee_pk: unit_pk,
                    assignee: clean.division.clone(),
                },
                status: clean.status,
                percent: clean.percent,
                note: clean.note.clone(),
                by: clean.by.clone(),
                at,
                at_given: clean.at.is_some(),
                obligation: clean.obligation,
            };
            same = self.store.same_as(&probe)?;
            if same.is_some_and(|pk| pk < self.first_pk) {
                return Ok(Some((probe, same)));
            }
        }
        match admit(self.store, &key, &clean, self.now, &mut self.seen)? {
            Ok(entry) => Ok(Some((entry, same))),
            Err(rejects) => {
                self.rejects(e, rejects)?;
                Ok(None)
            }
        }
    }

    fn problem(&mut self, r: Refusal, cell: &Cell) -> anyhow::Result<()> {
        let place = match self.reader.as_mut() {
            Some(reader) => reader.place(cell)?,
            None => None,
        };
        self.problems.push(r, place);
        Ok(())
    }

    /// Keeps an entry's problems, each at the cell it is about.
    fn rejects(&mut self, e: &RawEntry, rejects: Rejects) -> anyhow::Result<()> {
        for (field, r) in rejects {
            let cell = match field {
                Field::Division => &e.division.cell,
                Field::Status => &e.status.cell,
                Field::Percent => e.percent.as_ref().map_or(&e.row, |l| &l.cell),
                Field::At => e.at.as_ref().map_or(&e.row, |l| &l.cell),
                Field::Note => e.note.as_ref().map_or(&e.row, |l| &l.cell),
                Field::By => e.by.as_ref().map_or(&e.row, |l| &l.cell),
                Field::Task | Field::Plan => &e.task.cell,
            };
            // A division given for the whole form is not in the row: the
            // problem is shown at the row's task id.
            let cell = if *cell == Cell::Nowhere {
                &e.task.cell
            } else {
                cell
            };
            self.problem(r, cell)?;
        }
        Ok(())
    }

    /// At the end of the file: the problems found, if any.
    fn finish(&mut self) -> anyhow::Result<()> {
        let Some(reader) = self.reader.take() else {
            return Ok(());
        };
        let sheet = self.sheet.clone();
        let problems = match reader.finish()? {
            Err(mut problems) => {
                // The rows' problems after those the reader found.
                problems.extend(std::mem::take(&mut self.problems));
                problems
            }
            Ok(finished) => {
                self.finished = Some(finished);
                std::mem::take(&mut self.problems)
            }
        };
        if problems.is_empty() {
            return Ok(());
        }
        let dry_run = self.rows.is_some();
        self.failure = Some(problems.into_errors(self.path, sheet.as_deref(), self.lang, dry_run));
        Err(anyhow::anyhow!("the return file has problems"))
    }
}

/// Resolves an entry's task once per batch: its id, in the plan the file
/// names if it names one.
fn resolve(
    store: &Store,
    e: &RawEntry,
    tasks: &mut HashMap<(Option<String>, String), TaskKey>,
) -> anyhow::Result<Result<TaskKey, Refusal>> {
    let memo = (e.plan.clone(), e.task.value.clone());
    if let Some(k) = tasks.get(&memo) {
        return Ok(Ok(k.clone()));
    }
    let task = match split_obligation(&e.task.value) {
        Ok((task, _)) => spelling::trim(task),
        Err(r) => return Ok(Err(r)),
    };
    let reference = match (&e.plan, task.contains(':')) {
        (Some(plan), false) => format!("{plan}:{task}"),
        _ => task.to_string(),
    };
    match store.resolve_task(&reference) {
        Ok(k) => {
            tasks.insert(memo, k.clone());
            Ok(Ok(k))
        }
        Err(err) => match err.downcast::<UserError>() {
            Ok(UserError::NoSuchTask { reference, .. }) => {
                let plan = reference_plan(&e.plan, task);
                Ok(Err(Refusal::NoSuchTask { reference, plan }))
            }
            Ok(UserError::AmbiguousTask { id, plans, .. }) => Ok(Err(Refusal::AmbiguousTask {
                id,
                plans: plans.split(", ").map(str::to_string).collect(),
            })),
            Ok(UserError::NoSuchPlan(plan)) => Ok(Err(Refusal::NoPlan(plan))),
            Ok(other) => Err(other.into()),
            Err(err) => Err(err),
        },
    }
}

/// The plan a task reference names: given with the file, or as PLAN:ID.
fn reference_plan(plan: &Option<String>, task: &str) -> Option<String> {
    plan.clone()
        .or_else(|| task.split_once(':').map(|(p, _)| p.to_string()))
}
