//! Return files as other programs make them (tests/data/returns/, with the
//! scripts that made them): workbooks from openpyxl and LibreOffice, CSV
//! saved as GBK with CRLF, UTF-16 text, forms written by `tasks form` and
//! filled in elsewhere. Each records what its maker meant, once; each
//! mistake is shown at its cell.

use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::support::{json_at, Env};

/// After every time in the fixtures.
const NOW: &str = "2016-10-08T12:00";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/returns")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

fn load_json(name: &str) -> Value {
    let text = std::fs::read_to_string(fixtures().join(name)).expect("read expected entries");
    serde_json::from_str(&text).expect("JSON")
}

/// Every good file and what it should record: (file, entries, left blank).
fn intended() -> Vec<(String, Vec<Value>, Vec<String>)> {
    let mut all = Vec::new();
    let made = load_json("expected.json");
    for (file, v) in made["files"].as_object().expect("files") {
        let blank = v["left_blank"]
            .as_array()
            .expect("left_blank")
            .iter()
            .map(|b| b["task"].as_str().expect("task").to_string())
            .collect();
        all.push((
            file.clone(),
            v["entries"].as_array().expect("entries").clone(),
            blank,
        ));
    }
    let filled = load_json("filled-forms.json");
    for file in ["filled-form.xlsx", "filled-form-gbk.csv"] {
        let v = &filled[file];
        let blank = v["left_blank"]
            .as_array()
            .expect("left_blank")
            .iter()
            .map(|b| b.as_str().expect("task").to_string())
            .collect();
        all.push((
            file.to_string(),
            v["entries"].as_array().expect("entries").clone(),
            blank,
        ));
    }
    all
}

/// An entry as the dry run lists it, in the fixtures' terms.
fn listed(row: &Value) -> Value {
    serde_json::json!({
        "row": row["row"],
        "task": row["task"],
        "division": row["division"],
        "status": row["status"],
        "percent": row["percent"],
        "note": row["note"],
        "by": row["by"],
        "at": row["at"],
    })
}

#[test]
fn every_return_file_records_what_its_maker_meant_and_only_once() {
    for (file, entries, blank) in intended() {
        let env = Env::seeded();
        let path = fixture(&file);
        let before = env.snapshot();
        let dry = json_at(
            &env,
            NOW,
            &["feedback", "--from", &path, "--dry-run", "--format", "json"],
        );
        assert_eq!(before, env.snapshot(), "{file}: the dry run wrote");
        let rows: Vec<Value> = dry["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(listed)
            .collect();
        assert_eq!(rows, entries, "{file}");
        assert_eq!(dry["left_blank"], serde_json::json!(blank), "{file}");
        assert!(
            dry["rows"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["outcome"] == "record"),
            "{file}"
        );

        let done = json_at(
            &env,
            NOW,
            &["feedback", "--from", &path, "--format", "json"],
        );
        assert_eq!(done["added"], entries.len(), "{file}");
        for e in &entries {
            let task = e["task"].as_str().unwrap();
            let history = json_at(&env, NOW, &["history", task, "--format", "json"]);
            let found = history.as_array().unwrap().iter().any(|h| {
                h["who"] == e["division"]
                    && h["what"] == e["status"]
                    && h["percent"] == e["percent"]
                    && h["note"] == e["note"]
                    && h["by"] == e["by"]
                    && (e["at"].is_null() || h["at"] == e["at"])
            });
            assert!(found, "{file}: {e} not in the history of {task}: {history}");
        }

        // The same file again: nothing added, nothing changed.
        let after = env.snapshot();
        let again = json_at(
            &env,
            NOW,
            &["feedback", "--from", &path, "--format", "json"],
        );
        assert_eq!(again["added"], 0, "{file}");
        assert_eq!(again["already_recorded"], entries.len(), "{file}");
        assert_eq!(after, env.snapshot(), "{file}: the second import wrote");
    }
}

#[test]
fn a_workbook_saved_again_by_another_program_records_nothing_new() {
    let env = Env::seeded();
    let first = json_at(
        &env,
        NOW,
        &[
            "feedback",
            "--from",
            &fixture("chinese-form.xlsx"),
            "--format",
            "json",
        ],
    );
    assert_eq!(first["added"], 5);
    let before = env.snapshot();
    for resaved in ["chinese-form.xls", "chinese-form.ods"] {
        let run = env.tasks_at(NOW, &["feedback", "--from", &fixture(resaved)]);
        assert!(
            run.ok()
                .contains("all 5 entries were recorded before; nothing added."),
            "{resaved}: {}",
            run.stdout
        );
    }
    assert_eq!(before, env.snapshot());
}

/// A problem as shown: its location line, and the text under the carets.
struct Shown {
    location: String,
    marked: String,
}

/// The problems of an error message, each with what its carets mark.
fn shown_problems(stderr: &str) -> Vec<Shown> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(caret_line) = lines.get(i + 3) else {
            continue;
        };
        let Some(row_line) = lines.get(i + 2) else {
            continue;
        };
        if !(caret_line.contains('^') && lines[i + 1].trim_end().ends_with('|')) {
            continue;
        }
        let bar = row_line.find(" | ").expect("a row line");
        let text = &row_line[bar + 3..];
        let carets = &caret_line[caret_line.find(" | ").expect("a caret line") + 3..];
        let indent = carets.len() - carets.trim_start().len();
        let width = carets
            .trim_start()
            .chars()
            .take_while(|&c| c == '^')
            .count();
        // The characters of the row under the carets.
        let (mut at, mut marked) = (0, String::new());
        for c in text.chars() {
            let w = UnicodeWidthStr::width(c.to_string().as_str());
            if at >= indent && at < indent + width {
                marked.push(c);
            }
            at += w;
        }
        found.push(Shown {
            location: line.to_string(),
            marked,
        });
    }
    found
}

