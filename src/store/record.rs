//! Feedback and reviews: writing them, and reading back what statuses and
//! reports are derived from.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{PkMap, Store, TaskKey};
use crate::refusal::{Assigned, NoTarget};
use crate::rollup::{Assignee, Decision, Entry, Reviews, Role};
use crate::status::Status;
use crate::time::format_time;

/// Who a feedback entry is from and which assignment it reports on.
#[derive(Debug, Clone)]
pub struct Target {
    pub task: TaskKey,
    /// The reporting division (or an assigned group without members).
    pub unit_pk: i64,
    pub unit: String,
    /// The assignee it reports for: the division itself, or its group.
    pub assignee_pk: i64,
    pub assignee: String,
}

/// What `Store::feedback_target_with` has read, for the next entries of a
/// batch: each (plan, division as given) and the unit it names, if any; the
/// assignments of the task last asked about (unit, name, kind, role, the
/// group's number of members), in the task's order; every group's members.
#[derive(Default)]
pub struct TargetLookup {
    units: HashMap<(String, String), Option<NamedUnit>>,
    assignments: Option<(i64, Vec<AssignedUnit>)>,
    members: Option<HashSet<(i64, i64)>>,
}

/// A unit: its key, name and kind.
type NamedUnit = (i64, String, String);

/// A unit assigned to a task: its key, name, kind, role, and its number of
/// members if it is a group.
type AssignedUnit = (i64, String, String, String, i64);

/// One feedback entry to record.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    pub target: Target,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: String,
    pub by: String,
    pub at: NaiveDateTime,
    /// Whether the time was stated (`--at`, a date in a return file), or is
    /// the time the entry was recorded.
    pub at_given: bool,
    /// N of `TASK#N` when the entry reports on an obligation.
    pub obligation: Option<u32>,
    /// The number of the batch import that records it.
    pub import: Option<i64>,
    /// The number of the entry it replaces (`feedback --amend`).
    pub amends: Option<i64>,
}

/// The key of `NewFeedback::same`: a 64-bit FNV-1a hash of the values that
/// make two entries the same, each preceded by its length, so that no
/// field's content can pass for another's.
#[allow(clippy::too_many_arguments)]
fn sameness_key(
    task_pk: i64,
    obligation: Option<u32>,
    unit_pk: i64,
    status: &str,
    percent: Option<u8>,
    note: &str,
    by: &str,
    when: &str,
) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(&task_pk.to_le_bytes());
    eat(&obligation.map_or(-1, i64::from).to_le_bytes());
    eat(&unit_pk.to_le_bytes());
    eat(status.as_bytes());
    eat(&percent.map_or(-1, i64::from).to_le_bytes());
    eat(note.as_bytes());
    eat(by.as_bytes());
    eat(when.as_bytes());
    hash as i64
}

/// The time part of sameness: the time stated, or the day recorded.
fn sameness_time(at: &str, given: bool) -> &str {
    if given {
        at
    } else {
        at.get(..10).unwrap_or(at)
    }
}

impl NewFeedback {
    /// The key that finds the entries recorded before that are the same as
    /// this one (`Store::same_as`).
    pub fn same(&self) -> i64 {
        let at = format_time(self.at);
        sameness_key(
            self.target.task.pk,
            self.obligation,
            self.target.unit_pk,
            self.status.id(),
            self.percent,
            &self.note,
            &self.by,
            sameness_time(&at, self.at_given),
        )
    }
}

/// What a task's status is derived from.
#[derive(Debug, Clone, Default)]
pub struct TaskFacts {
    pub withdrawn: bool,
    pub assignees: Vec<Assignee>,
    pub reviews: Reviews,
}

