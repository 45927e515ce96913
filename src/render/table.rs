//! Tables for people: columns fitted to the terminal's width (docs/tables.md).

use super::*;

/// How a column of a table for people takes the width it is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Ids, dates, statuses, lights, names, numbers: never broken. The
    /// column is as wide as its widest value and its heading (or, when the
    /// table fits no other way, a few of its widest values run over the
    /// columns to their right, whole).
    Fixed,
    /// Free text (a title, a note, a reason): wraps to fill what the other
    /// columns leave, by the Chinese line-breaking rules.
    Wrap,
    /// A list of names or values (divisions, obligations): wraps between
    /// its items, never inside one.
    List,
}

impl Fit {
    /// Where a cell of this column may break, if anywhere.
    fn breaks(self) -> Option<Breaks> {
        match self {
            Fit::Fixed => None,
            Fit::Wrap => Some(Breaks::Text),
            Fit::List => Some(Breaks::List),
        }
    }
}

/// How tables for people are laid out: whole, or fitted to a width.
///
/// The width is, in this order: `--width N`; else the `COLUMNS`
/// environment variable (a whole number above 0); else, when standard
/// output is a terminal, the terminal's width, or 80 if it cannot be told.
/// Output that is not a terminal, with neither of the first two, is laid
/// out whole: every column at full width, every line whole, as scripts
/// expect. `--wide` lays tables out whole on a terminal too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The width tables fit, or none for whole lines.
    width: Option<usize>,
    /// Whether the width is the terminal's own.
    terminal: bool,
}

/// The width of a terminal whose size cannot be told.
const DEFAULT_WIDTH: usize = 80;

impl Layout {
    /// Every column at full width, every line whole.
    pub const WHOLE: Layout = Layout {
        width: None,
        terminal: false,
    };

    /// Tables fitted to `width` columns.
    pub fn fit(width: usize) -> Layout {
        Layout {
            width: Some(width),
            terminal: false,
        }
    }

    /// The layout of standard output, from `--width`, `--wide`, `COLUMNS`
    /// and the terminal.
    pub fn of_stdout(width: Option<usize>, wide: bool) -> Layout {
        let stdout = io::stdout();
        let terminal = stdout
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0)));
        Layout::choose(
            width,
            wide,
            std::env::var("COLUMNS").ok().as_deref(),
            terminal,
        )
    }

    /// The rule of `of_stdout`: `terminal` is `None` off a terminal, and
    /// the terminal's width, if it can be told, on one.
    fn choose(
        width: Option<usize>,
        wide: bool,
        columns: Option<&str>,
        terminal: Option<Option<usize>>,
    ) -> Layout {
        if wide {
            return Layout::WHOLE;
        }
        let columns = columns
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0);
        match (width.or(columns), terminal) {
            (Some(width), _) => Layout::fit(width),
            (None, Some(size)) => Layout {
                width: Some(size.filter(|&w| w > 0).unwrap_or(DEFAULT_WIDTH)),
                terminal: true,
            },
            (None, None) => Layout::WHOLE,
        }
    }

    /// The layout of a table written to a file (`--output`) rather than to
    /// standard output: the terminal's width is not the file's.
    pub fn to_file(self) -> Layout {
        if self.terminal {
            Layout::WHOLE
        } else {
            self
        }
    }

    /// The width tables fit, if they are fitted.
    pub fn width(self) -> Option<usize> {
        self.width
    }
}

/// The columns of a table for people: their headings, how each takes the
/// width, and how the rows read.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub headings: Vec<String>,
    pub fits: Vec<Fit>,
    /// No heading line: the table is lines of values (`check`), and the
    /// headings only label the values when it is laid out as records.
    pub bare: bool,
    /// A row whose first cell is empty continues the row above it (the
    /// report's further assignees of a task): as records, the two are not
    /// set apart by a blank line.
    pub continued: bool,
}

impl Columns {
    /// Columns with these headings and fits.
    pub fn new(columns: &[(Fit, &str)]) -> Columns {
        Columns {
            headings: columns.iter().map(|(_, h)| h.to_string()).collect(),
            fits: columns.iter().map(|(f, _)| *f).collect(),
            bare: false,
            continued: false,
        }
    }

    fn fit(&self, i: usize) -> Fit {
        self.fits.get(i).copied().unwrap_or(Fit::Fixed)
    }

    /// How each column fits, when it is to be measured for a width (a table
    /// laid out whole needs only the widest cells).
    fn measuring(&self, layout: Layout) -> &[Fit] {
        match layout.width {
            Some(_) => &self.fits,
            None => &[],
        }
    }
}

/// A table of display cells, one header per column.
pub struct Grid {
    pub columns: Columns,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// A table with these headings, each with how it fits.
    pub fn new(columns: &[(Fit, &str)]) -> Grid {
        Grid {
            columns: Columns::new(columns),
            rows: Vec::new(),
        }
    }

