//! Tasks as users see them: rows from the store with statuses derived from
//! what was recorded as of a time.

use chrono::NaiveDateTime;

use crate::rollup::{derive_status, is_overdue};
use crate::store::{ListFilter, Store, TaskFacts, TaskKey, TaskRow};

/// Above this many tasks, facts are read for the whole plan rather than for
/// a list of ids.
const MAX_ID_LIST: usize = 5_000;

/// `tasks list`: the filtered tasks with derived statuses.
pub fn list(
    store: &Store,
    filter: &ListFilter,
    now: NaiveDateTime,
) -> anyhow::Result<Vec<TaskRow>> {
    let mut rows = store.list(filter)?;
    let pks: Vec<i64> = rows.iter().map(|r| r.pk).collect();
    let facts = if pks.len() <= MAX_ID_LIST {
        store.task_facts(filter.plan.as_deref(), Some(&pks), now)?
    } else {
        store.task_facts(filter.plan.as_deref(), None, now)?
    };
    let empty = TaskFacts::default();
    for row in &mut rows {
        let f = facts.get(&row.pk).unwrap_or(&empty);
        row.status = derive_status(
            row.status == crate::status::Status::Withdrawn,
            &f.assignees,
            &f.reviews,
        );
    }
    rows.retain(|r| {
        (filter.statuses.is_empty() || filter.statuses.contains(&r.status))
            && filter
                .overdue_on
                .is_none_or(|_| is_overdue(r.status, r.due.as_deref(), now.date()))
    });
    Ok(rows)
}

/// The status of one task as of `now`.
pub fn task_status(
    store: &Store,
    task: &TaskKey,
    now: NaiveDateTime,
) -> anyhow::Result<crate::status::Status> {
    let facts = store.task_facts(None, Some(&[task.pk]), now)?;
    let f = facts.get(&task.pk).cloned().unwrap_or_default();
    Ok(derive_status(f.withdrawn, &f.assignees, &f.reviews))
}

/// The status of one task with everything recorded taken into account, even
/// entries later than `--as-of`: whether a task still takes feedback or a
/// review does not depend on the time one looks from.
pub fn latest_status(store: &Store, task: &TaskKey) -> anyhow::Result<crate::status::Status> {
    let end_of_time = chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .unwrap_or(NaiveDateTime::MAX);
    task_status(store, task, end_of_time)
}

/// The lead's `done` entry that awaits the office's review as of `when`, if
/// the task is done.
pub fn done_awaiting_review(
    store: &Store,
    task: &TaskKey,
    when: NaiveDateTime,
) -> anyhow::Result<Option<i64>> {
    let facts = store.task_facts(None, Some(&[task.pk]), when)?;
    let f = facts.get(&task.pk).cloned().unwrap_or_default();
    if derive_status(f.withdrawn, &f.assignees, &f.reviews) != crate::status::Status::Done {
        return Ok(None);
    }
    Ok(f.assignees
        .iter()
        .filter(|a| a.role == crate::rollup::Role::Lead)
        .filter_map(|a| a.latest.as_ref())
        .find(|e| e.status == crate::status::Status::Done && !f.reviews.answered.contains(&e.pk))
        .map(|e| e.pk))
}
