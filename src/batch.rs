//! Batch feedback files (SPEC §4): CSV with the header
//! `task,division,status,percent,note,by,at` in any order (only task,
//! division and status required), or TOML with one `[[feedback]]` table per
//! entry. Every value keeps where it came from, for error messages.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::plan::Diagnostic;

/// A value and the bytes of the file it came from.
#[derive(Debug, Clone)]
pub struct Located {
    pub value: String,
    pub span: Range<usize>,
}

/// One entry as written in the file; nothing checked yet but its shape.
#[derive(Debug, Clone)]
pub struct RawEntry {
    /// The whole entry (a CSV row, a TOML table).
    pub span: Range<usize>,
    pub task: Located,
    pub division: Located,
    pub status: Located,
    pub percent: Option<Located>,
    pub note: Option<Located>,
    pub by: Option<Located>,
    pub at: Option<Located>,
}

pub const COLUMNS: [&str; 7] = ["task", "division", "status", "percent", "note", "by", "at"];

/// Reads a batch file: TOML if its name ends in `.toml` or its first
/// significant line opens a table, CSV otherwise.
pub fn read(name: &str, text: &str) -> Result<Vec<RawEntry>, Vec<Diagnostic>> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let is_toml =
        name.to_ascii_lowercase().ends_with(".toml") || first.is_some_and(|l| l.starts_with('['));
    if first.is_none() {
        return Err(vec![Diagnostic {
            span: None,
            message: "the file has no entries".into(),
            expected: "a CSV header line and rows, or [[feedback]] tables".into(),
        }]);
    }
    if is_toml {
        read_toml(text)
    } else {
        read_csv(text)
    }
}

