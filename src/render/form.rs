//! Return forms (反馈表): a division's open tasks with empty columns for it to
//! fill in, as a workbook or as CSV. Rows in, bytes out.

use std::io::{self, Write};

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::lang::Lang;
use crate::rollup::Role;
use crate::status::Status;

use super::output::BOM;
use super::xlsx::column_width;

/// One form: whom it is for, of which plan, as of when, and its tasks.
pub struct Form {
    pub plan_id: String,
    pub plan_title: String,
    pub division: String,
    pub as_of: NaiveDate,
    pub lang: Lang,
    pub rows: Vec<FormRow>,
}

/// One open task of the division.
pub struct FormRow {
    pub id: String,
    pub title: String,
    pub role: Role,
    /// The role word the division is assigned under, when the plan gives one.
    pub word: Option<String>,
    /// The group the division has the task through, if not directly.
    pub through: Option<String>,
    pub due: Option<NaiveDate>,
    /// The due date with the notice's wording, or the kind of a deadline
    /// without a date (长期), when the notice gave a phrase.
    pub due_words: Option<String>,
    /// The task's status now.
    pub status: Status,
}

/// Every text a form shows, in both languages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    Sheet,
    /// `{plan}`: the plan's title.
    Title,
    Division,
    Plan,
    AsOf,
    /// Between a label of the preamble and its value.
    Colon,
    Id,
    TaskTitle,
    Role,
    Due,
    Current,
    Status,
    Percent,
    Note,
    By,
    At,
    Lead,
    Support,
    /// `{role}`, `{group}`: a task had through a group.
    Through,
    BadStatusTitle,
    BadStatus,
    BadPercentTitle,
    BadPercent,
    BadDateTitle,
    BadDate,
}

impl Label {
    fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Label::Sheet => ("Return", "反馈表"),
            Label::Title => ("Progress return: {plan}", "{plan} 进展情况反馈表"),
            Label::Division => ("Division", "填报单位"),
            Label::Plan => ("Plan", "方案"),
            Label::AsOf => ("As of", "截至"),
            Label::Colon => (": ", "："),
            Label::Id => ("task", "任务编号"),
            Label::TaskTitle => ("title", "任务名称"),
            Label::Role => ("role", "承担方式"),
            Label::Due => ("due", "期限"),
            Label::Current => ("current status", "当前状态"),
            Label::Status => ("status", "状态"),
            Label::Percent => ("percent", "进度(%)"),
            Label::Note => ("note", "情况说明"),
            Label::By => ("by", "填报人"),
            Label::At => ("at", "填报日期"),
            Label::Lead => ("lead", "牵头"),
            Label::Support => ("support", "配合"),
            Label::Through => ("{role} ({group})", "{role}（{group}）"),
            Label::BadStatusTitle => ("Status", "状态"),
            Label::BadStatus => (
                "Choose one of the list: not-started, in-progress, blocked, done.",
                "请从下拉列表中选择：未启动、推进中、受阻、已完成。",
            ),
            Label::BadPercentTitle => ("Percent", "进度"),
            Label::BadPercent => (
                "A whole number from 0 to 100.",
                "请填写 0 至 100 之间的整数。",
            ),
            Label::BadDateTitle => ("Date", "填报日期"),
            Label::BadDate => ("A date, e.g. 2016-09-30.", "请填写日期，如 2016-09-30。"),
        };
        lang.pick(en, zh)
    }
}

/// The statuses a division may report, in the order the drop-down lists
/// them.
const REPORTED: [Status; 4] = [
    Status::NotStarted,
    Status::InProgress,
    Status::Blocked,
    Status::Done,
];

/// The columns, in order: five that describe the task (locked), then five
/// to fill in.
const COLUMNS: [Label; 10] = [
    Label::Id,
    Label::TaskTitle,
    Label::Role,
    Label::Due,
    Label::Current,
    Label::Status,
    Label::Percent,
    Label::Note,
    Label::By,
    Label::At,
];

/// How many of `COLUMNS` describe the task; the rest are filled in.
const LOCKED: usize = 5;

/// The (zero-based) column of `label` among `COLUMNS`.
const fn column(label: Label) -> u16 {
    let mut i = 0;
    while i < COLUMNS.len() {
        if COLUMNS[i] as u8 == label as u8 {
            return i as u16;
        }
        i += 1;
    }
    panic!("not a column")
}

const TITLE: u16 = column(Label::TaskTitle);
const DUE: u16 = column(Label::Due);
const CURRENT: u16 = column(Label::Current);
const STATUS: u16 = column(Label::Status);
const PERCENT: u16 = column(Label::Percent);
const NOTE: u16 = column(Label::Note);
const AT: u16 = column(Label::At);

