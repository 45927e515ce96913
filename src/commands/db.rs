//! `tasks db`: which database is in use, and what it holds. It only looks:
//! no database is created, migrated or written.

use std::io::Write;

use serde::Serialize;

use crate::app::Ctx;
use crate::cli::{DbArgs, SummaryFormat};
use crate::messages::{self, Msg};
use crate::render::{escape_control, write_json};
use crate::store::{DbInfo, Peek};

/// What named the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Source {
    /// `--db PATH`.
    Option,
    /// The `TASKS_DB` environment variable.
    Env,
    /// Neither: the platform data directory.
    Default,
}

impl Source {
    fn of(ctx: &Ctx) -> Source {
        if std::env::var_os("TASKS_DB").is_some_and(|v| ctx.db.as_os_str() == v) {
            Source::Env
        } else if crate::app::default_db().is_ok_and(|d| d == ctx.db) {
            Source::Default
        } else {
            Source::Option
        }
    }

    fn said(self) -> Msg {
        match self {
            Source::Option => messages::db_from_option(),
            Source::Env => messages::db_from_env(),
            Source::Default => messages::db_from_default(),
        }
    }
}

#[derive(Serialize)]
struct Shown<'a> {
    path: String,
    source: Source,
    exists: bool,
    #[serde(flatten)]
    info: Option<&'a DbInfo>,
}

pub fn run(args: &DbArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let source = Source::of(ctx);
    let info = match Peek::open(&ctx.db)? {
        Some(peek) => Some(peek.info(&ctx.db)?),
        None => None,
    };
    let path = ctx.db.display().to_string();
    if args.format == SummaryFormat::Json {
        return Ok(write_json(
            &Shown {
                path,
                source,
                exists: info.is_some(),
                info: info.as_ref(),
            },
            out,
        )?);
    }
    let lang = ctx.lang;
    let path = escape_control(&path);
    let Some(info) = info else {
        writeln!(
            out,
            "{}",
            messages::db_missing(path, source.said()).text(lang)
        )?;
        return Ok(());
    };
    let schema = if info.schema_version == info.current_schema_version {
        messages::db_schema_current(info.schema_version)
    } else {
        messages::db_schema_older(info.schema_version, info.current_schema_version)
    };
    for line in [
        messages::db_path(path, source.said()),
        schema,
        messages::db_counts(info.plans, info.tasks, info.withdrawn),
        messages::db_size(size(info.bytes)),
    ] {
        writeln!(out, "{}", line.text(lang))?;
    }
    Ok(())
}

/// A file size for people: bytes, KiB, MiB or GiB.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1023), "1023 B");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(5 * 1024 * 1024), "5.0 MiB");
        assert_eq!(size(3 << 40), "3072.0 GiB");
    }
}
