//! TOML batches: one `[[feedback]]` table per entry, read whole as the TOML
//! parser takes them and handed on one by one.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::problems::Place;
use super::{Cell, Located, Problems, RawEntry};
use crate::messages;
use crate::refusal::{Field, Refusal};

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
    plan: Option<Spanned<String>>,
    division: Option<Spanned<String>>,
    status: Option<Spanned<String>>,
    percent: Option<Spanned<toml::Value>>,
    note: Option<Spanned<String>>,
    by: Option<Spanned<String>>,
    at: Option<Spanned<toml::Value>>,
}

fn located(v: Spanned<String>) -> Located {
    let span = v.span();
    Located {
        value: v.into_inner(),
        cell: Cell::Text(span),
    }
}

/// A TOML value given as text: strings as they are, numbers and dates in
/// their TOML form.
fn located_value(v: Spanned<toml::Value>) -> Located {
    let span = v.span();
    let value = match v.into_inner() {
        toml::Value::String(s) => s,
        other => other.to_string(),
    };
    Located {
        value,
        cell: Cell::Text(span),
    }
}

pub struct Toml {
    text: String,
    entries: std::vec::IntoIter<Spanned<TomlEntry>>,
    /// A line start and its number, where the last place was looked up.
    seen: (usize, usize),
}

impl Toml {
    pub fn new(text: String, problems: &mut Problems) -> Self {
        let mut toml = Toml {
            text,
            entries: Vec::new().into_iter(),
            seen: (0, 1),
        };
        match toml::from_str::<TomlFile>(&toml.text) {
            Err(e) => {
                let problem = crate::plan::toml_problem(&e);
                let mut expected = problem.expected;
                if e.message().contains("a sequence") {
                    expected = Some(messages::expected_feedback_tables());
                }
                let place = problem.span.as_ref().map(|s| toml.place(s));
                problems.push(
                    Refusal::Toml {
                        message: problem.message,
                        expected,
                    },
                    place,
                );
            }
            Ok(file) if file.feedback.is_empty() => problems.push(
                Refusal::Toml {
                    message: messages::no_feedback_tables(),
                    expected: Some(messages::expected_feedback_table_each()),
                },
                None,
            ),
            Ok(file) => toml.entries = file.feedback.into_iter(),
        }
        toml
    }

    pub fn next_entry(&mut self, problems: &mut Problems) -> Option<RawEntry> {
        while let Some(entry) = self.entries.next() {
            let span = entry.span();
            let e = entry.into_inner();
            let mut missing = Vec::new();
            for (present, field) in [
                (e.task.is_some(), Field::Task),
                (e.division.is_some(), Field::Division),
                (e.status.is_some(), Field::Status),
            ] {
                if !present {
                    missing.push(Refusal::NoTomlValue(field));
                }
            }
            if let (Some(task), Some(division), Some(status)) = (e.task, e.division, e.status) {
                return Some(RawEntry {
                    row: Cell::Text(span),
                    task: located(task),
                    plan: e.plan.map(Spanned::into_inner),
                    division: located(division),
                    status: located(status),
                    percent: e.percent.map(located_value),
                    note: e.note.map(located),
                    by: e.by.map(located),
                    at: e.at.map(located_value),
                });
            }
            let place = self.place(&span);
            for r in missing {
                problems.push(r, Some(place.clone()));
            }
        }
        None
    }

    /// Where `span` is: its line and the part of it to mark.
    pub fn place(&mut self, span: &Range<usize>) -> Place {
        let text = self.text.as_bytes();
        let offset = span.start.min(text.len());
        let start = text[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let (from, line) = if self.seen.0 <= start {
            self.seen
        } else {
            (0, 1)
        };
        let line = line + text[from..start].iter().filter(|&&b| b == b'\n').count();
        self.seen = (start, line);
        let end = text[offset..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| offset + i);
        let shown = String::from_utf8_lossy(&text[start..end]);
        let shown = shown.trim_end_matches('\r').to_string();
        let mark_end = span.end.min(end).max(offset) - start;
        let column = shown
            .get(..offset - start)
            .map_or(1, |s| s.chars().count() + 1);
        Place {
            row: line,
            column: column.to_string(),
            mark: (offset - start)..mark_end.min(shown.len()),
            text: shown,
            order: (span.start, 0),
        }
    }
}
