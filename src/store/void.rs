//! Records by number, voiding them, and batch imports as records.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{Store, TaskKey};
use crate::time::format_time;

/// The kinds of records a number may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
    Feedback,
    Review,
    Event,
    Import,
    Reminder,
    Void,
}

impl RecordKind {
    pub fn id(self) -> &'static str {
        match self {
            RecordKind::Feedback => "feedback",
            RecordKind::Review => "review",
            RecordKind::Event => "event",
            RecordKind::Import => "import",
            RecordKind::Reminder => "reminder",
            RecordKind::Void => "void",
        }
    }

    /// The kind in words: "feedback entry", "反馈".
    pub fn words(self) -> crate::messages::Msg {
        use crate::messages as m;
        match self {
            RecordKind::Feedback => m::record_feedback(),
            RecordKind::Review => m::record_review(),
            RecordKind::Event => m::record_event(),
            RecordKind::Import => m::record_import(),
            RecordKind::Reminder => m::record_reminder(),
            RecordKind::Void => m::record_void(),
        }
    }

    /// The kind of its id, as stored.
    pub fn of_id(id: &str) -> Option<RecordKind> {
        [
            RecordKind::Feedback,
            RecordKind::Review,
            RecordKind::Event,
            RecordKind::Import,
            RecordKind::Reminder,
            RecordKind::Void,
        ]
        .into_iter()
        .find(|k| k.id() == id)
    }
}

/// A record found by its number.
#[derive(Debug, Clone)]
pub struct Record {
    pub number: i64,
    pub kind: RecordKind,
    pub pk: i64,
    /// The task it is about (none for an import, a reminder, or a void of
    /// one).
    pub task: Option<TaskKey>,
    /// The plans it touches: the task's, those of an import's entries, or
    /// a reminder's.
    pub plans: Vec<String>,
    /// The number of the void that voided it.
    pub voided: Option<i64>,
    /// For an entry: its assignee, and whether it reports on an obligation.
    pub assignee_pk: Option<i64>,
    pub obligation: Option<u32>,
}

/// A void as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct VoidRow {
    pub number: i64,
    pub voids: i64,
    pub reason: String,
    pub by: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// A batch import as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRow {
    pub number: i64,
    pub file: String,
    /// SHA-256 of the file's bytes, in hex.
    pub digest: String,
    pub sheet: Option<String>,
    pub entries: i64,
    pub added: i64,
    pub left_blank: i64,
    pub skipped: i64,
    pub repeated: i64,
    pub recorded_at: String,
    pub recorded_by: String,
    /// The number of the void that took it back.
    pub voided: Option<i64>,
    /// The plans its entries are in.
    pub plans: Vec<String>,
}

/// A record as found: its kind, key, task, void, assignee and obligation.
type Found = (
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<u32>,
);

/// What an import did, written once it is done.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportCounts {
    pub entries: usize,
    pub added: usize,
    pub left_blank: usize,
    pub skipped: usize,
    pub repeated: usize,
}

