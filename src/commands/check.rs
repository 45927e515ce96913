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
            eprintln!(
                "{}",
                crate::messages::check_all_clear(as_of, ahead).text(ctx.lang)
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    match args.format {
        // One object per item, a missing return of each task included:
        // scripts count and filter them.
        SummaryFormat::Json => {
            for item in &items {
                serde_json::to_writer(&mut *out, item)?;
                writeln!(out)?;
            }
        }
        SummaryFormat::Text => {
            let with_plan = store.plan_ids()?.len() > 1;
            let rows: Vec<[String; 6]> = lines(&items)
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
    Ok(ExitCode::from(1))
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
