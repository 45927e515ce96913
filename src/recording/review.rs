//! The office's decision on work reported done: accepted (销号) or returned
//! (退回).

use chrono::NaiveDateTime;

use crate::error::UserError;
use crate::rollup::Decision;
use crate::status::Status;
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
    let at = super::check_time(store, task, at, now)?
        .map_err(|e| UserError::usage(format!("--at: {e}")))?;
    if latest_status(store, task)? == Status::Closed {
        return Err(
            UserError::usage(format!("task {} is already closed (已销号)", task.id)).into(),
        );
    }
    let refuse = |status: Status, when: String| -> anyhow::Error {
        UserError::usage(format!(
            "task {} is {} ({}){when}: only a task its lead division reported done can be reviewed",
            task.id,
            status.id(),
            status.chinese()
        ))
        .into()
    };
    let now_status = task_status(store, task, now)?;
    if now_status != Status::Done {
        return Err(refuse(now_status, String::new()));
    }
    let Some(answers) = done_awaiting_review(store, task, at)? else {
        let then = task_status(store, task, at)?;
        return Err(refuse(then, format!(" at {}", format_time(at))));
    };
    store.record_review(task, decision, answers, note, by, at, now)
}
