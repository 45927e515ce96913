//! `tasks form`: blank return forms (反馈表) for divisions.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app::Ctx;
use crate::cli::{FormArgs, FormFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::messages::{self as m, Msg};
use crate::render::escape_control;
use crate::render::form::{Form, FormRow};
use crate::render::output::write_files;
use crate::rollup::Role;
use crate::store::{DivisionRow, ListFilter, PlanRow, Store};

pub fn run(args: &FormArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    // The destination is checked before anything is read.
    let dest = Destination::of(args)?;
    let plan = choose_plan(store, args.plan.as_deref())?;
    let units = store.units(Some(&plan.id))?;
    let targets: Vec<(PathBuf, &DivisionRow)> = match &dest {
        Destination::File { path, division, .. } => {
            vec![(path.clone(), find_unit(store, &units, division, &plan.id)?)]
        }
        Destination::Folder { dir, format } => {
            let mut names = FileNames::default();
            units
                .iter()
                .filter(|u| reports_itself(u))
                .map(|u| (dir.join(names.pick(&u.name, extension(*format))), u))
                .collect()
        }
    };
    if targets.is_empty() {
        return Err(UserError::usage(m::plan_without_divisions(&plan.id)).into());
    }
    let cal = crate::view::calendar(Some(store))?;
    // A bar on a terminal when the forms take long: each is read, then
    // rendered.
    let progress = crate::progress::Progress::start(
        crate::messages::progress_forms(targets.len()),
        ctx.lang,
        crate::progress::Count::Of(2 * targets.len() as u64),
    );
    let forms = targets
        .into_iter()
        .map(|(path, division)| {
            let form = make_form(store, ctx, &cal, &plan, division, &units)?;
            progress.inc(1);
            Ok((path, form))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let format = dest.format();
    let files = forms
        .iter()
        .map(|(path, form)| {
            let bytes = render(form, format)?;
            progress.inc(1);
            Ok((path.clone(), bytes))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    drop(progress);
    if format == FormFormat::Csv {
        warn_numeric_ids(forms.iter().map(|(_, form)| form), ctx.lang);
    }
    match &dest {
        Destination::File { .. } => write_files(&files)?,
        Destination::Folder { dir, .. } => {
            let created = make_folder(dir)?;
            if let Err(e) = write_files(&files) {
                if created {
                    let _ = std::fs::remove_dir(dir);
                }
                return Err(e);
            }
        }
    }
    super::warn_missing_years_in(&cal, ctx.lang);
    for (path, form) in &forms {
        report(ctx, out, path, form)?;
    }
    Ok(())
}

/// Where the forms go, and as what.
enum Destination<'a> {
    /// One division's form, to `--output`.
    File {
        path: PathBuf,
        division: &'a str,
        format: FormFormat,
    },
    /// Every division's, into `--output-dir`.
    Folder { dir: PathBuf, format: FormFormat },
}

impl<'a> Destination<'a> {
    fn of(args: &'a FormArgs) -> anyhow::Result<Destination<'a>> {
        match (&args.output, &args.division, &args.output_dir) {
            (Some(path), Some(division), None) if !args.all => Ok(Destination::File {
                path: path.clone(),
                division,
                format: format_of(path, args.format)?,
            }),
            (None, None, Some(dir)) if args.all => Ok(Destination::Folder {
                dir: dir.clone(),
                format: args.format.unwrap_or(FormFormat::Xlsx),
            }),
            _ => Err(UserError::usage(m::form_args_missing()).into()),
        }
    }

    fn format(&self) -> FormFormat {
        match self {
            Destination::File { format, .. } | Destination::Folder { format, .. } => *format,
        }
    }
}

/// The plan the forms are for: the one asked for, or the only one loaded.
fn choose_plan(store: &Store, asked: Option<&str>) -> anyhow::Result<PlanRow> {
    let plans = store.plans()?;
    if let Some(id) = asked {
        return plans
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| UserError::NoSuchPlan(id.to_string()).into());
    }
    match plans.len() {
        0 => Err(UserError::usage(m::no_plan_loaded()).into()),
        1 => Ok(plans.into_iter().next().expect("one plan")),
        _ => {
            let ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
            Err(UserError::usage(m::choose_a_plan(Msg::list(&ids))).into())
        }
    }
}

/// The format of `--output FILE`: its extension's; `--format`, if given,
/// must agree.
fn format_of(path: &Path, asked: Option<FormFormat>) -> anyhow::Result<FormFormat> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match ext.as_deref() {
        Some("xlsx") => FormFormat::Xlsx,
        Some("csv") => FormFormat::Csv,
        _ => return Err(UserError::usage(m::form_file_name(path)).into()),
    };
    match asked {
        Some(asked) if asked != format => {
            Err(UserError::usage(m::format_against_name(extension(asked), path)).into())
        }
        _ => Ok(format),
    }
}

fn extension(format: FormFormat) -> &'static str {
    match format {
        FormFormat::Xlsx => "xlsx",
        FormFormat::Csv => "csv",
    }
}

/// Whether a unit gives its own feedback: a division, or a group without
/// members (the assignee itself). A group with members is reported on by
/// them, on their own forms.
fn reports_itself(unit: &DivisionRow) -> bool {
    unit.kind != "group" || unit.members.is_empty()
}

/// The division or group of `plan` called `name` (or aliased so), if it
/// reports for itself.
fn find_unit<'a>(
    store: &Store,
    units: &'a [DivisionRow],
    name: &str,
    plan: &str,
) -> anyhow::Result<&'a DivisionRow> {
    let Some(unit) = units
        .iter()
        .find(|u| u.name == name || u.aliases.iter().any(|a| a == name))
    else {
        // An unknown name gets the message `list --division` gives.
        store.list(&ListFilter {
            plan: Some(plan.to_string()),
            division: Some(name.to_string()),
            ..ListFilter::default()
        })?;
        return Err(UserError::usage(m::no_longer_a_division(name, plan)).into());
    };
    if !reports_itself(unit) {
        let members = Msg::list(&unit.members);
        return Err(UserError::usage(m::group_reports_through(&unit.name, members)).into());
    }
    Ok(unit)
}

