//! A notice file's text: paragraphs and tables in document order, whatever
//! the file was saved as.

mod convert;
mod docx;
mod html;
mod numbering;
mod text;

use std::io::Read;
use std::path::Path;

use crate::error::UserError;
use crate::messages as m;

pub use convert::find_soffice;

/// One paragraph or one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph's text, with its automatic number (if any) put in front.
    Para(String),
    /// A table's rows; merged cells are given in every row and column they
    /// cover.
    Table(Vec<Vec<Cell>>),
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's paragraphs, joined by line breaks.
    pub text: String,
    /// How many grid columns the cell covers (a merged category row covers
    /// all of them).
    pub span: usize,
}

/// The text of a notice.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// Notices larger than this are refused: they are read whole. A notice of
/// a hundred pages is a few hundred kilobytes of text.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

const ZIP: &[u8] = b"PK\x03\x04";
const CFB: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const RTF: &[u8] = b"{\\rtf";

impl Document {
    /// The text without control characters, which a notice's words never
    /// hold (escape sequences, NUL, a form feed between pages): each is
    /// dropped, and a line or paragraph separator becomes a space.
    fn cleaned(mut self) -> Document {
        let clean = |s: &mut String| {
            if s.chars().any(|c| {
                (c.is_control() && c != '\n' && c != '\t') || c == '\u{2028}' || c == '\u{2029}'
            }) {
                // An escape sequence goes whole (ESC [ 3 1 m), not only its ESC.
                let mut plain = String::with_capacity(s.len());
                let mut chars = s.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '\u{1b}' && chars.peek() == Some(&'[') {
                        chars.next();
                        for d in chars.by_ref() {
                            if ('@'..='~').contains(&d) {
                                break;
                            }
                        }
                        continue;
                    }
                    plain.push(c);
                }
                *s = plain
                    .chars()
                    .filter_map(|c| match c {
                        '\u{2028}' | '\u{2029}' => Some(' '),
                        '\n' | '\t' => Some(c),
                        c if c.is_control() => None,
                        c => Some(c),
                    })
                    .collect();
            }
        };
        for b in &mut self.blocks {
            match b {
                Block::Para(p) => clean(p),
                Block::Table(rows) => rows.iter_mut().flatten().for_each(|c| clean(&mut c.text)),
            }
        }
        self
    }
}

/// Reads the notice at `path`. Binary Word and WPS files (and RTF) are
/// converted by `soffice` first, when one is given. Control characters
/// are taken out of the text.
pub fn read(path: &Path, soffice: Option<&Path>) -> Result<Document, UserError> {
    read_raw(path, soffice).map(Document::cleaned)
}

fn read_raw(path: &Path, soffice: Option<&Path>) -> Result<Document, UserError> {
    let shown = crate::render::escape_control(&path.display().to_string());
    // `-`: the notice's text on standard input.
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::take(std::io::stdin(), MAX_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                UserError::usage(m::notice_unreadable(
                    &shown,
                    crate::render::output::plain_reason(&e),
                ))
            })?;
        if bytes.starts_with(ZIP) {
            return docx::read(&bytes)
                .map_err(|why| UserError::usage(m::notice_not_docx(&shown, why)));
        }
        return text::read(&bytes).map_err(|why| UserError::usage(m::notice_not_text(&shown, why)));
    }
    let unreadable = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => m::no_such_file(),
            _ => crate::render::output::plain_reason(&e),
        };
        UserError::usage(m::notice_unreadable(&shown, why))
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(UserError::usage(m::notice_is_folder(&shown)));
    }
    if meta.len() > MAX_BYTES {
        return Err(UserError::usage(m::notice_too_large(
            &shown,
            MAX_BYTES / 1024 / 1024,
        )));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let lower = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(ZIP) || bytes.starts_with(b"PK\x05\x06") {
        return docx::read(&bytes).map_err(|why| UserError::usage(m::notice_not_docx(&shown, why)));
    }
    if bytes.starts_with(CFB) || bytes.starts_with(RTF) {
        let Some(soffice) = soffice else {
            return Err(UserError::usage(m::notice_needs_libreoffice(&shown, lower)));
        };
        let converted = convert::to_docx(soffice, path)
            .map_err(|why| UserError::usage(m::notice_conversion_failed(&shown, why)))?;
        return docx::read(&converted)
            .map_err(|why| UserError::usage(m::notice_not_docx(&shown, why)));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(UserError::usage(m::notice_is_pdf(&shown)));
    }
    if [
        "docx", "doc", "wps", "wpt", "dot", "dotx", "xlsx", "xls", "et",
    ]
    .contains(&lower.as_str())
    {
        return Err(UserError::usage(m::notice_not_a_document(&shown, lower)));
    }
    text::read(&bytes).map_err(|why| UserError::usage(m::notice_not_text(&shown, why)))
}
