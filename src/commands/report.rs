//! `tasks report`: the office roll-up (docs/commands.md).

mod html;
mod workbook;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Write};

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::app::Ctx;
use crate::calendar::Calendar;
use crate::catalogue;
use crate::cli::{ReportArgs, ReportBy, ReportFormat};
use crate::deadlines::{Item, Light, ObligationState};
use crate::lang::Lang;
use crate::render::output::{wants_bom, write_to, Kind};
use crate::render::{
    escape_control, write_csv_rows, write_json, write_markdown_rows, write_table_rows, Columns,
    Fit, Grid, HeldRows, Layout, Rows,
};
use crate::rollup::{self, Figures, ReportTask, Tally, Unit};
use crate::store::Store;
use crate::time::format_time;
use crate::view::TaskView;

#[derive(Serialize)]
pub struct Report<'a> {
    pub as_of: String,
    pub by: &'static str,
    /// Figures only: no plan has its tasks.
    #[serde(skip)]
    pub summary: bool,
    pub plans: Vec<PlanReport<'a>>,
}

#[derive(Serialize)]
pub struct PlanReport<'a> {
    pub plan: String,
    pub title: String,
    pub doc_no: Option<String>,
    /// The issuing body and issue date, for the HTML page's header.
    #[serde(skip)]
    pub issuer: Option<String>,
    #[serde(skip)]
    pub issued: Option<String>,
    pub office: String,
    /// Per section or per division, as asked.
    pub figures: Vec<Figures>,
    pub total: Figures,
    /// None for a summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tasks: Option<PlanTasks<'a>>,
    /// Set when `figures` and `total` are yet to be counted, as the task
    /// lines are read (`FiguresWanted::WithLines`).
    #[serde(skip)]
    counting: Option<Counting>,
    /// The figures both ways, whatever `by` says (`FiguresWanted::Both`,
    /// which leaves `figures` and `total` empty).
    #[serde(skip)]
    both: Option<Both>,
    /// What `tasks check` finds in the plan, for a workbook of its tasks.
    #[serde(skip)]
    items: Vec<Item>,
    /// The reminders sent to each division, for the figures by division.
    #[serde(skip)]
    reminders: HashMap<String, usize>,
    /// Whether a task of the plan has a deliverable or a target: its task
    /// lines then show them.
    #[serde(skip)]
    outcomes: bool,
}

/// A plan's figures per section and per division, each with its total.
pub struct BothWays {
    pub sections: (Vec<Figures>, Figures),
    pub divisions: (Vec<Figures>, Figures),
}

/// The figures of a workbook: counted, or to be counted as the task lines
/// are read (when the kept states cannot give them).
enum Both {
    Counted(Box<BothWays>),
    WithLines { sections: Counting, units: Counting },
}

/// When a report's writer needs the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FiguresWanted {
    /// Before the task lines (JSON, Markdown, a summary).
    First,
    /// Before the task lines are written, but a table holds them anyway:
    /// counted while they are read, which costs less than even the kept
    /// states.
    WithLines,
    /// Not at all (CSV of the task lines).
    Never,
    /// Per section and per division, whatever `by` says (a workbook): from
    /// the kept states when they hold, else counted as the task lines are
    /// read (before, for a summary).
    Both,
}

/// What a plan's figures are counted against, when the kept states cannot
/// give them.
enum Counting {
    Sections(Vec<(String, String)>),
    Units(Vec<Unit>),
}

impl Counting {
    fn of(store: &Store, plan: &str, by: ReportBy) -> anyhow::Result<Counting> {
        Ok(match by {
            ReportBy::Section => Counting::Sections(store.sections(plan)?),
            ReportBy::Division => Counting::Units(
                store
                    .units(Some(plan))?
                    .into_iter()
                    .map(|d| Unit {
                        name: d.name,
                        kind: d.kind,
                        groups: d.groups,
                    })
                    .collect(),
            ),
        })
    }

    fn tally(&self) -> Tally<'_> {
        match self {
            Counting::Sections(sections) => Tally::by_section(sections),
            Counting::Units(units) => Tally::by_division(units),
        }
    }
}

/// The connections a report reads through: its own, and a second one on
/// the same snapshot when it has one, to read with on a second thread.
#[derive(Clone, Copy)]
struct Readers<'a> {
    store: &'a Store,
    helper: Option<&'a RefCell<Store>>,
}

impl Readers<'_> {
    /// The report line of each task of `plan`, given to `f` in the plan's
    /// order.
    fn each_task(
        &self,
        plan: &str,
        cal: &Calendar,
        now: NaiveDateTime,
        f: &mut dyn FnMut(ReportTask) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut helper = self.helper.map(RefCell::borrow_mut);
        let helper = helper.as_deref_mut();
        crate::view::each_task(self.store, helper, plan, cal, now, &report_task, f)
    }
}

