//! `tasks load FILE [--dry-run]`

use std::io::{Read, Write};
use std::path::Path;

use crate::app::Ctx;
use crate::cli::{LoadArgs, SummaryFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::messages;
use crate::plan::{self, Plan};
use crate::progress::{Count, Counted, Progress};
use crate::render::{escape_control, write_json};
use crate::store::{Access, LoadReport, Store};

pub fn run(args: &LoadArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let shown = args.file.display().to_string();
    // A bar on a terminal when the load takes long: the file by bytes, then
    // its tasks as they are stored.
    let size = std::fs::metadata(&args.file).map_or(0, |m| m.len());
    let progress = Progress::start(
        messages::progress_reading(shown.clone()),
        ctx.lang,
        Count::Bytes(size),
    );
    let plan = parse_plan_file(&args.file, &shown)?;
    if !args.dry_run {
        ctx.check_writable_now()?;
    }
    // A dry run against a database that does not exist yet creates nothing.
    let created = !args.dry_run && !ctx.db.exists();
    let mut store = if args.dry_run && !ctx.db.exists() {
        Store::in_memory()?
    } else {
        Store::open(&ctx.db, Access::Create)?
    };
    progress.stage(
        messages::progress_loading(plan.tasks.len()),
        Count::Of(plan.tasks.len() as u64),
    );
    let report = store.load_plan(&plan, &shown, ctx.clock, args.dry_run);
    drop(progress);
    if created {
        super::say_created(ctx);
    }
    let report = report?;
    match args.format {
        SummaryFormat::Json => write_json(&report, out)?,
        SummaryFormat::Text => write_summary(&report, &plan, &shown, ctx.lang, out)?,
    }
    Ok(())
}

/// Reads and checks a plan file. A regular file is read one task at a time,
/// without holding all of it; if that finds anything wrong, the file is read
/// again as a whole, which reports every problem with its position.
fn parse_plan_file(path: &Path, shown: &str) -> anyhow::Result<Plan> {
    let file = std::fs::File::open(path).ok().filter(|f| {
        f.metadata()
            .is_ok_and(|m| m.is_file() && m.len() <= plan::MAX_FILE_BYTES)
    });
    if let Some(file) = file {
        let reader = std::io::BufReader::with_capacity(1 << 16, Counted(file));
        if let Some(plan) = plan::parse_reader(reader, plan::MAX_FILE_BYTES) {
            return Ok(plan);
        }
    }
    let bytes = read_plan_file(path, shown)?;
    Ok(plan::parse(shown, &bytes).map_err(UserError::from)?)
}

/// Reads a plan file, refusing directories and oversized files up front.
pub fn read_plan_file(path: &Path, shown: &str) -> anyhow::Result<Vec<u8>> {
    read_input_file(path, shown, plan::MAX_FILE_BYTES, "the plan file (TOML)")
}

/// Reads an input file of at most `max` bytes, with clear messages for
/// missing files, directories and oversized files. `what` names the file
/// expected, for the message about a directory.
pub fn read_input_file(path: &Path, shown: &str, max: u64, what: &str) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_input_file(path, shown, max, what)?
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(shown, e))?;
    Ok(bytes)
}

/// Opens an input file as `read_input_file` reads it, to be read on.
pub fn open_input_file(
    path: &Path,
    shown: &str,
    max: u64,
    what: &str,
) -> anyhow::Result<std::fs::File> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(shown, e))?;
    if meta.is_dir() {
        return Err(UserError::usage(format!("{shown} is a directory; give {what}")).into());
    }
    if meta.len() > max {
        return Err(UserError::from(plan::too_large(shown, meta.len(), max)).into());
    }
    Ok(std::fs::File::open(path).map_err(|e| unreadable(shown, e))?)
}

/// The message for an input file that cannot be read.
pub fn unreadable(shown: &str, e: std::io::Error) -> UserError {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    UserError::usage(format!("cannot read {shown}: {reason}"))
}

