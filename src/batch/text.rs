//! CSV and TSV return files, read a record at a time: a file of any size is
//! checked and recorded without being held in memory. The lines not yet dealt
//! with are kept, to show a problem with its line.

use std::io::{self, Read};
use std::ops::Range;

use super::columns::{is_note_row, is_subheader, labels, layout, merged};
use super::decode::Decoded;
use super::problems::Place;
use super::{Cell, Finished, Frame, Options, Problems, RawEntry};
use crate::refusal::{Field, Refusal};
use crate::spelling::trim;

/// A line of the file: what is needed to show it.
#[derive(Debug, Clone)]
pub struct Excerpt {
    /// The line's number, from 1.
    pub line: usize,
    /// Where the line starts in the file.
    pub start: usize,
    /// The line, without its line end.
    pub text: String,
}

/// Rows looked at for the header, below a form's title rows.
pub const HEADER_WITHIN: usize = 30;

/// The input of a batch file, handed on to a parser while the lines not yet
/// dealt with are kept for showing problems. Bytes are checked to be UTF-8
/// as they are read.
pub struct Window<R> {
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

impl<R: Read> Window<R> {
    /// The bytes from `range.start` to `range.end`, if they are still held.
    fn slice(&self, range: Range<usize>) -> Option<&[u8]> {
        let start = range.start.checked_sub(self.base)?;
        let end = range.end.checked_sub(self.base)?.min(self.buf.len());
        self.buf.get(start..end.max(start))
    }

    /// What was read of the file so far, from where it is held.
    fn held(&self) -> &[u8] {
        &self.buf
    }

    /// Reads the start of the file, if nothing of it was read yet.
    fn fill_some(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            self.fill()?;
        }
        Ok(())
    }

    /// Whether the file was found not to be UTF-8.
    fn is_invalid(&self) -> bool {
        self.invalid_at.is_some()
    }
}

/// The raw extent of each field of a record: from its first byte (a quote,
/// for a quoted field) to the byte before the delimiter or line end.
fn field_spans(raw: &[u8], delimiter: u8) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        let mut lead = i;
        while lead < raw.len() && raw[lead] == b' ' {
            lead += 1;
        }
        if lead < raw.len() && raw[lead] == b'"' {
            i = lead + 1;
            while i < raw.len() {
                if raw[i] == b'"' {
                    if raw.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        }
        while i < raw.len() && raw[i] != delimiter && raw[i] != b'\n' && raw[i] != b'\r' {
            i += 1;
        }
        spans.push(start..i);
        if i < raw.len() && raw[i] == delimiter {
            i += 1;
        } else {
            break;
        }
    }
    spans
}

/// The part of a field to mark: without the spaces and quotes around it.
fn marked(raw: &[u8], span: Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (span.start, span.end);
    while start < end && matches!(raw[start], b' ' | b'\t' | b'"') {
        start += 1;
    }
    while end > start && matches!(raw[end - 1], b' ' | b'\t' | b'"') {
        end -= 1;
    }
    start..end
}

pub struct Csv<R> {
    /// `None` until the file is known to be CSV (not TOML).
    reader: Option<csv::Reader<Window<Decoded<R>>>>,
    window: Option<Window<Decoded<R>>>,
    delimiter: u8,
    frame: Frame,
    record: csv::StringRecord,
    /// Where the header is, to show it after its line was let go.
    header: Option<Place>,
    /// Data rows seen, recorded or not.
    rows: usize,
    /// A record read (into `record`) and not yet taken: where it starts and
    /// ends.
    pending: Option<(usize, usize)>,
    done: bool,
    failed: bool,
}

impl<R: Read> Csv<R> {
    pub fn new(input: Decoded<R>, options: &Options) -> io::Result<Self> {
        Ok(Csv {
            reader: None,
            window: Some(Window::new(input)),
            delimiter: b',',
            frame: Frame::new(options),
            record: csv::StringRecord::new(),
            header: None,
            rows: 0,
            pending: None,
            done: true,
            failed: false,
        })
    }