/// The tasks of a plan's report, read and assessed as they are written, a
/// chunk at a time: those of a large plan are never all held.
pub struct PlanTasks<'a> {
    readers: Readers<'a>,
    cal: &'a Calendar,
    plan: String,
    now: NaiveDateTime,
    /// What went wrong while the tasks were read for a writer that can only
    /// fail with its own kind of error (`io::Error`, `serde_json::Error`).
    failure: RefCell<Option<anyhow::Error>>,
}

impl PlanTasks<'_> {
    /// Calls `f` with each task in the plan's order.
    fn each(&self, f: &mut dyn FnMut(ReportTask) -> anyhow::Result<()>) -> anyhow::Result<()> {
        self.readers.each_task(&self.plan, self.cal, self.now, f)
    }

    /// `each` for a writer failing with `io::Error`: a failure to read is
    /// kept for `Report::failure`.
    fn each_io(&self, f: &mut dyn FnMut(ReportTask) -> io::Result<()>) -> io::Result<()> {
        match self.each(&mut |t| Ok(f(t)?)) {
            Ok(()) => Ok(()),
            Err(e) => Err(match e.downcast::<io::Error>() {
                Ok(io) => io,
                Err(e) => {
                    self.failure.replace(Some(e));
                    io::Error::other("the report's tasks could not be read")
                }
            }),
        }
    }
}

impl Serialize for PlanTasks<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(None)?;
        let mut write_error = None;
        let read = self.each(&mut |t| match seq.serialize_element(&t) {
            Ok(()) => Ok(()),
            Err(e) => {
                write_error = Some(e);
                Err(anyhow::anyhow!("the report could not be written"))
            }
        });
        if let Some(e) = write_error {
            return Err(e);
        }
        if let Err(e) = read {
            self.failure.replace(Some(e));
            return Err(S::Error::custom("the report's tasks could not be read"));
        }
        seq.end()
    }
}

impl Report<'_> {
    /// What went wrong reading tasks while the report was written, if
    /// anything: the cause of the writer's error.
    fn failure(&self) -> Option<anyhow::Error> {
        self.plans
            .iter()
            .filter_map(|p| p.tasks.as_ref())
            .find_map(|t| t.failure.take())
    }
}

/// A report's line for a task.
fn report_task(v: TaskView) -> ReportTask {
    let r = v.row;
    let d = v.deadlines;
    let open_duties = if r.status.is_open() {
        crate::recurring::outstanding(&d.duties).cloned().collect()
    } else {
        Vec::new()
    };
    ReportTask {
        open_duties,
        overdue: d.light == Some(Light::Red),
        light: d.light,
        open_obligations: d
            .obligations
            .into_iter()
            .filter(|_| r.status.is_open())
            .filter(|o| matches!(o.state, ObligationState::Open | ObligationState::Overdue))
            .collect(),
        missing_feedback: d.missing_feedback,
        id: r.id,
        section: r.section,
        title: r.title,
        lead: r.lead,
        status: r.status,
        due: r.due,
        due_kind: r.due_kind,
        due_text: r.due_text,
        assignees: v.assignees,
        outcome: r.outcome,
        parent: r.parent,
        depth: r.depth,
        has_sub_tasks: r.has_sub_tasks,
        percent: r.percent,
    }
}

/// The figures by section of a plan from the states kept at write time,
/// without assessing every task: tasks counted by section and status, and
/// only `views`, those that may be overdue or missing a return, assessed.
fn section_figures_kept(
    store: &Store,
    plan: &str,
    views: &[TaskView],
) -> anyhow::Result<(Vec<Figures>, Figures)> {
    let flagged: Vec<(String, bool, bool)> = views
        .iter()
        .map(|v| {
            let overdue = v.deadlines.light == Some(Light::Red);
            let missing = !v.deadlines.missing_feedback.is_empty();
            (v.row.section.clone(), overdue, missing)
        })
        .collect();
    Ok(rollup::by_section_counts(
        &store.state_counts(plan)?,
        &flagged,
        &store.sections(plan)?,
    ))
}

