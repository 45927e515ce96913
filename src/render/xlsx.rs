//! Workbooks (.xlsx): what the report, the task list and the return forms
//! share when they are written for Excel.
//!
//! Cells in, bytes out: nothing here reads the database. Sheets of rows
//! are written a row at a time in rust_xlsxwriter's constant-memory mode
//! (each row goes to a temporary file as soon as the next one begins), so
//! a workbook of a large plan is never held in memory.

use std::io::{self, Write};
use std::sync::mpsc;

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{
    Chart, Color, Format, FormatAlign, FormatBorder, Workbook as Book, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::deadlines::Light;
use crate::error::UserError;

/// The width of a column, in Excel's units, that shows `text` on one line:
/// a Chinese character takes about two units, a Latin letter one. A cell
/// with several lines is as wide as its widest line.
pub fn column_width(text: &str) -> f64 {
    let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    // A little room for the cell's margins.
    widest as f64 + 2.0
}

/// The widest a column of one-line cells is made: longer text is cut off
/// at the next cell, as Excel shows it.
const MAX_WIDTH: f64 = 60.0;

/// The width of a column whose cells wrap, when they are wider.
const WRAP_WIDTH: f64 = 40.0;

/// Columns of dates and of dates with times.
const DATE_WIDTH: f64 = 12.0;
const TIME_WIDTH: f64 = 17.0;

/// Excel's limits: rows in a sheet, characters in a cell, and characters
/// (UTF-16 units) in a sheet's name.
const MAX_ROWS: u32 = 1_048_576;
const MAX_CELL_CHARS: usize = 32_767;
const MAX_SHEET_NAME: usize = 31;

/// Excel's paper size number for A4.
const A4: u8 = 9;

/// One cell's content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    Blank,
    Text(&'a str),
    Number(f64),
    /// A share from 0 to 1, shown as a percentage.
    Share(f64),
    /// A date, shown as one.
    Date(NaiveDate),
    /// A date and time, shown to the minute.
    Time(NaiveDateTime),
    /// Text on the fill of a traffic light.
    Light(Light, &'a str),
}

/// A date as the store writes it (`YYYY-MM-DD`) as a date cell; other
/// text stays text.
pub fn date_cell(text: Option<&str>) -> Value<'_> {
    match text {
        None => Value::Blank,
        Some(text) => crate::time::parse_stored_date(text).map_or(Value::Text(text), Value::Date),
    }
}

/// A time as the store writes it (`YYYY-MM-DD HH:MM:SS`) as a date and
/// time cell; other text stays text.
pub fn time_cell(text: &str) -> Value<'_> {
    crate::time::parse_stored_time(text).map_or(Value::Text(text), Value::Time)
}

/// A column of a sheet of rows.
#[derive(Clone, Copy, Debug)]
pub struct Column<'a> {
    pub header: &'a str,
    /// Long text, wrapped within a column of moderate width.
    pub wrap: bool,
}

/// The cell formats of a workbook, made once.
struct Styles {
    title: Format,
    caption: Format,
    header: Format,
    wrap: Format,
    date: Format,
    time: Format,
    share: Format,
    total: Format,
    total_share: Format,
    red: Format,
    yellow: Format,
    green: Format,
}

impl Styles {
    fn new() -> Styles {
        // Excel's own "Bad", "Neutral" and "Good" cell styles.
        let fill = |back: u32, font: u32| {
            Format::new()
                .set_background_color(Color::RGB(back))
                .set_font_color(Color::RGB(font))
        };
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            caption: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9D9D9))
                .set_border(FormatBorder::Thin),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            share: Format::new().set_num_format("0%"),
            total: Format::new().set_bold(),
            total_share: Format::new().set_bold().set_num_format("0%"),
            red: fill(0xFFC7CE, 0x9C0006),
            yellow: fill(0xFFEB9C, 0x9C5700),
            green: fill(0xC6EFCE, 0x006100),
        }
    }

    fn light(&self, light: Light) -> &Format {
        match light {
            Light::Red => &self.red,
            Light::Yellow => &self.yellow,
            Light::Green => &self.green,
        }
    }
}

/// A workbook being written: sheets are added in the order they appear.
pub struct Workbook {
    book: Book,
    styles: Styles,
    /// The sheets' names so far, in lower case (Excel's names are unique
    /// regardless of case).
    names: Vec<String>,
}

/// The summary of a plan: its title and a line about it above tables of
/// figures, each with an optional chart.
pub struct Summary<'a> {
    pub title: &'a str,
    pub line: &'a str,
    pub tables: Vec<FigureTable<'a>>,
}