    fn window(&mut self) -> &mut Window<Decoded<R>> {
        match (&mut self.reader, &mut self.window) {
            (Some(reader), _) => reader.get_mut(),
            (None, Some(window)) => window,
            (None, None) => unreachable!("a CSV reader holds its window"),
        }
    }

    fn window_ref(&self) -> &Window<Decoded<R>> {
        match (&self.reader, &self.window) {
            (Some(reader), _) => reader.get_ref(),
            (None, Some(window)) => window,
            (None, None) => unreachable!("a CSV reader holds its window"),
        }
    }

    /// The first line that is neither blank nor a comment, trimmed.
    pub fn first_significant_line(&mut self) -> io::Result<Option<String>> {
        self.window().first_significant_line()
    }

    /// All of the file, for TOML: its text, or where it is not UTF-8.
    pub fn read_all(mut self) -> io::Result<Result<String, usize>> {
        let bytes = self.window().read_all()?;
        Ok(String::from_utf8(bytes).map_err(|e| e.utf8_error().valid_up_to()))
    }

    pub fn failed(&self) -> bool {
        self.failed
    }

    /// Finds the header below any title rows, and what the lines above it
    /// say of the whole form.
    pub fn start(&mut self, problems: &mut Problems) -> io::Result<()> {
        // Tabs rather than commas: a TSV file, or Excel's "Unicode text".
        {
            let window = self.window();
            window.fill_some()?;
            let held = window.held();
            let tabs = held.iter().filter(|&&b| b == b'\t').count();
            let commas = held.iter().filter(|&&b| b == b',').count();
            self.delimiter = if tabs > commas { b'\t' } else { b',' };
        }
        let window = self.window.take().expect("not started yet");
        self.reader = Some(
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(self.delimiter)
                .comment(Some(b'#'))
                .from_reader(window),
        );
        let mut seen = 0;
        let mut label_cells: Vec<(Field, String, Range<usize>)> = Vec::new();
        let name = |i: usize| (i + 1).to_string();
        let mut above: Option<Vec<String>> = None;
        while seen < HEADER_WITHIN {
            let Some((start, end)) = self.next_record(problems)? else {
                break;
            };
            let owned: Vec<String> = self.record.iter().map(str::to_string).collect();
            let cells: Vec<&str> = owned.iter().map(String::as_str).collect();
            if cells.iter().all(|c| trim(c).is_empty()) {
                continue;
            }
            seen += 1;
            let raw = self.raw(start..end);
            let spans = field_spans(&raw, self.delimiter);
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
                for (field, value, i) in labels(&cells) {
                    let at = spans
                        .get(i)
                        .map_or(start..end, |s| start + s.start..start + s.end);
                    label_cells.push((field, value, at));
                }
                above = Some(owned);
                continue;
            };
            // A header alone, with a row under it naming the columns of its
            // groups; any other row is the first of the data.
            if let Some(next) = self.next_record(problems)? {
                let below: Vec<String> = self.record.iter().map(str::to_string).collect();
                let below: Vec<&str> = below.iter().map(String::as_str).collect();
                let both = merged(&cells, &below);
                let both: Vec<&str> = both.iter().map(String::as_str).collect();
                match is_subheader(&below).then(|| super::columns::layout(&both, &name)) {
                    Some(Some(two)) => (layout, header_problems) = two,
                    _ => self.pending = Some(next),
                }
            }
            self.header = self.place(&(start..end))?;
            for (r, column) in header_problems {
                let at = column
                    .and_then(|i| spans.get(i))
                    .map_or(start..end, |s| start + s.start..start + s.end);
                let place = self.place(&at)?;
                problems.push(r, place);
                self.failed = true;
            }
            for (field, value, at) in label_cells {
                self.frame.learn(field, value, Cell::Text(at));
            }
            self.frame.layout = layout;
            if self.frame.lacks_division() {
                let place = self.place(&(start..end))?;
                problems.push(Refusal::NoDivision, place);
                self.failed = true;
            }
            self.done = self.failed;
            return Ok(());
        }
        if !self.window_ref().is_invalid() {
            problems.push(
                if seen == 0 {
                    Refusal::NoEntries
                } else {
                    Refusal::NoHeader { rows: seen }
                },
                None,
            );
        }
        self.failed = true;
        Ok(())
    }

    /// Columns of the header that are not read, as `5 (联系电话)`.
    pub fn unread_columns(&self) -> Vec<String> {
        self.frame
            .layout
            .unread
            .iter()
            .map(|(i, h)| format!("{} ({h})", i + 1))
            .collect()
    }

    /// The bytes of the file from `range.start` to `range.end`, while held.
    fn raw(&self, range: Range<usize>) -> Vec<u8> {
        self.window_ref().slice(range).unwrap_or_default().to_vec()
    }

    /// Reads the next record into `self.record`: where it starts and ends,
    /// or `None` at the end (or once the file is known not to be text).
    fn next_record(&mut self, problems: &mut Problems) -> io::Result<Option<(usize, usize)>> {
        loop {
            let Some(reader) = self.reader.as_mut() else {
                return Ok(None);
            };
            let more = reader.read_record(&mut self.record);
            if reader.get_ref().is_invalid() {
                return Ok(None);
            }
            match more {
                Ok(true) => {
                    let mut start = self.record.position().map_or(0, |p| p.byte() as usize);
                    let end = reader.position().byte() as usize;
                    // After a CRLF line end, the parser's record starts at
                    // the LF: the record itself starts after it.
                    let held = reader.get_ref().slice(start..end).unwrap_or_default();
                    start += held
                        .iter()
                        .take_while(|&&b| b == b'\r' || b == b'\n')
                        .count();
                    return Ok(Some((start, end)));
                }
                Ok(false) => return Ok(None),
                Err(e) => {
                    if let csv::ErrorKind::Io(e) = e.kind() {
                        return Err(io::Error::new(e.kind(), e.to_string()));
                    }
                    let start = e.position().map_or(0, |p| p.byte() as usize);
                    let place = self.place(&(start..start))?;
                    problems.push(
                        Refusal::UnreadableRow(crate::messages::as_reported(e.to_string())),
                        place,
                    );
                }
            }
        }
    }

    pub fn next_entry(
        &mut self,
        problems: &mut Problems,
        finished: &mut Finished,
    ) -> io::Result<Option<RawEntry>> {
        if finished.unread_columns.is_empty() {
            finished.unread_columns = self.unread_columns();
        }
        while !self.done {
            let next = match self.pending.take() {
                Some(pending) => Some(pending),
                None => self.next_record(problems)?,
            };
            let Some((start, end)) = next else {
                self.done = true;
                if self.rows == 0 && problems.is_empty() && finished.left_blank.is_empty() {
                    problems.push(Refusal::HeaderOnly, self.header.clone());
                }
                break;
            };
            let cells: Vec<&str> = self.record.iter().collect();
            if cells.iter().all(|c| trim(c).is_empty())
                || is_note_row(&cells, self.frame.layout.column(Field::Task))
            {
                continue;
            }
            self.rows += 1;
            let raw = self.raw(start..end);
            let spans: Vec<Range<usize>> = field_spans(&raw, self.delimiter)
                .into_iter()
                .map(|s| {
                    let m = marked(&raw, s);
                    start + m.start..start + m.end
                })
                .collect();
            let span_of = |i: usize| spans.get(i).cloned().unwrap_or(start..start);
            let width = self.frame.layout.width;
            if self.record.len() > width {
                let extra = (width..self.record.len()).find(|&i| !trim(&self.record[i]).is_empty());
                if let Some(i) = extra {
                    let place = self.place(&span_of(i))?;
                    problems.push(
                        Refusal::TooManyFields {
                            len: self.record.len(),
                            header: width,
                        },
                        place,
                    );
                    continue;
                }
            }
            let mut found = Vec::new();
            let record = &self.record;
            let entry = self.frame.entry(
                |_, c| record.get(c).map(str::to_string),
                |c| Cell::Text(span_of(c)),
                &mut found,
                finished,
            );
            for (refusal, cell) in found {
                let place = match &cell {
                    Cell::Text(span) => self.place(span)?,
                    _ => None,
                };
                problems.push(refusal, place);
            }
            if entry.is_some() {
                return Ok(entry);
            }
        }
        Ok(None)
    }

    /// Where `span` is: its line, and the part of it to mark.
    pub fn place(&mut self, span: &Range<usize>) -> io::Result<Option<Place>> {
        let Some(excerpt) = self.window().excerpt(span.start)? else {
            return Ok(None);
        };
        let text = excerpt.text.trim_end_matches('\r').to_string();
        let from = span.start - excerpt.start;
        let to = (span.end.max(span.start) - excerpt.start).min(text.len());
        let from = floor_char(&text, from.min(text.len()));
        let to = floor_char(&text, to.max(from));
        let column = text[..from].chars().count() + 1;
        Ok(Some(Place {
            row: excerpt.line,
            column: column.to_string(),
            text,
            mark: from..to,
            order: (span.start, 0),
        }))
    }

    /// The entries read so far are dealt with: their lines need not be kept
    /// (a record read ahead keeps its own).
    pub fn release(&mut self) {
        if let Some(reader) = &mut self.reader {
            let next = match self.pending {
                Some((start, _)) => start,
                None => reader.position().byte() as usize,
            };
            reader.get_mut().forget_before(next);
        }
    }

    /// Reads the rest of the file to check that it is text: where it is not
    /// UTF-8, if anywhere.
    pub fn finish(mut self) -> io::Result<Option<usize>> {
        let window = self.window();
        window.read_to_end()?;
        Ok(window.invalid_at)
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Outcome {
        csv: Csv<io::Cursor<Vec<u8>>>,
        /// Each entry as `task division status percent note`.
        entries: Vec<String>,
        /// The place of each entry's status.
        statuses: Vec<Place>,
        problems: Vec<Refusal>,
        finished: Finished,
    }

    fn read(text: &str) -> Outcome {
        read_bytes(text.as_bytes().to_vec())
    }

    fn read_bytes(bytes: Vec<u8>) -> Outcome {
        let mut problems = Problems::default();
        let mut finished = Finished::default();
        let decoded = Decoded::new(io::Cursor::new(bytes), false).unwrap();
        let mut csv = Csv::new(decoded, &Options::default()).unwrap();
        csv.start(&mut problems).unwrap();
        let (mut entries, mut statuses) = (Vec::new(), Vec::new());
        while let Some(e) = csv.next_entry(&mut problems, &mut finished).unwrap() {
            let value = |l: Option<super::super::Located>| l.map_or("-".to_string(), |l| l.value);
            entries.push(format!(
                "{} {} {} {} {}",
                e.task.value,
                e.division.value,
                e.status.value,
                value(e.percent),
                value(e.note)
            ));
            let Cell::Text(span) = &e.status.cell else {
                panic!("a text file's cell is a span");
            };
            statuses.push(csv.place(span).unwrap().unwrap());
        }
        Outcome {
            csv,
            entries,
            statuses,
            problems: problems.refusals().cloned().collect(),
            finished,
        }
    }

    fn place(row: usize, column: usize, text: &str, mark: Range<usize>, at: usize) -> Place {
        Place {
            row,
            column: column.to_string(),
            text: text.into(),
            mark,
            order: (at, 0),
        }
    }

    #[test]
    fn a_form_below_its_title_reads_row_by_row_with_each_value_placed() {
        let read = read(concat!(
            "2016年进展情况反馈表,,,\r\n",
            "填报单位：法规处,,,\r\n",
            ",,,\r\n",
            "编号,状态,进度(%),备注\r\n",
            "2.1,推进中,50,\"初稿, 已报送\"\r\n",
            " 2.2 ,\"已完成\" ,100,\r\n",
            "2.3,,,\r\n",
            "注：状态从下拉列表中选择。,,,\r\n",
        ));
        assert_eq!(read.problems, []);
        assert_eq!(
            read.entries,
            [
                "2.1 法规处 推进中 50 初稿, 已报送",
                "2.2 法规处 已完成 100 -"
            ]
        );
        let line5 = "2.1,推进中,50,\"初稿, 已报送\"";
        let line6 = " 2.2 ,\"已完成\" ,100,";
        let at5 =
            "2016年进展情况反馈表,,,\r\n填报单位：法规处,,,\r\n,,,\r\n编号,状态,进度(%),备注\r\n"
                .len();
        let at6 = at5 + line5.len() + 2;
        assert_eq!(
            read.statuses,
            [
                place(5, 5, line5, 4..13, at5 + 4),
                place(6, 8, line6, 7..16, at6 + 7)
            ]
        );
        assert_eq!(read.finished.left_blank, ["2.3"]);
        assert!(!read.csv.failed());
    }

    #[test]
    fn a_file_of_tabs_is_read_by_its_tabs() {
        let read = read("编号\t处室\t状态\t备注\n2.1\t法规处\t推进中\t一，二,三\n");
        assert_eq!(read.problems, []);
        assert_eq!(read.entries, ["2.1 法规处 推进中 - 一，二,三"]);
        assert_eq!(
            read.statuses,
            [place(2, 9, "2.1\t法规处\t推进中\t一，二,三", 14..23, 42)]
        );
    }

    #[test]
    fn a_row_with_more_values_than_the_header_has_columns_is_not_read() {
        let read = read("编号,处室,状态\n2.1,法规处,推进中,,\n2.2,法规处,推进中,多余\n");
        assert_eq!(read.entries, ["2.1 法规处 推进中 - -"]);
        assert_eq!(
            read.problems,
            [Refusal::TooManyFields { len: 4, header: 3 }]
        );
    }

    #[test]
    fn the_header_is_looked_for_in_the_first_thirty_rows_that_are_not_empty() {
        let form = |titles: usize| {
            let mut text = "说明文字\n".repeat(titles);
            text.push_str("\n编号,处室,状态\n2.1,法规处,推进中\n");
            text
        };
        let found = read(&form(HEADER_WITHIN - 1));
        assert_eq!(found.problems, []);
        assert_eq!(found.entries, ["2.1 法规处 推进中 - -"]);
        let late = read(&form(HEADER_WITHIN));
        assert_eq!(
            late.problems,
            [Refusal::NoHeader {
                rows: HEADER_WITHIN
            }]
        );
        assert!(late.entries.is_empty());
        assert!(late.csv.failed());
        assert_eq!(
            read("说明\n\n2.1,法规处\n").problems,
            [Refusal::NoHeader { rows: 2 }]
        );
        assert_eq!(read("\n,,\n").problems, [Refusal::NoEntries]);
        assert_eq!(read("编号,处室,状态\n,,\n").problems, [Refusal::HeaderOnly]);
    }

    #[test]
    fn a_header_of_two_rows_reads_as_one() {
        let read = read(concat!(
            "序号,处室,进展情况,,填报人\n",
            ",,状态,进度(%),\n",
            "1,法规处,推进中,30,张敏\n",
        ));
        assert_eq!(read.problems, []);
        assert_eq!(read.entries, ["1 法规处 推进中 30 -"]);
    }

    #[test]
    fn a_header_with_a_part_twice_is_a_problem_of_the_file() {
        let read = read("编号,日期,填报日期,状态,处室,电话号\n2.1,,,推进中,法规处,\n");
        assert_eq!(
            read.problems,
            [Refusal::TwoColumns {
                field: Field::At,
                first: "2 (日期)".into(),
                second: "3 (填报日期)".into()
            }]
        );
        assert!(read.entries.is_empty());
        assert!(read.csv.failed());
        assert_eq!(read.csv.unread_columns(), ["6 (电话号)"]);
    }

    #[test]
    fn a_file_not_quite_text_is_told_where_it_stops_being_text() {
        // Mostly UTF-8, so read as such, with one byte that is not.
        let read = read_bytes(["编号,处室,状态\n2.1,x,".as_bytes(), b"\xff\n"].concat());
        assert_eq!(read.problems, []);
        assert!(read.entries.is_empty());
        assert_eq!(read.csv.finish().unwrap(), Some(27));
    }

    #[test]
    fn the_first_line_that_says_something() {
        let mut csv = Csv::new(
            Decoded::new(&b"\n# a comment\n  [plan]  \nid = 1\n"[..], false).unwrap(),
            &Options::default(),
        )
        .unwrap();
        assert_eq!(
            csv.first_significant_line().unwrap().as_deref(),
            Some("[plan]")
        );
        assert_eq!(
            csv.read_all().unwrap(),
            Ok("\n# a comment\n  [plan]  \nid = 1\n".to_string())
        );
    }

    #[test]
    fn lines_dealt_with_are_let_go_and_later_lines_keep_their_numbers() {
        let text = "编号,处室,状态\n2.1,法规处,推进中\n\n2.2,法规处,已完成\n2.3,新闻中心,推进中\n";
        let mut problems = Problems::default();
        let mut finished = Finished::default();
        let decoded = Decoded::new(io::Cursor::new(text.as_bytes().to_vec()), false).unwrap();
        let mut csv = Csv::new(decoded, &Options::default()).unwrap();
        csv.start(&mut problems).unwrap();
        let status = |e: RawEntry| match e.status.cell {
            Cell::Text(span) => span,
            _ => panic!("a text file's cell is a span"),
        };
        let mut next = || {
            csv.next_entry(&mut problems, &mut finished)
                .unwrap()
                .map(status)
        };
        let first = next().unwrap();
        let second = next().unwrap();
        csv.release();
        assert_eq!(csv.place(&first).unwrap(), None);
        assert_eq!(csv.place(&second).unwrap(), None);
        let third = csv
            .next_entry(&mut problems, &mut finished)
            .unwrap()
            .map(status)
            .unwrap();
        assert_eq!(
            csv.place(&third).unwrap(),
            Some(place(5, 10, "2.3,新闻中心,推进中", 17..26, text.len() - 10))
        );
        csv.release();
        assert_eq!(csv.place(&third).unwrap(), None);
        assert!(problems.is_empty());
        assert_eq!(csv.finish().unwrap(), None);
    }

    #[test]
    fn a_long_file_reads_whole_with_characters_across_its_reads() {
        let mut text = "编号,处室,状态,备注\n".to_string();
        for i in 0..3000 {
            text.push_str(&format!("{i},法规处,推进中,已完成初稿并报送审核\n"));
        }
        let read = read(&text);
        assert_eq!(read.problems, []);
        assert_eq!(read.entries.len(), 3000);
        assert_eq!(
            read.entries[2999],
            "2999 法规处 推进中 - 已完成初稿并报送审核"
        );
        assert_eq!(read.statuses[2999].row, 3001);
        assert_eq!(read.csv.finish().unwrap(), None);
    }

    #[test]
    fn tabs_are_told_from_commas_by_the_whole_start_of_the_file() {
        // A long note with commas, then rows of tabs.
        let mut text = format!(
            "填表说明：{}\n",
            "状态填写推进中,已完成或未启动,".repeat(40)
        );
        text.push_str("编号\t处室\t状态\n");
        for i in 0..100 {
            text.push_str(&format!("{i}\t法规处\t推进中\n"));
        }
        let read = read(&text);
        assert_eq!(read.problems, []);
        assert_eq!(read.entries.len(), 100);
        assert_eq!(read.entries[0], "0 法规处 推进中 - -");
    }

    /// Input interrupted before each read, that fails at its end if told to.
    struct Flaky {
        data: io::Cursor<Vec<u8>>,
        interrupted: bool,
        fails: bool,
    }

    impl Read for Flaky {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.interrupted = !self.interrupted;
            if self.interrupted {
                return Err(io::ErrorKind::Interrupted.into());
            }
            match self.data.read(buf)? {
                0 if self.fails => Err(io::Error::other("the disk is gone")),
                n => Ok(n),
            }
        }
    }

    #[test]
    fn an_interrupted_read_is_tried_again_and_a_failed_one_is_told() {
        let flaky = |text: &str, fails| Flaky {
            data: io::Cursor::new(text.as_bytes().to_vec()),
            interrupted: false,
            fails,
        };
        let mut window = Window::new(flaky("\n# 说明\n编号,状态\n", false));
        assert_eq!(
            window.first_significant_line().unwrap().as_deref(),
            Some("编号,状态")
        );
        let mut window = Window::new(flaky("\n# 说明\n", true));
        let error = window.first_significant_line().unwrap_err();
        assert_eq!(error.to_string(), "the disk is gone");
    }

    #[test]
    fn the_first_line_that_says_something_is_text_or_nothing() {
        let first = |bytes: &[u8]| {
            Window::new(io::Cursor::new(bytes.to_vec()))
                .first_significant_line()
                .unwrap()
        };
        // The last line needs no line end.
        assert_eq!(first(b"\n# plan\n  [plan]").as_deref(), Some("[plan]"));
        assert_eq!(first(b"\n# plan\n\n"), None);
        // Bytes that are not UTF-8 before it: it is not known.
        assert_eq!(first(b"# \xff\n[plan]\n"), None);
        assert_eq!(first(b"[plan]\n\xff\n").as_deref(), Some("[plan]"));
    }

    #[test]
    fn a_long_file_not_text_at_its_end_is_told_where() {
        let mut text = "编号,日期,填报日期,状态\n".to_string();
        for i in 0..10000 {
            text.push_str(&format!("{i},,,推进中\n"));
        }
        let at = text.len() + 3;
        let bytes = [text.as_bytes(), "法规".as_bytes(), b"\xff\n"].concat();
        let mut problems = Problems::default();
        let decoded = Decoded::new(io::Cursor::new(bytes), false).unwrap();
        let mut csv = Csv::new(decoded, &Options::default()).unwrap();
        csv.start(&mut problems).unwrap();
        assert!(csv.failed());
        assert_eq!(csv.finish().unwrap(), Some(at + 3));
    }

    #[test]
    fn a_long_file_let_go_entry_by_entry_reads_whole() {
        let mut text = "编号,处室,状态\n".to_string();
        for i in 0..3000 {
            text.push_str(&format!("{i},法规处,推进中\n"));
        }
        let mut problems = Problems::default();
        let mut finished = Finished::default();
        let decoded = Decoded::new(io::Cursor::new(text.into_bytes()), false).unwrap();
        let mut csv = Csv::new(decoded, &Options::default()).unwrap();
        csv.start(&mut problems).unwrap();
        let mut last = None;
        while let Some(e) = csv.next_entry(&mut problems, &mut finished).unwrap() {
            if let Cell::Text(span) = &e.task.cell {
                last = csv.place(span).unwrap();
            }
            csv.release();
        }
        assert!(problems.is_empty());
        let last = last.unwrap();
        assert_eq!((last.row, last.text.as_str()), (3001, "2999,法规处,推进中"));
    }
}