/// The form of `division`: its open tasks (directly or through its
/// groups), in the plan's order, as of now.
fn make_form(
    store: &Store,
    ctx: &Ctx,
    cal: &crate::calendar::Calendar,
    plan: &PlanRow,
    division: &DivisionRow,
    units: &[DivisionRow],
) -> anyhow::Result<Form> {
    let filter = ListFilter {
        plan: Some(plan.id.clone()),
        division: Some(division.name.clone()),
        ..ListFilter::default()
    };
    let views = crate::view::list(store, &filter, false, cal, ctx.now)?;
    // The groups a division is in, as the plan lists them.
    let groups: Vec<&str> = units
        .iter()
        .filter(|u| u.kind == "group" && u.members.contains(&division.name))
        .map(|u| u.name.as_str())
        .collect();
    let rows = views
        .into_iter()
        // A task with sub-tasks is reported on through them.
        .filter(|v| v.row.status.is_open() && !v.row.has_sub_tasks)
        .map(|v| {
            let direct = v.assignees.iter().find(|a| a.name == division.name);
            let through = v
                .assignees
                .iter()
                .find(|a| groups.contains(&a.name.as_str()));
            let (role, word, through) = match (direct, through) {
                (Some(a), _) => (a.role, a.word.clone(), None),
                (None, Some(g)) => (g.role, g.word.clone(), Some(g.name.clone())),
                (None, None) => (Role::Support, None, None),
            };
            // Co-leads under the built-in 牵头 are leads.
            let word = word.filter(|w| w != crate::plan::LEAD_WORD);
            FormRow {
                due_words: v
                    .row
                    .due_kind
                    .is_some()
                    .then(|| v.row.due_shown(ctx.lang))
                    .flatten(),
                due: v
                    .row
                    .due
                    .as_deref()
                    .and_then(|d| crate::time::parse_date(d).ok()),
                id: v.row.id,
                title: v.row.title,
                role,
                word,
                through,
                status: v.row.status,
            }
        })
        .collect();
    Ok(Form {
        plan_id: plan.id.clone(),
        plan_title: plan.title.clone(),
        division: division.name.clone(),
        as_of: ctx.now.date(),
        lang: ctx.lang,
        rows,
    })
}

fn render(form: &Form, format: FormFormat) -> anyhow::Result<Vec<u8>> {
    match format {
        FormFormat::Xlsx => Ok(form.to_xlsx()?),
        FormFormat::Csv => {
            let mut bytes = Vec::new();
            form.write_csv(&mut bytes)?;
            Ok(bytes)
        }
    }
}