    /// A table without a heading line: lines of values, columns two spaces
    /// apart. The headings label the values when laid out as records.
    pub fn bare(columns: &[(Fit, &str)]) -> Grid {
        let mut grid = Grid::new(columns);
        grid.columns.bare = true;
        grid
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned columns, ASCII rules only (box-drawing characters have an
    /// ambiguous width on Chinese terminals), laid out as `layout` says.
    pub fn write_table(&self, layout: Layout, out: &mut dyn Write) -> io::Result<()> {
        write_laid_out(&self.columns, self, layout, out)
    }

    /// CSV with the given English header names and formula-safe cells.
    pub fn write_csv(&self, keys: &[&str], out: &mut dyn Write) -> io::Result<()> {
        write_csv_rows(keys, self, out)
    }

    /// A Markdown table; `|` in cells is escaped and line breaks become
    /// spaces.
    pub fn write_markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        write_markdown_rows(&self.columns.headings, self, out)
    }
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

/// `Grid::write_table` for held rows, however many: measured and laid out
/// a part at a time on two threads.
pub fn write_table_rows(
    columns: &Columns,
    held: &HeldRows,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_held(columns, held, layout, out)
}

/// Rows measured at a time by `write_held`, and laid out at a time at
/// most.
const PART_ROWS: usize = 8192;

/// About how much text `write_held` lays out at a time.
const PART_BYTES: usize = 2 << 20;

/// `write_laid_out` for held rows, measured and laid out a part at a time
/// on two threads.
fn write_held(
    columns: &Columns,
    held: &HeldRows,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    let count = held.len().div_ceil(PART_ROWS);
    if count <= 1 {
        return write_laid_out(columns, held, layout, out);
    }
    let fits = columns.measuring(layout);
    let mut measured = Measured::empty();
    let measure = |k| Measured::of(&held.part_of(PART_ROWS, k), fits);
    crate::parallel::in_order(count, &mut { measure }, measure, &mut |m| {
        measured.add(m);
        Ok(())
    })?;
    let sheet = Sheet::new(columns, &measured, layout);
    sheet.write_headers(out)?;
    // Parts of about `PART_BYTES` of lines: a line is as wide as the
    // widest cells make it (Chinese takes three bytes for two columns,
    // trailing spaces are trimmed).
    let line = sheet.row_bytes();
    let rows = (PART_BYTES / line.max(1)).clamp(1, PART_ROWS);
    let (sheet, measured) = (&sheet, &measured);
    let lay_out = |k: usize| {
        let rows = held.part_of(rows, k);
        let cells = held.first_cell(rows.range.start)..held.first_cell(rows.range.end);
        let mut text = Vec::with_capacity(PART_BYTES.min(rows.range.len() * line));
        sheet.write_rows(
            &rows,
            &measured.cell_widths[cells],
            rows.range.start,
            &mut text,
        )?;
        Ok(text)
    };
    let count = held.len().div_ceil(rows);
    crate::parallel::in_order(count, &mut { lay_out }, lay_out, &mut |text| {
        out.write_all(&text)
    })
}

/// Rows made on demand, measured, then laid out as `layout` says.
pub fn write_laid_out(
    columns: &Columns,
    rows: &dyn Rows,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    let measured = Measured::of(rows, columns.measuring(layout))?;
    let sheet = Sheet::new(columns, &measured, layout);
    sheet.write_headers(out)?;
    sheet.write_rows(rows, &measured.cell_widths, 0, out)
}

/// A cell of several lines, in `Measured::cell_widths`.
const MULTI: u16 = u16::MAX;
/// A cell too wide for `Measured::cell_widths`: measured again.
const UNKNOWN: u16 = u16::MAX - 1;

/// What the first pass over rows learns, for the second to lay them out.
struct Measured {
    /// The widest cell of each column (0: empty in every row).
    widths: Vec<usize>,
    /// The widest piece of each column that breaks (when asked for): a
    /// word or a Chinese character of text, an item of a list.
    pieces: Vec<usize>,
    /// How many cells of each fixed column are how wide (when asked for;
    /// the last count is of cells as wide or wider).
    counts: Vec<Vec<u32>>,
    /// How many cells of each column have a value (when asked for).
    filled: Vec<usize>,
    /// The width of each cell of one line, row after row, or `MULTI` or
    /// `UNKNOWN`.
    cell_widths: Vec<u16>,
    /// Whether no cell needs escaping.
    clean: bool,
    /// How many rows.
    rows: usize,
}

impl Measured {
    fn empty() -> Measured {
        Measured {
            widths: Vec::new(),
            pieces: Vec::new(),
            counts: Vec::new(),
            filled: Vec::new(),
            cell_widths: Vec::new(),
            clean: true,
            rows: 0,
        }
    }

    /// The rows measured; with `fits`, the widest piece of the columns
    /// that break and how wide the cells of the others are.
    fn of(rows: &dyn Rows, fits: &[Fit]) -> io::Result<Measured> {
        let mut m = Measured::empty();
        m.pieces = vec![0; fits.len()];
        m.counts = vec![Vec::new(); fits.len()];
        m.filled = vec![0; fits.len()];
        rows.each(&mut |cells| {
            m.rows += 1;
            for (i, cell) in cells.iter().enumerate() {
                let text = escaped_cell(cell);
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
                if let Some(filled) = m.filled.get_mut(i) {
                    *filled += usize::from(!text.is_empty());
                }
                match fits.get(i).map(|f| f.breaks()) {
                    None => {}
                    Some(None) => {
                        let counts = &mut m.counts[i];
                        let w = w.min(MAX_COUNTED);
                        if counts.len() <= w {
                            counts.resize(w + 1, 0);
                        }
                        counts[w] += 1;
                    }
                    Some(Some(breaks)) => {
                        m.pieces[i] = m.pieces[i].max(breaking::widest_piece(&text, breaks));
                    }
                }
            }
            Ok(())
        })?;
        Ok(m)
    }

    /// Adds what was measured of the rows that follow.
    fn add(&mut self, next: Measured) {
        let most = |have: &mut Vec<usize>, more: Vec<usize>| {
            for (i, w) in more.into_iter().enumerate() {
                match have.get_mut(i) {
                    Some(have) => *have = (*have).max(w),
                    None => have.push(w),
                }
            }
        };
        most(&mut self.widths, next.widths);
        most(&mut self.pieces, next.pieces);
        for (i, n) in next.filled.into_iter().enumerate() {
            match self.filled.get_mut(i) {
                Some(have) => *have += n,
                None => self.filled.push(n),
            }
        }
        for (i, more) in next.counts.into_iter().enumerate() {
            if i >= self.counts.len() {
                self.counts.push(more);
                continue;
            }
            let have = &mut self.counts[i];
            if have.len() < more.len() {
                have.resize(more.len(), 0);
            }
            for (h, n) in have.iter_mut().zip(more) {
                *h += n;
            }
        }
        self.cell_widths.extend(next.cell_widths);
        self.clean &= next.clean;
        self.rows += next.rows;
    }
}

/// At most one value in this many rows may run over its column, a fixed
/// column having been made narrower than its widest values so that the
/// table fits; beyond that the table is laid out as records.
const OVERRUN_SHARE: usize = 4;

/// The widest a cell of a fixed column is counted as, in `Measured::counts`.
const MAX_COUNTED: usize = 1023;

/// The narrowest a column of free text is made before a table is laid out
/// as records instead: as wide as its widest word, but no less than
/// `MIN_TEXT` (three Chinese characters) and no more than `MAX_WORD` (a
/// longer word is cut), or as wide as its text, if narrower.
const MIN_TEXT: usize = 6;
const MAX_WORD: usize = 16;

/// A shown column of a table: which, how wide, and where it breaks.
struct Col {
    index: usize,
    width: usize,
    breaks: Option<Breaks>,
}

/// How a table's rows are laid out.
enum Plan {
    /// Aligned columns, in bands: each row takes a line (or more) in each
    /// band that has a value, the bands after the first indented. `wraps`
    /// when some column is narrower than its widest value.
    Table { bands: Vec<Band>, wraps: bool },
    /// One record per row, a value per line after its heading: the
    /// columns (their index and breaks), how wide the headings are, and
    /// how wide the values may be.
    Records {
        cols: Vec<(usize, Option<Breaks>)>,
        label: usize,
        value: usize,
    },
}

/// Some consecutive columns of a table, laid out on lines of their own.
struct Band {
    /// Spaces before the band's lines (after the table's own margin).
    indent: usize,
    cols: Vec<Col>,
}

/// The most bands a table is folded into before it is laid out as records.
const MAX_BANDS: usize = 4;

/// A shown column, as planning sees it.
struct Spec<'a> {
    /// The narrowest it may be without breaking a word or an item.
    least: usize,
    /// As wide as its widest value and its heading.
    full: usize,
    /// A fixed column, which may be made narrower than its widest values.
    narrowing: Option<Narrowing<'a>>,
    wraps: bool,
    /// How many rows have a value in it.
    filled: usize,
}

/// A table measured and planned, to be written.
struct Sheet {
    plan: Plan,
    /// The headings, escaped.
    headings: Vec<String>,
    bare: bool,
    continued: bool,
    clean: bool,
}

impl Sheet {
    fn new(columns: &Columns, m: &Measured, layout: Layout) -> Sheet {
        let count = columns.headings.len().max(m.widths.len());
        let headings: Vec<String> = (0..count)
            .map(|i| {
                columns
                    .headings
                    .get(i)
                    .map_or(String::new(), |h| escape_control(h))
            })
            .collect();
        let heading = |i: usize| {
            if columns.bare {
                0
            } else {
                width(&headings[i])
            }
        };
        let cell = |i: usize| m.widths.get(i).copied().unwrap_or(0);
        let natural = |i: usize| heading(i).max(cell(i));
        let plan = match layout.width {
            None => Plan::Table {
                bands: vec![Band {
                    indent: 0,
                    cols: (0..count)
                        .map(|index| Col {
                            index,
                            width: natural(index),
                            breaks: None,
                        })
                        .collect(),
                }],
                wraps: false,
            },
            Some(total) => {
                // Columns empty in every row are left out (not those of a
                // table without rows).
                let shown: Vec<usize> =
                    (0..count).filter(|&i| m.rows == 0 || cell(i) > 0).collect();
                let piece = |i: usize| m.pieces.get(i).copied().unwrap_or(0);
                let specs: Vec<Spec> = shown
                    .iter()
                    .map(|&i| Spec {
                        least: match columns.fit(i) {
                            Fit::Fixed => natural(i),
                            Fit::Wrap => {
                                heading(i).max(cell(i).min(piece(i).clamp(MIN_TEXT, MAX_WORD)))
                            }
                            Fit::List => heading(i).max(piece(i)),
                        },
                        full: natural(i),
                        narrowing: (columns.fit(i) == Fit::Fixed).then(|| Narrowing {
                            width: natural(i),
                            // (The headings of a bare table label its
                            // records: not narrower than them either.)
                            least: width(&headings[i]).min(natural(i)),
                            counts: m.counts.get(i).map_or(&[][..], Vec::as_slice),
                        }),
                        wraps: columns.fit(i) == Fit::Wrap,
                        filled: m.filled.get(i).copied().unwrap_or(0),
                    })
                    .collect();
                let indent = match shown.first() {
                    Some(&i) if natural(i) + 2 <= 12 => natural(i) + 2,
                    _ => 4,
                };
                match fold(&specs, total, indent, columns.bare, m.rows / OVERRUN_SHARE) {
                    Some(folded) => Plan::Table {
                        wraps: folded
                            .iter()
                            .flat_map(|(_, widths)| widths)
                            .zip(&specs)
                            .any(|(w, s)| *w < s.full),
                        bands: folded
                            .into_iter()
                            .map(|(range, widths)| Band {
                                indent: if range.start == 0 { 0 } else { indent },
                                cols: range
                                    .zip(widths)
                                    .map(|(k, width)| Col {
                                        index: shown[k],
                                        width,
                                        breaks: columns.fit(shown[k]).breaks(),
                                    })
                                    .collect(),
                            })
                            .collect(),
                    },
                    None => {
                        let label = shown
                            .iter()
                            .map(|&i| width(&headings[i]))
                            .max()
                            .unwrap_or(0);
                        Plan::Records {
                            cols: shown
                                .iter()
                                .map(|&i| (i, columns.fit(i).breaks()))
                                .collect(),
                            label,
                            value: total.saturating_sub(Sheet::lead(columns.bare) + label + 2),
                        }
                    }
                }
            }
        };
        Sheet {
            plan,
            headings,
            bare: columns.bare,
            continued: columns.continued,
            clean: m.clean,
        }
    }