/// Where the preamble's plan and as-of cells are on row 2, right of the
/// division's.
const PLAN_CELL: u16 = DUE;
const AS_OF_CELL: u16 = NOTE;

/// The first row of tasks in the workbook (zero-based): after the title,
/// the preamble, an empty row and the header.
const FIRST_ROW: u32 = 4;

/// The widest the title column grows before its text wraps, and the width
/// of the note column.
const TITLE_WIDTH: f64 = 50.0;
const NOTE_WIDTH: f64 = 40.0;

impl Form {
    fn label(&self, label: Label) -> &'static str {
        label.text(self.lang)
    }

    fn title(&self) -> String {
        self.label(Label::Title).replace("{plan}", &self.plan_title)
    }

    /// `label：value` (zh) or `label: value` (en), in one cell.
    fn labelled(&self, label: Label, value: &str) -> String {
        format!("{}{}{value}", self.label(label), self.label(Label::Colon))
    }

    fn headers(&self) -> Vec<&'static str> {
        COLUMNS.iter().map(|&c| self.label(c)).collect()
    }

    fn role(&self, row: &FormRow) -> String {
        let role = match &row.word {
            Some(word) => word.as_str(),
            None => self.label(match row.role {
                Role::Lead => Label::Lead,
                Role::Support => Label::Support,
            }),
        };
        match &row.through {
            None => role.to_string(),
            Some(group) => self
                .label(Label::Through)
                .replace("{role}", role)
                .replace("{group}", group),
        }
    }

    fn due_text(row: &FormRow) -> String {
        if let Some(words) = &row.due_words {
            return words.clone();
        }
        row.due.map(|d| d.to_string()).unwrap_or_default()
    }

    /// The form as CSV for Excel: a byte order mark, CRLF line ends, the
    /// title, the division and the plan on a line each, the header, then
    /// one line per task with the columns to fill in left empty.
    pub fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(BOM)?;
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let preamble = [
            self.title(),
            self.labelled(Label::Division, &self.division),
            self.labelled(Label::Plan, &self.plan_id),
        ];
        for line in &preamble {
            w.write_record([super::csv_cell(line)]).map_err(csv_error)?;
        }
        w.write_record(self.headers()).map_err(csv_error)?;
        for row in &self.rows {
            let described = [
                row.id.clone(),
                row.title.clone(),
                self.role(row),
                Self::due_text(row),
                row.status.label(self.lang).to_string(),
            ];
            let cells = described
                .iter()
                .map(|c| super::csv_cell(c))
                .chain(std::iter::repeat_n(String::new(), COLUMNS.len() - LOCKED));
            w.write_record(cells).map_err(csv_error)?;
        }
        w.flush()
    }

    /// The form as an Excel workbook of one protected sheet, in which only
    /// the cells to fill in can be edited.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(self.label(Label::Sheet))?;
        self.write_sheet(sheet)?;
        workbook.save_to_buffer()
    }

    fn write_sheet(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let styles = Styles::new();
        let last_col = (COLUMNS.len() - 1) as u16;

        sheet.merge_range(0, 0, 0, last_col, &self.title(), &styles.title)?;
        sheet.set_row_height(0, 28)?;
        let preamble = [
            (0, self.labelled(Label::Division, &self.division)),
            (PLAN_CELL, self.labelled(Label::Plan, &self.plan_id)),
            (
                AS_OF_CELL,
                self.labelled(Label::AsOf, &self.as_of.to_string()),
            ),
        ];
        for (col, text) in &preamble {
            sheet.write_string_with_format(1, *col, text, &styles.preamble)?;
        }

        let header_row = FIRST_ROW - 1;
        let headers = self.headers();
        let mut widths: Vec<f64> = headers.iter().map(|h| column_width(h)).collect();
        let mut widen = |col: u16, text: &str| {
            let w = &mut widths[col as usize];
            *w = w.max(column_width(text));
        };
        for (col, header) in headers.iter().enumerate() {
            sheet.write_string_with_format(header_row, col as u16, *header, &styles.header)?;
        }

        for (i, row) in self.rows.iter().enumerate() {
            let r = FIRST_ROW + i as u32;
            let described = [
                (row.id.clone(), &styles.id),
                (row.title.clone(), &styles.wrapped),
                (self.role(row), &styles.locked),
            ];
            for (col, (text, style)) in described.iter().enumerate() {
                sheet.write_string_with_format(r, col as u16, text, style)?;
                widen(col as u16, text);
            }
            match (row.due, &row.due_words) {
                (_, Some(words)) => sheet.write_string_with_format(r, DUE, words, &styles.due)?,
                (Some(due), None) => sheet.write_date_with_format(r, DUE, due, &styles.due)?,
                (None, None) => sheet.write_blank(r, DUE, &styles.due)?,
            };
            let status = row.status.label(self.lang);
            sheet.write_string_with_format(r, CURRENT, status, &styles.locked)?;
            widen(CURRENT, status);
            for (col, &label) in COLUMNS.iter().enumerate().skip(LOCKED) {
                let style = match label {
                    Label::Note => &styles.note,
                    Label::At => &styles.date_input,
                    _ => &styles.input,
                };
                sheet.write_blank(r, col as u16, style)?;
            }
        }

        let statuses: Vec<&str> = REPORTED.iter().map(|s| s.label(self.lang)).collect();
        for s in &statuses {
            widen(STATUS, s);
        }
        widen(DUE, "2016-12-31");
        widen(AT, "2016-12-31");
        widths[TITLE as usize] = widths[TITLE as usize].min(TITLE_WIDTH);
        widths[NOTE as usize] = NOTE_WIDTH;
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, *width)?;
        }

        if let Some(last_row) = (self.rows.len() as u32)
            .checked_sub(1)
            .map(|n| FIRST_ROW + n)
        {
            self.add_validations(sheet, last_row, &statuses)?;
        }

        sheet.set_freeze_panes(FIRST_ROW, 0)?;
        sheet.set_landscape();
        sheet.set_paper_size(9); // A4
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(header_row, header_row)?;
        sheet.protect_with_options(&ProtectionOptions {
            format_cells: true,
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        });
        Ok(())
    }

    /// The drop-down of statuses, the percent's range and the date's kind,
    /// on the rows `FIRST_ROW..=last_row` of the columns to fill in.
    fn add_validations(
        &self,
        sheet: &mut Worksheet,
        last_row: u32,
        statuses: &[&str],
    ) -> Result<(), XlsxError> {
        let status = DataValidation::new()
            .allow_list_strings(statuses)?
            .set_error_title(self.label(Label::BadStatusTitle))?
            .set_error_message(self.label(Label::BadStatus))?;
        let percent = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(0, 100))
            .set_error_title(self.label(Label::BadPercentTitle))?
            .set_error_message(self.label(Label::BadPercent))?;
        let (first, last) = (
            NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN),
            NaiveDate::from_ymd_opt(2099, 12, 31).unwrap_or(NaiveDate::MAX),
        );
        let date = DataValidation::new()
            .allow_date(DataValidationRule::Between(first, last))
            .set_error_title(self.label(Label::BadDateTitle))?
            .set_error_message(self.label(Label::BadDate))?;
        for (col, validation) in [(STATUS, &status), (PERCENT, &percent), (AT, &date)] {
            sheet.add_data_validation(FIRST_ROW, col, last_row, col, validation)?;
        }
        Ok(())
    }
}