/// The report of every plan, or of one, as of `ctx.now`; with `summary`,
/// only the figures. The tasks are read as the report is written, within
/// the snapshot the caller holds; the figures are counted when `wanted`.
fn build<'a>(
    readers: Readers<'a>,
    cal: &'a Calendar,
    plan: Option<&str>,
    by: ReportBy,
    summary: bool,
    wanted: FiguresWanted,
    ctx: &Ctx,
) -> anyhow::Result<Report<'a>> {
    let store = readers.store;
    let plans: Vec<_> = store
        .plans()?
        .into_iter()
        .filter(|p| plan.is_none_or(|id| id == p.id))
        .collect();
    if let Some(id) = plan {
        store.check_plan(id)?;
    }
    let mut reports = Vec::new();
    for p in plans {
        let mut counting = None;
        let mut both = None;
        let (mut figures, mut total) = match wanted {
            FiguresWanted::Never => (Vec::new(), Figures::default()),
            FiguresWanted::WithLines if !summary => {
                counting = Some(Counting::of(store, &p.id, by)?);
                (Vec::new(), Figures::default())
            }
            FiguresWanted::Both => {
                both = Some(match kept_both_ways(store, &p.id, ctx.now, cal)? {
                    Some(counted) => Both::Counted(Box::new(counted)),
                    None => {
                        let sections = Counting::of(store, &p.id, ReportBy::Section)?;
                        let units = Counting::of(store, &p.id, ReportBy::Division)?;
                        if summary {
                            let counted =
                                count_both_ways(readers, &p.id, &sections, &units, ctx.now, cal)?;
                            Both::Counted(Box::new(counted))
                        } else {
                            Both::WithLines { sections, units }
                        }
                    }
                });
                (Vec::new(), Figures::default())
            }
            _ => match kept_figures(store, &p.id, by, ctx.now, cal)? {
                Some(figures) => figures,
                None => {
                    let counting = Counting::of(store, &p.id, by)?;
                    count_figures(readers, &p.id, &counting, ctx.now, cal)?
                }
            },
        };
        let reminders = match (by, wanted) {
            (ReportBy::Division, _) | (_, FiguresWanted::Both) => {
                store.reminder_counts(&p.id, ctx.now)?
            }
            _ => HashMap::new(),
        };
        if by == ReportBy::Division {
            Figures::add_reminders(&mut figures, &mut total, &reminders);
        }
        let items = match wanted {
            FiguresWanted::Both if !summary => {
                super::check::items_on(store, Some(&p.id), None, ctx.now, cal)?
            }
            _ => Vec::new(),
        };
        let tasks = (!summary).then(|| PlanTasks {
            readers,
            cal,
            plan: p.id.clone(),
            now: ctx.now,
            failure: RefCell::new(None),
        });
        let outcomes = store.has_outcomes(&p.id)?;
        reports.push(PlanReport {
            outcomes,
            plan: p.id,
            title: p.title,
            doc_no: p.doc_no,
            issuer: p.issuer,
            issued: p.issued,
            office: p.office,
            figures,
            total,
            tasks,
            counting,
            both,
            items,
            reminders,
        });
    }
    Ok(Report {
        as_of: format_time(ctx.now),
        by: match by {
            ReportBy::Section => "section",
            ReportBy::Division => "division",
        },
        summary,
        plans: reports,
    })
}

/// A plan's figures and total from the kept states, when they hold as of
/// `now`, with only the candidates of `check` assessed.
fn kept_figures(
    store: &Store,
    plan: &str,
    by: ReportBy,
    now: NaiveDateTime,
    cal: &Calendar,
) -> anyhow::Result<Option<(Vec<Figures>, Figures)>> {
    let Some(views) = crate::view::candidates(store, plan, cal, now, None)? else {
        return Ok(None);
    };
    Ok(Some(match by {
        ReportBy::Section => section_figures_kept(store, plan, &views)?,
        ReportBy::Division => division_figures_kept(store, plan, &views)?,
    }))
}

/// A plan's figures per section and per division from the kept states,
/// when they hold as of `now`.
fn kept_both_ways(
    store: &Store,
    plan: &str,
    now: NaiveDateTime,
    cal: &Calendar,
) -> anyhow::Result<Option<BothWays>> {
    let Some(views) = crate::view::candidates(store, plan, cal, now, None)? else {
        return Ok(None);
    };
    Ok(Some(BothWays {
        sections: section_figures_kept(store, plan, &views)?,
        divisions: division_figures_kept(store, plan, &views)?,
    }))
}

/// A plan's figures per section and per division, counted both ways in one
/// reading of every task.
fn count_both_ways(
    readers: Readers,
    plan: &str,
    sections: &Counting,
    units: &Counting,
    now: NaiveDateTime,
    cal: &Calendar,
) -> anyhow::Result<BothWays> {
    let mut tally = BothTally::new(sections, units);
    readers.each_task(plan, cal, now, &mut |t| {
        tally.add(&t);
        Ok(())
    })?;
    Ok(tally.finish())
}

/// Figures counted both ways, a task at a time.
struct BothTally<'a> {
    sections: Tally<'a>,
    units: Tally<'a>,
}

