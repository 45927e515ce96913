//! The report as one HTML page, and as PDF printed from it by a headless
//! Chromium (docs/report-html.md). The page is laid out by a template
//! (`templates/report.html`, or the office's own copy given with
//! `--template`); this file gathers what it shows and draws the charts.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use minijinja::Environment;
use serde::Serialize;

use crate::commands::check::{days_text, deadline_text, task_label};
use crate::deadlines::{Item, Light};
use crate::error::UserError;
use crate::lang::Lang;
use crate::messages;
use crate::render::html::{bars, columns, stacked, Bar, Series, Stack};
use crate::rollup::{Figures, ReportTask, Role};
use crate::store::Store;
use crate::time::{parse_stored_time, time_in_words};
use crate::trend::{self, Point};

use super::{Both, BothTally, BothWays, PlanReport, Report};

/// The template used when no other is given.
pub const TEMPLATE: &str = include_str!("../../../templates/report.html");

/// The most tasks the page lists one by one; the figures, charts and items
/// always count every task. A page of more is of no use to a reader and
/// slow to print: the workbook (`--format xlsx`) holds them all.
pub const MAX_TASKS: usize = 2_000;

#[derive(Serialize)]
struct Page<'a> {
    lang: &'static str,
    t: BTreeMap<&'static str, &'static str>,
    as_of: String,
    plans: Vec<PlanPage<'a>>,
}

#[derive(Serialize)]
struct PlanPage<'a> {
    /// The headings of the figures and items by division, which say 单位
    /// (unit) when the plan has units outside the body.
    by_division: &'static str,
    attention: &'static str,
    id: &'a str,
    title: &'a str,
    doc_no: Option<&'a str>,
    issuer: Option<String>,
    issued: Option<String>,
    office: &'a str,
    summary_line: String,
    total: Figures,
    sections: Vec<Figures>,
    divisions: Vec<Figures>,
    total_of: BTreeMap<&'static str, Figures>,
    charts: BTreeMap<&'static str, String>,
    trend: Vec<Point>,
    items: Vec<Attention>,
    tasks: Vec<TaskLine>,
    tasks_total: usize,
    tasks_left: usize,
    tasks_left_note: String,
}

#[derive(Serialize)]
struct Attention {
    division: String,
    items: Vec<ItemLine>,
}

#[derive(Serialize)]
struct ItemLine {
    task: String,
    title: String,
    kind: &'static str,
    light: &'static str,
    deadline: String,
    days: String,
    detail: String,
}

#[derive(Serialize)]
struct TaskLine {
    id: String,
    title: String,
    status: &'static str,
    light: &'static str,
    due: String,
    /// 成果形式 and 目标, when the task has them.
    deliverable: String,
    target: String,
    rows: Vec<AssigneeLine>,
}

#[derive(Serialize)]
struct AssigneeLine {
    assignee: String,
    role: String,
    status: &'static str,
    percent: String,
    note: String,
    at: String,
}

fn light_class(light: Option<Light>) -> &'static str {
    match light {
        Some(Light::Red) => "red",
        Some(Light::Yellow) => "yellow",
        Some(Light::Green) => "green",
        None => "none",
    }
}

/// The page's own words.
fn words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let l = |en, zh| lang.pick(en, zh);
    BTreeMap::from([
        ("report", l("Progress report", "工作进展情况通报")),
        ("no_plans", l("No plans are loaded.", "尚未载入方案。")),
        ("issuer", l("Issued by ", "发文机关：")),
        ("issued", l("on ", "印发日期：")),
        ("as_of", l("As of ", "截至")),
        ("compiled_by", l("compiled by ", "汇总：")),
        ("summary", l("Summary", "总体情况")),
        ("figures", l("Figures", "统计")),
        ("by_section", l("By section", "按部分统计")),
        ("name", l("Name", "名称")),
        ("tasks", l("Tasks", "任务数")),
        ("not_started", l("Not started", "未启动")),
        ("in_progress", l("In progress", "推进中")),
        (
            "in_progress_blocked",
            l("In progress or blocked", "推进中（含受阻）"),
        ),
        ("blocked", l("Blocked", "受阻")),
        ("done", l("Done, awaiting review", "已完成待审核")),
        ("closed", l("Closed", "已销号")),
        ("overdue", l("Overdue", "逾期")),
        ("missing", l("Return missing", "未按期反馈")),
        ("completion", l("Completion", "完成率")),
        ("reminders", l("Reminders", "催办次数")),
        ("total", l("Total", "合计")),
        ("trend", l("Progress by month", "逐月进展")),
        ("month", l("Month", "月份")),
        (
            "nothing_due",
            l("Nothing is overdue or due soon.", "没有逾期或预警事项。"),
        ),
        ("task", l("Task", "任务")),
        ("title", l("Title", "任务名称")),
        ("item", l("Item", "事项")),
        ("deadline", l("Deadline", "时限")),
        ("days", l("Days", "天数")),
        ("detail", l("Detail", "说明")),
        ("all_tasks", l("Every task", "任务明细")),
        ("status", l("Status", "状态")),
        ("due", l("Due", "完成时限")),
        ("deliverable", l("Deliverable: ", "成果形式：")),
        ("target", l("Target: ", "目标：")),
        ("assignee", l("Assignee", "责任单位")),
        ("role", l("Role", "职责")),
        ("their_status", l("Their status", "反馈状态")),
        ("note", l("Latest return", "最近反馈")),
        ("at", l("Returned", "反馈时间")),
        ("footer", l("Made by tasks.", "本页由 tasks 生成。")),
    ])
}

