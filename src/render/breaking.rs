//! Line breaking for the text of table cells, by the Chinese rules (禁则):
//! no line begins with closing punctuation (、，。；：！？）」』》…) and none
//! ends with opening punctuation (（「『《“‘…); a line may break between two
//! Chinese characters, and between words at spaces; a word (Latin letters
//! and digits, a date, an id) is cut only when it is wider than a whole line.
//! Widths are screen columns: a Chinese character takes two.
//!
//! The text is first cut into pieces that are never broken (a word and the
//! spaces after it, a Chinese character with the punctuation that clings
//! to it), then the pieces are laid into lines, as many as fit in each.
//! Both take time linear in the text's length.

use unicode_width::UnicodeWidthChar;

/// Where a line may break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breaks {
    /// Free text: at spaces, and between Chinese characters, by the rules
    /// above. A piece wider than a line is cut to fit.
    Text,
    /// A list of names or values: only after a separator (`、`, `，`, `；`,
    /// or `,` or `;` followed by a space). A piece wider than a line keeps
    /// its line, longer than the rest: a name is never cut.
    List,
    /// Prose such as help text: breaks as `Text`, but a piece wider than a
    /// line keeps its line, longer than the rest, as under `List`: an
    /// option name or a path is never cut.
    Prose,
}

/// Characters no line may begin with: closing brackets and quotes, the
/// punctuation that follows what it marks, dashes and ellipses (which are
/// not split from what they follow), iteration marks and small kana.
fn no_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '！'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '）'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〙'
            | '〗'
            | '〟'
            | '｠'
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '?'
            | '!'
            | '%'
            | '％'
            | '‰'
            | '℃'
            | '°'
            | '′'
            | '″'
            | '…'
            | '‥'
            | '—'
            | '–'
            | '‐'
            | '‑'
            | '～'
            | '〜'
            | '・'
            | '·'
            | '･'
            | '々'
            | '〻'
            | 'ー'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
    ) || clings(c)
}

/// Characters no line may end with: opening brackets and quotes, and
/// currency signs that come before their amount.
fn no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '［'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '｟'
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '￥'
            | '¥'
            | '＄'
            | '$'
            | '£'
            | '￡'
    )
}

/// A character of no width of its own (a combining mark, a joiner, a
/// variation selector) belongs with the one before it.
fn clings(c: char) -> bool {
    c != ' ' && char_width(c) == 0
}

/// Whether a line may break beside `c` without a space: a Chinese (or
/// Japanese, Korean, full-width) character, or Chinese punctuation.
fn ideographic(c: char) -> bool {
    char_width(c) == 2 || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// A separator after which a list may break without a space.
fn list_separator(c: char) -> bool {
    matches!(c, '、' | '，' | '；')
}

/// The columns a character takes (none for control characters).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// A piece that is never broken: `text[start..end]`, `width` wide, then
/// `spaces` spaces (dropped at the end of a line).
#[derive(Clone, Copy, Debug)]
struct Piece {
    start: usize,
    end: usize,
    width: usize,
    spaces: usize,
}

/// `text` (one line) cut into pieces at every place a line may break.
fn pieces(text: &str, breaks: Breaks) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut current = Piece {
        start: 0,
        end: 0,
        width: 0,
        spaces: 0,
    };
    // The last character before the current run of spaces, if any.
    let mut before: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            current.spaces += 1;
            continue;
        }
        let may_break = match before {
            None => false,
            Some(p) => {
                let spaced = current.spaces > 0;
                !no_start(c)
                    && !no_end(p)
                    && match breaks {
                        Breaks::Text | Breaks::Prose => spaced || ideographic(p) || ideographic(c),
                        Breaks::List => list_separator(p) || (spaced && matches!(p, ',' | ';')),
                    }
            }
        };
        if may_break {
            pieces.push(current);
            current = Piece {
                start: i,
                end: i,
                width: 0,
                spaces: 0,
            };
        } else if current.spaces > 0 {
            // Spaces inside a piece are part of it.
            current.width += current.spaces;
            current.spaces = 0;
        }
        current.end = i + c.len_utf8();
        current.width += char_width(c);
        before = Some(c);
    }
    if current.end > current.start || current.spaces > 0 || pieces.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// The width of the widest piece of `text` that `breaks` never breaks:
