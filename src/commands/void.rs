//! `tasks void`: take back a mistaken record.

use std::io::Write;

use serde::Serialize;

use crate::app::Ctx;
use crate::cli::{SummaryFormat, VoidArgs};
use crate::error::UserError;
use crate::lang::Lang;
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
        |r: crate::refusal::Refusal| -> anyhow::Error { UserError::usage(r.message(lang)).into() };
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
            let what = match (voided.record.kind, lang) {
                (RecordKind::Feedback, Lang::En) => "feedback entry",
                (RecordKind::Review, Lang::En) => "review",
                (RecordKind::Event, Lang::En) => "event",
                (RecordKind::Import, Lang::En) => "import",
                (RecordKind::Reminder, Lang::En) => "reminder",
                (RecordKind::Feedback, Lang::Zh) => "反馈",
                (RecordKind::Review, Lang::Zh) => "审核",
                (RecordKind::Event, Lang::Zh) => "事件",
                (RecordKind::Import, Lang::Zh) => "批量导入",
                (RecordKind::Reminder, Lang::Zh) => "催办",
                (RecordKind::Void, _) => "void",
            };
            let on = task
                .map(|t| match lang {
                    Lang::En => format!(" on task {}", escape_control(&t.id)),
                    Lang::Zh => format!("(任务 {})", escape_control(&t.id)),
                })
                .unwrap_or_default();
            let now = match (status, task, lang) {
                (Some(s), Some(t), Lang::En) => {
                    format!(" Task {} is now {}.", escape_control(&t.id), s.id())
                }
                (Some(s), Some(t), Lang::Zh) => {
                    format!("任务 {} 当前状态:{}。", escape_control(&t.id), s.chinese())
                }
                _ => String::new(),
            };
            let reason = escape_control(done.reason);
            match lang {
                Lang::En => writeln!(
                    out,
                    "Voided {what} #{n}{on} (void #{}): {reason}.{now}",
                    voided.number
                )?,
                Lang::Zh => writeln!(
                    out,
                    "已撤销{what} #{n}{on}(撤销记录 #{}):{reason}。{now}",
                    voided.number
                )?,
            }
        }
    }
    Ok(())
}
