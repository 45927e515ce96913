//! `tasks demo`: the embedded sample plan in a throw-away database.

use std::io::Write;

use crate::app::Ctx;
use crate::error::UserError;
use crate::lang::Lang;
use crate::plan;
use crate::render::escape_control;
use crate::store::{Access, ListFilter, Store};

/// The seed plan, 闽发改办〔2016〕452号, as shipped in `data/`.
pub const SAMPLE_PLAN: &str = include_str!("../../data/fjdrc-2016-zwgk.toml");
const SAMPLE_NAME: &str = "data/fjdrc-2016-zwgk.toml";

pub fn run(ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = ctx.lang;
    let dir = tempfile::tempdir().map_err(|e| {
        UserError::usage(format!(
            "cannot create a temporary directory for the demo: {e}"
        ))
    })?;
    let mut store = Store::open(&dir.path().join("demo.db"), Access::Create)?;
    let plan = plan::parse(SAMPLE_NAME, SAMPLE_PLAN.as_bytes()).map_err(UserError::from)?;
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
    let report = store.load_plan(&plan, SAMPLE_NAME, ctx.now, false)?;
    super::load::write_summary(&report, &plan, SAMPLE_NAME, lang, out)?;
    for section in &plan.sections {
        writeln!(out)?;
        let role = match lang {
            Lang::Zh => format!("({})", section.role.chinese()),
            Lang::En => format!("({})", section.role.id()),
        };
        writeln!(
            out,
            "{} {} {role}",
            escape_control(&section.id),
            escape_control(&section.title)
        )?;
        let rows = store.list(&ListFilter {
            plan: Some(plan.meta.id.clone()),
            section: Some(section.id.clone()),
            ..ListFilter::default()
        })?;
        super::list::task_grid(&rows, lang, false, false).write_table(out)?;
    }
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
