//! Renderers: rows in, text out. Nothing here knows about the database.

pub mod docx;
pub mod form;
pub mod notice;
pub mod output;
pub mod xlsx;

use std::borrow::Cow;
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
    escaped(text, keep_newlines).into_owned()
}

/// `escape_text`, borrowing the text when nothing needs escaping.
fn escaped(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| {
        (c.is_control() && !(keep_newlines && (c == '\n' || c == '\t')))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
    };
    // Every character escaped is encoded in UTF-8 starting with one of
    // these bytes: C0 controls and DEL alone, C1 controls after 0xC2, U+061C
    // after 0xD8, the marks and overrides after 0xE2. Text without them (most
    // text, Chinese included) is checked byte by byte.
    // (No early exit and no short-circuit: the loop compiles to vector code.)
    let may_need = |b: u8| {
        (b < 0x20) & !(keep_newlines & ((b == b'\n') | (b == b'\t')))
            | (b == 0x7f)
            | (b == 0xc2)
            | (b == 0xd8)
            | (b == 0xe2)
    };
    if !text.bytes().fold(false, |hit, b| hit | may_need(b)) || !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The columns `text` takes on a terminal (Chinese characters take two).
fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    // Printable ASCII, CJK ideographs and full-width forms are summed
    // character by character; any other character (which may combine
    // with its neighbours) leaves it to the Unicode rules for the string.
    let mut sum = 0;
    for c in text.chars() {
        sum += match u32::from(c) {
            0x20..=0x7e => 1,
            0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xff01..=0xff60 => 2,
            _ => return UnicodeWidthStr::width(text),
        };
    }
    sum
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
        write_plain_rows(&self.headers, self, out)
    }

    /// CSV with the given English header names and formula-safe cells.
    pub fn write_csv(&self, keys: &[&str], out: &mut dyn Write) -> io::Result<()> {
        write_csv_rows(keys, self, out)
    }

    /// A Markdown table; `|` in cells is escaped and line breaks become
    /// spaces.
    pub fn write_markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        write_markdown_rows(&self.headers, self, out)
    }
}

/// The rows of a table, made on demand: a table too large to hold as
/// strings is laid out from rows made twice, once to measure the columns
/// and once to write them.
pub trait Rows {
    /// Calls `row` with the cells of each row in turn.
    fn each(&self, row: &mut dyn FnMut(&[&str]) -> io::Result<()>) -> io::Result<()>;
}

impl Rows for Grid {
    fn each(&self, row: &mut dyn FnMut(&[&str]) -> io::Result<()>) -> io::Result<()> {
        let mut cells: Vec<&str> = Vec::new();
        for r in &self.rows {
            cells.clear();
            cells.extend(r.iter().map(String::as_str));
            row(&cells)?;
        }
        Ok(())
    }
}

impl Grid {
    /// The rows made on demand, held.
    pub fn collect(headers: &[String], rows: &dyn Rows) -> io::Result<Grid> {
        let mut grid = Grid {
            headers: headers.to_vec(),
            rows: Vec::new(),
        };
        rows.each(&mut |cells| {
            grid.rows
                .push(cells.iter().map(|c| c.to_string()).collect());
            Ok(())
        })?;
        Ok(grid)
    }
}

