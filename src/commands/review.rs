//! `tasks review TASK --accept|--return`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::ReviewArgs;
use crate::error::UserError;
use crate::lang::Lang;
use crate::render::escape_control;
use crate::rollup::Decision;
use crate::status::Status;
use crate::store::{Access, Store};
use crate::time::format_time;
use crate::view::{done_awaiting_review, latest_status, task_status};

pub fn run(args: &ReviewArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    let key = store.resolve_task(&args.task)?;
    let decision = if args.accept {
        Decision::Accept
    } else {
        Decision::Return
    };
    let note = args.note.as_deref().unwrap_or("").trim();
    let by = args.by.as_deref().unwrap_or("").trim();
    // Checks and record in one write transaction, so that two reviews of
    // the same report cannot both pass.
    store.write(|store| {
        let at = crate::recording::check_time(store, &key, args.at.as_deref(), ctx.clock)?
            .map_err(|e| UserError::usage(format!("--at: {e}")))?;
        if latest_status(store, &key)? == Status::Closed {
            return Err(UserError::usage(format!("task {} is already closed (已销号)", key.id)).into());
        }
        // The task must be awaiting review both now and at the time of the
        // decision.
        let refuse = |status: Status, when: String| -> anyhow::Error {
            UserError::usage(format!(
                "task {} is {} ({}){when}: only a task its lead division reported done can be reviewed",
                key.id,
                status.id(),
                status.chinese()
            ))
            .into()
        };
        let now_status = task_status(store, &key, ctx.clock)?;
        if now_status != Status::Done {
            return Err(refuse(now_status, String::new()));
        }
        let Some(answers) = done_awaiting_review(store, &key, at)? else {
            let then = task_status(store, &key, at)?;
            return Err(refuse(then, format!(" at {}", format_time(at))));
        };
        store.record_review(&key, decision, answers, note, by, at, ctx.clock)
    })?;
    let status = task_status(&store, &key, ctx.clock)?;
    let id = escape_control(&key.id);
    match (ctx.lang, decision) {
        (Lang::En, Decision::Accept) => writeln!(out, "Task {id} accepted: closed (已销号).")?,
        (Lang::En, Decision::Return) => {
            writeln!(out, "Task {id} returned: it is {} again.", status.id())?
        }
        (Lang::Zh, Decision::Accept) => writeln!(out, "任务 {id} 已审核通过,予以销号。")?,
        (Lang::Zh, Decision::Return) => {
            writeln!(out, "任务 {id} 已退回,状态:{}。", status.chinese())?
        }
    }
    Ok(())
}
