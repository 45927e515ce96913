//! Return files: the feedback entries of a workbook (.xlsx, .xls, .ods), a
//! CSV or TSV file (UTF-8, UTF-16 or GB18030), or a TOML batch, turned into
//! the same raw entries whatever the file. Every value keeps the cell it came
//! from, so that a problem is shown where it is.
//!
//! A text file is read entry by entry, so that a batch of any size is
//! checked and recorded without the file held in memory; a workbook is read
//! whole, as its format requires.

mod columns;
pub mod decode;
mod problems;
mod sheet;
mod text;
mod toml;

use std::io::{self, Read};
use std::ops::Range;

pub use columns::{heading, Heading};
pub use problems::{Place, Problems, ReturnErrors};

use crate::refusal::{Field, Refusal};
use crate::spelling;

/// Where a value is in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Bytes of a text file (after decoding to UTF-8).
    Text(Range<usize>),
    /// A cell of a worksheet: row and column from 0.
    Sheet { row: u32, column: u32 },
    /// Given on the command line, not in the file.
    Nowhere,
}

/// A value and the cell it came from.
#[derive(Debug, Clone)]
pub struct Located {
    pub value: String,
    pub cell: Cell,
}

/// One entry as written in the file: its required values present, nothing
/// else checked yet.
#[derive(Debug, Clone)]
pub struct RawEntry {
    /// The entry as a whole: a row's first cell, a TOML table.
    pub row: Cell,
    pub task: Located,
    /// The plan of the task id, when the file names it (a `plan` column,
    /// a line `方案：ID` above the header).
    pub plan: Option<String>,
    pub division: Located,
    pub status: Located,
    pub percent: Option<Located>,
    pub note: Option<Located>,
    pub by: Option<Located>,
    pub at: Option<Located>,
}

/// What a reader is told besides the file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The division of rows that name none (`--division`).
    pub division: Option<String>,
    /// The worksheet to read (`--sheet`); the first visible one otherwise.
    pub sheet: Option<String>,
}

/// What the file holds besides its entries, known once it is read.
#[derive(Debug, Default)]
pub struct Finished {
    pub entries: usize,
    /// Task ids of form rows left untouched: no status, no note.
    pub left_blank: Vec<String>,
    /// Columns that are not read, as `E (联系电话)`.
    pub unread_columns: Vec<String>,
}

/// Reads a batch file entry by entry.
pub struct Reader<R> {
    source: Source<R>,
    problems: Problems,
    /// A problem of the file as a whole was found: its rows are not read.
    failed: bool,
    entries: usize,
    finished: Finished,
}

/// A text file after its first bytes were looked at.
type Input<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

enum Source<R> {
    Text(Box<text::Csv<Input<R>>>),
    Sheet(Box<sheet::Sheet>),
    Toml(Box<toml::Toml>),
    /// Nothing (more) to read; a text file is still read to its end to find
    /// out whether it is text.
    Done(Option<Box<text::Csv<Input<R>>>>),
}

/// Workbooks larger than this are refused: they are read whole.
const MAX_WORKBOOK_BYTES: u64 = 256 * 1024 * 1024;

/// The first bytes of a zip archive (.xlsx, .ods) and of a compound
/// document (.xls).
const ZIP: &[u8] = b"PK\x03\x04";
const CFB: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

impl<R: Read> Reader<R> {
    /// Starts reading `input`, named `name` (its extension decides TOML;
    /// a workbook is known by its first bytes).
    pub fn new(name: &str, mut input: R, options: &Options) -> io::Result<Self> {
        let mut reader = Reader {
            source: Source::Done(None),
            problems: Problems::default(),
            failed: false,
            entries: 0,
            finished: Finished::default(),
        };
        let mut head = Vec::with_capacity(8);
        (&mut input).take(8).read_to_end(&mut head)?;
        let lower = name.to_ascii_lowercase();
        if head.starts_with(ZIP) || head.starts_with(CFB) {
            let mut bytes = head;
            (&mut input)
                .take(MAX_WORKBOOK_BYTES)
                .read_to_end(&mut bytes)?;
            match sheet::Sheet::open(bytes, options, &mut reader.problems) {
                Some(sheet) => reader.source = Source::Sheet(Box::new(sheet)),
                None => reader.failed = true,
            }
            return Ok(reader);
        }
        let is_excel_name = [".xlsx", ".xlsm", ".xls", ".ods", ".et"]
            .iter()
            .any(|e| lower.ends_with(e));
        if is_excel_name && !head.is_empty() {
            reader.fail(Refusal::NotAWorkbook(crate::messages::not_workbook_bytes()));
            return Ok(reader);
        }
        let toml_name = lower.ends_with(".toml");
        let decoded = decode::Decoded::new(io::Cursor::new(head).chain(input), toml_name)?;
        if options.sheet.is_some() {
            reader.fail(Refusal::SheetOfText);
            return Ok(reader);
        }
        let mut csv = text::Csv::new(decoded, options)?;
        let is_toml = toml_name
            || csv
                .first_significant_line()?
                .is_some_and(|l| l.starts_with('['));
        if is_toml {
            match csv.read_all()? {
                Ok(text) => {
                    reader.source =
                        Source::Toml(Box::new(toml::Toml::new(text, &mut reader.problems)));
                    reader.failed = !reader.problems.is_empty();
                }
                Err(at) => reader.fail(Refusal::NotUtf8 { at }),
            }
            return Ok(reader);
        }
        csv.start(&mut reader.problems)?;
        reader.failed = !reader.problems.is_empty();
        reader.source = Source::Text(Box::new(csv));
        Ok(reader)
    }

