//! `tasks check` (docs/deadlines.md) and the items `tasks remind` sends.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use chrono::NaiveDateTime;

use crate::app::Ctx;
use crate::cli::{CheckArgs, SummaryFormat};
use crate::deadlines::{sort_items, Item, ItemKind};
use crate::duration::Duration;
use crate::error::UserError;
use crate::lang::Lang;
use crate::render::{escape_control, Fit, Grid};
use crate::store::Store;

/// Every item needing attention, in the fixed order of `check`: of one plan,
/// or of all of them (refusing a database with no plan, which would
/// otherwise pass for an all-clear). Warns about years without holiday data.
pub fn items(
    store: &Store,
    plan: Option<&str>,
    within: Option<Duration>,
    now: NaiveDateTime,
    lang: Lang,
) -> anyhow::Result<Vec<Item>> {
    let plans = store.plan_ids()?;
    match plan {
        Some(plan) => store.check_plan(plan)?,
        None if plans.is_empty() => {
            return Err(UserError::usage(crate::messages::no_plans_to_check(store.path())).into())
        }
        None => {}
    }
    let cal = crate::view::calendar(Some(store))?;
    let items = items_on(store, plan, within, now, &cal)?;
    super::warn_missing_years_in(&cal, lang);
    Ok(items)
}

/// `items` on a calendar already read, for a caller that warns about its
/// missing years itself: no plan loaded means no items.
pub fn items_on(
    store: &Store,
    plan: Option<&str>,
    within: Option<Duration>,
    now: NaiveDateTime,
    cal: &crate::calendar::Calendar,
) -> anyhow::Result<Vec<Item>> {
    let mut items: Vec<Item> = Vec::new();
    for id in store.plan_ids()? {
        if plan.is_none_or(|p| p == id) {
            let views = crate::view::attention(store, &id, cal, now, within)?;
            items.extend(views.into_iter().flat_map(|v| v.deadlines.items));
        }
    }
    sort_items(&mut items);
    Ok(items)
}

/// A deadline for people: the date alone when it is the end of a day.
pub fn deadline_text(deadline: &str) -> String {
    match deadline.strip_suffix(" 23:59:59") {
        Some(date) => date.to_string(),
        None => deadline.get(..16).unwrap_or(deadline).to_string(),
    }
}

/// "3 days late", "due today", "2 days left"; a deadline passed earlier
/// today is "late today".
pub fn days_text(item: &Item, lang: Lang) -> String {
    let days = item.days;
    let n = days.abs();
    let late = matches!(
        item.kind,
        ItemKind::Overdue
            | ItemKind::ObligationOverdue
            | ItemKind::QuotaFailed
            | ItemKind::MissingFeedback
    );
    use crate::messages as m;
    let msg = match days.signum() {
        0 if late => m::late_today(),
        0 => m::due_today(),
        -1 if n == 1 => m::one_day_late(),
        -1 => m::days_late(n),
        _ if n == 1 => m::one_day_left(),
        _ => m::days_left(n),
    };
    msg.text(lang).to_string()
}

/// The task as an item names it: `ID`, `ID#N`, and `PLAN:` before it when
/// several plans are loaded.
pub fn task_label(item: &Item, with_plan: bool) -> String {
    let mut label = if with_plan {
        format!("{}:{}", item.plan, item.task)
    } else {
        item.task.clone()
    };
    if let Some(n) = item.obligation {
        label += &format!("#{n}");
    }
    label
}