/// `Grid::write_markdown` for rows made on demand, written as they come.
pub fn write_markdown_rows(
    headers: &[String],
    rows: &dyn Rows,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cell = |c: &str| escape_control(&c.replace('\n', " ")).replace('|', "\\|");
    let line = |cells: &[&str]| {
        format!(
            "| {} |",
            cells
                .iter()
                .map(|c| cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let header: Vec<&str> = headers.iter().map(String::as_str).collect();
    writeln!(out, "{}", line(&header))?;
    writeln!(out, "|{}|", vec![" --- "; headers.len()].join("|"))?;
    rows.each(&mut |cells| writeln!(out, "{}", line(cells)))
}

/// Rows held as the text of their cells in large blocks, with where each
/// cell ends: a fraction of the memory of a string per cell, for a table
/// that must be measured before it is written. Blocks are never grown, so
/// no text is copied twice.
#[derive(Default)]
pub struct HeldRows {
    blocks: Vec<String>,
    /// Where each cell ends in its row's block.
    cell_ends: Vec<u32>,
    /// Each row's block, and where the row ends in `cell_ends`.
    rows: Vec<(u32, u32)>,
}

/// The size of a block of `HeldRows` (a row longer than this has a block
/// of its own).
const BLOCK: usize = 1 << 20;

impl HeldRows {
    /// The rows `rows` makes, held.
    pub fn collect(rows: &dyn Rows) -> io::Result<HeldRows> {
        let mut held = HeldRows::default();
        let too_large = || io::Error::other("the table is too large to lay out (use CSV or JSON)");
        rows.each(&mut |cells| {
            let len: usize = cells.iter().map(|c| c.len()).sum();
            let fits = held
                .blocks
                .last()
                .is_some_and(|b| b.capacity() - b.len() >= len);
            if !fits {
                held.blocks.push(String::with_capacity(len.max(BLOCK)));
            }
            let block = held.blocks.last_mut().expect("a block");
            for cell in cells {
                block.push_str(cell);
                let end = u32::try_from(block.len()).map_err(|_| too_large())?;
                held.cell_ends.push(end);
            }
            let index = u32::try_from(held.blocks.len() - 1).map_err(|_| too_large())?;
            let end = u32::try_from(held.cell_ends.len()).map_err(|_| too_large())?;
            held.rows.push((index, end));
            Ok(())
        })?;
        Ok(held)
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Rows `range` of these, as rows of their own.
    fn part(&self, range: std::ops::Range<usize>) -> HeldPart<'_> {
        HeldPart { held: self, range }
    }

    /// Part `k` of these cut in parts of `rows` rows.
    fn part_of(&self, rows: usize, k: usize) -> HeldPart<'_> {
        self.part(k * rows..((k + 1) * rows).min(self.len()))
    }

    /// Where row `r`'s cells begin in `cell_ends`.
    fn first_cell(&self, r: usize) -> usize {
        match r {
            0 => 0,
            r => self.rows[r - 1].1 as usize,
        }
    }
}

impl Rows for HeldRows {
    fn each(&self, row: &mut dyn FnMut(&[&str]) -> io::Result<()>) -> io::Result<()> {
        self.part(0..self.len()).each(row)
    }
}

/// Some consecutive rows of a `HeldRows`.
struct HeldPart<'a> {
    held: &'a HeldRows,
    range: std::ops::Range<usize>,
}

impl Rows for HeldPart<'_> {
    fn each(&self, row: &mut dyn FnMut(&[&str]) -> io::Result<()>) -> io::Result<()> {
        let held = self.held;
        let mut cells: Vec<&str> = Vec::new();
        let mut cell = held.first_cell(self.range.start);
        // Where the next cell begins in its block: where the cell before
        // it ends, when that is in the same block.
        let (mut block, mut start) = match (self.range.start, cell) {
            (0, _) | (_, 0) => (u32::MAX, 0),
            (r, _) => (held.rows[r - 1].0, held.cell_ends[cell - 1] as usize),
        };
        for &(index, row_end) in &held.rows[self.range.clone()] {
            if index != block {
                (block, start) = (index, 0);
            }
            let text = &held.blocks[index as usize];
            cells.clear();
            for &end in &held.cell_ends[cell..row_end as usize] {
                cells.push(&text[start..end as usize]);
                start = end as usize;
            }
            cell = row_end as usize;
            row(&cells)?;
        }
        Ok(())
    }
}

/// `Grid::write_table` for held rows: wrapped on a terminal only when they
/// are few enough.
pub fn write_table_rows(
    headers: &[String],
    held: &HeldRows,
    out: &mut dyn Write,
) -> io::Result<()> {
    if held.len() <= MAX_WRAPPED_ROWS && std::io::stdout().is_terminal() {
        return Grid::collect(headers, held)?.write_table(out);
    }
    write_plain_held(headers, held, out)
}

