//! A return file recorded all or nothing: each entry read, cleaned and
//! admitted as it comes, recorded in the same write transaction.

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::NaiveDateTime;
use serde::Serialize;

use super::{admit, clean, split_obligation, Given, Rejects, Seen};
use crate::batch::{self, Cell, RawEntry};
use crate::error::UserError;
use crate::lang::Lang;
use crate::refusal::{Field, Refusal};
use crate::spelling;
use crate::status::Status;
use crate::store::{ImportCounts, NewFeedback, Store, Target, TaskKey};
use crate::time::format_time;

/// An entry of a dry run, and what would become of it.
#[derive(Serialize)]
pub struct DryRow {
    /// The row (a line of a text file, a sheet row), from 1.
    pub row: Option<usize>,
    pub task: String,
    pub division: String,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: String,
    pub by: String,
    /// The time stated; null when the entry takes the time it is recorded.
    pub at: Option<String>,
    /// "record", "recorded-before" or "repeated-in-file".
    pub outcome: &'static str,
}

/// What a batch import did.
pub struct Imported {
    /// The import's number (#N); none when it recorded nothing.
    pub number: Option<i64>,
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
    pub rows: Option<Vec<DryRow>>,
    pub sheet: Option<String>,
    /// With a dry run: the problems found (a real import fails with them).
    pub problems: Option<batch::ReturnErrors>,
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
    digest: &dyn Fn() -> String,
    now: NaiveDateTime,
    lang: Lang,
    dry_run: bool,
) -> anyhow::Result<Imported> {
    let sheet = reader.sheet_name().map(str::to_string);
    // The import is a record of its own; its entries carry its number.
    let number = store.begin_import(path, "", sheet.as_deref(), now)?;
    let mut checked = Import {
        number,
        store,
        path,
        sheet: sheet.clone(),
        lang,
        reader: Some(reader),
        now,
        first_pk: store.next_feedback_pk()?,
        tasks: HashMap::new(),
        with_entries: HashSet::new(),
        recorded: HashSet::new(),
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
                number: None,
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
    let finished = checked.finished.take().unwrap_or_default();
    // An import that records nothing leaves no record: there is nothing of
    // it to take back.
    let number = if added == 0 {
        store.drop_import(number)?;
        None
    } else {
        store.finish_import(
            number,
            &digest(),
            ImportCounts {
                entries: checked.entries,
                added,
                left_blank: finished.left_blank.len(),
                skipped: checked.skipped,
                repeated: checked.ready - added,
            },
        )?;
        Some(number)
    };
    Ok(Imported {
        number,
        entries: checked.entries,
        skipped: checked.skipped,
        ready: checked.ready,
        added,
        finished,
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
    /// The import's number, carried by each entry it records.
    number: i64,
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
    /// The tasks that had entries before this batch (among those read so
    /// far).
    with_entries: HashSet<i64>,
    /// The sameness keys (`NewFeedback::same`) of the entries this batch
    /// records: an entry of a task without earlier entries can only be the
    /// same as one of them, and only if its key is among them.
    recorded: HashSet<i64>,
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
                self.recorded.insert(entry.same());
                let mut entry = entry;
                entry.import = Some(self.number);
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
        crate::progress::advance(entries.len() as u64);
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
        // Statuses and entries before this batch: a task's entries are
        // written only after its first round.
        let pks: Vec<i64> = new_tasks.keys().copied().collect();
        self.with_entries
            .extend(self.store.tasks_with_entries(&pks)?);
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
                import: None,
                amends: None,
            };
            if self.with_entries.contains(&key.pk) || self.recorded.contains(&probe.same()) {
                same = self.store.same_as(&probe)?;
            }
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
            Ok(UserError::AmbiguousTask { id, plans }) => {
                Ok(Err(Refusal::AmbiguousTask { id, plans }))
            }
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
