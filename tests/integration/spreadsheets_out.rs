//! The report and the task list as Excel workbooks, and CSV for Excel: read
//! back with calamine, and, for what calamine does not see (frozen panes,
//! filters, printing, fills, charts), from the workbook's XML.

use std::io::Read;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;

use crate::support::{at, json_at, run, Env};

/// The time the seeded office's report is read as of: every open task is
/// due within the plan's warning (yellow), one obligation is overdue (red).
const AS_OF: &str = "2016-12-27";

/// The seed plan with some work recorded: returns with notes, a task
/// closed, a blocked one, an obligation overdue.
fn office() -> Env {
    let env = Env::seeded();
    let feedback = |when: &str, task: &str, division: &str, status: &str, extra: &[&str]| {
        let mut args = vec!["feedback", task, "--division", division, "--status", status];
        args.extend_from_slice(extra);
        at(&env, when, &args);
    };
    feedback(
        "2016-09-20T10:00",
        "1.1",
        "信用办",
        "in-progress",
        &[
            "--percent",
            "40",
            "--note",
            "已完成网站对接方案",
            "--by",
            "张三",
        ],
    );
    feedback(
        "2016-09-21T15:30",
        "1.1",
        "数字福建技术应用处",
        "in-progress",
        &["--percent", "20"],
    );
    feedback(
        "2016-09-25T09:00",
        "1.7",
        "法规处",
        "done",
        &["--percent", "100", "--note", "已办结"],
    );
    at(
        &env,
        "2016-09-26",
        &["review", "1.7", "--accept", "--by", "办公室"],
    );
    // A note a spreadsheet would take for a formula.
    feedback(
        "2016-10-08T11:00",
        "2.1",
        "法规处",
        "blocked",
        &["--note", "=HYPERLINK(\"http://x\")"],
    );
    at(
        &env,
        "2016-12-01T10:00",
        &["event", "3.3", "政策文件公开", "--at", "2016-12-01T10:00"],
    );
    env
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("a workbook calamine reads")
}

/// Every row of a sheet, from its first used row.
fn rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let range = open(path).worksheet_range(sheet).expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A cell as text; numbers without a fraction as integers.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// The column of `header` in a sheet's first row.
fn column(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| text(c) == header)
        .unwrap_or_else(|| panic!("no column {header:?} in {:?}", rows[0]))
}

/// A part of the workbook's zip file, as text.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip file");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut text)
        .expect("read part");
    text
}

/// The names of the workbook's parts.
fn parts(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).expect("open workbook");
    let zip = zip::ZipArchive::new(file).expect("a zip file");
    zip.file_names().map(str::to_string).collect()
}

/// Writes the report as a workbook into the scratch folder.
fn report_book(env: &Env, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let path = env.path(name);
    let mut args = vec!["report", "--format", "xlsx", "--output", name];
    args.extend_from_slice(extra);
    at(env, AS_OF, &args);
    path
}

fn csv_records(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record"))
        .collect()
}

#[test]
fn report_sheets_are_named_in_the_language_asked() {
    let env = office();
    let zh = report_book(&env, "zh.xlsx", &["--lang", "zh"]);
    assert_eq!(open(&zh).sheet_names(), ["汇总", "任务明细", "逾期及预警"]);
    let en = report_book(&env, "en.xlsx", &["--lang", "en"]);
    assert_eq!(
        open(&en).sheet_names(),
        ["Summary", "Tasks", "Overdue and warnings"]
    );
    // Headers follow the language too.
    assert_eq!(text(&rows(&zh, "任务明细")[0][0]), "任务编号");
    assert_eq!(text(&rows(&en, "Tasks")[0][0]), "ID");
    // Figures only: the summary alone.
    let summary = report_book(&env, "summary.xlsx", &["--lang", "zh", "--summary"]);
    assert_eq!(open(&summary).sheet_names(), ["汇总"]);
}

