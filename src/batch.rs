//! Batch feedback files (SPEC §4): CSV with the header
//! `task,division,status,percent,note,by,at` in any order (only task,
//! division and status required), or TOML with one `[[feedback]]` table per
//! entry. Every value keeps where it came from, for error messages.
//!
//! A CSV file is read entry by entry, so that a batch of any size is checked
//! and recorded without the file or its entries held in memory. Problems
//! keep the line they are on, to be shown as for a plan file without the
//! rest of the file.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::plan::{Diagnostic, PlanErrors};

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

/// Reads a whole batch held in memory: its entries, or every problem of
/// form, with spans into `text`.
pub fn read(name: &str, text: &str) -> Result<Vec<RawEntry>, Vec<Diagnostic>> {
    let mut reader = Reader::new(name, text.as_bytes()).expect("reading from memory");
    let mut entries = Vec::new();
    while let Some(e) = reader.next_entry().expect("reading from memory") {
        entries.push(e);
    }
    match reader.finish().expect("reading from memory") {
        Ok(_) => Ok(entries),
        Err(problems) => Err(problems.into_diagnostics()),
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

/// The line a problem is on: what is needed to show it.
#[derive(Debug, Clone)]
pub struct Excerpt {
    /// The line's number, from 1.
    pub line: usize,
    /// Where the line starts in the file.
    pub start: usize,
    /// The line, without its `\n`.
    pub text: String,
}

/// Problems kept with their message and line; beyond these only their
/// number is kept (a `PlanErrors` shows the first 30).
const KEPT_PROBLEMS: usize = 100;

/// Problems found in a batch file, each with the line it is on.
#[derive(Debug, Default)]
pub struct Problems {
    /// Spans are offsets in the file; with the number of the line the span
    /// starts on.
    list: Vec<(Diagnostic, Option<usize>)>,
    lines: BTreeMap<usize, Excerpt>,
}

impl Problems {
    /// Adds a problem; `excerpt` is the line its span starts on.
    pub fn push(&mut self, problem: Diagnostic, excerpt: Option<Excerpt>) {
        if self.list.len() >= KEPT_PROBLEMS {
            let counted = Diagnostic {
                span: None,
                message: String::new(),
                expected: String::new(),
            };
            self.list.push((counted, None));
            return;
        }
        match (&problem.span, excerpt) {
            (Some(_), Some(excerpt)) => {
                let line = excerpt.line;
                self.lines.entry(line).or_insert(excerpt);
                self.list.push((problem, Some(line)));
            }
            _ => self.list.push((
                Diagnostic {
                    span: None,
                    ..problem
                },
                None,
            )),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems as they were found, with spans into the file.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.list.into_iter().map(|(d, _)| d).collect()
    }

    /// The problems as an error to show. Its source holds the lines of the
    /// problems at their line numbers, and empty lines in between, so that
    /// lines, columns and carets come out as with the whole file.
    pub fn into_errors(self, path: &str, outcome: &'static str) -> PlanErrors {
        let mut source = String::new();
        let mut line = 1;
        // Line number → where it starts in `source` and in the file.
        let mut starts: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (n, excerpt) in &self.lines {
            while line < *n {
                source.push('\n');
                line += 1;
            }
            starts.insert(*n, (source.len(), excerpt.start));
            source.push_str(&excerpt.text);
        }
        let problems = self
            .list
            .into_iter()
            .map(
                |(d, line)| match (d.span.clone(), line.and_then(|n| starts.get(&n))) {
                    (Some(span), Some(&(shown, start))) => Diagnostic {
                        span: Some(shown + (span.start - start)..shown + (span.end - start)),
                        ..d
                    },
                    _ => d,
                },
            )
            .collect();
        PlanErrors {
            path: path.to_string(),
            source,
            problems,
            outcome,
        }
    }
}

/// Reads a batch file entry by entry.
pub struct Reader<R> {
    form: Form<R>,
    /// Problems of form: shapes of entries, the file's header, its encoding.
    problems: Problems,
    entries: usize,
}

enum Form<R> {
    Csv(Box<Csv<R>>),
    Toml(Toml),
    /// Nothing (more) to read.
    Done(Option<Window<R>>),
}

impl<R: Read> Reader<R> {
    /// Starts reading: TOML if the file's name ends in `.toml` or its first
    /// significant line opens a table, CSV otherwise.
    pub fn new(name: &str, input: R) -> io::Result<Self> {
        let mut window = Window::new(input);
        let first = window.first_significant_line()?;
        let mut reader = Reader {
            form: Form::Done(None),
            problems: Problems::default(),
            entries: 0,
        };
        let Some(first) = first else {
            if window.invalid_at.is_none() {
                reader.problems.push(
                    Diagnostic {
                        span: None,
                        message: "the file has no entries".into(),
                        expected: "a CSV header line and rows, or [[feedback]] tables".into(),
                    },
                    None,
                );
            }
            reader.form = Form::Done(Some(window));
            return Ok(reader);
        };
        let is_toml = name.to_ascii_lowercase().ends_with(".toml") || first.starts_with('[');
        reader.form = if is_toml {
            match String::from_utf8(window.read_all()?) {
                Ok(text) => Form::Toml(Toml::new(text, &mut reader.problems)),
                Err(e) => {
                    reader.problems = not_utf8(e.utf8_error().valid_up_to());
                    Form::Done(None)
                }
            }
        } else {
            Form::Csv(Box::new(Csv::new(window, &mut reader.problems)?))
        };
        Ok(reader)
    }

    /// The next entry of the right shape; problems of form are kept for
    /// `finish`. `None` at the end of the file, or once it is known not to
    /// be UTF-8.
    pub fn next_entry(&mut self) -> io::Result<Option<RawEntry>> {
        let entry = match &mut self.form {
            Form::Csv(csv) => csv.next_entry(&mut self.problems, self.entries)?,
            Form::Toml(toml) => toml.next_entry(&mut self.problems),
            Form::Done(_) => None,
        };
        self.entries += usize::from(entry.is_some());
        Ok(entry)
    }

    /// Whether a problem of form was found so far.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// The line of a byte offset of an entry read since the last `release`.
    pub fn excerpt(&mut self, offset: usize) -> io::Result<Option<Excerpt>> {
        match &mut self.form {
            Form::Csv(csv) => csv.window().excerpt(offset),
            Form::Toml(toml) => Ok(toml.excerpt(offset)),
            Form::Done(_) => Ok(None),
        }
    }

    /// The entries read so far are dealt with: their lines need not be kept.
    pub fn release(&mut self) {
        if let Form::Csv(csv) = &mut self.form {
            let next = csv.reader.position().byte() as usize;
            csv.window().forget_before(next);
        }
    }

    /// After the last entry: how many entries were read, or the problems
    /// of form. A file that is not UTF-8 has that one problem.
    pub fn finish(self) -> io::Result<Result<usize, Problems>> {
        let window = match self.form {
            Form::Csv(csv) => Some(csv.reader.into_inner()),
            Form::Done(window) => window,
            Form::Toml(_) => None,
        };
        if let Some(mut window) = window {
            window.read_to_end()?;
            if let Some(at) = window.invalid_at {
                return Ok(Err(not_utf8(at)));
            }
        }
        if self.problems.is_empty() {
            Ok(Ok(self.entries))
        } else {
            Ok(Err(self.problems))
        }
    }
}

fn not_utf8(at: usize) -> Problems {
    let mut problems = Problems::default();
    problems.push(
        Diagnostic {
            span: None,
            message: format!("not a text file: invalid UTF-8 at byte {at}"),
            expected: "CSV or TOML written as UTF-8".into(),
        },
        None,
    );
    problems
}

/// The input of a batch file, handed on to a parser while the lines not yet
/// dealt with are kept for showing problems. Bytes are checked to be UTF-8
/// as they are read.
struct Window<R> {
    input: R,
    /// The file from offset `base`, which starts a line, to what was read.
    buf: Vec<u8>,
    base: usize,
    /// The number of the line at `base`.
    line: usize,
    /// How much of `buf` was handed on.
    given: usize,
    /// How much of `buf` is known to be UTF-8.
    valid: usize,
    /// Where the first byte that is not UTF-8 is, in the file.
    invalid_at: Option<usize>,
    at_end: bool,
}

/// Bytes read from the file at a time.
const CHUNK: usize = 64 * 1024;

impl<R: Read> Window<R> {
    fn new(input: R) -> Self {
        Window {
            input,
            buf: Vec::new(),
            base: 0,
            line: 1,
            given: 0,
            valid: 0,
            invalid_at: None,
            at_end: false,
        }
    }

    /// Reads more of the file into `buf`; false at its end.
    fn fill(&mut self) -> io::Result<bool> {
        if self.at_end {
            return Ok(false);
        }
        let old = self.buf.len();
        self.buf.resize(old + CHUNK, 0);
        let n = loop {
            match self.input.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(old + n);
        self.at_end = n == 0;
        if self.invalid_at.is_none() {
            match std::str::from_utf8(&self.buf[self.valid..]) {
                Ok(_) => self.valid = self.buf.len(),
                Err(e) => {
                    self.valid += e.valid_up_to();
                    // An incomplete sequence at the end may be completed by
                    // the next read, unless there is none.
                    if e.error_len().is_some() || self.at_end {
                        self.invalid_at = Some(self.base + self.valid);
                    }
                }
            }
        }
        Ok(n > 0)
    }

    /// The first line that is neither blank nor a comment, trimmed; `None`
    /// if there is none, or the text is not UTF-8 before it.
    fn first_significant_line(&mut self) -> io::Result<Option<String>> {
        let mut from = 0;
        loop {
            let newline = self.buf[from..].iter().position(|&b| b == b'\n');
            let (end, last) = match newline {
                Some(i) => (from + i, false),
                None if self.fill()? => continue,
                None if from < self.buf.len() => (self.buf.len(), true),
                None => return Ok(None),
            };
            if self.invalid_at.is_some_and(|at| at < self.base + end) {
                return Ok(None);
            }
            let line = std::str::from_utf8(&self.buf[from..end])
                .unwrap_or_default()
                .trim();
            if !line.is_empty() && !line.starts_with('#') {
                return Ok(Some(line.to_string()));
            }
            if last {
                return Ok(None);
            }
            from = end + 1;
        }
    }

    /// All of the file, for a parser that takes it whole.
    fn read_all(&mut self) -> io::Result<Vec<u8>> {
        let mut all = std::mem::take(&mut self.buf);
        self.input.read_to_end(&mut all)?;
        Ok(all)
    }

    /// Reads the rest of the file, only to check that it is UTF-8.
    fn read_to_end(&mut self) -> io::Result<()> {
        while self.invalid_at.is_none() {
            // Only an incomplete sequence at the end is kept.
            let checked = self.valid;
            self.buf.drain(..checked);
            self.base += checked;
            self.given = self.given.saturating_sub(checked);
            self.valid = 0;
            if !self.fill()? {
                break;
            }
        }
        Ok(())
    }

    /// Forgets the lines before the one of `offset`, as far as they were
    /// handed on and checked.
    fn forget_before(&mut self, offset: usize) {
        let end = offset
            .saturating_sub(self.base)
            .min(self.given)
            .min(self.valid);
        let Some(last) = self.buf[..end].iter().rposition(|&b| b == b'\n') else {
            return;
        };
        let gone = last + 1;
        self.line += self.buf[..gone].iter().filter(|&&b| b == b'\n').count();
        self.buf.drain(..gone);
        self.base += gone;
        self.given -= gone;
        self.valid -= gone;
    }

    /// The first `\n` at or after `offset`, or the end of the file.
    fn line_end(&mut self, offset: usize) -> io::Result<usize> {
        let at = offset.saturating_sub(self.base).min(self.buf.len());
        let mut from = at;
        loop {
            if let Some(i) = self.buf[from..].iter().position(|&b| b == b'\n') {
                return Ok(self.base + from + i);
            }
            from = self.buf.len();
            if !self.fill()? {
                return Ok(self.base + self.buf.len());
            }
        }
    }

    /// The line `offset` is on, if it was not forgotten.
    fn excerpt(&mut self, offset: usize) -> io::Result<Option<Excerpt>> {
        if offset < self.base {
            return Ok(None);
        }
        let end = self.line_end(offset)? - self.base;
        let at = (offset - self.base).min(end);
        let start = self.buf[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = self.line + self.buf[..start].iter().filter(|&&b| b == b'\n').count();
        Ok(Some(Excerpt {
            line,
            start: self.base + start,
            text: String::from_utf8_lossy(&self.buf[start..end]).into_owned(),
        }))
    }
}

impl<R: Read> Read for Window<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.given == self.buf.len() && !self.fill()? {
            return Ok(0);
        }
        let n = out.len().min(self.buf.len() - self.given);
        out[..n].copy_from_slice(&self.buf[self.given..self.given + n]);
        self.given += n;
        Ok(n)
    }
}

struct Csv<R> {
    reader: csv::Reader<Window<R>>,
    /// Where each of `COLUMNS` is in a row.
    columns: [Option<usize>; 7],
    header: Range<usize>,
    header_excerpt: Option<Excerpt>,
    record: csv::StringRecord,
    done: bool,
}

impl<R: Read> Csv<R> {
    fn new(window: Window<R>, problems: &mut Problems) -> io::Result<Self> {
        let mut csv = Csv {
            reader: csv::ReaderBuilder::new()
                .has_headers(true)
                .trim(csv::Trim::All)
                .comment(Some(b'#'))
                .from_reader(window),
            columns: [None; 7],
            header: 0..0,
            header_excerpt: None,
            record: csv::StringRecord::new(),
            done: true,
        };
        csv.header = 0..csv.window().line_end(0)?;
        csv.header_excerpt = csv.window().excerpt(0)?;
        let headers = match csv.reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let problem = csv.problem(&e)?;
                if let Some((d, excerpt)) = problem {
                    problems.push(d, excerpt);
                }
                return Ok(csv);
            }
        };
        let before = problems.list.len();
        let (header, excerpt) = (csv.header.clone(), csv.header_excerpt.clone());
        let mut located = |d: Diagnostic| problems.push(d, excerpt.clone());
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim_start_matches('\u{feff}');
            match COLUMNS.iter().position(|c| *c == h) {
                Some(c) if csv.columns[c].is_some() => located(problem(
                    header.clone(),
                    format!("the column `{h}` appears twice"),
                    "each column once",
                )),
                Some(c) => csv.columns[c] = Some(i),
                None => located(problem(
                    header.clone(),
                    format!("unknown column `{h}`"),
                    format!("columns among {}", COLUMNS.join(",")),
                )),
            }
        }
        for (c, name) in COLUMNS.iter().enumerate().take(3) {
            if csv.columns[c].is_none() {
                located(problem(
                    header.clone(),
                    format!("the header has no `{name}` column"),
                    "a header with at least task,division,status",
                ));
            }
        }
        csv.done = problems.list.len() > before;
        Ok(csv)
    }

    fn window(&mut self) -> &mut Window<R> {
        self.reader.get_mut()
    }

    /// A problem the CSV parser found, with its line; `None` if the file is
    /// not UTF-8, which is the one problem then.
    fn problem(&mut self, e: &csv::Error) -> io::Result<Option<(Diagnostic, Option<Excerpt>)>> {
        let message = match e.kind() {
            csv::ErrorKind::Io(e) => return Err(io::Error::new(e.kind(), e.to_string())),
            csv::ErrorKind::Utf8 { .. } if self.window().invalid_at.is_some() => return Ok(None),
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("this row has {len} fields, the header {expected_len}")
            }
            csv::ErrorKind::Utf8 { .. } => "this row is not valid UTF-8".to_string(),
            _ => format!("unreadable CSV: {e}"),
        };
        let start = e.position().map_or(0, |p| p.byte() as usize);
        let end = self.window().line_end(start)?;
        let excerpt = self.window().excerpt(start)?;
        Ok(Some((problem(start..end, message, ""), excerpt)))
    }

    fn next_entry(&mut self, problems: &mut Problems, read: usize) -> io::Result<Option<RawEntry>> {
        while !self.done {
            let more = self.reader.read_record(&mut self.record);
            if self.window().invalid_at.is_some() {
                self.done = true;
                break;
            }
            match more {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    if read == 0 && problems.is_empty() {
                        problems.push(
                            problem(
                                self.header.clone(),
                                "the file has a header but no rows",
                                "one row per entry",
                            ),
                            self.header_excerpt.clone(),
                        );
                    }
                    break;
                }
                Err(e) => {
                    match self.problem(&e)? {
                        Some((d, excerpt)) => problems.push(d, excerpt),
                        None => self.done = true,
                    }
                    continue;
                }
            }
            let start = self.record.position().map_or(0, |p| p.byte() as usize);
            let span = start..self.window().line_end(start)?;
            let cell = |c: usize| -> Option<Located> {
                let value = self.record.get(self.columns[c]?)?;
                (!value.is_empty()).then(|| Located {
                    value: value.to_string(),
                    span: span.clone(),
                })
            };
            let mut missing = Vec::new();
            let (task, division, status) = (cell(0), cell(1), cell(2));
            for (c, found) in [&task, &division, &status].into_iter().enumerate() {
                if found.is_none() {
                    missing.push(problem(
                        span.clone(),
                        format!("this row has no `{}`", COLUMNS[c]),
                        "a value in every required column",
                    ));
                }
            }
            if let (Some(task), Some(division), Some(status)) = (task, division, status) {
                return Ok(Some(RawEntry {
                    span: span.clone(),
                    task,
                    division,
                    status,
                    percent: cell(3),
                    note: cell(4),
                    by: cell(5),
                    at: cell(6),
                }));
            }
            let excerpt = self.window().excerpt(start)?;
            for d in missing {
                problems.push(d, excerpt.clone());
            }
        }
        Ok(None)
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

