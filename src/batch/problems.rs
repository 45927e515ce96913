//! The problems of a return file, each shown at its row and column with the
//! row itself and a caret under the cell, in the language asked for.

use std::fmt;
use std::ops::Range;

use crate::lang::Lang;
use crate::messages;
use crate::plan::write_marked;
use crate::refusal::Refusal;
use crate::render::escape_control;

/// Where a problem is, with what is needed to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The row (a line of a text file, a row of a sheet), from 1.
    pub row: usize,
    /// The column as the file's own program names it: `7` (a character of
    /// a line), or `C` (a column of a sheet).
    pub column: String,
    /// The row as shown: the line, or the sheet row's cells.
    pub text: String,
    /// The bytes of `text` to mark.
    pub mark: Range<usize>,
    /// Orders problems as they are in the file.
    pub order: (usize, usize),
}

/// Problems kept with their place; beyond these only their number is kept.
const KEPT: usize = 100;

/// Problems found in a return file.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<(Refusal, Option<Place>)>,
    more: usize,
}

impl Problems {
    pub fn push(&mut self, refusal: Refusal, place: Option<Place>) {
        if self.list.len() >= KEPT {
            self.more += 1;
        } else {
            self.list.push((refusal, place));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len() + self.more
    }

    /// Adds `other`'s problems after these, the counted ones too.
    pub fn extend(&mut self, other: Problems) {
        for (r, place) in other.list {
            self.push(r, place);
        }
        self.more += other.more;
    }

    /// The refusals in the order they were found.
    pub fn refusals(&self) -> impl Iterator<Item = &Refusal> {
        self.list.iter().map(|(r, _)| r)
    }

    /// The problems as an error to show, in the order of the file.
    pub fn into_errors(
        mut self,
        path: &str,
        sheet: Option<&str>,
        lang: Lang,
        dry_run: bool,
    ) -> ReturnErrors {
        // Problems without a place (the file's own) first, then by place.
        self.list.sort_by_key(|(_, p)| p.as_ref().map(|p| p.order));
        ReturnErrors {
            path: path.to_string(),
            sheet: sheet.map(str::to_string),
            problems: self.list,
            more: self.more,
            lang,
            dry_run,
        }
    }
}

/// Every problem of a return file: nothing of it is recorded.
#[derive(Debug)]
pub struct ReturnErrors {
    pub path: String,
    pub sheet: Option<String>,
    problems: Vec<(Refusal, Option<Place>)>,
    more: usize,
    lang: Lang,
    /// Found by `--dry-run`: nothing would be recorded.
    dry_run: bool,
}

impl std::error::Error for ReturnErrors {}

/// At most this many problems are shown; the count says how many there are.
const SHOWN: usize = 30;

impl ReturnErrors {
    pub fn len(&self) -> usize {
        self.problems.len() + self.more
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The refusals in the order shown.
    pub fn refusals(&self) -> impl Iterator<Item = &Refusal> {
        self.problems.iter().map(|(r, _)| r)
    }

    fn fmt_one(
        &self,
        f: &mut fmt::Formatter<'_>,
        r: &Refusal,
        place: Option<&Place>,
    ) -> fmt::Result {
        let lang = self.lang;
        let (message, expected) = r.text(lang);
        let message = escape_control(&message);
        let expected = (!expected.is_empty()).then(|| {
            messages::expected(escape_control(&expected))
                .text(lang)
                .to_string()
        });
        let Some(place) = place else {
            let at = messages::problem_in_file(&self.path, message);
            f.write_str(at.text(lang))?;
            if let Some(expected) = expected {
                write!(f, "\n  = {expected}")?;
            }
            return Ok(());
        };
        let path = match &self.sheet {
            Some(sheet) => format!("{}:{}", self.path, escape_control(sheet)),
            None => self.path.clone(),
        };
        let at = messages::problem_at(&path, place.row, &place.column, message);
        writeln!(f, "{}", at.text(lang))?;
        let note = expected.unwrap_or_default();
        write_marked(f, place.row, &place.text, place.mark.clone(), &note)
    }
}

impl fmt::Display for ReturnErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.len();
        let head = match (self.dry_run, n) {
            (false, n) => messages::problems_found(&self.path, n, &messages::nothing_recorded()),
            (true, 1) => messages::one_problem_found_dry(&self.path),
            (true, n) => messages::problems_found_dry_n(&self.path, n),
        };
        f.write_str(head.text(self.lang))?;
        for (r, place) in self.problems.iter().take(SHOWN) {
            writeln!(f)?;
            writeln!(f)?;
            self.fmt_one(f, r, place.as_ref())?;
        }
        if n > SHOWN {
            let more = messages::more_problems(n - SHOWN);
            write!(f, "\n\n{}", more.text(self.lang))?;
        }
        Ok(())
    }
}

/// The letters of a sheet column from 0: A … Z, AA …
pub fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_columns_are_named_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn the_caret_is_under_the_cell_not_the_row() {
        let text = "3.4 | 新闻中心 | 进行了一半".to_string();
        let start = text.find("进行").unwrap();
        let mut problems = Problems::default();
        problems.push(
            Refusal::UnknownStatus("进行了一半".into()),
            Some(Place {
                row: 5,
                column: "C".into(),
                mark: start..text.len(),
                text,
                order: (5, 2),
            }),
        );
        problems.push(Refusal::NoDivision, None);
        let shown = problems
            .into_errors("f.xlsx", Some("反馈表"), Lang::En, false)
            .to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "f.xlsx: 2 problems found, nothing was recorded");
        // The problem of the file as a whole comes first.
        assert!(lines[2].starts_with("f.xlsx: the header has no `division`"));
        assert_eq!(lines[5], "f.xlsx:反馈表:5:C: unknown status \"进行了一半\"");
        assert_eq!(lines[7], "5 | 3.4 | 新闻中心 | 进行了一半");
        // "3.4 | 新闻中心 | " is 17 columns wide; 进行了一半 is 10.
        assert!(lines[8].starts_with(&format!(
            "  | {}{} expected",
            " ".repeat(17),
            "^".repeat(10)
        )));
    }
}
