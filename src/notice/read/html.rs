//! A notice saved from a web page (.html, .htm): paragraphs from the block
//! elements, tables from <table>, the rest of the markup dropped, and the
//! usual character references read. The page's head (its <title> is the
//! site's, not the notice's), scripts, styles and comments are left out.

use super::{Block, Cell, Document};

/// Whether `text` looks like a web page.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
}

/// A table being read: rows so far, the row being read, the cell being read.
type OpenTable = (Vec<Vec<Cell>>, Vec<Cell>, Option<Cell>);

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    para: String,
    tables: Vec<OpenTable>,
}

impl State {
    fn text(&mut self, s: &str) {
        match self.tables.last_mut().and_then(|t| t.2.as_mut()) {
            Some(cell) => cell.text.push_str(s),
            None => self.para.push_str(s),
        }
    }

    fn end_para(&mut self) {
        // In a cell a paragraph ends a line (end_cell drops empty ones).
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.2.as_mut()) {
            cell.text.push('\n');
            return;
        }
        let p = collapse(&std::mem::take(&mut self.para));
        if !p.is_empty() {
            self.blocks.push(Block::Para(p));
        }
    }

    fn tag(&mut self, name: &str, closing: bool, attrs: &str) {
        match (name, closing) {
            ("table", false) => {
                self.end_para();
                self.tables.push((Vec::new(), Vec::new(), None));
            }
            ("table", true) => {
                self.end_cell();
                self.end_row();
                if let Some((rows, _, _)) = self.tables.pop() {
                    match self.tables.last_mut().and_then(|t| t.2.as_mut()) {
                        Some(cell) => {
                            for row in rows {
                                let line: Vec<String> = row.into_iter().map(|c| c.text).collect();
                                cell.text.push_str(&line.join(" "));
                                cell.text.push('\n');
                            }
                        }
                        None => self.blocks.push(Block::Table(rows)),
                    }
                }
            }
            ("tr", false) => {
                self.end_cell();
                self.end_row();
            }
            ("tr", true) => {
                self.end_cell();
                self.end_row();
            }
            ("td" | "th", false) => {
                self.end_cell();
                let span = attr_number(attrs, "colspan").unwrap_or(1).clamp(1, 64);
                if let Some(t) = self.tables.last_mut() {
                    t.2 = Some(Cell {
                        text: String::new(),
                        span,
                    });
                }
            }
            ("td" | "th", true) => self.end_cell(),
            ("br", _) => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.2.as_mut()) {
                    cell.text.push('\n');
                } else {
                    self.end_para();
                }
            }
            (
                "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section"
                | "article" | "blockquote" | "pre" | "dt" | "dd",
                _,
            ) => self.end_para(),
            _ => {}
        }
    }

    fn end_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            if let Some(mut c) = t.2.take() {
                c.text = c
                    .text
                    .lines()
                    .map(collapse)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                t.1.push(c);
            }
        }
    }

    fn end_row(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            if !t.1.is_empty() {
                let row = std::mem::take(&mut t.1);
                t.0.push(row);
            }
        }
    }
}

/// Runs of white space as one space, trimmed (HTML's own rule).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn attr_number(attrs: &str, name: &str) -> Option<usize> {
    let lower = attrs.to_ascii_lowercase();
    let at = lower.find(name)? + name.len();
    let rest = lower[at..].trim_start().strip_prefix('=')?.trim_start();
    let digits: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// `&amp;`, `&nbsp;`, `&#12345;`, `&#x4E00;` read; an unknown reference kept.