impl Store {
    /// The record numbered `number`, of whatever kind.
    pub fn record(&self, number: i64) -> anyhow::Result<Option<Record>> {
        let found: Option<Found> = self
            .conn
            .prepare_cached(
                "SELECT 'feedback', pk, task_pk, voided, assignee_pk, obligation FROM feedback WHERE seq = ?1
                 UNION ALL SELECT 'review', pk, task_pk, voided, NULL, NULL FROM review WHERE seq = ?1
                 UNION ALL SELECT 'event', pk, task_pk, voided, NULL, NULL FROM event WHERE seq = ?1
                 UNION ALL SELECT 'import', pk, NULL, voided, NULL, NULL FROM import WHERE seq = ?1
                 UNION ALL SELECT 'reminder', pk, NULL, voided, NULL, NULL FROM reminder WHERE seq = ?1
                 UNION ALL SELECT 'void', pk, task_pk, NULL, NULL, NULL FROM void WHERE seq = ?1",
            )?
            .query_row([number], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .optional()?;
        let Some((kind, pk, task_pk, voided, assignee_pk, obligation)) = found else {
            return Ok(None);
        };
        let kind = match kind.as_str() {
            "feedback" => RecordKind::Feedback,
            "review" => RecordKind::Review,
            "event" => RecordKind::Event,
            "import" => RecordKind::Import,
            "reminder" => RecordKind::Reminder,
            _ => RecordKind::Void,
        };
        let task = match task_pk {
            Some(pk) => Some(self.task_key(pk)?),
            None => None,
        };
        let plans = match (&task, kind) {
            (Some(t), _) => vec![t.plan.clone()],
            (None, RecordKind::Import) => self.import_plans(number)?,
            (None, RecordKind::Reminder) => vec![self.conn.query_row(
                "SELECT p.id FROM reminder r JOIN plan p ON p.pk = r.plan_pk WHERE r.pk = ?1",
                [pk],
                |r| r.get(0),
            )?],
            (None, _) => Vec::new(),
        };
        Ok(Some(Record {
            number,
            kind,
            pk,
            task,
            plans,
            voided,
            assignee_pk,
            obligation,
        }))
    }

    fn task_key(&self, pk: i64) -> anyhow::Result<TaskKey> {
        Ok(self.conn.query_row(
            "SELECT t.pk, p.id, t.id FROM task t JOIN plan p ON p.pk = t.plan_pk WHERE t.pk = ?1",
            [pk],
            |r| {
                Ok(TaskKey {
                    pk: r.get(0)?,
                    plan: r.get(1)?,
                    id: r.get(2)?,
                })
            },
        )?)
    }

    fn import_plans(&self, number: i64) -> anyhow::Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT p.id FROM feedback f JOIN task t ON t.pk = f.task_pk
             JOIN plan p ON p.pk = t.plan_pk WHERE f.import_seq = ?1 ORDER BY p.id",
        )?;
        let plans = stmt
            .query_map([number], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(plans)
    }