/// Where a summary sheet is, while its figures are counted.
pub struct Place {
    index: usize,
    name: String,
}

/// A table of figures on a summary sheet.
pub struct FigureTable<'a> {
    pub caption: &'a str,
    pub headers: Vec<&'a str>,
    /// The lines; the last is the total, in bold and left out of the chart.
    pub rows: Vec<Vec<Value<'a>>>,
    pub chart: Option<ChartOf<'a>>,
}

/// A column chart of one column of a table of figures (the values) by
/// another (the categories), over every line but the total.
pub struct ChartOf<'a> {
    pub title: &'a str,
    pub categories: u16,
    pub values: u16,
    /// The values are shares (0 to 1): the axis goes from 0% to 100%.
    pub shares: bool,
}

impl Workbook {
    /// A new workbook. Its sheets' rows are kept in temporary files until
    /// it is written: refuses to start when none can be made.
    pub fn new() -> anyhow::Result<Workbook> {
        if let Err(e) = tempfile::tempfile() {
            return Err(UserError::usage(crate::messages::no_temp_files(
                &std::env::temp_dir(),
                super::output::plain_reason(&e),
            ))
            .into());
        }
        Ok(Workbook {
            book: Book::new(),
            styles: Styles::new(),
            names: Vec::new(),
        })
    }

    /// A name for a new sheet that Excel takes: `label`, after `prefix`
    /// (cut short to keep the whole within Excel's 31 characters) when
    /// given, without the characters Excel refuses, and numbered (`~2`,
    /// after the prefix) when a sheet has it already.
    fn sheet_name(&mut self, prefix: Option<&str>, label: &str) -> String {
        let label = clean_sheet_name(label);
        let prefix = prefix.map(clean_sheet_name).unwrap_or_default();
        let mut n = 1;
        loop {
            let number = if n == 1 {
                String::new()
            } else {
                format!("~{n}")
            };
            let name = if prefix.is_empty() {
                let label = cut_utf16(&label, MAX_SHEET_NAME - utf16_len(&number));
                format!("{}{number}", label.trim_matches('\''))
            } else {
                let room =
                    MAX_SHEET_NAME.saturating_sub(utf16_len(&label) + utf16_len(&number) + 1);
                let prefix = cut_utf16(&prefix, room);
                let name = format!("{}{number} {label}", prefix.trim_end());
                cut_utf16(&name, MAX_SHEET_NAME)
                    .trim_matches(['\'', ' '])
                    .to_string()
            };
            let name = if name.is_empty() {
                "Sheet".to_string()
            } else {
                name
            };
            let lower = name.to_lowercase();
            // "History" is kept by Excel for its own use.
            if lower != "history" && !self.names.contains(&lower) {
                self.names.push(lower);
                return name;
            }
            n += 1;
        }
    }

    /// Adds a summary sheet: the title merged across the tables' width, the
    /// line under it, then each table of figures, then the charts.
    pub fn summary(
        &mut self,
        prefix: Option<&str>,
        label: &str,
        summary: &Summary,
    ) -> anyhow::Result<()> {
        let place = self.summary_place(prefix, label)?;
        self.fill_summary(place, summary)
    }

    /// Adds a summary sheet to be filled later, by `fill_summary`, when
    /// its figures are known: sheets added after it come after it all the
    /// same.
    pub fn summary_place(&mut self, prefix: Option<&str>, label: &str) -> anyhow::Result<Place> {
        let name = self.sheet_name(prefix, label);
        self.book.add_worksheet().set_name(&name)?;
        Ok(Place {
            index: self.book.worksheets().len() - 1,
            name,
        })
    }