/// Rows measured at a time by `write_plain_held`, and laid out at a time
/// at most.
const PART_ROWS: usize = 8192;

/// About how much text `write_plain_held` lays out at a time.
const PART_BYTES: usize = 2 << 20;

/// `write_plain_rows` for held rows, measured and laid out a part at a
/// time on two threads.
fn write_plain_held(headers: &[String], held: &HeldRows, out: &mut dyn Write) -> io::Result<()> {
    let count = held.len().div_ceil(PART_ROWS);
    if count <= 1 {
        return write_plain_rows(headers, held, out);
    }
    let mut measured = Measured::of_headers(headers);
    let measure = |k| Measured::of(&held.part_of(PART_ROWS, k));
    crate::parallel::in_order(count, &mut { measure }, measure, &mut |m| {
        measured.add(m);
        Ok(())
    })?;
    measured.write_headers(headers, out)?;
    // Parts of about `PART_BYTES` of lines: a line is as wide as the
    // widest cells make it (Chinese takes three bytes for two columns,
    // trailing spaces are trimmed).
    let line: usize = measured.widths.iter().map(|w| w + 1).sum();
    let rows = (PART_BYTES / line.max(1)).clamp(1, PART_ROWS);
    let measured = &measured;
    let lay_out = |k: usize| {
        let rows = held.part_of(rows, k);
        let cells = held.first_cell(rows.range.start)..held.first_cell(rows.range.end);
        let mut text = Vec::with_capacity(PART_BYTES.min(rows.range.len() * line));
        measured.write_rows(&rows, &measured.cell_widths[cells], &mut text)?;
        Ok(text)
    };
    let count = held.len().div_ceil(rows);
    crate::parallel::in_order(count, &mut { lay_out }, lay_out, &mut |text| {
        out.write_all(&text)
    })
}

/// `Grid::write_plain` for rows made on demand.
pub fn write_plain_rows(
    headers: &[String],
    rows: &dyn Rows,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut measured = Measured::of_headers(headers);
    measured.add(Measured::of(rows)?);
    measured.write_headers(headers, out)?;
    measured.write_rows(rows, &measured.cell_widths, out)
}

/// A cell of several lines, in `Measured::cell_widths`.
const MULTI: u16 = u16::MAX;
/// A cell too wide for `Measured::cell_widths`: measured again.
const UNKNOWN: u16 = u16::MAX - 1;

/// What the first pass over rows learns, for the second to lay them out.
struct Measured {
    /// The widest cell of each column.
    widths: Vec<usize>,
    /// The width of each cell of one line, row after row, or `MULTI` or
    /// `UNKNOWN`.
    cell_widths: Vec<u16>,
    /// Whether no cell needs escaping.
    clean: bool,
}

impl Measured {
    /// The headers' widths.
    fn of_headers(headers: &[String]) -> Measured {
        Measured {
            widths: headers.iter().map(|h| width(&escape_control(h))).collect(),
            cell_widths: Vec::new(),
            clean: true,
        }
    }

    fn of(rows: &dyn Rows) -> io::Result<Measured> {
        let mut m = Measured {
            widths: Vec::new(),
            cell_widths: Vec::new(),
            clean: true,
        };
        rows.each(&mut |cells| {
            for (i, cell) in cells.iter().enumerate() {
                let text = escaped(cell, true);
                m.clean &= matches!(text, Cow::Borrowed(_));
                let w = if text.contains('\n') {
                    m.cell_widths.push(MULTI);
                    text.lines().map(width).max().unwrap_or(0)
                } else {
                    let w = width(&text);
                    m.cell_widths
                        .push(u16::try_from(w).map_or(UNKNOWN, |w| w.min(UNKNOWN)));
                    w
                };
                if i < m.widths.len() {
                    m.widths[i] = m.widths[i].max(w);
                } else {
                    m.widths.push(w);
                }
            }
            Ok(())
        })?;
        Ok(m)
    }

