//! What deadlines are computed from: rules, events, obligation reports,
//! returns in a feedback period, and the calendar years users loaded.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;
use serde::Serialize;

use super::{PkMap, RuleRow, Store, TaskKey};
use crate::calendar::{Listed, Year};
use crate::time::format_time;

/// An event recorded against a task.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    pub kind: String,
    pub at: String,
    pub note: String,
    /// N of `TASK#N` when the event triggers an `after` rule of its task:
    /// trigger events are numbered from 1 in the order they were recorded.
    pub obligation: Option<u32>,
}

/// The plan-wide settings deadlines depend on.
#[derive(Debug, Clone)]
pub struct PlanTerms {
    pub id: String,
    pub issued: Option<String>,
    pub feedback: String,
    pub feedback_day: Option<u8>,
    pub warn: Option<String>,
}

/// A due date later than every date the store holds (`YYYY-MM-DD`, years
/// up to 9999), for a look-ahead without end.
const UNBOUNDED: &str = "9999-99-99";

impl Store {
    pub fn plan_terms(&self, plan: &str) -> anyhow::Result<PlanTerms> {
        Ok(self.conn.query_row(
            "SELECT id, issued, feedback, feedback_day, warn FROM plan WHERE id = ?1",
            [plan],
            |r| {
                Ok(PlanTerms {
                    id: r.get(0)?,
                    issued: r.get(1)?,
                    feedback: r.get(2)?,
                    feedback_day: r.get(3)?,
                    warn: r.get(4)?,
                })
            },
        )?)
    }