#[test]
fn the_task_sheet_has_the_lines_of_the_csv_report() {
    let env = office();
    let book = report_book(&env, "r.xlsx", &["--lang", "en"]);
    let sheet = rows(&book, "Tasks");
    let csv = csv_records(&at(&env, AS_OF, &["report", "--format", "csv"]));
    assert_eq!(sheet.len() - 1, csv.len(), "one line per task and assignee");
    let col = |h| column(&sheet, h);
    let pairs = [
        ("ID", 1),
        ("Section", 2),
        ("Title", 3),
        ("Status", 4),
        ("Assignee", 10),
        ("Role", 11),
        ("Reported status", 12),
        ("Percent", 13),
        ("Note", 14),
        ("Reported by", 15),
    ];
    for (line, record) in sheet[1..].iter().zip(&csv) {
        for (header, k) in pairs {
            // CSV keeps a formula from starting a cell with an apostrophe;
            // a workbook's text cell is never a formula.
            let cell = text(&line[col(header)]);
            let want = match record[k].strip_prefix('\'') {
                Some(rest) if rest.starts_with('=') => rest,
                _ => &record[k],
            };
            assert_eq!(cell, want, "{header} of {record:?}");
        }
    }
    // The note that looks like a formula is text.
    let note = sheet[1..]
        .iter()
        .map(|l| &l[col("Note")])
        .find(|c| text(c).starts_with("=HYPERLINK"))
        .expect("the note");
    assert!(matches!(note, Data::String(_)), "{note:?}");
    // The lines in Chinese are the same lines.
    let zh = report_book(&env, "zh.xlsx", &["--lang", "zh"]);
    assert_eq!(rows(&zh, "任务明细").len(), sheet.len());
}

#[test]
fn due_dates_and_entry_times_are_excel_dates() {
    let env = office();
    let book = report_book(&env, "r.xlsx", &["--lang", "en"]);
    let sheet = rows(&book, "Tasks");
    let listed = json_at(&env, AS_OF, &["list", "--format", "json"]);
    let due_of = |id: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .and_then(|t| t["due"].as_str())
            .map(str::to_string)
    };
    let (id, due) = (column(&sheet, "ID"), column(&sheet, "Due"));
    for line in &sheet[1..] {
        let Data::DateTime(cell) = &line[due] else {
            panic!("due is not a date: {:?}", line[due]);
        };
        let date = cell.as_datetime().expect("a date").date();
        assert_eq!(Some(date.to_string()), due_of(&text(&line[id])), "{line:?}");
    }
    // The entry of 1.1 by 信用办 was made at 2016-09-20 10:00.
    let (assignee, when) = (column(&sheet, "Assignee"), column(&sheet, "Reported at"));
    let line = sheet
        .iter()
        .find(|l| text(&l[id]) == "1.1" && text(&l[assignee]) == "信用办")
        .expect("the line of 1.1");
    let Data::DateTime(cell) = &line[when] else {
        panic!("the time is not a date: {:?}", line[when]);
    };
    assert_eq!(
        cell.as_datetime().expect("a time").to_string(),
        "2016-09-20 10:00:00"
    );
}