    /// The void of a record, if it was voided: for an entry voided with
    /// its import, the import's void.
    pub fn void_of(&self, number: i64) -> anyhow::Result<Option<VoidRow>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT seq, target, reason, by, recorded_at, recorded_by FROM void WHERE target = ?1 OR seq = (SELECT voided FROM feedback WHERE seq = ?1) ORDER BY seq LIMIT 1",
            )?
            .query_row([number], void_row)
            .optional()?)
    }

    /// The voids of the records of a task (and of the imports its entries
    /// came from, and of the reminders that named it), oldest first.
    pub fn voids_of_task(&self, task: &TaskKey) -> anyhow::Result<Vec<VoidRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.seq, v.target, v.reason, v.by, v.recorded_at, v.recorded_by FROM void v
             WHERE v.task_pk = ?1
                OR v.target IN (SELECT import_seq FROM feedback
                                WHERE task_pk = ?1 AND import_seq IS NOT NULL)
                OR v.target IN (SELECT r.seq FROM reminder_task rt
                                JOIN reminder r ON r.pk = rt.reminder_pk
                                WHERE rt.task_pk = ?1)
             ORDER BY v.seq",
        )?;
        let voids = stmt
            .query_map([task.pk], void_row)?
            .collect::<Result<_, _>>()?;
        Ok(voids)
    }

    /// Standing records that rest on `record`, by number: the reviews that
    /// answered an entry (of an import, for an import), and the entries that
    /// report on the obligation an event opened.
    pub fn resting_on(&self, record: &Record) -> anyhow::Result<Vec<i64>> {
        let numbers = |sql: &str, key: i64| -> anyhow::Result<Vec<i64>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let n = stmt
                .query_map([key], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(n)
        };
        match record.kind {
            RecordKind::Feedback => numbers(
                "SELECT seq FROM review WHERE answers = ?1 AND voided IS NULL ORDER BY seq",
                record.pk,
            ),
            RecordKind::Import => numbers(
                "SELECT r.seq FROM review r JOIN feedback f ON f.pk = r.answers
                 WHERE f.import_seq = ?1 AND f.voided IS NULL AND r.voided IS NULL
                 ORDER BY r.seq",
                record.number,
            ),
            RecordKind::Event => {
                let Some(task) = &record.task else {
                    return Ok(Vec::new());
                };
                let Some(n) = self.obligation_of_event(task, record.pk)? else {
                    return Ok(Vec::new());
                };
                let mut stmt = self.conn.prepare_cached(
                    "SELECT seq FROM feedback WHERE task_pk = ?1 AND obligation = ?2
                       AND voided IS NULL ORDER BY seq",
                )?;
                let found = stmt
                    .query_map(params![task.pk, n], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                Ok(found)
            }
            RecordKind::Review | RecordKind::Reminder | RecordKind::Void => Ok(Vec::new()),
        }
    }

    /// The obligation number an event opened, if it triggers an `after`
    /// rule: its place among the task's trigger events, voided or not.
    fn obligation_of_event(&self, task: &TaskKey, event_pk: i64) -> anyhow::Result<Option<u32>> {
        Ok(self.conn.query_row(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM rule r WHERE r.task_pk = e.task_pk
                                        AND r.kind = 'after' AND r.event = e.kind)
                    THEN (SELECT count(*) FROM event e2 WHERE e2.task_pk = e.task_pk AND e2.pk <= e.pk
                            AND EXISTS (SELECT 1 FROM rule r WHERE r.task_pk = e2.task_pk
                                          AND r.kind = 'after' AND r.event = e2.kind))
                    END
             FROM event e WHERE e.pk = ?1 AND e.task_pk = ?2",
            params![event_pk, task.pk],
            |r| r.get(0),
        )?)
    }

    /// Voids `record` (for an import, each of its standing entries with
    /// it): the void is recorded with its reason, and everything derived
    /// — latest entries, kept states — is computed again without it.
    /// Called inside a write transaction, after the rules were checked.
    /// Returns the void's number.
    pub fn void(
        &self,
        record: &Record,
        reason: &str,
        by: &str,
        now: NaiveDateTime,
    ) -> anyhow::Result<i64> {
        let number = self.next_seq()?;
        let kind = record.kind.id();
        self.conn.execute(
            "INSERT INTO void (seq, target, kind, task_pk, reason, by, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                number,
                record.number,
                kind,
                record.task.as_ref().map(|t| t.pk),
                reason,
                by,
                format_time(now),
                crate::account::name(),
            ],
        )?;
        // The pairs whose latest entry may change, and the tasks whose kept
        // states follow.
        let mut pairs: Vec<(i64, i64)> = Vec::new();
        match record.kind {
            RecordKind::Feedback => {
                self.conn.execute(
                    "UPDATE feedback SET voided = ?2 WHERE pk = ?1",
                    params![record.pk, number],
                )?;
                if let (Some(t), Some(a), None) =
                    (&record.task, record.assignee_pk, record.obligation)
                {
                    pairs.push((t.pk, a));
                }
            }
            RecordKind::Review => {
                self.conn.execute(
                    "UPDATE review SET voided = ?2 WHERE pk = ?1",
                    params![record.pk, number],
                )?;
            }
            RecordKind::Event => {
                self.conn.execute(
                    "UPDATE event SET voided = ?2 WHERE pk = ?1",
                    params![record.pk, number],
                )?;
            }
            RecordKind::Reminder => {
                // Nothing is derived from a reminder: it only stops counting.
                self.conn.execute(
                    "UPDATE reminder SET voided = ?2 WHERE pk = ?1",
                    params![record.pk, number],
                )?;
            }
            RecordKind::Import => {
                let mut stmt = self.conn.prepare(
                    "SELECT DISTINCT task_pk, assignee_pk FROM feedback
                     WHERE import_seq = ?1 AND voided IS NULL AND obligation IS NULL",
                )?;
                pairs = stmt
                    .query_map([record.number], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?;
                self.conn.execute(
                    "UPDATE feedback SET voided = ?2 WHERE import_seq = ?1 AND voided IS NULL",
                    params![record.number, number],
                )?;
                self.conn.execute(
                    "UPDATE import SET voided = ?2 WHERE seq = ?1",
                    params![record.number, number],
                )?;
            }
            RecordKind::Void => anyhow::bail!("a void is not voided"),
        }
        let mut rebuild = self.conn.prepare_cached(
            "INSERT INTO latest (task_pk, assignee_pk, feedback_pk,
                                 unit_pk, status, percent, note, by, at)
             SELECT task_pk, assignee_pk, pk, unit_pk, status, percent, note, by, at
             FROM feedback
             WHERE task_pk = ?1 AND assignee_pk = ?2 AND obligation IS NULL AND voided IS NULL
             ORDER BY rank DESC LIMIT 1",
        )?;
        let mut forget = self
            .conn
            .prepare_cached("DELETE FROM latest WHERE task_pk = ?1 AND assignee_pk = ?2")?;
        for (task, assignee) in &pairs {
            forget.execute(params![task, assignee])?;
            rebuild.execute(params![task, assignee])?;
        }
        let mut tasks: Vec<i64> = pairs.iter().map(|p| p.0).collect();
        tasks.extend(record.task.as_ref().map(|t| t.pk));
        tasks.sort_unstable();
        tasks.dedup();
        self.refresh_states(Some(&tasks))?;
        Ok(number)
    }

    /// Starts the record of a batch import: its number, which its entries
    /// carry. Called inside the import's write transaction.
    pub fn begin_import(
        &self,
        file: &str,
        digest: &str,
        sheet: Option<&str>,
        now: NaiveDateTime,
    ) -> anyhow::Result<i64> {
        let number = self.next_seq()?;
        self.conn.execute(
            "INSERT INTO import (seq, file, digest, sheet, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                number,
                file,
                digest,
                sheet,
                format_time(now),
                crate::account::name()
            ],
        )?;
        Ok(number)
    }

    /// Forgets the record of an import that recorded nothing.
    pub fn drop_import(&self, number: i64) -> anyhow::Result<()> {
        self.conn
            .execute("DELETE FROM import WHERE seq = ?1", [number])?;
        Ok(())
    }

    /// Writes what an import did, and the digest of its file, into its
    /// record.
    pub fn finish_import(
        &self,
        number: i64,
        digest: &str,
        counts: ImportCounts,
    ) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE import SET entries = ?2, added = ?3, left_blank = ?4, skipped = ?5,
                               repeated = ?6, digest = ?7
             WHERE seq = ?1",
            params![
                number,
                counts.entries as i64,
                counts.added as i64,
                counts.left_blank as i64,
                counts.skipped as i64,
                counts.repeated as i64,
                digest
            ],
        )?;
        Ok(())
    }

    /// Every batch import, oldest first; of one plan's tasks when `plan`
    /// is given.
    pub fn imports(&self, plan: Option<&str>) -> anyhow::Result<Vec<ImportRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, file, digest, sheet, entries, added, left_blank, skipped, repeated,
                    recorded_at, recorded_by, voided
             FROM import ORDER BY seq",
        )?;
        let rows: Vec<ImportRow> = stmt
            .query_map([], |r| {
                Ok(ImportRow {
                    number: r.get(0)?,
                    file: r.get(1)?,
                    digest: r.get(2)?,
                    sheet: r.get(3)?,
                    entries: r.get(4)?,
                    added: r.get(5)?,
                    left_blank: r.get(6)?,
                    skipped: r.get(7)?,
                    repeated: r.get(8)?,
                    recorded_at: r.get(9)?,
                    recorded_by: r.get(10)?,
                    voided: r.get(11)?,
                    plans: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for mut row in rows {
            row.plans = self.import_plans(row.number)?;
            if plan.is_none_or(|p| row.plans.iter().any(|q| q == p)) {
                out.push(row);
            }
        }
        Ok(out)
    }
}

fn void_row(r: &rusqlite::Row) -> rusqlite::Result<VoidRow> {
    Ok(VoidRow {
        number: r.get(0)?,
        voids: r.get(1)?,
        reason: r.get(2)?,
        by: r.get(3)?,
        recorded_at: r.get(4)?,
        recorded_by: r.get(5)?,
    })
}
