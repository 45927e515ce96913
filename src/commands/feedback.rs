//! `tasks feedback`: one entry from the command line, or a batch file.

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::app::Ctx;
use crate::batch::{self, RawEntry};
use crate::cli::{FeedbackArgs, SummaryFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::plan::{Diagnostic, PlanErrors};
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
    let at = match text {
        None => now,
        Some(text) => match parse_at(text) {
            Ok(at) => at,
            Err(e) => return Ok(Err(format!("{text:?}: {e}"))),
        },
    };
    if at > now {
        return Ok(Err(format!(
            "{} is in the future (now is {})",
            format_time(at),
            format_time(now)
        )));
    }
    if let Some(issued) = store.plan_issued(task)? {
        if format_time(at) < issued {
            return Ok(Err(format!(
                "{} is before plan {} was issued ({issued})",
                format_time(at),
                task.plan
            )));
        }
    }
    Ok(Ok(at))
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

/// What a batch has looked up already: tasks' statuses and whom each
/// division reports for, so that each is read once per batch.
#[derive(Default)]
pub struct Seen {
    statuses: HashMap<i64, Status>,
    targets: HashMap<(i64, String), Target>,
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
    let at = match check_time(store, task, given.at, now)? {
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
    let memo = (task.pk, given.division.to_string());
    let target = match seen.targets.get(&memo) {
        Some(t) => t.clone(),
        None => match store.feedback_target(task, given.division) {
            Ok(t) => {
                seen.targets.insert(memo, t.clone());
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
    let percent = args.percent.map(|p| p.to_string());
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
        store.record_feedback(std::slice::from_ref(&entry), ctx.now)?;
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
    let fail = |problems: Vec<Diagnostic>, source: String| -> anyhow::Error {
        UserError::Plan(PlanErrors {
            path: shown.clone(),
            source,
            problems,
            outcome: "nothing was recorded",
        })
        .into()
    };
    let bytes = super::load::read_input_file(
        file,
        &shown,
        MAX_BATCH_BYTES,
        "the feedback file (CSV or TOML)",
    )?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return Err(fail(
                vec![Diagnostic {
                    span: None,
                    message: format!("not a text file: invalid UTF-8 at byte {at}"),
                    expected: "CSV or TOML written as UTF-8".into(),
                }],
                String::new(),
            ));
        }
    };
    let entries = batch::read(&shown, &text).map_err(|p| fail(p, text.clone()))?;
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    let (checked, added) = store.write(|store| {
        let checked = check_all(store, &shown, &text, &entries, ctx.now)?;
        let added = store.record_feedback(&checked.ready, ctx.now)?;
        Ok((checked, added))
    })?;
    let summary = BatchSummary {
        file: &shown,
        entries: entries.len(),
        added,
        already_recorded: checked.skipped,
        repeated_in_file: checked.ready.len() - added,
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

/// Checks every entry of a batch; any problem rejects the whole batch with
/// every problem listed.
pub fn check_all(
    store: &Store,
    path: &str,
    text: &str,
    entries: &[RawEntry],
    now: NaiveDateTime,
) -> anyhow::Result<Batch> {
    let mut problems = Vec::new();
    let mut ready = Vec::with_capacity(entries.len());
    let mut tasks: HashMap<String, TaskKey> = HashMap::new();
    // Entries recorded by an earlier import are skipped before any check:
    // the task may have been closed since.
    let mut keys: Vec<Option<String>> = Vec::with_capacity(entries.len());
    let mut names: HashMap<(String, String), String> = HashMap::new();
    for e in entries {
        keys.push(match resolve(store, &e.task.value, &mut tasks)? {
            Ok(key) => {
                let given = e.division.value.trim();
                let memo = (key.plan.clone(), given.to_string());
                let division = match names.get(&memo) {
                    Some(name) => name.clone(),
                    None => {
                        let name = store
                            .canonical_unit(&key, given)?
                            .unwrap_or_else(|| given.to_string());
                        names.insert(memo, name.clone());
                        name
                    }
                };
                Some(import_key(&key, &division, e, now))
            }
            Err(_) => None,
        });
    }
    let mut seen = Seen {
        statuses: crate::view::latest_statuses(store, tasks.values())?,
        targets: HashMap::new(),
    };
    let known = store.known_import_keys(
        &keys
            .iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )?;
    let mut skipped = 0;
    for (e, key) in entries.iter().zip(keys) {
        if key.as_ref().is_some_and(|k| known.contains(k)) {
            skipped += 1;
            continue;
        }
        match check_entry(store, e, key, now, &mut tasks, &mut seen)? {
            Ok(entry) => ready.push(entry),
            Err((span, message)) => problems.push(Diagnostic {
                span: Some(span),
                message,
                expected: String::new(),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(UserError::Plan(PlanErrors {
            path: path.to_string(),
            source: text.to_string(),
            problems,
            outcome: "nothing was recorded",
        })
        .into());
    }
    Ok(Batch { ready, skipped })
}

/// The entries of a batch to record, and how many were recorded before.
pub struct Batch {
    pub ready: Vec<NewFeedback>,
    pub skipped: usize,
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
