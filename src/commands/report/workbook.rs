//! The report as a workbook: for each plan a summary sheet (figures per
//! section and per division, with charts), a sheet of every task line and
//! a sheet of the overdue and warning items. With several plans loaded,
//! each plan has its own three sheets, their names led by the plan's id.

use std::io::Write;

use crate::catalogue::{self, Term};
use crate::commands::check::{days_text, deadline_text, task_label};
use crate::deadlines::Item;
use crate::lang::Lang;
use crate::render::xlsx::{
    date_cell, time_cell, ChartOf, Column, FigureTable, Place, Summary, Value, Workbook,
};
use crate::rollup::{Figures, ReportTask, Role};

use super::{Both, BothTally, BothWays, PlanReport, Report};

pub(super) fn write(report: &Report, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut book = Workbook::new()?;
    let as_of = deadline_text(&report.as_of);
    if report.plans.is_empty() {
        let line = catalogue::as_of_text(lang, &as_of);
        let summary = Summary {
            title: catalogue::NO_PLANS.text(lang),
            line: &line,
            tables: Vec::new(),
        };
        book.summary(None, catalogue::SHEET_SUMMARY.text(lang), &summary)?;
    }
    let several = report.plans.len() > 1;
    for plan in &report.plans {
        let prefix = several.then_some(plan.plan.as_str());
        // The summary comes first; its figures may be counted as the task
        // lines are written.
        let place = book.summary_place(prefix, catalogue::SHEET_SUMMARY.text(lang))?;
        let mut tally = match &plan.both {
            Some(Both::WithLines { sections, units }) => Some(BothTally::new(sections, units)),
            _ => None,
        };
        if let Some(tasks) = &plan.tasks {
            let title = page_title(plan, catalogue::SHEET_TASKS, lang);
            // Deliverables and targets last, when the plan has them.
            let mut terms = catalogue::REPORT_SHEET.to_vec();
            if plan.outcomes {
                terms.extend(catalogue::OUTCOME_COLUMNS);
            }
            let columns = columns(
                &terms,
                &[catalogue::TITLE, catalogue::NOTE, catalogue::DELIVERABLE],
                lang,
            );
            let outcomes = plan.outcomes;
            let label = catalogue::SHEET_TASKS.text(lang);
            let mut sheet = book.table(prefix, label, &title, &columns)?;
            tasks.each(&mut |t| {
                if let Some(tally) = &mut tally {
                    tally.add(&t);
                }
                task_lines(&t, lang, outcomes, &mut |cells| sheet.row(cells))
            })?;
            sheet.finish()?;
        }
        let tallied = tally.map(BothTally::finish);
        let both = match (&tallied, &plan.both) {
            (Some(both), _) => both,
            (None, Some(Both::Counted(both))) => both.as_ref(),
            _ => anyhow::bail!("the workbook's figures were not counted"),
        };
        write_summary(&mut book, place, plan, both, &as_of, lang)?;
        if plan.tasks.is_some() {
            write_items(&mut book, prefix, plan, lang)?;
        }
    }
    book.write(out)
}

/// The header of each printed page of a plan's sheet.
fn page_title(plan: &PlanReport, sheet: Term, lang: Lang) -> String {
    format!("{}    {}", plan.title, sheet.text(lang))
}

/// Columns with the headers of `terms`, those in `wrapped` wrapping.
fn columns(terms: &[Term], wrapped: &[Term], lang: Lang) -> Vec<Column<'static>> {
    terms
        .iter()
        .map(|t| Column {
            header: t.text(lang),
            wrap: wrapped.contains(t),
        })
        .collect()
}

/// Fills the plan's summary sheet, at `place`, with `both`.
fn write_summary(
    book: &mut Workbook,
    place: Place,
    plan: &PlanReport,
    both: &BothWays,
    as_of: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    let line = catalogue::plan_line(lang, plan.doc_no.as_deref(), as_of, &plan.office);
    let total = catalogue::TOTAL.text(lang);
    let mut divisions = both.divisions.clone();
    Figures::add_reminders(&mut divisions.0, &mut divisions.1, &plan.reminders);
    let tables = vec![
        figure_table(&both.sections, false, total, lang),
        figure_table(&divisions, true, total, lang),
    ];
    let summary = Summary {
        title: &plan.title,
        line: &line,
        tables,
    };
    book.fill_summary(place, &summary)
}

/// A table of figures: a line per section (or division and group) and the
/// total, with a chart of the completion rates.
fn figure_table<'a>(
    (rows, total): &'a (Vec<Figures>, Figures),
    by_division: bool,
    total_label: &'a str,
    lang: Lang,
) -> FigureTable<'a> {
    let count = |n: usize| Value::Number(n as f64);
    let mut lines = Vec::with_capacity(rows.len() + 1);
    for f in rows.iter().chain(std::iter::once(total)) {
        let is_total = std::ptr::eq(f, total);
        let mut cells = vec![
            Value::Text(if is_total { total_label } else { &f.key }),
            match (is_total, by_division) {
                (true, _) => Value::Blank,
                (false, true) => Value::Text(catalogue::unit_kind(&f.label, lang)),
                (false, false) => Value::Text(&f.label),
            },
            count(f.tasks),
        ];
        if by_division && is_total {
            cells.extend([Value::Blank, Value::Blank]);
        } else if by_division {
            cells.extend([count(f.lead), count(f.support)]);
        }
        cells.extend(f.by_status().map(count));
        if by_division {
            cells.push(count(f.reminders.unwrap_or(0)));
        }
        cells.push(Value::Share(f64::from(f.completion) / 100.0));
        lines.push(cells);
    }
    let columns = catalogue::figure_columns(by_division);
    let (caption, chart_title) = if by_division {
        (catalogue::BY_DIVISION, catalogue::CHART_DIVISIONS)
    } else {
        (catalogue::BY_SECTION, catalogue::CHART_SECTIONS)
    };
    FigureTable {
        caption: caption.text(lang),
        headers: catalogue::headers(&columns, lang),
        rows: lines,
        chart: Some(ChartOf {
            title: chart_title.text(lang),
            // Divisions by name, sections by title.
            categories: if by_division { 0 } else { 1 },
            values: (columns.len() - 1) as u16,
            shares: true,
        }),
    }
}

