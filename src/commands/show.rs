//! `tasks show TASK`

use std::io::Write;

use serde::Serialize;

use crate::app::Ctx;
use crate::cli::ShowArgs;
use crate::deadlines::{Assessment, ObligationState, QuotaState};
use crate::duration::Duration;
use crate::error::UserError;
use crate::lang::Lang;
use crate::messages::{self as m, Msg};
use crate::plan::Role;
use crate::render::breaking::{self, Breaks};
use crate::render::{escape_control, escape_text, write_json, Fit, Format, Grid, Layout};
use crate::rollup::{Assignee, Role as AssigneeRole};
use crate::store::{HistoryItem, RuleRow, Store, TaskDetail, TaskRow};

/// `show --format json`: the task, each assignee's latest entry, and its
/// history.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    detail: &'a TaskDetail,
    #[serde(flatten)]
    deadlines: &'a Assessment,
    assignees: &'a [Assignee],
    history: &'a [HistoryItem],
}

pub fn run(args: &ShowArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let key = store.resolve_task(&args.task)?;
    let mut detail = store.task_detail(&key)?;
    let row = TaskRow {
        pk: detail.pk,
        plan: detail.plan.clone(),
        id: detail.id.clone(),
        section: detail.section.clone(),
        title: detail.title.clone(),
        lead: detail.lead.clone(),
        support: detail.support.clone(),
        roles: detail.roles.clone(),
        outcome: detail.outcome.clone(),
        due: detail.due.clone(),
        due_kind: detail.due_kind.clone(),
        due_text: detail.due_text.clone(),
        status: detail.status,
        ord: 0,
        parent: detail.parent.clone(),
        depth: 0,
        has_sub_tasks: !detail.sub_tasks.is_empty(),
        percent: None,
    };
    let cal = crate::view::calendar(Some(store))?;
    let view = crate::view::assess(store, vec![row], &cal, ctx.now, None)?
        .pop()
        .ok_or_else(|| UserError::usage(m::task_vanished(&key.id)))?;
    super::warn_missing_years_in(&cal, ctx.lang);
    detail.status = view.row.status;
    detail.percent = view.row.percent;
    sub_task_statuses(store, &mut detail, &cal, ctx.now)?;
    let history = store.history(&key, ctx.now)?;
    match args.format.format {
        Format::Json => write_json(
            &Shown {
                detail: &detail,
                deadlines: &view.deadlines,
                assignees: &view.assignees,
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
            let mut row = vec![
                detail.plan.clone(),
                detail.id.clone(),
                detail.section.clone(),
                detail.title.clone(),
                detail.text.clone(),
                detail.lead.clone(),
                detail.support.join(", "),
                crate::plan::due::shown(
                    detail.due.as_deref(),
                    detail.due_kind.as_deref(),
                    detail.due_text.as_deref(),
                    Lang::En,
                )
                .unwrap_or_default(),
                detail.status.id().to_string(),
                rules.join("; "),
            ];
            let mut headers = vec![
                "plan", "id", "section", "title", "text", "lead", "support", "due", "status",
                "rules",
            ];
            // Units under role words, the deliverable and the target, for a
            // task that has them.
            if !detail.roles.is_empty() || !detail.outcome.is_empty() {
                let roles: Vec<String> = detail.roles.iter().map(|r| r.tagged(Lang::En)).collect();
                let target = detail.outcome.target.as_ref();
                row.extend([
                    roles.join(", "),
                    detail.outcome.deliverable_text().to_string(),
                    detail.outcome.target_text().to_string(),
                    target.and_then(|t| t.value.clone()).unwrap_or_default(),
                    target.and_then(|t| t.unit.clone()).unwrap_or_default(),
                ]);
                headers.extend([
                    "roles",
                    "deliverable",
                    "target",
                    "target_value",
                    "target_unit",
                ]);
            }
            grid.push(row);
            grid.write_csv(&headers, out)?;
        }
        Format::Table => {
            let layout = ctx.layout;
            write_text(&detail, view.deadlines.light, ctx.lang, layout, out)?;
            write_deadlines(&detail, &view.deadlines, ctx.lang, layout, out)?;
            if detail.sub_tasks.is_empty() {
                write_progress(&view.assignees, &history, ctx.lang, layout, out)?;
            } else {
                write_sub_tasks(&detail, ctx.lang, layout, out)?;
                write_history(&history, ctx.lang, layout, out)?;
            }
        }
    }
    Ok(())
}

/// The statuses of the task's sub-tasks as of `now`, as `list` gives them.
fn sub_task_statuses(
    store: &Store,
    detail: &mut TaskDetail,
    cal: &crate::calendar::Calendar,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<()> {
    if detail.sub_tasks.is_empty() {
        return Ok(());
    }
    let mut pks: Vec<i64> = detail.sub_tasks.iter().map(|s| s.pk).collect();
    pks.sort_unstable();
    let rows = store.list(&crate::store::ListFilter {
        plan: Some(detail.plan.clone()),
        tasks: Some(pks),
        ..Default::default()
    })?;
    for v in crate::view::assess(store, rows, cal, now, None)? {
        if let Some(s) = detail.sub_tasks.iter_mut().find(|s| s.pk == v.row.pk) {
            s.status = v.row.status;
        }
    }
    Ok(())
}

/// A task's sub-tasks and their statuses, and its progress rolled up.
fn write_sub_tasks(
    d: &TaskDetail,
    lang: Lang,
    layout: Layout,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use Fit::{Fixed, Wrap};
    writeln!(out)?;
    writeln!(out, "{}", m::show_sub_tasks().text(lang))?;
    let mut grid = Grid::new(&[
        (Fixed, lang.pick("ID", "编号")),
        (Wrap, lang.pick("Title", "任务")),
        (Fixed, lang.pick("Status", "状态")),
    ]);
    for s in &d.sub_tasks {
        grid.push(vec![
            s.id.clone(),
            s.title.clone(),
            s.status.label(lang).to_string(),
        ]);
    }
    grid.write_table(layout, out)?;
    if let Some(p) = d.percent {
        writeln!(out, "  {}", m::show_rolled_up(p).text(lang))?;
    }
    Ok(())
}

/// A rule in one line, e.g. "after 政策文件公开: within 3wd, 在委门户网站…".
pub fn rule_text(r: &RuleRow, lang: Lang) -> String {
    let within = r.within.as_deref().map_or(Msg::same("?"), |w| {
        w.parse::<Duration>()
            .map_or_else(|_| Msg::same(w), |d| d.words())
    });
    let what = r
        .what
        .as_deref()
        .map(|w| format!(" — {w}"))
        .unwrap_or_default();
    let rule = match r.kind.as_str() {
        "after" => m::rule_after(within, &r.event, what),
        "every" => every_rule_text(r, what),
        _ => m::rule_quota(
            r.count.unwrap_or(0),
            &r.event,
            r.by.as_deref().unwrap_or("?"),
            what,
        ),
    };
    rule.text(lang).to_string()
}

/// An `every` rule in words: its period and day, from when, and what.
fn every_rule_text(r: &RuleRow, what: String) -> Msg {
    let when = crate::recurring::Recurrence::from_stored(
        r.every.as_deref().unwrap_or_default(),
        r.by.as_deref().unwrap_or_default(),
    )
    .map_or_else(
        || Msg::same(r.by.clone().unwrap_or_default()),
        |rec| rec.words(),
    );
    let what = match (r.event.is_empty(), what.is_empty()) {
        (true, _) => what,
        (false, true) => format!(" — “{}”", r.event),
        (false, false) => format!(" — “{}”{what}", r.event),
    };
    let from = r.from.as_deref().unwrap_or("?");
    match r.until.as_deref() {
        Some(until) => m::rule_every_until(when, from, until, what),
        None => m::rule_every(when, from, what),
    }
}

/// `text` after `first` (the start of its first line), broken as `breaks`
/// allows to fit the width of `layout`, its further lines indented by
/// `indent` columns. Text that is not to break (`None`), and any text when
/// tables are laid out whole, keeps one line.
pub(super) fn write_wrapped(
    out: &mut dyn Write,
    layout: Layout,
    first: &str,
    indent: usize,
    text: &str,
    breaks: Option<Breaks>,
) -> std::io::Result<()> {
    let lines = match (layout.width(), breaks) {
        // Never narrower than a few Chinese characters.
        (Some(width), Some(breaks)) => {
            breaking::wrap(text, width.saturating_sub(indent).max(10), breaks)
        }
        _ => vec![text],
    };
    for (k, line) in lines.iter().enumerate() {
        let start = if k == 0 {
            first.to_string()
        } else {
            " ".repeat(indent)
        };
        writeln!(out, "{}", format!("{start}{line}").trim_end())?;
    }
    Ok(())
}

fn write_text(
    d: &TaskDetail,
    light: Option<crate::deadlines::Light>,
    lang: Lang,
    layout: Layout,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let parent_label = m::show_parent();
    let labels = [
        lang.pick("Plan", "方案"),
        lang.pick("Section", "部分"),
        lang.pick("Status", "状态"),
        lang.pick("Lead", "牵头"),
        lang.pick("Support", "配合"),
        lang.pick("Due", "期限"),
        lang.pick("Rules", "时限规则"),
        lang.pick("Deliverable", "成果形式"),
        lang.pick("Target", "目标"),
        parent_label.text(lang),
        lang.pick("Progress", "进度"),
    ];
    // The labels of lines a task has: a parent, a rolled-up progress. The
    // labels of deliverables and targets, shown only for tasks that have
    // them, leave the width as it was.
    let shown = [true, true, true, true, true, true, true, false, false]
        .into_iter()
        .chain([d.parent.is_some(), d.percent.is_some()]);
    let width = labels
        .iter()
        .zip(shown)
        .filter(|(_, shown)| *shown)
        .map(|(l, _)| unicode_width::UnicodeWidthStr::width(*l))
        .max()
        .unwrap_or(0)
        + 2;
    // Each value after its label; the values of text and lists break to
    // fit, under the value above.
    let wrapped = |out: &mut dyn Write, label: &str, value: &str, breaks| {
        let first = format!("  {}", super::pad(label, width));
        write_wrapped(
            out,
            layout,
            &first,
            width + 2,
            &escape_control(value),
            breaks,
        )
    };
    let line = |out: &mut dyn Write, label: &str, value: &str| wrapped(out, label, value, None);
    let title = format!("{}:{}  ", escape_control(&d.plan), escape_control(&d.id));
    let indent = unicode_width::UnicodeWidthStr::width(title.as_str());
    write_wrapped(
        out,
        layout,
        &title,
        indent,
        &escape_control(&d.title),
        Some(Breaks::Text),
    )?;
    wrapped(out, labels[0], &d.plan_title, Some(Breaks::Text))?;
    // A section that states no role shows none.
    let section = match d.section_role.as_deref() {
        None => format!("{} {}", d.section, d.section_title),
        Some(role) => {
            let role = Role::parse(role).map_or(role.to_string(), |r| {
                lang.pick(r.id(), r.chinese()).to_string()
            });
            format!("{} {} ({role})", d.section, d.section_title)
        }
    };
    wrapped(out, labels[1], &section, Some(Breaks::Text))?;
    if let Some(parent) = &d.parent {
        line(out, labels[9], parent)?;
    }
    match light {
        Some(light) => line(
            out,
            labels[2],
            &format!("{} ({})", d.status.label(lang), light.label(lang)),
        )?,
        None => line(out, labels[2], d.status.label(lang))?,
    }
    if let Some(p) = d.percent {
        line(out, labels[10], &format!("{p}%"))?;
    }
    let sep = lang.pick(", ", "、");
    // Co-leads under the built-in 牵头 share the lead's line; units under a
    // role word of the plan have a line of their word.
    let mut leads = vec![d.lead.clone()];
    leads.extend(
        d.roles
            .iter()
            .filter(|r| r.word == crate::plan::LEAD_WORD)
            .map(|r| r.name.clone()),
    );
    wrapped(out, labels[3], &leads.join(sep), Some(Breaks::List))?;
    let none = lang.pick("-", "无");
    let support = if d.support.is_empty() {
        none.to_string()
    } else {
        d.support.join(sep)
    };
    wrapped(out, labels[4], &support, Some(Breaks::List))?;
    let mut words: Vec<&str> = Vec::new();
    for r in d.roles.iter().filter(|r| r.word != crate::plan::LEAD_WORD) {
        if !words.contains(&r.word.as_str()) {
            words.push(&r.word);
        }
    }
    for word in words {
        let names: Vec<&str> = d
            .roles
            .iter()
            .filter(|r| r.word == word)
            .map(|r| r.name.as_str())
            .collect();
        wrapped(out, word, &names.join(sep), Some(Breaks::List))?;
    }
    if let Some(deliverable) = &d.outcome.deliverable {
        wrapped(out, labels[7], deliverable, Some(Breaks::Text))?;
    }
    if let Some(target) = &d.outcome.target {
        wrapped(out, labels[8], &target.text, Some(Breaks::Text))?;
    }
    let shown = crate::plan::due::shown(
        d.due.as_deref(),
        d.due_kind.as_deref(),
        d.due_text.as_deref(),
        lang,
    );
    let due = match (shown, d.due_from.as_deref()) {
        (Some(due), Some("plan")) => m::due_of_plan(&due).text(lang).to_string(),
        (Some(due), Some("parent")) => m::due_of_parent(&due).text(lang).to_string(),
        (Some(due), _) => due,
        (None, _) => none.to_string(),
    };
    line(out, labels[5], &due)?;
    if d.rules.is_empty() {
        line(out, labels[6], none)?;
    }
    for (i, r) in d.rules.iter().enumerate() {
        wrapped(
            out,
            if i == 0 { labels[6] } else { "" },
            &rule_text(r, lang),
            Some(Breaks::Text),
        )?;
    }
    writeln!(out)?;
    for paragraph in escape_text(&d.text, true).lines() {
        write_wrapped(out, layout, "  ", 2, paragraph, Some(Breaks::Text))?;
    }
    Ok(())
}

/// Each assignee's latest entry, then the history of feedback and reviews.
fn write_progress(
    assignees: &[Assignee],
    history: &[HistoryItem],
    lang: Lang,
    layout: Layout,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use Fit::{Fixed, Wrap};
    writeln!(out)?;
    writeln!(out, "{}", lang.pick("Latest feedback", "最新反馈"))?;
    let mut grid = Grid::new(&[
        (Fixed, lang.pick("Assignee", "责任处室")),
        (Fixed, lang.pick("Role", "分工")),
        (Fixed, lang.pick("Status", "状态")),
        (Fixed, "%"),
        (Wrap, lang.pick("Note", "说明")),
        (Fixed, lang.pick("On", "反馈时间")),
    ]);
    for a in assignees {
        let role = match (crate::store::own_word(&a.word), a.role) {
            (Some(word), _) => word,
            (None, AssigneeRole::Lead) => lang.pick("lead", "牵头"),
            (None, AssigneeRole::Support) => lang.pick("support", "配合"),
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
    grid.write_table(layout, out)?;
    write_history(history, lang, layout, out)
}

/// The history of feedback, reviews and the rest.
fn write_history(
    history: &[HistoryItem],
    lang: Lang,
    layout: Layout,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", lang.pick("History", "办理记录"))?;
    if history.is_empty() {
        writeln!(out, "  {}", m::nothing_recorded_yet().text(lang))?;
        return Ok(());
    }
    super::history::grid(history, lang, false).write_table(layout, out)
}

/// The traffic light, obligations, quotas and missing returns of a task.
fn write_deadlines(
    d: &TaskDetail,
    a: &Assessment,
    lang: Lang,
    layout: Layout,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use Fit::{Fixed, Wrap};
    if !a.missing_feedback.is_empty() {
        let names = Msg::list(&a.missing_feedback).map(escape_control);
        let line = m::missing_last_period(names).text(lang).to_string();
        write_wrapped(out, layout, "  ", 4, &line, Some(Breaks::List))?;
    }
    if !a.obligations.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", lang.pick("Obligations", "时限事项"))?;
        let mut grid = Grid::new(&[
            (Fixed, "#"),
            (Fixed, lang.pick("Event", "事件")),
            (Fixed, lang.pick("Opened", "发生时间")),
            (Fixed, lang.pick("Deadline", "期限")),
            (Fixed, lang.pick("State", "状态")),
            (Fixed, lang.pick("Met", "完成时间")),
            (Wrap, lang.pick("What", "事项")),
        ]);
        for o in &a.obligations {
            let state = match (o.state, lang) {
                (ObligationState::Open, _) => lang.pick("open", "待办"),
                (ObligationState::Overdue, _) => lang.pick("overdue", "逾期"),
                (ObligationState::Met, _) => lang.pick("met", "已完成"),
                (ObligationState::MetLate, _) => lang.pick("met late", "逾期完成"),
            };
            grid.push(vec![
                format!("{}#{}", d.id, o.n),
                o.event.clone(),
                o.opened.clone(),
                super::check::deadline_text(&o.deadline),
                state.to_string(),
                o.met.clone().unwrap_or_default(),
                o.what.clone().unwrap_or_default(),
            ]);
        }
        grid.write_table(layout, out)?;
    }
    if !a.duties.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", m::duties_heading().text(lang))?;
        let mut grid = Grid::new(&[
            (Fixed, lang.pick("Period", "周期")),
            (Fixed, lang.pick("Deadline", "期限")),
            (Fixed, lang.pick("State", "状态")),
            (Fixed, lang.pick("Met", "报送时间")),
            (Wrap, lang.pick("What", "事项")),
        ]);
        for duty in &a.duties {
            let what = duty.what.clone().or(duty.event.clone()).unwrap_or_default();
            for p in &duty.periods {
                grid.push(vec![
                    p.label.clone(),
                    super::check::deadline_text(&p.deadline),
                    p.state.label(lang),
                    p.met.clone().unwrap_or_default(),
                    what.clone(),
                ]);
            }
        }
        grid.write_table(layout, out)?;
    }
    for q in &a.quotas {
        let state = match q.state {
            QuotaState::Met => lang.pick("met", "已达标"),
            QuotaState::OnTrack => lang.pick("on track", "进行中"),
            QuotaState::AtRisk => lang.pick("at risk", "可能不达标"),
            QuotaState::Failed => lang.pick("missed", "未达标"),
        };
        let line = m::quota_line(&q.event, q.recorded, q.count, &q.by, state);
        write_wrapped(
            out,
            layout,
            "",
            4,
            &format!("  {}", escape_control(line.text(lang))),
            Some(Breaks::Text),
        )?;
    }
    Ok(())
}
