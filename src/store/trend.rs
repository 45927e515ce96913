//! What the report's progress over time is computed from: every task of a
//! plan with its assignees, and the plan's whole history of progress
//! entries and reviews, voided records left out (`crate::trend`).

use rusqlite::params;

use super::{PkMap, Store, TaskFacts};
use crate::rollup::Decision;
use crate::status::Status;
use crate::trend::{History, TrendEntry, TrendReview};

impl Store {
    /// The history of `plan` for `crate::trend::monthly`: entries in the
    /// order of their rank (their time first), reviews in the order they
    /// were made. Entries on obligations are left out, as statuses leave
    /// them out.
    pub fn trend_history(&self, plan: &str) -> anyhow::Result<History> {
        let scope = |column: &str| self.scope(Some(plan), None, column);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT pk FROM task WHERE withdrawn AND {}",
            scope("pk")?
        ))?;
        let withdrawn: std::collections::HashSet<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut tasks: PkMap<TaskFacts> = PkMap::default();
        self.each_assignees(Some(plan), None, &mut |task_pk, assignees| {
            tasks.insert(
                task_pk,
                TaskFacts {
                    assignees,
                    withdrawn: withdrawn.contains(&task_pk),
                    ..TaskFacts::default()
                },
            );
        })?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT task_pk, assignee_pk, status, pk, at FROM feedback
             WHERE obligation IS NULL AND voided IS NULL AND {}
             ORDER BY rank, pk",
            scope("task_pk")?
        ))?;
        let entries = stmt
            .query_map(params![], |r| {
                Ok(TrendEntry {
                    task: r.get(0)?,
                    assignee: r.get(1)?,
                    status: r
                        .get_ref(2)?
                        .as_str()?
                        .parse()
                        .unwrap_or(Status::InProgress),
                    pk: r.get(3)?,
                    at: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT task_pk, decision = 'accept', answers, at FROM review
             WHERE voided IS NULL AND {}
             ORDER BY at, seq",
            scope("task_pk")?
        ))?;
        let reviews = stmt
            .query_map(params![], |r| {
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
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(History {
            tasks,
            entries,
            reviews,
        })
    }
}
