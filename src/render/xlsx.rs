//! Workbooks (.xlsx): what the report, the task list and the return forms
//! share when they are written for Excel.

use unicode_width::UnicodeWidthStr;

/// The width of a column, in Excel's units, that shows `text` on one line:
/// a Chinese character takes about two units, a Latin letter one. A cell
/// with several lines is as wide as its widest line.
pub fn column_width(text: &str) -> f64 {
    let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    // A little room for the cell's margins.
    widest as f64 + 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_takes_two_units_a_character() {
        assert_eq!(column_width("abc"), 5.0);
        assert_eq!(column_width("法规处"), 8.0);
        assert_eq!(column_width("第一行\nlonger line"), 13.0);
    }
}
