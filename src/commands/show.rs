//! `tasks show TASK`

use std::io::Write;

use serde::Serialize;

use crate::app::Ctx;
use crate::cli::ShowArgs;
use crate::duration::Duration;
use crate::lang::Lang;
use crate::plan::Role;
use crate::render::{escape_control, escape_text, write_json, Format, Grid};
use crate::rollup::{derive_status, Assignee, Role as AssigneeRole};
use crate::store::{HistoryItem, RuleRow, Store, TaskDetail};

/// `show --format json`: the task, each assignee's latest entry, and its
/// history.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    detail: &'a TaskDetail,
    assignees: &'a [Assignee],
    history: &'a [HistoryItem],
}

pub fn run(args: &ShowArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let key = store.resolve_task(&args.task)?;
    let mut detail = store.task_detail(&key)?;
    let facts = store.task_facts(None, Some(&[key.pk]), ctx.now)?;
    let facts = facts.get(&key.pk).cloned().unwrap_or_default();
    detail.status = derive_status(facts.withdrawn, &facts.assignees, &facts.reviews);
    let history = store.history(&key, ctx.now)?;
    match args.format.format {
        Format::Json => write_json(
            &Shown {
                detail: &detail,
                assignees: &facts.assignees,
                history: &history,
            },
            out,
        )?,
        Format::Csv => {
            let rules: Vec<String> = detail
                .rules
                .iter()
                .map(|r| rule_text(r, Lang::En))
                .collect();
            let mut grid = Grid::new(&[]);
            grid.push(vec![
                detail.plan.clone(),
                detail.id.clone(),
                detail.section.clone(),
                detail.title.clone(),
                detail.text.clone(),
                detail.lead.clone(),
                detail.support.join(", "),
                detail.due.clone().unwrap_or_default(),
                detail.status.id().to_string(),
                rules.join("; "),
            ]);
            grid.write_csv(
                &[
                    "plan", "id", "section", "title", "text", "lead", "support", "due", "status",
                    "rules",
                ],
                out,
            )?;
        }
        Format::Table => {
            write_text(&detail, ctx.lang, out)?;
            write_progress(&facts.assignees, &history, ctx.lang, out)?;
        }
    }
    Ok(())
}

/// A rule in one line, e.g. "after 政策文件公开: within 3wd, 在委门户网站…".
pub fn rule_text(r: &RuleRow, lang: Lang) -> String {
    let within = r.within.as_deref().map(|w| {
        w.parse::<Duration>()
            .map_or_else(|_| w.to_string(), |d| d.describe(lang))
    });
    let within = within.as_deref().unwrap_or("?");
    let what = r
        .what
        .as_deref()
        .map(|w| format!(" — {w}"))
        .unwrap_or_default();
    match (r.kind.as_str(), lang) {
        ("after", Lang::En) => format!("within {within} after each “{}”{what}", r.event),
        ("after", Lang::Zh) => format!("每次“{}”后{within}内{what}", r.event),
        (_, Lang::En) => format!(
            "at least {} × “{}” by {}{what}",
            r.count.unwrap_or(0),
            r.event,
            r.by.as_deref().unwrap_or("?")
        ),
        (_, Lang::Zh) => format!(
            "{}前至少{}次“{}”{what}",
            r.by.as_deref().unwrap_or("?"),
            r.count.unwrap_or(0),
            r.event
        ),
    }
}

fn write_text(d: &TaskDetail, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let labels = [
        lang.pick("Plan", "方案"),
        lang.pick("Section", "部分"),
        lang.pick("Status", "状态"),
        lang.pick("Lead", "牵头"),
        lang.pick("Support", "配合"),
        lang.pick("Due", "期限"),
        lang.pick("Rules", "时限规则"),
    ];
    let width = labels
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(*l))
        .max()
        .unwrap_or(0)
        + 2;
    let line = |out: &mut dyn Write, label: &str, value: &str| -> std::io::Result<()> {
        writeln!(
            out,
            "  {}{}",
            super::pad(label, width),
            escape_control(value)
        )
    };
    writeln!(
        out,
        "{}:{}  {}",
        escape_control(&d.plan),
        escape_control(&d.id),
        escape_control(&d.title)
    )?;
    line(out, labels[0], &d.plan_title)?;
    let role = Role::parse(&d.section_role).map_or(d.section_role.clone(), |r| {
        lang.pick(r.id(), r.chinese()).to_string()
    });
    line(
        out,
        labels[1],
        &format!("{} {} ({role})", d.section, d.section_title),
    )?;
    line(out, labels[2], d.status.label(lang))?;
    line(out, labels[3], &d.lead)?;
    let none = lang.pick("-", "无");
    let support = if d.support.is_empty() {
        none.to_string()
    } else {
        d.support.join(lang.pick(", ", "、"))
    };
    line(out, labels[4], &support)?;
    let due = match (&d.due, d.due_from.as_deref()) {
        (Some(due), Some("plan")) => format!("{due} {}", lang.pick("(the plan's)", "(方案期限)")),
        (Some(due), _) => due.clone(),
        (None, _) => none.to_string(),
    };
    line(out, labels[5], &due)?;
    if d.rules.is_empty() {
        line(out, labels[6], none)?;
    }
    for (i, r) in d.rules.iter().enumerate() {
        line(
            out,
            if i == 0 { labels[6] } else { "" },
            &rule_text(r, lang),
        )?;
    }
    writeln!(out)?;
    for paragraph in escape_text(&d.text, true).lines() {
        writeln!(out, "  {paragraph}")?;
    }
    Ok(())
}

/// Each assignee's latest entry, then the history of feedback and reviews.
fn write_progress(
    assignees: &[Assignee],
    history: &[HistoryItem],
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", lang.pick("Latest feedback", "最新反馈"))?;
    let mut grid = Grid::new(&[
        lang.pick("Assignee", "责任处室"),
        lang.pick("Role", "分工"),
        lang.pick("Status", "状态"),
        "%",
        lang.pick("Note", "说明"),
        lang.pick("On", "反馈时间"),
    ]);
    for a in assignees {
        let role = match a.role {
            AssigneeRole::Lead => lang.pick("lead", "牵头"),
            AssigneeRole::Support => lang.pick("support", "配合"),
        };
        let e = a.latest.as_ref();
        let name = match e.filter(|e| e.division != a.name) {
            Some(e) => format!("{} ({})", a.name, e.division),
            None => a.name.clone(),
        };
        grid.push(vec![
            name,
            role.to_string(),
            e.map_or(lang.pick("-", "未反馈").to_string(), |e| {
                e.status.label(lang).to_string()
            }),
            e.and_then(|e| e.percent)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            e.map(|e| e.note.clone()).unwrap_or_default(),
            e.map(|e| e.at.clone()).unwrap_or_default(),
        ]);
    }
    grid.write_table(out)?;
    writeln!(out)?;
    writeln!(out, "{}", lang.pick("History", "办理记录"))?;
    if history.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick("Nothing recorded yet.", "尚无记录。")
        )?;
        return Ok(());
    }
    super::history::grid(history, lang, false).write_table(out)
}
