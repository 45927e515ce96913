//! Plain text and Markdown notices: UTF-8 (with or without a byte order
//! mark), UTF-16 with one, or GB18030 (GBK), as Notepad and WPS save them.
//! Every non-empty line is a paragraph; Markdown marks (`##`, `**`, `>`) are
//! taken off, and a Markdown table becomes a table.

use std::io::Read;

use super::{Block, Cell, Document};
use crate::messages::{self as m, Msg};

pub fn read(bytes: &[u8]) -> Result<Document, Msg> {
    let mut decoded =
        crate::batch::decode::Decoded::new(bytes, false).map_err(|e| Msg::same(e.to_string()))?;
    let mut text = String::new();
    if decoded.read_to_string(&mut text).is_err() {
        return Err(m::notice_bad_utf8());
    }
    if text.contains('\0') {
        return Err(m::notice_binary());
    }
    Ok(from_text(&text))
}

/// The paragraphs and tables of `text`.
pub fn from_text(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut table: Vec<Vec<Cell>> = Vec::new();
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if let Some(row) = table_row(line) {
            // The line under a Markdown table's header (|---|:--:|) is not
            // a row.
            if !line.chars().all(|ch| "|-:= ".contains(ch)) {
                table.push(row);
            }
            continue;
        }
        if !table.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut table)));
        }
        let para = unmark(line);
        if !para.is_empty() {
            blocks.push(Block::Para(para));
        }
    }
    if !table.is_empty() {
        blocks.push(Block::Table(table));
    }
    Document { blocks }
}

/// The cells of a Markdown table row (`| a | b |`).
fn table_row(line: &str) -> Option<Vec<Cell>> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?;
    Some(
        inner
            .split('|')
            .map(|c| Cell {
                text: unmark(c.trim()),
                span: 1,
            })
            .collect(),
    )
}

/// A line without its Markdown marks: heading hashes, quote marks, bold and
/// italic stars, and a leading bullet.
fn unmark(line: &str) -> String {
    let mut s = line.trim();
    loop {
        let before = s;
        s = s.trim_start_matches('#').trim_start();
        s = s.strip_prefix("> ").unwrap_or(s).trim_start();
        if let Some(rest) = s.strip_prefix("- ").or_else(|| s.strip_prefix("* ")) {
            s = rest.trim_start();
        }
        if s == before {
            break;
        }
    }
    let s = s.replace("**", "").replace("__", "");
    // A line of only a thematic break (---) says nothing.
    if !s.is_empty() && s.chars().all(|c| "-*_=".contains(c)) {
        return String::new();
    }
    s.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs_and_markdown_loses_its_marks() {
        let doc = from_text("# 标题\n\n　　（一）做好**公开**工作。\n---\n- 1.第一项\n");
        assert_eq!(
            doc.blocks,
            [
                Block::Para("标题".into()),
                Block::Para("（一）做好公开工作。".into()),
                Block::Para("1.第一项".into()),
            ]
        );
    }

    #[test]
    fn a_markdown_table_is_a_table_without_its_rule() {
        let doc = from_text("| 序号 | 工作任务 |\n|---|:--|\n| 1 | 做好 |\n正文");
        let Block::Table(rows) = &doc.blocks[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][1].text, "做好");
        assert_eq!(doc.blocks[1], Block::Para("正文".into()));
    }

    #[test]
    fn gb18030_text_is_decoded() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("责任处室：办公室\n");
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.blocks, [Block::Para("责任处室：办公室".into())]);
    }
}
