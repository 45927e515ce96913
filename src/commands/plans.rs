//! `tasks plans`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::FormatArgs;
use crate::render::{write_json, Fit, Format, Grid};
use crate::store::{PlanRow, Store};

pub fn run(args: &FormatArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let rows = store.plans()?;
    if args.format == Format::Json {
        return Ok(write_json(&rows, out)?);
    }
    let l = ctx.lang;
    use Fit::{Fixed, Wrap};
    let mut grid = Grid::new(&[
        (Fixed, l.pick("Plan", "方案")),
        (Wrap, l.pick("Title", "标题")),
        (Fixed, l.pick("Doc no.", "文号")),
        (Fixed, l.pick("Issued", "印发日期")),
        (Fixed, l.pick("Due", "期限")),
        (Fixed, l.pick("Tasks", "任务")),
        (Fixed, l.pick("Withdrawn", "已撤销")),
        (Fixed, l.pick("Sections", "部分")),
        (Fixed, l.pick("Divisions", "处室")),
        (Fixed, l.pick("Groups", "处室组")),
        (Fixed, l.pick("Loaded", "载入时间")),
    ]);
    for p in &rows {
        grid.push(cells(p, l));
    }
    match args.format {
        Format::Csv => grid.write_csv(
            &[
                "id",
                "title",
                "doc_no",
                "issued",
                "due",
                "tasks",
                "withdrawn",
                "sections",
                "divisions",
                "groups",
                "loaded_at",
            ],
            out,
        )?,
        _ if rows.is_empty() => writeln!(out, "{}", crate::messages::no_plans().text(l))?,
        _ => grid.write_table(ctx.layout, out)?,
    }
    Ok(())
}

fn cells(p: &PlanRow, lang: crate::lang::Lang) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        p.id.clone(),
        p.title.clone(),
        opt(&p.doc_no),
        opt(&p.issued),
        crate::plan::due::shown(
            p.due.as_deref(),
            p.due_kind.as_deref(),
            p.due_text.as_deref(),
            lang,
        )
        .unwrap_or_default(),
        p.tasks.to_string(),
        p.withdrawn.to_string(),
        p.sections.to_string(),
        p.divisions.to_string(),
        p.groups.to_string(),
        p.loaded_at.clone(),
    ]
}
