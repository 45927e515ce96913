//! `tasks list`

use std::io::Write;

use crate::app::Ctx;
use crate::catalogue;
use crate::cli::{ListArgs, ListFormat};
use crate::lang::Lang;
use crate::render::output::{wants_bom, write_to, Kind};
use crate::render::xlsx::{date_cell, Column, Value, Workbook};
use crate::render::{write_json, Fit, Grid, Layout};
use serde::Serialize;

use crate::deadlines::{Light, ObligationState};
use crate::store::{ListFilter, Store, TaskRow};

pub fn run(args: &ListArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    // A count of rows on a terminal when a workbook takes long.
    let _progress = (args.format == ListFormat::Xlsx).then(|| {
        crate::progress::Progress::start(
            crate::messages::progress_workbook(),
            ctx.lang,
            crate::progress::Count::Open(crate::messages::progress_rows()),
        )
    });
    let filter = ListFilter {
        plan: args.plan.clone(),
        division: args.division.clone(),
        section: args.section.clone(),
        statuses: args.status.clone(),
        due_before: args.due_before,
        tasks: None,
    };
    let cal = crate::view::calendar(Some(store))?;
    let views = crate::view::list(store, &filter, args.overdue, &cal, ctx.now)?;
    super::warn_missing_years_in(&cal, ctx.lang);
    let rows: Vec<Listed> = views
        .iter()
        .map(|v| Listed {
            row: &v.row,
            light: v.deadlines.light,
            open_obligations: if v.row.status.is_open() {
                v.deadlines
                    .obligations
                    .iter()
                    .filter(|o| matches!(o.state, ObligationState::Open | ObligationState::Overdue))
                    .count()
                    + crate::recurring::outstanding(&v.deadlines.duties).count()
            } else {
                0
            },
        })
        .collect();
    let kind = match args.format {
        ListFormat::Xlsx => Kind::Binary,
        ListFormat::Csv => Kind::Text {
            bom: wants_bom(args.output.bom, args.output.output.as_deref()),
        },
        _ => Kind::Text { bom: false },
    };
    let layout = match args.output.output {
        Some(_) => ctx.layout.to_file(),
        None => ctx.layout,
    };
    write_to(args.output.output.as_deref(), kind, out, |out| {
        write(&rows, args.format, ctx, layout, out)
    })
}

fn write(
    rows: &[Listed],
    format: ListFormat,
    ctx: &Ctx,
    layout: Layout,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        ListFormat::Xlsx => write_workbook(rows, ctx, out)?,
        ListFormat::Json => write_json(&rows, out)?,
        ListFormat::Csv => task_grid(rows, ctx.csv_lang, true, true, false).write_csv(
            &catalogue::csv_headers(&catalogue::LIST_CSV, ctx.csv_lang),
            out,
        )?,
        ListFormat::Table if rows.is_empty() => {
            writeln!(out, "{}", crate::messages::no_tasks_match().text(ctx.lang))?
        }
        ListFormat::Table => {
            let with_plan = super::several_plans(rows.iter().map(|r| r.row.plan.as_str()));
            task_grid(rows, ctx.lang, with_plan, true, true).write_table(layout, out)?
        }
    }
    Ok(())
}

