//! What the report's progress over time is computed from: every task of a
//! plan with its assignees, and the plan's whole history of progress
//! entries and reviews, voided records left out (`crate::trend`).

use rusqlite::params;

use super::{PkMap, Store, TaskFacts};
use crate::rollup::Decision;
use crate::status::Status;
use crate::trend::{monthly, History, Point, TrendEntry, TrendReview};
use chrono::NaiveDateTime;

impl Store {
    /// The counts of `plan`'s tasks by status at each of `ends`
    /// (`crate::trend::monthly`), from its history read once: entries in
    /// the order of their rank (their time first; read in the table's
    /// order and sorted, which is quicker than following the index on the
    /// time to every row), reviews in the order they were made. Entries on obligations are left out, as statuses
    /// leave them out.
    pub fn trend(
        &self,
        plan: &str,
        ends: &[(String, NaiveDateTime)],
    ) -> anyhow::Result<Vec<Point>> {
        let scope = |column: &str| self.scope(Some(plan), None, column);
        // Withdrawn tasks, and tasks with sub-tasks, which are counted in
        // their leaves (as in every figure), are left out.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT t.pk FROM task t WHERE (t.withdrawn OR {}) AND {}",
            super::tree::HAS_SUB_TASKS,
            scope("t.pk")?
        ))?;
        let not_counted: std::collections::HashSet<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut tasks: PkMap<TaskFacts> = PkMap::default();
        self.each_assignees(Some(plan), None, &mut |task_pk, assignees| {
            tasks.insert(
                task_pk,
                TaskFacts {
                    assignees,
                    withdrawn: not_counted.contains(&task_pk),
                    ..TaskFacts::default()
                },
            );
        })?;
        // Entries on obligations and voided entries count for nothing: few,
        // found by their own indexes.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT pk FROM feedback WHERE obligation IS NOT NULL AND {scope}
             UNION ALL
             SELECT pk FROM feedback WHERE voided IS NOT NULL AND {scope}",
            scope = scope("task_pk")?
        ))?;
        let left_out: std::collections::HashSet<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // Every entry, by task, assignee and rank: read from the index kept
        // for the latest entries alone, without the table's rows, since the
        // rank begins with the entry's time and status.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT task_pk, assignee_pk, rank, pk FROM feedback INDEXED BY feedback_latest
             WHERE {}
             ORDER BY task_pk, assignee_pk, rank",
            scope("task_pk")?
        ))?;
        let mut entries = stmt.query_map(params![], |r| {
            let rank = r.get_ref(2)?.as_str()?;
            let (at, status) = time_and_status(rank);
            Ok((
                r.get::<_, i64>(3)?,
                TrendEntry {
                    task: r.get(0)?,
                    assignee: r.get(1)?,
                    status,
                    pk: r.get(3)?,
                    at: at.to_string(),
                },
            ))
        })?;
        let mut stmt2 = self.conn.prepare(&format!(
            "SELECT task_pk, decision = 'accept', answers, at FROM review
             WHERE voided IS NULL AND {}
             ORDER BY task_pk, at, seq",
            scope("task_pk")?
        ))?;
        let mut reviews = stmt2.query_map(params![], |r| {
            Ok(TrendReview {
                task: r.get(0)?,
                decision: if r.get(1)? {
                    Decision::Accept
                } else {
                    Decision::Return
                },
                answers: r.get(2)?,
                at: r.get(3)?,
            })
        })?;
        // Rows are counted as they are read; the first error stops both
        // and is returned.
        let failed = std::cell::RefCell::new(None);
        let points = monthly(
            History {
                tasks,
                entries: std::iter::from_fn(|| loop {
                    let (pk, entry) = keep(&failed, entries.next()?)?;
                    if !left_out.contains(&pk) {
                        return Some(entry);
                    }
                }),
                reviews: std::iter::from_fn(|| keep(&failed, reviews.next()?)),
            },
            ends,
        );
        match failed.into_inner() {
            Some(e) => Err(e.into()),
            None => Ok(points),
        }
    }
}

/// A row read, or None after keeping its error in `failed` (the first one
/// only), which ends the reading.
fn keep<T>(
    failed: &std::cell::RefCell<Option<rusqlite::Error>>,
    row: rusqlite::Result<T>,
) -> Option<T> {
    match row {
        Ok(row) => Some(row),
        Err(e) => {
            failed.borrow_mut().get_or_insert(e);
            None
        }
    }
}

/// An entry's time and status from its rank (`record::rank`): the time up
/// to the first `|`, then the status's digit.
fn time_and_status(rank: &str) -> (&str, Status) {
    let (at, rest) = rank.split_once('|').unwrap_or((rank, ""));
    let status = match rest.as_bytes().first() {
        Some(b'0') => Status::NotStarted,
        Some(b'1') => Status::InProgress,
        Some(b'2') => Status::Blocked,
        _ => Status::Done,
    };
    (at, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rank_gives_back_the_time_and_status_it_was_made_of() {
        let cases = [
            ("2016-08-01 09:00:00|0|999|法规处||", Status::NotStarted),
            (
                "2016-08-01 09:00:00|1|040|法规处|王|进展\\|顺利",
                Status::InProgress,
            ),
            ("2016-08-01 09:00:00|2|999|法规处||", Status::Blocked),
            ("2016-08-01 09:00:00|3|100|法规处||", Status::Done),
        ];
        for (rank, status) in cases {
            assert_eq!(time_and_status(rank), ("2016-08-01 09:00:00", status));
        }
    }
}
