//! Sub-tasks in the database (migration 10): each task's parent, the
//! sub-tasks and leaves beneath a task, and the states kept for tasks with
//! sub-tasks, rolled up from their leaves (`crate::tree`).

use rusqlite::{params, OptionalExtension};

use super::{PkMap, Store, TaskKey};
use crate::status::Status;

/// SQL: task `t` has sub-tasks (withdrawn ones do not count).
pub(crate) const HAS_SUB_TASKS: &str =
    "EXISTS (SELECT 1 FROM task c WHERE c.parent_pk = t.pk AND NOT c.withdrawn)";

/// SQL: the leaves beneath the task of key `?1`, withdrawn ones aside.
const LEAVES_UNDER: &str = "
    WITH RECURSIVE down(pk) AS (
        SELECT pk FROM task WHERE parent_pk = ?1 AND NOT withdrawn
        UNION ALL
        SELECT t.pk FROM task t JOIN down ON t.parent_pk = down.pk WHERE NOT t.withdrawn)
    SELECT d.pk FROM down d
    WHERE NOT EXISTS (SELECT 1 FROM task c WHERE c.parent_pk = d.pk AND NOT c.withdrawn)";

/// Above this many tasks, `refresh_rolled_up` refreshes every parent.
const MANY: usize = 5_000;

/// A sub-task as `show` lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SubTask {
    #[serde(skip)]
    pub pk: i64,
    pub id: String,
    pub title: String,
    /// Its kept state; `crate::view` puts the status as of the time shown.
    pub status: Status,
    /// It has sub-tasks of its own.
    #[serde(skip)]
    pub has_sub_tasks: bool,
}

impl Store {
    /// Whether any task of any plan has a parent: without one, nothing here
    /// need be read.
    pub fn any_sub_tasks(&self) -> anyhow::Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM task INDEXED BY task_parent WHERE parent_pk IS NOT NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    /// The id of the task's parent, if it is a sub-task.
    pub fn parent_of(&self, task: &TaskKey) -> anyhow::Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT p.id FROM task t JOIN task p ON p.pk = t.parent_pk WHERE t.pk = ?1",
            )?
            .query_row([task.pk], |r| r.get(0))
            .optional()?)
    }

    /// The task's sub-tasks, withdrawn ones aside, in the plan's order.
    pub fn sub_tasks(&self, task: &TaskKey) -> anyhow::Result<Vec<SubTask>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT t.pk, t.id, t.title, t.state, {HAS_SUB_TASKS}
             FROM task t WHERE t.parent_pk = ?1 AND NOT t.withdrawn ORDER BY t.ord"
        ))?;
        let rows = stmt.query_map([task.pk], |r| {
            Ok(SubTask {
                pk: r.get(0)?,
                id: r.get(1)?,
                title: r.get(2)?,
                status: r
                    .get_ref(3)?
                    .as_str()?
                    .parse()
                    .unwrap_or(Status::NotStarted),
                has_sub_tasks: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The leaves beneath each of `tasks` (none for a leaf).
    pub fn leaves_under(&self, tasks: &[i64]) -> anyhow::Result<PkMap<Vec<i64>>> {
        let mut stmt = self.conn.prepare_cached(LEAVES_UNDER)?;
        let mut leaves: PkMap<Vec<i64>> = PkMap::default();
        for &pk in tasks {
            let under: Vec<i64> = stmt
                .query_map([pk], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if !under.is_empty() {
                leaves.insert(pk, under);
            }
        }
        Ok(leaves)
    }

    /// Each sub-task of `plan` and its parent, by key, withdrawn ones
    /// aside; empty for a plan without sub-tasks.
    pub fn parents_in(&self, plan: &str) -> anyhow::Result<PkMap<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.pk, t.parent_pk FROM task t INDEXED BY task_parent
             WHERE t.parent_pk IS NOT NULL AND NOT t.withdrawn
               AND t.plan_pk = (SELECT pk FROM plan WHERE id = ?1)",
        )?;
        let mut parents = PkMap::default();
        let mut rows = stmt.query([plan])?;
        while let Some(r) = rows.next()? {
            parents.insert(r.get(0)?, r.get(1)?);
        }
        Ok(parents)
    }

    /// Brings the states kept for the tasks with sub-tasks among `tasks`
    /// and above them (every task if `None`) up to date, from the states
    /// kept for their leaves. Called by `refresh_states`, once the leaves'
    /// are.
    pub(super) fn refresh_rolled_up(&self, tasks: Option<&[i64]>) -> anyhow::Result<()> {
        if !self.any_sub_tasks()? {
            return Ok(());
        }
        if tasks.is_some_and(<[i64]>::is_empty) {
            return Ok(());
        }
        // Many tasks (a whole plan reloaded) are no cheaper to climb from
        // than every parent is to refresh, and would make a long statement.
        let tasks = tasks.filter(|pks| pks.len() <= MANY);
        // The tasks given and every task above them; for every task, every
        // task with sub-tasks.
        let sql = match tasks {
            Some(pks) => format!(
                "WITH RECURSIVE up(pk) AS (
                    SELECT pk FROM task WHERE {}
                    UNION
                    SELECT t.parent_pk FROM task t JOIN up ON t.pk = up.pk
                    WHERE t.parent_pk IS NOT NULL)
                 SELECT pk FROM up",
                super::among("pk", pks)
            ),
            None => "SELECT DISTINCT parent_pk FROM task INDEXED BY task_parent
                     WHERE parent_pk IS NOT NULL"
                .to_string(),
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let candidates: Vec<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut leaves = self.conn.prepare_cached(&format!(
            "SELECT t.state FROM task t WHERE t.pk IN ({LEAVES_UNDER})"
        ))?;
        let mut kept = self
            .conn
            .prepare_cached("SELECT state, withdrawn FROM task WHERE pk = ?1")?;
        let mut update = self
            .conn
            .prepare_cached("UPDATE task SET state = ?2 WHERE pk = ?1")?;
        for pk in candidates {
            let states: Vec<Status> = leaves
                .query_map([pk], |r| r.get::<_, String>(0))?
                .map(|s| Ok(s?.parse().unwrap_or(Status::NotStarted)))
                .collect::<anyhow::Result<_>>()?;
            let Some(state) = crate::tree::roll_up(states) else {
                continue;
            };
            let (old, withdrawn): (String, bool) =
                kept.query_row([pk], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if !withdrawn && old != state.id() {
                update.execute(params![pk, state.id()])?;
            }
        }
        Ok(())
    }
}