    /// The spaces before a line's first column.
    fn lead(bare: bool) -> usize {
        usize::from(!bare)
    }

    /// About how many bytes a row takes, laid out.
    fn row_bytes(&self) -> usize {
        match &self.plan {
            Plan::Table { bands, .. } => bands
                .iter()
                .map(|b| b.indent + b.cols.iter().map(|c| c.width + 2).sum::<usize>())
                .sum(),
            Plan::Records { cols, label, value } => cols.len() * (label + value + 3),
        }
    }

    /// The heading lines (one per band) and the rule under them, of a
    /// table with headings.
    fn write_headers(&self, out: &mut dyn Write) -> io::Result<()> {
        let Plan::Table { bands, .. } = &self.plan else {
            return Ok(());
        };
        if self.bare {
            return Ok(());
        }
        let header: Vec<&str> = self.headings.iter().map(String::as_str).collect();
        let mut line = String::new();
        for band in bands {
            self.write_band(band, false, &header, &[], &mut line, out)?;
        }
        let total = bands
            .iter()
            .map(|b| b.indent + b.cols.iter().map(|c| c.width + 2).sum::<usize>())
            .max()
            .unwrap_or(0);
        writeln!(out, "{}", "-".repeat(total))
    }

    /// `rows` laid out, `cell_widths` being the widths of their cells and
    /// `first` the number of the first of them in the table.
    fn write_rows(
        &self,
        rows: &dyn Rows,
        cell_widths: &[u16],
        first: usize,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut line = String::new();
        let mut at = 0;
        let mut number = first;
        rows.each(&mut |cells| {
            let known = &cell_widths[at..at + cells.len()];
            at += cells.len();
            number += 1;
            let escaped_cells: Vec<Cow<str>>;
            let refs: Vec<&str>;
            let cells = if self.clean {
                cells
            } else {
                escaped_cells = cells.iter().map(|c| escaped_cell(c)).collect();
                refs = escaped_cells.iter().map(AsRef::as_ref).collect();
                &refs
            };
            match &self.plan {
                Plan::Table { bands, wraps } => {
                    if let [band] = bands.as_slice() {
                        return self.write_band(band, *wraps, cells, known, &mut line, out);
                    }
                    // A band without a value takes no line (the first
                    // takes one all the same if none has a value).
                    let blank = |band: &Band| {
                        band.cols
                            .iter()
                            .all(|c| cells.get(c.index).is_none_or(|t| t.is_empty()))
                    };
                    let mut written = false;
                    for band in bands {
                        if !blank(band) {
                            self.write_band(band, *wraps, cells, known, &mut line, out)?;
                            written = true;
                        }
                    }
                    if !written {
                        self.write_band(&bands[0], *wraps, cells, known, &mut line, out)?;
                    }
                    Ok(())
                }
                Plan::Records { cols, label, value } => {
                    let continues = self.continued && cells.first().is_none_or(|c| c.is_empty());
                    if number > 1 && !continues {
                        out.write_all(b"\n")?;
                    }
                    self.write_record(cols, *label, *value, cells, &mut line, out)
                }
            }
        })
    }

