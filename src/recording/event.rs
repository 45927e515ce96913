//! Events that open obligations of `after` rules and count towards quotas.

use chrono::NaiveDateTime;

use crate::error::UserError;
use crate::status::Status;
use crate::store::{RuleRow, Store, TaskKey};
use crate::view::latest_status;

/// The rules of a task that an event of `kind` concerns, or why none does:
/// an event is recorded only for a kind a rule of its task names, so that a
/// typing mistake cannot silently open nothing.
pub fn rules_for(store: &Store, task: &TaskKey, kind: &str) -> anyhow::Result<Vec<RuleRow>> {
    if kind.is_empty() {
        return Err(UserError::usage(
            "the event kind is empty: give the event a rule of the task names",
        )
        .into());
    }
    let rules = store
        .rules(None, Some(&[task.pk]))?
        .remove(&task.pk)
        .unwrap_or_default();
    if !rules.iter().any(|r| r.event == kind) {
        let kinds: Vec<&str> = rules.iter().map(|r| r.event.as_str()).collect();
        return Err(UserError::usage(if kinds.is_empty() {
            format!(
                "task {} has no time rules, so no event is recorded for it",
                task.id
            )
        } else {
            format!(
                "task {} has no rule for the event {kind:?}; its rules' events are: {}",
                task.id,
                kinds.join(", ")
            )
        })
        .into());
    }
    Ok(rules.into_iter().filter(|r| r.event == kind).collect())
}

/// Records an event inside the caller's write transaction: the task must
/// be neither withdrawn nor closed, and its time (`at`, else now) not in
/// the future nor before the plan was issued. Returns its time.
pub fn event(
    store: &Store,
    task: &TaskKey,
    kind: &str,
    note: &str,
    at: Option<&str>,
    now: NaiveDateTime,
) -> anyhow::Result<NaiveDateTime> {
    match latest_status(store, task)? {
        Status::Withdrawn => {
            return Err(
                UserError::usage(format!("task {} was withdrawn from the plan", task.id)).into(),
            )
        }
        Status::Closed => {
            return Err(UserError::usage(format!("task {} is closed (已销号)", task.id)).into())
        }
        _ => {}
    }
    let at = super::check_time(store, task, at, now)?
        .map_err(|e| UserError::usage(format!("--at: {e}")))?;
    store.record_event(task, kind, at, note, now)?;
    Ok(at)
}