#[test]
fn the_warning_sheet_has_the_items_of_check() {
    let env = office();
    let book = report_book(&env, "r.xlsx", &["--lang", "en"]);
    let sheet = rows(&book, "Overdue and warnings");
    let checked = env.tasks_at(AS_OF, &["check", "--format", "json"]);
    assert_eq!(checked.status, 1, "{}", checked.stderr);
    let items: Vec<Value> = checked
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(items.len() > 5);
    assert_eq!(sheet.len() - 1, items.len());
    let col = |h| column(&sheet, h);
    let kinds = [
        ("overdue", "overdue", "red"),
        ("obligation-overdue", "obligation overdue", "red"),
        ("due-soon", "due soon", "yellow"),
        ("quota-at-risk", "quota at risk", "yellow"),
    ];
    for (line, item) in sheet[1..].iter().zip(&items) {
        let mut task = item["task"].as_str().unwrap().to_string();
        if let Some(n) = item["obligation"].as_u64() {
            task += &format!("#{n}");
        }
        assert_eq!(text(&line[col("Task")]), task);
        assert_eq!(text(&line[col("Division")]), item["division"]);
        assert_eq!(text(&line[col("Title")]), item["title"]);
        let Data::DateTime(deadline) = &line[col("Deadline")] else {
            panic!("the deadline is not a date: {line:?}");
        };
        let deadline = deadline.as_datetime().expect("a date");
        assert_eq!(
            deadline.date().to_string(),
            item["deadline"].as_str().unwrap()[..10]
        );
        let (_, label, light) = kinds
            .iter()
            .find(|(kind, _, _)| item["kind"] == *kind)
            .unwrap_or_else(|| panic!("a kind this test knows: {item}"));
        assert_eq!(text(&line[col("Item")]), *label);
        assert_eq!(text(&line[col("Light")]), *light);
    }
    assert!(items.iter().any(|i| i["kind"] == "obligation-overdue"));
    // Nothing needs attention early in the year: the sheet says so.
    assert_eq!(env.tasks_at("2016-07-01", &["check"]).status, 0);
    at(
        &env,
        "2016-07-01",
        &[
            "report",
            "--format",
            "xlsx",
            "--lang",
            "en",
            "-o",
            "july.xlsx",
        ],
    );
    let sheet = rows(&env.path("july.xlsx"), "Overdue and warnings");
    assert_eq!(sheet.len(), 2);
    assert_eq!(text(&sheet[1][0]), "Nothing is overdue or needs attention.");
}

/// The table of figures under `caption` on a summary sheet: its lines,
/// the total last.
fn figure_lines(sheet: &[Vec<Data>], caption: &str, count: usize) -> Vec<Vec<Data>> {
    let at = sheet
        .iter()
        .position(|r| r.first().map(text).as_deref() == Some(caption))
        .unwrap_or_else(|| panic!("no table {caption:?}"));
    sheet[at + 2..at + 2 + count].to_vec()
}

/// Checks the summary sheet of the workbook of the report as of `when`,
/// with the task lines and without, against the JSON report's figures, by
/// section and by division.
fn check_summary(env: &Env, when: &str) {
    for extra in [None, Some("--summary")] {
        let name = format!("summary-{when}-{}.xlsx", extra.is_some());
        let mut args = vec![
            "report", "--format", "xlsx", "--lang", "en", "--output", &name,
        ];
        args.extend(extra);
        at(env, when, &args);
        check_summary_sheet(env, when, &rows(&env.path(&name), "Summary"));
    }
}

fn check_summary_sheet(env: &Env, when: &str, sheet: &[Vec<Data>]) {
    assert_eq!(text(&sheet[0][0]), "2016年政务公开工作分解落实方案");
    let line = text(&sheet[1][0]);
    assert!(
        line.contains("闽发改办〔2016〕452号") && line.contains(when) && line.contains("办公室"),
        "{line}"
    );
    let keys = [
        "not_started",
        "in_progress",
        "blocked",
        "done",
        "closed",
        "overdue",
        "missing_feedback",
    ];
    for (by, caption, counts) in [("section", "By section", 1), ("division", "By division", 3)] {
        let report = json_at(env, when, &["report", "--format", "json", "--by", by]);
        let plan = &report["plans"][0];
        let mut want: Vec<Value> = plan["figures"].as_array().unwrap().clone();
        want.push(plan["total"].clone());
        let lines = figure_lines(sheet, caption, want.len());
        for (i, (line, f)) in lines.iter().zip(&want).enumerate() {
            let total = i + 1 == want.len();
            let key = if total {
                "Total"
            } else {
                f["key"].as_str().unwrap()
            };
            assert_eq!(text(&line[0]), key, "{when}");
            assert_eq!(text(&line[2]), f["tasks"].to_string(), "{when} {key}");
            if by == "division" && !total {
                assert_eq!(text(&line[3]), f["lead"].to_string(), "{when} {key}");
                assert_eq!(text(&line[4]), f["support"].to_string(), "{when} {key}");
            }
            for (k, name) in keys.iter().enumerate() {
                assert_eq!(
                    text(&line[counts + 2 + k]),
                    f[name].to_string(),
                    "{when} {key} {name}"
                );
            }
            // By division, the reminders sent come before the completion.
            let mut at = counts + 2 + keys.len();
            if by == "division" {
                assert_eq!(
                    text(&line[at]),
                    f["reminders"].to_string(),
                    "{when} {key} reminders"
                );
                at += 1;
            }
            let Data::Float(share) = line[at] else {
                panic!("completion is not a number: {line:?}");
            };
            assert_eq!(
                (share * 100.0).round() as u64,
                f["completion"].as_u64().unwrap(),
                "{when} {key}"
            );
        }
    }
}

