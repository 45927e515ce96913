//! `tasks remind`: one reminder notice (催办单) per division, from the office.

use std::collections::BTreeMap;
use std::io::Write;

use crate::app::Ctx;
use crate::cli::RemindArgs;
use crate::deadlines::Item;
use crate::error::UserError;
use crate::lang::Lang;
use crate::render::escape_control;
use crate::store::Store;

use super::check::{days_text, deadline_text, task_label};

pub fn run(args: &RemindArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let items = super::check::items(store, args.plan.as_deref(), args.within, ctx.now)?;
    let plans = store.plans()?;
    let with_plan = plans.len() > 1;
    // The names a --division stands for in each plan: itself and its groups.
    let wanted: Option<Vec<(String, String)>> = match &args.division {
        None => None,
        Some(name) => {
            let mut names = Vec::new();
            for p in &plans {
                for d in store.units(Some(&p.id))? {
                    if d.name == *name || d.aliases.contains(name) {
                        names.push((p.id.clone(), d.name.clone()));
                        names.extend(d.groups.iter().map(|g| (p.id.clone(), g.clone())));
                    }
                }
            }
            if names.is_empty() {
                return Err(UserError::usage(format!(
                    "no division or group {name:?} in any loaded plan"
                ))
                .into());
            }
            Some(names)
        }
    };
    // (plan, division) -> items, in check order.
    let mut notices: BTreeMap<(String, String), Vec<&Item>> = BTreeMap::new();
    // A task-level item goes to the lead and to the supporting divisions.
    for item in &items {
        for division in std::iter::once(&item.division).chain(&item.support) {
            let key = (item.plan.clone(), division.clone());
            if wanted.as_ref().is_none_or(|w| w.contains(&key)) {
                notices.entry(key).or_default().push(item);
            }
        }
    }
    let lang = ctx.lang;
    if notices.is_empty() {
        writeln!(
            out,
            "{}",
            match lang {
                Lang::En => "No reminders: nothing is overdue, due soon or missing its feedback.",
                Lang::Zh => "无需催办:没有逾期、即将到期或未按期反馈的事项。",
            }
        )?;
        return Ok(());
    }
    let date = ctx.now.date();
    for (i, ((plan_id, division), items)) in notices.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n{}\n", "-".repeat(40))?;
        }
        let plan = plans.iter().find(|p| &p.id == plan_id);
        let office = plan.map_or("", |p| p.office.as_str());
        let title = plan.map_or(String::new(), |p| {
            format!(
                "{}{}",
                p.title,
                p.doc_no
                    .as_deref()
                    .map(|d| format!("({d})"))
                    .unwrap_or_default()
            )
        });
        let notice_division = division;
        let (division, office, title) = (
            escape_control(division),
            escape_control(office),
            escape_control(&title),
        );
        match lang {
            Lang::Zh => {
                writeln!(out, "催办单")?;
                writeln!(out)?;
                writeln!(out, "{division}:")?;
                writeln!(
                    out,
                    "    根据《{title}》,截至 {date},贵处室以下 {} 项事项需抓紧办理,请于期限前完成并及时向{office}反馈进展:",
                    items.len()
                )?;
            }
            Lang::En => {
                writeln!(out, "Reminder")?;
                writeln!(out)?;
                writeln!(out, "To: {division}")?;
                writeln!(out, "From: {office}")?;
                writeln!(out, "Plan: {title}")?;
                writeln!(out, "Date: {date}")?;
                writeln!(out)?;
                writeln!(
                    out,
                    "{} your attention. Please complete {} by {} and report progress to {office}:",
                    if items.len() == 1 {
                        "The following item needs".to_string()
                    } else {
                        format!("The following {} items need", items.len())
                    },
                    if items.len() == 1 { "it" } else { "them" },
                    if items.len() == 1 {
                        "its deadline"
                    } else {
                        "their deadlines"
                    }
                )?;
            }
        }
        writeln!(out)?;
        for (n, item) in items.iter().enumerate() {
            let role = if item.division == *notice_division {
                ""
            } else {
                lang.pick(" [support]", "(配合)")
            };
            let detail = if item.detail.is_empty() {
                String::new()
            } else {
                match lang {
                    Lang::Zh => format!("({})", escape_control(&item.detail)),
                    Lang::En => format!(" ({})", escape_control(&item.detail)),
                }
            };
            let title = match lang {
                Lang::Zh => format!("“{}”{role}", escape_control(&item.title)),
                Lang::En => format!(" “{}”{role}", escape_control(&item.title)),
            };
            match lang {
                Lang::Zh => writeln!(
                    out,
                    "    {}. 任务 {}{title}:{}{detail},期限 {},{}。",
                    n + 1,
                    escape_control(&task_label(item, with_plan)),
                    item.kind.label(lang),
                    deadline_text(&item.deadline),
                    days_text(item, lang)
                )?,
                Lang::En => writeln!(
                    out,
                    "  {}. Task {}{title}: {}{detail}, deadline {}, {}.",
                    n + 1,
                    escape_control(&task_label(item, with_plan)),
                    item.kind.label(lang),
                    deadline_text(&item.deadline),
                    days_text(item, lang)
                )?,
            }
        }
        writeln!(out)?;
        match lang {
            Lang::Zh => writeln!(out, "{pad}{office}\n{pad}{date}", pad = " ".repeat(28))?,
            Lang::En => writeln!(out, "{office}")?,
        }
    }
    Ok(())
}