#[test]
fn every_mistake_in_a_return_is_shown_at_its_cell() {
    let made = load_json("expected.json");
    for (file, v) in made["mistakes"].as_object().expect("mistakes") {
        let env = Env::seeded();
        let path = fixture(file);
        let before = env.snapshot();
        let run = env.tasks_at(NOW, &["feedback", "--from", &path]);
        assert_eq!(run.status, 2, "{file}: {}", run.stdout);
        assert_eq!(before, env.snapshot(), "{file}: a refused file wrote");
        let problems = v["problems"].as_array().expect("problems");
        assert!(
            run.stderr.starts_with(&format!(
                "error: {path}: {} problems found, nothing was recorded\n",
                problems.len()
            )),
            "{file}: {}",
            run.stderr
        );
        let shown = shown_problems(&run.stderr);
        assert_eq!(shown.len(), problems.len(), "{file}: {}", run.stderr);
        for (p, s) in problems.iter().zip(&shown) {
            let row = p["row"].as_u64().unwrap();
            let prefix = match p["sheet"].as_str() {
                // A sheet's column is its letter.
                Some(sheet) => format!("{path}:{sheet}:{row}:{}: ", p["column"].as_str().unwrap()),
                // A text file's column counts characters: the carets say
                // which cell.
                None => format!("{path}:{row}:"),
            };
            assert!(
                s.location.starts_with(&prefix),
                "{file}: {} for {p}",
                s.location
            );
            let value = match &p["value"] {
                Value::String(v) => v.clone(),
                other => other.to_string(),
            };
            if !value.is_empty() {
                assert_eq!(s.marked, value, "{file}: {}", s.location);
            }
        }
    }
}

