//! `tasks plans`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::PlansArgs;
use crate::render::{write_json, Fit, Format, Grid};
use crate::store::{PlanRow, Store};

pub fn run(args: &PlansArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some(id) = &args.show {
        return show(id, args.format, store, ctx, out);
    }
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

/// `plans --show PLAN`: the plan's particulars, its role words and its
/// notes (docs/commands.md).
fn show(
    id: &str,
    format: Format,
    store: &Store,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use crate::render::breaking::Breaks;
    store.check_plan(id)?;
    let meta = store.plan_meta(id)?;
    let l = ctx.lang;
    let text = |key: &str| {
        meta.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let notes = store.plan_notes(id)?;
    match format {
        Format::Json => return Ok(write_json(&meta, out)?),
        Format::Csv => {
            let mut grid = Grid::new(&[]);
            for n in &notes {
                grid.push(vec![n.title.clone(), n.text.clone()]);
            }
            grid.write_csv(&["title", "text"], out)?;
            return Ok(());
        }
        _ => {}
    }
    let layout = ctx.layout;
    let mut lines: Vec<(&str, String)> = vec![
        (l.pick("Plan", "方案"), text("id")),
        (l.pick("Title", "标题"), text("title")),
        (l.pick("Doc no.", "文号"), text("doc_no")),
        (l.pick("Issuer", "发文机关"), text("issuer")),
        (l.pick("Issued", "印发日期"), text("issued")),
        (l.pick("Office", "汇总单位"), text("office")),
        (l.pick("Due", "期限"), text("due")),
    ];
    let roles: Vec<String> = meta
        .get("roles")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
        .map(|r| {
            let word = r.get("word").and_then(|w| w.as_str()).unwrap_or("");
            let lead = r.get("counts_as").and_then(|c| c.as_str()) == Some("lead");
            let counts = if lead {
                l.pick("lead", "牵头")
            } else {
                l.pick("support", "配合")
            };
            l.pick(
                &format!("{word} (as {counts})"),
                &format!("{word}（视同{counts}）"),
            )
            .to_string()
        })
        .collect();
    if !roles.is_empty() {
        lines.push((
            l.pick("Role words", "角色词"),
            roles.join(l.pick(", ", "；")),
        ));
    }
    if meta.get("first_is_lead").and_then(|f| f.as_bool()) == Some(true) {
        let rest = meta
            .get("rest")
            .and_then(|r| r.as_str())
            .unwrap_or(crate::plan::SUPPORT_WORD);
        lines.push((
            l.pick("Assignees", "责任单位"),
            crate::messages::first_named_leads(rest).text(l).to_string(),
        ));
    }
    let width = lines
        .iter()
        .map(|(label, _)| unicode_width::UnicodeWidthStr::width(*label))
        .max()
        .unwrap_or(0)
        + 2;
    for (label, value) in lines.iter().filter(|(_, v)| !v.is_empty()) {
        let first = format!("  {}", super::pad(label, width));
        super::show::write_wrapped(
            out,
            layout,
            &first,
            width + 2,
            &crate::render::escape_control(value),
            Some(Breaks::Text),
        )?;
    }
    for n in &notes {
        writeln!(out)?;
        writeln!(out, "{}", crate::render::escape_control(&n.title))?;
        for paragraph in crate::render::escape_text(&n.text, true).lines() {
            super::show::write_wrapped(out, layout, "  ", 2, paragraph, Some(Breaks::Text))?;
        }
    }
    Ok(())
}
