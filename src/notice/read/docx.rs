//! Word documents (.docx, and what LibreOffice converts .doc and .wps
//! into): the body's paragraphs and tables in document order. Tracked
//! insertions are kept and deletions dropped (the text as it would read
//! with every change accepted); text boxes are read once, before the
//! paragraph that anchors them; automatic numbers are put back in front of
//! their paragraphs; merged cells are given in every cell they cover.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::numbering::{attr, Numbering};
use super::{Block, Cell, Document};
use crate::messages::{self as m, Msg};

/// Parts larger than this are refused (a compressed part may expand a
/// thousandfold).
const MAX_PART: u64 = 256 * 1024 * 1024;

pub fn read(bytes: &[u8]) -> Result<Document, Msg> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| m::notice_zip_broken(e.to_string()))?;
    let body = part(&mut zip, "word/document.xml")?.ok_or_else(m::notice_no_word_body)?;
    let numbering = part(&mut zip, "word/numbering.xml")?
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    let styles = part(&mut zip, "word/styles.xml")?
        .map(|x| style_numbers(&x))
        .unwrap_or_default();
    walk(&body, numbering, &styles).map_err(m::notice_xml_broken)
}

fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, Msg> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(m::notice_zip_broken(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART)
        .read_to_end(&mut bytes)
        .map_err(|e| m::notice_zip_broken(e.to_string()))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| m::notice_zip_broken(format!("{name}: not UTF-8")))
}

/// The numbering that paragraph styles give: style id → (numId, ilvl),
/// following `basedOn`.
fn style_numbers(xml: &str) -> HashMap<String, (String, u32)> {
    let mut based_on: HashMap<String, String> = HashMap::new();
    let mut own: HashMap<String, (Option<String>, Option<u32>)> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut style: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => style = attr(&e, b"styleId"),
                b"basedOn" => {
                    if let (Some(s), Some(v)) = (&style, attr(&e, b"val")) {
                        based_on.insert(s.clone(), v);
                    }
                }
                b"numId" => {
                    if let Some(s) = &style {
                        own.entry(s.clone()).or_default().0 = attr(&e, b"val");
                    }
                }
                b"ilvl" => {
                    if let Some(s) = &style {
                        own.entry(s.clone()).or_default().1 =
                            attr(&e, b"val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => style = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for id in own.keys().chain(based_on.keys()) {
        let (mut num, mut ilvl) = (None, None);
        let mut at = Some(id.clone());
        for _ in 0..16 {
            let Some(s) = at else { break };
            if let Some((n, l)) = own.get(&s) {
                num = num.or(n.clone());
                ilvl = ilvl.or(*l);
            }
            at = based_on.get(&s).cloned();
        }
        if let Some(num) = num {
            out.insert(id.clone(), (num, ilvl.unwrap_or(0)));
        }
    }
    out
}

#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u32>,
    style: Option<String>,
}

#[derive(Default)]
struct CellState {
    paras: Vec<String>,
    span: usize,
    /// Some(true) starts a vertical merge, Some(false) continues one.
    vmerge: Option<bool>,
}

#[derive(Default)]
struct TableState {
    rows: Vec<Vec<(Cell, Option<bool>)>>,
    row: Vec<(Cell, Option<bool>)>,
    cell: Option<CellState>,
}

/// Elements whose whole content is not part of the text as accepted.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"moveFrom",
    b"delText",
    b"instrText",
    b"Fallback",
    b"pPrChange",
    b"rPrChange",
    b"tblPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"sectPrChange",
    b"numberingChange",
    b"footnoteReference",
    b"endnoteReference",
    b"commentReference",
];