#[test]
fn under_lang_zh_the_problems_are_told_in_chinese() {
    let env = Env::seeded();
    let path = fixture("mistakes.xlsx");
    let run = env.tasks_at(NOW, &["--lang", "zh", "feedback", "--from", &path]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains(&format!("{path}：发现 8 处问题，未记录任何反馈")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("{path}:反馈表:4:C：无法识别的状态“进行了一半”")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("此行缺少“责任处室”（`division`）"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("unknown status"), "{}", run.stderr);
}

#[test]
fn a_dry_run_lists_the_good_rows_and_every_problem_and_writes_nothing() {
    let env = Env::seeded();
    env.write(
        "returns.csv",
        "任务编号,责任处室,状态,进度\n2.1,法规处,推进中,40\n1.7,法规处,进行了一半,50\n",
    );
    let before = env.snapshot();
    let run = env.tasks_at(NOW, &["feedback", "--from", "returns.csv", "--dry-run"]);
    assert_eq!(run.status, 2);
    assert_eq!(before, env.snapshot());
    assert!(run.stdout.contains(" 2    2.1   法规处"), "{}", run.stdout);
    assert!(
        run.stderr.starts_with(
            "error: returns.csv: 1 problem found; as it is, nothing would be recorded\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("returns.csv:3:9: unknown status \"进行了一半\""),
        "{}",
        run.stderr
    );
}

/// The mistakes a clerk makes, and the clear message each gets.
#[test]
fn a_corrected_file_sent_again_adds_nothing_however_its_values_are_written() {
    let env = Env::seeded();
    env.write(
        "first.csv",
        "task,division,status,percent,note,at\n2.1,法规处 ,in-progress,50%,已起草,2016/7/5\n",
    );
    let out = env.tasks_at(NOW, &["feedback", "--from", "first.csv"]);
    assert_eq!(out.ok(), "Recorded 1 entry from first.csv (import #1).\n");
    let before = env.snapshot();
    for (i, percent) in ["50", "050", "+50", "0050", "５０", "50.0"]
        .iter()
        .enumerate()
    {
        let name = format!("again{i}.csv");
        env.write(
            &name,
            format!(
                "任务编号,责任处室,状态,进度,情况说明,填报日期\r\n2.1,\u{3000}政策法规处,推进中,{percent},已起草 ,2016年7月5日\r\n"
            ),
        );
        let out = env.tasks_at(NOW, &["feedback", "--from", &name]);
        assert_eq!(
            out.ok(),
            format!("{name}: all 1 entries were recorded before; nothing added.\n")
        );
    }
    assert_eq!(before, env.snapshot());
}

#[test]
fn no_field_can_make_two_different_entries_the_same() {
    let env = Env::seeded();
    // Joined with U+001F, these two once gave the same key.
    env.write(
        "two.csv",
        "task,division,status,note,by,at\n\
         2.1,法规处,in-progress,a\u{1f}b,c,2016-07-05\n\
         2.1,法规处,in-progress,a,b\u{1f}c,2016-07-05\n",
    );
    let out = env.tasks_at(NOW, &["feedback", "--from", "two.csv"]);
    assert_eq!(out.ok(), "Recorded 2 entries from two.csv (import #1).\n");
    let history = json_at(&env, NOW, &["history", "2.1", "--format", "json"]);
    assert_eq!(history.as_array().unwrap().len(), 2);
}

#[test]
fn the_command_line_takes_what_a_return_file_takes() {
    let env = Env::seeded();
    let out = env.tasks_at(
        NOW,
        &[
            "feedback",
            "2.1",
            "--division",
            "法规处 ",
            "--status",
            "正在推进",
            "--percent",
            "50%",
            "--at",
            "2016/7/5",
        ],
    );
    assert_eq!(
        out.ok(),
        "Recorded #1: task 2.1, 法规处: in-progress 50% at 2016-07-05 00:00:00. Task 2.1 is now in-progress.\n"
    );
    for at in ["2016.7.6", "2016年7月7日 9:30", "2016-7-8"] {
        env.tasks_at(
            NOW,
            &[
                "feedback",
                "2.1",
                "--division",
                "\u{3000}法规处",
                "--status",
                "推进中",
                "--at",
                at,
            ],
        )
        .ok();
    }
    let history = json_at(&env, NOW, &["history", "2.1", "--format", "json"]);
    let times: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["at"].as_str().unwrap())
        .collect();
    assert_eq!(
        times,
        [
            "2016-07-05 00:00:00",
            "2016-07-06 00:00:00",
            "2016-07-07 09:30:00",
            "2016-07-08 00:00:00"
        ]
    );
}

#[test]
fn a_form_without_a_division_takes_the_one_given() {
    let env = Env::seeded();
    env.write(
        "fagui.csv",
        "编号,状态,进度,备注\n2.1,推进中,40,已起草\n2.2,受阻,,等待意见\n",
    );
    let run = env.tasks_at(NOW, &["feedback", "--from", "fagui.csv"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("the header has no `division` (责任处室) column and no division is given"),
        "{}",
        run.stderr
    );
    let run = env.tasks_at(
        NOW,
        &["feedback", "--from", "fagui.csv", "--division", "法规处"],
    );
    assert_eq!(run.ok(), "Recorded 2 entries from fagui.csv (import #1).\n");
    // A division not assigned to a task is shown at the task id.
    env.write("more.csv", "编号,状态\n1.1,推进中\n");
    let run = env.tasks_at(
        NOW,
        &["feedback", "--from", "more.csv", "--division", "法规处"],
    );
    assert!(
        run.stderr
            .contains("more.csv:2:1: 法规处 is not assigned to task 1.1"),
        "{}",
        run.stderr
    );
}

#[test]
fn columns_that_are_not_read_are_named_on_stderr() {
    let env = Env::seeded();
    env.write(
        "fb.csv",
        "task,division,status,联系电话,附件\n2.1,法规处,in-progress,123,a.pdf\n",
    );
    let run = env.tasks_at(NOW, &["feedback", "--from", "fb.csv"]);
    assert_eq!(run.ok(), "Recorded 1 entry from fb.csv (import #1).\n");
    assert_eq!(run.stderr, "warning: fb.csv: column 5 (附件) is not read\n");
}

#[test]
fn a_sheet_is_chosen_by_name_and_a_wrong_one_is_refused_with_the_names() {
    let env = Env::seeded();
    let path = fixture("chinese-form.xlsx");
    let run = env.tasks_at(NOW, &["feedback", "--from", &path, "--sheet", "Sheet9"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("the workbook has no sheet \"Sheet9\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("expected one of \"反馈表\""),
        "{}",
        run.stderr
    );
    let run = env.tasks_at(NOW, &["feedback", "--from", &path, "--sheet", "反馈表"]);
    assert!(run.ok().starts_with("Recorded 5 entries"), "{}", run.stdout);
    // A CSV has no sheets.
    env.write("fb.csv", "task,division,status\n2.1,法规处,done\n");
    let run = env.tasks_at(NOW, &["feedback", "--from", "fb.csv", "--sheet", "反馈表"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("--sheet is for workbooks"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_named_as_a_workbook_that_is_not_one_is_refused() {
    let env = Env::seeded();
    env.write("returns.xlsx", "task,division,status\n2.1,法规处,done\n");
    let before = env.snapshot();
    let run = env.tasks_at(NOW, &["feedback", "--from", "returns.xlsx"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("returns.xlsx: not a workbook that can be read"),
        "{}",
        run.stderr
    );
    assert_eq!(before, env.snapshot());
    // A damaged workbook: a zip that is not a workbook.
    let mut bytes = std::fs::read(fixtures().join("chinese-form.xlsx")).unwrap();
    bytes.truncate(bytes.len() / 2);
    env.write("cut.xlsx", bytes);
    let run = env.tasks_at(NOW, &["feedback", "--from", "cut.xlsx"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("not a workbook that can be read"),
        "{}",
        run.stderr
    );
    assert_eq!(before, env.snapshot());
}

/// The filled-in forms were made from `tasks form`'s output: the form it
/// writes today must still have their header, or they must be made again
/// (tests/data/returns/fill_forms.py).
#[test]
fn the_filled_in_forms_have_the_header_of_todays_form() {
    use calamine::Reader;
    let env = Env::seeded();
    env.tasks_at(
        "2016-09-30",
        &[
            "--lang",
            "zh",
            "form",
            "--division",
            "法规处",
            "--output",
            "blank.xlsx",
        ],
    )
    .ok();
    let header = |path: &Path| -> Vec<String> {
        let mut book = calamine::open_workbook_auto(path).expect("a workbook");
        let sheet = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        sheet
            .rows()
            .find(|r| r.first().is_some_and(|c| *c == "任务编号"))
            .expect("a header row")
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    assert_eq!(
        header(&env.path("blank.xlsx")),
        header(&fixtures().join("filled-form.xlsx"))
    );
    env.tasks_at(
        "2016-09-30",
        &[
            "--lang",
            "zh",
            "form",
            "--division",
            "新闻中心",
            "--output",
            "blank.csv",
        ],
    )
    .ok();
    let text = std::fs::read_to_string(env.path("blank.csv")).unwrap();
    let filled = std::fs::read(fixtures().join("filled-form-gbk.csv")).unwrap();
    let (filled, _, _) = encoding_rs::GB18030.decode(&filled);
    let header_of = |t: &str| {
        t.lines()
            .find(|l| l.starts_with("任务编号"))
            .map(str::to_string)
    };
    assert_eq!(header_of(&text), header_of(&filled));
}

/// Tables as offices lay them out themselves: the division, reporter and
/// date said once above the table, a header of two rows, notes under it.
#[test]
fn a_two_row_header_and_notes_around_the_table_are_read_as_an_office_means_them() {
    let intended = load_json("other-layouts.json");
    for file in ["two-row-header.xlsx", "two-row-header-gbk.csv"] {
        let env = Env::seeded();
        let path = fixture(file);
        let dry = json_at(
            &env,
            NOW,
            &["feedback", "--from", &path, "--dry-run", "--format", "json"],
        );
        let rows: Vec<Value> = dry["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| {
                let mut r = listed(r);
                r.as_object_mut().unwrap().remove("row");
                r
            })
            .collect();
        assert_eq!(&Value::from(rows), &intended[file], "{file}");
        let run = env.tasks_at(NOW, &["feedback", "--from", &path]);
        assert_eq!(
            run.ok(),
            format!("Recorded 4 entries from {path} (import #1).\n"),
            "{file}"
        );
        assert_eq!(run.stderr, "", "{file}");
    }
}

/// What a file would add and what it repeats are counted apart: in a dry run
/// that finds problems, and in the import's record.
#[test]
fn entries_already_recorded_are_counted_apart_in_a_dry_run_and_in_the_import() {
    let env = Env::seeded();
    let first = "task,division,status,percent,at\n\
                 1.1,信用办,in-progress,10,2016-08-01\n\
                 1.3,办公室,in-progress,30,2016-08-02\n";
    env.write("first.csv", first);
    crate::support::at(&env, "2016-10-10", &["feedback", "--from", "first.csv"]);
    // The two entries again, one new (written twice), and a row naming no
    // task.
    let new = "1.4,体改处,in-progress,40,2016-08-03\n";
    let again = format!("{first}{new}{new}9.9,办公室,done,,2016-08-02\n");
    env.write("again.csv", &again);
    let dry = env.tasks_at(
        "2016-10-10",
        &[
            "feedback",
            "--from",
            "again.csv",
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert_eq!(dry.status, 2, "{}", dry.stderr);
    let dry: serde_json::Value = serde_json::from_str(&dry.stdout).unwrap();
    let counts =
        ["entries", "added", "already_recorded", "repeated_in_file"].map(|k| dry[k].clone());
    assert_eq!(counts, [5, 1, 2, 1].map(serde_json::Value::from), "{dry}");

    // Without the bad row, and with the new row written twice, it is
    // recorded: one added, two recorded before (skipped), one repeated
    // within the file.
    let lines: Vec<&str> = again.lines().take(5).collect();
    env.write("again.csv", lines.join("\n") + "\n");
    crate::support::at(&env, "2016-10-10", &["feedback", "--from", "again.csv"]);
    let imports = json_at(&env, "2016-10-10", &["imports", "--format", "json"]);
    let last = imports.as_array().unwrap().last().unwrap().clone();
    let counts = ["entries", "added", "skipped", "repeated"].map(|k| last[k].clone());
    assert_eq!(counts, [4, 1, 2, 1].map(serde_json::Value::from), "{last}");
}

/// A return file's plan column, or a PLAN:ID task, picks the plan of a task
/// id that two loaded plans share, and names it when the id is not there.
#[test]
fn the_plan_of_a_row_picks_the_task_and_is_named_when_it_has_no_such_task() {
    let env = Env::seeded();
    env.write(
        "second.toml",
        "[plan]\nid = \"second\"\ntitle = \"第二个方案\"\noffice = \"信用办\"\n\n\
         [[division]]\nname = \"信用办\"\n\n[[section]]\nid = \"1\"\ntitle = \"一\"\n\n\
         [[task]]\nid = \"1.1\"\nsection = \"1\"\ntitle = \"另一项任务\"\nlead = \"信用办\"\n",
    );
    crate::support::at(&env, "2016-10-10", &["load", "second.toml"]);
    env.write(
        "plan-column.csv",
        "plan,task,division,status\nsecond,1.1,信用办,in-progress\n",
    );
    crate::support::at(
        &env,
        "2016-10-10",
        &["feedback", "--from", "plan-column.csv"],
    );
    let shown = json_at(
        &env,
        "2016-10-10",
        &["show", "second:1.1", "--format", "json"],
    );
    assert_eq!(shown["status"], "in-progress", "{shown}");
    let seed = json_at(
        &env,
        "2016-10-10",
        &["show", "fjdrc-2016-zwgk:1.1", "--format", "json"],
    );
    assert_eq!(seed["status"], "not-started", "{seed}");
    for (file, text) in [
        (
            "column.csv",
            "plan,task,division,status\nsecond,9.9,信用办,in-progress\n",
        ),
        (
            "reference.csv",
            "task,division,status\nsecond:9.9,信用办,in-progress\n",
        ),
    ] {
        env.write(file, text);
        let refused = env.tasks_at("2016-10-10", &["feedback", "--from", file]);
        assert_eq!(refused.status, 2, "{file}: {}", refused.stderr);
        assert!(
            refused.stderr.contains("no task \"9.9\" in plan second"),
            "{file}: {}",
            refused.stderr
        );
    }
}
