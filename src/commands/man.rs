//! `tasks completions SHELL` and `tasks man [--output-dir DIR]`

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app::Ctx;
use crate::cli::ManArgs;
use crate::error::UserError;
use crate::messages;

/// The script that registers `tasks`'s completion in a shell; it calls
/// `tasks` back for the candidates (see `crate::complete`).
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> anyhow::Result<()> {
    // Written whole to a buffer first: the generators may panic on an error
    // of their writer (a closed pipe).
    let mut script = Vec::new();
    crate::complete::registration_for(&shell.to_string(), &mut script)?;
    out.write_all(&script)?;
    Ok(())
}

pub fn man(args: &ManArgs, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut pages = pages(crate::help::command(ctx.lang))?;
    if ctx.lang == crate::lang::Lang::Zh {
        for (_, page) in &mut pages {
            *page = chinese_headings(page);
        }
    }
    let Some(dir) = &args.output_dir else {
        // tasks.1, the first.
        out.write_all(&pages[0].1)?;
        return Ok(());
    };
    let files: Vec<(PathBuf, Vec<u8>)> = pages
        .into_iter()
        .map(|(name, page)| (dir.join(name), page))
        .collect();
    let created = make_folder(dir)?;
    if let Err(e) = crate::render::output::write_files(&files) {
        if created {
            let _ = std::fs::remove_dir(dir);
        }
        return Err(e);
    }
    let shown = crate::render::escape_control(&dir.display().to_string());
    writeln!(
        out,
        "{}",
        messages::man_pages_written(files.len(), shown).text(ctx.lang)
    )?;
    Ok(())
}

/// The man pages of `cmd` and of each of its subcommands, at every depth:
/// file name (`tasks.1`, `tasks-load.1`, `tasks-calendar-add.1`, …) and
/// roff, the page of `cmd` first. Every page a page refers to is among
/// them.
pub fn pages(cmd: clap::Command) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    add_pages(&cmd, None, &mut pages)?;
    Ok(pages)
}

fn add_pages(
    cmd: &clap::Command,
    parent: Option<&str>,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> anyhow::Result<()> {
    let name = cmd
        .get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render(&mut page)?;
    // A subcommand's page points back to the command it belongs to.
    if let Some(parent) = parent {
        let parent = parent.replace('-', "\\-");
        page.extend_from_slice(format!(".SH \"SEE ALSO\"\n\\fB{parent}\\fR(1)\n").as_bytes());
    }
    pages.push((man.get_filename(), page));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        add_pages(sub, Some(&name), pages)?;
    }
    Ok(())
}

/// The section headings of a man page in Chinese (the help text in it is
/// Chinese already).
fn chinese_headings(page: &[u8]) -> Vec<u8> {
    const HEADINGS: &[(&str, &str)] = &[
        (".SH NAME", ".SH 名称"),
        (".SH SYNOPSIS", ".SH 用法"),
        (".SH DESCRIPTION", ".SH 说明"),
        (".SH OPTIONS", ".SH 选项"),
        (".SH SUBCOMMANDS", ".SH 命令"),
        (".SH EXTRA", ".SH 附注"),
        (".SH VERSION", ".SH 版本"),
        (".SH \"SEE ALSO\"", ".SH 参见"),
        (".SH ENVIRONMENT", ".SH 环境变量"),
    ];
    let text = crate::help::localize_help(&String::from_utf8_lossy(page), crate::lang::Lang::Zh);
    text.lines()
        .map(|line| {
            HEADINGS
                .iter()
                .find(|(en, _)| line == *en)
                .map_or(line, |(_, zh)| zh)
        })
        .map(|line| format!("{line}\n"))
        .collect::<String>()
        .into_bytes()
}

/// Creates `dir` (not its parents: a mistyped path is an error); says
/// whether it was created.
fn make_folder(dir: &Path) -> anyhow::Result<bool> {
    if dir.is_dir() {
        return Ok(false);
    }
    if dir.exists() {
        return Err(UserError::usage(messages::not_a_folder(dir)).into());
    }
    std::fs::create_dir(dir).map_err(|e| {
        UserError::usage(messages::cannot_create_folder(
            dir,
            crate::render::output::plain_reason(&e),
        ))
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages a page names as `NAME(1)`.
    fn references(page: &str) -> Vec<String> {
        let page = page
            .replace("\\-", "-")
            .replace("\\fB", "")
            .replace("\\fR", "");
        let mut found = Vec::new();
        let mut rest = page.as_str();
        while let Some(at) = rest.find("(1)") {
            let before = &rest[..at];
            let start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |i| i + 1);
            if before[start..].starts_with("tasks") {
                found.push(before[start..].to_string());
            }
            rest = &rest[at + 3..];
        }
        found
    }

    #[test]
    fn every_page_referred_to_is_made() {
        let pages = pages(crate::help::command(crate::lang::Lang::En)).unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "tasks.1");
        assert!(names.contains(&"tasks-load.1"));
        assert!(names.contains(&"tasks-calendar-add.1"));
        assert!(!names.contains(&"tasks-help.1"));
        let mut referred = 0;
        for (name, page) in &pages {
            let page = String::from_utf8(page.clone()).unwrap();
            for r in references(&page) {
                assert!(names.contains(&format!("{r}.1").as_str()), "{name}: {r}(1)");
                referred += 1;
            }
        }
        assert!(referred > pages.len(), "{referred}");
    }
}