    fn fail(&mut self, refusal: Refusal) {
        self.problems.push(refusal, None);
        self.failed = true;
    }

    /// The next entry with its required values; rows with problems are
    /// kept for `finish`, form rows left blank are counted. `None` at the
    /// end of the file.
    pub fn next_entry(&mut self) -> io::Result<Option<RawEntry>> {
        if self.failed {
            return Ok(None);
        }
        let entry = match &mut self.source {
            Source::Text(csv) => csv.next_entry(&mut self.problems, &mut self.finished)?,
            Source::Sheet(sheet) => sheet.next_entry(&mut self.problems, &mut self.finished),
            Source::Toml(toml) => toml.next_entry(&mut self.problems),
            Source::Done(_) => None,
        };
        // A text file's reader is kept at its end: its lines are still
        // shown. Workbooks and TOML keep theirs as they are.
        if entry.is_none() && matches!(self.source, Source::Text(_)) {
            if let Source::Text(csv) = std::mem::replace(&mut self.source, Source::Done(None)) {
                self.source = Source::Done(Some(csv));
            }
        }
        self.entries += usize::from(entry.is_some());
        Ok(entry)
    }

    /// Whether a problem of the file as a whole was found: its entries are
    /// then not checked.
    pub fn failed(&self) -> bool {
        self.failed
            || match &self.source {
                Source::Text(c) | Source::Done(Some(c)) => c.failed(),
                Source::Sheet(s) => s.failed(),
                _ => false,
            }
    }

    /// Where `cell` is, to show a problem there; `None` if its line was
    /// already let go (see `release`).
    pub fn place(&mut self, cell: &Cell) -> io::Result<Option<Place>> {
        match (&mut self.source, cell) {
            (Source::Text(csv) | Source::Done(Some(csv)), Cell::Text(span)) => csv.place(span),
            (Source::Sheet(sheet), Cell::Sheet { row, column }) => {
                Ok(Some(sheet.place(*row, *column)))
            }
            (Source::Toml(toml), Cell::Text(span)) => Ok(Some(toml.place(span))),
            _ => Ok(None),
        }
    }

    /// Records a problem found in an entry, at `cell`.
    pub fn problem(&mut self, refusal: Refusal, cell: &Cell) -> io::Result<()> {
        let place = self.place(cell)?;
        self.problems.push(refusal, place);
        Ok(())
    }

    /// The entries read so far are dealt with: their lines need not be kept.
    pub fn release(&mut self) {
        if let Source::Text(csv) = &mut self.source {
            csv.release();
        }
    }

    /// The sheet read, for a workbook.
    pub fn sheet_name(&self) -> Option<&str> {
        match &self.source {
            Source::Sheet(sheet) => Some(sheet.name()),
            _ => None,
        }
    }

    /// After the last entry: what the file held besides its entries, or
    /// every problem found in it.
    pub fn finish(self) -> io::Result<Result<Finished, Problems>> {
        let mut problems = self.problems;
        if let Source::Text(csv) | Source::Done(Some(csv)) = self.source {
            if let Some(at) = csv.finish()? {
                // Not text after all: that is the one problem to tell.
                problems = Problems::default();
                problems.push(Refusal::NotUtf8 { at }, None);
            }
        }
        if problems.is_empty() {
            Ok(Ok(Finished {
                entries: self.entries,
                ..self.finished
            }))
        } else {
            Ok(Err(problems))
        }
    }
}

/// Reads a whole batch held in memory: its entries, or every problem of
/// form, shown as for the file `name`.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<RawEntry>, ReturnErrors> {
    let fail = |problems: Problems| problems.into_errors(name, None, crate::lang::Lang::En, false);
    let io_failed = |e: io::Error| {
        let mut p = Problems::default();
        p.push(
            Refusal::Unreadable(crate::render::output::plain_reason(&e)),
            None,
        );
        fail(p)
    };
    let mut reader = Reader::new(name, bytes, &Options::default()).map_err(io_failed)?;
    let mut entries = Vec::new();
    while let Some(e) = reader.next_entry().map_err(io_failed)? {
        entries.push(e);
    }
    let sheet = reader.sheet_name().map(str::to_string);
    match reader.finish().map_err(io_failed)? {
        Ok(_) => Ok(entries),
        Err(problems) => {
            Err(problems.into_errors(name, sheet.as_deref(), crate::lang::Lang::En, false))
        }
    }
}