impl<'a> BothTally<'a> {
    fn new(sections: &'a Counting, units: &'a Counting) -> BothTally<'a> {
        BothTally {
            sections: sections.tally(),
            units: units.tally(),
        }
    }

    fn add(&mut self, t: &ReportTask) {
        self.sections.add(t);
        self.units.add(t);
    }

    fn finish(self) -> BothWays {
        BothWays {
            sections: self.sections.finish(),
            divisions: self.units.finish(),
        }
    }
}

/// The figures by division of a plan from the states kept at write time:
/// each task counted by its kept state and its assignees, as `Tally`
/// counts a task, with only `views`, those that may be overdue or missing
/// a return, assessed.
fn division_figures_kept(
    store: &Store,
    plan: &str,
    views: &[TaskView],
) -> anyhow::Result<(Vec<Figures>, Figures)> {
    let mut flagged: crate::store::PkMap<(bool, Vec<String>)> = views
        .iter()
        .map(|v| {
            let overdue = v.deadlines.light == Some(Light::Red);
            (v.row.pk, (overdue, v.deadlines.missing_feedback.clone()))
        })
        .collect();
    let counting = Counting::of(store, plan, ReportBy::Division)?;
    let mut tally = counting.tally();
    store.each_kept_task(plan, &mut |pk, status, assignees| {
        let (overdue, missing_feedback) = flagged.remove(&pk).unwrap_or_default();
        tally.add(&ReportTask {
            id: String::new(),
            section: String::new(),
            title: String::new(),
            lead: String::new(),
            status,
            due: None,
            due_kind: None,
            due_text: None,
            overdue,
            light: None,
            open_obligations: Vec::new(),
            open_duties: Vec::new(),
            missing_feedback,
            assignees,
            outcome: Default::default(),
            parent: None,
            depth: 0,
            has_sub_tasks: false,
            percent: None,
        });
    })?;
    Ok(tally.finish())
}

/// A plan's figures and total, counted over every task, assessed.
fn count_figures(
    readers: Readers,
    plan: &str,
    counting: &Counting,
    now: NaiveDateTime,
    cal: &Calendar,
) -> anyhow::Result<(Vec<Figures>, Figures)> {
    let mut tally = counting.tally();
    readers.each_task(plan, cal, now, &mut |t| {
        tally.add(&t);
        Ok(())
    })?;
    Ok(tally.finish())
}

/// What the HTML page and its PDF need besides the report: the template
/// (None for the built-in one) and the Chromium to print with.
struct PageArgs<'a> {
    store: &'a Store,
    template: Option<String>,
    chromium: Option<std::path::PathBuf>,
}

/// The options of the page, checked before any work: refused with other
/// formats, the template read, the Chromium found.
fn page_args<'a>(args: &ReportArgs, store: &'a Store) -> anyhow::Result<PageArgs<'a>> {
    use crate::error::UserError;
    use crate::messages as m;
    let page = matches!(args.format, ReportFormat::Html | ReportFormat::Pdf);
    if !page && args.template.is_some() {
        return Err(UserError::usage(m::html_option_unused("--template")).into());
    }
    if args.format != ReportFormat::Pdf && args.chromium.is_some() {
        return Err(UserError::usage(m::html_option_unused("--chromium")).into());
    }
    let template = match &args.template {
        None => None,
        Some(path) => Some(std::fs::read_to_string(path).map_err(|e| {
            UserError::usage(m::template_unreadable(
                &path.display().to_string(),
                if e.kind() == std::io::ErrorKind::NotFound {
                    m::no_such_file()
                } else {
                    crate::render::output::plain_reason(&e)
                },
            ))
        })?),
    };
    let chromium = if args.format == ReportFormat::Pdf {
        match (
            html::find_chromium(args.chromium.as_deref()),
            &args.chromium,
        ) {
            (Some(path), _) => Some(path),
            (None, Some(given)) => {
                return Err(
                    UserError::usage(m::chromium_not_found(&given.display().to_string())).into(),
                )
            }
            (None, None) => return Err(UserError::usage(m::chromium_missing()).into()),
        }
    } else {
        None
    };
    Ok(PageArgs {
        store,
        template,
        chromium,
    })
}