fn references(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" | "ensp" | "emsp" => Some(' '),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "mdash" => Some('—'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn read(text: &str) -> Document {
    let mut st = State::default();
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        st.text(&references(&rest[..i]));
        let after = &rest[i..];
        // Comments, the head, scripts and styles go whole.
        if after.starts_with("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(end) = after.find('>') else {
            rest = "";
            break;
        };
        let inner = &after[1..end];
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        rest = &after[end + 1..];
        if !closing && (name == "script" || name == "style" || name == "head") {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .map_or("", |e| &rest[e..]);
            continue;
        }
        st.tag(&name, closing, &inner[name_end..]);
    }
    st.text(&references(rest));
    st.end_para();
    while !st.tables.is_empty() {
        st.tag("table", true, "");
    }
    Document { blocks: st.blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_page_becomes_paragraphs_and_tables() {
        let page = "<!DOCTYPE html><html><head><style>p{}</style><script>var a='<p>';</script></head><body>\
            <p>一、工作任务</p><div>（一）做好&ldquo;公开&rdquo;工作&nbsp;（办公室负责）</div>\
            <table><tr><th>序号</th><th colspan=\"2\">工作任务</th></tr><tr><td>1</td><td>做好<br>公开</td></tr></table>\
            <!-- 注释 --><p>&#x4E00;&#19968;&amp;</p></body></html>";
        assert!(looks_like_html(page));
        let doc = read(page);
        assert_eq!(doc.blocks[0], Block::Para("一、工作任务".into()));
        assert_eq!(
            doc.blocks[1],
            Block::Para("（一）做好“公开”工作 （办公室负责）".into())
        );
        let Block::Table(rows) = &doc.blocks[2] else {
            panic!("{doc:?}")
        };
        assert_eq!(rows[0][1].span, 2);
        assert_eq!(rows[1][1].text, "做好\n公开");
        assert_eq!(doc.blocks[3], Block::Para("一一&".into()));
    }

    fn cell(text: &str) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
        }
    }

    #[test]
    fn a_page_is_known_by_its_doctype_html_or_body_tag() {
        assert!(looks_like_html("<!DOCTYPE html>\n<p>通知</p>"));
        assert!(looks_like_html("<html><p>通知</p></html>"));
        assert!(looks_like_html("<BODY><p>通知</p></BODY>"));
        assert!(!looks_like_html("关于做好<重点工作>的通知\n一、工作任务\n"));
    }

    #[test]
    fn paragraphs_in_a_cell_are_its_lines() {
        let doc = read("<table><tr><td><p>做好</p><p>公开</p></td><td>办公室</td></tr></table>");
        assert_eq!(
            doc.blocks,
            [Block::Table(vec![vec![cell("做好\n公开"), cell("办公室")]])]
        );
    }

    #[test]
    fn rows_and_cells_without_closing_tags_are_read() {
        let doc = read("<table><tr><td>序号<td>工作任务<tr><td>1<td>做好公开</table>");
        assert_eq!(
            doc.blocks,
            [Block::Table(vec![
                vec![cell("序号"), cell("工作任务")],
                vec![cell("1"), cell("做好公开")],
            ])]
        );
    }

    #[test]
    fn a_cell_after_a_closed_row_starts_a_new_row() {
        let doc = read("<table><tr><td>1</td><td>做好</td></tr><td>2</td><td>公开</td></table>");
        assert_eq!(
            doc.blocks,
            [Block::Table(vec![
                vec![cell("1"), cell("做好")],
                vec![cell("2"), cell("公开")],
            ])]
        );
    }

    #[test]
    fn a_paragraph_between_cells_comes_before_the_table_as_a_browser_shows_it() {
        let doc = read("<table><tr><td>1</td><p>注</p><td>做好</td></tr></table>");
        assert_eq!(
            doc.blocks,
            [
                Block::Para("注".into()),
                Block::Table(vec![vec![cell("1"), cell("做好")]]),
            ]
        );
    }

    #[test]
    fn named_character_references_are_read() {
        let doc =
            read("<p>&lt;示例&gt; &quot;公开&quot; &apos;标准&apos; 2020&mdash;2021 &copy;</p>");
        assert_eq!(
            doc.blocks,
            [Block::Para(
                "<示例> \"公开\" '标准' 2020—2021 &copy;".into()
            )]
        );
    }

    #[test]
    fn scripts_and_styles_in_the_body_are_left_out() {
        let doc = read(
            "<body><p>通知</p><script>document.write('<p>广告</p>');</script>\
             <style>p { color: red; }</style><p>正文</p></body>",
        );
        assert_eq!(
            doc.blocks,
            [Block::Para("通知".into()), Block::Para("正文".into())]
        );
    }
}
