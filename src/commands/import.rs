//! `tasks import`: a notice in, a draft plan file out. The database is not
//! opened.

use std::io::Write;
use std::path::Path;

use crate::app::Ctx;
use crate::cli::ImportArgs;
use crate::error::UserError;
use crate::messages as m;
use crate::notice::{draft, read, recognise};
use crate::render::escape_control;

pub fn run(args: &ImportArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let shown = escape_control(&args.notice.display().to_string());
    if let Some(path) = &args.output {
        if path.exists() && !args.force {
            let p = escape_control(&path.display().to_string());
            return Err(UserError::usage(m::import_output_exists(&p)).into());
        }
    }
    let soffice = args
        .soffice
        .clone()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Some)
        .unwrap_or_else(|| read::find_soffice(None));
    let doc = read::read(&args.notice, soffice.as_deref())?;
    let stem = args
        .notice
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = recognise::Options {
        office: args.office.clone(),
        year: args.year,
        id: args.id.clone(),
        stem,
    };
    let draft = recognise::recognise(&doc, &options);
    if draft.tasks.is_empty() {
        return Err(UserError::usage(m::import_no_tasks(&shown)).into());
    }
    let name = args
        .notice
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = draft::write(&draft, &escape_control(&name), ctx.lang);
    let assigned = draft
        .tasks
        .iter()
        .filter(|t| t.assigned && t.lead.as_deref() != Some(recognise::UNDECIDED))
        .count();
    match &args.output {
        Some(path) => write_file(path, &text)?,
        None => out.write_all(text.as_bytes())?,
    }
    let summary = m::import_summary(draft.tasks.len(), assigned, draft.check_count());
    crate::stderr_line!("{}", summary.text(ctx.lang));
    // The draft is meant to load as it is; say so when it does not.
    if let Err(problems) = crate::plan::parse(&name, text.as_bytes()) {
        let said = m::import_draft_invalid(problems.text(ctx.lang));
        crate::stderr_line!(
            "{}{}",
            m::warning_word().text(ctx.lang),
            said.text(ctx.lang)
        );
    }
    if let Some(path) = &args.output {
        let p = escape_control(&path.display().to_string());
        crate::stderr_line!("{}", m::import_written(&p).text(ctx.lang));
    }
    Ok(())
}

/// Writes the whole draft or nothing: a file beside it, renamed into place.
fn write_file(path: &Path, text: &str) -> Result<(), UserError> {
    let shown = escape_control(&path.display().to_string());
    let fail = |e: std::io::Error| UserError::usage(m::import_output_failed(&shown, e.to_string()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