#[test]
fn summary_figures_are_those_of_the_json_report() {
    let env = office();
    // Before the last return (2016-10-08), every task is assessed; after
    // it, the figures come from the states kept with the tasks.
    check_summary(&env, "2016-10-01");
    check_summary(&env, AS_OF);
    check_summary(&env, "2030-01-01");
    // One task of 19 closed: a completion the figures show; and overdue
    // work once the year is over.
    let total =
        json_at(&env, "2030-01-01", &["report", "--format", "json"])["plans"][0]["total"].clone();
    assert_eq!(total["closed"], 1);
    assert_eq!(total["completion"], 5);
    assert!(total["overdue"].as_u64().unwrap() > 10);
}

#[test]
fn sheets_are_frozen_filtered_charted_and_set_up_for_a4_landscape() {
    let env = office();
    let book = report_book(&env, "r.xlsx", &["--lang", "zh"]);
    let workbook = part(&book, "xl/workbook.xml");
    for sheet in 1..=3 {
        let xml = part(&book, &format!("xl/worksheets/sheet{sheet}.xml"));
        let frozen_rows = if sheet == 1 {
            "ySplit=\"2\""
        } else {
            "ySplit=\"1\""
        };
        assert!(
            xml.contains(frozen_rows) && xml.contains("state=\"frozen\""),
            "sheet {sheet}: frozen header rows"
        );
        assert!(
            xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
            "sheet {sheet}"
        );
        let setup = &xml[xml.find("<pageSetup ").expect("page set-up")..];
        let setup = &setup[..setup.find("/>").unwrap()];
        // One page wide (Excel's default width when fitting), as long as
        // it takes.
        assert!(
            setup.contains("paperSize=\"9\"")
                && setup.contains("orientation=\"landscape\"")
                && setup.contains("fitToHeight=\"0\"")
                && (!setup.contains("fitToWidth") || setup.contains("fitToWidth=\"1\"")),
            "sheet {sheet}: {setup}"
        );
        assert!(
            workbook.contains(&format!(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{}\">",
                sheet - 1
            )),
            "sheet {sheet}: header rows printed on every page"
        );
        assert!(xml.contains("<cols>"), "sheet {sheet}: column widths");
    }
    // Filters on the task and warning sheets, over their header and lines.
    let tasks = part(&book, "xl/worksheets/sheet2.xml");
    let lines = rows(&book, "任务明细").len();
    assert!(
        tasks.contains(&format!("<autoFilter ref=\"A1:R{lines}\"/>")),
        "task filter"
    );
    assert!(part(&book, "xl/worksheets/sheet3.xml").contains("<autoFilter ref=\"A1:H"));
    // The summary's title merged across the tables, and two column charts.
    let summary = part(&book, "xl/worksheets/sheet1.xml");
    assert!(summary.contains("<mergeCell ref=\"A1:"), "merged title");
    let charts: Vec<String> = parts(&book)
        .into_iter()
        .filter(|p| p.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 2, "{charts:?}");
    for chart in &charts {
        let xml = part(&book, chart);
        assert!(xml.contains("<c:barChart>") && xml.contains("<c:barDir val=\"col\"/>"));
    }
    assert!(part(&book, "xl/charts/chart1.xml").contains("各部分销号率"));
    assert!(part(&book, "xl/charts/chart2.xml").contains("各处室销号率"));
}

