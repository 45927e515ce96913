//! `tasks list`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::{ListArgs, ListFormat};
use crate::lang::Lang;
use crate::render::output::{wants_bom, write_to, Kind};
use crate::render::{write_json, Grid};
use serde::Serialize;

use crate::deadlines::{Light, ObligationState};
use crate::store::{ListFilter, Store, TaskRow};

pub fn run(args: &ListArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
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
    super::warn_missing_years(&cal);
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
    write_to(args.output.output.as_deref(), kind, out, |out| {
        write(&rows, args.format, ctx, out)
    })
}

fn write(
    rows: &[Listed],
    format: ListFormat,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        ListFormat::Xlsx => anyhow::bail!("the workbook list is not written yet"),
        ListFormat::Json => write_json(&rows, out)?,
        ListFormat::Csv => task_grid(rows, Lang::En, true, true).write_csv(
            &[
                "plan",
                "id",
                "section",
                "title",
                "lead",
                "support",
                "due",
                "status",
                "light",
                "open_obligations",
            ],
            out,
        )?,
        ListFormat::Table if rows.is_empty() => writeln!(
            out,
            "{}",
            ctx.lang.pick("No tasks match.", "没有符合条件的任务。")
        )?,
        ListFormat::Table => {
            let with_plan = super::several_plans(rows.iter().map(|r| r.row.plan.as_str()));
            task_grid(rows, ctx.lang, with_plan, true).write_table(out)?
        }
    }
    Ok(())
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

/// The task table of `list`, with optional plan and section columns.
pub fn task_grid(rows: &[Listed], lang: Lang, with_plan: bool, with_section: bool) -> Grid {
    let mut headers = Vec::new();
    if with_plan {
        headers.push(lang.pick("Plan", "方案"));
    }
    headers.push(lang.pick("ID", "编号"));
    if with_section {
        headers.push(lang.pick("Section", "部分"));
    }
    headers.extend([
        lang.pick("Title", "任务"),
        lang.pick("Lead", "牵头"),
        lang.pick("Support", "配合"),
        lang.pick("Due", "期限"),
        lang.pick("Status", "状态"),
        lang.pick("Light", "灯"),
        lang.pick("Open", "待办时限"),
    ]);
    let mut grid = Grid::new(&headers);
    for listed in rows {
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
            r.title.clone(),
            r.lead.clone(),
            r.support.join(lang.pick(", ", "、")),
            r.due.clone().unwrap_or_default(),
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