pub fn run(args: &ReportArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let page = page_args(args, store)?;
    // A count of rows on a terminal when a workbook takes long.
    let _progress = (args.format == ReportFormat::Xlsx).then(|| {
        crate::progress::Progress::start(
            crate::messages::progress_workbook(),
            ctx.lang,
            crate::progress::Count::Open(crate::messages::progress_rows()),
        )
    });
    let cal = crate::view::calendar(Some(store))?;
    // One snapshot: a report is read in several queries, and from the
    // figures to the last task line it shows the database at one time. The
    // task lines of a plan of more than one chunk of tasks are read on two
    // threads.
    let pair = !args.summary && store.has_more_tasks_than(crate::view::CHUNK)?;
    store.snapshot_pair(pair, |helper| {
        let helper = helper.map(RefCell::new);
        let wanted = match args.format {
            ReportFormat::Xlsx | ReportFormat::Html | ReportFormat::Pdf => FiguresWanted::Both,
            _ if args.summary => FiguresWanted::First,
            ReportFormat::Table => FiguresWanted::WithLines,
            ReportFormat::Csv => FiguresWanted::Never,
            ReportFormat::Json | ReportFormat::Md => FiguresWanted::First,
        };
        let readers = Readers {
            store,
            helper: helper.as_ref(),
        };
        let report = build(
            readers,
            &cal,
            args.plan.as_deref(),
            args.by,
            args.summary,
            wanted,
            ctx,
        )?;
        let kind = match args.format {
            ReportFormat::Xlsx | ReportFormat::Pdf => Kind::Binary,
            ReportFormat::Csv => Kind::Text {
                bom: wants_bom(args.output.bom, args.output.output.as_deref()),
            },
            _ => Kind::Text { bom: false },
        };
        let layout = match args.output.output {
            Some(_) => ctx.layout.to_file(),
            None => ctx.layout,
        };
        write_to(args.output.output.as_deref(), kind, out, |out| {
            write(&report, args.format, ctx, layout, &page, out)
        })
    })?;
    super::warn_missing_years_in(&cal, ctx.lang);
    Ok(())
}

/// The figures of every plan as CSV, one row per section or division and
/// one for each plan's total (an empty key in English).
fn write_figures_csv(report: &Report, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let by_division = report.by == "division";
    let mut grid = Grid::new(&[]);
    for plan in &report.plans {
        for f in plan.figures.iter().chain(std::iter::once(&plan.total)) {
            let is_total = std::ptr::eq(f, &plan.total);
            let key = if is_total {
                catalogue::TOTAL.csv(lang)
            } else {
                &f.key
            };
            let label = if by_division {
                catalogue::unit_kind(&f.label, lang)
            } else {
                &f.label
            };
            let mut row = vec![
                plan.plan.clone(),
                key.to_string(),
                label.to_string(),
                f.tasks.to_string(),
                f.lead.to_string(),
                f.support.to_string(),
            ];
            row.extend(f.by_status().map(|n| n.to_string()));
            row.push(f.completion.to_string());
            if by_division {
                row.push(f.reminders.unwrap_or(0).to_string());
            }
            grid.push(row);
        }
    }
    grid.write_csv(
        &catalogue::csv_headers(&catalogue::figures_csv(by_division), lang),
        out,
    )?;
    Ok(())
}

fn write(
    report: &Report,
    format: ReportFormat,
    ctx: &Ctx,
    layout: Layout,
    page: &PageArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let written = write_as(report, format, ctx, layout, page, out);
    // A task that could not be read stops the writer with an error of its
    // own kind; the reason is the reading's.
    match (written, report.failure()) {
        (Err(_), Some(reason)) => Err(reason),
        (written, _) => written,
    }
}

fn write_as(
    report: &Report,
    format: ReportFormat,
    ctx: &Ctx,
    layout: Layout,
    page: &PageArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let lang = ctx.lang;
    match format {
        ReportFormat::Xlsx => workbook::write(report, lang, out)?,
        ReportFormat::Html => html::write(report, page.store, page.template.as_deref(), lang, out)?,
        ReportFormat::Pdf => {
            let mut text = Vec::new();
            html::write(
                report,
                page.store,
                page.template.as_deref(),
                lang,
                &mut text,
            )?;
            let chromium = page.chromium.as_deref().expect("found before the report");
            out.write_all(&html::print_pdf(chromium, &text)?)?;
        }
        ReportFormat::Json => write_json(report, out)?,
        ReportFormat::Csv if report.summary => write_figures_csv(report, ctx.csv_lang, out)?,
        ReportFormat::Csv => {
            let outcomes = report.plans.iter().any(|p| p.outcomes);
            let mut headers = catalogue::csv_headers(&catalogue::REPORT_CSV, ctx.csv_lang);
            if outcomes {
                headers.extend(catalogue::csv_headers(
                    &catalogue::OUTCOME_COLUMNS,
                    ctx.csv_lang,
                ));
            }
            write_csv_rows(
                &headers,
                &TaskRows {
                    plans: report.plans.iter().collect(),
                    lang: ctx.csv_lang,
                    raw: true,
                    tally: None,
                    outcomes,
                },
                out,
            )?
        }
        ReportFormat::Table | ReportFormat::Md => {
            let md = format == ReportFormat::Md;
            if report.plans.is_empty() {
                writeln!(out, "{}", crate::messages::no_plans().text(lang))?;
            }
            for (i, plan) in report.plans.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write_plan(plan, report, lang, md, layout, out)?;
            }
        }
    }
    Ok(())
}

