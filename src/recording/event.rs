//! Events that open obligations of `after` rules and count towards quotas.

use chrono::NaiveDateTime;

use crate::error::UserError;
use crate::messages::{self, Msg};
use crate::status::Status;
use crate::store::{RuleRow, Store, TaskKey};
use crate::view::latest_status;

/// The rules of a task that an event of `kind` concerns, or why none does:
/// an event is recorded only for a kind a rule of its task names, so that a
/// typing mistake cannot silently open nothing.
pub fn rules_for(store: &Store, task: &TaskKey, kind: &str) -> anyhow::Result<Vec<RuleRow>> {
    super::refuse_parent(store, task)?;
    if kind.is_empty() {
        return Err(UserError::usage(messages::event_kind_empty()).into());
    }
    let rules = store
        .rules(None, Some(&[task.pk]))?
        .remove(&task.pk)
        .unwrap_or_default();
    if !rules.iter().any(|r| r.event == kind) {
        // A recurring duty that names no event (`every` rule) takes none.
        let kinds: Vec<&str> = rules
            .iter()
            .map(|r| r.event.as_str())
            .filter(|e| !e.is_empty())
            .collect();
        return Err(UserError::usage(if kinds.is_empty() {
            messages::task_without_rules(&task.id)
        } else {
            messages::no_rule_for_event(&task.id, kind, Msg::list(&kinds))
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
    super::refuse_parent(store, task)?;
    match latest_status(store, task)? {
        Status::Withdrawn => {
            return Err(UserError::usage(messages::task_withdrawn(&task.id)).into())
        }
        Status::Closed => return Err(UserError::usage(messages::task_closed(&task.id)).into()),
        _ => {}
    }
    let at = super::check_time(store, task, at, now)?
        .map_err(|e| UserError::usage(messages::refused_value("--at", e)))?;
    store.record_event(task, kind, at, note, now)?;
    Ok(at)
}
