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
    // A notice saved from a web page.
    if super::html::looks_like_html(&text) {
        return Ok(super::html::read(&text));
    }
    Ok(from_text(&text))
}

/// The paragraphs and tables of `text`.
pub fn from_text(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut table: Vec<Vec<Cell>> = Vec::new();
    // The previous line, when it may go on in this one (a paragraph broken
    // at a fixed width, as text pasted from a PDF is).
    let mut open = false;
    for raw in text.lines() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if let Some(row) = table_row(line) {
            // The line under a Markdown table's header (|---|:--:|) is not
            // a row.
            if !line.chars().all(|ch| "|-:= ".contains(ch)) {
                table.push(row);
            }
            open = false;
            continue;
        }
        if !table.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut table)));
        }
        if is_page_number(line) {
            continue;
        }
        let para = unmark(line);
        if para.is_empty() {
            open = false;
            continue;
        }
        let indented = raw.starts_with(|c: char| c.is_whitespace() && c != '\u{feff}');
        if open && !indented && !starts_anew(&para) {
            if let Some(Block::Para(last)) = blocks.last_mut() {
                if last.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && para.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    last.push(' ');
                }
                last.push_str(&para);
                open = goes_on(last, last, false);
                continue;
            }
        }
        open = goes_on(&para, &para, true);
        blocks.push(Block::Para(para));
    }
    if !table.is_empty() {
        blocks.push(Block::Table(table));
    }
    Document { blocks }
}

/// Whether a paragraph ending in `line` (the last physical line of `para`)
/// was broken at a fixed width and goes on in the next line: a long line
/// that ends inside a sentence.
fn goes_on(para: &str, line: &str, first: bool) -> bool {
    let n = line.chars().count();
    n >= 20
        && !para.ends_with(|c: char| "。！？；：:;!?）)」』”".contains(c))
        // A title standing alone ends in the kind of document it is.
        && !(first
            && ["通知", "方案", "意见", "要点", "计划", "通报", "决定", "分工表"]
                .iter()
                .any(|k| para.ends_with(k)))
}

/// Whether a line starts something of its own: a numbered item, a label
/// (责任单位：), a 文号, a date, an attachment.
fn starts_anew(line: &str) -> bool {
    if line.starts_with(|c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "（(一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩".contains(c)
            || ('\u{2474}'..='\u{249b}').contains(&c)
            || ('\u{3220}'..='\u{3229}').contains(&c)
    }) {
        return true;
    }
    [
        "责任",
        "牵头",
        "配合",
        "完成时限",
        "时限",
        "附件",
        "抄送",
        "印发",
        "主送",
    ]
    .iter()
    .any(|w| line.starts_with(w))
        || line.contains('〔')
}

/// A page number line: - 2 -, — 3 —, 第2页.
fn is_page_number(line: &str) -> bool {
    let inner = line.trim_matches(|c: char| "-—–－ ".contains(c) || c.is_whitespace());
    let dashes = line.starts_with(['-', '—', '–', '－']) && line.ends_with(['-', '—', '–', '－']);
    (dashes && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()))
        || (line.starts_with('第') && line.ends_with('页') && line.chars().count() <= 8)
}