fn write_plan(
    plan: &PlanReport,
    report: &Report,
    lang: Lang,
    md: bool,
    layout: Layout,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let doc = plan
        .doc_no
        .as_deref()
        .map(|d| format!(" {d}"))
        .unwrap_or_default();
    let heading = |out: &mut dyn Write, level: usize, text: &str| -> std::io::Result<()> {
        if md {
            writeln!(out, "{} {text}\n", "#".repeat(level))
        } else {
            writeln!(out, "{text}")
        }
    };
    // Figures yet to be counted are counted as the task lines are read
    // and held.
    let mut held = None;
    let counted = match &plan.counting {
        Some(counting) => {
            let tally = RefCell::new(counting.tally());
            held = Some(HeldRows::collect(&TaskRows {
                plans: vec![plan],
                lang,
                raw: false,
                tally: Some(&tally),
                outcomes: plan.outcomes,
            })?);
            let (mut figures, mut total) = tally.into_inner().finish();
            if report.by == "division" {
                Figures::add_reminders(&mut figures, &mut total, &plan.reminders);
            }
            Some((figures, total))
        }
        None => None,
    };
    let (figures, total) = match &counted {
        Some((figures, total)) => (figures.as_slice(), total),
        None => (plan.figures.as_slice(), &plan.total),
    };
    let title = format!("{}{doc}", plan.title);
    if md {
        heading(out, 2, &crate::render::markdown_text(&title))?;
    } else {
        heading(out, 2, &escape_control(&title))?;
    }
    let line = crate::messages::report_as_of(
        &report.as_of,
        &plan.office,
        total.tasks,
        total.completion.to_string(),
    );
    if md {
        writeln!(out, "{}", crate::render::markdown_text(line.text(lang)))?;
    } else {
        writeln!(out, "{}", escape_control(line.text(lang)))?;
    }
    writeln!(out)?;
    let by_division = report.by == "division";
    heading(
        out,
        3,
        if by_division {
            // Units outside the body are not divisions.
            if figures.iter().any(|f| f.label == "outside") {
                lang.pick("By unit", "按单位统计")
            } else {
                lang.pick("By division", "按处室统计")
            }
        } else {
            lang.pick("By section", "按部分统计")
        },
    )?;
    let grid = figures_grid(figures, total, by_division, lang);
    if md {
        grid.write_markdown(out)?;
    } else {
        grid.write_table(layout, out)?;
    }
    if plan.tasks.is_none() {
        return Ok(());
    }
    writeln!(out)?;
    heading(out, 3, lang.pick("Tasks", "任务明细"))?;
    let rows = TaskRows {
        plans: vec![plan],
        lang,
        raw: false,
        tally: None,
        outcomes: plan.outcomes,
    };
    let columns = task_columns(lang, plan.outcomes);
    match held {
        Some(held) if md => write_markdown_rows(&columns.headings, &held, out)?,
        None if md => write_markdown_rows(&columns.headings, &rows, out)?,
        held => {
            // Held as text to lay the columns out: far less than the tasks.
            let held = match held {
                Some(held) => held,
                None => HeldRows::collect(&rows)?,
            };
            write_table_rows(&columns, &held, layout, out)?;
        }
    }
    Ok(())
}

