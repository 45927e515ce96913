//! CSV: a header row of keys, then rows; cells a spreadsheet would take
//! for a formula are defused.

use super::*;

/// A CSV cell that a spreadsheet would take for a formula gets a leading
/// apostrophe, so that it stays text: one that begins with `=`, `+`, `-` or
/// `@`, also after leading spaces or line breaks (spreadsheets skip them), or
/// with a tab. Control characters other than line breaks and tabs are
/// escaped.
pub fn csv_cell(text: &str) -> String {
    let text = escape_text(text, true);
    let formula = matches!(
        text.trim_start().chars().next(),
        Some('=' | '+' | '-' | '@')
    );
    if formula || text.starts_with('\t') {
        format!("'{text}")
    } else {
        text
    }
}

/// `Grid::write_csv` for rows made on demand.
pub fn write_csv_rows(keys: &[&str], rows: &dyn Rows, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(keys).map_err(io_error)?;
    rows.each(&mut |cells| {
        w.write_record(cells.iter().map(|c| csv_cell(c)))
            .map_err(io_error)
    })?;
    w.flush()
}

/// The writer's error as it came from the output (a closed pipe stays a
/// closed pipe, which ends a command quietly).
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn formula_cells_are_defused() {
        for text in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            " =1+1",
            "\t=1+1",
            "\n=1+1",
            "\u{3000}=1+1",
            " \t@x",
        ] {
            assert!(csv_cell(text).starts_with('\''), "{text:?}");
        }
        assert_eq!(csv_cell("a=1"), "a=1");
        // A carriage return is escaped, so the cell starts with a backslash.
        assert_eq!(csv_cell("\r=1"), "\\u{d}=1");
        assert_eq!(csv_cell("法规处"), "法规处");
    }
}
