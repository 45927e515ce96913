//! `tasks review TASK --accept|--return`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::ReviewArgs;
use crate::lang::Lang;
use crate::render::escape_control;
use crate::rollup::Decision;
use crate::store::{Access, Store};
use crate::view::task_status;

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
    store.write(|store| {
        crate::recording::review(
            store,
            &key,
            decision,
            note,
            by,
            args.at.as_deref(),
            ctx.clock,
        )
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