/// The fill colour of each cell style, by the style's number.
fn style_fills(book: &Path) -> Vec<Option<String>> {
    let styles = part(book, "xl/styles.xml");
    let section = |tag: &str| {
        let start = styles.find(&format!("<{tag}")).expect(tag);
        let end = styles.find(&format!("</{tag}>")).expect(tag);
        styles[start..end].to_string()
    };
    let fills: Vec<Option<String>> = section("fills")
        .split("<fill>")
        .skip(1)
        .map(|f| {
            f.find("fgColor rgb=\"")
                .map(|i| f[i + 13..i + 21].to_string())
        })
        .collect();
    section("cellXfs")
        .split("<xf ")
        .skip(1)
        .map(|xf| {
            let i = xf.find("fillId=\"").expect("fillId") + 8;
            let id: usize = xf[i..].split('"').next().unwrap().parse().unwrap();
            fills[id].clone()
        })
        .collect()
}

#[test]
fn lights_are_cell_fills() {
    let env = office();
    let book = report_book(&env, "r.xlsx", &["--lang", "zh"]);
    let fills = style_fills(&book);
    let xml = part(&book, "xl/worksheets/sheet3.xml");
    // Each light cell of the warning sheet (column A) has the fill of its
    // colour.
    let mut seen = Vec::new();
    for cell in xml.split("<c r=\"A").skip(2) {
        let style: usize = cell
            .split("s=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a styled light")
            .parse()
            .unwrap();
        let word = cell
            .split("<t>")
            .nth(1)
            .unwrap()
            .split("</t>")
            .next()
            .unwrap();
        let want = match word {
            "红" => "FFFFC7CE",
            "黄" => "FFFFEB9C",
            "绿" => "FFC6EFCE",
            other => panic!("not a light: {other}"),
        };
        assert_eq!(fills[style].as_deref(), Some(want), "{word}");
        seen.push(word.to_string());
    }
    assert!(seen.contains(&"红".to_string()) && seen.contains(&"黄".to_string()));
    // On the task sheet too: the closed task has no light, the others one.
    let sheet = rows(&book, "任务明细");
    let light = column(&sheet, "灯号");
    let lit = sheet[1..]
        .iter()
        .filter(|l| !text(&l[light]).is_empty())
        .count();
    let closed = sheet[1..]
        .iter()
        .filter(|l| text(&l[column(&sheet, "任务状态")]) == "已销号")
        .count();
    assert_eq!(lit + closed, sheet.len() - 1);
    assert!(closed > 0);
}

