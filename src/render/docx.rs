//! A Word document (.docx) written by hand: the few parts of
//! WordprocessingML a printed notice needs — paragraphs with their
//! alignment, indents and fonts, tables with borders and a repeated header
//! row, page breaks, an A4 page — in a zip package. Word, WPS and
//! LibreOffice open it.
//!
//! Text is escaped for XML; characters XML cannot hold (controls) are shown
//! as escapes, as on a terminal.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// How a paragraph lines up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Justified, as body text of official documents.
    Both,
}

impl Align {
    fn id(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        }
    }
}

/// The fonts of a document: Latin text, and Chinese text (East Asian).
#[derive(Clone, Copy, Debug)]
pub struct Fonts {
    pub latin: &'static str,
    pub east_asian: &'static str,
}

/// The look of a run of text.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub fonts: Fonts,
    /// Size in points.
    pub size: f32,
    pub bold: bool,
}

/// A paragraph: its text, its look and its place on the line.
#[derive(Clone, Debug)]
pub struct Para<'a> {
    pub text: &'a str,
    pub look: Look,
    pub align: Align,
    /// Indent of the first line, in characters (two for body text).
    pub first_line_chars: u32,
    /// Space kept at the right, in characters.
    pub right_chars: u32,
    /// Starts a new page.
    pub page_break_before: bool,
}

impl<'a> Para<'a> {
    pub fn new(text: &'a str, look: Look) -> Para<'a> {
        Para {
            text,
            look,
            align: Align::Left,
            first_line_chars: 0,
            right_chars: 0,
            page_break_before: false,
        }
    }
}

/// A table cell: its lines, and whether it continues the cell above it
/// (merged down).
#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub text: String,
    pub merged_up: bool,
    pub center: bool,
}

/// A document being written.
pub struct Document {
    body: String,
    /// The look of text with no other.
    base: Look,
}

/// A4, in twentieths of a point.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Margins of official documents (GB/T 9704): 37 mm top, 35 mm bottom,
/// 28 mm left, 26 mm right.
const MARGIN_TOP: u32 = 2098;
const MARGIN_BOTTOM: u32 = 1984;
const MARGIN_LEFT: u32 = 1587;
const MARGIN_RIGHT: u32 = 1474;

/// The width text may take between the margins, in twentieths of a point.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

impl Document {
    pub fn new(base: Look) -> Document {
        Document {
            body: String::new(),
            base,
        }
    }

    /// Adds a paragraph.
    pub fn paragraph(&mut self, p: &Para) {
        let mut props = String::new();
        if p.page_break_before {
            props += "<w:pageBreakBefore/>";
        }
        let size = half_points(p.look.size);
        // A character's width is the font size: indents are given in
        // characters, as Chinese documents count them.
        let ch = size * 10;
        if p.first_line_chars > 0 || p.right_chars > 0 {
            props += &format!(
                r#"<w:ind w:right="{}" w:firstLine="{}"/>"#,
                p.right_chars * ch,
                p.first_line_chars * ch
            );
        }
        props += &format!(r#"<w:jc w:val="{}"/>"#, p.align.id());
        self.body += &format!("<w:p><w:pPr>{props}</w:pPr>{}</w:p>", runs(p.text, p.look));
    }

    /// Adds an empty line.
    pub fn blank(&mut self) {
        let look = self.base;
        self.paragraph(&Para::new("", look));
    }

    /// Adds a table: column widths (twentieths of a point), the header
    /// row (repeated on each page), and the rows.
    pub fn table(&mut self, widths: &[u32], header: &[&str], rows: &[Vec<Cell>], look: Look) {
        let border = |side: &str| {
            format!(r#"<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>"#)
        };
        let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
            .iter()
            .map(|s| border(s))
            .collect();
        let total: u32 = widths.iter().sum();
        self.body += &format!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#
        );
        for w in widths {
            self.body += &format!(r#"<w:gridCol w:w="{w}"/>"#);
        }
        self.body += "</w:tblGrid>";
        let bold = Look { bold: true, ..look };
        let header_cells: Vec<Cell> = header
            .iter()
            .map(|h| Cell {
                text: h.to_string(),
                merged_up: false,
                center: true,
            })
            .collect();
        self.row(widths, &header_cells, None, bold, true);
        for (i, row) in rows.iter().enumerate() {
            self.row(widths, row, rows.get(i + 1), look, false);
        }
        self.body += "</w:tbl>";
    }

    /// A row of cells; `next`, the row below, tells which cells go on
    /// into it.
    fn row(
        &mut self,
        widths: &[u32],
        cells: &[Cell],
        next: Option<&Vec<Cell>>,
        look: Look,
        header: bool,
    ) {
        self.body += "<w:tr><w:trPr><w:cantSplit/>";
        if header {
            self.body += "<w:tblHeader/>";
        }
        self.body += "</w:trPr>";
        for (i, (w, cell)) in widths.iter().zip(cells).enumerate() {
            let continued = next
                .and_then(|n| n.get(i))
                .is_some_and(|below| below.merged_up);
            let merge = match (cell.merged_up, continued) {
                (true, _) => "<w:vMerge/>",
                (false, true) => r#"<w:vMerge w:val="restart"/>"#,
                (false, false) => "",
            };
            let jc = if cell.center { "center" } else { "left" };
            self.body += &format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{merge}<w:vAlign w:val="center"/></w:tcPr>"#
            );
            let text = if cell.merged_up {
                ""
            } else {
                cell.text.as_str()
            };
            for line in text.split('\n') {
                self.body += &format!(
                    r#"<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="{jc}"/></w:pPr>{}</w:p>"#,
                    runs(line, look)
                );
            }
            self.body += "</w:tc>";
        }
        self.body += "</w:tr>";
    }

    /// The document as the bytes of a .docx file.
    pub fn finish(self, title: &str) -> anyhow::Result<Vec<u8>> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{}<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
            self.body
        );
        let styles = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>{}<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
            run_props(self.base)
        );
        let core = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>tasks</dc:creator></cp:coreProperties>"#,
            xml_text(title)
        );
        let parts: [(&str, &str); 6] = [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", PACKAGE_RELS),
            ("docProps/core.xml", &core),
            ("word/document.xml", &document),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/styles.xml", &styles),
        ];
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        // A fixed time: the same notice makes the same bytes.
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        for (name, text) in parts {
            zip.start_file(name, options)?;
            zip.write_all(text.as_bytes())?;
        }
        Ok(zip.finish()?.into_inner())
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// A size in points as half-points, as WordprocessingML gives it.
fn half_points(size: f32) -> u32 {
    (size * 2.0).round() as u32
}

fn run_props(look: Look) -> String {
    let size = half_points(look.size);
    format!(
        r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"/>{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#,
        latin = look.fonts.latin,
        east = look.fonts.east_asian,
        bold = if look.bold { "<w:b/><w:bCs/>" } else { "" },
    )
}

/// The runs of a line of text (a run cannot break a line here).
fn runs(text: &str, look: Look) -> String {
    if text.is_empty() {
        return format!("<w:r><w:rPr>{}</w:rPr></w:r>", run_props(look));
    }
    format!(
        r#"<w:r><w:rPr>{}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        run_props(look),
        xml_text(text)
    )
}

/// Text as XML character data: markup characters escaped, and characters
/// XML cannot hold shown as escapes.
pub fn xml_text(text: &str) -> String {
    let shown = crate::render::escape_control(text);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            '\u{fffe}' | '\u{ffff}' => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(xml_text("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(xml_text("x\u{1b}y"), "x\\u{1b}y");
        assert_eq!(xml_text("法规处"), "法规处");
    }
}
