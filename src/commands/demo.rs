//! `tasks demo`: the embedded sample plan and illustrative feedback in a
//! throw-away database, ending in the office report.

use std::io::Write;

use chrono::NaiveDateTime;

use crate::app::Ctx;
use crate::batch;
use crate::cli::{ReportArgs, ReportBy, ReportFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::plan;
use crate::rollup::Decision;
use crate::store::{Access, Store};
use crate::time::{parse_as_of, parse_at};

/// The seed plan, 闽发改办〔2016〕452号, as shipped in `data/`.
pub const SAMPLE_PLAN: &str = include_str!("../../data/fjdrc-2016-zwgk.toml");
const SAMPLE_PLAN_NAME: &str = "data/fjdrc-2016-zwgk.toml";
/// Invented feedback on the sample plan; illustrative, not real reports.
pub const SAMPLE_FEEDBACK: &str = include_str!("../../data/sample-feedback.toml");
const SAMPLE_FEEDBACK_NAME: &str = "data/sample-feedback.toml";
/// The office's (invented) reviews of the sample: task, decision, time, note.
const SAMPLE_REVIEWS: [(&str, Decision, &str, &str); 3] = [
    (
        "2.1",
        Decision::Return,
        "2016-08-02",
        "请补充取消、下放事项的动态更新情况",
    ),
    ("2.4", Decision::Accept, "2016-08-03", ""),
    ("1.6", Decision::Accept, "2016-09-05", ""),
];
/// The (invented) events of the sample: task, kind, time, note.
const SAMPLE_EVENTS: [(&str, &str, &str, &str); 2] = [
    (
        "2.5",
        "特别重大、重大突发事件",
        "2016-08-12T10:00",
        "示例:某地重大突发事件",
    ),
    (
        "3.3",
        "政策文件公开",
        "2016-09-28T16:00",
        "示例:某重要政策文件公开",
    ),
];
/// The demo's report is as of this time, whatever the clock says.
const REPORT_AS_OF: &str = "2016-09-30";

pub fn run(ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = ctx.lang;
    let now = parse_as_of(REPORT_AS_OF).map_err(UserError::usage)?;
    let demo_ctx = Ctx {
        db: ctx.db.clone(),
        lang,
        csv_lang: ctx.csv_lang,
        now,
        clock: ctx.clock,
        real_clock: ctx.real_clock,
        as_of_given: false,
        layout: ctx.layout,
    };
    let dir = tempfile::tempdir().map_err(|e| {
        UserError::usage(format!(
            "cannot create a temporary directory for the demo: {e}"
        ))
    })?;
    let mut store = Store::open(&dir.path().join("demo.db"), Access::Create)?;
    let plan = plan::parse(SAMPLE_PLAN_NAME, SAMPLE_PLAN.as_bytes()).map_err(UserError::from)?;
    let doc = plan.meta.doc_no.clone().unwrap_or_default();
    writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!("演示:示例方案 {doc},使用临时数据库(不影响您自己的数据库)。"),
            Lang::En => format!(
                "Demo: the sample plan {doc}, in a throw-away database (yours is not touched)."
            ),
        }
    )?;
    writeln!(out)?;
    let loaded_at = parse_at("2016-06-21").map_err(UserError::usage)?;
    let report = store.load_plan(&plan, SAMPLE_PLAN_NAME, loaded_at, false)?;
    super::load::write_summary(&report, &plan, SAMPLE_PLAN_NAME, lang, out)?;
    for (task, kind, at, note) in SAMPLE_EVENTS {
        let key = store.resolve_task(task)?;
        let at = parse_at(at).map_err(UserError::usage)?;
        store.record_event(&key, kind, at, note, at)?;
    }
    let entries = replay_feedback(&mut store, now)?;
    for (task, decision, at, note) in SAMPLE_REVIEWS {
        let key = store.resolve_task(task)?;
        let at: NaiveDateTime = parse_at(at).map_err(UserError::usage)?;
        let answers = crate::view::done_awaiting_review(&store, &key, at)?.ok_or_else(|| {
            UserError::usage(format!("sample review of {task}: the task is not done"))
        })?;
        store.record_review(&key, decision, answers, note, "", at, at)?;
    }
    writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!(
                "已回放 {} 个事件、{entries} 条示例反馈({SAMPLE_FEEDBACK_NAME},仅供演示,并非真实报送)和 {} 条办公室审核。",
                SAMPLE_EVENTS.len(),
                SAMPLE_REVIEWS.len()
            ),
            Lang::En => format!(
                "Replayed {} events, {entries} feedback entries ({SAMPLE_FEEDBACK_NAME}; invented, not real reports) and {} office reviews.",
                SAMPLE_EVENTS.len(),
                SAMPLE_REVIEWS.len()
            ),
        }
    )?;
    writeln!(out)?;
    let args = ReportArgs {
        plan: None,
        by: ReportBy::Section,
        summary: false,
        format: ReportFormat::Table,
        output: crate::cli::OutputArgs {
            output: None,
            bom: false,
        },
    };
    super::report::run(&args, &store, &demo_ctx, out)?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        lang.pick(
            "Next: tasks load data/fjdrc-2016-zwgk.toml, then tasks list --division 法规处",
            "下一步:tasks load data/fjdrc-2016-zwgk.toml,然后 tasks list --division 法规处"
        )
    )?;
    Ok(())
}

/// Records the sample feedback through the same checks as `feedback --from`.
fn replay_feedback(store: &mut Store, now: NaiveDateTime) -> anyhow::Result<usize> {
    let reader = batch::Reader::new(
        SAMPLE_FEEDBACK_NAME,
        SAMPLE_FEEDBACK.as_bytes(),
        &batch::Options::default(),
    )?;
    let imported = store.write(|store| {
        crate::recording::import(
            store,
            SAMPLE_FEEDBACK_NAME,
            reader,
            &|| batch::Digest::of(SAMPLE_FEEDBACK.as_bytes()),
            now,
            Lang::En,
            false,
        )
    })?;
    Ok(imported.added)
}
