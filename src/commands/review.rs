//! `tasks review TASK --accept|--return`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::ReviewArgs;
use crate::messages as m;
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
    let line = match decision {
        Decision::Accept => m::review_accepted(&id),
        Decision::Return => m::review_returned(&id, status),
    };
    writeln!(out, "{}", line.text(ctx.lang))?;
    Ok(())
}