/// The cells of a Markdown table row (`| a | b |`).
fn table_row(line: &str) -> Option<Vec<Cell>> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?;
    Some(
        inner
            .split('|')
            .map(|c| Cell {
                // A line break in a Markdown cell is written <br>.
                text: c
                    .replace("<br />", "\n")
                    .replace("<br/>", "\n")
                    .replace("<br>", "\n")
                    .split('\n')
                    .map(|l| unmark(l.trim()))
                    .collect::<Vec<_>>()
                    .join("\n"),
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
    fn paragraphs_broken_at_a_width_are_joined_and_page_numbers_dropped() {
        let doc = from_text(
            "（1）扩大普惠性学前教育资源。新建公办幼儿园20所，新增公办学\n位5000个。（基础教育处负责，计划\n财务处配合）\n- 2 -\n（2）下一项。\n",
        );
        assert_eq!(
            doc.blocks,
            [
                Block::Para(
                    "（1）扩大普惠性学前教育资源。新建公办幼儿园20所，新增公办学位5000个。（基础教育处负责，计划财务处配合）"
                        .into()
                ),
                Block::Para("（2）下一项。".into()),
            ]
        );
        // A title and its 文号 stay apart.
        let doc = from_text(
            "示例市人民政府办公室关于做好二〇二〇年城市排水防涝工作的通知\n示政办发〔2020〕5号\n",
        );
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn gb18030_text_is_decoded() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("责任处室：办公室\n");
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.blocks, [Block::Para("责任处室：办公室".into())]);
    }

    fn paras(texts: &[&str]) -> Vec<Block> {
        texts.iter().map(|t| Block::Para(t.to_string())).collect()
    }

    #[test]
    fn a_byte_order_mark_and_indentation_are_not_part_of_a_line() {
        let doc = from_text("\u{feff}# 标题\n    - 3 -\n| 序号 | 任务 |\n  | 1 | 做好 |\n");
        assert_eq!(
            doc.blocks,
            [
                Block::Para("标题".into()),
                Block::Table(vec![
                    vec![
                        Cell {
                            text: "序号".into(),
                            span: 1
                        },
                        Cell {
                            text: "任务".into(),
                            span: 1
                        },
                    ],
                    vec![
                        Cell {
                            text: "1".into(),
                            span: 1
                        },
                        Cell {
                            text: "做好".into(),
                            span: 1
                        },
                    ],
                ]),
            ]
        );
    }

    #[test]
    fn an_indented_line_or_a_blank_line_starts_a_new_paragraph() {
        let heading = "一、进一步加强党的领导全面推进依法治教工作";
        let doc = from_text(&format!("{heading}\n　　各区要抓好落实。\n"));
        assert_eq!(doc.blocks, paras(&[heading, "各区要抓好落实。"]));
        let doc = from_text(&format!("{heading}\n\n各区要抓好落实。\n"));
        assert_eq!(doc.blocks, paras(&[heading, "各区要抓好落实。"]));
    }

    #[test]
    fn short_lines_are_paragraphs_of_their_own() {
        let doc = from_text("联系人：张老师\n电话：12345678\n学校名单\n第一中学\n");
        assert_eq!(
            doc.blocks,
            paras(&["联系人：张老师", "电话：12345678", "学校名单", "第一中学"])
        );
    }

    #[test]
    fn a_space_joins_a_broken_line_only_between_two_latin_words() {
        let doc = from_text(
            "今年计划新建公办幼儿园和附属幼儿园共20\n所，新增学位5000个。\n系统支持的浏览器包括谷歌浏览器和 Microsoft\nEdge，请提前安装。\n",
        );
        assert_eq!(
            doc.blocks,
            paras(&[
                "今年计划新建公办幼儿园和附属幼儿园共20所，新增学位5000个。",
                "系统支持的浏览器包括谷歌浏览器和 Microsoft Edge，请提前安装。",
            ])
        );
    }

    #[test]
    fn numbered_items_labels_and_a_wenhao_start_anew_after_a_broken_line() {
        let lines = [
            "一、进一步加强党的领导全面推进依法治教工作",
            "1.各区教育局要加强组织领导切实落实工作责任",
            "２．各学校要完善工作机制确保各项任务落到实处",
            "（二）完善督导评估机制并定期开展专项检查工作",
            "⑶各级各类学校要建立健全安全管理制度和应急预案",
            "㈣加强督导检查对工作不力的单位进行通报批评并限期整改",
            "责任单位：各区教育局、市直各学校及有关直属单位",
            "示政办发〔2020〕5号",
        ];
        let doc = from_text(&lines.join("\n"));
        assert_eq!(doc.blocks, paras(&lines));
    }

    #[test]
    fn page_numbers_of_either_kind_are_dropped_but_numbers_in_text_are_kept() {
        let doc = from_text(
            "第一条　总则\n第2页\n— 3 —\n－4－\n- 2023\n5000\n第三部分的内容详见附件二第5页\n",
        );
        assert_eq!(
            doc.blocks,
            paras(&[
                "第一条　总则",
                "2023",
                "5000",
                "第三部分的内容详见附件二第5页"
            ])
        );
    }
}
