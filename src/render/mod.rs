//! Renderers: rows in, text out. Nothing here knows about the database.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Output format of reading commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people
    Table,
    /// One JSON document, English keys
    Json,
    /// Comma-separated values with a header row, English keys
    Csv,
}

/// Escapes characters that could act on a terminal: C0 and C1 controls, DEL,
/// and the bidirectional overrides and isolates. Tabs and newlines are kept
/// only when `keep_newlines` is set.
pub fn escape_text(text: &str, keep_newlines: bool) -> String {
    let needs = |c: char| {
        (c.is_control() && !(keep_newlines && (c == '\n' || c == '\t')))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
    };
    if !text.chars().any(needs) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes control characters, newlines included, for one-line display.
pub fn escape_control(text: &str) -> String {
    escape_text(text, false)
}

/// A CSV cell that a spreadsheet would take for a formula gets a leading
/// apostrophe, so that it stays text: one that begins with `=`, `+`, `-` or
/// `@`, also after leading spaces or line breaks (spreadsheets skip them), or
/// with a tab. Control characters other than line breaks and tabs are
/// escaped.
pub fn csv_cell(text: &str) -> String {
    let text = escape_text(text, true);
    let formula = matches!(
        text.trim_start().chars().next(),
        Some('=' | '+' | '-' | '@')
    );
    if formula || text.starts_with('\t') {
        format!("'{text}")
    } else {
        text
    }
}

/// Columns separated by spaces, a dashed line under the header, no other rules.
const PLAIN: &str = "     -             ";

/// Above this many rows a table is not wrapped to the terminal's width:
/// wrapping needs the whole table in memory twice.
const MAX_WRAPPED_ROWS: usize = 2_000;

/// Nor is a table with a line longer than this many characters in a cell:
/// the wrapping takes time quadratic in a line's length (a 100 KB note
/// would take minutes), and the terminal wraps such a line anyway.
const MAX_WRAPPED_LINE: usize = 1_000;

/// A table of display cells, one header per column.
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    pub fn new(headers: &[&str]) -> Grid {
        Grid {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned columns, ASCII rules only (box-drawing characters have an
    /// ambiguous width on Chinese terminals). On a terminal, a table of
    /// moderate size wraps its cells to the terminal's width; otherwise the
    /// columns are laid out in one pass, whatever the number of rows.
    pub fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.rows.len() <= MAX_WRAPPED_ROWS
            && !self.has_long_line()
            && std::io::stdout().is_terminal()
        {
            return self.write_wrapped(out);
        }
        self.write_plain(out)
    }

    /// Whether a cell has a line longer than `MAX_WRAPPED_LINE` characters.
    fn has_long_line(&self) -> bool {
        self.rows.iter().flatten().any(|cell| {
            cell.len() > MAX_WRAPPED_LINE
                && cell.lines().any(|l| l.chars().count() > MAX_WRAPPED_LINE)
        })
    }

    fn write_wrapped(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new();
        table
            .load_preset(PLAIN)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(self.headers.iter().map(|h| escape_control(h)));
        for row in &self.rows {
            table.add_row(row.iter().map(|c| escape_text(c, true)));
        }
        for line in table.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// Each cell padded with a space on either side to its column's width,
    /// a dashed rule under the header; cells with line breaks take several
    /// lines.
    fn write_plain(&self, out: &mut dyn Write) -> io::Result<()> {
        let width = |s: &str| UnicodeWidthStr::width(s);
        let header: Vec<String> = self.headers.iter().map(|h| escape_control(h)).collect();
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                let w = escape_text(cell, true)
                    .lines()
                    .map(width)
                    .max()
                    .unwrap_or(0);
                if i < widths.len() {
                    widths[i] = widths[i].max(w);
                } else {
                    widths.push(w);
                }
            }
        }
        let mut line = String::new();
        let mut write_row = |cells: &[String], out: &mut dyn Write| -> io::Result<()> {
            let parts: Vec<Vec<&str>> = cells.iter().map(|c| c.lines().collect()).collect();
            let height = parts.iter().map(Vec::len).max().unwrap_or(0).max(1);
            for k in 0..height {
                line.clear();
                for (i, w) in widths.iter().enumerate() {
                    let text = parts.get(i).and_then(|p| p.get(k)).copied().unwrap_or("");
                    line.push(' ');
                    line.push_str(text);
                    line.extend(std::iter::repeat_n(' ', w - width(text) + 1));
                }
                writeln!(out, "{}", line.trim_end())?;
            }
            Ok(())
        };
        write_row(&header, out)?;
        let total: usize = widths.iter().map(|w| w + 2).sum();
        writeln!(out, "{}", "-".repeat(total))?;
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| escape_text(c, true)).collect();
            write_row(&cells, out)?;
        }
        Ok(())
    }

    /// CSV with the given English header names and formula-safe cells.
    pub fn write_csv(&self, keys: &[&str], out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(keys)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| csv_cell(c)))?;
        }
        w.flush()
    }
}

impl Grid {
    /// A Markdown table; `|` in cells is escaped and line breaks become
    /// spaces.
    pub fn write_markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        let cell = |c: &str| escape_control(&c.replace('\n', " ")).replace('|', "\\|");
        let row = |cells: &[String]| {
            format!(
                "| {} |",
                cells
                    .iter()
                    .map(|c| cell(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )
        };
        writeln!(out, "{}", row(&self.headers))?;
        writeln!(out, "|{}|", vec![" --- "; self.headers.len()].join("|"))?;
        for r in &self.rows {
            writeln!(out, "{}", row(r))?;
        }
        Ok(())
    }
}

/// One JSON document followed by a newline.
pub fn write_json<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(escape_control("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_control("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape_control("a\nb"), "a\\u{a}b");
        assert_eq!(escape_text("a\nb", true), "a\nb");
        assert_eq!(escape_control("政务公开"), "政务公开");
    }

    #[test]
    fn formula_cells_are_defused() {
        for text in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            " =1+1",
            "\t=1+1",
            "\n=1+1",
            "\u{3000}=1+1",
            " \t@x",
        ] {
            assert!(csv_cell(text).starts_with('\''), "{text:?}");
        }
        assert_eq!(csv_cell("a=1"), "a=1");
        // A carriage return is escaped, so the cell starts with a backslash.
        assert_eq!(csv_cell("\r=1"), "\\u{d}=1");
        assert_eq!(csv_cell("法规处"), "法规处");
    }
}
