//! `tasks void`: take back a mistaken record.

use std::io::Write;

use serde::Serialize;

use crate::app::Ctx;
use crate::cli::{SummaryFormat, VoidArgs};
use crate::error::UserError;
use crate::messages as m;
use crate::recording;
use crate::render::{escape_control, write_json};
use crate::status::Status;
use crate::store::{Access, RecordKind, Store};
use crate::view::task_status;

#[derive(Serialize)]
struct Done<'a> {
    /// The void's number.
    number: i64,
    /// What it voided: its number and kind.
    voids: i64,
    kind: RecordKind,
    plan: Option<&'a str>,
    task: Option<&'a str>,
    reason: &'a str,
    by: &'a str,
    /// The task's status now, for a record of one task.
    task_status: Option<Status>,
}

pub fn run(args: &VoidArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = ctx.lang;
    let refused =
        |r: crate::refusal::Refusal| -> anyhow::Error { UserError::usage(m::refusal(&r)).into() };
    let n = recording::number(&args.record).map_err(refused)?;
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    if let Some(plan) = &args.plan {
        store.check_plan(plan)?;
    }
    let by = args.by.as_deref().unwrap_or("");
    let voided = store.write(|store| {
        recording::void(store, n, args.plan.as_deref(), &args.reason, by, ctx.clock)?
            .map_err(refused)
    })?;
    let task = voided.record.task.as_ref();
    let status = match task {
        Some(t) => Some(task_status(&store, t, ctx.clock)?),
        None => None,
    };
    let done = Done {
        number: voided.number,
        voids: n,
        kind: voided.record.kind,
        plan: task.map(|t| t.plan.as_str()),
        task: task.map(|t| t.id.as_str()),
        reason: crate::spelling::trim(&args.reason),
        by,
        task_status: status,
    };
    match args.format {
        SummaryFormat::Json => write_json(&done, out)?,
        SummaryFormat::Text => {
            let id = task.map(|t| escape_control(&t.id));
            let on = id.as_deref().map(m::on_task);
            let now = match (status, &id) {
                (Some(s), Some(id)) => Some(m::void_task_now(id, s)),
                _ => None,
            };
            let line = m::voided(
                voided.record.kind.words(),
                n,
                on,
                voided.number,
                escape_control(done.reason),
                now,
            );
            writeln!(out, "{}", line.text(lang))?;
        }
    }
    Ok(())
}