fn problem(
    span: Range<usize>,
    message: impl Into<String>,
    expected: impl Into<String>,
) -> Diagnostic {
    Diagnostic {
        span: Some(span),
        message: message.into(),
        expected: expected.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    feedback: Vec<Spanned<TomlEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEntry {
    task: Option<Spanned<String>>,
    division: Option<Spanned<String>>,
    status: Option<Spanned<String>>,
    percent: Option<Spanned<toml::Value>>,
    note: Option<Spanned<String>>,
    by: Option<Spanned<String>>,
    at: Option<Spanned<toml::Value>>,
}

fn located(v: &Spanned<String>) -> Located {
    Located {
        value: v.get_ref().clone(),
        span: v.span(),
    }
}

/// A TOML value given as text: strings as they are, numbers and dates in
/// their TOML form.
fn located_value(v: &Spanned<toml::Value>) -> Located {
    let value = match v.get_ref() {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Located {
        value,
        span: v.span(),
    }
}

fn read_toml(text: &str) -> Result<Vec<RawEntry>, Vec<Diagnostic>> {
    let file: TomlFile = toml::from_str(text).map_err(|e| {
        let mut problem = crate::plan::toml_problem(&e);
        if problem.message.contains("a sequence") || problem.expected.contains("a list in [ ]") {
            problem.expected = "[[feedback]] with double brackets, one table per entry".into();
        }
        vec![problem]
    })?;
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for entry in &file.feedback {
        let span = entry.span();
        let e = entry.get_ref();
        let mut need = |field: &Option<Spanned<String>>, name: &str| match field {
            Some(v) => Some(located(v)),
            None => {
                problems.push(problem(
                    span.clone(),
                    format!("this [[feedback]] entry has no `{name}`"),
                    format!("a line `{name} = \"...\"`"),
                ));
                None
            }
        };
        let (task, division, status) = (
            need(&e.task, "task"),
            need(&e.division, "division"),
            need(&e.status, "status"),
        );
        if let (Some(task), Some(division), Some(status)) = (task, division, status) {
            entries.push(RawEntry {
                span: span.clone(),
                task,
                division,
                status,
                percent: e.percent.as_ref().map(located_value),
                note: e.note.as_ref().map(located),
                by: e.by.as_ref().map(located),
                at: e.at.as_ref().map(located_value),
            });
        }
    }
    if file.feedback.is_empty() {
        problems.push(Diagnostic {
            span: None,
            message: "the file has no [[feedback]] tables".into(),
            expected: "one [[feedback]] table per entry".into(),
        });
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

fn read_csv(text: &str) -> Result<Vec<RawEntry>, Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let header_span = 0..text.find('\n').unwrap_or(text.len());
    let headers = reader
        .headers()
        .map_err(|e| vec![csv_problem(&e, text)])?
        .clone();
    let mut columns: [Option<usize>; 7] = [None; 7];
    let mut problems = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}');
        match COLUMNS.iter().position(|c| *c == h) {
            Some(c) if columns[c].is_some() => problems.push(problem(
                header_span.clone(),
                format!("the column `{h}` appears twice"),
                "each column once",
            )),
            Some(c) => columns[c] = Some(i),
            None => problems.push(problem(
                header_span.clone(),
                format!("unknown column `{h}`"),
                format!("columns among {}", COLUMNS.join(",")),
            )),
        }
    }
    for (c, name) in COLUMNS.iter().enumerate().take(3) {
        if columns[c].is_none() {
            problems.push(problem(
                header_span.clone(),
                format!("the header has no `{name}` column"),
                "a header with at least task,division,status",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_problem(&e, text));
                continue;
            }
        };
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let span = start..end;
        let cell = |c: usize| -> Option<Located> {
            let i = columns[c]?;
            let value = record.get(i)?.to_string();
            (!value.is_empty()).then(|| Located {
                value,
                span: span.clone(),
            })
        };
        let mut required = |c: usize| {
            let found = cell(c);
            if found.is_none() {
                problems.push(problem(
                    span.clone(),
                    format!("this row has no `{}`", COLUMNS[c]),
                    "a value in every required column",
                ));
            }
            found
        };
        let (task, division, status) = (required(0), required(1), required(2));
        if let (Some(task), Some(division), Some(status)) = (task, division, status) {
            entries.push(RawEntry {
                span: span.clone(),
                task,
                division,
                status,
                percent: cell(3),
                note: cell(4),
                by: cell(5),
                at: cell(6),
            });
        }
    }
    if entries.is_empty() && problems.is_empty() {
        problems.push(problem(
            header_span,
            "the file has a header but no rows",
            "one row per entry",
        ));
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

fn csv_problem(e: &csv::Error, text: &str) -> Diagnostic {
    let start = e
        .position()
        .map_or(0, |p| p.byte() as usize)
        .min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("this row has {len} fields, the header {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "this row is not valid UTF-8".to_string(),
        _ => format!("unreadable CSV: {e}"),
    };
    problem(start..end, message, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_columns_may_come_in_any_order_and_optional_ones_may_be_missing() {
        let text = "status,task,division,note\n推进中,1.7,法规处,已起草\ndone,2.1,法规处,\n";
        let entries = read("x.csv", text).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].task.value, "1.7");
        assert_eq!(entries[0].status.value, "推进中");
        assert_eq!(entries[0].note.as_ref().unwrap().value, "已起草");
        assert!(entries[1].note.is_none());
        assert!(entries[1].at.is_none());
        assert_eq!(&text[entries[1].span.clone()], "done,2.1,法规处,");
    }

    #[test]
    fn toml_entries_keep_their_positions() {
        let text = "[[feedback]]\ntask = \"1.7\"\ndivision = \"法规处\"\nstatus = \"done\"\npercent = 100\nat = 2016-09-30\n";
        let entries = read("x.toml", text).unwrap();
        assert_eq!(entries[0].percent.as_ref().unwrap().value, "100");
        assert_eq!(entries[0].at.as_ref().unwrap().value, "2016-09-30");
        assert_eq!(&text[entries[0].division.span.clone()], "\"法规处\"");
    }

    #[test]
    fn a_csv_without_required_columns_or_with_unknown_ones_is_refused() {
        let problems = read("x.csv", "task,status,who\n1.7,done,x\n").unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown column `who`",
                "the header has no `division` column"
            ]
        );
    }
}