    /// One row's cells in a band, in as many lines as its highest cell;
    /// `known` has the widths of the row's cells, or is empty. Under
    /// `wraps`, a cell wider than its column is broken into lines.
    fn write_band(
        &self,
        band: &Band,
        wraps: bool,
        cells: &[&str],
        known: &[u16],
        line: &mut String,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let cols = &band.cols;
        let lead = Sheet::lead(self.bare) + band.indent;
        let multi = if known.is_empty() {
            cells.iter().any(|c| c.contains('\n'))
        } else {
            known.contains(&MULTI)
        };
        let cell_width = |i: usize, text: &str| match known.get(i) {
            Some(&w) if w < UNKNOWN => usize::from(w),
            _ => width(text),
        };
        let narrow = wraps
            && cols.iter().any(|c| {
                cells
                    .get(c.index)
                    .is_some_and(|text| cell_width(c.index, text) > c.width)
            });
        if !multi && !narrow {
            line.clear();
            pad(line, lead);
            for c in cols {
                let text = cells.get(c.index).copied().unwrap_or("");
                line.push_str(text);
                pad(
                    line,
                    (c.width + 2).saturating_sub(cell_width(c.index, text)),
                );
            }
            line.truncate(line.trim_end().len());
            line.push('\n');
            return out.write_all(line.as_bytes());
        }
        let parts: Vec<Vec<&str>> = cols
            .iter()
            .map(|c| cell_lines(cells.get(c.index).copied().unwrap_or(""), c.width, c.breaks))
            .collect();
        // A value wider than its column (a fixed value in a column made
        // narrower than it) runs over the columns to its right: they begin
        // on the line below it.
        let mut starts = Vec::with_capacity(cols.len());
        let mut free = 0;
        for (c, part) in cols.iter().zip(&parts) {
            starts.push(free);
            let start = free;
            for (k, text) in part.iter().enumerate() {
                if width(text) > c.width {
                    free = free.max(start + k + 1);
                }
            }
        }
        let height = parts
            .iter()
            .zip(&starts)
            .map(|(part, start)| start + part.len())
            .max()
            .unwrap_or(0);
        for k in 0..height.max(1) {
            line.clear();
            pad(line, lead);
            for ((c, part), &start) in cols.iter().zip(&parts).zip(&starts) {
                let text = k
                    .checked_sub(start)
                    .and_then(|k| part.get(k))
                    .copied()
                    .unwrap_or("");
                line.push_str(text);
                pad(line, (c.width + 2).saturating_sub(width(text)));
            }
            line.truncate(line.trim_end().len());
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// One row as a record: each value not empty after its heading, on as
    /// many lines as it takes.
    fn write_record(
        &self,
        cols: &[(usize, Option<Breaks>)],
        label: usize,
        value: usize,
        cells: &[&str],
        line: &mut String,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let lead = Sheet::lead(self.bare);
        for &(index, breaks) in cols {
            let text = cells.get(index).copied().unwrap_or("");
            if text.is_empty() {
                continue;
            }
            let heading = self.headings.get(index).map_or("", String::as_str);
            for (k, part) in cell_lines(text, value, breaks).into_iter().enumerate() {
                line.clear();
                pad(line, lead);
                let shown = if k == 0 { heading } else { "" };
                line.push_str(shown);
                pad(line, label + 2 - width(shown));
                line.push_str(part);
                line.truncate(line.trim_end().len());
                line.push('\n');
                out.write_all(line.as_bytes())?;
            }
        }
        Ok(())
    }
}

/// A text column this wide (or as wide as its text) is comfortable to read:
/// a table is folded into more bands rather than make one narrower.
const COMFORT: usize = 20;

/// The columns `specs` laid out in bands that fit `total` columns, the
/// bands after the first indented by `indent`: each band's columns and
/// their widths. The fewest bands in which every text column is
/// comfortable, else the fewest in which the columns fit at all (at most
/// `MAX_BANDS`); of the ways to cut that many, the one that takes the
/// fewest lines (a band takes none in a row where it has no value: a
/// band's lines are counted as its fullest column's values), then the one
/// that leaves the fewest values running over their column (at most
/// `most`), then the one whose narrowest text column is the least
/// narrowed, then the one whose earlier bands have more columns. `None`
/// when the columns do not fit.
fn fold(
    specs: &[Spec],
    total: usize,
    indent: usize,
    bare: bool,
    most: usize,
) -> Option<Vec<(std::ops::Range<usize>, Vec<usize>)>> {
    type Folded = Vec<(std::ops::Range<usize>, Vec<usize>)>;
    type Score = (
        usize,
        usize,
        std::cmp::Reverse<usize>,
        std::cmp::Reverse<Vec<usize>>,
    );
    let mut fallback: Option<(Score, Folded)> = None;
    for k in 1..=MAX_BANDS.min(specs.len().max(1)) {
        let mut best: Option<(Score, Folded)> = None;
        let mut comfortable = false;
        for cut in cuts(specs.len(), k) {
            let mut folded = Vec::with_capacity(k);
            let mut wider = 0;
            for range in cut {
                let margin = if range.start == 0 { 0 } else { indent };
                let Some((widths, w)) = total
                    .checked_sub(margin)
                    .and_then(|limit| fit_band(&specs[range.clone()], limit, bare, most - wider))
                else {
                    break;
                };
                wider += w;
                folded.push((range, widths));
            }
            if folded.len() < k {
                continue;
            }
            // How much the most narrowed text column keeps, in thousandths.
            let kept = folded
                .iter()
                .flat_map(|(range, widths)| specs[range.clone()].iter().zip(widths))
                .filter(|(s, _)| s.wraps && s.full > 0)
                .map(|(s, &w)| w * 1000 / s.full)
                .min()
                .unwrap_or(1000);
            let at_ease = folded
                .iter()
                .flat_map(|(range, widths)| specs[range.clone()].iter().zip(widths))
                .all(|(s, &w)| !s.wraps || w >= s.full.min(COMFORT));
            let lines: usize = folded
                .iter()
                .map(|(range, _)| {
                    specs[range.clone()]
                        .iter()
                        .map(|s| s.filled)
                        .max()
                        .unwrap_or(0)
                })
                .sum();
            // At last, the earlier bands the fuller.
            let starts = folded.iter().map(|(range, _)| range.start).collect();
            let score = (
                lines,
                wider,
                std::cmp::Reverse(kept),
                std::cmp::Reverse(starts),
            );
            if at_ease && !comfortable {
                comfortable = true;
                best = None;
            }
            if at_ease == comfortable && best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, folded));
            }
        }
        match best {
            Some((_, folded)) if comfortable => return Some(folded),
            Some(found) if fallback.is_none() => fallback = Some(found),
            _ => {}
        }
    }
    fallback.map(|(_, folded)| folded)
}