fn located(v: Spanned<String>) -> Located {
    let span = v.span();
    Located {
        value: v.into_inner(),
        span,
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
    Located { value, span }
}

/// A TOML batch: read whole, as the TOML parser takes it; its entries are
/// handed on one by one.
struct Toml {
    text: String,
    entries: std::vec::IntoIter<Spanned<TomlEntry>>,
    /// A line start and its number, where the last excerpt was looked up.
    seen: (usize, usize),
}

impl Toml {
    fn new(text: String, problems: &mut Problems) -> Self {
        let mut toml = Toml {
            text,
            entries: Vec::new().into_iter(),
            seen: (0, 1),
        };
        match toml::from_str::<TomlFile>(&toml.text) {
            Err(e) => {
                let mut problem = crate::plan::toml_problem(&e);
                if problem.message.contains("a sequence")
                    || problem.expected.contains("a list in [ ]")
                {
                    problem.expected =
                        "[[feedback]] with double brackets, one table per entry".into();
                }
                let excerpt = problem.span.as_ref().and_then(|s| toml.excerpt(s.start));
                problems.push(problem, excerpt);
            }
            Ok(file) if file.feedback.is_empty() => problems.push(
                Diagnostic {
                    span: None,
                    message: "the file has no [[feedback]] tables".into(),
                    expected: "one [[feedback]] table per entry".into(),
                },
                None,
            ),
            Ok(file) => toml.entries = file.feedback.into_iter(),
        }
        toml
    }

    fn next_entry(&mut self, problems: &mut Problems) -> Option<RawEntry> {
        while let Some(entry) = self.entries.next() {
            let span = entry.span();
            let e = entry.into_inner();
            let mut missing = Vec::new();
            for (field, name) in [
                (&e.task, "task"),
                (&e.division, "division"),
                (&e.status, "status"),
            ] {
                if field.is_none() {
                    missing.push(problem(
                        span.clone(),
                        format!("this [[feedback]] entry has no `{name}`"),
                        format!("a line `{name} = \"...\"`"),
                    ));
                }
            }
            if let (Some(task), Some(division), Some(status)) = (e.task, e.division, e.status) {
                return Some(RawEntry {
                    span,
                    task: located(task),
                    division: located(division),
                    status: located(status),
                    percent: e.percent.map(located_value),
                    note: e.note.map(located),
                    by: e.by.map(located),
                    at: e.at.map(located_value),
                });
            }
            let excerpt = self.excerpt(span.start);
            for d in missing {
                problems.push(d, excerpt.clone());
            }
        }
        None
    }

    /// The line `offset` is on. Problems come in the order of the file, so
    /// lines are counted on from the last one looked up.
    fn excerpt(&mut self, offset: usize) -> Option<Excerpt> {
        let text = self.text.as_bytes();
        let offset = offset.min(text.len());
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
        Some(Excerpt {
            line,
            start,
            text: String::from_utf8_lossy(&text[start..end]).into_owned(),
        })
    }
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

    /// A problem far into a file read in small pieces is shown with its
    /// line, its number and its column, as if the whole file were kept.
    #[test]
    fn problems_keep_their_lines_when_the_file_is_not_kept() {
        let mut text = String::from("task,division,status\n");
        for i in 0..20_000 {
            text += &format!("{i},法规处,done\n");
        }
        text += "# 注释\n1.7,法规处\n";
        let mut reader = Reader::new("x.csv", text.as_bytes()).unwrap();
        let mut n = 0;
        while reader.next_entry().unwrap().is_some() {
            n += 1;
            reader.release();
        }
        assert_eq!(n, 20_000);
        let shown = reader
            .finish()
            .unwrap()
            .unwrap_err()
            .into_errors("x.csv", "nothing");
        let whole = PlanErrors {
            path: "x.csv".into(),
            source: text.clone(),
            problems: read("x.csv", &text).unwrap_err(),
            outcome: "nothing",
        };
        assert_eq!(shown.to_string(), whole.to_string());
        assert!(shown
            .to_string()
            .contains("x.csv:20002:1: this row has 2 fields"));
    }

    #[test]
    fn a_file_that_is_not_utf8_far_in_has_that_one_problem() {
        let mut bytes = b"task,division,status,who\n".to_vec();
        for _ in 0..10_000 {
            bytes.extend_from_slice("1.7,法规处,done\n".as_bytes());
        }
        let at = bytes.len() + 4;
        bytes.extend_from_slice(b"1.7,\xff,done\n");
        let mut reader = Reader::new("x.csv", bytes.as_slice()).unwrap();
        while reader.next_entry().unwrap().is_some() {}
        let problems = reader.finish().unwrap().unwrap_err().into_diagnostics();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].message,
            format!("not a text file: invalid UTF-8 at byte {at}")
        );
    }
}
