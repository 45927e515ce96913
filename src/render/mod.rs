//! Renderers: rows in, text out, one file per format (tables for people,
//! CSV, Markdown, JSON, workbooks, HTML, Word); here, what they share: the
//! escaping of text that could act on a terminal, and rows made on demand.
//! Nothing here knows about the database.

pub mod breaking;
pub mod csv;
pub mod docx;
pub mod form;
pub mod html;
pub mod json;
pub mod markdown;
pub mod notice;
pub mod output;
pub mod table;
pub mod xlsx;

pub use self::csv::{csv_cell, write_csv_rows};
pub use json::write_json;
pub use markdown::{markdown_text, write_markdown_rows};
pub use table::*;

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

use breaking::Breaks;
use clap::ValueEnum;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Output format of reading commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people
    Table,
    /// One JSON document, English keys
    Json,
    /// Comma-separated values with a header row, English keys
    Csv,
}

/// Escapes characters that could act on a terminal: C0 and C1 controls, DEL,
/// the bidirectional overrides and isolates, and the line and paragraph
/// separators (U+2028, U+2029), which some terminals take as line breaks
/// and others show as nothing. Tabs and newlines are kept only when
/// `keep_newlines` is set.
pub fn escape_text(text: &str, keep_newlines: bool) -> String {
    escaped(text, keep_newlines).into_owned()
}

/// `escape_text`, borrowing the text when nothing needs escaping.
fn escaped(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    escaped_keeping(text, keep_newlines, keep_newlines)
}

/// The text of a table cell: escaped as `escape_text` escapes it, line
/// breaks kept (a cell may take several lines) but tabs escaped, which
/// would break the alignment of the columns.
pub(crate) fn escaped_cell(text: &str) -> Cow<'_, str> {
    escaped_keeping(text, true, false)
}

fn escaped_keeping(text: &str, keep_newline: bool, keep_tab: bool) -> Cow<'_, str> {
    let needs = |c: char| {
        (c.is_control() && !((keep_newline && c == '\n') || (keep_tab && c == '\t')))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}')
    };
    // Every character escaped is encoded in UTF-8 starting with one of
    // these bytes: C0 controls and DEL alone, C1 controls after 0xC2, U+061C
    // after 0xD8, the marks, overrides and separators after 0xE2. Text
    // without them (most text, Chinese included) is checked byte by byte.
    // (No early exit and no short-circuit: the loop compiles to vector code.)
    let may_need = |b: u8| {
        (b < 0x20) & !((keep_newline & (b == b'\n')) | (keep_tab & (b == b'\t')))
            | (b == 0x7f)
            | (b == 0xc2)
            | (b == 0xd8)
            | (b == 0xe2)
    };
    if !text.bytes().fold(false, |hit, b| hit | may_need(b)) || !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The columns `text` takes on a terminal (Chinese characters take two).
pub(crate) fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    // Printable ASCII, CJK ideographs and full-width forms are summed
    // character by character; any other character (which may combine
    // with its neighbours) leaves it to the Unicode rules for the string.
    let mut sum = 0;
    for c in text.chars() {
        sum += match u32::from(c) {
            0x20..=0x7e => 1,
            0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xff01..=0xff60 => 2,
            _ => return UnicodeWidthStr::width(text),
        };
    }
    sum
}

/// Escapes control characters, newlines included, for one-line display.
pub fn escape_control(text: &str) -> String {
    escape_text(text, false)
}

/// The rows of a table, made on demand: a table too large to hold as
/// strings is laid out from rows made twice, once to measure the columns
/// and once to write them.
pub trait Rows {
    /// Calls `row` with the cells of each row in turn.
    fn each(&self, row: &mut dyn FnMut(&[&str]) -> io::Result<()>) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(escape_control("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_control("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape_control("a\nb"), "a\\u{a}b");
        assert_eq!(escape_text("a\nb", true), "a\nb");
        assert_eq!(escape_control("政务公开"), "政务公开");
        // Line and paragraph separators, kept lines or not.
        for keep in [false, true] {
            assert_eq!(
                escape_text("甲\u{2028}乙\u{2029}丙", keep),
                "甲\\u{2028}乙\\u{2029}丙"
            );
        }
    }

    #[test]
    fn table_cells_keep_line_breaks_and_escape_tabs() {
        assert_eq!(escaped_cell("甲\t乙\n丙"), "甲\\u{9}乙\n丙");
        assert_eq!(escaped_cell("甲\u{2028}乙"), "甲\\u{2028}乙");
        assert!(matches!(escaped_cell("政务公开\n第二行"), Cow::Borrowed(_)));
    }

    /// `escape_text` as its rule reads, character by character, without
    /// the byte pre-filter.
    fn escaped_by_the_rule(text: &str, keep_newlines: bool) -> String {
        text.chars()
            .map(|c| {
                let escape = (c.is_control() && !(keep_newlines && (c == '\n' || c == '\t')))
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}');
                if escape {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn every_character_to_escape_is_escaped_alone_twice_and_among_others() {
        // Each character escaped, and its neighbours in UTF-8 that are not:
        // C0 controls, tab, line feed, space, DEL, the C1 controls (NEL and
        // the 8-bit CSI among them) and the characters after 0xC2, the
        // Arabic letter mark and a letter after 0xD8, the marks, overrides
        // and isolates and their neighbours after 0xE2, Chinese text.
        let chars = [
            '\0', '\u{1}', '\u{7}', '\u{1b}', '\u{1f}', '\t', '\n', '\r', ' ', '~', '\u{7f}',
            '\u{80}', '\u{85}', '\u{9b}', '\u{9f}', '\u{a0}', '\u{61b}', '\u{61c}', '\u{620}',
            '\u{200d}', '\u{200e}', '\u{200f}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{202f}',
            '\u{2065}', '\u{2066}', '\u{2069}', '\u{206a}', '“', 'a', '法',
        ];
        let mut texts: Vec<String> = Vec::new();
        for a in chars {
            texts.push(a.to_string());
            texts.push(format!("{a}{a}{a}"));
            texts.push(format!("政务{a}公开"));
            for b in chars {
                texts.push(format!("{a}{b}"));
            }
        }
        for text in &texts {
            for keep in [false, true] {
                assert_eq!(
                    escape_text(text, keep),
                    escaped_by_the_rule(text, keep),
                    "{text:?}, keep_newlines {keep}"
                );
            }
        }
    }

    proptest::proptest! {
        /// The shortcut for common characters gives the width the Unicode
        /// rules give the whole string (ASCII alone counts its bytes).
        #[test]
        fn width_is_the_unicode_width(text in "[ -~\u{3000}-\u{303f}\u{3400}-\u{4dbf}\u{4e00}-\u{9fff}\u{fe00}-\u{fe0f}\u{ff00}-\u{ffef}\u{300}-\u{36f}\u{1f300}-\u{1f5ff}\u{200d}\r\n\t]{0,12}") {
            let expected = if text.is_ascii() {
                text.len()
            } else {
                UnicodeWidthStr::width(text.as_str())
            };
            proptest::prop_assert_eq!(width(&text), expected);
        }
    }

    #[test]
    fn width_of_common_text() {
        assert_eq!(width("法规处"), 6);
        assert_eq!(width("第1项（重点）"), 13);
        assert_eq!(width("in-progress"), 11);
        assert_eq!(width("ｅ"), 2);
    }
}
