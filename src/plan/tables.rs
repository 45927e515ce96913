//! Reading a plan file one `[[task]]` table at a time. A plan of 100,000
//! tasks read as one TOML document holds the whole document, and every task
//! as written, at once; read table by table, only one task as written is
//! held at a time.

use std::io::BufRead;

use toml::Spanned;

use super::raw::{RawHead, RawTask, RawTaskTable};
use super::validate::Validator;
use super::{Diagnostic, Plan};

/// A line of a plan file, as far as cutting it into tables goes.
#[derive(PartialEq, Eq)]
enum Line {
    /// `[[task]]`: a task's table begins.
    Task,
    /// `[[task.rule]]` and the like: a table of the task above.
    OfTask,
    /// Any other table header.
    Other,
    /// Not a table header.
    Plain,
}

/// Tells the headers that cut a plan file into tables. A header-like line
/// inside a multi-line string or array is taken for a header: the piece
/// before it then ends inside that string or array, is not valid TOML on its
/// own, and the file is read whole instead.
fn line_kind(line: &str) -> Line {
    let line = line.trim_start_matches([' ', '\t']);
    if !line.starts_with('[') {
        return Line::Plain;
    }
    if let Some(rest) = line.strip_prefix("[[task]]") {
        let rest = rest.trim_start_matches([' ', '\t']);
        if rest.is_empty() || rest.starts_with(['#', '\r', '\n']) {
            return Line::Task;
        }
        return Line::Other;
    }
    if line.starts_with("[[task.") || line.starts_with("[task.") {
        Line::OfTask
    } else {
        Line::Other
    }
}

/// Where each `[[task]]` table of `text` begins, when the file is laid out
/// as plans are: the plan, divisions, groups and sections first, then the
/// tasks, each followed only by tables of its own (`[[task.rule]]`). `None`
/// for any other layout.
fn task_tables(text: &str) -> Option<Vec<usize>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        match line_kind(line) {
            Line::Task => starts.push(at),
            // Any table may come before the first task.
            Line::Other if !starts.is_empty() => return None,
            _ => {}
        }
    }
    Some(starts)
}

/// The head of a plan file, everything before its first `[[task]]`; `None`
/// if it is not valid TOML or gives tasks of its own.
fn parse_head(text: &str) -> Option<RawHead> {
    let head: RawHead = toml::from_str(text).ok()?;
    head.task.is_none().then_some(head)
}

/// One task's table, which begins at byte `start` of the file.
fn parse_task(text: &str, start: usize) -> Option<Spanned<RawTask>> {
    let table: RawTaskTable = toml::from_str(text).ok()?;
    let [task]: [Spanned<RawTask>; 1] = table.task.try_into().ok()?;
    Some(RawTask::shifted(task, start))
}

/// Parses and validates `text` one `[[task]]` table at a time. `None` when
/// the file is not laid out as `task_tables` expects or any piece is not
/// valid TOML: the caller then reads the file whole, which gives the same
/// plan, or the same problems, with the messages of the whole document.
pub(super) fn parse_by_task(text: &str) -> Option<Result<Plan, Vec<Diagnostic>>> {
    let starts = task_tables(text)?;
    let head = parse_head(&text[..*starts.first()?])?;
    let mut validator = Validator::new(&head, text);
    drop(head);
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    for (start, end) in starts.iter().copied().zip(ends) {
        validator.task(&parse_task(&text[start..end], start)?);
    }
    Some(validator.finish())
}

/// Reads, parses and validates a plan file from `reader` one `[[task]]`
/// table at a time, without holding the whole file: only a plan without any
/// problem is returned. `None` for anything else — a problem in the plan, a
/// file that is not UTF-8 text, longer than `max` bytes, laid out otherwise,
/// or unreadable: the caller then reads the file whole, which reports it
/// exactly, with every position.
pub fn parse_reader(reader: impl BufRead, max: u64) -> Option<Plan> {
    let mut reader = reader.take(max.saturating_add(1));
    let mut read: u64 = 0;
    let mut line = Vec::new();
    // The table being read, and where it begins in the file.
    let mut piece = String::new();
    let mut start = 0;
    let mut offset = 0;
    // No message is made here, so no text is needed to place one.
    let mut validator: Option<Validator> = None;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).ok()?;
        read += n as u64;
        if read > max {
            return None;
        }
        let bytes = match line.strip_prefix("\u{feff}".as_bytes()) {
            Some(rest) if read == n as u64 => rest,
            _ => &line[..],
        };
        if bytes.contains(&0) {
            return None;
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let kind = line_kind(text);
        if n == 0 || kind == Line::Task {
            match &mut validator {
                None if n == 0 => return None,
                None => validator = Some(Validator::new(&parse_head(&piece)?, "")),
                Some(v) => v.task(&parse_task(&piece, start)?),
            }
            if validator.as_ref().is_some_and(Validator::has_problems) {
                return None;
            }
            if n == 0 {
                break;
            }
            piece.clear();
            start = offset;
        } else if kind == Line::Other && validator.is_some() {
            return None;
        }
        piece.push_str(text);
        offset += text.len();
    }
    validator?.finish().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "\u{20}# 工作方案
[plan]
id = \"p\"
title = \"方案\"
office = \"办公室\"
issued = 2016-06-20
due = 2016-12-31