    /// The tasks of `plan` that may need attention as of `now`, chosen by
    /// the states kept at write time (migration 5): working tasks due by
    /// `due_by` (a date; `None` for any date) or, when `returns_from` is given, with an assignee
    /// whose latest return is older; open tasks with an obligation opened by
    /// an event, or a quota due by `due_by`. `None` when something is
    /// recorded later than `now`: the kept states then do not hold as of
    /// `now`. A superset: the tasks chosen are assessed as usual.
    pub fn check_candidates(
        &self,
        plan: &str,
        due_by: Option<NaiveDate>,
        returns_from: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> anyhow::Result<Option<Vec<i64>>> {
        let now = format_time(now);
        let later: bool = self.conn.query_row(
            "SELECT (SELECT max(at) FROM feedback WHERE voided IS NULL) > ?1
                 OR (SELECT max(at) FROM review WHERE voided IS NULL) > ?1",
            [&now],
            |r| Ok(r.get::<_, Option<bool>>(0)?.unwrap_or(false)),
        )?;
        if later {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare_cached(
            "WITH p AS (SELECT pk, due FROM plan WHERE id = ?1)
             SELECT t.pk FROM task t, p
             WHERE t.plan_pk = p.pk AND NOT t.withdrawn AND t.due <= ?2
               AND t.state IN ('not-started', 'in-progress', 'blocked')
             UNION
             SELECT t.pk FROM task t, p
             WHERE p.due <= ?2 AND t.plan_pk = p.pk AND NOT t.withdrawn AND t.due IS NULL
               AND t.due_kind IS NULL
               AND t.state IN ('not-started', 'in-progress', 'blocked')
             UNION
             SELECT t.pk FROM task t, p
             WHERE ?3 IS NOT NULL AND t.plan_pk = p.pk AND NOT t.withdrawn
               AND t.returned_at < ?3
               AND t.state IN ('not-started', 'in-progress', 'blocked')
             UNION
             SELECT t.pk
             FROM (SELECT DISTINCT r.task_pk FROM rule r
                   WHERE (r.kind = 'quota' AND r.by <= ?2)
                      OR r.kind = 'every'
                      OR (r.kind = 'after'
                          AND EXISTS (SELECT 1 FROM event e
                                      WHERE e.task_pk = r.task_pk AND e.kind = r.event
                                        AND e.voided IS NULL))) r
             CROSS JOIN task t ON t.pk = r.task_pk
             CROSS JOIN p ON t.plan_pk = p.pk
             WHERE NOT t.withdrawn AND t.state NOT IN ('closed', 'withdrawn')
             ORDER BY 1",
        )?;
        let pks = stmt
            .query_map(
                params![
                    plan,
                    // Unbounded: a text after every stored date, so that
                    // the comparison keeps to the index on the due date.
                    due_by.map_or_else(|| UNBOUNDED.to_string(), |d| d.to_string()),
                    returns_from.map(format_time)
                ],
                |r| r.get(0),
            )?
            .collect::<Result<_, _>>()?;
        Ok(Some(pks))
    }

    /// The rules of the tasks in scope.
    pub fn rules(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
    ) -> anyhow::Result<PkMap<Vec<RuleRow>>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.task_pk, r.kind, r.event, r.within, r.count, r.by, r.what,
                    r.every, r.starts, r.ends
             FROM rule r WHERE {} ORDER BY r.task_pk, r.ord",
            self.scope(plan, tasks, "r.task_pk")?
        ))?;
        let mut rules: PkMap<Vec<RuleRow>> = PkMap::default();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            rules.entry(r.get(0)?).or_default().push(RuleRow {
                kind: r.get(1)?,
                event: r.get(2)?,
                within: r.get(3)?,
                count: r.get(4)?,
                by: r.get(5)?,
                what: r.get(6)?,
                every: r.get(7)?,
                from: r.get(8)?,
                until: r.get(9)?,
            });
        }
        Ok(rules)
    }

    /// The events of the tasks in scope up to `as_of`, numbered as
    /// obligations where they trigger an `after` rule.
    pub fn events(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<PkMap<Vec<EventRow>>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.task_pk, e.kind, e.at, e.note,
                    EXISTS (SELECT 1 FROM rule r WHERE r.task_pk = e.task_pk AND r.kind = 'after'
                                                   AND r.event = e.kind),
                    e.voided IS NOT NULL
             FROM event e WHERE {} ORDER BY e.task_pk, e.pk",
            self.scope(plan, tasks, "e.task_pk")?
        ))?;
        let as_of = format_time(as_of);
        let mut events: PkMap<Vec<EventRow>> = PkMap::default();
        let mut counters: PkMap<u32> = PkMap::default();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let task: i64 = r.get(0)?;
            let triggers: bool = r.get(4)?;
            // Numbers count every trigger event ever recorded, so that a
            // reference TASK#N never changes with --as-of.
            let obligation = triggers.then(|| {
                let n = counters.entry(task).or_insert(0);
                *n += 1;
                *n
            });
            let at: String = r.get(2)?;
            // A voided event keeps its number, and opens nothing.
            let voided: bool = r.get(5)?;
            if at <= as_of && !voided {
                events.entry(task).or_default().push(EventRow {
                    kind: r.get(1)?,
                    at,
                    note: r.get(3)?,
                    obligation,
                });
            }
        }
        Ok(events)
    }

    /// When each obligation in scope was first reported done, up to `as_of`.
    pub fn obligations_met(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<HashMap<(i64, u32), String>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT f.task_pk, f.obligation, min(f.at) FROM feedback f
             WHERE {} AND f.obligation IS NOT NULL AND f.status = 'done' AND f.at <= ?1
               AND f.voided IS NULL
             GROUP BY f.task_pk, f.obligation",
            self.scope(plan, tasks, "f.task_pk")?
        ))?;
        let mut met = HashMap::new();
        let mut rows = stmt.query([format_time(as_of)])?;
        while let Some(r) = rows.next()? {
            met.insert((r.get(0)?, r.get(1)?), r.get(2)?);
        }
        Ok(met)
    }

    /// The (task, assignee) pairs in scope with a report on an obligation
    /// between `from` and `to`, both included. (Other entries are told by
    /// each assignee's latest one.)
    pub fn obligation_returns_between(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> anyhow::Result<HashSet<(i64, i64)>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT f.task_pk, f.assignee_pk FROM feedback f INDEXED BY feedback_obligation
             WHERE {} AND f.obligation IS NOT NULL AND f.at >= ?1 AND f.at <= ?2
               AND f.voided IS NULL",
            self.scope(plan, tasks, "f.task_pk")?
        ))?;
        let mut pairs = HashSet::new();
        let mut rows = stmt.query([format_time(from), format_time(to)])?;
        while let Some(r) = rows.next()? {
            pairs.insert((r.get(0)?, r.get(1)?));
        }
        Ok(pairs)
    }

    /// When entries were made, up to `as_of`, on the tasks in scope that
    /// have a recurring duty (`every` rule): any assignee's, any kind, in
    /// order.
    pub fn duty_returns(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<PkMap<Vec<String>>> {
        // Found from the few rules, not by reading every entry of the plan.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT f.task_pk, f.at
             FROM (SELECT DISTINCT r.task_pk FROM rule r WHERE r.kind = 'every' AND {}) d
             CROSS JOIN feedback f INDEXED BY feedback_latest ON f.task_pk = d.task_pk
             WHERE f.voided IS NULL AND f.at <= ?1
             ORDER BY f.task_pk, f.at",
            self.scope(plan, tasks, "r.task_pk")?
        ))?;
        let mut returns: PkMap<Vec<String>> = PkMap::default();
        let mut rows = stmt.query([format_time(as_of)])?;
        while let Some(r) = rows.next()? {
            returns.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
        Ok(returns)
    }

    /// Records an event; returns its number.
    pub fn record_event(
        &self,
        task: &TaskKey,
        kind: &str,
        at: NaiveDateTime,
        note: &str,
        now: NaiveDateTime,
    ) -> anyhow::Result<i64> {
        let number = self.next_seq()?;
        self.conn.execute(
            "INSERT INTO event (task_pk, kind, at, note, recorded_at, seq, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                task.pk,
                kind,
                format_time(at),
                note,
                format_time(now),
                number,
                crate::account::name()
            ],
        )?;
        Ok(number)
    }

    /// The calendar years users loaded.
    pub fn calendar_years(&self) -> anyhow::Result<BTreeMap<i32, Year>> {
        let mut stmt = self.conn.prepare(
            "SELECT y.year, d.date, d.off, d.name FROM calendar_year y
             LEFT JOIN calendar_day d ON d.year = y.year ORDER BY y.year, d.date",
        )?;
        let mut years: BTreeMap<i32, Year> = BTreeMap::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let year = years.entry(r.get(0)?).or_default();
            let date: Option<String> = r.get(1)?;
            if let Some(date) = date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
                year.days.insert(
                    date,
                    Listed {
                        off: r.get(2)?,
                        name: r.get(3)?,
                    },
                );
            }
        }
        Ok(years)
    }

    /// Adds or replaces calendar years, in one transaction.
    pub fn save_calendar_years(
        &mut self,
        years: &BTreeMap<i32, Year>,
        source: &str,
        now: NaiveDateTime,
    ) -> anyhow::Result<()> {
        self.write(|store| store.save_years(years, source, now))
    }

    fn save_years(
        &self,
        years: &BTreeMap<i32, Year>,
        source: &str,
        now: NaiveDateTime,
    ) -> anyhow::Result<()> {
        let tx = &self.conn;
        for (year, days) in years {
            tx.execute("DELETE FROM calendar_day WHERE year = ?1", [year])?;
            tx.execute(
                "INSERT OR REPLACE INTO calendar_year (year, source, loaded_at) VALUES (?1, ?2, ?3)",
                params![year, source, format_time(now)],
            )?;
            for (date, listed) in &days.days {
                tx.execute(
                    "INSERT INTO calendar_day (year, date, off, name) VALUES (?1, ?2, ?3, ?4)",
                    params![year, date.to_string(), listed.off, listed.name],
                )?;
            }
        }
        Ok(())
    }
}