#[test]
fn the_list_workbook_has_the_tables_columns_and_its_tasks() {
    let env = office();
    at(
        &env,
        AS_OF,
        &[
            "list",
            "--division",
            "法规处",
            "--format",
            "xlsx",
            "-o",
            "l.xlsx",
            "--lang",
            "zh",
        ],
    );
    let book = env.path("l.xlsx");
    assert_eq!(open(&book).sheet_names(), ["任务清单"]);
    let sheet = rows(&book, "任务清单");
    let headers: Vec<String> = sheet[0].iter().map(text).collect();
    assert_eq!(
        headers,
        [
            "任务编号",
            "部分",
            "任务名称",
            "牵头处室",
            "配合处室",
            "完成时限",
            "任务状态",
            "灯号",
            "待办时限事项"
        ]
    );
    let listed = json_at(
        &env,
        AS_OF,
        &["list", "--division", "法规处", "--format", "json"],
    );
    let listed = listed.as_array().unwrap();
    assert_eq!(sheet.len() - 1, listed.len());
    for (line, task) in sheet[1..].iter().zip(listed) {
        assert_eq!(text(&line[0]), task["id"]);
        assert_eq!(text(&line[2]), task["title"]);
        let Data::DateTime(due) = &line[5] else {
            panic!("due is not a date: {line:?}");
        };
        assert_eq!(
            due.as_datetime().unwrap().date().to_string(),
            task["due"].as_str().unwrap()
        );
    }
    let xml = part(&book, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("state=\"frozen\"") && xml.contains("<autoFilter ref=\"A1:I"));
    assert!(xml.contains("orientation=\"landscape\""));
    // No task listed: the sheet says so under its header.
    at(
        &env,
        AS_OF,
        &[
            "list",
            "--status",
            "withdrawn",
            "--format",
            "xlsx",
            "-o",
            "none.xlsx",
        ],
    );
    let sheet = rows(&env.path("none.xlsx"), "Tasks");
    assert_eq!(sheet.len(), 2);
    assert_eq!(text(&sheet[1][0]), "No tasks match.");
}

const SECOND_PLAN: &str = r#"
[plan]
id = "2017-second-plan-with-a-long-id"
title = "第二个方案"
office = "办公室"
issued = 2016-07-01
due = 2016-12-31

[[division]]
name = "办公室"

[[section]]
id = "1"
title = "唯一部分"
role = "own"

[[task]]
id = "9.1"
section = "1"
title = "第二方案的任务"
lead = "办公室"
"#;

#[test]
fn several_plans_have_sheets_of_their_own() {
    let env = office();
    env.write("second.toml", SECOND_PLAN);
    at(&env, AS_OF, &["load", "second.toml"]);
    let book = report_book(&env, "r.xlsx", &["--lang", "en"]);
    let names = open(&book).sheet_names();
    // In the order of the plans' ids.
    assert_eq!(
        names,
        [
            "2017-second-plan-with-a Summary",
            "2017-second-plan-with-a-l Tasks",
            "2017-secon Overdue and warnings",
            "fjdrc-2016-zwgk Summary",
            "fjdrc-2016-zwgk Tasks",
            "fjdrc-2016 Overdue and warnings",
        ]
        .map(|n| {
            // Excel's limit is 31 characters: a long plan id is cut short.
            assert!(n.chars().count() <= 31, "{n}");
            n
        })
    );
    let second = rows(&book, "2017-second-plan-with-a-l Tasks");
    assert_eq!(sheet_ids(&second), ["9.1"]);
}

fn sheet_ids(sheet: &[Vec<Data>]) -> Vec<String> {
    sheet[1..].iter().map(|l| text(&l[0])).collect()
}

#[test]
fn a_workbook_is_refused_on_a_terminal() {
    let env = office();
    // `script` gives the command a terminal for its output.
    let command = format!(
        "'{}' --as-of {AS_OF} report --format xlsx",
        env!("CARGO_BIN_EXE_tasks")
    );
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env.dir.path())
        .env("TASKS_DB", &env.db)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("TASKS_NOW");
    let run = match script.output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: no `script` to give a terminal ({e})");
            return;
        }
    };
    let shown = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(2), "{shown}");
    assert!(shown.contains("standard output is a terminal"), "{shown}");
    assert!(!shown.contains("PK"), "no workbook bytes: {shown}");
}

#[test]
fn output_into_a_missing_folder_is_one_message_and_no_file() {
    let env = office();
    for format in ["xlsx", "csv"] {
        let run = env.tasks_at(
            AS_OF,
            &["report", "--format", format, "--output", "missing/r.out"],
        );
        assert_eq!(run.status, 2, "{format}");
        assert_eq!(
            run.stderr, "error: cannot write missing/r.out: no such folder\n",
            "{format}"
        );
        assert_eq!(run.stdout, "");
    }
    assert!(!env.path("missing").exists());
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.starts_with("tasks.db")), "{names:?}");
}