/// Writes the page of `report` with `template` (the default when None).
pub(super) fn write(
    report: &Report,
    store: &Store,
    template: Option<&str>,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let as_of = parse_stored_time(&report.as_of)
        .map(|t| time_in_words(t, lang))
        .unwrap_or_else(|| report.as_of.clone());
    let mut plans = Vec::new();
    for plan in &report.plans {
        plans.push(plan_page(plan, report, store, lang)?);
    }
    let page = Page {
        lang: lang.pick("en", "zh"),
        t: words(lang),
        as_of,
        plans,
    };
    let mut env = Environment::new();
    // Escaping as for HTML, whatever the template's file is called.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template("report.html", template.unwrap_or(TEMPLATE))
        .map_err(|e| UserError::usage(messages::template_invalid(&e.to_string())))?;
    let text = env
        .get_template("report.html")
        .and_then(|t| t.render(&page))
        .map_err(|e| UserError::usage(messages::template_invalid(&e.to_string())))?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn plan_page<'a>(
    plan: &'a PlanReport,
    report: &Report,
    store: &Store,
    lang: Lang,
) -> anyhow::Result<PlanPage<'a>> {
    // The task lines: listed up to the cap, and counted (figures not yet
    // counted, lights by division) to the end.
    let mut tally = match &plan.both {
        Some(Both::WithLines { sections, units }) => Some(BothTally::new(sections, units)),
        _ => None,
    };
    let mut lights: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut tasks = Vec::new();
    let mut total_tasks = 0;
    if let Some(each) = &plan.tasks {
        each.each(&mut |t| {
            if let Some(tally) = &mut tally {
                tally.add(&t);
            }
            count_lights(&t, &mut lights);
            total_tasks += 1;
            if tasks.len() < MAX_TASKS {
                tasks.push(task_line(&t, lang));
            }
            Ok(())
        })?;
    }
    let tallied = tally.map(BothTally::finish);
    let both: &BothWays = match (&tallied, &plan.both) {
        (Some(both), _) => both,
        (None, Some(Both::Counted(both))) => both.as_ref(),
        _ => anyhow::bail!("the page's figures were not counted"),
    };
    let (sections, section_total) = both.sections.clone();
    let (mut divisions, mut division_total) = both.divisions.clone();
    Figures::add_reminders(&mut divisions, &mut division_total, &plan.reminders);

    let issued = plan.issued.clone();
    let as_of = parse_stored_time(&report.as_of).unwrap_or_else(crate::time::far_future);
    let start = issued
        .as_deref()
        .and_then(crate::time::parse_stored_date)
        .unwrap_or(as_of.date());
    let trend = store.trend(&plan.plan, &trend::month_ends(start, as_of))?;

    let outside = divisions.iter().any(|f| f.label == "outside");
    let charts = charts(&sections, &divisions, &lights, &trend, outside, lang);
    let tasks_left = total_tasks - tasks.len();
    Ok(PlanPage {
        by_division: if outside {
            lang.pick("By unit", "按单位统计")
        } else {
            lang.pick("By division", "按处室统计")
        },
        attention: if outside {
            lang.pick("Overdue and due soon, by unit", "逾期及预警事项（按单位）")
        } else {
            lang.pick(
                "Overdue and due soon, by division",
                "逾期及预警事项（按处室）",
            )
        },
        id: &plan.plan,
        title: &plan.title,
        doc_no: plan.doc_no.as_deref(),
        issuer: plan.issuer.clone(),
        issued: issued
            .as_deref()
            .and_then(crate::time::parse_stored_date)
            .map(|d| crate::time::date_in_words(d, lang)),
        office: &plan.office,
        summary_line: messages::report_page_summary(
            section_total.tasks,
            section_total.closed,
            section_total.completion,
            section_total.overdue,
        )
        .text(lang)
        .to_string(),
        total: section_total.clone(),
        total_of: BTreeMap::from([("sections", section_total), ("divisions", division_total)]),
        sections,
        divisions,
        charts,
        trend,
        items: attention(&plan.items, lang),
        tasks,
        tasks_total: total_tasks,
        tasks_left,
        tasks_left_note: messages::report_page_tasks_left(MAX_TASKS, tasks_left)
            .text(lang)
            .to_string(),
    })
}