/// One line of a task's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryItem {
    pub at: String,
    /// "feedback", "review", "event", "reminder" or "void".
    pub kind: String,
    /// The reporting division, or the office for a review.
    pub who: String,
    /// The assignee the feedback counts for (a group, for its members).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// A status (feedback), a decision (review) or an event's kind.
    pub what: String,
    /// N of `TASK#N`: the obligation a feedback entry reports on, or the
    /// obligation an event opened.
    pub obligation: Option<u32>,
    pub percent: Option<u8>,
    pub note: String,
    pub by: String,
    pub recorded_at: String,
    /// The record's number (#N).
    pub number: i64,
    /// The system account that recorded it.
    pub recorded_by: String,
    /// The number of the void that took it back.
    pub voided_by: Option<i64>,
    /// For an entry: the number of the batch import that recorded it, and
    /// of the entry it amends.
    pub import: Option<i64>,
    pub amends: Option<i64>,
    /// For a void: the number of the record it voids.
    pub voids: Option<i64>,
}

/// The order of one assignee's entries: by time, then by content, so that
/// the latest entry never depends on the order of insertion. Fields are
/// joined with `|`, escaped inside the free-text fields, so that two entries
/// with different content never get the same key.
fn rank(e: &NewFeedback) -> String {
    let status = match e.status {
        Status::NotStarted => 0,
        Status::InProgress => 1,
        Status::Blocked => 2,
        _ => 3,
    };
    format!(
        "{}|{status}|{:03}|{}|{}|{}",
        format_time(e.at),
        e.percent.map_or(999, i32::from),
        rank_field(&e.target.unit),
        rank_field(&e.by),
        rank_field(&e.note)
    )
}

/// A text field of the order key, with `\` and `|` escaped.
fn rank_field(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['|', '\\']) {
        text.replace('\\', "\\\\").replace('|', "\\|").into()
    } else {
        text.into()
    }
}

/// An entry written by `Store::record_feedback`, the latest of its assignee
/// among those written so far, and its order key.
struct Latest {
    pk: i64,
    rank: String,
    unit_pk: i64,
    status: &'static str,
    percent: Option<u8>,
    note: String,
    by: String,
    at: String,
}

/// How many assignees' latest entries `Store::record_feedback` holds before
/// it writes them to the kept ones.
const LATEST_BUNCH: usize = 4096;

/// How many tasks `Store::refresh_states` reads at a time.
const REFRESH_CHUNK: usize = 5_000;