    /// Adds what was measured of the rows that follow.
    fn add(&mut self, next: Measured) {
        for (i, w) in next.widths.into_iter().enumerate() {
            match self.widths.get_mut(i) {
                Some(have) => *have = (*have).max(w),
                None => self.widths.push(w),
            }
        }
        self.cell_widths.extend(next.cell_widths);
        self.clean &= next.clean;
    }

    /// The header line and the rule under it.
    fn write_headers(&self, headers: &[String], out: &mut dyn Write) -> io::Result<()> {
        let header: Vec<String> = headers.iter().map(|h| escape_control(h)).collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        self.write_row(&header, &[], &mut String::new(), out)?;
        let total: usize = self.widths.iter().map(|w| w + 2).sum();
        writeln!(out, "{}", "-".repeat(total))
    }

    /// `rows` laid out, `cell_widths` being the widths of their cells.
    fn write_rows(
        &self,
        rows: &dyn Rows,
        cell_widths: &[u16],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut line = String::new();
        let mut at = 0;
        rows.each(&mut |cells| {
            let known = &cell_widths[at..at + cells.len()];
            at += cells.len();
            if self.clean {
                return self.write_row(cells, known, &mut line, out);
            }
            let escaped_cells: Vec<Cow<str>> = cells.iter().map(|c| escaped(c, true)).collect();
            let refs: Vec<&str> = escaped_cells.iter().map(AsRef::as_ref).collect();
            self.write_row(&refs, known, &mut line, out)
        })
    }