    /// Writes the summary sheet added at `place`.
    pub fn fill_summary(&mut self, place: Place, summary: &Summary) -> anyhow::Result<()> {
        let Place { index, name } = place;
        let styles = &self.styles;
        let sheet = self.book.worksheet_from_index(index)?;
        let wide = summary
            .tables
            .iter()
            .map(|t| t.headers.len())
            .max()
            .unwrap_or(1)
            .max(2) as u16;
        sheet.merge_range(0, 0, 0, wide - 1, &cut_cell(summary.title), &styles.title)?;
        sheet.set_row_height(0, 24)?;
        sheet.merge_range(1, 0, 1, wide - 1, &cut_cell(summary.line), &Format::new())?;
        let mut widths = Widths::new(wide as usize);
        let mut row = 3;
        let mut charts = Vec::new();
        for table in &summary.tables {
            sheet.write_string_with_format(
                row,
                0,
                cut_cell(table.caption).as_ref(),
                &styles.caption,
            )?;
            row += 1;
            for (col, header) in table.headers.iter().enumerate() {
                sheet.write_string_with_format(row, col as u16, *header, &styles.header)?;
                widths.fit(col, header, false);
            }
            let first = row + 1;
            for (i, cells) in table.rows.iter().enumerate() {
                row += 1;
                let total = i + 1 == table.rows.len();
                for (col, value) in cells.iter().enumerate() {
                    let col16 = col as u16;
                    match (value, total) {
                        (Value::Share(v), true) => {
                            sheet.write_number_with_format(row, col16, *v, &styles.total_share)?;
                        }
                        (Value::Text(text), true) => {
                            let text = cut_cell(text);
                            sheet.write_string_with_format(
                                row,
                                col16,
                                text.as_ref(),
                                &styles.total,
                            )?;
                            widths.fit(col, &text, false);
                        }
                        (Value::Number(n), true) => {
                            sheet.write_number_with_format(row, col16, *n, &styles.total)?;
                        }
                        _ => write_value(sheet, styles, row, col16, *value, false, &mut widths)?,
                    }
                }
            }
            let last = row.saturating_sub(1);
            if let Some(chart) = &table.chart {
                if table.rows.len() > 1 {
                    charts.push(column_chart(
                        &name,
                        chart,
                        first,
                        last,
                        table.rows.len() - 1,
                    ));
                }
            }
            row += 2;
        }
        if summary.tables.is_empty() {
            widths.fit(0, summary.line, false);
        }
        for chart in charts {
            sheet.insert_chart(row, 0, &chart)?;
            row += 18;
        }
        widths.apply(sheet)?;
        sheet.set_freeze_panes(2, 0)?;
        sheet.set_repeat_rows(0, 1)?;
        print_setup(sheet, summary.title);
        Ok(())
    }

    /// Adds a sheet of rows under one header row, written a row at a time:
    /// frozen header, a filter on every column, the header repeated on
    /// every printed page, `page_title` at the top of each.
    pub fn table(
        &mut self,
        prefix: Option<&str>,
        label: &str,
        page_title: &str,
        columns: &[Column],
    ) -> anyhow::Result<Table<'_>> {
        let name = self.sheet_name(prefix, label);
        let styles = &self.styles;
        let sheet = self.book.add_worksheet_with_constant_memory();
        sheet.set_name(&name)?;
        let mut widths = Widths::new(columns.len());
        for (col, column) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, column.header, &styles.header)?;
            widths.fit(col, column.header, false);
            widths.wrap[col] = column.wrap;
        }
        print_setup(sheet, page_title);
        Ok(Table {
            sheet,
            styles,
            name,
            row: 0,
            widths,
        })
    }

    /// The workbook's bytes, written to `out` as they are made.
    pub fn write(self, out: &mut dyn Write) -> anyhow::Result<()> {
        let mut book = self.book;
        // rust_xlsxwriter writes to an output that can be sent to another
        // thread, which `out` cannot: the bytes are made on a thread of
        // their own and written to `out` on this one, a part at a time.
        let (saved, written) = std::thread::scope(|scope| {
            let (send, parts) = mpsc::sync_channel::<Vec<u8>>(4);
            let saver = scope.spawn(move || {
                let mut sink = Parts {
                    send,
                    part: Vec::with_capacity(PART),
                };
                book.save_to_writer(&mut sink)?;
                sink.send_part().map_err(XlsxError::from)
            });
            let mut written = Ok(());
            for part in &parts {
                if let Err(e) = out.write_all(&part) {
                    written = Err(e);
                    break;
                }
            }
            // A failed output stops the maker at its next part.
            drop(parts);
            let saved = match saver.join() {
                Ok(saved) => saved,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            (saved, written)
        });
        written?;
        saved.map_err(workbook_error)?;
        Ok(())
    }
}

/// Parts of the workbook's bytes sent to the thread that writes them.
struct Parts {
    send: mpsc::SyncSender<Vec<u8>>,
    part: Vec<u8>,
}

const PART: usize = 1 << 16;

impl Parts {
    fn send_part(&mut self) -> io::Result<()> {
        if self.part.is_empty() {
            return Ok(());
        }
        let part = std::mem::replace(&mut self.part, Vec::with_capacity(PART));
        self.send
            .send(part)
            .map_err(|_| io::Error::other("the workbook's output was closed"))
    }
}