[[division]]
name = \"办公室\"
aliases = [\"综合处\"]
[[division]]
name = \"法规处\"

[[group]]
name = \"各处室\"
members = [\"法规处\", \"办公室\"]

[[section]]
id = \"1\"
title = \"牵头工作\"
role = \"lead\"
";

    /// The same result, spans and messages included, whether `text` is read
    /// table by table or whole.
    fn same_both_ways(text: &str) -> String {
        let by_task = parse_by_task(text).expect("read table by table");
        let whole = super::super::parse_whole(text);
        let shown = format!("{by_task:?}");
        assert_eq!(shown, format!("{whole:?}"));
        shown
    }

    #[test]
    fn a_plan_read_table_by_table_is_the_plan_read_whole() {
        let text = format!(
            "{HEAD}
[[task]]
id = \"1.1\"
section = \"1\"
title = \"  做好网站连接  \"
lead = \"综合处\"
support = [
  \"法规处\",
]
due = 2016-12-01

  [[task.rule]]  # 规则
  kind = \"after\"
  event = \"政策文件公开\"
  within = \"3wd\"

[[task]]   # 第二项
id = \"1.2\"
section = \"1\"
title = \"解读\"
text = \"\"\"
多行
文字\"\"\"
lead = \"各处室\"

[[task.rule]]
kind = \"quota\"
event = \"解读\"
count = 2
by = 2016-12-31
what = \"发布\"
"
        );
        let shown = same_both_ways(&text);
        assert!(shown.starts_with("Ok("), "{shown}");
        let crlf = text.replace('\n', "\r\n");
        assert!(same_both_ways(&crlf).starts_with("Ok("));
        // Read from a file, with or without a byte order mark.
        for text in [text.clone(), crlf, format!("\u{feff}{text}")] {
            let read = parse_reader(text.as_bytes(), 1 << 20).expect("read from a file");
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            assert_eq!(format!("Ok({read:?})"), same_both_ways(text));
        }
        assert!(parse_reader(text.as_bytes(), text.len() as u64 - 1).is_none());
        assert!(parse_reader(text.as_bytes(), text.len() as u64).is_some());
    }

    #[test]
    fn problems_found_table_by_table_are_placed_as_in_the_whole_file() {
        let text = format!(
            "{HEAD}
[[task]]
id = \"1.1\"
section = \"1\"
title = \"甲\"
lead = \"办公室\"

[[task]]
id = \"1.2\"
section = \"9\"
title = \"乙\"
lead = \"信用办\"
due = \"2016-02-30\"

[[task.rule]]
kind = \"after\"
event = \"公开\"
within = \"3wd\"
count = 1

[[task.rule]]
kind = \"after\"
event = \"公开\"
within = \"soon\"

[[task]]
id = \"1.1\"
section = \"1\"
lead = \"办公室\"
support = [\"综合处\", \" 法规处\"]
due = 2016-01-01
"
        );
        let shown = same_both_ways(&text);
        assert!(shown.starts_with("Err("), "{shown}");
        assert!(parse_reader(text.as_bytes(), 1 << 20).is_none());
        for message in [
            "used twice (first on line 25)",
            "section \\\"9\\\" is not declared",
            "\\\"信用办\\\" is not declared",
            "is not a real date",
            "`count` does not belong",
            "is not a duration",
            "task 1.1 has no `title`",
            "is assigned to task 1.1 twice",
            "before the plan was issued",
        ] {
            assert!(shown.contains(message), "{message} not in {shown}");
        }
    }

    #[test]
    fn a_plan_without_tasks_or_with_problems_in_the_head_is_the_same_both_ways() {
        let text = HEAD.replace("office = \"办公室\"", "office = \"各处室\"");
        assert!(parse_by_task(&text).is_none(), "no [[task]] table");
        assert!(parse_reader(text.as_bytes(), 1 << 20).is_none());
        let text = format!("{text}\n[[task]]\nid = \"1.1\"\n");
        assert!(same_both_ways(&text).contains("is a group"));
        assert!(parse_reader(text.as_bytes(), 1 << 20).is_none());
    }

    #[test]
    fn any_other_layout_or_invalid_piece_is_left_to_the_whole_file() {
        let task = "[[task]]\nid = \"1.1\"\nsection = \"1\"\ntitle = \"甲\"\nlead = \"办公室\"\n";
        for text in [
            // Not valid TOML in one of the pieces.
            format!("{HEAD}\n{task}title = \"again\"\n"),
            format!("{HEAD}\n{task}lead = \"unclosed\n"),
            format!("{HEAD}\n{task}colour = \"red\"\n"),
            // A table after the tasks that is not theirs.
            format!("{HEAD}\n{task}[[section]]\nid = \"2\"\n"),
            format!("{HEAD}\n{task}[ [task] ]\n"),
            format!("{HEAD}\n{task}[[task]] x\n"),
            // Tasks in the head.
            format!("{HEAD}task = []\n{task}"),
            format!("{HEAD}[task]\n{task}"),
            // A header-like line inside a multi-line string.
            format!("{HEAD}\n{task}text = '''\n[[task]]\n'''\n"),
        ] {
            assert!(parse_by_task(&text).is_none(), "{text}");
            assert!(parse_reader(text.as_bytes(), 1 << 20).is_none(), "{text}");
        }
        // Not text.
        let valid = format!("{HEAD}\n{task}");
        assert!(parse_reader(valid.as_bytes(), 1 << 20).is_some());
        for bad in [b"\0".as_slice(), b"\xff".as_slice()] {
            let mut bytes = valid.clone().into_bytes();
            bytes.splice(30..30, bad.iter().copied());
            assert!(parse_reader(bytes.as_slice(), 1 << 20).is_none());
        }
    }
}