    /// One row, in as many lines as its highest cell; `known` has the
    /// widths of its cells, or is empty.
    fn write_row(
        &self,
        cells: &[&str],
        known: &[u16],
        line: &mut String,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let multi = if known.is_empty() {
            cells.iter().any(|c| c.contains('\n'))
        } else {
            known.contains(&MULTI)
        };
        let height = if multi {
            cells.iter().map(|c| c.lines().count()).max().unwrap_or(0)
        } else {
            1
        };
        for k in 0..height.max(1) {
            line.clear();
            for (i, w) in self.widths.iter().enumerate() {
                let text = match cells.get(i) {
                    Some(c) if multi => c.lines().nth(k).unwrap_or(""),
                    Some(c) => c,
                    None => "",
                };
                let text_width = match known.get(i) {
                    Some(&w) if !multi && w < UNKNOWN => usize::from(w),
                    _ => width(text),
                };
                line.push(' ');
                line.push_str(text);
                pad(line, w - text_width + 1);
            }
            line.truncate(line.trim_end().len());
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

fn pad(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// `Grid::write_csv` for rows made on demand.
pub fn write_csv_rows(keys: &[&str], rows: &dyn Rows, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(keys).map_err(io_error)?;
    rows.each(&mut |cells| {
        w.write_record(cells.iter().map(|c| csv_cell(c)))
            .map_err(io_error)
    })?;
    w.flush()
}

/// The writer's error as it came from the output (a closed pipe stays a
/// closed pipe, which ends a command quietly).
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// One JSON document followed by a newline.
pub fn write_json<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    // The writer's many small writes go to a buffer of a known type, where
    // they cost a copy rather than a call through `dyn Write`.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
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

    /// `escape_text` as its rule reads, character by character, without
    /// the byte pre-filter.
    fn escaped_by_the_rule(text: &str, keep_newlines: bool) -> String {
        text.chars()
            .map(|c| {
                let escape = (c.is_control() && !(keep_newlines && (c == '\n' || c == '\t')))
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}');
                if escape {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn every_character_to_escape_is_escaped_alone_twice_and_among_others() {
        // Each character escaped, and its neighbours in UTF-8 that are not:
        // C0 controls, tab, line feed, space, DEL, the C1 controls (NEL and
        // the 8-bit CSI among them) and the characters after 0xC2, the
        // Arabic letter mark and a letter after 0xD8, the marks, overrides
        // and isolates and their neighbours after 0xE2, Chinese text.
        let chars = [
            '\0', '\u{1}', '\u{7}', '\u{1b}', '\u{1f}', '\t', '\n', '\r', ' ', '~', '\u{7f}',
            '\u{80}', '\u{85}', '\u{9b}', '\u{9f}', '\u{a0}', '\u{61b}', '\u{61c}', '\u{620}',
            '\u{200d}', '\u{200e}', '\u{200f}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{202f}',
            '\u{2065}', '\u{2066}', '\u{2069}', '\u{206a}', '“', 'a', '法',
        ];
        let mut texts: Vec<String> = Vec::new();
        for a in chars {
            texts.push(a.to_string());
            texts.push(format!("{a}{a}{a}"));
            texts.push(format!("政务{a}公开"));
            for b in chars {
                texts.push(format!("{a}{b}"));
            }
        }
        for text in &texts {
            for keep in [false, true] {
                assert_eq!(
                    escape_text(text, keep),
                    escaped_by_the_rule(text, keep),
                    "{text:?}, keep_newlines {keep}"
                );
            }
        }
    }

    proptest::proptest! {
        /// The shortcut for common characters gives the width the Unicode
        /// rules give the whole string (ASCII alone counts its bytes).
        #[test]
        fn width_is_the_unicode_width(text in "[ -~\u{3000}-\u{303f}\u{3400}-\u{4dbf}\u{4e00}-\u{9fff}\u{fe00}-\u{fe0f}\u{ff00}-\u{ffef}\u{300}-\u{36f}\u{1f300}-\u{1f5ff}\u{200d}\r\n\t]{0,12}") {
            let expected = if text.is_ascii() {
                text.len()
            } else {
                UnicodeWidthStr::width(text.as_str())
            };
            proptest::prop_assert_eq!(width(&text), expected);
        }
    }

    #[test]
    fn width_of_common_text() {
        assert_eq!(width("法规处"), 6);
        assert_eq!(width("第1项（重点）"), 13);
        assert_eq!(width("in-progress"), 11);
        assert_eq!(width("ｅ"), 2);
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

    #[test]
    fn held_rows_laid_out_in_parts_as_the_plain_writer_lays_them_out() {
        // Over two parts and a half, and more than one block of text: cells
        // of one line and of two, Chinese, empty; then the same with a
        // cell to escape near the end, which changes how every part is
        // written; then with one very wide cell, which makes every line
        // wide and the parts laid out smaller.
        let rows = 2 * PART_ROWS + 100;
        for (dirty, wide) in [(false, false), (true, false), (false, true)] {
            let mut grid = Grid::new(&["编号", "Title", "Note"]);
            let headers = ["编号", "Title", "Note"].map(String::from).to_vec();
            for i in 0..rows {
                let note = match i % 4 {
                    0 => format!("第{i}次进展\n已完成阶段性工作"),
                    1 => String::new(),
                    _ => format!("进展说明 {}", "详".repeat(i % 97)),
                };
                let title = if dirty && i == rows - 7 {
                    "a\u{1b}[31mb".to_string()
                } else if wide && i == 3 {
                    "宽".repeat(700)
                } else {
                    format!("任务{}", i % 97)
                };
                grid.push(vec![i.to_string(), title, note]);
            }
            let held = HeldRows::collect(&grid).unwrap();
            assert!(held.blocks.len() > 1);
            let (mut parts, mut whole) = (Vec::new(), Vec::new());
            write_plain_held(&headers, &held, &mut parts).unwrap();
            write_plain_rows(&headers, &grid, &mut whole).unwrap();
            assert!(parts == whole, "the parts differ (dirty: {dirty})");
            let text = String::from_utf8(parts).unwrap();
            assert_eq!(text.lines().count(), 2 + rows + rows / 4);
            assert_eq!(text.contains("a\\u{1b}[31mb"), dirty);
        }
    }
}