/// The ways to cut `n` columns into `k` bands of consecutive columns.
fn cuts(n: usize, k: usize) -> Vec<Vec<std::ops::Range<usize>>> {
    if k <= 1 {
        return vec![vec![0..n]];
    }
    let mut all = Vec::new();
    // The last band begins at `start`; the ones before cut the rest.
    for start in (k - 1)..n {
        for mut cut in cuts(start, k - 1) {
            cut.push(start..n);
            all.push(cut);
        }
    }
    all
}

/// The widths of one band's columns on lines of `limit` columns, with how
/// many values run over their column (at most `most`, and each ending
/// within the limit); `None` if they do not fit.
fn fit_band(specs: &[Spec], limit: usize, bare: bool, most: usize) -> Option<(Vec<usize>, usize)> {
    // Two spaces after each column, one of them before the first in a
    // table with headings.
    let gaps = if bare {
        2 * specs.len().saturating_sub(1)
    } else {
        2 * specs.len()
    };
    let room = limit.checked_sub(gaps)?;
    let mut least: Vec<usize> = specs.iter().map(|s| s.least).collect();
    let mut widest: Vec<usize> = specs.iter().map(|s| s.full).collect();
    let needed: usize = least.iter().sum();
    let mut wider = 0;
    if needed > room {
        let narrowing = specs.iter().map(|s| s.narrowing).collect();
        let (widths, w) = narrow(narrowing, needed - room, most)?;
        for (k, w) in widths.into_iter().enumerate() {
            if let Some(w) = w {
                (least[k], widest[k]) = (w, w);
            }
        }
        wider = w;
    }
    let widths = fill(&least, &widest, Some(room))?;
    if wider > 0 {
        // A value that runs over its column ends within the line.
        let mut start = Sheet::lead(bare);
        for (s, w) in specs.iter().zip(&widths) {
            if start + s.full > limit {
                return None;
            }
            start += w + 2;
        }
    }
    Some((widths, wider))
}

