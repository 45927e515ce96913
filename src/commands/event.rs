//! `tasks event TASK KIND`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::EventArgs;
use crate::duration::Duration;
use crate::error::UserError;
use crate::messages as m;
use crate::render::escape_control;
use crate::store::{Access, Store};
use crate::time::format_time;

pub fn run(args: &EventArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    ctx.check_writable_now()?;
    let store = Store::open(&ctx.db, Access::Existing)?;
    if let Some((task, _)) = args.task.rsplit_once('#') {
        return Err(UserError::usage(m::event_on_obligation(task)).into());
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
    let recorded = m::event_recorded(&kind_shown, &id, format_time(at));
    writeln!(out, "{}", recorded.text(lang))?;
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
                let opens = m::opens_obligation(format!("{id}#{n}"), &what, due, within.words());
                writeln!(out, "{}", opens.text(lang))?;
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
                let counts = m::counts_towards(&what, recorded, count, &by);
                writeln!(out, "{}", counts.text(lang))?;
            }
            _ => {}
        }
    }
    super::warn_missing_years_in(&cal, lang);
    Ok(())
}