/// The listed tasks as a workbook of one sheet, with the columns of the
/// table: dates as dates, lights as fills.
fn write_workbook(rows: &[Listed], ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    use catalogue::{
        DUE, ID, LEAD, LIGHT, OPEN_OBLIGATIONS, PLAN, SECTION, STATUS, SUPPORT, TITLE,
    };
    let lang = ctx.lang;
    let with_plan = super::several_plans(rows.iter().map(|r| r.row.plan.as_str()));
    let mut terms = Vec::new();
    if with_plan {
        terms.push(PLAN);
    }
    terms.extend([
        ID,
        SECTION,
        TITLE,
        LEAD,
        SUPPORT,
        DUE,
        STATUS,
        LIGHT,
        OPEN_OBLIGATIONS,
    ]);
    let columns: Vec<Column> = terms
        .iter()
        .map(|t| Column {
            header: t.text(lang),
            wrap: *t == TITLE,
        })
        .collect();
    let as_of = super::check::deadline_text(&crate::time::format_time(ctx.now));
    let label = catalogue::SHEET_LIST.text(lang);
    let page_title = format!("{label}    {}", catalogue::as_of_text(lang, &as_of));
    let mut book = Workbook::new()?;
    let mut sheet = book.table(None, label, &page_title, &columns)?;
    for listed in rows {
        let r = listed.row;
        let (lead, support) = (r.leads_text(lang), r.support_text(lang));
        let due = r.due_shown(lang);
        let mut cells = Vec::with_capacity(columns.len());
        if with_plan {
            cells.push(Value::Text(&r.plan));
        }
        cells.extend([
            Value::Text(&r.id),
            Value::Text(&r.section),
            Value::Text(&r.title),
            Value::Text(&lead),
            Value::Text(&support),
            date_cell(due.as_deref()),
            Value::Text(catalogue::status(r.status, lang)),
            listed
                .light
                .map_or(Value::Blank, |l| Value::Light(l, catalogue::light(l, lang))),
            match listed.open_obligations {
                0 => Value::Blank,
                n => Value::Number(n as f64),
            },
        ]);
        sheet.row(&cells)?;
    }
    if rows.is_empty() {
        sheet.finish_with_note(catalogue::NO_TASKS.text(lang))?;
    } else {
        sheet.finish()?;
    }
    book.write(out)
}

/// A task as `list` shows it.
#[derive(Serialize)]
pub struct Listed<'a> {
    #[serde(flatten)]
    pub row: &'a TaskRow,
    /// red, yellow or green; null for closed and withdrawn tasks.
    pub light: Option<Light>,
    /// Obligations opened by events and not yet met.
    pub open_obligations: usize,
}

/// The levels of each listed task below the listed tasks it is a sub-task
/// of: a sub-task whose parent is not listed (left out by a filter) is not
/// marked, so that no task looks like a sub-task of the one above it.
fn listed_depths(rows: &[Listed]) -> Vec<usize> {
    let index: std::collections::HashMap<(&str, &str), usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.row.plan.as_str(), r.row.id.as_str()), i))
        .collect();
    rows.iter()
        .map(|r| {
            let mut at = r.row;
            let mut depth = 0;
            while let Some(&i) = at
                .parent
                .as_deref()
                .and_then(|p| index.get(&(at.plan.as_str(), p)))
            {
                at = rows[i].row;
                depth += 1;
                if depth > crate::plan::MAX_LEVELS {
                    break;
                }
            }
            depth
        })
        .collect()
}

/// The task table of `list`, with optional plan and section columns;
/// with `tree`, each sub-task's title marked under its parent's.
pub fn task_grid(
    rows: &[Listed],
    lang: Lang,
    with_plan: bool,
    with_section: bool,
    tree: bool,
) -> Grid {
    use Fit::{Fixed, List, Wrap};
    let mut headers = Vec::new();
    if with_plan {
        headers.push((Fixed, lang.pick("Plan", "方案")));
    }
    headers.push((Fixed, lang.pick("ID", "编号")));
    if with_section {
        headers.push((Fixed, lang.pick("Section", "部分")));
    }
    headers.extend([
        (Wrap, lang.pick("Title", "任务")),
        (Fixed, lang.pick("Lead", "牵头")),
        (List, lang.pick("Support", "配合")),
        (Fixed, lang.pick("Due", "期限")),
        (Fixed, lang.pick("Status", "状态")),
        (Fixed, lang.pick("Light", "灯")),
        (Fixed, lang.pick("Open", "待办时限")),
    ]);
    let mut grid = Grid::new(&headers);
    let depths = if tree {
        listed_depths(rows)
    } else {
        vec![0; rows.len()]
    };
    for (listed, depth) in rows.iter().zip(depths) {
        let r = listed.row;
        let mut row = Vec::new();
        if with_plan {
            row.push(r.plan.clone());
        }
        row.push(r.id.clone());
        if with_section {
            row.push(r.section.clone());
        }
        row.extend([
            crate::tree::tree_title(depth, &r.title),
            r.leads_text(lang),
            r.support_text(lang),
            r.due_shown(lang).unwrap_or_default(),
            r.status.label(lang).to_string(),
            listed
                .light
                .map_or(String::new(), |l| l.label(lang).to_string()),
            match listed.open_obligations {
                0 => String::new(),
                n => n.to_string(),
            },
        ]);
        grid.push(row);
    }
    grid
}