/// The cell formats of a form.
struct Styles {
    title: Format,
    preamble: Format,
    header: Format,
    /// Cells that describe the task: grey, locked.
    locked: Format,
    id: Format,
    wrapped: Format,
    due: Format,
    /// Cells to fill in: unlocked.
    input: Format,
    note: Format,
    date_input: Format,
}

/// The grey of the cells that describe a task.
const GREY: u32 = 0xE7E6E6;
const DATE_FORMAT: &str = "yyyy-mm-dd";

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let locked = cell.clone().set_background_color(Color::RGB(GREY));
        let input = cell.clone().set_unlocked();
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            preamble: Format::new(),
            header: locked
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            id: locked.clone().set_num_format("@"),
            wrapped: locked.clone().set_text_wrap(),
            due: locked.clone().set_num_format(DATE_FORMAT),
            locked,
            note: input.clone().set_text_wrap(),
            date_input: input.clone().set_num_format(DATE_FORMAT),
            input,
        }
    }
}

/// The writer's error as an I/O error (a closed pipe stays one).
fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(lang: Lang) -> Form {
        Form {
            plan_id: "p".into(),
            plan_title: "方案".into(),
            division: "法规处".into(),
            as_of: NaiveDate::from_ymd_opt(2016, 9, 30).unwrap(),
            lang,
            rows: vec![FormRow {
                id: "1.10".into(),
                title: "=HYPERLINK(\"x\")".into(),
                role: Role::Support,
                word: None,
                through: Some("各政策起草处室".into()),
                due: NaiveDate::from_ymd_opt(2016, 12, 31),
                due_words: None,
                status: Status::InProgress,
            }],
        }
    }

    #[test]
    fn csv_form_has_its_preamble_and_defused_cells() {
        let mut out = Vec::new();
        form(Lang::Zh).write_csv(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "方案 进展情况反馈表");
        assert_eq!(lines[1], "填报单位：法规处");
        assert_eq!(lines[2], "方案：p");
        assert!(lines[4].starts_with("1.10,\"'=HYPERLINK"), "{}", lines[4]);
        assert!(lines[4].ends_with("配合（各政策起草处室）,2016-12-31,推进中,,,,,"));
    }
}