impl Write for Parts {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.part.extend_from_slice(bytes);
        if self.part.len() >= PART {
            self.send_part()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What went wrong making a workbook, said plainly.
fn workbook_error(e: XlsxError) -> anyhow::Error {
    use crate::messages as m;
    let why = match e {
        // A reader that stopped reading is no failure of the workbook.
        XlsxError::IoError(io) if io.kind() == io::ErrorKind::BrokenPipe => return io.into(),
        XlsxError::IoError(io) => super::output::plain_reason(&io),
        other => m::as_reported(other.to_string()),
    };
    UserError::usage(m::workbook_not_written(why)).into()
}

/// A sheet of rows being written.
pub struct Table<'b> {
    sheet: &'b mut Worksheet,
    styles: &'b Styles,
    name: String,
    /// The last row written (0, the header, at first).
    row: u32,
    widths: Widths,
}

impl Table<'_> {
    /// Writes the next row.
    pub fn row(&mut self, cells: &[Value]) -> anyhow::Result<()> {
        if self.row + 1 >= MAX_ROWS {
            let refusal = crate::messages::sheet_too_long(&self.name, MAX_ROWS);
            return Err(UserError::usage(refusal).into());
        }
        self.row += 1;
        // The bar of a long workbook, by chunks of rows.
        if self.row % 256 == 0 {
            crate::progress::advance(256);
        }
        for (col, value) in cells.iter().enumerate() {
            let wrap = self.widths.wrap.get(col).copied().unwrap_or(false);
            write_value(
                self.sheet,
                self.styles,
                self.row,
                col as u16,
                *value,
                wrap,
                &mut self.widths,
            )?;
        }
        Ok(())
    }

    /// Ends the sheet with a line of text after the rows, outside the
    /// filter: e.g. that there are none.
    pub fn finish_with_note(mut self, text: &str) -> anyhow::Result<()> {
        let last = self.row;
        self.sheet
            .write_string(last + 1, 0, cut_cell(text).as_ref())?;
        self.close(last)
    }

    /// Ends the sheet: column widths, and the filter over the rows.
    pub fn finish(mut self) -> anyhow::Result<()> {
        let last = self.row;
        self.close(last)
    }

    fn close(&mut self, last: u32) -> anyhow::Result<()> {
        let columns = self.widths.widths.len().max(1) as u16;
        self.widths.apply(self.sheet)?;
        self.sheet.autofilter(0, 0, last, columns - 1)?;
        self.sheet.set_freeze_panes(1, 0)?;
        self.sheet.set_repeat_rows(0, 0)?;
        Ok(())
    }
}

/// Writes one cell, and widens its column to fit it.
fn write_value(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    value: Value,
    wrap: bool,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let at = usize::from(col);
    match value {
        Value::Blank => {}
        Value::Text(text) => {
            if !text.is_empty() {
                let text = cut_cell(text);
                if wrap {
                    sheet.write_string_with_format(row, col, text.as_ref(), &styles.wrap)?;
                } else {
                    sheet.write_string(row, col, text.as_ref())?;
                }
                widths.fit(at, &text, wrap);
            }
        }
        Value::Number(n) => {
            sheet.write_number(row, col, n)?;
            widths.fit_width(at, column_width(&n.to_string()));
        }
        Value::Share(share) => {
            sheet.write_number_with_format(row, col, share, &styles.share)?;
            widths.fit_width(at, 7.0);
        }
        Value::Date(date) => {
            sheet.write_datetime_with_format(row, col, date, &styles.date)?;
            widths.fit_width(at, DATE_WIDTH);
        }
        Value::Time(time) => {
            sheet.write_datetime_with_format(row, col, time, &styles.time)?;
            widths.fit_width(at, TIME_WIDTH);
        }
        Value::Light(light, text) => {
            let text = cut_cell(text);
            sheet.write_string_with_format(row, col, text.as_ref(), styles.light(light))?;
            widths.fit(at, &text, false);
        }
    }
    Ok(())
}

/// The widths of a sheet's columns, as wide as their widest cells.
struct Widths {
    widths: Vec<f64>,
    /// Columns whose cells wrap.
    wrap: Vec<bool>,
}

impl Widths {
    fn new(columns: usize) -> Widths {
        Widths {
            widths: vec![0.0; columns],
            wrap: vec![false; columns],
        }
    }

    fn fit(&mut self, col: usize, text: &str, wrap: bool) {
        let cap = if wrap { WRAP_WIDTH } else { MAX_WIDTH };
        // The text is measured only when it could be wider than the column
        // (a Chinese character takes three bytes and two units).
        let have = self.widths.get(col).copied().unwrap_or(0.0);
        if text.len() as f64 + 2.0 > have && have < cap {
            self.fit_width(col, column_width(text).min(cap));
        }
    }

