//! Workbook return files (.xlsx, .xls, .ods), read with calamine: the first
//! visible sheet or the one asked for, its header found below the form's
//! title rows, a task id merged down several rows given to each of them.

use std::io::Cursor;

use calamine::{
    open_workbook_from_rs, Data, Dimensions, Ods, Reader as _, SheetVisible, Xls, Xlsb, Xlsx,
};
use chrono::NaiveDateTime;

use super::columns::{is_note_row, is_subheader, labels, layout, merged};
use super::problems::{column_letters, Place};
use super::text::HEADER_WITHIN;
use super::{Cell, Finished, Frame, Options, Problems, RawEntry};
use crate::refusal::{Field, Refusal};
use crate::spelling::{percent_of_number, status, trim};
use crate::status::Status;
use crate::time::format_time;

/// A cell's value as the workbook holds it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDateTime),
}

impl Value {
    fn of(data: &Data) -> Value {
        match data {
            Data::Empty => Value::Empty,
            Data::String(s) => Value::Text(s.clone()),
            Data::Int(i) => Value::Number(*i as f64),
            Data::Float(f) => Value::Number(*f),
            Data::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.into()),
            Data::DateTime(d) => match d.as_datetime() {
                Some(t) if d.is_datetime() => Value::Date(t),
                _ => Value::Number(d.as_f64()),
            },
            Data::DateTimeIso(s) => match crate::time::record_time(s) {
                Ok(t) => Value::Date(t),
                Err(_) => Value::Text(s.clone()),
            },
            Data::DurationIso(s) => Value::Text(s.clone()),
            Data::Error(e) => Value::Text(e.to_string()),
        }
    }

    /// The value as a person reads it in the cell.
    fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) => number_text(*n),
            Value::Date(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Value::Date(t) => format_time(*t),
        }
    }
}

/// A number as written: whole numbers without a fraction.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The date and time of an Excel serial number (days since 1899-12-30).
fn serial_time(n: f64) -> Option<NaiveDateTime> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    calamine::ExcelDateTime::new(n, calamine::ExcelDateTimeType::DateTime, false).as_datetime()
}

pub struct Sheet {
    name: String,
    rows: Vec<Vec<Value>>,
    /// The sheet row and column of `rows[0][0]`.
    origin: (u32, u32),
    /// The next row to read.
    next: usize,
    frame: Frame,
    /// The percent column holds fractions shown as percents.
    fractions: bool,
    rows_seen: usize,
    done: bool,
    /// The sheet has a problem as a whole: its rows are not read.
    failed: bool,
}