/// Says once if a CSV form has a task id that Excel would change.
fn warn_numeric_ids<'a>(forms: impl Iterator<Item = &'a Form>, lang: Lang) {
    let mut ids = forms.flat_map(|f| &f.rows).map(|r| r.id.as_str());
    if let Some(id) = ids.find(|id| looks_numeric(id)) {
        m::warn(lang, &m::numeric_ids(id));
    }
}

/// Whether a spreadsheet would read `id` as a number and write it back
/// otherwise (1.10 as 1.1, 01 as 1).
fn looks_numeric(id: &str) -> bool {
    id.parse::<f64>()
        .is_ok_and(|n| n.is_finite() && n.to_string() != id)
}

/// Creates `dir` (not its parents: a mistyped path is an error); says
/// whether it was created.
fn make_folder(dir: &Path) -> anyhow::Result<bool> {
    if dir.is_dir() {
        return Ok(false);
    }
    if dir.exists() {
        return Err(UserError::usage(m::not_a_folder(dir)).into());
    }
    std::fs::create_dir(dir).map_err(|e| {
        UserError::usage(m::cannot_create_folder(
            dir,
            crate::render::output::plain_reason(&e),
        ))
    })?;
    Ok(true)
}

/// One line for a form written, and a note on stderr if it has no rows.
fn report(ctx: &Ctx, out: &mut dyn Write, path: &Path, form: &Form) -> anyhow::Result<()> {
    if form.rows.is_empty() {
        m::note(ctx.lang, &m::form_without_rows(&form.division));
    }
    let file = escape_control(&path.display().to_string());
    let wrote = match form.rows.len() {
        1 => m::wrote_form_one(&file),
        n => m::wrote_form_n(&file, n),
    };
    writeln!(out, "{}", wrote.text(ctx.lang))?;
    Ok(())
}

/// File names for the forms (and reminders), safe on Windows and distinct
/// even where Windows ignores case.
#[derive(Default)]
pub(super) struct FileNames {
    taken: Vec<String>,
}

impl FileNames {
    pub(super) fn pick(&mut self, name: &str, ext: &str) -> PathBuf {
        let stem = safe_stem(name);
        let mut file = format!("{stem}.{ext}");
        let mut n = 2;
        while self.taken.contains(&file.to_lowercase()) {
            file = format!("{stem} ({n}).{ext}");
            n += 1;
        }
        self.taken.push(file.to_lowercase());
        PathBuf::from(file)
    }
}

/// The most characters a form's file name keeps of a division's name.
const MAX_STEM: usize = 80;

/// `name` as a file name on any system: characters Windows forbids, and
/// control characters, become `_`; trailing dots and spaces go; a name
/// Windows reserves for a device gets a `_` in front.
fn safe_stem(name: &str) -> String {
    let mut stem: String = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(MAX_STEM)
        .collect();
    stem.truncate(stem.trim_end_matches(['.', ' ']).len());
    let device = stem.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (device.len() == 4
            && (device.starts_with("COM") || device.starts_with("LPT"))
            && device.ends_with(|c: char| c.is_ascii_digit() && c != '0'));
    if stem.is_empty() || reserved {
        stem.insert(0, '_');
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_on_windows() {
        assert_eq!(safe_stem("法规处"), "法规处");
        assert_eq!(safe_stem("a/b:c?"), "a_b_c_");
        assert_eq!(safe_stem("处室. "), "处室");
        assert_eq!(safe_stem("CON"), "_CON");
        assert_eq!(safe_stem("com1.x"), "_com1.x");
        assert_eq!(safe_stem("COM10"), "COM10");
        assert_eq!(safe_stem(".."), "_");
        let mut names = FileNames::default();
        assert_eq!(names.pick("A", "csv"), PathBuf::from("A.csv"));
        assert_eq!(names.pick("a", "csv"), PathBuf::from("a (2).csv"));
        assert_eq!(names.pick("a?", "csv"), PathBuf::from("a_.csv"));
    }

    #[test]
    fn ids_a_spreadsheet_would_change_are_told_apart() {
        assert!(looks_numeric("1.10"));
        assert!(looks_numeric("01"));
        assert!(!looks_numeric("1.1"));
        assert!(!looks_numeric("3"));
        assert!(!looks_numeric("2.a"));
    }
}