/// What a file's header and the lines above it say: where each part of an
/// entry is, and the division and plan of rows that name none.
pub(crate) struct Frame {
    pub layout: columns::Layout,
    division: Option<Located>,
    plan: Option<String>,
    /// Who reports and when, said once for the whole form.
    by: Option<Located>,
    at: Option<Located>,
}

impl Frame {
    /// Before the header: the division given on the command line, if any.
    pub fn new(options: &Options) -> Frame {
        Frame {
            layout: columns::Layout::default(),
            division: options.division.as_ref().map(|d| Located {
                value: spelling::trim(d).to_string(),
                cell: Cell::Nowhere,
            }),
            plan: None,
            by: None,
            at: None,
        }
    }

    /// What a line above the header says of the whole form (division,
    /// plan, who reports, when), unless the command line said it.
    pub fn learn(&mut self, field: Field, value: String, cell: Cell) {
        match field {
            Field::Division if self.division.is_none() => {
                self.division = Some(Located { value, cell });
            }
            Field::Plan if self.plan.is_none() => self.plan = Some(value),
            Field::By if self.by.is_none() => self.by = Some(Located { value, cell }),
            Field::At if self.at.is_none() => self.at = Some(Located { value, cell }),
            _ => {}
        }
    }

    /// Whether rows would have no division: no column, none given.
    pub fn lacks_division(&self) -> bool {
        self.layout.column(Field::Division).is_none() && self.division.is_none()
    }

    /// The entry of a row, given each column's value (`value`, trimmed
    /// here) and cell (`cell`); or its problems, each at its cell. A form
    /// row with a task id and nothing filled in is counted as left blank.
    pub fn entry(
        &self,
        value: impl Fn(Field, usize) -> Option<String>,
        cell: impl Fn(usize) -> Cell,
        problems: &mut Vec<(Refusal, Cell)>,
        finished: &mut Finished,
    ) -> Option<RawEntry> {
        let column = |f: Field| self.layout.column(f);
        let located = |f: Field| {
            column(f).and_then(|c| {
                let text = value(f, c)?;
                let text = spelling::trim(&text);
                (!text.is_empty()).then(|| Located {
                    value: text.to_string(),
                    cell: cell(c),
                })
            })
        };
        let row = cell(column(Field::Task).unwrap_or(0));
        let cell_of = |f: Field, or: &Cell| column(f).map_or_else(|| or.clone(), &cell);
        let [task, division, status, percent, note, by, at, plan] = Field::ALL.map(located);
        let filled = status.is_some() || note.is_some() || percent.is_some();
        let Some(task) = task else {
            if filled || division.is_some() || by.is_some() || at.is_some() {
                problems.push((Refusal::NoValue(Field::Task), row));
            }
            return None;
        };
        if !filled {
            finished.left_blank.push(task.value);
            return None;
        }
        let division = division.or_else(|| self.division.clone());
        if division.is_none() {
            let c = cell_of(Field::Division, &task.cell);
            problems.push((Refusal::NoValue(Field::Division), c));
        }
        if status.is_none() {
            let c = cell_of(Field::Status, &task.cell);
            problems.push((Refusal::NoValue(Field::Status), c));
        }
        Some(RawEntry {
            row,
            plan: plan.map(|p| p.value).or_else(|| self.plan.clone()),
            task,
            division: division?,
            status: status?,
            percent,
            note,
            by: by.or_else(|| self.by.clone()),
            at: at.or_else(|| self.at.clone()),
        })
    }
}

/// A file read through SHA-256: its digest is known once it is read to its
/// end, whoever reads it.
pub struct Hashed<R> {
    input: R,
    hasher: std::rc::Rc<std::cell::RefCell<sha2::Sha256>>,
}

/// The digest of what a `Hashed` reader has read so far.
#[derive(Clone)]
pub struct Digest(std::rc::Rc<std::cell::RefCell<sha2::Sha256>>);

impl<R: Read> Hashed<R> {
    pub fn new(input: R) -> (Hashed<R>, Digest) {
        let hasher = std::rc::Rc::new(std::cell::RefCell::new(
            <sha2::Sha256 as sha2::Digest>::new(),
        ));
        (
            Hashed {
                input,
                hasher: hasher.clone(),
            },
            Digest(hasher),
        )
    }
}

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.input.read(buf)?;
        sha2::Digest::update(&mut *self.hasher.borrow_mut(), &buf[..n]);
        Ok(n)
    }
}

impl Digest {
    /// The digest in hex.
    pub fn hex(&self) -> String {
        let done = sha2::Digest::finalize(self.0.borrow().clone());
        done.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The digest of bytes held in memory.
    pub fn of(bytes: &[u8]) -> String {
        let (mut reader, digest) = Hashed::new(bytes);
        let _ = io::copy(&mut reader, &mut io::sink());
        digest.hex()
    }
}
