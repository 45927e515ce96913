//! `tasks demo`: the embedded sample plan and illustrative feedback in a
//! throw-away database, ending in the office report.

use std::io::Write;

use chrono::NaiveDateTime;

use crate::app::Ctx;
use crate::batch;
use crate::cli::{ReportArgs, ReportBy, ReportFormat};
use crate::error::UserError;
use crate::lang::Lang;
use crate::messages as m;
use crate::plan;
use crate::rollup::Decision;
use crate::store::{Access, Store};
use crate::time::{as_of_msg, parse_at};

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
    let now = as_of_msg(REPORT_AS_OF).map_err(UserError::usage)?;
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
        UserError::usage(m::demo_no_temp_dir(crate::render::output::plain_reason(&e)))
    })?;
    let mut store = Store::open(&dir.path().join("demo.db"), Access::Create)?;
    let plan = plan::parse(SAMPLE_PLAN_NAME, SAMPLE_PLAN.as_bytes()).map_err(UserError::from)?;
    let doc = plan.meta.doc_no.clone().unwrap_or_default();
    writeln!(out, "{}", m::demo_intro(&doc).text(lang))?;
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
        let answers = crate::view::done_awaiting_review(&store, &key, at)?
            .ok_or_else(|| UserError::usage(m::demo_review_not_done(task)))?;
        store.record_review(&key, decision, answers, note, "", at, at)?;
    }
    let replayed = m::demo_replayed(
        SAMPLE_EVENTS.len(),
        entries,
        SAMPLE_FEEDBACK_NAME,
        SAMPLE_REVIEWS.len(),
    );
    writeln!(out, "{}", replayed.text(lang))?;
    writeln!(out)?;
    let args = ReportArgs {
        plan: None,
        by: ReportBy::Section,
        summary: false,
        format: ReportFormat::Table,
        template: None,
        chromium: None,
        output: crate::cli::OutputArgs {
            output: None,
            bom: false,
        },
    };
    super::report::run(&args, &store, &demo_ctx, out)?;
    writeln!(out)?;
    let next = m::demo_next(
        format!("tasks load {SAMPLE_PLAN_NAME}"),
        "tasks list --division 法规处",
    );
    writeln!(out, "{}", next.text(lang))?;
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