    fn fit_width(&mut self, col: usize, width: f64) {
        if col >= self.widths.len() {
            self.widths.resize(col + 1, 0.0);
            self.wrap.resize(col + 1, false);
        }
        if width > self.widths[col] {
            self.widths[col] = width;
        }
    }

    fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, width) in self.widths.iter().enumerate() {
            if *width > 0.0 {
                sheet.set_column_width(col as u16, *width)?;
            }
        }
        Ok(())
    }
}

/// Printing: A4 landscape, one page wide, `title` at the top of each page
/// and the page number at the bottom.
fn print_setup(sheet: &mut Worksheet, title: &str) {
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    // In a header, "&" starts a code; "&&" is the character itself.
    let title: String = title
        .chars()
        .take(100)
        .collect::<String>()
        .replace('&', "&&");
    sheet.set_header(format!("&C{title}"));
    sheet.set_footer("&C&P / &N");
}

/// A column chart of `rows` lines of a table, from row `first` to `last`.
fn column_chart(sheet: &str, of: &ChartOf, first: u32, last: u32, rows: usize) -> Chart {
    let mut chart = Chart::new_column();
    chart
        .add_series()
        .set_name(of.title)
        .set_categories((sheet, first, of.categories, last, of.categories))
        .set_values((sheet, first, of.values, last, of.values));
    chart.title().set_name(of.title);
    chart.legend().set_hidden();
    if of.shares {
        chart.y_axis().set_min(0).set_max(1).set_num_format("0%");
    }
    // Wide enough for a column a line, within reason.
    let width = (80 + 28 * rows).clamp(480, 1600) as u32;
    chart.set_width(width).set_height(320);
    chart
}

/// `text` without the characters Excel refuses in a sheet's name.
fn clean_sheet_name(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// `text` cut to at most `units` UTF-16 units, at a character.
fn cut_utf16(text: &str, units: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= units
        })
        .collect()
}

/// `text` within Excel's limit for a cell, cut with an ellipsis when
/// longer.
fn cut_cell(text: &str) -> std::borrow::Cow<'_, str> {
    // Bytes bound characters from above: most text needs no counting.
    if text.len() <= MAX_CELL_CHARS || text.chars().count() <= MAX_CELL_CHARS {
        return text.into();
    }
    let mut cut: String = text.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_takes_two_units_a_character() {
        assert_eq!(column_width("abc"), 5.0);
        assert_eq!(column_width("法规处"), 8.0);
        assert_eq!(column_width("第一行\nlonger line"), 13.0);
    }

    #[test]
    fn sheet_names_are_valid_unique_and_keep_their_label() {
        let mut book = Workbook::new().unwrap();
        assert_eq!(book.sheet_name(None, "汇总"), "汇总");
        assert_eq!(book.sheet_name(None, "汇总"), "汇总~2");
        let long = "a-very-long-plan-id:2016/[draft]*?";
        let name = book.sheet_name(Some(long), "Overdue and warnings");
        assert_eq!(name, "a-very-lon Overdue and warnings");
        assert!(utf16_len(&name) <= MAX_SHEET_NAME);
        let again = book.sheet_name(Some(long), "Overdue and warnings");
        assert_eq!(again, "a-very-l~2 Overdue and warnings");
        assert_eq!(book.sheet_name(None, "History"), "History~2");
        assert_eq!(book.sheet_name(Some("'"), "'"), "Sheet");
        assert_eq!(book.sheet_name(Some("'"), "'"), "~2");
        assert_eq!(book.sheet_name(None, "'quoted'"), "quoted");
        let plan = "福建省发展和改革委员会二〇一六年政务公开工作分解落实方案";
        let name = book.sheet_name(Some(plan), "逾期及预警");
        assert_eq!(utf16_len(&name), MAX_SHEET_NAME);
        assert!(name.ends_with(" 逾期及预警"));
        assert_eq!(
            book.sheet_name(Some("😀😀😀😀😀😀😀😀😀😀😀😀"), "逾期及预警"),
            "😀😀😀😀😀😀😀😀😀😀😀😀 逾期及预警"
        );
        assert!(book
            .names
            .iter()
            .all(|n| !n.contains(['[', ']', ':', '*', '?', '/', '\\'])));
    }

    #[test]
    fn cells_are_cut_at_excels_limit() {
        let long = "长".repeat(MAX_CELL_CHARS + 5);
        let cut = cut_cell(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        let fits = "长".repeat(MAX_CELL_CHARS);
        assert_eq!(cut_cell(&fits), fits.as_str());
    }
}