fn figures_grid(figures: &[Figures], total: &Figures, by_division: bool, lang: Lang) -> Grid {
    use Fit::{Fixed, Wrap};
    let mut headers = vec![if by_division {
        if figures.iter().any(|f| f.label == "outside") {
            (Fixed, lang.pick("Unit", "单位"))
        } else {
            (Fixed, lang.pick("Division", "处室"))
        }
    } else {
        (Fixed, lang.pick("Section", "部分"))
    }];
    headers.push(if by_division {
        (Fixed, lang.pick("Kind", "类型"))
    } else {
        (Wrap, lang.pick("Title", "标题"))
    });
    headers.push((Fixed, lang.pick("Tasks", "任务")));
    if by_division {
        headers.extend([
            (Fixed, lang.pick("Lead", "牵头")),
            (Fixed, lang.pick("Support", "配合")),
        ]);
    }
    headers.extend([
        (Fixed, lang.pick("Not started", "未启动")),
        (Fixed, lang.pick("In progress", "推进中")),
        (Fixed, lang.pick("Blocked", "受阻")),
        (Fixed, lang.pick("Done, to review", "待审核")),
        (Fixed, lang.pick("Closed", "已销号")),
        (Fixed, lang.pick("Overdue", "逾期")),
        (Fixed, lang.pick("No return", "未反馈")),
    ]);
    if by_division {
        headers.push((Fixed, lang.pick("Reminders", "催办次数")));
    }
    headers.push((Fixed, lang.pick("Completion", "销号率")));
    let mut grid = Grid::new(&headers);
    let total = Figures {
        key: lang.pick("Total", "合计").to_string(),
        ..total.clone()
    };
    for f in figures.iter().chain(std::iter::once(&total)) {
        let label = match (by_division, f.label.as_str()) {
            (true, "group") => lang.pick("group", "处室组").to_string(),
            (true, "division") => lang.pick("division", "处室").to_string(),
            (true, "outside") => lang.pick("outside unit", "单位").to_string(),
            (_, l) => l.to_string(),
        };
        let is_total = std::ptr::eq(f, &total);
        let mut row = vec![f.key.clone(), label, f.tasks.to_string()];
        if by_division && is_total {
            row.extend([String::new(), String::new()]);
        } else if by_division {
            row.extend([f.lead.to_string(), f.support.to_string()]);
        }
        row.extend(f.by_status().map(|n| n.to_string()));
        if by_division {
            row.push(f.reminders.unwrap_or(0).to_string());
        }
        row.push(format!("{}%", f.completion));
        grid.push(row);
    }
    grid
}

/// The task lines of plans, one per assignee, made on demand: a large
/// report is not held as strings. `raw` gives the CSV columns, every line
/// complete, with English ids (or Chinese words under `Lang::Zh`).
struct TaskRows<'a, 't> {
    plans: Vec<&'a PlanReport<'a>>,
    lang: Lang,
    raw: bool,
    /// Counts each task as its lines are made.
    tally: Option<&'t RefCell<Tally<'a>>>,
    /// With the columns of deliverables and targets.
    outcomes: bool,
}