/// Adds a task's light to each of its assignees' counts: red, yellow,
/// green, closed (withdrawn tasks count nowhere).
fn count_lights(t: &ReportTask, lights: &mut BTreeMap<String, [usize; 4]>) {
    // A task with sub-tasks is counted in its leaves.
    if t.has_sub_tasks {
        return;
    }
    let column = match (t.status, t.light) {
        (crate::status::Status::Closed, _) => 3,
        (_, Some(Light::Red)) => 0,
        (_, Some(Light::Yellow)) => 1,
        (_, Some(Light::Green)) => 2,
        (_, None) => return,
    };
    for a in &t.assignees {
        lights.entry(a.name.clone()).or_default()[column] += 1;
    }
}

fn task_line(t: &ReportTask, lang: Lang) -> TaskLine {
    let mut rows: Vec<AssigneeLine> = t
        .assignees
        .iter()
        .map(|a| {
            let latest = a.latest.as_ref();
            AssigneeLine {
                assignee: a.name.clone(),
                role: crate::store::own_word(&a.word).map_or_else(
                    || match a.role {
                        Role::Lead => lang.pick("lead", "牵头").to_string(),
                        Role::Support => lang.pick("support", "配合").to_string(),
                    },
                    str::to_string,
                ),
                status: latest.map_or("", |e| e.status.label(lang)),
                percent: latest
                    .and_then(|e| e.percent)
                    .map_or(String::new(), |p| p.to_string()),
                note: latest.map_or(String::new(), |e| e.note.clone()),
                at: latest.map_or(String::new(), |e| deadline_text(&e.at)),
            }
        })
        .collect();
    // A task with sub-tasks: its assignees report on the sub-tasks; its
    // progress is rolled up from them.
    if t.has_sub_tasks {
        rows.clear();
    }
    if rows.is_empty() {
        rows.push(AssigneeLine {
            assignee: String::new(),
            role: String::new(),
            status: "",
            percent: t.percent.map_or(String::new(), |p| p.to_string()),
            note: String::new(),
            at: String::new(),
        });
    }
    TaskLine {
        id: t.id.clone(),
        title: crate::tree::tree_title(t.depth, &t.title),
        status: t.status.label(lang),
        light: light_class(t.light),
        due: t.due_shown(lang).unwrap_or_default(),
        deliverable: t.outcome.deliverable.clone().unwrap_or_default(),
        target: t
            .outcome
            .target
            .as_ref()
            .map_or(String::new(), |t| t.text.clone()),
        rows,
    }
}

/// The items of `tasks check`, by the division they are addressed to, in
/// the order of the divisions' first item.
fn attention(items: &[Item], lang: Lang) -> Vec<Attention> {
    let mut groups: Vec<Attention> = Vec::new();
    for item in items {
        let line = ItemLine {
            task: task_label(item, false),
            title: item.title.clone(),
            kind: item.kind.label(lang),
            light: light_class(Some(item.kind.light())),
            deadline: deadline_text(&item.deadline),
            days: days_text(item, lang),
            detail: item.detail.clone(),
        };
        match groups.iter_mut().find(|g| g.division == item.division) {
            Some(g) => g.items.push(line),
            None => groups.push(Attention {
                division: item.division.clone(),
                items: vec![line],
            }),
        }
    }
    groups
}

