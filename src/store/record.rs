//! Feedback and reviews: writing them, and reading back what statuses and
//! reports are derived from.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{Store, TaskKey};
use crate::error::UserError;
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

/// One feedback entry to record.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    pub target: Target,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: String,
    pub by: String,
    pub at: NaiveDateTime,
    /// Set for batch imports: the same key is never recorded twice.
    pub import_key: Option<String>,
    /// N of `TASK#N` when the entry reports on an obligation.
    pub obligation: Option<u32>,
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
    /// "feedback" or "review".
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

impl Store {
    /// The next number of the sequence shared by feedback, reviews and
    /// events. Called inside a write transaction.
    pub(super) fn next_seq(&self) -> anyhow::Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(m), 0) + 1 FROM (
                SELECT max(seq) AS m FROM feedback
                UNION ALL SELECT max(seq) FROM review
                UNION ALL SELECT max(seq) FROM event)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Resolves which assignment of the task a division's feedback is for.
    pub fn feedback_target(&self, task: &TaskKey, division: &str) -> anyhow::Result<Target> {
        let unit: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT u.pk, u.name, u.kind FROM unit u JOIN task t ON t.plan_pk = u.plan_pk
                 WHERE t.pk = ?1 AND u.active
                   AND (u.name = ?2 OR u.pk IN (SELECT unit_pk FROM unit_alias WHERE alias = ?2))",
                params![task.pk, division],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.pk, u.name, u.kind, a.role,
                    (SELECT count(*) FROM group_member g WHERE g.group_pk = u.pk),
                    EXISTS (SELECT 1 FROM group_member g WHERE g.group_pk = u.pk AND g.member_pk = ?2)
             FROM assignment a JOIN unit u ON u.pk = a.unit_pk
             WHERE a.task_pk = ?1 ORDER BY a.role = 'support', a.ord",
        )?;
        let unit_pk = unit.as_ref().map_or(-1, |u| u.0);
        let assignments: Vec<(i64, String, String, String, i64, bool)> = stmt
            .query_map(params![task.pk, unit_pk], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let assignees = || {
            assignments
                .iter()
                .map(|a| format!("{} ({})", a.1, a.3))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some((unit_pk, unit_name, kind)) = unit else {
            return Err(UserError::usage(format!(
                "no division {division:?} in plan {}; task {} is assigned to {}",
                task.plan,
                task.id,
                assignees()
            ))
            .into());
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
                let members: Vec<String> = self.group_members(unit_pk)?;
                return Err(UserError::usage(format!(
                    "{unit_name} is a group; feedback comes from one of its members: {}",
                    members.join(", ")
                ))
                .into());
            }
            return Ok(target(a.0, &a.1));
        }
        if let Some(group) = assignments.iter().find(|a| a.5) {
            return Ok(target(group.0, &group.1));
        }
        Err(UserError::usage(format!(
            "{unit_name} is not assigned to task {}; its assignees are {}",
            task.id,
            assignees()
        ))
        .into())
    }

    /// The name of the division or group `name` (a name or alias) in the
    /// plan of `task`.
    pub fn canonical_unit(&self, task: &TaskKey, name: &str) -> anyhow::Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT u.name FROM unit u JOIN task t ON t.plan_pk = u.plan_pk
                 WHERE t.pk = ?1
                   AND (u.name = ?2 OR u.pk IN (SELECT unit_pk FROM unit_alias WHERE alias = ?2))",
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
        Ok(self.conn.query_row(
            "SELECT p.issued FROM plan p JOIN task t ON t.plan_pk = p.pk WHERE t.pk = ?1",
            [task.pk],
            |r| r.get(0),
        )?)
    }

    /// Records entries in one transaction. Entries whose import key was
    /// recorded before are skipped; returns how many were added.
    pub fn record_feedback(
        &self,
        entries: &[NewFeedback],
        now: NaiveDateTime,
    ) -> anyhow::Result<usize> {
        self.write(|store| {
            // Numbers are given here, inside the write transaction, so that
            // the order key can end with the entry's number: of two entries
            // identical in time and content, the later one is the latest.
            let mut next: i64 =
                store
                    .conn
                    .query_row("SELECT coalesce(max(pk), 0) + 1 FROM feedback", [], |r| {
                        r.get(0)
                    })?;
            let mut seq = store.next_seq()?;
            let mut insert = store.conn.prepare_cached(
                "INSERT INTO feedback (pk, task_pk, assignee_pk, unit_pk, status, percent, note, by,
                                       at, recorded_at, rank, import_key, obligation, seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                 ON CONFLICT (import_key) DO NOTHING",
            )?;
            let recorded_at = format_time(now);
            let mut added = 0;
            for e in entries {
                let inserted = insert.execute(params![
                    next,
                    e.target.task.pk,
                    e.target.assignee_pk,
                    e.target.unit_pk,
                    e.status.id(),
                    e.percent,
                    e.note,
                    e.by,
                    format_time(e.at),
                    recorded_at,
                    format!("{}|{next:012}", rank(e)),
                    e.import_key,
                    e.obligation,
                    seq,
                ])?;
                added += inserted;
                next += inserted as i64;
                seq += inserted as i64;
            }
            Ok(added)
        })
    }

    /// Which of `keys` were recorded by earlier batch imports.
    pub fn known_import_keys(
        &self,
        keys: &[&str],
    ) -> anyhow::Result<std::collections::HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM feedback WHERE import_key = ?1")?;
        let mut known = std::collections::HashSet::new();
        for key in keys {
            if stmt.exists([key])? {
                known.insert((*key).to_string());
            }
        }
        Ok(known)
    }

    /// Records a review decision on the `done` entry `answers`.
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
    ) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO review (task_pk, decision, answers, note, by, at, recorded_at, seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                task.pk,
                decision.id(),
                answers,
                note,
                by,
                format_time(at),
                format_time(now),
                self.next_seq()?
            ],
        )?;
        Ok(())
    }

    /// Assignees, latest entries and reviews as of `as_of`, for the tasks of
    /// `plan` (every plan if `None`), or only for `tasks` when given.
    pub fn task_facts(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<HashMap<i64, TaskFacts>> {
        let as_of = format_time(as_of);
        let scope = match tasks {
            Some(pks) => format!(
                "t.pk IN ({}) AND (?1 IS NULL OR t.plan_pk = (SELECT pk FROM plan WHERE id = ?1))",
                pks.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
            ),
            None => "(?1 IS NULL OR t.plan_pk = (SELECT pk FROM plan WHERE id = ?1))".to_string(),
        };
        let mut facts: HashMap<i64, TaskFacts> = HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT t.pk, t.withdrawn, u.pk, u.name, u.kind, a.role
             FROM task t JOIN assignment a ON a.task_pk = t.pk JOIN unit u ON u.pk = a.unit_pk
             WHERE {scope} ORDER BY t.pk, a.role = 'support', a.ord"
        ))?;
        let mut unit_index: HashMap<(i64, i64), usize> = HashMap::new();
        let mut rows = stmt.query(params![plan])?;
        while let Some(r) = rows.next()? {
            let task_pk: i64 = r.get(0)?;
            let f = facts.entry(task_pk).or_default();
            f.withdrawn = r.get(1)?;
            unit_index.insert((task_pk, r.get(2)?), f.assignees.len());
            f.assignees.push(Assignee {
                pk: r.get(2)?,
                name: r.get(3)?,
                kind: r.get(4)?,
                role: if r.get::<_, String>(5)? == "lead" {
                    Role::Lead
                } else {
                    Role::Support
                },
                latest: None,
            });
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT f.task_pk, f.assignee_pk, max(f.rank), f.status, f.percent, f.note, u.name, f.by, f.at,
                    f.pk
             FROM feedback f JOIN task t ON t.pk = f.task_pk JOIN unit u ON u.pk = f.unit_pk
             WHERE {scope} AND f.at <= ?2 AND f.obligation IS NULL
             GROUP BY f.task_pk, f.assignee_pk"
        ))?;
        let mut rows = stmt.query(params![plan, as_of])?;
        while let Some(r) = rows.next()? {
            let key = (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?);
            let Some(&i) = unit_index.get(&key) else {
                continue; // an entry for an assignment the plan no longer has
            };
            let status: String = r.get(3)?;
            let entry = Entry {
                status: status.parse().unwrap_or(Status::InProgress),
                percent: r.get(4)?,
                note: r.get(5)?,
                division: r.get(6)?,
                by: r.get(7)?,
                at: r.get(8)?,
                pk: r.get(9)?,
            };
            if let Some(f) = facts.get_mut(&key.0) {
                f.assignees[i].latest = Some(entry);
            }
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.task_pk, r.decision, r.at, r.answers
             FROM review r JOIN task t ON t.pk = r.task_pk
             WHERE {scope} AND r.at <= ?2 ORDER BY r.task_pk, r.at, r.seq"
        ))?;
        let mut rows = stmt.query(params![plan, as_of])?;
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

    /// Feedback and reviews of one task up to `as_of`, oldest first.
    pub fn history(
        &self,
        task: &TaskKey,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<Vec<HistoryItem>> {
        let mut stmt = self.conn.prepare(
            "SELECT f.at, 'feedback', u.name, a.name, f.status, f.percent, f.note, f.by, f.recorded_at,
                    f.seq, f.obligation
             FROM feedback f JOIN unit u ON u.pk = f.unit_pk JOIN unit a ON a.pk = f.assignee_pk
             WHERE f.task_pk = ?1 AND f.at <= ?2
             UNION ALL
             SELECT r.at, 'review', p.office, NULL, r.decision, NULL, r.note, r.by, r.recorded_at,
                    r.seq, NULL
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
                    END
             FROM event e WHERE e.task_pk = ?1 AND e.at <= ?2
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
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(items)
    }
}