/// A plan of `n` tasks due at the end of 2026, and a return for each.
fn big_plan(n: usize) -> (String, String) {
    let mut plan = String::from(
        "[plan]\nid = \"big\"\ntitle = \"大方案\"\noffice = \"办公室\"\nissued = 2026-01-05\n\
         due = 2026-12-31\n\n[[division]]\nname = \"办公室\"\n\n\
         [[section]]\nid = \"1\"\ntitle = \"牵头工作\"\nrole = \"lead\"\n",
    );
    let mut returns = String::from("task,division,status,percent,note,by,at\n");
    for k in 1..=n {
        plan += &format!(
            "\n[[task]]\nid = \"1.{k}\"\nsection = \"1\"\ntitle = \"第{k}项工作\"\nlead = \"办公室\"\n"
        );
        returns += &format!("1.{k},办公室,in-progress,10,第{k}项进展,张三,2026-01-05 10:00\n");
    }
    (plan, returns)
}

#[test]
fn a_write_that_fails_part_way_leaves_the_earlier_file_and_no_part() {
    // The last page of the latest returns is damaged: the figures and the
    // items (read from the states kept with each task) are read whole, and
    // the task lines fail at their last chunk, after the others are written.
    const N: usize = 9000;
    let env = Env::new();
    let (plan, returns) = big_plan(N);
    env.write("big.toml", plan);
    env.write("returns.csv", returns);
    env.tasks_at("2026-01-05T12:00", &["load", "big.toml"]).ok();
    env.tasks_at("2026-01-05T12:00", &["feedback", "--from", "returns.csv"])
        .ok();
    let (page, size) = {
        let conn = rusqlite::Connection::open(&env.db).expect("open");
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .expect("checkpoint");
        let page: i64 = conn
            .query_row(
                "SELECT pageno FROM dbstat WHERE name = 'latest' AND pagetype = 'leaf'
                 ORDER BY path DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .expect("last page");
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("page size");
        (page, size)
    };
    let mut bytes = std::fs::read(&env.db).expect("read");
    let at = ((page - 1) * size) as usize;
    bytes[at..at + size as usize].fill(0xff);
    std::fs::write(&env.db, bytes).expect("write");
    // The figures and the items are read whole: what fails below is the
    // reading of the task lines.
    env.tasks_at("2026-01-06", &["check"]).ok();
    env.tasks_at(
        "2026-01-06",
        &[
            "report",
            "--summary",
            "--format",
            "xlsx",
            "--output",
            "summary.xlsx",
        ],
    )
    .ok();
    for (format, name) in [("xlsx", "r.xlsx"), ("csv", "r.csv")] {
        env.write(name, "earlier");
        let run = env.tasks_at(
            "2026-01-06",
            &["report", "--format", format, "--output", name],
        );
        assert_eq!(run.status, 2, "{format}: {}", run.stderr);
        assert!(
            run.stderr.contains("the database file is damaged") && run.stderr.lines().count() == 1,
            "{format}: {}",
            run.stderr
        );
        assert_eq!(std::fs::read_to_string(env.path(name)).unwrap(), "earlier");
    }
    let left: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn bom_starts_csv_when_asked_or_implied_by_a_csv_file() {
    let env = office();
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let stdout_of = |args: &[&str]| {
        let mut all = vec!["--as-of", AS_OF];
        all.extend_from_slice(args);
        let out = env.command(&all).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        out.stdout
    };
    for command in ["report", "list"] {
        let plain = stdout_of(&[command, "--format", "csv"]);
        let marked = stdout_of(&[command, "--format", "csv", "--bom"]);
        assert!(!plain.starts_with(BOM), "{command}");
        assert_eq!(marked, [BOM, plain.as_slice()].concat(), "{command}");
        // A file named .csv is meant for Excel: marked without asking.
        let file = format!("{command}.csv");
        stdout_of(&[command, "--format", "csv", "--output", &file]);
        assert_eq!(std::fs::read(env.path(&file)).unwrap(), marked, "{command}");
        // Not a .csv file: only when asked.
        let file = format!("{command}.txt");
        stdout_of(&[command, "--format", "csv", "--output", &file]);
        assert_eq!(std::fs::read(env.path(&file)).unwrap(), plain, "{command}");
        // JSON never.
        assert!(!stdout_of(&[command, "--format", "json", "--bom"]).starts_with(BOM));
    }
}

#[test]
fn csv_is_in_chinese_under_lang_zh() {
    let env = office();
    let report = at(&env, AS_OF, &["report", "--format", "csv", "--lang", "zh"]);
    let header = report.lines().next().unwrap();
    assert_eq!(
        header,
        "方案,任务编号,部分,任务名称,任务状态,完成时限,是否逾期,灯号,待办时限事项,本期未反馈,\
         责任处室,承担方式,反馈状态,进度(%),情况说明,填报单位,填报时间"
    );
    let lines = csv_records(&report);
    let line = |task: &str, assignee: &str| {
        lines
            .iter()
            .find(|r| &r[1] == task && &r[10] == assignee)
            .unwrap_or_else(|| panic!("no line {task} {assignee}"))
            .clone()
    };
    let first = line("1.1", "信用办");
    assert_eq!(
        [&first[4], &first[6], &first[7], &first[9], &first[11], &first[12]],
        ["推进中", "否", "黄", "否", "牵头", "推进中"]
    );
    assert_eq!(&line("1.1", "数字福建技术应用处")[11], "配合");
    assert_eq!(&line("1.7", "法规处")[4], "已销号");
    assert_eq!(&line("2.1", "法规处")[12], "受阻");
    let overdue = line("3.3", "各政策起草处室");
    assert_eq!([&overdue[6], &overdue[7]], ["是", "红"]);
    // The list, and the figures.
    let list = at(&env, AS_OF, &["list", "--format", "csv", "--lang", "zh"]);
    assert!(list.starts_with(
        "方案,任务编号,部分,任务名称,牵头处室,配合处室,完成时限,任务状态,灯号,待办时限事项\n"
    ));
    assert!(list.contains(",已销号,"), "{list}");
    let figures = at(
        &env,
        AS_OF,
        &[
            "report",
            "--summary",
            "--format",
            "csv",
            "--lang",
            "zh",
            "--by",
            "division",
        ],
    );
    assert!(
        figures.starts_with("方案,处室,类型,任务数,牵头,配合,未启动,"),
        "{figures}"
    );
    assert!(
        figures.contains(",法规处,处室,") && figures.contains(",合计,"),
        "{figures}"
    );
}

#[test]
fn csv_stays_english_by_default_even_under_a_chinese_locale() {
    let env = office();
    let mut cmd = env.command(&["--as-of", AS_OF, "report", "--format", "csv"]);
    cmd.env("LANG", "zh_CN.UTF-8");
    let report = run(cmd);
    assert!(
        report
            .ok()
            .starts_with("plan,task,section,title,status,due,overdue,light,"),
        "{}",
        report.stdout
    );
    assert!(report
        .stdout
        .contains(",in-progress,2016-12-31,false,yellow,"));
    assert!(!report.stdout.contains("推进中"));
    let mut cmd = env.command(&["--as-of", AS_OF, "list", "--format", "csv"]);
    cmd.env("LANG", "zh_CN.UTF-8");
    let list = run(cmd);
    assert!(list
        .ok()
        .starts_with("plan,id,section,title,lead,support,due,status,light,"));
    let en = at(&env, AS_OF, &["report", "--format", "csv", "--lang", "en"]);
    assert_eq!(en, report.stdout);
    let figures = at(&env, AS_OF, &["report", "--summary", "--format", "csv"]);
    assert!(
        figures
            .lines()
            .any(|l| l.starts_with("fjdrc-2016-zwgk,,,19,")),
        "{figures}"
    );
}