impl Rows for TaskRows<'_, '_> {
    fn each(&self, row: &mut dyn FnMut(&[&str]) -> std::io::Result<()>) -> std::io::Result<()> {
        let (lang, raw) = (self.lang, self.raw);
        for plan in &self.plans {
            let Some(tasks) = &plan.tasks else {
                continue;
            };
            tasks.each_io(&mut |t| {
                let t = &t;
                if let Some(tally) = self.tally {
                    tally.borrow_mut().add(t);
                }
                let status = catalogue::status(t.status, lang);
                let light: Cow<str> = match t.light {
                    None => "".into(),
                    Some(l) => catalogue::light(l, lang).into(),
                };
                let obligations = t
                    .open_obligations
                    .iter()
                    .map(|o| format!("#{} {}", o.n, super::check::deadline_text(&o.deadline)))
                    .chain(t.open_duties.iter().map(|p| {
                        format!("{} {}", p.label, super::check::deadline_text(&p.deadline))
                    }))
                    .collect::<Vec<_>>()
                    .join(", ");
                let target = t.outcome.target.as_ref();
                // A task with sub-tasks: one line, its progress rolled up
                // from them; its assignees report on the sub-tasks.
                if t.has_sub_tasks {
                    let percent = t.percent.map(|p| p.to_string()).unwrap_or_default();
                    let title = crate::tree::tree_title(t.depth, &t.title);
                    let mut cells: Vec<&str> = if raw {
                        vec![
                            &plan.plan,
                            &t.id,
                            &t.section,
                            &t.title,
                            status,
                            t.due.as_deref().unwrap_or(""),
                            catalogue::yes_no(t.overdue).csv(lang),
                            &light,
                            "0",
                            catalogue::yes_no(false).csv(lang),
                            "",
                            "",
                            "",
                            &percent,
                            "",
                            "",
                            "",
                        ]
                    } else {
                        vec![&t.id, &title]
                    };
                    if self.outcomes {
                        let (deliverable, target_text) =
                            (t.outcome.deliverable_text(), t.outcome.target_text());
                        if raw {
                            cells.extend([
                                deliverable,
                                target_text,
                                target.and_then(|t| t.value.as_deref()).unwrap_or(""),
                                target.and_then(|t| t.unit.as_deref()).unwrap_or(""),
                            ]);
                        } else {
                            cells.extend([deliverable, target_text]);
                        }
                    }
                    if !raw {
                        cells.extend([
                            status,
                            &light,
                            t.due.as_deref().unwrap_or(""),
                            "",
                            "",
                            "",
                            "",
                            &percent,
                            "",
                            "",
                        ]);
                    }
                    return row(&cells);
                }
                for (i, a) in t.assignees.iter().enumerate() {
                    // A unit under a role word of the plan shows its word.
                    let role = crate::store::own_word(&a.word)
                        .unwrap_or_else(|| catalogue::role(a.role).csv(lang));
                    let latest = a.latest.as_ref();
                    let reported = match latest {
                        None if raw => "",
                        None => lang.pick("-", "未反馈"),
                        Some(e) => catalogue::status(e.status, lang),
                    };
                    let percent = latest
                        .and_then(|e| e.percent)
                        .map(|p| p.to_string())
                        .unwrap_or_default();
                    let note = latest.map_or("", |e| e.note.as_str());
                    let missing = t.missing_feedback.contains(&a.name);
                    let mut cells: Vec<Cow<str>> = Vec::with_capacity(17);
                    if raw {
                        cells.extend([
                            plan.plan.as_str().into(),
                            t.id.as_str().into(),
                            t.section.as_str().into(),
                            t.title.as_str().into(),
                            status.into(),
                            t.due_shown(lang).unwrap_or_default().into(),
                            catalogue::yes_no(t.overdue).csv(lang).into(),
                            light.clone(),
                            (t.open_obligations.len() + t.open_duties.len())
                                .to_string()
                                .into(),
                            catalogue::yes_no(missing).csv(lang).into(),
                            a.name.as_str().into(),
                            role.into(),
                            reported.into(),
                            percent.into(),
                            note.into(),
                            latest.map_or("", |e| e.division.as_str()).into(),
                            latest.map_or("", |e| e.at.as_str()).into(),
                        ]);
                        if self.outcomes {
                            cells.extend([
                                t.outcome.deliverable_text().into(),
                                t.outcome.target_text().into(),
                                target.and_then(|t| t.value.as_deref()).unwrap_or("").into(),
                                target.and_then(|t| t.unit.as_deref()).unwrap_or("").into(),
                            ]);
                        }
                    } else {
                        let mut name: Cow<str> = a.name.as_str().into();
                        if let Some(e) = latest.filter(|e| e.division != a.name) {
                            name = format!("{} ({})", a.name, e.division).into();
                        }
                        if missing {
                            name =
                                format!("{name} {}", lang.pick("(no return)", "(未反馈)")).into();
                        }
                        let when = latest.map_or("", |e| e.at.get(..10).unwrap_or(&e.at));
                        // The task's own cells on its first line only.
                        let keep = |c| on_first_line(i, c);
                        cells.extend([
                            keep(t.id.as_str().into()),
                            keep(crate::tree::tree_title(t.depth, &t.title).into()),
                        ]);
                        if self.outcomes {
                            cells.extend([
                                keep(t.outcome.deliverable_text().into()),
                                keep(t.outcome.target_text().into()),
                            ]);
                        }
                        cells.extend([
                            keep(status.into()),
                            keep(light.clone()),
                            keep(t.due_shown(lang).unwrap_or_default().into()),
                            keep(obligations.as_str().into()),
                            name,
                            role.into(),
                            reported.into(),
                            percent.into(),
                            note.into(),
                            when.into(),
                        ]);
                    }
                    let refs: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
                    row(&refs)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }
}

fn on_first_line(line: usize, cell: Cow<'_, str>) -> Cow<'_, str> {
    if line == 0 {
        cell
    } else {
        Cow::Borrowed("")
    }
}

/// The columns of the task lines; a line that is not a task's first (its
/// further assignees) continues the line above.
fn task_columns(lang: Lang, outcomes: bool) -> Columns {
    use Fit::{Fixed, List, Wrap};
    let mut headers = vec![
        (Fixed, lang.pick("ID", "编号")),
        (Wrap, lang.pick("Title", "任务")),
    ];
    if outcomes {
        headers.extend([
            (Wrap, lang.pick("Deliverable", "成果形式")),
            (Wrap, lang.pick("Target", "目标")),
        ]);
    }
    headers.extend([
        (Fixed, lang.pick("Status", "状态")),
        (Fixed, lang.pick("Light", "灯")),
        (Fixed, lang.pick("Due", "期限")),
        (List, lang.pick("Open obligations", "待办时限事项")),
        (Fixed, lang.pick("Assignee", "责任处室")),
        (Fixed, lang.pick("Role", "分工")),
        (Fixed, lang.pick("Latest", "最新反馈")),
        (Fixed, "%"),
        (Wrap, lang.pick("Note", "说明")),
        (Fixed, lang.pick("On", "反馈日期")),
    ]);
    let mut columns = Columns::new(&headers);
    columns.continued = true;
    columns
}
