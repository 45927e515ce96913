//! The office's decision on work reported done: accepted (销号) or returned
//! (退回).

use chrono::NaiveDateTime;

use crate::error::UserError;
use crate::messages;
use crate::rollup::Decision;
use crate::status::{Named, Status};
use crate::store::{Store, TaskKey};
use crate::time::format_time;
use crate::view::{done_awaiting_review, latest_status, task_status};

/// Records a review inside the caller's write transaction, so that two
/// reviews of the same report cannot both pass: the task must not be closed,
/// and must be awaiting review both now and at the time of the decision
/// (`at`, else now). Returns the review's number.
pub fn review(
    store: &Store,
    task: &TaskKey,
    decision: Decision,
    note: &str,
    by: &str,
    at: Option<&str>,
    now: NaiveDateTime,
) -> anyhow::Result<i64> {
    super::refuse_parent(store, task)?;
    let at = super::check_time(store, task, at, now)?
        .map_err(|e| UserError::usage(messages::refused_value("--at", e)))?;
    if latest_status(store, task)? == Status::Closed {
        return Err(UserError::usage(messages::task_already_closed(&task.id)).into());
    }
    let now_status = task_status(store, task, now)?;
    if now_status != Status::Done {
        let refusal = messages::not_to_review(&task.id, Named(now_status));
        return Err(UserError::usage(refusal).into());
    }
    let Some(answers) = done_awaiting_review(store, task, at)? else {
        let then = task_status(store, task, at)?;
        let refusal = messages::not_to_review_then(&task.id, Named(then), format_time(at));
        return Err(UserError::usage(refusal).into());
    };
    store.record_review(task, decision, answers, note, by, at, now)
}