/// "1 task", "2 tasks".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn ids(list: &[String]) -> String {
    escape_control(&list.join(" "))
}

pub fn write_summary(
    r: &LoadReport,
    plan: &Plan,
    source: &str,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let zh = lang == Lang::Zh;
    let id = escape_control(&r.plan);
    let title = escape_control(&plan.meta.title);
    let source = escape_control(source);
    let would = if r.dry_run {
        lang.pick("Dry run, nothing written: ", "试运行,未写入:")
    } else {
        ""
    };
    if r.new_plan {
        let (sections, divisions, groups) =
            (plan.sections.len(), plan.divisions.len(), plan.groups.len());
        return if zh {
            writeln!(
                out,
                "{would}{}方案 {id}({title}),来自 {source}:{} 项任务,{sections} 个部分,{divisions} 个处室,{groups} 个处室组。",
                if r.dry_run { "将载入" } else { "已载入" },
                r.tasks
            )
        } else {
            writeln!(
                out,
                "{would}{} plan {id} ({title}) from {source}: {} in {}, {}, {}.",
                if r.dry_run { "would load" } else { "Loaded" },
                plural(r.tasks, "task"),
                plural(sections, "section"),
                plural(divisions, "division"),
                plural(groups, "group"),
            )
        };
    }
    if r.is_noop() {
        return if zh {
            writeln!(out, "方案 {id} 无变化({} 项任务),无需更新。", r.tasks)
        } else {
            writeln!(
                out,
                "Plan {id} is unchanged ({} tasks): nothing to do.",
                r.tasks
            )
        };
    }
    if zh {
        writeln!(
            out,
            "{would}{}方案 {id},来自 {source}:",
            if r.dry_run { "将更新" } else { "已更新" }
        )?;
    } else {
        writeln!(
            out,
            "{would}{} plan {id} from {source}:",
            if r.dry_run { "would update" } else { "Updated" }
        )?;
    }
    let line = |out: &mut dyn Write, label: &str, text: String| -> std::io::Result<()> {
        writeln!(out, "  {}{text}", super::pad(label, 12))
    };
    if !r.plan_fields.is_empty() {
        line(out, lang.pick("plan", "方案信息"), r.plan_fields.join(", "))?;
    }
    for (label, delta) in [
        (lang.pick("divisions", "处室"), &r.units),
        (lang.pick("sections", "部分"), &r.sections),
    ] {
        let mut parts = Vec::new();
        for (word, list) in [
            (lang.pick("added", "新增"), &delta.added),
            (lang.pick("changed", "修改"), &delta.changed),
            (lang.pick("removed", "删除"), &delta.removed),
        ] {
            if !list.is_empty() {
                parts.push(format!("{word} {}", ids(list)));
            }
        }
        if !parts.is_empty() {
            line(out, label, parts.join("; "))?;
        }
    }
    if !r.added.is_empty() {
        line(out, lang.pick("added", "新增"), ids(&r.added))?;
    }
    if !r.changed.is_empty() {
        let list: Vec<String> = r
            .changed
            .iter()
            .map(|c| format!("{} ({})", escape_control(&c.id), c.fields.join(", ")))
            .collect();
        line(out, lang.pick("changed", "修改"), list.join(" "))?;
    }
    if !r.restored.is_empty() {
        line(out, lang.pick("restored", "恢复"), ids(&r.restored))?;
    }
    if !r.withdrawn.is_empty() {
        line(out, lang.pick("withdrawn", "撤销"), ids(&r.withdrawn))?;
    }
    if r.reordered {
        line(
            out,
            lang.pick("order", "顺序"),
            lang.pick("tasks listed in a new order", "任务排列顺序有调整")
                .to_string(),
        )?;
    }
    line(
        out,
        lang.pick("unchanged", "未变"),
        if zh {
            format!("{} 项任务", r.unchanged)
        } else {
            plural(r.unchanged, "task")
        },
    )
}