/// The lines of a cell in a column `width` wide: its own lines, each
/// broken as `breaks` allows (not at all for a fixed column).
fn cell_lines(text: &str, width: usize, breaks: Option<Breaks>) -> Vec<&str> {
    match breaks {
        None => text.lines().collect(),
        Some(breaks) => text
            .lines()
            .flat_map(|line| breaking::wrap(line, width, breaks))
            .collect(),
    }
}

/// A fixed column that may be narrowed: its width, the narrowest it may
/// be (its heading's width), and how many of its cells are how wide.
#[derive(Clone, Copy)]
struct Narrowing<'a> {
    width: usize,
    least: usize,
    counts: &'a [u32],
}

/// The fixed columns (the others `None`) narrowed by `over` columns in all,
/// a step at a time, each step the one that leaves the fewest more cells
/// wider than their column (the widest first of those that leave as few):
/// their new widths and how many cells are wider than their column, or
/// `None` if that is more than `most`, or they cannot be narrowed enough.
fn narrow(
    mut columns: Vec<Option<Narrowing>>,
    over: usize,
    most: usize,
) -> Option<(Vec<Option<usize>>, usize)> {
    let mut over = over;
    let mut wider = 0usize;
    while over > 0 {
        // Each column's next step: to the next narrower width of its cells
        // (or its heading's), what it saves and how many cells it leaves
        // wider.
        let step = columns
            .iter()
            .enumerate()
            .filter_map(|(k, c)| {
                let c = c.as_ref()?;
                let to = (c.least..c.width)
                    .rev()
                    .find(|&w| c.counts.get(w).is_some_and(|&n| n > 0))
                    .unwrap_or(c.least);
                (to < c.width).then(|| {
                    let cells: u32 = c.counts.iter().skip(to + 1).take(c.width - to).sum();
                    (cells as usize, std::cmp::Reverse(c.width - to), k, to)
                })
            })
            .min()?;
        let (cells, std::cmp::Reverse(saved), k, to) = step;
        wider += cells;
        if wider > most {
            return None;
        }
        if let Some(c) = &mut columns[k] {
            c.width = to;
        }
        over = over.saturating_sub(saved);
    }
    Some((
        columns.into_iter().map(|c| c.map(|c| c.width)).collect(),
        wider,
    ))
}