/// the narrowest a column can be without cutting one (lines of `text` are
/// measured apart).
pub fn widest_piece(text: &str, breaks: Breaks) -> usize {
    text.lines()
        .flat_map(|line| pieces(line, breaks))
        .map(|p| p.width)
        .max()
        .unwrap_or(0)
}

/// `text` (one line, without line breaks) broken into lines of at most
/// `width` columns, as slices of it without the spaces where they break.
/// A piece wider than `width` is cut to fit under `Breaks::Text` (at a
/// place that leaves no line beginning with closing punctuation or ending
/// with opening punctuation, where there is one) and stands alone on its
/// line under `Breaks::List` and `Breaks::Prose`. A character wider than `width` takes a line
/// of its own. Empty text gives one empty line; a width of 0 counts as 1.
pub fn wrap(text: &str, width: usize, breaks: Breaks) -> Vec<&str> {
    let width = width.max(1);
    let mut lines = Vec::new();
    // The line being filled: where it starts and ends in `text`, and how
    // wide it is without the spaces after its last piece.
    let mut line: Option<(usize, usize, usize)> = None;
    // The spaces after the line's last piece.
    let mut spaces = 0;
    for piece in pieces(text, breaks) {
        if let Some((start, end, w)) = line {
            if w + spaces + piece.width <= width {
                line = Some((start, piece.end, w + spaces + piece.width));
                spaces = piece.spaces;
                continue;
            }
            lines.push(&text[start..end]);
        }
        if piece.width > width && breaks == Breaks::Text {
            // Cut; the last part begins a line that the next pieces may fill.
            // (A cut before spaces inside the piece leaves them out.)
            let mut parts: Vec<&str> = cut(&text[piece.start..piece.end], width)
                .into_iter()
                .map(|part| part.trim_start_matches(' '))
                .filter(|part| !part.is_empty())
                .collect();
            let last = parts.pop().unwrap_or("");
            lines.extend(parts);
            let start = piece.end - last.len();
            line = Some((start, piece.end, display_width(last)));
        } else {
            line = Some((piece.start, piece.end, piece.width));
        }
        spaces = piece.spaces;
    }
    match line {
        Some((start, end, _)) => lines.push(&text[start..end]),
        None if lines.is_empty() => lines.push(""),
        None => {}
    }
    lines
}

