//! `tasks divisions`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::DivisionsArgs;
use crate::render::{write_json, Fit, Format, Grid};
use crate::store::Store;

pub fn run(
    args: &DivisionsArgs,
    store: &Store,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let rows = store.divisions(args.plan.as_deref())?;
    let l = ctx.lang;
    match args.format.format {
        Format::Json => return Ok(write_json(&rows, out)?),
        Format::Table if rows.is_empty() => {
            writeln!(out, "{}", crate::messages::no_plans().text(l))?;
            return Ok(());
        }
        _ => {}
    }
    let csv = args.format.format == Format::Csv;
    let with_plan = csv || super::several_plans(rows.iter().map(|r| r.plan.as_str()));
    use Fit::{Fixed, List};
    let mut headers = Vec::new();
    if with_plan {
        headers.push((Fixed, l.pick("Plan", "方案")));
    }
    headers.extend([
        (Fixed, l.pick("Name", "名称")),
        (Fixed, l.pick("Kind", "类型")),
        (List, l.pick("Aliases / members", "别名/成员")),
        (List, l.pick("In groups", "所属处室组")),
        (Fixed, l.pick("Lead", "牵头")),
        (Fixed, l.pick("Support", "配合")),
    ]);
    let mut grid = Grid::new(&headers);
    let sep = if csv { ", " } else { l.pick(", ", "、") };
    for r in &rows {
        let mut row = Vec::new();
        if with_plan {
            row.push(r.plan.clone());
        }
        let kind = match (r.kind.as_str(), csv) {
            (k, true) => k.to_string(),
            ("group", false) => l.pick("group", "处室组").to_string(),
            ("outside", false) => l.pick("outside unit", "单位").to_string(),
            _ => l.pick("division", "处室").to_string(),
        };
        let names = if r.kind == "group" {
            &r.members
        } else {
            &r.aliases
        };
        row.extend([
            r.name.clone(),
            kind,
            names.join(sep),
            r.groups.join(sep),
            r.lead.to_string(),
            r.support.to_string(),
        ]);
        grid.push(row);
    }
    if csv {
        grid.write_csv(
            &[
                "plan",
                "name",
                "kind",
                "aliases_or_members",
                "groups",
                "lead",
                "support",
            ],
            out,
        )?;
    } else {
        grid.write_table(ctx.layout, out)?;
    }
    Ok(())
}