pub fn run(
    args: &CheckArgs,
    store: &Store,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let items = items(store, args.plan.as_deref(), args.within, ctx.now, ctx.lang)?;
    if items.is_empty() {
        // Cron and pipes get nothing at all; a person at a terminal gets a
        // word that the check ran.
        if std::io::stderr().is_terminal() {
            let ahead = look_ahead(store, args.plan.as_deref(), args.within, ctx.now)?;
            let as_of = crate::messages::time_words(ctx.now);
            crate::stderr_line!(
                "{}",
                crate::messages::check_all_clear(as_of, ahead).text(ctx.lang)
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    // Items were found: the status is 1 whatever becomes of the output (a
    // reader that has gone, `tasks check | head -1`, changes nothing).
    match write_all_items(&items, args, store, ctx, out) {
        Err(e) if crate::app::is_broken_pipe(&e) => {}
        written => written?,
    }
    Ok(ExitCode::from(1))
}

/// The items, as lines of text or JSON objects.
fn write_all_items(
    items: &[Item],
    args: &CheckArgs,
    store: &Store,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match args.format {
        // One object per item, a missing return of each task included:
        // scripts count and filter them.
        SummaryFormat::Json => {
            for item in items {
                serde_json::to_writer(&mut *out, item)?;
                writeln!(out)?;
            }
        }
        SummaryFormat::Text => {
            let with_plan = store.plan_ids()?.len() > 1;
            let rows: Vec<[String; 6]> = lines(items)
                .into_iter()
                .map(|line| {
                    let (i, task) = match line {
                        Line::One(i) => (i, task_label(i, with_plan)),
                        Line::Missing { first, tasks } => {
                            let n = crate::messages::tasks_count(tasks);
                            let n = n.text(ctx.lang);
                            let label = if with_plan {
                                format!("{}:{n}", first.plan)
                            } else {
                                n.to_string()
                            };
                            (first, label)
                        }
                    };
                    [
                        deadline_text(&i.deadline),
                        escape_control(&task),
                        escape_control(&i.division),
                        i.kind.label(ctx.lang).to_string(),
                        days_text(i, ctx.lang),
                        escape_control(&i.detail),
                    ]
                })
                .collect();
            write_items(&rows, ctx, out)?;
        }
    }
    Ok(())
}

/// A line of the text output of `check`.
#[derive(Debug)]
pub enum Line<'a> {
    /// One item.
    One(&'a Item),
    /// The missing returns of one division for one feedback period of one
    /// plan, in `tasks` tasks (more than one): `first` stands for them all
    /// (their deadline, division and period are the same).
    Missing { first: &'a Item, tasks: usize },
}

/// The lines of `items` (in the order of `check`): a division that missed
/// its return for a period in many tasks gets one line, where the first of
/// them was, rather than a line per task.
pub fn lines(items: &[Item]) -> Vec<Line<'_>> {
    use std::collections::HashMap;
    let key = |i: &Item| {
        (
            i.plan.clone(),
            i.division.clone(),
            i.deadline.clone(),
            i.detail.clone(),
        )
    };
    let mut counts: HashMap<_, usize> = HashMap::new();
    for item in items.iter().filter(|i| i.kind == ItemKind::MissingFeedback) {
        *counts.entry(key(item)).or_default() += 1;
    }
    let mut lines = Vec::with_capacity(items.len());
    for item in items {
        if item.kind != ItemKind::MissingFeedback {
            lines.push(Line::One(item));
            continue;
        }
        match counts.remove(&key(item)) {
            Some(1) => lines.push(Line::One(item)),
            Some(tasks) => lines.push(Line::Missing { first: item, tasks }),
            // Already counted in the line of the first.
            None => {}
        }
    }
    lines
}

/// How far ahead `check` looked, in words: `--within` or the plans' `warn`,
/// whichever reaches further for each plan checked.
fn look_ahead(
    store: &Store,
    plan: Option<&str>,
    within: Option<Duration>,
    now: NaiveDateTime,
) -> anyhow::Result<crate::messages::Msg> {
    let cal = crate::view::calendar(Some(store))?;
    let mut spans: Vec<Duration> = Vec::new();
    for id in store.plan_ids()? {
        if plan.is_some_and(|p| p != id) {
            continue;
        }
        let warn = store
            .plan_terms(&id)?
            .warn
            .as_deref()
            .and_then(|w| w.parse().ok())
            .unwrap_or(crate::deadlines::DEFAULT_WARN);
        let span = match within {
            Some(w) => {
                let reach = |d| crate::deadlines::Horizons::new(&cal, now, d, d).ahead_until;
                if reach(w) >= reach(warn) {
                    w
                } else {
                    warn
                }
            }
            None => warn,
        };
        if !spans.contains(&span) {
            spans.push(span);
        }
    }
    Ok(match spans.as_slice() {
        [one] => duration_words(*one),
        _ => crate::messages::each_plans_look_ahead(),
    })
}

/// "5 working days", "1 day", "24 hours".
fn duration_words(d: Duration) -> crate::messages::Msg {
    use crate::duration::Unit;
    use crate::messages as m;
    match (d.unit, d.count) {
        (Unit::WorkingDays, 1) => m::one_working_day(),
        (Unit::WorkingDays, n) => m::working_days(n),
        (Unit::Days, 1) => m::one_day(),
        (Unit::Days, n) => m::days(n),
        (Unit::Hours, 1) => m::one_hour(),
        (Unit::Hours, n) => m::hours(n),
    }
}

/// The items as lines, columns two spaces apart (Chinese characters are
/// two columns wide). Fitted to a width, the detail wraps, and items
/// whose other columns do not fit are shown as records.
fn write_items(rows: &[[String; 6]], ctx: &Ctx, out: &mut dyn Write) -> std::io::Result<()> {
    use crate::catalogue::{DEADLINE, ITEM_DAYS, ITEM_DETAIL, ITEM_DIVISION, ITEM_KIND, ITEM_TASK};
    use Fit::{Fixed, Wrap};
    let lang = ctx.lang;
    let mut grid = Grid::bare(&[
        (Fixed, DEADLINE.text(lang)),
        (Fixed, ITEM_TASK.text(lang)),
        (Fixed, ITEM_DIVISION.text(lang)),
        (Fixed, ITEM_KIND.text(lang)),
        (Fixed, ITEM_DAYS.text(lang)),
        (Wrap, ITEM_DETAIL.text(lang)),
    ]);
    for row in rows {
        grid.push(row.to_vec());
    }
    grid.write_table(ctx.layout, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::SummaryFormat;

    /// A reader that went away before the first byte.
    struct Gone;

    impl Write for Gone {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    fn plan_with_overdue_task() -> Store {
        let text = "[plan]\nid = \"p\"\ntitle = \"方案\"\noffice = \"办公室\"\n\
                    issued = 2016-06-20\n\n[[division]]\nname = \"办公室\"\n\
                    [[division]]\nname = \"法规处\"\n\n[[section]]\nid = \"1\"\ntitle = \"一\"\n\n\
                    [[task]]\nid = \"1.1\"\nsection = \"1\"\ntitle = \"事项\"\n\
                    lead = \"法规处\"\ndue = 2016-09-30\n";
        let plan = crate::plan::parse("p.toml", text.as_bytes()).expect("plan");
        let mut store = Store::in_memory().unwrap();
        let at = crate::time::parse_at("2016-06-21").unwrap();
        store.load_plan(&plan, "p.toml", at, false).unwrap();
        store
    }

    /// The items found decide the status, not whether the reader stayed:
    /// a write meeting a closed pipe, in either format, leaves it at 1.
    #[test]
    fn items_found_give_status_1_even_when_the_reader_has_gone() {
        let store = plan_with_overdue_task();
        let now = crate::time::parse_at("2016-10-10").unwrap();
        let ctx = Ctx {
            db: std::path::PathBuf::new(),
            lang: Lang::En,
            csv_lang: Lang::En,
            now,
            clock: now,
            real_clock: now,
            as_of_given: false,
            layout: crate::render::Layout::WHOLE,
        };
        for format in [SummaryFormat::Text, SummaryFormat::Json] {
            let args = CheckArgs {
                plan: None,
                within: None,
                format,
            };
            let mut written = Vec::new();
            let code = run(&args, &store, &ctx, &mut written).unwrap();
            assert_eq!(code, ExitCode::from(1), "{format:?}");
            assert!(!written.is_empty(), "{format:?}: no item written");
            let code = run(&args, &store, &ctx, &mut Gone);
            assert_eq!(code.ok(), Some(ExitCode::from(1)), "{format:?}");
        }
    }
}
