//! Problems found in a plan file, shown with the offending line and a caret
//! under the right screen column (Chinese characters are two columns wide).

use std::fmt;
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::messages::{self, Msg};
use crate::render::escape_control;

/// One problem in a plan file: what is wrong, and what was expected instead
/// (if anything is to be said).
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub span: Option<Range<usize>>,
    pub message: Msg,
    pub expected: Option<Msg>,
}

/// Every problem found in one input file (a plan, a batch of feedback).
/// Nothing is written when there is any.
#[derive(Debug)]
pub struct PlanErrors {
    pub path: String,
    pub source: String,
    pub problems: Vec<Diagnostic>,
    /// What happened instead, e.g. "nothing was loaded".
    pub outcome: Msg,
}

impl std::error::Error for PlanErrors {}

/// Line (1-based), column in characters (1-based), and the text of the line.
fn locate(source: &str, offset: usize) -> (usize, usize, &str) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let line_no = source[..line_start].matches('\n').count() + 1;
    let column = source[line_start..offset].chars().count() + 1;
    let line = source[line_start..line_end].trim_end_matches('\r');
    (line_no, column, line)
}

/// At most this many problems are shown; the count says how many there are.
const MAX_SHOWN_PROBLEMS: usize = 30;

/// At most this many characters of a line are shown.
const MAX_SHOWN: usize = 160;

/// English, for logs and tests.
impl fmt::Display for PlanErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Lang::En)
    }
}

impl PlanErrors {
    /// Every problem, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        struct In<'a>(&'a PlanErrors, Lang);
        impl fmt::Display for In<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, self.1)
            }
        }
        In(self, lang).to_string()
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, lang: Lang) -> fmt::Result {
        let n = self.problems.len();
        let head = messages::problems_found(&self.path, n, &self.outcome);
        f.write_str(head.text(lang))?;
        for d in self.problems.iter().take(MAX_SHOWN_PROBLEMS) {
            writeln!(f)?;
            writeln!(f)?;
            self.fmt_one(f, d, lang)?;
        }
        if n > MAX_SHOWN_PROBLEMS {
            let more = messages::more_problems(n - MAX_SHOWN_PROBLEMS);
            write!(f, "\n\n{}", more.text(lang))?;
        }
        Ok(())
    }

    fn fmt_one(&self, f: &mut fmt::Formatter<'_>, d: &Diagnostic, lang: Lang) -> fmt::Result {
        let expected = d.expected.as_ref().map(messages::expected);
        let Some(span) = &d.span else {
            let at = messages::problem_in_file(&self.path, &d.message);
            f.write_str(at.text(lang))?;
            if let Some(expected) = expected {
                write!(f, "\n  = {}", expected.text(lang))?;
            }
            return Ok(());
        };
        let (line_no, column, line) = locate(&self.source, span.start);
        let at = messages::problem_at(&self.path, line_no, column, &d.message);
        writeln!(f, "{}", at.text(lang))?;
        let line_start = span.start - column_byte_offset(line, column);
        let mark = span.start - line_start..span.end.saturating_sub(line_start);
        let note = expected.map_or(String::new(), |e| e.text(lang).to_string());
        write_marked(f, line_no, line, mark, &note)
    }
}

/// Shows a line under its number, with carets under the bytes `mark` of it
/// (at least one, within what is shown) and `note` after them. Chinese
/// characters are two columns wide; controls are escaped.
pub fn write_marked(
    f: &mut fmt::Formatter<'_>,
    number: usize,
    line: &str,
    mark: Range<usize>,
    note: &str,
) -> fmt::Result {
    let number = number.to_string();
    let pad = " ".repeat(number.len());
    let mut start = mark.start.min(line.len());
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = mark.end.clamp(start, line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    // Show the line up to a limit; the caret stays in the shown part.
    let shown = escape_control(&line.chars().take(MAX_SHOWN).collect::<String>());
    let before = escape_control(&line[..start].chars().take(MAX_SHOWN).collect::<String>());
    let marked = escape_control(&line[start..end]);
    let indent = UnicodeWidthStr::width(before.as_str());
    let room = UnicodeWidthStr::width(shown.as_str()).saturating_sub(indent);
    let carets = UnicodeWidthStr::width(marked.as_str()).clamp(1, room.max(1));
    writeln!(f, "{pad} |")?;
    writeln!(f, "{number} | {shown}")?;
    write!(f, "{pad} | {}{}", " ".repeat(indent), "^".repeat(carets))?;
    if !note.is_empty() {
        write!(f, " {note}")?;
    }
    Ok(())
}

/// Byte offset within `line` of the 1-based character column.
fn column_byte_offset(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str, span: Range<usize>) -> String {
        PlanErrors {
            path: "p.toml".into(),
            source: source.into(),
            problems: vec![Diagnostic {
                span: Some(span),
                message: Msg::same("bad"),
                expected: Some(Msg::same("good")),
            }],
            outcome: messages::nothing_loaded(),
        }
        .to_string()
    }

    #[test]
    fn caret_sits_under_wide_characters() {
        let source = "[plan]\nlead = \"信用科\"\n";
        let start = source.find('"').unwrap();
        let out = render(source, start..source.len() - 1);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "p.toml:2:8: bad");
        assert_eq!(lines[4], "2 | lead = \"信用科\"");
        // "信用科" is six columns wide, plus two quotes.
        assert_eq!(lines[5], "  |        ^^^^^^^^ expected good");
    }

    #[test]
    fn problems_are_told_in_the_language_asked_for() {
        let source = "[plan]\nlead = \"信用科\"\n";
        let start = source.find('"').unwrap();
        let errors = PlanErrors {
            path: "p.toml".into(),
            source: source.into(),
            problems: vec![Diagnostic {
                span: Some(start..source.len() - 1),
                message: messages::field_empty("lead"),
                expected: Some(messages::expected_some_text()),
            }],
            outcome: messages::nothing_loaded(),
        };
        let zh = errors.text(Lang::Zh);
        let lines: Vec<&str> = zh.lines().collect();
        assert_eq!(lines[0], "p.toml：发现 1 处问题，未载入任何内容");
        assert_eq!(lines[2], "p.toml:2:8：`lead` 为空");
        assert_eq!(lines[5], "  |        ^^^^^^^^ 应为非空的内容");
        assert_eq!(errors.text(Lang::En), errors.to_string());
        assert!(errors
            .to_string()
            .starts_with("p.toml: 1 problem found, nothing was loaded"));
    }

    #[test]
    fn caret_after_chinese_text_on_the_same_line() {
        let source = "title = \"中文\" x";
        let start = source.find('x').unwrap();
        let out = render(source, start..start + 1);
        let last = out.lines().last().unwrap();
        // `title = "` is 9 columns, 中文 4, `" ` 2: the caret is in column 16.
        assert_eq!(last, format!("  | {}^ expected good", " ".repeat(15)));
        assert!(out.contains("p.toml:1:14: bad"));
    }
}