/// The lines of a task on the task sheet, one per assignee, each with the
/// task's own cells (so that a filter keeps whole lines).
fn task_lines(
    t: &ReportTask,
    lang: Lang,
    outcomes: bool,
    line: &mut dyn FnMut(&[Value]) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    // Units under a role word of the plan with their word.
    let named = crate::store::named_of(&t.assignees);
    let mut leads = vec![t.lead.clone()];
    leads.extend(
        named
            .iter()
            .filter(|n| n.counts_as == crate::plan::CountsAs::Lead)
            .map(|n| n.tagged(lang)),
    );
    let lead = leads.join(lang.pick(", ", "、"));
    let support = t
        .assignees
        .iter()
        .filter(|a| a.role == Role::Support && a.word.is_none())
        .map(|a| a.name.clone())
        .chain(
            named
                .iter()
                .filter(|n| n.counts_as == crate::plan::CountsAs::Support)
                .map(|n| n.tagged(lang)),
        )
        .collect::<Vec<_>>()
        .join(lang.pick(", ", "、"));
    let target = t.outcome.target.as_ref();
    let outcome = [
        Value::Text(t.outcome.deliverable_text()),
        Value::Text(t.outcome.target_text()),
        match target.and_then(|t| t.value.as_deref()?.parse::<f64>().ok()) {
            Some(v) => Value::Number(v),
            None => Value::Blank,
        },
        Value::Text(target.and_then(|t| t.unit.as_deref()).unwrap_or("")),
    ];
    let due = t.due_shown(lang);
    let obligations = t
        .open_obligations
        .iter()
        .map(|o| format!("#{} {}", o.n, deadline_text(&o.deadline)))
        .chain(
            t.open_duties
                .iter()
                .map(|p| format!("{} {}", p.label, deadline_text(&p.deadline))),
        )
        .collect::<Vec<_>>()
        .join(lang.pick(", ", "、"));
    let task = [
        Value::Text(&t.id),
        Value::Text(&t.section),
        Value::Text(&t.title),
        Value::Text(&lead),
        Value::Text(&support),
        date_cell(due.as_deref()),
        Value::Text(catalogue::status(t.status, lang)),
        t.light
            .map_or(Value::Blank, |l| Value::Light(l, catalogue::light(l, lang))),
        Value::Text(&obligations),
    ];
    // A task with sub-tasks: its own line only; its assignees report on
    // the sub-tasks.
    if t.assignees.is_empty() || t.has_sub_tasks {
        let mut cells = task.to_vec();
        cells.extend([Value::Blank; 9]);
        if outcomes {
            cells.extend(outcome);
        }
        return line(if outcomes { &cells } else { &task });
    }
    let mut cells = Vec::with_capacity(catalogue::REPORT_SHEET.len());
    for a in &t.assignees {
        let latest = a.latest.as_ref();
        let missing = t.missing_feedback.contains(&a.name);
        cells.clear();
        cells.extend(task);
        cells.extend([
            Value::Text(&a.name),
            Value::Text(
                crate::store::own_word(&a.word)
                    .unwrap_or_else(|| catalogue::role(a.role).text(lang)),
            ),
            Value::Text(catalogue::yes_no(missing).text(lang)),
        ]);
        match latest {
            None => cells.extend([Value::Blank; 6]),
            Some(e) => cells.extend([
                Value::Text(catalogue::status(e.status, lang)),
                e.percent
                    .map_or(Value::Blank, |p| Value::Number(f64::from(p))),
                Value::Text(&e.note),
                Value::Text(&e.division),
                Value::Text(&e.by),
                time_cell(&e.at),
            ]),
        }
        if outcomes {
            cells.extend(outcome);
        }
        line(&cells)?;
    }
    Ok(())
}

/// The plan's overdue and warning items, in the order of `tasks check`.
fn write_items(
    book: &mut Workbook,
    prefix: Option<&str>,
    plan: &PlanReport,
    lang: Lang,
) -> anyhow::Result<()> {
    let title = page_title(plan, catalogue::SHEET_WARNINGS, lang);
    let columns = columns(
        &catalogue::ITEMS_SHEET,
        &[catalogue::TITLE, catalogue::ITEM_DETAIL],
        lang,
    );
    let label = catalogue::SHEET_WARNINGS.text(lang);
    let mut sheet = book.table(prefix, label, &title, &columns)?;
    for item in &plan.items {
        let light = item.kind.light();
        let task = task_label(item, false);
        let days = days_text(item, lang);
        sheet.row(&[
            Value::Light(light, catalogue::light(light, lang)),
            deadline_value(item),
            Value::Text(&task),
            Value::Text(&item.title),
            Value::Text(&item.division),
            Value::Text(item.kind.label(lang)),
            Value::Text(&days),
            Value::Text(&item.detail),
        ])?;
    }
    if plan.items.is_empty() {
        return sheet.finish_with_note(catalogue::NO_ITEMS.text(lang));
    }
    sheet.finish()
}

/// An item's deadline: a date when it is the end of a day, else a date
/// and time.
fn deadline_value(item: &Item) -> Value<'_> {
    match item.deadline.strip_suffix(" 23:59:59") {
        Some(date) => date_cell(Some(date)),
        None => time_cell(&item.deadline),
    }
}