impl Store {
    /// The next number of the sequence shared by feedback, reviews,
    /// events, imports, reminders and voids. Called inside a write
    /// transaction.
    pub(super) fn next_seq(&self) -> anyhow::Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(m), 0) + 1 FROM (
                SELECT max(seq) AS m FROM feedback
                UNION ALL SELECT max(seq) FROM review
                UNION ALL SELECT max(seq) FROM event
                UNION ALL SELECT max(seq) FROM import
                UNION ALL SELECT max(seq) FROM reminder
                UNION ALL SELECT max(seq) FROM void)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Resolves which assignment of the task a division's feedback is for.
    pub fn feedback_target(
        &self,
        task: &TaskKey,
        division: &str,
    ) -> anyhow::Result<Result<Target, NoTarget>> {
        self.feedback_target_with(task, division, &mut TargetLookup::default())
    }

    /// `feedback_target`, with what it reads kept in `lookup` for the next
    /// entries of a batch: the divisions named, the assignments of the task
    /// last asked about, the groups' members.
    pub fn feedback_target_with(
        &self,
        task: &TaskKey,
        division: &str,
        lookup: &mut TargetLookup,
    ) -> anyhow::Result<Result<Target, NoTarget>> {
        let memo = (task.plan.clone(), division.to_string());
        let unit = match lookup.units.get(&memo) {
            Some(unit) => unit.clone(),
            None => {
                let unit: Option<NamedUnit> = self
                    .conn
                    .prepare_cached(
                        "SELECT u.pk, u.name, u.kind FROM unit u
                         WHERE u.plan_pk = (SELECT plan_pk FROM task WHERE pk = ?1) AND u.active
                           AND u.pk IN (SELECT pk FROM unit WHERE name = ?2
                                        UNION ALL SELECT unit_pk FROM unit_alias WHERE alias = ?2)",
                    )?
                    .query_row(params![task.pk, division], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()?;
                lookup.units.insert(memo, unit.clone());
                unit
            }
        };
        if lookup.members.is_none() {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT group_pk, member_pk FROM group_member")?;
            let pairs = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            lookup.members = Some(pairs);
        }
        if lookup
            .assignments
            .as_ref()
            .is_none_or(|(pk, _)| *pk != task.pk)
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT u.pk, u.name, u.kind, a.role,
                        (SELECT count(*) FROM group_member g WHERE g.group_pk = u.pk)
                 FROM assignment a JOIN unit u ON u.pk = a.unit_pk
                 WHERE a.task_pk = ?1 ORDER BY a.role = 'support', a.ord",
            )?;
            let rows = stmt
                .query_map(params![task.pk], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?
                .collect::<Result<_, _>>()?;
            lookup.assignments = Some((task.pk, rows));
        }
        let no_members = HashSet::new();
        let members = lookup.members.as_ref().unwrap_or(&no_members);
        let assignments: &[AssignedUnit] = lookup.assignments.as_ref().map_or(&[], |(_, a)| a);
        let assignees = || {
            assignments
                .iter()
                .map(|a| Assigned {
                    name: a.1.clone(),
                    role: a.3.clone(),
                })
                .collect::<Vec<_>>()
        };
        let Some((unit_pk, unit_name, kind)) = unit else {
            return Ok(Err(NoTarget::Unknown {
                division: division.to_string(),
                plan: task.plan.clone(),
                task: task.id.clone(),
                assignees: assignees(),
            }));
        };
        let target = |assignee_pk: i64, assignee: &str| Target {
            task: task.clone(),
            unit_pk,
            unit: unit_name.clone(),
            assignee_pk,
            assignee: assignee.to_string(),
        };
        if let Some(a) = assignments.iter().find(|a| a.0 == unit_pk) {
            if kind == "group" && a.4 > 0 {
                return Ok(Err(NoTarget::Group {
                    group: unit_name,
                    members: self.group_members(unit_pk)?,
                }));
            }
            return Ok(Ok(target(a.0, &a.1)));
        }
        if let Some(group) = assignments
            .iter()
            .find(|a| members.contains(&(a.0, unit_pk)))
        {
            return Ok(Ok(target(group.0, &group.1)));
        }
        Ok(Err(NoTarget::NotAssigned {
            division: unit_name,
            task: task.id.clone(),
            assignees: assignees(),
        }))
    }

    /// The name of the division or group `name` (a name or alias) in the
    /// plan of `task`.
    pub fn unit_of(&self, task: &TaskKey, name: &str) -> anyhow::Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT u.pk FROM unit u
                 WHERE u.plan_pk = (SELECT plan_pk FROM task WHERE pk = ?1)
                   AND u.pk IN (SELECT pk FROM unit WHERE name = ?2
                                UNION ALL SELECT unit_pk FROM unit_alias WHERE alias = ?2)",
            )?
            .query_row(params![task.pk, name], |r| r.get(0))
            .optional()?)
    }

    fn group_members(&self, group_pk: i64) -> anyhow::Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.name FROM group_member g JOIN unit m ON m.pk = g.member_pk
             WHERE g.group_pk = ?1 ORDER BY m.ord",
        )?;
        let names = stmt
            .query_map([group_pk], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(names)
    }

    /// The issue date of a task's plan, if the plan gives one.
    pub fn plan_issued(&self, task: &TaskKey) -> anyhow::Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT p.issued FROM plan p JOIN task t ON t.plan_pk = p.pk WHERE t.pk = ?1",
            )?
            .query_row([task.pk], |r| r.get(0))?)
    }

    /// The number the next feedback entry gets. Called inside a write
    /// transaction, it tells the entries recorded before from those recorded
    /// after.
    pub fn next_feedback_pk(&self) -> anyhow::Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(pk), 0) + 1 FROM feedback", [], |r| {
                r.get(0)
            })?)
    }

    /// Records entries in one transaction, taking them as they come: an
    /// error among them ends the call with that error. Entries whose import
    /// key was recorded before are skipped; returns how many were added.
    pub fn record_feedback<E: Borrow<NewFeedback>>(
        &self,
        entries: impl IntoIterator<Item = anyhow::Result<E>>,
        now: NaiveDateTime,
    ) -> anyhow::Result<usize> {
        self.write(|store| {
            // Numbers are given here, inside the write transaction, so that
            // the order key can end with the entry's number: of two entries
            // identical in time and content, the later one is the latest.
            let mut next = store.next_feedback_pk()?;
            let mut seq = store.next_seq()?;
            let mut insert = store.conn.prepare_cached(
                "INSERT INTO feedback (pk, task_pk, assignee_pk, unit_pk, status, percent, note, by,
                                       at, recorded_at, rank, at_given, obligation, seq, same,
                                       recorded_by, import_seq, amends)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                         ?16, ?17, ?18)",
            )?;
            let mut latest = store.conn.prepare_cached(
                "INSERT INTO latest (task_pk, assignee_pk, feedback_pk,
                                     unit_pk, status, percent, note, by, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (task_pk, assignee_pk) DO UPDATE
                 SET feedback_pk = excluded.feedback_pk, unit_pk = excluded.unit_pk,
                     status = excluded.status, percent = excluded.percent,
                     note = excluded.note, by = excluded.by, at = excluded.at
                 WHERE ?10 > (SELECT rank FROM feedback WHERE pk = latest.feedback_pk)",
            )?;
            let recorded_at = format_time(now);
            let mut added = 0;
            let mut touched = Vec::new();
            // The latest entry of each assignee among those written, by
            // (task, assignee). The kept latest entries are brought up to
            // date from them a bunch at a time, each once however many of
            // its entries the bunch holds; the order key decides, whatever
            // order they come in.
            let mut pending: HashMap<(i64, i64), Latest> = HashMap::new();
            let mut flush = |pending: &mut HashMap<(i64, i64), Latest>| {
                pending.drain().try_for_each(|((task, assignee), l)| {
                    latest
                        .execute(params![
                            task, assignee, l.pk, l.unit_pk, l.status, l.percent, l.note, l.by,
                            l.at, l.rank
                        ])
                        .map(drop)
                })
            };
            for e in entries {
                let e = e?;
                let e = e.borrow();
                let rank = format!("{}|{next:012}", rank(e));
                let at = format_time(e.at);
                let inserted = insert.execute(params![
                    next,
                    e.target.task.pk,
                    e.target.assignee_pk,
                    e.target.unit_pk,
                    e.status.id(),
                    e.percent,
                    e.note,
                    e.by,
                    at,
                    recorded_at,
                    rank,
                    e.at_given,
                    e.obligation,
                    seq,
                    e.same(),
                    crate::account::name(),
                    e.import,
                    e.amends,
                ])?;
                if inserted == 1 && e.obligation.is_none() {
                    let key = (e.target.task.pk, e.target.assignee_pk);
                    let kept = pending.get(&key);
                    if kept.is_none_or(|l| l.rank < rank) {
                        if kept.is_none() && pending.len() >= LATEST_BUNCH {
                            flush(&mut pending)?;
                        }
                        pending.insert(
                            key,
                            Latest {
                                pk: next,
                                rank,
                                unit_pk: e.target.unit_pk,
                                status: e.status.id(),
                                percent: e.percent,
                                note: e.note.clone(),
                                by: e.by.clone(),
                                at,
                            },
                        );
                    }
                    touched.push(e.target.task.pk);
                }
                added += inserted;
                next += inserted as i64;
                seq += inserted as i64;
            }
            flush(&mut pending)?;
            // The entries of this call are written: the states kept for
            // their tasks follow.
            touched.sort_unstable();
            touched.dedup();
            store.refresh_states(Some(&touched))?;
            Ok(added)
        })
    }

    /// Records one entry; returns its number.
    pub fn record_one(&self, e: &NewFeedback, now: NaiveDateTime) -> anyhow::Result<i64> {
        let number = self.next_seq()?;
        self.record_feedback([Ok(e)], now)?;
        Ok(number)
    }

    /// The number and time of an assignee's latest standing entry, the one
    /// that decides its status.
    pub fn latest_of(
        &self,
        task: &TaskKey,
        assignee_pk: i64,
    ) -> anyhow::Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT f.seq, f.at FROM latest l JOIN feedback f ON f.pk = l.feedback_pk
                 WHERE l.task_pk = ?1 AND l.assignee_pk = ?2",
            )?
            .query_row(params![task.pk, assignee_pk], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    /// Brings the states kept for `tasks` (every task if `None`) up to
    /// date: `task.state`, the status with everything recorded taken into
    /// account, and `task.returned_at`, the earliest of the assignees'
    /// latest returns ('' when one has never reported). Called inside the
    /// write transaction that changed what they are derived from.
    pub(crate) fn refresh_states(&self, tasks: Option<&[i64]>) -> anyhow::Result<()> {
        // In chunks: the facts of one chunk are held at a time. Every task
        // is taken in key order, so that a chunk is read as a key range.
        let all: Vec<i64>;
        let pks = match tasks {
            Some(pks) => pks,
            None => {
                let mut stmt = self.conn.prepare("SELECT pk FROM task ORDER BY pk")?;
                all = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                &all
            }
        };
        pks.chunks(REFRESH_CHUNK)
            .try_for_each(|chunk| self.refresh_state_of(chunk))?;
        // Tasks with sub-tasks, from their leaves, now up to date.
        self.refresh_rolled_up(tasks)
    }

    fn refresh_state_of(&self, tasks: &[i64]) -> anyhow::Result<()> {
        let facts = self.read_task_facts(None, Some(tasks), crate::time::far_future())?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT pk, withdrawn, state, returned_at FROM task WHERE {}",
            self.scope(None, Some(tasks), "pk")?
        ))?;
        let mut update = self
            .conn
            .prepare_cached("UPDATE task SET state = ?2, returned_at = ?3 WHERE pk = ?1")?;
        let none = TaskFacts::default();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let pk: i64 = r.get(0)?;
            let f = facts.get(&pk).unwrap_or(&none);
            let state = crate::rollup::derive_status(r.get(1)?, &f.assignees, &f.reviews);
            let returned_at = f
                .assignees
                .iter()
                .map(|a| a.latest.as_ref().map_or("", |e| e.at.as_str()))
                .min()
                .unwrap_or("");
            let kept = (r.get_ref(2)?.as_str()?, r.get_ref(3)?.as_str()?);
            if kept != (state.id(), returned_at) {
                update.execute(params![pk, state.id(), returned_at])?;
            }
        }
        Ok(())
    }

    /// Those of `tasks` that have an entry recorded.
    pub fn tasks_with_entries(&self, tasks: &[i64]) -> anyhow::Result<HashSet<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM feedback WHERE task_pk = ?1)")?;
        let mut found = HashSet::new();
        for &pk in tasks {
            if stmt.query_row([pk], |r| r.get(0))? {
                found.insert(pk);
            }
        }
        Ok(found)
    }

    /// The first entry recorded that is the same as `e`: the same task,
    /// obligation, division, status, percent, note and by, and the same
    /// stated time, or both without one on the same day.
    pub fn same_as(&self, e: &NewFeedback) -> anyhow::Result<Option<i64>> {
        let at = format_time(e.at);
        Ok(self
            .conn
            .prepare_cached(
                "SELECT min(pk) FROM feedback
                 WHERE same = ?1 AND voided IS NULL AND task_pk = ?2 AND obligation IS ?3
                   AND unit_pk = ?4
                   AND status = ?5 AND percent IS ?6 AND note = ?7 AND by = ?8
                   AND at_given = ?9
                   AND CASE WHEN ?9 THEN at = ?10 ELSE substr(at, 1, 10) = ?11 END",
            )?
            .query_row(
                params![
                    e.same(),
                    e.target.task.pk,
                    e.obligation,
                    e.target.unit_pk,
                    e.status.id(),
                    e.percent,
                    e.note,
                    e.by,
                    e.at_given,
                    at,
                    sameness_time(&at, false),
                ],
                |r| r.get(0),
            )?)
    }

    /// Computes the sameness key of every entry (migration 6).
    pub(super) fn refresh_sameness(&self) -> anyhow::Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT pk, task_pk, obligation, unit_pk, status, percent, note, by, at, at_given
             FROM feedback",
        )?;
        let mut update = self
            .conn
            .prepare("UPDATE feedback SET same = ?2 WHERE pk = ?1")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let at: String = r.get(8)?;
            let key = sameness_key(
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get_ref(4)?.as_str()?,
                r.get(5)?,
                r.get_ref(6)?.as_str()?,
                r.get_ref(7)?.as_str()?,
                sameness_time(&at, r.get(9)?),
            );
            update.execute(params![r.get::<_, i64>(0)?, key])?;
        }
        Ok(())
    }

    /// Records a review decision on the `done` entry `answers`; returns its
    /// number.
    #[allow(clippy::too_many_arguments)]
    pub fn record_review(
        &self,
        task: &TaskKey,
        decision: Decision,
        answers: i64,
        note: &str,
        by: &str,
        at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> anyhow::Result<i64> {
        let number = self.next_seq()?;
        self.conn.execute(
            "INSERT INTO review (task_pk, decision, answers, note, by, at, recorded_at, seq,
                                 recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                task.pk,
                decision.id(),
                answers,
                note,
                by,
                format_time(at),
                format_time(now),
                number,
                crate::account::name()
            ],
        )?;
        self.refresh_states(Some(&[task.pk]))?;
        Ok(number)
    }

    /// Assignees, latest entries and reviews as of `as_of`, for the tasks of
    /// `plan` (every plan if `None`), or only for `tasks` when given.
    pub fn task_facts(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<PkMap<TaskFacts>> {
        // One snapshot for all the reads: an entry written by another
        // process between the check of the newest entry and the read of
        // `latest` must not show in a report as of an earlier time. A
        // savepoint also nests inside the write transaction of a batch.
        self.conn.execute_batch("SAVEPOINT task_facts")?;
        let facts = self.read_task_facts(plan, tasks, as_of);
        self.conn.execute_batch("RELEASE task_facts")?;
        facts
    }

    /// The assignees of each task in scope (see `scope`), the lead first and
    /// then the supporting units in the file's order, without their entries,
    /// given to `f` task by task in key order. Returns every unit's name and
    /// kind by key.
    pub(super) fn each_assignees(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        f: &mut dyn FnMut(i64, Vec<Assignee>),
    ) -> anyhow::Result<PkMap<(String, &'static str)>> {
        // Units are few: read once, not joined to every assignment.
        let mut units: PkMap<(String, &'static str)> = PkMap::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT pk, name, kind FROM unit")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind = match r.get_ref(2)?.as_str()? {
                "group" => "group",
                "outside" => "outside",
                _ => "division",
            };
            units.insert(r.get(0)?, (r.get(1)?, kind));
        }
        // In the order of the assignments' primary key, read from the
        // beginning to the end, not task by task.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.task_pk, a.unit_pk, a.role = 'lead', a.ord, a.word
             FROM assignment a WHERE {}",
            self.scope(plan, tasks, "a.task_pk")?
        ))?;
        // (task, support?, order in the file, unit, word): sorted, the lead
        // first.
        let mut assignments: Vec<(i64, bool, i64, i64, Option<String>)> = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            assignments.push((
                r.get(0)?,
                !r.get::<_, bool>(2)?,
                r.get(3)?,
                r.get(1)?,
                r.get(4)?,
            ));
        }
        assignments.sort_unstable();
        for task in assignments.chunk_by(|a, b| a.0 == b.0) {
            let assignees = task
                .iter()
                .map(|(_, support, _, unit_pk, word)| {
                    let (support, unit_pk) = (*support, *unit_pk);
                    let (name, kind) = units
                        .get(&unit_pk)
                        .cloned()
                        .unwrap_or((String::new(), "division"));
                    Assignee {
                        pk: unit_pk,
                        name,
                        kind,
                        role: if support { Role::Support } else { Role::Lead },
                        word: word.clone(),
                        latest: None,
                    }
                })
                .collect();
            f(task[0].0, assignees);
        }
        Ok(units)
    }

    fn read_task_facts(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<PkMap<TaskFacts>> {
        let as_of = format_time(as_of);
        let mut facts: PkMap<TaskFacts> = PkMap::default();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT pk FROM task INDEXED BY task_withdrawn WHERE withdrawn AND {}",
            self.scope(plan, tasks, "pk")?
        ))?;
        let withdrawn: HashSet<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        facts.reserve(tasks.map_or(0, <[i64]>::len));
        let units = self.each_assignees(plan, tasks, &mut |task_pk, assignees| {
            facts.insert(
                task_pk,
                TaskFacts {
                    assignees,
                    withdrawn: withdrawn.contains(&task_pk),
                    ..TaskFacts::default()
                },
            );
        })?;
        // Each assignee's latest entry as of `as_of`: kept in `latest` when
        // nothing recorded is later than `as_of`; otherwise found by one
        // index seek per assignment (entries are ordered by `rank`, which
        // starts with the entry's time).
        let newest: Option<String> = self.conn.query_row(
            "SELECT max(at) FROM feedback WHERE voided IS NULL",
            [],
            |r| r.get(0),
        )?;
        let historical = newest.is_some_and(|t| t > as_of);
        let entries = if !historical {
            format!(
                "SELECT task_pk, assignee_pk, status, percent, note, unit_pk, by, at, feedback_pk
                 FROM latest WHERE {}",
                self.scope(plan, tasks, "task_pk")?
            )
        } else {
            format!(
                "SELECT f.task_pk, f.assignee_pk, f.status, f.percent, f.note, f.unit_pk, f.by,
                        f.at, f.pk
                 FROM assignment a JOIN feedback f ON f.pk = (
                    SELECT f2.pk FROM feedback f2
                    WHERE f2.task_pk = a.task_pk AND f2.assignee_pk = a.unit_pk
                      AND f2.rank < ?1 || '}}' AND f2.obligation IS NULL
                      AND f2.voided IS NULL
                    ORDER BY f2.rank DESC LIMIT 1)
                 WHERE {}",
                self.scope(plan, tasks, "a.task_pk")?
            )
        };
        let mut stmt = self.conn.prepare(&entries)?;
        let mut rows = if historical {
            stmt.query(params![as_of])?
        } else {
            stmt.query([])?
        };
        while let Some(r) = rows.next()? {
            let (task_pk, assignee_pk): (i64, i64) = (r.get(0)?, r.get(1)?);
            // Skipped: an entry for an assignment the plan no longer has.
            let Some(a) = facts
                .get_mut(&task_pk)
                .and_then(|f| f.assignees.iter_mut().find(|a| a.pk == assignee_pk))
            else {
                continue;
            };
            let unit_pk: i64 = r.get(5)?;
            a.latest = Some(Entry {
                status: r
                    .get_ref(2)?
                    .as_str()?
                    .parse()
                    .unwrap_or(Status::InProgress),
                percent: r.get(3)?,
                note: r.get(4)?,
                division: units.get(&unit_pk).map(|u| u.0.clone()).unwrap_or_default(),
                by: r.get(6)?,
                at: r.get(7)?,
                pk: r.get(8)?,
            });
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.task_pk, r.decision, r.at, r.answers
             FROM review r
             WHERE {} AND r.at <= ?1 AND r.voided IS NULL ORDER BY r.task_pk, r.at, r.seq",
            self.scope(plan, tasks, "r.task_pk")?
        ))?;
        let mut rows = stmt.query(params![as_of])?;
        while let Some(r) = rows.next()? {
            let Some(f) = facts.get_mut(&r.get::<_, i64>(0)?) else {
                continue;
            };
            let decision = if r.get::<_, String>(1)? == "accept" {
                Decision::Accept
            } else {
                Decision::Return
            };
            if decision == Decision::Return {
                f.reviews.returned = true;
                if let Some(pk) = r.get::<_, Option<i64>>(3)? {
                    f.reviews.answered.push(pk);
                }
            }
            f.reviews.latest = Some((decision, r.get(2)?));
        }
        Ok(facts)
    }

    /// Feedback, reviews, events, reminders that named the task, and voids
    /// of one task up to `as_of`, oldest first; voided records with the
    /// number of their void. A reminder's `who` is the division reminded,
    /// its `assignee` the group it was reminded through, its `what` the
    /// kinds of item named (comma-separated ids), its `note` the earliest
    /// deadline named.
    pub fn history(
        &self,
        task: &TaskKey,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<Vec<HistoryItem>> {
        let mut stmt = self.conn.prepare(
            "SELECT f.at, 'feedback', u.name, a.name, f.status, f.percent, f.note, f.by, f.recorded_at,
                    f.seq, f.obligation, f.recorded_by, f.voided, f.import_seq, f.amends, NULL
             FROM feedback f JOIN unit u ON u.pk = f.unit_pk JOIN unit a ON a.pk = f.assignee_pk
             WHERE f.task_pk = ?1 AND f.at <= ?2
             UNION ALL
             SELECT r.at, 'review', p.office, NULL, r.decision, NULL, r.note, r.by, r.recorded_at,
                    r.seq, NULL, r.recorded_by, r.voided, NULL, NULL, NULL
             FROM review r JOIN task t ON t.pk = r.task_pk JOIN plan p ON p.pk = t.plan_pk
             WHERE r.task_pk = ?1 AND r.at <= ?2
             UNION ALL
             SELECT e.at, 'event', '', NULL, e.kind, NULL, e.note, '', e.recorded_at,
                    e.seq,
                    CASE WHEN EXISTS (SELECT 1 FROM rule r WHERE r.task_pk = e.task_pk
                                        AND r.kind = 'after' AND r.event = e.kind)
                    THEN (SELECT count(*) FROM event e2 WHERE e2.task_pk = e.task_pk AND e2.pk <= e.pk
                            AND EXISTS (SELECT 1 FROM rule r WHERE r.task_pk = e2.task_pk
                                          AND r.kind = 'after' AND r.event = e2.kind))
                    END,
                    e.recorded_by, e.voided, NULL, NULL, NULL
             FROM event e WHERE e.task_pk = ?1 AND e.at <= ?2
             UNION ALL
             SELECT r.recorded_at, 'reminder', u.name, rt.through, rt.kinds, NULL, rt.deadline, '',
                    r.recorded_at, r.seq, NULL, r.recorded_by, r.voided, NULL, NULL, NULL
             FROM reminder_task rt JOIN reminder r ON r.pk = rt.reminder_pk
             JOIN unit u ON u.pk = r.unit_pk
             WHERE rt.task_pk = ?1 AND r.recorded_at <= ?2
             UNION ALL
             SELECT v.recorded_at, 'void', '', NULL, v.kind, NULL, v.reason, v.by, v.recorded_at,
                    v.seq, NULL, v.recorded_by, NULL, NULL, NULL, v.target
             FROM void v
             WHERE (v.task_pk = ?1
                    OR v.target IN (SELECT import_seq FROM feedback
                                    WHERE task_pk = ?1 AND import_seq IS NOT NULL)
                    OR v.target IN (SELECT r.seq FROM reminder_task rt
                                    JOIN reminder r ON r.pk = rt.reminder_pk
                                    WHERE rt.task_pk = ?1))
               AND v.recorded_at <= ?2
             ORDER BY 1, 10",
        )?;
        let items: Vec<HistoryItem> = stmt
            .query_map(params![task.pk, format_time(as_of)], |r| {
                let who: String = r.get(2)?;
                let assignee: Option<String> = r.get(3)?;
                Ok(HistoryItem {
                    at: r.get(0)?,
                    kind: r.get(1)?,
                    assignee: assignee.filter(|a| *a != who),
                    who,
                    what: r.get(4)?,
                    obligation: r.get(10)?,
                    percent: r.get(5)?,
                    note: r.get(6)?,
                    by: r.get(7)?,
                    recorded_at: r.get(8)?,
                    number: r.get(9)?,
                    recorded_by: r.get(11)?,
                    voided_by: r.get(12)?,
                    import: r.get(13)?,
                    amends: r.get(14)?,
                    voids: r.get(15)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(items)
    }
}
