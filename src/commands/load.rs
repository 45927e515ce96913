//! `tasks load FILE [--dry-run]`

use std::io::{Read, Write};
use std::path::Path;

use crate::app::Ctx;
use crate::cli::{LoadArgs, SummaryFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::messages;
use crate::messages::{self as m, Msg};
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
    let empty =
        !args.dry_run && std::fs::metadata(&ctx.db).is_ok_and(|m| m.is_file() && m.len() == 0);
    let access = if args.dry_run {
        Access::Trial
    } else {
        Access::Create
    };
    let mut store = Store::open(&ctx.db, access)?;
    progress.stage(
        messages::progress_loading(plan.tasks.len()),
        Count::Of(plan.tasks.len() as u64),
    );
    let report = store.load_plan(&plan, &shown, ctx.clock, args.dry_run);
    drop(progress);
    // A database whose first load failed is removed again.
    if (created || empty) && report.is_err() {
        store.discard();
    } else if created {
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
    read_input_file(path, shown, plan::MAX_FILE_BYTES, m::the_plan_file)
}

/// Reads an input file of at most `max` bytes, with clear messages for
/// missing files, directories and oversized files. `what` names the file
/// expected, for the message about a directory.
pub fn read_input_file(
    path: &Path,
    shown: &str,
    max: u64,
    what: fn() -> Msg,
) -> anyhow::Result<Vec<u8>> {
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
    what: fn() -> Msg,
) -> anyhow::Result<std::fs::File> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(shown, e))?;
    if meta.is_dir() {
        return Err(UserError::usage(m::input_is_directory(shown, what())).into());
    }
    if meta.len() > max {
        return Err(UserError::from(plan::too_large(shown, meta.len(), max)).into());
    }
    Ok(std::fs::File::open(path).map_err(|e| unreadable(shown, e))?)
}

/// The message for an input file that cannot be read.
pub fn unreadable(shown: &str, e: std::io::Error) -> UserError {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => m::no_such_file(),
        _ => crate::render::output::plain_reason(&e),
    };
    UserError::usage(m::cannot_read(shown, reason))
}

fn ids(list: &[String]) -> String {
    escape_control(&list.join(" "))
}

/// Names of fields, in a list.
fn fields(list: &[String]) -> Msg {
    let mut words: Vec<Msg> = Vec::with_capacity(list.len());
    // A `due` phrase's kind and wording are one field to people.
    for word in list.iter().map(|f| m::field_name(f)) {
        if !words.contains(&word) {
            words.push(word);
        }
    }
    Msg::list_of(&words)
}

pub fn write_summary(
    r: &LoadReport,
    plan: &Plan,
    source: &str,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let id = escape_control(&r.plan);
    let title = escape_control(&plan.meta.title);
    let source = escape_control(source);
    if r.new_plan {
        let (tasks, sections, divisions, groups) = (
            m::count_tasks(r.tasks),
            m::count_sections(plan.sections.len()),
            match plan.outside.len() {
                0 => m::count_divisions(plan.divisions.len()),
                n => m::divisions_and_outside(
                    m::count_divisions(plan.divisions.len()),
                    if n == 1 {
                        m::one_outside_unit()
                    } else {
                        m::outside_units_n(n)
                    },
                ),
            },
            m::count_groups(plan.groups.len()),
        );
        let line = if r.dry_run {
            m::plan_would_load(&id, &title, &source, tasks, sections, divisions, groups)
        } else {
            m::plan_loaded(&id, &title, &source, tasks, sections, divisions, groups)
        };
        return writeln!(out, "{}", line.text(lang));
    }
    if r.is_noop() {
        return writeln!(out, "{}", m::plan_unchanged(&id, r.tasks).text(lang));
    }
    let head = if r.dry_run {
        m::plan_would_update(&id, &source)
    } else {
        m::plan_updated(&id, &source)
    };
    writeln!(out, "{}", head.text(lang))?;
    let line = |out: &mut dyn Write, label: Msg, text: &str| -> std::io::Result<()> {
        writeln!(out, "  {}{text}", super::pad(label.text(lang), 12))
    };
    if !r.plan_fields.is_empty() {
        line(out, m::load_label_plan(), fields(&r.plan_fields).text(lang))?;
    }
    for (label, delta) in [
        (m::load_label_divisions(), &r.units),
        (m::load_label_sections(), &r.sections),
    ] {
        let mut parts = Vec::new();
        for (word, list) in [
            (m::load_added(), &delta.added),
            (m::load_changed(), &delta.changed),
            (m::load_removed(), &delta.removed),
        ] {
            if !list.is_empty() {
                parts.push(m::load_part(word, ids(list)));
            }
        }
        if !parts.is_empty() {
            line(out, label, Msg::clauses(&parts).text(lang))?;
        }
    }
    if !r.added.is_empty() {
        line(out, m::load_added(), &ids(&r.added))?;
    }
    if !r.changed.is_empty() {
        let list: Vec<Msg> = r
            .changed
            .iter()
            .map(|c| m::load_task_changed(escape_control(&c.id), fields(&c.fields)))
            .collect();
        line(out, m::load_changed(), Msg::join_all(" ", &list).text(lang))?;
    }
    if !r.restored.is_empty() {
        line(out, m::load_restored(), &ids(&r.restored))?;
    }
    if !r.withdrawn.is_empty() {
        line(out, m::load_withdrawn(), &ids(&r.withdrawn))?;
    }
    if r.reordered {
        line(out, m::load_label_order(), m::load_reordered().text(lang))?;
    }
    line(
        out,
        m::load_unchanged(),
        m::count_tasks(r.unchanged).text(lang),
    )
}