fn charts(
    sections: &[Figures],
    divisions: &[Figures],
    lights: &BTreeMap<String, [usize; 4]>,
    trend: &[Point],
    outside: bool,
    lang: Lang,
) -> BTreeMap<&'static str, String> {
    let rate = |f: &Figures| f64::from(f.completion);
    let section_bars: Vec<Bar> = sections
        .iter()
        .map(|f| Bar {
            label: &f.label,
            value: rate(f),
            shown: format!("{}%", f.completion),
        })
        .collect();
    let division_bars: Vec<Bar> = divisions
        .iter()
        .map(|f| Bar {
            label: &f.key,
            value: rate(f),
            shown: format!("{}%", f.completion),
        })
        .collect();
    let light_series = [
        Series {
            name: lang.pick("overdue", "逾期（红灯）"),
            class: "red",
        },
        Series {
            name: lang.pick("due soon", "预警（黄灯）"),
            class: "yellow",
        },
        Series {
            name: lang.pick("on track", "正常（绿灯）"),
            class: "green",
        },
        Series {
            name: lang.pick("closed", "已销号"),
            class: "closed",
        },
    ];
    // The divisions furthest behind first: most red, then most yellow.
    let mut light_rows: Vec<Stack> = divisions
        .iter()
        .map(|f| Stack {
            label: &f.key,
            parts: lights.get(&f.key).copied().unwrap_or_default().to_vec(),
        })
        .collect();
    light_rows.sort_by_key(|r| std::cmp::Reverse((r.parts[0], r.parts[1])));
    let trend_series = [
        Series {
            name: lang.pick("closed", "已销号"),
            class: "closed",
        },
        Series {
            name: lang.pick("done", "已完成待审核"),
            class: "done",
        },
        Series {
            name: lang.pick("in progress", "推进中"),
            class: "progress",
        },
        Series {
            name: lang.pick("not started", "未启动"),
            class: "idle",
        },
    ];
    let periods: Vec<Stack> = trend
        .iter()
        .map(|p| Stack {
            label: &p.month,
            parts: vec![p.closed, p.done, p.in_progress, p.not_started],
        })
        .collect();
    BTreeMap::from([
        (
            "sections",
            bars(
                "sections",
                lang.pick("Completion by section (%)", "各部分完成率（%）"),
                &section_bars,
                100.0,
            ),
        ),
        (
            "divisions",
            bars(
                "divisions",
                match outside {
                    true => lang.pick("Completion by unit (%)", "各单位完成率（%）"),
                    false => lang.pick("Completion by division (%)", "各处室完成率（%）"),
                },
                &division_bars,
                100.0,
            ),
        ),
        (
            "lights",
            stacked(
                "lights",
                match outside {
                    true => lang.pick("Lights by unit", "各单位任务亮灯情况"),
                    false => lang.pick("Lights by division", "各处室任务亮灯情况"),
                },
                &light_series,
                &light_rows,
            ),
        ),
        (
            "trend",
            columns(
                "trend",
                lang.pick("Tasks by status, month by month", "逐月任务状态"),
                &trend_series,
                &periods,
            ),
        ),
    ])
}

/// The Chromium to print with: `given`, else the first of the usual names
/// found on PATH.
/// A bare name given (`--chromium chromium-browser`) is looked for on PATH
/// too.
pub fn find_chromium(given: Option<&Path>) -> Option<PathBuf> {
    let on_path = |names: &[&std::ffi::OsStr]| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    };
    match given {
        Some(path) if path.is_file() => Some(path.to_path_buf()),
        Some(path) if path.components().count() == 1 => on_path(&[path.as_os_str()]),
        Some(_) => None,
        None => on_path(
            &[
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
                "chrome",
            ]
            .map(std::ffi::OsStr::new),
        ),
    }
}

/// `html` printed to PDF by `chromium`, headless, with a profile of its
/// own that is removed afterwards.
pub fn print_pdf(chromium: &Path, html: &[u8]) -> anyhow::Result<Vec<u8>> {
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("report.html");
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&page, html)?;
    let mut print = std::process::Command::new(chromium);
    print
        .arg("--headless")
        .arg("--disable-gpu")
        .arg("--no-sandbox")
        .arg("--no-first-run")
        .arg("--no-default-browser-check")
        .arg("--no-pdf-header-footer")
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url_of(&page))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let output = print.output().map_err(|e| {
        UserError::usage(messages::chromium_failed(
            &chromium.display().to_string(),
            &e.to_string(),
        ))
    })?;
    match std::fs::read(&pdf) {
        Ok(bytes) if bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => {
            let said = String::from_utf8_lossy(&output.stderr);
            let last = said
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            Err(UserError::usage(messages::chromium_failed(
                &chromium.display().to_string(),
                &format!("{} {last}", output.status),
            ))
            .into())
        }
    }
}

/// A `file://` address of an absolute path, with what a URL cannot hold
/// percent-encoded.
pub fn url_of(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}