fn walk(
    xml: &str,
    mut numbering: Numbering,
    styles: &HashMap<String, (String, u32)>,
) -> Result<Document, String> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<TableState> = Vec::new();
    let mut skip = 0usize;
    // Inside w:pPr of the innermost paragraph (numbering and style).
    let mut in_ppr = false;
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 || SKIPPED.contains(&name) {
                    skip += 1;
                    continue;
                }
                match name {
                    b"p" => paras.push(Para::default()),
                    b"pPr" => in_ppr = true,
                    b"t" => in_text = true,
                    b"tbl" => tables.push(TableState::default()),
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(CellState {
                                span: 1,
                                ..CellState::default()
                            });
                        }
                    }
                    b"vMerge" => set_vmerge(&mut tables, &e),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let name = e.local_name();
                match name.as_ref() {
                    b"tab" if !in_ppr => push_text(&mut paras, " "),
                    b"br" | b"cr" => push_text(&mut paras, "\n"),
                    b"noBreakHyphen" => push_text(&mut paras, "-"),
                    b"numId" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.num_id = attr(&e, b"val");
                        }
                    }
                    b"ilvl" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.ilvl = attr(&e, b"val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"pStyle" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(&e, b"val");
                        }
                    }
                    b"gridSpan" => {
                        let span = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.span = span.clamp(1, 64);
                        }
                    }
                    b"gridBefore" => {
                        let n: usize = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        if let Some(t) = tables.last_mut() {
                            if n > 0 && t.row.is_empty() {
                                t.row.push((
                                    Cell {
                                        text: String::new(),
                                        span: n.min(64),
                                    },
                                    None,
                                ));
                            }
                        }
                    }
                    b"vMerge" => set_vmerge(&mut tables, &e),
                    _ => {}
                }
            }
            Event::Text(t) if skip == 0 && in_text => {
                let s = t.decode().map_err(|e| e.to_string())?;
                push_text(&mut paras, &s);
            }
            Event::GeneralRef(r) if skip == 0 && in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    push_text(&mut paras, &c.to_string());
                } else if let Ok(name) = r.decode() {
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        push_text(&mut paras, s);
                    }
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    b"pPr" => in_ppr = false,
                    b"t" => in_text = false,
                    b"p" => {
                        let Some(p) = paras.pop() else { continue };
                        let in_cell = tables.last().is_some_and(|t| t.cell.is_some());
                        let text = finish_para(p, in_cell, &mut numbering, styles);
                        match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            Some(cell) => cell.paras.push(text),
                            None => {
                                for line in text.split('\n') {
                                    let line = line.trim();
                                    if !line.is_empty() {
                                        blocks.push(Block::Para(line.to_string()));
                                    }
                                }
                            }
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(c) = t.cell.take() {
                                let text = c
                                    .paras
                                    .iter()
                                    .map(|p| p.trim())
                                    .filter(|p| !p.is_empty())
                                    .collect::<Vec<_>>()
                                    .join("\n");
                                t.row.push((Cell { text, span: c.span }, c.vmerge));
                            }
                        }
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            let row = std::mem::take(&mut t.row);
                            t.rows.push(row);
                        }
                    }
                    b"tbl" => {
                        let Some(t) = tables.pop() else { continue };
                        let rows = merge_down(t.rows);
                        match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            // A table in a cell: its rows as lines of the cell.
                            Some(cell) => {
                                for row in rows {
                                    let line: Vec<_> = row
                                        .into_iter()
                                        .map(|c| c.text)
                                        .filter(|t| !t.is_empty())
                                        .collect();
                                    cell.paras.push(line.join(" "));
                                }
                            }
                            None => blocks.push(Block::Table(rows)),
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(Document { blocks })
}

fn push_text(paras: &mut [Para], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

fn set_vmerge(tables: &mut [TableState], e: &quick_xml::events::BytesStart) {
    if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
        c.vmerge = Some(attr(e, b"val").is_some_and(|v| v == "restart"));
    }
}

/// The paragraph's text with its automatic number in front.
fn finish_para(
    p: Para,
    in_cell: bool,
    numbering: &mut Numbering,
    styles: &HashMap<String, (String, u32)>,
) -> String {
    let from_style = p.style.as_ref().and_then(|s| styles.get(s));
    let num = p
        .num_id
        .clone()
        .or_else(|| from_style.map(|(n, _)| n.clone()));
    let ilvl = p.ilvl.or(from_style.map(|(_, l)| *l)).unwrap_or(0);
    // Word shows the number of an empty paragraph too; in a table's 序号
    // cell that number is all there is.
    let label = match num {
        Some(num) if in_cell || !p.text.trim().is_empty() => numbering.next_label(&num, ilvl),
        _ => None,
    };
    match label {
        Some(label) => format!("{label}{}", p.text.trim_start()),
        None => p.text,
    }
}