impl Sheet {
    /// Opens the workbook held in `bytes`, picks its sheet and finds its
    /// header; `None` with the problem when it cannot.
    pub fn open(bytes: Vec<u8>, options: &Options, problems: &mut Problems) -> Option<Sheet> {
        let fail = |problems: &mut Problems, r: Refusal| {
            problems.push(r, None);
            None
        };
        let (name, range, merged) = match read_sheet(&bytes, options.sheet.as_deref()) {
            Ok(found) => found,
            Err(r) => return fail(problems, r),
        };
        drop(bytes);
        let origin = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Value>> = range
            .rows()
            .map(|r| r.iter().map(Value::of).collect())
            .collect();
        // A value merged down several rows (a task id for each of its
        // divisions) belongs to each of them.
        for d in merged {
            if d.start.1 != d.end.1 || d.end.0 <= d.start.0 {
                continue;
            }
            let (Some(top), Some(col)) = (
                d.start.0.checked_sub(origin.0),
                d.start.1.checked_sub(origin.1),
            ) else {
                continue;
            };
            let (top, col) = (top as usize, col as usize);
            let Some(value) = rows.get(top).and_then(|r| r.get(col)).cloned() else {
                continue;
            };
            for r in top + 1..=(d.end.0 - origin.0) as usize {
                if let Some(cell) = rows.get_mut(r).and_then(|r| r.get_mut(col)) {
                    if *cell == Value::Empty {
                        *cell = value.clone();
                    }
                }
            }
        }
        let mut sheet = Sheet {
            name,
            rows,
            origin,
            next: 0,
            frame: Frame::new(options),
            fractions: false,
            rows_seen: 0,
            done: true,
            failed: true,
        };
        sheet.start(problems);
        Some(sheet)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn failed(&self) -> bool {
        self.failed
    }

    fn cell(&self, row: usize, column: usize) -> Cell {
        Cell::Sheet {
            row: self.origin.0 + row as u32,
            column: self.origin.1 + column as u32,
        }
    }

    /// The cells of row `r` as text.
    fn texts(&self, r: usize) -> Vec<String> {
        self.rows
            .get(r)
            .map_or_else(Vec::new, |row| row.iter().map(Value::text).collect())
    }

    /// The next row from `from` that is not empty, if any.
    fn next_filled(&self, from: usize) -> Option<usize> {
        (from..self.rows.len()).find(|&r| self.texts(r).iter().any(|c| !trim(c).is_empty()))
    }

    /// Finds the header (of one row, or two: a group heading over the
    /// columns it groups) and what the rows above it say of the whole form.
    fn start(&mut self, problems: &mut Problems) {
        let mut seen = 0;
        let mut found_labels: Vec<(Field, String, usize, usize)> = Vec::new();
        let origin_col = self.origin.1;
        let name = move |i: usize| column_letters(origin_col + i as u32);
        let mut above: Option<Vec<String>> = None;
        while seen < HEADER_WITHIN {
            let Some(r) = self.next_filled(self.next) else {
                break;
            };
            self.next = r + 1;
            seen += 1;
            let texts = self.texts(r);
            let cells: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut found = layout(&cells, &name);
            // The lower row of a two-row header, under a row that was not
            // a header alone.
            if found.is_none() && is_subheader(&cells) {
                if let Some(upper) = &above {
                    let upper: Vec<&str> = upper.iter().map(String::as_str).collect();
                    let both = merged(&upper, &cells);
                    let both: Vec<&str> = both.iter().map(String::as_str).collect();
                    found = layout(&both, &name);
                }
            }
            let Some((mut layout, mut header_problems)) = found else {
                for (field, value, c) in labels(&cells) {
                    found_labels.push((field, value, r, c));
                }
                above = Some(texts);
                continue;
            };
            // A header alone, with a row under it naming the columns of
            // its groups.
            if let Some(lower) = self.next_filled(self.next) {
                let below = self.texts(lower);
                let below: Vec<&str> = below.iter().map(String::as_str).collect();
                if is_subheader(&below) {
                    let both = merged(&cells, &below);
                    let both: Vec<&str> = both.iter().map(String::as_str).collect();
                    if let Some(two) = super::columns::layout(&both, &name) {
                        (layout, header_problems) = two;
                        self.next = lower + 1;
                    }
                }
            }
            let failed = !header_problems.is_empty();
            for (problem, column) in header_problems {
                let place = self.place_at(r, column.unwrap_or(0));
                problems.push(problem, Some(place));
            }
            for (field, value, r, c) in found_labels {
                let cell = self.cell(r, c);
                self.frame.learn(field, value, cell);
            }
            self.frame.layout = layout;
            if self.frame.lacks_division() {
                let place = self.place_at(r, 0);
                problems.push(Refusal::NoDivision, Some(place));
                return;
            }
            self.fractions = self.percents_are_fractions();
            self.done = failed;
            self.failed = failed;
            return;
        }
        problems.push(
            if seen == 0 {
                Refusal::NoEntries
            } else {
                Refusal::NoHeader { rows: seen }
            },
            None,
        );
    }

    /// Whether the percent column holds fractions shown as percents (0.5
    /// for 50%): every number in it is at most 1, and one is a fraction or
    /// a 1 reported done. (calamine does not tell a cell's number format.)
    fn percents_are_fractions(&self) -> bool {
        let Some(col) = self.frame.layout.column(Field::Percent) else {
            return false;
        };
        let status_col = self.frame.layout.column(Field::Status);
        let mut any = false;
        for row in &self.rows[self.next..] {
            let Some(Value::Number(n)) = row.get(col) else {
                continue;
            };
            if *n > 1.0 || *n < 0.0 {
                return false;
            }
            let done = status_col
                .and_then(|c| row.get(c))
                .is_some_and(|v| status(&v.text()) == Some(Status::Done));
            any |= (*n > 0.0 && *n < 1.0) || (*n == 1.0 && done);
        }
        any
    }

    /// A value for an entry: dates and percents from number cells in the
    /// form the rest of the program reads.
    fn value_text(&self, field: Field, value: &Value) -> String {
        match (field, value) {
            (Field::At, Value::Number(n)) => match serial_time(*n) {
                Some(t) => format_time(t),
                None => number_text(*n),
            },
            (Field::At, Value::Date(t)) => format_time(*t),
            (Field::Percent, Value::Number(n)) => match percent_of_number(*n, self.fractions) {
                Ok(p) => p.to_string(),
                Err(_) if self.fractions => format!("{}%", number_text(n * 100.0)),
                Err(_) => number_text(*n),
            },
            (_, v) => v.text(),
        }
    }

    pub fn next_entry(
        &mut self,
        problems: &mut Problems,
        finished: &mut Finished,
    ) -> Option<RawEntry> {
        if finished.unread_columns.is_empty() {
            finished.unread_columns = self
                .frame
                .layout
                .unread
                .iter()
                .map(|(i, h)| format!("{} ({h})", column_letters(self.origin.1 + *i as u32)))
                .collect();
        }
        while !self.done {
            if self.next >= self.rows.len() {
                self.done = true;
                if self.rows_seen == 0 && problems.is_empty() && finished.left_blank.is_empty() {
                    problems.push(Refusal::HeaderOnly, None);
                }
                return None;
            }
            let r = self.next;
            self.next += 1;
            let texts = self.texts(r);
            let cells: Vec<&str> = texts.iter().map(String::as_str).collect();
            if cells.iter().all(|c| trim(c).is_empty())
                || is_note_row(&cells, self.frame.layout.column(Field::Task))
            {
                continue;
            }
            self.rows_seen += 1;
            let mut found = Vec::new();
            let row = &self.rows[r];
            let entry = self.frame.entry(
                |field, c| row.get(c).map(|v| self.value_text(field, v)),
                |c| self.cell(r, c),
                &mut found,
                finished,
            );
            for (refusal, cell) in found {
                let place = match cell {
                    Cell::Sheet { row, column } => Some(self.place(row, column)),
                    _ => None,
                };
                problems.push(refusal, place);
            }
            if entry.is_some() {
                return entry;
            }
        }
        None
    }

    /// Where the cell at sheet row and column is: the row's cells, and the
    /// cell's part of them.
    pub fn place(&self, row: u32, column: u32) -> Place {
        let r = row.saturating_sub(self.origin.0) as usize;
        let c = column.saturating_sub(self.origin.1) as usize;
        self.place_at(r, c)
    }

    fn place_at(&self, r: usize, c: usize) -> Place {
        let cells: Vec<String> = self
            .rows
            .get(r)
            .map(|row| {
                row.iter()
                    .map(|v| v.text().replace(['\n', '\r'], " "))
                    .collect()
            })
            .unwrap_or_default();
        let last = cells
            .iter()
            .rposition(|t| !t.is_empty())
            .map_or(0, |i| i + 1)
            .max(c + 1);
        let mut text = String::new();
        let mut mark = 0..0;
        for i in 0..last {
            if i > 0 {
                text.push_str(" | ");
            }
            let cell = cells.get(i).map_or("", String::as_str);
            if i == c {
                mark = text.len()..text.len() + cell.len();
            }
            text.push_str(cell);
        }
        let (row, column) = (self.origin.0 + r as u32, self.origin.1 + c as u32);
        Place {
            row: row as usize + 1,
            column: column_letters(column),
            text,
            mark,
            order: (row as usize, column as usize),
        }
    }
}

type Found = (String, calamine::Range<Data>, Vec<Dimensions>);

/// The sheet to read of the workbook in `bytes`, with its merged regions.
fn read_sheet(bytes: &[u8], wanted: Option<&str>) -> Result<Found, Refusal> {
    let not_read = |e: &dyn std::fmt::Display| {
        Refusal::NotAWorkbook(crate::messages::as_reported(e.to_string()))
    };
    if bytes.starts_with(super::CFB) {
        let mut book: Xls<_> =
            open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| not_read(&e))?;
        let name = pick(book.sheets_metadata(), wanted)?;
        let range = book.worksheet_range(&name).map_err(|e| not_read(&e))?;
        let merged = book.worksheet_merge_cells(&name).unwrap_or_default();
        return Ok((name, range, merged));
    }
    match open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
        Ok(mut book) => {
            let name = pick(book.sheets_metadata(), wanted)?;
            let range = book.worksheet_range(&name).map_err(|e| not_read(&e))?;
            let merged = match book.load_merged_regions() {
                Ok(()) => book
                    .merged_regions_by_sheet(&name)
                    .into_iter()
                    .map(|(_, _, d)| *d)
                    .collect(),
                Err(_) => Vec::new(),
            };
            Ok((name, range, merged))
        }
        Err(xlsx) => {
            if let Ok(mut book) = open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)) {
                let name = pick(book.sheets_metadata(), wanted)?;
                let range = book.worksheet_range(&name).map_err(|e| not_read(&e))?;
                return Ok((name, range, Vec::new()));
            }
            if let Ok(mut book) = open_workbook_from_rs::<Xlsb<_>, _>(Cursor::new(bytes)) {
                let name = pick(book.sheets_metadata(), wanted)?;
                let range = book.worksheet_range(&name).map_err(|e| not_read(&e))?;
                return Ok((name, range, Vec::new()));
            }
            Err(not_read(&xlsx))
        }
    }
}