/// The widths of columns that may be as narrow as `least` and no wider
/// than `most`, in `total` columns: each as wide as it can be, the widest
/// made narrower first; `None` when even the narrowest do not fit.
fn fill(least: &[usize], most: &[usize], total: Option<usize>) -> Option<Vec<usize>> {
    let total = total?;
    if least.iter().sum::<usize>() > total {
        return None;
    }
    if most.iter().sum::<usize>() <= total {
        return Some(most.to_vec());
    }
    let at = |level: usize| -> Vec<usize> {
        least
            .iter()
            .zip(most)
            .map(|(&l, &m)| level.clamp(l, m.max(l)))
            .collect()
    };
    // The highest level at which the columns fit, found by halving.
    let (mut low, mut high) = (0, most.iter().copied().max().unwrap_or(0));
    while low < high {
        let mid = (low + high).div_ceil(2);
        if at(mid).iter().sum::<usize>() <= total {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let mut widths = at(low);
    // What is left goes a column at a time to those still narrower than
    // their text.
    let mut left = total - widths.iter().sum::<usize>();
    for (w, &m) in widths.iter_mut().zip(most) {
        if left > 0 && *w < m {
            *w += 1;
            left -= 1;
        }
    }
    Some(widths)
}

fn pad(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn held_rows_laid_out_in_parts_as_the_plain_writer_lays_them_out() {
        // Over two parts and a half, and more than one block of text: cells
        // of one line and of two, Chinese, empty; then the same with a
        // cell to escape near the end, which changes how every part is
        // written; then with one very wide cell, which makes every line
        // wide and the parts laid out smaller. Whole, fitted to a width
        // (wrapped), and as records.
        let rows = 2 * PART_ROWS + 100;
        for (dirty, wide) in [(false, false), (true, false), (false, true)] {
            let mut grid = Grid::new(&[
                (Fit::Fixed, "编号"),
                (Fit::Wrap, "Title"),
                (Fit::Wrap, "Note"),
            ]);
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
            for layout in [Layout::WHOLE, Layout::fit(60), Layout::fit(20)] {
                let (mut parts, mut whole) = (Vec::new(), Vec::new());
                write_held(&grid.columns, &held, layout, &mut parts).unwrap();
                write_laid_out(&grid.columns, &grid, layout, &mut whole).unwrap();
                assert!(
                    parts == whole,
                    "the parts differ (dirty: {dirty}, {layout:?})"
                );
                let text = String::from_utf8(parts).unwrap();
                if layout == Layout::WHOLE {
                    assert_eq!(text.lines().count(), 2 + rows + rows / 4);
                }
                assert_eq!(text.contains("a\\u{1b}[31mb"), dirty);
            }
        }
    }

    fn laid_out(grid: &Grid, layout: Layout) -> String {
        let mut out = Vec::new();
        grid.write_table(layout, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn sample() -> Grid {
        let mut grid = Grid::new(&[
            (Fit::Fixed, "ID"),
            (Fit::Wrap, "Title"),
            (Fit::Fixed, "Status"),
            (Fit::List, "Support"),
            (Fit::Fixed, "Due"),
            (Fit::Fixed, "By"),
        ]);
        grid.push(vec![
            "1.3".into(),
            "加大稳增长、促改革、调结构、惠民生、防风险等方面的政策公开力度".into(),
            "not-started".into(),
            "办公室、新闻中心".into(),
            "2016-12-31".into(),
            String::new(),
        ]);
        grid.push(vec![
            "1.6".into(),
            "Publish the information on public-private partnership (PPP) projects".into(),
            "closed".into(),
            String::new(),
            "2016-12-31".into(),
            String::new(),
        ]);
        grid
    }

    #[test]
    fn whole_tables_are_as_they_were() {
        let text = laid_out(&sample(), Layout::WHOLE);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            " ID   Title                                                                 Status       Support           Due         By"
        );
        assert!(lines[1].chars().all(|c| c == '-'));
        assert_eq!(lines[1].len(), lines[0].len() + 1);
        assert!(
            lines[3].ends_with("closed                         2016-12-31"),
            "{text}"
        );
    }

    #[test]
    fn fitted_tables_wrap_text_and_keep_fixed_values_whole() {
        for width in [50, 60, 80] {
            let text = laid_out(&sample(), Layout::fit(width));
            for line in text.lines() {
                assert!(self::width(line) <= width, "{width}: {line:?}\n{text}");
                assert!(!line.trim_start().starts_with(['、', '）', ')']), "{text}");
            }
            for whole in [
                "not-started",
                "2016-12-31",
                "closed",
                "办公室",
                "新闻中心",
                "partnership",
            ] {
                assert!(text.contains(whole), "{width}: {whole}\n{text}");
            }
            // "By" is empty in every row.
            assert!(!text.lines().next().unwrap().contains("By"), "{text}");
        }
        let wide = laid_out(&sample(), Layout::WHOLE);
        assert!(wide.lines().next().unwrap().ends_with("By"));
    }

    #[test]
    fn tables_too_wide_are_folded_into_bands() {
        // The bands after the first are indented under the second column;
        // a band with no value in a row takes no line.
        let text = format!("\n{}", laid_out(&sample(), Layout::fit(30)));
        let expected = "
 ID   Title
      Status       Support
      Due
------------------------------
 1.3  加大稳增长、促改革、调
      结构、惠民生、防风险等
      方面的政策公开力度
      not-started  办公室、
                   新闻中心
      2016-12-31
 1.6  Publish the information
      on public-private
      partnership (PPP)
      projects
      closed
      2016-12-31
";
        assert_eq!(text, expected);
    }

    #[test]
    fn tables_whose_fixed_columns_do_not_fit_are_laid_out_as_records() {
        // Words longer than the values may be are cut.
        let text = format!("\n{}", laid_out(&sample(), Layout::fit(16)));
        let expected = "
 ID       1.3
 Title    加大稳
          增长、
          促改
          革、调
          结构、
          惠民
          生、防
          风险等
          方面的
          政策公
          开力度
 Status   not-started
 Support  办公室、
          新闻中心
 Due      2016-12-31

 ID       1.6
 Title    Publis
          h the
          inform
          ation
          on
          public
          -priva
          te
          partne
          rship
          (PPP)
          projec
          ts
 Status   closed
 Due      2016-12-31
";
        assert_eq!(text, expected);
    }

    #[test]
    fn continued_rows_stay_with_their_record() {
        let mut grid = Grid::new(&[(Fit::Fixed, "ID"), (Fit::Fixed, "Assignee")]);
        grid.columns.continued = true;
        grid.push(vec!["1.1".into(), "信用办".into()]);
        grid.push(vec![String::new(), "数字福建技术应用处".into()]);
        grid.push(vec!["1.2".into(), "法规处".into()]);
        assert_eq!(
            laid_out(&grid, Layout::fit(10)),
            " ID        1.1\n Assignee  信用办\n Assignee  数字福建技术应用处\n\n ID        1.2\n Assignee  法规处\n"
        );
    }

    #[test]
    fn bare_tables_are_lines_of_values() {
        let mut grid = Grid::bare(&[
            (Fit::Fixed, "Deadline"),
            (Fit::Fixed, "Task"),
            (Fit::Wrap, "Detail"),
        ]);
        grid.push(vec![
            "2016-10-08".into(),
            "3.3#1".into(),
            "在委门户网站和媒体发布解读材料".into(),
        ]);
        grid.push(vec!["2016-12-31".into(), "1.10".into(), "x".into()]);
        assert_eq!(
            laid_out(&grid, Layout::WHOLE),
            "2016-10-08  3.3#1  在委门户网站和媒体发布解读材料\n2016-12-31  1.10   x\n"
        );
        assert_eq!(
            laid_out(&grid, Layout::fit(40)),
            "2016-10-08  3.3#1  在委门户网站和媒体发\n                   布解读材料\n2016-12-31  1.10   x\n"
        );
    }

    #[test]
    fn widths_fill_the_space_narrowing_the_widest_first() {
        assert_eq!(fill(&[5, 5], &[10, 40], Some(60)), Some(vec![10, 40]));
        assert_eq!(fill(&[5, 5], &[10, 40], Some(30)), Some(vec![10, 20]));
        assert_eq!(fill(&[5, 5], &[30, 40], Some(30)), Some(vec![15, 15]));
        assert_eq!(fill(&[5, 5], &[30, 40], Some(31)), Some(vec![16, 15]));
        assert_eq!(fill(&[5, 5], &[30, 40], Some(9)), None);
        assert_eq!(fill(&[5, 5], &[30, 40], None), None);
        assert_eq!(fill(&[], &[], Some(0)), Some(vec![]));
    }

    #[test]
    fn the_width_is_chosen_in_order() {
        let choose = Layout::choose;
        // --wide first, then --width, then COLUMNS, then the terminal.
        assert_eq!(
            choose(Some(50), true, Some("70"), Some(Some(90))),
            Layout::WHOLE
        );
        assert_eq!(
            choose(Some(50), false, Some("70"), Some(Some(90))),
            Layout::fit(50)
        );
        assert_eq!(
            choose(None, false, Some("70"), Some(Some(90))),
            Layout::fit(70)
        );
        assert_eq!(choose(None, false, None, Some(Some(90))).width(), Some(90));
        assert_eq!(choose(None, false, None, Some(None)).width(), Some(80));
        assert_eq!(choose(None, false, None, Some(Some(0))).width(), Some(80));
        // Off a terminal, lines are whole unless a width is given.
        assert_eq!(choose(None, false, None, None), Layout::WHOLE);
        assert_eq!(choose(None, false, Some("70"), None), Layout::fit(70));
        assert_eq!(choose(Some(50), false, None, None), Layout::fit(50));
        // A COLUMNS that is not a width is not taken.
        for bad in ["", "0", "-3", "wide", "80x"] {
            assert_eq!(choose(None, false, Some(bad), None), Layout::WHOLE, "{bad}");
        }
        // A file written instead of the terminal takes whole lines, unless
        // a width was given.
        assert_eq!(
            choose(None, false, None, Some(Some(90))).to_file(),
            Layout::WHOLE
        );
        assert_eq!(
            choose(None, false, Some("70"), Some(Some(90))).to_file(),
            Layout::fit(70)
        );
    }
}
