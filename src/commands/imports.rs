//! `tasks imports`: the batch imports of return files, oldest first.

use std::io::Write;

use crate::app::Ctx;
use crate::cli::ImportsArgs;
use crate::render::{write_json, Fit, Format, Grid};
use crate::store::Store;

pub fn run(
    args: &ImportsArgs,
    store: &Store,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if let Some(plan) = &args.plan {
        store.check_plan(plan)?;
    }
    let rows = store.imports(args.plan.as_deref())?;
    let lang = ctx.lang;
    match args.format.format {
        Format::Json => write_json(&rows, out)?,
        Format::Table if rows.is_empty() => {
            writeln!(out, "{}", crate::messages::no_imports().text(lang))?
        }
        format => {
            use Fit::Fixed;
            let mut grid = Grid::new(&[
                (Fixed, lang.pick("No.", "编号")),
                (Fixed, lang.pick("File", "文件")),
                (Fixed, lang.pick("Recorded", "导入时间")),
                (Fixed, lang.pick("By", "操作人")),
                (Fixed, lang.pick("Entries", "条数")),
                (Fixed, lang.pick("Added", "新增")),
                (Fixed, lang.pick("Before", "此前已导入")),
                (Fixed, lang.pick("Blank", "未填写")),
                (Fixed, lang.pick("Digest", "文件摘要")),
                (Fixed, lang.pick("Voided", "撤销")),
            ]);
            let csv = format == Format::Csv;
            for r in &rows {
                let digest = if csv || r.digest.len() < 12 {
                    r.digest.clone()
                } else {
                    r.digest[..12].to_string()
                };
                grid.push(vec![
                    format!("#{}", r.number),
                    r.file.clone(),
                    r.recorded_at.clone(),
                    r.recorded_by.clone(),
                    r.entries.to_string(),
                    r.added.to_string(),
                    (r.skipped + r.repeated).to_string(),
                    r.left_blank.to_string(),
                    digest,
                    r.voided.map(|v| format!("#{v}")).unwrap_or_default(),
                ]);
            }
            if csv {
                grid.write_csv(
                    &[
                        "number",
                        "file",
                        "recorded_at",
                        "recorded_by",
                        "entries",
                        "added",
                        "skipped",
                        "left_blank",
                        "digest",
                        "voided",
                    ],
                    out,
                )?;
            } else {
                grid.write_table(ctx.layout, out)?;
            }
        }
    }
    Ok(())
}
