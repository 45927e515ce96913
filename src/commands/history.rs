//! `tasks history TASK`

use std::io::Write;

use crate::app::Ctx;
use crate::cli::HistoryArgs;
use crate::deadlines::ItemKind;
use crate::lang::Lang;
use crate::messages as m;
use crate::render::{escape_control, write_json, Fit, Format, Grid};
use crate::status::Status;
use crate::store::{HistoryItem, RecordKind, Store};

pub fn run(
    args: &HistoryArgs,
    store: &Store,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let key = store.resolve_task(&args.task)?;
    let items = store.history(&key, ctx.now)?;
    let lang = ctx.lang;
    match args.format.format {
        Format::Json => write_json(&items, out)?,
        Format::Csv => grid(&items, Lang::En, true).write_csv(
            &[
                "number",
                "at",
                "kind",
                "who",
                "assignee",
                "what",
                "percent",
                "note",
                "by",
                "recorded_at",
                "recorded_by",
                "voided_by",
                "amends",
                "import",
                "voids",
            ],
            out,
        )?,
        Format::Table if items.is_empty() => writeln!(
            out,
            "{}",
            m::nothing_recorded_for(&escape_control(&key.id)).text(lang)
        )?,
        Format::Table => grid(&items, lang, false).write_table(ctx.layout, out)?,
    }
    Ok(())
}

/// What an entry says, in words: a status, a review decision, what a
/// reminder named.
pub fn what_label(item: &HistoryItem, lang: Lang) -> String {
    if item.kind == "void" {
        // What a void voided.
        return RecordKind::of_id(&item.what)
            .map_or(item.what.clone(), |k| k.words().text(lang).to_string());
    }
    if item.kind == "reminder" {
        // The kinds of item it named.
        return item
            .what
            .split(',')
            .map(|id| ItemKind::from_id(id).map_or(id, |k| k.label(lang)))
            .collect::<Vec<_>>()
            .join(lang.pick(", ", "、"));
    }
    match item.what.as_str() {
        "accept" => m::decision_accepted().text(lang).to_string(),
        "return" => m::decision_returned().text(lang).to_string(),
        status => status
            .parse::<Status>()
            .map_or(status.to_string(), |s| s.label(lang).to_string()),
    }
}

/// The history as a table. `raw` (for CSV) keeps English ids and every
/// column; for people the "for" column appears only when an entry was made
/// by a group's member.
pub fn grid(items: &[HistoryItem], lang: Lang, raw: bool) -> Grid {
    use Fit::{Fixed, Wrap};
    let with_for = raw || items.iter().any(|i| i.assignee.is_some());
    let mut headers = vec![
        (Fixed, lang.pick("No.", "编号")),
        (Fixed, lang.pick("Time", "时间")),
        (Fixed, lang.pick("Kind", "类别")),
        (Fixed, lang.pick("Who", "处室")),
    ];
    if with_for {
        headers.push((Fixed, lang.pick("For", "代表")));
    }
    headers.push((Fixed, lang.pick("Status / decision", "状态/审核")));
    if raw {
        headers.push((Fixed, "#"));
    }
    headers.extend([
        (Fixed, "%"),
        (Wrap, lang.pick("Note", "说明")),
        (Fixed, lang.pick("By", "填报人")),
        (Fixed, lang.pick("Recorded", "录入时间")),
        (Fixed, lang.pick("Recorded by", "录入人")),
    ]);
    let mut grid = Grid::new(&headers);
    for i in items {
        let mut kind = match (i.kind.as_str(), raw) {
            (k, true) => k.to_string(),
            ("review", false) => lang.pick("review", "审核").to_string(),
            ("event", false) => lang.pick("event", "事件").to_string(),
            ("void", false) => lang.pick("void", "撤销").to_string(),
            ("reminder", false) => lang.pick("reminder", "催办").to_string(),
            _ => lang.pick("feedback", "反馈").to_string(),
        };
        if !raw {
            if let Some(n) = i.obligation {
                kind = format!("{kind} {}#{n}", lang.pick("obligation ", "时限事项"));
            }
            if let Some(n) = i.voids {
                kind = format!("{kind} #{n}");
            }
            if let Some(n) = i.amends {
                kind += m::history_amends(n).text(lang);
            }
            if let Some(n) = i.voided_by {
                kind += m::history_voided_by(n).text(lang);
            }
        }
        let number = if raw {
            i.number.to_string()
        } else {
            format!("#{}", i.number)
        };
        let mut row = vec![number, i.at.clone(), kind, i.who.clone()];
        if with_for {
            row.push(i.assignee.clone().unwrap_or_default());
        }
        row.extend([
            if raw {
                i.what.clone()
            } else {
                what_label(i, lang)
            },
            i.percent.map(|p| p.to_string()).unwrap_or_default(),
            if i.kind == "reminder" && !raw {
                // The earliest deadline the reminder named.
                let deadline = super::check::deadline_text(&i.note);
                format!("{}{deadline}", lang.pick("deadline ", "时限 "))
            } else {
                i.note.clone()
            },
            i.by.clone(),
            i.recorded_at.clone(),
            i.recorded_by.clone(),
        ]);
        if raw {
            let n = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
            row.extend([n(i.voided_by), n(i.amends), n(i.import), n(i.voids)]);
        }
        grid.push(row);
    }
    grid
}