/// Rows with every vertically merged cell given the text of the cell that
/// starts the merge, in the same grid column.
fn merge_down(rows: Vec<Vec<(Cell, Option<bool>)>>) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Cell>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells = Vec::with_capacity(row.len());
        let mut column = 0;
        for (mut cell, vmerge) in row {
            if vmerge == Some(false) {
                if let Some(above) = out.last().and_then(|r| cell_at(r, column)) {
                    cell.text = above.text.clone();
                }
            }
            column += cell.span;
            cells.push(cell);
        }
        out.push(cells);
    }
    out
}

/// The cell of `row` that starts at grid column `column`.
fn cell_at(row: &[Cell], column: usize) -> Option<&Cell> {
    let mut at = 0;
    for c in row {
        if at == column {
            return Some(c);
        }
        at += c.span;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(inner: &str) -> String {
        format!(r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>{inner}</w:body></w:document>"#)
    }

    fn body(inner: &str) -> Document {
        walk(&document(inner), Numbering::default(), &HashMap::new()).unwrap()
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    /// The body read with the lists of NUMBERING.
    fn numbered(inner: &str) -> Document {
        walk(
            &document(inner),
            Numbering::parse(NUMBERING),
            &HashMap::new(),
        )
        .unwrap()
    }

    /// A .docx file of these parts.
    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn cell(text: &str) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
        }
    }

    #[test]
    fn insertions_are_kept_and_deletions_dropped() {
        let doc = body(
            r#"<w:p><w:r><w:t>做好</w:t></w:r><w:ins><w:r><w:t>公开</w:t></w:r></w:ins><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:r><w:t xml:space="preserve">工作&amp;事项</w:t></w:r></w:p>"#,
        );
        assert_eq!(doc.blocks, [Block::Para("做好公开工作&事项".into())]);
    }

    #[test]
    fn a_text_box_is_read_once_before_its_paragraph() {
        let doc = body(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>示发改〔2018〕37号</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>示发改〔2018〕37号</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            doc.blocks,
            [
                Block::Para("示发改〔2018〕37号".into()),
                Block::Para("正文".into())
            ]
        );
    }

    #[test]
    fn merged_cells_cover_their_columns_and_rows() {
        let doc = body(
            r#"<w:tbl>
            <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>一、类别</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>法规处</w:t></w:r></w:p><w:p><w:r><w:t>办公室</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
            </w:tbl>"#,
        );
        let Block::Table(rows) = &doc.blocks[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(rows[0].len(), 1);
        assert_eq!(rows[0][0].span, 2);
        assert_eq!(rows[1][1].text, "法规处\n办公室");
        assert_eq!(rows[2][1].text, "法规处\n办公室");
    }

    #[test]
    fn numbers_come_from_the_paragraph_or_its_style_and_the_style_it_is_based_on() {
        let styles = r#"<w:styles xmlns:w="w">
          <w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
          <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"></w:name><w:basedOn w:val="a"/>
            <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/>
            <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
        </w:styles>"#;
        let para = |ppr: &str, text: &str| {
            format!(r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
        };
        let direct = |ilvl: u32| {
            format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>"#)
        };
        let inner = [
            para(r#"<w:pStyle w:val="1"/>"#, "工作任务"),
            para(r#"<w:pStyle w:val="2"/>"#, "做好公开"),
            para(&direct(0), "保障措施"),
            para(&direct(1), "加强领导"),
            para(r#"<w:pStyle w:val="a"/>"#, "正文"),
        ]
        .concat();
        let doc = read(&docx(&[
            ("word/document.xml", &document(&inner)),
            ("word/numbering.xml", NUMBERING),
            ("word/styles.xml", styles),
        ]))
        .unwrap();
        assert_eq!(
            doc.blocks,
            [
                Block::Para("一、工作任务".into()),
                Block::Para("（一）做好公开".into()),
                Block::Para("二、保障措施".into()),
                Block::Para("（一）加强领导".into()),
                Block::Para("正文".into()),
            ]
        );
    }

    #[test]
    fn a_long_document_is_read_whole() {
        let line = "各区教育局要加强组织领导，".repeat(12);
        let inner: String = (1..=4000)
            .map(|i| format!("<w:p><w:r><w:t>{i}.{line}</w:t></w:r></w:p>"))
            .collect();
        let xml = document(&inner);
        assert!(xml.len() > 2_000_000, "{}", xml.len());
        let doc = read(&docx(&[("word/document.xml", &xml)])).unwrap();
        assert_eq!(doc.blocks.len(), 4000);
        assert_eq!(doc.blocks[3999], Block::Para(format!("4000.{line}")));
    }

    #[test]
    fn tabs_breaks_and_non_breaking_hyphens_are_text() {
        let doc = body(
            r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r></w:p><w:p><w:r><w:t>2020</w:t><w:noBreakHyphen/><w:t>2021</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            doc.blocks,
            [
                Block::Para("甲 乙".into()),
                Block::Para("2020-2021".into()),
                Block::Para("第二行".into()),
            ]
        );
    }

    #[test]
    fn moved_deleted_and_former_formatting_are_left_out() {
        let doc = numbered(
            r#"<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:moveFrom><w:r><w:t>甲</w:t></w:r><w:r><w:t>乙</w:t></w:r></w:moveFrom><w:r><w:t>丙</w:t></w:r><w:del><w:r><w:tab/><w:delText>A&amp;B</w:delText></w:r></w:del><w:moveTo><w:r><w:t>甲乙</w:t></w:r></w:moveTo></w:p>"#,
        );
        assert_eq!(doc.blocks, [Block::Para("丙甲乙".into())]);
    }

    #[test]
    fn white_space_between_the_elements_of_a_paragraph_is_not_text() {
        let doc = body(
            "<w:p>\n  <w:r>\n    <w:t>做好</w:t>\n  </w:r>\n  <w:r>\n    <w:t>公开</w:t>\n  </w:r>\n</w:p>",
        );
        assert_eq!(doc.blocks, [Block::Para("做好公开".into())]);
    }

    #[test]
    fn cells_before_a_row_and_merges_by_value_are_read() {
        let cell_xml = |props: &str, text: &str| {
            format!(
                r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
            )
        };
        let rows = [
            format!(
                "<w:tr>{}{}</w:tr>",
                cell_xml("", "1"),
                cell_xml("", "办公室")
            ),
            format!(
                "<w:tr>{}{}</w:tr>",
                cell_xml("", "2"),
                cell_xml(r#"<w:vMerge w:val="restart"/>"#, "法规处")
            ),
            format!(
                "<w:tr>{}{}</w:tr>",
                cell_xml("", "3"),
                cell_xml(r#"<w:vMerge w:val="continue"></w:vMerge>"#, "")
            ),
            format!(
                r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{}</w:tr>"#,
                cell_xml("", "合计")
            ),
            format!(
                r#"<w:tr><w:trPr><w:gridBefore w:val="0"/></w:trPr>{}{}</w:tr>"#,
                cell_xml("", "4"),
                cell_xml("", "财务处")
            ),
        ];
        let doc = body(&format!("<w:tbl>{}</w:tbl>", rows.concat()));
        assert_eq!(
            doc.blocks,
            [Block::Table(vec![
                vec![cell("1"), cell("办公室")],
                vec![cell("2"), cell("法规处")],
                vec![cell("3"), cell("法规处")],
                vec![cell(""), cell("合计")],
                vec![cell("4"), cell("财务处")],
            ])]
        );
    }

    #[test]
    fn a_table_in_a_cell_gives_a_line_a_row_without_its_empty_cells() {
        let doc = body(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"#,
        );
        assert_eq!(doc.blocks, [Block::Table(vec![vec![cell("任务\n甲 乙")]])]);
    }

    #[test]
    fn an_empty_numbered_paragraph_shows_its_number_only_in_a_cell() {
        let num = |id: u32| {
            format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#
            )
        };
        let doc = numbered(&format!(
            r#"<w:p>{}<w:r><w:t>甲</w:t></w:r></w:p><w:p>{}</w:p><w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc><w:tc><w:p><w:r><w:t>做好公开</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            num(1),
            num(1),
            num(2)
        ));
        assert_eq!(
            doc.blocks,
            [
                Block::Para("一、甲".into()),
                Block::Table(vec![vec![cell("1."), cell("做好公开")]]),
            ]
        );
    }
}