/// The sheet asked for, or the first visible worksheet.
fn pick(sheets: &[calamine::Sheet], wanted: Option<&str>) -> Result<String, Refusal> {
    let names = || sheets.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    match wanted {
        Some(name) => sheets
            .iter()
            .find(|s| s.name == name || s.name.trim() == trim(name))
            .map(|s| s.name.clone())
            .ok_or_else(|| Refusal::NoSuchSheet {
                name: name.to_string(),
                sheets: names(),
            }),
        None => sheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible && s.typ == calamine::SheetType::WorkSheet)
            .or(sheets.first())
            .map(|s| s.name.clone())
            .ok_or_else(|| Refusal::NotAWorkbook(crate::messages::no_sheets())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_numbers_are_dates() {
        assert_eq!(
            serial_time(42556.0).map(format_time).as_deref(),
            Some("2016-07-05 00:00:00")
        );
        assert_eq!(
            serial_time(42556.5).map(format_time).as_deref(),
            Some("2016-07-05 12:00:00")
        );
        assert_eq!(serial_time(0.5), None);
    }

    #[test]
    fn numbers_read_as_they_are_written() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(1.1), "1.1");
        assert_eq!(
            Value::Date(crate::time::parse_at("2016-07-05").unwrap()).text(),
            "2016-07-05"
        );
        // A sum that comes to nothing is shown as Excel shows it.
        assert_eq!(number_text(-0.0), "0");
    }

    use rust_xlsxwriter::{Format, Workbook, Worksheet};

    /// A workbook of one sheet: `cells` are text, or a number after `#`,
    /// from the sheet's row and column `at`.
    fn xlsx(at: (u32, u16), rows: &[&[&str]], more: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (at.0 + r as u32, at.1 + c as u16);
                match cell.strip_prefix('#') {
                    Some(n) => sheet.write_number(r, c, n.parse::<f64>().unwrap()),
                    None if cell.is_empty() => continue,
                    None => sheet.write_string(r, c, *cell),
                }
                .unwrap();
            }
        }
        more(sheet);
        book.save_to_buffer().unwrap()
    }

    struct Read {
        sheet: Option<Sheet>,
        /// Each entry as `task division status percent note`.
        entries: Vec<String>,
        rows: Vec<Cell>,
        problems: Vec<Refusal>,
        finished: Finished,
    }

    fn read(bytes: Vec<u8>) -> Read {
        read_with(bytes, &Options::default())
    }

    fn read_with(bytes: Vec<u8>, options: &Options) -> Read {
        let mut problems = Problems::default();
        let mut finished = Finished::default();
        let mut sheet = Sheet::open(bytes, options, &mut problems);
        let (mut entries, mut rows) = (Vec::new(), Vec::new());
        if let Some(sheet) = &mut sheet {
            while let Some(e) = sheet.next_entry(&mut problems, &mut finished) {
                let value = |l: Option<Located>| l.map_or("-".to_string(), |l| l.value);
                entries.push(format!(
                    "{} {} {} {} {}",
                    e.task.value,
                    e.division.value,
                    e.status.value,
                    value(e.percent),
                    value(e.note)
                ));
                rows.push(e.row);
            }
        }
        Read {
            sheet,
            entries,
            rows,
            problems: problems.refusals().cloned().collect(),
            finished,
        }
    }

    use super::super::Located;

    #[test]
    fn a_form_below_its_title_with_an_id_merged_down_reads_row_by_row() {
        let title = "2016年政务公开进展情况反馈表";
        let bytes = xlsx(
            (2, 1),
            &[
                &[title],
                &[],
                &["编号", "处室", "状态", "进度(%)", "备注", ""],
                &[],
                &["2.1", "法规处", "推进中", "#50", "初稿"],
                &["", "新闻中心", "已完成", "#100"],
                &[],
                &["3.1", "办公室", "未启动", "", ""],
                &["3.2", "办公室", "推进中"],
                &["3.3", "办公室", "推进中"],
                &["3.4", "办公室", "推进中"],
                &["注：状态从下拉列表中选择。"],
            ],
            |sheet| {
                sheet.set_name("进展").unwrap();
                let plain = Format::new();
                sheet.merge_range(6, 1, 7, 1, "2.1", &plain).unwrap();
                // A note over two columns of two rows is the first row's.
                sheet.merge_range(10, 5, 11, 6, "待定", &plain).unwrap();
                // A duration is its number of days.
                let hours = Format::new().set_num_format("[h]:mm");
                sheet.write_number_with_format(12, 5, 1.5, &hours).unwrap();
                let day = chrono::NaiveDate::from_ymd_opt(2016, 7, 5).unwrap();
                let date = Format::new().set_num_format("yyyy-mm-dd");
                let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
                let noon = day.and_hms_opt(12, 0, 0).unwrap();
                sheet.write_datetime_with_format(7, 5, noon, &time).unwrap();
                sheet.write_datetime_with_format(9, 5, day, &date).unwrap();
            },
        );
        let read = read(bytes);
        assert_eq!(read.problems, []);
        assert_eq!(
            read.entries,
            [
                "2.1 法规处 推进中 50 初稿",
                "2.1 新闻中心 已完成 100 2016-07-05 12:00:00",
                "3.1 办公室 未启动 - 2016-07-05",
                "3.2 办公室 推进中 - 待定",
                "3.3 办公室 推进中 - -",
                "3.4 办公室 推进中 - 1.5",
            ]
        );
        let at = |row, column| Cell::Sheet { row, column };
        assert_eq!(
            read.rows,
            [
                at(6, 1),
                at(7, 1),
                at(9, 1),
                at(10, 1),
                at(11, 1),
                at(12, 1)
            ]
        );
        assert!(read.finished.left_blank.is_empty());
        assert!(read.finished.unread_columns.is_empty());
        let sheet = read.sheet.unwrap();
        assert_eq!(sheet.name(), "进展");
        assert!(!sheet.failed());
        assert_eq!(
            sheet.place(7, 3),
            Place {
                row: 8,
                column: "D".into(),
                text: "2.1 | 新闻中心 | 已完成 | 100 | 2016-07-05 12:00:00".into(),
                mark: 21..30,
                order: (7, 3)
            }
        );
        // A cell of an empty row: the row shown up to it.
        assert_eq!(
            sheet.place(8, 3),
            Place {
                row: 9,
                column: "D".into(),
                text: " |  | ".into(),
                mark: 6..6,
                order: (8, 3)
            }
        );
    }

    #[test]
    fn a_header_with_a_part_twice_is_named_by_the_sheet_columns_and_nothing_is_read() {
        let bytes = xlsx(
            (0, 1),
            &[
                &["编号", "日期", "填报日期", "状态", "处室"],
                &["2.1", "", "", "推进中", "法规处"],
            ],
            |_| {},
        );
        let read = read(bytes);
        assert_eq!(
            read.problems,
            [Refusal::TwoColumns {
                field: Field::At,
                first: "C (日期)".into(),
                second: "D (填报日期)".into()
            }]
        );
        assert!(read.entries.is_empty());
        assert!(read.sheet.unwrap().failed());
    }

    #[test]
    fn the_header_is_looked_for_in_the_first_thirty_rows_that_are_not_empty() {
        let header: &[&str] = &["编号", "处室", "状态"];
        let entry: &[&str] = &["2.1", "法规处", "推进中"];
        let form = |titles: usize| {
            let mut rows: Vec<&[&str]> = vec![&["说明文字"]; titles];
            rows.push(&[]);
            rows.extend([header, entry]);
            read(xlsx((0, 0), &rows, |_| {}))
        };
        let read = form(HEADER_WITHIN - 1);
        assert_eq!(read.problems, []);
        assert_eq!(read.entries, ["2.1 法规处 推进中 - -"]);
        let read = form(HEADER_WITHIN);
        assert_eq!(
            read.problems,
            [Refusal::NoHeader {
                rows: HEADER_WITHIN
            }]
        );
        assert!(read.entries.is_empty());
        let read = read_rows(&[&["说明文字"], &[], &["2.1", "法规处"]]);
        assert_eq!(read.problems, [Refusal::NoHeader { rows: 2 }]);
        let read = read_rows(&[]);
        assert_eq!(read.problems, [Refusal::NoEntries]);
    }

    fn read_rows(rows: &[&[&str]]) -> Read {
        read(xlsx((0, 0), rows, |_| {}))
    }

    #[test]
    fn a_header_of_two_rows_reads_as_one() {
        let read = read_rows(&[
            &["序号", "处室", "进展情况", "", "填报人"],
            &["", "", "状态", "进度(%)", ""],
            &["1", "法规处", "推进中", "#30", "张敏"],
        ]);
        assert_eq!(read.problems, []);
        assert_eq!(read.entries, ["1 法规处 推进中 30 -"]);
    }

    #[test]
    fn a_heading_left_empty_does_not_take_the_text_above_it() {
        let read = read_rows(&[
            &["进展反馈表", "", "", "截至2016年9月"],
            &["编号", "处室", "状态"],
            &["2.1", "法规处", "推进中"],
        ]);
        assert_eq!(read.problems, []);
        assert_eq!(read.entries, ["2.1 法规处 推进中 - -"]);
        assert!(read.finished.unread_columns.is_empty());
    }

    #[test]
    fn the_sheet_read_is_the_one_asked_for_or_the_first_shown() {
        let bytes = {
            let mut book = Workbook::new();
            let notes = book.add_worksheet().set_name("说明").unwrap();
            notes.write_string(0, 0, "编号").unwrap();
            notes.set_hidden(true);
            // A hidden sheet cannot be the one shown when the book opens.
            let sheet = book.add_worksheet().set_name("进展").unwrap();
            sheet.set_active(true);
            for (c, text) in ["编号", "处室", "状态"].into_iter().enumerate() {
                sheet.write_string(0, c as u16, text).unwrap();
            }
            for (c, text) in ["2.1", "法规处", "推进中"].into_iter().enumerate() {
                sheet.write_string(1, c as u16, text).unwrap();
            }
            book.save_to_buffer().unwrap()
        };
        let first = read(bytes.clone());
        assert_eq!(first.sheet.unwrap().name(), "进展");
        assert_eq!(first.entries, ["2.1 法规处 推进中 - -"]);
        let asked = |name: &str| {
            let options = Options {
                sheet: Some(name.into()),
                ..Options::default()
            };
            read_with(bytes.clone(), &options)
        };
        let named = asked(" 进展 ");
        assert_eq!(named.sheet.unwrap().name(), "进展");
        assert_eq!(named.entries, ["2.1 法规处 推进中 - -"]);
        let missing = asked("汇总");
        assert!(missing.sheet.is_none());
        assert_eq!(
            missing.problems,
            [Refusal::NoSuchSheet {
                name: "汇总".into(),
                sheets: vec!["说明".into(), "进展".into()]
            }]
        );
    }

    /// The percents read from rows of status and percent.
    fn percents(rows: &[(&str, &str)]) -> Vec<String> {
        let mut all: Vec<Vec<String>> = vec![vec![
            "编号".into(),
            "处室".into(),
            "状态".into(),
            "进度".into(),
        ]];
        for (i, (status, percent)) in rows.iter().enumerate() {
            all.push(vec![
                format!("{}", i + 1),
                "法规处".into(),
                status.to_string(),
                format!("#{percent}"),
            ]);
        }
        let all: Vec<Vec<&str>> = all
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let all: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
        read_rows(&all)
            .entries
            .iter()
            .map(|e| e.split(' ').nth(3).unwrap().to_string())
            .collect()
    }

    #[test]
    fn percents_shown_as_fractions_are_read_as_percents() {
        assert_eq!(
            percents(&[("推进中", "0.5"), ("已完成", "1")]),
            ["50", "100"]
        );
        assert_eq!(
            percents(&[("推进中", "0.25"), ("推进中", "0.5")]),
            ["25", "50"]
        );
        assert_eq!(percents(&[("推进中", "0.5"), ("未启动", "0")]), ["50", "0"]);
        assert_eq!(percents(&[("已完成", "1"), ("未启动", "0")]), ["100", "0"]);
    }

    #[test]
    fn percents_written_whole_are_not_taken_for_fractions() {
        assert_eq!(
            percents(&[("推进中", "50"), ("已完成", "100")]),
            ["50", "100"]
        );
        assert_eq!(
            percents(&[("推进中", "0.5"), ("推进中", "50")]),
            ["0.5", "50"]
        );
        // 1 of a task still under way is 1%, and 0 says nothing.
        assert_eq!(percents(&[("未启动", "0"), ("推进中", "1")]), ["0", "1"]);
        assert_eq!(percents(&[("已完成", "0"), ("推进中", "1")]), ["0", "1"]);
    }
}