/// The columns `text` takes, character by character.
fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// `text`, wider than `width`, cut into parts of at most `width` columns
/// (a character wider than that alone in its part), each as long as it
/// can be; a cut goes back, where it can, to a place where no part would
/// begin with closing punctuation or end with opening punctuation.
fn cut(text: &str, width: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut first = 0;
    while first < chars.len() {
        // As many characters as fit, at least one.
        let mut next = first;
        let mut w = 0;
        while next < chars.len() {
            let cw = char_width(chars[next].1);
            if next > first && w + cw > width {
                break;
            }
            w += cw;
            next += 1;
        }
        if next < chars.len() {
            // Back to a place the rules allow, if there is one in this part.
            let allowed = |k: usize| !no_start(chars[k].1) && !no_end(chars[k - 1].1);
            if let Some(k) = (first + 1..=next).rev().find(|&k| allowed(k)) {
                next = k;
            }
        }
        let end = chars.get(next).map_or(text.len(), |&(i, _)| i);
        parts.push(&text[chars[first].0..end]);
        first = next;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn width_of(line: &str) -> usize {
        display_width(line)
    }

    /// The text again from the lines: what was dropped at the breaks can
    /// only be spaces.
    fn same_text(text: &str, lines: &[&str]) -> bool {
        let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        strip(text) == strip(&lines.concat())
    }

    #[test]
    fn prose_breaks_as_text_but_never_cuts_a_word() {
        let text = "用 --output-directory 指定文件夹";
        assert_eq!(
            wrap(text, 8, Breaks::Prose),
            ["用", "--output-directory", "指定文件", "夹"]
        );
        assert_eq!(
            wrap(text, 8, Breaks::Text),
            ["用", "--output", "-directo", "ry 指定", "文件夹"]
        );
    }

    #[test]
    fn english_breaks_at_spaces() {
        assert_eq!(
            wrap("the quick brown fox jumps", 10, Breaks::Text),
            ["the quick", "brown fox", "jumps"]
        );
        // A word that fits is never cut, even if the line is left short.
        assert_eq!(
            wrap("in-progress not-started", 12, Breaks::Text),
            ["in-progress", "not-started"]
        );
        assert_eq!(wrap("a  b", 10, Breaks::Text), ["a  b"]);
        assert_eq!(wrap("", 10, Breaks::Text), [""]);
        assert_eq!(wrap("   ", 10, Breaks::Text), [""]);
        // Spaces before closing punctuation do not make a break.
        assert_eq!(wrap("x ）", 1, Breaks::Text), ["x", "）"]);
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        let lines = wrap("加大稳增长、促改革、调结构、惠民生", 10, Breaks::Text);
        assert_eq!(lines, ["加大稳增", "长、促改", "革、调结", "构、惠民生"]);
        for line in &lines {
            assert!(width_of(line) <= 10, "{line}");
            assert!(!line.starts_with('、'), "{lines:?}");
        }
        assert!(same_text("加大稳增长、促改革、调结构、惠民生", &lines));
        // 长、 does not fit in 10 after 加大稳增: the 长 goes with its 、.
        assert_eq!(
            wrap("加大稳增长、促改革", 10, Breaks::Text),
            ["加大稳增", "长、促改革"]
        );
    }

    #[test]
    fn no_line_ends_with_an_opening_bracket() {
        let lines = wrap("推动政府和社会资本合作（PPP）项目", 12, Breaks::Text);
        for line in &lines {
            assert!(!line.ends_with('（'), "{lines:?}");
            assert!(!line.starts_with('）'), "{lines:?}");
            assert!(width_of(line) <= 12, "{lines:?}");
        }
        let lines = wrap(
            "做好“信用福建”网站与“信用中国”网站的连接工作",
            8,
            Breaks::Text,
        );
        for line in &lines {
            assert!(!line.ends_with('“') && !line.starts_with('”'), "{lines:?}");
            assert!(width_of(line) <= 8, "{lines:?}");
        }
    }

    #[test]
    fn mixed_text_keeps_latin_words_whole() {
        let lines = wrap("PPP项目信息已在门户网站专栏公开", 10, Breaks::Text);
        assert_eq!(lines[0], "PPP项目信");
        let lines = wrap("PPP项目信息已在门户网站专栏公开", 4, Breaks::Text);
        assert_eq!(lines[0], "PPP");
        let lines = wrap("2016年部门预算已在门户网站公开", 8, Breaks::Text);
        assert_eq!(lines, ["2016年部", "门预算已", "在门户网", "站公开"]);
        // A number is a word: not cut while it fits a line.
        assert_eq!(wrap("共2016项", 5, Breaks::Text), ["共", "2016", "项"]);
    }

    #[test]
    fn a_very_long_word_is_cut_only_when_it_must_be() {
        let word = "x".repeat(25);
        let text = format!("see {word} here");
        let lines = wrap(&text, 10, Breaks::Text);
        assert_eq!(lines, ["see", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx here"]);
        // A Chinese run with no break allowed inside (closing punctuation
        // only) is cut where it must be.
        let text = "、".repeat(9);
        let lines = wrap(&text, 4, Breaks::Text);
        assert!(lines.iter().all(|l| width_of(l) <= 4), "{lines:?}");
        assert!(same_text(&text, &lines));
    }

    #[test]
    fn all_punctuation() {
        for text in [
            "、，。；：！？）」』》〉】”’",
            "（「『《〈【“‘",
            "（「『《〈【“‘、，。；：！？）」』》〉】”’",
            ",.;:!?()[]{}",
            "……——",
        ] {
            for width in 0..12 {
                let lines = wrap(text, width, Breaks::Text);
                assert!(same_text(text, &lines), "{text} at {width}: {lines:?}");
                for line in &lines {
                    assert!(!line.is_empty(), "{text} at {width}: {lines:?}");
                    assert!(
                        width_of(line) <= width.max(2),
                        "{text} at {width}: {lines:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn zero_width_gives_a_character_a_line() {
        assert_eq!(wrap("abc", 0, Breaks::Text), ["a", "b", "c"]);
        assert_eq!(wrap("中文", 0, Breaks::Text), ["中", "文"]);
        assert_eq!(wrap("", 0, Breaks::Text), [""]);
    }

    #[test]
    fn a_character_wider_than_the_line_takes_a_line_of_its_own() {
        assert_eq!(wrap("中", 1, Breaks::Text), ["中"]);
        assert_eq!(wrap("a中b", 1, Breaks::Text), ["a", "中", "b"]);
        assert_eq!(wrap("ab中", 3, Breaks::Text), ["ab", "中"]);
        // Never split from what it combines with.
        assert_eq!(
            wrap("e\u{301}e\u{301}", 1, Breaks::Text),
            ["e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn lists_break_only_between_items() {
        assert_eq!(
            wrap("办公室、数字福建技术应用处、法规处", 20, Breaks::List),
            ["办公室、", "数字福建技术应用处、", "法规处"]
        );
        assert_eq!(
            wrap("#1 2016-10-08, #2 2016-11-01", 14, Breaks::List),
            ["#1 2016-10-08,", "#2 2016-11-01"]
        );
        // An item wider than the line is not cut.
        assert_eq!(
            wrap("负责具体项目审批、核准", 6, Breaks::List),
            ["负责具体项目审批、", "核准"]
        );
        assert_eq!(wrap("各相关业务处室", 4, Breaks::List), ["各相关业务处室"]);
        assert_eq!(widest_piece("办公室、数字福建技术应用处", Breaks::List), 18);
        assert_eq!(widest_piece("#1 2016-10-08, #2 x", Breaks::List), 14);
    }

    #[test]
    fn widest_piece_of_text() {
        assert_eq!(widest_piece("the quick brown", Breaks::Text), 5);
        assert_eq!(widest_piece("长、促", Breaks::Text), 4);
        assert_eq!(widest_piece("", Breaks::Text), 0);
        assert_eq!(widest_piece("ab\nabcd", Breaks::Text), 4);
    }

    proptest::proptest! {
        /// Whatever the text and the width: nothing but spaces is lost, no
        /// line is wider than the width unless it holds one piece that
        /// cannot be cut, and no line begins with closing or ends with
        /// opening punctuation where the text allowed another break.
        #[test]
        fn lines_keep_the_text_and_fit(
            text in "[a-z 中文、，。（）“”《》0-9\\-]{0,40}",
            width in 0usize..30,
        ) {
            let lines = wrap(&text, width, Breaks::Text);
            proptest::prop_assert!(same_text(&text, &lines), "{:?}", lines);
            for line in &lines {
                proptest::prop_assert!(width_of(line) <= width.max(2), "{:?}", lines);
            }
            for (i, line) in lines.iter().enumerate() {
                if i > 0 && !line.is_empty() {
                    proptest::prop_assert!(!line.starts_with(' '), "{:?}", lines);
                }
            }
            let lines = wrap(&text, width, Breaks::List);
            proptest::prop_assert!(same_text(&text, &lines), "{:?}", lines);
        }
    }
}
