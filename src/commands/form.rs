//! `tasks form`: blank return forms (反馈表) for divisions.

use std::io::Write;

use crate::app::Ctx;
use crate::cli::FormArgs;
use crate::store::Store;

pub fn run(
    _args: &FormArgs,
    _store: &Store,
    _ctx: &Ctx,
    _out: &mut dyn Write,
) -> anyhow::Result<()> {
    anyhow::bail!("return forms are not written yet")
}
