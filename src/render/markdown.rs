//! Markdown tables, for mail and documents.

use super::*;

/// Text for Markdown: control characters escaped as for the terminal, and
/// `&`, `<` and `>` written as HTML references, so that a note holding
/// markup (`<img src=x onerror=…>`) shows as text wherever the Markdown is
/// turned into HTML, never as markup.
pub fn markdown_text(text: &str) -> String {
    let text = escape_control(text);
    if !text.contains(['&', '<', '>']) {
        return text;
    }
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `Grid::write_markdown` for rows made on demand, written as they come.
pub fn write_markdown_rows(
    headers: &[String],
    rows: &dyn Rows,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cell = |c: &str| markdown_text(&c.replace('\n', " ")).replace('|', "\\|");
    let line = |cells: &[&str]| {
        format!(
            "| {} |",
            cells
                .iter()
                .map(|c| cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let header: Vec<&str> = headers.iter().map(String::as_str).collect();
    writeln!(out, "{}", line(&header))?;
    writeln!(out, "|{}|", vec![" --- "; headers.len()].join("|"))?;
    rows.each(&mut |cells| writeln!(out, "{}", line(cells)))
}
