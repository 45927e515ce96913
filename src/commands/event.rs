//! `tasks event TASK KIND`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::EventArgs;
use crate::duration::Duration;
use crate::error::UserError;
use crate::lang::Lang;
use crate::render::escape_control;
use crate::store::{Access, Store};
use crate::time::format_time;

pub fn run(args: &EventArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    if let Some((task, _)) = args.task.rsplit_once('#') {
        return Err(UserError::usage(format!(
            "events are recorded on a task, not on an obligation: use `tasks event {task} KIND`"
        ))
        .into());
    }
    let key = store.resolve_task(&args.task)?;
    let kind = args.kind.trim();
    let matching = crate::recording::rules_for(&store, &key, kind)?;
    let note = args.note.as_deref().unwrap_or("").trim();
    let at = store.write(|store| {
        crate::recording::event(store, &key, kind, note, args.at.as_deref(), ctx.clock)
    })?;
    // The number the new event got, and what it opened.
    let far = crate::time::far_future();
    let events = store
        .events(None, Some(&[key.pk]), far)?
        .remove(&key.pk)
        .unwrap_or_default();
    let number = events.last().and_then(|e| e.obligation);
    let cal = crate::view::calendar(Some(&store))?;
    let lang = ctx.lang;
    let id = escape_control(&key.id);
    let kind_shown = escape_control(kind);
    match lang {
        Lang::En => writeln!(
            out,
            "Recorded event “{kind_shown}” on task {id} at {}.",
            format_time(at)
        )?,
        Lang::Zh => writeln!(
            out,
            "已记录任务 {id} 的事件“{kind_shown}”,时间 {}。",
            format_time(at)
        )?,
    }
    for rule in &matching {
        let what = escape_control(rule.what.as_deref().unwrap_or(&rule.event));
        match (rule.kind.as_str(), number) {
            ("after", Some(n)) => {
                let within: Option<Duration> = rule.within.as_deref().and_then(|w| w.parse().ok());
                let Some(within) = within else { continue };
                let due = cal
                    .deadline(at, within)
                    .map(format_time)
                    .unwrap_or_default();
                match lang {
                    Lang::En => writeln!(
                        out,
                        "Opens obligation {id}#{n}: {what}, due {due} (within {}).",
                        within.describe(lang)
                    )?,
                    Lang::Zh => writeln!(
                        out,
                        "产生时限事项 {id}#{n}:{what},应于 {due} 前完成({}内)。",
                        within.describe(lang)
                    )?,
                }
            }
            ("quota", _) => {
                let by = rule.by.clone().unwrap_or_default();
                let by_end = crate::time::parse_as_of(&by).unwrap_or(far);
                let recorded = events
                    .iter()
                    .filter(|e| {
                        e.kind == rule.event && e.at.as_str() <= format_time(by_end).as_str()
                    })
                    .count();
                let count = rule.count.unwrap_or(0);
                match lang {
                    Lang::En => writeln!(
                        out,
                        "Counts towards “{what}”: {recorded} of {count} by {by}."
                    )?,
                    Lang::Zh => writeln!(
                        out,
                        "计入“{what}”:{by} 前已 {recorded} 次,要求 {count} 次。"
                    )?,
                }
            }
            _ => {}
        }
    }
    super::warn_missing_years(&cal);
    Ok(())
}
