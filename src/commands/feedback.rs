//! `tasks feedback`: one entry from the command line, or a batch file.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;
use std::ops::Range;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::app::Ctx;
use crate::batch::{self, RawEntry};
use crate::cli::{FeedbackArgs, SummaryFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::plan::Diagnostic;
use crate::render::{escape_control, write_json};
use crate::status::Status;
use crate::store::{Access, NewFeedback, Store, Target, TaskKey};
use crate::time::{format_time, parse_at};
use crate::view::{latest_status, task_status};

/// Batch files larger than this are refused before they are read.
const MAX_BATCH_BYTES: u64 = 1024 * 1024 * 1024;

/// Which part of an entry a problem is about.
#[derive(Clone, Copy)]
enum Field {
    Task,
    Division,
    Status,
    Percent,
    At,
}

struct Reject(Field, String);

/// An entry as given, before it is checked against the plan.
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

/// The time of a record given with `--at` (else now): not in the future, not
/// before the plan was issued.
pub fn check_time(
    store: &Store,
    task: &TaskKey,
    text: Option<&str>,
    now: NaiveDateTime,
) -> anyhow::Result<Result<NaiveDateTime, String>> {
    Ok(time_within(
        store.plan_issued(task)?.as_deref(),
        task,
        text,
        now,
    ))
}

/// `check_time` with the plan's issue date given.
fn time_within(
    issued: Option<&str>,
    task: &TaskKey,
    text: Option<&str>,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, String> {
    let at = match text {
        None => now,
        Some(text) => match parse_at(text) {
            Ok(at) => at,
            Err(e) => return Err(format!("{text:?}: {e}")),
        },
    };
    if at > now {
        return Err(format!(
            "{} is in the future (now is {})",
            format_time(at),
            format_time(now)
        ));
    }
    if let Some(issued) = issued {
        if *format_time(at) < *issued {
            return Err(format!(
                "{} is before plan {} was issued ({issued})",
                format_time(at),
                task.plan
            ));
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
) -> anyhow::Result<Result<NaiveDateTime, String>> {
    let events = store.events(None, Some(&[task.pk]), crate::time::far_future())?;
    let opened: Vec<&crate::store::EventRow> = events
        .get(&task.pk)
        .map(|e| e.iter().filter(|e| e.obligation.is_some()).collect())
        .unwrap_or_default();
    match opened.iter().find(|e| e.obligation == Some(n)) {
        Some(e) => Ok(Ok(crate::time::parse_at(&e.at).unwrap_or(NaiveDateTime::MIN))),
        None if opened.is_empty() => Ok(Err(format!(
            "task {} has no obligations: no event of an `after` rule was recorded (see `tasks event`)",
            task.id
        ))),
        None => Ok(Err(format!(
            "task {} has no obligation #{n}; its obligations are {}",
            task.id,
            opened
                .iter()
                .filter_map(|e| e.obligation)
                .map(|k| format!("{}#{k}", task.id))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Splits `TASK#N` into the task reference and N.
pub fn split_obligation(reference: &str) -> Result<(&str, Option<u32>), String> {
    match reference.rsplit_once('#') {
        None => Ok((reference, None)),
        Some((task, n)) => match n.parse::<u32>() {
            Ok(n) if n > 0 => Ok((task, Some(n))),
            _ => Err(format!(
                "{reference:?}: expected TASK#N with N a number from 1, e.g. 3.3#1"
            )),
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

/// Checks one entry against the SPEC's rules and the database: the division
/// is assigned to the task, the status is one a division reports, percent
/// fits, the time is not before the plan was issued nor after now, and the
/// task still takes feedback.
fn check(
    store: &Store,
    task: &TaskKey,
    given: &Given,
    now: NaiveDateTime,
    seen: &mut Seen,
) -> anyhow::Result<Result<NewFeedback, Reject>> {
    let status: Status = match given.status.parse() {
        Ok(Status::Closed) => {
            return Ok(Err(Reject(
                Field::Status,
                "closed (已销号) is the office's decision, made with `tasks review TASK --accept`".into(),
            )))
        }
        Ok(Status::Withdrawn) => {
            return Ok(Err(Reject(
                Field::Status,
                "withdrawn (已撤销) is not reported: a task is withdrawn by removing it from the plan file".into(),
            )))
        }
        Ok(s) => s,
        Err(_) => {
            return Ok(Err(Reject(
                Field::Status,
                format!(
                    "unknown status {:?}: expected not-started (未启动), in-progress (推进中), blocked (受阻) or done (已完成)",
                    given.status
                ),
            )))
        }
    };
    let percent = match given
        .percent
        .map(|p| p.trim().trim_end_matches('%').parse::<u8>())
    {
        None => None,
        Some(Ok(p)) if p <= 100 => Some(p),
        Some(_) => {
            return Ok(Err(Reject(
                Field::Percent,
                format!(
                    "percent {:?} is not a whole number from 0 to 100",
                    given.percent.unwrap_or_default()
                ),
            )))
        }
    };
    let percent = match (status, percent) {
        (Status::Done, Some(p)) if p < 100 => {
            return Ok(Err(Reject(
                Field::Percent,
                format!("done means 100%, not {p}%: report in-progress until the work is finished"),
            )))
        }
        (Status::Done, None) => Some(100),
        (_, p) => p,
    };
    if !seen.issued.contains_key(&task.plan) {
        let issued = store.plan_issued(task)?;
        seen.issued.insert(task.plan.clone(), issued);
    }
    let issued = seen.issued.get(&task.plan).and_then(Option::as_deref);
    let at = match time_within(issued, task, given.at, now) {
        Ok(at) => at,
        Err(message) => return Ok(Err(Reject(Field::At, message))),
    };
    if let Some(n) = given.obligation {
        match obligation_opened(store, task, n)? {
            Err(message) => return Ok(Err(Reject(Field::Task, message))),
            Ok(opened) if at < opened => {
                let (field, when) = match given.at {
                    Some(_) => (Field::At, format_time(at)),
                    None => (Field::Task, format!("now ({})", format_time(at))),
                };
                return Ok(Err(Reject(
                    field,
                    format!(
                        "{when} is before the event that opened {}#{n} ({})",
                        task.id,
                        format_time(opened)
                    ),
                )));
            }
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
        Status::Withdrawn => {
            return Ok(Err(Reject(
                Field::Task,
                format!(
                    "task {} was withdrawn from the plan; it takes no feedback",
                    task.id
                ),
            )))
        }
        Status::Closed => {
            return Ok(Err(Reject(
                Field::Task,
                format!(
                    "task {} is closed (已销号); it takes no more feedback",
                    task.id
                ),
            )))
        }
        _ => {}
    }
    let target = match seen.target(task, given.division) {
        Some(t) => t,
        None => match store.feedback_target(task, given.division) {
            Ok(t) => {
                seen.remember_target(given.division, &t);
                t
            }
            Err(e) if e.is::<UserError>() => {
                return Ok(Err(Reject(Field::Division, e.to_string())))
            }
            Err(e) => return Err(e),
        },
    };
    Ok(Ok(NewFeedback {
        target,
        status,
        percent,
        note: given.note.trim().to_string(),
        by: given.by.trim().to_string(),
        at,
        import_key: None,
        obligation: given.obligation,
    }))
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
        return run_batch(file, args.format, ctx, out);
    }
    let (Some(task), Some(division), Some(status)) = (&args.task, &args.division, &args.status)
    else {
        return Err(UserError::usage("give TASK, --division and --status, or --from FILE").into());
    };
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    let (task, obligation) = split_obligation(task).map_err(UserError::usage)?;
    let key = store.resolve_task(task)?;
    let percent = args.percent.clone();
    let given = Given {
        obligation,
        division,
        status,
        percent: percent.as_deref(),
        note: args.note.as_deref().unwrap_or(""),
        by: args.by.as_deref().unwrap_or(""),
        at: args.at.as_deref(),
    };
    // The checks and the record in one write transaction: no reload or
    // review can slip in between.
    let entry = store.write(|store| {
        let entry = match check(store, &key, &given, ctx.now, &mut Seen::default())? {
            Ok(entry) => entry,
            Err(Reject(field, message)) => {
                let flag = match field {
                    Field::Task => "",
                    Field::Division => "--division: ",
                    Field::Status => "--status: ",
                    Field::Percent => "--percent: ",
                    Field::At => "--at: ",
                };
                return Err(UserError::usage(format!("{flag}{message}")).into());
            }
        };
        store.record_feedback([Ok(&entry)], ctx.now)?;
        Ok(entry)
    })?;
    let now_status = task_status(&store, &key, ctx.now)?;
    let obligation_met = match entry.obligation {
        Some(n) => store
            .obligations_met(None, Some(&[key.pk]), ctx.now)?
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
            let lang = ctx.lang;
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
    entries: usize,
    added: usize,
    /// Entries recorded by an earlier import, skipped.
    already_recorded: usize,
    /// Entries that repeat an earlier row of the same file, skipped.
    repeated_in_file: usize,
}

fn run_batch(
    file: &std::path::Path,
    format: SummaryFormat,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let shown = file.display().to_string();
    let input = super::load::open_input_file(
        file,
        &shown,
        MAX_BATCH_BYTES,
        "the feedback file (CSV or TOML)",
    )?;
    let unreadable = |e: std::io::Error| super::load::unreadable(&shown, e);
    let reader = batch::Reader::new(&shown, input).map_err(unreadable)?;
    let store = match ctx
        .check_writable_now()
        .and_then(|()| Store::open(&ctx.db, Access::Existing))
    {
        Ok(store) => store,
        // Problems of the file itself come first, as when it is read
        // before the database is opened.
        Err(e) => {
            read_form(reader, &shown).map_err(unreadable)??;
            return Err(e);
        }
    };
    let imported = store
        .write(|store| import(store, &shown, reader, ctx.now))
        .map_err(|e| match e.downcast::<std::io::Error>() {
            Ok(e) => unreadable(e).into(),
            Err(e) => e,
        })?;
    let added = imported.added;
    let summary = BatchSummary {
        file: &shown,
        entries: imported.entries,
        added,
        already_recorded: imported.skipped,
        repeated_in_file: imported.ready - added,
    };
    match format {
        SummaryFormat::Json => write_json(&summary, out)?,
        SummaryFormat::Text => {
            let file = escape_control(&shown);
            let (n, old, repeated) = (
                summary.entries,
                summary.already_recorded,
                summary.repeated_in_file,
            );
            let mut line = match (ctx.lang, added, old) {
                (Lang::En, 0, _) if old == n => {
                    format!("{file}: all {n} entries were recorded before; nothing added.")
                }
                (Lang::En, _, 0) if repeated == 0 => {
                    format!("Recorded {added} entries from {file}.")
                }
                (Lang::En, _, 0) => format!("Recorded {added} of {n} entries from {file}."),
                (Lang::En, _, _) => format!(
                    "Recorded {added} of {n} entries from {file}; {old} were recorded before."
                ),
                (Lang::Zh, 0, _) if old == n => format!("{file}:{n} 条反馈均已导入过,未新增。"),
                (Lang::Zh, _, 0) if repeated == 0 => format!("已从 {file} 导入 {added} 条反馈。"),
                (Lang::Zh, _, 0) => format!("已从 {file} 导入 {added} 条反馈(共 {n} 条)。"),
                (Lang::Zh, _, _) => {
                    format!("已从 {file} 导入 {added} 条反馈(共 {n} 条);另有 {old} 条此前已导入。")
                }
            };
            if repeated > 0 {
                line += &match ctx.lang {
                    Lang::En => {
                        format!(" {repeated} repeated an earlier row of the file and were skipped.")
                    }
                    Lang::Zh => format!("其中 {repeated} 条与文件中前面的行重复,已跳过。"),
                };
            }
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// Reads a batch file only for its form: `Err` with its problems, if any.
fn read_form<R: std::io::Read>(
    mut reader: batch::Reader<R>,
    path: &str,
) -> std::io::Result<anyhow::Result<()>> {
    while reader.next_entry()?.is_some() {
        reader.release();
    }
    Ok(match reader.finish()? {
        Ok(_) => Ok(()),
        Err(problems) => Err(not_recorded(problems, path)),
    })
}

fn not_recorded(problems: batch::Problems, path: &str) -> anyhow::Error {
    UserError::Plan(problems.into_errors(path, "nothing was recorded")).into()
}

/// What a batch import did.
pub struct Imported {
    /// Entries in the file.
    pub entries: usize,
    /// Entries recorded by an earlier import, skipped.
    pub skipped: usize,
    /// Entries checked and handed on to be recorded.
    pub ready: usize,
    /// Entries recorded: `ready` less those that repeat an earlier entry of
    /// the file.
    pub added: usize,
}

/// Imports a batch file, inside the caller's write transaction: each entry is
/// checked and recorded as it is read. Any problem rejects the whole batch
/// with every problem listed; the caller's transaction then records nothing.
pub fn import<R: std::io::Read>(
    store: &Store,
    path: &str,
    reader: batch::Reader<R>,
    now: NaiveDateTime,
) -> anyhow::Result<Imported> {
    let mut checked = Import {
        store,
        path,
        reader: Some(reader),
        now,
        first_pk: store.next_feedback_pk()?,
        imported_before: store.any_imported()?,
        tasks: HashMap::new(),
        names: HashMap::new(),
        seen: Seen::default(),
        round: VecDeque::new(),
        problems: batch::Problems::default(),
        entries: 0,
        skipped: 0,
        ready: 0,
    };
    let added = store.record_feedback(&mut checked, now)?;
    Ok(Imported {
        entries: checked.entries,
        skipped: checked.skipped,
        ready: checked.ready,
        added,
    })
}

/// Entries read and looked up together: tasks, their statuses and import
/// keys. Their lines are kept by the reader until the next round.
const ROUND: usize = 4096;

/// The entries of a batch file, checked, as they are read: an iterator of
/// the entries to record, ending in an error if any entry has a problem.
/// Memory stays within a round of entries and what is looked up per task
/// and division.
struct Import<'a, R> {
    store: &'a Store,
    path: &'a str,
    /// `None` once the file is read to its end.
    reader: Option<batch::Reader<R>>,
    now: NaiveDateTime,
    /// Entries recorded before this batch have a smaller pk.
    first_pk: i64,
    /// Whether any entry was imported before this batch.
    imported_before: bool,
    tasks: HashMap<String, TaskKey>,
    /// The name of a division as given (an alias, say) in a plan.
    names: HashMap<(String, String), String>,
    seen: Seen,
    /// The entries of this round not yet checked, with their import keys.
    round: VecDeque<(RawEntry, Option<String>)>,
    /// Problems found by the checks.
    problems: batch::Problems,
    entries: usize,
    skipped: usize,
    ready: usize,
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
            let Some((e, key)) = self.round.pop_front() else {
                if !self.next_round()? {
                    self.finish()?;
                }
                continue;
            };
            // Once the file's form is wrong, only its form is reported.
            if self.reader.as_ref().is_some_and(|r| r.has_problems()) {
                continue;
            }
            match check_entry(
                self.store,
                &e,
                key,
                self.now,
                &mut self.tasks,
                &mut self.seen,
            )? {
                Ok(entry) if self.problems.is_empty() => {
                    self.ready += 1;
                    return Ok(Some(entry));
                }
                Ok(_) => {}
                Err((span, message)) => {
                    let excerpt = match self.reader.as_mut() {
                        Some(reader) => reader.excerpt(span.start)?,
                        None => None,
                    };
                    let problem = Diagnostic {
                        span: Some(span),
                        message,
                        expected: String::new(),
                    };
                    self.problems.push(problem, excerpt);
                }
            }
        }
        Ok(None)
    }

    /// Reads the next round of entries and looks up what they need; false
    /// at the end of the file.
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
        if reader.has_problems() {
            return Ok(true);
        }
        let store = self.store;
        // Entries recorded by an earlier import are skipped before any
        // check: the task may have been closed since.
        let mut keys: Vec<Option<String>> = Vec::with_capacity(entries.len());
        let mut new_tasks: HashMap<i64, TaskKey> = HashMap::new();
        for e in &entries {
            keys.push(match resolve(store, &e.task.value, &mut self.tasks)? {
                Ok(key) => {
                    if !self.seen.statuses.contains_key(&key.pk) {
                        new_tasks.entry(key.pk).or_insert_with(|| key.clone());
                    }
                    let given = e.division.value.trim();
                    let memo = (key.plan.clone(), given.to_string());
                    let division = match self.names.get(&memo) {
                        Some(name) => name.clone(),
                        None => {
                            let name = store
                                .canonical_unit(&key, given)?
                                .unwrap_or_else(|| given.to_string());
                            self.names.insert(memo, name.clone());
                            name
                        }
                    };
                    Some(import_key(&key, &division, e, self.now))
                }
                Err(_) => None,
            });
        }
        // Statuses before this batch: a task's entries are written only
        // after its first round.
        self.seen
            .statuses
            .extend(crate::view::latest_statuses(store, new_tasks.values())?);
        let known = if self.imported_before {
            let keys: Vec<&str> = keys.iter().flatten().map(String::as_str).collect();
            store.imported_before(&keys, self.first_pk)?
        } else {
            HashSet::new()
        };
        for (e, key) in entries.into_iter().zip(keys) {
            if key.as_ref().is_some_and(|k| known.contains(k)) {
                self.skipped += 1;
            } else {
                self.round.push_back((e, key));
            }
        }
        Ok(true)
    }

    /// At the end of the file: the problems found, if any.
    fn finish(&mut self) -> anyhow::Result<()> {
        let Some(reader) = self.reader.take() else {
            return Ok(());
        };
        match reader.finish()? {
            Err(problems) => Err(not_recorded(problems, self.path)),
            Ok(_) if !self.problems.is_empty() => {
                Err(not_recorded(std::mem::take(&mut self.problems), self.path))
            }
            Ok(_) => Ok(()),
        }
    }
}

/// Resolves a task reference once per batch.
fn resolve(
    store: &Store,
    reference: &str,
    tasks: &mut HashMap<String, TaskKey>,
) -> anyhow::Result<Result<TaskKey, String>> {
    if let Some(k) = tasks.get(reference) {
        return Ok(Ok(k.clone()));
    }
    let task = match split_obligation(reference) {
        Ok((task, _)) => task,
        Err(message) => return Ok(Err(message)),
    };
    match store.resolve_task(task) {
        Ok(k) => {
            tasks.insert(reference.to_string(), k.clone());
            Ok(Ok(k))
        }
        Err(err) if err.is::<UserError>() => Ok(Err(err.to_string())),
        Err(err) => Err(err),
    }
}

/// What makes a batch entry the same as one imported before: the task, the
/// division (an alias counts as its name), and every other field as written
/// in the file; an entry without `at` is the same only on the day it was
/// imported.
fn import_key(task: &TaskKey, division: &str, e: &RawEntry, now: NaiveDateTime) -> String {
    let text = |v: &Option<batch::Located>| {
        v.as_ref()
            .map(|l| l.value.trim().to_string())
            .unwrap_or_default()
    };
    let status = e
        .status
        .value
        .parse::<Status>()
        .map_or_else(|_| e.status.value.clone(), |s| s.id().to_string());
    let at =
        e.at.as_ref()
            .map(|l| parse_at(&l.value).map_or_else(|_| l.value.clone(), format_time));
    let obligation = split_obligation(&e.task.value)
        .ok()
        .and_then(|(_, n)| n)
        .map(|n| format!("#{n}"))
        .unwrap_or_default();
    [
        format!("{}:{}{obligation}", task.plan, task.id),
        division.to_string(),
        status,
        text(&e.percent),
        text(&e.note),
        text(&e.by),
        // An entry without a time is a report of the day it is imported.
        at.unwrap_or_else(|| format!("imported {}", now.date())),
    ]
    .join("\u{1f}")
}

type Checked = Result<NewFeedback, (Range<usize>, String)>;

fn check_entry(
    store: &Store,
    e: &RawEntry,
    import_key: Option<String>,
    now: NaiveDateTime,
    tasks: &mut HashMap<String, TaskKey>,
    seen: &mut Seen,
) -> anyhow::Result<Checked> {
    let key = match resolve(store, &e.task.value, tasks)? {
        Ok(k) => k,
        Err(message) => return Ok(Err((e.task.span.clone(), message))),
    };
    let text = |v: &Option<batch::Located>| v.as_ref().map(|l| l.value.clone()).unwrap_or_default();
    let obligation = match split_obligation(&e.task.value) {
        Ok((_, n)) => n,
        Err(message) => return Ok(Err((e.task.span.clone(), message))),
    };
    let given = Given {
        obligation,
        division: &e.division.value,
        status: &e.status.value,
        percent: e.percent.as_ref().map(|l| l.value.as_str()),
        note: &text(&e.note),
        by: &text(&e.by),
        at: e.at.as_ref().map(|l| l.value.as_str()),
    };
    Ok(match check(store, &key, &given, now, seen)? {
        Ok(mut entry) => {
            entry.import_key = import_key;
            Ok(entry)
        }
        Err(Reject(field, message)) => {
            let span = match field {
                Field::Task => e.task.span.clone(),
                Field::Division => e.division.span.clone(),
                Field::Status => e.status.span.clone(),
                Field::Percent => e
                    .percent
                    .as_ref()
                    .map_or(e.span.clone(), |l| l.span.clone()),
                Field::At => e.at.as_ref().map_or(e.span.clone(), |l| l.span.clone()),
            };
            Err((span, message))
        }
    })
}
